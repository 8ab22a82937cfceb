"""The main job, sequenced: read → clean → per-document stages → store → cross-source steps.

This module only sequences; each step is a function of its own package. The CLI, the API
and the demo all call :func:`ingest_paths`, so they share one path. Inputs stream through
in batches (bounded memory whatever the size of a WARC or JSONL file); with
``Settings.workers > 1`` the per-document work runs in that many processes while this
process stays the single writer of the store.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import importlib
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path

from chronicle.clean import clean_item
from chronicle.errors import ChronicleError
from chronicle.faults import checkpoint
from chronicle.ingest import iter_input_files, read_path
from chronicle.link import LinkState, link
from chronicle.link.index import lookup, postings
from chronicle.pipeline import run_stages
from chronicle.records import Document, ItemError, RawItem, Story, TimelineEvent
from chronicle.settings import Settings
from chronicle.store import Store

# Bump when a stage's output changes, so stored documents are re-analysed from their raw input.
PIPELINE_VERSION = "31"
# The per-document stages, in order, and the modules that register them.
DOCUMENT_STAGES: tuple[str, ...] = ("temporal", "nlp", "events", "agree")
STAGE_MODULES: tuple[str, ...] = ("chronicle.temporal", "chronicle.nlp", "chronicle.events", "chronicle.agree")

Outcome = Document | ItemError


@dataclass(slots=True)
class IngestProgress:
    """What a progress display needs; ``bytes_total`` makes an ETA possible for big files."""

    items: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    current: str = ""


ProgressFn = Callable[[IngestProgress], None]


@dataclass(slots=True)
class IngestSummary:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[ItemError] = field(default_factory=list)
    warnings: list[ItemError] = field(default_factory=list)  # stored, with a bad optional field dropped
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def load_stages() -> None:
    """Import the stage modules so their stages are registered, and load what they look up
    from the disk cache (this module is an edge; the stages never touch a file)."""
    for module in STAGE_MODULES:
        importlib.import_module(module)
    from chronicle.nlp.gazetteer import load_gazetteer

    load_gazetteer()


def analyse_batch(batch: Sequence[RawItem], settings: Settings) -> list[Outcome]:
    """Clean and analyse one batch; a bad item becomes an ItemError in its place."""
    load_stages()
    outcomes: list[Outcome | None] = []
    cleaned: list[Document] = []
    for item in batch:
        try:
            cleaned.append(clean_item(item, settings))
            outcomes.append(None)
        except ChronicleError as exc:
            outcomes.append(ItemError(source=item.source, code=exc.code, message=exc.message, id=item.id))
    analysed = iter(_run_document_stages(cleaned, settings))
    results = [outcome if outcome is not None else next(analysed) for outcome in outcomes]
    for result in results:
        if isinstance(result, Document):
            # The parse is the events stage's scratch data: nothing downstream reads it, and
            # dropping it here keeps worker-to-writer traffic and the stored records small.
            result.tokens = []
    return results


def _run_document_stages(docs: list[Document], settings: Settings) -> list[Outcome]:
    try:
        return list(run_stages(docs, DOCUMENT_STAGES, settings))
    except ChronicleError:
        pass  # one document broke the batch: run them one by one to isolate it
    results: list[Outcome] = []
    for doc in docs:
        try:
            results.extend(run_stages([doc], DOCUMENT_STAGES, settings))
        except ChronicleError as exc:
            results.append(ItemError(source=doc.source, code=exc.code, message=exc.message, id=doc.id))
    return results


def _warm_worker(settings: Settings) -> None:
    """Load the stages, the spaCy model and the gazetteer (before any document needs them)."""
    load_stages()
    from chronicle.nlp import loader

    loader.load(settings.spacy_models)


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it dies (Linux
    PR_SET_PDEATHSIG), so that a killed ingest leaves no orphaned workers running. The
    standard library has no call for it (only the C library's prctl); elsewhere the pool's own
    pipes end the workers when they next read."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the call: nobody will signal us
        os.kill(os.getpid(), signal.SIGKILL)


def _start_worker(parent: int, settings: Settings, warm: bool) -> None:
    _die_with_parent(parent)
    if warm:
        _warm_worker(settings)


def analyse(items: Iterable[RawItem], settings: Settings) -> Iterator[tuple[RawItem, Outcome]]:
    """Outcomes in input order, for any number of workers (the output does not depend on it)."""
    source = iter(items)
    # Smaller work units than a batch keep every worker busy on small inputs too.
    chunk = max(1, min(settings.batch_size, 8))
    head = list(islice(source, chunk * settings.workers)) if settings.workers > 1 else []
    iterator = chain(head, source)  # still a stream: only the head was read ahead
    if settings.workers == 1 or len(head) < chunk * settings.workers:
        # One process, or an input too small to repay starting workers.
        for batch in iter(lambda: list(islice(iterator, settings.batch_size)), []):
            yield from zip(batch, analyse_batch(batch, settings), strict=True)
        return
    # Forked workers inherit the parent's loaded models and tables (copy-on-write) instead of
    # each spending seconds loading their own: on a small machine that start-up is most of the
    # gap between N workers and N times one. Fork is only safe while this process runs no
    # other thread (a child inherits any lock another thread holds), so with threads about
    # (a server) or off Linux the workers are spawned and load their own.
    fork = sys.platform == "linux" and threading.active_count() == 1
    if fork:
        # The parent analyses the first item itself, which loads every model and table the
        # stages use (lazily loaded ones included), so the workers start warm.
        first = [next(iterator)]
        yield from zip(first, analyse_batch(first, settings), strict=True)
        _warm_worker(settings)  # should the first item have failed before the stages
        gc.collect()
        gc.freeze()  # the collector then leaves the shared objects' pages alone in the children
    context = multiprocessing.get_context("fork" if fork else "spawn")
    batches = iter(lambda: list(islice(iterator, chunk)), [])
    try:
        start = partial(_start_worker, os.getpid(), settings, not fork)
        with ProcessPoolExecutor(settings.workers, mp_context=context, initializer=start) as pool:
            yield from _ordered(pool, batches, settings)
    finally:
        gc.unfreeze()


def _ordered(
    pool: ProcessPoolExecutor, batches: Iterator[list[RawItem]], settings: Settings
) -> Iterator[tuple[RawItem, Outcome]]:
    """Submit batches with a bounded read-ahead and yield their outcomes in input order."""
    pending: deque[tuple[list[RawItem], Future[list[Outcome]]]] = deque()
    for batch in batches:
        pending.append((batch, pool.submit(analyse_batch, batch, settings)))
        # Bounded read-ahead keeps memory flat on multi-GB inputs.
        while len(pending) > 2 * settings.workers:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)
    while pending:
        done, future = pending.popleft()
        yield from zip(done, future.result(), strict=True)


def ingest_paths(
    paths: Sequence[Path], store: Store, settings: Settings, progress: ProgressFn | None = None
) -> IngestSummary:
    """Read, analyse and store every item under ``paths``; then refresh the cross-source view.

    Items whose content and pipeline version are already stored are skipped before any
    analysis, so re-running on a folder processes only new or changed documents.
    """
    started = time.monotonic()
    summary = IngestSummary()
    # The database may live in the folder being ingested: its own files are not input.
    own = {Path(f"{store.path.resolve()}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}
    files = [f for f in iter_input_files(paths) if f.absolute() not in own and _resolved(f) not in own]
    sizes = {str(f): (f.stat().st_size if f.is_file() else 0) for f in files}
    state = IngestProgress(bytes_total=sum(sizes.values()))
    finished_bytes = 0
    seen: dict[str, str] = {}

    def report(current: str, offset: int) -> None:
        state.items += 1
        state.current = current
        state.bytes_done = min(state.bytes_total, finished_bytes + offset)
        if progress:
            progress(state)

    def fresh_items() -> Iterator[RawItem]:
        nonlocal finished_bytes
        for path in files:
            for result in read_path(path, settings):
                if isinstance(result, ItemError):
                    summary.failed.append(result)
                    report(result.source, 0)
                    continue
                result = _identified(result, store, seen)
                if result.id in seen:
                    summary.failed.append(ItemError(
                        source=result.source, code="E007", id=result.id,
                        message=f"duplicate document id {result.id!r} (also from {seen[result.id]}); not stored",
                    ))
                    report(result.source, result.offset)
                    continue
                seen[result.id] = result.source
                summary.warnings += [ItemError(result.source, "W001", w, result.id) for w in result.warnings]
                if not is_fresh(result, _stored_hash(store, result.id)):
                    summary.unchanged.append(result.id)
                    report(result.source, result.offset)
                    continue
                yield result
            finished_bytes += sizes.get(str(path), 0)

    for item, outcome in analyse(fresh_items(), settings):
        if isinstance(outcome, ItemError):
            summary.failed.append(outcome)
        elif store.write_document(outcome, item, PIPELINE_VERSION) == "stored":
            summary.stored.append(outcome.id)
            checkpoint("document-stored")
        else:
            summary.unchanged.append(outcome.id)
        report(item.source, item.offset)
    checkpoint("before-link")
    if summary.stored or store.needs_linking():
        # also after a run killed between storing documents and linking them
        relink(store, settings)
    checkpoint("after-link")
    summary.seconds = time.monotonic() - started
    return summary


def _stored_hash(store: Store, doc_id: str) -> str | None:
    """The content hash under which this pipeline version analysed ``doc_id``, if it did."""
    stored = store.document_version(doc_id)
    return stored[0] if stored is not None and stored[1] == PIPELINE_VERSION else None


def _identified(item: RawItem, store: Store, seen: dict[str, str]) -> RawItem:
    """A file's item under its identity (:func:`path_identity`), against the files seen earlier
    in this run and the store. A JSONL or WARC record keeps the id or URL it has."""
    if item.kind not in ("txt", "html"):
        return item
    path = str(Path(item.source).absolute())
    holder = seen.get(item.id) or store.document_source(item.id)
    return replace(item, source=path, id=path_identity(path, item.id, holder))


def path_identity(path: str, name_id: str, holder: str | None) -> str:
    """A file is its path, not its name: it keeps its name's id unless a file at another path
    (``holder``: earlier in the run, or in the store) holds that id, and then it takes the name
    plus a digest of its path, so that ``ingest d/2023`` and then ``ingest d/2024``, each with
    its own ``report.txt``, keep both articles."""
    if holder is None or str(Path(holder).absolute()) == path:
        return name_id
    return f"{name_id}~{hashlib.sha256(path.encode('utf-8')).hexdigest()[:8]}"


def _resolved(path: Path) -> Path | None:
    """The real path, or None for a link that loops (read_path reports it)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


