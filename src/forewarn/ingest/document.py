"""Build `Document`s from text or HTML already in memory."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from forewarn.ingest.debris import find_ignored
from forewarn.ingest.decode import DecodeError, decode_bytes
from forewarn.ingest.headers import detect_published, detect_title, parse_date
from forewarn.model import Document

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class IngestFailed(ValueError):
    """A document cannot be built; `str(error)` is the human-readable reason."""


def read_text_document(
    text: str,
    doc_id: str,
    *,
    source_path: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    default_published: str | None = None,
    language: str | None = None,
    metadata: Mapping[str, object] | None = None,
) -> Document:
    """A `Document` for `text`, kept verbatim, with debris ranges, title and date filled in.

    Explicit arguments win. Otherwise the title is the first line when it reads like a
    headline, and the date comes from a dateline among the first lines, else
    `default_published`. `published` may be any date string; one that does not parse
    is kept as `metadata["published_raw"]`.
    """
    meta: dict[str, object] = dict(metadata or {})
    ignored = find_ignored(text)
    content = _without_ranges(text, ignored)

    iso: str | None = None
    if published is not None:
        iso = parse_date(published)
        if iso:
            meta.setdefault("date_source", "metadata")
        else:
            meta.setdefault("published_raw", published)
    if iso is None:
        iso, raw = detect_published(content)
        if iso:
            meta.setdefault("date_source", "dateline")
            meta.setdefault("dateline", raw)
        elif raw:
            meta.setdefault("published_raw", raw)
    if iso is None and default_published:
        iso = parse_date(default_published)
        if iso:
            meta.setdefault("date_source", "default")

    if title is not None:
        title = title.strip() or None
    if title is None:
        title = detect_title(content)

    return Document(
        doc_id=doc_id,
        text=text,
        title=title,
        published=iso,
        url=url or None,
        source=source or None,
        source_path=source_path,
        language=language or "en",
        ignored=ignored,
        metadata=meta,
    )


def _without_ranges(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with debris blanked out (same length), for title/dateline detection only."""
    if not ranges:
        return text
    chars = list(text)
    for start, end in ranges:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def read_html_document(
    html: str | bytes,
    doc_id: str,
    *,
    url: str | None = None,
    published: str | None = None,
    source_path: str | None = None,
    default_published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    max_nesting: int = 0,
    timeout: float = 0,
) -> Document:
    """A `Document` from an HTML page: main text via trafilatura, boilerplate removed.

    Paragraphs are separated by blank lines. Title, date, site name and canonical URL
    come from the page's metadata unless given. Raises `IngestFailed` when the page has
    no extractable text, when its elements nest deeper than `max_nesting`, or when the
    extraction takes longer than `timeout` seconds (0: no limit).
    """
    if isinstance(html, bytes):
        try:
            html, encoding = decode_bytes(html, html=True)
        except DecodeError as exc:
            raise IngestFailed(str(exc)) from None
    else:
        encoding = None
    html = html.removeprefix("\ufeff")
    if not html.strip():
        raise IngestFailed("empty HTML page")
    if max_nesting:
        depth = html_nesting(html, stop_above=max_nesting)
        if depth > max_nesting:
            raise IngestFailed(f"HTML nested too deeply: over {max_nesting:,} levels of elements (limit max_nesting)")
    extracted = _with_timeout(lambda: _trafilatura(html, url), timeout, "extracting the text of the HTML page")
    body = extracted.get("text") or ""
    text = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    if not text:
        raise IngestFailed("trafilatura found no article text in the HTML page")

    page_date = extracted.get("date")
    meta: dict[str, object] = {"format": "html"}
    if encoding:
        meta["encoding"] = encoding
    for key in ("author", "hostname", "description", "categories", "tags", "language"):
        value = extracted.get(key)
        if value:
            meta[key] = value
    chosen_published = published
    if chosen_published is None and page_date:
        chosen_published = str(page_date)
    document = read_text_document(
        text,
        doc_id,
        source_path=source_path,
        published=chosen_published,
        url=url or extracted.get("url") or None,
        title=title or extracted.get("title") or None,
        source=source or extracted.get("sitename") or extracted.get("hostname") or None,
        default_published=default_published,
        metadata=meta,
    )
    if not _without_ranges(text, document.ignored).strip():
        raise IngestFailed("trafilatura found no article text in the HTML page (only boilerplate)")
    if published is None and page_date and document.metadata.get("date_source") == "metadata":
        document.metadata["date_source"] = "html"
    return document


# elements that never hold others, or whose end tag may be left out: they add no depth
_FLAT_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen "
    "p li dt dd tr td th thead tbody tfoot option optgroup rp rt colgroup caption html head body".split()
)
_HTML_SKIP_RE = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|textarea)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_HTML_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")


def html_nesting(html: str, *, stop_above: int | None = None) -> int:
    """How deep the elements of `html` nest, counted from its tags as written (elements
    with optional end tags and void elements are not counted, unclosed ones are).

    Computed before parsing: lxml silently cuts documents off at 255 levels and some
    parsers recurse, so a page of 100,000 nested <div>s is refused up front. With
    `stop_above`, counting stops once the depth exceeds it.
    """
    if html.count("<") <= (stop_above or 0):
        return 0  # cannot nest deeper than it has tags
    depth = deepest = 0
    for match in _HTML_TAG_RE.finditer(_HTML_SKIP_RE.sub(" ", html)):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT_ELEMENTS:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if stop_above is not None and deepest > stop_above:
                break
    return deepest


def _with_timeout(work: Callable[[], _T], timeout: float, what: str) -> _T:
    """`work()`, or IngestFailed when it takes longer than `timeout` seconds (0: no limit).

    The work runs in a daemon thread that is abandoned on timeout: Python cannot stop a
    thread, but the run goes on with the next document and the thread ends when the
    parser returns (or with the process)."""
    if not timeout:
        return work()
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name="forewarn-html-parse", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise IngestFailed(f"timed out {what}: over {timeout:g} s (limit parse_timeout)")
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _trafilatura(html: str, url: str | None) -> dict[str, Any]:
    import trafilatura  # heavy import, only when HTML is met

    kwargs: dict[str, Any] = {
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
        "include_formatting": False,
        "deduplicate": False,
        # dates from markup only: the extensive search guesses "2023-01-01" from "© 2023"
        "date_extraction_params": {"extensive_search": False, "original_date": True},
    }
    result = None
    for favor_recall in (False, True):
        try:
            result = trafilatura.bare_extraction(html, favor_recall=favor_recall, **kwargs)
        except Exception as exc:  # trafilatura/lxml errors on malformed pages
            log.debug("trafilatura failed: %s", exc)
            result = None
        data = _as_dict(result)
        if data.get("text"):
            return data
    return _as_dict(result)


def _as_dict(result: object) -> dict[str, Any]:
    if result is None:
        return {}
    if isinstance(result, dict):
        return result
    as_dict = getattr(result, "as_dict", None)
    if callable(as_dict):
        return dict(as_dict())
    return {key: getattr(result, key, None) for key in ("text", "title", "date", "url", "sitename")}
