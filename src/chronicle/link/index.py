"""Which part of the link state new documents can meet, as keys a store indexes.

Linking a new document compares it with a few linked ones, never all: its near-duplicates
share an LSH bucket of their MinHash signatures; the stories it can join share one of its
heaviest terms; the merged events its reports can join share a blocking key
(:func:`chronicle.link.merge.lookup_keys`); the people it names share a name or surname.
:func:`lookup` gives the keys to fetch a slice of the state by (``LinkState``), and
:func:`postings` the keys under which what a call added must be found later. A store keeps
``(key, target id)`` postings in insertion order; for a busy key only its latest postings are
searched, as in memory. The keys are prefixed by what they point at: ``b|`` a linked document,
``s|`` a story, ``e|`` a merged event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from chronicle.link import features
from chronicle.link.dedup import MinHasher, band_keys
from chronicle.link.merge import lookup_keys, report_keys
from chronicle.link.state import LinkState
from chronicle.records import Document
from chronicle.settings import Settings

# A document's heaviest terms, posted under its story and looked up for a new document. A
# document reaches a story's average similarity only through weighty shared terms, and these
# hold most of a unit vector's weight.
STORY_TERMS = 24
# How many of the latest stories posted under one term are candidates: reports of one story
# arrive close together, and a story's window is weeks long.
STORY_POSTINGS = 64
# Of those, the stories sharing the most of a document's heaviest terms are compared with it.
STORY_CANDIDATES = 32
# For each new report, the merged events sharing the most of its blocking keys are compared
# with it: one that could reach the merge threshold shares several (a date bucket and an actor,
# an actor and a word of the name, a min-hash of the sentence), a busy key alone draws many that
# cannot.
GROUP_CANDIDATES = 16


@dataclass(slots=True)
class LinkKeys:
    """What to fetch for a slice: the new documents' LSH buckets (``b|`` keys, every posting
    followed), the stored counts of their terms (read once, by :func:`lookup`), the people's
    names; ``documents``: each new document's ``s|`` keys, of which the stories sharing most
    are taken; ``reports``: each new report's ``e|`` keys (key → how many of its latest
    postings), of which the merged events sharing most are taken."""

    bands: set[str] = field(default_factory=set)
    df: dict[str, int] = field(default_factory=dict)
    n_docs: int = 0
    names: set[str] = field(default_factory=set)
    documents: list[dict[str, int]] = field(default_factory=list)
    reports: list[dict[str, int]] = field(default_factory=list)
    stories: int = STORY_CANDIDATES  # per document, the stories sharing most of its keys
    groups: int = GROUP_CANDIDATES  # per report, the merged events sharing most of its keys


def _originals(docs: Sequence[Document]) -> list[Document]:
    return [d for d in docs if features.has_story_text(d)]


def story_terms(docs: Sequence[Document]) -> set[str]:
    """Every story term of ``docs``: their document counts are read and updated."""
    return {t for d in _originals(docs) for t in features.term_counts(d)}


def _heaviest(counts: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> list[str]:
    vector = features.weighted_vector(counts, df, n_docs)
    return sorted(vector, key=lambda t: (-vector[t], t))[:STORY_TERMS]


def _person_names(docs: Sequence[Document]) -> set[str]:
    names = set()
    for doc in docs:
        actors = [m.actor for m in doc.mentions] + [a.actor for e in doc.events for a in e.actors]
        for actor in actors:
            if actor is not None and actor.kind == "person":
                names |= {actor.name, actor.name.split()[-1]}
    return names


def _signatures(docs: Sequence[Document], num_perm: int, seed: int) -> np.ndarray:
    hasher = MinHasher(num_perm=num_perm, seed=seed)
    return hasher.signatures([d.body if d.status == "ok" else "" for d in docs])


CountsFn = Callable[[set[str]], tuple[dict[str, int], int]]


def lookup(
    docs: Sequence[Document], settings: Settings, stored_counts: CountsFn, *, num_perm: int = 128, seed: int = 1,
) -> LinkKeys:
    """The keys of everything linked that ``docs`` can meet. ``stored_counts``: the store's
    document counts of some terms, and how many documents it counted (``Store.link_counts``)."""
    counts = [features.term_counts(d) for d in _originals(docs)]
    df, n_docs = stored_counts({t for c in counts for t in c})
    keys = LinkKeys(df=df, n_docs=n_docs, names=_person_names(docs))
    for bands in band_keys(_signatures(docs, num_perm, seed), settings.duplicate_threshold):
        keys.bands |= {"b|" + band for band in bands}
    keys.documents = [{"s|" + term: STORY_POSTINGS for term in _heaviest(c, df, n_docs)} for c in counts]
    for doc in docs:
        for event in doc.events:
            own = f"|doc|{doc.id}"  # a document's own reports meet in memory
            keys.reports.append({"e|" + k: n for k, n in lookup_keys(event).items() if not k.endswith(own)})
    return keys


def postings(state: LinkState, docs: Sequence[Document], settings: Settings) -> list[tuple[str, str]]:
    """``(key, target id)`` for what linking ``docs`` added to ``state``: their LSH buckets,
    their heaviest terms under their story, their reports' blocking keys under their merged
    event. In the order to store them (a key's latest postings are searched first)."""
    ids = {d.id for d in docs}
    entries = [d for d in state.documents if d.id in ids]
    out: list[tuple[str, str]] = []
    if entries:
        signatures = np.asarray([d.signature for d in entries], dtype=np.uint32)
        for entry, bands in zip(entries, band_keys(signatures, settings.duplicate_threshold), strict=True):
            out += [("b|" + band, entry.id) for band in bands]
    story_of = {d.id: d.story for d in entries}
    reprints = {d.id for d in entries if d.duplicate_of is not None}
    for doc in _originals(docs):
        story = story_of.get(doc.id)
        if story is not None and doc.id not in reprints:
            out += [("s|" + term, story) for term in _heaviest(features.term_counts(doc), state.df, state.n_docs)]
    for group in state.groups:
        for report in group.reports:
            if report.doc_id in ids:
                own = f"{report.type}|doc|"  # a document's own reports meet in memory, never later
                out += [("e|" + key, group.id) for key in sorted(report_keys(report)) if not key.startswith(own)]
    return out
