"""The analysis JSONL: one object per document, as `shared/eval/FORMAT.md` defines it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from forewarn.model import ActorRef, DocumentAnalysis, Event, IngestError, Span, Threat


def _actor(analysis: DocumentAnalysis, ref: ActorRef | None, *, full: bool = True) -> dict[str, Any] | None:
    if ref is None:
        return None
    try:
        actor = analysis.actor(ref.local_id)
    except KeyError:
        return None
    out: dict[str, Any] = {"actor_id": actor.actor_id or actor.local_id, "name": actor.name}
    if full:
        out["type"] = actor.type
        if ref.mention is not None:
            out["mention"] = ref.mention.text
        out["aliases"] = [a for a in actor.aliases if a != actor.name]
    return out


def _spans(spans: list[Span]) -> list[dict[str, object]]:
    return [s.to_json() for s in spans]


def _threat(analysis: DocumentAnalysis, threat: Threat) -> dict[str, Any]:
    return {
        "speaker": _actor(analysis, threat.speaker),
        "speaker_org": _actor(analysis, threat.speaker_org, full=False),
        "target": _actor(analysis, threat.target),
        "evidence": threat.evidence.to_json(),
        "evidence_spans": _spans(threat.evidence_spans),
        "type": threat.type,
        "form": threat.form,
        "date": threat.date,
        "score": threat.score,
        "cue": threat.cue,
    }


def _event(analysis: DocumentAnalysis, event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "actor": _actor(analysis, event.actor, full=False),
        "target": _actor(analysis, event.target, full=False),
        "location": event.location,
        "date": event.date,
        "evidence": event.evidence.to_json(),
        "evidence_spans": _spans(event.evidence_spans),
    }


def analysis_record(analysis: DocumentAnalysis) -> dict[str, Any]:
    document = analysis.document
    return {
        "doc_id": document.doc_id,
        "published": document.published,
        "language": document.language,
        "title": document.title,
        "url": document.url,
        "source": document.source,
        "threats": [_threat(analysis, t) for t in analysis.threats],
        "events": [_event(analysis, e) for e in analysis.events],
        "actors": [
            {
                "actor_id": a.actor_id or a.local_id,
                "name": a.name,
                "type": a.type,
                "aliases": [x for x in a.aliases if x != a.name],
                "titles": a.titles,
                "affiliations": [_affiliation_id(analysis, lid) for lid in a.affiliations],
                "mentions": _spans(a.mentions),
            }
            for a in analysis.actors
        ],
    }


def _affiliation_id(analysis: DocumentAnalysis, local_id: str) -> str:
    try:
        actor = analysis.actor(local_id)
    except KeyError:
        return local_id
    return actor.actor_id or actor.local_id


def error_record(error: IngestError) -> dict[str, Any]:
    return {
        "doc_id": error.doc_id,
        "error": error.reason,
        "source": error.source,
        "threats": [],
        "events": [],
        "actors": [],
    }


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def open_jsonl(path: Path) -> IO[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8")
