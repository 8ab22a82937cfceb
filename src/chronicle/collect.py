"""``chronicle collect``: follow feeds, sitemaps, home pages and URL lists; archive every
response; store the new articles through the path ``chronicle ingest ARCHIVE`` takes.

One run:

1. records any archive file an earlier run left unrecorded (it stopped between moving the
   file into the archive and recording it): its articles are ingested, its URLs marked;
2. reads each source (conditionally, when an earlier run kept its validators) and the
   sources it leads to: a home page's feeds, a sitemap index's sitemaps;
3. fetches the pages listed that no run fetched before (``--since`` drops those the source
   dates earlier; ``--max`` caps how many), ``fetch_connections`` hosts at once, politely
   (:mod:`chronicle.ingest.fetch`), writing every response to one WARC file;
4. moves the file into the archive, ingests it (the same reader and stages as an offline
   ingest of the archive, so both give the same timeline), and records its URLs in the
   store's table of seen URLs.

A source keeps its validators only when every page it listed was dealt with (stored, found
to be a copy, disallowed, or failed for good): a page that failed for a passing reason (no
connection, 429, 5xx) is asked for again next run, so its source is read again in full.
"""

from __future__ import annotations

import tempfile
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from chronicle.errors import ChronicleError, Disallowed, NotASource
from chronicle.ingest.archive import ARCHIVE_GLOB, ArchiveWriter, Role, archived_fetches
from chronicle.ingest.fetch import Fetched, Fetcher, Validators, user_agent
from chronicle.ingest.sources import (
    Link,
    Listing,
    canonical_url,
    kind_of,
    normalise,
    read_feed,
    read_home,
    read_sitemap,
    read_url_list,
)
from chronicle.records import CollectedUrl, ItemError
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import IngestSummary, ingest_paths

MAX_SOURCES = 200  # feeds, sitemaps and home pages read in one run (a sitemap index can list thousands)
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_SOURCE_TYPES = ("xml", "rss", "atom", "json", "html", "text/plain", "application/octet-stream", "gzip")

ProgressFn = Callable[[str, int, int], None]  # host, pages done, pages to fetch
IngestFn = Callable[[list[Path]], IngestSummary]


