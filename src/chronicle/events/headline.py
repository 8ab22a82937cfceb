"""Event summaries as headlines in chronicle's own words, built from the event's fields and the
parse: subject (canonical actor names) + verb (from the trigger's lemma, inflected here, never
copied) + the core of its object (head noun with its numbers, adjectives and compounds, a short
'of' phrase), a participant named through a preposition, and the place.

"Azerbaijan and Armenia exchange prisoners of war", "Armenia returns four border villages to
Azerbaijan", "Military offensive by Azerbaijan", "Seven drafts exchanged" (nobody named: a
passive headline from the object). Promises keep "will", negation is kept ("does not
recognise"). Headlines stay short (about 12 words): optional parts are dropped first.

The shape is relied on by chronicle.report.brief, which turns a headline into a past-tense
sentence: subject first (the source actors' names), then the verb; or a passive headline
(object, then participle); or a nominal one ("<event noun> by <actors>")."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import TYPE_CHECKING

from chronicle.inflect import participle, third_person
from chronicle.records import Mention, Place, Quantity, Token

if TYPE_CHECKING:
    from chronicle.events.parse import SentenceParse, Trigger
    from chronicle.lexicon import EventLexicon

MAX_WORDS = 12
_ARTICLES = frozenset({"a", "an", "the"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
_KEPT_DETERMINERS = _ARTICLES | _POSSESSIVE_PRONOUNS | frozenset({"both", "all", "several", "some", "no"})
_MODIFIER_DEPS = frozenset({"det", "poss", "nummod", "amod", "compound", "nmod", "quantmod"})
# Prepositions that name a participant of the act ("surrendered to X", "met with X").
_PARTICIPANT_PREPS = ("to", "with", "against", "on", "from", "for", "over", "into", "of", "toward", "towards")
# Prepositions that complete the act when it has no direct object ("met for talks").
_COMPLEMENT_PREPS = frozenset({"for", "to", "on", "against", "with", "over", "into", "in", "from", "of", "about"})
# A preposition that only repeats what the verb says ("met with X" -> "meets X").
_REDUNDANT_PREP = {("meet", "with")}
_NOUN_PREPS = frozenset({"of", "in", "over", "on", "for", "between", "with", "against", "from", "to"})
# Nouns of mutual acts: "talks between X and Y" rather than "talks by X and Y".
_MUTUAL_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "meeting", "summit", "discussion",
                           "discussions", "consultation", "consultations", "dialogue", "exchange", "clash",
                           "clashes"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_CALENDAR = frozenset(m.lower() for m in [*calendar.month_name[1:], *calendar.day_name])
_NORP = "NORP"
# Nouns that say when, not what: "met on several occasions".
_TIME_NOUNS = frozenset({"occasion", "time", "day", "week", "month", "year", "night", "morning", "evening",
                         "afternoon", "weekend", "hour", "moment", "period", "decade", "end", "start",
                         "beginning", "round"})  # a nationality adjective ("Armenian servicemen") is no actor reference


def headline(
    parse: SentenceParse,
    trig: Trigger,
    quantities: Sequence[Quantity],
    *,
    body: str,
    lex: EventLexicon,
    place: Place | None = None,
) -> str:
    """The summary line of one event (see the module docstring for its shapes)."""
    build = _Builder(parse, trig, body, lex)
    parts = build.verbal(quantities) if trig.tok.pos == "VERB" else build.nominal()
    if place is not None and place.name and not any(place.name in p for p in parts):
        parts.append(f"in {place.name}")
    text = _fit(parts)
    return text[:1].upper() + text[1:]


def _fit(parts: list[str]) -> str:
    """The first part is the core; optional parts follow in order while the line stays short."""
    out = [p for p in parts[:1] if p]
    for part in parts[1:]:
        if not part or part in " ".join(out):
            continue
        if len(" ".join([*out, part]).split()) <= MAX_WORDS:
            out.append(part)
    return " ".join(out)


def join_names(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class _Builder:
    def __init__(self, parse: SentenceParse, trig: Trigger, body: str, lex: EventLexicon) -> None:
        self.parse = parse
        self.trig = trig
        self.body = body
        self.lex = lex
        self.sources = [a.actor.name for a in trig.actors if a.role == "source"]
        self.targets = [a.actor.name for a in trig.actors if a.role == "target"]
        self.others = [a.actor.name for a in trig.actors if a.role == "other"]

    # ------------------------------------------------------------------ verbs
    def verbal(self, quantities: Sequence[Quantity]) -> list[str]:
        trig = self.trig
        tok = trig.tok
        lemma = tok.lemma.lower()
        gov = trig.governor
        if gov is not tok and tok.tag == "VBG" and tok.dep in {"nsubj", "csubj"}:
            # "fighting resumed": the gerund is the subject of an aspectual verb
            return [f"{tok.text.lower()} {third_person(gov.lemma.lower())}"]
        particle = trig.particle
        phrasal = f"{lemma} {particle.text.lower()}" if particle is not None else lemma
        obj_holder = particle if particle is not None and particle.dep == "prep" else tok
        obj = self._object(obj_holder)
        obj_text = self.noun_phrase(obj) if obj is not None else ""
        extras = self._participant(tok, lemma, skip=particle)
        if obj is None:
            split = self._fronted_participant(tok, skip=particle)
            if split is not None:
                obj_text, extras = split
        if not obj_text and quantities:
            obj_text = quantities[0].text
        if not self.sources:
            subject = self._unnamed_subject(gov)
            if subject:  # "more than 100 thousand residents leave Nagorno-Karabakh"
                plural = subject.split()[-1].endswith("s")
                verb = phrasal if plural else third_person(phrasal)
                return [" ".join(p for p in (subject, verb, obj_text) if p), *extras]
            return self._passive(phrasal, obj_text)
        verb = self._finite(phrasal, gov)
        core = " ".join(p for p in (join_names(self.sources), verb, obj_text) if p)
        if not obj_text and not extras:
            extras.append(self._complement(tok, skip=particle))
        extras += [self._infinitive(tok), self._that_clause(tok)]
        return [core, *extras]

    def _unnamed_subject(self, verb: Token) -> str:
        """The subject of an active clause that names people without naming an actor
        ("more than 100 thousand residents"), as the text words it; "" when there is none."""
        if self.trig.modality != "asserted" or self.parse.kids(verb, "auxpass"):
            return ""
        for subj in self.parse.kids(verb, "nsubj"):
            if subj.pos == "NOUN" and subj.i not in self.parse.mention_of:
                first = self.parse.subtree(subj)[0]
                return " ".join(t.text for t in self.parse.tokens if first.i <= t.i <= subj.i)
        return ""

    def _fronted_participant(self, verb: Token, *, skip: Token | None) -> tuple[str, list[str]] | None:
        """"returned to Azerbaijan four border villages": the parse takes the actor for a
        modifier of the object; split them back ("four border villages", "to Azerbaijan")."""
        for prep in self.parse.kids(verb, "prep"):
            word = prep.text.lower()
            if prep is skip or word not in _PARTICIPANT_PREPS:
                continue
            for pobj in self.parse.kids(prep, "pobj"):
                first = self.parse.by_i.get(prep.i + 1)
                if first is None or first.head != pobj.i or first.dep not in {"nmod", "compound", "poss"}:
                    continue
                mention = self._actor_mention(first)
                if mention is None or self._actor_mention(pobj) is mention:
                    continue
                actor = self._canonical(mention)
                obj = self.noun_phrase(pobj, exclude=frozenset({first.i}))
                return obj, [actor if (verb.lemma.lower(), word) in _REDUNDANT_PREP else f"{word} {actor}"]
        return None

    def _that_clause(self, verb: Token) -> str:
        """"demands that Armenia remove a reference": a complement clause with a named subject."""
        for ccomp in self.parse.kids(verb, "ccomp"):
            if ccomp.pos != "VERB" or not any(k.text.lower() == "that" for k in self.parse.kids(ccomp, "mark")):
                continue
            subjects = [s for s in self.parse.kids(ccomp, "nsubj") if self._actor_mention(s) is not None]
            if not subjects or self.parse.kids(ccomp, "aux", "neg"):
                continue
            obj = self._object(ccomp)
            words = ["that", self.noun_phrase(subjects[0], with_pp=False), ccomp.text.lower()]
            if obj is not None:
                words.append(self.noun_phrase(obj, with_pp=False))
            return " ".join(words)
        return ""

    def _finite(self, phrasal: str, gov: Token) -> str:
        plural = len(self.sources) > 1
        modality = self.trig.modality
        if modality == "promised":
            return f"will {phrasal}"
        if modality == "negated":
            future = any(k.text.lower() in _FUTURE for k in self.parse.kids(gov, "aux"))
            return f"{'will' if future else 'do' if plural else 'does'} not {phrasal}"
        if modality == "hypothetical":
            return f"may {phrasal}"
        return phrasal if plural else third_person(phrasal)

    def _passive(self, phrasal: str, obj_text: str) -> list[str]:
        """Nobody named: "Seven drafts exchanged"; nothing acted on either: the trigger's noun."""
        if not obj_text:
            return [self.trig.wording or self.trig.tok.text]
        words = obj_text.split()
        if words[0].lower() in _KEPT_DETERMINERS - {"both", "all", "several", "some", "no"}:
            words = words[1:]  # a headline drops "the"/"its" before its subject
        if words and words[0].lower() == "own":
            words = words[1:]
        done = participle(phrasal)
        if self.trig.modality == "promised":
            done = f"to be {done}"
        elif self.trig.modality == "negated":
            done = f"not {done}"
        core = " ".join([*words, done])
        extras = [f"by {join_names(self.others)}"] if self.others else []
        return [core, *extras]

    def _object(self, verb: Token) -> Token | None:
        parse = self.parse
        for dep in ("dobj", "pobj", "nsubjpass", "attr"):
            kids = [
                k for k in parse.kids(verb, dep)
                if (k.pos not in {"PRON", "VERB"} or k.i in parse.mention_of) and k is not self.trig.particle
            ]  # "set fire to": the particle is part of the verb, not its object
            if kids:
                return kids[0]
        if verb.dep in {"acl"} and verb.tag == "VBN":
            return parse.head(verb)  # "prisoners released on Monday"
        if verb.dep == "relcl" and any(
            k.text.lower() not in {"which", "who", "that"} for k in parse.kids(verb, "nsubj")
        ):
            return parse.head(verb)  # "a claim Azerbaijan denies"
        return None

    def _participant(self, verb: Token, lemma: str, *, skip: Token | None) -> list[str]:
        """"to Azerbaijan", "with the EU": the first prepositional phrase naming an actor."""
        for prep in self.parse.kids(verb, "prep"):
            word = prep.text.lower()
            if prep is skip or word not in _PARTICIPANT_PREPS:
                continue
            for pobj in self.parse.kids(prep, "pobj"):
                mention = self._actor_mention(pobj)
                if mention is None:
                    continue
                name = self.noun_phrase(pobj)
                return [name if (lemma, word) in _REDUNDANT_PREP else f"{word} {name}"]
        return []

    def _complement(self, verb: Token, *, skip: Token | None) -> str:
        """"for normalisation talks": a short prepositional complement when there is no object."""
        found: list[tuple[bool, str]] = []
        preps = self.parse.kids(verb, "prep")
        for prep in preps:
            if prep is skip or prep.text.lower() not in _COMPLEMENT_PREPS:
                continue
            for pobj in self.parse.kids(prep, "pobj"):
                lemma = pobj.lemma.lower()
                if lemma in _TIME_NOUNS:
                    preps += self.parse.kids(pobj, "prep")  # "on several occasions for talks"
                if lemma in _TIME_NOUNS or not self._bare(pobj):
                    continue
                if self._actor_mention(pobj) is None and not self._place_mention(pobj):
                    event_noun = lemma in self.lex.nouns or pobj.text.lower() in self.lex.nouns
                    found.append((not event_noun, f"{prep.text.lower()} {self.noun_phrase(pobj, with_pp=False)}"))
        return min(found)[1] if found else ""

    def _infinitive(self, verb: Token) -> str:
        """"agreed to open a transport link", "called on X to support Y": the complement clause."""
        for xcomp in self.parse.kids(verb, "xcomp"):
            if xcomp.pos != "VERB" or not any(k.text.lower() == "to" for k in self.parse.kids(xcomp, "aux")):
                continue
            obj = self._object(xcomp)
            negated = any(k.text.lower() in {"not", "never"} for k in self.parse.kids(xcomp, "neg"))
            words = ["not to" if negated else "to", xcomp.lemma.lower()]  # "called on X not to miss"
            words += [p.text.lower() for p in self.parse.kids(xcomp, "prt")]
            if obj is not None:
                words.append(self.noun_phrase(obj, with_pp=False))
            else:
                words += self._participant(xcomp, xcomp.lemma.lower(), skip=None) or [
                    self._complement(xcomp, skip=None)
                ]
            return " ".join(w for w in words if w)
        return ""

    # ------------------------------------------------------------------ nouns
    def nominal(self) -> list[str]:
        trig, parse = self.trig, self.parse
        tok, gov = trig.tok, trig.governor
        phrase = self._event_noun(tok)
        # a trip's purpose ("flew to Washington for talks") is told as the act, not the trip
        if trig.light and gov is not tok and gov.pos == "VERB" and gov.lemma.lower() not in self.lex.errand_verbs:
            verb = gov.lemma.lower()
            verb = " ".join([verb, *(p.text.lower() for p in parse.kids(gov, "prt"))])
            if self.sources:
                article = self._article(tok, phrase)
                core = " ".join([join_names(self.sources), self._finite(verb, gov), article + phrase])
                return [core, *self._noun_targets(phrase)]
            done = participle(verb)
            if trig.modality == "negated":
                done = f"not {done}"  # "failed to reach consensus": consensus not reached
            return [f"{phrase} {done}", *self._noun_targets(phrase)]
        who = ""
        if self.sources:
            mutual = tok.lemma.lower() in _MUTUAL_NOUNS and len(self.sources) > 1 and not trig.joint
            who = f"{'between' if mutual else 'by'} {join_names(self.sources)}"
        elif len(self.others) > 1:
            who = f"between {join_names(self.others)}"
        elif self.others:
            who = f"with {self.others[0]}"
        core = " ".join(p for p in (phrase, who) if p)
        if self.trig.modality == "negated":
            core = f"no {core}"
        return [core, *self._noun_targets(phrase)]

    def _noun_targets(self, phrase: str) -> list[str]:
        """'with' the targets the noun's own phrase does not name already ("talks with Abiy")."""
        targets = [t for t in self.targets if t not in phrase]
        return [f"with {join_names(targets)}"] if targets else []

    def _event_noun(self, tok: Token) -> str:
        """The event noun as its source names it ("anti-terrorism operation"), with a short 'of'
        or place phrase ("exchange of prisoners")."""
        text = self.trig.wording or tok.text
        if text == tok.text and tok.text[:1].isupper() and tok.i == self.parse.tokens[0].i:
            text = tok.text.lower()
        pp = self._noun_pp(tok)
        return f"{text} {pp}" if pp else text

    def _article(self, tok: Token, phrase: str) -> str:
        """'a'/'an' before a singular event noun its source counts ("launched an operation")."""
        if tok.tag != "NN" or not any(k.text.lower() in _ARTICLES for k in self.parse.kids(tok, "det")):
            return ""
        return "an " if phrase[:1].lower() in "aeiou" else "a "

    # ------------------------------------------------------------------ noun phrases
    def noun_phrase(self, noun: Token, *, with_pp: bool = True, exclude: frozenset[int] = frozenset()) -> str:
        """The core of a noun phrase: its head with the numbers, adjectives, compounds and
        determiners before it, and a short prepositional phrase after it; actor and place
        mentions in their canonical names."""
        parse = self.parse
        mention = self._actor_mention(noun) or self._place_mention(noun)
        if mention is not None:
            names = [self._canonical(mention)]
            for conj in parse.kids(noun, "conj"):
                other = self._actor_mention(conj)
                if other is not None:
                    names.append(self._canonical(other))
            return join_names(names)
        chosen: list[Token] = [noun]
        for kid in parse.kids(noun):
            if kid.i > noun.i or kid.dep not in _MODIFIER_DEPS or kid.i in exclude:
                continue
            if kid.dep == "det" and kid.text.lower() not in _KEPT_DETERMINERS:
                continue
            chosen += parse.subtree(kid)
        text = self.render(chosen)
        if with_pp:
            pp = self._noun_pp(noun)
            if pp:
                text = f"{text} {pp}"
        return text

    def _noun_pp(self, noun: Token) -> str:
        """"of war", "over Karabakh", "in Karabakh": one prepositional phrase whose object is a
        bare noun or a named actor/place (never a date, a clause or a long description)."""
        for prep in self.parse.kids(noun, "prep"):
            word = prep.text.lower()
            if word not in _NOUN_PREPS or (word == "between" and self.trig.actors):
                continue  # the participants are named from the event's actors
            for pobj in self.parse.kids(prep, "pobj"):
                named = self._actor_mention(pobj) or self._place_mention(pobj)
                light = noun.lemma.lower() in self.lex.light_nouns and word == "of"
                if named is not None or self._bare(pobj) or light:
                    return f"{word} {self.noun_phrase(pobj, with_pp=False)}"
            return ""  # only the first phrase: a later one may belong elsewhere
        return ""

    def _bare(self, tok: Token) -> bool:
        """A noun without determiner or possessor, not a date, not a clause: "war", "talks"."""
        if tok.pos not in {"NOUN", "PROPN"} or tok.text.lower() in _CALENDAR:
            return False
        if tok.pos == "PROPN" and tok.i not in self.parse.mention_of:
            return False
        return not any(k.dep in {"det", "poss"} for k in self.parse.kids(tok))

    def _named(self, m: Mention | None) -> bool:
        """A proper name for an actor or place ("Baku", "the Ministry of Defence"), not a
        nationality adjective or a described group ("Armenian military personnel")."""
        if m is None or m.label == _NORP or (m.actor is None and m.place is None):
            return False
        return any(t.pos == "PROPN" for i, t in self.parse.by_i.items() if self.parse.mention_of.get(i) is m)

    def _actor_mention(self, tok: Token) -> Mention | None:
        m = self.parse.mention_of.get(tok.i)
        return m if m is not None and m.actor is not None and self._named(m) else None

    def _place_mention(self, tok: Token) -> Mention | None:
        m = self.parse.mention_of.get(tok.i)
        return m if m is not None and m.place is not None and m.actor is None and self._named(m) else None

    @staticmethod
    def _canonical(m: Mention) -> str:
        if m.actor is not None:
            return m.actor.name
        return m.place.name if m.place is not None else m.text

    def render(self, tokens: list[Token]) -> str:
        """The chosen tokens in text order, spaced as written, quotes and commas left out, each
        actor or place mention (not a nationality adjective) in its canonical name."""
        out = ""
        last: Token | None = None
        done: set[int] = set()
        for tok in sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i):
            if tok.pos == "PUNCT" and tok.text not in {"-", "–", "/"}:
                continue
            m = self.parse.mention_of.get(tok.i)
            if m is not None and self._named(m):
                if id(m) in done:
                    last = tok
                    continue
                done.add(id(m))
                piece = self._canonical(m)
            else:
                piece = tok.text.replace("’", "'")
            glued = last is not None and last.i == tok.i - 1 and last.end == tok.start
            out += piece if (glued or not out) else " " + piece
            last = tok
        return out.strip()
