"""Full-text search over stored documents and threat evidence.

On PostgreSQL the search uses the GIN indexes of migration 0005_search: the query is parsed
by `websearch_to_tsquery` (words, "quoted phrases", `-not`, `or`) and matched against
`to_tsvector('english', text)`, so "threatening" finds "threatened" and a million threats
are searched through an index. On SQLite (a single analyst's store) every query word must
appear in the text, case-insensitively; no index, a scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, desc, func, literal_column, select
from sqlalchemy.orm import Session

from forewarn.store.core import Store, _threat_rows
from forewarn.store.schema import DbDocument, DbThreat, DbThreatSpan
from forewarn.store.views import ThreatRow

# the text search configuration of the indexes (migration 0005_search): a constant in the
# SQL, not a bound parameter, or PostgreSQL's planner cannot match the index expression
TS_CONFIG = "english"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DocumentHit:
    doc_id: str
    title: str | None
    published: str | None
    url: str | None
    rank: float


def _config() -> ColumnElement[str]:
    return literal_column(f"'{TS_CONFIG}'")


def _matches(s: Session, column: ColumnElement[str], query: str) -> ColumnElement[bool]:
    if s.get_bind().dialect.name == "postgresql":
        return func.to_tsvector(_config(), column).op("@@")(func.websearch_to_tsquery(_config(), query))
    words = [w.lower() for w in _WORD.findall(query)]
    return and_(*(func.lower(column).contains(w, autoescape=True) for w in words))


def _rank(s: Session, column: ColumnElement[str], query: str) -> ColumnElement[float]:
    if s.get_bind().dialect.name == "postgresql":
        return func.ts_rank(func.to_tsvector(_config(), column), func.websearch_to_tsquery(_config(), query))
    return literal_column("1.0")


def search_threats(store: Store, query: str, *, limit: int | None = 100) -> list[ThreatRow]:
    """Threats any of whose evidence spans matches `query`, newest first."""
    if not _WORD.search(query):
        return []
    with store._sessions() as s:
        matching = select(DbThreatSpan.threat_id).where(_matches(s, DbThreatSpan.text, query))
        return _threat_rows(s, [DbThreat.id.in_(matching)], limit=limit)


def search_documents(store: Store, query: str, *, limit: int | None = 100) -> list[DocumentHit]:
    """Documents whose text matches `query`, best match first (then by doc_id)."""
    if not _WORD.search(query):
        return []
    with store._sessions() as s:
        rank = _rank(s, DbDocument.text, query).label("rank")
        stmt = (
            select(DbDocument.doc_id, DbDocument.title, DbDocument.published, DbDocument.url, rank)
            .where(_matches(s, DbDocument.text, query))
            .order_by(desc(rank), DbDocument.doc_id)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [DocumentHit(r.doc_id, r.title, r.published, r.url, float(r.rank)) for r in s.execute(stmt)]
