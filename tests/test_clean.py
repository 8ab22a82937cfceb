"""chronicle.clean: the seed scrapes in both directions (no chrome survives, every article
paragraph does), their metadata, synthetic HTML pages, and bad input."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from chronicle.clean import clean_item, decode_content, looks_like_html
from chronicle.clean.dates import date_line_value, is_date_line, split_leading_date, stated_dates, url_date
from chronicle.clean.html import parse_html
from chronicle.clean.lines import chrome_reason
from chronicle.clean.outlets import credit_line, outlet_name, wire_agency
from chronicle.errors import BinaryInput, EmptyInput, MalformedInput
from chronicle.pipeline import run_stages
from chronicle.records import Document, RawItem
from chronicle.settings import Settings
from chronicle.temporal import find_dateline

SETTINGS = Settings()

# Chrome that must not survive cleaning in any seed (markers, not whole lines).
CHROME_MARKERS = (
    "Leave A Reply", "Advertisement", "Exit mobile version", "JOIN US ON TELEGRAM",
    "Other Topics of Interest", "Outdated Browser", "Cookie", "Photo:", "Trending Now",
    "Recommended", "Skip Forward", "Please enter your", "LATEST POSTS", "Similar articles",
    "Written by", "Google Chrome", "Menu",
)
SIDEBAR_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# What makes a raw seed line chrome, by the test's own rule (independent of the cleaner's).
CHROME_LINE = re.compile(r"Photo:|Source:|JOIN US|Other Topics of Interest|cookies|Please enter", re.I)
LEADING_LABEL = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2}\s*")


def _item(content: bytes, *, id: str = "x", is_html: bool = False, **given: str) -> RawItem:
    return RawItem(id=id, source=f"test:{id}", kind="html" if is_html else "txt", content=content,
                   content_hash=hashlib.sha256(content).hexdigest(), is_html=is_html, **given)


@pytest.fixture(scope="module")
def seed_docs(seed_paths: list[Path]) -> dict[str, Document]:
    return {p.stem[:3]: clean_item(_item(p.read_bytes(), id=p.stem), SETTINGS) for p in seed_paths}


@pytest.fixture(scope="module")
def seed_raw(seed_texts: dict[str, str]) -> dict[str, str]:
    return {stem[:3]: text for stem, text in seed_texts.items()}


def _article_lines(raw: str, title: str | None) -> list[str]:
    """Every raw line of 12+ words that is not chrome by the test's rule, nor the title."""
    lines = []
    for line in raw.splitlines():
        line = LEADING_LABEL.sub("", line).strip()
        if title and line.endswith(title):
            continue  # the title moved to Document.title
        if len(line.split()) >= 12 and not CHROME_LINE.search(line) and not CYRILLIC.search(line):
            lines.append(line)
    return lines


def test_seeds_are_all_english_and_ok(seed_docs: dict[str, Document]) -> None:
    assert len(seed_docs) == 5
    for key, doc in seed_docs.items():
        assert doc.status == "ok", key
        assert doc.language == "en", key
        assert doc.kind == "txt"
        assert doc.removed_lines > 0, key


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_no_chrome_survives(seed_docs: dict[str, Document], key: str) -> None:
    body = seed_docs[key].body
    for marker in CHROME_MARKERS:
        assert marker.lower() not in body.lower(), (key, marker)
    assert not SIDEBAR_DATE.search(body), key
    assert not CYRILLIC.search(body), key
    assert "%" not in body, key
    assert "@" not in body, key


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_every_article_paragraph_survives(seed_docs: dict[str, Document], seed_raw: dict[str, str],
                                          key: str) -> None:
    paragraphs = seed_docs[key].body.split("\n\n")
    expected = _article_lines(seed_raw[key], seed_docs[key].title)
    assert len(expected) >= 4, key
    for line in expected:
        assert line in paragraphs, (key, line[:60])


def test_body_is_paragraphs_without_the_title(seed_docs: dict[str, Document]) -> None:
    for key, doc in seed_docs.items():
        assert "\n\n\n" not in doc.body
        assert doc.body == doc.body.strip()
        if doc.title:
            first = doc.body.split("\n\n")[0]
            assert doc.title not in first, key
            assert doc.title not in doc.body, key


