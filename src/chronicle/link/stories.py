"""Story clustering: documents that report the same news share a story id.

Average-link agglomerative clustering on weighted term vectors (see ``features``), with two
rules on top: existing stories never merge with each other (their ids are stable), and one
story may not span more than ``story_window_days`` of publication dates (two earthquakes of the
same kind a year apart are two stories). Because every vector is unit length, a story only
needs the *sum* of its members' vectors to give exact average-link similarities, so adding
documents later costs a product with the stored sums, not a recomputation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from chronicle.link.state import StoryState

# New documents are clustered in blocks of this many against the stories so far, so memory
# stays bounded (a dense block x block similarity matrix) however many are added at once.
BLOCK = 2000


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One new (non-duplicate) document as story clustering sees it."""

    id: str
    vector: Mapping[str, float]  # unit-length weighted term vector
    published: str | None = None
    title: str | None = None


def _day(iso: str | None) -> int | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else date.fromordinal(ordinal).isoformat()


def _matrix(vectors: Sequence[Mapping[str, float]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, vec in enumerate(vectors):
        for term, weight in vec.items():
            j = vocab.get(term)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(weight)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(vectors), len(vocab)), dtype=np.float64)


def cluster(
    stories: Sequence[StoryState],
    docs: Sequence[StoryInput],
    *,
    threshold: float,
    window_days: int,
) -> list[StoryState]:
    """Assign ``docs`` (in order) to existing ``stories`` or new ones; returns all stories.

    A new story's id is ``"story:" + its first document's id``. Inputs are not mutated.
    """
    out = [
        StoryState(s.id, list(s.doc_ids), dict(s.centroid), s.first, s.last, s.title) for s in stories
    ]
    for lo in range(0, len(docs), BLOCK):
        out = _cluster_block(out, docs[lo : lo + BLOCK], threshold=threshold, window_days=window_days)
    return out


def _cluster_block(
    stories: list[StoryState], docs: Sequence[StoryInput], *, threshold: float, window_days: int
) -> list[StoryState]:
    vocab: dict[str, int] = {}
    for doc in docs:
        for term in doc.vector:
            vocab.setdefault(term, len(vocab))
    new = _matrix([d.vector for d in docs], vocab)
    old_all = _matrix([s.centroid for s in stories], vocab)
    # Only stories sharing a weighted term with some new document can attract one.
    touching = np.flatnonzero(np.asarray((old_all @ new.T).sum(axis=1)).ravel() > 0.0)
    old = old_all[touching]
    k_old, k_new = len(touching), len(docs)
    k = k_old + k_new
    combined = sparse.vstack([old, new]).tocsr()
    sums = (combined @ combined.T).toarray()  # pairwise sums of member-pair cosines
    size = np.array([len(stories[i].doc_ids) for i in touching] + [1] * k_new, dtype=np.float64)
    frozen = np.array([True] * k_old + [False] * k_new)
    first: list[int | None] = [_day(stories[i].first) for i in touching] + [_day(d.published) for d in docs]
    last: list[int | None] = [_day(stories[i].last) for i in touching] + [_day(d.published) for d in docs]
    members: list[list[int]] = [[] for _ in range(k_old)] + [[j] for j in range(k_new)]
    alive = np.ones(k, dtype=bool)

    def allowed(a: int, b: int) -> bool:
        if frozen[a] and frozen[b]:
            return False
        lo = [x for x in (first[a], first[b]) if x is not None]
        hi = [x for x in (last[a], last[b]) if x is not None]
        return not lo or max(hi) - min(lo) <= window_days

    avg = sums / np.outer(size, size)
    np.fill_diagonal(avg, -np.inf)
    for a, b in np.argwhere(np.triu(avg >= threshold, 1)):
        if not allowed(int(a), int(b)):
            avg[a, b] = avg[b, a] = -np.inf
    old_block = np.ix_(range(k_old), range(k_old))
    avg[old_block] = -np.inf
    while True:
        flat = int(np.argmax(avg))
        a, b = divmod(flat, k)
        if not avg[a, b] >= threshold:
            break
        a, b = min(a, b), max(a, b)  # keep the lower index: existing stories come first
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        size[a] += size[b]
        frozen[a] = frozen[a] or frozen[b]
        first[a] = min((x for x in (first[a], first[b]) if x is not None), default=None)
        last[a] = max((x for x in (last[a], last[b]) if x is not None), default=None)
        members[a].extend(members[b])
        alive[b] = False
        avg[b, :] = -np.inf
        avg[:, b] = -np.inf
        row = sums[a, :] / (size[a] * size)
        row[~alive] = -np.inf
        row[a] = -np.inf
        for c in np.flatnonzero(row >= threshold):
            if not allowed(a, int(c)):
                row[c] = -np.inf
        avg[a, :] = row
        avg[:, a] = row
    result = list(stories)
    for c in np.flatnonzero(alive):
        new_members = sorted(members[c])
        if not new_members:
            continue
        if c < k_old:
            story = result[int(touching[c])]
        else:
            founder = docs[new_members[0]]
            story = StoryState(id="story:" + founder.id, title=founder.title)
            result.append(story)
        for j in new_members:
            doc = docs[j]
            story.doc_ids.append(doc.id)
            for term, weight in doc.vector.items():
                story.centroid[term] = story.centroid.get(term, 0.0) + weight
            if story.title is None:
                story.title = doc.title
        story.first = _iso(first[c])
        story.last = _iso(last[c])
    return result
