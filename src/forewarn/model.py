"""The small typed data model shared by every pipeline stage.

Stages hand each other these objects and nothing else: ingest produces `Document`s
(or `IngestError`s), extraction turns a document into a `DocumentAnalysis`, resolution
fills in global `actor_id`s, the store persists analyses, and output/analysis read them.

Every extracted fact carries `Span`s: character offsets into `Document.text`, the text
exactly as decoded from the source, so `document.text[span.start:span.end] == span.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

ActorType = Literal["PERSON", "ORG", "GPE", "GROUP"]
ThreatType = Literal["violence", "military", "legal", "political", "economic", "other"]
ThreatForm = Literal["direct", "conditional", "veiled"]
EventType = Literal[
    "attack",
    "airstrike",
    "bombing",
    "assassination",
    "assassination_attempt",
    "killing",
    "kidnapping",
    "protest",
    "arrest",
    "other",
]

THREAT_TYPES: tuple[str, ...] = ("violence", "military", "legal", "political", "economic", "other")
THREAT_FORMS: tuple[str, ...] = ("direct", "conditional", "veiled")
EVENT_TYPES: tuple[str, ...] = (
    "attack",
    "airstrike",
    "bombing",
    "assassination",
    "assassination_attempt",
    "killing",
    "kidnapping",
    "protest",
    "arrest",
    "other",
)


def content_hash(text: str) -> str:
    """Stable identity of a document's content (used for idempotent re-ingestion)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim piece of a document: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Document:
    """One input document with its original text and metadata."""

    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    url: str | None = None
    source: str | None = None  # outlet / site name
    source_path: str | None = None  # file (and line) it was read from
    language: str = "en"
    # character ranges of scraper debris ("[ad_1]", share buttons) the analysis ignores;
    # offsets still point into the untouched `text`
    ignored: list[tuple[int, int]] = field(default_factory=list)
    metadata: dict[str, object] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class IngestError:
    """A document that could not be read: where it came from and why."""

    source: str
    reason: str
    doc_id: str | None = None


@dataclass(slots=True)
class DocActor:
    """An actor (person, organisation, place or group) as it appears in one document."""

    local_id: str
    name: str  # the fullest surface form in the document
    type: ActorType
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # distinct surface forms
    titles: list[str] = field(default_factory=list)  # "Prime Minister", "judge", "spokesman"
    affiliations: list[str] = field(default_factory=list)  # local ids of ORG actors
    actor_id: str | None = None  # global id, set by resolution

    def surface_forms(self) -> list[str]:
        forms = [self.name, *self.aliases]
        return list(dict.fromkeys(forms))


@dataclass(slots=True)
class ActorRef:
    """A reference from a fact to an actor of the same document."""

    local_id: str
    mention: Span | None = None  # the words that name the actor at this fact


@dataclass(slots=True)
class Threat:
    speaker: ActorRef | None
    target: ActorRef | None
    evidence: Span  # principal span: the verbatim threat where quoted
    evidence_spans: list[Span] = field(default_factory=list)  # headline, lead, paraphrase
    type: ThreatType = "violence"
    form: ThreatForm = "direct"
    date: str | None = None
    score: float = 0.5
    speaker_org: ActorRef | None = None
    cue: str | None = None  # why it was taken for a threat (rule that fired)

    def all_spans(self) -> list[Span]:
        return [self.evidence, *self.evidence_spans]


@dataclass(slots=True)
class Event:
    type: EventType
    evidence: Span
    evidence_spans: list[Span] = field(default_factory=list)
    actor: ActorRef | None = None
    target: ActorRef | None = None
    location: str | None = None
    date: str | None = None

    def all_spans(self) -> list[Span]:
        return [self.evidence, *self.evidence_spans]


@dataclass(slots=True)
class DocumentAnalysis:
    """Everything extracted from one document."""

    document: Document
    actors: list[DocActor] = field(default_factory=list)
    threats: list[Threat] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def actor(self, local_id: str) -> DocActor:
        for actor in self.actors:
            if actor.local_id == local_id:
                return actor
        raise KeyError(local_id)
