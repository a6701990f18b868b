"""Store queries of the early-warning stage: threat clusters, scoring facts, watchlists,
alerts and their outbox, monitored sources.

Functions take a `Store` (or, for work that must happen in one transaction, a `Session`
opened from `store._sessions`) and hand out frozen rows, like `forewarn.store.core`.
How threats are grouped lives in `forewarn.analyse.clusters`; this module only reads and
writes what was decided.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from forewarn.model import ActorRef, DocActor, Document, DocumentAnalysis, Event, Span, Threat
from forewarn.store.core import Store
from forewarn.store.schema import DbActor, DbAffiliation, DbDocument, DbEvent, DbEventSpan, DbThreat, DbThreatSpan
from forewarn.store.schema import utcnow as _utcnow
from forewarn.store.schema_warning import (
    DbAlert,
    DbAlertChannel,
    DbAlertDelivery,
    DbMonitorItem,
    DbMonitorSource,
    DbThreatCluster,
    DbThreatClusterAnchor,
    DbThreatClusterMember,
    DbWatchEntry,
)

_CHUNK = 500


def utcnow() -> datetime:
    return _utcnow()


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def source_name(source: str | None, url: str | None, doc_id: str) -> str:
    """What to call the outlet of a document: its source, else its web site, else its id."""
    if source:
        return source
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return doc_id


def anchor_of(doc_id: str, start: int, end: int) -> str:
    """A report's identity that survives re-analysis (threat row ids do not)."""
    return f"{doc_id}:{start}:{end}"


# ---------------------------------------------------------------------- clusters


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One threat as one document reports it, with what clustering and scoring need."""

    threat_id: int
    doc_id: str
    speaker_id: str | None
    speaker_org_id: str | None
    target_id: str | None
    type: str
    form: str
    date: str | None
    score: float
    published: str | None
    source: str
    url: str | None
    title: str | None
    texts: tuple[str, ...]  # evidence spans, principal first
    evidence_start: int
    evidence_end: int
    status: str = "unreviewed"
    cluster_id: int | None = None

    @property
    def anchor(self) -> str:
        return anchor_of(self.doc_id, self.evidence_start, self.evidence_end)


@dataclass(frozen=True, slots=True)
class ClusterInfo:
    """How many documents report a threat, which, and since when (`cluster_of`).

    A threat that is in no cluster yet is its own cluster: `cluster_id` None, one report."""

    cluster_id: int | None
    report_count: int
    earliest_published: str | None
    doc_ids: tuple[str, ...]
    sources: tuple[str, ...] = ()
    threat_ids: tuple[int, ...] = ()
    first_threat_id: int | None = None  # the earliest report's threat
    date: str | None = None  # the earliest date given for the threat itself
    urls: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "cluster_id": self.cluster_id,
            "report_count": self.report_count,
            "earliest_published": self.earliest_published,
            "doc_ids": list(self.doc_ids),
            "sources": list(self.sources),
            "threat_ids": list(self.threat_ids),
            "first_threat_id": self.first_threat_id,
            "date": self.date,
            "urls": list(self.urls),
        }


def report_rows(s: Session, conds: Sequence[ColumnElement[bool]] = ()) -> list[ReportRow]:
    """Threat reports matching `conds` (on DbThreat / DbDocument / membership), oldest first."""
    stmt = (
        select(
            DbThreat,
            DbDocument.published,
            DbDocument.source,
            DbDocument.url,
            DbDocument.title,
            DbThreatClusterMember.cluster_id,
        )
        .join(DbDocument, DbDocument.doc_id == DbThreat.doc_id)
        .outerjoin(DbThreatClusterMember, DbThreatClusterMember.threat_id == DbThreat.id)
        .where(*conds)
        .order_by(func.coalesce(DbDocument.published, DbThreat.date).nulls_last(), DbThreat.id)
    )
    results = s.execute(stmt).all()
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    ids = [t.id for t, *_ in results]
    for chunk in _chunks(ids):
        for sp in s.scalars(
            select(DbThreatSpan).where(DbThreatSpan.threat_id.in_(chunk)).order_by(DbThreatSpan.ordinal)
        ):
            spans[sp.threat_id].append((sp.start, sp.end, sp.text))
    rows = []
    for t, published, source, url, title, cluster_id in results:
        tspans = spans.get(t.id) or [(0, 0, "")]
        rows.append(
            ReportRow(
                threat_id=t.id,
                doc_id=t.doc_id,
                speaker_id=t.speaker_actor_id,
                speaker_org_id=t.speaker_org_actor_id,
                target_id=t.target_actor_id,
                type=t.type,
                form=t.form,
                date=t.date,
                score=t.score,
                published=published,
                source=source_name(source, url, t.doc_id),
                url=url,
                title=title,
                texts=tuple(text for _, _, text in tspans),
                evidence_start=tspans[0][0],
                evidence_end=tspans[0][1],
                status=t.status,
                cluster_id=cluster_id,
            )
        )
    return rows


def unclustered_reports(s: Session) -> list[ReportRow]:
    return report_rows(s, [DbThreatClusterMember.threat_id.is_(None)])


def reports_about(s: Session, actor_ids: Iterable[str]) -> list[ReportRow]:
    """Clustered reports whose speaker, speaker's organisation or target is one of `actor_ids`."""
    ids = sorted(set(actor_ids))
    out: dict[int, ReportRow] = {}
    for chunk in _chunks(ids):
        cond = or_(
            DbThreat.speaker_actor_id.in_(chunk),
            DbThreat.speaker_org_actor_id.in_(chunk),
            DbThreat.target_actor_id.in_(chunk),
        )
        for row in report_rows(s, [cond, DbThreatClusterMember.cluster_id.is_not(None)]):
            out[row.threat_id] = row
    return list(out.values())


