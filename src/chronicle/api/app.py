"""The FastAPI application: thin routes over :class:`chronicle.store.Store`.

Routes parse and validate parameters, make one store call and shape the answer with the
schemas of :mod:`chronicle.api.schemas`. The app is read-only unless it was created with a
token; then ``POST /api/documents`` ingests through :func:`chronicle.workflow.ingest_paths`,
the same path as the CLI.
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronicle.agree import agreement_json
from chronicle.api.schemas import (
    BriefOut,
    DateOut,
    DocumentEventOut,
    DocumentOut,
    DocumentPage,
    EventOut,
    EventPage,
    FacetsOut,
    HistogramOut,
    PlaceOut,
    Problem,
    ProvisionOut,
    StoryOut,
    TimelineOut,
    UploadError,
    UploadIn,
    UploadResult,
)
from chronicle.query import check_range, parse_date_bound
from chronicle.records import PLOVER_TYPES, Document, Event, Story
from chronicle.report.brief import brief_json, brief_markdown, build_brief
from chronicle.report.timeline import (
    SCHEMA_VERSION,
    document_data,
    render_acled,
    render_csv,
    render_geojson,
    render_json,
    render_markdown,
    timeline_data,
    without_change_times,
)
from chronicle.settings import Settings
from chronicle.store import EventQuery, Store
from chronicle.web import STATIC_DIR, page_html

MAX_LIMIT = 500
MAX_PLACES = 5000
MAX_BRIEF_EVENTS = 500
# Where the server answers by default: loopback names and addresses (any port).
DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1", "[::1]", "testserver")
_EXPORT_TYPES = {"json": ("application/json", "json"), "csv": ("text/csv; charset=utf-8", "csv"),
                 "acled": ("text/csv; charset=utf-8", "acled.csv"), "geojson": ("application/geo+json", "geojson"),
                 "md": ("text/markdown; charset=utf-8", "md")}
# Past any store: SQLite offsets are 64-bit, and a larger one is a 422, not an overflow.
MAX_OFFSET = 10**12
# Suffixes an uploaded file may have; the reader picks its parser by suffix.
UPLOAD_SUFFIXES: tuple[str, ...] = (".warc.gz", ".txt", ".html", ".htm", ".jsonl", ".warc")
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_COUNTRY = re.compile(r"[A-Za-z]{3}")

# The served page's policy: scripts only from this server; vis-timeline injects its own
# stylesheet, hence inline styles.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# The API documentation pages: their vendored scripts and the inline one that starts them;
# nothing from elsewhere (ReDoc's "powered by" badge would load an image from its CDN).
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem},
}


class _Backend:
    """The process's read-only SQLite connection and the upload settings. The read routes are
    ``async``: they run one at a time on the event loop's thread, each a short query, so one
    connection (with its page cache and the timeline it has read: chronicle.store.selection)
    serves them all; several worker processes (``chronicle serve --workers N``) answer in
    parallel, each with its own. (A connection per thread of a pool would each start cold.)"""

    def __init__(self, settings: Settings, token: str | None) -> None:
        self.settings = settings
        self.token = token
        Store(settings.db_path).close()  # creates or upgrades the database before any reader opens it
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        self._write_lock = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Store]:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.settings.db_path, read_only=True)
            with self._opened_lock:
                self._opened.append(store)
        yield store

    def ingest(self, path: Path) -> UploadResult:
        # Imported here: the analysis stack (spaCy and the stages) is only needed to write.
        from chronicle.workflow import ingest_paths

        # Writes use their own connection, so readers are not blocked while a document is analysed
        # (WAL lets them read the last committed state meanwhile); one upload at a time.
        with self._write_lock, Store(self.settings.db_path) as store:
            summary = ingest_paths([path], store, self.settings)
        prefix = str(path.parent)
        return UploadResult(
            stored=summary.stored,
            unchanged=summary.unchanged,
            failed=[
                UploadError(source=e.source.replace(prefix, "upload"), code=e.code, message=e.message,
                            id=e.id)
                for e in summary.failed
            ],
        )

    def close(self) -> None:
        with self._opened_lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


def create_app(settings: Settings, *, token: str | None = None,
               allowed_hosts: Sequence[str] = DEFAULT_ALLOWED_HOSTS) -> FastAPI:
    """The REST API under ``/api`` and the web page at ``/``, over ``settings.db_path``.

    Read-only unless ``token`` is given: then ``POST /api/documents`` accepts documents from
    a client that sends ``Authorization: Bearer <token>``. Requests whose ``Host`` is not one
    of ``allowed_hosts`` (any port; ``*`` allows all) are refused with 400, so that a web page
    on another site cannot read the API through a DNS name rebound to this machine.
    """
    if token is not None and not token.strip():
        raise ValueError("the upload token must not be empty")
    backend = _Backend(settings, token)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The timeline's columns are read before the first request rather than by it (a fifth
        # of a second on 100,000 events), on the thread the read routes run on.
        with backend.read() as store:
            store.count_events(EventQuery())
        yield
        backend.close()

    app = FastAPI(
        title="chronicle",
        summary="A deduplicated, date-resolved, source-attributed timeline of events, from news articles.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.backend = backend
    _install_error_handlers(app)
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # The API's documentation pages load their scripts from this server (vendored), so they
    # work offline.
    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json", title="chronicle API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css", swagger_favicon_url="data:,",
        )
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        page = get_redoc_html(openapi_url="/openapi.json", title="chronicle API",
                              redoc_js_url="/static/vendor/redoc/redoc.standalone.js", redoc_favicon_url="data:,",
                              with_google_fonts=False)
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(
            page_html(),
            headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff",
                     "Referrer-Policy": "no-referrer"},
        )

    @app.get("/api/documents", response_model=DocumentPage, responses=_PROBLEMS, tags=["documents"])
    async def list_documents(
        q: Annotated[str | None, Query(max_length=500, description="full-text search over titles and bodies")]
        = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """Stored documents in id order (without their bodies; see ``/api/documents/{id}``)."""
        with backend.read() as store:
            page = store.list_documents(q=q, limit=limit, offset=offset)
        return {"items": [_document_summary(d) for d in page.items], "total": page.total,
                "limit": page.limit, "offset": page.offset}

    @app.get("/api/documents/{doc_id:path}", response_model=DocumentOut, responses=_PROBLEMS,
             tags=["documents"])
    async def get_document(doc_id: str) -> dict[str, Any]:
        """One document: metadata, cleaned body, and the events it reports."""
        with backend.read() as store:
            doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        events = [_document_event(e) for e in doc.events]
        return {**_document_summary(doc), "body": doc.body, "events": events}

    @app.get("/api/events", responses={**_PROBLEMS, 200: {"model": EventPage}}, tags=["events"])
    async def list_events(query: Annotated[EventQuery, Depends(_event_query)]) -> Response:
        """Merged events in timeline order (by date, undated last), filtered and paginated.
        A date range keeps only dated events that overlap it."""
        with backend.read() as store:
            page = store.query_public_events(query)
        # The store keeps each event's public JSON (chronicle.public.Event): the page is joined
        # from it, not rebuilt and validated again field by field, which would cost more than the query.
        body = (f'{{"items":[{",".join(page.items)}],"total":{page.total},"limit":{page.limit},'
                f'"offset":{page.offset}}}')
        return Response(body, media_type="application/json")

    @app.get("/api/events/histogram", response_model=HistogramOut, responses=_PROBLEMS, tags=["events"])
    async def event_histogram(
        query: Annotated[EventQuery, Depends(_event_query)],
        unit: Annotated[str, Query(pattern="^(auto|week|month|year)$",
                                   description="period of a bar; auto picks by the span of the dates")] = "auto",
    ) -> dict[str, Any]:
        """How many of the selected dated events fall in each week, month or year, by type."""
        with backend.read() as store:
            first, last = store.date_span(query)
            chosen = unit if unit != "auto" else _histogram_unit(first, last)
            rows = store.event_histogram(query, chosen)  # type: ignore[arg-type]
        return {"unit": chosen, "first": first, "last": last,
                "bins": [{"period": p, "type": t, "events": n} for p, t, n in rows]}

    @app.get("/api/events/places", response_model=list[PlaceOut], responses=_PROBLEMS, tags=["events"])
    async def event_places(
        query: Annotated[EventQuery, Depends(_event_query)],
        places: Annotated[int, Query(ge=1, le=MAX_PLACES, description="at most this many places")] = 2000,
    ) -> list[dict[str, Any]]:
        """The places of the selected events, busiest first, with how many events each (for the map)."""
        with backend.read() as store:
            return store.event_places(query, places)

    @app.get("/api/facets", response_model=FacetsOut, tags=["events"])
    async def facets() -> dict[str, Any]:
        """What the timeline holds, for filters: events by type, dated and undated, and the
        actors, countries and outlets with the most events."""
        with backend.read() as store:
            return store.facets()

    @app.get("/api/brief", response_model=BriefOut, responses=_PROBLEMS, tags=["events"])
    async def brief(query: Annotated[EventQuery, Depends(_event_query)]) -> dict[str, Any]:
        """The briefing of the selected events (at most the first 500), in chronicle's own words with
        [outlet, date] citations, and the agreement changes of the period."""
        with backend.read() as store:
            events = store.query_events(replace(query, limit=MAX_BRIEF_EVENTS, offset=0)).items
            docs = store.documents_with_ids({s.doc for e in events for s in e.sources})
            provisions = store.provisions()
        result = build_brief(docs, events, provisions, since=query.since, until=query.until)
        return {"markdown": brief_markdown(result), **brief_json(result)}

    @app.get("/api/export", tags=["events"], responses={**_PROBLEMS, 200: {"content": {
        "application/json": {}, "text/csv": {}, "application/geo+json": {}, "text/markdown": {}}}})
    async def export(
        query: Annotated[EventQuery, Depends(_event_query)],
        format: Annotated[str, Query(pattern="^(json|csv|acled|geojson|md)$")] = "json",
    ) -> Response:
        """Every selected event (paging ignored) as a file: the timeline JSON, CSV, ACLED's CSV,
        GeoJSON or a Markdown list, as ``chronicle timeline`` writes them."""
        with backend.read() as store:
            events = store.all_events(query)
            docs = store.documents_with_ids({s.doc for e in events for s in e.sources})
        data = timeline_data(docs, events)
        if format == "json":
            without_change_times(data)  # as `chronicle timeline --format json` writes it
        body = {"json": render_json, "csv": render_csv, "acled": render_acled, "geojson": render_geojson,
                "md": render_markdown}[format](data)
        kind, suffix = _EXPORT_TYPES[format]
        return Response(body, media_type=kind,
                        headers={"Content-Disposition": f'attachment; filename="chronicle-events.{suffix}"'})

    @app.get("/api/events/{event_id:path}", responses={**_PROBLEMS, 200: {"model": EventOut}}, tags=["events"])
    async def get_event(event_id: str) -> Response:
        with backend.read() as store:
            text = store.public_event(event_id)
        if text is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return Response(text, media_type="application/json")

    @app.get("/api/stories", response_model=list[StoryOut], tags=["stories"])
    async def list_stories() -> list[dict[str, Any]]:
        """Documents grouped by story (the same news from several outlets)."""
        with backend.read() as store:
            docs, stories, counts = store.documents(), store.stories(), store.story_event_counts()
        return _stories(docs, stories, counts)

    @app.get("/api/agreement", response_model=list[ProvisionOut], tags=["agreement"])
    async def agreement() -> list[dict[str, Any]]:
        """Provisions of the agreement(s) under negotiation, each with its status history."""
        with backend.read() as store:
            return agreement_json(store.provisions())

    @app.get("/api/timeline", responses={200: {"model": TimelineOut}}, tags=["timeline"])
    async def timeline() -> StreamingResponse:
        """The whole timeline as ``timeline.schema.json`` (what ``chronicle timeline`` prints),
        streamed: documents and events are read a chunk at a time, so a timeline of any size
        is sent in bounded memory. (The page never asks for it: it reads /api/events a page at
        a time.)"""

        def chunks() -> Iterator[str]:
            with backend.read() as store:  # this runs in a worker thread: its own connection
                yield f'{{"version":{json.dumps(SCHEMA_VERSION)},"documents":['
                for i, doc in enumerate(store.iter_documents()):
                    yield ("," if i else "") + json.dumps(document_data(doc), ensure_ascii=False)
                yield '],"events":['
                for i, event in enumerate(store.iter_public_events()):
                    yield ("," if i else "") + event
                yield "]}"

        return StreamingResponse(chunks(), media_type="application/json")

    @app.post(
        "/api/documents", status_code=201, response_model=UploadResult, tags=["documents"],
        responses={401: {"model": Problem}, 403: {"model": Problem}, 413: {"model": Problem},
                   415: {"model": Problem}, 422: {"model": Problem}},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": UploadIn.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary",
                                        "description": "a .txt, .html, .jsonl or .warc(.gz) file"},
                               "id": {"type": "string", "description": "document id for a .txt/.html file"}},
            }},
        }}},
    )
    async def upload_document(
        request: Request, authorization: Annotated[str | None, Header()] = None,
    ) -> UploadResult:
        """Ingest one document (JSON body) or one file (multipart ``file``). Needs the server's
        token as ``Authorization: Bearer <token>``; a server started without one is read-only."""
        _authorize(backend.token, authorization)
        with tempfile.TemporaryDirectory(prefix="chronicle-upload-") as tmp:
            path = await _upload_to_file(request, Path(tmp), backend.settings.max_document_bytes)
            result = await run_in_threadpool(backend.ingest, path)
        if not result.stored and not result.unchanged:
            raise HTTPException(422, "; ".join(f"[{e.code}] {e.message}" for e in result.failed)
                                or "nothing to ingest")
        return result

    return app


# ------------------------------------------------------------------------------ parameters


async def _event_query(
    type: Annotated[list[str] | None, Query(description="PLOVER type; repeat it or separate by commas")] = None,
    acled: Annotated[list[str] | None, Query(description="ACLED sub-event type, as ACLED spells it; repeatable")]
    = None,
    actor: Annotated[str | None, Query(max_length=200, description="canonical actor name")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3 code of an actor")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="events an outlet reported")] = None,
    place: Annotated[str | None, Query(max_length=200, description="events at this place (by name)")] = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    story: Annotated[str | None, Query(max_length=200)] = None,
    doc: Annotated[str | None, Query(max_length=200, description="events reported by this document")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words in summaries, evidence, wordings")] = None,
    min_corroboration: Annotated[int, Query(ge=0, le=10_000)] = 0,
    disagreement: Annotated[bool, Query(description="only events whose sources disagree")] = False,
    dated: Annotated[bool | None, Query(description="true: dated events only; false: undated only")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> EventQuery:
    """The filters every event endpoint takes: one query layer (chronicle.query)."""
    query = EventQuery(
        types=_parse_types(type or []), acled_types=tuple(dict.fromkeys(a.strip() for a in acled or [] if a.strip())),
        actor=actor or None, country=_parse_country(country), outlet=outlet or None, place=place or None,
        since=_parse_date("since", since), until=_parse_date("until", until),
        story=story or None, doc=doc or None, q=q or None, min_corroboration=min_corroboration,
        disagreement=disagreement, dated=dated, limit=limit, offset=offset,
    )
    try:
        check_range(query.since, query.until)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return query


def _histogram_unit(first: str | None, last: str | None) -> str:
    """Weeks over up to a year and a half of dates, months up to ten years, years beyond."""
    if not first or not last:
        return "month"
    years = int(last[:4]) - int(first[:4])
    return "week" if years <= 1 else "month" if years <= 10 else "year"


class _SecurityHeaders:
    """Every response says what it is (no MIME sniffing) and leaks no referrer. Plain ASGI:
    a BaseHTTPMiddleware would cost each request more than some queries take."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _parse_types(values: list[str]) -> tuple[str, ...]:
    types: list[str] = []
    for value in values:
        for part in value.split(","):
            name = part.strip().upper()
            if not name:
                continue
            if name not in PLOVER_TYPES:
                known = ", ".join(PLOVER_TYPES)
                raise HTTPException(422, f"unknown event type {part.strip()!r}; known: {known}")
            if name not in types:
                types.append(name)
    return tuple(types)


