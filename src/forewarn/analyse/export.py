"""Exports for the tools analysts already use: CSV and JSON, the analysis JSONL, STIX 2.1
bundles, and GraphML / GEXF threat networks (Gephi).

Every format takes the filters of `forewarn threats` (target, speaker, since) and counts a
threat reported by several documents once (its cluster), listing all its sources.

STIX mapping (validated with the `stix2` library, which builds every object):

- each speaker (a person or an organisation that threatens) is a `threat-actor`;
- each actor involved is also an `identity` (individual, organization or group), and the
  threat actor is `attributed-to` its identity (STIX: "the threat actor's real identity");
  a target is an identity only;
- each threat is a `relationship` threat-actor `targets` identity, with the quote as its
  description, the threat's date as `start_time`, and external references to every
  document that reports it;
- a speaker's organisation: the speaker's threat actor is `related-to` the organisation's
  threat actor ("speaks for / belongs to");
- each source document is a `report` (published date, external reference to its URL)
  whose `object_refs` are the threats it reports and their actors.

Object ids are UUIDv5 of forewarn's own ids, so exporting the same store twice gives the
same ids and a receiving platform updates rather than duplicates.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import stix2

from forewarn.analyse.clusters import update_clusters
from forewarn.output.jsonl import analysis_record, write_jsonl
from forewarn.store import Store
from forewarn.store import warning as wstore
from forewarn.store.warning import ThreatEvent

ExportFormat = Literal["csv", "json", "jsonl", "stix", "graphml", "gexf"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "json", "jsonl", "stix", "graphml", "gexf")

# a fixed namespace: ids are stable across exports of the same store
_NAMESPACE = uuid.UUID("6c3c7a2e-5b0f-4d0e-9b7e-2f4a1c9e8d17")
_IDENTITY_CLASS = {"PERSON": "individual", "ORG": "organization", "GROUP": "group", "GPE": "organization"}

CSV_FIELDS = (
    "key",
    "cluster_id",
    "speaker_id",
    "speaker",
    "speaker_org_id",
    "speaker_org",
    "target_id",
    "target",
    "type",
    "form",
    "date",
    "first_published",
    "score",
    "report_count",
    "sources",
    "doc_ids",
    "urls",
    "quote",
)


@dataclass(frozen=True, slots=True)
class ExportFilter:
    target: str | None = None
    speaker: str | None = None
    since: str | None = None

    @property
    def empty(self) -> bool:
        return self.target is None and self.speaker is None and self.since is None


def selected_threats(store: Store, filters: ExportFilter = ExportFilter()) -> list[ThreatEvent]:
    """The threat events (clusters counted once) with a report matching the filters."""
    update_clusters(store)
    events = wstore.threat_events(store)
    if filters.empty:
        return events
    wanted = {r.threat_id for r in store.threats(target=filters.target, speaker=filters.speaker, since=filters.since)}
    return [e for e in events if wanted.intersection(e.threat_ids)]


def export(store: Store, fmt: str, out: Path, filters: ExportFilter = ExportFilter()) -> int:
    """Write the selected threats in `fmt` to `out`; returns how many threats were written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")
    threats = selected_threats(store, filters)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        out.write_text(threats_csv(threats), encoding="utf-8")
    elif fmt == "json":
        out.write_text(json.dumps([t.to_json() for t in threats], ensure_ascii=False, indent=2), encoding="utf-8")
    elif fmt == "jsonl":
        doc_ids = None if filters.empty else {d for t in threats for d in t.doc_ids}
        write_analysis_jsonl(store, out, doc_ids)
    elif fmt == "stix":
        out.write_text(stix_bundle(store, threats).serialize(pretty=True), encoding="utf-8")
    else:
        graph = threat_graph(store, threats)
        if fmt == "graphml":
            nx.write_graphml(graph, out)
        else:
            nx.write_gexf(graph, out)
    return len(threats)


