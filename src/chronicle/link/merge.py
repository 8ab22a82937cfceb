"""Event merging: reports of the same real-world event become one TimelineEvent.

Two reports are one event when enough independent evidence agrees (compatible type, shared
actors, compatible dates, shared place or figures, similar evidence sentence) and nothing
rules it out (incompatible years, no shared actor and little shared wording, an attack or a
protest placed in two different countries, an undated lede act against an act its own article
dates long before). The merged
event keeps every report as an EventSource, its date at the best precision a source gives,
and lists where the sources disagree instead of picking one.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from chronicle.events.acled import acled_record
from chronicle.lexicon import event_lexicon
from chronicle.link.features import (
    BACKGROUND_DAYS,
    LEDE_SEGMENTS,
    STOP_WORDS,
    day_ordinal,
    first_day,
    normalise,
    words,
)
from chronicle.link.state import EventGroup
from chronicle.query import last_day
from chronicle.records import (
    Disagreement,
    Event,
    EventActor,
    EventDate,
    EventSource,
    Quantity,
    TimelineEvent,
)
from chronicle.temporal.grammar import MONTH
from chronicle.temporal.lexicon import MONTHS

# PLOVER types that different outlets use for one happening ("offensive" ASSAULT vs "military
# operation" COERCE; a "deal" AGREE vs "cooperation" COOPERATE). Talks (CONSULT) and the
# agreement they lead to (AGREE) are two acts, often days apart: never one event.
_COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("ASSAULT", "COERCE"),
        ("ASSAULT", "MOBILIZE"),
        ("COERCE", "MOBILIZE"),
        ("AGREE", "COOPERATE"),
        ("CONSULT", "COOPERATE"),
        ("SUPPORT", "COOPERATE"),
        ("DISAPPROVE", "PROTEST"),
        ("DISAPPROVE", "REJECT"),
        ("DEMAND", "THREATEN"),
        ("CONCEDE", "RETREAT"),
        ("AID", "SUPPORT"),
    )
)


@functools.cache
def _event_words() -> frozenset[str]:
    """Every form of the event lexicon's triggers, as the similarity features normalise words:
    two sentences of one document naming the same act by the same initiators restate it
    ("agreed to a ceasefire" ... "the ceasefire deal they accepted")."""
    return frozenset(normalise(form) for form in event_lexicon().surface_forms())


# Sentence similarity at which two reports read as the same sentence (reworded at most).
NEAR_IDENTICAL = 0.6
# Publication days apart beyond which an undated report is not taken for another document's act.
UNDATED_REACH_DAYS = 30
# Publication days apart beyond which an act one document recalls is not merged into another's
# report of it: a season's coverage recaps its own acts ("the offensive in September", three
# months on), while an article a year later recalls them as another story's background.
RECALL_REACH_DAYS = 180


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What merging needs to know about a report's document."""

    order: int
    outlet: str | None = None
    duplicate_of: str | None = None
    published: str | None = None


# --------------------------------------------------------------------------- dates


def _known(date: EventDate | None) -> bool:
    return date is not None and date.start is not None and date.precision != "unknown"


_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}


def _bounds(date: EventDate) -> tuple[str, str]:
    """Inclusive ISO-string range a (possibly coarse) date covers; comparable as strings."""
    start = date.start or ""
    end = date.end or start
    if date.precision == "decade":
        start, end = start[:3] + "0", end[:3] + "9"
    low = start + "0000-00-00"[len(start) :]
    high = end + "9999-99-99"[len(end) :]
    return low, high


_MONTH_NAME = re.compile(rf"\b({MONTH})", re.IGNORECASE)


def _stated_month(date: EventDate) -> int | None:
    """The month an unresolved date writes out ("August 3" with no year to place it)."""
    found = _MONTH_NAME.search(date.text or "") if not _known(date) else None
    return MONTHS.get(found.group(1).lower().rstrip(".")) if found else None


def dates_compatible(a: EventDate | None, b: EventDate | None) -> bool | None:
    """True when the two dates can name the same time at their shared precision ("September
    2023" and "19 September 2023"), False when they cannot, None when either is unknown. A
    date the text states but could not place ("August 3", no year) still rules out a known
    date of another month: "takes effect on August 3" is not the signing of 9 June."""
    if a is None or b is None:
        return None
    if not _known(a) or not _known(b):
        stated, known = (_stated_month(a), b) if _known(b) else (_stated_month(b), a)
        if stated is None or not _known(known) or known.precision not in {"day", "month"}:
            return None
        low, high = _bounds(known)
        return None if low[5:7] <= f"{stated:02d}" <= high[5:7] or low[:4] != high[:4] else False
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low <= b_high and b_low <= a_high


def _same_year(a: EventDate, b: EventDate) -> bool:
    return _bounds(a)[0][:4] <= _bounds(b)[1][:4] and _bounds(b)[0][:4] <= _bounds(a)[1][:4]


def _day_gap(a: EventDate, b: EventDate) -> int | None:
    if a.precision != "day" or b.precision != "day" or not a.start or not b.start:
        return None
    try:
        ya, ma, da = (int(x) for x in a.start[:10].split("-"))
        yb, mb, db = (int(x) for x in b.start[:10].split("-"))
    except ValueError:
        return None
    return abs((date(ya, ma, da) - date(yb, mb, db)).days)


