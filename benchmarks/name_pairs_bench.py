"""Accuracy of name matching on labelled pairs, with no knowledge base.

    .venv/bin/python benchmarks/name_pairs_bench.py PAIRS.csv

PAIRS.csv has columns name1, name2, a type column (`type` or `schema`: person/Person or an
organisation kind) and a label column (`same` or `is_match`: true/false). Nothing is
downloaded: point it at a local copy of a benchmark such as nomenklatura's
`contrib/name_bench/cases.csv`. Prints precision, recall, F1 and the errors by kind.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from forewarn.resolve.names import compare_names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--errors", action="store_true", help="print every wrong decision")
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    by_kind: Counter[tuple[str, str]] = Counter()
    with args.pairs.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind_raw = (row.get("type") or row.get("schema") or "").lower()
            kind = "person" if kind_raw in ("person", "per") else "org"
            gold = (row.get("same") or row.get("is_match") or "").strip().lower() == "true"
            match = compare_names(row["name1"], row["name2"], kind)
            outcome = ("tp" if gold else "fp") if match.same else ("fn" if gold else "tn")
            counts[outcome] += 1
            by_kind[(kind, outcome)] += 1
            if args.errors and outcome in ("fp", "fn"):
                print(f"{outcome.upper()} [{kind}] {row['name1']!r} / {row['name2']!r} score={match.score:.2f}")
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"pairs={sum(counts.values())} precision={precision:.3f} recall={recall:.3f} f1={f1:.3f}")
    for kind in ("person", "org"):
        row = {o: by_kind[(kind, o)] for o in ("tp", "fp", "fn", "tn")}
        print(f"  {kind}: {row}")


if __name__ == "__main__":
    main()
