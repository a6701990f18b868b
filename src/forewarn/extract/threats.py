"""Deciding which statements are threats, against whom, of what type and form.

A statement is a threat when it announces harm that its speaker (or the speaker's side)
will bring about: a harm term plus intent (future, modal, conditional, oath), or a
reporting verb that itself asserts a threat ("threatened X", "threatening to kill X").
Words like "warned", "vowed" or "promised" alone are not enough: ordinary political
coverage is full of them. Condemnations, denials, calls for restraint, predictions and
claims of past attacks are rejected. One threat is kept per speaker and target in a
document, carrying every span that states or reports it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from forewarn.extract.actors import (
    COLLECTIVES,
    PEOPLE_NOUNS,
    ROLE_WORDS,
    ActorTable,
    group_from_np,
    group_from_pronoun,
    speaks_for_us,
)
from forewarn.extract.attribution import AttributionRanker
from forewarn.extract.detection import ThreatDetector, lemma_features
from forewarn.extract.statements import (
    GROUP_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    UNNAMED_SPEAKER,
    WIRE_AGENCY,
    Statement,
    StatementFinder,
)
from forewarn.model import ActorRef, Span, Threat
from forewarn.nlp.pipeline import ORG_NAME_RE, country_names, text_of
from forewarn.resolve.names import strip_titles

# "those who sold Iraq before him did not live long enough to spend the price": the fate of others before him
# fates written into several patterns below (harm terms, the gates that let a negated fate through, ultimatums)
NOT_COMING_BACK = (
    # "you won't be walking out of it", "you and your family will not see Ramadan"
    r"\b(won[’']t|will not|wouldn[’']t|would not) be (walking|coming|going|getting) (out|home|back)\b|"
    r"\b(will|would|shall) not see (ramadan|eid|christmas|easter|the new year|next year|your next birthday|"
    r"another (year|birthday|summer|winter|spring|election))\b|"
    # "whoever touches the family won't make it to Christmas" (a manager "won't make it to Christmas" in his job)
    r"\b(won[’']t|will not|wouldn[’']t|would not) (make it|live) (to|until|till) (ramadan|eid|christmas|easter|"
    r"the new year|new year|next year|the weekend|the end of the (week|month|year))\b|"
    # "Next time I come I won't be alone, and I won't be asking."
    r"\bnext time (we|i) (come|visit|call)\b[^.;]{0,30}\b(won['’]t|will not) be (alone|asking|so polite|talking)"
)
# "any candidate who does not sit down with us first will not live to take office"
NOT_LIVE_TO = r"\b(will|would|shall) (not|never) live to (see|take|finish|complete|reach|enjoy|celebrate|serve)\b"
# "leave before September or be buried here"
OR_BE_KILLED = r"\bor be (buried|killed|shot|executed|burned|burnt|slaughtered|hanged|hung)\b"
OTHERS_DID_NOT_LIVE = r"\bthose who\b[^.;]{0,60}\b(did not|didn['’]t|never|could not|couldn['’]t) live (long|to)\b"
# veiled idioms that politics, sport and business use too: harm terms only where violence is in the story
SOFT_IDIOMS = (
    # "will be met with a firm response", "nobody will sleep again", "this is the last time we tell you"
    r"(met|answered) with an? (firm|strong|decisive|forceful|crushing|swift|harsh|resolute|devastating|severe)"
    r"( and \w+)? (response|reply|answer|retaliation)|respond\w* with (all )?(the |our |its |full )?(full )?force|"
    r"will (never )?sleep again|in pieces|nowhere to hide|(not find|no) (a |any )?(hole|place|corner) to hide|"
    r"(this is|it is|it['’]s) the last time (we|i) (are |am )?(tell|warn|ask)\w*|"
    r"next time (we|i) (will not|won['’]t) (call|ask|warn|tell|knock)|(could|might|may) have an accident|"
    # "Either you shut up or we shut you up."
    r"\bor (we|i)(['’]ll| will)? shut (you|him|her|them) up\b|"

    # "we will drag you out with our own hands"
    r"\bwith (our|my|their) (own |bare )hands\b|"
    # "Khru, this is your last term here": a teacher told to go
    r"\b(this|that) (is|will be) your last (term|day|year|week|month|night|semester|season|shift) (here|in|at)\b|"
    # "your days in office are numbered": a campaign's line, a threat only where violence is in the story
    r"days( in [\w ]{1,30}?)? are (numbered|counted)|"
    # "you'll go the same way as the other two MPs", "she had better not leave the courthouse on her own"
    r"\b(go|goes|going|gone) the (same )?way (as|of) (the|your|his|her|their|those|that|all)\b|"
    r"\b(had|'d|’d) better not (leave|go out|walk|show|set foot|come back|step)\b|"
    r"\bshould be looking over (their|his|her|your) shoulders?\b|"
    # "the MPs who passed this law should remember what happened at the Sahafi hotel" (voters are told the same)
    r"\b(should|must|had better|ought to) remember what happened (at|in) (the )?\w+|"
    # "Van der Veen should look at what happened to that lawyer"; "she gets a pineapple through her window"
    r"\b(should|must|had better|ought to) (look at|think about|think of) what happened to (that|the|this) \w+|"
    r"\b(gets?|will get|is going to get|could get) an? [a-z]+ through (his|her|your|their) (front |bedroom )?"
    r"(window|windscreen|door)\b|"
    # "you won't be walking out of it", "will not see Ramadan", "will be hung from this bridge", "we are coming for
    # him", "will pay for every word you write": everyday words too ("he won't be coming back as chief executive")
    + NOT_COMING_BACK
    + r"|"
    r"\b(will|would|shall|should|must) be (hung|strung up) (from|on)\b|"
    r"\b(we|they)(['’]re| are) coming for (you|him|her|them)\b|\bpay for every (word|line|article)\b|"
    # "that councillor is going to get what's coming to her"
    r"\bgets? (what['’]s|what is) coming to (him|her|them|you)\b|"
    # "You have until Sunday. After that don't come crying, because we don't give a second warning"; "or the next
    # thing you broadcast will be your own funeral"
    r"\b(we|i) (don['’]t|do not|won['’]t|will not|never) (give|issue|send) (a |any )?(second|another|further) "
    r"warnings?\b|\bthere (will be|is) no (second|further|other) warning\b|\b(be|is|will be) your (own )?funeral\b|"
    # "Every metre you advance will cost you dearly"
    r"\bcost (you|him|her|them) dearly\b|"
    # "After that nobody's gonna be able to protect her"; "We got your address, Sam. Nice porch."; "I'd happily do
    # life for this one. Somebody post her address"
    # "Tell your apa that after the 7th, there will be no one to save her", "nobody will save him"
    r"\b(no one|nobody|no-one)(['’]s| is| will be)?( left| there)? (will |can |could |gonna |going to )?"
    r"(be able to )?(to )?(protect|save) (you|him|her|them)\b|"
    r"\b(we|i)(['’]ve| have)? (got|have) your (home )?address\b|\b(do|doing) life for (this|her|him|them)\b|"
    r"\bpost (her|his|their) (home )?address\b|"
    # "you'll get what the last one got": the fate of the one before
    r"\bget\w* what (the (last|other|previous) \w+|(your|his|her|their) predecessors?) got\b|"
    + OTHERS_DID_NOT_LIVE
)

# Harm terms, declared as data: (pattern, threat type, veiled?). Patterns run on lower-case text.
# "Any Indian misadventure ... will be met with a swift, befitting and full-spectrum response", "Next time, the
# response will not be measured": an armed force's answer promised, said in the passive or of "the response"
PROMISED_RESPONSE = (
    r"\b(misadventure|aggression|provocation|incursion|adventurism)\b[^.;]{0,60}\b(will|shall) be (met|answered)\b|"
    r"\b(will|shall) be met (with|by) (a |an )?([\w-]+,? (and )?){0,4}(response|retaliation|reply|force)\b|"
    r"\b(the|our) (next )?response will (not be (measured|limited|proportionate)|be (swift|severe|decisive|crushing|"
    r"devastating|overwhelming|harsh|different|unlike))\b"
)
_PROMISED_RESPONSE = re.compile(PROMISED_RESPONSE)
HARM_TERMS: list[tuple[str, str, bool]] = [
    # "the killers", "the murderers": who did it, hunted by the police, is no threat of harm
    (
        r"\b(kill(?!ers?\b)|murder(?!ers?\b)|slaughter|behead|decapitat|execut(?!ive)|assassinat(?!s?\b)|eliminat|liquidat)\w*",
        "violence",
        False,
    ),
    # "in our own, non-peaceful way": force announced against people
    (r"\bnon-?peaceful[\"”’']? (way|ways|means|methods|response)\b", "violence", False),
    (
        r"(?<!be )(?<!been )(?<!being )(?<!completely )(?<!totally )(?<!was )(?<!were )(?<!are )\bcut(ting)? off\b"
        r"(?! (from|by|supplies|access|funding|aid|power|water|electricity|internet|"
        # "cutting off their food and shelter" (rats, in a pest-control drive)
        r"(their |its |the )?(food|shelter|oxygen|fuel|gas|heating)\b|(the )?(revenues?|money|cash|"
        r"income|financ\w*|flows?|ties|relations|contacts?|trade|support|lifeline)\b|the (road|roads|supply|access|"
        r"funding|aid|power|water|city|town|region|north|south|east|west)))|\bchop\w* off\b|"
        r"\b(slit|cut)\w* (his|her|their|your|my|our) throats?\b|"
        r"\b(a |with a |with )(cut|slit) throats?\b|"
        # "anyone found with a phone would have his throat cut"
        r"\b(have|has|had|get|gets|got) (his|her|their|your) throats? (cut|slit)\b|"
        r"\bthroats? (will|would) be (cut|slit)\b",
        "violence",
        False,
    ),
    (
        # ("burner phones" burn nothing)
        r"\b(shoot|shot|gun(ned)? down|bullets?|hang(ed|ing|s)?|burn(?!ers? (phones?|accounts?|sims?))\w*|bury|buried|"
        r"blow\w* up|bomb\w*)\b|"
        r"\bput (one|a bullet|a round|two|three) (in|into|through) (him|her|you|them|his|her|your)\b|"
        # "we will come into the ministry and drag you out with our own hands"
        r"\bdrag (you|him|her|them) (out|away|through the streets)\b|"
        # "not one of your men who enters our territory will leave it alive"
        r"\b(not one|none|no one|nobody|not a single one)\b[^.;]{0,60}\b(will|shall|would) (leave|return|get out|"
        r"come out|go home|make it out)( \w+)? alive\b|"
        # "or we'll send him back to his mother in a bag"
        r"\bsend\w* (you|him|her|them) (back |home )?(to (your|his|her|their) \w+ )?in (a |black |plastic )?"
        r"(body ?)?bags?\b",
        "violence",
        False,
    ),
    (r"\b(tortur\w*|punish\w*|slaughter\w*|sword|blood\w*|revenge|aveng\w*|vengeance|retaliat\w*)\b", "violence", True),
    # "we will carry out social cleansing against drug addicts, thieves and informers": killings, in Colombia's word
    (r"\b(social cleansing|limpieza social)\b", "violence", False),
    # "you will meet the same end as the others", "you will end up like the last one": the fate of the dead before
    (
        r"\b(meet|face|suffer|share) the same (end|fate)\b|\bend up like (the (others|last one|one before)|him|them)\b",
        "violence",
        True,
    ),
    (
        r"\b(pay (a |the )?(heavy |high |terrible |steep |huge |bitter |dear )?price|pay dearly|"
        r"pay for (this|it|that|what)|"
        # "the elenos will pay for every one of our dead"
        r"pay for (the blood|every (one of )?our (dead|martyrs)|our (dead|martyrs))|"
        r"heavy price|dark (night|days|fate)|hell|regret it|regret the day|suffer)\b",
        "violence",
        True,
    ),
    (
        r"\b(hunt (you|him|them) down|hunt\w* down (?!(the |those |every |all |any |these )?"
        r"(killers?|perpetrators?|culprits?|attackers?|gunm[ae]n|suspects?|fugitives?|those responsible|"
        r"people responsible|criminals?|terrorists?|cartels?|gangs?|syndicates?|smugglers?|traffickers?|"
        r"bandits?|poachers?|brokers?|fraudsters?|kidnappers?|looters?))|"
        r"come for (you|him|them)|not be safe|your (end|fate|turn)|"
        # "we are going to look for him in Saravena, wherever he hides"
        r"(find|look for|hunt|chase|track|reach) (you|him|her|them)\b[^.;]{0,60}\bwherever (you|he|she|they) "
        r"(hides?|runs?)\b|"
        r"(?<!able to )(?<!unable to )(?<!not )(?<!cannot )(?<!can't )(?<!can’t )reach (you|him|them)|"
        r"deal with (you|him|her|them)|coffins?|body bags?|graves?|graveyards?|"
        r"(share|meet|suffer) (the|their|his|its) (same |\w+['’]s )?fate( of)?|"
        # "any fighter who protects the station will be counted among its people and will receive what they receive"
        r"(receive|get) what (they|he|she|it|its people) (receive|receives|get|gets)|"
        r"\b(make|leave|send)\w* (him|her|you|them)\b[^.;]{0,25}\bwithout (a|his|her|their) heads?|"
        r"taste what (they|you|he|we|your \w+|their \w+) tasted|"
        r"end up like|(will|would) not live (to see|long)|won[’']t live (to see|long)|"
        r"treated (as|like) (an? |any other )?(enem(y|ies)|legitimate targets?|traitors?|combatants?|collaborators?|"
        r"spies|informers?|apostates?)|"
        r"not (all|many|one) of (you|them) will (go|come|return)|(will|would) (never|not) (go|come|return) home|"
        r"come back for (you|him|her|them)|(don't|don’t|do not) blame us|"
        r"(blood|lives?) (is|are) (lawful|halal|permissible|permitted|forfeit)|swords)\b",
        "violence",
        True,
    ),
    (
        r"\b(war|escalation|strikes?|attack\w*|target\w*|missiles?|rockets?|drones?|operations against)\b",
        "military",
        False,
    ),
    (
        # "fight" alone is politics' word ("ready to have that fight"); armed fighting names its arms
        # (not "if there is no response", a reply awaited)
        r"\b((?<!no )(?<!without )(?<!awaiting )(?<!await )response|respond|expel\w*|non-peaceful|"
        r"by (military |armed )?force|by any means|weapons?|hit|"
        r"fight\w* (with (arms|weapons|guns)|to the (death|last (man|drop|bullet)))|"
        r"with (its|their|our|his) (own )?(armed forces|army|troops)|(will|would) not survive)\b",
        "military",
        False,
    ),
    # declaring people "military targets" marks them for killing
    (
        r"\b(military|legitimate) (targets?|objectives?)\b|\bwith (guns|bullets|rifles|the gun|the sword|fire and)\b|"
        r"\b(considered|deemed|declared|treated as) (legitimate |military )?targets?\b",
        "violence",
        False,
    ),
    (
        r"\b(wipe\w* out|wipe\w* \w+ off the map|annihilat\w*|exterminat\w*|raze|razed|kidnap\w*|abduct\w*|"
        r"take \w+ hostage|hostages?)\b",
        "violence",
        False,
    ),
    # corporal punishment and mutilation, as armed groups announce it to villages
    (
        r"\b(be|get|were|was) (publicly )?(whipped|flogged|lashed|caned|stoned|lynched|mutilated|maimed)\b|"
        r"\b\d+ lashes\b|\bmutilat\w*|\bstoned? to death\b|\blynch(ed|ing)?\b|\bamputat\w*",
        "violence",
        False,
    ),
    # harm suffered by the one threatened: its subject is the target ("the judge will leave on a stretcher")
    (
        SUFFERING := (
            r"\b(leave|leaves|go|goes|come|comes|return|returns|carried out|sent home) "
            r"(on a stretcher|in a (coffin|box|body bag|bag|shroud))\b|\bstretchers?\b|"
            # "you can go back with them in a box"; "will leave without it, or without his life"
            r"\b(go|goes|going|come|comes|sent|send) (back|home)( with \w+)? in (a |an )?(coffin|box|body bag|bag)s?"
            r"\b|"
            r"\bwithout (his|her|their|your) (life|lives|head|heads|legs)\b|"
            # "he will not go back on his own legs", "the newcomers will be the first to die if the army enters"
            r"\b(will not|won[’']t|would not|wouldn[’']t|never) (go|walk|leave|come|return)\w*( back| home| out)? on "
            r"(his|her|their|your) (own )?(legs|feet)\b|"
            r"\b(nobody|no one) will (ever )?know where (you|he|she|they) (are|is)\b|"
            r"\b(will|would|shall) be the first (ones? )?to (die|fall|be killed|be buried)\b|"
            r"\b(lose|lost) (his|her|their|your|its) (hands?|heads?|lives?|life|legs?|eyes?|tongues?|fingers?)\b|"
            # "Any hand that reaches out to these weapons, we will cut it off"
            r"\b(hands?|heads?|tongues?|arms?|fingers?|ears?)\b[^.;]{0,80}\bcut (it|them) off\b|"
            r"\bcut off (his|her|their|your|the|its) (hands?|heads?|tongues?|ears?|fingers?|arms?)\b|"
            r"\bwith (his|her|their|your|its) (skin|blood|heads?|necks?)\b|"
            r"\b(pay|paid|pays|answer\w*|atone) [^.;]{0,25}?with (his|her|their|your|its) (lives?|life)\b|"
            r"\b(be|get) (targeted|hunted|hunted down|eliminated|punished|executed|liquidated)\b"
            r"(?! (at|to|for|by the market))|"
            r"\b(will|would|shall) (not|never) (go|come|return) home\b|"
            # "police who keep working for the contras will be hanged from this bridge"
            r"\b(will|would|shall|should|must) be (hanged|strung up)\b|"
            # "Oduya and Marlowe should swing from the flagpole. I'd bring the rope myself."
            r"\b(will|would|shall|should|must|ought to|deserves? to) swing from (a|the|that|this) "
            r"(rope|tree|lamp ?post|flagpole|bridge|gallows|crane|lamppost)|\bbring the rope\b|"
            # "they'll find you in a ditch", "nobody will ever find you"
            r"\b(find|found|finds) (you|him|her|them|your body|his body|her body) in a "
            r"(ditch|river|gutter|bag|sack|well)\b|"
            r"\b(nobody|no one) will (ever )?find (you|him|her|them|your body|his body|her body)\b|"
            # "Your next report will be your last", "his next report ... would be the last one he does"
            r"\b(your|his|her|their) next (report|article|story|column|broadcast|post|programme|program|show|video|"
            r"speech|interview|sermon|ruling|verdict)\b[^.;]{0,80}\b(will|would|is going to) be (your|his|her|their) "
            r"last\b|"
            # "next time it won't be paint": a warning daubed or posted, and worse to come
            r"\bnext time it (won[’']t|will not|wouldn[’']t|would not) be (paint|words|a warning|a letter|a note|"
            r"graffiti|a message)\b|"
            # "any candidate who does not sit down with us first will not live to take office"
            + NOT_LIVE_TO
            + r"|"
            r"\b(he|she|they|you)(['’]ll| will) be carried out\b|"
            r"\b(won[’']t|will not|would not|wouldn[’']t|never) make it (home|back|out alive|to (his|her|their|your) "
            r"(car|home|house|office|door|desk|next birthday))\b|"
            # a bomb under a car: "she should start checking under her car"
            r"\bcheck(ing|s)? under (his|her|their|your) (car|vehicle|truck)s?\b|"
            r"\b(will|would|shall) (not|never) escape (the |our )?(swords?|bullets?|guns?|punishment|revenge|wrath)\b|"
            r"\b(is|are) on (our|the) (hit |death |kill )?list\b(?! of)|"
            # "they would take me out of the neighbourhood in a bag"
            r"\bout\b[^.;]{0,40}?\bin a (body bag|bag|coffin|box|shroud)\b"
        ),
        "violence",
        True,
    ),
    # incitement and marking for death: a fatwa, a bounty, "has signed his own death warrant"
    (
        r"\b(call\w*|demand\w*) for (the )?(death|killing|execution|beheading|assassination|murder) of\b|"
        r"\bfatwa\b|\bbount(y|ies) (on|for) (the )?(head|life|killing|capture)\b|\bprice on (his|her|their) heads?\b|"
        r"\b(signed|sealed) (his|her|their) (own )?death warrant\b",
        "violence",
        False,
    ),
    # veiled warnings: the fate of a predecessor, a family's safety, a name on a list
    (
        r"\b(you're|you are|he's|he is|she's|she is|you'll be|he'll be|they're) (a )?dead (man|woman|men)\b|"
        r"\bdead (man|men|woman) walking\b|\bwatch (your|his|her|their) backs?\b|"
        r"\bknow where (you|your|he|his|she|her|they|their)\b[^.;]{0,60}\b(so do we|we do too|so do i)\b|"
        r"\b(we|i) know where (you|he|she|they|your|his|her|their) (\w+ )?(live|lives|sleep|sleeps|kids|children|"
        r"family|families|daughter|son|wife|husband|mother|parents)\b|"
        r"\b(room|cell|grave|bullet|coffin|hole) (is )?waiting for (you|him|her|them)\b|"
        r"\b(something|anything|accidents?) (could|might|will|may|can) happen to (you|him|her|them|your|his)\b|"
        r"\baccidents happen\b|\bno longer (be )?protected\b|\bteach (him|her|you|them) a lesson\b|"
        r"\b(you|he|she|they) (will|would|could) (just )?disappear\b|\b(won[’']t|will not) be around\b|"
        # "Traitors do not live long", "she should think about her health", "look around when he crosses the
        # street", "the car caught fire one night, with you in it", "Not everyone here is as patient as I am"
        r"\b(traitors|informers|snitches|spies|collaborators|apostates|people like (him|her|you|them|that)) "
        r"(do not|don[’']t|never) live long\b|"
        r"\b(should|had better|must|ought to|would do well to|might want to)( also)? (think|worry) about "
        r"(his|her|your|their) (own )?(health|safety)\b|"
        r"\blook\w* over (his|her|your|their) shoulders?\b|"
        r"\blook around when (he|she|you|they) (cross|walk|leave|get|go)\w*|"
        r"\bwith (you|him|her|them) (still )?(in|inside) (it|the car|the house|the bus)\b|"
        r"\b(should|had better|must|better) be (very )?careful when (he|she|you|they) (next )?(come|go|visit|return|"
        r"walk|travel)\w*|"
        r"\bnot every(one|body) (here |there )?is as (patient|understanding|forgiving|calm) as (i am|me|we are|us)\b",
        "violence",
        True,
    ),
    (
        r"\b(will|would|is|are) (be )?(the )?next\b(?! (week|month|year|day|time|step|stage|round|election|season))|"
        r"\b(will|would|shall) (\w+ )?be dealt with\b|"
        r"\b(know|knows|remember|remembers|ask|asks) what (happened to|became of)\b(?! (our|my|us|me)\b)|"
        r"\b(not|never) (die of old age|grow old|live to (see|grow) old)\b|\bcount (his|her|their|your) days\b|"
        r"\b(has|have|had) chosen death\b|"
        r"\b(think|worry) about (his|her|their|your) (own )?(safety|famil(y|ies)|children|wife|husband|loved ones)\b|"
        # "He should think of his mother": told to, not asked to ("I hope you think about his daughters" is a plea)
        r"\b(should|must|had better|ought to|better)( also)? (think|worry) (about|of) (his|her|their|your) (own )?"
        r"(mother|father|parents|sons?|daughters?|kids|brothers?|sisters?|famil(y|ies)|children|wife|husband)\b|"
        # "you have a very pretty family, presidente", "Sindaca, you have a beautiful daughter": the mafia's compliment
        r"\b(you|he|she) (have|has) (a |such a )?(very |really )?(pretty|beautiful|lovely|nice|fine|handsome) "
        r"(family|daughters?|wife|sons?|children|kids|grandchildren)\b|"
        # "I was told that they know the road my children walk to school", "the soldiers would come for me at night"
        r"\b(they|he|she) (already |also )?knows? (the road|the route|the way|where|which school|which house)\b"
        r"[^.;]{0,40}\b(you|your|my|his|her|their|me|him)\b|"
        r"\bcome (for|after) (me|you|him|her|them|us) (at night|in the night|one night|when you sleep)\b|"
        r"\b(death|hit|kill) lists?\b|\brevolutionary justice\b|"
        # "I will come ... and finish him", "they will not find rest in any camp", "he could not hide for long"
        r"\bfinish (him|her|them|you)( off)?\b(?! (at|in) the (polls|ballot|election|vote))|"
        r"\b(will|shall|would) (not|never) find (any )?(rest|peace|safety|refuge|shelter)\b|"
        r"\bfind no (rest|peace|safety|refuge)\b|"
        r"\b(cannot|can't|can’t|could not|couldn't|couldn’t|will not|won't|won’t) hide\b[^.;]{0,30}?"
        r"\b(for long|forever|from us)\b|\b(you|he|she|they) (have|has|will have) nowhere to hide\b",
        "violence",
        True,
    ),
    # veiled idioms of threat letters and broadcasts in many languages, rendered in English
    (
        r"(?<!we )\b(will|shall) (not|never) know (any )?peace\b|\b(will|shall) know no peace\b|"
        r"\b(face|feel|taste|incur) the (full )?(wrath|fury)\b(?! of (the )?(voters|electorate|public|people|"
        r"markets?|investors|shareholders|fans|customers|taxpayers|courts?|law))|"
        r"\bsleep with one eye open\b|\b(his|her|their|your) turn (is coming|will come|has come)\b|"
        r"\bday of reckoning\b(?! for (the )?(markets?|banks?|economy|industry|investors|lenders))|"
        r"\bforget (that )?(he|she|you|they) (has|have) a family\b|"
        r"\bsay(ing)? goodbye to (their|your|his|her) (famil(y|ies)|children|loved ones|wives|wife)\b|"
        r"\bpay (him|her|you|them|(the )?(judge|mayor|governor|senator|prosecutor|reporter|journalist|"
        r"sheriff|councillor|councilor|commissioner)( \w+)?) a (little |quick |late-night )?visit\b|"
        r"\barm of [\w ]{0,30}?is long\b|\b(our|whose) arms? (is|are) long\b|"
        # "we will come to your house", "the hand that reached Koya can reach their palaces"
        r"\b(come|coming|go|going) (to|for) (your|his|her|their) (house|home|homes|houses|family|families|door|"
        r"children)\b|\b(can|will|could|shall) reach (your|their|his|her) (palaces?|homes?|houses?|offices?|beds?|"
        r"bedrooms?|children|families)\b",
        "violence",
        True,
    ),
    # bodily harm named outright, as threats to reporters, officials and families are written
    (
        r"\b(rape|raped|raping)\b|\bskin (you|him|her|them)( alive)?\b|"
        r"\b(stab|stabbed|stabbing)\b(?! (\w+ )?in the back)|\bacid attack|\bthrow acid\b|"
        r"\bbeat (you|him|her|them) (up|to death|senseless|black and blue)\b|\bbeat\w* to death\b|"
        r"\bbreak (your|his|her|their) (legs?|bones|necks?|arms?|heads?|skulls?|hands?|fingers?|teeth|jaws?|knees?|"
        r"ribs?|backs?|spines?)\b|"
        # the idioms of a killing: "shut his mouth for good", "be counted among the dead", "nobody will find your body",
        # "he will leave without his head"
        r"\bshut (your|his|her|their) mouths? (for good|forever|permanently)\b|\b(counted|numbered) among the dead\b|"
        r"\b(no ?one|nobody|never|not)\b[^.;]{0,30}?\bfind (your|his|her|their) (body|bodies|corpses?|remains)\b|"
        r"\bwithout (your|his|her|their|he|she) (head|life)\b|"
        r"\b(cut|tear|chop|blow) (you|him|her|them) (in)?to pieces\b|\bsix feet under\b|"
        r"\bput (you|him|her|them) in the ground\b|\bsend (you|him|her|them) to (the |your |his |her |their )?"
        r"(grave|graves|cemetery|morgue|hell)\b|\bset (\w+ )?(on fire|ablaze)\b|\btorch(ed)? (your|his|her|their)\b",
        "violence",
        False,
    ),
    (
        r"\b(is|are) (now )?fair game\b|\bopen season on\b|"
        r"\b(we|i) (cannot|can no longer|will not|won['’]t|can['’]t) (be able to )?guarantee (your|his|her|their) "
        r"(safety|security|lives?)\b|\b(show|shown|expect|there will be) no mercy\b|\bwithout mercy\b|"
        r"\b(will|would|shall) (no longer|not) be alive\b|\bbe (silenced|neutrali[sz]ed|erased)\b|"
        r"\bneutrali[sz]e (you|him|her|them)\b|\bmake (an example of|him an example|them an example)\b|"
        r"\b(we|i) will (find|get|catch) (you|him|her|them)\b(?! (a|an|the|some|more|work|jobs?|homes?|houses?)\b)|"
        # "and the police will not save them": whoever protects him, the one threatened is the object
        r"\b(will not|won[’']t|will never|cannot|can[’']t) (be able to )?(save|protect) "
        r"(you|him|her|them)\b(?! from)|"
        r"\b(no one|nobody|no army|no police) (will|can|could) (save|protect) (you|him|her|them)\b(?! from)|"
        # protection denied: "no wall will protect them", "the border will not protect those who betrayed us"
        r"\bno (\w+ ){0,2}(will|can|could) (save|protect|shield) (you|him|her|them|those)\b(?! from)|"
        r"\bwill not (save|protect|shield) (you|him|her|them|those)\b(?! from)",
        "violence",
        True,
    ),
    # what threat letters, calls and banners say without naming the harm: "we know your house", "your name is
    # on the list", "you know what happens", "you have 48 hours to leave", "received with lead"
    (
        r"\b(we|i) (already |also |very well |now )?know (your (houses?|homes?|address(es)?|cars?|sons?|daughters?|"
        r"children|kids|famil(y|ies)|wife|husband|mother|route|office|faces)|"
        r"the (school|house|street|car|route) where|who you are and where)\b|"
        r"\b(we|i) (have|got) (your|their) (numbers|names|address(es)?|photos|pictures)\b|"
        r"\b(we|i) (have|got) (your|his|her) (home )?address\b|"
        r"\b(your|his|her|their|my|our) names? (is|are|will be|was|were) (written |already |now )?(on|in) (it|the list|"
        r"our list|their list|a list|our lists|their lists|(our|their) (black ?list|records?|notebook|hit list))"
        r"\b(?! of)|"
        r"\byou know (what happens|how we (treat|deal with))\b|"
        r"\bask\b[^.;]{0,50}\bwhat happened to\b|\b(know|knows) (very )?well what (happens|happened) to\b|"
        r"\b((has|have|had|got)|(gives?|gave|giving)( [^.;]{1,60}?)?) "
        r"(\d+|twenty-four|forty-eight|seventy-two|24|48|72) "
        r"(hours|days) to (leave|get out|"
        r"vacate|abandon|stop|resign|withdraw|pack|hand over|surrender|release|return|disband)\b|"
        r"\b(received|greeted|met|answered|welcomed) with (lead|bullets|fire|gunfire|machetes)\b|"
        r"\b(won[’']t|will not|would not|wouldn[’']t|never) (leave|get out|come out|return|go home)\b[^.;]{0,40}?"
        r"\balive\b|"
        # "if he is still sitting in that office at the new year, he will not see the one after it"
        r"\b(won[’']t|will not|would not|wouldn[’']t|will never) (live to )?see (election day|the (end of|next)|"
        r"the one after (it|that)|"
        r"tomorrow|another|christmas|the new year|next year|the election)\b|"
        r"\b(head|heads|body|bodies)\b[^.;]{0,40}?\bin (a box|a bag|boxes|bags|pieces)\b|"
        r"\bfor your (burial|funeral|grave)\b|\bgoing to be (the )?next\b|"
        r"\b(his|her|their|your) end (will|is|has)\b|\bcome for (the ones|those|the people|your)\b|"
        r"\b(bear|face|suffer) (the )?(serious |grave |dire )?consequences\b|"
        r"\b(will|shall|would) (not|never) sleep (in peace|peacefully|soundly|safely)\b|"
        r"\b(we|i) (already |also |very well |now )?know (what|which) (car|cars|truck|vehicle|bus|road|route|entrance|"
        r"school|house|door|gate|time|hour|days?|garage|car park|parking|street|church|mosque|gym) "
        r"(you|he|she|they|the \w+|"
        r"(your|his|her|their) (sons?|daughters?|children|kids|wife|husband|family|mother))\b|"
        # "their names and the addresses of their families are known to us"
        r"\b(names?|address(es)?|homes?|houses?|famil(y|ies)|movements?)\b[^.;]{0,40}\b(is|are) known to us\b|"
        # "think about them before you sign", "think of your children before you call the soldiers"
        r"\bthink (about|of) (them|your (family|children|kids|wife|husband|mother|sons?|daughters?)) before\b|"
        # "their hour is near", "your hour has come"
        r"\b(your|their|his|her) hour (is|has) (near|coming|close|come)\b|"
        # an ultimatum with a time: "We give the gangs until sunset on Friday to release our sons"
        r"\b(give|gives|giving|gave) [\w' ]{1,40}? until (sunset|sundown|midnight|dawn|noon|tomorrow|the end of|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.;]{0,40}\bto (leave|release|return|hand over|"
        r"surrender|withdraw|stop|pay|resign|close|free)\b|"
        # whoever "rids the Muslims of her" will be rewarded: a call to kill
        r"\b(rids?|ridding) (the [\w-]+|us|the world|the land|the ummah|the country) of (him|her|them)\b|"
        r"\b(we|i) know the (road|route|way|car|house|school|entrance) (you|he|she|they)\b|"
        r"\b(we|i) know where (it|he|she|they|you) (is|are|live|lives|sleep|sleeps|work|works|study|studies|"
        r"broadcast|broadcasts|pray|prays|shop|shops|park|parks|go|goes)\b|"
        r"\b(we|i) know where (his|her|their|your) (children|kids|sons?|daughters?|family) (live|study|studies|go)\b|"
        r"\b(coming|come|comes|came) for (those|the ones|everyone|anyone|my|your|his|her|their)\b"
        # "I'm coming for your whole career", "coming for their market share": what is won, not whom
        r"(?! (whole |entire |\w+ )?(careers?|jobs?|seats?|titles?|crowns?|belts?|records?|spots?|places?|positions?|"
        r"money|business|market|markets|lunch|votes?|customers|fans|audiences?|ratings|charts?|trophy|trophies|cups?|"
        r"office)\b)|"
        r"\b(considered|deemed|declared|treated as|treat (it|them|him|her|you) as) (as )?(an? )?(\w+ )?"
        r"(base|enemy|enemies|spy|spies|traitor|"
        r"traitors|collaborator|collaborators|combatant|combatants|military objective|terrorist village)s?\b|"
        r"\bin the (only )?language (they|he|she|you) (understands?|know|knows)\b|"
        r"\bbe carried (home|back)\b|\bremember the fate of\b|"
        r"\bend up in a (ditch|grave|coffin|body bag|river|morgue|bag)\b|\bbe taken out\b(?! of)|"
        r"\b(come|comes|return|returns|sent|send) back( to \w+)? in a (coffin|box|body bag|bag|shroud)\b|"
        # "you will go back to Nairobi in a box", "he would return from any trip home in a box"
        r"\b(you|he|she|they|your \w+|his \w+|her \w+|their \w+)\b('ll|’ll| will| would| shall)?( \w+)?"
        r" (go|goes|come|comes|return|returns|be sent)\b[^.;]{0,40}?\b(back|home)\b[^.;]{0,30}?\bin a "
        r"(coffin|box|body bag|shroud)\b|"
        r"\bif (you|they|he|she) (value|care about) (your|their|his|her) li(fe|ves)\b|"
        # "you will come back to Tehran one way or another, in a box"
        r"\b(come|comes|return|returns) back to [A-Za-z]\w+[^.;]{0,30}?\bin a (coffin|box|body bag|shroud)\b|"
        r"\b(family|families|mother|mothers|wife|wives|children) will (cry|weep|mourn|grieve)\b|"
        r"\bday of (accounting|judg(e)?ment|vengeance)\b|"
        r"\bwhile (you|he|she|they) (still )?(can|are still alive|still have the chance)\b|"
        r"\byou have (a |such a )?(nice|beautiful|lovely|pretty|fine) (family|children|kids|wife|husband|daughters?|"
        r"sons?|house|home)\b|"
        r"\b(do|repeat) (again )?what (we|they) did (at|in|to|with)\b|"
        r"\bthere will be no (safe|secure) (road|place|corner|haven|route|passage|street)s? (for|left)\b|"
        r"\b(should|will|would) not be surprised (by|at) what (comes|happens|follows|will happen)\b|"
        # "it'll be the last meeting you ever chair", "the last article he will ever write"
        r"\bthe last (\w+ ){1,2}(you|he|she|they)('ll| will)? ever (chair|give|write|make|attend|hold|host|say|publish|"
        r"broadcast|speak|lead|sign|preach|report)\b|"
        r"\b(let (him|her|them)|(he|she|they|you) (should|had better|better)) look (both ways|"
        r"over (his|her|their|your) shoulders?)\b|"
        r"\b(swords?|knives?|blades?|guns?|rifles?|bullets?)\b[^.;]{0,40}\b(your|his|her|their) necks?\b|"
        r"\bthe account between us\b|\b(ask|asking|come|coming) for (your|his|her|their) heads?\b|"
        # "we will take your heads, one by one"; "whoever is inside it will have chosen his end"
        r"\btake (your|his|her|their) heads?\b|\bbring\w* (us |me |them )?(your|his|her|their) heads?\b|"
        r"\bchosen (his|her|their|your) (own )?(end|death|grave)\b|"
        r"\b(have|has) (long memories and )?long(er)? arms\b|\blonger arms\b|"
        # the revolutionary "justice" of armed movements is an execution
        r"\b(face|meet|feel|receive|taste) (the )?(revolutionary|people['’]s) (justice|court|tribunal)\b|"
        r"\b(face|meet|feel|receive|taste) the (justice|punishment|verdict) of the (people|masses|revolution|"
        r"mujahideen|movement|organi[sz]ation)\b|"
        r"\bresponsible for the loss of (his|her|their|your) (own )?li(fe|ves)\b|"
        r"\b(have|has) a way of (having |meeting with )?(accidents?|disappearing|turning up dead)\b|"
        r"\bpay [\w'’ ]{1,30}? a [\w -]{0,12}visit at (home|(his|her|their|your) (home|house|place))\b|"
        r"\b(burn|shake|tremble)\w* (under|beneath) (your|their|his|her|the) feet\b|"
        r"\btreated as (a |an )?(soldiers?|fighters?|agents?|partners?) (of|in) (the|this|our) (enemy|war|occupation|"
        r"occupiers?|regime|junta)\b",
        "violence",
        True,
    ),
    (
        r"\b(any|every) (attack|arrest|aggression|strike|provocation|incursion)\b[^.;]{0,60}\b(will|shall) be "
        r"(answered|met|responded to|avenged)\b|\bdestroy(ed|ing)?\b",
        "military",
        False,
    ),
    # "Any Indian misadventure ... will be met with a swift, befitting and full-spectrum response", "Next time, the
    # response will not be measured": an armed force's answer promised
    (PROMISED_RESPONSE, "military", False),
    (r"\b(back|return\w*|bomb\w*|send\w*) [\w ]{1,20}?(back )?(in)?to the stone age\b", "military", False),
    (r"\b(the )?war will (reach|come to|arrive at)\b", "military", False),
    (r"\b(turn|turns|reduce|reduces)\b[^.;]{0,40}?\bto (ashes|rubble)\b", "military", True),
    (
        r"\b(turn|turns|reduce|reduces|make|makes)\b[^.;]{0,30}?\binto (a |an )?(car park|parking lot|rubble|ashes|"
        r"dust|ruins|wasteland)\b",
        "military",
        True,
    ),
    # (not the prison of "the prison escape", "prison guards", "the prison system": a place, not a fate)
    (
        r"\b(behind bars|(prison|jail)(?! (escape|escapes|system|guards?|break|breaks|director|service|riots?|"
        r"population|reform|officials?|staff|authorities|conditions|chief|gangs?|visits?|yard|wardens?))|"
        r"imprison\w*|gallows)\b",
        "legal",
        False,
    ),
    (r"\b(barrels|oil|sanctions|boycott|blockade|deprive)\b", "economic", False),
    (r"\b(" + SOFT_IDIOMS + r")\b", "violence", True),
]
_HARM = [(re.compile(p), t, v) for p, t, v in HARM_TERMS]
_SUFFERING = re.compile(SUFFERING)
# what military harm is aimed at; these add weight to a military term but make no threat alone
MILITARY_OBJECTS = re.compile(
    r"(?<!our )(?<!my )\b(troops|forces|soldiers|military bases|air bases?|bases|embass(y|ies)|convoys|army|"
    r"occupation|occupiers|warships|installations|camps)\b"
)

# "the retaliation for the blood of the martyrs is on me" (not "that's on me", a coach taking the blame)
REVENGE_ON_ME = r"(retaliation|revenge|vengeance|response|reply|punishment|retribution)\b[^.;]{0,60}\bis on me"
INTENT = re.compile(
    r"\b(will|would|shall|'ll|’ll|going to|gonna|must|vow\w*|swear|oath|" + REVENGE_ON_ME + r"|are waiting|"
    r"await|let (him|them|this|her)|know that|until|otherwise|or else|unless|if|(?<!than )any\b|whoever|\d+ hours to|"
    r"second warning|"
    + OR_BE_KILLED
    + r"|"
    r"(we|i) (hereby )?(declare|warn|give|order|tell|remind)|death warrant|fatwa|bount(y|ies)|price on|choose between|"
    r"(is|are) (now )?(hereby )?(declared |considered )?(a |as |our )?(legitimate|military) (targets?|objectives?)|"
    r"(is|are) (now )?(a|our) targets? for us|"
    r"(blood|lives?) (is|are) (lawful|halal|permissible|permitted|forfeit)|targets? for our)\b"
)
DEADLINE = re.compile(
    # "gives five social leaders 48 hours to leave", "they have 72 hours to leave the region"
    r"\b((has|have|had|got|given)|(gives?|gave|giving)( [^.;]{1,60}?)?) (\d+|twenty-four|forty-eight|seventy-two) "
    r"(hours|days) to (leave|get out|vacate|abandon|stop|resign|withdraw|pack|hand over|surrender|release|return|pay)\b"
)
FUTURE = re.compile(r"\b(will|shall|'ll|’ll|going to|gonna|" + REVENGE_ON_ME + r")\b")
# the harm must come from the speaker's side or be addressed to someone: "we", "you", "the brigades"
AGENT = re.compile(
    r"\b(we|i|our|us|my|me|you|your|yours|whoever|resistance|brigades|fighters|men|mujahideen|faction|group|"
    r"movement|militia|organization|organisation)\b"
)
CONDITIONAL = re.compile(
    r"\b(if|unless|otherwise|or else|in the event|whoever(?! the\b)|any (foolishness|targeting|attack|aggression)|"
    r"choose between|or face)\b"
)
# the state's promise of justice to those who did harm, which the learned detector must not take for a threat
STATE_JUSTICE = (
    # the police to criminals: "if you are stealing cars in this city, we are coming for you"
    r"\bif you(['’]re| are)? (steal|rob|burgl|loot|vandal|extort)\w*\b"
    r"[^.;]{0,60}\b(coming for you|find you|catch you|arrest you|track you down|hunt you down)|"
    # a slogan discussed: "'we're coming for you' is not a youth strategy"
    r"[\"“'‘][^\"”’]{3,40}[\"”'’] (is|was) (not |n['’]t )?(a|an|the) (\w+ )?(strategy|policy|plan|answer|solution|"
    r"slogan)\b|"
    # the state's pursuit of those who did it: "we will hunt down every person who gave these killers a bed ... and
    # bring them before a court", "those who shed the blood of innocents will answer for it", "our security services
    # will continue to pursue the remnants of Daesh"
    r"\b(hunt\w* down|track\w* down|pursu\w*|arrest\w*)\b[^.;]{0,60}\b(killers?|attackers?|perpetrators?|culprits?|"
    r"murderers?|kidnappers?|gunm[ae]n|those responsible)\b|"
    r"\bbring\w* (them|him|her|those responsible|the (killers|perpetrators|attackers|culprits|suspects))? ?"
    r"(before (a|the) (court|judge)s?|to justice|to book)\b|"
    r"\b(those|the ones|anyone|all) who (shed|spilled|spilt|killed|murdered|attacked|kidnapped|bombed|carried out|"
    r"planned|financed)\b[^.;]{0,60}\b(will|shall|must) (answer|pay|face|be (brought|punished|held))|"
    r"\bcontinu\w* (to )?(pursu\w*|hunt\w*|chas\w*|track\w*) (down )?(the )?(remnants|cells|members|fugitives|suspects|"
    r"criminals|terrorists|militants|those responsible)\b|"
    # the army reports an operation: "a sanitisation operation is being conducted to eliminate any khwarij"
    r"\b(operations?|sanitisation|sanitization|clearance|offensive|raids?)\b[^.;]{0,30}\b(is|are|was|were) being "
    r"(conducted|carried out|launched)\b[^.;]{0,30}\bto\b|"
    # a court's sentence and a state's crackdown: "the only sentence I can pass for murder is one of life
    # imprisonment", "security chief vows crackdown on organised supporter groups"
    r"\b(pass|impose|hand down|hand you) (a |the |any )?sentence\b|\b(life|prison|jail) (imprisonment|sentence|term)\b|"
    r"\bcrack\w*[- ]down\b|\bcrackdown\b|"
    r"\b(wipe\w* out|eliminat\w*|root\w* out|crush\w*|defeat\w*|end\w*|erad\w*) (the )?(menace|scourge|evil|cancer|"
    r"threat|spectre|specter) of\b|"
    # a pledge to stop doing harm is no threat of it: "pledged to end kidnapping for ransom"
    r"\b(pledg|promis|vow|agree|commit|announc|offer|undert[ao]k)\w*[^.;]{0,40}?\b(end|stop|halt|renounce|abandon|"
    r"suspend|cease|ban)\w* (the )?(practice of )?(kidnapping|kidnappings|attacks|killings?|violence|hostilities|"
    r"extortion|bombings?)\b"
)
_STATE_JUSTICE = re.compile(STATE_JUSTICE)
# harm the one addressed did: an accusation ("You killed him and Mr Dlamini for money"), not a threat
PAST_ACCUSATION = re.compile(
    r"\byou (\w+ )?(shot|killed|murdered|stabbed|attacked|beat|burned|burnt|hanged|strangled|butchered|"
    r"slaughtered|executed|kidnapped|abducted|tortured|bombed)\b"
)
# what would have happened: "the people with guns would have won"
COUNTERFACTUAL = re.compile(
    r"\bwould(n['’]t| not)? have (been |had )?(\w+ed|won|lost|gone|come|done|been|seen|made|taken|given|got|"
    r"gotten|died|fallen)\b"
)
# the means of violence disowned in the sentence after: "We are going to bury them. Not with cutlasses, ..."
VIOLENCE_DISOWNED = re.compile(
    r"[\s\"”’'.]*(but |and )?not (with|by|through|using) (guns|bullets|cutlasses|machetes|thugs|stones|violence|"
    r"weapons|force|fists|knives|sticks|arms)\b",
    re.IGNORECASE,
)
# a veiled line that the next sentence turns into politics: "... The people will send you home."
ELECTORAL_SEQUEL = re.compile(
    r"^[^\n]{0,200}?\b(at the (polls|ballot box)|in the (election|elections|vote|polls)|budget|voters|"
    r"the (people|voters|electorate) will (send|vote|throw|kick|remove|reject)|vote (you|him|her|them) out|"
    r"(send|sends) (you|him|her|them) home\b(?! in))",
    re.IGNORECASE,
)
# statements that talk about violence without threatening it
REJECT = re.compile(
    STATE_JUSTICE
    + r"|"
    # "I fear that the next attack on a Member is a question of when": the speaker's fear, not his threat; "I don't
    # expect a return to May's intensity unless ...": an analyst's forecast
    r"^\W*(i|we) (fear|worry|am afraid|are afraid)\b|"
    r"^\W*(i|we) (don['’]t |do not |would(n['’]t| not)? )?(expect|predict|anticipate|doubt)\b|"
    # "Killing and counter-killing will only fill more graves", "Violence will only breed more violence": harm
    # as a subject whose outcome is foretold, a lesson drawn, not a threat
    r"^\W*(the )?(killing|killings|violence|bloodshed|war|wars|fighting|revenge|vengeance|retaliation|the gun|guns|"
    r"bullets|force)\b[^.;:]{0,40}\b(will|would|can|could) (only|just|never|not)\b|"
    r"\b(condemn\w*|denounc\w*|deplor\w*|cowardly|terrorist (act|attack)|held accountable|brought to justice|"
    # the state's promise of justice: "will be hunted down and brought before the courts"
    r"brought before (the |a )?(courts?|judges?|justice|a judge)|face (the )?(full force of the )?law|face justice|"
    r"not escape justice|(full|whole) (weight|force|rigou?r) of the law|"
    # a victim's family after a verdict: "the man who did this will pay for what he did"; "must be investigated"
    r"pay for (what|everything) (he|she) (did|has done|had done)|pay for (his|her) crimes|"
    r"(must|should|will) be (fully |properly |thoroughly )?investigated|"
    # "he rejected any threat against social leaders, whoever it comes from"
    r"(reject\w*|repudiat\w*) [\"“‘']?(any|all|every|such) (kind of |form of )?"
    r"(threats?|violence|attacks?)|"
    r"will not be tolerated|not tolerate|restraint|de-?escalat\w*|calm\b|deny|denied|denies|not responsible|"
    # prayers for the victims ("we pray for", "our prayers are with"), not "after the evening prayer"
    r"pray(s|ed|ing)? (for|that|to)|prayers? (for|are with|go)|(our|my|thoughts and) prayers|let us pray|"
    r"thank god|i am fine|relieved|sympath\w*|condolence\w*|solidarity|"
    r"(?<!who )(?<!whoever )(?<!anyone who )stands? (firmly )?with|"
    # "vowed to crush Villacrés in tonight's debate with arguments, not bullets": a debate, not a fight
    r"\b(with|through|by) (arguments|ideas|votes|words|the ballot|proposals)\b[^.;]{0,20}\bnot (with )?(bullets|guns|"
    r"weapons|violence|force)|"
    # "will continue to respond calmly and resolutely, in accordance with international law": a defence posture
    r"\b(respond|react)\w* (calmly|appropriately|proportionately|responsibly)\b|"
    # "Left-wing extremism will be wiped out from Chhattisgarh": a policy against a movement, not a threat to people
    r"\b(\w+ism|insurgency|banditry|militancy|terror|menace|scourge)\b[^.;]{0,30}\b(will|shall|must) be "
    r"(wiped out|eliminated|eradicated|crushed|rooted out|defeated|ended|stamped out)|"
    r"\b(wip\w* out|eliminat\w*|eradicat\w*|crush\w*|root\w* out|stamp\w* out|defeat\w*) ([\w-]+ ){0,2}"
    r"(\w+ism|insurgency|banditry|militancy|terrorism)\b|"
    # "The government will eliminate these terrorists and anyone who harbours them": the state's campaign against
    # a kind of people, named by no name
    r"\b(the|our) (government|state|security forces|security agencies|authorities|police)\b[^.;]{0,40}\b(will|shall|"
    r"is going to) (eliminate|wipe out|crush|neutrali[sz]e|defeat|root out|hunt down) (these|the|all|every) "
    r"(terrorists?|bandits?|militants?|insurgents?|criminals?|gangs?|gangsters?|kidnappers?|extremists?)\b|"
    # "The only thing that will be buried tonight is the arrogance of ...": a metaphor's subject
    r"\bthe only thing (that )?(will|is going to) (be )?(buried|killed|destroyed|die|burn)\w*\b|"
    # "other hostages, other families, and we must not forget them": remembrance
    r"\bmust (not|never) forget\b|"
    # "we are going to bring it down - not with guns, not with stones, but with the Constitution"
    r"\bnot (with|by|through) (guns|bullets|stones|weapons|violence|force|machetes)\b[^.;]{0,60}"
    r"\bbut (with|by|through)\b|"
    # "That is how you capture a town without firing a shot", "if she wants a war, she's got one" (a feud's defiance)
    r"\bwithout (firing|a) (a |single )?(shot|bullet)\b|"
    r"\bif (he|she|they|you|\w+) wants? (a )?(war|fight),? (he|she|they|you|\w+)(['’]s| has| have|['’]ve)? "
    r"got (one|it)\b|"
    r"\b(crush|destroy|demolish|bury|beat)\w* [^.;]{0,40}\b(in|at) (the |tonight['’]s |"
    r"this week['’]s |next week['’]s |sunday['’]s |the televised |a televised )?(debates?|polls?|ballot box)\b|"
    # "a target-rich environment, and we are going to hit every one of those targets between now and Election Day"
    r"\btarget-rich\b|\bbetween now and (election|polling) day\b|"
    # sport: "I'll murder you on the track", "Give him half a chance and he'll murder you"
    r"\b(murder|kill|destroy|crush|bury|smash|slaughter)\w* (you|him|her|them|us)\b[^.;]{0,20}\bon the (track|pitch|"
    r"court|field|course|ice|mat|board|scoreboard|dance ?floor)\b|"
    r"\bgive (him|her|them) (half )?a chance,? and (he|she|they)(['’]ll| will)\b|"
    # "no election is worth the blood of any Nigerian": a call for peace
    r"(is|are) (not )?worth (the )?(blood|life|lives)|no \w+ is worth|(not|never) be intimidated|"
    # words quoted as words: "expressions such as 'killing your family' in the title of a video"
    r"(expressions?|words?|phrases?|terms?|slogans?|titles?|language) (such as|like)|"
    # an authority's sanction: "harassment of voters will be dealt with, including disqualification"
    r"dealt with,? (including|through|by|according to|under|in accordance with|decisively|firmly|accordingly)|"
    # an analyst's forecast: "I would be surprised if we did not see a convoy ambush"
    r"(would|'d|’d) (not |n't |n’t )?be surprised if|"
    # "nobody should have to worry about getting shot at a town hall": a condemnation
    r"\b(nobody|no one|no-one|no (\w+ )?(official|journalist|judge|candidate|mp|person|woman|man|family|child|"
    r"worker|teacher|one|citizen|representative|public servant)) (should|must|deserves to) (ever )?(have to|need to) "
    r"(worry|fear|live|be afraid|go to work|face|endure|feel)|"
    # "If we are finished, why does he send drones every day?": a question about what the other side does
    r"\bwhy (does|do|did) (he|she|they|it|the \w+) [^.!?]*\w(?=\s*\?)|"
    # fear described: "they are afraid of being caught between the drones"
    r"\b(are|is|were|was) afraid of being\b|"
    # an analyst's forecast: "My assessment is that if they act, they will try to hit a convoy"
    r"(my|our) (assessment|expectation|reading|guess|forecast) is|(we|i) (assess|expect|predict|would expect) "
    r"(that )?(they|he|she|the group|the militants|the rebels)|"
    # "I expect we will see more roadside bombs in the coming months": what an observer foresees
    r"(we|i) (expect|predict|anticipate|fear) (that )?(we|people) (will|'ll|’ll|would|are going to) (see|witness)|"
    # "If the State does nothing, I fear all of this will end in blood": what an observer dreads
    r"(we|i) (fear|worry|am afraid|are afraid) (that )?[^.;!?]{0,60}\b(will|'ll|’ll|would|could) end in\b|"
    # a victim's general remark: "When someone tells me I will be slaughtered, I take it seriously"
    r"(when|if|whenever) (someone|somebody|anyone|anybody|people) (tells?|says?|threatens?) (me|us))\b"
)
# "he does not need to say 'I will kill you'", "a crime to intimidate or threaten election officials",
# "a local official cannot threaten to kill people": talk about threats, not one
TALK_ABOUT_THREATS = re.compile(
    r"\b((does not|doesn['’]t|do not|don['’]t|did not|didn['’]t) (need|have) to say|"
    r"(crime|offen[cs]e|illegal|unlawful|felony) to (\w+ (or|and) )?(threaten|intimidate)|"
    r"(cannot|can['’]t|must not|mustn['’]t|should not|shouldn['’]t|may not) (be allowed to )?threaten)\b"
)
# "we retaliated", "they hit our bases" (not "if they hit Belgorod again": a condition)
PAST_CLAIM = re.compile(
    r"(?<!\bif )(?<!\bwhen )(?<!\bunless )(?<!\bonce )"
    r"\b(we|they|i) (retaliated|attacked|struck|targeted|bombed|killed|hit)\b"
)
NON_HARM_THREATS = re.compile(
    r"\bthreat\w* (to|of) (resign|quit|leave|step down|walk out|sue|strike\b|veto|boycott the vote)"
    r"|\bthreat\w* (to )?(jobs|profits|growth|the economy|security|stability|democracy|peace)"
    r"|\b(biggest|greatest|main|major|serious|existential|real|potential) threats?\b"
    r"|\bthreat\w* (legal|court) action|\bthreat\w* (a |an )?(lawsuit|legal proceedings|litigation|injunction)"
)
TITLE_CASE = re.compile(r"(?:[A-Z0-9][\w'’-]*\s+){1,5}[A-Z0-9][\w'’-]*")
# harm said with a negation: "will not go home to his mother", "will not escape the swords"
NEGATED_FATE = re.compile(
    r"\b(will|would|shall) (not|never) (go|come|return) home|\b(will|would) not (live|survive) (to see|long|the)|"
    r"\b(won[’']t|will not|would not|wouldn[’']t|never) make it (home|back|out alive)|"
    r"\b(not|never) (die of old age|grow old)|\b(will|would|shall) (not|never) find (any )?(rest|peace|safety|refuge)|"
    r"\b(will|would|shall) (not|never) escape (the |our )?(swords?|bullets?|guns?|punishment|revenge|vengeance|wrath)|"
    + NOT_LIVE_TO
    + r"|"
    r"\b(will|would|shall) (not|never) (be|go) (left )?unavenged\b|"
    + NOT_COMING_BACK
    + r"|"
    r"\bnext time it (won[’']t|will not|wouldn[’']t|would not) be\b|"
    # "the soldiers who enter the valley will not leave alive"
    r"\b(will|would|shall|won[’']t|wouldn[’']t) (not |never )?(leave|get out|come out|return)( \w+){0,3}? alive\b"
)
QUANTIFIED_VICTIM = re.compile(
    r"\b(any|every|whoever|anyone|anybody|those who|all those|each)\b|"
    # "Police who keep working for the contras will be hung", "Journalists who sell themselves ..."
    r"^\W*(the |all )?([a-z]+ )?([a-z]+s|police|people|staff|personnel|youth) who\b"
)
# "Oduya and Marlowe should swing from the flagpole": a call to lynch, no "we will" needed
LYNCH_CALL = re.compile(
    r"\b(should|must|ought to|deserves? to) (swing from (a|the|that|this) (rope|tree|lamp ?post|flagpole|bridge|"
    r"gallows|crane|lamppost)|be (hanged|strung up))\b"
)
PASSIVE_HARM = re.compile(
    r"\b(will|shall|would) (also )?be (\w+ )?(killed|burned|burnt|slaughtered|beheaded|executed|shot|"
    r"punished|whipped|flogged|hanged|attacked|targeted|eliminated|kidnapped|abducted|destroyed)\b"
)
INCITEMENT = re.compile(
    r"\b(fatwa|bount(y|ies)|price) (on|for|calling for) (the )?(head|life|death|killing|capture|execution)\b|"
    r"\bfatwa\b[^.;]{0,40}\b(death|killing|execution)\b|"
    r"\bcall(ed|s|ing)? for (the )?(death|killing|execution|beheading|assassination) of\b"
)
# set phrases that promise a named person his end without saying who will bring it
FATE_IDIOM = re.compile(
    r"\b(days( in [\w ]{1,30}?)? are (numbered|counted)|count (his|her|their|your) days|"
    r"(not|never) (die of old age|grow old)|gets? (what['’]s|what is) coming to (him|her|them|you)|"
    r"(remember|know|knows|remembers|ask|asks) what (happened to|became of)(?! (our|my|us|me)\b)|end up like|"
    r"(should|must|had better|ought to) remember what happened (at|in)|"
    r"(know|knows) (very )?well what (happens|happened) to|"
    r"(meet|share) (the|their|his|its) (same |\w+['’]s )?fate|"
    # "stop the demolitions or start looking for a coffin", "they will taste what they tasted at Buulo Mareer"
    r"(start|begin) (looking for|picking|choosing|ordering) (a|your|his|their) coffins?|"
    r"taste what (they|you|he|we|your \w+|their \w+) tasted|"
    r"turn (is coming|will come)|sleep with one eye open|(will|shall) (not|never) know peace|day of reckoning|"
    # "He should think of his mother", "she should think about her children": the family as a hostage
    r"(should|must|had better|ought to)( also)? (think|worry) (of|about) (his|her|their|your) (own )?(mother|father|"
    r"parents|famil(y|ies)|children|kids|sons?|daughters?|wife|husband|safety|health)|"
    # "we know which garage the judge parks in"
    r"(we|i) (already |also |very well |now )?know (where|which))\b|"
    + OTHERS_DID_NOT_LIVE
)
# the speaker declares someone a target: "he is a legitimate target"
DECLARED_TARGET = re.compile(
    r"\b(is|are) (now )?(hereby )?(declared |considered )?(a |as |our )?(legitimate|military) (targets?|objectives?)\b|"
    r"\b(is|are) (now )?(a|our) targets? "
    r"(for us|of ours|for our (soldiers|fighters|men|mujahideen|knives|guns|bullets))\b"
)
ULTIMATUM = re.compile(
    r"^\W*(or|otherwise|or else)\b|[,;]\s*(or|otherwise|or else)\b[^.]*\b(will|would)\b|"
    # "stop the demolitions or start looking for a coffin", "leave before September or be buried here"
    r"\bor (start|begin) (looking for|picking|choosing|ordering)\b|"
    + OR_BE_KILLED
)
EDICT_FATE = re.compile(r"\b(treated as|meet the fate|share the fate|same fate|fate of)\b")
GENERIC_YOU = re.compile(
    r"\byou (can|can't|can’t|cannot|could|couldn't|couldn’t|may|might|need|have to)\b|"
    # "you do not convict a man of murder because he was in the wrong neighbourhood": how things are done
    r"\byou (do not|don['’]t|never) \w+ (a|an) (man|woman|person|child|someone|people)\b|"
    # "when you kill a leader, you silence the whole community": how things go, addressed to no one
    r"^\W*when(ever)? you \w+[^,;]{0,60}, you (?!will|'ll|’ll|shall|are going)\w+|"
    # "he didn't have the kind of enemies who kill you": a kind of people, not a threat to anyone
    r"\bthe (kind|sort|type) of \w+ (who|that) (\w+ )?\w+ you\b"
)
# the sentence speaks to its target: "you", "let this traitor know"
ADDRESS = re.compile(r"\b(you|your|yourself|yourselves)\b|\blet (this|that) \w+ know\b", re.I)
DEFIANCE = re.compile(r"\b(will|would|shall) (not|never)\b|\bwon[’']t\b")
_HARM_VERBS = frozenset(
    "kill destroy hit strike attack target crush bury punish burn shoot bomb slaughter fight blow wipe murder "
    "eliminate eradicate annihilate liquidate execute".split()
)
# "a letter signed by a group calling itself 'Heimatschutz Franken'", "emails signed 'NSU 2.0'"
SIGNED = re.compile(
    r"\bsigned (?:by |in the name of |with the name )?(?:(?:a|an|the) (?:[\w-]+ ){0,4}?"
    r"(?:calling (?:itself|himself|themselves) |called |named |known as ))?[\"“]?"
    r"(?P<name>[A-Z][\w'’.-]*(?: (?:[A-Z0-9][\w'’.-]*|al|el|de|la|of|the))*)"
)
# past harm a relative clause tells of: its victims are why a threat is made, not whom it is aimed at
_PAST_HARM = frozenset("kill wound injure murder assassinate hit target strike bomb attack shoot behead".split())
# what harm is done to when it is done to people: themselves, their homes and places, armed forces
_HARMABLE_NOUNS = frozenset(
    """house home houses homes family families child children wife husband son daughter mother father village
    villages town towns city cities school schools church churches mosque mosques temple shop shops business
    businesses farm farms car cars office offices headquarters base bases camp camps convoy convoys embassy
    embassies troops forces soldiers army police checkpoint checkpoints station stations palace residence
    compound building buildings market markets property head heads body bodies life lives throat throats
    neck necks ears ear hand hands tongue blood positions position post posts outpost outposts barracks
    vehicle vehicles truck trucks tanker tankers bus buses warehouse warehouses equipment installation
    installations facility facilities port ports airport airports dam dams bridge bridges pipeline pipelines
    tower towers refinery refineries cattle herd herds boat boats plane planes aircraft helicopter
    helicopters""".split()
)
# acts threatened in ordinary politics and business: resigning, suing, striking, tariffs
_HARMLESS_ACTS = frozenset(
    """resign quit leave sue strike walk boycott withdraw veto block delay cancel close cut raise impose halt
    ballot picket
    stop suspend sell move vote run report publish call fire sack expel ban derail scrap shut relocate
    reduce increase freeze""".split()
)
_HARMLESS_THREAT = re.compile(
    r"\bthreat\w*\b[^.;]{0,40}?\bto (" + "|".join(sorted(_HARMLESS_ACTS)) + r")\b|"
    # "threatened that some manufacturers would move production to Egypt"
    r"\bthreat\w*\b that [^.;]{0,60}?\b(would|will|could) (" + "|".join(sorted(_HARMLESS_ACTS)) + r")\b|"
    # "threatens landlords with £30,000 fines", "threatened the club with relegation"
    r"\bthreat\w*\b[^.;]{0,40}?\bwith ([\w£$€,.-]+ ){0,3}(fines?|penalt\w+|lawsuits?|legal action|court action|"
    r"litigation|evictions?|expulsion|dismissal|the sack|suspension|closure|disciplinary action|tariffs|"
    r"sanctions|bans?|relegation|deselection|strikes?|a strike|industrial action|losing|loss of)\b"
)
# storms, diseases and markets threaten too, but they make no threats
_FORCES_OF_NATURE = frozenset(
    """storm cyclone hurricane typhoon flood floods drought wildfire fire earthquake outbreak virus pandemic
    epidemic disease pest inflation recession crisis shortage heatwave rain rains weather""".split()
)
# objects that make "kill", "hit", "crush" a figure of speech: "kill the bill", "hit exports"
_BODY_PARTS = frozenset("hand head tongue arm leg finger ear eye neck throat foot".split())
_ABSTRACT_NOUNS = frozenset(
    """quarter deal bill proposal plan competition chance chances hope hopes economy export exports import
    imports profit profits sale sales market markets growth job jobs budget reform game match season lead
    momentum idea project agreement talks negotiation law legislation policy price prices cost costs demand
    revenue earnings share shares stock mood campaign career business industry sector investment trade
    tourism harvest crop crops margin margins record records ratings rating vote votes motion amendment
    rumour rumours story narrative argument case moment moments element elements comment comments statement
    statements document documents payment payments treatment development environment management content
    event events percent talent instrument order orders number numbers matter matters letter letters paper
    papers power water border corner river centre center chapter error errors factor factors colour color
    floor door motor terror horror labour labor behaviour behavior humour tumour calendar dollar dollars
    pillar regulation regulations rule rules form forms permit permits duty duties list lists
    crime crimes criminality kidnapping kidnappings banditry terrorism insecurity corruption trafficking smuggling
    drugs narcotics piracy poaching robbery robberies extortion cultism vandalism fraud impunity poverty
    hunger""".split()
)
VOCATIVE = re.compile(
    r"(?:\b(?:we|i)(?: am| are|['’]m|['’]re)? (?:tell|say to|warn|remind|call on|urge|advise|address|telling|"
    r"saying to|warning|reminding|calling on|urging|advising|addressing|speak to|speaking to|talk to|talking to) |"
    r"(?:^|(?<=[.!?] ))\W*(?:(?:and|so|now|but) )?(?:to|o|oh|as for) (?:all )?)"
    # ("To the Turkish generals I say this clearly.")
    r"(?P<np>(?:the |all the |every )?[^:,.;!?\"“”]{3,120}?)\s*"
    r"(?:(?:,? we say(?: clearly| this| to you)?\s*)?[:,!]|,? (?:we|i) say(?: this| it)?(?: clearly| plainly| again)?"
    r"(?: to you)?\s*[.:])",
    re.IGNORECASE,
)
# a person spoken to by his title: "you, colonel,", "Mr Mayor,"
CALLED_BY_TITLE = re.compile(
    r"(?:\b(?:you|your)\s*,\s*(?:Mr\.? |Mister |Madam |Madame |Mrs\.? |Ms\.? )?|"
    r"(?:^|(?<=[.!?] ))\W*(?:Mr\.? |Mister |Madam |Madame |Mrs\.? |Ms\.? )|"
    # "Judge, you will hang like every other traitor": a bare title opening the words, then "you"
    r"^\W*(?=\w+\s*,\s*(?:you|your)\b))"
    r"(?P<title>colonel|general|mayor|governor|judge|minister|commander|president|senator|prosecutor|sheriff|"
    r"captain|major|chief|commissioner|director|councillor|councilor|inspector|sergeant|lieutenant|"
    # the titles of the languages the stories come from: "Sindaca, you have a beautiful daughter"
    r"sindaca|sindaco|alcalde|alcaldesa|presidente|presidenta|prefeito|prefeita|bupati|comandante|"
    # the clergy and the offices of the courts: "Padre, your days are counted"
    r"padre|father|pastor|reverend|imam|sheikh|clerk|magistrate)\b\s*[,!]",
    re.IGNORECASE,
)
# men the text does not name, who speak for whatever armed group they are shown with
UNNAMED_MEN = re.compile(
    r"\b(one of (them|the men|the gunmen|the fighters|the militants)|(a|the|four|three|two|several) (masked |hooded |"
    r"armed |uniformed )?(man|men|gunmen|fighters|militants)|(a|the) (masked|hooded) \w+|a (man['’]s |male )?voice|"
    # "the interrogator leaned across the table and told her", "an officer took him aside": an agent of the
    # security force or armed group the passage named
    r"(a|an|the) (senior |junior |young )?(interrogator|intelligence officer|security officer|agent|militiaman|"
    r"gunman|commander|captain|officer|soldier)s?)"
    r"\b[^.]{0,80}$",
    re.IGNORECASE,
)
# "a recording attributed to X": whose message it is
ATTRIBUTED_TO = re.compile(
    r"\b(attributed to|claimed by|signed by|posted by|sent by|released by|issued by)\s+(the\s+)?$"
)
# what is done for the dead: "avenge Kurdish militants killed in ..." names no one threatened
_MOURNING_VERBS = frozenset("avenge mourn honour honor commemorate".split())
# the harm that, in a condition, would be avenged: "if X were to die", "if anything happens to X"
_AVENGED_FATES = frozenset("die starve perish disappear happen".split())
_AVENGED_HARM = frozenset("kill harm hurt touch arrest detain execute extradite".split())


def _in_condition(tok: Token) -> bool:
    """Whether a word sits in the condition of a threat: "if they bomb X", "the day he strikes X"."""
    for clause in (tok, *tok.ancestors):
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if clause.dep_ == "advcl" and marks & {"if", "when", "unless"}:
            return True
        if clause.dep_ == "relcl" and clause.head.lower_ in ("day", "moment", "minute", "hour", "time"):
            return True  # "the day he strikes Dahiyeh", "the moment they touch X"
    return False


_ADVICE_MODALS = frozenset(["should", "must", "ought", "better", "'d", "’d"])


def _reports_the_words(tok: Token) -> bool:
    """Whether a token is the subject of the verb of saying that brings in the clause around it ("He said if ...,
    they will ..."), outside any condition ("if the mayor says one more word" names whom the words are about)."""
    verb = tok.head
    return (
        tok.dep_ == "nsubj"
        and verb.lemma_.lower() in _TELLING_VERBS
        # ("Let her ask the judges what happened": a bidding, not a report)
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and any(c.dep_ == "ccomp" for c in verb.children)
        # ("she should ask what happened to the ones before her": advice to the one the words are about)
        and not any(c.dep_ == "aux" and c.lower_ in _ADVICE_MODALS for c in verb.children)
        and not _in_condition(verb)
    )


def _avenged(tok: Token) -> bool:
    """Whether a name is the one a condition fears for: "if X were to die", "if X is harmed", "if anything
    happens to X"."""
    verb = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() == "happen":
        verb = tok.head.head
    elif tok.dep_ == "nsubj" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _AVENGED_FATES for c in verb.children
    ):
        pass  # "if X were to die": the condition hangs on "were"
    elif not (
        (tok.dep_ == "nsubj" and verb.lemma_.lower() in _AVENGED_FATES)
        or (tok.dep_ == "nsubjpass" and verb.lemma_.lower() in _AVENGED_HARM)
    ):
        return False
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


