"""Escalation score of a target: how much the threats against an actor, who makes them and
what is happening around it point to violence, on a given day.

The model is declared as data (`THREAT_FEATURES`, `TARGET_FEATURES`, `ScoreModel`), like
nomenklatura's logic_v2 matchers: each feature maps a fact to a value in 0..1 and has a
weight. A threat's points are its weighted feature sum times the extraction confidence
times a recency decay; the target's raw score is the sum over threats plus its weighted
target features; the score is `100 * (1 - exp(-raw / scale))`, so it rises quickly with the
first serious threats and saturates below 100. Every `Score` carries its explanation: the
threats and events that raised it, with their evidence, sources and points.

Scores only use what was known on the day (a threat counts from its earliest report's
publication date, an event from its document's), so a replay over past days
(`forewarn.analyse.backtest`) sees what an analyst would have seen. docs/escalation.md
documents the model and its limits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from forewarn.analyse.clusters import update_clusters
from forewarn.analyse.dates import effective_day, parse_day
from forewarn.store import Store
from forewarn.store import warning as wstore
from forewarn.store.warning import EventFact, ThreatEvent

Step = Literal["daily", "weekly"]

NEWS_DAYS = 30  # an event reported later than this after it happened is background, not news

# violent events: an attack on a target, or a record of attacks for their author
VIOLENT_EVENTS = frozenset(
    {"attack", "airstrike", "bombing", "assassination", "assassination_attempt", "killing", "kidnapping"}
)

TYPE_VALUE = {"violence": 1.0, "military": 0.8, "other": 0.3, "legal": 0.15, "political": 0.15, "economic": 0.1}
FORM_VALUE = {"direct": 1.0, "conditional": 0.7, "veiled": 0.6}

# specificity of a threat: words that name when, where or how (searched in all evidence)
TIME_CUES = re.compile(
    r"\b(within (\d+|one|two|three|four|five|six|seven|ten|twenty[- ]four|forty[- ]eight|seventy[- ]two) "
    r"(hours?|days?|weeks?)|\d+ hours|tonight|tomorrow|deadline|ultimatum|countdown|"
    r"(by|before|until) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end of|the election|"
    r"the vote|new year|ramadan|dawn|midnight)|next (week|month)|this (week|weekend)|in (two|three|\d+) days)\b",
    re.IGNORECASE,
)
PLACE_CUES = re.compile(
    r"\b(in (his|her|their|your) (own )?(house|home|office|palace|bed|car|ministry|court)|"
    r"at (his|her|their|your) (door|doorstep|home|house|office)|(his|her|your) (door|doorstep|convoy|motorcade|"
    r"residence|palace|home|house|office|family|children|car|courtroom)|wherever (he|she|you|they) (hide|go|are))\b",
    re.IGNORECASE,
)
METHOD_CUES = re.compile(
    r"\b(bullets?|shoot\w*|shot|guns?|rifles?|snipers?|bombs?|explosives?|ieds?|drones?|rockets?|missiles?|mortars?|"
    r"grenades?|knife|knives|blades?|behead\w*|decapitat\w*|cut off|slaughter\w*|burn\w*|set fire|hang\w*|"
    r"poison\w*|acid|car bomb|coffins?|graves?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ThreatFacts:
    """What a threat feature sees: the threat, the day, and the record of its speaker."""

    threat: ThreatEvent
    day: date
    speaker_attacks: tuple[EventFact, ...]  # violent events by the speaker or its organisations, known by `day`


@dataclass(frozen=True, slots=True)
class TargetFacts:
    """What a target feature sees: the target's counted threats and events, on `day`."""

    actor_id: str
    day: date
    threats: tuple[tuple[ThreatEvent, date], ...]  # (threat, its day), known by `day`
    attacks_on_target: tuple[tuple[EventFact, date], ...]
    speaker_attacks: tuple[tuple[EventFact, date], ...]  # by any actor threatening the target


@dataclass(frozen=True, slots=True)
class Feature:
    """One named, weighted input of the model: `func` maps facts to 0..1."""

    name: str
    weight: float
    description: str
    func: Callable
    label: str = ""  # how a brief names it for a reader

    @property
    def title(self) -> str:
        return self.label or self.name


