"""SQLite implementation of the store (see the package docstring)."""

from __future__ import annotations

import json
import re
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np

from chronicle import public
from chronicle.agree.history import history_key
from chronicle.agree.taxonomy import BY_KEY, TAXONOMY
from chronicle.errors import StoreError
from chronicle.faults import checkpoint
from chronicle.link.index import LinkKeys
from chronicle.link.merge import timeline_key
from chronicle.link.state import EventGroup, LinkedDoc, LinkState, StoryState
from chronicle.query import EventQuery, Page
from chronicle.records import (
    Actor,
    CollectedUrl,
    Document,
    Event,
    Provision,
    ProvisionStatus,
    RawItem,
    Record,
    Story,
    TimelineEvent,
)
from chronicle.store.selection import Mask, MaskCache, PlaceColumns, TimelineColumns

T = TypeVar("T")
R = TypeVar("R", bound=Record)
WriteOutcome = Literal["stored", "unchanged"]
_ISO_TIME = re.compile(r"[0-9T:.+\-]+")  # an ISO timestamp: nothing in it needs escaping in JSON

MIGRATIONS: tuple[str, ...] = (
    # 1: documents with their raw input, FTS over bodies, cross-source results.
    """
    CREATE TABLE raw_inputs (
        content_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        url TEXT, published TEXT, outlet TEXT, title TEXT,
        is_html INTEGER NOT NULL,
        content BLOB NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL REFERENCES raw_inputs(content_hash),
        pipeline_version TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT, outlet TEXT, language TEXT, published TEXT,
        status TEXT NOT NULL,
        body TEXT NOT NULL,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='documents', content_rowid='rowid');
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    CREATE TABLE stories (id TEXT PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE timeline_events (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL,
        type TEXT NOT NULL,
        date_start TEXT, date_end TEXT, precision TEXT NOT NULL,
        corroboration INTEGER NOT NULL,
        story TEXT,
        record TEXT NOT NULL
    );
    CREATE INDEX timeline_events_type ON timeline_events(type, position);
    CREATE INDEX timeline_events_date ON timeline_events(date_start);
    CREATE INDEX timeline_events_story ON timeline_events(story);
    CREATE TABLE timeline_event_actors (
        event_rowid INTEGER NOT NULL REFERENCES timeline_events(rowid) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        country TEXT COLLATE NOCASE
    );
    CREATE INDEX timeline_event_actors_name ON timeline_event_actors(name);
    CREATE INDEX timeline_event_actors_country ON timeline_event_actors(country);
    CREATE TABLE timeline_event_docs (
        event_rowid INTEGER NOT NULL REFERENCES timeline_events(rowid) ON DELETE CASCADE,
        doc_id TEXT NOT NULL
    );
    CREATE INDEX timeline_event_docs_doc ON timeline_event_docs(doc_id);
    CREATE VIRTUAL TABLE timeline_events_fts USING fts5(text);
    CREATE TABLE provisions (key TEXT PRIMARY KEY, position INTEGER NOT NULL, record TEXT NOT NULL);
    CREATE TABLE link_state (id INTEGER PRIMARY KEY CHECK (id = 1), record TEXT NOT NULL);
    """,
    # 2: indexes for filtered, paginated reads of a large timeline (bench/api.py): a slim covering
    # index in timeline order holding every filter column, so counts and pages never read the
    # event records they skip; actor/country/document lookups that yield event rowids directly.
    """
    CREATE INDEX timeline_events_order ON timeline_events(position, type, date_start, date_end, corroboration, story);
    CREATE INDEX timeline_event_actors_name_event ON timeline_event_actors(name, event_rowid);
    CREATE INDEX timeline_event_actors_country_event ON timeline_event_actors(country, event_rowid);
    CREATE INDEX timeline_event_docs_doc_event ON timeline_event_docs(doc_id, event_rowid);
    """,
    # 3: re-index a document's text only when its text changes: linking rewrites the record of
    # every document it gives a story, and re-indexing each body then cost more than the write.
    """
    DROP TRIGGER documents_au;
    CREATE TRIGGER documents_au AFTER UPDATE OF title, body ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    """,
    # 4: a durable mark that documents changed since the cross-source view was last written. It
    # is set in the transaction that stores a document and cleared in the one that writes the
    # links, so a run killed between the two still links on the next run.
    """
    CREATE TABLE link_pending (id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL);
    INSERT INTO link_pending (id, since) SELECT 1, datetime('now') WHERE EXISTS (SELECT 1 FROM documents);
    """,
    # 5: the link state as indexed tables instead of one JSON value, so that linking a new
    # document reads and writes what it can meet (chronicle.link.index), not the whole state;
    # a per-document "needs linking" mark; timeline order as a key that needs no renumbering
    # when an event is added; provision entries per document, from which a provision's history
    # is read (the provisions table keeps only what a provision is: its label and definition).
    # Everything linked is linked again on the next run.
    """
    DROP TABLE link_state;
    DROP TABLE link_pending;
    CREATE TABLE link_pending (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
    INSERT INTO link_pending (doc_id) SELECT id FROM documents;
    CREATE TABLE link_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE link_docs (
        id TEXT PRIMARY KEY,
        ord INTEGER NOT NULL,
        story TEXT, duplicate_of TEXT, published TEXT, outlet TEXT,
        content_hash TEXT NOT NULL,
        shingles INTEGER NOT NULL,
        signature BLOB NOT NULL
    );
    CREATE INDEX link_docs_story ON link_docs(story);
    CREATE TABLE link_stories (id TEXT PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE link_groups (id TEXT PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE link_keys (key TEXT NOT NULL, target TEXT NOT NULL);
    CREATE INDEX link_keys_key ON link_keys(key);
    CREATE TABLE link_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE link_people (name TEXT PRIMARY KEY, surname TEXT NOT NULL, record TEXT NOT NULL);
    CREATE INDEX link_people_surname ON link_people(surname);
    CREATE TABLE provision_entries (doc_id TEXT NOT NULL, provision TEXT NOT NULL, record TEXT NOT NULL);
    CREATE INDEX provision_entries_provision ON provision_entries(provision);
    CREATE INDEX provision_entries_doc ON provision_entries(doc_id);
    INSERT INTO provision_entries (doc_id, provision, record)
        SELECT d.id, json_extract(j.value, '$.provision'), j.value
        FROM documents d, json_each(d.record, '$.provision_statuses') j;
    DELETE FROM stories;
    DELETE FROM provisions;
    DROP TABLE timeline_events_fts;
    DROP TABLE timeline_event_actors;
    DROP TABLE timeline_event_docs;
    DROP TABLE timeline_events;
    CREATE TABLE timeline_events (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sort_key TEXT NOT NULL,
        type TEXT NOT NULL,
        date_start TEXT, date_end TEXT, precision TEXT NOT NULL,
        corroboration INTEGER NOT NULL,
        story TEXT,
        record TEXT NOT NULL
    );
    CREATE INDEX timeline_events_date ON timeline_events(date_start);
    CREATE INDEX timeline_events_story ON timeline_events(story);
    CREATE INDEX timeline_events_order ON timeline_events(sort_key, type, date_start, date_end, corroboration, story);
    CREATE TABLE timeline_event_actors (
        event_rowid INTEGER NOT NULL REFERENCES timeline_events(rowid) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        country TEXT COLLATE NOCASE
    );
    CREATE INDEX timeline_event_actors_name_event ON timeline_event_actors(name, event_rowid);
    CREATE INDEX timeline_event_actors_country_event ON timeline_event_actors(country, event_rowid);
    CREATE INDEX timeline_event_actors_event ON timeline_event_actors(event_rowid);
    CREATE TABLE timeline_event_docs (
        event_rowid INTEGER NOT NULL REFERENCES timeline_events(rowid) ON DELETE CASCADE,
        doc_id TEXT NOT NULL
    );
    CREATE INDEX timeline_event_docs_doc_event ON timeline_event_docs(doc_id, event_rowid);
    CREATE INDEX timeline_event_docs_event ON timeline_event_docs(event_rowid);
    CREATE VIRTUAL TABLE timeline_events_fts USING fts5(text);
    """,
    # 6: a living dataset: when each merged event last changed, and the events linking removed
    # (merged away, or gone with their documents), so a downstream copy can follow the changes.
    """
    ALTER TABLE timeline_events ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
    CREATE INDEX timeline_events_updated ON timeline_events(updated_at);
    CREATE TABLE timeline_removed (id TEXT PRIMARY KEY, removed_at TEXT NOT NULL);
    CREATE INDEX timeline_removed_at ON timeline_removed(removed_at);
    """,
    # 7: chronicle collect: the URLs fetched (skipped, or asked for conditionally, next time)
    # and the archive files whose fetches are recorded (a file that is not was left by a run
    # that stopped before recording it, and is recorded on the next run).
    """
    CREATE TABLE collected (
        url TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        status INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        canonical TEXT,
        body TEXT
    );
    CREATE INDEX collected_canonical ON collected(canonical);
    CREATE TABLE collected_archives (name TEXT PRIMARY KEY, recorded_at TEXT NOT NULL);
    """,
    # 8: what the web page filters and maps by without reading records: whether an event's
    # reports disagree, where it happened, and the outlets of documents.
    """
    ALTER TABLE timeline_events ADD COLUMN disagreements INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE timeline_events ADD COLUMN place TEXT;
    ALTER TABLE timeline_events ADD COLUMN place_country TEXT;
    ALTER TABLE timeline_events ADD COLUMN lat REAL;
    ALTER TABLE timeline_events ADD COLUMN lon REAL;
    ALTER TABLE timeline_events ADD COLUMN coord_basis TEXT;
    UPDATE timeline_events SET
        disagreements = coalesce(json_array_length(record, '$.disagreements'), 0),
        place = json_extract(record, '$.location.name'),
        place_country = json_extract(record, '$.location.country'),
        lat = json_extract(record, '$.location.lat'),
        lon = json_extract(record, '$.location.lon'),
        coord_basis = json_extract(record, '$.location.coord_basis');
    CREATE INDEX documents_outlet ON documents(outlet);
    """,
    # 9: each merged event also in its public JSON (chronicle.public.Event, less ``updated``), so
    # that a page of the API is read, not rebuilt (older rows are built on read).
    """
    ALTER TABLE timeline_events ADD COLUMN public TEXT;
    """,
    # 10: the page's aggregates without reading the table: dated events counted by their start
    # and type (kept by triggers), and the located events by place.
    """
    CREATE INDEX timeline_events_date_type ON timeline_events(date_start, type);
    CREATE INDEX timeline_events_located ON timeline_events(place, lat, lon, coord_basis, place_country)
        WHERE lat IS NOT NULL;
    CREATE TABLE timeline_counts (
        period TEXT NOT NULL, type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (period, type)
    ) WITHOUT ROWID;
    INSERT INTO timeline_counts (period, type, n)
        SELECT date_start, type, count(*) FROM timeline_events WHERE date_start IS NOT NULL GROUP BY date_start, type;
    CREATE TRIGGER timeline_counts_insert AFTER INSERT ON timeline_events WHEN new.date_start IS NOT NULL
    BEGIN
        INSERT INTO timeline_counts (period, type, n) VALUES (new.date_start, new.type, 1)
            ON CONFLICT(period, type) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER timeline_counts_delete AFTER DELETE ON timeline_events WHEN old.date_start IS NOT NULL
    BEGIN
        UPDATE timeline_counts SET n = n - 1 WHERE period = old.date_start AND type = old.type;
        DELETE FROM timeline_counts WHERE period = old.date_start AND type = old.type AND n <= 0;
    END;
    """,
    # 11: ACLED's sub-event type of each merged event, a filter beside the PLOVER type.
    """
    ALTER TABLE timeline_events ADD COLUMN acled_type TEXT;
    UPDATE timeline_events SET acled_type = json_extract(record, '$.acled.sub_event_type');
    CREATE INDEX timeline_events_acled ON timeline_events(acled_type) WHERE acled_type IS NOT NULL;
    """,
    # 12: selections are worked out in memory (chronicle.store.selection): the per-day counts
    # the triggers kept are no longer read; a place and "has a disagreement" are looked up by index.
    """
    DROP TRIGGER timeline_counts_insert;
    DROP TRIGGER timeline_counts_delete;
    DROP TABLE timeline_counts;
    DROP INDEX timeline_events_date_type;
    CREATE INDEX timeline_events_place ON timeline_events(place) WHERE place IS NOT NULL;
    CREATE INDEX timeline_events_disagreeing ON timeline_events(disagreements) WHERE disagreements > 0;
    """,
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fts_words(text: str) -> list[str]:
    """The words of user text, each to be quoted for FTS5 (never a syntax error); all required."""
    return list(dict.fromkeys(re.findall(r"\w+", text, flags=re.UNICODE)))


def _fts_query(text: str) -> str | None:
    """User text as a safe FTS5 query: every word quoted, all required (FTS5's implicit AND)."""
    words = _fts_words(text)
    return " ".join(f'"{w}"' for w in words) if words else None


class Store:
    """Owns one SQLite connection; every read and write of chronicle's data goes through it."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        self._db.row_factory = sqlite3.Row
        # The timeline's columns, masks of indexed filters and facets, kept until the data changes
        # (PRAGMA data_version tells of other connections' commits; this connection's own commits
        # clear them in transaction()).
        self._columns: TimelineColumns | None = None
        self._places: PlaceColumns | None = None
        self._masks = MaskCache()
        self._facets: dict[str, dict[str, Any]] = {}
        self._data_version: int | None = None
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=5000")
        # Room for the timeline's indexes in memory (the default cache is 2 MB): filtered counts
        # over a large timeline scan them on every API request.
        self._db.execute("PRAGMA cache_size=-65536")
        self._db.execute("PRAGMA mmap_size=268435456")
        if not read_only:
            self._migrate()
        elif self.schema_version() != len(MIGRATIONS):
            raise StoreError(f"{self.path} is not a chronicle database of schema {len(MIGRATIONS)}")

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version()
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                for statement in _statements(script):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={version}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back whole on any error: nothing half-written."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self._forget()

    def _records(self, cls: type[R], sql: str, params: Sequence[Any] = ()) -> list[R]:
        """The records stored as JSON in the ``record`` column that ``sql`` selects first."""
        return [cls.from_dict(json.loads(row[0])) for row in self._db.execute(sql, params).fetchall()]

    # ------------------------------------------------------------------ documents

    def document_version(self, doc_id: str) -> tuple[str, str] | None:
        """(content_hash, pipeline_version) of the stored document, or None."""
        row = self._db.execute(
            "SELECT content_hash, pipeline_version FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def write_document(self, doc: Document, raw: RawItem, pipeline_version: str) -> WriteOutcome:
        """Store one analysed document and its raw input in one transaction."""
        if self.document_version(doc.id) == (doc.content_hash, pipeline_version):
            return "unchanged"
        record = json.dumps(doc.to_dict(), ensure_ascii=False)
        now = _now()
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO raw_inputs (content_hash, kind, source, url, published, outlet, title,"
                " is_html, content, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (raw.content_hash, raw.kind, raw.source, raw.url, raw.published, raw.outlet, raw.title,
                 int(raw.is_html), raw.content, now),
            )
            db.execute(
                "INSERT INTO documents (id, content_hash, pipeline_version, source, title, outlet, language,"
                " published, status, body, record, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET content_hash=excluded.content_hash,"
                " pipeline_version=excluded.pipeline_version, source=excluded.source, title=excluded.title,"
                " outlet=excluded.outlet, language=excluded.language, published=excluded.published,"
                " status=excluded.status, body=excluded.body, record=excluded.record,"
                " updated_at=excluded.updated_at",
                (doc.id, doc.content_hash, pipeline_version, doc.source, doc.title, doc.outlet, doc.language,
                 doc.published, doc.status, doc.body, record, now),
            )
            db.execute("DELETE FROM provision_entries WHERE doc_id = ?", (doc.id,))
            db.executemany(
                "INSERT INTO provision_entries (doc_id, provision, record) VALUES (?,?,?)",
                [(doc.id, e.provision, json.dumps(e.to_dict(), ensure_ascii=False)) for e in doc.provision_statuses],
            )
            db.execute("INSERT OR IGNORE INTO link_pending (doc_id) VALUES (?)", (doc.id,))
        return "stored"

    def document_source(self, doc_id: str) -> str | None:
        """Where the stored document ``doc_id`` was read from, or None."""
        row = self._db.execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return str(row[0]) if row else None

    def needs_linking(self) -> bool:
        """Whether a document was stored after the cross-source view was last written."""
        return self._db.execute("SELECT 1 FROM link_pending LIMIT 1").fetchone() is not None

    def pending_documents(self) -> list[Document]:
        """The documents stored since they were last linked (or never linked), in id order."""
        return self._records(
            Document,
            "SELECT d.record FROM documents d JOIN link_pending p ON p.doc_id = d.id ORDER BY d.id",
        )

    def document_hashes(self, pipeline_version: str) -> dict[str, str]:
        """{id: content_hash} of the documents analysed by ``pipeline_version`` (to skip them)."""
        rows = self._db.execute(
            "SELECT id, content_hash FROM documents WHERE pipeline_version = ?", (pipeline_version,)
        )
        return {r[0]: r[1] for r in rows}

    def raw_input(self, content_hash: str) -> RawItem | None:
        row = self._db.execute("SELECT * FROM raw_inputs WHERE content_hash = ?", (content_hash,)).fetchone()
        if row is None:
            return None
        return RawItem(
            id="", source=row["source"], kind=row["kind"], content=bytes(row["content"]),
            content_hash=row["content_hash"], url=row["url"], published=row["published"],
            outlet=row["outlet"], title=row["title"], is_html=bool(row["is_html"]),
        )

    def stale_documents(self, pipeline_version: str) -> list[tuple[str, str]]:
        """(id, content_hash) of documents analysed by another pipeline version."""
        rows = self._db.execute(
            "SELECT id, content_hash FROM documents WHERE pipeline_version != ? ORDER BY id", (pipeline_version,)
        )
        return [(r[0], r[1]) for r in rows]

    def documents(self) -> list[Document]:
        """All documents with their analysis, in id order, with story/duplicate links applied."""
        return self._records(Document, "SELECT record FROM documents ORDER BY id")

    def document(self, doc_id: str) -> Document | None:
        return next(iter(self._records(Document, "SELECT record FROM documents WHERE id = ?", (doc_id,))), None)

    def iter_documents(self, chunk: int = 200) -> Iterator[Document]:
        """Every document in id order, read ``chunk`` at a time (bounded memory)."""
        last = ""
        while True:
            batch = self._records(Document, "SELECT record FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                                  (last, chunk))
            yield from batch
            if len(batch) < chunk:
                return
            last = batch[-1].id

    def iter_public_events(self, chunk: int = 1000) -> Iterator[str]:
        """Every merged event in timeline order as its public JSON text, ``chunk`` at a time."""
        last = ""
        while True:
            rows = self._db.execute(
                "SELECT public, updated_at, record, sort_key FROM timeline_events WHERE sort_key > ?"
                " ORDER BY sort_key LIMIT ?", (last, chunk),
            ).fetchall()
            for row in rows:
                yield self._public_text(row[0], row[1], row[2])
            if len(rows) < chunk:
                return
            last = rows[-1][3]

    def documents_with_ids(self, doc_ids: Iterable[str]) -> list[Document]:
        """The given documents that exist, in id order."""
        ids = sorted(set(doc_ids))
        found: list[Document] = []
        for chunk in _chunks(ids):
            found += self._records(Document, f"SELECT record FROM documents WHERE id IN ({_marks(chunk)})", chunk)
        return sorted(found, key=lambda d: d.id)

    def list_documents(self, *, q: str | None = None, limit: int = 100, offset: int = 0) -> Page[Document]:
        where, params = "", []
        query = _fts_query(q) if q else None
        if q and query is None:
            return Page([], 0, limit, offset)
        if query:
            where = "WHERE rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            params.append(query)
        total = self._db.execute(f"SELECT count(*) FROM documents {where}", params).fetchone()[0]
        sql = f"SELECT record FROM documents {where} ORDER BY id LIMIT ? OFFSET ?"
        return Page(self._records(Document, sql, [*params, limit, offset]), total, limit, offset)

    def count_documents(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    # ------------------------------------------------------------------ cross-source results

    def write_links(
        self,
        documents: Sequence[Document],
        stories: Sequence[Story],
        events: Sequence[TimelineEvent],
        state: LinkState | None = None,
        provisions: Sequence[Provision] = (),
        *,
        postings: Sequence[tuple[str, str]] = (),
        full: bool = True,
    ) -> None:
        """Write what linking produced, in one transaction: documents' story and duplicate
        links, stories, merged events, agreement provisions, the link state and its
        ``postings`` (``chronicle.link.index``); then the documents it linked need no linking.

        ``full``: these replace everything linked before. Otherwise they are a slice's: each
        story, event, provision and state entry given replaces the one of its id, and the rest
        stays as it is."""
        with self.transaction() as db:
            if full:
                for table in (
                    "provisions", "stories", "link_meta", "link_docs", "link_stories", "link_groups", "link_keys",
                    "link_df", "link_people",
                ):
                    db.execute(f"DELETE FROM {table}")  # table names from this list
            # Provisions given whole (not from stored documents): what each is, and its entries.
            db.executemany(
                "INSERT INTO provisions (key, position, record) VALUES (?,?,?)"
                " ON CONFLICT(key) DO UPDATE SET position=excluded.position, record=excluded.record",
                [(p.key, _provision_rank(p.key), json.dumps(replace(p, history=[]).to_dict(), ensure_ascii=False))
                 for p in provisions],
            )
            db.executemany(
                "INSERT INTO provision_entries (doc_id, provision, record) VALUES (?,?,?)",
                [(e.doc, p.key, json.dumps(e.to_dict(), ensure_ascii=False)) for p in provisions for e in p.history],
            )
            for doc in documents:
                db.execute(
                    "UPDATE documents SET record = ? WHERE id = ?",
                    (json.dumps(doc.to_dict(), ensure_ascii=False), doc.id),
                )
            db.executemany(
                "INSERT INTO stories (id, record) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET record=excluded.record",
                [(s.id, json.dumps(s.to_dict(), ensure_ascii=False)) for s in stories],
            )
            self._write_timeline(db, events, whole=full)
            if state is not None:
                self._write_link_state(db, state, postings)
            if full:
                db.execute("DELETE FROM link_pending")
            elif state is not None:
                db.executemany("DELETE FROM link_pending WHERE doc_id = ?", [(d.id,) for d in state.documents])
            checkpoint("links-written")  # all written, nothing committed yet

    def _write_timeline(self, db: sqlite3.Connection, events: Sequence[TimelineEvent], *, whole: bool) -> None:
        """Write the merged events; each keeps the time it last changed while its record stays
        the same. ``whole``: these are all of them, and the events not among them are removed
        (listed in ``timeline_removed`` with the time)."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")  # two runs in one second stay apart
        for event in events:
            record = json.dumps(event.to_dict(), ensure_ascii=False)
            old = db.execute("SELECT rowid, record FROM timeline_events WHERE id = ?", (event.id,)).fetchone()
            if old is not None and old[1] == record:
                continue  # unchanged: not rewritten, its time of change kept
            if old is not None:
                self._delete_event(db, int(old[0]))
            db.execute("DELETE FROM timeline_removed WHERE id = ?", (event.id,))
            loc = event.location
            cur = db.execute(
                "INSERT INTO timeline_events (id, sort_key, type, date_start, date_end, precision,"
                " corroboration, story, record, updated_at, disagreements, place, place_country, lat, lon,"
                " coord_basis, public, acled_type) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (event.id, timeline_key(event), event.type, event.date.start, event.date.end or event.date.start,
                 event.date.precision, event.corroboration, event.story, record, now, len(event.disagreements),
                 loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
                 loc.lon if loc else None, loc.coord_basis if loc else None, self._public_json(db, event),
                 event.acled.sub_event_type if event.acled else None),
            )
            rowid = cur.lastrowid
            db.executemany(
                "INSERT INTO timeline_event_actors (event_rowid, name, country) VALUES (?,?,?)",
                [(rowid, a.actor.name, a.actor.country) for a in event.actors],
            )
            db.executemany(
                "INSERT INTO timeline_event_docs (event_rowid, doc_id) VALUES (?,?)",
                [(rowid, d) for d in sorted({s.doc for s in event.sources})],
            )
            text = " ".join(
                [event.summary, *(s.sentence for s in event.sources), *(s.wording or "" for s in event.sources)]
            )
            db.execute("INSERT INTO timeline_events_fts (rowid, text) VALUES (?, ?)", (rowid, text))
        if whole:
            kept = {e.id for e in events}
            gone = [(int(r[0]), r[1]) for r in db.execute("SELECT rowid, id FROM timeline_events") if r[1] not in kept]
            for rowid, _ in gone:
                self._delete_event(db, rowid)
            db.executemany(
                "INSERT INTO timeline_removed (id, removed_at) VALUES (?, ?)"
                " ON CONFLICT(id) DO UPDATE SET removed_at=excluded.removed_at",
                [(event_id, now) for _, event_id in gone],
            )

    @staticmethod
    def _public_json(db: sqlite3.Connection, event: TimelineEvent) -> str:
        """The event as the API and the exports give it (without ``updated``, which is the row's)."""
        docs = sorted({s.doc for s in event.sources})
        rows = db.execute(f"SELECT id, outlet, published FROM documents WHERE id IN ({_marks(docs)})", docs).fetchall()
        outlets, published = {r[0]: r[1] for r in rows}, {r[0]: r[2] for r in rows}
        shaped = public.Event.from_record(event, outlets, published).model_dump(mode="json", exclude={"updated"})
        return json.dumps(shaped, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def _delete_event(db: sqlite3.Connection, rowid: int) -> None:
        db.execute("DELETE FROM timeline_events_fts WHERE rowid = ?", (rowid,))
        db.execute("DELETE FROM timeline_events WHERE rowid = ?", (rowid,))  # cascades to its lookup rows

    # ------------------------------------------------------------------ link state

    def _write_link_state(self, db: sqlite3.Connection, state: LinkState, postings: Sequence[tuple[str, str]]) -> None:
        meta = {"version": state.version, "num_perm": state.num_perm, "seed": state.seed,
                "n_docs": state.n_docs, "linked": state.linked}
        db.executemany(
            "INSERT INTO link_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            list(meta.items()),
        )
        db.executemany(
            "INSERT INTO link_docs (id, ord, story, duplicate_of, published, outlet, content_hash, shingles,"
            " signature) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET ord=excluded.ord,"
            " story=excluded.story, duplicate_of=excluded.duplicate_of, published=excluded.published,"
            " outlet=excluded.outlet, content_hash=excluded.content_hash, shingles=excluded.shingles,"
            " signature=excluded.signature",
            [(d.id, d.order, d.story, d.duplicate_of, d.published, d.outlet, d.content_hash, d.shingles,
              array("I", d.signature).tobytes()) for d in state.documents],
        )
        # Upserts keep each row's rowid, which is the order stories and groups were founded in.
        for table, items in (("link_stories", state.stories), ("link_groups", state.groups)):
            db.executemany(
                f"INSERT INTO {table} (id, record) VALUES (?, ?)"  # one of the two tables above
                " ON CONFLICT(id) DO UPDATE SET record=excluded.record",
                [(item.id, json.dumps(item.to_dict(), ensure_ascii=False)) for item in items],
            )
        db.executemany(
            "INSERT INTO link_df (term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n=excluded.n",
            list(state.df.items()),
        )
        db.executemany(
            "INSERT INTO link_people (name, surname, record) VALUES (?,?,?)"
            " ON CONFLICT(name) DO UPDATE SET record=excluded.record",
            [(name, name.split()[-1], json.dumps(a.to_dict(), ensure_ascii=False)) for name, a in state.people.items()],
        )
        db.executemany("INSERT INTO link_keys (key, target) VALUES (?, ?)", postings)

    def link_counts(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """(document count of each of ``terms`` that has one, documents counted)."""
        df: dict[str, int] = {}
        for chunk in _chunks(sorted(set(terms))):
            rows = self._db.execute(f"SELECT term, n FROM link_df WHERE term IN ({_marks(chunk)})", chunk)
            df.update({r[0]: int(r[1]) for r in rows})
        row = self._db.execute("SELECT value FROM link_meta WHERE key = 'n_docs'").fetchone()
        return df, int(row[0]) if row else 0

    def link_slice(self, keys: LinkKeys) -> LinkState:
        """The part of the link state that ``keys`` reach (see ``chronicle.link.index``): the
        targets of their postings, the stories of the documents reached, every member of the
        stories and every document of the merged events reached; people; and the term counts
        ``keys`` carry."""
        meta = {r[0]: int(r[1]) for r in self._db.execute("SELECT key, value FROM link_meta")}
        near = set().union(*(self._posted(key, 0) for key in keys.bands))
        posted: dict[tuple[str, int], set[str]] = {}  # one lookup per key, however many share it

        def most_shared(key_sets: list[dict[str, int]], top: int) -> list[Counter[str]]:
            out = []
            for key_set in key_sets:
                hits: Counter[str] = Counter()
                for key, limit in key_set.items():
                    if (key, limit) not in posted:
                        posted[key, limit] = self._posted(key, limit)
                    hits.update(posted[key, limit])
                out.append(hits)
            return out

        group_ids = {g for hits in most_shared(keys.reports, keys.groups) for g, _ in hits.most_common(keys.groups)}
        groups = [
            EventGroup(id=g["id"], reports=[Event.from_dict(e) for e in g.get("reports", [])])
            for g in self._link_dicts("link_groups", group_ids)
        ]
        doc_rows = self._link_doc_rows(near | {r.doc_id for g in groups for r in g.reports})
        # For each document, the stories sharing most of its terms, with one more for each story
        # of a document reporting an event the new ones may share (shared news draws a story);
        # and a near-duplicate's (a reprint joins its original's story).
        news = Counter({r["story"] for r in doc_rows if r["story"] is not None})
        story_ids = {r["story"] for r in doc_rows if r["id"] in near and r["story"] is not None}
        for hits in most_shared(keys.documents, keys.stories):
            story_ids |= {s for s, _ in (hits + news).most_common(keys.stories)}
        stories = self._link_records(StoryState, "link_stories", story_ids)
        members = {i for s in stories for i in s.doc_ids}
        doc_rows += self._link_doc_rows(members - {r["id"] for r in doc_rows})
        documents = sorted((_linked_doc(r) for r in doc_rows), key=lambda d: d.order)
        people: dict[str, Actor] = {}
        names = sorted(keys.names)
        for chunk in _chunks(names):
            rows = self._db.execute(
                f"SELECT name, record FROM link_people WHERE name IN ({_marks(chunk)}) OR surname IN ({_marks(chunk)})"
                " ORDER BY rowid",
                [*chunk, *chunk],
            )
            people.update({r[0]: Actor.from_dict(json.loads(r[1])) for r in rows})
        return LinkState(
            num_perm=meta.get("num_perm", 128), seed=meta.get("seed", 1), documents=documents, stories=stories,
            groups=groups, df=dict(keys.df), n_docs=keys.n_docs, linked=meta.get("linked", 0), people=people,
        )

    def _posted(self, key: str, limit: int) -> set[str]:
        """The targets of the latest ``limit`` postings of ``key`` (0: all of them)."""
        sql = "SELECT target FROM link_keys WHERE key = ? ORDER BY rowid DESC" + (" LIMIT ?" if limit else "")
        return {r[0] for r in self._db.execute(sql, (key, limit) if limit else (key,))}

    def link_order(self) -> dict[str, int]:
        """{document id: the order it was first linked in} of every linked document."""
        return {r[0]: int(r[1]) for r in self._db.execute("SELECT id, ord FROM link_docs")}

    def linked_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """{id: content hash it was linked under} of those of ``doc_ids`` that are linked."""
        found: dict[str, str] = {}
        for chunk in _chunks(sorted(set(doc_ids))):
            rows = self._db.execute(f"SELECT id, content_hash FROM link_docs WHERE id IN ({_marks(chunk)})", chunk)
            found.update({r[0]: r[1] for r in rows})
        return found

    def _link_doc_rows(self, ids: Iterable[str]) -> list[sqlite3.Row]:
        rows: list[sqlite3.Row] = []
        for chunk in _chunks(sorted(set(ids))):
            rows += self._db.execute(f"SELECT * FROM link_docs WHERE id IN ({_marks(chunk)})", chunk).fetchall()
        return rows

    def _link_dicts(self, table: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Records of ``table`` with these ids, in the order they were founded."""
        rows: list[tuple[int, str]] = []
        for chunk in _chunks(sorted(set(ids))):
            sql = f"SELECT rowid, record FROM {table} WHERE id IN ({_marks(chunk)})"  # one of ours
            rows += [(int(r[0]), r[1]) for r in self._db.execute(sql, chunk)]
        return [json.loads(record) for _, record in sorted(rows)]

    def _link_records(self, cls: type[R], table: str, ids: Iterable[str]) -> list[R]:
        return [cls.from_dict(d) for d in self._link_dicts(table, ids)]

    def stories(self) -> list[Story]:
        return self._records(Story, "SELECT record FROM stories ORDER BY id")

    def timeline_events(self) -> list[TimelineEvent]:
        return self._events("SELECT record, updated_at FROM timeline_events ORDER BY sort_key")

    def timeline_event(self, event_id: str) -> TimelineEvent | None:
        sql = "SELECT record, updated_at FROM timeline_events WHERE id = ?"
        return next(iter(self._events(sql, (event_id,))), None)

    def _events(self, sql: str, params: Sequence[Any] = ()) -> list[TimelineEvent]:
        """Merged events from (record, updated_at) rows, each with the time it last changed."""
        out = []
        for record, updated in self._db.execute(sql, params).fetchall():
            event = TimelineEvent.from_dict(json.loads(record))
            event.updated = updated or None
            out.append(event)
        return out

    def changes_since(self, since: str) -> tuple[list[TimelineEvent], list[tuple[str, str]]]:
        """The merged events added or changed at ``since`` (an ISO time) or later, in timeline
        order, and (id, when) of those removed since then."""
        changed = self._events(
            "SELECT record, updated_at FROM timeline_events WHERE updated_at >= ? ORDER BY sort_key", (since,)
        )
        removed = [(r[0], r[1]) for r in self._db.execute(
            "SELECT id, removed_at FROM timeline_removed WHERE removed_at >= ? ORDER BY removed_at, id", (since,)
        )]
        return changed, removed

    def _forget(self) -> None:
        self._columns = None
        self._places = None
        self._masks.clear()
        self._facets.clear()

    def _fresh(self) -> None:
        """Forget what was read of the timeline when another connection has committed since."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version or self._db.in_transaction:
            self._forget()
            self._data_version = version

    def _timeline_columns(self) -> TimelineColumns:
        self._fresh()
        if self._columns is None:
            # From the covering index in timeline order (no event record is read), each column
            # as one joined value split in C: a Python row per event cost 250 ms on 100,000.
            row = self._db.execute(
                "SELECT count(*), group_concat(rowid), group_concat(corroboration), group_concat(type, char(31)),"
                " group_concat(CASE WHEN date_start IS NULL THEN '' ELSE date_start || '/' ||"
                " coalesce(date_end, date_start) END, char(31)), group_concat(coalesce(story, ''), char(31))"
                " FROM (SELECT rowid, type, date_start, date_end, corroboration, story FROM timeline_events"
                " ORDER BY sort_key)"
            ).fetchone()
            texts = [(text or "").split("\x1f") if row[0] else [] for text in row[3:]]
            self._columns = TimelineColumns.from_columns(
                np.fromstring(row[1] or "", dtype=np.int64, sep=","), texts[0], texts[1],
                np.fromstring(row[2] or "", dtype=np.int64, sep=","), texts[2],
            )
        return self._columns

    def _plain(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._db.cursor()
        cursor.row_factory = None  # plain tuples: a Row per result costs more than the query
        return cursor.execute(sql, params).fetchall()

    def _lookup(self, columns: TimelineColumns, name: str, value: str) -> Mask:
        """The events one indexed filter selects, as a mask (kept until the data changes)."""
        key = (name, value)
        mask = self._masks.get(key)
        if mask is None:
            sql = _LOOKUPS[name]
            # One comma-joined value, parsed in C: a Python row per match costs more than the index's
            # work (60,000 rowids of a common word: 25 ms as rows, 12 ms joined).
            joined = self._db.execute(f"SELECT group_concat(rowid) FROM ({sql})",
                                      (value,) if "?" in sql else ()).fetchone()[0]
            mask = columns.mask_of(np.fromstring(joined or "", dtype=np.int64, sep=","))
            self._masks.put(key, mask)
        return mask

    def _selection(self, query: EventQuery) -> tuple[TimelineColumns, Mask]:
        """The timeline's columns and which events answer ``query`` (paging ignored)."""
        columns = self._timeline_columns()
        lookups: list[Mask] = []
        for name in ("actor", "country", "doc", "outlet", "place"):
            value = getattr(query, name)
            if value:
                lookups.append(self._lookup(columns, name, str(value)))
        if query.acled_types:
            either = np.zeros(len(columns), dtype=np.bool_)
            for acled in query.acled_types:
                either |= self._lookup(columns, "acled", acled)
            lookups.append(either)
        if query.disagreement:
            lookups.append(self._lookup(columns, "disagreement", ""))
        if query.q:
            # Every word is required (FTS5's implicit AND), so each word's mask is kept on its own.
            words = _fts_words(query.q)
            if not words:
                return columns, np.zeros(len(columns), dtype=np.bool_)
            lookups.extend(self._lookup(columns, "word", f'"{w}"') for w in words)
        return columns, columns.select(query, lookups)

    def count_events(self, query: EventQuery) -> int:
        """How many merged events answer ``query`` (paging ignored)."""
        return int(np.count_nonzero(self._selection(query)[1]))

    def _page(self, query: EventQuery) -> tuple[list[int], int]:
        """The rowids of the page of events ``query`` selects, in timeline order, and the total."""
        timeline, mask = self._selection(query)
        positions = np.flatnonzero(mask)
        return [int(r) for r in timeline.rowids[positions[query.offset:query.offset + query.limit]]], len(positions)

    def query_events(self, query: EventQuery) -> Page[TimelineEvent]:
        """Filtered, paginated merged events in timeline order (dated by date, undated last)."""
        rowids, total = self._page(query)
        items = self._events(
            f"SELECT record, updated_at FROM timeline_events WHERE rowid IN ({_marks(rowids)}) ORDER BY sort_key",
            rowids) if rowids else []
        return Page(items, total, query.limit, query.offset)

    def public_event(self, event_id: str) -> str | None:
        """One merged event as its public JSON text (with ``updated``)."""
        row = self._db.execute(
            "SELECT public, updated_at, record FROM timeline_events WHERE id = ?", (event_id,)
        ).fetchone()
        return None if row is None else self._public_text(*row)

    def _public_text(self, text: str | None, updated: str | None, record: str) -> str:
        if text is None:  # written before schema 9
            text = self._public_json(self._db, TimelineEvent.from_dict(json.loads(record)))
        # An ISO time needs no escaping; json.dumps for each of a page's events cost 0.25 ms a page.
        stamp = f'"{updated}"' if updated and _ISO_TIME.fullmatch(updated) else "null"
        return f'{text[:-1]},"updated":{stamp}}}'

    def query_public_events(self, query: EventQuery) -> Page[str]:
        """What :meth:`query_events` selects, each event as its public JSON text (with
        ``updated``): the API's page, read rather than rebuilt."""
        rowids, total = self._page(query)
        rows = self._db.execute(
            "SELECT public, updated_at, record FROM timeline_events"
            f" WHERE rowid IN ({_marks(rowids)}) ORDER BY sort_key", rowids,
        ).fetchall() if rowids else []
        return Page([self._public_text(*row) for row in rows], total, query.limit, query.offset)

    def event_histogram(self, query: EventQuery, unit: Literal["week", "month", "year"]) -> list[tuple[str, str, int]]:
        """(period, type, events) of the dated events that answer ``query``: a week is named by
        its Monday and holds day-precise events only; a month holds events known to the month or
        the day; a year, every dated event."""
        columns, mask = self._selection(query)
        return columns.histogram(mask, unit)

    def date_span(self, query: EventQuery) -> tuple[str | None, str | None]:
        """The earliest start and the latest end of the dated events answering ``query``."""
        columns, mask = self._selection(query)
        return columns.date_span(mask)

    def event_places(self, query: EventQuery, limit: int) -> list[dict[str, Any]]:
        """The places of the events that answer ``query``, with how many events each: the
        ``limit`` busiest, with their coordinates and whether they stand at a country's capital."""
        columns, mask = self._selection(query)
        if self._places is None:
            self._places = PlaceColumns.from_rows(self._plain(
                "SELECT rowid, place, place_country, lat, lon, coord_basis FROM timeline_events"
                " WHERE lat IS NOT NULL"), columns)
        return self._places.busiest(mask, limit)

    def facets(self, limit: int = 500) -> dict[str, Any]:
        """What the timeline holds, for the filters: events by type, and the actors, countries
        and outlets with the most events."""
        self._fresh()
        if "facets" in self._facets:
            return dict(self._facets["facets"])
        db = self._db

        def ranked(sql: str) -> list[dict[str, Any]]:
            return [{"value": r[0], "events": int(r[1])} for r in db.execute(sql, (limit,)) if r[0]]

        result = {
            "types": {r[0]: int(r[1]) for r in db.execute("SELECT type, count(*) FROM timeline_events GROUP BY type")},
            "acled_types": {r[0]: int(r[1]) for r in db.execute(
                "SELECT acled_type, count(*) FROM timeline_events WHERE acled_type IS NOT NULL GROUP BY acled_type")},
            "dated": int(db.execute("SELECT count(*) FROM timeline_events WHERE date_start IS NOT NULL").fetchone()[0]),
            "undated": int(db.execute("SELECT count(*) FROM timeline_events WHERE date_start IS NULL").fetchone()[0]),
            "documents": int(db.execute("SELECT count(*) FROM documents").fetchone()[0]),
            "actors": ranked("SELECT name, count(*) AS n FROM timeline_event_actors GROUP BY name"
                             " ORDER BY n DESC, name LIMIT ?"),
            "countries": ranked("SELECT upper(country), count(*) AS n FROM timeline_event_actors"
                                " WHERE country IS NOT NULL GROUP BY upper(country) ORDER BY n DESC LIMIT ?"),
            "outlets": ranked("SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL"
                              " GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?"),
        }
        self._facets["facets"] = result
        return dict(result)

    def all_events(self, query: EventQuery) -> list[TimelineEvent]:
        """Every event that answers ``query`` (its paging ignored), in timeline order."""
        timeline, mask = self._selection(query)
        out: list[TimelineEvent] = []
        for part in _chunks([int(r) for r in timeline.rowids[mask]]):  # in timeline order, chunk by chunk
            out += self._events(
                f"SELECT record, updated_at FROM timeline_events WHERE rowid IN ({_marks(part)}) ORDER BY sort_key",
                part,
            )
        return out

    # ------------------------------------------------------------------ agreements

    def provisions(self) -> list[Provision]:
        """Every provision some stored document speaks of, with its status history from every
        document that is no reprint, ordered by date; in taxonomy order. Documents store their
        entries as they are written, so adding one never rewrites a long history."""
        kinds = {r[0]: (int(r[1]), Provision.from_dict(json.loads(r[2])))
                 for r in self._db.execute("SELECT key, position, record FROM provisions")}
        entries: dict[str, list[ProvisionStatus]] = {}
        rows = self._db.execute(
            "SELECT e.provision, e.record FROM provision_entries e LEFT JOIN link_docs l ON l.id = e.doc_id"
            " WHERE l.duplicate_of IS NULL"
        )
        for key, record in rows:
            entries.setdefault(key, []).append(ProvisionStatus.from_dict(json.loads(record)))
        out = []
        for key, history in entries.items():
            position, kind = kinds.get(key) or (_provision_rank(key), _provision_kind(key))
            out.append((position, key, replace(kind, history=sorted(history, key=history_key))))
        return [provision for _, _, provision in sorted(out, key=lambda t: (t[0], t[1]))]

    # ------------------------------------------------------------------ small lookups (API)

    def document_outlets(self, doc_ids: Sequence[str]) -> dict[str, str | None]:
        """Outlet of each given document that exists (a page of events cites only a few)."""
        ids = sorted(set(doc_ids))
        found: dict[str, str | None] = {}
        # Chunked: SQLite caps the number of bound parameters per statement.
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self._db.execute(
                f"SELECT id, outlet FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update({r[0]: r[1] for r in rows})
        return found

    def story_event_counts(self) -> dict[str | None, int]:
        """How many merged events each story holds (None: events in no story)."""
        rows = self._db.execute("SELECT story, count(*) FROM timeline_events GROUP BY story")
        return {r[0]: int(r[1]) for r in rows}

    # ------------------------------------------------------------------ collected URLs

    def collected(self, urls: Iterable[str]) -> dict[str, CollectedUrl]:
        """The given URLs that a collect run fetched before."""
        wanted = sorted(set(urls))
        found: dict[str, CollectedUrl] = {}
        for chunk in _chunks(wanted):
            rows = self._db.execute(
                "SELECT url, role, status, fetched_at, etag, last_modified, canonical, body FROM collected"
                f" WHERE url IN ({_marks(chunk)})", chunk,
            )
            found.update({r["url"]: CollectedUrl(**dict(r)) for r in rows})
        return found

    def collected_robots(self) -> list[CollectedUrl]:
        rows = self._db.execute(
            "SELECT url, role, status, fetched_at, etag, last_modified, canonical, body FROM collected"
            " WHERE role = 'robots'"
        )
        return [CollectedUrl(**dict(r)) for r in rows]

    def holding_page(self, url: str) -> str | None:
        """The address of a page fetched before that is ``url`` or declared it its canonical URL."""
        row = self._db.execute(
            "SELECT url FROM collected WHERE role = 'article' AND status BETWEEN 200 AND 299"
            " AND (url = ? OR canonical = ?) ORDER BY url = ? DESC, fetched_at LIMIT 1", (url, url, url),
        ).fetchone()
        return str(row[0]) if row is not None else None

    def collected_archives(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM collected_archives")}

    def record_collected(self, archive: str, fetched: Iterable[CollectedUrl]) -> None:
        """An archive file's fetches, in one transaction with the file's name. A 304 keeps the
        validators and text stored before when it does not repeat them."""
        with self.transaction() as db:
            for item in fetched:
                db.execute(
                    "INSERT INTO collected (url, role, status, fetched_at, etag, last_modified, canonical, body)"
                    " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET"
                    " role=excluded.role, fetched_at=excluded.fetched_at,"
                    " status=CASE WHEN excluded.status = 304 THEN collected.status ELSE excluded.status END,"
                    " etag=CASE WHEN excluded.status = 304 THEN coalesce(excluded.etag, collected.etag)"
                    " ELSE excluded.etag END,"
                    " last_modified=CASE WHEN excluded.status = 304"
                    " THEN coalesce(excluded.last_modified, collected.last_modified) ELSE excluded.last_modified END,"
                    " canonical=coalesce(excluded.canonical, collected.canonical),"
                    " body=CASE WHEN excluded.status = 304 THEN collected.body ELSE excluded.body END",
                    (item.url, item.role, item.status, item.fetched_at, item.etag, item.last_modified,
                     item.canonical, item.body),
                )
            db.execute("INSERT OR REPLACE INTO collected_archives (name, recorded_at) VALUES (?, ?)",
                       (archive, _now()))


def _chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """Slices small enough to bind (SQLite caps the parameters of one statement)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


# The filters answered from an index, each as the rowids of the events it selects.
_LOOKUPS = {
    "actor": "SELECT event_rowid AS rowid FROM timeline_event_actors WHERE name = ?",
    "country": "SELECT event_rowid AS rowid FROM timeline_event_actors WHERE country = ?",
    "doc": "SELECT event_rowid AS rowid FROM timeline_event_docs WHERE doc_id = ?",
    "outlet": "SELECT x.event_rowid AS rowid FROM documents o JOIN timeline_event_docs x ON x.doc_id = o.id"
              " WHERE o.outlet = ?",
    "place": "SELECT rowid FROM timeline_events WHERE place = ?",
    "acled": "SELECT rowid FROM timeline_events WHERE acled_type = ?",
    "disagreement": "SELECT rowid FROM timeline_events WHERE disagreements > 0",
    "word": "SELECT rowid FROM timeline_events_fts WHERE timeline_events_fts MATCH ?",
}


def _linked_doc(row: sqlite3.Row) -> LinkedDoc:
    return LinkedDoc(
        id=row["id"], order=int(row["ord"]), published=row["published"], outlet=row["outlet"],
        duplicate_of=row["duplicate_of"], story=row["story"], signature=list(array("I", row["signature"])),
        content_hash=row["content_hash"], shingles=int(row["shingles"]),
    )


# Provisions are listed in the taxonomy's order; others (none the agree stage makes) after.
_PROVISION_RANK = {p.key: i for i, p in enumerate(TAXONOMY)}


def _provision_rank(key: str) -> int:
    return _PROVISION_RANK.get(key, len(_PROVISION_RANK))


def _provision_kind(key: str) -> Provision:
    kind = BY_KEY.get(key)
    return Provision(key, kind.label if kind else key, kind.definition if kind else "", [])


def _statements(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
