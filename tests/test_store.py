"""Tests of forewarn.store and the CLI views over it (fictional news text)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from rich.console import Console
from rich.table import Table
from sqlalchemy import inspect

from forewarn.cli.views import show_actors, show_document, show_threats, threat_summary_table
from forewarn.model import (
    ActorRef,
    DocActor,
    Document,
    DocumentAnalysis,
    Event,
    IngestError,
    Span,
    Threat,
)
from forewarn.store import Store, alias_key
from forewarn.store.migrate import (
    alembic_config,
    current_revisions,
    head_revisions,
    include_schema_object,
    make_engine,
)
from forewarn.store.schema import Base

TEXT_1 = (
    "Militia leader threatens governor ahead of vote\n\n"
    "KAVALA, 2 March 2025 - Dorin Vasko, commander of the Northern Shield militia, warned on "
    'Sunday that Governor Elena Marsh would "pay with her life" if the regional election went '
    'ahead. "If she opens the polling stations, we will burn her offices to the ground," Vasko '
    "told a crowd of supporters. The Northern Shield claimed a bombing of a police post in Tarrow "
    "last month. Marsh called the threats cowardly and said the vote would go ahead."
)

TEXT_2 = (
    "Second group warns Kavala governor\n\n"
    "KAVALA, 10 April 2025 - Ilan Brek, a spokesman for the Red Dawn Front, said on Thursday "
    'that Governor Marsh "will not see the end of the year" unless she resigns. Mira Vasko, a '
    'Northern Shield organiser, told reporters the governor\'s convoy "is a target now". '
    "Police arrested two men near the governor's residence on Wednesday."
)


def span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span.of(text, start, start + len(phrase))


def analysis_1(doc_id: str = "kavala-1") -> DocumentAnalysis:
    t = TEXT_1
    doc = Document(
        doc_id=doc_id,
        text=t,
        title="Militia leader threatens governor ahead of vote",
        published="2025-03-03",
        url="https://example.org/kavala-1",
        source="Example Herald",
        source_path="feeds/herald.jsonl:1",
        ignored=[(0, 0)],
        metadata={"section": "world"},
    )
    vasko = DocActor(
        "L1",
        "Dorin Vasko",
        "PERSON",
        mentions=[span(t, "Dorin Vasko"), span(t, "Vasko", 1)],
        aliases=["Vasko"],
        titles=["commander"],
        affiliations=["L2"],
        actor_id="A1",
    )
    shield = DocActor(
        "L2",
        "Northern Shield",
        "ORG",
        mentions=[span(t, "Northern Shield"), span(t, "Northern Shield", 1)],
        actor_id="A2",
    )
    marsh = DocActor(
        "L3",
        "Elena Marsh",
        "PERSON",
        mentions=[span(t, "Elena Marsh"), span(t, "Marsh", 1)],
        aliases=["Marsh"],
        titles=["Governor"],
        actor_id="A3",
    )
    tarrow = DocActor("L4", "Tarrow", "GPE", mentions=[span(t, "Tarrow")], actor_id="A4")
    threats = [
        Threat(
            speaker=ActorRef("L1", span(t, "Dorin Vasko")),
            speaker_org=ActorRef("L2", span(t, "Northern Shield")),
            target=ActorRef("L3", span(t, "Governor Elena Marsh")),
            evidence=span(t, "pay with her life"),
            evidence_spans=[span(t, "Militia leader threatens governor ahead of vote")],
            type="violence",
            form="conditional",
            date="2025-03-02",
            score=0.9,
            cue="warned that X would",
        ),
        Threat(
            speaker=ActorRef("L1", span(t, "Vasko", 1)),
            speaker_org=ActorRef("L2"),
            target=ActorRef("L3"),
            evidence=span(t, "If she opens the polling stations, we will burn her offices to the ground"),
            type="violence",
            form="conditional",
            date="2025-03-02",
            score=0.8,
        ),
    ]
    events = [
        Event(
            type="bombing",
            evidence=span(t, "claimed a bombing of a police post in Tarrow"),
            actor=ActorRef("L2", span(t, "Northern Shield", 1)),
            location="Tarrow",
            date="2025-02",
        )
    ]
    return DocumentAnalysis(doc, [vasko, shield, marsh, tarrow], threats, events)


def analysis_2(marsh_id: str = "A3", mira_id: str = "A1") -> DocumentAnalysis:
    """Brek (Red Dawn Front) and Mira Vasko threaten Marsh. Resolution may have put Mira
    Vasko into Dorin Vasko's actor (mira_id='A1') and the governor into a new actor."""
    t = TEXT_2
    doc = Document(doc_id="kavala-2", text=t, title="Second group warns Kavala governor", published="2025-04-10")
    brek = DocActor(
        "L1",
        "Ilan Brek",
        "PERSON",
        mentions=[span(t, "Ilan Brek")],
        titles=["spokesman"],
        affiliations=["L2"],
        actor_id="A5",
    )
    front = DocActor("L2", "Red Dawn Front", "ORG", mentions=[span(t, "Red Dawn Front")], actor_id="A6")
    marsh = DocActor(
        "L3",
        "Governor Marsh",
        "PERSON",
        mentions=[span(t, "Governor Marsh")],
        aliases=["Marsh"],
        actor_id=marsh_id,
    )
    mira = DocActor(
        "L4",
        "Mira Vasko",
        "PERSON",
        mentions=[span(t, "Mira Vasko")],
        affiliations=["L5"],
        actor_id=mira_id,
    )
    shield = DocActor("L5", "Northern Shield", "ORG", mentions=[span(t, "Northern Shield")], actor_id="A2")
    threats = [
        Threat(
            speaker=ActorRef("L1", span(t, "Ilan Brek")),
            speaker_org=ActorRef("L2", span(t, "Red Dawn Front")),
            target=ActorRef("L3", span(t, "Governor Marsh")),
            evidence=span(t, "will not see the end of the year"),
            type="violence",
            form="conditional",
            date="2025-04-10",
            score=0.85,
        ),
        Threat(
            speaker=ActorRef("L4", span(t, "Mira Vasko")),
            speaker_org=ActorRef("L5"),
            target=ActorRef("L3"),
            evidence=span(t, "is a target now"),
            type="violence",
            form="veiled",
            date=None,
            score=0.6,
        ),
    ]
    events = [Event(type="arrest", evidence=span(t, "Police arrested two men near the governor's residence"))]
    return DocumentAnalysis(doc, [brek, front, marsh, mira, shield], threats, events)


