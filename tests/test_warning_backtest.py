"""Backtest: replay in time order, warnings before attacks, lead times, false alarms.

One test builds a timeline by hand so every figure is known exactly; the other runs the
real pipeline over the synthetic timeline in examples/timeline (invented documents)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from forewarn.analyse.backtest import _episodes, backtest
from forewarn.cli.app import app
from warning_fixtures import D0, data_of, event, threat

STRONG = "We will put a bullet in his head at his door within 48 hours"
TIMELINE = Path(__file__).resolve().parents[1] / "examples" / "timeline"


def test_alert_episodes_have_hysteresis() -> None:
    days = [(D0 + timedelta(days=i), v) for i, v in enumerate([10, 55, 48, 52, 39, 45, 60])]
    # 48 and 52 hover around the line: one alert; it ends when the score falls below 40
    assert _episodes(days, 50, 0.8) == [
        (D0 + timedelta(days=1), D0 + timedelta(days=3), 55),
        (D0 + timedelta(days=6), None, 60),
    ]


def test_backtest_figures_on_a_known_timeline() -> None:
    threats = [
        threat("K1", D0, STRONG, target="A2", score=0.9),  # warns of the attack 45 days later
        threat("S1", D0, STRONG, target="A5", score=0.9),  # nothing follows: a false alarm
        threat("M1", D0 + timedelta(days=100), STRONG, target="A7", score=0.9),  # too recent to judge
        threat("P1", D0, "Karami's pact will fail", target="A2", type_="political", form="veiled"),
    ]
    events = [
        event(1, D0 + timedelta(days=45), "assassination_attempt", target="A2"),
        event(2, D0 + timedelta(days=46), "assassination_attempt", target="A2"),  # the same attempt, reported again
        event(3, D0 + timedelta(days=50), "bombing", target="A6"),  # an attack nobody threatened first
    ]
    data = data_of(threats, events)
    report = backtest(data, horizon_days=60, end=D0 + timedelta(days=120))
    by_target = {a.target_id: a for a in report.attacks}
    assert len(report.attacks) == 2  # the attempt on A2 counted once
    assert by_target["A2"].warned and by_target["A2"].lead_days == 45
    assert by_target["A2"].alert_start == D0
    assert not by_target["A6"].warned and by_target["A6"].lead_days is None
    outcomes = {(a.target_id, a.kind): a.outcome for a in report.alerts}
    assert outcomes[("A2", "anticipatory")] == "followed"
    assert outcomes[("A5", "anticipatory")] == "false_alarm"
    assert outcomes[("A7", "anticipatory")] == "open"
    assert outcomes[("A2", "reactive")] == "reactive"  # the score answering the attempt itself
    summary = report.summary()
    assert summary["recall"] == 0.5 and summary["precision"] == 0.5
    assert summary["lead_days"] == [45] and summary["median_lead_days"] == 45
    assert summary["false_alarms"] == 1 and summary["alerts_open"] == 1 and summary["reactive_alerts"] == 1
    # a higher threshold: no alert at all, so nothing is warned and precision is undefined
    strict = backtest(data, threshold=95, horizon_days=60, end=D0 + timedelta(days=120))
    assert strict.recall == 0 and strict.precision is None


def test_backtest_on_the_synthetic_timeline(tmp_path: Path, db_url: str) -> None:
    runner = CliRunner()
    analysed = runner.invoke(app, ["analyze", str(TIMELINE), "--db", db_url])
    assert analysed.exit_code == 0, analysed.output
    result = runner.invoke(app, ["backtest", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    attacks = {a["target"]: a for a in report["attack_outcomes"]}
    # the drone attack on the prime minister's convoy, after two months of threats by two groups
    karami = attacks["Yusuf Karami"]
    assert karami["day"] == "2024-06-14" and karami["warned"]
    assert 20 <= karami["lead_days"] <= 40
    # the judge was never threatened in the store: no warning possible
    assert not attacks["Mariam Haddad"]["warned"]
    # the journalist was threatened once; the kidnapping came below the alert level
    assert not attacks["Omar Nasser"]["warned"]
    alerts = {(a["target"], a["kind"]): a for a in report["alert_list"]}
    assert alerts[("Adel Saffar", "anticipatory")]["outcome"] == "false_alarm"
    assert alerts[("Yusuf Karami", "anticipatory")]["outcome"] == "followed"
    assert report["precision"] == 0.5 and report["attacks"] == 3
    table = runner.invoke(app, ["backtest", "--db", db_url])
    assert "warned before: 1" in table.output and "Yusuf Karami" in table.output
