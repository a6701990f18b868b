"""Web archives (WARC and ARC, plain or gzipped) read record by record with warcio.

An archive of a crawl may hold millions of records and many gigabytes: it is never loaded
whole. Each HTML, text or JSON page captured (a `response` or `resource` record) becomes a
document through the same reading as a download (`documents_from_bytes`: encodings, main
text by trafilatura, limits); requests, metadata, images, scripts and styles are passed
over, as are captures of redirects and errors (not pages). The page's URL is the document's
URL and gives it a stable id; the capture time is kept in the metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from forewarn.ingest.options import IngestOptions
from forewarn.model import Document, IngestError

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# captured media types read as documents; everything else in a crawl is passed over
_DOCUMENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/json",
    "application/x-ndjson",
    "application/ld+json",
)
_RECORD_TYPES = ("response", "resource")


def is_web_archive(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, options: IngestOptions) -> Iterator[Document | IngestError]:
    """The documents of the web archive at `path`, in archive order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    pages = 0
    end = 0  # where the last whole record ends: short of the file's size, the archive was cut off
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle, arc2warc=True)
            for record in records:
                page = _page(record)
                if page is not None:
                    pages += 1
                    yield from _documents(record, *page, f"{source}#{pages}", options)
                records.read_to_end()
                end = records.get_record_offset() + records.get_record_length()
        size = path.stat().st_size
        if end < size:
            yield IngestError(
                source=source,
                reason=f"web archive cut off or damaged: {size - end:,} bytes after the last whole record unread",
                doc_id=path.stem,
            )
    except ArchiveLoadFailed as exc:
        yield IngestError(source=source, reason=f"not a readable web archive: {exc}", doc_id=path.stem)
    except OSError as exc:  # an unreadable file
        yield IngestError(source=source, reason=f"cannot read web archive: {exc}", doc_id=path.stem)
    except Exception as exc:  # a damaged record: keep what came before, report the rest
        yield IngestError(
            source=source,
            reason=f"web archive damaged after {pages} pages: {type(exc).__name__}: {exc}",
            doc_id=path.stem,
        )


def _page(record: Any) -> tuple[str | None, str | None] | None:
    """(URL, content type) of a captured page; None for everything else in a crawl."""
    if record.rec_type not in _RECORD_TYPES:
        return None
    if record.http_headers is not None:
        if not record.http_headers.get_statuscode().startswith("2"):
            return None  # redirects, not-founds and server errors are not pages
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media_type = (content_type or "").partition(";")[0].strip().lower()
    if media_type and media_type not in _DOCUMENT_TYPES:
        return None
    return record.rec_headers.get_header("WARC-Target-URI"), content_type


def _documents(
    record: Any, url: str | None, content_type: str | None, where: str, options: IngestOptions
) -> Iterator[Document | IngestError]:
    from forewarn.ingest.reader import documents_from_bytes

    limit = options.max_bytes
    stream = record.content_stream()
    content = stream.read(limit + 1) if limit else stream.read()
    if limit and len(content) > limit:
        reason = f"{url or where}: record too large: over {limit:,} bytes (limit max_bytes={limit:,})"
        yield IngestError(source=where, reason=reason, doc_id=None)
        return
    for item in documents_from_bytes(content, url=url, content_type=content_type, options=options):
        if isinstance(item, IngestError):
            yield IngestError(source=where, reason=f"{url or where}: {item.reason}", doc_id=item.doc_id)
            continue
        item.source_path = where
        item.metadata["format"] = f"web archive ({item.metadata.get('format') or 'page'})"
        for header, key in (("WARC-Date", "captured"), ("WARC-Record-ID", "warc_record_id")):
            value = record.rec_headers.get_header(header)
            if value:
                item.metadata[key] = value
        yield item
