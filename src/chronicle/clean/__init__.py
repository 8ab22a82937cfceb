"""The cleaning stage: a :class:`~chronicle.records.RawItem` (bytes, maybe HTML, maybe a
noisy text scrape) becomes a :class:`~chronicle.records.Document` with a clean body and the
metadata the page states (title, author, outlet, language, publication date, dateline).
Nothing is guessed: a date the page does not state stays None."""

from __future__ import annotations

from chronicle.clean.core import clean_item
from chronicle.clean.decode import decode_content, looks_like_html
from chronicle.clean.html import clean_html
from chronicle.clean.text import clean_text

__all__ = ["clean_html", "clean_item", "clean_text", "decode_content", "looks_like_html"]
