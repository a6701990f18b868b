"""The extractor interface and the choice between engines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Protocol

from forewarn.model import Document, DocumentAnalysis

ENGINES = ("local", "dask")

# what extraction made of one document
Outcome = tuple[Document, DocumentAnalysis | Exception]


class ExtractionFailed(RuntimeError):
    """Extraction of one document failed (on a worker, the original exception's text)."""


class Extractor(Protocol):
    """Documents in, analyses out, in the same order; usable as a context manager."""

    description: str

    def extract(self, documents: Iterable[Document]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Extractor: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def open_extractor(
    engine: str = "local",
    *,
    model: str | None = None,
    batch_size: int = 16,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Extractor:
    """An extractor on `engine`: "local" (this process) or "dask" (join the cluster at
    `scheduler`, or start a local one with `workers` processes)."""
    if engine == "local":
        from forewarn.engine.local import LocalExtractor

        return LocalExtractor(model=model, batch_size=batch_size)
    if engine == "dask":
        from forewarn.engine.cluster import DaskExtractor

        return DaskExtractor(model=model, batch_size=batch_size, scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
