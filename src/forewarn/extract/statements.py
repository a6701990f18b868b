"""Statements: who said what, and to whom.

Finds direct quotes (straight and curly marks, across sentences, unclosed at paragraph
ends), transcript speaker turns ("Name: ..."), and reported speech ("X threatened Y with
Z", "X vowed to put Y behind bars"), and attributes each to a speaker, resolving pronouns
and descriptions ("he", "the group's security official") to a named actor of the document
where the text makes it clear.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from forewarn.extract.actors import (
    NAMED_AS,
    PEOPLE_NOUNS,
    PERSON_NOUNS_BEFORE_NAMES,
    ROLE_WORDS,
    ActorTable,
    group_from_np,
)
from forewarn.model import DocActor
from forewarn.nlp.gender import PRONOUN_GENDER, Gender, person_gender
from forewarn.nlp.pipeline import ORG_WORDS, is_known_place, text_of
from forewarn.resolve.names import name_key, strip_titles

StatementKind = Literal["quote", "turn", "reported", "indirect"]

def _describing_words(head: Token) -> set[str]:
    """The words that qualify a noun itself ("an underground communist faction": underground, communist), not
    those of clauses hanging on it, and none that fit many organisations' names."""
    return {
        c.lower_
        for c in head.children
        if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "PROPN") and len(c) >= 4
    } - _VAGUE_GROUP_WORDS


def _reads_out(verb: Token) -> bool:
    """ "read out the transcript of the video", "read the letter": someone reading a text aloud, not its author."""
    return verb.lemma_.lower() == "read" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS | _READ_OUT_TEXTS for c in verb.children
    )


_READ_OUT_TEXTS = frozenset({"transcript", "text", "copy", "excerpt"})
# a caller naming himself: "He said his name was X", "he introduced himself as X"
_NAME_GIVEN = re.compile(
    r"\b(he|she) (said|says|told me|told us) (that )?(his|her) name (was|is)\s+|\b(he|she) (introduced|presented|"
    r"identified) (himself|herself) as\s+|\bcalled (himself|herself)\s+",
    re.IGNORECASE,
)
# men who say whose side they are on: "two men who said they were Asayish officers"
_CLAIMED_SIDE = re.compile(
    r"\b(said|claimed) (they|he|she) (were|was) |\b(identified|introduced|presented) (themselves|himself) as "
)
# verbs of a sentence that turns to someone, which the quote opening the next sentence then speaks to
_ADDRESSING_VERBS = frozenset("address warn threaten tell turn".split())
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "write",
        "tweet",
        "post",
        "add",
        "state",
        "warn",
        "threaten",
        "declare",
        "conclude",
        "read",
        "insist",
        "vow",
        "announce",
        "note",
        "explain",
        "stress",
        "affirm",
        "argue",
        "call",
        "pledge",
        "promise",
        "swear",
        "claim",
        "reply",
        "respond",
        "repeat",
        "reiterate",
        "continue",
        "urge",
        "demand",
        "proclaim",
        "shout",
        "speak",
        "ask",
        "issue",
        "publish",
        "send",
        "describe",
        "comment",
        "remark",
        # "he recalls", "she recounted", "he testified": a teller's words
        "recall",
        "recount",
        "testify",
    ]
)
# verbs that report what someone said in their own clause ("X said Y would pay")
INDIRECT_VERBS = frozenset("say tell declare state add insist stress write tweet post announce claim".split())
# things that carry a statement: "the post read", "the banner said"
STATEMENT_NOUNS = frozenset(
    """statement post tweet message video letter account banner pamphlet leaflet communique communiqué note
    recording audio broadcast sermon speech poster graffiti notice email e-mail voicemail text sheet flyer""".split()
)
# news agencies: they are told things, verify and report them, and never threaten anyone
WIRE_AGENCY = re.compile(
    r"^(the )?(reuters|afp|agence france[- ]presse|ap|associated press|dpa|efe|ansa|xinhua|tass|ria novosti|"
    r"anadolu( agency)?|bernama|pti|press trust of india|ians|kyodo|yonhap|apa|bbc|cnn|al jazeera)$",
    re.IGNORECASE,
)
# what "the message" read out in court may have been, as the text said before
_MESSAGE_KINDS = frozenset("message email e-mail voicemail letter text post note tweet".split())
# messages put up or handed out, one kind often named by another ("narcomantas" ... "the banners")
_POSTED_KINDS = frozenset(
    "banner narcomanta message poster leaflet pamphlet flyer note placard sheet document".split()
)
# an intro that carries on the voice of the quote before it: "It went on:", "The statement continued:"
GOES_ON = re.compile(
    r"(?i)(it|he|she|they|the (" + "|".join(sorted(STATEMENT_NOUNS)) + r"|spokesman|spokesperson|speaker))"
    r" (then |later |also )?(went on|continued|added|concluded|ended|closed)( by saying| with)?\s*[:,]?"
)
# verbs whose subject makes the threat they take as object: "X issued a threat"
_ISSUING_VERBS = frozenset("issue make renew repeat reiterate post send deliver level voice publish broadcast".split())
# reporting verbs that make the statement itself a threat claim ("X threatened Y")
THREAT_VERBS = frozenset(["threaten", "vow", "warn", "pledge", "promise", "swear"])
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "his"])
GROUP_PRONOUNS = frozenset(["they", "it", "them", "their", "its"])
GROUP_NOUNS = frozenset(
    [
        "group",
        "militia",
        "movement",
        "organization",
        "organisation",
        "faction",
        "brigades",
        "brigade",
        "party",
        "network",
        "front",
        "army",
        "force",
        "forces",
        "outfit",
        "coalition",
        "alliance",
    ]
)
GROUP_NOUNS = GROUP_NOUNS | {"gang", "cartel", "clan", "rebels", "insurgents", "militants", "jihadists", "gunmen"}
PERSON_NOUNS = ROLE_WORDS | frozenset(
    ["man", "woman", "suspect", "defendant", "gunman", "person", "resident", "teenager"]
)
_LEADER = frozenset({"leader", "head", "chief", "commander", "secretary-general", "boss", "emir", "founder"})
TITLE_SYNONYMS: dict[str, frozenset[str]] = {
    **{word: _LEADER for word in _LEADER},
    "spokesman": frozenset({"spokesman", "spokesperson", "spokeswoman", "official", "security official"}),
    "spokesperson": frozenset({"spokesman", "spokesperson", "spokeswoman", "official", "security official"}),
    "official": frozenset({"spokesman", "spokesperson", "official", "security official"}),
    **{
        w: frozenset({"congresswoman", "congressman", "rep", "representative", "lawmaker", "legislator", "mp"})
        for w in ("congresswoman", "congressman", "lawmaker", "legislator", "representative", "rep", "mp")
    },
    "prime minister": frozenset({"prime minister", "pm", "premier"}),
    "premier": frozenset({"prime minister", "pm", "premier"}),
    "pm": frozenset({"prime minister", "pm", "premier"}),
    "governor": frozenset({"governor", "gov"}),
    # a mayor in the words of the place: "Sindaca, ...", "presidente" of a Mexican municipality, a regency's bupati
    **{
        w: frozenset({"mayor", "sindaca", "sindaco", "alcalde", "alcaldesa", "presidente", "presidenta", "prefeito",
                      "prefeita", "bupati", "regent", "municipal president"})
        for w in ("mayor", "sindaca", "sindaco", "alcalde", "alcaldesa", "presidente", "presidenta", "prefeito",
                  "prefeita", "bupati", "regent")
    },
    "gov": frozenset({"governor", "gov"}),
    # a man of religion is "the cleric" whatever his title says
    **{
        w: frozenset({"cleric", "sheikh", "imam", "mullah", "ayatollah", "mawlawi", "maulana", "mufti", "preacher",
                      "hojatoleslam", "allama", "pastor", "priest", "bishop", "reverend", "rabbi"})
        for w in ("cleric", "preacher")
    },
    # a priest is "Father" before his name, "Padre" or "Father" when spoken to
    **{w: frozenset({"priest", "father", "padre", "fr", "reverend", "pastor"}) for w in ("priest", "padre")},
}

# kinds of office far enough apart that a description of one never means a holder of another ("the military
# prosecutor" is not the lawmaker; "the commander" may well be the general)
_ROLE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset("general colonel captain major brigadier lieutenant sergeant commander commander-in-chief emir".split()),
    frozenset("lawmaker legislator mp congressman congresswoman senator representative".split()),
    frozenset("judge prosecutor attorney magistrate clerk registrar defendant".split()),
    frozenset("cleric preacher imam mufti mullah priest pastor bishop".split()),
    frozenset("mayor governor councillor councilor".split()),
)

# verbs that give a message its author with "to": "a video attributed to X"
# descriptions a court or police report uses for the person it accuses
_ACCUSED_FIGURES = frozenset(
    "man woman suspect defendant accused caller sender author gunman attacker teenager convict".split()
)
_ACCUSED_AFTER = re.compile(
    r"(?:,\s*(?:\d{2},\s*)?[^.;\n]{0,60}?,)?\s+(?:who\s+)?(?:\w+ly\s+)?"
    r"(?:(?:is|was|has been|had been|were|have been)\s+"
    r"(?:charged|arrested|accused|indicted|convicted|sentenced|jailed|detained|remanded|found guilty)|"
    r"pleaded (?:guilty|not guilty)|admitted|denies|denied (?:the )?charges?)\b"
)
_ACCUSED_BEFORE = re.compile(
    r"\b(?:suspect|defendant|accused|man|woman|caller)\b[^.;\n]{0,30}?\b" + NAMED_AS + r"\s+[\"“']?$"
    r"|\b(?:charged|arrested|indicted|convicted|sentenced|jailed)\s+(?:\w+\s+){0,3}?$"
)
# "framed charges under Section 351(3) of the ... and under the Arms Act against X"
_CHARGES_AGAINST = re.compile(r"\b(charges?|chargesheet|case|complaint|indictment)\b[^.;\n]{0,160}?\bagainst\s+$")
_SIGNED = re.compile(
    r"\b(?:were|was|are|is|had been|have been)\s+signed\s+(?:by\s+|with the name\s+|as\s+)?[\"“']?|"
    # "It bore the name of Abu Haroon Khurasani, the spokesman of ..."
    r"\b(?:bore|bears|bear|carried|carries|carry)\s+the\s+(?:name|signature|seal|stamp|logo|emblem)s?\s+of\s+|"
    # 'The leaflet bore the initials "BRN" and a stamp of crossed daggers'
    r"\b(?:bore|bears|bear|carried|carries|carry)\s+the\s+(?:initials|name|signature|letterhead)\s+[\"“']?"
)
_ANONYMOUS = re.compile(r"\b(anonymity|not authori[sz]ed|asked not to be (named|identified)|declined to be named)\b")
_ASCRIBING = frozenset(["attribute", "credit", "ascribe", "link", "trace"])
# what the one a message was meant for did with it
_FOUND_OR_GOT = frozenset("find receive get discover open".split())
# how a message is left at someone's place: "pushed under the gate of her house", "taped to his door"
_DELIVERED = frozenset("push slip leave throw place nail tape deliver drop stick".split())
_AT_SOMEONES = frozenset("under through at on onto outside into to".split())
# a clause in which someone names himself: "who gave his name as X", "calling himself X"
_SELF_NAMING = re.compile(
    r"\b(gave (his|her|their) names? as|(calling|called|calls|call|identified|identifying|identifies|identify|"
    r"introduced|introducing|introduces|presented|presenting|presents) (himself|herself|themselves|itself)( as)?|"
    + NAMED_AS
    + r"|known as|"
    r"who said (he|she) was|who said (his|her) name was|what (it|they|he|she) calls?( itself| themselves)?|"
    # "an officer he identified as X", "a commander she named as X": the teller names him
    r"(he|she|they|i|we) (identified|identifies|named|names|described|describes) as)\b"
)

