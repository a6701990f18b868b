"""Scale: throughput and peak memory of single-process and distributed analysis, store size,
and query latency of a PostgreSQL store holding a million threats.

    .venv/bin/python benchmarks/scale_bench.py throughput [--docs 1000 10000] [--modes spacy single dask1 dask2]
    .venv/bin/python benchmarks/scale_bench.py queries [--threats 1000000]
    (results are appended to benchmarks/results/scale.md with the machine's load at the time)

Method
- Corpus: generated from the templates of benchmarks/analyze_bench.py (news-like documents of
  300-800 words with quotes, reported threats, events and varied name spellings; fixed seed;
  no network, no outside text), written to one JSONL file so ingestion is streamed as in real use.
- Each configuration runs in its own subprocess (`run-one`), so that its peak memory is its own:
  peak memory is the largest sum of resident set sizes over the process and all its children
  (Dask workers included), sampled every 50 ms with psutil.
- `spacy`: bare `nlp.pipe` (batch 16) over the same texts: the ceiling for one process.
  `single`: `forewarn analyze` end to end in one process (streamed ingest, spaCy, extraction,
  resolution, SQLite store, JSONL). `daskN`: the same with `--engine dask --workers N` (a local
  cluster of N single-threaded worker processes; resolution and storage in the driver).
- Throughput counts documents from the first read to the last stored; the start-up (loading the
  spaCy model, starting the cluster and loading the model on every worker) is reported apart.
- Store size: the SQLite file (with its WAL) after the run, per 1,000 documents; and the
  PostgreSQL database size of the generated million-threat store below.
- CPU per document (user + system seconds) of the driver and of the workers is reported
  beside the wall-clock figures: it moves less than they do when other programs share the
  cores (on a shared virtual machine it still varies by up to 2x between runs: compare runs
  made one after the other), and it predicts the idle-machine speed-up of N workers on N
  cores: min(N / (worker + driver), N / worker, 1 / driver) against 1 / max(worker, driver).
  The driver's figure leaves out the memory sampler's own thread (its psutil reads of /proc
  cost the process 10% of a core or more; results before 2026-11-23 14:00 counted them).
- Queries: a throwaway PostgreSQL 15 server (tests/pg_server.py) with rows generated directly
  (COPY): 1,000,000 threats with evidence spans over 200,000 documents and 20,000 actors; each
  query through the Store API runs 20 times after one warm-up; median and 95th percentile.
  The rows are loaded into a store at revision 0006 (before threats had a stored sort date),
  then the store is opened, which migrates it to head: the time of that migration (filling
  `threats.sort_date` and indexing it) is reported as the upgrade of an existing store.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
RESULTS = HERE / "results" / "scale.md"


# ---------------------------------------------------------------------------- measuring


class PeakMemory:
    """Largest RSS of this process and its children together, sampled in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        # CPU seconds (user + system) last seen for every child process: Dask workers and nannies
        self.children_cpu: dict[int, float] = {}
        # this thread's own CPU seconds: psutil's reads of /proc (children() scans all of it)
        # cost this process 10 % of a core or more, which is the measurement's, not the driver's
        self.own_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                for proc in [me, *me.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                        if proc.pid != me.pid:
                            times = proc.cpu_times()
                            self.children_cpu[proc.pid] = times.user + times.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            self.own_cpu = time.thread_time()
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu(me: psutil.Process) -> float:
    total = 0.0
    for proc in me.children(recursive=True):
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def write_corpus(path: Path, n: int) -> None:
    from analyze_bench import make_corpus

    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(make_corpus(n)):
            handle.write(json.dumps({"id": f"bench-{i:06d}", "text": text, "date": "2025-03-01"}) + "\n")


def run_one(mode: str, corpus: Path, db: str, out: Path) -> dict[str, object]:
    """One configuration, in this process: returns the measurements."""
    from forewarn.ingest import IngestOptions, iter_documents
    from forewarn.model import IngestError
    from forewarn.nlp.pipeline import analysis_text, load_nlp
    from forewarn.pipeline import analyse_stream
    from forewarn.store import Store

    result: dict[str, object] = {"mode": mode}
    me = psutil.Process()
    with PeakMemory() as memory:
        started = time.perf_counter()
        if mode == "spacy":
            nlp = load_nlp()
            ready = time.perf_counter()
            # the same streamed reading of the JSONL as the pipeline's, then bare nlp.pipe
            documents = iter_documents([corpus], IngestOptions(newlines="universal", strip_bom=False))
            texts = (analysis_text(d) for d in documents if not isinstance(d, IngestError))
            n = sum(1 for _doc in nlp.pipe(texts, batch_size=16))
        else:
            from forewarn.engine import open_extractor

            if mode == "single":
                extractor = open_extractor("local")
                load_nlp()  # cached: the extractor's pipeline, loaded now rather than in the timed part
            else:
                extractor = open_extractor("dask", workers=int(mode.removeprefix("dask")))
            ready = time.perf_counter()
            driver_cpu_start = sum(me.cpu_times()[:2]) - memory.own_cpu
            cluster_cpu_start = _children_cpu(me)  # after start-up: workers have loaded the model
            n = threats = 0
            with extractor, Store(db) as store, out.open("w", encoding="utf-8") as handle:
                items = iter_documents([corpus], IngestOptions(newlines="universal", strip_bom=False))
                for outcome in analyse_stream(items, store, out=handle, extractor=extractor):
                    n += 1
                    threats += len(getattr(outcome, "threats", ()))
            result["threats"] = threats
            # CPU per document, on the driver (ingest, resolution, storage, JSONL, the scheduler)
            # and on the workers: unlike wall time, hardly changed by other load on the machine
            # (less the memory sampler's own CPU)
            driver_cpu = sum(me.cpu_times()[:2]) - memory.own_cpu - driver_cpu_start
            result["driver_cpu_ms_per_doc"] = round(driver_cpu / max(1, n) * 1000)
            result["worker_cpu_ms_per_doc"] = round(
                (sum(memory.children_cpu.values()) - cluster_cpu_start) / max(1, n) * 1000
            )
        finished = time.perf_counter()
    result.update(
        documents=n,
        startup_s=round(ready - started, 1),
        seconds=round(finished - ready, 1),
        docs_per_s=round(n / (finished - ready), 2),
        peak_rss_mb=round(memory.peak / 2**20),
    )
    if db.startswith("sqlite:///") and mode != "spacy":
        path = Path(db.removeprefix("sqlite:///"))
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        result["store_mb_per_1000_docs"] = round(size / 2**20 / max(1, n) * 1000, 2)
    return result


def throughput(doc_counts: list[int], modes: list[str]) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="forewarn-scale-") as tmp:
        for n in doc_counts:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            write_corpus(corpus, n)
            for mode in modes:
                db = f"sqlite:///{Path(tmp) / f'{mode}-{n}.db'}"
                load_before = os.getloadavg()[0]
                proc = subprocess.run(
                    [sys.executable, __file__, "run-one", mode, str(corpus), db, str(Path(tmp) / f"{mode}-{n}.jsonl")],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(proc.stdout.strip().splitlines()[-1])
                row["corpus_docs"] = n
                row["load_before"] = round(load_before, 2)
                row["load_after"] = round(os.getloadavg()[0], 2)
                print(json.dumps(row), flush=True)
                rows.append(row)
    return rows


# ---------------------------------------------------------------------------- PostgreSQL queries

EVIDENCE = [
    "we will burn the offices of {t} to the ground",
    "{t} will pay with blood if the checkpoint stays open",
    "if {t} does not resign by Friday we will storm the building",
    "we know where {t} lives and we will come for the family",
    "the convoy of {t} is a target now",
    "{t} will not see the end of the year",
]
GIVEN = ["Dorin", "Ilan", "Mara", "Pavel", "Elena", "Anton", "Lidia", "Sami", "Tomas", "Irina", "Goran", "Vesna"]
FAMILY = ["Vasko", "Brek", "Toleva", "Grusin", "Marsh", "Reiss", "Kostas", "Oran", "Varga", "Lukic", "Petrov"]


def queries(n_threats: int) -> dict[str, object]:
    from forewarn.store import Store
    from forewarn.store.search import search_threats
    from pg_server import running_server

    rng = random.Random(11)
    n_docs, n_actors = max(1, n_threats // 5), max(10, n_threats // 50)
    with running_server() as server:
        url = server.url(server.create_database("fw_bench"))
        from alembic import command

        from forewarn.store.migrate import alembic_config

        # the schema of a store made before revision 0007 (no threats.sort_date): the upgrade
        # below fills it for the million threats, as it would for an existing team store
        command.upgrade(alembic_config(url), "0006_merge")
        import psycopg

        conninfo = url.replace("postgresql+psycopg://", "postgresql://")
        t0 = time.perf_counter()
        with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
            with cur.copy("COPY actors (actor_id, name, type, titles, context, created_at) FROM STDIN") as copy:
                for i in range(1, n_actors + 1):
                    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}-{i}"
                    copy.write_row((f"A{i}", name, "PERSON", "[]", "[]", "2025-01-01"))
            with cur.copy("COPY actor_aliases (actor_id, alias, key) FROM STDIN") as copy:
                for i in range(1, n_actors + 1):
                    copy.write_row((f"A{i}", f"Actor {i}", f"actor {i}"))
            with cur.copy(
                "COPY documents (doc_id, content_hash, text, published, language, ignored, metadata, analysed_at) "
                "FROM STDIN"
            ) as copy:
                for d in range(n_docs):
                    day = f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}"
                    text = f"Report {d}. " + EVIDENCE[d % len(EVIDENCE)].format(t=f"Actor {d % n_actors + 1}")
                    copy.write_row((f"d{d}", f"{d:064x}", text, day, "en", "[]", "{}", "2025-01-01"))
            with cur.copy(
                "COPY threats (id, doc_id, speaker_actor_id, target_actor_id, type, form, date, score, status) "
                "FROM STDIN"
            ) as copy:
                for t in range(1, n_threats + 1):
                    d = rng.randrange(n_docs)
                    day = f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}"
                    copy.write_row(
                        (
                            t,
                            f"d{d}",
                            f"A{rng.randint(1, n_actors)}",
                            f"A{rng.randint(1, n_actors)}",
                            "violence",
                            "direct",
                            day,
                            0.8,
                            "unreviewed",
                        )
                    )
            with cur.copy('COPY threat_spans (threat_id, ordinal, start, "end", text, principal) FROM STDIN') as copy:
                for t in range(1, n_threats + 1):
                    text = rng.choice(EVIDENCE).format(t=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}")
                    if t % 1000 == 0:  # a rare word: one threat in a thousand
                        text += ", this is our last ultimatum"
                    copy.write_row((t, 0, 0, len(text), text, True))
            # explicit ids: move the sequence past them, as a real load must
            cur.execute("SELECT setval(pg_get_serial_sequence('threats', 'id'), %s)", (n_threats,))
            conn.commit()
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        Store(url).close()  # migrates to head
        upgrade_s = time.perf_counter() - t0
        conn = psycopg.connect(conninfo, autocommit=True)
        conn.execute("VACUUM ANALYZE")
        size_mb = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
        conn.close()

        timings: dict[str, dict[str, float]] = {}
        with Store(url) as store:
            target = f"A{n_actors // 2}"
            cases = {
                "threats(target=actor id, limit 50)": lambda: store.threats(target=target, limit=50),
                "threats(target=alias text, limit 50)": lambda: store.threats(target="Actor 777", limit=50),
                "threats(since=2024-12-01, limit 50)": lambda: store.threats(since="2024-12-01", limit=50),
                "newest 50 threats": lambda: store.threats(limit=50),
                "full-text, common words (1 in 6 threats): search_threats('storm building', 50)": lambda: (
                    search_threats(store, "storm building", limit=50)
                ),
                "full-text, rare word (1 in 1,000): search_threats('ultimatums', 50)": lambda: search_threats(
                    store, "ultimatums", limit=50
                ),
                "actor_profile(actor id)": lambda: store.actor_profile(target),
            }
            for name, call in cases.items():
                call()
                samples = []
                for _ in range(20):
                    t = time.perf_counter()
                    call()
                    samples.append((time.perf_counter() - t) * 1000)
                samples.sort()
                timings[name] = {
                    "median_ms": round(statistics.median(samples), 1),
                    "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
                }
                print(name, timings[name], flush=True)
    return {
        "threats": n_threats,
        "documents": n_docs,
        "actors": n_actors,
        "load_s": round(load_s, 1),
        "upgrade_s": round(upgrade_s, 1),
        "database_mb": round(size_mb),
        "queries": timings,
    }