def best_date(dates: Sequence[EventDate]) -> EventDate:
    """The most precise date among those compatible with the most others (ties: first)."""
    # Reports of one event mostly repeat a few dates: compare distinct values, weighted by count.
    distinct: dict[tuple[str | None, str | None, str], tuple[EventDate, int]] = {}
    for d in dates:
        if _known(d):
            key = (d.start, d.end, d.precision)
            first, count = distinct.get(key, (d, 0))
            distinct[key] = (first, count + 1)
    if not distinct:
        return EventDate()
    values = list(distinct.values())
    support = [sum(n for other, n in values if dates_compatible(d, other)) for d, _ in values]
    top = max(support)
    candidates = [d for (d, _), s in zip(values, support, strict=True) if s == top]
    return min(candidates, key=lambda d: _RANK[d.precision])


# --------------------------------------------------------------------------- quantities

_LOWER = re.compile(r"\b(over|more than|at least|upwards of|in excess of|exceed\w*|above|>)\s", re.I)
_UPPER = re.compile(r"\b(nearly|almost|up to|fewer than|less than|under|below|no more than|<)\s", re.I)
_ABOUT = re.compile(r"\b(about|around|some|approximately|roughly|an estimated|estimated|~)\s", re.I)


def quantity_interval(q: Quantity) -> tuple[float, float]:
    """The values a figure as written allows: "over 100,000" is [100000, inf), "nearly 50"
    is [~45, 50], "about 200" is 200 +-15%, "32" is exactly 32."""
    text = q.text or ""
    if _LOWER.search(text):
        return q.value, math.inf
    if _UPPER.search(text):
        return q.value * 0.85, q.value
    if q.approximate or _ABOUT.search(text):
        return q.value * 0.85, q.value * 1.15
    return q.value, q.value


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    a_low, a_high = quantity_interval(a)
    b_low, b_high = quantity_interval(b)
    return a_low <= b_high and b_low <= a_high


def _head(what: str) -> str:
    toks = [normalise(t) for t in words(what) if t not in STOP_WORDS]
    return toks[-1] if toks else ""


# --------------------------------------------------------------------------- evidence


@functools.lru_cache(maxsize=1 << 16)
def _content(text: str) -> frozenset[str]:
    """Content words of a sentence; cached because every report is compared with many groups."""
    return frozenset(normalise(t) for t in words(text) if t not in STOP_WORDS and len(t) > 1)


def _actor_keys(actors: Sequence[EventActor], roles: tuple[str, ...] | None = None) -> set[str]:
    keys = set()
    for ea in actors:
        if roles is not None and ea.role not in roles:
            continue
        keys.add("n:" + ea.actor.name.lower())
        if ea.actor.country and ea.actor.kind in (None, "country", "government", "military"):
            keys.add("c:" + ea.actor.country)
    return keys


def _source_keys(e: Event) -> set[str]:
    return _actor_keys(e.actors, ("source",))


@functools.cache
def _agreement_pattern() -> re.Pattern[str]:
    nouns = "|".join(sorted(event_lexicon().agreement_nouns))
    # "the agreement", "this deal"; "This was agreed between ...": a pronoun for the agreement told
    return re.compile(
        rf"\b(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\b"
        r"|\b(?:this|that|it)\s+(?:was|has\s+been|had\s+been)\s+agreed\b",
        re.I,
    )


def _names_again(e: Event) -> bool:
    """The report names its act by a definite noun a text uses for an act it already told
    ("the attack", "this incident", "Thursday's massacre": ``incident_nouns``; "the agreement",
    "this deal" for an agreement)."""
    lex = event_lexicon()
    pattern = _agreement_pattern() if e.type in lex.agreement_family else lex.incident_patterns.get(e.type)
    if pattern is None or e.trigger_end <= e.trigger_start:
        return False
    offset = e.sentence.start
    found = pattern.search(e.sentence.text, max(0, e.trigger_start - offset - 40), e.trigger_end - offset)
    return found is not None and found.end() == e.trigger_end - offset


def _initiators_differ(a: Event, b: Event) -> bool:
    """Both reports name initiators and none is shared, by name or by state: a person speaks
    for the state of the office the text gives them ("“I agree ...,” said Petro" restates what
    Colombia agreed)."""
    sa, sb = _state_keys(a), _state_keys(b)
    return bool(sa and sb) and not sa & sb


def _identified(e: Event) -> bool:
    """Some initiator of the report has a known state or sector."""
    return any(ea.role == "source" and bool(ea.actor.country or ea.actor.sector) for ea in e.actors)


def _state_keys(e: Event) -> set[str]:
    keys = _source_keys(e)
    keys |= {"c:" + ea.actor.country for ea in e.actors if ea.role == "source" and ea.actor.country}
    return keys


def _same_initiators(a: Event, b: Event) -> bool:
    """Both reports name initiators, and one's are among the other's."""
    sa, sb = _source_keys(a), _source_keys(b)
    return bool(sa and sb) and (sa <= sb or sb <= sa)


