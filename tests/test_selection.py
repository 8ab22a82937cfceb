"""chronicle.store.selection: the in-memory selection of merged events, on hand-made columns."""

from __future__ import annotations

import numpy as np
import pytest

from chronicle.query import EventQuery
from chronicle.store.selection import MaskCache, PlaceColumns, TimelineColumns

# (rowid, type, date_start, date_end, corroboration, story), in timeline order; rowids out of order,
# as rewritten events leave them.
ROWS = [
    (7, "ASSAULT", "2023", "2023", 1, "s1"),
    (3, "AGREE", "2023-09", "2023-09", 2, "s1"),
    (12, "ASSAULT", "2023-09-19", "2023-09-20", 3, "s2"),
    (5, "CONSULT", "2023-09-25", "2023-09-25", 1, None),
    (9, "AGREE", "2024-01-01", "2024-01-01", 1, "s2"),
    (4, "ASSAULT", None, None, 2, None),
]
COLUMNS = TimelineColumns.from_rows(ROWS)


def chosen(mask: np.ndarray) -> list[int]:
    return [int(r) for r in COLUMNS.rowids[mask]]


@pytest.mark.parametrize(("query", "rowids"), [
    (EventQuery(), [7, 3, 12, 5, 9, 4]),
    (EventQuery(types=("ASSAULT",)), [7, 12, 4]),
    (EventQuery(types=("ASSAULT", "AGREE")), [7, 3, 12, 9, 4]),
    (EventQuery(types=("RETREAT",)), []),  # a type no event has
    (EventQuery(story="s2"), [12, 9]),
    (EventQuery(story="nowhere"), []),
    (EventQuery(min_corroboration=2), [3, 12, 4]),
    (EventQuery(dated=False), [4]),
    (EventQuery(dated=True), [7, 3, 12, 5, 9]),
    # partial dates cover their whole period, and so do the bounds
    (EventQuery(since="2023-09-20"), [7, 3, 12, 5, 9]),
    (EventQuery(since="2023-09-21"), [7, 3, 5, 9]),
    (EventQuery(until="2023-09-18"), [7, 3]),
    (EventQuery(since="2023-10", until="2023-12"), [7]),
    (EventQuery(since="2024"), [9]),
    (EventQuery(types=("AGREE",), since="2023-09-30", until="2024"), [3, 9]),
], ids=repr)
def test_column_filters_select_by_the_query_rule(query: EventQuery, rowids: list[int]) -> None:
    assert chosen(COLUMNS.select(query)) == rowids


def test_a_lookup_mask_is_anded_and_rowids_gone_from_the_timeline_are_ignored() -> None:
    looked_up = COLUMNS.mask_of(np.array([12, 4, 99, 1], dtype=np.int64))  # 99 and 1 are no events
    assert chosen(looked_up) == [12, 4]
    assert chosen(COLUMNS.select(EventQuery(dated=True), [looked_up])) == [12]
    positions, found = COLUMNS.positions_of(np.array([5, 6], dtype=np.int64))
    assert positions.tolist() == [3] and found.tolist() == [True, False]  # rowid 6 is no event
    assert not COLUMNS.mask_of(np.array([], dtype=np.int64)).any()


@pytest.mark.parametrize(("unit", "expected"), [
    # 2023-09-19 is a Tuesday, 2023-09-25 a Monday, 2024-01-01 a Monday; a week holds days only
    ("week", [("2023-09-18", "ASSAULT", 1), ("2023-09-25", "CONSULT", 1), ("2024-01-01", "AGREE", 1)]),
    ("month", [("2023-09", "AGREE", 1), ("2023-09", "ASSAULT", 1), ("2023-09", "CONSULT", 1),
               ("2024-01", "AGREE", 1)]),
    ("year", [("2023", "AGREE", 1), ("2023", "ASSAULT", 2), ("2023", "CONSULT", 1), ("2024", "AGREE", 1)]),
])
def test_the_chart_counts_dated_events_by_period_and_type(unit: str, expected: list[tuple[str, str, int]]) -> None:
    assert COLUMNS.histogram(COLUMNS.select(EventQuery()), unit) == expected  # type: ignore[arg-type]


def test_the_date_span_is_the_earliest_start_and_the_latest_end() -> None:
    assert COLUMNS.date_span(COLUMNS.select(EventQuery())) == ("2023", "2024-01-01")
    assert COLUMNS.date_span(COLUMNS.select(EventQuery(story="s1"))) == ("2023", "2023-09")
    assert COLUMNS.date_span(COLUMNS.select(EventQuery(dated=False))) == (None, None)


def test_places_are_ranked_by_the_selected_events_then_by_name() -> None:
    places = PlaceColumns.from_rows([
        (7, "Goris", "ARM", 39.5, 46.3, "own"), (12, "Goris", "ARM", 39.5, 46.3, "own"),
        (3, "Baku", "AZE", 40.4, 49.9, "capital"), (9, "Agdam", "AZE", 40.0, 46.9, "own"),
        (99, "Nowhere", None, 0.0, 0.0, None),  # no event of the timeline
    ], COLUMNS)
    ranked = places.busiest(COLUMNS.select(EventQuery()), 10)
    assert [(p["name"], p["events"]) for p in ranked] == [("Goris", 2), ("Agdam", 1), ("Baku", 1)]
    assert ranked[2]["coord_basis"] == "capital"
    assert [p["name"] for p in places.busiest(COLUMNS.select(EventQuery(types=("AGREE",))), 1)] == ["Agdam"]


def test_the_mask_cache_drops_the_least_recently_used_beyond_its_budget() -> None:
    cache = MaskCache(budget_bytes=2 * len(COLUMNS))
    for name in ("a", "b"):
        cache.put(("actor", name), COLUMNS.select(EventQuery()))
    assert cache.get(("actor", "a")) is not None  # now the most recently used
    cache.put(("actor", "c"), COLUMNS.select(EventQuery()))
    assert cache.get(("actor", "b")) is None
    assert cache.get(("actor", "a")) is not None and cache.get(("actor", "c")) is not None
    cache.clear()
    assert cache.get(("actor", "a")) is None