def reports_without_actors(s: Session) -> list[ReportRow]:
    """Clustered reports with neither speaker nor target (matched on wording alone)."""
    return report_rows(
        s,
        [
            DbThreat.speaker_actor_id.is_(None),
            DbThreat.speaker_org_actor_id.is_(None),
            DbThreat.target_actor_id.is_(None),
            DbThreatClusterMember.cluster_id.is_not(None),
        ],
    )


def clusters_by_anchor(s: Session, anchors: Iterable[str]) -> dict[str, int]:
    """The cluster each anchor (doc_id:start:end) was last seen in."""
    wanted = sorted(set(anchors))
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        found.update(
            dict(
                s.execute(
                    select(DbThreatClusterAnchor.anchor, DbThreatClusterAnchor.cluster_id).where(
                        DbThreatClusterAnchor.anchor.in_(chunk)
                    )
                ).all()
            )
        )
    return found


def new_cluster(s: Session, report: ReportRow) -> int:
    row = DbThreatCluster(
        speaker_actor_id=report.speaker_id,
        speaker_org_actor_id=report.speaker_org_id,
        target_actor_id=report.target_id,
        type=report.type,
        form=report.form,
        date=report.date,
        earliest_published=report.published,
        report_count=0,
        doc_ids=[],
        sources=[],
    )
    s.add(row)
    s.flush()
    return row.id


def add_member(s: Session, report: ReportRow, cluster_id: int, similarity: float, reason: str) -> None:
    s.add(
        DbThreatClusterMember(
            threat_id=report.threat_id, cluster_id=cluster_id, similarity=similarity, reason=reason[:500]
        )
    )
    anchor = s.get(DbThreatClusterAnchor, report.anchor)
    if anchor is None:
        s.add(DbThreatClusterAnchor(anchor=report.anchor, cluster_id=cluster_id))
    else:
        anchor.cluster_id = cluster_id


def refresh_clusters(s: Session, cluster_ids: Iterable[int] | None = None) -> set[int]:
    """Recompute the stored summary (reports, sources, earliest report, who, what, when) of
    the given clusters, plus every cluster whose stored report count no longer matches its
    members (documents re-analysed or deleted since). Returns the clusters refreshed."""
    live = dict(
        s.execute(
            select(DbThreatClusterMember.cluster_id, func.count()).group_by(DbThreatClusterMember.cluster_id)
        ).all()
    )
    wanted = set(cluster_ids or ())
    for cid, stored in s.execute(select(DbThreatCluster.id, DbThreatCluster.report_count)).all():
        if live.get(cid, 0) != stored:
            wanted.add(cid)
    if not wanted:
        return set()
    for chunk in _chunks(sorted(wanted)):
        members = report_rows(s, [DbThreatClusterMember.cluster_id.in_(chunk)])
        by_cluster: dict[int, list[ReportRow]] = defaultdict(list)
        for m in members:
            if m.cluster_id is not None:
                by_cluster[m.cluster_id].append(m)
        for row in s.scalars(select(DbThreatCluster).where(DbThreatCluster.id.in_(chunk))):
            reports = by_cluster.get(row.id, [])
            row.report_count = len(reports)
            row.updated_at = utcnow()
            if not reports:
                continue
            ordered = sorted(reports, key=_report_order)
            row.doc_ids = list(dict.fromkeys(r.doc_id for r in ordered))
            row.sources = list(dict.fromkeys(r.source for r in ordered))
            row.earliest_published = ordered[0].published
            dates = sorted(r.date for r in reports if r.date)
            row.date = dates[0] if dates else ordered[0].published
            row.speaker_actor_id = _most_common(r.speaker_id for r in ordered)
            row.speaker_org_actor_id = _most_common(r.speaker_org_id for r in ordered)
            row.target_actor_id = _most_common(r.target_id for r in ordered)
            row.type = _most_common(r.type for r in ordered) or ordered[0].type
            row.form = _most_common(r.form for r in ordered) or ordered[0].form
    return wanted


