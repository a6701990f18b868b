"""Property-based tests (hypothesis) of ingestion and offsets (issue 7.5).

For any input: decoding never crashes (a document or an error record, nothing else); ingested
text is the input text; every offset the pipeline produces (debris ranges, actor mentions,
threat and event evidence, speaker and target mentions) points at exactly the text it claims,
in the original document, whatever the newlines, byte-order marks, scripts, quotes and debris.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.ingest import DecodeError, IngestOptions, decode_bytes, document_from_bytes, find_ignored
from forewarn.ingest.document import html_nesting
from forewarn.ingest.reader import json_nesting
from forewarn.model import Document, DocumentAnalysis, IngestError, Span
from forewarn.nlp.pipeline import analysis_text

# random examples on every local run (that is how new bugs are found); the same examples in CI,
# so that a landing is never refused by a newly drawn input
FUZZ = settings(
    deadline=None,
    max_examples=60,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)

# any character but lone surrogates (which no encoding can write) and NUL (binary: an error record)
TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")

PEOPLE = [
    "Dorin Vasko",
    "Elena Marsh",
    "Mustafa al-Kadhimi",
    "José Müller-Şahin",
    "Ngozi Okafor",
    "Zhang Wei",
    "Łukasz Żuławski",
    "Sean O'Brien",
    "Ahmad Shāh Massoud",
    "محمد علي",
]
GROUPS = ["the Northern Shield", "the Red Dawn Front", "the Ministry of Interior", "Harakat al-Nujaba"]
PLACES = ["Kavala", "Port Said", "Mosul", "São Paulo", "Zürich"]
TEMPLATES = [
    '"We will kill {b} if the vote goes ahead," {a} said.',
    "“{b} will pay with his life,” {a}, a commander of {g}, told reporters.",
    "‘You will regret this, {b},’ {a} wrote in a letter.",
    "«{b} est un homme mort», a déclaré {a}.",
    '{a} said {b} would "pay a heavy price" unless {g} withdrew.',
    "{a} threatened to bomb the offices of {g} in {p}.",
    "{a}: We will burn your houses, {b}.",
    "Police arrested {a} in {p} on Monday.",
    "{g} claimed the attack on a police post in {p}.",
    "An airstrike hit {p} on Tuesday, killing three people.",
    "{b} condemned the threats and said the election would go ahead.",
    "The weather in {p} was mild for the time of year.",
    "[ad_1]",
    "[ad_2] Advertisement",
    "Share on Facebook",
    "Advertisement",
    "Read more: {a} speaks out »",
    "© 2024 The Harbor Ledger. All rights reserved.",
    "We use cookies to improve your experience. Accept",
    "KAVALA, 2 March 2025 -",
]
SEPARATORS = [" ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\r", "\t", "\u00a0", "  ", "\u2028"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:  # now and then, anything at all
        return draw(st.text(TEXT_CHARS, min_size=1, max_size=40))
    template = draw(st.sampled_from(TEMPLATES))
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=2, unique=True))
    return template.format(a=people[0], b=people[1], g=draw(st.sampled_from(GROUPS)), p=draw(st.sampled_from(PLACES)))


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(sentences(), min_size=1, max_size=8))
    text = ""
    for part in parts:
        text += part + draw(st.sampled_from(SEPARATORS))
    if draw(st.booleans()):
        text = (
            draw(st.sampled_from(["Militia leader warns governor", "# Threats in Kavala", "BREAKING"])) + "\r\n" + text
        )
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text  # a byte-order mark in the text itself
    return text


def _all_spans(analysis: DocumentAnalysis) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = []
    for actor in analysis.actors:
        spans += [(f"mention of {actor.name}", m) for m in actor.mentions]
    for threat in analysis.threats:
        spans += [("threat evidence", s) for s in threat.all_spans()]
        for role, ref in (("speaker", threat.speaker), ("target", threat.target), ("org", threat.speaker_org)):
            if ref is not None and ref.mention is not None:
                spans.append((f"threat {role}", ref.mention))
    for event in analysis.events:
        spans += [("event evidence", s) for s in event.all_spans()]
        for role, ref in (("actor", event.actor), ("target", event.target)):
            if ref is not None and ref.mention is not None:
                spans.append((f"event {role}", ref.mention))
    return spans


# --- decoding ---------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_a_decode_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and encoding
    assert not text.startswith("\ufeff") or not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["text/plain", "text/html", "application/json", None]))
def test_any_bytes_give_documents_or_error_records(data: bytes, content_type: str | None) -> None:
    item = document_from_bytes(data, doc_id="fuzz", content_type=content_type)
    assert isinstance(item, Document | IngestError)
    if isinstance(item, IngestError):
        assert item.reason
    else:
        assert item.text.strip()


@FUZZ
@given(
    st.text(TEXT_CHARS, max_size=300) | articles(),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
    st.sampled_from(["keep", "universal"]),
    st.booleans(),
)
def test_ingested_text_is_the_written_text(text: str, encoding: str, newlines: str, strip_bom: bool) -> None:
    options = IngestOptions(newlines=newlines, strip_bom=strip_bom)  # type: ignore[arg-type]
    data = text.encode(encoding)
    item = document_from_bytes(data, doc_id="fuzz", content_type="text/plain", options=options)
    if encoding in ("utf-16-le", "utf-16-be"):
        return  # without a byte-order mark, UTF-16 is recognised only when the text is mostly ASCII
    if not text.strip() or not text.strip("\ufeff\r\n\t "):
        assert isinstance(item, IngestError | Document)
        return
    assert isinstance(item, Document), item
    written = text
    if encoding != "utf-8" or written.startswith("\ufeff"):
        # a leading U+FEFF, written by the codec or by the text, is a byte-order mark
        written = written.removeprefix("\ufeff")
        if not options.strip_bom:
            written = "\ufeff" + written
    if newlines == "universal":
        written = written.replace("\r\n", "\n").replace("\r", "\n")
    assert item.text == written


@FUZZ
@given(articles())
def test_debris_ranges_are_inside_the_text_and_cover_the_markers(text: str) -> None:
    ranges = find_ignored(text)
    previous_end = -1
    for start, end in ranges:
        assert 0 <= start < end <= len(text)
        assert start > previous_end  # sorted, merged, never overlapping
        previous_end = end
    position = text.find("[ad_1]")
    while position != -1:
        assert any(start <= position and position + 6 <= end for start, end in ranges), position
        position = text.find("[ad_1]", position + 1)


# --- offsets of the analysis -------------------------------------------------------------


@FUZZ
@given(articles(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), st.sampled_from(["keep", "universal"]))
def test_every_span_of_the_analysis_is_the_text_at_its_offsets(
    nlp: Language, text: str, encoding: str, newlines: str
) -> None:
    options = IngestOptions(newlines=newlines, strip_bom=False)  # type: ignore[arg-type]
    item = document_from_bytes(text.encode(encoding), doc_id="fuzz", content_type="text/plain", options=options)
    if isinstance(item, IngestError):
        assert not text.strip("\ufeff \t\r\n\u00a0\u2028")  # only blank input is refused
        return
    document = item
    assert document.ignored == find_ignored(document.text)  # the debris ranges are this text's
    if document.title is not None:
        assert document.title.strip() == document.title and document.title
    analysis = analyse_document(document, nlp(analysis_text(document)))
    for what, span in _all_spans(analysis):
        assert 0 <= span.start <= span.end <= len(document.text), (what, span)
        assert document.text[span.start : span.end] == span.text, (what, span)
    blanked = analysis_text(document)
    for actor in analysis.actors:  # debris is skipped: no actor is found in debris alone
        for mention in actor.mentions:
            assert blanked[mention.start : mention.end].strip(" \ufeff"), (actor.name, mention)


# --- the nesting counters that guard the parsers -----------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=30,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


@FUZZ
@given(json_values, st.booleans())
def test_json_nesting_is_the_depth_of_the_value(value: object, indent: bool) -> None:
    assert json_nesting(json.dumps(value, indent=1 if indent else None, ensure_ascii=False)) == _depth(value)


@FUZZ
@given(st.integers(0, 400), st.text(TEXT_CHARS, max_size=50))
def test_html_nesting_counts_open_elements(depth: int, inner: str) -> None:
    inner = inner.replace("<", "&lt;")
    page = "<html><body>" + "<div><span>" * depth + f"<p>{inner}" + "</span></div>" * depth + "</body></html>"
    assert html_nesting(page) == 2 * depth
    assert html_nesting("<div>" * depth + "<br><img src=x><p>text<li>item") == depth  # void / optional tags