def _types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in _COMPATIBLE_TYPES


_DONE_TYPES = frozenset({"RETREAT", "CONCEDE"})  # the acts an intent to yield announces


def _reports_compatible(a: Event, b: Event) -> bool:
    """Compatible types, or an intent and its act told by the same verb: "will release 32
    servicemen" (PLOVER codes the intent AGREE) and "released 32 servicemen" (RETREAT). An
    agreement and a truce taking effect stay two acts."""
    if _types_compatible(a.type, b.type):
        return True
    promised, done = (a, b) if a.modality == "promised" else (b, a)
    return (
        promised.modality == "promised" and promised.type == "AGREE" and done.type in _DONE_TYPES
        and done.modality != "promised" and promised.trigger[:5].lower() == done.trigger[:5].lower()
    )



def _wording_words(e: Event) -> frozenset[str]:
    return _content(" ".join(x for x in (e.wording, e.trigger) if x))


@dataclass(frozen=True, slots=True)
class _Traits:
    """What :func:`evidence` derives from one report, computed once per report."""

    actor_keys: frozenset[str]
    content: frozenset[str]  # content words of the evidence sentence
    wording_words: frozenset[str]  # of the wording and trigger
    name: frozenset[str]  # content words of the wording alone
    published: int | None = None  # the report's document's publication day (ordinal), if known


def _traits(e: Event, published: str | None = None) -> _Traits:
    return _Traits(
        frozenset(_actor_keys(e.actors)), _content(e.sentence.text), _wording_words(e),
        _content(e.wording) if e.wording else frozenset(), day_ordinal(published),
    )


def _specific_match(a: Event, b: Event, ta: _Traits, tb: _Traits) -> bool:
    """The same type, the same set of actors and the same distinctive name for the event
    (a multi-word wording such as "joint statement", not a bare "talks"): strong enough to tie
    an undated report to a dated one."""
    if a.type != b.type or not ta.actor_keys or ta.actor_keys != tb.actor_keys:
        return False
    return len(ta.name) >= 2 and ta.name == tb.name


def _lede_news_against_background(undated: Event, dated: Event, published: int) -> bool:
    """Within one document: an undated report in the lede is the document's news, and a report
    dated outright long before the document was published is background, so another act ("China
    mediated the truce in Kunming" in the lede; "a comparable agreement negotiated by China in
    early 2024" lower down, in an article of January 2025)."""
    if undated.date.start or not dated.date.start or undated.sentence.index >= LEDE_SEGMENTS:
        return False
    first, last = first_day(dated.date.start), first_day(dated.date.end or dated.date.start)
    # Begun more than a month before the document, and not after it: a year named outright
    # ("in 2024" in January 2025) is background, as the news of a lede is days old.
    return first is not None and last is not None and published - first > UNDATED_REACH_DAYS and last <= published


def _recalled(e: Event, published: int | None) -> bool:
    """A report of an act its document recalls: the act's whole period lies more than
    ``BACKGROUND_DAYS`` before the document was published ("launched an offensive in October
    2023", in an article of January 2025)."""
    if published is None or not e.date.start:
        return False
    last = day_ordinal(last_day(e.date.end or e.date.start))
    return last is not None and published - last > BACKGROUND_DAYS


def _similarity(ta: _Traits, tb: _Traits) -> float:
    """Cosine of two reports' evidence sentences as sets of content words."""
    sa, sb = ta.content, tb.content
    return len(sa & sb) / math.sqrt(len(sa) * len(sb)) if sa and sb else 0.0


def _recall_apart(a: Event, ta: _Traits, b: Event, tb: _Traits, text: float | None = None) -> bool:
    """An act one document recalls, told by a document of another year: each document's story
    tells it for its own news (a truce of January 2024, and "a comparable agreement negotiated
    by China in early 2024" in an article on another truce a year later)."""
    if a.doc_id == b.doc_id or ta.published is None or tb.published is None:
        return False
    if abs(ta.published - tb.published) <= RECALL_REACH_DAYS:
        return False
    if text is None:
        text = _similarity(ta, tb)
    return text < NEAR_IDENTICAL and (_recalled(a, ta.published) or _recalled(b, tb.published))


def merge_reasons(a: Event, b: Event) -> list[str]:
    """What report ``a`` shares with report ``b`` that :func:`evidence` counts, in words a
    reader can check: the type, the actors, the date, the place, a figure, the wording."""
    out = ["same type" if a.type == b.type else f"compatible types: {a.type} and {b.type}"]
    shared = sorted({ea.actor.name for ea in a.actors} & {ea.actor.name for ea in b.actors})
    if shared:
        out.append("shared actors: " + ", ".join(shared))
    if dates_compatible(a.date, b.date):
        out.append("same day" if a.date.precision == b.date.precision == "day" else "compatible dates")
    if a.location is not None and b.location is not None and a.location.name.lower() == b.location.name.lower():
        out.append(f"same place: {a.location.name}")
    figures = sorted({qa.value for qa in a.quantities for qb in b.quantities if qa.value == qb.value and qa.value >= 3})
    if figures:
        out.append("same figure: " + ", ".join(f"{v:g}" for v in figures))
    ta, tb = _traits(a), _traits(b)
    if ta.wording_words & tb.wording_words:
        out.append("same wording: " + ", ".join(sorted(ta.wording_words & tb.wording_words)))
    if a.doc_id == b.doc_id:
        out.append("the same document tells the act again")
    elif _similarity(ta, tb) >= NEAR_IDENTICAL:
        out.append("near-identical sentence")
    return out


