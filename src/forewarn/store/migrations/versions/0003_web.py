"""Web workspace: users, API tokens (hashed), analyst reviews of threats and their log.

Revision ID: 0003_web
Revises: 0002
Create Date: 2026-01-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_web"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("secret_sha256", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("key_id", name="uq_api_tokens_key_id"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])

    op.create_table(
        "threat_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("threat_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("speaker_actor_id", sa.String(), nullable=True),
        sa.Column("target_actor_id", sa.String(), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=True),
        sa.Column("form", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=200), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.doc_id"], name="fk_threat_reviews_doc_id_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["threat_id"], ["threats.id"], name="fk_threat_reviews_threat_id_threats", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_actor_id"],
            ["actors.actor_id"],
            name="fk_threat_reviews_speaker_actor_id_actors",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["target_actor_id"],
            ["actors.actor_id"],
            name="fk_threat_reviews_target_actor_id_actors",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_threat_reviews"),
        sa.UniqueConstraint(
            "doc_id", "evidence_start", "evidence_end", name="uq_threat_reviews_doc_id_evidence_start_evidence_end"
        ),
    )
    op.create_index("ix_threat_reviews_doc_id", "threat_reviews", ["doc_id"])
    op.create_index("ix_threat_reviews_threat_id", "threat_reviews", ["threat_id"], unique=True)

    op.create_table(
        "threat_review_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("threat_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["threat_reviews.id"],
            name="fk_threat_review_log_review_id_threat_reviews",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_threat_review_log"),
    )
    op.create_index("ix_threat_review_log_review_id", "threat_review_log", ["review_id"])

    # read paths of the workspace (see forewarn.store.schema_web)
    op.create_index("ix_web_threats_target_date", "threats", ["target_actor_id", "date", "type", "speaker_actor_id"])
    op.create_index("ix_web_threats_speaker_target", "threats", ["speaker_actor_id", "target_actor_id"])
    op.create_index("ix_web_threats_status_date", "threats", ["status", "date"])
    op.create_index("ix_web_mentions_actor_doc", "mentions", ["actor_id", "doc_id"])


def downgrade() -> None:
    op.drop_index("ix_web_mentions_actor_doc", table_name="mentions")
    op.drop_index("ix_web_threats_status_date", table_name="threats")
    op.drop_index("ix_web_threats_speaker_target", table_name="threats")
    op.drop_index("ix_web_threats_target_date", table_name="threats")
    op.drop_index("ix_threat_review_log_review_id", table_name="threat_review_log")
    op.drop_table("threat_review_log")
    op.drop_index("ix_threat_reviews_threat_id", table_name="threat_reviews")
    op.drop_index("ix_threat_reviews_doc_id", table_name="threat_reviews")
    op.drop_table("threat_reviews")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
