"""The main job: documents in, stored analyses and analysis JSONL out.

Stages meet here and only here: ingest yields documents, an extractor (this process, or the
workers of a Dask cluster: `forewarn.engine`) parses them and finds actors, threats and
events, resolution gives actors their global ids against the store, and the store and the
JSONL writer keep the results. A bad document becomes an error record and the run carries on.

Everything streams: documents are read, analysed and written one after the other, so a run
over millions of documents holds only a few batches in memory. Resolution and storage run
here, in document order, whatever the engine, so actor ids do not depend on it.

Crash safety: each document is saved in one transaction (its facts, actors, aliases and the
resolver's merge records together), and its JSONL line is written and flushed after the
commit. A run killed at any moment leaves every document fully stored or not at all; with
`resume=True` a later run skips what is stored (same doc_id, same content hash) and written,
and redoes the rest.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from spacy.language import Language

from forewarn.engine import Extractor
from forewarn.engine.local import LocalExtractor
from forewarn.ingest import IngestOptions, iter_documents
from forewarn.model import Document, DocumentAnalysis, IngestError
from forewarn.output.jsonl import analysis_record, error_record, write_jsonl
from forewarn.resolve.resolver import ActorResolver, KnownActor, context_tokens
from forewarn.store import KnownActorRow, Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Skipped:
    """Documents left alone because a resumed run finds them analysed already: `count`
    documents in a row, the first of them `doc_id`."""

    doc_id: str
    source: str | None = None
    count: int = 1


Outcome = DocumentAnalysis | IngestError | Skipped


@dataclass
class RunResult:
    analyses: list[DocumentAnalysis] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def threat_count(self) -> int:
        return sum(len(a.threats) for a in self.analyses)

    @property
    def skipped_count(self) -> int:
        return sum(s.count for s in self.skipped)


@dataclass
class ResumeState:
    """What an earlier, interrupted run finished: stored documents are checked in the store;
    `written` and `written_errors` are what its JSONL output already holds (None: no output)."""

    written: Container[str] | None = None
    written_errors: Container[tuple[str, str]] = frozenset()


def _known(row: KnownActorRow) -> KnownActor:
    return KnownActor(
        actor_id=row.actor_id,
        type=row.type,
        name=row.name,
        aliases=list(row.aliases),
        # the context of earlier runs, and stored affiliations (a knowledge base's too)
        context={*row.context, *(f"org:{org}" for org in row.affiliations)},
        documents=row.documents,
    )


def build_resolver(store: Store) -> ActorResolver:
    """A resolver over every actor in the store, with the analysts' corrections applied."""
    known = [_known(row) for row in store.known_actors()]
    resolver = ActorResolver(known, next_number=store.next_actor_number())
    same: list[tuple[str, str]] = []
    different: list[tuple[str, str]] = []
    for record in store.corrections():
        if record.kind == "merge" and len(record.names) >= 2:
            same.append((record.names[0], record.names[1]))
        elif record.kind == "split" and record.alias:
            # the split-off name must not rejoin the actor it was taken from
            different.append((record.alias, record.names[0]))
    resolver.apply_correction(same=same, different=different)
    return resolver


def _joins(analysis: DocumentAnalysis, decisions: list) -> list[tuple[list[str], list[str], str]]:
    """The resolver's reasons for every cross-document join, so a merge can be explained."""
    joins = []
    for decision in decisions:
        if decision.created or not decision.matched_name:
            continue
        actor = analysis.actor(decision.local_id)
        if decision.matched_name in actor.surface_forms():
            continue  # the same spelling again: nothing to explain
        joins.append(
            (
                [decision.actor_id],
                [actor.name, decision.matched_name],
                f"{analysis.document.doc_id}: {decision.reason} (score {decision.score:.2f})",
            )
        )
    return joins


def resolve_and_save(store: Store, resolver: ActorResolver, analysis: DocumentAnalysis) -> None:
    """Give the analysis's actors their global ids and store it, in one transaction."""
    decisions = resolver.resolve(analysis)
    renumbered = store.save_analysis(
        analysis,
        contexts={a.local_id: context_tokens(analysis, a) for a in analysis.actors},
        auto_merges=_joins(analysis, decisions),
        new_actor_ids={d.actor_id for d in decisions if d.created},
    )
    if renumbered:  # another writer took those ids meanwhile: learn both actors as they are stored now
        wanted = {*renumbered, *renumbered.values()}
        for row in store.known_actors():
            if row.actor_id in wanted:
                resolver.add_known(_known(row))


