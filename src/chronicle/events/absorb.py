"""Absorption: triggers that only modify, set the scene of, or are the topic of another
event of their clause fold into it instead of standing as events of their own."""

from __future__ import annotations

from chronicle.events.factuality import Factuality
from chronicle.events.parse import SentenceParse, Trigger
from chronicle.records import TimeExpr, Token

# Prepositions that order two distinct events ("surrendered after an offensive").
_SEQUENCE_PREPS = frozenset({"after", "before", "following", "since", "despite", "amid", "until", "prior"})


class Absorber(Factuality):
    """Folds modifying, scene-setting and topical triggers into the events they serve."""

    def _absorb(self, parse: SentenceParse, triggers: list[Trigger], timexes: list[TimeExpr]) -> None:
        """Fold triggers that only modify another event of the same clause into it: an event noun
        hanging from an event verb ("met ... for bilateral talks", "seized ... in a 24-hour
        offensive", "reached during talks between X and Y"), a mediation ("with the mediation of
        Moscow, the parties agreed"), a participle on an event noun ("talks mediated by the EU"),
        and a complement of agreeing, refusing, demanding ("agreed to cease fire")."""
        by_tok: dict[int, Trigger] = {}
        for t in triggers:
            by_tok.setdefault(t.tok.i, t)
            if t.governor is not t.tok:
                by_tok.setdefault(t.governor.i, t)
        for trig in triggers:
            host = self._modified_event(parse, trig, by_tok)
            if host is None and not self._timex_on(parse, trig.tok, timexes, durations=False):
                host = self._scene_of(parse, trig, by_tok) or self._topic_of(parse, trig, by_tok)
                if host is not None:
                    # "agreed to a ceasefire after talks mediated by China": the talks set the
                    # scene of the act the sentence reports; undated, they are not an act of
                    # their own to list, and their participants are not the act's parties.
                    trig.absorbed, trig.into, trig.circumstance = True, host, True
                    continue
            if host is not None:
                trig.absorbed, trig.into = True, host
                host.absorbed_here.append(trig)
                if trig.tok.pos in {"NOUN", "PROPN"} and trig.type in self.lex.hostile_types:
                    # a verb its phrase types keeps that type: "stopped work" is a strike
                    if host.tok.lemma.lower() in self.lex.cessation_verbs and host.particle is None:
                        host.type = "RETREAT"  # "halted its strikes": the act ended, not the act
                    elif host.type == trig.type or host.type in self.lex.hostile_types:
                        # "seized the area in a 24-hour offensive": one assault, named by the noun
                        host.type = trig.type if trig.type == "ASSAULT" else host.type
                        if host.tok.pos == "VERB" and host.particle is None:
                            host.wording = trig.wording
                elif (
                    trig.tok.pos in {"NOUN", "PROPN"}
                    and host.type == trig.type
                    and host.tok.pos == "VERB"
                    and host.particle is None
                ):
                    host.wording = trig.wording  # "met ... for bilateral talks"
                continue
            # "agreed to cease fire", "refused to take part", "called on X to stop": the outer act;
            # for a noun, through the verb whose object it is ("agreed to implement the ceasefire").
            below = trig.tok
            if trig.tok.pos in {"NOUN", "PROPN"}:
                if (
                    trig.governor is trig.tok
                    or by_tok.get(trig.governor.i) not in (None, trig)
                    or trig.type in self.lex.hostile_types  # "agreed to halt its offensive": ended, not agreed
                ):
                    continue
                below = trig.governor
            head = parse.head(below)
            outer = by_tok.get(head.i) if head is not None else None
            if (
                outer is not None
                and outer is not trig
                and below.dep in {"xcomp", "ccomp"}
                and outer.type in {"AGREE", "REJECT", "DEMAND", "THREATEN", "DISAPPROVE"}
            ):
                trig.absorbed, trig.into = True, outer
                if outer.type == "AGREE" and trig.type in self.lex.hostile_types and not self._renounced(
                    parse, trig.tok, outer
                ):
                    outer.type = "THREATEN"
        for trig in triggers:
            # "sent a team of experts to Goma to investigate the killings": the sending is told by
            # what it is for (errand_verbs), one act
            purpose = next((
                by_tok[k.i] for k in parse.kids(trig.tok, "advcl")
                if k.i in by_tok and by_tok[k.i] is not trig and any(a.tag == "TO" for a in parse.kids(k, "aux"))
            ), None)
            if purpose is not None and not trig.absorbed and trig.tok.lemma.lower() in self.lex.errand_verbs:
                trig.absorbed, trig.into = True, purpose
                purpose.absorbed_here.append(trig)
                purpose.own.add(trig.tok.i)  # "sent ... on Monday to investigate": the trip's day is its
        for trig in triggers:  # absorbed into an absorbed one: the outermost event takes it
            seen = 0
            while trig.into is not None and trig.into.into is not None and seen < 10:
                outer = trig.into.into
                if trig in trig.into.absorbed_here:
                    trig.into.absorbed_here.remove(trig)
                outer.absorbed_here.append(trig)
                trig.into = outer
                seen += 1

    def _modified_event(self, parse: SentenceParse, trig: Trigger, by_tok: dict[int, Trigger]) -> Trigger | None:
        """The event a noun, a mediation or a participle trigger only modifies, if any: the first
        verb above it (through nouns and prepositions) when that verb is another trigger, or
        an event noun a participle hangs from. Not across 'after'/'before' (distinct events)."""
        tok = trig.tok
        is_noun = tok.pos in {"NOUN", "PROPN"}
        mediation = tok.lemma.lower() in self.lex.mediation
        participle = tok.pos == "VERB" and tok.dep in {"acl", "relcl"} and tok.tag == "VBN"
        if not (is_noun or mediation or participle):
            return None
        if is_noun and trig.governor is not tok:
            own = by_tok.get(trig.governor.i)  # "launched an operation": its own clause
            return own if own is not None and own is not trig and own.tok is trig.governor else None
        cur = tok
        for _ in range(12):
            head = parse.head(cur)
            if head is None:
                return None
            if cur.dep == "prep" and cur.text.lower() in _SEQUENCE_PREPS:
                return None
            if cur.dep in {"advcl", "ccomp", "xcomp", "conj", "parataxis", "relcl"} and cur is not tok:
                return None
            other = by_tok.get(head.i)
            if other is not None and other is not trig:
                return other
            if head.pos in {"VERB", "AUX"}:
                return None
            cur = head
        return None

    def _topic_of(self, parse: SentenceParse, trig: Trigger, by_tok: dict[int, Trigger]) -> Trigger | None:
        """The statement an undated event noun or gerund is the topic of (``statement_topics``):
        its object ("condemned the attack"), or after a topic preposition on the verb or on its
        object ("accused the Houthis of kidnapping", "thanked them for their support in ...")."""
        tok = trig.tok
        if not (tok.pos in {"NOUN", "PROPN"} or tok.tag == "VBG"):
            return None
        start = tok
        if trig.governor is not tok:
            # "for its help in achieving a ceasefire", "for their support in helping reach the
            # ceasefire": the gerund that carries the noun
            start = trig.governor
            while start.dep == "xcomp" and (up := parse.head(start)) is not None and up.pos == "VERB":
                start = up
            if not (start.tag == "VBG" and start.dep == "pcomp"):
                return None
        cur, slot = start, start
        for _ in range(4):
            head = parse.head(cur)
            if head is None:
                return None
            outer = by_tok.get(head.i)
            if (
                outer is not None and outer is not trig and (outer.tok is head or outer.governor is head)
                and outer.type in self.lex.agreement_family and slot.dep == "prep"
                and slot.text.lower() in self.lex.topic_preps
                and (start is not tok or (tok.tag == "VBG" and tok.dep == "pcomp"))
            ):
                # "reached an agreement on implementing the deal", "meet to agree on opening roads":
                # what was agreed, not an act
                return outer
            if outer is not None and outer is not trig and outer.tok is head and head.pos == "VERB":
                # through a gerund any preposition introduces the topic ("thanked X in achieving Y")
                topical = slot.dep == "dobj" or (
                    slot.dep == "prep" and (slot.text.lower() in self.lex.topic_preps or start is not tok)
                )
                return outer if topical and outer.type in self.lex.topic_types else None
            if head.pos in {"VERB", "AUX"} and not (head.tag == "VBG" and head.dep == "pcomp"):
                return None  # but "thanked them for their help in achieving a ceasefire" climbs on
            if cur.dep in {"pobj", "pcomp"} and head.dep == "prep":
                slot = head  # the preposition that introduces the topic
            elif cur is not start and cur.dep not in {"pobj", "pcomp", "prep", "dobj", "poss"}:
                return None
            if head.dep == "dobj":
                slot = head if slot is start else slot
            cur = head
        return None

    def _renounced(self, parse: SentenceParse, tok: Token, outer: Trigger) -> bool:
        """The hostile act an agreement names is one it gives up: a negation or a verb of ending
        between them ("agreed to halt its offensive and not seek to capture more towns")."""
        cur: Token | None = tok
        for _ in range(8):
            if cur is None or cur is outer.tok or cur is outer.governor:
                return False
            if parse.kids(cur, "neg") or cur.lemma.lower() in self.lex.cessation_verbs:
                return True
            cur = parse.head(cur)
        return False

    @staticmethod
    def _reported_act(
        parse: SentenceParse, clause: Token, trig: Trigger, by_tok: dict[int, Trigger]
    ) -> Trigger | None:
        """The first trigger verb in the complements of a clause that is no act itself
        ("said that ...", "am pleased to announce that ..."), three levels down at most."""
        level = [clause]
        for _ in range(3):
            level = [k for v in level for k in parse.kids(v, "ccomp", "xcomp", "acomp")]
            found = next((by_tok[k.i] for k in level if k.i in by_tok and by_tok[k.i] is not trig), None)
            if found is not None:
                return found
        return None

    def _scene_of(self, parse: SentenceParse, trig: Trigger, by_tok: dict[int, Trigger]) -> Trigger | None:
        """The event an event noun after a scene-setting preposition (``circumstance_preps``:
        "after", "following", "during", "amid") hangs from: the verb trigger that preposition
        attaches to, directly or through the nouns above it."""
        tok = trig.tok
        clause = parse.head(tok)
        if (
            tok.pos in {"NOUN", "PROPN"} and tok.dep == "nsubj" and clause is not None and clause.dep == "advcl"
            and clause.lemma.lower() in self.lex.aspectual_verbs
            and any(k.text.lower() in self.lex.circumstance_preps for k in parse.kids(clause, "mark"))
            and (main := parse.head(clause)) is not None and main.i in by_tok and by_tok[main.i] is not trig
        ):
            return by_tok[main.i]  # "a week after peace talks began in Pretoria, they signed": the scene
        if tok.pos not in {"NOUN", "PROPN"} or trig.governor is not tok or tok.dep != "pobj":
            return None
        prep = parse.head(tok)
        # "after a long night of talks", "following weeks of negotiations": through the span
        # the event noun measures
        for _ in range(2):
            if prep is None or prep.text.lower() != "of" or (span := parse.head(prep)) is None:
                break
            if span.dep != "pobj" or span.pos not in {"NOUN", "PROPN"}:
                break
            prep = parse.head(span)
        if prep is None or prep.dep != "prep" or prep.text.lower() not in self.lex.circumstance_preps:
            return None
        cur = prep
        for _ in range(4):
            head = parse.head(cur)
            if head is None:
                return None
            other = by_tok.get(head.i)
            # the verb trigger, or the light verb that carries an event noun ("held ... talks")
            if other is not None and other is not trig and (other.tok.pos == "VERB" or other.governor is head):
                return other
            if head.pos in {"VERB", "AUX"} and cur is prep:
                # "Mao said under China's mediation, the two sides held talks", "After a long
                # night of talks, I am pleased to announce that they have agreed": the parser
                # hangs the scene on a clause that is no act; it sets the scene of the act that
                # clause reports
                return self._reported_act(parse, head, trig, by_tok)
            if head.pos in {"VERB", "AUX"} or cur.dep not in {"prep", "pobj", "dobj", "nsubj", "nsubjpass"}:
                return None
            cur = head
        return None
