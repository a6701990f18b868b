"""Commands of the early-warning stage: clusters, export, score, backtest, watchlists and
alerts, watch (monitoring) and briefs. Registered on `forewarn.cli.app.app`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from forewarn.cli.app import DbOption, _store, app, console, err_console

if TYPE_CHECKING:
    from forewarn.analyse.delivery import DeliveryReport

TargetOption = Annotated[str | None, typer.Option(help="target name (any alias) or actor id")]
SpeakerOption = Annotated[str | None, typer.Option(help="speaker or speaker's organisation (any alias)")]
SinceOption = Annotated[str | None, typer.Option(help="only threats on or after this date (YYYY-MM-DD)")]


@app.command()
def clusters(
    rebuild: Annotated[bool, typer.Option(help="forget the grouping and regroup every threat (ids change)")] = False,
    db: DbOption = None,
) -> None:
    """Group the reports of one threat by several documents (done after every analysis)."""
    from forewarn.analyse.clusters import rebuild_clusters, update_clusters

    store = _store(db)
    try:
        result = rebuild_clusters(store) if rebuild else update_clusters(store)
    finally:
        store.close()
    console.print(
        f"{result.placed} threat reports placed: {result.created} new threats, {result.joined} further reports "
        f"of known threats, {result.rejoined} re-analysed"
    )


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv, json, jsonl, stix, graphml or gexf")],
    out: Annotated[Path, typer.Option("--out", help="file to write")],
    target: TargetOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    db: DbOption = None,
) -> None:
    """Export threats (a threat reported many times counted once) for other tools."""
    from forewarn.analyse.export import EXPORT_FORMATS, ExportFilter
    from forewarn.analyse.export import export as write_export

    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    store = _store(db)
    try:
        n = write_export(store, fmt, out, ExportFilter(target=target, speaker=speaker, since=since))
    except ValueError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    console.print(f"{n} threats written to {out} ({fmt})")


@app.command()
def score(
    actor: Annotated[str, typer.Argument(help="actor name (any alias) or id")],
    daily: Annotated[bool, typer.Option("--daily", help="one score per day")] = False,
    weekly: Annotated[bool, typer.Option("--weekly", help="one score per week (its last day)")] = False,
    on: Annotated[str | None, typer.Option(help="explain this day's score (YYYY-MM-DD; default: the last)")] = None,
    since: Annotated[str | None, typer.Option(help="first day of the series (YYYY-MM-DD)")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    db: DbOption = None,
) -> None:
    """Escalation score of a target over time, and what raised it."""
    import json

    from forewarn.analyse.dates import parse_day
    from forewarn.analyse.scoring import ScoringData, resolve_actor, score_on, score_series
    from forewarn.cli import warning_views

    if daily and weekly:
        raise typer.BadParameter("--daily or --weekly, not both")
    step = "weekly" if weekly else "daily"
    store = _store(db)
    try:
        found = resolve_actor(store, actor)
        if found is None:
            err_console.print(f"[red]no actor matches {actor!r}[/red]")
            raise typer.Exit(1)
        actor_id, _name = found
        data = ScoringData.load(store)
    finally:
        store.close()
    series = score_series(data, actor_id, start=parse_day(since), step=step)  # type: ignore[arg-type]
    explained_day = parse_day(on) or (series[-1].day if series else None)
    explained = score_on(data, actor_id, explained_day) if explained_day else None
    if fmt == "json":
        console.out(
            json.dumps(
                {
                    "actor_id": actor_id,
                    "step": step,
                    "series": [
                        {"day": s.day.isoformat(), "score": round(s.score, 1), "level": s.level} for s in series
                    ],
                    "explained": explained.to_json() if explained else None,
                },
                ensure_ascii=False,
                indent=2,
            ),
            highlight=False,
        )
        return
    if not series or explained is None:
        console.print(f"[dim]No threats or attacks against {actor} in the store.[/dim]")
        return
    warning_views.show_score(console, series, explained, step)


@app.command()
def backtest(
    threshold: Annotated[float | None, typer.Option(help="alert level (default: the model's, 50)")] = None,
    horizon: Annotated[int, typer.Option(help="days an alert may precede the attack it warns of")] = 60,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    db: DbOption = None,
) -> None:
    """Replay the store day by day: did the score warn before each attack, and how early?"""
    import json

    from forewarn.analyse.backtest import backtest as run_backtest
    from forewarn.analyse.scoring import ScoringData
    from forewarn.cli import warning_views

    store = _store(db)
    try:
        data = ScoringData.load(store)
    finally:
        store.close()
    report = run_backtest(data, threshold=threshold, horizon_days=horizon)
    if fmt == "json":
        console.out(json.dumps(report.to_json(), ensure_ascii=False, indent=2), highlight=False)
    else:
        warning_views.show_backtest(console, report)


# ---------------------------------------------------------------------- watchlists and alerts

watchlist_app = typer.Typer(help="What to watch: targets, speakers, organisations, keywords.", no_args_is_help=True)
app.add_typer(watchlist_app, name="watchlist")
alerts_app = typer.Typer(
    help="Alerts raised by the watchlist rules, and where they are delivered.", no_args_is_help=True
)
app.add_typer(alerts_app, name="alerts")
channel_app = typer.Typer(help="Alert channels: console, jsonl, webhook, email.", no_args_is_help=True)
alerts_app.add_typer(channel_app, name="channel")


@watchlist_app.command("add")
def watchlist_add(
    kind: Annotated[str, typer.Argument(help="target, speaker, org or keyword")],
    value: Annotated[str, typer.Argument(help="actor name (any alias) or id, or the keyword")],
    threshold: Annotated[float | None, typer.Option(help="score alert level for a target (default 50)")] = None,
    db: DbOption = None,
) -> None:
    """Watch an actor or a keyword; alerts come from facts analysed from now on."""
    from forewarn.analyse.watchlists import WatchError, add_watch

    store = _store(db)
    try:
        row = add_watch(store, kind, value, threshold=threshold)
    except WatchError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    what = f"{row.label} ({row.value})" if kind != "keyword" else repr(row.label)
    console.print(f"watching {kind} {what} as #{row.id}")


@watchlist_app.command("list")
def watchlist_list(db: DbOption = None) -> None:
    """The watch entries."""
    from rich.table import Table

    from forewarn.store import warning as wstore

    store = _store(db)
    try:
        rows = wstore.watches(store)
    finally:
        store.close()
    if not rows:
        console.print("[dim]Nothing is watched. forewarn watchlist add target NAME[/dim]")
        return
    table = Table(title=f"Watchlist ({len(rows)})", title_justify="left")
    for col in ("#", "Kind", "Watched", "Id", "Threshold", "Since"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r.id),
            r.kind,
            r.label,
            r.value if r.kind != "keyword" else "",
            "" if r.threshold is None else f"{r.threshold:g}",
            r.created_at.isoformat(sep=" ", timespec="minutes"),
        )
    console.print(table)


@watchlist_app.command("remove")
def watchlist_remove(watch_id: Annotated[int, typer.Argument(help="the entry's number")], db: DbOption = None) -> None:
    """Stop watching (alerts already raised stay)."""
    from forewarn.store import warning as wstore

    store = _store(db)
    try:
        removed = wstore.remove_watch(store, watch_id)
    finally:
        store.close()
    if not removed:
        err_console.print(f"[red]no watch entry #{watch_id}[/red]")
        raise typer.Exit(1)
    console.print(f"removed #{watch_id}")


@alerts_app.command("check")
def alerts_check(
    today: Annotated[str | None, typer.Option(help="the day scores are computed for (default: today)")] = None,
    backfill: Annotated[bool, typer.Option(help="alert on facts analysed before the watch too")] = False,
    recent_days: Annotated[
        int | None, typer.Option(help="ignore threats published more than N days before the watch (archives)")
    ] = None,
    deliver: Annotated[bool, typer.Option(help="deliver what is due after checking")] = True,
    db: DbOption = None,
) -> None:
    """Evaluate the watchlist rules now, raise new alerts and deliver them."""
    from forewarn.analyse.dates import parse_day
    from forewarn.analyse.delivery import deliver_pending
    from forewarn.analyse.watchlists import evaluate

    store = _store(db)
    try:
        result = evaluate(store, today=parse_day(today), backfill=backfill, recent_days=recent_days)
        console.print(f"{len(result.raised)} new alert(s) from {result.checked_watches} watch entries")
        if deliver:
            _print_delivery(deliver_pending(store, console=console))
    finally:
        store.close()


def _print_delivery(report: DeliveryReport) -> None:
    console.print(f"delivered {report.delivered}, to retry later {report.retry_later}, given up {report.given_up}")
    for error in report.errors[:10]:
        err_console.print(f"[yellow]delivery failed[/yellow]: {error}")


@alerts_app.command("deliver")
def alerts_deliver(db: DbOption = None) -> None:
    """Send the alerts whose delivery is due (new ones and retries)."""
    from forewarn.analyse.delivery import deliver_pending

    store = _store(db)
    try:
        _print_delivery(deliver_pending(store, console=console))
    finally:
        store.close()


@alerts_app.command("retry-failed")
def alerts_retry_failed(db: DbOption = None) -> None:
    """Queue again the deliveries that were given up (after fixing a channel)."""
    from forewarn.store import warning as wstore

    store = _store(db)
    try:
        n = wstore.retry_failed(store)
    finally:
        store.close()
    console.print(f"{n} deliveries queued again")


@alerts_app.command("list")
def alerts_list(
    limit: Annotated[int, typer.Option(help="at most this many, newest first")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    db: DbOption = None,
) -> None:
    """Alerts raised, newest first, with the state of their deliveries."""
    import json

    from rich.table import Table

    from forewarn.store import warning as wstore

    store = _store(db)
    try:
        rows = wstore.alerts(store, limit=limit)
    finally:
        store.close()
    if fmt == "json":
        console.out(
            json.dumps(
                [{**r.to_json(), "deliveries": [list(d) for d in r.deliveries]} for r in rows],
                ensure_ascii=False,
                indent=2,
            ),
            highlight=False,
        )
        return
    if not rows:
        console.print("[dim]No alerts.[/dim]")
        return
    table = Table(title=f"Alerts ({len(rows)})", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Raised", no_wrap=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Alert", overflow="fold")
    table.add_column("Deliveries", overflow="fold")
    for r in rows:
        deliveries = ", ".join(f"{name}: {status}" + (f" ×{n}" if n > 1 else "") for name, status, n in r.deliveries)
        table.add_row(str(r.id), r.created_at.isoformat(sep=" ", timespec="minutes"), r.rule, r.title, deliveries)
    console.print(table)


@channel_app.command("add")
def channel_add(
    name: Annotated[str, typer.Argument(help="a name for the channel")],
    kind: Annotated[str, typer.Argument(help="console, jsonl, webhook or email")],
    path: Annotated[Path | None, typer.Option(help="jsonl: the file to append to")] = None,
    url: Annotated[str | None, typer.Option(help="webhook: the URL to POST to")] = None,
    secret_env: Annotated[
        str | None, typer.Option(help="webhook: environment variable holding the HMAC secret")
    ] = None,
    smtp_host: Annotated[str, typer.Option(help="email: SMTP server")] = "localhost",
    smtp_port: Annotated[int, typer.Option(help="email: SMTP port")] = 25,
    sender: Annotated[str | None, typer.Option("--from", help="email: sender address")] = None,
    to: Annotated[list[str] | None, typer.Option("--to", help="email: recipient (repeatable)")] = None,
    starttls: Annotated[bool, typer.Option(help="email: upgrade to TLS")] = False,
    username: Annotated[str | None, typer.Option(help="email: SMTP login")] = None,
    password_env: Annotated[str | None, typer.Option(help="email: environment variable with the password")] = None,
    db: DbOption = None,
) -> None:
    """Add (or replace) a channel; alerts raised from now on are queued for it."""
    from forewarn.analyse.delivery import check_channel_config
    from forewarn.store import warning as wstore

    config: dict[str, object] = {}
    if kind == "jsonl":
        config = {"path": str(path.resolve()) if path else None}
    elif kind == "webhook":
        config = {"url": url, "secret_env": secret_env}
    elif kind == "email":
        config = {
            "host": smtp_host,
            "port": smtp_port,
            "sender": sender,
            "recipients": list(to or []),
            "starttls": starttls,
            "username": username,
            "password_env": password_env,
        }
    try:
        check_channel_config(kind, config)
    except ValueError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    store = _store(db)
    try:
        row = wstore.add_channel(store, name, kind, {k: v for k, v in config.items() if v is not None})
    finally:
        store.close()
    console.print(f"channel {row.name} ({row.kind}) added")


@channel_app.command("list")
def channel_list(db: DbOption = None) -> None:
    """The alert channels."""
    from forewarn.store import warning as wstore

    store = _store(db)
    try:
        rows = wstore.channels(store)
        counts = wstore.delivery_counts(store)
    finally:
        store.close()
    for r in rows:
        console.print(f"{r.id}  {r.name}  {r.kind}  {r.config}", highlight=False)
    if not rows:
        console.print("[dim]No channels: alerts are stored but go nowhere.[/dim]")
    console.print(f"deliveries: {counts}")


@channel_app.command("remove")
def channel_remove(name: Annotated[str, typer.Argument(help="channel name or id")], db: DbOption = None) -> None:
    """Remove a channel (and its queued deliveries)."""
    from forewarn.store import warning as wstore

    store = _store(db)
    try:
        removed = wstore.remove_channel(store, name)
    finally:
        store.close()
    if not removed:
        err_console.print(f"[red]no channel {name!r}[/red]")
        raise typer.Exit(1)
    console.print(f"removed channel {name}")


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="folders, and URLs of RSS/Atom feeds")],
    once: Annotated[bool, typer.Option("--once", help="one pass, then exit")] = False,
    interval: Annotated[float, typer.Option(help="seconds between passes")] = 300.0,
    allow_private: Annotated[
        bool, typer.Option(help="fetch from private and loopback addresses (an intranet; off by default)")
    ] = False,
    today: Annotated[str | None, typer.Option(help="the day scores are computed for (default: today)")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline package or path")] = None,
    db: DbOption = None,
) -> None:
    """Keep analysing new documents from folders and feeds, raising alerts as they come."""
    from forewarn.analyse.dates import parse_day
    from forewarn.analyse.monitor import MonitorConfig, PassReport, watch_loop

    config = MonitorConfig(sources=sources, allow_private=allow_private, model=model, today=parse_day(today))
    store = _store(db)

    def report(result: PassReport) -> None:
        console.print(f"[bold]pass[/bold]: {result.summary()}")
        for error in result.errors[:20]:
            err_console.print(f"[yellow]warning[/yellow]: {error}")

    try:
        watch_loop(store, config, interval=interval, once=once, console=console, on_pass=report)
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        store.close()


@app.command()
def brief(
    actor: Annotated[str, typer.Argument(help="actor name (any alias) or id")],
    out: Annotated[Path, typer.Option("--out", help="brief.html, or brief.pdf (printed by headless Chromium)")],
    today: Annotated[str | None, typer.Option(help="the day of the assessment (default: the store's last)")] = None,
    db: DbOption = None,
) -> None:
    """Write a threat-assessment brief on an actor: summary, score chart, threats, actors, events."""
    from forewarn.analyse.brief import BriefError, write_brief
    from forewarn.analyse.dates import parse_day

    store = _store(db)
    try:
        written = write_brief(store, actor, out, today=parse_day(today))
    except BriefError as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    console.print(
        f"brief on {written.name} ({written.score.score:.0f}, {written.level}; {len(written.threats)} threats) "
        f"written to {out}"
    )
