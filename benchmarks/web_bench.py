"""Latency of the web API and pages over an SQLite store of 100,000 threats.

    .venv/bin/python benchmarks/web_bench.py [--threats 100000] [--repeat 40] [--out benchmarks/results/web.md]

The store is filled directly (no language pipeline: that is analyze_bench's job) with
realistic rows generated from templates, no outside text: ~25,000 news-like documents whose
quotes are the threats' evidence (offsets point into the text), ~2,000 actors with aliases
and affiliations, speakers and targets drawn from skewed (Zipf-like) distributions so a
few actors are threatened thousands of times, events, mentions, and review statuses.

`forewarn serve` then runs in a subprocess on a free loopback port and each endpoint or
page is requested `--repeat` times (after warm-up requests) over one keep-alive
connection; the report gives p50, p95 and the maximum in milliseconds. Deep pages are
reached with the cursor of the last page (page 2,000 of 50), so they cost a real keyset
query, not a cached one.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parents[1]

GIVEN = [
    "Hadi",
    "Qasim",
    "Faris",
    "Samir",
    "Laila",
    "Nour",
    "Karim",
    "Abbas",
    "Zainab",
    "Omar",
    "Rashid",
    "Huda",
    "Mustafa",
    "Ali",
    "Hassan",
    "Yasir",
    "Rana",
    "Salim",
    "Jamal",
    "Kadhim",
    "Mahdi",
    "Nadia",
    "Dalia",
    "Tariq",
]
FAMILY = [
    "al-Mansouri",
    "al-Zubaidi",
    "Haddad",
    "al-Obeidi",
    "Nasser",
    "al-Tamimi",
    "Jaber",
    "al-Rubaie",
    "Saleh",
    "al-Kinani",
    "al-Lami",
    "Hamdan",
    "Talib",
    "al-Saidi",
    "Aziz",
    "Karim",
    "al-Fadhili",
    "Darwish",
    "Nouri",
]
GROUP_WORDS = ["Kata'ib", "Saraya", "Liwa", "Harakat", "Asa'ib", "Jaish", "Alwiya"]
GROUP_NAMES = ["al-Nasr", "al-Difa", "al-Fath", "al-Thar", "al-Karama", "al-Fajr", "al-Haqq", "al-Wa'd", "al-Sabireen"]
PLACES = [
    "Basra",
    "Kut",
    "Mosul",
    "Karbala",
    "Najaf",
    "Hilla",
    "Ramadi",
    "Kirkuk",
    "Nasiriyah",
    "Amara",
    "Diwaniyah",
    "Samawa",
    "Baqubah",
    "Tikrit",
    "Fallujah",
    "Zubair",
    "Umm Qasr",
    "Erbil",
    "Dohuk",
    "Sulaymaniyah",
]
OFFICES = ["Governor", "Minister", "Judge", "Mayor", "Commander", "Sheikh", "Spokesman", "MP"]
THREAT_QUOTES = [
    "If {t} sends his police against our men again, we will burn his offices to the ground",
    "{t} will pay a heavy price for every fighter in his prisons",
    "We will hunt down {t} and everyone who protects him",
    "The blood of our martyrs will not be wasted, and {t} knows what is coming",
    "If the contract is signed, {t} will not live to see the port open",
    "We will bring {t} before a court for his crimes against our people",
    "Our rockets can reach {t} wherever he hides",
    "If {t} does not release our brothers within a week, the roads to {p} will burn",
]
OTHER_SENTENCES = [
    "Police in {p} arrested three men in connection with a rocket attack on a checkpoint on {d}.",
    "Hundreds of protesters gathered outside the provincial council in {p} to demand jobs and electricity.",
    "The ministry said the investigation into the bombing of the market in {p} was continuing.",
    "Analysts said the dispute was the biggest threat to stability in the province since the elections.",
    "Traders in {p} said prices of flour and cooking oil had risen sharply over the past month.",
    "Security forces were deployed around government buildings in {p} as tension rose.",
]
EVENT_SENTENCES = [
    ("bombing", "A roadside bomb struck a convoy near {p} on {d}, killing two guards."),
    ("attack", "Gunmen attacked the offices of {t} in {p} on {d}."),
    ("airstrike", "An airstrike hit a base of the {g} near {p} on {d}."),
    ("assassination_attempt", "{t} survived an assassination attempt in {p} on {d}."),
    ("kidnapping", "Two engineers were kidnapped on the road to {p} on {d}."),
    ("protest", "Thousands protested in {p} on {d} against the government."),
    ("arrest", "Security forces arrested a commander of the {g} in {p} on {d}."),
]
THREAT_TYPES = ["violence"] * 12 + ["military"] * 3 + ["legal"] * 2 + ["political"] * 2 + ["economic", "other"]
THREAT_FORMS = ["direct"] * 5 + ["conditional"] * 4 + ["veiled"] * 2
STATUSES = ["unreviewed"] * 17 + ["confirmed"] * 2 + ["rejected"]


class TextBuilder:
    """A document written piece by piece, knowing the offsets of each piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.offset
        self.parts.append(piece)
        self.offset += len(piece)
        return start, self.offset

    def text(self) -> str:
        return "".join(self.parts)


