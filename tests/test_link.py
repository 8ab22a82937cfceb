"""chronicle.link on small hand-made documents and events (seed acceptance: test_link_seeds)."""

from __future__ import annotations

import json

import pytest

from chronicle.link import LinkState, dates_compatible, link, quantities_agree
from chronicle.link.dedup import MinHasher, shingle_hash, similar_pairs
from chronicle.link.merge import evidence, merged_date
from chronicle.records import (
    Actor,
    Document,
    Event,
    EventActor,
    EventDate,
    Place,
    Quantity,
    Sentence,
    TimelineEvent,
)
from chronicle.settings import Settings

SETTINGS = Settings()

QUAKE_A1 = (
    "A magnitude 7.8 earthquake struck southern Turkey near Gaziantep early on Monday, "
    "toppling apartment blocks in Kahramanmaras and Hatay. Rescuers in Gaziantep searched the "
    "rubble through the night as aftershocks shook the region. Officials in Ankara said "
    "hundreds of buildings collapsed in Malatya, Adana and Diyarbakir."
)
QUAKE_A2 = (
    "Rescue teams dug through collapsed buildings in Hatay and Kahramanmaras on Monday after a "
    "7.8 magnitude quake centred near Gaziantep in southern Turkey. The disaster agency AFAD in "
    "Ankara reported damage in Malatya, Adana and Diyarbakir as strong aftershocks continued."
)
QUAKE_B = (
    "A magnitude 6.8 earthquake hit Morocco's High Atlas mountains late on Friday, with the "
    "epicentre near Ighil in Al Haouz province. Villages around Amizmiz and Talat N'Yacoub were "
    "flattened and residents of Marrakech spent the night in the streets."
)
FILLER = (
    "Negotiators from both delegations met in Geneva on Tuesday to review the draft text of "
    "the water-sharing accord, which covers the upper basin, the reservoir schedule, the "
    "monitoring stations along the river and a joint commission that would meet every quarter "
    "to settle complaints about releases during the dry season."
)


def doc(
    doc_id: str, body: str, *, published: str | None = None, outlet: str | None = None,
    events: list[Event] | None = None, title: str | None = None,
) -> Document:
    return Document(
        id=doc_id, source=f"{doc_id}.txt", content_hash=doc_id, body=body, published=published,
        outlet=outlet, title=title, language="en", events=events or [],
    )


def actor(name: str, country: str | None = None, kind: str = "country") -> EventActor:
    return EventActor(actor=Actor(name=name, country=country, kind=kind), role="source")  # type: ignore[arg-type]


def event(
    doc_id: str, text: str, *, etype: str = "ASSAULT", start: int = 0, actors: list[EventActor] | None = None,
    date: EventDate | None = None, quantities: list[Quantity] | None = None, wording: str | None = None,
    location: Place | None = None, trigger: str = "offensive",
) -> Event:
    return Event(
        id=f"{doc_id}:{start}", doc_id=doc_id, type=etype, summary=text[:60],
        sentence=Sentence(index=0, start=start, end=start + len(text), text=text), trigger=trigger,
        wording=wording, actors=actors or [], date=date or EventDate(), quantities=quantities or [],
        location=location,
    )


def month(value: str) -> EventDate:
    return EventDate(start=value, precision="month", text=value, basis="explicit")


def day(value: str) -> EventDate:
    return EventDate(start=value, precision="day", text=value, basis="explicit")


# --------------------------------------------------------------------------- reprints


def test_minhash_matches_datasketch() -> None:
    from datasketch import MinHash

    from chronicle.link.features import shingles

    hasher = MinHasher()
    for text in (QUAKE_A1, "Too short"):
        expected = MinHash(
            num_perm=hasher.num_perm, seed=hasher.seed, scheme="affine32", hashfunc=shingle_hash
        )
        for s in shingles(text, hasher.shingle_size):
            expected.update(s)
        assert hasher.signatures([text])[0].tolist() == expected.hashvalues.tolist()


def test_reprint_with_small_edits_is_a_duplicate_of_the_earliest() -> None:
    article = " ".join((QUAKE_A1, FILLER, QUAKE_B, QUAKE_A2))
    edited = article.replace("searched", "combed")
    docs = [
        doc("late", edited + " (Reprinted with permission.)", published="2023-02-07", outlet="b.com"),
        doc("orig", article, published="2023-02-06", outlet="a.com"),
        doc("other", QUAKE_A2, published="2023-02-06", outlet="c.com"),
        doc("filler", FILLER, published="2023-02-06"),
    ]
    result = link(docs, SETTINGS)
    by_id = {d.id: d for d in result.documents}
    assert by_id["late"].duplicate_of == "orig"
    assert by_id["orig"].duplicate_of is None
    # Same event retold in other words is a story-mate, not a reprint.
    assert by_id["other"].duplicate_of is None
    assert by_id["late"].story == by_id["orig"].story


def test_similar_pairs_ignores_empty_texts_and_respects_new_from() -> None:
    sigs = MinHasher().signatures([QUAKE_A1, QUAKE_A1, "", ""])
    assert similar_pairs(sigs, 0.8) == [(0, 1)]
    assert similar_pairs(sigs, 0.8, new_from=2) == []


# --------------------------------------------------------------------------- stories


def test_two_different_earthquakes_are_different_stories() -> None:
    docs = [
        doc("a1", QUAKE_A1, published="2023-02-06"),
        doc("a2", QUAKE_A2, published="2023-02-06"),
        doc("b", QUAKE_B, published="2023-09-09"),
        doc("f", FILLER, published="2023-02-07"),
    ]
    stories = {d.id: d.story for d in link(docs, SETTINGS).documents}
    assert stories["a1"] == stories["a2"] == "story:a1"
    assert len({stories["a1"], stories["b"], stories["f"]}) == 3


def test_same_topic_months_apart_is_not_the_same_story() -> None:
    # The same wording published a year apart: the date window keeps the stories apart.
    docs = [doc("old", QUAKE_A1, published="2022-02-06"), doc("new", QUAKE_A2, published="2023-02-06")]
    stories = {d.id: d.story for d in link(docs, SETTINGS).documents}
    assert stories["old"] != stories["new"]
    undated = {d.id: d.story for d in link([doc("old", QUAKE_A1), doc("new", QUAKE_A2)], SETTINGS).documents}
    assert undated["old"] == undated["new"]


# --------------------------------------------------------------------------- events


