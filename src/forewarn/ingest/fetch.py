"""Fetch a web page for ingestion without letting a URL reach the inside network (no SSRF).

A user-supplied URL must not make forewarn read from loopback, private, link-local (cloud
metadata at 169.254.169.254), multicast or reserved addresses. Checking the host name is
not enough (a public name can resolve to 127.0.0.1, a redirect can point anywhere, and a
name can resolve differently on the second lookup), so for the first request and for
every redirect `fetch_url`:

1. resolves the host itself and refuses when *any* address it resolves to is not public;
2. connects to the checked address only (the request goes to the IP; the Host header and
   the TLS server name / certificate check keep the real host name), so a second DNS
   answer cannot swap in another address (DNS rebinding);
3. follows redirects itself (at most `MAX_REDIRECTS`), http and https only.

The body is streamed and cut off past `max_bytes` (after decompression, so a gzip bomb
stops there too), and the whole fetch has a deadline of `timeout` seconds besides the
per-operation timeouts. Proxies from the environment are ignored: a proxy would resolve
the name itself and defeat the check.

Private addresses are allowed with `allow_private=True` or `FOREWARN_ALLOW_PRIVATE_URLS=1`
(an intranet deployment, tests against a local server).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import time
from dataclasses import dataclass, field

import httpx

from forewarn import __version__

ALLOW_PRIVATE_ENV = "FOREWARN_ALLOW_PRIVATE_URLS"
MAX_REDIRECTS = 5
USER_AGENT = f"forewarn/{__version__} (open-source early-warning research; document ingestion)"
_ALLOWED_SCHEMES = frozenset({"http", "https"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A URL could not (or may not) be fetched; `.reason` says why in words."""

    def __init__(self, reason: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.status = status  # the HTTP status when the server answered with an error


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names; repeated ones joined by ", "
    content: bytes = b""
    content_type: str | None = None  # the media type without parameters ("text/html")

    @property
    def charset(self) -> str | None:
        """The charset parameter of the Content-Type header, if any."""
        return _charset(self.headers.get("content-type"))


def private_urls_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def address_refusal(address: IPAddress) -> str | None:
    """Why `address` may not be fetched from (None when it is a public address)."""
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and 64:ff9b::10.0.0.1 reach IPv4 hosts: judge the IPv4 address
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in ipaddress.IPv6Network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_refusal(embedded)
    for kind, flag in (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return f"{kind} address {address}"
    if not address.is_global:  # shared address space (100.64/10), documentation ranges...
        return f"non-public address {address}"
    return None


def resolve_public(host: str, port: int, *, allow_private: bool = False) -> list[IPAddress]:
    """Every address `host` resolves to; FetchError if none, or if any is not public
    (a name listing one public and one private address is refused as a whole)."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        addresses: list[IPAddress] = [literal]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
        # scope ids ("fe80::1%eth0") are dropped: the address itself decides
        addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos))
    if not addresses:
        raise FetchError(f"host {host!r} has no address")
    if not allow_private:
        for address in addresses:
            refusal = address_refusal(address)
            if refusal:
                raise FetchError(
                    f"refused: {host} resolves to a {refusal} (set {ALLOW_PRIVATE_ENV}=1 to allow private addresses)"
                )
    return addresses


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 20.0,
    max_bytes: int = 20_000_000,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET `url` (following up to `MAX_REDIRECTS` redirects), refusing non-public addresses.

    Raises FetchError for a refused or malformed URL, a network failure or timeout, a body
    over `max_bytes`, too many redirects, or an HTTP error status (4xx/5xx; `.status` is set).
    """
    allow_private = allow_private or private_urls_allowed()
    deadline = time.monotonic() + timeout
    request_headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain,*/*;q=0.5"}
    request_headers.update(headers or {})
    current = _parse(url)
    # env proxies would resolve names themselves; certificates are verified against the host name
    with httpx.Client(trust_env=False, follow_redirects=False, timeout=httpx.Timeout(timeout)) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            response = _get_pinned(client, current, request_headers, allow_private, deadline)
            with contextlib.closing(response):
                location = response.headers.get("location")
                if response.status_code in _REDIRECT_STATUSES and location:
                    try:
                        current = _parse(str(current.join(location)))
                    except httpx.InvalidURL as exc:
                        raise FetchError(f"bad redirect location {location!r}: {exc}", url=str(current)) from None
                    continue
                if response.status_code >= 400:
                    raise FetchError(
                        f"HTTP {response.status_code} {response.reason_phrase} from {current}",
                        url=str(current),
                        status=response.status_code,
                    )
                content = _read_capped(response, max_bytes, deadline, str(current))
                response_headers = dict(response.headers.items())
                return FetchResult(
                    url=url,
                    final_url=str(current),
                    status=response.status_code,
                    headers=response_headers,
                    content=content,
                    content_type=_media_type(response_headers.get("content-type")),
                )
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}", url=url)


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}", url=url) from None
    if parsed.scheme not in _ALLOWED_SCHEMES:
        raise FetchError(f"refused: only http and https URLs are fetched, not {parsed.scheme or 'no'} scheme", url=url)
    if not parsed.host:
        raise FetchError(f"invalid URL {url!r}: no host", url=url)
    return parsed


def _get_pinned(
    client: httpx.Client, url: httpx.URL, headers: dict[str, str], allow_private: bool, deadline: float
) -> httpx.Response:
    """Send GET `url` to one of the checked addresses of its host, keeping the host name for
    the Host header and TLS (server name indication and certificate verification)."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = resolve_public(host, port, allow_private=allow_private)
    last_error: Exception | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        pinned = url.copy_with(host=str(address))
        request = client.build_request(
            "GET",
            pinned,
            headers={**headers, "Host": url.netloc.decode("ascii")},
            extensions={"sni_hostname": host},
            timeout=httpx.Timeout(min(remaining, client.timeout.read or remaining)),
        )
        try:
            return client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            last_error = exc
        except httpx.TransportError as exc:  # connection refused, TLS failure...: try the next address
            last_error = exc
    if isinstance(last_error, httpx.TimeoutException) or last_error is None:
        raise FetchError(f"timed out fetching {url}", url=str(url))
    raise FetchError(f"cannot fetch {url}: {type(last_error).__name__}: {last_error}", url=str(url))


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large: {int(declared):,} bytes declared (limit max_bytes={max_bytes:,})", url=url)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"too large: over {max_bytes:,} bytes (limit max_bytes={max_bytes:,})", url=url)
            if time.monotonic() > deadline:
                raise FetchError(f"timed out reading {url}", url=url)
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"timed out reading {url}", url=url) from None
    except httpx.HTTPError as exc:  # truncated body, bad compression...
        raise FetchError(f"cannot read {url}: {type(exc).__name__}: {exc}", url=url) from None
    return b"".join(chunks)


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