@dataclass(slots=True)
class CrossSource:
    """Everything computed across documents: the input of the timeline and agreement views."""

    documents: list[Document]
    stories: list[Story]
    events: list[TimelineEvent]
    state: LinkState


def cross_source(docs: Sequence[Document], settings: Settings, state: LinkState | None = None) -> CrossSource:
    """Reprints, stories and merged events. ``state``: the slice of what was linked before that
    ``docs`` can meet; then the result holds only what ``docs`` changed (see ``link``'s
    ``changed_only``). Pure; the same function runs here and as one task on a Dask cluster
    (:mod:`chronicle.scale`)."""
    linked = link(docs, settings, state, changed_only=state is not None)
    return CrossSource(linked.documents, linked.stories, linked.events, linked.state)


LinkFn = Callable[[Sequence[Document], "LinkState | None"], CrossSource]


def relink(
    store: Store, settings: Settings, *, from_scratch: bool = False, compute: LinkFn | None = None,
) -> None:
    """Link the documents stored since the last linking, against the slice of the link state
    they can meet (:mod:`chronicle.link.index`), so that the cost follows the new documents,
    not the store (``from_scratch``: all documents again, as ``chronicle relink`` does).
    ``compute`` runs :func:`cross_source` elsewhere (the Dask runner submits it to its cluster);
    the rules of what to link, from which state, are this function's alone."""
    docs = store.pending_documents()
    if not from_scratch and store.linked_hashes([d.id for d in docs]):
        # A linked document changed (or was analysed again), and the state cannot unlearn it.
        from_scratch = True
    state: LinkState | None = None
    if from_scratch:
        # All again, in first-seen order, so that story and event ids stay as stable as they can.
        order = store.link_order()
        docs = sorted(store.documents(), key=lambda d: (order.get(d.id, len(order)), d.id))
    elif docs:
        state = store.link_slice(lookup(docs, settings, store.link_counts))
    result = compute(docs, state) if compute is not None else cross_source(docs, settings, state)
    # Only documents that linking changed (story, reprint link, actors resolved across the
    # corpus) are rewritten.
    before = {d.id: d for d in docs}
    changed = [d for d in result.documents if before.get(d.id) != d]
    store.write_links(
        changed, result.stories, result.events, result.state,
        postings=postings(result.state, result.documents, settings), full=from_scratch,
    )


