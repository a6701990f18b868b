"""Rules added in session 13 after reading heldout32 and everyday15, each on text written for the test.

Speakers and targets: a threat a teller reports inside a quote ("He said that if I ..."), a caller who stays
unnamed or names himself, a man of a security force left unnamed, a turn in a record whose member reads out words
she received, a letter on a group's letterhead, a group's statement quoted after the group was introduced, a
lawmaker threatened in the lead and named in the next paragraph. Everyday words: things killed, wars declared on
waiting lists, fighters' trash talk, a judge's sentence, a police minister's "we are coming for you", a purge of a
force's own ranks, "grave misconduct"."""

from __future__ import annotations

from threat_pairs import pairs


def test_a_threat_the_teller_reports_inside_a_quote_is_the_callers(analyse) -> None:
    text = (
        "Election officer says he was threatened over ballot boxes\n\n"
        "Thomas Ngaba is the electoral commission's coordinator in Bossangoa. He told investigators that in May he "
        "received a call from Ousmane Adoum Keita, a sector commander of the Union for Peace in the Central "
        "African Republic whose men hold the roads north of the town.\n\n"
        '"The commander called me after midnight. He said that if I brought the voting materials to Bossangoa, I '
        'would be the first to be buried," Ngaba told investigators.\n\n'
        "Ngaba has moved his family to Bangui.\n"
    )
    assert ("Ousmane Adoum Keita", "Thomas Ngaba") in set(pairs(analyse(text)))


def test_a_caller_who_names_himself_inside_the_quote_makes_the_threat(analyse) -> None:
    text = (
        "A village priest who counts the dead\n\n"
        "The Reverend Yakubu Datti has buried forty-one of his parishioners since January, he says.\n\n"
        "\u201cIn March a man called me. He said his name was Sani Garba and that he knew where my daughters sleep,"
        "\u201d Datti recalls. \u201cHe told me that if I did not stop talking to the soldiers, I would be buried "
        "beside my church.\u201d\n\n"
        "The army says it has increased patrols in the area.\n"
    )
    assert ("Sani Garba", "Yakubu Datti") in set(pairs(analyse(text)))


def test_an_unnamed_caller_who_claims_a_side_speaks_for_it(analyse) -> None:
    text = (
        "Exiled presenter describes calls to her phone\n\n"
        "Nasrin Jafari presents a nightly news programme for a satellite channel in London. She said her colleague "
        "Dariush Karimi was attacked outside his flat in April and survived.\n\n"
        "\"Two weeks later a man called my mobile. He spoke Persian with a Tehran accent. He said he was "
        "\u2018a friend from the Revolutionary Guards\u2019. He said: 'We know which school your son goes to. "
        "Think about him "
        "before your next broadcast,'\" Jafari said.\n"
    )
    speakers = {speaker for speaker, target in pairs(analyse(text)) if target and "Jafari" in target}
    assert speakers == {"Revolutionary Guards"}


def test_an_unnamed_officer_of_a_named_force_speaks_for_the_force(analyse) -> None:
    text = (
        "Journalist's mother questioned for six hours\n\n"
        "Mahsa Rahimi, a presenter for an opposition channel abroad, said her mother was taken in Shiraz last "
        "winter. Not by the police, she said, but by the intelligence organisation of the Islamic Revolutionary "
        "Guard Corps. At the end, the interrogator leaned across the table and told her: \"Tell your daughter "
        'that London is not so far. If she keeps talking on that channel, she will come home in a box."\n'
    )
    assert {speaker for speaker, _ in pairs(analyse(text))} == {"Islamic Revolutionary Guard Corps"}


def test_a_member_reading_out_a_voice_note_is_its_target(analyse) -> None:
    text = (
        "PROVINCIAL ASSEMBLY - OFFICIAL REPORT (EXTRACT)\n\n"
        "MR. SPEAKER: Yes, Rubina Khattak sahiba.\n\n"
        "MS. RUBINA KHATTAK (Reserved seat for women): Thank you, Mr. Speaker. Sir, on the 4th of March I received "
        "a voice note from a foreign number. The man said his name was Qari Sher Zaman and that he was a commander "
        'of the Taliban in Lakki Marwat. He said: "Sister, stop speaking on television against the mujahideen. If '
        'you do not stop, you will meet the same end as the others."\n\n'
        "MR. SPEAKER: The Chair has taken notice.\n"
    )
    assert ("Qari Sher Zaman", "Rubina Khattak") in set(pairs(analyse(text)))


