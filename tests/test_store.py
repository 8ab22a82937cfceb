"""The SQLite store on a real file: migrations, idempotent writes, transactions, queries."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from chronicle.link import LinkState
from chronicle.records import (
    Actor,
    Document,
    EventActor,
    EventDate,
    EventSource,
    RawItem,
    Story,
    TimelineEvent,
)
from chronicle.store import MIGRATIONS, EventQuery, Store


def raw(doc_id: str, text: str) -> RawItem:
    return RawItem(id=doc_id, source=f"{doc_id}.txt", kind="txt", content=text.encode(), content_hash=f"h-{text}")


def doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", content_hash=f"h-{text}", body=text, title=doc_id.upper())


def event(event_id: str, kind: str, start: str | None, precision: str, actors: list[tuple[str, str]],
          docs: list[str], corroboration: int = 1, sentence: str = "Something happened.") -> TimelineEvent:
    return TimelineEvent(
        id=event_id, type=kind, summary=f"{kind} event", date=EventDate(start=start, precision=precision),  # type: ignore[arg-type]
        actors=[EventActor(actor=Actor(name=n, country=c), role="source") for n, c in actors],
        sources=[EventSource(doc=d, sentence=sentence, start=0, end=len(sentence)) for d in docs],
        corroboration=corroboration,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "chronicle.db")


def test_new_file_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reopened = Store(path)  # a second open runs no migration again
    assert reopened.schema_version() == len(MIGRATIONS)


def test_write_is_idempotent_and_changed_content_replaces(store: Store) -> None:
    assert store.write_document(doc("a", "first text"), raw("a", "first text"), "1") == "stored"
    assert store.write_document(doc("a", "first text"), raw("a", "first text"), "1") == "unchanged"
    assert store.write_document(doc("a", "second text"), raw("a", "second text"), "1") == "stored"
    assert store.count_documents() == 1
    stored = store.document("a")
    assert stored is not None and stored.body == "second text"
    # The raw input of each version is kept for re-processing.
    assert store.raw_input("h-first text") is not None
    raw_again = store.raw_input("h-second text")
    assert raw_again is not None and raw_again.content == b"second text"


def test_a_new_pipeline_version_makes_documents_stale(store: Store) -> None:
    store.write_document(doc("a", "text"), raw("a", "text"), "1")
    assert store.stale_documents("1") == []
    assert store.stale_documents("2") == [("a", "h-text")]


def test_full_text_search_over_bodies(store: Store) -> None:
    store.write_document(doc("a", "ceasefire agreed in Geneva"), raw("a", "ceasefire agreed in Geneva"), "1")
    store.write_document(doc("b", "prisoners released"), raw("b", "prisoners released"), "1")
    assert [d.id for d in store.list_documents(q="Geneva").items] == ["a"]
    assert store.list_documents(q='"unbalanced AND (').total == 0  # hostile syntax is just words
    store.write_document(doc("a", "talks stalled"), raw("a", "talks stalled"), "1")
    assert store.list_documents(q="Geneva").total == 0  # the index follows updates
    # Linking rewrites a document's record (its story) but not its text: the index stays right.
    linked = doc("b", "prisoners released")
    linked.story = "story:b"
    store.write_links([linked], [], [], None)
    assert [d.id for d in store.list_documents(q="prisoners").items] == ["b"]
    assert store.list_documents(q="stalled").total == 1
    assert store.document("b").story == "story:b"  # type: ignore[union-attr]


def test_failed_transaction_leaves_nothing_half_written(store: Store) -> None:
    store.write_document(doc("a", "text"), raw("a", "text"), "1")
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("DELETE FROM documents")
        raise RuntimeError("crash mid-write")
    assert store.count_documents() == 1


def test_links_and_event_queries(store: Store) -> None:
    for d in ("a", "b", "c"):
        store.write_document(doc(d, f"body {d}"), raw(d, f"body {d}"), "1")
    events = [
        event("e1", "CONSULT", "2023-12-26", "day", [("Ilham Aliyev", "AZE")], ["a"], sentence="They met in a city."),
        event("e2", "ASSAULT", "2023-09", "month", [("Azerbaijan", "AZE")], ["a", "b", "c"], corroboration=3),
        event("e3", "AGREE", "2025-03-13", "day", [("Armenia", "ARM")], ["c"]),
        event("e4", "OTHER", None, "unknown", [("Armenia", "ARM")], ["b"]),
    ]
    stories = [Story(id="s1", doc_ids=["a", "b"]), Story(id="s2", doc_ids=["c"])]
    state = LinkState(df={"body": 3, "city": 1}, n_docs=3, linked=3)
    store.write_links(store.documents(), stories, events, state)
    # Timeline order: by date (a month before its days), undated last, whatever the order given.
    assert [e.id for e in store.timeline_events()] == ["e2", "e1", "e3", "e4"]
    assert store.link_counts(["body", "absent"]) == ({"body": 3}, 3)
    assert [s.id for s in store.stories()] == ["s1", "s2"]

    def ids(**kw: object) -> list[str]:
        return [e.id for e in store.query_events(EventQuery(**kw)).items]  # type: ignore[arg-type]

    assert ids(types=("ASSAULT", "AGREE")) == ["e2", "e3"]
    assert ids(actor="ilham aliyev") == ["e1"]
    assert ids(country="ARM") == ["e3", "e4"]
    assert ids(since="2023-09-15", until="2023-12-31") == ["e2", "e1"]  # month precision overlaps
    assert ids(since="2024-01-01") == ["e3"]
    assert ids(min_corroboration=2) == ["e2"]
    assert ids(doc="b") == ["e2", "e4"]
    assert ids(q="city") == ["e1"]
    assert ids(q="((") == []
    page = store.query_events(EventQuery(limit=2, offset=1))
    assert [e.id for e in page.items] == ["e1", "e3"] and page.total == 4
    # A slice's links replace only their own events (and their search index and lookups).
    moved = event("e4", "OTHER", "2022-01-02", "day", [("Georgia", "GEO")], ["a"], sentence="A new town.")
    store.write_links([], [], [moved], LinkState(df={"town": 1}, n_docs=4, linked=4), full=False)
    assert ids() == ["e4", "e2", "e1", "e3"] and ids(q="town") == ["e4"] and ids(country="ARM") == ["e3"]
    assert ids(doc="b") == ["e2"] and store.link_counts(["body", "town"]) == ({"body": 3, "town": 1}, 4)
    # Replacing the links replaces the events and their search index.
    store.write_links(store.documents(), stories, events[:1], None)
    assert ids(q="city") == ["e1"] and ids() == ["e1"] and store.link_counts(["body"]) == ({}, 0)


def test_read_only_store_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE x (y)")
    from chronicle.errors import StoreError

    with pytest.raises(StoreError):
        Store(path, read_only=True)


def test_a_store_of_the_last_schema_is_upgraded_and_its_documents_await_linking(tmp_path: Path) -> None:
    from chronicle.records import ProvisionStatus
    from chronicle.store.sqlite import _statements

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:4]:
            for statement in _statements(script):
                db.execute(statement)
        db.execute("PRAGMA user_version=4")
        old = doc("a", "The ceasefire was agreed.")
        old.provision_statuses = [ProvisionStatus(provision="ceasefire", status="agreed", date="2024-01-02", doc="a",
                                                  sentence="The ceasefire was agreed.")]
        db.execute("INSERT INTO raw_inputs VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (old.content_hash, "txt", "a.txt", None, None, None, None, 0, b"x", "2024-01-02"))
        db.execute("INSERT INTO documents (id, content_hash, pipeline_version, source, status, body, record,"
                   " updated_at) VALUES (?,?,?,?,?,?,?,?)",
                   ("a", old.content_hash, "1", "a.txt", "ok", old.body, json.dumps(old.to_dict()), "2024-01-02"))
        db.execute("INSERT INTO link_state VALUES (1, '{}')")
    with Store(path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert [d.id for d in store.pending_documents()] == ["a"] and store.needs_linking()
        (ceasefire,) = store.provisions()  # the history comes from the document's own entries
        assert ceasefire.key == "ceasefire" and [e.doc for e in ceasefire.history] == ["a"]
