"""Early warning: threat clusters (one threat, many reports), watchlists, alerts and their
delivery outbox, and the state of monitored feeds and folders.

Revision ID: 0004_warning
Revises: 0002
Create Date: 2026-01-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_warning"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "threat_clusters",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("speaker_actor_id", sa.String(), nullable=True),
        sa.Column("speaker_org_actor_id", sa.String(), nullable=True),
        sa.Column("target_actor_id", sa.String(), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("earliest_published", sa.String(length=32), nullable=True),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("doc_ids", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_threat_clusters"),
    )
    op.create_index("ix_threat_clusters_speaker_actor_id", "threat_clusters", ["speaker_actor_id"])
    op.create_index("ix_threat_clusters_target_actor_id", "threat_clusters", ["target_actor_id"])
    op.create_index("ix_threat_clusters_date", "threat_clusters", ["date"])

    op.create_table(
        "threat_cluster_members",
        sa.Column("threat_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["threat_id"], ["threats.id"], name="fk_threat_cluster_members_threat_id_threats", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["threat_clusters.id"],
            name="fk_threat_cluster_members_cluster_id_threat_clusters",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("threat_id", name="pk_threat_cluster_members"),
    )
    op.create_index("ix_threat_cluster_members_cluster_id", "threat_cluster_members", ["cluster_id"])

    op.create_table(
        "threat_cluster_anchors",
        sa.Column("anchor", sa.String(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["threat_clusters.id"],
            name="fk_threat_cluster_anchors_cluster_id_threat_clusters",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("anchor", name="pk_threat_cluster_anchors"),
    )
    op.create_index("ix_threat_cluster_anchors_cluster_id", "threat_cluster_anchors", ["cluster_id"])

    op.create_table(
        "watch_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watch_entries"),
        sa.UniqueConstraint("kind", "value", name="uq_watch_entries_kind_value"),
    )

    op.create_table(
        "alert_channels",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alert_channels"),
        sa.UniqueConstraint("name", name="uq_alert_channels_name"),
    )

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.String(), nullable=True),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["watch_id"], ["watch_entries.id"], name="fk_alerts_watch_id_watch_entries", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("key", name="uq_alerts_key"),
    )
    op.create_index("ix_alerts_rule", "alerts", ["rule"])
    op.create_index("ix_alerts_actor_id", "alerts", ["actor_id"])

    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name="fk_alert_deliveries_alert_id_alerts", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["alert_channels.id"],
            name="fk_alert_deliveries_channel_id_alert_channels",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_alert_deliveries"),
        sa.UniqueConstraint("idempotency_key", name="uq_alert_deliveries_idempotency_key"),
    )
    op.create_index("ix_alert_deliveries_alert_id", "alert_deliveries", ["alert_id"])
    op.create_index("ix_alert_deliveries_channel_id", "alert_deliveries", ["channel_id"])
    op.create_index("ix_alert_deliveries_status", "alert_deliveries", ["status"])

    op.create_table(
        "monitor_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_checked", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_monitor_sources"),
        sa.UniqueConstraint("location", name="uq_monitor_sources_location"),
    )

    op.create_table(
        "monitor_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("doc_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["monitor_sources.id"], name="fk_monitor_items_source_id_monitor_sources", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_monitor_items"),
        sa.UniqueConstraint("item_key", name="uq_monitor_items_item_key"),
    )
    op.create_index("ix_monitor_items_source_id", "monitor_items", ["source_id"])
    op.create_index("ix_monitor_items_content_hash", "monitor_items", ["content_hash"])


def downgrade() -> None:
    for index, table in (
        ("ix_monitor_items_content_hash", "monitor_items"),
        ("ix_monitor_items_source_id", "monitor_items"),
    ):
        op.drop_index(index, table_name=table)
    op.drop_table("monitor_items")
    op.drop_table("monitor_sources")
    for index in ("ix_alert_deliveries_status", "ix_alert_deliveries_channel_id", "ix_alert_deliveries_alert_id"):
        op.drop_index(index, table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_index("ix_alerts_actor_id", table_name="alerts")
    op.drop_index("ix_alerts_rule", table_name="alerts")
    op.drop_table("alerts")
    op.drop_table("alert_channels")
    op.drop_table("watch_entries")
    op.drop_index("ix_threat_cluster_anchors_cluster_id", table_name="threat_cluster_anchors")
    op.drop_table("threat_cluster_anchors")
    op.drop_index("ix_threat_cluster_members_cluster_id", table_name="threat_cluster_members")
    op.drop_table("threat_cluster_members")
    for column in ("date", "target_actor_id", "speaker_actor_id"):
        op.drop_index(f"ix_threat_clusters_{column}", table_name="threat_clusters")
    op.drop_table("threat_clusters")
