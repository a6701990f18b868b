"""Distributed analysis: a local Dask cluster of two worker processes gives exactly what one
process gives, on the example corpus (the analysis JSONL byte for byte, and the store)."""

from __future__ import annotations

from pathlib import Path

import dask
from typer.testing import CliRunner

from forewarn.cli.app import app, example_corpus
from forewarn.engine import ExtractionFailed, open_extractor
from forewarn.model import Document
from store_dump import dump_store

runner = CliRunner()


def test_two_dask_workers_equal_one_process(tmp_path: Path) -> None:
    corpus = example_corpus()
    # storage is the driver's, the same code whatever the engine: SQLite is enough here
    single_db, cluster_db = f"sqlite:///{tmp_path / 'single.db'}", f"sqlite:///{tmp_path / 'cluster.db'}"
    single_out, cluster_out = tmp_path / "single.jsonl", tmp_path / "cluster.jsonl"

    result = runner.invoke(app, ["analyze", str(corpus), "--db", single_db, "--out", str(single_out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        ["analyze", str(corpus), "--db", cluster_db, "--out", str(cluster_out), "--engine", "dask", "--workers", "2"],
    )
    assert result.exit_code == 0, result.output
    assert "local Dask cluster of 2 workers" in result.output

    single_lines = single_out.read_text(encoding="utf-8").splitlines()
    assert len(single_lines) >= 15 and '"threats": [{' in single_out.read_text(encoding="utf-8")
    assert cluster_out.read_text(encoding="utf-8") == single_out.read_text(encoding="utf-8")
    single, cluster = dump_store(single_db), dump_store(cluster_db)
    assert len(single["threats"]) > 10 and len(single["actors"]) > 20
    # the same actors with the same ids, the same mentions, threats and merge records
    assert cluster == single


def test_cluster_reports_a_failing_document_and_carries_on() -> None:
    good = Document(
        doc_id="good", text="Militia leader Omar Said said on Monday they would kill the judge Hana Kareem."
    )
    # a document whose analysis raises on the worker: a text the parser cannot take
    bad = Document(doc_id="bad", text="x" * 10)
    bad.ignored = [("not", "a range")]  # type: ignore[list-item]
    with open_extractor("dask", workers=1, batch_size=2) as extractor:
        results = list(extractor.extract([good, bad, good]))
    assert [d.doc_id for d, _ in results] == ["good", "bad", "good"]
    assert isinstance(results[1][1], ExtractionFailed)
    first = results[0][1]
    assert not isinstance(first, Exception)
    assert first.document is good  # the text stayed with the driver and is put back
    assert any("kill" in t.evidence.text for t in first.threats)


def test_engine_options_are_checked(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    for args, message in [
        (["--engine", "ray"], "Dask"),
        (["--workers", "2"], "--engine dask"),
        (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
    ]:
        result = runner.invoke(app, ["analyze", str(tmp_path), "--db", db, *args])
        assert result.exit_code == 2, result.output
        assert message in result.output


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nothing happened on Monday.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(
            app, ["analyze", str(tmp_path), "--db", db, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
        )
    assert result.exit_code == 2, result.output
    assert "cannot start the dask engine" in result.output
