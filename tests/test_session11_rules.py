"""Attribution and harm rules added after reading heldout21, heldout22 and everyday9, each on text written for
the test: the group a pronoun points back to, the person a bare title or a message turns to, the teller who is
not named, a relayed account that an "according to" only sources, and everyday words that are not threats."""

from __future__ import annotations

from forewarn.model import DocumentAnalysis


def pairs(analysis: DocumentAnalysis) -> set[tuple[str | None, str | None]]:
    def name(ref) -> str | None:
        return analysis.actor(ref.local_id).name if ref else None

    return {(name(t.speaker), name(t.target)) for t in analysis.threats}


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
