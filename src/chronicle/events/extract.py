"""Event extraction from the compact parse: triggers (verbs, event nouns, phrasal verbs) mapped
to PLOVER types by the lexicon plus context (negation, modality, objects), with actors,
place, quantities, date and the evidence sentence. spaCy-free: reads Token records."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from chronicle.events.dating import from_publication, from_timex, usable
from chronicle.events.fold import fold_sentence
from chronicle.events.headline import headline
from chronicle.events.quantities import FoundQuantity, find_quantities
from chronicle.lexicon import EventLexicon, event_lexicon, inflections
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
from chronicle.temporal import dateline_end
from chronicle.temporal.grammar import MONTH, WEEKDAY
from chronicle.temporal.values import add_days, parse_dct

_SUBJECTS = frozenset({"nsubj", "csubj"})
_TARGET_PREPS = frozenset({"with", "to", "on", "upon", "against", "toward", "towards", "at"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
# Prepositions that order two distinct events ("surrendered after an offensive").
_SEQUENCE_PREPS = frozenset({"after", "before", "following", "since", "despite", "amid", "until", "prior"})
# Dependents through which an event noun takes its clause (tense, modality, subject) from a verb.
_CLAUSE_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd"})
_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "within", "into", "from"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "can", "must"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
_OPEN_QUOTES, _CLOSE_QUOTES = "“«", "”»"
_QUOTE_PARAGRAPHS = 3  # how many paragraphs back a continued quote may have opened
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


# Prepositions that make a time expression a bound of a state, not the time of an act.
_BOUND_PREPS = frozenset({"since", "until", "till", "through", "throughout"})
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
# Verbs that schedule what follows them: "is set to take effect", "is due to begin".
_SCHEDULED = frozenset({"set", "due", "schedule", "expect", "slate", "plan"})
_WEEKDAY_ONLY = re.compile(rf"(?:on\s+)?{WEEKDAY}\Z", re.I)
# How far ahead an undated agreement looks for the sentence that dates it.
_FOLLOWING_SENTENCES = 3
# How far after a noun naming an act again its day may stand ("The incident, which took place on").
_NEAR_CHARS = 40
# Adverbial clauses that say two events happened at the same time.
_SIMULTANEOUS = frozenset({"when", "as", "while"})
_OFFSET_WORDS = frozenset({"after", "before", "later", "earlier", "ago"})  # "a day after": no duration


@dataclass(slots=True)
class Trigger:
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
    joint: bool = False  # "a joint statement": the parties speak together
    into: Trigger | None = None  # the event this trigger was absorbed into (a modifier of it)
    absorbed_here: list[Trigger] = field(default_factory=list)  # modifiers folded into this one
    own: set[int] = field(default_factory=set)  # extra tokens whose dates are this event's own
    lexical_type: str = ""  # the type before negation/promise changed it
    predicated: bool = False  # an agreement noun its own verb phrase acts on: "the truce took effect"
    circumstance: bool = False  # an undated event noun that only sets the scene: "agreed after talks"


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
        self.pair = document_pair(doc.mentions, doc.body)
        self._group_re = re.compile(
            r"\b(?:the|both|these|those)\s+(?:two\s+|[A-Z][\w-]*\s+)?(?:"
            + "|".join(sorted(self.lex.group_nouns))
            + r")\b",
            re.IGNORECASE,
        )
        self._emitted_nouns: set[str] = set()  # lemmas of event nouns this document already used
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

    def _date_from_anaphora(self, events: list[Event]) -> None:
        """"Three sailors were killed after a missile struck the ship. ... The incident, which
        took place on Wednesday, ...": an undated act takes the one day that a following
        sentence gives a definite noun naming it again (``incident_nouns``)."""
        for event in events:
            pattern = self.lex.incident_patterns.get(event.type)
            if pattern is None or event.date.start is not None or event.modality not in {"asserted", "reported"}:
                continue
            following = self.doc.sentences[event.sentence.index + 1 : event.sentence.index + 1 + _FOLLOWING_SENTENCES]
            # the first of them that names the act again and gives a day ("The tragic incident
            # has become ..." gives none; "The incident, which took place on Wednesday" does)
            for sentence in following:
                named = pattern.search(self.doc.body[sentence.start : sentence.end])
                if named is None:
                    continue
                days = [
                    tx for tx in self.doc.timexes
                    if sentence.start <= tx.start < sentence.end and tx.start >= self.dateline_end
                    and usable(tx) and not _bare_clock(tx) and _DAY_VALUE.match(tx.value or "")
                ]
                # the one day the sentence gives, or the day right after the noun ("The
                # announcement was made on November 26, and the truce takes effect on the 27th")
                after = sentence.start + named.end()
                near = [tx for tx in days if 0 <= tx.start - after <= _NEAR_CHARS]
                if len({(tx.value or "")[:10] for tx in days}) == 1 or near:
                    event.date = replace(from_timex((near or days)[0]), basis="narrative")
                    break

    def _date_from_following(self, events: list[Event]) -> None:
        """"India and Pakistan have agreed to a ceasefire. The agreement, effective ... on May
        10, 2025, ...": an undated agreement takes the day the next few sentences give the
        same agreement (an agreement noun, or the same verb) — the narrative's own date."""
        family = self.lex.agreement_family
        for event in events:
            if event.date.start is not None or event.type not in family:
                continue
            if event.modality not in {"asserted", "reported"}:
                continue
            for later in events:
                gap = later.sentence.index - event.sentence.index
                if not 0 < gap <= _FOLLOWING_SENTENCES or later.type not in family:
                    continue
                if later.date.precision != "day" or later.date.basis not in {"explicit", "relative"}:
                    continue
                word = later.trigger.lower()
                if event.trigger.lower() not in self.lex.agreement_words:
                    break  # "offered to mediate": not the agreement a later sentence dates
                if word in self.lex.agreement_nouns or word == event.trigger.lower():
                    event.date = replace(later.date, basis="narrative")
                    break

    def _sentence_events(self, sentence: Sentence, tokens: list[Token]) -> list[Event]:
        mentions = [
            m for m in self.doc.mentions
            if sentence.start <= m.start and m.end <= sentence.end and m.start >= self.dateline_end
        ]
        parse = SentenceParse(tokens, mentions)
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
            own_time = self._timex_on(parse, trig.tok, timexes, durations=False)  # "Thursday's attack"
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
                            and trig.tok.pos in {"NOUN", "PROPN"} and trig.tok.dep in _CLAUSE_DEPS]
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
        trig_of = {id(e): t for t, e in kept}

        def apart(a: Event, b: Event) -> bool:
            """Two predicates, each with its own object: "exchanged prisoners and issued a statement"."""
            ga, gb = trig_of[id(a)].governor, trig_of[id(b)].governor
            if ga is gb or a.trigger.lower() in self.lex.outcomes or b.trigger.lower() in self.lex.outcomes:
                return False
            if {a.type, b.type} <= self.lex.statement_types:
                return False  # "condemned the attack and demanded their release": one statement
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
                    and slot.dep in _CLAUSE_DEPS and slot.head == verb.tok.i
                    and (noun.tok.pos in {"NOUN", "PROPN"} or noun.tok.tag == "VBG")
                ):
                    return True
            return False

        return fold_sentence([e for _, e in kept], self.lex.same_act, self.lex.outcomes, apart, joined)

    # ------------------------------------------------------------------ triggers
    def _triggers(self, parse: SentenceParse) -> list[Trigger]:
        lex = self.lex
        found: list[Trigger] = []
        for n, tok in enumerate(parse.tokens):
            lemma = tok.lemma.lower()
            if _negative_prefix(parse.tokens, n):
                continue  # "non-deployment", "non-aggression": the absence of the act
            if _in_a_name(parse, n):
                continue  # "Pakistan-Occupied Kashmir": a place's name, not an act
            if (named := self._named_operation(parse, tok)) is not None:
                found.append(named)  # "launched Operation Sindoor"
                continue
            if (demand := self._modal_demand(parse, tok)) is not None:
                found.append(demand)  # "Russia said Sudan must return the helicopter"
                continue
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
                    and not (theme is not None and self._names_people(parse, theme))
                ):
                    continue  # "a statement released on Thursday" is no release of prisoners
                etype = self._object_rule(lemma, theme, etype)
                wording = tok.text if particle is None else self.doc.body[tok.start : particle.end]
                governor = tok
                head = parse.head(tok)
                if (  # "fighting resumed in Karabakh": the gerund takes the clause of its verb
                    head is not None
                    and tok.tag == "VBG"
                    and tok.dep in {"nsubj", "csubj", "dobj", "xcomp"}
                    and head.lemma.lower() in lex.aspectual_verbs | lex.light_verbs
                ):
                    governor = head
                found.append(Trigger(tok, etype, governor, wording, particle, host=tok))
            elif (
                tok.pos in {"NOUN", "PROPN"}
                and tok.dep != "compound"
                and (tok.text[:1].islower() or tok.i == parse.tokens[0].i)
            ):
                noun = lemma if lemma in lex.nouns else tok.text.lower()
                etype = lex.nouns.get(noun)
                joint = False
                if etype is None and lemma in lex.joint_nouns:
                    joint = any(k.lemma.lower() == "joint" for k in parse.kids(tok, "amod", "compound"))
                    etype = "CONSULT" if joint else None
                if etype is None and lemma not in lex.agreement_nouns:
                    continue
                if noun in lex.noun_needs_modifier and not self._has_modifier(parse, tok, noun):
                    continue
                host = self._governor(parse, tok)
                anchor = self._clause_slot(parse, tok)
                governor = host if anchor.dep in _CLAUSE_DEPS and parse.head(anchor) is host else tok
                predicated = False
                if etype is None:  # "an agreement was reached", "the truce took effect"
                    typed = self._agreement_type(parse, tok, governor)
                    if typed is None:
                        continue
                    etype, governor = typed
                    predicated = etype != "AGREE"
                light = (
                    governor is not tok
                    and governor.lemma.lower() in lex.light_verbs | lex.agreement_verbs
                    and anchor.dep in {"dobj", "nsubjpass"}
                )
                etype = self._noun_context_type(parse, tok, noun, governor, etype)
                trig = Trigger(
                    tok, etype, governor, self._wording(parse, tok), light=light, host=host, joint=joint,
                    predicated=predicated,
                )
                # participles modifying the noun date it: "a joint statement released on Thursday"
                trig.own = {k.i for k in parse.kids(tok, "acl", "relcl") if k.pos == "VERB"}
                found.append(trig)
        return found

    def _modal_demand(self, parse: SentenceParse, tok: Token) -> Trigger | None:
        """A verb of saying whose reported clause says what another party must or should do is
        a demand by the speaker (``demand_modals``); the reported act is its content."""
        if tok.pos != "VERB" or tok.lemma.lower() not in self.lex.speech_verbs:
            return None
        for clause in parse.kids(tok, "ccomp"):
            modals = {k.text.lower() for k in parse.kids(clause, "aux")}
            subjects = parse.kids(clause, "nsubj")
            if modals & self.lex.demand_modals and subjects and subjects[0].pos != "PRON":
                return Trigger(tok, "DEMAND", tok, tok.text, host=tok)
        return None

    def _named_operation(self, parse: SentenceParse, tok: Token) -> Trigger | None:
        """"India launched Operation Sindoor": an event noun that opens the name a light verb
        takes as its object is the act that verb carries; its name is specific enough without
        the modifier the bare noun needs ("a military operation")."""
        lemma = tok.lemma.lower()
        name = parse.head(tok)
        if tok.dep != "compound" or not tok.text[:1].isupper() or lemma not in self.lex.nouns or name is None:
            return None
        verb = parse.head(name)
        if name.pos != "PROPN" or name.dep != "dobj" or verb is None or verb.lemma.lower() not in self.lex.light_verbs:
            return None
        trig = Trigger(tok, self.lex.nouns[lemma], verb, self.doc.body[tok.start : name.end], light=True, host=verb)
        return trig

    def _agreement_type(self, parse: SentenceParse, noun: Token, governor: Token) -> tuple[str, Token] | None:
        """The type an agreement noun takes, and the verb whose clause carries it: AGREE with a
        concluding verb ("reached a deal"), else the type of a verb phrase it is the subject
        or object of, directly, through a relative clause or an infinitive ("the truce, which
        took effect", "is set to take effect": RETREAT; "declared a truce": CONCEDE), else the
        type of a modifier ("a ceasefire effective from midnight"). None: a mere mention."""
        lex = self.lex
        if governor is not noun and governor.lemma.lower() in lex.agreement_verbs:
            return "AGREE", governor
        clauses = [governor] if governor is not noun else []
        clauses += [k for k in parse.kids(noun, "relcl", "acl") if k.pos in {"VERB", "AUX"}]
        for clause in clauses:
            for verb in [clause, *parse.kids(clause, "xcomp", "conj")]:
                for key in _verb_phrase_keys(parse, verb):
                    if key in lex.agreement_governors:
                        return lex.agreement_governors[key], verb
        for mod in parse.kids(noun, "amod", "acl", "relcl", "appos"):
            if mod.lemma.lower() in lex.agreement_modifiers:
                return lex.agreement_modifiers[mod.lemma.lower()], noun
        if self._own_day(parse, noun):
            # "the agreement on Saturday came after ...": the one reached then, in its clause
            return "AGREE", governor
        return None

    def _own_day(self, parse: SentenceParse, noun: Token) -> bool:
        """A day of the noun's own: "the agreement on Saturday", "Saturday's agreement"."""
        for timex in self.doc.timexes:
            toks = [t for t in parse.tokens if timex.start <= t.start and t.end <= timex.end]
            if not toks or not usable(timex):
                continue
            inside = {t.i for t in toks}
            root = next((t for t in toks if t.head not in inside), toks[0])
            prep = parse.head(root)
            if (root.dep == "poss" and root.head == noun.i) or (
                root.dep == "pobj" and prep is not None and prep.text.lower() == "on" and prep.head == noun.i
            ):
                return True
        return False

    def _noun_context_type(self, parse: SentenceParse, tok: Token, noun: str, governor: Token, etype: str) -> str:
        """The type a modifier or the carrying verb gives an event noun: 'hunger strike' is a
        PROTEST, 'lodged a protest' a DISAPPROVE."""
        mods = {k.text.lower() for k in parse.kids(tok, "compound", "amod", "nmod")}
        for rule_type, words in self.lex.noun_modifier_types.get(noun, {}).items():
            if mods & words:
                return rule_type
        if governor is not tok:
            for rule_type, verbs in self.lex.noun_governor_types.get(noun, {}).items():
                if governor.lemma.lower() in verbs:
                    return rule_type
        return etype

    def _clause_slot(self, parse: SentenceParse, noun: Token) -> Token:
        """The token that fills the noun's slot in its clause: the first conjunct of a coordination
        ("announced normalisation, ..., exchange of prisoners"), or a light noun it is the
        complement of ("announced the start of an operation")."""
        cur = noun
        for _ in range(8):
            head = parse.head(cur)
            if head is None:
                return cur
            if cur.dep in {"conj", "appos"} and head.pos in {"NOUN", "PROPN"}:
                cur = head
                continue
            if cur.dep == "pobj" and head.text.lower() == "of":
                light = parse.head(head)
                if light is not None and light.lemma.lower() in self.lex.light_nouns:
                    cur = light
                    continue
            return cur
        return cur

    def _names_people(self, parse: SentenceParse, theme: Token) -> bool:
        """'release Prime Minister Chaudhry', 'free two Reuters journalists': a named person or group."""
        mention = parse.mention_of.get(theme.i)
        return mention is not None and mention.actor is not None and mention.actor.kind in {"person", "group"}

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
        cur: Token | None = self._clause_slot(parse, noun)
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
                    if host.type == trig.type or host.type in self.lex.hostile_types:
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
                if outer.type == "AGREE" and trig.type in self.lex.hostile_types:
                    outer.type = "THREATEN"
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
        if not (tok.pos in {"NOUN", "PROPN"} or tok.tag == "VBG") or trig.governor is not tok:
            return None
        cur, slot = tok, tok
        for _ in range(4):
            head = parse.head(cur)
            if head is None:
                return None
            outer = by_tok.get(head.i)
            if outer is not None and outer is not trig and outer.tok is head and head.pos == "VERB":
                topical = slot.dep == "dobj" or (slot.dep == "prep" and slot.text.lower() in self.lex.topic_preps)
                return outer if topical and outer.type in self.lex.topic_types else None
            if head.pos in {"VERB", "AUX"}:
                return None
            if cur.dep in {"pobj", "pcomp"} and head.dep == "prep":
                slot = head  # the preposition that introduces the topic
            elif cur is not tok and cur.dep not in {"pobj", "pcomp", "prep", "dobj", "poss"}:
                return None
            if head.dep == "dobj":
                slot = head if slot is tok else slot
            cur = head
        return None

    def _scene_of(self, parse: SentenceParse, trig: Trigger, by_tok: dict[int, Trigger]) -> Trigger | None:
        """The event an event noun after a scene-setting preposition (``circumstance_preps``:
        "after", "following", "during", "amid") hangs from: the verb trigger that preposition
        attaches to, directly or through the nouns above it."""
        tok = trig.tok
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
            if head.pos == "VERB" and head.lemma.lower() in self.lex.speech_verbs and cur is prep:
                # "Mao said under China's mediation, the two sides held talks": the parser hangs
                # the scene on the verb of saying; it sets the scene of what was said
                return next(
                    (
                        by_tok[k.i] for k in parse.kids(head, "ccomp")
                        if k.i in by_tok and by_tok[k.i] is not trig
                    ),
                    None,
                )
            if head.pos in {"VERB", "AUX"} or cur.dep not in {"prep", "pobj", "dobj", "nsubj", "nsubjpass"}:
                return None
            cur = head
        return None

    # ------------------------------------------------------------------ context
    def _context(self, parse: SentenceParse, trig: Trigger) -> None:
        gov = trig.governor
        clause = gov  # coordinated verbs share the first one's modal: "will meet and sign"
        # ... but a finite past verb cannot be under a modal: in "would defend X and rejected Y"
        # 'rejected' is a statement of its own.
        while (
            not parse.kids(clause, "aux") and _coordinated(parse, clause) and parse.head(clause) is not None
            and not (clause.tag == "VBD" and parse.head(clause).tag == "VB")  # type: ignore[union-attr]
        ):
            clause = parse.head(clause)  # type: ignore[assignment]
        auxes = {k.text.lower() for k in parse.kids(clause, "aux", "auxpass")}
        negated = any(k.text.lower() in _NEGATIONS for k in parse.kids(gov, "neg")) or any(
            k.text.lower() in _NEGATIONS for k in parse.kids(trig.tok, "neg", "det")
        ) or any(  # "neither Kurti nor Vucic signed"
            k.text.lower() == "neither" for subj in parse.kids(gov, *_SUBJECTS) for k in parse.kids(subj, "preconj")
        )
        modality = "asserted"
        if auxes & _FUTURE:
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
        head = parse.head(gov)
        if (  # "is willing to withdraw its troops": a stated intent, coded like a promise
            gov.dep == "xcomp"
            and head is not None
            and head.pos == "ADJ"
            and head.lemma.lower() in self.lex.willing_adjectives
        ):
            modality = "promised"
        if gov.dep == "xcomp" and head is not None and head.lemma.lower() in self.lex.failure_verbs:
            negated = True  # "failed to reach agreement": the act did not happen
        if gov.dep == "xcomp" and head is not None and head.lemma.lower() in self.lex.intent_verbs:
            modality = "promised"
            if any(k.text.lower() in _NEGATIONS for k in parse.kids(head, "neg")):
                negated = True
        if trig.type in self.lex.hostile_types and trig.governor is not trig.tok and _lemma_in(
            trig.governor, self.lex.cessation_verbs
        ):
            trig.type = "RETREAT"  # "stopped fighting", "halt attacks": ending the act, not the act
        trig.lexical_type = trig.type
        if negated:
            modality = "negated"
            trig.type = self.lex.negated_types.get(trig.type, trig.type)
        elif modality == "promised":
            trig.type = self.lex.promise_types.get(trig.type, trig.type)
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
            tok.pos in {"NOUN", "PROPN"} and tok.dep == "nsubj" and head is not None and head.lemma.lower() == "be"
            and not trig.predicated and not self._timex_on(parse, head, timexes, durations=False)
        ):
            return "description"  # "the assault was in solidarity with ...": what an act was, not one
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
            if lower.dep == "xcomp" and (
                _lemma_in(upper, lex.wish_verbs) or (upper.pos == "ADJ" and upper.lemma.lower() in lex.wish_adjectives)
            ):
                return "wish"  # "hoped to sign", "ready to begin discussions"
        first = gov  # the first of coordinated verbs carries the construction
        while first.dep == "conj" and parse.head(first) is not None:
            first = parse.head(first)  # type: ignore[assignment]
        infinitive = any(k.tag == "TO" for k in parse.kids(first, "aux"))
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
        if tok.pos == "VERB" and tok.tag == "VBN":
            agent = bool(parse.kids(tok, "agent"))
            # a participle without its own subject or auxiliary modifies a noun or a clause:
            # "the region, internationally recognised as ...", "prisoners captured in ..."
            bare = not parse.kids(first, "nsubj", "nsubjpass", "aux", "auxpass")
            participle = first.dep in {"acl", "amod"} or (first.dep == "advcl" and bare)
            passive = participle or bool(parse.kids(tok, "auxpass") or parse.kids(first, "auxpass"))
            perfect = any(k.lemma.lower() == "have" for k in parse.kids(tok, "aux"))
            # "Hezbollah is backed by Tehran": in the present, with its agent too, a standing relation
            present = any(k.tag in {"VBZ", "VBP"} for k in parse.kids(tok, "auxpass"))
            if passive and not perfect and _lemma_in(tok, lex.stative_passive) and (participle or not agent or present):
                # "peacekeepers are stationed", "internationally recognised as"; but "units have
                # been deployed" reports that they were
                return "state"
            if participle and not agent and not self._timex_on(parse, tok, timexes):
                return "attributive"  # "prisoners captured", a participle used as an adjective
        if tok.pos == "VERB" and first.dep in {"acl", "advcl"} and self._durative(parse, first, timexes):
            return "background"  # "the conflict has persisted for decades, with the two countries fighting"
        if (
            trig.modality != "promised"  # "will withdraw over the next 60 days": a schedule
            and self._durative(parse, gov, timexes)
            and not self._timex_on(parse, gov, timexes, durations=False)
        ):
            return "background"  # "have been fighting for years": a state, not a dated act
        if self._perfect_progressive(parse, gov) and not self._timex_on(parse, gov, timexes, durations=False):
            return "background"  # "the Houthis have been targeting ships": an ongoing state
        if any(any(k.text.lower() == "since" for k in parse.kids(clause, "mark")) for clause in chain):
            return "background"  # "since the rebels began attacking ships": a bound, not news
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
                or any(k.text.lower() in _FUTURE | {"would", "shall", "must", "can"} for k in parse.kids(upper, "aux"))
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
            if first.dep == "relcl" and any(k.lemma.lower() in _RELATIVE for k in subjects):
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
                if timex.type != "DURATION":
                    continue
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
        if trig.tok.pos not in {"NOUN", "PROPN"} or trig.light or trig.predicated:
            return False
        dated = date.basis in {"explicit", "relative"}
        if not trig.actors and not dated and not figures:
            return True
        definite = any(k.lemma.lower() in {"the", "this", "that", "these"} for k in parse.kids(trig.tok, "det"))
        repeated = trig.tok.lemma.lower() in self._emitted_nouns
        return definite and repeated and not dated and not figures and not trig.actors

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
    def _actors(self, parse: SentenceParse, trig: Trigger, sentence: Sentence) -> None:
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
                    "acomp",
                }:
                    break
                head = parse.head(subj_clause)
                if head is None:
                    break
                subj_clause = head
            prep = parse.head(subj_clause) if subj_clause.dep == "pcomp" else None
            if prep is not None and prep.dep == "prep" and not parse.kids(subj_clause, *_SUBJECTS):
                # "the US has committed to providing support": the committed party provides
                subj_clause = parse.head(prep) or subj_clause
            for subj in parse.kids(subj_clause, *_SUBJECTS):
                if subj is not trig.tok:
                    sources += self._resolve(parse, subj, "source", sentence)
            agents = parse.kids(gov, "agent")
            if gov.dep in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
                # a verb tag on a noun's slot ("Missile strikes ... by the US have failed"): its 'by'
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
                for subj in parse.kids(host, *_SUBJECTS):
                    sources += self._resolve(parse, subj, "source", sentence)
            if not sources:
                for poss in parse.kids(trig.tok, "poss"):
                    if poss.pos != "PRON":
                        sources += self._resolve(parse, poss, "source", sentence)
                for mod in parse.kids(trig.tok, "amod", "compound", "nmod"):
                    if mod.i in parse.mention_of:
                        sources += self._resolve(parse, mod, "source", sentence)
        holders = [trig.tok] if is_noun and gov is trig.tok else [gov]
        # "units of the National Police have been deployed": with no agent, the force's owner acts
        own_forces = not is_noun and trig.type in self.lex.own_forces_types and not parse.kids(gov, "agent")
        for obj in parse.kids(holders[0], "dobj", "dative", "nsubjpass"):
            if obj is not trig.tok and parse.head(trig.tok) is not obj:  # not the name "Operation X" opens
                if own_forces and obj.dep == "nsubjpass" and not sources:
                    sources += self._resolve(parse, obj, "source", sentence)
                else:
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
        return any(k.lemma.lower() in {"the", "this"} for k in parse.kids(trig.tok, "det"))

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
        if tok.start < self.dateline_end:
            # The parse took the dateline's place for the subject ("EL FASHER, Sudan - Fighters
            # from X attacked"): the real subject hangs from it as an apposition.
            return [ea for app in parse.kids(tok, "appos") if app.start >= self.dateline_end
                    for ea in self._resolve(parse, app, role, sentence, places_ok=places_ok)]
        for arg in [tok, *self._conjuncts(parse, tok)]:
            if arg.lemma.lower() in self.lex.nouns:
                continue  # "with the mediation of Moscow": an event, not a participant
            if arg.pos == "PRON" or arg.text.lower() in _PRONOUNS_PLURAL | _PRONOUNS_THING | _PRONOUNS_PERSON:
                out += [EventActor(replace(a), role, arg.text) for a in self._antecedent(parse, arg, sentence)]
                continue
            mention = parse.mention_of.get(arg.i)
            if mention is None:
                near = parse.kids(arg, "compound", "amod", "poss", "nmod", "appos")
                # "EU member states": a name two compounds down
                near += [g for c in near if c.dep == "compound" for g in parse.kids(c, "compound")]
                for sub in near:
                    if sub.i in parse.mention_of:
                        mention = parse.mention_of[sub.i]
                        break
            if mention is None:
                owners = self._of_actors(parse, arg, role, sentence, places_ok, depth=3)
                if owners:  # "the governments of Armenia and Azerbaijan", "the office of the President of X"
                    out += owners
                    continue
                possessors = self._possessor(parse, arg, sentence)
                if possessors:  # "its aircraft", "their troops": the owner acts through them
                    out += [EventActor(replace(a), role, self._phrase(parse, arg)) for a in possessors]
                    continue
                if self._is_group(parse, arg):  # "the two countries", "both sides"
                    out += [EventActor(replace(a), role, self._phrase(parse, arg)) for a in self.pair]
                elif (state := self._home_state(parse, arg)) is not None:  # "the government and the ELN"
                    out.append(EventActor(replace(state), role, self._phrase(parse, arg)))
                continue
            actor = mention.actor
            # A town is acted on ("shelled Kherson"), it does not act: "Istanbul proposed" is a
            # place name standing for someone the text does not name (capitals that stand for
            # their governments are actors already). A region of the lexicon (no gazetteer id:
            # "Nagorno-Karabakh surrendered") may stand for its authorities.
            acts = role != "source" or (mention.place is not None and mention.place.geonameid is None)
            if actor is None and places_ok and acts and mention.place is not None:
                actor = Actor(mention.place.name, None, mention.place.country)
            if actor is not None:
                out.append(EventActor(replace(actor), role, mention.text))
                if actor.affiliation:  # "UN chief Antonio Guterres welcomed": the UN acts through him
                    organisation = Actor(actor.affiliation, "organization", None, actor.sector)
                    out.append(EventActor(organisation, role, mention.text))
        return out

    def _possessor(self, parse: SentenceParse, tok: Token, sentence: Sentence) -> list[Actor]:
        """The antecedent of a possessive pronoun on ``tok`` ("its aircraft" -> the army)."""
        for poss in parse.kids(tok, "poss"):
            if poss.text.lower() in {"its", "their"}:
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
        two parties; None when both or neither are states."""
        if tok.lemma.lower() not in self.lex.state_nouns or parse.kids(tok, "compound", "amod", "poss", "prep"):
            return None
        if not any(k.text.lower() == "the" for k in parse.kids(tok, "det")):
            return None
        states = [a for a in self.pair if a.kind in {"country", "government"}]
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
            if owner is not None and (owner is trig or owner.into is trig):
                out.append(fq.quantity)
        return out

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

    def _date(
        self,
        parse: SentenceParse,
        trig: Trigger,
        live: list[Trigger],
        timexes: list[TimeExpr],
        sentence: Sentence,
    ) -> EventDate:
        """The time expression governing the trigger's clause; else the narrative date; else the
        publication date for present-tense reporting; else unresolved."""
        gov = trig.governor
        own = {trig.tok.i, gov.i} | trig.own
        # A date on a governing clause covers this one only through complements and coordination
        # ("said Thursday that they had wrapped up talks"), never through a relative clause.
        ancestors: list[int] = []
        cur = gov
        while (cur.dep in {"ccomp", "xcomp", "conj", "parataxis"} or self._participial(parse, cur)) and (
            parse.head(cur) is not None
        ):
            cur = parse.head(cur)  # type: ignore[assignment]
            ancestors.append(cur.i)
        other_triggers = {t.governor.i for t in live if t is not trig} | {t.tok.i for t in live if t is not trig}
        # "said on Friday that they have agreed to a truce on Saturday evening": a present
        # perfect takes no definite past time of its own; a day hung on it dates something in
        # it (the truce's start), and the act is dated by the verb of saying that reports it.
        reported_perfect = self._present_perfect(parse, gov) and any(
            parse.by_i[a].lemma.lower() in self.lex.speech_verbs for a in ancestors
        )
        subjects = parse.kids(gov, *_SUBJECTS)
        clause_start = min([gov.i, *(parse.subtree(k)[0].i for k in subjects)]) if reported_perfect else 0
        best: tuple[int, TimeExpr] | None = None
        loose: list[TimeExpr] = []
        for timex in timexes:
            if not usable(timex) or timex.start < self.dateline_end:
                continue  # the dateline dates the filing, not the events the story reports
            toks = [t for t in parse.tokens if timex.start <= t.start and t.end <= timex.end]
            if not toks or self._bound(parse, toks[0], own):
                continue
            inside = {t.i for t in toks}
            root = next((t for t in toks if t.head not in inside), toks[0])
            chain = [root.i] + [a.i for a in parse.ancestors(root)]
            rank = None
            before = parse.by_i.get(toks[0].i - 1)
            if before is not None and before.head in own and before.dep in {"amod", "acl", "prep"}:
                # "a ceasefire effective Saturday, January 18": the modifier the date follows
                # is the event's, however the parser hung the date itself
                chain = [root.i, before.head]
            for step in chain[1:]:
                if step in own:
                    # under the perfect, only a day before the reported clause opens is the
                    # saying's ("said on Thursday they have agreed", however the parser hung it)
                    rank = (1 if toks[-1].i < clause_start else None) if reported_perfect else 0
                    break
                tok = parse.by_i[step]
                if tok.pos in {"VERB", "AUX"} and step in ancestors:
                    # a coordinated or governing clause's date covers this one ("exchanged
                    # prisoners on December 13 and issued a joint statement")
                    rank = 1 + ancestors.index(step)
                    break
                if step in other_triggers:
                    break
                if tok.pos in {"VERB", "AUX"} and step not in ancestors:
                    break
            if rank is None:
                if not any(parse.by_i[s].pos in {"VERB", "AUX"} for s in chain[1:]):
                    loose.append(timex)  # hangs from no clause at all (a dateline, a fragment)
                continue
            if best is None or rank < best[0] or (rank == best[0] and _bare_clock(best[1]) and not _bare_clock(timex)):
                best = (rank, timex)  # "at 4 a.m. local time on Wednesday": the day, not the clock's dct
        if best is not None:
            date = from_timex(best[1])
            date = self._forward_weekday(parse, trig, best[1], date)
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
        if self.doc.published and self._present_now(parse, gov) and trig.modality == "asserted":
            return from_publication(self.doc.published)
        return EventDate()

    def _forward_weekday(self, parse: SentenceParse, trig: Trigger, timex: TimeExpr, date: EventDate) -> EventDate:
        """A bare weekday on an event still to come ("is set to take effect on Wednesday",
        "will meet on Monday") is the next such day, whatever the nearest verb of the
        sentence ("..., Biden said") made the tagger choose."""
        published = self.doc.published
        if not (published and date.start and date.precision == "day" and _WEEKDAY_ONLY.match(timex.text)):
            return date
        if date.start >= published or not self._ahead(parse, trig):
            return date
        day, today = parse_dct(date.start), parse_dct(published)
        moved = add_days(day, 7) if day is not None else None
        if moved is None or today is None or moved < today:
            return date
        return replace(date, start=moved.isoformat())

    def _ahead(self, parse: SentenceParse, trig: Trigger) -> bool:
        """The trigger's clause speaks of what is still to come: "will", "is set to", "due to"."""
        if trig.modality == "promised":
            return True
        for verb in [trig.governor, *parse.ancestors(trig.governor)[:2]]:
            if verb.lemma.lower() in _SCHEDULED or any(k.lemma.lower() in _FUTURE for k in parse.kids(verb, "aux")):
                return True
        return False

    def _participial(self, parse: SentenceParse, verb: Token) -> bool:
        """A subjectless participle clause adjoined to its main clause ("shelled the city on
        Wednesday, killing three"): it happened when the main clause did."""
        return verb.dep == "advcl" and verb.tag == "VBG" and not parse.kids(verb, "nsubj", "nsubjpass", "mark")

    def _past(self, parse: SentenceParse, verb: Token) -> bool:
        auxes = {k.lemma.lower() for k in parse.kids(verb, "aux", "auxpass")}
        return verb.tag == "VBD" or (
            verb.tag == "VBN" and ("have" not in auxes or any(k.text.lower() == "had" for k in parse.kids(verb, "aux")))
        )

    @staticmethod
    def _present_perfect(parse: SentenceParse, verb: Token) -> bool:
        """"have agreed", "has signed": a past participle under a present 'have'."""
        return verb.tag == "VBN" and any(
            k.lemma.lower() == "have" and k.tag in {"VBP", "VBZ"} for k in parse.kids(verb, "aux")
        )

    def _present_now(self, parse: SentenceParse, verb: Token) -> bool:
        """The simple present or progressive ("the envoy says", "Turkey is deploying troops")
        reports what holds as of publication; a perfect ("has agreed"), a passive ("were
        killed") or a future does not say when."""
        first = verb  # "will firmly support X, ... and firmly support Y": the first conjunct's auxiliaries
        while _coordinated(parse, first) and (head := parse.head(first)) is not None and head.pos in {"VERB", "AUX"}:
            first = head
        auxes = parse.kids(verb, "aux", "auxpass") or parse.kids(first, "aux", "auxpass")
        if not auxes:
            return verb.tag in {"VBZ", "VBP"}
        return verb.tag == "VBG" and len(auxes) == 1 and auxes[0].dep == "aux" and auxes[0].tag in {"VBZ", "VBP"}

    def _bound(self, parse: SentenceParse, first: Token, own: set[int]) -> bool:
        """A time expression that bounds a state rather than dating an act: "at war since
        2020", "until 2030". "Since" on the event's own verb dates its start: "has stepped
        up attacks since October 7"."""
        prev = parse.by_i.get(first.i - 1)
        if prev is None or prev.text.lower() not in _BOUND_PREPS:
            return False
        return not (prev.text.lower() == "since" and prev.head in own)

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


