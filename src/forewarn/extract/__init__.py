"""Extraction: a parsed document in, its actors, threats and events out."""

from __future__ import annotations

from spacy.tokens import Doc

from forewarn.extract import detection
from forewarn.extract.actors import ActorTable, extract_actors
from forewarn.extract.attribution import AttributionRanker, available
from forewarn.extract.dates import sentence_date
from forewarn.extract.events import EventExtractor
from forewarn.extract.statements import Statement, StatementFinder
from forewarn.extract.threats import ThreatExtractor
from forewarn.model import Document, DocumentAnalysis, Span

__all__ = ["ActorTable", "Statement", "analyse_document"]


def analyse_document(
    document: Document,
    doc: Doc,
    ranker: type[AttributionRanker] | None = AttributionRanker,
    detect: bool = True,
) -> DocumentAnalysis:
    """Extract actors, threats and events from one document and its spaCy parse.

    `ranker` gives the rules' speakers and targets a learned second opinion; None keeps the rules'.
    `detect` gives the sentences the rules turn down a learned second look (`detection.ThreatDetector`).
    """
    actors = extract_actors(doc)
    finder = StatementFinder(doc, actors)
    statements = finder.statements()
    use = ranker is not None and (ranker is not AttributionRanker or available())
    attribution = ranker(doc, actors, (finder.in_quote(t.i) for t in doc)) if use and ranker else None

    def date_of(chars: tuple[int, int]) -> str | None:
        return sentence_date(doc, chars, document.published)

    detector = detection.ThreatDetector() if detect and detection.available() else None
    extractor = ThreatExtractor(doc, actors, finder, date_of, document.published, attribution, detector)
    threats = extractor.extract(statements)
    events = EventExtractor(doc, actors, finder.in_quote, date_of).extract()
    analysis = DocumentAnalysis(document=document, actors=actors.actors, threats=threats, events=events)
    _rebase_spans(analysis)
    return analysis


def _rebase_spans(analysis: DocumentAnalysis) -> None:
    """Re-read every span from the original text (the parser saw debris blanked out)."""
    text = analysis.document.text

    def fix(span: Span | None) -> Span | None:
        return Span.of(text, span.start, span.end) if span is not None else None

    for actor in analysis.actors:
        actor.mentions = [Span.of(text, m.start, m.end) for m in actor.mentions]
    for fact in [*analysis.threats, *analysis.events]:
        fact.evidence = Span.of(text, fact.evidence.start, fact.evidence.end)
        fact.evidence_spans = [Span.of(text, s.start, s.end) for s in fact.evidence_spans]
    for threat in analysis.threats:
        for ref in (threat.speaker, threat.target, threat.speaker_org):
            if ref is not None:
                ref.mention = fix(ref.mention)