def threats_csv(threats: Iterable[ThreatEvent]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for t in threats:
        writer.writerow(
            {
                "key": t.key,
                "cluster_id": t.cluster_id if t.cluster_id is not None else "",
                "speaker_id": t.speaker_id or "",
                "speaker": t.speaker_name or "",
                "speaker_org_id": t.speaker_org_id or "",
                "speaker_org": t.speaker_org_name or "",
                "target_id": t.target_id or "",
                "target": t.target_name or "",
                "type": t.type,
                "form": t.form,
                "date": t.date or "",
                "first_published": t.first_published or "",
                "score": f"{t.score:.3f}",
                "report_count": t.report_count,
                "sources": "; ".join(t.sources),
                "doc_ids": "; ".join(t.doc_ids),
                "urls": "; ".join(t.urls),
                "quote": t.quote,
            }
        )
    return buf.getvalue()


def write_analysis_jsonl(store: Store, out: Path, doc_ids: set[str] | None = None) -> int:
    """The analysis JSONL (shared/eval/FORMAT.md) of the stored documents (all, or `doc_ids`)."""
    n = 0
    with out.open("w", encoding="utf-8") as handle:
        for doc_id in store.documents():
            if doc_ids is not None and doc_id not in doc_ids:
                continue
            analysis = wstore.document_analysis(store, doc_id)
            if analysis is not None:
                n += write_jsonl([analysis_record(analysis)], handle)
    return n


# ---------------------------------------------------------------------- STIX 2.1


def _stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, f'{kind}:{key}')}"


