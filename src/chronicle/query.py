"""The one query layer over the merged timeline: :class:`EventQuery` (what the store, the
CLI, the brief and the API ask for), its pure-Python twin :func:`event_matches` (the rule the
store's SQL implements, and a test holds them equal), and one parser for a date bound
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

A bound names a real period or is refused with a sentence that says why: the CLI turns the
ValueError into a usage error (exit 2), the API into a 422.

**Partial dates overlap.** An event dated "2024" or "2024-06" covers every day of that year or
month, and a bound covers every day of its period too: ``--since 2024-06`` starts on 1 June,
``--until 2024-06`` ends on 30 June. An event is in a range when its period and the range
share a day, so "2024" is in June–December 2024, and "2024-06-30" is in "2024-06". An undated
event is in no bounded range.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from chronicle.records import TimelineEvent

T = TypeVar("T")

_DATE_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date_bound(value: str | None, name: str = "date") -> str | None:
    """``value`` when it is a real year, month or day (ISO), None when empty; ValueError else."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    match = _DATE_PREFIX.fullmatch(value)
    if match is None:
        raise ValueError(f"{name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{name} {value!r} is not a real date ({exc})") from None
    return value


def first_day(prefix: str) -> str:
    """The first day a year, month or day covers: "2024-06" -> "2024-06-01"."""
    parts = prefix.split("-")
    return "-".join([parts[0], *[*parts[1:], "01", "01"][:2]])


def last_day(prefix: str) -> str:
    """The last day a year, month or day covers: "2024-02" -> "2024-02-29"."""
    parts = prefix.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-{calendar.monthrange(int(parts[0]), int(parts[1]))[1]:02d}"
    return prefix


def check_range(since: str | None, until: str | None) -> None:
    """ValueError when the range is empty: ``since`` after ``until``."""
    if since and until and first_day(since) > last_day(until):
        raise ValueError(f"since {since} is after until {until}")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Filters over the merged timeline; every field optional, all given ones must hold."""

    types: tuple[str, ...] = ()  # PLOVER types
    acled_types: tuple[str, ...] = ()  # ACLED sub-event types, as ACLED spells them
    actor: str | None = None  # canonical name, case-insensitive
    country: str | None = None  # ISO alpha-3, case-insensitive
    since: str | None = None  # date bound: events whose period ends on or after its first day
    until: str | None = None  # events whose period starts on or before its last day
    story: str | None = None
    doc: str | None = None
    q: str | None = None  # full text over summaries, evidence sentences and wordings
    outlet: str | None = None  # events one of whose reports this outlet published
    place: str | None = None  # events located at this place (its name, as the map shows it)
    min_corroboration: int = 0
    disagreement: bool = False  # only events whose reports disagree on something
    # True: dated events only; False: undated ones only; None: both (a date range keeps dated ones)
    dated: bool | None = None
    limit: int = 100
    offset: int = 0

    def unpaged(self) -> EventQuery:
        """The same filters without paging (the key of what they select)."""
        return dataclasses.replace(self, limit=0, offset=0)


@dataclass(slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)


def date_overlaps(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    """The range rule of the module doc: the period of ``start``..``end`` (ISO prefixes) shares
    a day with [since, until]; an undated event with no bounded range."""
    if since is None and until is None:
        return True
    if not start:
        return False
    return (since is None or last_day(end or start) >= first_day(since)) and (
        until is None or first_day(start) <= last_day(until)
    )


def event_matches(event: TimelineEvent, query: EventQuery) -> bool:
    """Whether ``event`` answers ``query`` (all filters but the full text, which needs the
    store's index, and the outlet, which needs the documents): what
    :meth:`chronicle.store.Store.query_events` selects, in Python."""
    if query.types and event.type not in query.types:
        return False
    if query.acled_types and (event.acled is None or event.acled.sub_event_type not in query.acled_types):
        return False
    if query.actor and query.actor.lower() not in {ea.actor.name.lower() for ea in event.actors}:
        return False
    if query.country and query.country.lower() not in {(ea.actor.country or "").lower() for ea in event.actors}:
        return False
    if query.doc and query.doc not in {s.doc for s in event.sources}:
        return False
    if query.story and event.story != query.story:
        return False
    if event.corroboration < query.min_corroboration:
        return False
    if query.disagreement and not event.disagreements:
        return False
    if query.place and (event.location is None or event.location.name != query.place):
        return False
    if query.dated is not None and bool(event.date.start) != query.dated:
        return False
    if not event.date.start and (query.since or query.until):
        return False
    return date_overlaps(event.date.start, event.date.end, query.since, query.until)
