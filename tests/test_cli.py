"""The command line end to end on a small corpus written here: analyze, threats, actors, show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli.app import app

runner = CliRunner()

ARTICLE_1 = """Militia leader threatens provincial governor

KUT, 14 March 2024 — Sheikh Haidar al-Zubaidi, the leader of the Asa'ib al-Karama militia, threatened
Governor Salim Hamdan on Wednesday after police arrested three of the group's fighters.

"If Hamdan does not release our men by Friday, we will storm his palace," al-Zubaidi said in a video.
"""

ARTICLE_2 = """Governor rejects militia ultimatum

KUT, 16 March 2024 — Governor Salim Hamdan said he would not bow to threats from the Asa'ib al-Karama
militia, whose leader Haidar al-Zubaydi warned him this week.

"The law will be applied to everyone," Hamdan told reporters. Police said they had arrested a fourth suspect.
"""

ELECTION = """Council race tightens

Candidate Maria Lopez promised on Tuesday to cut bus fares and warned that the city budget was at risk.
"We will win this election," Lopez said.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "kut_threat.txt").write_text(ARTICLE_1, encoding="utf-8")
    (folder / "kut_reply.txt").write_text(ARTICLE_2, encoding="utf-8")
    (folder / "election.txt").write_text(ELECTION, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return folder


def test_analyze_threats_actors_show(corpus: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'fw.db'}"
    out = tmp_path / "analysis.jsonl"
    result = runner.invoke(app, ["analyze", str(corpus), "--db", db, "--out", str(out)])
    # the binary file is an error: reported, recorded, and the exit code says so
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in records} == {"kut_threat", "kut_reply", "election", "broken"}
    broken = next(r for r in records if r["doc_id"] == "broken")
    assert broken["error"]
    threat_doc = next(r for r in records if r["doc_id"] == "kut_threat")
    text = (corpus / "kut_threat.txt").read_text(encoding="utf-8")
    assert threat_doc["threats"], "the militia leader's threat was missed"
    threat = threat_doc["threats"][0]
    assert "al-Zubaidi" in threat["speaker"]["name"]
    assert "Hamdan" in threat["target"]["name"]
    for t in threat_doc["threats"]:
        for ev in [t["evidence"], *t["evidence_spans"]]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    assert next(r for r in records if r["doc_id"] == "election")["threats"] == []
    # one actor across documents despite the spelling (al-Zubaidi / al-Zubaydi)
    reply = next(r for r in records if r["doc_id"] == "kut_reply")
    ids_1 = {a["actor_id"] for a in threat_doc["actors"] if "Zuba" in a["name"]}
    ids_2 = {a["actor_id"] for a in reply["actors"] if "Zuba" in a["name"]}
    assert ids_1 and ids_1 == ids_2

    listed = runner.invoke(app, ["threats", "--db", db, "--format", "json"])
    assert listed.exit_code == 0
    rows = json.loads(listed.output)
    assert len(rows) == len(threat_doc["threats"])

    # re-analysis replaces facts instead of duplicating them
    again = runner.invoke(app, ["analyze", str(corpus), "--db", db])
    assert again.exit_code == 1
    assert len(json.loads(runner.invoke(app, ["threats", "--db", db, "--format", "json"]).output)) == len(rows)

    actor = runner.invoke(app, ["actors", "Zubaidi", "--db", db])
    assert actor.exit_code == 0 and "Zuba" in actor.output
    shown = runner.invoke(app, ["show", "kut_threat", "--db", db])
    assert shown.exit_code == 0 and "storm his palace" in shown.output
    assert runner.invoke(app, ["show", "nope", "--db", db]).exit_code == 1


def test_actors_same(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "same", "Mustafa al-Kadhimi", "Moustafa Al-Kazimi", "--type", "person"])
    assert result.exit_code == 0 and "same=true" in result.output
    result = runner.invoke(app, ["actors", "same", "Hamid al-Sudani", "Mohammed Shia al-Sudani", "--type", "person"])
    assert "same=false" in result.output
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("name1,name2,type\nQais al-Khazali,Qays al-Khaz'ali,person\nJoe Biden,Hunter Biden,person\n")
    out = tmp_path / "scored.csv"
    result = runner.invoke(app, ["actors", "same", "--pairs", str(pairs), "--out", str(out)])
    assert result.exit_code == 0
    lines = out.read_text().splitlines()
    assert "same" in lines[0] and "score" in lines[0]
    assert lines[1].split(",")[3] == "true" or ",true," in lines[1]
    assert ",false," in lines[2] or lines[2].split(",")[3] == "false"