def _report_order(r: ReportRow) -> tuple[str, int]:
    return (r.published or "9999", r.threat_id)


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the one seen first."""
    seen = [v for v in values if v]
    if not seen:
        return None
    counts = Counter(seen)
    best = max(counts.values())
    return next(v for v in seen if counts[v] == best)


def clear_clusters(store: Store) -> None:
    """Forget every grouping (for a rebuild with a changed policy)."""
    with store._sessions.begin() as s:
        s.execute(delete(DbThreatClusterMember))
        s.execute(delete(DbThreatClusterAnchor))
        s.execute(delete(DbThreatCluster))


def cluster_of(store: Store, threat_ids: Iterable[int]) -> dict[int, ClusterInfo]:
    """For each threat id (that exists), the threat event it is a report of.

    The agreed interface for the API and the CLI: corroboration without knowing how
    clusters are made. Threats in no cluster (clustering has not run since they were
    stored) come back as a cluster of their own.
    """
    ids = sorted({int(t) for t in threat_ids})
    out: dict[int, ClusterInfo] = {}
    if not ids:
        return out
    with store._sessions() as s:
        membership: dict[int, int | None] = {}
        for chunk in _chunks(ids):
            for tid, cid in s.execute(
                select(DbThreat.id, DbThreatClusterMember.cluster_id)
                .outerjoin(DbThreatClusterMember, DbThreatClusterMember.threat_id == DbThreat.id)
                .where(DbThreat.id.in_(chunk))
            ).all():
                membership[tid] = cid
        cluster_ids = sorted({c for c in membership.values() if c is not None})
        infos = _cluster_infos(s, cluster_ids)
        singles = [t for t, c in membership.items() if c is None]
        single_rows = {r.threat_id: r for chunk in _chunks(singles) for r in report_rows(s, [DbThreat.id.in_(chunk)])}
    for tid, cid in membership.items():
        if cid is not None and cid in infos:
            out[tid] = infos[cid]
        elif tid in single_rows:
            r = single_rows[tid]
            out[tid] = ClusterInfo(
                cluster_id=None,
                report_count=1,
                earliest_published=r.published,
                doc_ids=(r.doc_id,),
                sources=(r.source,),
                threat_ids=(tid,),
                first_threat_id=tid,
                date=r.date or r.published,
                urls=(r.url,) if r.url else (),
            )
    return out


def _cluster_infos(s: Session, cluster_ids: Sequence[int]) -> dict[int, ClusterInfo]:
    infos: dict[int, ClusterInfo] = {}
    for chunk in _chunks(list(cluster_ids)):
        by_cluster: dict[int, list[ReportRow]] = defaultdict(list)
        for r in report_rows(s, [DbThreatClusterMember.cluster_id.in_(chunk)]):
            if r.cluster_id is not None:
                by_cluster[r.cluster_id].append(r)
        for cid, reports in by_cluster.items():
            ordered = sorted(reports, key=_report_order)
            dates = sorted(r.date for r in reports if r.date)
            infos[cid] = ClusterInfo(
                cluster_id=cid,
                report_count=len({r.doc_id for r in reports}),
                earliest_published=ordered[0].published,
                doc_ids=tuple(dict.fromkeys(r.doc_id for r in ordered)),
                sources=tuple(dict.fromkeys(r.source for r in ordered)),
                threat_ids=tuple(r.threat_id for r in ordered),
                first_threat_id=ordered[0].threat_id,
                date=dates[0] if dates else ordered[0].published,
                urls=tuple(dict.fromkeys(r.url for r in ordered if r.url)),
            )
    return infos


def cluster_members(store: Store, cluster_id: int) -> list[tuple[ReportRow, float, str]]:
    """The reports of one cluster with how each joined (similarity, reason), oldest first."""
    with store._sessions() as s:
        reports = report_rows(s, [DbThreatClusterMember.cluster_id == cluster_id])
        how = {
            tid: (sim, reason)
            for tid, sim, reason in s.execute(
                select(
                    DbThreatClusterMember.threat_id, DbThreatClusterMember.similarity, DbThreatClusterMember.reason
                ).where(DbThreatClusterMember.cluster_id == cluster_id)
            ).all()
        }
    return [(r, *how.get(r.threat_id, (1.0, ""))) for r in reports]


# ---------------------------------------------------------------------- threat events for scoring


@dataclass(frozen=True, slots=True)
class ThreatEvent:
    """A threat counted once: its cluster's reports folded into one fact for scoring."""

    key: str  # "C12" for a cluster, "T34" for a threat in no cluster
    cluster_id: int | None
    threat_ids: tuple[int, ...]
    speaker_id: str | None
    speaker_name: str | None
    speaker_org_id: str | None
    speaker_org_name: str | None
    target_id: str | None
    target_name: str | None
    type: str
    form: str
    date: str | None  # of the threat itself (may be partial)
    first_published: str | None  # when it first became known
    score: float  # extraction confidence: the best of its reports
    texts: tuple[str, ...]  # evidence of every report, principal spans first
    quote: str  # the principal evidence of the earliest report
    doc_ids: tuple[str, ...]
    sources: tuple[str, ...]
    urls: tuple[str, ...]
    titles: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    # (doc_id, source, url, published) of every report, earliest first
    reports: tuple[tuple[str, str, str | None, str | None], ...] = ()

    @property
    def report_count(self) -> int:
        return len(self.doc_ids)

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "cluster_id": self.cluster_id,
            "threat_ids": list(self.threat_ids),
            "speaker_id": self.speaker_id,
            "speaker": self.speaker_name,
            "speaker_org_id": self.speaker_org_id,
            "speaker_org": self.speaker_org_name,
            "target_id": self.target_id,
            "target": self.target_name,
            "type": self.type,
            "form": self.form,
            "date": self.date,
            "first_published": self.first_published,
            "score": self.score,
            "quote": self.quote,
            "report_count": self.report_count,
            "doc_ids": list(self.doc_ids),
            "sources": list(self.sources),
            "urls": list(self.urls),
            "reports": [
                {"doc_id": d, "source": src, "url": url, "published": pub} for d, src, url, pub in self.reports
            ],
        }


