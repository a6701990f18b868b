"""Large inputs are streamed: JSONL line by line, web archives record by record, and the
pipeline pulls documents one batch at a time; interrupted output files are resumed."""

from __future__ import annotations

import gzip
import io
import json
import threading
from collections.abc import Iterator
from itertools import count, islice
from pathlib import Path

from spacy.language import Language
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from forewarn.cli.analyze import estimate_total
from forewarn.cli.app import app
from forewarn.ingest import IngestOptions, iter_documents
from forewarn.model import Document, DocumentAnalysis, IngestError
from forewarn.pipeline import ResumeState, Skipped, analyse_stream, open_resumed_output
from forewarn.store import Store

THREAT = (
    "TARROW, 4 May 2025 — Ilan Brek, the leader of the Red Dawn Front, threatened Judge Anton Reiss on Sunday "
    "after police arrested two of the group's fighters."
)
QUOTE = '"If Reiss does not free our men by Friday, we will burn his court to the ground," Brek said in a video.'
QUIET = "The Tarrow council approved the budget for the new library on Monday after a short debate."


def _record(n: int) -> str:
    return json.dumps({"id": f"rec-{n}", "text": f"{QUIET} Item {n}.", "date": "2025-05-05"})


def test_jsonl_is_read_line_by_line_past_the_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    huge_line = json.dumps({"id": "huge", "text": "word " * 5000})
    with path.open("w", encoding="utf-8") as handle:
        for n in range(400):
            handle.write(_record(n) + "\n")
            if n == 200:
                handle.write(huge_line + "\n")
    options = IngestOptions(max_bytes=10_000)  # the file is 8 times larger than one file may be
    assert path.stat().st_size > 8 * options.max_bytes
    items = list(iter_documents([path], options))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.doc_id for d in documents] == [f"rec-{n}" for n in range(400)]
    assert documents[7].source_path == f"{path}:8"
    (error,) = errors
    assert "line too large" in error.reason and error.source == f"{path}:202"


def test_jsonl_records_are_read_as_they_are_asked_for(tmp_path: Path) -> None:
    """The reader holds one line: lines appended after the first record was taken are read."""
    path = tmp_path / "live.jsonl"
    path.write_text(_record(0) + "\n", encoding="utf-8")
    items = iter_documents([path], IngestOptions())
    first = next(items)
    assert isinstance(first, Document) and first.doc_id == "rec-0"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(_record(1) + "\n" + _record(2) + "\n")
    assert [i.doc_id for i in items] == ["rec-1", "rec-2"]


def test_blank_jsonl_and_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_bytes(b"\n \n")
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + _record(5).encode() + b"\n")
    items = list(iter_documents([tmp_path], IngestOptions()))
    assert isinstance(items[0], IngestError) and "empty" in items[0].reason
    assert isinstance(items[1], Document) and items[1].doc_id == "rec-5"


def _warc(path: Path) -> None:
    with path.open("wb") as raw:
        writer = WARCWriter(raw, gzip=True)

        def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test crawler"}))
        page = f"<html><head><title>Threat to judge</title></head><body><article><p>{THREAT}</p><p>{QUOTE}</p>"
        page += f"<p>{QUIET}</p></article></body></html>"
        response("https://news.example/tarrow/judge", page.encode("utf-8"), "text/html; charset=utf-8")
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        response("https://news.example/old", b"<html>gone</html>", "text/html", status="404 Not Found")
        request = StatusAndHeaders("GET /feed HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/feed", "request", http_headers=request))
        response("https://news.example/notes.txt", QUIET.encode("cp1252"), "text/plain; charset=windows-1252")
        response("https://news.example/empty", b"<html><body></body></html>", "text/html")


def test_web_archive_records_become_documents(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    items = list(iter_documents([archive], IngestOptions()))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.url for d in documents] == ["https://news.example/tarrow/judge", "https://news.example/notes.txt"]
    page, notes = documents
    assert "burn his court to the ground" in page.text
    assert page.title == "Threat to judge"
    assert page.doc_id.startswith("url-") and page.source_path == f"{archive}#1"
    assert page.metadata["captured"] and page.metadata["format"].startswith("web archive")
    assert notes.text.strip() == QUIET
    # the empty page is reported; images, requests, the 404 and the crawl info are not pages
    (error,) = errors
    assert error.source == f"{archive}#3" and "https://news.example/empty" in error.reason


