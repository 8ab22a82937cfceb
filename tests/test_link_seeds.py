"""Seed acceptance for chronicle.link: the five seed articles through the real pipeline
(clean -> temporal -> nlp -> events), then link."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import chronicle.events  # the imports register the "temporal", "nlp" and "events" stages
import chronicle.nlp
import chronicle.temporal  # noqa: F401
from chronicle.clean import clean_item
from chronicle.link import LinkResult, link
from chronicle.pipeline import run_stages
from chronicle.records import Document, RawItem, TimelineEvent
from chronicle.settings import Settings

SETTINGS = Settings()


@pytest.fixture(scope="module")
def analysed(seed_paths: list[Path]) -> list[Document]:
    raw = []
    for path in seed_paths:
        content = path.read_bytes()
        raw.append(RawItem(id=path.stem, source=str(path), kind="txt", content=content,
                           content_hash=hashlib.sha256(content).hexdigest()))
    docs = [clean_item(item, SETTINGS) for item in raw]
    return list(run_stages(docs, ["temporal", "nlp", "events"], SETTINGS))


@pytest.fixture(scope="module")
def linked(analysed: list[Document]) -> LinkResult:
    return link(analysed, SETTINGS)


def _stories(result: LinkResult) -> dict[str, str | None]:
    return {d.id[:3]: d.story for d in result.documents}


def _offensive(result: LinkResult) -> TimelineEvent:
    candidates = [
        e for e in result.events
        if e.type in ("ASSAULT", "COERCE") and (e.date.start or "").startswith("2023-09")
    ]
    assert candidates, "no September 2023 offensive among the merged events"
    return max(candidates, key=lambda e: len({s.doc for s in e.sources}))


def test_joint_statement_reports_share_a_story_and_the_others_do_not(linked: LinkResult) -> None:
    stories = _stories(linked)
    assert stories["001"] == stories["004"]
    assert len({stories["000"], stories["001"], stories["002"], stories["003"]}) == 4
    assert all(d.duplicate_of is None for d in linked.documents)  # different outlets, no reprints


def test_september_offensive_is_one_event_from_three_documents(linked: LinkResult) -> None:
    offensive = _offensive(linked)
    docs = {s.doc[:3] for s in offensive.sources}
    assert len(docs) >= 3
    assert offensive.corroboration >= 3
    # Each outlet's own wording is kept beside its source, not collapsed into one.
    wordings = {s.doc[:3]: s.wording for s in offensive.sources}
    assert len({w for w in wordings.values() if w}) >= 2
    assert "military offensive" in wordings.values()
    assert offensive.date.precision == "day" and offensive.date.start == "2023-09-19"
    # 000 says only "in September": the day is lent by the reports that state it
    assert offensive.date.basis == "corroborated" and (offensive.date.source or "")[:3] in {"002", "004"}
    own = {s.doc[:3]: s.date.start if s.date else None for s in offensive.sources}
    assert own.get("000") == "2023-09"
    # Every source cites its sentence verbatim in its own document.
    bodies = {d.id: d.body for d in linked.documents}
    for source in offensive.sources:
        assert bodies[source.doc][source.start : source.end] == source.sentence


def test_the_2020_war_is_not_merged_into_the_2023_offensive(linked: LinkResult) -> None:
    offensive = _offensive(linked)
    for source in offensive.sources:
        assert source.date is None or not (source.date.start or "").startswith("2020")


def test_no_false_disagreement_over_the_displacement_figure(linked: LinkResult) -> None:
    for event in linked.events:
        for disagreement in event.disagreements:
            if disagreement.field != "quantity":
                continue
            texts = [str(v["value"]) for v in disagreement.values]
            # "over 100,000" and "more than 100 thousand" are one figure, never a dispute.
            assert not all("100" in t for t in texts), texts


def test_the_displacement_figure_is_merged_across_outlets(linked: LinkResult) -> None:
    # Outlets word the figure differently ("over 100,000 ethnic Armenians", "more than 100,000
    # people"); some event must carry it from two documents, read as one approximate figure.
    for event in linked.events:
        docs = {s.doc for s in event.sources}
        figures = [q for q in event.quantities if q.value == 100_000]
        if len(docs) >= 2 and len(figures) >= 2 and all(q.approximate for q in figures):
            assert not [d for d in event.disagreements if d.field == "quantity"]
            return
    raise AssertionError("no merged event carries the displacement figure from two documents")


def test_reprint_counts_once(analysed: list[Document]) -> None:
    original = next(d for d in analysed if d.id.startswith("001"))
    reprint = Document.from_dict({**original.to_dict(), "id": "reprint-of-001", "outlet": "reprints.example"})
    result = link([*analysed, reprint], SETTINGS)
    by_id = {d.id: d for d in result.documents}
    assert by_id["reprint-of-001"].duplicate_of == original.id
    assert by_id["reprint-of-001"].story == by_id[original.id].story
    for event in result.events:
        docs = {s.doc for s in event.sources}
        if {original.id, "reprint-of-001"} <= docs:
            # The reprint is a source but not an independent confirmation.
            others = docs - {original.id, "reprint-of-001"}
            assert event.corroboration <= 1 + len(others)


def test_rerun_and_incremental_add_keep_ids(analysed: list[Document], linked: LinkResult) -> None:
    again = link(analysed, SETTINGS)
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in linked.events]
    assert _stories(again) == _stories(linked)
    # A later article on the same conflict joins (or founds) a story; nothing old moves.
    offensive = next(d for d in analysed if d.id.startswith("003"))
    newcomer = Document.from_dict({
        **offensive.to_dict(), "id": "newcomer", "outlet": "newcomer.example",
        "body": offensive.body[: len(offensive.body) // 2], "events": [
            {**e.to_dict(), "id": "newcomer:" + e.id, "doc_id": "newcomer"}
            for e in offensive.events if e.sentence.end <= len(offensive.body) // 2
        ],
    })
    later = link([newcomer], SETTINGS, linked.state)
    old_stories = {s.id: s.doc_ids for s in linked.stories}
    for story in later.stories:
        if story.id in old_stories:
            assert story.doc_ids[: len(old_stories[story.id])] == old_stories[story.id]
    assert set(old_stories) <= {s.id for s in later.stories}
    old_events = {e.id: {s.event_id for s in e.sources} for e in linked.events}
    new_events = {e.id: {s.event_id for s in e.sources} for e in later.events}
    for event_id, sources in old_events.items():
        assert sources <= new_events[event_id]
    # The newcomer's offensive report joined the existing merged event of the article it copies:
    # 003 (March 2025) recalls the September 2023 offensive, and so does the newcomer.
    recalled = [e for e in later.events
                if e.type in ("ASSAULT", "COERCE") and (e.date.start or "").startswith("2023-09")
                and any(s.doc.startswith("003") for s in e.sources)]
    assert recalled and all(any(s.doc == "newcomer" for s in e.sources) for e in recalled)


def _sources(event: TimelineEvent) -> set[str]:
    return {s.doc[:3] for s in event.sources}


def test_undated_reports_join_dated_ones_on_specific_evidence(linked: LinkResult) -> None:
    # The joint statement: 000 dates it, 001 and 004 (no publication date) name it the same way.
    statements = [e for e in linked.events if any(s.wording == "joint statement" for s in e.sources)]
    assert len(statements) == 1
    assert {"000", "001", "004"} <= _sources(statements[0])
    assert statements[0].date.start == "2023-12-13"
    # The release of the same 32 servicemen, told by two undated articles, is one event.
    releases = [e for e in linked.events if any(q.value == 32 for q in e.quantities)]
    assert len(releases) == 1 and {"001", "004"} <= _sources(releases[0])


def test_stories_do_not_depend_on_the_batches_documents_arrive_in(analysed: list[Document]) -> None:
    expected = _stories(link(analysed, SETTINGS))
    batches = [analysed[:3], analysed[3:]]  # the three first, then the rest
    state = None
    for batch in batches:
        state = link(batch, SETTINGS, state).state
    assert state is not None
    assert {d.id[:3]: d.story for d in state.documents} == expected
    one_by_one = None
    for document in reversed(analysed):
        one_by_one = link([document], SETTINGS, one_by_one).state
    assert one_by_one is not None
    stories = {d.id[:3]: d.story for d in one_by_one.documents}
    assert stories["001"] == stories["004"]
    assert len({stories["000"], stories["001"], stories["002"], stories["003"]}) == 4