@pytest.fixture
def store(db_url: str):
    s = Store(db_url)
    yield s
    s.close()


def console() -> Console:
    return Console(record=True, width=120, color_system=None)


# ---------------------------------------------------------------------- schema


def test_migrations_create_schema_on_fresh_file(db_url: str) -> None:
    store = Store(db_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert {
            "alembic_version",
            "documents",
            "ingest_errors",
            "actors",
            "actor_aliases",
            "actor_affiliations",
            "actor_merges",
            "mentions",
            "threats",
            "threat_spans",
            "events",
            "event_spans",
        } <= tables
        with store.engine.connect() as conn:
            assert current_revisions(conn) == head_revisions()
            # the hand-written migrations match the models exactly, on every backend (the
            # PostgreSQL-only full-text indexes of 0005_search are not on the models)
            context = MigrationContext.configure(conn, opts={"include_object": include_schema_object})
            assert compare_metadata(context, Base.metadata) == []
            if store.engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            else:
                assert store.engine.dialect.name == "postgresql"
                assert store.engine.driver == "psycopg"
    finally:
        store.close()
    # reopening is a no-op upgrade; downgrade to base and back works
    Store(db_url).close()
    command.downgrade(alembic_config(db_url), "base")
    engine = make_engine(db_url)
    try:
        names = set(inspect(engine).get_table_names())
        assert "threats" not in names and "actors" not in names
    finally:
        engine.dispose()
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            assert current_revisions(conn) == head_revisions()
    finally:
        store.close()


def test_sqlite_file_and_folder_are_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'forewarn.db'}"
    Store(url).close()
    assert (tmp_path / "sub" / "forewarn.db").exists()
    with sqlite3.connect(tmp_path / "sub" / "forewarn.db") as raw:
        assert {r[0] for r in raw.execute("SELECT version_num FROM alembic_version")} == head_revisions()


def test_default_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FOREWARN_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Store.default_url() == f"sqlite:///{tmp_path / 'forewarn.db'}"
    monkeypatch.setenv("FOREWARN_DB", "postgresql+psycopg://u@localhost/fw")
    assert Store.default_url() == "postgresql+psycopg://u@localhost/fw"
    monkeypatch.setenv("FOREWARN_DB", str(tmp_path / "x.db"))
    assert Store.default_url() == f"sqlite:///{tmp_path / 'x.db'}"


def test_alias_key() -> None:
    assert alias_key("  Kata’ib  Hizb-Allah ") == "kataib hizb allah"
    assert alias_key("GOVERNOR  Marsh") == "governor marsh"
    assert alias_key("Çağlar") == "caglar"


