"""Text features shared by reprint detection and story clustering: word tokens, shingles,
and weighted term vectors. Pure functions over strings and records."""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from chronicle import query
from chronicle.records import Document, Event

_WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)
# Sentence starts, used only to tell a proper name from a capitalised first word when the
# document has not been through the nlp stage yet.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")
# spaCy's English list (already loaded with the pipeline); unlike scikit-learn's it keeps
# words that matter in conflict news, such as "fire", "found" and "un".
STOP_WORDS: frozenset[str] = frozenset(SPACY_STOP_WORDS)
_HAS_DIGIT = re.compile(r"\d").search

# Names and numbers say *which* incident a text is about ("Tara Reid", "32", "COP29"); common
# words mostly say what *kind* of incident. Weighting them up is what separates two stories of
# the same kind (two earthquakes, two rehab admissions); tuned on the ECB+ dev topics.
NAME_WEIGHT = 3
# News is written as an inverted pyramid: the title and first sentences say what the news is,
# later paragraphs add background that many unrelated stories share.
LEDE_WEIGHT = 2.0
LEDE_SEGMENTS = 3
# A date further than this from the publication date marks its sentence as background (the
# war every article on a conflict recalls), not the news: days, as news is told within the week.
BACKGROUND_DAYS = 10
# Background told in the body ("in September 2020 fighting resumed") is shared by every story
# on the conflict; it still counts, but as a fraction of a news sentence.
BACKGROUND_WEIGHT = 0.25
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
# A TIMEX3 calendar value with its year: "2011", "2011-11", "2011-11-12" (not "201X", "2011-W45").
_EXPLICIT_DATE = re.compile(r"\d{4}(?:-\d\d){0,2}")
_EXPLICIT_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# Small on purpose: a large prior makes every word a few articles share look rare, and the
# first articles on one conflict then glue into one story that later ones cannot undo (with 2,
# the seed stories come out the same whatever batches the articles arrive in, bar a few orders
# of two-article first batches; ECB+ dev unchanged).
IDF_PRIOR_DOCS = 2


def words(text: str) -> list[str]:
    """Lower-cased word tokens, in order (no stop-word removal): the unit of shingles."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def shingles(text: str, size: int) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (a short text gives its words joined)."""
    toks = words(text)
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)}


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


def day_ordinal(iso: str | None) -> int | None:
    """Ordinal day of an ISO date of day precision ("2023-09-19"), else None."""
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def first_day(iso: str | None) -> int | None:
    """Ordinal of the first day an ISO date value can mean ("2023-09" its 1st, "2024" 1 January):
    :func:`chronicle.query.first_day` as a day number; None for what is no such value."""
    if not iso or not iso[:4].isdigit():
        return None
    return day_ordinal(query.first_day(iso))


def _far(value: str | None, reference: int, window_days: int) -> bool:
    """Whether a calendar value ("2020", "2023-09", "2023-09-19") lies wholly outside
    ``window_days`` of the reference day."""
    if not value or not value[:4].isdigit():
        return False
    if len(value) == 4:  # a bare year: far unless the reference falls in it
        return date.fromordinal(reference).year != int(value)
    day = first_day(value)
    if day is None:
        return False
    if len(value) < 10:  # a month: far unless within the window of any of its days
        month_end = first_day(value[:7] + "-28") or day
        return reference < day - window_days or reference > month_end + 3 + window_days
    return abs(day - reference) > window_days


def has_story_text(doc: Document) -> bool:
    """Whether story clustering can compare ``doc``: an analysed English text, or an item too
    short to analyse whose headline still names its news ("Sixers fire O'Brien, name Cheeks
    coach"): a headline alone belongs to the story it names."""
    return doc.status == "ok" or (doc.status == "empty" and bool(doc.title and doc.title.strip()))


