"""Events: who did what to whom, when, where, how many — one :class:`~chronicle.records.Event`
per trigger, typed with PLOVER, citing its sentence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from chronicle.events.extract import extract_events
from chronicle.events.quantities import find_quantities, number_value
from chronicle.lexicon import EventLexicon, event_lexicon
from chronicle.pipeline import stage
from chronicle.records import Document
from chronicle.settings import Settings

__all__ = ["EventLexicon", "event_lexicon", "extract", "extract_events", "find_quantities", "number_value"]


@stage("events", requires=("sentences", "mentions", "timexes"), assigns=("events",))
def extract(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Typed, dated, attributed events from each analysed document (status "ok" only)."""
    del settings  # no tunables yet; the signature is the stage contract
    for doc in docs:
        yield replace(doc, events=extract_events(doc)) if doc.status == "ok" else doc
