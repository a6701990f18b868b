"""A learned second opinion on who threatens whom.

The rules in `threats.py` pick a speaker and a target for each threatening passage from the
parse: the subject of "said", the addressee of a quote, the object of the harm. On text unlike
the text they were written on they often pick a neighbour of the right actor. This module scores
every actor of the document as the speaker, and as the target, of one threatening passage with a
logistic model over features of where and how the actor is mentioned around the passage (in it,
in its sentence, as the subject of a speech verb, as the object of a verb, in the headline ...),
and whether the rules chose it. The rules' choice is one feature among others, so the model keeps
it unless another actor is likelier.

The model is a gradient-boosted tree ensemble (LightGBM) per role; it ships in
`attribution_model.json`. `scripts/train_attribution.py` learns it from the project's own
annotated blind sets (never from the development set) and reports the leave-one-set-out
accuracy it reached beside the rules'.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Doc

from forewarn.extract.actors import ActorTable
from forewarn.extract.learned import booster, loads, matrix, read_model
from forewarn.extract.statements import SPEECH_VERBS, Statement

if TYPE_CHECKING:
    import lightgbm


ROLES = ("speaker", "target")
NULL = "<none>"
_OBJECT_DEPS = frozenset(["dobj", "pobj", "dative", "iobj", "nsubjpass", "obj"])
_SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass"])
_THREAT_VERBS = frozenset("threaten warn vow pledge promise swear order tell promise menace intimidate".split())
_HARM_VERBS = frozenset(
    "kill attack target behead burn hunt shoot punish execute eliminate strike hit destroy hang murder kidnap "
    "bomb slaughter finish crush harm hurt avenge".split()
)
_PLACE_PREPOSITIONS = frozenset("in at near inside outside across around from into throughout".split())
_SECOND_PERSON = frozenset(["you", "your", "yours", "yourself", "yourselves"])
MODEL_FILE = "attribution_model.json"
_FAR = 12.0  # log1p of a distance no mention reaches: "not on this side"


class Passage(Protocol):
    """What the model reads of one threatening passage (a `threats.Candidate`)."""

    statement: Statement
    span: tuple[int, int]
    speaker: str | None
    target: str | None


@dataclass
class _Mention:
    start: int  # characters
    end: int
    token_start: int
    token_end: int
    subject_of_speech: bool
    object_: bool
    against: bool
    possessor: bool
    quoted: bool
    subject: bool
    subject_of_threat: bool  # "X threatened", "X vowed", "X warned"
    object_of_threat: bool  # "threatened X", "warned X", "will kill X", "against X"
    locative: bool  # "in X", "near X": where, not whom
    sentence: int = 0  # index of its sentence, and of its paragraph (line)
    paragraph: int = 0


@dataclass
class _Context:
    """Per-document facts every passage's features are read from."""

    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    headline_end: int
    mentions: dict[str, list[_Mention]] = field(default_factory=dict)
    first_rank: dict[str, float] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # local id -> actor type
    nearest_cache: dict[tuple[int, bool], dict[str, str]] = field(default_factory=dict)
    passage_cache: dict[tuple[int, int], tuple[int, int, int, bool, dict[str, str], dict[str, str]]] = field(
        default_factory=dict
    )

    def sentence_of(self, char: int) -> int:
        return _index(self.sentences, char)

    def paragraph_of(self, char: int) -> int:
        return _index(self.paragraphs, char)


