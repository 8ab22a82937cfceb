"""Which merged events answer an :class:`~chronicle.query.EventQuery`, worked out in memory.

The timeline's filter columns (type, dates, corroboration, story) are read once per change of
the data into arrays in timeline order, and each other filter (an actor, a country, a document,
an outlet, a place, an ACLED type, a word of the full text, "has a disagreement") is one set of
events the database's indexes give, kept as a mask. A query is then the AND of a few masks:
counting it, paging it or summing it by week touches no row of the database, and a page reads
only its own rows. In SQL the same selection scans the timeline's index for each request (a
month's range, a common word: 20-60 ms on 100,000 events, and tail latencies in the hundreds
under concurrent clients), which is what this replaces.

Pure functions and arrays: the store (:mod:`chronicle.store.sqlite`) runs the SQL and keeps
these per connection; nothing here touches the database. The rule for dates is
:func:`chronicle.query.date_overlaps`'s (partial dates cover their whole period).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt

from chronicle.query import EventQuery, first_day, last_day

Mask = npt.NDArray[np.bool_]
Unit = Literal["week", "month", "year"]
# One row of the timeline's covering index, in timeline order.
ColumnRow = tuple[int, str, str | None, str | None, int, str | None]
# One located event: rowid, place, country, lat, lon, coord_basis.
PlaceRow = tuple[int, str | None, str | None, float, float, str | None]


@dataclass(frozen=True, slots=True)
class TimelineColumns:
    """The filter columns of every merged event, in timeline order (position i is the i-th event)."""

    rowids: npt.NDArray[np.int64]
    types: npt.NDArray[np.int32]  # codes into type_codes
    type_codes: dict[str, int]
    stories: npt.NDArray[np.int32]  # codes into story_codes; -1 for none
    story_codes: dict[str, int]
    corroboration: npt.NDArray[np.int64]
    dated: Mask
    first: npt.NDArray[np.int64]  # proleptic ordinal of the first day the event's period covers
    last: npt.NDArray[np.int64]  # ... and of its last day
    months: npt.NDArray[np.int64]  # year * 12 + month - 1 when the start is known to the month, else -1
    years: npt.NDArray[np.int64]
    day_precise: Mask  # the start is a day
    pairs: npt.NDArray[np.int64]  # codes into pair_values
    pair_values: tuple[tuple[str | None, str | None], ...]  # distinct (start, end) as stored
    _sorted_rowids: npt.NDArray[np.int64]
    _sorted_positions: npt.NDArray[np.int64]

    @classmethod
    def from_rows(cls, rows: Iterable[ColumnRow]) -> TimelineColumns:
        """From (rowid, type, date_start, date_end, corroboration, story) rows in timeline order."""
        listed = list(rows)
        return cls.from_columns(
            np.fromiter((r[0] for r in listed), dtype=np.int64, count=len(listed)), [r[1] for r in listed],
            [period_key(r[2], r[3]) for r in listed],
            np.fromiter((r[4] for r in listed), dtype=np.int64, count=len(listed)), [r[5] for r in listed],
        )

    @classmethod
    def from_columns(cls, rowids: npt.NDArray[np.int64], types: Sequence[str], periods: Sequence[str],
                     corroboration: npt.NDArray[np.int64], stories: Sequence[str | None]) -> TimelineColumns:
        """From the columns themselves, each in timeline order; ``periods`` as :func:`period_key`
        writes them. Values repeat (20 types, a few thousand distinct dates over 100,000 events):
        each distinct one is worked out once."""
        type_codes = {kind: code for code, kind in enumerate(dict.fromkeys(types))}
        story_codes = {story: code for code, story in enumerate(dict.fromkeys(s for s in stories if s))}
        story_codes_or_none: dict[str | None, int] = {None: -1, "": -1}
        story_codes_or_none.update(story_codes)
        period_codes = {key: code for code, key in enumerate(dict.fromkeys(periods))}
        pair_of = np.fromiter(map(period_codes.__getitem__, periods), dtype=np.int64, count=len(periods))
        pair_values = tuple(_period_pair(key) for key in period_codes)
        spans = np.array([_span(*pair) for pair in pair_values], dtype=np.int64).reshape(-1, 5)
        order = np.argsort(rowids, kind="stable")
        return cls(
            rowids=rowids,
            types=np.fromiter(map(type_codes.__getitem__, types), dtype=np.int32, count=len(types)),
            type_codes=type_codes,
            stories=np.fromiter(map(story_codes_or_none.__getitem__, stories), dtype=np.int32, count=len(stories)),
            story_codes=story_codes,
            corroboration=corroboration,
            dated=spans[pair_of, 0] > 0,
            first=spans[pair_of, 0],
            last=spans[pair_of, 1],
            months=spans[pair_of, 2],
            years=spans[pair_of, 3],
            day_precise=spans[pair_of, 4] > 0,
            pairs=pair_of,
            pair_values=pair_values,
            _sorted_rowids=rowids[order],
            _sorted_positions=order.astype(np.int64),
        )

    def __len__(self) -> int:
        return len(self.rowids)

    def positions_of(self, rowids: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], Mask]:
        """Where the events of ``rowids`` stand in timeline order, and which of ``rowids`` are
        events of the timeline at all (the positions are of those only)."""
        if not len(rowids) or not len(self):
            return np.zeros(0, dtype=np.int64), np.zeros(len(rowids), dtype=np.bool_)
        at = np.searchsorted(self._sorted_rowids, rowids)
        at[at >= len(self)] = 0
        found = self._sorted_rowids[at] == rowids
        return self._sorted_positions[at[found]], found

    def mask_of(self, rowids: npt.NDArray[np.int64]) -> Mask:
        """The events whose rowids are given (rowids no longer in the timeline are ignored)."""
        mask = np.zeros(len(self), dtype=np.bool_)
        mask[self.positions_of(rowids)[0]] = True
        return mask

    def select(self, query: EventQuery, lookups: Sequence[Mask] = ()) -> Mask:
        """The events that answer ``query``'s column filters and every one of ``lookups`` (the
        masks of its indexed filters, which the caller reads)."""
        mask = np.ones(len(self), dtype=np.bool_)
        for lookup in lookups:
            mask &= lookup
        if query.types:
            wanted = np.zeros(len(self.type_codes) + 1, dtype=np.bool_)
            wanted[[self.type_codes[t] for t in query.types if t in self.type_codes]] = True
            mask &= wanted[self.types]
        if query.story:
            mask &= self.stories == self.story_codes.get(query.story, -2)
        if query.min_corroboration:
            mask &= self.corroboration >= query.min_corroboration
        if query.dated is not None:
            mask &= self.dated if query.dated else ~self.dated
        if query.since or query.until:
            mask &= self.dated
            if query.since:
                mask &= self.last >= _ordinal(first_day(query.since))
            if query.until:
                mask &= self.first <= _ordinal(last_day(query.until))
        return mask

    def histogram(self, mask: Mask, unit: Unit) -> list[tuple[str, str, int]]:
        """(period, type, events) over the dated events of ``mask``: a week (named by its Monday)
        holds day-precise events only, a month those known to the month, a year all."""
        chosen = mask & self.dated
        if unit == "week":
            chosen &= self.day_precise
            periods = self.first - (self.first - 1) % 7  # ordinal 1 (0001-01-01) is a Monday
        elif unit == "month":
            chosen &= self.months >= 0
            periods = self.months
        else:
            periods = self.years
        names = {code: name for name, code in self.type_codes.items()}
        keys = periods[chosen] * len(names) + self.types[chosen]
        values, counts = np.unique(keys, return_counts=True)
        rows = [(_period_name(int(v) // len(names), unit), names[int(v) % len(names)], int(n))
                for v, n in zip(values, counts, strict=True)]
        return sorted(rows)

    def date_span(self, mask: Mask) -> tuple[str | None, str | None]:
        """The earliest start and latest end (as stored) among the dated events of ``mask``."""
        chosen = [self.pair_values[code] for code in np.unique(self.pairs[mask & self.dated])]
        if not chosen:
            return None, None
        return min(start or "" for start, _ in chosen), max(end or "" for _, end in chosen)


@dataclass(frozen=True, slots=True)
class PlaceColumns:
    """Where each located event stands: a place code per position (-1: not located)."""

    codes: npt.NDArray[np.int64]
    places: tuple[tuple[str | None, str | None, float, float, str | None], ...]  # name, country, lat, lon, basis

    @classmethod
    def from_rows(cls, rows: Iterable[PlaceRow], columns: TimelineColumns) -> PlaceColumns:
        """From (rowid, place, country, lat, lon, coord_basis) rows: one place per (name, lat, lon)."""
        listed = list(rows)
        keys: dict[tuple[str | None, float, float], int] = {}
        places: list[tuple[str | None, str | None, float, float, str | None]] = []
        of_row = []
        for _, name, country, lat, lon, basis in listed:
            code = keys.setdefault((name, lat, lon), len(keys))
            if code == len(places):
                places.append((name, country, lat, lon, basis))
            of_row.append(code)
        positions, found = columns.positions_of(np.fromiter((r[0] for r in listed), np.int64, len(listed)))
        codes = np.full(len(columns), -1, dtype=np.int64)
        codes[positions] = np.asarray(of_row, dtype=np.int64)[found]
        return cls(codes, tuple(places))

    def busiest(self, mask: Mask, limit: int) -> list[dict[str, object]]:
        """The ``limit`` places with the most events of ``mask``, busiest first, then by name."""
        chosen = self.codes[mask & (self.codes >= 0)]
        counts = np.bincount(chosen, minlength=len(self.places)) if len(self.places) else np.zeros(0, np.int64)
        ranked = sorted((code for code in np.flatnonzero(counts)),
                        key=lambda code: (-int(counts[code]), self.places[code][0] or ""))[:limit]
        return [{"name": p[0], "country": p[1], "lat": p[2], "lon": p[3], "coord_basis": p[4], "events": int(counts[c])}
                for c in ranked for p in (self.places[c],)]


class MaskCache:
    """Masks of indexed filters (an actor, a word …) kept until the data changes, the least
    recently used dropped first once they hold ``budget_bytes``."""

    def __init__(self, budget_bytes: int = 64 << 20) -> None:
        self.budget_bytes = budget_bytes
        self._masks: OrderedDict[tuple[str, str], Mask] = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple[str, str]) -> Mask | None:
        mask = self._masks.get(key)
        if mask is not None:
            self._masks.move_to_end(key)
        return mask

    def put(self, key: tuple[str, str], mask: Mask) -> None:
        self._masks[key] = mask
        self._bytes += mask.nbytes
        while self._bytes > self.budget_bytes and len(self._masks) > 1:
            _, dropped = self._masks.popitem(last=False)
            self._bytes -= dropped.nbytes

    def clear(self) -> None:
        self._masks.clear()
        self._bytes = 0


def period_key(start: str | None, end: str | None) -> str:
    """A stored date as one text, "start/end" ("" for undated), the form the store reads it in."""
    return f"{start}/{end or start}" if start else ""


def _period_pair(key: str) -> tuple[str | None, str | None]:
    start, _, end = key.partition("/")
    return (start, end or start) if start else (None, None)


def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def _span(start: str | None, end: str | None) -> tuple[int, int, int, int, int]:
    """(first day, last day, month index or -1, year, 1 if the start is a day) of a stored date."""
    if not start:
        return 0, 0, -1, 0, 0
    parts = start.split("-")
    month = int(parts[0]) * 12 + int(parts[1]) - 1 if len(parts) >= 2 else -1
    return _ordinal(first_day(start)), _ordinal(last_day(end or start)), month, int(parts[0]), int(len(parts) == 3)


def _period_name(value: int, unit: Unit) -> str:
    if unit == "week":
        return date.fromordinal(value).isoformat()
    if unit == "month":
        return f"{value // 12:04d}-{value % 12 + 1:02d}"
    return f"{value:04d}"
