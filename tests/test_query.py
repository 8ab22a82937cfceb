"""One query, one answer: the store's SQL, chronicle.query's Python rule, the CLI, the API and
the brief select the same events for the same filters (a property test over generated
queries, on a store of events dated at every precision)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chronicle.api import create_app
from chronicle.cli import app
from chronicle.query import EventQuery, date_overlaps, event_matches
from chronicle.records import EventActor, EventDate, TimelineEvent
from chronicle.report.brief import build_brief
from chronicle.settings import Settings
from chronicle.store import Store
from test_brief import ARM, docs, events


def _all_events() -> list[TimelineEvent]:
    extra = [
        TimelineEvent("e-range", "CONSULT", "Armenia holds talks",
                      EventDate("2023-11-28", "2023-12-02", "day", "28 November to 2 December", "explicit"),
                      [EventActor(ARM, "source")], sources=events()[0].sources),
        TimelineEvent("e-month", "ASSAULT", "Armenia shells a village",
                      EventDate("2024-06", None, "month", "June", "explicit"),
                      [EventActor(ARM, "source")], sources=events()[0].sources),
    ]
    return [*events(), *extra]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "c.db"
    with Store(path) as store:
        from chronicle.records import RawItem

        for doc in docs():
            store.write_document(doc, RawItem(id=doc.id, source=doc.source, kind="txt",
                                              content=doc.body.encode(), content_hash=doc.content_hash), "1")
        store.write_links(docs(), [], _all_events(), None)
    return path


@pytest.mark.parametrize(("start", "end", "since", "until", "expected"), [
    ("2024", None, "2024-06", "2024-12", True),  # a year overlaps any part of it
    ("2024-06-30", None, "2024-06", "2024-06", True),
    ("2024-07-01", None, None, "2024-06", False),
    ("2023-11-28", "2023-12-02", "2023-12", None, True),  # a range ending in the period
    ("2023", None, "2024", None, False),
    (None, None, "2023", None, False),  # undated: in no bounded range
    (None, None, None, None, True),
])
def test_the_range_rule(start: str | None, end: str | None, since: str | None, until: str | None,
                        expected: bool) -> None:
    assert date_overlaps(start, end, since, until) is expected


BOUNDS = st.sampled_from([None, "2023", "2023-11", "2023-12", "2023-12-01", "2023-12-14", "2023-12-31",
                          "2024", "2024-06", "2024-06-15", "2025"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    since=BOUNDS, until=BOUNDS,
    types=st.lists(st.sampled_from(["CONSULT", "RETREAT", "AGREE", "ASSAULT"]), max_size=2, unique=True),
    actor=st.sampled_from([None, "Armenia", "nikol pashinyan"]),
    country=st.sampled_from([None, "AZE", "ARM"]),
)
def test_store_cli_api_and_brief_agree(db: Path, since: str | None, until: str | None, types: list[str],
                                       actor: str | None, country: str | None) -> None:
    if since and until and since[:4] > until[:4]:
        return  # an empty range is refused (tested apart)
    query = EventQuery(types=tuple(types), actor=actor, country=country, since=since, until=until)
    expected = [e.id for e in _all_events() if event_matches(e, query)]
    with Store(db) as store:
        if since and until and not date_overlaps(since, None, None, until):
            return
        in_store = [e.id for e in store.all_events(query)]
    assert sorted(in_store) == sorted(expected)
    args = ["timeline", "--db", str(db)]
    params: dict[str, str | list[str]] = {"limit": "500"}
    for name, value in (("since", since), ("until", until), ("actor", actor), ("country", country)):
        if value:
            args += [f"--{name}", value]
            params[name] = value
    for t in types:
        args += ["--type", t]
    if types:
        params["type"] = types
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(e["id"] for e in json.loads(result.stdout)["events"]) == sorted(expected)
    target = db.parent / "events.parquet"
    result = CliRunner().invoke(app, [*args, "--format", "parquet", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert sorted(pq.read_table(target).column("id").to_pylist()) == sorted(expected)
    with TestClient(create_app(Settings(db_path=db))) as client:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        assert sorted(e["id"] for e in response.json()["items"]) == sorted(expected)
    if not types and not actor and not country:
        with Store(db) as store:
            brief = build_brief(store.documents(), store.timeline_events(), [], since=since, until=until)
        assert sorted(item.ref for item in brief.events) == sorted(expected)


def _page_events() -> list[TimelineEvent]:
    """The events above, with the facts the page filters by: ACLED's coding (as the linker
    sets it), a place, a disagreement."""
    from dataclasses import replace

    from chronicle.events.acled import acled_record
    from chronicle.records import Disagreement, Place

    out = []
    for i, event in enumerate(_all_events()):
        event = replace(event, location=Place("Goris", "ARM", 39.5, 46.3) if i % 2 else None,
                        disagreements=[Disagreement("date", [])] if i % 3 == 0 else [])
        event.acled = acled_record(event)
        out.append(event)
    return out


@pytest.mark.parametrize("query", [
    EventQuery(dated=True), EventQuery(dated=False), EventQuery(dated=False, since="2023"),
    EventQuery(disagreement=True), EventQuery(place="Goris"), EventQuery(place="Goris", types=("ASSAULT",)),
    EventQuery(acled_types=("Attack",)), EventQuery(acled_types=("Agreement",)),
    EventQuery(acled_types=("Attack", "Agreement"), disagreement=True),
    # actors, countries and documents are looked up in their own indexes
    EventQuery(actor="Armenia"), EventQuery(country="ARM"), EventQuery(country="AZE"), EventQuery(actor="Nobody"),
    EventQuery(doc=events()[0].sources[0].doc), EventQuery(actor="Armenia", types=("ASSAULT",)),
], ids=repr)
def test_the_page_s_filters_select_in_the_store_what_the_rule_selects(tmp_path: Path, query: EventQuery) -> None:
    events = _page_events()
    assert any(e.acled for e in events) and any(e.location for e in events)
    with Store(tmp_path / "p.db") as store:
        store.write_links(docs(), [], events, None)
        found = sorted(e.id for e in store.all_events(query))
        assert store.count_events(query) == len(found)
    assert found == sorted(e.id for e in events if event_matches(e, query))


def _chart(events: list[TimelineEvent], unit: str) -> list[tuple[str, str, int]]:
    """The chart's rule in plain Python: a week (its Monday) counts day-precise events, a month
    events known to the month, a year every dated event."""
    counts: Counter[tuple[str, str]] = Counter()
    for event in events:
        start = event.date.start
        if not start or (unit == "week" and len(start) != 10) or (unit == "month" and len(start) < 7):
            continue
        if unit == "week":
            day = date.fromisoformat(start)
            period = (day - timedelta(days=day.weekday())).isoformat()
        else:
            period = start[:7] if unit == "month" else start[:4]
        counts[(period, event.type)] += 1
    return sorted((period, kind, n) for (period, kind), n in counts.items())


@pytest.mark.parametrize("unit", ["week", "month", "year"])
def test_the_chart_and_the_date_span_count_what_the_rule_selects(tmp_path: Path, unit: str) -> None:
    events = _page_events()
    lengths = {len(e.date.start or "") for e in events}
    assert 0 in lengths and 10 in lengths and lengths & {4, 7}  # undated, day, and coarser dates
    with Store(tmp_path / "h.db") as store:
        store.write_links(docs(), [], events, None)
        for query in (EventQuery(), EventQuery(types=("ASSAULT",)), EventQuery(country="ARM", since="2023-09")):
            chosen = [e for e in events if event_matches(e, query)]
            assert store.event_histogram(query, unit) == _chart(chosen, unit)  # type: ignore[arg-type]
            dated = [e for e in chosen if e.date.start]
            assert store.date_span(query) == (min(e.date.start or "" for e in dated),
                                              max(e.date.end or e.date.start or "" for e in dated))
        store.write_links(docs(), [], events[:3], None)  # the others removed: what was read is read again
        assert store.count_events(EventQuery()) == 3
        assert store.event_histogram(EventQuery(), unit) == _chart(events[:3], unit)  # type: ignore[arg-type]