def threat_events(store: Store, *, target_ids: Iterable[str] | None = None) -> list[ThreatEvent]:
    """Every threat counted once (a cluster is one threat), optionally only those against
    `target_ids`; threats an analyst rejected are left out. Oldest first."""
    with store._sessions() as s:
        conds: list[ColumnElement[bool]] = [DbThreat.status != "rejected"]
        if target_ids is not None:
            ids = sorted(set(target_ids))
            if not ids:
                return []
            conds.append(DbThreat.target_actor_id.in_(ids))
        reports = report_rows(s, conds)
        names = _actor_names(s, {x for r in reports for x in (r.speaker_id, r.speaker_org_id, r.target_id) if x})
    return fold_reports(reports, names)


def fold_reports(reports: Sequence[ReportRow], names: dict[str, str]) -> list[ThreatEvent]:
    groups: dict[str, list[ReportRow]] = defaultdict(list)
    for r in reports:
        groups[f"C{r.cluster_id}" if r.cluster_id is not None else f"T{r.threat_id}"].append(r)
    events = []
    for key, members in groups.items():
        ordered = sorted(members, key=_report_order)
        first = ordered[0]
        dates = sorted(r.date for r in members if r.date)
        speaker = _most_common(r.speaker_id for r in ordered)
        org = _most_common(r.speaker_org_id for r in ordered)
        target = _most_common(r.target_id for r in ordered)
        events.append(
            ThreatEvent(
                key=key,
                cluster_id=first.cluster_id,
                threat_ids=tuple(r.threat_id for r in ordered),
                speaker_id=speaker,
                speaker_name=names.get(speaker or ""),
                speaker_org_id=org,
                speaker_org_name=names.get(org or ""),
                target_id=target,
                target_name=names.get(target or ""),
                type=_most_common(r.type for r in ordered) or first.type,
                form=_most_common(r.form for r in ordered) or first.form,
                date=dates[0] if dates else first.published,
                first_published=first.published,
                score=max(r.score for r in members),
                texts=tuple(t for r in ordered for t in r.texts if t),
                quote=first.texts[0] if first.texts else "",
                doc_ids=tuple(dict.fromkeys(r.doc_id for r in ordered)),
                sources=tuple(dict.fromkeys(r.source for r in ordered)),
                urls=tuple(dict.fromkeys(r.url for r in ordered if r.url)),
                titles=tuple(dict.fromkeys(r.title for r in ordered if r.title)),
                statuses=tuple(r.status for r in ordered),
                reports=tuple(dict.fromkeys((r.doc_id, r.source, r.url, r.published) for r in ordered)),
            )
        )
    events.sort(key=lambda e: (e.first_published or "9999", e.key))
    return events


