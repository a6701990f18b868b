"""Persistence of analyses: documents, actors (with aliases, affiliations and the history
of merges and splits), mentions, threats and events with their evidence spans.

SQLAlchemy 2.x on SQLite by default (PostgreSQL-ready types); the schema is managed by
Alembic migrations shipped in `forewarn/store/migrations`, applied on open.
"""

from forewarn.store import schema_warning as schema_warning  # clusters, watchlists, alerts, monitoring
from forewarn.store import schema_web as schema_web  # web workspace tables: users, tokens, reviews
from forewarn.store.core import CORRECTION_KINDS, DB_ENV, MERGE_KINDS, MergeKind, Store
from forewarn.store.views import (
    ActorProfile,
    ActorRow,
    AffiliationRow,
    DocumentView,
    ErrorRow,
    EventRow,
    KnownActorRow,
    MentionRow,
    MergeRecord,
    ThreatRow,
    alias_key,
)

__all__ = [
    "CORRECTION_KINDS",
    "DB_ENV",
    "MERGE_KINDS",
    "ActorProfile",
    "ActorRow",
    "AffiliationRow",
    "DocumentView",
    "ErrorRow",
    "EventRow",
    "KnownActorRow",
    "MentionRow",
    "MergeKind",
    "MergeRecord",
    "Store",
    "ThreatRow",
    "alias_key",
]