def test_section_headings_are_kept_in_place(seed_docs: dict[str, Document]) -> None:
    paragraphs = seed_docs["003"].body.split("\n\n")
    for heading in ("Armenia-Russia tension", "Constitutional changes"):
        assert heading in paragraphs
        at = paragraphs.index(heading)
        assert 0 < at < len(paragraphs) - 1
        assert len(paragraphs[at + 1].split()) >= 12  # a heading is followed by its prose


def test_glued_teaser_is_cut_out(seed_docs: dict[str, Document], seed_raw: dict[str, str]) -> None:
    body = seed_docs["003"].body
    assert "Opens War Crimes Trial" not in body
    # the related story's summary is not this article's news either (it would be dated wrongly)
    assert "Two trials" not in body
    # the paragraphs around the teaser stay
    raw_lines = [line for line in seed_raw["003"].splitlines() if line.strip()]
    at = next(i for i, line in enumerate(raw_lines) if "Other Topics of Interest" in line)
    assert raw_lines[at - 1] in body and raw_lines[at + 1] in body


def test_seed_metadata(seed_docs: dict[str, Document]) -> None:
    d0, d1, d2, d3, d4 = (seed_docs[k] for k in ("000", "001", "002", "003", "004"))
    assert d0.title is not None and d0.title.startswith("Huge News Out Of St Petersburg:")
    assert d0.author == "Henrik Rothen"
    assert (d0.published, d0.published_basis) == ("2023-12-27", "page")

    assert d1.outlet == "BBC"  # bbc.com, by the table of known outlets
    assert d1.published is None and d1.published_basis == "unknown"
    assert d1.title is None  # the page opens with its first paragraph

    assert d2.outlet == "GENERICO.ru"
    assert d2.title is not None and d2.title.startswith("Azerbaijan called on Armenia")
    assert d2.published is None
    assert d2.dateline == "BAKU, November 6"
    assert d2.body.startswith("BAKU, November 6 ")  # the dateline stays in the text

    assert (d3.published, d3.published_basis) == ("2025-03-13", "page")
    assert d3.outlet in {"Kyiv Post", "Kyivpost"}
    assert d3.body.startswith("Azerbaijan and Armenia said Thursday")

    assert d4.published is None and d4.published_basis == "unknown"
    assert d4.title == "Azerbaijan and Armenia Agree on Relationship Normalization and Prisoner Exchange"
    assert d4.author is None
    assert d4.outlet == "neweasterneurope.eu"


def test_given_metadata_wins(seed_paths: list[Path]) -> None:
    doc = clean_item(_item(seed_paths[0].read_bytes(), title="Given", outlet="Outlet", published="2020-01-02",
                           url="https://example.org/a"), SETTINGS)
    assert (doc.title, doc.outlet, doc.published, doc.published_basis) == (
        "Given", "Outlet", "2020-01-02", "metadata")
    assert doc.url == "https://example.org/a"
    assert doc.author == "Henrik Rothen"  # what was not given is still extracted


# --------------------------------------------------------------------------- synthetic text

PROSE = [
    "The two delegations met in the capital on Tuesday to discuss the border commission and its mandate.",
    "Officials said that the talks would resume next month after both sides consult their parliaments.",
    "Observers noted that the previous round had ended without agreement on the sequence of the steps.",
]


def test_plain_text_filter_on_synthetic_page() -> None:
    text = "\n".join([
        "Home | World | Politics | Sport",
        "Ministers Meet Over Border",
        "By Jane Doe",
        "Published: 5 March 2024 10:15 GMT",
        "Share on Facebook",
        PROSE[0],
        "Background",
        PROSE[1],
        "Read more: Another Story Headline Here The other story's summary sentence is this one.",
        "Subscribe to our newsletter for updates",
        PROSE[2],
        "Related articles",
        "Some Other Headline",
        "03.04.2024 11:00",
        "Yet Another Headline",
    ])
    doc = clean_item(_item(text.encode()), SETTINGS)
    paragraphs = doc.body.split("\n\n")
    assert paragraphs == [PROSE[0], "Background", PROSE[1], PROSE[2]]
    assert doc.title == "Ministers Meet Over Border"
    assert doc.author == "Jane Doe"
    assert (doc.published, doc.published_basis) == ("2024-03-05", "page")
    assert doc.removed_lines == 11