def _actor_names(s: Session, ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        out.update(dict(s.execute(select(DbActor.actor_id, DbActor.name).where(DbActor.actor_id.in_(chunk))).all()))
    return out


def actor_names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    with store._sessions() as s:
        return _actor_names(s, ids)


def actor_types(store: Store, ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with store._sessions() as s:
        for chunk in _chunks(sorted(set(ids))):
            out.update(dict(s.execute(select(DbActor.actor_id, DbActor.type).where(DbActor.actor_id.in_(chunk))).all()))
    return out


@dataclass(frozen=True, slots=True)
class EventFact:
    """A violent event as scoring and backtesting see it."""

    event_id: int
    doc_id: str
    type: str
    date: str | None
    published: str | None
    actor_id: str | None
    actor_name: str | None
    target_id: str | None
    target_name: str | None
    target_inferred: bool  # target read from the person named in the event's sentence
    location: str | None
    evidence: str
    source: str
    url: str | None
    title: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "type": self.type,
            "date": self.date,
            "published": self.published,
            "actor_id": self.actor_id,
            "actor": self.actor_name,
            "target_id": self.target_id,
            "target": self.target_name,
            "target_inferred": self.target_inferred,
            "location": self.location,
            "evidence": self.evidence,
            "source": self.source,
            "url": self.url,
        }


# events whose victim is a named person: the one person named in the same sentence is
# taken as the target when extraction left it empty
_PERSONAL_EVENTS = frozenset({"assassination", "assassination_attempt", "kidnapping"})


def event_facts(store: Store) -> list[EventFact]:
    """Every stored event with its actor and target (inferred for attempts on a named
    person when extraction gave no target), oldest first."""
    with store._sessions() as s:
        actor, target = aliased(DbActor), aliased(DbActor)
        rows = s.execute(
            select(
                DbEvent,
                DbDocument.published,
                DbDocument.source,
                DbDocument.url,
                DbDocument.title,
                DbDocument.text,
                actor.name,
                target.name,
            )
            .join(DbDocument, DbDocument.doc_id == DbEvent.doc_id)
            .outerjoin(actor, actor.actor_id == DbEvent.actor_actor_id)
            .outerjoin(target, target.actor_id == DbEvent.target_actor_id)
            .order_by(func.coalesce(DbEvent.date, DbDocument.published), DbEvent.id)
        ).all()
        spans: dict[int, tuple[int, int, str]] = {}
        ids = [e.id for e, *_ in rows]
        for chunk in _chunks(ids):
            for sp in s.scalars(
                select(DbEventSpan).where(DbEventSpan.event_id.in_(chunk), DbEventSpan.principal.is_(True))
            ):
                spans[sp.event_id] = (sp.start, sp.end, sp.text)
        need = [e for e, *_ in rows if e.target_actor_id is None and e.type in _PERSONAL_EVENTS]
        inferred = _infer_event_targets(s, need, spans, {e.id: text for e, _, _, _, _, text, _, _ in rows})
        names = _actor_names(s, {a for a, _ in inferred.values()})
    out = []
    for e, published, source, url, title, _text, actor_name, target_name in rows:
        target_id, target_name2, was_inferred = e.target_actor_id, target_name, False
        if target_id is None and e.id in inferred:
            target_id = inferred[e.id][0]
            target_name2 = names.get(target_id)
            was_inferred = True
        out.append(
            EventFact(
                event_id=e.id,
                doc_id=e.doc_id,
                type=e.type,
                date=e.date,
                published=published,
                actor_id=e.actor_actor_id,
                actor_name=actor_name,
                target_id=target_id,
                target_name=target_name2,
                target_inferred=was_inferred,
                location=e.location,
                evidence=spans.get(e.id, (0, 0, ""))[2],
                source=source_name(source, url, e.doc_id),
                url=url,
                title=title,
            )
        )
    return out


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


def _infer_event_targets(
    s: Session, events: list[DbEvent], spans: dict[int, tuple[int, int, str]], texts: dict[int, str]
) -> dict[int, tuple[str, str]]:
    """The victim of an attempt on a named person, when extraction gave none: the person
    named nearest before the event in its sentence ("Judge X was wounded in an assassination
    attempt"), else the one person named after it."""
    from forewarn.store.schema import DbMention

    out: dict[int, tuple[str, str]] = {}
    for e in events:
        if e.id not in spans:
            continue
        start, end, _ = spans[e.id]
        lo, hi = _sentence_bounds(texts[e.id], start, end)
        mentions = s.execute(
            select(DbMention.actor_id, DbMention.start)
            .join(DbActor, DbActor.actor_id == DbMention.actor_id)
            .where(DbMention.doc_id == e.doc_id, DbMention.start >= lo, DbMention.end <= hi, DbActor.type == "PERSON")
            .order_by(DbMention.start)
        ).all()
        people = [(a, pos) for a, pos in mentions if a != e.actor_actor_id]
        before = [a for a, pos in people if pos < start]
        after = {a for a, pos in people if pos >= end}
        if before:
            out[e.id] = (before[-1], "the person named before the event in its sentence")
        elif len(after) == 1:
            out[e.id] = (after.pop(), "the one person named in the event's sentence")
    return out


def organisations_of(store: Store, actor_ids: Iterable[str]) -> dict[str, set[str]]:
    """The organisations each actor is affiliated with (from any document or a KB)."""
    ids = sorted(set(actor_ids))
    out: dict[str, set[str]] = defaultdict(set)
    with store._sessions() as s:
        for chunk in _chunks(ids):
            for person, org in s.execute(
                select(DbAffiliation.person_id, DbAffiliation.org_id).where(DbAffiliation.person_id.in_(chunk))
            ):
                out[person].add(org)
    return out


# ---------------------------------------------------------------------- watchlists


@dataclass(frozen=True, slots=True)
class WatchRow:
    id: int
    kind: str
    value: str
    label: str
    threshold: float | None
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "value": self.value,
            "label": self.label,
            "threshold": self.threshold,
            "created_at": self.created_at.isoformat(sep=" ", timespec="seconds"),
        }


def _watch_row(w: DbWatchEntry) -> WatchRow:
    return WatchRow(w.id, w.kind, w.value, w.label, w.threshold, w.created_at)


def add_watch(
    store: Store,
    kind: str,
    value: str,
    label: str = "",
    threshold: float | None = None,
    created_at: datetime | None = None,
) -> WatchRow:
    """Add (or update the label/threshold of) a watch entry."""
    with store._sessions.begin() as s:
        row = s.scalars(select(DbWatchEntry).where(DbWatchEntry.kind == kind, DbWatchEntry.value == value)).first()
        if row is None:
            row = DbWatchEntry(
                kind=kind, value=value, label=label, threshold=threshold, created_at=created_at or utcnow()
            )
            s.add(row)
        else:
            row.label = label or row.label
            if threshold is not None:
                row.threshold = threshold
        s.flush()
        return _watch_row(row)


def watches(store: Store) -> list[WatchRow]:
    with store._sessions() as s:
        return [_watch_row(w) for w in s.scalars(select(DbWatchEntry).order_by(DbWatchEntry.id))]


def remove_watch(store: Store, watch_id: int) -> bool:
    with store._sessions.begin() as s:
        row = s.get(DbWatchEntry, watch_id)
        if row is None:
            return False
        s.delete(row)
        return True


def analysed_since(store: Store, when: datetime) -> set[str]:
    """Documents (re-)analysed at or after `when`."""
    with store._sessions() as s:
        return set(s.scalars(select(DbDocument.doc_id).where(DbDocument.analysed_at >= when)))


