"""The main job, sequenced: read → clean → per-document stages → store → cross-source steps.

This module only sequences; each step is a function of its own package. The CLI, the API
and the demo all call :func:`ingest_paths`, so they share one path.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from chronicle.clean import clean_item
from chronicle.errors import ChronicleError
from chronicle.ingest import read_inputs
from chronicle.pipeline import run_stages
from chronicle.records import Document, ItemError, RawItem
from chronicle.settings import Settings
from chronicle.store import Store

# Bump when a stage's output changes, so stored documents are re-analysed from their raw input.
PIPELINE_VERSION = "1"
# The per-document stages, in order, and the modules that register them.
DOCUMENT_STAGES: tuple[str, ...] = ()
STAGE_MODULES: tuple[str, ...] = ()

ProgressFn = Callable[[str], None]


@dataclass(slots=True)
class IngestSummary:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[ItemError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def load_stages() -> None:
    """Import the stage modules so their stages are registered."""
    for module in STAGE_MODULES:
        importlib.import_module(module)


def analyse(items: Iterable[RawItem], settings: Settings) -> Iterator[tuple[RawItem, Document | ItemError]]:
    """Clean and analyse raw items in batches; a bad item becomes an ItemError, the rest go on."""
    load_stages()
    iterator = iter(items)
    while batch := list(islice(iterator, settings.batch_size)):
        cleaned: list[tuple[RawItem, Document]] = []
        for item in batch:
            try:
                cleaned.append((item, clean_item(item, settings)))
            except ChronicleError as exc:
                yield item, ItemError(source=item.source, code=exc.code, message=exc.message, id=item.id)
        yield from _run_document_stages(cleaned, settings)


def _run_document_stages(
    cleaned: Sequence[tuple[RawItem, Document]], settings: Settings
) -> Iterator[tuple[RawItem, Document | ItemError]]:
    docs = [doc for _, doc in cleaned]
    try:
        analysed = list(run_stages(docs, DOCUMENT_STAGES, settings))
    except ChronicleError:
        analysed = []  # isolate the failing document below
    if len(analysed) == len(cleaned):
        yield from zip((item for item, _ in cleaned), analysed, strict=True)
        return
    for item, doc in cleaned:
        try:
            yield item, next(iter(run_stages([doc], DOCUMENT_STAGES, settings)))
        except ChronicleError as exc:
            yield item, ItemError(source=item.source, code=exc.code, message=exc.message, id=item.id)


def ingest_paths(
    paths: Sequence[Path], store: Store, settings: Settings, progress: ProgressFn | None = None
) -> IngestSummary:
    """Read, analyse and store every item under ``paths``; then refresh the cross-source view."""
    summary = IngestSummary()
    seen: dict[str, str] = {}

    def fresh_items() -> Iterator[RawItem]:
        for result in read_inputs(paths, settings):
            if progress:
                progress(result.source)
            if isinstance(result, ItemError):
                summary.failed.append(result)
                continue
            if result.id in seen:
                summary.failed.append(ItemError(
                    source=result.source, code="E007", id=result.id,
                    message=f"duplicate document id {result.id!r} (also from {seen[result.id]}); not stored",
                ))
                continue
            seen[result.id] = result.source
            if store.document_version(result.id) == (result.content_hash, PIPELINE_VERSION):
                summary.unchanged.append(result.id)
                continue
            yield result

    for item, outcome in analyse(fresh_items(), settings):
        if isinstance(outcome, ItemError):
            summary.failed.append(outcome)
        elif store.write_document(outcome, item, PIPELINE_VERSION) == "stored":
            summary.stored.append(outcome.id)
        else:
            summary.unchanged.append(outcome.id)
    if summary.stored:
        relink(store, settings)
    return summary


def relink(store: Store, settings: Settings) -> None:
    """Recompute the cross-source view (stories, merged events, agreements) over the store."""
    docs = store.documents()
    store.write_links(docs, [], [], store.link_state())
