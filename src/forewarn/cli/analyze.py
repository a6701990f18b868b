"""`forewarn analyze` and `forewarn demo`: documents through the whole pipeline, streamed."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from forewarn.cli import views
from forewarn.cli.app import DbOption, ModelOption, _store, app, console, err_console, example_corpus
from forewarn.cli.limits import (
    MaxBytesOption,
    MaxLineCharsOption,
    MaxNestingOption,
    ParseTimeoutOption,
    ingest_options,
)
from forewarn.engine import ENGINES
from forewarn.ingest import iter_documents
from forewarn.model import DocumentAnalysis, IngestError

# the summary table lists the threats of at most this many documents (the store has them all)
SUMMARY_DOCUMENTS = 500
# folder entries that the reader skips as well (hidden files, editor backups)
_JSONL = (".jsonl", ".ndjson")
_ARCHIVES = (".warc", ".warc.gz", ".arc", ".arc.gz")


class RateColumn(ProgressColumn):
    """Documents per second, over Rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


def estimate_total(paths: Iterable[Path], stop: threading.Event) -> int | None:
    """How many documents the inputs hold, without reading them as documents: files are
    counted while walking folders, JSONL lines by counting line breaks. None when it cannot
    be known cheaply (web archives hold any number of records)."""
    total = 0
    pending = [Path(p) for p in paths]
    seen: set[str] = set()
    while pending:
        if stop.is_set():
            return None
        path = pending.pop()
        try:
            if path.is_dir():
                real = os.path.realpath(path)
                if real in seen:
                    continue
                seen.add(real)
                with os.scandir(path) as entries:
                    for entry in entries:
                        if entry.name.startswith(".") or entry.name.endswith("~"):
                            continue
                        if entry.is_dir():
                            pending.append(Path(entry.path))
                        else:
                            n = _count_file(Path(entry.path), stop)
                            if n is None:
                                return None
                            total += n
            elif path.exists():
                n = _count_file(path, stop)
                if n is None:
                    return None
                total += n
        except OSError:
            continue
    return total


