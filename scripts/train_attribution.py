"""Learn the attribution ranker's weights from annotated document sets.

    python scripts/train_attribution.py tests/data/heldout2 tests/data/heldout3 ... \\
        --score ../shared/eval/score.py --out src/forewarn/extract/attribution_model.json

Each set is a folder with `docs/` and `gold.jsonl` in the format of `../shared/eval/FORMAT.md`.
Every threatening passage the rules find is matched to the gold threat its span overlaps; each
actor of the document is then a positive or negative example of that threat's speaker (and
target) by the scorer's own name folding. One gradient-boosted model (LightGBM) per role is fitted on all sets, and
each set is also left out in turn to report how often the model's choice is right on a set it
never saw, beside the rules' choice. The development set must never be given here.

Parses are cached in `--cache`, so that a change of features re-runs in a minute.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import lightgbm
import numpy as np
from spacy.tokens import Doc, DocBin

from forewarn.extract import analyse_document
from forewarn.extract.attribution import NULL, ROLES, AttributionRanker, Passage
from forewarn.extract.learned import matrix
from forewarn.ingest import iter_documents
from forewarn.model import Document
from forewarn.nlp.pipeline import load_nlp, parse_documents


@dataclass
class Example:
    """One passage, one role: every candidate's features and whether the gold names it."""

    set_name: str
    doc_id: str
    role: str
    rule: str  # the rules' choice (NULL for none)
    rows: list[tuple[str, dict[str, float], bool]]


class _Recorder(AttributionRanker):
    """Records the feature table of each passage and keeps the rules' choice."""

    tables: ClassVar[list[tuple[tuple[int, int], str, str, list[tuple[str, dict[str, float], set[str]]]]]] = []

    def choose(self, passages: list[Passage], role: str) -> str | None:
        for passage in passages:
            rows = []
            for candidate, feats in self.table(passage, role):
                names = set() if candidate == NULL else _names(self.actors.get(candidate))
                rows.append((candidate, feats, names))
            _Recorder.tables.append((passage.span, role, getattr(passage, role) or NULL, rows))
        return getattr(passages[0], role) if passages else None


def _names(actor) -> set[str]:  # type: ignore[no-untyped-def]
    return {*actor.surface_forms(), *(m.text for m in actor.mentions)}


def _parsed(set_dir: Path, cache: Path) -> Iterator[tuple[Document, Doc]]:
    nlp = load_nlp()
    documents = [d for d in iter_documents(set_dir / "docs") if isinstance(d, Document)]
    cached = cache / f"{set_dir.name}.spacy"
    if cached.exists():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
        if len(docs) == len(documents):
            yield from zip(documents, docs, strict=True)
            return
    pairs = [(d, doc) for d, doc in parse_documents(documents, nlp) if isinstance(doc, Doc)]
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=[doc for _, doc in pairs]).to_disk(cached)
    yield from pairs


def collect(set_dir: Path, cache: Path, score_module) -> list[Example]:  # type: ignore[no-untyped-def]
    gold = {
        json.loads(line)["doc_id"]: json.loads(line)
        for line in (set_dir / "gold.jsonl").read_text().splitlines()
        if line
    }
    fold = score_module.norm_name
    examples: list[Example] = []
    for document, doc in _parsed(set_dir, cache):
        _Recorder.tables = []
        analyse_document(document, doc, ranker=_Recorder)
        threats = gold.get(document.doc_id, {}).get("threats", [])
        for span, role, rule, rows in _Recorder.tables:
            match = _overlapping(threats, document.text, span)
            if match is None:
                continue
            wanted = {fold(n) for n in match.get(role) or []}
            labelled = [
                (cand, feats, (cand == NULL and not wanted) or bool({fold(n) for n in names} & wanted))
                for cand, feats, names in rows
            ]
            if any(label for _, _, label in labelled):
                examples.append(Example(set_dir.name, document.doc_id, role, rule, labelled))
    return examples


