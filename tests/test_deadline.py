"""The time limit on one document's extraction (issue 7: time per document is a limit too)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from forewarn.engine.deadline import DocumentTimeout, doc_timeout, time_limit

ARTICLE = (
    "Militia leader threatens governor\n\n"
    "KUT, 14 March 2024 — Sheikh Haidar al-Zubaidi threatened Governor Salim Hamdan on Wednesday.\n\n"
    "\u201cIf Hamdan does not release our men by Friday, we will storm his palace,\u201d al-Zubaidi said.\n"
)


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_time_limit_interrupts_a_long_extraction() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout, match=r"longer than 0\.05 s"), time_limit(0.05):
        _spin(5)
    assert time.monotonic() - started < 1.0


def test_time_limit_lets_quick_work_through_and_zero_turns_it_off() -> None:
    with time_limit(2.0):
        _spin(0.01)
    with time_limit(0):
        _spin(0.01)


def test_time_limit_in_a_worker_thread_checks_at_the_end() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.01):
                _spin(0.05)
        except DocumentTimeout as exc:
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert len(errors) == 1


def test_doc_timeout_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOREWARN_DOC_TIMEOUT", "7.5")
    assert doc_timeout() == 7.5
    monkeypatch.setenv("FOREWARN_DOC_TIMEOUT", "soon")
    assert doc_timeout() == 120.0


def test_analyze_records_a_timed_out_document_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "kut.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    forewarn = Path(sys.executable).with_name("forewarn")
    run = subprocess.run(
        [str(forewarn), "analyze", str(folder), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "FOREWARN_DOC_TIMEOUT": "0.000001"},
        timeout=300,
    )
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 1 and "timed out" in rows[0]["error"], rows