# the frame of a statement printed in full: its heading or an opening marker, and a closing marker
_FRAME_START = re.compile(
    r"(?im)^[ \t]*(?:\[(?:begin(?:ning)?(?: of)? |start of |full )?(?:the )?(?:statement|text|communiqu[eé]|message|"
    r"letter|leaflet|declaration)\]|(?:statement|communiqu[eé]|declaration|proclamation|announcement) (?:no\.? ?\d+ )?"
    r"(?:of|by|from|issued by) (?P<org>[^\n\]]{3,120}?)|"
    # a heading line of its own: "PUBLIC COMMUNIQUÉ", "Statement No. 4"
    r"(?:public |official |joint |press |urgent )?(?:statement|communiqu[eé]|declaration|proclamation|press release)"
    r"(?: no\.? ?\d+)?"
    # "PUBLIC COMMUNIQUÉ TO THE COMMUNITIES OF THE MICAY CANYON AND TO PUBLIC OPINION": a heading, no full stop
    r"(?: (?:to|on|regarding|concerning) [^\n.]{3,200})?)[ \t]*$"
)
_FRAME_END = re.compile(
    r"(?im)^[ \t]*(?:\[(?:end|ends|end of (?:the )?(?:statement|text|communiqu[eé]|message|letter|leaflet|"
    r"declaration))\]|-+ ?ends? ?-+|ends|-{3,}|\*(?: ?\*)*|_{3,})[ \t.]*$"
)
# the small words inside names written in quotation marks ("El Flaco", "Abu al-Walid")
_NAME_PARTICLES = frozenset("el la al de del da do bin ibn abu umm van von der".split())
# an item heading in a monitoring digest: "1. Statement of the Media Office of X (posted 21:40 Baghdad time)"
_ITEM_HEADING = re.compile(
    r"(?im)^[ \t]*(?:\d+[.)][ \t]*)?(?:the )?(?:full )?(?:text of )?(?:statement|communiqu[eé]|post|message|"
    r"video|audio message|voice note|letter|leaflet|tweet)\b[^\n]{0,60}?\b(?:of|by|from)[ \t]+(?P<who>[^\n(:]{3,100}?)"
    r"[ \t]*(?:\([^\n)]*\))?[ \t]*:?[ \t]*$"
)
# a name given in a transcript label's brackets: "(masked, identified by residents as "Ti Wòch")"
_SELF_GIVEN_NAME = re.compile(
    r"\b(?:identified|known|named|introduced|presenting himself|presenting herself|calling himself|calling herself)"
    r"(?: by [\w ]{1,30}?)? as [\"“']?(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
)
# words shaped like people's ("-er", "-or") that are not
_NOT_PEOPLE = frozenset(
    """paper newspaper chamber center centre monitor register letter order computer newsletter quarter border
    corridor mirror sector counter water river number matter meeting broadcaster tribunal tower theater theatre
    parliament minister's""".split()
)
# how a statement records that the text gives its words to someone it does not name ("a man's voice says")
UNNAMED_SPEAKER = "said by someone unnamed"
# words of a description that fit many organisations' names: "a new armed group", "the national front"
_VAGUE_GROUP_WORDS = frozenset(
    "armed national new local small rival main group groups movement party front army forces force the".split()
)
# the state's own bodies, which a story brings in after an armed group it describes
_STATE_BODY = re.compile(
    r"\b(ministry|ministries|police|army|armed forces|government|court|commission|parliament|council|"
    r"department|agency|office|embassy|united nations|un)\b",
    re.IGNORECASE,
)
# occupations and situations a story goes on to call a person by, as patterns of the words that introduce them
# ("the photographer said", "the witness told the court"); roles in organisations are resolved by title instead
_OCCUPATIONS_DESCRIBED: dict[str, str] = {
    noun: rf"(?:{noun}|{noun}s)\b"
    for noun in PERSON_NOUNS_BEFORE_NAMES - ROLE_WORDS
    - {"gunman", "suspect", "defendant", "accused", "host", "anchor", "boss", "chief", "elder", "resident"}
}
# "X, 29, a freelance correspondent for ...": the occupation a story gives a person it names
_OCCUPATION_AFTER = re.compile(
    r"\s*,\s*(?:(?:aged )?\d{1,3},\s*)?(?:a|an)\s+(?:[\w'’-]+\s+){0,2}?("
    + "|".join(sorted(_OCCUPATIONS_DESCRIBED, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# "Kirushanthan gave evidence for nearly two hours", "X, who testified on Monday"
_GAVE_EVIDENCE = re.compile(
    r"[^.\n]{0,140}?\b(?:testified|gave evidence|took the stand|told the (?:court|tribunal|inquiry|hearing))\b"
)
# figures a report describes before (or instead of) naming them
_UNNAMED_FIGURES = frozenset("man woman speaker voice gunman figure person narrator".split())

# words that qualify a role in a transcript label: "MILITARY SPOKESMAN:", "JUNTA CHIEF:"
_ROLE_QUALIFIERS = frozenset({"military", "army", "police", "junta", "group", "chief", "deputy"})
# transcript labels that are roles, not names
_NON_SPEAKER_LABELS = frozenset(
    "interviewer host moderator anchor reporter presenter question answer q a narrator caller voice "
    "translator interpreter source note editor's note update correction transcript caption video audio "
    "subtitle headline summary background speaker first second third fourth unidentified unknown presenter "
    "analyst guest correspondent expert commentator panelist panellist broadcast aired date published posted "
    "updated filed dateline time location programme program show channel station language clip soundbite sot "
    "excerpt recording footage continued cont'd "
    # the section heads of a brief or a report: "Assessment: We judge it unlikely ..."
    "assessment analysis context outlook methodology comment conclusion conclusions recommendation "
    "recommendations key judgement judgment judgements judgments bottom line why it matters what happened "
    "what next next steps takeaway takeaways verdict".split()
)
# "[AUDIO CLIP, CONTINUED]:": more of the footage whose speaker the last such label named
_CONTINUED_LABEL = re.compile(r"\b(continued|continues|cont['’]?d|cont\.)\s*$", re.IGNORECASE)
# "WILKENS "TI LOU" DESROSIERS": a nickname quoted inside a name
_QUOTED_NICKNAME = re.compile(r"\s*[\"“][^\"”\n]{1,30}[\"”]\s*")
# a transcript turn: "NAME: ...", "[00:01:22] NAME: ...", "[Name] ..." or "[VIDEO - NAME, POSTED ON X]: ..."
_TIMESTAMP = r"(?:\[\d{1,2}(?::\d{2}){1,2}\]\s*|\(?\d{1,2}(?::\d{2}){1,2}\)?\s+)?"
TURN_LINE = re.compile(
    # ("A: ..." of an interview is a label of one letter)
    r"(?m)^" + _TIMESTAMP + r"(?:(?P<label>[A-Z][^\n:\[\]]{0,90}):|\[(?P<bracket>[A-Z][^\]\n]{1,90})\]:?)"
    r"[ \t]+(?P<said>\S[^\n]*)$"
)
_NOT_TURN_START = frozenset("to dear o oh re subject from by for in on at as note update".split())
_OPEN_CONTEXT = set(" \t\n([{—–-/:;,")
_DOUBLE_MARKS = set('"“”„«»')


@dataclass
class Statement:
    kind: StatementKind
    start: int  # content span (characters)
    end: int
    speaker: str | None = None  # local actor id
    speaker_mention: tuple[int, int] | None = None  # characters naming the speaker here
    cue: str | None = None  # the reporting verb's lemma
    cue_token: int | None = None
    addressee: str | None = None  # local actor id addressed in the attribution
    addressee_mention: tuple[int, int] | None = None
    sentence: tuple[int, int] = (0, 0)  # the sentence(s) the statement sits in (characters)
    continues: bool = False  # a quote continued from the previous paragraph
    how: list[str] = field(default_factory=list)
    # quotes inside a turn: others' words the turn's speaker repeats ("He said: '...'"), not the speaker's own
    holes: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int
    open_mark: int  # offset of the opening mark
    closed: bool


def _block_quotes(text: str) -> list[QuoteSpan]:
    """A document quoted line by line: a line that opens a quote and never closes it, the lines after it (no
    blank line between), and a line that only closes it ('"EJÉRCITO ... - BLOQUE X' ... 'Bloque X, EGC"')."""
    blocks: list[QuoteSpan] = []
    for opener in re.finditer(r"(?m)^[ \t]*([\"“])(?=\S)", text):
        line_end = text.find("\n", opener.end())
        if line_end < 0 or any(c in _DOUBLE_MARKS for c in text[opener.end() : line_end]):
            continue
        at = line_end + 1
        blank_lines = 0
        for _ in range(40):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            line = text[at:end]
            if not line.strip():
                # a statement quoted paragraph by paragraph, marks only at its head and its foot ('"In the name of
                # God ...' ... '14 Ramadan 1446"'); too many blank lines: the quote was only left open
                blank_lines += 1
                if blank_lines > 6 or end >= len(text):
                    break
                at = end + 1
                continue
            marks = [i for i, c in enumerate(line) if c in _DOUBLE_MARKS]
            if marks:
                close = at + marks[-1]
                if len(marks) == 1 and not line[marks[-1] + 1 :].strip(" .,;") and close - opener.end() > 40:
                    blocks.append(QuoteSpan(opener.end(), close, opener.start(1), True))
                break
            at = end + 1
    return blocks


_TRANSLATION_AFTER = re.compile(r"[ \t]*\(([A-Z][^()\"“”\n]{18,600}[.!?])\)")


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted passages, paragraph by paragraph; an unclosed quote ends with its paragraph. A paragraph after an
    unclosed quote that shows only a closing mark ('Likewise, ... will be executed."') goes on with the quote."""
    quotes: list[QuoteSpan] = []
    blocks = _block_quotes(text)
    quotes.extend(blocks)
    carried = False  # the paragraph before ended inside a quote
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        if any(b.open_mark <= p_end and p_start <= b.end for b in blocks):
            carried = False
            continue
        open_at: int | None = None
        single_open: int | None = None
        carry, carried = carried, False
        for i in range(p_start, p_end):
            ch = text[i]
            prev = text[i - 1] if i > p_start else " "
            nxt = text[i + 1] if i + 1 < p_end else " "
            if ch in _DOUBLE_MARKS:
                opening = (prev in _OPEN_CONTEXT or i == p_start) and not nxt.isspace()
                if carry and open_at is None and not opening and ch in '"”»' and prev in ".,!?;…" and i - p_start > 1:
                    quotes.append(QuoteSpan(p_start, i, p_start, True))
                    carry = False
                    continue
                carry = False
                if open_at is None and (opening or ch in "“«„"):
                    if not nxt.isspace() or ch in "“«„":
                        open_at = i
                elif open_at is not None and not (opening and ch in "“«„" and i - open_at < 2):
                    if i - open_at > 1:
                        quotes.append(QuoteSpan(open_at + 1, i, open_at, True))
                    open_at = None
            elif ch == "‘" and open_at is None and single_open is None and not nxt.isspace():
                single_open = i
            elif ch == "’" and single_open is not None and not nxt.isalpha():
                if i - single_open > 3:
                    quotes.append(QuoteSpan(single_open + 1, i, single_open, True))
                single_open = None
        if open_at is not None:
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            if end - open_at > 2:
                quotes.append(QuoteSpan(open_at + 1, end, open_at, False))
                carried = True
    # a quote in another language and its translation in brackets right after it: '"Fon, you dey chop with them."
    # (Fon, you are eating with them.)' is quoted too
    for q in list(quotes):
        translation = _TRANSLATION_AFTER.match(text, q.end + 1) if q.closed else None
        if translation is not None:
            quotes.append(QuoteSpan(translation.start(1), translation.end(1), translation.start(1) - 1, True))
    return sorted(quotes, key=lambda q: q.start)


class StatementFinder:
    def __init__(self, doc: Doc, actors: ActorTable) -> None:
        self.doc = doc
        self.actors = actors
        self.text = text_of(doc)
        self.quotes = find_quotes(self.text)
        self._in_quote = [False] * len(doc)
        for q in self.quotes:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            words = [t for t in span if not t.is_punct]
            if 0 < len(words) <= 4 and all(t.is_title or t.lower_ in _NAME_PARTICLES for t in words):
                continue  # 'alias "El Flaco"', 'calls himself "General Nkemba"': a name in marks, not words said
            for t in span:
                self._in_quote[t.i] = True
        self._starts = [t.idx for t in doc]
        self._participant_ids: set[str] | None = None
        self._genders: dict[str, Gender | None] = {}
        self._accused_marks: list[tuple[int, str]] | None = None  # (char, actor) where a person is accused
        self._recipient: str | None = None  # whom the message a quote was last traced to was sent
        # transcript labels already tied to a speaker: "SECOND SPEAKER (identified as X):" ... "SECOND SPEAKER:"
        self._label_speakers: dict[str, str] = {}
        # who the document quotes by name: the referent of later descriptions like "the official"
        self._speaker_counts: Counter[str] = Counter()
        for tok in doc:
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
                for child in tok.children:
                    lid = actors.at_token(child.i) if child.dep_ in ("nsubj", "nsubjpass") else None
                    if lid and actors.get(lid).type == "PERSON":
                        self._speaker_counts[lid] += 1

    # ------------------------------------------------------------------ public
    def token_at(self, char: int) -> Token | None:
        """The token covering a character offset (or the nearest one before it)."""
        if not len(self.doc):
            return None
        i = bisect.bisect_right(self._starts, char) - 1
        return self.doc[max(0, i)]

    def in_quote(self, token_i: int) -> bool:
        return self._in_quote[token_i]

    def statements(self) -> list[Statement]:
        found: list[Statement] = []
        found.extend(self._quotes())
        found.extend(self._turns(found))
        found.extend(self._blocks(found))
        found.extend(self._framed(found))
        self._headed_quotes(found)
        found.extend(self._reported())
        found.sort(key=lambda s: s.start)
        return found

    # ------------------------------------------------------------------ quotes
    def _quotes(self) -> Iterator[Statement]:
        stmts = list(self._quotes_in_order())
        # a quote left open at a paragraph's end goes on in the next paragraph, where it is attributed
        for i in range(len(stmts) - 2, -1, -1):
            current, nxt = stmts[i], stmts[i + 1]
            if current.speaker is None and nxt.speaker is not None and self._opens_next(current, nxt):
                current.speaker, current.cue = nxt.speaker, nxt.cue
                current.addressee = current.addressee or nxt.addressee
                current.how.append("continued in the next paragraph")
        yield from stmts

    def _opens_next(self, current: Statement, nxt: Statement) -> bool:
        quote = next((q for q in self.quotes if q.start == current.start), None)
        if quote is None or quote.closed:
            return False
        gap = self.text[current.end : nxt.start]
        return gap.count("\n") <= 3 and not re.search(r"[A-Za-z]", gap)

    def _quotes_in_order(self) -> Iterator[Statement]:
        previous: Statement | None = None
        for q in self.quotes:
            stmt = Statement("quote", q.start, q.end)
            first = self.token_at(q.open_mark)
            sent = first.sent if first is not None else None
            last = self.token_at(max(q.start, q.end - 1))
            last_sent = last.sent if last is not None else sent
            if sent is not None and last_sent is not None:
                stmt.sentence = (sent.start_char, last_sent.end_char)
            self._attribute_quote(stmt, q, sent, last_sent)
            para_start = self.text.rfind("\n", 0, q.open_mark) + 1
            starts_paragraph = not self.text[para_start : q.open_mark].strip()
            # "It went on: '...'", "The statement continued:": the same voice as the quote before
            goes_on = bool(GOES_ON.fullmatch(self.text[para_start : q.open_mark].strip()))
            between = self.text[previous.end : q.open_mark] if previous is not None else ""
            labelled = bool(re.search(r"(?m)^[^\n\"“”]{3,}:[ \t]*$", between))
            if stmt.speaker is None and previous is not None and previous.speaker is not None and not labelled:
                # (not past a line that labels the next words: "Syrian Salvation Government, statement, 12:30:")
                gap = self.text[previous.end : q.open_mark]
                # a quote that follows straight on from an attributed quote continues it
                same_paragraph = "\n" not in gap
                next_paragraph = (starts_paragraph or goes_on) and gap.count("\n") <= 3
                if same_paragraph or next_paragraph:
                    stmt.speaker = previous.speaker
                    stmt.cue = previous.cue
                    stmt.addressee = stmt.addressee or previous.addressee
                    stmt.continues = True
                    stmt.how.append("continuation")
            previous = stmt
            yield stmt

    def _attribute_quote(
        self, stmt: Statement, q: QuoteSpan, sent: SpacySpan | None, last_sent: SpacySpan | None
    ) -> None:
        self._recipient = None
        self._attribute_quote_speaker(stmt, q, sent, last_sent)
        if stmt.addressee is None and self._recipient is not None and self._recipient != stmt.speaker:
            # "Rudd sent an email to Joanne Pryce ... It said: 'You will ...'": the message's "you" is its recipient
            stmt.addressee, stmt.addressee_mention = self._recipient, None

    def _attribute_quote_speaker(
        self, stmt: Statement, q: QuoteSpan, sent: SpacySpan | None, last_sent: SpacySpan | None
    ) -> None:
        if sent is None:
            return
        regions: list[SpacySpan] = [sent]
        if last_sent is not None and last_sent != sent:
            regions.append(last_sent)
        # "..., he said." split off by the parser after a closing mark
        after_end = last_sent.end if last_sent is not None else sent.end
        if after_end < len(self.doc):
            nxt = self.doc[after_end].sent
            if nxt.start_char - q.end < 4 and len(nxt) < 12 and "\n\n" not in self.text[q.end : nxt.start_char]:
                regions.append(nxt)
        for region in regions:
            if self._attribute_from_region(stmt, region):
                stmt.how.append("same sentence")
                return
        # "X said:" / "X wrote on his Twitter account:" just before the quote
        before = self.text[max(0, q.open_mark - 3) : q.open_mark]
        if ":" in before or self.text[: q.open_mark].rstrip().endswith(":"):
            intro_end = self.text.rfind(":", 0, q.open_mark + 1)
            tok = self.token_at(intro_end)
            if self._roundup_label(stmt, intro_end):
                stmt.how.append("roundup label")
                return
            if tok is not None and self._attribute_from_region(stmt, tok.sent, before_char=intro_end):
                stmt.how.append("colon intro")
                return
            if tok is not None and self._self_named(stmt, tok.sent.start_char, intro_end):
                stmt.how.append("self-named in the intro")
                return
            # "This is the full text, as received by this newspaper:": the text of the pamphlet named before
            for noun in (t for t in tok.sent if t.idx < intro_end) if tok is not None else ():
                if noun.pos_ != "NOUN" or noun.lemma_.lower() not in STATEMENT_NOUNS | {"copy"}:
                    continue
                author = self._author_of_earlier(noun)
                if author is not None and self._set_speaker(stmt, author, intro_end):
                    stmt.how.append("colon intro")
                    return
            line_start = self.text.rfind("\n", 0, intro_end) + 1
            if tok is not None and any(_reads_out(t) for t in tok.sent if t.idx < intro_end):
                return  # "The judge read out the transcript of the video:": a text read out is not the reader's
            if tok is not None and self._turn_speaker(stmt, line_start, intro_end):
                return
            return
        # "Ndifor also appears to address the Fon, who urged parents to send their children back. 'Fon, you ...'":
        # a quote that opens the sentence after one in which someone addresses, warns or tells someone
        first = self.token_at(q.open_mark)
        if first is None or first.sent.start == 0:
            return
        previous = self.doc[first.sent.start - 1].sent
        gap = self.text[previous.end_char : q.open_mark]
        if gap.strip() or "\n" in gap or any(ch in previous.text for ch in "\"“”"):
            return
        line_end = self.text.find("\n", q.end)
        after = self.text[q.end + 1 : line_end if line_end >= 0 else len(self.text)]
        if re.match(r"[^\"“”]{0,160}?\b(said|says|told|added|wrote|warned|declared|stated)\b", after):
            return  # '"...," Brig. Gen. X, spokesman for the group, said': the words after the quote name him
        if not any(t.lemma_.lower() in _ADDRESSING_VERBS for t in previous if t.pos_ == "VERB"):
            return
        if self._attribute_from_region(stmt, previous):
            if stmt.speaker is not None and self.actors.get(stmt.speaker).type not in ("PERSON", "ORG"):
                stmt.speaker, stmt.speaker_mention, stmt.addressee, stmt.addressee_mention = None, None, None, None
                return
            stmt.how.append("sentence before")

    def _roundup_label(self, stmt: Statement, colon: int) -> bool:
        """ "X, an Azerbaijani veterans' association, sharing Y's video (Telegram, 11:30):": a social-media
        roundup's line names the account that posted first, its platform and time in brackets at the end."""
        line_start = self.text.rfind("\n", 0, colon) + 1
        line = self.text[line_start:colon]
        bracketed = re.search(r"\((?:[^()]*\b(?:telegram|x|twitter|facebook|instagram|tiktok|youtube|vk|whatsapp|"
                              r"post|video|channel|\d{1,2}[:.]\d{2})\b[^()]*)\)\s*$", line, re.IGNORECASE)
        # "Abu Obaida X, an HTS official, on his Telegram channel, Friday 22 March, 10:47:" (no brackets)
        timed = re.search(r",\s*[^,\n]{0,40}\b\d{1,2}[:.]\d{2}\s*$", line)
        if not bracketed and not timed:
            return False
        for s, e, lid in self.actors.mention_tokens:
            at = self.doc[s].idx
            if at < line_start or at >= colon:
                continue
            lead = self.text[line_start:at].strip(" @\"“'‘")
            end_char = self.doc[e - 1].idx + len(self.doc[e - 1])
            # ("Activist Hala X", "Account attributed to Abu Hafs X": a few words may describe who posted; not
            # "Protester video caption, shared by X" or "HTS supporter account @...", whose author is not X)
            described = not lead or (
                bool(timed)
                and len(lead.split()) <= 3
                and not re.search(r"\d|[,;]|\b(shared|posted|reposted|via|from|by)\b", lead, re.IGNORECASE)
            )
            follower = re.match(r"\s*(supporters?|accounts?|fans?|channels?)\b", self.text[end_char:colon], re.I)
            if not described or follower or self.actors.get(lid).type not in ("PERSON", "ORG"):
                return False
            stmt.speaker, stmt.speaker_mention = lid, self._mention_chars(s)
            return True
        return False

    def _attribute_from_region(self, stmt: Statement, region: SpacySpan, before_char: int | None = None) -> bool:
        if self._unnamed_teller(stmt, region, before_char):
            return True
        # "According to al-Qadhi, the colonel told her: ...": the one who told her spoke; "according to" names
        # who relays it, so it comes last
        ordered = sorted(region, key=lambda t: t.lemma_.lower() == "accord")
        if self.text[region.start_char : stmt.start].rstrip(" \"“‘'«").endswith(":"):
            # "Aziz told MPFC that an officer ... told him during the last session: '...'": the words the colon
            # brings in are those of the one who spoke last before it
            ordered = sorted(
                region, key=lambda t: (t.lemma_.lower() == "accord", t.idx > stmt.start, -t.idx)
            )
        for tok in ordered:
            if self._in_quote[tok.i] or (before_char is not None and tok.idx > before_char):
                continue
            if tok.pos_ not in ("VERB", "AUX") and tok.lemma_ not in ("read", "accord"):
                continue
            lemma = tok.lemma_.lower()
            # "He then addressed the commissioner by name: '...'", but not "messages addressed to the mayor"
            verbs = [tok, tok.head] if tok.dep_ == "conj" else [tok]
            addresses = (
                lemma == "address"
                and tok.dep_ != "acl"
                and not any(c.dep_ in ("auxpass", "nsubjpass") for v in verbs for c in v.children)
            )
            if _reads_out(tok):
                continue  # "The judge read out the transcript of the video:": the words are not the reader's
            if lemma in SPEECH_VERBS or addresses:
                subj = self._subject(tok)
                if subj is not None and self._set_speaker(stmt, subj, tok.idx):
                    stmt.cue = lemma
                    stmt.cue_token = tok.i
                    self._set_addressee(stmt, tok)
                    return True
                if subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in STATEMENT_NOUNS:
                    # '"...," the statement said': whose statement, as the text said before
                    author = self._author_of_earlier(subj)
                    if author is not None and self._set_speaker(stmt, author, tok.idx):
                        stmt.cue = lemma
                        stmt.cue_token = tok.i
                        return True
        # '"...," the post read', parsed as one noun "post read": the message's author, as the text said before
        for tok in region:
            if self._in_quote[tok.i] or tok.pos_ != "NOUN" or tok.lower_ not in ("read", "reads", "said", "says"):
                continue
            noun = next((c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in STATEMENT_NOUNS), None)
            author = self._author_of_earlier(noun) if noun is not None else None
            if author is not None and self._set_speaker(stmt, author, tok.idx):
                stmt.cue = "read"
                return True
        # "according to X"
        for tok in region:
            if tok.lower_ == "according" and tok.i + 2 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                obj = self.doc[tok.i + 2]
                if self._set_speaker(stmt, obj, tok.idx):
                    stmt.cue = "according"
                    return True
        return False

    def _unnamed_teller(self, stmt: Statement, region: SpacySpan, before_char: int | None) -> bool:
        """ 'she said an interrogator told her brother: "..."', '"...," a man's voice says in the recording':
        the speech verb next to the quote has someone the text does not name for its subject, so the words are
        his, not the reporter's or the witness's. The speaker stays unknown."""
        verbs = [
            tok
            for tok in region
            if not self._in_quote[tok.i]
            and (before_char is None or tok.idx <= before_char)
            and tok.pos_ in ("VERB", "AUX")
            and tok.lemma_.lower() in SPEECH_VERBS
        ]
        if not verbs:
            return False
        nearest = min(verbs, key=lambda t: min(abs(t.idx - stmt.start), abs(t.idx - stmt.end)))
        subj = next((c for c in nearest.children if c.dep_ == "nsubj"), None)
        if subj is None or self.actors.at_token(subj.i) or subj.pos_ not in ("NOUN", "PROPN"):
            return False
        if subj.lemma_.lower() in STATEMENT_NOUNS or subj.lemma_.lower() == "copy":
            return False  # "a second message read:": a message is no teller; its sender wrote the first one too
        owner = next((c for c in subj.children if c.dep_ == "poss"), None)  # "a man's voice"
        indefinite = [c for c in (subj, owner) if c is not None]
        if not any(d.dep_ == "det" and d.lower_ in ("a", "an", "another") for c in indefinite for d in c.children):
            return False
        if any(self.actors.at_token(t.i) for t in subj.subtree):
            return False  # "a spokesman for the X, Y, said": the phrase names him
        if subj.lower_ in ("voice", "speaker", "caller", "narrator"):
            identified = self._identified_later(subj)  # "... said the voice had been identified as that of X"
            if identified is not None:
                stmt.speaker, stmt.speaker_mention = identified
                stmt.cue, stmt.cue_token = nearest.lemma_.lower(), nearest.i
                self._set_addressee(stmt, nearest)
                return True
        stmt.speaker, stmt.speaker_mention = None, None
        stmt.cue, stmt.cue_token = nearest.lemma_.lower(), nearest.i
        stmt.how.append(UNNAMED_SPEAKER)
        self._set_addressee(stmt, nearest)
        return True

    def _self_named(self, stmt: Statement, start: int, end: int) -> bool:
        """ "a speaker presenting himself as the commander ..., who gave his name as X, announced:": the name
        the speaker gave, however the parser took the sentence apart."""
        for m in _SELF_NAMING.finditer(self.text[start:end].lower()):
            at = start + m.end()
            for s, _e, lid in self.actors.mention_tokens:
                if at <= self.doc[s].idx <= at + 6 and self.actors.get(lid).type in ("PERSON", "ORG"):
                    stmt.speaker, stmt.speaker_mention = lid, self._mention_chars(s)
                    return True
        return False

    def _is_dateline(self, tok: Token) -> bool:
        """ "BAGHDAD —", "MANILA, 3 June 2024 (Agency) -": where a story was filed from, not a speaker; nor is
        the country that heads a rights group's title ("Iraq: Basra protest organisers threatened")."""
        line_start = self.text.rfind("\n", 0, tok.idx) + 1
        if tok.idx == line_start and self.text[tok.idx + len(tok) : tok.idx + len(tok) + 2] == ": ":
            if is_known_place(tok.text):
                return True
        if not (tok.is_upper and len(tok) > 1 and tok.is_alpha):
            return False
        para_start = self.text.rfind("\n", 0, tok.idx) + 1
        if tok.idx - para_start > 30:
            return False
        head = self.text[para_start : para_start + 90]
        return bool(re.match(r"[A-Z][A-Z .'’-]+(,[^\n]{0,45}?)?\s[—–-]{1,2}\s", head))

    def _subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not self._in_quote[child.i] and not self._is_dateline(child):
                if self._is_label(child):
                    continue  # "KHALDI: He says ...", the transcript label parsed into the sentence
                # "read one of the banners": the banners
                if child.lower_ in ("one", "another", "each", "some", "several", "both", "all"):
                    of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                    if pobj is not None and pobj.lemma_.lower() in STATEMENT_NOUNS:
                        child = pobj
                # "A copy seen by NRI reads": a copy of the message before, whoever saw it
                if child.lemma_.lower() == "copy":
                    earlier = self._author_of_earlier(child)
                    if earlier is not None:
                        return earlier
                # "X's statement read" / "the statement released by X said"
                if child.lemma_.lower() in STATEMENT_NOUNS:
                    for sub in child.subtree:
                        if sub.dep_ in ("poss", "pobj") and self.actors.at_token(sub.i):
                            return sub
                    earlier = self._author_of_earlier(child)
                    if earlier is not None:
                        return earlier
                return child
        # passive: "a statement read by spokesman X"
        for child in verb.children:
            if child.dep_ == "agent":
                for sub in child.children:
                    if sub.dep_ == "pobj":
                        return sub
        # "a letter purportedly from the X group warning that ...", "issued a video threatening anyone who ...":
        # the message's author speaks, not whoever received or issued the sentence around it
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in STATEMENT_NOUNS:
            noun = verb.head
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING_VERBS | {"release", "upload", "share"}:
                return self._subject(noun.head)
            return self._author_of_earlier(noun) or self._signed_after(noun)
        # "The man, named in court as Henk de V., posted in March: ...", the verb parsed as hanging on the name
        if (
            verb.dep_ == "acl"
            and verb.tag_ == "VBD"
            and (
                (self.actors.at_token(verb.head.i) and self._type_at(verb.head.i) == "PERSON")
                or verb.head.lower_ in PERSON_NOUNS
            )
        ):
            return verb.head
        # "the mayor has received a letter from the X group warning that ...": the sender warns, not the receiver
        if verb.dep_ in ("advcl", "acl") and verb.head.lemma_.lower() in ("receive", "get", "find", "obtain"):
            received = verb.head
            message = next((c for c in received.children if c.dep_ == "dobj"), None)
            for holder in (received, message):
                for prep in (c for c in (holder.children if holder is not None else []) if c.lower_ in ("from", "by")):
                    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
            return None
        # conjoined verbs and participles ("threatened the U.S., saying:") share the main verb's subject
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            return self._subject(verb.head)
        # "In a video obtained by X, Haliru, surrounded by gunmen, speaks in Hausa:" parsed without a
        # subject: the person named last before the verb in its sentence, outside phrases of place and agent
        if not self._in_quote[verb.i]:
            for tok in reversed(self.doc[verb.sent.start : verb.i]):
                lid = self.actors.at_token(tok.i)
                if lid is None or self._in_quote[tok.i] or self.actors.get(lid).type != "PERSON":
                    continue
                head_lid = self.actors.at_token(tok.head.i)
                # "by Northern Courier, Haliru,": a person is no apposition to a newspaper
                misparsed = tok.dep_ == "appos" and head_lid is not None and self.actors.get(head_lid).type != "PERSON"
                if tok.dep_ in ("pobj", "dobj", "poss", "compound") or (
                    tok.head.dep_ in ("pobj", "dobj") and not misparsed
                ):
                    continue
                return tok
        return None

    def _author_of_earlier(self, noun: Token) -> Token | None:
        """ "The post read": whose post, as the text said before ("a post attributed to X", "X released a video")."""
        lemma = noun.lemma_.lower()
        # "the message" may be an email or a letter; "the text" (of what was handed out) any of them; "the banners"
        # the "messages" hung from a bridge
        if lemma == "message":
            same = _MESSAGE_KINDS | _POSTED_KINDS
        elif lemma in ("text", "communique", "communiqué", "manifesto", "proclamation"):
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
                return None  # "the text of the agreement says": a document quoted, not a message traced
            same = STATEMENT_NOUNS  # "a text posted overnight ... The communique also singled out ..."
        elif lemma in _POSTED_KINDS:
            same = _POSTED_KINDS
        elif lemma == "copy":
            same = _MESSAGE_KINDS | _POSTED_KINDS  # "A copy seen by NRI reads": a copy of the letter
        else:
            same = {lemma}
        for tok in reversed(self.doc[max(0, noun.sent.start - 200) : noun.i]):
            if tok.lemma_.lower() not in same or self._in_quote[tok.i] or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            self._recipient = self._message_recipient(tok)
            signed = self._signed_after(tok, until=noun.idx)
            if signed is not None:
                return signed  # "a handwritten letter was pushed under her gate. It bore the name of X"
            for child in tok.children:
                if child.dep_ == "poss" and self.actors.at_token(child.i):
                    return child
                if child.dep_ in ("acl", "prep"):
                    # "released under the name of the group's spokesman X": X
                    for under in (t for t in child.subtree if t.lower_ == "under" and t.dep_ == "prep"):
                        named = [t for t in under.subtree if self.actors.at_token(t.i)]
                        if any(t.lower_ == "name" for t in under.subtree) and named:
                            return named[-1]
                    for sub in child.subtree:
                        if (
                            sub.dep_ == "pobj"
                            and sub.head.lower_ in ("to", "by", "from")
                            and self.actors.at_token(sub.i)
                            # "a statement issued to The Irish News": the paper received it; "attributed to X"
                            and not (sub.head.lower_ == "to" and sub.head.head.lemma_.lower() not in _ASCRIBING)
                        ):
                            return sub
                        if (
                            sub.dep_ == "poss"
                            and sub.head.dep_ == "pobj"
                            and sub.head.head.lower_ == "from"
                            and self.actors.at_token(sub.i)
                        ):
                            return sub  # "messages recovered from X's phone", "posts from X's account"
                        if sub.dep_ == "pobj" and sub.head.lower_ in ("by", "from") and not self.actors.at_token(sub.i):
                            named, self_named = self._named_in_phrase(sub)
                            if named and self_named:
                                return named[-1]  # "a letter signed by a group calling itself X"
                            # "a pamphlet signed by the Northern Bloc of the Popular Liberation Front": the group
                            # the signer belongs to
                            orgs = [t for t in named if self._type_at(t.i) == "ORG"]
                            if sub.head.lower_ == "by" and orgs:
                                return orgs[0]
            if tok.dep_ == "nsubjpass":
                # "the banners were attributed to X", "the video was posted by X"
                for prep in tok.head.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("to", "by"):
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and self.actors.at_token(pobj.i):
                                return pobj
            if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() == "sign":
                # "the messages were signed 'La Familia Michoacana'"
                signed = [
                    t
                    for c in tok.head.children
                    if c.i > tok.head.i and c.dep_ in ("oprd", "dobj", "attr", "agent", "npadvmod", "xcomp", "ccomp")
                    for t in c.subtree
                    if self.actors.at_token(t.i)
                ]
                if signed and self._type_at(signed[0].i) in ("ORG", "PERSON"):
                    return signed[0]
            if tok.dep_ in ("nsubj", "nsubjpass"):
                # "the posters carry its name and are signed by its commander, X"
                verbs = [tok.head, *(c for c in tok.head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
                for verb in verbs:
                    for agent in (c for c in verb.children if c.dep_ == "agent"):
                        named = [t for t in agent.subtree if self.actors.at_token(t.i)]
                        if named:
                            return named[0]
            if tok.head.lemma_.lower() in _ISSUING_VERBS | {"release", "upload", "share", "sign"}:
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and self.actors.at_token(subj.i):
                    return subj
                # "a Telegram channel ... calling itself Saraya X posted a statement": the name it gives itself
                named = [t for t in subj.subtree if self.actors.at_token(t.i)] if subj is not None else []
                orgs = [t for t in named if self._type_at(t.i) in ("ORG", "PERSON")]
                return orgs[-1] if orgs else None  # the latest statement is the one read out
            verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
            if verb is not None and verb.dep_ == "dobj" and verb.lemma_.lower() in ("remark", "comment", "threat"):
                verb = verb.head  # "made the remarks in a statement"
            if verb is not None and verb.pos_ in ("VERB", "AUX"):
                # "In a statement sent to reporters, the group's spokesman, X, said ...", "X made the remarks in a
                # statement posted on ...": whoever said it
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                # (not a name in a clause on the subject: "the group named X ... accused him")
                clauses = (
                    {t.i for c in subj.children if c.dep_ in ("acl", "relcl") for t in c.subtree} if subj else set()
                )
                named = (
                    [t for t in subj.subtree if self.actors.at_token(t.i) and t.i not in clauses]
                    if subj is not None
                    else []
                )
                people = [t for t in named if self._type_at(t.i) == "PERSON"]
                if people or named:
                    return (people or named)[0]
                if subj is not None and (subj.lower_ in GROUP_PRONOUNS or subj.lower_ in GROUP_NOUNS):
                    # "In a statement posted on its Telegram channel, the group named X": the group it means
                    resolved = self.resolve_np(subj, subj.idx)
                    if resolved is not None and self.actors.get(resolved[0]).type == "ORG":
                        return self._mention_token_before(resolved[0], subj.idx)
        return None

    def _mention_token_before(self, lid: str, char: int) -> Token | None:
        """The first token of the actor's last mention before `char` (or of its first mention)."""
        starts = [self.doc[s] for s, _e, other in self.actors.mention_tokens if other == lid]
        before = [t for t in starts if t.idx < char]
        return max(before, key=lambda t: t.idx) if before else (min(starts, key=lambda t: t.idx) if starts else None)

    def _message_recipient(self, message: Token) -> str | None:
        """Whom a message was sent or left for: "sent an email to X", "left a voicemail for X", "letters to X"."""
        verb = message.head if message.dep_ in ("dobj", "nsubjpass") else None
        for holder in (message, verb):
            if holder is None:
                continue
            if holder is verb and verb.lemma_.lower() in _ASCRIBING:
                continue
            for prep in (c for c in holder.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    named = [t for t in pobj.subtree if self.actors.at_token(t.i)]
                    lid = self.actors.at_token(named[0].i) if named else None
                    if lid and self.actors.get(lid).type in ("PERSON", "ORG"):
                        return lid
        if verb is not None and verb.lemma_.lower() in _DELIVERED:
            # "a handwritten letter was pushed under the gate of her house": whose gate
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _AT_SOMEONES):
                for t in prep.subtree:
                    if t.dep_ != "poss":
                        continue
                    lid = self.actors.at_token(t.i)
                    if lid is None and t.lower_ in ("his", "her"):
                        found = self._antecedent(("PERSON",), t.idx, pronoun=t.lower_)
                        lid = found[0] if found else None
                    if lid and self.actors.get(lid).type == "PERSON":
                        return lid
        if verb is not None and message.dep_ == "dobj" and verb.lemma_.lower() in _FOUND_OR_GOT:
            # "X found a typed letter in his mailbox", "she received a text": the one who found or got it
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            lid = self.actors.at_token(subj.i) if subj is not None else None
            if lid and self.actors.get(lid).type == "PERSON":
                return lid
        return None

    def _signed_after(self, noun: Token, until: int | None = None) -> Token | None:
        """ "leaflets threatening residents were found ... They were signed 'Pejuang X'": the signature given in
        the next sentences names who wrote them."""
        start = noun.sent.end_char
        window = self.text[start : min(start + 400, until if until is not None else len(self.text))]
        for m in _SIGNED.finditer(window):
            at = start + m.end()
            for s, _e, lid in self.actors.mention_tokens:
                if at <= self.doc[s].idx <= at + 15 and self.actors.get(lid).type in ("ORG", "PERSON"):
                    return self.doc[s]
            # 'It was signed "Albion Vanguard"': a name in quotation marks the tagger did not take for one
            # (or in the gang's own lower case: 'And it was signed "la 18"')
            quoted = re.match(r"[\"“']?((?:[A-Z][\w'’-]*\s){0,4}[A-Z][\w'’-]*)[\"”']", self.text[at - 1 : at + 80])
            if quoted is None:
                quoted = re.match(r"[\"“']((?:[\w'’-]+\s){0,3}[\w'’-]+)[\"”']", self.text[at - 1 : at + 80])
            if quoted is not None:
                begin = at - 1 + quoted.start(1)
                span = self.doc.char_span(begin, begin + len(quoted.group(1)), alignment_mode="contract")
                if span is not None and len(span) and not any(self.actors.at_token(t.i) for t in span):
                    actor = self.actors.add_actor(span.text, "ORG", span)
                    return self.doc[span.start] if self.actors.at_token(span.start) == actor.local_id else None
        return None

    def _set_addressee(self, stmt: Statement, verb: Token) -> None:
        """Whom the speaker addresses: "warned X", "called on X", "saying to X"."""
        for branch in verb.children:
            if branch.dep_ not in ("dobj", "dative", "prep", "iobj"):
                continue
            if branch.dep_ == "prep" and branch.lower_ not in ("on", "to", "upon"):
                continue
            head_lid = self.actors.at_token(branch.i)
            if head_lid and head_lid != stmt.speaker and self.actors.get(head_lid).type == "PERSON":
                # "addressed MDR reporter Katrin Vogelsang": the person, not the outlet qualifying her
                stmt.addressee, stmt.addressee_mention = head_lid, self._mention_chars(branch.i)
                return
            # "address the mayor of Ndu, Emmanuel Fuh": the person the office is given to, not its place
            named = [
                (c, self.actors.at_token(c.i))
                for c in branch.children
                if c.dep_ == "appos" and self._type_at(c.i) == "PERSON" and self.actors.at_token(c.i) != stmt.speaker
            ]
            if named and branch.lower_ in PERSON_NOUNS:
                stmt.addressee, stmt.addressee_mention = named[0][1], self._mention_chars(named[0][0].i)
                return
            for child in branch.subtree:
                if self._in_quote[child.i]:
                    continue
                if child.dep_ in ("dobj", "dative", "pobj") and not self.actors.at_token(child.i):
                    group = group_from_np(child, self.actors)  # "told drug dealers he would kill them"
                    personal = child.lemma_.lower() in PEOPLE_NOUNS | PERSON_NOUNS or (
                        re.search(r"[a-z](er|or|ist|ian|man|woman)$", child.lower_)
                        and child.lower_ not in _NOT_PEOPLE
                    )
                    named_in = any(self.actors.at_token(t.i) for t in child.subtree)
                    if group is None and child.tag_ == "NN" and personal and not named_in:
                        # "told the elder": one unnamed person, named by what he is, unless the text has
                        # given that title to someone ("the governor" when Governor X is in the story)
                        holder = self.person_by_title({child.lemma_.lower()}, child.idx, exclude=stmt.speaker)
                        if holder is not None:
                            stmt.addressee, stmt.addressee_mention = holder, (child.idx, child.idx + len(child))
                            return
                        span = self.doc[child.i : child.i + 1]
                        group = self.actors.add_actor(child.text, "GROUP", span)
                    if group is not None and stmt.addressee is None:
                        stmt.addressee = group.local_id
                        stmt.addressee_mention = (group.mentions[-1].start, group.mentions[-1].end)
                        return
                lid = self.actors.at_token(child.i)
                if not lid or lid == stmt.speaker or child.dep_ not in ("dobj", "pobj", "dative", "compound", "appos"):
                    continue
                if (
                    self.actors.get(lid).type == "GPE"
                    and child.dep_ == "compound"
                    and child.head.lower_ in PERSON_NOUNS
                ):
                    # "tells the Umm Tarfa governor": the office holder, not the place
                    holder = self.person_by_title({child.head.lower_}, child.idx, exclude=stmt.speaker)
                    if holder is not None:
                        stmt.addressee, stmt.addressee_mention = holder, None
                        return
                    continue
                if self.actors.get(lid).type in ("PERSON", "ORG", "GPE", "GROUP"):
                    stmt.addressee = lid
                    stmt.addressee_mention = self._mention_chars(child.i)
                    return

    def _actor_at(self, token_i: int) -> DocActor:
        """The actor a token names; only for tokens known to name one."""
        return self.actors.get(self.actors.at_token(token_i) or "")

    def _type_at(self, token_i: int) -> str | None:
        """The type of the actor a token names, None if it names none."""
        lid = self.actors.at_token(token_i)
        return self.actors.get(lid).type if lid else None

    def _named_in_phrase(self, phrase: Token) -> tuple[list[Token], bool]:
        """The people and organisations a "signed by" or "sent from" phrase names, and whether it is a name the
        signer gives itself ("by a group calling itself X": then the last of them is the signer)."""
        named = [t for t in phrase.subtree if self._type_at(t.i) in ("PERSON", "ORG")]
        return named, bool(_SELF_NAMING.search(" ".join(t.lower_ for t in phrase.subtree)))

    def _mention_chars(self, token_i: int) -> tuple[int, int] | None:
        for s, e, _ in self.actors.mention_tokens:
            if s <= token_i < e:
                return (self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1]))
        return None

    def _set_speaker(self, stmt: Statement, subj: Token, at_char: int) -> bool:
        resolved = self.resolve_np(subj, at_char, prefer="PERSON")
        if resolved is None:
            return False
        if stmt.kind == "quote" and subj.lower_ in ("he", "she") and self._named_inside(resolved[0], stmt):
            # '"Ndongo should remember what happened to his brother," he says': "he" is not the man the quote
            # names; the person before him is
            resolved = self._antecedent(("PERSON",), subj.idx, exclude=resolved[0], pronoun=subj.lower_)
            if resolved is None:
                return False
        stmt.speaker, stmt.speaker_mention = resolved
        return True

    def _named_inside(self, lid: str, stmt: Statement) -> bool:
        return any(stmt.start <= m.start < stmt.end for m in self.actors.get(lid).mentions)

    # ------------------------------------------------------------------ references
    def resolve_np(
        self, head: Token, at_char: int, prefer: str = "PERSON", exclude: str | None = None
    ) -> tuple[str, tuple[int, int] | None] | None:
        """The actor a noun phrase refers to: a name in it, a pronoun's antecedent, or a description.

        `exclude` is an actor the phrase cannot be (the speaker, for a phrase naming whom he threatens);
        with it, a description never falls back on the document's main speaker."""
        if self._is_dateline(head):
            return None
        # "the men, who said they spoke for Los Lobos": they speak for the group
        for clause in (c for c in head.children if c.dep_ in ("relcl", "acl")):
            words = [t.lower_ for t in clause.subtree]
            said = " ".join(words)
            if (
                ("for" in words and any(w in ("spoke", "speak", "speaks", "acting") for w in words))
                or "behalf" in words
                # "two men who said they were Asayish officers", "men who identified themselves as members of X"
                or _CLAIMED_SIDE.search(said)
            ):
                for t in clause.subtree:
                    lid = self.actors.at_token(t.i)
                    if lid and self.actors.get(lid).type in ("ORG", "GROUP"):
                        return lid, self._mention_chars(t.i)
        # "Kata'ib al-Ghadab, whose leader threatened ...": the group's leader, else the group itself
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children) and head.head.dep_ == "relcl":
            owner_lid = self.actors.at_token(head.head.head.i)
            if owner_lid and self.actors.get(owner_lid).type == "ORG":
                wanted = {head.lower_} | TITLE_SYNONYMS.get(head.lower_, frozenset())
                members = [
                    a
                    for a in self.actors.actors
                    if a.type == "PERSON"
                    and owner_lid in a.affiliations
                    and any(_title_matches(t, wanted) for t in a.titles)
                ]
                if members:
                    return self._nearest(members, at_char), None
                return owner_lid, self._mention_chars(head.head.head.i)
        # "a speaker presenting himself as the emir ..., who gave his name as X", "a man calling himself X":
        # the clause names him
        for clause in (c for c in head.children if c.dep_ in ("relcl", "acl")):
            words = " ".join(t.lower_ for t in clause.subtree)
            if _SELF_NAMING.search(words):
                named_in = [t for t in clause.subtree if self.actors.at_token(t.i)]
                a_person = head.lower_ in PERSON_NOUNS or head.lower_ in ("speaker", "voice")
                kinds = ("PERSON",) if a_person else ("PERSON", "ORG")
                for t in reversed(named_in):
                    lid = self.actors.at_token(t.i)
                    if self.actors.get(lid).type in kinds:
                        return lid, self._mention_chars(t.i)
        # "Police said the man in the video is X ... the man says": the one the text identified him as
        if head.lower_ in _UNNAMED_FIGURES and any(c.lower_ == "the" for c in head.children):
            identified = self._identified_figure(head)
            if identified is not None:
                return identified
        elif head.lower_ in ("voice", "speaker", "caller", "narrator") and head.i > 0:
            identified = self._identified_later(head)  # "a man's voice says: ...", named further on
            if identified is not None:
                return identified
        # "called by a man who said he was an officer of the NSS. The officer told him ...": the officer is that
        # unnamed man (or at most the side he claimed), not a named colonel elsewhere in the story
        introduced = self._introduced_unnamed(head)
        if introduced is not None:
            return introduced[0] if introduced[0] is not None else None
        # the phrase without its clauses: "a group that says it holds the journalist X" does not name X
        clauses = {t.i for c in head.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp") for t in c.subtree}
        subtree = [t for t in head.subtree if t.i not in clauses] if not self._in_quote[head.i] else [head]
        # a name inside the phrase; the head's own name first, then a person, then anything
        lid = self.actors.at_token(head.i)
        if lid:
            return lid, self._mention_chars(head.i)
        named = [(t, self.actors.at_token(t.i)) for t in subtree if self.actors.at_token(t.i)]
        lower = head.lower_
        # "Militia leader Qais X, the Secretary-General of the Y militia": the named person
        for tok, lid in named:
            if self.actors.get(lid).type == "PERSON" and tok.dep_ in ("appos", "compound", "nsubj", "nsubjpass"):
                return lid, self._mention_chars(tok.i)
        # "the union's president, Arshad X": a name in apposition names the description
        for tok, lid in named:
            if tok.dep_ == "appos" and tok.head.i == head.i and self.actors.get(lid).type in ("PERSON", "ORG"):
                return lid, self._mention_chars(tok.i)
        if lower in PERSON_PRONOUNS:
            unnamed = self.unnamed_antecedent(head)
            if unnamed is not None:
                # "a man called my mobile. He said he was 'a friend from the Sepah'. He said: ...": the man
                # stays unnamed; at most the side he claimed speaks
                return unnamed[0] if unnamed[0] is not None else None
            previous = self._previous_subject(head)
            if (
                previous is not None
                and previous[0] != exclude
                and not (self._in_turn(head.idx) and previous[0] in self._participants)
                and self.pronoun_fits(previous[0], lower)
            ):
                return previous
            # (a "he" that cannot be the one excluded: in a witness's own account "He said if ..." is another man)
            return self._antecedent(("PERSON",), head.idx, exclude=exclude, pronoun=lower)
        if lower == "it":
            # "It said: 'We know where you pray. ...' It was signed 'Albion Vanguard'": the signature names it
            signed = self._signed_after(head)
            if signed is not None:
                return self.actors.at_token(signed.i) or "", self._mention_chars(signed.i)
            author = self._message_author(head)
            if author is not None:
                return author
        if lower in GROUP_PRONOUNS:
            found = self._antecedent(("ORG", "GROUP"), head.idx, pronoun=lower)
            if found is not None and lower == "it":
                # "It said: ..." about a message read out: "it" names an organisation only when one was
                # just mentioned, not the outlet in a header paragraphs away
                last = max((m.end for m in self.actors.get(found[0]).mentions if m.end <= head.idx), default=-(10**9))
                if head.idx - last > 300:
                    return None
            return found
        if lower in _ACCUSED_FIGURES and any(c.lower_ == "the" for c in head.children) and not named:
            # "the accused had told the investigating officer: ...", however the parser tagged "accused"
            accused = self.accused(at_char)
            if accused is not None and accused != exclude:
                return accused, None
        if head.lemma_.lower() in _OCCUPATIONS_DESCRIBED and not named and {"the", "this"} & {
            c.lower_ for c in head.children if c.dep_ == "det"
        }:
            # '"...," the photographer said', "the witness added": the person the story brought in as one
            introduced = self._introduced_as(head.lemma_.lower(), at_char, exclude)
            if introduced is not None:
                return introduced, None
        if head.pos_ in ("NOUN", "PROPN") or lower in ROLE_WORDS:
            words = {t.lower_ for t in subtree}
            # "the leader of the Iraqi Hezbollah groups", "the Kataib Hezbollah security official"
            if lower in PERSON_NOUNS or (words & ROLE_WORDS and lower not in GROUP_NOUNS):
                orgs = [lid for _, lid in named if self.actors.get(lid).type == "ORG"]
                person = self._person_by_description(head, subtree, orgs, at_char, exclude)
                if person:
                    return person, None
            if lower in GROUP_NOUNS:
                orgs = [lid for _, lid in named if self.actors.get(lid).type == "ORG"]
                if orgs:
                    return orgs[0], None
                if {t.lower_ for t in head.children if t.dep_ == "det"} & {"a", "an"}:
                    # "a previously unknown group ... calling itself X": named further on
                    return self._next_org(head)
                # "Splinter communist group threatens ...": the organisation the description's words fit, wherever the
                # story names it, else the one the story is about
                fitting = self._org_fitting(head)
                return (fitting, None) if fitting is not None else self._salient_org(head.idx)
        persons = [lid for _, lid in named if self.actors.get(lid).type == "PERSON"]
        if persons:
            tok = next(t for t, lid in named if lid == persons[0])
            return persons[0], self._mention_chars(tok.i)
        return None

    def _identified_figure(self, head: Token) -> tuple[str, tuple[int, int] | None] | None:
        """ "the man in the video is X", "identified the speaker as X", "the gunman, X,": a figure the text
        has already given a name, searched back over three paragraphs."""
        start = head.idx
        for _ in range(3):
            start = self.text.rfind("\n\n", 0, max(0, start - 2)) + 1
        window = self.text[start : head.idx]
        # ("shows a masked man reading a statement ... officers identified the speaker as X ... the man says")
        figures = {"man": "(?:man|speaker|figure|gunman|person|voice|narrator)", "woman": "(?:woman|speaker|figure|"
                   "person|voice|narrator)"}.get(head.lower_, re.escape(head.lower_))
        pattern = (
            r"\b(?:[Tt]he|[Aa]) (?:[\w-]+ ){0,2}?" + figures + r"\b[^.;\n]{0,80}?"
            r"\b(?:is|was|as|to be|named|called|call|calls)\s+[\"“‘']?(?:[A-Z][\w'’-]+\s+)?$"
        )
        found: tuple[str, tuple[int, int] | None] | None = None
        for s, _e, lid in self.actors.mention_tokens:
            at = self.doc[s].idx
            if not start <= at < head.idx or self.actors.get(lid).type != "PERSON":
                continue
            if re.search(pattern, window[max(0, at - start - 120) : at - start]):
                found = lid, self._mention_chars(s)
        return found or self._identified_later(head)

    def _identified_later(self, head: Token) -> tuple[str, tuple[int, int] | None] | None:
        """ "In it, a man's voice says: ... An investigator said the voice had been identified as that of X": the
        figure named in the next three paragraphs."""
        end = head.idx
        for _ in range(4):
            found = self.text.find("\n\n", end + 1)
            end = len(self.text) if found < 0 else found
        # a caller is known by his voice: "the caller told her ... Police later identified the voice as that of X"
        figure = "(?:voice|caller|speaker)" if head.lower_ in ("voice", "caller", "speaker") else re.escape(head.lower_)
        pattern = (
            r"(?:\b(?:[Tt]he|[Tt]his|[Tt]hat) (?:[\w-]+ ){0,2}?" + figure + r"\b[^.;\n]{0,60}?"
            r"\b(?:identified as|recogni[sz]ed as|belongs to|belonged to|(?:is|was) that of)|"
            r"\b(?:identified|recogni[sz]ed) (?:the|this|that) " + figure + r"\b[^.;\n]{0,60}?\bas)"
            r"\s+(?:that of\s+)?(?:\w[\w'’-]*\s+)?$"
        )
        for s, _e, lid in self.actors.mention_tokens:
            at = self.doc[s].idx
            # (the tagger may take the name for an organisation's: a voice is someone's all the same)
            if not head.idx < at < end or self.actors.get(lid).type not in ("PERSON", "ORG"):
                continue
            if re.search(pattern, self.text[max(head.idx, at - 140) : at]):
                return lid, self._mention_chars(s)
        return None

    def _message_author(self, pronoun: Token) -> tuple[str, tuple[int, int] | None] | None:
        """ "the message came from X, and it said: ...": "it" is the message, its author X."""
        start = max(0, pronoun.sent.start - 60)
        for tok in reversed(self.doc[start : pronoun.i]):
            if tok.lemma_.lower() not in STATEMENT_NOUNS or self._in_quote[tok.i]:
                continue
            verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else tok
            for child in verb.children:
                # "the message came from X", "was attributed to X"; but "the statement turned to X" and "a banner
                # addressed to X" name whom it speaks about or to
                to_author = child.lower_ == "to" and verb.lemma_.lower() in _ASCRIBING
                if child.dep_ in ("prep", "agent") and (child.lower_ in ("from", "by") or to_author):
                    for sub in child.subtree:
                        lid = self.actors.at_token(sub.i)
                        if lid and self.actors.get(lid).type in ("PERSON", "ORG"):
                            return lid, self._mention_chars(sub.i)
            self._recipient = self._message_recipient(tok)
            for clause in (c for c in tok.children if c.dep_ == "acl"):
                # "found a typed letter ... signed by a group calling itself X", "a note sent from X's phone"
                for by in (c for c in clause.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "from")):
                    named, self_named = self._named_in_phrase(by)
                    if named:
                        chosen = named[-1] if self_named else named[0]
                        return self.actors.at_token(chosen.i) or "", self._mention_chars(chosen.i)
            author = self._author_of_earlier(tok) if tok.i < pronoun.i else None
            if author is not None:
                return self.actors.at_token(author.i) or "", self._mention_chars(author.i)
            return None
        return None

    def _org_fitting(self, head: Token) -> str | None:
        """The organisation, most mentioned, whose name shares a descriptive word with the phrase ("communist")."""
        words = _describing_words(head)
        fits = [
            a
            for a in self.actors.actors
            if a.type == "ORG" and words & set(re.findall(r"[a-z]+", a.name.lower()))
        ]
        return max(fits, key=lambda a: len(a.mentions)).local_id if fits else None

    def _next_org(self, head: Token) -> tuple[str, None] | None:
        limits = [head.sent.end_char]
        for _ in range(2):  # the sentence, the next one, and (for a name the description's words fit) the third
            at = self.token_at(limits[-1] - 1).sent.end
            limits.append(self.doc[at].sent.end_char if at < len(self.doc) else limits[-1])
        found = [
            lid
            for s_tok, _, lid in self.actors.mention_tokens
            if head.idx < self.doc[s_tok].idx < limits[2] and self.actors.get(lid).type == "ORG"
        ]
        near = {lid for s_tok, _, lid in self.actors.mention_tokens if head.idx < self.doc[s_tok].idx < limits[1]}
        if not any(lid in near for lid in found):
            return None
        # "An underground communist faction has threatened ..., prompting the Home Ministry to ... a statement
        # posted by the Nepal Communist Party (Revolutionary Centre)": the one the description's words fit, else
        # not a ministry, a court or a police force that comes into the story about it
        words = _describing_words(head)
        for lid in found:
            if words & set(re.findall(r"[a-z]+", self.actors.get(lid).name.lower())):
                return lid, None
        found = [lid for lid in found if lid in near]
        return next((lid for lid in found if not _STATE_BODY.search(self.actors.get(lid).name)), found[0]), None

    def _previous_subject(self, pronoun: Token, depth: int = 0) -> tuple[str, tuple[int, int] | None] | None:
        """ "The gang leader ... . He also warned ...": the subject of the sentence before, named or described;
        "Estimé addresses the prime minister ... He then turns to X ... 'We know ...,' he says": a chain of
        "he" subjects goes back to the one named."""
        sent = pronoun.sent
        if pronoun.i != sent.root.i and pronoun.head.i != sent.root.i and pronoun.head.lemma_ not in SPEECH_VERBS:
            return None  # only a pronoun subject of the main clause (or of "he said") continues the previous subject
        if sent.start == 0:
            return None
        before = self.doc[sent.start - 1].sent
        within = self.subject_earlier_in_quote(pronoun, before)
        if within is not None:
            return within
        # '"... will be slaughtered. Let them stay home," he said': step back over the quote's sentences,
        # and over the blank line between paragraphs, which the parser makes a sentence of its own
        saying: Token | None = None
        for _ in range(6):
            blank = all(t.is_space for t in before)
            if (not blank and not self._in_quote[before.root.i]) or before.start == 0:
                break
            # '"... and so do we," the man says': the parser may root the sentence inside the quote
            saying = next(
                (
                    t
                    for t in before
                    if not self._in_quote[t.i]
                    and t.lemma_.lower() in SPEECH_VERBS
                    and any(c.dep_ == "nsubj" and not self._in_quote[c.i] for c in t.children)
                ),
                None,
            )
            if saying is not None:
                break
            before = self.doc[before.start - 1].sent
        main = saying if saying is not None else before.root
        subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and before.root.pos_ == "PROPN" and self.actors.at_token(before.root.i):
            subj = before.root  # "Gary Lee Whitcomb, 61, admitted ...", parsed with the name as the root
        if subj is not None and subj.lower_ in ("he", "she") and not self._in_quote[subj.i] and depth < 2:
            return self._previous_subject(subj, depth + 1)
        if subj is None or subj.lower_ in PERSON_PRONOUNS or self._in_quote[subj.i]:
            return None
        if subj.lower_ == "old" and any(c.lower_ == "year" for c in subj.children):
            # "The 38-year-old also turned on the emir ... he said": the one the story is about
            main = self._speaker_counts.most_common(1)[0][0] if self._speaker_counts else None
            return (main, None) if main and self.actors.get(main).type == "PERSON" else None
        if subj.pos_ == "NOUN" and subj.lower_ not in PERSON_NOUNS:
            return None
        resolved = self.resolve_np(subj, subj.idx)
        if resolved and self.actors.get(resolved[0]).type == "PERSON":
            return resolved[0], None
        if resolved and pronoun.lower_ in ("he", "she") and _person_shaped(self.actors.get(resolved[0])):
            # "Jean-Rodrigue Estimé appears in the video ... He then turns to ...": the tagger's
            # organisation is the man "he" goes on about
            self.actors.get(resolved[0]).type = "PERSON"
            return resolved[0], None
        return None

    def unnamed_antecedent(self, pronoun: Token) -> tuple[tuple[str, tuple[int, int] | None] | None] | None:
        """Where a chain of "he"/"she" subjects in one paragraph goes back to someone unnamed ("a man called my
        mobile. He spoke Persian. He said he was 'a friend from the Sepah'. He said: ..."): a one-tuple of the
        side he claimed to be from (or of None); None when the chain does not end on an unnamed person."""
        sent = pronoun.sent
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ not in ("he", "she") or sent.start == 0:
            return None
        para_start = self.text.rfind("\n\n", 0, pronoun.idx)
        claimed: tuple[str, tuple[int, int] | None] | None = None
        before = self.doc[sent.start - 1].sent
        for _ in range(5):
            if before.start_char <= para_start or all(t.is_space for t in before):
                return None
            if _NAME_GIVEN.search(before.text):
                return None  # "He said his name was X": named after all
            # (a pronoun in a quote goes back over the quote's sentences, one outside over the narration's)
            if self._in_quote[before.root.i] == self._in_quote[pronoun.i]:
                subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None:
                    return None
                if subj.lower_ == pronoun.lower_:
                    said = before.text.lower()
                    if claimed is None and _CLAIMED_SIDE.search(said):
                        orgs = [
                            t.i
                            for t in before
                            if (lid := self.actors.at_token(t.i)) and self.actors.get(lid).type == "ORG"
                        ]
                        if orgs:
                            claimed = (self.actors.at_token(orgs[0]) or "", self._mention_chars(orgs[0]))
                elif (
                    subj.lower_ in _UNNAMED_FIGURES | {"caller", "stranger", "visitor"}
                    and self.actors.at_token(subj.i) is None
                    and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children)
                    and not any(c.dep_ == "appos" for c in subj.children)
                ):
                    return (claimed,)
                else:
                    return None
            if before.start == 0:
                return None
            before = self.doc[before.start - 1].sent
        return None

    def subject_earlier_in_quote(self, pronoun: Token, before: SpacySpan) -> tuple[str, tuple[int, int] | None] | None:
        """ '"The commander called me at night. He said that if I ...," Mbalanga told OODH', '"A man called me. He
        said his name was X ... He told me ..."': inside one quote, "he" goes on with the person the quote's
        sentences before named or described, not with its teller."""
        sentence = before
        for _ in range(4):
            quoted = [t for t in sentence if self._in_quote[t.i]]
            if not self._in_quote[pronoun.i] or not quoted:
                return None
            if "\n\n" in self.text[sentence.start_char : pronoun.idx]:
                return None  # another paragraph
            # the quoted clause's own verb ('He said his name was X," Pwajok recalls': "said")
            root = sentence.root
            if not self._in_quote[root.i]:
                root = next((t for t in quoted if t.pos_ in ("VERB", "AUX") and not self._in_quote[t.head.i]), root)
            named = _NAME_GIVEN.search(sentence.text)
            if named is not None:
                at = sentence.start_char + named.end()
                for s, _e, lid in self.actors.mention_tokens:
                    # (a man's name however the tagger labelled it: "his name was" names a person)
                    if at <= self.doc[s].idx <= at + 3 and self.actors.get(lid).type in ("PERSON", "ORG"):
                        return lid, self._mention_chars(s)
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or not self._in_quote[subj.i]:
                return None
            if subj.lower_ == pronoun.lower_ and sentence.start > 0:
                sentence = self.doc[sentence.start - 1].sent  # "He said ... He told me": further back
                continue
            if subj.pos_ not in ("NOUN", "PROPN") or (subj.pos_ == "NOUN" and subj.lower_ not in PERSON_NOUNS):
                return None
            if subj.lower_ in _UNNAMED_FIGURES and any(c.lower_ in ("a", "an") for c in subj.children):
                return None  # "A man called me": no one named
            resolved = self.resolve_np(subj, subj.idx)
            if resolved is None or self.actors.get(resolved[0]).type != "PERSON":
                return None
            return (resolved[0], None) if self.pronoun_fits(resolved[0], pronoun.lower_) else None
        return None

    def _salient_org(self, before_char: int) -> tuple[str, None] | None:
        """ "The group": the organisation the text has talked about most so far."""
        counts: Counter[str] = Counter()
        for s, _, lid in self.actors.mention_tokens:
            if self.doc[s].idx < before_char and self.actors.get(lid).type == "ORG":
                counts[lid] += 1
        if not counts:
            # a headline before any name: the organisation the document is about
            for _s, _, lid in self.actors.mention_tokens:
                if self.actors.get(lid).type == "ORG":
                    counts[lid] += 1
        return (counts.most_common(1)[0][0], None) if counts else None

    def pronoun_fits(self, lid: str, pronoun: str) -> bool:
        """Whether "he" or "she" can stand for an actor: not for a woman's or a man's name the other way round."""
        wanted = PRONOUN_GENDER.get(pronoun.lower())
        actor = self.actors.get(lid)
        if wanted is None or actor.type != "PERSON":
            return True
        if lid not in self._genders:
            stripped = [strip_titles(form) for form in actor.surface_forms()]
            titles = [*actor.titles, *(t for _, found in stripped for t in found)]
            self._genders[lid] = person_gender([bare for bare, _ in stripped], titles) or self._gender_in_text(lid)
        return self._genders[lid] in (None, wanted)

    def _gender_in_text(self, lid: str) -> Gender | None:
        """The gender the text gives a person its name does not: "Casséus ... told AFP she had left her home"
        (the first "he" or "she" after the name in its sentence, before anyone else is named)."""
        votes: Counter[Gender] = Counter()
        for s, e, owner in self.actors.mention_tokens:
            name = self.doc[e - 1]
            if owner != lid or self._in_quote[s] or name.dep_ != "nsubj":
                continue
            # the subject of what the named person did next: "X told AFP [she] had left", "X said [he] would"
            # (not "X walked up while she was speaking": someone else may be "she" there)
            for clause in name.head.children:
                if clause.dep_ not in ("ccomp", "conj", "xcomp") or clause.i < name.i:
                    continue
                subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                gender = PRONOUN_GENDER.get(subj.lower_) if subj is not None else None
                if gender is not None and not self._in_quote[subj.i]:
                    votes[gender] += 1
                    break
        if not votes:
            return None
        (best, count), *rest = votes.most_common()
        return best if not rest or count >= 2 * rest[0][1] else None

    def _antecedent(
        self, types: tuple[str, ...], before_char: int, exclude: str | None = None, pronoun: str = ""
    ) -> tuple[str, tuple[int, int] | None] | None:
        # the most recent mention outside quotes, preferring grammatical subjects
        candidates = []
        for s, e, lid in self.actors.mention_tokens:
            if self.doc[s].idx >= before_char or self._in_quote[s] or lid == exclude:
                continue
            if pronoun in GROUP_PRONOUNS and WIRE_AGENCY.match(self.actors.get(lid).name):
                continue  # '"...," it said', after "verified by AFP": the banner, not the agency
            if pronoun and not self.pronoun_fits(lid, pronoun):
                continue  # "he" is not Fatima
            last = self.doc[e - 1]
            if pronoun and last.dep_ == "compound" and last.head.pos_ == "NOUN" and last.head.i >= e:
                continue  # "in the Boni forest": a name that only qualifies a thing is not whom "he" stands for
            if self.actors.get(lid).type in types and not self._spoken_to_or_labelled(s, e, before_char):
                candidates.append((s, e, lid))
        if not candidates:
            if "PERSON" in types:
                # "he threatened a judge" before the man is named: the next person named
                for s, _, lid in self.actors.mention_tokens:
                    if self.doc[s].idx >= before_char and self.actors.get(lid).type == "PERSON":
                        if pronoun and not self.pronoun_fits(lid, pronoun):
                            continue
                        return lid, None
            return None
        head_sent = None
        for _s, e, lid in reversed(candidates):
            tok = self.doc[e - 1]
            if head_sent is None:
                head_sent = tok.sent.start
            if tok.sent.start != head_sent:
                break
            if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass"):
                return lid, None
        return candidates[-1][2], None

    def _is_label(self, tok: Token) -> bool:
        line_start = self.text.rfind("\n", 0, tok.idx) + 1
        return not re.sub(_TIMESTAMP, "", self.text[line_start : tok.idx], count=1).strip() and bool(
            re.match(r"[^\n:]{0,60}:", self.text[tok.idx : tok.idx + 70])
        ) and tok.text.isupper()

    def _in_turn(self, char: int) -> bool:
        """Whether a position sits on a transcript line that opens with a speaker's label."""
        line_start = self.text.rfind("\n", 0, char) + 1
        return bool(TURN_LINE.match(self.text, line_start, self.text.find("\n", line_start) % (len(self.text) + 1)))

    def _spoken_to_or_labelled(self, s: int, e: int, at_char: int | None = None) -> bool:
        """ "Good evening, Leila.", "OUCHENE:": a name spoken to, or a transcript's speaker label, is not whom a
        later "he" or "she" stands for."""
        start, end = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
        line_start = self.text.rfind("\n", 0, start) + 1
        before, after = self.text[line_start:start], self.text[end : end + 40]
        label_prefix = re.sub(_TIMESTAMP, "", before, count=1)
        if re.match(r"[^\n:]{0,60}:", self.text[start:]) and re.fullmatch(r"\s*(\[[A-Z][A-Z .,'’-]*)?", label_prefix):
            return True  # the label opening a transcript line ("OUCHENE:", "[REPORTER TOM HALE]:")
        if re.search(r"[,]\s*$", before) and re.match(r"\s*[.!?]", after):
            return True  # "Good evening, Leila."
        last = self.doc[e - 1]
        described = (
            last.dep_ in ("nsubj", "nsubjpass")
            or any(c.dep_ == "appos" for c in last.children)
            or bool(re.match(r"\s*,\s*\d{1,3}\s*,", after))  # "Marzia, 41, headed ..."
        )
        if re.search(r"(^|[.!?]\s+)$", before) and re.match(r"\s*,", after) and not described:
            return True  # "Dr Ouchene, good evening." (not "X, a militia commander, dismissed the message.")
        # in a participant's own words, "he" is someone else; in the narrative around a wiretap it may not be
        return at_char is not None and self._in_turn(at_char) and self.actors.at_token(s) in self._participants

    @property
    def _participants(self) -> set[str]:
        """Who speaks in a transcript (two or more "NAME:" lines): they say "you" to each other, and their "he"
        is someone else."""
        if self._participant_ids is None:
            labels = Counter(
                name_key(re.sub(r"\s*\([^()]*\)", "", m.group("label") or m.group("bracket"))).split()[-1]
                for m in TURN_LINE.finditer(self.text)
                if name_key(re.sub(r"\s*\([^()]*\)", "", m.group("label") or m.group("bracket")))
            )
            self._participant_ids = {
                a.local_id
                for a in self.actors.actors
                if a.type == "PERSON"
                and any(name_key(f).split()[-1:] and labels[name_key(f).split()[-1]] >= 2 for f in a.surface_forms())
            }
        return self._participant_ids

    def _occupation_given(self, lid: str) -> str | None:
        """The occupation the story gives a person where it names them: "Hanan X, 29, a correspondent for ..."."""
        for m in self.actors.get(lid).mentions:
            found = _OCCUPATION_AFTER.match(self.text, m.end)
            if found is not None:
                return found.group(1).lower()
        return None

    def _introduced_as(self, noun: str, at_char: int, exclude: str | None) -> str | None:
        """The one person the text brought in as a `noun` before `at_char`: "Ravi X, 31, a freelance photographer",
        "the photographer Ravi X"; a witness also by giving evidence ("X testified", "X gave evidence")."""
        pattern = _OCCUPATIONS_DESCRIBED[noun]
        after = re.compile(
            r"\s*,\s*(?:(?:aged )?\d{1,3},\s*)?(?:a|an|the|who is an?)\s+(?:[\w'’-]+\s+){0,3}?" + pattern
        )
        before = re.compile(pattern + r"\s*,?\s*$", re.IGNORECASE)
        found: list[tuple[int, str]] = []
        for actor in self.actors.actors:
            if actor.type != "PERSON" or actor.local_id == exclude:
                continue
            for m in actor.mentions:
                if m.start >= at_char:
                    continue
                line_end = self.text.find("\n", m.end)
                tail = self.text[m.end : line_end if line_end >= 0 else len(self.text)][:200]
                head = self.text[max(0, m.start - 40) : m.start]
                if after.match(tail) or before.search(head) or (noun == "witness" and _GAVE_EVIDENCE.match(tail)):
                    found.append((m.start, actor.local_id))
        if len({lid for _, lid in found}) != 1:
            return None  # two photographers: "the photographer" does not tell them apart
        return found[-1][1]

    def _person_by_description(
        self, head: Token, subtree: list[Token], orgs: list[str], at_char: int, exclude: str | None = None
    ) -> str | None:
        # (a role inside a clause is someone else's: "the main defendant in a plot to kill an independent lawmaker")
        words = {t.lower_ for t in subtree if not self._inside_clause(t, head)} | {head.lower_}
        wanted = {w for w in words if w in ROLE_WORDS}
        said = set(wanted) or {head.lower_}  # the roles the description itself names, before their synonyms
        for w in list(wanted):
            wanted |= TITLE_SYNONYMS.get(w, frozenset())
        persons = [a for a in self.actors.actors if a.type == "PERSON" and a.local_id != exclude]
        main_speaker = self._speaker_counts.most_common(1)[0][0] if self._speaker_counts else None
        if exclude is not None:
            main_speaker = None
        titled = [p for p in persons if any(_title_matches(t, wanted) for t in p.titles)]
        # "the bandit leader" is not "the district head": a descriptive word must fit the person too
        kinds = {
            c.lower_
            for c in head.children
            if c.dep_ in ("compound", "amod") and not self.actors.at_token(c.i) and c.lemma_.lower() in ARMED_KINDS
        }
        if kinds:
            titled = [p for p in titled if self._fits(p, kinds)]
        if orgs:
            # "the commander of X" is not a commander known to serve another organisation
            titled = [p for p in titled if not p.affiliations or set(p.affiliations) & set(orgs)]
        if orgs:
            # "the leader of the X groups": a member of X, else whoever speaks for X here
            members = [p for p in persons if set(p.affiliations) & set(orgs)]
            if members:
                return self._nearest(members, at_char)
            if main_speaker and set(self.actors.get(main_speaker).affiliations) & set(orgs):
                return main_speaker
            introduced_member = self._introduced_member(head, orgs, exclude)
            if introduced_member is not None:
                return introduced_member
        # ("MARAWI CITY - A commander ...": after a dateline the parser may take "A" for part of a name)
        determiners = {
            t.lower_ for t in head.children if t.dep_ == "det" or (t.dep_ == "compound" and t.lower_ in ("a", "an"))
        }
        described = any(c.dep_ in ("compound", "amod", "nmod") for c in head.children)
        unnamed = head.lower_ in ("man", "woman", "suspect", "defendant", "person", "teenager")
        introduced = bool(determiners & {"a", "an"}) and head.dep_ in ("nsubj", "nsubjpass")
        # "A commander of the group has threatened ...": "a" brings in someone new, named further on, not a
        # commander the story names elsewhere for something else
        if titled and not introduced:
            return self._nearest(titled, at_char)
        if (unnamed and (determiners & {"a", "an"} or (described and "the" in determiners))) or introduced:
            # "A Detroit man has been charged ... The man, Robert Roe, 32, ..." names him later
            after = head.sent.end_char
            # "A senior commander of the SDF has threatened ... The commander, known by his nom de guerre X,": the
            # man the story goes on to call by that very title
            same_title = [
                p
                for p in titled
                if any(t.lower().split()[-1:] == [head.lower_] for t in p.titles)
                and min(m.start for m in p.mentions) >= after
            ]
            titled_first = min(same_title, key=lambda p: min(m.start for m in p.mentions)) if same_title else None
            first: str | None = None
            for s, e, lid in self.actors.mention_tokens:
                if self.doc[s].idx < after or self.actors.get(lid).type != "PERSON" or lid == exclude:
                    continue
                if self._known_as_other(lid, said):
                    continue  # "the main defendant ... The lawmaker, X,": someone else the story goes on about
                occupation = self._occupation_given(lid)
                if occupation is not None and occupation != head.lower_ and head.lower_ in ROLE_WORDS:
                    continue  # "A commander ... threatened ... Hanan X, 29, a correspondent": not the commander
                if self.doc[s].sent.start - head.sent.start > 160:
                    break
                if titled_first is not None and self.doc[s].idx >= min(m.start for m in titled_first.mentions):
                    break
                first = first or lid
                tok = self.doc[e - 1]
                # the one the story goes on about: a subject, or "The man, X, 41,"; named before anyone given
                # the same title ("A Druze faction leader warned ... Sheikh X, who leads the faction, said" before
                # "Sheikh Y, a leader of Bedouin clans")
                if tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "appos" and tok.head.lower_ in PERSON_NOUNS):
                    return lid
            if titled_first is not None:
                return titled_first.local_id
            if first is not None:
                return first
        if titled:
            return self._nearest(titled, at_char)
        if "the" in determiners and head.lower_ in _ACCUSED_FIGURES:
            # "the defendant", "the caller", "the man" in a court or police report: the person charged
            accused = self.accused(at_char)
            if accused is not None and accused != exclude:
                return accused
        if head.lower_ in ("man", "woman", "person", "teenager", "suspect", "defendant", "gunman"):
            return None  # an unnamed person stays unnamed
        if determiners & {"a", "an"}:
            return None  # "a commander of the separatists" introduces someone, it does not refer back
        if "the" in determiners and head.dep_ in ("nsubj", "nsubjpass"):
            # "Sheikh X has been speaking at the funeral. The cleric told mourners: ...": the person the
            # sentence before was about
            previous = self._subject_before(head)
            known_as_other = previous is not None and self._known_as_other(previous, said)
            if previous is not None and previous != exclude and not known_as_other:
                return previous
        # the description of someone already quoted: the document's main speaker, if it fits him
        if main_speaker is not None and kinds and not self._fits(self.actors.get(main_speaker), kinds):
            return None
        if main_speaker is not None and self._known_as_other(main_speaker, said):
            return None
        return main_speaker

    def _introduced_unnamed(self, head: Token) -> tuple[tuple[str, tuple[int, int] | None] | None] | None:
        """ "the officer" after "a man who said he was an officer of X" or "an officer ... told me" in the two
        paragraphs before, with no person named in apposition to him or since: the unnamed figure.
        Returns a one-tuple holding the side he claimed (or None), or None when the phrase names no such figure."""
        lower = head.lower_
        if lower not in PERSON_NOUNS or lower in _UNNAMED_FIGURES or self._in_quote[head.i]:
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            return None
        if any(self.actors.at_token(t.i) for t in head.subtree):
            return None
        start = head.idx
        for _ in range(2):
            start = self.text.rfind("\n\n", 0, max(0, start - 2)) + 1
        window = self.text[start : head.idx]
        found = None
        for m in re.finditer(rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(lower)}s?\b", window):
            found = m
        if found is None:
            return None
        intro_start, intro_end = start + found.start(), start + found.end()
        side: tuple[str, tuple[int, int] | None] | None = None
        for s, e, lid in self.actors.mention_tokens:
            at = self.doc[s].idx
            end_char = self.doc[e - 1].idx + len(self.doc[e - 1])
            kind = self.actors.get(lid).type
            if kind == "PERSON" and (
                # '"General X", a separatist commander whose ...': the apposition names him
                (end_char <= intro_start and re.fullmatch(r"[\"”’']?\s*,\s*", self.text[end_char:intro_start]))
                # "an officer, X," or "A retiree was charged ... X, 68, ...": named since
                or intro_start <= at < head.idx
            ):
                return None
            if kind in ("ORG", "GROUP") and 0 <= at - intro_end <= 20 and side is None:
                side = lid, self._mention_chars(s)  # "an officer of the NSS"
        return (side,)

    @staticmethod
    def _inside_clause(tok: Token, head: Token) -> bool:
        """Whether a word of a noun phrase sits in a verb's clause below its head ("to kill a lawmaker")."""
        for above in tok.ancestors:
            if above.i == head.i:
                return False
            if above.pos_ in ("VERB", "AUX"):
                return True
        return False

    def _known_as_other(self, lid: str, wanted: set[str]) -> bool:
        """Whether the text gives this person a role and none of them is the one a description names: "the military
        prosecutor" is not the lawmaker the sentence before was about."""
        wanted_families = {i for i, family in enumerate(_ROLE_FAMILIES) for w in wanted if w in family}
        if not wanted_families:
            return False
        known = {
            i
            for t in self.actors.get(lid).titles
            for w in t.lower().strip(".").split()
            for i, family in enumerate(_ROLE_FAMILIES)
            if w in family
        }
        return bool(known) and not known & wanted_families

    def accused(self, at_char: int | None = None) -> str | None:
        """The person a court or police report is about: "X, 58, is charged with ...", "the suspect,
        identified only as X", "X pleaded guilty to ...". Where a report covers several cases, the one accused
        last before `at_char`; None when the text accuses nobody."""
        if self._accused_marks is None:
            self._accused_marks = []
            for s, e, lid in self.actors.mention_tokens:
                if self.actors.get(lid).type != "PERSON" or self._in_quote[s]:
                    continue
                start, end = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
                if (
                    _ACCUSED_AFTER.match(self.text[end : end + 90])
                    or _ACCUSED_BEFORE.search(self.text[max(0, start - 80) : start])
                    or _CHARGES_AGAINST.search(self.text[max(0, start - 200) : start])
                ):
                    self._accused_marks.append((start, lid))
        accused = {lid for _, lid in self._accused_marks}
        if len(accused) == 1:
            return accused.pop()
        if at_char is None or not accused:
            return None
        # "In a separate case, the court sentenced a man ... named in court as Peter de K.": the latest case, if the
        # one before it was told in another paragraph (not "X and Y were charged", two accused of one case)
        before = [(start, lid) for start, lid in self._accused_marks if start < at_char]
        if not before:
            return None
        last_start, last = before[-1]
        other = next((start for start, lid in reversed(before) if lid != last), None)
        if other is not None and "\n\n" not in self.text[other:last_start]:
            return None
        return last

    def _introduced_member(self, head: Token, orgs: list[str], exclude: str | None) -> str | None:
        """ "A senior official of X said ... . Y, who heads the group's security council, made the remarks":
        a description introduced with "a" is named in the next sentences by a person the text ties to X there.
        An official who stays anonymous ("speaking on condition of anonymity") stays unnamed."""
        if not ({t.lower_ for t in head.children if t.dep_ == "det"} & {"a", "an"}):
            return None
        if head.dep_ not in ("nsubj", "nsubjpass") or _ANONYMOUS.search(head.sent.text.lower()):
            return None
        after, limit = head.sent.end_char, head.sent.end + 90
        for s, _e, lid in self.actors.mention_tokens:
            tok = self.doc[s]
            if tok.idx < after or lid == exclude or self._in_quote[s]:
                continue
            if s > limit:
                break
            person = self.actors.get(lid)
            if person.type != "PERSON" or any(m.start < head.idx for m in person.mentions):
                continue
            sent = tok.sent
            if _ANONYMOUS.search(sent.text.lower()):
                continue
            tied = set(person.affiliations) & set(orgs) or any(
                self.actors.at_token(t.i) in orgs
                or (t.lower_ in GROUP_NOUNS and any(c.lower_ in ("the", "its", "'s") for c in t.children))
                for t in sent
            )
            root_subject = self.doc[_e - 1].dep_ in ("nsubj", "nsubjpass")
            if tied and root_subject:
                return lid
        return None

    def _subject_before(self, head: Token) -> str | None:
        """The named person who is the subject of the sentence before this one (outside quotes)."""
        sent = head.sent
        if sent.start == 0:
            return None
        before = self.doc[sent.start - 1].sent
        for _ in range(4):
            if any(not t.is_space for t in before) and not self._in_quote[before.root.i]:
                break
            if before.start == 0:
                return None
            before = self.doc[before.start - 1].sent
        subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        lid = self.actors.at_token(subj.i)
        if lid is None:
            named = [self.actors.at_token(t.i) for t in subj.subtree if self.actors.at_token(t.i)]
            people = [x for x in named if x and self.actors.get(x).type == "PERSON"]
            lid = people[0] if people else None
        if lid is None and subj.pos_ == "NOUN" and not any(self.actors.at_token(t.i) for t in subj.subtree):
            # "The lawyer is not the only one Jamalkhanov has singled out. ... the deputy wrote": the subject names
            # no one; the one person the sentence names is whom "the deputy" points back to
            people = {
                x
                for t in before
                if (x := self.actors.at_token(t.i)) and not self._in_quote[t.i] and self.actors.get(x).type == "PERSON"
            }
            lid = people.pop() if len(people) == 1 else None
        return lid if lid and self.actors.get(lid).type == "PERSON" else None

    def _fits(self, person: DocActor, kinds: set[str]) -> bool:
        """Whether what a description says of someone ("militia", "bandit") is said of this person:
        in his titles, his organisations' names or the words around his name."""
        said = [*person.titles]
        for org in person.affiliations:
            said.extend(self.actors.get(org).surface_forms())
        for m in person.mentions:
            said.append(self.text[max(0, m.start - 60) : m.end + 60])
        blob = " ".join(said).lower()
        return any(re.search(rf"\b{re.escape(k)}", blob) for k in kinds)

    def person_by_title(self, words: set[str], at_char: int, exclude: str | None = None) -> str | None:
        """The person whose title matches one of `words` (with synonyms), nearest to a position."""
        wanted = set(words)
        for w in words:
            wanted |= TITLE_SYNONYMS.get(w, frozenset())
        titled = [
            p
            for p in self.actors.actors
            if p.type == "PERSON" and p.local_id != exclude and any(_title_matches(t, wanted) for t in p.titles)
        ]
        return self._nearest(titled, at_char) if titled else None

    def _nearest(self, actors: list, at_char: int) -> str:
        def distance(actor) -> int:
            before = [m.start for m in actor.mentions if m.start <= at_char]
            return at_char - max(before) if before else 10**9 + min(m.start for m in actor.mentions)

        return min(actors, key=distance).local_id

    # ------------------------------------------------------------------ transcript turns
    def _turn_speaker(self, stmt: Statement, line_start: int, colon: int) -> bool:
        label = self.text[line_start:colon].strip()
        if not label or len(label) > 90 or not label[0].isupper():
            return False
        # "MALIK X (PK-103, Bannu):", "MUFTI Y (JUI-F):": a member named outside the brackets, his seat or party
        # inside; "HOST (JANE ROE):" a role outside, the name inside
        bracketed = re.match(r"(.+?)\s*\(([^()]+)\)$", label)
        if bracketed:
            outer = bracketed.group(1).strip()
            outer_words = set(re.sub(r"[^\w\s]", " ", outer.lower()).split()) - {"mr", "ms", "mrs", "dr", "the"}
            if outer_words and not outer_words <= ROLE_WORDS | _NON_SPEAKER_LABELS | _ROLE_QUALIFIERS:
                at = self.text.index(outer, line_start)
                if not re.search(r"\d{2,}", outer) and self._turn_speaker(stmt, at, at + len(outer)):
                    return True
        # "Yemen: Huthi spokesman threatens ...", "TURBAT: The banned ...", "October 2, 2024, 12:14": a headline's
        # or a dateline's place, or a time
        # ("HAMMA:" is a place's name too, but a dateline does not open two paragraphs)
        # ("[01:51] AMED:": after a timestamp too)
        repeated = len(re.findall(r"(?m)^" + _TIMESTAMP + re.escape(label) + ":", self.text)) >= 2
        dateline = (label.isupper() or len(label.split()) == 1) and is_known_place(label) and not repeated
        if re.search(r"\d{2,}", label) or dateline or any(
            self.actors.get(lid).type in ("GPE", "LOC")
            for t in self.doc.char_span(line_start, colon, alignment_mode="expand") or []
            if (lid := self.actors.at_token(t.i))
        ):
            return False
        # "HOST (JANE ROE):" names the host in brackets; a bare role label names no one
        bracket = re.match(r"(.+?)\s*\(([^()]+)\)$", label)
        if bracket:
            inner = bracket.group(2).strip()
            offset = self.text.index(inner, line_start)
            named = _SELF_GIVEN_NAME.search(inner)
            if named is not None:  # "SECOND SPEAKER (masked, identified by residents as "Ti Wòch")"
                offset += named.start("name")
                inner = named.group("name")
            elif all(w in ROLE_WORDS | _NON_SPEAKER_LABELS | _ROLE_QUALIFIERS for w in inner.lower().split()):
                # "SAMIR HADDOU (ANALYST):": the name outside the brackets, the role inside
                outer = bracket.group(1).strip()
                at = self.text.index(outer, line_start)
                if self._turn_speaker(stmt, at, at + len(outer)):
                    return True
            if self._turn_speaker(stmt, offset, offset + len(inner)):
                if stmt.speaker is not None:
                    self._label_speakers[bracket.group(1).strip().lower()] = stmt.speaker
                return True
            return False
        if label.lower() in self._label_speakers:
            stmt.speaker = self._label_speakers[label.lower()]
            stmt.how.append("speaker turn")
            return True
        span = self.doc.char_span(line_start, colon, alignment_mode="contract")
        if span is None:
            return False
        # "DAN SARKI:" when the tagger took "DAN" for an organisation: the person whose name the label is
        key = name_key(label)
        for actor in self.actors.actors:
            if actor.type == "PERSON" and key and len(key.split()) > 1:
                if any(name_key(f) == key or name_key(f).endswith(" " + key) for f in actor.surface_forms()):
                    stmt.speaker = actor.local_id
                    stmt.speaker_mention = (span.start_char, span.end_char)
                    stmt.how.append("speaker turn")
                    return True
        for t in span:
            lid = self.actors.at_token(t.i)
            if lid and self.actors.get(lid).type in ("PERSON", "ORG"):
                stmt.speaker = lid
                stmt.speaker_mention = self._mention_chars(t.i)
                stmt.how.append("speaker turn")
                return True
        # "SPOKESMAN:", "THE COMMANDER:": a role names the person the document gave that role
        role = label.lower().strip(". ")
        role_words = set(role.removeprefix("the ").split())
        if role_words and role_words <= ROLE_WORDS | _ROLE_QUALIFIERS:
            holder = self.person_by_title(role_words & ROLE_WORDS, line_start)
            if holder is None:
                return False
            stmt.speaker = holder
            stmt.how.append("speaker turn by role")
            return True
        # a label NER did not tag ("AL-SAIDI", "Nizar Obeid"): a known actor's name, or a new person
        plain = _QUOTED_NICKNAME.sub(" ", label).strip()  # 'WILKENS "TI LOU" DESROSIERS'
        words = plain.split()
        if (
            len(words) > 4
            or label.lower().strip(". ") in _NON_SPEAKER_LABELS
            or all(w in _NON_SPEAKER_LABELS for w in label.lower().strip(". ").split())
            or not all(w[:1].isupper() for w in words)
        ):
            return False
        key = name_key(plain)
        if not key:
            return False
        found = None
        for actor in self.actors.actors:
            if actor.type != "PERSON":
                continue
            keys = [name_key(f) for f in actor.surface_forms()]
            if any(k == key or k.endswith(" " + key) for k in keys):
                found = actor
                break
        start = line_start + self.text[line_start:colon].index(label)
        span = self.doc.char_span(start, start + len(label), alignment_mode="contract")
        if span is None or not len(span):
            return False
        if found is None:
            found = self.actors.add_actor(plain, "PERSON", span)
        else:
            self.actors.add_mention(found, span)
        stmt.speaker = found.local_id
        stmt.speaker_mention = (span.start_char, span.end_char)
        stmt.how.append("speaker turn")
        return True

    def _blocks(self, quotes: list[Statement]) -> Iterator[Statement]:
        """Unquoted statements introduced by a line ending in a colon.

        "Statement of the group, read by its spokesman X:" followed by the statement's
        paragraphs; an opening "To Y:" line names whom it addresses.
        """
        for intro in re.finditer(r"(?m)^([^\n]{8,300}):[ \t]*\n", self.text):
            head = intro.group(1)
            if not re.search(
                r"\b(said|says|wrote|writes|stated|statement|declared|read|posted|tweeted|message|"
                r"communiqu[eé]|announced|warned|added)\b",
                head,
                re.I,
            ):
                continue
            body_start = intro.end()
            rest = self.text[body_start:]
            paragraphs = list(re.finditer(r"[^\n]+", rest))[:6]
            if not paragraphs:
                continue
            first = paragraphs[0]
            if any(q.start <= body_start + first.start() < q.end for q in quotes) or rest[first.start()] in '"“«':
                continue  # a quoted passage: handled as a quote
            stmt = Statement("turn", body_start + first.start(), body_start + paragraphs[-1].end())
            tok = self.token_at(intro.end(1))
            if tok is None or not self._attribute_from_region(stmt, tok.sent, before_char=intro.end(1)):
                continue
            stmt.how.append("statement block")
            stmt.sentence = (intro.start(), intro.end(1))
            address = re.match(r"\s*(?:To|Dear|O|Oh)\s+(?:the\s+)?([^:\n]{3,80}):", rest)
            if address:
                a_tok = self.token_at(body_start + address.start(1))
                a_end = body_start + address.end(1)
                while a_tok is not None and a_tok.idx < a_end:
                    lid = self.actors.at_token(a_tok.i)
                    if lid and lid != stmt.speaker:
                        stmt.addressee = lid
                        stmt.addressee_mention = self._mention_chars(a_tok.i)
                        break
                    a_tok = self.doc[a_tok.i + 1] if a_tok.i + 1 < len(self.doc) else None
            yield stmt

    def _headed_quotes(self, found: list[Statement]) -> None:
        """A monitoring digest's items: "1. Statement of the Media Office of X (posted 21:40)" or "2. Post on the
        personal channel of Y (22:15)", then the item quoted in its own paragraph, which no verb attributes."""
        for head in _ITEM_HEADING.finditer(self.text):
            after = re.search(r"\S", self.text[head.end() :])
            if after is None:
                continue
            opening = head.end() + after.start()
            quote = next(
                (f for f in found if f.kind == "quote" and f.speaker is None and 0 <= f.start - opening <= 2), None
            )
            if quote is None:
                continue
            span = self.doc.char_span(head.start("who"), head.end("who"), alignment_mode="contract")
            named = [t for t in span if self._type_at(t.i) in ("ORG", "PERSON")] if span is not None else []
            if not named:
                continue
            # the group the document names most, not its "Media Office"; a person's own channel is his
            chosen = max(named, key=lambda t: (self._type_at(t.i) == "PERSON", len(self._actor_at(t.i).mentions)))
            quote.speaker = self.actors.at_token(chosen.i)
            quote.speaker_mention = self._mention_chars(chosen.i)
            quote.how.append("item heading")
            # its next paragraphs, carried on without an opening mark, are the same item
            carried = {q.start for q in self.quotes if q.open_mark == q.start}
            current = quote
            for f in sorted((f for f in found if f.kind == "quote" and f.start > quote.start), key=lambda f: f.start):
                gap = self.text[current.end : f.start]
                if f.speaker is not None or f.start not in carried or gap.count("\n") > 3 or gap.strip(" \n\"“”"):
                    break
                f.speaker, f.speaker_mention = quote.speaker, quote.speaker_mention
                f.how.append("item heading, continued")
                current = f

    def _framed(self, found: list[Statement]) -> Iterator[Statement]:
        """A statement reproduced in full without quotation marks, framed by markers as monitoring outlets print
        them: "STATEMENT OF THE X COMMAND" or "[Statement]" ... "[End of statement]". Its words are the
        heading's organisation's, else the signatory's at its foot."""
        for start in _FRAME_START.finditer(self.text):
            body_start = start.end()
            end = _FRAME_END.search(self.text, body_start, min(len(self.text), body_start + 8000))
            if end is None:
                continue
            body_end = len(self.text[: end.start()].rstrip())
            first = re.search(r"\S", self.text[body_start:body_end])
            if first is None or self.text[body_start + first.start()] in "\"“«":
                continue  # quoted: read as a quote
            body_start += first.start()
            covered = sum(
                max(0, min(f.end, body_end) - max(f.start, body_start)) for f in found if f.kind != "reported"
            )
            if covered * 2 > body_end - body_start:
                continue  # already read, as quotes or turns
            stmt = Statement("turn", body_start, body_end)
            stmt.how.append("framed statement")
            stmt.sentence = (start.start(), start.end())
            stmt.cue = "statement"
            heading = start.group("org") or ""
            if heading:
                h_start = start.start("org")
                span = self.doc.char_span(h_start, start.end("org"), alignment_mode="contract")
                if span is not None and len(span):
                    words = span[1:] if span[0].lower_ == "the" else span
                    owners = {self.actors.at_token(t.i) for t in words}
                    whole = owners.pop() if len(owners) == 1 else None  # one actor names the whole heading
                    # "the Media Office of the Islamic Resistance - Kataib Hizballah": the one group it names
                    # (only a group the document names elsewhere too: a heading's own fragment is no group)
                    orgs = [t for t in words if self._type_at(t.i) == "ORG" and len(self._actor_at(t.i).mentions) >= 2]
                    if whole is not None and self.actors.get(whole).type in ("ORG", "PERSON"):
                        stmt.speaker = whole
                    elif orgs:
                        # the group the document names most, not its "Media Office"
                        chosen = max(orgs, key=lambda t: len(self._actor_at(t.i).mentions))
                        stmt.speaker = self.actors.at_token(chosen.i)
                        span = self.doc[chosen.i : chosen.i + 1]
                        mention = self._mention_chars(chosen.i)
                        if mention is not None:
                            span = self.doc.char_span(*mention) or span
                    else:
                        stmt.speaker = self.actors.add_actor(words.text, "ORG", words).local_id
                    stmt.speaker_mention = (span.start_char, span.end_char)
            if stmt.speaker is None:
                # the signature: a person named on one of the last short lines, else an organisation there
                # ("Comandante Flaco / Frente Guillermo Ovalle / Micay canyon, April 2024")
                tail = self.text[max(body_start, body_end - 200) : body_end]
                at = body_end - len(tail)
                signed: dict[str, tuple[str, tuple[int, int] | None]] = {}
                for s, _e, lid in self.actors.mention_tokens:
                    kind = self.actors.get(lid).type
                    if at <= self.doc[s].idx < body_end and kind in ("PERSON", "ORG"):
                        line_start = self.text.rfind("\n", 0, self.doc[s].idx) + 1
                        line_end = self.text.find("\n", self.doc[s].idx)
                        line = self.text[line_start : line_end if line_end >= 0 else body_end]
                        # the first name signed, not the place and date under it ("Micay canyon, April 2024")
                        if len(line) <= 60 and not re.search(r"\d", line):
                            signed.setdefault(kind, (lid, self._mention_chars(s)))
                chosen = signed.get("PERSON") or signed.get("ORG")
                if chosen is not None:
                    stmt.speaker, stmt.speaker_mention = chosen
            yield stmt

    def _turns(self, quotes: list[Statement]) -> Iterator[Statement]:
        """Unquoted transcript turns: a line opening "Name: ..."."""
        footage_speaker: str | None = None
        for line in TURN_LINE.finditer(self.text):
            start, end = line.span("said")
            group = "label" if line.group("label") else "bracket"
            label_start, label_end = line.span(group)
            label = line.group(group)
            if group == "bracket" and _CONTINUED_LABEL.search(label):
                if footage_speaker is not None and not any(q.start <= start < q.end for q in quotes):
                    stmt = Statement("turn", start, end, speaker=footage_speaker)
                    stmt.how.append("speaker turn")
                    stmt.sentence = (line.start(), end)
                    stmt.cue = "say"
                    yield stmt
                continue
            if group == "bracket":
                # "[VIDEO - NAME, POSTED ON SOCIAL MEDIA]": the name after the kind of footage
                parts = re.match(r"(?:[^-–—\n]{1,30}\s[-–—]\s)?([^,;\n]+)", label)
                if parts is None:
                    continue
                label_start, label_end = label_start + parts.start(1), label_start + parts.end(1)
                label = parts.group(1).strip()
                label_end = label_start + len(label)
            bare = re.sub(r"\s*\([^()]*\)\s*$", "", label)  # "SECOND SPEAKER (identified as X)"
            if len(bare.split()) > 5 or not bare.split() or bare.split()[0].lower() in _NOT_TURN_START:
                continue  # "To the minister X:" addresses someone; it does not name the speaker
            if any(q.start <= start < q.end for q in quotes):
                continue
            stmt = Statement("turn", start, end)
            # "MS. X (Reserved seat): ... I received a voice note ... He said: '...'": the turn is still hers,
            # with the words she repeats left out
            stmt.holes = [(q.start, q.end) for q in quotes if start <= q.start < end]
            if group == "bracket":
                footage_speaker = None  # a clip whose speaker is not named: "CONTINUED" goes on with no one
            if bare.strip().lower() in ("a", "answer"):
                # "Q: ... A: ...": an interview's answers are the words of the person its introduction presents
                interviewee = self._interviewee()
                if interviewee is None:
                    continue
                stmt.speaker = interviewee
                stmt.how.append("interview answer")
            elif not self._turn_speaker(stmt, label_start, label_end):
                continue
            if group == "bracket":
                footage_speaker = stmt.speaker
            stmt.sentence = (line.start(), end)
            stmt.cue = "say"
            yield stmt

    def _interviewee(self) -> str | None:
        """The person an interview's introduction (the text before its first "Q:") names most, the first on a tie."""
        first_question = re.search(r"(?m)^(?:Q|Question)\s*:", self.text)
        if first_question is None:
            return None
        counts: Counter[str] = Counter()
        for s, _e, lid in self.actors.mention_tokens:
            if self.doc[s].idx < first_question.start() and self.actors.get(lid).type == "PERSON":
                counts[lid] += 1
        return max(counts, key=lambda lid: counts[lid]) if counts else None

    # ------------------------------------------------------------------ reported speech
    def _reported(self) -> Iterator[Statement]:
        for tok in self.doc:
            if self._in_quote[tok.i]:
                continue
            lemma = tok.lemma_.lower()
            is_verb = tok.pos_ in ("VERB",) or (tok.tag_ in ("VBZ", "VBD", "VBG", "VBN"))
            if lemma in THREAT_VERBS and is_verb:
                yield from self._reported_verb(tok)
            elif lemma in ("threat", "warning") and tok.pos_ == "NOUN":
                yield from self._reported_noun(tok)
            elif lemma in INDIRECT_VERBS and is_verb:
                yield from self._indirect(tok)

    def _indirect(self, verb: Token) -> Iterator[Statement]:
        """Indirect speech: "X said Israel would pay a heavy price if it entered the city"."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return
        sub = list(clause.subtree)
        if all(self._in_quote[t.i] or t.is_punct for t in sub):
            return  # the whole clause is a quote: the quote is the statement
        stmt = Statement("indirect", sub[0].idx, sub[-1].idx + len(sub[-1]), cue=verb.lemma_.lower(), cue_token=verb.i)
        stmt.sentence = (verb.sent.start_char, verb.sent.end_char)
        subj = self._subject(verb)
        if subj is not None and not (sub[0].i <= subj.i <= sub[-1].i):
            resolved = self.resolve_np(subj, verb.idx)
            if resolved:
                stmt.speaker, stmt.speaker_mention = resolved
                self._set_addressee(stmt, verb)
        if stmt.speaker is not None:
            yield stmt

    def _clause(self, tok: Token) -> tuple[int, int]:
        # the verb with its objects and complements, not the whole sentence
        left = tok.idx
        right = tok.idx + len(tok)
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "punct", "cc", "mark", "advmod", "aux", "auxpass", "neg", "conj"):
                continue  # a conjoined predicate ("and said ...") is a statement of its own
            if child.dep_ == "advcl" and child.i < tok.i:
                continue
            sub = list(child.subtree)
            left = min(left, sub[0].idx)
            right = max(right, sub[-1].idx + len(sub[-1]))
        return left, right

    def _reported_verb(self, verb: Token) -> Iterator[Statement]:
        passive = self._passive_threat(verb)
        if passive is not None:
            yield passive
            return
        subj = self._subject(verb)
        subj_tok = subj
        if subj is None:
            # "accused of threatening", "charged with threatening": the accused is the subject
            head = verb.head
            if verb.dep_ in ("pcomp", "pobj", "xcomp", "advcl") and head.i != verb.i:
                while head.dep_ in ("prep", "pcomp", "pobj") and head.head.i != head.i:
                    head = head.head
                subj_tok = self._subject(head)
        left, right = self._clause(verb)
        stmt = Statement("reported", left, right, cue=verb.lemma_.lower(), cue_token=verb.i)
        stmt.sentence = (verb.sent.start_char, verb.sent.end_char)
        candidates = [subj_tok] if subj_tok is not None else []
        if verb.sent.root.i != verb.i:
            # "charged that the presence serves X and warned that ...": the sentence's subject speaks
            candidates.append(self._subject(verb.sent.root))
        for cand in candidates:
            resolved = self.resolve_np(cand, verb.idx) if cand is not None else None
            if resolved:
                stmt.speaker, stmt.speaker_mention = resolved
                break
        yield stmt

    def _passive_threat(self, verb: Token) -> Statement | None:
        """ "X was threatened by Y", "prosecutor threatened by gang": Y speaks, X is the target."""
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if patient is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
            patient = verb.head
        if patient is None or not (agent is not None or any(c.dep_ == "auxpass" for c in verb.children)):
            return None
        left, right = self._clause(verb)
        left = min(left, patient.idx)
        stmt = Statement("reported", left, right, cue=verb.lemma_.lower(), cue_token=verb.i)
        stmt.sentence = (verb.sent.start_char, verb.sent.end_char)
        stmt.how.append("passive")
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if doer is not None:
            resolved = self.resolve_np(doer, verb.idx)
            if resolved:
                stmt.speaker, stmt.speaker_mention = resolved
        target = self.resolve_np(patient, verb.idx)
        if target is None:
            group = group_from_np(patient, self.actors)
            target = (group.local_id, (group.mentions[-1].start, group.mentions[-1].end)) if group else None
        if target is not None and target[0] != stmt.speaker:
            stmt.addressee, stmt.addressee_mention = target
        return stmt

    def _reported_noun(self, noun: Token) -> Iterator[Statement]:
        # "threats posted toward X", "a stark warning to the US", "his threat against X"
        left, right = self._clause(noun)
        stmt = Statement("reported", min(left, noun.idx), right, cue=noun.lemma_.lower(), cue_token=noun.i)
        stmt.sentence = (noun.sent.start_char, noun.sent.end_char)
        head = noun.head
        while head.dep_ in ("prep", "pobj", "dobj", "compound", "amod", "acl") and head.head.i != head.i:
            if head.pos_ in ("VERB", "AUX"):
                break
            head = head.head
        # "X issued / renewed / repeated a threat": the subject of an issuing verb makes it; the
        # subject of "protested against a threat" does not
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _ISSUING_VERBS:
            subj = self._subject(head)
            if subj is not None:
                resolved = self.resolve_np(subj, noun.idx)
                if resolved:
                    stmt.speaker, stmt.speaker_mention = resolved
        for child in noun.children:
            # "Sorokin's threat", "the Sorokin threat"
            if child.dep_ in ("poss", "compound") and self.actors.at_token(child.i):
                if self.actors.get(self.actors.at_token(child.i)).type in ("PERSON", "ORG", "GPE"):
                    stmt.speaker = self.actors.at_token(child.i)
                    stmt.speaker_mention = self._mention_chars(child.i)
            # "a threat by X"
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    resolved = self.resolve_np(pobj, noun.idx) if pobj.dep_ == "pobj" else None
                    if resolved:
                        stmt.speaker, stmt.speaker_mention = resolved
        yield stmt


# what a description says about the side someone is on: "the bandit leader" is not "the district head"
ARMED_KINDS = frozenset(
    """bandit militia rebel separatist jihadist militant insurgent gang cartel terrorist extremist guerrilla
    paramilitary mafia vigilante warlord criminal drug smuggler pirate""".split()
)


def _person_shaped(actor: DocActor) -> bool:
    """An organisation by the tagger's label whose name looks like a person's: two to four capitalised
    words, no word of an organisation, no acronym, no "of"."""
    words = actor.name.split()
    return (
        actor.type in ("ORG", "GPE")
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not {w.lower().strip(".,'’") for w in words} & ORG_WORDS
    )


def _title_matches(title: str, wanted: set[str]) -> bool:
    t = title.lower().strip(".")
    return (
        t in wanted or any(w in t.split() or w == t for w in wanted) or any(t.endswith(w) for w in wanted if len(w) > 3)
    )
