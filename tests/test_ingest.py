"""Tests of forewarn.ingest: formats, decoding, errors, debris ranges, title and date."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from forewarn.ingest import (
    IngestFailed,
    IngestOptions,
    JsonFields,
    detect_published,
    detect_title,
    find_ignored,
    iter_documents,
    parse_date,
    read_html_document,
    read_text_document,
)
from forewarn.model import Document, IngestError

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Militia commander warns governor | The Harbor Ledger</title>
<meta property="og:site_name" content="The Harbor Ledger">
<meta property="og:title" content="Militia commander warns governor">
<meta property="article:published_time" content="2023-05-14T08:00:00Z">
<link rel="canonical" href="https://harborledger.example/news/militia-commander">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Militia commander warns governor</h1>
<p>The commander of the river brigade said on Saturday that the governor "will pay a heavy
price" if police raids on the brigade's offices in the northern districts continue.</p>
<p>He added: “We know the road to his house, and so do our men.” Officials in the capital
condemned the remarks as reckless and said the governor would not be intimidated.</p>
<p>The provincial council is due to meet on Monday to discuss the security situation in the
northern districts and the budget for the coming year.</p>
</article></main>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<footer><p>© 2023 The Harbor Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def _docs(items: list[Document | IngestError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def _errors(items: list[Document | IngestError]) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def _one(path: Path, options: IngestOptions | None = None) -> Document | IngestError:
    items = list(iter_documents([path], options or IngestOptions()))
    assert len(items) == 1, items
    return items[0]


# --- plain text ---------------------------------------------------------------------


def test_txt_text_is_exact_utf8_content(tmp_path: Path) -> None:
    raw = (
        "Governor receives threat\r\n"
        "Nov 07, 2021\r\n\r\n"
        "  Indented line with trailing spaces   \n"
        "Tabs\there, a non-breaking\u00a0space, curly “quotes” and an em dash — kept.\r"
        "Last line without newline"
    )
    path = tmp_path / "story-01.txt"
    path.write_bytes(raw.encode("utf-8"))
    document = _one(path)
    assert isinstance(document, Document)
    assert document.text == path.read_bytes().decode("utf-8")
    assert document.doc_id == "story-01"
    assert document.source_path == str(path)
    assert document.title == "Governor receives threat"
    assert document.published == "2021-11-07"


def test_utf8_bom_is_stripped_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline here\n\nBody text.\n")
    document = _one(path)
    assert isinstance(document, Document)
    assert document.text == "Headline here\n\nBody text.\n"
    keep = _one(path, IngestOptions(strip_bom=False))
    assert isinstance(keep, Document)
    assert keep.text == "\ufeffHeadline here\n\nBody text.\n"


def test_universal_newlines_option(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Line one\r\nLine two\rLine three\n")
    assert _one(path).text == "Line one\r\nLine two\rLine three\n"  # type: ignore[union-attr]
    document = _one(path, IngestOptions(newlines="universal"))
    assert isinstance(document, Document)
    assert document.text == "Line one\nLine two\nLine three\n"


def test_md_and_text_suffixes(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("# Ministers trade warnings\n\nSome *markdown* body.\n", "utf-8")
    (tmp_path / "plain.text").write_text("Plain body only, no headline here.\n", "utf-8")
    docs = _docs(list(iter_documents([tmp_path])))
    assert [d.doc_id for d in docs] == ["note", "plain"]
    assert docs[0].title == "Ministers trade warnings"
    assert docs[0].text.startswith("# Ministers")
    assert docs[1].title is None  # a sentence with a final period is not a headline


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "notes.log").write_text("Harbor Ledger wire\nA plain text file.\n", "utf-8")
    (tmp_path / "blob.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "NOSUFFIX").write_text("Text without any suffix.\n", "utf-8")
    items = list(iter_documents([tmp_path]))
    by_id = {item.doc_id: item for item in items}
    assert isinstance(by_id["notes"], Document)
    assert isinstance(by_id["NOSUFFIX"], Document)
    assert isinstance(by_id["blob"], IngestError)
    assert "binary" in by_id["blob"].reason


# --- decoding -----------------------------------------------------------------------


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Minister’s warning\n\nقال الوزير إن الحكومة سترد.\n"
    for name, data in (
        ("le.txt", text.encode("utf-16")),  # native order with BOM
        ("be.txt", b"\xfe\xff" + text.encode("utf-16-be")),
        ("le2.txt", b"\xff\xfe" + text.encode("utf-16-le")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        document = _one(path)
        assert isinstance(document, Document), document
        assert document.text == text
        assert document.metadata["encoding"] == "utf-16"


def test_windows_1256_arabic(tmp_path: Path) -> None:
    text = (
        "Baghdad, 7 November 2021\n"
        "قال زعيم الفصيل إن الحكومة ستدفع ثمنا باهظا إذا استمرت المداهمات في بغداد.\n"
        "وأضاف أن الفصائل لن تسكت على اعتقال عناصرها، وحذر من رد قاس.\n"
    )
    path = tmp_path / "arabic.txt"
    path.write_bytes(text.encode("cp1256"))
    document = _one(path)
    assert isinstance(document, Document), document
    assert document.text == text
    assert document.metadata["encoding"] == "cp1256"
    assert document.published == "2021-11-07"


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a déclaré à Montréal que la fête était terminée. Ça suffit, a-t-il dit.\n",
        "Der Minister sagte, dass die Straße gesperrt wird. Über Nacht wurden Grüße ausgetauscht.\n",
        "El ministro dijo que la situación en Cádiz es peligrosa; añadió que no habrá diálogo.\n",
    ],
)
def test_latin1(tmp_path: Path, text: str) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    document = _one(path)
    assert isinstance(document, Document), document
    assert document.text == text


def test_windows_1252_smart_quotes(tmp_path: Path) -> None:
    text = "The senator said “we will respond” — and he meant it… €5 million.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    document = _one(path)
    assert isinstance(document, Document)
    assert document.text == text


def test_binary_png_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(200)))
    error = _one(path)
    assert isinstance(error, IngestError)
    assert error.doc_id == "photo"
    assert error.source == str(path)
    assert "binary" in error.reason and "PNG" in error.reason


def test_binary_pdf_and_nul_bytes(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "nul.txt").write_bytes(b"some text\x00\x00\x01\x02 more")
    errors = _errors(list(iter_documents([tmp_path])))
    assert sorted(e.doc_id for e in errors) == ["nul", "report"]  # type: ignore[type-var]
    assert all("binary" in e.reason for e in errors)


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\r\n  \n")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n")
    errors = _errors(list(iter_documents([tmp_path])))
    assert len(errors) == 3
    assert all("empty" in e.reason for e in errors)


def test_oversize_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, "utf-8")
    error = _one(path, IngestOptions(max_bytes=100))
    assert isinstance(error, IngestError)
    assert "too large" in error.reason
    assert error.doc_id == "big"
    assert isinstance(_one(path, IngestOptions(max_bytes=1000)), Document)


def test_missing_path(tmp_path: Path) -> None:
    error = _one(tmp_path / "nope.txt")
    assert isinstance(error, IngestError)
    assert "no such file" in error.reason


# --- folders --------------------------------------------------------------------------


def test_folder_recursion_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.\n", "utf-8")
    (tmp_path / "a" / "one.txt").write_text("One.\n", "utf-8")
    (tmp_path / "a" / "deep" / "zero.md").write_text("Zero.\n", "utf-8")
    (tmp_path / "c.txt").write_text("C.\n", "utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n", "utf-8")
    (tmp_path / ".git" / "HEAD.txt").write_text("ref\n", "utf-8")
    (tmp_path / "README.md").write_text("# About this corpus\n", "utf-8")
    ids = [item.doc_id for item in iter_documents([tmp_path])]
    assert ids == ["zero", "one", "two", "c"]
    assert ids == [item.doc_id for item in iter_documents([str(tmp_path)])]  # deterministic
    with_readme = [i.doc_id for i in iter_documents([tmp_path], IngestOptions(skip_readme=False))]
    assert "README" in with_readme


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_and_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x.txt").write_text("X.\n", "utf-8")
    try:
        (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
        (folder / "alias.txt").symlink_to(folder / "sub" / "x.txt")
    except OSError:
        pytest.skip("cannot create symlinks here")
    items = list(iter_documents([folder, folder / "sub" / "x.txt"]))
    assert len(items) == 1  # the loop is not followed twice; the same file is read once
    assert isinstance(items[0], Document)


# --- HTML -----------------------------------------------------------------------------


def test_html_via_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "commander.html"
    path.write_text(ARTICLE_HTML, "utf-8")
    document = _one(path)
    assert isinstance(document, Document), document
    assert document.doc_id == "commander"
    assert document.title == "Militia commander warns governor"
    assert document.published == "2023-05-14"
    assert document.source == "The Harbor Ledger"
    assert document.url == "https://harborledger.example/news/militia-commander"
    assert "“We know the road to his house, and so do our men.”" in document.text
    assert "\n\n" in document.text  # paragraphs separated by blank lines
    for boilerplate in ("Share on Facebook", "All rights reserved", "Privacy policy", "Sport"):
        assert boilerplate not in document.text


def test_html_suffixes_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.htm").write_text(ARTICLE_HTML, "utf-8")
    (tmp_path / "b.xhtml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + ARTICLE_HTML, "utf-8")
    docs = _docs(list(iter_documents([tmp_path])))
    assert [d.doc_id for d in docs] == ["a", "b"]
    document = read_html_document(ARTICLE_HTML.encode("utf-8"), "x", url="https://example.org/x")
    assert document.url == "https://example.org/x"
    assert document.title == "Militia commander warns governor"


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", "utf-8")
    error = _one(path)
    assert isinstance(error, IngestError)
    assert "no article text" in error.reason
    with pytest.raises(IngestFailed):
        read_html_document("<html><body></body></html>", "x")


def test_html_default_published(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('<meta property="article:published_time" content="2023-05-14T08:00:00Z">', "")
    path = tmp_path / "nodate.html"
    path.write_text(html, "utf-8")
    document = _one(path, IngestOptions(published="2020-01-02"))
    assert isinstance(document, Document)
    assert document.published == "2020-01-02"  # not a guess from "© 2023"
    assert document.metadata["date_source"] == "default"


# --- JSON / JSONL ---------------------------------------------------------------------


def test_jsonl_with_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    lines = [
        json.dumps({"id": "post-a", "title": "First", "published": "2024-03-02", "text": "Alpha text."}),
        '{"id": "post-b", "text": "unterminated',
        "",
        json.dumps({"title": "No id", "date": "March 3, 2024", "text": "Gamma text.", "url": "https://x.example/g"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(iter_documents([path]))
    assert len(items) == 3
    first, broken, third = items
    assert isinstance(first, Document) and first.doc_id == "post-a"
    assert first.published == "2024-03-02" and first.title == "First"
    assert first.source_path == f"{path}:1"
    assert isinstance(broken, IngestError)
    assert f"{path}:2" in broken.reason and broken.source == f"{path}:2"
    assert isinstance(third, Document)
    assert third.doc_id == "posts-3"  # third record (blank line skipped)
    assert third.source_path == f"{path}:4"
    assert third.published == "2024-03-03"
    assert third.url == "https://x.example/g"


def test_json_list_and_single_object(tmp_path: Path) -> None:
    records = [
        {"doc_id": 17, "headline": "H1", "body": "Body one.", "outlet": {"name": "Daily Example"}},
        {"content": "Body two.", "pubdate": 1636243200, "lang": "ar"},
    ]
    (tmp_path / "batch.json").write_text(json.dumps(records), "utf-8")
    (tmp_path / "single.json").write_text(json.dumps({"id": "abc", "text": "Only one."}), "utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": "Wrapped."}]}), "utf-8")
    docs = _docs(list(iter_documents([tmp_path])))
    by_id = {d.doc_id: d for d in docs}
    assert set(by_id) == {"17", "batch-2", "single", "wrapped-1"}
    assert by_id["17"].title == "H1" and by_id["17"].source == "Daily Example"
    assert by_id["batch-2"].published == "2021-11-07" and by_id["batch-2"].language == "ar"
    assert by_id["single"].metadata["record_id"] == "abc"


def test_json_wrong_fields(tmp_path: Path) -> None:
    (tmp_path / "wrong.json").write_text(json.dumps({"headline": "x", "summary": "no text"}), "utf-8")
    (tmp_path / "notjson.json").write_text("{not json", "utf-8")
    (tmp_path / "scalar.json").write_text("42", "utf-8")
    items = list(iter_documents([tmp_path]))
    assert all(isinstance(item, IngestError) for item in items)
    by_id = {item.doc_id: item.reason for item in items}
    assert "no text field" in by_id["wrong"]
    assert "invalid JSON" in by_id["notjson"]
    assert "not an object" in by_id["scalar"]


def test_json_custom_fields_and_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"key": "k1", "msg": "Hello.", "when": "sometime soon"}) + "\n", "utf-8")
    options = IngestOptions(json_fields=JsonFields(text=("msg",), id=("key",), date=("when",)), published="2022-02-02")
    document = _one(path, options)
    assert isinstance(document, Document)
    assert document.doc_id == "k1"
    assert document.metadata["published_raw"] == "sometime soon"
    assert document.published == "2022-02-02"


# --- debris ---------------------------------------------------------------------------

DEBRIS_TEXT = """Militia leader threatens minister
[ad_1]
BAGHDAD, Nov 7, 2021 — The leader said "we will reach you". [ad_2]
Advertisement
ADVERTISEMENT
  Share this:\u0020\u0020
