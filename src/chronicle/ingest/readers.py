"""Input readers: one function per container format, all yielding RawItem | ItemError."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from chronicle.clean.dates import date_line_value
from chronicle.errors import (
    ChronicleError,
    EmptyInput,
    MalformedInput,
    OversizedInput,
    UnsupportedInput,
)
from chronicle.records import InputKind, ItemError, RawItem
from chronicle.settings import Settings

SUFFIXES: dict[str, InputKind] = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}

ReadResult = RawItem | ItemError


def input_kind(path: Path) -> InputKind | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def document_id(path: Path) -> str:
    """A file's stable id: its name without the (possibly double) extension."""
    name = path.name
    return name[: -len(".warc.gz")] if name.lower().endswith(".warc.gz") else path.stem


def url_id(url: str) -> str:
    """Stable id for a record that has a URL but no id of its own."""
    return "u" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def content_hash(content: bytes, *meta: str | None) -> str:
    """The idempotence key: the bytes plus any metadata given beside them."""
    digest = hashlib.sha256(content)
    for value in meta:
        digest.update(b"\x00" + (value or "").encode("utf-8"))
    return digest.hexdigest()


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file under ``paths`` (folders recursively, sorted, hidden entries skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                # A broken or looping link is neither file nor folder: it is reported, not skipped.
                if child.is_file() or (child.is_symlink() and not child.exists()):
                    yield child
        else:
            yield path


def read_inputs(paths: Iterable[Path], settings: Settings) -> Iterator[ReadResult]:
    for path in iter_input_files(paths):
        yield from read_path(path, settings)


def read_path(path: Path, settings: Settings) -> Iterator[ReadResult]:
    """The items of one file; a problem with the file itself becomes one ItemError."""
    kind = input_kind(path)
    try:
        if path.is_symlink() and not path.exists():
            path.stat()  # raises the OSError that says why: a loop, or a missing target
        if not path.exists():
            raise UnsupportedInput(f"no such file: {path}")
        if kind is None:
            raise UnsupportedInput(
                f"unsupported file type {path.suffix or '(none)'!r}; expected one of {sorted(SUFFIXES)}"
            )
        if kind == "jsonl":
            yield from _read_jsonl(path, settings)
        elif kind == "warc":
            yield from _read_warc(path, settings)
        else:
            yield _read_single(path, kind, settings)
    except ChronicleError as exc:
        yield ItemError(source=str(path), code=exc.code, message=exc.message,
                        id=document_id(path) if kind in ("txt", "html") else None)
    except OSError as exc:
        yield ItemError(source=str(path), code="E006", message=f"cannot read file: {exc.strerror or exc}")


def _read_single(path: Path, kind: InputKind, settings: Settings) -> RawItem:
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("empty file")
    if size > settings.max_document_bytes:
        raise OversizedInput(
            f"{size:,} bytes is over the {settings.max_document_bytes:,}-byte limit for one document"
        )
    content = path.read_bytes()
    return RawItem(
        id=document_id(path), source=str(path), kind=kind, content=content,
        content_hash=content_hash(content), is_html=kind == "html", offset=size,
    )


def _read_jsonl(path: Path, settings: Settings) -> Iterator[ReadResult]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            source = f"{path}#line {number}"
            if not line.strip():
                continue
            try:
                item = _jsonl_item(line, source, settings)
                item.offset = handle.tell()
                yield item
            except ChronicleError as exc:
                yield ItemError(source=source, code=exc.code, message=exc.message)


def _jsonl_item(line: bytes, source: str, settings: Settings) -> RawItem:
    if len(line) > settings.max_document_bytes:
        raise OversizedInput(f"record of {len(line):,} bytes is over the {settings.max_document_bytes:,}-byte limit")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"not a JSON object: {exc}") from None
    if not isinstance(record, dict):
        raise MalformedInput("each line must be a JSON object")
    url = _opt_str(record, "url")
    html, text = _opt_str(record, "html"), _opt_str(record, "text")
    if html is None and text is None:
        raise MalformedInput("record has neither 'html' nor 'text'")
    body = html if html is not None else text
    assert body is not None
    if not body.strip():
        raise EmptyInput("record's text is empty")
    given_id = _opt_str(record, "id")
    if given_id is None and url is None:
        raise MalformedInput("record has neither 'id' nor 'url' to identify it")
    item_id = given_id if given_id is not None else url_id(url or "")
    content = body.encode("utf-8")
    outlet, title = _opt_str(record, "outlet"), _opt_str(record, "title")
    published, warnings = _published(_opt_str(record, "published"))
    return RawItem(
        id=item_id, source=source, kind="jsonl", content=content,
        content_hash=content_hash(content, url, published, outlet, title),
        url=url, published=published, outlet=outlet, title=title, is_html=html is not None, warnings=warnings,
    )


