"""Options of the ingest stage, including the limits that keep hostile input from hurting a run.

Every limit turns an input past it into an `IngestError` (the run carries on); see
docs/limits.md. Limits can be set in code, by `forewarn analyze` options, or by environment
variables (`IngestOptions.from_env`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

# environment variable -> IngestOptions field, for the limits
LIMIT_ENV: dict[str, str] = {
    "FOREWARN_MAX_BYTES": "max_bytes",
    "FOREWARN_MAX_LINE_CHARS": "max_line_chars",
    "FOREWARN_MAX_NESTING": "max_nesting",
    "FOREWARN_PARSE_TIMEOUT": "parse_timeout",
}


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
    # --- limits (0 turns a limit off) ---
    # bytes of one file, download or upload; checked before the file is read
    max_bytes: int = 20_000_000
    # characters of the longest line of a document's text: prose has paragraphs, a
    # megabyte-long line is a dump, minified data or an attack on the parser
    max_line_chars: int = 1_000_000
    # depth of JSON values and of HTML elements (deeper input is refused before parsing)
    max_nesting: int = 256
    # seconds for extracting the text of one HTML page (trafilatura)
    parse_timeout: float = 30.0
    # --- reading ---
    published: str | None = None  # default publication date (ISO) when the document gives none
    # "keep": Document.text is the decoded file verbatim (the default).
    # "universal": "\r\n" and "\r" become "\n", as Python's text mode (Path.read_text) does.
    newlines: Literal["keep", "universal"] = "keep"
    strip_bom: bool = True  # drop a leading byte-order mark (U+FEFF) from decoded text
    skip_readme: bool = True  # when walking folders, skip README*/LICENSE* files (corpus docs)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> IngestOptions:
        """Options with limits from `FOREWARN_MAX_BYTES`, `FOREWARN_MAX_LINE_CHARS`,
        `FOREWARN_MAX_NESTING` and `FOREWARN_PARSE_TIMEOUT`; `overrides` that are not None win
        (so CLI options left unset fall back to the environment, then to the defaults)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        types = {f.name: f.type for f in fields(cls)}
        for variable, name in LIMIT_ENV.items():
            raw = env.get(variable, "").strip()
            if not raw:
                continue
            try:
                values[name] = float(raw) if types[name] == "float" else int(raw.replace("_", ""))
            except ValueError:
                raise ValueError(f"{variable} must be a number, not {raw!r}") from None
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values).checked()

    def checked(self) -> IngestOptions:
        """These options, after checking the limits are not negative."""
        for name in ("max_bytes", "max_line_chars", "max_nesting", "parse_timeout"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0 (0 turns the limit off), not {getattr(self, name)}")
        return self

    def with_limits(self, **limits: Any) -> IngestOptions:
        return replace(self, **{key: value for key, value in limits.items() if value is not None}).checked()
