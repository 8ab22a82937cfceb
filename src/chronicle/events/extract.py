"""Event extraction from the compact parse, composed of small parts (one module per job):
triggers, factuality, absorption, actors, attachments (figures, place) and timing. Each
sentence's triggers become events with actors, place, quantities, date and the evidence
sentence; events one sentence names twice are folded (chronicle.events.fold). spaCy-free:
reads Token records."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from chronicle.events.absorb import Absorber
from chronicle.events.actors import ActorResolver
from chronicle.events.attach import Attacher
from chronicle.events.fold import fold_sentence
from chronicle.events.headline import headline
from chronicle.events.parse import AND, CLAUSE_DEPS, SentenceParse, Trigger
from chronicle.events.quantities import find_quantities
from chronicle.events.timing import Dater
from chronicle.lexicon import EventLexicon, event_lexicon
from chronicle.records import (
    Actor,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Quantity,
    Sentence,
    Token,
)
from chronicle.temporal import dateline_end

# Adverbial clauses that say two events happened at the same time.
_SIMULTANEOUS = frozenset({"when", "as", "while"})


class Extractor(Absorber, ActorResolver, Attacher, Dater):
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
        self.pair = document_pair(doc.mentions, doc.body)
        self._group_re = re.compile(
            r"\b(?:the|both|these|those)\s+(?:two\s+|[A-Z][\w-]*\s+)?(?:"
            + "|".join(sorted(self.lex.group_nouns))
            + r")\b",
            re.IGNORECASE,
        )
        self._emitted_nouns: set[str] = set()  # lemmas of event nouns this document already used
        self._agreed_terms: set[str] = set()  # agreement nouns of the agreements it reported reached
        # The dateline names where the reporter filed from, not who acted or where.
        self.dateline_end = dateline_end(doc.body, doc.dateline)

    # ------------------------------------------------------------------ driver
    def events(self) -> list[Event]:
        out: list[Event] = []
        seen: set[str] = set()
        for sentence in self.doc.sentences:
            tokens = self.by_sentence.get(sentence.index)
            if not tokens or not any(t.pos in {"VERB", "AUX"} for t in tokens):
                continue  # unparsed, or a headline-like fragment without a verb
            text = " ".join(self.doc.body[sentence.start : sentence.end].split()).casefold()
            if text in seen:
                continue  # a paragraph the page repeats states its acts once
            seen.add(text)
            out.extend(self._sentence_events(sentence, tokens))
        self._date_from_anaphora(out)  # a line naming the act again ("The announcement was made on ...")
        self._date_from_following(out)  # before a later line on the agreement's life (its taking effect)
        return out

    def _sentence_events(self, sentence: Sentence, tokens: list[Token]) -> list[Event]:
        mentions = [
            m for m in self.doc.mentions
            if sentence.start <= m.start and m.end <= sentence.end and m.start >= self.dateline_end
        ]
        parse = SentenceParse(tokens, mentions, self.lex.infinitive_heads)
        timexes = [t for t in self.doc.timexes if sentence.start <= t.start and t.end <= sentence.end]
        triggers = self._triggers(parse)
        self._absorb(parse, triggers, timexes)
        for trig in triggers:
            self._context(parse, trig)
        live = [t for t in triggers if not t.absorbed and self._not_an_event(parse, t, timexes) is None]
        quantities = find_quantities(tokens, self.doc.body, timexes, self.lex)
        kept: list[tuple[Trigger, Event]] = []
        for trig in live:
            self._actors(parse, trig, sentence)
            for part in trig.absorbed_here:
                self._fold_actors(parse, trig, part, sentence)
        for trig in live:
            self._borrow_agent(parse, trig, live)
        for trig in live:
            qs = self._quantities_for(parse, trig, live, quantities)
            date = self._date(parse, trig, live, timexes, sentence)
            own_time = self._timex_on(parse, trig.tok, timexes, durations=False) or (  # "Thursday's attack"
                trig.light and self._timex_on(parse, trig.governor, timexes, durations=False)  # "was reached on Monday"
            )
            if not own_time and self._unanchored(parse, trig, date, qs):
                continue
            place = self._place(parse, trig, mentions, sentence)
            kept.append((trig, self._event(parse, sentence, trig, qs, date, place)))
        # "were killed when the RSF shelled the town on Wednesday": the same moment, one date.
        dated = {id(t): e.date for t, e in kept if e.date.start is not None}
        for trig, event in kept:
            if event.date.start is None:
                same_time = self._tied_clauses(parse, trig, [t for t, _ in kept], _SIMULTANEOUS)
                # "the meeting ... was hosted by Anwar on Monday": the event noun is the act
                # that the dated verb it is the subject or object of describes
                carriers = [t for t, _ in kept if t is not trig and t.tok.i == trig.tok.head
                            and trig.tok.pos in {"NOUN", "PROPN"} and trig.tok.dep in CLAUSE_DEPS]
                event.date = next(
                    (replace(dated[id(t)]) for t in [*same_time, *carriers] if id(t) in dated), event.date
                )
        if any(t.modality == "promised" or t.type == "AGREE" for t, _ in kept if not t.joint):
            for trig, event in kept:
                if trig.joint:  # the statement announces a commitment: PLOVER codes it AGREE
                    event.type = trig.type = "AGREE"
        for trig in triggers:
            if trig.tok.pos in {"NOUN", "PROPN"}:
                self._emitted_nouns.add(trig.tok.lemma.lower())
        if any(
            e.modality in {"asserted", "reported"}
            and (e.type == "AGREE" or t.governor.lemma.lower() in self.lex.agreement_verbs)  # "signed a deal"
            for t, e in kept
        ):
            self._agreed_terms |= {t.lemma.lower() for t in tokens if t.lemma.lower() in self.lex.agreement_terms}
        trig_of = {id(e): t for t, e in kept}

        def apart(a: Event, b: Event) -> bool:
            """Two predicates, each with its own object ("exchanged prisoners and issued a
            statement"), or one placed after the other."""
            ga, gb = trig_of[id(a)].governor, trig_of[id(b)].governor
            if ga is gb or a.trigger.lower() in self.lex.outcomes or b.trigger.lower() in self.lex.outcomes:
                return False
            if any(self._sequenced(parse, g) for g in (ga, gb)):
                return True  # "signed a deal after Greece offered to mediate": one act, then another
            if {a.type, b.type} <= self.lex.statement_types:
                return False  # "condemned the attack and demanded their release": one statement
            if a.modality == b.modality == "promised" and a.type == b.type:
                return False  # "ready to promote talks and provide support": one pledge
            if a.trigger.lower() == b.trigger.lower() and a.type == b.type:
                return False  # "will support X, support Y and support Z": one pledge, said thrice
            return all(g.pos == "VERB" and parse.kids(g, "dobj") for g in (ga, gb))

        def joined(a: Event, b: Event) -> bool:
            """An event noun that fills the subject or object slot of the other's verb."""
            ta, tb = trig_of[id(a)], trig_of[id(b)]
            for noun, verb in ((ta, tb), (tb, ta)):
                slot = noun.tok
                # through the phrase it names ("the ceasefire meeting", parsed as 'meeting' on 'ceasefire')
                for _ in range(2):
                    up = parse.head(slot)
                    if slot.dep not in {"acl", "compound", "amod"} or up is None or up.pos not in {"NOUN", "PROPN"}:
                        break
                    slot = up
                if (
                    verb.tok.pos == "VERB" and noun.tok.dep != "ROOT" and slot is not verb.tok
                    and slot.dep in CLAUSE_DEPS and slot.head == verb.tok.i
                    and (noun.tok.pos in {"NOUN", "PROPN"} or noun.tok.tag == "VBG")
                ):
                    return True
            return False

        return fold_sentence([e for _, e in kept], self.lex.same_act, self.lex.outcomes, apart, joined)

    # ------------------------------------------------------------------ output
    def _event(
        self,
        parse: SentenceParse,
        sentence: Sentence,
        trig: Trigger,
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
            summary=summarise(trig, quantities, parse=parse, body=self.doc.body, lex=self.lex, place=place),
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


def document_pair(mentions: Sequence[Mention], body: str = "") -> list[Actor]:
    """The two parties a document is about: what 'the two countries', 'both sides' and 'the
    parties' refer to. The first pair of parties the text names together ("Ethiopia and Somalia
    agreed", "Sudan's army and the paramilitary Rapid Support Forces"), else the two
    most-mentioned parties named at least twice (ties broken by first mention): a country, as its
    country actor, or a named armed group. Empty unless the document names two parties."""
    # Parties, not people, and not adjectives: "Saudi and U.S. mediators" names no parties.
    parties = [
        m for m in mentions
        if m.actor is not None and m.label != "NORP" and m.actor.kind != "person" and not m.actor.role_title
    ]
    for n, (a, b) in enumerate(itertools.pairwise(parties)):
        assert a.actor is not None and b.actor is not None
        if n > 0 and body[parties[n - 1].end : a.start].strip() == ",":
            continue  # the tail of a list ("in Israel, Gaza, Lebanon, Syria and Pakistan"), no pair
        # Two organs of one state are not two parties; a state and its rebels are.
        distinct = a.actor.country is None or a.actor.country != b.actor.country or (
            a.actor.sector != b.actor.sector and "REB" in (a.actor.sector, b.actor.sector)
        )
        if a.actor.name != b.actor.name and distinct and AND.match(body[a.end:b.start]):
            return [replace(a.actor), replace(b.actor)]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    actor_for: dict[str, Actor] = {}
    for m in mentions:
        actor = m.actor
        if actor is None or not actor.country:
            continue
        # A named armed group is a party of its own beside its country's state ("the TPLF" and
        # Ethiopia), not one more mention of that state.
        rebels = actor.kind == "group" and actor.sector == "REB" and m.label != "NORP" and "(" not in actor.name
        key = "group:" + actor.name if rebels else actor.country
        counts[key] += 1
        first.setdefault(key, m.start)
        known = actor_for.get(key)
        if rebels or (actor.kind == "country" and (known is None or known.kind != "country")):
            actor_for[key] = actor
        elif known is None and actor.kind == "government" and not actor.role_title and "(" not in actor.name:
            actor_for[key] = actor  # "Baku" -> Azerbaijan's government
    # Countries named once each (a list of places in a byline or a teaser) are no pair.
    ranked = [c for c in sorted(counts, key=lambda c: (-counts[c], first[c])) if counts[c] >= 2]
    pair = [replace(actor_for[c]) for c in ranked[:2] if c in actor_for]
    return pair if len(pair) == 2 else []


def summarise(
    trig: Trigger,
    quantities: Sequence[Quantity],
    *,
    parse: SentenceParse,
    body: str,
    lex: EventLexicon,
    place: Place | None = None,
) -> str:
    """A short headline built from the fields and the parse, in chronicle's own words:
    'Azerbaijan releases 32 Armenian military servicemen' (see chronicle.events.headline)."""
    return headline(parse, trig, quantities, body=body, lex=lex, place=place)


def extract_events(doc: Document, lex: EventLexicon | None = None) -> list[Event]:
    """The events a parsed document reports (needs sentences, tokens, mentions; timexes optional)."""
    return Extractor(doc, lex).events()