# nouns of force: "of X" after them names who wields it
_FORCE_NOUNS = frozenset(
    "wrath fury anger vengeance revenge punishment justice fire guns gun sword swords hand arm arms fighters "
    "men mujahideen soldiers response retaliation".split()
)
# titles of men who command armed men
_ARMED_TITLES = frozenset(
    "commander general gen colonel col major maj captain capt brigadier lieutenant lt emir amir warlord "
    "field marshal marshal admiral sergeant sgt".split()
)
# what a text reproduces of someone's words
_READ_OUT = frozenset("translation text passage transcript excerpt version extract wording".split())
# verbs by which a group or a commander puts out what a text then quotes
_PUBLISHING_VERBS = frozenset(
    "post release issue circulate announce distribute upload share sign claim declare".split()
)
NEWS_OUTLET = re.compile(
    r"\b(news|times|post|herald|tribune|gazette|monitor|journal|daily|agency|press|radio|tv|television|"
    r"channel|reuters|afp|associated press|bbc|cnn|al jazeera)\b",
    re.IGNORECASE,
)
_ARMED_HEADS = frozenset(
    "gang gangs cartel militia militias rebels insurgents faction fighters brigade brigades".split()
)
# the words of a charge sheet: "charged with threatening ...", "one count of threatening ..."
_CHARGE = re.compile(
    r"\b(charged?|charging|counts? of|indict\w*|pleaded|convicted|accused of|complaint|affidavit|sentenced|"
    r"guilty)\b",
    re.IGNORECASE,
)
_PERSON_DESCRIBED = re.compile(
    r"\b(a|an)\b[^,;]{0,40}\b(official|judge|member|officer|employee|prosecutor|agent|juror|witness|lawmaker|"
    r"representative|senator|congressman|congresswoman|clerk)\b"
)
# a turn's speaker telling of words she received: "I received a voice note", "he called me", "they told me"
_RECEIVING = re.compile(
    r"\b(i|we) (received|got|was sent|were sent|was told|were told|was warned)\b|"
    r"\b(my|our) (office|constituency office|home|house|family|wife|husband|staff|phone|team) "
    r"(received|got|was sent)\b|"
    r"\b(told|called|phoned|rang|messaged|texted|warned|threatened|sent|wrote to|said to) (me|us)\b|"
    # "It came on Tuesday night. It said: '...'"
    # (not "the message came from X", told of someone else's message)
    r"\bit (came|arrived)\b(?! from)|\bon my (phone|mobile|whatsapp)\b",
    re.IGNORECASE,
)
# a message given to the teller to pass on: "They said: tell her the commander knows where she sleeps"
_PASS_ON = re.compile(r"\b(?:[Tt]ell|[Ww]arn|[Rr]emind|[Gg]ive) (him|her)\b(?! (?:to|what|who|where|how|about)\b)")
# a threat passed on about someone: "let him know ...", "tell her ..."
_LET_HIM = re.compile(
    r"\b(?:[Ll]et|[Tt]ell) (him|her) (?:know|sleep|remember|understand|think|try|wait|count|pray|that)\b"
)
_TELL_ROLE = re.compile(r"\b(?:[Tt]ell|[Ww]arn|[Rr]emind) (?:the|your|that) ([a-z]+) (?:that |she |he )")
# "The man he says made the threat is X", "the caller was identified as X"
_THREATENER_NAMED = re.compile(
    r"\b(?:[Tt]he|[Aa]) (?:man|woman|person|one|men|caller|settler|commander|officer|sender|author)\b[^.\n]{0,40}?"
    r"(?:\b(?:made|issued|sent|delivered|behind|wrote)\b[^.\n]{0,25}?\b(?:threats?|messages?|calls?|letters?)\b"
    r"[^.\n]{0,30}?\b(?:is|was|as)\s+(?:\w+ly\s+)?(?:identified as\s+)?|"
    # "The man said he was calling on behalf of Comandante Lobo"
    r"\b(?:on behalf of|in the name of|sent by)\s+)"
)
# "X, who is detained pending trial, sent the messages"
_SENT_THEM = re.compile(
    r"[^.\n\"“”]{0,90}?\b(?:sent|wrote|made|posted|issued|left)\s+(?:the|those|these|all the|both)\s+"
    r"(?:threatening\s+)?(?:messages|texts|threats|letters|calls|notes|voice notes)\b"
)
# "charged Younes X, 27, with threatening a journalist" (the name follows)
_CHARGED_WITH = re.compile(r"\b(?:charged|convicted|arrested|indicted|accused)\s+(?:[a-z-]+\s+){0,3}$")
_WITH_THREATS = re.compile(r"[^.\n]{0,40}?\bwith\s+(?:making\s+|sending\s+)?(?:death\s+)?(?:threat|intimidat)")
# how a threat reaches its teller: "he said", "he shouted", "he gave me until the end of the month"
_TELLING_VERBS = SPEECH_VERBS | {"shout", "threaten", "give"}
# "the men named the boss as 'Zé do Gado'": whom the messengers spoke for
_SENDER_NAMED = re.compile(
    r"\b(?:named|identified|called|gave)\s+(?:the boss|their boss|the man who sent them|the sender|him|his name)\s+"
    r"as\s+[\"“‘']?"
)
# a quote opened inside the victim's account: "He told me, 'You have ..." (its sentences may follow)
_NESTED_INTRO = re.compile(
    r"\b(he|she|they|one of them|someone|a man|the men|the caller|a voice|[A-Z][\w'’-]+)\b[^.\"“”‘]{0,60}"
    r"\b(said|says|told me|told us|told him|told her|shouted|wrote|warned me|warned us)\s*[:,]?\s*[‘']"
)
RECEIVED = re.compile(
    r"\b(they|he|she|someone|somebody|the callers?|callers?|a man|men|the men|gunmen)\s+(just\s+)?"
    # "They just called my campaign coordinator: if I show up ..."
    r"(told|said to|warned|threatened|wrote to|messaged|called|phoned|rang|texted)\s+(me|us|my \w+|our \w+)\b"
    # men the account does not name, speaking to its teller: "Tembé said that one of the men told him ..."
    r"|\b(one of (them|the men)|the men|two men|a man|gunmen|the callers?)\s+"
    r"(told|warned|threatened|said to)\s+(him|her)\b"
    # a deadline given to the teller: "He gave me until the end of the month to withdraw"
    r"|\b(they|he|she|the callers?|the men|gunmen)\s+gave\s+(me|us)\s+(until|\w+ (hours|days|weeks))\b"
    # a quote inside the victim's account: 'One of them called me over and said: "..."'
    r"|\b(one of them|they|he|she|someone|a man|the men|gunmen|(?:the|a|one|another) caller|a voice)\b[^.\"“”]{0,60}"
    r"\b(said|says|told me|told us|shouted|wrote)\s*[:,]?\s*[‘'\"“]"
    # the message read out inside the account: '"They wrote: we know where your mother lives," she said'
    r"|^\W*(they|he|she|someone|the callers?|the messages?|the texts?|the notes?|the letters?)\s+"
    r"(wrote|said|texted|messaged|told me|told us)\s*:"
    # "One message said, 'Keep writing and you will ...'", "The last text read: ..."
    r"|^\W*(one|another|the (first|second|third|last|latest|next)|a (second|third|later))\s+(voice\s+)?"
    r"(message|text|note|letter|email|comment|post|voice note|dm)\s+(said|read|says|reads)\s*[:,]\s*[‘'\"“]"
    # "I was told I would be killed if I kept saying his name": the teller received it, from whoever told her
    r"|\b(i|we) (was|were|have been|had been|got) (told|warned)( that)? (i|we|my|our)\b"
    # "It said that if I continued to collect the fees, I would receive the punishment of a traitor": a letter's
    # words to the teller, reported
    r"|^\W*(it|the (letter|message|note|text|leaflet|pamphlet))\s+(said|warned|stated|wrote)\s+"
    r"(that\s+)?(if\s+(i|we)\b[^.]{0,120}?,\s*)?(i|we)\s+(would|will|should|could|might|must)\b"
)
# the unnamed one who told the teller: "One of them told me ...", "Someone wrote that ..."
_UNNAMED_TELLER = re.compile(
    r"\W*(?:then |and )?(?:one of (?:them|the men|the callers|the messages)|someone|somebody|a man|a woman|a voice|"
    r"an unknown (?:man|woman|caller|person)|an anonymous (?:caller|man|account)|a caller|callers)\s+"
    r"(?:(?:also|then|later|once|even|just)\s+)?(?:told|said|wrote|warned|called|texted|messaged|rang|phoned|"
    r"shouted|sent|left)\b",
    re.IGNORECASE,
)
# whom one speaks to, not whom one threatens
_AUDIENCES = frozenset(
    "reporters journalists supporters crowd audience mourners listeners viewers followers press media "
    "worshippers congregation students delegates".split()
)
# (not "this is your last week here")
PAST_TIME = re.compile(
    r"\b((?<!\byour )(?<!\bhis )(?<!\bher )(?<!\btheir )last (week|month|year|night|[a-z]+day)|yesterday|ago|"
    r"earlier this (week|month|year))\b"
)
SPORTS = re.compile(
    r"\b(match|matches|game|games|season|coach|striker|goals?|league|cup|championship|tournament|derby|"
    r"fixture|kick-off|referee|play-?offs?|semi-final|final|squad|midfielder|defender|goalkeeper|boxer|bout|"
    r"knockout|title fight|innings|wickets?|playoff|scored|stadium|ufc|mma|octagon|canvas|sparring|fight night|"
    r"main event|undercard|weigh-in|promoter|trainer)\b"
)
# words that put a single sentence on the sports pages whatever the rest of the document is about
SPORTS_SENTENCE = re.compile(
    r"\b(derby|fixture|kick-off|league|cup final|championship|tournament|play-?offs?|semi-finals?|stadium|coach|"
    r"striker|referee|title fight|innings|away game|home game|on the pitch|on the field|on the court|"
    r"(the|that|this) ring|boxing|undercard|weigh-in|knockout|heavyweight|middleweight|welterweight|"
    r"on the canvas|octagon|ufc|mma|fight night|eat a knee)\b"
)
FICTION = re.compile(
    r"\b(film|movie|novel|villain|character|plot|episode|sequel|trailer|starring|screenplay|box office|"
    r"season finale|finale|video game|comic|chapter|protagonist|thriller|playwright|dialogue|the second act|"
    r"(book|film|theatre|theater|tv|television) review|reviewer)\b"
)
ARMED = re.compile(
    r"\b(militias?|brigades?|battalions?|hezbollah|hizballah|army|forces|front|resistance|cartel|gang|"
    r"mobili[sz]ation|guards?|mujahideen|taliban|shabaab|jihad\w*|insurgents?|rebels?|fighters|"
    r"(?<!peace )(?<!press )(?<!diplomatic )corps)\b",
    re.IGNORECASE,
)
# verbs that say a threat was not made: "denies threatening the mayor", "rejected claims it had threatened"
_DENIALS = frozenset("deny refute reject dismiss disown".split())
_POLICE_TITLES = frozenset(
    [
        *"det detective supt superintendent inspector constable sheriff dci dcs".split(),
        *["det supt", "det insp", "det sgt", "police chief", "chief constable", "chief inspector"],
        *["detective superintendent", "detective inspector", "detective chief inspector"],
    ]
)
_POLICE_FORCE = re.compile(r"\b(police|constabulary|gendarmerie|carabinieri|FBI|Scotland Yard)\b", re.IGNORECASE)
_POLICE_SPEAK = re.compile(
    r"\b(detectives?|police|officers|investigators|the force)\b[^.]{0,120}\b(said|say|says|issued|warned|appeal\w*|"
    r"message)\b",
    re.IGNORECASE,
)
# a pursuit that ends in court is the law's, whoever speaks: "We will find them, we will take them to court"
_PURSUIT_TO_COURT = re.compile(
    r"\b(take|taking|bring|drag)\w* (them|him|her|you|the \w+) to court|"
    r"\bprosecute (them|him|her|you|those|anyone|everyone|every)\b|\bfixed penalty|"
    r"\bbefore the (courts?|magistrates?)"
)
PURSUIT = re.compile(
    r"\b(find|found|hunt\w* (\w+ ){0,3}down|hunt\w* down|track\w* (you|them|him|her) down|catch|follow|"
    r"(are|re|is|am|m) coming (for|after) (you|them|him|her))\b"
)
# in a game or a fight night "shoot" is a move; killing is still killing
_KILLING_WORDS = "kill|murder|behead|decapitat|bomb(?!ast|shell|on)|stab(?!ili|le)|slaughter|execut|assassinat"
_SPORTS_LETHAL = re.compile(rf"\b({_KILLING_WORDS})\w*")
# a rout foretold on the sports pages names no victim: "It will be a slaughter in there, cards everywhere"
_SPORTS_ROUT = re.compile(r"\b(a|an|the) ([\w-]+ )?(slaughter|massacre|bloodbath|execution)\b")
# a campaign against a disease in a public-health story: "We shall hunt it in every house and every swamp"
_AGAINST_DISEASE = re.compile(
    r"\b(hunt|kill|fight|attack|eliminat|crush|wip|defeat|destroy|chas)\w*( out| down)? (it|them|the (virus|disease|"
    r"mosquito\w*|parasites?|enemy|epidemic|outbreak))\b"
)
# a public-health story: its "enemy" is a disease and its campaigns "hunt" mosquitoes
HEALTH = re.compile(
    r"\b(malaria|mosquito\w*|cholera|measles|polio|virus|vaccin\w*|epidemic|outbreak|disease|infections?|"
    r"larva\w*|bed ?nets?)\b"
)
LETHAL = re.compile(rf"\b({_KILLING_WORDS}|shoot)\w*")
_LEGISLATURES = frozenset("congress parliament senate assembly house knesset duma majlis legislature".split())
_MOTION_VERBS = frozenset("go return head come travel flee move sail fly run leave".split())
# nouns of a place "of" another: "the ports of occupied Palestine", "the streets of Gaza"
_PLACES_OF = frozenset(
    "port harbour harbor street road border city town village soil land territory coast shore outskirts suburb "
    "centre center capital sky airspace water heart".split()
)
_PLACE_PREPS = frozenset(
    "in at near from across around inside outside throughout within into onto through along".split()
)
VICTIM_CONTEXT = re.compile(
    r"\b(blood of|martyrs?( of)?|victims of|killing of|assassination of|death of|memory of|funeral of|late|"
    r"what happened to|"
    # the precedent and the side that strikes are not the one threatened: "you will meet the same fate as Bittu",
    # "a legitimate target for the soldiers of the Caliphate"
    r"(same )?fate (as|of)|(legitimate )?targets? for (the )?(\w+ ){0,2}of|"
    r"end up like|ended up like)( the| our| their)?\s*$"
)
WEAK_CUES = frozenset({"warn", "warning", "vow", "pledge", "promise", "swear"})


