"""Who threatens whom in an analysis, by actor name: the shape most extraction tests assert on."""

from __future__ import annotations

from forewarn.model import DocumentAnalysis, Threat


def names(analysis: DocumentAnalysis, threat: Threat) -> tuple[str | None, str | None]:
    speaker = analysis.actor(threat.speaker.local_id).name if threat.speaker else None
    target = analysis.actor(threat.target.local_id).name if threat.target else None
    return speaker, target


def pairs(analysis: DocumentAnalysis) -> set[tuple[str | None, str | None]]:
    return {names(analysis, threat) for threat in analysis.threats}
