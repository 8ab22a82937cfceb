"""Publication-date inference from a dateline ("BAKU, November 6") and the body's own years.

A dateline gives month and day; the year comes from the text: the latest year the article
mentions as past, kept below any date it announces for the future ("from January 1, 2024"
means publication was before 2024) and not before the latest past date it reports. Past
years alone are only a lower bound, so they decide only when a future date caps them or a
fully dated event lies in the weeks just before the dateline. If nothing pins it down the
answer is ``(None, "unknown")`` — never the system clock.
"""

from __future__ import annotations

import re
from datetime import date

from chronicle.records import DateBasis, Document
from chronicle.temporal.grammar import MONTH
from chronicle.temporal.tagger import clause_tense, tag
from chronicle.temporal.values import safe_date

_DATE_IN_DATELINE = (
    rf"(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}\.?(?:\s+\d{{4}})?)"
)
# "BAKU, November 6", "Baku, Nov. 6 (Reuters) -", "YEREVAN (AFP), 6 November 2023": a place
# name (at most four words, capitalised), a comma, optionally an agency, then the date.
_DATELINE = re.compile(
    rf"^[^\S\n]*(?P<line>[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+){{0,3}}"
    rf"(?:\s*\([^)\n]{{1,30}}\))?,\s*(?:\([^)\n]{{1,30}}\)\s*)?(?P<date>{_DATE_IN_DATELINE}))(?!\w)",
    re.M | re.I,
)
# "19 Mar 2023; AA: The leaders ...": a full date opening a line, then an agency's mark.
_DATE_FIRST_DATELINE = re.compile(
    rf"^[^\S\n]*(?P<line>(?:\d{{1,2}}\s+{MONTH}\.?,?\s+\d{{4}}|{MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}))"
    rf"(?=\s*(?:;|\([A-Z][A-Za-z]{{1,12}}\)|[A-Z]{{2,10}}:))",
    re.M | re.I,
)
_FULL_DAY = re.compile(r"(\d{4}|XXXX)-(\d{2})-(\d{2})")
_FORWARD_CUE = re.compile(
    r"(?:\bfrom|\bstarting(?:\s+from)?|\bas\s+of|\beffective(?:\s+from)?|\bbeginning|\bcommencing)"
    r"\s+(?:the\s+)?\Z",
    re.I,
)
_RANGE_AFTER = re.compile(r"\s*(?:to|until|till|through|and|-|–)\b", re.I)
_HEAD_LINES = 8
_HEAD_CHARS = 1500
# A fully dated past event at most this many days before the dateline dates the article.
_RECENT_DAYS = 45


def find_dateline(body: str) -> str | None:
    """The dateline at the start of one of the first lines of ``body``, if there is one."""
    head = body[:_HEAD_CHARS]
    lines = [line for line in head.split("\n") if line.strip()][:_HEAD_LINES]
    allowed = "\n".join(lines)
    for match in _DATELINE.finditer(allowed):
        place = match.group("line").split(",")[0]
        # A real dateline starts with a place: reject sentence openings like "On Monday, May 6".
        if place.split()[0].lower() in ("on", "in", "by", "since", "from", "at", "until", "after"):
            continue
        return match.group("line").strip()
    dated = _DATE_FIRST_DATELINE.search(allowed)
    return dated.group("line").strip() if dated else None


def infer_publication_date(doc: Document) -> tuple[str | None, DateBasis]:
    """``(YYYY-MM-DD, basis)`` from ``doc.dateline`` (or one found at the start of the body).

    basis is "dateline" when the dateline states the year, "inferred" when the year comes
    from the body, and the result is ``(None, "unknown")`` when there is no dateline or
    nothing in the body fixes the year. ``doc.published`` is not consulted.
    """
    dateline = doc.dateline or find_dateline(doc.body)
    if not dateline:
        return None, "unknown"
    for timex in tag(dateline):
        parts = _FULL_DAY.match(timex.value or "")
        if timex.type not in ("DATE", "TIME") or parts is None:
            continue
        if parts.group(1) != "XXXX":
            return parts.group(0), "dateline"
        month, day = int(parts.group(2)), int(parts.group(3))
        year = _year_from_body(doc.body, month, day)
        if year is None:
            return None, "unknown"
        found = safe_date(year, month, day)
        return (found.isoformat(), "inferred") if found else (None, "unknown")
    return None, "unknown"