def evidence(a: Event, b: Event) -> float:
    """How strongly report ``a`` looks like one event with ``b`` (0 = ruled out); see module doc."""
    return _evidence(a, _traits(a), b, _traits(b))


def _evidence(a: Event, ta: _Traits, b: Event, tb: _Traits) -> float:
    if not _reports_compatible(a, b):
        return 0.0
    if a.doc_id == b.doc_id and a.sentence.start == b.sentence.start:
        return 0.0  # two triggers of one sentence are two events by construction
    compatible = dates_compatible(a.date, b.date)
    text = _similarity(ta, tb)
    if (
        compatible is None and a.doc_id != b.doc_id and ta.published is not None and tb.published is not None
        and abs(ta.published - tb.published) > UNDATED_REACH_DAYS and text < NEAR_IDENTICAL
    ):
        # Undated in one of two documents published months apart ("the Houthis claimed
        # responsibility" for two different attacks): nothing says it is the same act.
        return 0.0
    if _recall_apart(a, ta, b, tb, text):
        return 0.0
    if (
        a.location is not None and b.location is not None and a.location.country and b.location.country
        and a.location.country != b.location.country and text < NEAR_IDENTICAL
        and {a.type, b.type} <= event_lexicon().placed_types
    ):
        return 0.0  # "a military operation in southern Lebanon" is not the one "in Gaza"
    if compatible is None and a.doc_id == b.doc_id and ta.published is not None and (
        _lede_news_against_background(a, b, ta.published) or _lede_news_against_background(b, a, ta.published)
    ):
        return 0.0
    date_score = 0.0
    if compatible is False:
        # A different year is a different event; a few days apart may be a disagreement
        # about one event, which needs a near-identical sentence to be accepted: a shared name
        # ("joint statement") on two known, different dates is two statements.
        gap = _day_gap(a.date, b.date)
        if not _same_year(a.date, b.date) or gap is None or gap > 3 or text < NEAR_IDENTICAL:
            return 0.0
        date_score = -0.3
    elif compatible:
        date_score = 0.3 if a.date.precision == b.date.precision == "day" else 0.2
    keys_a, keys_b = ta.actor_keys, tb.actor_keys
    shared_actor = bool(keys_a & keys_b) or (
        # within one document a named official is their state ("Phumtham agreed" ~ "Thailand agreed")
        a.doc_id == b.doc_id and bool(_state_keys(a) & _state_keys(b))
    )
    # A document's anaphor ("This was agreed between the commanders of both countries") whose
    # initiators have no known state or sector tells the act again, whoever it names; so does
    # one of a gathering by the same noun, whoever it names ("Malaysia hosted the meeting").
    # (computed only for a same-document pair of one type with an unplaced side: the regexes
    # of _names_again are not run for every pair scored)
    gathering = a.type in event_lexicon().gathering_types and bool(ta.name & tb.name)  # "the meeting" ~ "a meeting"
    anaphor_unplaced = (
        a.doc_id == b.doc_id and a.type == b.type
        and (not (_identified(a) and _identified(b)) or gathering)
        and (_names_again(a) or _names_again(b))
    )
    if keys_a and keys_b and not shared_actor and text < NEAR_IDENTICAL and not anaphor_unplaced:
        return 0.0
    score = 0.2 if a.type == b.type else 0.1
    score += date_score
    score += 0.25 if shared_actor else 0.0
    if keys_a and keys_a == keys_b:
        score += 0.05
    same_place = a.location is not None and b.location is not None and (
        a.location.name.lower() == b.location.name.lower()
        or (a.location.geonameid is not None and a.location.geonameid == b.location.geonameid)
    )
    score += 0.1 if same_place else 0.0
    same_figure = any(qa.value == qb.value and qa.value >= 3 for qa in a.quantities for qb in b.quantities)
    if same_figure:
        score += 0.2  # the same specific figure ("32 servicemen") is a strong shared fact
    if not keys_a and not keys_b and not same_place and not same_figure and text < NEAR_IDENTICAL:
        # Neither report says who acted: "has killed thousands" in two wars shares a type, a
        # year and a verb, and is two events unless a place, a figure or the wording ties them.
        score -= 0.2
    restated = (
        a.doc_id == b.doc_id
        and compatible is not False
        and bool(
            ta.wording_words & tb.wording_words or ta.content & tb.content & _event_words()
            or (a.type == b.type and (_names_again(a) or _names_again(b)))
        )
    )
    if restated and _same_initiators(a, b) and a.type == b.type:
        score += 0.45  # a document restating its own act ("Israel and Hezbollah have agreed ...")
    elif restated and a.type == b.type and (not _initiators_differ(a, b) or anaphor_unplaced):
        # A document's other line on its act that names no initiator, or only some of them
        # ("the ship was attacked near Hodeidah", "Phumtham agreed ..."): the act it already
        # reported, which the line neither dates anew nor attributes to anyone else.
        score += 0.45 + (0.25 if compatible is None else 0.0) + (0.2 if not keys_a and not keys_b else 0.0)
    if _specific_match(a, b, ta, tb):
        score += 0.3
    elif ta.wording_words & tb.wording_words:
        score += 0.1
    score += 0.6 * text
    if compatible is None:
        # Undated against dated (or both undated): only strong other evidence may merge them.
        score -= 0.25
    return score