def background_sentences(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> set[int]:
    """Indices of sentences that tell background rather than the news.

    Articles date their background explicitly ("in September 2020", "On September 19, 2023")
    while the news itself is "on Thursday" or "today". So a sentence is background when a time
    expression or event date in it lies more than ``background_days`` from the publication date;
    with no publication date, when it carries an explicit year outside the lede.
    """
    if not doc.sentences:
        return set()
    reference = first_day(doc.published) if doc.published and len(doc.published) >= 10 else None
    out: set[int] = set()
    starts = [s.start for s in doc.sentences]

    def index_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    for timex in doc.timexes:
        i = index_of(timex.start)
        if reference is not None:
            if _far(timex.value, reference, background_days):
                out.add(i)
        elif i >= LEDE_SEGMENTS and _YEAR.search(timex.text) and timex.value and timex.value[:4].isdigit():
            out.add(i)
    if reference is not None:
        for event in doc.events:
            if event.date.basis != "publication" and _far(event.date.start, reference, background_days):
                out.add(event.sentence.index)
    return out


def news_events(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> list[Event]:
    """The events a document reports as its news (not background): dated near its publication
    date, or, when either date is unknown, told in the lede outside a background sentence;
    never one that says neither when nor who acted."""
    background = background_sentences(doc, background_days=background_days)
    reference = first_day(doc.published) if doc.published and len(doc.published) >= 10 else None
    out = []
    for event in doc.events:
        if event.sentence.index in background:
            continue
        if not event.date.start and not any(a.role == "source" for a in event.actors):
            continue  # "a truce went into effect": neither when nor whose, no evidence of which story
        dated = reference is not None and event.date.start and event.date.basis != "publication"
        if dated and not _far(event.date.start, reference, background_days):  # type: ignore[arg-type]
            out.append(event)
            continue
        if event.sentence.index < LEDE_SEGMENTS:
            out.append(event)
    return out


def main_report(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> Event | None:
    """The report of the event a document's headline or lede tells as its news: the first news
    event of its lede (:func:`news_events`), one with a named initiator first; else its first
    asserted event; None when it reports none."""
    lede = [e for e in news_events(doc, background_days=background_days) if e.sentence.index < LEDE_SEGMENTS]
    named = [e for e in lede if any(a.role == "source" for a in e.actors)]
    pool = named or lede or [e for e in doc.events if e.modality == "asserted"]
    return min(pool, key=lambda e: (e.sentence.index, e.trigger_start)) if pool else None


def news_date(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> str | None:
    """When a document's news happened: its publication date, else the day of the first
    day-precise news event of its lede (an undated article still says "on March 3, 2024")."""
    if doc.published:
        return doc.published
    for event in news_events(doc, background_days=background_days):
        if event.sentence.index < LEDE_SEGMENTS and event.date.precision == "day" and event.date.start:
            return event.date.start
    return None


def news_year(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> int | None:
    """The year a document's news happened in: that of its news date (see :func:`news_date`),
    else the latest year the text names outright ("November 12, 2011", "in March 2010",
    "2009"; not "last year" or "the 1990s").

    An undated article still says when it happened, and an article names earlier years only
    as background: the news is about the most recent year it states. Only a year, because
    the latest explicit day is often not the day of the news (a follow-up cites the date of
    the attack), while the year rarely changes within a story.
    """
    when = news_date(doc, background_days=background_days)
    if when is not None and when[:4].isdigit():
        return int(when[:4])
    years = [
        int(t.value[:4])
        for t in doc.timexes
        # anchor None: stated outright, not resolved against the document date or the story
        if t.type == "DATE" and t.anchor is None and t.value and _EXPLICIT_DATE.fullmatch(t.value)
    ]
    return max(years, default=None)


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def protagonist(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> tuple[str | None, frozenset[str]]:
    """Who a document's news is about, and the people it names, by surname ("Jackson"): the
    person who acts in its main report (:func:`main_report`), else the one it befalls ("placed
    Bush on injured reserve"); None (and no names) when that report has no person.

    Two incidents of one kind read alike (two players arrested on the same charge, two actresses
    checking into rehab) but are about different people, where a follow-up on one incident that
    leads with another person still names the first one. Surnames only, as the first mention
    carries the full name and later ones ("Williams") the surname.
    """
    event = main_report(doc, background_days=background_days)
    if event is None:
        return None, frozenset()
    for role in ("source", "target"):
        people = [a.actor.name for a in event.actors if a.role == role and a.actor.kind == "person"]
        if people:
            main = _surname(people[0])
            named = {_surname(m.actor.name) for m in doc.mentions if m.actor is not None and m.actor.kind == "person"}
            return main, frozenset(named | {main})
    return None, frozenset()


def stated_days(doc: Document) -> tuple[str, ...]:
    """The calendar days a document states outright ("June 24, 2005"; not "on Friday", which
    is resolved against its own date): a follow-up published months after an incident still
    names the day it happened, and so the story it belongs to (``stories.cluster``)."""
    days = {
        t.value
        for t in doc.timexes
        if t.type == "DATE" and t.anchor is None and t.value and _EXPLICIT_DAY.fullmatch(t.value)
    }
    return tuple(sorted(days))


def years_apart(window_days: int) -> int:
    """How many years apart two news years must be before no ``window_days`` span can hold
    both: adjacent years can (December 31 and January 1), two years apart cannot."""
    return 2 + window_days // 366


def term_counts(doc: Document, *, background_days: int = BACKGROUND_DAYS) -> dict[str, float]:
    """Weighted term counts of a document for story similarity.

    Content words count once, names (capitalised words that do not open a sentence) and tokens
    with digits ``NAME_WEIGHT`` times; the title and first sentences count ``LEDE_WEIGHT``
    times over, background sentences (see :func:`background_sentences`) only
    ``BACKGROUND_WEIGHT``. The canonical actors and places of ``doc.mentions`` are added once each, so "Baku" and
    "Azerbaijan's government" can meet on the same canonical name.
    """
    counts: dict[str, float] = defaultdict(float)
    segments: list[tuple[str, float]] = []
    if doc.title:
        segments.append((doc.title, LEDE_WEIGHT))
    if doc.sentences:
        background = background_sentences(doc, background_days=background_days)
        for sentence in doc.sentences:
            weight = LEDE_WEIGHT if sentence.index < LEDE_SEGMENTS else 1.0
            segments.append((sentence.text, BACKGROUND_WEIGHT if sentence.index in background else weight))
    else:
        parts = [s for s in _SENTENCE_BREAK.split(doc.body) if s.strip()]
        segments += [(s, LEDE_WEIGHT if k < LEDE_SEGMENTS else 1.0) for k, s in enumerate(parts)]
    for segment, weight in segments:
        for k, match in enumerate(_WORD.finditer(segment)):
            token = match.group(0)
            if token.lower() in STOP_WORDS or len(token) < 2:
                continue
            named = (k > 0 and token[0].isupper()) or _HAS_DIGIT(token) is not None
            counts[normalise(token)] += weight * (NAME_WEIGHT if named else 1)
    for mention in doc.mentions:
        if mention.actor is not None:
            counts["actor:" + mention.actor.name.lower()] += 1
        if mention.place is not None:
            counts["place:" + mention.place.name.lower()] += 1
    return dict(counts)


def tf(count: float) -> float:
    """Sublinear term frequency, continuous below one (background words weigh a fraction)."""
    return 1.0 + math.log(count) if count >= 1.0 else count


def idf(df: int, n_docs: int) -> float:
    """Inverse document frequency, as if ``IDF_PRIOR_DOCS`` unseen documents lacked the term.

    The prior keeps a handful of documents from declaring every shared word "ubiquitous"
    (with two articles, every word they share is in all of them); in a large collection it
    fades, and a term in nearly every document still weighs little.
    """
    return math.log((n_docs + IDF_PRIOR_DOCS + 1) / (df + 0.5))


def weighted_vector(
    counts: Mapping[str, float], df: Mapping[str, int], n_docs: int
) -> dict[str, float]:
    """Sublinear tf x idf, L2-normalised, as a sparse dict (empty when nothing weighs)."""
    vec = {t: tf(c) * idf(df.get(t, 0), n_docs) for t, c in counts.items() if c > 0}
    vec = {t: w for t, w in vec.items() if w > 0.0}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    if norm == 0.0:
        return {}
    return {t: w / norm for t, w in vec.items()}
