"""Backtest: replay a store day by day and ask whether the escalation score warned before
each attack.

For every target, the score is computed at the end of every day from what was known that
day (`forewarn.analyse.scoring.score_on`). An **alert** starts the day the score reaches
the threshold and lasts until it falls below `rearm` × threshold (so a score hovering at
the line is one alert, not ten). For every **attack** on a target (a violent event against
it, counted once across the documents that report it):

- it was **warned** when an alert on that target started before the attack day, within
  `horizon_days`, and the **lead time** is the number of days from the first such alert
  to the attack;
- alerts that start within `reactive_days` after an attack on the same target are
  *reactive* (the score answering the attack itself): they are reported but not counted
  as warnings;
- an anticipatory alert is **followed** when an attack on the target comes within
  `horizon_days` of its start, a **false alarm** when none does, and **open** when the
  store ends before the horizon does (it cannot be judged yet).

Precision = followed / (followed + false alarms); recall = warned attacks / attacks.
What these figures mean, and what they don't, is in docs/escalation.md.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from forewarn.analyse.scoring import DEFAULT_MODEL, ScoreModel, ScoringData, _incidents, score_on
from forewarn.store.warning import EventFact


@dataclass(frozen=True, slots=True)
class Alert:
    target_id: str
    target_name: str | None
    start: date
    end: date | None  # last day above the re-arm level (None: still on at the end)
    peak: float
    kind: str = "anticipatory"  # anticipatory | reactive
    outcome: str = "open"  # followed | false_alarm | open (anticipatory); reactive
    attack_day: date | None = None  # the attack that followed

    def to_json(self) -> dict[str, object]:
        return {
            "target_id": self.target_id,
            "target": self.target_name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "peak": round(self.peak, 1),
            "kind": self.kind,
            "outcome": self.outcome,
            "attack_day": self.attack_day.isoformat() if self.attack_day else None,
        }


@dataclass(frozen=True, slots=True)
class AttackOutcome:
    target_id: str
    target_name: str | None
    day: date
    event: EventFact
    warned: bool
    alert_start: date | None
    lead_days: int | None
    score_day_before: float

    def to_json(self) -> dict[str, object]:
        return {
            "target_id": self.target_id,
            "target": self.target_name,
            "day": self.day.isoformat(),
            "type": self.event.type,
            "evidence": self.event.evidence,
            "doc_id": self.event.doc_id,
            "target_inferred": self.event.target_inferred,
            "warned": self.warned,
            "alert_start": self.alert_start.isoformat() if self.alert_start else None,
            "lead_days": self.lead_days,
            "score_day_before": round(self.score_day_before, 1),
        }


@dataclass
class BacktestReport:
    threshold: float
    horizon_days: int
    start: date | None
    end: date | None
    targets: int
    attacks: list[AttackOutcome] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    @property
    def warned(self) -> list[AttackOutcome]:
        return [a for a in self.attacks if a.warned]

    @property
    def recall(self) -> float | None:
        return len(self.warned) / len(self.attacks) if self.attacks else None

    def _judged(self) -> tuple[int, int]:
        anticipatory = [a for a in self.alerts if a.kind == "anticipatory"]
        followed = sum(1 for a in anticipatory if a.outcome == "followed")
        false = sum(1 for a in anticipatory if a.outcome == "false_alarm")
        return followed, false

    @property
    def false_alarms(self) -> int:
        return self._judged()[1]

    @property
    def precision(self) -> float | None:
        followed, false = self._judged()
        return followed / (followed + false) if followed + false else None

    @property
    def lead_times(self) -> list[int]:
        return [a.lead_days for a in self.warned if a.lead_days is not None]

    @property
    def median_lead(self) -> float | None:
        return statistics.median(self.lead_times) if self.lead_times else None

    def summary(self) -> dict[str, object]:
        followed, false = self._judged()
        open_ = sum(1 for a in self.alerts if a.kind == "anticipatory" and a.outcome == "open")
        return {
            "threshold": self.threshold,
            "horizon_days": self.horizon_days,
            "period": [self.start.isoformat() if self.start else None, self.end.isoformat() if self.end else None],
            "targets": self.targets,
            "attacks": len(self.attacks),
            "attacks_warned": len(self.warned),
            "recall": None if self.recall is None else round(self.recall, 3),
            "alerts": sum(1 for a in self.alerts if a.kind == "anticipatory"),
            "alerts_followed": followed,
            "false_alarms": false,
            "alerts_open": open_,
            "reactive_alerts": sum(1 for a in self.alerts if a.kind == "reactive"),
            "precision": None if self.precision is None else round(self.precision, 3),
            "lead_days": self.lead_times,
            "median_lead_days": self.median_lead,
        }

    def to_json(self) -> dict[str, object]:
        return {
            **self.summary(),
            "attack_outcomes": [a.to_json() for a in self.attacks],
            "alert_list": [a.to_json() for a in self.alerts],
        }


def _episodes(days: list[tuple[date, float]], threshold: float, rearm: float) -> list[tuple[date, date | None, float]]:
    """(start, end, peak) of every stretch at or above the threshold, with hysteresis."""
    out: list[tuple[date, date | None, float]] = []
    on: tuple[date, float] | None = None
    last_day: date | None = None
    for day, value in days:
        if on is None:
            if value >= threshold:
                on = (day, value)
        elif value < threshold * rearm:
            out.append((on[0], last_day, on[1]))
            on = None
        else:
            on = (on[0], max(on[1], value))
        last_day = day
    if on is not None:
        out.append((on[0], None, on[1]))
    return out


def backtest(
    data: ScoringData,
    *,
    model: ScoreModel = DEFAULT_MODEL,
    threshold: float | None = None,
    horizon_days: int = 60,
    reactive_days: int = 3,
    rearm: float = 0.8,
    end: date | None = None,
) -> BacktestReport:
    """Replay every target's score in time order and judge the alerts against the attacks."""
    threshold = model.threshold if threshold is None else threshold
    end = end or data.last_day()
    report = BacktestReport(threshold=threshold, horizon_days=horizon_days, start=None, end=end, targets=0)
    if end is None:
        return report
    starts = []
    for target in data.targets():
        first = data.first_day(target)
        if first is None:
            continue
        report.targets += 1
        starts.append(first)
        series = []
        d = first
        while d <= end:
            series.append((d, score_on(data, target, d, model).score))
            d += timedelta(days=1)
        by_day = dict(series)
        attacks = sorted(
            ((e, day) for e, day, _known in data.attacks_on.get(target, [])),
            key=lambda x: x[1],
        )
        incidents = _incidents(e for e, _ in attacks)
        attack_days = sorted({day for e, day in attacks if e in incidents})
        name = data.names.get(target)
        episodes = _episodes(series, threshold, rearm)
        alerts: list[Alert] = []
        for start, stop, peak in episodes:
            reactive = any(0 <= (start - a).days <= reactive_days for a in attack_days)
            if reactive:
                alerts.append(Alert(target, name, start, stop, peak, kind="reactive", outcome="reactive"))
                continue
            following = [a for a in attack_days if 0 < (a - start).days <= horizon_days]
            if following:
                alerts.append(Alert(target, name, start, stop, peak, outcome="followed", attack_day=following[0]))
            elif (end - start).days < horizon_days:
                alerts.append(Alert(target, name, start, stop, peak, outcome="open"))
            else:
                alerts.append(Alert(target, name, start, stop, peak, outcome="false_alarm"))
        report.alerts.extend(alerts)
        previous: date | None = None
        for e in incidents:
            day = next(day for ev, day in attacks if ev is e)
            window_start = day - timedelta(days=horizon_days)
            if previous is not None:
                window_start = max(window_start, previous)
            warnings = [
                a.start for a in alerts if a.kind == "anticipatory" and window_start <= a.start < day
            ]  # earliest alert in the window gives the lead time
            before = by_day.get(day - timedelta(days=1), 0.0)
            alert_start = min(warnings) if warnings else None
            report.attacks.append(
                AttackOutcome(
                    target_id=target,
                    target_name=name,
                    day=day,
                    event=e,
                    warned=alert_start is not None,
                    alert_start=alert_start,
                    lead_days=(day - alert_start).days if alert_start else None,
                    score_day_before=before,
                )
            )
            previous = day
    report.start = data.first_any() or (min(starts) if starts else None)
    report.attacks.sort(key=lambda a: (a.day, a.target_id))
    report.alerts.sort(key=lambda a: (a.start, a.target_id))
    return report
