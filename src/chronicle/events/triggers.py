"""Trigger finding: the verbs, event nouns, phrasal verbs, light-verb constructions and named
operations of a sentence that name an act, typed by the lexicon and by their objects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from chronicle.events.dating import usable
from chronicle.events.parse import CLAUSE_DEPS, Part, SentenceParse, Trigger, particle_keys
from chronicle.records import (
    Token,
)

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


def _in_a_name(parse: SentenceParse, n: int) -> bool:
    """A capitalised word joined by a hyphen to a name before it ("Pakistan-Occupied Kashmir",
    "Israeli-Occupied Territories"): part of a proper name, whatever the tagger made of it."""
    tokens = parse.tokens
    tok = tokens[n]
    return (
        n >= 2 and tok.text[:1].isupper() and tokens[n - 1].text == "-" and tokens[n - 2].pos == "PROPN"
        and tokens[n - 1].end == tok.start and tokens[n - 2].end == tokens[n - 1].start
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


def _prefixed(parse: SentenceParse, n: int, lemma: str, known: Mapping[str, str]) -> str:
    """The verb's lemma with a word hyphened onto it, when the lexicon names that compound
    ("test-fire", which the parse splits into 'test' '-' 'fired'); else the lemma."""
    tokens = parse.tokens
    if n < 2 or tokens[n - 1].text != "-" or tokens[n - 1].start != tokens[n - 2].end:
        return lemma
    if tokens[n].start != tokens[n - 1].end:
        return lemma
    compound = f"{tokens[n - 2].text.lower()}-{lemma}"
    return compound if compound in known else lemma


def _counted(parse: SentenceParse, noun: Token) -> list[Token]:
    """A noun and what it counts or measures ("dozens of rockets", "25,000 tons of food aid",
    "$10 million in aid")."""
    out = [noun]
    for prep in parse.kids(noun, "prep"):
        word = prep.text.lower()
        if word == "of" or (word == "in" and any(k.pos == "NUM" for k in parse.kids(noun))):
            out += parse.kids(prep, "pobj")
    return out


def _prep_on(parse: SentenceParse, noun: Token, host: Token) -> str | None:
    """The preposition through which ``noun`` hangs on ``host`` ("put under investigation": 'under')."""
    prep = parse.head(noun)
    if noun.dep != "pobj" or prep is None or parse.head(prep) is not host:
        return None
    return prep.text.lower()


def _is_a(theme: Token, nouns: frozenset[str]) -> bool:
    word = theme.lemma.lower()
    return word in nouns or word.rstrip("s") in nouns or theme.text.lower() in nouns


class TriggerFinder(Part):
    """Finds the triggers of a sentence."""

    # ------------------------------------------------------------------ triggers
    def _triggers(self, parse: SentenceParse) -> list[Trigger]:
        lex = self.lex
        found: list[Trigger] = []
        first, last = parse.tokens[0].start, parse.tokens[-1].end
        spans = [(x.start, x.end) for x in self.doc.timexes if first <= x.start and x.end <= last]
        dates = {t.i for t in parse.tokens if any(a <= t.start and t.end <= b for a, b in spans)}
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
                lemma = _prefixed(parse, n, lemma, lex.verbs)  # "test-fired": a test, not an attack
                particle = None
                etype = None
                # the kind of subject decides first: "mortar rounds landed", "rioters set fire to cars"
                typed = self._subject_type(parse, tok)
                by_subject = typed is not None
                if typed is not None:
                    etype, particle = typed
                # a particle the parse took for an adverb stands right after the verb ("closed down")
                particles = [k for k in parse.kids(tok, "advmod") if k.i == tok.i + 1]
                for child in [] if by_subject else [*parse.kids(tok, "prt", "prep", "dobj"), *particles]:
                    if child.dep == "prep" and any(o.i in dates for o in parse.kids(child, "pobj")):
                        continue  # "called a strike for Monday": a date, not 'call for'
                    words = [child.text.lower()]
                    if child.dep == "prep":  # "took to the streets": 'take to streets'
                        words += [f"{words[0]} {o.lemma.lower()}" for o in parse.kids(child, "pobj")]
                    key = next(((lemma, w) for w in words if (lemma, w) in lex.phrasal), None)
                    if key is not None:
                        etype, particle = lex.phrasal[key], child
                        break
                if etype is None:
                    etype = lex.verbs.get(lemma)
                if etype is None:
                    continue
                theme = self._theme(parse, tok)
                if particle is None and not by_subject and lemma in lex.object_required and theme is None:
                    continue
                if (
                    particle is None and not by_subject
                    and lemma in lex.needs_theme
                    and (theme is None or not self._theme_is_a(parse, theme, lex.needs_theme[lemma]))
                    and not (theme is not None and lemma in lex.named_theme_verbs and self._names_people(parse, theme))
                ):
                    continue  # "a statement released on Thursday" is no release of prisoners
                if lemma in lex.idioms and any(k.lemma.lower() in lex.idioms[lemma] for k in parse.kids(tok, "dobj")):
                    continue  # "three crew members meeting their untimely demise": they died, no meeting
                if lemma in lex.endangering and self._endangers(parse, tok, theme):
                    continue  # "forces gain ground, threatening investments": a risk, not a threat
                if lemma in lex.people_subject_verbs and not by_subject and not self._people_subject(parse, tok):
                    continue  # "the delegation left the meeting" is no displacement
                etype = self._object_rule(parse, lemma, theme, etype)
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
                lemma = _prefixed(parse, n, lemma, lex.nouns)  # "sit-in", split 'sit' '-' 'in'
                noun = lemma if lemma in lex.nouns else tok.text.lower()
                etype = lex.nouns.get(noun)
                if etype is None and lemma in lex.frame_nouns:  # "a mediation effort": the act is the modifier's
                    framed = next((k for k in parse.kids(tok, "compound") if k.lemma.lower() in lex.nouns), None)
                    if framed is not None:
                        noun = framed.lemma.lower()
                        etype = lex.nouns[noun]
                performed = etype is None and lemma in lex.performed_nouns
                if performed:  # "held a hearing": an act only as what a verb performs (checked below)
                    noun, etype = lemma, lex.performed_nouns[lemma]
                joint = False
                if etype is None and lemma in lex.joint_nouns:
                    joint = any(k.lemma.lower() == "joint" for k in parse.kids(tok, "amod", "compound"))
                    etype = "CONSULT" if joint else None
                if etype is None and lemma not in lex.agreement_nouns:
                    continue
                if noun in lex.noun_needs_modifier and not self._has_modifier(parse, tok, noun):
                    continue
                if lemma in lex.unyielded and any(
                    _is_a(t, lex.unyielded[lemma]) for t in self._noun_themes(parse, tok)
                ):
                    continue  # "the release of an IMF loan" is no release of prisoners
                if etype is not None and lemma in lex.object_rules:  # "an exchange of fire" is an attack
                    etype = self._object_rule(parse, lemma, next(iter(self._noun_themes(parse, tok)), None), etype)
                if noun in lex.thing_compounds and any(
                    k.text.lower() in lex.thing_compounds[noun] for k in parse.kids(tok, "compound", "amod", "nmod")
                ):
                    continue  # "according to a press release", "died of a heart attack": a thing
                host = self._governor(parse, tok)
                anchor = self._clause_slot(parse, tok)
                governor = host if anchor.dep in CLAUSE_DEPS and parse.head(anchor) is host else tok
                placed = self._placed_under(parse, anchor, host)
                if placed:  # "placed him under house arrest": the verb performs the act
                    governor = host
                errand = self._errand(parse, anchor, host)
                if errand:  # "flew to Washington for talks": the trip's subject and day are the talks'
                    governor = host
                if performed and not placed and not errand and not (
                    governor is not tok
                    and governor.lemma.lower() in lex.light_verbs | lex.performing_verbs
                    and anchor.dep in {"dobj", "nsubjpass"}
                ):
                    continue  # "the hearing", "a warning that ...": a topic, no act performed
                predicated = False
                if etype is None:  # "an agreement was reached", "the truce took effect"
                    typed = self._agreement_type(parse, tok, governor)
                    if typed is None:
                        continue
                    etype, governor = typed
                    predicated = etype != "AGREE"
                # the verb carries the act: a light or performing verb, or one that types the noun
                governed = governor is not tok and any(
                    governor.lemma.lower() in verbs for verbs in lex.noun_governor_types.get(noun, {}).values()
                )
                # "there were reports of truce violations on Sunday": the existential reports it
                existential = (
                    governor is not tok and governor.lemma.lower() == "be" and anchor.dep == "attr"
                    and bool(parse.kids(governor, "expl")) and self._dated(parse, governor)
                )
                light = placed or errand or performed or governed or existential or (
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
        return Trigger(tok, self.lex.nouns[lemma], verb, self.doc.body[tok.start : name.end], light=True, host=verb)

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

    def _date_roots(self, parse: SentenceParse) -> list[Token]:
        """The head token of each usable date or time of the sentence (durations aside)."""
        roots = []
        for timex in self.doc.timexes:
            toks = [t for t in parse.tokens if timex.start <= t.start and t.end <= timex.end]
            if not toks or not usable(timex) or timex.type == "DURATION":
                continue
            inside = {t.i for t in toks}
            roots.append(next((t for t in toks if t.head not in inside), toks[0]))
        return roots

    def _dated(self, parse: SentenceParse, verb: Token) -> bool:
        """A date hangs from the verb, or from a preposition on it ("In 2020 there were ...");
        "there has been fighting" with none is a state, not a report."""
        for root in self._date_roots(parse):
            up = parse.head(root)
            if up is verb or (up is not None and up.dep == "prep" and parse.head(up) is verb):
                return True
        return False

    def _own_day(self, parse: SentenceParse, noun: Token) -> bool:
        """A day of the noun's own: "the agreement on Saturday", "Saturday's agreement"."""
        for root in self._date_roots(parse):
            prep = parse.head(root)
            if (root.dep == "poss" and root.head == noun.i) or (
                root.dep == "pobj" and prep is not None and prep.text.lower() == "on" and prep.head == noun.i
            ):
                return True
        return False

    def _noun_context_type(self, parse: SentenceParse, tok: Token, noun: str, governor: Token, etype: str) -> str:
        """The type a modifier or the carrying verb gives an event noun: 'hunger strike' is a
        PROTEST, 'lodged a protest' a DISAPPROVE."""
        mods = {self._joined(parse, k) for k in parse.kids(tok, "compound", "amod", "nmod")}
        if governor is not tok and self._coordinated_subject(parse, governor):
            mods.add("joint")  # "French and Egyptian warships launched war games": held together
        for rule_type, words in self.lex.noun_modifier_types.get(noun, {}).items():
            if mods & words:
                return rule_type
        if governor is not tok:
            for rule_type, verbs in self.lex.noun_governor_types.get(noun, {}).items():
                if governor.lemma.lower() in verbs:
                    return rule_type
        return etype

    @staticmethod
    def _coordinated_subject(parse: SentenceParse, verb: Token) -> bool:
        """The verb's subject names two parties: "India and China", "French and Egyptian warships"."""
        for subj in parse.kids(verb, "nsubj"):
            modifiers = parse.kids(subj, "amod", "compound", "nmod")
            if parse.kids(subj, "conj") or any(parse.kids(m, "conj") for m in modifiers):
                return True
        return False

    def _joined(self, parse: SentenceParse, modifier: Token) -> str:
        """A modifier as written, hyphens closed up: 'open-ended', which the parse splits into
        'open' '-' 'ended'."""
        span = parse.subtree(modifier)
        return self.doc.body[span[0].start : span[-1].end].lower().replace(" - ", "-")

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
                # "launched 10 days of war games": a counted stretch of time a verb performs holds
                # the act it measures; "after 12 hours of talks" stays a span (background)
                counted_time = (
                    light is not None and light.text.lower() in self.lex.time_units
                    and light.dep in {"dobj", "nsubjpass"} and any(k.pos == "NUM" for k in parse.kids(light, "nummod"))
                )
                if light is not None and (light.lemma.lower() in self.lex.light_nouns or counted_time):
                    cur = light
                    continue
            return cur
        return cur

    def _is_people(self, tok: Token) -> bool:
        """'residents', 'civilians', 'people' (``people_nouns``)."""
        return tok.lemma.lower() in self.lex.people_nouns or tok.text.lower() in self.lex.people_nouns

    def _people_subject(self, parse: SentenceParse, verb: Token) -> bool:
        """"more than 100 thousand residents left", "thousands of civilians left": people."""
        for subj in parse.kids(verb, "nsubj"):
            heads = [subj, *(o for p in parse.kids(subj, "prep") for o in parse.kids(p, "pobj"))]
            if any(self._is_people(h) for h in heads):
                return True
            mention = parse.mention_of.get(subj.i)
            if mention is not None and mention.actor is not None and mention.actor.sector == "CVL":
                return True
        return False

    def _subject_type(self, parse: SentenceParse, verb: Token) -> tuple[str, Token | None] | None:
        """The type a verb of ``subject_types`` takes from the kind of its subject ("a bomb went
        off": ASSAULT; "reinforcements arrived": MOBILIZE), and its particle; None for any other
        subject ("the delegation arrived")."""
        for key, particle in particle_keys(parse, verb):
            rules = self.lex.subject_types.get(key)
            if rules is None:
                continue
            for subj in parse.kids(verb, "nsubj"):
                # a modifier says what kind first: "peacekeeping troops" keep the peace
                for head in _counted(parse, subj):
                    for word in [*parse.kids(head, "compound", "amod"), head]:
                        for etype, nouns in rules.items():
                            if _is_a(word, nouns):
                                return etype, particle
        return None

    def _theme_is_a(self, parse: SentenceParse, theme: Token, nouns: frozenset[str]) -> bool:
        """The theme, one of its conjuncts ("aerial photographs and other military intelligence"),
        or what a measure counts ("25,000 tons of food aid", "$10 million in aid") is one of ``nouns``."""
        # a name's common noun says what it is: "candidate Alassane Ouattara"
        named = [k for k in parse.kids(theme, "compound") if k.pos == "NOUN"] if theme.pos == "PROPN" else []
        # what a vehicle carries is what is sent: "a plane carrying 40 tons of medical supplies"
        carriers = [k for k in parse.kids(theme, "acl") if k.lemma.lower() in self.lex.cargo_verbs]
        cargo = [o for k in carriers for o in parse.kids(k, "dobj")]
        heads = [theme, *named, *cargo, *parse.kids(theme, "conj")]
        return any(_is_a(c, nouns) for noun in heads for c in _counted(parse, noun))

    def _endangers(self, parse: SentenceParse, verb: Token, theme: Token | None) -> bool:
        """'threaten' that puts something at risk: an object that is no party, and neither an act
        to come ("threatened to attack") nor a means ("threatened them with sanctions")."""
        if theme is None or parse.kids(verb, "xcomp", "ccomp") or any(
            p.text.lower() in {"with", "against"} for p in (*parse.kids(verb, "prep"), *parse.kids(theme, "prep"))
        ):
            return False  # "threatened further action against Russia": a threat, against whom it says
        if theme.lemma.lower() in self.lex.nouns or theme.lemma.lower() in self.lex.performed_nouns:
            return False  # "threatened a general strike": an act to come
        mention = parse.mention_of.get(theme.i)
        return not self._is_people(theme) and (mention is None or mention.actor is None)  # "threatened residents"

    @staticmethod
    def _noun_themes(parse: SentenceParse, noun: Token) -> list[Token]:
        """What an event noun acts on: its 'of' object, or a noun modifier ("prisoner release")."""
        themes = [o for p in parse.kids(noun, "prep") if p.text.lower() == "of" for o in parse.kids(p, "pobj")]
        return themes + [k for k in parse.kids(noun, "compound", "nmod") if k.pos in {"NOUN", "PROPN"}]

    def _names_people(self, parse: SentenceParse, theme: Token) -> bool:
        """'release Prime Minister Chaudhry', 'free two Reuters journalists': a named person or group."""
        mention = parse.mention_of.get(theme.i)
        return mention is not None and mention.actor is not None and mention.actor.kind in {"person", "group"}

    def _theme(self, parse: SentenceParse, verb: Token) -> Token | None:
        kids = parse.kids(verb, "dobj", "nsubjpass")
        if kids:
            return kids[0]
        for clause in parse.kids(verb, "ccomp"):
            # "allowed the candidate to run": the parse makes the object the subject of the infinitive
            if any(k.tag == "TO" for k in parse.kids(clause, "aux")) and parse.kids(clause, "nsubj"):
                return parse.kids(clause, "nsubj")[0]
        if verb.dep == "acl" and verb.tag == "VBN":
            return parse.head(verb)  # "prisoners released on Monday"
        # The parse often loses the object in coordinated clauses ("X is releasing 32 soldiers
        # and Y is releasing two"): take the first noun right after the verb.
        for tok in parse.tokens:
            if tok.i <= verb.i:
                continue
            if tok.i > verb.i + 7 or tok.pos in {"VERB", "AUX", "PUNCT", "SCONJ"}:
                return None
            if tok.pos == "NOUN" and tok.dep not in {"compound", "poss"}:
                return tok
        return None

    def _placed_under(self, parse: SentenceParse, anchor: Token, host: Token) -> bool:
        """The noun is where a placing verb puts its object ("put under investigation"); a
        fronted phrase is the act's setting ("Under Qatar's mediation, the sides held talks")."""
        prep = parse.head(anchor)
        return (
            prep is not None and prep.i > host.i
            and host.lemma.lower() in self.lex.placing_preps.get(_prep_on(parse, anchor, host) or "", frozenset())
        )

    def _errand(self, parse: SentenceParse, anchor: Token, host: Token) -> bool:
        """The noun is what a trip or a sending is for ("flew to Washington for talks")."""
        return (
            _prep_on(parse, anchor, host) in self.lex.errand_preps
            and host.pos == "VERB" and host.lemma.lower() in self.lex.errand_verbs
        )

    def _object_rule(self, parse: SentenceParse, lemma: str, theme: Token | None, etype: str) -> str:
        """The type ``object_rules`` gives the verb or noun for its theme, else ``etype``."""
        rules = self.lex.object_rules.get(lemma)
        if not rules or theme is None:
            return etype
        for rule_type, objects in rules.items():
            if self._theme_is_a(parse, theme, objects):
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
