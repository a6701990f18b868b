"""Everything a store holds, as plain sorted data, to compare two stores (two engines, or an
interrupted and resumed run against an uninterrupted one). Surrogate row numbers and
timestamps are left out: a rolled-back transaction may use up a PostgreSQL sequence value."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from forewarn.store import Store
from forewarn.store.schema import (
    DbActor,
    DbAffiliation,
    DbAlias,
    DbDocument,
    DbEvent,
    DbEventSpan,
    DbIngestError,
    DbMention,
    DbMerge,
    DbMergeMember,
    DbThreat,
    DbThreatSpan,
)


def dump_store(url: str) -> dict[str, Any]:
    with Store(url) as store, store._sessions() as s:
        threat_spans: dict[int, list[tuple[Any, ...]]] = {}
        for sp in s.scalars(select(DbThreatSpan)):
            threat_spans.setdefault(sp.threat_id, []).append((sp.ordinal, sp.start, sp.end, sp.text, sp.principal))
        event_spans: dict[int, list[tuple[Any, ...]]] = {}
        for sp in s.scalars(select(DbEventSpan)):
            event_spans.setdefault(sp.event_id, []).append((sp.ordinal, sp.start, sp.end, sp.text, sp.principal))
        members: dict[int, list[tuple[Any, ...]]] = {}
        for mm in s.scalars(select(DbMergeMember)):
            members.setdefault(mm.merge_id, []).append((mm.position, mm.actor_id, mm.name))
        return {
            "documents": sorted(
                (d.doc_id, d.content_hash, d.title, d.published, d.url, d.source, d.analysed_at is not None)
                for d in s.scalars(select(DbDocument))
            ),
            "actors": sorted(
                (a.actor_id, a.name, a.type, tuple(a.titles or ()), tuple(a.context or ()), a.merged_into)
                for a in s.scalars(select(DbActor))
            ),
            "aliases": sorted((a.actor_id, a.alias, a.key) for a in s.scalars(select(DbAlias))),
            "affiliations": sorted(
                (a.person_id, a.org_id, a.doc_id or "", a.start or -1, a.end or -1)
                for a in s.scalars(select(DbAffiliation))
            ),
            "mentions": sorted((m.doc_id, m.actor_id, m.start, m.end, m.text) for m in s.scalars(select(DbMention))),
            "threats": sorted(
                (
                    t.doc_id,
                    t.speaker_actor_id or "",
                    t.speaker_org_actor_id or "",
                    t.target_actor_id or "",
                    t.speaker_mention or "",
                    t.target_mention or "",
                    t.type,
                    t.form,
                    t.date or "",
                    round(t.score, 6),
                    t.cue or "",
                    t.status,
                    tuple(sorted(threat_spans.get(t.id, []))),
                )
                for t in s.scalars(select(DbThreat))
            ),
            "events": sorted(
                (
                    e.doc_id,
                    e.type,
                    e.actor_actor_id or "",
                    e.target_actor_id or "",
                    e.location or "",
                    e.date or "",
                    tuple(sorted(event_spans.get(e.id, []))),
                )
                for e in s.scalars(select(DbEvent))
            ),
            "merges": sorted(
                (m.kind, m.reason, m.alias or "", tuple(sorted(members.get(m.id, []))))
                for m in s.scalars(select(DbMerge))
            ),
            "errors": sorted((e.source, e.reason, e.doc_id or "") for e in s.scalars(select(DbIngestError))),
        }
