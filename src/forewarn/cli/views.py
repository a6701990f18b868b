"""Rich rendering of stored threats, actors and documents for the command line.

Tables and marked-up text go through the given Rich console; the machine-readable
formats (JSON, CSV) are written verbatim with `Console.out` (no markup, highlighting or
wrapping), so `forewarn threats --format json > threats.json` gives clean output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from typing import Literal

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from forewarn.model import ActorRef, DocumentAnalysis
from forewarn.store import ActorProfile, ActorRow, DocumentView, MergeRecord, Store, ThreatRow
from forewarn.store.warning import ClusterInfo

ThreatFormat = Literal["table", "json", "csv"]

THREAT_STYLE = "bold red"
THREAT_EXTRA_STYLE = "red"  # secondary evidence (headline, paraphrase)
EVENT_STYLE = "yellow"
ACTOR_STYLE = "cyan underline"
IGNORED_STYLE = "dim"
NONE = "—"

CSV_FIELDS = (
    "threat_id",
    "doc_id",
    "speaker_id",
    "speaker",
    "speaker_org_id",
    "speaker_org",
    "target_id",
    "target",
    "type",
    "form",
    "date",
    "score",
    "status",
    "cue",
    "evidence_start",
    "evidence_end",
    "evidence",
    "doc_title",
    "doc_published",
    "doc_url",
    "cluster_id",
    "report_count",
    "sources",
    "doc_ids",
)

_SPACES = re.compile(r"\s+")


def shorten(text: str, width: int = 140) -> str:
    """One line of at most `width` characters, cut at a word boundary with an ellipsis."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _quote(text: str, width: int = 140) -> str:
    return f"“{shorten(text, width)}”" if text else ""


def _name(name: str | None, mention: str | None = None) -> str:
    return name or mention or NONE


def _date(row: ThreatRow) -> Text:
    if row.date:
        return Text(row.date)
    if row.doc_published:  # the threat has no date of its own: show the document's, dimmed
        return Text(row.doc_published, style="dim")
    return Text(NONE, style="dim")


# ---------------------------------------------------------------------- threats


