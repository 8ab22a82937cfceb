"""Briefings for a period: what happened (merged events, in chronicle's own words), how the
agreement moved, and where the sources disagree — each line with ``[outlet, date]`` citations.

Event lines are built from the event's fields with one template per PLOVER type (actors,
quantities, place, date at its precision); no source sentence is copied and no model service
is called. An event whose date is unknown cannot be placed in a bounded period, so it is left
out of one. :func:`build_brief` computes the data; :func:`brief_markdown` and
:func:`brief_json` only render it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from chronicle.agree.names import country_name
from chronicle.agree.render import status_phrase
from chronicle.records import (
    Disagreement,
    Document,
    EventActor,
    EventDate,
    Provision,
    ProvisionStatus,
    Quantity,
    TimelineEvent,
)

ItemKind = Literal["event", "agreement", "disagreement"]


@dataclass(frozen=True, slots=True)
class Citation:
    """One source behind a brief line: shown as ``[outlet, date]``, traceable to its sentence."""

    outlet: str
    date: str | None  # the source document's publication date
    doc: str
    sentence: str
    start: int = 0
    end: int = 0

    def label(self) -> str:
        return f"[{self.outlet}, {self.date or 'undated'}]"


@dataclass(slots=True)
class BriefItem:
    kind: ItemKind
    text: str  # one sentence in chronicle's words
    date: str | None  # ISO start of what the line is about, for ordering
    citations: list[Citation] = field(default_factory=list)
    corroboration: int = 1
    ref: str = ""  # the event id or provision key the line is about


@dataclass(slots=True)
class Brief:
    since: str | None
    until: str | None
    actor: str | None
    events: list[BriefItem] = field(default_factory=list)
    agreement: list[BriefItem] = field(default_factory=list)
    disagreements: list[BriefItem] = field(default_factory=list)


# Per PLOVER type: (verb phrase with a target "{o}", verb phrase without one).
TEMPLATES: dict[str, tuple[str, str]] = {
    "AGREE": ("agreed with {o}", "made an agreement or commitment"),
    "CONSULT": ("met {o}", "held talks"),
    "SUPPORT": ("expressed support for {o}", "expressed support"),
    "CONCEDE": ("made a concession to {o}", "made a concession"),
    "COOPERATE": ("cooperated with {o}", "took cooperative steps"),
    "AID": ("provided aid to {o}", "provided aid"),
    "RETREAT": ("yielded to {o}", "withdrew or stood down"),
    "INVESTIGATE": ("investigated {o}", "opened an investigation"),
    "DEMAND": ("made demands of {o}", "issued demands"),
    "DISAPPROVE": ("criticised {o}", "voiced criticism"),
    "REJECT": ("rejected a proposal or demand of {o}", "rejected a proposal or demand"),
    "THREATEN": ("threatened {o}", "issued threats"),
    "PROTEST": ("protested against {o}", "protested"),
    "CRIME": ("was accused of a crime against {o}", "was linked to a crime"),
    "SANCTION": ("imposed sanctions on {o}", "imposed sanctions"),
    "MOBILIZE": ("mobilised forces against {o}", "mobilised forces"),
    "COERCE": ("took coercive measures against {o}", "took coercive measures"),
    "ASSAULT": ("attacked {o}", "carried out an attack"),
    "OTHER": ("was involved in a reported event with {o}", "was involved in a reported event"),
}

# Per PLOVER type: a noun phrase, for events whose actors are not known.
NOUNS: dict[str, str] = {
    "AGREE": "an agreement or commitment", "CONSULT": "talks or a meeting",
    "SUPPORT": "an expression of support",
    "CONCEDE": "a concession", "COOPERATE": "an act of cooperation", "AID": "aid",
    "RETREAT": "a withdrawal or release", "INVESTIGATE": "an investigation", "DEMAND": "a demand",
    "DISAPPROVE": "criticism", "REJECT": "a rejection", "THREATEN": "a threat", "PROTEST": "a protest",
    "CRIME": "a crime", "SANCTION": "sanctions", "MOBILIZE": "a mobilisation", "COERCE": "coercive measures",
    "ASSAULT": "an attack", "OTHER": "an event",
}

_DAY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# --------------------------------------------------------------------------- building


def build_brief(
    docs: Sequence[Document],
    events: Sequence[TimelineEvent],
    provisions: Sequence[Provision],
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> Brief:
    """The briefing for ``[since, until]`` (ISO dates, both optional), optionally about one actor.

    Raises ValueError for a malformed date or a period that ends before it starts.
    """
    lo = _bound(since, low=True)
    hi = _bound(until, low=False)
    if lo and hi and lo > hi:
        raise ValueError(f"--since {since} is after --until {until}")
    by_id = {d.id: d for d in docs}
    brief = Brief(since, until, actor)
    chosen = [e for e in events if _in_period(e.date, lo, hi) and (actor is None or actor_matches(e, actor))]
    chosen.sort(key=lambda e: (e.date.start is None, _low(e.date.start or ""),
                               _PRECISION_ORDER[e.date.precision], e.id))
    for ev in chosen:
        brief.events.append(BriefItem(
            "event", event_sentence(ev), ev.date.start, _event_citations(ev, by_id), ev.corroboration, ev.id,
        ))
        for dis in ev.disagreements:
            brief.disagreements.append(_disagreement_item(ev, dis, by_id))
    brief.agreement = _agreement_changes(provisions, by_id, lo, hi, actor)
    return brief


def actor_matches(event: TimelineEvent, query: str) -> bool:
    """Whether any actor of the event is ``query``: canonical name, ISO alpha-3 country code or
    country name, case-insensitively."""
    wanted = query.strip().lower()
    for ea in event.actors:
        names = {ea.actor.name, ea.actor.country, country_name(ea.actor.country)}
        if wanted in {n.lower() for n in names if n}:
            return True
    return False


# --------------------------------------------------------------------------- wording


def event_sentence(event: TimelineEvent) -> str:
    """One sentence about the event, from its fields: "On 26 December 2023, Ilham Aliyev
    (Azerbaijan) met Nikol Pashinyan (Armenia) in St. Petersburg."."""
    when = date_phrase(event.date)
    sources = [a for a in event.actors if a.role == "source"]
    targets = [a for a in event.actors if a.role == "target"]
    if not sources:
        sources = [a for a in event.actors if a.role == "other"] or targets
        targets = [a for a in targets if a not in sources]
    with_object, alone = TEMPLATES.get(event.type, TEMPLATES["OTHER"])
    if sources:
        subject = _join([actor_phrase(a) for a in sources])
        verb = with_object.format(o=_join([actor_phrase(a) for a in targets])) if targets else alone
        clause = f"{subject} {verb}"
    else:
        # Nobody named: say what kind of event, and how the first source words it (a short quote).
        wording = next((s.wording for s in event.sources if s.wording), None)
        clause = f"there were reports of {NOUNS.get(event.type, NOUNS['OTHER'])}"
        if wording:
            clause += f" (described as “{wording}”)"
    details = ""
    if event.quantities:
        details += ", involving " + _join([quantity_phrase(q) for q in event.quantities])
    if event.location is not None and event.location.name:
        details += f" in {event.location.name}"
    return f"{when}, {clause}{details}."


