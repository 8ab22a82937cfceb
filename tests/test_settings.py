"""Settings: layering, validation, and documentation of every setting."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from chronicle.settings import Settings, env_name, load_settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_every_setting_is_documented_with_its_variable() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert f"`{field.name}`" in text, f"setting {field.name} is not in docs/configuration.md"
        assert f"`{env_name(field.name)}`" in text


def test_layers_defaults_file_env_overrides(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[chronicle]\nbatch_size = 8\nworkers = 3\nspacy_models = ["x"]\n', encoding="utf-8")
    settings = load_settings({"CHRONICLE_CONFIG": str(config), "CHRONICLE_WORKERS": "2"}, db_path=Path("o.db"))
    assert settings.batch_size == 8 and settings.workers == 2 and settings.spacy_models == ("x",)
    assert settings.db_path == Path("o.db") and settings.min_body_chars == Settings().min_body_chars
    assert load_settings({"CHRONICLE_PARSE_ALL_SENTENCES": "yes"}).parse_all_sentences is True


def test_bad_values_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        load_settings({"CHRONICLE_BATCH_SIZE": "many"})
    with pytest.raises(ValueError, match="positive"):
        load_settings({}, workers=0)
    config = tmp_path / "c.toml"
    config.write_text("bach_size = 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bach_size"):
        load_settings({}, config=config)
    with pytest.raises(ValueError):
        Settings(duplicate_threshold=1.5)