def _parse_country(value: str | None) -> str | None:
    if not value:
        return None
    if not _COUNTRY.fullmatch(value):
        raise HTTPException(422, f"country must be an ISO 3166-1 alpha-3 code like AZE, not {value!r}")
    return value.upper()


def _parse_date(name: str, value: str | None) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD) that names a real period (422 else)."""
    try:
        return parse_date_bound(value, name)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def _authorize(expected: str | None, header: str | None) -> None:
    if expected is None:
        raise HTTPException(
            403, "this server is read-only: start it with --token (or CHRONICLE_TOKEN) to accept uploads"
        )
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "send the upload token as 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    # Constant time, so the token cannot be guessed byte by byte from response times.
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(403, "wrong upload token")


async def _read_limited(request: Request, limit: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"request body is over the {limit:,}-byte limit for one document")
    return bytes(body)


async def _upload_to_file(request: Request, folder: Path, limit: int) -> Path:
    """Write the uploaded document into ``folder`` under a name chronicle chooses; the client's
    file name only contributes a sanitised id and a known suffix, never a path."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        raw = await _read_limited(request, limit)
        try:
            payload = UploadIn.model_validate_json(raw)
        except ValidationError as exc:
            raise HTTPException(422, "bad document: " + _describe(exc.errors(include_url=False))) from None
        if (payload.text is None) == (payload.html is None):
            raise HTTPException(422, "give exactly one of 'text' or 'html'")
        if payload.id is None and payload.url is None:
            raise HTTPException(422, "give an 'id' or a 'url' to identify the document")
        # One line of JSONL: the reader's own format for a document with metadata.
        path = folder / "upload.jsonl"
        path.write_text(json.dumps(payload.model_dump(exclude_none=True), ensure_ascii=False) + "\n",
                        encoding="utf-8")
        return path
    if content_type == "multipart/form-data":
        return await _multipart_to_file(request, folder, limit)
    raise HTTPException(415, "send application/json ({id, text|html, url, published, outlet}) "
                             "or multipart/form-data with a 'file'")


