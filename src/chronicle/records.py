"""The record types every stage reads and extends: one dataclass per concept.

Like spaCy's ``Doc``/``Span``: a :class:`Document` owns the cleaned ``body``; every child
record (sentence, time expression, mention, event) points back into it by character
offsets, so each fact can cite the exact text it came from. Stages fill fields; they never
fork these types. ``to_dict``/``from_dict`` give the JSON form used by the store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")

InputKind = Literal["txt", "html", "jsonl", "warc"]
# Where a publication date came from: the page's markup or the container's field, a date
# line or byline in the text ("page"), the dateline, the URL path, a dateline's month and
# day with the year inferred from the body, or nowhere.
DateBasis = Literal["metadata", "page", "dateline", "url", "inferred", "unknown"]
# How an event got its date: a time expression in its own clause, absolute ("explicit") or
# anchored ("relative"); a neighbouring sentence of the same thread ("narrative"); the
# publication date for present-tense reporting; other reports of the same event
# ("corroborated", merged events only); or none.
EventDateBasis = Literal["explicit", "relative", "narrative", "publication", "corroborated", "unresolved"]
Precision = Literal["day", "month", "year", "decade", "unknown"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
ActorKind = Literal["person", "government", "military", "organization", "group", "country"]
Role = Literal["source", "target", "other"]
DocStatus = Literal["ok", "non_english", "empty"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT", "OTHER",
)


class Record:
    """Mixin: plain-JSON round trip for the dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = _plain(self)
        return result

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _build(cls, data)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_FIELD_SETS: dict[type, frozenset[str]] = {}


