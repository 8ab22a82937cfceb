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

from chronicle.agree import country_name, status_phrase
from chronicle.events import number_value
from chronicle.inflect import is_participle, lemma_of_third_person, past
from chronicle.query import EventQuery, date_overlaps, event_matches, first_day, last_day, parse_date_bound
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
    # The query layer's rule (chronicle.query): a partial date covers its whole month or year.
    # The actor is matched by name, country code or country name, as a reader types it.
    period = EventQuery(since=parse_date_bound(since, "--since"), until=parse_date_bound(until, "--until"))
    chosen = [e for e in events if event_matches(e, period) and (actor is None or actor_matches(e, actor))]
    chosen.sort(key=lambda e: (e.date.start is None, first_day(e.date.start) if e.date.start else "",
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
    """One sentence about the event, from its fields: the date at its precision, then the
    event's headline (its summary) turned into a past-tense clause with the actors' full names,
    then the place and the quantities the clause does not already say: "On 26 December 2023,
    Ilham Aliyev (Azerbaijan) met Nikol Pashinyan (Armenia) in Saint Petersburg."."""
    when = date_phrase(event.date)
    clause = past_clause(event) or _template_clause(event)
    details = ""
    if event.location is not None and event.location.name and event.location.name not in clause:
        details += f" in {event.location.name}"
    unsaid = [q for q in event.quantities if not _said(q, clause)]
    if unsaid:
        details += ", involving " + _join([quantity_phrase(q) for q in unsaid])
    return f"{when}, {clause}{details}."


def past_clause(event: TimelineEvent) -> str | None:
    """The event's headline as a past-tense clause (None when the summary has none of the shapes
    chronicle.events.headline writes): "Azerbaijan and Armenia exchange prisoners of war" ->
    "Azerbaijan and Armenia exchanged prisoners of war"; "Seven drafts exchanged" -> "seven
    drafts were exchanged"; "Joint statement by Armenia and Azerbaijan" -> "Armenia and
    Azerbaijan issued a joint statement"."""
    summary = " ".join(event.summary.split())
    if not summary:
        return None
    by_name = {a.actor.name: a for a in event.actors}
    names = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    if names:
        group = rf"((?:{names})(?:(?:, | and )(?:{names}))*)"
        found = re.match(rf"^{group} (.+)$", summary)
        if found:
            subject = _split_names(found.group(1), by_name)
            predicate = _past_predicate(found.group(2).split(), plural=len(subject) > 1)
            if predicate:
                return f"{_join([_phrase(n, by_name) for n in subject])} {_with_phrases(predicate, by_name)}"
        found = re.match(rf"^(.+?) (by|between|with) {group}(.*)$", summary)
        if found:
            return _nominal_clause(found.group(1), found.group(2), _split_names(found.group(3), by_name),
                                   found.group(4), event, by_name)
    words = summary.split()
    passive = _passive_clause(words, event)
    if passive:
        return _with_phrases(passive, by_name)
    if len(words) >= 2 and words[1].endswith("s") and not words[1].endswith("ss"):
        # "Fighting resumes in Karabakh": a noun subject and a present-tense verb
        verb = past(lemma_of_third_person(words[1]))
        return _with_phrases(" ".join([_sentence_case(words[0], event), verb, *words[2:]]), by_name)
    return None


def _split_names(text: str, by_name: dict[str, EventActor]) -> list[str]:
    """"Azerbaijan, Armenia and Russia" -> the names, longest match first."""
    out: list[str] = []
    rest = text
    ordered = sorted(by_name, key=len, reverse=True)
    while rest:
        name = next((n for n in ordered if rest.startswith(n)), None)
        if name is None:
            break
        out.append(name)
        rest = rest[len(name):]
        rest = rest[2:] if rest.startswith(", ") else rest[5:] if rest.startswith(" and ") else rest
    return out


def _phrase(name: str, by_name: dict[str, EventActor]) -> str:
    ea = by_name.get(name)
    return actor_phrase(ea) if ea is not None else name


def _with_phrases(text: str, by_name: dict[str, EventActor]) -> str:
    """Actor names inside the clause in their briefing form ("Nikol Pashinyan (Armenia)"),
    except before a possessive."""
    for name in sorted(by_name, key=len, reverse=True):
        phrase = actor_phrase(by_name[name])
        if phrase != name:
            pattern = rf"(?<![\w(]){re.escape(name)}(?![\w')’])"
            found = re.search(pattern, text)
            if found:
                text = text[: found.start()] + phrase + text[found.end():]
    return text


def _past_predicate(words: list[str], *, plural: bool) -> str | None:
    """"meets X" -> "met X", "will withdraw" -> "pledged to withdraw", "does not recognise" ->
    "did not recognise", "may sign" -> "might sign"."""
    if not words:
        return None
    first = words[0].lower()
    rest = words[1:]
    if first == "will":
        if rest[:1] == ["not"]:
            return " ".join(["would not", *rest[1:]])
        return " ".join(["pledged to", *rest]) if rest else None
    if first in {"does", "do"} and rest[:1] == ["not"]:
        return " ".join(["did not", *rest[1:]])
    if first == "may":
        return " ".join(["might", *rest]) if rest else None
    if not first.isalpha() or not first.islower():
        return None
    if is_participle(first) and lemma_of_third_person(first) == first:
        return None  # a passive headline ("Mariupol defended"): the passive clause says it, never "defendeded"
    lemma = first if plural else lemma_of_third_person(first)
    return " ".join([past(lemma), *rest])


# Verbs for events a headline names by a noun: "Joint statement by X" -> "X issued a joint statement".
_NOUN_VERBS: dict[str, str] = {
    "statement": "issued", "declaration": "issued", "communique": "issued", "communiqué": "issued",
    "appeal": "issued", "ultimatum": "issued", "warning": "issued", "threat": "issued",
    "talks": "held", "negotiations": "held", "meeting": "held", "summit": "held", "discussions": "held",
    "consultations": "held", "dialogue": "held", "referendum": "held", "protest": "held", "rally": "held",
    "offensive": "launched", "operation": "launched", "attack": "launched", "assault": "launched",
    "campaign": "launched", "counteroffensive": "launched", "incursion": "launched", "invasion": "launched",
    "strike": "carried out", "strikes": "carried out", "shelling": "carried out", "bombardment": "carried out",
    "takeover": "carried out", "blockade": "imposed", "sanctions": "imposed", "ban": "imposed",
    "agreement": "reached", "deal": "reached", "accord": "reached", "ceasefire": "agreed",
    "truce": "agreed", "exchange": "carried out", "withdrawal": "carried out", "visit": "made",
    "proposal": "made", "concession": "made", "investigation": "opened", "inquiry": "opened",
}
_MASS = frozenset({"shelling", "fighting", "bombardment", "violence", "aid", "support", "criticism", "mediation"})


def _nominal_clause(
    noun_phrase: str, prep: str, actors: list[str], tail: str, event: TimelineEvent,
    by_name: dict[str, EventActor],
) -> str:
    np = _sentence_case(noun_phrase, event)
    head = np.split(" of ")[0].split()[-1].lower()
    plural = head.endswith("s") and not head.endswith("ss")
    article = "" if plural or head in _MASS else ("an " if np[:1].lower() in "aeiou" else "a ")
    who = _join([_phrase(n, by_name) for n in actors])
    verb = _NOUN_VERBS.get(head)
    tail = _with_phrases(tail, by_name)
    if verb and prep in {"by", "between"}:
        return f"{who} {verb} {article}{np}{tail}"
    there = "there were" if plural else "there was"
    return f"{there} {article}{np} {prep} {who}{tail}"


def _passive_clause(words: list[str], event: TimelineEvent) -> str | None:
    """"Seven drafts exchanged in Vienna" -> "seven drafts were exchanged in Vienna"."""
    for k in range(1, len(words)):
        if not is_participle(words[k]) or (k + 1 < len(words) and words[k + 1] not in _PREPOSITIONS):
            continue
        at = k - 2 if words[k - 2 : k] == ["to", "be"] else k - 1 if words[k - 1] == "not" else k
        if at < 1:
            return None
        subject = words[:at]
        head = (" ".join(subject).split(" of ")[0].split() or subject)[-1].lower()
        plural = (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or head in _PLURALS or (
            (number_value(subject[:1]) or 1) > 1
        )
        copula = "were" if plural else "was"
        bare = len(subject) <= 2 and subject[0].lower() not in _DETERMINERS and head not in _MASS
        article = ["an" if subject[0][:1].lower() in "aeiou" else "a"] if bare and not plural else []
        first = _sentence_case(subject[0], event)
        if article and first[:1].isupper():
            article = []  # a name: "Karabakh was surrendered"
        return " ".join([*article, first, *subject[1:], copula, *words[at:]])
    return None


_PREPOSITIONS = frozenset({"in", "to", "by", "with", "on", "at", "from", "for", "over", "into", "near", "after"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "both", "all", "several", "some", "no"})
_PLURALS = frozenset({"people", "personnel", "police", "forces", "troops", "children", "men", "women"})


def _sentence_case(word: str, event: TimelineEvent) -> str:
    """A headline's first word inside a sentence: lower case unless it is a name (capitalised
    in the middle of a source sentence, or part of an actor or place name)."""
    first = word.split()[0] if word.split() else word
    if not first[:1].isupper() or first.isupper():
        return word
    names = " ".join([a.actor.name for a in event.actors] + ([event.location.name] if event.location else []))
    if re.search(rf"\b{re.escape(first)}\b", names):
        return word
    for src in event.sources:
        if re.search(rf"(?<=[a-z,;] ){re.escape(first)}\b", src.sentence):
            return word  # capitalised mid-sentence: a name
    return word[:1].lower() + word[1:]


def _said(q: Quantity, clause: str) -> bool:
    """Whether the clause already gives this number ("32 Armenian servicemen", "four villages")."""
    if q.text and q.text.lower() in clause.lower():
        return True
    return any(number_value([w.strip(",.")]) == q.value for w in clause.split())


def _template_clause(event: TimelineEvent) -> str:
    """The fallback when the summary is not a headline: one verb phrase per PLOVER type."""
    sources = [a for a in event.actors if a.role == "source"]
    targets = [a for a in event.actors if a.role == "target"]
    if not sources:
        sources = [a for a in event.actors if a.role == "other"] or targets
        targets = [a for a in targets if a not in sources]
    with_object, alone = TEMPLATES.get(event.type, TEMPLATES["OTHER"])
    if sources:
        subject = _join([actor_phrase(a) for a in sources])
        verb = with_object.format(o=_join([actor_phrase(a) for a in targets])) if targets else alone
        return f"{subject} {verb}"
    # Nobody named: say what kind of event, and how the first source words it (a short quote).
    wording = next((s.wording for s in event.sources if s.wording), None)
    clause = f"there were reports of {NOUNS.get(event.type, NOUNS['OTHER'])}"
    if wording:
        clause += f" (described as “{wording}”)"
    return clause


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
    bound = parse_date_bound(value, "--since" if low else "--until")
    if bound is None:
        return None
    return first_day(bound) if low else last_day(bound)


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
    return bool(e.date and _DAY.match(e.date)) and date_overlaps(e.date, None, lo, hi)


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
