"""Queries of the analysts' workspace (HTTP API and web pages): paged lists, profiles,
timelines, networks, search, and analyst reviews of threats.

Every list is paged with a keyset cursor (the sort key of the last row, never OFFSET), so
a deep page costs what the first one does. Threats are listed newest first by their own
date through the index on `threats.date` (`(date, id)` row-value comparisons); threats
without a date follow, newest id first. All SQL goes through SQLAlchemy with bound
parameters.

Reviews (`review_threat`) are kept in `threat_reviews` keyed by document and principal
evidence span; `reapply_reviews` (called by `Store.save_analysis`) finds each reviewed
threat again after a re-analysis and applies the analyst's verdict and corrections to it,
so they survive re-analysis and appear in every export of threats.
"""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, func, literal, literal_column, or_, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from forewarn.model import Span
from forewarn.store.core import (
    Store,
    _actor_rows,
    _affiliation_rows,
    _chunks,
    _iso,
    _live_id,
    _matching_ids,
    _merge_records,
    _spans_by_owner,
    event_row,
    read_snapshot,
    threat_row,
)
from forewarn.store.schema import (
    DbActor,
    DbAffiliation,
    DbDocument,
    DbEvent,
    DbEventSpan,
    DbMention,
    DbMerge,
    DbMergeMember,
    DbThreat,
    DbThreatSpan,
    utcnow,
)
from forewarn.store.schema_web import DbThreatReview, DbThreatReviewLog
from forewarn.store.views import (
    ActorRow,
    AffiliationRow,
    EventRow,
    MergeRecord,
    ThreatRow,
)

REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "confirmed", "rejected")
MAX_PAGE = 200
_ACTOR_ID = re.compile(r"A\d+")


class BadCursor(ValueError):
    """A cursor that this query did not hand out (or that was tampered with)."""


