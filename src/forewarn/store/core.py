"""The `Store`: persistence of analyses, actors and analyst corrections."""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, bindparam, delete, func, or_, select, text, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from forewarn.model import ActorRef, DocumentAnalysis, IngestError, Span
from forewarn.store.migrate import make_engine, upgrade
from forewarn.store.schema import (
    Base,
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
    utcnow,
)
from forewarn.store.views import (
    ActorProfile,
    ActorRow,
    AffiliationRow,
    DocumentView,
    ErrorRow,
    EventRow,
    KnownActorRow,
    MentionRow,
    MergeRecord,
    ThreatRow,
    alias_key,
)

MergeKind = Literal["merge", "split", "auto"]
MERGE_KINDS: tuple[str, ...] = ("merge", "split", "auto")
CORRECTION_KINDS: tuple[str, ...] = ("merge", "split")
DB_ENV = "FOREWARN_DB"

_ACTOR_NUMBER = re.compile(r"A(\d+)")
_MAX_CONTEXT = 400  # context tokens kept per actor
_CHUNK = 500  # bound on the size of IN (...) lists


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _merge_context(old: Iterable[str] | None, new: Iterable[str]) -> list[str]:
    """Stored context plus new tokens (in a stable order), at most `_MAX_CONTEXT` of them."""
    merged = list(dict.fromkeys(old or ()))
    if len(merged) < _MAX_CONTEXT:  # a full context takes no more (spares a sort per actor and document)
        seen = set(merged)
        merged.extend(sorted(t for t in set(new) if t not in seen))
    return merged[:_MAX_CONTEXT]


def _live_context(tokens: Iterable[str], live: dict[str, str], actor_id: str) -> frozenset[str]:
    """Context tokens with actor ids merged away since rewritten to the surviving id
    ("with:A7" -> "with:A3"); tokens naming the actor itself (after a merge) are dropped."""
    out: set[str] = set()
    for token in tokens:
        kind, sep, ref = token.partition(":")
        if sep and kind in ("org", "with"):
            ref = live.get(ref, ref)
            if ref == actor_id:
                continue
            token = f"{kind}:{ref}"
        out.add(token)
    return frozenset(out)


