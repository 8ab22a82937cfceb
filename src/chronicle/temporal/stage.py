"""The "temporal" pipeline stage: infer a missing publication date, then tag the body."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from chronicle.errors import MalformedInput
from chronicle.pipeline import stage
from chronicle.records import Document
from chronicle.settings import Settings
from chronicle.temporal.published import infer_publication_date
from chronicle.temporal.tagger import tag
from chronicle.temporal.values import parse_dct


def annotate(doc: Document, *, settings: Settings) -> Document:
    """``doc`` with ``timexes`` filled and, when it had none, an inferred ``published``."""
    if doc.status != "ok":
        return doc  # not English (or empty): the English grammar has nothing to say
    published, basis = doc.published, doc.published_basis
    if published is None:
        inferred, how = infer_publication_date(doc)
        if inferred is not None:
            published, basis = inferred, how
    else:
        try:
            parse_dct(published)
        except ValueError as exc:
            message = f"document {doc.id}: publication date {published!r} is not YYYY-MM-DD"
            raise MalformedInput(message) from exc
    timexes = tag(doc.body, published, settings=settings)
    return dataclasses.replace(doc, published=published, published_basis=basis, timexes=timexes)


@stage("temporal", requires=("body", "published"), assigns=("timexes", "published"))
def temporal(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Infer a missing publication date from the dateline, then tag and normalise the
    body's time expressions against it (TIMEX3)."""
    for doc in docs:
        yield annotate(doc, settings=settings)