def test_damaged_web_archive_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    data = archive.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = list(iter_documents([cut], IngestOptions()))
    assert isinstance(items[0], Document) and "Reiss" in items[0].text
    assert isinstance(items[-1], IngestError)
    (tmp_path / "fake.warc").write_bytes(gzip.compress(b"PK\x03\x04 a zip file\n"))
    (error,) = list(iter_documents([tmp_path / "fake.warc"], IngestOptions()))
    assert isinstance(error, IngestError) and "web archive" in error.reason


def test_analyze_a_web_archive(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    db, out = f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "w.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(archive), "--db", db, "--out", str(out)])
    assert result.exit_code == 1, result.output  # the empty page is an error record
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (page,) = [r for r in records if r.get("url") == "https://news.example/tarrow/judge"]
    (threat,) = page["threats"]
    assert threat["speaker"]["name"] == "Ilan Brek" and "Reiss" in threat["target"]["name"]
    with Store(db) as store:
        view = store.document(page["doc_id"])
        assert view is not None
        ev = view.threats[0].evidence
        assert view.text[ev.start : ev.end] == ev.text


def test_pipeline_pulls_documents_as_it_goes(tmp_path: Path, nlp: Language) -> None:
    """An endless stream of documents: the first outcomes come out, so nothing is gathered first."""
    pulled = 0

    def endless() -> Iterator[Document]:
        nonlocal pulled
        for n in count():
            pulled += 1
            yield Document(doc_id=f"d{n}", text=f"{QUIET} Item {n}.")

    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        first = list(islice(analyse_stream(endless(), store, nlp=nlp, batch_size=4), 6))
    assert [o.document.doc_id for o in first if isinstance(o, DocumentAnalysis)] == [f"d{n}" for n in range(6)]
    assert pulled <= 8  # two batches of four


def test_resume_skips_finished_documents_and_redoes_changed_ones(tmp_path: Path, nlp: Language) -> None:
    docs = [Document(doc_id=f"d{n}", text=f"{QUIET} Item {n}.") for n in range(5)]
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        list(analyse_stream(docs[:3], store, nlp=nlp))
        changed = Document(doc_id="d1", text=f"{QUIET} Item one, corrected.")
        items = [docs[0], changed, docs[2], IngestError(source="x.bin", reason="binary"), docs[3], docs[4]]
        outcomes = list(analyse_stream(items, store, nlp=nlp, resume=ResumeState()))
        assert [type(o).__name__ for o in outcomes] == [
            "Skipped",
            "DocumentAnalysis",
            "Skipped",
            "IngestError",
            "DocumentAnalysis",
            "DocumentAnalysis",
        ]
        skipped = [o for o in outcomes if isinstance(o, Skipped)]
        assert [(s.doc_id, s.count) for s in skipped] == [("d0", 1), ("d2", 1)]
        # the error is recorded once however often the run is resumed
        list(analyse_stream(items, store, nlp=nlp, resume=ResumeState()))
        assert len(store.errors()) == 1
        assert store.document("d1").text.endswith("corrected.")  # type: ignore[union-attr]


def test_resumed_output_drops_the_line_cut_by_the_crash(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    whole = [{"doc_id": "a", "threats": []}, {"doc_id": None, "error": "binary", "source": "x.bin"}]
    out.write_text("".join(json.dumps(r) + "\n" for r in whole) + '{"doc_id": "b", "thr', encoding="utf-8")
    handle, state = open_resumed_output(out)
    handle.write(json.dumps({"doc_id": "b", "threats": []}) + "\n")
    handle.close()
    assert state.written is not None and "a" in state.written and "b" not in state.written
    assert ("x.bin", "binary") in state.written_errors
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", None, "b"]


def test_total_is_counted_without_reading_documents(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for n in range(5):
        (tmp_path / "a" / f"{n}.txt").write_text(QUIET, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(QUIET, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text("\n".join(_record(n) for n in range(7)), encoding="utf-8")
    stop = threading.Event()
    assert estimate_total([tmp_path], stop) == 12
    _warc(tmp_path / "crawl.warc.gz")
    assert estimate_total([tmp_path], stop) is None  # an archive holds any number: no total
