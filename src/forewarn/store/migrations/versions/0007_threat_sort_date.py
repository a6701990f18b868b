"""Threat listings' order key stored and indexed: `threats.sort_date` = COALESCE(the threat's
date, its document's publication date), filled for existing threats here and by
`Store.save_analysis` for new ones; index (sort_date, id) for newest-first and since-a-date
listings.

Revision ID: 0007_threat_sort_date
Revises: 0006_merge
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_threat_sort_date"
down_revision: str | Sequence[str] | None = "0006_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN (no batch copy): on SQLite a table copy would fire the ON DELETE
    # CASCADE of threat_spans
    op.add_column("threats", sa.Column("sort_date", sa.String(length=32), nullable=True))
    # two passes so that almost every row (threats with a date of their own) is filled without
    # a lookup in documents; the index is built after the fill, once, rather than row by row
    op.execute("UPDATE threats SET sort_date = date WHERE date IS NOT NULL")
    op.execute(
        "UPDATE threats SET sort_date = "
        "(SELECT documents.published FROM documents WHERE documents.doc_id = threats.doc_id) "
        "WHERE date IS NULL"
    )
    op.create_index("ix_threats_sort_date_id", "threats", ["sort_date", "id"])


def downgrade() -> None:
    op.drop_index("ix_threats_sort_date_id", table_name="threats")
    # SQLite >= 3.35 and PostgreSQL drop a plain column in place
    op.drop_column("threats", "sort_date")