def _count_file(path: Path, stop: threading.Event) -> int | None:
    name = path.name.lower()
    if name.endswith(_ARCHIVES):
        return None
    if not name.endswith(_JSONL):
        return 1
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if stop.is_set():
                return None
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def run_analysis(
    paths: list[Path],
    db: str | None,
    out: Path | None,
    *,
    published: str | None = None,
    model: str | None = None,
    batch_size: int = 16,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    resume: bool = False,
    limits: dict[str, int | float | None] | None = None,
) -> int:
    """Analyse `paths` into the store (and `out`); print a summary; return the exit code."""
    from forewarn.engine import open_extractor
    from forewarn.output.jsonl import open_jsonl
    from forewarn.pipeline import ResumeState, Skipped, analyse_stream, open_resumed_output

    options = ingest_options(published=published, newlines="universal", strip_bom=False, **(limits or {}))
    store = _store(db)
    handle: IO[str] | None = None
    state: ResumeState | None = None
    if resume:
        if out is not None:
            handle, state = open_resumed_output(out)
        else:
            state = ResumeState()
    elif out is not None:
        handle = open_jsonl(out)
    analysed = threats = events = skipped = 0
    errors: list[IngestError] = []
    shown: list[DocumentAnalysis] = []
    stop_counting = threading.Event()
    interrupted = False
    try:
        extractor = open_extractor(engine, model=model, batch_size=batch_size, scheduler=scheduler, workers=workers)
    except Exception as exc:
        store.close()
        if handle:
            handle.close()
        err_console.print(f"[red]error[/red]: cannot start the {engine} engine: {exc}")
        return 2
    try:
        with (
            extractor,
            Progress(
                TextColumn("[bold]analysing"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[doc]}", style="dim"),
                console=err_console,
                transient=True,
            ) as progress,
        ):
            task: TaskID = progress.add_task("analyse", total=None, doc="")

            def count() -> None:
                total = estimate_total(paths, stop_counting)
                if total is not None and not stop_counting.is_set():
                    progress.update(task, total=max(total, progress.tasks[0].completed))

            threading.Thread(target=count, name="count-documents", daemon=True).start()
            if engine != "local":
                progress.console.print(f"extraction on the {extractor.description}")
            items = iter_documents(paths, options)
            for outcome in analyse_stream(items, store, out=handle, extractor=extractor, resume=state):
                if isinstance(outcome, IngestError):
                    errors.append(outcome)
                    progress.console.print(f"[red]error[/red] {outcome.source}: {outcome.reason}")
                    progress.update(task, advance=1, doc=outcome.doc_id or "")
                elif isinstance(outcome, Skipped):
                    skipped += outcome.count
                    progress.update(task, advance=outcome.count, doc=outcome.doc_id)
                else:
                    analysed += 1
                    threats += len(outcome.threats)
                    events += len(outcome.events)
                    if outcome.threats and len(shown) < SUMMARY_DOCUMENTS:
                        shown.append(outcome)
                    progress.update(task, advance=1, doc=outcome.document.doc_id)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        stop_counting.set()
        if handle:
            handle.close()
        store.close()
    console.print(views.threat_summary_table(shown))
    if len(shown) == SUMMARY_DOCUMENTS:
        console.print(f"(the table shows the first {SUMMARY_DOCUMENTS} documents with threats: `forewarn threats`)")
    console.print(
        f"{analysed} documents analysed, {threats} threats, {events} events, {len(errors)} errors"
        + (f", {skipped} already analysed (skipped)" if resume else "")
        + (f"; analysis written to {out}" if out else "")
    )
    if interrupted:
        err_console.print("[yellow]interrupted[/yellow]: re-run with --resume to finish the rest")
        return 130
    return 1 if errors else 0


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="files or folders (recursively): text, HTML, JSON(L), WARC")],
    out: Annotated[Path | None, typer.Option("--out", help="write the analysis JSONL here")] = None,
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option("--published", help="publication date (YYYY-MM-DD) for documents that give none")
    ] = None,
    model: ModelOption = None,
    batch_size: Annotated[int, typer.Option(help="documents per spaCy batch (and per task on a cluster)")] = 16,
    engine: Annotated[
        str, typer.Option("--engine", help="where extraction runs: local (this process) or dask (a cluster)")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="with --engine dask: join the cluster at this address")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="with --engine dask: start a local cluster of N worker processes")
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="finish an interrupted run: skip documents already analysed (same id, same content) "
            "and append to --out",
        ),
    ] = False,
    max_bytes: MaxBytesOption = None,
    max_line_chars: MaxLineCharsOption = None,
    max_nesting: MaxNestingOption = None,
    parse_timeout: ParseTimeoutOption = None,
) -> None:
    """Analyse documents: threats, events and actors, stored and optionally written as JSONL."""
    if engine not in ENGINES:
        raise typer.BadParameter(
            f"--engine must be one of {', '.join(ENGINES)}"
            + (" (forewarn runs on Dask distributed; see docs/scale.md)" if engine == "ray" else "")
        )
    if (scheduler or workers) and engine != "dask":
        raise typer.BadParameter("--scheduler and --workers need --engine dask")
    if scheduler and workers:
        raise typer.BadParameter("give --scheduler (join a cluster) or --workers (start one), not both")
    if workers is not None and workers < 1:
        raise typer.BadParameter("--workers must be at least 1")
    limits = {
        "max_bytes": max_bytes,
        "max_line_chars": max_line_chars,
        "max_nesting": max_nesting,
        "parse_timeout": parse_timeout,
    }
    code = run_analysis(
        paths,
        db,
        out,
        published=published,
        model=model,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        workers=workers,
        resume=resume,
        limits=limits,
    )
    raise typer.Exit(code)


@app.command()
def demo(
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help="analysis JSONL of the demo")] = Path("demo-analysis.jsonl"),
    model: ModelOption = None,
) -> None:
    """Run the whole pipeline on the bundled example corpus."""
    corpus = example_corpus()
    console.print(f"[bold]forewarn demo[/bold]: analysing the example corpus in {corpus}")
    code = run_analysis([corpus], db, out, model=model)
    store = _store(db)
    try:
        console.rule("Threats in the store")
        views.show_threats(store, console, fmt="table", limit=30)
    finally:
        store.close()
    raise typer.Exit(code)
