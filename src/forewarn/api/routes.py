"""The HTTP API: `/api/...` (JSON). Every list is paged by an opaque keyset cursor."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from forewarn.api.schemas import (
    ActorDetailOut,
    ActorPage,
    ActorTypeName,
    DocumentIn,
    DocumentOut,
    EventPage,
    EventTypeName,
    NetworkOut,
    ReviewStatus,
    SearchOut,
    SessionIn,
    ThreatDetailOut,
    ThreatFormName,
    ThreatPage,
    ThreatPatch,
    ThreatTypeName,
    TimelineOut,
    WhoAmI,
)
from forewarn.api.security import COOKIE_NAME, request_user, require_reader, require_writer
from forewarn.model import Document
from forewarn.store import Store, browse
from forewarn.store.views import EventRow

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

Reader = Annotated[str | None, Depends(require_reader)]
Writer = Annotated[str, Depends(require_writer)]
Limit = Annotated[int, Query(ge=1, le=browse.MAX_PAGE, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=600, description="next_cursor of the previous page")]
ActorParam = Annotated[str | None, Query(max_length=200, description="an actor id (A12) or any of its names")]
IsoDate = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
ActorPath = Annotated[str, Path(max_length=200, description="an actor id such as A12")]

NOT_FOUND = {404: {"description": "not found"}}
AUTH = {401: {"description": "no valid API token"}, 403: {"description": "refused"}}


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _unprocessable(detail: str) -> HTTPException:
    return HTTPException(status_code=422, detail=detail)


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _unprocessable(f"{name}: {value!r} is not a date") from None
    return value


def _page_json(page: browse.Page[Any]) -> dict[str, Any]:
    return {"items": [item.to_json() for item in page.items], "next_cursor": page.next_cursor}


def reports_of(store: Store, threat_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Corroboration of each threat (how many documents report it), from the clustering of
    the warning stage."""
    from forewarn.store.warning import cluster_of

    return {
        tid: {
            "cluster_id": info.cluster_id,
            "report_count": info.report_count,
            "earliest_published": info.earliest_published,
            "doc_ids": list(info.doc_ids),
        }
        for tid, info in cluster_of(store, threat_ids).items()
    }


def _threat_page_json(store: Store, page: browse.Page[browse.ThreatItem]) -> dict[str, Any]:
    reports = reports_of(store, [t.row.threat_id for t in page.items])
    return {
        "items": [{**t.to_json(), "reports": reports.get(t.row.threat_id)} for t in page.items],
        "next_cursor": page.next_cursor,
    }


def _event_json(row: EventRow) -> dict[str, object]:
    return row.to_json()


# ---------------------------------------------------------------------- threats