def test_dates_compatible_at_shared_precision() -> None:
    assert dates_compatible(month("2023-09"), day("2023-09-19")) is True
    assert dates_compatible(month("2020-09"), day("2023-09-19")) is False
    assert dates_compatible(EventDate(), day("2023-09-19")) is None


@pytest.mark.parametrize(("stated", "known", "expected"), [
    # a day the text states but nothing places in a year rules out a known date of another month
    ("August 3", "2023-06-09", False),
    ("on 3 Aug.", "2023-06-09", False),
    ("August 3", "2023-08-03", None),  # the same month: still unknown, not a match
    ("Friday", "2023-06-09", None),  # no month stated
])
def test_a_stated_month_without_a_year_limits_compatibility(stated: str, known: str, expected: bool | None) -> None:
    assert dates_compatible(EventDate(text=stated), day(known)) is expected
    assert dates_compatible(day(known), EventDate(text=stated)) is expected


def test_quantity_readings() -> None:
    over = Quantity(value=100000, what="people", text="over 100,000 people", approximate=True)
    more = Quantity(value=100000, what="residents", text="more than 100 thousand residents", approximate=True)
    assert quantities_agree(over, more)
    assert not quantities_agree(
        Quantity(value=32, what="servicemen", text="32 servicemen"),
        Quantity(value=23, what="servicemen", text="23 servicemen"),
    )
    assert quantities_agree(over, Quantity(value=120000, what="people", text="120,000 people"))


def _offensive_docs(second_quantity: Quantity) -> list[Document]:
    aze = actor("Azerbaijan", "AZE")
    s1 = "Azerbaijan launched a military offensive in Karabakh, displacing over 100,000 people."
    s2 = "On September 19, 2023 Azerbaijan began an anti-terrorism operation in Karabakh."
    q1 = Quantity(value=100000, what="people", text="over 100,000 people", approximate=True)
    return [
        doc("d1", s1 + " " + FILLER, outlet="one.com", events=[
            event("d1", s1, actors=[aze], date=month("2023-09"), quantities=[q1],
                  wording="military offensive"),
        ]),
        doc("d2", s2 + " " + QUAKE_B, outlet="two.com", events=[
            event("d2", s2, actors=[aze], date=day("2023-09-19"), quantities=[second_quantity],
                  wording="anti-terrorism operation", etype="COERCE", trigger="operation"),
        ]),
    ]


def test_reports_merge_with_best_date_wordings_and_no_false_disagreement() -> None:
    more = Quantity(value=100000, what="residents", text="more than 100 thousand residents", approximate=True)
    result = link(_offensive_docs(more), SETTINGS)
    assert len(result.events) == 1
    merged = result.events[0]
    assert merged.id == "ev:d1:0"
    assert {s.doc for s in merged.sources} == {"d1", "d2"}
    assert merged.corroboration == 2
    assert merged.date.start == "2023-09-19" and merged.date.precision == "day"
    assert [s.wording for s in merged.sources] == ["military offensive", "anti-terrorism operation"]
    assert merged.disagreements == []


def test_different_figures_are_listed_as_a_disagreement() -> None:
    docs = _offensive_docs(Quantity(value=10000, what="people", text="10,000 people"))
    merged = link(docs, SETTINGS).events[0]
    assert [d.field for d in merged.disagreements] == ["quantity"]
    values = {v["value"]: v["sources"] for v in merged.disagreements[0].values}
    assert values == {"over 100,000 people": ["d1"], "10,000 people": ["d2"]}


@pytest.mark.parametrize(
    ("first", "first_figure", "second", "second_figure", "disagree"),
    [
        # the same victims, named two ways, with two tolls: a disagreement
        ("Two people were killed in the missile strike.", (2, "people", "Two people"),
         "Three sailors were killed in the strike.", (3, "sailors", "Three sailors"), True),
        # the killed and the injured are not one figure told twice ...
        ("Three crew members were killed in the missile strike.", (3, "crew members", "Three crew members"),
         "Two other crew members were injured in it.", (2, "other crew members", "Two other crew members"), False),
        # ... nor are people and places
        ("The missile strikes killed at least 31 people.", (31, "people", "at least 31 people"),
         "The missile strikes hit nine locations.", (9, "locations", "nine locations"), False),
    ],
)
def test_a_disagreement_compares_figures_of_the_same_thing(
    first: str, first_figure: tuple[int, str, str], second: str, second_figure: tuple[int, str, str], disagree: bool
) -> None:
    def report(doc_id: str, text: str, figure: tuple[int, str, str]) -> Document:
        value, what, written = figure
        start = text.index(written)
        q = Quantity(value=value, what=what, text=written, start=start, end=start + len(written))
        ev = event(doc_id, text, actors=[actor("Houthis", "YEM", "group")], date=day("2024-03-06"), quantities=[q],
                   wording="missile strike")
        return doc(doc_id, text, outlet=doc_id, events=[ev])

    merged = link([report("a", first, first_figure), report("b", second, second_figure)], SETTINGS).events
    assert len(merged) == 1
    assert bool(merged[0].disagreements) is disagree


def test_thirty_two_versus_twenty_three() -> None:
    arm, aze = actor("Armenia", "ARM"), actor("Azerbaijan", "AZE")
    text1 = "Azerbaijan released 32 Armenian servicemen in a prisoner exchange with Armenia."
    text2 = "Azerbaijan freed 23 Armenian servicemen in the prisoner exchange with Armenia."
    docs = [
        doc("p1", text1, outlet="x", events=[event("p1", text1, etype="CONCEDE", actors=[aze, arm],
            quantities=[Quantity(value=32, what="Armenian servicemen", text="32 Armenian servicemen")],
            trigger="released", date=day("2023-12-13"))]),
        doc("p2", text2, outlet="y", events=[event("p2", text2, etype="CONCEDE", actors=[aze, arm],
            quantities=[Quantity(value=23, what="Armenian servicemen", text="23 Armenian servicemen")],
            trigger="freed", date=day("2023-12-13"))]),
    ]
    merged = link(docs, SETTINGS).events
    assert len(merged) == 1
    assert [d.field for d in merged[0].disagreements] == ["quantity"]


