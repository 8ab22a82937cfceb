"""One act stated once is one event: the events one sentence yields, folded.

A sentence often names one act through several triggers: "three sailors were killed and
several others injured after a Houthi missile struck the ship" (killed, injured, struck),
"the two sides reached and signed a formal ceasefire agreement" (reached, signed). Two
events of one sentence are one act when their types belong to one family of the lexicon
(``same_act`` in data/events.json), their named initiators do not differ, and their dates do
not contradict each other. The folded event keeps the main report's trigger, type and
evidence, and takes the others' participants, figures, date and place where it had none.
Acts of different initiators ("the UN welcomed the deal reached by X and Y") stay apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from chronicle.records import Event


def fold_sentence(
    events: Sequence[Event],
    families: Sequence[Sequence[str]],
    outcomes: frozenset[str] = frozenset(),
    apart: Callable[[Event, Event], bool] | None = None,
    joined: Callable[[Event, Event], bool] | None = None,
) -> list[Event]:
    """The events of one sentence with every same-act group folded into its main event.

    ``families`` lists the type families (most telling type first) whose members may name
    one act; ``outcomes`` the trigger words that report an act's outcome ("killed",
    "wounded"), which lead a folded event only when nothing else does. Order is kept: each
    folded event stands where its main event stood. ``apart`` says, from the parse, when two
    events are distinct acts whatever their types ("exchanged prisoners and issued a joint
    statement": two predicates, each with its own object). ``joined`` says when they are one
    act whoever each names: an event noun that is the subject or object of the other's verb
    ("the meeting between X and Y was hosted by Z"), if their types are of one family."""
    family_of = {etype: (n, rank) for n, family in enumerate(families) for rank, etype in enumerate(family)}
    groups: list[list[Event]] = []
    for event in events:
        group = next(
            (
                g for g in groups
                if all(
                    (_same_act(event, other, family_of) and not (apart and apart(event, other)))
                    or (joined is not None and joined(event, other) and _one_family(event, other, family_of))
                    for other in g
                )
            ),
            None,
        )
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    return [_fold(group, family_of, outcomes) if len(group) > 1 else group[0] for group in groups]


def _sources(event: Event) -> set[str]:
    return {a.actor.name for a in event.actors if a.role == "source"}


def _one_family(a: Event, b: Event, family_of: dict[str, tuple[int, int]]) -> bool:
    fa, fb = family_of.get(a.type), family_of.get(b.type)
    return fa is not None and fb is not None and fa[0] == fb[0]


def _same_act(a: Event, b: Event, family_of: dict[str, tuple[int, int]]) -> bool:
    fa, fb = family_of.get(a.type), family_of.get(b.type)
    if fa is None or fb is None or fa[0] != fb[0]:
        return False
    sa, sb = _sources(a), _sources(b)
    if sa and sb and not (sa <= sb or sb <= sa):
        return False  # different initiators: two acts
    if a.date.start and b.date.start and a.date.start != b.date.start:
        return False  # "agreed on Tuesday, took effect on Wednesday": two acts
    return a.modality == b.modality or "asserted" in {a.modality, b.modality}


def _fold(group: list[Event], family_of: dict[str, tuple[int, int]], outcomes: frozenset[str]) -> Event:
    """The main event (an act before its outcome, then the most telling type, then most
    initiators, then the first) with the others' actors, figures, date and place added where
    it lacks them."""
    main = min(
        group,
        key=lambda e: (
            e.trigger.lower() in outcomes, family_of[e.type][1], -len(_sources(e)), e.trigger_start,
        ),
    )
    actors = list(main.actors)
    names = {a.actor.name for a in actors}
    quantities = list(main.quantities)
    spans = {(q.start, q.end) for q in quantities}
    date, location = main.date, main.location
    for other in group:
        if other is main:
            continue
        for actor in other.actors:
            if actor.actor.name not in names:
                names.add(actor.actor.name)
                actors.append(actor)
        for quantity in other.quantities:
            if (quantity.start, quantity.end) not in spans:
                spans.add((quantity.start, quantity.end))
                quantities.append(quantity)
        if date.start is None and other.date.start is not None:
            date = other.date
        location = location or other.location
    return replace(main, actors=actors, quantities=quantities, date=date, location=location)
