"""The development set, scored by the shared scorer: a regression below the floors cannot land."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = {"full_f1": 0.80, "threat_f1": 0.85, "event_f1": 0.60, "entity_link_f1": 0.90}


@pytest.mark.skipif(not (SHARED / "dev" / "gold.jsonl").exists(), reason="shared/eval/dev is not beside the repo")
def test_dev_set_scores_above_floors(tmp_path: Path) -> None:
    out = tmp_path / "dev.jsonl"
    forewarn = Path(sys.executable).with_name("forewarn")
    run = subprocess.run(
        [
            str(forewarn),
            "analyze",
            str(SHARED / "dev" / "docs"),
            "--db",
            f"sqlite:///{tmp_path / 'dev.db'}",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "score.py"),
            "--gold",
            str(SHARED / "dev" / "gold.jsonl"),
            "--docs",
            str(SHARED / "dev" / "docs"),
            "--pred",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    print(json.dumps({k: v for k, v in result.items() if not isinstance(v, list)}, indent=1))
    assert result["evidence_not_matching_text"] == 0
    assert result["documents_missing_from_pred"] == 0
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (
            f"{key} = {result[key]} < {floor}: misses {result['misses']}, false alarms {result['false_alarms']}"
        )
    assert result["entity_link_precision"] >= 0.85 and result["entity_link_recall"] >= 0.85