def test_different_years_never_merge_and_undated_needs_strong_evidence() -> None:
    aze = actor("Azerbaijan", "AZE")
    s1 = "Fighting resumed in Karabakh as Azerbaijan attacked."
    s2 = "Azerbaijan attacked positions in Karabakh."
    s3 = "Troops from Azerbaijan shelled a village."
    docs = [
        doc("y1", s1, events=[event("y1", s1, actors=[aze], date=month("2020-09"))]),
        doc("y2", s2, events=[event("y2", s2, actors=[aze], date=day("2023-09-19"))]),
        doc("y3", s3, events=[event("y3", s3, actors=[aze])]),
    ]
    result = link(docs, SETTINGS)
    assert len(result.events) == 3
    # Sorted by date, undated last.
    assert [e.id for e in result.events] == ["ev:y1:0", "ev:y2:0", "ev:y3:0"]


def test_corroboration_counts_reprints_and_same_outlet_once() -> None:
    aze = actor("Azerbaijan", "AZE")
    s = "Azerbaijan launched a military offensive in Karabakh on September 19, 2023."
    body = s + " " + QUAKE_A1

    def d(doc_id: str, outlet: str | None, text: str = body) -> Document:
        return doc(doc_id, text, outlet=outlet, published="2023-09-20",
                   events=[event(doc_id, s, actors=[aze], date=day("2023-09-19"))])

    docs = [d("r1", "one.com"), d("r2", "two.com", body + " Reprinted."),
            d("r3", "one.com", s + " " + FILLER), d("r4", "three.com", s + " " + QUAKE_B)]
    result = link(docs, SETTINGS)
    by_id = {x.id: x for x in result.documents}
    assert by_id["r2"].duplicate_of == "r1"
    [merged] = result.events
    assert len(merged.sources) == 4
    assert merged.corroboration == 2  # one.com (r1, its reprint r2, r3) and three.com


# --------------------------------------------------------------------------- incremental


def _corpus() -> list[Document]:
    return [
        doc("a1", QUAKE_A1, published="2023-02-06"),
        doc("b", QUAKE_B, published="2023-09-09"),
        *_offensive_docs(Quantity(value=100000, what="people", text="over 100,000 people", approximate=True)),
        doc("a2", QUAKE_A2, published="2023-02-07"),
        doc("f", FILLER, published="2023-02-07"),
    ]


def _summary(result_docs: list[Document]) -> dict[str, tuple[str | None, str | None]]:
    return {d.id: (d.story, d.duplicate_of) for d in result_docs}


def test_rerun_is_identical() -> None:
    first, second = link(_corpus(), SETTINGS), link(_corpus(), SETTINGS)
    assert [d.to_dict() for d in first.documents] == [d.to_dict() for d in second.documents]
    assert [e.to_dict() for e in first.events] == [e.to_dict() for e in second.events]
    assert first.state.to_dict() == second.state.to_dict()


def test_incremental_add_keeps_ids_and_state_round_trips() -> None:
    corpus = _corpus()
    full = link(corpus, SETTINGS)
    part = link(corpus[:3], SETTINGS)
    restored = LinkState.from_dict(json.loads(json.dumps(part.state.to_dict())))
    assert restored.to_dict() == part.state.to_dict()
    more = link(corpus[3:], SETTINGS, restored)
    before = _summary(part.documents)
    after = _summary(more.documents)
    assert _summary(full.documents) == {**before, **after}
    # Old ids are untouched; the new report joined the event founded by the first call.
    old_events = {e.id for e in part.events}
    assert old_events <= {e.id for e in more.events}
    assert {s.doc for e in more.events if e.id == "ev:d1:0" for s in e.sources} == {"d1", "d2"}
    # Linking a known document again changes nothing.
    again = link(corpus[:2], SETTINGS, more.state)
    assert _summary(again.documents) == {k: v for k, v in before.items() if k in ("a1", "b")}
    assert again.state.to_dict() == more.state.to_dict()


def test_link_does_not_mutate_its_inputs() -> None:
    corpus = _corpus()
    snapshot = [d.to_dict() for d in corpus]
    state = link(corpus[:2], SETTINGS).state
    state_snapshot = state.to_dict()
    link(corpus[2:], SETTINGS, state)
    assert [d.to_dict() for d in corpus] == snapshot
    assert state.to_dict() == state_snapshot


@pytest.mark.parametrize("bad", [0.0, 1.5])
def test_story_threshold_is_validated(bad: float) -> None:
    with pytest.raises(ValueError):
        Settings(story_threshold=bad)


# --------------------------------------------------------------------------- undated reports


ARM, AZE = actor("Armenia", "ARM"), actor("Azerbaijan", "AZE")


def _statement(doc_id: str, text: str, when: EventDate | None = None) -> Event:
    return event(doc_id, text, etype="CONSULT", actors=[ARM, AZE], date=when, wording="joint statement",
                 trigger="statement")


@pytest.mark.parametrize(("promised", "done", "one_act"), [
    # an intent to yield (PLOVER: AGREE) and the act it announces, told by the same verb
    (("AGREE", "release"), ("RETREAT", "released"), True),
    (("AGREE", "withdraw"), ("CONCEDE", "withdrawal"), True),
    # an agreement and the truce it starts are two acts
    (("AGREE", "agreed"), ("RETREAT", "took effect"), False),
])
def test_an_intent_and_its_act_are_one_event(
    promised: tuple[str, str], done: tuple[str, str], one_act: bool
) -> None:
    text = "Azerbaijan will release 32 Armenian servicemen, the two countries said."
    intent = event("p1", text, etype=promised[0], actors=[AZE], trigger=promised[1])
    intent.modality = "promised"
    act = event("p2", text, etype=done[0], actors=[AZE], trigger=done[1])
    assert (evidence(intent, act) > 0) is one_act
    assert (evidence(act, intent) > 0) is one_act


def test_undated_report_joins_a_dated_one_on_specific_evidence_only() -> None:
    dated = "Armenia and Azerbaijan issued a joint statement on December 13 after the exchange."
    undated = "In a joint statement released on Thursday night, the two countries saw a historic chance."
    later = "Armenia and Azerbaijan issued another joint statement in May on border delimitation."
    talks = "Armenia and Azerbaijan held talks on Thursday night about the historic chance."
    docs = [
        doc("s1", dated, outlet="one", events=[_statement("s1", dated, day("2023-12-13"))]),
        doc("s2", undated, outlet="two", events=[_statement("s2", undated)]),
        doc("s3", later, outlet="three", events=[_statement("s3", later, day("2024-05-02"))]),
        # Same parties and type but a generic name ("talks"): not specific enough without a date.
        doc("s4", talks, outlet="four", events=[
            event("s4", talks, etype="CONSULT", actors=[ARM, AZE], wording="talks", trigger="talks")]),
    ]
    merged = {e.id: sorted(s.doc for s in e.sources) for e in link(docs, SETTINGS).events}
    assert merged == {"ev:s1:0": ["s1", "s2"], "ev:s3:0": ["s3"], "ev:s4:0": ["s4"]}


