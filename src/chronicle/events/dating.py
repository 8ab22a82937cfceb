"""Turning TIMEX3 values into event dates, and deciding which date (if any) an event gets."""

from __future__ import annotations

import re
from datetime import date, timedelta

from chronicle.records import EventDate, EventDateBasis, Precision, TimeExpr
from chronicle.temporal.values import add_days, fmt_day, fmt_month, parse_dct, shift_month

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(?:-(?:SP|SU|FA|AU|WI|Q[1-4]|H[12]))?$")
_DECADE = re.compile(r"^(\d{3})X?$")
_WEEK = re.compile(r"^(\d{4})-W\d{2}$")
# "the past two months", "the last three days": a duration that ends now.
_PAST_SPAN = re.compile(r"(?:the\s+)?(?:past|last|previous)\s", re.I)
_COUNTED = re.compile(r"^P(\d{1,3})([DWMY])$")
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


def past_period(timex: TimeExpr, published: str | None) -> TimeExpr | None:
    """"During the past two months" in an article of 2 June 2022: the period from April to June
    2022, as a dated range anchored to the publication date (TIMEX3 keeps it a DURATION whose
    end point is the document's time; an event in it happened within that span). Days and weeks
    give days, months give months, years give years; None for any other expression."""
    dct = parse_dct(published)
    counted = _COUNTED.match(timex.value or "")
    if dct is None or timex.type != "DURATION" or counted is None or not _PAST_SPAN.match(timex.text):
        return None
    amount, unit = int(counted[1]), counted[2]
    value: str | None
    end: str | None
    if unit in "DW":
        first = add_days(dct, -amount * (7 if unit == "W" else 1))
        if first is None:
            return None
        value, end = fmt_day(first), fmt_day(dct)
    elif unit == "M":
        value, end = fmt_month(*shift_month(dct.year, dct.month, -amount)), fmt_month(dct.year, dct.month)
    else:
        value, end = str(dct.year - amount), str(dct.year)
    if value is None or end is None:
        return None
    return TimeExpr(timex.start, timex.end, timex.text, "DATE", value, anchor="dct", end_value=end)


# A past period up to this long is the news ("shelled the city over the past week"), not a
# lasting state ("have fought over the past ten years").
_RECENT_SPAN_DAYS = 31
_UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


def recent_span(timex: TimeExpr) -> bool:
    """"the past week", "the last three days", "the past month": a period ending now, no longer
    than a month."""
    counted = _COUNTED.match(timex.value or "")
    return (
        timex.type == "DURATION" and counted is not None and _PAST_SPAN.match(timex.text) is not None
        and int(counted[1]) * _UNIT_DAYS[counted[2]] <= _RECENT_SPAN_DAYS
    )


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