def analyse_stream(
    items: Iterable[Document | IngestError],
    store: Store,
    *,
    out: IO[str] | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    batch_size: int = 16,
    extractor: Extractor | None = None,
    resume: ResumeState | None = None,
) -> Iterator[Outcome]:
    """Analyse, resolve and store documents as they come; yield what became of each one
    (its analysis, its error, or Skipped), in input order. `out` gets one JSONL line per
    document or error, flushed as it is written.

    The extractor decides where parsing and extraction run (default: this process, with
    `nlp` or the `model` pipeline); resolution and storage always run here.
    """
    extractor = extractor or LocalExtractor(model=model, nlp=nlp, batch_size=batch_size)
    resolver = build_resolver(store)
    # outcomes of ingest errors and skipped documents wait here until the extractor's
    # stream reaches them, so everything comes out in input order
    queue: deque[Outcome | Document] = deque()

    def failed(error: IngestError) -> IngestError:
        key = (error.source, error.reason)
        if resume is not None and store.has_error(*key):
            pass  # recorded by the interrupted run
        else:
            store.record_error(error)
        if out is not None and (resume is None or key not in resume.written_errors):
            write_jsonl([error_record(error)], out)
            out.flush()
        return error

    def to_extract() -> Iterator[Document]:
        for item in items:
            if isinstance(item, IngestError):
                queue.append(item)
                continue
            if resume is not None and _finished(store, item, resume):
                if queue and isinstance(queue[-1], Skipped):
                    queue[-1].count += 1  # a long run of finished documents costs one entry
                else:
                    queue.append(Skipped(item.doc_id, item.source_path))
                continue
            queue.append(item)
            yield item

    def drain_until(document: Document | None) -> Iterator[Outcome]:
        """Outcomes queued before `document` (all of them when None)."""
        while queue:
            head = queue[0]
            if isinstance(head, Document):
                if head is document:
                    queue.popleft()
                    return
                if document is not None:
                    raise RuntimeError(f"extractor returned {document.doc_id} out of order (expected {head.doc_id})")
                return
            queue.popleft()
            yield failed(head) if isinstance(head, IngestError) else head

    for document, outcome in extractor.extract(to_extract()):
        yield from drain_until(document)
        try:
            if isinstance(outcome, Exception):
                raise outcome
            resolve_and_save(store, resolver, outcome)
        except Exception as exc:  # one broken document must not stop the run
            log.warning("analysis failed for %s: %s", document.doc_id, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            yield failed(
                IngestError(
                    source=document.source_path or document.doc_id,
                    reason=f"analysis failed: {exc}",
                    doc_id=document.doc_id,
                )
            )
            continue
        if out is not None:
            write_jsonl([analysis_record(outcome)], out)
            out.flush()
        yield outcome
    yield from drain_until(None)
    # one threat reported by several documents becomes one threat event (issue 5)
    from forewarn.analyse.clusters import update_clusters

    update_clusters(store)


def _finished(store: Store, document: Document, resume: ResumeState) -> bool:
    stored = store.analysed_hashes([document.doc_id]).get(document.doc_id)
    if stored != document.content_hash:
        return False
    return resume.written is None or document.doc_id in resume.written


def analyse_documents(
    documents: Iterable[Document | IngestError],
    store: Store,
    *,
    out: IO[str] | None = None,
    model: str | None = None,
    batch_size: int = 16,
    on_document: Callable[[Document | IngestError], None] = lambda _: None,
    extractor: Extractor | None = None,
) -> RunResult:
    """Analyse, resolve and store documents; write one JSONL line per document to `out`.
    Keeps every analysis in the result: for long runs iterate `analyse_stream` instead."""
    result = RunResult()
    for outcome in analyse_stream(documents, store, out=out, model=model, batch_size=batch_size, extractor=extractor):
        if isinstance(outcome, IngestError):
            result.errors.append(outcome)
            on_document(outcome)
        elif isinstance(outcome, Skipped):
            result.skipped.append(outcome)
        else:
            result.analyses.append(outcome)
            on_document(outcome.document)
    return result


def analyse_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    options: IngestOptions | None = None,
    out: IO[str] | None = None,
    model: str | None = None,
    on_document: Callable[[Document | IngestError], None] = lambda _: None,
) -> RunResult:
    return analyse_documents(
        iter_documents(paths, options or IngestOptions()), store, out=out, model=model, on_document=on_document
    )


_ONE_AT_A_TIME = threading.Lock()


def analyse_one(document: Document, store: Store, nlp: Language | None = None) -> DocumentAnalysis:
    """Analyse, resolve and store one document (what `POST /api/documents` calls); raises
    when the document cannot be analysed. Calls in one process are serialised, so two
    documents never mint the same new actor id."""
    extractor = LocalExtractor(nlp=nlp, batch_size=1)
    [(_, outcome)] = list(extractor.extract([document]))
    if isinstance(outcome, Exception):
        raise outcome
    from forewarn.analyse.clusters import update_clusters

    with _ONE_AT_A_TIME:
        resolve_and_save(store, build_resolver(store), outcome)
        update_clusters(store)  # the API shows corroboration at once
    return outcome


def open_resumed_output(path: Path) -> tuple[IO[str], ResumeState]:
    """Open an interrupted run's JSONL output to append to it: a last line cut off by the
    crash is removed, and the documents and errors already written are returned."""
    written: set[str] = set()
    errors: set[tuple[str, str]] = set()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        good_end = 0
        with path.open("rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break  # the line being written when the run was killed
                try:
                    record = json.loads(line)
                except ValueError:
                    break
                good_end += len(line)
                if record.get("error") is not None:
                    errors.add((str(record.get("source")), str(record.get("error"))))
                elif record.get("doc_id") is not None:
                    written.add(str(record["doc_id"]))
        if good_end != path.stat().st_size:
            os.truncate(path, good_end)
    return path.open("a", encoding="utf-8"), ResumeState(written=written, written_errors=errors)
