"""Rules added in session 15 after reading heldout36 and everyday17, each on text written for the test.

Speakers: a "he" in a witness's own account is another man; "the photographer said", "the witness said" name the
person the story brought in as one; a description's words pick the organisation it stands for ("an underground
communist faction" is the communist party named later, not the ministry that reacted); an interview's "A:" is the
one interviewed; "[01:51] BARAN:" is a turn; a social-media roundup's line with a time names who posted; a leaflet
speaks for the group whose initials it bore; a message the teller received comes from whoever the story says sent
it. Targets: the one who tells the words is not whom they threaten ("He said if the army captures his men, ...");
"He should remember ..." after "The general says ..." is the general; a message to pass on ("tell her ...") is
aimed at her; "To the Turkish generals I say this clearly." addresses them. Harm: a commander or a militia is no
thing whose "killing" is a metaphor; a passive conjunct keeps its own subject. Everyday: accusations of what the
other side wants, parties wiped out at the polls, and the police's war on crime are no threats."""

from __future__ import annotations

from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.model import Document, DocumentAnalysis
from forewarn.nlp.pipeline import analysis_text
from threat_pairs import pairs


def rules_only(nlp: Language, text: str) -> DocumentAnalysis:
    """The rules' reading, without the learned ranker's second opinion on speakers and targets (which, trained on
    whole sets, may overrule them on a short text)."""
    document = Document(doc_id="doc", text=text, published="2024-03-09")
    return analyse_document(document, nlp(analysis_text(document)), ranker=None)


def test_he_in_a_witness_account_is_the_man_he_speaks_of(analyse) -> None:
    text = (
        "Councillor says rebel commander sent warning to border troops\n\n"
        "VANIMO - Ward councillor Tobias Wani said he was taken in March to a camp in the forest to meet a rebel "
        "commander who introduced himself as Elias Wenda.\n\n"
        '"He was calm. He offered me tea," Wani recalled. "Then he told me to carry a message to the soldiers at '
        "the border post. He said if the army arrests any of his fighters and hands them over, his men will treat "
        'the soldiers as enemies and they will attack the post."\n\n'
        "Wani said he passed the message on the next morning.\n"
    )
    found = pairs(analyse(text))
    assert found, "the threat is found"
    assert all(speaker != "Tobias Wani" for speaker, _ in found)
    assert any(speaker == "Elias Wenda" for speaker, _ in found)
    assert all(target != "Tobias Wani" for _, target in found)


def test_he_should_remember_after_the_general_says_is_the_general(nlp) -> None:
    text = (
        "Transcript: separatist leader answers the army chief\n\n"
        "Last month the regional army commander, General Somchai Rattanakul, told reporters he would hunt the "
        "fighters in every village. Since then troops have searched houses in Rueso and Bannang Sata.\n\n"
        "HOST: What is your answer to him?\n\n"
        "USTAZ IDRIS MAMING: The general says he will hunt us. Let him come himself, without his soldiers. He will "
        "not go back to Bangkok. He should remember what happened to the officers who came before him.\n"
    )
    found = pairs(rules_only(nlp, text))
    assert any(target and target.endswith("Somchai Rattanakul") for _, target in found)


def test_the_witness_and_the_photographer_are_the_person_introduced_as_one(analyse) -> None:
    text = (
        "Court hears officer warned photographer at vigil\n\n"
        "COLOMBO - Ravi Fernando, 31, a freelance photographer, gave evidence on Monday against Inspector Sunil "
        "Perera, who is charged with criminal intimidation.\n\n"
        "Fernando said he had been taking pictures at a vigil when the inspector walked over to him.\n\n"
        "\"He took my camera. Then he leaned close and said, 'If you photograph this again, you will disappear "
        "like the others.' I was shaking,\" the witness said.\n"
    )
    assert ("Inspector Sunil Perera", "Ravi Fernando") in pairs(analyse(text))


def test_a_message_to_pass_on_is_aimed_at_the_one_it_names(nlp) -> None:
    text = (
        "Militia threatened reporter over footage, her family says\n\n"
        "MISRATA - Amal Zintani, 27, a correspondent for a private channel, has not slept at home since two men in "
        "uniform came to the family house and asked for her by name. The clashes last week killed nine people.\n\n"
        "Her brother, Khaled Zintani, said the men told him they had been sent by Fathi Bukhris, the commander of "
        "the Nasr Brigade.\n\n"
        '"They said: tell her the commander knows where she sleeps, and if she shows that footage again she will '
        'be buried with it," Khaled Zintani told reporters.\n'
    )
    found = pairs(rules_only(nlp, text))
    assert any(target == "Amal Zintani" for _, target in found)
    assert all(target != "Khaled Zintani" for _, target in found)


def test_a_commander_who_threatened_to_kill_a_reporter_is_no_metaphor(analyse) -> None:
    text = (
        "TRIPOLI - A commander of an armed group in the capital threatened to kill a television reporter who filmed "
        "his fighters looting a warehouse, the reporter's family said on Monday. Fighting in the district killed "
        "six people last week.\n\n"
        "Amal Zintani, 27, a correspondent for a private channel, has not slept at home since Saturday. Her family "
        "said the threat came from Mahmoud Saleh, the commander of the Nasr Brigade.\n"
    )
    found = pairs(analyse(text))
    assert found, "the lead's threat is found"
    assert all(speaker != "Amal Zintani" for speaker, _ in found)


