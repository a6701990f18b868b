"""Who said it, in the ways wire copy, court reports and monitoring transcripts tell it: an official introduced
before he is named, the person a court report accuses, a message read out by someone who did not write it, a
statement that turns to the man it threatens, and transcript turns with timestamps or bracketed labels."""

from __future__ import annotations

import pytest

from threat_pairs import pairs


def test_an_official_introduced_before_he_is_named_is_the_man_named_next(analyse) -> None:
    text = (
        "KIRKUK, May 2 (Reuters) - A senior commander of Saraya Awliya al-Dam said the group would attack "
        "Turkish bases in northern Iraq if Ankara did not withdraw its troops by the end of the month.\n\n"
        "Jaafar Hamid al-Rubaie, who leads the group's operations in Nineveh, made the remarks in a statement "
        "posted on the group's Telegram channel on Thursday.\n\n"
        "\"Every Turkish base on the soil of Iraq will be a target for our drones,\" al-Rubaie wrote.\n\n"
        "Government spokesman Karim al-Sudani said the government rejected any attack on foreign missions.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers == {"Jaafar Hamid al-Rubaie"}, speakers


def test_a_statement_that_turns_to_a_man_is_not_his(analyse) -> None:
    text = (
        "BASRA - Idris Kadhim al-Maliki, the leader of the Ahl al-Thar brigades, posted a statement on Monday, "
        "a day after a roadside bomb killed two of the group's fighters.\n\n"
        "The statement then turned to Salman Yaseen, the lawmaker who proposed the inquiry.\n\n"
        "\"Let Yaseen remember that those who opened files on us before him did not live long enough to close "
        "them,\" it said.\n"
    )
    found = pairs(analyse(text))
    assert found, "the veiled threat is found"
    assert all(speaker != "Salman Yaseen" for speaker, _ in found), found
    assert ("Idris Kadhim al-Maliki", "Salman Yaseen") in found, found


def test_in_a_court_report_the_defendant_and_the_caller_are_the_man_charged(analyse) -> None:
    text = (
        "TUCSON - A Marana man has been charged with threatening a county election official, the U.S. "
        "Attorney's Office said on Wednesday.\n\n"
        "Wayne Dobbins Kerr, 61, is charged with two counts of making interstate threats. According to the "
        "complaint, the defendant called the county recorder's office on March 3 and asked for Recorder Alicia "
        "Fuentes by name. When told she was out, he told the clerk who answered: \"Tell her if she certifies "
        "that count, she won't make it to her car.\"\n\n"
        "\"Threats against election workers are crimes,\" said U.S. Attorney Paul Whitaker.\n"
    )
    found = pairs(analyse(text))
    kerr = {target for speaker, target in found if speaker == "Wayne Dobbins Kerr"}
    assert any("Alicia Fuentes" in (target or "") for target in kerr), found


def test_a_message_read_out_in_court_is_its_senders_not_the_prosecutors(analyse) -> None:
    text = (
        "A man who threatened his MP has been jailed for two years.\n\n"
        "Colin Ashby Rudd, 47, pleaded guilty to sending a threatening communication at Leeds Crown Court.\n\n"
        "The court heard that Rudd sent an email to Joanne Pryce, the Labour MP for the area, the night after she "
        "spoke in a debate on housing.\n\n"
        "Prosecuting, Anna Bellamy read the message to the court. It said: \"You'll go the same way as the other "
        "MPs who were murdered, and nobody will miss you.\"\n"
    )
    found = pairs(analyse(text))
    assert {speaker for speaker, _ in found} == {"Colin Ashby Rudd"}, found
    # the message's "you" is the one it was sent to
    assert ("Colin Ashby Rudd", "Joanne Pryce") in found, found


@pytest.mark.parametrize(
    "line",
    [
        "[00:04:12] KOFI MENSAH-BOATENG: If the district chief signs that order, we will burn his house with him "
        "inside.",
        "[Mensah-Boateng] If the district chief signs that order, we will burn his house with him inside.",
        "[VIDEO - KOFI MENSAH-BOATENG, POSTED ON FACEBOOK]: If the district chief signs that order, we will burn "
        "his house with him inside.",
    ],
)
def test_transcript_turns_with_timestamps_and_bracketed_labels(analyse, line: str) -> None:
    text = (
        "TRANSCRIPT | Evening News - Radio Savannah, Tamale\n\n"
        "[00:00:03] AMA OWUSU: Good evening. The militia leader Kofi Mensah-Boateng has threatened District Chief "
        "Yaw Darko over the land order. Here is what he said.\n\n" + line + "\n\n"
        "[00:05:01] AMA OWUSU: District Chief Darko has asked the police for protection.\n"
    )
    found = pairs(analyse(text))
    assert ("Kofi Mensah-Boateng", "Yaw Darko") in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "\"Tell the judge she should start checking under her car,\" Voss said.",
        "\"If she signs that ruling, she won't make it to her car,\" Voss said.",
    ],
)
def test_veiled_threats_against_an_official_on_her_way_home(analyse, sentence: str) -> None:
    text = (
        "Gunmen linked to militia leader Dieter Voss shot a court clerk in March. Judge Hanna Keller is hearing "
        "the case against the militia. " + sentence + "\n"
    )
    assert ("Dieter Voss", "Hanna Keller") in pairs(analyse(text))


