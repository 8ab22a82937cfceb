"""chronicle collect against a news site the tests serve on 127.0.0.1 (tests/site_server.py):
feeds, a sitemap, a home page, robots.txt, and pages that misbehave. Nothing else is contacted."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.collect import CollectSummary, collect
from chronicle.ingest.fetch import retry_after_seconds
from chronicle.ingest.sources import canonical_url, kind_of, normalise, read_feed, read_sitemap
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import ingest_paths
from site_server import Site, SiteServer

runner = CliRunner()
FAST = 20.0  # requests a second to the test host, where the rate itself is not under test
GOOD_PAGES = {
    "/news/ceasefire-agreed.html", "/news/ceasefire-violated.html", "/news/aid-convoy.html",
    "/news/talks-resume.html", "/busy.html", "/news/old-report.html",
}


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    # a proxy the machine may have for the package registries must not stand between the
    # client and the site on loopback
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with SiteServer() as served:
        yield served


def _settings(tmp_path: Path, **changes: object) -> Settings:
    return Settings(db_path=tmp_path / "c.db", fetch_timeout=2.0, workers=1).replace(**changes)


def _run(site: Site, tmp_path: Path, sources: list[str], **options: object) -> CollectSummary:
    settings = _settings(tmp_path, fetch_rate=options.pop("rate", FAST))
    with Store(settings.db_path) as store:
        return collect([site.base + s for s in sources], store, settings, **options)  # type: ignore[arg-type]


def _stored_urls(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT record FROM documents").fetchall()
    return sorted(json.loads(r[0])["url"] for r in rows)


def _paths(site: Site, urls: list[str]) -> set[str]:
    return {u.removeprefix(site.base) for u in urls}


def _timeline(db: Path) -> str:
    result = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_allowed_article_is_stored_once_and_nothing_disallowed_is_requested(site: Site, tmp_path: Path) -> None:
    summary = _run(site, tmp_path, ["/", "/sitemap.xml"], archive_dir=tmp_path / "archive")
    # the home page led to its feed; the feed's tracking-parameter link is the article itself
    assert "/feed.xml" in site.paths()
    assert _paths(site, summary.fetched) == GOOD_PAGES
    assert sorted(_paths(site, _stored_urls(tmp_path / "c.db"))) == sorted(GOOD_PAGES)
    # robots.txt disallows /private/: it is reported, and never asked for
    assert _paths(site, [e.source for e in summary.disallowed]) == {"/private/memo.html"}
    assert not any(p.startswith("/private/") for p in site.paths())
    # the AMP copy names the article as its canonical page: archived, not stored again
    assert [(_paths(site, [a]), _paths(site, [b])) for a, b in summary.duplicates] == [
        ({"/news/ceasefire-agreed-amp.html"}, {"/news/ceasefire-agreed.html"})
    ]
    failures = {e.source.removeprefix(site.base): (e.code, e.message) for e in summary.failed}
    assert failures["/big.html"][0] == "E004"  # 50 MB: stopped at the size limit
    assert "took longer" in failures["/slow.html"][1]
    assert "redirect loop" in failures["/loop-a"][1]
    assert "image/png" in failures["/image.png"][1]
    assert set(failures) == {"/big.html", "/slow.html", "/loop-a", "/image.png"}
    assert summary.exit_code == 1
    assert summary.hosts[site.base.removeprefix("http://")]["fetched"] == len(GOOD_PAGES)


def test_the_page_s_own_date_wins_over_the_feed_s(site: Site, tmp_path: Path) -> None:
    # the feed dates the aid convoy 10 May; the page says 9 May
    _run(site, tmp_path, ["/feed.xml"])
    with Store(tmp_path / "c.db") as store:
        dates = {d.url.removeprefix(site.base): d.published for d in store.documents() if d.url}
    assert dates["/news/aid-convoy.html"] == "2025-05-09"


def test_a_home_page_without_feeds_leads_to_the_sitemaps_robots_txt_lists(site: Site, tmp_path: Path) -> None:
    site.overrides["/"] = "<html><head><title>Home</title></head><body><p>No feeds here.</p></body></html>"
    summary = _run(site, tmp_path, ["/"])
    assert "/sitemap.xml" in site.paths() and "/feed.xml" not in site.paths()
    assert "/news/talks-resume.html" in _paths(site, summary.fetched)


def test_requests_to_a_host_keep_to_the_rate(site: Site, tmp_path: Path) -> None:
    rate = 5.0
    _run(site, tmp_path, ["/feed.xml", "/sitemap.xml"], rate=rate)
    starts = [r.at for r in site.log]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) > 10 and min(gaps) >= 1 / rate - 0.01


def test_a_429_is_retried_after_its_retry_after(site: Site, tmp_path: Path) -> None:
    summary = _run(site, tmp_path, ["/sitemap.xml"])
    busy = [r.at for r in site.log if r.path == "/busy.html"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.0  # the server asked for one second
    assert "/busy.html" in _paths(site, summary.fetched)


def test_a_second_run_makes_only_conditional_requests(site: Site, tmp_path: Path) -> None:
    first = _run(site, tmp_path, ["/", "/sitemap.xml"])
    assert first.fetched
    before = len(site.log)
    second = _run(site, tmp_path, ["/", "/sitemap.xml"])
    again = site.log[before:]
    assert again and all(r.conditional for r in again), [(r.path, r.conditional) for r in again]
    assert not second.fetched and not second.failed
    assert _paths(site, second.not_modified) == {"/", "/sitemap.xml", "/feed.xml"}


def test_a_new_item_in_a_feed_is_fetched_on_the_next_run_and_nothing_else(site: Site, tmp_path: Path) -> None:
    _run(site, tmp_path, ["/feed.xml"])
    feed = site.text("/feed.xml") or ""
    item = f"<item><title>Talks</title><link>{site.base}/news/talks-resume.html</link></item>"
    site.overrides["/feed.xml"] = feed.replace("</channel>", item + "</channel>")
    before = len(site.log)
    second = _run(site, tmp_path, ["/feed.xml"])
    assert _paths(site, second.fetched) == {"/news/talks-resume.html"}
    assert second.seen_before == 3
    # robots.txt and the feed asked for conditionally (the feed changed, so it came in full),
    # then the one new page
    asked = [(r.path, r.conditional) for r in site.log[before:]]
    assert asked == [("/robots.txt", True), ("/feed.xml", True), ("/news/talks-resume.html", False)]


def test_since_skips_what_the_source_dates_earlier_and_max_leaves_the_rest_for_later(
    site: Site, tmp_path: Path
) -> None:
    summary = _run(site, tmp_path, ["/sitemap.xml"], since="2025-01-01", max_items=2)
    assert summary.before_since == 1 and "/news/old-report.html" not in site.paths()
    assert len(summary.fetched) + len(summary.failed) + len(summary.duplicates) == 2 and summary.left == 5
    before = len(site.log)
    _run(site, tmp_path, ["/sitemap.xml"], since="2025-01-01")
    # pages were left over, so the sitemap is read again in full, and the rest fetched
    assert [r.path for r in site.log[before:] if r.path == "/sitemap.xml" and not r.conditional] == ["/sitemap.xml"]
    assert "/loop-a" in site.paths()


def test_the_archive_ingested_offline_gives_the_identical_timeline(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    _run(site, tmp_path, ["/", "/sitemap.xml"], archive_dir=archive)
    assert not list((archive / ".partial").glob("*"))  # nothing half-written is left
    offline = tmp_path / "offline.db"
    with Store(offline) as store:
        summary = ingest_paths([archive], store, _settings(tmp_path, db_path=offline))
    assert sorted(summary.stored) and not summary.failed
    collected = _timeline(tmp_path / "c.db")
    assert json.loads(collected)["events"]
    assert _timeline(offline) == collected


def test_a_broken_feed_and_a_bad_list_line_are_reported_and_the_rest_goes_on(site: Site, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# to read\n{site.base}/news/aid-convoy.html\nnot a url\n\n{site.base}/news/talks-resume.html\n")
    settings = _settings(tmp_path, fetch_rate=FAST)
    with Store(settings.db_path) as store:
        summary = collect([site.base + "/broken-feed.xml", str(urls)], store, settings)
    failures = {e.source.removeprefix(site.base): e for e in summary.failed}
    assert failures["/broken-feed.xml"].code == "E005" and "malformed feed" in failures["/broken-feed.xml"].message
    assert failures[f"{urls}#line 3"].code == "E005"
    assert _paths(site, summary.fetched) == {"/news/aid-convoy.html", "/news/talks-resume.html"}


def test_a_run_stopped_before_recording_its_archive_is_recorded_by_the_next(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    _run(site, tmp_path, ["/feed.xml"], archive_dir=archive)
    # as if the run had stopped after moving its file into the archive and before recording it
    (tmp_path / "c.db").unlink()
    summary = _run(site, tmp_path, ["/feed.xml"], archive_dir=archive)
    assert [w.code for w in summary.warnings] == ["W002"]
    assert len(_stored_urls(tmp_path / "c.db")) == 3  # ingested from the archive ...
    assert not summary.fetched and summary.seen_before == 3  # ... and not fetched again


def test_the_command_line_collects_a_feed_politely(site: Site, tmp_path: Path) -> None:
    db, archive = tmp_path / "cli.db", tmp_path / "archive"
    result = runner.invoke(app, ["collect", site.base + "/feed.xml", "--db", str(db), "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    assert "fetched 3" in result.output and "disallowed by robots.txt 1" in result.output
    assert len(_stored_urls(db)) == 3 and len(list(archive.glob("chronicle-*.warc.gz"))) == 1
    starts = [r.at for r in site.log]
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.99  # the default: 1 request/s
    assert all(r.headers["user-agent"].startswith("chronicle/") for r in site.log)
    again = runner.invoke(app, ["collect", site.base + "/feed.xml", "--db", str(db), "--archive", str(archive)])
    assert again.exit_code == 0 and "fetched 0" in again.output and "not modified 1" in again.output


def test_the_command_line_exits_1_when_an_item_failed(site: Site, tmp_path: Path) -> None:
    result = runner.invoke(app, ["collect", site.base + "/broken-feed.xml", "--db", str(tmp_path / "x.db"),
                                 "--rate", "20"])
    assert result.exit_code == 1 and "malformed feed" in result.output
    assert runner.invoke(app, ["collect", "x", "--since", "May 2025"]).exit_code == 2


def test_watch_polls_and_ingests_new_items_until_stopped(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    env = {**os.environ, "CHRONICLE_FETCH_RATE": str(FAST), "PYTHONFAULTHANDLER": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "chronicle", "collect", site.base + "/feed.xml", "--db", str(db), "--watch",
         "--interval", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        # as from a terminal: Ctrl-C interrupts (a process started where SIGINT is ignored, as
        # this test runner may be after other tests, would inherit the ignoring)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout or []), daemon=True)
    reader.start()

    def polls_done() -> int:
        return sum("next poll in 1 s" in line for line in list(lines))

    try:
        _wait_for(lambda: polls_done() >= 1, process)
        assert len(_stored_urls(db)) == 3
        feed = site.text("/feed.xml") or ""
        item = f"<item><title>Talks</title><link>{site.base}/news/talks-resume.html</link></item>"
        site.overrides["/feed.xml"] = feed.replace("</channel>", item + "</channel>")
        first_change = polls_done()
        _wait_for(lambda: polls_done() >= first_change + 2, process)  # a whole poll after the change
    finally:
        # Ctrl-C while it waits for the next poll (the line that says so has just been written)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)  # faulthandler writes every thread's stack
            process.wait(timeout=30)
            raise AssertionError("collect --watch did not stop on Ctrl-C:\n" + "".join(lines)) from None
        reader.join(timeout=10)
    output = "".join(lines)
    assert process.returncode == 0, output
    assert "stopped" in output
    assert len(_stored_urls(db)) == 4
    polls = [r for r in site.log if r.path == "/feed.xml"]
    assert len(polls) >= 3 and all(r.conditional for r in polls[1:])


def _wait_for(condition: object, process: subprocess.Popen[str], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("collect --watch exited early")
        try:
            if condition():  # type: ignore[operator]
                return
        except sqlite3.Error:
            pass  # the database is being created
        time.sleep(0.2)
    raise AssertionError("timed out waiting for collect --watch")


# ---------------------------------------------------------------------------- sources, table-driven

@pytest.mark.parametrize(("url", "expected"), [
    ("HTTP://Example.org/a/b.html?utm_source=rss&id=3#top", "http://example.org/a/b.html?id=3"),
    ("https://example.org/news/", "https://example.org/news/"),
    ("ftp://example.org/file", None),
    ("mailto:desk@example.org", None),
    ("/relative/path", None),
])
def test_urls_are_normalised_once(url: str, expected: str | None) -> None:
    assert normalise(url) == expected


@pytest.mark.parametrize(("body", "content_type", "kind"), [
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "text/plain", "feed"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "", "feed"),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
     "application/xml", "sitemap"),
    (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>', "", "sitemap"),
    (b"<!DOCTYPE html><html><head></head></html>", "text/html", "home"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "application/json", "feed"),
    (b"plain words", "text/plain", None),
])
def test_a_source_is_told_by_its_content(body: bytes, content_type: str, kind: str | None) -> None:
    assert kind_of(body, content_type) == kind


def test_feeds_list_their_entries_with_their_dates_as_hints() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><title>a</title><link href="/news/a.html"/><updated>2025-05-06T10:00:00Z</updated></entry>
    <entry><title>b</title><link href="https://example.org/news/b.html"/></entry></feed>"""
    listing = read_feed(atom, "https://example.org/atom.xml", "application/atom+xml")
    assert [(link.url, link.hint) for link in listing.links] == [
        ("https://example.org/news/a.html", "2025-05-06"), ("https://example.org/news/b.html", None)]


