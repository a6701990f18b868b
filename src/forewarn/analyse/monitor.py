"""Monitoring (`forewarn watch`): keep analysing new documents from folders and RSS/Atom
feeds, and raise alerts as they come.

One **pass** checks every source once:

- a **folder** is walked recursively; a file is read again only when its size or
  modification time changed (`monitor_items` remembers what was seen);
- a **feed** is fetched with a conditional GET (`If-None-Match` / `If-Modified-Since` from
  the last answer's ETag and Last-Modified; a 304 costs nothing more), parsed with
  feedparser, and each entry's linked article is fetched with
  `forewarn.ingest.fetch.fetch_url` (which refuses private addresses unless allowed) and
  read with `forewarn.ingest.document_from_bytes`; an entry without a link is read from
  its own content.

De-duplication: an entry's URL (without fragment and tracking parameters) is fetched once;
an article whose text was already analysed (same content hash, under another URL or from
another source) is not analysed again. A fetch that fails is retried on later passes, up
to `max_attempts`. New documents go through the pipeline (`analyse_documents`, which also
groups threat reports into clusters), then the watchlist rules run and due alerts are
delivered. `watch_loop` repeats passes every `interval` seconds until stopped.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
from rich.console import Console

from forewarn.analyse.delivery import DeliveryReport, RetryPolicy, deliver_pending
from forewarn.analyse.watchlists import evaluate
from forewarn.ingest import IngestOptions, document_from_bytes, iter_documents
from forewarn.ingest.fetch import FetchError, fetch_url
from forewarn.model import Document, IngestError
from forewarn.store import Store
from forewarn.store import warning as wstore

log = logging.getLogger(__name__)

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass
class MonitorConfig:
    sources: list[str]  # folders, or http(s) URLs of RSS/Atom feeds
    allow_private: bool = False  # fetch from private / loopback addresses (intranet, tests)
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_entries: int = 100  # per feed and pass
    max_attempts: int = 3  # fetches of one article before giving up on it
    model: str | None = None
    alerts: bool = True
    deliver: bool = True
    today: date | None = None  # the day scores are computed for (default: today)
    retry: RetryPolicy | None = None


@dataclass
class PassReport:
    feeds: int = 0
    not_modified: int = 0
    folders: int = 0
    new_documents: int = 0
    duplicates: int = 0
    failed: int = 0
    analysed: int = 0
    threats: int = 0
    alerts: int = 0
    delivery: DeliveryReport | None = None
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{self.feeds} feed(s) ({self.not_modified} unchanged)",
            f"{self.folders} folder(s)",
            f"{self.new_documents} new document(s)",
            f"{self.analysed} analysed ({self.threats} threats)",
            f"{self.duplicates} duplicate(s)",
            f"{self.failed} failed",
            f"{self.alerts} alert(s)",
        ]
        if self.delivery is not None:
            parts.append(f"{self.delivery.delivered} delivered")
        return ", ".join(parts)


def canonical_url(url: str) -> str:
    """The URL an article is known by: no fragment, no tracking parameters, lower-case host."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def is_feed(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class _Pending:
    document: Document
    source_id: int
    item_key: str


def run_pass(store: Store, config: MonitorConfig, *, console: Console | None = None) -> PassReport:
    """Check every source once, analyse what is new, raise and deliver alerts."""
    report = PassReport()
    pending: list[_Pending] = []
    hashes: set[str] = set()
    for source in config.sources:
        try:
            if is_feed(source):
                report.feeds += 1
                pending += _poll_feed(store, source, config, report, hashes)
            else:
                report.folders += 1
                pending += _poll_folder(store, Path(source), report, hashes)
        except Exception as exc:  # one broken source must not stop the others
            log.warning("source %s failed: %s", source, exc)
            report.errors.append(f"{source}: {exc}")
    report.new_documents = len(pending)
    if pending:
        from forewarn.pipeline import analyse_documents

        result = analyse_documents([p.document for p in pending], store, model=config.model)
        failed = {e.doc_id: e.reason for e in result.errors if e.doc_id}
        report.analysed = len(result.analyses)
        report.threats = result.threat_count
        for p in pending:
            reason = failed.get(p.document.doc_id)
            wstore.record_item(
                store,
                p.source_id,
                p.item_key,
                status="failed" if reason else "analysed",
                content_hash=p.document.content_hash,
                doc_id=p.document.doc_id,
                error=reason,
            )
            if reason:
                report.failed += 1
                report.errors.append(f"{p.item_key}: {reason}")
    if config.alerts:
        report.alerts = len(evaluate(store, today=config.today).raised)
    if config.deliver:
        report.delivery = deliver_pending(store, console=console, retry=config.retry)
    return report


