"""chronicle.events: triggers, types, actors, dates, places and quantities, on the seed articles
(through the real cleaner, temporal tagger and model) and on small sentences written here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import chronicle.events
import chronicle.nlp
import chronicle.temporal
from chronicle.clean import clean_item
from chronicle.events import number_value
from chronicle.events.parse import missing_predicate_repaired
from chronicle.pipeline import run_stages, stages
from chronicle.records import Document, Event, RawItem, Token
from chronicle.settings import Settings


@pytest.fixture(scope="session")
def seed_docs(seed_paths: list[Path]) -> dict[str, Document]:
    """The seeds through clean -> temporal -> nlp -> events, keyed by their 3-digit prefix."""
    settings = Settings()
    raw = []
    for path in seed_paths:
        content = path.read_bytes()
        raw.append(
            RawItem(
                id=path.stem,
                source=str(path),
                kind="txt",
                content=content,
                content_hash=hashlib.sha256(content).hexdigest(),
            )
        )
    docs = [clean_item(item, settings) for item in raw]
    return {d.id[:3]: d for d in run_stages(docs, ["temporal", "nlp", "events"], settings)}


def _analyse(body: str, published: str | None = None, timexes: bool = True) -> Document:
    doc = Document(id="t", source="test", content_hash="x", body=body, published=published)
    names = ["temporal", "nlp", "events"] if timexes else ["nlp"]
    (out,) = run_stages([doc], names, Settings())
    if not timexes:
        (out,) = chronicle.events.extract([out], Settings())
    return out


def _find(doc: Document, trigger: str) -> Event:
    matches = [e for e in doc.events if e.trigger == trigger]
    assert matches, f"no event with trigger {trigger!r}: {[e.trigger for e in doc.events]}"
    return matches[0]


def _actors(event: Event, role: str) -> set[tuple[str, str | None]]:
    return {(a.actor.name, a.actor.country) for a in event.actors if a.role == role}


# --------------------------------------------------------------------------- seeds (acceptance)


def test_000_meeting_in_st_petersburg(seed_docs: dict[str, Document]) -> None:
    event = _find(seed_docs["000"], "met")
    assert event.type == "CONSULT"
    assert (event.date.start, event.date.precision) == ("2023-12-26", "day")
    assert _actors(event, "source") == {("Ilham Aliyev", "AZE")}
    assert _actors(event, "target") == {("Nikol Pashinyan", "ARM")}
    assert event.location is not None and event.location.name == "Saint Petersburg"
    assert event.location.country == "RUS" and event.location.lat is not None
    assert event.wording == "bilateral talks"


def test_001_prisoner_releases(seed_docs: dict[str, Document]) -> None:
    releases = [e for e in seed_docs["001"].events if e.trigger == "releasing"]
    assert len(releases) == 2
    first, second = releases
    assert first.type == second.type == "RETREAT"
    assert _actors(first, "source") == {("Azerbaijan", "AZE")}
    assert _actors(second, "source") == {("Armenia", "ARM")}
    assert [q.value for q in first.quantities] == [32.0]
    assert first.quantities[0].what == "Armenian military servicemen"
    assert [q.value for q in second.quantities] == [2.0]
    assert first.summary == "Azerbaijan releases 32 Armenian military servicemen"


def test_001_promise_to_exchange_is_an_intent(seed_docs: dict[str, Document]) -> None:
    # CAMEO-to-PLOVER 2021: an intent to release persons (0353) is AGREE
    event = _find(seed_docs["001"], "exchange")
    assert (event.type, event.modality) == ("AGREE", "promised")


def test_003_perfect_without_a_date_stays_undated(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["003"]
    assert doc.published == "2025-03-13"
    event = _find(doc, "accepted")  # "Armenia has accepted ...": the text does not say when
    assert event.type == "AGREE"
    assert (event.date.start, event.date.basis) == (None, "unresolved")
    assert ("Armenia", "ARM") in _actors(event, "source")


def test_003_wording_and_relative_year(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["003"]
    assert any(e.wording == "24-hour offensive" and e.type == "ASSAULT" for e in doc.events)
    returned = _find(doc, "returned")
    assert returned.type == "RETREAT"
    assert (returned.date.start, returned.date.precision, returned.date.basis) == ("2024", "year", "relative")
    assert [q.value for q in returned.quantities] == [4.0]


def test_002_operation_launched_by_baku(seed_docs: dict[str, Document]) -> None:
    event = next(e for e in seed_docs["002"].events if e.wording == "military operation")
    assert event.type == "ASSAULT"
    assert (event.date.start, event.date.precision, event.date.basis) == ("2023-09-19", "day", "explicit")
    assert _actors(event, "source") == {("Azerbaijan", "AZE")}
    assert event.location is not None and event.location.name == "Nagorno-Karabakh"


def test_004_promised_releases_and_anti_terrorism_operation(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["004"]
    releases = [e for e in doc.events if e.trigger == "release"]
    assert [(e.type, e.modality) for e in releases] == [("AGREE", "promised")] * 2
    assert any(e.wording == "anti-terrorism operation" for e in doc.events)


def test_every_event_cites_its_sentence_verbatim(seed_docs: dict[str, Document]) -> None:
    total = 0
    for doc in seed_docs.values():
        for event in doc.events:
            s = event.sentence
            assert doc.body[s.start : s.end] == s.text
            assert s.start <= event.trigger_start < event.trigger_end <= s.end
            assert doc.body[event.trigger_start : event.trigger_end] == event.trigger
            assert event.id == f"{doc.id}:{s.start}:{event.trigger_start}"
            assert event.type in chronicle.records.PLOVER_TYPES
            for q in event.quantities:
                assert doc.body[q.start : q.end] == q.text
            total += 1
    assert total >= 40


def test_no_event_date_without_support(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        sentences = {s.index: s for s in doc.sentences}
        for event in doc.events:
            date = event.date
            if date.basis == "unresolved":
                assert date.start is None and date.precision == "unknown"
            elif date.basis == "publication":
                assert date.start == doc.published and doc.published is not None
            else:
                # the expression is in the sentence, or (narrative time) in the one before
                before = sentences.get(event.sentence.index - 1)
                where = event.sentence.text + (before.text if before else "")
                assert date.text and date.text in where
                assert date.start is not None and date.start[:4].isdigit()


def test_no_events_from_headline_fragments() -> None:
    doc = _analyse("Peace talks in Geneva\n\nThe delegations met in Geneva on Monday.", timexes=False)
    assert [e.trigger for e in doc.events] == ["met"]


# --------------------------------------------------------------------------- small sentences


def test_promise_negation_and_threat() -> None:
    doc = _analyse(
        "Russia will release five prisoners. Georgia did not accept the proposal. "
        "Iran vowed to attack Israel.",
        timexes=False,
    )
    release = _find(doc, "release")
    assert (release.type, release.modality) == ("AGREE", "promised")
    assert _find(doc, "accept").type == "REJECT" and _find(doc, "accept").modality == "negated"
    assert _find(doc, "vowed").type == "THREATEN"


def test_reported_speech_and_pronoun_subject() -> None:
    doc = _analyse(
        "Ukraine said that Russia had attacked the port of Odesa. "
        "Israel rejected the plan, and it criticised Egypt.",
        timexes=False,
    )
    attack = _find(doc, "attacked")
    assert (attack.type, attack.modality) == ("ASSAULT", "reported")
    assert _actors(attack, "source") == {("Russia", "RUS")}
    criticised = _find(doc, "criticised")
    assert _actors(criticised, "source") == {("Israel", "ISR")}
    assert _actors(criticised, "target") == {("Egypt", "EGY")}


def test_statement_released_is_no_prisoner_release() -> None:
    doc = _analyse("In a statement released on Monday, the two sides said they wanted calm.", timexes=False)
    assert not [e for e in doc.events if e.trigger == "released"]


def test_date_rules_with_the_temporal_stage() -> None:
    doc = _analyse(
        "Turkey and Greece held talks in Ankara on 3 May 2021. Later the ministers signed a deal.\n\n"
        "Turkey is deploying troops. Greece criticised the move.",
        published="2021-05-10",
    )
    talks = _find(doc, "talks")
    assert (talks.type, talks.date.start, talks.date.basis) == ("CONSULT", "2021-05-03", "explicit")
    assert talks.location is not None and talks.location.name == "Ankara"
    assert _find(doc, "signed").date.start == "2021-05-03"  # narrative time, same paragraph
    deploying = _find(doc, "deploying")
    assert (deploying.date.start, deploying.date.basis) == ("2021-05-10", "publication")
    criticised = _find(doc, "criticised")  # past tense, new paragraph, no date in text: unknown
    assert (criticised.date.start, criticised.date.basis) == (None, "unresolved")


@pytest.mark.parametrize(("second", "trigger", "dated"), [
    ("The ministers signed a deal after Greece offered to mediate.", "signed", True),
    ("The ministers signed a deal after Greece offered to mediate.", "offered", False),  # before the main act
    ("Before the talks, Greece had offered to mediate.", "offered", True),  # no clause of its own
    ("Greece walked out after Turkey rejected the plan.", "rejected", False),
    ("Greece walked out before Turkey rejected the plan.", "rejected", False),
    ("Greece walked out when Turkey rejected the plan.", "rejected", True),  # at the same time
])
def test_an_act_placed_before_or_after_another_takes_no_narrative_date(second: str, trigger: str,
                                                                       dated: bool) -> None:
    doc = _analyse(f"Turkey and Greece held talks in Ankara on 3 May 2021. {second}", published="2021-05-10")
    assert (_find(doc, trigger).date.start == "2021-05-03") is dated


def test_quantities_values_and_approximation() -> None:
    doc = _analyse(
        "Rebels killed more than 100 thousand residents and nearly 40 soldiers in 2019.", timexes=True
    )
    (event,) = [e for e in doc.events if e.trigger == "killed"]
    by_value = {q.value: q for q in event.quantities}
    assert by_value[100_000.0].approximate and by_value[100_000.0].what == "residents"
    assert by_value[40.0].approximate and by_value[40.0].what == "soldiers"
    assert 2019.0 not in by_value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["32"], 32.0),
        (["100,000"], 100000.0),
        (["two"], 2.0),
        (["100", "thousand"], 100000.0),
        (["2.5", "million"], 2500000.0),
        (["twenty-five"], 25.0),
        (["Seven"], 7.0),
        (["many"], None),
    ],
)
def test_number_value(words: list[str], value: float | None) -> None:
    assert number_value(words) == value


def test_events_stage_contract() -> None:
    info = stages.get("events")
    assert set(info.requires) == {"sentences", "mentions", "timexes"} and info.assigns == ("events",)


# --------------------------------------------------------------------------- precision, groups, joint statements

_PAIR_ARTICLE = (
    "Ethiopia and Somalia have been locked in a dispute over the port deal. Somali troops are stationed "
    "in the border region, internationally recognized as Somali territory.\n\n"
    "In a joint statement released on 3 March 2024, the two countries said they would exchange prisoners. "
    "Both sides said they hoped to sign a peace treaty by the end of the year. A deal to normalise ties "
    "would be a major breakthrough. The governments will work towards signing a treaty. Ethiopia would "
    "release the detainees if Somalia continues to resist the plan.\n\n"
    "Under the mediation of Turkey, the parties agreed on 5 April 2024 to end the dispute. The deal was "
    "reached during talks between Ethiopia and Somalia in Ankara. The two neighbours exchanged prisoners "
    "of war on 12 April 2024 and issued a joint statement."
)


@pytest.fixture(scope="module")
def pair_doc() -> Document:
    return _analyse(_PAIR_ARTICLE, published="2024-05-10")


def _pair(event: Event) -> set[str | None]:
    return {a.actor.country for a in event.actors if a.role == "source"}


def test_wishes_hypotheticals_states_and_conditions_are_no_events(pair_doc: Document) -> None:
    triggers = [e.trigger for e in pair_doc.events]
    for word in ("stationed", "recognized", "sign", "signing", "normalise", "release", "resist"):
        assert word not in triggers, f"{word!r} should not be an event: {triggers}"


def test_group_actors_resolve_to_the_documents_two_countries(pair_doc: Document) -> None:
    exchanged = _find(pair_doc, "exchanged")
    assert exchanged.type == "RETREAT"
    assert _pair(exchanged) == {"ETH", "SOM"}
    assert (exchanged.date.start, exchanged.date.precision) == ("2024-04-12", "day")
    # "In a joint statement ..., the two countries said they would exchange prisoners": one
    # act, the statement that commits them (AGREE), with the promise folded into it
    assert not [e for e in pair_doc.events if e.trigger == "exchange"]
    promised = next(e for e in pair_doc.events if "would exchange" in e.sentence.text)
    assert (promised.type, promised.trigger) == ("AGREE", "statement")
    assert _pair(promised) == {"ETH", "SOM"}


def test_mediation_and_talks_fold_into_the_agreement(pair_doc: Document) -> None:
    agreed = _find(pair_doc, "agreed")
    assert agreed.type == "AGREE" and agreed.date.start == "2024-04-05"
    assert _pair(agreed) == {"ETH", "SOM"}
    assert {a.actor.country for a in agreed.actors if a.role == "other"} == {"TUR"}
    assert not [e for e in pair_doc.events if e.trigger in {"mediation", "talks"}]
    deal = _find(pair_doc, "deal")
    assert deal.type == "AGREE" and _pair(deal) == {"ETH", "SOM"}


def test_joint_statements_are_events_of_both_parties(pair_doc: Document) -> None:
    statements = [e for e in pair_doc.events if e.trigger == "statement"]
    assert len(statements) == 2
    announced, issued = statements
    # the first announces a commitment (an exchange of prisoners): PLOVER AGREE, its own date
    assert (announced.type, announced.date.start, announced.date.basis) == ("AGREE", "2024-03-03", "explicit")
    assert (issued.type, issued.date.start) == ("CONSULT", "2024-04-12")
    assert _pair(announced) == _pair(issued) == {"ETH", "SOM"}


def test_group_phrase_without_two_countries_stays_unresolved() -> None:
    doc = _analyse("The two sides exchanged prisoners on Monday.", timexes=False)
    assert _find(doc, "exchanged").actors == []


def test_seed_000_exchange_and_joint_statement_dated_with_both_countries(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["000"]
    exchange = _find(doc, "exchanged")
    assert exchange.type == "RETREAT"
    assert (exchange.date.start, exchange.date.precision) == ("2023-12-13", "day")
    assert _pair(exchange) == {"ARM", "AZE"}
    statement = _find(doc, "statement")
    assert statement.date.start == "2023-12-13" and _pair(statement) == {"ARM", "AZE"}


def test_seed_001_joint_statement_and_group_subjects(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["001"]
    assert _pair(_find(doc, "statement")) == {"ARM", "AZE"}
    assert _pair(_find(doc, "called on")) == {"ARM", "AZE"}  # "The two countries also called on"
    assert _pair(_find(doc, "talks")) == {"ARM", "AZE"}  # "The two countries resumed talks"


def test_seed_mediation_is_a_role_not_an_event(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        assert not [e for e in doc.events if e.trigger.lower().startswith(("mediat",))]
    agreed = _find(seed_docs["002"], "agreed")  # mediated ceasefire of November 10
    assert agreed.date.start is not None and agreed.date.start.endswith("11-10")
    assert _pair(agreed) == {"ARM", "AZE"}
    assert ("Russia", "RUS") in _actors(agreed, "other")


def test_seed_agreement_reached_during_talks_is_one_event(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["001"]
    sentence = next(s for s in doc.sentences if "agreement was reached" in s.text)
    events = [e for e in doc.events if e.sentence.start == sentence.start]
    assert [e.type for e in events] == ["AGREE"]
    assert {a.actor.name for a in events[0].actors} >= {"Nikol Pashinyan", "Ilham Aliyev"}


_NOT_EVENTS = ("hoped to", "would be", "work towards", "aimed at", "a deal to", "if ")


def test_seeds_have_no_wish_hypothetical_or_attributive_events(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        # the parse as the events stage reads it (a missed predicate repaired)
        by_sentence: dict[int, list[Token]] = {}
        for t in doc.tokens:
            by_sentence.setdefault(t.sentence, []).append(t)
        tokens = {t.start: t for ts in by_sentence.values() for t in missing_predicate_repaired(ts)}
        for event in doc.events:
            before = doc.body[max(event.sentence.start, event.trigger_start - 30) : event.trigger_start].lower()
            assert not any(cue in before for cue in _NOT_EVENTS), (event.trigger, event.sentence.text)
            tok = tokens[event.trigger_start]
            # a participle used as an adjective ("internationally recognized", "are stationed")
            assert not (tok.tag == "VBN" and tok.dep in {"acl", "amod"}), event.sentence.text
            assert event.trigger.lower() not in {"stationed", "recognized", "recognised"} or any(
                a.role == "source" for a in event.actors
            )
            assert event.modality != "hypothetical"


def test_seed_events_are_fewer_and_mostly_attributed(seed_docs: dict[str, Document]) -> None:
    events = [e for d in seed_docs.values() for e in d.events]
    assert 40 <= len(events) <= 70
    with_actor = [e for e in events if e.actors]
    assert len(with_actor) >= 0.85 * len(events)


def test_the_pair_named_together_beats_a_more_mentioned_mediator() -> None:
    body = (
        "Kenya and Uganda agreed on Monday in Ankara to reopen their border after talks hosted by Turkey. "
        "Turkish officials said Turkey would monitor the deal, and Ankara offered further talks. "
        "The two countries will exchange prisoners next week."
    )
    doc = _analyse(body, published="2024-05-06")
    exchange = _find(doc, "exchange")
    assert {a.actor.country for a in exchange.actors} == {"KEN", "UGA"}


def test_both_sides_are_the_coordinated_parties_not_adjectival_mediators() -> None:
    body = (
        "Talks between Sudan's army and the paramilitary Rapid Support Forces collapsed on Wednesday, "
        "Saudi and U.S. mediators said, after both sides accused each other of violating a truce."
    )
    doc = _analyse(body, published="2023-06-21")
    accused = _find(doc, "accused")
    assert {a.actor.name for a in accused.actors} == {"Sudan", "Rapid Support Forces"}


def test_capturing_a_place_is_an_assault_and_a_person_coercion() -> None:
    town = _find(_analyse("Russian troops captured the town on Monday.", published="2023-06-21"), "captured")
    assert town.type == "ASSAULT" and {a.actor.country for a in town.actors} == {"RUS"}
    suspect = _find(_analyse("Police captured the suspect on Friday.", published="2023-06-21"), "captured")
    assert suspect.type == "COERCE"


# --------------------------------------------------------------------------- unseen-article rules


def test_dateline_place_is_not_an_actor() -> None:
    doc = _analyse("EL FASHER, Sudan - Fighters from the Rapid Support Forces attacked a camp on Saturday, "
                   "killing at least 40 people.", published="2025-05-12")
    attack = _find(doc, "attacked")
    assert {a.actor.name for a in attack.actors} == {"Rapid Support Forces"}
    # "killing at least 40": the attack's outcome, folded into it with its date
    assert [e.trigger for e in doc.events] == ["attacked"]
    assert attack.date.start == "2025-05-10" and [q.value for q in attack.quantities] == [40.0]


def test_possessive_owner_acts_through_its_means_and_place_acted_on_is_the_location() -> None:
    doc = _analyse("The Sudanese army said its aircraft had struck positions near Nyala on Monday.",
                   published="2025-05-12")
    strike = _find(doc, "struck")
    assert _actors(strike, "source") == {("Sudan", "SDN")}
    shelled = _find(_analyse("Russian forces shelled the southern city of Kherson on Wednesday.",
                             published="2025-03-06"), "shelled")
    assert shelled.location is not None and shelled.location.name == "Kherson"


def test_negotiators_for_parties_are_the_parties() -> None:
    doc = _analyse("Negotiators for Israel and Hamas resumed indirect talks in Cairo on Thursday.",
                   published="2025-01-09")
    talks = next(e for e in doc.events if e.type == "CONSULT")
    assert {a.actor.name for a in talks.actors if a.role == "source"} == {"Israel", "Hamas"}


def test_last_week_is_a_seven_day_range() -> None:
    doc = _analyse("Last week the two armies returned the bodies of 1,000 soldiers.", published="2025-03-06")
    returned = _find(doc, "returned")
    assert (returned.date.start, returned.date.end, returned.date.basis) == ("2025-02-24", "2025-03-02", "relative")


def test_a_modal_does_not_reach_a_coordinated_past_verb() -> None:
    doc = _analyse("The minister said on Monday that Eritrea would defend its sovereignty and rejected the claims.",
                   published="2025-03-12")
    assert _find(doc, "rejected").modality != "promised"


@pytest.mark.parametrize(("body", "trigger", "modality"), [
    # an aspectual verb carries the modal of the act it begins or continues
    ("Sudan said on Monday that it will begin to withdraw its troops from the border.", "withdraw", "promised"),
    ("Kenya will start to deploy police officers to Haiti, the minister said on Monday.", "deploy", "promised"),
    ("The army began to withdraw its troops from the town on Monday.", "withdraw", "asserted"),
])
def test_an_aspectual_verb_carries_the_modal_of_its_act(body: str, trigger: str, modality: str) -> None:
    assert _find(_analyse(body, published="2025-03-12"), trigger).modality == modality


def test_a_day_with_no_year_to_place_it_stays_unknown_and_keeps_its_words() -> None:
    # no publication date, and no year in the text: "August 3" cannot be dated, nor does the
    # narrative date of the sentence before stand in for it
    doc = _analyse("Colombia and the ELN signed a ceasefire deal in Havana on Friday. The ceasefire "
                   "will take effect on August 3, the foreign minister said.")
    event = _find(doc, "ceasefire")
    assert (event.date.start, event.date.text) == (None, "August 3")


def test_a_passive_toll_takes_the_attacker_of_its_when_clause() -> None:
    doc = _analyse("Three civilians were wounded when Russian forces shelled Kherson on Monday.", "2025-03-05")
    # the toll is the shelling's outcome: one event, led by the act, with the toll and date
    (shelled,) = doc.events
    assert shelled.trigger == "shelled" and _actors(shelled, "source") == {("Russia", "RUS")}
    assert shelled.date.start == "2025-03-03" and [q.value for q in shelled.quantities] == [3.0]
    # No clause names the attacker: the toll keeps no source rather than guessing one.
    alone = _analyse("Two soldiers were killed in the attack, the army said.", "2025-03-05")
    assert [_actors(e, "source") for e in alone.events] == [set()]


@pytest.mark.parametrize(("body", "trigger", "expected"), [
    # a perfect, a passive or a future with no date of its own says nothing of when
    ("Chad and Niger have agreed to a ceasefire, officials said.", "agreed", (None, "unresolved")),
    ("Four soldiers were killed near the border.", "killed", (None, "unresolved")),
    ("Kenya will deploy troops to the region.", "deploy", (None, "unresolved")),
    # the simple present and the progressive report what holds at publication
    ("Kenya is deploying troops to the region.", "deploying", ("2024-02-09", "publication")),
    # a bound of a state is not the date of the act
    ("The two sides, at war since 2019, have agreed to end hostilities.", "agreed", (None, "unresolved")),
    # the dateline dates the filing, not the events reported under it
    ("NAIROBI, 8 February 2024 (XNA) — Rebels attacked the town of Goma.", "attacked", (None, "unresolved")),
    ("NAIROBI, 8 February 2024 (XNA) — Rebels attacked the town of Goma on Tuesday.", "attacked",
     ("2024-02-06", "relative")),
    # a trip's purpose is the act, dated by the trip
    ("The African Union sent a team of experts to Goma on Monday to investigate the killings.", "investigate",
     ("2024-02-05", "relative")),
    # a past period ending at publication dates what happened in it ...
    ("During the past two months, the truce saw repeated breaches by the rebels.", "breaches", ("2023-12", "relative")),
    # ... and a recent one is news, not a lasting state ("for decades" is)
    ("Rebel forces have shelled Goma over the past week.", "shelled", ("2024-02-02", "relative")),
])
def test_event_date_rules(body: str, trigger: str, expected: tuple[str | None, str]) -> None:
    event = _find(_analyse(body, published="2024-02-09"), trigger)
    assert (event.date.start, event.date.basis) == expected


# One sentence per PLOVER type (and the conventions of the issue on events), all written here.
TYPE_CASES = [
    ("Ethiopia and Somalia agreed to a ceasefire on Monday.", "AGREE"),
    ("Negotiators from Armenia and Azerbaijan initialled the text of the peace treaty on Friday.", "AGREE"),
    ("The two sides concluded an agreement on the border in Geneva.", "AGREE"),
    ("The parliament of Serbia ratified the treaty on Tuesday.", "SUPPORT"),
    ("The truce took effect at midnight on Saturday.", "RETREAT"),
    ("The ceasefire came into force on Sunday morning.", "RETREAT"),
    ("Armenia filed a case against Azerbaijan at the International Court of Justice.", "ACCUSE"),
    ("Russia and Ukraine exchanged prisoners of war on Wednesday.", "RETREAT"),
    ("Kyiv and Moscow swapped 150 prisoners in a deal brokered by the UAE.", "RETREAT"),
    ("The foreign minister condemned the attack on the convoy.", "DISAPPROVE"),
    ("The president criticised the decision of the court.", "DISAPPROVE"),
    ("Officials from both countries met in Doha on Monday.", "CONSULT"),
    ("The Indian commander spoke with his Pakistani counterpart by phone.", "CONSULT"),
    ("Rebels attacked an army post near the border.", "ASSAULT"),
    ("Troops exchanged fire with militants along the frontier.", "ASSAULT"),
    ("The government deployed troops to the northern province.", "MOBILIZE"),
    ("The United States imposed sanctions on the militia leaders.", "SANCTION"),
    ("The rebels threatened to attack the capital.", "THREATEN"),
    ("The group claimed responsibility for the bombing.", "OTHER"),
    ("Navy helicopters rescued the crew of the burning ship.", "AID"),
    ("The army withdrew its troops from the disputed town.", "RETREAT"),
    ("Thousands of people protested in the capital against the deal.", "PROTEST"),
    ("The envoy urged both sides to return to talks.", "DEMAND"),
    ("Hamas rejected the proposal on Sunday.", "REJECT"),
    ("The rebels stopped fighting at midnight on Sunday.", "RETREAT"),  # ending the act, not the act
    ("Israel halted its strikes on Gaza on Monday.", "RETREAT"),
    ("Russia suspended its offensive near Kharkiv on Tuesday.", "RETREAT"),
    ("The United States suspended military aid to Ethiopia on Tuesday.", "SANCTION"),  # ending help is a sanction
    ("The rebel group said on Monday that it will halt hostilities against civilians.", "CONCEDE"),  # a promise
    # agreeing to give up an attack is no threat; agreeing to one is
    ("The alliance agreed on Friday to halt its offensive and not seek to capture more towns.", "AGREE"),
    ("The rebels agreed on Friday to attack the capital together.", "THREATEN"),
    # an attempt is the act; a failure to agree its negation
    ("Gunmen tried to kill the governor of the province on Tuesday.", "ASSAULT"),
    ("The two delegations failed to reach an agreement on the border on Sunday.", "REJECT"),
    # what a speaker says another party must do is a demand
    ("The foreign ministry said on Monday that the militia must release the hostages.", "DEMAND"),
    # a promised withdrawal is an intent to yield (CAMEO-to-PLOVER 2021: 035x is AGREE); a promise
    # to stop fighting a declared ceasefire (CONCEDE, above); a promised boycott a threat
    ("The government said it will withdraw its troops from the valley next month.", "AGREE"),
    ("The opposition said it would boycott the elections in the spring.", "THREATEN"),
    ("Artillery units fired rockets at the airport overnight.", "ASSAULT"),
    ("The two states established diplomatic relations on Thursday.", "SUPPORT"),
    ("The council reneged on its pledge to hold a referendum.", "REJECT"),
    # CAMEO's categories, as verbs with the objects that make them acts (data: needs_theme)
    ("Israeli intelligence officials have shared evidence with the U.S. about the plot.", "COOPERATE"),
    ("Uzbekistan opened the Friendship Bridge to allow the delivery of grain on Monday.", "RETREAT"),
    ("The president shortened the nightly curfew by one hour on Thursday.", "CONCEDE"),
    ("The United States sent humanitarian aid to the besieged city on Monday.", "AID"),
    ("The United Nations deployed peacekeepers to the buffer zone on Monday.", "AID"),  # CAMEO 074
    ("The government allowed the delivery of humanitarian aid to the city on Monday.", "RETREAT"),  # CAMEO 0863
    ("The government asked the United Nations for humanitarian aid on Monday.", "DEMAND"),
    ("Thousands of refugees sought asylum in Germany last month.", "DEMAND"),
    # verbs typed by the kind of their subject (data: subject_types)
    ("Mortar rounds landed in the capital on Monday.", "ASSAULT"),
    ("A car bomb went off near the market in Mogadishu on Monday.", "ASSAULT"),
    ("Rockets slammed into a residential area of Kharkiv overnight.", "ASSAULT"),  # not a rebuke
    ("Reinforcements arrived in the town on Monday.", "MOBILIZE"),
    ("Kenyan peacekeeping troops arrived in Port-au-Prince on Tuesday.", "AID"),  # the modifier says what kind
    ("Russia moved tanks toward the frontier on Monday.", "MOBILIZE"),
    # an event noun that is the subject of a verb of happening happened (data: occurrence_verbs)
    ("Heavy fighting erupted in the north of the country.", "ASSAULT"),
    # more of CAMEO's verbs and the objects that type them
    ("Artillery hammered the city for a third day.", "ASSAULT"),
    ("The navy sank a rebel boat off the coast on Sunday.", "ASSAULT"),
    ("North Korea conducted a nuclear test on Tuesday.", "MOBILIZE"),
    ("The Red Cross evacuated wounded civilians from the city on Monday.", "AID"),
    ("The World Bank approved a $50 million loan to Kenya on Monday.", "AID"),
    ("Japan gave $10 million in aid to the flood victims.", "AID"),
    ("Aid agencies distributed food to 20,000 displaced people on Monday.", "AID"),
    ("The president vowed to crush the rebellion.", "THREATEN"),
    ("The rebels laid down their arms on Friday.", "RETREAT"),
    ("The government agreed to the rebels' demands on Friday.", "CONCEDE"),
    ("The government expelled foreign journalists on Monday.", "COERCE"),  # individuals (PLOVER)
    ("Police fired tear gas at demonstrators in the capital.", "COERCE"),
    ("A suicide bomber blew himself up at a checkpoint in the city.", "ASSAULT"),
    ("The rebels said they had downed a government jet.", "ASSAULT"),
    ("The president ruled out talks with the rebels on Monday.", "REJECT"),
    ("The government closed down three opposition newspapers.", "COERCE"),  # 'down' parsed as an adverb
    ("Egypt withdrew its ambassador from Israel on Monday.", "SANCTION"),  # PLOVER: diplomats withdrawn
    ("The Security Council ordered an investigation into the killings.", "INVESTIGATE"),
    ("Some 5,000 dockers stopped work on Monday over the new labour law.", "PROTEST"),  # a strike
    ("The governor ordered patrols by police and soldiers after the riots.", "MOBILIZE"),
    # what a trip or a sending is for is the act (data: errand_verbs)
    ("The UN sent 21 officers to Bosnia on Wednesday to investigate the killings.", "INVESTIGATE"),
    ("The African Union sent a team of experts to Goma on Monday to investigate the killings.", "INVESTIGATE"),
    ("The Kenyan president flew to Addis Ababa on Monday for talks with Abiy Ahmed.", "CONSULT"),
    ("The Iranian foreign minister arrived in Baghdad on Monday on a three-day visit.", "CONSULT"),
    ("Both leaders attended the summit in Lima on Friday.", "CONSULT"),
    ("China shipped 50 tons of medical supplies to Iran.", "AID"),
    ("Turkey sheltered thousands of Syrian refugees last year.", "AID"),
    ("The two navies conducted joint patrols in the Strait.", "COOPERATE"),
    ("Pakistan handed over the suspect to the United States.", "COOPERATE"),  # an extradition
    ("Thousands of refugees returned home after the ceasefire.", "RETREAT"),  # typed by its subject
    ("Russia banned imports of Georgian wine in 2006.", "SANCTION"),
    ("The union threatened a general strike.", "THREATEN"),
    ("The rebels expressed willingness to join the peace talks.", "AGREE"),
    ("The IMF extended a $3 billion loan to Pakistan.", "AID"),
    ("Iraq handed back the disputed oil fields to Kuwait.", "RETREAT"),
    ("Militias carried out ethnic cleansing in the region.", "ASSAULT"),
    ("The two countries reduced diplomatic ties last year.", "SANCTION"),
    ("The army reduced its troops in the north.", "RETREAT"),
    ("The guerrillas freed two kidnapped engineers on Sunday.", "RETREAT"),
    ("The last Soviet troops left Afghanistan in February 1989.", "RETREAT"),  # forces leaving: typed by subject
    ("A car bomb blast killed two soldiers near the border.", "ASSAULT"),
    ("Thousands of troops were deployed to the border on Monday.", "MOBILIZE"),  # dated: not a state
    ("The authorities permitted the rally to go ahead on Friday.", "CONCEDE"),  # easing a restriction
    ("The government allowed opposition parties to contest the elections.", "CONCEDE"),
    # a past verb the parser took for an adjective ("relaxed restrictions") is the predicate
    ("The army relaxed restrictions on movement in the region.", "CONCEDE"),
    ("The European Union voiced concern over the arrests on Monday.", "DISAPPROVE"),
    ("The minister voiced support for the peace plan on Monday.", "SUPPORT"),
    ("The government met the demands of the strikers on Monday.", "CONCEDE"),
    ("The army conducted military exercises near the border on Monday.", "MOBILIZE"),
    ("The World Food Programme delivered food to the camps on Monday.", "AID"),
    # repression of civilians is COERCE (PLOVER's definition), tear gas fired or used alike
    ("Police used tear gas against the protesters on Monday.", "COERCE"),
    ("The United Nations provided 25,000 tons of food aid to the refugees on Monday.", "AID"),  # what tons count
    ("The foreign ministry summoned the Iranian ambassador on Monday.", "DISAPPROVE"),
    ("The two countries restored diplomatic relations on Monday.", "SUPPORT"),
    ("Israel opened an embassy in Abu Dhabi on Monday.", "SUPPORT"),
    ("Prosecutors charged the opposition leader with treason on Monday.", "COERCE"),
    ("The government closed the border with Syria on Monday.", "COERCE"),
    ("US instructors trained Ukrainian soldiers on Monday.", "COOPERATE"),
    ("Hamas turned down the offer on Monday.", "REJECT"),
    ("The government granted an amnesty to the rebels on Monday.", "CONCEDE"),
    ("The army vowed on Monday to retaliate for the attack.", "THREATEN"),
    # a noun that frames the act its modifier names (data: frame_nouns)
    ("The emir of Qatar launched a mediation effort between the Emirates and Saudi Arabia.", "CONSULT"),
    # an infinitive the parser hangs on a verb of intent as a purpose is still its complement
    ("Ethnic Albanian rebels have sworn to fight until they gain control of the villages.", "THREATEN"),
    # ending cooperation is a sanction (data: 'end' needs such a theme) ...
    ("Turkish officers ended their mediation efforts between the rival militias on Monday.", "SANCTION"),
    ("The government ended all military cooperation with France on Tuesday.", "SANCTION"),
    # ... a pledge with 'unless' a threat (data: threat_marks) ...
    ("Kenya said it will withdraw its troops from Somalia unless the rebels agree to a ceasefire.", "THREATEN"),
    # ... a demand restated, a demand (data: phrasal)
    ("The union reiterated its demand that the government lift the curfew.", "DEMAND"),
    # readiness is a stated intent, not a wish ('prepared' is no form of 'prepare' here); an intent
    # to ease a restriction is AGREE (CAMEO-to-PLOVER 2021: 0351) ...
    ("The president said he is prepared to lift the ban on the opposition party.", "AGREE"),
    # ... but a ceasefire promised is a declared one (CONCEDE), whatever names it
    ("Both sides said the truce will be fully implemented on Monday.", "CONCEDE"),
    # avoiding an act, like failing at it, is its negation
    ("Serbia avoided signing the agreement on Saturday.", "REJECT"),
    # a noun that is an act only as what a verb performs (data: performed_nouns)
    ("Israel's supreme court opened a hearing into the detentions on Wednesday.", "INVESTIGATE"),
    ("Kenyan opposition parties staged a march in Nairobi on Sunday.", "PROTEST"),
    # an exchange of fire is an attack, as exchanging fire is
    ("An exchange of fire between Indian and Pakistani troops took place on Monday.", "ASSAULT"),
    ("President Bush threatened further action against Russia on Monday.", "THREATEN"),
    # a state a verb places someone in is the act it performs (data: placing_preps)
    ("Police placed the opposition leader under house arrest on Monday.", "COERCE"),
    ("The former minister was put under investigation in France on Tuesday.", "INVESTIGATE"),
    ("Dock workers went on strike in Mombasa on Monday.", "PROTEST"),
    ("Turkey put its border units on high alert on Sunday.", "MOBILIZE"),
    # an act named with the modifier it needs, performed by its verb
    ("The junta declared martial law in the capital on Friday.", "COERCE"),
    # a verb the talks are the subject of says what became of them (data: noun_governor_types)
    ("The talks in Doha collapsed on Thursday.", "SANCTION"),
    # the object types the verb (data: object_rules)
    ("Rebels seized the town of Goma on Tuesday.", "ASSAULT"),
    ("The rebels seized weapons from a police station on Tuesday.", "COERCE"),
    ("The opposition suspended its protests in the capital on Monday.", "CONCEDE"),
    ("The rebels violated the ceasefire in the east on Tuesday.", "ASSAULT"),
    ("Thousands of workers violated the ban on demonstrations on Monday.", "REJECT"),
    ("The United States sent 200 military advisers to Colombia on Monday.", "AID"),
    # a joint exercise is cooperation; an exercise alone is a show of force
    ("Jordan and Egypt held joint military exercises in the Red Sea on Monday.", "COOPERATE"),
    ("Russia held military exercises near the border on Monday.", "MOBILIZE"),
    # verbs of the PLOVER and CAMEO modes (data: verbs, phrasal)
    ("Pirates hijacked a Greek tanker off Somalia on Monday.", "ASSAULT"),
    ("India downgraded diplomatic ties with Pakistan on Wednesday.", "SANCTION"),
    ("The government shut down two opposition newspapers on Monday.", "COERCE"),
    ("Parliament voted down the peace agreement on Friday.", "REJECT"),
    ("The army called up 300,000 reservists on Monday.", "MOBILIZE"),
    # receiving a visitor is a meeting; receiving aid is no act of the receiver
    ("The president received the Saudi foreign minister in Tehran on Monday.", "CONSULT"),
    # what is blocked, suspended or ordered out types the act (data: object_rules)
    ("Authorities blocked access to social media in the capital on Monday.", "COERCE"),
    ("Protesters blocked the main road into the capital on Monday.", "PROTEST"),
    ("The junta suspended the activities of all political parties on Monday.", "COERCE"),
    ("Niger ordered the French ambassador to leave the country on Monday.", "SANCTION"),
    ("Government troops battled rebels in the north on Monday.", "ASSAULT"),
    ("Israeli jets pounded targets in southern Lebanon on Sunday.", "ASSAULT"),
    ("Egypt reopened the Rafah crossing on Monday.", "RETREAT"),
    ("The two sides postponed the talks on Monday.", "SANCTION"),
    # an agreement that collapses is rejected (data: agreement_governors)
    ("A previous truce in January 2023 collapsed after a week.", "REJECT"),
    # a dated existential reports what it counts ("In 2020 there were ... violations")
    ("In 2020 there were 5,133 instances of ceasefire violations along the border.", "ASSAULT"),
    # a verb its phrase types keeps that type under an absorbed noun ("stopped work ... strike")
    ("Dock workers stopped work on Tuesday at the start of an open-ended strike over pay.", "PROTEST"),
    ("Nurses began an open-ended strike on Monday.", "PROTEST"),  # a hyphenated modifier types the noun
    # a counted stretch of time a verb performs holds the act it measures
    ("The navy launched five days of war games off the coast on Monday.", "MOBILIZE"),
    ("Indonesia and Australia began three days of military exercises on Monday.", "COOPERATE"),  # held together
    ("Egypt and Sudan began five days of joint air drills on Sunday.", "COOPERATE"),  # drills as exercises
    ("Negotiators returned to Nairobi on Monday for talk on the border dispute.", "CONSULT"),  # a trip's errand
    # readying a use of force is a show of force (data: preparation_verbs); readying a deal an intent
    ("Government troops prepared to storm the rebel stronghold on Sunday.", "MOBILIZE"),
    ("The junta was preparing a fresh offensive against the rebels in the north.", "MOBILIZE"),
    ("Both leaders are preparing to sign the accord next week.", "AGREE"),
    # a show of force short of its use: posture raised, forces rushed or sent, weapons tested
    ("China stepped up military patrols near the islands on Tuesday.", "MOBILIZE"),
    ("The government tightened security around the airport on Friday.", "MOBILIZE"),
    ("Riot police were rushed to the port city on Monday.", "MOBILIZE"),
    ("The navy dispatched two frigates to the strait on Thursday.", "MOBILIZE"),
    ("Iran test-fired a cruise missile during naval drills on Sunday.", "MOBILIZE"),
    ("Hundreds of soldiers took up positions around the presidential palace on Tuesday.", "MOBILIZE"),
    ("Attackers hurled a grenade at a bus station on Friday.", "ASSAULT"),
    ("The junta tightened restrictions on foreign media on Monday.", "COERCE"),
    # leaving talks or mediation ends them (PLOVER SANCTION: walk-outs, terminated mediation)
    ("Qatar withdrew from the mediation effort on Friday.", "SANCTION"),
    ("Russia returned the seized ships to Ukraine on Monday.", "RETREAT"),  # property returned
    ("Police used batons and water cannon on the crowd on Friday.", "COERCE"),
    # protesters' acts are protests, whatever verb tells them (subject_types: protesters)
    ("Rioters set fire to police cars in the city on Saturday night.", "PROTEST"),
    ("Thousands of demonstrators gathered outside the parliament on Friday.", "PROTEST"),
    ("Protesters stormed the parliament building on Wednesday.", "PROTEST"),
    ("Supporters of the jailed leader took to the streets of the capital on Thursday.", "PROTEST"),
    ("Students staged a sit-in outside the ministry on Tuesday.", "PROTEST"),  # a hyphened event noun
    ("The union called a general strike for Monday.", "PROTEST"),  # a date, not 'call for'
    ("Beijing protested to Washington over the arms sale on Monday.", "DISAPPROVE"),  # a formal complaint
    # a body set up for a job: the job is the act (errand_verbs: bodies)
    ("The government set up a commission to probe the massacre on Monday.", "INVESTIGATE"),
    # more CAMEO verbs as data: repelling an attack, rounding up, revoking a licence, ignoring a
    # demand, shuttling between capitals, examining a site, an ultimatum issued
    ("Government troops repulsed a rebel attack on the garrison on Monday.", "ASSAULT"),
    ("Police rounded up hundreds of suspected militants on Monday.", "COERCE"),
    ("The government revoked the licence of the television station on Monday.", "COERCE"),
    ("The government ignored the ultimatum on Monday.", "REJECT"),
    ("The envoy shuttled between the two capitals on Monday.", "CONSULT"),
    ("Investigators examined the wreckage of the plane on Monday.", "INVESTIGATE"),
    ("The rebels issued an ultimatum to the government on Monday.", "THREATEN"),
    ("The rebels set conditions for the talks on Monday.", "DEMAND"),
    ("The defence minister said his country would respond with force to any incursion.", "THREATEN"),
    ("The militant group vowed to avenge the killing of its commander.", "THREATEN"),
    ("The ministry said Azerbaijan had moved heavy weaponry to the border overnight.", "MOBILIZE"),
    ("The United States on Tuesday announced visa restrictions on officials.", "SANCTION"),
    ("The government ordered the closure of all schools in the region on Monday.", "COERCE"),
    ("Qatar sent a plane carrying 40 tons of medical supplies to Gaza on Sunday.", "AID"),  # the load is sent
    # a term imposed is no lasting state (data: term_verbs)
    ("The court jailed the activist for five years on Monday.", "COERCE"),
    # a decision enacts its act (data: decision_verbs)
    ("The electoral commission decided on Friday to allow opposition candidate Joao Lourenco to run.", "CONCEDE"),
    ("The cabinet decided on Monday to withdraw its troops from the border.", "RETREAT"),
]


@pytest.mark.parametrize(("body", "etype"), TYPE_CASES)
def test_plover_type_of_the_main_event(body: str, etype: str) -> None:
    doc = _analyse(body, published="2024-03-04")
    assert doc.events, f"no event in {body!r}"
    assert doc.events[0].type == etype, [(e.trigger, e.type) for e in doc.events]


ACTOR_CASES = [
    # a person acting for the organisation the text names with the title
    ("UN chief Antonio Guterres welcomed the agreement.", "welcomed", {"Antonio Guterres", "UN"}),
    # ... and when a pronoun names him again
    ("UN Secretary-General Kofi Annan said on Monday that he will visit Baghdad.", "visit", {"Kofi Annan", "UN"}),
    # a town does not act; a capital stands for its government
    ("Istanbul offered to host the talks.", "offered", set()),
    ("The Marib massacre on Sunday left dozens dead.", "massacre", set()),  # where, not who
    # a noun that describes the group named after it: the group acts, not the state of its adjective
    ("The Palestinian militant group Hamas fired rockets at the city on Monday.", "fired rockets at", {"Hamas"}),
    ("The Basque separatist group ETA claimed responsibility for the bombing.", "claimed responsibility", {"ETA"}),
    # the EU's institutions act as the EU
    ("The European Council welcomed the agreement on Friday.", "welcomed", {"EU"}),
    ("Washington imposed sanctions on the militia.", "imposed", {"United States"}),
    # coordinated parties all act, however the parse hangs them
    ("Today marks a new chapter as Thailand and Cambodia agreed to a ceasefire.", "agreed", {"Thailand", "Cambodia"}),
    # the parties between which an agreement holds are its parties
    ("The ceasefire between Israel and Hezbollah took effect on Wednesday.", "ceasefire", {"Israel", "Hezbollah"}),
    # 'by' hung on a lower noun of the event noun's phrase
    ("Missile strikes on targets inside Yemen by the US and UK have failed.", "strikes",
     {"United States", "United Kingdom"}),
    # a second subject the parse took for one more object of the first verb acts for its own verb
    ("Israel will withdraw its forces and Lebanon's army will deploy in the south.", "deploy", {"Lebanon"}),
    ("Rwanda pulled back its troops and the Congolese army deployed in the town on Monday.", "deployed",
     {"Democratic Republic of the Congo"}),
    # a bare definite noun names again the organisation named just before (data: anaphoric_heads)
    ("The MNDAA is part of the Three Brotherhood Alliance. Alongside the Arakan Army, the alliance "
     "seized the town of Lashio on Monday.", "seized", {"Three Brotherhood Alliance"}),
    ("Hamas fired rockets at Ashdod on Monday. The group also attacked an army post on Tuesday.",
     "attacked", {"Hamas"}),
    # 'X was one of the groups that ...': X acts
    ("The MNDAA was one of three allied groups that launched an offensive in October 2023.", "offensive",
     {"MNDAA"}),
    # armed groups are actors from data
    ("The MNDAA agreed to a ceasefire with the junta.", "agreed", {"MNDAA"}),
    # a spokesman speaks for the group he is the spokesman for
    ("A spokesman for the Houthis welcomed the announcement.", "welcomed", {"Houthis"}),
    # a warship acts for the navy its prefix names
    ("The missile was shot down by USS Carney.", "shot", {"USS Carney"}),
    # a force deployed (passive, no agent) acts for its owner
    ("Several units of the National Police of Haiti have been deployed in the town.", "deployed", {"Haiti"}),
    # a list's tail is no pair: 'the parties' stays unnamed
    ("Reporters are in Israel, Gaza, Lebanon, Syria and Pakistan. The truce between the parties took effect.",
     "truce", set()),
    # 'the government' of a document whose two parties hold one state is that state
    ("Ethiopia and the TPLF agreed to a ceasefire on Monday. The government and the TPLF signed the deal "
     "in Pretoria on Wednesday.", "signed", {"Ethiopia", "Tigray People's Liberation Front"}),
    # ... and stays unnamed when both parties are states
    ("India and Pakistan agreed to a ceasefire on Monday. The government then imposed a curfew on Wednesday.",
     "imposed", set()),
    # what the document's agreement sets out is between its parties
    ("Sudan and South Sudan signed a deal on Monday. The agreement includes an unconditional ceasefire "
     "effective from midnight on March 5.", "ceasefire", {"Sudan", "South Sudan"}),
    ("Colombia and the ELN signed an accord on Friday. The accord provides for a six-month ceasefire, "
     "which will take effect on August 3.", "ceasefire", {"Colombia", "ELN"}),
    # ... not what an indefinite text sets out
    ("Sudan and South Sudan signed a deal on Monday. A plan includes a ceasefire effective from midnight "
     "on March 5.", "ceasefire", set()),
]


@pytest.mark.parametrize(("body", "trigger", "sources"), ACTOR_CASES)
def test_initiators(body: str, trigger: str, sources: set[str]) -> None:
    event = _find(_analyse(body, published="2024-03-04"), trigger)
    assert {a.actor.name for a in event.actors if a.role == "source"} == sources


@pytest.mark.parametrize(("body", "trigger", "name", "country", "sector"), [
    # armed groups and forces carry their kind and country from data (actors.json)
    ("The Baloch Liberation Army attacked a train in Balochistan on Tuesday.", "attacked",
     "Baloch Liberation Army", "PAK", "REB"),
    ("Kataib Hezbollah fired drones at the base on Sunday.", "fired drones at", "Kataib Hezbollah", "IRQ", "REB"),
    ("The Revolutionary Guards seized a tanker in the Gulf on Friday.", "seized", "Iran", "IRN", "MIL"),
    ("Fighters of the People's Defence Force ambushed a convoy on Monday.", "ambushed",
     "People's Defence Force", "MMR", "REB"),
    # a group the text places in a country and names no further is of that country
    ("A rebel army in northeastern Myanmar agreed to a ceasefire on Monday.", "agreed", "a rebel army", "MMR", None),
    # 'the government' of a document that names one state is that state
    ("Gunmen killed 70 people in a town in Haiti on Thursday. The government deployed police units to "
     "the town on Friday.", "deployed", "Haiti", "HTI", "GOV"),
    ("The Arab Coalition launched airstrikes on Sanaa on Friday.", "airstrikes", "Saudi-led coalition", "SAU", "MIL"),
    # a name whose first word is possessive is found from that word ("People" "'s" ...)
    ("The People's Liberation Army held drills around Taiwan on Monday.", "drills", "China", "CHN", "MIL"),
])
def test_armed_groups_from_data(body: str, trigger: str, name: str, country: str, sector: str | None) -> None:
    event = _find(_analyse(body, published="2024-03-04"), trigger)
    found = {(a.actor.name, a.actor.country, a.actor.sector) for a in event.actors if a.role == "source"}
    assert (name, country, sector) in found, found


@pytest.mark.parametrize(("body", "trigger", "sources"), [
    # an armed group the text names only by what it is acts under that noun, with no country
    ("Gunmen killed 26 people in the town on Tuesday.", "killed", {"gunmen"}),
    # but the owner named after it acts
    ("Fighters from the Rapid Support Forces attacked a camp.", "attacked", {"Rapid Support Forces"}),
    # the agent of the participle that carries an event noun
    ("The massacre carried out on Thursday by the Gran Grif gang left 70 dead.", "massacre", {"Gran Grif"}),
    # the 'by' of an event noun the parser took for a verb ("Missile [subject] strikes [verb]")
    ("Missile strikes on targets inside Yemen by the US and UK have failed to curb the attacks.", "strikes",
     {"United States", "United Kingdom"}),
])
def test_unnamed_and_agent_groups(body: str, trigger: str, sources: set[str]) -> None:
    event = _find(_analyse(body, published="2024-10-08"), trigger)
    assert {a.actor.name for a in event.actors if a.role == "source"} == sources


# Each row: a sentence written here, and a trigger that must yield no event of its own
# (the classes of ``not_events`` and ``circumstance_preps`` in data/events.json).
NO_ACT_CASES = [
    # a verb typed by its subject needs a subject of that kind, one typed by its object that object
    ("The delegation arrived in Kabul on Monday.", "arrived"),
    ("The crisis hit the economy hard last year.", "hit"),
    ("The minister sought to reassure investors on Monday.", "sought"),
    ("Prices moved higher on Monday.", "moved"),
    ("The government raised fuel prices on Monday.", "raised"),  # posture verbs need a force or security
    ("Officials stepped up pressure on the bank on Monday.", "stepped up"),
    ("The fans threw scarves onto the pitch on Monday.", "threw"),  # thrown is a weapon, or no attack
    ("The two sides signed a deal to normalise ties on Monday.", "normalise"),  # a deal's purpose, no body's job
    ("Rebels and troops have been fighting for years in the north.", "fighting"),  # a lasting state
    # a participle on a noun with 'any' names a kind of act, not one that happened
    ("Iraq warned that it would shoot down any plane violating its airspace.", "violating"),
    # a consultation needs a partner ...
    ("A military official, speaking on condition of anonymity, said the ship was burning.", "speaking"),
    ("The readiness of both sides speaks volumes, the negotiator said.", "speaks"),
    # ... analysis is not a party's act
    ("Analysts warn that the truce in the north will be tested.", "warn"),
    # ... a formula is not support
    ("Thank you for your attention to this matter!", "Thank"),
    # ... sharing or opening something that is no intelligence or crossing is no act
    ("The two delegations shared a meal after the talks.", "shared"),
    ("The minister opened the conference with a speech.", "opened"),
    ("The minister sent a letter to his counterpart.", "sent"),
    ("The referee allowed the match to continue.", "allowed"),
    ("The minister delivered a speech at the university.", "delivered"),
    ("The shop closed its doors at six.", "closed"),
    ("Our correspondents in five countries are providing first-person reports.", "providing"),
    ("The club charged a fee for entry.", "charged"),
    ("Congratulations to both countries on using Common Sense and Great Intelligence.", "using"),
    # ... what an agreement would be about is its topic, not an act of its own
    ("The rebels and the army may also meet to agree on opening roads in the province.", "opening"),
    # ... a whole war summed up in a perfect tense is no dated act
    ("The truce brings hope in a conflict that has killed hundreds of thousands.", "killed"),
    ("The fighting has resulted in thousands of deaths in the south.", "fighting"),
    # ... the act a ceasefire ends is not reported as happening
    ("The army agreed to stop aerial bombing in the north on Friday.", "bombing"),
    # ... an undated meeting that only sets the scene of the act reported
    ("The two parties agreed to a ceasefire after talks mediated by Qatar.", "talks"),
    ("A ceasefire took effect on Wednesday following mediation by France.", "mediation"),
    ("Under Qatar's mediation, the two sides held a round of peace talks in Doha.", "mediation"),
    ("The spokesman said under Qatar's mediation, the two sides held a round of peace talks in Doha.", "mediation"),
    # ... what a text says is a provision, also in a later conjunct
    ("The agreement includes a truce and demands the withdrawal of the militia.", "demands"),
    # ... an undated clause describing a participant is no act the report tells
    ("Rumours said the rebels will leave Lashio, which they captured, but their leaders denied it.", "captured"),
    # ... a round of anything else is not
    ("Israel won the first round of the football match on Sunday.", "round"),
    # ... nor what a clause under a text's own verb says ("..., while forces are ordered back")
    ("The agreement includes a truce and demands a withdrawal, while the forces are ordered back.", "ordered"),
    # ... a standing policy is not a dated act
    ("“We will continue to defend freedom of navigation,” the minister said.", "defend"),
    # ... showing that something holds is no protest
    ("The people of Colombia are demonstrating that peace is possible, the president said.", "demonstrating"),
    # ... a present passive of a standing relation is a state, with its agent too
    ("Both militias are backed by the neighbouring state, the report said.", "backed"),
    ("The gang is accused of numerous killings in the valley.", "accused"),
    # ... nor the topic of a statement ("accused X of kidnapping"), nor what an act was
    ("The embassy accused the militia of kidnapping the survivors.", "kidnapping"),
    ("The group said the attack was in solidarity with the people of the city.", "attack"),
    # ... and a delegation leaving a meeting is not
    ("The delegation left the meeting early, the spokesman said.", "left"),
    # ... nor what is thanked for, through a gerund ("for its help in achieving a ceasefire")
    ("LIMA: Peru and Chile have thanked Brazil for its mediation in achieving an immediate ceasefire.", "ceasefire"),
    # ... nor what is said of an act ("US mediation played a key role")
    ("Claiming that Qatari mediation played a key role, the president praised both sides.", "mediation"),
    # ... nor an undated meeting whose beginning sets the scene ("a week after talks began")
    ("A week after peace talks began in Geneva, delegates from both sides signed the deal.", "talks"),
    # ... nor a concession in an idiom ("yielded positive results")
    ("The meeting on Monday yielded positive results, the minister said.", "yielded"),
    # ... nor the circumstances of an absolute clause ("with homes set ablaze and victims attacked")
    ("With homes set ablaze and victims attacked, thousands of residents fled to the coast.", "attacked"),
    # ... nor a meeting in an idiom ("met their demise")
    ("Three sailors met their untimely demise in a missile attack on the ship.", "met"),
    ("The envoy thanked the neighbours for their support in helping reach the ceasefire.", "ceasefire"),
    # ... an undated meeting setting the scene of a reported act, however the parser hangs it
    ("The president wrote: “After a long night of talks mediated by Qatar, I am pleased to announce that "
     "the two countries have agreed to a ceasefire.”", "talks"),
    # ... nor what an agreement is about ("an agreement on implementing the deal")
    ("Peru and Chile reached an agreement on Saturday on implementing the border deal.", "deal"),
    # ... nor the reason an act is given in a participle ("..., blaming X for the attack")
    ("The government suspended the water treaty, blaming its neighbour for the bombing.", "blaming"),
    # ... nor what a speaker judges ("termed the talks a good meeting")
    ("The prime minister termed the discussions a very good meeting.", "discussions"),
    ("The prime minister termed the discussions a very good meeting.", "meeting"),
    ("The envoy called the talks urgent and timely.", "talks"),
    # ... nor what a speaker hopes will happen
    ("We hope that both sides will sign the agreement next week, the minister said.", "sign"),
    # ... nor what one party requires of others
    ("The EU requires Kosovo and Serbia to reach a final agreement.", "final agreement"),
    # ... nor what is released when it is no one and nothing seized (data: unyielded)
    ("The IMF linked the release of a loan to Pakistan's acceptance of the truce.", "release"),
    # ... nor a risk ("threaten" with no act, means or party: data endangering)
    ("Rebels gained ground in the north on Monday, threatening investments.", "threatening"),
    # ... such a noun as a topic is none
    ("Kenya said the hearing of the case was adjourned until May.", "hearing"),
    # ... a thing named by an event noun is none
    ("The army holds the town, according to a press release by the rebels.", "press release"),
    ("Gaza received 200 trucks of aid on Monday.", "received"),
    # ... nor an undated existential: a state, not a report
    ("There has been heavy fighting in the north along the border.", "fighting"),
    # ... nor a since-clause's bound, dated only relative to now
    ("It is the first death since the rebels began attacking ships last year.", "attacking"),
    # ... nor what has not happened yet: pending, not refused
    ("The two sides have not yet signed a final agreement, the envoy said on Monday.", "signed"),
    # ... nor what a noun is about ("commitment to implementing the truce")
    ("Peace depends on the parties' commitment to implementing the truce, the envoy said.", "truce"),
    # ... a participle inside a place's name is no act
    ("Talks on the Armenian-Occupied districts resumed in Vienna on Monday.", "Occupied"),
]


@pytest.mark.parametrize(("body", "trigger"), NO_ACT_CASES)
def test_triggers_that_report_no_act(body: str, trigger: str) -> None:
    doc = _analyse(body, published="2024-03-08")
    assert trigger not in [e.trigger for e in doc.events], [(e.trigger, e.type) for e in doc.events]


# ... and the same words where they do report one.
ACT_CASES = [
    ("The Indian commander spoke with his Pakistani counterpart on Saturday.", "spoke"),
    ("The two commanders will speak again on Monday at noon.", "speak"),
    ("The fighting in the city has killed 40 people since Monday.", "fighting"),
    ("The president thanked Qatar for its mediation.", "thanked"),
    ("Russian forces continued to shell Kharkiv on Monday.", "shell"),
    ("Thousands demonstrated against the deal in the capital on Sunday.", "demonstrated"),
    # a describing clause with a date of its own is a background act
    ("Obasanjo, who stepped down as president of Nigeria in 2007, praised the deal.", "stepped down"),
    # a round of negotiations is a consultation ...
    ("The envoy announced a new negotiating round that will include Qatar.", "round"),
    # a perfect passive reports an act
    ("Several units of the National Police of Haiti have been deployed in the commune.", "deployed"),
    # a meeting with a date of its own is an event beside the act that followed it
    ("The two parties agreed to a ceasefire after talks in Doha on Tuesday.", "talks"),
    # a clause with its own subject under a dateline the parser took for the root
    ("LIMA: Peru and Chile have thanked Brazil for its mediation in achieving an immediate ceasefire.", "thanked"),
    ("Three sailors met their untimely demise in a Houthi missile attack on the ship.", "attack"),
    # a past passive with its agent is the act
    ("The ceasefire plan was backed by the Security Council on Monday.", "backed"),
    # an agreement noun with a day of its own is the agreement reached then
    ("The agreement on Saturday came after twelve hours of talks in Geneva.", "agreement"),
    ("The dialogue between the two governments resumed in Oslo on Monday.", "dialogue"),
    # a predicate the parser lost in a long parenthesis is still the sentence's act
    ("Foreign Minister Ana Ruiz, at a joint press conference with her Chilean counterpart in Lima, "
     "called on Peru not to miss the chance for a border agreement.", "called on"),
    # people leaving a place is a displacement ...
    ("Starting from May 2, more than ten thousand residents left the valley for the coast.", "left"),
    # ... but a part taken in an act is the act (data: part_nouns)
    ("Qatar played a key role in mediating the ceasefire on Monday.", "mediating"),
    # a since-clause that writes out its own date is a dated act
    ("It has been nearly a decade since Kosovo declared independence in 2008.", "declared independence"),
    # a named operation a light verb carries is the act
    ("On Friday the army launched Operation Northern Shield against the rebel camps.", "Operation"),
]


@pytest.mark.parametrize(("body", "trigger"), ACT_CASES)
def test_the_same_words_where_they_report_an_act(body: str, trigger: str) -> None:
    doc = _analyse(body, published="2024-03-08")
    assert trigger in [e.trigger for e in doc.events], [(e.trigger, e.type) for e in doc.events]


@pytest.mark.parametrize(("body", "day"), [
    # a present perfect under a dated verb of saying: the day hung on it is the truce's start
    ("The envoy said on Friday that the two parties have agreed to a truce starting on Sunday evening.",
     "2024-03-08"),
    # ... and a day between the saying and the clause is the saying's, however it is parsed
    ("Both governments said on Thursday they have agreed to a ceasefire along the whole border.", "2024-03-07"),
    # a simple past takes the day hung on it
    ("The envoy said on Friday that the two parties agreed to a truce on Wednesday.", "2024-03-06"),
])
def test_a_reported_perfect_is_dated_by_its_saying(body: str, day: str) -> None:
    assert _find(_analyse(body, published="2024-03-08"), "agreed").date.start == day


@pytest.mark.parametrize(("body", "trigger", "day"), [
    # a following sentence names the act again with a definite noun, and dates it ...
    ("Two fishermen died after a drone struck their boat near the coast. "
     "The attack took place on Tuesday, the coast guard said.", "struck", "2024-03-05"),
    # ... past a sentence that names it without a date
    ("Two fishermen died after a drone struck their boat near the coast. The tragic incident shocked the town. "
     "The incident, which happened on Tuesday, was filmed by a passer-by.", "struck", "2024-03-05"),
    # ... or tells it again from the target's side, in the passive
    ("Two fishermen died after a drone struck their boat near the coast. "
     "The wooden boat was reportedly hit on Tuesday night as it returned to port.", "struck", "2024-03-05"),
    # ... taking the day right after the noun when the sentence gives two
    ("The president announced a ceasefire agreement between the two states. The announcement was made on "
     "Tuesday, and the ceasefire is set to take effect on Thursday.", "agreement", "2024-03-05"),
    # a following sentence about something else dates nothing
    ("Two fishermen died after a drone struck their boat near the coast. "
     "The harbour reopened on Tuesday after repairs.", "struck", None),
    # the agreement's taking effect dates an agreement reached that day ...
    ("India and Pakistan have agreed to a full and immediate ceasefire. "
     "The agreement, effective from 5 pm on March 7, was confirmed by both sides.", "agreed", "2024-03-07"),
    # ... but a day after the article was published is when it will take effect, not when it was reached
    ("Agreement on the long-awaited truce was reached during the third round of talks. "
     "The ceasefire will enter into force on August 3.", "Agreement", None),
])
def test_a_following_sentence_that_names_the_act_again_dates_it(body: str, trigger: str, day: str | None) -> None:
    assert _find(_analyse(body, published="2024-03-08"), trigger).date.start == day


@pytest.mark.parametrize(("body", "trigger", "countries"), [
    # the first person inside a quote is its speaker, named before it opens ...
    ('The British Embassy said: "We condemn the attacks on shipping."', "condemn", {"GBR"}),
    # ... or after it closes
    ("“We reject the proposal,” the Foreign Ministry of Egypt said on Sunday.", "reject", {"EGY"}),
    # ... also in a quote continued into a new paragraph
    ("British Foreign Secretary James Cameron said in a statement: “Appalled to hear of the deaths.\n\n"
     "“We condemn the Houthis' reckless attacks on shipping.", "condemn", {"GBR"}),
    # outside any quote, 'we' names no one
    ("We condemn the attacks on shipping, the editorial said.", "condemn", set()),
])
def test_first_person_in_a_quote_is_its_speaker(body: str, trigger: str, countries: set[str]) -> None:
    event = _find(_analyse(body, published="2024-03-08"), trigger)
    assert {a.actor.country for a in event.actors if a.role == "source"} == countries


@pytest.mark.parametrize(("body", "expected"), [
    # what one speaker says in one sentence is one statement, led by its most telling act ...
    ("Pakistan denied any involvement and called for a neutral investigation.", [("REJECT", "denied")]),
    ("Egypt condemned the raid and demanded the release of the crew on Monday.", [("DISAPPROVE", "condemned")]),
    # ... a verb said again for each object is one act
    ("Egypt will support the talks, support the truce and support the new government.", [("AGREE", "support")]),
    # ... while two acts of different kinds stay two
    ("Egypt condemned the raid and recalled its ambassador on Monday.", [("DISAPPROVE", "condemned"),
                                                                         ("SANCTION", "recalled")]),
])
def test_one_speakers_statement_in_a_sentence_is_one_event(body: str, expected: list[tuple[str, str]]) -> None:
    doc = _analyse(body, published="2024-03-08")
    assert [(e.type, e.trigger) for e in doc.events] == expected


@pytest.mark.parametrize(("body", "trigger", "countries"), [
    # an institution owned by a pronoun is its possessor's state's
    ("Israeli Prime Minister Benjamin Netanyahu said his Cabinet had approved the deal.", "approved", {"ISR"}),
    # ... also when the pronoun stands in a clause set before the main clause's subject
    ("Speaking after his Cabinet voted to approve the deal, Netanyahu said he would hold the line.", "approve",
     {"ISR"}),
    ("Lebanese troops would deploy in the south. Speaking after his Cabinet voted to approve the deal, Netanyahu"
     " said the truce would hold.", "approve", {"ISR"}),
    # with no possessor it stays unknown: never guessed
    ("The Cabinet approved the deal on Monday.", "approved", {None}),
    # a group said to be in a country is that country's
    ("Rebels in Mali on Wednesday rejected the offer of talks.", "rejected", {"MLI"}),
    ("Opposition groups in Kenya on Monday demanded new elections.", "demanded", {"KEN"}),
    ("Protesters across Iran on Monday demanded new elections.", "demanded", {"IRN"}),
    # a count of people: the people counted act, with the country they are in
    ("Tens of thousands of students throughout Indonesia staged demonstrations on Saturday.", "demonstrations",
     {"IDN"}),
    ("Hundreds of refugees in Chad fled the camp on Monday.", "fled", {"TCD"}),
    ("Police in Lagos arrested twenty protesters on Monday.", "arrested", {"NGA"}),  # the town's country
    # armed groups and movements, leaders and older names of states, from data (data/actors.json)
    ("The Basque separatist group ETA claimed responsibility for the bombing on Monday.", "claimed responsibility",
     {"ESP"}),
    ("Tamil Tiger rebels attacked an army camp in the north on Monday.", "attacked", {"LKA"}),
    ("Chechen rebels attacked a Russian convoy on Monday.", "attacked", {"RUS"}),
    ("President Boris Yeltsin signed the decree on Monday.", "signed", {"RUS"}),
    ("Chancellor Helmut Kohl met the French president on Monday.", "met", {"DEU"}),
    ("Zaire's army attacked the rebels on Monday.", "attacked", {"COD"}),
    # an institution a state's name or demonym owns is that state's
    ("The Ivory Coast's Supreme Court rejected the candidacy on Monday.", "rejected", {"CIV"}),
])
def test_a_possessed_institution_takes_its_owners_country(body: str, trigger: str, countries: set[str | None]) -> None:
    event = _find(_analyse(body, published="2024-03-08"), trigger)
    assert {a.actor.country for a in event.actors if a.role == "source"} == countries


@pytest.mark.parametrize(("body", "trigger", "figures"), [
    # people counted by an adjective belong to the act that left them so
    ("The massacre by the gang in the valley on Thursday left more than 70 dead and 50 injured.", "massacre",
     {(70.0, "dead"), (50.0, "injured")}),
    # ... or that the clause says are dead, when the sentence tells one assault
    ("At least four sailors have been confirmed dead after an attack by the rebels on the ship.", "attack",
     {(4.0, "sailors")}),
    ("The gang vanished into the fields after Thursday's attack, leaving more than 70 bodies in the town.", "attack",
     {(70.0, "bodies")}),
    # a distance is no toll
    ("The gang attacked the town, about 100 kilometers from the capital, on Thursday.", "attacked", set()),
])
def test_casualty_figures_and_measures(body: str, trigger: str, figures: set[tuple[float, str]]) -> None:
    event = _find(_analyse(body, published="2024-10-08"), trigger)
    assert {(q.value, q.what) for q in event.quantities} == figures


def test_a_pledge_of_several_acts_is_one_promise() -> None:
    doc = _analyse("“Norway stands ready to actively promote talks for peace and provide support for the process,” "
                   "the minister said.", published="2024-03-08")
    assert [(e.type, e.modality) for e in doc.events] == [("AGREE", "promised")]


@pytest.mark.parametrize(("body", "trigger", "targets"), [
    # an object that names no party: the party is after its preposition
    ("Egypt threatened further action against Israel on Monday.", "threatened", {"ISR"}),
    ("The United States imposed new sanctions on Iran on Monday.", "imposed", {"IRN"}),
    # an object that names a party is the target itself
    ("Egypt threatened Israel with further action on Monday.", "threatened", {"ISR"}),
])
def test_a_party_after_the_objects_preposition_is_the_target(body: str, trigger: str, targets: set[str]) -> None:
    event = _find(_analyse(body, published="2024-03-08"), trigger)
    assert {a.actor.country for a in event.actors if a.role == "target"} == targets


@pytest.mark.parametrize(("body", "etype", "trigger"), [
    # the model lemmatises "staged" as "stag": the lexicon's own verb forms correct it
    ("Students staged a demonstration in Jakarta on Saturday.", "PROTEST", "demonstration"),
    ("Opposition supporters staged a rally outside parliament on Monday.", "PROTEST", "rally"),
])
def test_a_light_verb_the_model_mislemmatises_still_carries_its_event(body: str, etype: str, trigger: str) -> None:
    event = _find(_analyse(body, published="2024-03-08"), trigger)
    assert event.type == etype


def test_the_two_sides_are_a_state_and_the_armed_group_it_fights() -> None:
    # No sentence names the parties together, so they are the parties named most; a named armed
    # group is a party of its own beside its state (not one more mention of Ethiopia), so "the two
    # sides" are Ethiopia and the TPLF, not Ethiopia and the host.
    body = (
        "The TPLF said on Monday that it would meet envoys of Ethiopia's government in South Africa. "
        "Ethiopia's government confirmed the meeting. South Africa will host it. The TPLF welcomed the offer. "
        "On Wednesday the two sides agreed to a permanent cessation of hostilities."
    )
    event = _find(_analyse(body, published="2022-11-02"), "agreed")
    sources = {a.actor.name for a in event.actors if a.role == "source"}
    assert sources == {"Ethiopia", "Tigray People's Liberation Front"}


@pytest.mark.parametrize("body", [
    "The delegations ended two days of talks in Geneva on Friday.",  # talks concluded, not broken off
    "Both sides agreed to end the fighting.",
    "The army ended its offensive in the north on Sunday.",
])
def test_ending_talks_or_fighting_is_no_sanction(body: str) -> None:
    assert all(e.type != "SANCTION" for e in _analyse(body, published="2024-03-08").events)


@pytest.mark.parametrize(("body", "noun", "restated"), [
    # an agreement reported reached, then said again in the passive with no one named: one act
    ("Sudan and South Sudan agreed to a ceasefire on Monday. The ceasefire was reached after Kenya offered"
     " to mediate.", "ceasefire", True),
    ("The two sides signed a peace agreement on Friday. The agreement was reached during the fourth round of"
     " talks in Doha.", "agreement", True),
    # ... but not one the document had not reported, nor one with a day of its own
    ("Fighting continued on Monday. The ceasefire was reached after Kenya offered to mediate.", "ceasefire", False),
    ("Sudan and South Sudan agreed to a ceasefire on Monday. A second ceasefire was reached on 3 March 2024.",
     "ceasefire", False),
])
def test_an_agreement_said_again_is_one_act(body: str, noun: str, restated: bool) -> None:
    doc = _analyse(body, published="2024-03-08")
    second = doc.sentences[1]
    again = [e for e in doc.events if e.trigger == noun and e.sentence.start == second.start]
    assert (not again) == restated, [(e.trigger, e.type, e.sentence.text) for e in doc.events]
