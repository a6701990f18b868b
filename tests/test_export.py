"""Exports: CSV, JSON, analysis JSONL, STIX 2.1 (validated by the stix2 library), GraphML
and GEXF (read back with networkx), with the filters of `forewarn threats`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
import stix2
from typer.testing import CliRunner

from forewarn.analyse.export import ExportFilter, export
from forewarn.cli.app import app
from forewarn.store import Store
from warning_fixtures import corpus


@pytest.fixture
def store(db_url: str):
    s = Store(db_url)
    for analysis in corpus():
        s.save_analysis(analysis)
    yield s
    s.close()


def test_csv_and_json_count_a_reported_threat_once(store: Store, tmp_path: Path) -> None:
    assert export(store, "csv", tmp_path / "t.csv") == 4  # six reports, four threats
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8"))))
    may = next(r for r in rows if r["report_count"] == "3")
    assert may["speaker"] == "Hamid al-Rubaie" and may["target"] == "Yusuf Karami"
    assert may["sources"] == "Sardana Daily; Gulf Wire; Levant Post"
    assert may["first_published"] == "2024-05-11"
    assert export(store, "json", tmp_path / "t.json", ExportFilter(target="Saffar")) == 1
    [only] = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert only["target"] == "Adel Saffar" and only["doc_ids"] == ["f_daily"]
    assert export(store, "json", tmp_path / "late.json", ExportFilter(since="2024-06-01")) == 1


def test_stix_bundle_validates_and_maps_threats(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    assert export(store, "stix", out) == 4
    # parsing validates every object against the STIX 2.1 specification (no custom content)
    bundle = stix2.parse(out.read_text(encoding="utf-8"), allow_custom=False)
    assert bundle.type == "bundle"
    by_type: dict[str, list] = {}
    for obj in bundle.objects:
        assert obj.spec_version == "2.1"
        by_type.setdefault(obj.type, []).append(obj)
    actors = {o.name for o in by_type["threat-actor"]}
    assert {"Hamid al-Rubaie", "Kadhim al-Zaidi", "Liwa al-Thar"} <= actors
    identities = {o.name: o for o in by_type["identity"]}
    assert identities["Yusuf Karami"].identity_class == "individual"
    assert identities["Liwa al-Thar"].identity_class == "organization"
    targets = [r for r in by_type["relationship"] if r.relationship_type == "targets"]
    assert len(targets) == 4
    ids = {o.id: o for o in bundle.objects}
    may = next(r for r in targets if len(r.external_references) == 3)
    assert ids[may.source_ref].name == "Hamid al-Rubaie" and ids[may.target_ref].name == "Yusuf Karami"
    assert {ref.source_name for ref in may.external_references} == {"Sardana Daily", "Gulf Wire", "Levant Post"}
    assert "multiplied" in may.description
    attributed = [r for r in by_type["relationship"] if r.relationship_type == "attributed-to"]
    assert all(ids[r.source_ref].type == "threat-actor" and ids[r.target_ref].type == "identity" for r in attributed)
    assert any(r.relationship_type == "related-to" and ids[r.target_ref].name == "Liwa al-Thar"
               for r in by_type["relationship"])  # fmt: skip
    reports = {r.external_references[0].external_id: r for r in by_type["report"]}
    assert set(reports) == {"a_daily", "b_wire", "c_post", "d_daily", "e_wire", "f_daily"}
    assert may.id in reports["b_wire"].object_refs
    assert reports["b_wire"].external_references[0].url == "https://b_wire.example/a"
    # every reference resolves inside the bundle
    for obj in bundle.objects:
        for ref in [getattr(obj, "source_ref", None), getattr(obj, "target_ref", None), *obj.get("object_refs", [])]:
            assert ref is None or ref in ids
    # the same store exported again gives the same ids (receivers update, not duplicate)
    export(store, "stix", tmp_path / "again.json")
    again = stix2.parse((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert {o.id for o in again.objects} == set(ids)


def test_graphml_and_gexf_threat_network(store: Store, tmp_path: Path) -> None:
    export(store, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.nodes["A1"]["label"] == "Hamid al-Rubaie"
    edge = graph.edges["A1", "A2"]
    assert edge["kind"] == "threat" and edge["threats"] == 2 and edge["reports"] == 4
    assert graph.edges["A1", "A3"]["kind"] == "member"
    assert graph.edges["A4", "A2"]["threats"] == 1
    assert graph.nodes["A2"]["threats_received"] == 3
    export(store, "gexf", tmp_path / "g.gexf", ExportFilter(speaker="Zaidi"))
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert set(gexf.nodes) == {"A4", "A2"}
    assert gexf.nodes["A4"]["label"] == "Kadhim al-Zaidi"


def test_analysis_jsonl_follows_the_format(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    export(store, "jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == sorted(r["doc_id"] for r in records)
    assert len(records) == 6
    texts = {a.document.doc_id: a.document.text for a in corpus()}
    for record in records:
        for threat in record["threats"]:
            for span in [threat["evidence"], *threat["evidence_spans"]]:
                assert texts[record["doc_id"]][span["start"] : span["end"]] == span["text"]
            assert threat["speaker"]["actor_id"].startswith("A")
    f = next(r for r in records if r["doc_id"] == "f_daily")
    assert f["threats"][0]["target"]["name"] == "Adel Saffar"
    export(store, "jsonl", out, ExportFilter(target="Saffar"))
    assert [json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["f_daily"]


def test_export_command(store: Store, db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cli.stix.json"
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "stix", "--out", str(out), "--target", "Karami"])
    assert result.exit_code == 0, result.output
    assert "3 threats" in result.output
    stix2.parse(out.read_text(encoding="utf-8"), allow_custom=False)
    bad = runner.invoke(app, ["export", "--db", db_url, "--format", "xml", "--out", str(out)])
    assert bad.exit_code != 0
