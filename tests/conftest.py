"""Shared fixtures: one spaCy pipeline for the whole session (loading it is the slow part)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.model import Document, DocumentAnalysis
from forewarn.nlp.pipeline import analysis_text, load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def analyse(nlp: Language):
    def run(text: str, *, doc_id: str = "doc", published: str | None = "2024-03-09", ignored=None) -> DocumentAnalysis:
        document = Document(doc_id=doc_id, text=text, published=published, ignored=list(ignored or []))
        return analyse_document(document, nlp(analysis_text(document)))

    return run


@pytest.fixture
def db_url(tmp_path) -> str:
    """A fresh, empty store's SQLAlchemy URL.

    Storage and API tests take this fixture so that they run on every backend the suite
    can reach (SQLite always; PostgreSQL where a server can be started)."""
    return f"sqlite:///{tmp_path / 'forewarn.db'}"
