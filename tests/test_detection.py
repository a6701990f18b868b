"""The learned second look at sentences the rules turn down (`forewarn.extract.detection`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.model import Document, DocumentAnalysis
from forewarn.nlp.pipeline import analysis_text

ROOT = Path(__file__).resolve().parents[1]

VOICE_NOTE = (
    "Gunmen killed two police officers in Kasese on Sunday, and the rebel group claimed the attack.\n\n"
    "District chairman Peter Okello said he had received threatening calls for a month.\n\n"
    "In a voice note, the group's commander, Ibrahim Kanneh, addressed the chairman. \"Okello, leave Kasese "
    'before the end of the month or you will see what we do to traitors," Kanneh said.\n'
)
CAMPAIGN = (
    "Mayor faces rival's challenge\n\n"
    "Councillor Ruth Adeyemi launched her campaign for mayor on Monday with a warning to the incumbent, Tom "
    'Kerr. "Mr Kerr, your time is up. We are coming for your job, and the voters will see to it in May," she '
    "told supporters. Kerr said he would not be intimidated and vowed to fight for every vote.\n\n"
    '"She should remember what happened to the last person who underestimated this city," Kerr said, '
    "recalling his landslide win four years ago.\n"
)


def _analyse(nlp: Language, text: str, detect: bool = True) -> DocumentAnalysis:
    document = Document(doc_id="doc", text=text, published="2025-03-02")
    return analyse_document(document, nlp(analysis_text(document)), detect=detect)


def _spans(analysis: DocumentAnalysis) -> str:
    return " | ".join(s.text for t in analysis.threats for s in t.all_spans())


def test_an_ultimatum_the_rules_miss_is_found_and_attributed(nlp: Language) -> None:
    assert "leave Kasese" not in _spans(_analyse(nlp, VOICE_NOTE, detect=False))
    analysis = _analyse(nlp, VOICE_NOTE)
    found = [t for t in analysis.threats if any("leave Kasese" in s.text for s in t.all_spans())]
    assert found, _spans(analysis)
    speaker = analysis.actor(found[0].speaker.local_id).name if found[0].speaker else None
    target = analysis.actor(found[0].target.local_id).name if found[0].target else None
    assert (speaker, target) == ("Ibrahim Kanneh", "Peter Okello")


def test_the_detector_only_adds_to_what_the_rules_found(nlp: Language) -> None:
    text = VOICE_NOTE + '\n"We will burn his house with him inside," Kanneh added.\n'
    rules = _spans(_analyse(nlp, text, detect=False))
    assert "burn his house" in rules
    assert all(part in _spans(_analyse(nlp, text)) for part in rules.split(" | "))


def test_campaign_rhetoric_raises_nothing_more(nlp: Language) -> None:
    # the rules alone take "she should remember what happened to the last person who ..." for a veiled threat
    # (a known false alarm, left to them); the detector must not add "your time is up" to it
    assert _spans(_analyse(nlp, CAMPAIGN)) == _spans(_analyse(nlp, CAMPAIGN, detect=False))
    assert "your time is up" not in _spans(_analyse(nlp, CAMPAIGN))
    assert "coming for your job" not in _spans(_analyse(nlp, CAMPAIGN))


def test_the_shipped_model_was_chosen_on_sets_left_out() -> None:
    data = json.loads((ROOT / "src/forewarn/extract/detection_model.json").read_text(encoding="utf-8"))
    assert "dev" not in " ".join(data["trained_on"])  # the development set is for measuring only
    assert any(name.startswith("everyday") for name in data["trained_on"])
    threshold = str(data["threshold"])
    held_out = data["leave_one_set_out"].values()
    # at the shipped threshold, the everyday articles left out raise alarms on under 1% of them, and additions
    # are mostly right
    assert data["everyday_documents"] >= 300
    assert data["everyday_alarms_allowed"] == int(data["everyday_documents"] * 0.01)
    assert sum(r[threshold]["everyday_wrong"] for r in held_out) <= data["everyday_alarms_allowed"]
    assert sum(r[threshold]["added"] for r in held_out) >= 2 * sum(r[threshold]["wrong"] for r in held_out) > 0


def test_training_writes_a_model_the_detector_reads(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    sets = [ROOT / "tests/data/heldout", ROOT / "tests/data/heldout2"]
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/train_detection.py"),
            *map(str, sets),
            "--out",
            str(out),
            "--cache",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "threshold" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["trained_on"] == ["heldout", "heldout2"]
    import lightgbm

    assert lightgbm.Booster(model_str=data["model"]).num_feature() == len(data["features"])


def test_without_the_model_the_rules_decide_alone(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    from forewarn.extract import detection

    monkeypatch.setattr(detection, "available", lambda: False)  # as on a machine without libgomp1
    assert _spans(_analyse(nlp, VOICE_NOTE)) == _spans(_analyse(nlp, VOICE_NOTE, detect=False))
