"""The Dask runner on a real 2-worker LocalCluster on loopback: same result as the local run."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from chronicle.report import render_json, timeline_data
from chronicle.scale import partition_files, run_on_dask
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import ingest_paths


def export(store: Store) -> str:
    """The timeline export without the times of change, which differ from run to run."""
    data = timeline_data(store.documents(), store.timeline_events())
    for event in data["events"]:
        event.pop("updated")
    return render_json(data)


def test_partitions_keep_order_and_group_small_files(tmp_path: Path) -> None:
    files = []
    for i, size in enumerate([10, 10, 50, 10]):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(b"x" * size)
        files.append(path)
    parts = partition_files(files, target_bytes=30)
    assert [[Path(p).name for p in part] for part in parts] == [["f0.txt", "f1.txt"], ["f2.txt"], ["f3.txt"]]


def test_dask_local_cluster_equals_the_local_ingest(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = seed_paths[0].parent
    with Store(tmp_path / "local.db") as local:
        assert ingest_paths([folder], local, Settings()).exit_code == 0
        expected = export(local)
    out = tmp_path / "parquet"
    with Store(tmp_path / "dask.db") as store:
        # One file per partition, so the two workers really share the work.
        summary = run_on_dask([folder], Settings(), local_workers=2, store=store, output=out,
                              partition_bytes=1)
        assert summary.partitions == len(seed_paths)
        assert summary.exit_code == 0 and sorted(summary.stored) == [p.stem for p in seed_paths]
        assert export(store) == expected
        again = run_on_dask([folder], Settings(), local_workers=2, store=store)
        assert again.stored == [] and sorted(again.unchanged) == [p.stem for p in seed_paths]
    documents = pq.read_table(out / "documents").to_pylist()
    assert sorted(d["id"] for d in documents) == [p.stem for p in seed_paths]
    assert pq.read_table(out / "sentences").num_rows > 0
    # the timeline's records are the public model's events, as the JSON export gives them
    exported = {e["id"]: e for e in json.loads(expected)["events"]}
    for row in pq.read_table(out / "timeline_events.parquet").to_pylist():
        record = json.loads(row["record"])
        assert record.pop("updated") is None  # the Parquet is written before the store times it
        assert record == exported[row["id"]]


def test_a_changed_document_relinks_the_same_under_dask_and_ingest(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as dasked:
        assert ingest_paths([folder], local, Settings()).exit_code == 0
        assert ingest_paths([folder], dasked, Settings()).exit_code == 0
        # the first article is replaced by another one under the same name: its events go
        changed = folder / seed_paths[0].name
        changed.write_text(seed_paths[4].read_text(encoding="utf-8"), encoding="utf-8")
        assert ingest_paths([folder], local, Settings()).stored == [seed_paths[0].stem]
        summary = run_on_dask([folder], Settings(), local_workers=2, store=dasked)
        assert summary.stored == [seed_paths[0].stem]
        assert export(dasked) == export(local)


def test_one_name_in_two_folders_keeps_both_articles_under_dask_as_under_ingest(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    for year, seed in (("2023", seed_paths[0]), ("2024", seed_paths[1])):
        (tmp_path / year).mkdir()
        (tmp_path / year / "report.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    folders = [tmp_path / "2023", tmp_path / "2024"]
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as dasked:
        assert len(ingest_paths(folders, local, Settings()).stored) == 2
        # one file per partition: the two names meet only in the runner's plan
        summary = run_on_dask(folders, Settings(), local_workers=2, store=dasked, partition_bytes=1)
        assert summary.exit_code == 0 and sorted(summary.stored) == sorted(d.id for d in local.documents())
        assert export(dasked) == export(local)
