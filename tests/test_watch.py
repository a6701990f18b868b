"""`forewarn watch`: a local HTTP server serves an RSS feed (with ETag / Last-Modified) and
articles; a folder holds a file. New documents are analysed, seen ones are not, the same
article under another URL is a duplicate, and alerts come out on a JSONL channel."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.analyse.monitor import MonitorConfig, canonical_url, run_pass, watch_loop
from forewarn.analyse.watchlists import add_watch
from forewarn.cli.app import app
from forewarn.model import DocActor, Document, DocumentAnalysis
from forewarn.store import Store
from forewarn.store import warning as wstore


def page(title: str, published: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>© Hilla Observer</footer></body></html>"
    ).encode()


ARTICLE_1 = page(
    "Militia chief threatens Karami",
    "2024-05-11",
    "HILLA — The leader of the Liwa al-Thar militia, Hamid al-Rubaie, threatened Prime Minister Yusuf Karami on "
    "Friday after police raided one of the group's bases.",
    '"If Karami sends his troops against our bases, we will burn his convoy on the road and the fire will reach '
    'his palace," al-Rubaie said in a televised speech.',
    "The prime minister's office did not respond to a request for comment.",
)
ARTICLE_2 = page(
    "Teachers march over unpaid wages",
    "2024-05-12",
    "HILLA — Thousands of teachers marched through the city on Saturday to demand wages that have not been paid "
    "since March.",
    "The union said the march would stay peaceful, and the education ministry promised to pay next month.",
)
ARTICLE_3 = page(
    "Second faction warns prime minister",
    "2024-05-20",
    "Kadhim al-Zaidi, the leader of the Saraya al-Nasr group, threatened Prime Minister Yusuf Karami on Monday.",
    '"Karami\'s convoy will be hit by our drones wherever he goes," al-Zaidi said in a video.',
)


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{when}</pubDate></item>"
        for title, path, when in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hilla Observer</title>'
        f"<link>{base}/</link><description>News</description>{entries}</channel></rss>"
    ).encode()


@dataclass
class Site:
    items: list[tuple[str, str, str]] = field(default_factory=list)
    version: int = 1
    log: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    base: str = ""

    def hits(self, path: str) -> list[int]:
        return [status for p, _, status in self.log if p == path]


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    pages = {"/news/rubaie-karami": ARTICLE_1, "/news/teachers": ARTICLE_2, "/news/zaidi": ARTICLE_3,
             "/mirror/rubaie-karami": ARTICLE_1}  # fmt: skip
    modified = formatdate(1715500000, usegmt=True)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            headers = dict(self.headers.items())
            if path == "/feed.xml":
                etag = f'"feed-v{state.version}"'
                if headers.get("If-None-Match") == etag:
                    state.log.append((path, headers, 304))
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                body, status, kind = rss(state.base, state.items), 200, "application/rss+xml"
                extra = {"ETag": etag, "Last-Modified": modified}
            elif path in pages:
                body, status, kind, extra = pages[path], 200, "text/html; charset=utf-8", {}
            else:
                body, status, kind, extra = b"not found", 404, "text/plain", {}
            state.log.append((path, headers, status))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    state.items = [
        ("Militia chief threatens Karami", "/news/rubaie-karami?utm_source=rss", "Sat, 11 May 2024 08:00:00 GMT"),
        ("Teachers march", "/news/teachers", "Sun, 12 May 2024 09:00:00 GMT"),
        ("Same story, other address", "/mirror/rubaie-karami", "Sun, 12 May 2024 10:00:00 GMT"),
        ("A dead link", "/news/missing", "Sun, 12 May 2024 11:00:00 GMT"),
    ]
    yield state
    server.shutdown()
    server.server_close()
    thread.join(5)


def seed_watch(store: Store) -> None:
    store.save_analysis(DocumentAnalysis(Document("seed", "Yusuf Karami.", published="2024-05-01"),
                                         [DocActor("A1", "Yusuf Karami", "PERSON", actor_id="A1")]))  # fmt: skip
    add_watch(store, "target", "Yusuf Karami")


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://News.Example/a?id=3&utm_source=rss#top") == "https://news.example/a?id=3"


def test_watch_feed_and_folder(site: Site, tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "zaidi.txt").write_text(
        "Zaidi threatens Karami\nGulf Wire | May 21, 2024\n\nKadhim al-Zaidi, the leader of the Saraya al-Nasr "
        "group, threatened Prime Minister Yusuf Karami on Monday.\n\n\"Karami's convoy will be hit by our drones "
        'wherever he goes," al-Zaidi said in a video.\n',
        encoding="utf-8",
    )
    alerts_file = tmp_path / "alerts.jsonl"
    feed = f"{site.base}/feed.xml"
    config = MonitorConfig(sources=[feed, str(folder)], allow_private=True, today=date(2024, 5, 22))
    with Store(db_url) as store:
        seed_watch(store)
        wstore.add_channel(store, "file", "jsonl", {"path": str(alerts_file)})
        first = run_pass(store, config)
        assert first.feeds == 1 and first.folders == 1
        assert first.new_documents == 3  # two articles and the file
        assert first.duplicates == 1  # the mirror has the same text as the first article
        assert first.failed == 1 and "404" in " ".join(first.errors)  # the dead link
        assert first.analysed == 3 and first.threats >= 2
        assert first.alerts >= 2 and first.delivery is not None and first.delivery.delivered == first.alerts
        views = [store.document(d) for d in store.documents()]
        view = next(v for v in views if v is not None and "/news/rubaie-karami" in (v.url or ""))
        assert view is not None and view.source == "Hilla Observer" and view.published == "2024-05-11"
        assert view.threats and "burn his convoy" in view.threats[0].evidence.text

        # second pass: the feed answers 304 to the conditional GET, nothing is fetched again
        second = run_pass(store, config)
        assert second.not_modified == 1 and second.new_documents == 0 and second.alerts == 0
        feed_requests = [h for p, h, _ in site.log if p == "/feed.xml"]
        assert feed_requests[-1].get("If-None-Match") == '"feed-v1"'
        assert feed_requests[-1].get("If-Modified-Since")
        assert site.hits("/news/rubaie-karami") == [200]
        assert site.hits("/news/missing") == [404]  # first failure only: retried on a changed feed

        # the feed changes: only the new article is fetched (and the dead link retried)
        site.version = 2
        site.items.append(("Second faction warns", "/news/zaidi", "Mon, 20 May 2024 12:00:00 GMT"))
        third = run_pass(store, config)
        assert third.new_documents == 1 and third.analysed == 1
        assert site.hits("/news/rubaie-karami") == [200] and site.hits("/news/zaidi") == [200]
        assert site.hits("/news/missing") == [404, 404]
    lines = [json.loads(x) for x in alerts_file.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len({x["idempotency_key"] for x in lines})  # no alert twice
    speakers = {x["threat"]["speaker"] for x in lines if "threat" in x}
    assert {"Hamid al-Rubaie", "Kadhim al-Zaidi"} <= speakers


def test_private_addresses_are_refused_unless_allowed(site: Site, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("FOREWARN_ALLOW_PRIVATE_URLS", raising=False)
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        report = run_pass(store, MonitorConfig(sources=[f"{site.base}/feed.xml"], alerts=False, deliver=False))
        assert report.new_documents == 0 and report.errors and site.log == []


def test_watch_command_once(site: Site, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    site.items = site.items[1:2]  # the teachers' march: no threat
    result = CliRunner().invoke(
        app, ["watch", f"{site.base}/feed.xml", "--once", "--allow-private", "--db", db, "--today", "2024-05-20"]
    )
    assert result.exit_code == 0, result.output
    assert "1 new document(s)" in result.output and "1 analysed (0 threats)" in result.output
    with Store(db) as store:
        passes = watch_loop(store, MonitorConfig(sources=[f"{site.base}/feed.xml"], allow_private=True), once=True)
        assert passes == 1
        assert len(store.documents()) == 1