def _encode_cursor(kind: str, *values: object) -> str:
    raw = json.dumps([kind, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, kind: str, types: Sequence[tuple[type, ...]]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise BadCursor("malformed cursor") from exc
    if not isinstance(data, list) or len(data) != len(types) + 1 or data[0] != kind:
        raise BadCursor("cursor of another list")
    values = data[1:]
    for value, allowed in zip(values, types, strict=True):
        if not isinstance(value, allowed) or isinstance(value, bool):
            raise BadCursor("malformed cursor")
    return values


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None = None


# ---------------------------------------------------------------------- threats


@dataclass(frozen=True, slots=True)
class ThreatFilter:
    """Filters of the threat list; actor filters take an actor id or any alias (substring)."""

    target: str | None = None
    speaker: str | None = None
    organisation: str | None = None
    type: str | None = None
    form: str | None = None
    status: str | None = None
    date_from: str | None = None  # ISO dates, inclusive; the threat's date, else the document's
    date_to: str | None = None
    q: str | None = None  # words in the evidence (case-insensitive substring)
    doc_id: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    status: str | None
    speaker_id: str | None
    target_id: str | None
    type: str | None
    form: str | None
    note: str | None
    reviewed_by: str
    reviewed_at: str

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "speaker_id": self.speaker_id,
            "target_id": self.target_id,
            "type": self.type,
            "form": self.form,
            "note": self.note,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
        }


@dataclass(frozen=True, slots=True)
class ReviewLogEntry:
    user: str
    changes: dict[str, Any]
    note: str | None
    created_at: str

    def to_json(self) -> dict[str, object]:
        return {"user": self.user, "changes": self.changes, "note": self.note, "created_at": self.created_at}


@dataclass(frozen=True, slots=True)
class ThreatItem:
    """A threat with the mention offsets of its speaker and target and its review."""

    row: ThreatRow
    speaker_span: Span | None = None
    target_span: Span | None = None
    review: ReviewInfo | None = None

    def to_json(self) -> dict[str, object]:
        return {
            **self.row.to_json(),
            "speaker_span": self.speaker_span.to_json() if self.speaker_span else None,
            "target_span": self.target_span.to_json() if self.target_span else None,
            "reviewed_by": self.review.reviewed_by if self.review else None,
            "reviewed_at": self.review.reviewed_at if self.review else None,
            "corrected": sorted(
                f
                for f in ("speaker_id", "target_id", "type", "form")
                if self.review and getattr(self.review, f) is not None
            ),
        }


def _actor_ids(s: Session, value: str) -> list[str]:
    """An actor id (following merges) or, for anything else, every actor one of whose
    aliases contains it."""
    value = value.strip()
    if _ACTOR_ID.fullmatch(value) and s.get(DbActor, value) is not None:
        return [_live_id(s, value)]
    return _matching_ids(s, value)


def _threat_conditions(s: Session, f: ThreatFilter) -> list[ColumnElement[bool]] | None:
    """SQL conditions for the filters (dates excepted); None when nothing can match."""
    conds: list[ColumnElement[bool]] = []
    for value, cols in (
        (f.target, (DbThreat.target_actor_id,)),
        (f.speaker, (DbThreat.speaker_actor_id,)),
        (f.organisation, (DbThreat.speaker_org_actor_id,)),
    ):
        if value:
            ids = _actor_ids(s, value)
            if not ids:
                return None
            conds.append(or_(*(c.in_(ids) for c in cols)))
    if f.type:
        conds.append(DbThreat.type == f.type)
    if f.form:
        conds.append(DbThreat.form == f.form)
    if f.status:
        conds.append(DbThreat.status == f.status)
    if f.doc_id:
        conds.append(DbThreat.doc_id == f.doc_id)
    if f.q and f.q.strip():
        # one pass over the evidence, then the ordered walk keeps only those threats: a rare
        # word costs one scan instead of one probe per threat of the whole table
        matching = select(DbThreatSpan.threat_id).where(_contains(s, DbThreatSpan.text, f.q.strip()))
        conds.append(DbThreat.id.in_(matching))
    return conds


def _contains(s: Session, column: Any, words: str) -> ColumnElement[bool]:
    """`column` contains `words`, ignoring case (wildcards in `words` are literal). SQLite's
    LIKE already ignores the case of ASCII letters, and lower() would double the cost of
    the scan; PostgreSQL needs ILIKE."""
    if s.get_bind().dialect.name == "sqlite":
        return column.contains(words, autoescape=True)  # type: ignore[no-any-return]
    return column.icontains(words, autoescape=True)  # type: ignore[no-any-return]


def list_threats(store: Store, f: ThreatFilter, *, limit: int = 50, cursor: str | None = None) -> Page[ThreatItem]:
    """One page of threats matching `f`, newest first; pass `next_cursor` for the next."""
    limit = max(1, min(limit, MAX_PAGE))
    phase, after_date, after_id = 0, None, None
    if cursor:
        phase, after_date, after_id = _decode_cursor(cursor, "t", [(int,), (str, type(None)), (int,)])
        if phase not in (0, 1) or (phase == 0) != (after_date is not None):
            raise BadCursor("malformed cursor")
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        conds = _threat_conditions(s, f)
        if conds is None:
            return Page([])
        picked: list[tuple[int, str | None]] = []
        if phase == 0:
            # dated threats: (date, id) descending, straight off the index on threats.date
            stmt = select(DbThreat.id, DbThreat.date).where(DbThreat.date.is_not(None), *conds)
            if f.date_from:
                stmt = stmt.where(DbThreat.date >= f.date_from)
            if f.date_to:
                stmt = stmt.where(DbThreat.date <= f.date_to)
            if after_id is not None:
                stmt = stmt.where(tuple_(DbThreat.date, DbThreat.id) < tuple_(literal(after_date), literal(after_id)))
            picked = [
                (i, d) for i, d in s.execute(stmt.order_by(DbThreat.date.desc(), DbThreat.id.desc()).limit(limit + 1))
            ]
            after_id = None
        if len(picked) <= limit:
            # then threats without a date of their own (dated by their document), newest id first
            stmt = select(DbThreat.id).where(DbThreat.date.is_(None), *conds)
            # an undated threat's sort_date is its document's publication date: no join
            if f.date_from:
                stmt = stmt.where(DbThreat.sort_date >= f.date_from)
            if f.date_to:
                stmt = stmt.where(DbThreat.sort_date <= f.date_to)
            if after_id is not None:
                stmt = stmt.where(DbThreat.id < after_id)
            more = limit + 1 - len(picked)
            picked.extend((i, None) for i in s.scalars(stmt.order_by(DbThreat.id.desc()).limit(more)))
        next_cursor = None
        if len(picked) > limit:
            picked = picked[:limit]
            last_id, last_date = picked[-1]
            next_cursor = _encode_cursor("t", 0 if last_date is not None else 1, last_date, last_id)
        items = _threat_items(s, [i for i, _ in picked])
    return Page(items, next_cursor)


def _threat_items(s: Session, ids: Sequence[int]) -> list[ThreatItem]:
    """Threat rows for `ids`, in that order, without loading document texts."""
    if not ids:
        return []
    speaker, org, target = aliased(DbActor), aliased(DbActor), aliased(DbActor)
    found: dict[int, ThreatItem] = {}
    for chunk in _chunks(list(ids)):
        results = s.execute(
            select(
                DbThreat,
                DbDocument.title,
                DbDocument.published,
                DbDocument.url,
                DbDocument.source,
                speaker.name,
                org.name,
                target.name,
            )
            .join(DbDocument, DbDocument.doc_id == DbThreat.doc_id)
            .outerjoin(speaker, speaker.actor_id == DbThreat.speaker_actor_id)
            .outerjoin(org, org.actor_id == DbThreat.speaker_org_actor_id)
            .outerjoin(target, target.actor_id == DbThreat.target_actor_id)
            .where(DbThreat.id.in_(chunk))
        ).all()
        spans = _spans_by_owner(s, DbThreatSpan, DbThreatSpan.threat_id, [r[0].id for r in results])
        reviews = _reviews(s, [r[0].id for r in results])
        for t, title, published, url, source, speaker_name, org_name, target_name in results:
            tspans = spans.get(t.id)
            if not tspans:
                # every stored threat has its evidence: none means a re-analysis replaced the
                # document's threats between the two reads (SQLite reads are not one snapshot)
                continue
            row = threat_row(
                t,
                tspans,
                speaker_name=speaker_name,
                org_name=org_name,
                target_name=target_name,
                title=title,
                published=published,
                url=url,
                source=source,
            )
            found[t.id] = ThreatItem(
                row=row,
                speaker_span=_span(t.speaker_mention, t.speaker_mention_start, t.speaker_mention_end),
                target_span=_span(t.target_mention, t.target_mention_start, t.target_mention_end),
                review=reviews.get(t.id),
            )
    return [found[i] for i in ids if i in found]


def _span(text: str | None, start: int | None, end: int | None) -> Span | None:
    if text is None or start is None or end is None:
        return None
    return Span(start, end, text)


def _review_info(r: DbThreatReview) -> ReviewInfo:
    return ReviewInfo(
        status=r.status,
        speaker_id=r.speaker_actor_id,
        target_id=r.target_actor_id,
        type=r.type,
        form=r.form,
        note=r.note,
        reviewed_by=r.reviewed_by,
        reviewed_at=_iso(r.reviewed_at) or "",
    )


def _reviews(s: Session, threat_ids: Sequence[int]) -> dict[int, ReviewInfo]:
    out: dict[int, ReviewInfo] = {}
    for chunk in _chunks(list(threat_ids)):
        for r in s.scalars(select(DbThreatReview).where(DbThreatReview.threat_id.in_(chunk))):
            if r.threat_id is not None:
                out[r.threat_id] = _review_info(r)
    return out


@dataclass(frozen=True, slots=True)
class ThreatDetail:
    item: ThreatItem
    history: tuple[ReviewLogEntry, ...] = ()


def threat_detail(store: Store, threat_id: int) -> ThreatDetail | None:
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        items = _threat_items(s, [threat_id])
        if not items:
            return None
        history = tuple(
            ReviewLogEntry(
                user=e.user_name, changes=dict(e.changes or {}), note=e.note, created_at=_iso(e.created_at) or ""
            )
            for e in s.scalars(
                select(DbThreatReviewLog)
                .join(DbThreatReview, DbThreatReview.id == DbThreatReviewLog.review_id)
                .where(DbThreatReview.threat_id == threat_id)
                .order_by(DbThreatReviewLog.id)
            )
        )
    return ThreatDetail(item=items[0], history=history)


# ---------------------------------------------------------------------- reviews


class ReviewError(ValueError):
    """A review that cannot be applied (an unknown actor, a bad value); the message says why."""


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """What an analyst sets; None leaves a field as it is."""

    status: str | None = None
    speaker_id: str | None = None
    target_id: str | None = None
    type: str | None = None
    form: str | None = None
    note: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) is None for f in ("status", "speaker_id", "target_id", "type", "form", "note"))


