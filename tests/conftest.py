"""Shared fixtures: the shared material (seeds, bench data) is read in place, never copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("CHRONICLE_SHARED") or REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    assert path.is_dir(), f"shared material not found at {path}; set CHRONICLE_SHARED"
    return path


@pytest.fixture(scope="session")
def seed_paths(shared: Path) -> list[Path]:
    paths = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    assert paths, "no seed articles found"
    return paths


@pytest.fixture(scope="session")
def seed_texts(seed_paths: list[Path]) -> dict[str, str]:
    """Seed id (file stem) -> raw text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in seed_paths}
