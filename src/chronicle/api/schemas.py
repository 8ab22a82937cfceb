"""Response and request schemas of the REST API.

These are the API's public shapes, kept apart from the stored records of
:mod:`chronicle.records` (like the FastAPI template's ``models.py``): the records may grow
fields for the pipeline's own use without changing what clients see. The event and
document shapes are the ones of ``timeline.schema.json``, built from
:func:`chronicle.report.timeline.event_data` / ``document_data`` so the JSON export, the API
and the web page show the same data.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# -------------------------------------------------------------------------- events


class DateOut(BaseModel):
    start: str | None = Field(None, description="ISO date, YYYY-MM or YYYY per precision; null when unknown")
    end: str | None = None
    precision: str = Field("unknown", description="day | month | year | decade | unknown")
    text: str | None = Field(None, description="the expression as written")
    basis: str = Field(
        "unresolved", description="explicit | relative | narrative | publication | corroborated | unresolved"
    )
    source: str | None = Field(None, description="basis corroborated: the document whose report states the date")


class SourceDateOut(BaseModel):
    start: str | None = None
    precision: str = "unknown"
    text: str | None = None
    basis: str = "unresolved"


class ActorOut(BaseModel):
    name: str
    role: str = Field(description="source | target | other")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    kind: str | None = None


class PlaceOut(BaseModel):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class QuantityOut(BaseModel):
    value: float
    what: str
    approximate: bool = False
    text: str


class SourceOut(BaseModel):
    doc: str
    outlet: str | None = None
    sentence: str = Field(description="the evidence sentence, verbatim from the cleaned body")
    start: int = Field(0, description="character offset of the sentence in the document body")
    end: int = 0
    wording: str | None = Field(None, description="how this source names the event")
    date: SourceDateOut | None = None


class DisagreementOut(BaseModel):
    field: str
    values: list[dict[str, Any]] = []


class EventOut(BaseModel):
    """A merged timeline event (one real-world event, one or more reports)."""

    id: str
    type: str = Field(description="PLOVER event type")
    summary: str
    date: DateOut
    actors: list[ActorOut] = []
    location: PlaceOut | None = None
    quantities: list[QuantityOut] = []
    sources: list[SourceOut] = []
    corroboration: int = Field(1, description="distinct outlets (not reprints) that report it")
    disagreements: list[DisagreementOut] = []
    story: str | None = None


class EventPage(BaseModel):
    items: list[EventOut]
    total: int = Field(description="how many events match the filters, over all pages")
    limit: int
    offset: int


# -------------------------------------------------------------------------- documents


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    agency: str | None = Field(None, description="the wire agency the text credits for its copy")
    author: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD, or null when the article does not say")
    published_basis: str = "unknown"
    language: str | None = None
    status: str = "ok"
    story: str
    duplicate_of: str | None = None


class DocumentEventOut(BaseModel):
    """One event as this document reports it (before merging across sources)."""

    id: str
    type: str
    summary: str
    trigger: str
    wording: str | None = None
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger_start: int = 0
    trigger_end: int = 0
    date: DateOut
    modality: str = "asserted"


class DocumentOut(DocumentSummary):
    body: str
    events: list[DocumentEventOut] = []


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class UploadIn(BaseModel):
    """A document sent as JSON (the same fields as one line of a JSONL input)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200, description="stable id; default: from url")
    text: str | None = Field(None, description="plain article text (give text or html)")
    html: str | None = Field(None, description="the article page's HTML (give text or html)")
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="publication date, as given")
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)


class UploadError(BaseModel):
    source: str
    code: str
    message: str
    id: str | None = None


class UploadResult(BaseModel):
    stored: list[str]
    unchanged: list[str]
    failed: list[UploadError]


# -------------------------------------------------------------------------- stories, agreement


class StoryOut(BaseModel):
    id: str
    title: str | None = None
    documents: list[DocumentSummary]
    events: int = Field(0, description="merged events attached to this story")


class ProvisionStatusOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    status: str
    date: str | None = None
    doc: str
    sentence: str
    start: int = 0
    end: int = 0
    agreement: str | None = None
    outlet: str | None = None
    by: str | None = None
    cue: str | None = None
    date_basis: str = "unknown"


class ProvisionOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    key: str
    label: str
    definition: str = ""
    latest: list[ProvisionStatusOut] = []
    history: list[ProvisionStatusOut] = []


class TimelineOut(BaseModel):
    """The public export of ``timeline.schema.json``."""

    version: str
    documents: list[DocumentOutTimeline]
    events: list[EventOut]


class DocumentOutTimeline(DocumentSummary):
    body: str


class Problem(BaseModel):
    """Every 4xx answer: one readable sentence, plus the per-field details where there are any."""

    detail: str
    errors: list[dict[str, Any]] = []


TimelineOut.model_rebuild()