@pytest.mark.parametrize(
    ("etype", "place_a", "place_b", "merged"),
    [
        ("ASSAULT", Place(name="Lebanon", country="LBN"), Place(name="Gaza Strip", country="PSE"), False),
        ("ASSAULT", Place(name="Tyre", country="LBN"), Place(name="Lebanon", country="LBN"), True),
        ("ASSAULT", Place(name="Lebanon", country="LBN"), None, True),  # an unplaced report may be the same
        # an agreement is told from where it was announced as well as where it was signed
        ("AGREE", Place(name="Bogota", country="COL"), Place(name="Havana", country="CUB"), True),
    ],
)
def test_acts_placed_in_different_countries_are_different_acts(
    etype: str, place_a: Place, place_b: Place | None, merged: bool
) -> None:
    israel = actor("Israel", "ISR")
    a = "Israel launched a military operation in the south on Monday, the army said."
    b = "Residents fled as Israel's military operation spread to more towns overnight."
    docs = [
        doc("a", a, outlet="one", events=[event("a", a, etype=etype, actors=[israel], date=day("2024-10-01"),
                                                 location=place_a, wording="military operation")]),
        doc("b", b, outlet="two", events=[event("b", b, etype=etype, actors=[israel], date=day("2024-10-01"),
                                                 location=place_b, wording="military operation")]),
    ]
    assert (len(link(docs, SETTINGS).events) == 1) is merged


def test_an_undated_lede_act_is_not_the_background_act_its_article_dates_long_before() -> None:
    import dataclasses

    lede = "China played a critical role in mediating the agreement in Kunming."
    background = "The truce follows an agreement mediated by China in early 2024."
    body = f"{lede} {background}"
    china = actor("China", "CHN")
    news = event("m", lede, etype="CONSULT", actors=[china], wording="mediating", trigger="mediating")
    earlier = event("m", background, etype="CONSULT", start=len(lede) + 1, actors=[china],
                    date=EventDate(start="2024", precision="year", text="early 2024", basis="explicit"),
                    wording="mediated", trigger="mediated")
    earlier = dataclasses.replace(earlier, sentence=dataclasses.replace(earlier.sentence, index=6))
    # In an article of January 2025 it is background; in one of January 2024, the news itself.
    for published, events in (("2025-01-20", 2), ("2024-01-20", 1)):
        docs = [doc("m", body, published=published, events=[news, earlier])]
        assert len(link(docs, SETTINGS).events) == events, published


@pytest.mark.parametrize(("recalled_in", "merged"), [
    ("2023-12-20", True),  # three months on: the same season's coverage recaps its act
    ("2025-03-13", False),  # a year and a half on: another story's background
])
def test_an_act_recalled_a_year_later_is_not_merged_into_its_original_report(recalled_in: str,
                                                                             merged: bool) -> None:
    news = "Azerbaijan launched a military offensive in Karabakh on Tuesday, the defence ministry said."
    recap = "Azerbaijan seized Karabakh in a lightning offensive in September 2023."
    azerbaijan = actor("Azerbaijan", "AZE")
    docs = [
        doc("n", news, outlet="one", published="2023-09-19",
            events=[event("n", news, actors=[azerbaijan], date=day("2023-09-19"))]),
        doc("r", recap, outlet="two", published=recalled_in,
            events=[event("r", recap, actors=[azerbaijan], date=month("2023-09"))]),
    ]
    assert (len(link(docs, SETTINGS).events) == 1) is merged


def test_an_undated_document_never_bridges_an_act_recalled_a_year_apart() -> None:
    # The same offensive recalled by an article of 2025, by an article with no publication date,
    # and by one of January 2024: the undated one matches both, but the two dated ones, a year
    # apart, each recall it for their own story, and never meet through it.
    lines = {
        "a": ("Beside two other armies, the alliance seized large areas in late October 2023.", None),
        "b": ("The rebel alliance took much of the north after its offensive of October 2023.", "2025-01-20"),
        "c": ("The alliance, three rebel armies, stepped up its attacks on the military in late October.",
              "2024-01-12"),
    }
    alliance = actor("Northern Alliance", "MMR", "group")
    docs = [
        doc(i, text, outlet=f"{i}.com", published=published,
            events=[event(i, text, actors=[alliance], date=month("2023-10"), wording="seized", trigger="seized")])
        for i, (text, published) in lines.items()
    ]
    groups = sorted(sorted(s.doc for s in e.sources) for e in link(docs, SETTINGS).events)
    assert groups == [["a", "b"], ["c"]]


def test_an_undated_member_never_bridges_two_known_dates() -> None:
    undated = "In a joint statement released on Thursday night, the two countries saw a historic chance."
    first = "Armenia and Azerbaijan issued a joint statement on December 13 after the exchange."
    # Near-identical to the undated member, but dated months after the group's date.
    copy = "In a joint statement released on Thursday night, the two countries saw a historic chance again."
    docs = [
        doc("u1", first, outlet="one", events=[_statement("u1", first, day("2023-12-13"))]),
        doc("u2", undated, outlet="two", events=[_statement("u2", undated)]),
        doc("u3", copy, outlet="three", events=[_statement("u3", copy, day("2024-05-02"))]),
    ]
    merged = {e.id: sorted(s.doc for s in e.sources) for e in link(docs, SETTINGS).events}
    assert merged == {"ev:u1:0": ["u1", "u2"], "ev:u3:0": ["u3"]}


def test_the_same_specific_figure_merges_undated_releases() -> None:
    t1 = "Baku is releasing 32 Armenian military servicemen as a gesture of goodwill."
    t2 = "As a humanitarian gesture, Azerbaijan will release 32 Armenian military personnel."
    q1 = Quantity(value=32, what="Armenian military servicemen", text="32 Armenian military servicemen")
    q2 = Quantity(value=32, what="Armenian military personnel", text="32 Armenian military personnel")
    docs = [
        doc("r1", t1, outlet="one", events=[event("r1", t1, etype="RETREAT", actors=[AZE], quantities=[q1],
                                                  wording="releasing", trigger="releasing")]),
        doc("r2", t2, outlet="two", events=[event("r2", t2, etype="CONCEDE", actors=[AZE, ARM], quantities=[q2],
                                                  wording="release", trigger="release")]),
    ]
    [merged] = link(docs, SETTINGS).events
    assert {s.doc for s in merged.sources} == {"r1", "r2"} and merged.disagreements == []