def _duplicate(store: Store, document: Document, hashes: set[str]) -> bool:
    digest = document.content_hash
    if digest in hashes or store.has_document(digest) or wstore.item_with_hash(store, digest):
        return True
    hashes.add(digest)
    return False


def _poll_folder(store: Store, folder: Path, report: PassReport, hashes: set[str]) -> list[_Pending]:
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}")
    source = wstore.monitor_source(store, str(folder.resolve()), "folder")
    out: list[_Pending] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "README"))):
        stat = path.stat()
        key = f"file:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        seen = wstore.seen_item(store, key)
        if seen is not None and seen[0] != "failed":
            continue
        for item in iter_documents([path], IngestOptions()):
            if isinstance(item, IngestError):
                wstore.record_item(store, source.id, key, status="failed", error=item.reason)
                report.failed += 1
                report.errors.append(f"{path}: {item.reason}")
                continue
            item_key = key if item.doc_id == path.stem else f"{key}#{item.doc_id}"
            if _duplicate(store, item, hashes):
                wstore.record_item(store, source.id, item_key, status="duplicate", content_hash=item.content_hash)
                report.duplicates += 1
                continue
            out.append(_Pending(item, source.id, item_key))
    wstore.update_monitor_source(store, source.id, last_status=None, last_error=None)
    return out


def _poll_feed(store: Store, url: str, config: MonitorConfig, report: PassReport, hashes: set[str]) -> list[_Pending]:
    source = wstore.monitor_source(store, url, "feed")
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    try:
        result = fetch_url(
            url, allow_private=config.allow_private, timeout=config.timeout, max_bytes=config.max_bytes, headers=headers
        )
    except FetchError as exc:
        wstore.update_monitor_source(store, source.id, last_status=exc.status, last_error=exc.reason)
        raise
    if result.status == 304:
        report.not_modified += 1
        wstore.update_monitor_source(store, source.id, last_status=304, last_error=None)
        return []
    feed = feedparser.parse(result.content, response_headers={"content-location": result.final_url})
    feed_title = feed.feed.get("title") or urlsplit(url).hostname or url
    out: list[_Pending] = []
    for entry in feed.entries[: config.max_entries]:
        pending = _entry(store, source.id, entry, feed_title, config, report, hashes)
        if pending is not None:
            out.append(pending)
    # validators are kept only once the entries were read, so a crash re-reads the feed
    wstore.update_monitor_source(
        store,
        source.id,
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        last_status=result.status,
        last_error=None,
    )
    return out


def _entry_day(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return date.fromtimestamp(calendar.timegm(parsed)).isoformat() if parsed else None


def _entry(
    store: Store,
    source_id: int,
    entry: feedparser.FeedParserDict,
    feed_title: str,
    config: MonitorConfig,
    report: PassReport,
    hashes: set[str],
) -> _Pending | None:
    link = entry.get("link")
    key = canonical_url(link) if link else f"entry:{entry.get('id') or entry.get('title')}"
    seen = wstore.seen_item(store, key)
    if seen is not None and (seen[0] != "failed" or seen[1] >= config.max_attempts):
        return None
    options = IngestOptions(published=_entry_day(entry))
    if link:
        try:
            fetched = fetch_url(link, allow_private=config.allow_private, timeout=config.timeout,
                                max_bytes=config.max_bytes)  # fmt: skip
        except FetchError as exc:
            wstore.record_item(store, source_id, key, status="failed", error=exc.reason)
            report.failed += 1
            report.errors.append(f"{link}: {exc.reason}")
            return None
        item = document_from_bytes(
            fetched.content,
            url=fetched.final_url,
            source=feed_title,
            content_type=fetched.headers.get("content-type"),
            options=options,
        )
    else:
        content = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        item = document_from_bytes(
            content.encode("utf-8"), source=feed_title, content_type="text/html", options=options,
            doc_id="entry-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        )  # fmt: skip
    if isinstance(item, IngestError):
        wstore.record_item(store, source_id, key, status="failed", error=item.reason)
        report.failed += 1
        report.errors.append(f"{key}: {item.reason}")
        return None
    if not item.title and entry.get("title"):
        item.title = entry.get("title")
    if _duplicate(store, item, hashes):
        wstore.record_item(store, source_id, key, status="duplicate", content_hash=item.content_hash)
        report.duplicates += 1
        return None
    return _Pending(item, source_id, key)


def watch_loop(
    store: Store,
    config: MonitorConfig,
    *,
    interval: float = 300.0,
    once: bool = False,
    stop: threading.Event | None = None,
    console: Console | None = None,
    on_pass: Callable[[PassReport], None] = lambda _: None,
) -> int:
    """Run passes until `stop` is set (or once); returns how many passes ran."""
    stop = stop or threading.Event()
    passes = 0
    while True:
        on_pass(run_pass(store, config, console=console))
        passes += 1
        if once or stop.wait(interval):
            return passes