def zipf_picker(rng: random.Random, n: int, s: float = 1.05) -> Callable[[], int]:
    weights = [1 / (i + 1) ** s for i in range(n)]
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    import bisect

    return lambda: min(bisect.bisect_left(cumulative, rng.random() * total), n - 1)


def fill_store(url: str, n_threats: int, seed: int = 7) -> dict[str, object]:
    """Generate and insert the rows; returns facts the measurements need (busy actor ids...)."""
    from forewarn.store import Store, alias_key
    from forewarn.store.schema import (
        DbActor,
        DbAffiliation,
        DbAlias,
        DbDocument,
        DbEvent,
        DbEventSpan,
        DbMention,
        DbThreat,
        DbThreatSpan,
    )

    rng = random.Random(seed)
    store = Store(url)
    n_people, n_groups, n_places = 1_600, 260, len(PLACES)
    actors: list[dict[str, object]] = []
    aliases: list[dict[str, object]] = []
    names: dict[str, str] = {}
    used: set[str] = set()
    for i in range(n_people):
        while True:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            if rng.random() < 0.5:
                name = f"{rng.choice(GIVEN)} {name}"
            if name not in used:
                used.add(name)
                break
        actor_id = f"A{i + 1}"
        titles = [rng.choice(OFFICES)] if rng.random() < 0.6 else []
        actors.append({"actor_id": actor_id, "name": name, "type": "PERSON", "titles": titles, "context": []})
        names[actor_id] = name
        for alias in {name, name.split()[-1]}:
            aliases.append({"actor_id": actor_id, "alias": alias, "key": alias_key(alias)})
    group_ids = []
    for j in range(n_groups):
        actor_id = f"A{n_people + j + 1}"
        name = f"{rng.choice(GROUP_WORDS)} {rng.choice(GROUP_NAMES)} {j + 1}"
        actors.append({"actor_id": actor_id, "name": name, "type": "ORG", "titles": [], "context": []})
        names[actor_id] = name
        group_ids.append(actor_id)
        aliases.append({"actor_id": actor_id, "alias": name, "key": alias_key(name)})
    place_ids = []
    for k, place in enumerate(PLACES[:n_places]):
        actor_id = f"A{n_people + n_groups + k + 1}"
        actors.append({"actor_id": actor_id, "name": place, "type": "GPE", "titles": [], "context": []})
        names[actor_id] = place
        place_ids.append(actor_id)
        aliases.append({"actor_id": actor_id, "alias": place, "key": alias_key(place)})
    person_ids = [f"A{i + 1}" for i in range(n_people)]
    org_of = {p: rng.choice(group_ids) for p in person_ids if rng.random() < 0.55}
    affiliations = [{"person_id": p, "org_id": o, "doc_id": None} for p, o in org_of.items()]

    # speakers: militia people mostly; targets: anyone, a few very often
    speakers = [p for p in person_ids if p in org_of] or person_ids
    pick_speaker = zipf_picker(rng, len(speakers), 0.9)
    targets = person_ids[::-1] + group_ids + place_ids
    pick_target = zipf_picker(rng, len(targets), 1.1)

    documents: list[dict[str, object]] = []
    threats: list[dict[str, object]] = []
    threat_spans: list[dict[str, object]] = []
    mentions: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    event_spans: list[dict[str, object]] = []
    start_day = date(2022, 1, 1)
    threat_id = 0
    event_id = 0
    doc_no = 0
    while threat_id < n_threats:
        doc_no += 1
        doc_id = f"wire-{doc_no:06d}"
        published = start_day + timedelta(days=int(rng.random() ** 0.7 * 1_095))
        place = rng.choice(PLACES)
        headline_target = names[targets[pick_target()]]
        title = f"Militia threatens {headline_target} as tension rises in {place}"
        builder = TextBuilder()
        add = builder.add
        add(f"{title}\n\n{place.upper()}, {published:%B} {published.day}, {published.year} — ")

        for _ in range(min(rng.choice([2, 3, 4, 4, 5, 6]), n_threats - threat_id)):
            threat_id += 1
            speaker = speakers[pick_speaker()]
            target = targets[pick_target()]
            if target == speaker:
                target = targets[(targets.index(target) + 1) % len(targets)]
            add(rng.choice(OTHER_SENTENCES).format(p=place, d=published) + " ")
            quote = rng.choice(THREAT_QUOTES).format(t=names[target], p=place)
            add('"')
            ev_start, ev_end = add(quote)
            add('," ')
            sp_start, sp_end = add(names[speaker])
            add(" said.\n\n")
            t_start = ev_start + quote.index(names[target]) if names[target] in quote else None
            when = published.isoformat() if rng.random() > 0.04 else None
            threats.append(
                {
                    "id": threat_id,
                    "doc_id": doc_id,
                    "speaker_actor_id": speaker,
                    "speaker_org_actor_id": org_of.get(speaker),
                    "target_actor_id": target,
                    "speaker_mention": names[speaker],
                    "speaker_mention_start": sp_start,
                    "speaker_mention_end": sp_end,
                    "target_mention": names[target] if t_start is not None else None,
                    "target_mention_start": t_start,
                    "target_mention_end": t_start + len(names[target]) if t_start is not None else None,
                    "type": rng.choice(THREAT_TYPES),
                    "form": rng.choice(THREAT_FORMS),
                    "date": when,
                    "score": round(rng.uniform(0.5, 0.99), 2),
                    "cue": "quote",
                    "status": rng.choice(STATUSES),
                }
            )
            threat_spans.append(
                {
                    "threat_id": threat_id,
                    "ordinal": 0,
                    "start": ev_start,
                    "end": ev_end,
                    "text": quote,
                    "principal": True,
                }
            )
            mentions.append(
                {"doc_id": doc_id, "actor_id": speaker, "start": sp_start, "end": sp_end, "text": names[speaker]}
            )
            if t_start is not None:
                mentions.append(
                    {
                        "doc_id": doc_id,
                        "actor_id": target,
                        "start": t_start,
                        "end": t_start + len(names[target]),
                        "text": names[target],
                    }
                )
        if rng.random() < 0.8:
            event_id += 1
            kind, template = rng.choice(EVENT_SENTENCES)
            target = targets[pick_target()]
            sentence = template.format(p=place, d=published, t=names[target], g=names[rng.choice(group_ids)])
            ev_start, ev_end = add(sentence)
            add("\n")
            events.append(
                {
                    "id": event_id,
                    "doc_id": doc_id,
                    "type": kind,
                    "actor_actor_id": None,
                    "target_actor_id": target if "{t}" in template else None,
                    "actor_mention": None,
                    "target_mention": names[target] if "{t}" in template else None,
                    "location": place,
                    "date": published.isoformat(),
                }
            )
            event_spans.append(
                {
                    "event_id": event_id,
                    "ordinal": 0,
                    "start": ev_start,
                    "end": ev_end,
                    "text": sentence,
                    "principal": True,
                }
            )
        text = builder.text()
        documents.append(
            {
                "doc_id": doc_id,
                "content_hash": f"{doc_no:064x}",
                "text": text,
                "title": title,
                "published": published.isoformat(),
                "url": f"https://news.example/{doc_id}",
                "source": "Example Wire",
                "source_path": None,
                "language": "en",
                "ignored": [],
                "meta": {},
                "analysed_at": None,
            }
        )

    with store.engine.begin() as conn:
        conn.execute(insert(DbActor), actors)
        conn.execute(insert(DbAlias), aliases)
        conn.execute(insert(DbAffiliation), affiliations)
        for chunk in range(0, len(documents), 5_000):
            conn.execute(insert(DbDocument), documents[chunk : chunk + 5_000])
        for table, rows in (
            (DbThreat, threats),
            (DbThreatSpan, threat_spans),
            (DbMention, mentions),
            (DbEvent, events),
            (DbEventSpan, event_spans),
        ):
            for chunk in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[chunk : chunk + 20_000])
    with store._sessions() as s:
        busiest = s.execute(
            select(DbThreat.target_actor_id).group_by(DbThreat.target_actor_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()
    store.close()
    return {
        "documents": len(documents),
        "threats": len(threats),
        "events": len(events),
        "actors": len(actors),
        "mentions": len(mentions),
        "busiest_target": busiest,
        "busiest_target_threats": sum(1 for t in threats if t["target_actor_id"] == busiest),
        "busy_speaker": speakers[0],
        "mid_document": documents[len(documents) // 2]["doc_id"],
        "mid_threat": threats[len(threats) // 2]["id"],
    }


def deep_cursor(url: str, *, kind: str) -> str:
    """The cursor of the last page of 50 (page 2,000 at 100,000 threats)."""
    from forewarn.store import Store
    from forewarn.store.browse import _encode_cursor
    from forewarn.store.schema import DbActor, DbEvent, DbThreat

    with Store(url) as store, store._sessions() as s:
        if kind == "threats":
            total = s.scalar(select(func.count()).where(DbThreat.date.is_not(None)))
            row = s.execute(
                select(DbThreat.id, DbThreat.date)
                .where(DbThreat.date.is_not(None))
                .order_by(DbThreat.date.desc(), DbThreat.id.desc())
                .offset(total - 51)
                .limit(1)
            ).one()
            return _encode_cursor("t", 0, row.date, row.id)
        if kind == "events":
            row = s.execute(
                select(DbEvent.id, DbEvent.date).order_by(DbEvent.date, DbEvent.id).offset(50).limit(1)
            ).one()
            return _encode_cursor("e", row.date, row.id)
        name = s.execute(
            select(DbActor.actor_id, func.lower(DbActor.name))
            .order_by(func.lower(DbActor.name).desc())
            .offset(50)
            .limit(1)
        ).one()
        return _encode_cursor("an", name[1], name[0])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def measure(client: httpx.Client, path: str, repeat: int) -> tuple[float, float, float, int]:
    for _ in range(3):
        client.get(path)
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}: {response.text[:200]}")
        size = len(response.content)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, times[-1], size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threats", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "web.md")
    parser.add_argument("--keep", type=Path, help="keep the generated store here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="forewarn-web-bench-"))
    db_path = args.keep or folder / "bench.db"
    url = f"sqlite:///{db_path}"
    started = time.perf_counter()
    facts = fill_store(url, args.threats)
    fill_seconds = time.perf_counter() - started
    print(f"store filled in {fill_seconds:.0f} s: {facts}", file=sys.stderr)
    threats_deep = deep_cursor(url, kind="threats")
    events_deep = deep_cursor(url, kind="events")
    actors_deep = deep_cursor(url, kind="actors")

    target, speaker = facts["busiest_target"], facts["busy_speaker"]
    api_cases = [
        ("threats, page 1", "/api/threats?limit=50"),
        ("threats, page 2,000 (last)", f"/api/threats?limit=50&cursor={threats_deep}"),
        ("threats, target = busiest actor", f"/api/threats?limit=50&target={target}"),
        ("threats, target by name", "/api/threats?limit=50&target=" + "al-Rubaie"),
        ("threats, speaker + type + form", f"/api/threats?limit=50&speaker={speaker}&type=violence&form=conditional"),
        ("threats, status = confirmed", "/api/threats?limit=50&status=confirmed"),
        ("threats, date range (one month)", "/api/threats?limit=50&date_from=2023-06-01&date_to=2023-06-30"),
        ("threats, text search (common words)", "/api/threats?limit=50&q=heavy%20price"),
        ("threats, text search (rare: no match)", "/api/threats?limit=50&q=zeppelin"),
        ("threat detail", f"/api/threats/{facts['mid_threat']}"),
        ("actors by name, page 1", "/api/actors?limit=50"),
        ("actors by name, last page", f"/api/actors?limit=50&cursor={actors_deep}"),
        ("actors, most threatened", "/api/actors?limit=50&sort=threatened"),
        ("actor detail (busiest target)", f"/api/actors/{target}"),
        ("target timeline (busiest target)", f"/api/targets/{target}/timeline"),
        ("actor network (busiest target)", f"/api/actors/{target}/network"),
        ("events, page 1", "/api/events?limit=50"),
        ("events, last page", f"/api/events?limit=50&cursor={events_deep}"),
        ("document", f"/api/documents/{facts['mid_document']}"),
    ]
    page_cases = [
        ("overview /", "/"),
        ("threats list", "/threats"),
        ("threats list, page 2,000", f"/threats?cursor={threats_deep}"),
        ("threats list, filtered", f"/threats?target={target}&type=violence"),
        ("threat page", f"/threats/{facts['mid_threat']}"),
        ("actors list (most threatened)", "/actors"),
        ("actor page (busiest target)", f"/actors/{target}"),
        ("document page", f"/documents/{facts['mid_document']}"),
        ("review queue", "/review"),
        ("search (common word)", "/search?q=Basra"),
        ("search (rare word: scans everything)", "/search?q=zeppelin"),
    ]

    port = free_port()
    env = {**os.environ, "FOREWARN_DB": url}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("forewarn")), "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    rows: list[tuple[str, str, float, float, float, int]] = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/session", timeout=2)
                break
            except httpx.TransportError as exc:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(
                        "server did not start: " + (server.stderr.read().decode() if server.stderr else "")
                    ) from exc
                time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=30) as client:
            for group, cases in (("API", api_cases), ("page", page_cases)):
                for label, path in cases:
                    p50, p95, worst, size = measure(client, path, args.repeat)
                    rows.append((group, label, p50, p95, worst, size))
                    print(
                        f"{group:4} {label:42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {worst:7.1f} ms",
                        file=sys.stderr,
                    )
    finally:
        server.terminate()
        server.wait(timeout=20)

    facts["load"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    write_report(args.out, facts, fill_seconds, args.repeat, rows)
    print(f"wrote {args.out}", file=sys.stderr)


def write_report(out: Path, facts: dict[str, object], fill_seconds: float, repeat: int, rows: list) -> None:
    worst_p95 = max(r[3] for r in rows)
    lines = [
        "# Web API and pages at 100,000 threats (SQLite)",
        "",
        "`benchmarks/web_bench.py`: a generated store (no language pipeline) of "
        f"{facts['threats']:,} threats in {facts['documents']:,} documents, {facts['events']:,} events, "
        f"{facts['actors']:,} actors and {facts['mentions']:,} mentions; the busiest target is threatened "
        f"{facts['busiest_target_threats']:,} times (speakers and targets are drawn from skewed distributions). "
        f"Filling it took {fill_seconds:.0f} s.",
        "",
        "`forewarn serve` (uvicorn, one process) ran on a loopback port; every row is "
        f"{repeat} sequential requests over one keep-alive connection after 3 warm-up requests, measured by the "
        "client (so the figures include HTTP, JSON or HTML rendering, and the SQLite queries). Lists are pages of "
        "50. Deep pages use the cursor of the last page (page 2,000 of threats): keyset pagination, no OFFSET.",
        "",
        f"Machine: {os.cpu_count()} cores shared with other work (load average at the end: {facts['load']}); "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}. Timings under load vary by a factor "
        "of two from run to run; the maxima are mostly scheduling noise.",
        "",
        "| kind | request | p50 ms | p95 ms | max ms | bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {g} | {label} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {size:,} |"
        for g, label, p50, p95, worst, size in rows
    ]
    lines += [
        "",
        f"Worst p95: {worst_p95:.1f} ms (target: under 200 ms for a page of 50).",
        "",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