def review_threat(store: Store, threat_id: int, change: ReviewChange, user: str) -> ThreatDetail | None:
    """Apply an analyst's review to a threat and record who changed what and when; None if
    there is no such threat, ReviewError if the change names an unknown actor or value."""
    from forewarn.model import THREAT_FORMS, THREAT_TYPES

    if change.status is not None and change.status not in REVIEW_STATUSES:
        raise ReviewError(f"status must be one of {', '.join(REVIEW_STATUSES)}")
    if change.type is not None and change.type not in THREAT_TYPES:
        raise ReviewError(f"type must be one of {', '.join(THREAT_TYPES)}")
    if change.form is not None and change.form not in THREAT_FORMS:
        raise ReviewError(f"form must be one of {', '.join(THREAT_FORMS)}")
    with store._sessions.begin() as s:
        # take the write lock first (SQLite) / lock the row (PostgreSQL): concurrent reviews
        # of one threat queue up instead of reading stale values
        touched = s.execute(update(DbThreat).where(DbThreat.id == threat_id).values(status=DbThreat.status)).rowcount
        if not touched:
            return None
        threat = s.get(DbThreat, threat_id, populate_existing=True)
        assert threat is not None
        principal = s.execute(
            select(DbThreatSpan.start, DbThreatSpan.end)
            .where(DbThreatSpan.threat_id == threat_id)
            .order_by(DbThreatSpan.ordinal)
            .limit(1)
        ).first()
        start, end = principal if principal is not None else (0, 0)
        speaker_id = _existing_actor(s, change.speaker_id, "speaker")
        target_id = _existing_actor(s, change.target_id, "target")

        review = s.scalar(select(DbThreatReview).where(DbThreatReview.threat_id == threat_id))
        if review is None:
            review = s.scalar(
                select(DbThreatReview).where(
                    DbThreatReview.doc_id == threat.doc_id,
                    DbThreatReview.evidence_start == start,
                    DbThreatReview.evidence_end == end,
                )
            )
        if review is None:
            review = DbThreatReview(doc_id=threat.doc_id, evidence_start=start, evidence_end=end, reviewed_by=user)
            s.add(review)
        review.threat_id = threat_id

        changes: dict[str, list[Any]] = {}
        for key, column, value in (
            ("status", "status", change.status),
            ("speaker_id", "speaker_actor_id", speaker_id),
            ("target_id", "target_actor_id", target_id),
            ("type", "type", change.type),
            ("form", "form", change.form),
        ):
            if value is None:
                continue
            before = getattr(threat, column)
            if before != value:
                changes[key] = [before, value]
            setattr(review, column, value)
        if change.note is not None:
            review.note = change.note or None
        review.reviewed_by = user
        review.reviewed_at = utcnow()
        _apply_review(s, threat, review)
        s.flush()
        s.add(
            DbThreatReviewLog(
                review_id=review.id, threat_id=threat_id, user_name=user, changes=changes, note=change.note or None
            )
        )
    return threat_detail(store, threat_id)


