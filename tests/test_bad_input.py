"""Bad input, per document (issue 7.1): a corpus of broken, mis-encoded, huge and hostile files,
built here, goes through the real `forewarn analyze` command.

The bar: no crash; exactly one error record (document, reason) for each bad document, in the
store and in the JSONL output; every good document analysed; a non-zero exit code. Some inputs
that look bad are documents all the same and must be read right (UTF-16 with or without a
byte-order mark, Windows-1256 Arabic, UTF-8 with a few broken bytes, recoverable HTML).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.cli.app import app
from forewarn.ingest import IngestOptions, iter_documents
from forewarn.ingest.options import LIMIT_ENV
from forewarn.model import Document, IngestError
from forewarn.store import Store

ARABIC = (
    "قال قائد الكتيبة إن المحافظ سيدفع ثمنا باهظا إذا استمرت المداهمات على مكاتب الكتيبة.\n"
    "وأدان مسؤولون في العاصمة التصريحات وقالوا إن المحافظ لن يخضع للترهيب.\n"
)
ENGLISH_UTF16 = (
    "Militia commander warns port officials\n\n"
    'The commander of the Red River militia said on Monday that port officials "will pay" '
    "if the customs raids on the militia's warehouses in Harbor City continue.\n"
)
GOOD_DOCS = {
    "good-threat.txt": (
        "Governor threatened over budget vote\n\n"
        '"We will kill Governor Maria Lindqvist if she signs the policing budget," Karl Hessler, '
        "leader of the Iron Front movement, told supporters on Friday.\n\n"
        "Police said they were investigating the remarks.\n"
    ),
    "good-sport.md": (
        "Harbor City wins the cup\n\n"
        "Harbor City beat Northfield 3-1 on Saturday to win the regional cup. The coach said the "
        "team would celebrate with fans at the stadium on Sunday.\n"
    ),
    "good-crlf.txt": (
        "Mayor receives letter\r\n\r\n"
        "The mayor of Eastport, Daniel Okafor, received a letter saying his office would be burned "
        "down unless he resigned, police said on Tuesday.\r\n"
    ),
}
GOOD_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Judge threatened</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Judge threatened</h1>
<p>A spokesman for the Northern Liberation Army said on Wednesday that Judge Samuel Reyes would
"pay with his life" if the group's leader is convicted at the trial in Port Said.</p>
<p>The court said security around the judge had been increased.</p></article>
<footer>© 2024 The Daily Ledger</footer></body></html>"""
# unclosed and mis-nested tags, a stray end tag, an unterminated comment: browsers and lxml recover
BROKEN_MARKUP_HTML = """<html><head><title>Minister warned</title><body><div><p>The interior minister,
Lena Varga, said on Thursday that the smuggling gangs of the eastern border <b>would be crushed
<i>without mercy</b></i> if they attacked another customs post.<p>Officials said two customs
posts had been attacked this month.</span></div></table><div><p>Border guards were put on alert
in the eastern provinces after the attacks on the posts near the river crossings.
<!-- an unterminated comment"""


@dataclass(frozen=True)
class Bad:
    """A bad input and a word its error reason must contain."""

    name: str
    reason: str