def analysed_at(store: Store, doc_ids: Iterable[str]) -> dict[str, datetime | None]:
    ids = sorted(set(doc_ids))
    out: dict[str, datetime | None] = {}
    with store._sessions() as s:
        for chunk in _chunks(ids):
            out.update(
                dict(
                    s.execute(
                        select(DbDocument.doc_id, DbDocument.analysed_at).where(DbDocument.doc_id.in_(chunk))
                    ).all()
                )
            )
    return out


# ---------------------------------------------------------------------- alerts and outbox


@dataclass(frozen=True, slots=True)
class ChannelRow:
    id: int
    name: str
    kind: str
    config: dict[str, Any]
    enabled: bool

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "config": self.config, "enabled": self.enabled}


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    key: str
    rule: str
    watch_id: int | None
    actor_id: str | None
    cluster_id: int | None
    score: float | None
    title: str
    payload: dict[str, Any]
    created_at: datetime
    deliveries: tuple[tuple[str, str, int], ...] = field(default=())  # (channel, status, attempts)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "key": self.key,
            "rule": self.rule,
            "watch_id": self.watch_id,
            "actor_id": self.actor_id,
            "cluster_id": self.cluster_id,
            "score": self.score,
            "title": self.title,
            "created_at": self.created_at.isoformat(sep=" ", timespec="seconds"),
            **self.payload,
        }


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    id: int
    alert: AlertRow
    channel: ChannelRow
    idempotency_key: str
    status: str
    attempts: int
    last_error: str | None


def _channel_row(c: DbAlertChannel) -> ChannelRow:
    return ChannelRow(c.id, c.name, c.kind, dict(c.config or {}), bool(c.enabled))


def _alert_row(a: DbAlert, deliveries: tuple[tuple[str, str, int], ...] = ()) -> AlertRow:
    return AlertRow(
        a.id,
        a.key,
        a.rule,
        a.watch_id,
        a.actor_id,
        a.cluster_id,
        a.score,
        a.title,
        dict(a.payload or {}),
        a.created_at,
        deliveries,
    )


def add_channel(store: Store, name: str, kind: str, config: dict[str, Any]) -> ChannelRow:
    with store._sessions.begin() as s:
        row = s.scalars(select(DbAlertChannel).where(DbAlertChannel.name == name)).first()
        if row is None:
            row = DbAlertChannel(name=name, kind=kind, config=config, enabled=True)
            s.add(row)
        else:
            row.kind, row.config, row.enabled = kind, config, True
        s.flush()
        return _channel_row(row)


def channels(store: Store, *, enabled_only: bool = False) -> list[ChannelRow]:
    with store._sessions() as s:
        stmt = select(DbAlertChannel).order_by(DbAlertChannel.id)
        if enabled_only:
            stmt = stmt.where(DbAlertChannel.enabled.is_(True))
        return [_channel_row(c) for c in s.scalars(stmt)]


def remove_channel(store: Store, name_or_id: str) -> bool:
    with store._sessions.begin() as s:
        cond = DbAlertChannel.name == name_or_id
        if name_or_id.isdigit():
            cond = or_(cond, DbAlertChannel.id == int(name_or_id))
        row = s.scalars(select(DbAlertChannel).where(cond)).first()
        if row is None:
            return False
        s.delete(row)
        return True


def raise_alert(
    store: Store,
    *,
    key: str,
    rule: str,
    title: str,
    payload: dict[str, Any],
    watch_id: int | None = None,
    actor_id: str | None = None,
    cluster_id: int | None = None,
    score: float | None = None,
) -> AlertRow | None:
    """Record an alert and queue it for every enabled channel, in one transaction.
    Returns None when an alert with this key exists already (raising is idempotent)."""
    with store._sessions.begin() as s:
        if s.scalar(select(DbAlert.id).where(DbAlert.key == key)) is not None:
            return None
        alert = DbAlert(
            key=key,
            rule=rule,
            title=title,
            payload=json.loads(json.dumps(payload, default=str)),
            watch_id=watch_id,
            actor_id=actor_id,
            cluster_id=cluster_id,
            score=score,
        )
        s.add(alert)
        s.flush()
        for channel in s.scalars(select(DbAlertChannel).where(DbAlertChannel.enabled.is_(True))):
            s.add(_delivery(alert, channel))
        return _alert_row(alert)


def _delivery(alert: DbAlert, channel: DbAlertChannel) -> DbAlertDelivery:
    return DbAlertDelivery(
        alert_id=alert.id,
        channel_id=channel.id,
        idempotency_key=f"{alert.key}|{channel.name}",
        status="pending",
        attempts=0,
        next_attempt_at=None,
    )


