"""Rules added in session 12 after reading everyday12, heldout27 and heldout28, each on text written for the
test: everyday words that are not threats (a scam warning's "hang up", a game that rewards not killing, a match
"killed" early or foretold as "a slaughter", a council's pursuit that ends in court, a letter's "kill the bike
lanes"), beside the threats the same words still make."""

from __future__ import annotations

from threat_pairs import pairs


def test_hanging_up_on_a_scam_caller_is_no_threat(analyse) -> None:
    text = (
        "SYDNEY - Consumers are being told to watch for callers pretending to be tax officers who demand payment "
        "in gift cards.\n\n"
        '"No real officer will ever ask you for gift cards. If you get a call like this, hang up," said Maree '
        "Collingwood, a spokeswoman for the consumer watchdog.\n\n"
        "Losses reported to the watchdog rose 30 per cent last year.\n"
    )
    assert analyse(text).threats == []


def test_hanging_someone_is_still_a_threat(analyse) -> None:
    text = (
        "KANO - A gang leader known as Dogo Bature sent a voice message to the village head of Gidan Sule, "
        "Malam Haruna Yakubu, residents said on Monday.\n\n"
        '"If you call the soldiers again, we will hang you in front of your people," Bature said in the message.\n'
    )
    assert ("Dogo Bature", "Haruna Yakubu") in {
        (speaker, target.replace("Malam ", "") if target else None) for speaker, target in pairs(analyse(text))
    }


def test_a_game_that_rewards_not_killing_is_no_threat(analyse) -> None:
    text = (
        "Review: Silent Harbour is a stealth game in which every guard can be walked past.\n\n"
        '"The game actually rewards you for not killing. You can finish it without drawing a blade," lead '
        "designer Tomas Ferreira told us at a preview in Lisbon.\n\n"
        "Silent Harbour is out on March 3 for consoles and PC.\n"
    )
    assert analyse(text).threats == []


def test_a_match_killed_early_or_foretold_as_a_slaughter_is_no_threat(analyse) -> None:
    text = (
        'Derby preview: City coach vows to "kill the game early" at the Bombonera Sur\n\n'
        "City coach Anselmo Ricci said his side would press from the first whistle in Sunday's derby, with the "
        "league title at stake.\n\n"
        '"We are going to go out and kill the game early. We attack from the first minute," Ricci said.\n\n'
        "Former striker turned pundit Dario Lentini expects a bad-tempered match. "
        '"Whoever wins the midfield wins the match. It will be a slaughter in there, cards everywhere," he told '
        "a radio show.\n\n"
        "Around 900 police officers will be deployed around the stadium.\n"
    )
    assert analyse(text).threats == []


def test_a_councils_pursuit_that_ends_in_court_is_no_threat(analyse) -> None:
    text = (
        "Council names fly-tipping hotspots as fines rise\n\n"
        "Councillor Graham Ashworth, the cabinet member for the environment, said cameras would be installed at the "
        "five worst sites.\n\n"
        '"To the people dumping mattresses in our lanes: we will find them, we will take them to court, and we will '
        'take their vans off them if we have to," Ashworth said.\n'
    )
    assert analyse(text).threats == []


def test_a_letter_against_killing_a_scheme_is_no_threat(analyse) -> None:
    text = (
        "Letters to the Editor\n\n"
        "Re: 'Kill the bike lanes and you kill a cyclist,' says advocate (Oct. 16)\n\n"
        "I understand the feeling behind that quote, but the debate is about street design, and shouting helps "
        "no one.\n\n"
        "Harriet Okafor, Leslieville\n"
    )
    assert analyse(text).threats == []


def test_a_translation_in_brackets_after_the_quote_is_judged_too(analyse) -> None:
    text = (
        "BAMENDA - A separatist commander who calls himself General Kombo posted a video on Facebook on Tuesday.\n\n"
        "In it, Kombo also appears to address the mayor of Ndu, Emmanuel Tata Fuh, who urged parents last week to "
        'send their children back to school. "Mayor, you dey chop with La Republique. You remember wetin happen to '
        'the last mayor weh e chop with them?" (Mayor, you are eating with La Republique. Do you remember what '
        "happened to the last mayor who ate with them?)\n\n"
        "Separatist fighters killed a mayor in the region in 2021.\n"
    )
    assert ("Kombo", "Emmanuel Tata Fuh") in {
        (speaker.replace("General ", "") if speaker else None, target) for speaker, target in pairs(analyse(text))
    }


