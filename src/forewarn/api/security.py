"""Who is calling, and the protections every response gets.

- Tokens come as `Authorization: Bearer <token>` (tools) or in the HttpOnly, SameSite=Strict
  sign-in cookie the pages use. A write made with the cookie must also carry the
  `X-Forewarn-Request` header, which a cross-site form cannot send and a cross-site script
  cannot send without a CORS preflight that is refused: no cross-site request forgery.
- Request bodies over the configured limit are refused with 413 before any parsing.
- Security headers on every response: a Content-Security-Policy without inline scripts,
  no framing (clickjacking), no MIME sniffing, no referrer leaking page addresses to other sites.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException, Request

from forewarn.api.auth import verify_token

COOKIE_NAME = "forewarn_token"
CSRF_HEADER = "x-forewarn-request"

# pages: scripts and styles from the package only (no inline script, no CDN, no eval)
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# JSON and everything else: nothing may load or frame it
API_CSP = "default-src 'none'; frame-ancestors 'none'"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response (pages, JSON, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = API_CSP if path.startswith("/api/") or path == "/openapi.json" else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in (
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),  # other sites never see our URLs
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ):
                    if name not in present:
                        headers.append((name, value))
                if path.startswith("/api/") and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies over `max_bytes` with 413, by the declared length or by
    counting a streamed body, before the application reads any of it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, b'{"detail":"bad Content-Length"}')
                    return
                if declared > self.max_bytes:
                    await _send_json(send, 413, self._too_large())
                    return
        # read the body here (bounded), then hand it to the application in one piece
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await _send_json(send, 413, self._too_large())
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self) -> bytes:
        return f'{{"detail":"request body over the limit of {self.max_bytes} bytes"}}'.encode()


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def request_user(request: Request) -> str | None:
    """The user of a valid bearer token or sign-in cookie, else None (memoised per request)."""
    if hasattr(request.state, "user"):
        return request.state.user  # type: ignore[no-any-return]
    store = request.app.state.store
    user: str | None = None
    via_cookie = False
    token = _bearer(request)
    if token is None:
        token = request.cookies.get(COOKIE_NAME)
        via_cookie = token is not None
    if token:
        user = verify_token(store, token)
    request.state.user = user
    request.state.via_cookie = via_cookie and user is not None
    return user


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def require_reader(request: Request) -> str | None:
    """Reads are open unless the server is configured to need a token for them."""
    user = request_user(request)
    if user is None and request.app.state.settings.reads_need_token:
        raise _unauthorised("this server needs an API token for reads")
    return user


def require_writer(request: Request) -> str:
    """Every write needs a valid token; a cookie-borne one also needs the anti-forgery header."""
    user = request_user(request)
    if user is None:
        raise _unauthorised("writes need an API token (Authorization: Bearer ...)")
    if request.state.via_cookie:
        if request.headers.get(CSRF_HEADER) != "1":
            raise HTTPException(status_code=403, detail=f"a write signed in by cookie needs the {CSRF_HEADER} header")
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") != str(request.base_url).rstrip("/"):
            raise HTTPException(status_code=403, detail="cross-origin write refused")
    return user