def _in_a_name(parse: SentenceParse, n: int) -> bool:
    """A capitalised word joined by a hyphen to a name before it ("Pakistan-Occupied Kashmir",
    "Israeli-Occupied Territories"): part of a proper name, whatever the tagger made of it."""
    tokens = parse.tokens
    tok = tokens[n]
    return (
        n >= 2 and tok.text[:1].isupper() and tokens[n - 1].text == "-" and tokens[n - 2].pos == "PROPN"
        and tokens[n - 1].end == tok.start and tokens[n - 2].end == tokens[n - 1].start
    )


# What may stand between two coordinated parties: "X and Y", "X's army and the paramilitary Y".
_AND = re.compile(r"(?:['’]s(?:\s+[a-z][\w-]*){1,2})?\s*(?:and|&)\s+(?:[a-z][\w-]*\s+){0,3}\Z")


def document_pair(mentions: Sequence[Mention], body: str = "") -> list[Actor]:
    """The two parties a document is about: what 'the two countries', 'both sides' and 'the
    parties' refer to. The first pair of parties the text names together ("Ethiopia and Somalia
    agreed", "Sudan's army and the paramilitary Rapid Support Forces"), else the two
    most-mentioned countries named at least twice (ties broken by first mention), each as its
    country actor. Empty unless the document names two parties."""
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
        if a.actor.name != b.actor.name and distinct and _AND.match(body[a.end:b.start]):
            return [replace(a.actor), replace(b.actor)]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    actor_for: dict[str, Actor] = {}
    for m in mentions:
        actor = m.actor
        if actor is None or not actor.country:
            continue
        counts[actor.country] += 1
        first.setdefault(actor.country, m.start)
        known = actor_for.get(actor.country)
        if actor.kind == "country" and (known is None or known.kind != "country"):
            actor_for[actor.country] = actor
        elif known is None and actor.kind == "government" and not actor.role_title and "(" not in actor.name:
            actor_for[actor.country] = actor  # "Baku" -> Azerbaijan's government
    # Countries named once each (a list of places in a byline or a teaser) are no pair.
    ranked = [c for c in sorted(counts, key=lambda c: (-counts[c], first[c])) if counts[c] >= 2]
    pair = [replace(actor_for[c]) for c in ranked[:2] if c in actor_for]
    return pair if len(pair) == 2 else []


