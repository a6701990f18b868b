"""Walk files and folders and turn every file into `Document`s or `IngestError`s."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate, count
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from forewarn.ingest.decode import DecodeError, decode_bytes, sniff_binary
from forewarn.ingest.document import IngestFailed, read_html_document, read_text_document
from forewarn.ingest.headers import parse_date
from forewarn.ingest.options import IngestOptions, JsonFields
from forewarn.ingest.warc import is_web_archive, read_warc
from forewarn.model import Document, IngestError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# wrapper keys of a JSON object holding a list of records ({"articles": [...]})
_RECORD_LIST_KEYS = (
    "documents",
    "docs",
    "articles",
    "items",
    "records",
    "data",
    "posts",
    "results",
    "entries",
)
# documentation next to a corpus, not documents (IngestOptions.skip_readme)
_SKIPPED_STEMS = frozenset({"readme", "license", "licence", "changelog"})


def iter_documents(
    paths: Iterable[str | Path], options: IngestOptions = IngestOptions()
) -> Iterator[Document | IngestError]:
    """Every document found under `paths` (files or folders), in a deterministic order.

    Folders are walked recursively in sorted order, skipping hidden entries and symlink
    loops; a file reached twice is read once. Problems become `IngestError`s: no
    exception escapes for a bad file.
    """
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    if isinstance(paths, str | Path):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        try:
            files: Iterator[Path | IngestError]
            if path.is_dir():
                files = _walk(path, seen_dirs, options)
            elif path.exists() or path.is_symlink():
                files = iter([path])
            else:
                yield IngestError(source=str(path), reason="no such file or directory", doc_id=path.stem)
                continue
            for file in files:
                if isinstance(file, IngestError):
                    yield file
                    continue
                real = os.path.realpath(file)
                if real in seen_files:
                    continue
                seen_files.add(real)
                yield from _read_file(file, options)
        except OSError as exc:  # unreadable folder
            yield IngestError(source=str(path), reason=f"cannot read: {exc.strerror or exc}", doc_id=None)


def _walk(folder: Path, seen_dirs: set[str], options: IngestOptions) -> Iterator[Path | IngestError]:
    real = os.path.realpath(folder)
    if real in seen_dirs:
        return  # symlink loop, or a folder already walked
    seen_dirs.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestError(source=str(folder), reason=f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue  # hidden files and folders, editor backups
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen_dirs, options)
        elif options.skip_readme and path.stem.lower() in _SKIPPED_STEMS:
            continue
        else:
            yield path


@dataclass(frozen=True)
class _Origin:
    """Where bytes came from: `source` for messages and `source_path`, `stem` for doc ids."""

    source: str
    stem: str

    def __str__(self) -> str:
        return self.source


def _read_file(path: Path, options: IngestOptions) -> Iterator[Document | IngestError]:
    origin = _Origin(str(path), path.stem)
    # web archives record by record and JSONL line by line: files of any size, never read whole
    if is_web_archive(path):
        yield from read_warc(path, options)
        return
    if path.suffix.lower() in JSONL_SUFFIXES and _streamable(path):
        yield from _read_jsonl(origin, _lines(path, options), options)
        return
    try:
        data = _read_bytes(path, options.max_bytes)
    except IngestFailed as exc:
        yield IngestError(source=origin.source, reason=str(exc), doc_id=origin.stem)
        return
    except OSError as exc:
        yield IngestError(source=origin.source, reason=f"cannot read file: {exc.strerror or exc}", doc_id=origin.stem)
        return
    yield from read_data(data, origin, path.suffix.lower(), options)


def read_data(
    data: bytes, origin: _Origin, suffix: str, options: IngestOptions, *, charset: str | None = None
) -> Iterator[Document | IngestError]:
    """The documents in `data` (the bytes of one file or download), read by `suffix`
    (".txt", ".html", ".json", ".jsonl"; anything else is sniffed as text)."""
    source = origin.source
    doc_id = origin.stem
    try:
        if not data:
            raise IngestFailed("empty file")
        if options.max_bytes and len(data) > options.max_bytes:
            raise IngestFailed(f"too large: {len(data):,} bytes (limit max_bytes={options.max_bytes:,})")
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(origin, data, options)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(origin, data, options)
        elif suffix in HTML_SUFFIXES:
            text, encoding = _decode(data, options, html=True, charset=charset)
            document = read_html_document(
                text,
                doc_id,
                source_path=source,
                default_published=options.published,
                max_nesting=options.max_nesting,
                timeout=options.parse_timeout,
            )
            document.metadata["encoding"] = encoding
            yield check_limits(document, options)
        else:
            known = suffix in TEXT_SUFFIXES
            text, encoding = _decode(data, options, html=False, sniff=not known, charset=charset)
            if not text.strip():
                raise IngestFailed("empty file (only whitespace)")
            check_text_limits(text, options)
            document = read_text_document(
                text,
                doc_id,
                source_path=source,
                default_published=options.published,
                metadata={"format": "text" if known else "text (sniffed)", "encoding": encoding},
            )
            yield document
    except (IngestFailed, DecodeError) as exc:
        yield IngestError(source=source, reason=str(exc), doc_id=doc_id)
    except Exception as exc:  # a bug or a library failure: report it, keep going
        yield IngestError(source=source, reason=f"unexpected error: {type(exc).__name__}: {exc}", doc_id=doc_id)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`; a file over `max_bytes` is refused from its size, unread."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block the run, a device never end
        raise IngestFailed("not a regular file (device, FIFO or socket)")
    if max_bytes and info.st_size > max_bytes:
        raise IngestFailed(f"too large: {info.st_size:,} bytes (limit max_bytes={max_bytes:,})")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1) if max_bytes else handle.read()
    if max_bytes and len(data) > max_bytes:  # grew since stat'ed
        raise IngestFailed(f"too large: over {max_bytes:,} bytes (limit max_bytes={max_bytes:,})")
    if not data:
        raise IngestFailed("empty file")
    return data


def _decode(
    data: bytes, options: IngestOptions, *, html: bool, sniff: bool = False, charset: str | None = None
) -> tuple[str, str]:
    if sniff:
        # unknown suffix: text only when it decodes cleanly as Unicode
        kind = sniff_binary(data)
        if kind:
            raise IngestFailed(f"binary file ({kind}), not a text document")
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise IngestFailed("binary file (contains NUL bytes), not a text document")
    text, encoding = decode_bytes(data, html=html, charset=charset)
    if sniff and encoding not in {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"}:
        raise IngestFailed("binary file (unknown suffix and not valid UTF-8/UTF-16 text)")
    if sniff and _has_binary_controls(text):
        raise IngestFailed("binary file (control characters), not a text document")
    if not options.strip_bom and data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        text = "\ufeff" + text
    if options.newlines == "universal":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestFailed("empty file (only whitespace)")
    return text, encoding


def check_text_limits(text: str, options: IngestOptions) -> None:
    """IngestFailed when a line of `text` is longer than `options.max_line_chars`."""
    limit = options.max_line_chars
    if not limit or len(text) <= limit:
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        if end - start > limit:
            raise IngestFailed(
                f"line too long: {end - start:,} characters on one line (limit max_line_chars={limit:,})"
            )
        start = end + 1


def check_limits(document: Document, options: IngestOptions) -> Document:
    """`document` if its text keeps within the limits, else IngestFailed."""
    check_text_limits(document.text, options)
    return document


# a JSON string (escapes included), unrolled so that long strings cost no backtracking
_JSON_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_NON_BRACKETS_RE = re.compile(r"[^\[\]{}]+")
_JSON_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_nesting(text: str) -> int:
    """How deep the arrays and objects of the JSON `text` nest (brackets inside strings
    do not count). Computed before parsing, which recurses once per level."""
    brackets = _JSON_NON_BRACKETS_RE.sub("", _JSON_STRING_RE.sub("", text))
    return max(accumulate(map(_JSON_STEP.__getitem__, brackets)), default=0)


def check_json_nesting(text: str, limit: int) -> None:
    if not limit or text.count("[") + text.count("{") <= limit:
        return  # the common case, and too few brackets to nest deeper than the limit
    depth = json_nesting(text)
    if depth > limit:
        raise IngestFailed(f"JSON nested too deeply: {depth:,} levels (limit max_nesting={limit:,})")


def _has_binary_controls(text: str) -> bool:
    sample = text[:65_536]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v\x1b")
    return bad > max(2, len(sample) // 100)


# --- JSON ---------------------------------------------------------------------------


def _read_json(path: _Origin, data: bytes, options: IngestOptions) -> Iterator[Document | IngestError]:
    text, _ = _decode(data, options, html=False)
    check_json_nesting(text, options.max_nesting)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestFailed(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:  # only with max_nesting off
        raise IngestFailed("JSON nested too deeply for the parser") from None
    fields = options.json_fields
    if isinstance(value, dict) and _first(value, fields.text + fields.html) is None:
        for key in _RECORD_LIST_KEYS:
            inner = value.get(key)
            if isinstance(inner, list) and inner and all(isinstance(item, dict) for item in inner):
                value = inner
                break
    if isinstance(value, dict):
        # one object: the file is the document, so its doc_id is the file name
        yield _record_document(value, path, 1, options, source_path=str(path), single=True)
    elif isinstance(value, list):
        if not value:
            raise IngestFailed("JSON list holds no records")
        for n, item in enumerate(value, 1):
            where = f"{path}#{n}"
            if not isinstance(item, dict):
                yield IngestError(
                    source=where,
                    reason=f"{where}: record is a JSON {type(item).__name__}, not an object",
                    doc_id=f"{path.stem}-{n}",
                )
                continue
            yield _record_document(item, path, n, options, source_path=str(path), where=where)
    else:
        raise IngestFailed(f"JSON holds a {type(value).__name__}, not an object or a list of objects")


def _read_jsonl(
    path: _Origin, data: bytes | Iterable[tuple[int, str | IngestFailed]], options: IngestOptions
) -> Iterator[Document | IngestError]:
    """Records of JSONL `data`: bytes, or (line number, line) pairs streamed by `_lines`."""
    lines = enumerate(_decode(data, options, html=False)[0].split("\n"), 1) if isinstance(data, bytes) else data
    n = 0
    for lineno, line in lines:
        if not isinstance(line, str) or not line.strip():
            if isinstance(line, IngestFailed):  # a line over the limits, never read whole
                n += 1
                where = f"{path}:{lineno}"
                yield IngestError(source=where, reason=f"{where}: {line}", doc_id=f"{path.stem}-{n}")
            continue
        n += 1
        where = f"{path}:{lineno}"
        try:
            check_json_nesting(line, options.max_nesting)
            item = json.loads(line)
        except IngestFailed as exc:
            yield IngestError(source=where, reason=f"{where}: {exc}", doc_id=f"{path.stem}-{n}")
            continue
        except json.JSONDecodeError as exc:
            yield IngestError(
                source=where,
                reason=f"{where}: invalid JSON ({exc.msg} at column {exc.colno})",
                doc_id=f"{path.stem}-{n}",
            )
            continue
        except RecursionError:  # only with max_nesting off
            yield IngestError(source=where, reason=f"{where}: JSON nested too deeply", doc_id=f"{path.stem}-{n}")
            continue
        if not isinstance(item, dict):
            yield IngestError(
                source=where,
                reason=f"{where}: line holds a JSON {type(item).__name__}, not an object",
                doc_id=f"{path.stem}-{n}",
            )
            continue
        yield _record_document(item, path, n, options, source_path=where, where=where)
    if n == 0:  # streamed lines, all blank (the bytes path refuses those when decoding)
        yield IngestError(source=path.source, reason="empty file (only whitespace)", doc_id=path.stem)


def _streamable(path: Path) -> bool:
    """A regular, non-empty file in UTF-8 (the JSON Lines encoding): read line by line.
    Anything else (UTF-16 files, FIFOs, empty files) goes the whole-file way, with its checks."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
            return False
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head


