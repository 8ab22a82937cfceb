"""Text features shared by reprint detection and story clustering: word tokens, shingles,
and weighted term vectors. Pure functions over strings and records."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from chronicle.records import Document

_WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)
# Sentence starts, used only to tell a proper name from a capitalised first word when the
# document has not been through the nlp stage yet.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

# Names and numbers say *which* incident a text is about ("Tara Reid", "32", "COP29"); common
# words mostly say what *kind* of incident. Weighting them up is what separates two stories of
# the same kind (two earthquakes, two rehab admissions); tuned on the ECB+ dev topics.
NAME_WEIGHT = 3
# News is written as an inverted pyramid: the title and first sentences say what the news is,
# later paragraphs add background that many unrelated stories share.
LEDE_WEIGHT = 2
LEDE_SEGMENTS = 3
IDF_PRIOR_DOCS = 5


def words(text: str) -> list[str]:
    """Lower-cased word tokens, in order (no stop-word removal): the unit of shingles."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def shingles(text: str, size: int) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (a short text gives its words joined)."""
    toks = words(text)
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)}


def _segments(doc: Document) -> Iterable[str]:
    if doc.title:
        yield doc.title
    if doc.sentences:
        for sentence in doc.sentences:
            yield sentence.text
    else:
        yield from (s for s in _SENTENCE_BREAK.split(doc.body) if s.strip())


@functools.lru_cache(maxsize=1 << 17)
def normalise(token: str) -> str:
    """A light stem so that "prisoners"/"prisoner", "normalising"/"normalization" and
    "Armenia's"/"Armenia" meet; similarity features only, never shown to a user."""
    low = token.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if token[:1].isupper():
        return low  # a name: "United" must not become "unit"
    if len(low) > 5 and not any(ch.isdigit() for ch in low):
        low = low.replace("is", "iz") if low.endswith(("ise", "ised", "ising", "isation")) else low
        for suffix in ("ization", "ation", "izing", "ized", "izes", "ize", "ing", "ies", "ed", "es", "s"):
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                low = low[: -len(suffix)]
                break
        if low.endswith("e") and len(low) > 5:
            low = low[:-1]  # "release" meets "released"/"releasing"
    return low


def term_counts(doc: Document) -> Counter[str]:
    """Weighted term counts of a document for story similarity.

    Content words count once, names (capitalised words that do not open a sentence) and tokens
    with digits ``NAME_WEIGHT`` times; the title and first sentences count ``LEDE_WEIGHT``
    times over. The canonical actors and places of ``doc.mentions`` are added once each, so
    "Baku" and "Azerbaijan's government" can meet on the same canonical name.
    """
    counts: Counter[str] = Counter()
    for s, segment in enumerate(_segments(doc)):
        lede = LEDE_WEIGHT if s < LEDE_SEGMENTS else 1
        for k, match in enumerate(_WORD.finditer(segment)):
            token = match.group(0)
            if token.lower() in STOP_WORDS or len(token) < 2:
                continue
            named = (k > 0 and token[0].isupper()) or any(ch.isdigit() for ch in token)
            counts[normalise(token)] += lede * (NAME_WEIGHT if named else 1)
    for mention in doc.mentions:
        if mention.actor is not None:
            counts["actor:" + mention.actor.name.lower()] += 1
        if mention.place is not None:
            counts["place:" + mention.place.name.lower()] += 1
    return counts


def idf(df: int, n_docs: int) -> float:
    """Inverse document frequency, as if ``IDF_PRIOR_DOCS`` unseen documents lacked the term.

    The prior keeps a handful of documents from declaring every shared word "ubiquitous"
    (with two articles, every word they share is in all of them); in a large collection it
    fades, and a term in nearly every document still weighs little.
    """
    return math.log((n_docs + IDF_PRIOR_DOCS + 1) / (df + 0.5))


def weighted_vector(
    counts: Mapping[str, int], df: Mapping[str, int], n_docs: int
) -> dict[str, float]:
    """Sublinear tf x idf, L2-normalised, as a sparse dict (empty when nothing weighs)."""
    vec = {t: (1.0 + math.log(c)) * idf(df.get(t, 0), n_docs) for t, c in counts.items() if c > 0}
    vec = {t: w for t, w in vec.items() if w > 0.0}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    if norm == 0.0:
        return {}
    return {t: w / norm for t, w in vec.items()}
