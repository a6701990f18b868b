"""Where per-document extraction runs: in this process, or on the workers of a Dask cluster.

An `Extractor` turns documents into analyses (actors with local ids, threats, events: no
global actor ids yet), yielding them in the order the documents came in. Everything that
needs the whole store (actor resolution, saving, the JSONL) stays with the caller, in
document order, so the results do not depend on where or how fast documents were parsed.

    with open_extractor("dask", workers=2) as extractor:
        for document, analysis in extractor.extract(documents):
            ...  # analysis is a DocumentAnalysis, or the Exception that stopped it
"""

from __future__ import annotations

from forewarn.engine.base import ENGINES, ExtractionFailed, Extractor, Outcome, open_extractor

__all__ = ["ENGINES", "ExtractionFailed", "Extractor", "Outcome", "open_extractor"]