def _text(t: ThreatEvent) -> str:
    return " \n ".join(t.texts)


def _cue(pattern: re.Pattern[str], t: ThreatEvent) -> tuple[float, str]:
    m = pattern.search(_text(t))
    return (1.0, m.group(0)) if m else (0.0, "")


def f_type(x: ThreatFacts) -> tuple[float, str]:
    return TYPE_VALUE.get(x.threat.type, 0.3), x.threat.type


def f_form(x: ThreatFacts) -> tuple[float, str]:
    return FORM_VALUE.get(x.threat.form, 0.6), x.threat.form


def f_time(x: ThreatFacts) -> tuple[float, str]:
    return _cue(TIME_CUES, x.threat)


def f_place(x: ThreatFacts) -> tuple[float, str]:
    return _cue(PLACE_CUES, x.threat)


def f_method(x: ThreatFacts) -> tuple[float, str]:
    return _cue(METHOD_CUES, x.threat)


def f_record(x: ThreatFacts) -> tuple[float, str]:
    n = len(_incidents(e for e in x.speaker_attacks))
    return min(1.0, n / 3), f"{n} attack(s) by the speaker's side on record" if n else ""


def f_corroboration(x: ThreatFacts) -> tuple[float, str]:
    n = x.threat.report_count
    return min(1.0, math.log2(n) / 2) if n > 1 else 0.0, f"{n} reports" if n > 1 else ""


THREAT_FEATURES: tuple[Feature, ...] = (
    Feature(
        "type",
        3.0,
        "violence 1, military 0.8, other 0.3, legal/political 0.15, economic 0.1",
        f_type,
        label="type of threat",
    ),
    Feature("form", 1.0, "direct 1, conditional 0.7, veiled 0.6", f_form, label="form"),
    Feature(
        "specific.time", 1.0, "names a time or deadline ('within 48 hours', 'by Friday')", f_time, label="names a time"
    ),
    Feature(
        "specific.place",
        1.0,
        "names a place of the target ('in his own house', 'his convoy')",
        f_place,
        label="names a place",
    ),
    Feature(
        "specific.method", 1.5, "names a means ('bullet', 'drone', 'burn', 'coffin')", f_method, label="names a means"
    ),
    Feature(
        "speaker.record",
        2.0,
        "attacks by the speaker or its organisation on record: 1 from three on",
        f_record,
        label="record of the speaker's side",
    ),
    Feature(
        "corroboration",
        0.5,
        "reported by several documents: log2(reports) / 2, at most 1",
        f_corroboration,
        label="corroborated",
    ),
)


def g_distinct(x: TargetFacts) -> tuple[float, str]:
    recent = {_who(t) for t, d in x.threats if (x.day - d).days <= 60}
    n = len(recent)
    return min(1.0, max(0, n - 1) / 2), f"{n} distinct speakers in 60 days" if n > 1 else ""


def g_acceleration(x: TargetFacts) -> tuple[float, str]:
    recent = sum(1 for _, d in x.threats if (x.day - d).days <= 14)
    prior = sum(1 for _, d in x.threats if 14 < (x.day - d).days <= 90)
    if recent < 2:
        return 0.0, ""
    recent_rate, prior_rate = recent / 14, max(prior / 76, 1 / 76)
    ratio = recent_rate / prior_rate
    value = min(1.0, max(0.0, (ratio - 1) / 4))
    return value, f"{recent} threats in 14 days after {prior} in the 76 before"


def g_attacks_on_target(x: TargetFacts) -> tuple[float, str]:
    total, last = 0.0, None
    for e, d in x.attacks_on_target:
        age = (x.day - d).days
        if 0 <= age <= 180:
            total += _decay(age, 45)
            last = e
    if last is None:
        return 0.0, ""
    return min(1.0, total), f"{last.type.replace('_', ' ')} on {last.date or last.published}"


def g_speaker_activity(x: TargetFacts) -> tuple[float, str]:
    recent = [e for e, d in x.speaker_attacks if 0 <= (x.day - d).days <= 30]
    n = len(_incidents(recent))
    return min(1.0, n / 2), f"{n} attack(s) in 30 days by those threatening" if n else ""


