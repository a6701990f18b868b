"""Threat-assessment briefs: one self-contained HTML page (or PDF) about one actor.

A brief gathers, for a target: a summary in sentences, the escalation score over time as
an inline SVG chart (matplotlib, no network), what raised the current score, every threat
against the actor (counted once, with its quotes and all its sources), the actors behind
them with their record, and the violent events around. PDF and PNG come from headless
Chromium printing the same HTML (WeasyPrint is not needed).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from jinja2 import Environment, select_autoescape

from forewarn.analyse.brief_template import BRIEF_TEMPLATE
from forewarn.analyse.dates import effective_day
from forewarn.analyse.scoring import (
    DEFAULT_MODEL,
    VIOLENT_EVENTS,
    Score,
    ScoreModel,
    ScoringData,
    _incidents,
    level_of,
    score_on,
    score_series,
)
from forewarn.store import Store
from forewarn.store import warning as wstore
from forewarn.store.warning import EventFact, ThreatEvent

LEVEL_COLOURS = {"low": "#2e7d32", "guarded": "#b58900", "elevated": "#d9480f", "high": "#c92a2a"}
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BriefError(RuntimeError):
    """A brief that cannot be made (unknown actor, no browser for PDF)."""


@dataclass
class ActorBehind:
    actor_id: str
    name: str
    organisation: str | None
    threats: int
    first: str | None
    last: str | None
    attacks_on_record: int


@dataclass
class Brief:
    actor_id: str
    name: str
    actor_type: str
    aliases: list[str]
    titles: list[str]
    affiliations: list[str]
    as_of: date
    score: Score
    series: list[Score]
    threats: list[ThreatEvent]  # against the actor, newest first
    behind: list[ActorBehind]
    events: list[EventFact]  # violent events against the actor or by those threatening it
    summary: list[str]
    chart_svg: str = ""
    generated: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    @property
    def level(self) -> str:
        return self.score.level

    @property
    def report_count(self) -> int:
        return sum(t.report_count for t in self.threats)


def build_brief(store: Store, actor: str, *, today: date | None = None, model: ScoreModel = DEFAULT_MODEL) -> Brief:
    """Everything a brief says about `actor` (a name, any alias, or an id)."""
    from forewarn.analyse.scoring import resolve_actor

    found = resolve_actor(store, actor)
    if found is None:
        raise BriefError(f"no actor matches {actor!r}")
    actor_id, name = found
    profile = store.actor_profile(actor_id)
    data = ScoringData.load(store)
    as_of = today or data.last_day() or date.today()
    threats = [t for t in wstore.threat_events(store, target_ids=[actor_id])]
    threats.sort(key=lambda t: (t.date or t.first_published or "", t.key), reverse=True)
    first = data.first_day(actor_id) or as_of
    series = score_series(data, actor_id, start=min(first, as_of) - timedelta(days=7), end=as_of, model=model)
    current = score_on(data, actor_id, as_of, model)
    behind = _actors_behind(data, threats, as_of)
    sides = {x for t in threats for x in data.side_of(t)}
    events = [
        e
        for e in data.events
        if e.type in VIOLENT_EVENTS
        and (e.target_id == actor_id or (e.actor_id in sides and e.actor_id is not None))
        and (effective_day(e.date, e.published) or as_of) <= as_of
    ]
    events.sort(key=lambda e: (effective_day(e.date, e.published) or date.min, e.event_id), reverse=True)
    brief = Brief(
        actor_id=actor_id,
        name=name,
        actor_type=profile.actor.type,
        aliases=[a for a in profile.aliases if a != name],
        titles=list(profile.actor.titles),
        affiliations=[a.name for a in profile.affiliations],
        as_of=as_of,
        score=current,
        series=series,
        threats=threats,
        behind=behind,
        events=events,
        summary=[],
    )
    brief.summary = summarise(brief)
    brief.chart_svg = score_chart_svg(brief)
    return brief


def _actors_behind(data: ScoringData, threats: list[ThreatEvent], as_of: date) -> list[ActorBehind]:
    by_who: dict[str, list[ThreatEvent]] = {}
    for t in threats:
        who = t.speaker_id or t.speaker_org_id
        if who:
            by_who.setdefault(who, []).append(t)
    out = []
    for who, items in by_who.items():
        days = sorted(t.date or t.first_published or "" for t in items)
        orgs = [t.speaker_org_name for t in items if t.speaker_org_name and t.speaker_org_id != who]
        attacks = {e.event_id for e, _ in data.attacks_by(data.side_of(items[0]), as_of)}
        out.append(
            ActorBehind(
                actor_id=who,
                name=items[0].speaker_name or items[0].speaker_org_name or who,
                organisation=Counter(orgs).most_common(1)[0][0] if orgs else None,
                threats=len(items),
                first=days[0] or None,
                last=days[-1] or None,
                attacks_on_record=len(attacks),
            )
        )
    out.sort(key=lambda a: (-a.threats, a.last or ""), reverse=False)
    return out


def summarise(brief: Brief) -> list[str]:
    """The brief's opening sentences, from its figures."""
    s = brief.score
    lines = [
        f"On {brief.as_of:%d %B %Y} the escalation score of {brief.name} is {s.score:.0f} of 100 "
        f"({s.level}; the alert level is {s.threshold:.0f})."
    ]
    past = [x for x in brief.series if x.day <= brief.as_of - timedelta(days=30)]
    if past:
        before = past[-1].score
        trend = "risen" if s.score > before + 5 else "fallen" if s.score < before - 5 else "held steady"
        lines.append(f"It has {trend} over the last 30 days (from {before:.0f}).")
    if brief.threats:
        speakers = {t.speaker_org_id or t.speaker_id for t in brief.threats if t.speaker_id or t.speaker_org_id}
        violent = sum(1 for t in brief.threats if t.type in ("violence", "military"))
        sources = len({x for t in brief.threats for x in t.sources})
        lines.append(
            f"The store holds {_n(len(brief.threats), 'threat')} against {brief.name} ({violent} of violence or "
            f"armed force), reported {_n(brief.report_count, 'time')} by {_n(sources, 'source')}, from "
            f"{_n(len(speakers), 'distinct actor')}."
        )
        top = s.top_threats(1)
        if top:
            t = top[0].threat
            who = t.speaker_name or t.speaker_org_name or "an unnamed speaker"
            quote = t.quote.strip().rstrip(",;:")
            lines.append(f"The heaviest in today's score: {who} on {t.date or t.first_published}: “{quote}”.")
    else:
        lines.append(f"No threat against {brief.name} is in the store.")
    # the same attack reported by several documents is one attack
    attacks = sorted(
        _incidents(e for e in brief.events if e.target_id == brief.actor_id),
        key=lambda e: effective_day(e.date, e.published) or date.min,
        reverse=True,
    )
    if attacks:
        e = attacks[0]
        lines.append(
            f"{_n(len(attacks), 'violent event')} against {brief.name} recorded; the latest: "
            f"{e.type.replace('_', ' ')} on {e.date or e.published}."
        )
    record = [a for a in brief.behind if a.attacks_on_record]
    if record:
        lines.append(
            "Attacks on record by those threatening: "
            + ", ".join(f"{a.name} ({a.attacks_on_record})" for a in record[:4])
            + "."
        )
    return lines


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def score_chart_svg(brief: Brief, *, width: float = 9.0, height: float = 2.8) -> str:
    """The score over time as an SVG (text kept as text), with the alert level, the
    threats (dots sized by their points on the day they were made) and attacks (red lines)."""
    from matplotlib import dates as mdates
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"
    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    xs = [s.day for s in brief.series]
    ys = [s.score for s in brief.series]
    for low, high, level in ((0, 25, "low"), (25, 50, "guarded"), (50, 75, "elevated"), (75, 100, "high")):
        ax.axhspan(low, high, color=LEVEL_COLOURS[level], alpha=0.06, lw=0)
    if xs:
        ax.fill_between(xs, ys, color="#1f3b57", alpha=0.12, lw=0)
        ax.plot(xs, ys, color="#1f3b57", lw=1.8, label="escalation score")
    ax.axhline(brief.score.threshold, color="#c92a2a", lw=1, ls="--")
    if xs:
        ax.text(xs[0], brief.score.threshold + 2, f"alert level {brief.score.threshold:.0f}", color="#c92a2a",
                fontsize=8, va="bottom")  # fmt: skip
    by_day = {s.day: s.score for s in brief.series}
    for t in brief.threats:
        d = effective_day(t.date, t.first_published)
        if d is not None and d in by_day:
            ax.scatter([d], [by_day[d]], s=18 + 12 * t.report_count, color="#d9480f", zorder=3, lw=0)
    for e in brief.events:
        d = effective_day(e.date, e.published)
        if e.target_id == brief.actor_id and d is not None and xs and xs[0] <= d <= xs[-1]:
            ax.axvline(d, color="#c92a2a", lw=1.4)
            # the label on the side of the line with room for it
            right_half = (d - xs[0]).days > (xs[-1] - xs[0]).days / 2
            label = e.type.replace("_", " ")
            ax.text(d, 97, f"{label} " if right_half else f" {label}", color="#c92a2a", fontsize=8, va="top",
                    ha="right" if right_half else "left")  # fmt: skip
    ax.set_ylim(0, 100)
    if xs:
        ax.set_xlim(xs[0], xs[-1])
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.tick_params(labelsize=8, colors="#444")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel("score", fontsize=8, color="#444")
    fig.tight_layout(pad=0.4)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def render_html(brief: Brief) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["level_colour"] = lambda level: LEVEL_COLOURS.get(level, "#444")
    env.filters["level_of"] = level_of
    env.filters["nice"] = lambda s: (s or "").replace("_", " ")
    template = env.from_string(BRIEF_TEMPLATE)
    return template.render(b=brief, colours=LEVEL_COLOURS)