def _plain(value: Any) -> Any:
    """JSON-ready copy of a record tree. ``dataclasses.asdict`` does the same through deepcopy,
    several times slower, and every stored document passes through here."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(type(value))
        if names is None:
            names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a (possibly nested) record from ``to_dict`` output."""
    hints = _NESTED.get(cls.__name__, {})
    kwargs: dict[str, Any] = {}
    names = _FIELD_SETS.get(cls)
    if names is None:
        names = _FIELD_SETS[cls] = frozenset(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    for key, value in data.items():
        if key not in names:
            continue  # fields added later by newer versions are ignored, not fatal
        nested = hints.get(key)
        if nested is not None and value is not None:
            kind, sub = nested
            value = [_build(sub, v) for v in value] if kind == "list" else _build(sub, value)
        kwargs[key] = value
    return cls(**kwargs)


# --------------------------------------------------------------------------- input


@dataclass(slots=True)
class RawItem(Record):
    """One input item exactly as read, before cleaning (a file, a JSONL line, a WARC record)."""

    id: str
    source: str  # where it came from: a path, or "path#line 3" / "path@offset"
    kind: InputKind
    content: bytes  # raw bytes; decoding is the cleaner's job
    content_hash: str  # sha256 of content (plus given metadata), the idempotence key
    url: str | None = None
    published: str | None = None  # given by the container (JSONL field, WARC date is *not* used)
    outlet: str | None = None
    title: str | None = None
    is_html: bool = False
    offset: int = 0  # bytes of the source file read once this item was (for progress and ETA)
    warnings: list[str] = field(default_factory=list)  # a bad optional field dropped: the item is kept


@dataclass(slots=True)
class ItemError(Record):
    """A per-item failure: recorded in the summary, the batch goes on."""

    source: str
    code: str  # E### code, see chronicle.errors
    message: str
    id: str | None = None


@dataclass(slots=True)
class CollectedUrl(Record):
    """A URL ``chronicle collect`` fetched (the store's table of seen URLs): what a later run
    needs to skip it, or to ask for it again only if it changed."""

    url: str
    role: str  # article | feed | sitemap | home | robots
    status: int  # HTTP status of the response kept
    fetched_at: str  # ISO 8601, UTC
    etag: str | None = None
    last_modified: str | None = None
    canonical: str | None = None  # an article's declared canonical URL
    body: str | None = None  # a robots.txt's or home page's text (used again on a 304)


# --------------------------------------------------------------------------- analysis


@dataclass(slots=True)
class Sentence(Record):
    index: int
    start: int  # char offsets into Document.body
    end: int
    text: str


@dataclass(slots=True)
class Token(Record):
    """One token of a sentence the nlp stage parsed: a compact, spaCy-free view of the parse
    (offsets into Document.body) that chronicle.events reads instead of a spaCy Doc."""

    i: int  # index in Document.tokens
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # universal POS: VERB, NOUN, PROPN, NUM...
    tag: str  # Penn tag: VBD, VBZ, NNS, CD...
    dep: str  # dependency label: nsubj, dobj, prep, pobj...
    head: int  # index in Document.tokens of the syntactic head (its own index for a root)
    sentence: int  # Sentence.index


@dataclass(slots=True)
class TimeExpr(Record):
    """A TIMEX3 expression: offsets into the text it was tagged in, type and normalised value."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str | None  # TIMEX3 value ("2023-12-13", "2023-09", "P30Y", "XXXX-11-10"); None if unknown
    granularity: Precision | Literal["time", "week", "quarter", "season", "duration", "set"] = "unknown"
    anchor: str | None = None  # what it was resolved against: "dct", "narrative", "timex:<start>", None
    end_value: str | None = None  # for ranges ("1992-1994"): the end of the range
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX...


@dataclass(slots=True)
class Actor(Record):
    """A canonical actor: the same person/state/organisation across mentions and documents."""

    name: str  # canonical, e.g. "Ilham Aliyev", "Azerbaijan"
    kind: ActorKind | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER-style sector: GOV, MIL, REB, IGO, CVL, ...
    role_title: str | None = None  # "President", "Foreign Minister"
    affiliation: str | None = None  # a person's organisation as the text states it: "UN chief X" -> "UN"


@dataclass(slots=True)
class Mention(Record):
    """A span of the body that refers to an actor or place."""

    start: int
    end: int
    text: str
    label: str  # spaCy label (PERSON, GPE, ORG, NORP, LOC, FAC)
    actor: Actor | None = None
    place: Place | None = None


@dataclass(slots=True)
class Place(Record):
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # Where lat/lon come from: None for the place's own point; "capital" when a country (which
    # has no single point) is placed at its capital, so a map must not read it as exact.
    coord_basis: str | None = None


@dataclass(slots=True)
class Quantity(Record):
    value: float
    what: str  # what is counted: "Armenian military servicemen"
    text: str  # as written: "32 Armenian military servicemen"
    approximate: bool = False
    start: int = 0  # offsets into Document.body
    end: int = 0


@dataclass(slots=True)
class EventDate(Record):
    start: str | None = None  # ISO date, YYYY-MM or YYYY per precision
    end: str | None = None
    precision: Precision = "unknown"
    text: str | None = None  # the expression as written
    basis: EventDateBasis = "unresolved"
    source: str | None = None  # basis "corroborated": the document whose report states the date


@dataclass(slots=True)
class EventActor(Record):
    actor: Actor
    role: Role = "other"
    text: str | None = None  # the words of the mention


@dataclass(slots=True)
class Event(Record):
    """One event as reported by one document (merging across documents is chronicle.link)."""

    id: str  # stable: doc id + sentence start + trigger offset
    doc_id: str
    type: str  # one of PLOVER_TYPES
    summary: str
    sentence: Sentence  # the evidence, verbatim, with offsets into the body
    trigger: str  # the word(s) that signal the event: "met", "offensive"
    wording: str | None = None  # how the source names it: "anti-terrorism operation"
    actors: list[EventActor] = field(default_factory=list)
    date: EventDate = field(default_factory=EventDate)
    location: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    modality: Literal["asserted", "promised", "hypothetical", "negated", "reported"] = "asserted"
    trigger_start: int = 0  # offsets of the trigger in the body
    trigger_end: int = 0


@dataclass(slots=True)
class Document(Record):
    """An article: cleaned text, metadata, and every analysis layer, filled stage by stage."""

    id: str
    source: str
    content_hash: str
    kind: InputKind = "txt"
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    agency: str | None = None  # the wire agency the text credits for its copy ("Reuters"), apart from the outlet
    language: str | None = None
    published: str | None = None  # YYYY-MM-DD or None
    published_basis: DateBasis = "unknown"
    dateline: str | None = None  # "BAKU, November 6": kept for inference by chronicle.temporal
    body: str = ""
    status: DocStatus = "ok"
    removed_lines: int = 0  # how many lines the boilerplate filter dropped (for diagnostics)
    story: str | None = None
    duplicate_of: str | None = None
    main_event: str | None = None  # the merged event its headline or lede reports (set by linking)
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Where the agreement provisions this article names stand, sentence by sentence (agree stage).
    provision_statuses: list[ProvisionStatus] = field(default_factory=list)
    # The parse of the sentences that may hold an event (nlp stage); scratch for chronicle.events.
    tokens: list[Token] = field(default_factory=list)


# --------------------------------------------------------------------------- across sources


@dataclass(slots=True)
class EventSource(Record):
    doc: str
    sentence: str
    start: int
    end: int
    wording: str | None = None
    outlet: str | None = None
    event_id: str | None = None  # the per-document Event this source came from
    date: EventDate | None = None  # the date as this source gives it
    # why this report joined the event: what it shares with the report it matched best
    # ("same type", "shared actor: Armenia", "same day", ...); empty for the first report
    merged_because: list[str] = dataclasses.field(default_factory=list)


@dataclass(slots=True)
class Disagreement(Record):
    field: str  # "quantity", "date", "actor"
    values: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # [{"value":…, "sources":[doc…]}]


@dataclass(slots=True)
class AcledRecord(Record):
    """An event as ACLED codes it (its columns; the rest of a row comes from the event)."""

    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: str | None  # "Civilian targeting", else None
    fatalities: int
    time_precision: int | None  # 1 day, 2 week or month, 3 year or coarser
    geo_precision: int | None  # 1 the place's own point, 3 a country placed at its capital
    source_scale: str | None


@dataclass(slots=True)
class TimelineEvent(Record):
    """A real-world event merged from one or more reports."""

    id: str
    type: str
    summary: str
    date: EventDate
    actors: list[EventActor] = field(default_factory=list)
    location: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    sources: list[EventSource] = field(default_factory=list)
    corroboration: int = 1
    disagreements: list[Disagreement] = field(default_factory=list)
    story: str | None = None
    acled: AcledRecord | None = None  # as ACLED codes it (chronicle.events.acled); None outside its scope
    updated: str | None = None  # when it last changed (ISO 8601, UTC); the store sets it on reading


@dataclass(slots=True)
class Story(Record):
    id: str
    doc_ids: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass(slots=True)
class ProvisionStatus(Record):
    """One step in a provision's history, citing the sentence that states it."""

    provision: str  # taxonomy key, e.g. "third_party_forces"
    status: str  # proposed | in draft | disputed | unresolved | agreed | signed | implemented | violated
    date: str | None
    doc: str
    sentence: str
    start: int = 0
    end: int = 0
    agreement: str | None = None  # which agreement: "peace treaty", "2020 ceasefire"
    outlet: str | None = None
    by: str | None = None  # who proposes/demands/accepts it, when the sentence says: "Azerbaijan"
    cue: str | None = None  # the words that decided the status: "remained unresolved", "accepted"
    date_basis: str = "unknown"  # "sentence" (own time expression) | "publication" | "discourse" | "unknown"


@dataclass(slots=True)
class Provision(Record):
    """One provision category of an agreement (PA-X style) and its status over time."""

    key: str  # taxonomy key, e.g. "third_party_forces"
    label: str
    definition: str = ""
    history: list[ProvisionStatus] = field(default_factory=list)  # ordered by date


# Which fields hold nested records (for from_dict); kept next to the types it describes.
_NESTED: dict[str, dict[str, tuple[str, type]]] = {
    "Mention": {"actor": ("one", Actor), "place": ("one", Place)},
    "EventActor": {"actor": ("one", Actor)},
    "Event": {
        "sentence": ("one", Sentence),
        "actors": ("list", EventActor),
        "date": ("one", EventDate),
        "location": ("one", Place),
        "quantities": ("list", Quantity),
    },
    "Document": {
        "sentences": ("list", Sentence),
        "timexes": ("list", TimeExpr),
        "mentions": ("list", Mention),
        "events": ("list", Event),
        "provision_statuses": ("list", ProvisionStatus),
        "tokens": ("list", Token),
    },
    "EventSource": {"date": ("one", EventDate)},
    "Disagreement": {},
    "Provision": {"history": ("list", ProvisionStatus)},
    "TimelineEvent": {
        "date": ("one", EventDate),
        "actors": ("list", EventActor),
        "location": ("one", Place),
        "quantities": ("list", Quantity),
        "sources": ("list", EventSource),
        "disagreements": ("list", Disagreement),
        "acled": ("one", AcledRecord),
    },
}