Share on Facebook
Click to share on Twitter (Opens in new window)
Tweet
Related Articles
Read more: Militia chief vows revenge after drone strike
We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.
Subscribe to our newsletter for the latest updates\r
The advertisement campaign was criticised by the opposition.
He said he would share this with the police and tweet about it.
Sign up for the draft, the commander told young men, or face the consequences.
(c) any person who threatens a public servant commits an offence.
The end."""

EXPECTED_DEBRIS = [
    "[ad_1]",
    "[ad_2]",
    "Advertisement",
    "ADVERTISEMENT",
    "Share this:",
    "Share on Facebook",
    "Click to share on Twitter (Opens in new window)",
    "Tweet",
    "Related Articles",
    "Read more: Militia chief vows revenge after drone strike",
    "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
    "Subscribe to our newsletter for the latest updates",
]


def test_debris_ranges() -> None:
    ranges = find_ignored(DEBRIS_TEXT)
    assert [DEBRIS_TEXT[s:e] for s, e in ranges] == EXPECTED_DEBRIS
    assert ranges == sorted(ranges)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ranges))


def test_debris_in_document_keeps_text(tmp_path: Path) -> None:
    path = tmp_path / "debris.txt"
    path.write_bytes(DEBRIS_TEXT.encode("utf-8"))
    document = _one(path)
    assert isinstance(document, Document)
    assert document.text == DEBRIS_TEXT
    assert [document.text[s:e] for s, e in document.ignored] == EXPECTED_DEBRIS
    assert document.title == "Militia leader threatens minister"
    assert document.published == "2021-11-07"


def test_no_debris_in_prose() -> None:
    prose = (
        "The minister warned that advertisement revenue was falling.\n"
        "Share prices fell after the threat to profits became clear.\n"
        "Related talks will resume on Monday, the spokesman said.\n"
        "Read the statement carefully, he told reporters.\n"
    )
    assert find_ignored(prose) == []


# --- title and date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Nov 07, 2021", "2021-11-07"),
        ("10 November 2021", "2021-11-10"),
        ("Nov 7, 2021 - World", "2021-11-07"),
        ("By Jane Roe | February 14, 2018 | 4:33am EST", "2018-02-14"),
        ("March 3, 2024 at 10:15 am", "2024-03-03"),
        ("BAGHDAD, 7 November 2021 — The minister said the talks would continue.", "2021-11-07"),
        ("Published: 2021-11-07T10:00:00Z", "2021-11-07"),
        ("Posted on Sept. 5, 2020 by admin", "2020-09-05"),
    ],
)
def test_dateline_formats(line: str, iso: str) -> None:
    text = f"Some headline\n{line}\n\nBody."
    assert detect_published(text)[0] == iso
    assert read_text_document(text, "d").published == iso


def test_dates_in_prose_are_not_datelines() -> None:
    text = (
        "Court hears threat case\n"
        "The attack on March 3, 2019 killed four people in the north, officials said on Saturday.\n"
    )
    assert detect_published(text) == (None, None)
    assert read_text_document(text, "d", default_published="2024-01-01").published == "2024-01-01"


def test_relative_and_yearless_dates_refused() -> None:
    for value in ("today", "yesterday", "2 days ago", "Nov 7", "2021", "garbage"):
        assert parse_date(value) is None, value
    assert parse_date("November 2021") == "2021-11-01"
    assert parse_date("07.11.2021") == "2021-11-07"
    assert parse_date(1636243200) == "2021-11-07"
    assert parse_date("Sun, 07 Nov 2021 10:00:00 GMT") == "2021-11-07"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Militia leader threatens minister", "Militia leader threatens minister"),
        ("“We will find you,” commander tells governor", "“We will find you,” commander tells governor"),
        ("## Talks collapse in Washington, D.C.", "Talks collapse in Washington, D.C."),
        ("The minister said on Monday that talks would resume next week.", None),
        ("Nov 07, 2021", None),
        ("By Jane Roe | February 14, 2018", None),
        ("INTERVIEWER: Thank you for joining us", None),
        ("Gov. Nouri vows to jail militia commander", "Gov. Nouri vows to jail militia commander"),
        ("Date set for trial of militia leader", "Date set for trial of militia leader"),
        ("By Megan Tillotson", None),
        ("Minister resigns. Party in turmoil", None),
        ("x" * 250, None),
    ],
)
def test_title_detection(first_line: str, title: str | None) -> None:
    assert detect_title(f"\n\n{first_line}\nBody text follows.\n") == title


def test_explicit_arguments_win() -> None:
    text = "Headline in text\nNov 07, 2021\n\nBody."
    document = read_text_document(text, "x", title="Given", published="2020-02-02", source="Outlet")
    assert (document.title, document.published, document.source) == ("Given", "2020-02-02", "Outlet")
    unparsable = read_text_document(text, "x", published="someday")
    assert unparsable.published == "2021-11-07"
    assert unparsable.metadata["published_raw"] == "someday"


def test_unparsable_dateline_kept_raw() -> None:
    text = "Headline\nNov 31, 2021\n\nBody."
    document = read_text_document(text, "x")
    assert document.published is None
    assert document.metadata.get("published_raw") == "Nov 31, 2021"


# --- the example corpus ---------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="example corpus not present")
def test_example_corpus_ingests_cleanly() -> None:
    items = list(iter_documents([CORPUS]))
    assert _errors(items) == []
    docs = _docs(items)
    ids = [d.doc_id for d in docs]
    assert "README" not in ids
    assert len(ids) == len(set(ids)) >= 14
    assert {"kag-statement-1017", "moi-post-1018", "mna-1018-bridges"} <= set(ids)
    for document in docs:
        assert document.published, document.doc_id
        assert document.title, document.doc_id
        for start, end in document.ignored:
            assert document.text[start:end].strip() == document.text[start:end]
        if document.source_path and document.source_path.endswith((".txt", ".md")):
            assert document.text == Path(document.source_path).read_bytes().decode("utf-8")
    by_id = {d.doc_id: d for d in docs}
    scraped = by_id["12_obeidi_warns_factions"]
    ignored = [scraped.text[s:e] for s, e in scraped.ignored]
    assert "[ad_1]" in ignored and "Tweet" in ignored
    assert any(piece.startswith("Read more:") for piece in ignored)
