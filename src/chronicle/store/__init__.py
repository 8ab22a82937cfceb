"""The SQLite store: the only module that speaks SQL.

One :class:`Store` owns the connection. The file runs in WAL mode; the schema is versioned
with ``PRAGMA user_version`` and upgraded by the ordered :data:`MIGRATIONS`. Each document
is written in one transaction (with its raw input, kept by content hash so it can be
re-processed when the pipeline improves) and marked as needing links; the cross-source results
of the documents so marked are written in one transaction that clears their marks. The link
state lives in indexed tables (linked documents, stories, merged events, term counts, people,
and ``(key, target)`` postings), so a new document reads the slice it can meet
(:mod:`chronicle.link.index`) and writes back only what it changed. Records go in and come out
as the dataclasses of :mod:`chronicle.records`; callers never see rows. Which merged events
answer a query is worked out in memory over the timeline's columns
(:mod:`chronicle.store.selection`, pure arrays); a page then reads only its own rows.
"""

from chronicle.store.sqlite import MIGRATIONS, EventQuery, Page, Store, WriteOutcome

__all__ = ["MIGRATIONS", "EventQuery", "Page", "Store", "WriteOutcome"]
