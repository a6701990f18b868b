"""The main job: documents in, stored analyses and analysis JSONL out.

Stages meet here and only here: ingest yields documents, the language pipeline parses them
in batches, extraction finds actors, threats and events, resolution gives actors their
global ids against the store, and the store and the JSONL writer keep the results. A bad
document becomes an error record and the run carries on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from forewarn.extract import analyse_document
from forewarn.ingest import IngestOptions, iter_documents
from forewarn.model import Document, DocumentAnalysis, IngestError
from forewarn.nlp.pipeline import load_nlp, parse_documents
from forewarn.output.jsonl import analysis_record, error_record, write_jsonl
from forewarn.resolve.resolver import ActorResolver, KnownActor, context_tokens
from forewarn.store import Store

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    analyses: list[DocumentAnalysis] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def threat_count(self) -> int:
        return sum(len(a.threats) for a in self.analyses)


def build_resolver(store: Store) -> ActorResolver:
    """A resolver over every actor in the store, with the analysts' corrections applied."""
    known = [
        KnownActor(
            actor_id=row.actor_id,
            type=row.type,
            name=row.name,
            aliases=list(row.aliases),
            # the context of earlier runs, and stored affiliations (a knowledge base's too)
            context={*row.context, *(f"org:{org}" for org in row.affiliations)},
            documents=row.documents,
        )
        for row in store.known_actors()
    ]
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


def _record_joins(store: Store, analysis: DocumentAnalysis, decisions: list) -> None:
    """Keep the resolver's reasons for every cross-document join, so a merge can be explained."""
    for decision in decisions:
        if decision.created or not decision.matched_name:
            continue
        actor = analysis.actor(decision.local_id)
        if decision.matched_name in actor.surface_forms():
            continue  # the same spelling again: nothing to explain
        store.record_merge(
            "auto",
            [decision.actor_id],
            [actor.name, decision.matched_name],
            f"{analysis.document.doc_id}: {decision.reason} (score {decision.score:.2f})",
        )


def _documents(
    items: Iterable[Document | IngestError], errors: list[IngestError], on_error: Callable[[IngestError], None]
) -> Iterator[Document]:
    for item in items:
        if isinstance(item, IngestError):
            errors.append(item)
            on_error(item)
        else:
            yield item


def analyse_documents(
    documents: Iterable[Document | IngestError],
    store: Store,
    *,
    out: IO[str] | None = None,
    model: str | None = None,
    batch_size: int = 16,
    on_document: Callable[[Document | IngestError], None] = lambda _: None,
) -> RunResult:
    """Analyse, resolve and store documents; write one JSONL line per document to `out`."""
    nlp = load_nlp(model)
    resolver = build_resolver(store)
    result = RunResult()

    def failed(error: IngestError) -> None:
        store.record_error(error)
        if out is not None:
            write_jsonl([error_record(error)], out)
        on_document(error)

    for document, doc in parse_documents(_documents(documents, result.errors, failed), nlp, batch_size=batch_size):
        try:
            if isinstance(doc, Exception):
                raise doc
            analysis = analyse_document(document, doc)
            decisions = resolver.resolve(analysis)
            store.save_analysis(analysis, contexts={a.local_id: context_tokens(analysis, a) for a in analysis.actors})
            _record_joins(store, analysis, decisions)
        except Exception as exc:  # one broken document must not stop the run
            log.exception("analysis failed for %s", document.doc_id)
            error = IngestError(
                source=document.source_path or document.doc_id, reason=f"analysis failed: {exc}", doc_id=document.doc_id
            )
            result.errors.append(error)
            failed(error)
            continue
        result.analyses.append(analysis)
        if out is not None:
            write_jsonl([analysis_record(analysis)], out)
        on_document(document)
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
