"""ACLED sub-event types from the rule table (data/acled.json), on sentences written for these tests."""

from __future__ import annotations

import pytest

from chronicle.events.acled import acled_record, acled_table, classify
from chronicle.records import Actor, EventActor, EventDate, EventSource, Place, Quantity, TimelineEvent

CASES = [
    ("Government warplanes carried out airstrikes on rebel positions near the town.", "Air/drone strike"),
    ("A drone strike hit a convoy on the highway overnight.", "Air/drone strike"),
    ("The army shelled villages along the river, killing four people.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded next to a police vehicle, wounding two officers.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a wedding hall.", "Suicide bomb"),
    ("Attackers threw a grenade into a crowded market.", "Grenade"),
    ("Inspectors said chlorine was used in the attack on the suburb.", "Chemical weapon"),
    ("Rebels attacked an army base in the north, killing nine soldiers.", "Armed clash"),
    ("Troops and militants exchanged fire for several hours.", "Armed clash"),
    ("Gunmen shot dead six villagers in their homes.", "Attack"),
    ("Insurgents captured the district headquarters after the police fled.", "Non-state actor overtakes territory"),
    ("Government forces recaptured the town from the insurgents on Monday.", "Government regains territory"),
    ("Opposition fighters retook the town from government forces.", "Non-state actor overtakes territory"),
    ("Thousands of teachers rallied outside parliament demanding higher pay.", "Peaceful protest"),
    ("Police fired tear gas to disperse students protesting in the capital.", "Protest with intervention"),
    ("Security forces opened fire on protesters, killing three.", "Excessive force against protesters"),
    ("Protesters threw stones and set fire to a police station.", "Violent demonstration"),
    ("A mob lynched a man accused of theft.", "Mob violence"),
    ("Police arrested 20 opposition activists at dawn.", "Arrests"),
    ("Gunmen kidnapped three aid workers on the road to the border.", "Abduction/forced disappearance"),
    ("Soldiers seized a cache of weapons and ammunition in a farmhouse.", "Disrupted weapons use"),
    ("The two armed groups signed a ceasefire agreement in the capital.", "Agreement"),
    ("The army established a new military base near the border.", "Headquarters or base established"),
    ("Looters ransacked shops in the city centre overnight.", "Looting/property destruction"),
    ("The militia withdrew from the city and handed its positions to the army.", "Non-violent transfer of territory"),
    ("The government deployed additional troops to the province.", "Change to group/activity"),
]

NOTHING = [
    "The group claimed responsibility for last week's bombing.",
    "An earthquake killed dozens of people in the mountain villages.",
    "The foreign minister met his counterpart to discuss trade.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_sentence_gets_the_sub_event_type_it_states(text: str, expected: str) -> None:
    found = classify(text)
    assert found is not None and found.sub_event_type == expected


@pytest.mark.parametrize("text", NOTHING)
def test_what_acled_does_not_code_gets_no_type(text: str) -> None:
    assert classify(text) is None


def test_the_table_names_acleds_types_as_acled_spells_them() -> None:
    types, rules = acled_table()
    assert len(types) == 25
    assert {t.event_type for t in types.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments",
    }
    assert types["Air/drone strike"].event_type == "Explosions/Remote violence"
    assert {r.result.sub_event_type for r in rules if r.result is not None} <= set(types)


def _event(kind: str, sentence: str, actors: list[tuple[str, str, str | None, str]], **kw: object) -> TimelineEvent:
    return TimelineEvent(
        id="ev:x", type=kind, summary=sentence, date=kw.pop("date", EventDate()),  # type: ignore[arg-type]
        actors=[EventActor(Actor(name=n, kind=k, sector=s), role) for n, k, s, role in actors],  # type: ignore[arg-type]
        sources=[EventSource(doc="d", sentence=sentence, start=0, end=len(sentence))], **kw,  # type: ignore[arg-type]
    )


def test_an_event_in_acleds_scope_gets_its_record() -> None:
    event = _event(
        "ASSAULT", "Army warplanes bombed the market, killing 12 civilians.",
        [("Sudan", "country", "GOV", "source"), ("civilians", "group", "CVL", "target")],
        date=EventDate(start="2024-05-02", precision="day"),
        quantities=[Quantity(value=12, what="civilians", text="killing 12 civilians")],
        location=Place(name="El Fasher", lat=13.6, lon=25.3),
    )
    record = acled_record(event)
    assert record is not None
    assert (record.event_type, record.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert (record.actor1, record.inter1, record.actor2, record.inter2, record.interaction) == (
        "Sudan", 1, "civilians", 7, 17)
    assert record.civilian_targeting == "Civilian targeting" and record.fatalities == 12
    assert (record.time_precision, record.geo_precision) == (1, 1)


def test_words_outside_the_plover_types_reach_fall_back_to_its_default() -> None:
    # a release of prisoners is no territory handed over, and an attack's words do not make it one
    event = _event("RETREAT", "The rebels released 40 prisoners after the attack on the town.",
                   [("the rebels", "group", "REB", "source")])
    record = acled_record(event)
    assert record is not None and record.sub_event_type == "Other" and record.inter1 == 2


def test_an_event_outside_acleds_scope_has_no_record() -> None:
    assert acled_record(_event("CONSULT", "The envoys met in Geneva.", [("Sudan", "country", "GOV", "source")])) is None