# --------------------------------------------------------------------------- grouping


class _DateTally:
    """A group's dates kept so that its :func:`best_date` is updated in time linear in the
    distinct dates when a report joins, not recomputed over every pair of members."""

    def __init__(self, dates: Sequence[EventDate] = ()) -> None:
        # (start, end, precision) -> [first date with that value, count, support]
        self.values: dict[tuple[str | None, str | None, str], list[Any]] = {}
        for d in dates:
            self.add(d)

    def add(self, when: EventDate) -> None:
        if not _known(when):
            return
        key = (when.start, when.end, when.precision)
        entry = self.values.get(key)
        if entry is None:
            support = sum(e[1] for e in self.values.values() if dates_compatible(when, e[0]))
            entry = self.values[key] = [when, 0, support]
        entry[1] += 1
        for other in self.values.values():
            if other is entry or dates_compatible(other[0], when):
                other[2] += 1

    def best(self) -> EventDate:
        """The same choice as :func:`best_date` over the dates added."""
        if not self.values:
            return EventDate()
        top = max(e[2] for e in self.values.values())
        return min((e[0] for e in self.values.values() if e[2] == top), key=lambda d: _RANK[d.precision])


def _compatible_types(report: Event) -> set[str]:
    """The types of the reports ``report`` may be one event with (see _reports_compatible)."""
    etype = report.type
    out = {etype} | {t for pair in _COMPATIBLE_TYPES if etype in pair for t in pair}
    if etype == "AGREE" and report.modality == "promised":
        out |= _DONE_TYPES
    elif etype in _DONE_TYPES and report.modality != "promised":
        out.add("AGREE")
    return out


def _month_keys(when: EventDate) -> set[str]:
    """Index keys for a known date: the months it covers (widened by the few days a
    disagreement may span) for day/month precision, else its year or decade."""
    low, high = _bounds(when)
    if when.precision == "decade":
        return {"D" + low[:3]}
    if when.precision == "year":
        return {"Y" + y for y in {low[:4], high[:4]}}
    keys = set()
    for iso, shift in ((low, -3), (high, 3)):
        keys.add(iso[:7])
        try:
            moved = date.fromisoformat(iso[:10]).toordinal() + shift
            keys.add(date.fromordinal(moved).isoformat()[:7])
        except ValueError:
            pass
    year_lo, year_hi = int(low[:4]), int(high[:4])
    for year in range(year_lo, year_hi + 1):
        if year_hi - year_lo > 3:
            break
        first_month = int(low[5:7]) if year == year_lo and low[5:7].isdigit() else 1
        last_month = int(high[5:7]) if year == year_hi and high[5:7].isdigit() and high[5:7] != "99" else 12
        keys.update(f"{year:04d}-{m:02d}" for m in range(first_month, min(last_month, 12) + 1))
    return keys


def _lookup_keys(when: EventDate) -> set[str]:
    """Keys of every indexed date that may be compatible with ``when`` (see ``_month_keys``):
    its own buckets, the years and decades holding them, and for a coarse date every month
    and year inside it."""
    keys = _month_keys(when)
    if when.precision == "decade":
        decade = next(iter(keys))[1:]
        years = {f"{decade}{d}" for d in range(10)}
    elif when.precision == "year":
        years = {k[1:] for k in keys}
    else:
        years = {k[:4] for k in keys}
        return keys | {"Y" + y for y in years} | {"D" + y[:3] for y in years}
    keys |= {"Y" + y for y in years} | {"D" + y[:3] for y in years}
    keys |= {f"{y}-{m:02d}" for y in years for m in range(1, 13)}
    return keys


# How many of the latest reports holding one blocking key a new report is compared with. A
# busy key (the main party of a conflict in one month) is searched among its latest reports
# only: reports of one event arrive close together. Keys naming an actor alone, a word alone,
# or a min-hash of the sentence are the weak ones: they only catch what the precise keys miss.
POSTINGS_LIMIT = 200
WEAK_POSTINGS_LIMIT = 16
TEXT_HASHES = 4


@functools.lru_cache(maxsize=1 << 14)
def _sentence_keys(text: str) -> frozenset[str]:
    """Min-hashes of a sentence's content words: near-identical sentences (the only pairs that
    different actors or a few days' difference do not rule out) share one of them with high
    probability (at Jaccard 0.7, one of four shared 99% of the time). Cached: each report's
    sentence is keyed when it is looked up and again when it is added."""
    content = _content(text)
    if not content:
        return frozenset()
    return frozenset(
        f"t{i}|" + min(content, key=lambda w, i=i: zlib.crc32(f"{i}:{w}".encode()))  # type: ignore[misc]
        for i in range(TEXT_HASHES)
    )


