"""Full-text search: PostgreSQL GIN indexes over the text of documents and of threat and
event evidence (to_tsvector('english', ...)); nothing on SQLite, where search scans.

The indexes are expressions PostgreSQL alone understands, so they live here and in
`forewarn.store.search` (which queries with the very same expressions, or the planner
would not use them), not in the ORM models.

Revision ID: 0005_search
Revises: 0002
Create Date: 2026-01-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_search"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index name, table, column): keep in step with forewarn.store.search.FULL_TEXT_INDEXES
INDEXES = (
    ("ix_documents_text_fts", "documents", "text"),
    ("ix_threat_spans_text_fts", "threat_spans", "text"),
    ("ix_event_spans_text_fts", "event_spans", "text"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, column in INDEXES:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (to_tsvector('english', {column}))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _table, _column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