TARGET_FEATURES: tuple[Feature, ...] = (
    Feature(
        "threats.distinct_actors",
        2.0,
        "more than one actor threatening in 60 days: (n - 1) / 2",
        g_distinct,
        label="several actors threatening",
    ),
    Feature(
        "threats.acceleration",
        2.0,
        "threats in 14 days against the rate of the 76 before",
        g_acceleration,
        label="threats accelerating",
    ),
    Feature(
        "events.attacks_on_target",
        4.0,
        "violent events against the target, halving every 45 days",
        g_attacks_on_target,
        label="attacks on the target",
    ),
    Feature(
        "events.speaker_activity",
        1.5,
        "attacks by the threatening actors in 30 days",
        g_speaker_activity,
        label="recent attacks by those threatening",
    ),
)


@dataclass(frozen=True, slots=True)
class ScoreModel:
    threat_features: tuple[Feature, ...] = THREAT_FEATURES
    target_features: tuple[Feature, ...] = TARGET_FEATURES
    half_life_days: float = 30.0  # a threat's weight halves every month
    horizon_days: int = 365  # older threats no longer count
    scale: float = 7.0  # raw points at which the score is 63
    threshold: float = 50.0  # the alert level

    def describe(self) -> list[dict[str, object]]:
        return [
            {"level": level, "name": f.name, "weight": f.weight, "description": f.description}
            for level, features in (("threat", self.threat_features), ("target", self.target_features))
            for f in features
        ]


DEFAULT_MODEL = ScoreModel()


def level_of(score: float) -> str:
    if score >= 75:
        return "high"
    if score >= 50:
        return "elevated"
    if score >= 25:
        return "guarded"
    return "low"


# ---------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FeatureValue:
    name: str
    weight: float
    value: float
    detail: str = ""
    label: str = ""

    @property
    def points(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True, slots=True)
class ThreatContribution:
    """One threat's part in a score: its features, confidence, decay and points."""

    threat: ThreatEvent
    day: date
    features: tuple[FeatureValue, ...]
    confidence: float
    decay: float
    points: float

    def to_json(self) -> dict[str, object]:
        return {
            "threat": self.threat.to_json(),
            "day": self.day.isoformat(),
            "confidence": round(self.confidence, 3),
            "decay": round(self.decay, 3),
            "points": round(self.points, 3),
            "features": [
                {"name": f.name, "weight": f.weight, "value": round(f.value, 3), "detail": f.detail}
                for f in self.features
            ],
        }


@dataclass(frozen=True, slots=True)
class Score:
    """An actor's escalation score on a day, with what raised it."""

    actor_id: str
    actor_name: str | None
    day: date
    score: float
    raw: float
    threats: tuple[ThreatContribution, ...] = ()
    target_features: tuple[FeatureValue, ...] = ()
    events: tuple[EventFact, ...] = ()  # violent events against the target up to `day` (newest first)
    threshold: float = DEFAULT_MODEL.threshold

    @property
    def level(self) -> str:
        return level_of(self.score)

    @property
    def above_threshold(self) -> bool:
        return self.score >= self.threshold

    def top_threats(self, n: int = 5) -> list[ThreatContribution]:
        return sorted(self.threats, key=lambda c: -c.points)[:n]

    def to_json(self) -> dict[str, object]:
        return {
            "actor_id": self.actor_id,
            "actor": self.actor_name,
            "day": self.day.isoformat(),
            "score": round(self.score, 1),
            "level": self.level,
            "raw": round(self.raw, 3),
            "threshold": self.threshold,
            "threats": [c.to_json() for c in sorted(self.threats, key=lambda c: -c.points)],
            "target_features": [
                {
                    "name": f.name,
                    "weight": f.weight,
                    "value": round(f.value, 3),
                    "points": round(f.points, 3),
                    "detail": f.detail,
                }
                for f in self.target_features
            ],
            "events": [e.to_json() for e in self.events],
        }


# ---------------------------------------------------------------------- data and scoring


def _decay(age_days: float, half_life: float) -> float:
    return 0.5 ** (max(0.0, age_days) / half_life)


