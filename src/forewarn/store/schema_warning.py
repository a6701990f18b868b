"""Tables of the early-warning stage (issue 5): threat clusters (one threat, many reports),
watchlists, alerts with their delivery outbox, and the state of monitored sources.

Same `Base` (and naming convention) as `forewarn.store.schema`; the matching Alembic
revision is `0004_warning`. Actor ids are plain strings here, not foreign keys: an alert or
a watch entry must outlive an analyst's merge or split of the actor it names (ids of
merged actors still resolve through `Store.resolve_id`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from forewarn.store.schema import Base, utcnow


class DbThreatCluster(Base):
    """One threat event: the same act of threatening, however many documents report it.

    The row outlives its members on purpose: when a document is re-analysed its threats are
    deleted and recreated with new ids, and the recreated threat finds its old cluster again
    through `DbThreatClusterAnchor`, so cluster ids (and the alerts keyed on them) stay stable.
    """

    __tablename__ = "threat_clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    speaker_actor_id: Mapped[str | None] = mapped_column(String, index=True)
    speaker_org_actor_id: Mapped[str | None] = mapped_column(String)
    target_actor_id: Mapped[str | None] = mapped_column(String, index=True)
    type: Mapped[str] = mapped_column(String(32))
    form: Mapped[str] = mapped_column(String(32))
    date: Mapped[str | None] = mapped_column(String(32), index=True)  # when the threat was made
    earliest_published: Mapped[str | None] = mapped_column(String(32))
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    doc_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbThreatClusterMember(Base):
    """A threat (one report in one document) and the cluster it belongs to."""

    __tablename__ = "threat_cluster_members"

    threat_id: Mapped[int] = mapped_column(Integer, ForeignKey("threats.id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[int] = mapped_column(Integer, ForeignKey("threat_clusters.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float, default=1.0)
    reason: Mapped[str] = mapped_column(Text, default="")


class DbThreatClusterAnchor(Base):
    """Every report a cluster ever had, by an identity that survives re-analysis:
    "doc_id:start:end" of the principal evidence span."""

    __tablename__ = "threat_cluster_anchors"

    anchor: Mapped[str] = mapped_column(String, primary_key=True)
    cluster_id: Mapped[int] = mapped_column(Integer, ForeignKey("threat_clusters.id", ondelete="CASCADE"), index=True)


class DbWatchEntry(Base):
    """Something an analyst watches: a target, a speaker, an organisation or a keyword."""

    __tablename__ = "watch_entries"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # target | speaker | org | keyword
    value: Mapped[str] = mapped_column(Text)  # actor id, or the keyword
    label: Mapped[str] = mapped_column(Text, default="")  # the actor's name when added
    threshold: Mapped[float | None] = mapped_column(Float)  # score alert level (targets)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbAlertChannel(Base):
    """Where alerts go: console, a JSONL file, a webhook or an email address."""

    __tablename__ = "alert_channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # console | jsonl | webhook | email
    # path / url / smtp host, port and addresses; secrets are never stored, only the name of
    # the environment variable that holds them
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbAlert(Base):
    """An alert raised by a rule; `key` makes raising it again a no-op."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    rule: Mapped[str] = mapped_column(String(32), index=True)
    watch_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("watch_entries.id", ondelete="SET NULL"))
    actor_id: Mapped[str | None] = mapped_column(String, index=True)
    cluster_id: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    title: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbAlertDelivery(Base):
    """The outbox: one row per alert and channel, delivered at most once.

    `status` goes pending -> delivered (committed only after the channel accepted it) or,
    after too many attempts, failed; `claimed_until` is a lease so that two watchers never
    send the same row at the same time; `idempotency_key` travels with the message
    (Idempotency-Key header, Message-ID) so a receiver can drop a repeat after a crash
    between sending and committing.
    """

    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(Integer, ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[int] = mapped_column(Integer, ForeignKey("alert_channels.id", ondelete="CASCADE"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String, unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbMonitorSource(Base):
    """A folder or feed `forewarn watch` polls, with what conditional GET needs."""

    __tablename__ = "monitor_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    location: Mapped[str] = mapped_column(String, unique=True)  # feed URL or folder path
    kind: Mapped[str] = mapped_column(String(16))  # feed | folder
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_checked: Mapped[datetime | None] = mapped_column(DateTime)


class DbMonitorItem(Base):
    """An item seen by `forewarn watch` (an article URL or a file), so it is read once."""

    __tablename__ = "monitor_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(Integer, ForeignKey("monitor_sources.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str] = mapped_column(String, unique=True)  # canonical URL, or path:size:mtime
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    doc_id: Mapped[str | None] = mapped_column(String)
    status: Mapped[str] = mapped_column(String(16))  # analysed | duplicate | failed (retried)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    error: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
