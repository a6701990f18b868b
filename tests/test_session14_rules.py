"""Rules added in session 14 after reading heldout34 and heldout35, each on text written for the test.

Speakers: a saying inside what was told ("They told me that if Musa did not stand up and say ...") is not the
teller's; a description ("the military prosecutor", "the main defendant") is not a person the text knows by another
role; "the officer" after "a man who said he was an officer of X" is that unnamed man; "It" of a letter stamped with a
group's seal is the group."""

from __future__ import annotations

from threat_pairs import pairs


def test_a_saying_inside_what_was_told_does_not_make_its_subject_the_speaker(analyse) -> None:
    text = (
        "Elders in Hiran say the militants now come to their farms\n\n"
        "Musa Abdi Warsame is a clan elder near Bulo Burte. He was in Beledweyne in April when armed men visited "
        "the family farm, where his cousin Hussein Abdi was working.\n\n"
        '"There were five of them, with rifles, and they said they were from the Jubba command of al-Shabaab," '
        'Hussein said. "They told me that if Musa did not stand up at Friday prayers and say he had left the clan '
        'militia, they would bury him before the rains came."\n\n'
        "Musa has since moved his children to Mogadishu.\n"
    )
    found = pairs(analyse(text))
    assert found, "the threat is found"
    assert all(speaker != "Musa Abdi Warsame" for speaker, _ in found)


def test_a_description_is_not_a_person_known_by_another_role(analyse) -> None:
    text = (
        "Court hears messages in case of plot against MP\n\n"
        "AMMAN - A state security court on Monday heard the case against four men accused of plotting to attack a "
        "member of parliament.\n\n"
        "The lawmaker, Rana Qudah, a former nurse from Irbid, drew anger online in March after she called for "
        "changes to the school curriculum.\n\n"
        "The military prosecutor told the panel that the main defendant, Yazan Obeidat, had posted in a private "
        "group on March 20:\n\n"
        '"This woman insulted our faith in front of the whole country. If she does not apologise by the end of the '
        'month, her blood is permitted, and we will be the ones who spill it."\n\n'
        "The defence said the messages were bravado.\n"
    )
    assert ("Yazan Obeidat", "Rana Qudah") in set(pairs(analyse(text)))


def test_the_officer_after_an_unnamed_officer_is_that_man(analyse) -> None:
    text = (
        "Rebel spokesman says security agents threatened him by phone\n\n"
        "Q: Have your own people been threatened?\n\n"
        "A: Our spokesman, Colonel Gatluak Both Deng, was called two weeks ago by a man who said he was an officer "
        "of the National Security Service. The officer told him that if he gave one more interview to the radio "
        "stations he would be hunted in Juba like a rat, and that his family would pay.\n"
    )
    found = set(pairs(analyse(text)))
    assert found, "the threat is found"
    assert all(speaker != "Gatluak Both Deng" for speaker, _ in found)
    assert any(target == "Gatluak Both Deng" for _, target in found)


def test_a_letter_stamped_with_a_groups_seal_speaks_for_the_group(analyse) -> None:
    text = (
        "Village chairmen caught between the army and the rebels\n\n"
        "Gemechu Tafa, the chairman of a kebele near Gimbi, told researchers about a letter left under his door in "
        "March:\n\n"
        '"It was handwritten and it was stamped with the seal of the Oromo Liberation Army. It said that '
        "if I continued to collect the taxes for the government, I would receive the punishment of a traitor. "
        'Everyone here knows what that punishment is."\n\n'
        "The regional government says the area is under control.\n"
    )
    speakers = {speaker for speaker, target in pairs(analyse(text)) if target and "Gemechu" in target}
    assert speakers == {"Oromo Liberation Army"}


def test_idioms_of_killing_and_maiming_are_threats(analyse) -> None:
    text = (
        "Nationalist leader tells columnist to stop writing\n\n"
        "ISTANBUL - Kemal Durmaz, the leader of a small ultranationalist party, addressed a rally in Konya on "
        "Sunday and turned to the columnist Selin Kaya, who has written about his party's finances.\n\n"
        '"Either she breaks her own pen, or we will come and break her hands," Durmaz told the crowd.\n\n'
        "Kaya said she would not stop writing.\n"
    )
    assert ("Kemal Durmaz", "Selin Kaya") in set(pairs(analyse(text)))


def test_a_parcel_sent_back_home_in_a_box_is_no_threat(analyse) -> None:
    parcel = (
        "Courier firm vows faster deliveries\n\n"
        "The chief executive, Ruth Wanjiru, vowed that parcels would go back to senders within two days. "
        '"Every return will go back home in a box we pay for," she said.\n'
    )
    assert not analyse(parcel).threats


def test_a_message_signed_in_lower_case_is_the_signers_and_aimed_at_whom_it_came_to(analyse) -> None:
    text = (
        "TRANSCRIPT: Gang banner warns police; radio reporter says she was threatened\n\n"
        "ANCHOR (LUISA POP): Good evening. Two prison guards were shot dead in Mixco last week.\n\n"
        "ROSA ELENA TZUL (recorded interview): It came on Tuesday night. It said: \"Stop with your little reports, "
        'we know which bus you take at six." And it was signed "la mara". I take the bus at six in the morning.\n'
    )
    found = {(speaker, (target or "").title()) for speaker, target in pairs(analyse(text))}
    assert ("la mara", "Rosa Elena Tzul") in found, found


def test_tell_her_makes_the_one_told_a_messenger_not_the_target(analyse) -> None:
    text = (
        "A man has been charged with threatening a county official.\n\n"
        "Dale Everett Shaw, 58, is charged with making interstate threats. According to the complaint, Shaw called "
        "the treasurer's office and asked for Treasurer Maria Lindqvist. When told she was out, he told the clerk "
        'who answered: "Tell her if she signs that levy, she won\'t make it home."\n'
    )
    found = set(pairs(analyse(text)))
    assert any(speaker == "Dale Everett Shaw" and "Lindqvist" in (target or "") for speaker, target in found), found


def test_let_him_know_names_the_target(analyse) -> None:
    text = (
        "Party official warns comedian\n\n"
        "BEIRUT - A senior official of an armed party warned the comedian Karim Haddad on Wednesday after a sketch "
        "mocked its leader. Two men were beaten outside a theatre last month.\n\n"
        '"Let Mr Haddad know that our patience has limits, and that not all the people who love the resistance will '
        'hold back from killing him," Hajj Samir Fakhoury said.\n'
    )
    found = set(pairs(analyse(text)))
    assert ("Hajj Samir Fakhoury", "Karim Haddad") in found, found


def test_reporting_on_a_prison_escape_threatens_no_one_with_prison(analyse) -> None:
    text = (
        "ANCHOR: Thank you. This evening we also want to tell you about our colleague Rosa Tzul, who covers "
        "security for a radio station and has been reporting on the prison escape.\n"
    )
    assert not analyse(text).threats