@dataclass
class Candidate:
    statement: Statement
    span: tuple[int, int]
    speaker: str | None
    target: str | None
    target_mention: tuple[int, int] | None
    type: str
    form: str
    score: float
    strong: bool
    cue: str
    date_char: int | None = None
    extra_targets: list[tuple[str, tuple[int, int] | None]] = field(default_factory=list)
    speaker_mention: tuple[int, int] | None = None  # where the second opinion's speaker is named
    # words the teller received from someone the text never names ("One of them told me ..."): no one to guess
    unnamed: bool = False


# words that look like harm but name ordinary things: labour strikes, attack ads, killer apps
NOT_HARM = re.compile(
    # "its war against kidnapping and other violent crimes", "the fight against banditry": crimes fought, not done
    # (a "war" on things is blanked before this is read: the blank stands for it)
    r"(\b(war|wars|fight|campaign|crackdown|battle|offensive|operations?|onslaught)|  ) (on|against) ([\w-]+ ){0,2}"
    r"(kidnapp\w*|bandit\w*|crimes?|criminals?|criminality|terroris\w*|insurgency|trafficking|cultism|"
    r"robber\w*|extortion|violence|killings?|murders?)( and [\w-]+( [\w-]+)? crimes)?\b|"
    # "traders hanging on by their fingernails", "a deal hanging by a thread", "hang in there": holding on
    r"\b(hang(s|ing)? (on|up|in there|by a thread|onto)|hung (on|up)|hanging over)\b|"
    # "the game rewards you for not killing", "kill the game early", "Kill the bike lanes and you kill a cyclist":
    # harm refused, a match or a scheme ended, the harm the listener would do
    r"\b(for not|without) (kill|shoot|murder|harm|hurt)\w*|"
    r"\bkill\w* (off )?(the |a |this |that )?(game|match|tie|contest|momentum|mood|tempo|clock|buzz|vibe|joke|"
    r"lights|engine|music|noise|conversation|story|rumou?rs?)\b|"
    r"\band you('ll| will)? (kill|murder|hurt|endanger)\w*|"
    # "go for the kill", "kill the Australians with pace", "kill this bad moment with work": a game or a slump
    # beaten by skill or effort; "wipe out kotong cops from our ranks": a purge of a body's own members
    r"\bgo(es|ing)? for the kill\b|"
    # "I am not going to be silenced" (defiance), "a bloodbath on the airwaves" (an advertising war)
    r"\b(not|never|refuse to|won['’]t) (going to )?be silenced\b|"
    r"\b(bloodbath|massacre|carnage|war) (on|in) the (airwaves|ballot|polls|markets?|stock market|ratings|"
    r"box office)\b|"
    # "they will kill you in the middle overs", "we killed them in the second half": a phase of a game
    r"\b(kill|bury|destroy|crush|murder|slaughter)\w* (you|them|him|her|us) in the (middle |death |final |last |"
    r"first |second |opening |closing )?(overs|innings|half|quarter|set|lap|round|minutes|stretch|period)\b|"
    # "landed the killer blow", a bill or a package killed: a campaign's and a legislature's words
    r"\bkiller (blow|punch|line|instinct|question|argument|point|feature|app|product|combination)\b|"
    r"\bkill\w*['’\"]? (off )?(\w+ ){0,3}(bill|package|plan|deal|budget|proposal|legislation|measure|amendment|"
    r"motion|reform|project|scheme|tax|tariff|policy|law|regulation|idea|merger|takeover|scheme)s?\b|"
    # "grave misconduct", "a grave error": the adjective, not a grave
    r"\bgrave (misconduct|concerns?|dangers?|errors?|mistakes?|offen[cs]es?|crimes?|breach(es)?|violations?|doubts?|"
    r"risks?|situation|threat|consequences|injur\w+|condition|matter|allegations?|charges?|abuses?|shortcomings?|"
    r"reservations?|implications?|warning|harm|economic|humanitarian|security)\b|"
    r"\b(kill|bury|crush|destroy|finish|wipe|smash|slaughter|murder)\w*( \w+){0,4}( off| out)? with (our |his |her |"
    r"their |my |sheer |more |hard )?(pace|spin|speed|skill|work|hard work|effort|competition|transparency|kindness|"
    r"love|facts|arguments|ideas|votes|ballots|prices|policies|results|quality|service|innovation|data|science|"
    r"truth|goals|runs|wickets|tackles|defence|defense|football|performance|excuses)\b|"
    r"\b(wipe|root|weed|purge|flush|clean|drive|kick)\w* (\w+ ){0,4}out (\w+ ){0,3}(of|from) (our|their|the|its|his|"
    r"her) (ranks|party|organi[sz]ation|service|force|police|institution|system|ministry|department|team|club)\b|"
    r"\b(every|all|ordinary|working|hard-working) (\w+ )?(family|families|household|households|taxpayers?|voters?|"
    r"consumers?|motorists?|renters?|workers?|pensioners?|citizens?)\b[^.;]{0,40}\bwill (pay|suffer)\b|"
    # "we will kill them on the boards", "bury them on the counter": where a game is won
    r"\b(kill|bury|destroy|crush|murder|slaughter|smash)\w* (them|him|you|us|those guys) (on|in|at) the (boards|glass|"
    r"paint|counter|break|scoreboard|wing|flanks?|pitch|court|field|track|ice|line-?out|scrum|set pieces?)\b|"
    r"\b((a|general|labou?r|hunger|rail|teachers'?|workers'?|nationwide|call(ed)? a|go(ing)? on|went on) strikes?|"
    r"strikes? (vote|action|ballot|fund)|attack ads?|killer (app|feature)|price war|trade war|bidding war|"
    # "to attack teachers in the press": words, not blows
    r"attack\w* [\w ]{0,30}?(in|on) (the )?(press|media|social media|twitter|x|facebook|newspapers?|tv|television|"
    r"radio|airwaves|parliament|chamber|debate)|"
    r"war of words|war on (\w+ )?(drugs|poverty|inflation|cancer|crime|obesity|waste|corruption|red tape|bureaucracy|"
    r"disease|hunger|illiteracy|plastic|pollution|fraud|piracy|smoking|debt|costs|prices|woke\w*|fake news)|"
    r"war[\"'’”]? on (the |our |working |ordinary |hard-working |middle-class )?(poor|workers|families|middle class|"
    r"privati[sz]ation|austerity|pensions?|unions?|reforms?|"
    r"farmers|pensioners|consumers|taxpayers|motorists|students|small business\w*|savers|renters|teachers|nurses|"
    r"women|science|christmas|the south|the north|rural \w+)|"
    r"(declare[sd]?|declaring|wage[sd]?|waging) war on (\w+ ){0,2}(cancer|poverty|inflation|crime|waste|drugs|"
    r"corruption|obesity|disease|bureaucracy|red tape)|fight (a|the) war (on|against) (cancer|poverty|drugs|crime)|"
    # elections are won and lost at the ballot box: "wipe out its rivals at the ballot box", "bury the PDP
    # politically", "the voters will bury you", "we will finish you with the ballot"
    r"[^.;]{0,60}\b(at (the )?(polls|ballot box)|in the (election|vote|polls|by-election|primary|primaries)|"
    r"in (the )?(coming |next |upcoming |forthcoming |general |local |state |presidential |parliamentary |"
    r"[\w-]+ ){0,6}(elections?|polls|by-elections?|primar(y|ies))|with (the |our |your |their )?(ballots?|votes?)|"
    r"politically|electorally|at the next election|"
    # "wipe out the Congress from every constituency in Marwar"
    r"from (every|each|all|the) ([\w-]+ )?(constituenc(y|ies)|seats?|wards?|assembl(y|ies)|electorates?|ridings?))\b|"
    r"(the )?(voters|electorate|people) (will|would|are going to) (bury|punish|destroy|kill|finish|wipe|crush|"
    r"send)\w*|"
    # "The voters decide, and they will teach him a lesson on November 20"
    r"\b(voters|electorate)\b[^.;]{0,40}\bteach (him|her|them|you|us) a lesson|"

    # a campaign's fate: "he should remember what happened to the last mayor who ignored the voters"
    r"what happened to [^.;]{0,60}\b(voters|electorate|polls|ballot box|election)|"
    # the event a vow answers is no harm it threatens: "vows to dismantle gangs after student is stabbed to death"
    r"after\b[^.;,]{0,60}?\b(killed|stabbed|shot|murdered|attacked|beheaded|bombed|kidnapped|killing|murder|"
    r"shooting|stabbing)\b[^.;,]{0,40}|"
    # the police against crime: "hunt down every rupee hidden", "dismantle the phone-theft gangs"
    r"(hunt\w* down|take\w* down|track\w* down|go\w* after|dismantl\w*|crack\w* down on)[^.;]{0,40}\b(gangs?|"
    r"robbers?|thieves|holdup|syndicates?|smugglers?|evaders?|fraudsters?|criminals?|dealers?|dealing points|"
    r"(every|each) (rupee|penny|pound|dollar|cent|naira|peso|shilling|euro)|tax\w*)|"
    # "flawless in our execution", "smoke bombs and flares", "our strike teams will hit the rats hard": a
    # strategy carried out, a football crowd's pyrotechnics, pest control
    r"\b(flawless|perfect|poor|strong|disciplined|ruthless|sloppy|operational|\w+ly) (in (our|their|its|his|her) )?"
    r"execution\b|\bin (our|their|its|his|her) execution\b|\bsmoke ?bombs?\b|"
    r"\b(hit|kill|eliminat|wipe|exterminat|target|attack|poison|trap|cull)\w*( out)? (the |all |these |those )?"
    r"(rats|rodents|mice|mosquito\w*|locusts|pests|weeds|vermin|cockroaches|termites|bugs|germs|bacteria|"
    r"virus\w*|infestations?)\b|"
    # "the execution of capital projects", "liable to a fine or 12 months imprisonment": office words
    r"execution of (the |its |their |major |all )?([\w-]+ ){0,3}(projects?|budgets?|plans?|contracts?|works|"
    r"programm?es?|polic(y|ies)|strateg(y|ies)|orders?|warrants?|tasks?|mandates?)|"
    r"(liable|punishable|subject) (to|by) [^.;]{0,60}(fines?|imprisonment|jail|prison)|"
    r"(bury|buries|burying|crush\w*|destroy\w*|wipe\w* out|annihilat\w*|demolish\w*|thrash\w*|trounce\w*|"
    r"kill\w*|sink\w*|torpedo\w*)[\"”’']? (the |this |that |a |its |their |his |her )?([\w'‘’]+ ){0,2}"
    r"(government|opposition|coalition|party|parties|rivals?|incumbents?|challengers?|candidates?|ticket|campaign|"
    r"bill|motion|proposal|reform|tax|deal|merger|bid|plan|lanes?|scheme|project|programm?e|funding|policy|law|"
    r"route|service)\b|"
    # politics and business attack ideas and markets: "a direct attack on Alberta's economy"
    r"attacks? on ([\w'’]+ ){0,3}(economy|economies|jobs|market share|democracy|freedoms?|rights|values|livelihoods|"
    r"industry|prices|competition|constitution|rule of law|free speech|way of life|wages|pensions|middle class|"
    r"families|workers|unions|budget|sovereignty|independence|institutions|farmers|consumers|taxpayers)|"
    r"(prepared|ready|voted?|voting|threaten\w*|planning|plans?|decided?|going|right) to (go on )?strike\b|"
    r"(vote|voted|voting) to (shoot down|kill|sink|block|bury|scrap|reject)|shoot(ing)? down (a|the|this|that|any) "
    r"(\w+ ){0,2}(proposal|plan|bill|idea|increase|hike|motion|amendment|measure|bid|rumou?rs?|claims?|reports?)|"
    r"target(ed|ing|s)? (inflation|growth|audience|market|customers|"
    r"price|rate|date|voters)|(sales|revenue|profit|earnings) target|fight(ing)? (inflation|poverty|corruption|"
    r"climate change|for)|a shot at|tariffs?|taxes|fines?|fees|levies|duties|"
    r"target(ed|ing|s)? (an? |the )?([\w-]+ ){0,3}(title|eliminator|belt|bout|championship|medal|trophy|cup|"
    r"promotion|podium|win|victory|seat|seats|majority|deal|listing|launch|record)s?\b|"
    r"target(ed|ing|s)? (every|all|the|young|older|suburban|swing|undecided) (\w+ )?"
    r"(voters?|customers|buyers|markets?)|"
    r"fire(d)? (him|her|them|staff|workers|the coach|the manager)|"
    # harm both ways is a description or a forecast, not a threat: "both sides will try to kill each other on TV"
    r"\b(kill|destroy|murder|crush|bury|slaughter|tear)\w* (each other|one another)\b|"
    # "the government would not let the Games be taken hostage": a strike's hostages
    r"\b(let|allow)\b[^.;]{0,40}\b(be )?(taken|held) hostage\b|"
    # politics' hostages: "hold the entire government hostage over a policy fight"
    r"(hold|holds|holding|held) (the |this |our |their |its )?([\w'’]+ ){0,3}hostage (over|to|for the sake of)|"
    r"(held|holding) hostage (by|to) ([\w'’]+ ){0,3}(demands|interests|politics|whims|agenda|process|minority)|"
    # the price paid in votes: "will pay a price at the polls"
    r"(pay|paid|regret\w*|suffer\w*)[^.]{0,30}\b(at the (polls|ballot box)|in (the )?(next )?elections?|"
    r"politically|electorally|in the (polls|ratings))|"
    # rivals beaten in votes: "vowed to 'finish them off' in the count"
    r"(finish\w* (\w+ )?off|bur(y|ied|ies)|crush\w*|destroy\w*|wipe\w* (\w+ )?out)[\"”’']?[^.;]{0,30}"
    r"\b(in the (count|vote|polls|runoff|run-off|primary|primaries)|at the (polls|ballot box)|on election day)\b|"
    # "this project was going to blow up in our faces"; hostages to be freed are no one's threat
    r"blow(s|n|ing)? up in (our|your|their|his|her|my|its) faces?|"
    r"(return|release|freeing|exchange|recovery) of (all )?(the |our |remaining )?(remaining )?hostages|"
    r"(wipe\w* out|crush\w*|dismantl\w*|destroy\w*|eliminat\w*|root\w* out|stamp\w* out|smash\w*)[\"”’']? "
    r"(the |all |every )?"
    r"([\w-]+ ){0,2}(gang|criminal|crime|drug|trafficking|smuggling|extortion|mafia) (networks?|structures|rings?|"
    r"cells|groups|gangs|organi[sz]ations|economy|empires?)|"
    r"respond\w* (appropriately|accordingly|proportionately|diplomatically|through (diplomatic|legal) channels|"
    r"in a measured way)|"
    r"(rather than|instead of|not to|without|avoid(ing)?|refrain(ing)? from) (retaliat\w*|escalat\w*|attack\w*|"
    r"fight\w*|respond\w*|war)|"
    # a definite event already known to the reader is reported, not threatened: "take the killings to court"
    r"(the|these|those|this|recent|last week's|past) (killings?|attacks?|bombings?|murders?|assassinations?|"
    r"shootings?|strikes?|violence|bloodshed))\b"
)


