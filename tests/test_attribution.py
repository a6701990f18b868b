"""The learned second opinion on speakers and targets (`forewarn.extract.attribution`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.model import Document
from forewarn.nlp.pipeline import analysis_text

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

RALLY = (
    "Roadside bomb hits governor's convoy\n\n"
    "ZUBAIR — A roadside bomb struck the convoy of Governor Lina Haddad near Zubair on Tuesday, killing two of "
    "her guards, police said.\n\n"
    'Two days earlier, Southern Banner commander Jalal al-Obeidi told supporters at a rally: "Lina Haddad, we '
    'will make you pay with your blood for every fighter you jail."\n'
)


def _pairs(nlp: Language, text: str, **kwargs) -> set[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    document = Document(doc_id="doc", text=text, published="2024-04-16")
    analysis = analyse_document(document, nlp(analysis_text(document)), **kwargs)
    return {
        (
            analysis.actor(t.speaker.local_id).name if t.speaker else None,
            analysis.actor(t.target.local_id).name if t.target else None,
        )
        for t in analysis.threats
    }


def test_a_quote_that_opens_with_a_name_is_aimed_at_that_person(nlp: Language) -> None:
    assert ("Jalal al-Obeidi", "Lina Haddad") in _pairs(nlp, RALLY)


def test_the_ranker_never_makes_a_speaker_his_own_target(nlp: Language) -> None:
    for speaker, target in _pairs(nlp, RALLY):
        assert speaker is None or speaker != target


def test_the_ranker_does_not_decide_what_is_a_threat(nlp: Language) -> None:
    # the rules decide whether a passage threatens; the ranker only re-attributes what they found
    with_ranker = _pairs(nlp, RALLY)
    rules_only = _pairs(nlp, RALLY, ranker=None)
    assert len(with_ranker) == len(rules_only)
    everyday = (
        "Councillor Mia Roth vowed on Monday to kill the parking levy and warned the mayor that voters would "
        "punish the council at the ballot box.\n"
    )
    assert _pairs(nlp, everyday) == set()


def test_the_shipped_model_names_its_features_and_training_sets() -> None:
    data = json.loads((ROOT / "src/forewarn/extract/attribution_model.json").read_text(encoding="utf-8"))
    assert {"rule", "in_passage", "speech_subject_near"} <= set(data["features"])
    assert "dev" not in " ".join(data["trained_on"])  # the development set is for measuring only
    for role in ("speaker", "target"):
        held_out = data[role]["leave_one_set_out"]
        assert sum(v["model_right"] for v in held_out.values()) > sum(v["rules_right"] for v in held_out.values())


@pytest.mark.skipif(not SCORER.exists(), reason="shared/eval/score.py is not beside the repo")
def test_training_writes_a_model_the_ranker_reads(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    sets = [ROOT / "tests/data/heldout", ROOT / "tests/data/heldout2"]
    options = ["--score", str(SCORER), "--out", str(out), "--cache", str(tmp_path / "cache")]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/train_attribution.py"), *map(str, sets), *options],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rules=" in result.stdout and "model=" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["trained_on"] == ["heldout", "heldout2"]
    import lightgbm

    booster = lightgbm.Booster(model_str=data["speaker"]["model"])
    assert booster.num_feature() == len(data["features"])


def test_without_the_model_the_rules_attribute_alone(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    import forewarn.extract as extract

    monkeypatch.setattr(extract, "available", lambda: False)  # as on a machine without libgomp1
    assert _pairs(nlp, RALLY) == _pairs(nlp, RALLY, ranker=None)