def date_phrase(date: EventDate) -> str:
    """"On 26 December 2023", "In December 2023", "By 27 December 2023" (known only from the
    report's date), "At an unknown date"."""
    if not date.start or date.precision == "unknown":
        return "At an unknown date"
    start = _human(date.start, date.precision)
    if date.end and date.end != date.start:
        return f"Between {start} and {_human(date.end, date.precision)}"
    if date.basis == "publication":
        return f"By {start}"  # the report's date bounds the event from above, no more
    return f"On {start}" if date.precision == "day" else f"In {start}"


def actor_phrase(ea: EventActor) -> str:
    a = ea.actor
    state = country_name(a.country)
    if a.kind in ("person", "military", "organization", "group") and state and state not in a.name:
        return f"{a.name} ({state})"
    return a.name


def quantity_phrase(q: Quantity) -> str:
    value = f"{q.value:g}" if q.value != int(q.value) else f"{int(q.value)}"
    return f"{'about ' if q.approximate else ''}{value} {q.what}".strip()


# --------------------------------------------------------------------------- rendering


def brief_markdown(brief: Brief) -> str:
    """Markdown bullets, each with its ``[outlet, date]`` citations."""
    period = f"{_human_bound(brief.since, 'the beginning')} – {_human_bound(brief.until, 'now')}"
    lines = [f"# Briefing: {period}"]
    if brief.actor:
        lines.append(f"_Actor: {brief.actor}_")
    for title, items in (("Events", brief.events), ("Agreement changes", brief.agreement),
                         ("Disagreements between sources", brief.disagreements)):
        lines += ["", f"## {title}", ""]
        if not items:
            lines.append("- None in this period.")
        for item in items:
            cites = " ".join(dict.fromkeys(c.label() for c in item.citations))
            corroborated = f" ({item.corroboration} outlets)" if item.corroboration > 1 else ""
            lines.append(f"- {item.text} {cites}{corroborated}".rstrip())
    return "\n".join(lines) + "\n"


