"""TIMEX3 values: the validator, and the small calendar arithmetic the normaliser needs.

Everything here is pure and works on plain ints and :class:`datetime.date`; the tagger
formats values only through these helpers so that every value it emits has one shape.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# One regex for every TIMEX3 value the tagger may emit (and the usual ones it may not):
# calendar dates at any precision with X placeholders, ISO weeks and weekends, quarters,
# halves, seasons, optional times or parts of day; durations; the three *_REF values.
_YEARISH = r"(?:\d{4}|\d{3}|\d{2}|[\dX]{4}|[\dX]{3}|[\dX]{2})"
_CALENDAR = (
    rf"(?:{_YEARISH}"
    r"(?:-(?:[\dX]{2})(?:-(?:[\dX]{2}))?"  # month, day
    r"|-W(?:[\dX]{1,2})(?:-(?:[1-7X]|WE))?"  # ISO week, weekday or weekend
    r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:MO|AF|EV|NI|DT|(?:[\dX]{2})(?::[\dX]{2}(?::[\dX]{2})?)?))?)"
)
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"(?:P(?=[\dX])(?:{_NUM}(?:DE|CE|ML|[YMWDQ]))*(?:T(?:{_NUM}[HMS])+)?|PT(?:{_NUM}[HMS])+)"
TIMEX3_VALUE = re.compile(rf"(?:{_CALENDAR}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)\Z")
_DURATION_ONLY = re.compile(rf"{_DURATION}\Z")

PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
               "overnight": "NI", "tonight": "NI"}


def is_timex3_value(value: str) -> bool:
    """True if ``value`` is a well-formed TIMEX3 ``value`` attribute."""
    return TIMEX3_VALUE.match(value) is not None


def is_duration_value(value: str) -> bool:
    return _DURATION_ONLY.match(value) is not None


def parse_dct(dct: str | None) -> date | None:
    """The document creation time as a date: ``YYYY-MM-DD`` with anything after it (a time)
    ignored. ``None`` stays ``None``; anything else raises ValueError (a bad reference time
    must not silently become 'no reference')."""
    if dct is None:
        return None
    m = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T\s].*)?\s*\Z", dct)
    if not m:
        raise ValueError(f"document creation time must look like YYYY-MM-DD, got {dct!r}")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise ValueError(f"document creation time {dct!r} is not a calendar date") from exc


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the triple is not on the calendar (Feb 30, year 0)."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_days(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def fmt_year(year: int) -> str | None:
    return f"{year:04d}" if 0 < year <= 9999 else None


def fmt_month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 0 < year <= 9999 else None


def fmt_day(day: date) -> str:
    return day.isoformat()


def fmt_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    total = year * 4 + (quarter - 1) + quarters
    return total // 4, total % 4 + 1


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``amount`` of ``unit`` (None: an unspecified amount, 'X').

    Units: Y M W D Q (calendar), H MIN S (clock), DE CE ML (decade, century, millennium;
    counted amounts become years so 'three decades' is P30Y, unknown ones stay PXDE)."""
    scale = {"DE": 10, "CE": 100, "ML": 1000}
    if amount is None:
        code = {"MIN": "M"}.get(unit, unit)
        return f"PTX{code}" if unit in ("H", "MIN", "S") else f"PX{code}"
    if unit in scale:
        amount, unit = amount * scale[unit], "Y"
    if unit == "Q":
        amount, unit = amount * 3, "M"
    whole, part = divmod(amount, 1)
    smaller = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}
    if part and unit in smaller and (part * smaller[unit][0]).is_integer():
        # 2 1/2 years is P2Y6M: TIMEX3 prefers whole smaller units to decimals.
        factor, lower = smaller[unit]
        head = duration(whole, unit) if whole else ("PT" if unit in ("H", "MIN") else "P")
        tail = duration(part * factor, lower)
        tail = tail[2:] if tail.startswith("PT") and "T" in head else tail[1:]
        return head + tail if head not in ("P", "PT") else (head + tail).replace("PTT", "PT")
    text = _num(amount)
    if unit in ("H", "MIN", "S"):
        return f"PT{text}{'M' if unit == 'MIN' else unit}"
    return f"P{text}{unit}"


def _num(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
