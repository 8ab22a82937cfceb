"""Date ranges as every reader of the timeline asks for them: one parser for a date bound
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and the period a partial date covers.

A bound names a real period or is refused with a sentence that says why: the CLI turns the
ValueError into a usage error (exit 2), the API into a 422. A partial date covers every day
of its month or year: ``--since 2024-06`` starts on 1 June, ``--until 2024-06`` ends on 30 June.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

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
