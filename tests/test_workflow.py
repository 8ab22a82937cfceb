"""The sequenced job: identical output for any number of workers, incremental runs, watching."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from chronicle.records import ItemError, RawItem
from chronicle.report import render_json, timeline_data
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import IngestProgress, IngestSummary, analyse, ingest_paths, watch


def export(store: Store) -> str:
    """The timeline export without the times of change, which differ from run to run."""
    data = timeline_data(store.documents(), store.timeline_events())
    for event in data["events"]:
        event.pop("updated")
    return render_json(data)


def test_output_is_identical_for_one_and_two_workers(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = seed_paths[0].parent
    exports = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            summary = ingest_paths([folder], store, Settings(workers=workers, batch_size=2))
            assert summary.exit_code == 0 and len(summary.stored) == len(seed_paths)
            exports.append(export(store))
    assert exports[0] == exports[1]
    assert json.loads(exports[0])["documents"]


def test_analyse_keeps_input_order_and_isolates_bad_items(seed_texts: dict[str, str]) -> None:
    items = [
        RawItem(id=k, source=k, kind="txt", content=v.encode(), content_hash=k) for k, v in seed_texts.items()
    ]
    items.insert(2, RawItem(id="bad", source="bad", kind="txt", content=b"\x00\x01\x02" * 50, content_hash="b"))
    outcomes = list(analyse(items, Settings(batch_size=3)))
    assert [item.id for item, _ in outcomes] == [i.id for i in items]
    assert isinstance(outcomes[2][1], ItemError) and outcomes[2][1].code == "E003"
    assert all(not isinstance(o, ItemError) for i, (_, o) in enumerate(outcomes) if i != 2)


def test_rerun_processes_only_new_or_changed_files(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths[:2]:
        shutil.copy(path, folder)
    seen: list[IngestProgress] = []
    with Store(tmp_path / "c.db") as store:
        first = ingest_paths([folder], store, Settings(), progress=lambda p: seen.append(
            IngestProgress(p.items, p.bytes_done, p.bytes_total, p.current)))
        assert len(first.stored) == 2
        assert seen[-1].bytes_done == seen[-1].bytes_total > 0 and seen[-1].items == 2
        shutil.copy(seed_paths[2], folder)
        second = ingest_paths([folder], store, Settings())
        assert second.stored == [seed_paths[2].stem]
        assert sorted(second.unchanged) == sorted(p.stem for p in seed_paths[:2])


def test_watch_picks_up_files_as_they_arrive(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(seed_paths[0], folder)
    batches: list[IngestSummary] = []

    def arrive(summary: IngestSummary) -> None:
        batches.append(summary)
        if len(batches) == 1:  # a new file lands while the watcher runs
            shutil.copy(seed_paths[1], folder)

    with Store(tmp_path / "w.db") as store:
        # a file is taken at the poll after it appeared unchanged: four polls for two arrivals
        watch(folder, store, Settings(), interval=0.01, on_batch=arrive, rounds=4)
        assert [b.stored for b in batches] == [[seed_paths[0].stem], [seed_paths[1].stem]]
        assert store.count_documents() == 2


def test_changed_document_is_relinked_from_its_new_content(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths[:3]:
        shutil.copy(path, folder)
    target = folder / seed_paths[0].name
    with Store(tmp_path / "c.db") as store:
        ingest_paths([folder], store, Settings())
        before = [e for e in store.timeline_events() if any(s.doc == target.stem for s in e.sources)]
        assert before
        dropped = before[0].sources[0].sentence
        target.write_text(target.read_text(encoding="utf-8").replace(dropped, ""), encoding="utf-8")
        assert ingest_paths([folder], store, Settings()).stored == [target.stem]
        after = [s.sentence for e in store.timeline_events() for s in e.sources if s.doc == target.stem]
        assert dropped not in after


def test_the_database_inside_the_ingested_folder_is_not_input(tmp_path: Path, seed_paths: list[Path]) -> None:
    shutil.copy(seed_paths[0], tmp_path)
    with Store(tmp_path / "here.db") as store:
        ingest_paths([tmp_path], store, Settings())
        again = ingest_paths([tmp_path], store, Settings())
        assert again.failed == [] and again.unchanged == [seed_paths[0].stem]


def test_a_file_is_its_path_not_its_name(tmp_path: Path) -> None:
    older, newer = tmp_path / "d" / "2023", tmp_path / "d" / "2024"
    for folder, text in ((older, "Rebels attacked the town of Goma on Monday, officials said."),
                         (newer, "The two sides agreed to a ceasefire in Doha on Tuesday.")):
        folder.mkdir(parents=True)
        (folder / "report.txt").write_text(text, encoding="utf-8")
    settings = Settings(workers=1)
    with Store(tmp_path / "c.db") as store:
        first = ingest_paths([older], store, settings)
        second = ingest_paths([newer], store, settings)
        assert first.stored == ["report"] and len(second.stored) == 1 and second.stored[0] != "report"
        bodies = sorted(d.body for d in store.documents())
        assert len(bodies) == 2 and "Goma" in bodies[0] and "Doha" in bodies[1]
        # the same files again: each is recognised by its path, nothing is added or replaced
        again = ingest_paths([older, newer], store, settings)
        assert again.stored == [] and sorted(again.unchanged) == sorted(first.stored + second.stored)
        # one run over both: the same two documents, no refusal
    with Store(tmp_path / "one-run.db") as store:
        both = ingest_paths([tmp_path / "d"], store, settings)
        assert both.exit_code == 0 and len(both.stored) == 2


def test_watch_takes_a_file_only_when_complete_and_never_temporary_files(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    import threading
    import time

    folder = tmp_path / "drop"
    folder.mkdir()
    text = seed_paths[0].read_text(encoding="utf-8")
    chunks = [text[i * len(text) // 4 : (i + 1) * len(text) // 4] for i in range(4)]

    def write_slowly() -> None:
        with (folder / "slow.txt").open("w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
                handle.flush()
                time.sleep(0.08)  # pauses shorter than the interval between polls

    for name in (".hidden.txt", "draft.txt~", "report.txt.swp", "page.html.part", "#notes.txt#"):
        (folder / name).write_text(text, encoding="utf-8")
    batches: list[IngestSummary] = []
    writer = threading.Thread(target=write_slowly)
    writer.start()
    with Store(tmp_path / "w.db") as store:
        watch(folder, store, Settings(workers=1), interval=0.25, on_batch=batches.append, rounds=12)
        writer.join()
        assert [b.stored for b in batches] == [["slow"]]  # once, complete, and nothing else
        assert [b.failed for b in batches] == [[]]
        (doc,) = store.documents()
        assert doc.body.strip()[-40:] == text.strip()[-40:]


def _partition(store: Store) -> tuple[set[frozenset[str]], set[frozenset[tuple[str, int]]]]:
    """Stories as sets of documents, merged events as sets of (document, sentence) reports."""
    stories = {frozenset(s.doc_ids) for s in store.stories()}
    events = {frozenset((s.doc, s.start) for s in e.sources) for e in store.timeline_events()}
    return stories, events


def test_documents_added_one_at_a_time_link_as_one_batch(tmp_path: Path, seed_paths: list[Path]) -> None:
    with Store(tmp_path / "batch.db") as batch:
        ingest_paths([seed_paths[0].parent], batch, Settings())
        expected = _partition(batch)
    with Store(tmp_path / "one.db") as store:
        for path in sorted(seed_paths):
            assert ingest_paths([path], store, Settings()).stored == [path.stem]
        assert _partition(store) == expected
        assert not store.needs_linking()


UNRELATED = """Peru police detain miners after road blockade

