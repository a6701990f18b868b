"""Rich rendering of the early-warning commands: scores with their explanation, backtest
reports, watchlists and alerts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from forewarn.analyse.backtest import BacktestReport
from forewarn.analyse.scoring import Score
from forewarn.cli.views import shorten

LEVEL_STYLE = {"low": "green", "guarded": "yellow", "elevated": "bold dark_orange", "high": "bold red"}
_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], width: int = 100) -> str:
    """Scores (0..100) as a line of block characters, resampled to at most `width`."""
    if not values:
        return ""
    if len(values) > width:
        step = len(values) / width
        values = [max(values[int(i * step) : max(int((i + 1) * step), int(i * step) + 1)]) for i in range(width)]
    return "".join(_BLOCKS[min(len(_BLOCKS) - 1, int(v / 100 * len(_BLOCKS)))] for v in values)


def _level(score: Score) -> Text:
    return Text(f"{score.score:5.1f} {score.level}", style=LEVEL_STYLE.get(score.level, ""))


def show_score(console: Console, series: list[Score], explained: Score, step: str) -> None:
    name = explained.actor_name or explained.actor_id
    console.print(
        Text.assemble(
            ("Escalation score ", "bold"),
            (f"{name} ({explained.actor_id})", "bold cyan"),
            f"  {explained.day.isoformat()}: ",
            _level(explained),
            f"  (alert at {explained.threshold:.0f})",
        )
    )
    if series:
        console.print(
            Text.assemble(
                (f"{series[0].day.isoformat()} ", "dim"),
                sparkline([s.score for s in series]),
                (f" {series[-1].day.isoformat()}", "dim"),
            )
        )
        shown = [s for s in series if s.day <= explained.day][-12:]
        table = Table(title=f"{step.capitalize()} scores (to {explained.day.isoformat()})", title_justify="left")
        table.add_column("Day", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for s in shown:
            table.add_row(s.day.isoformat(), _level(s), "█" * int(s.score / 4))
        console.print(table)
    console.print(explanation_table(explained))
    features = [f for f in explained.target_features if f.value > 0]
    if features:
        t = Table(title="Around the target", title_justify="left")
        t.add_column("Feature")
        t.add_column("Points", justify="right")
        t.add_column("Why", overflow="fold")
        for f in features:
            t.add_row(f.name, f"{f.points:.2f}", f.detail)
        console.print(t)
    if explained.events:
        t = Table(title="Violent events against the target", title_justify="left")
        t.add_column("Date", no_wrap=True)
        t.add_column("Type", no_wrap=True)
        t.add_column("Source", max_width=24)
        t.add_column("Evidence", overflow="fold")
        for e in explained.events[:10]:
            t.add_row(e.date or e.published or "—", e.type, e.source, Text(f"“{shorten(e.evidence, 120)}”", "italic"))
        console.print(t)


def explanation_table(score: Score, limit: int = 10) -> Table:
    """The threats that raised a score, the heaviest first, with the features that fired."""
    table = Table(title=f"What raised it (raw {score.raw:.2f} points)", title_justify="left")
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Speaker", max_width=26)
    table.add_column("Threat", no_wrap=True)
    table.add_column("Why", overflow="fold", max_width=40)
    table.add_column("Quote and sources", overflow="fold")
    for c in score.top_threats(limit):
        t = c.threat
        why = [_why(f.name, f.detail) for f in c.features if f.value > 0 and f.name not in ("type", "form")]
        why.append(f"confidence {c.confidence:.2f}, recency ×{c.decay:.2f}")
        speaker = t.speaker_name or t.speaker_org_name or "—"
        if t.speaker_org_name and t.speaker_org_name != speaker:
            speaker += f" ({t.speaker_org_name})"
        quote = Text(f"“{shorten(t.quote, 160)}”", style="italic")
        quote.append(f"\n{t.report_count} report(s): {', '.join(t.sources)}", style="dim")
        table.add_row(f"{c.points:.2f}", c.day.isoformat(), speaker, f"{t.type}\n{t.form}", "; ".join(why), quote)
    return table


def _why(name: str, detail: str) -> str:
    return f"{name}: {detail}" if detail else name


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def show_backtest(console: Console, report: BacktestReport) -> None:
    s = report.summary()
    console.print(
        Text.assemble(
            ("Backtest ", "bold"),
            f"{s['period'][0]} → {s['period'][1]}, {s['targets']} targets, alert at {report.threshold:.0f}, "  # type: ignore[index]
            f"horizon {report.horizon_days} days",
        )
    )
    console.print(
        f"attacks: {s['attacks']}, warned before: {s['attacks_warned']} (recall {_pct(report.recall)}); "
        f"anticipatory alerts: {s['alerts']}, followed by an attack: {s['alerts_followed']}, "
        f"false alarms: {s['false_alarms']}, still open: {s['alerts_open']} (precision {_pct(report.precision)}); "
        f"reactive alerts (after an attack): {s['reactive_alerts']}; lead times {report.lead_times} days"
        + (f", median {report.median_lead:g}" if report.median_lead is not None else "")
    )
    if report.attacks:
        t = Table(title="Attacks", title_justify="left")
        t.add_column("Day", no_wrap=True)
        t.add_column("Target", max_width=28)
        t.add_column("Type", no_wrap=True)
        t.add_column("Warned", no_wrap=True)
        t.add_column("Lead", justify="right", no_wrap=True)
        t.add_column("Score day before", justify="right", no_wrap=True)
        t.add_column("Evidence", overflow="fold")
        for a in report.attacks:
            t.add_row(
                a.day.isoformat(),
                a.target_name or a.target_id,
                a.event.type,
                Text("yes", "green") if a.warned else Text("no", "red"),
                f"{a.lead_days} d" if a.lead_days is not None else "—",
                f"{a.score_day_before:.0f}",
                Text(f"“{shorten(a.event.evidence, 90)}” ({a.event.doc_id})", "italic"),
            )
        console.print(t)
    if report.alerts:
        t = Table(title="Alerts", title_justify="left")
        t.add_column("Start", no_wrap=True)
        t.add_column("End", no_wrap=True)
        t.add_column("Target", max_width=28)
        t.add_column("Peak", justify="right")
        t.add_column("Outcome", no_wrap=True)
        for al in report.alerts:
            style = {"followed": "green", "false_alarm": "red", "reactive": "dim"}.get(al.outcome, "yellow")
            outcome = al.outcome.replace("_", " ") + (f" ({al.attack_day.isoformat()})" if al.attack_day else "")
            t.add_row(
                al.start.isoformat(),
                al.end.isoformat() if al.end else "…",
                al.target_name or al.target_id,
                f"{al.peak:.0f}",
                Text(outcome, style),
            )
        console.print(t)
