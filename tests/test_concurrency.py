"""Concurrency (issue 7.3): several threads and processes writing through one store lose no
update, and analysts' corrections are never overwritten by a re-analysis.

Runs on every backend of the `db_url` fixture (SQLite in WAL mode; PostgreSQL where a server
can be started). The analyses are built by hand (no spaCy) so that many writes fit in a short
test; each names shared actors, as real documents about the same people do.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event, func, or_, select

from forewarn.model import ActorRef, DocActor, Document, DocumentAnalysis, Event, IngestError, Span, Threat
from forewarn.store import Store
from forewarn.store.schema import DbActor, DbAffiliation, DbEvent, DbMention, DbThreat

SHARED = {"vasko": "A1", "shield": "A2", "marsh": "A3"}


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span.of(text, start, start + len(phrase))


def make_analysis(doc_id: str, *, variant: int = 0, ids: dict[str, str] | None = None) -> DocumentAnalysis:
    """A document in which Dorin Vasko of the Northern Shield threatens Governor Elena Marsh and a
    local figure of this document speaks; `variant` changes the wording of the later paragraphs
    (a re-analysis finding other facts) but not the principal threat."""
    ids = {**SHARED, **(ids or {})}
    local = f"Witness {doc_id.replace('-', ' ').title()}"
    text = (
        f"Report {doc_id}\n\n"
        'Dorin Vasko, commander of the Northern Shield, said Governor Elena Marsh would "pay with her life" '
        "if the vote went ahead.\n\n"
        f"{local} said the militia had burned a polling station in variant {variant} of the story. "
        f'Vasko added that "the governor\'s office will burn next" (version {variant}).\n'
    )
    actors = [
        DocActor(
            "L1",
            "Dorin Vasko",
            "PERSON",
            [_span(text, "Dorin Vasko"), _span(text, "Vasko added")],
            ["Vasko"],
            ["commander"],
            ["L2"],
            ids["vasko"],
        ),
        DocActor("L2", "Northern Shield", "ORG", [_span(text, "Northern Shield")], actor_id=ids["shield"]),
        DocActor(
            "L3", "Elena Marsh", "PERSON", [_span(text, "Elena Marsh")], ["Marsh"], ["Governor"], [], ids["marsh"]
        ),
        DocActor("L4", local, "PERSON", [_span(text, local)], actor_id=ids.get("local", f"W-{doc_id}")),
    ]
    threats = [
        Threat(
            ActorRef("L1", _span(text, "Dorin Vasko")),
            ActorRef("L3", _span(text, "Governor Elena Marsh")),
            _span(text, "pay with her life"),
            speaker_org=ActorRef("L2"),
            form="conditional",
            score=0.9,
        ),
        Threat(
            ActorRef("L1", _span(text, "Vasko added")),
            ActorRef("L3"),
            _span(text, f"the governor's office will burn next\" (version {variant})"),
            form="veiled",
            score=0.6,
        ),
    ]
    events = [
        Event(
            "attack",
            _span(text, f"burned a polling station in variant {variant}"),
            actor=ActorRef("L2"),
        )
    ]
    document = Document(doc_id=doc_id, text=text, title=f"Report {doc_id}", published="2025-03-01")
    return DocumentAnalysis(document, actors, threats, events)


def _run_threads(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Run the workers at once (they start together at a barrier); return what they raised."""
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=30)
            work()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return errors


def _fact_counts(store: Store, doc_id: str) -> tuple[int, int, int]:
    with store._sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(DbThreat).where(DbThreat.doc_id == doc_id)) or 0,
            s.scalar(select(func.count()).select_from(DbEvent).where(DbEvent.doc_id == doc_id)) or 0,
            s.scalar(select(func.count()).select_from(DbMention).where(DbMention.doc_id == doc_id)) or 0,
        )


