"""``link``: the cross-document step. Reprints, stories and merged events, incrementally."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from chronicle.link import features
from chronicle.link.dedup import MinHasher, overlap, shingle_count, similar_pairs
from chronicle.link.merge import DocMeta, assign_reports, build_event, timeline_order
from chronicle.link.state import LinkedDoc, LinkResult, LinkState
from chronicle.link.stories import StoryInput, cluster
from chronicle.nlp.actors import people, resolve_across
from chronicle.records import Document, Story
from chronicle.settings import Settings


def _root(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _unit(keys: set[str]) -> dict[str, float]:
    return {key: 1.0 / math.sqrt(len(keys)) for key in sorted(keys)}


# A reprint and its original differ in length at most this many times (one is not a paragraph of the other).
_MAX_REPRINT_GROWTH = 3


def _date_key(published: str | None) -> str:
    return published or "~"  # unknown dates sort after every ISO date


def find_duplicates(
    old: Sequence[LinkedDoc], new: Sequence[Document], signatures: np.ndarray, threshold: float
) -> dict[str, str]:
    """``{new doc id: id of the document it reprints}``.

    Groups are the connected components of near-duplicate pairs. A group that holds an already
    linked document keeps that document's original (ids never change); a group of new documents
    only points at its earliest published (ties: first seen, then smallest id).
    """
    n_old = len(old)
    pairs = similar_pairs(signatures, threshold, new_from=n_old)
    parent = {i: i for i in range(n_old + len(new))}
    for i, j in pairs:
        ri, rj = _root(parent, i), _root(parent, j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(n_old + len(new)):
        groups.setdefault(_root(parent, i), []).append(i)
    result: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        olds = [i for i in members if i < n_old]
        if olds:
            first = old[olds[0]]
            original = first.duplicate_of or first.id
        else:
            original = min(
                (new[i - n_old] for i in members), key=lambda d: (_date_key(d.published),)
            ).id
        for i in members:
            if i >= n_old and new[i - n_old].id != original:
                result[new[i - n_old].id] = original
    return result


def _reprints_in_stories(state: LinkState, new_docs: Sequence[Document], settings: Settings) -> None:
    """A copy with edits: a new document of a story that shares most of its body with a member
    seen before it (the earliest published first) reprints it; an added standfirst, paragraph
    or teaser list keeps the Jaccard of the whole bodies low. A document much shorter than the
    other (a paragraph of it) is not a reprint. Compared within its story only, so the check
    costs a story's size."""
    by_id = {d.id: d for d in state.documents}
    members: dict[str | None, list[LinkedDoc]] = {}
    for entry in state.documents:
        members.setdefault(entry.story, []).append(entry)
    for doc in new_docs:
        entry = by_id[doc.id]
        if entry.duplicate_of is not None or not entry.shingles:
            continue
        sig = np.asarray(entry.signature, dtype=np.uint32)
        # Only documents seen before it: a document already linked never becomes a reprint
        # later, so one batch and many increments give the same links.
        earlier = sorted(
            (o for o in members.get(entry.story, []) if o.order < entry.order and o.shingles),
            key=lambda o: (_date_key(o.published), o.order),
        )
        for other in earlier:
            small, large = sorted((entry.shingles, other.shingles))
            if small * _MAX_REPRINT_GROWTH < large:
                continue
            jaccard, share = overlap(sig, entry.shingles, np.asarray(other.signature, dtype=np.uint32), other.shingles)
            original = other.duplicate_of or other.id
            if jaccard >= settings.reprint_min_jaccard and share >= settings.reprint_overlap and original != entry.id:
                entry.duplicate_of = original
                break


def _copy(state: LinkState) -> LinkState:
    """A copy that ``link`` may change: the containers and the entries it updates in place
    (records it only reads, such as reports and signatures, are shared)."""
    return dataclasses.replace(
        state,
        documents=[dataclasses.replace(d) for d in state.documents],
        stories=list(state.stories),  # clustering copies the stories it extends
        groups=list(state.groups),  # assigning reports copies the groups it extends
        df=dict(state.df),
        people=dict(state.people),
    )


