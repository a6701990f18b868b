"""Actors of one document: every person, organisation and place, surface forms grouped.

Named-entity spans from the language pipeline become mentions; mentions that name the same
actor ("Qais Al-Khazali" / "Al-Khazali", "Kata'ib Hezbollah (KH)" / "KH") become one
`DocActor` with titles ("Prime Minister") and affiliations ("the Secretary-General of the
Asa'ib Ahl al-Haq militia") read from the text around them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from forewarn.model import ActorType, DocActor, Span
from forewarn.nlp.gender import is_given_name
from forewarn.nlp.pipeline import ORG_WORDS, PLATFORMS, country_of_demonym, is_known_place, text_of
from forewarn.resolve.names import (
    ARTICLES,
    CONNECTORS,
    SURNAME_PARTICLES,
    compare_names,
    name_key,
    strip_titles,
)

_LABELS: dict[str, ActorType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP"}

# Role nouns: a person described by one of these holds a position in an organisation.
ROLE_WORDS = frozenset(
    [
        "leader",
        "pm",
        "head",
        "chief",
        "commander",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "official",
        "secretary-general",
        "secretary",
        "general",
        "founder",
        "member",
        "militant",
        "officer",
        "director",
        "chairman",
        "president",
        "minister",
        "premier",
        "deputy",
        "representative",
        "envoy",
        "cleric",
        "preacher",
        # religious and customary titles, by which a story goes on to call the man: "the sheikh said"
        "sheikh",
        "imam",
        "mufti",
        "mullah",
        "elder",
        "chieftain",
        "emir",
        "commander-in-chief",
        "boss",
        "ruler",
        "governor",
        "judge",
        "prosecutor",
        "attorney",
        "senator",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "mp",
        "mayor",
        "sheriff",
        # ranks and offices a story calls a person by: "the colonel told her: ..."
        "colonel",
        "captain",
        "lieutenant",
        "sergeant",
        "brigadier",
        "councillor",
        "councilor",
        "commissioner",
        "inspector",
        # offices of local government and of the courts, and the clergy: "a county clerk", "the priest"
        "clerk",
        "registrar",
        "magistrate",
        "administrator",
        "chairwoman",
        "chairperson",
        "headman",
        "priest",
        "pastor",
        "bishop",
    ]
)
# Titles that stand before a name ("Gov. Gretchen Whitmer", "PM Al-Khadimi").
_TITLE_BEFORE = re.compile(
    r"(prime minister|premier|pm|president|gov\.?|governor|judge|chief judge|justice|sen\.?|senator|"
    r"rep\.?|mayor|minister|foreign minister|defense minister|secretary of state|secretary|general|gen\.?|"
    r"sheikh|cleric|ayatollah|commander|spokesman|spokesperson|official|leader|secretary-general|"
    r"attorney general|prosecutor|sheriff|mr\.?|ms\.?|mrs\.?|dr\.?)\s*$",
    re.IGNORECASE,
)


_VERB_EDGES = frozenset(
    [
        "threaten",
        "threatens",
        "attack",
        "warn",
        "warns",
        "say",
        "says",
        "vow",
        "vows",
        "kill",
        "kills",
        "slam",
        "slams",
        "accuse",
        "accuses",
    ]
)
# invoked, not threatened: deities are no actors of a threat
NON_ACTORS = frozenset(
    # "Anonymous calls", a crosshead the tagger read as a name; "Unknown" numbers and callers
    {"God", "Allah", "Almighty", "Almighty God", "Lord", "the Almighty", "Prophet", "Anonymous", "Unknown"}
)
_SECT_WORDS = frozenset("shi'ite shiite shia shi’ite sunni sufi armed pro-iranian iran-backed".split())
_GROUP_HEADS = frozenset(
    "alliance gang gangs group militia movement party coalition cartel clan faction brigade brigades network "
    # "the Guillermo Ovalle front", "the Dagoberto Ramos column": units named after a person
    "front column bloc battalion commando".split()
)
# what a group's name modifies and a person's name does not: "Al-Shabaab fighters"
_MEMBER_NOUNS = frozenset(
    "fighters militants gunmen insurgents spokesman spokesperson spokeswoman commander commanders members".split()
)
_GENERIC_GROUPS = frozenset("militia militias group groups forces faction factions fighters".split())
# small words inside organisation names: "Tehreek-e-Taliban", "Asa'ib Ahl al-Haq", "Ejército de Liberación"
_NAME_CONNECTORS = frozenset("of for the al el - and e i ul ud ut wa de la del des du y da do".split())
_TITLE_HEADS = frozenset(["secretary", "minister", "ministry", "department", "chief", "head", "director"])


@dataclass
class ActorTable:
    """The actors of a document and where each is mentioned."""

    actors: list[DocActor] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> local actor id
    mention_tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, local id)

    def add_actor(self, name: str, type_: ActorType, span: SpacySpan) -> DocActor:
        actor = DocActor(local_id=f"L{len(self.actors) + 1}", name=name, type=type_)
        while any(a.local_id == actor.local_id for a in self.actors):
            actor.local_id = f"{actor.local_id}x"
        self.actors.append(actor)
        self.add_mention(actor, span)
        return actor

    def add_mention(self, actor: DocActor, span: SpacySpan) -> None:
        if any(m.start == span.start_char and m.end == span.end_char for m in actor.mentions):
            return
        actor.mentions.append(Span(span.start_char, span.end_char, span.text))
        if span.text != actor.name and span.text not in actor.aliases:
            actor.aliases.append(span.text)
        for t in span:
            self.by_token[t.i] = actor.local_id
        self.mention_tokens.append((span.start, span.end, actor.local_id))
        self.mention_tokens.sort()

    def get(self, local_id: str) -> DocActor:
        for actor in self.actors:
            if actor.local_id == local_id:
                return actor
        raise KeyError(local_id)

    def at_token(self, i: int) -> str | None:
        return self.by_token.get(i)

    def in_tokens(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [m for m in self.mention_tokens if m[0] >= start and m[1] <= end]

    def before(self, token_i: int, types: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """Mentions of the given actor types that end before a token, nearest last."""
        return [m for m in self.mention_tokens if m[1] <= token_i and self.get(m[2]).type in types]


def _clean(ent: SpacySpan) -> SpacySpan | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ".":
        if doc[end - 1].text == ")" and any(doc[j].text == "(" for j in range(start, end - 1)):
            break  # "Nepal Communist Party (Revolutionary Centre)": the bracket closes a part of the name
        end -= 1
    if start >= end:
        return None
    # "Al-Kazemi’s Threat": a possessive inside an entity ends the name
    for i in range(start + 1, end):
        if doc[i].text in ("'s", "’s"):
            if any(doc[j].lower_ in ORG_WORDS for j in range(i + 1, min(end, i + 4))):
                # "the New People's Army", "Uganda People's Defence Forces": the possessive is part of the name
                continue
            end = i
            break
    # "Allied Democratic Forces (ADF": an acronym's opening bracket the tagger took in ends the name
    for i in range(start + 1, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i + 1, end)):
            end = i
            break
    # a dateline NER took into the name: "MICHOACÁN - Rocio Villasenor" (spaced, unlike "IS-K" or "FARC-EP")
    for i in range(start + 1, min(end - 1, start + 4)):
        spaced = bool(doc[i - 1].whitespace_) and bool(doc[i].whitespace_)
        if doc[i].text in ("-", "–", "—") and spaced and all(t.text.isupper() or t.is_punct for t in doc[start:i]):
            start = i + 1
            break
    # a verb NER swallowed at either end of a headline name: "Qais X Threatens", "Attack US Troops"
    while end - start > 1 and doc[end - 1].lemma_.lower() in _VERB_EDGES:
        end -= 1
    while end - start > 1 and doc[start].lemma_.lower() in _VERB_EDGES:
        start += 1
    # "Secretary of State", "Ministry of Defense": a title's tail is no organisation
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _TITLE_HEADS and end - start == 1:
        return None
    if ent.label_ == "PERSON" and start > ent.sent.start:
        # "Tyler | James Shewchuk": a given name the tagger left outside, bound to the name by the parse
        first = doc[start - 1]
        if (
            first.pos_ == "PROPN"
            and first.is_title
            and not first.ent_type_
            and first.dep_ == "compound"
            and start <= first.head.i < end
            and is_given_name(first.text)
            and not strip_titles(f"{first.text} {doc[start].text}")[1]  # "General" is a title
        ):
            start -= 1
    if ent.label_ == "PERSON" and doc[end - 1].lower_ in _SURNAME_PARTICLES:
        # "Hanneke van | der Veen": the tagger stopped at a particle; the surname follows it
        j = end
        while j < len(doc) and j - end < 3 and doc[j].lower_ in _SURNAME_PARTICLES and not doc[j].ent_type_:
            j += 1
        if j < len(doc) and doc[j].is_title and doc[j].ent_type_ in ("", "PERSON"):
            end = j + 1
    if (
        ent.label_ == "PERSON"
        and end + 1 < len(doc)
        and doc[end].text in ("-", "‐", "‑")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_title
        and doc[end + 1].ent_type_ in ("", "PERSON")
    ):
        end += 2  # "Agnieszka Wróblewska | -Nowak": a double surname the tagger cut at its hyphen
    span = doc[start:end]
    if span.text in NON_ACTORS:
        return None
    if len(span) > 1 and span[-1].lower_ in _PLATFORM_NAMES:
        return None  # "Pro-junta Telegram (channel)": a description of an account, not an actor's name
    if _is_dateline(span):
        return None
    if ent.label_ == "ORG" and all(
        t.lower_ in _SECT_WORDS or t.text.islower() or (t.lower_ in ORG_WORDS and t.lower_ in _GENERIC_GROUPS)
        for t in span
    ):
        return None  # "Shi'ite Militia", "armed groups": a description, not an organisation's name
    if not any(c.isalpha() for c in span.text) or "\n" in span.text:
        return None
    if all(t.lower_.rstrip(".") in _CALENDAR_WORDS or t.like_num or t.is_punct for t in span):
        return None  # "Fri Jun 9" in a web page's time stamp
    return span


# platforms whose names are no one's ("X", "Truth", "Signal" are names too)
_PLATFORM_NAMES = frozenset("telegram facebook instagram youtube tiktok whatsapp twitter".split())
# the particles of Dutch, German, Romance and Arabic surnames, written in lower case
_SURNAME_PARTICLES = SURNAME_PARTICLES | CONNECTORS | ARTICLES
_CALENDAR_WORDS = frozenset(
    """mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday jan
    feb mar apr jun jul aug sep sept oct nov dec january february march april may june july august september
    october november december am pm gmt utc""".split()
)


def _is_dateline(span: SpacySpan) -> bool:
    """ "GUAYAQUIL, Ecuador, July 8 -": the place a story was filed from, not an actor in it."""
    text = text_of(span.doc)
    if not span.text.isupper() or len(span.text) < 3:
        return False
    para_start = text.rfind("\n", 0, span.start_char) + 1
    if span.start_char - para_start > 2:
        return False
    return re.match(r"[^\n]{0,70}?\s[—–-]{1,2}\s", text[span.end_char : span.end_char + 80]) is not None


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def extract_actors(doc: Doc) -> ActorTable:
    table = ActorTable()
    mentions: list[tuple[SpacySpan, ActorType]] = []
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        span = _clean(ent)
        if span is None or span.text.lower() in PLATFORMS:
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in ("in", "into", "from") and len(span) == 1 and (
            span.text.lower() in _LANGUAGES
        ):
            continue  # "a statement in Urdu", "translated from Pashto": a language, not an actor
        words = [t.lower_ for t in span]
        if label == "PERSON" and len(span) > 2 and "of" in words and any(w in ORG_WORDS for w in words):
            label = "ORG"  # "General Directorate of Intelligence": an office, whatever the title opening it
        if mentions and label == "ORG" and mentions[-1][1] == "GROUP" and mentions[-1][0].end == span.start:
            # "Islamic State-linked": the tagger's "Islamic" (a people) and "State" (an organisation) are one name
            span = doc[mentions[-1][0].start : span.end]
            mentions.pop()
        mentions.append((span, label))

    # Person names take precedence over other labels for the same key: the small models
    # often tag a surname as GPE or ORG on its second mention.
    person_keys: dict[str, str] = {}
    person_surnames: set[str] = set()
    # a lone word the tagger calls a person once and an organisation five times ("Al-Shabaab") is no surname
    key_labels: dict[str, Counter[str]] = {}
    for span, label in mentions:
        key_labels.setdefault(name_key(span.text), Counter())[label] += 1
    for span, label in mentions:
        if label == "PERSON":
            key_tokens = name_key(span.text).split()
            votes = key_labels.get(" ".join(key_tokens), Counter())
            if key_tokens and (len(key_tokens) > 1 or votes["PERSON"] >= votes["ORG"]):
                person_surnames.add(key_tokens[-1])
            if len(key_tokens) > 1 or (key_tokens and votes["PERSON"] >= votes["ORG"]):
                for tok in key_tokens:
                    person_keys.setdefault(tok, span.text)

    groups: list[DocActor] = []
    label_votes: dict[str, Counter[str]] = {}
    for span, label in mentions:
        text = span.text
        key = name_key(text)
        # "LAMARI Domenico", as indictments and lists write a person: the surname in capitals first
        given_first = _given_first(text)
        if given_first is not None:
            key, label = name_key(given_first), "PERSON"
        if not key:
            continue
        following = doc[span.end].lower_ if span.end < len(doc) else ""
        preceding = doc[span.start - 1].lower_ if span.start > 0 else ""
        if label in ("PERSON", "GPE", "GROUP") and following in _GROUP_HEADS:
            label = "ORG"  # "the Fòs Lakay alliance", "the Sinaloa cartel"
        elif label == "PERSON" and _is_acronym(text) and not re.search(r"[AEIOUY]", text[1:-1]):
            label = "ORG"  # "GKNB", "CNDD": letters that stand for an organisation, not a surname in capitals
        elif (
            label == "PERSON"
            and len(key.split()) == 1
            and key not in person_keys
            and (following in _MEMBER_NOUNS or (preceding == "the" and not _is_acronym(text)))
        ):
            label = "ORG"  # "Al-Shabaab fighters", "an Al-Shabaab spokesman", "the al-Shabab": a group, not a man
        elif re.search(
            # "the city of Uvira", "on the road to Ayorou"
            r"\b((city|town|village|province|district|region|state|county|port) of|"
            r"(road|roads|route|highway|axis) (to|from|between))\s*$",
            text_of(doc)[max(0, span.start_char - 20) : span.start_char],
            re.I,
        ):
            label = "GPE"  # "the city of Uvira"
        elif label in ("ORG", "GPE", "GROUP") and not _is_acronym(text) and not _org_words(text):
            # "Hadi al-Mansouri" tagged as a place, "al-Mansouri" as a person elsewhere; "Yesenia Mosquera
            # Palacios" tagged as an organisation, "Mosquera" (the first of two surnames) as a person
            words = key.split()
            if key in person_keys or words[-1] in person_surnames or (
                len(words) >= 3 and len(span) >= 3 and any(w in person_surnames for w in words[1:])
            ) or _said_of_a_person(span):
                label = "PERSON"
        if label == "PERSON" and any(
            g.type == "ORG" and any(_org_words(f) and name_key(f).startswith(key + " ") for f in g.surface_forms())
            for g in groups
        ):
            label = "ORG"  # "Himal Urja Nirman" after "Himal Urja Nirman Company": the company, not a man
        actor = _find_group(groups, text, key, label)
        if actor is None:
            actor = DocActor(local_id=f"L{len(groups) + 1}", name=text, type=label)
            groups.append(actor)
        actor.mentions.append(Span(span.start_char, span.end_char, text))
        label_votes.setdefault(actor.local_id, Counter())[label] += 1
        if text not in actor.aliases and text != actor.name:
            actor.aliases.append(text)
        if _fuller(text, actor.name, label):
            if actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = text
            if text in actor.aliases:
                actor.aliases.remove(text)
        bare, titles = strip_titles(text)
        if bare and bare != text and bare not in actor.aliases and bare != actor.name:
            actor.aliases.append(bare)
        if given_first is not None and given_first not in actor.aliases and given_first != actor.name:
            actor.aliases.append(given_first)
        faction = re.match(r"(.+?)\s*\([^()]+\)$", text) if label == "ORG" else None
        if faction is not None and faction.group(1) not in actor.aliases and faction.group(1) != actor.name:
            actor.aliases.append(faction.group(1))  # "Nepal Communist Party (Revolutionary Centre)"
        placed = re.match(r"(.+?) (?:of|in) (?:the )?(.+)$", text) if label == "ORG" else None
        if placed is not None and is_known_place(placed.group(2)) and placed.group(1) not in actor.aliases:
            # "the Human Rights Commission of Sri Lanka" is "the Human Rights Commission" there too
            actor.aliases.append(placed.group(1))
        if label == "ORG" and len(span) > 2:
            # "Iraq's Popular Mobilization Units", "the Iraqi Popular Mobilization Forces": the name without
            # the country that qualifies it
            first = span[0]
            skip = 1 + (1 if len(span) > 3 and span[1].text in ("'s", "’s") else 0)
            demonym = first.text[:1].isupper() and re.search(r"(i|an|ian|ese|ish|ic)$", first.text) is not None
            if first.pos_ == "ADJ" or demonym or skip == 2:
                rest = span[skip:].text
                if rest and rest not in actor.aliases and rest != actor.name:
                    actor.aliases.append(rest)
        for title in titles:
            if title.lower() not in (t.lower() for t in actor.titles):
                actor.titles.append(title)
        for i in range(span.start, span.end):
            table.by_token[i] = actor.local_id
        table.mention_tokens.append((span.start, span.end, actor.local_id))

    # the tagger changes its mind between mentions: the label most mentions carry wins
    for actor in groups:
        votes = label_votes.get(actor.local_id)
        if votes and votes[actor.type] < max(votes.values()):
            actor.type = votes.most_common(1)[0][0]
    table.actors = groups
    _persons_that_are_orgs(table)
    _find_more_mentions(doc, table)
    _speakers_the_tagger_missed(doc, table)
    _self_given_names(doc, table)
    _bracketed_aliases(doc, table)
    # a nickname the text gives a person ('Wilson Bélizaire, the one they call "Ti Zo"') is found wherever it recurs
    _find_more_mentions(doc, table)
    _titles_and_affiliations(doc, table)
    _titled_forms(doc, table)
    _forces_by_adjective(doc, table)
    _countries_of_demonyms(table)
    table.mention_tokens.sort()
    return table


def _countries_of_demonyms(table: ActorTable) -> None:
    """ "any Israeli strike", "the Saudi regime": a people's word standing for a state is that state's actor,
    named as the state (the word stays an alias)."""
    for actor in table.actors:
        # (a people's plural, "Israelis", stays a people)
        if actor.type not in ("GPE", "GROUP") or " " in actor.name or actor.name.endswith("s"):
            continue
        country = country_of_demonym(actor.name)
        if country and country != actor.name:
            if actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = country


def _forces_by_adjective(doc: Doc, table: ActorTable) -> None:
    """ "the Siamese army", "Kenyan troops": the people named by their country's adjective are also written
    as the force itself, the way a reader names whom a threat is aimed at."""
    for s, e, lid in list(table.mention_tokens):
        actor = table.get(lid)
        # "the Houthi militia": a one-word movement's name used as an adjective, like a country's
        if not (actor.type == "GROUP" or (actor.type == "ORG" and e - s == 1)) or e >= len(doc):
            continue
        head = doc[e]
        if head.lemma_.lower() in _FORCE_HEADS and doc[e - 1].head.i == head.i:
            form = f"{doc[s:e].text} {head.text}"
            if form not in actor.aliases and form != actor.name:
                actor.aliases.append(form)


_SAYING = frozenset("say tell warn add write vow threaten declare announce claim insist respond reply".split())


_SURNAME_FIRST = re.compile(
    r"(?P<surname>[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?: [A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*) "
    r"(?P<given>[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’-]+)*)"
)


def _given_first(text: str) -> str | None:
    """ "LAMARI Domenico" -> "Domenico Lamari"; None for other names ("UNICEF Director", "NATO Summit")."""
    m = _SURNAME_FIRST.fullmatch(text.strip())
    if m is None or any(_is_acronym(w) and len(w) <= 4 for w in m.group("surname").split()):
        return None
    given = m.group("given").lower().split()
    if any(w in ROLE_WORDS or w in ORG_WORDS or w in _CALENDAR_WORDS for w in given):
        return None
    if not all(re.search(r"[AEIOUYÀ-Ý]", w) for w in m.group("surname").split()):
        return None  # "UNHCR", "KDP": letters, not a surname
    return f"{m.group('given')} {m.group('surname').title()}"


def _speakers_the_tagger_missed(doc: Doc, table: ActorTable) -> None:
    """ '"...," Amed said' where the tagger found no name: a capitalised word that says something is a
    person when the text also writes it after a given name ("Ciwan Amed"), which becomes his name."""
    text = text_of(doc)
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in _SAYING or tok.head.pos_ != "VERB":
            continue
        owner = table.by_token.get(tok.i)
        if owner is not None:
            # "Abdulrahman Makalintal" tagged as an organisation, then '"...," Makalintal said': his surname
            actor = table.get(owner)
            words = actor.name.split()
            alone = any(s == tok.i and e == tok.i + 1 for s, e, _ in table.mention_tokens)
            if (
                alone  # the surname on its own, not the last word of "Human Rights Watch said"
                and actor.type in ("ORG", "GPE")
                and 2 <= len(words) <= 4
                and tok.text == words[-1]
                and all(w[:1].isupper() for w in words)
                and not _org_words(actor.name)
                and not _is_acronym(actor.name)
            ):
                actor.type = "PERSON"
            continue
        if (
            tok.pos_ != "PROPN"
            or not tok.is_title
            or len(tok) < 3
            or tok.i in table.by_token
            or tok.lower_ in ORG_WORDS
            or tok.lower_ in ROLE_WORDS
            or tok.lower_ in _PLATFORM_NAMES  # "Telegram said it had removed the channel": the platform
            or any(c.dep_ == "det" for c in tok.children)
            or any(c.dep_ == "compound" for c in tok.children)
        ):
            continue
        fuller = re.search(r"(?<![\w-])([A-Z][\w'’-]+ ){1,2}" + re.escape(tok.text) + r"(?![\w-])", text)
        if fuller is None:
            continue
        words = fuller.group(0).split()
        while words and (words[0] in _NOT_GIVEN_NAMES or strip_titles(words[0])[1]):
            words = words[1:]
        if len(words) < 2:
            continue
        start = fuller.end() - len(" ".join(words))
        span = doc.char_span(start, fuller.end(), alignment_mode="contract")
        if span is None:
            continue
        owners = {table.by_token.get(t.i) for t in span}
        if owners == {None}:
            actor = table.add_actor(span.text, "PERSON", span)
        elif len(owners) == 1 and None not in owners:
            # "Ciwan Amed" tagged as an organisation: a name that speaks is a person's
            actor = table.get(owners.pop())
            if actor.type == "PERSON" or _org_words(actor.name) or _is_acronym(actor.name):
                if actor.type != "PERSON":
                    continue
            actor.type = "PERSON"
        else:
            continue
        table.add_mention(actor, doc[tok.i : tok.i + 1])
        _mention_everywhere(doc, table, actor, tok.text)


# "a commander who calls himself 'General Nkemba'", "a gang leader known by the alias 'El Tigre'"
_SELF_GIVEN = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:himself|herself)|(?:who )?goes by(?: the name)?|nicknamed|"
    # "The man on the line introduced himself as alias "El Flaco""
    r"(?:introduc(?:ed|es|ing)|identif(?:ied|ies|ying)) (?:himself|herself) as(?: alias| the| commander)?|"
    # "A Haitian gang leader known as "Chyen Fou" threatened ..."
    r"(?:leader|commander|boss|chief|warlord|kingpin|gunman|militant|fighter) (?:better |widely )?known as|"
    r"(?:known )?by the (?:nom de guerre|alias|nickname|name)|under the (?:nom de guerre|alias|name))\s+"
    r"[\"“‘']?(?P<name>(?:[A-Z][\w'’.-]*|al|el|bin|abu|de|del|la)(?: (?:[A-Z][\w'’.-]*|al|el|bin|abu|de|del|la)){0,4})"
    r"[\"”’']?"
)


# "The man, named in court as Peter de K.": the given name and initial that privacy rules in Dutch and German
# reporting leave of a suspect
# how court and police reports name a person: "identified only as", "named in court as", "identified under Dutch
# privacy rules as" (lower case; shared with the statement finder)
NAMED_AS = (
    r"(?:named|identified|referred to)(?: only)?(?: in court(?: documents)?| by (?:police|prosecutors|the court|"
    r"authorities)| under [\w ]{1,30}? rules)? as"
)
_NAMED_WITH_INITIAL = re.compile(
    r"\b" + NAMED_AS + r"\s+(?P<name>[A-Z][a-zà-ÿ'’-]+(?: (?:de|van|der|den|von|el|al|[A-Z][a-zà-ÿ'’-]+))* [A-Z]\.)"
)


# "a handwritten letter ... bore the name of Abu Haroon Khurasani": the signatory of a message
_BORE_NAME = re.compile(
    r"\b(?:bore|bears|carried|carries|signed with) the (?:name|signature) of\s+"
    r"(?P<name>(?:[A-Z][\w'’.-]*|al|el|bin|abu|de|del|la)(?: (?:[A-Z][\w'’.-]*|al|el|bin|abu|de|del|la)){0,4})"
)


# "Marzia, 41, headed a department": a name given an age at the head of a sentence is a person's
_NAME_WITH_AGE = re.compile(r"(?:^|\n|[.!?][\"”]?\s+)(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,3}), \d{2},")


def _self_given_names(doc: Doc, table: ActorTable) -> None:
    """A name a man gives himself is his name, even where the tagger does not see it as one: "a commander who
    calls himself 'General Nkemba'" is a person, and "Nkemba" further on is the same man. So are the names a
    court report gives ("named in court as Peter de K."), a message's signature ("bore the name of X") and a name
    given an age ("Marzia, 41, headed ...")."""
    text = text_of(doc)
    signatures = [m for m in _BORE_NAME.finditer(text) if not _org_words(m.group("name"))]
    aged = [m for m in _NAME_WITH_AGE.finditer(text) if not _org_words(m.group("name"))]
    given = list(_SELF_GIVEN.finditer(text))
    for match in [*given, *_NAMED_WITH_INITIAL.finditer(text), *signatures, *aged]:
        start, end = match.span("name")
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span) or span.text.rstrip(".").lower() in ORG_WORDS:
            continue
        owners = {table.by_token.get(t.i) for t in span}
        if owners == {None}:
            actor = table.add_actor(span.text, "PERSON", span)
        elif len(owners) == 1 and None not in owners:
            actor = table.get(owners.pop())
            # a name a man gives himself makes him a person, and so does an age ("Marzia, 41,", tagged a place,
            # unless it is a known one); a signature keeps the type the tagger gave ("bore the name of Jaish al-Adl")
            retype = actor.type in ("GPE", "GROUP") or (actor.type == "ORG" and not _org_words(actor.name))
            if match in aged and actor.type == "GPE" and is_known_place(actor.name):
                retype = False  # "Norway, 16," in a table of results
            if (match in given or match in aged) and retype:
                actor.type = "PERSON"
            if actor.type != "PERSON":
                continue
        else:
            continue
        bare, _titles = strip_titles(span.text)
        forms = {span.text, bare} | ({bare.split()[-1]} if bare and len(bare.split()) > 1 else set())
        for form in sorted(f for f in forms if f and len(f) > 2):
            _mention_everywhere(doc, table, actor, form)
            if form != actor.name and form not in actor.aliases:
                actor.aliases.append(form)


def _mention_everywhere(doc: Doc, table: ActorTable, actor: DocActor, form: str) -> None:
    """Every other place the text writes `form` as a whole word, not yet anyone's mention, is the actor's."""
    for other in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text_of(doc)):
        more = doc.char_span(other.start(), other.end(), alignment_mode="contract")
        if more is not None and len(more) and not any(t.i in table.by_token for t in more):
            table.add_mention(actor, more)


def _said_of_a_person(span: SpacySpan) -> bool:
    """A name the tagger called an organisation or a place is a person's when the text says so:
    "Kachalla Dogo Umaru, who commands ...", "Alhaji Muhammadu Bello, whom he accused", "Ali Musa, 38,"."""
    doc = span.doc
    if span.root.dep_ == "pobj" and span.root.head.lower_ in ("in", "from", "near") and is_known_place(span.text):
        return False  # "an investigator in San Pedro Sula, who asked not to be named": the "who" is his
    # the "who" clause must hang on the name itself: in "bandits in northwest Nigeria, who began as
    # cattle rustlers" it describes the bandits
    if any(
        c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") and w.i > span.end - 1 for w in c.children)
        for c in span.root.children
    ):
        return True
    # "the exiled columnist Murat Eker": a noun for a person just before the name
    before = doc[span.start - 1] if span.start else None
    if (
        before is not None
        and len(span) >= 2
        and before.pos_ == "NOUN"
        and (before.lower_ in ROLE_WORDS or before.lower_ in PERSON_NOUNS_BEFORE_NAMES)
    ):
        return True
    rest = [t for t in doc[span.end : span.end + 4]]
    if rest and rest[0].text == ",":
        rest = rest[1:]
    if rest and rest[0].lower_ == "aged":
        return True
    # "Marek Dudziak, a lawmaker from Lublin": a noun for a person in apposition (not "the party's leader")
    if (
        len(span) >= 2
        and len(rest) >= 2
        and span.end < len(doc)
        and doc[span.end].text == ","
        and rest[0].lower_ in ("a", "an", "the")
        and rest[1].lower_ in PERSON_NOUNS_BEFORE_NAMES | ROLE_WORDS
        and not _org_words(span.text)
    ):
        return True
    if len(rest) >= 2 and rest[0].like_num and rest[1].text == "," and 15 <= _as_int(rest[0].text) <= 99:
        return True
    # "The head of a vigilante group in Kanoma, Bello Garba, responded": the name given to a person noun
    if len(span) >= 2 and span.root.dep_ == "appos" and not _org_words(span.text):
        # (the parser may hang the name on the last noun of the description: "... in nearby Kanoma, Bello Garba")
        described = span.root.head
        for _ in range(5):
            if described.lower_ in PERSON_NOUNS_BEFORE_NAMES | ROLE_WORDS:
                return True
            if described.dep_ not in ("pobj", "prep") or described.head.i == described.i:
                break
            described = described.head
    bare, titles = strip_titles(span.text)
    if bare.split()[-1:] and bare.split()[-1].lower() in _PLACE_HEADS:
        return False  # "Sheikh Zayed Road", "General Santos City"
    return bool(titles) and bool(bare) and bare != span.text and len(bare.split()) >= 2


# what the press calls people just before their names: "the columnist X", "the 52-year-old farmer X"
PERSON_NOUNS_BEFORE_NAMES = frozenset(
    """columnist journalist reporter editor blogger activist lawyer farmer teacher principal trader driver
    businessman businesswoman candidate councillor councilor lawmaker legislator politician opponent critic
    dissident defector exile refugee student pastor priest imam sheikh cleric doctor nurse witness survivor
    victim resident villager widow mother father son daughter brother sister cousin nephew uncle wife husband
    presenter host anchor commentator broadcaster singer rapper artist actor writer novelist poet
    businessman gunman suspect defendant accused prisoner detainee inmate chief elder commander warlord
    kingpin boss photographer photojournalist cameraman camerawoman correspondent vlogger youtuber organiser
    organizer campaigner complainant""".split()
)


_PLACE_HEADS = frozenset(
    """road street avenue bridge mosque church hospital airport square port city town camp base district
    province county highway stadium school university college market""".split()
)


def _as_int(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _titled_forms(doc: Doc, table: ActorTable) -> None:
    """ "Brigadier General Hamid Sardarzadeh", "Sheikh Hussein al-Moussawi": the name as written with the
    titles before it is a form of the name too (readers and other documents write it so)."""
    text = text_of(doc)
    for start, end, local_id in table.mention_tokens:
        actor = table.get(local_id)
        if actor.type != "PERSON":
            continue
        name = text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
        longest = None
        for k in range(1, 5):
            first = start - k
            if first < 0 or not (doc[first].text[:1].isupper() or doc[first].text == "."):
                break
            form = text[doc[first].idx : doc[end - 1].idx + len(doc[end - 1])]
            if "\n" in form:
                break
            bare, titles = strip_titles(form)
            if titles and name_key(bare) == name_key(name):
                longest = (form, titles)
        if longest is None:
            continue
        form, titles = longest
        if form != actor.name and form not in actor.aliases:
            actor.aliases.append(form)
        for title in titles:
            _add_title(actor, title)


_LANGUAGES = frozenset(
    """arabic persian farsi dari pashto urdu hindi bengali punjabi somali hausa swahili amharic tigrinya french
    english spanish portuguese russian ukrainian turkish kurdish kurmanji sorani hebrew bambara fula wolof
    tagalog bahasa malay indonesian chinese mandarin cantonese serbian croatian bosnian albanian georgian
    armenian azeri azerbaijani uzbek tajik""".split()
)
_PARTICLE = re.compile(r"(?:\b[Aa]l|\b[Ee]l|\b[Aa]d|\b[Aa]s|\b[Aa]sh)[-\s’']?$")


def _persons_that_are_orgs(table: ActorTable) -> None:
    """ "Al-Shabab" tagged as a person beside "al-Shabaab" the group: one organisation."""
    orgs = [a for a in table.actors if a.type == "ORG"]
    persons = [a for a in table.actors if a.type == "PERSON"]
    for actor in [a for a in persons if len(name_key(a.name).split()) == 1]:
        key = name_key(actor.name)
        for org in orgs:
            # "Lumio" beside "Lumio Inc": the company's short name
            short = any(name_key(f).split()[:1] == [key] for f in org.surface_forms() if len(f.split()) > 1)
            if short or any(compare_names(actor.name, f, "org").score >= 0.9 for f in org.surface_forms()):
                _absorb(table, org, actor)
                break
    # "Afreedi" tagged as an organisation beside "Qari Zubair Afridi": a spelling of his surname
    full = [p for p in table.actors if p.type == "PERSON" and len(name_key(p.name).split()) > 1]
    for actor in [a for a in table.actors if a.type in ("ORG", "GPE") and len(name_key(a.name).split()) == 1]:
        if _is_acronym(actor.name) or _org_words(actor.name):
            continue
        matches = [p for p in full if compare_names(actor.name, p.name.split()[-1], "person").score >= 0.85]
        if not matches:
            # "Quispe" beside "Milagros Quispe Arroyo": the first of two surnames
            matches = [p for p in full if len(p.name.split()) >= 3 and actor.name in p.name.split()[1:-1]]
        if len(matches) == 1:
            actor.type = "PERSON"
            _absorb(table, matches[0], actor)
    # "Lukas Hähnel" tagged as an organisation beside "Hähnel" the person: his full name
    singles = [p for p in table.actors if p.type == "PERSON" and len(name_key(p.name).split()) == 1]
    for actor in [a for a in table.actors if a.type in ("ORG", "GPE") and 2 <= len(a.name.split()) <= 4]:
        words = actor.name.split()
        if _is_acronym(actor.name) or _org_words(actor.name) or not all(w[:1].isupper() for w in words):
            continue
        owned = [p for p in singles if p in table.actors and name_key(p.name) == name_key(words[-1])]
        if owned:
            actor.type = "PERSON"
            for single in owned:
                _absorb(table, actor, single)
    # "Hamid Abakar" beside "Hamid Abakar Yousif": the shorter name is the longer one's beginning
    full = [p for p in table.actors if p.type == "PERSON" and len(name_key(p.name).split()) > 1]
    for actor in sorted(full, key=lambda a: len(a.name.split())):
        key = name_key(actor.name).split()
        owners = [
            p
            for p in full
            if p is not actor and p in table.actors and len(name_key(p.name).split()) > len(key)
            and name_key(p.name).split()[: len(key)] == key
        ]
        if len(owners) == 1 and actor in table.actors:
            _absorb(table, owners[0], actor)
    # "Dan" and "Kwame" for Dan Mercer and Kwame Asante: a first name alone, when only one person has it
    for actor in [a for a in table.actors if a.type == "PERSON" and len(name_key(a.name).split()) == 1]:
        key = name_key(actor.name)
        owners = [p for p in full if p is not actor and name_key(p.name).split()[0] == key]
        if len(owners) == 1 and actor in table.actors:
            _absorb(table, owners[0], actor)


def _search_forms(
    actor: DocActor, surname_counts: dict[str, int], given_counts: dict[str, int] | None = None
) -> set[str]:
    forms = {f for f in actor.surface_forms() if len(f) >= 4 or _is_acronym(f)}
    if actor.type == "PERSON":
        for form in list(forms):
            parts = form.split()
            if len(parts) >= 2:
                last = re.sub(r"^(?:[Aa]l|[Ee]l)[-’']", "", parts[-1])
                if len(last) >= 4 and last[:1].isupper() and surname_counts.get(last, 0) == 1:
                    forms.add(last)
                # "Melkamu could not be reached": where people go by their given name (Ethiopia, Eritrea,
                # much of East Africa and the Gulf), the given name alone, when no one else in the text bears it
                given = parts[0]
                if given_counts is not None and given_counts.get(given, 0) == 1 and _usable_given_name(given):
                    forms.add(given)
            # Spanish and Portuguese names carry two surnames: "Rubén Olvera Campos" is also
            # "Olvera Campos" and "Rubén Olvera"
            if len(parts) in (3, 4) and all(p[:1].isupper() and len(p) >= 3 for p in parts) and "-" not in form:
                forms.add(f"{parts[-2]} {parts[-1]}")
                if len(parts) == 3:
                    forms.add(f"{parts[0]} {parts[1]}")
    return forms


def _usable_given_name(word: str) -> bool:
    return (
        len(word) >= 4
        and word[:1].isupper()
        and word[1:].islower()
        and word.lower() not in _NAME_PARTICLES
        and not strip_titles(word)[1]
        and word not in _NOT_GIVEN_NAMES
    )


# the first words of names that are not given names: "Abu Ali", "Umm Khaled", "Bin Laden"
_NAME_PARTICLES = frozenset("abu abou umm bin ibn bint ould sidi mullah haji sheikh sayyid".split())


_NOT_GIVEN_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "For",
        "From",
        "With",
        "By",
        "Of",
        "To",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gov",
        "Governor",
        "President",
        "Minister",
        "Prime",
        "Judge",
        "Sheikh",
        "General",
        "Gen",
        "Colonel",
        "Commander",
        "Secretary",
        "Senator",
        "Mayor",
        "Chief",
        "Sen",
        "Rep",
        "Interior",
        "Defence",
        "Defense",
        "Foreign",
        "Justice",
        "Police",
        "Officer",
        "Militia",
        "Leader",
        "Spokesman",
        "Official",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Iraqi",
        "Iranian",
        "American",
        "US",
        "U.S.",
        "Syrian",
        "Lebanese",
    ]
)


def _expand_short_names(doc: Doc, table: ActorTable) -> None:
    """A surname NER found alone is often written in full nearby: "Hadi al-Mansouri ... al-Mansouri"."""
    text = text_of(doc)
    for actor in table.actors:
        if actor.type != "PERSON" or len(name_key(actor.name).split()) != 1 or actor.name.isupper():
            continue  # (an acronym the tagger took for a person has no given name)
        bare = re.sub(r"^(?:[Aa]l|[Ee]l)[-’' ]", "", actor.name)
        # (a heading on the line before is no given name: "Recommendations\n\nSAMDN calls on ...")
        pattern = re.compile(
            r"(?<![\w-])((?:[A-Z][a-z’'-]+[ \t]+){1,2})((?:[Aa]l|[Ee]l)[- ])?" + re.escape(bare) + r"(?!\w)"
        )
        for m in pattern.finditer(text):
            given = m.group(1).split()
            while given and given[0] in _NOT_GIVEN_NAMES:
                given = given[1:]
            if not given or given[-1] in _NOT_GIVEN_NAMES:
                continue
            start = m.start(1) + m.group(1).index(given[0])
            span = doc.char_span(start, m.end(), alignment_mode="contract")
            if span is None or not len(span):
                continue
            full = span.text
            # drop the shorter overlapping mention, keep the full name
            for s, e, lid in list(table.mention_tokens):
                if s < span.end and span.start < e and lid == actor.local_id:
                    table.mention_tokens.remove((s, e, lid))
                    actor.mentions = [
                        x for x in actor.mentions if not (x.start < span.end_char and span.start_char < x.end)
                    ]
            if any(t.i in table.by_token and table.by_token[t.i] != actor.local_id for t in span):
                continue
            actor.mentions.append(Span(span.start_char, span.end_char, full))
            for t in span:
                table.by_token[t.i] = actor.local_id
            table.mention_tokens.append((span.start, span.end, actor.local_id))
            if actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = full
            if full in actor.aliases:
                actor.aliases.remove(full)
            break


def _find_more_mentions(doc: Doc, table: ActorTable) -> None:
    """Find the names NER missed: every further occurrence of a form already known in the document."""
    _expand_short_names(doc, table)
    covered = set(table.by_token)
    surname_counts: dict[str, int] = {}
    given_counts: dict[str, int] = {}
    for actor in table.actors:
        if actor.type == "PERSON":
            lasts = {
                re.sub(r"^(?:[Aa]l|[Ee]l)[-’']", "", f.split()[-1])
                for f in actor.surface_forms()
                if len(f.split()) >= 2
            }
            for last in lasts:
                surname_counts[last] = surname_counts.get(last, 0) + 1
            for given in {f.split()[0] for f in actor.surface_forms() if len(f.split()) >= 2}:
                given_counts[given] = given_counts.get(given, 0) + 1
    for actor in table.actors:
        if actor.type not in ("PERSON", "ORG"):
            continue
        for form in sorted(_search_forms(actor, surname_counts, given_counts), key=len, reverse=True):
            # apostrophes vary within one text: Sa'idi / Sa’idi / Saidi
            pattern = re.sub(r"(?:\\'|['’ʼ`])", "['’ʼ`]?", re.escape(form))
            for m in re.finditer(r"(?<![\w-])" + pattern + r"(?!\w)", text_of(doc)):
                start = m.start()
                particle = _PARTICLE.search(text_of(doc)[max(0, start - 4) : start])
                if particle and " " not in form:
                    start -= len(particle.group(0))
                span = doc.char_span(start, m.end(), alignment_mode="contract")
                if span is None or not len(span) or any(t.i in covered for t in span):
                    continue
                covered.update(t.i for t in span)
                actor.mentions.append(Span(span.start_char, span.end_char, span.text))
                if span.text not in actor.aliases and span.text != actor.name:
                    actor.aliases.append(span.text)
                for t in span:
                    table.by_token[t.i] = actor.local_id
                table.mention_tokens.append((span.start, span.end, actor.local_id))


def _org_words(text: str) -> bool:
    return bool({w.lower().strip("'’.,") for w in text.split()} & ORG_WORDS)


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _fuller(text: str, current: str, label: str) -> bool:
    """Whether `text` is a better canonical name than `current` (more name, fewer titles)."""
    if _is_acronym(text) and not _is_acronym(current):
        return False
    if _is_acronym(current) and not _is_acronym(text):
        return True
    bare_new, _ = strip_titles(text)
    bare_cur, _ = strip_titles(current)
    return len(name_key(bare_new).split()) > len(name_key(bare_cur).split())


def _find_group(groups: list[DocActor], text: str, key: str, label: ActorType) -> DocActor | None:
    compatible = [g for g in groups if _compatible(g.type, label)]
    # the same words tagged once a place and once a group ("the Los Lobos gang", "spoke for Los Lobos")
    # are one actor; the label most mentions carry decides its type
    same_words = [g for g in groups if {g.type, label} <= {"ORG", "GPE", "GROUP"}]
    for g in compatible + same_words:
        if any(name_key(form) == key for form in g.surface_forms()):
            return g
    # "HAMMA:" heading a transcript's turns is the surname of "Illiassou Hamma" in capitals, not an acronym
    shouted_surname = label == "PERSON" and len(text) >= 4 and bool(re.search(r"[AEIOUY]", text[1:-1]))
    if _is_acronym(text) and not shouted_surname:
        for g in compatible:
            if g.type == "ORG" and any(_acronym(form.split()) == text for form in g.surface_forms()):
                return g
        return None
    tokens = key.split()
    words = text.split()
    if label == "PERSON" and len(tokens) == 2 and len(words) == 2 and words[0].isupper() and 2 <= len(words[0]) <= 4:
        tokens = tokens[1:]  # "CDO Gyawali", "SP Khan": an office's letters before the surname
    best: tuple[float, DocActor] | None = None
    for g in reversed(compatible):  # the most recent actor wins ties
        for form in g.surface_forms():
            if _is_acronym(form):
                continue
            form_tokens = name_key(form).split()
            if label == "PERSON" and g.type == "PERSON":
                # "Al-Khazali" is "Qais Al-Khazali": a shorter name inside a longer one
                if len(tokens) < len(form_tokens) and tokens == form_tokens[-len(tokens) :]:
                    return g
                # "Mannan Sikder" is "Abdul Mannan Sikder" (the key joins "Abdul" to the name it serves)
                if (
                    len(tokens) == len(form_tokens) >= 2
                    and tokens[1:] == form_tokens[1:]
                    and form_tokens[0].startswith("abd")
                    and form_tokens[0][3:] == tokens[0]
                ):
                    return g
                if len(form_tokens) < len(tokens) and form_tokens == tokens[-len(form_tokens) :]:
                    # "Eduardo Cabahug" does not join "Rodrigo Cabahug" through the bare "Cabahug"
                    fuller = [f for f in g.surface_forms() if len(name_key(f).split()) >= len(tokens)]
                    if any(not compare_names(text, f, "person").same for f in fuller):
                        continue
                    return g
                # "Dankarami" / "Dan Karami Shehu": one name written with and without its space
                joined = "".join(tokens)
                if len(joined) >= 6 and len(tokens) != len(form_tokens) and any(
                    "".join(form_tokens[i:j]) == joined
                    for i in range(len(form_tokens))
                    for j in range(i + 2, len(form_tokens) + 1)
                ):
                    return g
                # "Viktor Nikolayevich": the Russian address by first name and patronymic
                if (
                    len(tokens) == 2
                    and _PATRONYMIC.search(tokens[1])
                    and len(form_tokens) >= 2
                    and form_tokens[0] == tokens[0]
                    and not _PATRONYMIC.search(form_tokens[-1])
                ):
                    return g
                # Spanish and Portuguese names carry two surnames: "Salcido" is "Rigoberto Salcido Ibarra"
                if len(tokens) == 1 and len(form_tokens) >= 3 and tokens[0] in form_tokens[1:]:
                    return g
                if len(form_tokens) == 1 and len(tokens) >= 3 and form_tokens[0] in tokens[1:]:
                    return g
            elif g.type in ("ORG", "GROUP") and label in ("ORG", "GROUP"):
                # "Hezbollah" / "Brigades" inside "Kata'ib Hezbollah" / "Hezbollah Brigades"
                # (a people's adjective, "European" diplomats, is not the "European Union")
                if len(tokens) == 1 and tokens[0] in form_tokens and len(tokens[0]) > 3 and label == "ORG":
                    return g
                # "Pacific Meridian" / "Pacific Meridian Shipping", "Capitol Police" / "U.S. Capitol Police"
                shorter, longer = sorted((tokens, form_tokens), key=len)
                if (
                    len(shorter) >= 2
                    and len(shorter) < len(longer)
                    and (longer[: len(shorter)] == shorter or longer[-len(shorter) :] == shorter)
                ):
                    return g
            kind = "person" if label == "PERSON" else "org"
            match = compare_names(text, form, kind)
            score = match.score if match.same else 0.0
            if label == "PERSON" and g.type == "PERSON" and match.same and min(len(tokens), len(form_tokens)) == 1:
                # a surname alone against a full name in the same text: the surnames decide
                short, full = (text, form) if len(tokens) == 1 else (form, text)
                if len(name_key(full).split()) > 1:
                    surname = compare_names(short, full.split()[-1], kind)
                    score = surname.score if surname.same else 0.0
            if score >= 0.85 and (best is None or score > best[0]):
                best = (score, g)
    return best[1] if best else None


_PATRONYMIC = re.compile(r"(ovich|evich|yevich|ovych|ovna|evna|yevna|ovn|ich)$")


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    return {a, b} <= {"ORG", "GROUP"}


_NICKNAME = re.compile(r"((?:[A-Z][\w'’-]*|el|la|al|of|the)(?: (?:[A-Z][\w'’-]*|el|la|al|of|the)){0,3})")


def _aliases_stated(doc: Doc, table: ActorTable) -> None:
    """ "Jaswinder Singh Dhillon, alias Jassa Dhillon", "X, also known as Y": one actor, two names."""
    text = text_of(doc)
    for _start, end, local_id in list(table.mention_tokens):
        try:
            actor = table.get(local_id)
        except KeyError:
            continue
        after = text[doc[end - 1].idx + len(doc[end - 1]) :][:70]
        m = re.match(
            # "Josué Ferraz, a former police corporal known as Zé Mineiro": a short description may come between
            r"\s*(\([^()\n]{1,12}\))?\)?\s*,?\s*(?:(?:a|an|the) (?:(?!of |for |in |from |with |at |to )[a-z-]+ ){1,5})?"
            r"\(?\s*"
            r"(alias|a\.k\.a\.?|aka|also known as|better known as|known as|"
            r"(?:whom |that )?(?:everyone|everybody|residents|locals|people|fighters|followers|they) calls?|"
            r"formally known as|officially known as|whose full name is|full name|"
            r"also called|nicknamed|dubbed|who goes by( the name)?|whose (nickname|nom de guerre|alias) is|"
            r"known by (the|his|her) (nickname|nom de guerre|alias)|"
            # "Abdirahman Warsame, who uses the nom de guerre Abu Usama"
            r"(who )?(uses|used|using|operates under|operated under|operating under|goes under|went under|took) "
            r"(the|a|his|her) (nom de guerre|alias|nickname|pseudonym|kunya|name)|"
            # "the Houthis, who call themselves Ansar Allah", "the AGC, which the government calls the Clan del Golfo"
            r"(who|which|that) (call|calls|called) (themselves|itself|himself)|calling (themselves|itself)|"
            r"(the )?(organisation|organization|group|movement|militia) (that |which )?(the )?"
            r"(government|authorities|army|police|military|press|media) (calls?|calling|refers? to as)( as)?|"
            r"(which|whom|that) (the )?(government|authorities|army|police|military|press|media) "
            r"(calls?|refers? to as))"
            r"\s+(the\s+)?[\"“'‘]?",
            after,
            re.I,
        )
        if not m:
            # "El Tordo is the nickname of Jose Angel Trujillo": the nickname joins the named man
            named = re.match(r"\s+is the (nick)?name (of|for|used by)\s+", after)
            if named:
                at = doc[end - 1].idx + len(doc[end - 1]) + named.end()
                owner_id = next((lid for s, e, lid in table.mention_tokens if doc[s].idx == at), None)
                if owner_id and owner_id != local_id and table.get(owner_id).type == "PERSON":
                    actor.type = "PERSON"
                    _absorb(table, table.get(owner_id), actor)
            continue
        at = doc[end - 1].idx + len(doc[end - 1]) + m.end()
        other_id = next((lid for s, e, lid in table.mention_tokens if doc[s].idx == at), None)
        if other_id is None and actor.type == "PERSON":
            # a nickname the tagger did not take for a name: "known as 'El Tordo'"
            nick = _NICKNAME.match(text[at:])
            if nick and (nick.group(1)[:1].isupper() or re.match(r"(el|la|al) [A-Z]", nick.group(1))):
                alias = nick.group(1).strip()
                if alias and alias not in actor.aliases and alias != actor.name and len(alias) >= 3:
                    actor.aliases.append(alias)
                    actor.mentions.append(Span(at, at + len(alias), alias))
            continue
        if other_id is None or other_id == local_id:
            continue
        other = table.get(other_id)
        if other.type in (actor.type, "GPE", "GROUP", "ORG") and actor.type in ("PERSON", "ORG"):
            other.type = actor.type
            _absorb(table, actor, other)


_SPELLED = re.compile(
    r"\b(name is|names are|is|are)? ?(also |sometimes |variously |often )?(spelled|spelt|transliterated|rendered)"
    r"( as| in English as)?\s+[\"“]?$"
)


def _spellings_stated(doc: Doc, table: ActorTable) -> None:
    """ "Sheikh Cabdi Xuseen Guure, a spokesman ... whose name is also spelled Abdi Hussein Gure": one person."""
    text = text_of(doc)
    for start, _end, local_id in list(table.mention_tokens):
        before = text[max(0, doc[start].idx - 60) : doc[start].idx]
        if not _SPELLED.search(before):
            continue
        sentence_start = doc[start].sent.start
        live = {a.local_id for a in table.actors}
        if local_id not in live:
            continue
        earlier = [lid for s, _e, lid in table.mention_tokens if sentence_start <= s < start and lid not in (local_id,)]
        variant = table.get(local_id)
        owners = [lid for lid in earlier if lid in live and table.get(lid).type == variant.type]
        if owners:
            _absorb(table, table.get(owners[-1]), variant)


def _expand_acronyms(doc: Doc, table: ActorTable) -> None:
    """`Popular Mobilisation Units (PMU)`: NER found only the acronym; the words before spell it."""
    text = text_of(doc)
    for m in re.finditer(r"\(([A-Z][A-Z0-9]{2,6})\)", text):  # three letters or more: not "(US)", "(UN)"
        # an acronym in brackets the tagger did not see: an organisation when the words before spell it
        span = doc.char_span(m.start(1), m.end(1))
        if span is None or len(span) != 1 or table.by_token.get(span.start) is not None:
            continue
        before = [t.text for t in doc[max(0, span.start - 9) : span.start - 1] if t.text[:1].isupper()]
        letters = m.group(1).upper()
        if not any(_acronym(before[i:]).upper() == letters for i in range(len(before))):
            words = text[max(0, m.start() - 80) : m.start()].split()
            if not any("".join(w[0] for w in words[i:]).upper() == letters for i in range(len(words))):
                continue
        existing = next((a for a in table.actors if a.name == m.group(1)), None)
        if existing is not None:
            table.add_mention(existing, span)
        else:
            table.add_actor(m.group(1), "ORG", span)
    for start, end, local_id in list(table.mention_tokens):
        try:
            actor = table.get(local_id)
        except KeyError:  # absorbed into another actor meanwhile
            continue
        acronym = doc[start:end].text
        if actor.type != "ORG" or not _is_acronym(acronym) or start < 2 or doc[start - 1].text != "(":
            continue
        words: list[int] = []
        i = start - 2
        while i >= 0 and len([w for w in words if doc[w].text[:1].isupper()]) < len(acronym):
            tok = doc[i]
            if tok.text[:1].isupper() or tok.lower_ in _NAME_CONNECTORS or tok.text in ("'s", "’s"):
                words.insert(0, i)  # "Uganda People's Defence Forces (UPDF)" keeps its possessive
                i -= 1
            else:
                break
        while words and not doc[words[0]].text[:1].isupper():
            words.pop(0)
        spelled = {_acronym([doc[w].text for w in words]).upper(), "".join(doc[w].text[0] for w in words).upper()}
        if not words or acronym.upper() not in spelled:
            continue  # "Indigenous People of Biafra (IPOB)" spells its "of" too
        span = doc[words[0] : start - 1]
        owners = {table.by_token.get(t.i) for t in span} - {None, local_id}
        if any(table.get(o).type == "PERSON" for o in owners):
            continue
        for owner in owners:  # "Tehreek-e-Taliban Pakistan (TTP)": the pieces NER made of the name go
            other = table.get(owner)
            if other.type == "ORG":
                _absorb(table, actor, other)
                continue
            other.mentions = [m for m in other.mentions if not (span.start_char <= m.start and m.end <= span.end_char)]
            table.mention_tokens = [
                m for m in table.mention_tokens if not (m[2] == owner and span.start <= m[0] < span.end)
            ]
            if not other.mentions:
                table.actors.remove(other)
        table.add_mention(actor, span)
        if _fuller(span.text, actor.name, "ORG"):
            actor.aliases.append(actor.name)
            actor.name = span.text
            actor.aliases.remove(span.text)


def _bracketed_aliases(doc: Doc, table: ActorTable) -> None:
    """`Name (ALIAS)` right after a mention defines an acronym or translation of it."""
    _expand_acronyms(doc, table)
    _aliases_stated(doc, table)
    _spellings_stated(doc, table)
    text = text_of(doc)
    for _start, end, local_id in list(table.mention_tokens):
        try:
            actor = table.get(local_id)
        except KeyError:  # absorbed into another actor meanwhile
            continue
        if actor.type not in ("ORG", "GROUP"):
            continue
        after = text[doc[end - 1].idx + len(doc[end - 1]) :]
        m = re.match(r"\s*\(([^()\n]{2,60})\)", after)
        if not m:
            continue
        alias = m.group(1).strip()
        if alias.lower().startswith(("or ", "aka ", "also ")):
            alias = alias.split(" ", 1)[1].strip(" ,")
        alias_parts = [a.strip() for a in re.split(r",| or ", alias) if a.strip()]
        base = m.start(1) + doc[end - 1].idx + len(doc[end - 1])
        for part in alias_parts:
            # "(al-Shabaab)": a lower-case article before a capitalised name
            if not part[:1].isupper() and not re.match(r"(al|el|ad|an|as|ash|at|ar|az)[-‑’' ][A-Z]", part):
                continue
            if part not in actor.aliases and part != actor.name:
                actor.aliases.append(part)
            offset = text.find(part, base)
            if offset >= 0:
                actor.mentions.append(Span(offset, offset + len(part), part))
            # other actors with exactly this name in the document are this one
            for other in list(table.actors):
                if other is actor or other.type not in ("ORG", "GROUP"):
                    continue
                if any(name_key(f) == name_key(part) for f in other.surface_forms()):
                    _absorb(table, actor, other)


def _absorb(table: ActorTable, keep: DocActor, drop: DocActor) -> None:
    keep.mentions.extend(drop.mentions)
    for form in drop.surface_forms():
        if form not in keep.aliases and form != keep.name:
            keep.aliases.append(form)
    keep.titles.extend(t for t in drop.titles if t not in keep.titles)
    table.actors.remove(drop)
    for i, lid in list(table.by_token.items()):
        if lid == drop.local_id:
            table.by_token[i] = keep.local_id
    table.mention_tokens = [
        (s, e, keep.local_id if lid == drop.local_id else lid) for s, e, lid in table.mention_tokens
    ]


def _titles_and_affiliations(doc: Doc, table: ActorTable) -> None:
    """Read roles and organisations from the words around each person mention."""
    text = text_of(doc)
    for start, end, local_id in table.mention_tokens:
        actor = table.get(local_id)
        if actor.type != "PERSON":
            continue
        sent = doc[start].sent
        # title words just before the name: "Iraqi Prime Minister Mustafa Al-Kazimi"
        before = text[sent.start_char : doc[start].idx]
        m = _TITLE_BEFORE.search(before)
        if m:
            _add_title(actor, m.group(1))
        # "the mayor of San Marcos, Ana Ruiz": a description put before the name
        # "The commander, known by his nom de guerre Kahraman Derik, met ..."
        described = re.search(
            r"\b([a-z-]+)(?: of (?:(?:the )?[A-Z]|an? )[^,;:]{0,50})?,\s*"
            r"(?:(?:known|referred to) (?:by|as) (?:his |her |the )?"
            r"(?:nom de guerre|alias|nickname|name|kunya)?\s*|named\s+|identified as\s+)?$",
            before,
        )
        if described and described.group(1) in ROLE_WORDS:
            _add_title(actor, described.group(1))
            _affiliate(table, actor, (sent.start_char + described.start(), sent.start_char + described.end()))
        # appositive after the name: ", the Secretary-General of the X militia,"
        # the parser may cut a sentence inside an Arabic name ("Asai'b"): read to the line's end
        line_end = text.find("\n", doc[end - 1].idx)
        tail_end = min(line_end if line_end >= 0 else len(text), doc[end - 1].idx + len(doc[end - 1]) + 140)
        tail = text[doc[end - 1].idx + len(doc[end - 1]) : tail_end]
        app = re.match(r",\s+((?:the |a |an )?[^,;:\"“”]{2,120}?)(?:,|;|:|\.\s|$)", tail)
        if app and re.match(
            r"(and|or|but|who|which|when|while|as|after|before|because|if|whose|where)\b", app.group(1), re.I
        ):
            app = None  # a new clause or a list, not a description of the name
        region: tuple[int, int] | None = None
        if app:
            # "X, a zone commander of the CPC whose fighters control ...": the description ends where a clause
            # about someone else begins
            phrase = re.split(r"\s+(?:who|whose|which|that|where)\s+", app.group(1), maxsplit=1)[0]
            words = {w.strip(".").lower() for w in re.split(r"[\s-]+", phrase)}
            a_start = doc[end - 1].idx + len(doc[end - 1]) + app.start(1)
            phrase_span = doc.char_span(a_start, a_start + len(phrase), alignment_mode="expand")
            has_verb = phrase_span is not None and any(t.pos_ in ("VERB", "AUX") for t in phrase_span)
            if has_verb:
                pass  # "X, a video was posted ...": a clause, not a description of X
            elif words & ROLE_WORDS or "secretary-general" in phrase.lower():
                _add_title(actor, _role_of(phrase))
                region = (a_start, a_start + len(phrase))
        # "ORG leader X" / "the ORG security official, X"
        # only the words bound to the name, not across a verb: "the KH security official, X"
        left = start
        while (
            left > max(sent.start, start - 8)
            and doc[left - 1].pos_ not in ("VERB", "AUX", "ADP", "SCONJ")
            and doc[left - 1].lemma_.lower() not in _VERB_EDGES
            and (table.by_token.get(left - 1) is None or table.get(table.by_token[left - 1]).type != "PERSON")
        ):
            left -= 1
        pre_window = doc[left:start]
        if pre_window and any(t.lower_ in ROLE_WORDS for t in pre_window):
            region_pre = (pre_window.start_char, pre_window.end_char)
            _affiliate(table, actor, region_pre)
            for t in pre_window:
                if t.lower_ in ROLE_WORDS:
                    _add_title(actor, t.text)
        if region:
            _affiliate(table, actor, region)
        # "the group's spokesman, X" / "X, its military spokesman": the group the text is about
        if not actor.affiliations:
            near = text[max(sent.start_char, doc[start].idx - 60) : doc[start].idx]
            after = text[doc[end - 1].idx + len(doc[end - 1]) : tail_end][:80]
            pattern = r"\b(the (group|movement|militia|faction|organi[sz]ation|gang|cartel)(['’]s)?|its) (\w+ ){0,2}"
            pattern += r"(spokesman|spokesperson|spokeswoman|leader|commander|chief|head|official)\b"
            near = re.sub(
                r"(\b(sheikh|dr|mr|mrs|ms|brigadier|general|gen|colonel|col|maj|major|commander)\.?\s*)+$",
                "",
                near,
                flags=re.I,
            )
            # "X, a spokesman for the militant group": the role first, the group described after it
            role_first = (
                r"(a|an|the|its|senior) (\w+ )?(spokesman|spokesperson|spokeswoman|leader|commander|chief|head|"
                r"official|emir|founder) (for|of) (the|this|that) ([\w-]+ ){0,2}(group|movement|militia|faction|"
                r"organi[sz]ation|gang|cartel|insurgency|insurgents|militants|rebels)\b"
            )
            if (
                re.search(pattern + r"\W*$", near, re.I)
                or re.match(r"\s*,\s*" + pattern, after, re.I)
                or re.match(r"\s*,\s*" + role_first, after, re.I)
            ):
                main_org = _salient_org(table, doc[start].idx)
                if main_org is not None:
                    actor.affiliations.append(main_org)
        # "X, who speaks for the M23's armed wing, the Congolese Revolutionary Army (ARC), said"
        speaks = re.match(
            r"\s*,\s*who (speaks|spoke|works|worked|leads|led|heads|headed|commands|commanded|represents|"
            r"is a (member|leader|commander|spokesman) of|was a (member|leader|commander) of)\b"
            r"[^\n]{0,140}?(?=, (said|told|says|added)\b|[.;]|$)",
            text[doc[end - 1].idx + len(doc[end - 1]) : tail_end + 60],
        )
        if speaks:
            base = doc[end - 1].idx + len(doc[end - 1])
            _affiliate(table, actor, (base + speaks.start(), base + speaks.end()))


def _salient_org(table: ActorTable, before: int | None = None) -> str | None:
    """The organisation the text is about: most mentioned before `before`, the latest on a tie."""
    best: tuple[int, int, str] | None = None
    for actor in table.actors:
        if actor.type != "ORG":
            continue
        starts = [m.start for m in actor.mentions if before is None or m.start < before]
        if starts:
            key = (len(starts), max(starts), actor.local_id)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _role_of(phrase: str) -> str:
    phrase = re.sub(r"^(the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    if re.search(
        r"\bmember of (the )?(parliament|national assembly|house of representatives|majlis|knesset)\b", phrase, re.I
    ):
        return "MP"  # "a second-term member of parliament from Karkh": what "the lawmaker" will call him
    return re.split(r"\s+(?:of|for|in|at|with)\s+", phrase)[0][:60]


def _add_title(actor: DocActor, title: str) -> None:
    title = title.strip().rstrip(".")
    if title and title.lower() not in (t.lower() for t in actor.titles):
        actor.titles.append(title)


def _affiliate(table: ActorTable, person: DocActor, region: tuple[int, int]) -> None:
    for other in table.actors:
        if other.type != "ORG" or other.local_id in person.affiliations:
            continue
        if any(region[0] <= m.start and m.end <= region[1] for m in other.mentions):
            person.affiliations.append(other.local_id)


# nouns for people that a threat can be aimed at when no one is named
PEOPLE_NOUNS = frozenset(
    """people person man woman men women child children official officials leader leaders journalist
    journalists reporter officer officers soldier soldiers troop troops force forces fighter fighters
    worker workers owner owners civilian civilians resident residents voter voters member members enemy
    enemies traitor traitors family families judge minister president governor mayor police army group
    militia faction company companies government regime dealer dealers pusher pushers agent agents resistance
    brigade brigades movement mujahideen gang gangs cartel rebels insurgents jihadists militants guards
    sons brothers youth youths supporters followers vigilantes villagers militiamen partisans collaborators
    informers informants spies apostates infidels settlers migrants refugees pilgrims elders chiefs clerics
    priests monks nuns christians muslims hindus sikhs jews councillors councilors candidates lawmakers
    legislators administrators truckers drivers herders traders students teachers nurses doctors
    fugitives exiles dissidents defectors opponents critics activists principals magistrates lawyers
    prosecutors protesters demonstrators bloggers mobilisers mobilizers collaborators deserters
    renegades apostates crusaders occupiers invaders mercenaries contractors diplomats tourists
    foreigners merchants businessmen shopkeepers landlords pastors imams""".split()
)
# places and firms that stand for their people when a clause says what they do
COLLECTIVES = frozenset(
    "village hamlet settlement town community family household tribe clan company business shop firm school "
    "hospital "
    # a radio or a paper picked out by what it broadcasts stands for those who work there, a vehicle or a ship
    # for those in it ("Any NGO vehicle that travels with the army escort", "every warship that sails ...")
    "radio station newspaper channel outlet vehicle truck convoy plane aircraft helicopter boat ship warship "
    "vessel tanker bus".split()
)
_THING_NOUNS = frozenset(
    """threat attack strike measure consequence step action weapon rocket missile drone operation sanction
    tariff tax price cost job election vote demand term condition right law rule plan deal contract talk
    negotiation interest hour day week month year time way thing word statement video post message base
    facility building office home house property asset vessel ship infrastructure site position camp
    installation road route border area city town village region land territory export import good product
    crop profit sale share market wage flood landslide""".split()
)


# collective nouns of armed and state forces, named with their country's adjective
_FORCE_HEADS = frozenset(
    "army troops forces soldiers police military navy militia militiamen movement rebels fighters militants "
    "insurgents gunmen guerrillas".split()
)


def group_from_np(tok: Token, table: ActorTable) -> DocActor | None:
    """A group actor for people named by what they are: "journalists", "the shipping companies"."""
    # "any teacher who opens a school", "every policeman": one stands for all of them
    quantified = any(c.dep_ == "det" and c.lower_ in ("any", "every", "each") for c in tok.children)
    if (
        tok.tag_ not in ("NNS", "NNPS")
        and tok.lemma_.lower() not in ("army", "police", "government", "regime")
        and not (quantified and tok.tag_ == "NN")
    ):
        return None
    words = {tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s"), tok.lower_.removesuffix("es")}
    # "Every village that gives food to the jihadists", "any company that lends its buses": a place or a firm
    # picked out by what its people do stands for them
    # ("villages that send their sons to the militia", "villages hosting vigilantes")
    clause = any(c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ == "VBG") for c in tok.children)
    collective = bool(words & COLLECTIVES) and (quantified or tok.tag_ in ("NNS", "NNPS")) and clause
    if words & _THING_NOUNS and not collective:
        return None
    anaphoric = any(c.dep_ == "det" and c.lower_ in ("these", "those", "this", "that") for c in tok.children)
    described = any(c.dep_ in ("relcl", "acl", "prep") for c in tok.children)
    if anaphoric and not described and tok.lemma_.lower() in ("people", "person", "one", "man", "guy", "folk"):
        return None  # "if these people touch Nasir": whom "these people" are was said before
    # "any nurse who works for the government": whoever a "who" clause describes is people
    # "those fugitives who sit in Warsaw": a demonstrative with a "who" clause picks people out as well
    pointed = quantified or any(c.dep_ == "det" and c.lower_ in ("those", "these", "all") for c in tok.children)
    described_by_who = pointed and any(
        c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children) for c in tok.children
    )
    suffix = r"(er|or|ist|ian|ant|ent|ee|man)" + ("s?" if quantified else "s") + "$"
    # ("the Turkish generals", "the commanders": people by their rank or office too)
    people = words & (PEOPLE_NOUNS | ROLE_WORDS)
    if not people and not described_by_who and not collective and not re.search(suffix, tok.lower_):
        return None  # a threat is aimed at people: "journalists", "shipping companies", not "floods"
    if table.at_token(tok.i):
        return None
    chunk = next((c for c in tok.sent.noun_chunks if c.root.i == tok.i), None)
    doc = tok.doc
    if chunk is None and all(t.dep_ in ("det", "amod", "compound", "nummod") for t in doc[tok.left_edge.i : tok.i]):
        chunk = doc[tok.left_edge.i : tok.i + 1]  # "Every elder who ..., we will ...": fronted, not a chunk to spaCy
    if chunk is None:
        return None
    start = chunk.start
    while start < tok.i and (
        doc[start].lower_ in ("the", "a", "an", "all", "any", "its", "their", "every", "those", "these")
        or doc[start].is_punct
        or doc[start].tag_ == "PRP$"
    ):
        start += 1
    span = doc[start : tok.i + 1]
    owner = table.at_token(start)
    if owner is not None:
        # "Burundian troops": the people named by their country's adjective is that group
        if table.get(owner).type == "GROUP":
            return table.get(owner)
        demonym = doc[start].pos_ in ("ADJ", "PROPN") and re.search(r"(an|ian|ese|ish|ic|i)$", doc[start].lower_)
        # "Burkina villages that send sons to the militia", "Gusau journalists": people named with their place
        placed = table.get(owner).type == "GPE" and bool(words & (COLLECTIVES | PEOPLE_NOUNS) or people)
        if not (demonym and start + 1 == tok.i and tok.lemma_.lower() in _FORCE_HEADS) and not placed:
            return None
        # "the Ecuadoran army" with "Ecuadoran" tagged as a person: the army, named with its country
    # "any teacher" and "teachers" are one group
    forms = {span.text.lower(), span.text.lower() + "s", span.text.lower().removesuffix("s")}
    existing = next((a for a in table.actors if a.type == "GROUP" and a.name.lower() in forms), None)
    if existing is not None:
        table.add_mention(existing, span)
        _group_forms(existing, tok, span)
        return existing
    actor = table.add_actor(span.text, "GROUP", span)
    # 'the "non-local" labourers': the name without the quotation marks the writer put around a word
    actor.name = re.sub(r"\s+", " ", re.sub(r"[\"“”‘’]", "", span.text)).strip() or span.text
    _group_forms(actor, tok, span)
    return actor


_PICKING_PRONOUNS = frozenset(["those", "anyone", "anybody", "everyone", "everybody", "all"])
_HOSTILE_VERBS = frozenset(
    "occupy invade attack kill steal plunder loot insult betray spy collaborate serve help support fund enter "
    "trespass "
    "inform harm oppress torture rob desecrate".split()
)
_CLAUSE_BREAKS = frozenset(["to", "in", "on", "at", "for", "with", "by", "of", "from", "into", "and", "or", ","])


def speaks_for_us(clause: Token) -> bool:
    """Whether a "who" clause describes the speaker's own side ("who defend our land", "who stand with us"),
    not people who act against it ("who occupy our land", "who give our names to the police")."""
    words = list(clause.subtree)
    text = " ".join(w.lower_ for w in words)
    hostile = any(w.lemma_.lower() in _HOSTILE_VERBS for w in words) or bool(
        re.search(r"\bto the (police|army|soldiers|military|enemy|authorities|regime|security forces)\b", text)
    )
    ours = any(w.lower_ in ("we", "us") for w in words) or any(
        w.lower_ in ("our", "my") and w.head.head.i == clause.i for w in words
    )
    return ours and not hostile


def group_from_pronoun(tok: Token, table: ActorTable) -> DocActor | None:
    """ "Those who come from Punjab to occupy our land ...", "Anyone who helps the army": people picked out
    by a pronoun and a "who" clause, named by the phrase as a reader would quote it."""
    if tok.lower_ not in _PICKING_PRONOUNS or table.at_token(tok.i):
        return None
    # "Anyone from the valley who comes to plough": the parser may hang the clause on the nearer noun
    clause = next(
        (c for c in tok.subtree if c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children)),
        None,
    )
    if clause is None:
        return None
    if speaks_for_us(clause):
        return None  # "those who defend our land" are the speaker's own; "those who occupy our land" are not
    if clause.lemma_.lower() in ("do", "be", "have", "stay", "remain", "continue"):
        return None  # "those who do not", "those who stay": whom it means is said elsewhere
    doc = tok.doc
    end = max(t.i for t in clause.subtree) + 1
    if tok.head.i > tok.i:
        end = min(end, tok.head.i)  # never into the main verb the parser may have hung on the clause
    # the shortest reading stops before the first break after the verb's object or place:
    # "Those who come from Punjab" | "... to occupy our land" | "... in the name of labour"
    cuts = [
        i
        for i in range(clause.i + 2, end)
        if doc[i].lower_ in _CLAUSE_BREAKS and not doc[i - 1].is_punct and doc[i - 1].lower_ not in _CLAUSE_BREAKS
    ]
    phrases = [doc[tok.i : i].text for i in cuts if i - tok.i <= 16]
    phrases += [doc[tok.i : end].text] if end - tok.i <= 16 else []
    phrases = [re.sub(r"\s+", " ", p).strip(" ,;:") for p in phrases if "\n" not in p]
    if not phrases:
        return None
    actor = table.add_actor(phrases[0], "GROUP", doc[tok.i : tok.i + 1])
    actor.aliases = [a for a in actor.aliases if a.lower() != tok.lower_]
    for phrase in phrases[1:] + [re.sub(r"^\w+ who ", "", p) for p in phrases]:
        if phrase and phrase != actor.name and phrase not in actor.aliases:
            actor.aliases.append(phrase)
    return actor


def _group_forms(actor: DocActor, tok: Token, span: SpacySpan) -> None:
    """The other ways a group named by what its people are is written: "candidate" / "candidates", and the
    phrase with what picks them out, "any candidate who comes to campaign in the valley"."""
    forms = []
    head = tok.lower_
    singular = tok.lemma_.lower()
    plural = head if tok.tag_ in ("NNS", "NNPS") else (head + "es" if re.search(r"(s|sh|ch|x)$", head) else head + "s")
    prefix = span.text[: len(span.text) - len(tok.text)]
    forms.extend([prefix + singular, prefix + plural] if prefix.strip() else [singular, plural])
    # the whole phrase with its "who" clause, as a reader would quote it (a short one)
    after = [t.i for c in tok.children if c.dep_ in ("relcl", "acl", "prep") for t in c.subtree]
    clause_end = max(after, default=tok.i)
    whole = tok.doc[tok.left_edge.i : clause_end + 1]
    if len(whole) <= 16 and "\n" not in whole.text:
        forms.extend([whole.text, re.sub(r"^(?i:the|a|an|any|all|every|those|these)\s+", "", whole.text)])
    # and with only what says where or whose they are: "the people of Arbinda (who send their sons ...)"
    of_place = [t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "from") for t in c.subtree]
    if of_place and max(of_place) - tok.left_edge.i <= 8:
        phrase = tok.doc[tok.left_edge.i : max(of_place) + 1].text
        forms.extend([phrase, re.sub(r"^(?i:the|a|an|any|all|every|those|these)\s+", "", phrase)])
    for form in forms:
        form = form.strip(" ,.;:\"“”")
        if form and form != actor.name and form not in actor.aliases:
            actor.aliases.append(form)
