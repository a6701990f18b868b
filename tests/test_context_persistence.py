"""Actor context and document counts kept in the store, so that the resolver's context rules
(shared titles, affiliations, co-mentioned actors) and its "clearly dominant" rule decide the
same way in a later run as they would have within one run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from forewarn.cli.app import app
from forewarn.model import DocActor, Document, DocumentAnalysis, Span
from forewarn.pipeline import analyse_documents, build_resolver
from forewarn.resolve.resolver import ActorResolver, KnownActor
from forewarn.store import Store
from forewarn.store.migrate import alembic_config, current_revisions, head_revisions, make_engine, upgrade

runner = CliRunner()
Analyse = Callable[..., DocumentAnalysis]


def _run(url: str, docs: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """One `analyze` run in its own Store (and so its own resolver): doc_id -> name -> actor_id."""
    store = Store(url)
    try:
        result = analyse_documents(
            [Document(doc_id=doc_id, text=text, published="2025-05-02") for doc_id, text in docs], store
        )
    finally:
        store.close()
    assert not result.errors
    return {a.document.doc_id: {x.name: x.actor_id or "" for x in a.actors} for a in result.analyses}


def _without_context(store: Store) -> ActorResolver:
    """The resolver as it was built before context was stored: names only."""
    known = [KnownActor(r.actor_id, r.type, r.name, list(r.aliases)) for r in store.known_actors()]
    return ActorResolver(known, next_number=store.next_actor_number())


# ---------------------------------------------------------------------- translated org names

MOSUL_THREAT = (
    "In Mosul, the Liwa al-Karama militia threatened on Sunday to attack the airport unless the strikes stopped."
)
MOSUL_ROCKETS = "In Mosul, fighters of the Karama Brigades fired rockets at the airport on Wednesday."
BASRA_PARADE = "In Basra, fighters of the Karama Brigades paraded on Wednesday."


def _actor_ids(out: Path) -> dict[str, dict[str, str]]:
    ids: dict[str, dict[str, str]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        ids[record["doc_id"]] = {a["name"]: a["actor_id"] for a in record["actors"]}
    return ids


def _analyze(folder: Path, db: str, out: Path) -> dict[str, dict[str, str]]:
    result = runner.invoke(app, ["analyze", str(folder), "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return _actor_ids(out)


def test_translated_org_name_joins_in_a_later_cli_run_through_stored_context(
    tmp_path: Path, db_url: str, new_db_url: Callable[[], str]
) -> None:
    (tmp_path / "run1").mkdir()
    (tmp_path / "run1" / "mosul-threat.txt").write_text(MOSUL_THREAT + "\n", encoding="utf-8")
    (tmp_path / "run2").mkdir()
    (tmp_path / "run2" / "mosul-rockets.txt").write_text(MOSUL_ROCKETS + "\n", encoding="utf-8")
    (tmp_path / "control").mkdir()
    (tmp_path / "control" / "basra-parade.txt").write_text(BASRA_PARADE + "\n", encoding="utf-8")
    db = db_url
    control_db = new_db_url()

    first = _analyze(tmp_path / "run1", db, tmp_path / "1.jsonl")["mosul-threat"]
    liwa, mosul = first["Liwa al-Karama"], first["Mosul"]
    store = Store(db)
    try:
        (row,) = [r for r in store.known_actors() if r.actor_id == liwa]
        assert f"with:{mosul}" in row.context
    finally:
        store.close()

    # a second process: "Karama Brigades" matches "Liwa al-Karama" only through translation
    # (liwa = brigades), which needs shared context -- here Mosul, known from run 1
    second = _analyze(tmp_path / "run2", db, tmp_path / "2.jsonl")["mosul-rockets"]
    assert second["Mosul"] == mosul
    assert second["Karama Brigades"] == liwa
    store = Store(db)
    try:
        (auto,) = store.merge_history("auto")
        assert "shared context" in auto.reason and "translation" in auto.reason
        assert store.actor_profile(liwa).aliases == ("Liwa al-Karama", "Karama Brigades")
    finally:
        store.close()

    # control: the same two runs, but the later document shares no context -> no join
    first = _analyze(tmp_path / "run1", control_db, tmp_path / "c1.jsonl")["mosul-threat"]
    other = _analyze(tmp_path / "control", control_db, tmp_path / "c2.jsonl")["basra-parade"]
    assert other["Karama Brigades"] != first["Liwa al-Karama"]


# ---------------------------------------------------------------------- bare surnames

MINISTER_VARGA = (
    "Tamas Varga, the interior minister, said on Monday that police would clear the protest camp "
    "outside parliament by the weekend."
)
JUDGE_VARGA = (
    "Ilona Varga, a judge of the Supreme Court, ordered the release of three journalists detained during the protests."
)
JUDGE_LATER = "Judge Varga told reporters that the Supreme Court would rule on the detentions next week."
MR_VARGA = "Mr Varga warned that the camp would be cleared by force."


def test_bare_surname_joins_the_namesake_sharing_stored_context(
    db_url: str, new_db_url: Callable[[], str], analyse: Analyse
) -> None:
    url = db_url
    run1 = _run(url, [("minister", MINISTER_VARGA), ("judge", JUDGE_VARGA)])
    tamas, ilona = run1["minister"]["Tamas Varga"], run1["judge"]["Ilona Varga"]
    court = run1["judge"]["Supreme Court"]
    assert tamas != ilona

    store = Store(url)
    try:
        rows = {r.actor_id: r for r in store.known_actors()}
        assert {"title:judge", f"with:{court}"} <= rows[ilona].context
        assert "title:interior minister" in rows[tamas].context
        # what the old store gave the resolver (names only) leaves "Judge Varga" ambiguous
        later = analyse(JUDGE_LATER, doc_id="judge-later")
        (bare,) = [d for d in _without_context(store).resolve(later) if later.actor(d.local_id).name == "Varga"]
        assert bare.created and "ambiguous" in bare.reason
    finally:
        store.close()

    # run 2, a fresh resolver built from the store: the title and the court decide
    run2 = _run(url, [("judge-later", JUDGE_LATER)])
    assert run2["judge-later"]["Varga"] == ilona
    assert run2["judge-later"]["Supreme Court"] == court

    store = Store(url)
    try:
        (auto,) = store.merge_history("auto")
        assert auto.reason.startswith("judge-later: the one sharing context")
    finally:
        store.close()

    # control: after the same run 1, a bare "Mr Varga" sharing nothing with either stays apart
    control = new_db_url()
    run1 = _run(control, [("minister", MINISTER_VARGA), ("judge", JUDGE_VARGA)])
    run2 = _run(control, [("mr-varga", MR_VARGA)])
    assert run2["mr-varga"]["Varga"] not in {run1["minister"]["Tamas Varga"], run1["judge"]["Ilona Varga"]}


# ---------------------------------------------------------------------- document counts

KELLER_DOCS = [
    (
        "keller-1",
        "Police chief David Keller said on Monday that officers had arrested four men after the riot in Brenham.",
    ),
    ("keller-2", "Shopkeepers criticised David Keller for the slow response to the riot."),
    ("keller-3", "David Keller told the city council that more officers would patrol the market."),
    ("nurse", "Anna Keller, a nurse at the county hospital, treated several of the injured."),
]
KELLER_LATER = "Mr Keller said on Thursday that the curfew would be lifted at the end of the month."


def test_dominant_namesake_is_remembered_across_runs(db_url: str, analyse: Analyse) -> None:
    url = db_url
    run1 = _run(url, KELLER_DOCS)
    david = {run1[d]["David Keller"] for d in ("keller-1", "keller-2", "keller-3")}
    assert len(david) == 1
    (david_id,) = david
    anna = run1["nurse"]["Anna Keller"]

    store = Store(url)
    try:
        documents = {r.actor_id: r.documents for r in store.known_actors()}
        assert (documents[david_id], documents[anna]) == (3, 1)
        later = analyse(KELLER_LATER, doc_id="keller-later")
        # with every known actor counted once (the old rebuild), neither Keller dominates
        (bare,) = [d for d in _without_context(store).resolve(later) if later.actor(d.local_id).name == "Keller"]
        assert bare.created and "ambiguous" in bare.reason
        # the resolver the pipeline builds knows the counts
        (bare,) = [d for d in build_resolver(store).resolve(later) if later.actor(d.local_id).name == "Keller"]
        assert bare.actor_id == david_id and "dominant" in bare.reason
    finally:
        store.close()

    run2 = _run(url, [("keller-later", KELLER_LATER)])
    assert run2["keller-later"]["Keller"] == david_id
    store = Store(url)
    try:
        assert {r.actor_id: r.documents for r in store.known_actors()}[david_id] == 4
    finally:
        store.close()


def test_resolver_round_trips_document_counts() -> None:
    resolver = ActorResolver([KnownActor("A1", "PERSON", "David Keller", [], {"title:chief"}, documents=5)])
    (known,) = resolver.known_actors()
    assert (known.documents, known.context) == (5, {"title:chief"})


# ---------------------------------------------------------------------- the store itself

TEXT = "Governor Elena Marsh met Dorin Vasko of the Northern Shield in Kavala."


def _span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span.of(TEXT, start, start + len(phrase))


def _analysis(doc_id: str, marsh_id: str = "A1") -> DocumentAnalysis:
    return DocumentAnalysis(
        Document(doc_id, TEXT),
        actors=[
            DocActor("L1", "Elena Marsh", "PERSON", [_span("Elena Marsh")], titles=["Governor"], actor_id=marsh_id),
            DocActor("L2", "Dorin Vasko", "PERSON", [_span("Dorin Vasko")], affiliations=["L3"], actor_id="A2"),
            DocActor("L3", "Northern Shield", "ORG", [_span("Northern Shield")], actor_id="A3"),
        ],
    )


def test_save_analysis_accumulates_context(db_url: str) -> None:
    store = Store(db_url)
    try:
        store.save_analysis(_analysis("d1"))  # no contexts: nothing stored, nothing breaks
        assert all(r.context == frozenset() for r in store.known_actors())
        store.save_analysis(_analysis("d1"), contexts={"L1": {"title:governor", "with:A2"}, "L2": {"org:A3"}})
        store.save_analysis(_analysis("d2"), contexts={"L1": {"with:A3", "title:governor"}})
        store.save_analysis(_analysis("d2"), contexts={"L1": {"with:A3"}})  # re-saving adds nothing
        rows = {r.actor_id: r for r in store.known_actors()}
        assert rows["A1"].context == {"title:governor", "with:A2", "with:A3"}
        assert rows["A2"].context == {"org:A3"}
        assert rows["A3"].context == frozenset()
        assert (rows["A1"].documents, rows["A3"].documents) == (2, 2)
    finally:
        store.close()


def test_merge_carries_context_and_rewrites_merged_ids(db_url: str) -> None:
    store = Store(db_url)
    try:
        store.save_analysis(_analysis("d1"), contexts={"L1": {"title:governor"}, "L2": {"with:A1", "org:A3"}})
        # resolution missed that this Elena Marsh is A1
        store.save_analysis(_analysis("d2", marsh_id="A9"), contexts={"L1": {"with:A2", "with:A1"}})
        store.merge_actors("A1", "A9", analyst="kim", reason="same governor")
        rows = {r.actor_id: r for r in store.known_actors()}
        assert "A9" not in rows
        # A9's context moves to A1; "with:A1" would now name A1 itself and is dropped
        assert rows["A1"].context == {"title:governor", "with:A2"}
        assert rows["A1"].documents == 2
        store.save_analysis(_analysis("d3"), contexts={"L2": {"with:A9"}})
        assert {r.actor_id: r for r in store.known_actors()}["A2"].context == {"with:A1", "org:A3"}
    finally:
        store.close()


def test_migration_0002_keeps_existing_rows(db_url: str) -> None:
    url = db_url
    engine = make_engine(url)
    try:
        upgrade(engine, "0001")  # a store written before actor context existed
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO actors (actor_id, name, type, titles, created_at)"
                    " VALUES ('A1', 'Elena Marsh', 'PERSON', '[]', '2025-01-01 00:00:00')"
                )
            )
            conn.execute(
                text("INSERT INTO actor_aliases (actor_id, alias, key) VALUES ('A1', 'Elena Marsh', 'elena marsh')")
            )
    finally:
        engine.dispose()

    store = Store(url)  # upgrades to head
    try:
        with store.engine.connect() as conn:
            assert current_revisions(conn) == head_revisions()
        (row,) = store.known_actors()
        assert (row.actor_id, row.aliases, row.context, row.documents) == ("A1", ("Elena Marsh",), frozenset(), 0)
        store.save_analysis(_analysis("d1"), contexts={"L1": {"title:governor"}})
        assert {r.actor_id: r for r in store.known_actors()}["A1"].context == {"title:governor"}
    finally:
        store.close()

    # downgrading drops the column in place: no table copy, so no cascade empties aliases
    command.downgrade(alembic_config(url), "0001")
    engine = make_engine(url)
    try:
        assert "context" not in {c["name"] for c in inspect(engine).get_columns("actors")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM actor_aliases")).scalar() == 3
            assert conn.execute(text("SELECT count(*) FROM mentions")).scalar() == 3
    finally:
        engine.dispose()
