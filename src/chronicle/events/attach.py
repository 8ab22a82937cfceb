"""Attachments: the figures (killed, wounded, displaced) and the place each event owns."""

from __future__ import annotations

from dataclasses import replace

from chronicle.events.parse import Part, SentenceParse, Trigger
from chronicle.events.quantities import FoundQuantity
from chronicle.records import (
    Mention,
    Place,
    Quantity,
    Sentence,
    Token,
)

_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "within", "into", "from"})


class Attacher(Part):
    """Gives each event its figures and place."""

    # ------------------------------------------------------------------ attachments
    def _quantities_for(
        self, parse: SentenceParse, trig: Trigger, live: list[Trigger], found: list[FoundQuantity]
    ) -> list[Quantity]:
        out = []
        # A trigger word owns its own token before any clause it is governed by.
        owners = {o.governor.i: o for o in live} | {o.tok.i: o for o in live}
        for fq in found:
            noun = parse.by_i.get(fq.head)
            if noun is None:
                continue
            claimants = [o for o in live if self._claims(parse, o, live, fq, noun)]
            if claimants:
                if trig in claimants:
                    out.append(fq.quantity)
                continue
            # No event holds the figure as its theme or follows it: an event word describing the
            # counted noun owns it ("100,000 Armenians fleeing"), else the nearest event among the
            # noun's ancestors ("over 100,000 Armenians fled", "the offensive, which led to the
            # displacement of over 100,000 people").
            owner = next((owners[k.i] for k in parse.kids(noun, "acl", "relcl") if k.i in owners), None)
            # "42 fatalities from these strikes", "three dead in the attack": the act they came from
            owner = owner or next(
                (
                    owners[o.i] for p in parse.kids(noun, "prep") if p.text.lower() in {"from", "in"}
                    for o in parse.kids(p, "pobj") if o.i in owners
                ),
                None,
            )
            owner = owner or next((owners[a.i] for a in parse.ancestors(noun) if a.i in owners), None)
            # "two people died in clashes": the act the verb of the figure's clause places them in
            clause = parse.head(noun)
            places = parse.kids(clause, "prep") if clause is not None and clause.pos == "VERB" else []
            owner = owner or next(
                (
                    owners[o.i] for p in places
                    if p.text.lower() in {"from", "in", "during"} for o in parse.kids(p, "pobj") if o.i in owners
                ),
                None,
            )
            # "the massacre ... left more than 70 dead": the act that is the subject of the outcome
            owner = owner or next(
                (owners[s.i] for a in parse.ancestors(noun) if a.pos == "VERB"
                 for s in parse.kids(a, "nsubj") if s.i in owners),
                None,
            )
            if owner is None and self._casualties(parse, noun):
                # "four sailors have been confirmed dead ... after an attack by the Houthis": the
                # sentence's one assault caused them
                assaults = [o for o in live if o.type == "ASSAULT"]
                owner = assaults[0] if len(assaults) == 1 else None
            if owner is not None and (owner is trig or owner.into is trig):
                out.append(fq.quantity)
        return out

    def _casualties(self, parse: SentenceParse, noun: Token) -> bool:
        """The figure counts people dead, injured or missing: its noun is such a word, or its
        clause says so of it ("four sailors have been confirmed dead")."""
        words = self.lex.casualty_adjectives
        if noun.text.lower() in words:
            return True
        verb = parse.head(noun)
        return verb is not None and any(k.text.lower() in words for k in parse.kids(verb, "oprd", "acomp", "xcomp"))

    @staticmethod
    def _claims(parse: SentenceParse, trig: Trigger, live: list[Trigger], fq: FoundQuantity, noun: Token) -> bool:
        """Whether ``trig`` takes the figure as its theme, or as the first event word before it."""
        anchors = {trig.tok.i, trig.governor.i}
        if noun.dep in {"dobj", "nsubjpass", "pobj"} and noun.head in anchors:
            return True
        if noun.dep in {"dobj", "nsubjpass"} and any(noun.head in {o.tok.i, o.governor.i} for o in live):
            return False  # the theme of another event
        previous = [o for o in live if o.tok.i < fq.first and o.tok.pos == "VERB"]
        return bool(previous) and previous[-1] is trig

    def _place(self, parse: SentenceParse, trig: Trigger, mentions: list[Mention], sentence: Sentence) -> Place | None:
        """The location of the event: a place introduced by a locative preposition (preferring one
        attached to the trigger's clause), or what 'there' points back to."""
        clause = {trig.tok.i, trig.governor.i}
        candidates: list[tuple[int, Place]] = []
        for m in mentions:
            if m.place is None:
                continue
            toks = [t for t in parse.tokens if m.start <= t.start and t.end <= m.end]
            if not toks:
                continue
            head = max(toks, key=lambda t: t.head not in {x.i for x in toks})
            prep = parse.by_i.get(head.head)
            if head.dep != "pobj" or prep is None or prep.text.lower() not in _PLACE_PREPS:
                continue
            attached = prep.head in clause
            candidates.append((0 if attached else 1, replace(m.place)))
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]
        if any(k.text.lower() == "there" for k in parse.kids(trig.governor, "advmod")):
            before = [m for m in mentions if m.place is not None and m.end <= trig.tok.start]
            if before:
                return replace(before[-1].place)  # type: ignore[type-var]
        # A place acted on is where it happened: "shelled the city of Kherson", "captured Goma".
        for ea in trig.actors:
            if ea.role != "target" or ea.actor.kind is not None:
                continue
            for m in mentions:
                if m.place is not None and m.actor is None and m.text == ea.text:
                    return replace(m.place)
        return None
