"""Read-only rows the store hands out: small frozen dataclasses, safe to keep after the
session that produced them is gone and easy to serialise (`to_json`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from anyascii import anyascii

from forewarn.model import Document, Span

_APOSTROPHES = re.compile(r"['`\u2019\u02bc\u2018]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def alias_key(text: str) -> str:
    """Normalised form of a name for lookups: transliterated to ASCII, lower case,
    apostrophes dropped, every other run of punctuation/space collapsed to one space.

    >>> alias_key("  Kata’ib  Hizb-Allah ")
    'kataib hizb allah'
    """
    folded = anyascii(unicodedata.normalize("NFKC", text)).lower()
    key = _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", folded)).strip()
    return key or text.casefold().strip()


def _span_json(span: Span) -> dict[str, object]:
    return span.to_json()


@dataclass(frozen=True, slots=True)
class ThreatRow:
    threat_id: int
    doc_id: str
    type: str
    form: str
    date: str | None
    score: float
    status: str
    cue: str | None
    evidence: Span  # the principal span
    spans: tuple[Span, ...]  # every evidence span, principal first
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_mention: str | None = None
    speaker_org_id: str | None = None
    speaker_org_name: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    target_mention: str | None = None
    doc_title: str | None = None
    doc_published: str | None = None
    doc_url: str | None = None
    doc_source: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "threat_id": self.threat_id,
            "doc_id": self.doc_id,
            "speaker_id": self.speaker_id,
            "speaker": self.speaker_name,
            "speaker_mention": self.speaker_mention,
            "speaker_org_id": self.speaker_org_id,
            "speaker_org": self.speaker_org_name,
            "target_id": self.target_id,
            "target": self.target_name,
            "target_mention": self.target_mention,
            "type": self.type,
            "form": self.form,
            "date": self.date,
            "score": self.score,
            "status": self.status,
            "cue": self.cue,
            "evidence": _span_json(self.evidence),
            "spans": [_span_json(s) for s in self.spans],
            "doc_title": self.doc_title,
            "doc_published": self.doc_published,
            "doc_url": self.doc_url,
            "doc_source": self.doc_source,
        }


@dataclass(frozen=True, slots=True)
class EventRow:
    event_id: int
    doc_id: str
    type: str
    date: str | None
    location: str | None
    evidence: Span
    spans: tuple[Span, ...]
    actor_id: str | None = None
    actor_name: str | None = None
    actor_mention: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    target_mention: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "type": self.type,
            "date": self.date,
            "location": self.location,
            "actor_id": self.actor_id,
            "actor": self.actor_name,
            "actor_mention": self.actor_mention,
            "target_id": self.target_id,
            "target": self.target_name,
            "target_mention": self.target_mention,
            "evidence": _span_json(self.evidence),
            "spans": [_span_json(s) for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class MentionRow:
    actor_id: str
    actor_name: str
    actor_type: str
    span: Span


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: int = 0
    documents: int = 0
    threats_made: int = 0
    threats_received: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "actor_id": self.actor_id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "titles": list(self.titles),
            "mentions": self.mentions,
            "documents": self.documents,
            "threats_made": self.threats_made,
            "threats_received": self.threats_received,
        }


@dataclass(frozen=True, slots=True)
class KnownActorRow:
    """What the resolver needs to index an actor already in the store."""

    actor_id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    affiliations: tuple[str, ...]  # actor_ids of the ORGs this actor is affiliated with
    # the resolver's context tokens gathered over every document; actor ids in them that
    # were merged away since are rewritten to the surviving id
    context: frozenset[str] = frozenset()
    documents: int = 0  # distinct documents the actor is mentioned in


@dataclass(frozen=True, slots=True)
class AffiliationRow:
    """The other side of an affiliation, with the documents that state it."""

    actor_id: str
    name: str
    type: str
    doc_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """A resolver decision (kind 'auto') or an analyst correction ('merge' / 'split').

    `actor_ids` / `names` are ordered: for a merge (keep, drop), for a split (from, new).
    """

    id: int
    kind: str
    actor_ids: tuple[str, ...]
    names: tuple[str, ...]
    reason: str
    analyst: str | None
    created_at: str
    alias: str | None = None  # the alias a split moved

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "actor_ids": list(self.actor_ids),
            "names": list(self.names),
            "reason": self.reason,
            "analyst": self.analyst,
            "alias": self.alias,
            "created_at": self.created_at,
        }


@dataclass(frozen=True, slots=True)
class ActorProfile:
    actor: ActorRow
    affiliations: tuple[AffiliationRow, ...] = ()  # ORGs this actor belongs to
    members: tuple[AffiliationRow, ...] = ()  # actors affiliated with this ORG
    threats_made: tuple[ThreatRow, ...] = ()  # as speaker or as the speaker's organisation
    threats_received: tuple[ThreatRow, ...] = ()
    merged_ids: tuple[str, ...] = ()  # ids merged into this actor
    history: tuple[MergeRecord, ...] = ()

    @property
    def actor_id(self) -> str:
        return self.actor.actor_id

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.actor.aliases

    def to_json(self) -> dict[str, object]:
        return {
            **self.actor.to_json(),
            "affiliations": [{"actor_id": a.actor_id, "name": a.name} for a in self.affiliations],
            "members": [{"actor_id": a.actor_id, "name": a.name} for a in self.members],
            "threats_made": [t.to_json() for t in self.threats_made],
            "threats_received": [t.to_json() for t in self.threats_received],
            "merged_ids": list(self.merged_ids),
            "history": [h.to_json() for h in self.history],
        }


@dataclass(frozen=True, slots=True)
class DocumentView:
    doc_id: str
    text: str
    content_hash: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    source_path: str | None = None
    language: str = "en"
    analysed_at: str | None = None
    ignored: tuple[tuple[int, int], ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    threats: tuple[ThreatRow, ...] = ()
    events: tuple[EventRow, ...] = ()
    mentions: tuple[MentionRow, ...] = ()

    def to_document(self) -> Document:
        return Document(
            doc_id=self.doc_id,
            text=self.text,
            title=self.title,
            published=self.published,
            url=self.url,
            source=self.source,
            source_path=self.source_path,
            language=self.language,
            ignored=list(self.ignored),
            metadata=dict(self.metadata),
        )


@dataclass(frozen=True, slots=True)
class ErrorRow:
    id: int
    source: str
    reason: str
    doc_id: str | None
    created_at: str