def _lines(path: Path, options: IngestOptions) -> Iterator[tuple[int, str | IngestFailed]]:
    """(line number, text) of every line of a UTF-8 file, one at a time; a line longer than
    `options.max_bytes` is skipped unread and given as IngestFailed."""
    limit = options.max_bytes
    with path.open("rb") as handle:
        for lineno in count(1):
            raw = handle.readline(limit + 1) if limit else handle.readline()
            if not raw:
                return
            if limit and len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip to the end of the line
                yield lineno, IngestFailed(f"line too large: over {limit:,} bytes (limit max_bytes={limit:,})")
                continue
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield lineno, decode_bytes(raw)[0]
                except DecodeError as exc:
                    yield lineno, IngestFailed(str(exc))


def _record_document(
    record: Mapping[str, object],
    path: _Origin,
    n: int,
    options: IngestOptions,
    *,
    source_path: str,
    where: str | None = None,
    single: bool = False,
) -> Document | IngestError:
    fields = options.json_fields
    where = where or str(path)
    record_id = _scalar(_first(record, fields.id))
    doc_id = path.stem if single else (record_id or f"{path.stem}-{n}")
    try:
        return _build_record(record, doc_id, record_id, fields, options, source_path, single)
    except IngestFailed as exc:
        return IngestError(source=source_path, reason=f"{where}: {exc}", doc_id=doc_id)
    except Exception as exc:  # keep going on a bad record
        return IngestError(
            source=source_path,
            reason=f"{where}: unexpected error: {type(exc).__name__}: {exc}",
            doc_id=doc_id,
        )


