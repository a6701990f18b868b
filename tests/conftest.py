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