def _existing_actor(s: Session, actor_id: str | None, what: str) -> str | None:
    if actor_id is None:
        return None
    row = s.get(DbActor, actor_id)
    if row is None:
        raise ReviewError(f"{what}: no actor {actor_id!r}")
    return _live_id(s, actor_id)


def _apply_review(s: Session, threat: DbThreat, review: DbThreatReview) -> None:
    """Write the review's status and corrected fields onto the threat row (what every list
    and export reads); a corrected speaker or target is marked at its mention nearest the
    evidence, if the document mentions it."""
    if review.status is not None:
        threat.status = review.status
    if review.type is not None:
        threat.type = review.type
    if review.form is not None:
        threat.form = review.form
    for actor_col, prefix, corrected in (
        ("speaker_actor_id", "speaker_mention", review.speaker_actor_id),
        ("target_actor_id", "target_mention", review.target_actor_id),
    ):
        if corrected is None:
            continue
        live = _live_id(s, corrected)
        if getattr(threat, actor_col) == live:
            continue
        setattr(threat, actor_col, live)
        if actor_col == "speaker_actor_id":
            threat.speaker_org_actor_id = None  # the organisation was the wrong speaker's
        near = review.evidence_start
        mention = s.execute(
            select(DbMention.start, DbMention.end, DbMention.text)
            .where(DbMention.doc_id == threat.doc_id, DbMention.actor_id == live)
            .order_by(func.abs(DbMention.start - near), DbMention.start)
            .limit(1)
        ).first()
        setattr(threat, prefix, mention.text if mention else None)
        setattr(threat, f"{prefix}_start", mention.start if mention else None)
        setattr(threat, f"{prefix}_end", mention.end if mention else None)


def reapply_reviews(s: Session, doc_id: str) -> None:
    """After (re-)analysis of `doc_id` replaced its threats: find every review's threat again
    (the same principal evidence span, else the one overlapping it most) and apply it."""
    reviews = list(s.scalars(select(DbThreatReview).where(DbThreatReview.doc_id == doc_id).order_by(DbThreatReview.id)))
    if not reviews:
        return
    s.flush()
    principal: dict[int, tuple[int, int]] = {
        tid: (start, end)
        for tid, start, end in s.execute(
            select(DbThreatSpan.threat_id, DbThreatSpan.start, DbThreatSpan.end)
            .join(DbThreat, DbThreat.id == DbThreatSpan.threat_id)
            .where(DbThreat.doc_id == doc_id, DbThreatSpan.principal.is_(True))
        )
    }
    taken: set[int] = set()
    matched: dict[int, int] = {}  # review id -> threat id
    # exact spans first, so a review matched only by overlap cannot take another's threat
    for review in reviews:
        span = (review.evidence_start, review.evidence_end)
        exact = next((t for t, p in sorted(principal.items()) if p == span and t not in taken), None)
        if exact is not None:
            matched[review.id] = exact
            taken.add(exact)
    for review in reviews:
        if review.id in matched:
            continue
        overlaps = [
            (min(e, review.evidence_end) - max(b, review.evidence_start), -t)
            for t, (b, e) in principal.items()
            if t not in taken and b < review.evidence_end and review.evidence_start < e
        ]
        if overlaps:
            threat_id = -max(overlaps)[1]
            matched[review.id] = threat_id
            taken.add(threat_id)
    for review in reviews:
        threat_id = matched.get(review.id)
        review.threat_id = threat_id
        if threat_id is not None:
            threat = s.get(DbThreat, threat_id)
            if threat is not None:
                _apply_review(s, threat, review)
    s.flush()