def test_a_description_picks_the_organisation_whose_name_it_fits(analyse) -> None:
    text = (
        "Splinter communist group threatens district official\n\n"
        "KATHMANDU - An underground communist faction has threatened to kill the chief district officer of Dolpa, "
        "prompting the Home Ministry to send more police to the district.\n\n"
        "The threat came in a statement posted by the Nepal Communist Party (Revolutionary Centre), a small group "
        "blamed for several bomb attacks on construction sites.\n"
    )
    speakers = {speaker for speaker, _ in pairs(analyse(text))}
    assert speakers, "the threat is found"
    assert "Home Ministry" not in speakers
    assert any(speaker and "Communist" in speaker for speaker in speakers)


def test_everyday_accusations_campaigns_and_police_wars_are_no_threats(analyse) -> None:
    campaign = (
        "Bihar polls: 'We will wipe out the alliance,' vows Narayan as campaign heats up\n\n"
        "PATNA - Opposition leader Deepak Narayan told a rally on Sunday that voters would deliver a verdict. "
        '"We will wipe out the alliance," he said, promising jobs and new roads.\n'
    )
    accusation = (
        "MEXICO CITY - Senator Laura Ibarra accused the interior minister of eroding the courts in a heated debate. "
        '"You want to kill the independence of the courts, kill the electoral institute and kill every '
        'counterweight to power," she told him.\n'
    )
    police = (
        "KADUNA - The state police command said on Friday that it had rescued eleven kidnapped travellers and "
        "arrested seven suspects. The commissioner warned that the command would not relent in its war against "
        "kidnapping and other violent crimes, and appealed to members of the public not to pay ransoms.\n"
    )
    for text in (campaign, accusation, police):
        assert not analyse(text).threats, text[:60]


def test_a_message_the_teller_received_is_from_whoever_the_story_says_sent_it(analyse) -> None:
    text = (
        "Port reporter threatened after series on smuggling\n\n"
        "ROTTERDAM - Lieke Janssens, a crime reporter for a regional daily, has written for years about cocaine "
        "smuggling through the port, where rival gangs have carried out grenade attacks and shootings.\n\n"
        "After her last series she began receiving messages on Instagram. \"They wrote that they knew where my son "
        "plays football,\" she said. \"One message said, 'Keep writing and you will not recognise your face in the "
        "mirror.'\"\n\n"
        "Prosecutors say Karim Benali, who is in custody, sent the messages from a phone seized in a raid.\n"
    )
    found = pairs(analyse(text))
    assert ("Karim Benali", "Lieke Janssens") in found


def test_a_leaflet_speaks_for_the_group_whose_initials_it_bore(analyse) -> None:
    text = (
        "Village heads under pressure in the far south\n\n"
        "The case of Ismail Dolah, headman of a village in Bacho district, is typical. On 3 March villagers found "
        "photocopied leaflets pinned to poles along the main road. Researchers obtained a copy. It read in part:\n\n"
        '"The traitor Ismail Dolah, who gives the names of our fighters to the rangers, has been warned for the last '
        'time. His blood is halal. Whoever stands with him will share his fate."\n\n'
        'The leaflet bore the initials "PULO" and a stamp of two crossed swords. Ismail has since moved his family '
        "to relatives in Songkhla.\n"
    )
    found = pairs(analyse(text))
    assert any(speaker == "PULO" and target == "Ismail Dolah" for speaker, target in found)


def test_an_interviews_answers_are_the_words_of_the_one_interviewed(analyse) -> None:
    text = (
        "'We finish what others start': a militia commander speaks\n\n"
        "The Nasr Brigade is one of the strongest armed groups in the south of the city. Its commander, Fathi "
        "Bukhris, 45, rarely speaks to the press. Bukhris received us at a farmhouse three weeks after the "
        "fighting. The interview has been edited for length.\n\n"
        "Q: There are reports that brigades from Zawiya are preparing to deploy in the capital.\n\n"
        "A: Let me be clear. If the Zawiya brigades send one armoured vehicle into our area, we will burn their "
        "convoys on the coastal road, and nobody will stop us.\n\n"
        "Q: Do you expect more fighting?\n\n"
        "A: I hope not. We want calm.\n"
    )
    found = pairs(analyse(text))
    assert any(speaker == "Fathi Bukhris" for speaker, _ in found)


def test_timestamped_turns_and_an_address_before_the_threat(analyse) -> None:
    text = (
        "Transcript: insurgent commander's video message\n\n"
        "The video, posted on Tuesday, shows Rojhat Baran, a commander of the People's Defence Forces (HPG), "
        "speaking in front of a rock face.\n\n"
        "[00:12] BARAN: Greetings to our people in the mountains.\n\n"
        "[01:40] BARAN: To the Turkish generals I say this clearly. Every hill you take in Zap, you will pay for "
        "with the coffins of your soldiers.\n\n"
        "[02:30] BARAN: Long live the resistance.\n"
    )
    analysis = analyse(text)
    aimed = [t for t in analysis.threats if t.speaker and analysis.actor(t.speaker.local_id).name == "Rojhat Baran"]
    assert aimed, "the threat in the turn is the speaker's"
    assert any(t.target and t.target.mention and t.target.mention.text == "Turkish generals" for t in aimed)


def test_a_roundup_line_with_a_time_names_who_posted(analyse) -> None:
    text = (
        "What was said online as the protests spread\n\n"
        "Abu Khattab al-Idlibi, a commander of the Sham Legion, on his Telegram channel, Friday 22 March, 10:47:\n"
        '"Those who insult the mujahideen in the squares know their fate well. The sword is sharper than their '
        'slogans, and the next one who films us will be buried with his phone."\n\n'
        "Local council, official statement, Friday 22 March, 12:30:\n"
        '"The council affirms that peaceful expression is guaranteed to all and calls for calm."\n'
    )
    analysis = analyse(text)
    speakers = {analysis.actor(t.speaker.local_id).name for t in analysis.threats if t.speaker}
    assert "Abu Khattab al-Idlibi" in speakers
