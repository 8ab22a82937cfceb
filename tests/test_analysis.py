"""The front door: chronicle.analyse and chronicle.Pipeline run the stages ingest runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

import chronicle


def test_analyse_one_article() -> None:
    doc = chronicle.analyse(
        "Rebels attacked the town of Goma on Monday, killing 12 people, officials said.",
        published="2024-03-06", url="https://example.org/goma",
    )
    (attack,) = doc.events
    assert (attack.type, attack.date.start, [q.value for q in attack.quantities]) == ("ASSAULT", "2024-03-04", [12.0])
    assert doc.url == "https://example.org/goma" and doc.published == "2024-03-06"


def test_a_pipeline_analyses_many_and_links_them() -> None:
    pipeline = chronicle.Pipeline()
    docs = pipeline.analyse_many([
        "Ethiopia and Somalia agreed to a ceasefire on Monday, their foreign ministers said.",
        chronicle.Article("Ethiopia and Somalia agreed on Monday to a ceasefire.", published="2024-03-06", id="b"),
        {"text": "<html><body><p>Officials said the talks in Ankara ended.</p></body></html>"},
    ])
    assert [d.id for d in docs] == ["doc1", "b", "doc3"]
    assert "talks in Ankara" in docs[2].body and "<p>" not in docs[2].body
    linked = pipeline.link(docs[:2])
    agreements = [e for e in linked.events if e.type == "AGREE"]
    assert len(agreements) == 1 and {s.doc for s in agreements[0].sources} == {"doc1", "b"}


def test_a_refused_input_raises_with_its_code() -> None:
    with pytest.raises(chronicle.AnalysisError) as caught:
        chronicle.analyse("\x00\x01\x02\x03" * 100)
    assert caught.value.code.startswith("E")


def test_import_chronicle_stays_light() -> None:
    code = "import sys, chronicle; print('spacy' in sys.modules, 'chronicle.workflow' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]