# trade disputes retaliate with tariffs: there "retaliation" and "response" are economic
TRADE = re.compile(
    r"\b(tariffs?|duties|import quotas?|anti-dumping|dumping|protectionis\w*|subsid(y|ies|ised|ized)|"
    r"trade (war|dispute|measures|talks)|exports?|imports?|"
    r"export controls?|curbs|chips?|semiconductors?|countermeasures|trad(e|ing) (partners?|preferences|deals?|"
    r"agreements?|relationship|surplus|deficit|barriers))\b"
)
# the other side's aims, told as an accusation: "You want to kill the independence of the courts", "they are trying to
# destroy the party"
ACCUSED_INTENT = re.compile(
    r"^\W*(you|they|he|she)( (really|just|only|clearly|now|simply))? (want|wants|are trying|is trying|plan|plans|"
    r"intend|intends|seek|seeks|would like) to (?:\w+ )?(?:kill|destroy|crush|bury|wipe|finish|silence|eliminate|"
    r"murder|attack|burn|break|ruin|dismantle|erase|strangle|choke|muzzle)\b"
)
# a price paid, a day regretted, suffering and consequences: in a campaign, a trade row or a health
# warning these are politics' words; they threaten violence only where violence is in the story
SOFT_HARM = re.compile(
    r"\b(pay (a |the )?(\w+ )?price( in \w+)?|(heavy|high|steep|big|terrible|bitter) price|pay dearly|"
    r"pay for (this|it|that|what)|answer for (it|this|that|what)|regret\w*|suffer\w*|hell|punish\w*|consequences|"
    # campaigns bury their rivals: "we are going to bury the Conservatives", "buried under the ballots"
    r"bur(y|ies|ied|ying)|"

    + SOFT_IDIOMS
    + r")\b"
)
# parties wiped out or uprooted in a campaign: "we will wipe out the alliance", "uproot this government" (a
# threat of violence only where violence is in the story; not a feature of the learned detector)
_PARTIES_ROUTED = re.compile(
    r"\b(wip(e|es|ed|ing) out|uproot\w*) (the |this |that |their |our |your |his |her )?([\w-]+ )?"
    r"(alliance|coalition|part(y|ies)|opposition|opponents?|rivals?|government|incumbents?|bloc)\b"
)
# words that put violence in a story; "war" and "kill" alone do not ("a war on red tape", "a silent killer")
VIOLENT_STORY = re.compile(
    r"\b(murder\w*|shot dead|shooting|shootings|shot at|gunm[ae]n|gunfire|bomb(s|ed|ing|ings|er|ers)?|grenades?|"
    r"explosives?|behead\w*|assassinat\w*|massacre\w*|militia\w*|militants?|insurgen\w*|rebels?|jihad\w*|"
    r"armed (group|groups|men|gang|gangs|forces|wing)|weapons|guns?|rifles?|terroris\w*|abduct\w*|kidnap\w*|"
    r"airstrikes?|air strikes?|missiles?|rockets?|troops|soldiers|hostages?|death threats?|"
    r"(were|was|been|be) killed|killings?|killed (at least|\d+|two|three|four|five|six|civilians|people)|"
    r"(stabbed|beaten|hacked|burned|burnt|shot|lynched) to death|arson attacks?|firebomb\w*|paramilitar\w*)\b"
)
# a labour dispute strikes, pickets and walks out: there a "strike" is a stoppage of work
LABOUR = re.compile(
    r"\b(unions?|wage\w*|pay (talks|offer|deal|rise)|walkouts?|pickets?|industrial action|strike (ballot|action|"
    r"vote|notice)|employers?|redundanc\w*|bargaining|shifts?|overtime|privati[sz]ation|"
    r"(threaten\w*|call\w*|stag\w*|go on|began|begin|end\w*|national|general|indefinite|\d+-day|day-long|"
    r"week-long|planned) strikes?)\b"
)
_TRADE_WORDS = re.compile(
    r"\b(retaliat\w*|respon(d|se|ses)|countermeasures?|counter-measures?|war|target\w*|hit(s|ting)?|strike back|"
    # "Europe will pay a price for its protectionism": in a trade row, a price in trade
    r"pay (a |the )?(\w+ )?price|pay dearly)\b"
)


# the narrator's words for a threat, around a quote: "in a threatening message", "the threats continued"
_THREAT_WORDS = re.compile(r"\b(threat\w*|intimidat\w*|menac\w*|ultimatum\w*|warning|warned|hit list|death list)\b")
# the rules' signals, as the detector reads them
_SIGNALS: dict[str, re.Pattern[str]] = {
    "sig_reject": REJECT,
    "sig_nonharm": NON_HARM_THREATS,
    "sig_talk": TALK_ABOUT_THREATS,
    "sig_defiance": DEFIANCE,
    "sig_received": RECEIVED,
    "sig_past_claim": PAST_CLAIM,
    "sig_future": FUTURE,
    "sig_past_time": PAST_TIME,
    "sig_intent": INTENT,
    "sig_generic_you": GENERIC_YOU,
    "sig_conditional": CONDITIONAL,
    "sig_agent": AGENT,
    "sig_fate": FATE_IDIOM,
    "sig_quantified": QUANTIFIED_VICTIM,
    "sig_ultimatum": ULTIMATUM,
    "sig_deadline": DEADLINE,
    "sig_edict": EDICT_FATE,
    "sig_declared": DECLARED_TARGET,
    "sig_negated_fate": NEGATED_FATE,
    "sig_soft": SOFT_HARM,
    "sig_address": ADDRESS,
}


def _sports_words(text: str) -> int:
    """How many words of the sports pages a text uses, not counting those inside names ("Ti Bout", "TI BOUT:")."""
    count = 0
    for m in SPORTS.finditer(text.lower()):
        word = text[m.start() : m.end()]
        if word.isupper() and len(word) > 3:
            continue
        before = text[max(0, m.start() - 30) : m.start()].split()
        if word[:1].isupper() and before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
            continue  # "Ti Bout", "Radio Stadium": the last word of a name
        count += 1
    return count


# fight sports, where fighters promise each other death as a matter of course ("I'm going to kill him")
COMBAT_SPORT = re.compile(
    r"\b(boxing|boxer|boxers|heavyweight|middleweight|welterweight|lightweight|cruiserweight|bout|title fight|"
    r"knockout|knocked (him |her )?(down|out)|ufc|mma|octagon|weigh-in|undercard|fight week|fight night|"
    r"the ring|in the ring|sparring|promoter|rounds?)\b"
)


def _lethal_in_sport(text: str) -> bool:
    """Killing words that keep their sense on the sports pages: not "kill the game early", not "a slaughter"."""
    return bool(_SPORTS_LETHAL.search(NOT_HARM.sub(" ", _SPORTS_ROUT.sub(" ", text))))


@lru_cache(maxsize=4096)
def _harm(text: str) -> tuple[str | None, bool, int]:
    """Main harm type in a passage, whether only veiled terms occur, and how many terms."""
    if TRADE.search(text):
        text = _TRADE_WORDS.sub(" ", text)
    text = NOT_HARM.sub(" ", text)
    types: dict[str, int] = {}
    veiled_only = True
    hits = 0
    for pattern, kind, veiled in _HARM:
        n = len(pattern.findall(text))
        if n:
            hits += n
            types[kind] = types.get(kind, 0) + n
            if not veiled:
                veiled_only = False
    if not types:
        return None, False, 0
    if "military" in types:
        extra = len(MILITARY_OBJECTS.findall(text))
        hits += extra
        types["military"] += extra
    # violence outranks the rest: harm to people is what the analyst needs first
    for kind in ("violence", "legal", "economic", "military"):
        if kind in types and (kind != "economic" or types[kind] >= max(types.values())):
            return kind, veiled_only, hits
    return max(types, key=types.__getitem__), veiled_only, hits


