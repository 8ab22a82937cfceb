"""The analyst's page in Debian's chromium: the map, filters that live in the URL, exports of the
selection, the brief and the agreement matrix; the server's safeguards (allowed Host headers,
nosniff, offline API docs); and the page on a store of 100,000 events."""

from __future__ import annotations

import csv
import importlib.util
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Request, Response, expect

from chronicle.api import create_app, running_server
from chronicle.settings import Settings
from conftest import REPO, Watched, wait_rows


def fragment(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).fragment)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_function("() => document.querySelectorAll('#event-list li').length > 0")


def test_the_map_shows_located_events_and_a_click_filters_to_the_place(page: Watched, served: str) -> None:
    p = page.page
    open_page(p, served + "/")
    marker = p.locator("#map path.leaflet-interactive[stroke-width]").last
    expect(p.locator("#map-count")).to_contain_text("1 located events at 1 places")
    # the country outlines are drawn from the vendored Natural Earth file, without a tile server
    assert p.locator("#map .leaflet-overlay-pane path").count() > 100
    assert p.locator("#map .leaflet-tile").count() == 0
    marker.click(force=True)
    wait_rows(p, ["ev-offensive"])
    assert fragment(p)["place"] == ["Karabakh"]
    expect(p.locator("#place-filter")).to_contain_text("Karabakh")
    p.click("#place-filter button.clear")
    expect(p.locator("#event-list li.event")).to_have_count(5)
    assert "place" not in fragment(p)
    assert page.errors == []


def test_filters_live_in_the_url_links_share_them_and_back_undoes_them(page: Watched, served: str) -> None:
    p = page.page
    open_page(p, served + "/")
    p.click("#filter-types .chip[data-type=CONSULT]")
    wait_rows(p, ["ev-talks"])
    wait_rows(p, ["ev-meeting"], "undated-list")
    p.select_option("#filter-outlet", "Alpha News")
    wait_rows(p, [], "undated-list")
    assert fragment(p)["type"] == ["CONSULT"]
    p.wait_for_function("() => location.hash.includes('outlet=Alpha')")
    shared = p.url
    # the link, opened in a new page, shows the same selection
    other = p.context.new_page()
    open_page(other, shared)
    wait_rows(other, ["ev-talks"])
    assert other.locator("#filter-types .chip[data-type=CONSULT]").get_attribute("aria-pressed") == "true"
    wait_rows(other, [], "undated-list")
    assert other.locator("#filter-outlet").input_value() == "Alpha News"
    other.close()
    # back: the outlet filter goes, then the type filter
    p.go_back()
    p.wait_for_function("() => !location.hash.includes('outlet=')")
    wait_rows(p, ["ev-meeting"], "undated-list")
    assert p.locator("#filter-outlet").input_value() == ""
    p.go_back()
    expect(p.locator("#event-list li.event")).to_have_count(5)
    assert p.locator("#filter-types .chip[data-type=CONSULT]").get_attribute("aria-pressed") == "false"
    # the selected event and the tab are in the URL too
    p.click("#event-list li.event[data-id=ev-offensive]")
    p.wait_for_function("() => location.hash.includes('event=ev-offensive')")
    p.click("#tab-disagreements")
    wait_rows(p, ["ev-offensive"], "disagreement-list")
    again = p.context.new_page()
    again.goto(p.url)
    again.wait_for_selector("#details[data-id=ev-offensive]")
    assert again.locator("#view-disagreements").is_visible()
    again.close()
    assert page.errors == []


def test_exports_hold_the_current_selection(page: Watched, served: str) -> None:
    p = page.page
    open_page(p, served + "/")
    p.click("#filter-types .chip[data-type=ASSAULT]")
    wait_rows(p, ["ev-offensive", "ev-killed"])
    hrefs = {a.get_attribute("data-format"): a.get_attribute("href") for a in p.locator("#exports a.export").all()}
    assert set(hrefs) == {"csv", "json", "geojson", "md", "acled"}
    with p.expect_download() as download:
        p.click("#exports a.export[data-format=csv]")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert sorted(r["event_id"] for r in rows) == ["ev-killed", "ev-offensive"]
    assert all(r["event_type"] == "ASSAULT" for r in rows)
    geo = httpx.get(served + "/" + str(hrefs["geojson"])).json()
    assert [f["properties"]["id"] for f in geo["features"]] == ["ev-offensive"]  # the one with a place
    brief = httpx.get(served + "/" + str(hrefs["md"])).text
    assert "ASSAULT" in brief or "attack" in brief.lower()
    assert page.errors == []


