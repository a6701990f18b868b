"""Actor resolution from the command line: knowledge bases, and analyst corrections that survive re-analysis."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from forewarn.cli.app import app
from forewarn.store import Store

runner = CliRunner()


def _actor_ids(out: Path, fragment: str) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        ids[record["doc_id"]] = {a["actor_id"] for a in record["actors"] if fragment in a["name"]}
    return ids


def test_kb_import_yaml_csv_and_followthemoney(tmp_path: Path, db_url: str) -> None:
    db = db_url
    (tmp_path / "kb.yaml").write_text(
        "- name: Kata'ib al-Nasr\n  type: org\n  aliases: [KAN, Nasr Brigades]\n"
        "- name: Hadi al-Mansouri\n  type: person\n  aliases: [Abu Karrar]\n  affiliations: [Kata'ib al-Nasr]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["kb", "import", str(tmp_path / "kb.yaml"), "--db", db])
    assert result.exit_code == 0, result.output
    (tmp_path / "kb.csv").write_text(
        "name,type,aliases,affiliations\nHadi al-Mansuri,person,Hadi Mansouri,\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["kb", "import", str(tmp_path / "kb.csv"), "--db", db])
    assert result.exit_code == 0 and "1 matched" in result.output, result.output
    ftm = [
        {"id": "p1", "schema": "Person", "properties": {"name": ["Samira Daoud"], "alias": ["Samirah Dawud"]}},
        {"id": "o1", "schema": "Organization", "properties": {"name": ["Ministry of the Interior"]}},
        {"id": "m1", "schema": "Membership", "properties": {"member": ["p1"], "organization": ["o1"]}},
    ]
    (tmp_path / "ftm.json").write_text("\n".join(json.dumps(e) for e in ftm), encoding="utf-8")
    result = runner.invoke(app, ["kb", "import", str(tmp_path / "ftm.json"), "--db", db])
    assert result.exit_code == 0, result.output

    store = Store(db)
    try:
        actors = {a.name: a for a in store.find_actors(None)}
        assert "Hadi al-Mansouri" in actors and "Samira Daoud" in actors
        profile = store.actor_profile(actors["Hadi al-Mansouri"].actor_id)
        assert "Hadi al-Mansuri" in profile.aliases and "Abu Karrar" in profile.aliases
        assert any("Nasr" in a.name for a in profile.affiliations)
        assert any("Interior" in a.name for a in store.actor_profile(actors["Samira Daoud"].actor_id).affiliations)
    finally:
        store.close()

    bad = tmp_path / "bad.yaml"
    bad.write_text("- type: person\n", encoding="utf-8")
    assert runner.invoke(app, ["kb", "import", str(bad), "--db", db]).exit_code == 2


def test_analyst_merge_and_split_survive_reanalysis(tmp_path: Path, db_url: str) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Hadi al-Mansouri, the commander of the Kata'ib al-Nasr militia, spoke in Basra on Monday.\n", encoding="utf-8"
    )
    (corpus / "b.txt").write_text(
        "Abu Karrar, a commander of Kata'ib al-Nasr, addressed fighters in Kut on Tuesday.\n", encoding="utf-8"
    )
    (corpus / "c.txt").write_text("Ali Hassan, a farmer from Hilla, said the harvest was poor.\n", encoding="utf-8")
    (corpus / "d.txt").write_text("Ali Hasan, a footballer from Basra, scored twice on Friday.\n", encoding="utf-8")
    db = db_url
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["analyze", str(corpus), "--db", db, "--out", str(out)]).exit_code == 0

    mansouri = _actor_ids(out, "Mansouri")["a"].pop()
    karrar = _actor_ids(out, "Karrar")["b"].pop()
    assert mansouri != karrar  # a kunya alone is no evidence of identity
    result = runner.invoke(app, ["actors", "merge", mansouri, karrar, "--db", db, "--analyst", "rk"])
    assert result.exit_code == 0, result.output

    hassan = _actor_ids(out, "Ali Has")
    if hassan["c"] == hassan["d"]:
        result = runner.invoke(app, ["actors", "split", next(iter(hassan["c"])), "Ali Hasan", "--db", db])
        assert result.exit_code == 0, result.output

    # re-analysis must keep both corrections
    assert runner.invoke(app, ["analyze", str(corpus), "--db", db, "--out", str(out)]).exit_code == 0
    assert _actor_ids(out, "Mansouri")["a"] == _actor_ids(out, "Karrar")["b"]
    again = _actor_ids(out, "Ali Has")
    assert again["c"] != again["d"]
    history = runner.invoke(app, ["actors", mansouri, "--db", db])
    assert "merge" in history.output