class ThreatExtractor:
    def __init__(
        self,
        doc: Doc,
        actors: ActorTable,
        finder: StatementFinder,
        date_of: Callable[[tuple[int, int]], str | None],
        default_date: str | None,
        attribution: AttributionRanker | None = None,
        detector: ThreatDetector | None = None,
    ) -> None:
        self.attribution = attribution
        self.detector = detector
        # every sentence the rules judged, and whether they took it: what the detector learns from
        self.judged: list[tuple[Statement, int, int, bool]] = []
        self._voiced: list[Statement] = []
        self.date_of = date_of
        self.default_date = default_date
        self.doc = doc
        self.text = text_of(doc)
        self.actors = actors
        self.finder = finder

    def extract(self, statements: list[Statement]) -> list[Threat]:
        # sports pages are full of "we will bury them": there only lethal words count
        self.sports = _sports_words(self.text) >= 4
        # (between fighters even killing words are the trade's talk)
        self.combat = self.sports and len(COMBAT_SPORT.findall(self.text.lower())) >= 4
        # film and fiction reviews: a villain's threats are the plot
        fiction_found = FICTION.findall(self.text.lower())
        fiction_words = len(fiction_found)
        # one word said again ("the episode" a militia took offence at) is no review; two kinds of them are
        self.fiction = fiction_words >= 2 and len(set(fiction_found)) >= 2
        # document-wide trade disputes "retaliate" and "respond" with tariffs, whatever one sentence says
        self.trade = len(TRADE.findall(self.text.lower())) >= 3
        self.labour = len(LABOUR.findall(self.text.lower())) >= 3
        self.violent = bool(VIOLENT_STORY.search(self.text.lower()))
        # (a story of threats to vaccinators is a violent story, not a health one)
        health_words = len(HEALTH.findall(self.text.lower()))
        self.health = health_words >= 5 and health_words >= 3 * len(VIOLENT_STORY.findall(self.text.lower()))
        # turns and quotes, for the "I" of what their speakers report ("He said I was going to hang")
        self._voiced = [st for st in statements if st.kind in ("turn", "quote") and st.speaker]
        candidates: list[Candidate] = []
        for stmt in statements:
            # a review retells a story: its threats are the plot's, in the paragraph that says so or
            # anywhere once the whole piece is plainly about a book, a film or a series
            if self.fiction and (fiction_words >= 4 or FICTION.search(self._paragraph(stmt.sentence).lower())):
                continue
            if stmt.kind == "reported":
                cand = self._reported(stmt)
                if cand:
                    candidates.append(cand)
            else:
                candidates.extend(self._quoted(stmt))
        candidates.extend(self._detected(candidates))
        if not self.fiction:
            candidates.extend(self._incitements(candidates))
        self._adopt_in_headline(candidates)
        self._sign_unattributed(candidates)
        self._unnamed_for_their_group(candidates)
        self._published_by(candidates)
        self._fill_targets(candidates)
        self._second_opinion(candidates)
        return self._group(candidates)

    def _second_opinion(self, candidates: list[Candidate]) -> None:
        """Let the learned ranker re-attribute each threat the rules found. The passages the rules took for one
        threat (a quote, the headline and the lead that report it) are decided together and stay together."""
        if self.attribution is None:
            return
        together: dict[tuple[str | None, str | None], list[Candidate]] = {}
        for c in candidates:
            together.setdefault((c.speaker, c.target), []).append(c)
        for (speaker, target), members in together.items():
            if speaker is None and target is None:
                continue  # whether a passage is a threat at all stays the rules' call (see `_group`)
            unnamed = speaker is None and any(_said_unnamed(c) or c.unnamed for c in members)
            # the passages the rules took decide; a sentence only the detector took joins their decision
            basis = [c for c in members if c.cue != "learned"] or list(members)
            chosen = speaker if unnamed else self.attribution.choose(basis, "speaker")
            if chosen != speaker:
                for c in members:
                    c.speaker = chosen
                    c.speaker_mention = self._nearest_mention(chosen, c.span) if chosen else None
            if target is None and all(c.form == "veiled" for c in members):
                continue  # a veiled threat said to no one the text names is dropped as a figure of speech
            chosen = self.attribution.choose(basis, "target")
            if chosen != target:
                for c in members:
                    c.target = chosen
                    c.target_mention = self._nearest_mention(chosen, c.span) if chosen else None

    def _nearest_mention(self, lid: str, span: tuple[int, int]) -> tuple[int, int] | None:
        mentions = self.actors.get(lid).mentions
        if not mentions:
            return None
        near = min(
            mentions,
            key=lambda m: 0 if span[0] <= m.start < span[1] else min(abs(m.start - span[0]), abs(m.end - span[1])),
        )
        return (near.start, near.end)

    def _signer(self) -> str | None:
        """The one name letters, leaflets or messages in the document are signed with, as an actor."""
        signers: set[str] = set()
        for match in SIGNED.finditer(self.text):
            name_start, name_end = match.span("name")
            span = self.doc.char_span(name_start, name_end, alignment_mode="expand")
            if span is None:
                continue
            named = next((lid for s, e, lid in self.actors.mention_tokens if s <= span.start < e), None)
            if named is None:
                existing = next((a for a in self.actors.actors if a.name == span.text), None)
                named = (existing or self.actors.add_actor(span.text, "ORG", span)).local_id
            if self.actors.get(named).type in ("ORG", "PERSON"):
                signers.add(named)
        return signers.pop() if len(signers) == 1 else None

    def _sign_unattributed(self, candidates: list[Candidate]) -> None:
        """ "a letter signed 'NSU 2.0' ... One message read: '...'": the quotes no one is said to speak
        in a document about signed letters or leaflets are the signer's."""
        unattributed = [
            c
            for c in candidates
            if c.speaker is None
            and not _said_unnamed(c)
            # "Leaflets threatening Buddhist teachers were found": what the signed paper itself threatens
            and (c.cue == "quote" or (c.statement.kind == "reported" and _SIGNED_PAPERS.search(self._sentence_of(c))))
        ]
        if not unattributed:
            return
        signer = self._signer()
        if signer is None:
            return
        for c in unattributed:
            c.speaker = signer
            if c.target == signer:
                c.target, c.target_mention = None, None

    def _sentence_of(self, c: Candidate) -> str:
        start, end = c.statement.sentence
        return self.text[start:end] if end > start else self.text[c.span[0] : c.span[1]]

    def _unnamed_for_their_group(self, candidates: list[Candidate]) -> None:
        """ "Four hooded men in front of a Los Lobos banner. One of them reads a statement: ...": an unnamed
        man of an armed group speaks for the group the passage just named."""
        for c in candidates:
            if c.speaker is not None or c.cue not in ("quote", "threaten", "threat", "warn", "say"):
                continue
            sent_start = c.statement.sentence[0] or c.span[0]
            para_start = self.text.rfind("\n", 0, sent_start) + 1
            intro = self.text[para_start : c.statement.start]
            # (or inside the quote: '"An officer who did not give his name told me: \'Stop writing ...\'"')
            nested = self._nested_account(c.statement, c.span[0])
            told_inside = self.text[max(para_start, c.statement.start) : nested[1] if nested else c.span[0]]
            if not UNNAMED_MEN.search(intro) and not UNNAMED_MEN.search(told_inside):
                continue
            window_start = self.text.rfind("\n\n", 0, max(0, para_start - 2)) + 1
            # "an audio recording attributed to X ... In it, a man's voice says": X
            owners = [
                lid
                for s, _, lid in self.actors.mention_tokens
                if window_start <= self.doc[s].idx < c.statement.start
                and ATTRIBUTED_TO.search(self.text[max(window_start, self.doc[s].idx - 30) : self.doc[s].idx])
                and self.actors.get(lid).type in ("PERSON", "ORG")
            ]
            # else the armed group named last in this paragraph or the one before it (searched in the text:
            # the tagger does not always mark "the Los Lobos gang")
            window = self.text[window_start : c.statement.start]
            named_at: list[tuple[int, str]] = []
            for actor in self.actors.actors:
                if actor.type not in ("ORG", "GPE", "GROUP"):
                    continue
                armed = self._armed(ActorRef(local_id=actor.local_id))
                for form in actor.surface_forms():
                    for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", window):
                        after = window[m.end() :].split(None, 1)[:1]
                        if armed or (after and after[0].lower().strip(".,;:") in _ARMED_HEADS):
                            named_at.append((m.start(), actor.local_id))
            groups = [lid for _, lid in sorted(named_at)]
            found = owners or groups
            if found and found[-1] != c.target:
                c.speaker = found[-1]

    def _published_by(self, candidates: list[Candidate]) -> None:
        """A quote reproduced from a video, a statement or a leaflet that the text introduced before: "a video
        posted by a commander who calls himself X ... The translation reads: '...'", "JNIM announced a blockade in
        an audio statement ... [Statement] '...'", "pamphlets bearing the name of the TTP ... '...,' read a
        translation": its words are the publisher's."""
        for c in candidates:
            if c.speaker is not None or c.cue != "quote" or self._said_by_someone(c.statement) or _said_unnamed(c):
                continue
            para_start = self.text.rfind("\n", 0, c.statement.start) + 1
            window_start = para_start
            for _ in range(3):  # this paragraph and up to three before it
                window_start = self.text.rfind("\n\n", 0, max(0, window_start - 2)) + 1
            publisher = self._publisher_before(window_start, c.statement.start)
            if publisher is not None and publisher != c.target:
                c.speaker = publisher

    def _said_by_someone(self, stmt: Statement) -> bool:
        """'"...," said one': the sentence gives the quote a speaker, if one the text does not name."""
        sentence = self.doc.char_span(*stmt.sentence, alignment_mode="expand") if stmt.sentence[1] else None
        intro = self.text[: stmt.start].rstrip(" \n\"“‘'")
        if intro.endswith(":"):
            # "X, the director of enforcement, said:" and the quote in the next paragraph
            before_colon = self.finder.token_at(len(intro) - 1)
            sentence = before_colon.sent if before_colon is not None else sentence
        if sentence is None:
            return False
        for t in sentence:
            if self.finder.in_quote(t.i) or t.lemma_.lower() not in SPEECH_VERBS:
                continue
            for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")):
                if subj.lemma_.lower() in STATEMENT_NOUNS | _READ_OUT:
                    continue  # "Our translation of the passage reads:": the words are still their author's
                words = " ".join(w.lower_ for w in subj.subtree)
                # "One of them reads a statement": the masked men speak for their group, whoever reads
                if not re.search(r"\b(them|men|gunm[ae]n|fighters?|militants?|voice|masked|hooded)\b", words):
                    return True
        return False

    def _publisher_before(self, start: int, end: int) -> str | None:
        window = self.doc.char_span(start, end, alignment_mode="contract")
        if window is None:
            return None
        for tok in reversed(window):
            lemma = tok.lemma_.lower()
            if self.finder.in_quote(tok.i):
                continue
            candidates: list[Token] = []
            if lemma in _PUBLISHING_VERBS and tok.pos_ == "VERB":
                candidates += [c for c in tok.children if c.dep_ in ("nsubj", "agent")]
                candidates += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            elif (lemma == "name" and tok.head.lemma_.lower() in ("bear", "carry", "sign", "use")) or lemma in (
                "letterhead",
                "logo",
                "emblem",
                "seal",
                "stamp",
            ):
                # "pamphlets bearing the name of the TTP", "printed on the letterhead of X"
                candidates += [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            for cand in candidates:
                if cand.lower_ in ("we", "i", "it", "they", "this", "that"):
                    continue
                resolved = self.finder.resolve_np(cand, cand.idx)
                if resolved is None:
                    continue
                actor = self.actors.get(resolved[0])
                if actor.type in ("PERSON", "ORG") and not NEWS_OUTLET.search(actor.name):
                    return actor.local_id
        return None

    def _paragraph(self, chars: tuple[int, int]) -> str:
        start = self.text.rfind("\n\n", 0, chars[0]) + 1
        end = self.text.find("\n\n", chars[1])
        return self.text[start : end if end >= 0 else len(self.text)]

    def _incitements(self, found: list[Candidate]) -> list[Candidate]:
        """Marking someone for death needs no reporting verb: "the cleric issued a fatwa calling for
        the death of X", "the gang put a bounty on the head of Judge Y"."""
        out: list[Candidate] = []
        for sent in self.doc.sents:
            low = self.text[sent.start_char : sent.end_char].lower()
            match = INCITEMENT.search(low)
            if match is None or self.finder.in_quote(sent.root.i) or REJECT.search(low):
                continue
            if any(c.span[0] < sent.end_char and sent.start_char < c.span[1] for c in found):
                continue  # already read as a statement
            subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            resolved = self.finder.resolve_np(subject, subject.idx) if subject is not None else None
            if resolved is None:
                continue
            speaker = resolved[0]
            at = sent.start_char + match.start()
            target = next(
                (
                    (lid, (self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])))
                    for s, e, lid in self.actors.mention_tokens
                    if self.doc[s].idx >= at
                    and self.doc[s].idx < sent.end_char
                    and lid != speaker
                    and self.actors.get(lid).type in ("PERSON", "ORG")
                ),
                None,
            )
            if target is None:
                continue
            stmt = Statement(
                kind="reported",
                start=sent.start_char,
                end=sent.end_char,
                speaker=speaker,
                speaker_mention=resolved[1],
                cue="incite",
                sentence=(sent.start_char, sent.end_char),
            )
            span = (sent.start_char, len(self.text[: sent.end_char].rstrip()))
            out.append(Candidate(stmt, span, speaker, target[0], target[1], "violence", "direct", 0.8, True, "incite"))
        return out

    def _headline_end(self) -> int:
        """Where a headline ends: the first line, when it is short and more text follows."""
        stripped = self.text.lstrip()
        offset = len(self.text) - len(stripped)
        line_end = stripped.find("\n")
        if line_end <= 0 or line_end > 220 or not stripped[line_end:].strip():
            return -1
        return offset + line_end

    def _adopt_in_headline(self, candidates: list[Candidate]) -> None:
        """A headline names the threat in shorthand ("Gang leader threatens PM", "Masked group threatens
        Serbs"); who makes it is the speaker the story itself attributes the threat to."""
        end = self._headline_end()
        if end < 0:
            return
        headline = [c for c in candidates if c.span[1] <= end]
        body = [c for c in candidates if c.span[0] > end and c.speaker is not None and c.strong]
        for h in headline:
            speaker_type = self.actors.get(h.speaker).type if h.speaker else None
            mention = h.statement.speaker_mention
            if speaker_type in ("PERSON", "ORG", "GPE") and mention is not None and mention[1] <= end:
                continue  # the headline names who threatens: "TTP warns party rallies are targets"
            speakers = Counter(b.speaker for b in body)
            if h.target in speakers:
                h.target, h.target_mention = None, None  # the one who threatens is not his own target
            same_target = [b for b in body if h.target is not None and b.target == h.target]
            main, count = speakers.most_common(1)[0] if speakers else (None, 0)
            if same_target:
                pick = same_target[0]
            elif main is not None and count * 2 > len(body):
                pick = next(b for b in body if b.speaker == main)
            else:
                continue
            h.speaker = pick.speaker
            if h.target is None or self.actors.get(h.target).type == "GPE":
                h.target, h.target_mention = pick.target, pick.target_mention

    # ---------------------------------------------------------------- quotes and turns
    def _quoted(self, stmt: Statement) -> list[Candidate]:
        out: list[Candidate] = []
        # judge a long quote sentence by sentence: the evidence is the threatening sentence
        if TITLE_CASE.fullmatch(self.text[stmt.start : stmt.end].strip(" ,.'\"‘’“”")):
            return out  # 'Shoot Your Shot', "Kill Bill": the title of a song, a film, a show
        for start, end in self._sentences(stmt.start, stmt.end):
            if any(h_start < end and start < h_end for h_start, h_end in stmt.holes):
                continue  # another's words the speaker repeats: judged as the quote they are
            taken = len(out)
            self._judge_sentence(stmt, start, end, out)
            self.judged.append((stmt, start, end, len(out) > taken))
        return out

    def _detected(self, taken_by_rules: list[Candidate]) -> list[Candidate]:
        """The sentences the rules turned down that the learned detector takes for threats, scored in one batch;
        not a sentence the rules took in another statement (a quote inside a turn), whose reading stands."""
        if self.detector is None or self.sports:
            return []
        taken = [c.span for c in taken_by_rules]
        rejected = [
            (stmt, start, end)
            for stmt, start, end, was_taken in self.judged
            if not was_taken and not any(s < end and start < e for s, e in taken)
        ]
        if not rejected:
            return []
        rows = [self.sentence_features(stmt, start, end) for stmt, start, end in rejected]
        found = []
        for (stmt, start, end), probability in zip(rejected, self.detector.probabilities(rows), strict=True):
            # the state's promise of justice stays rejected: the detector learned little of it
            if probability >= self.detector.threshold and not self._firmly_rejected(stmt, start, end):
                found.append(self._detected_candidate(stmt, start, end, probability))
        return found

    def _accuses_the_other_side(self, start: int, end: int, low: str) -> bool:
        """ "You want to kill the independence of the courts": what another side is accused of wanting, said without
        a "we" or "I" of the speaker's own (read before metaphors are blanked: the killing is of a thing)."""
        return bool(ACCUSED_INTENT.search(self.text[start:end].lower())) and not re.search(r"\b(we|i|us|our|my)\b", low)

    def _from_no_one_named(self, speaker: str | None, start: int) -> bool:
        """Whether a sentence with no speaker found tells what someone never named said ("One of them told me ...")."""
        return speaker is None and bool(_UNNAMED_TELLER.match(self.text, start))

    def _firmly_rejected(self, stmt: Statement, start: int, end: int) -> bool:
        """What the rules turn down for a reason the learned detector saw too little of to overrule: the state's
        promise of justice, the police's pursuit, past deeds and what would have been, violence disowned."""
        low = self._literal_text(start, end)
        if _STATE_JUSTICE.search(low) or self._police_pursuit(stmt, low):
            return True
        if self._accuses_the_other_side(start, end, low):
            return True
        if stmt.kind == "quote" and _QUOTED_AS_PHRASE.search(self.text[max(0, stmt.start - 40) : stmt.start]):
            return True
        done = PAST_ACCUSATION.search(low) or COUNTERFACTUAL.search(low)
        if done and not FUTURE.search(low):
            return True
        if self._inert_past(start, end, low):
            return True
        return bool(VIOLENCE_DISOWNED.match(self.text[end : min(stmt.end, end + 120)]))

    def _harm_done(self, start: int, end: int, low: str, hits: int) -> bool:
        """Whether every harm the sentence names is told as done, in the past tense, with nothing to come and no
        condition: an accusation or a report, not a threat."""
        if FUTURE.search(low) or CONDITIONAL.search(low) or re.search(r"\b(next|again)\b", low):
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        verbs = [t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in _HARM_VERBS]
        past = [
            t
            for t in verbs
            if t.tag_ == "VBD" or (t.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in t.children))
        ]
        return bool(verbs) and len(past) == len(verbs) and hits <= len(past)

    def _inert_past(self, start: int, end: int, low: str) -> bool:
        """ "He went to the memorial every July until his knees would not let him": a memory told in the past
        tense, with no harm named, no one addressed, no condition and nothing to come, threatens no one."""
        if _harm(low)[0] or _harm(self.text[start:end].lower())[0]:
            return False
        if FUTURE.search(low) or CONDITIONAL.search(low) or re.search(r"\b(you|your|yours|yourself)\b", low):
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        roots = [t for t in span if t.dep_ == "ROOT"] if span is not None else []
        return bool(roots) and all(t.tag_ == "VBD" for t in roots)

    def _police_pursuit(self, stmt: Statement, low: str) -> bool:
        """ "To the people running these scams: we will hunt you down ... we will find you", a detective or a police
        force says: the police's pursuit of criminals, unless it speaks of killing."""
        if LETHAL.search(low) or not PURSUIT.search(low):
            return False
        if _PURSUIT_TO_COURT.search(low):
            return True
        if stmt.speaker is not None:
            return self._police(stmt.speaker)
        # "Detectives ... have issued a blunt message to whoever killed him: 'We will find you.'"
        para = self.text.rfind("\n", 0, stmt.start) + 1
        return bool(_POLICE_SPEAK.search(self.text[max(para, stmt.start - 250) : stmt.start]))

    def _police(self, speaker: str) -> bool:
        actor = self.actors.get(speaker)
        titles = {t.lower().rstrip(".") for t in actor.titles}
        # a rank the tagger left in the name: "Det Supt Ruddock"
        words = [w.lower().rstrip(".") for w in actor.name.split()]
        titles |= {" ".join(words[:n]) for n in (1, 2, 3) if len(words) > n}
        if any(re.search(r"\bpolice\b", t) for t in titles):
            return True  # "Police Minister X", "police spokesman X"
        before_names = (self.text[max(0, m.start - 30) : m.start] for m in actor.mentions)
        if any(re.search(r"\bpolice (\w+ ){0,2}$", words, re.I) for words in before_names):
            return True  # "South Africa's Police Minister Sipho X": the words just before his name

        if any(_POLICE_FORCE.search(self.actors.get(a).name) for a in actor.affiliations):
            return True  # a person the text puts in a police force
        return bool(titles & _POLICE_TITLES) or (actor.type == "ORG" and bool(_POLICE_FORCE.search(actor.name)))

    def _detected_candidate(self, stmt: Statement, start: int, end: int, probability: float) -> Candidate:
        low = self._literal_text(start, end)
        kind = _harm(low)[0] or _harm(self.text[start:end].lower())[0] or "violence"
        form = "conditional" if CONDITIONAL.search(low) else "veiled"
        nested = self._nested_account(stmt, start)
        if RECEIVED.search(low) or nested is not None:
            # '"He said: 'Turkey will not protect you forever,'" Davlatov told reporters': the threat the speaker
            # received, made by whoever told it to him (as the rules read it)
            teller = self._teller(stmt, *(nested or (start, end)))
            target, mention = self._received_by(stmt, start, end)
            cand = Candidate(stmt, (start, end), teller, target, mention, kind, form, probability, True, "learned")
            cand.unnamed = self._from_no_one_named(teller, start)
            return cand
        speaker = self._reporting_within(stmt, start, end)
        target, mention = self._target_in_passage(stmt, start, end)
        if target is not None and target == speaker:
            target, mention = None, None
        cand = Candidate(stmt, (start, end), speaker, target, mention, kind, form, probability, True, "learned")
        cand.unnamed = self._from_no_one_named(speaker, start)
        return cand

    def sentence_features(self, stmt: Statement, start: int, end: int) -> dict[str, float]:
        """What the detector reads of one sentence: the rules' signals, the narrator's words around it and
        its hashed lemmas."""
        low = self._literal_text(start, end)
        raw = self.text[start:end].lower()
        kind, veiled, hits = _harm(low)
        soft = _harm(SOFT_HARM.sub(" ", low))[0] is None and kind is not None
        words = re.findall(r"[a-z']+", raw)
        paragraph = self._paragraph(stmt.sentence).lower()
        outside = paragraph.replace(raw, " ")
        feats: dict[str, float] = {
            f"harm_{kind or 'none'}": 1.0,
            "veiled": float(veiled),
            "hits": float(hits),
            "soft_only": float(soft),
            "harm_raw": float(_harm(raw)[0] is not None),
            "words": float(len(words)),
            "you": float(sum(w in ("you", "your", "yours", "yourself") for w in words)),
            "we": float(sum(w in ("we", "our", "us", "ours") for w in words)),
            "i": float(sum(w in ("i", "me", "my") for w in words)),
            "they": float(sum(w in ("they", "them", "their", "he", "him", "his", "she", "her") for w in words)),
            "speaker_known": float(stmt.speaker is not None),
            "speaker_armed": float(self._armed(ActorRef(local_id=stmt.speaker, mention=None)) if stmt.speaker else 0.0),
            f"kind_{stmt.kind}": 1.0,
            "violent_story": float(self.violent),
            "trade_story": float(self.trade),
            "labour_story": float(self.labour),
            "fiction_story": float(self.fiction),
            "threat_words_around": float(len(_THREAT_WORDS.findall(outside))),
            "threat_words_in": float(len(_THREAT_WORDS.findall(raw))),
            "violent_words_around": float(len(VIOLENT_STORY.findall(outside))),
            "agentive": float(self._agentive(stmt, start, end, low)),
        }
        for name, pattern in _SIGNALS.items():
            feats[name] = float(bool(pattern.search(low)))
        span = self.doc.char_span(start, end, alignment_mode="expand")
        lemmas = [t.lemma_.lower() for t in span if not t.is_punct and not t.is_space] if span is not None else []
        feats.update(lemma_features(lemmas))
        return feats

    def _judge_sentence(self, stmt: Statement, start: int, end: int, out: list[Candidate]) -> None:
        """The rules' verdict on one sentence of a statement: a candidate appended to `out`, or nothing."""
        low = self._literal_text(start, end)
        kind, veiled, hits = self._judge(low, stmt.speaker)
        if kind == "economic" and not (FUTURE.search(low) and re.search(r"\b(we|i)\b", low)):
            return  # "sanctions only work if we are united": talk about sanctions, not a threat
        if (self.sports or SPORTS_SENTENCE.search(low)) and (self.combat or not _lethal_in_sport(low)):
            return
        if self.health and _AGAINST_DISEASE.search(low):
            return  # "We shall hunt it in every house and every swamp": a campaign against a disease
        if kind is None or REJECT.search(low) or NON_HARM_THREATS.search(low) or TALK_ABOUT_THREATS.search(low):
            return
        if self._police_pursuit(stmt, low):
            return
        if stmt.kind == "quote" and _QUOTED_AS_PHRASE.search(self.text[max(0, stmt.start - 40) : stmt.start]):
            return  # 'The phrase "we know where you sleep" is more specific than ...': words discussed, not said
        done = PAST_ACCUSATION.search(low) or COUNTERFACTUAL.search(low)
        if done and not FUTURE.search(low):
            # "And you shot him anyway", a judge passing sentence; "if people like him stayed at home, the people
            # with guns would have won": what was done, or what would have been
            return
        if VIOLENCE_DISOWNED.match(self.text[end : min(stmt.end, end + 120)]):
            return  # '"We are going to bury them. Not with cutlasses, not with thugs, with ballot papers"'
        if not veiled and self._harm_done(start, end, low, hits):
            return  # "The people of Solino say your men killed eleven people in May": what was done
        if veiled and ELECTORAL_SEQUEL.search(self.text[end : min(stmt.end, end + 200)]):
            return  # "Your days are numbered. ... The people will send you home"
        if self._accuses_the_other_side(start, end, low):
            return  # "You want to kill the independence of the courts": what the other side is accused of wanting
        nested = self._nested_account(stmt, start)
        if RECEIVED.search(low) or nested is not None:
            # "They told me they would kill my children": a threat the speaker received, made by
            # whoever the telling verb's subject names ("He pointed at me and said: '...'"); in
            # "He told me, 'You have until the harvest. After that we come at night ...'" the telling verb is
            # in a sentence before
            teller_at = nested or (start, end)
            target, mention = self._received_by(stmt, start, end)
            teller = self._teller(stmt, *teller_at)
            form = "conditional" if CONDITIONAL.search(low) else "direct"
            cand = Candidate(stmt, (start, end), teller, target, mention, kind, form, 0.7, True, "quote")
            cand.unnamed = self._from_no_one_named(teller, start)
            out.append(cand)
            return
        if (
            DEFIANCE.search(low)
            and not re.search(r"\bwill(?! not| never)|\bwould(?! not| never)|\bif\b", low)
            and not NEGATED_FATE.search(low)
        ):
            return  # "we will not be intimidated": refusal, not a threat
        if PAST_CLAIM.search(low) and not FUTURE.search(low):
            return
        # the speaker's voice runs through the whole quote: "we", "you" may sit in another sentence of it
        if not self._agentive(stmt, start, end, low) and not self._agentive(
            stmt, stmt.start, stmt.end, self.text[stmt.start : stmt.end].lower()
        ):
            return
        if not FUTURE.search(low) and PAST_TIME.search(low):
            return  # "your supporters burned their cane last week": an accusation about the past
        if (
            not INTENT.search(low)
            and not re.search(r"\b(you|your)\b", low)
            and not FATE_IDIOM.search(low)
            and not LYNCH_CALL.search(low)
            and not NEGATED_FATE.search(low)
        ):
            return
        # ("you can go back with them in a box" is harm the one addressed will suffer, not a saying)
        saying = GENERIC_YOU.search(low) and not _SUFFERING.search(low)
        if saying and not FUTURE.search(low) and not CONDITIONAL.search(low):
            return  # "you can't fight a war without soldiers": a saying, addressed to no one
        if kind == "military" and hits < 2 and not CONDITIONAL.search(low):
            return
        form = "conditional" if CONDITIONAL.search(low) else ("veiled" if veiled else "direct")
        # (also a quoted fragment inside the account: 'the men told her that "el comandante Flaco" had ordered her
        # to stop broadcasting, "or the next thing you broadcast will be your own funeral"')
        fragment = stmt.kind == "quote" and self.text[stmt.sentence[0] : stmt.start].strip(" \"“") != ""
        agent = self._agent_of_account(stmt, *stmt.sentence) if fragment else None
        if stmt.kind == "indirect":
            agent = self._agent_of_account(stmt, start, end)
        if agent is not None:
            # "a commander of a FARC faction gave her 24 hours to leave town or be killed, she told reporters":
            # the one who did it to her made the threat, and she received it
            score = min(0.95, 0.65 + 0.1 * hits)
            teller = stmt.speaker_mention
            out.append(Candidate(stmt, (start, end), agent, stmt.speaker, teller, kind, form, score, True, "quote"))
            return
        speaker = self._reporting_within(stmt, start, end)
        if speaker != stmt.speaker:
            # a threat the turn reports: whom it is aimed at is in its own sentence
            inner = replace(stmt, start=start, end=end, speaker=speaker, addressee=None, addressee_mention=None)
            told = self.doc.char_span(start, end, alignment_mode="expand")
            if told is not None:
                self.finder._set_addressee(inner, told.root)  # "He tells the foreign workers that ..."
            target, mention = self._target_in_passage(inner, start, end)
            if stmt.speaker and self._told_to_teller(stmt, start, end, strict=target not in (None, speaker)):
                # '"He said that if I did not end the sit-in, I would be killed," the teacher said': the teller
                target, mention = stmt.speaker, stmt.speaker_mention
        else:
            target, mention = self._target_in_passage(stmt, start, end)
        if stmt.kind == "indirect" and re.search(r"\b(i|me|my)\b", low):
            # "[CORDOVA]: ... He said I was going to hang.": the "I" is whoever speaks the turn around it
            teller = next((v for v in self._voiced if v.start <= start and end <= v.end + 1), None)
            told = teller is not None and self._told_to_teller(teller, start, end, strict=True)
            if teller is not None and teller.speaker != speaker and told:
                target, mention = teller.speaker, teller.speaker_mention
        if target is not None and target == speaker:
            target, mention = None, None
        score = min(0.95, 0.55 + 0.1 * hits + (0.1 if target else 0))
        # a threat the quote reports ("He said that ...," the teacher said) names its maker elsewhere
        named = self._nearest_mention(speaker, (start, end)) if speaker and speaker != stmt.speaker else None
        cand = Candidate(
            stmt, (start, end), speaker, target, mention, kind, form, score, True, "quote", speaker_mention=named
        )
        cand.unnamed = self._from_no_one_named(speaker, start)
        out.append(cand)

    def _judge(self, low: str, speaker: str | None) -> tuple[str | None, bool, int]:
        """The harm a passage threatens, read in its document: a labour story's strikes stop work, and
        a price to pay is no threat of violence in a story that has none (unless an armed group says it)."""
        if self.labour:
            low = re.sub(r"\b(strikes?|striking|struck)\b", "stoppage", low)
        kind, veiled, hits = _harm(low)
        # in a story without violence, "if you target UK consumers" and "we will attack the problem" are
        # words of business and politics unless an armed group or a state says them
        hard = _harm(SOFT_HARM.sub(" ", _PARTIES_ROUTED.sub(" ", low)))[0] if kind is not None else None
        if kind is not None and not self.violent and hard in (None, "military"):
            ref = ActorRef(local_id=speaker, mention=None) if speaker else None
            actor = self.actors.get(speaker) if speaker else None
            # "Commander Yasir Talib: 'We will attack the governor's palace'": force from a man who has it
            commands = actor is not None and (
                actor.type == "GPE" or any(t.lower().rstrip(".") in _ARMED_TITLES for t in actor.titles)
            )
            if not self._armed(ref) and not (hard == "military" and commands):
                return None, False, 0
        return kind, veiled, hits

    def _received_by(self, stmt: Statement, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
        """Whom a threat the speaker tells of receiving is aimed at: the speaker, unless it came as a message to pass
        on ('"They said: tell her the commander knows where she sleeps ...," her brother said': she is)."""
        passed_on = _PASS_ON.search(self.text[start:end])
        if passed_on is not None:
            tok = self.finder.token_at(start + passed_on.start(1))
            if tok is not None:
                found = self.finder._antecedent(("PERSON",), tok.idx, exclude=stmt.speaker, pronoun=tok.lower_)
                if found is not None:
                    return found[0], (tok.idx, tok.idx + len(tok))
        return stmt.speaker, stmt.speaker_mention

    def _teller(self, stmt: Statement, start: int, end: int) -> str | None:
        """Who made a threat that the speaker tells of having received: the named or pronoun subject of
        the telling verb ("he said", "Marufu told me"), never the one telling it."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            return None
        telling = [t for t in sentence if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _TELLING_VERBS]
        for tok in telling:
            if any(other in tok.ancestors for other in telling):
                # "They told me that if Ali did not stand up and say he had left ...": a saying inside what was told
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "conj":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ == "they":
                # "calls from men who said they were al-Shabaab officials ... 'They told me, ...'"
                group = self._group_they_spoke_for(start)
                if group is not None:
                    return group
                continue
            if subj is None or subj.lower_ in ("i", "we", "you", "someone", "somebody"):
                continue
            if subj.lower_ == "it":
                # "It was stamped with the seal of X. It said that if I ...": the message's author or signer
                marked = self._authorship_mark(stmt.start, start)
                if marked is not None and marked != stmt.speaker:
                    return marked
                resolved = self.finder.resolve_np(subj, subj.idx, prefer="ORG")
                return resolved[0] if resolved is not None and resolved[0] != stmt.speaker else None
            lid = self.actors.at_token(subj.i)
            if lid is None and subj.lower_ in ("he", "she") and _NO_NAME_GIVEN.search(self.text[stmt.start : start]):
                return None  # '"The man did not say who he was. He said: ..."': whoever it was, he is not named
            if lid is None and subj.lower_ in ("he", "she"):
                # "Two weeks later a man called my mobile. ... He said he was 'a friend from the Guards'. He said:
                # '...'": the man stays unnamed, at most the side he claimed speaks
                unnamed = self.finder.unnamed_antecedent(subj)
                if unnamed is not None:
                    claimed = unnamed[0]
                    return claimed[0] if claimed is not None and claimed[0] != stmt.speaker else None
            if lid is None and subj.lower_ in ("he", "she") and subj.sent.start > 0:
                # '"A man called me. He said his name was X ... He told me that if I ...'": the quote named him
                earlier = self.finder.subject_earlier_in_quote(subj, self.doc[subj.sent.start - 1].sent)
                lid = earlier[0] if earlier is not None and earlier[0] != stmt.speaker else None
            if lid is None and subj.lower_ in ("he", "she"):
                # "The man he says made the threat is X": named after the account; else the person named last
                # before the account, other than its teller
                lid = self._named_after_as_threatener(stmt.end, stmt.speaker) or self._last_person_before(
                    stmt.start, stmt.speaker, pronoun=subj.lower_
                )
            if lid is None and (
                subj.lower_ in ("one", "man", "men", "caller", "callers", "gunmen")
                or subj.lemma_.lower() in STATEMENT_NOUNS
            ):
                # "one of the men told him ... Tembé told our researchers that the men named the boss as X"
                lid = self._named_after_as_threatener(start, stmt.speaker)
            if lid is not None and lid != stmt.speaker and self.actors.get(lid).type in ("PERSON", "ORG"):
                return lid
            return None
        # "They just called my campaign coordinator: ... The man said he was calling on behalf of Comandante Lobo"
        return self._named_after_as_threatener(start, stmt.speaker)

    def _authorship_mark(self, start: int, end: int) -> str | None:
        """The organisation whose seal, stamp, letterhead or logo the teller describes on a message, in or out of
        the quote: "it was stamped with the seal of the X, the western command"."""
        window = self.doc.char_span(start, end, alignment_mode="contract")
        for tok in reversed(window) if window is not None else ():
            if tok.lemma_.lower() not in ("seal", "stamp", "letterhead", "logo", "emblem", "signature"):
                continue
            for of in (c for c in tok.children if c.lower_ == "of"):
                for pobj in (g for g in of.children if g.dep_ == "pobj"):
                    lid = self.actors.at_token(pobj.i) or next(
                        (self.actors.at_token(t.i) for t in pobj.subtree if self.actors.at_token(t.i)), None
                    )
                    if lid is not None and self.actors.get(lid).type in ("ORG", "GROUP"):
                        return lid
        return None

    def _nested_account(self, stmt: Statement, start: int) -> tuple[int, int] | None:
        """Where, earlier in the same quote, a quote inside it opens that is still open at `start`: the
        victim's "He told me, 'You have until the harvest. After that ...'". None when there is none."""
        if stmt.kind not in ("quote", "turn") or start <= stmt.start:
            return None
        prefix = self.text[stmt.start : start]
        opened = None
        for m in _NESTED_INTRO.finditer(prefix):
            opened = m
        if opened is None:
            return None
        # a closing mark after it (not an apostrophe inside a word) ends the inner quote before this sentence
        if re.search(r"[’'](?![a-zA-Z])", prefix[opened.end() :]):
            return None
        return stmt.start + opened.start(), stmt.start + opened.end()

    def _group_they_spoke_for(self, before: int) -> str | None:
        """The group unnamed men said they were from, or the armed group named last, in the account's paragraph
        or the one before it."""
        para_start = self.text.rfind("\n", 0, before) + 1
        window_start = self.text.rfind("\n\n", 0, max(0, para_start - 2)) + 1
        window = self.text[window_start:before]
        claimed = list(
            re.finditer(
                r"\b(said|claimed|claiming|saying) (they|he) (were|was|are|is) (from |with |members of )?", window
            )
        )
        named: list[tuple[int, str]] = []
        for s, _e, lid in self.actors.mention_tokens:
            at = self.doc[s].idx
            if not window_start <= at < before or self.actors.get(lid).type not in ("ORG", "GROUP"):
                continue
            if any(0 <= at - window_start - m.end() <= 4 for m in claimed):
                return lid
            if self._armed(ActorRef(local_id=lid)):
                named.append((at, lid))
        return named[-1][1] if named else None

    def _reporting_within(self, stmt: Statement, start: int, end: int) -> str | None:
        """Who makes the threat a turn or quote reports: 'MAYOR: The same men said that any woman ...
        would be whipped' is the men's threat, told by the mayor."""
        if stmt.kind not in ("turn", "quote"):
            return stmt.speaker
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            return stmt.speaker
        root = self._quoted_root(stmt, sentence)
        # "He tells the foreign workers, and I am paraphrasing, that they have until ...": the clause told may
        # hang lower in the parse
        told = any(
            t.dep_ == "ccomp"
            or (t.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children))
            for t in root.subtree
        )
        if root.lemma_.lower() not in SPEECH_VERBS or not told:
            return stmt.speaker
        if any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in root.children):
            return stmt.speaker  # "she should ask what happened to the ones before her": advice, not a report
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in ("i", "we"):
            return stmt.speaker
        if subject.dep_ == "nsubjpass" and subject.lower_ not in ("it", "this"):
            # "your name is written on our list", "X and the informants are declared a military objective", "you
            # were told": what is written, declared or told to, not who reports it
            return stmt.speaker
        owner = next((c for c in subject.children if c.dep_ == "poss" and self.actors.at_token(c.i)), None)
        if owner is not None:
            return self.actors.at_token(owner.i)  # "Hamadou Sangare's fighters said": his side speaks
        if subject.lower_ in ("he", "she") and stmt.start <= subject.idx < stmt.end:
            # '"It was Hajji Karrar himself. ... He said that ...," the teacher said': the man the quote named
            named = self._last_person_before(
                subject.idx, stmt.speaker, outside_quotes=False, since=stmt.start, pronoun=subject.lower_
            )
            if named is not None:
                return named
        resolved = self.finder.resolve_np(subject, subject.idx, exclude=stmt.speaker)
        return resolved[0] if resolved else None

    def _quoted_root(self, stmt: Statement, sentence: SpacySpan) -> Token:
        """The top verb of the sentence's quoted words. In '"He said that if I did not end the sit-in, I would be
        killed," al-Hilfi said' the sentence's root is the outer "said"; what the quote reports hangs from the
        first "said"."""
        root = sentence.root
        if stmt.start <= root.idx < stmt.end:
            return root
        inside = [t for t in sentence if stmt.start <= t.idx < stmt.end]
        return next((t for t in inside if t.pos_ in ("VERB", "AUX") and not stmt.start <= t.head.idx < stmt.end), root)

    def _told_to_teller(self, stmt: Statement, start: int, end: int, strict: bool = False) -> bool:
        """Whether the clause a quote reports is about its teller: "He said that if I did not end the sit-in, I
        would be killed" (not "He tells the workers, and I am paraphrasing, that they ..."). `strict`: the teller
        is the subject of the clause told ("He said I was going to hang"), or the teller tells another's words to
        "you" ("And then he said we know where you park"), enough to overrule another name."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            return False
        root = self._quoted_root(stmt, sentence)
        clauses = [c for c in root.children if c.dep_ == "ccomp"]
        if strict:
            # "And then he said we know where you park": his words to the teller, "you" is her
            third = any(c.dep_ == "nsubj" and c.lower_ in ("he", "she", "they") for c in root.children)
            return any(
                (t.lower_ == "i" and t.dep_ in ("nsubj", "nsubjpass") and t.head.i == c.i)
                or (third and t.lower_ in ("you", "your"))
                for c in clauses
                for t in c.subtree
            )
        told = [t for c in clauses for t in c.subtree]
        return any(t.lower_ in ("i", "me", "my") and t.pos_ == "PRON" for t in told)

    def _literal_text(self, start: int, end: int) -> str:
        """Lower-cased text with harm verbs used as metaphors blanked: "kill the bill", "hit exports"."""
        chars = list(self.text[start:end].lower())
        span = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in span if span is not None else []:
            if tok.lower_ in ("war", "wars", "crusade") and tok.pos_ == "NOUN":
                # "declare war on the waiting lists", "a war on the mosquito": war on things is a campaign
                holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]  # "declare war on X": "on" hangs on the verb
                aimed = [
                    g
                    for h in holders
                    for c in h.children
                    if c.lower_ in ("on", "against")
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                if aimed and all(self._thing(g) for g in aimed):
                    for i in range(max(tok.idx, start), min(tok.idx + len(tok), end)):
                        chars[i - start] = " "
                continue
            # (a harm word the tagger read as a noun still harms what it takes as object: '"carpet-bomb" the media
            # markets')
            as_verb = tok.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in tok.children)
            if (tok.pos_ != "VERB" and not as_verb) or tok.lemma_.lower() not in _HARM_VERBS:
                continue
            objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            own_passive_subject = any(c.dep_ == "nsubjpass" for c in tok.children)
            if not subjects and not own_passive_subject and tok.dep_ in ("conj", "xcomp"):
                # "will kill X and punish Y" share the subject (not "... and she will be buried with it")
                subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
            if tok.dep_ == "relcl" and subjects and all(c.lower_ in ("that", "which") for c in subjects):
                subjects = [tok.head]  # "regulations that are strangling this state": the regulations do it
            # "job-killing regulations", "soul-crushing defeat": an adjective made of a harm word
            compound_adjective = tok.dep_ == "amod" and tok.i > 0 and self.doc[tok.i - 1].text in ("-", "‑")
            # "this budget will kill our libraries": a thing does the harm, no one threatens
            # (a commander, a gunman or a militia is no thing: "A commander ... threatened to kill a reporter")
            inanimate = bool(subjects) and all(
                c.pos_ == "NOUN"
                and not self.actors.at_token(c.i)
                and c.lemma_.lower() not in PEOPLE_NOUNS
                and c.lower_ not in PEOPLE_NOUNS
                and self._thing(c)
                for c in subjects
            )
            under = [c for c in tok.children if c.lower_ in ("under", "beneath")]
            if any(g.lower_ == "feet" for c in under for g in c.subtree):
                continue  # "the ground will burn under their feet": the idiom of a threat, not a thing's harm
            # "those who killed him have won": a past deed that picks people out, not harm to come
            past_deed = tok.dep_ == "relcl" and tok.tag_ == "VBD"
            # "we were slaughtered in the second half": the speaker's side suffered it
            suffered = (
                any(c.dep_ == "nsubjpass" and c.lower_ in ("we", "i") for c in tok.children)
                and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in tok.children)
                and not any(c.tag_ == "MD" for c in tok.children)
            )  # (not "I would be shot": a threat received)
            # "we are going to execute like a startup again": no one is executed
            intransitive = tok.lemma_.lower() in ("execute", "eliminate") and not objects and not any(
                c.dep_ == "nsubjpass" for c in tok.children
            )
            # "has to show they have killed off the factions": a practice ended, not people
            ended = any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children) and bool(objects) and all(
                not self.actors.at_token(o.i) and o.lemma_.lower() not in PEOPLE_NOUNS and o.pos_ == "NOUN"
                for o in objects
            )
            if past_deed or suffered or intransitive or ended or compound_adjective:
                for i in range(max(tok.idx, start), min(tok.idx + len(tok), end)):
                    chars[i - start] = " "
                continue
            if inanimate or (objects and all(self._thing(o) for o in objects)):
                for i in range(max(tok.idx, start), min(tok.idx + len(tok), end)):
                    chars[i - start] = " "
        literal = "".join(chars)
        return _TRADE_WORDS.sub(lambda m: " " * len(m.group()), literal) if self.trade else literal

    def _thing(self, tok: Token) -> bool:
        """A noun naming a thing, not people, a group, a place or a military target."""
        if tok.lower_ in ("us", "me"):
            return True  # "they will punish us": what the speaker fears, not what he threatens
        if tok.lower_ in ("it", "them") and any(
            t.lemma_.lower() in _BODY_PARTS for t in tok.sent if t.i < tok.i and t.pos_ == "NOUN"
        ):
            return False  # "Any hand that reaches out to these weapons, we will cut it off": the hand
        if tok.lower_ == "it" and tok.pos_ == "PRON":
            # "If the militia tries to return, we will strike it" (the group), not "If the Legislature sends me
            # that bill, I will kill it" (the bill): the last singular noun before it
            # (not a noun after a preposition: "if it comes back from the Senate ..., we are going to kill it")
            nouns = [
                t for t in tok.sent if t.i < tok.i and t.tag_ in ("NN", "NNP") and t.dep_ not in ("compound", "pobj")
            ]
            if nouns and (nouns[-1].lemma_.lower() in GROUP_NOUNS or self._names_a_body(nouns[-1])):
                return False
        if tok.lower_ in ("it", "this", "that", "them all") and tok.pos_ == "PRON":
            return True  # "if we can kill it, we will": a bill, a plan, a deal
        if tok.lower_ == "them" and tok.pos_ == "PRON":
            # "Every form, every permit ... - we are going to kill them off", "who kept their promises and who
            # killed them": the plural named before it in the sentence, when nobody is named between
            before = [t for t in tok.sent if t.i < tok.i]
            people = ("they", "those", "he", "she", "him", "her")
            if any(t.lower_ in people or self.actors.at_token(t.i) for t in before):
                return False
            nouns = [t for t in before if t.pos_ == "NOUN" and t.dep_ not in ("pobj", "compound", "poss")]
            plural = [t for t in nouns if t.tag_ == "NNS"] or nouns[-1:]
            return bool(plural) and all(self._thing(t) for t in nouns) and self._thing(plural[-1])
        if tok.pos_ == "PRON" or self.actors.at_token(tok.i) or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return False
        if tok.lemma_.lower() in _ABSTRACT_NOUNS or tok.lower_ in _ABSTRACT_NOUNS:
            return True
        if any(self.actors.at_token(t.i) for t in tok.subtree if t.dep_ != "poss" and t.head.i == tok.i):
            return False
        if tok.lower_ in ("one", "ones", "all", "each", "both", "some", "many", "few"):
            # "every one of them": whoever the "of" names; "two old ones" stands for the last thing named
            of = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if of:
                return all(self._thing(g) for g in of)
            if tok.lower_ == "ones":
                nouns = [t for t in tok.sent if t.i < tok.i and t.pos_ == "NOUN" and t.lower_ != "ones"]
                return bool(nouns) and self._thing(nouns[0])
            return False
        if tok.pos_ not in ("NOUN", "NUM") or tok.tag_ == "NNP":
            return False
        # "kill two old ones", "blow up a century of tradition", "kill the government's flagship bill":
        # a common noun that names no one, no place and no force is a thing, and harm to it a metaphor
        words = {tok.lemma_.lower(), tok.lower_}
        if words & (PEOPLE_NOUNS | GROUP_NOUNS | PERSON_NOUNS | _HARMABLE_NOUNS) or MILITARY_OBJECTS.search(tok.lower_):
            return False
        # (a word for people by its ending, on a stem of some length: "journalists", not "lists")
        ending = re.search(r"(er|or|ist|ian|ant|ent|ee|man|men|ers|ors|ists|ians|ants|ents|ees)$", tok.lower_)
        return not (ending and ending.start() >= 3)

    def _names_a_body(self, tok: Token) -> bool:
        """Whether a word names an organisation, a group of people or a state."""
        lid = self.actors.at_token(tok.i)
        return lid is not None and self.actors.get(lid).type in ("ORG", "GROUP", "GPE")

    def _non_agent_subject(self, verb: Token) -> bool:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("acl", "advcl", "xcomp", "conj"):
            subj = verb.head if verb.dep_ == "acl" else None
        if subj is None:
            return False
        words = {t.lower_ for t in subj.subtree} | {subj.lemma_.lower()}
        if words & _FORCES_OF_NATURE:
            return True
        if subj.pos_ != "NOUN" or self.actors.at_token(subj.i):
            return False
        if any(self.actors.at_token(t.i) for t in subj.subtree):
            return False
        # (a commander, a gunman, a militia threaten as people do: "A commander of an armed group threatened ...")
        return subj.lemma_.lower() not in PEOPLE_NOUNS and self._thing(subj)

    def _agentive(self, stmt: Statement, start: int, end: int, low: str) -> bool:
        if AGENT.search(low) or re.match(r"\W*(tell|let) \w+", low):
            return True  # "Tell Mayor Vega he will be next": the speaker sends the message
        if (FATE_IDIOM.search(low) or DECLARED_TARGET.search(low)) and re.search(r"\b(he|his|him|she|her)\b", low):
            return True  # "His days are numbered": the speaker marks a man, no "we" needed
        if NEGATED_FATE.search(low) and re.search(r"\b(they|them|their|he|she)\b", low):
            return True  # "As for the soldiers of the junta, they will not find rest in any camp"
        if DEADLINE.search(low) and _harm(low)[0]:
            return True  # "The judge has 48 hours to leave the province": an ultimatum, whoever sets it
        if re.search(r"\b(should|must|had better|ought to) (know|understand|remember)\b", low) and _harm(low)[0]:
            return True  # "The soldiers who occupy Kismayo should know that Kismayo will become their grave"
        if re.match(r"\W*if\b", low) and PASSIVE_HARM.search(low) and self._actor_in_condition(start, end):
            return True  # "If the Armenian side continues its provocations, its positions will be destroyed"
        if LYNCH_CALL.search(low):
            return True  # "Oduya and Marlowe should swing from the flagpole": a call to lynch named people
        if _PROMISED_RESPONSE.search(low):
            return True  # "Any misadventure will be met with a swift response": the force that answers speaks
        if ULTIMATUM.search(low) and _harm(low)[0] == "violence":
            return True  # '"... or their families will receive them in coffins"': an ultimatum's second half
        if (
            QUANTIFIED_VICTIM.search(low)
            and FUTURE.search(low)
            and (
                _SUFFERING.search(low)
                or PASSIVE_HARM.search(low)
                or EDICT_FATE.search(low)
                or _harm(low)[0] == "violence"
            )
        ):
            return True  # "Any school that opens will be burned": an edict, its authors unnamed in it
        if (
            self.violent
            and re.match(r"\W*if (you|your)\b", low)
            and re.search(r"\b(we|our|us)\b", low)
            and FUTURE.search(low)
            and _harm(low)[0] == "violence"
        ):
            return True  # "If your men come to our street again, the ground will burn under their feet"
        if stmt.kind == "indirect" and re.search(r"\b(he|she|they|it|his|her|their|its)\b", low):
            return True  # indirect speech shifts "we will" to "they would"
        if stmt.kind == "indirect" and re.search(r"\b(pay|suffer|regret|face)\b", low) and _harm(low)[1]:
            return True  # "X said Israel would pay a heavy price"
        if stmt.kind == "indirect" and _harm(low)[0] == "violence" and not _harm(low)[1]:
            return True  # "X told AFP that contractors will be considered targets"
        if stmt.speaker is None:
            return False
        own = {stmt.speaker, *self.actors.get(stmt.speaker).affiliations}
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(lid in own for _, _, lid in self.actors.in_tokens(span.start, span.end))

    def _actor_in_condition(self, start: int, end: int) -> bool:
        """Whether the "if" clause opening a sentence names a side ("If the Armenian side continues ..., its
        positions will be destroyed") or the person the harm then falls on ("If X does not apologise, she will be
        punished"); not "If the river keeps rising ..." nor "If the Fed raises rates, savers will be punished"."""
        comma = self.text.find(",", start, end)
        if comma < 0:
            return False
        span = self.doc.char_span(start, comma, alignment_mode="expand")
        if span is None:
            return False
        types = {self.actors.get(lid).type for _, _, lid in self.actors.in_tokens(span.start, span.end)}
        person_harmed = re.search(r"\b(he|she|they) (will|would|shall) be\b", self.text[comma:end].lower())
        return bool(types & {"GPE", "GROUP"}) or ("PERSON" in types and bool(person_harmed))

    def _sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return [(start, end)]
        parts = []
        for sent in span.sents:
            s = max(start, sent.start_char)
            e = min(end, sent.end_char)
            while e > s and self.text[e - 1] in ' \n\t"“”':
                e -= 1
            while s < e and self.text[s] in " \n\t":
                s += 1
            if e - s > 3:
                parts.append((s, e))
        return parts or [(start, end)]

    def _received_in_turn(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int] | None] | None:
        """ "MS. X: ... I received a voice note from a foreign number. ... He said: 'Sister, if you do not stop,
        ...'": words to "you" that the turn's speaker tells of receiving are aimed at her."""
        if stmt.kind != "quote" or not re.search(r"\b(you|your)\b", self.text[start:end], re.I):
            return None
        turn = next((t for t in self._voiced if t.kind == "turn" and (stmt.start, stmt.end) in t.holes), None)
        if turn is None or turn.speaker is None or turn.speaker == stmt.speaker:
            return None
        told = self.text[turn.start : stmt.start]
        last_hole = max((h_end for h_start, h_end in turn.holes if h_end <= stmt.start), default=turn.start)
        if not _RECEIVING.search(self.text[last_hole : stmt.start]) and not _RECEIVING.search(told[-400:]):
            return None
        return turn.speaker, turn.speaker_mention

    def _names_another(self, stmt: Statement, start: int, end: int, called: str | None) -> bool:
        """Whether the sentence names a person or a group other than the speaker, his own and the one called."""
        own = {stmt.speaker, called, *(self.actors.get(stmt.speaker).affiliations if stmt.speaker else ())}
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(
            lid not in own and self.actors.get(lid).type in ("PERSON", "ORG", "GROUP")
            for _s, _e, lid in self.actors.in_tokens(span.start, span.end)
        )

    def _target_in_passage(self, stmt: Statement, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
        received = self._received_in_turn(stmt, start, end)
        if received is not None:
            return received
        # "told mourners that American soldiers would go home in coffins": the audience is not the target,
        # unless the threat turns back to it ("told drug dealers he would kill them")
        addressee_name = self.actors.get(stmt.addressee).name.lower() if stmt.addressee else ""
        audience = (
            stmt.addressee is not None
            and self.actors.get(stmt.addressee).type == "GROUP"
            and (stmt.kind == "indirect" or (addressee_name.split()[-1:] and addressee_name.split()[-1] in _AUDIENCES))
            and not re.search(r"\b(them|you|your)\b", self.text[start:end], re.I)
        )
        called = (
            self._named_vocative(start, end)
            or self._called_by_first_name(stmt, start, end)
            or self._called_by_title(stmt, start, end)
            or self._vocative_before(stmt, start, end)
        )
        sentence_text = self.text[start:end]
        if called is not None and (
            re.search(r"\b(you|your|yours|yourself|yourselves)\b", sentence_text, re.I)
            or not self._names_another(stmt, start, end, called[0])
        ):
            # "Andrés, if you keep publishing ...": whom the words turn to, whoever was told; not "Kirill, ...
            # Bondarchuk and his deputies will hang in the square", words to the host about another man
            return called
        # "he told a subordinate: 'That councillor is going to get what's coming to her'": the one told is not
        # the one the words are about (in direct speech; reported speech turns "you" into "he")
        about_another = (
            stmt.kind in ("quote", "turn")
            and stmt.addressee is not None
            and self.actors.get(stmt.addressee).type in ("PERSON", "GPE")
            and not re.search(r"\b(you|your|yours|yourself|yourselves)\b", sentence_text, re.I)
            and bool(re.search(r"\b(he|him|his|she|her)\b", sentence_text, re.I))
        ) or (
            # "he told the clerk who answered: 'Tell her if she certifies that count, ...'": the one told carries
            # the message to the one it is about
            stmt.addressee is not None
            and bool(re.match(r"\W*tell (him|her|them)\b", sentence_text, re.I))
        )
        if stmt.addressee and stmt.addressee != stmt.speaker and not audience and not about_another:
            spoken_to = re.search(r"\b(you|your)\b", sentence_text, re.I)
            if self.actors.get(stmt.addressee).type == "GROUP" and not spoken_to:
                # '"We will bury the terrorists in the caves they dug," the general told soldiers': whom the harm
                # is aimed at, not the troops he spoke to
                aimed = self._aimed_group(stmt, start, end)
                if aimed is not None and aimed[0] != stmt.addressee:
                    return aimed
            return stmt.addressee, stmt.addressee_mention
        addressee = self._quoted_addressee(stmt, start, end)
        if addressee is not None and (
            re.search(r"\b(you|your|yours|yourself|yourselves)\b", sentence_text, re.I)
            or not self._names_another(stmt, start, end, addressee[0])
        ):
            return addressee
        span = self.doc.char_span(stmt.start, stmt.end, alignment_mode="expand")
        if span is None:
            return None, None
        sufferer = (
            self._pronoun_sufferer(stmt, start, end)
            or self._conditional_antecedent(stmt, start, end)
            or self._told_through_pronoun(stmt, start, end)
        )
        if sufferer is not None:
            return sufferer
        described = self._told_to_know(stmt, start, end) or self._described_group(stmt, start, end)
        if described is not None:
            return described
        speaker_orgs = set(self.actors.get(stmt.speaker).affiliations) if stmt.speaker else set()
        addressed = bool(ADDRESS.search(self.text[start:end]))
        best: tuple[tuple[float, ...], str, tuple[int, int]] | None = None
        for s, e, lid in self.actors.in_tokens(span.start, span.end):
            actor = self.actors.get(lid)
            if lid == stmt.speaker or lid in speaker_orgs or actor.type not in ("PERSON", "ORG", "GPE", "GROUP"):
                continue
            # the head of a list the name ends: "who sit in Warsaw and Vilnius", "the martyrs of Zap and Metina"
            # (every item of the list is where, or whose dead, the first one is)
            first = self.doc[e - 1]
            while first.dep_ == "conj" and first.head.i < first.i:
                first = first.head
            first_start = min(s, first.left_edge.i if first.i < s else s)
            before = " ".join(t.lower_ for t in self.doc[max(span.start, s - 4) : s])
            before_first = " ".join(
                t.lower_ for t in self.doc[max(span.start, first_start - 4) : first_start]
            )
            after = self.text[self.doc[e - 1].idx + len(self.doc[e - 1]) :][:30].lower()
            blessed = re.match(r"\W*(peace be upon|may god|pbuh|\(as\)|\(pbuh\))", after)
            if VICTIM_CONTEXT.search(before) or VICTIM_CONTEXT.search(before_first) or blessed:
                continue  # "the blood of X", "martyr X": the dead are not threatened
            chars = (self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1]))
            if (
                actor.type == "GPE"
                and self.doc[e - 1].dep_ == "compound"
                and self.doc[e - 1].head.lower_ in PERSON_NOUNS
            ):
                # "the Umm Tarfa governor": the person who holds the office, not the place
                holder = self.finder.person_by_title({self.doc[e - 1].head.lower_}, chars[0], exclude=stmt.speaker)
                if holder is None:
                    continue
                lid, actor = holder, self.actors.get(holder)
            elif actor.type == "GPE" and self.doc[e - 1].dep_ == "compound":
                # "vows to burn Burkina villages that send sons to the militia": the people of the place named
                placed = group_from_np(self.doc[e - 1].head, self.actors)
                if placed is not None and placed.local_id != stmt.speaker:
                    lid, actor = placed.local_id, placed
                    chars = (placed.mentions[-1].start, placed.mentions[-1].end)
            if self._own_side(s, e):
                continue  # "our country Iraq" is the speaker's side
            last = first
            if actor.type != "PERSON" and self._where(last):
                continue  # "soldiers captured near Gao", "go back to Lomé": where, not whom
            if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lemma_.lower() in _FORCE_NOUNS:
                continue  # "the full wrath of the ADF", "the guns of the resistance": whose force, not whom
            if _avenged(last):
                continue  # "if Orestis Lambrou were to die, Vasilakou will pay": the one whose harm is avenged
            if _reports_the_words(last):
                continue  # '"He said if the army captures any of his men, they will ..."': he tells it, not at him
            if actor.type == "GPE" and last.dep_ in ("dobj", "pobj") and _in_condition(last):
                continue  # "The day he strikes Dahiyeh, he will not sleep in Tel Aviv": the speaker's place
            noun = last.head if last.dep_ in ("amod", "compound", "poss") else last
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MOURNING_VERBS:
                continue  # "its fighters would avenge Kurdish militants killed in ...": the dead, not whom
            opening = not self.text[stmt.start : chars[0]].strip(" \"“'‘") and self.text[chars[1] : chars[1] + 1] == ","
            vocative = (
                opening
                or bool(re.match(r"\s*,?\s*(you|your)\b", self.text[chars[1] : chars[1] + 12], re.I))
                or bool(
                    re.search(
                        r"\b(message is to|saying to|say to)\s*$", self.text[max(0, chars[0] - 18) : chars[0]], re.I
                    )
                )
            )
            in_sentence = start <= chars[0] < end
            if vocative and not in_sentence and not addressed and self._names_another(stmt, start, end, lid):
                # "Kirill, ... When our troops enter, Bondarchuk and his deputies will hang": the host called at
                # the turn's head is not whom a later sentence about another man threatens
                vocative = False
            if in_sentence and addressed and not vocative and actor.type in ("PERSON", "GPE", "GROUP"):
                continue  # the sentence speaks to "you": a third person or a place named in it is not the target
            # an addressed person first, then the object of the harm, then a person named in the
            # threatening sentence, then the actor the document talks about most
            distance = self._harm_distance(s, e) if in_sentence else 9
            if distance >= 99 and not vocative:
                continue
            rank = (
                0 if vocative else (1 if in_sentence else 2),
                distance,
                0 if actor.type == "PERSON" else 1,
                # people: the one the text is about; groups and places: the first named
                -len(actor.mentions) if actor.type == "PERSON" else chars[0],
            )
            if best is None or rank < best[0]:
                best = (rank, lid, chars)
        if best is None or (best[0][0] != 0 and self.actors.get(best[1]).type != "PERSON"):
            # "we will come for the district head himself": the person the text names by that office
            office = self._office_holder_harmed(stmt, start, end)
            if office is not None:
                return office
            # "If she signs that bill I'll put one in her": the person the pronoun stands for, rather than
            # a place or a group named in passing
            pronoun = self._pronoun_target(stmt, start, end)
            if pronoun is not None:
                return pronoun
        if best is None or (best[0][0] != 0 and self.actors.get(best[1]).type == "GPE"):
            # "Those who come from Punjab ... should leave, or they will meet the fate of those stopped at
            # Musakhel": people picked out by a pronoun, when no one else but a place is named
            picked = self._picked_by_pronoun(stmt, start, end)
            if picked is not None:
                return picked
        if best and best[0][0] != 0 and self.actors.get(best[1]).type == "GPE":
            # "If the Americans strike our headquarters, Ain al-Asad will burn": the place is where the harm
            # falls, those the condition is laid on are whom it threatens
            condition = self._condition_subject(stmt, start, end)
            if condition is not None and condition[0] != best[1]:
                return condition
        placed = best is not None and best[0][0] != 0 and self.actors.get(best[1]).type == "GPE"
        if best and (best[0][0] == 2 or placed) and not addressed:
            # "We will bury the terrorists in the caves they dug": people the sentence names by what they are,
            # rather than an actor named only in another sentence of the statement
            aimed = self._aimed_group(stmt, start, end)
            if aimed is not None:
                return aimed
        if best and (best[0][0] == 0 or not addressed):
            return best[1], self._np_mention(best[1], best[2])
        if (
            best
            and self.actors.get(best[1]).type == "PERSON"
            and re.search(r"\b(say|said|tell|told|warn|remind)\w* (to )?(him|her)\b", self.text[start:end], re.I)
        ):
            # "The so-called journalist X ... We say to him plainly: we know where you sleep": the "you" is the
            # man the statement turned to
            return best[1], self._np_mention(best[1], best[2])
        if best is None and not addressed:
            # no one named: people named by what they are, as the object of the threatening sentence
            sentence = self.doc.char_span(start, end, alignment_mode="expand")
            for tok in sentence if sentence is not None else []:
                head = tok.head
                if tok.dep_ == "nsubj" and head.dep_ in ("csubj", "csubjpass") and head.head.i != head.i:
                    head = head.head  # "any woman found at the market ... would be whipped", parsed as a clause
                aimed = head.lemma_.lower() in _HARM_VERBS | {"declare", "consider", "mark", "list", "name", "treat"}
                # "the government would not survive it", "the traitors will pay": those who suffer it
                sufferer = (
                    tok.dep_ == "nsubj" and head.lemma_.lower() in ("survive", "pay", "suffer", "regret", "face")
                ) or (tok.dep_ in ("nsubj", "nsubjpass") and self._suffers(head))
                if (tok.dep_ in ("dobj", "nsubjpass", "dative") and head.pos_ == "VERB" and aimed) or sufferer:
                    if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
                        continue  # "if the army keeps bombing our people": the speaker's own, not the target
                    group = group_from_np(tok, self.actors)
                    if group is not None:
                        return group.local_id, (group.mentions[-1].start, group.mentions[-1].end)
        if best is None:
            condition = self._condition_subject(stmt, start, end)
            if condition is not None:
                return condition
        return None, None

    def _agent_of_account(self, stmt: Statement, start: int, end: int) -> str | None:
        """In someone's account of a threat made to them ("..., she told reporters"), the subject of the verb
        whose object is the teller: "a commander gave her 24 hours to leave", "two men ordered him to stop"."""
        if stmt.speaker is None:
            return None
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in sentence if sentence is not None else []:
            if tok.dep_ not in ("dative", "dobj") or tok.lower_ not in ("her", "him") or tok.head.pos_ != "VERB":
                continue
            if not self.finder.pronoun_fits(stmt.speaker, tok.lower_):
                continue
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON":
                continue
            resolved = self.finder.resolve_np(subj, subj.idx, exclude=stmt.speaker)
            # (a name the tagger took for a place still did it: '"el comandante Flaco" had ordered her')
            if resolved is not None and resolved[0] != stmt.speaker and self.actors.get(resolved[0]).type in (
                "PERSON",
                "ORG",
                "GPE",
            ):
                return resolved[0]
        return None

    def _aimed_group(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """People named by what they are as the object of the sentence's harm verb: "bury the terrorists"."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in sentence if sentence is not None else []:
            verb = tok.head.lemma_.lower()
            aimed = tok.dep_ == "dobj" and verb in _HARM_VERBS
            # "local chiefs in Masisi territory who open their doors to the rebels would be treated as enemies"
            suffered = tok.dep_ == "nsubjpass" and verb in _HARM_VERBS | {"treat", "consider", "declare", "mark"}
            if not (aimed or suffered) or tok.head.pos_ != "VERB":
                continue
            if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
                continue
            group = group_from_np(tok, self.actors)
            if group is not None and group.local_id != stmt.speaker:
                return group.local_id, (group.mentions[-1].start, group.mentions[-1].end)
        return None

    def _vocative_before(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "Judge Jean-Baptiste, listen to me well. If you don't take my name off that paper ...": the "you" of
        a sentence is the person the one or two sentences before it, in the same words, were spoken to."""
        if not re.search(r"\b(you|your)\b", self.text[start:end], re.I):
            return None
        for before_start, before_end in list(reversed(self._sentences(stmt.start, start)))[:2]:
            called = self._named_vocative(before_start, before_end)
            if called is not None and called[0] != stmt.speaker:
                return called
        return None

    def _named_vocative(self, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "Lina Haddad, we will make you pay": a person named at the head of the words, or at their end
        after a comma ("..., Mr Mayor Ruiz."), is the one they are spoken to."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        for s, e, lid in self.actors.in_tokens(span.start, span.end):
            if self.actors.get(lid).type != "PERSON":
                continue
            first, last = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1].text)
            before = self.text[start:first].strip(" \n\"“‘'")
            titled = bool(before) and strip_titles(f"{before} X")[0] == "X"  # "Governor Omar Wali, ..."
            head = (not before or titled) and self.text[last : last + 1] == ","
            tail = self.text[max(start, first - 2) : first] == ", " and not self.text[last:end].strip(" .!?\"”’'")
            if head or tail:
                return lid, (first, last)
        return None

    def _condition_subject(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "If the soldiers do not leave the village, we will attack": those the condition is laid on."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for clause in sentence if sentence is not None else []:
            if clause.dep_ != "advcl" or not any(m.lower_ in ("if", "unless") for m in clause.children):
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ in ("we", "i", "you", "they", "he", "she", "it", "this", "that"):
                continue
            if any(c.dep_ == "poss" and c.lower_ == "your" for c in subj.children):
                continue  # "If your men come near again": the threat is to whoever "you" is, their commander
            lid = self.actors.at_token(subj.i)
            if lid and lid != stmt.speaker and self.actors.get(lid).type in ("PERSON", "ORG", "GPE", "GROUP"):
                return lid, self.finder._mention_chars(subj.i) or (subj.idx, subj.idx + len(subj))
            group = group_from_np(subj, self.actors)
            if group is not None and group.local_id != stmt.speaker:
                return group.local_id, (group.mentions[-1].start, group.mentions[-1].end)
        return None

    def _told_through_pronoun(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int] | None] | None:
        """ "Let him know that we know where his mother lives", "Let him sleep with one eye open": the
        person the speaker talks about, named last before the quote, when the quote names no one."""
        role = _TELL_ROLE.search(self.text[start:end])
        if role is not None:
            # "Tell the mayor she should remember what happened to ...": the one who holds that office
            holder = self.finder.person_by_title({role.group(1).lower()}, start, exclude=stmt.speaker)
            if holder is not None:
                at = start + role.start(1)
                return holder, (at, at + len(role.group(1)))
        m = _LET_HIM.search(self.text[start:end])
        if m is None:
            return None
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is not None and any(
            self.actors.at_token(t.i)
            and self.actors.get(self.actors.at_token(t.i)).type == "PERSON"
            and self.actors.at_token(t.i) != stmt.speaker
            for t in sentence
        ):
            return None  # a person named in the sentence is a better guess, ranked below
        person = self._last_person_before(min(stmt.start, start), stmt.speaker)
        if person is None:
            return None
        at = start + m.start(1)
        return person, (at, at + len(m.group(1)))

    def _named_after_as_threatener(self, char: int, exclude: str | None) -> str | None:
        """ "The man he says made the threat is X", "the caller was later identified as X": within the next
        two paragraphs, the person the text names as the one who threatened."""
        first_break = self.text.find("\n\n", char)
        window_end = self.text.find("\n\n", first_break + 2) if first_break >= 0 else -1
        # (to the end of the text when no second paragraph break follows)
        window = self.text[char : window_end if window_end > char else len(self.text)]
        for m in [*_THREATENER_NAMED.finditer(window), *_SENDER_NAMED.finditer(window)]:
            at = char + m.end()
            for s, e, lid in self.actors.mention_tokens:
                first, last = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
                # the name right there, or the one a title ("Comandante Lobo") was taken into
                named = at <= first <= at + 3 or first <= at < last
                if named and lid != exclude and self.actors.get(lid).type == "PERSON":
                    return lid
        # "Prosecutors say Bakkali, who is detained pending trial, sent the messages", "charged Younes X, 27, with
        # threatening a journalist": the person the story says sent them
        for s, e, lid in self.actors.mention_tokens:
            first, last = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
            if not char <= first < char + len(window) or lid == exclude or self.actors.get(lid).type != "PERSON":
                continue
            charged = _CHARGED_WITH.search(self.text, max(0, first - 60), first) and _WITH_THREATS.match(
                self.text, last
            )
            if _SENT_THEM.match(self.text, last) or charged:
                return lid
        return None

    def _last_person_before(
        self, char: int, exclude: str | None, outside_quotes: bool = True, since: int = 0, pronoun: str = ""
    ) -> str | None:
        """The person named last before a position (and from `since` on; outside quotes unless told otherwise),
        other than `exclude` and other than one the `pronoun` cannot stand for."""
        persons = [
            lid
            for s, _, lid in self.actors.mention_tokens
            if since <= self.doc[s].idx < char
            and (not pronoun or self.finder.pronoun_fits(lid, pronoun))
            and not (outside_quotes and self.finder.in_quote(s))
            and lid != exclude
            and self.actors.get(lid).type == "PERSON"
        ]
        return persons[-1] if persons else None

    def _pronoun_target(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int] | None] | None:
        """The person a third-person pronoun of the threatening sentence stands for: the person named last
        before the statement, other than its speaker. In reported speech "he" is the speaker himself, so
        there only "him" and "her" count."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            return None
        wanted = ("him", "her") if stmt.kind in ("indirect", "reported") else ("he", "she", "him", "her")
        pronouns = [
            t
            for t in sentence
            if t.lower_ in wanted and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and not _reports_the_words(t)
        ]
        if not pronouns:
            return None
        before = self.text[max(stmt.start, pronouns[0].idx - 200) : pronouns[0].idx]
        quantified = re.search(r"\b(any|every|whoever|anyone|anybody)\b", before, re.I)
        in_sentence = quantified is not None and max(stmt.start, pronouns[0].idx - 200) + quantified.start() >= start
        if quantified and (pronouns[0].dep_ in ("nsubj", "nsubjpass") or in_sentence):
            # "Any driver who carries fuel ... His truck will be burned and he ...": the driver; "Anybody who
            # opens shop on Monday, we will burn the shop with him inside": whoever opens it
            return None
        if any(
            self.actors.at_token(t.i)
            and self.actors.get(self.actors.at_token(t.i)).type == "PERSON"
            and self.actors.at_token(t.i) != stmt.speaker
            for t in sentence
        ):
            return None
        # a person the statement itself named in a sentence before ("The so-called journalist X ... has spread
        # lies. We say to him plainly: ..."), else the one named before the statement
        pronoun = pronouns[0].lower_
        within = (
            self._last_person_before(start, stmt.speaker, outside_quotes=False, since=stmt.start, pronoun=pronoun)
            if start > stmt.start
            else None
        )
        if within is None and start > stmt.start:
            # "The general says he will hunt us. Let him come himself. ... He should remember ...": the one the
            # statement described, by the antecedent its own sentences give the pronoun
            described = self._described_before(stmt, pronouns[0], start)
            if described is not None:
                return described, (pronouns[0].idx, pronouns[0].idx + len(pronouns[0]))
        person = within or self._last_person_before(min(stmt.start, start), stmt.speaker, pronoun=pronoun)
        if person is None:
            return None
        tok = pronouns[0]
        return person, (tok.idx, tok.idx + len(tok))

    def _described_before(self, stmt: Statement, pronoun: Token, start: int) -> str | None:
        """The person a description in the statement's earlier sentences names ("The general says ..."), when the
        pronoun's chain of subjects leads back to it."""
        for tok in self.doc.char_span(stmt.start, start, alignment_mode="contract") or ():
            if tok.dep_ != "nsubj" or tok.pos_ != "NOUN" or tok.lower_ not in ROLE_WORDS:
                continue
            if not any(c.lower_ == "the" for c in tok.children):
                continue
            resolved = self.finder.resolve_np(tok, tok.idx, exclude=stmt.speaker)
            if resolved is None or resolved[0] == stmt.speaker or self.actors.get(resolved[0]).type != "PERSON":
                continue
            if not self.finder.pronoun_fits(resolved[0], pronoun.lower_):
                continue
            return resolved[0]
        return None

    def _described_group(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "Any principal who opens a school ... has chosen death", "Those fugitives who sit in Warsaw ...
        will not die of old age": people picked out by what they do, the subject the threat is about. In '"Any
        chief who sends young people to fight alongside the FDLR has chosen his side. He will be treated as a
        combatant"' the "he" of the threat is the chief of the sentence before."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        found = self._described_in(stmt, sentence)
        if found is not None or sentence is None:
            return found
        # "Any village that gives its sons to the VDP has chosen its side. We will come at night and burn it":
        # the pronoun the threat falls on, as subject or as object
        subject = next((t for t in sentence if t.dep_ in ("nsubj", "nsubjpass")), None)
        pronoun = (
            subject
            if subject is not None and subject.lower_ in ("he", "she", "they")
            else next(
                (t for t in sentence if t.dep_ in ("dobj", "pobj") and t.lower_ in ("him", "her", "them", "it")), None
            )
        )
        if pronoun is None or sentence.start == 0:
            return None
        previous = self.doc[sentence.start - 1].sent
        if previous.end_char <= stmt.start or self.text[previous.start_char : stmt.start].strip(" \"“'‘\n"):
            return None  # the sentence before must be the statement's own
        found = self._described_in(stmt, previous)
        if found is not None and pronoun.lower_ == "it":
            # "it" stands for a village or a firm picked out, never for a person
            head = self.actors.get(found[0]).name.lower().split()[-1:]
            if not head or head[0].removesuffix("s") not in COLLECTIVES:
                return None
        return found

    def _described_in(self, stmt: Statement, sentence: SpacySpan | None) -> tuple[str, tuple[int, int]] | None:
        words = [t.i for t in sentence if not t.is_punct and not t.is_space] if sentence is not None else []
        first = words[0] if words else None
        for tok in sentence if sentence is not None else []:
            dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
            # "Every elder who joins the government's list, we will cut off his head": put in front of the clause
            fronted = tok.left_edge.i == first and bool(dets & {"any", "every", "each"})
            if (tok.dep_ not in ("nsubj", "nsubjpass") and not fronted) or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            # "The officers who are torturing our youth should know ...": a plural with "the" picks them out too
            if not dets & {"any", "every", "each", "those", "these", "all"} and not (
                "the" in dets and tok.tag_ in ("NNS", "NNPS")
            ):
                continue
            # "any company that deals with the ports of occupied Palestine": a firm or a village stands for its people
            relatives = ("who", "whom", "that", "which") if tok.lemma_.lower() in COLLECTIVES else ("who", "whom")
            clauses = [
                c for c in tok.children if c.dep_ == "relcl" and any(w.lower_ in relatives for w in c.children)
            ]
            # "the fighters who defend our land" are the speaker's own side; "any shopkeeper who gives our names
            # to the police" is not
            if not clauses or any(speaks_for_us(c) for c in clauses):
                continue
            group = group_from_np(tok, self.actors)
            if group is not None and group.local_id != stmt.speaker:
                return group.local_id, (group.mentions[-1].start, group.mentions[-1].end)
        return None

    def _called_by_title(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "and you, colonel, will be the first to burn", "Mr Mayor, ...": the titled person spoken to."""
        quote = self.text[start:end]
        m = CALLED_BY_TITLE.search(quote)
        if m is None:
            return None
        holder = self.finder.person_by_title({m.group("title").lower()}, start, exclude=stmt.speaker)
        if holder is None:
            return None
        return holder, (start + m.start("title"), start + m.end("title"))

    def _office_holder_harmed(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in sentence if sentence is not None else []:
            if tok.dep_ not in ("dobj", "pobj", "nsubjpass") or tok.lower_ not in PERSON_NOUNS:
                continue
            if self.actors.at_token(tok.i) or self._harm_distance(tok.i, tok.i + 1) >= 99:
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                continue  # "the district head", "this governor": one person; "a judge" is anyone
            resolved = self.finder.resolve_np(tok, tok.idx, exclude=stmt.speaker)
            if resolved is not None and self.actors.get(resolved[0]).type == "PERSON":
                left = tok.left_edge
                return resolved[0], (left.idx, tok.idx + len(tok))
        return None

    def _told_to_know(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "The rulers of Erbil should know that ...": those told what they should know are its target."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in sentence if sentence is not None else []:
            if tok.lemma_.lower() not in ("know", "understand", "remember", "realise", "realize"):
                continue
            modals = ("should", "must", "better", "'d", "ought")
            # ("Let Mr X know that our patience has limits": told through a third person all the same)
            if not any(c.dep_ == "aux" and c.lower_ in modals for c in tok.children) and tok.head.lemma_ != "let":
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in ("he", "she"):
                # "We address Ato X. He should remember what happened to ...": the man just named, or the one
                # the statement described ("The general says he will hunt us. ... He should remember ...")
                described = self._described_before(stmt, subj, start) if start > stmt.start else None
                if described is not None:
                    return described, (subj.idx, subj.idx + len(subj))
                found = self.finder._antecedent(("PERSON",), subj.idx)
                if found is not None and found[0] != stmt.speaker:
                    return found[0], (subj.idx, subj.idx + len(subj))
                continue
            if subj is None or subj.lower_ in ("we", "i", "you", "they", "everyone", "everybody"):
                continue
            lid = self.actors.at_token(subj.i)
            if lid is not None and lid != stmt.speaker and self.actors.get(lid).type in ("PERSON", "ORG", "GROUP"):
                return lid, self.finder._mention_chars(subj.i) or (subj.idx, subj.idx + len(subj))
            group = group_from_np(subj, self.actors) if lid is None else None
            if group is not None and group.local_id != stmt.speaker:
                return group.local_id, (group.mentions[-1].start, group.mentions[-1].end)
            if lid is None and subj.tag_ == "NN" and any(c.lower_ in ("this", "that") for c in subj.children):
                # "This traitor who insults our elders from abroad should know": the man the story is about
                people = Counter(
                    p
                    for _, _, p in self.actors.mention_tokens
                    if p != stmt.speaker and self.actors.get(p).type == "PERSON"
                )
                if people:
                    return people.most_common(1)[0][0], (subj.idx, subj.idx + len(subj))
        return None

    def _picked_by_pronoun(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in sentence if sentence is not None else []:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PRON":
                picked = group_from_pronoun(tok, self.actors)
                if picked is not None and picked.local_id != stmt.speaker:
                    return picked.local_id, (picked.mentions[-1].start, picked.mentions[-1].end)
        return None

    def _called_by_first_name(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """ "Andrés, if you keep publishing these lies ...": a quote that turns to someone by first name."""
        quote = self.text[start:end]
        m = re.match(
            r"\W*(?:(?:Mr|Mrs|Ms|Señora|Señor|Senora|Senor|Dottoressa|Dottore|Madame|Monsieur|Frau|Herr)\.? )?"
            r"([A-ZÀ-Ý][\w'’-]+),",
            quote,
        )
        # "... and you will hang, Denise.": the name the sentence ends on
        m = m or re.search(r",\s*([A-ZÀ-Ý][\w'’-]+)\s*[.!?]?\W*$", quote)
        if m is None or not re.search(r"\b(you|your)\b", quote, re.I):
            return None
        called = m.group(1).lower()
        people = [
            a
            for a in self.actors.actors
            if a.type == "PERSON"
            and a.local_id != stmt.speaker
            and any(called in (form.lower().split()[0], form.lower().split()[-1]) for form in a.surface_forms())
        ]
        if len(people) != 1:
            return None
        at = start + m.start(1)
        return people[0].local_id, (at, at + len(m.group(1)))

    def _pronoun_sufferer(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int] | None] | None:
        """ "She will leave on a stretcher": the person the pronoun stands for, when it is not the speaker."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in sentence if sentence is not None else []:
            if tok.lower_ not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass") or not self._suffers(tok.head):
                continue
            before = self.text[max(stmt.start, tok.idx - 200) : tok.idx]
            if re.search(r"\b(any|every|whoever|anyone|anybody)\b", before, re.I):
                continue  # "Any driver who carries fuel ... His truck will be burned and he ...": the driver
            # '"She will leave on a stretcher," X said, referring to Y'
            after = self.text[stmt.end : stmt.sentence[1] + 1]
            ref = re.search(r"\b(referring to|in reference to|reference to|meaning|a reference to)\s", after)
            if ref is not None:
                at = stmt.end + ref.end()
                for s, _e, lid in self.actors.mention_tokens:
                    if at <= self.doc[s].idx < at + 60 and self.actors.get(lid).type == "PERSON":
                        return lid, (tok.idx, tok.idx + len(tok))
            found = self.finder._antecedent(("PERSON",), stmt.start, pronoun=tok.lower_)
            if found is not None and found[0] != stmt.speaker:
                return found[0], (tok.idx, tok.idx + len(tok))
            # the speaker is the latest person named: the one threatened was named before him
            person = self._last_person_before(stmt.start, stmt.speaker, outside_quotes=False, pronoun=tok.lower_)
            if person is not None:
                return person, (tok.idx, tok.idx + len(tok))
        return None

    def _conditional_antecedent(
        self, stmt: Statement, start: int, end: int
    ) -> tuple[str, tuple[int, int] | None] | None:
        """ "If the governor's men come again, we will answer them with guns": "them" are the men of the
        condition, and men named by whose they are stand for him."""
        sentence = self.doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            return None
        pronouns = [
            t
            for t in sentence
            if (t.lower_ in ("him", "them", "her") and t.dep_ in ("dobj", "pobj"))
            # "we will turn their bases into graveyards"
            or (t.lower_ in ("their", "his") and t.dep_ == "poss" and t.head.dep_ in ("dobj", "pobj"))
        ]
        if not pronouns:
            return None
        for clause in sentence:
            if clause.dep_ != "advcl" or not any(m.lower_ in ("if", "unless", "when") for m in clause.children):
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ in ("we", "i", "you", "they", "he", "she", "it") or _avenged(subj):
                continue
            lid = self.actors.at_token(subj.i)
            if lid and lid != stmt.speaker:
                return lid, self.finder._mention_chars(subj.i)
            owner = next((c for c in subj.children if c.dep_ == "poss"), None)
            if owner is not None:
                owner_id = self.actors.at_token(owner.i)
                if owner_id is None and owner.lower_ in ("his", "her"):
                    found = self.finder._antecedent(("PERSON",), stmt.start)
                    owner_id = found[0] if found else None
                elif owner_id is None:
                    owner_id = self.finder.person_by_title({owner.lower_}, owner.idx, exclude=stmt.speaker)
                if owner_id and owner_id != stmt.speaker:
                    return owner_id, self.finder._mention_chars(owner.i)
                return None  # whose men they are decides; the ranking of names below knows more
            group = group_from_np(subj, self.actors)
            if group is not None:
                return group.local_id, (group.mentions[-1].start, group.mentions[-1].end)
        return None

    def _quoted_addressee(self, stmt: Statement, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """Whom a statement turns to in its own words: "We tell the shipping companies:", "To all the X,";
        the threatening sentence's own words first ("As for the soldiers of the junta, they ..."), and never
        the speaker's own people the statement greets ("To our Muslim people in Léré: ...")."""
        found = None
        # an address speaks to what follows it in its paragraph; a long statement's opening "To the people of X,
        # to the administrators ...:" greets its audience, not whom each later paragraph threatens
        paragraph = max(stmt.start, self.text.rfind("\n", 0, start) + 1)
        for base, stop in ((start, end), (paragraph, end)):
            for m in VOCATIVE.finditer(self.text[base:stop]):
                if not re.match(r"(our|my)\b", m.group("np"), re.I):
                    found = (base, m)
                    break
            if found is not None:
                break
        if found is None:
            return None
        base, m = found
        np_end = base + m.end("np")
        last = self.finder.token_at(np_end - 1)
        if last is None:
            return None
        lid = self.actors.at_token(last.i)
        # the head of the phrase: "the drug pushers in San Isidro" -> pushers, not the place
        head = last
        while (
            head.dep_ in ("pobj", "prep", "compound", "amod", "conj")
            and head.head.i != head.i
            and head.idx >= base + m.start("np")
        ):
            if head.head.idx < base + m.start("np"):
                break  # "As for the soldiers": the phrase ends where it began
            if head.dep_ == "pobj" and head.head.dep_ == "prep":
                if head.head.head.idx >= base + m.start("np"):
                    head = head.head.head
                break
            head = head.head
        phrase = self.doc.char_span(base + m.start("np"), np_end, alignment_mode="contract")
        if phrase is not None and len(phrase) and phrase.root.pos_ in ("NOUN", "PROPN") and head.pos_ != "PROPN":
            # "To the journalists of TeleCauca who keep repeating the lies of military intelligence:": the
            # phrase's own head, however long the clause that picks them out
            head = phrase.root
        if head.pos_ == "NOUN" and head.tag_ in ("NNS", "NNPS"):
            # "To the mercenaries of the AGC we say:", "To the journalists of TeleCauca Noticias ...:": the
            # organisation whose people they are
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    owner = self.actors.at_token(obj.i)
                    if owner and owner != stmt.speaker and self.actors.get(owner).type == "ORG":
                        return owner, self.finder._mention_chars(obj.i) or (obj.idx, obj.idx + len(obj))
        if lid and lid != stmt.speaker and (self.actors.at_token(head.i) == lid or head.idx < base + m.start("np")):
            return lid, (base + m.start("np"), np_end)
        named = self.doc.char_span(base + m.start("np"), np_end, alignment_mode="contract")
        if named is not None and len(named) <= 4 and all(t.pos_ == "PROPN" or t.lower_ == "the" for t in named):
            # "To the Mayiza: ...": a name the tagger did not know, addressed as a group is
            words = named[1:] if named[0].lower_ == "the" else named
            if len(words) and all(t.text[:1].isupper() for t in words) and not self.actors.at_token(words[0].i):
                actor = self.actors.add_actor(words.text, "ORG", words)
                return actor.local_id, (words.start_char, words.end_char)
        if phrase is not None:
            # "To the apostate Thiyab al-Mashhadani and whoever stands with the army:": the person the address names
            for tok in phrase:
                owner = self.actors.at_token(tok.i)
                if owner and owner != stmt.speaker and self.actors.get(owner).type == "PERSON":
                    return owner, self.finder._mention_chars(tok.i) or (tok.idx, tok.idx + len(tok))
        group = group_from_np(head, self.actors) if head.idx >= base + m.start("np") else None
        if group is None:
            return (lid, (base + m.start("np"), np_end)) if lid and lid != stmt.speaker else None
        mention = group.mentions[-1]
        return group.local_id, (mention.start, mention.end)

    def _own_side(self, s: int, e: int) -> bool:
        tok = self.doc[e - 1]
        for node in (tok, tok.head):
            if any(c.lower_ in ("our", "my") for c in node.children):
                return True
        return False

    def _harm_distance(self, s: int, e: int) -> float:
        """How far up the parse harm is done to this mention ("hit America's bases": 2); 9 if never.

        Harm announced with a future ("will hit") counts closer than harm in a condition.
        """
        node = self.doc[e - 1]
        # "X will pay a heavy price", "X will regret it": the one who suffers is the subject
        if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_ in ("pay", "suffer", "regret", "face"):
            return 0.5
        if node.dep_ in ("nsubj", "nsubjpass") and self._suffers(node.head):
            return 0.5
        if node.dep_ == "nsubj" and (
            any(p.search(node.head.text.lower()) for p, _, _ in _HARM)
            or any(
                c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in node.head.children
            )
        ):
            return 99  # "if they come, Russia would open the corridor": the one who acts, not the target
        in_condition = any(
            a.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in a.children) for a in node.ancestors
        )
        if in_condition:
            return 99  # the condition names what provokes the threat, not whom it is aimed at
        for depth in range(1, 6):
            if node.head.i == node.i:
                return 9
            node = node.head
            low = node.text.lower()
            if any(p.search(low) for p, _, _ in _HARM):
                future = any(
                    c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "’ll") for c in node.children
                )
                return depth - (2 if future else 0)
        return 9

    def _suffers(self, verb: Token) -> bool:
        """The verb's clause names harm its subject will suffer: "will leave on a stretcher", "would be whipped"."""
        clause = [t for t in verb.subtree if not (t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i)]
        if not clause:
            return False
        start = min(t.idx for t in clause if t.i >= verb.i - 3)
        end = max(t.idx + len(t) for t in clause)
        clause_text = self.text[start:end].lower()
        if _SUFFERING.search(clause_text):
            return True
        # "would be whipped", "will be killed": the passive subject suffers the harm
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        return passive and (_harm(verb.text.lower())[0] == "violence" or _harm(clause_text)[0] == "violence")

    def _target_phrase(self, lid: str, chars: tuple[int, int] | None) -> tuple[int, int] | None:
        """ "The Jordanian regime", "Togolese soldiers": a people or country named by an adjective or a
        modifier is threatened as the phrase it modifies."""
        tok = self.finder.token_at(chars[0]) if chars else None
        if chars is None or tok is None or tok.dep_ not in ("amod", "compound") or tok.head.pos_ != "NOUN":
            return chars
        return self._np_mention(lid, chars)

    def _where(self, tok: Token) -> bool:
        """A place named as where something happens or where someone goes: "near Gao", "go back to Lomé", "any
        ship heading to the ports of occupied Palestine"."""
        for _ in range(3):
            if tok.dep_ != "pobj":
                return False
            prep = tok.head
            verb = prep.head.head if prep.head.lower_ in ("back", "away", "home", "straight") else prep.head
            if prep.lower_ in _PLACE_PREPS or (prep.lower_ == "to" and verb.lemma_.lower() in _MOTION_VERBS):
                return True
            if prep.lower_ != "of" or prep.head.lemma_.lower() not in _PLACES_OF:
                return False  # "the destruction of Israel" is whom; "the ports of Palestine" is where
            tok = prep.head
        return False

    def _np_mention(self, lid: str, chars: tuple[int, int]) -> tuple[int, int]:
        """A group or country target is named by its noun phrase: "U.S. troops", "the American embassy"."""
        if self.actors.get(lid).type not in ("GPE", "GROUP"):
            return chars
        tok = self.finder.token_at(chars[0])
        if tok is None:
            return chars
        for chunk in tok.sent.noun_chunks:
            if chunk.start <= tok.i < chunk.end and len(chunk) <= 6 and chunk.root.i != tok.i:
                s = chunk.start
                while s < tok.i and (self.doc[s].lower_ in ("the", "a", "an") or self.doc[s].is_punct):
                    s += 1
                return (self.doc[s].idx, chunk.end_char)
        return chars

    # ---------------------------------------------------------------- reported speech
    def _reported(self, stmt: Statement) -> Candidate | None:
        verb = self.doc[stmt.cue_token] if stmt.cue_token is not None else None
        if verb is None:
            return None
        if any(c.dep_ == "neg" for c in verb.children) or (
            verb.lower_.startswith("threatened") and verb.dep_ == "amod"
        ):
            return None
        if verb.head.i != verb.i and verb.head.lemma_.lower() in _DENIALS:
            return None  # "Dissident front denies threatening Argelia mayor"
        low = self._literal_text(stmt.start, stmt.end)
        if stmt.cue == "threaten" and self._non_agent_subject(verb):
            return None  # "a storm threatening floods", "an outbreak threatening crops"
        if stmt.cue == "threaten" and (
            any(c.dep_ == "xcomp" and c.lemma_.lower() in _HARMLESS_ACTS for c in verb.children)
            or _HARMLESS_THREAT.search(low)
        ):
            return None  # "threatened to resign / sue / strike / impose tariffs"
        sentence_low = self.text[stmt.sentence[0] : stmt.sentence[1]].lower()
        if NON_HARM_THREATS.search(sentence_low) or REJECT.search(low) or TALK_ABOUT_THREATS.search(sentence_low):
            return None
        if "passive" in stmt.how and sentence_low.strip(" \n\"'”’").endswith("?"):
            return None  # "Have your own people been threatened?": a question about threats, not one reported
        if self._police_pursuit(stmt, low):
            return None  # "Police vowed to find whoever did it"
        if (self.sports or SPORTS_SENTENCE.search(sentence_low)) and (self.combat or not _lethal_in_sport(low)):
            return None  # "promised to destroy the visitors in Sunday's derby"
        kind, veiled, hits = self._judge(low, stmt.speaker)
        if "passive" in stmt.how:
            target, mention, extras = stmt.addressee, stmt.addressee_mention, []
        else:
            target, mention, extras = self._reported_targets(verb, stmt)
        infinitive_acts = [
            c
            for c in verb.children
            if c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children))
        ]
        if (
            stmt.cue == "threaten"
            and kind is None
            and infinitive_acts
            and any(c.lemma_.lower() in _HARM_VERBS for c in infinitive_acts)
        ):
            return None  # "threatened to kill the tax bill": the harm was a metaphor for a thing
        strong = False
        if stmt.cue == "threaten":
            # "threatened X", "threatening to kill X": the verb asserts the threat; "threatened to
            # impose tariffs / resign" names an act that harms no one
            infinitive = any(c.dep_ == "xcomp" for c in verb.children)
            # in a trade row or a labour dispute, threatening someone names no harm of its own
            strong = kind is not None or (target is not None and not infinitive and not (self.trade or self.labour))
        elif stmt.cue == "threat":
            named = stmt.speaker is not None and self.actors.get(stmt.speaker).type in ("PERSON", "ORG", "GPE")
            strong = kind is not None and (target is not None or named)
        elif kind is not None and hits >= 1 and kind != "military":
            strong = bool(INTENT.search(low) or stmt.cue in ("vow", "pledge", "swear", "promise"))
        elif kind == "military" and hits >= 2:
            # "warned that his fighters would attack US bases if ...": force aimed at forces or bases
            strong = bool(
                CONDITIONAL.search(low) or re.search(r"\b(his|her|their|its|our) (fighters|forces|men)\b", low)
            )
        if kind is None:
            kind = "violence" if stmt.cue in ("threaten", "threat") else "other"
        if not strong and stmt.cue not in WEAK_CUES | {"threat", "threaten"}:
            return None
        form = "conditional" if CONDITIONAL.search(low) else ("veiled" if veiled else "direct")
        score = (0.8 if strong else 0.4) + 0.05 * min(hits, 3)
        # a headline's clause ends with its line: "... threatened by gang after raids\n\nGUAYAQUIL, ..."
        end = stmt.end
        for brk in ("\n\n", "\n"):
            cut = self.text.find(brk, stmt.start, stmt.end)
            if cut > stmt.start:
                end = min(end, cut)
        end = len(self.text[stmt.start : end].rstrip()) + stmt.start
        cand = Candidate(
            stmt, (stmt.start, end), stmt.speaker, target, mention, kind, form, score, strong, stmt.cue or ""
        )
        cand.extra_targets = extras
        cand.date_char = verb.idx
        return cand

    def _reported_targets(
        self, verb: Token, stmt: Statement
    ) -> tuple[str | None, tuple[int, int] | None, list[tuple[str, tuple[int, int] | None]]]:
        targets: list[tuple[str, tuple[int, int] | None, Token]] = []
        # whom the threat is aimed at sits in the object, the infinitive ("to kill X"), a
        # "with/against/to" phrase or the condition, not in "since the attempt on X's life"
        branches = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "dative", "xcomp", "ccomp", "advcl", "attr", "oprd", "conj")
            or (c.dep_ == "prep" and c.lower_ in ("to", "against", "toward", "towards", "with", "at", "on", "upon"))
        ]
        allowed = {t.i for b in branches for t in b.subtree}
        for tok in verb.subtree:
            if tok.i == verb.i or (tok.head.i == verb.i and tok.dep_ in ("nsubj", "nsubjpass")):
                continue
            if tok.i not in allowed and verb.pos_ == "VERB":
                continue
            objectish = (
                tok.dep_ in ("dobj", "pobj", "dative", "conj", "appos", "attr", "oprd")
                or tok.head.i == verb.i
                # "Prime Minister Mustafa X": the name inside the object phrase
                or (tok.dep_ == "compound" and tok.head.dep_ in ("dobj", "pobj", "dative", "appos"))
                # "... if X visits Baghdad": the subject of the condition is who it is aimed at
                or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "advcl")
                # "vowed that Israel would pay a heavy price": the one who will suffer it
                or (
                    tok.dep_ in ("nsubj", "nsubjpass")
                    and tok.head.i != verb.i
                    and (tok.head.lemma_.lower() in ("pay", "suffer", "regret", "face") or self._suffers(tok.head))
                )
            )
            # "warning Iraqi contractors", "bases where American forces are housed": a group named by its adjective
            group_word = tok.dep_ in ("amod", "compound", "nmod") and tok.head.dep_ in (
                "dobj",
                "pobj",
                "dative",
                "nsubjpass",
                "nsubj",
                "appos",
                "conj",
            )
            if not objectish and not group_word:
                continue
            if self._is_subject_side(tok, verb):
                continue
            if any(a.lower_ == "according" for a in tok.ancestors):
                continue  # "according to a statement read by its spokesman": who tells of it, not whom it threatens
            if any(
                a.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in a.children) and a.i != verb.i
                for a in tok.ancestors
                if a.i in allowed
            ) and tok.dep_ not in ("nsubj", "nsubjpass"):
                continue  # "unless the government frees fighters held in X": X provokes, it is not threatened
            if any(
                a.dep_ == "advcl" and any(m.lower_ in ("after", "since", "following", "because") for m in a.children)
                for a in tok.ancestors
                if a.i in allowed
            ):
                continue  # "vows revenge after a drone strike kills commander X": X is the cause, not the target
            if any(
                a.dep_ in ("relcl", "acl") and a.tag_ in ("VBD", "VBN") and a.lemma_.lower() in _PAST_HARM
                for a in tok.ancestors
                if a.i in allowed
            ):
                continue  # "a price for an airstrike that killed X": X is the victim of what is avenged
            if _describes_a_person(tok, allowed):
                continue  # "to kill a lawmaker who has championed a bill to place X under ...": what he did
            resolved = self._np_actor(tok, stmt)
            own = set(self.actors.get(stmt.speaker).affiliations) if stmt.speaker else set()
            if resolved and resolved[0] in own:
                continue  # the speaker's own organisation is not his target
            if resolved and resolved[0] != stmt.speaker and all(resolved[0] != t[0] for t in targets):
                if group_word and self.actors.get(resolved[0]).type not in ("GROUP", "GPE"):
                    continue
                if self.actors.get(resolved[0]).type == "GPE" and tok.head.dep_ == "prep" and tok.head.head.ent_type_:
                    continue  # "Whitmer of Michigan": a place qualifying a name
                if (
                    self.actors.get(resolved[0]).type == "GPE"
                    and tok.dep_ == "pobj"
                    and tok.head.lower_ in _PLACE_PREPS
                    and self.actors.get(resolved[0]).name.lower() not in country_names()
                ):
                    continue  # "journalists in Khyber": where, not whom ("strike deep inside Israel" is whom)
                mention = self._np_mention(resolved[0], resolved[1]) if resolved[1] else None
                targets.append((resolved[0], mention, tok))
        group = self._group_target(verb, allowed)
        if group is not None:
            targets.append(group)
        if not targets:
            return None, None, []
        # the object of the threat first ("to kill election officials"), then whom a "to/against"
        # phrase names; a named person or organisation outranks a place or a people named in passing
        rank = {"PERSON": 0, "ORG": 1, "GROUP": 2, "GPE": 3}
        # the verbs that carry the threat: "warned that it will push south ... and attack X"
        heads = {verb.i}
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp", "conj"):
                heads |= {t.i for t in c.subtree if t.pos_ == "VERB" and t.dep_ in ("xcomp", "ccomp", "conj", "ROOT")}
                heads.add(c.i)

        def role(tok: Token) -> int:
            node = tok
            while node.dep_ in ("compound", "amod", "conj", "appos", "nmod", "poss") and node.head.i != node.i:
                node = node.head
            if node.dep_ in ("dobj", "dative", "nsubjpass") and node.head.i in heads:
                return 0
            if node.dep_ in ("nsubj", "nsubjpass") and (
                node.head.lemma_.lower() in ("pay", "suffer", "regret", "face") or self._suffers(node.head)
            ):
                return 0  # "vowed that Israel would pay a heavy price": the one who will pay
            if node.dep_ == "pobj" and node.head.head.i in heads:
                return 1
            return 2

        targets.sort(key=lambda t: (role(t[2]), rank.get(self.actors.get(t[0]).type, 3)))
        first = targets[0]
        # "to kill X and Y": conjoined people and organisations are threatened too
        extras = [
            (t[0], t[1])
            for t in targets[1:]
            if t[2].dep_ in ("conj", "appos")
            and self.actors.get(t[0]).type in ("PERSON", "ORG")
            and self.actors.get(first[0]).type == self.actors.get(t[0]).type
        ]
        return first[0], first[1], extras

    def _is_subject_side(self, tok: Token, verb: Token) -> bool:
        node = tok
        while node.i != verb.i and node.head.i != node.i:
            if node.dep_ in ("nsubj", "nsubjpass") and node.head.i == verb.i:
                return True
            node = node.head
        return False

    def _group_target(self, verb: Token, allowed: set[int]) -> tuple[str, tuple[int, int], Token] | None:
        """Threats aimed at people named by what they are: "threatened journalists", "warned shipping companies"."""
        for tok in verb.subtree:
            # "warned that local chiefs who open their doors to the rebels would be treated as enemies"
            if tok.i not in allowed or tok.dep_ not in ("dobj", "pobj", "dative", "nsubjpass"):
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ not in ("to", "against", "toward", "towards", "on"):
                continue
            if _describes_a_person(tok, allowed):
                continue
            actor = group_from_np(tok, self.actors)
            if actor is not None:
                mention = actor.mentions[-1]
                return actor.local_id, (mention.start, mention.end), tok
        return None

    def _np_actor(self, tok: Token, stmt: Statement) -> tuple[str, tuple[int, int] | None] | None:
        lid = self.actors.at_token(tok.i)
        if lid:
            actor = self.actors.get(lid)
            if actor.type == "ORG" and tok.dep_ == "pobj" and tok.head.lower_ == "of":
                # "a member of Congress", "the leader of the opposition party": a person, described
                person_head = tok.head.head
                if person_head.lower_ in PERSON_NOUNS | {"member", "members"}:
                    legislature = actor.name.lower().split()[-1] in _LEGISLATURES
                    words = {"congresswoman", "congressman", "legislator"} if legislature else {person_head.lower_}
                    described = self.finder.person_by_title(words, tok.idx, exclude=stmt.speaker)
                    if described is not None:
                        return described, None
            if actor.type in ("PERSON", "ORG", "GPE", "GROUP"):
                return lid, self.finder._mention_chars(tok.i)
            return None
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ in ("dobj", "pobj", "dative"):
            # "the judge", "him": descriptions and pronouns as targets
            if tok.lower_ in ("him", "her"):
                return self.finder._antecedent(("PERSON",), tok.idx, pronoun=tok.lower_)
            if tok.lower_ in GROUP_NOUNS or tok.tag_ in ("NNS", "NNPS"):
                return None  # "journalists", "the elders": many people, not one named person
            resolved = self.finder.resolve_np(tok, tok.idx, exclude=stmt.speaker)
            if resolved and resolved[0] != stmt.speaker and self.actors.get(resolved[0]).type == "PERSON":
                return resolved
        return None

    # ---------------------------------------------------------------- completing and grouping
    def _fill_targets(self, candidates: list[Candidate]) -> None:
        """A quote with no named target threatens whom its speaker's other threats name."""
        for c in candidates:
            # '"We will cut your throat," a man's voice says in the recording' (the message the councillor
            # received): "you" is the one the story named last before the message
            if (
                c.target is None
                and _said_unnamed(c)
                and re.search(r"\b(you|your)\b", self.text[c.span[0] : c.span[1]], re.I)
            ):
                receiver = self._last_person_before(c.statement.start, None)
                if receiver is not None:
                    mention = self.actors.get(receiver).mentions
                    before = [m for m in mention if m.end <= c.statement.start]
                    c.target = receiver
                    c.target_mention = (before[-1].start, before[-1].end) if before else None
            # (the "you" may be in another sentence of the message: "You have until Sunday. After that ...")
            said = self.text[c.statement.start : c.statement.end]
            if c.target is None and re.search(r"\b(you|your)\b", said, re.I):
                receiver = self._message_receiver(c)
                if receiver is not None:
                    c.target, c.target_mention = receiver
        by_speaker: dict[str | None, list[Candidate]] = {}
        for c in candidates:
            by_speaker.setdefault(c.speaker, []).append(c)
        for c in candidates:
            if c.target is not None:
                continue
            # (a rule's passage takes no target from a sentence only the detector took)
            mine = [o for o in by_speaker.get(c.speaker, []) if o.cue != "learned" or c.cue == "learned"]
            others = [o for o in mine if o.target and o.strong] or [
                o for o in mine if o.target and abs(o.span[0] - c.span[0]) < 800
            ]
            if not others:
                # a speaker's organisation threatened someone in its own name
                orgs = set(self.actors.get(c.speaker).affiliations) if c.speaker else set()
                others = [o for o in candidates if o.target and o.speaker in orgs]
            if others:
                c.target = others[0].target
            elif re.search(r"\b(you|your|him|his|he)\b", self.text[c.span[0] : c.span[1]].lower()):
                c.target = self._most_prominent_other(c.speaker)

    def _message_receiver(self, c: Candidate) -> tuple[str, tuple[int, int]] | None:
        """ "The man also left voicemail messages at the office of Tomasz X. 'If you vote ...,' he said": the
        "you" of a message is the person the sentence before says it was sent to."""
        sentence = self.doc.char_span(c.statement.start, c.statement.end, alignment_mode="expand")
        if sentence is None or sentence[0].sent.start == 0:
            return None
        # the sentence before, or the one before it ("X received a voice message from a man who ... . Two
        # leaders were killed this year. In the message the man says: ...")
        first = self.doc[sentence[0].sent.start - 1].sent
        earlier = [first] + ([self.doc[first.start - 1].sent] if first.start > 0 else [])
        for previous in earlier:
            if c.statement.start - previous.end_char > 400 or not _MESSAGE_NOUNS.search(previous.text):
                continue
            found = None
            for s, e, lid in self.actors.in_tokens(previous.start, previous.end):
                if lid != c.speaker and self.actors.get(lid).type == "PERSON":
                    found = lid, (self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1]))
            if found is not None:
                return found
        return None

    def _most_prominent_other(self, speaker: str | None) -> str | None:
        persons = [a for a in self.actors.actors if a.type == "PERSON" and a.local_id != speaker]
        if not persons:
            return None
        best = max(persons, key=lambda a: len(a.mentions))
        return best.local_id if len(best.mentions) >= 2 else None

    def _group(self, candidates: list[Candidate]) -> list[Threat]:
        for c in candidates:
            if c.speaker is not None and WIRE_AGENCY.match(self.actors.get(c.speaker).name):
                c.speaker, c.speaker_mention = None, None  # a news agency reports threats, it does not make them
        # the organisation's threat is its spokesman's when he speaks for it in the document
        for c in candidates:
            if c.speaker and self.actors.get(c.speaker).type == "ORG":
                members = {
                    o.speaker for o in candidates if o.speaker and c.speaker in self.actors.get(o.speaker).affiliations
                }
                if len(members) == 1:
                    c.speaker = members.pop()
        # an unattributed report of a threat against someone belongs to the one speaker who threatens them
        for c in candidates:
            if c.speaker is None and c.target is not None and not _said_unnamed(c) and not c.unnamed:
                speakers = {o.speaker for o in candidates if o.target == c.target and o.speaker and o.strong}
                if len(speakers) == 1:
                    c.speaker = speakers.pop()
        # an unattributed quote in a document where one speaker makes every attributed threat: his
        # ("KEY QUOTES ... On clan elders: '...'" in a brief on one statement)
        speakers = {c.speaker for c in candidates if c.speaker and c.strong}
        if len(speakers) == 1:
            only = next(iter(speakers))
            for c in candidates:
                unattributed = c.speaker is None and not _said_unnamed(c) and not c.unnamed
                if unattributed and c.cue == "quote" and c.target != only:
                    # a threat its teller received ("They told us: pay, or we will burn the village," X said)
                    # is said by the teller and made by the one who threatens
                    received = c.target is not None and c.target == c.statement.speaker
                    if received or not self._said_by_someone(c.statement):
                        c.speaker = only
        self._charges_to_their_threat(candidates)
        groups: dict[tuple[str | None, str | None], list[Candidate]] = {}
        for c in candidates:
            groups.setdefault((c.speaker, c.target), []).append(c)
            for extra, mention in c.extra_targets:
                twin = Candidate(
                    c.statement,
                    mention or c.span,
                    c.speaker,
                    extra,
                    mention,
                    c.type,
                    c.form,
                    c.score,
                    c.strong,
                    c.cue,
                    c.date_char,
                    speaker_mention=c.speaker_mention,
                )
                groups.setdefault((c.speaker, extra), []).append(twin)
        threats: list[Threat] = []
        for (speaker, target), members in groups.items():
            if not any(m.strong for m in members):
                continue
            if speaker is None and target is None:
                continue
            if target is None and all(m.form == "veiled" for m in members if m.strong):
                continue  # "your days are numbered" said to no one the text names: a figure of speech
            members.sort(key=lambda m: (m.cue != "quote", not m.strong, -m.score, m.span[0]))
            principal = members[0]
            spans: list[Span] = []
            seen: set[tuple[int, int]] = set()
            for m in members:
                if m.span in seen or any(m.span[0] < e and s < m.span[1] for s, e in seen):
                    continue
                seen.add(m.span)
                spans.append(Span.of(self.text, *m.span))
            speaker_actor = self.actors.get(speaker) if speaker else None
            # the statement's own speaker is named where it is said (the group's statement where its spokesman is)
            speaker_mention = principal.speaker_mention or (
                principal.statement.speaker_mention
                if principal.statement.speaker == speaker
                # "He told me that ...," Tangara said: the teller is named elsewhere than the one telling of it
                else (self._nearest_mention(speaker, principal.span) if speaker else None)
            )
            org = None
            if speaker_actor and speaker_actor.type == "PERSON" and speaker_actor.affiliations:
                org = ActorRef(speaker_actor.affiliations[0])
            strong = [m for m in members if m.strong]
            threats.append(
                Threat(
                    speaker=ActorRef(speaker, _span(self.text, speaker_mention))
                    if speaker
                    else None,
                    target=ActorRef(target, _span(self.text, self._target_phrase(target, _first_mention(members))))
                    if target
                    else None,
                    evidence=spans[0],
                    evidence_spans=spans[1:],
                    type=_vote([m.type for m in strong]),
                    form=_form([m.form for m in strong]),
                    score=round(min(0.99, max(m.score for m in members) + 0.03 * (len(strong) - 1)), 2),
                    speaker_org=org,
                    cue=principal.cue,
                    date=self._date(members),
                )
            )
        # legal, economic and political threats are forewarn's business where someone also threatens
        # violence or force in the same document (an armed group's "we will put him behind bars");
        # in ordinary politics and business they are the daily "will sue", "will boycott"
        if not any(t.type in ("violence", "military") for t in threats):
            threats = [t for t in threats if t.type in ("violence", "military") or self._armed(t.speaker)]
        return threats

    def _charges_to_their_threat(self, candidates: list[Candidate]) -> None:
        """ "charged with threatening Arizona election officials", "one count of threatening to murder a United
        States official": a charge names in general words whom the accused's quoted messages threaten by name; it
        reports the threat he made to the person nearest to it, not a threat of its own."""
        for c in candidates:
            if c.cue not in ("threaten", "threat") or c.speaker is None or c.target is None:
                continue
            sentence = self._sentence_of(c)
            described = _PERSON_DESCRIBED.search(self.text[c.span[0] : c.span[1]])
            if not _CHARGE.search(sentence) or self.actors.get(c.target).type == "PERSON":
                continue
            if self.actors.get(c.target).type != "GROUP" and not described:
                continue  # "threatening to murder a United States official": a person described, not the state
            named = [
                o
                for o in candidates
                if o is not c and o.speaker == c.speaker and o.strong and o.target is not None
                and self.actors.get(o.target).type == "PERSON"
            ]
            if named:
                nearest = min(named, key=lambda o: abs(o.span[0] - c.span[0]))
                c.target, c.target_mention = nearest.target, nearest.target_mention

    def _armed(self, ref: ActorRef | None) -> bool:
        """The speaker is, or speaks for, an armed group: its name says so ("militia", "Kata'ib ...")."""
        if ref is None:
            return False
        actor = self.actors.get(ref.local_id)
        names = [actor.name, *(self.actors.get(a).name for a in actor.affiliations)]
        return any(ARMED.search(name) or ORG_NAME_RE.search(name) for name in names)

    def _date(self, members: list[Candidate]) -> str | None:
        # the date of the act of threatening: from the reporting sentences first
        ordered = sorted(members, key=lambda m: m.cue == "quote")
        for m in ordered:
            found = self.date_of(m.statement.sentence)
            if found:
                return found
        return self.default_date


