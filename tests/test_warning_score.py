"""Escalation scores: the declared model, what raises a score, and its explanation."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from forewarn.analyse.scoring import (
    DEFAULT_MODEL,
    ScoringData,
    days,
    level_of,
    score_on,
    score_series,
)
from forewarn.cli.app import app
from forewarn.model import ActorRef, DocActor, Document, DocumentAnalysis, Event, Span
from forewarn.store import Store
from warning_fixtures import D0, corpus, data_of, event, threat


def test_model_is_declared_as_data() -> None:
    described = DEFAULT_MODEL.describe()
    names = {f["name"] for f in described}
    assert {"type", "form", "specific.time", "specific.place", "specific.method", "speaker.record"} <= names
    assert {"threats.distinct_actors", "threats.acceleration", "events.attacks_on_target"} <= names
    assert all(isinstance(f["weight"], float) and f["description"] for f in described)
    assert [level_of(x) for x in (10, 30, 60, 80)] == ["low", "guarded", "elevated", "high"]


def test_specific_violent_threat_scores_above_vague_political_one() -> None:
    specific = threat("T1", D0, "We will put a bullet in his head at his door within 48 hours")
    vague = threat("T2", D0, "He will regret this pact", type_="political", form="veiled")
    s1 = score_on(data_of([specific]), "A2", D0)
    s2 = score_on(data_of([vague]), "A2", D0)
    assert s1.score > 40 and s1.level in ("guarded", "elevated")
    assert s2.score < 15 and s2.level == "low"
    fired = {f.name: f.detail for f in s1.threats[0].features if f.value > 0}
    assert fired["specific.method"] == "bullet"
    assert fired["specific.place"] == "at his door"
    assert fired["specific.time"] == "within 48 hours"
    assert not any(f.value for f in s2.threats[0].features if f.name.startswith("specific"))


def test_record_of_attacks_distinct_actors_and_attacks_on_target_raise_the_score() -> None:
    base = [threat("T1", D0, "Karami will pay")]
    plain = score_on(data_of(base), "A2", D0).score
    # the speaker's organisation has three attacks on record (known before the day)
    record = [event(i, D0 - timedelta(days=20 + 10 * i), actor="A3") for i in range(3)]
    with_record = score_on(data_of(base, record), "A2", D0)
    assert with_record.score > plain
    assert next(f for f in with_record.threats[0].features if f.name == "speaker.record").value == 1.0
    # a second actor threatening the same target
    two = [*base, threat("T2", D0, "Karami will pay", speaker="A4", org=None)]
    distinct = score_on(data_of(two), "A2", D0)
    assert next(f for f in distinct.target_features if f.name == "threats.distinct_actors").value > 0
    # an attack on the target
    attacked = score_on(data_of(base, [event(9, D0 - timedelta(days=1), target="A2")]), "A2", D0)
    assert next(f for f in attacked.target_features if f.name == "events.attacks_on_target").value > 0
    assert attacked.events and attacked.events[0].event_id == 9


def test_recency_decay_and_acceleration() -> None:
    one = data_of([threat("T1", D0, "Karami will pay with his blood")])
    now, later = score_on(one, "A2", D0), score_on(one, "A2", D0 + timedelta(days=30))
    assert later.threats[0].decay == pytest.approx(0.5)
    assert later.score < now.score
    burst = data_of([threat(f"T{i}", D0 + timedelta(days=i * 3), "Karami will pay") for i in range(4)])
    s = score_on(burst, "A2", D0 + timedelta(days=10))
    assert next(f for f in s.target_features if f.name == "threats.acceleration").value > 0


def test_only_what_was_known_counts() -> None:
    late = threat("T1", D0, "Karami will pay with his blood")
    data = data_of([])
    data.threats_by_target["A2"] = [(late, D0, D0 + timedelta(days=5))]  # reported five days later
    assert score_on(data, "A2", D0 + timedelta(days=4)).score == 0
    assert score_on(data, "A2", D0 + timedelta(days=5)).score > 0


def test_daily_and_weekly_series() -> None:
    data = data_of([threat("T1", D0, "Karami will pay"), threat("T2", D0 + timedelta(days=20), "Karami will pay")])
    daily = score_series(data, "A2", step="daily")
    assert daily[0].day == D0 and daily[-1].day == D0 + timedelta(days=20)
    weekly = score_series(data, "A2", step="weekly")
    assert all(d.day.weekday() == 6 for d in weekly[:-1]) and weekly[-1].day == D0 + timedelta(days=20)
    assert days(D0, D0 - timedelta(days=1)) == []


def test_store_scores_count_a_reported_threat_once(db_url: str) -> None:
    with Store(db_url) as store:
        for analysis in corpus():
            store.save_analysis(analysis)
        data = ScoringData.load(store)
    score = score_on(data, "A2", date(2024, 6, 10))
    keys = [c.threat.key for c in score.threats]
    assert len(keys) == len(set(keys)) == 3  # May (three reports), June, al-Zaidi
    may = next(c for c in score.threats if c.threat.report_count == 3)
    assert set(may.threat.sources) == {"Sardana Daily", "Gulf Wire", "Levant Post"}
    assert next(f for f in may.features if f.name == "corroboration").value > 0
    explained = score.to_json()
    assert explained["threats"][0]["threat"]["quote"]  # every score explains itself with evidence
    assert explained["actor"] == "Yusuf Karami"


def test_score_command(db_url: str) -> None:
    with Store(db_url) as store:
        for analysis in corpus():
            store.save_analysis(analysis)
        # an attempt on Karami's life, reported the next day
        text = "Prime Minister Yusuf Karami survived an assassination attempt on Friday."
        doc = Document(doc_id="attempt", text=text, published="2024-06-15")
        start = text.index("assassination attempt")
        store.save_analysis(
            DocumentAnalysis(
                document=doc,
                actors=[DocActor("A2", "Yusuf Karami", "PERSON", mentions=[Span.of(text, 15, 27)], actor_id="A2")],
                events=[
                    Event(
                        type="assassination_attempt",
                        evidence=Span.of(text, start, start + 21),
                        target=ActorRef("A2"),
                        date="2024-06-14",
                    )
                ],
            )
        )
    runner = CliRunner()
    result = runner.invoke(app, ["score", "Karami", "--db", db_url, "--weekly", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["step"] == "weekly" and data["series"]
    assert data["explained"]["events"][0]["type"] == "assassination_attempt"
    table = runner.invoke(app, ["score", "Karami", "--db", db_url, "--daily", "--on", "2024-05-12"])
    assert table.exit_code == 0
    assert "What raised it" in table.output and "Sardana Daily" in table.output
    assert runner.invoke(app, ["score", "Nobody At All", "--db", db_url]).exit_code == 1
