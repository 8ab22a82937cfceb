"""Event summaries as headlines in chronicle's own words (chronicle.events.headline), and the verb
inflector behind them (chronicle.inflect): on the seeds and on sentences written here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import chronicle.events
import chronicle.nlp
import chronicle.temporal
from chronicle.clean import clean_item
from chronicle.inflect import is_participle, lemma_of_third_person, participle, past, third_person
from chronicle.pipeline import run_stages
from chronicle.records import Document, RawItem
from chronicle.settings import Settings

SETTINGS = Settings()
STAGES = (chronicle.temporal, chronicle.nlp, chronicle.events)  # importing registers the stages

# Written for these tests (not from any corpus): one act per paragraph.
SYNTHETIC = """Ethiopian Prime Minister Abiy Ahmed met Kenyan President William Ruto in Nairobi on Wednesday.

Eritrea will withdraw its troops from the border. Ethiopia did not recognise the new government.

Five detainees were released on Thursday. Ethiopia launched a military offensive in Tigray on Saturday.

Sudan surrendered the town to Egypt.

Kenya called on Somalia not to close the border. More than ten thousand residents left Baidoa for the coast.
"""


def _analyse(item_id: str, content: bytes) -> Document:
    raw = RawItem(id=item_id, source=f"{item_id}.txt", kind="txt", content=content,
                  content_hash=hashlib.sha256(content).hexdigest())
    return next(iter(run_stages([clean_item(raw, SETTINGS)], ["temporal", "nlp", "events"], SETTINGS)))


@pytest.fixture(scope="module")
def seed_docs(seed_paths: list[Path]) -> list[Document]:
    return [_analyse(p.stem, p.read_bytes()) for p in seed_paths]


@pytest.fixture(scope="module")
def synthetic() -> Document:
    return _analyse("synthetic", SYNTHETIC.encode())


@pytest.mark.parametrize(("lemma", "third", "past_form", "part"), [
    ("release", "releases", "released", "released"),
    ("meet", "meets", "met", "met"),
    ("withdraw", "withdraws", "withdrew", "withdrawn"),
    ("deny", "denies", "denied", "denied"),
    ("launch", "launches", "launched", "launched"),
    ("stop", "stops", "stopped", "stopped"),
    ("admit", "admits", "admitted", "admitted"),
    ("visit", "visits", "visited", "visited"),
    ("offer", "offers", "offered", "offered"),
    ("cancel", "cancels", "cancelled", "cancelled"),
    ("reveal", "reveals", "revealed", "revealed"),
    ("flee", "flees", "fled", "fled"),
    ("go", "goes", "went", "gone"),
    ("rebuild", "rebuilds", "rebuilt", "rebuilt"),
    ("call on", "calls on", "called on", "called on"),
    ("relay", "relays", "relayed", "relayed"),
])
def test_inflector(lemma: str, third: str, past_form: str, part: str) -> None:
    assert third_person(lemma) == third
    assert past(lemma) == past_form
    assert participle(lemma) == part
    assert lemma_of_third_person(third.split()[0]) in {lemma.split()[0], lemma.split()[0][:-1]} or \
        past(lemma_of_third_person(third.split()[0])) == past_form.split()[0]


def test_participles_are_recognised() -> None:
    assert is_participle("exchanged") and is_participle("withdrawn") and is_participle("held")
    assert not is_participle("drafts") and not is_participle("talks") and not is_participle("red")


def test_synthetic_headlines(synthetic: Document) -> None:
    summaries = {e.summary for e in synthetic.events}
    assert "Abiy Ahmed meets William Ruto in Nairobi" in summaries
    assert "Eritrea will withdraw its troops" in summaries  # a promise keeps "will"
    assert "Ethiopia does not recognise the new government" in summaries  # negation kept
    assert "Five detainees released" in summaries  # nobody named: passive, from the object
    assert "Ethiopia launches a military offensive in Tigray" in summaries
    assert "Sudan surrenders the town to Egypt" in summaries
    assert "Kenya calls on Somalia not to close the border" in summaries  # a negated complement keeps "not"
    assert "More than ten thousand residents leave Baidoa" in summaries  # people, unnamed


def test_seed_headlines(seed_docs: list[Document]) -> None:
    summaries = {e.summary for d in seed_docs for e in d.events}
    for expected in [
        "Azerbaijan and Armenia exchange prisoners of war",
        "Armenia returns four border villages to Azerbaijan",
        "Nagorno-Karabakh surrenders to Azerbaijan",
        "Ilham Aliyev meets Nikol Pashinyan in Saint Petersburg",
        "Azerbaijan releases 32 Armenian military servicemen",
        "Seven drafts exchanged",
        "Military offensive by Azerbaijan",
        "Joint statement by Armenia and Azerbaijan",
        "Armenia withdraws its bid",  # "decided to withdraw": the decision enacts it
    ]:
        assert expected in summaries, sorted(summaries)


def test_seed_headlines_are_short_own_words(seed_docs: list[Document]) -> None:
    events = [e for d in seed_docs for e in d.events]
    assert events
    for e in events:
        words = e.summary.split()
        assert 1 <= len(words) <= 14, e.summary
        assert e.summary[:1].isupper(), e.summary
        assert '"' not in e.summary and "“" not in e.summary, e.summary
        assert e.summary != e.sentence.text.strip().rstrip("."), e.summary  # a headline, not the sentence
        if e.modality == "promised" and e.actors:
            assert " will " in f" {e.summary} " or " to be " in e.summary, e.summary
        if e.modality == "negated" and e.trigger[:1].islower():
            assert " not " in f" {e.summary} " or e.summary.lower().startswith("no "), e.summary
        sources = [a.actor.name for a in e.actors if a.role == "source"]
        if sources and e.sentence.text.find(e.trigger) >= 0 and " by " not in e.summary \
                and " between " not in e.summary:
            assert e.summary.startswith(sources[0]), e.summary  # subject first
