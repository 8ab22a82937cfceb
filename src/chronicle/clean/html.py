"""The HTML path: trafilatura for the article body, its metadata extractor for title, author
and site name, and htmldate for the publication date, restricted to what the page's own
metadata and markup state (head meta tags, JSON-LD, ``time[pubdate]``, itemprop) so that a
date in a sidebar list, a comment or a footer can never become the publication date."""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from typing import Any

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from chronicle.clean import lines as L
from chronicle.clean.dates import url_date
from chronicle.errors import MalformedInput
from chronicle.records import DateBasis, Document

# Markup in the body that states the article's own date; everything else in the body is
# left out of the date search.
_DATE_MARKUP = (
    "//script[@type='application/ld+json']"
    " | //*[contains(concat(' ', normalize-space(@itemprop), ' '), ' datePublished ')]"
    " | //time[@pubdate]"
)
_TAG = re.compile(r"<[A-Za-z][^>]*>")
# Below this many characters the precision run is checked against the recall run, and it
# loses when it found less than this share of the recall run's text.
_SHORT_BODY_CHARS = 1500
_SLIVER_SHARE = 0.35
# Line-filter verdicts that hold inside extracted HTML text too (the others, such as short
# list items or date lines, are often real content in a page's own lists and tables).
_DROP_REASONS = frozenset({"teaser", "cta", "nav"})
# " - Site", " | Site", " — Site" after the headline in <title>.
_TITLE_SUFFIX = re.compile(r"\A\s+[|\-–—:·•]\s+(?P<name>[^|\-–—]+?)\s*\Z")
_MAX_SITE_NAME_WORDS = 5
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

# trafilatura and htmldate log every page they find hard; that is not an error of ours.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def parse_html(text: str) -> HtmlElement:
    """Parse (and repair) an HTML page; :class:`MalformedInput` when nothing can be parsed, or
    when the page nests deeper than the parser follows (it would give a silent partial body).

    lxml's ``huge_tree`` lifts libxml2's default depth limit of 256 (to 2048): 400 unclosed
    ``<div>``s parse whole. trafilatura's loader, which repairs more, is the fallback."""
    tree = _parse_deep(text)
    if tree is None:
        tree = trafilatura.load_html(text)
    if tree is None and _TAG.search(text):
        # trafilatura refuses a bare one-block fragment ("<p>…</p>"); wrapped, it parses.
        tree = trafilatura.load_html(f"<html><body><div>{text}</div></body></html>")
    if tree is None:
        raise MalformedInput("the HTML could not be parsed")
    return tree


_HUGE_PARSER = lxml_html.HTMLParser(
    huge_tree=True, collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)


def _parse_deep(text: str) -> HtmlElement | None:
    if not _TAG.search(text):
        return None  # words without markup: trafilatura's loader judges whether it is HTML at all
    try:
        tree = lxml_html.document_fromstring(text, parser=_HUGE_PARSER)
    except (ValueError, etree.ParserError):
        return None  # an XML encoding declaration, or nothing to parse: trafilatura's loader tries
    # libxml2 stops at its depth limit and returns what it read so far; it says so in its log.
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in _HUGE_PARSER.error_log):
        raise MalformedInput("the HTML nests too deeply to parse whole (over 2,048 levels)")
    return tree if tree is not None and len(tree) >= 1 else None


def extract_body(tree: HtmlElement, *, url: str | None = None) -> str:
    """The article text, one paragraph (or heading, list item, table row) per block,
    blocks separated by a blank line.

    Precision-leaning trafilatura first; when that keeps only a sliver of what the
    recall-leaning run finds (a teaser paragraph above a paywall-style layout), the recall
    run wins. Lines that are navigation, calls to action or related-story teasers by the
    plain-text filter's own tests are then dropped.
    """
    text = _trafilatura(tree, url=url, precision=True)
    if len(text) < _SHORT_BODY_CHARS:
        wider = _trafilatura(tree, url=url, precision=False)
        if len(text) < _SLIVER_SHARE * len(wider):
            text = wider
    paragraphs = (line.strip() for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p and L.chrome_reason(p) not in _DROP_REASONS)


def _trafilatura(tree: HtmlElement, *, url: str | None, precision: bool) -> str:
    text = trafilatura.extract(
        copy.deepcopy(tree),  # trafilatura prunes the tree it is given
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        favor_precision=precision,
        favor_recall=not precision,
    )
    return text or ""


def extract_published(tree: HtmlElement) -> str | None:
    """The publication date stated by the page's metadata or markup; None when the page does
    not state it (the URL's date is :func:`chronicle.clean.dates.url_date`'s)."""
    return _find_date(_date_markup_only(tree), url=None)


def _find_date(tree: HtmlElement, *, url: str | None) -> str | None:
    # Conservative htmldate: no extensive search of the text, the original (not updated) date.
    return find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", url=url)


def _date_markup_only(tree: HtmlElement) -> HtmlElement:
    """A copy of the page with its head and only the body markup that dates the article."""
    page = lxml_html.fromstring("<html><head></head><body></body></html>")
    head = tree.find("head")
    if head is not None:
        page.replace(page.find("head"), copy.deepcopy(head))
    body = page.find("body")
    for element in tree.xpath(_DATE_MARKUP):
        if element.getparent() is not None and element.getparent().tag == "head":
            continue  # already copied with the head
        clone = copy.deepcopy(element)
        clone.tail = None
        body.append(clone)
    return page


def clean_html(text: str, base: Document) -> Document:
    """Extract the body and metadata of an HTML page into a copy of ``base``."""
    tree = parse_html(text)
    url = base.url
    meta = trafilatura.extract_metadata(copy.deepcopy(tree), default_url=url, date_config=dict(_DATE_PARAMS))
    published = extract_published(tree)
    basis: DateBasis = "metadata" if published else "unknown"
    if published is None and (from_url := url_date(url)):
        published, basis = from_url, "url"
    outlet = meta.sitename or _title_suffix(tree, meta.title)  # a known name or the domain: chronicle.clean.outlets
    return dataclasses.replace(
        base,
        body=_drop_leading_title(extract_body(tree, url=url), meta.title),
        title=meta.title or None,
        author=meta.author or None,
        outlet=outlet or None,
        published=published,
        published_basis=basis,
    )


def _drop_leading_title(body: str, title: str | None) -> str:
    """The headline repeated at the top of the body lives in Document.title, not the body."""
    if not title:
        return body
    paragraphs = body.split("\n\n")
    while len(paragraphs) > 1 and L.repeats_title(paragraphs[0], title):
        paragraphs.pop(0)
    return "\n\n".join(paragraphs)


def _title_suffix(tree: HtmlElement, title: str | None) -> str | None:
    """The site name a page appends to its headline in ``<title>``: "Headline - Site",
    "Headline | Site"; None when the title carries no such suffix."""
    raw = tree.findtext(".//title")
    if not raw or not title:
        return None
    raw = " ".join(raw.split())
    if not raw.startswith(title) or raw == title:
        return None
    m = _TITLE_SUFFIX.match(raw[len(title):])
    if m is None:
        return None
    name = m.group("name").strip()
    return name if 1 <= len(L.words(name)) <= _MAX_SITE_NAME_WORDS else None
