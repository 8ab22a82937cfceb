"""Readers: every input kind, stable ids, and a clear per-item error for every bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from chronicle.ingest import iter_input_files, read_inputs, read_path
from chronicle.ingest.readers import url_id
from chronicle.records import ItemError, RawItem
from chronicle.settings import Settings

HTML = (
    "<html><head><title>Talks resume</title></head><body><article><p>Delegations met in Geneva on "
    "Monday to resume talks on a ceasefire, officials said.</p></article></body></html>"
)


def warc_bytes(records: list[tuple[str, bytes, str]], *, compress: bool) -> bytes:
    """A WARC file written by hand: (uri, payload, content type) response records."""
    out = io.BytesIO()
    for number, (uri, payload, ctype) in enumerate(records):
        http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n".encode() + payload
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
        ).encode()
        member = head + http + b"\r\n\r\n"
        out.write(gzip.compress(member) if compress else member)
    return out.getvalue()


def items(results: list[RawItem | ItemError]) -> list[RawItem]:
    return [r for r in results if isinstance(r, RawItem)]


def errors(results: list[RawItem | ItemError]) -> list[ItemError]:
    return [r for r in results if isinstance(r, ItemError)]


def test_seed_files_are_read_with_their_stem_as_id(seed_paths: list[Path]) -> None:
    results = list(read_inputs([seed_paths[0].parent], Settings()))
    assert [r.id for r in items(results)] == [p.stem for p in seed_paths]
    assert not errors(results)
    assert all(r.kind == "txt" and not r.is_html for r in items(results))


def test_folders_are_read_recursively_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.html").write_text(HTML)
    (tmp_path / "top.txt").write_text("Some text here.")
    (tmp_path / ".hidden.txt").write_text("secret")
    assert [p.name for p in iter_input_files([tmp_path])] == ["deep.html", "top.txt"]


def test_jsonl_records_get_ids_from_the_id_or_a_url_hash(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "given", "url": "https://example.org/a", "text": "Plain text body.", "outlet": "Example"},
        {"url": "https://example.org/b", "html": HTML, "published": "2024-05-01"},
        "not an object",
        {"url": "https://example.org/c"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken json\n\n")
    results = list(read_path(path, Settings()))
    good = items(results)
    assert [g.id for g in good] == ["given", url_id("https://example.org/b")]
    assert good[0].outlet == "Example" and not good[0].is_html
    assert good[1].is_html and good[1].published == "2024-05-01"
    bad = errors(results)
    assert [e.source.rsplit("#", 1)[1] for e in bad] == ["line 3", "line 4", "line 5"]
    assert all(e.code == "E005" for e in bad)


def test_ids_are_stable_and_content_hash_tracks_content(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("First version of the story.")
    first = items(list(read_path(path, Settings())))[0]
    again = items(list(read_path(path, Settings())))[0]
    path.write_text("Second version of the story.")
    changed = items(list(read_path(path, Settings())))[0]
    assert first.id == again.id == changed.id == "story"
    assert first.content_hash == again.content_hash != changed.content_hash


def test_warc_plain_and_gzipped_yield_html_responses_only(tmp_path: Path) -> None:
    records = [
        ("https://example.org/a", HTML.encode(), "text/html; charset=utf-8"),
        ("https://example.org/logo.png", b"\x89PNG....", "image/png"),
        ("https://example.org/b", HTML.replace("Geneva", "Vienna").encode(), "text/html"),
    ]
    for name, compress in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        path.write_bytes(warc_bytes(records, compress=compress))
        results = list(read_path(path, Settings()))
        assert not errors(results), errors(results)
        got = items(results)
        assert [g.url for g in got] == ["https://example.org/a", "https://example.org/b"]
        assert got[0].id == url_id("https://example.org/a") and got[0].is_html
        assert b"Geneva" in got[0].content and b"HTTP/1.1" not in got[0].content


def test_truncated_warc_keeps_earlier_records_and_reports_the_rest(tmp_path: Path) -> None:
    data = warc_bytes(
        [("https://example.org/a", HTML.encode(), "text/html"), ("https://example.org/b", HTML.encode(), "text/html")],
        compress=True,
    )
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 60])
    results = list(read_path(path, Settings()))
    assert [g.url for g in items(results)] == ["https://example.org/a"]
    assert len(errors(results)) == 1 and errors(results)[0].code == "E005"


def test_garbage_warc_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a WARC file\r\n\r\nat all")
    results = list(read_path(path, Settings()))
    assert not items(results)
    assert [e.code for e in errors(results)] == ["E005"]


def test_bad_files_get_coded_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "huge.txt").write_bytes(b"word " * 300)
    settings = Settings(max_document_bytes=1000)
    results = list(read_inputs([tmp_path], settings))
    assert not items(results)
    by_name = {Path(e.source).name: e for e in errors(results)}
    assert by_name["empty.txt"].code == "E002"
    assert by_name["notes.docx"].code == "E001" and ".docx" in by_name["notes.docx"].message
    assert by_name["huge.txt"].code == "E004" and "1,000" in by_name["huge.txt"].message


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    results = list(read_inputs([tmp_path / "nope.txt"], Settings()))
    assert [e.code for e in errors(results)] == ["E001"]


def test_a_symlink_loop_gets_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The two sides met in the capital on Monday to discuss the border.")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    results = list(read_inputs([tmp_path], Settings()))
    assert [i.id for i in items(results)] == ["a"]
    assert sorted((Path(e.source).name, e.code) for e in errors(results)) == [("loop1", "E006"), ("loop2", "E006")]
    assert all("symbolic links" in e.message for e in errors(results))


def test_a_bad_optional_published_is_dropped_with_a_warning(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "The two sides met in the capital.", "published": "sometime last week"},
        {"id": "b", "text": "The two sides met in the capital.", "published": "2025-03-06T10:00:00Z"},
        {"id": "c", "text": "The two sides met in the capital.", "published": "March 6, 2025"},
        {"id": "d", "text": "The two sides met in the capital.", "published": "2025-02-30"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))
    got = {i.id: (i.published, len(i.warnings)) for i in items(list(read_path(path, Settings())))}
    assert got == {"a": (None, 1), "b": ("2025-03-06", 0), "c": ("2025-03-06", 0), "d": (None, 1)}
