"""The parse view the parts of event extraction share: one sentence's tokens with their
heads and children, the trigger records the parts build, and small syntactic tests."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from chronicle.lexicon import EventLexicon
from chronicle.records import (
    Actor,
    Document,
    EventActor,
    EventDate,
    Mention,
    Token,
)
from chronicle.temporal.grammar import MONTH, WEEKDAY

SUBJECTS = frozenset({"nsubj", "csubj"})

RELATIVE = frozenset({"which", "who", "that", "whom"})

# Dependents through which an event noun takes its clause (tense, modality, subject) from a verb.
CLAUSE_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd"})

FUTURE = frozenset({"will", "shall", "'ll", "wo"})

OPEN_QUOTES, CLOSE_QUOTES = "“«", "”»"

QUOTE_PARAGRAPHS = 3  # how many paragraphs back a continued quote may have opened


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


def missing_predicate_repaired(tokens: Sequence[Token]) -> Sequence[Token]:
    """"Foreign Minister X, at a press conference with Y in Bucharest, called on Armenia ...":
    the parser, lost in the long parenthesis, makes the subject the root and the sentence's
    only verb a participle after a comma that modifies a noun. With no finite verb anywhere,
    that participle is the predicate and the root noun its subject."""
    roots = [t for t in tokens if t.dep == "ROOT"]
    if len(roots) != 1 or roots[0].pos not in {"NOUN", "PROPN"}:
        return tokens
    if any(t.tag in {"VBD", "VBZ", "VBP", "MD"} for t in tokens):
        return tokens
    after_comma = [
        t for n, t in enumerate(tokens)
        if t.pos == "VERB" and t.tag in {"VBN", "VBD"} and t.dep == "acl" and n > 0 and tokens[n - 1].text == ","
    ]
    if len(after_comma) != 1:
        return tokens
    verb, subject = after_comma[0], roots[0]
    return [
        replace(t, tag="VBD", dep="ROOT", head=t.i) if t is verb
        else replace(t, dep="nsubj", head=verb.i) if t is subject
        else t
        for t in tokens
    ]


def adjectival_predicate_repaired(tokens: Sequence[Token]) -> Sequence[Token]:
    """"The army relaxed restrictions on movement": the parser reads the sentence as one noun
    phrase, the past verb an adjective of the noun after it ('relaxed restrictions') and the
    subject a modifier. With no finite verb anywhere, a past form between two nouns is the
    predicate: the noun before it its subject, the root noun after it its object."""
    roots = [t for t in tokens if t.dep == "ROOT"]
    if len(roots) != 1 or roots[0].pos not in {"NOUN", "PROPN"}:
        return tokens
    root = roots[0]
    by_i = {t.i: t for t in tokens}
    verbs = [t for t in tokens if t.pos == "VERB" and t.dep == "amod" and t.tag in {"VBD", "VBN"} and t.head == root.i]
    if len(verbs) != 1 or any(t.tag in {"VBZ", "VBP", "MD"} or (t.tag == "VBD" and t is not verbs[0]) for t in tokens):
        return tokens
    verb = verbs[0]
    subject = by_i.get(verb.i - 1)
    if (
        subject is None or subject.pos not in {"NOUN", "PROPN"} or subject.head not in {verb.i, root.i}
        or verb.i > root.i
    ):
        return tokens
    # what hung on the root noun: the determiners of the subject go to it ("The" of "The army"),
    # a fronted phrase, the punctuation and a closing participle clause (", killing 70") to the verb
    start = subject.i
    while (prev := by_i.get(start - 1)) is not None and prev.dep in {"det", "amod", "compound"} and prev.head == root.i:
        start -= 1
    clause = {
        t.i for t in tokens if t.head == root.i and (
            t.i < start or t.dep == "punct"
            or (t.dep == "acl" and t.tag == "VBG" and t.i > root.i and by_i.get(t.i - 1, t).text == ",")
        )
    }
    return [
        replace(t, tag="VBD", dep="ROOT", head=t.i) if t is verb
        else replace(t, dep="nsubj", head=verb.i) if t is subject
        else replace(t, dep="dobj", head=verb.i) if t is root
        else replace(t, head=subject.i) if start <= t.i < subject.i and t.head == root.i
        else replace(t, head=verb.i, dep="advcl" if t.dep == "acl" else t.dep) if t.i in clause
        else t
        for t in tokens
    ]


def infinitive_complement_repaired(tokens: Sequence[Token], complement_verbs: frozenset[str]) -> Sequence[Token]:
    """"have sworn to fight": the parser sometimes hangs the infinitive that completes a verb of
    intent, wish or failure on it as an adverbial clause (a purpose), which reads as no promise
    at all. Right after such a verb, with nothing but adverbs between, it is its complement."""
    by_i = {t.i: t for t in tokens}
    repaired = set()
    for t in tokens:
        head = by_i.get(t.head)
        if t.dep != "advcl" or head is None or head.lemma.lower() not in complement_verbs or t.i <= head.i:
            continue
        between = [by_i[i] for i in range(head.i + 1, t.i) if i in by_i]
        if any(b.tag == "TO" for b in between) and all(b.tag == "TO" or b.pos in {"ADV", "PART"} for b in between):
            repaired.add(t.i)
    return [replace(t, dep="xcomp") if t.i in repaired else t for t in tokens] if repaired else tokens


def conjunct_subject_repaired(tokens: Sequence[Token]) -> Sequence[Token]:
    """"Israel will withdraw its forces and Lebanon's army will deploy": the parser makes the
    second subject one more object of the first verb ('forces and army') and leaves the second
    verb with no subject, so it borrows the first one's. A finite or modal conjunct verb with no
    subject, right after a noun conjunct (only auxiliaries, negation or adverbs between), has
    that noun as its subject."""
    by_i = {t.i: t for t in tokens}
    subjects = {t.head for t in tokens if t.dep in {"nsubj", "nsubjpass"}}
    repaired: dict[int, int] = {}  # noun -> verb
    for t in tokens:
        if t.dep != "conj" or t.pos != "VERB" or t.i in subjects:
            continue
        start = t.i
        while (prev := by_i.get(start - 1)) is not None and prev.head == t.i and prev.dep in {"aux", "neg", "advmod"}:
            start -= 1
        if start == t.i and t.tag not in {"VBD", "VBZ", "VBP"}:
            continue
        before = by_i.get(start - 1)
        first = by_i.get(before.head) if before is not None else None
        if (  # the noun is coordinated with the object of the verb the second verb is coordinated with
            before is not None and before.dep == "conj" and before.pos in {"NOUN", "PROPN"}
            and first is not None and first.dep == "dobj" and first.head == t.head and first.i < before.i
        ):
            repaired[before.i] = t.i
    if not repaired:
        return tokens
    return [replace(t, dep="nsubj", head=repaired[t.i]) if t.i in repaired else t for t in tokens]


class SentenceParse:
    """The tokens of one sentence with child lists, and which mention each token is in."""

    def __init__(
        self, tokens: Sequence[Token], mentions: Sequence[Mention], complement_verbs: frozenset[str] = frozenset()
    ) -> None:
        for repair in (missing_predicate_repaired, adjectival_predicate_repaired, conjunct_subject_repaired):
            tokens = repair(tokens)
        tokens = infinitive_complement_repaired(tokens, complement_verbs)
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

# What may stand between two coordinated parties: "X and Y", "X's army and the paramilitary Y".
AND = re.compile(r"(?:['’]s(?:\s+[a-z][\w-]*){1,2})?\s*(?:and|&)\s+(?:[a-z][\w-]*\s+){0,3}\Z")

DAY_WORDS = re.compile(rf"\b{WEEKDAY}|\b(?:today|yesterday|tomorrow|tonight)\b|\b{MONTH}\.?\s*\d", re.I)


def particle_keys(parse: SentenceParse, verb: Token) -> list[tuple[str, Token | None]]:
    """How the lexicon may name a verb with its particle or bare object, most specific first:
    ("go off", 'off'), ("set fire", 'fire'), then ("go", None)."""
    lemma = verb.lemma.lower()
    named = [k for k in parse.kids(verb, "prt", "dobj") if k.dep == "prt" or not parse.kids(k, "det")]
    return [(f"{lemma} {k.text.lower()}", k) for k in named] + [(lemma, None)]


def coordinated(parse: SentenceParse, verb: Token) -> bool:
    """A verb coordinated with the one it hangs from: a conjunct, or a subjectless verb the
    parse left as a bare "dep" of another ("will support X, support Y and support Z")."""
    if verb.dep == "conj":
        return True
    head = parse.head(verb)
    return (
        verb.dep == "dep" and verb.pos == "VERB" and head is not None and head.pos == "VERB"
        and not parse.kids(verb, "nsubj", "nsubjpass")
    )


class Part:
    """State the parts of the extractor share: the document, its lexicon, and what its
    earlier sentences established (set by chronicle.events.extract.Extractor)."""

    doc: Document
    lex: EventLexicon
    by_sentence: dict[int, list[Token]]
    actor_mentions: list[Mention]
    pair: list[Actor]
    dateline_end: int
    _clause_dates: dict[int, EventDate]
    _group_re: re.Pattern[str]
    _emitted_nouns: set[str]
    _agreed_terms: set[str]
