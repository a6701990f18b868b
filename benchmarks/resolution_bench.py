"""Benchmark cross-document resolution against synthetic actor stores of growing size.

Builds stores of 1k, 10k and 100k actors with realistic-looking names made from syllable
tables (Arabic, Persian, Russian and English patterns), each stored with one spelling variant,
then resolves 20-actor documents against each: known actors under other spellings, bare
surnames, titles, acronyms, and new actors. Reports milliseconds per document and candidates
examined per lookup (which must stay roughly flat as the store grows: blocking), plus how often
the known actors were found.

    .venv/bin/python benchmarks/resolution_bench.py [--sizes 1000 10000 100000] [--docs 30]

Writes benchmarks/results/resolution.md.
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from forewarn.model import DocActor, Document, DocumentAnalysis
from forewarn.resolve.resolver import ActorResolver, KnownActor, ResolverStats

# -- name generator ------------------------------------------------------------------------------

ONSETS = "b d f h j k l m n q r s t w y z kh sh dh gh th".split()
VOWELS = ["a", "i", "u", "a", "e", "o", "aa", "ee", "ou", "ai"]
CODAS = ["", "", "", "m", "n", "r", "d", "l", "s", "b", "z", "f"]
RUSSIAN_STEMS = "vol kor sem mal nav ras bel gor lev pet dub kuz sok zel khod zhuk bor grom tikh yar mir sv"
RUSSIAN_ENDINGS = ["ov", "ev", "in", "sky", "enko", "chuk", "nyi"]
ENGLISH_GIVEN = (
    "Robert Mary James Linda David Susan Peter Helen Mark Anne Thomas Laura Daniel Karen Paul Ruth Henry "
    "Grace Walter Alice Frank Emma George Clara Arthur Julia Victor Irene Oscar Diana"
).split()
ENGLISH_PARTS = (
    "ash bright cole dun ford hart kings lang marsh north pen ridge stan thorn wal well wood black brook "
    "craw fair gold hay lock mont rad shel sum wick brad car"
).split()
ENGLISH_TAILS = ["er", "ton", "ley", "son", "field", "man", "by", "wick", "ham"]
TITLES = ["Sheikh", "Gen.", "Judge", "Gov.", "Prime Minister", "Sayyid", "Hajj", "Dr.", "Commander", "Mr."]
ORG_HEADS = ["Kata'ib", "Saraya", "Asa'ib", "Liwa", "Harakat", "Jaysh"]
ORG_TAILS = ["Brigades", "Forces", "Movement", "Front", "Party"]

VARIANTS = [  # spelling changes seen between outlets
    ("dh", "z"),
    ("q", "k"),
    ("ou", "u"),
    ("ee", "i"),
    ("ai", "ei"),
    ("kh", "k"),
    ("aa", "a"),
    ("sky", "skiy"),
    ("nyi", "ny"),
]


def syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def arabic_word(rng: random.Random, n: int) -> str:
    return "".join(syllable(rng) for _ in range(n)).capitalize()


@dataclass
class Person:
    given: str
    surname: str  # as written, particles included ("al-Kazimi")
    kind: str
    kunya: str | None = None

    def full(self) -> str:
        parts = [f"Abu {self.kunya}"] if self.kunya else []
        return " ".join([*parts, self.given, self.surname])


def make_person(rng: random.Random) -> Person:
    style = rng.random()
    if style < 0.6:
        kunya = arabic_word(rng, 2) if rng.random() < 0.1 else None
        return Person(
            arabic_word(rng, rng.choice((2, 3))), f"al-{arabic_word(rng, rng.choice((2, 3, 4)))}i", "ar", kunya
        )
    if style < 0.75:
        stem = rng.choice(RUSSIAN_STEMS.split()) + rng.choice(["", "a", "o", "i"]) + rng.choice(RUSSIAN_STEMS.split())
        return Person(arabic_word(rng, 2), stem.capitalize() + rng.choice(RUSSIAN_ENDINGS), "ru")
    parts = rng.sample(ENGLISH_PARTS, rng.choice((2, 2, 3)))
    name = "".join(parts) + rng.choice(ENGLISH_TAILS)
    return Person(rng.choice(ENGLISH_GIVEN), name.capitalize(), "en")


def respell(rng: random.Random, name: str) -> str:
    """Apply one or two outlet spelling variants that apply to the name."""
    out = name
    options = [v for v in VARIANTS if v[0] in out.lower()]
    rng.shuffle(options)
    for a, b in options[: rng.choice((1, 2))]:
        out = out.replace(a, b).replace(a.capitalize(), b.capitalize())
    if out.startswith("Abu ") and rng.random() < 0.5:
        out = "Abou " + out[4:]
    if " al-" in out and rng.random() < 0.3:
        out = out.replace(" al-", " Al ")
    return out


def surname_only(p: Person) -> str:
    return p.surname


@dataclass
class Org:
    name: str
    acronym: str


def make_org(rng: random.Random) -> Org:
    if rng.random() < 0.6:
        words = [rng.choice(ORG_HEADS), arabic_word(rng, 2), "al-" + arabic_word(rng, 3)]
    else:
        words = [arabic_word(rng, 2), arabic_word(rng, 3), rng.choice(ORG_TAILS)]
    name = " ".join(words)
    acronym = "".join(w.replace("al-", "")[0].upper() for w in words)
    return Org(name, acronym)


# -- store and documents ------------------------------------------------------------------------


@dataclass
class Store:
    known: list[KnownActor]
    persons: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # full names in use: homonyms are not the point here

    def fresh_person(self, rng: random.Random) -> Person:
        while True:
            p = make_person(rng)
            if p.full() not in self.taken:
                self.taken.add(p.full())
                return p

    def fresh_org(self, rng: random.Random) -> Org:
        while True:
            o = make_org(rng)
            if o.name not in self.taken:
                self.taken.add(o.name)
                return o


def build_store(n: int, rng: random.Random) -> Store:
    store = Store([])
    for i in range(1, n + 1):
        aid = f"A{i}"
        if rng.random() < 0.1:
            org = store.fresh_org(rng)
            store.orgs[aid] = org
            store.known.append(KnownActor(aid, "ORG", org.name, [org.acronym, respell(rng, org.name)]))
        else:
            p = store.fresh_person(rng)
            store.persons[aid] = p
            store.known.append(KnownActor(aid, "PERSON", p.full(), [respell(rng, p.full())]))
    return store


@dataclass
class Expect:
    local_id: str
    actor_id: str | None  # None: a new actor
    kind: str  # "variant", "bare", "acronym", "org-variant", "new"


def make_document(store: Store, rng: random.Random, number: int) -> tuple[DocumentAnalysis, list[Expect]]:
    actors: list[DocActor] = []
    expects: list[Expect] = []
    person_ids = rng.sample(sorted(store.persons), 12)
    org_ids = rng.sample(sorted(store.orgs), 2)

    def add(name: str, type_: str, expect: str | None, kind: str, aliases: list[str] | None = None) -> None:
        local = f"L{len(actors) + 1}"
        actors.append(DocActor(local_id=local, name=name, type=type_, aliases=aliases or []))  # type: ignore[arg-type]
        expects.append(Expect(local, expect, kind))

    for aid in person_ids[:8]:
        p = store.persons[aid]
        name = respell(rng, p.full())
        if rng.random() < 0.3:
            name = f"{rng.choice(TITLES)} {name}"
        add(name, "PERSON", aid, "variant", [respell(rng, p.surname)])
    for aid in person_ids[8:]:
        add(respell(rng, surname_only(store.persons[aid])), "PERSON", aid, "bare")
    for _ in range(4):
        add(store.fresh_person(rng).full(), "PERSON", None, "new")
    add(store.orgs[org_ids[0]].acronym, "ORG", org_ids[0], "acronym")
    add(respell(rng, store.orgs[org_ids[1]].name), "ORG", org_ids[1], "org-variant")
    for _ in range(2):
        add(store.fresh_org(rng).name, "ORG", None, "new")
    document = Document(doc_id=f"bench-{number}", text="")
    return DocumentAnalysis(document=document, actors=actors), expects


# -- run ------------------------------------------------------------------------------------------


@dataclass
class Result:
    size: int
    build_s: float
    ms_per_doc: float
    ms_per_doc_p95: float
    candidates_per_lookup: float
    candidates_full: float
    candidates_bare: float
    comparisons_per_lookup: float
    variant_found: float
    bare_found: float
    bare_wrong: float
    acronym_found: float
    new_created: float


def run(size: int, docs: int, seed: int) -> Result:
    rng = random.Random(seed)
    store = build_store(size, rng)
    t0 = time.perf_counter()
    resolver = ActorResolver(store.known, next_number=size + 1)
    build_s = time.perf_counter() - t0
    doc_rng = random.Random(seed + 1)
    prepared = [make_document(store, doc_rng, i) for i in range(docs + 1)]
    resolver.resolve(prepared.pop()[0])  # warm-up: first-call costs (caches, regexes) not timed
    times: list[float] = []
    hits: dict[str, list[int]] = {"variant": [], "bare": [], "bare_wrong": [], "acronym": [], "new": []}
    resolver.stats = ResolverStats()
    for analysis, expects in prepared:
        t = time.perf_counter()
        decisions = resolver.resolve(analysis)
        times.append(time.perf_counter() - t)
        by_local = {d.local_id: d for d in decisions}
        for e in expects:
            d = by_local[e.local_id]
            if e.kind in ("variant", "org-variant"):
                hits["variant"].append(int(d.actor_id == e.actor_id))
            elif e.kind == "bare":
                hits["bare"].append(int(d.actor_id == e.actor_id))
                hits["bare_wrong"].append(int(not d.created and d.actor_id != e.actor_id))
            elif e.kind == "acronym":
                hits["acronym"].append(int(d.actor_id == e.actor_id))
            else:
                hits["new"].append(int(d.created))
    times.sort()
    st = resolver.stats

    def rate(xs: list[int]) -> float:
        return sum(xs) / len(xs) if xs else 0.0

    return Result(
        size=size,
        build_s=build_s,
        ms_per_doc=1000 * sum(times) / len(times),
        ms_per_doc_p95=1000 * times[min(len(times) - 1, int(0.95 * len(times)))],
        candidates_per_lookup=st.candidates_per_lookup,
        candidates_full=st.candidates_per_full_lookup,
        candidates_bare=st.candidates_per_bare_lookup,
        comparisons_per_lookup=st.comparisons / st.lookups if st.lookups else 0.0,
        variant_found=rate(hits["variant"]),
        bare_found=rate(hits["bare"]),
        bare_wrong=rate(hits["bare_wrong"]),
        acronym_found=rate(hits["acronym"]),
        new_created=rate(hits["new"]),
    )


def table(results: list[Result]) -> str:
    head = (
        "| actors | index build (s) | ms / document | p95 ms | candidates / lookup | full names | bare / acronym "
        "| share of store scored | name pairs / lookup | variants found | bare found | bare wrong | acronyms found "
        "| new created |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = "".join(
        f"| {r.size:,} | {r.build_s:.1f} | {r.ms_per_doc:.1f} | {r.ms_per_doc_p95:.1f} | "
        f"{r.candidates_per_lookup:.1f} | {r.candidates_full:.1f} | {r.candidates_bare:.1f} | "
        f"{r.candidates_per_lookup / r.size:.4%} | {r.comparisons_per_lookup:.1f} | {r.variant_found:.0%} | "
        f"{r.bare_found:.0%} | {r.bare_wrong:.0%} | {r.acronym_found:.0%} | {r.new_created:.0%} |\n"
        for r in results
    )
    return head + rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--docs", type=int, default=30, help="20-actor documents resolved per store")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "resolution.md")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        r = run(size, args.docs, args.seed)
        results.append(r)
        print(
            f"{size:>7,} actors: build {r.build_s:.1f}s, {r.ms_per_doc:.1f} ms/doc, "
            f"{r.candidates_per_lookup:.1f} candidates/lookup",
            flush=True,
        )
    text = table(results)
    print()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# Actor resolution benchmark\n\n"
        "`benchmarks/resolution_bench.py`: synthetic stores of persons (Arabic, Russian and English\n"
        "name patterns, ~10% with a kunya) and organisations (10%), each stored under its name, one\n"
        "spelling variant (and an acronym for organisations). Each document has 20 actors: 8 known\n"
        "persons under another spelling (30% with a title), 4 known persons by bare surname, 4 new\n"
        "persons, 1 known organisation by acronym, 1 by another spelling and 2 new organisations.\n"
        f"{args.docs} documents per store; one process; Python {platform.python_version()} on "
        f"{platform.machine()}.\n\n"
        "*candidates / lookup*: known actors scored per document actor, found through the blocking\n"
        "index (never a scan); *full names* / *bare / acronym*: the same for document actors with a\n"
        "full name and for those named only by a surname or an acronym. The count grows far slower\n"
        "than the store (100x actors: about 5x candidates): what grows is the number of genuine\n"
        "near-namesakes (same surname skeleton) among random syllable names, capped at 24 per lookup.\n"
        "*bare found*: a bare surname joined the right actor; *bare wrong*:\n"
        "joined another one (the rest were refused as ambiguous and got a new id: with random\n"
        "syllable names, bigger stores hold more actors sharing a surname skeleton). *acronyms found*\n"
        "falls with size because random three-letter acronyms collide (10,000 organisations share\n"
        "a few thousand acronyms): an acronym naming several known organisations is refused.\n\n" + text,
        encoding="utf-8",
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