def _jsonable(value: dict[str, object]) -> dict[str, Any]:
    """Metadata as plain JSON (dates and other objects become strings)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value is not None else None


class Store:
    """A forewarn database (SQLite by default, PostgreSQL later), migrated to head on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @staticmethod
    def default_url() -> str:
        """`$FOREWARN_DB` (a URL, or a plain path to an SQLite file), else ./forewarn.db."""
        value = os.environ.get(DB_ENV, "").strip()
        if value:
            return value if "://" in value else f"sqlite:///{Path(value).expanduser()}"
        return f"sqlite:///{Path.cwd() / 'forewarn.db'}"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------ writing

    def has_document(self, content_hash: str) -> str | None:
        """The doc_id of an analysed document with this content hash, if any."""
        with self._sessions() as s:
            return s.scalars(
                select(DbDocument.doc_id)
                .where(DbDocument.content_hash == content_hash, DbDocument.analysed_at.is_not(None))
                .order_by(DbDocument.doc_id)
                .limit(1)
            ).first()

    def save_analysis(
        self,
        analysis: DocumentAnalysis,
        contexts: dict[str, set[str]] | None = None,
        auto_merges: Sequence[tuple[Sequence[str], Sequence[str], str]] = (),
        new_actor_ids: Collection[str] = (),
    ) -> dict[str, str]:
        """Store one analysed document in one transaction, replacing the facts of any
        previous analysis of the same doc_id (actors and their aliases accumulate).

        `contexts` maps local actor ids to the resolver's context tokens for this document;
        they are added to the actor's stored context (which, like aliases, accumulates).
        `auto_merges` are the resolver's joins for this document (actor ids, names, reason),
        recorded as 'auto' merge records in the same transaction, so a run killed at any
        moment leaves the document with all of its records or none.

        Every `DocActor.actor_id` must be set (by resolution) and every `ActorRef` must
        name an actor of the analysis; otherwise ValueError and nothing is written.
        Review statuses of threats whose principal span is unchanged are kept.

        `new_actor_ids` are the ids the resolver minted for this document. A resolver numbers
        new actors from the store as it was when it was built, so two of them working at once
        (an analysis run and the API, two servers) can mint the same id for two different
        people: an id minted here that another writer has taken meanwhile is replaced by a
        free one, in the analysis too. Returns {minted id: id used} for those (usually empty);
        the caller's resolver should then learn both actors again.
        """
        doc = analysis.document
        _check_analysis(analysis)
        with self._sessions.begin() as s:
            lock_for_write(s)  # before reading what the writes depend on
            renumbered = _renumber_taken_ids(s, analysis, new_actor_ids)
            local_ids = _check_analysis(analysis)
            if renumbered and contexts:  # "with:A7" tokens name co-mentioned actors by id
                contexts = {local: _live_context(tokens, renumbered, "") for local, tokens in contexts.items()}
            # ids of actors merged away since resolution ran point to the survivor
            ids = _live_ids(s, local_ids)
            # and names an analyst split off an actor since then go to the split-off actor
            ids, barred = _honour_splits(s, analysis, ids)

            values = {
                "content_hash": doc.content_hash,
                "text": doc.text,
                "title": doc.title,
                "published": doc.published,
                "url": doc.url,
                "source": doc.source,
                "source_path": doc.source_path,
                "language": doc.language,
                "ignored": [[int(a), int(b)] for a, b in doc.ignored],
                "metadata": _jsonable(dict(doc.metadata)),
                "analysed_at": utcnow(),
            }
            documents: Any = DbDocument.__table__
            # facts and reviews point at their document (foreign keys): a new document has none
            # to keep, replace or re-apply, which spares the common case eight statements
            reanalysis = s.execute(_DOCUMENT_EXISTS, {"doc_id": doc.doc_id}).first() is not None
            kept_status: dict[tuple[int, int], str] = {}
            if reanalysis:
                s.execute(update(documents).where(documents.c.doc_id == doc.doc_id).values(values))
                kept_status = {
                    (start, end): status for start, end, status in s.execute(_KEPT_STATUS, {"doc_id": doc.doc_id}).all()
                }
                _delete_facts(s, doc.doc_id)
            else:
                s.execute(documents.insert(), {"doc_id": doc.doc_id, **values})

            new_aliases = self._upsert_actors(s, analysis, ids, contexts or {}, barred)
            s.flush()  # the actors first: the rows below refer to them
            # The facts go in as plain multi-row INSERTs, not ORM objects: building, tracking
            # and flushing one object per mention and span was most of the driver's time per
            # document on long runs. Rows are inserted in the order the ORM used, so their ids
            # (and the order of an actor's aliases) are the same as before.
            _insert(s, DbAlias, new_aliases)

            affiliations: list[dict[str, Any]] = []
            mentions: list[dict[str, Any]] = []
            seen_aff: set[tuple[str, str]] = set()
            seen_mentions: set[tuple[str, int, int]] = set()
            for actor in analysis.actors:
                person = ids[actor.local_id]
                for org_local in actor.affiliations:
                    org = ids[org_local]
                    if org != person and (person, org) not in seen_aff:
                        seen_aff.add((person, org))
                        affiliations.append(
                            {"person_id": person, "org_id": org, "doc_id": doc.doc_id, "start": None, "end": None}
                        )
                for span in actor.mentions:
                    if (person, span.start, span.end) not in seen_mentions:
                        seen_mentions.add((person, span.start, span.end))
                        mentions.append(
                            {
                                "doc_id": doc.doc_id,
                                "actor_id": person,
                                "start": span.start,
                                "end": span.end,
                                "text": span.text,
                            }
                        )
            _insert(s, DbAffiliation, affiliations)
            _insert(s, DbMention, mentions)

            def ref_id(ref: ActorRef | None) -> str | None:
                return ids[ref.local_id] if ref is not None else None

            def ref_mention(ref: ActorRef | None) -> Span | None:
                return ref.mention if ref is not None else None

            threats: list[dict[str, Any]] = []
            threat_spans: list[list[Span]] = []
            for threat in analysis.threats:
                sm, tm = ref_mention(threat.speaker), ref_mention(threat.target)
                threats.append(
                    {
                        "doc_id": doc.doc_id,
                        "speaker_actor_id": ref_id(threat.speaker),
                        "speaker_org_actor_id": ref_id(threat.speaker_org),
                        "target_actor_id": ref_id(threat.target),
                        "speaker_mention": sm.text if sm else None,
                        "speaker_mention_start": sm.start if sm else None,
                        "speaker_mention_end": sm.end if sm else None,
                        "target_mention": tm.text if tm else None,
                        "target_mention_start": tm.start if tm else None,
                        "target_mention_end": tm.end if tm else None,
                        "type": threat.type,
                        "form": threat.form,
                        "date": threat.date,
                        # COALESCE(date, published), as the migration fills it (see the model)
                        "sort_date": threat.date if threat.date is not None else doc.published,
                        "score": float(threat.score),
                        "cue": threat.cue,
                        "status": kept_status.get((threat.evidence.start, threat.evidence.end), "unreviewed"),
                    }
                )
                threat_spans.append(_distinct_spans(threat.all_spans()))
            threat_ids = _insert(s, DbThreat, threats, returning_ids=True)
            _insert(s, DbThreatSpan, _span_rows("threat_id", threat_ids, threat_spans))

            events: list[dict[str, Any]] = []
            event_spans: list[list[Span]] = []
            for ev in analysis.events:
                am, tm = ref_mention(ev.actor), ref_mention(ev.target)
                events.append(
                    {
                        "doc_id": doc.doc_id,
                        "type": ev.type,
                        "actor_actor_id": ref_id(ev.actor),
                        "target_actor_id": ref_id(ev.target),
                        "actor_mention": am.text if am else None,
                        "target_mention": tm.text if tm else None,
                        "location": ev.location,
                        "date": ev.date,
                    }
                )
                event_spans.append(_distinct_spans(ev.all_spans()))
            event_ids = _insert(s, DbEvent, events, returning_ids=True)
            _insert(s, DbEventSpan, _span_rows("event_id", event_ids, event_spans))

            for actor_ids, names, reason in auto_merges:
                _record_merge(s, "auto", list(actor_ids), list(names), reason, None, None)
            if reanalysis:
                # analysts' reviews and corrections (web workspace) outlive re-analysis, as statuses do
                from forewarn.store.browse import reapply_reviews

                reapply_reviews(s, doc.doc_id)
        return renumbered

    def _upsert_actors(
        self,
        s: Session,
        analysis: DocumentAnalysis,
        ids: dict[str, str],
        contexts: dict[str, set[str]],
        barred: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    ) -> list[dict[str, Any]]:
        """Add the document's new actors and update known ones (fuller name, titles, context);
        returns the alias rows to insert (once the actors are flushed), in order."""
        # the document's actors and their aliases in two queries, not two per actor (long runs
        # spend much of the driver's time here)
        wanted = sorted(set(ids.values()))
        with s.no_autoflush:
            rows: dict[str, DbActor] = {}
            for chunk in _chunks(wanted):
                found = s.scalars(_ACTORS_BY_ID, {"ids": list(chunk)})
                rows.update((row.actor_id, row) for row in found)
            aliases: dict[str, set[str]] = {actor_id: set() for actor_id in rows}
            for chunk in _chunks(list(rows)):
                for actor_id, alias in s.execute(_ALIASES_BY_ACTOR, {"ids": list(chunk)}):
                    aliases[actor_id].add(alias)
        new_aliases: list[dict[str, Any]] = []
        for actor in analysis.actors:
            actor_id = ids[actor.local_id]
            row = rows.get(actor_id)
            if row is None:
                row = DbActor(actor_id=actor_id, name=actor.name, type=actor.type, titles=[], context=[])
                s.add(row)
                aliases[actor_id] = set()
            else:
                old, new = alias_key(row.name), alias_key(actor.name)
                # a fuller form of the same name ("Putin" -> "Vladimir Putin") becomes the name
                if len(new) > len(old) and re.search(rf"(?<!\w){re.escape(old)}(?!\w)", new):
                    row.name = actor.name
            rows[actor_id] = row
            if actor.titles:
                row.titles = list(dict.fromkeys([*(row.titles or []), *actor.titles]))
            tokens = contexts.get(actor.local_id)
            if tokens:
                row.context = _merge_context(row.context, tokens)
            for form in actor.surface_forms():
                form = form.strip()
                # (actor, alias key) pairs in `barred` were split apart by an analyst: never rejoined
                if form and form not in aliases[actor_id] and (actor_id, alias_key(form)) not in barred:
                    aliases[actor_id].add(form)
                    new_aliases.append({"actor_id": actor_id, "alias": form, "key": alias_key(form)})
        return new_aliases

    def import_actor(
        self,
        actor_id: str,
        name: str,
        type_: str,
        aliases: list[str],
        affiliations: list[str] = (),  # type: ignore[assignment]
    ) -> None:
        """Create or enrich an actor from a knowledge base: names and affiliations, no document."""
        with self._sessions.begin() as s:
            lock_for_write(s)
            actor_id = _live_id(s, actor_id)
            row = s.get(DbActor, actor_id)
            if row is None:
                row = DbActor(actor_id=actor_id, name=name, type=type_, titles=[])
                s.add(row)
                s.flush()
            known = set(s.scalars(select(DbAlias.alias).where(DbAlias.actor_id == actor_id)))
            for form in dict.fromkeys([name, *aliases]):
                form = form.strip()
                if form and form not in known:
                    known.add(form)
                    s.add(DbAlias(actor_id=actor_id, alias=form, key=alias_key(form)))
            existing = set(s.scalars(select(DbAffiliation.org_id).where(DbAffiliation.person_id == actor_id)))
            for org in affiliations:
                org = _live_id(s, org)
                if org != actor_id and org not in existing and s.get(DbActor, org) is not None:
                    existing.add(org)
                    s.add(DbAffiliation(person_id=actor_id, org_id=org))

    def record_error(self, error: IngestError) -> None:
        with self._sessions.begin() as s:
            s.add(DbIngestError(source=error.source, doc_id=error.doc_id, reason=error.reason))

    def set_threat_status(self, threat_id: int, status: str) -> bool:
        """Set an analyst's review status ('confirmed', 'rejected', ...); False if no such threat."""
        with self._sessions.begin() as s:
            lock_for_write(s)  # a re-analysis replacing the threat cannot slip in between
            row = s.get(DbThreat, threat_id)
            if row is None:
                return False
            row.status = status
            return True

    # ------------------------------------------------------------------ actors

    def known_actors(self) -> Iterator[KnownActorRow]:
        """Every live (not merged-away) actor with its aliases and affiliations."""
        with self._sessions() as s:
            aliases: dict[str, list[str]] = defaultdict(list)
            for actor_id, alias in s.execute(
                select(DbAlias.actor_id, DbAlias.alias).order_by(DbAlias.actor_id, DbAlias.id)
            ):
                aliases[actor_id].append(alias)
            affiliations: dict[str, list[str]] = defaultdict(list)
            for person, org in s.execute(
                select(DbAffiliation.person_id, DbAffiliation.org_id).distinct().order_by(DbAffiliation.org_id)
            ):
                affiliations[person].append(org)
            documents: dict[str, int] = {
                actor_id: n
                for actor_id, n in s.execute(
                    select(DbMention.actor_id, func.count(DbMention.doc_id.distinct())).group_by(DbMention.actor_id)
                )
            }
            # merged_into always names a live actor (merges re-point older tombstones)
            live: dict[str, str] = {
                actor_id: into
                for actor_id, into in s.execute(
                    select(DbActor.actor_id, DbActor.merged_into).where(DbActor.merged_into.is_not(None))
                )
                if into is not None
            }
            actors = s.execute(
                select(DbActor.actor_id, DbActor.type, DbActor.name, DbActor.context)
                .where(DbActor.merged_into.is_(None))
                .order_by(DbActor.created_at, DbActor.actor_id)
            ).all()
        rows = [
            KnownActorRow(
                actor_id=a.actor_id,
                type=a.type,
                name=a.name,
                aliases=tuple(aliases.get(a.actor_id, ())),
                affiliations=tuple(affiliations.get(a.actor_id, ())),
                context=_live_context(a.context or (), live, a.actor_id),
                documents=documents.get(a.actor_id, 0),
            )
            for a in actors
        ]
        return iter(rows)

    def next_actor_number(self) -> int:
        """1 + the highest n of any "A{n}" id ever used (merged-away ids are never reused)."""
        with self._sessions() as s:
            return _next_actor_number(s)

    def record_merge(
        self,
        kind: MergeKind,
        actor_ids: list[str],
        names: list[str],
        reason: str,
        analyst: str | None = None,
        *,
        alias: str | None = None,
    ) -> int:
        """Record a resolver decision ('auto') or correction; returns the record's id."""
        with self._sessions.begin() as s:
            return _record_merge(s, kind, actor_ids, names, reason, analyst, alias)

    def merge_actors(self, keep_id: str, drop_id: str, analyst: str | None, reason: str) -> None:
        """Merge `drop_id` into `keep_id`: every fact, alias, affiliation and title moves to
        `keep_id`; `drop_id` stays as a tombstone (`merged_into`) so old ids still resolve."""
        with self._sessions.begin() as s:
            lock_for_write(s)
            keep = _get_live(s, keep_id)
            drop = s.get(DbActor, drop_id)
            if drop is None:
                raise KeyError(f"no actor {drop_id}")
            if drop.merged_into is not None:
                raise ValueError(f"{drop_id} was already merged into {drop.merged_into}")
            if keep.actor_id == drop.actor_id:
                raise ValueError(f"cannot merge {drop_id} into itself")
            k, d = keep.actor_id, drop.actor_id

            s.execute(update(DbMention).where(DbMention.actor_id == d).values(actor_id=k))
            for col in (DbThreat.speaker_actor_id, DbThreat.speaker_org_actor_id, DbThreat.target_actor_id):
                s.execute(update(DbThreat).where(col == d).values({col.key: k}))
            for col in (DbEvent.actor_actor_id, DbEvent.target_actor_id):
                s.execute(update(DbEvent).where(col == d).values({col.key: k}))

            s.execute(update(DbAffiliation).where(DbAffiliation.person_id == d).values(person_id=k))
            s.execute(update(DbAffiliation).where(DbAffiliation.org_id == d).values(org_id=k))
            seen: set[tuple[str, str, str | None]] = set()
            for aff in s.scalars(
                select(DbAffiliation)
                .where(or_(DbAffiliation.person_id == k, DbAffiliation.org_id == k))
                .order_by(DbAffiliation.id)
            ).all():
                ident = (aff.person_id, aff.org_id, aff.doc_id)
                if aff.person_id == aff.org_id or ident in seen:
                    s.delete(aff)
                seen.add(ident)

            keep_aliases = set(s.scalars(select(DbAlias.alias).where(DbAlias.actor_id == k)))
            for al in s.scalars(select(DbAlias).where(DbAlias.actor_id == d).order_by(DbAlias.id)).all():
                if al.alias in keep_aliases:
                    s.delete(al)
                else:
                    al.actor_id = k
                    keep_aliases.add(al.alias)
            keep.titles = list(dict.fromkeys([*(keep.titles or []), *(drop.titles or [])]))
            keep.context = _merge_context(keep.context, drop.context or ())

            s.execute(update(DbActor).where(DbActor.merged_into == d).values(merged_into=k))
            drop.merged_into = k
            _record_merge(s, "merge", [k, d], [keep.name, drop.name], reason, analyst, None)

    def split_alias(self, actor_id: str, alias: str, analyst: str | None, reason: str = "") -> str:
        """Move `alias` (every alias with the same normalised key) to a new actor, with the
        mentions, threats and events that name the actor by it; returns the new actor_id."""
        with self._sessions.begin() as s:
            lock_for_write(s)
            src = _get_live(s, actor_id)
            key = alias_key(alias)
            all_aliases = list(s.scalars(select(DbAlias).where(DbAlias.actor_id == src.actor_id).order_by(DbAlias.id)))
            moved = [a for a in all_aliases if a.key == key]
            remaining = [a for a in all_aliases if a.key != key]
            if not moved:
                raise KeyError(f"{src.actor_id} ({src.name}) has no alias {alias!r}")
            if not remaining:
                raise ValueError(f"{alias!r} is the only name of {src.actor_id}; nothing would be left")

            new_id = f"A{_next_actor_number(s)}"
            exact = [a for a in moved if a.alias == alias]
            new = DbActor(actor_id=new_id, name=(exact or moved)[0].alias, type=src.type, titles=[])
            s.add(new)
            s.flush()
            for a in moved:
                a.actor_id = new_id

            def names_it(text: str | None) -> bool:
                return text is not None and alias_key(text) == key

            for m in s.scalars(select(DbMention).where(DbMention.actor_id == src.actor_id)):
                if names_it(m.text):
                    m.actor_id = new_id
            for t in s.scalars(
                select(DbThreat).where(
                    or_(DbThreat.speaker_actor_id == src.actor_id, DbThreat.target_actor_id == src.actor_id)
                )
            ):
                if t.speaker_actor_id == src.actor_id and names_it(t.speaker_mention):
                    t.speaker_actor_id = new_id
                if t.target_actor_id == src.actor_id and names_it(t.target_mention):
                    t.target_actor_id = new_id
            for e in s.scalars(
                select(DbEvent).where(
                    or_(DbEvent.actor_actor_id == src.actor_id, DbEvent.target_actor_id == src.actor_id)
                )
            ):
                if e.actor_actor_id == src.actor_id and names_it(e.actor_mention):
                    e.actor_actor_id = new_id
                if e.target_actor_id == src.actor_id and names_it(e.target_mention):
                    e.target_actor_id = new_id

            old_name = src.name
            if alias_key(src.name) == key:
                src.name = max((a.alias for a in remaining), key=len)
            _record_merge(
                s,
                "split",
                [src.actor_id, new_id],
                [old_name, new.name],
                reason or f"alias {alias!r} split off",
                analyst,
                alias,
            )
            return new_id

    def corrections(self) -> list[MergeRecord]:
        """Analyst merges and splits, oldest first, for resolution to honour and re-apply."""
        with self._sessions() as s:
            return _merge_records(s, select(DbMerge).where(DbMerge.kind.in_(CORRECTION_KINDS)))

    def merge_history(self, kind: str | None = None) -> list[MergeRecord]:
        """Every merge record (optionally of one kind), oldest first."""
        with self._sessions() as s:
            stmt = select(DbMerge)
            if kind is not None:
                stmt = stmt.where(DbMerge.kind == kind)
            return _merge_records(s, stmt)

    def resolve_id(self, actor_id: str) -> str | None:
        """The live actor an id stands for now (following merges), or None if unknown."""
        with self._sessions() as s:
            live = _live_id(s, actor_id)
            return live if s.get(DbActor, live) is not None else None

    # ------------------------------------------------------------------ reading

    def threats(
        self,
        *,
        target: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        limit: int | None = None,
    ) -> list[ThreatRow]:
        """Threats, newest first. `target` / `speaker` match an actor id, or any alias
        (case-insensitive substring of its normalised key); `speaker` also matches the
        speaker's organisation. `since` (ISO date) compares the threat's date, else the
        document's publication date."""
        with self._sessions() as s:
            read_snapshot(s)  # its several queries see one state of the store
            conds: list[ColumnElement[bool]] = []
            if target is not None:
                conds.append(DbThreat.target_actor_id.in_(_matching_ids(s, target)))
            if speaker is not None:
                ids = _matching_ids(s, speaker)
                conds.append(or_(DbThreat.speaker_actor_id.in_(ids), DbThreat.speaker_org_actor_id.in_(ids)))
            if since:
                conds.append(DbThreat.sort_date >= since)  # the threat's date, else the document's
            return _threat_rows(s, conds, limit=limit)

    def find_actors(self, name: str | None) -> list[ActorRow]:
        """Live actors whose id is `name` or one of whose aliases contains it (all if None);
        exact name matches first, then the most mentioned."""
        with self._sessions() as s:
            if name is None:
                ids = list(s.scalars(select(DbActor.actor_id).where(DbActor.merged_into.is_(None))))
            else:
                ids = _matching_ids(s, name)
            rows = _actor_rows(s, ids)
        if name is None:
            return sorted(rows, key=lambda r: (alias_key(r.name), r.actor_id))
        key = alias_key(name)

        def rank(r: ActorRow) -> tuple[int, int, str]:
            exact = r.actor_id == name.strip() or any(alias_key(a) == key for a in r.aliases)
            return (0 if exact else 1, -r.mentions, alias_key(r.name))

        return sorted(rows, key=rank)

    def actor_profile(self, actor_id: str) -> ActorProfile:
        """Everything about one actor (following merges); KeyError if unknown."""
        with self._sessions() as s:
            read_snapshot(s)  # its several queries see one state of the store
            actor = _get_live(s, actor_id)
            aid = actor.actor_id
            rows = _actor_rows(s, [aid])
            merged_ids = tuple(
                s.scalars(select(DbActor.actor_id).where(DbActor.merged_into == aid).order_by(DbActor.actor_id))
            )
            made = _threat_rows(s, [or_(DbThreat.speaker_actor_id == aid, DbThreat.speaker_org_actor_id == aid)])
            received = _threat_rows(s, [DbThreat.target_actor_id == aid])
            members_of = select(DbMergeMember.merge_id).where(DbMergeMember.actor_id.in_([aid, *merged_ids]))
            history = _merge_records(s, select(DbMerge).where(DbMerge.id.in_(members_of)))
            return ActorProfile(
                actor=rows[0],
                affiliations=_affiliation_rows(s, DbAffiliation.person_id == aid, DbAffiliation.org_id),
                members=_affiliation_rows(s, DbAffiliation.org_id == aid, DbAffiliation.person_id),
                threats_made=tuple(made),
                threats_received=tuple(received),
                merged_ids=merged_ids,
                history=tuple(history),
            )

    def document(self, doc_id: str) -> DocumentView | None:
        with self._sessions() as s:
            read_snapshot(s)  # its several queries see one state of the store
            row = s.get(DbDocument, doc_id)
            if row is None:
                return None
            threats = _threat_rows(s, [DbThreat.doc_id == doc_id], newest_first=False)
            events = _event_rows(s, doc_id)
            mentions = tuple(
                MentionRow(
                    actor_id=a.actor_id,
                    actor_name=a.name,
                    actor_type=a.type,
                    span=Span(m.start, m.end, m.text),
                )
                for m, a in s.execute(
                    select(DbMention, DbActor)
                    .join(DbActor, DbActor.actor_id == DbMention.actor_id)
                    .where(DbMention.doc_id == doc_id)
                    .order_by(DbMention.start, DbMention.end)
                ).all()
            )
            return DocumentView(
                doc_id=row.doc_id,
                text=row.text,
                content_hash=row.content_hash,
                title=row.title,
                published=row.published,
                url=row.url,
                source=row.source,
                source_path=row.source_path,
                language=row.language,
                analysed_at=_iso(row.analysed_at),
                ignored=tuple((int(a), int(b)) for a, b in (row.ignored or [])),
                metadata=dict(row.meta or {}),
                threats=tuple(threats),
                events=tuple(events),
                mentions=mentions,
            )

    def documents(self) -> list[str]:
        """Every stored doc_id, sorted."""
        with self._sessions() as s:
            return list(s.scalars(select(DbDocument.doc_id).order_by(DbDocument.doc_id)))

    def errors(self) -> list[ErrorRow]:
        with self._sessions() as s:
            return [
                ErrorRow(
                    id=e.id,
                    source=e.source,
                    reason=e.reason,
                    doc_id=e.doc_id,
                    created_at=_iso(e.created_at) or "",
                )
                for e in s.scalars(select(DbIngestError).order_by(DbIngestError.id))
            ]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (documents, actors, mentions, threats, events, errors)."""
        with self._sessions() as s:
            return {
                "documents": s.scalar(select(func.count()).select_from(DbDocument)) or 0,
                "actors": s.scalar(select(func.count()).select_from(DbActor).where(DbActor.merged_into.is_(None))) or 0,
                "mentions": s.scalar(select(func.count()).select_from(DbMention)) or 0,
                "threats": s.scalar(select(func.count()).select_from(DbThreat)) or 0,
                "events": s.scalar(select(func.count()).select_from(DbEvent)) or 0,
                "errors": s.scalar(select(func.count()).select_from(DbIngestError)) or 0,
            }

    # ------------------------------------------------------------------ resuming runs

    def analysed_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """doc_id -> content hash of those of `doc_ids` that are stored as analysed."""
        with self._sessions() as s:
            found: dict[str, str] = {}
            for chunk in _chunks(list(dict.fromkeys(doc_ids))):
                rows = s.execute(
                    select(DbDocument.doc_id, DbDocument.content_hash).where(
                        DbDocument.doc_id.in_(chunk), DbDocument.analysed_at.is_not(None)
                    )
                )
                found.update((doc_id, content_hash) for doc_id, content_hash in rows)
            return found

    def has_error(self, source: str, reason: str) -> bool:
        """Whether this error (same source, same reason) is recorded already."""
        with self._sessions() as s:
            return (
                s.scalar(
                    select(DbIngestError.id)
                    .where(DbIngestError.source == source, DbIngestError.reason == reason)
                    .limit(1)
                )
                is not None
            )


# ---------------------------------------------------------------------- helpers


# The statements `save_analysis` runs for every document, built once: building a SQLAlchemy
# statement (and its cache key) costs more than running it on a store of modest size, and
# these run millions of times on a long run. Values go in as bound parameters ("ids" expands
# to a list).
_IDS = bindparam("ids", expanding=True)
_DOC_ID = bindparam("doc_id")
_TAKEN_IDS = (
    select(DbActor.actor_id)
    .where(DbActor.actor_id.in_(_IDS))
    .union(select(DbMergeMember.actor_id).where(DbMergeMember.actor_id.in_(_IDS)))
)
_MERGED_ACTORS = select(DbActor.actor_id, DbActor.merged_into).where(
    DbActor.actor_id.in_(_IDS), DbActor.merged_into.is_not(None)
)
_split_source, _split_new = aliased(DbMergeMember), aliased(DbMergeMember)
_SPLITS = (
    select(_split_source.actor_id, _split_new.actor_id, DbMerge.alias)
    .join(_split_source, (_split_source.merge_id == DbMerge.id) & (_split_source.position == 0))
    .join(_split_new, (_split_new.merge_id == DbMerge.id) & (_split_new.position == 1))
    .where(DbMerge.kind == "split", DbMerge.alias.is_not(None), _split_source.actor_id.in_(_IDS))
    .order_by(DbMerge.id)
)
_DOCUMENT_EXISTS = select(DbDocument.doc_id).where(DbDocument.doc_id == _DOC_ID)
_ACTORS_BY_ID = select(DbActor).where(DbActor.actor_id.in_(_IDS))
_ALIASES_BY_ACTOR = select(DbAlias.actor_id, DbAlias.alias).where(DbAlias.actor_id.in_(_IDS))
_KEPT_STATUS = (
    select(DbThreatSpan.start, DbThreatSpan.end, DbThreat.status)
    .join(DbThreat, DbThreat.id == DbThreatSpan.threat_id)
    .where(DbThreat.doc_id == _DOC_ID, DbThreatSpan.principal.is_(True), DbThreat.status != "unreviewed")
)
# nothing of these rows is in the session (they are inserted without ORM objects)
_NO_SYNC = {"synchronize_session": False}
_DELETE_FACTS = tuple(
    stmt.execution_options(**_NO_SYNC)
    for stmt in (
        delete(DbThreatSpan).where(DbThreatSpan.threat_id.in_(select(DbThreat.id).where(DbThreat.doc_id == _DOC_ID))),
        delete(DbThreat).where(DbThreat.doc_id == _DOC_ID),
        delete(DbEventSpan).where(DbEventSpan.event_id.in_(select(DbEvent.id).where(DbEvent.doc_id == _DOC_ID))),
        delete(DbEvent).where(DbEvent.doc_id == _DOC_ID),
        delete(DbMention).where(DbMention.doc_id == _DOC_ID),
        delete(DbAffiliation).where(DbAffiliation.doc_id == _DOC_ID),
    )
)


def _insert(s: Session, model: type[Base], rows: list[dict[str, Any]], *, returning_ids: bool = False) -> list[int]:
    """Insert `rows` into `model`'s table with multi-row INSERTs, in order; with
    `returning_ids`, the ids the rows got, in the same order."""
    if not rows:
        return []
    table: Any = model.__table__
    if not returning_ids:
        s.execute(table.insert(), rows)
        return []
    if s.get_bind().dialect.name != "sqlite":
        return list(s.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows).scalars())
    # SQLite: SQLAlchemy cannot match RETURNING rows to parameters there, so it would run one
    # INSERT per row. Under the store's write lock (`lock_for_write`: BEGIN IMMEDIATE, taken
    # by every writer before this) nobody else inserts, and SQLite gives a new row of an
    # INTEGER PRIMARY KEY table max(id) + 1: give the rows those very ids, in one executemany.
    first = (s.execute(select(func.max(table.c.id))).scalar() or 0) + 1
    ids = list(range(first, first + len(rows)))
    s.execute(table.insert(), [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
    return ids


def _span_rows(owner: str, owner_ids: Sequence[int], spans: Sequence[Sequence[Span]]) -> list[dict[str, Any]]:
    """Rows of threat_spans or event_spans: the first span of each owner is its principal one."""
    return [
        {owner: owner_id, "ordinal": i, "start": sp.start, "end": sp.end, "text": sp.text, "principal": i == 0}
        for owner_id, owner_spans in zip(owner_ids, spans, strict=True)
        for i, sp in enumerate(owner_spans)
    ]


def _check_analysis(analysis: DocumentAnalysis) -> dict[str, str]:
    """local_id -> actor_id, after checking every reference of the analysis resolves."""
    ids: dict[str, str] = {}
    for actor in analysis.actors:
        if not actor.actor_id:
            raise ValueError(
                f"{analysis.document.doc_id}: actor {actor.local_id} ({actor.name!r}) has no actor_id; "
                "run resolution before saving"
            )
        if actor.local_id in ids and ids[actor.local_id] != actor.actor_id:
            raise ValueError(f"{analysis.document.doc_id}: local id {actor.local_id} used twice")
        ids[actor.local_id] = actor.actor_id

    def check(ref: ActorRef | None, what: str) -> None:
        if ref is not None and ref.local_id not in ids:
            raise ValueError(f"{analysis.document.doc_id}: {what} refers to unknown actor {ref.local_id}")

    for actor in analysis.actors:
        for org in actor.affiliations:
            if org not in ids:
                raise ValueError(f"{analysis.document.doc_id}: {actor.local_id} affiliated with unknown actor {org}")
    for threat in analysis.threats:
        check(threat.speaker, "threat speaker")
        check(threat.speaker_org, "threat speaker_org")
        check(threat.target, "threat target")
    for ev in analysis.events:
        check(ev.actor, "event actor")
        check(ev.target, "event target")
    return ids


# any constant: the PostgreSQL advisory lock of `lock_for_write` (migrations use another)
_WRITE_LOCK = 0x0F0E_5709


def lock_for_write(s: Session) -> None:
    """Take the store's write lock at the start of a write transaction, before anything it
    writes is decided by what it reads; held until commit or rollback.

    Writers that read first (the live id of a merged actor, the review statuses to keep, the
    aliases an actor has) must not act on what another writer changes before they commit:
    that loses updates (an analyst's status, facts left on a merged-away actor) or collides
    (two transactions inserting the same new actor). SQLite has one writer at a time anyway,
    but Python's sqlite3 opens the transaction only at the first write, after those reads;
    BEGIN IMMEDIATE takes the lock up front (waiting up to busy_timeout). PostgreSQL runs
    writers in parallel at READ COMMITTED; a transaction-level advisory lock queues the
    store's writers instead (each is one document or one correction: milliseconds), while
    readers never wait.
    """
    connection = s.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})


def read_snapshot(s: Session) -> None:
    """Make the several queries of one read see one committed state of the store: without
    it, a re-analysis committing between two of them shows threats without their evidence
    spans. Call first in a read-only session. PostgreSQL: REPEATABLE READ, READ ONLY.
    SQLite (WAL): an explicit deferred BEGIN, so the snapshot taken by the first query is
    kept to the end (Python's sqlite3 runs reads outside a transaction, one snapshot each)."""
    connection = s.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN")
    elif dialect == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _renumber_taken_ids(s: Session, analysis: DocumentAnalysis, new_actor_ids: Collection[str]) -> dict[str, str]:
    """Give the actors of `analysis` whose newly minted id is already in use a free id."""
    if not new_actor_ids:
        return {}
    candidates = sorted(set(new_actor_ids))
    taken = set(s.scalars(_TAKEN_IDS, {"ids": candidates}))
    if not taken:
        return {}
    minted = [m.group(1) for a in analysis.actors if (m := _ACTOR_NUMBER.fullmatch(a.actor_id or ""))]
    number = max([_next_actor_number(s), *(int(n) + 1 for n in minted)])
    renumbered: dict[str, str] = {}
    for old in sorted(taken, key=lambda i: (len(i), i)):
        renumbered[old] = f"A{number}"
        number += 1
    for actor in analysis.actors:
        if actor.actor_id in renumbered:
            actor.actor_id = renumbered[actor.actor_id]
    return renumbered


def _honour_splits(
    s: Session, analysis: DocumentAnalysis, ids: dict[str, str]
) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Apply analysts' splits made after `analysis` was resolved (a run resolves with the
    corrections it read when it started): a document actor known only by names split off the
    actor it was resolved to goes to the split-off actor. Returns the new ids, and the
    (actor id, alias key) pairs that must not be joined again."""
    splits = s.execute(_SPLITS, {"ids": sorted(set(ids.values()))}).all()
    if not splits:
        return ids, set()
    split_off: dict[str, dict[str, str]] = defaultdict(dict)  # actor -> alias key -> split-off actor
    for source_id, new_id, alias in splits:
        split_off[source_id][alias_key(alias)] = new_id
    barred = {(source_id, key) for source_id, keys in split_off.items() for key in keys}
    kept_keys: dict[str, set[str]] = {
        actor_id: {key for key in s.scalars(select(DbAlias.key).where(DbAlias.actor_id == actor_id))}
        for actor_id in split_off
    }
    moved = dict(ids)
    for actor in analysis.actors:
        actor_id = ids[actor.local_id]
        if actor_id not in split_off:
            continue
        keys = {alias_key(form) for form in actor.surface_forms()}
        targets = [split_off[actor_id][key] for key in keys if key in split_off[actor_id]]
        if targets and not keys & kept_keys[actor_id]:
            moved[actor.local_id] = _live_id(s, targets[0])
    return moved, barred


def _distinct_spans(spans: Iterable[Span]) -> list[Span]:
    return list(dict.fromkeys(spans))


def _delete_facts(s: Session, doc_id: str) -> None:
    for stmt in _DELETE_FACTS:
        s.execute(stmt, {"doc_id": doc_id})


def _live_ids(s: Session, ids: dict[str, str]) -> dict[str, str]:
    """`_live_id` of every value of `ids`: one query for the lot, then only merged ones followed."""
    merged: dict[str, str] = {}
    for chunk in _chunks(sorted(set(ids.values()))):
        merged.update((actor_id, into) for actor_id, into in s.execute(_MERGED_ACTORS, {"ids": list(chunk)}))
    return {key: _live_id(s, actor_id) if actor_id in merged else actor_id for key, actor_id in ids.items()}


def _live_id(s: Session, actor_id: str) -> str:
    seen = {actor_id}
    current = actor_id
    while True:
        nxt = s.scalar(select(DbActor.merged_into).where(DbActor.actor_id == current))
        if nxt is None or nxt in seen:
            return current
        seen.add(nxt)
        current = nxt


def _get_live(s: Session, actor_id: str) -> DbActor:
    row = s.get(DbActor, _live_id(s, actor_id))
    if row is None:
        raise KeyError(f"no actor {actor_id}")
    return row


def _next_actor_number(s: Session) -> int:
    ids = s.scalars(
        select(DbActor.actor_id)
        .where(DbActor.actor_id.like("A%"))
        .union(select(DbMergeMember.actor_id).where(DbMergeMember.actor_id.like("A%")))
    )
    numbers = [int(m.group(1)) for i in ids if (m := _ACTOR_NUMBER.fullmatch(i))]
    return max(numbers, default=0) + 1


def _record_merge(
    s: Session,
    kind: str,
    actor_ids: Sequence[str],
    names: Sequence[str],
    reason: str,
    analyst: str | None,
    alias: str | None,
) -> int:
    if kind not in MERGE_KINDS:
        raise ValueError(f"merge kind must be one of {MERGE_KINDS}, not {kind!r}")
    row = DbMerge(kind=kind, reason=reason or "", analyst=analyst, alias=alias)
    s.add(row)
    s.flush()
    names = list(names)
    for i, actor_id in enumerate(actor_ids):
        s.add(DbMergeMember(merge_id=row.id, position=i, actor_id=actor_id, name=names[i] if i < len(names) else ""))
    return row.id


def _merge_records(s: Session, stmt: Select[tuple[DbMerge]]) -> list[MergeRecord]:
    merges = list(s.scalars(stmt.order_by(DbMerge.id)))
    members: dict[int, list[DbMergeMember]] = defaultdict(list)
    for chunk in _chunks([m.id for m in merges]):
        for mm in s.scalars(
            select(DbMergeMember).where(DbMergeMember.merge_id.in_(chunk)).order_by(DbMergeMember.position)
        ):
            members[mm.merge_id].append(mm)
    return [
        MergeRecord(
            id=m.id,
            kind=m.kind,
            actor_ids=tuple(mm.actor_id for mm in members[m.id]),
            names=tuple(mm.name for mm in members[m.id]),
            reason=m.reason,
            analyst=m.analyst,
            created_at=_iso(m.created_at) or "",
            alias=m.alias,
        )
        for m in merges
    ]


def _matching_ids(s: Session, query: str) -> list[str]:
    """Live actors whose id is `query` or one of whose alias keys contains its key."""
    ids: set[str] = set()
    exact = query.strip()
    if exact and s.get(DbActor, exact) is not None:
        ids.add(_live_id(s, exact))
    key = alias_key(query)
    if key:
        ids.update(
            s.scalars(
                select(DbAlias.actor_id)
                .join(DbActor, DbActor.actor_id == DbAlias.actor_id)
                .where(DbAlias.key.contains(key, autoescape=True), DbActor.merged_into.is_(None))
                .distinct()
            )
        )
    return sorted(ids)


def _actor_rows(s: Session, ids: Sequence[str]) -> list[ActorRow]:
    out: list[ActorRow] = []
    for chunk in _chunks(list(ids)):
        actors = list(s.scalars(select(DbActor).where(DbActor.actor_id.in_(chunk))))
        aliases: dict[str, list[str]] = defaultdict(list)
        for actor_id, alias in s.execute(
            select(DbAlias.actor_id, DbAlias.alias).where(DbAlias.actor_id.in_(chunk)).order_by(DbAlias.id)
        ):
            aliases[actor_id].append(alias)
        mentions = dict(
            s.execute(
                select(DbMention.actor_id, func.count())
                .where(DbMention.actor_id.in_(chunk))
                .group_by(DbMention.actor_id)
            ).all()
        )
        docs = dict(
            s.execute(
                select(DbMention.actor_id, func.count(func.distinct(DbMention.doc_id)))
                .where(DbMention.actor_id.in_(chunk))
                .group_by(DbMention.actor_id)
            ).all()
        )
        made: dict[str, int] = defaultdict(int)
        for col in (DbThreat.speaker_actor_id, DbThreat.speaker_org_actor_id):
            for actor_id, n in s.execute(select(col, func.count()).where(col.in_(chunk)).group_by(col)).all():
                made[actor_id] += n
        received = dict(
            s.execute(
                select(DbThreat.target_actor_id, func.count())
                .where(DbThreat.target_actor_id.in_(chunk))
                .group_by(DbThreat.target_actor_id)
            ).all()
        )
        out.extend(
            ActorRow(
                actor_id=a.actor_id,
                name=a.name,
                type=a.type,
                aliases=tuple(aliases.get(a.actor_id, ())),
                titles=tuple(a.titles or ()),
                mentions=mentions.get(a.actor_id, 0),
                documents=docs.get(a.actor_id, 0),
                threats_made=made.get(a.actor_id, 0),
                threats_received=received.get(a.actor_id, 0),
            )
            for a in actors
        )
    return out


def _affiliation_rows(s: Session, cond: ColumnElement[bool], other: Any) -> tuple[AffiliationRow, ...]:
    docs: dict[str, list[str]] = defaultdict(list)
    actors: dict[str, DbActor] = {}
    for aff, actor in s.execute(
        select(DbAffiliation, DbActor)
        .join(DbActor, DbActor.actor_id == other)
        .where(cond)
        .order_by(DbActor.name, DbAffiliation.doc_id)
    ).all():
        actors[actor.actor_id] = actor
        if aff.doc_id and aff.doc_id not in docs[actor.actor_id]:
            docs[actor.actor_id].append(aff.doc_id)
    return tuple(
        AffiliationRow(actor_id=a.actor_id, name=a.name, type=a.type, doc_ids=tuple(docs[a.actor_id]))
        for a in actors.values()
    )


def _spans_by_owner(s: Session, span_table: Any, owner_col: Any, owner_ids: list[int]) -> dict[int, list[Span]]:
    spans: dict[int, list[Span]] = defaultdict(list)
    for chunk in _chunks(owner_ids):
        for sp in s.scalars(select(span_table).where(owner_col.in_(chunk)).order_by(owner_col, span_table.ordinal)):
            spans[getattr(sp, owner_col.key)].append(Span(sp.start, sp.end, sp.text))
    return spans


def _threat_rows(
    s: Session,
    conds: Sequence[ColumnElement[bool]],
    *,
    limit: int | None = None,
    newest_first: bool = True,
) -> list[ThreatRow]:
    """Threats matching `conds`, newest first (their date, else their document's; undated
    last; then newest id first) or in id order."""
    speaker, org, target = aliased(DbActor), aliased(DbActor), aliased(DbActor)
    stmt = (
        # the document's fields the rows show, not the document (its text can be long)
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
        .where(*conds)
    )
    if newest_first:
        # ORDER BY sort_date DESC NULLS LAST, id DESC, in two steps: PostgreSQL walks the
        # (sort_date, id) index backwards with NULLs first, so the dated threats come off the
        # index and the undated ones (rare: no date and an undated document) follow
        results = list(
            s.execute(
                stmt.where(DbThreat.sort_date.is_not(None))
                .order_by(DbThreat.sort_date.desc(), DbThreat.id.desc())
                .limit(limit)
            ).all()
        )
        if limit is None or len(results) < limit:
            more = None if limit is None else limit - len(results)
            results += s.execute(
                stmt.where(DbThreat.sort_date.is_(None)).order_by(DbThreat.id.desc()).limit(more)
            ).all()
    else:
        results = list(s.execute(stmt.order_by(DbThreat.id).limit(limit)).all())
    spans = _spans_by_owner(s, DbThreatSpan, DbThreatSpan.threat_id, [t.id for t, *_ in results])
    rows = []
    for t, title, published, url, source, speaker_name, org_name, target_name in results:
        tspans = spans.get(t.id) or [Span(0, 0, "")]
        rows.append(
            threat_row(
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
        )
    return rows


def threat_row(
    t: DbThreat,
    spans: Sequence[Span],
    *,
    speaker_name: str | None,
    org_name: str | None,
    target_name: str | None,
    title: str | None,
    published: str | None,
    url: str | None,
    source: str | None,
) -> ThreatRow:
    """One stored threat as a row, with its spans (the first is the evidence) and the names and
    document fields its query joined in; the CLI, the API and the pages all read threats this way."""
    return ThreatRow(
        threat_id=t.id,
        doc_id=t.doc_id,
        type=t.type,
        form=t.form,
        date=t.date,
        score=t.score,
        status=t.status,
        cue=t.cue,
        evidence=spans[0],
        spans=tuple(spans),
        speaker_id=t.speaker_actor_id,
        speaker_name=speaker_name,
        speaker_mention=t.speaker_mention,
        speaker_org_id=t.speaker_org_actor_id,
        speaker_org_name=org_name,
        target_id=t.target_actor_id,
        target_name=target_name,
        target_mention=t.target_mention,
        doc_title=title,
        doc_published=published,
        doc_url=url,
        doc_source=source,
    )


def _event_rows(s: Session, doc_id: str) -> list[EventRow]:
    actor, target = aliased(DbActor), aliased(DbActor)
    results = s.execute(
        select(DbEvent, actor.name, target.name)
        .outerjoin(actor, actor.actor_id == DbEvent.actor_actor_id)
        .outerjoin(target, target.actor_id == DbEvent.target_actor_id)
        .where(DbEvent.doc_id == doc_id)
        .order_by(DbEvent.id)
    ).all()
    spans = _spans_by_owner(s, DbEventSpan, DbEventSpan.event_id, [e.id for e, *_ in results])
    rows = []
    for e, actor_name, target_name in results:
        espans = spans.get(e.id) or [Span(0, 0, "")]
        rows.append(event_row(e, espans, actor_name=actor_name, target_name=target_name))
    return rows


def event_row(
    e: DbEvent, spans: Sequence[Span], *, actor_name: str | None, target_name: str | None, date: str | None = None
) -> EventRow:
    """One stored event as a row (the first span is the evidence); `date` stands in when the event has none."""
    return EventRow(
        event_id=e.id,
        doc_id=e.doc_id,
        type=e.type,
        date=e.date or date,
        location=e.location,
        evidence=spans[0],
        spans=tuple(spans),
        actor_id=e.actor_actor_id,
        actor_name=actor_name,
        actor_mention=e.actor_mention,
        target_id=e.target_actor_id,
        target_name=target_name,
        target_mention=e.target_mention,
    )