def _spans_of_lines(text: str, sep: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for part in text.split(sep):
        out.append((start, start + len(part)))
        start += len(part) + len(sep)
    return out


def _index(spans: list[tuple[int, int]], char: int) -> int:
    """The span (sorted, not overlapping) a character falls in, or the last one starting before it."""
    return max(0, bisect.bisect_right(spans, (char, math.inf)) - 1)


def build_context(doc: Doc, actors: ActorTable, in_quote: Iterable[bool]) -> _Context:
    text = doc.text
    quoted = list(in_quote)
    sentences = [(s.start_char, s.end_char) for s in doc.sents] or [(0, len(text))]
    context = _Context(
        sentences=sentences,
        paragraphs=_spans_of_lines(text, "\n"),
        headline_end=text.find("\n") if "\n" in text else len(text),
    )
    context.types = {a.local_id: a.type for a in actors.actors}
    for start, end, lid in actors.mention_tokens:
        root = doc[start:end].root
        head = root.head
        speech = root.dep_ in _SUBJECT_DEPS and head.lemma_.lower() in SPEECH_VERBS
        # "according to X"
        speech = speech or (root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according")
        verb = head.head if root.dep_ == "pobj" or (root.dep_ == "poss" and head.dep_ in _OBJECT_DEPS) else head
        verb_lemma = verb.lemma_.lower()
        acted_on = root.dep_ in _OBJECT_DEPS or (root.dep_ == "poss" and head.dep_ in _OBJECT_DEPS)
        context.mentions.setdefault(lid, []).append(
            _Mention(
                start=doc[start].idx,
                end=doc[end - 1].idx + len(doc[end - 1].text),
                token_start=start,
                token_end=end,
                subject_of_speech=speech,
                object_=root.dep_ in _OBJECT_DEPS,
                against=root.dep_ == "pobj" and head.lower_ in ("against", "at"),
                possessor=root.dep_ == "poss",
                quoted=bool(quoted[start]) if start < len(quoted) else False,
                subject=root.dep_ in _SUBJECT_DEPS,
                subject_of_threat=root.dep_ == "nsubj" and head.lemma_.lower() in _THREAT_VERBS,
                object_of_threat=(acted_on and verb_lemma in _THREAT_VERBS | _HARM_VERBS)
                or (root.dep_ == "pobj" and head.lower_ == "against"),
                locative=root.dep_ == "pobj" and head.lower_ in _PLACE_PREPOSITIONS,
                sentence=context.sentence_of(doc[start].idx),
                paragraph=context.paragraph_of(doc[start].idx),
            )
        )
    order = sorted(context.mentions, key=lambda lid: context.mentions[lid][0].start)
    for rank, lid in enumerate(order):
        context.first_rank[lid] = rank / max(1, len(order) - 1)
    return context


def features(
    context: _Context, actors: ActorTable, text: str, passage: Passage, role: str, candidate: str
) -> dict[str, float]:
    """Features of `candidate` (a local actor id, or NULL) as the `role` of the passage."""
    chosen = getattr(passage, role)
    if candidate == NULL:
        return {"null": 1.0, "null_rule": float(chosen is None)}
    actor = actors.get(candidate)
    s, e = passage.span
    stmt = passage.statement
    # what depends on the passage alone, read once for all its candidates
    where = context.passage_cache.get((s, e))
    if where is None:
        where = (
            context.sentence_of(s),
            context.sentence_of(max(s, e - 1)),
            context.paragraph_of(s),
            any(w in _SECOND_PERSON for w in _words(text[s:e])),
            _nearest(context, s, before=True),
            _nearest(context, e, before=False),
        )
        context.passage_cache[(s, e)] = where
    first_sent, last_sent, para, you, nearest_before, nearest_after = where
    f: dict[str, float] = {f"type_{actor.type.lower()}": 1.0}
    f["rule"] = float(chosen == candidate)
    f["statement_speaker"] = float(stmt.speaker == candidate)
    f["statement_addressee"] = float(stmt.addressee == candidate)
    f["has_title"] = float(bool(actor.titles))
    speaker_actor = actors.get(passage.speaker) if passage.speaker and passage.speaker != candidate else None
    f["affiliation_of_speaker"] = float(speaker_actor is not None and candidate in speaker_actor.affiliations)
    f["speaker_affiliated"] = float(speaker_actor is not None and passage.speaker in actor.affiliations)
    mentions = context.mentions.get(candidate, [])
    f["log_mentions"] = math.log1p(len(mentions))
    f["first_rank"] = context.first_rank.get(candidate, 1.0)
    before = [s - m.end for m in mentions if m.end <= s]
    after = [m.start - e for m in mentions if m.start >= e]
    f["log_before"] = math.log1p(min(before)) if before else _FAR
    f["log_after"] = math.log1p(min(after)) if after else _FAR
    inside = [m for m in mentions if m.start >= s and m.end <= e]
    f["in_passage"] = float(bool(inside))
    f["in_passage_quoted"] = float(any(m.quoted for m in inside))
    f["object_in_passage"] = float(any(m.object_ for m in inside))
    f["against_in_passage"] = float(any(m.against for m in inside))
    f["possessor_in_passage"] = float(any(m.possessor for m in inside))
    f["subject_in_passage"] = float(any(m.subject for m in inside))
    f["subject_of_threat_in_passage"] = float(any(m.subject_of_threat for m in inside))
    f["object_of_threat_in_passage"] = float(any(m.object_of_threat for m in inside))
    f["locative_in_passage"] = float(bool(inside) and all(m.locative for m in inside))
    # "Lina Haddad, we will ...", "..., Colonel Ruiz.": spoken to
    f["vocative"] = float(
        any(
            (not text[s : m.start].strip(" \n\"“‘'") and text[m.end : m.end + 1] == ",")
            or (text[max(s, m.start - 2) : m.start] == ", " and not text[m.end : e].strip(" .!?\"”’'"))
            for m in inside
        )
    )
    sent_of = [m.sentence for m in mentions]
    outside = [(m, i) for m, i in zip(mentions, sent_of, strict=True) if not (m.start >= s and m.end <= e)]
    f["same_sentence"] = float(any(first_sent <= i <= last_sent for _, i in outside))
    f["prev_sentence"] = float(any(i == first_sent - 1 for _, i in outside))
    f["next_sentence"] = float(any(i == last_sent + 1 for _, i in outside))
    f["same_paragraph"] = float(any(m.paragraph == para for m, _ in outside))
    f["headline"] = float(any(m.start < context.headline_end for m in mentions))
    near = [m for m, i in zip(mentions, sent_of, strict=True) if first_sent - 1 <= i <= last_sent + 1]
    f["speech_subject_near"] = float(any(m.subject_of_speech for m in near))
    f["object_near"] = float(any(m.object_ and not m.quoted for m in near))
    f["subject_of_threat_near"] = float(any(m.subject_of_threat for m in near))
    f["object_of_threat_near"] = float(any(m.object_of_threat for m in near))
    f["object_of_threat_doc"] = math.log1p(sum(m.object_of_threat for m in mentions))
    f["subject_of_threat_doc"] = math.log1p(sum(m.subject_of_threat for m in mentions))
    f["speech_subject_doc"] = math.log1p(sum(m.subject_of_speech for m in mentions))
    f["quoted_share"] = sum(m.quoted for m in mentions) / len(mentions) if mentions else 0.0
    f["you_person"] = float(you and actor.type == "PERSON")
    # where the candidate stands among all actors around the passage: the nearest name before a quote
    # is its likeliest speaker, the nearest speaker of a speech verb likelier still
    kind = actor.type == "PERSON"
    f["nearest_before"] = float(nearest_before.get("any") == candidate)
    f["nearest_after"] = float(nearest_after.get("any") == candidate)
    f["nearest_same_kind_before"] = float(nearest_before.get("person" if kind else "other") == candidate)
    f["nearest_same_kind_after"] = float(nearest_after.get("person" if kind else "other") == candidate)
    f["nearest_speech_subject_before"] = float(nearest_before.get("speech") == candidate)
    f["nearest_speech_subject_after"] = float(nearest_after.get("speech") == candidate)
    for name in ("rule", "in_passage", "object_in_passage", "same_sentence", "speech_subject_near", "headline"):
        f[f"{name}_x_{actor.type.lower()}"] = f[name]
    # the rules' pick where it sits in the passage or names the statement's speaker is surer
    f["rule_x_in_passage"] = f["rule"] * f["in_passage"]
    f["rule_x_statement_speaker"] = f["rule"] * f["statement_speaker"]
    return f


def _nearest(context: _Context, char: int, before: bool) -> dict[str, str]:
    """The actor named nearest before (or after) a character: of any kind, a person, another kind, and
    the subject of a speech verb, each within the passage's paragraph or the one before (after) it."""
    key = (char, before)
    if key not in context.nearest_cache:
        context.nearest_cache[key] = _find_nearest(context, char, before)
    return context.nearest_cache[key]


def _find_nearest(context: _Context, char: int, before: bool) -> dict[str, str]:
    para = context.paragraph_of(char)
    lo = context.paragraphs[max(0, para - 1)][0] if before else char
    hi = char if before else context.paragraphs[min(len(context.paragraphs) - 1, para + 1)][1]
    best: dict[str, tuple[int, str]] = {}
    for lid, mentions in context.mentions.items():
        kind = "person" if context.types.get(lid) == "PERSON" else "other"
        for m in mentions:
            if not (lo <= m.start and m.end <= hi):
                continue
            distance = char - m.end if before else m.start - char
            for key in ("any", kind, "speech") if m.subject_of_speech else ("any", kind):
                if key not in best or distance < best[key][0]:
                    best[key] = (distance, lid)
    return {key: lid for key, (_, lid) in best.items()}


@dataclass(frozen=True)
class _Model:
    features: list[str]
    boosters: dict[str, lightgbm.Booster]
    margins: dict[str, float]
    fill_threshold: float


@cache
def available() -> bool:
    """Whether the model loads here; without it forewarn keeps the rules' speakers and targets."""
    return loads(_model, "attribution model unavailable: speakers and targets are the rules' alone")


@cache
def _model() -> _Model:
    data = read_model(MODEL_FILE)
    return _Model(
        features=data["features"],
        boosters={role: booster(data[role]["model"]) for role in ROLES},
        margins={role: data[role]["margin"] for role in ROLES},
        fill_threshold=data["fill_threshold"],
    )


class AttributionRanker:
    """Re-scores the rules' speaker and target of each passage and keeps the likeliest actor."""

    def __init__(self, doc: Doc, actors: ActorTable, in_quote: Iterable[bool]) -> None:
        self.doc = doc
        self.actors = actors
        self.text = doc.text
        self.in_quote = list(in_quote)
        self._built_for = -1
        self._context: _Context | None = None

    @property
    def context(self) -> _Context:
        # threat extraction adds actors (the groups a threat names: "any teacher who ..."): read them too
        if self._context is None or self._built_for != len(self.actors.mention_tokens):
            self._context = build_context(self.doc, self.actors, self.in_quote)
            self._built_for = len(self.actors.mention_tokens)
        return self._context

    def candidates(self, role: str, passage: Passage) -> list[str]:
        """Every actor named in the document, and none; never the actor already chosen for the other role."""
        other = passage.target if role == "speaker" else passage.speaker
        named = [a.local_id for a in self.actors.actors if a.local_id in self.context.mentions]
        return [lid for lid in named if lid != other] + [NULL]

    def table(self, passage: Passage, role: str) -> list[tuple[str, dict[str, float]]]:
        return [
            (candidate, features(self.context, self.actors, self.text, passage, role, candidate))
            for candidate in self.candidates(role, passage)
        ]

    def scores(self, passage: Passage, role: str) -> dict[str, float]:
        """Each candidate's probability of being the passage's `role` (NULL: the text does not say)."""
        model = _model()
        rows = self.table(passage, role)
        # one thread: a few dozen rows, and parallel workers must not each start a pool of threads
        probabilities = model.boosters[role].predict(
            matrix(model.features, [feats for _, feats in rows]), num_threads=1
        )
        return {candidate: float(p) for (candidate, _), p in zip(rows, probabilities, strict=True)}

    def choose(self, passages: list[Passage], role: str) -> str | None:
        """The actor the model finds likeliest for `role` over passages the rules took for one threat
        (a quote, the headline and the lead that report it), by their mean probability."""
        if not passages:
            return None
        totals: dict[str, float] = {}
        for passage in passages:
            for candidate, p in self.scores(passage, role).items():
                totals[candidate] = totals.get(candidate, 0.0) + p / len(passages)
        best = max(totals, key=lambda c: totals[c])
        model = _model()
        rule = getattr(passages[0], role)
        if rule is None and totals[best] < model.fill_threshold:
            return None  # where the rules found no one, name someone only on fair evidence
        if rule is not None and totals[best] - totals.get(rule, -1.0) < model.margins[role]:
            return rule  # a near tie is no reason to overrule them
        return None if best == NULL else best


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'“”‘’()").lower() for w in text.split()]