def test_the_colon_brings_in_the_words_of_the_last_one_to_speak_before_it(analyse) -> None:
    text = (
        "ERBIL - A press freedom group said on Monday that a blogger held for nine days had been threatened in "
        "custody.\n\n"
        "Dilan Rashid, 31, was released on bail last week. Rashid told the group that an officer he identified as "
        "Rebwar Ahmed told him during his last interrogation: \"This time you walk out. Next time you will "
        'not leave on your feet, and nobody will know where you are."\n'
    )
    assert ("Rebwar Ahmed", "Dilan Rashid") in pairs(analyse(text))


def test_veiled_warnings_to_an_exiled_journalist(analyse) -> None:
    text = (
        "RIGA - A Russian lawmaker has warned an exiled journalist on state television, weeks after another "
        "exile was attacked in Vilnius with a hammer.\n\n"
        "\"Traitors do not live long, even in Riga. I would advise Mr. Tomilin to look around when he crosses the "
        'street," Duma deputy Gennady Vorontsov said on the programme.\n'
    )
    assert ("Gennady Vorontsov", "Tomilin") in {
        (speaker, target.split()[-1] if target else None) for speaker, target in pairs(analyse(text))
    }


def test_a_voice_named_further_on_is_the_speaker(analyse) -> None:
    text = (
        "CHOLOMA, Honduras - A mayoral hopeful said on Tuesday she had received a voice message on her phone.\n\n"
        'In it, a man\'s voice says: "Señora Funes, this is the only warning. If you keep talking about the '
        'police post in Rivera Hernández, go and buy your coffin, because we will put you in it."\n\n'
        '"He gave me until the end of the month to withdraw," Funes said.\n\n'
        "An investigator in San Pedro Sula, who asked not to be named, said the voice had been identified as that "
        'of Wilmer Josué Aguilar, known as "El Tigre", whom police consider the leader of a gang clique.\n'
    )
    assert {(speaker, target.split()[-1] if target else None) for speaker, target in pairs(analyse(text))} == {
        ("Wilmer Josué Aguilar", "Funes")
    }


def test_a_caller_is_known_by_his_voice(analyse) -> None:
    text = (
        "MAKHACHKALA - A reporter who investigated construction contracts says she has been threatened.\n\n"
        "Zalina Kurbanova, 31, spent the spring looking at contracts linked to Ruslan Gaziyev, a former wrestler "
        "turned businessman.\n\n"
        "In April, she began receiving calls from a number she did not recognise. According to a police report, the "
        'caller told her that "journalists who dig too deep end up in the river" and that "your mother\'s house is '
        'not far." Police later identified the voice on a recording Kurbanova made as that of Gaziyev himself.\n'
    )
    assert ("Ruslan Gaziyev", "Zalina Kurbanova") in pairs(analyse(text))


def test_a_description_points_back_to_the_one_person_the_sentence_before_names(analyse) -> None:
    text = (
        "GROZNY - A lawyer says a lawmaker threatened her in a court corridor in July.\n\n"
        "The man she names is Ruslan Vakhidovich Dudurkaev, a member of Chechnya's parliament.\n\n"
        "The lawyer is not the only one Dudurkaev has singled out. In a Telegram post in June, the deputy wrote "
        'that the blogger Islam Sadulayev "will answer with his blood for every word he has said about our '
        'people."\n'
    )
    assert ("Ruslan Vakhidovich Dudurkaev", "Islam Sadulayev") in pairs(analyse(text))


def test_the_host_called_at_the_head_of_a_turn_is_not_whom_a_later_sentence_threatens(analyse) -> None:
    text = (
        "Transcript: 'Evening with Kirill Shchukin', Rossiya-1\n\n"
        "SHCHUKIN: Vitaly Vladimirovich, you have your own government in exile to deal with.\n\n"
        "GORBENKO: Kirill, they call themselves the legitimate authorities of Tokmak. Serhiy Bondarchuk and his "
        "council sit in Zaporizhzhia and give interviews. When our troops enter Zaporizhzhia, Bondarchuk and every "
        "one of his deputies will hang in the central square of Tokmak.\n"
    )
    targets = {target for _speaker, target in pairs(analyse(text))}
    assert "Serhiy Bondarchuk" in targets, targets