# ---------------------------------------------------------------------- writing and reading


def test_save_and_read_back(store: Store) -> None:
    a = analysis_1()
    store.save_analysis(a)

    view = store.document("kavala-1")
    assert view is not None
    assert view.text == TEXT_1
    assert view.title == a.document.title
    assert view.published == "2025-03-03"
    assert view.metadata == {"section": "world"}
    assert view.content_hash == a.document.content_hash
    assert view.analysed_at
    assert view.to_document().text == TEXT_1

    assert len(view.threats) == 2
    t0 = view.threats[0]
    assert (t0.speaker_id, t0.speaker_name, t0.speaker_org_id, t0.speaker_org_name) == (
        "A1",
        "Dorin Vasko",
        "A2",
        "Northern Shield",
    )
    assert (t0.target_id, t0.target_name, t0.target_mention) == ("A3", "Elena Marsh", "Governor Elena Marsh")
    assert t0.evidence.text == "pay with her life"
    assert [s.text for s in t0.spans] == [
        "pay with her life",
        "Militia leader threatens governor ahead of vote",
    ]
    assert (t0.type, t0.form, t0.date, t0.score, t0.status, t0.cue) == (
        "violence",
        "conditional",
        "2025-03-02",
        0.9,
        "unreviewed",
        "warned that X would",
    )
    for row in [*view.threats, *view.events]:
        for s in row.spans:
            assert TEXT_1[s.start : s.end] == s.text
    assert [e.type for e in view.events] == ["bombing"]
    assert view.events[0].actor_name == "Northern Shield"
    assert view.events[0].location == "Tarrow"
    assert len(view.mentions) == 7
    assert all(TEXT_1[m.span.start : m.span.end] == m.span.text for m in view.mentions)

    known = {k.actor_id: k for k in store.known_actors()}
    assert set(known) == {"A1", "A2", "A3", "A4"}
    assert known["A1"].aliases == ("Dorin Vasko", "Vasko")
    assert known["A1"].affiliations == ("A2",)
    assert known["A3"].type == "PERSON"
    assert store.next_actor_number() == 5
    assert store.document("nope") is None


def test_resave_replaces_facts_and_keeps_review_status(store: Store) -> None:
    store.save_analysis(analysis_1())
    before = store.counts()
    first = store.threats(target="marsh")
    assert store.set_threat_status(first[0].threat_id, "confirmed")
    store.save_analysis(analysis_1())
    assert store.counts() == before
    assert before == {"documents": 1, "actors": 4, "mentions": 7, "threats": 2, "events": 1, "errors": 0}
    again = {t.evidence.text: t.status for t in store.threats()}
    assert again[first[0].evidence.text] == "confirmed"
    assert sorted(again.values()) == ["confirmed", "unreviewed"]
    # aliases do not pile up either
    assert next(k for k in store.known_actors() if k.actor_id == "A1").aliases == ("Dorin Vasko", "Vasko")
    assert len(store.actor_profile("A1").affiliations) == 1


def test_save_requires_resolved_actors(store: Store) -> None:
    a = analysis_1()
    a.actors[0].actor_id = None
    with pytest.raises(ValueError, match="actor_id"):
        store.save_analysis(a)
    b = analysis_1()
    b.threats[0].target = ActorRef("L99")
    with pytest.raises(ValueError, match="L99"):
        store.save_analysis(b)
    assert store.counts()["documents"] == 0


def test_metadata_is_stored_as_plain_json(store: Store) -> None:
    a = analysis_1()
    a.document.metadata = {"fetched": date(2025, 3, 3), "tags": ["vote", "militia"], "path": Path("a/b")}
    store.save_analysis(a)
    view = store.document("kavala-1")
    assert view is not None
    assert view.metadata == {"fetched": "2025-03-03", "tags": ["vote", "militia"], "path": "a/b"}


def test_has_document_by_hash(store: Store) -> None:
    a = analysis_1()
    assert store.has_document(a.document.content_hash) is None
    store.save_analysis(a)
    assert store.has_document(a.document.content_hash) == "kavala-1"
    assert store.has_document(Document("x", "other text").content_hash) is None


