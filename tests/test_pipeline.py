"""The stage registry: the registered stages are pinned, and order is checked before running."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from chronicle.pipeline import StageRegistry, check_order, run_stages, stages
from chronicle.records import Document
from chronicle.settings import Settings
from chronicle.workflow import DOCUMENT_STAGES, load_stages

DOCS = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_registered_stages_are_pinned_and_documented() -> None:
    load_stages()
    assert stages.names() == sorted(DOCUMENT_STAGES) == ["agree", "events", "nlp", "temporal"]
    assert [info.name for info in check_order(DOCUMENT_STAGES)] == list(DOCUMENT_STAGES)
    text = DOCS.read_text(encoding="utf-8")
    for name in DOCUMENT_STAGES:
        info = stages.get(name)
        assert f"| `{name}` | {', '.join(info.requires)} | {', '.join(info.assigns)} |" in text


def test_out_of_order_pipeline_is_refused() -> None:
    load_stages()
    with pytest.raises(ValueError, match="requires"):
        check_order(["events", "nlp"])
    with pytest.raises(KeyError, match="unknown stage"):
        check_order(["nope"])


def test_registry_refuses_a_second_function_under_one_name() -> None:
    registry = StageRegistry()

    def first(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
        yield from docs

    def second(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
        yield from docs

    registry.register("x", assigns=("body",))(first)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("x")(second)


@pytest.mark.parametrize("name", ["temporal", "nlp", "events", "agree"])
def test_every_stage_returns_its_output_and_leaves_its_input_alone(name: str, seed_texts: dict[str, str]) -> None:
    import copy

    load_stages()
    doc = Document(id="s", source="s.txt", content_hash="s", body=next(iter(seed_texts.values())),
                   published="2023-12-14", language="en")
    before = list(DOCUMENT_STAGES[: DOCUMENT_STAGES.index(name)])
    (ready,) = run_stages([doc], before, Settings()) if before else (doc,)
    snapshot = copy.deepcopy(ready)
    info = stages.get(name)
    (out,) = info.func([ready], Settings())
    assert ready == snapshot  # the input is as it was
    assert out is not ready and any(getattr(out, f) != getattr(ready, f) for f in info.assigns)
