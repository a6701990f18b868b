"""Initial schema: documents, ingest errors, actors (aliases, affiliations, merges),
mentions, threats and events with their evidence spans.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _actor_fk(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["actors.actor_id"], name=f"fk_{table}_{column}_actors", ondelete=ondelete)


def _doc_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["doc_id"], ["documents.doc_id"], name=f"fk_{table}_doc_id_documents", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("ignored", sa.JSON(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("analysed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("doc_id", name="pk_documents"),
    )
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])

    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
    )

    op.create_table(
        "actors",
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("merged_into", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _actor_fk("merged_into", "actors", "SET NULL"),
        sa.PrimaryKeyConstraint("actor_id", name="pk_actors"),
    )
    op.create_index("ix_actors_merged_into", "actors", ["merged_into"])

    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        _actor_fk("actor_id", "actor_aliases", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_actor_aliases"),
        sa.UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_id_alias"),
    )
    op.create_index("ix_actor_aliases_key", "actor_aliases", ["key"])

    op.create_table(
        "actor_affiliations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("org_id", sa.String(), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        _doc_fk("actor_affiliations"),
        _actor_fk("org_id", "actor_affiliations", "CASCADE"),
        _actor_fk("person_id", "actor_affiliations", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_actor_affiliations"),
    )
    op.create_index("ix_actor_affiliations_doc_id", "actor_affiliations", ["doc_id"])
    op.create_index("ix_actor_affiliations_org_id", "actor_affiliations", ["org_id"])
    op.create_index("ix_actor_affiliations_person_id", "actor_affiliations", ["person_id"])

    op.create_table(
        "actor_merges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=True),
        sa.Column("analyst", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actor_merges"),
    )
    op.create_index("ix_actor_merges_kind", "actor_merges", ["kind"])

    op.create_table(
        "actor_merge_members",
        sa.Column("merge_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merge_id"],
            ["actor_merges.id"],
            name="fk_actor_merge_members_merge_id_actor_merges",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("merge_id", "position", name="pk_actor_merge_members"),
    )
    op.create_index("ix_actor_merge_members_actor_id", "actor_merge_members", ["actor_id"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _actor_fk("actor_id", "mentions", "CASCADE"),
        _doc_fk("mentions"),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    op.create_index("ix_mentions_actor_id", "mentions", ["actor_id"])
    op.create_index("ix_mentions_doc_id", "mentions", ["doc_id"])

    op.create_table(
        "threats",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("speaker_actor_id", sa.String(), nullable=True),
        sa.Column("speaker_org_actor_id", sa.String(), nullable=True),
        sa.Column("target_actor_id", sa.String(), nullable=True),
        sa.Column("speaker_mention", sa.Text(), nullable=True),
        sa.Column("speaker_mention_start", sa.Integer(), nullable=True),
        sa.Column("speaker_mention_end", sa.Integer(), nullable=True),
        sa.Column("target_mention", sa.Text(), nullable=True),
        sa.Column("target_mention_start", sa.Integer(), nullable=True),
        sa.Column("target_mention_end", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), server_default="unreviewed", nullable=False),
        _doc_fk("threats"),
        _actor_fk("speaker_actor_id", "threats", "SET NULL"),
        _actor_fk("speaker_org_actor_id", "threats", "SET NULL"),
        _actor_fk("target_actor_id", "threats", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_threats"),
    )
    op.create_index("ix_threats_date", "threats", ["date"])
    op.create_index("ix_threats_doc_id", "threats", ["doc_id"])
    op.create_index("ix_threats_speaker_actor_id", "threats", ["speaker_actor_id"])
    op.create_index("ix_threats_speaker_org_actor_id", "threats", ["speaker_org_actor_id"])
    op.create_index("ix_threats_target_actor_id", "threats", ["target_actor_id"])

    op.create_table(
        "threat_spans",
        sa.Column("threat_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("principal", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["threat_id"], ["threats.id"], name="fk_threat_spans_threat_id_threats", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("threat_id", "ordinal", name="pk_threat_spans"),
    )

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("actor_actor_id", sa.String(), nullable=True),
        sa.Column("target_actor_id", sa.String(), nullable=True),
        sa.Column("actor_mention", sa.Text(), nullable=True),
        sa.Column("target_mention", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=32), nullable=True),
        _actor_fk("actor_actor_id", "events", "SET NULL"),
        _doc_fk("events"),
        _actor_fk("target_actor_id", "events", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_actor_actor_id", "events", ["actor_actor_id"])
    op.create_index("ix_events_doc_id", "events", ["doc_id"])
    op.create_index("ix_events_target_actor_id", "events", ["target_actor_id"])

    op.create_table(
        "event_spans",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("principal", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_event_spans_event_id_events", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "ordinal", name="pk_event_spans"),
    )


def downgrade() -> None:
    # children before parents; dropping a table drops its indexes
    for table in (
        "event_spans",
        "events",
        "threat_spans",
        "threats",
        "mentions",
        "actor_merge_members",
        "actor_merges",
        "actor_affiliations",
        "actor_aliases",
        "actors",
        "ingest_errors",
        "documents",
    ):
        op.drop_table(table)