# --------------------------------------------------------------------------- news vs background


def _with_sentences(doc_id: str, sentences: list[str], **kwargs: object) -> Document:
    body = ""
    spans: list[Sentence] = []
    for text in sentences:
        start = len(body)
        body += text + " "
        spans.append(Sentence(index=len(spans), start=start, end=start + len(text), text=text))
    result = doc(doc_id, body, **kwargs)  # type: ignore[arg-type]
    result.sentences = spans
    return result


def test_background_sentences_and_news_events() -> None:
    from chronicle.link.features import background_sentences, news_events
    from chronicle.records import TimeExpr

    lines = ["The two sides wrapped up talks on Thursday.", "Officials welcomed the text.",
             "Negotiators will meet again.", "In September 2023 an offensive took the region."]
    published = _with_sentences("p", lines, published="2025-03-13")
    published.timexes = [TimeExpr(start=published.sentences[3].start + 3, end=published.sentences[3].start + 17,
                                  text="September 2023", type="DATE", value="2023-09")]
    news = event("p", lines[0], etype="CONSULT", date=day("2025-03-13"))
    old = event("p", lines[3], start=published.sentences[3].start, date=month("2023-09"))
    old.sentence = published.sentences[3]
    published.events = [news, old]
    assert background_sentences(published, background_days=10) == {3}
    assert news_events(published, background_days=10) == [news]
    # No publication date: an explicit year outside the lede still marks background.
    undated = _with_sentences("u", lines)
    undated.timexes = published.timexes
    undated.events = [news, old]
    assert background_sentences(undated, background_days=10) == {3}
    assert news_events(undated, background_days=10) == [news]


# --------------------------------------------------------------------------- scale


def test_blocking_finds_what_scoring_every_group_finds() -> None:
    import random

    from chronicle.link.merge import assign_reports

    rng = random.Random(3)
    types = ["ASSAULT", "COERCE", "CONSULT", "AGREE", "RETREAT", "CONCEDE"]
    actors = [actor(f"Actor{i}", f"C{i % 4}") for i in range(8)]
    words = [f"w{i}" for i in range(40)]
    reports: list[Event] = []
    for i in range(400):
        if reports and rng.random() < 0.4:
            src = rng.choice(reports)
            text = " ".join(w for w in src.sentence.text.split() if rng.random() < 0.6) + " extra words"
            etype, who, wording, when = src.type, src.actors, src.wording, src.date
            if rng.random() < 0.3:
                when = EventDate()
        else:
            text = " ".join(rng.choice(words) for _ in range(12))
            etype, who = rng.choice(types), rng.sample(actors, rng.randint(0, 2))
            wording = " ".join(rng.sample(words[:10], rng.randint(1, 2)))
            roll, when = rng.random(), EventDate()
            if roll < 0.5:
                when = day(f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            elif roll < 0.65:
                when = month(f"2023-{rng.randint(1, 12):02d}")
            elif roll < 0.75:
                when = EventDate(start="2023", precision="year", basis="explicit")
        reports.append(event(f"x{i}", text, start=i, etype=etype, actors=list(who), wording=wording, date=when,
                             trigger=(wording or "x").split()[-1]))

    def partition(blocking: bool) -> list[list[str]]:
        return [[r.id for r in g.reports] for g in assign_reports([], reports, threshold=0.6, blocking=blocking)]

    blocked = partition(True)
    assert blocked == partition(False)
    assert len(blocked) < len(reports) - 50  # the check is not vacuous: many reports merged


def test_version_1_state_is_migrated() -> None:
    from chronicle.link.features import idf

    state = link(_corpus(), SETTINGS).state
    old = state.to_dict()
    old["version"] = 1
    for story in old["stories"]:  # version 1 kept the idf inside the centroids
        story["centroid"] = {t: w * idf(old["df"].get(t, 0), old["n_docs"]) for t, w in story["centroid"].items()}
    migrated = LinkState.from_dict(old)
    for a, b in zip(migrated.stories, state.stories, strict=True):
        assert a.centroid.keys() == b.centroid.keys()
        assert all(abs(a.centroid[t] - b.centroid[t]) < 1e-9 for t in a.centroid)


def test_a_state_and_its_ministry_are_not_a_disagreement_but_two_states_are() -> None:
    def merged_with(second: EventActor) -> TimelineEvent:
        text1 = "Azerbaijan launched a military offensive in Karabakh on September 19, 2023."
        text2 = "On September 19, 2023 the ministry launched a military offensive in Karabakh."
        docs = [
            doc("a1", text1, outlet="x", events=[event("a1", text1, actors=[actor("Azerbaijan", "AZE")],
                                                       date=day("2023-09-19"), wording="military offensive")]),
            doc("a2", text2, outlet="y", events=[event("a2", text2, actors=[second],
                                                       date=day("2023-09-19"), wording="military offensive")]),
        ]
        events = link(docs, SETTINGS).events
        assert len(events) == 1
        return events[0]

    ministry = actor("Azerbaijan Ministry of Defence", "AZE", kind="military")
    assert merged_with(ministry).disagreements == []
    other = merged_with(actor("Armenia", "ARM"))
    assert [d.field for d in other.disagreements] == ["actor"]


# --------------------------------------------------------------------------- news years


def test_news_year_is_the_news_date_else_the_latest_year_stated_outright() -> None:
    from chronicle.link.features import news_year, years_apart
    from chronicle.temporal import tag

    body = ("Pirates were driven off in the gulf on November 12, 2011, the navy said. Attacks had "
            "peaked in 2009. Last year the patrols were doubled, as in the 1990s.")
    undated = doc("u", body)
    undated.timexes = tag(body, None, settings=SETTINGS)
    assert news_year(undated, background_days=10) == 2011  # not 2009 (background), not "last year"
    dated = doc("d", body, published="2013-01-04")
    dated.timexes = tag(body, "2013-01-04", settings=SETTINGS)
    assert news_year(dated, background_days=10) == 2013  # "last year" resolves to 2012, but the date wins
    vague = doc("v", "Last year the patrols were doubled, as in the 1990s.")
    vague.timexes = tag(vague.body, None, settings=SETTINGS)
    assert news_year(vague, background_days=10) is None
    assert years_apart(10) == 2 and years_apart(400) == 3


def test_a_year_conflict_splits_a_marginal_pair_also_against_a_stored_story() -> None:
    import functools
    import math

    from chronicle.link.stories import YEAR_CONFLICT, StoryInput, cluster

    cos = SETTINGS.story_threshold + YEAR_CONFLICT / 2  # similar, but not beyond doubt
    first = {"pirates": 1.0}
    second = {"pirates": cos, "gulf": math.sqrt(1 - cos * cos)}

    def groups(year_a: int | None, year_b: int | None, *, stored: bool) -> int:
        a, b = StoryInput("a", first, year=year_a), StoryInput("b", second, year=year_b)
        run = functools.partial(cluster, threshold=SETTINGS.story_threshold, window_days=10, idf=lambda term: 1.0)
        return len(run(run([], [a]), [b]) if stored else run([], [a, b]))

    for stored in (False, True):
        assert groups(2008, 2013, stored=stored) == 2
        assert groups(2008, 2009, stored=stored) == 1  # December and January can be one story
        assert groups(2008, None, stored=stored) == 1  # an unknown year conflicts with nothing
        assert groups(2011, 2011, stored=stored) == 1


@pytest.mark.parametrize(
    ("second", "people", "stories_expected"),
    [
        ("williams", {"williams"}, 2),  # another player's arrest, who never names the first
        ("williams", {"williams", "jackson"}, 1),  # names the first story's player: a follow-up
        ("jackson", {"jackson"}, 1),  # the same player
        (None, frozenset(), 1),  # no person in its news: nothing to conflict with
    ],
)
def test_news_about_another_person_splits_a_marginal_pair_also_against_a_stored_story(
    second: str | None, people: set[str], stories_expected: int
) -> None:
    import functools
    import math

    from chronicle.link.stories import PERSON_CONFLICT, StoryInput, cluster

    cos = SETTINGS.story_threshold + PERSON_CONFLICT / 2  # similar, but not beyond doubt
    a = StoryInput("a", {"arrested": 1.0}, protagonist="jackson", people=frozenset({"jackson"}))
    b = StoryInput("b", {"arrested": cos, "tackle": math.sqrt(1 - cos * cos)}, protagonist=second,
                   people=frozenset(people))
    run = functools.partial(cluster, threshold=SETTINGS.story_threshold, window_days=10, idf=lambda term: 1.0)
    assert len(run([], [a, b])) == stories_expected
    assert len(run(run([], [a]), [b])) == stories_expected  # the stored story keeps its people


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Chargers defensive tackle Jamal Williams was arrested on suspicion of drunken driving on Sunday.",
         "williams"),  # the person the act befalls, when no person acts
        ("Defense Minister Rustem Umerov met Secretary of State Marco Rubio in Geneva on Sunday.",
         "umerov"),  # the one who acts comes first
        ("Russia launched missile strikes on Kharkiv on Monday.", None),  # no person in the news
    ],
)
def test_protagonist_is_the_person_of_the_main_report(body: str, expected: str | None) -> None:
    import chronicle.events
    import chronicle.nlp
    import chronicle.temporal  # noqa: F401
    from chronicle.link.features import protagonist
    from chronicle.pipeline import run_stages

    (analysed,) = run_stages([doc("p", body)], ["temporal", "nlp", "events"], SETTINGS)
    main, named = protagonist(analysed)
    assert main == expected
    assert (main in named) if main else not named