def threat_table(
    rows: list[ThreatRow],
    *,
    title: str | None = None,
    width: int = 100,
    clusters: dict[int, ClusterInfo] | None = None,
) -> Table:
    """One line per threat; with `clusters` (threat id -> its cluster), the number of
    documents that report it and their sources, the row standing for its cluster."""
    table = Table(title=title, title_justify="left")
    table.add_column("Speaker", style="bold", min_width=12, max_width=24)
    table.add_column("Org", max_width=24)
    table.add_column("Target", style="bold", min_width=12, max_width=24)
    table.add_column("Type", no_wrap=True)
    table.add_column("Form", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    if clusters is not None:
        # the sources name the documents: no separate Doc column, so names keep their room
        table.add_column("Reports", justify="right", no_wrap=True)
        table.add_column("Sources", style="dim", overflow="fold", max_width=24)
    else:
        table.add_column("Doc", style="dim", overflow="fold", max_width=24)
    table.add_column("Evidence", overflow="fold")
    for r in rows:
        cells: list[str | Text] = [
            _name(r.speaker_name, r.speaker_mention),
            r.speaker_org_name or "",
            _name(r.target_name, r.target_mention),
            r.type,
            r.form,
            _date(r),
            f"{r.score:.2f}",
        ]
        if clusters is not None:
            info = clusters.get(r.threat_id)
            cells.append(str(info.report_count) if info else "1")
            cells.append(", ".join(info.sources) if info else (r.doc_source or r.doc_id))
        else:
            cells.append(r.doc_id)
        cells.append(Text(_quote(r.evidence.text, width), style="italic"))
        table.add_row(*cells)
    return table


def _csv_row(r: ThreatRow) -> dict[str, object]:
    return {
        "threat_id": r.threat_id,
        "doc_id": r.doc_id,
        "speaker_id": r.speaker_id or "",
        "speaker": r.speaker_name or r.speaker_mention or "",
        "speaker_org_id": r.speaker_org_id or "",
        "speaker_org": r.speaker_org_name or "",
        "target_id": r.target_id or "",
        "target": r.target_name or r.target_mention or "",
        "type": r.type,
        "form": r.form,
        "date": r.date or "",
        "score": f"{r.score:.3f}",
        "status": r.status,
        "cue": r.cue or "",
        "evidence_start": r.evidence.start,
        "evidence_end": r.evidence.end,
        "evidence": r.evidence.text,
        "doc_title": r.doc_title or "",
        "doc_published": r.doc_published or "",
        "doc_url": r.doc_url or "",
    }


def _cluster_fields(info: ClusterInfo | None) -> dict[str, object]:
    if info is None:
        return {}
    return {
        "cluster_id": info.cluster_id,
        "report_count": info.report_count,
        "earliest_published": info.earliest_published,
        "sources": list(info.sources),
        "doc_ids": list(info.doc_ids),
    }


def threats_json(rows: list[ThreatRow], clusters: dict[int, ClusterInfo] | None = None) -> str:
    clusters = clusters or {}
    return json.dumps(
        [{**r.to_json(), **_cluster_fields(clusters.get(r.threat_id))} for r in rows], ensure_ascii=False, indent=2
    )


def threats_csv(rows: list[ThreatRow], clusters: dict[int, ClusterInfo] | None = None) -> str:
    clusters = clusters or {}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        row = _csv_row(r)
        info = clusters.get(r.threat_id)
        row["cluster_id"] = info.cluster_id if info and info.cluster_id is not None else ""
        row["report_count"] = info.report_count if info else 1
        row["sources"] = "; ".join(info.sources) if info else (r.doc_source or "")
        row["doc_ids"] = "; ".join(info.doc_ids) if info else r.doc_id
        writer.writerow(row)
    return buf.getvalue()


def show_threats(
    store: Store,
    console: Console,
    *,
    target: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    fmt: ThreatFormat = "table",
    limit: int | None = None,
) -> int:
    """Print the matching threats, a threat reported by several documents once (the
    earliest report stands for it, with the count and the sources); returns how many."""
    from forewarn.analyse.clusters import collapse_rows

    grouped = collapse_rows(store, store.threats(target=target, speaker=speaker, since=since))
    if limit is not None:
        grouped = grouped[:limit]
    rows = [row for row, _ in grouped]
    clusters = {row.threat_id: info for row, info in grouped}
    if fmt == "json":
        console.out(threats_json(rows, clusters), highlight=False)
    elif fmt == "csv":
        console.out(threats_csv(rows, clusters), highlight=False, end="")
    elif fmt == "table":
        if not rows:
            console.print("[dim]No threats found.[/dim]")
        else:
            filters = [f"{k} {v!r}" for k, v in (("target", target), ("speaker", speaker), ("since", since)) if v]
            reports = sum(info.report_count for info in clusters.values())
            title = f"Threats ({len(rows)}" + (f", reported {reports} times" if reports > len(rows) else "") + ")"
            title += f" — {', '.join(filters)}" if filters else ""
            console.print(threat_table(rows, title=title, clusters=clusters))
    else:
        raise ValueError(f"unknown format {fmt!r}: table, json or csv")
    return len(rows)


# ---------------------------------------------------------------------- actors


def actor_table(rows: list[ActorRow], *, title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Id", style="dim", no_wrap=True)
    table.add_column("Name", style="bold", max_width=32)
    table.add_column("Type", no_wrap=True)
    table.add_column("Aliases", overflow="fold")
    table.add_column("Docs", justify="right")
    table.add_column("Threats made", justify="right", no_wrap=True)
    table.add_column("received", justify="right", no_wrap=True)
    for r in rows:
        others = [a for a in r.aliases if a != r.name]
        table.add_row(
            r.actor_id,
            r.name,
            r.type,
            ", ".join(others),
            str(r.documents),
            str(r.threats_made or ""),
            str(r.threats_received or ""),
        )
    return table


def _profile_panel(p: ActorProfile) -> Panel:
    a = p.actor
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold dim", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("Id", a.actor_id)
    grid.add_row("Type", a.type)
    others = [x for x in a.aliases if x != a.name]
    if others:
        grid.add_row("Aliases", ", ".join(others))
    if a.titles:
        grid.add_row("Titles", ", ".join(a.titles))
    if p.affiliations:
        grid.add_row("Affiliated with", ", ".join(f"{x.name} ({x.actor_id})" for x in p.affiliations))
    if p.members:
        grid.add_row("Members", ", ".join(f"{x.name} ({x.actor_id})" for x in p.members))
    if p.merged_ids:
        grid.add_row("Merged from", ", ".join(p.merged_ids))
    grid.add_row("Seen in", f"{a.documents} document(s), {a.mentions} mention(s)")
    return Panel(grid, title=Text(a.name, style="bold"), title_align="left", expand=False)


def _history_text(h: MergeRecord) -> str:
    who = [f"{name} ({i})" if name else i for i, name in zip(h.actor_ids, h.names, strict=False)]
    if h.kind == "merge" and len(who) == 2:
        return f"{who[1]} merged into {who[0]}"
    if h.kind == "split" and len(who) == 2:
        return f"{h.alias or who[1]!r} split from {who[0]} into {who[1]}"
    return ", ".join(who)


def show_profile(console: Console, profile: ActorProfile) -> None:
    console.print(_profile_panel(profile))
    if profile.threats_made:
        console.print(threat_table(list(profile.threats_made), title=f"Threats made ({len(profile.threats_made)})"))
    if profile.threats_received:
        console.print(
            threat_table(list(profile.threats_received), title=f"Threats received ({len(profile.threats_received)})")
        )
    if not profile.threats_made and not profile.threats_received:
        console.print("[dim]No threats made or received.[/dim]")
    if profile.history:
        console.print(Text("History", style="bold"))
        for h in profile.history:
            line = Text(f"  {h.created_at}  ", style="dim")
            line.append(h.kind, style="bold")
            line.append(f"  {_history_text(h)}" + (f" by {h.analyst}" if h.analyst else ""))
            if h.reason:
                line.append(f": {h.reason}", style="italic")
            console.print(line)


def show_actors(store: Store, console: Console, name: str | None = None) -> bool:
    """A table of the actors matching `name` (all when None), or the profile of the one
    actor that matches (or whose id is `name`). Returns False when nothing matches."""
    if name is not None and store.resolve_id(name.strip()) is not None:
        show_profile(console, store.actor_profile(name.strip()))
        return True
    rows = store.find_actors(name)
    if not rows:
        console.print(f"[dim]No actor matches {name!r}.[/dim]" if name else "[dim]No actors stored.[/dim]")
        return False
    if len(rows) == 1 and name is not None:
        show_profile(console, store.actor_profile(rows[0].actor_id))
        return True
    title = f"Actors matching {name!r} ({len(rows)})" if name else f"Actors ({len(rows)})"
    console.print(actor_table(rows, title=title))
    if name is not None:
        console.print("[dim]Give an actor id (e.g. forewarn actors A1) for a profile.[/dim]")
    return True


# ---------------------------------------------------------------------- documents


def marked_text(view: DocumentView) -> Text:
    """The document text with ignored debris dimmed, actor mentions, event evidence and
    threat evidence styled. Later layers win where spans overlap (threats on top)."""
    text = Text(view.text)
    n = len(view.text)

    def mark(start: int, end: int, style: str) -> None:
        start, end = max(0, start), min(n, end)
        if start < end:
            text.stylize(style, start, end)

    for start, end in view.ignored:
        mark(start, end, IGNORED_STYLE)
    for m in view.mentions:
        mark(m.span.start, m.span.end, ACTOR_STYLE)
    for e in view.events:
        for sp in e.spans:
            mark(sp.start, sp.end, EVENT_STYLE)
    for t in view.threats:  # secondary spans first so a principal span on top stays bold
        for sp in t.spans[1:]:
            mark(sp.start, sp.end, THREAT_EXTRA_STYLE)
    for t in view.threats:
        mark(t.evidence.start, t.evidence.end, THREAT_STYLE)
    return text


def _legend() -> Text:
    return Text.assemble(
        ("threat", THREAT_STYLE),
        "  ",
        ("other threat evidence", THREAT_EXTRA_STYLE),
        "  ",
        ("event", EVENT_STYLE),
        "  ",
        ("actor", ACTOR_STYLE),
    )


def _header(view: DocumentView) -> Group:
    parts: list[Text] = []
    parts.append(Text(view.title or view.doc_id, style="bold"))
    meta = [view.doc_id, view.published, view.source, view.url]
    parts.append(Text("  ·  ".join(x for x in meta if x), style="dim"))
    return Group(*parts)


def _doc_threat_table(view: DocumentView) -> Table:
    table = Table(title=f"Threats ({len(view.threats)})", title_justify="left")
    table.add_column("#", style="dim", justify="right")
    table.add_column("Speaker", style="bold", max_width=32)
    table.add_column("Target", style="bold", max_width=24)
    table.add_column("Type", no_wrap=True)
    table.add_column("Form", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Evidence", overflow="fold")
    for t in view.threats:
        speaker = _name(t.speaker_name, t.speaker_mention)
        if t.speaker_org_name and t.speaker_org_name != speaker:
            speaker = f"{speaker} ({t.speaker_org_name})"
        table.add_row(
            str(t.threat_id),
            speaker,
            _name(t.target_name, t.target_mention),
            t.type,
            t.form,
            _date(t),
            f"{t.score:.2f}",
            t.status,
            Text.assemble((_quote(t.evidence.text, 200), "italic"), (f" [{t.evidence.start}:{t.evidence.end}]", "dim")),
        )
    return table


def _doc_event_table(view: DocumentView) -> Table:
    table = Table(title=f"Events ({len(view.events)})", title_justify="left")
    table.add_column("Type", style="yellow", no_wrap=True)
    table.add_column("Actor", max_width=24)
    table.add_column("Target", max_width=24)
    table.add_column("Location", max_width=20)
    table.add_column("Date", no_wrap=True)
    table.add_column("Evidence", overflow="fold")
    for e in view.events:
        table.add_row(
            e.type,
            _name(e.actor_name, e.actor_mention),
            _name(e.target_name, e.target_mention),
            e.location or NONE,
            e.date or NONE,
            Text.assemble((_quote(e.evidence.text, 200), "italic"), (f" [{e.evidence.start}:{e.evidence.end}]", "dim")),
        )
    return table


def show_document(store: Store, console: Console, doc_id: str) -> bool:
    """Print a stored document with its evidence marked, then its threats and events.
    Returns False (printing nothing but a note) if the document is unknown."""
    view = store.document(doc_id)
    if view is None:
        console.print(f"[dim]No document {doc_id!r} in the store.[/dim]")
        return False
    console.print(_header(view))
    console.print(_legend())
    console.print(Rule(style="dim"))
    console.print(marked_text(view))
    console.print(Rule(style="dim"))
    if view.mentions:
        counts = Counter((m.actor_id, m.actor_name) for m in view.mentions)
        actors = Text("Actors: ", style="bold")
        for i, ((actor_id, actor_name), k) in enumerate(sorted(counts.items(), key=lambda kv: -kv[1])):
            if i:
                actors.append(", ")
            actors.append(actor_name, style=ACTOR_STYLE)
            actors.append(f" ({actor_id}{f' ×{k}' if k > 1 else ''})", style="dim")
        console.print(actors)
    if view.threats:
        console.print(_doc_threat_table(view))
    else:
        console.print("[dim]No threats.[/dim]")
    if view.events:
        console.print(_doc_event_table(view))
    return True


# ---------------------------------------------------------------------- analyze


def _ref_name(analysis: DocumentAnalysis, ref: ActorRef | None) -> str:
    if ref is None:
        return "?"
    try:
        return analysis.actor(ref.local_id).name
    except KeyError:
        return ref.mention.text if ref.mention is not None else "?"


def threat_summary_table(analyses: list[DocumentAnalysis]) -> Table:
    """The threats found by one `forewarn analyze` run, straight from the analyses."""
    n = sum(len(a.threats) for a in analyses)
    table = Table(title=f"Threats found ({n})", title_justify="left")
    table.add_column("Speaker → Target", max_width=44)
    table.add_column("Type", no_wrap=True)
    table.add_column("Form", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Doc", style="dim", overflow="fold", max_width=24)
    table.add_column("Quote", overflow="fold")
    for analysis in analyses:
        for t in analysis.threats:
            who = Text(_ref_name(analysis, t.speaker), style="bold")
            if t.speaker_org is not None:
                org = _ref_name(analysis, t.speaker_org)
                if org != who.plain:
                    who.append(f" ({org})")
            who.append(" → ")
            who.append(_ref_name(analysis, t.target), style="bold")
            table.add_row(
                who,
                t.type,
                t.form,
                t.date or analysis.document.published or NONE,
                analysis.document.doc_id,
                Text(_quote(t.evidence.text, 90), style="italic"),
            )
    return table