async def _multipart_to_file(request: Request, folder: Path, limit: int) -> Path:
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, "multipart upload needs a 'file' field")
        name = Path(upload.filename or "").name.lower()
        suffix = next((s for s in UPLOAD_SUFFIXES if name.endswith(s)), None)
        if suffix is None:
            raise HTTPException(415, f"unsupported file type; send one of {', '.join(UPLOAD_SUFFIXES)}")
        given_id = form.get("id")
        if isinstance(given_id, str) and given_id:
            if not _SAFE_ID.fullmatch(given_id):
                raise HTTPException(422, "id may hold letters, digits, '.', '_' and '-' (at most 200)")
            doc_id = given_id
        else:
            stem = Path(upload.filename or "").name[: -len(suffix)] if upload.filename else ""
            doc_id = re.sub(r"[^A-Za-z0-9._-]", "_", stem).lstrip("._-")[:200] or "upload"
        content = await upload.read(limit + 1)
        if len(content) > limit:
            raise HTTPException(413, f"file is over the {limit:,}-byte limit for one document")
    path = folder / f"{doc_id}{suffix}"
    path.write_bytes(content)
    return path


# ------------------------------------------------------------------------------ shaping


def _document_summary(doc: Document) -> dict[str, Any]:
    data = document_data(doc)
    data.pop("body")
    return data