@pytest.mark.parametrize(
    ("follow_up_days", "stories_expected"),
    [
        (("2005-06-24",), 1),  # the verdict names the day of the shooting: it continues that story
        (("2005-06-20", "2005-06-27"), 1),  # any stated day within the window (a week before too)
        ((), 2),  # names no day: published two years later, it cannot join
        (("2004-11-02",), 2),  # names only a day far from the story's window
    ],
)
def test_a_follow_up_naming_the_incidents_day_joins_its_story_however_late(
    follow_up_days: tuple[str, ...], stories_expected: int
) -> None:
    import functools

    from chronicle.link.stories import StoryInput, cluster

    run = functools.partial(cluster, threshold=SETTINGS.story_threshold, window_days=10, idf=lambda term: 1.0)
    incident = [StoryInput("a", {"deputy": 1.0}, published="2005-06-24"),
                StoryInput("b", {"deputy": 1.0}, published="2005-06-26")]
    verdict = StoryInput("c", {"deputy": 1.0}, published="2007-03-20", days=follow_up_days)
    late_report = StoryInput("d", {"deputy": 1.0}, published="2005-06-30")
    for stories in (run([], [*incident, verdict, late_report]), run(run([], incident), [verdict, late_report])):
        assert len(stories) == stories_expected
        # The follow-up does not stretch the story's window: a report of the incident's week still joins it.
        story_of = {doc_id: s.id for s in stories for doc_id in s.doc_ids}
        assert story_of["a"] == story_of["d"]
        assert (stories[0].first, stories[0].last) == ("2005-06-24", "2005-06-30")


@pytest.mark.parametrize(
    ("status", "title", "joins"),
    [
        ("empty", "Magnitude 7.8 earthquake in southern Turkey near Gaziantep topples blocks in Hatay", True),
        ("empty", None, False),  # nothing to compare: a story of its own
        ("non_english", "Magnitude 7.8 earthquake in southern Turkey near Gaziantep", False),
    ],
)
def test_a_headline_too_short_to_analyse_joins_the_story_it_names(status: str, title: str | None, joins: bool) -> None:
    import dataclasses

    brief = dataclasses.replace(doc("brief", "", title=title, published="2023-02-06"), status=status)
    docs = [doc("a1", QUAKE_A1, published="2023-02-06"), doc("a2", QUAKE_A2, published="2023-02-06"), brief]
    stories = {d.id: d.story for d in link(docs, SETTINGS).documents}
    assert (stories["brief"] == stories["a1"]) is joins


def test_stated_days_are_full_dates_written_out_not_resolved_ones() -> None:
    import dataclasses

    from chronicle.link.features import stated_days
    from chronicle.temporal import tag

    text = "On June 24, 2005 a deputy was shot. On Friday the jury met. In March 2007 it ruled."
    tagged = dataclasses.replace(doc("x", text, published="2007-03-20"),
                                 timexes=tag(text, "2007-03-20", settings=SETTINGS))
    assert stated_days(tagged) == ("2005-06-24",)