def brief_json(brief: Brief) -> dict[str, Any]:
    """The same data as plain JSON."""
    def item(i: BriefItem) -> dict[str, Any]:
        return {
            "kind": i.kind, "text": i.text, "date": i.date, "ref": i.ref, "corroboration": i.corroboration,
            "citations": [
                {"outlet": c.outlet, "date": c.date, "doc": c.doc, "sentence": c.sentence,
                 "start": c.start, "end": c.end}
                for c in i.citations
            ],
        }

    return {
        "since": brief.since, "until": brief.until, "actor": brief.actor,
        "events": [item(i) for i in brief.events],
        "agreement_changes": [item(i) for i in brief.agreement],
        "disagreements": [item(i) for i in brief.disagreements],
    }


# --------------------------------------------------------------------------- helpers

_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}


def _bound(value: str | None, *, low: bool) -> str | None:
    if value is None:
        return None
    if not _DAY.match(value):
        raise ValueError(f"dates must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return _low(value) if low else _high(value)


def _low(value: str) -> str:
    """The first day an ISO date/month/year covers."""
    parts = value.split("-")
    return "-".join([parts[0], *[*parts[1:], "01", "01"][:2]]) if parts[0] else ""


def _high(value: str) -> str:
    """The last day an ISO date/month/year covers."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{parts[0]}-{parts[1]}-{last:02d}"
    return value


def _interval(date: EventDate) -> tuple[str, str] | None:
    start = date.start
    if not start or date.precision == "unknown":
        return None
    if date.precision == "decade" and len(start) == 4:
        return _low(start), _high(str(int(start[:3] + "0") + 9))
    if not _DAY.match(start):
        return None
    end = date.end if date.end and _DAY.match(date.end) else start
    return _low(start), _high(end)


def _in_period(date: EventDate, lo: str | None, hi: str | None) -> bool:
    if lo is None and hi is None:
        return True
    span = _interval(date)
    if span is None:
        return False  # an unknown date cannot be placed inside a bounded period
    start, end = span
    if date.precision in ("year", "decade"):
        # A whole year only belongs to a period that contains it; otherwise it may lie outside.
        return (lo is None or start >= lo) and (hi is None or end <= hi)
    return (lo is None or end >= lo) and (hi is None or start <= hi)


def _event_citations(event: TimelineEvent, by_id: dict[str, Document]) -> list[Citation]:
    """One citation per source document, in source order."""
    out: dict[str, Citation] = {}
    for src in event.sources:
        if src.doc in out:
            continue
        doc = by_id.get(src.doc)
        outlet = src.outlet or (doc.outlet if doc else None) or src.doc
        published = doc.published if doc else None
        out[src.doc] = Citation(outlet, published, src.doc, src.sentence, src.start, src.end)
    return list(out.values())


def _disagreement_item(event: TimelineEvent, dis: Disagreement, by_id: dict[str, Document]) -> BriefItem:
    cites = {c.doc: c for c in _event_citations(event, by_id)}
    parts = []
    used: list[Citation] = []
    for entry in dis.values:
        docs = [str(d) for d in entry.get("sources", [])]
        labels = " ".join(dict.fromkeys(cites[d].label() for d in docs if d in cites))
        used += [cites[d] for d in docs if d in cites]
        parts.append(f"{_value_text(entry.get('value'))}{f' {labels}' if labels else ''}")
    what = f"the {dis.field}" if dis.field else "a detail"
    about = event_sentence(event).rstrip(".")
    text = f"Sources disagree on {what} of this event ({about}): " + " vs ".join(parts) + "."
    return BriefItem("disagreement", text, event.date.start, list(dict.fromkeys(used)), event.corroboration,
                     event.id)


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("text", "name", "start", "value"):
            if value.get(key) is not None:
                return str(value[key])
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def _agreement_changes(
    provisions: Sequence[Provision], by_id: dict[str, Document],
    lo: str | None, hi: str | None, actor: str | None,
) -> list[BriefItem]:
    """Entries in the period that change a provision's status (per agreement), with every source
    reporting the same change on the same day cited together."""
    items: dict[tuple[str, str | None, str, str | None], BriefItem] = {}
    for p in provisions:
        previous: dict[str | None, str] = {}
        for e in p.history:
            before = previous.get(e.agreement)
            previous[e.agreement] = e.status
            if e.status == before or not _entry_in_period(e, lo, hi):
                continue
            if actor is not None and not _entry_mentions(e, actor):
                continue
            key = (p.key, e.agreement, e.status, e.date)
            cite = _entry_citation(e, by_id)
            if key in items:
                items[key].citations.append(cite)
                items[key].corroboration = len({c.outlet for c in items[key].citations})
                continue
            when = date_phrase(EventDate(start=e.date, precision=_precision_of(e.date), basis="explicit"))
            change = f"{before} → {status_phrase(e)}" if before else status_phrase(e)
            scope = f" in the {e.agreement}" if e.agreement else ""
            text = f"{when}, {p.label}{scope}: {change}."
            items[key] = BriefItem("agreement", text, e.date, [cite], 1, p.key)
    return sorted(items.values(), key=lambda i: (i.date is None, i.date or "", i.ref))


def _entry_in_period(e: ProvisionStatus, lo: str | None, hi: str | None) -> bool:
    return _in_period(EventDate(start=e.date, precision=_precision_of(e.date)), lo, hi)


def _precision_of(value: str | None) -> Literal["day", "month", "year", "unknown"]:
    if not value or not _DAY.match(value):
        return "unknown"
    return {10: "day", 7: "month"}.get(len(value), "year")  # type: ignore[return-value]


def _entry_mentions(e: ProvisionStatus, actor: str) -> bool:
    wanted = actor.strip().lower()
    names = {wanted, (country_name(actor) or "").lower()} - {""}
    haystack = f"{e.by or ''} {e.sentence}".lower()
    return any(re.search(rf"\b{re.escape(n)}\b", haystack) for n in names)


def _entry_citation(e: ProvisionStatus, by_id: dict[str, Document]) -> Citation:
    doc = by_id.get(e.doc)
    outlet = e.outlet or (doc.outlet if doc else None) or e.doc
    return Citation(outlet, doc.published if doc else e.date, e.doc, e.sentence, e.start, e.end)


def _human(value: str, precision: str) -> str:
    parts = value.split("-")
    if precision == "decade" or (len(parts) == 1 and precision == "decade"):
        return f"the {parts[0][:3]}0s"
    if len(parts) >= 3 and precision == "day":
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) >= 2 and precision in ("day", "month"):
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return parts[0]


def _human_bound(value: str | None, default: str) -> str:
    if value is None:
        return default
    return _human(value, _precision_of(value))


def _join(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