def _names(report: Event) -> tuple[list[str], list[str]]:
    return sorted(_actor_keys(report.actors)), sorted(_wording_words(report))


def _name_keys(prefix: str, actors: list[str], words: list[str]) -> tuple[set[str], set[str]]:
    strong = {f"{prefix}|{a}|{w}" for a in actors for w in words}
    weak = {f"{prefix}a|{a}" for a in actors} | {f"{prefix}w|{w}" for w in words}
    return strong, weak


def report_keys(report: Event) -> set[str]:
    """The blocking keys a report is indexed under, each as ``"type|key"``: below these keys
    :func:`evidence` cannot reach a merge threshold (a different actor set rules a pair out
    unless the sentences are near-identical). Two dated reports share a date bucket and an actor
    (or one names none); a report and an undated one share an actor and a word of the event's
    name, or else, among the latest few, an actor or a word; two reports of one document are
    always compared (a restatement may share nothing else)."""
    actors, words = _names(report)
    strong, weak = _name_keys("n", actors, words)
    keys = strong | weak | _sentence_keys(report.sentence.text) | {"doc|" + report.doc_id}
    if _known(report.date):
        for month in _month_keys(report.date):
            keys |= {f"d|{month}|{a}" for a in actors or ["-"]} | {"m|" + month}
    else:
        more_strong, more_weak = _name_keys("u", actors, words)
        keys |= more_strong | more_weak
    return {f"{report.type}|{key}" for key in keys}


def lookup_keys(report: Event) -> dict[str, int]:
    """``{"type|key": how many of its latest postings to search}`` for a report's possible
    matches (see :func:`report_keys`)."""
    actors, words = _names(report)
    if _known(report.date):
        strong, weak = _name_keys("u", actors, words)
        for month in _lookup_keys(report.date):
            strong |= {f"d|{month}|{a}" for a in [*actors, "-"]}
            if not actors:
                strong.add("m|" + month)
    else:
        strong, weak = _name_keys("n", actors, words)
    strong.add("doc|" + report.doc_id)
    found: dict[str, int] = {}
    text = _sentence_keys(report.sentence.text)
    for etype in _compatible_types(report):
        for keys, limit in ((strong, POSTINGS_LIMIT), (weak, WEAK_POSTINGS_LIMIT), (text, WEAK_POSTINGS_LIMIT)):
            for key in keys:
                found[f"{etype}|{key}"] = max(found.get(f"{etype}|{key}", 0), limit)
    return found


class _Blocks:
    """Which group members a report could match (:func:`lookup_keys`), so that each report is
    scored against a few, not all."""

    def __init__(self) -> None:
        # "type|key" -> (group index, member position) of every report holding the key.
        self.keys: dict[str, list[tuple[int, int]]] = {}

    def add(self, index: int, position: int, report: Event) -> None:
        for key in report_keys(report):
            self.keys.setdefault(key, []).append((index, position))

    def candidates(self, report: Event) -> dict[int, list[int]]:
        """``{group index: positions of its members that may match}``, groups in order."""
        found: dict[int, set[int]] = {}
        for key, limit in lookup_keys(report).items():
            for index, position in self.keys.get(key, [])[-limit:]:
                found.setdefault(index, set()).add(position)
        return {index: sorted(found[index]) for index in sorted(found)}


