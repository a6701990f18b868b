"""Request and response bodies of the HTTP API (they make the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forewarn.model import ActorType, EventType, ThreatForm, ThreatType

# the API speaks the shared data model's vocabulary
ThreatTypeName = ThreatType
ThreatFormName = ThreatForm
ReviewStatus = Literal["unreviewed", "confirmed", "rejected"]
EventTypeName = EventType
ActorTypeName = ActorType
ActorId = Field(pattern=r"^A\d{1,12}$", max_length=13, description="an actor id such as A12")


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ReportsOut(BaseModel):
    """Corroboration: the documents reporting the same threat (one threat event)."""

    cluster_id: int | None
    report_count: int
    earliest_published: str | None
    doc_ids: list[str]


class ThreatOut(BaseModel):
    threat_id: int
    doc_id: str
    speaker_id: str | None
    speaker: str | None
    speaker_mention: str | None
    speaker_org_id: str | None
    speaker_org: str | None
    target_id: str | None
    target: str | None
    target_mention: str | None
    type: str
    form: str
    date: str | None
    score: float
    status: str
    cue: str | None
    evidence: SpanOut
    spans: list[SpanOut]
    doc_title: str | None
    doc_published: str | None
    doc_url: str | None
    doc_source: str | None
    speaker_span: SpanOut | None
    target_span: SpanOut | None
    reviewed_by: str | None
    reviewed_at: str | None
    corrected: list[str] = Field(description="fields an analyst corrected: speaker_id, target_id, type, form")
    reports: ReportsOut | None = Field(default=None, description="the documents that report this same threat")


class ThreatPage(BaseModel):
    items: list[ThreatOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class ReviewOut(BaseModel):
    status: str | None
    speaker_id: str | None
    target_id: str | None
    type: str | None
    form: str | None
    note: str | None
    reviewed_by: str
    reviewed_at: str


class ReviewLogOut(BaseModel):
    user: str
    changes: dict[str, list[Any]] = Field(description="field -> [before, after]")
    note: str | None
    created_at: str


class ThreatDetailOut(ThreatOut):
    review: ReviewOut | None
    history: list[ReviewLogOut]


class ThreatPatch(BaseModel):
    """An analyst's review: confirm or reject, and/or correct fields. Omitted fields stay."""

    model_config = ConfigDict(extra="forbid")

    status: ReviewStatus | None = None
    speaker_id: str | None = Field(default=None, pattern=r"^A\d{1,12}$", max_length=13)
    target_id: str | None = Field(default=None, pattern=r"^A\d{1,12}$", max_length=13)
    type: ThreatTypeName | None = None
    form: ThreatFormName | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _something(self) -> ThreatPatch:
        if all(getattr(self, f) is None for f in ("status", "speaker_id", "target_id", "type", "form", "note")):
            raise ValueError("nothing to change: give status, speaker_id, target_id, type, form or note")
        return self


class EventOut(BaseModel):
    event_id: int
    doc_id: str
    type: str
    date: str | None
    location: str | None
    actor_id: str | None
    actor: str | None
    actor_mention: str | None
    target_id: str | None
    target: str | None
    target_mention: str | None
    evidence: SpanOut
    spans: list[SpanOut]


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None


class ActorOut(BaseModel):
    actor_id: str
    name: str
    type: str
    aliases: list[str]
    titles: list[str]
    mentions: int
    documents: int
    threats_made: int
    threats_received: int


class ActorPage(BaseModel):
    items: list[ActorOut]
    next_cursor: str | None


class AffiliationOut(BaseModel):
    actor_id: str
    name: str
    type: str
    doc_ids: list[str]


class MergeOut(BaseModel):
    id: int
    kind: str
    actor_ids: list[str]
    names: list[str]
    reason: str
    analyst: str | None
    alias: str | None
    created_at: str


class ActorDetailOut(BaseModel):
    actor: ActorOut
    requested_id: str = Field(description="the id asked for; differs from actor.actor_id after a merge")
    affiliations: list[AffiliationOut]
    members: list[AffiliationOut] = Field(description="actors affiliated with this one (first 100)")
    members_total: int
    merged_ids: list[str]
    history: list[MergeOut]
    threats_made: ThreatPage = Field(description="first page; continue with GET /api/threats?speaker=ID")
    threats_received: ThreatPage = Field(description="first page; continue with GET /api/threats?target=ID")
    events: EventPage = Field(description="first page; continue with GET /api/events?actor=ID")
    events_total: int


class TimelineBucketOut(BaseModel):
    period: str
    threats: int
    events: int
    threats_by_type: dict[str, int]
    events_by_type: dict[str, int]


class TimelineOut(BaseModel):
    actor_id: str
    name: str
    granularity: Literal["year", "month", "day"]
    buckets: list[TimelineBucketOut]
    undated_threats: int
    undated_events: int


class NetworkNodeOut(BaseModel):
    actor_id: str
    name: str
    type: str
    focus: bool


class NetworkEdgeOut(BaseModel):
    source: str
    target: str
    threats: int


class NetworkOut(BaseModel):
    nodes: list[NetworkNodeOut]
    edges: list[NetworkEdgeOut]


class MentionOut(BaseModel):
    actor_id: str
    name: str
    type: str
    start: int
    end: int
    text: str


class DocumentOut(BaseModel):
    doc_id: str
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    source_path: str | None
    language: str
    content_hash: str
    analysed_at: str | None
    metadata: dict[str, Any]
    ignored: list[list[int]]
    text: str
    threats: list[ThreatOut]
    events: list[EventOut]
    mentions: list[MentionOut]


class DocumentIn(BaseModel):
    """A document to analyse: `text`, or `html` (main text extracted), or just a `url` to fetch."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1)
    html: str | None = Field(default=None, min_length=1)
    url: str | None = Field(default=None, max_length=2000, description="where it came from; fetched if no text/html")
    doc_id: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$",
        description="default: 'api-' and the first 16 hex digits of the text's SHA-256",
    )
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=64, description="publication date (any common format)")
    source: str | None = Field(default=None, max_length=500)
    language: str | None = Field(default=None, max_length=16)
    metadata: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _has_content(self) -> DocumentIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give text or html, not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give text, html or url")
        return self


class DocumentSummaryOut(BaseModel):
    doc_id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    snippet: str


class DocumentSearchPage(BaseModel):
    items: list[DocumentSummaryOut]
    next_cursor: str | None


class SearchOut(BaseModel):
    q: str
    documents: DocumentSearchPage
    threats: ThreatPage
    actors: ActorPage


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=300)


class WhoAmI(BaseModel):
    user: str | None
    reads_need_token: bool
