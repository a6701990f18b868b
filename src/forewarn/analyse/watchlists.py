"""Watchlists and the rules that turn new facts into alerts.

An analyst watches a **target** (an actor who may be threatened), a **speaker** or an
**org** (who may threaten), or a **keyword**. The rules, declared in `RULES`:

- `threat_of_violence` (targets): a new direct or conditional threat of violence or armed
  force against the watched actor;
- `score_above` (targets): the watched actor's escalation score reached the watch's
  threshold (default: the model's, 50); once per alert episode;
- `new_actor` (targets): an actor who had never threatened the watched actor now does;
- `threat_by_watched` (speakers, orgs): a new threat made by the watched speaker, or by
  anyone speaking for the watched organisation;
- `keyword` (keywords): a new threat whose evidence, speaker or target contains the word.

"New" means reported by a document analysed after the watch was added (and, with
`recent_days`, published at most that many days before the watch: an archive analysed
later then raises nothing); `backfill=True` evaluates everything. A threat reported by
several documents is one threat (its cluster): it alerts once, however many outlets report
it. Every alert has a key (rule, watch, and the cluster, actor pair or score episode), so
evaluating twice never raises it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from forewarn.analyse.backtest import _episodes
from forewarn.analyse.clusters import update_clusters
from forewarn.analyse.dates import parse_day
from forewarn.analyse.scoring import DEFAULT_MODEL, ScoreModel, ScoringData, score_on
from forewarn.store import Store, alias_key
from forewarn.store import warning as wstore
from forewarn.store.warning import AlertRow, ThreatEvent, WatchRow

WATCH_KINDS: tuple[str, ...] = ("target", "speaker", "org", "keyword")
VIOLENT_TYPES = frozenset({"violence", "military"})
VIOLENT_FORMS = frozenset({"direct", "conditional"})


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kinds: tuple[str, ...]
    description: str


RULES: tuple[Rule, ...] = (
    Rule("threat_of_violence", ("target",), "a new direct or conditional threat of violence against a watched actor"),
    Rule("score_above", ("target",), "the watched actor's escalation score reached the threshold"),
    Rule("new_actor", ("target",), "an actor who had not threatened the watched actor before now does"),
    Rule("threat_by_watched", ("speaker", "org"), "a new threat made by a watched speaker or organisation"),
    Rule("keyword", ("keyword",), "a new threat whose evidence, speaker or target contains the keyword"),
)


class WatchError(ValueError):
    """A watch entry that cannot be added (unknown actor, bad kind)."""


def add_watch(store: Store, kind: str, value: str, *, threshold: float | None = None) -> WatchRow:
    """Watch an actor (by name, any alias, or id) or a keyword."""
    if kind not in WATCH_KINDS:
        raise WatchError(f"kind must be one of {', '.join(WATCH_KINDS)}, not {kind!r}")
    if kind == "keyword":
        word = value.strip()
        if not word:
            raise WatchError("empty keyword")
        return wstore.add_watch(store, kind, word.casefold(), label=word)
    live = store.resolve_id(value.strip())
    if live is not None:
        name = wstore.actor_names(store, [live]).get(live, live)
    else:
        rows = store.find_actors(value)
        if not rows:
            raise WatchError(f"no actor matches {value!r}")
        live, name = rows[0].actor_id, rows[0].name
    return wstore.add_watch(store, kind, live, label=name, threshold=threshold)


@dataclass
class Evaluation:
    """What one `evaluate` call raised."""

    raised: list[AlertRow]
    checked_watches: int


def evaluate(
    store: Store,
    *,
    today: date | None = None,
    backfill: bool = False,
    recent_days: int | None = None,
    model: ScoreModel = DEFAULT_MODEL,
) -> Evaluation:
    """Check every watch against the store and raise (and queue for delivery) new alerts."""
    update_clusters(store)
    watch_rows = wstore.watches(store)
    raised: list[AlertRow] = []
    if not watch_rows:
        return Evaluation(raised, 0)
    events = wstore.threat_events(store)
    analysed = wstore.analysed_at(store, {d for t in events for d in t.doc_ids})
    data: ScoringData | None = None
    for watch in watch_rows:

        def is_new(t: ThreatEvent, watch: WatchRow = watch) -> bool:
            return backfill or _is_new(t, watch.created_at, analysed, recent_days)

        if watch.kind == "target":
            against = [t for t in events if t.target_id == watch.value]
            for t in against:
                if t.type in VIOLENT_TYPES and t.form in VIOLENT_FORMS and is_new(t):
                    raised += _raise(store, "threat_of_violence", watch, t, f"Threat of violence against {_name(t)}")
            first_by_side: dict[str, ThreatEvent] = {}
            for t in sorted(against, key=lambda t: (t.first_published or "", t.key)):
                first_by_side.setdefault(_side(t), t)
            for side, t in first_by_side.items():
                if is_new(t):
                    raised += _raise(
                        store,
                        "new_actor",
                        watch,
                        t,
                        f"New actor threatening {_name(t)}: {_speaker(t)}",
                        key=f"new_actor:{watch.id}:{watch.value}:{side}",
                    )
            if data is None:
                data = ScoringData.load(store)
            raised += _score_rule(store, data, watch, today or date.today(), model)
        elif watch.kind in ("speaker", "org"):
            orgs = wstore.organisations_of(store, {t.speaker_id for t in events if t.speaker_id})
            for t in events:
                by_watched = watch.value in (t.speaker_id, t.speaker_org_id) or (
                    watch.kind == "org" and t.speaker_id is not None and watch.value in orgs.get(t.speaker_id, set())
                )
                if by_watched and is_new(t):
                    raised += _raise(store, "threat_by_watched", watch, t, f"{watch.label} threatens {_name(t)}")
        elif watch.kind == "keyword":
            needle = alias_key(watch.value)
            for t in events:
                hay = alias_key(
                    " ".join([*t.texts, t.speaker_name or "", t.speaker_org_name or "", t.target_name or ""])
                )
                if needle and f" {needle} " in f" {hay} " and is_new(t):
                    raised += _raise(
                        store, "keyword", watch, t, f"Keyword “{watch.label}” in a threat against {_name(t)}"
                    )
    return Evaluation(raised, len(watch_rows))


def _is_new(t: ThreatEvent, created: datetime, analysed: dict[str, datetime | None], recent_days: int | None) -> bool:
    first_doc = t.doc_ids[0] if t.doc_ids else None
    when = analysed.get(first_doc) if first_doc else None
    if when is None or when < created:
        return False
    if recent_days is None:
        return True
    published = parse_day(t.first_published)
    return published is None or published >= created.date() - timedelta(days=recent_days)


def _side(t: ThreatEvent) -> str:
    return t.speaker_org_id or t.speaker_id or f"unknown:{t.key}"


def _name(t: ThreatEvent) -> str:
    return t.target_name or t.target_id or "an unnamed target"


def _speaker(t: ThreatEvent) -> str:
    who = t.speaker_name or t.speaker_org_name or "an unnamed speaker"
    if t.speaker_org_name and t.speaker_org_name != who:
        who += f" ({t.speaker_org_name})"
    return who


def threat_payload(t: ThreatEvent) -> dict[str, Any]:
    return {
        "threat": t.to_json(),
        "summary": f"{_speaker(t)} → {_name(t)} ({t.type}, {t.form}, {t.date or t.first_published}): “{t.quote}”"
        + f" — {t.report_count} report(s): {', '.join(t.sources)}",
    }


def _raise(
    store: Store, rule: str, watch: WatchRow, t: ThreatEvent, title: str, *, key: str | None = None
) -> list[AlertRow]:
    payload = {
        "watch": watch.to_json(),
        **threat_payload(t),
    }
    row = wstore.raise_alert(
        store,
        key=key or f"{rule}:{watch.id}:{t.key}",
        rule=rule,
        title=f"{title} — {_speaker(t)}: “{t.quote[:160]}”",
        payload=payload,
        watch_id=watch.id,
        actor_id=t.target_id,
        cluster_id=t.cluster_id,
        score=t.score,
    )
    return [row] if row is not None else []


def _score_rule(store: Store, data: ScoringData, watch: WatchRow, today: date, model: ScoreModel) -> list[AlertRow]:
    threshold = watch.threshold if watch.threshold is not None else model.threshold
    start = data.first_day(watch.value)
    if start is None:
        return []
    # from the first day, so an episode has the same start (and alert key) whenever it is evaluated
    series = []
    d = start
    while d <= today:
        series.append((d, score_on(data, watch.value, d, model).score))
        d += timedelta(days=1)
    episodes = _episodes(series, threshold, 0.8)
    if not episodes or episodes[-1][1] is not None:
        return []  # no alert episode is on today
    begun = episodes[-1][0]
    current = score_on(data, watch.value, today, model)
    top = current.top_threats(3)
    name = current.actor_name or watch.label
    row = wstore.raise_alert(
        store,
        key=f"score_above:{watch.id}:{watch.value}:{begun.isoformat()}",
        rule="score_above",
        title=f"Escalation score of {name} at {current.score:.0f} ({current.level}), above {threshold:.0f} since "
        f"{begun.isoformat()}",
        payload={
            "watch": watch.to_json(),
            "score": current.to_json(),
            "summary": "; ".join(
                f"{c.points:.1f} pts: {_speaker(c.threat)} “{c.threat.quote[:100]}” ({', '.join(c.threat.sources)})"
                for c in top
            ),
        },
        watch_id=watch.id,
        actor_id=watch.value,
        score=current.score,
    )
    return [row] if row is not None else []
