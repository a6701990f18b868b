"""Extraction on realistic text: who threatens whom, with what evidence, and what is not a threat."""

from __future__ import annotations

import pytest

from forewarn.model import DocumentAnalysis
from threat_pairs import names


def assert_spans_verbatim(analysis: DocumentAnalysis) -> None:
    text = analysis.document.text
    for fact in [*analysis.threats, *analysis.events]:
        for span in fact.all_spans():
            assert text[span.start : span.end] == span.text
    for actor in analysis.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_conditional_quote_attributed_to_named_speaker(analyse) -> None:
    text = (
        "Militia commander warns governor over checkpoint raids\n\n"
        "BASRA — Hadi al-Mansouri, the commander of the Saraya al-Difa militia, warned Governor Karim Nasser "
        "on Tuesday after police raided two of the group's offices.\n\n"
        "\u201cIf Nasser sends his police against our men again, we will burn his offices to the ground,\u201d "
        "al-Mansouri said in a video posted online.\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    assert len(analysis.threats) == 1
    threat = analysis.threats[0]
    speaker, target = names(analysis, threat)
    assert speaker == "Hadi al-Mansouri"
    assert target == "Karim Nasser"
    assert threat.form == "conditional"
    assert threat.type == "violence"
    assert "we will burn his offices" in threat.evidence.text
    # the militia is the speaker's organisation, read from the appositive
    org = analysis.actor(threat.speaker_org.local_id) if threat.speaker_org else None
    assert org is not None and "Saraya al-Difa" in org.name


def test_reported_vow_and_quote_are_one_threat_with_all_spans(analyse) -> None:
    text = (
        "Faction vows to put minister behind bars\n\n"
        "The Liwa al-Nasr faction vowed on Sunday to put Interior Minister Samir Haddad behind bars.\n\n"
        "\u201cThe faction will place Haddad, the traitor, behind bars before the summer,\u201d said "
        "Abbas Jaber, the spokesman of Liwa al-Nasr.\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    threats = [t for t in analysis.threats if t.target and names(analysis, t)[1] == "Samir Haddad"]
    assert len(threats) == 1
    threat = threats[0]
    assert names(analysis, threat)[0] == "Abbas Jaber"
    assert threat.type == "legal"
    assert len(threat.all_spans()) >= 2


def test_descriptive_speaker_named_later(analyse) -> None:
    text = (
        "A Burlington man has been charged with threatening to kill Gov. Helen Marsh of Vermont.\n"
        "The man, Peter Quill, 41, was arrested on Thursday at his home, police said.\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Peter Quill", "Helen Marsh") in pairs
    assert any(e.type == "arrest" for e in analysis.events)


def test_pronoun_speaker_and_paragraph_continuation(analyse) -> None:
    text = (
        "Rashid al-Tamimi, leader of the Kata'ib al-Fath group, addressed the defence minister, Omar Saleh, "
        "in a televised sermon.\n\n"
        "\u201cOmar Saleh, you have betrayed the blood of our brothers,\u201d he said.\n\n"
        "\u201cYou will pay a heavy price for every drop of it.\u201d\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Rashid al-Tamimi", "Omar Saleh") in pairs


def test_transcript_turn(analyse) -> None:
    text = (
        "Interview with Sheikh Nizar Obeid, broadcast on 4 May\n\n"
        "Interviewer: What is your message to General Faris Latif?\n\n"
        "Nizar Obeid: My message to Faris Latif is simple. If his soldiers enter our villages, "
        "we will kill every one of them.\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert any(s == "Nizar Obeid" and t and "Faris Latif" in t for s, t in pairs)


def test_ordinary_politics_is_not_a_threat(analyse) -> None:
    text = (
        "Mayor warns of budget cuts as rival vows to lower taxes\n\n"
        "Mayor Linda Park warned on Monday that the city faces a difficult year and vowed to protect "
        "school funding. Her challenger, Tom Reyes, promised to cut property taxes and threatened to "
        "resign from the council if the budget passed unchanged.\n\n"
        "\u201cInflation is the biggest threat to our families,\u201d Reyes said. "
        "\u201cWe will win this race.\u201d\n\n"
        "Shares of Norland Steel fell after the company warned that tariffs would hit profits.\n"
    )
    analysis = analyse(text)
    assert analysis.threats == []


def test_condemnation_and_past_attack_claims_are_rejected(analyse) -> None:
    text = (
        "The interior minister, Samira Daoud, condemned the bombing of the market.\n\n"
        "\u201cThis cowardly terrorist attack will not break our resolve, and those behind it will be brought "
        "to justice,\u201d Daoud said.\n\n"
        "A militia spokesman, Kamal Yasin, said: \u201cWe attacked the convoy last week.\u201d\n"
    )
    analysis = analyse(text)
    assert analysis.threats == []
    assert any(e.type == "bombing" for e in analysis.events)


def test_debris_is_ignored_but_offsets_point_into_the_original(analyse) -> None:
    text = (
        "[ad_1]\n\nJamal Kassem, a commander of the Harakat al-Thar movement, threatened Prime Minister "
        "Adel Rahim on Friday. \u201cWe will cut off the hands of Rahim if he signs the deal,\u201d "
        "Kassem said.\n\n[ad_2]\n"
    )
    ignored = [(0, 6), (len(text) - 7, len(text) - 1)]
    analysis = analyse(text, ignored=ignored)
    assert_spans_verbatim(analysis)
    assert all(a.name != "ad_1" for a in analysis.actors)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Jamal Kassem", "Adel Rahim") in pairs


def test_relative_date_resolved_against_publication(analyse) -> None:
    text = (
        "Karim Zaidi, leader of the Asa'ib al-Nour militia, threatened Judge Maryam Fadel "
        "on Saturday night with death.\n"
    )
    analysis = analyse(text, published="2024-03-12")
    assert analysis.threats
    assert analysis.threats[0].date == "2024-03-09"


def test_events_found_and_future_attacks_are_not_events(analyse) -> None:
    text = (
        "A drone strike killed three fighters near Qaim on Tuesday, and police arrested two suspects in "
        "the bombing of a checkpoint.\n\n"
        "\u201cWe will attack every base,\u201d said Walid Hamza, the group's leader.\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    kinds = {e.type for e in analysis.events}
    assert {"airstrike", "arrest"} <= kinds or {"killing", "arrest"} <= kinds
    assert not any("We will attack" in e.evidence.text for e in analysis.events)


def test_actor_surface_forms_grouped_with_affiliation(analyse) -> None:
    text = (
        "Qasim al-Rubaie, the Secretary-General of the Kata'ib al-Haqq militia, spoke on Friday. "
        "Al-Rubaie said his fighters were ready. Kata'ib al-Haqq (KAH) has about 5,000 members, and "
        "KAH has fought in Syria.\n"
    )
    analysis = analyse(text)
    people = [a for a in analysis.actors if a.type == "PERSON"]
    rubaie = [a for a in people if "Rubaie" in a.name]
    assert len(rubaie) == 1
    assert "Al-Rubaie" in rubaie[0].surface_forms()
    orgs = [a for a in analysis.actors if a.type == "ORG" and "Haqq" in a.name]
    assert len(orgs) == 1
    assert "KAH" in orgs[0].surface_forms()
    assert orgs[0].local_id in rubaie[0].affiliations


EVERYDAY = [
    'Senator Mark Ellison vowed to fight the bill "with everything we have" when it reaches the floor next week.',
    '"We will crush them on Sunday," coach Dan Rivera said of the Eagles.',
    "Chief executive Laura Chen warned that Norvex will cut 500 jobs if sales do not recover by the autumn.",
    'Opposition leader Jane Doe said the government "will pay a heavy price at the ballot box" for the tax rise.',
    '"If the council raises taxes, we will take them to court," said Tom Baker, chair of the residents\' association.',
    "The nurses' union threatened to strike if wages are not raised, its leader Amy Ross said.",
    "President Dana Whitlock threatened to impose 25% tariffs on Canada and Mexico.",
    "Police warned drivers that roads around the stadium will be closed on Saturday.",
    '"Our campaign will target every swing voter in Ohio," said strategist Bill Hume.',
    "Governor Kathy Morrow warned that the storm will hit the city on Monday night.",
    "The prime minister vowed that those responsible for the bombing would be brought to justice.",
    '"This election is a fight for the soul of our nation," Senator Ruiz said. "We will win it."',
    'Striker Marcus Vale said the team would kill off the game early: "We will attack from the first minute."',
    "The central bank warned that inflation would remain a threat to growth.",
    '"This budget will kill our libraries and punish the poorest families," councillor Maria Santos said.',
    '"They told me they loved the show," singer Ravi Kaur told reporters.',
    "In the new film, the villain Dr. Krane threatens to blow up the city unless the mayor pays a ransom.",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_language_is_not_a_threat(analyse, text: str) -> None:
    assert analyse(text).threats == []


def test_indirect_speech_threat(analyse) -> None:
    text = "Militia chief Omar Farouk said the Ardan army would pay a heavy price if it entered Talas."
    analysis = analyse(text)
    assert len(analysis.threats) == 1
    speaker, target = names(analysis, analysis.threats[0])
    assert speaker == "Omar Farouk"
    assert target is not None and "Ardan" in target


def test_passive_threat_names_speaker_and_target(analyse) -> None:
    text = "Magistrate Clara Benitez was threatened by Renato Salas, the leader of the Los Halcones gang, on Friday.\n"
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Renato Salas", "Clara Benitez") in pairs


def test_events_ignore_metaphors_tallies_and_charges(analyse) -> None:
    text = (
        "The Ridgeway campaign launched attack ads on Monday, attacking Mayor Tom Reed over his housing record.\n\n"
        "Officials said more than 1,200 people have been killed in the region since January.\n\n"
        "Hospitals reported a surge in ransomware attacks. He faces charges of murder and extortion.\n"
    )
    assert analyse(text).events == []


def test_events_from_shots_shells_and_burning(analyse) -> None:
    text = (
        "Shots were fired at the house of the singer Ravi Kaur in Mohali on Sunday.\n\n"
        "Mortar rounds landed near the electoral commission's offices, wounding three guards.\n\n"
        "Supporters of the rival candidate burned a market stall in Kisumu last week.\n"
    )
    kinds = [e.type for e in analyse(text).events]
    assert kinds.count("attack") >= 3


def test_indirect_veiled_threat_and_political_price(analyse) -> None:
    threat = analyse(
        'Militia chief Karim Haddad said Ardania would "pay a heavy price" for the killing of its commander.'
    )
    assert [names(threat, t) for t in threat.threats] == [("Karim Haddad", "Ardania")]
    politics = analyse('Governor Ben Carter said Republicans "will pay a price at the polls in November" for the vote.')
    assert politics.threats == []


def test_threat_received_is_reported_with_its_target(analyse) -> None:
    text = (
        'NAIROBI, May 2, 2024 - "They told me they would kill my children if I did not change the figures," '
        "commission chairman Peter Onyango told reporters.\n"
    )
    analysis = analyse(text)
    assert [names(analysis, t) for t in analysis.threats] == [(None, "Peter Onyango")]


def test_dateline_does_not_confuse_the_first_sentence(analyse) -> None:
    text = (
        "BAMENDA, May 2, 2024 - A commander of the Mbam Defence Forces, Field Marshal Ebenezer Tako, warned "
        'teachers that they would be "treated as enemies" if they reopened schools.\n\n'
        '"We will come for them," Tako said in a video.\n'
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert any(s and "Tako" in s and t == "teachers" for s, t in pairs)
    assert all(a.name != "BAMENDA" for a in analysis.actors)


def test_market_rallies_are_not_protests(analyse) -> None:
    assert analyse("Stocks rallied on Wednesday and the dollar held steady.\n").events == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The spokesman of the Kivu Front, Jean Mbala, told AFP that miners at the site "
            '"will be considered targets".',
            "Jean Mbala",
        ),
        (
            'Commander Dmitri Orlov threatened to "wipe out" the village of Koro if its elders helped the police.',
            "Dmitri Orlov",
        ),
        (
            "Tribal leader Sheikh Ahmed Jabouri warned the oil company that its workers would be kidnapped.",
            "Sheikh Ahmed Jabouri",
        ),
    ],
)
def test_other_wordings_of_threats(analyse, text: str, speaker: str) -> None:
    analysis = analyse(text)
    assert [names(analysis, t)[0] for t in analysis.threats] == [speaker]


def test_weekday_dates_count_back_from_the_publication_day() -> None:
    from forewarn.extract.dates import parse_date

    # a wire story of Monday 6 May 2024 that says "on Monday" means that day, not a week before
    assert parse_date("on Monday", "2024-05-06") == "2024-05-06"
    assert parse_date("Sunday night", "2024-05-06") == "2024-05-05"
    assert parse_date("Wednesday", "2024-05-10") == "2024-05-08"
    assert parse_date("on Monday", None) is None


def test_event_target_in_the_phrase_of_its_head_noun(analyse) -> None:
    text = (
        "KUT, 9 March 2024 — Gunmen opened fire on the convoy of Governor Salim Hamdan on Friday in what police "
        "called an assassination attempt against Governor Salim Hamdan. Two of his guards were wounded."
    )
    result = analyse(text)
    names = {a.local_id: a.name for a in result.actors}
    attempts = [e for e in result.events if e.type == "assassination_attempt"]
    assert attempts, [(e.type, e.evidence.text) for e in result.events]
    assert any(e.target is not None and names[e.target.local_id] == "Salim Hamdan" for e in attempts)


def test_edict_against_a_class_of_people_names_that_class(analyse) -> None:
    text = (
        "Rebel commander orders clinics shut in Tombel\n\n"
        "TOMBEL, 4 May 2024 — A commander of the Southern Liberation Front has ordered health centres in the "
        "district to close. The commander, Paul Ekane Mbeng, who calls himself \u201cGeneral Thunder\u201d, spoke in "
        "a video posted on Facebook.\n\n"
        "\u201cAny nurse who works for the government will lose her hands. Any clinic that opens will be burned,\u201d "
        "Mbeng said.\n"
    )
    analysis = analyse(text)
    assert_spans_verbatim(analysis)
    found = {names(analysis, t) for t in analysis.threats}
    assert ("Paul Ekane Mbeng", "nurse") in found, found
    # the headline's "rebel commander" is the speaker the story names, not a separate unknown
    assert all(speaker == "Paul Ekane Mbeng" for speaker, _ in found), found


def test_pronoun_that_will_suffer_is_the_person_referred_to(analyse) -> None:
    text = (
        "MOSTAR, 2 June 2024 — The leader of a veterans' association, Zoran Kovic, addressed a rally on Sunday.\n\n"
        "\u201cLet her come here to arrest our men. She will leave on a stretcher,\u201d Kovic said, referring to "
        "Ana Petrak, the prosecutor leading the case.\n"
    )
    analysis = analyse(text)
    found = {names(analysis, t) for t in analysis.threats}
    assert ("Zoran Kovic", "Ana Petrak") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Opposition leader vows to bury 'tired' government at the ballot box\n\n"
        "The opposition leader, Mark Doyle, promised on Saturday to wipe out the government's majority in the "
        "election and said his party would crush its rivals at the polls.\n",
        "Beijing said on Tuesday it would impose an additional 15% tariff on US soybeans and pork in retaliation "
        "for Washington's new duties, and warned of a firm response if the measures were not withdrawn.\n",
        "United manager Tom Reilly promised his side would destroy Castlebay Rovers in Sunday's derby and "
        "avenge last season's defeat at the stadium.\n",
        "\u201cIf we can kill it, we will,\u201d said Senator Ruth Alder of the tax bill, adding that her party would "
        "fight it at every stage.\n",
    ],
)
def test_everyday_figures_of_speech_are_not_threats(analyse, text: str) -> None:
    assert analyse(text).threats == []


def test_pronoun_object_of_a_conditional_threat_is_the_condition_subject(analyse) -> None:
    text = (
        "SAN MARCOS, 12 July 2024 — The mayor of San Marcos, Ana Ruiz, ordered municipal guards to clear the "
        "roadblocks on Monday.\n\n"
        "\u201cIf the mayor's guards come to our village again, we will answer them with bullets,\u201d said "
        "Hector Villa, a local commander of the Frente del Sur.\n"
    )
    found = {names(analyse(text), t) for t in analyse(text).threats}
    assert ("Hector Villa", "Ana Ruiz") in found, found


def test_two_people_sharing_a_surname_stay_two(analyse) -> None:
    text = (
        "DAVAO, 3 May 2024 — Village chief Rodrigo Cabahug said rebels had threatened him twice this year. "
        "Cabahug said his brother, Eduardo Cabahug, a teacher, had moved to the city after a warning letter.\n"
    )
    persons = [a for a in analyse(text).actors if a.type == "PERSON"]
    rodrigo = [a for a in persons if "Rodrigo" in a.name]
    eduardo = [a for a in persons if "Eduardo" in a.name]
    assert rodrigo and eduardo and rodrigo[0].local_id != eduardo[0].local_id, [(a.name, a.aliases) for a in persons]


def test_threat_reported_inside_a_transcript_turn_is_the_reported_side(analyse) -> None:
    text = (
        "HOST: What did they tell the traders?\n\n"
        "MAYOR SEKOU DIALLO: Amadou Sow's fighters said that any trader who sells to soldiers would lose his hand.\n"
    )
    analysis = analyse(text)
    found = {names(analysis, t) for t in analysis.threats}
    assert ("Amadou Sow", "trader") in found, found


def test_harm_said_with_a_negation_is_a_threat_not_defiance(analyse) -> None:
    text = (
        "PORT-AU-PRINCE, 2 April 2024 — Gang leader Wilson Joseph warned the police on Sunday.\n\n"
        "\u201cAny police officer who crosses into our streets will not go home to his mother,\u201d Joseph said.\n\n"
        "\u201cWe will not be intimidated,\u201d the police chief, Marc Duval, replied.\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Wilson Joseph"}, speakers


@pytest.mark.parametrize(
    "text",
    [
        'TLAPA, Mexico — Ramiro Ochoa Villegas, known as "El Gavilan", runs the Costa Chica Cartel. Police said '
        "Ochoa ordered the attack.\n",
        "El Gavilan is the nickname of Ramiro Ochoa Villegas, the reputed head of the Costa Chica Cartel. "
        "Ochoa denied it.\n",
    ],
)
def test_a_stated_nickname_is_an_alias_of_the_named_man(analyse, text: str) -> None:
    persons = [a for a in analyse(text).actors if a.type == "PERSON"]
    owners = [a for a in persons if "El Gavilan" in a.aliases or a.name == "El Gavilan"]
    assert len(owners) == 1 and "Ochoa" in owners[0].name, [(a.name, a.aliases) for a in persons]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            'In a video, the group\'s spokesman Abu Khalid said the journalist Rania Aziz "has signed her own '
            'death warrant."\n',
            ("Abu Khalid", "Rania Aziz"),
        ),
        (
            'Commander Idris Bako warned that the governor, Musa Lawal, "will be dealt with" if he continued to '
            "arrest his men.\n",
            ("Idris Bako", "Musa Lawal"),
        ),
    ],
)
def test_marking_someone_for_death_is_a_threat(analyse, text: str, pair: tuple[str, str]) -> None:
    analysis = analyse(text)
    assert pair in {names(analysis, t) for t in analysis.threats}


def test_a_language_is_not_an_actor(analyse) -> None:
    text = "The group released a statement in Urdu on Friday, its spokesman Qari Hamid said.\n"
    assert all(a.name != "Urdu" for a in analyse(text).actors)


def test_a_fatwa_calling_for_a_death_is_a_threat_without_a_reporting_verb(analyse) -> None:
    text = (
        "The cleric Abdul Rahim Mansour issued a fatwa calling for the death of the writer Samir Haddad, "
        "accusing him of blasphemy.\n"
    )
    analysis = analyse(text)
    assert ("Abdul Rahim Mansour", "Samir Haddad") in {names(analysis, t) for t in analysis.threats}


def test_a_name_the_tagger_missed_is_found_by_the_role_before_it(analyse) -> None:
    # the small tagger misses this name; "a city councillor in Rio de Janeiro, X," places it
    text = (
        "A city councillor in Rio de Janeiro, Renata Quintal Arruda, found a threatening note at her office on "
        "Tuesday.\n"
    )
    persons = {a.name for a in analyse(text).actors if a.type == "PERSON"}
    assert "Renata Quintal Arruda" in persons, persons
