"""Extraction in this process: spaCy's batched `nlp.pipe`, then the extractors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from types import TracebackType

from spacy.language import Language

from forewarn.engine.base import Outcome
from forewarn.engine.deadline import doc_timeout, time_limit
from forewarn.extract import analyse_document
from forewarn.model import Document
from forewarn.nlp.pipeline import load_nlp, parse_documents


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


def _extract(documents: list[Document], nlp: Language, batch_size: int) -> Iterator[Outcome]:
    for document, doc in parse_documents(documents, nlp, batch_size=batch_size):
        if isinstance(doc, Exception):
            yield document, doc
            continue
        try:
            with time_limit(doc_timeout()):
                analysis = analyse_document(document, doc)
        except Exception as exc:  # one broken (or endless) document must not stop the run
            yield document, exc
            continue
        yield document, analysis


def extract_documents(documents: Iterable[Document], nlp: Language, *, batch_size: int = 16) -> Iterator[Outcome]:
    """Parse in batches and extract, in order; a failing document yields its exception and
    the rest go on (a batch that fails as a whole is done again one document at a time)."""
    for batch in batches(documents, batch_size):
        try:
            outcomes = list(_extract(batch, nlp, batch_size))
        except Exception:
            outcomes = []
            for document in batch:
                try:
                    outcomes.extend(_extract([document], nlp, 1))
                except Exception as exc:
                    outcomes.append((document, exc))
        yield from outcomes


class LocalExtractor:
    def __init__(self, *, model: str | None = None, nlp: Language | None = None, batch_size: int = 16) -> None:
        self.model = model
        self._nlp = nlp
        self.batch_size = batch_size
        self.description = "this process"

    @property
    def nlp(self) -> Language:
        """The pipeline, loaded on first use (a resumed run with nothing left loads none)."""
        if self._nlp is None:
            self._nlp = load_nlp(self.model)
        return self._nlp

    def extract(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        iterator = iter(documents)
        for first in iterator:
            yield from extract_documents(chain([first], iterator), self.nlp, batch_size=self.batch_size)

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalExtractor:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
