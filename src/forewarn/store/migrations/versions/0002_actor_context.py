"""Actor context: the resolver's context tokens (titles, affiliations, co-mentioned actors)
kept per actor, so context-dependent merges hold across runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN (no batch copy): existing rows get the empty list; on SQLite a table
    # copy would fire the ON DELETE CASCADEs of the tables referencing actors
    op.add_column("actors", sa.Column("context", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    # SQLite >= 3.35 and PostgreSQL drop a plain column in place
    op.drop_column("actors", "context")
