"""Accuracy of name matching on labelled pairs, with no knowledge base, like for like with logic-v2.

    .venv/bin/python benchmarks/name_pairs_bench.py CASES.csv [--reference RUN.csv] [--errors]

Nothing is downloaded and no benchmark data is kept in this repository. The reference set is
OpenSanctions' public name benchmark in the nomenklatura repository:

* ``contrib/name_bench/cases.csv``: labelled pairs (columns case_group, schema, name1, name2,
  is_match, quality, category, notes);
* ``contrib/name_bench/run_data/logicv2-frozen.csv``: the same columns plus logic-v2's ``score``,
  ``predicted_match`` (score >= 0.7, its harness's default threshold) and ``outcome``.

Either file can be given as CASES.csv (the frozen run carries the case columns too). logic-v2's
decisions come from the ``predicted_match`` column of CASES.csv itself or of ``--reference``;
rows are joined on (case_group, schema, name1, name2) and only rows present in both are scored,
so both matchers are measured on exactly the same pairs.

forewarn is run the way ``forewarn actors same --pairs FILE --out OUT`` runs it: the pairs are
written to a temporary CSV with columns name1, name2, type and scored by ``compare_pairs_csv``.
The FollowTheMoney schema maps to our type as Person -> person; Company, Organization and
Vessel -> org; LegalEntity (which may be either) -> blank, so that the kind is guessed from the
names as the CLI does for an untyped row. ``--skip-schema Vessel`` leaves a schema out.

Prints precision, recall and F1 of both matchers, then the errors of each by category. The
categories are assigned here from the names alone (see `categorise`), in order, first match wins.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from forewarn.resolve.names import compare_pairs_csv, strip_legal_form

SCHEMA_TYPES: dict[str, str] = {
    "person": "person",
    "company": "org",
    "organization": "org",
    "vessel": "org",
    "legalentity": "",
}
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fourty
    fifty sixty seventy eighty ninety hundred first second third fourth fifth""".split()
)
ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass(frozen=True, slots=True)
class Case:
    key: tuple[str, str, str, str]
    schema: str
    name1: str
    name2: str
    gold: bool
    reference: bool | None  # logic-v2's decision, when known
    category: str


def _script(name: str) -> str:
    """'latin' when every letter is Latin, else the first non-Latin script's name."""
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "") or ch.isascii()):
            return unicodedata.name(ch, "OTHER").split()[0]
    return "latin"


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", name.lower()) if t]


def categorise(schema: str, a: str, b: str) -> str:
    """A coarse, general category for a pair, from the names only."""
    sa, sb = _script(a), _script(b)
    if sa != sb:
        return "cross-script"
    if sa != "latin":
        return "same non-Latin script"
    if schema.lower() == "vessel":
        return "vessel"
    ta, tb = _tokens(a), _tokens(b)
    person = schema.lower() == "person"  # "Xi", "Li", "Vi" are names, not Roman numerals
    numeric = [t for t in ta + tb if re.search(r"\d", t) or t in NUMBER_WORDS or (not person and ROMAN_RE.match(t))]
    if numeric and set(ta) != set(tb):
        return "numbers / series"
    if schema.lower() != "person":
        la, lb = strip_legal_form(a), strip_legal_form(b)
        if la.replace(" ", "") == lb.replace(" ", "") and " ".join(ta) != " ".join(tb):
            return "legal form / punctuation"
    if "," in a or "," in b or (sorted(ta) == sorted(tb) and ta != tb):
        return "reordering / comma form"
    if any(len(t) == 1 for t in ta + tb):
        return "initials"
    if len(ta) != len(tb):
        return "added / dropped parts"
    diff = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(diff) == 1:
        x, y = diff[0]
        if x[:1] != y[:1] and len(x) <= 6 and len(y) <= 6:
            return "one short word differs"
        return "one word differs (spelling or swap)"
    return "several words differ"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def _key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return (row.get("case_group", ""), row.get("schema", ""), row["name1"], row["name2"])


def load_cases(path: Path, reference: Path | None, skip: set[str]) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    decisions: dict[tuple[str, str, str, str], bool] = {}
    source = rows
    if reference is not None:
        with reference.open(encoding="utf-8", newline="") as handle:
            source = list(csv.DictReader(handle))
    for row in source:
        if "predicted_match" in row:
            decisions[_key(row)] = _truthy(row["predicted_match"])
    cases = []
    for row in rows:
        schema = row.get("schema") or row.get("type") or ""
        if schema.lower() in skip:
            continue
        key = _key(row)
        if decisions and key not in decisions:
            continue  # like for like: only rows logic-v2 was run on
        gold = _truthy(row.get("is_match") or row.get("same"))
        cases.append(
            Case(key, schema, row["name1"], row["name2"], gold, decisions.get(key), categorise(schema, *key[2:]))
        )
    return cases


