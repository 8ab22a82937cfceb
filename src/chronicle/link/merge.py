"""Event merging: reports of the same real-world event become one TimelineEvent.

Two reports are one event when enough independent evidence agrees (compatible type, shared
actors, compatible dates, shared place or figures, similar evidence sentence) and nothing
rules it out (incompatible years, no shared actor and little shared wording). The merged
event keeps every report as an EventSource, its date at the best precision a source gives,
and lists where the sources disagree instead of picking one.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from chronicle.link.features import STOP_WORDS, normalise, words
from chronicle.link.state import EventGroup
from chronicle.records import (
    Disagreement,
    Event,
    EventActor,
    EventDate,
    EventSource,
    Quantity,
    TimelineEvent,
)

# PLOVER types that different outlets use for one happening ("offensive" ASSAULT vs "military
# operation" COERCE; a "deal" AGREE vs "cooperation" COOPERATE).
_COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("ASSAULT", "COERCE"),
        ("ASSAULT", "MOBILIZE"),
        ("COERCE", "MOBILIZE"),
        ("AGREE", "COOPERATE"),
        ("AGREE", "CONSULT"),
        ("CONSULT", "COOPERATE"),
        ("SUPPORT", "COOPERATE"),
        ("DISAPPROVE", "PROTEST"),
        ("DISAPPROVE", "REJECT"),
        ("DEMAND", "THREATEN"),
        ("CONCEDE", "RETREAT"),
        ("AID", "SUPPORT"),
    )
)


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


def dates_compatible(a: EventDate | None, b: EventDate | None) -> bool | None:
    """True when the two dates can name the same time at their shared precision ("September
    2023" and "19 September 2023"), False when they cannot, None when either is unknown."""
    if a is None or b is None or not _known(a) or not _known(b):
        return None
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
    known = [d for d in dates if _known(d)]
    if not known:
        return EventDate()
    support = [sum(1 for other in known if dates_compatible(d, other)) for d in known]
    top = max(support)
    candidates = [d for d, s in zip(known, support, strict=True) if s == top]
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


def _text_similarity(a: Event, b: Event) -> float:
    sa, sb = _content(a.sentence.text), _content(b.sentence.text)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / math.sqrt(len(sa) * len(sb))


def _actor_keys(actors: Sequence[EventActor], roles: tuple[str, ...] | None = None) -> set[str]:
    keys = set()
    for ea in actors:
        if roles is not None and ea.role not in roles:
            continue
        keys.add("n:" + ea.actor.name.lower())
        if ea.actor.country and ea.actor.kind in (None, "country", "government", "military"):
            keys.add("c:" + ea.actor.country)
    return keys


def _types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in _COMPATIBLE_TYPES


def _wording_words(e: Event) -> frozenset[str]:
    return _content(" ".join(x for x in (e.wording, e.trigger) if x))


def evidence(a: Event, b: Event) -> float:
    """How strongly two reports look like one event (0 = ruled out); see module doc."""
    if not _types_compatible(a.type, b.type):
        return 0.0
    if a.doc_id == b.doc_id and a.sentence.start == b.sentence.start:
        return 0.0  # two triggers of one sentence are two events by construction
    compatible = dates_compatible(a.date, b.date)
    date_score = 0.0
    if compatible is False:
        # A different year is a different event; a few days apart may be a disagreement
        # about one event, which needs near-identical wording to be accepted.
        gap = _day_gap(a.date, b.date)
        if not _same_year(a.date, b.date) or gap is None or gap > 3:
            return 0.0
        date_score = -0.3
    elif compatible:
        date_score = 0.3 if a.date.precision == b.date.precision == "day" else 0.2
    text = _text_similarity(a, b)
    keys_a, keys_b = _actor_keys(a.actors), _actor_keys(b.actors)
    shared_actor = bool(keys_a & keys_b)
    if keys_a and keys_b and not shared_actor and text < 0.6:
        return 0.0
    score = 0.2 if a.type == b.type else 0.1
    score += date_score
    score += 0.25 if shared_actor else 0.0
    if a.location is not None and b.location is not None:
        same_place = a.location.name.lower() == b.location.name.lower() or (
            a.location.geonameid is not None and a.location.geonameid == b.location.geonameid
        )
        score += 0.1 if same_place else 0.0
    if any(qa.value == qb.value and qa.value >= 3 for qa in a.quantities for qb in b.quantities):
        score += 0.2  # the same specific figure ("32 servicemen") is a strong shared fact
    if _wording_words(a) & _wording_words(b):
        score += 0.1
    score += 0.6 * text
    if compatible is None:
        # Undated against dated (or both undated): only strong other evidence may merge them.
        score -= 0.25
    return score


# --------------------------------------------------------------------------- grouping


def _group_date(group: EventGroup) -> EventDate:
    return best_date([r.date for r in group.reports])


def assign_reports(
    groups: list[EventGroup], reports: Sequence[Event], *, threshold: float
) -> list[EventGroup]:
    """Add each report to the best-matching group (or a new one ``"ev:" + report id``).

    Existing groups keep their ids and members; reports are taken in the order given, so the
    result is deterministic. Returns the (new) list of groups; the input is not mutated.
    """
    out = [EventGroup(id=g.id, reports=list(g.reports)) for g in groups]
    by_id = {g.id: g for g in out}
    dates = {g.id: _group_date(g) for g in out}  # refreshed when a group grows
    for report in reports:
        best: EventGroup | None = None
        best_score = threshold
        for group in out:
            if not any(_types_compatible(report.type, r.type) for r in group.reports):
                continue  # cheap test first: most groups are another kind of event
            scores = [evidence(report, r) for r in group.reports]
            if dates_compatible(report.date, dates[group.id]) is False and max(scores) < threshold + 0.3:
                continue  # against the group's consensus date only near-identical wording counts
            score = max(scores)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = group, score
        if best is None:
            new_id = "ev:" + report.id
            while new_id in by_id:
                new_id += "+"
            best = EventGroup(id=new_id, reports=[report])
            out.append(best)
            by_id[new_id] = best
        else:
            best.reports.append(report)
        dates[best.id] = _group_date(best)
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


def _listing(name: str, values: Mapping[str, list[str]]) -> Disagreement:
    return Disagreement(field=name, values=[{"value": v, "sources": d} for v, d in values.items()])


def _disagreements(reports: Sequence[Event]) -> list[Disagreement]:
    out: list[Disagreement] = []
    # Quantities: figures for the same counted thing that no reading can reconcile.
    quantities = [(q, r.doc_id) for r in reports for q in r.quantities]
    single = all(len(r.quantities) <= 1 for r in reports)
    clusters: list[list[tuple[Quantity, str]]] = []
    for q, doc in quantities:
        for cluster in clusters:
            if single or _head(cluster[0][0].what) == _head(q.what):
                cluster.append((q, doc))
                break
        else:
            clusters.append([(q, doc)])
    for cluster in clusters:
        if len({d for _, d in cluster}) < 2:
            continue
        if all(quantities_agree(a, b) for a, _ in cluster for b, _ in cluster):
            continue
        values: dict[str, list[str]] = {}
        for q, doc in cluster:
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
    if len({tuple(v) for v in named.values()}) > 1 and any(
        not set(a) & set(b) for a in named.values() for b in named.values()
    ):
        by_actor: dict[str, list[str]] = {}
        for doc, names in named.items():
            by_actor.setdefault(", ".join(names), []).append(doc)
        out.append(_listing("actor", by_actor))
    return out


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
        )
        for r in reports
    ]
    corroboration = len({_independent_key(r.doc_id, meta) for r in reports})
    return TimelineEvent(
        id=group.id,
        type=etype,
        summary=first.summary,
        date=best_date([r.date for r in reports]),
        actors=actors,
        location=location,
        quantities=quantities,
        sources=sources,
        corroboration=corroboration,
        disagreements=_disagreements(reports),
    )


def timeline_order(event: TimelineEvent) -> tuple[int, str, str]:
    """Sort key: by date (start of its range), undated last, then id for a stable order."""
    if not _known(event.date):
        return (1, "", event.id)
    return (0, _bounds(event.date)[0], event.id)
