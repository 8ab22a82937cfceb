"""The plain-text path: already-extracted page text (scrapes full of chrome) to a Document.

Two passes over the lines. The first reads metadata from the head of the page (title,
byline, dateline date, outlet) and judges each line on its own (chrome vocabulary, credits,
calls to action, dates, foreign-language blocks, repeats). The second walks the page as
zones: a header before the article's first paragraph (metadata, dropped), the article
(paragraphs and the short headings between them, kept), and a trailing zone that opens at
a widget title such as "Recommended" or "Leave a reply" (dropped unless article prose
clearly resumes).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from chronicle.clean import lines as L
from chronicle.clean.dates import date_line_value, find_dates, split_leading_date, stated_dates, url_date
from chronicle.clean.language import detect_language
from chronicle.records import DateBasis, Document
from chronicle.temporal import find_dateline

# Per-line language checks need enough words for fastText to be sure.
_MIN_WORDS_FOR_LINE_LANGUAGE = 6
_LINE_LANGUAGE_SCORE = 0.9
# Words nearly every English sentence of six words or more contains at least one of.
_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "from", "by", "with", "and", "or", "but", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "not", "no", "as", "will", "would",
    "said", "says", "after", "before", "over", "into", "than",
})
# After a widget title, two paragraphs of this many words among the next lines mean the
# article goes on (a "Read More" box inside it), not the trailing zone.
_CONTINUE_WINDOW = 6
_CONTINUE_WORDS = 25
# How many lines ahead a subheading's paragraph may start (past a dropped prompt or a price).
_HEADING_REACH = 3
# A heading is a short line between article paragraphs; longer non-sentences are headlines
# of other stories.
_MAX_HEADING_WORDS = 12
# Adjacent short lines of one punctuation shape that make a table's rows.
_MIN_DATA_ROWS = 3
_MIN_HEADLINE_WORDS = 5

# "GENERICO.ru" glued to the start of the first line (the site's logo text).
_DOMAIN_PREFIX = re.compile(r"\A\s*(?P<d>(?:[A-Za-z0-9\-]+\.)+[a-z]{2,6})(?=[A-Z]|\s*[|:\-–—]\s)")
_GLUED_LABEL = re.compile(r"\A[A-Z][a-z]+(?=[A-Z][a-z])")
_ATTRIBUTION = re.compile(
    r"\A\W*(?:[—–\-]+\s*)?(?:.*?\s)?(?:by|via|from|source:?|originally published (?:on|at|by))\s+"
    r"(?P<d>(?:[A-Za-z0-9\-]+\.)+[a-z]{2,6})\W*\Z",
    re.I,
)
_FIRST_PLURAL = re.compile(r"\b(?:our|us)\b", re.I)
_DATED_BYLINE = re.compile(r"\A(?P<date>.+?\d.*?)\s+by\s+(?P<name>[^\d,;|]+)\Z", re.I)
# A headline shares at least this much of its words with the URL's slug to be picked by it.
_SLUG_SHARE = 0.5
_ADDRESS = re.compile(r"https?://|www\.", re.I)
# Timestamps and "Published on" lines stand among the first lines of the article.
_TIMESTAMP_LINES = 12
_TIMESTAMP_MARK = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:published|posted)\b", re.I)
# Lines apart beyond which a repeated paragraph is a page widget's, not the article's echo.
_NEAR_REPEAT = 12
_CARD_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\bago\b", re.I)
_HANDLE_SUFFIXES = frozenset({"official", "news", "en", "eng", "english", "online", "live", "int", "world"})


@dataclass(slots=True)
class _Line:
    """One non-empty input line as the filter sees it."""

    text: str  # the text to keep (a glued teaser or date label may have been cut off)
    kind: L.Kind
    reason: str | None = None  # why it is chrome, if it is
    cut: bool = False  # part of the line was removed


def clean_text(text: str, base: Document) -> Document:
    """Filter boilerplate out of plain text and read its metadata into a copy of ``base``."""
    raw = [line.strip() for line in text.split("\n")]
    raw = [line for line in raw if line]
    if not raw:
        return dataclasses.replace(base, body="", removed_lines=0)

    outlet, first_line = _domain_prefix(raw[0])
    items = [_Line(line, L.kind(line)) for line in raw]
    items[0].text = first_line
    start = _article_start(items)
    published, basis = _publication_date(items, start, [it.text for it in items[:start]], stated_dates(text))
    header = [it.text for it in items[:start]]  # after labelled dates are cut from their lines
    dated_bylines = [found for found in map(_dated_byline, header) if found is not None]
    if published is None and dated_bylines:
        published, basis = dated_bylines[0][0], "page"
    if published is None and (from_url := url_date(base.url)):
        published, basis = from_url, "url"

    title = _title(header, raw[0] if not items[0].cut else items[0].text, first_line if outlet else None, base.url)
    title = title or _headline_repeated_as_lede(items)
    author = _author(header) or (dated_bylines[0][1] if dated_bylines else None)
    if author and "," in author:
        # "By Jane Doe, Reuters": the name, then who published it.
        author, _, named_outlet = (part.strip() for part in author.partition(","))
        outlet = outlet or named_outlet or None
    outlet = outlet or _outlet_from_lines(raw)

    _mark_chrome(items, title)
    _mark_foreign(items)
    kept, removed = _select(items, start)

    return dataclasses.replace(
        base,
        body="\n\n".join(kept),
        title=title,
        author=author,
        outlet=outlet,
        published=published,
        published_basis=basis,
        removed_lines=removed,
    )


def _publication_date(
    items: list[_Line], start: int, header: list[str], known: frozenset[str]
) -> tuple[str | None, DateBasis]:
    """The publication date the page text states, and where: a labelled date glued to a
    line ("date 2025-03-13 ..."), a dateline that states its year ("Ohrid, 19 March 2023
    (MIA) —", "19 Mar 2023; AA: ..."), a date line in the header, then a timestamp or
    "Published on" line among the first lines of the article. A dateline outranks a header
    date line, which on some sites is the day of the crawl ("Thursday, 27 June 2024")."""
    labelled: str | None = None
    for it in items[: start + 1]:  # a labelled date may be glued to the first paragraph
        value, rest = split_leading_date(it.text)
        if value is not None:
            labelled = labelled or value
            it.text, it.cut = rest, True
            it.kind = L.kind(rest)
    if labelled is not None:
        return labelled, "page"
    if start < len(items) and (stated := _dateline_date(items[start].text)):
        return stated, "dateline"
    for line in header:
        if (value := date_line_value(line, known)) is not None:
            return value, "page"
    for it in items[start : start + _TIMESTAMP_LINES]:
        # Within the article a bare date may be a sidebar's; a timestamp is not.
        if _TIMESTAMP_MARK.search(it.text) and (value := date_line_value(it.text, known)) is not None:
            return value, "page"
    return None, "unknown"


def _dateline_date(lede: str) -> str | None:
    """The full date of the lede's dateline: "Ohrid, 19 March 2023 (MIA) —", "19 Mar 2023; AA:"."""
    dateline = find_dateline(lede)
    if dateline is None or not lede.lstrip().startswith(dateline):
        return None
    values = [value for _, _, value in find_dates(dateline)]
    return values[0] if len(values) == 1 else None


def _domain_prefix(line: str) -> tuple[str | None, str]:
    """Split a site name glued to the first line: ("GENERICO.ru", the rest)."""
    m = _DOMAIN_PREFIX.match(line)
    if not m:
        return None, line
    return m.group("d"), line[m.end():].lstrip(" |:-–—")


def _article_start(items: list[_Line]) -> int:
    """Index of the article's first paragraph: the first prose line that is not chrome
    (else the first sentence-like line, for pages made of short paragraphs)."""
    for wanted in (L.Kind.PROSE, L.Kind.SENTENCE):
        for i, it in enumerate(items):
            if L.kind(it.text) is wanted and L.chrome_reason(it.text) is None:
                return i
    return len(items)


def _title(header: list[str], first_raw: str, after_prefix: str | None, url: str | None = None) -> str | None:
    """The headline among the header lines: not chrome, a byline, a date or an address; the
    one whose words the URL's slug repeats, else the first of five words or more, else the
    first. None when the page opens with its first paragraph."""
    if after_prefix is not None:
        # "GENERICO.ruWorld<Title>": the bare title usually follows on its own line; else
        # drop a section label glued to it ("World").
        for line in header[1:4]:
            if L.normalize(after_prefix).endswith(L.normalize(line)) and len(L.words(line)) >= 3:
                return line
        after_prefix = _GLUED_LABEL.sub("", after_prefix)
    candidates: list[str] = []
    for i, line in enumerate(header):
        text = after_prefix if (i == 0 and after_prefix is not None) else line
        if L.chrome_reason(text) is not None or len(L.words(text)) < 3 or _dated_byline(text):
            continue
        if _ADDRESS.search(text):
            continue  # an address, not a headline
        if L.kind(text) is L.Kind.PROSE:
            break
        candidates.append(text)
    # A site's name often heads the page ("Balkan Weekly Review") above the headline; a
    # headline is rarely shorter than five words, a site name rarely longer.
    slugged = _slug_match(candidates, url)
    if slugged is not None:
        return slugged
    headline = next((text for text in candidates if len(L.words(text)) >= _MIN_HEADLINE_WORDS), None)
    return headline or (candidates[0] if candidates else None)


def _slug_match(candidates: list[str], url: str | None) -> str | None:
    """The candidate whose words the URL's path repeats most (at least half of them): sites
    build the slug from the headline, not from the standfirst or a caption."""
    if not url or not candidates:
        return None
    path = set(re.findall(r"[a-z0-9]+", url.split("://", 1)[-1].partition("/")[2].lower()))
    best: tuple[float, str] | None = None
    for text in candidates:
        tokens = [w.lower() for w in L.words(text) if len(w) > 2]
        if not tokens:
            continue
        share = sum(w in path for w in tokens) / len(tokens)
        if share >= _SLUG_SHARE and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


def _headline_repeated_as_lede(items: list[_Line]) -> str | None:
    """A first line without closing punctuation that the next line opens with is the headline
    repeated as the lede's start (scrapes keep both): it is the title."""
    if len(items) < 2:
        return None
    head, lede = items[0].text, items[1].text
    if head[-1:] in ".!?\"”" or len(L.words(head)) < 4:
        return None
    return head if L.normalize(lede).startswith(L.normalize(head)) else None


def _dated_byline(line: str) -> tuple[str, str] | None:
    """("2025-06-28", "Jane Doe") for a blog-style line that gives both: "Posted on June 28,
    2025 by Jane Doe"."""
    m = _DATED_BYLINE.match(line)
    if m is None:
        return None
    value, name = date_line_value(m.group("date")), L.byline_name("by " + m.group("name"))
    if value is None or not isinstance(name, str):
        return None
    return value, name


def _author(header: list[str]) -> str | None:
    for line in header:
        name = L.byline_name(line)
        if isinstance(name, str):
            return name
    return None


def _outlet_from_lines(lines: list[str]) -> str | None:
    """The outlet from attribution lines, then the site's own social handle, then a photo
    credit's source domain (weakest: the photo may come from elsewhere)."""
    for line in lines:
        if L.is_credit(line):
            continue
        m = _ATTRIBUTION.match(line)
        if m and len(L.words(line)) <= 12:
            return m.group("d")
    for line in lines:
        if L.is_cta(line) and _FIRST_PLURAL.search(line):
            for handle in L.handles(line):
                name = _handle_name(handle)
                if name:
                    return name
    for line in lines:
        if L.is_credit(line):
            found = re.search(r"\bsource\s*:\s*(\S+)", line, re.I)
            if found and L.domains(found.group(1)):
                return L.domains(found.group(1))[0]
    return None


def _handle_name(handle: str) -> str | None:
    """"Kyivpost_official" -> "Kyivpost"; "KyivPost" -> "Kyiv Post"."""
    parts = [p for p in handle.split("_") if p and p.lower() not in _HANDLE_SUFFIXES]
    if not parts:
        return None
    spaced = " ".join(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", p) for p in parts)
    return " ".join(w[:1].upper() + w[1:] for w in spaced.split())


def _mark_chrome(items: list[_Line], title: str | None) -> None:
    """Mark lines that are chrome on their own, and cut teasers glued inside a line."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    spread: dict[str, int] = {}  # lines between a text's first and last copy
    for i, it in enumerate(items):
        norm = L.normalize(it.text)
        counts[norm] += 1
        spread[norm] = i - first.setdefault(norm, i)
    seen: set[str] = set()
    for it in items:
        teaser = L.TEASER.search(it.text)
        if teaser is not None and teaser.start() > 0:
            # A related-story box flattened into a paragraph: the box runs to the line's end.
            it.text, it.cut = it.text[: teaser.start()].rstrip(" -–—|:"), True
            it.kind = L.kind(it.text)
        norm = L.normalize(it.text)
        if not norm:
            it.reason = "empty"
            continue
        it.reason = L.chrome_reason(it.text)
        if it.reason is not None:
            continue
        if title and it.kind is not L.Kind.PROSE and L.repeats_title(it.text, title):
            it.reason = "title"
        elif counts[norm] > 1 and (it.kind is not L.Kind.PROSE or norm in seen or spread[norm] > _NEAR_REPEAT):
            # A paragraph the page shows again far away is a teaser card or a widget (a
            # carousel and its list): every copy goes. A copy close by is the scrape's echo
            # of an article paragraph: the first stays.
            it.reason = "repeated"
        seen.add(norm)


def _mark_foreign(items: list[_Line]) -> None:
    """Mark lines in another script or language than the article's, and the short lines
    between two such lines (a block of site chrome in the site's home language)."""
    prose = " ".join(it.text for it in items if it.reason is None and it.kind is L.Kind.PROSE)
    main_script = L.script_of(prose)
    main_lang, _ = detect_language(prose) if prose else (None, 0.0)
    foreign: list[int] = []
    for i, it in enumerate(items):
        if it.reason is not None:
            continue
        script = L.script_of(it.text)
        if main_script and script and script != main_script:
            it.reason = "foreign"
        elif main_lang and len(L.words(it.text)) >= _MIN_WORDS_FOR_LINE_LANGUAGE:
            lang, score = detect_language(it.text)
            # fastText is unsure on a short line in a language close to others (Serbian,
            # Croatian, Bosnian); an English article's line without a single English
            # function word is not English either.
            unsure_but_foreign = main_lang == "en" and not _has_english_function_word(it.text)
            if lang and lang != main_lang and (score >= _LINE_LANGUAGE_SCORE or unsure_but_foreign):
                it.reason = "foreign"
        if it.reason == "foreign":
            foreign.append(i)
    for a, b in itertools.pairwise(foreign):
        between = items[a + 1 : b]
        if all(it.kind is L.Kind.SHORT or it.reason is not None for it in between):
            for it in between:
                it.reason = it.reason or "foreign"


def _has_english_function_word(text: str) -> bool:
    return any(w.lower() in _ENGLISH_FUNCTION_WORDS for w in L.words(text))


def _select(items: list[_Line], start: int) -> tuple[list[str], int]:
    """Walk the zones and return the kept paragraphs and how many lines were removed or cut."""
    kept: list[str] = []
    removed = 0
    trailing = False
    in_box = False  # within a related-stories box inside the article
    live = [i for i, it in enumerate(items) if it.reason is None]
    tabular = _data_rows(items, live)
    for n, i in enumerate(live):
        it = items[i]
        prev_it = items[live[n - 1]] if n > 0 else None
        next_it = items[live[n + 1]] if n + 1 < len(live) else None
        keep = False
        if i >= start and not trailing and kept:  # widgets above the article do not end it
            marker = _trailing_marker(items, live[n - 1] if n > 0 else start, i)
            # a "Read more" box inside the article does not end it when its paragraphs go on;
            # the box's own short lines (its headlines) still go
            trailing = marker is not None and not _prose_continues(items, live[n:])
            in_box = in_box or (marker is not None and not trailing)
        in_box = in_box and it.kind is not L.Kind.PROSE
        if i < start or in_box:
            keep = False  # header: title, byline, date and labels were read as metadata
        elif trailing:
            # After "Recommended"/"Leave a reply", only a run of real paragraphs is article.
            resumes = next_it is not None and next_it.kind is L.Kind.PROSE
            continues = prev_it is not None and bool(kept) and kept[-1] == prev_it.text
            keep = it.kind is L.Kind.PROSE and (resumes or continues)
        elif it.kind is not L.Kind.SHORT:
            keep = True
        else:
            # A heading leads straight into its paragraph; a label followed by dropped
            # chrome ("Available for" above a list of platforms) is part of that chrome.
            adjacent = next_it if n + 1 < len(live) and _next_to(items, i, live[n + 1]) else None
            keep = L.is_list_item(it.text) or _is_heading(it.text, prev_it, adjacent)
            if not keep and kept and prev_it is not None and kept[-1] == prev_it.text:
                # a subheading under kept article text, its paragraph a line or two further on
                # (or its table of data rows); a data row under a kept line
                heads_rows = n + 1 < len(live) and live[n + 1] in tabular
                keep = i in tabular or (
                    _heads_section(it.text) and (heads_rows or _paragraph_follows(items, i))
                )
        if keep:
            kept.append(it.text)
    for it in items:
        if it.reason is not None or it.cut:
            removed += 1
    removed += sum(1 for it in items if it.reason is None and not it.cut) - len(kept)
    return kept, removed


def _data_rows(items: list[_Line], live: list[int]) -> set[int]:
    """Short lines that are rows of a flattened table or list: a run of at least
    ``_MIN_DATA_ROWS`` adjacent lines with the same punctuation ("England (Group A): 10th
    appearance", "Spain (Group F): 11th appearance"). Menus and teaser lists alternate shapes
    or carry none."""
    rows: set[int] = set()
    run: list[int] = []
    shape: str | None = None
    for i in [*live, -1]:
        this = _punctuation(items[i].text) if i >= 0 and items[i].kind is L.Kind.SHORT else None
        if this and this == shape and run and i == run[-1] + 1:
            run.append(i)
            continue
        if len(run) >= _MIN_DATA_ROWS:
            rows.update(run)
        run, shape = ([i], this) if this else ([], None)
    return rows


def _punctuation(text: str) -> str:
    return re.sub(r"[\w\s]+", "", text)


def _prose_continues(items: list[_Line], following: list[int]) -> bool:
    """The article's own paragraphs go on after a widget title: a "Read More" or "More in
    <topic>" box inside the article, not the trailing zone. Two long paragraphs among the next
    few lines, with no date or byline among them: those are the cards of other stories."""
    window = following[:_CONTINUE_WINDOW]
    if not window:
        return False
    if any(_is_card_stamp(it) for it in items[window[0] : window[-1] + 1]):
        return False
    long_paragraphs = (items[j] for j in window)
    return sum(it.kind is L.Kind.PROSE and len(L.words(it.text)) >= _CONTINUE_WORDS for it in long_paragraphs) >= 2


def _is_card_stamp(it: _Line) -> bool:
    """A date, byline or time stamp: what a story card or a reader's comment carries."""
    return it.reason in {"date", "byline"} or (it.kind is L.Kind.SHORT and bool(_CARD_STAMP.search(it.text)))


def _next_to(items: list[_Line], i: int, j: int) -> bool:
    """Line ``j`` follows line ``i`` with at most one dropped prompt or credit between them
    ("Apple AirPods Pro for $235", "See it now: Amazon", then its paragraph)."""
    between = items[i + 1 : j]
    return len(between) <= 1 and all(it.reason in {"cta", "credit"} for it in between)


def _trailing_marker(items: list[_Line], since: int, upto: int) -> str | None:
    """The widget title (dropped as chrome) between the previous kept line and this one, if any."""
    dropped = (items[j] for j in range(since, upto) if items[j].reason is not None)
    return next((it.text for it in dropped if L.is_trailing_start(it.text)), None)


def _paragraph_follows(items: list[_Line], i: int) -> bool:
    """A paragraph starts within a few lines of line ``i``, past nothing but short article lines
    or a dropped prompt, credit or figure (not past a dropped menu or platform list)."""
    for it in items[i + 1 : i + 1 + _HEADING_REACH]:
        if it.reason is None and it.kind is L.Kind.PROSE:
            return True
        if it.reason not in {None, "cta", "credit", "date", "numeric"}:
            return False
    return False


def _heads_section(text: str) -> bool:
    """Reads like a subheading: short, opening with a capital or a digit, or a lead-in to a list."""
    first = text.lstrip("\"“'‘")[:1]
    return len(L.words(text)) <= _MAX_HEADING_WORDS + 4 and (first.isupper() or first.isdigit())


def _is_heading(text: str, prev_it: _Line | None, next_it: _Line | None) -> bool:
    """A short line between two article paragraphs, that reads like a heading."""
    if prev_it is None or next_it is None:
        return False
    if prev_it.kind is L.Kind.SHORT or next_it.kind is L.Kind.SHORT:
        return False
    first = text.lstrip("\"“'‘")[:1]
    return len(L.words(text)) <= _MAX_HEADING_WORDS and (first.isupper() or first.isdigit())
