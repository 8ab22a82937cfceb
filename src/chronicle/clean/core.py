"""``clean_item``: decode, route to the HTML or plain-text path, then apply the item's given
metadata and the document status."""

from __future__ import annotations

import dataclasses
import re

from chronicle.clean.decode import decode_content, looks_like_html
from chronicle.clean.html import clean_html, url_host
from chronicle.clean.language import detect_language
from chronicle.clean.text import clean_text
from chronicle.records import Document, InputKind, RawItem
from chronicle.settings import Settings
from chronicle.temporal import find_dateline

# A news agency credited in the dateline: "ADDIS ABABA, Dec 12 (Reuters) -", "PARIS (AFP) -".
_DATELINE_AGENCY = re.compile(
    r"\A[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{1,30})?\s*\((?P<agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\)\s*[-–—]"
)


def clean_item(item: RawItem, settings: Settings) -> Document:
    """Turn one raw item into a Document with a clean body and page metadata.

    Raises :class:`~chronicle.errors.EmptyInput`, :class:`~chronicle.errors.BinaryInput`
    or :class:`~chronicle.errors.MalformedInput` for items that cannot be read. A document
    whose body is too short or not in ``settings.analysis_language`` is still returned,
    with ``status`` "empty" or "non_english".
    """
    text = decode_content(item.content)
    is_html = item.is_html or looks_like_html(text)
    kind: InputKind = "html" if is_html and item.kind == "txt" else item.kind
    base = Document(id=item.id, source=item.source, content_hash=item.content_hash, kind=kind, url=item.url)
    doc = clean_html(text, base) if is_html else clean_text(text, base)

    # Metadata given by the container (a JSONL field) is stated, not extracted: it wins.
    given: dict[str, str] = {}
    if item.title:
        given["title"] = item.title
    if item.outlet:
        given["outlet"] = item.outlet
    if item.published:
        given["published"] = item.published
        given["published_basis"] = "metadata"
    language, _ = detect_language(doc.body)
    # An agency dateline ("BAKU, November 6") is kept for the temporal stage, which turns it
    # into a publication date when the page states none.
    dateline = find_dateline(doc.body)
    if doc.outlet is None and (agency := _DATELINE_AGENCY.match(doc.body)):
        given.setdefault("outlet", agency.group("agency"))  # "KYIV, Dec 12 (Reuters) - ..."
    if doc.outlet is None and "outlet" not in given and (host := url_host(item.url)):
        given["outlet"] = host  # the site it was published on, as its address names it
    doc = dataclasses.replace(doc, language=language, dateline=dateline, **given)  # type: ignore[arg-type]

    if len(doc.body.strip()) < settings.min_body_chars:
        return dataclasses.replace(doc, status="empty")
    if language != settings.analysis_language:
        return dataclasses.replace(doc, status="non_english")
    return doc