# ---------------------------------------------------------------------------- report


def _machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; load average {load}"


def append_report(section: str) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(section + "\n")


def throughput_report(rows: list[dict[str, object]]) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Throughput, {when} ({_machine()})",
        "",
        "| docs | mode | docs/s | seconds | start-up s | peak RSS MB | store MB / 1,000 docs | threats "
        "| CPU ms/doc driver / workers | load before/after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        cpu = f"{r['driver_cpu_ms_per_doc']} / {r['worker_cpu_ms_per_doc']}" if "driver_cpu_ms_per_doc" in r else "-"
        lines.append(
            f"| {r['corpus_docs']:,} | {r['mode']} | {r['docs_per_s']} | {r['seconds']} | {r['startup_s']} | "
            f"{r['peak_rss_mb']} | {r.get('store_mb_per_1000_docs', '-')} | {r.get('threats', '-')} | {cpu} | "
            f"{r['load_before']} / {r['load_after']} |"
        )
    by = {(r["corpus_docs"], r["mode"]): r for r in rows}
    for n in sorted({int(r["corpus_docs"]) for r in rows}):  # type: ignore[call-overload]
        one, two = by.get((n, "dask1")), by.get((n, "dask2"))
        single, spacy = by.get((n, "single")), by.get((n, "spacy"))
        if one and two:
            ratio = float(two["docs_per_s"]) / float(one["docs_per_s"])  # type: ignore[arg-type]
            lines.append(f"\n{n:,} docs: 2 workers / 1 worker = {ratio:.2f}x (wall clock)")
            worker, driver = float(two["worker_cpu_ms_per_doc"]), float(two["driver_cpu_ms_per_doc"])
            if worker and driver:
                predicted = min(2 / (worker + driver), 2 / worker, 1 / driver) * max(worker, driver)
                lines.append(f"{n:,} docs: predicted from CPU per document on 2 idle cores = {predicted:.2f}x")
        if single and spacy:
            lines.append(f"{n:,} docs: single process / bare spaCy = {single['docs_per_s'] / spacy['docs_per_s']:.0%}")
    return "\n".join(lines) + "\n"