# ---------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # as the actor or the target of the event
    type: str | None = None
    doc_id: str | None = None


def list_events(store: Store, f: EventFilter, *, limit: int = 50, cursor: str | None = None) -> Page[EventRow]:
    """Events, newest first (by the event's date, else its document's)."""
    limit = max(1, min(limit, MAX_PAGE))
    when = func.coalesce(DbEvent.date, DbDocument.published, "")
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        stmt = select(DbEvent.id, when).join(DbDocument, DbDocument.doc_id == DbEvent.doc_id)
        if f.actor:
            ids = _actor_ids(s, f.actor)
            if not ids:
                return Page([])
            stmt = stmt.where(or_(DbEvent.actor_actor_id.in_(ids), DbEvent.target_actor_id.in_(ids)))
        if f.type:
            stmt = stmt.where(DbEvent.type == f.type)
        if f.doc_id:
            stmt = stmt.where(DbEvent.doc_id == f.doc_id)
        if cursor:
            after_date, after_id = _decode_cursor(cursor, "e", [(str,), (int,)])
            stmt = stmt.where(tuple_(when, DbEvent.id) < tuple_(literal(after_date), literal(after_id)))
        picked = s.execute(stmt.order_by(when.desc(), DbEvent.id.desc()).limit(limit + 1)).all()
        next_cursor = None
        if len(picked) > limit:
            picked = picked[:limit]
            next_cursor = _encode_cursor("e", picked[-1][1], picked[-1][0])
        rows = _event_rows_by_id(s, [i for i, _ in picked])
    return Page(rows, next_cursor)


def _event_rows_by_id(s: Session, ids: Sequence[int]) -> list[EventRow]:
    if not ids:
        return []
    actor, target = aliased(DbActor), aliased(DbActor)
    results = s.execute(
        select(DbEvent, actor.name, target.name, DbDocument.published)
        .join(DbDocument, DbDocument.doc_id == DbEvent.doc_id)
        .outerjoin(actor, actor.actor_id == DbEvent.actor_actor_id)
        .outerjoin(target, target.actor_id == DbEvent.target_actor_id)
        .where(DbEvent.id.in_(list(ids)))
    ).all()
    spans = _spans_by_owner(s, DbEventSpan, DbEventSpan.event_id, [e.id for e, *_ in results])
    found: dict[int, EventRow] = {}
    for e, actor_name, target_name, published in results:
        espans = spans.get(e.id)
        if not espans:  # replaced by a re-analysis between the two reads
            continue
        found[e.id] = event_row(e, espans, actor_name=actor_name, target_name=target_name, date=published)
    return [found[i] for i in ids if i in found]


# ---------------------------------------------------------------------- actors


ACTOR_SORTS: tuple[str, ...] = ("name", "threatened", "threatening")


def list_actors(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    sort: str = "name",
    limit: int = 50,
    cursor: str | None = None,
) -> Page[ActorRow]:
    """Live actors: by name, or by threats received ('threatened') or made ('threatening')."""
    if sort not in ACTOR_SORTS:
        raise ValueError(f"sort must be one of {ACTOR_SORTS}")
    limit = max(1, min(limit, MAX_PAGE))
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        conds: list[ColumnElement[bool]] = [DbActor.merged_into.is_(None)]
        if q and q.strip():
            ids = _actor_ids(s, q)
            if not ids:
                return Page([])
            conds.append(DbActor.actor_id.in_(ids))
        if type:
            conds.append(DbActor.type == type)
        if sort == "name":
            key = func.lower(DbActor.name)
            stmt = select(DbActor.actor_id, key).where(*conds)
            if cursor:
                after_name, after_id = _decode_cursor(cursor, "an", [(str,), (str,)])
                stmt = stmt.where(tuple_(key, DbActor.actor_id) > tuple_(literal(after_name), literal(after_id)))
            picked = s.execute(stmt.order_by(key, DbActor.actor_id).limit(limit + 1)).all()
            kind = "an"
        else:
            col = DbThreat.target_actor_id if sort == "threatened" else DbThreat.speaker_actor_id
            counts = (
                select(col.label("actor_id"), func.count().label("n")).where(col.is_not(None)).group_by(col).subquery()
            )
            stmt = (
                select(counts.c.actor_id, counts.c.n).join(DbActor, DbActor.actor_id == counts.c.actor_id).where(*conds)
            )
            if cursor:
                after_n, after_id = _decode_cursor(cursor, "ac", [(int,), (str,)])
                stmt = stmt.where(or_(counts.c.n < after_n, and_(counts.c.n == after_n, counts.c.actor_id > after_id)))
            picked = s.execute(stmt.order_by(counts.c.n.desc(), counts.c.actor_id).limit(limit + 1)).all()
            kind = "ac"
        next_cursor = None
        if len(picked) > limit:
            picked = picked[:limit]
            last_id, last_key = picked[-1]
            next_cursor = _encode_cursor(kind, last_key, last_id)
        ids = [i for i, _ in picked]
        rows = {r.actor_id: r for r in _actor_rows(s, ids)}
    return Page([rows[i] for i in ids if i in rows], next_cursor)


