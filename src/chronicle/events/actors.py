"""Actors and roles: initiators and targets from the clause's syntax (subject, agent, object,
"between X and Y"), pronouns and quoted first persons resolved, coordinated parties kept."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from chronicle.events.parse import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    QUOTE_PARAGRAPHS,
    RELATIVE,
    SUBJECTS,
    Part,
    SentenceParse,
    Trigger,
)
from chronicle.records import (
    Actor,
    EventActor,
    Role,
    Sentence,
    Token,
)

_TARGET_PREPS = frozenset({"with", "to", "on", "upon", "against", "toward", "towards", "at"})
# "rebels in Mali", "students throughout Indonesia", "protesters across Iran", "targets inside
# Yemen": people or places of a country
_WITHIN_PREPS = frozenset({"in", "inside", "within", "throughout", "across"})

_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})

_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})

_PRONOUNS_THING = frozenset({"it", "its"})

_PRONOUNS_PLURAL = frozenset({"they", "them", "their"})


def _quote_opening(body: str, pos: int) -> int | None:
    """Where the direct quote around ``pos`` opens, or None when ``pos`` is outside quotes.
    A paragraph that opens with a quotation mark while the one before ends inside a quote
    continues that quote (the printed convention for a quote of several paragraphs)."""
    start = body.rfind("\n", 0, pos) + 1
    opened = _unclosed_quote(body, start, pos)
    for _ in range(QUOTE_PARAGRAPHS):
        if opened is None or body[start:opened].strip():
            return opened
        stop = start
        while stop > 0 and body[stop - 1].isspace():
            stop -= 1  # back over the blank lines to the paragraph above
        above = body.rfind("\n", 0, stop) + 1
        earlier = _unclosed_quote(body, above, stop) if stop > 0 else None
        if earlier is None:
            return opened
        start, opened = above, earlier
    return opened


def _unclosed_quote(body: str, start: int, end: int) -> int | None:
    """The outermost quotation mark opened in ``body[start:end]`` and not closed there: curly
    marks pair by kind, straight ones by parity."""
    depth, opened, straight = 0, None, None
    for i in range(start, end):
        ch = body[i]
        if ch in OPEN_QUOTES:
            opened = i if depth == 0 else opened
            depth += 1
        elif ch in CLOSE_QUOTES and depth:
            depth -= 1
            opened = opened if depth else None
        elif ch == '"':
            straight = i if straight is None else None
    return opened if opened is not None else straight


def _quote_closing(body: str, pos: int) -> int | None:
    """Where the direct quote around ``pos`` closes, within its paragraph, or None."""
    end = body.find("\n", pos)
    end = len(body) if end < 0 else end
    for i in range(pos, end):
        if body[i] in CLOSE_QUOTES or body[i] == '"':
            return i
    return None


def _acting(actor: Actor, role: Role, text: str | None) -> list[EventActor]:
    """An actor in a role, with the organisation a person acts for ("UN chief Antonio Guterres
    welcomed", and "he will withdraw" when he is Kofi Annan): the UN acts through him."""
    out = [EventActor(replace(actor), role, text)]
    if actor.affiliation:
        out.append(EventActor(Actor(actor.affiliation, "organization", None, actor.sector), role, text))
    return out


class ActorResolver(Part):
    """Resolves each trigger's initiators and targets."""

    # ------------------------------------------------------------------ actors
    def _actors(self, parse: SentenceParse, trig: Trigger, sentence: Sentence) -> None:
        gov = trig.governor
        sources: list[EventActor] = []
        targets: list[EventActor] = []
        is_noun = trig.tok.pos in {"NOUN", "PROPN"}
        if not is_noun or gov is not trig.tok:
            subj_clause = gov
            for _ in range(4):  # a conjoined verb shares its subject: "decided ... and called on"
                if parse.kids(subj_clause, *SUBJECTS, "agent") or subj_clause.dep not in {
                    "conj",
                    "xcomp",
                    "advcl",
                    "acomp",
                }:
                    break
                head = parse.head(subj_clause)
                if head is None:
                    break
                subj_clause = head
            prep = parse.head(subj_clause) if subj_clause.dep == "pcomp" else None
            if prep is not None and prep.dep == "prep" and not parse.kids(subj_clause, *SUBJECTS):
                # "the US has committed to providing support": the committed party provides
                subj_clause = parse.head(prep) or subj_clause
            for subj in parse.kids(subj_clause, *SUBJECTS):
                if subj is not trig.tok:
                    sources += self._resolve(parse, subj, "source", sentence)
            agents = parse.kids(gov, "agent")
            if gov.dep in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"} or not sources:
                # a verb tag on a noun's slot ("Missile strikes ... by the US have failed", parsed
                # as the verb 'strikes' with the subject 'Missile'): its 'by' names who acts, as an
                # active verb's 'by' names no party otherwise ("attacked by night")
                agents += [p for p in parse.kids(gov, "prep") if p.text.lower() == "by"]
            for agent in agents:
                for pobj in parse.kids(agent, "pobj"):
                    sources += self._resolve(parse, pobj, "source", sentence)
        if is_noun:
            preps = parse.kids(trig.tok, "prep")
            # "the shelling of positions by Armenian forces": the parse often hangs 'by' lower
            preps += [
                p
                for of in preps
                if of.text.lower() == "of"
                for o in parse.kids(of, "pobj")
                for p in parse.kids(o, "prep")
                if p.text.lower() == "by"
            ]
            # "strikes on targets inside Yemen by the US and UK": 'by' hung on a lower noun
            preps += [p for p in self._noun_phrase_preps(parse, trig.tok) if p.text.lower() == "by" and p not in preps]
            # "the massacre carried out by the Gran Grif": the agent of its participle
            preps += [a for part in parse.kids(trig.tok, "acl") for a in parse.kids(part, "agent")]
            # "reports of truce violations, by both the coalition and the rebels": 'by' hung on
            # the noun whose 'of' the event noun fills
            of = parse.head(trig.tok) if trig.tok.dep == "pobj" else None
            if of is not None and of.text.lower() == "of" and (owner := parse.head(of)) is not None:
                preps += [p for p in parse.kids(owner, "prep") if p.text.lower() == "by" and p not in preps]
            for prep in preps:
                if prep.text.lower() in {"by", "from"}:
                    for pobj in parse.kids(prep, "pobj"):
                        sources += self._resolve(parse, pobj, "source", sentence)
            host = trig.host
            if (  # "In a joint statement ..., the two countries said": the speakers
                not sources
                and gov is trig.tok
                and host is not None
                and host is not trig.tok
                and parse.head(trig.tok) is not None
                and parse.head(trig.tok).text.lower() in {"in", "at", "during", "through"}  # type: ignore[union-attr]
                and parse.head(parse.head(trig.tok)) is host  # type: ignore[arg-type]
            ):
                for subj in parse.kids(host, *SUBJECTS):
                    sources += self._resolve(parse, subj, "source", sentence)
            if not sources:
                for poss in parse.kids(trig.tok, "poss"):
                    if poss.pos != "PRON":
                        sources += self._resolve(parse, poss, "source", sentence)
                for mod in parse.kids(trig.tok, "amod", "compound", "nmod"):
                    if mod.i in parse.mention_of:
                        # "Israeli strikes": the state acts; "the Pont-Sondé massacre": the town is
                        # where, not who
                        sources += self._resolve(parse, mod, "source", sentence, places_ok=False)
        holders = [trig.tok] if is_noun and gov is trig.tok else [gov]
        # "units of the National Police have been deployed": with no agent, the force's owner acts
        own_forces = not is_noun and trig.type in self.lex.own_forces_types and not parse.kids(gov, "agent")
        for obj in parse.kids(holders[0], "dobj", "dative", "nsubjpass"):
            if obj is not trig.tok and parse.head(trig.tok) is not obj:  # not the name "Operation X" opens
                if own_forces and obj.dep == "nsubjpass" and not sources:
                    sources += self._resolve(parse, obj, "source", sentence)
                else:
                    found = self._resolve(parse, obj, "target", sentence)
                    if not found and obj.dep == "dobj" and obj.pos == "NOUN":
                        # "threatened further action against Russia", "imposed sanctions on the
                        # Taliban": the act's object names no party; its preposition does
                        found = [
                            ea
                            for prep in parse.kids(obj, "prep")
                            if prep.text.lower() in _TARGET_PREPS - {"with", "to", "at"}
                            for pobj in parse.kids(prep, "pobj")
                            for ea in self._resolve(parse, pobj, "target", sentence, places_ok=False)
                        ]
                    targets += found
        if is_noun and gov is not trig.tok:
            holders.append(trig.tok)
        if trig.particle is not None:
            holders.append(trig.particle)
        for holder in holders:
            for prep in parse.kids(holder, "prep") + ([holder] if holder.dep == "prep" else []):
                word = prep.text.lower()
                if word in _TARGET_PREPS or word == "between":
                    for pobj in parse.kids(prep, "pobj"):
                        # "a ceasefire between Israel and Hezbollah": both parties act
                        role: Role = "source" if word == "between" else "target"
                        targets += self._resolve(parse, pobj, role, sentence, places_ok=False)
        if not sources and not is_noun:
            sources = self._nearest_left(parse, trig, {a.actor.name for a in targets})
        if not sources and trig.tok.dep == "acl" and trig.tok.tag == "VBG":
            head = parse.head(trig.tok)  # "ethnic Armenians fleeing the area": the noun acts
            if head is not None:
                sources = self._resolve(parse, head, "source", sentence)
        if not sources and self._refers_to_the_agreement(parse, trig):
            # "the truce took effect": the document's agreement, between the parties it names
            sources = [EventActor(replace(a), "source", self._phrase(parse, trig.tok)) for a in self.pair]
        if trig.joint and len(self.pair) == 2:
            # a joint statement speaks for both parties: complete a half-found pair
            countries = {a.actor.country for a in sources}
            if countries & {a.country for a in self.pair}:
                sources += [EventActor(replace(a), "source", None) for a in self.pair if a.country not in countries]
        seen: set[str] = set()
        actors: list[EventActor] = []
        for ea in sources + targets:
            key = ea.actor.name
            if key in seen:
                continue
            seen.add(key)
            actors.append(ea)
        trig.actors = actors

    def _refers_to_the_agreement(self, parse: SentenceParse, trig: Trigger) -> bool:
        """A definite agreement noun ("the truce", "this ceasefire") with no party of its own,
        in a document that names its two parties together: it is their agreement."""
        if len(self.pair) != 2 or trig.tok.lemma.lower() not in self.lex.agreement_nouns:
            return False
        if any(k.lemma.lower() in {"the", "this"} for k in parse.kids(trig.tok, "det")):
            return True
        # "The agreement includes an unconditional ceasefire", "provides for a ceasefire": what
        # the document's agreement sets out is between its parties too.
        verb = parse.head(trig.tok)
        if verb is not None and trig.tok.dep == "pobj" and verb.dep == "prep":
            verb = parse.head(verb)
        if verb is None or verb.pos != "VERB" or trig.tok.dep not in {"dobj", "pobj"}:
            return False
        return any(
            k.lemma.lower() in self.lex.provision_subjects
            and any(d.lemma.lower() in {"the", "this"} for d in parse.kids(k, "det"))
            for k in parse.kids(verb, "nsubj")
        )

    def _resolve(
        self, parse: SentenceParse, tok: Token, role: Role, sentence: Sentence, *, places_ok: bool = True
    ) -> list[EventActor]:
        """The actors an argument token refers to (with its conjuncts); pronouns by proximity."""
        out: list[EventActor] = []
        if tok.text.lower() in RELATIVE:
            clause = parse.head(tok)
            head = parse.head(clause) if clause is not None and clause.dep == "relcl" else None
            if head is None:
                return out
            tok = self._one_of(parse, head)  # "the region, which surrendered" -> the region
        if tok.start < self.dateline_end:
            # The parse took the dateline's place for the subject ("EL FASHER, Sudan - Fighters
            # from X attacked"): the real subject hangs from it as an apposition.
            return [ea for app in parse.kids(tok, "appos") if app.start >= self.dateline_end
                    for ea in self._resolve(parse, app, role, sentence, places_ok=places_ok)]
        for arg in [tok, *self._conjuncts(parse, tok)]:
            arg = self._counted(parse, arg)
            arg = self._named_after(parse, arg)
            if arg.lemma.lower() in self.lex.nouns:
                continue  # "with the mediation of Moscow": an event, not a participant
            if arg.pos == "PRON" or arg.text.lower() in _PRONOUNS_PLURAL | _PRONOUNS_THING | _PRONOUNS_PERSON:
                out += [ea for a in self._antecedent(parse, arg, sentence) for ea in _acting(a, role, arg.text)]
                continue
            mention = parse.mention_of.get(arg.i)
            if mention is None:
                near = parse.kids(arg, "compound", "amod", "poss", "nmod", "appos")
                # "EU member states": a name two compounds down
                near += [g for c in near if c.dep == "compound" for g in parse.kids(c, "compound")]
                named = [parse.mention_of[sub.i] for sub in near if sub.i in parse.mention_of]
                # "the Basque separatist group ETA": the group named, not the state its adjective names
                mention = next(
                    (m for m in named if m.actor is not None and m.actor.kind in {"group", "organization", "person"}),
                    named[0] if named else None,
                )
                country = next((m.actor.country for m in named if m.actor is not None and m.actor.country), None)
                if mention is not None and mention.actor is not None and not mention.actor.country and country:
                    # "units of the Haitian National Police (PNH)": the organisation of the state named with it
                    mention = replace(mention, actor=replace(mention.actor, country=country))
            if mention is None:
                owners = self._of_actors(parse, arg, role, sentence, places_ok, depth=3)
                if owners:  # "the governments of Armenia and Azerbaijan", "the office of the President of X"
                    out += owners
                    continue
                possessors = self._possessor(parse, arg, sentence)
                if possessors:  # "its aircraft", "their troops": the owner acts through them
                    out += [EventActor(replace(a), role, self._phrase(parse, arg)) for a in possessors]
                    continue
                named_again = self._named_again(parse, arg, sentence)
                if named_again is not None:  # "the alliance": the Three Brotherhood Alliance named before
                    out.append(EventActor(replace(named_again), role, self._phrase(parse, arg)))
                elif self._is_group(parse, arg):  # "the two countries", "both sides"
                    out += [EventActor(replace(a), role, self._phrase(parse, arg)) for a in self.pair]
                elif (state := self._home_state(parse, arg)) is not None:  # "the government and the ELN"
                    out.append(EventActor(replace(state), role, self._phrase(parse, arg)))
                elif (
                    arg.tag == "NNS" or arg.lemma.lower() in self.lex.name_descriptors | {"army", "force"}
                ) and (country := self._located_in(parse, arg)) is not None:
                    # "security forces in Guinea", "a rebel army in northeastern Myanmar": people
                    # or a group of a country the text does not name further
                    name = " ".join(t.text.lower() for t in parse.tokens if parse.subtree(arg)[0].i <= t.i <= arg.i)
                    out.append(EventActor(Actor(name, "group", country), role, self._phrase(parse, arg)))
                continue
            actor = mention.actor
            # A town is acted on ("shelled Kherson"), it does not act: "Istanbul proposed" is a
            # place name standing for someone the text does not name (capitals that stand for
            # their governments are actors already). A region of the lexicon (no gazetteer id:
            # "Nagorno-Karabakh surrendered") may stand for its authorities.
            acts = role != "source" or (mention.place is not None and mention.place.geonameid is None)
            if actor is None and places_ok and acts and mention.place is not None:
                actor = Actor(mention.place.name, None, mention.place.country)
            if actor is not None and actor.country is None and actor.kind != "person":
                # "his Cabinet", "its army": the institution of the state its possessor stands for;
                # "rebels in the Ivory Coast": a group of the country it is in
                holders = self._possessor(parse, arg, sentence, persons=True)
                country = next((h.country for h in holders if h.country), None) or self._located_in(parse, arg)
                actor = replace(actor, country=country) if country else actor
            if actor is not None:
                out += _acting(actor, role, mention.text)
        return out

    def _one_of(self, parse: SentenceParse, tok: Token) -> Token:
        """Who a relative clause is about when it hangs on 'one of the N': "The MNDAA was one
        of three groups that launched an offensive" -> the MNDAA; else the token itself."""
        of = parse.head(tok)
        one = parse.head(of) if of is not None and of.text.lower() == "of" and tok.dep == "pobj" else None
        if one is None or one.text.lower() != "one" or one.dep != "attr":
            return tok
        copula = parse.head(one)
        subjects = parse.kids(copula, "nsubj") if copula is not None else []
        return subjects[0] if subjects else tok

    def _named_again(self, parse: SentenceParse, tok: Token, sentence: Sentence) -> Actor | None:
        """The organisation a bare definite noun names again ("the alliance", "the group"): the
        last one named in this sentence or the three before whose name holds the noun (for
        'group', the last armed group or movement)."""
        lemma = tok.lemma.lower()
        if tok.pos != "NOUN" or lemma not in self.lex.anaphoric_heads or parse.kids(tok, "compound", "amod", "poss"):
            return None
        if not any(k.lemma.lower() == "the" for k in parse.kids(tok, "det")):
            return None
        first = self.doc.sentences[max(0, sentence.index - 3)].start
        for m in reversed(self.actor_mentions):
            if not first <= m.start or m.end > tok.start or m.actor is None:
                continue
            words = {w.lower() for w in m.actor.name.split()}
            if (lemma == "group" and m.actor.kind == "group") or (lemma != "group" and lemma in words):
                return m.actor
        return None

    def _named_after(self, parse: SentenceParse, tok: Token) -> Token:
        """The name a descriptive noun introduces ("the militant group [Hamas]"), however the
        parse hangs it (an apposition, or a second subject); else the token itself."""
        following = parse.by_i.get(tok.i + 1)
        if tok.pos != "NOUN" or tok.lemma.lower() not in self.lex.name_descriptors or following is None:
            return tok
        mention = parse.mention_of.get(following.i)
        if mention is not None and mention.actor is not None and mention.actor.kind in {"group", "organization"}:
            return following
        return tok

    def _counted(self, parse: SentenceParse, tok: Token) -> Token:
        """What a count noun counts: "tens of thousands of students" -> students."""
        for _ in range(3):
            if tok.lemma.lower() not in self.lex.count_nouns and tok.text.lower() not in self.lex.count_nouns:
                return tok
            of = next((p for p in parse.kids(tok, "prep") if p.text.lower() == "of"), None)
            counted = parse.kids(of, "pobj") if of is not None else []
            if not counted:
                return tok
            tok = counted[0]
        return tok

    @staticmethod
    def _located_in(parse: SentenceParse, tok: Token) -> str | None:
        """The country a group is said to be in ("rebels in the Ivory Coast", "opposition groups
        in Zimbabwe", "students throughout Indonesia"): a country named right after 'in',
        'throughout' or 'across' on the group's noun."""
        for prep in parse.kids(tok, "prep"):
            if prep.text.lower() not in _WITHIN_PREPS:
                continue
            for pobj in parse.kids(prep, "pobj"):
                mention = parse.mention_of.get(pobj.i)
                if mention is not None and mention.actor is not None and mention.actor.kind == "country":
                    return mention.actor.country
                if mention is not None and mention.actor is None and mention.place is not None:
                    return mention.place.country  # "police in Lagos": the country the town is in
        return None

    def _possessor(self, parse: SentenceParse, tok: Token, sentence: Sentence, *, persons: bool = False) -> list[Actor]:
        """The antecedent of a possessive pronoun on ``tok`` ("its aircraft" -> the army; with
        ``persons``, "his Cabinet" -> the prime minister named before)."""
        words = {"its", "their", "his", "her"} if persons else {"its", "their"}
        for poss in parse.kids(tok, "poss"):
            if poss.text.lower() in words:
                return self._antecedent(parse, poss, sentence)
        return []

    def _of_actors(
        self, parse: SentenceParse, tok: Token, role: Role, sentence: Sentence, places_ok: bool, depth: int,
        *, direct: bool = True,
    ) -> list[EventActor]:
        """The actors named in an 'of' complement (and its conjuncts), looking a few 'of's deep;
        directly on the argument also 'for'/'from' ("negotiators for Israel and Hamas",
        "fighters from the RSF")."""
        if depth == 0:
            return []
        out: list[EventActor] = []
        for prep in parse.kids(tok, "prep"):
            word = prep.text.lower()
            plural = tok.tag in {"NNS", "NNPS"}
            group = tok.text.lower() in self.lex.group_nouns  # "warring parties in Yemen"
            speaks = tok.lemma.lower() in self.lex.representative_nouns  # "a spokesman for the Houthis"
            if word != "of" and not (
                direct and (plural or speaks) and (word in {"for", "from"} or (word == "in" and group))
            ):
                continue
            for pobj in parse.kids(prep, "pobj"):
                for arg in [pobj, *self._conjuncts(parse, pobj)]:
                    if arg.i in parse.mention_of or any(
                        k.i in parse.mention_of for k in parse.kids(arg, "compound", "amod", "poss")
                    ):
                        out += self._resolve(parse, arg, role, sentence, places_ok=places_ok)
                    else:
                        out += self._of_actors(parse, arg, role, sentence, places_ok, depth - 1, direct=False)
        return out

    def _is_group(self, parse: SentenceParse, tok: Token) -> bool:
        """'the two countries', 'both sides', 'the Caucasus neighbours': the document's pair."""
        if tok.text.lower() not in self.lex.group_nouns or len(self.pair) != 2:
            return False
        words = {k.text.lower() for k in parse.kids(tok, "det", "predet", "nummod", "quantmod")}
        return bool(words & {"the", "both", "two", "these", "those"})

    def _home_state(self, parse: SentenceParse, tok: Token) -> Actor | None:
        """'the government' (no other word naming whose): the one state among the document's
        two parties, or the one state a document without two parties names; None when both or
        neither are states."""
        if tok.lemma.lower() not in self.lex.state_nouns or parse.kids(tok, "compound", "amod", "poss", "prep"):
            return None
        if not any(k.text.lower() == "the" for k in parse.kids(tok, "det")):
            return None
        states = [a for a in self.pair if a.kind in {"country", "government"}]
        if not self.pair:  # no two parties: the one state the document names, if only one
            named = {m.actor.country: m.actor for m in self.actor_mentions
                     if m.actor is not None and m.actor.kind in {"country", "government"} and m.actor.country}
            if len(named) == 1:
                return next(iter(named.values()))
        return states[0] if len(states) == 1 else None

    def _phrase(self, parse: SentenceParse, tok: Token) -> str:
        span = [t for t in parse.subtree(tok) if t.i <= tok.i]
        return self.doc.body[span[0].start : tok.end]

    def _conjuncts(self, parse: SentenceParse, tok: Token) -> list[Token]:
        out: list[Token] = []
        for conj in parse.kids(tok, "conj"):
            out.append(conj)
            out.extend(self._conjuncts(parse, conj))
        return out

    def _antecedent(self, parse: SentenceParse, pron: Token, sentence: Sentence) -> list[Actor]:
        """A simple rule: the nearest preceding actor mention (this sentence, else the previous
        one) of a compatible kind; 'they' takes a conjoined pair when there is one."""
        word = pron.text.lower()
        if word in _FIRST_PERSON:
            return self._speaker(pron.start)  # "We condemn ...," the embassy said
        if word in {"you"}:
            return []
        ahead = self._cataphor(parse, pron)
        if ahead:
            return ahead
        prev_start = self.doc.sentences[sentence.index - 1].start if sentence.index > 0 else sentence.start
        candidates = [
            m
            for m in self.actor_mentions
            if prev_start <= m.start
            and m.end <= pron.start
            and "according to" not in self.doc.body[max(0, m.start - 20) : m.start].lower()  # the cited source
        ]
        if word in _PRONOUNS_PLURAL and len(self.pair) == 2:
            groups = [g for g in self._group_re.finditer(self.doc.body, prev_start, pron.start)]
            if groups and (not candidates or groups[-1].end() > candidates[-1].end):
                return list(self.pair)  # "the two countries said ... they exchanged"
        for m in reversed(candidates):
            assert m.actor is not None
            is_person = m.actor.kind == "person"
            if word in _PRONOUNS_PERSON and not is_person:
                continue
            if word in _PRONOUNS_THING and is_person:
                continue
            if word in _PRONOUNS_PLURAL:
                pair = [
                    c
                    for c in candidates
                    if c is not m and c.end <= m.start and self.doc.body[c.end : m.start].strip() in {"and", ","}
                ]
                if pair:
                    return [pair[-1].actor, m.actor]  # type: ignore[list-item]
            return [m.actor]
        return []

    @staticmethod
    def _cataphor(parse: SentenceParse, pron: Token) -> list[Actor]:
        """A third-person pronoun in a clause set before its main clause refers ahead to that
        clause's subject: "Speaking after his Cabinet voted, Netanyahu said ..." is Netanyahu's
        Cabinet. [] when the subject names no actor of the pronoun's kind."""
        word = pron.text.lower()
        chain = [pron, *parse.ancestors(pron)]
        for clause, main in itertools.pairwise(chain):
            if clause.dep != "advcl" or clause.i > main.i:
                continue
            for subj in parse.kids(main, "nsubj"):
                mention = parse.mention_of.get(subj.i)
                if subj.i <= pron.i or mention is None or mention.actor is None:
                    continue
                is_person = mention.actor.kind == "person"
                if (word in _PRONOUNS_PERSON) == is_person and word not in _PRONOUNS_PLURAL:
                    return [mention.actor]
        return []

    def _speaker(self, pos: int) -> list[Actor]:
        """Who speaks the direct quote that ``pos`` is inside: the actor named last before the
        quote opens, in the sentence where it opens ("the British Embassy said: “We ..."), else
        the first named after it closes, in the sentence where it closes ("“We ...,” the
        embassy said"). A quote continued into a new paragraph (which reopens with a quotation
        mark) is the same quote. None found, or ``pos`` outside a quote: []."""
        body = self.doc.body
        opening = _quote_opening(body, pos)
        if opening is None:
            return []
        sentence = next((s for s in self.doc.sentences if s.start <= opening < s.end), None)
        if sentence is not None:
            before = [m for m in self.actor_mentions if sentence.start <= m.start and m.end <= opening]
            if before:
                return [before[-1].actor]  # type: ignore[list-item]
        closing = _quote_closing(body, pos)
        if closing is None:
            return []
        sentence = next((s for s in self.doc.sentences if s.start <= closing < s.end), None)
        if sentence is None:
            return []
        after = [m for m in self.actor_mentions if closing < m.start and m.end <= sentence.end]
        return [after[0].actor] if after else []  # type: ignore[list-item]

    def _fold_actors(self, parse: SentenceParse, trig: Trigger, part: Trigger, sentence: Sentence) -> None:
        """The participants of a folded modifier join the event: a mediator as 'other'
        ("with the mediation of Moscow"), the parties of 'talks between X and Y' as sources
        when the event has none ("the agreement was reached during talks between ...")."""
        if part.modality == "negated":
            return  # "not mediated by a third party" names no participant
        self._actors(parse, part, sentence)
        names = {a.actor.name for a in trig.actors}
        has_source = any(a.role == "source" for a in trig.actors)
        mediation = part.tok.lemma.lower() in self.lex.mediation
        extra: list[EventActor] = []
        if mediation:
            for prep in parse.kids(part.tok, "prep"):
                if prep.text.lower() == "of":
                    for pobj in parse.kids(prep, "pobj"):
                        extra += self._resolve(parse, pobj, "other", sentence)
        for ea in part.actors + extra:
            if ea.actor.name in names:
                continue
            role: Role = "other" if mediation else ("source" if not has_source else ea.role)
            if not mediation and has_source and ea.role == "source":
                role = "other"
            trig.actors.append(EventActor(ea.actor, role, ea.text))
            names.add(ea.actor.name)

    def _tied_clauses(self, parse: SentenceParse, trig: Trigger, live: Sequence[Trigger],
                      markers: frozenset[str] | None = None) -> list[Trigger]:
        """The other hostile events of the sentence whose clause is an adverbial clause of this
        one's, or this one's of theirs ("were killed | when the RSF shelled the town");
        ``markers`` keeps only clauses opened by those words."""
        if trig.type not in self.lex.hostile_types:
            return []
        found = []
        for other in live:
            if other is trig or other.type not in self.lex.hostile_types:
                continue
            for sub, main in ((other, trig), (trig, other)):
                if sub.tok.dep == "advcl" and sub.tok.head == main.tok.i and (markers is None or any(
                    k.lemma.lower() in markers for k in parse.kids(sub.tok, "mark", "advmod")
                )):
                    found.append(other)
                    break
        return found

    def _borrow_agent(self, parse: SentenceParse, trig: Trigger, live: list[Trigger]) -> None:
        """A passive hostile event with no agent takes the attacker of the hostile clause tied to
        it: in "dozens were killed when the RSF shelled the town", the RSF did the killing."""
        if any(a.role == "source" for a in trig.actors) or not parse.kids(trig.tok, "auxpass", "nsubjpass"):
            return
        for other in self._tied_clauses(parse, trig, live):
            sources = [a for a in other.actors if a.role == "source"]
            if sources:
                names = {a.actor.name for a in trig.actors}
                trig.actors[:0] = [
                    EventActor(replace(a.actor), "source", a.text) for a in sources if a.actor.name not in names
                ]
                return

    def _nearest_left(self, parse: SentenceParse, trig: Trigger, exclude: set[str]) -> list[EventActor]:
        """Fallback when the parse gives no subject: the closest actor mention before the verb in
        its own clause (after any earlier verb), not inside a prepositional phrase; but names
        standing right before the verb are its subject however the parse hangs them ("as
        Thailand and Cambodia executed", parsed as a preposition's objects)."""
        adjacent = self._adjacent_subject(parse, trig)
        if adjacent:
            return [a for a in adjacent if a.actor.name not in exclude]
        floor = parse.tokens[0].start
        for t in parse.tokens:
            # a participle the parse took for an adjective ("the gang unleashed terror") opens no clause
            if t.i < trig.tok.i and t.pos == "VERB" and t.dep != "amod" and t.i not in parse.mention_of:
                floor = t.end
        best = None
        for t in parse.tokens:
            if floor <= t.start and t.i < trig.tok.i and t.i in parse.mention_of:
                m = parse.mention_of[t.i]
                if m.actor is None or m.actor.name in exclude or self._in_pp(parse, t):
                    continue
                best = m
        if best is None or best.actor is None:
            return []
        return [EventActor(replace(best.actor), "source", best.text)]

    def _noun_phrase_preps(self, parse: SentenceParse, noun: Token) -> list[Token]:
        """The prepositions inside a noun's phrase, through nouns only (no verb, no clause)."""
        out: list[Token] = []
        stack = [noun]
        while stack:
            cur = stack.pop()
            for prep in parse.kids(cur, "prep"):
                out.append(prep)
                stack.extend(o for o in parse.kids(prep, "pobj") if o.pos in {"NOUN", "PROPN"})
        return out

    def _adjacent_subject(self, parse: SentenceParse, trig: Trigger) -> list[EventActor]:
        """The named parties (with their conjuncts) that end right before a finite verb."""
        if trig.tok.pos != "VERB" or trig.tok.tag not in {"VBD", "VBZ", "VBP"}:
            return []
        prev = parse.by_i.get(trig.tok.i - 1)
        while prev is not None and prev.pos in {"ADV", "AUX", "PART"}:
            prev = parse.by_i.get(prev.i - 1)
        if prev is None or prev.i not in parse.mention_of:
            return []
        first = prev
        while first.dep == "conj" and (head := parse.head(first)) is not None and head.i in parse.mention_of:
            first = head
        out: list[EventActor] = []
        for arg in [first, *self._conjuncts(parse, first)]:
            mention = parse.mention_of.get(arg.i)
            if mention is not None and mention.actor is not None:
                out.append(EventActor(replace(mention.actor), "source", mention.text))
        return out

    def _in_pp(self, parse: SentenceParse, tok: Token) -> bool:
        for anc in [tok, *parse.ancestors(tok)]:
            if anc.dep in {"pobj", "prep"}:
                return True
            if anc.pos in {"VERB", "AUX"}:
                return False
        return False
