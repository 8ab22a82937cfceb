"""The "nlp" stage: one spaCy pass per document, converted to records at the boundary.

The tokenizer and the rule-based sentence splitter run over the whole body; the statistical
components (tagger, parser, lemmatizer, NER) run only on sentences that contain a word that
can trigger an event (unless ``Settings.parse_all_sentences``), because only those sentences
are read by chronicle.events. Gazetteer names, group phrases and surnames are found in every
sentence. Out come :class:`Sentence`, :class:`Mention` and compact :class:`Token` records;
no spaCy object leaves this package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.lookups import Table
from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from chronicle.lexicon import event_lexicon, inflections
from chronicle.nlp.gazetteer import gazetteer
from chronicle.nlp.loader import loader
from chronicle.nlp.mentions import NER_LABELS, NerSpan, Word, find_mentions
from chronicle.nlp.segment import segment
from chronicle.pipeline import stage
from chronicle.records import Document, Sentence, Token
from chronicle.settings import Settings
from chronicle.temporal import dateline_end

# Sentences are short, so they go through the statistical components in larger batches than
# documents do.
_SENTENCES_PER_DOC_BATCH = 8


def trigger_forms(nlp: Language) -> frozenset[str]:
    """Lower-case word forms that may be an event trigger: the lexicon's regular inflections
    plus the irregular ones from the model's own lemmatizer exception table ('met' -> 'meet')."""
    lex = event_lexicon()
    forms = set(lex.surface_forms())
    lemmas = lex.trigger_verbs() | set(lex.nouns)
    if "lemmatizer" in nlp.pipe_names:
        tables = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        if tables.has_table("lemma_exc"):
            exc: Table = tables.get_table("lemma_exc")
            for pos in ("verb", "noun"):
                for form, bases in exc.get(pos, {}).items():
                    if any(b in lemmas for b in bases):
                        forms.add(form)
    return frozenset(forms)


def verb_lemmas(nlp: Language) -> dict[str, str]:
    """Regular past and present forms of the lexicon's verbs (event verbs and light verbs) ->
    their lemma, for the forms the model's lemmatizer gets wrong ("staged" -> "stag", so
    "students staged a demonstration" lost its light verb). Forms two lemmas share are left out;
    so are those the model's own exception table lists, and the lemmas themselves."""
    lex = event_lexicon()
    by_form: dict[str, set[str]] = {}
    occurrence = {key.split()[0] for key in lex.occurrence_verbs}
    for lemma in {*lex.trigger_verbs(), *lex.light_verbs, *occurrence}:
        for form in inflections(lemma) - {lemma}:
            by_form.setdefault(form, set()).add(lemma)
    listed: set[str] = set()
    if "lemmatizer" in nlp.pipe_names:
        tables = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        if tables.has_table("lemma_exc"):
            listed = set(tables.get_table("lemma_exc").get("verb", {}))
    return {form: next(iter(lemmas)) for form, lemmas in by_form.items() if len(lemmas) == 1 and form not in listed}


class TagAttributes:
    """The attribute ruler's single-token rules as cached table lookups.

    The shipped ``attribute_ruler`` maps fine tags (plus word or dependency conditions) to POS,
    MORPH and LEMMA through the general-purpose Matcher, which costs more than the tagger
    itself. Its single-token rules only test TAG, LOWER and DEP, so the merged result depends
    on that triple alone and is computed once per distinct triple, in the ruler's own order
    (later rules win). The few two-token rules (slang contractions) are not applied."""

    _KEYS = ("TAG", "LOWER", "DEP")

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        # Each rule: {attribute: (values, negated)} -> attributes to set.
        self.rules: list[tuple[dict[str, tuple[frozenset[str], bool]], dict[str, str]]] = []
        for rule in patterns:
            pattern = rule["patterns"][0]
            if len(pattern) != 1 or not set(pattern[0]) <= set(self._KEYS):
                continue
            conditions = {}
            for key, value in pattern[0].items():
                negated = isinstance(value, dict) and "NOT_IN" in value
                values: list[Any] = [value]
                if isinstance(value, dict):
                    values = list(value.get("NOT_IN") or value.get("IN") or [])
                conditions[key] = (frozenset(str(v) for v in values), negated)
            attrs = {k: v for k, v in rule["attrs"].items() if k in {"POS", "MORPH", "LEMMA"}}
            self.rules.append((conditions, attrs))
        self._merged: dict[tuple[str, str, str], dict[str, str]] = {}

    def attributes(self, tag: str, lower: str, dep: str) -> dict[str, str]:
        key = (tag, lower, dep)
        merged = self._merged.get(key)
        if merged is None:
            merged = {}
            values = dict(zip(self._KEYS, key, strict=True))
            for conditions, attrs in self.rules:
                if all((values[k] in allowed) != negated for k, (allowed, negated) in conditions.items()):
                    merged.update(attrs)
            self._merged[key] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            attrs = self.attributes(tok.tag_, tok.lower_, tok.dep_)
            if "POS" in attrs:
                tok.pos_ = attrs["POS"]
            if "MORPH" in attrs:
                tok.set_morph(attrs["MORPH"])  # type: ignore[attr-defined]
            if "LEMMA" in attrs:
                tok.lemma_ = attrs["LEMMA"]
        return doc


def _split_at(spans: list[tuple[int, int]], starts: list[int], offset: int) -> list[tuple[int, int]]:
    """The sentence spans with a boundary at character ``offset`` (the end of the dateline):
    "Minority Watch— Myanmar's military and the MNDAA have ..." parsed whole makes the outlet
    the subject of the lede; the dateline is a segment of its own."""
    if offset <= 0:
        return spans
    cut = next((i for i, start in enumerate(starts) if start >= offset), None)
    if cut is None:
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        out.extend([(a, cut), (cut, b)] if a < cut < b else [(a, b)])
    return out


