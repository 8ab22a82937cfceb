"""The event-trigger lexicon (data/events.json), typed and loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class EventLexicon:
    verbs: dict[str, str]  # lemma -> PLOVER type
    phrasal: dict[tuple[str, str], str]  # (verb lemma, particle) -> type
    nouns: dict[str, str]
    noun_needs_modifier: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    hostile_types: frozenset[str]
    promise_types: dict[str, str]
    negated_types: dict[str, str]
    object_rules: dict[str, dict[str, frozenset[str]]]
    object_required: frozenset[str]
    needs_theme: dict[str, frozenset[str]]  # lemma -> theme nouns without which it is no event
    approximators: frozenset[str]
    time_units: frozenset[str]

    def surface_forms(self) -> frozenset[str]:
        """Regular inflections of every trigger lemma: the cheap pre-parse filter."""
        forms: set[str] = set()
        for lemma in {*self.verbs, *(v for v, _ in self.phrasal)}:
            forms |= inflections(lemma)
        for noun in self.nouns:
            forms |= {noun, noun + "s", noun + "es"}
        return frozenset(forms)


def inflections(lemma: str) -> set[str]:
    """release -> releases, released, releasing; stop -> stopped; deny -> denied."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (
        len(lemma) >= 3
        and lemma[-1] not in _VOWELS | {"w", "x", "y"}
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@cache
def event_lexicon() -> EventLexicon:
    with resources.files("chronicle").joinpath("data/events.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return EventLexicon(
        verbs=dict(data["verbs"]),
        phrasal={tuple(k.split(" ", 1)): v for k, v in data["phrasal"].items()},
        nouns=dict(data["nouns"]),
        noun_needs_modifier={k: frozenset(v) for k, v in data["noun_needs_modifier"].items()},
        light_verbs=frozenset(data["light_verbs"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        intent_verbs=frozenset(data["intent_verbs"]),
        hostile_types=frozenset(data["hostile_types"]),
        promise_types=dict(data["promise_types"]),
        negated_types=dict(data["negated_types"]),
        object_rules={
            verb: {t: frozenset(objs) for t, objs in rules.items()}
            for verb, rules in data["object_rules"].items()
        },
        object_required=frozenset(data["object_required"]),
        needs_theme={k: frozenset(v) for k, v in data["needs_theme"].items()},
        approximators=frozenset(data["approximators"]),
        time_units=frozenset(data["time_units"]),
    )