def _timestamp(day: str | None) -> datetime | None:
    if not day:
        return None
    parts = day[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        dom = int(parts[2]) if len(parts) > 2 else 1
        return datetime(year, month, dom, tzinfo=UTC)
    except (ValueError, IndexError):
        return None


def stix_bundle(store: Store, threats: list[ThreatEvent]) -> stix2.Bundle:
    """A STIX 2.1 bundle of the threats, their actors and the documents that report them."""
    ids = {x for t in threats for x in (t.speaker_id, t.speaker_org_id, t.target_id) if x}
    actors = {a.actor_id: a for a in store.find_actors(None) if a.actor_id in ids}
    speakers = {x for t in threats for x in (t.speaker_id, t.speaker_org_id) if x}
    now = datetime.now(UTC).replace(microsecond=0)
    objects: dict[str, Any] = {}

    def identity(actor_id: str) -> str:
        sid = _stix_id("identity", actor_id)
        if sid not in objects:
            a = actors[actor_id]
            objects[sid] = stix2.Identity(
                id=sid,
                created=now,
                modified=now,
                name=a.name,
                identity_class=_IDENTITY_CLASS.get(a.type, "unknown"),
                description=f"forewarn actor {a.actor_id}"
                + (f"; also known as {', '.join(others)}" if (others := [x for x in a.aliases if x != a.name]) else ""),
                external_references=[{"source_name": "forewarn", "external_id": a.actor_id}],
            )
        return sid

    def threat_actor(actor_id: str) -> str:
        sid = _stix_id("threat-actor", actor_id)
        if sid not in objects:
            a = actors[actor_id]
            aliases = [x for x in a.aliases if x != a.name]
            objects[sid] = stix2.ThreatActor(
                id=sid,
                created=now,
                modified=now,
                name=a.name,
                threat_actor_types=["unknown"],
                aliases=aliases or None,
                external_references=[{"source_name": "forewarn", "external_id": a.actor_id}],
            )
            rel = _stix_id("relationship", f"attributed-to:{actor_id}")
            objects[rel] = stix2.Relationship(
                id=rel,
                created=now,
                modified=now,
                relationship_type="attributed-to",
                source_ref=sid,
                target_ref=identity(actor_id),
            )
        return sid

    for actor_id in sorted(speakers & set(actors)):
        threat_actor(actor_id)

    report_refs: dict[str, set[str]] = {}
    for t in threats:
        speaker = t.speaker_id or t.speaker_org_id
        if speaker is None or t.target_id is None or speaker not in actors or t.target_id not in actors:
            continue  # STIX needs both ends of a relationship
        source, target = threat_actor(speaker), identity(t.target_id)
        refs = [
            {"source_name": name, "external_id": doc_id, **({"url": url} if url else {})}
            for doc_id, name, url, _published in t.reports
        ]
        rel = _stix_id("relationship", f"targets:{t.key}")
        start = _timestamp(t.date)
        objects[rel] = stix2.Relationship(
            id=rel,
            created=now,
            modified=now,
            relationship_type="targets",
            source_ref=source,
            target_ref=target,
            description=f"{t.type} threat ({t.form}): “{t.quote}”",
            start_time=start,
            confidence=round(max(0.0, min(1.0, t.score)) * 100),
            external_references=refs,
        )
        involved = {source, target, rel}
        if t.speaker_id and t.speaker_org_id and t.speaker_org_id in actors and t.speaker_org_id != t.speaker_id:
            org = threat_actor(t.speaker_org_id)
            member = _stix_id("relationship", f"member:{t.speaker_id}:{t.speaker_org_id}")
            objects[member] = stix2.Relationship(
                id=member,
                created=now,
                modified=now,
                relationship_type="related-to",
                source_ref=source,
                target_ref=org,
                description="speaks for / belongs to",
            )
            involved |= {org, member}
        for doc_id in t.doc_ids:
            report_refs.setdefault(doc_id, set()).update(involved)

    for doc_id, refs in sorted(report_refs.items()):
        view = store.document(doc_id)
        if view is None:
            continue
        external = [{"source_name": wstore.source_name(view.source, view.url, doc_id), "external_id": doc_id}]
        if view.url:
            external[0]["url"] = view.url
        sid = _stix_id("report", doc_id)
        objects[sid] = stix2.Report(
            id=sid,
            created=now,
            modified=now,
            name=view.title or doc_id,
            report_types=["threat-actor"],
            published=_timestamp(view.published) or now,
            object_refs=sorted(refs),
            external_references=external,
        )
    return stix2.Bundle(objects=list(objects.values()), allow_custom=False)


# ---------------------------------------------------------------------- graphs


def threat_graph(store: Store, threats: list[ThreatEvent]) -> nx.DiGraph:
    """Who threatens whom: actors as nodes, one edge per speaker and target with the number
    of threats (and reports), their types and dates; membership edges person -> org."""
    graph = nx.DiGraph(name="forewarn threat network")
    ids = {x for t in threats for x in (t.speaker_id, t.speaker_org_id, t.target_id) if x}
    actors = {a.actor_id: a for a in store.find_actors(None) if a.actor_id in ids}

    def node(actor_id: str) -> None:
        if actor_id not in graph:
            a = actors.get(actor_id)
            graph.add_node(
                actor_id,
                label=a.name if a else actor_id,
                actor_type=a.type if a else "",
                threats_made=0,
                threats_received=0,
            )

    for t in threats:
        speaker = t.speaker_id or t.speaker_org_id
        if speaker is None or t.target_id is None:
            continue
        node(speaker)
        node(t.target_id)
        graph.nodes[speaker]["threats_made"] += 1
        graph.nodes[t.target_id]["threats_received"] += 1
        if graph.has_edge(speaker, t.target_id):
            edge = graph.edges[speaker, t.target_id]
            edge["threats"] += 1
            edge["reports"] += t.report_count
            edge["types"] = ";".join(sorted({*edge["types"].split(";"), t.type}))
            edge["forms"] = ";".join(sorted({*edge["forms"].split(";"), t.form}))
            edge["first_date"] = min(edge["first_date"], t.date or edge["first_date"])
            edge["last_date"] = max(edge["last_date"], t.date or edge["last_date"])
            edge["max_score"] = max(edge["max_score"], t.score)
            edge["weight"] = float(edge["threats"])
        else:
            graph.add_edge(
                speaker,
                t.target_id,
                kind="threat",
                threats=1,
                reports=t.report_count,
                types=t.type,
                forms=t.form,
                first_date=t.date or "",
                last_date=t.date or "",
                max_score=float(t.score),
                quote=t.quote,
                weight=1.0,
            )
        if t.speaker_id and t.speaker_org_id and t.speaker_org_id != t.speaker_id:
            node(t.speaker_id)
            node(t.speaker_org_id)
            if not graph.has_edge(t.speaker_id, t.speaker_org_id):
                graph.add_edge(
                    t.speaker_id,
                    t.speaker_org_id,
                    kind="member",
                    threats=0,
                    reports=0,
                    types="",
                    forms="",
                    first_date="",
                    last_date="",
                    max_score=0.0,
                    quote="",
                    weight=0.5,
                )
    return graph
