"""Walk files and folders and turn every file into `Document`s or `IngestError`s."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from forewarn.ingest.decode import DecodeError, decode_bytes, sniff_binary
from forewarn.ingest.document import IngestFailed, read_html_document, read_text_document
from forewarn.ingest.headers import parse_date
from forewarn.ingest.options import IngestOptions, JsonFields
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


def _read_file(path: Path, options: IngestOptions) -> Iterator[Document | IngestError]:
    source = str(path)
    doc_id = path.stem
    try:
        data = _read_bytes(path, options.max_bytes)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, data, options)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(path, data, options)
        elif suffix in HTML_SUFFIXES:
            text, encoding = _decode(data, options, html=True)
            document = read_html_document(text, doc_id, source_path=source, default_published=options.published)
            document.metadata["encoding"] = encoding
            yield document
        else:
            known = suffix in TEXT_SUFFIXES
            text, encoding = _decode(data, options, html=False, sniff=not known)
            if not text.strip():
                raise IngestFailed("empty file (only whitespace)")
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
    except OSError as exc:
        yield IngestError(source=source, reason=f"cannot read file: {exc.strerror or exc}", doc_id=doc_id)
    except Exception as exc:  # a bug or a library failure: report it, keep going
        yield IngestError(source=source, reason=f"unexpected error: {type(exc).__name__}: {exc}", doc_id=doc_id)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestFailed(f"file too large: {size:,} bytes (limit max_bytes={max_bytes:,})")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestFailed(f"file too large: over {max_bytes:,} bytes (limit max_bytes)")
    if not data:
        raise IngestFailed("empty file")
    return data


def _decode(data: bytes, options: IngestOptions, *, html: bool, sniff: bool = False) -> tuple[str, str]:
    if sniff:
        # unknown suffix: text only when it decodes cleanly as Unicode
        kind = sniff_binary(data)
        if kind:
            raise IngestFailed(f"binary file ({kind}), not a text document")
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise IngestFailed("binary file (contains NUL bytes), not a text document")
    text, encoding = decode_bytes(data, html=html)
    if sniff and encoding not in {"utf-8", "utf-16", "utf-32"}:
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


def _has_binary_controls(text: str) -> bool:
    sample = text[:65_536]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v\x1b")
    return bad > max(2, len(sample) // 100)


# --- JSON ---------------------------------------------------------------------------


def _read_json(path: Path, data: bytes, options: IngestOptions) -> Iterator[Document | IngestError]:
    text, _ = _decode(data, options, html=False)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestFailed(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
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


def _read_jsonl(path: Path, data: bytes, options: IngestOptions) -> Iterator[Document | IngestError]:
    text, _ = _decode(data, options, html=False)
    n = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        where = f"{path}:{lineno}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(
                source=where,
                reason=f"{where}: invalid JSON ({exc.msg} at column {exc.colno})",
                doc_id=f"{path.stem}-{n}",
            )
            continue
        if not isinstance(item, dict):
            yield IngestError(
                source=where,
                reason=f"{where}: line holds a JSON {type(item).__name__}, not an object",
                doc_id=f"{path.stem}-{n}",
            )
            continue
        yield _record_document(item, path, n, options, source_path=where, where=where)


def _record_document(
    record: Mapping[str, object],
    path: Path,
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
        )
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
