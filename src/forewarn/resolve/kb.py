"""Knowledge bases: actors with aliases and affiliations from YAML, CSV or FollowTheMoney JSON.

A knowledge base is optional: it seeds or enriches the actors that resolution matches new
documents against. Each entry is matched against the store's actors with the same resolver
that documents go through, so a KB entry joins the actor the documents already know (and
an analyst can read why), or becomes a new actor.

Formats:
- YAML: a list of `{name, type, aliases: [...], affiliations: [...]}` (or `{actors: [...]}`).
- CSV: columns `name, type, aliases, affiliations`; lists separated by `|` or `;`.
- FollowTheMoney entities as OpenSanctions publishes them (JSON lines or a JSON list):
  `Person`, `Organization`, `LegalEntity`, `Company` with `name`, `alias`, `weakAlias`,
  `previousName`; `Membership` / `Employment` / `Directorship` entities link people to
  organisations.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from forewarn.model import ActorType, DocActor, Document, DocumentAnalysis
from forewarn.resolve.resolver import ActorResolver

_TYPES: dict[str, ActorType] = {
    "person": "PERSON",
    "per": "PERSON",
    "org": "ORG",
    "organization": "ORG",
    "organisation": "ORG",
    "group": "ORG",
    "legalentity": "ORG",
    "company": "ORG",
    "publicbody": "ORG",
    "gpe": "GPE",
    "country": "GPE",
    "place": "GPE",
}
_FTM_ACTORS = {"Person": "PERSON", "Organization": "ORG", "LegalEntity": "ORG", "Company": "ORG", "PublicBody": "ORG"}
_FTM_LINKS = {
    "Membership": ("member", "organization"),
    "Employment": ("employee", "employer"),
    "Directorship": ("director", "organization"),
}


class KnowledgeBaseError(ValueError):
    """A knowledge-base file that cannot be read."""


@dataclass
class KbActor:
    name: str
    type: ActorType
    aliases: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # names (or KB ids) of organisations
    kb_id: str | None = None


def _type(value: object) -> ActorType:
    key = re.sub(r"[^a-z]", "", str(value or "person").lower())
    if key not in _TYPES:
        raise KnowledgeBaseError(f"unknown actor type {value!r} (use person or org)")
    return _TYPES[key]


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[|;]", value) if v.strip()]
    if isinstance(value, Iterable):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


def read_kb(path: Path) -> list[KbActor]:
    """Read a knowledge-base file in any supported format."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            return _from_records(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
        if suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                return _from_records(list(csv.DictReader(handle)))
        if suffix in (".json", ".jsonl", ".ftm", ".ijson"):
            return _from_ftm(_json_records(path))
    except (yaml.YAMLError, json.JSONDecodeError, csv.Error, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: {exc}") from exc
    raise KnowledgeBaseError(f"{path}: unsupported knowledge-base format {suffix!r} (yaml, csv, json, jsonl)")


def _json_records(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("["):
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _from_records(records: object) -> list[KbActor]:
    if isinstance(records, dict):
        records = records.get("actors", [])
    if not isinstance(records, list):
        raise KnowledgeBaseError("expected a list of actors")
    actors = []
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict) or not str(rec.get("name") or "").strip():
            raise KnowledgeBaseError(f"entry {n}: every actor needs a name")
        actors.append(
            KbActor(
                name=str(rec["name"]).strip(),
                type=_type(rec.get("type")),
                aliases=_list(rec.get("aliases")),
                affiliations=_list(rec.get("affiliations")),
                kb_id=str(rec["id"]) if rec.get("id") else None,
            )
        )
    return actors


def _from_ftm(entities: list[dict]) -> list[KbActor]:
    actors: dict[str, KbActor] = {}
    links: list[tuple[str, str]] = []
    for entity in entities:
        schema = entity.get("schema")
        props = entity.get("properties") or {}
        if schema in _FTM_ACTORS:
            names = _list(props.get("name"))
            if not names:
                continue
            actors[entity.get("id") or names[0]] = KbActor(
                name=names[0],
                type=_FTM_ACTORS[schema],  # type: ignore[arg-type]
                aliases=names[1:]
                + _list(props.get("alias"))
                + _list(props.get("weakAlias"))
                + _list(props.get("previousName")),
                kb_id=entity.get("id"),
            )
        elif schema in _FTM_LINKS:
            person_key, org_key = _FTM_LINKS[schema]
            for person in _list(props.get(person_key)):
                for org in _list(props.get(org_key)):
                    links.append((person, org))
    for person, org in links:
        if person in actors and org in actors:
            actors[person].affiliations.append(actors[org].name)
    return list(actors.values())


@dataclass
class ImportedActor:
    kb: KbActor
    actor_id: str
    created: bool
    reason: str


def match_kb(actors: list[KbActor], resolver: ActorResolver) -> list[ImportedActor]:
    """Match each KB actor against the known actors (organisations first, so people can join them)."""
    ordered = sorted(actors, key=lambda a: a.type != "ORG")
    results = []
    for kb in ordered:
        doc_actor = DocActor(local_id="L1", name=kb.name, type=kb.type, aliases=list(kb.aliases))
        analysis = DocumentAnalysis(document=Document(doc_id=f"kb:{kb.kb_id or kb.name}", text=""), actors=[doc_actor])
        decision = resolver.resolve(analysis)[0]
        results.append(ImportedActor(kb, decision.actor_id, decision.created, decision.reason))
    return results