def assign_reports(
    groups: list[EventGroup], reports: Sequence[Event], *, threshold: float, blocking: bool = True,
    published: Mapping[str, str | None] | None = None,
) -> list[EventGroup]:
    """Add each report to the best-matching group (or a new one ``"ev:" + report id``).

    Existing groups keep their ids and members; reports are taken in the order given, so the
    result is deterministic. Returns the (new) list of groups; the input is not mutated.
    ``blocking=False`` scores every group (quadratic; the benchmark checks blocking against it).
    ``published`` gives each document's publication date, which bounds its undated reports.
    """
    published = published or {}
    out = [EventGroup(id=g.id, reports=list(g.reports)) for g in groups]
    by_id = {g.id: g for g in out}
    tallies = [_DateTally([r.date for r in g.reports]) for g in out]
    dates = [t.best() for t in tallies]  # each group's consensus date, refreshed when it grows
    traits: dict[int, _Traits] = {}  # by id(): every report stays referenced by its group

    def trait(member: Event) -> _Traits:
        tm = traits.get(id(member))
        if tm is None:
            tm = traits[id(member)] = _traits(member, published.get(member.doc_id))
        return tm

    def score(member: Event) -> float:
        return _evidence(report, tr, member, trait(member))

    blocks = _Blocks()
    for index, group in enumerate(out):
        for position, member in enumerate(group.reports):
            blocks.add(index, position, member)
    initiators = [set().union(*(_state_keys(r) for r in g.reports)) for g in out]
    for report in reports:
        best: int | None = None
        best_score = threshold
        tr = traits[id(report)] = _traits(report, published.get(report.doc_id))
        named = _state_keys(report)
        if blocking:
            candidates = blocks.candidates(report)
        else:
            candidates = {
                i: list(range(len(g.reports))) for i, g in enumerate(out)
                if any(_reports_compatible(report, r) for r in g.reports)
            }
        for index, positions in candidates.items():
            group = out[index]
            # Only members sharing a key can reach the threshold (see _Blocks).
            members = [group.reports[p] for p in positions]
            if named and named.isdisjoint(initiators[index]) and initiators[index]:
                # The group's act has other, named initiators: an unattributed member must not
                # draw this report in ("the ship was struck" beside "pirates struck a boat").
                members = [r for r in members if _source_keys(r)]
            if dates_compatible(report.date, dates[index]) is False:
                # Against the group's consensus date only a near-identical dated report counts:
                # an undated member must not bridge two known, different dates.
                members = [r for r in members if _known(r.date)]
                if not members or max(score(r) for r in members) < threshold + 0.3:
                    continue
            value = max((score(r) for r in members), default=0.0)
            if value >= best_score and (best is None or value > best_score) and not (
                tr.published is not None and any(_recall_apart(report, tr, r, trait(r)) for r in group.reports)
            ):
                # a member of another year that recalls the act (or that this report recalls)
                # keeps the report out, whichever member it matched through (an undated one)
                best, best_score = index, value
        if best is None:
            new_id = "ev:" + report.id
            while new_id in by_id:
                new_id += "+"
            chosen = EventGroup(id=new_id, reports=[report])
            out.append(chosen)
            by_id[new_id] = chosen
            tallies.append(_DateTally())
            dates.append(EventDate())
            initiators.append(set())
            best = len(out) - 1
        else:
            chosen = out[best]
            chosen.reports.append(report)
        blocks.add(best, len(chosen.reports) - 1, report)
        initiators[best] |= named
        tallies[best].add(report.date)
        dates[best] = tallies[best].best()
    return out


# --------------------------------------------------------------------------- building


def _independent_key(doc_id: str, meta: Mapping[str, DocMeta]) -> str:
    info = meta.get(doc_id)
    root = info.duplicate_of if info is not None and info.duplicate_of else doc_id
    root_info = meta.get(root, info)
    outlet = root_info.outlet if root_info is not None else None
    return "outlet:" + outlet.lower() if outlet else "doc:" + root


def _date_value(when: EventDate) -> str:
    start = when.start or ""
    return start if when.end in (None, when.start) else f"{start}/{when.end}"


# What befell the people a figure counts, by the words that follow it in its sentence.
_FATES = {
    "killed": "dead", "dead": "dead", "died": "dead", "die": "dead", "bodies": "dead", "corpses": "dead",
    "fatalities": "dead", "deaths": "dead", "injured": "injured", "wounded": "injured", "hurt": "injured",
    "injuries": "injured", "missing": "missing", "displaced": "displaced", "homeless": "displaced",
    "fled": "displaced", "kidnapped": "abducted", "abducted": "abducted", "arrested": "detained",
    "detained": "detained", "released": "released", "freed": "released", "rescued": "rescued",
}
_FATE_WINDOW = 8  # words after the figure


def _fate(q: Quantity, report: Event) -> str | None:
    """"three crew members have been killed" -> dead; "two other crew members were injured" ->
    injured; None when the next few words of its sentence say nothing of it."""
    for word in words(q.what or ""):  # "three fatalities", "four injuries"
        if word in _FATES:
            return _FATES[word]
    offset = q.end - report.sentence.start
    if not 0 <= offset <= len(report.sentence.text):
        return None
    for word in words(report.sentence.text[offset:])[:_FATE_WINDOW]:
        if word in _FATES:
            return _FATES[word]
    return None


def _listing(name: str, values: Mapping[str, list[str]]) -> Disagreement:
    return Disagreement(field=name, values=[{"value": v, "sources": d} for v, d in values.items()])


def _disagreements(reports: Sequence[Event]) -> list[Disagreement]:
    out: list[Disagreement] = []
    # Quantities: figures for the same counted thing that no reading can reconcile.
    # "31 people" killed and "nine locations" struck, "three crew members" killed and "two
    # other crew members" injured count different things: a figure joins another only when
    # what they count and what befell it (killed, injured ...) can be the same.
    quantities = [(q, r.doc_id, _head(q.what), _fate(q, r)) for r in reports for q in r.quantities]
    clusters: list[list[tuple[Quantity, str, str, str | None]]] = []
    for item in quantities:
        _, _, head, fate = item
        for cluster in clusters:
            heads = {h for _, _, h, _ in cluster if h}
            fates = {f for _, _, _, f in cluster if f}
            same_fate = fate is not None and fate in fates  # "two people" and "three sailors" killed
            if (fate is None or not fates or same_fate) and (not head or not heads or head in heads or same_fate):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    for cluster in clusters:
        if len({d for _, d, _, _ in cluster}) < 2:
            continue
        if all(quantities_agree(a, b) for a, _, _, _ in cluster for b, _, _, _ in cluster):
            continue
        values: dict[str, list[str]] = {}
        for q, doc, _, _ in cluster:
            docs = values.setdefault(q.text or str(q.value), [])
            if doc not in docs:
                docs.append(doc)
        out.append(_listing("quantity", values))
    # Dates: sources whose dates cannot name the same time.
    dated = [r for r in reports if _known(r.date)]
    if any(dates_compatible(a.date, b.date) is False for a in dated for b in dated):
        by_value: dict[str, list[str]] = {}
        for r in dated:
            docs = by_value.setdefault(_date_value(r.date), [])
            if r.doc_id not in docs:
                docs.append(r.doc_id)
        out.append(_listing("date", by_value))
    # Actors: sources that name different initiators for the same event.
    initiators = {
        r.doc_id: sorted({ea.actor.name for ea in r.actors if ea.role == "source"}) for r in reports
    }
    named = {doc: names for doc, names in initiators.items() if names}
    # A state and its own ministry, army or leader are one initiator seen at two levels: only
    # initiators that share neither a name nor a state disagree.
    states = {
        r.doc_id: {ea.actor.country for ea in r.actors if ea.role == "source" and ea.actor.country}
        for r in reports
    }
    if len({tuple(v) for v in named.values()}) > 1 and any(
        not set(named[a]) & set(named[b]) and not states[a] & states[b] for a in named for b in named
    ):
        by_actor: dict[str, list[str]] = {}
        for doc, names in named.items():
            by_actor.setdefault(", ".join(names), []).append(doc)
        out.append(_listing("actor", by_actor))
    return out


