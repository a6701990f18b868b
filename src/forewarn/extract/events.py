"""Violent and political events around threats: attacks, strikes, assassinations, arrests.

An event is found from a trigger word (noun or verb) in narrative text, outside quotes
that announce future harm; its evidence is the trigger with its phrase. Future,
conditional and negated mentions ("will attack", "if they strike") are not events.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from forewarn.extract.actors import ActorTable
from forewarn.model import ActorRef, Event, Span
from forewarn.nlp.pipeline import entities_of, text_of

# trigger lemma -> event type; declared as data so it can be read and extended
TRIGGERS: dict[str, str] = {
    "attack": "attack",
    "assault": "attack",
    "raid": "arrest",
    "shelling": "attack",
    "ambush": "attack",
    "bombard": "attack",
    "bombardment": "airstrike",
    "airstrike": "airstrike",
    "strike": "airstrike",
    "bomb": "bombing",
    "bombing": "bombing",
    "explosion": "bombing",
    "blast": "bombing",
    "assassination": "assassination",
    "assassinate": "assassination",
    "kill": "killing",
    "killing": "killing",
    "murder": "killing",
    "shoot": "killing",
    "shooting": "killing",
    "snipe": "killing",
    "sniping": "killing",
    "kidnap": "kidnapping",
    "kidnapping": "kidnapping",
    "abduct": "kidnapping",
    "abduction": "kidnapping",
    "arrest": "arrest",
    "detain": "arrest",
    "charge": "arrest",
    "protest": "protest",
    "demonstration": "protest",
    "demonstrate": "protest",
    "rally": "protest",
    "sit-in": "protest",
    "stand-off": "protest",
    "standoff": "protest",
    "protester": "protest",
    "protestor": "protest",
    "demonstrator": "protest",
    "march": "protest",
    "fire": "attack",
    "land": "attack",
    "burn": "attack",
    "torch": "attack",
    "beat": "attack",
    "stab": "attack",
}
_LETHAL_VERBS = frozenset("kill shoot murder gun assassinate".split())
_BOMB_WORDS = frozenset("bomb bombing explosion blast ied explosive grenade landmine mine suicide bomber".split())
_ATTACK_WORDS = frozenset("attack ambush assault raid gunmen gunman offensive".split())
# words that turn an attack word into something else: "attack ads", "ransomware attacks"
_NOT_VIOLENT_MODIFIERS = frozenset(
    """ad ads cyber cyber- ransomware phishing hacker hacking verbal personal political heart panic asthma
    anxiety rhetorical legal media campaign""".split()
)
# "charges of murder and extortion": crimes listed in a charge, not an event told
_CRIME_LIST = frozenset("extortion trafficking robbery fraud corruption laundering racketeering theft".split())
_STATISTIC = re.compile(
    r"\b(\d{1,3}(,\d{3})+|\d{3,}|thousands|hundreds|dozens|tens of thousands)\b.{0,80}?"
    r"\b(since|between|last year|this year|in (19|20)\d\d|over the past|in the first|a year|per year|annually)\b"
    r"|\b(since|between|over the past|in the first half of)\b.{0,80}?\b(\d{1,3}(,\d{3})+|\d{3,}|thousands|hundreds)\b"
)
_VIOLENT_CONTEXT = re.compile(
    r"\b(kill\w*|wound\w*|injur\w*|dead|died|gun\w*|shot|shoot\w*|knife|stabb\w*|bomb\w*|explosive\w*|"
    r"drone\w*|missile\w*|rocket\w*|mortar\w*|grenade\w*|armed|militants?|fighters?|soldiers|troops|"
    r"police|casualt\w*|victims?|hospital)\b"
)
_ATTACK_TYPES = frozenset({"attack", "airstrike", "bombing", "assassination", "assassination_attempt", "killing"})
_NON_EVENT_CONTEXT = re.compile(
    r"\b(will|would|could|might|may|threat\w*|if|unless|plan\w*|vow\w*|warn\w*|intend\w*)\b"
)


class EventExtractor:
    def __init__(
        self,
        doc: Doc,
        actors: ActorTable,
        in_quote: Callable[[int], bool],
        date_of: Callable[[tuple[int, int]], str | None],
    ) -> None:
        self.doc = doc
        self.actors = actors
        self.in_quote = in_quote
        self.date_of = date_of

    def extract(self) -> list[Event]:
        events: list[Event] = []
        used: list[tuple[int, int]] = []
        for tok in self.doc:
            kind = self._type(tok)
            if kind is None or self.in_quote(tok.i) or self._hypothetical(tok):
                continue
            start, end = self._phrase(tok)
            if any(start < e and s < end for s, e in used):
                continue
            used.append((start, end))
            if self._anaphoric(tok):
                # "the attack", "such attacks": the event already told, mentioned again
                earlier = [e for e in events if e.type == kind or {e.type, kind} <= _ATTACK_TYPES]
                if earlier:
                    earlier[-1].evidence_spans.append(Span.of(text_of(self.doc), start, end))
                continue
            actor, target = self._participants(tok)
            if kind == "killing":
                kind = self._how_killed(tok) or kind
            if kind in ("killing", "airstrike", "attack") and target is not None and tok.lemma_ in _LETHAL_VERBS:
                if self.actors.get(target.local_id).type == "PERSON" and self._titled(target.local_id):
                    kind = "assassination"  # a named official or commander killed on purpose
            if kind in ("airstrike", "attack", "bombing") and self._kills_named_leader(tok):
                kind = "assassination"  # "the drone strike which killed commander X"
            events.append(
                Event(
                    type=kind,  # type: ignore[arg-type]
                    evidence=Span.of(text_of(self.doc), start, end),
                    actor=actor,
                    target=target,
                    location=self._location(tok),
                    date=self.date_of((tok.sent.start_char, tok.sent.end_char)),
                )
            )
        return events

    def _how_killed(self, tok: Token) -> str | None:
        """ "killed in an ambush", "a bomb ... killing 11": deaths told as the result of an attack
        are that attack; the event's type is how it was done."""
        found: set[str] = set()
        for other in tok.sent:
            if other.i == tok.i or self.in_quote(other.i):
                continue
            lemma = other.lemma_.lower()
            if lemma in _BOMB_WORDS:
                found.add("bombing")
            elif lemma in _ATTACK_WORDS and other.pos_ in ("NOUN", "VERB"):
                found.add("attack")
            elif lemma in ("airstrike", "aircraft", "warplane", "jet") or (
                lemma == "strike" and other.i > 0 and other.nbor(-1).lower_ in ("air", "drone")
            ):
                found.add("airstrike")
        for kind in ("bombing", "airstrike", "attack"):
            if kind in found:
                return kind
        return None

    def _kills_named_leader(self, tok: Token) -> bool:
        """A strike or attack whose own clause kills a named, titled person."""
        for clause in tok.children:
            if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() != "kill":
                continue
            for obj in clause.subtree:
                lid = self.actors.at_token(obj.i)
                if lid and self.actors.get(lid).type == "PERSON" and self._titled(lid):
                    return True
        return False

    def _anaphoric(self, tok: Token) -> bool:
        if tok.pos_ != "NOUN":
            return False
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "amod")}
        others = [c for c in tok.children if c.dep_ not in ("det", "predet", "punct")]
        return bool(dets & {"the", "this", "these", "such", "that", "those"}) and not others

    def _titled(self, local_id: str) -> bool:
        return bool(self.actors.get(local_id).titles)

    def _type(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("NOUN", "VERB"):
            return None
        kind = TRIGGERS.get(lemma)
        if kind is None:
            return None
        window = " ".join(t.lower_ for t in tok.doc[max(0, tok.i - 4) : tok.i + 3])
        if kind in ("attack", "assassination", "killing", "airstrike", "bombing"):
            if "attempt" in window or "bid" in window or "survive" in window or "failed" in window:
                return "assassination_attempt" if "assassinat" in window or kind == "assassination" else kind
            if "drone" in window and kind == "airstrike":
                return "airstrike"
        if lemma == "strike" and not re.search(r"drone|air|missile|rocket|coalition|military", window):
            return None
        if lemma == "strike" and not re.search(r"\bair|warplane|aircraft|jets?\b|coalition|drone strike", window):
            return "attack"  # "missile strikes", "rocket and drone strikes" by armed groups: attacks
        if lemma == "charge" and not re.search(r"charged|charges", tok.text.lower()):
            return None
        if (
            lemma == "charge"
            and tok.pos_ == "VERB"
            and not (any(c.dep_ == "auxpass" for c in tok.children) or any(c.lower_ == "with" for c in tok.children))
        ):
            return None  # "charged in a series of tweets that ..." accuses; it arrests no one
        if lemma == "march" and tok.pos_ != "NOUN":
            return None
        if tok.dep_ == "amod" and kind in ("arrest", "kidnapping"):
            return None  # "the detained fighters", "kidnapped engineers": who they are, not an event told here
        if lemma in ("rally", "march") and not re.search(
            r"\b(protest\w*|against|demand\w*|demonstrat\w*|chant\w*|placards?|banners?|oppos\w*)\b",
            tok.sent.text.lower(),
        ):
            return None  # campaign rallies and rallying markets are not protests
        modifiers = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        if modifiers & _NOT_VIOLENT_MODIFIERS or (tok.head.lower_ in ("ad", "ads") and tok.dep_ == "compound"):
            return None  # "attack ads", "ransomware attacks", "heart attack"
        if lemma in ("murder", "killing", "kidnapping") and tok.pos_ == "NOUN":
            conj = {c.lower_ for c in tok.children if c.dep_ == "conj"} | {tok.head.lower_}
            if conj & _CRIME_LIST:
                return None  # "murder and extortion": the charges, not an event
        sentence = tok.sent.text.lower()
        if kind in ("killing", "assassination") and _STATISTIC.search(sentence):
            return None  # "more than 2,500 people were killed since January": a tally, not an event
        if lemma == "attack" and tok.pos_ == "VERB" and not _VIOLENT_CONTEXT.search(sentence):
            return None  # "attacking Whitaker over his record": politics
        if lemma == "fire" and not (
            any(c.lower_ in ("shots", "shot", "rounds", "bullets") for c in tok.subtree) or "opened fire" in sentence
        ):
            return None
        if lemma == "land" and not any(
            c.dep_ == "nsubj" and re.search(r"round|shell|rocket|mortar|missile|bomb|drone", c.lower_)
            for c in tok.children
        ):
            return None
        if lemma in ("burn", "torch", "beat", "stab") and (tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN")):
            return None  # only what was done: "burned their cane", "were beaten"
        if lemma == "charge" and tok.pos_ == "NOUN" and "facing" not in window:
            return None
        return kind

    def _hypothetical(self, tok: Token) -> bool:
        head = tok if tok.pos_ == "VERB" else tok.head
        for child in head.children:
            if child.dep_ in ("aux", "neg") and child.lower_ in (
                "will",
                "would",
                "could",
                "might",
                "may",
                "not",
                "n't",
                "'ll",
            ):
                return True
        before = tok.doc[max(tok.sent.start, tok.i - 4) : tok.i]
        if re.search(r"\bto (carry out|launch|stage|conduct|commit|mount)\b", before.text.lower()):
            return True  # "waiting for a signal to carry out attacks": purpose, not fact
        return bool(_NON_EVENT_CONTEXT.search(before.text.lower()))

    def _phrase(self, tok: Token) -> tuple[int, int]:
        if tok.pos_ == "VERB":
            tokens = [tok] + [
                t
                for c in tok.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "auxpass", "agent", "prep")
                for t in c.subtree
            ]
        else:
            tokens = [t for t in tok.subtree]
        tokens = [t for t in tokens if t.sent == tok.sent]
        left = min(t.i for t in tokens)
        right = max(t.i for t in tokens)
        # keep the phrase short: at most 14 tokens around the trigger
        left = max(left, tok.i - 6)
        right = min(right, tok.i + 8)
        while left < right and (self.doc[left].is_punct or self.doc[left].is_space):
            left += 1
        while right > left and (self.doc[right].is_punct or self.doc[right].is_space):
            right -= 1
        return self.doc[left].idx, self.doc[right].idx + len(self.doc[right])

    def _participants(self, tok: Token) -> tuple[ActorRef | None, ActorRef | None]:
        actor = target = None
        # "an assassination attempt against X", "a drone attack on X": the phrase hangs off the head noun
        phrase = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "compound" else tok
        for t in phrase.subtree if tok.pos_ == "NOUN" else tok.children:
            for sub in t.subtree if tok.pos_ == "VERB" else [t]:
                lid = self.actors.at_token(sub.i)
                if not lid:
                    continue
                kind = self.actors.get(lid).type
                if kind not in ("PERSON", "ORG", "GROUP", "GPE"):
                    continue
                if sub.dep_ in ("nsubj", "agent") or (sub.head.dep_ == "agent"):
                    actor = actor or ActorRef(lid)
                elif kind in ("PERSON", "ORG") and target is None:
                    target = ActorRef(lid)
        return actor, target

    def _location(self, tok: Token) -> str | None:
        sent = tok.sent
        for ent in entities_of(self.doc):
            if sent.start <= ent.start and ent.end <= sent.end and ent.label_ in ("GPE", "LOC", "FAC"):
                return ent.text
        return None