def find_chromium() -> str:
    configured = os.environ.get("FOREWARN_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise BriefError("no Chromium found for PDF output: install chromium or set FOREWARN_CHROMIUM")


def _chromium(args: list[str], html: str, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="forewarn-brief-") as tmp:
        page = Path(tmp) / "brief.html"
        page.write_text(html, encoding="utf-8")
        command = [
            find_chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            *args,
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BriefError(f"Chromium took longer than {timeout:.0f} s") from exc
        if done.returncode != 0:
            raise BriefError(f"Chromium failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")


def render_pdf(html: str, out: Path, *, timeout: float = 90.0) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    _chromium([f"--print-to-pdf={out.resolve()}", "--no-pdf-header-footer"], html, timeout)
    if not out.exists() or out.stat().st_size == 0:
        raise BriefError("Chromium wrote no PDF")


def render_png(html: str, out: Path, *, width: int = 1100, height: int = 3000, timeout: float = 90.0) -> None:
    """A screenshot of the brief as a reader sees it (the page's top `height` pixels)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _chromium([f"--screenshot={out.resolve()}", f"--window-size={width},{height}", "--hide-scrollbars"], html, timeout)
    if not out.exists() or out.stat().st_size == 0:
        raise BriefError("Chromium wrote no screenshot")


def write_brief(store: Store, actor: str, out: Path, *, today: date | None = None) -> Brief:
    """Build a brief and write it as HTML, or PDF when `out` ends in .pdf."""
    brief = build_brief(store, actor, today=today)
    html = render_html(brief)
    if out.suffix.lower() == ".pdf":
        render_pdf(html, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    return brief