def merged_date(reports: Sequence[Event]) -> EventDate:
    """The date the reports agree on (:func:`best_date`). When some report states less of it
    than the merged event shows ("in September" beside "on 19 September", or nothing), the
    date is theirs to the others: basis "corroborated", naming the report that states it.
    Each report keeps its own date in its source."""
    date = best_date([r.date for r in reports])
    if not _known(date) or len(reports) < 2:
        return date
    lent = any(r.date.start is None or len(r.date.start) < len(date.start or "") for r in reports)
    if not lent:
        return date
    giver = next((r for r in reports if r.date.start == date.start), None)
    return replace(date, basis="corroborated", source=giver.doc_id if giver else None)


# A report's merge reasons are those it shares with the closest of the group's first reports
# (the ones it joined, for most): all of them would make a group of n reports cost n² to build.
REASON_PEERS = 8


def build_event(group: EventGroup, meta: Mapping[str, DocMeta]) -> TimelineEvent:
    """The merged TimelineEvent of one group: a pure function of its reports."""
    reports = sorted(
        group.reports,
        key=lambda r: (meta[r.doc_id].order if r.doc_id in meta else 1 << 30, r.sentence.start, r.id),
    )
    first = next((r for r in group.reports if "ev:" + r.id == group.id), reports[0])
    types = Counter(r.type for r in reports)
    top = max(types.values())
    etype = first.type if types[first.type] == top else next(t for t in types if types[t] == top)
    actors: list[EventActor] = []
    seen: set[str] = set()
    for r in reports:
        for ea in r.actors:
            key = ea.actor.name.lower()
            if key not in seen:
                seen.add(key)
                actors.append(ea)
    quantities: list[Quantity] = []
    for r in reports:
        for q in r.quantities:
            if not any(_head(q.what) == _head(k.what) and quantities_agree(q, k) for k in quantities):
                quantities.append(q)
    location = next((r.location for r in reports if r.location is not None), None)
    traits = {id(r): _traits(r) for r in reports}  # once per report, not once per pair
    sources = [
        EventSource(
            doc=r.doc_id,
            sentence=r.sentence.text,
            start=r.sentence.start,
            end=r.sentence.end,
            wording=r.wording,
            outlet=meta[r.doc_id].outlet if r.doc_id in meta else None,
            event_id=r.id,
            date=r.date,
            merged_because=[] if r is first else merge_reasons(r, max(
                (o for o in reports[:REASON_PEERS + 1] if o is not r),
                key=lambda o: _evidence(r, traits[id(r)], o, traits[id(o)]),
            )),
        )
        for r in reports
    ]
    corroboration = len({_independent_key(r.doc_id, meta) for r in reports})
    date = merged_date(reports)
    # The summary of a report that states the event's date (and type), else the founder's: a
    # document's undated background line may have founded the group its dated report joined.
    lead = next((r for r in reports if r.type == etype and r.date.start and r.date.start == date.start), first)
    event = TimelineEvent(
        id=group.id,
        type=etype,
        summary=lead.summary,
        date=date,
        actors=actors,
        location=location,
        quantities=quantities,
        sources=sources,
        corroboration=corroboration,
        disagreements=_disagreements(reports),
    )
    event.acled = acled_record(event)
    return event


def timeline_order(event: TimelineEvent) -> tuple[int, str, str]:
    """Sort key: by date (start of its range), undated last, then id for a stable order."""
    if not _known(event.date):
        return (1, "", event.id)
    return (0, _bounds(event.date)[0], event.id)


def timeline_key(event: TimelineEvent) -> str:
    """:func:`timeline_order` as one string that sorts the same way (a store orders by it)."""
    undated, start, event_id = timeline_order(event)
    return f"{undated}{start} {event_id}"  # " " sorts before "-" and digits: "2023-09" before "2023-09-19"
