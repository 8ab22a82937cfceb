"""ACLED sub-event types from the rule table (data/acled.json), on sentences written for these tests."""

from __future__ import annotations

import pytest

from chronicle.events.acled import acled_table, classify

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
