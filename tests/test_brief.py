"""chronicle.report.brief: period and actor filters, own-words event lines, citations."""

from __future__ import annotations

import json

import pytest

from chronicle.agree import document_statuses, provision_history, split_sentences
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
        TimelineEvent("e-meet", "CONSULT", "Ilham Aliyev meets Nikol Pashinyan in St. Petersburg",
                      EventDate("2023-12-26", None, "day", "Tuesday", "relative"),
                      [EventActor(ALIYEV, "source"), EventActor(PASHINYAN, "target")],
                      location=Place("St. Petersburg", "RUS"), sources=[source(a, 0)]),
        TimelineEvent("e-swap", "RETREAT", "Azerbaijan and Armenia exchange prisoners",
                      EventDate("2023-12-13", None, "day", "December 13", "explicit"),
                      [EventActor(AZE, "source"), EventActor(ARM, "source")],
                      quantities=[Quantity(32, "Armenian servicemen", "32 Armenian servicemen")],
                      sources=[source(a, 1), source(b, 0)], corroboration=2,
                      disagreements=[Disagreement("date", [{"value": "2023-12-13", "sources": ["a"]},
                                                           {"value": "2023-12-14", "sources": ["b"]}])]),
        TimelineEvent("e-talks", "CONSULT", "Negotiations with Azerbaijan",
                      EventDate("2025-03", None, "month", "March 2025", "explicit"),
                      [EventActor(AZE, "other")], sources=[source(b, 1)]),
        TimelineEvent("e-undated", "ASSAULT", "Azerbaijan attacks",
                      EventDate(None, None, "unknown", None, "unresolved"),
                      [EventActor(AZE, "source")], sources=[source(b, 1)]),
        TimelineEvent("e-year", "AGREE", "Armenia agrees", EventDate("2023", None, "year", "2023", "explicit"),
                      [EventActor(ARM, "source")], sources=[source(b, 1)]),
    ]


def test_event_sentence_is_built_from_fields_not_copied() -> None:
    meet = events()[0]
    text = event_sentence(meet)
    assert text == ("On 26 December 2023, Ilham Aliyev (Azerbaijan) met Nikol Pashinyan (Armenia) "
                    "in St. Petersburg.")
    assert text not in BODY_A
    swap = event_sentence(events()[1])
    # the quantity is not in the headline, so the sentence adds it
    assert swap == ("On 13 December 2023, Azerbaijan and Armenia exchanged prisoners, "
                    "involving 32 Armenian servicemen.")


def _event(summary: str, etype: str = "OTHER", actors: list[EventActor] | None = None,
           **fields: object) -> TimelineEvent:
    date = EventDate("2024-05-02", None, "day", "May 2", "explicit")
    return TimelineEvent("e", etype, summary, date, actors or [], **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("summary", "etype", "actors", "expected"), [
    # singular subject: third person back to its lemma, then past (irregular and regular)
    ("Armenia returns four border villages to Azerbaijan", "RETREAT",
     [EventActor(ARM, "source"), EventActor(AZE, "target")],
     "Armenia returned four border villages to Azerbaijan"),
    ("Ilham Aliyev meets Nikol Pashinyan", "CONSULT",
     [EventActor(ALIYEV, "source"), EventActor(PASHINYAN, "target")],
     "Ilham Aliyev (Azerbaijan) met Nikol Pashinyan (Armenia)"),
    ("Azerbaijan denies a claim", "REJECT", [EventActor(AZE, "source")], "Azerbaijan denied a claim"),
    # plural subject: the headline has the lemma
    ("Azerbaijan and Armenia exchange prisoners of war", "RETREAT",
     [EventActor(AZE, "source"), EventActor(ARM, "source")],
     "Azerbaijan and Armenia exchanged prisoners of war"),
    # promise, negation
    ("Armenia will withdraw its bid", "CONCEDE", [EventActor(ARM, "source")], "Armenia pledged to withdraw its bid"),
    ("Armenia does not recognise its sovereignty", "REJECT", [EventActor(ARM, "source")],
     "Armenia did not recognise its sovereignty"),
    # nominal headlines: a verb for the event noun, or "there was"
    ("Joint statement by Armenia and Azerbaijan", "CONSULT",
     [EventActor(ARM, "source"), EventActor(AZE, "source")], "Armenia and Azerbaijan issued a joint statement"),
    ("Military offensive by Azerbaijan", "ASSAULT", [EventActor(AZE, "source")],
     "Azerbaijan launched a military offensive"),
    ("Peace talks between Azerbaijan and Armenia", "CONSULT",
     [EventActor(AZE, "source"), EventActor(ARM, "source")], "Azerbaijan and Armenia held peace talks"),
    ("Takeover by Azerbaijan", "COERCE", [EventActor(AZE, "source")], "Azerbaijan carried out a takeover"),
    ("Negotiations with Azerbaijan", "CONSULT", [EventActor(AZE, "other")], "there were negotiations with Azerbaijan"),
    # passive headlines (nobody named): a copula that agrees with the subject
    ("Seven drafts exchanged", "CONSULT", [], "seven drafts were exchanged"),
    ("Agreement reached", "AGREE", [], "an agreement was reached"),
    ("Fighting resumes", "ASSAULT", [], "fighting resumed"),
    # a headline already in the past stays so: never "defendeded"
    ("Mariupol defended", "SUPPORT", [EventActor(Actor("Mariupol", None, "UKR"), "target")],
     "Mariupol was defended"),
])
def test_headline_becomes_past_sentence(summary: str, etype: str, actors: list[EventActor], expected: str) -> None:
    assert event_sentence(_event(summary, etype, actors)) == f"On 2 May 2024, {expected}."


