"""Explicit publication dates written as text: date-only lines ("Dec.27 - 2023 9:09 PM CET"),
and labelled dates glued to a line ("date 2025-03-13 ..."); agency datelines ("BAKU,
November 6") are chronicle.temporal's. Only fully stated dates are returned: an ambiguous numeric date such
as 12.02.2024 (day-month or month-day?) gives None rather than a guess."""

from __future__ import annotations

import datetime as dt
import re

from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
    # "Dec.27 - 2023", "December 27, 2023", "Dec 27th 2023"
    re.compile(_MONTH + r"\.?\s*(?P<d>\d{1,2})" + _ORD + r"\s*[,.\-–]?\s*[,.\-–]?\s*(?P<y>\d{4})", re.I),
    # "27 December 2023", "27th of Dec. 2023", "28-Jun-2025"
    re.compile(r"(?P<d>\d{1,2})" + _ORD + r"(?:\s+(?:of\s+)?|-)" + _MONTH + r"\.?,?[\s-]+(?P<y>\d{4})", re.I),
    # numeric day/month/year in either order: resolved only when unambiguous (or by the page)
    re.compile(r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4})"),
    # "(09/19/23)": a two-digit year, only with slashes
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<yy>\d{2})(?![\d/])"),
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?=\W|$)", re.I)
_ZONE = re.compile(
    r"\b(?:[A-Z]{2,4}T|UTC|GMT|CET|CEST|EET|EEST|MSK|AZT|AMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b"
)
_WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I)
# Words that may stand around a date on a date line; "updated"/"modified" are deliberately
# absent so that such lines are not read as the publication date.
_LABEL = re.compile(r"\b(?:date|dated|published|posted|on|at|created)\b:?", re.I)
_NOT_PUBLICATION = re.compile(r"\b(?:updated|modified|edited|revised)\b", re.I)
# A place after a timestamp: "05:29 PM, Aden".
_TRAILING_PLACE = re.compile(r",\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s*\Z")
_FILLER = re.compile(r"[\s,.:;|/\-–—·•()\[\]]+")

# A labelled date glued to the start of a line of text: "date 2025-03-13 Azerbaijan and ..."
_LEADING = re.compile(
    r"\A\s*(?:(?:date|dated|published|posted)(?:\s+on)?\s*:?\s*)(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})"
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?)?\s*[|:,\-–—]?\s*",
    re.I,
)

def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None  # 31 February and the like: not a date


def _from_match(m: re.Match[str], known: frozenset[str] = frozenset()) -> str | None:
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
    if groups.get("mon"):
        return _iso(year, _MONTHS[groups["mon"][:3].lower()], int(groups["d"]))
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a:
            return _iso(year, a, b)
        # 02-06-2022: day-month or month-day; the page's other dates may tell which.
        readings = {r for r in (_iso(year, b, a), _iso(year, a, b)) if r is not None}
        stated = readings & known
        return stated.pop() if len(stated) == 1 else None
    return _iso(year, int(groups["m"]), int(groups["d"]))


def find_dates(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int, str | None]]:
    """Every date expression in ``text``: (start, end, ISO date or None when ambiguous).

    ``known`` holds dates the page states unambiguously elsewhere: an ambiguous numeric date
    takes the one of its two readings that the page states (02-06-2022 beside "2 June 2022")."""
    found: list[tuple[int, int, str | None]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                continue  # an earlier, more specific pattern already took this span
            found.append((m.start(), m.end(), _from_match(m, known)))
    return sorted(found)


def stated_dates(text: str) -> frozenset[str]:
    """The unambiguous full dates a text states, for resolving its ambiguous numeric ones."""
    return frozenset(value for _, _, value in find_dates(text) if value is not None)


def is_date_line(line: str) -> bool:
    """True when the line holds a date (or time) and nothing else but labels and separators."""
    spans = find_dates(line)
    rest = line
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    had_time = bool(_TIME.search(rest))
    for pattern in (_TIME, _ZONE, _WEEKDAY, _LABEL, _NOT_PUBLICATION):
        rest = pattern.sub(" ", rest)
    return bool(spans or had_time) and not _FILLER.sub("", rest)


def date_line_value(line: str, known: frozenset[str] = frozenset()) -> str | None:
    """The publication date stated by a date-only line, or None (ambiguous, or an update date).

    A line that states the date and then when it was updated ("March 6, 2025 4:12 PM GMT
    Updated 2 hours ago") gives the date before the update label; a line that opens with the
    update label gives nothing."""
    update = _NOT_PUBLICATION.search(line)
    if update is not None:
        line = line[: update.start()]
    if not is_date_line(line) and _TIME.search(line):
        line = _TRAILING_PLACE.sub("", line)  # "Thu, 02-06-2022 05:29 PM, Aden"
    if not is_date_line(line):
        return None
    values = {value for _, _, value in find_dates(line, known)}
    if len(values) != 1:
        return None  # no date, an ambiguous one, or two different dates
    return values.pop()


def split_leading_date(line: str) -> tuple[str | None, str]:
    """Split a labelled date glued to the start of a line: ("2025-03-13", rest of the line)."""
    m = _LEADING.match(line)
    if not m:
        return None, line
    date = m.group("date").replace("/", "-")
    y, mo, d = (int(part) for part in date.split("-"))
    return _iso(y, mo, d), line[m.end():]


# Dates that URL paths state, beyond htmldate's Y-M-D (which is tried first). Each pattern
# names its groups y, m, d; an unknown reading is rejected by the date check.
_URL_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})/(?P<d>\d{2})(?=/)"),  # /202204/05/
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})(?=/)"),  # /n3/2025/0729/
    re.compile(r"/(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?=/)"),  # /11/26/2024/
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:\d{6}\d*)?(?=[/._-])"),  # /20240307/, /2022110218…
    re.compile(r"[/_-](?P<y>(?:19|20)\d{2})[_-](?P<m>\d{2})[_-](?P<d>\d{2})(?=[/_.-])"),  # 2022-04-01-
)


def url_date(url: str | None) -> str | None:
    """The publication date a page's URL states (/2024/03/07/, /20240307/, /202204/05/,
    2022-04-01-slug), or None. htmldate reads the plain Y/M/D forms; the others are ours."""
    if not url:
        return None
    options = Extractor(
        extensive=False, max=dt.datetime(2100, 1, 1), min=dt.datetime(1995, 1, 1), original=False, format="%Y-%m-%d"
    )
    found = extract_url_date(url, options)
    if found:
        return str(found)
    path = "/" + url.split("://", 1)[-1].partition("/")[2].split("?")[0]
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            value = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if value is not None:
                return value
    return None