def _facts_on_tombstones(store: Store) -> list[str]:
    """Facts that point at an actor merged away (they would vanish from every actor view)."""
    with store._sessions() as s:
        dead = select(DbActor.actor_id).where(DbActor.merged_into.is_not(None))
        found = [f"mention {m}" for m in s.scalars(select(DbMention.id).where(DbMention.actor_id.in_(dead)))]
        found += [
            f"threat {t}"
            for t in s.scalars(
                select(DbThreat.id).where(
                    or_(
                        DbThreat.speaker_actor_id.in_(dead),
                        DbThreat.target_actor_id.in_(dead),
                        DbThreat.speaker_org_actor_id.in_(dead),
                    )
                )
            )
        ]
        found += [f"event {e}" for e in s.scalars(select(DbEvent.id).where(DbEvent.actor_actor_id.in_(dead)))]
        found += [
            f"affiliation {a}"
            for a in s.scalars(
                select(DbAffiliation.id).where(or_(DbAffiliation.person_id.in_(dead), DbAffiliation.org_id.in_(dead)))
            )
        ]
        return found


# --- threads -----------------------------------------------------------------------------


def test_threads_saving_different_documents_lose_nothing(db_url: str) -> None:
    writers, per_writer = 4, 5
    with Store(db_url) as store:

        def writer(w: int) -> Callable[[], None]:
            def work() -> None:
                for n in range(per_writer):
                    store.save_analysis(make_analysis(f"doc-{w}-{n}", variant=n))
                    store.record_error(IngestError(source=f"feed-{w}.jsonl:{n}", reason="invalid JSON", doc_id=None))

            return work

        assert _run_threads([writer(w) for w in range(writers)]) == []
        expected = sorted(f"doc-{w}-{n}" for w in range(writers) for n in range(per_writer))
        assert store.documents() == expected
        assert len(store.errors()) == writers * per_writer
        for doc_id in expected:
            assert _fact_counts(store, doc_id) == (2, 1, 5), doc_id
        # the shared actors got every document's mentions, once, and their aliases once
        profile = store.actor_profile("A1")
        assert profile.actor.documents == writers * per_writer
        assert profile.actor.mentions == 2 * writers * per_writer
        assert sorted(profile.actor.aliases) == ["Dorin Vasko", "Vasko"]
        assert len(store.threats(target="A3")) == 2 * writers * per_writer


def test_threads_resaving_one_document_leave_exactly_one_analysis(db_url: str) -> None:
    with Store(db_url) as store:
        store.save_analysis(make_analysis("contested", variant=0))

        def writer(w: int) -> Callable[[], None]:
            def work() -> None:
                for n in range(5):
                    store.save_analysis(make_analysis("contested", variant=10 * w + n))

            return work

        assert _run_threads([writer(w) for w in range(3)]) == []
        view = store.document("contested")
        assert view is not None
        assert _fact_counts(store, "contested") == (2, 1, 5)
        # text and facts are all of one analysis, not a mix of two
        variant = view.text.split("in variant ", 1)[1].split(" ", 1)[0]
        assert view.events[0].evidence.text.endswith(f"variant {variant}")
        assert any(t.evidence.text.endswith(f"(version {variant})") for t in view.threats)
        for threat in view.threats:
            assert view.text[threat.evidence.start : threat.evidence.end] == threat.evidence.text


def test_status_set_during_reanalysis_is_kept(db_url: str) -> None:
    """An analyst confirms or rejects the threat while a pipeline keeps re-analysing its document:
    whatever the analyst's last successful change was, it is what the store holds at the end."""
    with Store(db_url) as store:
        store.save_analysis(make_analysis("watched"))
        last: list[str] = []

        def principal_threat() -> int:
            (row,) = [t for t in store.threats() if t.doc_id == "watched" and t.evidence.text == "pay with her life"]
            return row.threat_id

        def analyst() -> None:
            for n in range(12):
                status = ("confirmed", "rejected")[n % 2]
                for _attempt in range(20):  # the threat's id changes with each re-analysis: look it up again
                    if store.set_threat_status(principal_threat(), status):
                        last.append(status)
                        break

        def pipeline() -> None:
            for n in range(24):
                store.save_analysis(make_analysis("watched", variant=n))
                time.sleep(0.01)  # parsing the next document

        assert _run_threads([analyst, pipeline]) == []
        assert last, "the analyst never got a change in"
        (row,) = [t for t in store.threats() if t.doc_id == "watched" and t.evidence.text == "pay with her life"]
        assert row.status == last[-1]