def _build_record(
    record: Mapping[str, object],
    doc_id: str,
    record_id: str | None,
    fields: JsonFields,
    options: IngestOptions,
    source_path: str,
    single: bool,
) -> Document:
    text_key = _first_key(record, fields.text)
    html_key = _first_key(record, fields.html)
    raw_date = _first(record, fields.date)
    published = _date_string(raw_date)
    url = _scalar(_first(record, fields.url))
    title = _scalar(_first(record, fields.title))
    source = _source_name(_first(record, fields.source))
    language = _scalar(_first(record, fields.language))
    used = {text_key, html_key, *fields.id, *fields.date, *fields.url, *fields.title, *fields.source}
    metadata: dict[str, object] = {"format": "json"}
    if single and record_id and record_id != doc_id:
        metadata["record_id"] = record_id
    extra = {
        key: value
        for key, value in record.items()
        if key not in used and isinstance(value, str | int | float | bool) and len(str(value)) <= 500
    }
    if extra:
        metadata["fields"] = extra

    if text_key is not None:
        text = record[text_key]
        if not isinstance(text, str):
            raise IngestFailed(f"field {text_key!r} holds a JSON {type(text).__name__}, not a string")
        if options.newlines == "universal":
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise IngestFailed(f"field {text_key!r} is empty")
        check_text_limits(text, options)
        document = read_text_document(
            text,
            doc_id,
            source_path=source_path,
            published=published,
            url=url,
            title=title,
            source=source,
            default_published=options.published,
            language=language if language and len(language) <= 12 else None,
            metadata=metadata,
        )
    elif html_key is not None and isinstance(record[html_key], str):
        metadata["format"] = "json+html"
        document = read_html_document(
            str(record[html_key]),
            doc_id,
            url=url,
            published=published,
            source_path=source_path,
            default_published=options.published,
            title=title,
            source=source,
            max_nesting=options.max_nesting,
            timeout=options.parse_timeout,
        )
        check_limits(document, options)
        document.metadata.update(metadata)
    else:
        tried = ", ".join(fields.text)
        raise IngestFailed(f"no text field (tried: {tried}); keys present: {', '.join(list(record)[:12])}")
    if raw_date is not None and published is None:
        document.metadata.setdefault("published_raw", raw_date)
    return document


