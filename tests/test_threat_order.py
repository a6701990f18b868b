"""Threat listings newest first on the stored sort date (revision 0007): the threat's date, else
its document's publication date, undated threats last, then the newest id; on every backend,
for stores written by `save_analysis` and for threats stored before the column existed."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, text

from forewarn.model import ActorRef, DocActor, Document, DocumentAnalysis, Span, Threat
from forewarn.store import Store
from forewarn.store.browse import ThreatFilter, list_threats
from forewarn.store.migrate import alembic_config, make_engine
from forewarn.store.schema import DbThreat
from forewarn.store.search import search_threats

# (doc_id, published, [threat dates]): equal dates, a month alone, threats without a date in
# dated and undated documents, a document dated later than its threats
DOCUMENTS = [
    ("d1", "2025-03-03", ["2025-03-02", None]),
    ("d2", None, [None, "2025-01-15", None]),
    ("d3", "2025-04-10", ["2025-03-02", "2025-04"]),
    ("d4", "2025-02-20", [None]),
    ("d5", None, ["2025-05-01"]),
]


def analysis(doc_id: str, published: str | None, dates: list[str | None]) -> DocumentAnalysis:
    words = [f"threat{i} against Marsh." for i in range(len(dates))]
    body = " ".join(words)
    document = Document(doc_id=doc_id, text=body, published=published)
    at = body.index("Marsh")
    marsh = DocActor("L1", "Elena Marsh", "PERSON", mentions=[Span.of(body, at, at + 5)], actor_id="A1")
    threats = []
    at = 0
    for word, date in zip(words, dates, strict=True):
        threats.append(
            Threat(
                speaker=None,
                target=ActorRef("L1"),
                evidence=Span.of(body, at, at + len(word)),
                type="violence",
                form="direct",
                date=date,
                score=0.5,
            )
        )
        at += len(word) + 1
    return DocumentAnalysis(document, [marsh], threats, [])


def fill(store: Store) -> None:
    for doc_id, published, dates in DOCUMENTS:
        store.save_analysis(analysis(doc_id, published, dates))


def expected_order(store: Store) -> list[tuple[int, str | None]]:
    """(threat id, sort date) newest first, computed here from the plain columns."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT t.id, t.date, d.published FROM threats t JOIN documents d ON d.doc_id = t.doc_id")
        ).all()
    keyed = [(i, date if date is not None else published) for i, date, published in rows]
    dated = sorted((r for r in keyed if r[1] is not None), key=lambda r: (r[1], r[0]), reverse=True)
    undated = sorted((r for r in keyed if r[1] is None), key=lambda r: r[0], reverse=True)
    return dated + undated


def test_newest_first_on_the_stored_sort_date(db_url: str) -> None:
    with Store(db_url) as store:
        fill(store)
        order = expected_order(store)
        assert len(order) == 9 and [d for _, d in order].count(None) == 2
        with store._sessions() as s:
            stored = dict(s.execute(select(DbThreat.id, DbThreat.sort_date)).all())
        assert stored == dict(order)
        assert [t.threat_id for t in store.threats()] == [i for i, _ in order]
        # every limit, including those that end among the dated threats, at the boundary and
        # among the undated ones, gives the head of the same order
        for limit in range(len(order) + 2):
            assert [t.threat_id for t in store.threats(limit=limit)] == [i for i, _ in order][:limit]
        for since in ("2025-03-02", "2025-04", "2025-04-10", "2026"):
            assert [t.threat_id for t in store.threats(since=since)] == [i for i, d in order if d and d >= since]
        # full-text search sorts its hits the same way
        assert [t.threat_id for t in search_threats(store, "against Marsh", limit=None)] == [i for i, _ in order]
        assert [t.threat_id for t in store.threats(target="Marsh", limit=4)] == [i for i, _ in order][:4]


def test_the_sort_date_follows_a_re_analysed_document(db_url: str) -> None:
    with Store(db_url) as store:
        fill(store)
        # d4's threat has no date of its own: dated by its document, now published later
        store.save_analysis(analysis("d4", "2025-06-30", [None]))
        newest = store.threats(limit=1)[0]
        assert (newest.doc_id, newest.date, newest.doc_published) == ("d4", None, "2025-06-30")
        assert [t.threat_id for t in store.threats()] == [i for i, _ in expected_order(store)]
        # and without any date it goes among the undated ones at the end, newest (id) first
        store.save_analysis(analysis("d4", None, [None]))
        assert [t.doc_id for t in store.threats()][-3:] == ["d4", "d2", "d2"]
        assert [t.threat_id for t in store.threats()] == [i for i, _ in expected_order(store)]
        assert "d4" not in {t.doc_id for t in store.threats(since="2025-01-01")}


def test_the_migration_fills_the_sort_date_of_stored_threats(db_url: str) -> None:
    """A store written before revision 0007 gets every threat's sort date on upgrade."""
    command.upgrade(alembic_config(db_url), "0006_merge")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for doc_id, published, dates in DOCUMENTS:
                conn.execute(
                    text(
                        "INSERT INTO documents (doc_id, content_hash, text, published, language, ignored, metadata) "
                        "VALUES (:doc_id, :doc_id, 'x', :published, 'en', '[]', '{}')"
                    ),
                    {"doc_id": doc_id, "published": published},
                )
                for date in dates:
                    conn.execute(
                        text(
                            "INSERT INTO threats (doc_id, type, form, date, score, status) "
                            "VALUES (:doc_id, 'violence', 'direct', :date, 0.5, 'unreviewed')"
                        ),
                        {"doc_id": doc_id, "date": date},
                    )
    finally:
        engine.dispose()
    with Store(db_url) as store:  # migrates to head
        with store._sessions() as s:
            stored = dict(s.execute(select(DbThreat.id, DbThreat.sort_date)).all())
        order = expected_order(store)
        assert stored == dict(order)
        assert sum(1 for d in stored.values() if d is None) == 2
        assert [t.threat_id for t in store.threats()] == [i for i, _ in order]


@pytest.mark.parametrize(
    ("date_from", "date_to"), [("2025-02-01", "2025-02-28"), ("2025-03-03", None), (None, "2025-02-20")]
)
def test_workspace_date_filters_date_undated_threats_by_their_document(
    db_url: str, date_from: str | None, date_to: str | None
) -> None:
    with Store(db_url) as store:
        fill(store)
        f = ThreatFilter(date_from=date_from, date_to=date_to)
        items = list_threats(store, f, limit=200).items
        wanted = {
            i
            for i, d in expected_order(store)
            if d is not None and (date_from is None or d >= date_from) and (date_to is None or d <= date_to)
        }
        assert {item.row.threat_id for item in items} == wanted
        # pages of one follow the same order through the keyset cursor
        seen, cursor = [], None
        while True:
            page = list_threats(store, f, limit=1, cursor=cursor)
            seen += [item.row.threat_id for item in page.items]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert seen == [item.row.threat_id for item in items]