def test_event_detail_shows_each_outlet_and_why_reports_were_merged(page: Watched, served: str) -> None:
    p = page.page
    open_page(p, served + "/#event=ev-offensive")
    details = p.locator("#details[data-id=ev-offensive]")
    expect(details.locator("tbody.source")).to_have_count(2)
    text = details.inner_text()
    assert "merged because: same type; same day; same wording: operation" in text
    assert "published 2023-09-20" in text and "published 2023-09-21" in text  # each report's document date
    assert page.errors == []


def test_the_brief_and_the_agreement_matrix(page: Watched, served: str) -> None:
    p = page.page
    open_page(p, served + "/#since=2023-09&until=2023-09")
    p.click("#tab-brief")
    expect(p.locator("#brief li").first).to_be_visible()
    cites = p.locator("#brief a.cite-link").all_inner_texts()
    assert cites and all(c.startswith("[") and c.endswith("]") for c in cites)
    assert "2023-09" in p.locator("#brief-note").inner_text()
    p.click("#tab-agreement")
    cell = p.locator("#matrix tr[data-key=border_delimitation] td.cell").first
    cell.click()
    expect(p.locator("#details[data-kind=provision] ol.history li").first).to_be_visible()
    months = p.locator("#matrix thead th.month").all_inner_texts()
    assert months == sorted(m for m in months if m != "undated") + (["undated"] if "undated" in months else [])
    assert page.errors == []


# ------------------------------------------------------------------------ the server's safeguards


def test_only_allowed_host_headers_are_answered(served: str) -> None:
    assert httpx.get(served + "/api/facets").status_code == 200
    assert httpx.get(served + "/api/facets", headers={"Host": "localhost:8000"}).status_code == 200
    # a page on another site whose name now points here (DNS rebinding) gets nothing
    assert httpx.get(served + "/api/facets", headers={"Host": "evil.example"}).status_code == 400
    assert httpx.get(served + "/", headers={"Host": "evil.example:80"}).status_code == 400


def test_json_is_nosniff_and_the_page_keeps_its_policy(served: str) -> None:
    for path in ("/api/events", "/api/facets", "/api/events/histogram", "/openapi.json"):
        response = httpx.get(served + path)
        assert response.headers["x-content-type-options"] == "nosniff", path
    page = httpx.get(served + "/")
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_the_api_docs_work_offline(page: Watched, served: str) -> None:
    p = page.page
    outside: list[str] = []

    def only_local(route: Any, request: Request) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    p.route("**/*", only_local)
    for path, ready in (("/docs", ".swagger-ui .opblock"), ("/redoc", "redoc-wrap, .redoc-wrap, [role=search]")):
        p.goto(served + path)
        p.wait_for_selector(ready, timeout=20_000)
    assert outside == []


# ------------------------------------------------------------------------ 100,000 events


def _bench_build() -> Any:
    spec = importlib.util.spec_from_file_location("bench_api", REPO / "bench" / "api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("big") / "events.db"
    _bench_build()(db, 100_000, 2_000)  # the API benchmark's synthetic store
    with running_server(create_app(Settings(db_path=db))) as url:
        yield url


def test_the_page_renders_100k_events_in_under_two_seconds_one_page_at_a_time(page: Watched, big: str) -> None:
    p = page.page
    requested: list[str] = []
    largest_page = 0

    def watch(response: Response) -> None:
        nonlocal largest_page
        path = urlsplit(response.url).path
        requested.append(path)
        if path == "/api/events":
            largest_page = max(largest_page, len(response.json()["items"]))

    p.on("response", watch)
    httpx.get(big + "/api/facets")  # the server's first query opens its connection
    started = time.monotonic()
    p.goto(big + "/")
    p.wait_for_selector("body[data-ready=true]")
    p.wait_for_function("() => document.querySelectorAll('#event-list li.event').length === 100")
    rendered = p.evaluate("performance.now()")  # since the navigation started
    print(f"page rendered with 100,000 events in {rendered:.0f} ms")
    assert rendered < 2000, f"rendered in {rendered:.0f} ms"
    assert time.monotonic() - started < 5
    assert "/api/timeline" not in requested and "/api/export" not in requested
    assert 0 < largest_page <= 100
    expect(p.locator("#count-shown")).to_contain_text("100000 events")
    # paging is the API's: the next page is another request of one page
    p.click("#event-pager button.next")
    p.wait_for_function("() => location.hash.includes('page-dated=1')")
    p.wait_for_function("() => document.querySelector('#event-pager').textContent.includes('101–200')")
    assert largest_page <= 100
    assert page.errors == []