_DAY_WORDS = re.compile(rf"\b{WEEKDAY}|\b(?:today|yesterday|tomorrow|tonight)\b|\b{MONTH}\.?\s*\d", re.I)


def _bare_clock(timex: TimeExpr) -> bool:
    """A clock time with no day of its own ("4 a.m. local time"): its day is the document's."""
    return timex.type == "TIME" and timex.anchor == "dct" and not _DAY_WORDS.search(timex.text)


def _coordinated(parse: SentenceParse, verb: Token) -> bool:
    """A verb coordinated with the one it hangs from: a conjunct, or a subjectless verb the
    parse left as a bare "dep" of another ("will support X, support Y and support Z")."""
    if verb.dep == "conj":
        return True
    head = parse.head(verb)
    return (
        verb.dep == "dep" and verb.pos == "VERB" and head is not None and head.pos == "VERB"
        and not parse.kids(verb, "nsubj", "nsubjpass")
    )


def _verb_phrase_keys(parse: SentenceParse, verb: Token) -> list[str]:
    """How the lexicon may name a verb phrase: "begin", "take effect", "come into force"."""
    lemma = verb.lemma.lower()
    keys = [lemma]
    for child in parse.kids(verb, "prt", "dobj", "prep", "advmod"):
        keys.append(f"{lemma} {child.text.lower()}")
        if child.dep == "prep":
            keys.extend(f"{lemma} {child.text.lower()} {obj.text.lower()}" for obj in parse.kids(child, "pobj"))
    return keys


