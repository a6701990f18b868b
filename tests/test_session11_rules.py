"""Attribution and harm rules added in session 11 after reading heldout21 to heldout26 and everyday9 to
everyday11, each on text written for the test: the group a pronoun points back to, the person a bare title or a
message turns to, the teller who is not named, a relayed account that an "according to" only sources, statements
printed in full, and everyday words that are not threats."""

from __future__ import annotations

from forewarn.model import DocumentAnalysis
from threat_pairs import pairs


def target_forms(analysis: DocumentAnalysis) -> set[str]:
    forms: set[str] = set()
    for threat in analysis.threats:
        if threat.target is not None:
            actor = analysis.actor(threat.target.local_id)
            forms |= {actor.name.lower(), *(alias.lower() for alias in actor.aliases)}
    return forms


def test_a_village_picked_out_then_called_it_is_the_target(analyse) -> None:
    text = (
        "OUAHIGOUYA - A video posted on Sunday shows a man who gives his name as Boubacar Zongo, a commander "
        "of Ansarul Islam.\n\n"
        '"Any hamlet that sends its young men to the Koglweogo has made its choice. We will come at night and we '
        'will burn it, and whoever is inside it will have chosen his end," Zongo says.\n\n'
        "The group killed eleven villagers in an attack near Titao in May.\n"
    )
    analysis = analyse(text)
    assert analysis.threats, "the threat is found"
    # the militia of the relative clause says which hamlets; the hamlets are what he threatens
    forms = target_forms(analysis)
    assert any("hamlet" in form for form in forms), forms


def test_a_bare_title_opening_the_words_is_the_person_holding_it(analyse) -> None:
    text = (
        "WARSAW - Prosecutors charged a 52-year-old man on Friday over dozens of emails sent to Judge Ewelina "
        "Sobczak-Kowal of the Regional Court after she ruled on a media case.\n\n"
        "The suspect, named by prosecutors as Zbigniew P., was detained in Kielce on Tuesday. The case comes five "
        "years after a city mayor was stabbed to death on stage at a charity concert.\n\n"
        'In one email he wrote: "Judge, you will hang from a lamp post with the rest of the traitors."\n\n'
        "The man also left messages at the office of Marek Dudziak, a lawmaker from Lublin.\n\n"
        '"If you vote for that law, I will find you and shoot you like a dog," he said in one of them, '
        "prosecutors said.\n"
    )
    targets = {target for _, target in pairs(analyse(text))}
    assert any("Sobczak" in (t or "") for t in targets), targets
    assert any("Dudziak" in (t or "") for t in targets), targets


def test_a_man_who_did_not_give_his_name_is_not_the_last_man_named(analyse) -> None:
    text = (
        "BAMAKO - Oumar Diarra, a presenter in Ségou, said he had been stopped by armed men last month.\n\n"
        "Aminata Traoré, who hosts a farming programme, said the calls began in June.\n\n"
        '"The man did not say who he was. He said: \'We know where your children go to school. Think of them '
        "before you speak again,'\" she said.\n"
    )
    analysis = analyse(text)
    assert analysis.threats, "the relayed threat is found"
    speakers = {speaker for speaker, _ in pairs(analysis)}
    assert "Oumar Diarra" not in speakers, speakers


def test_according_to_names_who_relays_it_and_the_colonel_who_told_her_spoke(analyse) -> None:
    text = (
        "ADEN - Reporter Salma al-Haddad said she was questioned for six hours by an officer she identified as "
        "Colonel Nasser bin Awadh.\n\n"
        'According to al-Haddad, the colonel told her: "If you write one more line about the prison, you will '
        'disappear like the men you write about."\n'
    )
    found = pairs(analyse(text))
    assert ("Nasser bin Awadh", "Salma al-Haddad") in found, found