def is_fresh(item: RawItem, stored_hash: str | None) -> bool:
    """Whether ``item`` needs analysis: ``stored_hash`` (the content hash this pipeline version
    analysed under its id, None when none) is not its content's."""
    return stored_hash != item.content_hash


# Names of files still being written or kept by editors and browsers: never input.
_TEMPORARY = re.compile(r"^(?:\.|~\$|#.*#$)|(?:~|\.(?:swp|swx|tmp|temp|part|partial|crdownload|download|lock))$", re.I)


def watch(
    folder: Path, store: Store, settings: Settings, *, interval: float = 2.0,
    on_batch: Callable[[IngestSummary], None] | None = None, rounds: int | None = None,
) -> None:
    """Ingest ``folder`` and keep ingesting the files that appear or change in it (polling, so
    it works on every filesystem). A file is taken only once it is complete: its size and
    modification time the same at two polls in a row (a file moved into place is complete at
    once). Hidden, editor and partial-download files are never taken. ``rounds`` bounds the
    number of polls (None: until interrupted)."""
    taken: dict[str, tuple[float, int]] = {}  # the state of each file when it was ingested
    last: dict[str, tuple[float, int]] = {}  # the state at the previous poll
    done = 0
    while rounds is None or done < rounds:
        current: dict[str, tuple[float, int]] = {}
        for path in iter_input_files([folder]):
            if _TEMPORARY.search(path.name):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # gone between listing and looking: the next poll decides
            current[str(path)] = (stat.st_mtime, stat.st_size)
        ready = [
            Path(p) for p, sig in current.items()
            if last.get(p) == sig and taken.get(p) != sig  # unchanged since the last poll, not yet taken
        ]
        if ready:
            summary = ingest_paths(ready, store, settings)
            taken.update({str(p): current[str(p)] for p in ready})
            if on_batch:
                on_batch(summary)
        last = current
        done += 1
        if rounds is None or done < rounds:
            time.sleep(interval)
