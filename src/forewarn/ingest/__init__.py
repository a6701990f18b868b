"""Ingest: files and folders -> `Document`s (or `IngestError`s).

Text, Markdown, HTML (main text via trafilatura), JSON and JSONL are read; anything else
is sniffed. The text of a document is kept exactly as decoded (only a byte-order mark
is dropped), so every later span offset points into the original. Scraper debris
("[ad_1]", share buttons, cookie notices) is not removed but listed in
`Document.ignored`. Title and publication date are taken from metadata where the
format has it, else from the first lines of the text.

    for item in iter_documents(["news/", "posts.jsonl"], IngestOptions(published="2024-03-01")):
        if isinstance(item, IngestError):
            print("skipped", item.source, item.reason)

Bytes already in memory (a download, an upload) go through `document_from_bytes`; URLs are
fetched with `forewarn.ingest.fetch.fetch_url`, which refuses private addresses (no SSRF):

    result = fetch_url("https://news.example/story")
    item = document_from_bytes(result.content, url=result.final_url,
                               content_type=result.headers.get("content-type"), options=IngestOptions())

Limits (size, line length, nesting, parse time) are `IngestOptions` fields; see docs/limits.md.
"""

from __future__ import annotations

from forewarn.ingest.debris import find_ignored
from forewarn.ingest.decode import DecodeError, decode_bytes
from forewarn.ingest.document import IngestFailed, read_html_document, read_text_document
from forewarn.ingest.headers import detect_published, detect_title, parse_date
from forewarn.ingest.options import IngestOptions, JsonFields
from forewarn.ingest.reader import document_from_bytes, documents_from_bytes, iter_documents

__all__ = [
    "DecodeError",
    "IngestFailed",
    "IngestOptions",
    "JsonFields",
    "decode_bytes",
    "detect_published",
    "detect_title",
    "document_from_bytes",
    "documents_from_bytes",
    "find_ignored",
    "iter_documents",
    "parse_date",
    "read_html_document",
    "read_text_document",
]