def _first_key(record: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in record and record[key] is not None:
            return key
    return None


def _first(record: Mapping[str, object], keys: tuple[str, ...]) -> object | None:
    key = _first_key(record, keys)
    return None if key is None else record[key]


def _scalar(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    return None


def _source_name(value: object) -> str | None:
    if isinstance(value, Mapping):  # {"source": {"name": "...", "url": "..."}}
        for key in ("name", "title", "id"):
            name = _scalar(value.get(key))
            if name:
                return name
        return None
    return _scalar(value)


def _date_string(value: object) -> str | None:
    """The date field as something read_text_document can parse (ISO when possible)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return parse_date(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# --- bytes in memory (downloads, uploads) ----------------------------------------------

_MEDIA_SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/x-jsonlines": ".jsonl",
    "application/jsonlines": ".jsonl",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}
_BINARY_MEDIA_PREFIXES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")


def documents_from_bytes(
    content: bytes,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    options: IngestOptions = IngestOptions(),
) -> list[Document | IngestError]:
    """Every document in `content` (a download or an upload), like `iter_documents` does for
    a file: the format comes from `content_type` (parameters such as charset are used), else
    from the URL's suffix, else from the bytes themselves.

    `doc_id` names the document (default: derived from the URL, else from the content);
    `source` is the outlet or site name (`Document.source`); `url` is kept as `Document.url`
    unless the page names a canonical one. A JSON list or JSONL gives one item per record.
    """
    media_type, _, parameters = (content_type or "").partition(";")
    media_type = media_type.strip().lower()
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    name = doc_id or _doc_id_for(url, content)
    origin = _Origin(url or name, name)
    if media_type.startswith(_BINARY_MEDIA_PREFIXES):
        reason = f"not a text document (content type {media_type})"
        return [IngestError(source=origin.source, reason=reason, doc_id=name)]
    suffix = _MEDIA_SUFFIXES.get(media_type) or _url_suffix(url) or _sniff_suffix(content)
    items = list(read_data(content, origin, suffix, options, charset=charset))
    for item in items:
        if isinstance(item, Document):
            item.url = item.url or url
            item.source = source or item.source
            if doc_id and len(items) == 1:
                item.doc_id = doc_id
    return items


def document_from_bytes(
    content: bytes,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    options: IngestOptions = IngestOptions(),
) -> Document | IngestError:
    """The one document in `content` (see `documents_from_bytes`); an IngestError when it
    cannot be read, or when it holds several records (a JSON list, JSONL)."""
    items = documents_from_bytes(
        content, doc_id=doc_id, source=source, url=url, content_type=content_type, options=options
    )
    if len(items) == 1:
        return items[0]
    name = doc_id or _doc_id_for(url, content)
    return IngestError(
        source=url or name,
        reason=f"holds {len(items)} records, not one document (send them one by one, or as a file to analyse)",
        doc_id=name,
    )


def _doc_id_for(url: str | None, content: bytes) -> str:
    """A stable id: the same URL (else the same bytes) gives the same id, so a re-fetch
    replaces the earlier analysis instead of adding a copy."""
    if url:
        return "url-" + hashlib.sha256(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return "doc-" + hashlib.sha256(content).hexdigest()[:16]


def _url_suffix(url: str | None) -> str | None:
    if not url:
        return None
    path = urlsplit(url).path
    suffix = PurePosixPath(path).suffix.lower()
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
    return suffix if suffix in known else None


def _sniff_suffix(content: bytes) -> str:
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head:
        return ".html"
    if head.startswith((b"{", b"[")):
        return ".json"
    return ".txt"