def link(
    docs: Sequence[Document], settings: Settings, state: LinkState | None = None, *, changed_only: bool = False
) -> LinkResult:
    """Link documents across sources: reprints, stories, merged events with disagreements.

    ``docs`` are documents after the per-document stages (``events`` filled where available).
    Documents already in ``state`` (same id) keep their story and duplicate link; new ones are
    added to it. ``state`` may be a slice (see :mod:`chronicle.link.state`). Person actors are
    first unified with the people seen before (:func:`chronicle.nlp.actors.resolve_across`).
    ``changed_only``: the result's stories, events and state hold only what this call changed
    (what a caller that stores a slice writes back). Pure: neither ``docs`` nor ``state`` is
    modified; the new state is returned.
    """
    state = _copy(state) if state is not None else LinkState()
    docs = resolve_across(docs, state.people)
    state.people = people(docs, state.people)
    known = {d.id: d for d in state.documents}
    new_docs: list[Document] = []
    for doc in docs:
        if doc.id not in known and all(doc.id != d.id for d in new_docs):
            new_docs.append(doc)
    start = state.linked
    state.linked += len(new_docs)
    hasher = MinHasher(num_perm=state.num_perm, seed=state.seed)

    # 1. Reprints. Only analysed ("ok") bodies are compared: an empty body resembles nothing.
    new_sigs = hasher.signatures([d.body if d.status == "ok" else "" for d in new_docs])
    old_sigs = np.asarray([d.signature for d in state.documents], dtype=np.uint32).reshape(
        len(state.documents), state.num_perm
    )
    dup_of = find_duplicates(
        state.documents, new_docs, np.vstack([old_sigs, new_sigs]), settings.duplicate_threshold
    )
    for offset, (doc, sig) in enumerate(zip(new_docs, new_sigs, strict=True)):
        state.documents.append(
            LinkedDoc(
                id=doc.id, order=start + offset, published=doc.published, outlet=doc.outlet,
                duplicate_of=dup_of.get(doc.id), signature=[int(x) for x in sig],
                content_hash=doc.content_hash, shingles=shingle_count(doc.body) if doc.status == "ok" else 0,
            )
        )
    linked = {d.id: d for d in state.documents}

    # 2. Events: every report, reprints included (they are sources, but never independent).
    reports = [event for doc in new_docs for event in doc.events]
    state.groups = assign_reports(
        state.groups, reports, threshold=settings.event_merge_threshold,
        published={d.id: d.published for d in state.documents},
    )

    # 3. Stories. Reprints join their original's story; the rest are clustered.
    originals = [d for d in new_docs if d.id not in dup_of and features.has_story_text(d)]
    group_of = {report.id: group.id for group in state.groups for report in group.reports}
    counts = [features.term_counts(doc) for doc in originals]
    # A merged event the document reports as its news is a shared fact. Background events
    # (the war every article on the conflict recalls) are not: same topic, not same story.
    news = [
        _unit({group_of[e.id] for e in features.news_events(doc)}) for doc in originals
    ]
    df = Counter(state.df)
    for terms in counts:
        df.update(terms.keys())
    n_docs = state.n_docs + len(counts)
    inputs = [
        StoryInput(
            doc.id, features.weighted_vector(terms, df, n_docs), features.news_date(doc),
            doc.title, news=events, year=features.news_year(doc),
            days=features.stated_days(doc), protagonist=main, people=people,
        )
        for doc, terms, events, (main, people) in zip(
            originals, counts, news, map(features.protagonist, originals), strict=True
        )
    ]
    # Documents with nothing to compare (empty, non-English) still get a story of their own.
    for doc in new_docs:
        if doc.id not in dup_of and not features.has_story_text(doc):
            inputs.append(StoryInput(doc.id, {}, doc.published, doc.title))
    state.stories = cluster(
        state.stories, inputs, threshold=settings.story_threshold, window_days=settings.story_window_days,
        idf=lambda term: features.idf(df.get(term, 0), n_docs),
    )
    state.df, state.n_docs = dict(sorted(df.items())), n_docs
    # A slice holds the stories new documents can join, and the linked documents they can meet
    # (whose stories it may not hold): those keep the story they have.
    story_of = {d.id: d.story for d in state.documents if d.story is not None}
    story_of.update({doc_id: s.id for s in state.stories for doc_id in s.doc_ids})
    for doc in new_docs:
        original = dup_of.get(doc.id)
        if original is not None:
            story_id = story_of[original]
            story_of[doc.id] = story_id
            next(s for s in state.stories if s.id == story_id).doc_ids.append(doc.id)
    for entry in state.documents:
        entry.story = story_of[entry.id]
    _reprints_in_stories(state, new_docs, settings)
    linked = {d.id: d for d in state.documents}

    # 4. Build the public records.
    meta = {
        d.id: DocMeta(order=d.order, outlet=d.outlet, duplicate_of=d.duplicate_of, published=d.published)
        for d in state.documents
    }
    if changed_only:
        # What a slice's caller writes back: the new documents' entries and the stories and
        # merged events they joined or founded (the rest of the slice was only read).
        added = {d.id for d in new_docs}
        state.documents = [d for d in state.documents if d.id in added]
        state.stories = [s for s in state.stories if not added.isdisjoint(s.doc_ids)]
        state.groups = [g for g in state.groups if any(r.doc_id in added for r in g.reports)]
    events = []
    for group in state.groups:
        event = build_event(group, meta)
        event.story = linked[event.sources[0].doc].story
        events.append(event)
    events.sort(key=timeline_order)
    stories = [Story(id=s.id, doc_ids=list(s.doc_ids), title=s.title) for s in state.stories]
    main_events = {
        doc.id: group_of.get(report.id)
        for doc in new_docs if (report := features.main_report(doc)) is not None
    }
    out_docs = [
        dataclasses.replace(
            doc, story=linked[doc.id].story, duplicate_of=linked[doc.id].duplicate_of,
            main_event=main_events.get(doc.id, doc.main_event),
        )
        for doc in docs
    ]
    return LinkResult(documents=out_docs, stories=stories, events=events, state=state)