def claim_deliveries(
    store: Store,
    *,
    now: datetime | None = None,
    lease: timedelta = timedelta(minutes=5),
    limit: int = 100,
    channel_ids: Iterable[int] | None = None,
) -> list[DeliveryRow]:
    """Pending deliveries that are due, each claimed for `lease` so no other process sends it."""
    now = now or utcnow()
    claimed: list[DeliveryRow] = []
    with store._sessions.begin() as s:
        stmt = (
            select(DbAlertDelivery.id)
            .where(
                DbAlertDelivery.status == "pending",
                or_(DbAlertDelivery.next_attempt_at.is_(None), DbAlertDelivery.next_attempt_at <= now),
                or_(DbAlertDelivery.claimed_until.is_(None), DbAlertDelivery.claimed_until <= now),
            )
            .order_by(DbAlertDelivery.id)
            .limit(limit)
        )
        if channel_ids is not None:
            stmt = stmt.where(DbAlertDelivery.channel_id.in_(list(channel_ids)))
        for delivery_id in list(s.scalars(stmt)):
            # a conditional update: only one process wins the row
            won = s.execute(
                update(DbAlertDelivery)
                .where(
                    DbAlertDelivery.id == delivery_id,
                    DbAlertDelivery.status == "pending",
                    or_(DbAlertDelivery.claimed_until.is_(None), DbAlertDelivery.claimed_until <= now),
                )
                .values(claimed_until=now + lease)
            ).rowcount
            if not won:
                continue
            d = s.get(DbAlertDelivery, delivery_id)
            assert d is not None
            alert = s.get(DbAlert, d.alert_id)
            channel = s.get(DbAlertChannel, d.channel_id)
            assert alert is not None and channel is not None
            claimed.append(
                DeliveryRow(
                    d.id,
                    _alert_row(alert),
                    _channel_row(channel),
                    d.idempotency_key,
                    d.status,
                    d.attempts,
                    d.last_error,
                )
            )
    return claimed


def mark_delivered(store: Store, delivery_id: int) -> None:
    with store._sessions.begin() as s:
        d = s.get(DbAlertDelivery, delivery_id)
        if d is not None:
            d.status = "delivered"
            d.attempts += 1
            d.delivered_at = utcnow()
            d.claimed_until = None
            d.last_error = None


def mark_failed(store: Store, delivery_id: int, error: str, *, retry_at: datetime | None, permanent: bool) -> None:
    """Record a failed attempt: due again at `retry_at`, or given up when `permanent`."""
    with store._sessions.begin() as s:
        d = s.get(DbAlertDelivery, delivery_id)
        if d is not None:
            d.attempts += 1
            d.last_error = error[:2000]
            d.claimed_until = None
            d.next_attempt_at = retry_at
            if permanent:
                d.status = "failed"


def retry_failed(store: Store) -> int:
    """Put deliveries that were given up back in the queue (after fixing a channel)."""
    with store._sessions.begin() as s:
        return s.execute(
            update(DbAlertDelivery)
            .where(DbAlertDelivery.status == "failed")
            .values(status="pending", next_attempt_at=None, claimed_until=None)
        ).rowcount


def alerts(store: Store, *, limit: int | None = None) -> list[AlertRow]:
    """Alerts, newest first, with the state of their deliveries."""
    with store._sessions() as s:
        stmt = select(DbAlert).order_by(DbAlert.id.desc())
        if limit is not None:
            stmt = stmt.limit(limit)
        rows = list(s.scalars(stmt))
        states: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
        for chunk in _chunks([a.id for a in rows]):
            for alert_id, name, status, attempts in s.execute(
                select(DbAlertDelivery.alert_id, DbAlertChannel.name, DbAlertDelivery.status, DbAlertDelivery.attempts)
                .join(DbAlertChannel, DbAlertChannel.id == DbAlertDelivery.channel_id)
                .where(DbAlertDelivery.alert_id.in_(chunk))
                .order_by(DbAlertDelivery.id)
            ):
                states[alert_id].append((name, status, attempts))
        return [_alert_row(a, tuple(states.get(a.id, ()))) for a in rows]


def delivery_counts(store: Store) -> dict[str, int]:
    with store._sessions() as s:
        return dict(s.execute(select(DbAlertDelivery.status, func.count()).group_by(DbAlertDelivery.status)).all())


# ---------------------------------------------------------------------- monitoring


@dataclass(frozen=True, slots=True)
class MonitorSourceRow:
    id: int
    location: str
    kind: str
    etag: str | None
    last_modified: str | None
    last_status: int | None
    last_error: str | None
    last_checked: datetime | None


def monitor_source(store: Store, location: str, kind: str) -> MonitorSourceRow:
    with store._sessions.begin() as s:
        row = s.scalars(select(DbMonitorSource).where(DbMonitorSource.location == location)).first()
        if row is None:
            row = DbMonitorSource(location=location, kind=kind)
            s.add(row)
            s.flush()
        return MonitorSourceRow(
            row.id,
            row.location,
            row.kind,
            row.etag,
            row.last_modified,
            row.last_status,
            row.last_error,
            row.last_checked,
        )


def update_monitor_source(store: Store, source_id: int, **values: Any) -> None:
    with store._sessions.begin() as s:
        row = s.get(DbMonitorSource, source_id)
        if row is not None:
            for k, v in values.items():
                setattr(row, k, v)
            row.last_checked = utcnow()


def seen_item(store: Store, item_key: str) -> tuple[str, int] | None:
    """(status, attempts) of an item seen before, or None."""
    with store._sessions() as s:
        row = s.execute(
            select(DbMonitorItem.status, DbMonitorItem.attempts).where(DbMonitorItem.item_key == item_key)
        ).first()
        return (row[0], row[1]) if row else None


