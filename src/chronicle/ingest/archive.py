"""The WARC archive of ``chronicle collect``: every response fetched, kept so that
``chronicle ingest ARCHIVE`` rebuilds the same timeline offline.

Written with FastWARC (already the WARC reader of :mod:`chronicle.ingest.readers`). One run
writes one gzipped WARC file under ``ARCHIVE/.partial/`` (hidden, so an ingest of the
folder never reads a half-written file) and moves it into ``ARCHIVE`` when the run is done.

Each response record carries a ``Chronicle-Role`` field saying why it was fetched:
``article`` pages are documents; ``feed``, ``sitemap``, ``home`` and ``robots`` responses are
kept as a crawl archive keeps them, and the reader never takes them for articles. A 304 is
a ``revisit`` record (WARC's server-not-modified profile), and so is a page whose canonical
URL, or whose address after redirects, was already fetched: the archive keeps the capture,
and the article is stored once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from fastwarc.stream_io import GzipWriter
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from chronicle.ingest.fetch import Exchange
from chronicle.ingest.sources import canonical_url
from chronicle.records import CollectedUrl

Role = Literal["article", "feed", "sitemap", "home", "robots"]
ROLE_FIELD = "Chronicle-Role"
REFERS_FIELD = "WARC-Refers-To-Target-URI"
_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
# A page already held under another address: WARC's profiles name only byte-identical
# payloads and 304s, so this one is chronicle's own.
_SAME_PAGE = "urn:chronicle:revisit:same-page"
ARCHIVE_GLOB = "chronicle-*.warc.gz"


class ArchiveWriter:
    """Appends exchanges to one new WARC file; :meth:`finish` moves it into the archive.
    Thread-safe."""

    def __init__(self, directory: Path, software: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.name = f"chronicle-{stamp}-{os.getpid()}.warc.gz"
        self.directory = directory
        self.partial = directory / ".partial" / self.name
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self._writer = GzipWriter(str(self.partial))
        self._lock = threading.Lock()
        self.responses = 0
        self.articles = 0  # article pages held as responses (what an ingest of the file stores)
        info = WarcRecord()
        info.init_headers(WarcRecordType.warcinfo)
        info.headers["Content-Type"] = "application/warc-fields"
        info.set_bytes_content(f"software: {software}\r\nformat: WARC File Format 1.1\r\n".encode())
        info.write(self._writer, checksum_data=True)

    def write(self, exchange: Exchange, role: Role, *, same_as: str | None = None) -> None:
        """The request and its response (a revisit record for a 304, or for a page already
        held at ``same_as``)."""
        parts = urlsplit(exchange.url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        request_block = f"GET {target} HTTP/1.1\r\n".encode("latin-1", "replace") + _header_block(
            exchange.request_headers
        )
        request = _record(WarcRecordType.request, exchange, request_block, "application/http; msgtype=request")
        headers = [*exchange.response_headers, ("Content-Length", str(len(exchange.body)))]
        status_line = f"{exchange.http_version} {exchange.status} {exchange.reason}".strip()
        block = status_line.encode("latin-1", "replace") + b"\r\n" + _header_block(headers)
        if exchange.status == 304 or same_as is not None:
            response = _record(WarcRecordType.revisit, exchange, block, "application/http; msgtype=response")
            response.headers["WARC-Profile"] = _NOT_MODIFIED if same_as is None else _SAME_PAGE
            if same_as is not None:
                response.headers[REFERS_FIELD] = same_as
        else:
            response = _record(
                WarcRecordType.response, exchange, block + exchange.body, "application/http; msgtype=response"
            )
        response.headers[ROLE_FIELD] = role
        request.headers["WARC-Concurrent-To"] = response.record_id or ""
        with self._lock:
            request.write(self._writer, checksum_data=True)
            response.write(self._writer, checksum_data=True)
            self.responses += 1
            if role == "article" and same_as is None and 200 <= exchange.status < 300:
                self.articles += 1

    def finish(self) -> Path | None:
        """Close the file and move it into the archive (None when nothing was fetched)."""
        with self._lock:
            self._writer.close()
            if self.responses == 0:
                self.partial.unlink(missing_ok=True)
                return None
            final = self.directory / self.name
            with self.partial.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(self.partial, final)
            return final

    def discard(self) -> None:
        with self._lock:
            self._writer.close()
            self.partial.unlink(missing_ok=True)


def archived_fetches(path: Path) -> Iterator[CollectedUrl]:
    """What one archive file says was fetched: each URL with its role, status, validators
    and time, the canonical URL of an article, and the text of a robots.txt or home page
    (what a later run needs when the server answers 304)."""
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response | WarcRecordType.revisit,
                                      parse_http=False):
            url = record.headers.get("WARC-Target-URI") or ""
            role = record.headers.get(ROLE_FIELD) or "article"
            block = record.reader.read()
            head, _, body = block.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            fields = lines[0].split()
            status = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 0
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
            same_as = record.headers.get(REFERS_FIELD)
            canonical = same_as or (canonical_url(body, url) if role == "article" and body else None)
            text = body.decode("utf-8", errors="replace") if role in ("robots", "home") and body else None
            yield CollectedUrl(
                url=url, role=role, status=status, etag=headers.get("etag"),
                last_modified=headers.get("last-modified"), canonical=canonical,
                fetched_at=record.headers.get("WARC-Date") or "", body=text,
            )


def _record(kind: WarcRecordType, exchange: Exchange, block: bytes, content_type: str) -> WarcRecord:
    record = WarcRecord()
    record.init_headers(kind)
    record.headers["WARC-Date"] = exchange.date.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    record.headers["WARC-Target-URI"] = exchange.url
    record.headers["Content-Type"] = content_type
    record.set_bytes_content(block)
    return record


def _header_block(headers: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> bytes:
    return "".join(f"{k}: {v}\r\n" for k, v in headers).encode("latin-1", "replace") + b"\r\n"
