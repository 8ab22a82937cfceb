"""The polite HTTP client of ``chronicle collect``: the one module that opens a socket.

httpx does the connections, timeouts and streaming, and the standard library parses
robots.txt. What they leave to their caller is here:

- robots.txt is read once per host (conditionally, when an earlier run kept it) and checked
  before every request, each redirect hop included, so a disallowed URL is never requested;
- one request at a time to a host, started at most ``fetch_rate`` a second (slower when the
  host's robots.txt sets a Crawl-delay), with ``fetch_connections`` hosts at once;
- 429 and 503 are retried after their ``Retry-After`` (seconds or an HTTP date), else after
  an exponential backoff;
- redirects are followed by hand (each hop checked, a loop named, at most
  ``fetch_max_redirects``);
- the body is read as it streams, and stopped at ``max_document_bytes`` or when the whole
  response takes longer than ``fetch_timeout``; a content type the caller does not accept is
  refused before its body is read.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from chronicle.errors import ChronicleError, FetchFailed, OversizedInput
from chronicle.settings import Settings

Outcome = Literal["ok", "not-modified", "disallowed", "failed"]
# Headers that describe the bytes on the wire, not the body kept (httpx decodes it).
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRIED = frozenset({429, 503})
_BACKOFF_SECONDS = 1.0
_LONGEST_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay beyond this is taken as this
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


def user_agent(settings: Settings) -> str:
    """The configured user agent, else ``chronicle/<version>``."""
    if settings.user_agent:
        return settings.user_agent
    try:
        return f"chronicle/{version('chronicle')}"
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "chronicle"


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional request sends back: the response's ETag and Last-Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and the response to it, as the archive keeps them (the body decoded)."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    reason: str
    http_version: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    date: datetime

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == name), None)

    @property
    def validators(self) -> Validators:
        return Validators(self.header("etag"), self.header("last-modified"))


@dataclass(slots=True)
class Fetched:
    """The result of asking for one URL: the final response after redirects (``ok`` for a
    2xx, ``not-modified`` for a 304), or why there is none."""

    url: str
    outcome: Outcome
    final_url: str
    exchanges: list[Exchange] = field(default_factory=list)
    error: str | None = None
    code: str = FetchFailed.code
    transient: bool = False  # a failure worth another try on a later run

    @property
    def response(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None

    @property
    def body(self) -> bytes:
        return self.exchanges[-1].body if self.exchanges else b""


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0  # monotonic time before which no request to this host starts
    interval: float = 1.0
    robots: RobotFileParser | None = None
    robots_lock: threading.Lock = field(default_factory=threading.Lock)


Accept = Callable[[str], bool]  # a content type the caller can use


class Fetcher:
    """Thread-safe: one instance serves a whole collect run. ``known_robots`` maps a
    robots.txt URL to what an earlier run kept of it (validators and text), so that it is
    asked for conditionally. The robots.txt responses it fetched are in ``robots_fetched``."""

    def __init__(self, settings: Settings, *, known_robots: Mapping[str, tuple[Validators, str]] | None = None) -> None:
        self.settings = settings
        self.user_agent = user_agent(settings)
        self.known_robots = dict(known_robots or {})
        self.robots_fetched: list[Fetched] = []
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            limits=httpx.Limits(
                max_connections=settings.fetch_connections, max_keepalive_connections=settings.fetch_connections
            ),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public
    def get(self, url: str, *, accept: Accept | None = None, validators: Validators | None = None) -> Fetched:
        """GET ``url``, following redirects. ``accept`` refuses a 2xx of another content type
        before its body is read; ``validators`` make the first request conditional."""
        current, seen = url, [url]
        exchanges: list[Exchange] = []
        for hop in range(self.settings.fetch_max_redirects + 1):
            if not self.allowed(current):
                why = "disallowed by robots.txt" if hop == 0 else f"redirected to {current}, disallowed by robots.txt"
                return Fetched(url, "disallowed", current, exchanges, why)
            headers = validators.headers() if validators is not None and hop == 0 else {}
            try:
                exchanges += self._send(current, headers, accept)
            except ChronicleError as exc:
                transient = isinstance(exc, FetchFailed) and exc.transient
                return Fetched(url, "failed", current, exchanges, exc.message, exc.code, transient)
            response = exchanges[-1]
            if response.status in _REDIRECTS and response.header("location"):
                target = urljoin(current, response.header("location") or "")
                if target in seen:
                    return Fetched(url, "failed", current, exchanges, "redirect loop: " + " -> ".join([*seen, target]))
                seen.append(target)
                current = target
                continue
            if response.status == 304:
                return Fetched(url, "not-modified", current, exchanges)
            if not 200 <= response.status < 300:
                return Fetched(url, "failed", current, exchanges, f"HTTP {response.status} {response.reason}".strip(),
                               transient=response.status in _RETRIED or response.status >= 500)
            return Fetched(url, "ok", current, exchanges)
        return Fetched(url, "failed", current, exchanges,
                       f"more than {self.settings.fetch_max_redirects} redirects: " + " -> ".join(seen))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent request ``url`` (read on first use)."""
        host = self._host(url)
        with host.robots_lock:
            if host.robots is None:
                host.robots = self._read_robots(url, host)
        return host.robots.can_fetch(self.user_agent, url)

    def sitemaps(self, url: str) -> list[str]:
        """The sitemaps the host's robots.txt lists."""
        self.allowed(url)
        robots = self._host(url).robots
        return list(robots.site_maps() or []) if robots is not None else []

    # ------------------------------------------------------------------ politeness
    def _host(self, url: str) -> _Host:
        key = _origin(url)
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(interval=1.0 / self.settings.fetch_rate)
            return host

    def _read_robots(self, url: str, host: _Host) -> RobotFileParser:
        """RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be
        reached (5xx, no connection) disallows everything until it can."""
        robots_url = _origin(url) + "/robots.txt"
        parser = RobotFileParser(robots_url)
        known = self.known_robots.get(robots_url)
        try:
            exchanges = self._send(robots_url, known[0].headers() if known else {}, None)
        except ChronicleError as exc:
            self.robots_fetched.append(Fetched(robots_url, "failed", robots_url, [], exc.message, exc.code))
            parser.parse(_DISALLOW_ALL)
            return parser
        response = exchanges[-1]
        if response.status == 304 and known is not None:
            self.robots_fetched.append(Fetched(robots_url, "not-modified", robots_url, exchanges))
            parser.parse(known[1].splitlines())
        elif 200 <= response.status < 300:
            self.robots_fetched.append(Fetched(robots_url, "ok", robots_url, exchanges))
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        elif 400 <= response.status < 500 or response.status in _REDIRECTS:
            self.robots_fetched.append(Fetched(robots_url, "ok", robots_url, exchanges))
            parser.parse([])
        else:
            self.robots_fetched.append(
                Fetched(robots_url, "failed", robots_url, exchanges, f"robots.txt: HTTP {response.status}")
            )
            parser.parse(_DISALLOW_ALL)
        delay = parser.crawl_delay(self.user_agent)
        if delay is not None:
            host.interval = max(host.interval, min(float(delay), _LONGEST_CRAWL_DELAY))
        return parser

    def _send(self, url: str, headers: dict[str, str], accept: Accept | None) -> list[Exchange]:
        """One request, retried on 429/503; every response received is returned, the last one
        last. Raises FetchFailed (or OversizedInput) when there is no usable response."""
        host = self._host(url)
        received: list[Exchange] = []
        for attempt in range(self.settings.fetch_retries + 1):
            with host.lock:  # one request at a time to a host, started at the host's pace
                wait = host.next_at - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                try:
                    response = self._once(url, headers, accept)
                finally:
                    host.next_at = time.monotonic() + host.interval
            received.append(response)
            if response.status not in _RETRIED or attempt == self.settings.fetch_retries:
                return received
            asked = retry_after_seconds(response.header("retry-after"), response.date)
            wait = _BACKOFF_SECONDS * 2**attempt if asked is None else asked
            if wait > self.settings.fetch_retry_after_max:
                raise FetchFailed(
                    f"HTTP {response.status}: asked to retry after {wait:.0f} s, over the "
                    f"{self.settings.fetch_retry_after_max:.0f} s limit", transient=True,
                )
            with host.lock:
                host.next_at = max(host.next_at, time.monotonic() + wait)
        return received  # pragma: no cover - the loop returns on its last attempt

    def _once(self, url: str, headers: dict[str, str], accept: Accept | None) -> Exchange:
        limit, timeout = self.settings.max_document_bytes, self.settings.fetch_timeout
        deadline = time.monotonic() + timeout
        request = self._client.build_request("GET", url, headers=headers)
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchFailed(f"no response within {timeout:g} s", transient=True) from None
        except httpx.HTTPError as exc:
            raise FetchFailed(f"cannot fetch: {exc}", transient=True) from None
        try:
            ctype = response.headers.get("content-type", "")
            if 200 <= response.status_code < 300 and accept is not None and not accept(ctype):
                raise FetchFailed(f"content type {ctype.split(';')[0].strip() or '(none)'!r} is not what was asked for")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise OversizedInput(f"response of {int(declared):,} bytes is over the {limit:,}-byte limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise OversizedInput(f"response is over the {limit:,}-byte limit; stopped reading")
                if time.monotonic() > deadline:
                    raise FetchFailed(f"response took longer than {timeout:g} s; stopped reading")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchFailed(f"response stalled for {timeout:g} s; stopped reading") from None
        except httpx.HTTPError as exc:
            raise FetchFailed(f"broken response: {exc}", transient=True) from None
        finally:
            response.close()
        return Exchange(
            url=url,
            request_headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw),
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            response_headers=tuple(
                (k.decode("latin-1"), v.decode("latin-1"))
                for k, v in response.headers.raw
                if k.decode("latin-1").lower() not in _WIRE_HEADERS
            ),
            body=b"".join(chunks),
            date=datetime.now(UTC),
        )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