def test_article_list_items_are_kept_and_platform_lists_dropped() -> None:
    items = ["• Both sides withdraw troops from the border", "• A joint commission meets every month"]
    text = "\n".join([PROSE[0], *items, PROSE[1], "Available for", "  • Windows", "  • Mac OS", PROSE[2]])
    doc = clean_item(_item(text.encode()), SETTINGS)
    assert doc.body.split("\n\n") == [PROSE[0], *items, PROSE[1], PROSE[2]]


def test_glued_teaser_inside_a_paragraph_is_cut() -> None:
    text = "\n".join([PROSE[0], PROSE[1] + " Read more: Some Headline Elsewhere And its summary.", PROSE[2]])
    doc = clean_item(_item(text.encode()), SETTINGS)
    assert doc.body.split("\n\n") == PROSE


def test_date_in_body_or_sidebar_is_not_the_publication_date() -> None:
    text = "\n".join(["A Headline For The Story", PROSE[0], "12 March 2024", PROSE[1], PROSE[2]])
    doc = clean_item(_item(text.encode()), SETTINGS)
    assert doc.published is None and doc.published_basis == "unknown"


def test_yeared_dateline_gives_the_date() -> None:
    text = "KYIV, Nov. 5, 2023 " + PROSE[0] + "\n" + PROSE[1]
    doc = clean_item(_item(text.encode()), SETTINGS)
    assert doc.dateline == "KYIV, Nov. 5, 2023"
    # The cleaner keeps the dateline; the temporal stage reads the date from it.
    dated = next(run_stages([doc], ["temporal"], SETTINGS))
    assert (dated.published, dated.published_basis) == ("2023-11-05", "dateline")


def test_short_body_is_empty_status() -> None:
    doc = clean_item(_item(b"Menu\nHome\nShort note."), SETTINGS)
    assert doc.status == "empty"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("line", "value"), [
    ("Dec.27 - 2023 9:09 PM CET", "2023-12-27"),
    ("Published: 27 December 2023", "2023-12-27"),
    ("Thursday, 13 March 2025", "2025-03-13"),
    ("2024/01/05", "2024-01-05"),
    ("11.30.2024 09:33", "2024-11-30"),
    ("12.02.2024 16:29", None),  # day-month or month-day: unknown
    ("Updated 2023-12-27", None),  # an update is not the publication
    ("2023-02-30", None),
])
def test_date_line_value(line: str, value: str | None) -> None:
    assert is_date_line(line)
    assert date_line_value(line) == value


@pytest.mark.parametrize(
    "line", ["Armenia-Russia tension", "67.15%", "Politics", "The talks of 2023 failed."]
)
def test_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


def test_leading_date_and_dateline() -> None:
    assert split_leading_date("date 2025-03-13 Azerbaijan said") == ("2025-03-13", "Azerbaijan said")
    assert split_leading_date("In 2025-03-13 x") == (None, "In 2025-03-13 x")
    assert find_dateline("BAKU, November 6 The minister said") == "BAKU, November 6"
    assert find_dateline("NATO, EU and others met") is None


