"""Options of the ingest stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class JsonFields:
    """Which JSON keys hold what; each is a tuple of candidate keys tried in order."""

    text: tuple[str, ...] = ("text", "content", "body", "article", "transcript")
    id: tuple[str, ...] = ("id", "doc_id", "uuid")
    date: tuple[str, ...] = ("published", "date", "published_at", "pubdate", "datetime")
    url: tuple[str, ...] = ("url", "link", "source_url")
    title: tuple[str, ...] = ("title", "headline")
    source: tuple[str, ...] = ("source", "outlet", "site", "publisher")
    # raw HTML, run through trafilatura when no text field is present
    html: tuple[str, ...] = ("html", "raw_html", "content_html")
    language: tuple[str, ...] = ("language", "lang")


@dataclass(frozen=True)
class IngestOptions:
    json_fields: JsonFields = field(default_factory=JsonFields)
    max_bytes: int = 20_000_000  # larger files -> IngestError, not a crash
    published: str | None = None  # default publication date (ISO) when the document gives none
    # "keep": Document.text is the decoded file verbatim (the default).
    # "universal": "\r\n" and "\r" become "\n", as Python's text mode (Path.read_text) does.
    newlines: Literal["keep", "universal"] = "keep"
    strip_bom: bool = True  # drop a leading byte-order mark (U+FEFF) from decoded text
    skip_readme: bool = True  # when walking folders, skip README*/LICENSE* files (corpus docs)
