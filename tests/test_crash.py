"""Crash safety (issue 7.2): a real `forewarn analyze` process killed with SIGKILL mid-run,
twice, then resumed, ends with the same store and the same analysis JSONL as a run that
was never interrupted: no document twice, no fact lost, no error recorded twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from forewarn.cli.app import app
from store_dump import dump_store

# fictional people, groups and places; several documents share actors, so that resolution
# across documents (and its stored context) matters after a restart
SPEAKERS = [
    ("Dorin Vasko", "the Northern Shield militia", "Kavala"),
    ("Ilan Brek", "the Red Dawn Front", "Tarrow"),
    ("Mara Toleva", "the Iron Hand brigade", "Selvik"),
    ("Pavel Grusin", "the Eastern Guard", "Dornau"),
]
TARGETS = ["Governor Elena Marsh", "Judge Anton Reiss", "Mayor Lidia Kostas", "the journalist Sami Oran"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _article(n: int) -> str:
    speaker, group, town = SPEAKERS[n % len(SPEAKERS)]
    target = TARGETS[(n // 2) % len(TARGETS)]
    day = DAYS[n % len(DAYS)]
    surname = speaker.split()[-1]
    return (
        f"{town.upper()}, {n % 27 + 1} March 2025 - {speaker}, a commander of {group}, warned on {day} that "
        f'{target} would "pay with blood" if the checkpoint outside {town} stayed open. '
        f'"We will burn the offices of {target.split()[-1]} to the ground," {surname} told supporters.\n\n'
        f"Police in {town} said two men were arrested near the town hall on {day} evening. "
        f"{target} called the threats cowardly and said the vote would go ahead.\n"
    )


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "wires").mkdir(parents=True)
    for n in range(24):
        (corpus / "wires" / f"wire-{n:03d}.txt").write_text(_article(n), encoding="utf-8")
    with (corpus / "posts.jsonl").open("w", encoding="utf-8") as handle:
        for n in range(24, 36):
            handle.write(json.dumps({"id": f"post-{n}", "text": _article(n), "date": "2025-03-20"}) + "\n")
    (corpus / "wires" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return corpus


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _env() -> dict[str, str]:
    # the driver process prints to a pipe nobody reads until the end: keep it short
    return {**os.environ, "COLUMNS": "100", "TERM": "dumb"}


def _run_and_kill(corpus: Path, db: str, out: Path, *, resume: bool, kill_after_lines: int) -> None:
    """Start `forewarn analyze` in its own process; SIGKILL it once `out` has that many more lines."""
    forewarn = [sys.executable, "-c", "from forewarn.cli.app import main; main()"]
    command = [*forewarn, "analyze", str(corpus), "--db", db, "--out", str(out)]
    if resume:
        command.append("--resume")
    start_lines = _lines(out)
    log = out.with_suffix(".log")
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=_env())
        try:
            deadline = time.monotonic() + 120
            while _lines(out) < start_lines + kill_after_lines:
                if process.poll() is not None:
                    raise AssertionError(f"run ended before it could be killed: {log.read_text()[-2000:]}")
                if time.monotonic() > deadline:
                    raise AssertionError("run made no progress")
                time.sleep(0.02)
            os.kill(process.pid, signal.SIGKILL)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_killed_runs_resume_to_the_uninterrupted_result(tmp_path: Path, db_url: str, new_db_url) -> None:
    corpus = _corpus(tmp_path)
    baseline_db, baseline_out = new_db_url(), tmp_path / "baseline.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", baseline_db, "--out", str(baseline_out)])
    assert result.exit_code == 1, result.output  # the broken file is an error record
    baseline_lines = baseline_out.read_text(encoding="utf-8").splitlines()
    assert len(baseline_lines) == 37

    out = tmp_path / "killed.jsonl"
    _run_and_kill(corpus, db_url, out, resume=False, kill_after_lines=4)
    _run_and_kill(corpus, db_url, out, resume=True, kill_after_lines=9)
    killed = dump_store(db_url)
    assert 0 < len(killed["documents"]) < 36  # really interrupted

    result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", db_url, "--out", str(out), "--resume"])
    assert result.exit_code == 1, result.output
    assert "already analysed (skipped)" in result.output

    assert out.read_text(encoding="utf-8").splitlines() == baseline_lines
    resumed, baseline = dump_store(db_url), dump_store(baseline_db)
    assert len(resumed["errors"]) == 1
    assert len(resumed["documents"]) == 36
    assert resumed == baseline

    # one more resume finds nothing to do and changes nothing
    result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", db_url, "--out", str(out), "--resume"])
    assert "0 documents analysed" in result.output and "36 already analysed" in result.output
    assert out.read_text(encoding="utf-8").splitlines() == baseline_lines
    assert dump_store(db_url) == baseline
