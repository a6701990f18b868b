"""Extraction on the workers of a Dask distributed cluster.

Documents go to the workers in batches; each worker process loads the spaCy pipeline once
(`load_nlp` is cached per process) and sends back analyses without the document text,
which the driver still holds. At most `window` batches are in flight, so memory stays
bounded however long the input, and results are handed back in document order.

Workers need forewarn (and its spaCy model) installed, as on the driver. One thread per
worker is best (`dask worker --nthreads 1`): spaCy holds the GIL for most of its work.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any

from forewarn.engine.base import ExtractionFailed, Outcome
from forewarn.engine.local import batches, extract_documents
from forewarn.model import Document, DocumentAnalysis
from forewarn.nlp.pipeline import load_nlp

log = logging.getLogger(__name__)


def warm_worker(model: str | None) -> str:
    """Load the pipeline on a worker before the first batch arrives (runs on every worker)."""
    return load_nlp(model).meta.get("name", "?")


def extract_batch(documents: list[Document], model: str | None, batch_size: int) -> list[DocumentAnalysis | str]:
    """Runs on a worker: one analysis per document, or the text of the error that stopped it."""
    nlp = load_nlp(model)
    results: list[DocumentAnalysis | str] = []
    for document, outcome in extract_documents(documents, nlp, batch_size=batch_size):
        if isinstance(outcome, Exception):
            results.append(f"{type(outcome).__name__}: {outcome}")
            continue
        # the driver has the text already: do not send it back
        outcome.document = Document(doc_id=document.doc_id, text="")
        results.append(outcome)
    return results


class DaskExtractor:
    """Join the cluster at `scheduler`, or start a local one of `workers` processes."""

    def __init__(
        self,
        *,
        model: str | None = None,
        batch_size: int = 16,
        scheduler: str | None = None,
        workers: int | None = None,
        window: int | None = None,
        connect_timeout: float | None = None,
    ) -> None:
        import dask
        from distributed import Client, LocalCluster

        self.model = model
        self.batch_size = max(1, batch_size)
        self.cluster: Any = None
        if scheduler:
            # timeout None: Dask's `distributed.comm.timeouts.connect` setting (30 s by default)
            self.client = Client(scheduler, timeout=connect_timeout)
            self.description = f"Dask cluster at {scheduler}"
        else:
            n = workers or os.cpu_count() or 1
            # the workers' statistical profiler samples every 10 ms: CPU taken from parsing,
            # for a dashboard nobody looks at here (a cluster of your own keeps its settings)
            # and Dask's default MALLOC_TRIM_THRESHOLD_ (64 KiB) makes spaCy's many allocations
            # trim memory back to the system over and over; glibc's own adaptive threshold is kept
            environ = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}
            # The scheduler and the nannies of a local cluster run in this process, beside
            # resolution and storage, and their timers cost CPU every second whatever the
            # work: idle, 54 ms of CPU per second here and 29 on each worker (a 20 ms event
            # loop tick, 500 ms system monitor, and a 100 ms memory check, each reading /proc
            # with psutil). Slower timers cut that to 9 and 5: the tick only detects a
            # blocked loop, the monitor feeds a dashboard that is off, and a worker over its
            # memory limit is still paused or restarted, within a second instead of 0.1 s.
            settings = {
                "distributed.worker.profile.enabled": False,
                "distributed.nanny.pre-spawn-environ": environ,
                "distributed.admin.tick.interval": "500ms",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "1s",
            }
            with dask.config.set(settings):
                self.cluster = LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self.cluster)
            self.description = f"local Dask cluster of {n} worker{'s' if n != 1 else ''}"
        try:
            threads = sum(self.client.nthreads().values())
            if threads == 0:
                raise RuntimeError(f"the {self.description} has no workers")
            self.window = window or max(2, 2 * threads)
            self.client.run(warm_worker, model)
        except BaseException:
            self.close()
            raise

    def extract(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        pending: deque[tuple[list[Document], Any]] = deque()
        try:
            for batch in batches(documents, self.batch_size):
                future = self.client.submit(extract_batch, batch, self.model, self.batch_size, pure=False)
                pending.append((batch, future))
                if len(pending) >= self.window:
                    yield from self._collect(*pending.popleft())
            while pending:
                yield from self._collect(*pending.popleft())
        finally:
            for _batch, future in pending:  # an abandoned run: free the cluster
                future.cancel()

    def _collect(self, batch: list[Document], future: Any) -> Iterator[Outcome]:
        try:
            results = future.result()
        except Exception as exc:  # a worker died (KilledWorker) or the batch could not run
            log.warning("batch of %d documents failed on the cluster: %s", len(batch), exc)
            for document in batch:
                yield document, ExtractionFailed(f"on the cluster: {type(exc).__name__}: {exc}")
            return
        for document, result in zip(batch, results, strict=True):
            if isinstance(result, str):
                yield document, ExtractionFailed(result)
            else:
                result.document = document
                yield document, result

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
                self.cluster = None

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
