"""Join the branches of session 2 (web, early warning, search) so later migrations have one parent.

Revision ID: 0006_merge
Revises: 0003_web, 0004_warning, 0005_search
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "0006_merge"
down_revision: str | Sequence[str] | None = ("0003_web", "0004_warning", "0005_search")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # nothing to change: the three branches touch different tables


def downgrade() -> None:
    pass