def test_words_quoted_inside_a_victims_account_are_the_tellers(analyse) -> None:
    text = (
        "Samir Haddad, the head of the village council, no longer sleeps in the front room.\n\n"
        "\"He came to my gate with four armed men,\" Haddad said. \"He told me, 'You have until the harvest ends. "
        "After that we come at night, and we will burn the house with you inside.'\"\n\n"
        "The man he says made the threat is Eitan Roshal, 31, who runs the farm outpost on the hill. Roshal "
        "denied it.\n"
    )
    found = pairs(analyse(text))
    assert ("Eitan Roshal", "Samir Haddad") in found, found
    assert all(speaker != "Samir Haddad" for speaker, _ in found), found


def test_a_letter_received_from_a_group_is_the_groups_not_the_receivers(analyse) -> None:
    text = (
        "COTABATO CITY (4 March) - Mayor Datu Hamid Sarip has received a handwritten letter purportedly from the "
        "Bangsamoro Islamic Freedom Fighters warning that the town hall would be burned \"with you inside\" if he "
        "kept letting soldiers sleep there, police said on Monday. A bomb killed two soldiers near the hall last "
        "year.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers and "Datu Hamid Sarip" not in speakers, speakers


def test_leaflets_are_their_signatorys_and_a_dateline_is_no_speaker(analyse) -> None:
    text = (
        "NARATHIWAT: Leaflets threatening Buddhist teachers were found on Tuesday on the road to three schools, "
        "police said. They were signed \"Barisan Revolusi Nasional\", a group that has bombed schools before.\n\n"
        "\"Any teacher who comes to school on Monday will be shot,\" one leaflet said.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers == {"Barisan Revolusi Nasional"}, speakers


def test_a_statement_released_under_a_spokesmans_name_is_his(analyse) -> None:
    text = (
        "QUETTA: The banned Baloch Republican Army has threatened a road contractor, according to a statement "
        "circulated by the group on Sunday.\n\n"
        "The statement, released in Urdu under the name of the group's spokesman Major Gwahram Baloch, accused "
        "the contractor of working for the army.\n\n"
        "\"If work continues after Friday, every vehicle and every man guarding it will be our target,\" the "
        "statement said.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert "Gwahram Baloch" in " ".join(s or "" for s in speakers), speakers
    assert "QUETTA" not in speakers, speakers


def test_he_is_not_the_man_his_quote_names(analyse) -> None:
    text = (
        "In the video, the separatist commander Ambrose Tebo, who calls himself General Fire, turns to the "
        "Divisional Officer, Peter Mbah Nkeng, who has urged parents to send their children back to school.\n\n"
        "\"Nkeng should remember what happened to his brother in Bafut. We know the road he takes every "
        "morning,\" he says.\n"
    )
    found = pairs(analyse(text))
    assert found and all(speaker != "Peter Mbah Nkeng" for speaker, _ in found), found


def test_a_threat_the_teller_reports_inside_his_own_quote_is_the_man_he_names(analyse) -> None:
    text = (
        "MOSUL - A lawyer who represents families of the disappeared said he had been threatened by a local "
        "commander of the Sabireen brigade.\n\n"
        "Omar Salih Jubouri, 41, said the call came on the night of 3 May. \"It was Hajji Nawfal al-Hamdani "
        "himself, I know his voice from the court hearings. He said that if I did not drop the case, I would be "
        "shot and thrown in the river like the others,\" Jubouri said.\n\n"
        "The brigade did not respond to a request for comment.\n"
    )
    found = pairs(analyse(text))
    assert ("Hajji Nawfal al-Hamdani", "Omar Salih Jubouri") in found, found
    assert all(speaker != "Omar Salih Jubouri" for speaker, _ in found), found


def test_he_does_not_stand_for_a_woman_named_just_before(analyse) -> None:
    text = (
        "ARNHEM - A 47-year-old man from Ede was sentenced on Tuesday to eight months in prison for threatening "
        "the councillor Ingrid Veldkamp over several weeks.\n\n"
        "Bastiaan Hoekstra sent the messages from three accounts, the court found. Prosecutors said the threats "
        "followed a council vote on a new asylum centre that Veldkamp had supported. In one message he wrote: "
        "\"You will not see the next council meeting. We know where you park.\"\n"
    )
    found = pairs(analyse(text))
    assert ("Bastiaan Hoekstra", "Ingrid Veldkamp") in found, found


def test_a_letter_signed_by_a_group_calling_itself_x_is_that_groups_and_threatens_its_finder(analyse) -> None:
    text = (
        "Last week Pascal Morvan, the mayor of a village near Vannes, found a typed letter in his letterbox "
        "signed by a group calling itself the Breton Defence Front. \"If the centre opens, your house will burn with "
        "you inside,\" it read. Police are treating it as a death threat; two weeks earlier his car was set on fire.\n"
    )
    found = pairs(analyse(text))
    assert ("Breton Defence Front", "Pascal Morvan") in found, found


def test_a_statement_printed_in_full_speaks_for_the_group_its_heading_names(analyse) -> None:
    text = (
        "Harakat al-Nujaba threatens satellite channel over talk show\n\n"
        "The following statement was circulated on Telegram on Saturday. The episode in question aired on "
        "Thursday.\n\n"
        "Statement from the Military Media Office of the Islamic Resistance - Harakat al-Nujaba\n\n"
        "First: The presenter of the so-called programme has insulted the martyrs. We say to him and to those "
        "who pay him: your tongues will be cut off, and the day of reckoning is near.\n\n"
        "Second: If the channel does not remove the episode within two days, its offices in Baghdad will not be "
        "safe.\n\n"
        "---\n\n"
        "The channel said it would keep the episode online.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers == {"Harakat al-Nujaba"}, speakers


def test_a_pamphlet_quoted_over_two_paragraphs_speaks_for_its_signer_to_the_people_it_declares_targets(
    analyse,
) -> None:
    # the reopening mark of the second paragraph is left out, as translations often print it
    text = (
        "TAME, Arauca - A pamphlet signed by the Northern Bloc of the Popular Liberation Front circulated on "
        "Monday in rural districts of Tame.\n\n"
        "The text reads, in part:\n\n"
        "\"The Northern Bloc informs the communities of Tame: Mr. Rodrigo Suárez Peña and all those who inform "
        "for the army are declared a military objective.\n\n"
        "Likewise, the bus drivers who carry soldiers have 48 hours to stop. Whoever does not comply will be "
        "executed.\"\n\n"
        "Suárez, who leads the community action board, said he would not leave. Governor Alba Restrepo said she "
        "rejected \"any threat against social leaders, whoever it comes from\".\n"
    )
    found = pairs(analyse(text))
    assert ("Popular Liberation Front", "Rodrigo Suárez Peña") in found, found
    assert any(target and "drivers" in target.lower() for speaker, target in found if speaker), found
    assert all(speaker != "Rodrigo Suárez Peña" for speaker, _ in found), found


def test_a_peoples_adjective_and_a_destination_are_not_people_or_targets(analyse) -> None:
    text = (
        "A leaflet signed by the Macina commander Abu Yahya al-Fulani was found nailed to a tree in Dapaong. "
        "\"Togolese soldiers who stay in the Savanes will be buried in the Savanes. Go back to Lomé while you "
        "still have legs,\" it read. The army said Togolese troops would stay.\n"
    )
    analysis = analyse(text)
    targets = {analysis.actor(t.target.local_id).name for t in analysis.threats if t.target}
    assert "Lomé" not in targets, targets
    assert any("Togolese" in name for name in targets), targets


def test_those_who_guide_the_drones_will_share_the_occupiers_fate(analyse) -> None:
    text = (
        "QANDIL, Iraq (AFP) - A senior commander of the People's Defence Forces, Zagros Amedi, warned on Sunday "
        "that collaborators would pay for the drone strikes that killed four fighters last week.\n\n"
        "\"Those who point the way for the occupier's drones will share the occupier's fate,\" Amedi said in a "
        "video, in an apparent reference to officials of the Kurdistan Democratic Party.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert "Zagros Amedi" in speakers, speakers


def test_an_ultimatum_ending_in_a_coffin_is_a_threat_to_the_man_it_names(analyse) -> None:
    text = (
        "SAN PEDRO SULA - A handwritten note was left on Monday at the office of the city's works director, Erick "
        "Fajardo, two weeks after gunmen shot dead two of his demolition workers.\n\n"
        "\"Fajardo, stop the demolitions in the Rivera sector or start looking for a coffin,\" the note read. "
        "Police attributed it to the Barrio 18 gang.\n"
    )
    targets = {target for _, target in pairs(analyse(text))}
    assert "Erick Fajardo" in targets, targets


def test_banners_signed_by_a_cartel_are_its_own_and_the_news_agency_that_saw_them_is_not(analyse) -> None:
    text = (
        "CIUDAD ALTAMIRANO, Mexico (AFP) - Two hand-painted messages appeared overnight on a bridge. The messages "
        "were signed \"Cartel del Balsas\" and addressed to Rosaura Pineda Vargas, a candidate for mayor.\n\n"
        "\"Rosaura, this is your last warning. Withdraw or we will come for you,\" read one of the banners, "
        "according to photographs verified by AFP.\n\n"
        "A second banner was directed at municipal police. \"Police who keep working for the other side will be "
        "hung from this bridge,\" it said.\n"
    )
    analysis = analyse(text)
    found = pairs(analysis)
    speakers = {speaker for speaker, _ in found}
    assert "AFP" not in speakers, found
    assert ("Cartel del Balsas", "Rosaura Pineda Vargas") in found, found
    assert len(analysis.threats) >= 2, found


def test_footage_labels_name_the_man_in_the_clip_and_continue_with_him(analyse) -> None:
    text = (
        "TRANSCRIPT - \"Matin Débat\", Radio Kiskeya\n\n"
        "HOST: Yesterday a video began circulating. In it, the gang leader speaks to the police commander.\n\n"
        "[VIDEO CLIP - JOCELYN \"TI BOUL\" AUGUSTIN]: Commissioner Fénelon, you sent your armoured cars into "
        "our streets. We will find you and we will burn your house.\n\n"
        "HOST: Strong words. Commissioner Fénelon has not responded.\n\n"
        "[VIDEO CLIP, CONTINUED]: And the radios that insult us every morning, we know where your antennas are. "
        "Your stations will burn.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers and all(s and "AUGUSTIN" in s.upper() for s in speakers), speakers


def test_a_nickname_after_a_description_joins_the_named_man(analyse) -> None:
    text = (
        "A city councillor in Rio de Janeiro, Marcia Teixeira Lopes, found a threatening note at her office. "
        "Police said it came from a militia led by Josias Barreto Lins, a former military police corporal known "
        "as Zé Cabeça. In an intercepted call, Lins told a subordinate: \"That councillor is going to get what's "
        "coming to her. After the election she's finished.\" Zé Cabeça is held in the Bangu prison complex.\n"
    )
    analysis = analyse(text)
    people = [a for a in analysis.actors if a.type == "PERSON" and "Lins" in a.name]
    assert len(people) == 1 and any("Cabeça" in form for form in people[0].surface_forms()), people
    assert ("Josias Barreto Lins", "Marcia Teixeira Lopes") in pairs(analysis), pairs(analysis)


def test_the_full_weight_of_the_law_is_the_state_speaking(analyse) -> None:
    text = (
        "Federal troops will be sent to polling stations in areas controlled by militias, after two candidates "
        "were shot dead. The president of the regional electoral court warned that \"any attempt to coerce voters "
        "will be punished with the full weight of the law\".\n"
    )
    assert not analyse(text).threats


def test_he_after_any_driver_is_the_driver_not_the_officer_named_before(analyse) -> None:
    text = (
        "SEGOU, Mali - Lieutenant Ousmane Keita, who commands the army post at Markala, said his men would escort "
        "the next convoy.\n\n"
        "In an audio statement, a speaker who gave his name as Abu Yahya al-Macini announced a blockade of the "
        "town: \"Any driver who carries fuel to Markala is an enemy of the mujahideen. His truck will be burned "
        "and he will be killed.\"\n"
    )
    found = pairs(analyse(text))
    assert found, found
    assert all(target != "Ousmane Keita" and target != "Lieutenant Ousmane Keita" for _, target in found), found


def test_blood_that_will_not_be_left_unavenged_is_a_threat_to_those_told_to_know_it(analyse) -> None:
    text = (
        "A columnist for a hardline daily, Reza Kamali Fard, wrote on Sunday that \"the Persian-speaking servants "
        "of the BBC should know that the blood of the martyrs will not be left unavenged, and that London is not "
        "as far as they imagine.\" Relatives of BBC Persian staff in Iran have been detained and questioned.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert "Reza Kamali Fard" in speakers, speakers


def test_a_nom_de_guerre_is_the_same_man_and_a_place_name_is_not_he(analyse) -> None:
    text = (
        "GARISSA - An al-Shabaab commander has threatened to kill the county commissioner, Daniel Mwangi, in an "
        "audio recording shared on WhatsApp.\n\n"
        "Officials say the voice belongs to Hassan Abdi Farah, who uses the nom de guerre Abu Bakar al-Kenyi. He "
        "leads a unit operating in the Boni forest, according to a police report.\n\n"
        "\"Mwangi thinks his guards will protect him. We will come for him and slaughter him like a goat,\" he "
        "says in the recording.\n"
    )
    found = pairs(analyse(text))
    assert ("Hassan Abdi Farah", "Daniel Mwangi") in found, found


def test_advice_inside_a_turn_is_not_a_report_by_the_one_advised(analyse) -> None:
    text = (
        "Excerpts of the video, translated from Arabic:\n\n"
        "[00:02:10] AL-MISRATI: We protected this city when others ran.\n\n"
        "[00:04:41] AL-MISRATI: And the presenter Salma, who calls us thieves every night on her screen - she "
        "should ask what happened to the ones who talked too much before her.\n\n"
        "The presenter, Salma al-Warfalli, said she would not stop reporting. The commander, Khaled al-Misrati, "
        "leads a battalion in the capital.\n"
    )
    found = pairs(analyse(text))
    assert ("Khaled al-Misrati", "Salma al-Warfalli") in found, found


def test_a_report_of_two_cases_gives_each_message_to_its_own_suspect(analyse) -> None:
    text = (
        "Utrecht mayor under guard after threat; man who threatened MP gets community service\n\n"
        "Utrecht mayor Marieke Jansen has been placed under protection after police found messages on the "
        "phone of a 29-year-old man from Utrecht, identified under Dutch privacy rules as Karim D., who was "
        "arrested last month. In one message, the suspect wrote: \"If that mayor closes one more of our shops, "
        "she gets a grenade through her window.\" Jansen said the closures would continue.\n\n"
        "In a separate case, the court in Zwolle sentenced a 58-year-old man for threatening MP Joost Hendriks. "
        "The man, named in court as Henk de V., posted in March: \"Hendriks, you're next. A bullet costs less "
        "than your salary.\"\n"
    )
    found = pairs(analyse(text))
    assert ("Karim D.", "Marieke Jansen") in found, found
    assert ("Henk de V.", "Joost Hendriks") in found, found


def test_the_he_of_a_threat_is_the_person_the_sentence_before_picks_out(analyse) -> None:
    text = (
        "A commander of the rebel movement told a rally in the mining town on Tuesday that traditional chiefs "
        "would be punished.\n\n"
        "\"Any chief who sends young men to fight alongside the Mai-Mai has chosen his side. He will be treated "
        "as a combatant,\" commander Eric Ndayisaba told the crowd.\n"
    )
    analysis = analyse(text)
    targets = {analysis.actor(t.target.local_id).name for t in analysis.threats if t.target}
    assert "Mai-Mai" not in targets and "chief" in targets, targets


def test_the_communique_it_said_is_the_group_not_a_ministry_named_in_a_title(analyse) -> None:
    text = (
        "ATHENS - In a text posted overnight, a group calling itself the Cells of Black Fire said the parcel bomb "
        "had been \"a first warning\".\n\n"
        "The communique also singled out Justice Minister Eleni Drosou. It said that if Petros Manos, a prisoner "
        "on hunger strike, were to die, \"Drosou will pay for every day of his hunger with her own blood.\"\n"
    )
    found = pairs(analyse(text))
    assert ("Cells of Black Fire", "Eleni Drosou") in found, found


def test_a_letter_left_at_her_gate_bearing_a_name_speaks_for_that_name_to_her(analyse) -> None:
    text = (
        "Nadia, 38, worked for an aid programme in Kandahar. In March, a handwritten letter was pushed under the "
        "gate of her house. It bore the name of Abu Talha Khorasani, a spokesman of the Islamic State's local "
        "branch.\n\n"
        "A copy seen by the researchers reads: \"You work with the apostates. Your blood is permissible for us, "
        "and we will spill it wherever we find you.\"\n"
    )
    found = pairs(analyse(text))
    assert ("Abu Talha Khorasani", "Nadia") in found, found


def test_what_he_said_to_the_one_telling_it_in_a_transcript_is_aimed_at_her(analyse) -> None:
    text = (
        "[ANCHOR DANA KIRBY]: A county man is in custody tonight, accused of threatening the county recorder.\n\n"
        "[REPORTER TOM HALE]: Prosecutors say the man behind the calls is Curtis Lee Brand.\n\n"
        "[JOANNA REYES, COUNTY RECORDER]: I listened to it at this desk. He said I was going to hang. And then "
        "he said we know where you park.\n"
    )
    found = {(speaker, (target or "").lower()) for speaker, target in pairs(analyse(text))}
    assert any(speaker == "Curtis Lee Brand" and target.endswith("reyes") for speaker, target in found), found


def test_a_pamphlet_quoted_line_by_line_is_one_statement_of_its_signer(analyse) -> None:
    text = (
        "Five community leaders have been declared \"military objectives\" in a pamphlet signed by the Frente "
        "Popular de Liberacion (FPL).\n\n"
        "This is the full text, as received by this newspaper:\n\n"
        "\"FRENTE POPULAR DE LIBERACION - BLOQUE NORTE\n"
        "COMMUNIQUE TO PUBLIC OPINION\n"
        "We inform the population that Ramiro Ortega Salas is declared a MILITARY OBJECTIVE for collaborating "
        "with the army. He has 48 hours to leave the region.\n"
        "COMANDANTE RUBEN\n"
        "Bloque Norte, FPL\"\n\n"
        "Ortega said he had no intention of leaving.\n"
    )
    analysis = analyse(text)
    found = pairs(analysis)
    assert any(target == "Ramiro Ortega Salas" and speaker for speaker, target in found), found
    assert all(speaker != "Ramiro Ortega Salas" for speaker, _ in found), found


def test_a_side_named_in_a_condition_is_warned_and_its_own_place_is_not_the_target(analyse) -> None:
    text = (
        "BAKU - Defence ministry spokesman Colonel Rashad Aliyev said on Tuesday: \"If the Armenian side continues "
        "its provocations on the border, its positions in the Syunik direction will be destroyed with decisive "
        "measures.\"\n\n"
        "In Beirut, the cleric Sheikh Hassan Moussawi addressed the Israeli minister Yoav Carmel: \"The day he "
        "strikes Dahiyeh, he will not sleep in Tel Aviv.\"\n"
    )
    analysis = analyse(text)
    speakers = {analysis.actor(t.speaker.local_id).name for t in analysis.threats if t.speaker}
    targets = {analysis.actor(t.target.local_id).name for t in analysis.threats if t.target}
    assert "Rashad Aliyev" in speakers, speakers
    assert "Dahiyeh" not in targets, targets