def test_a_gathering_named_again_is_one_act_whoever_each_line_names() -> None:
    # One document: the meeting of the two leaders, then its host and an ambassador attending
    # "the meeting". Another gathering it names by another noun stays apart.
    lines = [
        "The two prime ministers held a special meeting in Putrajaya on Monday.",
        "Malaysia hosted the meeting, which lasted about two hours.",
        "China's ambassador attended the meeting and delivered a speech.",
        "The dialogue between the two countries will be discussed at the EU summit.",
    ]
    body = " ".join(lines)
    starts = [body.index(line) for line in lines]
    date = day("2025-07-28")
    reports = [
        event("d", lines[0], etype="CONSULT", start=starts[0], wording="special meeting", trigger="meeting",
              actors=[actor("Thailand", "THA"), actor("Cambodia", "KHM")], date=date),
        event("d", lines[1], etype="CONSULT", start=starts[1], wording="meeting", trigger="meeting",
              actors=[actor("Malaysia", "MYS")]),
        event("d", lines[2], etype="CONSULT", start=starts[2], wording="meeting", trigger="meeting",
              actors=[actor("China", "CHN")]),
        event("d", lines[3], etype="CONSULT", start=starts[3], wording="dialogue", trigger="dialogue",
              actors=[EventActor(actor=Actor(name="EU", kind="organization", sector="IGO"), role="source")]),
    ]
    for r in reports:  # the trigger's offsets in the body, as the events stage gives them
        r.trigger_start = body.index(r.trigger, r.sentence.start)
        r.trigger_end = r.trigger_start + len(r.trigger)
    result = link([doc("d", body, published="2025-07-28", events=reports)], SETTINGS)
    assert sorted(len(e.sources) for e in result.events) == [1, 3]


def test_two_actorless_death_tolls_in_different_wars_stay_apart() -> None:
    drc = "The agreement aims to end a conflict that has killed thousands of people in the east this year."
    sudan = "The war between the two forces has killed tens of thousands of people since it began."
    year = EventDate(start="2025", precision="year", text="this year", basis="relative")
    docs = [
        doc("drc", drc, published="2025-05-12", outlet="a.com",
            events=[event("drc", drc, wording="killed", trigger="killed", date=year,
                          location=Place("Democratic Republic of the Congo", "COD"))]),
        doc("sudan", sudan, published="2025-05-12", outlet="b.com",
            events=[event("sudan", sudan, wording="killed", trigger="killed", date=day("2025-05-12"))]),
    ]
    result = link(docs, SETTINGS)
    assert sorted(len(e.sources) for e in result.events) == [1, 1]
    # The same figure ties two such reports together: then they are one report of one toll.
    same = "The conflict has killed 3,000 people in the east this year, officials said."
    again = "Officials said 3,000 people have been killed in the eastern fighting this year."
    toll = [Quantity(value=3000, what="people", text="3,000 people")]
    docs = [doc(i, text, published="2025-05-12", outlet=f"{i}.com",
                events=[event(i, text, wording="killed", trigger="killed", date=year, quantities=toll)])
            for i, text in (("x", same), ("y", again))]
    assert [len(e.sources) for e in link(docs, SETTINGS).events] == [2]


def test_amerged_date_lent_to_other_reports_is_corroborated() -> None:
    def report(doc: str, start: str | None, precision: str) -> Event:
        return Event(
            id=f"{doc}:0:0", doc_id=doc, type="ASSAULT", summary="", trigger="offensive",
            sentence=Sentence(index=0, start=0, end=1, text="x"),
            date=EventDate(start=start, precision=precision, basis="explicit" if start else "unresolved"),  # type: ignore[arg-type]
        )

    merged = merged_date(
        [report("a", "2023-09", "month"), report("b", "2023-09-19", "day"), report("c", None, "unknown")]
    )
    assert (merged.start, merged.basis, merged.source) == ("2023-09-19", "corroborated", "b")
    alone = merged_date([report("a", "2023-09-19", "day"), report("b", "2023-09-19", "day")])
    assert (alone.start, alone.basis, alone.source) == ("2023-09-19", "explicit", None)


def test_a_copy_with_a_standfirst_and_a_teaser_list_is_a_reprint() -> None:
    article = " ".join((QUAKE_A1, QUAKE_B, QUAKE_A2))
    standfirst = "Rescue teams worked through the night in the cold as the number of the dead kept rising."
    teasers = ("More stories: Markets close higher on trade hopes. Local team wins the cup final. "
               "New museum opens downtown with a modern art show. Rail strike called off after talks.")
    docs = [
        doc("orig", article, published="2023-02-06", outlet="a.com"),
        doc("copy", f"{standfirst} {article[: len(article) * 2 // 3]} {teasers}", published="2023-02-07",
            outlet="b.com"),
        doc("part", QUAKE_A2, published="2023-02-07", outlet="c.com"),
    ]
    by_id = {d.id: d for d in link(docs, SETTINGS).documents}
    assert by_id["copy"].duplicate_of == "orig"
    assert by_id["orig"].duplicate_of is None
    assert by_id["part"].duplicate_of is None  # one paragraph of it, not a copy of the article


def test_a_document_restating_its_act_without_naming_the_initiator_is_one_event() -> None:
    lede = "Houthi rebels struck the cargo ship off Aden on Wednesday, killing three sailors."
    later = "The ship was struck about 50 nautical miles southwest of the port."
    other = "Separately, Somali pirates struck a fishing boat near the coast."
    body = " ".join((lede, later, other))
    houthis = actor("Houthis", "YEM", "armed_group")
    pirates = actor("pirates", None, "armed_group")
    events = [
        event("d1", lede, start=0, actors=[houthis], date=day("2024-03-06"), trigger="struck"),
        event("d1", later, start=len(lede) + 1, trigger="struck"),
        event("d1", other, start=len(lede) + len(later) + 2, actors=[pirates], trigger="struck"),
    ]
    result = link([doc("d1", body, outlet="one", events=events)], SETTINGS)
    by_sentences = sorted(sorted(s.sentence for s in e.sources) for e in result.events)
    # the unattributed restatement joins the act; an act of other, named initiators stays apart
    assert by_sentences == sorted([sorted([lede, later]), [other]])