def _year_from_body(body: str, month: int, day: int) -> int | None:
    """The publication year for a month-day, from the explicit dates in the body."""
    past_years: list[int] = []
    latest_past: date | None = None
    earliest_future: date | None = None
    for timex in tag(body):
        if timex.anchor is not None or timex.type not in ("DATE", "TIME") or not timex.value:
            continue
        if not timex.value[:4].isdigit():
            continue
        year = int(timex.value[:4])
        start_day = _first_day(timex.value)
        if _forward_looking(body, timex.start, timex.end):
            if start_day and (earliest_future is None or start_day < earliest_future):
                earliest_future = start_day
            continue
        last_year = int(timex.end_value[:4]) if timex.end_value and timex.end_value[:4].isdigit() else year
        past_years.append(last_year)
        if len(timex.value) >= 10 and start_day and (latest_past is None or start_day > latest_past):
            latest_past = start_day
    if not past_years:
        return None
    year = max(past_years)
    if earliest_future is None and not _recent(latest_past, year, month, day):
        # Past years alone only give a lower bound: an article of 2025 recalls "the invasion
        # in February 2022". Without a future date to cap it, or a dated report from the
        # weeks just before the dateline, the year stays unknown rather than guessed.
        return None
    candidate = safe_date(year, month, day)
    if candidate is None:
        return None
    if latest_past is not None and candidate < latest_past:
        year += 1
    if earliest_future is not None and (safe_date(year, month, day) or date.max) >= earliest_future:
        year -= 1
    final = safe_date(year, month, day)
    if final is None:
        return None
    if (latest_past is not None and final < latest_past) or (
        earliest_future is not None and final >= earliest_future
    ):
        return None  # the body's dates contradict each other around this dateline
    return year


def _recent(latest_past: date | None, year: int, month: int, day: int) -> bool:
    """The latest fully dated past event lies in the weeks just before the dateline's day of
    ``year``: the article reports it as recent news, so that year is the publication year."""
    candidate = safe_date(year, month, day)
    if latest_past is None or candidate is None:
        return False
    return 0 <= (candidate - latest_past).days <= _RECENT_DAYS


def _first_day(value: str) -> date | None:
    parts = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if parts is None:
        return None
    return safe_date(int(parts.group(1)), int(parts.group(2) or 1), int(parts.group(3) or 1))


def _forward_looking(body: str, start: int, end: int) -> bool:
    """A date announced as a starting point ("from January 1, 2024") or in future tense."""
    if _FORWARD_CUE.search(body[max(0, start - 30):start]) and not _RANGE_AFTER.match(body[end:end + 10]):
        return True
    return clause_tense(body, start, end) == "future"


# The dash after the place is set off by a space, or is a dash proper ("WASHINGTON—The"): a
# hyphen glued to the next word makes a compound ("U.N. Secretary-General", "EU-brokered talks").
_CAPS_DATELINE = re.compile(
    r"\A[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3},?(?:\s+[A-Z][\w.]*(?: \d{1,2})?(?:, \d{4})?)?"
    r"(?:\s*\([^)\n]{1,30}\))?(?:\s*[–—]+|\s+-+|-+(?=\s))\s*"
)
_AFTER_DATELINE = re.compile(r"(?:,? \d{4})?(?:\s*\([^)\n]{1,30}\))?(?:\s*;\s*[A-Z]{1,10}\s*(?=:))?\s*[-–—:]*\s*")


def dateline_end(body: str, dateline: str | None = None) -> int:
    """Where the dateline opening ``body`` ends ("KYIV, March 6 (Reuters) - ", "EL FASHER,
    Sudan - "), or 0 when the body opens without one."""
    dateline = dateline or find_dateline(body)
    if dateline and body.startswith(dateline):
        tail = _AFTER_DATELINE.match(body, len(dateline))
        return tail.end() if tail else len(dateline)
    found = _CAPS_DATELINE.match(body)
    return found.end() if found else 0
