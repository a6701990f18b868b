"""The `forewarn` command line."""

from __future__ import annotations

import logging
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from forewarn.cli import views
from forewarn.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Early warning of targeted political violence.")
# piped output is read in files and logs: give tables room instead of 80 columns
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None, typer.Option("--db", help="SQLAlchemy URL (default: $FOREWARN_DB, else sqlite:///forewarn.db)")
]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline package or path (default: $FOREWARN_SPACY_MODEL)")
]


def _store(db: str | None) -> Store:
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return Store(db or Store.default_url())


def example_corpus() -> Path:
    """The bundled example corpus: in the source tree, or installed beside the package."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "corpus"
        if candidate.is_dir():
            return candidate
    packaged = resources.files("forewarn") / "data" / "examples"
    return Path(str(packaged))


@app.command()
def threats(
    target: Annotated[str | None, typer.Option(help="target name (any alias)")] = None,
    speaker: Annotated[str | None, typer.Option(help="speaker or speaker's organisation (any alias)")] = None,
    since: Annotated[str | None, typer.Option(help="only threats on or after this date (YYYY-MM-DD)")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
    limit: Annotated[int | None, typer.Option(help="at most this many")] = None,
    db: DbOption = None,
) -> None:
    """List stored threats; a threat reported by several documents is listed once."""
    from forewarn.analyse.clusters import update_clusters

    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("--format must be table, json or csv")
    store = _store(db)
    try:
        update_clusters(store)  # threats saved by an older version or another tool
        views.show_threats(
            store,
            console,
            target=target,
            speaker=speaker,
            since=since,
            fmt=fmt,  # type: ignore[arg-type]
            limit=limit,
        )
    finally:
        store.close()


@app.command(context_settings={"allow_extra_args": False})
def actors(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="NAME to show an actor; or: merge KEEP_ID DROP_ID | split ACTOR_ID ALIAS | same NAME1 NAME2"
        ),
    ] = None,
    kind: Annotated[str | None, typer.Option("--type", help="person or org (for `same`)")] = None,
    pairs: Annotated[Path | None, typer.Option("--pairs", help="CSV of name1,name2,type (for `same`)")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="output CSV for `same --pairs`")] = None,
    analyst: Annotated[str | None, typer.Option(help="who makes a correction")] = None,
    reason: Annotated[str, typer.Option(help="why (recorded with a correction)")] = "analyst correction",
    db: DbOption = None,
) -> None:
    """Show actors, or correct and test actor resolution.

    forewarn actors [NAME]; forewarn actors merge KEEP DROP; forewarn actors split ACTOR ALIAS;
    forewarn actors same NAME1 NAME2 [--type person|org] | same --pairs FILE.csv [--out OUT.csv]
    """
    args = args or []
    if args and args[0] == "same":
        _actors_same(args[1:], kind, pairs, out)
        return
    store = _store(db)
    try:
        if args and args[0] == "merge":
            if len(args) != 3:
                raise typer.BadParameter("usage: forewarn actors merge KEEP_ID DROP_ID")
            store.merge_actors(args[1], args[2], analyst, reason)
            console.print(f"merged {args[2]} into {args[1]}")
        elif args and args[0] == "split":
            if len(args) != 3:
                raise typer.BadParameter("usage: forewarn actors split ACTOR_ID ALIAS")
            new_id = store.split_alias(args[1], args[2], analyst, reason)
            console.print(f"split {args[2]!r} off {args[1]} as {new_id}")
        else:
            name = " ".join(args) if args else None
            if not views.show_actors(store, console, name):
                raise typer.Exit(1)
    except (KeyError, ValueError) as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()


def _actors_same(names: list[str], kind: str | None, pairs: Path | None, out: Path | None) -> None:
    from forewarn.resolve.names import compare_names, compare_pairs_csv

    normalised = _kind(kind)
    if pairs is not None:
        target = out or pairs.with_name(pairs.stem + ".scored.csv")
        counts = compare_pairs_csv(pairs, target)
        console.print(f"wrote {target}: {counts}")
        return
    if len(names) != 2:
        raise typer.BadParameter("usage: forewarn actors same NAME1 NAME2 [--type person|org]")
    match = compare_names(names[0], names[1], normalised)
    console.print(f"same={str(match.same).lower()} score={match.score:.3f}")
    for reason in match.reasons:
        console.print(f"  - {reason}")


def _kind(kind: str | None):
    if kind is None:
        return None
    k = kind.lower()
    if k in ("person", "per", "people"):
        return "person"
    if k in ("org", "organization", "organisation", "group"):
        return "org"
    raise typer.BadParameter("--type must be person or org")


kb_app = typer.Typer(help="Knowledge bases of actors (optional): YAML, CSV or FollowTheMoney JSON.")
app.add_typer(kb_app, name="kb")


@kb_app.command("import")
def kb_import(
    path: Annotated[Path, typer.Argument(help="YAML, CSV or FollowTheMoney JSON/JSONL file of actors")],
    db: DbOption = None,
) -> None:
    """Seed or enrich actors from a knowledge base; entries join the actors they match."""
    from forewarn.pipeline import build_resolver
    from forewarn.resolve.kb import KnowledgeBaseError, match_kb, read_kb

    try:
        entries = read_kb(path)
    except (KnowledgeBaseError, OSError) as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    store = _store(db)
    try:
        matched = match_kb(entries, build_resolver(store))
        ids_by_name = {m.kb.name: m.actor_id for m in matched}
        ids_by_name.update({m.kb.kb_id: m.actor_id for m in matched if m.kb.kb_id})
        for m in matched:
            affiliations = [ids_by_name[a] for a in m.kb.affiliations if a in ids_by_name]
            store.import_actor(m.actor_id, m.kb.name, m.kb.type, m.kb.aliases, affiliations)
            if not m.created:
                store.record_merge("auto", [m.actor_id], [m.kb.name], f"knowledge base {path.name}: {m.reason}")
        created = sum(m.created for m in matched)
        console.print(f"{len(matched)} actors from {path.name}: {created} new, {len(matched) - created} matched")
    finally:
        store.close()


@app.command()
def show(doc_id: str, db: DbOption = None) -> None:
    """A document with its threats, events and actors marked."""
    store = _store(db)
    try:
        if not views.show_document(store, console, doc_id):
            err_console.print(f"[red]no document {doc_id!r} in the store[/red]")
            raise typer.Exit(1)
    finally:
        store.close()


# Commands of the later stages live in their own modules (cli/<area>.py), each adding its
# commands to `app`; they register here, one import each, so this file stays small.
# --- command modules ---
from forewarn.cli import analyze as _analyze  # noqa: E402, F401  (analyze, demo)
from forewarn.cli import serve as _serve  # noqa: E402, F401  (serve, users, tokens)
from forewarn.cli import warning as _warning  # noqa: E402, F401  (export, score, backtest, watch, brief...)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
