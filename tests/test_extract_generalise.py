"""Extraction beyond the documents it was built on: metaphors of everyday politics and business,
place names the tagger takes for people, signed letters, veiled idioms and paragraph-initial "he said"."""

from __future__ import annotations

import pytest

from threat_pairs import names


@pytest.mark.parametrize(
    "text",
    [
        # harm done to a bill, a law, a tradition: politics, not violence
        "Opposition bloc threatens tax bill\n\nBRASILIA — Leaders of the centrist bloc threatened on Monday to kill "
        "the government's flagship tax reform bill in the lower house unless states receive more money.\n",
        "\"Every regulation that lands on my desk will have to kill two old ones,\" Chancellor candidate Petra "
        "Vogel told business owners in Stuttgart on Friday.\n",
        "Senate leader Tom Reyes said the majority would not let a handful of members hold the entire "
        "government hostage over an unrelated spending fight. \"We will not be held hostage,\" he said.\n",
        # a fight in politics is not a war
        "\"If my opponent wants that fight, bring it on,\" said Councillor Maria Lund. \"I am ready to fight "
        "dirty against waste and red tape.\"\n",
        # a scam warning: paying a fine is no heavy price
        "\"No genuine council will ask you to pay a fine by clicking on a link in a text,\" said Inspector "
        "Lisa Harrow of the county police.\n",
        # a book review retells its plot
        "Book review: a revenge saga on the moors\n\n\"I will kill you, Edmund Hale, if it takes me the rest "
        "of my life.\" So vows young Ada Birch in the opening chapter of Clara Moss's new novel.\n\n"
        "The novel follows Ada for thirty years; readers will find the last chapter hard to forget.\n",
        # holding on, not hanging: "traders hanging on by their fingernails"
        "Business leader Tom Ashby warned that high-street traders who were \"already hanging on by their "
        "fingernails\" would close if the council raised parking charges.\n",
        # a mayor's joke about potholes: no one named is threatened
        "\"Attention every pothole in Millbrook: your days are numbered,\" Mayor Dana Price wrote on Monday "
        "beside a photo of a new asphalt truck.\n",
        # campaigns bury their rivals, kill bills in quotes and boxers target titles
        "Greens candidate Ruth Alder told supporters in Norwich that the party would \"bury the Liberals so deep "
        "in this seat they will need a spade to find them\" when the count comes in on Thursday.\n",
        "Opposition leader Samuel Otieno on Tuesday vowed to \"kill\" the Housing Levy Bill on the floor of the "
        "National Assembly, as hundreds of young protesters marched through the city centre.\n",
        "After the points win, promoter Gail Barton said her fighter would now target a European title eliminator "
        "in the spring.\n",
        "\"Both campaigns are going to try to kill each other on television for the next three weeks,\" said "
        "pollster Dan Whitley.\n",
        # the state pursuing those who did it, an operation reported, a pledge to stop, how things go
        "\"We will hunt down every person who gave these killers a car or a phone, and we will bring them before a "
        "court,\" police commissioner Halima Abdi said after the market bombing that killed nine people.\n",
        "The verdict shows that those who shed the blood of innocent pilgrims will answer for it, Justice Minister "
        "Femi Adeyemi said of the men convicted of the 2022 church bombing.\n",
        "A clearance operation is being conducted to eliminate any other militants found in the area, the army said "
        "after the raid in which four soldiers were killed.\n",
        "The rebels pledged during earlier rounds of talks to end kidnapping for ransom, the government negotiator "
        "Clara Ruiz said.\n",
        "\"When you kill a union leader, you silence the whole valley behind him,\" said researcher Tomás Vidal of "
        "the killings of activists since 2016.\n",
        "\"Sanctions will keep using every tool available to cut off the revenue that funds these attacks,\" said "
        "Treasury official Mark Hale.\n",
        # a family after a verdict, a union's ultimatum, a minister on a strike, a defence lawyer, a rights report
        "\"Nothing brings my son back. But today at least I know that the man who shot him will pay for what he "
        "did,\" his mother, Lorena Vidal, said outside the court.\n",
        "\"If there is no response by Friday, we will be back, and next time we will stop the whole country,\" said "
        "union leader Hugo Benavides after the march.\n",
        "Transport minister Paul Girard said the government would \"not let the Games be taken hostage\" by the "
        "rail strike.\n",
        "\"You do not convict a man of murder because he was in the wrong street with the wrong phone,\" defence "
        "lawyer Anne Morel told the jury.\n",
        "\"Every killing is a crime, and every crime must be investigated,\" said Nasrin Akter of the rights group "
        "after police shot dead two protesters.\n",
        # an analyst's forecast, fear described, hostages to be freed, a vote count, a project gone wrong
        "\"I would be surprised if we did not see a convoy ambush before the end of the year,\" said analyst Ines "
        "Barry after the drone strikes that killed 12 militants.\n",
        "\"They are afraid of being caught between the drones and whoever comes afterwards,\" said Moussa Kane, a "
        "trader in the town where gunmen killed five people.\n",
        "Government spokesman Avi Dror said Israel was \"committed to the return of all the hostages\" held since "
        "the attack.\n",
        "Candidate Ramon Dizon, whose rival's driver was shot dead last month, vowed to \"finish them off\" in the "
        "count.\n",
        "\"Two years ago I said this project was going to blow up in our faces,\" councillor Rob Keller said.\n",
        # the police to car thieves after a shooting, and a critic of the slogan
        "\"If you are stealing cars in this city, we are coming for you,\" police chief Dana Walsh said after a "
        "teenager was shot dead in a stolen car. \"But 'we're coming for you' is not a youth strategy,\" said "
        "councillor Omar Reyes.\n",
        # an analyst's forecast, a rhetorical question, a condemnation (session 10)
        "\"The villages are exposed. I expect we will see more roadside bombs before the rains,\" said analyst "
        "Peter Njoroge after gunmen attacked a bus.\n",
        "\"They say we are finished. If we are finished, why does he send drones every day?\" the rebel "
        "commander Dawit Haile asked.\n",
        "\"Whatever you think of his politics, nobody should have to worry about getting shot at a town hall,\" "
        "said state senator Laura Brenn after the arrest of a man who threatened the congressman.\n",
        # campaigns, business and sport
        "\"The voters decide, and they will teach him a lesson in November,\" candidate Asha Patil said of the "
        "sitting mayor.\n",
        "Candidate Lucia Ferro vowed to \"crush\" her rival in Thursday's debate \"with arguments, not "
        "bullets\".\n",
        "The chief executive, Nils Berg, said the company would eliminate 2,000 jobs. \"We are going to execute "
        "like a startup again,\" he said.\n",
        "\"I'll murder you on the track,\" sprinter Jade Owusu told her rival at the press conference.\n",
        "\"We were slaughtered in the second half, and that's on me,\" coach Marco Vitali said.\n",
        "\"If the central bank raises rates again, savers will be punished and small firms will be destroyed,\" "
        "said the opposition's finance spokesman, Tomas Berg, a week after a bomb hit the finance ministry.\n",
        "\"If we stop asking questions, then those who killed him have won,\" said Ana Cruz, whose brother was "
        "murdered in 2019.\n",
    ],
)
def test_everyday_metaphors_are_not_threats(analyse, text: str) -> None:
    assert analyse(text).threats == []


