"""What ``link`` remembers between calls, as plain JSON-able records.

Everything needed to add documents later without recomputing the old ones: each linked
document's MinHash signature and dates, each story's term centroid, the idf table, every
per-document Event report grouped under its merged event id, and the full-name people seen.
The merged TimelineEvents are a pure function of those groups, so they are rebuilt rather
than stored.

A state may also be a *slice* of the whole: only the linked documents, stories, groups, term
counts and people that new documents could meet (:mod:`chronicle.link.index` says which), so
that adding a document to a large store costs what it touches, not the store's size.
``linked`` and ``n_docs`` always count the whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chronicle.link.features import idf
from chronicle.records import Actor, Document, Event, Record, Story, TimelineEvent

STATE_VERSION = 2


@dataclass(slots=True)
class LinkedDoc(Record):
    """A document already linked: enough to dedupe, cluster and attribute against it."""

    id: str
    order: int  # when it was first seen (0, 1, 2 ...): ties and "earliest seen" use it
    published: str | None = None
    outlet: str | None = None
    duplicate_of: str | None = None
    story: str | None = None
    signature: list[int] = field(default_factory=list)  # MinHash hash values
    content_hash: str = ""
    shingles: int = 0  # distinct word shingles of the body: with the signature, how much of it another holds


@dataclass(slots=True)
class StoryState(Record):
    """A story cluster: members, the sum of their term vectors, and the dates it spans."""

    id: str
    doc_ids: list[str] = field(default_factory=list)
    # Sum of the members' unit term vectors with the idf left out (applied when comparing).
    centroid: dict[str, float] = field(default_factory=dict)
    # Sum of the members' unit vectors over the merged events they report as news, and how
    # many members report any: story similarity rewards shared news, not shared background.
    news: dict[str, float] = field(default_factory=dict)
    with_news: int = 0
    first: str | None = None  # earliest known publication date of a member
    last: str | None = None
    title: str | None = None
    # How many members' news falls in each year (``features.news_year``; keys are years as
    # strings, for JSON): undated members still tell a story of 2008 from one of 2013.
    years: dict[str, int] = field(default_factory=dict)
    # The days its members state outright (``features.stated_days``): a follow-up that names
    # one inside the story's window may join it however long after it was published.
    days: list[str] = field(default_factory=list)
    # Members whose news is about a person (``features.protagonist``), how many are about each
    # (by surname), and how many of those name each person: a story about one player's arrest
    # is not joined by a report of another's that never names him.
    with_protagonist: int = 0
    protagonists: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class EventGroup(Record):
    """One real-world event: the per-document reports merged under a stable id."""

    id: str
    reports: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class LinkState(Record):
    """Serialisable memory of :func:`chronicle.link.link`; pass it back in to add documents."""

    version: int = STATE_VERSION
    num_perm: int = 128
    seed: int = 1
    documents: list[LinkedDoc] = field(default_factory=list)
    stories: list[StoryState] = field(default_factory=list)
    groups: list[EventGroup] = field(default_factory=list)
    df: dict[str, int] = field(default_factory=dict)  # document frequency of story terms
    n_docs: int = 0  # documents counted in ``df``
    linked: int = 0  # documents linked so far (the next one's ``order``)
    people: dict[str, Actor] = field(default_factory=dict)  # full-name people, by name

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkState:
        version = data.get("version", STATE_VERSION)
        if version not in (1, STATE_VERSION):
            raise ValueError(f"unsupported LinkState version {version!r}")
        state = cls(
            version=STATE_VERSION,
            num_perm=int(data.get("num_perm", 128)),
            seed=int(data.get("seed", 1)),
            documents=[LinkedDoc.from_dict(d) for d in data.get("documents", [])],
            stories=[StoryState.from_dict(s) for s in data.get("stories", [])],
            groups=[
                EventGroup(id=g["id"], reports=[Event.from_dict(e) for e in g.get("reports", [])])
                for g in data.get("groups", [])
            ],
            df={str(k): int(v) for k, v in data.get("df", {}).items()},
            n_docs=int(data.get("n_docs", 0)),
            people={str(k): Actor.from_dict(v) for k, v in data.get("people", {}).items()},
        )
        state.linked = max(int(data.get("linked", 0)), len(state.documents))
        if version == 1:
            # Version 1 kept the idf inside the centroids; divide the last known one out.
            for story in state.stories:
                story.centroid = {
                    t: w / idf(state.df.get(t, 0), state.n_docs) for t, w in story.centroid.items()
                }
        return state


@dataclass(slots=True)
class LinkResult:
    """The output of one ``link`` call.

    ``documents`` are the documents passed in, with ``story`` and ``duplicate_of`` set;
    ``stories`` and ``events`` cover everything in the state: everything linked so far when it
    was whole, else the slice's (the only ones this call can have changed).
    """

    documents: list[Document]
    stories: list[Story]
    events: list[TimelineEvent]  # sorted by date, undated last
    state: LinkState