def run_forewarn(cases: list[Case]) -> list[bool]:
    """Decisions of `forewarn actors same --pairs`, through the same function the CLI calls."""
    with tempfile.TemporaryDirectory() as tmp:
        pairs, out = Path(tmp) / "pairs.csv", Path(tmp) / "out.csv"
        with pairs.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name1", "name2", "type"])
            for case in cases:
                writer.writerow([case.name1, case.name2, SCHEMA_TYPES.get(case.schema.lower(), case.schema.lower())])
        compare_pairs_csv(pairs, out)
        with out.open(encoding="utf-8", newline="") as handle:
            return [_truthy(row["same"]) for row in csv.DictReader(handle)]


def scores(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def _line(name: str, s: dict[str, float], n: int) -> str:
    return (
        f"| {name} | {n} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
        f"| {int(s['tp'])} | {int(s['fp'])} | {int(s['fn'])} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", type=Path, nargs="?", help="cases.csv or logicv2-frozen.csv (see above)")
    ap.add_argument("--reference", type=Path, help="a logic-v2 run CSV (logicv2-frozen.csv) to compare against")
    ap.add_argument("--skip-schema", action="append", default=[], help="leave out a schema (repeatable)")
    ap.add_argument("--errors", action="store_true", help="print every pair forewarn gets wrong")
    args = ap.parse_args()
    if args.cases is None:
        ap.print_help()
        sys.exit("\nno cases file given: fetch contrib/name_bench/cases.csv (and run_data/logicv2-frozen.csv) "
                 "from github.com/opensanctions/nomenklatura into a directory outside this repository")  # fmt: skip
    cases = load_cases(args.cases, args.reference, {s.lower() for s in args.skip_schema})
    gold = [c.gold for c in cases]
    ours = run_forewarn(cases)
    print("| matcher | pairs | precision | recall | F1 | TP | FP | FN |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(_line("forewarn `actors same --pairs`", scores(gold, ours), len(cases)))
    has_reference = all(c.reference is not None for c in cases) and cases
    if has_reference:
        reference = [bool(c.reference) for c in cases]
        print(_line("nomenklatura logic-v2 (frozen run, score >= 0.7)", scores(gold, reference), len(cases)))
    by_schema: dict[str, list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        by_schema[case.schema].append(i)
    print("\nF1 by schema (forewarn / logic-v2):")
    for schema, idx in sorted(by_schema.items()):
        g = [gold[i] for i in idx]
        line = f"  {schema:12} n={len(idx):4} forewarn={scores(g, [ours[i] for i in idx])['f1']:.3f}"
        if has_reference:
            line += f" logic-v2={scores(g, [bool(cases[i].reference) for i in idx])['f1']:.3f}"
        print(line)
    errors: dict[str, Counter[str]] = {"forewarn": Counter()}
    if has_reference:
        errors["logic-v2"] = Counter()
    totals: Counter[str] = Counter(c.category for c in cases)
    for case, mine in zip(cases, ours, strict=True):
        if mine != case.gold:
            errors["forewarn"][f"{case.category} {'FP' if mine else 'FN'}"] += 1
        if has_reference and case.reference != case.gold:
            errors["logic-v2"][f"{case.category} {'FP' if case.reference else 'FN'}"] += 1
    print("\nErrors by category (FP = merged two different names, FN = missed a match):")
    print(
        "| category | pairs | forewarn FP | forewarn FN |" + (" logic-v2 FP | logic-v2 FN |" if has_reference else "")
    )
    print("| --- | --- | --- | --- |" + (" --- | --- |" if has_reference else ""))
    for category, n in totals.most_common():
        cells = [str(errors["forewarn"][f"{category} FP"]), str(errors["forewarn"][f"{category} FN"])]
        if has_reference:
            cells += [str(errors["logic-v2"][f"{category} FP"]), str(errors["logic-v2"][f"{category} FN"])]
        print(f"| {category} | {n} | " + " | ".join(cells) + " |")
    if args.errors:
        print()
        for case, mine in zip(cases, ours, strict=True):
            if mine != case.gold:
                ref = "" if case.reference is None else f" logic-v2={'ok' if case.reference == case.gold else 'wrong'}"
                print(f"{'FP' if mine else 'FN'} [{case.schema}/{case.category}] {case.name1!r} / {case.name2!r}{ref}")


if __name__ == "__main__":
    main()