@dataclass(slots=True)
class CollectSummary:
    fetched: list[str] = field(default_factory=list)  # pages archived and ingested
    not_modified: list[str] = field(default_factory=list)  # sources that answered 304
    disallowed: list[ItemError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (url, the page already held)
    failed: list[ItemError] = field(default_factory=list)
    warnings: list[ItemError] = field(default_factory=list)
    seen_before: int = 0  # listed pages a run fetched before
    before_since: int = 0  # listed pages the source dates before --since
    left: int = 0  # listed pages over --max, left for the next run
    archives: list[Path] = field(default_factory=list)  # archive files recorded by this run
    ingests: list[IngestSummary] = field(default_factory=list)
    hosts: dict[str, Counter[str]] = field(default_factory=dict)  # host -> outcome -> pages

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or any(s.failed for s in self.ingests) else 0


def collect(
    sources: Sequence[str], store: Store, settings: Settings, *, archive_dir: Path | None = None,
    since: str | None = None, max_items: int | None = None, progress: ProgressFn | None = None,
    ingest: IngestFn | None = None,
) -> CollectSummary:
    """One collect run (see the module doc). ``archive_dir``: where the WARC files go (a
    temporary folder, removed after the run, when None). ``ingest``: how an archive file is
    ingested (default :func:`chronicle.workflow.ingest_paths`; the CLI passes its progress bar)."""
    summary = CollectSummary()
    ingest = ingest or (lambda paths: ingest_paths(paths, store, settings))
    with tempfile.TemporaryDirectory(prefix="chronicle-collect-") as scratch:
        directory = archive_dir if archive_dir is not None else Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        _record_left_over(directory, store, summary, ingest)
        known_robots = {r.url: (Validators(r.etag, r.last_modified), r.body or "") for r in store.collected_robots()}
        writer = ArchiveWriter(directory, user_agent(settings))
        try:
            with Fetcher(settings, known_robots=known_robots) as fetcher:
                run = _Run(fetcher, writer, store, summary, progress)
                run.read_sources(sources)
                run.fetch_pages(since=since, max_items=max_items)
                for robots in fetcher.robots_fetched:
                    run.archive(robots, "robots")
                    if robots.outcome == "failed":
                        summary.warnings.append(ItemError(robots.url, robots.code, robots.error or "failed"))
        except BaseException:
            writer.discard()  # nothing recorded: the next run fetches it all again
            raise
        final = writer.finish()
        if final is not None:
            _record(final, store, summary, ingest if writer.articles else None, incomplete=run.incomplete,
                    extra=run.failed_for_good)
    return summary


def _record(path: Path, store: Store, summary: CollectSummary, ingest: IngestFn | None, *,
            incomplete: set[str] | None = None, extra: Sequence[CollectedUrl] = ()) -> None:
    """Ingest one archive file (unless ``ingest`` is None: it holds no new article), then mark
    its URLs seen. ``incomplete``: sources whose validators are not kept (None: none are, as
    for a file left by a stopped run)."""
    if ingest is not None:
        summary.ingests.append(ingest([path]))
    rows = []
    for row in archived_fetches(path):
        if row.status == 429 or row.status >= 500 or row.status == 0:
            continue  # asked for again next run
        if row.role != "article" and (incomplete is None or row.url in incomplete):
            row = replace(row, etag=None, last_modified=None)
        rows.append(row)
    store.record_collected(path.name, [*rows, *extra])
    summary.archives.append(path)


def _record_left_over(directory: Path, store: Store, summary: CollectSummary, ingest: IngestFn) -> None:
    recorded = store.collected_archives()
    for path in sorted(directory.glob(ARCHIVE_GLOB)):
        if path.name not in recorded:
            summary.warnings.append(ItemError(str(path), "W002", "archive file not yet recorded (a run stopped "
                                                                 "early): its articles are ingested now"))
            _record(path, store, summary, ingest)
    for partial in sorted((directory / ".partial").glob(ARCHIVE_GLOB)):
        partial.unlink()  # a run stopped while fetching: nothing of it was recorded, so it is fetched again
        summary.warnings.append(ItemError(str(partial), "W002", "removed the half-written archive of a stopped run"))


def _accepts(types: tuple[str, ...]) -> Callable[[str], bool]:
    return lambda ctype: not ctype or any(t in ctype.lower() for t in types)


class _Run:
    """The state of one run: the sources read, the pages they list and where from."""

    def __init__(self, fetcher: Fetcher, writer: ArchiveWriter, store: Store, summary: CollectSummary,
                 progress: ProgressFn | None) -> None:
        self.fetcher, self.writer, self.store, self.summary, self.progress = fetcher, writer, store, summary, progress
        self.parent: dict[str, str | None] = {}  # source -> the source that led to it
        self.pages: dict[str, Link] = {}  # in the order listed
        self.listed_by: dict[str, set[str]] = {}  # page -> sources listing it
        self.incomplete: set[str] = set()  # sources with a page left for a later run
        self.held: dict[str, str] = {}  # page URL or canonical URL -> the page archived as an article
        self.failed_for_good: list[CollectedUrl] = []

    # ------------------------------------------------------------------ sources
    def read_sources(self, sources: Sequence[str]) -> None:
        queue: deque[tuple[str, str | None]] = deque()
        for source in sources:
            path = Path(source)
            if "://" not in source and path.is_file():
                self._read_url_list(path)
                continue
            url = normalise(source)
            if url is None:
                self._fail(source, "E001", "not an http(s) URL, nor a file of URLs")
                continue
            queue.append((url, None))
        while queue:
            url, parent = queue.popleft()
            if url in self.parent:
                continue
            if len(self.parent) >= MAX_SOURCES:
                self.summary.warnings.append(
                    ItemError(url, "W003", f"over {MAX_SOURCES} sources in one run: the rest are read next run")
                )
                break
            self.parent[url] = parent
            listing = self._read_source(url)
            queue.extend((s, url) for s in listing.sources)
            for link in listing.links:
                self.listed_by.setdefault(link.url, set()).add(url)
                self.pages.setdefault(link.url, link)

    def _read_url_list(self, path: Path) -> None:
        try:
            urls, bad = read_url_list(path)
        except ChronicleError as exc:
            self._fail(str(path), exc.code, exc.message)
            return
        for number, line in bad:
            self._fail(f"{path}#line {number}", "E005", f"not an http(s) URL: {line[:80]!r}")
        for url in urls:
            self.pages.setdefault(url, Link(url))

    def _read_source(self, url: str) -> Listing:
        known = self.store.collected([url]).get(url)
        validators = None
        if known is not None and (known.etag or known.last_modified):
            validators = Validators(known.etag, known.last_modified)
        result = self.fetcher.get(url, accept=_accepts(_SOURCE_TYPES), validators=validators)
        fallback: Role = "feed"  # what a source that gave no body is filed as in the archive
        if known is not None and known.role in ("sitemap", "home"):
            fallback = "sitemap" if known.role == "sitemap" else "home"
        if result.outcome == "not-modified":
            self.archive(result, fallback)
            self.summary.not_modified.append(url)
            if known is not None and known.role == "home" and known.body:
                return read_home(known.body.encode("utf-8"), url)  # its feeds may have news
            return Listing()  # every page it listed was dealt with when its validators were kept
        if result.outcome != "ok":
            self.archive(result, fallback)
            self._fetch_failed(url, result)
            return Listing()
        response = result.response
        assert response is not None
        kind = kind_of(response.body, response.header("content-type") or "")
        self.archive(result, kind or fallback)
        try:
            if kind == "feed":
                listing = read_feed(response.body, result.final_url, response.header("content-type") or "")
            elif kind == "sitemap":
                listing = read_sitemap(response.body, result.final_url, limit=self.fetcher.settings.max_document_bytes)
            elif kind == "home":
                listing = read_home(response.body, result.final_url)
                if not listing.sources:
                    listing = Listing(sources=tuple(s for s in map(normalise, self.fetcher.sitemaps(url)) if s))
                if not listing.sources:
                    raise NotASource("no feed or sitemap found on this page")
            else:
                raise NotASource("neither a feed, a sitemap nor a web page")
        except ChronicleError as exc:
            # Kept with its validators: a source broken this way is asked for again only
            # conditionally, and read again once it changes.
            self._fail(url, exc.code, exc.message)
            return Listing()
        if listing.warning:
            self.summary.warnings.append(ItemError(url, "W001", listing.warning))
        return listing

    # ------------------------------------------------------------------ pages
    def fetch_pages(self, *, since: str | None, max_items: int | None) -> None:
        links = list(self.pages.values())
        seen = self.store.collected(link.url for link in links)
        todo: list[Link] = []
        for link in links:
            if link.url in seen:
                self.summary.seen_before += 1
            elif since is not None and link.hint is not None and link.hint < since:
                self.summary.before_since += 1
            else:
                todo.append(link)
        if max_items is not None and len(todo) > max_items:
            for link in todo[max_items:]:
                self._mark_incomplete(link.url)
            self.summary.left = len(todo) - max_items
            todo = todo[:max_items]
        totals = Counter(urlsplit(link.url).netloc for link in todo)
        done: Counter[str] = Counter()
        for host, total in totals.items():
            self.summary.hosts.setdefault(host, Counter())
            if self.progress:
                self.progress(host, 0, total)
        accept = _accepts(_PAGE_TYPES)
        results: list[tuple[Link, Fetched, str | None]] = []
        pool = ThreadPoolExecutor(max_workers=self.fetcher.settings.fetch_connections)
        try:
            futures = [(link, pool.submit(self.fetcher.get, link.url, accept=accept)) for link in todo]
            for link, future in futures:
                result = future.result()
                canonical = canonical_url(result.body, result.final_url) if result.outcome == "ok" else None
                results.append((link, result, canonical))
                host = urlsplit(link.url).netloc
                done[host] += 1
                if self.progress:
                    self.progress(host, done[host], totals[host])
        finally:
            # On Ctrl-C, the pages not yet started are dropped rather than fetched first.
            pool.shutdown(wait=True, cancel_futures=True)
        # Taken in the order listed, whatever order they finished in, so that the archive (and
        # the timeline built from it) does not depend on the network's timing; pages that name
        # another canonical address last, so that the canonical page is the one held.
        copies_last = sorted(results, key=lambda r: r[2] is not None and r[2] != r[1].final_url)
        for link, result, canonical in copies_last:
            outcome = self._take_page(link, result, canonical)
            self.summary.hosts[urlsplit(link.url).netloc][outcome] += 1

    def _take_page(self, link: Link, result: Fetched, canonical: str | None) -> str:
        if result.outcome != "ok":
            self.archive(result, "article")
            self._fetch_failed(link.url, result)
            if result.outcome == "failed" and not result.transient:
                status = result.response.status if result.response is not None else 0
                self.failed_for_good.append(CollectedUrl(link.url, "article", status, _now()))
            return result.outcome
        response = result.response
        assert response is not None
        final = result.final_url
        # A page is held once, under the first address it was fetched at: two listed addresses
        # that redirect to one page, or a copy (an AMP page) that names another canonical.
        same_as = self._holder(final)
        if same_as is None and canonical is not None and canonical != final:
            same_as = self._holder(canonical)
        for hop in result.exchanges[:-1]:
            self.writer.write(hop, "article")
        self.writer.write(response, "article", same_as=same_as)
        if same_as is not None:
            self.summary.duplicates.append((link.url, same_as))
            return "copy"
        for address in (final, canonical):
            if address:
                self.held.setdefault(address, final)
        self.summary.fetched.append(final)
        return "fetched"

    def _holder(self, url: str) -> str | None:
        """The address of the page fetched before that is ``url`` or names it canonical."""
        if url in self.held:
            return self.held[url]
        return self.store.holding_page(url)

    # ------------------------------------------------------------------ bookkeeping
    def archive(self, result: Fetched, role: Role) -> None:
        for exchange in result.exchanges:
            self.writer.write(exchange, role)

    def _fetch_failed(self, url: str, result: Fetched) -> None:
        if result.outcome == "disallowed":
            self.summary.disallowed.append(ItemError(url, Disallowed.code, result.error or "disallowed by robots.txt"))
            return
        self._fail(url, result.code, result.error or "failed")
        if result.transient:
            self._mark_incomplete(url)

    def _fail(self, source: str, code: str, message: str) -> None:
        self.summary.failed.append(ItemError(source, code, message))

    def _mark_incomplete(self, url: str) -> None:
        """A page (or source) left for a later run: the sources that led to it are read again."""
        stack = [*self.listed_by.get(url, ()), url]
        while stack:
            current = stack.pop()
            if current in self.incomplete:
                continue
            self.incomplete.add(current)
            parent = self.parent.get(current)
            if parent is not None:
                stack.append(parent)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