def record_item(
    store: Store,
    source_id: int,
    item_key: str,
    *,
    status: str,
    content_hash: str | None = None,
    doc_id: str | None = None,
    error: str | None = None,
) -> None:
    with store._sessions.begin() as s:
        row = s.scalars(select(DbMonitorItem).where(DbMonitorItem.item_key == item_key)).first()
        if row is None:
            s.add(
                DbMonitorItem(
                    source_id=source_id,
                    item_key=item_key,
                    status=status,
                    content_hash=content_hash,
                    doc_id=doc_id,
                    error=error,
                    attempts=1,
                )
            )
        else:
            row.status, row.error = status, error
            row.content_hash = content_hash or row.content_hash
            row.doc_id = doc_id or row.doc_id
            row.attempts += 1
            row.seen_at = utcnow()


def item_with_hash(store: Store, content_hash: str) -> str | None:
    """The doc_id of an item already analysed with this content (same article, other URL)."""
    with store._sessions() as s:
        return s.scalar(
            select(DbMonitorItem.doc_id)
            .where(DbMonitorItem.content_hash == content_hash, DbMonitorItem.status == "analysed")
            .limit(1)
        )


# ---------------------------------------------------------------------- analyses back out of the store


def document_analysis(store: Store, doc_id: str) -> DocumentAnalysis | None:
    """A stored document's analysis as the pipeline produced it (actors keyed by their
    global id), so `forewarn.output.jsonl.analysis_record` can write it again."""
    from forewarn.store.schema import DbMention

    with store._sessions() as s:
        row = s.get(DbDocument, doc_id)
        if row is None:
            return None
        document = Document(
            doc_id=row.doc_id,
            text=row.text,
            title=row.title,
            published=row.published,
            url=row.url,
            source=row.source,
            source_path=row.source_path,
            language=row.language,
            ignored=[(int(a), int(b)) for a, b in (row.ignored or [])],
            metadata=dict(row.meta or {}),
        )
        mentions: dict[str, list[Span]] = defaultdict(list)
        for m in s.scalars(select(DbMention).where(DbMention.doc_id == doc_id).order_by(DbMention.start)):
            mentions[m.actor_id].append(Span(m.start, m.end, m.text))
        threats = list(s.scalars(select(DbThreat).where(DbThreat.doc_id == doc_id).order_by(DbThreat.id)))
        events = list(s.scalars(select(DbEvent).where(DbEvent.doc_id == doc_id).order_by(DbEvent.id)))
        affiliations: dict[str, list[str]] = defaultdict(list)
        for person, org in s.execute(
            select(DbAffiliation.person_id, DbAffiliation.org_id).where(DbAffiliation.doc_id == doc_id)
        ):
            affiliations[person].append(org)
        ids = set(mentions)
        for t in threats:
            ids.update(x for x in (t.speaker_actor_id, t.speaker_org_actor_id, t.target_actor_id) if x)
        for e in events:
            ids.update(x for x in (e.actor_actor_id, e.target_actor_id) if x)
        actors = {a.actor_id: a for a in s.scalars(select(DbActor).where(DbActor.actor_id.in_(sorted(ids))))}
        threat_spans = {t.id: [Span(sp.start, sp.end, sp.text) for sp in t.spans] for t in threats}
        event_spans = {e.id: [Span(sp.start, sp.end, sp.text) for sp in e.spans] for e in events}

    doc_actors = []
    for actor_id in sorted(ids, key=lambda a: (mentions[a][0].start if mentions.get(a) else 1 << 30, a)):
        a = actors.get(actor_id)
        if a is None:
            continue
        forms = list(dict.fromkeys(sp.text for sp in mentions.get(actor_id, [])))
        doc_actors.append(
            DocActor(
                local_id=actor_id,
                name=a.name,
                type=a.type,  # type: ignore[arg-type]
                mentions=mentions.get(actor_id, []),
                aliases=[f for f in forms if f != a.name],
                titles=list(a.titles or []),
                affiliations=[o for o in affiliations.get(actor_id, []) if o in actors],
                actor_id=actor_id,
            )
        )
    known = {a.local_id for a in doc_actors}

    def ref(actor_id: str | None, text: str | None = None, start: int | None = None, end: int | None = None):
        if actor_id is None or actor_id not in known:
            return None
        mention = Span(start, end, text) if text is not None and start is not None and end is not None else None
        return ActorRef(actor_id, mention)

    out_threats = []
    for t in threats:
        spans = threat_spans.get(t.id) or [Span(0, 0, "")]
        out_threats.append(
            Threat(
                speaker=ref(t.speaker_actor_id, t.speaker_mention, t.speaker_mention_start, t.speaker_mention_end),
                target=ref(t.target_actor_id, t.target_mention, t.target_mention_start, t.target_mention_end),
                evidence=spans[0],
                evidence_spans=spans[1:],
                type=t.type,  # type: ignore[arg-type]
                form=t.form,  # type: ignore[arg-type]
                date=t.date,
                score=t.score,
                speaker_org=ref(t.speaker_org_actor_id),
                cue=t.cue,
            )
        )
    out_events = []
    for e in events:
        spans = event_spans.get(e.id) or [Span(0, 0, "")]
        out_events.append(
            Event(
                type=e.type,  # type: ignore[arg-type]
                evidence=spans[0],
                evidence_spans=spans[1:],
                actor=ref(e.actor_actor_id),
                target=ref(e.target_actor_id),
                location=e.location,
                date=e.date,
            )
        )
    return DocumentAnalysis(document=document, actors=doc_actors, threats=out_threats, events=out_events)
