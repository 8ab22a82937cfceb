"""The event-trigger lexicon (data/events.json), typed and loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
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
    placed_types: frozenset[str]
    frame_nouns: frozenset[str]
    named_theme_verbs: frozenset[str]
    name_descriptors: frozenset[str]
    anaphoric_heads: frozenset[str]  # "the alliance": the organisation named just before
    promise_types: dict[str, str]
    negated_types: dict[str, str]
    object_rules: dict[str, dict[str, frozenset[str]]]
    object_required: frozenset[str]
    needs_theme: dict[str, frozenset[str]]  # lemma -> theme nouns without which it is no event
    approximators: frozenset[str]
    time_units: frozenset[str]
    measure_units: frozenset[str] = frozenset()  # "100 kilometers": a distance, never a toll
    casualty_adjectives: frozenset[str] = frozenset()  # "left 70 dead": people counted by an adjective
    # Precision rules (see extract.py): what makes a trigger a wish, a state or a modifier.
    wish_verbs: frozenset[str] = frozenset()  # "hoped to sign": an aspiration, no event
    wish_adjectives: frozenset[str] = frozenset()  # "ready to begin discussions"
    failure_verbs: frozenset[str] = frozenset()  # "failed to reach agreement": the act's negation
    hope_verbs: frozenset[str] = frozenset()  # "we hope that they will sign": no act in the clause
    description_verbs: frozenset[str] = frozenset()  # "the assault was in solidarity": described
    description_play_objects: frozenset[str] = frozenset()  # "mediation played a key role"
    onset_verbs: frozenset[str] = frozenset()  # "starting from September 24": when the act began
    sequence_marks: frozenset[str] = frozenset()  # "after Malaysia offered to mediate": before the main act
    people_subject_verbs: frozenset[str] = frozenset()  # "residents left Karabakh": displacement
    people_nouns: frozenset[str] = frozenset()  # the subjects that make it so
    # "mortar rounds landed": verb (or "verb particle") -> {type: subject head nouns}
    subject_types: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    occurrence_verbs: frozenset[str] = frozenset()  # "fighting erupted": the noun happened
    errand_verbs: frozenset[str] = frozenset()  # "flew to Washington for talks": the talks are the act
    errand_preps: frozenset[str] = frozenset()  # "for talks", "on a visit"
    errand_bodies: frozenset[str] = frozenset()  # "a commission to probe": the body's job is the act
    demand_modals: frozenset[str] = frozenset()  # "said Sudan must return it": a demand by the speaker
    purpose_preps: frozenset[str] = frozenset()  # "work towards signing"
    conditional_marks: frozenset[str] = frozenset()  # "if Armenia continues to resist"
    threat_marks: frozenset[str] = frozenset()  # "will withdraw unless ...": a pledge made a threat
    stative_passive: frozenset[str] = frozenset()  # "peacekeepers are stationed": a state
    mediation: frozenset[str] = frozenset()  # "with the mediation of Moscow": a role in another event
    circumstance_preps: frozenset[str] = frozenset()  # "agreed after talks": an undated noun sets the scene
    partner_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # "spoke with X", not "speaking on"
    commentators: frozenset[str] = frozenset()  # "analysts warn": analysis, not a party's act
    generic_conflicts: frozenset[str] = frozenset()  # "the fighting has killed thousands": a summary
    courtesy: dict[str, frozenset[str]] = field(default_factory=dict)  # "thank you": a formula
    idioms: dict[str, frozenset[str]] = field(default_factory=dict)  # "met their demise": no meeting
    thing_compounds: dict[str, frozenset[str]] = field(default_factory=dict)  # "a press release": no release
    endangering: frozenset[str] = frozenset()  # "gains threatening investments": at risk, no threat
    unyielded: dict[str, frozenset[str]] = field(default_factory=dict)  # "the release of a loan": nothing yielded
    ended_by: frozenset[str] = frozenset()  # "agreed to stop aerial bombing": the ended act is no report
    continuing: frozenset[str] = frozenset()  # "we will continue to defend ...": a standing policy
    showing: frozenset[str] = frozenset()  # "demonstrating that peace is possible": no protest
    generic_determiners: frozenset[str] = frozenset()  # "any plane violating its airspace": a kind
    state_nouns: frozenset[str] = frozenset()  # "the government": the document's one state party
    own_forces_types: frozenset[str] = frozenset()  # "units have been deployed": their owner acts
    aspectual_verbs: frozenset[str] = frozenset()  # "fighting resumed": the clause of a gerund
    light_nouns: frozenset[str] = frozenset()  # "the start of an operation"
    background_heads: frozenset[str] = frozenset()  # "years of mediation", "the right to defend"
    group_nouns: frozenset[str] = frozenset()  # "the two countries", "both sides"
    agreement_nouns: frozenset[str] = frozenset()  # "agreement", only with a concluding verb
    agreement_verbs: frozenset[str] = frozenset()  # "reach", "sign", "strike"
    joint_nouns: frozenset[str] = frozenset()  # "joint statement"
    performed_nouns: dict[str, str] = field(default_factory=dict)  # "held a hearing": an act only so
    performing_verbs: frozenset[str] = frozenset()  # the verbs beside the light ones: "issued a warning"
    part_nouns: frozenset[str] = frozenset()  # "a role in mediating": the gerund is the act
    placing_preps: dict[str, frozenset[str]] = field(default_factory=dict)  # "placed under arrest"
    willing_adjectives: frozenset[str] = frozenset()  # "is willing to withdraw": a stated intent
    noun_modifier_types: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # "hunger strike"
    noun_governor_types: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # "lodged a protest"
    # "the truce took effect" (RETREAT), "declared a truce" (CONCEDE): verb phrase -> type
    agreement_governors: dict[str, str] = field(default_factory=dict)
    agreement_modifiers: dict[str, str] = field(default_factory=dict)  # "a ceasefire effective ..."
    same_act: tuple[tuple[str, ...], ...] = ()  # type families one sentence may name one act by
    provision_subjects: frozenset[str] = frozenset()  # "the agreement calls for ...": a text, no actor
    outcomes: frozenset[str] = frozenset()  # forms of outcome verbs: "killing three" folds into its act
    agreement_family: frozenset[str] = frozenset()  # agreed, conceded, in force: one agreement's life
    statement_types: frozenset[str] = frozenset()  # one speaker's verbal acts in a sentence: one statement
    topic_types: frozenset[str] = frozenset()  # "condemned the attack": the attack is the topic
    judging_verbs: frozenset[str] = frozenset()  # "termed the discussions a good meeting": judged
    topic_preps: frozenset[str] = frozenset()  # "accused X of kidnapping", "thanked X for ..."
    cessation_verbs: frozenset[str] = frozenset()  # "stopped fighting": a RETREAT
    cargo_verbs: frozenset[str] = frozenset()  # "a plane carrying aid": the load is what is sent
    term_verbs: frozenset[str] = frozenset()  # "jailed for five years": a term imposed, not a state
    decision_verbs: frozenset[str] = frozenset()  # "decided to allow": the act, enacted
    preparation_verbs: frozenset[str] = frozenset()  # "prepared to resume shelling": a MOBILIZE
    preparation_types: frozenset[str] = frozenset()  # the acts whose readying is a MOBILIZE
    cessation_nouns: frozenset[str] = frozenset()  # "the ceasefire will be implemented": an end promised
    representative_nouns: frozenset[str] = frozenset()  # "a spokesman for X" acts for X
    count_nouns: frozenset[str] = frozenset()  # "thousands of students": the students act
    # type -> "the incident", "Wednesday's attack": a definite noun naming an act of that type again
    incident_patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    gathering_types: frozenset[str] = frozenset()  # "the meeting" names again one act of many participants
    # the words of agreeing: an agreement noun, or a form of agree, accept or a concluding verb
    agreement_words: frozenset[str] = frozenset()
    # verbs whose infinitive complement the parse may hang as a purpose: intent, decision, wish, failure
    infinitive_heads: frozenset[str] = frozenset()
    agreement_terms: frozenset[str] = frozenset()  # what names an agreement or a ceasefire

    def trigger_verbs(self) -> frozenset[str]:
        """Every verb lemma that may be a trigger: event verbs, phrasal verbs, subject-typed verbs."""
        return frozenset({*self.verbs, *(v for v, _ in self.phrasal), *(key.split()[0] for key in self.subject_types)})

    def surface_forms(self) -> frozenset[str]:
        """Regular inflections of every trigger lemma: the cheap pre-parse filter."""
        forms: set[str] = set()
        for lemma in self.trigger_verbs():
            forms |= inflections(lemma)
        for noun in {*self.nouns, *self.agreement_nouns, *self.joint_nouns, *self.performed_nouns}:
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
    if lemma.endswith("l") and lemma[-2:-1] in _VOWELS:
        forms |= {lemma + "led", lemma + "ling"}  # British: initialled, cancelled, travelling
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
        placed_types=frozenset(data["placed_types"]["types"]),
        frame_nouns=frozenset(data["frame_nouns"]["nouns"]),
        named_theme_verbs=frozenset(data["named_theme_verbs"]["verbs"]),
        name_descriptors=frozenset(data["name_descriptors"]["nouns"]),
        anaphoric_heads=frozenset(data["anaphoric_heads"]["heads"]),
        promise_types={k: v for k, v in data["promise_types"].items() if not k.startswith("_")},
        negated_types=dict(data["negated_types"]),
        object_rules={
            verb: {t: frozenset(objs) for t, objs in rules.items()} for verb, rules in data["object_rules"].items()
        },
        object_required=frozenset(data["object_required"]),
        needs_theme={k: frozenset(v) for k, v in data["needs_theme"].items()},
        approximators=frozenset(data["approximators"]),
        time_units=frozenset(data["time_units"]),
        measure_units=frozenset(data["measure_units"]["nouns"]),
        casualty_adjectives=frozenset(data["casualty_adjectives"]["words"]),
        wish_verbs=frozenset(data["wish_verbs"]),
        failure_verbs=frozenset(data["failure_verbs"]["verbs"]),
        hope_verbs=frozenset(data["hope_verbs"]["verbs"]),
        description_verbs=frozenset(data["description_verbs"]["verbs"]),
        description_play_objects=frozenset(data["description_verbs"]["play_objects"]),
        onset_verbs=frozenset(data["onset_verbs"]["verbs"]),
        sequence_marks=frozenset(data["sequence_marks"]["words"]),
        people_subject_verbs=frozenset(data["needs_people_subject"]["verbs"]),
        people_nouns=frozenset(w.lower() for w in data["needs_people_subject"]["nouns"]),
        subject_types={
            verb: {etype: frozenset(data["subject_types"]["kinds"][kind]) for etype, kind in rules.items()}
            for verb, rules in data["subject_types"]["verbs"].items()
        },
        occurrence_verbs=frozenset(data["occurrence_verbs"]["verbs"]),
        errand_verbs=frozenset(data["errand_verbs"]["verbs"]),
        errand_preps=frozenset(data["errand_verbs"]["preps"]),
        errand_bodies=frozenset(data["errand_verbs"]["bodies"]),
        demand_modals=frozenset(data["demand_modals"]["words"]),
        wish_adjectives=frozenset(data["wish_adjectives"]),
        purpose_preps=frozenset(data["purpose_preps"]),
        conditional_marks=frozenset(data["conditional_marks"]),
        threat_marks=frozenset(data["threat_marks"]["words"]),
        stative_passive=frozenset(data["stative_passive"]),
        mediation=frozenset(data["mediation"]),
        circumstance_preps=frozenset(data["circumstance_preps"]["words"]),
        partner_verbs={k: frozenset(v) for k, v in data["not_events"]["partner_verbs"].items()},
        commentators=frozenset(data["not_events"]["commentators"]),
        generic_conflicts=frozenset(data["not_events"]["generic_conflicts"]),
        courtesy={k: frozenset(v) for k, v in data["not_events"]["courtesy"].items()},
        idioms={k: frozenset(v) for k, v in data["not_events"]["idioms"].items()},
        thing_compounds={k: frozenset(v) for k, v in data["not_events"]["thing_compounds"].items()},
        endangering=frozenset(data["not_events"]["endangering"]),
        unyielded={k: frozenset(v) for k, v in data["not_events"]["unyielded"].items()},
        ended_by=frozenset(data["not_events"]["ended_by"]),
        continuing=frozenset(data["not_events"]["continuing"]),
        showing=frozenset(data["not_events"]["showing"]),
        generic_determiners=frozenset(data["not_events"]["generic_determiners"]),
        state_nouns=frozenset(data["state_nouns"]["nouns"]),
        own_forces_types=frozenset(data["own_forces_types"]["types"]),
        aspectual_verbs=frozenset(data["aspectual_verbs"]),
        light_nouns=frozenset(data["light_nouns"]),
        background_heads=frozenset(data["background_heads"]),
        group_nouns=frozenset(data["group_nouns"]),
        agreement_nouns=frozenset(data["agreement_nouns"]["nouns"]),
        agreement_verbs=frozenset(data["agreement_nouns"]["verbs"]),
        joint_nouns=frozenset(data["joint_nouns"]),
        performed_nouns=dict(data["performed_nouns"]["nouns"]),
        performing_verbs=frozenset(data["performed_nouns"]["verbs"]),
        part_nouns=frozenset(data["part_nouns"]["nouns"]),
        placing_preps={k: frozenset(v) for k, v in data["placing_preps"].items() if not k.startswith("_")},
        willing_adjectives=frozenset(data["willing_adjectives"]),
        noun_modifier_types=_typed_words(data["noun_modifier_types"]),
        noun_governor_types=_typed_words(data["noun_governor_types"]),
        agreement_governors=_word_types(data["agreement_governors"]),
        agreement_modifiers=_word_types(data["agreement_modifiers"]),
        agreement_family=frozenset(data["same_act"]["agreement_family"]),
        statement_types=frozenset(data["same_act"]["statements"]),
        topic_types=frozenset(data["statement_topics"]["types"]),
        judging_verbs=frozenset(data["judging_verbs"]["verbs"]),
        topic_preps=frozenset(data["statement_topics"]["preps"]),
        cessation_verbs=frozenset(data["cessation_verbs"]["verbs"]),
        decision_verbs=frozenset(data["decision_verbs"]["verbs"]),
        term_verbs=frozenset(data["term_verbs"]["verbs"]),
        cargo_verbs=frozenset(data["cargo_verbs"]["verbs"]),
        preparation_verbs=frozenset(data["preparation_verbs"]["verbs"]),
        preparation_types=frozenset(data["preparation_verbs"]["types"]),
        cessation_nouns=frozenset(data["cessation_verbs"]["nouns"]),
        representative_nouns=frozenset(data["representative_nouns"]["nouns"]),
        count_nouns=frozenset(data["count_nouns"]["nouns"]),
        gathering_types=frozenset(data["gathering_types"]["types"]),
        incident_patterns={
            etype: re.compile(
                r"\b(?:the|this|that|these|those|[A-Z][a-z]+day's)\s+(?:[\w-]+\s+){0,2}(?:" + "|".join(nouns) + r")s?\b"
                + (
                    r"|\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}(?:was|were)\s+(?:\w+ly\s+)?(?:"
                    + "|".join(data["incident_passives"][etype]) + r")\b"
                    if etype in data["incident_passives"] else ""
                ),
                re.I,
            )
            for etype, nouns in data["incident_nouns"].items()
            if not etype.startswith("_")
        },
        infinitive_heads=frozenset(data["intent_verbs"]) | frozenset(data["decision_verbs"]["verbs"])
        | frozenset(data["wish_verbs"]) | frozenset(data["failure_verbs"]["verbs"]),
        agreement_terms=frozenset([*data["agreement_nouns"]["nouns"], *data["cessation_verbs"]["nouns"]]),
        agreement_words=frozenset(data["agreement_nouns"]["nouns"]) | frozenset(
            form for lemma in {"agree", "accept", *data["agreement_nouns"]["verbs"]} for form in inflections(lemma)
        ),
        provision_subjects=frozenset(data["provision_subjects"]["nouns"]),
        same_act=tuple(tuple(family) for family in data["same_act"]["families"]),
        outcomes=frozenset(form for lemma in data["same_act"]["outcomes"] for form in inflections(lemma)),
    )


def _word_types(table: dict[str, Any]) -> dict[str, str]:
    """{word: type} from the JSON form {type: [words]} (keys starting with '_' are comments)."""
    return {word: etype for etype, words in table.items() if not etype.startswith("_") for word in words}


def _typed_words(table: dict[str, Any]) -> dict[str, dict[str, frozenset[str]]]:
    """{noun: {type: words}} from the JSON form (keys starting with '_' are comments)."""
    return {
        noun: {etype: frozenset(words) for etype, words in rules.items()}
        for noun, rules in table.items()
        if not noun.startswith("_")
    }
