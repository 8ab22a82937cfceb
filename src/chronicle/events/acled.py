"""ACLED's event types beside PLOVER's: the sub-event type a text states, from a rule table.

ACLED codes an event by what was done and with what: an air or drone strike, shelling, an
IED, a protest met with tear gas, arrests, a base set up. Those are words of the text more than
roles of the parse, so the rules (``data/acled.json``, documented there) are phrase lists tried
in order, the specific before the general: "a suicide bomber attacked the checkpoint" is a
suicide bomb before it is an attack. Adding a weapon or an outcome is a line of data. No
classifier is trained: chronicle ships no ACLED data, and the rules are checked on the CASE 2021
snippets (``bench/acled.py``).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from chronicle.records import AcledRecord, Actor, TimelineEvent


@dataclass(frozen=True, slots=True)
class AcledType:
    """One of ACLED's sub-event types with the event and disorder types it belongs to."""

    sub_event_type: str
    event_type: str
    disorder_type: str
    code: str  # the CASE 2021 task's code for it ("AIR_STRIKE")


@dataclass(frozen=True, slots=True)
class _Rule:
    result: AcledType | None  # None: what the text says is nothing ACLED codes
    any: re.Pattern[str]
    with_: re.Pattern[str] | None
    without: re.Pattern[str] | None
    order: str | None  # "before": a "with" phrase comes before the first "any" one; "after": after it

    def holds(self, text: str) -> bool:
        found = self.any.search(text)
        if found is None or (self.without is not None and self.without.search(text) is not None):
            return False
        if self.with_ is None:
            return True
        if self.order == "before":
            return self.with_.search(text, 0, found.start()) is not None
        if self.order == "after":
            return self.with_.search(text, found.end()) is not None
        return self.with_.search(text) is not None


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    """Word beginnings, or whole words for a phrase ending in "$"; spaces match any spacing."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        whole = phrase.endswith("$")
        body = r"\s+".join(re.escape(w) for w in phrase.rstrip("$").split())
        parts.append(body + (r"\b" if whole else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.I)


@functools.cache
def _data() -> dict[str, Any]:
    with resources.files("chronicle").joinpath("data/acled.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@functools.cache
def acled_table() -> tuple[dict[str, AcledType], tuple[_Rule, ...]]:
    """ACLED's 25 sub-event types by name, and the rules in order."""
    data = _data()
    types = {name: AcledType(name, *values) for name, values in data["types"].items()}
    rules = tuple(
        _Rule(
            types[rule["type"]] if rule["type"] is not None else None,
            _pattern(rule["any"]),
            _pattern(rule["with"]) if rule.get("with") else None,
            _pattern(rule["without"]) if rule.get("without") else None,
            rule.get("order"),
        )
        for rule in data["rules"]
    )
    return types, rules


def classify(text: str) -> AcledType | None:
    """The ACLED sub-event type ``text`` states (that of the first rule that holds), or None
    when that rule says it is nothing ACLED codes, or no rule holds."""
    return next((rule.result for rule in acled_table()[1] if rule.holds(text)), None)


@functools.cache
def _scope() -> tuple[dict[str, tuple[frozenset[str], str]], dict[str, int], dict[str, int]]:
    data = _data()
    plover = {k: (frozenset(v["event_types"]), v["default"]) for k, v in data["plover"].items()}
    return plover, data["inter"]["sector"], data["inter"]["kind"]


def _inter(actor: Actor) -> int | None:
    _, by_sector, by_kind = _scope()
    if actor.sector in by_sector:
        return by_sector[actor.sector]
    return by_kind.get(actor.kind or "")


_TIME_PRECISION = {"day": 1, "month": 2, "year": 3, "decade": 3}
_DEATHS = re.compile(r"\b(?:kill|dead|death|died|die|lives|bodies|fatalit)", re.I)


def acled_record(event: TimelineEvent) -> AcledRecord | None:
    """The ACLED record of a merged event, or None outside ACLED's scope (a consultation, a
    statement). Its sub-event type is the one its evidence states (:func:`classify`, the first
    report that states one of those its PLOVER type allows), else its PLOVER type's default;
    actors are its initiators and targets, the first of each side the actor, the others
    associated; fatalities the deaths it counts."""
    plover, _, _ = _scope()
    allowed = plover.get(event.type)
    if allowed is None:
        return None
    event_types, default = allowed
    types, _ = acled_table()
    found = next(
        (t for s in event.sources if (t := classify(s.sentence)) is not None and t.event_type in event_types),
        types[default],
    )
    sides = [[a.actor for a in event.actors if a.role == role] for role in ("source", "target")]
    if not sides[1] and len(sides[0]) > 1:
        # Parties that acted together on each other ("Armenia and Azerbaijan fought", "... agreed
        # a ceasefire"): the first of another country is the other side.
        other = next((a for a in sides[0][1:] if a.country != sides[0][0].country), None)
        if other is not None:
            sides = [[a for a in sides[0] if a is not other], [other]]
    inter = [_inter(side[0]) if side else None for side in sides]
    codes = sorted(code for code in inter if code is not None)
    interaction = int("".join(map(str, codes))) if codes else None
    civilian = found.event_type == "Violence against civilians" or inter[1] == 7
    deaths = [q.value for q in event.quantities if _DEATHS.search(f"{q.what} {q.text}")]
    place = event.location
    geo = None if place is None or place.lat is None else (3 if place.coord_basis == "capital" else 1)
    return AcledRecord(
        disorder_type=found.disorder_type, event_type=found.event_type, sub_event_type=found.sub_event_type,
        actor1=sides[0][0].name if sides[0] else None,
        assoc_actor_1="; ".join(a.name for a in sides[0][1:]) or None, inter1=inter[0],
        actor2=sides[1][0].name if sides[1] else None,
        assoc_actor_2="; ".join(a.name for a in sides[1][1:]) or None, inter2=inter[1],
        interaction=interaction, civilian_targeting="Civilian targeting" if civilian else None,
        fatalities=int(max(deaths, default=0)), time_precision=_TIME_PRECISION.get(event.date.precision),
        geo_precision=geo, source_scale=None,
    )