@dataclass(frozen=True, slots=True)
class ActorDetail:
    actor: ActorRow
    requested_id: str
    affiliations: tuple[AffiliationRow, ...] = ()
    members: tuple[AffiliationRow, ...] = ()
    members_total: int = 0
    merged_ids: tuple[str, ...] = ()
    history: tuple[MergeRecord, ...] = ()
    threats_made: Page[ThreatItem] = field(default_factory=lambda: Page([]))
    threats_received: Page[ThreatItem] = field(default_factory=lambda: Page([]))
    events: Page[EventRow] = field(default_factory=lambda: Page([]))
    events_total: int = 0


def actor_detail(store: Store, actor_id: str, *, limit: int = 20) -> ActorDetail | None:
    """An actor (following merges) with its names, affiliations, merge history and the first
    page of each of its lists; None if unknown."""
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        if s.get(DbActor, actor_id) is None:
            return None
        aid = _live_id(s, actor_id)
        rows = _actor_rows(s, [aid])
        if not rows:
            return None
        merged_ids = tuple(
            s.scalars(select(DbActor.actor_id).where(DbActor.merged_into == aid).order_by(DbActor.actor_id))
        )
        members_of = select(DbMergeMember.merge_id).where(DbMergeMember.actor_id.in_([aid, *merged_ids]))
        history = _merge_records(s, select(DbMerge).where(DbMerge.id.in_(members_of)))[-100:]
        affiliations = _affiliation_rows(s, DbAffiliation.person_id == aid, DbAffiliation.org_id)
        members = _affiliation_rows(s, DbAffiliation.org_id == aid, DbAffiliation.person_id)
        events_total = (
            s.scalar(
                select(func.count())
                .select_from(DbEvent)
                .where(or_(DbEvent.actor_actor_id == aid, DbEvent.target_actor_id == aid))
            )
            or 0
        )
    return ActorDetail(
        actor=rows[0],
        requested_id=actor_id,
        affiliations=affiliations,
        members=members[:100],
        members_total=len(members),
        merged_ids=merged_ids,
        history=tuple(history),
        threats_made=list_threats(store, ThreatFilter(speaker=aid), limit=limit),
        threats_received=list_threats(store, ThreatFilter(target=aid), limit=limit),
        events=list_events(store, EventFilter(actor=aid), limit=limit),
        events_total=events_total,
    )


def resolve_actor(store: Store, actor_id: str) -> str | None:
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        if s.get(DbActor, actor_id) is None:
            return None
        return _live_id(s, actor_id)


