"""Turning TIMEX3 values into event dates, and deciding which date (if any) an event gets."""

from __future__ import annotations

import re
from datetime import date, timedelta

from chronicle.records import EventDate, EventDateBasis, Precision, TimeExpr

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(?:-(?:SP|SU|FA|AU|WI|Q[1-4]|H[12]))?$")
_DECADE = re.compile(r"^(\d{3})X?$")
_WEEK = re.compile(r"^(\d{4})-W\d{2}$")
# TIMEX3 mods after which the value no longer says when the event happened.
_OPEN_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN"})


def precise(value: str | None) -> tuple[str, Precision] | None:
    """('2023-12-26', 'day') for a TIMEX3 value that pins a calendar date, else None."""
    if not value:
        return None
    if m := _DAY.match(value):
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    if m := _MONTH.match(value):
        return f"{m[1]}-{m[2]}", "month"
    if m := _WEEK.match(value):
        return m[1], "year"
    if m := _YEAR.match(value):
        return m[1], "year"
    if m := _DECADE.match(value):
        return f"{m[1]}0", "decade"
    return None


def _week_days(value: str | None) -> tuple[str, str] | None:
    """('2025-02-24', '2025-03-02') for the ISO week '2025-W09': its Monday and Sunday."""
    m = _WEEK.match(value or "")
    if m is None:
        return None
    try:
        monday = date.fromisocalendar(int(m[1]), int(value[6:8]), 1)  # type: ignore[index]
    except ValueError:
        return None
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def usable(timex: TimeExpr) -> bool:
    """A calendar point or period an event can be dated by (not a duration, set, or open range)."""
    return timex.type in {"DATE", "TIME"} and timex.mod not in _OPEN_MODS and precise(timex.value) is not None


def from_timex(timex: TimeExpr, *, narrative: bool = False) -> EventDate:
    """The event date a time expression gives: 'explicit' when absolute, else 'relative'."""
    week = _week_days(timex.value)
    if week is not None:
        # "last week": the seven days it covers, not the whole year the week falls in.
        basis_w: EventDateBasis = "relative" if narrative or timex.anchor is not None else "explicit"
        return EventDate(start=week[0], end=week[1], precision="day", text=timex.text, basis=basis_w)
    start = precise(timex.value)
    if start is None:
        return EventDate(text=timex.text)
    end = precise(timex.end_value)
    basis: EventDateBasis = "relative" if narrative or timex.anchor is not None else "explicit"
    return EventDate(start=start[0], end=end[0] if end else None, precision=start[1], text=timex.text, basis=basis)


def from_publication(published: str) -> EventDate:
    return EventDate(start=published, precision="day", text=None, basis="publication")