def test_threat_filters(store: Store) -> None:
    store.save_analysis(analysis_1())
    store.save_analysis(analysis_2())
    everything = store.threats()
    assert len(everything) == 4
    # newest first (a threat without date falls back to the document's date)
    assert everything[0].doc_id == "kavala-2"
    assert {t.target_id for t in store.threats(target="marsh")} == {"A3"}
    # an alias only seen in kavala-2 finds the actor, hence all its threats
    assert len(store.threats(target="GOVERNOR marsh")) == 4
    assert len(store.threats(target="A3")) == 4
    assert store.threats(target="Tarrow") == []
    assert {t.evidence.text for t in store.threats(speaker="brek")} == {"will not see the end of the year"}
    # the organisation matches threats its members made
    assert len(store.threats(speaker="northern shield")) == 3
    assert {t.doc_id for t in store.threats(since="2025-04-01")} == {"kavala-2"}
    assert len(store.threats(since="2025-04-01", speaker="vasko")) == 1
    assert len(store.threats(limit=1)) == 1
    assert store.threats(target="nobody at all") == []


def test_find_actors_and_profile(store: Store) -> None:
    store.save_analysis(analysis_1())
    store.save_analysis(analysis_2())
    names = [r.name for r in store.find_actors("vasko")]
    assert names == ["Dorin Vasko"]  # Mira Vasko was (wrongly) resolved into A1
    assert {r.actor_id for r in store.find_actors(None)} == {"A1", "A2", "A3", "A4", "A5", "A6"}
    marsh = store.find_actors("marsh")[0]
    assert marsh.aliases == ("Elena Marsh", "Marsh", "Governor Marsh")
    assert marsh.threats_received == 4
    assert marsh.documents == 2
    p = store.actor_profile("A2")
    assert {m.name for m in p.members} == {"Dorin Vasko"}
    assert len(p.threats_made) == 3
    p = store.actor_profile("A5")
    assert [a.name for a in p.affiliations] == ["Red Dawn Front"]
    assert [t.target_name for t in p.threats_made] == ["Elena Marsh"]
    with pytest.raises(KeyError):
        store.actor_profile("A404")


# ---------------------------------------------------------------------- corrections


def test_merge_repoints_facts_and_is_recorded(store: Store) -> None:
    store.save_analysis(analysis_1())
    store.save_analysis(analysis_2(marsh_id="A7"))  # resolution missed that this is Marsh
    assert len(store.threats(target="A3")) == 2
    store.record_merge("auto", ["A5", "A6"], ["Ilan Brek", "Red Dawn Front"], "affiliation stated", None)

    store.merge_actors("A3", "A7", analyst="kim", reason="same governor")

    assert len(store.threats(target="A3")) == 4
    assert len(store.threats(target="A7")) == 4  # the old id still resolves
    assert "A7" not in {k.actor_id for k in store.known_actors()}
    assert store.resolve_id("A7") == "A3"
    profile = store.actor_profile("A7")
    assert profile.actor_id == "A3"
    assert profile.merged_ids == ("A7",)
    assert "Governor Marsh" in profile.aliases
    assert profile.actor.documents == 2
    view = store.document("kavala-2")
    assert view is not None
    assert {m.actor_id for m in view.mentions if "Marsh" in m.span.text} == {"A3"}

    corrections = store.corrections()
    assert [(c.kind, c.actor_ids, c.analyst, c.reason) for c in corrections] == [
        ("merge", ("A3", "A7"), "kim", "same governor")
    ]
    assert corrections[0].names == ("Elena Marsh", "Governor Marsh")
    assert [h.kind for h in profile.history] == ["merge"]
    assert [m.kind for m in store.merge_history()] == ["auto", "merge"]
    # merged-away ids are never minted again
    assert store.next_actor_number() == 8

    with pytest.raises(ValueError):
        store.merge_actors("A3", "A7", analyst=None, reason="again")
    with pytest.raises(KeyError):
        store.merge_actors("A3", "A404", analyst=None, reason="")

    # a later analysis still carrying the stale id lands on the survivor
    store.save_analysis(analysis_2(marsh_id="A7"))
    assert store.counts()["actors"] == 6
    assert len(store.threats(target="A3")) == 4


