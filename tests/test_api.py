"""The REST API on a real uvicorn server (loopback, free port) over a real SQLite file built
from code; hostile-input checks also run in process (TestClient) under hypothesis."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import jsonschema
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from chronicle.api import create_app, running_server
from chronicle.records import (
    Actor,
    Disagreement,
    Document,
    EventActor,
    EventDate,
    EventSource,
    Place,
    Provision,
    ProvisionStatus,
    Quantity,
    RawItem,
    Story,
    TimelineEvent,
)
from chronicle.settings import Settings
from chronicle.store import Store

TOKEN = "s3cret-token-for-tests"
HOSTILE = ("Officials said <script>window.__pwned=1;document.title='pwned'</script> and "
           "<img src=x onerror=\"window.__pwned=2\"> twice.")
TREATY = "A peace treaty draft was discussed; border delimitation remained unresolved."

# ------------------------------------------------------------------------ synthetic database

DOCS: list[dict[str, Any]] = [
    {"id": "alpha-1", "outlet": "Alpha News", "published": "2023-09-20", "title": "Offensive launched",
     "body": "The army launched an operation on 19 September. Officials said 32 soldiers were killed. "
             "Talks were held in Brussels in October."},
    {"id": "beta-1", "outlet": "Beta Times", "published": "2023-09-21", "title": "Anti-terror measures",
     "body": "An anti-terrorism operation began on 19 September. About 30 servicemen died."},
    {"id": "gamma-1", "outlet": "Gamma Wire", "published": None, "title": "Leaders meet",
     "body": "The leaders met in Granada. "
             "A peace treaty draft was discussed; border delimitation remained unresolved."},
    {"id": "hostile", "outlet": "Evil <b>Outlet</b>", "published": "2023-10-02",
     "title": "<script>document.title='pwned'</script>Headline",
     "body": HOSTILE + " Nothing else happened."},
]


def _source(doc_id: str, sentence: str, wording: str | None = None,
            date: EventDate | None = None) -> EventSource:
    body = next(d["body"] for d in DOCS if d["id"] == doc_id)
    start = body.index(sentence)
    return EventSource(doc=doc_id, sentence=sentence, start=start, end=start + len(sentence), wording=wording,
                       date=date)


def _actor(name: str, country: str | None, kind: str = "country", role: str = "source") -> EventActor:
    return EventActor(actor=Actor(name=name, country=country, kind=kind), role=role)  # type: ignore[arg-type]


def timeline_events() -> list[TimelineEvent]:
    day = EventDate(start="2023-09-19", precision="day", basis="explicit", text="19 September")
    return [  # in timeline order, as chronicle.link writes them
        TimelineEvent(
            id="ev-year", type="AGREE", summary="A peace treaty draft was discussed",
            date=EventDate(start="2023", precision="year", basis="explicit"),
            actors=[_actor("Armenia", "ARM"), _actor("Azerbaijan", "AZE", role="target")],
            sources=[_source("gamma-1", TREATY)],
        ),
        TimelineEvent(
            id="ev-offensive", type="ASSAULT", summary="Azerbaijan launched an offensive in Karabakh",
            date=day, actors=[_actor("Azerbaijan", "AZE"), _actor("Armenia", "ARM", role="target")],
            location=Place(name="Karabakh", country="AZE", lat=39.8, lon=46.75),
            quantities=[Quantity(value=32, what="soldiers killed", text="32 soldiers")],
            sources=[
                _source("alpha-1", "The army launched an operation on 19 September.", "operation", day),
                replace(_source("beta-1", "An anti-terrorism operation began on 19 September.",
                                "anti-terrorism operation", day),
                        merged_because=["same type", "same day", "same wording: operation"]),
            ],
            corroboration=2, story="story-sept",
            disagreements=[Disagreement(field="quantity", values=[
                {"value": 32, "sources": ["alpha-1"]}, {"value": 30, "sources": ["beta-1"]}])],
        ),
        TimelineEvent(
            id="ev-killed", type="ASSAULT", summary="Soldiers killed",
            date=EventDate(start="2023-09-20", precision="day", basis="publication"),
            actors=[_actor("Armenia", "ARM", role="target")],
            sources=[_source("alpha-1", "Officials said 32 soldiers were killed.")], story="story-sept",
        ),
        TimelineEvent(
            id="ev-talks", type="CONSULT", summary="Talks held in Brussels",
            date=EventDate(start="2023-10", precision="month", basis="explicit", text="in October"),
            actors=[_actor("Charles Michel", None, kind="person", role="other")],
            location=Place(name="Brussels", country="BEL"),
            sources=[_source("alpha-1", "Talks were held in Brussels in October.")],
        ),
        TimelineEvent(
            id="ev-hostile", type="DISAPPROVE", summary="Officials said something hostile",
            date=EventDate(start="2023-10-02", precision="day", basis="publication"),
            actors=[_actor("Officials", None, kind="group")],
            sources=[_source("hostile", HOSTILE)],
        ),
        TimelineEvent(
            id="ev-meeting", type="CONSULT", summary="Leaders met in Granada",
            date=EventDate(),  # the source gives no date: stays undated
            actors=[_actor("Ilham Aliyev", "AZE", kind="person"),
                    _actor("Nikol Pashinyan", "ARM", kind="person")],
            sources=[_source("gamma-1", "The leaders met in Granada.", "met")],
        ),
    ]


PROVISIONS: list[Provision] = [
    Provision(key="border_delimitation", label="Border delimitation", definition="Where the border runs.",
              history=[
        ProvisionStatus(provision="border_delimitation", status="proposed", date="2023-09-20", doc="alpha-1",
                        outlet="Alpha News", sentence="Talks were held in Brussels in October.", cue="Talks"),
        ProvisionStatus(provision="border_delimitation", status="unresolved", date=None, doc="gamma-1",
                        outlet="Gamma Wire", cue="remained unresolved", agreement="peace treaty",
                        sentence=TREATY),
    ]),
    Provision(key="hostile", label="<img src=x onerror=\"window.__pwned=3\">", history=[
        ProvisionStatus(provision="hostile", status="agreed", date="2023-10-02", doc="hostile",
                        sentence=HOSTILE, cue="<script>")]),
]


def build_db(path: Path) -> Path:
    """A real chronicle database: documents written as the pipeline would, then links and provisions."""
    with Store(path) as store:
        docs = []
        for d in DOCS:
            doc = Document(id=d["id"], source=f"{d['id']}.txt", content_hash=f"h-{d['id']}",
                           outlet=d["outlet"], title=d["title"], published=d["published"],
                           published_basis="metadata" if d["published"] else "unknown",
                           body=d["body"], language="en")
            store.write_document(doc, RawItem(id=d["id"], source=f"{d['id']}.txt", kind="txt",
                                              content=d["body"].encode(), content_hash=f"h-{d['id']}"), "1")
            docs.append(doc)
        for doc in docs:
            doc.story = "story-sept" if doc.id in ("alpha-1", "beta-1") else None
        story = Story(id="story-sept", doc_ids=["alpha-1", "beta-1"], title="September offensive")
        store.write_links(docs, [story], timeline_events(), None, PROVISIONS)
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "chronicle.db")


@pytest.fixture(scope="module")
def base_url(db_path: Path) -> Iterator[str]:
    with running_server(create_app(Settings(db_path=db_path))) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


# ------------------------------------------------------------------------ reads


def test_events_come_in_timeline_order_with_undated_last(client: httpx.Client) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 6 and body["limit"] == 100 and body["offset"] == 0
    assert [e["id"] for e in body["items"]][-1] == "ev-meeting"
    assert [e["id"] for e in body["items"]][:2] == ["ev-year", "ev-offensive"]
    offensive = body["items"][1]
    assert [s["outlet"] for s in offensive["sources"]] == ["Alpha News", "Beta Times"]  # from the documents
    assert [s["merged_because"] for s in offensive["sources"]] == [
        [], ["same type", "same day", "same wording: operation"]]  # why the second report joined
    assert offensive["disagreements"][0]["field"] == "quantity"


def test_type_filter_is_repeatable_or_comma_separated_and_case_insensitive(client: httpx.Client) -> None:
    assert set(ids(client.get("/api/events", params={"type": "CONSULT"}))) == {"ev-talks", "ev-meeting"}
    both = {"ev-talks", "ev-meeting", "ev-offensive", "ev-killed"}
    assert set(ids(client.get("/api/events", params=[("type", "consult"), ("type", "ASSAULT")]))) == both
    assert set(ids(client.get("/api/events", params={"type": "CONSULT,assault"}))) == both


def test_actor_country_story_and_corroboration_filters(client: httpx.Client) -> None:
    assert set(ids(client.get("/api/events", params={"actor": "nikol pashinyan"}))) == {"ev-meeting"}
    assert set(ids(client.get("/api/events", params={"country": "arm"}))) == {
        "ev-offensive", "ev-killed", "ev-meeting", "ev-year"}
    story = ids(client.get("/api/events", params={"story": "story-sept"}))
    assert set(story) == {"ev-offensive", "ev-killed"}
    assert ids(client.get("/api/events", params={"min_corroboration": 2})) == ["ev-offensive"]
    assert ids(client.get("/api/events", params={"doc": "beta-1"})) == ["ev-offensive"]


def test_date_range_keeps_overlapping_dated_events_only(client: httpx.Client) -> None:
    got = ids(client.get("/api/events", params={"since": "2023-10", "until": "2023-10-31"}))
    # The month event overlaps, the year event (2023) overlaps, the undated one is left out.
    assert set(got) == {"ev-talks", "ev-hostile", "ev-year"}
    assert set(ids(client.get("/api/events", params={"until": "2023-09-19"}))) == {"ev-offensive", "ev-year"}


def test_full_text_search_over_evidence_and_wordings(client: httpx.Client) -> None:
    assert ids(client.get("/api/events", params={"q": "anti-terrorism"})) == ["ev-offensive"]
    assert ids(client.get("/api/events", params={"q": "Granada"})) == ["ev-meeting"]
    assert ids(client.get("/api/events", params={"q": '") OR * NEAR('})) == []  # syntax is just words


def test_pagination_pages_through_everything_once(client: httpx.Client) -> None:
    everything = ids(client.get("/api/events"))
    paged: list[str] = []
    for offset in range(0, 6, 4):
        page = client.get("/api/events", params={"limit": 4, "offset": offset}).json()
        assert page["total"] == 6 and page["limit"] == 4 and page["offset"] == offset
        paged += [e["id"] for e in page["items"]]
    assert paged == everything
    assert client.get("/api/events", params={"offset": 100}).json()["items"] == []


@pytest.mark.parametrize(("params", "needle"), [
    ({"since": "2023-13"}, "since"),
    ({"until": "2023-02-30"}, "until"),
    ({"since": "yesterday"}, "since"),
    ({"since": "2023-10", "until": "2023-09"}, "after"),
    ({"limit": 0}, "limit"),
    ({"limit": 10000}, "limit"),
    ({"offset": -1}, "offset"),
    ({"limit": "ten"}, "limit"),
    ({"type": "BOMBING"}, "unknown event type"),
    ({"country": "Armenia"}, "alpha-3"),
    ({"min_corroboration": -2}, "min_corroboration"),
])
def test_bad_parameters_are_422_with_a_readable_message(client: httpx.Client, params: dict[str, Any],
                                                        needle: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert needle in response.json()["detail"]


def test_event_and_document_by_id_and_404s(client: httpx.Client) -> None:
    event = client.get("/api/events/ev-talks").json()
    assert event["date"] == {"start": "2023-10", "end": None, "precision": "month", "text": "in October",
                             "basis": "explicit", "source": None}
    doc = client.get("/api/documents/gamma-1").json()
    assert doc["published"] is None and doc["published_basis"] == "unknown"
    assert doc["body"].startswith("The leaders met")
    for path in ("/api/events/nope", "/api/documents/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "no " in response.json()["detail"]


@pytest.mark.parametrize("path", [
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/api/documents/../../etc/passwd",
    "/api/documents/%2e%2e/%2e%2e/etc/passwd",
    "/api/events/..%2F..%2Fetc%2Fpasswd",
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/%2e%2e/%2e%2e/app.py",
])
def test_ids_are_data_not_paths(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "create_app" not in response.text


def test_documents_list_and_search(client: httpx.Client) -> None:
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and "body" not in page["items"][0]
    assert ids(client.get("/api/documents", params={"q": "Granada"})) == ["gamma-1"]
    assert client.get("/api/documents", params={"limit": 501}).status_code == 422


def test_stories_group_documents(client: httpx.Client) -> None:
    stories = {s["id"]: s for s in client.get("/api/stories").json()}
    assert [d["id"] for d in stories["story-sept"]["documents"]] == ["alpha-1", "beta-1"]
    assert stories["story-sept"]["events"] == 2 and stories["story-sept"]["title"] == "September offensive"
    # A document in no stored story is a story of its own: nothing is left out.
    assert {"gamma-1", "hostile"} <= set(stories)


def test_agreement_lists_provisions_with_history(client: httpx.Client) -> None:
    provisions = client.get("/api/agreement").json()
    assert [p["key"] for p in provisions] == ["border_delimitation", "hostile"]
    assert [h["status"] for h in provisions[0]["history"]] == ["proposed", "unresolved"]
    assert provisions[0]["history"][1]["date"] is None
    assert provisions[0]["history"][1]["sentence"].endswith("remained unresolved.")
    # The latest status per agreement: an undated report does not override a dated one.
    assert {(h["agreement"], h["status"]) for h in provisions[0]["latest"]} == {
        (None, "proposed"), ("peace treaty", "unresolved")}


def test_timeline_is_the_public_schema(client: httpx.Client, shared: Path) -> None:
    schema = json.loads((shared / "spec" / "timeline.schema.json").read_text(encoding="utf-8"))
    data = client.get("/api/timeline").json()
    jsonschema.validate(data, schema)
    assert len(data["events"]) == 6 and len(data["documents"]) == 4


def test_the_streamed_timeline_is_the_export_with_each_event_s_time_of_change(client: httpx.Client,
                                                                             db_path: Path) -> None:
    from chronicle.report import timeline_data

    with Store(db_path) as store:
        expected = timeline_data(store.documents(), store.timeline_events())
    assert client.get("/api/timeline").json() == expected
    assert all(e["updated"] for e in expected["events"])


def test_openapi_documents_every_endpoint(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/events/{event_id}",
                 "/api/stories", "/api/agreement", "/api/timeline"):
        assert path in paths, path
    assert "post" in paths["/api/documents"]
    assert client.get("/docs").status_code == 200


def test_page_and_static_assets_are_served(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert 'src="static/app.js"' in page.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/vendor/vis-timeline-graph2d.min.js").status_code == 200


# ------------------------------------------------------------------------ writes


def test_read_only_server_refuses_uploads(client: httpx.Client) -> None:
    response = client.post("/api/documents", json={"id": "x", "text": "Some text about a ceasefire."},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = build_db(tmp_path_factory.mktemp("api-write") / "chronicle.db")
    with running_server(create_app(Settings(db_path=path), token=TOKEN)) as url:
        yield url


def test_upload_needs_the_right_token(writable: str) -> None:
    doc = {"id": "new-doc", "text": "Negotiators met in Geneva on 3 May 2024 to discuss the border."}
    with httpx.Client(base_url=writable, timeout=60) as c:
        missing = c.post("/api/documents", json=doc)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        wrong = c.post("/api/documents", json=doc, headers={"Authorization": "Bearer wrong"})
        assert wrong.status_code == 403
        basic = c.post("/api/documents", json=doc, headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401
        assert c.get("/api/documents/new-doc").status_code == 404  # nothing was written


def test_upload_json_then_the_document_is_queryable(writable: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    doc = {"id": "geneva-talks", "text": "Negotiators met in Geneva on 3 May 2024 to discuss the border.",
           "outlet": "Test Wire", "url": "https://example.org/geneva"}
    with httpx.Client(base_url=writable, timeout=120) as c:
        response = c.post("/api/documents", json=doc, headers=auth)
        assert response.status_code == 201, response.text
        assert response.json()["stored"] == ["geneva-talks"]
        stored = c.get("/api/documents/geneva-talks").json()
        assert stored["outlet"] == "Test Wire" and "Geneva" in stored["body"]
        assert ids(c.get("/api/documents", params={"q": "Geneva"})) == ["geneva-talks"]
        again = c.post("/api/documents", json=doc, headers=auth)  # idempotent
        assert again.status_code == 201 and again.json()["unchanged"] == ["geneva-talks"]


def test_upload_file_gets_a_safe_name(writable: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = b"The ministers signed a memorandum on transport links in Tbilisi on 12 June 2024."
    with httpx.Client(base_url=writable, timeout=120) as c:
        response = c.post("/api/documents", headers=auth,
                          files={"file": ("../../../tmp/evil name.txt", text, "text/plain")})
        assert response.status_code == 201, response.text
        assert response.json()["stored"] == ["evil_name"]
        assert "Tbilisi" in c.get("/api/documents/evil_name").json()["body"]
        assert not Path("/tmp/evil name.txt").exists()
        bad = c.post("/api/documents", headers=auth,
                     files={"file": ("x.exe", b"MZ", "application/octet-stream")})
        assert bad.status_code == 415
        bad_id = c.post("/api/documents", headers=auth, data={"id": "../x"},
                        files={"file": ("a.txt", text, "text/plain")})
        assert bad_id.status_code == 422


@pytest.mark.parametrize(("body", "needle"), [
    ({"id": "a"}, "text"),
    ({"id": "a", "text": "x" * 50, "html": "<p>x</p>"}, "exactly one"),
    ({"text": "Some words about a ceasefire agreement."}, "'id' or a 'url'"),
    ({"id": "a", "text": "words", "bogus": 1}, "bogus"),
])
def test_bad_upload_bodies_are_422(writable: str, body: dict[str, Any], needle: str) -> None:
    with httpx.Client(base_url=writable, timeout=30) as c:
        response = c.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422 and needle in response.json()["detail"]


def test_upload_over_the_size_limit_is_413(tmp_path: Path) -> None:
    app = create_app(Settings(db_path=build_db(tmp_path / "c.db"), max_document_bytes=1000), token=TOKEN)
    with TestClient(app) as c:
        response = c.post("/api/documents", json={"id": "big", "text": "word " * 1000},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_empty_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(Settings(db_path=tmp_path / "c.db"), token=" ")


# ------------------------------------------------------------------------ hostile input, in process


@pytest.fixture(scope="module")
def local(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=db_path))) as c:
        yield c


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["type", "actor", "country", "since", "until", "story", "doc", "q",
                             "min_corroboration", "limit", "offset"]),
       value=st.text(max_size=40))
def test_no_parameter_value_causes_a_server_error(local: TestClient, name: str, value: str) -> None:
    response = local.get("/api/events", params={name: value})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert response.json()["detail"]


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# "." and ".." are path segments that every HTTP client resolves away, not ids a client can send.
@given(doc_id=st.text(min_size=1, max_size=40).filter(lambda s: s not in {d["id"] for d in DOCS} | {".", ".."}))
def test_any_unknown_id_is_404(local: TestClient, doc_id: str) -> None:
    response = local.get("/api/documents/" + quote(doc_id, safe=""))
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/api/events", "/api/documents"])
def test_offsets_past_any_store_are_422(local: TestClient, path: str) -> None:
    response = local.get(path, params={"offset": 9223372036854775808})
    assert response.status_code == 422 and response.json()["detail"]
