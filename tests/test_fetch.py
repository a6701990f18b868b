"""URL fetching without SSRF (forewarn.ingest.fetch) and documents from bytes in memory.

A real HTTP server runs on 127.0.0.1 for these tests. Loopback is exactly what the guard
refuses, so the tests that need a "public" host give the name public.test the loopback
address while leaving the guard itself untouched for every other name and address.
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from forewarn.ingest import IngestOptions, document_from_bytes, documents_from_bytes
from forewarn.ingest import fetch as fetch_module
from forewarn.ingest.fetch import ALLOW_PRIVATE_ENV, FetchError, address_refusal, fetch_url
from forewarn.model import Document, IngestError

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbor workers threatened | Coast Courier</title>
<meta property="og:site_name" content="Coast Courier"></head>
<body><article><h1>Harbor workers threatened</h1>
<p>The commander of the Delta Brigade said on Tuesday that the harbor workers' union "will
regret the strike" if its members keep blocking the fuel terminal in the southern port.</p>
<p>Union leaders called the remarks an attempt to intimidate dock workers and asked the
provincial police to guard the terminal gates during the night shifts.</p>
</article></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    seen_hosts: ClassVar[list[str]] = []

    def log_message(self, *_args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        _Handler.seen_hosts.append(self.headers.get("Host", ""))
        port = self.server.server_address[1]
        routes = {
            "/article": lambda: self._send(200, ARTICLE.encode(), "text/html; charset=utf-8"),
            "/arabic": lambda: self._send(200, ARABIC_PAGE.encode("cp1256"), "text/html; charset=windows-1256"),
            "/to-article": lambda: self._redirect("/article"),
            "/to-loopback": lambda: self._redirect(f"http://127.0.0.1:{port}/article"),
            "/to-localhost": lambda: self._redirect(f"http://localhost:{port}/article"),
            "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-private": lambda: self._redirect("http://10.1.2.3/admin"),
            "/to-mapped": lambda: self._redirect(f"http://[::ffff:127.0.0.1]:{port}/article"),
            "/to-rebind": lambda: self._redirect(f"http://rebind.test:{port}/article"),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
            "/loop": lambda: self._redirect("/loop"),
            "/big": lambda: self._send(200, b"word " * 20_000, "text/plain"),
            "/gzip-bomb": lambda: self._send(200, gzip.compress(b" " * 5_000_000), "text/plain", gzip=True),
            "/missing": lambda: self._send(404, b"not here", "text/plain"),
            "/image": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        }
        route = routes.get(self.path)
        if route is None:
            self._send(404, b"no route", "text/plain")
        else:
            route()

    def _send(self, status: int, body: bytes, content_type: str, *, gzip: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


ARABIC_PAGE = """<html><head><title>تهديد</title></head><body><article>
<p>قال قائد الكتيبة إن المحافظ سيدفع ثمنا باهظا إذا استمرت المداهمات على مكاتب الكتيبة في الأحياء الشمالية.</p>
<p>وأدان مسؤولون في العاصمة هذه التصريحات ووصفوها بأنها متهورة وقالوا إن المحافظ لن يخضع للترهيب.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def public_test_host(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the name public.test stand for a public web server that happens to be our local one;
    rebind.test resolves to a private address. Every other name is resolved and checked as usual."""
    real_resolve = fetch_module.resolve_public
    real_getaddrinfo = socket.getaddrinfo

    def resolve(host: str, port: int, *, allow_private: bool = False) -> list:
        if host == "public.test":
            return [ipaddress.ip_address("127.0.0.1")]
        return real_resolve(host, port, allow_private=allow_private)

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.9.8.7", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch_module, "resolve_public", resolve)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)


def _public(server: str, path: str) -> str:
    return server.replace("127.0.0.1", "public.test") + path


# --- addresses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.0.9",
        "0.0.0.0",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "151.101.1.69", "2001:4860:4860::8888"])
def test_public_addresses_pass(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


# --- fetching ---------------------------------------------------------------------------


def test_loopback_refused_by_default(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    for url in (f"{server}/article", server.replace("127.0.0.1", "localhost") + "/article"):
        with pytest.raises(FetchError) as caught:
            fetch_url(url)
        assert "refused" in caught.value.reason
        assert "loopback" in caught.value.reason


def test_loopback_allowed_when_asked(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    result = fetch_url(f"{server}/article", allow_private=True)
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert b"Delta Brigade" in result.content
    assert result.final_url == f"{server}/article"

    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    assert fetch_url(f"{server}/to-article").final_url == f"{server}/article"


def test_public_host_is_fetched_through_the_checked_address(server: str, public_test_host: None) -> None:
    _Handler.seen_hosts.clear()
    result = fetch_url(_public(server, "/to-article"))
    assert result.final_url == _public(server, "/article")
    assert b"Delta Brigade" in result.content
    # the request went to the checked IP, but the server saw the real host name
    port = server.rsplit(":", 1)[1]
    assert _Handler.seen_hosts == [f"public.test:{port}", f"public.test:{port}"]


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/to-loopback", "loopback"),
        ("/to-localhost", "loopback"),
        ("/to-metadata", "link-local"),
        ("/to-private", "private"),
        ("/to-mapped", "loopback"),
        ("/to-rebind", "private"),
        ("/to-file", "only http and https"),
    ],
)
def test_redirect_to_a_private_address_is_refused(server: str, public_test_host: None, path: str, why: str) -> None:
    _Handler.seen_hosts.clear()
    with pytest.raises(FetchError) as caught:
        fetch_url(_public(server, path))
    assert why in caught.value.reason
    assert len(_Handler.seen_hosts) == 1  # the redirect target was never contacted


def test_limits_and_errors(server: str, public_test_host: None) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(_public(server, "/loop"))
    with pytest.raises(FetchError, match=r"too large: 100,000 bytes declared \(limit max_bytes=1,000\)"):
        fetch_url(_public(server, "/big"), max_bytes=1000)
    assert len(fetch_url(_public(server, "/big")).content) == 100_000
    with pytest.raises(FetchError, match="too large: over 1,000,000 bytes"):  # counted after decompression
        fetch_url(_public(server, "/gzip-bomb"), max_bytes=1_000_000)
    with pytest.raises(FetchError) as caught:
        fetch_url(_public(server, "/missing"))
    assert caught.value.status == 404
    for bad in ("ftp://public.test/x", "file:///etc/passwd", "gopher://public.test/", "http://", "not a url"):
        with pytest.raises(FetchError):
            fetch_url(bad)


def test_unreachable_port_is_a_fetch_error(public_test_host: None) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch_url(f"http://public.test:{port}/", timeout=5)


# --- documents from bytes ----------------------------------------------------------------


def test_fetched_page_becomes_a_document(server: str, public_test_host: None) -> None:
    result = fetch_url(_public(server, "/article"))
    item = document_from_bytes(
        result.content, url=result.final_url, content_type=result.headers["content-type"], source="Coast Courier"
    )
    assert isinstance(item, Document), item
    assert item.url == _public(server, "/article")
    assert item.source == "Coast Courier"
    assert "will\nregret the strike" in item.text or "will regret the strike" in item.text
    assert item.doc_id.startswith("url-")
    # the same URL again gives the same id, so a re-fetch replaces the earlier analysis
    again = document_from_bytes(result.content, url=result.final_url, content_type="text/html")
    assert isinstance(again, Document) and again.doc_id == item.doc_id


def test_http_charset_decodes_arabic(server: str, public_test_host: None) -> None:
    result = fetch_url(_public(server, "/arabic"))
    item = document_from_bytes(
        result.content, doc_id="ar-1", url=result.final_url, content_type="text/html; charset=windows-1256"
    )
    assert isinstance(item, Document), item
    assert item.doc_id == "ar-1"
    assert "سيدفع ثمنا باهظا" in item.text


def test_document_from_bytes_formats() -> None:
    text = "Rebel leader warns mayor\n\nThe rebel leader said the mayor would answer for the arrests.\n"
    plain = document_from_bytes(text.encode(), doc_id="t1", content_type="text/plain")
    assert isinstance(plain, Document) and plain.text == text and plain.title == "Rebel leader warns mayor"

    record = b'{"id": "r1", "text": "The militia said the governor will pay.", "published": "2024-02-01"}'
    one = document_from_bytes(record, content_type="application/json")
    assert isinstance(one, Document) and one.published == "2024-02-01"

    sniffed = document_from_bytes(ARTICLE.encode(), url="https://courier.example/story")  # no content type
    assert isinstance(sniffed, Document) and "Delta Brigade" in sniffed.text

    lines = b'{"text": "First report of a threat."}\n{"text": "Second report."}\nnot json\n'
    many = documents_from_bytes(lines, doc_id="feed", content_type="application/x-ndjson")
    assert [type(i).__name__ for i in many] == ["Document", "Document", "IngestError"]
    assert isinstance(document_from_bytes(lines, content_type="application/x-ndjson"), IngestError)

    image = document_from_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png")
    assert isinstance(image, IngestError) and "image/png" in image.reason
    renamed = document_from_bytes(b"%PDF-1.7\n" + bytes(100), content_type="text/plain")
    assert isinstance(renamed, IngestError) and "PDF" in renamed.reason

    small = IngestOptions(max_bytes=10)
    too_big = document_from_bytes(text.encode(), doc_id="t2", content_type="text/plain", options=small)
    assert isinstance(too_big, IngestError) and "max_bytes=10" in too_big.reason
    empty = document_from_bytes(b"", doc_id="t3", content_type="text/plain")
    assert isinstance(empty, IngestError) and "empty" in empty.reason
