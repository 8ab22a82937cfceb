"""Ingest killed with SIGKILL at named points (chronicle.faults) ends, after one more run, in
the same timeline as a run never interrupted: nothing is lost and nothing is left unlinked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest


def _chronicle(*args: str | Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CHRONICLE_FAULT"}
    if fault:
        env["CHRONICLE_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "chronicle", *map(str, args)], env=env, capture_output=True, text=True,
        timeout=300,
    )


def _timeline(db: Path) -> str:
    """The timeline export (it leaves out the times of change, which differ from run to run)."""
    done = _chronicle("timeline", "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"updated"' not in done.stdout
    return done.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> tuple[Path, Path]:
    """Two folders: the first three seeds, and all five (the first three unchanged)."""
    root = tmp_path_factory.mktemp("crash")
    first, whole = root / "first", root / "whole"
    first.mkdir()
    whole.mkdir()
    for n, path in enumerate(seed_paths):
        text = path.read_bytes()
        (whole / path.name).write_bytes(text)
        if n < 3:
            (first / path.name).write_bytes(text)
    return first, whole


@pytest.fixture(scope="module")
def uninterrupted(corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The timelines of runs nothing interrupts: all at once, and the three then the five."""
    first, whole = corpus
    root = tmp_path_factory.mktemp("clean")
    once, twice = root / "once.db", root / "twice.db"
    for args in (("ingest", whole, "--db", once, "--workers", "1"),
                 ("ingest", first, "--db", twice, "--workers", "1"),
                 ("ingest", whole, "--db", twice, "--workers", "1")):
        assert _chronicle(*args).returncode == 0
    return {"once": _timeline(once), "twice": _timeline(twice)}


# (where the run dies, whether the three seeds were ingested before that run)
POINTS = [
    ("document-stored:1", False),  # after the first document's commit
    ("document-stored:3", False),  # between documents
    ("before-link", False),  # every document committed, nothing linked
    ("links-written", False),  # during linking, before its commit
    ("after-link", False),  # after everything: the rerun has nothing to do
    ("before-link", True),  # new documents committed over an existing, linked store
    ("links-written", True),
]


@pytest.mark.parametrize(("fault", "incremental"), POINTS)
def test_a_killed_ingest_reruns_to_the_same_timeline(
    fault: str, incremental: bool, corpus: tuple[Path, Path], uninterrupted: dict[str, str], tmp_path: Path,
) -> None:
    first, whole = corpus
    db = tmp_path / "chronicle.db"
    if incremental:
        assert _chronicle("ingest", first, "--db", db, "--workers", "1").returncode == 0
    killed = _chronicle("ingest", whole, "--db", db, "--workers", "1", fault=fault)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    rerun = _chronicle("ingest", whole, "--db", db, "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr
    assert _timeline(db) == uninterrupted["twice" if incremental else "once"]


def test_relink_rebuilds_the_same_timeline_from_the_documents(
    corpus: tuple[Path, Path], uninterrupted: dict[str, str], tmp_path: Path,
) -> None:
    _, whole = corpus
    db = tmp_path / "chronicle.db"
    assert _chronicle("ingest", whole, "--db", db, "--workers", "1").returncode == 0
    done = _chronicle("relink", "--db", db)
    assert done.returncode == 0 and "relinked 5 documents" in done.stderr, done.stderr
    assert _timeline(db) == uninterrupted["once"]


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in {"Z", "X"}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_die_with_their_parent(tmp_path: Path, seed_paths: list[Path]) -> None:
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):  # enough items that ingest starts its worker pool
        for path in seed_paths:
            (folder / f"{n:02d}-{path.name}").write_text(path.read_text(encoding="utf-8") + f"\n\n({n})\n")
    env = {k: v for k, v in os.environ.items() if k != "CHRONICLE_FAULT"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chronicle", "ingest", str(folder), "--db", str(tmp_path / "c.db"), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the worker pool never started"
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)