def _negative_prefix(tokens: Sequence[Token], n: int) -> bool:
    """'non-deployment' (one token or 'non' '-' 'deployment')."""
    if tokens[n].text.lower().startswith("non-"):
        return True
    prev = [t.text.lower() for t in tokens[max(0, n - 2) : n]]
    return prev[-1:] == ["non"] or prev == ["non", "-"] or prev[-1:] == ["non-"]


def _lemma_in(tok: Token, lemmas: frozenset[str]) -> bool:
    """The lemma, or a regular inflection of a listed lemma (the tagger's lemma can be wrong:
    'hoped' -> 'hop')."""
    if tok.lemma.lower() in lemmas:
        return True
    word = tok.text.lower()
    return any(word in inflections(lemma) for lemma in lemmas if word[:3] == lemma[:3])


def _is_a(theme: Token, nouns: frozenset[str]) -> bool:
    word = theme.lemma.lower()
    return word in nouns or word.rstrip("s") in nouns or theme.text.lower() in nouns


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


def _quote_opening(body: str, pos: int) -> int | None:
    """Where the direct quote around ``pos`` opens, or None when ``pos`` is outside quotes.
    A paragraph that opens with a quotation mark while the one before ends inside a quote
    continues that quote (the printed convention for a quote of several paragraphs)."""
    start = body.rfind("\n", 0, pos) + 1
    opened = _unclosed_quote(body, start, pos)
    for _ in range(_QUOTE_PARAGRAPHS):
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
        if ch in _OPEN_QUOTES:
            opened = i if depth == 0 else opened
            depth += 1
        elif ch in _CLOSE_QUOTES and depth:
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
        if body[i] in _CLOSE_QUOTES or body[i] == '"':
            return i
    return None
