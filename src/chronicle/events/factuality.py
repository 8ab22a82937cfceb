"""Factuality: whether a trigger reports an act that happened (asserted, reported), was
promised, denied or is hypothetical, and the classes of trigger that report no act at all."""

from __future__ import annotations

import itertools

from chronicle.events.dating import recent_span
from chronicle.events.parse import FUTURE, RELATIVE, SUBJECTS, SentenceParse, Trigger, coordinated, particle_keys
from chronicle.events.triggers import TriggerFinder
from chronicle.lexicon import inflections
from chronicle.records import (
    EventDate,
    Quantity,
    TimeExpr,
    Token,
)

_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "can", "must"})

_NEGATIONS = frozenset({"not", "n't", "never", "no"})

_OFFSET_WORDS = frozenset({"after", "before", "later", "earlier", "ago"})  # "a day after": no duration


def _lemma_in(tok: Token, lemmas: frozenset[str]) -> bool:
    """The lemma, or a regular inflection of a listed lemma (the tagger's lemma can be wrong:
    'hoped' -> 'hop')."""
    if tok.lemma.lower() in lemmas:
        return True
    word = tok.text.lower()
    return any(word in inflections(lemma) for lemma in lemmas if word[:3] == lemma[:3])


class Factuality(TriggerFinder):
    """Decides each trigger's modality and whether it reports an act."""

    # ------------------------------------------------------------------ context
    def _context(self, parse: SentenceParse, trig: Trigger) -> None:
        gov = trig.governor
        clause = gov  # coordinated verbs share the first one's modal: "will meet and sign"
        # ... but a finite past verb cannot be under a modal: in "would defend X and rejected Y"
        # 'rejected' is a statement of its own.
        while (
            not parse.kids(clause, "aux") and coordinated(parse, clause) and parse.head(clause) is not None
            and not (clause.tag == "VBD" and parse.head(clause).tag == "VB")  # type: ignore[union-attr]
        ):
            clause = parse.head(clause)  # type: ignore[assignment]
        aspect = parse.head(clause)
        if clause.dep == "xcomp" and aspect is not None and aspect.lemma.lower() in self.lex.aspectual_verbs:
            clause = aspect  # "will begin to withdraw": the aspectual verb carries the clause's modal
        auxes = {k.text.lower() for k in parse.kids(clause, "aux", "auxpass")}
        negated = any(k.text.lower() in _NEGATIONS for k in parse.kids(gov, "neg")) or any(
            k.text.lower() in _NEGATIONS for k in parse.kids(trig.tok, "neg", "det")
        ) or any(  # "neither Kurti nor Vucic signed"
            k.text.lower() == "neither" for subj in parse.kids(gov, *SUBJECTS) for k in parse.kids(subj, "preconj")
        )
        modality = "asserted"
        if auxes & FUTURE:
            modality = "promised"
        elif auxes & _HYPOTHETICAL:
            modality = "hypothetical"
            speech = parse.head(clause)
            if (
                auxes & _HYPOTHETICAL == {"would"}
                and clause.dep == "ccomp"
                and speech is not None
                and speech.tag == "VBD"
                and _lemma_in(speech, self.lex.speech_verbs | self.lex.intent_verbs)
            ):
                modality = "promised"  # "said they would exchange prisoners": a reported 'will'
        # "ready to promote talks and provide support": a conjoined verb shares the first's frame
        first = gov
        while first.dep == "conj" and (up := parse.head(first)) is not None and up.pos == "VERB":
            first = up
        head = parse.head(first)
        if (  # "is willing to withdraw its troops": a stated intent, coded like a promise
            first.dep == "xcomp"
            and head is not None
            and head.pos == "ADJ"
            and head.lemma.lower() in self.lex.willing_adjectives
        ):
            modality = "promised"
        if first.dep == "xcomp" and head is not None and head.lemma.lower() in self.lex.failure_verbs:
            negated = True  # "failed to reach agreement": the act did not happen
        if first.dep == "xcomp" and head is not None and head.lemma.lower() in self.lex.intent_verbs:
            modality = "promised"
            if any(k.text.lower() in _NEGATIONS for k in parse.kids(head, "neg")):
                negated = True
        # what readies the act: the verb of its infinitive, or of the noun's object slot
        readier = head if first.dep == "xcomp" else None
        if trig.tok is not gov and trig.tok.dep == "dobj":
            readier = gov  # "was preparing a fresh offensive"
        if (
            readier is not None and readier.lemma.lower() in self.lex.preparation_verbs
            and trig.type in self.lex.preparation_types and not negated
        ):
            # "the army prepared to resume shelling": readiness shown, short of force, is itself the act
            trig.type, modality = "MOBILIZE", "asserted"
        ceased = trig.type in self.lex.hostile_types and trig.governor is not trig.tok and _lemma_in(
            trig.governor, self.lex.cessation_verbs
        )
        if ceased:
            trig.type = "RETREAT"  # "stopped fighting", "halt attacks": ending the act, not the act
        ceased = ceased or (trig.type == "RETREAT" and _lemma_in(trig.tok, self.lex.cessation_verbs)) or (
            trig.tok.lemma.lower() in self.lex.cessation_nouns  # "the ceasefire will be implemented"
        )
        trig.lexical_type = trig.type
        if negated:
            modality = "negated"
            trig.type = self.lex.negated_types.get(trig.type, trig.type)
        elif modality == "promised" and any(
            k.lemma.lower() in self.lex.threat_marks
            for clause in parse.kids(gov, "advcl") for k in parse.kids(clause, "mark")
        ):
            trig.type = "THREATEN"  # "will withdraw its force unless ...": the pledge is a threat
        elif modality == "promised":
            trig.type = self.lex.promise_types.get("CESSATION" if ceased else trig.type, trig.type)
        if modality == "asserted" and self._reported(parse, gov):
            modality = "reported"
        trig.modality = modality

    # ------------------------------------------------------------------ precision
    def _not_an_event(self, parse: SentenceParse, trig: Trigger, timexes: list[TimeExpr]) -> str | None:
        """Why a trigger reports no event an analyst would code (None when it does): a wish, a
        hypothetical, a condition, a purpose, an infinitive that only modifies a noun, a
        participle used as an adjective, a background state, a negated non-act."""
        lex = self.lex
        tok, gov = trig.tok, trig.governor
        if trig.modality == "hypothetical":
            return "hypothetical"  # "would be a major breakthrough", "could sign"
        head = parse.head(tok)
        if (
            tok.pos in {"NOUN", "PROPN"} and tok.dep == "nsubj" and head is not None and (
                head.lemma.lower() in lex.description_verbs
                or (
                    head.lemma.lower() == "play"
                    and any(k.lemma.lower() in lex.description_play_objects for k in parse.kids(head, "dobj"))
                )
            )
            and not trig.predicated and not self._timex_on(parse, head, timexes, durations=False)
        ):
            return "description"  # "the assault was in solidarity with ...": what an act was, not one
        if (
            tok.tag == "VBG" and tok.dep == "advcl" and trig.type in {"DISAPPROVE", "ACCUSE"}
            and head is not None and head.pos == "VERB" and head.lemma.lower() in lex.verbs
            and not parse.kids(tok, "nsubj", "mark")
        ):
            return "justification"  # "suspended the treaty, blaming Pakistan for the attack": the act's reason
        judged = head is not None and head.lemma.lower() in lex.judging_verbs and (
            parse.kids(head, "oprd", "xcomp", "acomp") or any(p.text.lower() == "as" for p in parse.kids(head, "prep"))
        )
        if judged and tok.pos == "NOUN" and tok.dep in {"dobj", "oprd"} and not self._timex_on(
            parse, tok, timexes, durations=False
        ):
            return "judged"  # "termed the discussions a very good meeting": a comment on the talks
        if trig.modality == "negated" and any(k.text.lower() == "yet" for k in parse.kids(gov, "advmod", "neg")):
            return "not yet"  # "we have not yet signed substantial agreements": pending, not refused
        if trig.modality == "negated":
            flips = trig.type != trig.lexical_type
            # "rejected", "failed to reach an agreement": an active clause, through its verb
            active = gov.pos == "VERB" and not parse.kids(gov, "auxpass") and gov.dep not in {"acl", "relcl"}
            if not (flips and active):
                return "negated"  # "not mediated by a third party", "has not been reached"
        chain = self._clause_chain(parse, gov)
        for clause in chain:
            if any(k.text.lower() in lex.conditional_marks for k in parse.kids(clause, "mark")):
                return "conditional"  # "if Armenia continues to resist the link"
        for lower, upper in itertools.pairwise(chain):
            willing = upper.text.lower() in lex.willing_adjectives  # "is prepared to lift the ban": a stated intent
            if lower.dep == "xcomp" and not willing and (
                _lemma_in(upper, lex.wish_verbs) or (upper.pos == "ADJ" and upper.lemma.lower() in lex.wish_adjectives)
            ):
                return "wish"  # "hoped to sign", "eager to begin discussions"
            if lower.dep == "ccomp" and _lemma_in(upper, lex.hope_verbs):
                return "wish"  # "we hope that all parties will maintain the ceasefire"
        first = gov  # the first of coordinated verbs carries the construction
        while first.dep == "conj" and parse.head(first) is not None:
            first = parse.head(first)  # type: ignore[assignment]
        infinitive = any(k.tag == "TO" for k in parse.kids(first, "aux"))
        above = parse.head(first)  # what the clause hangs from
        if above is not None and first.dep == "advcl" and _lemma_in(above, lex.errand_verbs):
            infinitive = False  # "sent 21 officers to Bosnia to investigate": the trip's act
        # the body the clause gives a job to: the noun it modifies, or the object of the verb it hangs on
        body = above if first.dep == "acl" else None
        if above is not None and first.dep == "advcl":
            body = next(iter(parse.kids(above, "dobj")), None)
        if body is not None and body.lemma.lower() in lex.errand_bodies:
            infinitive = False  # "set up a commission to probe the massacre": the body's job is the act
        if gov.pos == "VERB" and infinitive and first.dep in {"acl", "advcl", "relcl"}:
            return "purpose or modifier"  # "a deal to normalise ties", "talks to stabilize relations"
        head = parse.head(gov)
        if (
            gov.dep in {"pcomp", "pobj"}
            and head is not None
            and head.text.lower() in lex.purpose_preps
            and (gov.tag in {"VBG", "VB"} or head.text.lower() in {"towards", "toward"})
        ):
            return "purpose"  # "work towards signing", "ready for signing"
        owner = parse.head(head) if head is not None and gov.dep == "pcomp" else None
        if gov.tag == "VBG" and owner is not None and owner.pos == "NOUN" and owner.lemma.lower() not in lex.part_nouns:
            # "their commitment to implementing the truce": what the noun is about; but "a role
            # in mediating the deal" is the mediation
            return "noun complement"
        if tok.pos == "VERB" and tok.tag == "VBN":
            agent = bool(parse.kids(tok, "agent"))
            # a participle without its own subject or auxiliary modifies a noun or a clause:
            # "the region, internationally recognised as ...", "prisoners captured in ..."
            bare = not parse.kids(first, "nsubj", "nsubjpass", "aux", "auxpass")
            participle = bare and first.dep in {"acl", "amod", "advcl"}  # own subject or auxiliary: a clause
            passive = participle or bool(parse.kids(tok, "auxpass") or parse.kids(first, "auxpass"))
            perfect = any(k.lemma.lower() == "have" for k in parse.kids(tok, "aux"))
            # "Hezbollah is backed by Tehran": in the present, with its agent too, a standing relation
            present = any(k.tag in {"VBZ", "VBP"} for k in parse.kids(tok, "auxpass"))
            # "troops were deployed to the border on Monday": a dated past passive reports the act
            dated_past = any(k.tag == "VBD" for k in parse.kids(tok, "auxpass")) and self._timex_on(
                parse, tok, timexes, durations=False
            )
            if (
                passive and not perfect and not dated_past and _lemma_in(tok, lex.stative_passive)
                and (participle or not agent or present)
            ):
                # "peacekeepers are stationed", "internationally recognised as"; but "units have
                # been deployed" reports that they were
                return "state"
            if participle and not agent and not self._timex_on(parse, tok, timexes):
                return "attributive"  # "prisoners captured", a participle used as an adjective
        if tok.pos == "VERB" and first.dep == "acl" and above is not None and any(
            k.text.lower() in lex.generic_determiners for k in parse.kids(above, "det")
        ):
            return "generic"  # "any plane violating its airspace": a kind of act, none reported
        absolute = parse.head(first) if first.dep == "pcomp" and first.tag == "VBN" else None
        if (
            tok.pos == "VERB" and absolute is not None and absolute.text.lower() in {"with", "without"}
            and not parse.kids(tok, "agent") and not self._timex_on(parse, tok, timexes)
        ):
            return "circumstance"  # "with homes set ablaze and victims attacked, thousands fled"
        if tok.pos == "VERB" and first.dep in {"acl", "advcl"} and self._durative(parse, first, timexes):
            return "background"  # "the conflict has persisted for decades, with the two countries fighting"
        if (
            trig.modality != "promised"  # "will withdraw over the next 60 days": a schedule
            and not _lemma_in(gov, lex.term_verbs)  # "jailed him for five years": the term imposed
            and self._durative(parse, gov, timexes)
            and not self._timex_on(parse, gov, timexes, durations=False)
        ):
            return "background"  # "have been fighting for years": a state, not a dated act
        if self._perfect_progressive(parse, gov) and not self._timex_on(parse, gov, timexes, durations=False):
            return "background"  # "the Houthis have been targeting ships": an ongoing state
        if any(any(k.text.lower() == "since" for k in parse.kids(clause, "mark")) for clause in chain) and not (
            self._timex_on(parse, gov, [t for t in timexes if t.anchor is None], durations=False)
        ):
            # "since the rebels began attacking ships (last year)": a bound, not news; but "since
            # Kosovo declared independence in 2008" writes out a date of its own
            return "background"
        if tok.pos == "VERB" and any(
            k.lemma.lower() in lex.provision_subjects
            for clause in [first, *chain] for k in parse.kids(clause, "nsubj")
        ):
            return "provision"  # "the agreement calls for ...": what a text says, not an act
        why = self._no_act(parse, trig, first, timexes)
        if why is not None:
            return why
        slot = self._clause_slot(parse, tok)
        slot_head = parse.head(slot)
        if self._ended(parse, tok):
            return "ended"  # "agreed to stop aerial bombing": the act ended is not reported
        if (
            tok.pos in {"NOUN", "PROPN"}
            and slot.dep == "pobj"
            and slot_head is not None
            and slot_head.text.lower() == "of"
        ):
            owner = parse.head(slot_head)
            if owner is not None and owner.lemma.lower() in lex.background_heads | lex.time_units:
                return "background"  # "years of mediation", "principles of ... rejection"
        return None

    def _no_act(self, parse: SentenceParse, trig: Trigger, first: Token, timexes: list[TimeExpr]) -> str | None:
        """The word classes of ``not_events`` (data/events.json) that make a trigger no act."""
        lex = self.lex
        tok, gov = trig.tok, trig.governor
        lemma = tok.lemma.lower()
        if (
            tok.pos == "VERB"
            and lemma in lex.partner_verbs
            and not any(p.text.lower() in lex.partner_verbs[lemma] for p in parse.kids(tok, "prep"))
            and not self._timex_on(parse, tok, timexes, durations=False)
        ):
            # "speaking on condition of anonymity", "speaks volumes"; but a dated "the two
            # commanders will speak again on Monday" is their next call
            return "no partner"
        if (
            tok.pos == "VERB"
            and lemma in lex.courtesy
            and not parse.kids(tok, "nsubj")
            and any(k.text.lower() in lex.courtesy[lemma] for k in parse.kids(tok, "dobj"))
        ):
            return "courtesy"  # "Thank you for your attention"

        for lower, upper in itertools.pairwise(self._clause_chain(parse, gov)):
            if lower.dep == "xcomp" and upper.lemma.lower() in lex.continuing and (
                upper.tag in {"VBZ", "VBP"}
                or any(k.text.lower() in FUTURE | {"would", "shall", "must", "can"} for k in parse.kids(upper, "aux"))
            ) and not self._timex_on(parse, upper, timexes, durations=False):
                return "standing policy"  # "we will continue to defend freedom of navigation"
        if tok.pos == "VERB" and lemma in lex.showing and any(
            any(m.text.lower() == "that" for m in parse.kids(c, "mark")) for c in parse.kids(tok, "ccomp")
        ):
            return "showing"  # "the people are demonstrating that there is a second chance"
        if (
            tok.pos == "VERB" and first.dep == "relcl" and (owner := parse.head(first)) is not None
            and owner.pos in {"NOUN", "PROPN"}
            and owner.lemma.lower() not in lex.nouns
            and owner.lemma.lower() not in lex.agreement_nouns | lex.time_units
            and not any(  # a date anywhere in the clause ("which surrendered after an offensive in September")
                t.type != "DURATION" and any(k.start <= t.start < k.end for k in parse.subtree(first))
                for t in timexes
            )
            and not any(k.dep == "nummod" or k.pos == "NUM" for k in parse.subtree(tok))
        ):
            # "Lashio, which it captured", "a gang that killed civilians": an undated clause that
            # describes a participant, not an act the report tells (with a date or a toll of
            # its own, "who stepped down in 2007", it is a background act and stays)
            return "description"
        subjects = parse.kids(first, "nsubj", "nsubjpass")
        if any(k.lemma.lower() in lex.commentators for k in subjects):
            return "commentary"  # "analysts warn that ..."
        perfect = {"has", "have"} & {k.text.lower() for k in parse.kids(gov, "aux")}
        if perfect and not self._timex_on(parse, gov, timexes, durations=False):
            named = subjects
            if first.dep == "relcl" and any(k.lemma.lower() in RELATIVE for k in subjects):
                head = parse.head(first)
                named = [head] if head is not None else []
            if tok.pos in {"NOUN", "PROPN"}:
                named = [tok] if tok.dep in {"nsubj", "nsubjpass"} else []
            if any(k.lemma.lower() in lex.generic_conflicts and not parse.kids(k, "poss") for k in named):
                return "summary"  # "a conflict that has killed hundreds of thousands"
        return None

    def _ended(self, parse: SentenceParse, tok: Token) -> bool:
        """Whether ``tok`` names, alone or coordinated, the object of a verb that ends it
        ("stop aerial bombing and artillery shelling")."""
        cur = tok
        for _ in range(4):
            head = parse.head(cur)
            if head is None:
                return False
            if cur.dep == "dobj":
                return head.lemma.lower() in self.lex.ended_by
            if cur.dep not in {"conj", "acl", "appos"} or head.pos not in {"NOUN", "PROPN", "VERB"}:
                return False
            cur = head
        return False

    def _perfect_progressive(self, parse: SentenceParse, verb: Token) -> bool:
        """"has been targeting", "have been putting pressure": an ongoing state."""
        auxes = [k.text.lower() for k in parse.kids(verb, "aux")]
        return verb.tag == "VBG" and "been" in auxes and bool({"has", "have", "had"} & set(auxes))

    def _clause_chain(self, parse: SentenceParse, verb: Token) -> list[Token]:
        """The verb and the clauses it is the complement or coordinate of, innermost first."""
        chain = [verb]
        cur = verb
        for _ in range(6):
            head = parse.head(cur)
            if head is None or cur.dep not in {"xcomp", "conj", "ccomp", "pcomp", "acomp", "advcl"}:
                break
            chain.append(head)
            if cur.dep in {"ccomp", "advcl"}:
                break  # a new clause: its own conditions stop here
            cur = head
        return chain

    def _timex_on(self, parse: SentenceParse, tok: Token, timexes: list[TimeExpr], *, durations: bool = True) -> bool:
        """Whether a time expression hangs from ``tok`` (within three steps)."""
        for timex in timexes:
            if not durations and timex.type == "DURATION":
                continue
            for t in parse.tokens:
                if timex.start <= t.start and t.end <= timex.end and tok in parse.ancestors(t)[:3]:
                    return True
        return False

    def _durative(self, parse: SentenceParse, tok: Token, timexes: list[TimeExpr]) -> bool:
        """The clause of ``tok`` (or the verb a 'with ...' phrase hangs from) lasts 'for decades'."""
        verb: Token | None = tok
        for _ in range(4):
            if verb is None or (verb.pos in {"VERB", "AUX"} and verb is not tok):
                break
            verb = parse.head(verb)
        for cand in [tok] if verb is None or verb is tok else [tok, verb]:
            for timex in timexes:
                if timex.type != "DURATION" or recent_span(timex):
                    continue  # "shelled the city over the past week": recent news, no lasting state
                toks = [t for t in parse.tokens if timex.start <= t.start and t.end <= timex.end]
                inside = {t.i for t in toks}
                root = next((t for t in toks if t.head not in inside), None)
                if root is None:
                    continue
                after = parse.by_i.get(toks[-1].i + 1)
                if after is not None and after.text.lower() in _OFFSET_WORDS:
                    continue  # "a day after the truce took effect": an offset, not how long it lasts
                head = parse.head(root)
                if root.dep in {"npadvmod", "advmod"} and head is cand:
                    return True  # "fought two years", "decades-long" does not count: it names a noun
                if (
                    root.dep == "pobj"
                    and head is not None
                    and head.text.lower() in {"for", "over", "throughout"}
                    and parse.head(head) is cand
                ):
                    return True  # "has persisted for decades"
        return False

    def _unanchored(self, parse: SentenceParse, trig: Trigger, date: EventDate, figures: list[Quantity]) -> bool:
        """An event noun with neither a participant, a date nor a figure of its own is a
        mention of a topic ("talks had stalled", "the fighting"). A definite noun repeating an
        event this document already reported ("the offensive led to ...") with nothing new
        is that event again."""
        if self._restated(parse, trig) and not figures:
            return True  # "The ceasefire was reached after Malaysia offered to mediate": reported before
        if trig.tok.pos not in {"NOUN", "PROPN"} or trig.light or trig.predicated:
            return False
        verb = parse.head(trig.tok)
        if trig.tok.dep == "nsubj" and verb is not None and any(
            key in self.lex.occurrence_verbs for key, _ in particle_keys(parse, verb)
        ):
            return False  # "heavy fighting erupted in the north": it happened
        dated = date.basis in {"explicit", "relative"}
        if not trig.actors and not dated and not figures:
            return True
        definite = any(k.lemma.lower() in {"the", "this", "that", "these"} for k in parse.kids(trig.tok, "det"))
        repeated = trig.tok.lemma.lower() in self._emitted_nouns
        return definite and repeated and not dated and not figures and not trig.actors

    def _restated(self, parse: SentenceParse, trig: Trigger) -> bool:
        """An agreement the document already reported as reached, said again in the passive
        with no one named ("the ceasefire was reached after ..."): the same act, not a new one."""
        gov = trig.governor
        return (
            trig.light and trig.tok.dep == "nsubjpass" and gov.lemma.lower() in self.lex.agreement_verbs
            and not parse.kids(gov, "agent") and trig.tok.lemma.lower() in self._agreed_terms
        )

    def _reported(self, parse: SentenceParse, tok: Token) -> bool:
        cur = tok
        for _ in range(6):
            head = parse.head(cur)
            if head is None:
                return False
            if cur.dep in {"ccomp", "parataxis", "advcl"} and head.lemma.lower() in self.lex.speech_verbs:
                return True
            if cur.dep not in {"conj", "ccomp", "xcomp", "parataxis"}:
                return False
            cur = head
        return False