LIMA, March 3, 2024 - Peruvian police arrested 40 informal miners who had blocked a highway \
in the Piura region on Sunday, the interior ministry said.

The miners had demanded that the government extend their mining permits.
"""


def test_a_new_document_reads_only_the_part_of_the_store_it_can_meet(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    with Store(tmp_path / "s.db") as store:
        settings = Settings()
        ingest_paths([seed_paths[0].parent], store, settings)
        before = {e.id: e for e in store.timeline_events()}
        statements: list[str] = []
        store._db.set_trace_callback(statements.append)  # the SQL the next run sends
        flood = tmp_path / "peru.txt"
        flood.write_text(UNRELATED, encoding="utf-8")
        assert ingest_paths([flood], store, settings).stored == ["peru"]
        store._db.set_trace_callback(None)
        read = [" ".join(s.split()) for s in statements if s.lstrip().upper().startswith("SELECT")]
        stored = "documents|link_docs|link_stories|link_groups|link_keys|link_df|timeline_events"
        tables = re.compile(rf"\bFROM ({stored})\b")
        # Every read of what is stored is a lookup by key (or of the documents awaiting links).
        assert read and all(" WHERE " in s or "JOIN link_pending" in s for s in read if tables.search(s))
        after = {e.id: e for e in store.timeline_events()}
        assert {k: v for k, v in after.items() if k in before} == before  # the rest is untouched
        assert {s.doc for e in after.values() if e.id not in before for s in e.sources} == {"peru"}
        assert store.document("peru").story == "story:peru"  # type: ignore[union-attr]


def test_a_living_timeline_keeps_ids_and_lists_what_changed(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths[:3]:
        shutil.copy(path, folder)
    with Store(tmp_path / "live.db") as store:
        ingest_paths([folder], store, Settings())
        first = {e.id: e for e in store.timeline_events()}
        assert first and all(e.updated for e in first.values())
        # re-ingesting changes nothing, not even the time of change
        ingest_paths([folder], store, Settings())
        assert {e.id: e.updated for e in store.timeline_events()} == {k: e.updated for k, e in first.items()}
        mark = max(e.updated for e in first.values() if e.updated) + "~"  # just after the last change
        # a new document: the events before keep their ids; only new or joined ones changed
        shutil.copy(seed_paths[3], folder)
        ingest_paths([folder], store, Settings())
        second = {e.id: e for e in store.timeline_events()}
        assert first.keys() <= second.keys()
        changed, removed = store.changes_since(mark)
        assert removed == [] and {e.id for e in changed} == {k for k, e in second.items() if e != first.get(k)}
        assert any(s.doc == seed_paths[3].stem for e in changed for s in e.sources)
        # a document replaced by another article: its old events are listed as removed
        (folder / seed_paths[0].name).write_text(seed_paths[4].read_text(encoding="utf-8"), encoding="utf-8")
        ingest_paths([folder], store, Settings())
        third = {e.id for e in store.timeline_events()}
        _, removed = store.changes_since(mark)
        assert {event_id for event_id, _ in removed} == second.keys() - third and removed