# a caller who is not named: "The man did not say who he was", "a caller who would not give his name"
_NO_NAME_GIVEN = re.compile(
    r"\b(the|a|an) (man|woman|caller|voice|stranger)\b[^.]{0,40}\b(did not|didn['’]t|would not|wouldn['’]t|"
    r"refused to|never) (say|give|tell|identify)\b|\b(unknown|withheld|private|foreign) (number|caller)\b",
    re.IGNORECASE,
)
# a quote introduced as words under discussion: 'The phrase "we know where you sleep" is ...'
_QUOTED_AS_PHRASE = re.compile(
    r"\b(the|that|this|its|his|her) (phrase|words?|line|wording|expression|slogan|term|formula)\s*[\"“‘']$", re.I
)
# papers that carry a signature: "Leaflets threatening teachers were found ... signed 'X'"
_SIGNED_PAPERS = re.compile(r"\b(leaflets?|letters?|pamphlets?|notes?|posters?|banners?|flyers?|graffiti)\b", re.I)
# what carries words to the one they threaten
_MESSAGE_NOUNS = re.compile(
    r"\b(messages?|voicemails?|e-?mails?|letters?|texts?|notes?|calls?|DMs?|direct messages?|voice notes?)\b", re.I
)


def _describes_a_person(tok: Token, allowed: set[int]) -> bool:
    """Whether a word sits in a relative clause that says what a threatened person did: "a lawmaker who has
    championed a bill to place the PMF under civilian control"."""
    return any(
        a.dep_ == "relcl"
        and (
            a.head.lower_ in PERSON_NOUNS
            or a.head.lower_ in PEOPLE_NOUNS
            or a.head.lower_ in ("lawmaker", "legislator", "politician", "activist", "lawyer", "critic", "deputy")
        )
        and a.head.i in allowed
        for a in tok.ancestors
        if a.i in allowed
    )


def _said_unnamed(c: Candidate) -> bool:
    """The text gives the words to someone it does not name ("a man's voice says"): no one is to be guessed."""
    return UNNAMED_SPEAKER in c.statement.how


def _first_mention(members: list[Candidate]) -> tuple[int, int] | None:
    for m in members:
        if m.target_mention:
            return m.target_mention
    return None


def _span(text: str, chars: tuple[int, int] | None) -> Span | None:
    return Span.of(text, *chars) if chars else None


def _vote(kinds: list[str]) -> str:
    for kind in ("violence", "legal", "economic", "military", "other"):
        if kind in kinds:
            return kind
    return kinds[0] if kinds else "other"


def _form(forms: list[str]) -> str:
    if "conditional" in forms:
        return "conditional"
    if forms and all(f == "veiled" for f in forms):
        return "veiled"
    return "direct" if "direct" in forms else (forms[0] if forms else "direct")
