"""Cross-document actor resolution: one global id per real actor, whatever the spelling.

`ActorResolver` keeps the actors known so far and a blocking index over their names. For each
actor of a new document it looks up candidates through the index (never scanning all actors),
compares every surface form on both sides with `compare_names`, weighs the context the two
share (titles, affiliated organisations, co-mentioned actors) and either joins the best
candidate or creates a new id. New names go into the index at once, so later documents of the
same run match them.

Acceptance, in order:

1. A full-name match scoring at least `STRONG` (0.8) joins the best such candidate.
2. Weaker evidence -- a bare surname against a full name, an acronym against its expansion, a
   translated organisation name, a kunya alone -- joins a candidate only when it is the only
   one, or the only one sharing context, or the only one already known by exactly this form,
   or clearly dominant (three times the documents of the next). Translated organisation names
   need shared context even when alone.
3. A pair of full names with the same surname and different given names ("Hamid al-Sudani" /
   "Mohammed Shia al-Sudani") is a conflict: the candidate is refused whatever else matches.

Context tokens (`KnownActor.context`) are strings: ``title:<folded title>``, ``org:<actor id>``
for affiliations and ``with:<actor id>`` for actors mentioned in the same document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from forewarn.model import DocActor, DocumentAnalysis
from forewarn.resolve.names import (
    NameKind,
    _Detail,
    blocking_keys,
    compare_detail,
    guess_kind,
    is_acronym,
    name_key,
    parse_person,
    strip_titles,
)

STRONG = 0.8  # a full-name match at least this good joins without more evidence
MAX_POSTINGS = 64  # a blocking key naming more actors than this is skipped when others exist
MAX_CONTEXT = 400  # context tokens kept per actor
MAX_FORMS = 40  # surface forms compared per known actor
MAX_CANDIDATES = 24  # known actors scored per document actor at most
# candidates sharing less than this share of the best one's key weight are dropped
MIN_HIT_SHARE = 0.5
MIN_HIT_SHARE_BARE = 0.25
# weight of a shared blocking key when ranking candidates (by key family; see `blocking_keys`)
_KEY_WEIGHTS: dict[str, float] = {"x": 4.0, "sg": 2.0, "a": 1.5, "k": 1.5, "s": 1.0, "w": 1.0}

_GROUPS: dict[str, str] = {"PERSON": "P", "ORG": "O", "GROUP": "O", "GPE": "G"}


@dataclass
class KnownActor:
    """An actor already known to the store: id, type, names and context tokens."""

    actor_id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    # context tokens: titles, affiliated org keys, co-mentioned actor keys
    context: set[str] = field(default_factory=set)
    documents: int = 1  # documents the actor appeared in (for the "clearly dominant" rule)

    def surface_forms(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.aliases]))


@dataclass(frozen=True)
class Decision:
    """What resolution did with one actor of a document."""

    local_id: str
    actor_id: str
    created: bool
    score: float
    reason: str
    matched_name: str | None


@dataclass
class ResolverStats:
    lookups: int = 0
    candidates: int = 0  # candidate actors scored, summed over lookups
    comparisons: int = 0  # name pairs compared
    bare_lookups: int = 0  # lookups of actors named only in part (bare surname, acronym)
    bare_candidates: int = 0

    @property
    def candidates_per_lookup(self) -> float:
        return self.candidates / self.lookups if self.lookups else 0.0

    @property
    def candidates_per_full_lookup(self) -> float:
        n = self.lookups - self.bare_lookups
        return (self.candidates - self.bare_candidates) / n if n else 0.0

    @property
    def candidates_per_bare_lookup(self) -> float:
        return self.bare_candidates / self.bare_lookups if self.bare_lookups else 0.0


@dataclass
class _Evidence:
    actor_id: str
    score: float
    partial: bool
    translated: bool
    reason: str
    matched_name: str
    exact: bool  # one of the document's forms is, folded, one of the candidate's forms
    overlap: int = 0
    docs: int = 0


def _kind(group: str) -> NameKind:
    return "person" if group == "P" else "org"


def context_tokens(analysis: DocumentAnalysis, actor: DocActor, ids: dict[str, str] | None = None) -> set[str]:
    """Context of one actor in a document: its titles, affiliations and co-mentioned actors.

    `ids` maps local ids to global ids (defaults to the `actor_id`s already set).
    """
    ids = ids if ids is not None else {a.local_id: a.actor_id for a in analysis.actors if a.actor_id}
    out: set[str] = set()
    titles = list(actor.titles)
    for form in actor.surface_forms():
        titles.extend(strip_titles(form)[1])
    for title in titles:
        key = re.sub(r"[^a-z ]+", "", title.lower().replace("-", " ")).strip()
        key = re.sub(r"\s+", " ", key)
        if key:
            out.add(f"title:{key}")
    for local in actor.affiliations:
        if local in ids:
            out.add(f"org:{ids[local]}")
    for other in analysis.actors:
        if (
            other.local_id != actor.local_id
            and other.local_id in ids
            and ids[other.local_id] != ids.get(actor.local_id)
        ):
            out.add(f"with:{ids[other.local_id]}")
    return out


def _forms(names: Iterable[str], group: str) -> list[str]:
    """Distinct usable surface forms, titles stripped, one per folded key."""
    seen: set[str] = set()
    out: list[str] = []
    for position, raw in enumerate(names):
        if not raw or not raw.strip():
            continue
        bare = raw.strip() if group != "P" else (strip_titles(raw)[0] or raw.strip())
        key = name_key(bare)
        if not key or key in seen:
            continue
        if group != "P" and key in GENERIC_ORG_WORDS:
            continue  # "Tehreek" ("movement") cut from two different movements' names names neither
        generic = GENERIC_ORG_WORDS | _INSTITUTION_WORDS
        if position > 0 and group != "P" and len(key.split()) > 1 and all(w in generic for w in key.split()):
            continue  # "Security Service", cut from "Swedish Security Service", is every country's
        seen.add(key)
        out.append(bare)
    return out


# words that name a kind of organisation in the languages of the field, not one organisation
GENERIC_ORG_WORDS = frozenset(
    """tehreek tehrik harakat harakah hizb jamaat jamaat jamiat jama'at lashkar jaish jabhat sena dal sangh
    morcha parishad samiti ittihad majlis kataib kataeb saraya liwa ansar front movement party army brigade
    brigades militia cartel clan gang group council union alliance coalition forces police government
    partido frente movimiento ejercito comando brigada mara""".split()
)


# words that name a kind of state body: together they name one only with a country or a name
_INSTITUTION_WORDS = frozenset(
    """security service services intelligence ministry department agency national general state federal
    central public interior defence defense justice foreign affairs office directorate bureau command
    staff guard guards special operations republican revolutionary islamic popular people's peoples
    armed civil administration authority commission committee court supreme high""".split()
)


def _is_full(form: str, group: str) -> bool:
    if group == "P":
        p = parse_person(form)
        return bool(p.given) and p.surname is not None
    return not is_acronym(form)


class ActorResolver:
    """Resolve document actors to global actor ids across documents."""

    def __init__(self, known: Iterable[KnownActor] = (), *, next_number: int = 1, id_prefix: str = "A") -> None:
        self.id_prefix = id_prefix
        self.next_number = next_number
        self.stats = ResolverStats()
        self._actors: dict[str, KnownActor] = {}
        self._group: dict[str, str] = {}
        self._forms: dict[str, list[str]] = {}
        self._keys: dict[str, set[str]] = {}  # actor id -> folded forms
        self._index: dict[str, set[str]] = {}
        self._docs: Counter[str] = Counter()
        self._same: set[frozenset[str]] = set()
        self._different: set[frozenset[str]] = set()
        for actor in known:
            self.add_known(actor)

    # -- the store --------------------------------------------------------------------------

    def add_known(self, actor: KnownActor) -> None:
        """Add (or replace) a known actor and index its names."""
        if actor.actor_id in self._actors:
            self._unindex(actor.actor_id)
        group = _GROUPS.get(actor.type.upper(), "O")
        self._actors[actor.actor_id] = actor
        self._group[actor.actor_id] = group
        self._forms[actor.actor_id] = []
        self._keys[actor.actor_id] = set()
        self._docs[actor.actor_id] = max(self._docs[actor.actor_id], actor.documents, 1)
        self._add_forms(actor.actor_id, actor.surface_forms())
        m = re.fullmatch(re.escape(self.id_prefix) + r"(\d+)", actor.actor_id)
        if m:
            self.next_number = max(self.next_number, int(m.group(1)) + 1)

    def known_actors(self) -> list[KnownActor]:
        """The actors known now (to rebuild a resolver: `ActorResolver(r.known_actors(), ...)`)."""
        return [
            KnownActor(a.actor_id, a.type, a.name, list(a.aliases), set(a.context), self._docs[a.actor_id])
            for a in self._actors.values()
        ]

    def get(self, actor_id: str) -> KnownActor:
        return self._actors[actor_id]

    def __len__(self) -> int:
        return len(self._actors)

    def _add_forms(self, actor_id: str, names: Iterable[str]) -> None:
        group = self._group[actor_id]
        forms = self._forms[actor_id]
        keys = self._keys[actor_id]
        for form in _forms(names, group):
            key = name_key(form)
            if key in keys:
                continue
            keys.add(key)
            if len(forms) >= MAX_FORMS:
                continue
            forms.append(form)
            for bk in self._block_keys(form, group):
                self._index.setdefault(bk, set()).add(actor_id)

    def _unindex(self, actor_id: str) -> None:
        group = self._group[actor_id]
        for form in self._forms[actor_id]:
            for bk in self._block_keys(form, group):
                ids = self._index.get(bk)
                if ids:
                    ids.discard(actor_id)
                    if not ids:
                        del self._index[bk]

    @staticmethod
    def _block_keys(form: str, group: str) -> set[str]:
        keys = {f"{group}|{k}" for k in blocking_keys(form, _kind(group))}
        keys.add(f"{group}|x:{name_key(form)}")
        return keys

    # -- corrections ------------------------------------------------------------------------

    def apply_correction(self, same: Iterable[tuple[str, str]] = (), different: Iterable[tuple[str, str]] = ()) -> None:
        """Analysts' corrections: name pairs that must (or must not) resolve together.

        A `same` pair whose names already belong to two known actors merges them into the one
        with the lower id.
        """
        for a, b in same:
            pair = frozenset({name_key(a), name_key(b)})
            self._same.add(pair)
            self._different.discard(pair)
            holders = [self._holder(a), self._holder(b)]
            if holders[0] and holders[1] and holders[0] != holders[1]:
                keep, drop = sorted(holders, key=_id_order)  # type: ignore[arg-type]
                self.merge(keep, drop)
        for a, b in different:
            pair = frozenset({name_key(a), name_key(b)})
            self._different.add(pair)
            self._same.discard(pair)

    def _holder(self, name: str) -> str | None:
        key = name_key(name)
        for group in ("P", "O", "G"):
            ids = self._index.get(f"{group}|x:{key}")
            if ids and len(ids) == 1:
                return next(iter(ids))
        return None

    def merge(self, keep: str, drop: str) -> None:
        """Fold actor `drop` into `keep` (names, context, counts)."""
        if keep == drop:
            return
        gone = self._actors[drop]
        self._unindex(drop)
        target = self._actors[keep]
        for form in gone.surface_forms():
            if form not in target.aliases and form != target.name:
                target.aliases.append(form)
        target.context |= gone.context
        self._add_forms(keep, gone.surface_forms())
        self._docs[keep] += self._docs.pop(drop, 0)
        for d in (self._actors, self._group, self._forms, self._keys):
            d.pop(drop, None)

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, analysis: DocumentAnalysis) -> list[Decision]:
        """Set `actor_id` on every actor of the document; return what was decided and why."""
        actors = [a for a in analysis.actors if a.type in _GROUPS]
        ids: dict[str, str] = {}
        decisions: dict[str, Decision] = {}

        def order(a: DocActor) -> int:
            # places, then organisations, then full person names, then bare ones: each step
            # has the ids of the steps before as context
            group = _GROUPS[a.type]
            if group != "P":
                return 0 if group == "G" else 1
            return 2 if any(_is_full(f, "P") for f in _forms(a.surface_forms(), "P")) else 3

        for actor in sorted(actors, key=order):
            group = _GROUPS[actor.type]
            forms = _forms(actor.surface_forms(), group)
            context = context_tokens(analysis, actor, ids)
            decision = self._person_tagged_otherwise(actor, context)
            if decision is not None:
                group = "P"
            else:
                decision = self._decide(actor, forms, group, context)
            ids[actor.local_id] = decision.actor_id
            actor.actor_id = decision.actor_id
            decisions[actor.local_id] = decision
        # remember names and the full context of the document
        for actor in actors:
            aid = ids[actor.local_id]
            known = self._actors[aid]
            group = self._group[aid]
            new_forms = [f for f in _forms(actor.surface_forms(), group) if name_key(f) not in self._keys[aid]]
            for form in new_forms:
                if form != known.name and form not in known.aliases:
                    known.aliases.append(form)
            self._add_forms(aid, new_forms)
            if group == "P" and not _is_full(known.name, "P"):
                fuller = [f for f in self._forms[aid] if _is_full(f, "P")]
                if fuller:  # show the full name once one is known
                    known.aliases = [a for a in known.aliases if a != fuller[0]]
                    known.aliases.insert(0, known.name)
                    known.name = fuller[0]
            ctx = context_tokens(analysis, actor, ids)
            if len(known.context) < MAX_CONTEXT:
                known.context |= set(sorted(ctx)[: MAX_CONTEXT - len(known.context)])
            self._docs[aid] += 0 if decisions[actor.local_id].created else 1
        return [decisions[a.local_id] for a in actors]

    def _person_tagged_otherwise(self, actor: DocActor, context: set[str]) -> Decision | None:
        """A full person's name that the tagger took for a place or organisation in this document.

        Joins only an unambiguous, strong full-name match with a known person ("Rigoberto
        Salsido Ibarra" tagged as a place beside the known "Rigoberto Salcido Ibarra"), and
        makes the actor a person.
        """
        if _GROUPS.get(actor.type) == "P" or is_acronym(actor.name) or guess_kind(actor.name, actor.name) == "org":
            return None
        forms = [f for f in _forms(actor.surface_forms(), "P") if _is_full(f, "P") and len(f.split()) >= 2]
        if not forms:
            return None
        strong = []
        for aid in self._candidates(forms, "P"):
            ev = self._evidence(forms, aid, "P")
            if ev is not None and not ev.partial and not ev.translated and ev.score >= 0.95:
                strong.append(ev)
        if len(strong) != 1:
            return None
        tagged = actor.type.lower()
        actor.type = "PERSON"
        return self._join(actor, strong[0], f"a person's name tagged {tagged}: {strong[0].reason}")

    def _new(self, actor: DocActor, forms: list[str], group: str, context: set[str], reason: str) -> Decision:
        actor_id = f"{self.id_prefix}{self.next_number}"
        while actor_id in self._actors:
            self.next_number += 1
            actor_id = f"{self.id_prefix}{self.next_number}"
        self.next_number += 1
        names = forms or [actor.name]
        full = [f for f in names if _is_full(f, group)]
        name = max(full or names, key=lambda f: len(name_key(f).split()))
        aliases = [f for f in names if f != name]
        known = KnownActor(actor_id, actor.type, name, aliases, set(context))
        self._actors[actor_id] = known
        self._group[actor_id] = group
        self._forms[actor_id] = []
        self._keys[actor_id] = set()
        self._docs[actor_id] = 1
        self._add_forms(actor_id, known.surface_forms())
        return Decision(actor.local_id, actor_id, True, 0.0, reason, None)

    def _candidates(self, forms: list[str], group: str) -> set[str]:
        """Known actors sharing blocking keys with the forms, the best `MAX_CANDIDATES`.

        Keys naming more than `MAX_POSTINGS` actors are skipped while the form has narrower
        ones; candidates are ranked by the weight of the keys they share.
        """
        hits: Counter[str] = Counter()
        for form in forms:
            keys = [k for k in self._block_keys(form, group) if k in self._index]
            if not keys:
                continue
            narrow = [k for k in keys if len(self._index[k]) <= MAX_POSTINGS]
            for key in narrow or [min(keys, key=lambda k: len(self._index[k]))]:
                weight = _KEY_WEIGHTS.get(key.split("|", 2)[1].split(":", 1)[0], 1.0)
                for aid in self._index[key]:
                    hits[aid] += weight
        if not hits:
            return set()
        # a bare name keeps every namesake: they are what makes it ambiguous
        share = MIN_HIT_SHARE if any(_is_full(f, group) for f in forms) else MIN_HIT_SHARE_BARE
        floor = share * max(hits.values())
        ranked = [aid for aid, w in hits.most_common(MAX_CANDIDATES) if w >= floor]
        return set(ranked)

    def _evidence(self, forms: list[str], actor_id: str, group: str) -> _Evidence | None:
        kind = _kind(group)
        best: tuple[float, _Detail, str] | None = None
        best_partial: tuple[float, _Detail, str] | None = None
        conflict: _Detail | None = None
        exact = False
        known_keys = self._keys[actor_id]
        for fa in forms:
            ka = name_key(fa)
            if ka in known_keys:
                exact = True
            for fb in self._forms[actor_id]:
                pair = frozenset({ka, name_key(fb)})
                if pair in self._different:
                    return None
                if pair in self._same:
                    return _Evidence(actor_id, 1.0, False, False, "analyst correction", fb, True)
                self.stats.comparisons += 1
                d = compare_detail(fa, fb, kind)
                if d.match.same:
                    slot = (d.match.score, d, fb)
                    if d.partial:
                        best_partial = max(best_partial or slot, slot, key=lambda s: s[0])
                    else:
                        best = max(best or slot, slot, key=lambda s: s[0])
                elif d.conflict and (conflict is None or d.match.score > conflict.match.score):
                    conflict = d
        if best is None and conflict is not None:
            return None
        if best is None and any(_is_full(f, group) for f in forms):
            if any(_is_full(f, group) for f in self._forms[actor_id]):
                return None  # full names on both sides, and none of them match
        chosen = best or best_partial
        if chosen is None:
            return None
        score, d, fb = chosen
        return _Evidence(
            actor_id,
            score,
            best is None,
            d.translated,
            "; ".join(d.match.reasons),
            fb,
            exact,
        )

    def _decide(self, actor: DocActor, forms: list[str], group: str, context: set[str]) -> Decision:
        if not forms:
            return self._new(actor, forms, group, context, "new: no usable name")
        self.stats.lookups += 1
        candidates = self._candidates(forms, group)
        self.stats.candidates += len(candidates)
        if not any(_is_full(f, group) for f in forms):
            self.stats.bare_lookups += 1
            self.stats.bare_candidates += len(candidates)
        evidence: list[_Evidence] = []
        for aid in candidates:
            ev = self._evidence(forms, aid, group)
            if ev is None:
                continue
            ev.overlap = len(context & self._actors[aid].context)
            ev.docs = self._docs[aid]
            evidence.append(ev)
        if not evidence:
            why = "new: no candidate" if not candidates else f"new: none of {len(candidates)} candidates matched"
            return self._new(actor, forms, group, context, why)

        def rank(e: _Evidence) -> tuple[float, int, int, tuple[int, str]]:
            return (e.score + min(0.1, 0.03 * e.overlap), e.overlap, e.docs, _neg_id(e.actor_id))

        strong = sorted((e for e in evidence if not e.partial and not e.translated and e.score >= STRONG), key=rank)
        if strong:
            best = strong[-1]
            why = f"name match {best.score:.2f}: {best.reason}"
            if best.overlap:
                why += f"; {best.overlap} shared context"
            if len(strong) > 1:
                why += f"; preferred over {', '.join(e.actor_id for e in strong[:-1])}"
            return self._join(actor, best, why)
        weak = sorted(evidence, key=rank)
        with_context = [e for e in weak if e.overlap > 0]
        exact = [e for e in weak if e.exact]
        untranslated = [e for e in weak if not e.translated]
        if len(weak) == 1 and (weak[0].overlap > 0 or not weak[0].translated):
            e = weak[0]
            why = "only candidate" + (f", {e.overlap} shared context" if e.overlap else "")
            return self._join(actor, e, f"{why} ({e.score:.2f}): {e.reason}")
        if len(with_context) == 1:
            e = with_context[0]
            return self._join(actor, e, f"the one sharing context ({e.overlap}) ({e.score:.2f}): {e.reason}")
        if len(exact) == 1 and not exact[0].translated:
            return self._join(actor, exact[0], f"the one known by this name ({exact[0].score:.2f}): {exact[0].reason}")
        if len(untranslated) >= 2:
            top, second = sorted(untranslated, key=lambda e: e.docs)[-2:][::-1]
            if top.docs >= 3 and top.docs >= 3 * second.docs:
                return self._join(
                    actor, top, f"dominant candidate ({top.docs} documents) ({top.score:.2f}): {top.reason}"
                )
        names = ", ".join(e.actor_id for e in weak[::-1][:5])
        return self._new(actor, forms, group, context, f"new: ambiguous between {names}")

    def _join(self, actor: DocActor, e: _Evidence, reason: str) -> Decision:
        return Decision(actor.local_id, e.actor_id, False, round(e.score, 3), reason, e.matched_name)


def _id_order(actor_id: str) -> tuple[int, str]:
    m = re.search(r"(\d+)$", actor_id)
    return (int(m.group(1)) if m else 1 << 62, actor_id)


def _neg_id(actor_id: str) -> tuple[int, str]:
    """Sort key that prefers older (lower-numbered) actors when everything else ties."""
    n, s = _id_order(actor_id)
    return (-n, s)
