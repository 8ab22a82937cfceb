"""chronicle.report.brief: period and actor filters, own-words event lines, citations."""

from __future__ import annotations

import json

import pytest

from chronicle.agree import provision_history, split_sentences
from chronicle.records import (
    Actor,
    Disagreement,
    Document,
    EventActor,
    EventDate,
    EventSource,
    Place,
    Quantity,
    TimelineEvent,
)
from chronicle.report.brief import brief_json, brief_markdown, build_brief, date_phrase, event_sentence
from chronicle.settings import Settings

ALIYEV = Actor("Ilham Aliyev", kind="person", country="AZE")
PASHINYAN = Actor("Nikol Pashinyan", kind="person", country="ARM")
AZE = Actor("Azerbaijan", kind="country", country="AZE")
ARM = Actor("Armenia", kind="country", country="ARM")

BODY_A = ("Aliyev met Pashinyan in St. Petersburg on Tuesday. The two states swapped prisoners. "
          "The draft treaty includes a bilateral commission.")
BODY_B = "Officials said the two states swapped prisoners last week. Talks went on in March 2025."


def docs() -> list[Document]:
    return [
        Document(id="a", source="a.txt", content_hash="a", body=BODY_A, published="2023-12-27",
                 outlet="Outlet A", sentences=split_sentences(BODY_A)),
        Document(id="b", source="b.txt", content_hash="b", body=BODY_B, published="2023-12-20",
                 outlet="Outlet B", sentences=split_sentences(BODY_B)),
    ]


def source(doc: Document, index: int) -> EventSource:
    sent = doc.sentences[index]
    return EventSource(doc.id, sent.text, sent.start, sent.end, outlet=doc.outlet)


def events() -> list[TimelineEvent]:
    a, b = docs()
    return [
        TimelineEvent("e-meet", "CONSULT", "meeting",
                      EventDate("2023-12-26", None, "day", "Tuesday", "relative"),
                      [EventActor(ALIYEV, "source"), EventActor(PASHINYAN, "target")],
                      location=Place("St. Petersburg", "RUS"), sources=[source(a, 0)]),
        TimelineEvent("e-swap", "COOPERATE", "swap",
                      EventDate("2023-12-13", None, "day", "December 13", "explicit"),
                      [EventActor(AZE, "source"), EventActor(ARM, "source")],
                      quantities=[Quantity(32, "Armenian servicemen", "32 Armenian servicemen")],
                      sources=[source(a, 1), source(b, 0)], corroboration=2,
                      disagreements=[Disagreement("date", [{"value": "2023-12-13", "sources": ["a"]},
                                                           {"value": "2023-12-14", "sources": ["b"]}])]),
        TimelineEvent("e-talks", "CONSULT", "talks",
                      EventDate("2025-03", None, "month", "March 2025", "explicit"),
                      [EventActor(AZE, "other")], sources=[source(b, 1)]),
        TimelineEvent("e-undated", "ASSAULT", "attack", EventDate(None, None, "unknown", None, "unresolved"),
                      [EventActor(AZE, "source")], sources=[source(b, 1)]),
        TimelineEvent("e-year", "AGREE", "deal", EventDate("2023", None, "year", "2023", "explicit"),
                      [EventActor(ARM, "source")], sources=[source(b, 1)]),
    ]


def test_event_sentence_is_built_from_fields_not_copied() -> None:
    meet = events()[0]
    text = event_sentence(meet)
    assert text == ("On 26 December 2023, Ilham Aliyev (Azerbaijan) met Nikol Pashinyan (Armenia) "
                    "in St. Petersburg.")
    assert text not in BODY_A
    swap = event_sentence(events()[1])
    assert swap == ("On 13 December 2023, Azerbaijan and Armenia took cooperative steps, "
                    "involving 32 Armenian servicemen.")


@pytest.mark.parametrize(("date", "phrase"), [
    (EventDate("2023-12", None, "month", None, "explicit"), "In December 2023"),
    (EventDate("2023-12-27", None, "day", None, "publication"), "By 27 December 2023"),
    (EventDate("2020", None, "year", None, "explicit"), "In 2020"),
    (EventDate("1990", None, "decade", None, "explicit"), "In the 1990s"),
    (EventDate(None, None, "unknown", None, "unresolved"), "At an unknown date"),
])
def test_date_phrase_keeps_precision(date: EventDate, phrase: str) -> None:
    assert date_phrase(date) == phrase


def test_bounded_period_orders_events_and_drops_undated_and_out_of_range() -> None:
    brief = build_brief(docs(), events(), [], since="2023-12-01", until="2023-12-31", actor=None)
    assert [i.ref for i in brief.events] == ["e-swap", "e-meet"]
    swap = brief.events[0]
    assert [c.label() for c in swap.citations] == ["[Outlet A, 2023-12-27]", "[Outlet B, 2023-12-20]"]
    assert swap.corroboration == 2
    assert len(brief.disagreements) == 1
    expected = "2023-12-13 [Outlet A, 2023-12-27] vs 2023-12-14 [Outlet B, 2023-12-20]"
    assert expected in brief.disagreements[0].text


def test_unbounded_brief_keeps_undated_last() -> None:
    refs = [i.ref for i in build_brief(docs(), events(), []).events]
    assert refs[-1] == "e-undated" and set(refs) == {e.id for e in events()}


def test_actor_filter_matches_name_code_or_country() -> None:
    period = {"since": "2023-12-01", "until": "2023-12-31"}
    def refs(actor: str) -> list[str]:
        return [i.ref for i in build_brief(docs(), events(), [], actor=actor, **period).events]

    assert refs("nikol pashinyan") == ["e-meet"]
    assert refs("ARM") == ["e-swap", "e-meet"]
    assert refs("Armenia") == ["e-swap", "e-meet"]
    assert refs("Iran") == []


def test_bad_period_is_refused() -> None:
    with pytest.raises(ValueError):
        build_brief(docs(), events(), [], since="December 2023")
    with pytest.raises(ValueError):
        build_brief(docs(), events(), [], since="2024-01-01", until="2023-01-01")


def test_agreement_changes_in_period_and_renderers() -> None:
    d = docs()
    provisions = provision_history(d, Settings())
    brief = build_brief(d, events(), provisions, since="2023-12-01", until="2023-12-31", actor=None)
    assert [i.ref for i in brief.agreement] == ["implementation_bodies"]
    assert brief.agreement[0].text.startswith(
        "On 27 December 2023, Implementation bodies in the peace treaty: in draft")
    md = brief_markdown(brief)
    assert md.startswith("# Briefing: 1 December 2023 – 31 December 2023")
    assert "## Events" in md and "## Agreement changes" in md and "## Disagreements between sources" in md
    assert ("- On 26 December 2023, Ilham Aliyev (Azerbaijan) met Nikol Pashinyan (Armenia) "
            "in St. Petersburg. [Outlet A, 2023-12-27]") in md
    assert "(2 outlets)" in md
    data = brief_json(brief)
    json.dumps(data)
    assert [e["ref"] for e in data["events"]] == ["e-swap", "e-meet"]
    assert data["events"][1]["citations"][0]["sentence"] == d[0].sentences[0].text
    empty = brief_markdown(build_brief(d, [], [], since="2030-01-01", until="2030-12-31", actor=None))
    assert empty.count("- None in this period.") == 3