def _published(value: str | None) -> tuple[str | None, list[str]]:
    """A record's optional publication date as YYYY-MM-DD ("2025-03-06T10:00:00Z" and "March
    6, 2025" too); one that is no date is dropped with a warning, and the record is kept."""
    if value is None:
        return None, []
    iso = re.match(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*\Z", value)
    day = iso.group(1) if iso else date_line_value(value)
    if day is not None:
        try:
            dt.date.fromisoformat(day)
            return day, []
        except ValueError:
            pass
    return None, [f"'published' {value[:40]!r} is not a date: stored without a publication date"]


def _opt_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInput(f"field {key!r} must be a string")
    return value


def _read_warc(path: Path, settings: Settings) -> Iterator[ReadResult]:
    """Response records carrying HTML. Each record's block is checked against its declared
    length, because a truncated file otherwise yields a silently shortened last record."""
    with path.open("rb") as stream:
        try:
            # FastWARC detects and inflates gzip members itself.
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=False):
                uri = record.headers.get("WARC-Target-URI") or ""
                source = f"{path}@{record.stream_pos}"
                try:
                    item = _warc_item(record, uri, source, settings)
                except ChronicleError as exc:
                    yield ItemError(source=source, code=exc.code, message=exc.message, id=url_id(uri) if uri else None)
                    continue
                if item is not None:
                    item.offset = record.stream_pos
                    yield item
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            # FastWARC reports bad headers and broken gzip members as OSError.
            yield ItemError(source=str(path), code=MalformedInput.code,
                            message=f"malformed or truncated WARC ({exc}); records before it were read")


def _warc_item(record: Any, uri: str, source: str, settings: Settings) -> RawItem | None:
    if record.headers.get("Chronicle-Role", "article") != "article":
        return None  # a feed, sitemap, home page or robots.txt that chronicle collect archived
    declared = int(record.headers.get("Content-Length") or 0)
    if declared > settings.max_document_bytes:
        raise OversizedInput(f"record of {declared:,} bytes is over the {settings.max_document_bytes:,}-byte limit")
    block = record.reader.read()
    if declared == 0 or len(block) != declared:
        raise MalformedInput(f"truncated WARC record: block has {len(block):,} bytes, header declares {declared:,}")
    head, sep, payload = block.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"HTTP/"):
        raise MalformedInput("WARC response record without an HTTP header")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split()
    if len(parts) < 2 or not parts[1].startswith("2"):
        return None  # redirects and errors carry no article
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
    ctype = headers.get("content-type", "")
    if ctype and "html" not in ctype.lower():
        return None  # images, scripts, JSON: not articles
    if not payload.strip():
        raise EmptyInput("empty HTML response")
    if not uri:
        raise MalformedInput("response record without WARC-Target-URI")
    return RawItem(
        id=url_id(uri), source=source, kind="warc", content=payload,
        content_hash=content_hash(payload, uri), url=uri, is_html=True,
    )
