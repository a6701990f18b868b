"""Threat-assessment briefs on an actor of the example corpus: HTML, PDF and a PNG
screenshot in tests/output/ (git-ignored) to look at."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.analyse.brief import build_brief, render_html, render_pdf, render_png
from forewarn.cli.app import app
from forewarn.pipeline import analyse_paths
from forewarn.store import Store

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "tests" / "output"
HAS_CHROMIUM = any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('brief') / 'corpus.db'}"
    with Store(url) as store:
        result = analyse_paths([ROOT / "examples" / "corpus"], store)
        assert result.analyses
    return url


def test_brief_on_the_prime_minister(corpus_db: str) -> None:
    with Store(corpus_db) as store:
        brief = build_brief(store, "al-Fadhili", today=date(2023, 11, 6))
    assert brief.name == "Haidar al-Fadhili"
    assert brief.threats, "the corpus threatens the prime minister"
    assert brief.score.score > 0 and brief.series[-1].day == date(2023, 11, 6)
    assert brief.summary[0].startswith("On 06 November 2023 the escalation score of Haidar al-Fadhili is")
    html = render_html(brief)
    assert html.count("<svg") == 1 and "http://www.w3.org/2000/svg" in html
    assert "Threats against Haidar al-Fadhili" in html and "Actors behind the threats" in html
    assert "sword of the resistance" in html  # the quote itself, with its source
    assert "01_kag_drone_strike" in html
    assert not re.search(r"<(script|link)\b", html)  # self-contained: nothing fetched when opened
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "brief_fadhili.html").write_text(html, encoding="utf-8")
    if not HAS_CHROMIUM:
        pytest.skip("no Chromium on this machine: the PDF and PNG renderings need it")
    render_png(html, OUTPUT / "brief_fadhili.png", height=1500)
    png = (OUTPUT / "brief_fadhili.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    render_pdf(html, OUTPUT / "brief_fadhili.pdf")
    assert (OUTPUT / "brief_fadhili.pdf").read_bytes().startswith(b"%PDF")


def test_brief_command(corpus_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "nouri.html"
    result = runner.invoke(app, ["brief", "Faris Nouri", "--out", str(out), "--db", corpus_db, "--today", "2023-12-12"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Faris Nouri" in html and "Ja&#39;far al-Lami" in html
    missing = runner.invoke(app, ["brief", "Nobody At All", "--out", str(out), "--db", corpus_db])
    assert missing.exit_code == 1
