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
