"""A document's text cut into flat segments, each with the marks covering it (threat
evidence, speaker and target mentions, event evidence, actor mentions), for the pages to
highlight the evidence in the document's own text. Overlapping marks never nest: every
boundary of every mark starts a new segment. The template escapes each segment's text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from forewarn.store.browse import DocumentDetail


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "threat", "speaker", "target", "event", "actor", "ignored"
    ref: str  # threat id, event id or actor id
    label: str = ""


@dataclass(slots=True)
class Segment:
    text: str
    start: int
    kinds: set[str] = field(default_factory=set)
    threats: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    actor: str | None = None
    labels: list[str] = field(default_factory=list)
    focus: bool = False
    # element id of the first segment of a threat's ("t-12") or event's ("ev-3") evidence, or
    # "focus" for the threat the page is about
    anchor: str | None = None

    @property
    def css(self) -> str:
        classes = [f"mk-{k}" for k in sorted(self.kinds)]
        if self.focus:
            classes.append("mk-focus")
        return " ".join(classes)

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(self.labels))


def segments(text: str, marks: Iterable[Mark], *, focus_threat: str | None = None) -> list[Segment]:
    """Cut `text` at every mark boundary; each piece carries the marks that cover it."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starting: dict[int, list[Mark]] = {}
    for m in valid:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    anchored: set[str] = set()
    for a, b in pairwise(cuts):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        seg = Segment(text=text[a:b], start=a)
        for m in sorted(active, key=lambda m: (m.start, -m.end, m.kind)):
            seg.kinds.add(m.kind)
            if m.label:
                seg.labels.append(m.label)
            if m.kind == "threat":
                seg.threats.append(m.ref)
                if m.ref == focus_threat:
                    seg.focus = True
                    if "focus" not in anchored:
                        anchored.add("focus")
                        seg.anchor = "focus"
                if f"t-{m.ref}" not in anchored and seg.anchor is None:
                    anchored.add(f"t-{m.ref}")
                    seg.anchor = f"t-{m.ref}"
            elif m.kind == "event":
                seg.events.append(m.ref)
                if f"ev-{m.ref}" not in anchored and seg.anchor is None:
                    anchored.add(f"ev-{m.ref}")
                    seg.anchor = f"ev-{m.ref}"
            elif m.kind == "actor" and seg.actor is None:
                seg.actor = m.ref
        out.append(seg)
    return out


def document_marks(detail: DocumentDetail, *, only_threat: int | None = None) -> list[Mark]:
    """Every mark of a document: its threats' evidence (each span), their speakers and
    targets where named, its events' evidence, and every actor mention."""
    marks: list[Mark] = []
    for item in detail.threats:
        t = item.row
        who = f"{t.speaker_name or 'unknown speaker'} → {t.target_name or 'unknown target'}"
        label = f"Threat #{t.threat_id} ({t.type}, {t.form}): {who}"
        for span in t.spans:
            marks.append(Mark(span.start, span.end, "threat", str(t.threat_id), label))
        if only_threat is not None and t.threat_id != only_threat:
            continue
        if item.speaker_span:
            sp = item.speaker_span
            marks.append(Mark(sp.start, sp.end, "speaker", str(t.threat_id), f"speaker of #{t.threat_id}"))
        if item.target_span:
            tp = item.target_span
            marks.append(Mark(tp.start, tp.end, "target", str(t.threat_id), f"target of #{t.threat_id}"))
    for e in detail.events:
        label = f"Event: {e.type.replace('_', ' ')}" + (f" against {e.target_name}" if e.target_name else "")
        for span in e.spans:
            marks.append(Mark(span.start, span.end, "event", str(e.event_id), label))
    for actor_id, name, type_, span in detail.mentions:
        marks.append(Mark(span.start, span.end, "actor", actor_id, f"{name} ({type_.lower()}, {actor_id})"))
    for start, end in detail.ignored:
        marks.append(Mark(start, end, "ignored", "", "scraper debris (ignored by the analysis)"))
    return marks