@pytest.mark.parametrize(("later", "noun"), [
    ("The attack is attributed to the gang's leader, who was sanctioned last year.", "attack"),
    ("Local officials reported 70 fatalities from these attacks.", "attacks"),  # a demonstrative plural
])
def test_a_definite_incident_noun_restates_the_documents_act(later: str, noun: str) -> None:
    lede = "The Gran Grif gang massacred 70 residents of Pont-Sonde on Thursday, officials said."
    body = f"{lede} {later}"
    gang = actor("Gran Grif", "HTI", "armed_group")
    second = len(lede) + 1
    events = [
        event("d1", lede, start=0, actors=[gang], date=day("2024-10-03"), trigger="massacred"),
        Event(id=f"d1:{second}", doc_id="d1", type="ASSAULT", summary="attack",
              sentence=Sentence(index=1, start=second, end=second + len(later), text=later), trigger=noun,
              trigger_start=second + later.index(noun), trigger_end=second + later.index(noun) + len(noun)),
    ]
    result = link([doc("d1", body, outlet="one", events=events)], SETTINGS)
    assert [len(e.sources) for e in result.events] == [2]


@pytest.mark.parametrize(("later", "trigger", "etype"), [
    ("The agreement was brokered in Putrajaya after two days of talks.", "agreement", "AGREE"),
    # a pronoun for the agreement told, whoever the line names
    ("This was agreed between the military commanders of both countries.", "agreed", "AGREE"),
])
def test_a_definite_agreement_noun_restates_the_documents_agreement(later: str, trigger: str, etype: str) -> None:
    lede = "Thailand and Cambodia agreed to a ceasefire on Monday, Malaysia said."
    second = len(lede) + 1
    parties = [actor("Thailand", "THA"), actor("Cambodia", "KHM")]
    at = second + later.index(trigger)
    events = [
        event("d1", lede, etype="AGREE", start=0, actors=parties, date=day("2025-07-28"), trigger="agreed"),
        Event(id=f"d1:{second}", doc_id="d1", type=etype, summary=trigger,
              sentence=Sentence(index=1, start=second, end=second + len(later), text=later), trigger=trigger,
              trigger_start=at, trigger_end=at + len(trigger)),
    ]
    result = link([doc("d1", f"{lede} {later}", outlet="one", events=events)], SETTINGS)
    assert [len(e.sources) for e in result.events] == [2]


def test_a_merged_event_says_why_each_report_joined() -> None:
    docs = _offensive_docs(Quantity(32, "servicemen", "32 servicemen"))
    (merged,) = [e for e in link(docs, SETTINGS).events if len(e.sources) > 1]
    first, *rest = merged.sources
    assert first.merged_because == []
    (second,) = rest
    # an offensive (ASSAULT) and an operation (COERCE) by Azerbaijan in September 2023
    assert second.merged_because[0] == "compatible types: COERCE and ASSAULT" or second.merged_because[0] == (
        "compatible types: ASSAULT and COERCE")
    assert "shared actors: Azerbaijan" in second.merged_because
    assert "compatible dates" in second.merged_because


def test_talks_and_the_agreement_they_led_to_are_two_events() -> None:
    talks = "Armenia and Azerbaijan held their seventh round of peace talks in Geneva in mid-January."
    deal = "Armenia and Azerbaijan reached an agreement on the border on January 20."
    docs = [
        doc("t1", talks, outlet="one", events=[
            event("t1", talks, etype="CONSULT", actors=[ARM, AZE], wording="round", trigger="round",
                  date=month("2024-01"))]),
        doc("d1", deal, outlet="two", events=[
            event("d1", deal, etype="AGREE", actors=[ARM, AZE], wording="agreement", trigger="agreement",
                  date=day("2024-01-20"))]),
    ]
    assert sorted(len(e.sources) for e in link(docs, SETTINGS).events) == [1, 1]


@pytest.mark.parametrize(("second_published", "merged"), [("2024-03-08", True), ("2025-07-10", False)])
def test_undated_reports_in_documents_published_months_apart_are_two_acts(
    second_published: str, merged: bool,
) -> None:
    houthis = actor("Houthis", "YEM", kind="group")
    one = "The Houthis claimed responsibility, saying the strike targeted an American ship."
    two = "The Houthis claimed responsibility for the attack on the bulk carrier near Aden."
    docs = [
        doc(i, text, published=published, outlet=f"{i}.com", events=[
            event(i, text, etype="OTHER", trigger="claimed", wording="claimed responsibility", actors=[houthis])])
        for i, text, published in (("x", one, "2024-03-07"), ("y", two, second_published))
    ]
    sizes = sorted(len(e.sources) for e in link(docs, SETTINGS).events)
    assert sizes == ([2] if merged else [1, 1])


def test_the_talks_restate_the_meeting_a_document_told() -> None:
    lede = "The leaders of Thailand and Cambodia met in Putrajaya on Monday."
    later = "The talks, hosted by the prime minister, aimed to end the fighting."
    second = len(lede) + 1
    parties = [actor("Thailand", "THA"), actor("Cambodia", "KHM")]
    events = [
        event("d1", lede, etype="CONSULT", start=0, actors=parties, date=day("2025-07-28"), trigger="met"),
        Event(id=f"d1:{second}", doc_id="d1", type="CONSULT", summary="talks",
              sentence=Sentence(index=1, start=second, end=second + len(later), text=later), trigger="talks",
              trigger_start=second + 4, trigger_end=second + 9),
    ]
    result = link([doc("d1", f"{lede} {later}", outlet="one", events=events)], SETTINGS)
    assert [len(e.sources) for e in result.events] == [2]


def test_initiators_of_no_known_state_do_not_keep_a_restatement_apart() -> None:
    lede = "Thailand and Cambodia agreed to a ceasefire on Monday, Malaysia said."
    later = "This was agreed between the commanders of military operations of both countries."
    second = len(lede) + 1
    parties = [actor("Thailand", "THA"), actor("Cambodia", "KHM")]
    commanders = EventActor(actor=Actor(name="Commanders", kind="organization"), role="source")
    at = second + later.index("agreed")
    events = [
        event("d1", lede, etype="AGREE", start=0, actors=parties, date=day("2025-07-28"), trigger="agreed"),
        Event(id=f"d1:{second}", doc_id="d1", type="AGREE", summary="agreed", actors=[commanders],
              sentence=Sentence(index=1, start=second, end=second + len(later), text=later), trigger="agreed",
              trigger_start=at, trigger_end=at + len("agreed")),
    ]
    result = link([doc("d1", f"{lede} {later}", outlet="one", events=events)], SETTINGS)
    assert [len(e.sources) for e in result.events] == [2]
