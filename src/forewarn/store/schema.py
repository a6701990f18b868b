"""SQLAlchemy (2.x, typed declarative) tables of the forewarn store.

Portable types only (String, Text, Integer, Float, Boolean, DateTime, JSON) so the same
schema runs on SQLite and PostgreSQL. Every change here needs a new Alembic revision in
`forewarn/store/migrations/versions/` (the test suite compares the migrated schema with
these models).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Deterministic constraint names: needed for ALTERs on PostgreSQL and for batch
# (copy-and-move) migrations on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DbDocument(Base):
    __tablename__ = "documents"

    doc_id: Mapped[str] = mapped_column(String, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32))
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String)
    source_path: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    # [[start, end], ...] of scraper debris the analysis ignored (Document.ignored)
    ignored: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    # "metadata" is reserved on declarative classes, hence the attribute name
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    analysed_at: Mapped[datetime | None] = mapped_column(DateTime)


class DbIngestError(Base):
    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(String)  # no FK: the document usually never got in
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbActor(Base):
    __tablename__ = "actors"

    actor_id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    # the resolver's context tokens ("title:...", "org:<actor id>", "with:<actor id>"),
    # accumulated over every analysed document so later runs can weigh them (revision 0002)
    context: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # set when an analyst merged this actor into another: the row stays as a tombstone so
    # ids are never reused and old ids still resolve
    merged_into: Mapped[str | None] = mapped_column(
        String, ForeignKey("actors.actor_id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(String, ForeignKey("actors.actor_id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, index=True)  # alias_key(alias)


class DbAffiliation(Base):
    __tablename__ = "actor_affiliations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String, ForeignKey("actors.actor_id", ondelete="CASCADE"), index=True)
    org_id: Mapped[str] = mapped_column(String, ForeignKey("actors.actor_id", ondelete="CASCADE"), index=True)
    # optional evidence: the document (and span in it) that states the affiliation
    doc_id: Mapped[str | None] = mapped_column(String, ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class DbMerge(Base):
    """A resolver decision ('auto') or an analyst correction ('merge' / 'split')."""

    __tablename__ = "actor_merges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    alias: Mapped[str | None] = mapped_column(Text)  # the alias moved by a split
    analyst: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbMergeMember(Base):
    """The actors of one merge record, in order (merge: keep, drop; split: from, new)."""

    __tablename__ = "actor_merge_members"

    merge_id: Mapped[int] = mapped_column(Integer, ForeignKey("actor_merges.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    # no FK: the resolver may explain a decision about an actor before it is saved
    actor_id: Mapped[str] = mapped_column(String, index=True)
    name: Mapped[str] = mapped_column(Text, default="")


class DbMention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String, ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(String, ForeignKey("actors.actor_id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class DbThreat(Base):
    __tablename__ = "threats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String, ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    speaker_actor_id: Mapped[str | None] = mapped_column(
        String, ForeignKey("actors.actor_id", ondelete="SET NULL"), index=True
    )
    speaker_org_actor_id: Mapped[str | None] = mapped_column(
        String, ForeignKey("actors.actor_id", ondelete="SET NULL"), index=True
    )
    target_actor_id: Mapped[str | None] = mapped_column(
        String, ForeignKey("actors.actor_id", ondelete="SET NULL"), index=True
    )
    # the words naming speaker / target at this threat (ActorRef.mention)
    speaker_mention: Mapped[str | None] = mapped_column(Text)
    speaker_mention_start: Mapped[int | None] = mapped_column(Integer)
    speaker_mention_end: Mapped[int | None] = mapped_column(Integer)
    target_mention: Mapped[str | None] = mapped_column(Text)
    target_mention_start: Mapped[int | None] = mapped_column(Integer)
    target_mention_end: Mapped[int | None] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    form: Mapped[str] = mapped_column(String(32))
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    score: Mapped[float] = mapped_column(Float)
    cue: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default="unreviewed", server_default="unreviewed")
    # the order key of threat listings, newest first: the threat's date, else its document's
    # publication date (COALESCE(date, documents.published)), written when the threat is saved
    # (revision 0007). Computed at query time it spans two tables, which no index holds: a
    # sort of every threat (over a second at a million) instead of a walk down the index below.
    sort_date: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_threats_sort_date_id", "sort_date", "id"),)

    spans: Mapped[list[DbThreatSpan]] = relationship(
        cascade="all, delete-orphan", order_by="DbThreatSpan.ordinal", passive_deletes=True
    )


class DbThreatSpan(Base):
    __tablename__ = "threat_spans"

    threat_id: Mapped[int] = mapped_column(Integer, ForeignKey("threats.id", ondelete="CASCADE"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    principal: Mapped[bool] = mapped_column(Boolean, default=False)


class DbEvent(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String, ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32))
    actor_actor_id: Mapped[str | None] = mapped_column(
        String, ForeignKey("actors.actor_id", ondelete="SET NULL"), index=True
    )
    target_actor_id: Mapped[str | None] = mapped_column(
        String, ForeignKey("actors.actor_id", ondelete="SET NULL"), index=True
    )
    actor_mention: Mapped[str | None] = mapped_column(Text)
    target_mention: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(32))

    spans: Mapped[list[DbEventSpan]] = relationship(
        cascade="all, delete-orphan", order_by="DbEventSpan.ordinal", passive_deletes=True
    )


class DbEventSpan(Base):
    __tablename__ = "event_spans"

    event_id: Mapped[int] = mapped_column(Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    principal: Mapped[bool] = mapped_column(Boolean, default=False)