def test_split_alias_moves_mentions_and_threats(store: Store) -> None:
    store.save_analysis(analysis_1())
    store.save_analysis(analysis_2())  # Mira Vasko wrongly resolved into A1 (Dorin Vasko)
    assert len(store.threats(speaker="A1")) == 3

    new_id = store.split_alias("A1", "mira vasko", analyst="kim")

    assert new_id == "A7"
    dorin, mira = store.actor_profile("A1"), store.actor_profile(new_id)
    assert dorin.aliases == ("Dorin Vasko", "Vasko")
    assert mira.aliases == ("Mira Vasko",)
    assert mira.name == "Mira Vasko"
    assert mira.actor.type == "PERSON"
    assert [t.evidence.text for t in mira.threats_made] == ["is a target now"]
    assert len(dorin.threats_made) == 2
    assert mira.actor.mentions == 1
    view = store.document("kavala-2")
    assert view is not None
    assert {m.actor_id for m in view.mentions if m.span.text == "Mira Vasko"} == {new_id}

    (split,) = store.corrections()
    assert (split.kind, split.actor_ids, split.alias, split.analyst) == (
        "split",
        ("A1", "A7"),
        "mira vasko",
        "kim",
    )
    assert [h.kind for h in mira.history] == ["split"]

    with pytest.raises(KeyError):
        store.split_alias("A1", "nobody", analyst=None)
    with pytest.raises(ValueError):
        store.split_alias(new_id, "Mira Vasko", analyst=None)  # its only name


def test_record_error(store: Store) -> None:
    store.record_error(IngestError(source="feeds/bad.jsonl:7", reason="invalid JSON", doc_id=None))
    store.record_error(IngestError(source="pages/x.html", reason="no text", doc_id="x"))
    errors = store.errors()
    assert [(e.source, e.reason, e.doc_id) for e in errors] == [
        ("feeds/bad.jsonl:7", "invalid JSON", None),
        ("pages/x.html", "no text", "x"),
    ]
    assert errors[0].created_at
    assert store.counts()["errors"] == 2


# ---------------------------------------------------------------------- CLI views


def test_show_document(store: Store) -> None:
    store.save_analysis(analysis_1())
    c = console()
    assert show_document(store, c, "kavala-1") is True
    out = c.export_text()
    assert "Militia leader threatens governor ahead of vote" in out
    assert "pay with her life" in out
    assert "commander of the Northern Shield" in out
    assert "bombing" in out
    c = console()
    assert show_document(store, c, "missing") is False
    assert "missing" in c.export_text()


def test_show_document_marks_overlapping_spans(store: Store) -> None:
    from forewarn.cli.views import marked_text

    store.save_analysis(analysis_1())
    view = store.document("kavala-1")
    assert view is not None
    text = marked_text(view)
    assert text.plain == TEXT_1
    styles = {str(s.style) for s in text.spans}
    assert {"bold red", "red", "yellow", "cyan underline"} <= styles
    c = Console(record=True, width=120, force_terminal=True, color_system="standard")
    c.print(text)
    assert "\x1b[" in c.export_text(styles=True)


def test_show_threats_formats(store: Store) -> None:
    store.save_analysis(analysis_1())
    store.save_analysis(analysis_2())
    c = console()
    assert show_threats(store, c, target="marsh", fmt="table") == 4
    table = c.export_text()
    assert "Dorin Vasko" in table and "Ilan Brek" in table

    c = console()
    show_threats(store, c, speaker="brek", fmt="json")
    data = json.loads(c.export_text())
    assert [d["speaker"] for d in data] == ["Ilan Brek"]
    assert data[0]["evidence"]["text"] == "will not see the end of the year"
    assert data[0]["speaker_org"] == "Red Dawn Front"

    c = console()
    show_threats(store, c, since="2025-01-01", fmt="csv")
    rows = list(csv.DictReader(io.StringIO(c.export_text())))
    assert len(rows) == 4
    quote = "If she opens the polling stations, we will burn her offices to the ground"
    assert quote in {r["evidence"] for r in rows}

    c = console()
    assert show_threats(store, c, target="nobody", fmt="table") == 0
    assert "No threats" in c.export_text()


def test_show_actors(store: Store) -> None:
    store.save_analysis(analysis_1())
    store.save_analysis(analysis_2())
    c = console()
    assert show_actors(store, c, "Marsh") is True
    out = c.export_text()
    assert "Elena Marsh" in out and "Governor Marsh" in out and "Threats received" in out
    c = console()
    assert show_actors(store, c, None) is True
    out = c.export_text()
    assert "Red Dawn Front" in out and "Tarrow" in out
    c = console()
    assert show_actors(store, c, "A2") is True
    assert "Members" in c.export_text()
    c = console()
    assert show_actors(store, c, "zzz") is False


def test_threat_summary_table() -> None:
    table = threat_summary_table([analysis_1(), analysis_2()])
    assert isinstance(table, Table)
    assert table.row_count == 4
    c = console()
    c.print(table)
    out = c.export_text()
    assert "Dorin Vasko (Northern Shield) →" in out
    assert "Ilan Brek (Red Dawn Front) →" in out
    assert "Governor Marsh" in out
    assert "kavala-2" in out