@router.get("/threats", response_model=ThreatPage, tags=["threats"], responses=AUTH)
def list_threats(
    request: Request,
    _user: Reader,
    target: ActorParam = None,
    speaker: ActorParam = None,
    organisation: ActorParam = None,
    type: ThreatTypeName | None = None,
    form: ThreatFormName | None = None,
    status: ReviewStatus | None = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the evidence")] = None,
    doc_id: Annotated[str | None, Query(max_length=300)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Threats, newest first, filtered; `date_from` / `date_to` are inclusive."""
    date_from = _check_date(date_from, "date_from")
    date_to = _check_date(date_to, "date_to")
    if date_from and date_to and date_from > date_to:
        raise _unprocessable("date_from is after date_to")
    f = browse.ThreatFilter(
        target=target,
        speaker=speaker,
        organisation=organisation,
        type=type,
        form=form,
        status=status,
        date_from=date_from,
        date_to=date_to,
        q=q,
        doc_id=doc_id,
    )
    try:
        return _threat_page_json(_store(request), browse.list_threats(_store(request), f, limit=limit, cursor=cursor))
    except browse.BadCursor as exc:
        raise _unprocessable(f"cursor: {exc}") from None


def _threat_detail_json(store: Store, detail: browse.ThreatDetail) -> dict[str, Any]:
    return {
        **detail.item.to_json(),
        "reports": reports_of(store, [detail.item.row.threat_id]).get(detail.item.row.threat_id),
        "review": detail.item.review.to_json() if detail.item.review else None,
        "history": [h.to_json() for h in detail.history],
    }


@router.get("/threats/{threat_id}", response_model=ThreatDetailOut, tags=["threats"], responses={**NOT_FOUND, **AUTH})
def get_threat(request: Request, _user: Reader, threat_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    """One threat with its evidence spans, review and review history."""
    detail = browse.threat_detail(_store(request), threat_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no threat {threat_id}")
    return _threat_detail_json(_store(request), detail)


@router.patch(
    "/threats/{threat_id}",
    response_model=ThreatDetailOut,
    tags=["threats", "review"],
    responses={**NOT_FOUND, **AUTH},
)
def review_threat(
    request: Request, user: Writer, threat_id: Annotated[int, Path(ge=1, le=2**62)], patch: ThreatPatch
) -> dict[str, Any]:
    """Confirm, reject or correct a threat (speaker, target, type, form). The review records
    who and when, survives re-analysis of the document, and shows in every export."""
    change = browse.ReviewChange(
        status=patch.status,
        speaker_id=patch.speaker_id,
        target_id=patch.target_id,
        type=patch.type,
        form=patch.form,
        note=patch.note,
    )
    try:
        detail = browse.review_threat(_store(request), threat_id, change, user)
    except browse.ReviewError as exc:
        raise _unprocessable(str(exc)) from None
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no threat {threat_id}")
    return _threat_detail_json(_store(request), detail)


# ---------------------------------------------------------------------- events


@router.get("/events", response_model=EventPage, tags=["events"], responses=AUTH)
def list_events(
    request: Request,
    _user: Reader,
    actor: ActorParam = None,
    type: EventTypeName | None = None,
    doc_id: Annotated[str | None, Query(max_length=300)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Violent events, newest first; `actor` matches the event's actor or its target."""
    try:
        page = browse.list_events(
            _store(request), browse.EventFilter(actor=actor, type=type, doc_id=doc_id), limit=limit, cursor=cursor
        )
    except browse.BadCursor as exc:
        raise _unprocessable(f"cursor: {exc}") from None
    return {"items": [_event_json(e) for e in page.items], "next_cursor": page.next_cursor}


# ---------------------------------------------------------------------- actors


@router.get("/actors", response_model=ActorPage, tags=["actors"], responses=AUTH)
def list_actors(
    request: Request,
    _user: Reader,
    q: Annotated[str | None, Query(max_length=200, description="an actor id or part of any name")] = None,
    type: ActorTypeName | None = None,
    sort: Annotated[str, Query(pattern="^(name|threatened|threatening)$")] = "name",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Actors by name, or by the number of threats received (`threatened`) or made (`threatening`)."""
    try:
        page = browse.list_actors(_store(request), q=q, type=type, sort=sort, limit=limit, cursor=cursor)
    except browse.BadCursor as exc:
        raise _unprocessable(f"cursor: {exc}") from None
    return _page_json(page)


@router.get("/actors/{actor_id}", response_model=ActorDetailOut, tags=["actors"], responses={**NOT_FOUND, **AUTH})
def get_actor(request: Request, _user: Reader, actor_id: ActorPath) -> dict[str, Any]:
    """An actor (following merges): names, aliases, affiliations, merge history, and the
    first page of the threats it made and received and of its events."""
    detail = browse.actor_detail(_store(request), actor_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no actor {actor_id}")
    return {
        "actor": detail.actor.to_json(),
        "requested_id": detail.requested_id,
        "affiliations": [_affiliation(a) for a in detail.affiliations],
        "members": [_affiliation(a) for a in detail.members],
        "members_total": detail.members_total,
        "merged_ids": list(detail.merged_ids),
        "history": [h.to_json() for h in detail.history],
        "threats_made": _threat_page_json(_store(request), detail.threats_made),
        "threats_received": _threat_page_json(_store(request), detail.threats_received),
        "events": {"items": [_event_json(e) for e in detail.events.items], "next_cursor": detail.events.next_cursor},
        "events_total": detail.events_total,
    }


def _affiliation(a: Any) -> dict[str, Any]:
    return {"actor_id": a.actor_id, "name": a.name, "type": a.type, "doc_ids": list(a.doc_ids)}


@router.get("/actors/{actor_id}/network", response_model=NetworkOut, tags=["actors"], responses={**NOT_FOUND, **AUTH})
def get_network(
    request: Request, _user: Reader, actor_id: ActorPath, size: Annotated[int, Query(ge=1, le=100)] = 25
) -> dict[str, Any]:
    """Who threatens whom around an actor: its `size` closest threat ties and the ties among them."""
    network = browse.actor_network(_store(request), actor_id, size=size)
    if network is None:
        raise HTTPException(status_code=404, detail=f"no actor {actor_id}")
    return {
        "nodes": [{"actor_id": n.actor_id, "name": n.name, "type": n.type, "focus": n.focus} for n in network.nodes],
        "edges": [{"source": e.source, "target": e.target, "threats": e.threats} for e in network.edges],
    }


@router.get(
    "/targets/{actor_id}/timeline", response_model=TimelineOut, tags=["actors"], responses={**NOT_FOUND, **AUTH}
)
def get_timeline(
    request: Request,
    _user: Reader,
    actor_id: ActorPath,
    granularity: Annotated[str, Query(pattern="^(year|month|day)$")] = "month",
) -> dict[str, Any]:
    """Threats and events against an actor per period (the fact's date, else its document's)."""
    timeline = browse.target_timeline(_store(request), actor_id, granularity)
    if timeline is None:
        raise HTTPException(status_code=404, detail=f"no actor {actor_id}")
    return {
        "actor_id": timeline.actor_id,
        "name": timeline.name,
        "granularity": timeline.granularity,
        "buckets": [b.to_json() for b in timeline.buckets],
        "undated_threats": timeline.undated_threats,
        "undated_events": timeline.undated_events,
    }


# ---------------------------------------------------------------------- documents


def document_json(detail: browse.DocumentDetail) -> dict[str, Any]:
    return {
        "doc_id": detail.doc_id,
        "title": detail.title,
        "published": detail.published,
        "url": detail.url,
        "source": detail.source,
        "source_path": detail.source_path,
        "language": detail.language,
        "content_hash": detail.content_hash,
        "analysed_at": detail.analysed_at,
        "metadata": detail.metadata,
        "ignored": [list(r) for r in detail.ignored],
        "text": detail.text,
        "threats": [t.to_json() for t in detail.threats],
        "events": [_event_json(e) for e in detail.events],
        "mentions": [
            {"actor_id": a, "name": n, "type": t, "start": sp.start, "end": sp.end, "text": sp.text}
            for a, n, t, sp in detail.mentions
        ],
    }


@router.get("/documents/{doc_id:path}", response_model=DocumentOut, tags=["documents"], responses={**NOT_FOUND, **AUTH})
def get_document(request: Request, _user: Reader, doc_id: str) -> dict[str, Any]:
    """A document's text and metadata with every extracted span (threats, events, mentions)."""
    detail = browse.document_detail(_store(request), doc_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
    return document_json(detail)


@router.post(
    "/documents",
    response_model=DocumentOut,
    status_code=201,
    tags=["documents"],
    responses={**AUTH, 413: {"description": "body too large"}, 422: {"description": "bad or unreadable input"}},
)
async def submit_document(request: Request, response: Response, user: Writer, body: DocumentIn) -> dict[str, Any]:
    """Analyse a document (text, or HTML whose main text is extracted, or a URL to fetch)
    with the full pipeline, store it, and return the analysis. The same doc_id again
    re-analyses it; analysts' reviews of its threats are kept."""
    from forewarn.api.analysis import AnalysisRefused, build_document

    try:
        document: Document = await run_in_threadpool(build_document, request.app.state.settings, body, user)
    except AnalysisRefused as exc:
        raise _unprocessable(str(exc)) from None
    detail = await run_in_threadpool(request.app.state.analyser.analyse, document)
    response.headers["Location"] = f"/api/documents/{document.doc_id}"
    return document_json(detail)


# ---------------------------------------------------------------------- search and session


@router.get("/search", response_model=SearchOut, tags=["search"], responses=AUTH)
def search(
    request: Request,
    _user: Reader,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    """Documents (title or text), quotes (threat evidence) and actors (any name) matching `q`."""
    store = _store(request)
    return {
        "q": q,
        "documents": _page_json(browse.search_documents(store, q, limit=limit)),
        "threats": _threat_page_json(store, browse.list_threats(store, browse.ThreatFilter(q=q), limit=limit)),
        "actors": _page_json(browse.list_actors(store, q=q, limit=limit)),
    }


@router.get("/session", response_model=WhoAmI, tags=["session"])
def whoami(request: Request) -> dict[str, Any]:
    """Who the request is signed in as (by bearer token or sign-in cookie)."""
    return {"user": request_user(request), "reads_need_token": request.app.state.settings.reads_need_token}


@router.post("/session", response_model=WhoAmI, tags=["session"], responses=AUTH)
def sign_in(request: Request, response: Response, body: SessionIn) -> dict[str, Any]:
    """Sign the browser in with an API token: it is kept in an HttpOnly, SameSite=Strict cookie."""
    from forewarn.api.auth import verify_token

    user = verify_token(_store(request), body.token)
    if user is None:
        raise HTTPException(status_code=401, detail="unknown, revoked or malformed token")
    response.set_cookie(
        COOKIE_NAME,
        body.token.strip(),
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.secure_cookie,
        max_age=14 * 24 * 3600,
        path="/",
    )
    return {"user": user, "reads_need_token": request.app.state.settings.reads_need_token}


@router.delete("/session", status_code=204, tags=["session"])
def sign_out(response: Response) -> Response:
    """Forget the sign-in cookie."""
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict")
    return response
