"""Response and request schemas of the REST API.

The event, document and timeline shapes are :mod:`chronicle.public`'s, the one model that the
JSON export, the API and the web page share; here are the API's own: pages, uploads, a
document's own events, stories, provisions and problems.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chronicle import public

# The shapes of the timeline export are chronicle.public's; the API names them as before.
DateOut = public.Date
EventOut = public.Event
DocumentSummary = public.DocumentSummary
TimelineOut = public.Timeline


class EventPage(BaseModel):
    items: list[EventOut]
    total: int = Field(description="how many events match the filters, over all pages")
    limit: int
    offset: int


# -------------------------------------------------------------------------- documents


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


class DocumentOut(public.Document):
    events: list[DocumentEventOut] = Field(default_factory=list)


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


# Stories and agreement provisions are public shapes too (chronicle.public).
StoryOut = public.Story
ProvisionStatusOut = public.ProvisionStatus
ProvisionOut = public.Provision


class Problem(BaseModel):
    """Every 4xx answer: one readable sentence, plus the per-field details where there are any."""

    detail: str
    errors: list[dict[str, Any]] = []



# -------------------------------------------------------------------------- aggregates (the page's map and chart)


class HistogramBin(BaseModel):
    period: str = Field(description="a week (its Monday, YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)")
    type: str
    events: int


class HistogramOut(BaseModel):
    unit: str = Field(description="week | month | year")
    first: str | None = Field(description="first day the selected dated events cover")
    last: str | None
    bins: list[HistogramBin]


class PlaceOut(BaseModel):
    name: str | None
    country: str | None
    lat: float
    lon: float
    coord_basis: str | None = Field(description="'capital' when a country is placed at its capital")
    events: int


class FacetValue(BaseModel):
    value: str
    events: int


class FacetsOut(BaseModel):
    types: dict[str, int]
    acled_types: dict[str, int] = Field(description="events by ACLED sub-event type (those within ACLED's scope)")
    dated: int
    undated: int
    documents: int
    actors: list[FacetValue]
    countries: list[FacetValue]
    outlets: list[FacetValue]


class BriefOut(BaseModel):
    """The briefing: Markdown with [outlet, date] citations, and the same as data."""

    model_config = ConfigDict(extra="allow")

    markdown: str