def test_sitemaps_list_pages_dated_by_news_date_else_lastmod_and_indexes_list_sitemaps() -> None:
    pages = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://example.org/a</loc><lastmod>2025-01-02T00:00:00+00:00</lastmod>
      <news:news><news:publication_date>2025-01-01</news:publication_date></news:news></url>
      <url><loc>https://example.org/b</loc><lastmod>2025-02-03</lastmod></url>
      <url><loc>https://example.org/c</loc></url></urlset>"""
    listing = read_sitemap(gzip.compress(pages), "https://example.org/sitemap.xml.gz", limit=1_000_000)
    assert [(link.url, link.hint) for link in listing.links] == [
        ("https://example.org/a", "2025-01-01"), ("https://example.org/b", "2025-02-03"),
        ("https://example.org/c", None)]
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>"""
    assert read_sitemap(index, "https://example.org/index.xml", limit=1_000_000).sources == (
        "https://example.org/s1.xml",)
    with pytest.raises(Exception, match="over the"):
        read_sitemap(gzip.compress(pages * 50), "https://example.org/s.xml.gz", limit=1000)


@pytest.mark.parametrize(("head", "expected"), [
    ('<link rel="canonical" href="https://example.org/news/a.html">', "https://example.org/news/a.html"),
    ('<link rel="canonical" href="/news/a.html?utm_source=x">', "https://example.org/news/a.html"),
    # a template that calls the home page canonical everywhere says nothing
    ('<link rel="canonical" href="https://example.org/">', None),
    ("", None),
])
def test_a_page_s_canonical_address(head: str, expected: str | None) -> None:
    body = f"<html><head>{head}</head><body><p>text</p></body></html>".encode()
    assert canonical_url(body, "https://example.org/news/a-amp.html") == expected


@pytest.mark.parametrize(("value", "seconds"), [
    ("3", 3.0), ("Mon, 12 May 2025 09:00:30 GMT", 30.0), ("soon", None), (None, None),
])
def test_retry_after_in_seconds_or_as_a_date(value: str | None, seconds: float | None) -> None:

    assert retry_after_seconds(value, datetime(2025, 5, 12, 9, 0, 0, tzinfo=UTC)) == seconds