def test_a_letter_on_a_groups_letterhead_is_the_groups(analyse) -> None:
    text = (
        "MR. SPEAKER: Point of order, Malik Arshad Khan Marwat sahib.\n\n"
        "MALIK ARSHAD KHAN MARWAT (PK-98, Karak): Sir, on Friday night a letter was thrown into my hujra. It is "
        "printed on the letterhead of Tehreek-e-Taliban Pakistan, Karak chapter. I will read it out.\n\n"
        '"Malik Arshad, you are working for the army. You are ordered to pay twenty lakh rupees within seven days. '
        'If you fail, your hujra will be blown up and none of your sons will be spared."\n\n'
        "Sir, I will not pay them one rupee.\n"
    )
    found = pairs(analyse(text))
    assert any(speaker == "Tehreek-e-Taliban Pakistan" and target and "Arshad" in target for speaker, target in found)


def test_a_groups_statement_speaks_for_the_group_that_posted_it(analyse) -> None:
    text = (
        "Armed faction threatens lawmaker over bill\n\n"
        "BAGHDAD - Saraya al-Thar, an armed faction in Iraq, threatened on Monday to kill an independent lawmaker "
        "who has backed a bill to put the faction's fighters under the defence ministry.\n\n"
        "In a statement posted on one of its channels, the group named Haidar al-Jubouri, a member of parliament "
        "from Basra, and accused him of serving foreign embassies.\n\n"
        '"To the one who sells the blood of the martyrs in the corridors of parliament: if you bring this law '
        'to a vote, you will pay for it with your own blood," the statement said.\n\n'
        "Jubouri said he would not withdraw the bill.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert "Saraya al-Thar" in speakers
    assert "Haidar al-Jubouri" not in speakers


def test_a_place_of_several_words_is_no_person(nlp) -> None:
    doc = nlp("He said he was a commander of the Taliban in Dera Ismail Khan.")
    assert ("Dera Ismail Khan", "GPE") in {(e.text, e.label_) for e in doc.ents}
    assert "Ismail Khan" not in {e.text for e in doc.ents if e.label_ == "PERSON"}


def test_things_killed_and_wars_on_things_are_no_threats(analyse) -> None:
    text = (
        "Candidates make their final pitch in Ohio\n\n"
        'Businessman Carl Deveraux told supporters in Dayton: "We are going to go to Washington and kill every one '
        'of these job-killing regulations that are strangling this state."\n\n'
        "His rival, state senator Alicia Brandt, promised to protect hospitals. \"If I'm elected, I'll declare war "
        'on the waiting lists at every county hospital," she said.\n\n'
        "A spokesman for the Deveraux campaign said it would \"carpet-bomb\" the Cleveland media market with "
        "advertising in the final week.\n\n"
        '"The markets are not going to kill Ohio, but they are going to make every month of delay more expensive," '
        "said economist Paul Wirth.\n"
    )
    assert analyse(text).threats == []


def test_forms_killed_off_are_no_threat(analyse) -> None:
    text = (
        "Mittelstand candidate promises bonfire of paperwork\n\n"
        '"Every form, every permit, every pointless reporting duty for a bakery with six employees - we are going '
        'to kill them off, one by one," said Klaus Dieterle, the party\'s candidate in Leipzig.\n'
    )
    assert analyse(text).threats == []


def test_fighters_trash_talk_is_no_threat(analyse) -> None:
    text = (
        "'I'm going to put him to sleep': heavyweights trade insults at final press conference\n\n"
        "Marcus Obi and Pavel Dronov had to be separated at the final press conference for Saturday's heavyweight "
        "title fight, hosted by promoter Lenny Vance. The bout is scheduled for twelve rounds.\n\n"
        "OBI: Thank you, Lenny. I'm going to kill him. Saturday night I am going to knock his head off. Book him "
        "an ambulance now.\n\n"
        "DRONOV: He talks. In the ring, talking finishes. I will destroy him in the second round.\n\n"
        "VANCE: Both men made weight at the weigh-in this morning. It's fight week, people.\n"
    )
    assert analyse(text).threats == []


def test_a_judges_sentence_and_a_police_ministers_warning_are_no_threats(analyse) -> None:
    text = (
        "Minister declares war on extortion gangs\n\n"
        "DURBAN - Police Minister Themba Khumalo on Sunday announced a new anti-extortion unit.\n\n"
        '"To the extortionists who are terrorising our businesses and our schools: we are coming for you," '
        "Khumalo told a briefing.\n\n"
        "In a separate case, Judge Anne Whitlock told a man convicted of murder in the city: \"You must understand "
        'that the only sentence I can pass for murder is one of life imprisonment."\n'
    )
    assert analyse(text).threats == []


def test_a_police_chiefs_purge_of_his_own_ranks_is_no_threat(analyse) -> None:
    text = (
        "New recruits told: no room for crooks\n\n"
        "MANILA - The national police chief, General Ramon Villareal, swore in 1,200 recruits on Friday.\n\n"
        '"We will wipe out corrupt cops from our ranks," Villareal said. He said 140 officers had been dismissed '
        "last year for grave misconduct.\n"
    )
    assert analyse(text).threats == []


def test_a_kill_that_is_still_a_threat_outside_the_ring(analyse) -> None:
    text = (
        "Gang leader threatens mayor\n\n"
        "PORT-AU-PRINCE - A gang leader known as Ti Makak warned the mayor of Croix-des-Bouquets, Wilner Jean, in a "
        "video on Sunday.\n\n"
        '"Wilner Jean, if you send the police into our streets again, I am going to kill you," Ti Makak said.\n'
    )
    assert any(target and "Wilner Jean" in target for _, target in pairs(analyse(text)))


def test_a_quote_before_a_rank_abbreviation_is_the_officers(analyse) -> None:
    text = (
        "Army warns militia over rearmament\n\n"
        '"If the militia tries to return to the border villages, we will strike it wherever it is," Brig. Gen. '
        "Yoram Hadas, a senior officer in the Northern Command, told army radio on Thursday.\n"
    )
    assert {speaker for speaker, _ in pairs(analyse(text))} == {"Yoram Hadas"}


def test_a_hand_cut_off_is_a_threat(analyse) -> None:
    text = (
        "Party official warns government over disarmament plan\n\n"
        "In a televised speech on Sunday, Sheikh Hassan Moussawi, a member of the party's political council, "
        "addressed the cabinet.\n\n"
        '"Any hand that reaches out to these weapons, we will cut it off," Moussawi said.\n'
    )
    assert "Hassan Moussawi" in {speaker for speaker, _ in pairs(analyse(text))}


def test_an_officer_who_gave_no_name_speaks_for_the_corps_he_serves(analyse) -> None:
    text = (
        "Reporters describe pressure from paramilitaries\n\n"
        "Waqar Baloch, a reporter in Kech district, said that in October he was summoned to a Frontier Corps camp "
        "outside Turbat.\n\n"
        "\"An officer who did not give his name told me: 'Stop writing about the missing. If you keep going, your "
        "name will be on the list too,'\" Baloch said.\n"
    )
    assert ("Frontier Corps", "Waqar Baloch") in set(pairs(analyse(text)))


def test_a_game_phase_a_killer_blow_and_a_killed_package_are_no_threats(analyse) -> None:
    text = (
        "Rep. Duarte vows to 'kill' spending package as deadline nears\n\n"
        "Rep. Ana Duarte said on Tuesday she would vote against the package. \"Whoever wins the suburbs wins the "
        'war, and right now neither side has landed the killer blow," said pollster Glen Ames.\n\n'
        "On the sports pages, spinner Asif Latif explained the defeat in the second test. \"On this pitch, if you "
        'let the bowlers settle, they will kill you in the middle overs," he said.\n'
    )
    assert analyse(text).threats == []


def test_a_bill_killed_after_a_legislature_sends_it_is_no_threat(analyse) -> None:
    text = 'Governor vows veto\n\n"If the Legislature sends me that bill, I will kill it," Governor Amos Reed said.\n'
    assert analyse(text).threats == []


def test_relayed_veiled_threats_are_threats(analyse) -> None:
    text = (
        "Mayor says cartel men visited his office\n\n"
        "Efrain Galindo, the mayor of San Lucas, said two men came to his office in March. \"One of them said, 'The "
        "boss says you have a very pretty family, presidente. He says you should look after them,'\" Galindo said.\n\n"
        "Separately, the Kashmir police said a teacher, Bilal Ahmad Wani, had received a letter from The Resistance "
        "Front. \"The Resistance Front has a message for your son. Tell him to resign. He should think of his "
        'mother," the letter read, according to his father.\n'
    )
    assert len(analyse(text).threats) == 2


def test_a_letter_signed_after_the_quote_is_the_signers(analyse) -> None:
    text = (
        "Westminster Hall debate: threats to Members\n\n"
        "Mr Tariq Hussain (Leeds North) (Lab): Last month my office received a letter, which I have passed to the "
        "police. It said: \"We know where you pray. If you keep pushing for that extension, the next brick through "
        'your window will have a petrol bomb behind it." It was signed "Northern Shield".\n\n'
        "Ms Ellen Marsh (Bury) (Con): I fear that the next attack on a Member is a question of when, not if.\n"
    )
    assert set(pairs(analyse(text))) == {("Northern Shield", "Tariq Hussain")}


def test_a_threat_told_in_the_passive_is_the_tellers(analyse) -> None:
    text = (
        "Radio host keeps naming gang leader\n\n"
        "Jean-Robert Pierre, who presents the morning show on Radio Lumière, said he would be on air as usual. "
        '"I was told I would be killed if I kept saying his name, and this is the second time," Pierre said.\n'
    )
    assert any(target == "Jean-Robert Pierre" for _, target in pairs(analyse(text)))


def test_a_video_read_out_in_court_is_not_the_judges(analyse) -> None:
    text = (
        "Man jailed for threatening regent over toll road\n\n"
        "MAKASSAR - A court sentenced Budi Santoso, 34, to two years in prison on Monday for a video in which he "
        "threatened the regent of Maros over a land dispute.\n\n"
        "Presiding judge Agus Salim read out the transcript of the video:\n\n"
        '"Regent, you took our land and paid us like beggars. If your bulldozers come to our village again, I will '
        'come to your office with a machete and cut off your head myself."\n'
    )
    assert "Agus Salim" not in {speaker for speaker, _ in pairs(analyse(text))}


def test_a_masked_man_identified_as_the_speaker_speaks(analyse) -> None:
    text = (
        "Militant video threatens mayor\n\n"
        "The clip shows a masked man reading a statement in front of a black banner. Military intelligence officers "
        "identified the speaker as Omar Dimaporo, who leads the group's remnants.\n\n"
        '"To the mayor of Balindong, Sittie Usman: if you keep giving the army the names of our families, you will be '
        'the next to fall," the man says, according to a translation prepared for the police.\n'
    )
    assert "Omar Dimaporo" in {speaker for speaker, _ in pairs(analyse(text))}


def test_a_charge_in_general_words_reports_the_named_threat(analyse) -> None:
    text = (
        "Dayton Man Charged With Threatening Congresswoman\n\n"
        "DAYTON, Ohio - Curtis Wayne Boyd, 47, was charged on Thursday with one count of threatening to murder a "
        "member of the U.S. House of Representatives, according to an indictment unsealed in federal court.\n\n"
        "According to the indictment, Boyd left a voicemail for Representative Dana Whitfield in March. \"You vote "
        'yes on that bill and you will not live to see the next election," he said in the message.\n'
    )
    found = pairs(analyse(text))
    assert {speaker for speaker, _ in found} == {"Curtis Wayne Boyd"}
    assert all(target and target.endswith("Dana Whitfield") for _, target in found)


def test_a_bill_killed_after_it_comes_back_from_the_senate_is_no_threat(analyse) -> None:
    text = (
        "Democrats dig in on spending package\n\n"
        '"We are going to fight this bill in committee, we are going to fight it on the floor, and if it comes '
        'back from the Senate looking like this, we are going to kill it," Rep. Carla Moreno said.\n'
    )
    assert analyse(text).threats == []


def test_an_armys_promised_response_is_a_threat_and_an_analysts_forecast_is_not(analyse) -> None:
    text = (
        "Neighbours trade warnings after deadly firing kills two soldiers\n\n"
        "ISLAMABAD - The military's media wing said on Tuesday that it had noted the remarks of the Indian "
        "commander.\n\n"
        '"Any Indian misadventure, under whatever pretext, will be met with a swift, befitting and full-spectrum '
        'response," the Inter-Services Public Relations said in a statement.\n\n'
        '"I don\'t expect a return to May\'s intensity unless there is another mass-casualty attack," said Nadia '
        "Rauf, an analyst in Lahore.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert "Inter-Services Public Relations" in speakers
    assert "Nadia Rauf" not in speakers


def test_defiance_and_an_advertising_bloodbath_are_no_threats(analyse) -> None:
    text = (
        "Primary heats up as ad spending soars\n\n"
        '"This will be a bloodbath on the airwaves, and she can\'t afford to sleepwalk," said strategist Dale '
        "Prentiss.\n\n"
        'Reporter Lucia Ferrer, who has been targeted online, said: "I am not going to be silenced and I am not '
        'taking anything down."\n'
    )
    assert analyse(text).threats == []
