"""`POST /api/documents`: build a `Document` from what was sent (text, HTML or a URL to fetch)
and run the real pipeline on it."""

from __future__ import annotations

import hashlib
import threading
from typing import TYPE_CHECKING

from forewarn.api.settings import Settings
from forewarn.ingest import decode_bytes, read_html_document, read_text_document
from forewarn.ingest.document import IngestFailed
from forewarn.model import Document
from forewarn.store import Store, browse

if TYPE_CHECKING:
    from spacy.language import Language

    from forewarn.api.schemas import DocumentIn

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class AnalysisRefused(ValueError):
    """The submission cannot be turned into a document (refused URL, unreadable content)."""


def default_doc_id(content: str | bytes) -> str:
    """'api-' and 16 hex digits of the content's SHA-256: the same text sent twice is one document."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return "api-" + hashlib.sha256(data).hexdigest()[:16]


def build_document(settings: Settings, body: DocumentIn, user: str) -> Document:
    metadata: dict[str, object] = dict(body.metadata or {})
    metadata["submitted_by"] = user
    common = {"published": body.published, "title": body.title, "source": body.source}
    try:
        if body.text is not None:
            return read_text_document(
                body.text,
                body.doc_id or default_doc_id(body.text),
                url=body.url,
                language=body.language,
                metadata=metadata,
                **common,
            )
        if body.html is not None:
            document = read_html_document(body.html, body.doc_id or default_doc_id(body.html), url=body.url, **common)
        else:
            document = _fetched_document(settings, body, str(body.url))
    except IngestFailed as exc:
        raise AnalysisRefused(str(exc)) from None
    document.metadata.update(metadata)
    if body.language:
        document.language = body.language
    return document


def _fetched_document(settings: Settings, body: DocumentIn, url: str) -> Document:
    from forewarn.ingest.fetch import FetchError, fetch_url

    try:
        fetched = fetch_url(url, allow_private=settings.allow_private_urls, max_bytes=settings.max_upload_bytes)
    except FetchError as exc:
        raise AnalysisRefused(f"url: {exc.reason}") from None
    doc_id = body.doc_id or default_doc_id(fetched.content)
    common = {"published": body.published, "title": body.title, "source": body.source}
    looks_html = fetched.content.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    if fetched.content_type in _HTML_TYPES or looks_html:
        document = read_html_document(fetched.content, doc_id, url=fetched.final_url, **common)
    else:
        try:
            text, encoding = decode_bytes(fetched.content)
        except Exception as exc:  # DecodeError and its kin: binary content
            raise AnalysisRefused(f"url: unreadable content ({exc})") from None
        document = read_text_document(text, doc_id, url=fetched.final_url, metadata={"encoding": encoding}, **common)
    document.metadata["fetched_url"] = fetched.final_url
    return document


class Analyser:
    """Runs the pipeline for submitted documents: the spaCy pipeline is loaded once, on the
    first submission, and analyses run one at a time (new actor ids are numbered from the
    store, so two at once could pick the same id)."""

    def __init__(self, store: Store, model: str | None = None, nlp: Language | None = None) -> None:
        self.store = store
        self.model = model
        self._lock = threading.Lock()
        self._nlp = nlp

    def analyse(self, document: Document) -> browse.DocumentDetail:
        from forewarn.nlp.pipeline import load_nlp
        from forewarn.pipeline import analyse_one

        with self._lock:
            if self._nlp is None:
                self._nlp = load_nlp(self.model)
            # stores it and places its threats among the reports of the same threats (corroboration)
            analyse_one(document, self.store, self._nlp)
        detail = browse.document_detail(self.store, document.doc_id)
        assert detail is not None
        return detail
