"""The FastAPI application of `forewarn serve`: the HTTP API, its OpenAPI document, and the
analysts' pages, all over one store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from forewarn import __version__
from forewarn.api.analysis import Analyser
from forewarn.api.routes import router as api_router
from forewarn.api.security import CSRF_HEADER, BodyLimitMiddleware, SecurityHeadersMiddleware
from forewarn.api.settings import Settings
from forewarn.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

DESCRIPTION = """\
Threats of targeted political violence extracted from open-source text: who threatens whom,
with verbatim evidence (character offsets into the document), violent events and actors.

Lists are paged with opaque cursors: pass a page's `next_cursor` as `cursor` to get the next.
Writes (`POST /api/documents`, `PATCH /api/threats/{id}`) need an API token
(`Authorization: Bearer fw_...`, made with `forewarn tokens create NAME`); reads need one
too when the server is started with `--reads-need-token`.
"""


def create_app(settings: Settings, store: Store | None = None, nlp: Language | None = None) -> FastAPI:
    """The application over `settings.db_url` (or an open `store`, which the caller closes);
    `nlp`, a loaded spaCy pipeline to analyse submitted documents with (default: loaded on
    the first submission)."""
    owns_store = store is None
    logging.getLogger("alembic").setLevel(logging.WARNING)
    store = store or Store(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_store:
            store.close()

    app = FastAPI(
        title="forewarn",
        version=__version__,
        description=DESCRIPTION,
        # the interactive docs pages load their scripts from a CDN: only the document is served
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.analyser = Analyser(store, settings.spacy_model, nlp)
    app.include_router(api_router)

    from forewarn.web.pages import mount_pages

    mount_pages(app)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type", CSRF_HEADER],
            allow_credentials=False,
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
