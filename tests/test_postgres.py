"""PostgreSQL as the team store: URLs, full-text search and its indexes, text PostgreSQL
cannot hold, and several processes opening one new store at once (fictional news text)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from forewarn.cli.app import app
from forewarn.model import Document, DocumentAnalysis
from forewarn.store import Store
from forewarn.store.migrate import make_engine, normalise_url
from forewarn.store.search import search_documents, search_threats
from test_store import TEXT_1, analysis_1, analysis_2


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    assert normalise_url("postgresql://u:secret@db.example:5433/fw") == "postgresql+psycopg://u:secret@db.example:5433/fw"
    assert normalise_url("postgres://u@db/fw") == "postgresql+psycopg://u@db/fw"
    assert normalise_url("postgresql+psycopg://u@db/fw") == "postgresql+psycopg://u@db/fw"
    assert normalise_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    engine = make_engine("postgresql://u@db.example/fw")  # no connection is made yet
    try:
        assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")
    finally:
        engine.dispose()


def test_full_text_search_on_every_backend(db_url: str) -> None:
    with Store(db_url) as store:
        store.save_analysis(analysis_1())
        store.save_analysis(analysis_2())
        # evidence: "If she opens the polling stations, we will burn her offices to the ground"
        assert [t.doc_id for t in search_threats(store, "burn offices")] == ["kavala-1"]
        assert {t.evidence.text for t in search_threats(store, "end of the year")} == {
            "will not see the end of the year"
        }
        assert search_threats(store, "parliament") == []
        assert search_threats(store, "  ...  ") == []
        hits = search_documents(store, "Governor")
        assert {h.doc_id for h in hits} == {"kavala-1", "kavala-2"}
        assert [h.doc_id for h in search_documents(store, "polling stations")] == ["kavala-1"]
        assert search_documents(store, "Tarrow police")[0].title == "Militia leader threatens governor ahead of vote"


def test_postgresql_search_stems_and_uses_the_gin_indexes(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        store.save_analysis(analysis_1())
        store.save_analysis(analysis_2())
        # English stemming: "burning" and "opened" find "burn" and "opens"
        assert [t.doc_id for t in search_threats(store, "burning")] == ["kavala-1"]
        assert [h.doc_id for h in search_documents(store, "opened polling")] == ["kavala-1"]
        # websearch syntax: a phrase, and a word excluded
        assert [h.doc_id for h in search_documents(store, '"Red Dawn Front"')] == ["kavala-2"]
        assert [h.doc_id for h in search_documents(store, "governor -Brek")] == ["kavala-1"]
        with store.engine.connect() as conn:
            indexes = set(
                conn.execute(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_fts'")).scalars()
            )
            assert indexes == {"ix_documents_text_fts", "ix_threat_spans_text_fts", "ix_event_spans_text_fts"}
            # with sequential scans priced out (two rows would not need an index), the
            # planner picks the GIN index for the very expression search.py generates
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(
                conn.execute(
                    text(
                        "EXPLAIN SELECT doc_id FROM documents WHERE to_tsvector('english', text) "
                        "@@ websearch_to_tsquery('english', 'polling')"
                    )
                ).scalars()
            )
            assert "ix_documents_text_fts" in plan


def test_nul_characters_are_stored_with_offsets_intact(db_url: str) -> None:
    """Scraped text can hold NUL characters; PostgreSQL text cannot. The store keeps the
    document (NUL bound as U+FFFD there) and every offset still points at its words."""
    a = analysis_1()
    nul_text = TEXT_1.replace("KAVALA,", "KAVALA\x00")
    assert len(nul_text) == len(TEXT_1)
    doc = a.document
    a = DocumentAnalysis(
        Document(doc_id=doc.doc_id, text=nul_text, title="title\x00", published=doc.published),
        a.actors,
        a.threats,
        a.events,
    )
    with Store(db_url) as store:
        store.save_analysis(a)
        view = store.document("kavala-1")
        assert view is not None
        assert len(view.text) == len(TEXT_1)
        assert view.text.replace("\ufffd", "\x00") == nul_text
        for t in view.threats:
            assert view.text[t.evidence.start : t.evidence.end] == t.evidence.text


def test_processes_opening_a_new_store_at_once_migrate_it_once(postgres_url: str) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def open_store() -> None:
        try:
            barrier.wait(timeout=20)
            Store(postgres_url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    with Store(postgres_url) as store:
        assert store.counts()["documents"] == 0


def test_analyze_and_query_with_a_plain_postgresql_url(postgres_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "kavala.txt").write_text(TEXT_1 + "\n", encoding="utf-8")
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(corpus), "--db", plain])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["threats", "--db", plain, "--format", "json", "--target", "marsh"])
    assert result.exit_code == 0, result.output
    assert "Vasko" in result.output
    with Store(plain) as store:
        assert store.documents() == ["kavala"]


@pytest.mark.parametrize("query", ["", "   ", "!!"])
def test_empty_queries_find_nothing(db_url: str, query: str) -> None:
    with Store(db_url) as store:
        store.save_analysis(analysis_1())
        assert search_threats(store, query) == []
        assert search_documents(store, query) == []
