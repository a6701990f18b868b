"""One threat, many reports: grouping the reports of the same act of threatening.

Outlets report the same statement days apart, in their own words and translations ("a
multiplied response" in one, "a double response" in another). Extraction gives one threat
per speaker and target *per document*; this module decides which of those are the same
threat event across documents, so that lists, scores and alerts count it once while
keeping every source.

Two reports are the same threat when the speaker and the target agree (the same actor,
or a spokesman and his organisation) and one of these holds (`ClusterPolicy` holds the
numbers):

- **same words**: the evidence reads alike (rapidfuzz token and partial ratios on
  normalised text) and the dates are within `quote_days`;
- **close words**: the evidence is fairly alike, the dates within `close_days`;
- **same occasion**: the wording differs (translation, paraphrase) but speaker and target
  are both known and equal, the type is compatible and the dates are within
  `occasion_days`: the extractor already folds everything one speaker says against one
  target in one document into one threat, so the same folding across documents of the
  same days is consistent with it;
- **re-reported quote**: a near-verbatim quote of the same speaker against the same
  target, repeated in a later article without a date of its own (court reports, profiles).

The same speaker and target weeks apart in different words is a new occasion and stays a
separate threat; two reports in one document are never merged (extraction keeps them
apart on purpose). Clustering is incremental: `update_clusters` places only threats that
are in no cluster yet, and a re-analysed document's threats find their old cluster again
by their evidence span (`forewarn.store.warning.clusters_by_anchor`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from anyascii import anyascii
from rapidfuzz import fuzz

from forewarn.analyse.dates import days_between, effective_day
from forewarn.store import Store, ThreatRow
from forewarn.store import warning as wstore
from forewarn.store.warning import ReportRow, ThreatEvent

_NON_WORD = re.compile(r"[^0-9a-z]+")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
# words that carry no content in a quote; dropped before the token ratios so that "he said
# the" in two unrelated sentences does not look alike
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been will would shall should "
    "this that these those it its he she they we you i his her their our your my me him them us said says "
    "told has have had not no if then than there here who whom which what when".split()
)
_REPORTING = frozenset(
    "threat threats threaten threatens threatened threatening warn warns warned warning warnings vow vows vowed "
    "vowing promise promises promised pledge pledged say saying tell telling speech statement message video "
    "interview remarks according translation again also new latest yesterday today tonight week weeks month "
    "months ago last earlier later days day night morning evening".split()
)
# types that translations and extractors confuse: one threat may be "violence" in one
# report and "military" in another
_TYPE_FAMILY = {"violence": "force", "military": "force"}


@dataclass(frozen=True, slots=True)
class ClusterPolicy:
    """The thresholds of `same_threat` (similarities in 0..1, gaps in days)."""

    same_words: float = 0.85
    quote_days: int = 45
    close_words: float = 0.6
    close_days: int = 7
    occasion_days: int = 3
    requote_words: float = 0.92
    min_partial_chars: int = 24  # partial_ratio only between texts at least this long
    min_set_tokens: int = 4  # token_set_ratio only when the shorter text has this many content words
    min_words: int = 3  # spans saying less than this many content words ...
    short_cap: float = 0.75  # ... are never "the same words"


DEFAULT_POLICY = ClusterPolicy()


@dataclass(frozen=True, slots=True)
class Match:
    same: bool
    similarity: float  # of the wording, 0..1
    reason: str


def normalise(text: str) -> str:
    """Lower-case ASCII words: curly quotes, accents and punctuation gone."""
    folded = anyascii(unicodedata.normalize("NFKC", text)).lower().replace("'", "")
    return _NON_WORD.sub(" ", folded).strip()


def content_words(text: str) -> str:
    """What a report says rather than who and when: the words of the evidence less names
    and titles (capitalised words), function words and reporting words ("threatened",
    "said", "again"). Two reports of one speaker against one target share the names and
    the verb whatever the occasion; only the rest tells occasions apart."""
    words = []
    for token in _TOKEN.findall(text):
        if token[0].isupper():
            continue
        word = normalise(token).replace(" ", "")
        if word and word not in _STOP and word not in _REPORTING:
            words.append(word)
    return " ".join(words)


def text_similarity(a: Iterable[str], b: Iterable[str], policy: ClusterPolicy = DEFAULT_POLICY) -> float:
    """The best likeness (0..1) between what any evidence span of one report says and what
    any span of the other says (`content_words`)."""
    best = 0.0
    other = [c for c in (content_words(y) for y in b) if c]
    for x in a:
        cx = content_words(x)
        if not cx:
            continue
        for cy in other:
            score = fuzz.token_sort_ratio(cx, cy) / 100.0
            if min(len(cx), len(cy)) >= policy.min_partial_chars:
                score = max(score, fuzz.partial_ratio(cx, cy) / 100.0)
            shortest = min(len(cx.split()), len(cy.split()))
            if shortest >= policy.min_set_tokens:
                score = max(score, fuzz.token_set_ratio(cx, cy) / 100.0)
            if shortest < policy.min_words:
                # "vows revenge" in two headlines says little about whether it is one threat
                score = min(score, policy.short_cap)
            best = max(best, score)
    return best


def _same_party(a: ReportRow, b: ReportRow) -> tuple[str, bool]:
    """Whether the speakers agree: ('strict' | 'weak' | 'no', both known)."""
    a_ids = {a.speaker_id, a.speaker_org_id} - {None}
    b_ids = {b.speaker_id, b.speaker_org_id} - {None}
    if a.speaker_id and b.speaker_id:
        if a.speaker_id == b.speaker_id:
            return "strict", True
        # a spokesman in one report, his organisation speaking in the other
        if a.speaker_id in b_ids or b.speaker_id in a_ids:
            return "strict", True
        return "no", True
    if a_ids & b_ids:
        return "weak", False
    if a_ids and b_ids:
        return "no", False
    return "weak", False


def _same_target(a: ReportRow, b: ReportRow) -> str:
    if a.target_id and b.target_id:
        return "strict" if a.target_id == b.target_id else "no"
    return "weak"


def same_threat(a: ReportRow, b: ReportRow, policy: ClusterPolicy = DEFAULT_POLICY) -> Match:
    """Whether two reports (from different documents) are reports of one threat, and why."""
    if a.doc_id == b.doc_id:
        return Match(False, 0.0, "same document: extraction keeps these apart")
    speaker, _ = _same_party(a, b)
    target = _same_target(a, b)
    if speaker == "no" or target == "no":
        return Match(False, 0.0, "different speaker or target")
    gap = days_between(effective_day(a.date, a.published), effective_day(b.date, b.published))
    sim = text_similarity(a.texts, b.texts, policy)
    both_strict = speaker == "strict" and target == "strict"
    if sim >= policy.same_words and gap is not None and gap <= policy.quote_days:
        return Match(True, sim, f"same words ({sim:.2f}), {gap} days apart")
    if both_strict and sim >= policy.close_words and gap is not None and gap <= policy.close_days:
        return Match(True, sim, f"close words ({sim:.2f}), {gap} days apart")
    family_a, family_b = _TYPE_FAMILY.get(a.type, a.type), _TYPE_FAMILY.get(b.type, b.type)
    if both_strict and family_a == family_b and gap is not None and gap <= policy.occasion_days:
        return Match(True, sim, f"same speaker, target and occasion ({gap} days apart); wording differs ({sim:.2f})")
    if both_strict and sim >= policy.requote_words and _undated_restatement(a, b):
        return Match(True, sim, f"the same quote ({sim:.2f}) re-reported later")
    if gap is not None and gap > policy.occasion_days and sim < policy.same_words:
        return Match(False, sim, f"{gap} days apart in other words: another occasion")
    return Match(False, sim, f"wording differs ({sim:.2f})")


def _undated_restatement(a: ReportRow, b: ReportRow) -> bool:
    """The later report gives the threat no date of its own (its date is its publication's)."""
    later = max((a, b), key=lambda r: r.published or "")
    return later.date is None or later.date == later.published


@dataclass
class ClusterUpdate:
    """What one `update_clusters` call did."""

    placed: int = 0  # threats given a cluster
    joined: int = 0  # of which joined an existing cluster (a further report of a known threat)
    rejoined: int = 0  # re-analysed reports that found their old cluster by their evidence span
    created: int = 0  # new clusters
    refreshed: set[int] = field(default_factory=set)  # clusters whose summary was recomputed
    new_clusters: list[int] = field(default_factory=list)
    grown_clusters: list[int] = field(default_factory=list)


def update_clusters(store: Store, policy: ClusterPolicy = DEFAULT_POLICY) -> ClusterUpdate:
    """Place every threat that is in no cluster yet; call after saving analyses.

    Runs in one transaction; cheap when nothing is new (one query). The pipeline calls it at
    the end of `analyse_documents`; readers that must be current call it too.
    """
    result = ClusterUpdate()
    with store._sessions.begin() as s:
        new = wstore.unclustered_reports(s)
        if new:
            by_anchor = wstore.clusters_by_anchor(s, (r.anchor for r in new))
            involved = {x for r in new for x in (r.speaker_id, r.speaker_org_id, r.target_id) if x}
            known = wstore.reports_about(s, involved)
            if any(not (r.speaker_id or r.speaker_org_id or r.target_id) for r in new):
                known.extend(wstore.reports_without_actors(s))
            members: dict[int, list[ReportRow]] = {}
            for r in known:
                if r.cluster_id is not None:
                    members.setdefault(r.cluster_id, []).append(r)
            touched: set[int] = set()
            for report in sorted(new, key=_order):
                cluster_id, sim, reason = _place(report, members, by_anchor, policy)
                if cluster_id is None:
                    cluster_id = wstore.new_cluster(s, report)
                    result.created += 1
                    result.new_clusters.append(cluster_id)
                elif reason.startswith("re-analysed"):
                    result.rejoined += 1
                else:
                    result.joined += 1
                    result.grown_clusters.append(cluster_id)
                wstore.add_member(s, report, cluster_id, sim, reason)
                placed = replace(report, cluster_id=cluster_id)
                members.setdefault(cluster_id, []).append(placed)
                touched.add(cluster_id)
                result.placed += 1
            s.flush()
        else:
            touched = set()
        result.refreshed = wstore.refresh_clusters(s, touched)
    return result


def _order(r: ReportRow) -> tuple[str, int]:
    return (r.published or "9999", r.threat_id)


def _place(
    report: ReportRow, members: dict[int, list[ReportRow]], by_anchor: dict[str, int], policy: ClusterPolicy
) -> tuple[int | None, float, str]:
    """The cluster a report belongs to (None: a new one), its similarity and the reason."""
    old = by_anchor.get(report.anchor)
    if old is not None and not any(m.doc_id == report.doc_id for m in members.get(old, ())):
        return old, 1.0, "re-analysed: the same evidence span as before"
    best: tuple[float, int, str] | None = None
    for cluster_id, reports in members.items():
        if any(m.doc_id == report.doc_id for m in reports):
            continue  # one report per document in a cluster
        for member in reports:
            match = same_threat(report, member, policy)
            if match.same and (best is None or match.similarity > best[0]):
                best = (match.similarity, cluster_id, f"{match.reason} (as {member.doc_id})")
    if best is None:
        return None, 1.0, "first report"
    return best[1], best[0], best[2]


def rebuild_clusters(store: Store, policy: ClusterPolicy = DEFAULT_POLICY) -> ClusterUpdate:
    """Forget every grouping and cluster all threats again (after changing the policy).
    Cluster ids change: alerts already raised keep their old ids."""
    wstore.clear_clusters(store)
    return update_clusters(store, policy)


def threat_reports(store: Store) -> list[ThreatEvent]:
    """Every threat counted once, with all its reports (the interface other stages use)."""
    update_clusters(store)
    return wstore.threat_events(store)


def collapse_rows(store: Store, rows: list[ThreatRow]) -> list[tuple[ThreatRow, wstore.ClusterInfo]]:
    """Threat rows (`forewarn.store.ThreatRow`) with one row per threat event: the earliest
    report among `rows` stands for its cluster, with the cluster's corroboration."""
    info = wstore.cluster_of(store, [r.threat_id for r in rows])
    seen: dict[object, int] = {}
    out: list[tuple[ThreatRow, wstore.ClusterInfo]] = []
    for row in rows:
        ci = info.get(row.threat_id)
        if ci is None:
            continue
        key = ci.cluster_id if ci.cluster_id is not None else f"T{row.threat_id}"
        if key in seen:
            kept, _ = out[seen[key]]
            if (row.doc_published or "9999", row.threat_id) < (kept.doc_published or "9999", kept.threat_id):
                out[seen[key]] = (row, ci)
            continue
        seen[key] = len(out)
        out.append((row, ci))
    return out