def _who(t: ThreatEvent) -> str:
    return t.speaker_org_id or t.speaker_id or f"?{t.key}"


def _incidents(events: Iterable[EventFact]) -> list[EventFact]:
    """Violent events counted once across the documents that report them: the same type
    family against the same target (or by the same actor) within two days."""
    kept: list[tuple[EventFact, date | None]] = []
    for e in sorted(events, key=lambda e: (_event_day(e) or date.max, e.event_id)):
        d = _event_day(e)
        duplicate = any(
            (k.target_id or k.actor_id) == (e.target_id or e.actor_id)
            and d is not None
            and kd is not None
            and abs((d - kd).days) <= 2
            for k, kd in kept
        )
        if not duplicate:
            kept.append((e, d))
    return [e for e, _ in kept]


def _event_day(e: EventFact) -> date | None:
    return effective_day(e.date, e.published)


def _known(published: str | None, fallback: date | None) -> date | None:
    return parse_day(published) or fallback


@dataclass
class ScoringData:
    """Everything scoring needs, read from the store once (a backtest scores thousands of days)."""

    threats_by_target: dict[str, list[tuple[ThreatEvent, date, date]]] = field(default_factory=dict)
    attacks_by_actor: dict[str, list[tuple[EventFact, date, date]]] = field(default_factory=dict)
    attacks_on: dict[str, list[tuple[EventFact, date, date]]] = field(default_factory=dict)
    orgs: dict[str, set[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    events: list[EventFact] = field(default_factory=list)

    @classmethod
    def load(cls, store: Store) -> ScoringData:
        update_clusters(store)
        data = cls()
        threats = wstore.threat_events(store)
        for t in threats:
            day = effective_day(t.date, t.first_published)
            known = _known(t.first_published, day)
            if t.target_id is None or day is None or known is None:
                continue
            data.threats_by_target.setdefault(t.target_id, []).append((t, day, max(day, known)))
        data.events = wstore.event_facts(store)
        types = wstore.actor_types(store, {e.target_id for e in data.events if e.target_id})
        for e in data.events:
            if e.type not in VIOLENT_EVENTS:
                continue
            day = _event_day(e)
            known = _known(e.published, day)
            if day is None or known is None:
                continue
            if e.actor_id:
                data.attacks_by_actor.setdefault(e.actor_id, []).append((e, day, max(day, known)))
            # an attack on a target is news when reported within `NEWS_DAYS`; "since 2019" or
            # "in 2015" in a later article is history, and no replay can judge a warning for it
            if (
                e.target_id
                and e.target_id != e.actor_id
                and (known - day).days <= NEWS_DAYS
                and types.get(e.target_id) != "GPE"
            ):
                data.attacks_on.setdefault(e.target_id, []).append((e, day, max(day, known)))
        speakers = {x for t in threats for x in (t.speaker_id, t.speaker_org_id) if x}
        data.orgs = dict(wstore.organisations_of(store, speakers))
        ids = set(data.threats_by_target) | speakers | set(data.attacks_on)
        data.names = wstore.actor_names(store, ids)
        return data

    def targets(self) -> list[str]:
        return sorted(set(self.threats_by_target) | set(self.attacks_on))

    def first_day(self, actor_id: str) -> date | None:
        days = [k for _, _, k in self.threats_by_target.get(actor_id, [])]
        days += [k for _, _, k in self.attacks_on.get(actor_id, [])]
        return min(days) if days else None

    def first_any(self) -> date | None:
        """The first day anything in the store was known (threats and events alike)."""
        days = [k for v in self.threats_by_target.values() for _, _, k in v]
        days += [k for v in self.attacks_by_actor.values() for _, _, k in v]
        days += [k for v in self.attacks_on.values() for _, _, k in v]
        return min(days) if days else None

    def last_day(self) -> date | None:
        days = [k for v in self.threats_by_target.values() for _, _, k in v]
        days += [k for v in self.attacks_on.values() for _, _, k in v]
        return max(days) if days else None

    def side_of(self, t: ThreatEvent) -> set[str]:
        """The speaker, its organisation and the speaker's known organisations."""
        side = {x for x in (t.speaker_id, t.speaker_org_id) if x}
        for x in list(side):
            side |= self.orgs.get(x, set())
        return side

    def attacks_by(self, actors: Iterable[str], day: date) -> list[tuple[EventFact, date]]:
        out = []
        for a in actors:
            out.extend((e, d) for e, d, known in self.attacks_by_actor.get(a, []) if known <= day)
        return out


def score_on(data: ScoringData, actor_id: str, day: date, model: ScoreModel = DEFAULT_MODEL) -> Score:
    """The escalation score of `actor_id` at the end of `day`, from what was known by then."""
    threats = [
        (t, d)
        for t, d, known in data.threats_by_target.get(actor_id, [])
        if known <= day and 0 <= (day - d).days <= model.horizon_days
    ]
    contributions = []
    all_speaker_attacks: dict[int, tuple[EventFact, date]] = {}
    for t, d in threats:
        attacks = data.attacks_by(data.side_of(t), day)
        for e, ed in attacks:
            all_speaker_attacks[e.event_id] = (e, ed)
        facts = ThreatFacts(threat=t, day=day, speaker_attacks=tuple(e for e, _ in attacks))
        values = []
        for f in model.threat_features:
            value, detail = f.func(facts)
            values.append(FeatureValue(f.name, f.weight, float(value), detail, f.title))
        confidence = 1.0 if "confirmed" in t.statuses else max(0.0, min(1.0, t.score))
        decay = _decay((day - d).days, model.half_life_days)
        points = sum(v.points for v in values) * confidence * decay
        contributions.append(ThreatContribution(t, d, tuple(values), confidence, decay, points))
    attacks_on = [(e, d) for e, d, known in data.attacks_on.get(actor_id, []) if known <= day]
    target_facts = TargetFacts(
        actor_id=actor_id,
        day=day,
        threats=tuple(threats),
        attacks_on_target=tuple(attacks_on),
        speaker_attacks=tuple(all_speaker_attacks.values()),
    )
    target_values = []
    for f in model.target_features:
        value, detail = f.func(target_facts)
        target_values.append(FeatureValue(f.name, f.weight, float(value), detail, f.title))
    raw = sum(c.points for c in contributions) + sum(v.points for v in target_values)
    score = 100.0 * (1.0 - math.exp(-raw / model.scale))
    events = tuple(e for e, _ in sorted(attacks_on, key=lambda x: x[1], reverse=True))
    return Score(
        actor_id=actor_id,
        actor_name=data.names.get(actor_id),
        day=day,
        score=score,
        raw=raw,
        threats=tuple(contributions),
        target_features=tuple(target_values),
        events=events,
        threshold=model.threshold,
    )


def days(start: date, end: date, step: Step = "daily") -> list[date]:
    """The days a series is computed on: every day, or the last day (Sunday) of each ISO week."""
    if end < start:
        return []
    if step == "daily":
        return [start + timedelta(days=i) for i in range((end - start).days + 1)]
    first_sunday = start + timedelta(days=(6 - start.weekday()))
    out = []
    d = first_sunday
    while d < end:
        out.append(d)
        d += timedelta(days=7)
    out.append(end)  # the current, unfinished week
    return out


def score_series(
    data: ScoringData,
    actor_id: str,
    *,
    start: date | None = None,
    end: date | None = None,
    step: Step = "daily",
    model: ScoreModel = DEFAULT_MODEL,
) -> list[Score]:
    """Scores of one actor over time, from its first threat or event to `end` (default:
    the last day of anything in the store)."""
    start = start or data.first_day(actor_id)
    end = end or data.last_day()
    if start is None or end is None:
        return []
    return [score_on(data, actor_id, d, model) for d in days(start, end, step)]


def resolve_actor(store: Store, name: str) -> tuple[str, str] | None:
    """An actor id and name for a name or id given on the command line."""
    live = store.resolve_id(name.strip())
    if live is not None:
        return live, wstore.actor_names(store, [live]).get(live, live)
    rows = store.find_actors(name)
    if not rows:
        return None
    return rows[0].actor_id, rows[0].name