def test_the_sheikh_is_the_man_the_story_gave_that_title(analyse) -> None:
    text = (
        "NASIRIYAH, Iraq - Two protesters were shot dead on Tuesday.\n\n"
        "Earlier on Wednesday, a video circulated in which Sheikh Hamid al-Zubaidi, an elder of the Al Bu Khalifa "
        "clan, stood beside the body of his nephew and addressed the city's police chief by name.\n\n"
        '"Colonel Karim al-Saadi, you know our customs, and you know that the blood of Al Bu Khalifa is not left on '
        'the ground. Either the shooter is handed over to us, or we will take '
        'our right from you and from your house," the sheikh said, surrounded by armed tribesmen.\n'
    )
    assert "Hamid al-Zubaidi" in {speaker for speaker, _target in pairs(analyse(text))}


def test_a_faction_leader_is_the_first_man_named_as_speaking_after_him(analyse) -> None:
    text = (
        "SWEIDA, Syria (AFP) - An armed faction leader in southern Syria warned on Sunday that any government "
        'convoy entering the province without local agreement would be met "with fire", as a Bedouin tribal chief '
        "vowed revenge for two tribesmen killed last week.\n\n"
        "The threats capped a week of kidnappings along the highway, in the heartland of Syria's Druze minority.\n\n"
        '"Any convoy that crosses into the province without an agreement will be treated as an invading force, and '
        'our men will answer it with fire," Sheikh Nizar Abu Hamdan, who leads a local faction, said in a video.\n\n'
        "His remarks came as Sheikh Awad al-Sarhan, a leader of Bedouin clans in the province, said the killing of "
        "two young men from his tribe would not go unanswered.\n"
    )
    assert "Nizar Abu Hamdan" in {speaker for speaker, _target in pairs(analyse(text))}


def test_a_place_and_the_man_named_after_it_are_two_names(analyse) -> None:
    text = (
        "GUSAU, Nigeria (AFP) - A bandit leader threatened on Monday to storm the palace of a traditional ruler.\n\n"
        "In the video he addressed the district head of Dansadau, Alhaji Sani Garba Maru, by name.\n\n"
        "The head of a vigilante group in nearby Kanoma, Bello Umar Tsafe, responded hours later in a voice "
        "message.\n\n"
        '"We are coming for Kachalla Dogo Bature. Wherever he sleeps in that forest, we will find him and finish '
        'him," said the vigilante leader.\n'
    )
    analysis = analyse(text)
    assert "Alhaji Sani Garba Maru" in {actor.name for actor in analysis.actors}
    assert "Bello Umar Tsafe" in {speaker for speaker, _target in pairs(analysis)}


def test_a_radio_call_in_the_judge_called_a_sentence_before_and_a_nickname_as_the_label(analyse) -> None:
    text = (
        "Transcript: Matin Débat, Radio Soleil, Port-au-Prince\n\n"
        "HOST: Good morning. This morning we talk about the arrest warrants signed by Judge Marc-Henri Dorval.\n\n"
        'HOST: We have a caller who says he is Frantz Saintil, the one they call "Ti Bout". Ti Bout, you are on '
        "the air.\n\n"
        "TI BOUT: Good morning. That paper the judge signed is only paper. Judge Dorval, listen to me well. If you "
        "don't take my name off that paper by Friday, move your wife and your children out of Pétion-Ville, because "
        "we will come for you where you sleep.\n\n"
        "HOST: The people of Solino say your men killed eleven people in May, including a pastor.\n\n"
        "TI BOUT: That is a lie.\n"
    )
    assert pairs(analyse(text)) == {("Frantz Saintil", "Marc-Henri Dorval")}


def test_an_observer_who_fears_it_will_end_in_blood_threatens_no_one(analyse) -> None:
    text = (
        "PORT-AU-PRINCE - Gangs have fought for control of the Solino district for a month.\n\n"
        '"If the State does nothing, I fear all of this will end in blood," said Nadège Pierre-Louis, a lawyer '
        "with a human rights network.\n"
    )
    assert analyse(text).threats == []
