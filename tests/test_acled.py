"""ACLED sub-event types from the rule table (data/acled.json), on sentences written for these tests."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pandas
import pytest

from chronicle.events.acled import acled_record, acled_table, classify
from chronicle.records import Actor, EventActor, EventDate, EventSource, Place, Quantity, TimelineEvent
from chronicle.report import ACLED_COLUMNS, render_acled, render_geojson, render_plover, timeline_data
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import ingest_paths

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


# ------------------------------------------------------------------ exports, from the seeds

# RFC 7946, the parts an export can get wrong: a FeatureCollection of Point Features with
# [longitude, latitude] in range, and properties objects.
GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "properties": {"type": ["object", "null"]},
                "geometry": {
                    "type": "object",
                    "required": ["type", "coordinates"],
                    "properties": {
                        "type": {"const": "Point"},
                        "coordinates": {"type": "array", "minItems": 2, "maxItems": 3, "prefixItems": [
                            {"type": "number", "minimum": -180, "maximum": 180},
                            {"type": "number", "minimum": -90, "maximum": 90},
                        ]},
                    },
                },
            },
        }},
    },
}

ACLED_TYPES = {
    "year": "Int64", "time_precision": "Int64", "inter1": "Int64", "inter2": "Int64", "interaction": "Int64",
    "iso": "Int64", "geo_precision": "Int64", "fatalities": "Int64", "timestamp": "Int64",
    "latitude": "float64", "longitude": "float64",
}


@pytest.fixture(scope="module")
def seed_timeline(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> dict[str, Any]:
    with Store(tmp_path_factory.mktemp("acled") / "seeds.db") as store:
        ingest_paths([seed_paths[0].parent], store, Settings())
        return timeline_data(store.documents(), store.timeline_events())


def test_pandas_reads_the_acled_export_with_acleds_column_types(seed_timeline: dict[str, Any]) -> None:
    text = render_acled(seed_timeline)
    frame = pandas.read_csv(io.StringIO(text), dtype=ACLED_TYPES | {c: "string" for c in ACLED_COLUMNS
                                                                     if c not in ACLED_TYPES})
    assert tuple(frame.columns) == ACLED_COLUMNS and len(frame) > 0
    in_scope = [e for e in seed_timeline["events"] if e["acled"] and e["date"]["start"]]
    assert len(frame) == len(in_scope)
    assert set(frame["event_type"]) <= {t.event_type for t in acled_table()[0].values()}
    assert frame["event_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert (frame["year"] == frame["event_date"].str[:4].astype("Int64")).all()
    battles = frame[frame["event_type"] == "Battles"]
    # two states said to fight each other are its two sides; an unattributed battle keeps none
    assert (battles["actor1"].notna() & battles["actor2"].notna() & (battles["interaction"] == 11)).any()


def test_the_geojson_export_is_valid_geojson(seed_timeline: dict[str, Any]) -> None:
    data = json.loads(render_geojson(seed_timeline))
    jsonschema.validate(data, GEOJSON_SCHEMA)
    located = [e for e in seed_timeline["events"] if e["location"] and e["location"]["lat"] is not None]
    assert len(data["features"]) == len(located) > 0


def test_each_document_names_the_event_its_lede_reports(seed_timeline: dict[str, Any]) -> None:
    events = {e["id"]: e for e in seed_timeline["events"]}
    for doc in seed_timeline["documents"]:
        event = events[doc["main_event"]]
        own = [s["start"] for s in event["sources"] if s["doc"] == doc["id"]]
        # the document reports it, in its opening sentences, not somewhere down the article
        assert own and doc["body"].count(". ", 0, min(own)) < 4, (doc["id"], event["summary"])


def test_the_plover_export_gives_one_record_per_event_in_plovers_field_names(seed_timeline: dict[str, Any]) -> None:
    lines = render_plover(seed_timeline).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [e["id"] for e in seed_timeline["events"]]
    for record, event in zip(records, seed_timeline["events"], strict=True):
        assert record["event"] == event["type"] and record["text"] == event["sources"][0]["sentence"]
        initiators = [a["name"] for a in event["actors"] if a["role"] == "source"]
        assert [a["actorText"] for a in record["source"]] == initiators
