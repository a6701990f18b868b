"""Command-line options for the ingest limits (docs/limits.md), shared by every command that reads input.

    @app.command()
    def analyze(..., max_bytes: MaxBytesOption = None, max_line_chars: MaxLineCharsOption = None,
                max_nesting: MaxNestingOption = None, parse_timeout: ParseTimeoutOption = None):
        options = ingest_options(published=published, max_bytes=max_bytes, max_line_chars=max_line_chars,
                                 max_nesting=max_nesting, parse_timeout=parse_timeout)

An option left out falls back to its environment variable, then to the default.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from forewarn.ingest import IngestOptions

MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        envvar="FOREWARN_MAX_BYTES",
        help="largest file read, in bytes; larger ones are error records (default 20,000,000; 0: no limit)",
        show_default=False,
    ),
]
MaxLineCharsOption = Annotated[
    int | None,
    typer.Option(
        "--max-line-chars",
        envvar="FOREWARN_MAX_LINE_CHARS",
        help="longest line of a document, in characters (default 1,000,000; 0: no limit)",
        show_default=False,
    ),
]
MaxNestingOption = Annotated[
    int | None,
    typer.Option(
        "--max-nesting",
        envvar="FOREWARN_MAX_NESTING",
        help="deepest nesting of JSON values and HTML elements (default 256; 0: no limit)",
        show_default=False,
    ),
]
ParseTimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--parse-timeout",
        envvar="FOREWARN_PARSE_TIMEOUT",
        help="seconds allowed for extracting the text of one HTML page (default 30; 0: no limit)",
        show_default=False,
    ),
]


def ingest_options(
    *,
    max_bytes: int | None = None,
    max_line_chars: int | None = None,
    max_nesting: int | None = None,
    parse_timeout: float | None = None,
    **other: Any,
) -> IngestOptions:
    """IngestOptions from command-line values (None: environment, then default); `other` are
    further IngestOptions fields (published, newlines, strip_bom...). A negative limit is a usage error."""
    try:
        return IngestOptions.from_env(
            max_bytes=max_bytes,
            max_line_chars=max_line_chars,
            max_nesting=max_nesting,
            parse_timeout=parse_timeout,
            **other,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