def test_place_the_tagger_calls_a_person_is_not_the_target(analyse) -> None:
    text = (
        "Gang leader warns police away from his district\n\n"
        "PORT-AU-PRINCE — In a video posted on Sunday, gang leader Wilson Toussaint warned officers of the "
        "Haitian National Police against entering the neighbourhoods his men control.\n\n"
        "\"Any police officer who crosses into Martissant will not go home to his mother,\" Toussaint said.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert pairs, "the threat is found"
    assert all(target != "Martissant" for _, target in pairs)
    assert all(speaker == "Wilson Toussaint" for speaker, _ in pairs)


def test_known_place_is_relabelled(analyse) -> None:
    analysis = analyse(
        "Residents of Kharkiv spent another night in shelters. Drones struck a depot near Kharkiv, "
        "the regional governor said.\n"
    )
    kinds = {a.name: a.type for a in analysis.actors}
    assert kinds.get("Kharkiv") == "GPE"


def test_signed_letter_speaks_for_its_signer(analyse) -> None:
    text = (
        "Councillor receives bullet in the post\n\n"
        "LEIPZIG — Police are investigating after city councillor Jana Weber received a letter containing a "
        "cartridge and a threat signed by a far-right group calling itself \"Sturm Sachsen\".\n\n"
        "The letter read: \"Frau Weber, you are a traitor to your people. This bullet is for you. The next one "
        "will not come by post.\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert any(speaker == "Sturm Sachsen" and target and "Weber" in target for speaker, target in pairs)


def test_days_are_numbered_marks_the_man_named(analyse) -> None:
    text = (
        "CALAPAN — A recording played on local radio after the killing of broadcaster Ramon Dela Paz has "
        "put the town's mayor under scrutiny.\n\n"
        "In the recording, Mayor Ernesto Villanueva can be heard saying: \"That loudmouth on the radio thinks "
        "he is untouchable. His days are numbered.\"\n\n"
        "Dela Paz was shot dead outside his home in October. Villanueva denied any role.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Ernesto Villanueva", "Ramon Dela Paz") in pairs


def test_he_said_after_a_paragraph_break_is_the_previous_subject(analyse) -> None:
    text = (
        "Ohio man pleads guilty to threatening state senator\n\n"
        "COLUMBUS — A Dayton man pleaded guilty on Tuesday to leaving threatening voicemails for State "
        "Senator Laura Keane, prosecutors said.\n\n"
        "Brian Earl Madsen, 58, admitted that he called Keane's office four times in March.\n\n"
        "In one message, he said: \"If you vote for that bill, you won't make it home to your family.\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Brian Earl Madsen", "Laura Keane") in pairs


def test_transcript_turn_labelled_by_role_is_the_person_with_that_role(analyse) -> None:
    text = (
        "Press conference of the military government, excerpts\n\n"
        "The briefing was given by the military's spokesman, Brigadier General Kyaw Zeya Htun.\n\n"
        "QUESTION: What is your message to the exiled minister Daw Khin Lay?\n\n"
        "SPOKESMAN: Daw Khin Lay gives orders from abroad to burn our offices. She should know that our arm is "
        "long. Those who order such crimes will not die of old age.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert any(speaker == "Kyaw Zeya Htun" and target == "Daw Khin Lay" for speaker, target in pairs), pairs


def test_hunting_down_people_is_a_threat_but_police_hunting_killers_is_not(analyse) -> None:
    threat = analyse(
        "Bandit leader Musa Garba vowed to hunt down members of the village vigilante force after the killing "
        "of his brother, according to a video seen by reporters.\n"
    )
    assert [names(threat, t)[0] for t in threat.threats] == ["Musa Garba"]
    justice = analyse(
        "Police commissioner Ade Bello vowed to hunt down the killers of the two farmers and bring them "
        "before the courts.\n"
    )
    assert justice.threats == []


def test_an_ultimatum_to_choose_between_tribute_and_the_sword(analyse) -> None:
    analysis = analyse(
        "In an audio message, the insurgent commander Abu Yasir al-Barnawi warned villagers in the south of "
        "the state to \"choose between the tax and the sword.\"\n"
    )
    assert [names(analysis, t)[0] for t in analysis.threats] == ["Abu Yasir al-Barnawi"]
    assert analysis.threats[0].form == "conditional"


def test_threat_idioms_addressed_by_first_name(analyse) -> None:
    text = (
        "CARACAS — On his weekly television programme, ruling-party deputy Gerardo Salas Mujica turned to the "
        "journalist Andrés Pineda, who had reported on abuses at a military prison.\n\n"
        "\"Andrés, if you keep publishing these lies about our soldiers, there is a little room waiting for you "
        "at the prison,\" Salas said.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Gerardo Salas Mujica", "Andrés Pineda") in pairs, pairs


@pytest.mark.parametrize(
    "idiom",
    [
        "You're a dead man, Carl.",
        "We know where your children go to school, Carl.",
        "Watch your back, Carl.",
        "Carl, you will not leave that building alive.",
        "You will come back to Denver one way or another, Carl, in a box if necessary.",
        "Keep counting those ballots, Carl, and they'll find you in a ditch.",
        "We know where you live, Carl. Next time it won't be paint.",
        "Carl, if you are still in that office at the new year, you will not see the one after it.",
        "If you touch one of my men again, Carl, we will drag you out with our own hands.",
        "Carl, I have the rifle and I have your address.",
        "Carl, we will make you a clerk without a head.",
        "Carl, your next report on the count will be your last.",
    ],
)
def test_threat_idioms(analyse, idiom: str) -> None:
    text = (
        "DENVER — A man accused of threatening county clerk Carl Jensen appeared in federal court on Monday.\n\n"
        f"Prosecutors say Wayne Doyle Harmon, 49, left a voicemail for Jensen in which he said: \"{idiom}\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Wayne Doyle Harmon", "Carl Jensen") in pairs, pairs


SOFT_IDIOMS = [
    "Your brother in Pueblo will pay for every word you write, Carl.",
    "Carl, we are coming for you first.",
    "If you certify that count, Carl, you won't be walking out of that office.",
    "Carl, you and your family will not see Christmas.",
    "If you close one more of our shops, Carl, you get a brick through your window.",
    "You should look at what happened to that lawyer in Aurora, Carl.",
    "Next time I come, Carl, I won't be alone, and I won't be asking.",
    "Carl, this is your last week here.",
    "If Carl Jensen does not retract his report within seven days, he will be punished by the people.",
]


@pytest.mark.parametrize("idiom", SOFT_IDIOMS)
def test_soft_threat_idioms_where_violence_is_in_the_story(analyse, idiom: str) -> None:
    text = (
        "DENVER — A man accused of threatening county clerk Carl Jensen appeared in federal court on Monday, a "
        "month after a poll worker in the county was shot dead.\n\n"
        f"Prosecutors say Wayne Doyle Harmon, 49, left a voicemail for Jensen in which he said: \"{idiom}\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Wayne Doyle Harmon", "Carl Jensen") in pairs, pairs


@pytest.mark.parametrize(
    "text",
    [
        "\"He won't be coming back as chief executive,\" the chairman, Paul Rees, told shareholders, who will not "
        "see next year's dividend either.\n",
        "\"We are coming for you, Labour,\" the party leader Anna Price told a rally in Swindon.\n",
    ],
)
def test_soft_idioms_of_business_and_campaigns_are_not_threats(analyse, text: str) -> None:
    assert analyse(text).threats == []


def test_threat_told_by_the_one_who_received_it(analyse) -> None:
    # the target tells of the threat in her own words; the one who made it is the man she named before
    text = (
        "HARARE — A councillor in Mashonaland East says a ruling-party youth official threatened her life at a "
        "campaign meeting.\n\n"
        "Chipo Mandaza, who is standing in Ward 9, said the district youth secretary, Farai Gumbo, walked up to "
        "the stage on Sunday while she was speaking.\n\n"
        "\"He grabbed the microphone and said: 'If you come back to this village, you will leave in a coffin.' "
        "Everyone heard it,\" Mandaza said.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Farai Gumbo", "Chipo Mandaza") in pairs, pairs


def test_people_picked_out_by_what_they_do_are_the_target(analyse) -> None:
    text = (
        "Militants order pharmacies shut in Kunar\n\n"
        "ASADABAD — Leaflets left at the bazaar overnight carried a warning from a local commander, Qari Samiullah "
        "Wardak.\n\n"
        "\"Any pharmacist who sells medicine to the soldiers has chosen death. We will burn his shop with him "
        "inside,\" Wardak wrote.\n"
    )
    analysis = analyse(text)
    targets = [names(analysis, t)[1] for t in analysis.threats]
    assert targets and all(t is not None and "pharmacist" in t.lower() for t in targets), targets


def test_let_him_know_threatens_the_man_talked_about(analyse) -> None:
    text = (
        "ISTANBUL — A pro-government commentator went after the exiled columnist Murat Eker on his evening show.\n\n"
        "\"He thinks Berlin is far away. Let him know that we know where his wife works, and that our patience "
        "has an end,\" Selim Akgunduz said on air.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Selim Akgunduz", "Murat Eker") in pairs, pairs


@pytest.mark.parametrize(
    "text",
    [
        # a campaign's price is paid at the ballot box
        "Opposition says government 'will pay a price' in Kenton by-election\n\nThe Liberal candidate, Ruth Adair, "
        "said voters were tired of broken promises. \"They will pay a heavy price on Thursday, and they know it,\" "
        "she told supporters at a school hall.\n",
        # a trade row
        "Minister warns Brussels over steel tariffs\n\nTrade minister Hal Brandt said the EU would \"pay a big "
        "price\" if it targeted American steel exports with new duties. Exports of steel fell 4% last year, and "
        "tariffs on imports rose.\n",
        # a labour dispute
        "Union threatens strike at Kessler Foods plants\n\nThe union said workers would walk out unless the "
        "employer improved its pay offer. \"If they refuse, we will strike and shut every line,\" said shop "
        "steward Dennis Oyelaran. Wage talks resume on Monday; overtime bans began last week.\n",
        # a council enforces a rule; a commission calls for peace
        "Council threatens landlords with £20,000 fines over damp homes\n\nThe council said owners who ignore "
        "notices will be prosecuted.\n",
        "\"No election is worth the blood of any citizen,\" the electoral commission said, urging parties to "
        "campaign peacefully.\n",
    ],
)
def test_prices_strikes_and_fines_of_ordinary_news_are_not_threats(analyse, text: str) -> None:
    assert analyse(text).threats == []


def test_unnamed_men_speak_for_the_gang_they_are_shown_with(analyse) -> None:
    text = (
        "Prosecutor threatened in gang video\n\n"
        "QUITO — A video shared on Sunday shows five masked men with rifles standing under a banner of the "
        "Los Halcones gang. One of them reads from a sheet of paper: \"Prosecutor Marta Yépez, you are next. "
        "We know the road you take home.\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert ("Los Halcones", "Marta Yépez") in {(s, (t or "").replace("Prosecutor ", "")) for s, t in pairs}, pairs


def test_a_voice_on_a_recording_attributed_to_someone_is_his(analyse) -> None:
    text = (
        "LIMA — An audio message attributed to Wilmer Quispe Soto, a gang boss held in Challapalca prison, "
        "circulated on Monday. In it, a man's voice says: \"If they move me again, the judges who signed the order "
        "will pay with blood, them and their families.\"\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Wilmer Quispe Soto"}, speakers


def test_a_speaker_who_gives_his_name(analyse) -> None:
    text = (
        "In an audio statement shared in April, a speaker presenting himself as the local commander of the "
        "insurgents, who gave his name as Abu Bakr al-Somali, announced a siege of the town: \"Any driver who "
        "brings fuel to the garrison from today will be killed and his truck burned.\"\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Abu Bakr al-Somali"}, speakers


def test_the_cleric_is_the_man_the_sentence_before_was_about(analyse) -> None:
    text = (
        "Senior party official Sheikh Rami Haddad spoke at the funeral in Tyre on Friday. The cleric told "
        "mourners: \"If the enemy strikes our villages again, our rockets will reach its cities.\"\n\n"
        "Prime Minister Karim Saab later urged calm, saying: \"We do not want a war.\"\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert "Rami Haddad" in " ".join(s or "" for s in speakers), speakers


def test_a_group_target_carries_the_forms_readers_write(analyse) -> None:
    text = (
        "Rebels warn candidates away from the valley\n\n"
        "Teodoro Ancasi, the commander of the rebel front, wrote in a leaflet left at the market: "
        "\"Any candidate who comes to campaign in the valley will be executed.\"\n"
    )
    analysis = analyse(text)
    assert analysis.threats, "the threat is found"
    target = analysis.actor(analysis.threats[0].target.local_id)
    forms = {f.lower() for f in target.surface_forms()}
    assert {"candidate", "candidates"} <= forms, forms
    assert any(f.startswith("any candidate who comes to campaign") for f in forms), forms


def test_a_speaker_the_tagger_missed_is_found_by_his_fuller_name(analyse) -> None:
    text = (
        "A senior commander of the Kurdish-led forces, who uses the nom de guerre Rojhat Serhed, answered the "
        "ultimatum in a video on Sunday.\n\n"
        "\"If they attack the dam, we will burn every one of their positions,\" Serhed said.\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Rojhat Serhed"}, speakers
    assert analysis.actor(analysis.threats[0].speaker.local_id).type == "PERSON"


def test_no_person_in_a_time_stamp(analyse) -> None:
    text = "Fri Jun 9, 2023 12:00 AM\n\nThe district council met on Thursday to discuss the budget.\n"
    assert all("Fri" not in a.name for a in analyse(text).actors)


def test_the_post_read_is_its_authors(analyse) -> None:
    # the parser reads "the post read" as one noun; the post's author is named before
    text = (
        "The post, published on Sunday on a page used by Khalifa Omar Barghathi, the commander of a Misrata "
        "battalion, named the MP Faraj Lamlum directly.\n\n"
        "\"If you set foot in Misrata again, you will leave it in a coffin,\" the post read.\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Khalifa Omar Barghathi"}, speakers


def test_a_chain_of_he_goes_back_to_the_man_named(analyse) -> None:
    text = (
        "Jean-Rodrigue Estimé appears in the video flanked by masked men.\n\n"
        "He then turns to the businessmen he accuses of financing the police, naming former senator Yvon "
        "Pierre-Louis. \"Those who pay the police to kill our young men, we know your names. We will burn your "
        "houses,\" he says.\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Jean-Rodrigue Estimé"}, speakers
    assert analysis.actor(analysis.threats[0].speaker.local_id).type == "PERSON"


def test_names_the_tagger_splits_are_one_person(analyse) -> None:
    text = (
        "The council candidate Lukas Hähnel said on Monday he had received a letter at his office. Hähnel said "
        "he would not step down.\n\n"
        "The local RSF commander Hamid Abakar Yousif denied any role. \"We protect everyone,\" Hamid Abakar said.\n"
    )
    analysis = analyse(text)
    people = {a.name: a for a in analysis.actors if a.type == "PERSON"}
    assert "Lukas Hähnel" in people and "Hähnel" in people["Lukas Hähnel"].surface_forms(), people
    assert "Hamid Abakar Yousif" in people and "Hamid Abakar" not in people, people


def test_a_surname_that_speaks_makes_its_full_name_a_person(analyse) -> None:
    text = (
        "Abdulrahman Makalintal commands a faction in the marshland.\n\n"
        "\"If the soldiers stay, we will attack the detachment,\" Makalintal said.\n\n"
        "\"We will answer any attack,\" Human Rights Watch said in a separate statement, quoting an officer.\n"
    )
    analysis = analyse(text)
    types = {a.name: a.type for a in analysis.actors}
    assert types.get("Abdulrahman Makalintal") == "PERSON", types
    assert types.get("Human Rights Watch") != "PERSON", types


def test_it_went_on_carries_the_voice_of_the_quote_before(analyse) -> None:
    text = (
        "In a statement sent to reporters, the spokesman of the Sindhudesh front, Karan Mahar, said the "
        "bombings were a warning.\n\n"
        "\"We have given the company enough time,\" the statement said.\n\n"
        "It went on: \"Those who come from the north to build the dam on our river should leave at once, or they "
        "will be killed like the guards at the pumping station.\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert pairs, "the threat is found"
    assert {speaker for speaker, _ in pairs} == {"Karan Mahar"}, pairs
    target_actor = analysis.actor(analysis.threats[0].target.local_id)
    assert any(f.startswith("Those who come from the north") for f in target_actor.surface_forms()), pairs


def test_a_quote_reproduced_from_a_video_is_its_publishers(analyse) -> None:
    text = (
        "Report: schools under threat\n\n"
        "The most shared recording was a video posted on 3 May by a commander who calls himself "
        "\"General Tomba\", who leads fighters in the hills above the town.\n\n"
        "Our translation of the passage reads:\n\n"
        "\"Any nurse who opens the clinic on Monday will lose her hand. Parents who send children to school, "
        "you will count your losses.\"\n\n"
        "Nurses interviewed for this report said they took the warning seriously. \"We know what happened to "
        "our colleague in the market,\" said one.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert pairs and {s for s, _ in pairs} == {"General Tomba"}, pairs
    speaker = analysis.actor(analysis.threats[0].speaker.local_id)
    assert speaker.type == "PERSON" and "Tomba" in speaker.surface_forms(), speaker
    assert all("colleague" not in t.evidence.text for t in analysis.threats)


def test_the_man_in_the_video_is_the_one_police_named(analyse) -> None:
    text = (
        "Police said the man in the video is Rodolfo Quiñe Barra, alias \"El Flaco\", who runs the gang's "
        "business in the port.\n\n"
        "\"Judge Irma Salcedo, you know where your children go to school,\" the man says.\n\n"
        "He then addresses the warden of the jail, Major Ciro Lema. \"If the transfers go ahead, the jail will "
        "burn, and you, major, will burn with it,\" he says.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    # the small tagger may cut the given name off; the man is the one police named, whoever is addressed
    assert any("Quiñe Barra" in (s or "") and "Ciro Lema" in (t or "") for s, t in pairs), pairs


def test_whom_a_sentence_turns_to_is_the_target_not_the_place(analyse) -> None:
    text = (
        "The mayor, a former police officer, spoke at the flag ceremony on Monday. \"I am not afraid of them,\" "
        "he said. Switching to the local language, Mayor Arnel Tampus then said: \"And to the drug pushers in "
        "San Remigio, I am telling you now: leave my town or you will be carried out of it.\"\n"
    )
    analysis = analyse(text)
    targets = {names(analysis, t)[1] for t in analysis.threats}
    assert targets and all(t != "San Remigio" for t in targets), targets
    assert any("pushers" in (t or "") for t in targets), targets


def test_those_a_condition_is_laid_on_rather_than_the_place_that_burns(analyse) -> None:
    text = (
        "Militia leader Abu Karrar al-Jabouri said on Tuesday: \"If the Americans strike one of our "
        "headquarters, Camp Taji will burn.\"\n"
    )
    analysis = analyse(text)
    targets = {names(analysis, t)[1] for t in analysis.threats}
    assert targets and "Camp Taji" not in targets, targets


@pytest.mark.parametrize(
    "text",
    [
        "Councillor Mallory said he had been \"stabbed in the back\" by colleagues and would not sit with them.\n",
        "\"Our message to lenders is simple: if you target vulnerable customers, you must follow the rules and "
        "there will be consequences,\" the regulator's director, Anne Pike, said.\n",
        "A state law makes it a crime to intimidate or threaten election officials, the secretary said.\n",
        "\"He does not need to say 'I will kill you'. Everyone understands the message,\" said analyst Ola Berg.\n",
    ],
)
def test_talk_about_threats_and_idioms_are_not_threats(analyse, text: str) -> None:
    assert analyse(text).threats == []


@pytest.mark.parametrize(
    "sentence",
    [
        "\"Tell Rustamov his days are counted. I will come to Berlin myself and finish him,\" the caller said.",
        "\"You talk a lot from abroad. Soon you will talk with a cut throat,\" the message to Rustamov read.",
        "\"As for the soldiers of the junta, they will not find rest in any camp,\" the commander said.",
        "\"The soldiers who occupy the port should know that the port will become their grave,\" the emir said.",
    ],
)
def test_veiled_threats_in_translation(analyse, sentence: str) -> None:
    assert analyse("Commander Yusuf Bashir of the militia spoke on Friday. " + sentence + "\n").threats


def test_a_statement_printed_in_full_is_its_headings(analyse) -> None:
    text = (
        "Rebel command orders village chiefs to resign\n\n"
        "[Editor's note: the statement below was posted on a channel used by the rebels. We print it in full.]\n\n"
        "STATEMENT OF THE NORTHERN HILLS LIBERATION FRONT - LAKE COMMAND\n\n"
        "To the people of the lake districts:\n\n"
        "1. We order every village chief to leave his post within ten days. Any chief who continues to collect "
        "taxes for the regime after this deadline will be considered an enemy, and our fighters will deal with him "
        "as such.\n\n"
        "2. We address in particular Mr Oumar Diallo, the chief of Kessa. He should remember what happened to "
        "those who stood where he stands.\n\n"
        "[End of statement]\n\n"
        "The regional governor called the statement an act of intimidation.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert {s for s, _ in pairs} == {"NORTHERN HILLS LIBERATION FRONT - LAKE COMMAND"}, pairs
    assert any("Oumar Diallo" in (t or "") for _, t in pairs), pairs
    assert any("chief" in (t or "").lower() and "Diallo" not in (t or "") for _, t in pairs), pairs


def test_a_transcript_label_names_its_speaker_in_brackets(analyse) -> None:
    text = (
        "The video shows two masked men in front of a burnt car.\n\n"
        "FIRST SPEAKER: We are the people of this zone, nobody else gives orders here.\n\n"
        "SECOND SPEAKER (masked, identified by residents as \"Ti Kal\"): Any police officer who comes into "
        "our streets, we will burn him inside his car.\n\n"
        "SECOND SPEAKER: And those who call the police with information, we have your numbers.\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Ti Kal"}, speakers
    assert all(a.name.lower() != "second speaker" for a in analysis.actors)


def test_a_quantified_group_put_in_front_of_the_threat_is_its_target(analyse) -> None:
    text = (
        "The insurgents' spokesman, Sheikh Ali Dhuhul, spoke on the group's radio on Friday. \"Every elder "
        "who puts his hand in the hand of the apostate government, we will reach him, wherever he is,\" "
        "Dhuhul said.\n"
    )
    analysis = analyse(text)
    targets = {names(analysis, t)[1] for t in analysis.threats}
    assert targets and all("elder" in (t or "") for t in targets), targets


def test_whose_wrath_is_not_whom_it_threatens(analyse) -> None:
    text = (
        "Peter Njong, the commander of the Southern Defence Forces, posted a lockdown order on Monday. "
        "\"No one should move on the roads "
        "during the lockdown. Violators will face the full wrath of the Southern Defence Forces,\" Njong wrote.\n"
    )
    analysis = analyse(text)
    targets = {names(analysis, t)[1] for t in analysis.threats}
    assert targets and "Southern Defence Forces" not in targets, targets


@pytest.mark.parametrize(
    "sentence",
    [
        "\"We know your house and we know your sons. Stay away from the registration,\" Batista told the elder.",
        "\"You journalists who call us terrorists, when we take the town we will have a list, and your name is on "
        "it,\" Batista told the reporter Ana Ruiz.",
        "\"Judge Rosa Pinto has 48 hours to leave the province with her family,\" the pamphlet said.",
        "\"Any inspector who comes down this road is going to be received with lead,\" the rancher said.",
        "\"Tell your boss that if she does not withdraw, she won't see election day,\" the men told the driver.",
    ],
)
def test_threats_said_without_naming_the_harm(analyse, sentence: str) -> None:
    assert analyse("Armed men loyal to the gang leader Rui Batista spoke on Friday. " + sentence + "\n").threats


@pytest.mark.parametrize(
    "text",
    [
        "The transporters' union warned that the north of the country risked being \"completely cut off\" if "
        "other firms followed.\n",
        "\"All options are on the table. Our federal executive will meet on Sunday,\" party leader Jan Botha said.\n",
        "\"We are warning all candidates: any harassment of voters will be dealt with, including disqualification,"
        "\" election officer Ruth Ngala said.\n",
        "\"When someone tells me I will be slaughtered, I take it seriously,\" the MP Yusuf Abdi said.\n",
    ],
)
def test_isolation_sanctions_and_remarks_are_not_threats(analyse, text: str) -> None:
    assert analyse(text).threats == []


def test_a_communique_between_rules_is_its_signatorys(analyse) -> None:
    text = (
        "Full text of the pamphlet left in the highland villages\n\n"
        "Pamphlets appeared over the weekend in three villages. We publish the text below.\n\n"
        "---\n\n"
        "PUBLIC COMMUNIQUÉ\n\n"
        "To the communities of the highlands:\n\n"
        "1. The community leader Rosa Quilla has 48 hours to leave the territory together with her family.\n\n"
        "2. We tell the mayor of Pallca that he knows very well what happens to those who open the door to the "
        "troops.\n\n"
        "Commander Julián Ayma Ccori\n"
        "Western Front\n\n"
        "---\n\n"
        "The mayor said he would not resign.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert {s for s, _ in pairs} == {"Julián Ayma Ccori"}, pairs
    assert any("Rosa Quilla" in (t or "") for _, t in pairs), pairs


def test_in_a_transcript_he_is_the_man_discussed_not_a_guest(analyse) -> None:
    text = (
        "EVENING DESK - Transcript\n\n"
        "AMINA KHALDI (PRESENTER): Good evening. A recording by the insurgent commander Yusuf Bakri al-Qarawi "
        "has alarmed the oil towns. With me is Dr Samir Haddou, who studies the group. Dr Haddou, good evening.\n\n"
        "SAMIR HADDOU (ANALYST): Good evening, Amina.\n\n"
        "KHALDI: He says, and I quote our translation: \"Every camp you build in the desert is a grave we are "
        "preparing for you.\" Who is this man?\n\n"
        "HADDOU: He tells the foreign engineers, and I am paraphrasing, that they have until the end of the month "
        "to leave, and that after that the sites will be considered legitimate targets.\n\n"
        "KHALDI: Will they act?\n\n"
        "HADDOU: My assessment is that if they act, they will try to hit something small, a convoy or a checkpoint.\n"
    )
    analysis = analyse(text)
    speakers = {names(analysis, t)[0] for t in analysis.threats}
    assert speakers == {"Yusuf Bakri al-Qarawi"}, speakers
    assert all("My assessment" not in t.evidence.text for t in analysis.threats)


@pytest.mark.parametrize(
    "sentence",
    [
        "\"If you do not resign, you will not sleep in peace in your house,\" Bashir told the governor Ali Musa.",
        "\"If you do not sign, you will end up in a ditch,\" Bashir told the mayor Rosa Tun.",
        "\"Any shopkeeper who talks to the police, his family will cry,\" Bashir said.",
        "\"Any shopkeeper who gives our names to the police will be punished,\" Bashir said.",
        "\"Every village that gives food to the soldiers will be considered an enemy base,\" Bashir said.",
    ],
)
def test_more_threats_said_without_naming_the_harm(analyse, sentence: str) -> None:
    assert analyse("Rebel commander Yusuf Bashir spoke in a video on Friday. " + sentence + "\n").threats


def test_names_written_as_indictments_and_agencies_write_them(analyse) -> None:
    text = (
        "The prosecutors charged LAMARI Carmelo and his nephew with extortion. According to the charges, "
        "Carmelo Lamari ordered the fire.\n\n"
        "A statement attributed to the Leonardo Reyes Command of the New People's Army (NPA) appeared on "
        "Monday. The armed wing of the proscribed Indigenous People of Biafra (IPOB) denied any role.\n"
    )
    analysis = analyse(text)
    forms = {a.name: set(a.surface_forms()) for a in analysis.actors}
    lamari = [f for f in forms.values() if "Carmelo Lamari" in f]
    assert lamari and "LAMARI Carmelo" in lamari[0], forms
    assert any({"New People's Army", "NPA"} <= f for f in forms.values()), forms
    assert any({"Indigenous People of Biafra", "IPOB"} <= f for f in forms.values()), forms


@pytest.mark.parametrize(
    "sentence",
    [
        "\"If they keep their checkpoints on the highway, our men will come and no wall will protect them,\" "
        "Haidari said.",
        "\"Go back to your capital while you still can,\" Haidari told the district governor Omar Wali.",
        "\"Governor Omar Wali, you have a nice family in the city. Think about them before you sign,\" Haidari said.",
        "\"If the clinic opens again, we will come back and do what we did in Dara,\" Haidari said.",
        "\"There will be no safe road for the convoys of the National Guard. We choose the time and the place,\" "
        "Haidari said.",
        "\"Whoever joins the village guard will be treated as a soldier of the enemy,\" Haidari said.",
        "\"The council has forty-eight hours to return our trucks,\" Haidari said, \"or we will burn its offices.\"",
        "\"Governor Omar Wali, the addresses of your family are known to us,\" Haidari said.",
        "\"Governor Omar Wali, we know which school your daughter goes to,\" Haidari said.",
        "\"Governor Omar Wali, think about your children before you call the soldiers,\" Haidari said.",
        "\"We give Governor Omar Wali until sunset on Friday to release our men,\" Haidari said.",
    ],
)
def test_veiled_threats_that_deny_protection_or_recall_a_massacre(analyse, sentence: str) -> None:
    assert analyse("Militia commander Farid Haidari spoke in a video on Sunday. " + sentence + "\n").threats


def test_a_message_read_out_by_the_one_who_received_it_is_aimed_at_her(analyse) -> None:
    text = (
        "Journalist threatened after filming clashes\n\n"
        "A local journalist, Samira Benali, said she had received threatening messages since posting footage "
        "of the fighting. \"They wrote: we know where your mother lives, and your next video will be your "
        "last,\" she said.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert pairs and all(speaker != "Samira Benali" for speaker, _ in pairs), pairs
    assert any(target == "Samira Benali" for _, target in pairs), pairs


def test_names_with_titles_brackets_possessives_and_landforms(analyse) -> None:
    text = (
        "Registrar Dana Kittredge said the threats began in March. Organizer Keisha Bryant and ASP Vincent "
        "Mugisa spoke after her. ASP Mugisa said letters signed by the Allied Democratic Forces (ADF) were "
        "found, and that soldiers of the Uganda People's Defence Forces (UPDF) now guard the schools.\n\n"
        "Separately, the Houthi militia warned ships near the Bab al-Mandab Strait.\n"
    )
    analysis = analyse(text)
    forms = {a.name: (a.type, set(a.surface_forms())) for a in analysis.actors}
    for person in ("Dana Kittredge", "Keisha Bryant", "Vincent Mugisa"):
        assert any(person in f and kind == "PERSON" for kind, f in forms.values()), (person, forms)
    assert any({"Vincent Mugisa", "ASP Mugisa"} <= f for _, f in forms.values()), forms
    assert forms.get("Allied Democratic Forces", ("", set()))[1] >= {"ADF"}, forms
    assert any({"Uganda People's Defence Forces", "UPDF"} <= f for _, f in forms.values()), forms
    assert any("Houthi militia" in f for _, f in forms.values()), forms
    assert all(kind != "PERSON" for name, (kind, _) in forms.items() if "Mandab" in name), forms


def test_a_given_name_alone_is_the_one_person_who_bears_it(analyse) -> None:
    text = (
        "The post was signed by Melkamu Ayalew Tessema, a former teacher who commands one unit.\n\n"
        "Melkamu could not be reached for comment. Abu Hamza al-Fulani and Abu Yasir spoke for the other side.\n"
    )
    forms = {a.name: set(a.surface_forms()) for a in analyse(text).actors}
    assert "Melkamu" in forms["Melkamu Ayalew Tessema"], forms
    assert all("Abu" not in f for f in forms.values()), forms  # a kunya's "Abu" is no given name


def test_words_given_to_someone_unnamed_are_not_the_reporters(analyse) -> None:
    text = (
        "Councillor threatened after vote on memorial\n\n"
        "Councillor Amir Kovač, 52, received a voice message from an unknown number on Sunday, which he passed "
        "to the police. \"We will cut your throat like your father's, you traitor,\" a man's voice says in the "
        "recording.\n\n"
        "Mayor Stevan Ilić condemned the message.\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert any(speaker is None and target and target.endswith("Amir Kovač") for speaker, target in pairs), pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "\"If you open the depot on Monday, it will be the last meeting you ever chair,\" Kanneh told the governor.",
        "\"Let her look both ways when she crosses the road to the market,\" Kanneh said.",
        "\"Your name is written on our list, Governor Tamba,\" Kanneh said.",
        "\"We already know which car your husband drives to the clinic,\" Kanneh told Governor Tamba.",
        "\"We know your houses in Gbarnga and the houses of your staff,\" Kanneh told Governor Tamba.",
        # aimed at whoever rents a truck, not at the governor: the speaker is what is asserted
        "\"Whoever rents a truck to the army will be responsible for the loss of his life,\" Kanneh said.",
        "\"You will face the justice of the people, Governor Tamba,\" Kanneh said.",
        "\"The next time we come, we will ask for your head,\" Kanneh told Governor Tamba.",
        "\"We will pay Governor Tamba a visit at home,\" Kanneh said.",
        "\"Our knives are closer to your neck than you think, Governor Tamba,\" Kanneh said.",
    ],
)
def test_veiled_threats_of_lists_last_meetings_and_home_visits(analyse, sentence: str) -> None:
    text = (
        "Rebel commander Ibrahim Kanneh spoke in a video after the ambush. Governor Mary Tamba has received "
        "letters since March. " + sentence + "\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    if sentence.startswith('"Whoever'):
        assert any(speaker == "Ibrahim Kanneh" and target != "Mary Tamba" for speaker, target in pairs), pairs
    else:
        assert ("Ibrahim Kanneh", "Mary Tamba") in pairs, pairs


@pytest.mark.parametrize(
    "text",
    [
        # road safety, a farewell, a good year: the same words, no threat
        "\"Children should look both ways before they cross,\" said road safety officer Ann Ruiz.\n",
        "\"It was the last match he will ever play here, and the fans will never forget him,\" coach Tim Ochs "
        "said of the retiring captain.\n",
        "\"The company's share price will be met with a strong response from investors,\" analyst Joe Baird said.\n",
        "\"Our accounts are open to inspection,\" the charity's treasurer Ruth Kemp said.\n",
    ],
)
def test_farewells_road_safety_and_accounts_are_not_threats(analyse, text: str) -> None:
    assert not analyse(text).threats


def test_a_second_message_is_its_senders_not_someone_unnamed(analyse) -> None:
    text = (
        "BEIRUT - A military court heard on Tuesday that Ahmad Mansour, 29, sent threats to Colonel Nabil Saadeh, "
        "who commands the camp police. Explosives were found in a house rented by his cousin.\n\n"
        "A prosecutor quoted WhatsApp messages recovered from Mansour's phone and sent to Saadeh.\n\n"
        "\"I swear I will put you in the ground before the feast,\" one message read.\n\n"
        "A second message, sent days later, read: \"If your men come to our street again, the ground will burn "
        "under their feet.\"\n"
    )
    analysis = analyse(text)
    pairs = {names(analysis, t) for t in analysis.threats}
    assert pairs == {("Ahmad Mansour", "Nabil Saadeh")}, pairs
    spans = " ".join(s.text for t in analysis.threats for s in t.all_spans())
    assert "the ground will burn" in spans and "put you in the ground" in spans, spans


def test_camps_languages_sign_offs_and_spanish_titles_are_no_people(analyse) -> None:
    text = (
        "Gunmen attacked a checkpoint in the Wadi Zeitoun refugee camp on Friday. Wadi Zeitoun, near the city "
        "of Tyre, is the region's largest camp.\n\n"
        "In a video in Kiswahili, a commander threatened the district. A banner left by the gang read: "
        "\"Pay or die. Atentamente, the Plaza Boys.\"\n\n"
        "Presidenta Lucía Ferrer Gil said the town would not pay. Ferrer said she had asked for protection.\n"
    )
    analysis = analyse(text)
    kinds = {a.name: a.type for a in analysis.actors}
    assert all(kind != "PERSON" for name, kind in kinds.items() if "Zeitoun" in name), kinds
    assert "Kiswahili" not in kinds and "Atentamente" not in kinds, kinds
    ferrer = [a for a in analysis.actors if "Lucía Ferrer Gil" in a.surface_forms()]
    assert ferrer and "Ferrer" in ferrer[0].surface_forms() and "Presidenta" in ferrer[0].titles, kinds


def test_a_title_before_a_name_the_tagger_missed_places_the_person(analyse) -> None:
    text = (
        "Superintendent Gareth Pennington said the schools would reopen on Monday. Dr. Amina Yusuf Bello, who "
        "runs the clinic, agreed. Pennington thanked the parents.\n"
    )
    forms = {a.name: (a.type, set(a.surface_forms())) for a in analyse(text).actors}
    assert any({"Gareth Pennington", "Pennington"} <= f and kind == "PERSON" for kind, f in forms.values()), forms
    assert any("Amina Yusuf Bello" in f and kind == "PERSON" for kind, f in forms.values()), forms


@pytest.mark.parametrize(
    "text",
    [
        # campaign lines: a fate, a burial and a finish that the ballot box delivers
        "\"Mayor Hollis, your days in office are numbered, and the number is March 3,\" challenger Nadia Brook told "
        "supporters at the rally.\n",
        "\"By Sunday night we will bury the Unity Party politically in this province,\" campaign chief Tomas Ekwueme "
        "said.\n",
        "\"We will finish you with the ballot,\" opposition candidate Grace Wanjiru told the governor's supporters.\n",
        "Minister Arun Kale said the opposition would be \"wiped out\" in the coming state and municipal "
        "elections, prompting a walkout.\n",
        "\"He should remember what happened to the last mayor who ignored the voters,\" councillor Ian Moss said.\n",
        # office words: the execution of projects, penalties the law sets, the police against crime
        "The auditor said the agency would soon send officers to monitor the execution of major capital projects "
        "in the budget.\n",
        "\"Anyone who buys votes is liable to a fine or twelve months imprisonment or both,\" electoral commissioner "
        "Ruth Alabi said.\n",
        "City police vow to dismantle phone-theft gangs after student is stabbed to death\n\n"
        "Police chief Marco Ruiz said the force would \"dismantle, one by one\" the gangs that rob phones on buses.\n",
        "\"We will hunt down every rupee that has been hidden from the nation,\" revenue secretary Vikram Sethi "
        "said.\n",
    ],
)
def test_campaign_fates_office_words_and_police_vows_are_not_threats(analyse, text: str) -> None:
    assert not analyse(text).threats
