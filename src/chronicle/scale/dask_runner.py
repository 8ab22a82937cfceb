"""Run chronicle's stages on Dask: per-document work mapped over partitions, then the
cross-source step as one cluster task (see the package docstring)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from chronicle.ingest import document_id, iter_input_files, read_path
from chronicle.link import LinkState
from chronicle.records import Document, ItemError, RawItem
from chronicle.report.timeline import event_rows, timeline_data, write_parquet
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import (
    PIPELINE_VERSION,
    CrossSource,
    IngestSummary,
    analyse_batch,
    cross_source,
    is_fresh,
    path_identity,
    relink,
)

# Files are grouped into partitions of about this many bytes; a bigger file is a partition alone.
PARTITION_BYTES = 32 * 1024 * 1024


@dataclass(slots=True)
class PartitionResult:
    """What one worker sends back for one partition, in input order."""

    part: int
    items: list[tuple[RawItem, Document]] = field(default_factory=list)
    failed: list[ItemError] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DaskSummary(IngestSummary):
    """The ingest summary, plus how the work was split and where Parquet went."""

    partitions: int = 0
    output: str | None = None


def partition_files(files: Sequence[Path], target_bytes: int = PARTITION_BYTES) -> list[list[str]]:
    """Consecutive groups of files of about ``target_bytes`` (order kept, so results are too)."""
    parts: list[list[str]] = []
    current: list[str] = []
    size = 0
    for path in files:
        length = path.stat().st_size if path.is_file() else 0
        if current and size + length > target_bytes:
            parts.append(current)
            current, size = [], 0
        current.append(str(path))
        size += length
    if current:
        parts.append(current)
    return parts


def _batches(items: Iterator[RawItem], size: int) -> Iterator[list[RawItem]]:
    while batch := list(islice(items, size)):
        yield batch


def process_partition(
    part: int, paths: list[str], settings: Settings, known: dict[str, str], output: str | None,
    ids: dict[str, str] | None = None,
) -> PartitionResult:
    """On a worker: read, skip what the store already has, analyse, write this part's Parquet.
    ``ids``: the identity of each file (by absolute path) the run gave it (:func:`file_ids`)."""
    result = PartitionResult(part=part)

    def fresh() -> Iterator[RawItem]:
        for path in paths:
            for item in read_path(Path(path), settings):
                if not isinstance(item, ItemError) and item.kind in ("txt", "html"):
                    source = str(Path(item.source).absolute())
                    item = replace(item, source=source, id=(ids or {}).get(source, item.id))
                if isinstance(item, ItemError):
                    result.failed.append(item)
                elif not is_fresh(item, known.get(item.id)):
                    result.unchanged.append(item.id)
                else:
                    yield item

    for batch in _batches(fresh(), settings.batch_size):
        for item, outcome in zip(batch, analyse_batch(batch, settings), strict=True):
            if isinstance(outcome, ItemError):
                result.failed.append(outcome)
            else:
                result.items.append((item, outcome))
    if output is not None:
        result.parquet = write_document_parquet(Path(output), part, [doc for _, doc in result.items])
    return result


def write_document_parquet(folder: Path, part: int, docs: Sequence[Document]) -> list[str]:
    """This partition's documents, sentences and events as three Parquet files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {"id": d.id, "title": d.title, "author": d.author, "outlet": d.outlet, "language": d.language,
             "published": d.published, "published_basis": d.published_basis, "status": d.status,
             "url": d.url, "body": d.body}
            for d in docs
        ],
        "sentences": [
            {"doc_id": d.id, "index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for d in docs for s in d.sentences
        ],
        "events": [
            {"id": e.id, "doc_id": d.id, "type": e.type, "summary": e.summary, "date_start": e.date.start,
             "date_end": e.date.end, "precision": e.date.precision, "date_basis": e.date.basis,
             "sentence": e.sentence.text, "start": e.sentence.start, "end": e.sentence.end,
             "wording": e.wording, "record": json.dumps(e.to_dict(), ensure_ascii=False)}
            for d in docs for e in d.events
        ],
    }
    written = []
    for name, rows in tables.items():
        if not rows:
            continue
        target = folder / name / f"part-{part:05d}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        # An explicit schema: a part whose column is all null must still match the others.
        pq.write_table(pa.Table.from_pylist(rows, schema=_schema(rows[0])), target)
        written.append(str(target))
    return written