def _document_event(event: Event) -> DocumentEventOut:
    return DocumentEventOut(
        id=event.id, type=event.type, summary=event.summary, trigger=event.trigger, wording=event.wording,
        sentence=event.sentence.text, sentence_start=event.sentence.start, sentence_end=event.sentence.end,
        trigger_start=event.trigger_start, trigger_end=event.trigger_end,
        date=DateOut(**event.date.to_dict()),
        modality=event.modality,
    )


def _stories(
    docs: list[Document], stories: list[Story], counts: dict[str | None, int]
) -> list[dict[str, Any]]:
    """Stored stories, plus each document no stored story holds as a story of its own (its
    ``story`` id, as in the timeline export), so no document is left out of the view."""
    by_id = {d.id: d for d in docs}
    grouped: dict[str, list[Document]] = {}
    titles: dict[str, str | None] = {}
    for story in stories:
        grouped[story.id] = [by_id[i] for i in story.doc_ids if i in by_id]
        titles[story.id] = story.title
    placed = {d.id for members in grouped.values() for d in members}
    for doc in docs:
        if doc.id not in placed:
            key = doc.story or doc.id
            grouped.setdefault(key, []).append(doc)
            titles.setdefault(key, None)
    ordered = sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))  # biggest stories first
    result = []
    for key, members in ordered:
        members.sort(key=lambda d: (d.published is None, d.published or "", d.id))
        title = titles[key] or next((d.title for d in members if d.title), None)
        result.append({"id": key, "title": title, "documents": [_document_summary(d) for d in members],
                       "events": counts.get(key, 0)})
    return result


def _describe(errors: Any) -> str:
    """Pydantic/FastAPI validation errors as one sentence: "limit: Input should be …"."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path", "header"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    """Every 4xx is ``{"detail": "<one readable sentence>", "errors": [...]}``."""

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors())
        for error in errors:
            error.pop("input", None)  # do not echo what the client sent
            error.pop("url", None)
        return JSONResponse({"detail": _describe(errors), "errors": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": str(exc.detail), "errors": []}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))


__all__ = ["create_app"]
