"""``clean_item``: decode, route to the HTML or plain-text path, then apply the item's given
metadata and the document status."""

from __future__ import annotations

import dataclasses

from chronicle.clean.decode import decode_content, looks_like_html
from chronicle.clean.html import clean_html
from chronicle.clean.language import detect_language
from chronicle.clean.outlets import credit_line, outlet_name, strip_credit, wire_agency
from chronicle.clean.text import clean_text
from chronicle.records import Document, InputKind, RawItem
from chronicle.settings import Settings
from chronicle.temporal import find_dateline


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
    agency = wire_agency(doc.body, doc.title)
    outlet = outlet_name(item.url, doc.outlet, doc.body)
    # ... and so is a credit opening the lede ("Minority Watch— Myanmar's military ..."): the
    # outlet or agency name is where the text was filed, not a party to its first sentence.
    dateline = find_dateline(doc.body) or credit_line(doc.body, (agency, outlet, item.outlet))
    if outlet is not None and outlet == agency and doc.outlet is None:
        outlet = None  # the agency credited in the text is not who published this page
    title = strip_credit(doc.title, (agency, outlet, doc.outlet))
    doc = dataclasses.replace(doc, language=language, dateline=dateline, agency=agency, outlet=outlet, title=title)
    doc = dataclasses.replace(doc, **given)  # type: ignore[arg-type]

    if len(doc.body.strip()) < settings.min_body_chars:
        return dataclasses.replace(doc, status="empty")
    if language != settings.analysis_language:
        return dataclasses.replace(doc, status="non_english")
    return doc