def queries_report(result: dict[str, object]) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### PostgreSQL queries, {when} ({_machine()})",
        "",
        f"{result['threats']:,} threats over {result['documents']:,} documents and {result['actors']:,} actors "
        f"(generated, loaded by COPY in {result['load_s']} s; database {result['database_mb']} MB)."
        + (
            f" Upgrading that store to head (filling and indexing `threats.sort_date`, revision 0007) took "
            f"{result['upgrade_s']} s."
            if "upgrade_s" in result
            else ""
        ),
        "",
        "| query (through the Store API) | median ms | p95 ms |",
        "| --- | --- | --- |",
    ]
    for name, t in result["queries"].items():  # type: ignore[attr-defined]
        lines.append(f"| {name} | {t['median_ms']} | {t['p95_ms']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--docs", type=int, nargs="+", default=[1000])
    t.add_argument("--modes", nargs="+", default=["spacy", "single", "dask1", "dask2"])
    q = sub.add_parser("queries")
    q.add_argument("--threats", type=int, default=1_000_000)
    one = sub.add_parser("run-one")
    one.add_argument("mode")
    one.add_argument("corpus", type=Path)
    one.add_argument("db")
    one.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "run-one":
        print(json.dumps(run_one(args.mode, args.corpus, args.db, args.out)))
    elif args.command == "throughput":
        append_report(throughput_report(throughput(args.docs, args.modes)))
    else:
        append_report(queries_report(queries(args.threats)))


if __name__ == "__main__":
    main()