def test_a_section_head_of_a_brief_is_not_a_speaker(analyse) -> None:
    text = (
        "Monitoring brief: statements naming individuals\n\n"
        "On 3 March, Brigadier General Hossein Karimzadeh spoke on state television about an exiled presenter.\n\n"
        '"Let her know that the arm of the Revolution is long, and that woman, Leila Sadeghi, will answer for '
        'every word," he said.\n\n'
        "Assessment: We judge it unlikely that the statement was cleared in advance.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert "Assessment" not in speakers, speakers


def test_a_police_detective_promising_to_find_fraudsters_is_no_threat(analyse) -> None:
    text = (
        "Police in Leeds have warned investment scammers that they will be caught.\n\n"
        '"To the people running these schemes, my message is simple: we will hunt you down. However many burner '
        'phones you use, we will follow the money and we will find you," Detective Superintendent Mark Ruddell said.\n'
    )
    assert not analyse(text).threats


def test_everyday_vows_that_disown_violence_are_no_threats(analyse) -> None:
    text = (
        "IBADAN - Opposition candidate Folake Adebanjo told thousands of supporters on Saturday that her party "
        "would win the governorship.\n\n"
        '"We are going to bury them. Not with cutlasses, not with thugs, with our voter cards," she said.\n\n'
        '"That is how you take a state without firing a shot," her campaign manager said.\n\n'
        'Her rival\'s spokesman said: "If she wants a war, she has got one."\n'
    )
    assert not analyse(text).threats


def test_a_veiled_line_turned_into_politics_is_no_threat(analyse) -> None:
    text = (
        "ISLAMABAD - Two party spokesmen clashed on a talk show over the budget on Tuesday.\n\n"
        'ANWAR: Mirza sahib, your days are numbered. This budget will be your government\'s last. The people will '
        "send you home.\n\n"
        "MIRZA: You have been saying that for two years.\n"
    )
    assert not analyse(text).threats


def test_harm_written_as_an_idiom_is_found(analyse) -> None:
    text = (
        "REGGIO CALABRIA - The boss of the clan is on trial for two murders and a bombing.\n\n"
        "A nephew of the accused posted a video on TikTok on Sunday showing the prosecutor's "
        "photograph beside a pistol, police said.\n\n"
        '"Whoever touches the family won\'t make it to Christmas," the caption read, according to investigators.\n\n'
        "In a voice note sent to a local reporter, Franco Salvi, a man said: \"Tell the little photographer to put "
        'the camera away, or we\'ll send him back to his mother in a bag."\n'
    )
    said = " ".join(span.text for threat in analyse(text).threats for span in threat.all_spans())
    assert "make it to Christmas" in said, said
    assert "in a bag" in said, said


def test_a_peoples_word_for_a_state_is_the_state(analyse) -> None:
    text = (
        "SANAA - A spokesman for the Houthis, Ahmed Saleh al-Rubaie, said on Sunday that the group's missiles were "
        "ready.\n\n"
        '"If the Saudi regime returns to its aggression, our missiles will strike the airports of Riyadh and '
        'Jeddah," al-Rubaie '
        "said in a televised speech.\n"
    )
    targets = {target for _, target in pairs(analyse(text))}
    assert "Saudi Arabia" in targets, targets


def test_a_double_surname_is_one_name(analyse) -> None:
    text = (
        "GDANSK - A man was charged on Monday with threatening Judge Katarzyna Zielinska-Bak, prosecutors said.\n\n"
        '"You will hang for this ruling," he wrote in an email to Zielinska-Bak, according to the charge sheet. '
        "The judge has been given police protection.\n"
    )
    targets = {target for _, target in pairs(analyse(text))}
    assert "Katarzyna Zielinska-Bak" in targets, targets


def test_a_communique_reproduced_without_marks_is_its_signers(analyse) -> None:
    text = (
        "Armed front declares police commander a military objective\n\n"
        "Editor's note: The communiqué below reached this newsroom on Sunday. We reproduce it in full.\n\n"
        "PUBLIC COMMUNIQUÉ TO THE COMMUNITIES OF THE RIVER VALLEY\n\n"
        "1. We denounce that the commander of the San Luis police station, Major Rodrigo Pabón Suárez, lets the "
        "paramilitaries enter the valley to murder peasants. For this reason, Major Pabón and the officers who "
        "accompany him are declared a military objective.\n\n"
        "2. We reiterate our willingness to talk peace with the national government.\n\n"
        "Comandante Iván Tenorio\n"
        "Frente Manuel Cepeda Vargas\n"
        "Valle del Río, May 2024\n\n"
        "*\n\n"
        "Major Pabón declined to comment. The governor called the communiqué an act of cowardice.\n"
    )
    found = pairs(analyse(text))
    assert any("Iván Tenorio" in (s or "") and "Rodrigo Pabón" in (t or "") for s, t in found), found


def test_whoever_did_it_to_her_made_the_threat_she_tells_of(analyse) -> None:
    text = (
        "TUMACO, Colombia (Reuters) - A community leader has fled the town after a commander of a dissident "
        "faction gave her 48 hours to leave or be killed, she told reporters on Friday.\n\n"
        "Luz Marina Quiñónez, 44, said two armed men stopped her motorbike and handed her a phone. The man on the "
        'line introduced himself as alias "El Mono", a commander of the Oliver Sinisterra front.\n\n'
        '"He told me I had 48 hours to get out of Tumaco, and that if I was still here on Sunday they would come '
        'for me and for my children," Quiñónez said.\n'
    )
    found = pairs(analyse(text))
    assert ("El Mono", "Luz Marina Quiñónez") in found, found
    assert all(speaker != "Luz Marina Quiñónez" for speaker, _ in found), found


def test_a_judge_passing_sentence_and_what_would_have_been_are_no_threats(analyse) -> None:
    text = (
        "DURBAN - Sentencing the two men to life in prison, Judge Thandi Mokoena told the first accused: \"You "
        "shot him in front of his children, and you shot him for money.\"\n\n"
        "His widow said her husband had believed that if people like him stayed at home, the men with guns would "
        "have won.\n"
    )
    assert not analyse(text).threats


def test_people_the_sentence_names_by_what_they_are_outrank_a_place_named_elsewhere(analyse) -> None:
    text = (
        "ANKARA - Turkey's land forces commander, General Murat Demirkol, visited troops near the border on "
        "Friday. He said the army would keep up its operations in the Qandil mountains.\n\n"
        '"We will bury the terrorists in the caves they dug," Demirkol told soldiers.\n'
    )
    targets = {target for _, target in pairs(analyse(text))}
    assert any(t and "terrorist" in t.lower() for t in targets), targets


def test_the_gender_the_text_gives_decides_whom_he_stands_for(analyse) -> None:
    text = (
        "PORT-AU-PRINCE (AFP) - In the video, gang leader Wilfrid Joseph-Aimé stands in front of a burnt-out "
        "church, surrounded by armed men.\n\n"
        '"Nadège Bellerive, you talk a lot on the radio. One day you will talk with a bullet in your mouth," he '
        "says.\n\n"
        "Bellerive, who presents a morning programme, told AFP she had left her home with her children.\n\n"
        "Later in the video the gang leader turns to the police commissioner of the district, Jacques Moïse.\n\n"
        '"Moïse, if your men come back, we will burn the station with you inside it," he says.\n'
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers == {"Wilfrid Joseph-Aimé"}, speakers


def test_a_caller_who_identified_himself_by_a_nickname_is_that_man(analyse) -> None:
    text = (
        "POPAYAN - Peasant leader Hernando Quilcué received a voice message on Thursday from a man who identified "
        "himself as "
        '"Comandante Tigre" of the Carlos Patiño front. Two leaders were shot dead in the canyon this year.\n\n'
        'In the message the man says: "You have until Sunday. After that do not come crying, because we do not '
        'give a second warning."\n'
    )
    analysis = analyse(text)
    speakers = {speaker for speaker, _ in pairs(analysis)}
    assert analysis.threats, "the threat is found"
    assert speakers & {"Comandante Tigre", "Tigre", "Carlos Patiño"}, speakers


def test_a_denial_in_a_headline_is_no_threat(analyse) -> None:
    text = (
        "Armed front denies threatening Timbiquí mayor\n\n"
        "A dissident front said on Sunday that it had never threatened the mayor of Timbiquí and invited her to "
        "return to her office without fear.\n"
    )
    assert not analyse(text).threats


def test_the_threat_a_caller_made_is_aimed_at_the_one_telling_it(analyse) -> None:
    text = (
        "DUSHANBE - Exiled journalist Rustam Nazarov said he received a call from a man who said he worked for "
        "the GKNB, the state security committee.\n\n"
        '"He said: \'Istanbul will not protect you forever. One day you will wake up in a basement,\'" Nazarov '
        "told reporters.\n"
    )
    found = pairs(analyse(text))
    assert found, "the relayed threat is found"
    # the caller is not named; the service he said he worked for may stand for him, the teller never does
    assert all(speaker != "Rustam Nazarov" and target == "Rustam Nazarov" for speaker, target in found), found


def test_a_digest_item_quoted_under_its_heading_is_the_headings_group(analyse) -> None:
    text = (
        "Telegram monitoring desk | 16 March 2025\n\n"
        "The following items were posted on 15 March to channels run by Saraya al-Intiqam al-Islami.\n\n"
        "1. Statement of the Media Office of Saraya al-Intiqam al-Islami (posted 21:40 Baghdad time)\n\n"
        '"In the name of God, the Most Gracious, the Most Merciful.\n\n'
        "The so-called journalist Haidar al-Khafaji, who sold his pen to the embassy, has spread lies about the "
        "mujahideen. We say to him plainly: we know where you sleep and where your children go to school.\n\n"
        "Media Office of Saraya al-Intiqam al-Islami\n"
        '14 Ramadan 1446"\n\n'
        "Our assessment\n\n"
        'The phrase "we know where you sleep" is more specific than the group\'s usual rhetoric.\n'
    )
    found = pairs(analyse(text))
    assert found, "the statement's threat is found"
    assert all(speaker and "Saraya al-Intiqam" in speaker for speaker, _ in found), found


def test_a_caller_on_behalf_of_a_commander_speaks_for_him(analyse) -> None:
    text = (
        "HUETAMO - Mayoral candidate Rosalba Quiroz says she was threatened again on Sunday, a week after gunmen "
        "killed a local councillor. In a post on X she wrote:\n\n"
        "\"They just called my campaign coordinator: if I show up to vote they will 'pick me up in pieces.' The "
        'man said he was calling on behalf of Comandante Lince. I am going to vote anyway."\n'
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert any(s and "Lince" in s for s in speakers), speakers


def test_a_governments_campaign_against_a_kind_of_people_and_a_disease_are_no_threats(analyse) -> None:
    text = (
        "NAIROBI - Interior Secretary Joseph Wanjala said on Monday that security operations in the north-east "
        "would continue after an attack on a bus killed six people.\n\n"
        '"The government will eliminate these terrorists and anyone who harbours them," Wanjala said. "This menace '
        'will be eliminated."\n\n'
        "KAMPALA - Health officials launched a malaria campaign on Tuesday. Malaria remains the leading cause of "
        "disease in the district, and the mosquito nets and vaccine doses arrived last week, they said. \"Our "
        'enemy is very small, but it kills more children than any gun. We shall hunt it in every house and every '
        'swamp," said the district health officer, Dr Ruth Akello. The outbreak has strained every clinic.\n'
    )
    assert not analyse(text).threats


def test_fight_night_talk_and_a_metaphors_burial_are_no_threats(analyse) -> None:
    text = (
        "LAS VEGAS - The two fighters traded insults at Thursday's press conference before Saturday's main event "
        "in the octagon.\n\n"
        '"He\'s going to shoot, he\'s going to eat a knee, and he\'s going to wake up on the canvas," said Tyler '
        "Brandt of his opponent, Magomed Aliyev.\n\n"
        "RECIFE - At a rally on Sunday, councilwoman Ana Claudia Moreira told supporters: \"The only thing that "
        'will be buried tonight is the arrogance of those who think this city belongs to them."\n'
    )
    assert not analyse(text).threats


def test_whoever_stands_with_an_army_is_threatened_not_supported(analyse) -> None:
    text = (
        "KIRKUK - A statement attributed to the Islamic State circulated on Telegram on Sunday, days after "
        "militants killed three tribesmen near the village of al-Zawiya.\n\n"
        '"To the apostate Thiyab al-Mashhadani and whoever stands with the army: we will hang your head on the '
        'gate of your own guesthouse," the group\'s spokesman, Abu Hafs al-Anbari, said in the statement.\n'
    )
    found = pairs(analyse(text))
    assert any(target and "Mashhadani" in target for _, target in found), found


def test_going_home_in_a_box_and_without_his_legs_are_harm(analyse) -> None:
    text = (
        "BURNLEY - A man sent a string of voicemails to MP Priyanka Shah after she spoke on asylum, a court heard. "
        "Police "
        "said the threats came weeks after a councillor was stabbed to death in a nearby town.\n\n"
        '"You want to fill this country with them, you can go back with them in a box," Keith Daley, 52, said in '
        "one of them, prosecutor Helen Marsh told the court.\n\n"
        "In Beirut, a group calling itself the Guardians of the Quarter warned a television crew on Tuesday: "
        '"Whoever comes with a camera will leave without it, or without his legs."\n'
    )
    said = " ".join(span.text for threat in analyse(text).threats for span in threat.all_spans())
    assert "in a box" in said, said
    assert "without his legs" in said, said