def _schema(row: dict[str, Any]) -> Any:
    import pyarrow as pa

    return pa.schema([(k, pa.int64() if k in ("index", "start", "end", "corroboration") else pa.string())
                      for k in row])


def write_cross_source_parquet(folder: Path, result: CrossSource) -> None:
    """The merged timeline (the rows of ``chronicle timeline --format parquet``) and the
    document links, beside the per-partition tables."""
    folder.mkdir(parents=True, exist_ok=True)
    links = [{"id": d.id, "story": d.story, "duplicate_of": d.duplicate_of} for d in result.documents]
    write_parquet(links, folder / "document_links.parquet")
    write_parquet(event_rows(timeline_data(result.documents, result.events)), folder / "timeline_events.parquet")


def run_on_dask(
    paths: Sequence[Path], settings: Settings, *, scheduler: str | None = None, local_workers: int | None = None,
    store: Store | None = None, output: Path | None = None, partition_bytes: int = PARTITION_BYTES,
) -> DaskSummary:
    """Process ``paths`` on a Dask cluster (``scheduler`` address, or a LocalCluster of
    ``local_workers`` processes on loopback), then load the result into ``store`` and/or
    leave Parquet under ``output``. The result equals :func:`chronicle.workflow.ingest_paths`."""
    from distributed import Client, LocalCluster

    if store is None and output is None:
        raise ValueError("give a store, an output folder, or both")
    started = time.monotonic()
    if scheduler is None:
        cluster = LocalCluster(n_workers=local_workers or 2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(scheduler)
    try:
        summary = _run(client, partition_files(list(iter_input_files(paths)), partition_bytes), settings, store, output)
        summary.seconds = time.monotonic() - started
        return summary
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def file_ids(paths: Sequence[str], store: Store | None) -> dict[str, str]:
    """{absolute path: id} of files read as one document each, decided before the partitions
    run, so a name two files share (in different folders, or partitions) gives the ids the
    local run gives (:func:`chronicle.workflow.path_identity`)."""
    ids: dict[str, str] = {}
    first: dict[str, str] = {}
    for path in paths:
        absolute, name = str(Path(path).absolute()), document_id(Path(path))
        holder = first.get(name) or (store.document_source(name) if store is not None else None)
        ids[absolute] = path_identity(absolute, name, holder)
        first.setdefault(name, absolute)
    return ids


def _run(client: Any, parts: list[list[str]], settings: Settings, store: Store | None,
         output: Path | None) -> DaskSummary:
    known = store.document_hashes(PIPELINE_VERSION) if store is not None else {}
    out = str(output.resolve()) if output is not None else None
    ids = file_ids([path for part in parts for path in part], store)
    futures = [
        client.submit(process_partition, i, p, settings, known, out,
                      {k: ids[k] for k in (str(Path(x).absolute()) for x in p)}, pure=False)
        for i, p in enumerate(parts)
    ]
    summary = DaskSummary(partitions=len(parts), output=out)
    seen: set[str] = set()
    docs: list[Document] = []
    for future in futures:  # in partition order, so "first seen wins" matches the local run
        part: PartitionResult = future.result()
        summary.failed.extend(part.failed)
        summary.unchanged.extend(part.unchanged)
        for item, doc in part.items:
            if doc.id in seen:
                summary.failed.append(ItemError(source=item.source, code="E007", id=doc.id,
                                                message=f"duplicate document id {doc.id!r}; not stored"))
                continue
            seen.add(doc.id)
            if store is None or store.write_document(doc, item, PIPELINE_VERSION) == "stored":
                summary.stored.append(doc.id)
                docs.append(doc)
            else:
                summary.unchanged.append(doc.id)
        future.release()
    if not summary.stored and not (store is not None and store.needs_linking()):
        return summary
    linked: list[CrossSource] = []

    def on_cluster(documents: Sequence[Document], state: LinkState | None) -> CrossSource:
        linked.append(client.submit(cross_source, list(documents), settings, state, pure=False).result())
        return linked[-1]

    if store is not None:
        relink(store, settings, compute=on_cluster)  # the workflow's rules: what to link, from which state
    else:
        on_cluster(sorted(docs, key=lambda d: d.id), None)
    if output is not None:
        write_cross_source_parquet(output, linked[-1])
    return summary