def test_merges_during_saves_leave_no_fact_on_a_merged_away_actor(db_url: str) -> None:
    """Documents resolved before an analyst's merge are saved after it: their facts must go to
    the surviving actor, not to the tombstone of the merged one."""
    pairs = 8
    with Store(db_url) as store:
        for n in range(pairs):  # witnesses W-n, then a second actor for each, to be merged into it
            store.save_analysis(make_analysis(f"first-{n}", ids={"local": f"W{n}"}))
            store.save_analysis(make_analysis(f"dup-{n}", ids={"local": f"D{n}"}))

        def analyst() -> None:
            for n in range(pairs):
                store.merge_actors(f"W{n}", f"D{n}", analyst="kim", reason="same witness")

        def pipeline() -> None:  # resolved before the merges: still says D{n}
            for round_ in range(2):
                for n in range(pairs):
                    store.save_analysis(make_analysis(f"late-{n}", variant=round_, ids={"local": f"D{n}"}))

        assert _run_threads([analyst, pipeline]) == []
        assert _facts_on_tombstones(store) == []
        for n in range(pairs):
            assert store.resolve_id(f"D{n}") == f"W{n}"
            assert store.actor_profile(f"W{n}").actor.documents == 3  # first-n, dup-n, late-n


def test_split_is_not_undone_by_an_analysis_resolved_before_it(db_url: str) -> None:
    """A run resolves a document, an analyst splits a wrongly joined name off the actor, then the
    run saves: the split-off name's mentions go to the new actor, and the name does not rejoin."""
    with Store(db_url) as store:
        store.save_analysis(make_analysis("base", ids={"marsh": "A3"}))
        wrong = make_analysis("mixup", ids={"marsh": "A3"})
        wrong.actors[2].name, wrong.actors[2].aliases = "Elena Marsh", ["Marsh", "Governor Marsh"]
        store.save_analysis(wrong)
        stale = make_analysis("stale", ids={"marsh": "A3"})  # resolved before the split
        stale.actors[2].aliases = ["Governor Marsh"]
        stale.actors[2].name = "Governor Marsh"
        new_id = store.split_alias("A3", "Governor Marsh", analyst="kim", reason="another governor")

        store.save_analysis(stale)

        assert "Governor Marsh" not in store.actor_profile("A3").actor.aliases
        assert "Governor Marsh" in store.actor_profile(new_id).actor.aliases
        view = store.document("stale")
        assert view is not None
        marsh_mentions = {m.actor_id for m in view.mentions if m.span.text == "Elena Marsh"}
        assert marsh_mentions == {new_id}


def test_two_resolvers_at_once_never_give_two_people_one_id(db_url: str) -> None:
    """An analysis run and an API request (or two servers) each build a resolver from the store:
    both would number their next new actor alike. The store gives the second a free id."""
    from forewarn.pipeline import build_resolver
    from forewarn.resolve.resolver import context_tokens

    with Store(db_url) as store:
        store.save_analysis(make_analysis("seed"))
        run, api = build_resolver(store), build_resolver(store)
        amira, boris = make_analysis("doc-a"), make_analysis("doc-b")
        amira.actors[3].name, boris.actors[3].name = "Amira Haddad", "Boris Kowalski"
        renamed = []
        for resolver, analysis in ((run, amira), (api, boris)):
            for actor in analysis.actors:
                actor.actor_id = None
            created = {d.actor_id for d in resolver.resolve(analysis) if d.created}
            contexts = {a.local_id: context_tokens(analysis, a) for a in analysis.actors}
            renamed.append(store.save_analysis(analysis, contexts=contexts, new_actor_ids=created))
        amira_id, boris_id = amira.actors[3].actor_id, boris.actors[3].actor_id
        assert renamed[0] == {} and renamed[1] == {next(iter(renamed[1])): boris_id}
        assert amira_id != boris_id
        assert store.actor_profile(amira_id).actor.aliases == ("Amira Haddad",)
        assert store.actor_profile(boris_id).actor.aliases == ("Boris Kowalski",)
        view = store.document("doc-b")
        assert view is not None and {m.actor_id for m in view.mentions if m.span.text == "Witness Doc B"} == {boris_id}
        # the shared, known actors were joined as before
        assert {a.actor_id for a in boris.actors[:3]} == {"A1", "A2", "A3"}


# --- the same races, forced: a writer is paused just after its reads --------------------


