"""The analysts' pages: server-rendered HTML (Jinja2, autoescaped) over the same store
queries as the API. Every list is a page of a keyset-paged query; charts and the network
graph load their data from the API. No inline script anywhere (the CSP forbids it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from forewarn import __version__
from forewarn.api.auth import verify_token
from forewarn.api.security import COOKIE_NAME, request_user
from forewarn.model import EVENT_TYPES, THREAT_FORMS, THREAT_TYPES
from forewarn.store import Store, browse
from forewarn.web.marks import document_marks, segments

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
REVIEW_PAGE = 25

router = APIRouter(include_in_schema=False)
templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class SignInNeeded(Exception):
    """The server needs a token for reads and the browser has not signed in."""


def _safe_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs: a document's `javascript:` URL must stay text."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _short(text: str | None, width: int = 160) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _sparkline(values: list[int], width: int = 120, height: int = 26) -> Markup:
    """A small SVG line of monthly counts (numbers only: nothing to escape)."""
    if not values:
        return Markup("")
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values))
    last_x = (len(values) - 1) * step
    last_y = height - 2 - (values[-1] / top) * (height - 4)
    return Markup(
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="threats per month: {", ".join(map(str, values))}">'
        f'<polyline points="{points}" fill="none"/><circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.2"/></svg>'
    )


templates.filters["short"] = _short
templates.filters["safe_url"] = _safe_url
templates.globals["sparkline"] = _sparkline
templates.globals["version"] = __version__
templates.globals["THREAT_TYPES"] = THREAT_TYPES
templates.globals["THREAT_FORMS"] = THREAT_FORMS
templates.globals["EVENT_TYPES"] = EVENT_TYPES
templates.globals["STATUSES"] = browse.REVIEW_STATUSES


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _reader(request: Request) -> str | None:
    user = request_user(request)
    if user is None and request.app.state.settings.reads_need_token:
        raise SignInNeeded
    return user


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    def page_url(**changes: Any) -> str:
        """This page's URL with some query parameters changed (None drops one)."""
        params = dict(request.query_params)
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = str(value)
        query = urlencode(params)
        return request.url.path + (f"?{query}" if query else "")

    html = templates.get_template(name).render(
        request=request,
        user=getattr(request.state, "user", None),
        path=request.url.path,
        page_url=page_url,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _filter_from(request: Request) -> tuple[browse.ThreatFilter, dict[str, str], list[str]]:
    """The threat filter of a page's query string; invalid values are dropped and reported."""
    params = request.query_params
    values: dict[str, str] = {}
    problems: list[str] = []
    for key in ("target", "speaker", "organisation", "q", "doc_id"):
        value = (params.get(key) or "").strip()[:200]
        if value:
            values[key] = value
    for key, allowed in (("type", THREAT_TYPES), ("form", THREAT_FORMS), ("status", browse.REVIEW_STATUSES)):
        value = params.get(key) or ""
        if value and value not in allowed:
            problems.append(f"{key} must be one of {', '.join(allowed)}")
        elif value:
            values[key] = value
    for key in ("date_from", "date_to"):
        value = params.get(key) or ""
        if value:
            try:
                date.fromisoformat(value)
                values[key] = value
            except ValueError:
                problems.append(f"{key.replace('_', ' ')}: {value!r} is not a date (YYYY-MM-DD)")
    return browse.ThreatFilter(**values), values, problems


def _reports(request: Request, *pages: list[browse.ThreatItem]) -> dict[int, Any]:
    """How many documents report each listed threat (the warning stage's clusters)."""
    from forewarn.store.warning import cluster_of

    return cluster_of(_store(request), [t.row.threat_id for items in pages for t in items])


def _cursor(request: Request) -> str | None:
    value = request.query_params.get("cursor")
    return value[:600] if value else None


# ---------------------------------------------------------------------- pages


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    _reader(request)
    data = browse.overview(_store(request))
    return _render(request, "overview.html", overview=data, reports=_reports(request, data.latest))


@router.get("/threats", response_class=HTMLResponse)
def threats_page(request: Request) -> HTMLResponse:
    _reader(request)
    f, values, problems = _filter_from(request)
    try:
        page = browse.list_threats(_store(request), f, limit=PAGE_SIZE, cursor=_cursor(request))
    except browse.BadCursor:
        problems.append("that page link is stale or broken: showing the first page")
        page = browse.list_threats(_store(request), f, limit=PAGE_SIZE)
    return _render(
        request,
        "threats.html",
        page=page,
        reports=_reports(request, page.items),
        filters=values,
        problems=problems,
        first_page=not request.query_params.get("cursor"),
        status=422 if problems else 200,
    )


@router.get("/threats/{threat_id}", response_class=HTMLResponse)
def threat_page(request: Request, threat_id: int) -> HTMLResponse:
    _reader(request)
    store = _store(request)
    detail = browse.threat_detail(store, threat_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"There is no threat #{threat_id}.")
    document = browse.document_detail(store, detail.item.row.doc_id)
    assert document is not None
    segs = segments(document.text, document_marks(document, only_threat=threat_id), focus_threat=str(threat_id))
    others = [t for t in document.threats if t.row.threat_id != threat_id]
    report = _reports(request, [detail.item]).get(threat_id)
    return _render(
        request,
        "threat.html",
        detail=detail,
        t=detail.item.row,
        document=document,
        segs=segs,
        others=others,
        report=report,
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    _reader(request)
    document = browse.document_detail(_store(request), doc_id)
    if document is None:
        raise HTTPException(status_code=404, detail=f"There is no document {doc_id!r}.")
    focus = request.query_params.get("threat")
    segs = segments(document.text, document_marks(document), focus_threat=focus)
    actors: dict[str, tuple[str, str, int]] = {}
    for actor_id, name, type_, _span in document.mentions:
        _, _, n = actors.get(actor_id, (name, type_, 0))
        actors[actor_id] = (name, type_, n + 1)
    by_mentions = sorted(((a, n, t, c) for a, (n, t, c) in actors.items()), key=lambda r: (-r[3], r[1]))
    return _render(request, "document.html", document=document, segs=segs, actors=by_mentions)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    _reader(request)
    q = (request.query_params.get("q") or "").strip()[:200]
    sort = request.query_params.get("sort") or "threatened"
    if sort not in browse.ACTOR_SORTS:
        sort = "threatened"
    kind = request.query_params.get("type") or None
    if kind not in (None, "PERSON", "ORG", "GPE", "GROUP"):
        kind = None
    problems: list[str] = []
    try:
        page = browse.list_actors(
            _store(request), q=q or None, type=kind, sort=sort, limit=PAGE_SIZE, cursor=_cursor(request)
        )
    except browse.BadCursor:
        problems.append("that page link is stale or broken: showing the first page")
        page = browse.list_actors(_store(request), q=q or None, type=kind, sort=sort, limit=PAGE_SIZE)
    return _render(
        request,
        "actors.html",
        page=page,
        q=q,
        sort=sort,
        kind=kind,
        problems=problems,
        first_page=not request.query_params.get("cursor"),
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> Response:
    _reader(request)
    store = _store(request)
    live = browse.resolve_actor(store, actor_id)
    if live is None:
        raise HTTPException(status_code=404, detail=f"There is no actor {actor_id}.")
    if live != actor_id:  # merged away: the survivor's page
        return RedirectResponse(f"/actors/{live}", status_code=307)
    detail = browse.actor_detail(store, live)
    assert detail is not None
    return _render(
        request,
        "actor.html",
        d=detail,
        a=detail.actor,
        reports=_reports(request, detail.threats_received.items, detail.threats_made.items),
        threateners=browse.threat_ties(store, live, against=True),
        threatened=browse.threat_ties(store, live, against=False),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    _reader(request)
    q = (request.query_params.get("q") or "").strip()[:200]
    store = _store(request)
    results = None
    if q:
        results = {
            "documents": browse.search_documents(store, q, limit=20),
            "threats": browse.list_threats(store, browse.ThreatFilter(q=q), limit=20),
            "actors": browse.list_actors(store, q=q, sort="name", limit=20),
        }
    reports = _reports(request, results["threats"].items) if results else {}
    return _render(request, "search.html", q=q, results=results, reports=reports)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    _reader(request)
    f, values, problems = _filter_from(request)
    f = browse.ThreatFilter(**{**values, "status": "unreviewed"})
    try:
        page = browse.list_threats(_store(request), f, limit=REVIEW_PAGE, cursor=_cursor(request))
    except browse.BadCursor:
        page = browse.list_threats(_store(request), f, limit=REVIEW_PAGE)
    return _render(
        request,
        "review.html",
        page=page,
        filters=values,
        problems=problems,
        first_page=not request.query_params.get("cursor"),
    )


def _local_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    request_user(request)
    return _render(request, "login.html", next=_local_next(request.query_params.get("next")), error=None)


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    origin = request.headers.get("origin")
    if origin is not None and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise HTTPException(status_code=403, detail="Sign-in from another site refused.")
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    target = _local_next((form.get("next") or ["/"])[0])
    user = verify_token(_store(request), token) if token else None
    if user is None:
        request.state.user = None
        error = "That token is unknown, revoked or mistyped."
        return _render(request, "login.html", status=401, next=target, error=error)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        token,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.secure_cookie,
        max_age=14 * 24 * 3600,
        path="/",
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict")
    return response


def mount_pages(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    async def sign_in_needed(request: Request, _exc: Exception) -> Response:
        return RedirectResponse("/login?" + urlencode({"next": str(request.url.path)}), status_code=303)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if request.url.path.startswith(("/api/", "/static/", "/openapi.json")):
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        return _render(request, "error.html", status=exc.status_code, code=exc.status_code, message=exc.detail)

    app.add_exception_handler(SignInNeeded, sign_in_needed)
    app.add_exception_handler(StarletteHTTPException, http_error)