def _write_corpus(root: Path) -> tuple[list[Bad], list[str]]:
    """Write the corpus; return the bad inputs (one error record each) and the doc ids that
    must be analysed."""
    rng = random.Random(7)
    bad: list[Bad] = []
    good: list[str] = []

    def add_bad(name: str, data: bytes, reason: str) -> None:
        (root / name).write_bytes(data)
        bad.append(Bad(name, reason))

    for name, text in GOOD_DOCS.items():
        (root / name).write_bytes(text.encode("utf-8"))
        good.append(Path(name).stem)
    (root / "good-page.html").write_text(GOOD_HTML, "utf-8")
    good.append("good-page")
    (root / "good-record.json").write_text(
        json.dumps({"id": "rec-1", "title": "Envoy warned", "text": GOOD_DOCS["good-threat.txt"]}), "utf-8"
    )
    good.append("good-record")

    # --- decodable after all: analysed, not errors
    (root / "utf16-bom.txt").write_bytes(ENGLISH_UTF16.encode("utf-16"))  # BOM + little-endian
    (root / "utf16-le-no-bom.txt").write_bytes(ENGLISH_UTF16.encode("utf-16-le"))
    (root / "utf16-be-no-bom.txt").write_bytes(ENGLISH_UTF16.encode("utf-16-be"))
    (root / "arabic-cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    # UTF-8 with a truncated character and a stray byte: the rest of the text is worth reading
    damaged = GOOD_DOCS["good-threat.txt"].replace("Lindqvist", "Lindqvíst").encode("utf-8")
    (root / "damaged-utf8.txt").write_bytes(
        damaged.replace(b"Friday", b"Fri\xe2\x80day").replace(b"Police", b"\xffPolice")
    )
    (root / "broken-markup.html").write_text(BROKEN_MARKUP_HTML, "utf-8")
    good += ["utf16-bom", "utf16-le-no-bom", "utf16-be-no-bom", "arabic-cp1256", "damaged-utf8", "broken-markup"]

    # --- bad: one error record each
    add_bad("empty.txt", b"", "empty")
    add_bad("blank.md", b" \r\n\t\n  \n", "empty")
    add_bad("random.bin", bytes(rng.randrange(256) for _ in range(4096)), "binary")
    add_bad(
        "garbage.txt", bytes(rng.randrange(0x80, 0x100) if rng.random() < 0.7 else 0x41 for _ in range(4096)), "binary"
    )
    add_bad("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(512)), "PNG")
    add_bad("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(300), "PDF")
    add_bad("tag-soup.html", b"<<<>>><div <p <<script>>> </ </ >" * 20, "no article text")
    nested = "<html><body>" + "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000 + "</body></html>"
    add_bad("nested-divs.html", nested.encode(), "nested too deeply")
    add_bad("nested.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply")
    add_bad(
        "wrong-fields.json",
        json.dumps({"headline_text": "Envoy warned", "when": "yesterday"}).encode(),
        "no text field",
    )
    add_bad("not-json.json", b'{"text": "unterminated', "invalid JSON")
    add_bad("one-line.txt", b"threat " * (10_000_000 // 7 + 1), "line too long")
    # 50 MB of ordinary text: refused from its size, without being read
    with (root / "huge.txt").open("wb") as handle:
        line = b"The council met on Monday to discuss the harbor budget and the new ferry timetable.\n"
        handle.write(line * (50_000_000 // len(line) + 1))
    bad.append(Bad("huge.txt", "too large"))
    # a loop of symbolic links: a -> b -> a
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    bad += [Bad("loop-a.txt", "symbolic links"), Bad("loop-b.txt", "symbolic links")]

    # JSONL: good lines analysed, each broken line one error record
    lines = [
        json.dumps(
            {"id": "feed-1", "text": "The rebel spokesman said the army would be destroyed if it entered the valley."}
        ),
        '{"id": "feed-2", "text": "cut off in the middle',
        json.dumps({"id": "feed-3", "text": "Protesters gathered outside parliament on Monday, police said."}),
        "not json at all",
        json.dumps(["a", "list", "not", "an", "object"]),
        json.dumps({"id": "feed-6", "body": 42}),  # a text field of the wrong type
        json.dumps({"id": "feed-7", "content": "A journalist in Eastport received death threats, her editor said."}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    good += ["feed-1", "feed-3", "feed-7"]
    bad += [Bad("feed.jsonl:2", "invalid JSON"), Bad("feed.jsonl:4", "invalid JSON")]
    bad += [Bad("feed.jsonl:5", "not an object"), Bad("feed.jsonl:6", "not a string")]
    return bad, good


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Bad], list[str]]]:
    if not hasattr(os, "symlink"):
        pytest.skip("symbolic links are not available")
    root = tmp_path_factory.mktemp("bad-corpus")
    bad, good = _write_corpus(root)
    yield root, bad, good
    for big in ("huge.txt", "one-line.txt", "nested-divs.html", "nested.json"):  # pytest keeps tmp dirs
        (root / big).unlink(missing_ok=True)


def _source_name(source: str) -> str:
    return Path(source).name


def test_bad_corpus_through_forewarn_analyze(
    corpus: tuple[Path, list[Bad], list[str]], db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, bad, good = corpus
    for variable in LIMIT_ENV:
        monkeypatch.delenv(variable, raising=False)
    out = tmp_path / "analysis.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(root), "--db", db_url, "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output  # some documents failed

    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    errors = {_source_name(r["source"]): r["error"] for r in records if "error" in r}
    analysed = {r["doc_id"]: r for r in records if "error" not in r}

    # exactly one error record per bad input, with the reason
    error_sources = [_source_name(r["source"]) for r in records if "error" in r]
    assert sorted(error_sources) == sorted(b.name for b in bad), error_sources
    for item in bad:
        assert item.reason in errors[item.name], (item.name, errors[item.name])
    assert "max_bytes=20,000,000" in errors["huge.txt"]
    assert "max_line_chars=1,000,000" in errors["one-line.txt"]
    assert "max_nesting" in errors["nested-divs.html"] and "max_nesting" in errors["nested.json"]

    # every good document analysed, and nothing else
    assert sorted(analysed) == sorted(good)
    with Store(db_url) as store:
        stored_errors = store.errors()
        assert sorted(_source_name(e.source) for e in stored_errors) == sorted(error_sources)
        assert all(e.reason for e in stored_errors)
        assert sorted(store.documents()) == sorted(analysed)

        # the mis-encoded documents came out right
        arabic = store.document("arabic-cp1256")
        assert arabic is not None and arabic.text == ARABIC
        for doc_id in ("utf16-bom", "utf16-le-no-bom", "utf16-be-no-bom"):
            view = store.document(doc_id)
            # `analyze` keeps a byte-order mark in the text (offsets count it, as in the file)
            assert view is not None and view.text.removeprefix("\ufeff") == ENGLISH_UTF16, doc_id
        damaged = store.document("damaged-utf8")
        assert damaged is not None
        assert "Fri\ufffdday" in damaged.text and "\ufffdPolice" in damaged.text and "Lindqvíst" in damaged.text
        assert "crushed" in (store.document("broken-markup").text)  # type: ignore[union-attr]
        # the threat in the good document was found: the run really analysed
        assert any(t.doc_id == "good-threat" for t in store.threats())
    assert "errors" in result.output


def test_limits_are_configurable(
    corpus: tuple[Path, list[Bad], list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _, _ = corpus
    monkeypatch.setenv("FOREWARN_MAX_BYTES", "100")
    options = IngestOptions.from_env()
    item = next(iter_documents([root / "good-threat.txt"], options))
    assert isinstance(item, IngestError) and "max_bytes=100" in item.reason
    # the limits can be lifted (0) or raised
    lifted = IngestOptions.from_env(max_bytes=0, max_line_chars=20_000_000)
    assert lifted.max_bytes == 0
    nested = tmp_path / "nested-300.json"
    nested.write_text("[" * 300 + "]" * 300, "utf-8")
    refused = next(iter_documents([nested], IngestOptions()))
    assert isinstance(refused, IngestError) and "300 levels (limit max_nesting=256)" in refused.reason
    parsed = next(iter_documents([nested], IngestOptions(max_nesting=1000)))
    assert isinstance(parsed, IngestError) and "not an object" in parsed.reason  # read, then rejected
    # past the parser's own recursion limit: still an error record, not a crash
    very_deep = next(iter_documents([root / "nested.json"], IngestOptions(max_nesting=0)))
    assert isinstance(very_deep, IngestError) and "nested too deeply" in very_deep.reason
    with pytest.raises(ValueError, match="FOREWARN_MAX_BYTES"):
        IngestOptions.from_env({"FOREWARN_MAX_BYTES": "lots"})
    with pytest.raises(ValueError, match="max_nesting"):
        IngestOptions(max_nesting=-1).checked()


def test_html_parse_timeout(tmp_path: Path) -> None:
    # a long page (trafilatura needs well over a second for it) and a limit of a millisecond
    paragraph = "<p>The council met on Monday to discuss the harbor budget and the new ferry timetable.</p>\n"
    page = tmp_path / "long-page.html"
    page.write_text(f"<html><body><article>{paragraph * 20_000}</article></body></html>", "utf-8")
    item = next(iter_documents([page], IngestOptions(parse_timeout=0.001)))
    assert isinstance(item, IngestError) and "timed out" in item.reason and "parse_timeout" in item.reason
    short = tmp_path / "page.html"
    short.write_text(GOOD_HTML, "utf-8")
    assert isinstance(next(iter_documents([short], IngestOptions(parse_timeout=30))), Document)


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(iter_documents([tmp_path]))
    assert len(items) == 1 and isinstance(items[0], IngestError) and "not a regular file" in items[0].reason


def test_limits_on_the_command_line(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in LIMIT_ENV:
        monkeypatch.delenv(variable, raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "short.txt").write_text(GOOD_DOCS["good-threat.txt"], "utf-8")
    (corpus / "long.txt").write_text(GOOD_DOCS["good-threat.txt"] * 20, "utf-8")
    (corpus / "deep.json").write_text(json.dumps({"text": "The minister spoke.", "extra": [[[[["x"]]]]]}), "utf-8")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    args = ["analyze", str(corpus), "--db", db_url, "--out", str(out), "--max-bytes", "2000", "--max-nesting", "4"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    errors = {
        Path(r["source"]).name: r["error"] for r in map(json.loads, out.read_text("utf-8").splitlines()) if "error" in r
    }
    assert set(errors) == {"long.txt", "deep.json"}
    assert "max_bytes=2,000" in errors["long.txt"] and "max_nesting=4" in errors["deep.json"]

    # the same limits from the environment; a limit of 0 is no limit
    monkeypatch.setenv("FOREWARN_MAX_BYTES", "2000")
    result = runner.invoke(app, ["analyze", str(corpus), "--db", db_url, "--out", str(out), "--max-nesting", "0"])
    assert result.exit_code == 1, result.output
    errors = {Path(r["source"]).name for r in map(json.loads, out.read_text("utf-8").splitlines()) if "error" in r}
    assert errors == {"long.txt"}
    result = runner.invoke(app, ["analyze", str(corpus), "--db", db_url, "--max-bytes", "-5"])
    assert result.exit_code == 2 and "max_bytes" in result.output


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    """A 50 GB file (sparse: it takes no disk) is refused from its size; reading it would take
    minutes and all the memory."""
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 2**30)
    item = next(iter_documents([huge]))
    assert isinstance(item, IngestError)
    assert item.reason == "too large: 53,687,091,200 bytes (limit max_bytes=20,000,000)"
