"""The one public model of what leaves chronicle: the timeline export, the REST API's
documents, events, stories and provisions, and the data the web page reads.

Each shape is written once, here, as a pydantic model with a constructor from the stored
records (:mod:`chronicle.records`, which may grow fields for the pipeline's own use without
changing what users see). ``../shared/spec/timeline.schema.json`` is the contract: a test
checks the schema these models generate against it, and new fields are optional additions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chronicle import records

SCHEMA_VERSION = "1"


class _Public(BaseModel):
    # Serialised fields are all present (null when unknown), so the generated schema marks
    # them required, as the contract does.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)


# -------------------------------------------------------------------------- events


class Date(_Public):
    start: str | None = Field(None, description="ISO date, YYYY-MM or YYYY per precision; null when unknown")
    end: str | None = None
    precision: Literal["day", "month", "year", "decade", "unknown"] = "unknown"
    text: str | None = Field(None, description="the expression as written")
    basis: str = Field(
        "unresolved", description="explicit | relative | narrative | publication | corroborated | unresolved"
    )
    source: str | None = Field(None, description="basis corroborated: the document whose report states the date")

    @classmethod
    def from_record(cls, date: records.EventDate) -> Date:
        return cls(start=date.start, end=date.end, precision=date.precision, text=date.text, basis=date.basis,
                   source=date.source)


class SourceDate(_Public):
    """The date one report gives the event, which merging never overrides."""

    start: str | None = None
    precision: Literal["day", "month", "year", "decade", "unknown"] = "unknown"
    text: str | None = None
    basis: str = "unresolved"


class Actor(_Public):
    name: str = Field(description="canonical name, e.g. 'Ilham Aliyev'")
    role: Literal["source", "target", "other"]
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    kind: str | None = None
    sector: str | None = Field(None, description="PLOVER-style sector: GOV, MIL, REB, IGO, ...")


class Place(_Public):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    coord_basis: str | None = Field(
        None, description="'capital': a country placed at its capital's point, not an exact position"
    )


class Quantity(_Public):
    value: float
    what: str
    approximate: bool = False
    text: str


class Source(_Public):
    doc: str
    outlet: str | None = None
    published: str | None = Field(None, description="the publication date of the report's document, if known")
    sentence: str = Field(description="the evidence sentence, verbatim from the cleaned body")
    start: int = Field(0, description="character offset of the sentence in the document body")
    end: int = 0
    wording: str | None = Field(None, description="how this source names the event")
    date: SourceDate | None = None
    merged_because: list[str] = Field(
        default_factory=list,
        description="why this report was merged into the event: what it shares with the report it matched best",
    )


class Disagreement(_Public):
    field: str
    values: list[dict[str, Any]] = []


class Acled(_Public):
    """The event as ACLED codes it: its types spelled as ACLED spells them, its actors and
    their ACLED codes (``inter``), and its precision codes."""

    disorder_type: str
    event_type: str = Field(description="one of ACLED's 6 event types")
    sub_event_type: str = Field(description="one of ACLED's 25 sub-event types")
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = Field(None, description="1 state forces, 2 rebels, ... 7 civilians, 8 external/other forces")
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    fatalities: int = 0
    time_precision: int | None = Field(None, description="1 day, 2 week or month, 3 year or coarser")
    geo_precision: int | None = Field(None, description="1 the place's own point, 3 a country placed at its capital")
    source_scale: str | None = None

    @classmethod
    def of(cls, event: records.TimelineEvent) -> Acled | None:
        found = event.acled
        return None if found is None else cls(**{f: getattr(found, f) for f in cls.model_fields})


class Event(_Public):
    """A merged timeline event: one real-world event, one or more reports."""

    id: str
    type: str = Field(description="PLOVER event type")
    summary: str
    date: Date
    actors: list[Actor] = []
    location: Place | None = None
    quantities: list[Quantity] = []
    sources: list[Source] = []
    corroboration: int = Field(1, description="distinct outlets (not reprints) that report it")
    disagreements: list[Disagreement] = []
    story: str | None = None
    acled: Acled | None = Field(None, description="the event as ACLED codes it; null outside ACLED's scope")
    updated: str | None = Field(None, description="when the event last changed (ISO 8601, UTC)")

    @classmethod
    def from_record(cls, event: records.TimelineEvent, outlets: Mapping[str, str | None],
                    published: Mapping[str, str | None] | None = None) -> Event:
        """``outlets`` and ``published``: each cited document's outlet and publication date."""
        published = published or {}
        loc = event.location
        return cls(
            id=event.id, type=event.type, summary=event.summary, date=Date.from_record(event.date),
            actors=[Actor(name=a.actor.name, role=a.role, country=a.actor.country, kind=a.actor.kind,
                          sector=a.actor.sector) for a in event.actors],
            location=None if loc is None else Place(name=loc.name, country=loc.country, lat=loc.lat, lon=loc.lon,
                                                    coord_basis=loc.coord_basis),
            quantities=[Quantity(value=q.value, what=q.what, approximate=q.approximate, text=q.text)
                        for q in event.quantities],
            sources=[
                Source(
                    doc=s.doc, outlet=s.outlet or outlets.get(s.doc), published=published.get(s.doc),
                    sentence=s.sentence, start=s.start, end=s.end,
                    wording=s.wording,
                    date=None if s.date is None else SourceDate(
                        start=s.date.start, precision=s.date.precision, text=s.date.text, basis=s.date.basis
                    ),
                    merged_because=list(s.merged_because),
                )
                for s in event.sources
            ],
            corroboration=event.corroboration,
            disagreements=[Disagreement(field=d.field, values=d.values) for d in event.disagreements],
            story=event.story,
            acled=Acled.of(event),
            updated=event.updated,
        )