# --------------------------------------------------------------------------- HTML

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Ceasefire Holds Along the Line | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
{meta}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li></ul></nav>
<div id="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Cookie policy</a></div>
<main><article>
<h1>Ceasefire Holds Along the Line</h1>
<p>{p0}</p>
<p>{p1}</p>
<p>{p2}</p>
</article>
<aside class="sidebar"><h3>Latest</h3><ul>
<li><a href="/a">Other story one</a> <span class="date">2024-01-05</span></li>
<li><a href="/b">Other story two</a> <time datetime="2024-02-12">12.02.2024</time></li>
</ul></aside></main>
<footer><p>© 2024 Example News. All rights reserved.</p><p>Updated 2024-05-01</p></footer>
</body></html>"""


def _page(meta: str = "") -> bytes:
    return ARTICLE_HTML.format(meta=meta, p0=PROSE[0], p1=PROSE[1], p2=PROSE[2]).encode()


def test_html_article_without_date() -> None:
    doc = clean_item(_item(_page(), is_html=True, url="https://www.example.com/world/ceasefire"), SETTINGS)
    assert doc.kind == "html" and doc.status == "ok" and doc.language == "en"
    assert doc.body.split("\n\n") == PROSE
    for chrome in ("cookies", "Home", "Other story", "rights reserved", "2024"):
        assert chrome not in doc.body
    assert doc.title == "Ceasefire Holds Along the Line"
    assert doc.author == "Jane Doe"
    assert doc.outlet == "Example News"
    # sidebar and footer dates are not the page's date
    assert doc.published is None and doc.published_basis == "unknown"


def test_html_published_time_meta() -> None:
    meta = '<meta property="article:published_time" content="2023-12-27T21:09:00+01:00">'
    doc = clean_item(_item(_page(meta), url="https://example.com/x"), SETTINGS)  # sniffed as HTML
    assert doc.kind == "html"
    assert (doc.published, doc.published_basis) == ("2023-12-27", "metadata")


def test_html_outlet_falls_back_to_host() -> None:
    page = _page().replace(b'<meta property="og:site_name" content="Example News">', b"")
    page = page.replace(b" | Example News", b"")
    doc = clean_item(_item(page, is_html=True, url="https://www.some-outlet.org/x"), SETTINGS)
    assert doc.outlet == "some-outlet.org"


def test_malformed_html_does_not_crash() -> None:
    broken = f"<html><body><div><p>{PROSE[0]}<p>{PROSE[1]}</span><b>{PROSE[2]}</div></td>".encode()
    doc = clean_item(_item(broken, is_html=True), SETTINGS)
    for paragraph in PROSE:
        assert paragraph in doc.body


def test_unparseable_html_is_malformed() -> None:
    with pytest.raises(MalformedInput):
        clean_item(_item(b"no markup here at all, only words", is_html=True), SETTINGS)
    assert parse_html("<p>a fragment</p>") is not None


def test_html_sniffing() -> None:
    assert looks_like_html("<!doctype html><html><body></body></html>")
    assert looks_like_html("  <div><p>a</p><p>b</p></div>")
    assert not looks_like_html("Plain text that mentions <b> once.")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_empty_input(content: bytes) -> None:
    with pytest.raises(EmptyInput):
        clean_item(_item(content), SETTINGS)


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    bytes(range(256)) * 4,
    b"text with a NUL\x00 byte in it",
    b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12 almost no text",
])
def test_binary_input(content: bytes) -> None:
    with pytest.raises(BinaryInput):
        clean_item(_item(content), SETTINGS)


def test_latin1_text() -> None:
    text = " ".join(PROSE) + " The café in Zürich was closed."
    assert decode_content(text.encode("latin-1")) == text


def test_cp1251_text_is_decoded_and_marked_non_english() -> None:
    text = ("Министры иностранных дел двух стран встретились во вторник в столице, чтобы обсудить "
            "работу пограничной комиссии и сроки подписания мирного договора.")
    assert decode_content(text.encode("cp1251")) == text
    doc = clean_item(_item(text.encode("cp1251")), SETTINGS)
    assert doc.language == "ru" and doc.status == "non_english"
    assert doc.body == text


def test_utf16_with_bom() -> None:
    text = "\n".join(PROSE)
    doc = clean_item(_item(text.encode("utf-16")), SETTINGS)
    assert doc.body.split("\n\n") == PROSE
    assert doc.status == "ok"


def test_headline_repeated_as_the_lede_start_is_the_title() -> None:
    page = (
        "Rivals agree to resume border talks next month\n"
        "Rivals agree to resume border talks next month, officials in both capitals said on Monday "
        "after a meeting of envoys.\n\n"
        "The envoys met for six hours and discussed the demarcation of the disputed frontier in detail.\n"
    )
    doc = clean_item(_item(page.encode()), Settings())
    assert doc.title == "Rivals agree to resume border talks next month"
    assert doc.body.startswith("Rivals agree to resume border talks next month, officials")


def test_agency_in_byline_or_dateline() -> None:
    lede = "ADDIS ABABA, Dec 12 (Reuters) - " + PROSE[0]
    byline = clean_item(_item(("Talks resume at the border\nBy Jane Doe, Reuters\n" + lede + "\n" + PROSE[1]).encode()),
                        SETTINGS)
    assert (byline.author, byline.outlet, byline.agency) == ("Jane Doe", "Reuters", "Reuters")
    # an agency credited in the dateline supplied the copy; it is not who published the page
    dateline_only = clean_item(_item((lede.replace("Reuters", "AFP") + "\n" + PROSE[1]).encode(),
                                     url="https://www.example-daily.com/world/talks"), SETTINGS)
    assert (dateline_only.agency, dateline_only.outlet, dateline_only.author) == ("AFP", "example-daily.com", None)


# --------------------------------------------------------------------------- unseen-article rules


def test_date_line_with_update_note_and_dated_byline() -> None:
    assert date_line_value("March 6, 2025 4:12 PM GMT Updated 2 hours ago") == "2025-03-06"
    assert date_line_value("Updated: March 6, 2025") is None
    page = (b"World\nTalks on the border resume after a long pause in the capital\n"
            b"Posted on June 28, 2025 by Jane Roe\n"
            b"The two governments resumed talks on Friday, officials said, after months of deadlock "
            b"over the disputed border and the return of refugees.\n"
            b"Recent Posts\nAnother story entirely May 2, 2025\n")
    doc = clean_item(_item(page), SETTINGS)
    assert (doc.published, doc.author) == ("2025-06-28", "Jane Roe")
    assert doc.title == "Talks on the border resume after a long pause in the capital"


def test_site_name_above_headline_labelled_author_and_spaced_menu() -> None:
    page = (b"Daily Frontier Monitor\nNews  Politics  War  Economy  Video\n"
            b"Drones strike the eastern city overnight, wounding dozens\nAuthor: Ivan Petrenko\n"
            b"Drones struck residential areas of the city overnight, wounding dozens of people, "
            b"the mayor said on Friday.\n")
    doc = clean_item(_item(page), SETTINGS)
    assert doc.title == "Drones strike the eastern city overnight, wounding dozens"
    assert doc.author == "Ivan Petrenko"
    assert "Politics" not in doc.body


def test_wire_credits_end_the_article_and_a_foreign_footer_goes() -> None:
    page = ("The two sides exchanged prisoners on Thursday in a swap mediated by a Gulf state, "
            "officials from both countries said in separate statements.\n"
            "Both governments thanked the mediators and said further exchanges were planned.\n"
            "Reporting by Jane Roe in Kyiv; Editing by John Doe\n"
            "Our standards: editorial principles and corrections policy.\n"
            "Sva prava zadržana. Zabranjeno preuzimanje sadržaja bez dozvole.\n").encode()
    body = clean_item(_item(page), SETTINGS).body
    assert "Reporting by" not in body and "standards" not in body and "prava" not in body
    assert body.endswith("further exchanges were planned.")


def test_outlet_from_title_suffix_and_from_the_url() -> None:
    html = (b"<html><head><title>Border tensions rise in the north - Horn Observer</title></head><body>"
            b"<h2>Border tensions rise in the north</h2><p>The government said on Tuesday that it had no "
            b"intention of going to war with its neighbour, days after reserve forces were mobilised "
            b"along the border.</p></body></html>")
    assert clean_item(_item(html, is_html=True), SETTINGS).outlet == "Horn Observer"
    text = b"The army said on Tuesday that its aircraft had struck positions near the city, destroying depots."
    item = _item(text, url="https://www.example-news.org/africa/story")
    assert clean_item(item, SETTINGS).outlet == "example-news.org"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/2024/03/07/ship-hit", "2024-03-07"),  # htmldate's Y/M/D
    ("https://example.org/a/202204/05/WS62.html", "2022-04-05"),  # YYYYMM/DD
    ("https://example.org/n3/2025/0729/c9-1.html", "2025-07-29"),  # YYYY/MMDD
    ("https://example.org/article/11/26/2024/deal", "2024-11-26"),  # M/D/YYYY
    ("https://example.org/articles/1646/20240307/slug.htm", "2024-03-07"),  # YYYYMMDD segment
    ("https://example.org/x/slug/20221102180359158908.amp.html", "2022-11-02"),  # timestamp id
    ("https://example.org/news/2022-04-01-truce-in-yemen.html", "2022-04-01"),  # dated slug
    ("https://example.org/node/92642", None),
    ("https://example.org/a/12345678/b", None),  # an id that is no date
    ("https://example.org/2024/13/45/x", None),
    (None, None),
])
def test_url_date(url: str | None, expected: str | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(("line", "page", "expected"), [
    ("Sat, 28-Jun-2025", "", "2025-06-28"),
    ("(09/19/23)", "", "2023-09-19"),
    ("Published On 9 Oct 2025", "", "2025-10-09"),
    ("Published on October 12, 2024 at 1:00 p.m.", "", "2024-10-12"),
    ("Jan 20, 2025 - 13:48", "", "2025-01-20"),
    # day-first or month-first: the page's other dates decide, or nothing does
    ("Thu, 02-06-2022 05:29 PM, Aden", "expires today, 2 June 2022, at noon", "2022-06-02"),
    ("Thu, 02-06-2022 05:29 PM, Aden", "on February 6, 2022 the talks", "2022-02-06"),
    ("Thu, 02-06-2022 05:29 PM, Aden", "", None),
    ("14-06-2022", "", "2022-06-14"),  # a day over 12 is a day
])
def test_date_lines_with_the_page_convention(line: str, page: str, expected: str | None) -> None:
    assert date_line_value(line, stated_dates(page)) == expected


@pytest.mark.parametrize(("lines", "url", "expected"), [
    # a yeared dateline outranks a header date line that shows the day of the crawl
    (["• Monday, 3 June 2024", "A Headline For The Story", "Tirana, 4 March 2023 (ATA) — " + PROSE[0], PROSE[1]],
     None, ("2023-03-04", "dateline")),
    # a full date opening the lede before an agency mark
    (["A Headline For The Story", "4 Mar 2023; XA: " + PROSE[0], PROSE[1]], None, ("2023-03-04", "dateline")),
    # a timestamp among the first lines of the article
    (["A Headline For The Story", PROSE[0], "Feb 2, 2025 - 09:15", PROSE[1]], None, ("2025-02-02", "page")),
    (["A Headline For The Story", PROSE[0], "Published on May 9, 2024 at 3:00 p.m.", PROSE[1]], None,
     ("2024-05-09", "page")),
    # a bare date inside the article is a sidebar's, not the publication date; the URL's is
    (["A Headline For The Story", PROSE[0], "12 March 2024", PROSE[1]], "https://example.org/2024/05/02/x",
     ("2024-05-02", "url")),
    (["A Headline For The Story", PROSE[0], PROSE[1]], "https://example.org/node/17", (None, "unknown")),
])
def test_publication_date_sources(lines: list[str], url: str | None, expected: tuple[str | None, str]) -> None:
    given = {"url": url} if url else {}
    doc = clean_item(_item("\n".join(lines).encode(), **given), SETTINGS)
    assert (doc.published, doc.published_basis) == expected


@pytest.mark.parametrize(("url", "named", "text", "expected"), [
    ("https://www.chinadaily.com.cn/a/x.html", None, "", "China Daily"),  # a known outlet, by registered domain
    ("https://english.alarabiya.net/News/x", None, "", "Al Arabiya"),  # a subdomain of a known outlet
    ("https://news.example-times.org/x", None, "", "example-times.org"),  # else the registered domain
    ("https://examplewatch.com/43976/", None, "Example Watch— The two sides agreed to talks.", "Example Watch"),
    ("https://d280gayb62sbv.cloudfront.net/x", None, "", None),  # a delivery platform names no outlet
    ("https://www.example.com/x", "The Example Herald", "", "The Example Herald"),  # the page's own name wins
    (None, None, "", None),
])
def test_outlet_names(url: str | None, named: str | None, text: str, expected: str | None) -> None:
    assert outlet_name(url, named, text) == expected


@pytest.mark.parametrize(("text", "title", "expected"), [
    ("KYIV, March 6 (Reuters) - The two sides exchanged prisoners.", None, "Reuters"),
    ("BEIJING, Jan. 20 (Xinhua) -- The two sides agreed.", None, "Xinhua"),
    ("19 Mar 2023; AA: The leaders agreed.", None, "Anadolu Agency"),
    ("The leaders agreed.", "Leaders agree on a plan – Reuters", "Reuters"),
    ("The leaders agreed, AFP reported on Monday.", None, None),  # a source quoted, not the copy's supplier
])
def test_wire_agency(text: str, title: str | None, expected: str | None) -> None:
    assert wire_agency(text, title) == expected


@pytest.mark.parametrize(("lines", "url", "title"), [
    # a labelled date glued to the headline is cut from it
    (["date 2024-05-02 Two sides agree to a ceasefire in the north", PROSE[0], PROSE[1]], None,
     "Two sides agree to a ceasefire in the north"),
    # the headline the URL's slug repeats, not the standfirst above it
    (["Regional mediation has brought about this peace between the two contenders at last",
      "Government and rebels agree cessation of hostilities", PROSE[0], PROSE[1]],
     "https://example.org/politics/government-and-rebels-agree-cessation-hostilities/2024.html",
     "Government and rebels agree cessation of hostilities"),
    # questions to the reader, calls to read more and captions with their credit are no headlines
    (["How did you feel about the content of this article?", PROSE[0], PROSE[1]], None, None),
    (["Read our coverage of these topics in French.", PROSE[0], PROSE[1]], None, None),
    (["The envoy meets local leaders in the capital. May 19, 2022 (OSESGY/Jane Roe)",
      "Envoy announces two more months of truce", PROSE[0], PROSE[1]], None,
     "Envoy announces two more months of truce"),
    # an address is not a headline
    (["date 2022-11-02 https://example.org/20221102/deal-reached.html", "Deal Reached In Peace Process Talks",
      PROSE[0], PROSE[1]], None, "Deal Reached In Peace Process Talks"),
])
def test_titles_of_text_scrapes(lines: list[str], url: str | None, title: str | None) -> None:
    given = {"url": url} if url else {}
    assert clean_item(_item("\n".join(lines).encode(), **given), SETTINGS).title == title


def test_mojibake_is_repaired_and_is_not_binary() -> None:
    # UTF-8 text that was once read as cp1252 and saved again: dashes and quotes as "â€”"/"â€œ",
    # one with the C1 control that cp1252 cannot map ("â€\x9d").
    broken = "The truce â€” agreed on Friday â€œfor peaceâ€\x9d â€“ held overnight in the capital."
    text = decode_content(broken.encode("utf-8"))
    assert text == "The truce — agreed on Friday “for peace” – held overnight in the capital."


def test_binary_is_judged_on_the_bytes() -> None:
    noise = bytes(range(1, 32)) * 40 + b"some words"
    with pytest.raises(BinaryInput):
        decode_content(noise)


def _nested_page(depth: int) -> str:
    paras = "".join(f"<div><p>Paragraph {i} of the report on the border talks between the two sides.</p>"
                    for i in range(depth))
    return f"<html><head><title>Talks</title></head><body><article>{paras}</article></body></html>"


def test_deeply_nested_html_parses_whole_or_fails_clearly() -> None:
    doc = clean_item(_item(_nested_page(400).encode(), is_html=True), SETTINGS)  # over libxml2's default 256
    assert doc.body.count("of the report on the border talks") == 400
    with pytest.raises(MalformedInput, match="nests too deeply"):  # beyond any parser's limit: never partial
        clean_item(_item(_nested_page(3000).encode(), is_html=True), SETTINGS)


@pytest.mark.parametrize(("body", "names", "expected"), [
    ("Minority Watch— Myanmar's military and the MNDAA agreed.", ("Minority Watch",), "Minority Watch—"),
    ("AFP - Rebels attacked the town.", ("AFP", None), "AFP -"),
    ("Reuters: The talks ended.", (None, "Reuters"), "Reuters:"),
    # the name as the lede's subject is no credit
    ("Minority Watch reported that talks ended.", ("Minority Watch",), None),
    ("Rebels attacked the town - officials said.", ("AFP",), None),
])
def test_credit_line_opening_the_lede(body: str, names: tuple[str | None, ...], expected: str | None) -> None:
    assert credit_line(body, names) == expected


def test_a_credit_opening_the_lede_is_not_its_subject() -> None:
    body = ("Minority Watch— Myanmar's military and the Myanmar National Democratic Alliance Army (MNDAA) "
            "have formalized a ceasefire effective Saturday, January 18, 2025, halting clashes near the border.")
    item = RawItem(id="m", source="m.txt", kind="jsonl", content=body.encode(), content_hash="m",
                   outlet="Minority Watch")
    from chronicle.pipeline import run_stages
    from chronicle.workflow import load_stages

    load_stages()

    (doc,) = run_stages([clean_item(item, Settings())], ["temporal", "nlp", "events"], Settings())
    (ceasefire,) = [e for e in doc.events if e.trigger == "ceasefire"]
    names = {a.actor.name for a in ceasefire.actors if a.role == "source"}
    assert "Myanmar" in names and names & {"MNDAA", "Myanmar National Democratic Alliance Army"}
    assert "Minority Watch" not in names
    assert ceasefire.date.start == "2025-01-18"


@pytest.mark.parametrize(("line", "reason"), [
    # a teaser card: headline and standfirst run on into the card's stamp
    ("Flood barriers fail in the delta town Residents were moved to higher ground overnight 14H ago", "teaser"),
    ("Court hears appeal over the port lease The judges asked both sides for maps 12H ago 34 photos", "teaser"),
    ("Museum reopens after the long repair work The east wing was closed for two years Nov 18", "teaser"),
    # a caption whose credit follows its sentence with no full stop
    ("Smoke rises over the valley after the fire reached the pass. Jane Roe/Northern Wire via Stock Images",
     "credit"),
    ("Rainfall in the region stayed below the average this season. Valley Weather Service", "credit"),
    # menu items flattened without spaces
    ("HomeNewsBusinessMarketsOpinion", "nav"),
    ("Company TownTelevisionBusinessEntertainment & Arts", "nav"),
    # article lines that look a little like those
    ("The mayor said the barriers held on Nov 18.", None),
    ("Ceasefire agreed on Nov 18", None),  # a short heading ending in its date
    ("The agreement was signed by Dr. Elena Marsh and the envoy of the McKinley Foundation.", None),
    ("Apple released the iPad Pro and the MacBook Air before the summer, the company said on Monday.", None),
    ("The ministers met in Geneva on Friday.", None),
])
def test_chrome_reason_of_a_line(line: str, reason: str | None) -> None:
    assert chrome_reason(line) == reason


def test_a_paragraph_repeated_far_away_is_a_widget_and_a_close_echo_keeps_one_copy() -> None:
    card = "Storm closes the coastal road again as crews clear the debris and the ferry resumes its service."
    echo = "The council will vote on the plan next week, after a final hearing with residents and engineers."
    filler = [f"Paragraph {n} of the report describes the works on the northern section in some detail here."
              for n in range(14)]
    text = "\n".join([card, PROSE[0], echo, echo, *filler, PROSE[1], "Latest", card])
    paragraphs = clean_item(_item(text.encode()), SETTINGS).body.split("\n\n")
    assert card not in paragraphs
    assert paragraphs.count(echo) == 1


def test_rows_of_a_flattened_table_are_kept_with_their_heading() -> None:
    rows = ["Northern district (Zone A): 120 shelters", "Coastal district (Zone B): 85 shelters",
            "Hill district (Zone C): 40 shelters", "River district (Zone D): 15 shelters"]
    menu = ["Weather", "Traffic", "Sport", "Culture"]
    text = "\n".join([PROSE[0], PROSE[1], "Shelters by district", *rows, "Contact", *menu])
    paragraphs = clean_item(_item(text.encode()), SETTINGS).body.split("\n\n")
    assert paragraphs == [PROSE[0], PROSE[1], "Shelters by district", *rows]


LONG = [
    PROSE[0] + " Neither side gave details of the draft, which diplomats said ran to some forty pages.",
    PROSE[1] + " A spokesman for the mediators said the dates would be announced within the week.",
    PROSE[2] + " Both parliaments must also approve the composition of the new border commission first.",
]


def test_a_related_box_inside_the_article_loses_its_headlines_and_the_article_goes_on() -> None:
    long = LONG
    text = "\n".join([long[0], "More in Border Talks", "Envoys Return To The Capital",
                      "Second Round Set For Spring", long[1], long[2]])
    paragraphs = clean_item(_item(text.encode()), SETTINGS).body.split("\n\n")
    assert paragraphs == long


def test_story_cards_after_a_widget_title_are_not_the_article() -> None:
    long = LONG
    text = "\n".join([long[0], long[1], "More from the Desk", "Other Headline About Another Town",
                      "Wednesday November 20, 2019", long[2], "Another Story Of The Week", "Jane Roe",
                      "2 days ago at 08:49 am", long[0].replace("Tuesday", "Monday")])
    paragraphs = clean_item(_item(text.encode()), SETTINGS).body.split("\n\n")
    assert paragraphs == long[:2]