def test_place_and_quantities_are_added_once() -> None:
    ev = _event("Azerbaijan releases 32 Armenian servicemen", "RETREAT", [EventActor(AZE, "source")],
                location=Place("Baku", "AZE"),
                quantities=[Quantity(32, "Armenian servicemen", "32 Armenian servicemen"),
                            Quantity(32, "Armenian personnel", "32 Armenian personnel"),
                            Quantity(2, "civilians", "two civilians")])
    assert event_sentence(ev) == ("On 2 May 2024, Azerbaijan released 32 Armenian servicemen in Baku, "
                                  "involving 2 civilians.")
    said = _event("Fighting resumes in Tigray", "ASSAULT", location=Place("Tigray"))
    assert event_sentence(said) == "On 2 May 2024, fighting resumed in Tigray."


def test_summary_without_a_headline_shape_falls_back_to_the_type() -> None:
    ev = _event("", "SANCTION", [EventActor(AZE, "source"), EventActor(ARM, "target")])
    assert event_sentence(ev) == "On 2 May 2024, Azerbaijan imposed sanctions on Armenia."
    nobody = _event("", "ASSAULT", sources=[EventSource("d", "x", 0, 1, wording="shelling")])
    assert event_sentence(nobody) == "On 2 May 2024, there were reports of an attack (described as “shelling”)."


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
    # "2023" covers December 2023 too (chronicle.query: partial dates overlap), and sorts by its first day
    assert [i.ref for i in brief.events] == ["e-year", "e-swap", "e-meet"]
    assert [i.ref for i in build_brief(docs(), events(), [], since="2024-01", until="2024-12").events] == []
    swap = brief.events[1]
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
    assert refs("ARM") == ["e-year", "e-swap", "e-meet"]
    assert refs("Armenia") == ["e-year", "e-swap", "e-meet"]
    assert refs("Iran") == []


def test_bad_period_is_refused() -> None:
    with pytest.raises(ValueError):
        build_brief(docs(), events(), [], since="December 2023")
    with pytest.raises(ValueError):
        build_brief(docs(), events(), [], since="2024-01-01", until="2023-01-01")


def test_agreement_changes_in_period_and_renderers() -> None:
    d = docs()
    for doc in d:
        doc.provision_statuses = document_statuses(doc)  # what the "agree" stage assigns
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
    assert [e["ref"] for e in data["events"]] == ["e-year", "e-swap", "e-meet"]
    assert data["events"][2]["citations"][0]["sentence"] == d[0].sentences[0].text
    empty = brief_markdown(build_brief(d, [], [], since="2030-01-01", until="2030-12-31", actor=None))
    assert empty.count("- None in this period.") == 3