GRANULARITY = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True, slots=True)
class TimelineBucket:
    period: str
    threats: dict[str, int]  # by threat type
    events: dict[str, int]  # by event type

    def to_json(self) -> dict[str, object]:
        return {
            "period": self.period,
            "threats": sum(self.threats.values()),
            "events": sum(self.events.values()),
            "threats_by_type": self.threats,
            "events_by_type": self.events,
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    actor_id: str
    name: str
    granularity: str
    buckets: list[TimelineBucket]
    undated_threats: int = 0
    undated_events: int = 0


def target_timeline(store: Store, actor_id: str, granularity: str = "month") -> Timeline | None:
    """Threats and events against an actor, counted per period (the fact's date, else the
    document's); facts dated less precisely than the period are counted as undated."""
    width = GRANULARITY[granularity]
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        if s.get(DbActor, actor_id) is None:
            return None
        aid = _live_id(s, actor_id)
        name = s.scalar(select(DbActor.name).where(DbActor.actor_id == aid)) or aid
        threats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        events: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        undated_counts = {"threats": 0, "events": 0}
        one, width_sql = literal_column("1"), literal_column(str(width))
        # threats with a date of their own straight off the (target, date, type) index; the
        # few without one take their document's date
        for table, counts, key, target_col, type_col, date_col in (
            (DbThreat, threats, "threats", DbThreat.target_actor_id, DbThreat.type, DbThreat.date),
            (DbEvent, events, "events", DbEvent.target_actor_id, DbEvent.type, DbEvent.date),
        ):
            # constants inlined: PostgreSQL matches GROUP BY to SELECT expressions, bound parameters differ
            dated = func.substr(date_col, one, width_sql)
            undated = func.substr(DbDocument.published, one, width_sql)
            rows = list(
                s.execute(
                    select(dated, type_col, func.count())
                    .where(target_col == aid, date_col.is_not(None))
                    .group_by(dated, type_col)
                )
            )
            rows += s.execute(
                select(undated, type_col, func.count())
                .select_from(table)
                .join(DbDocument, DbDocument.doc_id == table.doc_id)
                .where(target_col == aid, date_col.is_(None))
                .group_by(undated, type_col)
            ).all()
            for p, kind, n in rows:
                if p is None or len(p) < width:
                    undated_counts[key] += n
                else:
                    counts[p][kind] += n
    periods = sorted(set(threats) | set(events))
    return Timeline(
        actor_id=aid,
        name=name,
        granularity=granularity,
        buckets=[TimelineBucket(p, dict(threats.get(p, {})), dict(events.get(p, {}))) for p in periods],
        undated_threats=undated_counts["threats"],
        undated_events=undated_counts["events"],
    )


@dataclass(frozen=True, slots=True)
class NetworkNode:
    actor_id: str
    name: str
    type: str
    focus: bool = False


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    threats: int


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


def actor_network(store: Store, actor_id: str, *, size: int = 25) -> Network | None:
    """Who threatens whom around an actor: the `size` actors it has most threat ties with
    (either direction), and every threat tie among them and it."""
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        if s.get(DbActor, actor_id) is None:
            return None
        aid = _live_id(s, actor_id)
        ties: dict[str, int] = defaultdict(int)
        for other_col, own_col in (
            (DbThreat.speaker_actor_id, DbThreat.target_actor_id),
            (DbThreat.target_actor_id, DbThreat.speaker_actor_id),
        ):
            for other, n in s.execute(
                select(other_col, func.count())
                .where(own_col == aid, other_col.is_not(None), other_col != aid)
                .group_by(other_col)
                .order_by(func.count().desc())
                .limit(size)
            ):
                ties[other] += n
        around = [aid, *sorted(ties, key=lambda a: (-ties[a], a))[:size]]
        edges = [
            NetworkEdge(src, dst, n)
            for src, dst, n in s.execute(
                select(DbThreat.speaker_actor_id, DbThreat.target_actor_id, func.count())
                .where(DbThreat.speaker_actor_id.in_(around), DbThreat.target_actor_id.in_(around))
                .group_by(DbThreat.speaker_actor_id, DbThreat.target_actor_id)
            )
            if src != dst
        ]
        actors = {a.actor_id: a for a in s.scalars(select(DbActor).where(DbActor.actor_id.in_(around)))}
    nodes = [NetworkNode(a, actors[a].name, actors[a].type, focus=a == aid) for a in around if a in actors]
    return Network(nodes=nodes, edges=sorted(edges, key=lambda e: (-e.threats, e.source, e.target)))


# ---------------------------------------------------------------------- overview


@dataclass(frozen=True, slots=True)
class TargetTrend:
    actor_id: str
    name: str
    type: str
    threats: int  # in the window
    monthly: list[int]  # threats per month over the window, oldest first


@dataclass(frozen=True, slots=True)
class Overview:
    counts: dict[str, int]
    latest: list[ThreatItem]
    targets: list[TargetTrend]
    months: list[str]
    events: list[EventRow]


def _month_back(month: str, n: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def overview(store: Store, *, months: int = 12, top: int = 10) -> Overview:
    """The landing page: counts, latest threats, most-threatened actors over the last
    `months` months of data with their monthly trend, and recent events."""
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        counts = {
            "threats": s.scalar(select(func.count()).select_from(DbThreat)) or 0,
            "unreviewed": s.scalar(select(func.count()).select_from(DbThreat).where(DbThreat.status == "unreviewed"))
            or 0,
            "documents": s.scalar(select(func.count()).select_from(DbDocument)) or 0,
            "actors": s.scalar(select(func.count()).select_from(DbActor).where(DbActor.merged_into.is_(None))) or 0,
            "events": s.scalar(select(func.count()).select_from(DbEvent)) or 0,
        }
        latest_date = s.scalar(
            select(DbThreat.date).where(func.length(DbThreat.date) >= 7).order_by(DbThreat.date.desc()).limit(1)
        )
        month_list: list[str] = []
        trends: list[TargetTrend] = []
        if latest_date:
            last = latest_date[:7]
            month_list = [_month_back(last, n) for n in range(months - 1, -1, -1)]
            since = month_list[0]
            top_rows = s.execute(
                select(DbThreat.target_actor_id, func.count())
                .where(DbThreat.target_actor_id.is_not(None), DbThreat.date >= since)
                .group_by(DbThreat.target_actor_id)
                .order_by(func.count().desc(), DbThreat.target_actor_id)
                .limit(top)
            ).all()
            ids = [a for a, _ in top_rows]
            monthly: dict[str, dict[str, int]] = defaultdict(dict)
            month = func.substr(DbThreat.date, literal_column("1"), literal_column("7"))
            for actor_id, m, n in s.execute(
                select(DbThreat.target_actor_id, month, func.count())
                .where(DbThreat.target_actor_id.in_(ids), DbThreat.date >= since)
                .group_by(DbThreat.target_actor_id, month)
            ):
                monthly[actor_id][m] = n
            actors = {
                a: (name, kind)
                for a, name, kind in s.execute(
                    select(DbActor.actor_id, DbActor.name, DbActor.type).where(DbActor.actor_id.in_(ids))
                )
            }
            trends = [
                TargetTrend(a, *actors[a], n, [monthly[a].get(m, 0) for m in month_list])
                for a, n in top_rows
                if a in actors
            ]
    return Overview(
        counts=counts,
        latest=list_threats(store, ThreatFilter(), limit=10).items,
        targets=trends,
        months=month_list,
        events=list_events(store, EventFilter(), limit=10).items,
    )


# ---------------------------------------------------------------------- documents and search


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    doc_id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    snippet: str

    def to_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "snippet": self.snippet,
        }


def _snippet(text: str, q: str | None, width: int = 220) -> str:
    at = text.lower().find(q.lower()) if q else -1
    if at < 0:
        return text[:width].strip() + ("…" if len(text) > width else "")
    start = max(0, at - width // 3)
    piece = text[start : start + width].strip()
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search_documents(store: Store, q: str, *, limit: int = 20, cursor: str | None = None) -> Page[DocumentSummary]:
    """Documents whose title or text contains `q` (case-insensitive), by doc_id."""
    limit = max(1, min(limit, MAX_PAGE))
    q = q.strip()
    if not q:
        return Page([])
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        stmt = select(DbDocument.doc_id).where(or_(_contains(s, DbDocument.title, q), _contains(s, DbDocument.text, q)))
        if cursor:
            (after,) = _decode_cursor(cursor, "d", [(str,)])
            stmt = stmt.where(DbDocument.doc_id > after)
        ids = list(s.scalars(stmt.order_by(DbDocument.doc_id).limit(limit + 1)))
        next_cursor = _encode_cursor("d", ids[limit - 1]) if len(ids) > limit else None
        ids = ids[:limit]
        found = {
            d.doc_id: d
            for d in s.execute(
                select(
                    DbDocument.doc_id,
                    DbDocument.title,
                    DbDocument.published,
                    DbDocument.source,
                    DbDocument.url,
                    DbDocument.text,
                ).where(DbDocument.doc_id.in_(ids))
            )
        }
    items = [
        DocumentSummary(d.doc_id, d.title, d.published, d.source, d.url, _snippet(d.text, q))
        for i in ids
        if (d := found.get(i)) is not None
    ]
    return Page(items, next_cursor)


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """A document with every extracted span: threats (with speaker / target mention spans
    and reviews), events and actor mentions."""

    doc_id: str
    text: str
    content_hash: str
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    source_path: str | None
    language: str
    analysed_at: str | None
    ignored: list[tuple[int, int]]
    metadata: dict[str, Any]
    threats: list[ThreatItem]
    events: list[EventRow]
    mentions: list[tuple[str, str, str, Span]]  # actor_id, name, type, span


def document_detail(store: Store, doc_id: str) -> DocumentDetail | None:
    view = store.document(doc_id)
    if view is None:
        return None
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        threat_ids = list(s.scalars(select(DbThreat.id).where(DbThreat.doc_id == doc_id).order_by(DbThreat.id)))
        threats = _threat_items(s, threat_ids)
    return DocumentDetail(
        doc_id=view.doc_id,
        text=view.text,
        content_hash=view.content_hash,
        title=view.title,
        published=view.published,
        url=view.url,
        source=view.source,
        source_path=view.source_path,
        language=view.language,
        analysed_at=view.analysed_at,
        ignored=[tuple(r) for r in view.ignored],  # type: ignore[misc]
        metadata=dict(view.metadata),
        threats=threats,
        events=list(view.events),
        mentions=[(m.actor_id, m.actor_name, m.actor_type, m.span) for m in view.mentions],
    )


@dataclass(frozen=True, slots=True)
class Tie:
    actor_id: str
    name: str
    type: str
    threats: int


def threat_ties(store: Store, actor_id: str, *, against: bool = True, limit: int = 10) -> list[Tie]:
    """Who threatens `actor_id` most (`against=True`), or whom it threatens most."""
    own, other = (
        (DbThreat.target_actor_id, DbThreat.speaker_actor_id)
        if against
        else (DbThreat.speaker_actor_id, DbThreat.target_actor_id)
    )
    with store._sessions() as s:
        read_snapshot(s)  # one committed state across the queries (see store.core)
        rows = s.execute(
            select(other, DbActor.name, DbActor.type, func.count())
            .join(DbActor, DbActor.actor_id == other)
            .where(own == actor_id, other != actor_id)
            .group_by(other, DbActor.name, DbActor.type)
            .order_by(func.count().desc(), other)
            .limit(limit)
        ).all()
    return [Tie(a, n, t, c) for a, n, t, c in rows]
