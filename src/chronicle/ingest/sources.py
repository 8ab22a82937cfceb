"""What a collect source lists: pure functions from fetched bytes to the links to follow.

A source is an RSS/Atom/JSON feed (read with feedparser, which also dates each entry), a
sitemap or sitemap index (read with lxml: trafilatura's sitemap module fetches by itself and
drops the ``lastmod`` and news dates that ``--since`` needs), a site's home page (its feeds
found by trafilatura's ``determine_feed``), or a local file of URLs, one per line. URLs are
normalised with courlan (tracking parameters dropped), so one article linked two ways is
fetched once.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
from courlan import get_hostinfo, normalize_url
from trafilatura.feeds import FeedParameters, determine_feed

from chronicle.errors import EmptyInput, MalformedInput, OversizedInput

SourceKind = Literal["feed", "sitemap", "home"]
_SITEMAP_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b")
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)\b")
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_SNIFF_BYTES = 20_000  # enough of a source to tell a feed from a sitemap from a page


@dataclass(frozen=True, slots=True)
class Link:
    """A page a source lists, with the date the source gives it (ISO day), which is only a
    hint for ``--since``: the page's own date is what is stored."""

    url: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What one source lists: pages to fetch, and further sources (a sitemap index's
    sitemaps, a home page's feeds)."""

    links: tuple[Link, ...] = ()
    sources: tuple[str, ...] = ()
    warning: str | None = None


def normalise(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL in one canonical spelling (no fragment, no tracking
    parameters, lower-case host), or None for anything else."""
    url = urljoin(base, url.strip()) if base else url.strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        return None
    try:
        return urldefrag(normalize_url(url, strict=True))[0]
    except ValueError:
        return None


def kind_of(body: bytes, content_type: str) -> SourceKind | None:
    """What a fetched source is, by its opening bytes (servers label feeds as anything)."""
    opening = _inflate(body, _SNIFF_BYTES, truncate=True)
    head = opening[:2048].lstrip()
    if _SITEMAP_ROOT.search(head):
        return "sitemap"
    if _FEED_ROOT.search(head) or (head.startswith(b"{") and b'"items"' in opening):
        return "feed"
    if b"<html" in head.lower() or b"<!doctype html" in head.lower() or "html" in content_type.lower():
        return "home"
    return None


def read_feed(body: bytes, url: str, content_type: str = "") -> Listing:
    """The entries of an RSS, Atom or JSON feed, each dated by its published (else updated)
    date. A feed feedparser cannot read at all is an error; one it reads despite broken XML
    is used, with a warning."""
    parsed = feedparser.parse(
        body, response_headers={"content-location": url, "content-type": content_type or "application/xml"}
    )
    links = []
    for entry in parsed.entries:
        target = normalise(str(entry.get("link") or ""), url)
        if target is None:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        hint = f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}" if stamp else None  # feedparser gives UTC
        links.append(Link(target, hint))
    # A feed served as text/plain or declaring the wrong encoding is read all the same.
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _BENIGN):
        reason = str(parsed.get("bozo_exception") or "not well-formed")
        if not links:
            raise MalformedInput(f"malformed feed ({reason}); no entries read")
        return Listing(tuple(links), warning=f"feed is not well-formed ({reason}); {len(links)} entries read")
    return Listing(tuple(links))


def read_sitemap(body: bytes, url: str, *, limit: int) -> Listing:
    """A sitemap's pages (dated by their news publication date, else ``lastmod``), or a
    sitemap index's sitemaps. ``limit``: the largest inflated size accepted."""
    data = _inflate(body, limit)
    try:
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise MalformedInput(f"malformed sitemap: {exc}") from None
    local = lxml.etree.QName(root).localname
    links: list[Link] = []
    sources: list[str] = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc = _child_text(entry, "loc")
        target = normalise(loc, url) if loc else None
        if target is None:
            continue
        if local == "sitemapindex":
            sources.append(target)
            continue
        day = _child_text(entry, f"{_NEWS_NS}news/{_NEWS_NS}publication_date") or _child_text(entry, "lastmod")
        links.append(Link(target, day[:10] if day and re.match(r"\d{4}-\d{2}-\d{2}", day) else None))
    return Listing(tuple(links), tuple(sources))


def read_home(body: bytes, url: str) -> Listing:
    """A site page's feeds (``<link rel="alternate">`` and feed-like anchors)."""
    domain, base = get_hostinfo(url)
    html = body.decode("utf-8", errors="replace")
    feeds = determine_feed(html, FeedParameters(base or url, domain or urlsplit(url).netloc, url))
    return Listing(sources=tuple(f for f in (normalise(f, url) for f in feeds) if f))


def read_url_list(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    """The URLs of a file of URLs (one per line; blank lines and ``#`` comments skipped),
    and the lines that are not http(s) URLs, by number."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise MalformedInput(f"{path} is not a UTF-8 text file of URLs") from None
    if not text.strip():
        raise EmptyInput(f"{path} lists no URLs")
    urls: list[str] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = normalise(line)
        if url is None:
            bad.append((number, line))
        else:
            urls.append(url)
    return urls, bad


def canonical_url(body: bytes, url: str) -> str | None:
    """The page's declared canonical URL, when it names another page than itself and is not
    a site's root (a template that declares its home page canonical everywhere says nothing)."""
    try:
        tree = lxml.html.fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return None
    for href in tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href'):
        target = normalise(str(href), url)
        if target is not None and urlsplit(target).path not in ("", "/"):
            return target
    return None


def _child_text(entry: lxml.etree._Element, path: str) -> str | None:
    node = entry.find(path if path.startswith("{") else f"{_SITEMAP_NS}{path}")
    if node is None and not path.startswith("{"):
        node = entry.find(path)  # a sitemap written without its namespace
    return node.text.strip() if node is not None and node.text else None


def _inflate(body: bytes, limit: int, *, truncate: bool = False) -> bytes:
    """A gzipped sitemap (``sitemap.xml.gz``) inflated: at most ``limit`` bytes of it, an
    error beyond them unless ``truncate``."""
    if body[:2] != b"\x1f\x8b":
        return body[:limit] if truncate else body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        if truncate:
            return b""
        raise MalformedInput(f"broken gzip data: {exc}") from None
    if len(data) > limit:
        if truncate:
            return data[:limit]
        raise OversizedInput(f"inflated sitemap is over the {limit:,}-byte limit")
    return data