def _pause_after_query(store: Store, marker: str, meanwhile: Callable[[], object]) -> threading.Thread:
    """The next time this thread runs a query containing `marker`, run `meanwhile` in another
    thread right after it and give it up to half a second to finish before going on: the
    widest possible window between a writer's reads and its writes. Returns the other thread
    (join it once the writer is done: it may have had to wait for the writer's lock)."""
    writer = threading.current_thread()
    other = threading.Thread(target=meanwhile)
    fired = threading.Event()

    def after_execute(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if threading.current_thread() is writer and marker in statement and not fired.is_set():
            fired.set()
            other.start()
            other.join(0.5)

    event.listen(store.engine, "after_cursor_execute", after_execute)
    other.fired = fired  # type: ignore[attr-defined]
    return other


def test_merge_between_a_saves_reads_and_writes(db_url: str) -> None:
    with Store(db_url) as store:
        store.save_analysis(make_analysis("first", ids={"local": "W1"}))
        store.save_analysis(make_analysis("dup", ids={"local": "D1"}))
        stale = make_analysis("late", ids={"local": "D1"})  # resolved before the merge
        merge = _pause_after_query(
            store, "FROM documents", lambda: store.merge_actors("W1", "D1", analyst="kim", reason="same")
        )
        store.save_analysis(stale)
        merge.join(30)
        assert merge.fired.is_set()  # type: ignore[attr-defined]
        assert store.resolve_id("D1") == "W1"
        assert _facts_on_tombstones(store) == []
        assert store.actor_profile("W1").actor.documents == 3


def test_status_between_a_saves_reads_and_writes(db_url: str) -> None:
    with Store(db_url) as store:
        store.save_analysis(make_analysis("watched"))
        (old,) = [t for t in store.threats() if t.evidence.text == "pay with her life"]
        outcome: list[bool] = []
        review = _pause_after_query(
            store,
            "JOIN threats ON threats.id = threat_spans.threat_id",
            lambda: outcome.append(store.set_threat_status(old.threat_id, "confirmed")),
        )
        store.save_analysis(make_analysis("watched", variant=1))
        review.join(30)
        assert review.fired.is_set()  # type: ignore[attr-defined]
        (new,) = [t for t in store.threats() if t.evidence.text == "pay with her life"]
        # either the analyst's change went in before the re-analysis (and was carried over), or
        # the analyst was told the threat is gone: never reported saved and then lost
        assert outcome in ([True], [False])
        assert new.status == ("confirmed" if outcome == [True] else "unreviewed")


# --- processes ---------------------------------------------------------------------------

_PROCESS_WRITER = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, {tests!r})
    from test_concurrency import make_analysis
    from forewarn.model import IngestError
    from forewarn.store import Store

    url, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store(url) as store:
        for n in range(count):
            store.save_analysis(make_analysis(f"proc-{{worker}}-{{n}}", variant=n))
            store.save_analysis(make_analysis("shared-doc", variant=100 * worker + n))
            store.record_error(IngestError(source=f"w{{worker}}", reason=f"bad {{n}}"))
            doc_id = f"proc-{{worker}}-{{n}}"
            (principal,) = [t for t in store.threats() if t.doc_id == doc_id and t.evidence.text == "pay with her life"]
            assert store.set_threat_status(principal.threat_id, "confirmed")
    print(json.dumps({{"worker": worker, "done": count}}))
    """
)


def test_processes_writing_at_once_lose_nothing(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(_PROCESS_WRITER.format(tests=str(Path(__file__).parent)), "utf-8")
    with Store(db_url) as store:  # migrate once before the writers start
        store.save_analysis(make_analysis("shared-doc"))
    workers, count = 3, 3
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), db_url, str(w), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    outputs = [p.communicate(timeout=180) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-3000:]
        assert json.loads(out.strip().splitlines()[-1])["done"] == count
    with Store(db_url) as store:
        expected = sorted({"shared-doc", *(f"proc-{w}-{n}" for w in range(workers) for n in range(count))})
        assert store.documents() == expected
        assert len(store.errors()) == workers * count
        for doc_id in expected:
            assert _fact_counts(store, doc_id) == (2, 1, 5), doc_id
        statuses = {t.doc_id: t.status for t in store.threats() if t.evidence.text == "pay with her life"}
        assert all(statuses[f"proc-{w}-{n}"] == "confirmed" for w in range(workers) for n in range(count))
        assert store.actor_profile("A1").actor.documents == len(expected)
