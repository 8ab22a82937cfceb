"""The web page: the self-contained HTML file, and both pages driven in Debian's chromium
through Playwright (served by a real uvicorn server on loopback, and opened from disk)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from playwright.sync_api import expect

from chronicle.agree import agreement_json
from chronicle.api import create_app, running_server
from chronicle.report import timeline_data
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.web import STATIC_DIR, embed_json, page_html, render_html
from chronicle.web.page import SCRIPTS
from chronicle.workflow import ingest_paths
from conftest import Watched, rows, wait_rows
from test_api import HOSTILE, build_db

# Visible in the hostile document's evidence; must show literally, as text.
LITERAL = "<img src=x onerror="
# Items on the vis timeline (a box also draws a line and a dot, which carry .vis-item too).
ITEMS = "#timeline .vis-item.vis-box, #timeline .vis-item.vis-range"


def export(db: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with Store(db) as store:
        return timeline_data(store.documents(), store.timeline_events()), agreement_json(store.provisions())


# ------------------------------------------------------------------------ the file, without a browser


def test_embedded_json_cannot_close_its_script_element() -> None:
    data = {"body": "a </script><script>alert(1)</script> & <!-- b --> \u2028"}
    text = embed_json(data)
    assert not set("<>&") & set(text)
    assert json.loads(text) == data  # \u003c etc. are plain JSON escapes


def test_render_html_is_self_contained_and_round_trips_the_data(tmp_path: Path) -> None:
    data, provisions = export(build_db(tmp_path / "c.db"))
    html = render_html(data, provisions)
    # Nothing is loaded from anywhere: no script src, no stylesheet link, no fetch target needed.
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"<link[^>]*stylesheet", html)
    assert "vis-timeline" in html and "function highlight" in html and "Leaflet" in html
    block = re.search(r'<script type="application/json" id="chronicle-data">(.*?)</script>', html, re.S)
    assert block is not None
    embedded = json.loads(block[1])
    assert {k: embedded[k] for k in ("timeline", "provisions")} == {"timeline": data, "provisions": provisions}
    assert "countries" in embedded["world"]["objects"]  # the map's outlines travel with the file
    # Every </script> in the file closes one of our script elements (five libraries and the
    # app, then the data), never the data early.
    assert html.lower().count("</script>") == len(SCRIPTS) + 1
    assert HOSTILE not in html


def test_inline_scripts_are_the_only_ones_the_policy_allows(tmp_path: Path) -> None:
    html = render_html(*export(build_db(tmp_path / "c.db")))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    allowed = set(re.findall(r"'(sha256-[^']+)'", policy[1]))
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == len(SCRIPTS)
    hashes = {"sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert hashes == allowed


def test_the_app_script_never_writes_html() -> None:
    source = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink


def test_served_page_uses_the_same_template_and_assets() -> None:
    html = page_html()
    for asset in re.findall(r'(?:src|href)="static/([^"]+)"', html):
        assert (STATIC_DIR / asset).is_file(), asset
    assert 'id="chronicle-data"' not in html  # the served page fetches from the API
    vendor = STATIC_DIR / "vendor"
    assert (vendor / "LICENSE.md").is_file() and "8.5.4" in (vendor / "README.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------------ in the browser


def assert_inert(watched: Watched) -> None:
    page = watched.page
    assert page.evaluate("window.__pwned") is None
    assert page.title() == "chronicle · timeline"
    assert page.locator("img").count() == 0  # the <img> in the article text never became an element


def test_served_page_shows_events_filters_and_details(page: Watched, served: str, tmp_path: Path) -> None:
    p = page.page
    p.goto(served + "/")
    p.wait_for_selector("body[data-ready=true]")
    wait_rows(p, ["ev-year", "ev-offensive", "ev-killed", "ev-talks", "ev-hostile"])
    assert rows(p, "undated-list") == ["ev-meeting"]  # undated: listed, not dropped
    assert p.locator(ITEMS).count() == 5
    assert p.locator("#chart svg rect.seg").count() >= 2

    # Filters narrow the list (and the timeline).
    p.click("#filter-types .chip[data-type=CONSULT]")
    wait_rows(p, ["ev-talks"])
    wait_rows(p, ["ev-meeting"], "undated-list")
    assert p.locator(ITEMS).count() == 1
    p.click("#filter-reset")
    expect(p.locator("#event-list li.event")).to_have_count(5)
    p.fill("#filter-q", "anti-terrorism")
    wait_rows(p, ["ev-offensive"])
    wait_rows(p, [], "undated-list")
    p.fill("#filter-q", "")
    expect(p.locator("#event-list li.event")).to_have_count(5)
    p.select_option("#filter-actor", "Nikol Pashinyan")
    wait_rows(p, [])
    wait_rows(p, ["ev-meeting"], "undated-list")
    p.select_option("#filter-actor", "")
    p.fill("#filter-since", "2023-10")
    p.press("#filter-since", "Enter")
    wait_rows(p, ["ev-year", "ev-talks", "ev-hostile"])
    wait_rows(p, [], "undated-list")
    p.fill("#filter-since", "2023-13")
    p.press("#filter-since", "Enter")
    assert "invalid" in (p.get_attribute("#filter-since", "class") or "")
    p.click("#filter-reset")
    expect(p.locator("#event-list li.event")).to_have_count(5)

    # Clicking an event shows its actors, date basis, disagreement and each source's evidence.
    p.click("#event-list li.event[data-id=ev-offensive]")
    details = p.locator("#details")
    assert details.get_attribute("data-id") == "ev-offensive"
    text = details.inner_text()
    assert "The army launched an operation on 19 September." in text
    assert "An anti-terrorism operation began on 19 September." in text
    assert "basis: explicit" in text and "Azerbaijan" in text and "AZE" in text
    assert "disagree" in text.lower()
    assert details.locator("tbody.source").count() == 2  # one row per outlet
    # and why the second report was merged into the event
    assert details.locator(".merged-because").all_inner_texts() == [
        "merged because: same type; same day; same wording: operation"]
    assert details.locator("mark.trigger").all_inner_texts() == ["operation", "anti-terrorism operation"]
    p.screenshot(path=str(tmp_path / "served.png"), full_page=True)
    assert (tmp_path / "served.png").stat().st_size > 10_000
    assert page.errors == []


def test_clicking_a_timeline_item_selects_the_event(page: Watched, served: str) -> None:
    p = page.page
    p.goto(served + "/")
    p.wait_for_selector("body[data-ready=true]")
    p.locator("#timeline .vis-item.vis-range.t-CONSULT").first.click()
    assert p.locator("#details").get_attribute("data-id") == "ev-talks"
    assert "Talks were held in Brussels in October." in p.locator("#details").inner_text()


def test_hostile_article_text_renders_inert_everywhere(page: Watched, served: str, tmp_path: Path) -> None:
    p = page.page
    p.goto(served + "/")
    p.wait_for_selector("body[data-ready=true]")
    p.click("#event-list li.event[data-id=ev-hostile]")
    assert LITERAL in p.locator("#details").inner_text()
    p.click("#details a.doclink")
    expect(p.locator("#details")).to_have_attribute("data-kind", "document")  # fetched from the API
    assert "<script>window.__pwned=1;" in p.locator("#details .body").inner_text()
    p.click("#tab-stories")
    expect(p.locator("#stories")).to_contain_text("<script>document.title='pwned'</script>Headline")
    p.click("#tab-agreement")
    p.locator("#matrix td.cell").first.wait_for()
    for cell in p.locator("#matrix td.cell").all():  # each month's reports, sentence by sentence
        cell.click()
        if '<img src=x onerror="window.__pwned=3">' in p.locator("#details").inner_text():
            break
    else:
        raise AssertionError("the provision's hostile sentence is not shown as text")
    p.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    assert_inert(page)
    assert page.errors == []


def test_self_contained_file_works_from_disk(page: Watched, tmp_path: Path) -> None:
    data, provisions = export(build_db(tmp_path / "c.db"))
    target = tmp_path / "timeline.html"
    target.write_text(render_html(data, provisions), encoding="utf-8")
    p = page.page
    p.goto(target.as_uri())
    p.wait_for_selector("body[data-ready=true]")
    expect(p.locator("#event-list li.event")).to_have_count(5)
    assert rows(p, "undated-list") == ["ev-meeting"]
    assert p.locator(ITEMS).count() == 5  # vis-timeline ran under the hash-only policy
    expect(p.locator("#map .leaflet-interactive")).not_to_have_count(0)  # Leaflet drew the outlines
    p.click("#event-list li.event[data-id=ev-hostile]")
    assert LITERAL in p.locator("#details").inner_text()
    p.click("#tab-agreement")
    row = p.locator("#matrix tr[data-key=border_delimitation]")
    expect(row.locator(".badge").first).to_be_visible()
    reports = sum(int((c.get_attribute("title") or "0").split()[0]) for c in row.locator("td.cell").all())
    history = next(p["history"] for p in provisions if p["key"] == "border_delimitation")
    assert reports == len(history) >= 2  # every report of the provision is in one cell of the matrix
    p.screenshot(path=str(tmp_path / "file.png"), full_page=True)
    assert_inert(page)
    assert page.errors == []


# ------------------------------------------------------------------------ the real pipeline on the seeds


@pytest.fixture(scope="module")
def seeds_db(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "chronicle.db"
    settings = Settings(db_path=path)
    with Store(path) as store:
        summary = ingest_paths([seed_paths[0].parent], store, settings)
    assert not summary.failed, summary.failed
    return path


def test_seed_database_through_api_and_page(seeds_db: Path, seed_paths: list[Path], shared: Path,
                                            page: Watched, tmp_path: Path) -> None:
    schema = json.loads((shared / "spec" / "timeline.schema.json").read_text(encoding="utf-8"))
    with running_server(create_app(Settings(db_path=seeds_db))) as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            data = client.get("/api/timeline").json()
            jsonschema.validate(data, schema)
            assert {d["id"] for d in data["documents"]} == {p.stem for p in seed_paths}
            page_of_events = client.get("/api/events", params={"limit": 500}).json()
            assert [e["id"] for e in page_of_events["items"]] == [e["id"] for e in data["events"]]
            for event in data["events"]:  # every fact points to a sentence of its document's body
                for source in event["sources"]:
                    body = client.get(f"/api/documents/{source['doc']}").json()["body"]
                    assert body[source["start"]:source["end"]] == source["sentence"]
            provisions = client.get("/api/agreement").json()
            for provision in provisions:
                for step in provision["history"]:
                    assert step["doc"] in {d["id"] for d in data["documents"]} and step["sentence"]
            stories = client.get("/api/stories").json()
            grouped = sorted(d["id"] for s in stories for d in s["documents"])
            assert grouped == sorted(p.stem for p in seed_paths)
        p = page.page
        p.goto(url + "/")
        p.wait_for_selector("body[data-ready=true]")
        p.wait_for_function("() => document.querySelectorAll('li.event').length > 0")
        shown = rows(p) + rows(p, "undated-list")
        assert sorted(shown) == sorted(e["id"] for e in data["events"])
        p.click("#tab-stories")
        expect(p.locator("#stories article.story li")).to_have_count(len(seed_paths))
        p.click("#tab-agreement")
        expect(p.locator("#matrix tbody tr")).to_have_count(len(provisions))
        p.screenshot(path=str(tmp_path / "seeds.png"), full_page=True)
    assert page.errors == []
