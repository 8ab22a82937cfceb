"""Event extraction from the compact parse: triggers (verbs, event nouns, phrasal verbs) mapped
to PLOVER types by the lexicon plus context (negation, modality, objects), with actors,
place, quantities, date and the evidence sentence. spaCy-free: reads Token records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from chronicle.events.dating import from_publication, from_timex, usable
from chronicle.events.lexicon import EventLexicon, event_lexicon
from chronicle.events.quantities import FoundQuantity, find_quantities
from chronicle.records import (
    Actor,
    Document,
    Event,
    EventActor,
    EventDate,
    Mention,
    Place,
    Quantity,
    Role,
    Sentence,
    TimeExpr,
    Token,
)

_SUBJECTS = frozenset({"nsubj", "csubj"})
_TARGET_PREPS = frozenset({"with", "to", "on", "upon", "against", "toward", "towards", "at"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
# Dependents through which an event noun takes its clause (tense, modality, subject) from a verb.
_CLAUSE_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd"})
_PLACE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "within", "into", "from"}
)
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "can", "must"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_THING = frozenset({"it", "its"})
_PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
# Adjectives that judge rather than name an event; left out of its wording.
_EVALUATIVE = frozenset(
    {
        "decisive",
        "major",
        "new",
        "latest",
        "brief",
        "massive",
        "large",
        "rare",
        "further",
        "first",
        "last",
        "recent",
        "previous",
        "possible",
        "potential",
        "full",
        "key",
        "important",
        "long",
        "short",
        "intense",
        "fresh",
        "historic",
        "historical",
        "continued",
        "successful",
        "failed",
        "renewed",
        "so",
        "called",
        "comprehensive",
    }
)


@dataclass(slots=True)
class _Trigger:
    tok: Token
    type: str
    governor: Token  # the verb whose clause carries tense, modality and the subject
    wording: str
    particle: Token | None = None
    light: bool = False  # a noun carried by a light verb: "launched an operation"
    absorbed: bool = False
    modality: str = "asserted"
    actors: list[EventActor] = field(default_factory=list)
    host: Token | None = None  # the verb the trigger hangs from, through prepositions too


class SentenceParse:
    """The tokens of one sentence with child lists, and which mention each token is in."""

    def __init__(self, tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
        self.tokens = list(tokens)
        self.by_i = {t.i: t for t in tokens}
        self.children: dict[int, list[Token]] = defaultdict(list)
        for t in tokens:
            if t.head != t.i and t.head in self.by_i:
                self.children[t.head].append(t)
        self.mention_of: dict[int, Mention] = {}
        for m in mentions:
            for t in tokens:
                if m.start <= t.start and t.end <= m.end:
                    self.mention_of[t.i] = m

    def head(self, tok: Token) -> Token | None:
        return self.by_i.get(tok.head) if tok.head != tok.i else None

    def kids(self, tok: Token, *deps: str) -> list[Token]:
        return [c for c in self.children.get(tok.i, []) if not deps or c.dep in deps]

    def ancestors(self, tok: Token) -> list[Token]:
        out: list[Token] = []
        cur = self.head(tok)
        while cur is not None and len(out) < 50:
            out.append(cur)
            cur = self.head(cur)
        return out

    def subtree(self, tok: Token) -> list[Token]:
        out = [tok]
        for child in self.children.get(tok.i, []):
            out.extend(self.subtree(child))
        return sorted(out, key=lambda t: t.i)


class Extractor:
    """Extracts the events of one document."""

    def __init__(self, doc: Document, lex: EventLexicon | None = None) -> None:
        self.doc = doc
        self.lex = lex or event_lexicon()
        self.by_sentence: dict[int, list[Token]] = defaultdict(list)
        for t in doc.tokens:
            self.by_sentence[t.sentence].append(t)
        self.actor_mentions = [m for m in doc.mentions if m.actor is not None]
        # Sentence index -> the date its main clause's event was given (for narrative time).
        self._clause_dates: dict[int, EventDate] = {}

    # ------------------------------------------------------------------ driver
    def events(self) -> list[Event]:
        out: list[Event] = []
        for sentence in self.doc.sentences:
            tokens = self.by_sentence.get(sentence.index)
            if not tokens or not any(t.pos in {"VERB", "AUX"} for t in tokens):
                continue  # unparsed, or a headline-like fragment without a verb
            out.extend(self._sentence_events(sentence, tokens))
        return out

    def _sentence_events(self, sentence: Sentence, tokens: list[Token]) -> list[Event]:
        mentions = [m for m in self.doc.mentions if sentence.start <= m.start and m.end <= sentence.end]
        parse = SentenceParse(tokens, mentions)
        timexes = [t for t in self.doc.timexes if sentence.start <= t.start and t.end <= sentence.end]
        triggers = self._triggers(parse)
        self._absorb(parse, triggers)
        live = [t for t in triggers if not t.absorbed]
        quantities = find_quantities(tokens, self.doc.body, timexes, self.lex)
        events = []
        for trig in live:
            self._context(parse, trig)
            self._actors(parse, trig, sentence)
            qs = self._quantities_for(parse, trig, live, quantities)
            date = self._date(parse, trig, live, timexes, sentence)
            place = self._place(parse, trig, mentions, sentence)
            events.append(self._event(sentence, trig, qs, date, place))
        return events

    # ------------------------------------------------------------------ triggers
    def _triggers(self, parse: SentenceParse) -> list[_Trigger]:
        lex = self.lex
        found: list[_Trigger] = []
        for tok in parse.tokens:
            lemma = tok.lemma.lower()
            if tok.pos == "VERB" and tok.dep not in {"amod", "compound"}:
                particle = None
                etype = None
                for child in parse.kids(tok, "prt", "prep", "dobj"):
                    key = (lemma, child.text.lower())
                    if key in lex.phrasal:
                        etype, particle = lex.phrasal[key], child
                        break
                if etype is None:
                    etype = lex.verbs.get(lemma)
                if etype is None:
                    continue
                theme = self._theme(parse, tok)
                if particle is None and lemma in lex.object_required and theme is None:
                    continue
                if (
                    particle is None
                    and lemma in lex.needs_theme
                    and (theme is None or not _is_a(theme, lex.needs_theme[lemma]))
                ):
                    continue  # "a statement released on Thursday" is no release of prisoners
                etype = self._object_rule(lemma, theme, etype)
                wording = tok.text if particle is None else self.doc.body[tok.start : particle.end]
                found.append(_Trigger(tok, etype, tok, wording, particle, host=tok))
            elif (
                tok.pos in {"NOUN", "PROPN"}
                and tok.dep != "compound"
                and (tok.text[:1].islower() or tok.i == parse.tokens[0].i)
            ):
                noun = lemma if lemma in lex.nouns else tok.text.lower()
                etype = lex.nouns.get(noun)
                if etype is None:
                    continue
                if noun in lex.noun_needs_modifier and not self._has_modifier(parse, tok, noun):
                    continue
                host = self._governor(parse, tok)
                governor = host if tok.dep in _CLAUSE_DEPS and parse.head(tok) is host else tok
                light = (
                    governor is not tok
                    and governor.lemma.lower() in lex.light_verbs
                    and tok.dep in {"dobj", "nsubjpass"}
                )
                found.append(
                    _Trigger(tok, etype, governor, self._wording(parse, tok), light=light, host=host)
                )
        return found

    def _theme(self, parse: SentenceParse, verb: Token) -> Token | None:
        kids = parse.kids(verb, "dobj", "nsubjpass")
        if kids:
            return kids[0]
        if verb.dep == "acl" and verb.tag == "VBN":
            return parse.head(verb)  # "prisoners released on Monday"
        # The parse often loses the object in coordinated clauses ("X is releasing 32 soldiers
        # and Y is releasing two"): take the first noun right after the verb.
        for tok in parse.tokens:
            if tok.i <= verb.i:
                continue
            if tok.i > verb.i + 7 or tok.pos in {"VERB", "AUX", "PUNCT", "SCONJ"}:
                return None
            if tok.pos == "NOUN" and tok.dep != "compound":
                return tok
        return None

    def _object_rule(self, lemma: str, theme: Token | None, etype: str) -> str:
        rules = self.lex.object_rules.get(lemma)
        if not rules or theme is None:
            return etype
        word = theme.lemma.lower()
        for rule_type, objects in rules.items():
            if word in objects or word.rstrip("s") in objects:
                return rule_type
        return etype

    def _has_modifier(self, parse: SentenceParse, tok: Token, noun: str) -> bool:
        needed = self.lex.noun_needs_modifier[noun]
        window = [t for t in parse.tokens if tok.i - 4 <= t.i <= tok.i + 3 and t.i != tok.i]
        text = " ".join(t.text.lower() for t in window).replace(" - ", "-")
        words = set(text.split())
        if any(n in words or n in text for n in needed):
            return True
        return any(t.lemma.lower() in needed for t in window)

    def _governor(self, parse: SentenceParse, noun: Token) -> Token:
        """The verb whose clause an event noun sits in ("launched [an operation]")."""
        cur: Token | None = noun
        while cur is not None:
            head = parse.head(cur)
            if head is None:
                return noun
            if head.pos in {"VERB", "AUX"}:
                return head
            if head.pos in {"NOUN", "PROPN"} and cur.dep not in {"pobj", "prep"}:
                return noun
            cur = head
        return noun

    def _wording(self, parse: SentenceParse, noun: Token) -> str:
        """The noun with the modifiers that name the event: 'anti-terrorism operation'."""
        first = noun
        for kid in sorted(parse.kids(noun), key=lambda t: -t.i):
            if kid.i > noun.i or (kid.i != first.i - 1 and not self._hyphen_group_ends(parse, kid, first)):
                continue
            if kid.dep in {"compound", "nmod", "npadvmod", "nummod"} or (
                kid.dep == "amod" and kid.text.lower() not in _EVALUATIVE
            ):
                first = parse.subtree(kid)[0]
            else:
                break
        return self.doc.body[first.start : noun.end]

    def _hyphen_group_ends(self, parse: SentenceParse, kid: Token, first: Token) -> bool:
        span = parse.subtree(kid)
        return span[-1].i == first.i - 1

    def _absorb(self, parse: SentenceParse, triggers: list[_Trigger]) -> None:
        by_tok = {t.tok.i: t for t in triggers}
        for trig in triggers:
            if trig.tok.pos in {"NOUN", "PROPN"}:
                gov = by_tok.get((trig.host or trig.governor).i)
                if gov is not None and gov is not trig and gov.type == trig.type:
                    trig.absorbed = True
                    if gov.tok.pos == "VERB" and gov.particle is None:
                        gov.wording = trig.wording  # "seized ... in a 24-hour offensive"
                continue
            # "agreed to cease fire", "refused to take part", "called on X to stop": the outer act.
            head = parse.head(trig.tok)
            outer = by_tok.get(head.i) if head is not None else None
            if (
                outer is not None
                and trig.tok.dep in {"xcomp", "ccomp"}
                and outer.type in {"AGREE", "REJECT", "DEMAND", "THREATEN", "DISAPPROVE"}
            ):
                trig.absorbed = True
                if outer.type == "AGREE" and trig.type in self.lex.hostile_types:
                    outer.type = "THREATEN"

    # ------------------------------------------------------------------ context
    def _context(self, parse: SentenceParse, trig: _Trigger) -> None:
        gov = trig.governor
        auxes = {k.text.lower() for k in parse.kids(gov, "aux", "auxpass")}
        negated = any(k.text.lower() in _NEGATIONS for k in parse.kids(gov, "neg")) or any(
            k.text.lower() in _NEGATIONS for k in parse.kids(trig.tok, "neg", "det")
        )
        modality = "asserted"
        if auxes & _FUTURE:
            modality = "promised"
        elif auxes & _HYPOTHETICAL:
            modality = "hypothetical"
        head = parse.head(gov)
        if gov.dep == "xcomp" and head is not None and head.lemma.lower() in self.lex.intent_verbs:
            modality = "promised"
            if any(k.text.lower() in _NEGATIONS for k in parse.kids(head, "neg")):
                negated = True
        if negated:
            modality = "negated"
            trig.type = self.lex.negated_types.get(trig.type, trig.type)
        elif modality == "promised":
            trig.type = self.lex.promise_types.get(trig.type, trig.type)
        if modality == "asserted" and self._reported(parse, gov):
            modality = "reported"
        trig.modality = modality

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

    # ------------------------------------------------------------------ actors
    def _actors(self, parse: SentenceParse, trig: _Trigger, sentence: Sentence) -> None:
        gov = trig.governor
        sources: list[EventActor] = []
        targets: list[EventActor] = []
        is_noun = trig.tok.pos in {"NOUN", "PROPN"}
        if not is_noun or gov is not trig.tok:
            subj_clause = gov
            for _ in range(4):  # a conjoined verb shares its subject: "decided ... and called on"
                if parse.kids(subj_clause, *_SUBJECTS, "agent") or subj_clause.dep not in {
                    "conj",
                    "xcomp",
                    "advcl",
                }:
                    break
                head = parse.head(subj_clause)
                if head is None:
                    break
                subj_clause = head
            for subj in parse.kids(subj_clause, *_SUBJECTS):
                if subj is not trig.tok:
                    sources += self._resolve(parse, subj, "source", sentence)
            for agent in parse.kids(gov, "agent"):
                for pobj in parse.kids(agent, "pobj"):
                    sources += self._resolve(parse, pobj, "source", sentence)
        if is_noun:
            for prep in parse.kids(trig.tok, "prep"):
                if prep.text.lower() == "by":
                    for pobj in parse.kids(prep, "pobj"):
                        sources += self._resolve(parse, pobj, "source", sentence)
            if not sources:
                for poss in parse.kids(trig.tok, "poss"):
                    if poss.pos != "PRON":
                        sources += self._resolve(parse, poss, "source", sentence)
                for mod in parse.kids(trig.tok, "amod", "compound", "nmod"):
                    if mod.i in parse.mention_of:
                        sources += self._resolve(parse, mod, "source", sentence)
        holders = [trig.tok] if is_noun and gov is trig.tok else [gov]
        for obj in parse.kids(holders[0], "dobj", "dative", "nsubjpass"):
            if obj is not trig.tok:
                targets += self._resolve(parse, obj, "target", sentence)
        if is_noun and gov is not trig.tok:
            holders.append(trig.tok)
        if trig.particle is not None:
            holders.append(trig.particle)
        for holder in holders:
            for prep in parse.kids(holder, "prep") + ([holder] if holder.dep == "prep" else []):
                word = prep.text.lower()
                if word in _TARGET_PREPS or word == "between":
                    for pobj in parse.kids(prep, "pobj"):
                        role: Role = "other" if word == "between" else "target"
                        targets += self._resolve(parse, pobj, role, sentence, places_ok=False)
        if not sources and not is_noun:
            sources = self._nearest_left(parse, trig, {a.actor.name for a in targets})
        seen: set[str] = set()
        actors: list[EventActor] = []
        for ea in sources + targets:
            key = ea.actor.name
            if key in seen:
                continue
            seen.add(key)
            actors.append(ea)
        trig.actors = actors

    def _resolve(
        self, parse: SentenceParse, tok: Token, role: Role, sentence: Sentence, *, places_ok: bool = True
    ) -> list[EventActor]:
        """The actors an argument token refers to (with its conjuncts); pronouns by proximity."""
        out: list[EventActor] = []
        if tok.text.lower() in _RELATIVE:
            clause = parse.head(tok)
            head = parse.head(clause) if clause is not None and clause.dep == "relcl" else None
            if head is None:
                return out
            tok = head  # "the region, which surrendered" -> the region
        for arg in [tok, *self._conjuncts(parse, tok)]:
            if arg.lemma.lower() in self.lex.nouns:
                continue  # "with the mediation of Moscow": an event, not a participant
            if arg.pos == "PRON" or arg.text.lower() in _PRONOUNS_PLURAL | _PRONOUNS_THING | _PRONOUNS_PERSON:
                out += [
                    EventActor(replace(a), role, arg.text) for a in self._antecedent(parse, arg, sentence)
                ]
                continue
            mention = parse.mention_of.get(arg.i)
            if mention is None:
                near = parse.kids(arg, "compound", "amod", "poss", "nmod", "appos")
                near += [
                    p
                    for prep in parse.kids(arg, "prep")
                    if prep.text.lower() == "of"
                    for p in parse.kids(prep, "pobj")
                ]
                for sub in near:
                    if sub.i in parse.mention_of:
                        mention = parse.mention_of[sub.i]
                        break
            if mention is None:
                continue
            actor = mention.actor
            if actor is None and places_ok and mention.place is not None:
                actor = Actor(mention.place.name, None, mention.place.country)
            if actor is not None:
                out.append(EventActor(replace(actor), role, mention.text))
        return out

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
        if word in {"i", "we", "you", "me", "us", "our", "my"}:
            return []
        prev_start = self.doc.sentences[sentence.index - 1].start if sentence.index > 0 else sentence.start
        candidates = [
            m
            for m in self.actor_mentions
            if prev_start <= m.start
            and m.end <= pron.start
            and "according to"
            not in self.doc.body[max(0, m.start - 20) : m.start].lower()  # the cited source
        ]
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
                    if c is not m
                    and c.end <= m.start
                    and self.doc.body[c.end : m.start].strip() in {"and", ","}
                ]
                if pair:
                    return [pair[-1].actor, m.actor]  # type: ignore[list-item]
            return [m.actor]
        return []

    def _nearest_left(self, parse: SentenceParse, trig: _Trigger, exclude: set[str]) -> list[EventActor]:
        """Fallback when the parse gives no subject: the closest actor mention before the verb in
        its own clause (after any earlier verb), not inside a prepositional phrase."""
        floor = parse.tokens[0].start
        for t in parse.tokens:
            if t.i < trig.tok.i and t.pos == "VERB" and t.i not in parse.mention_of:
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

    def _in_pp(self, parse: SentenceParse, tok: Token) -> bool:
        for anc in [tok, *parse.ancestors(tok)]:
            if anc.dep in {"pobj", "prep"}:
                return True
            if anc.pos in {"VERB", "AUX"}:
                return False
        return False

    # ------------------------------------------------------------------ attachments
    def _quantities_for(
        self, parse: SentenceParse, trig: _Trigger, live: list[_Trigger], found: list[FoundQuantity]
    ) -> list[Quantity]:
        out = []
        anchors = {trig.tok.i, trig.governor.i}
        for fq in found:
            noun = parse.by_i.get(fq.head)
            if noun is None:
                continue
            if noun.dep in {"dobj", "nsubjpass", "pobj"} and noun.head in anchors:
                out.append(fq.quantity)
                continue
            if noun.dep in {"dobj", "nsubjpass"} and any(noun.head in {o.tok.i, o.governor.i} for o in live):
                continue  # the theme of another event
            previous = [o for o in live if o.tok.i < fq.first and o.tok.pos == "VERB"]
            if previous and previous[-1] is trig:
                out.append(fq.quantity)
        return out

    def _place(
        self, parse: SentenceParse, trig: _Trigger, mentions: list[Mention], sentence: Sentence
    ) -> Place | None:
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
        return None

    def _date(
        self,
        parse: SentenceParse,
        trig: _Trigger,
        live: list[_Trigger],
        timexes: list[TimeExpr],
        sentence: Sentence,
    ) -> EventDate:
        """The time expression governing the trigger's clause; else the narrative date; else the
        publication date for present-tense reporting; else unresolved."""
        gov = trig.governor
        own = {trig.tok.i, gov.i}
        # A date on a governing clause covers this one only through complements and coordination
        # ("said Thursday that they had wrapped up talks"), never through a relative clause.
        ancestors: list[int] = []
        cur = gov
        while cur.dep in {"ccomp", "xcomp", "conj", "parataxis"} and parse.head(cur) is not None:
            cur = parse.head(cur)  # type: ignore[assignment]
            ancestors.append(cur.i)
        other_triggers = {t.governor.i for t in live if t is not trig} | {
            t.tok.i for t in live if t is not trig
        }
        best: tuple[int, TimeExpr] | None = None
        loose: list[TimeExpr] = []
        for timex in timexes:
            if not usable(timex):
                continue
            toks = [t for t in parse.tokens if timex.start <= t.start and t.end <= timex.end]
            if not toks:
                continue
            inside = {t.i for t in toks}
            root = next((t for t in toks if t.head not in inside), toks[0])
            chain = [root.i] + [a.i for a in parse.ancestors(root)]
            rank = None
            for step in chain[1:]:
                if step in own:
                    rank = 0
                    break
                if step in other_triggers:
                    break
                tok = parse.by_i[step]
                if tok.pos in {"VERB", "AUX"} and step in ancestors:
                    rank = 1 + ancestors.index(step)
                    break
                if tok.pos in {"VERB", "AUX"} and step not in ancestors:
                    break
            if rank is None:
                if not any(parse.by_i[s].pos in {"VERB", "AUX"} for s in chain[1:]):
                    loose.append(timex)  # hangs from no clause at all (a dateline, a fragment)
                continue
            if best is None or rank < best[0]:
                best = (rank, timex)
        if best is not None:
            date = from_timex(best[1])
        elif len(loose) == 1:
            date = from_timex(loose[0])
        else:
            date = EventDate()
        if date.start is not None:
            if gov.pos == "VERB" and gov.dep == "ROOT":
                self._clause_dates[sentence.index] = date
            return date
        if trig.modality in {"asserted", "reported", "negated"} and self._past(parse, gov):
            narrative = self._narrative(sentence)
            if narrative is not None:
                return replace(narrative, basis="relative")
        if self.doc.published and self._present(parse, gov) and trig.modality != "hypothetical":
            return from_publication(self.doc.published)
        return EventDate()

    def _past(self, parse: SentenceParse, verb: Token) -> bool:
        auxes = {k.lemma.lower() for k in parse.kids(verb, "aux", "auxpass")}
        return verb.tag == "VBD" or (
            verb.tag == "VBN"
            and ("have" not in auxes or any(k.text.lower() == "had" for k in parse.kids(verb, "aux")))
        )

    def _present(self, parse: SentenceParse, verb: Token) -> bool:
        auxes = [k for k in parse.kids(verb, "aux", "auxpass")]
        if auxes:
            return auxes[0].tag in {"VBZ", "VBP"}
        return verb.tag in {"VBZ", "VBP"}

    def _narrative(self, sentence: Sentence) -> EventDate | None:
        """The date of the previous sentence's main clause, when this sentence continues it in
        the same paragraph, and that date is a day or a month."""
        if sentence.index == 0:
            return None
        prev = self.doc.sentences[sentence.index - 1]
        if "\n" in self.doc.body[prev.end : sentence.start]:
            return None
        date = self._clause_dates.get(prev.index)
        return date if date is not None and date.precision in {"day", "month"} else None

    # ------------------------------------------------------------------ output
    def _event(
        self,
        sentence: Sentence,
        trig: _Trigger,
        quantities: list[Quantity],
        date: EventDate,
        place: Place | None,
    ) -> Event:
        tok = trig.tok
        end = trig.particle.end if trig.particle is not None and trig.particle.start > tok.start else tok.end
        return Event(
            id=f"{self.doc.id}:{sentence.start}:{tok.start}",
            doc_id=self.doc.id,
            type=trig.type,
            summary=summarise(trig, quantities),
            sentence=replace(sentence),
            trigger=self.doc.body[tok.start : end],
            wording=trig.wording,
            actors=trig.actors,
            date=date,
            location=place,
            quantities=quantities,
            modality=trig.modality,  # type: ignore[arg-type]
            trigger_start=tok.start,
            trigger_end=end,
        )


def _is_a(theme: Token, nouns: frozenset[str]) -> bool:
    word = theme.lemma.lower()
    return word in nouns or word.rstrip("s") in nouns or theme.text.lower() in nouns


def third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def summarise(trig: _Trigger, quantities: Sequence[Quantity]) -> str:
    """A short line built from the fields: 'Azerbaijan releases 32 Armenian military servicemen'."""
    sources = [a.actor.name for a in trig.actors if a.role == "source"]
    targets = [a.actor.name for a in trig.actors if a.role != "source"]
    who = " and ".join(sources)
    if trig.tok.pos == "VERB":
        lemma = trig.tok.lemma.lower()
        verb = {
            "promised": f"will {lemma}",
            "negated": f"does not {lemma}",
            "hypothetical": f"may {lemma}",
        }.get(trig.modality, third_person(lemma) if len(sources) < 2 else lemma)
        if trig.particle is not None:
            verb += " " + trig.particle.text.lower()
        obj = quantities[0].text if quantities else " and ".join(targets)
        text = " ".join(p for p in (who, verb, obj) if p)
    else:
        what = trig.wording
        if trig.light and trig.governor is not trig.tok:
            lemma = trig.governor.lemma.lower()
            verb = third_person(lemma) if len(sources) < 2 else lemma
            text = " ".join(p for p in (who, verb, what) if p)
        else:
            text = what + (f" by {who}" if who else "")
        if targets:
            text += " with " + " and ".join(targets)
    return text[:1].upper() + text[1:]


def extract_events(doc: Document, lex: EventLexicon | None = None) -> list[Event]:
    """The events a parsed document reports (needs sentences, tokens, mentions; timexes optional)."""
    return Extractor(doc, lex).events()
