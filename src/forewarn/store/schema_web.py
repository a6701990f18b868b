"""Tables of the analysts' workspace (web dashboard and HTTP API): users, API tokens, and
analyst reviews of threats (confirm / reject / correct) with who and when.

Reviews are keyed by the document and the threat's principal evidence span, not by the
threat's row id: re-analysing a document replaces its threat rows (new ids), and the
review must find its threat again (`forewarn.store.browse.reapply_reviews`). Migration:
revision "0003_web".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from forewarn.store.schema import Base, DbMention, DbThreat, utcnow


class DbUser(Base):
    """An analyst or a tool that writes through the API."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbApiToken(Base):
    """An API token: `fw_<key_id>_<secret>`. The key id finds the row; only the SHA-256 of
    the secret is stored, and it is compared in constant time."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class DbThreatReview(Base):
    """The standing analyst verdict on one threat: its status and any corrected field
    (None = not corrected). `threat_id` points at the current row of the threat; it is
    cleared when a re-analysis deletes that row and set again when the threat is found."""

    __tablename__ = "threat_reviews"
    __table_args__ = (UniqueConstraint("doc_id", "evidence_start", "evidence_end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String, ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    threat_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("threats.id", ondelete="SET NULL"), index=True, unique=True
    )
    status: Mapped[str | None] = mapped_column(String(32))
    speaker_actor_id: Mapped[str | None] = mapped_column(String, ForeignKey("actors.actor_id", ondelete="SET NULL"))
    target_actor_id: Mapped[str | None] = mapped_column(String, ForeignKey("actors.actor_id", ondelete="SET NULL"))
    type: Mapped[str | None] = mapped_column(String(32))
    form: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DbThreatReviewLog(Base):
    """Every review action, in order: who changed what (field -> [before, after]) and when."""

    __tablename__ = "threat_review_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    review_id: Mapped[int] = mapped_column(Integer, ForeignKey("threat_reviews.id", ondelete="CASCADE"), index=True)
    threat_id: Mapped[int | None] = mapped_column(Integer)  # the row id at the time (ids change on re-analysis)
    user_name: Mapped[str] = mapped_column(String(200))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# Indexes the workspace's queries need to stay fast at 100,000+ threats (benchmarks/web_bench.py):
# threats against an actor newest first, its timeline by type and who threatens it (covering);
# who an actor threatens and the ties among a network's actors (covering); the review queue
# and its count; an actor's mention and document counts (covering).
Index("ix_web_threats_target_date", DbThreat.target_actor_id, DbThreat.date, DbThreat.type, DbThreat.speaker_actor_id)
Index("ix_web_threats_speaker_target", DbThreat.speaker_actor_id, DbThreat.target_actor_id)
Index("ix_web_threats_status_date", DbThreat.status, DbThreat.date)
Index("ix_web_mentions_actor_doc", DbMention.actor_id, DbMention.doc_id)