# -------------------------------------------------------------------------- documents


class DocumentSummary(_Public):
    id: str = Field(description="stable id; for a file input, the file name without its extension")
    published: str | None = Field(None, description="YYYY-MM-DD, or null when the article does not say")
    published_basis: str = "unknown"
    outlet: str | None = None
    agency: str | None = Field(None, description="the wire agency the text credits for its copy")
    title: str | None = None
    author: str | None = None
    language: str | None = None
    status: str = "ok"
    story: str = Field(description="id of the story cluster: documents that report the same news share it")
    duplicate_of: str | None = None
    url: str | None = None
    main_event: str | None = Field(None, description="id of the event its headline or lede reports")

    @classmethod
    def fields_of(cls, doc: records.Document) -> dict[str, Any]:
        return {
            "id": doc.id, "published": doc.published, "published_basis": doc.published_basis,
            "outlet": doc.outlet, "agency": doc.agency, "title": doc.title, "author": doc.author,
            "language": doc.language, "status": doc.status, "story": doc.story or doc.id,
            "duplicate_of": doc.duplicate_of, "url": doc.url, "main_event": doc.main_event,
        }

    @classmethod
    def from_record(cls, doc: records.Document) -> DocumentSummary:
        return cls(**cls.fields_of(doc))


class Document(DocumentSummary):
    body: str = Field(description="the cleaned article text, boilerplate removed")

    @classmethod
    def from_record(cls, doc: records.Document) -> Document:
        return cls(**cls.fields_of(doc), body=doc.body)


class Timeline(_Public):
    """What ``chronicle timeline --format json`` prints (``timeline.schema.json``)."""

    version: str = SCHEMA_VERSION
    documents: list[Document]
    events: list[Event]

    @classmethod
    def from_records(cls, documents: Sequence[records.Document], events: Sequence[records.TimelineEvent]) -> Timeline:
        outlets = {d.id: d.outlet for d in documents}
        published = {d.id: d.published for d in documents}
        return cls(documents=[Document.from_record(d) for d in documents],
                   events=[Event.from_record(e, outlets, published) for e in events])


# -------------------------------------------------------------------------- stories, agreements


class Story(_Public):
    """Documents that report the same news, with the number of merged events attached."""

    id: str
    title: str | None = None
    documents: list[DocumentSummary]
    events: int = Field(0, description="merged events attached to this story")


class ProvisionStatus(_Public):
    """Where one provision stood, as one document's sentence states it."""

    model_config = ConfigDict(extra="ignore", json_schema_serialization_defaults_required=True)

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


class Provision(_Public):
    """One provision of a negotiated agreement: its latest status per agreement and its history."""

    model_config = ConfigDict(extra="ignore", json_schema_serialization_defaults_required=True)

    key: str
    label: str
    definition: str = ""
    latest: list[ProvisionStatus] = []
    history: list[ProvisionStatus] = []