class Analyser:
    """Holds what one process needs to analyse documents: model, gazetteer, trigger forms."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.gaz = gazetteer()
        self.forms = trigger_forms(nlp)
        self.verb_lemmas = verb_lemmas(nlp)
        self.tag_attributes = (
            TagAttributes(nlp.get_pipe("attribute_ruler").patterns)  # type: ignore[attr-defined]
            if "attribute_ruler" in nlp.pipe_names
            else None
        )

    def analyse_batch(self, docs: list[Document], settings: Settings) -> list[Document]:
        """Each document with its ``sentences``, ``mentions`` and ``tokens`` (new records; the
        input is left as it was)."""
        docs = [replace(d) for d in docs]  # filled below: the caller's records stay as they were
        texts = [d.body for d in docs]
        tokenizer = self.nlp.tokenizer
        tokenized = list(tokenizer.pipe(texts, batch_size=settings.batch_size))  # type: ignore[union-attr]
        spans_per_doc: list[list[tuple[int, int]]] = []
        subdocs: list[Doc] = []
        owners: list[tuple[int, int, int]] = []  # (doc number, sentence index, first token)
        # one pass over each token list: spaCy builds a Token object on every iteration
        words_of = [[(t.idx, t.text, t.lower_) for t in sdoc] for sdoc in tokenized]
        for n, (doc, sdoc) in enumerate(zip(docs, tokenized, strict=True)):
            toks = words_of[n]
            starts = [idx for idx, _, _ in toks]
            spans = _split_at(segment([text for _, text, _ in toks]), starts, dateline_end(doc.body, doc.dateline))
            spans_per_doc.append(spans)
            doc.sentences = [
                Sentence(
                    index=k,
                    start=toks[a][0],
                    end=toks[b - 1][0] + len(toks[b - 1][1]),
                    text=doc.body[toks[a][0] : toks[b - 1][0] + len(toks[b - 1][1])],
                )
                for k, (a, b) in enumerate(spans)
            ]
            for k, (a, b) in enumerate(spans):
                if settings.parse_all_sentences or any(lower in self.forms for _, _, lower in toks[a:b]):
                    subdocs.append(sdoc[a:b].as_doc())
                    owners.append((n, k, a))
        parsed = self._parse(subdocs, settings)
        tokens: list[list[Token]] = [[] for _ in docs]
        ner: list[list[NerSpan]] = [[] for _ in docs]
        for (n, k, _first), sub in zip(owners, parsed, strict=True):
            offset = docs[n].sentences[k].start - sub[0].idx
            base = len(tokens[n])
            tokens[n].extend(
                Token(
                    i=base + t.i,
                    start=offset + t.idx,
                    end=offset + t.idx + len(t),
                    text=t.text,
                    lemma=self._lemma(t),
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=base + t.head.i,
                    sentence=k,
                )
                for t in sub
            )
            ner[n].extend(
                NerSpan(offset + e.start_char, offset + e.end_char, e.label_)
                for e in sub.ents
                if e.label_ in NER_LABELS
            )
        for n, doc in enumerate(docs):
            toks = words_of[n]
            sent_of = [-1] * len(toks)
            for k, (a, b) in enumerate(spans_per_doc[n]):
                for i in range(a, b):
                    sent_of[i] = k
            words = [
                Word(idx, idx + len(text), text, sent_of[i]) for i, (idx, text, _) in enumerate(toks) if sent_of[i] >= 0
            ]
            doc.tokens = tokens[n]
            doc.mentions = find_mentions(doc.body, words, ner[n], self.gaz)
        return docs

    def _parse(self, subdocs: list[Doc], settings: Settings) -> list[Doc]:
        """Run the enabled statistical components over the sentence docs, in order."""
        stream: Iterable[Doc] = subdocs
        size = settings.batch_size * _SENTENCES_PER_DOC_BATCH
        for name, proc in self.nlp.pipeline:
            if name == "attribute_ruler" and self.tag_attributes is not None:
                stream = map(self.tag_attributes, stream)
            else:
                stream = proc.pipe(stream, batch_size=size)  # type: ignore[attr-defined]
        return list(stream)


    def _lemma(self, tok: SpacyToken) -> str:
        """The model's lemma, unless a verb form of the lexicon says otherwise."""
        if tok.tag_.startswith("VB"):
            return self.verb_lemmas.get(tok.lower_, tok.lemma_)
        return tok.lemma_


class AnalyserCache:
    """One :class:`Analyser` per model name, built on first use."""

    def __init__(self) -> None:
        self._by_model: dict[str, Analyser] = {}

    def get(self, settings: Settings) -> Analyser:
        name = loader.installed(settings.spacy_models)
        if name not in self._by_model:
            self._by_model[name] = Analyser(loader.load(settings.spacy_models))
        return self._by_model[name]


analysers = AnalyserCache()


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


@stage("nlp", requires=("body", "status", "language"), assigns=("sentences", "mentions", "tokens"))
def analyse(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Sentences, actor/place mentions and the parse of event-bearing sentences. Documents
    whose status is not "ok" (non-English, empty) pass through untouched."""
    analyser = analysers.get(settings)
    for batch in _batches(docs, settings.batch_size):
        todo = [d for d in batch if d.status == "ok" and d.body.strip()]
        done = iter(analyser.analyse_batch(todo, settings) if todo else [])
        yield from (next(done) if d.status == "ok" and d.body.strip() else d for d in batch)
