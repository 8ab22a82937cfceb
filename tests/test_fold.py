"""chronicle.events.fold: the events of one sentence folded into one per act (table-driven),
and the extractor applying it to real parses."""

from __future__ import annotations

import pytest

import chronicle.events
import chronicle.nlp
import chronicle.temporal  # noqa: F401 - registers the stages
from chronicle.events.fold import fold_sentence
from chronicle.lexicon import event_lexicon
from chronicle.pipeline import run_stages
from chronicle.records import Actor, Document, Event, EventActor, EventDate, Quantity, Sentence
from chronicle.settings import Settings

FAMILIES = event_lexicon().same_act
SENTENCE = Sentence(index=0, start=0, end=10, text="x")


def _event(etype: str, at: int, sources: tuple[str, ...] = (), date: str | None = None,
           figures: tuple[float, ...] = (), modality: str = "asserted") -> Event:
    actors = [EventActor(Actor(name), "source") for name in sources]
    quantities = [Quantity(value, "people", str(value), start=at, end=at + 1) for value in figures]
    return Event(
        id=f"d:0:{at}", doc_id="d", type=etype, summary="", sentence=SENTENCE, trigger=etype.lower(),
        actors=actors, date=EventDate(start=date, precision="day" if date else "unknown"),
        quantities=quantities, modality=modality, trigger_start=at,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(("events", "expected"), [
    # killed + injured + struck: one assault, with the attacker and the toll
    ([_event("ASSAULT", 1, figures=(3,)), _event("ASSAULT", 2), _event("ASSAULT", 3, ("Houthis",))],
     [("ASSAULT", {"Houthis"}, {3.0})]),
    # reached and signed one agreement: the most telling type of the family
    ([_event("SUPPORT", 1, ("A", "B")), _event("AGREE", 2, ("A", "B"))], [("AGREE", {"A", "B"}, set())]),
    # a third party welcoming the deal that two others reached: two acts
    ([_event("SUPPORT", 1, ("UN",)), _event("AGREE", 2, ("A", "B"))],
     [("SUPPORT", {"UN"}, set()), ("AGREE", {"A", "B"}, set())]),
    # agreed on one day, in force on another: two acts
    ([_event("AGREE", 1, ("A",), "2024-01-02"), _event("RETREAT", 2, ("A",), "2024-01-03")],
     [("AGREE", {"A"}, set()), ("RETREAT", {"A"}, set())]),
    # different families never fold: condemned, and recalled its ambassador
    ([_event("DISAPPROVE", 1, ("P",)), _event("SANCTION", 2, ("P",))],
     [("DISAPPROVE", {"P"}, set()), ("SANCTION", {"P"}, set())]),
    # one speaker's statement: denied, and called for an inquiry
    ([_event("REJECT", 1, ("P",)), _event("DEMAND", 2, ("P",))], [("REJECT", {"P"}, set())]),
    # a promise beside a report of what happened: two statements
    ([_event("AGREE", 1, ("A",), modality="promised"), _event("AGREE", 2, ("A",), modality="negated")],
     [("AGREE", {"A"}, set()), ("AGREE", {"A"}, set())]),
])
def test_fold_sentence(events: list[Event], expected: list[tuple[str, set[str], set[float]]]) -> None:
    folded = fold_sentence(events, FAMILIES)
    got = [
        (e.type, {a.actor.name for a in e.actors if a.role == "source"}, {q.value for q in e.quantities})
        for e in folded
    ]
    assert got == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Three sailors were killed and four others were injured after rebels struck the ship.", ["ASSAULT"]),
    ("Rebels shelled the town of Goma, killing three people.", ["ASSAULT"]),
    ("Sudan denied the charge and called for an inquiry.", ["REJECT"]),
    ("Sudan condemned the raid and expelled the ambassador.", ["DISAPPROVE", "SANCTION"]),
])
def test_one_event_per_act_on_parses(body: str, expected: list[str]) -> None:
    doc = Document(id="t", source="test", content_hash="x", body=body)
    (out,) = run_stages([doc], ["temporal", "nlp", "events"], Settings())
    assert [e.type for e in out.events] == expected


def test_a_repeated_paragraph_states_its_acts_once() -> None:
    sentence = "Rebels shelled the town of Goma on Monday."
    doc = Document(id="t", source="test", content_hash="x", body=f"{sentence}\n\n{sentence}", published="2024-02-09")
    (out,) = run_stages([doc], ["temporal", "nlp", "events"], Settings())
    assert len(out.events) == 1


def test_an_event_noun_in_the_slot_of_the_others_verb_is_one_act_whoever_each_names() -> None:
    body = "The meeting between Thailand and Cambodia was hosted by Malaysia on Monday in Putrajaya."
    doc = Document(id="t", source="test", content_hash="x", body=body, published="2025-07-30")
    (out,) = run_stages([doc], ["temporal", "nlp", "events"], Settings())
    (meeting,) = out.events
    assert meeting.type == "CONSULT" and meeting.date.start == "2025-07-28"
    assert {a.actor.country for a in meeting.actors if a.role == "source"} == {"THA", "KHM", "MYS"}