def _overlapping(threats: list[dict], text: str, span: tuple[int, int]) -> dict | None:
    best, best_overlap = None, 0
    for threat in threats:
        for quote in threat.get("quotes", []):
            at = text.find(quote)
            while at >= 0:
                overlap = min(span[1], at + len(quote)) - max(span[0], at)
                if overlap > best_overlap:
                    best, best_overlap = threat, overlap
                at = text.find(quote, at + 1)
    return best


PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "deterministic": True,
    "force_row_wise": True,
    "seed": 7,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 200


# a passage the rules gave no speaker (target) gets the model's pick only above this probability: in
# leave-one-set-out runs 0.1 kept every right pick and dropped a tenth of the wrong ones
FILL_THRESHOLD = 0.1


def fit(examples: list[Example], names: list[str]) -> lightgbm.Booster:
    x = matrix(names, [feats for ex in examples for _, feats, _ in ex.rows])
    y = np.array([int(label) for ex in examples for _, _, label in ex.rows])
    return lightgbm.train(PARAMS, lightgbm.Dataset(x, label=y), num_boost_round=ROUNDS)


# how much likelier than the rules' choice another actor must be to replace it; chosen per role by the
# leave-one-set-out runs (the largest of the best)
MARGINS = (0.0, 0.05, 0.1, 0.2)


def decide(booster: lightgbm.Booster, names: list[str], ex: Example, margin: float) -> str:
    scores = booster.predict(matrix(names, [feats for _, feats, _ in ex.rows]))
    best = int(np.argmax(scores))
    if ex.rule == NULL:
        return ex.rows[best][0] if scores[best] >= FILL_THRESHOLD else NULL
    rule = next((float(scores[i]) for i, row in enumerate(ex.rows) if row[0] == ex.rule), -1.0)
    return ex.rows[best][0] if scores[best] - rule >= margin else ex.rule


def right(ex: Example, choice: str) -> bool:
    return any(label for cand, _, label in ex.rows if cand == choice)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--score", type=Path, required=True, help="the scorer, for its name folding")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(".cache/attribution"))
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("score", args.score)
    assert spec and spec.loader
    score_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_module)

    by_set = {s.name: collect(s, args.cache, score_module) for s in args.sets}
    names = sorted({k for exs in by_set.values() for ex in exs for _, feats, _ in ex.rows for k in feats})
    result: dict[str, object] = {
        "features": names,
        "trained_on": sorted(by_set),
        "params": {**PARAMS, "rounds": ROUNDS},
        "fill_threshold": FILL_THRESHOLD,
    }
    for role in ROLES:
        print(f"\n{role}: each set left out in turn; passages whose speaker (target) is right, rules / model")
        totals = [0, 0] + [0] * len(MARGINS)
        report = {}
        for name, examples in by_set.items():
            test = [e for e in examples if e.role == role]
            train = [e for other, exs in by_set.items() if other != name for e in exs if e.role == role]
            if not test or not train:
                continue
            booster = fit(train, names)
            rules = sum(right(e, e.rule) for e in test)
            model = [sum(right(e, decide(booster, names, e, m)) for e in test) for m in MARGINS]
            print(f"  {name:12s} n={len(test):4d} rules={rules:4d} model={model} (margins {list(MARGINS)})")
            report[name] = {
                "passages": len(test),
                "rules_right": rules,
                "model_right": dict(zip(MARGINS, model, strict=True)),
            }
            totals = [
                totals[0] + len(test),
                totals[1] + rules,
                *(t + m for t, m in zip(totals[2:], model, strict=True)),
            ]
        # the widest margin within 1% of the best: overrule the rules only where the model is clearly better,
        # since a choice that differs by a passage or two in these runs is noise
        best = max(totals[2:])
        margin = max(m for m in MARGINS if totals[2 + MARGINS.index(m)] >= best - 0.01 * totals[0])
        print(f"  {'all':12s} n={totals[0]:4d} rules={totals[1]:4d} model={totals[2:]}; margin {margin}")
        for entry in report.values():
            entry["model_right"] = entry["model_right"][margin]
        booster = fit([e for exs in by_set.values() for e in exs if e.role == role], names)
        result[role] = {"leave_one_set_out": report, "margin": margin, "model": booster.model_to_string()}
    if args.out:
        args.out.write_text(json.dumps(result) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
