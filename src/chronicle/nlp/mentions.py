"""Actor and place mentions from tokens: gazetteer names, group phrases ("Armenian forces"),
ministries, people with their titles, and later surname-only references.

spaCy-free: works on ``Word`` spans (offsets into the body) and the NER spans the parsed
sentences produced, so it can be tested with hand-made inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from chronicle.nlp.gazetteer import Entry, Gazetteer
from chronicle.records import Actor, Mention, Place

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Verbs that often follow a subject such as "the army" (the regular past tense is caught by "-ed").
_COMMON_VERBS = frozenset({
    "said", "says", "say", "struck", "strikes", "took", "takes", "began", "begins", "hit", "hits", "fought",
    "fights", "shot", "shoots", "fires", "has", "had", "have", "is", "was", "were", "are", "will",
    "would", "could", "may", "might", "can", "withdrew", "left", "told", "made",
})
_POSSESSIVE = frozenset({"'s", "’s", "'"})
# Words that may sit between a nationality and the group noun it qualifies: "Armenian armed forces".
_MAX_GROUP_GAP = 3
_MAX_NAME_TOKENS = 4
# plain words a title may carry between itself and the demonym that says whose it is
_TITLE_MODIFIER_GAP = 2
# Lower-case words inside personal names: "Abdel Fattah al-Burhan", "Ursula von der Leyen".
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "port", "capital", "province", "region", "district", "outskirts", "suburb",
    "settlement",
})
_NAME_PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "bint", "abu", "von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "dos",
    "das", "ben",
})
# Group nouns that are just as often adjectives ("military offensive", "police officers").
_ADJECTIVE_LIKE = frozenset({"military", "peacekeeping", "government", "police", "opposition", "army"})


class Word(NamedTuple):
    start: int
    end: int
    text: str
    sentence: int  # index of the sentence the word belongs to


class NerSpan(NamedTuple):
    start: int
    end: int
    label: str


@dataclass(slots=True)
class _Hit:
    first: int  # word indices, end exclusive
    last: int
    label: str
    actor: Actor | None
    place: Place | None
    kind: str  # entry kind, or "person", "group", "ner"


def _name_word(text: str) -> bool:
    return text.isalpha() and text[0].isupper()


def _cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


class MentionFinder:
    """Finds the mentions of one document; ``find`` is the entry point."""

    def __init__(self, body: str, words: Sequence[Word], ner: Sequence[NerSpan], gaz: Gazetteer) -> None:
        self.body = body
        self.words = words
        self.ner = sorted(ner)
        self.gaz = gaz
        self.taken = [False] * len(words)
        self.hits: list[_Hit] = []
        self._word_at = {w.start: i for i, w in enumerate(words)}

    # ------------------------------------------------------------------ helpers
    def _surface(self, first: int, last: int) -> str:
        return self.body[self.words[first].start : self.words[last - 1].end]

    def _ner_label(self, first: int, last: int) -> str | None:
        start, end = self.words[first].start, self.words[last - 1].end
        for span in self.ner:
            if span.start < end and start < span.end:
                return span.label
        return None

    def _free(self, first: int, last: int) -> bool:
        return not any(self.taken[first:last])

    def _take(self, hit: _Hit) -> None:
        for i in range(hit.first, hit.last):
            self.taken[i] = True
        self.hits.append(hit)

    def _entry_at(self, i: int) -> tuple[Entry, int] | None:
        """The longest gazetteer name starting at word ``i``: (entry, end word index)."""
        if not _cap(self.words[i].text):
            return None
        span = self.gaz.span_limit(self.words[i].text)
        if span == 0:
            return None
        sent = self.words[i].sentence
        limit = min(len(self.words), i + span)
        for last in range(limit, i, -1):
            if self.words[last - 1].sentence != sent or not self.words[last - 1].text.strip():
                continue
            if not self.words[last - 1].text[0].isalnum() and last - 1 > i:
                continue  # a name never ends on punctuation
            entry = self.gaz.lookup(self._surface(i, last))
            if entry is None:
                continue
            if self._in_person_name(i, last, entry):
                return None
            if not entry.strong and self._ner_label(i, last) not in {"GPE", "LOC", "FAC"} and not (
                self._placed_by_context(i, last)
            ):
                continue
            if entry.kind == "city" and self._title_before(i) is not None:
                continue  # "President Bush", "General Lee": a title names a person, not a town
            return entry, last
        return None

    def _in_person_name(self, first: int, last: int, entry: Entry) -> bool:
        """Words ``first:last`` are part of a person's name that the NER model found: "George
        Clooney", "Vincent Jackson", "George W. Bush" name people, not towns in South Africa,
        Mississippi and Egypt. A country is given up only after a given name ("Michael Jordan"),
        never after "of" ("King Abdullah II of Jordan") or at the name's start ("Israel Katz"
        is left to the passes that read titles)."""
        words = self.words
        start, end = words[first].start, words[last - 1].end
        span = next((s for s in self.ner if s.label == "PERSON" and s.start <= start and end <= s.end), None)
        if span is None or (span.start == start and span.end == end):
            return False  # no person, or the whole name is the place
        if first > 0 and not _cap(words[first - 1].text) and words[first - 1].start >= span.start:
            return False  # "Abdullah II of Jordan"
        if entry.kind == "country":
            return span.start < start and words[first - 1].text.isalpha()
        return entry.kind == "city"

    def _placed_by_context(self, first: int, last: int) -> bool:
        """The words before a smaller city's name say it is a place ("the city of Kherson",
        "the town of X"), whatever the NER model thought the name was."""
        if first < 2 or self.words[first - 1].text.lower() != "of":
            return False
        if last < len(self.words) and _cap(self.words[last].text) and self.words[last].text.isalpha():
            return False  # part of a longer name
        return self.words[first - 2].text.lower() in _PLACE_NOUNS

    def _title_before(self, end: int) -> tuple[str, str | None, int] | None:
        """A title ending just before word ``end``: (title, sector, first word index)."""
        for n in (4, 3, 2, 1):
            first = end - n
            if first < 0 or self.words[first].sentence != self.words[end - 1].sentence:
                continue
            words = [w.text for w in self.words[first:end]]
            found = self.gaz.title(" ".join(words).replace(" - ", "-"))
            if found is not None:
                return found[0], found[1], first
        return None

    def _organisation_before(self, end: int) -> Actor | None:
        """An organisation named just before word ``end`` ("UN", "the EU's")."""
        j = end - 1
        if j > 0 and self.words[j].text in _POSSESSIVE:
            j -= 1
        return next(
            (h.actor for h in self.hits if h.last == j + 1 and h.actor is not None and h.kind == "organization"), None
        )

    def _country_before(self, end: int, *, gap: int = 0) -> tuple[Actor, int] | None:
        """A demonym or 'Country's' ending just before word ``end``, or up to ``gap`` plain words
        before it ("Nigerian junior foreign minister", "French National Assembly president")."""
        if end <= 0:
            return None
        j = end - 1
        if self.words[j].text in _POSSESSIVE and j > 0:
            j -= 1
        for skipped in range(gap + 1):
            if skipped:
                word = self.words[j + 1]
                if (
                    j < 0
                    or not word.text.isalpha()
                    or word.sentence != self.words[end - 1].sentence
                    or self.taken[j + 1]
                    or _verb_like(word.text)
                ):
                    return None  # "King Abdullah of Jordan met President Bush": a verb ends the phrase
            for hit in self.hits:
                if (
                    hit.last == j + 1
                    and hit.actor is not None
                    and hit.actor.country
                    and hit.kind in {"country", "demonym", "capital"}
                ):
                    return hit.actor, hit.first
            j -= 1
        return None

    # ------------------------------------------------------------------ passes
    def find(self) -> list[Mention]:
        self._gazetteer_pass()
        self._vessel_pass()
        self._group_pass()
        self._ministry_pass()
        self._named_group_pass()
        self._person_pass()
        self._surname_pass()
        self._other_ner_pass()
        self._unnamed_group_pass()
        mentions = [
            Mention(
                start=self.words[h.first].start,
                end=self.words[h.last - 1].end,
                text=self._surface(h.first, h.last),
                label=h.label,
                actor=h.actor,
                place=h.place,
            )
            for h in self.hits
        ]
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _gazetteer_pass(self) -> None:
        i = 0
        while i < len(self.words):
            found = self._entry_at(i)
            if found is None:
                i += 1
                continue
            entry, last = found
            self._take(_Hit(i, last, entry.label, entry.new_actor(), entry.new_place(), entry.kind))
            i = last

    def _group_pass(self) -> None:
        """'Armenian forces', 'the Armenian side', 'Azerbaijani officials' -> that state's organ."""
        groups = self.gaz.lexicon.group_nouns
        for hit in list(self.hits):
            if hit.kind not in {"demonym", "country"} or hit.actor is None:
                continue
            j = hit.last
            if j < len(self.words) and self.words[j].text in _POSSESSIVE:
                j += 1
            best: tuple[int, tuple[str, str]] | None = None
            for k in range(j, min(len(self.words), j + _MAX_GROUP_GAP)):
                word = self.words[k]
                if word.sentence != self.words[hit.first].sentence or not word.text.isalpha():
                    break
                if _cap(word.text) and word.text.lower() not in groups:
                    break
                two = f"{self.words[k - 1].text} {word.text}".lower() if k > j else ""
                key = two if two in groups else word.text.lower()
                if key in groups and not self._modifies_next(k + 1):
                    best = (k + 1, groups[key])
            if best is None or not self._free(hit.last, best[0]):
                continue
            end, (kind, sector) = best
            actor = replace(hit.actor, kind=kind, sector=sector)  # type: ignore[arg-type]
            if kind == "group":
                actor.name = f"{hit.actor.name} ({self._surface(j, end).lower()})"
            for i in range(hit.last, end):
                self.taken[i] = True
            hit.last, hit.actor, hit.kind, hit.label = (
                end,
                actor,
                "group",
                "NORP" if kind == "group" else "ORG",
            )

    def _modifies_next(self, k: int) -> bool:
        """True when the word before ``k`` is used as a modifier of a following noun: 'military'
        in 'military offensive' (the next word is lower-case and not itself a group noun)."""
        if k >= len(self.words) or self.words[k].sentence != self.words[k - 1].sentence:
            return False
        nxt = self.words[k].text
        return (
            self.words[k - 1].text.lower() in _ADJECTIVE_LIKE
            and nxt.isalpha()
            and nxt.islower()
            and nxt not in self.gaz.lexicon.group_nouns
            # "the army said", "the military launched": a verb follows its subject, not a modifier
            and not nxt.endswith("ed")
            and nxt not in _COMMON_VERBS
        )

    def _ministry_pass(self) -> None:
        """'Ministry of Defence of Azerbaijan', "Armenia's foreign ministry" -> a government organ."""
        lex = self.gaz.lexicon
        words = self.words
        for i, word in enumerate(words):
            if word.text.lower() not in lex.ministry_words or not _cap(word.text) or self.taken[i]:
                continue
            # "Ministry of X of Country"
            j = i + 1
            if j < len(words) and words[j].text == "of":
                for k in range(j + 1, min(len(words), j + 6)):
                    if words[k].text == "of":
                        country = next(
                            (h for h in self.hits if h.first == k + 1 and h.kind == "country"), None
                        )
                        if country is not None and country.actor is not None:
                            self._add_ministry(i, country.last, self._surface(i, k), country.actor, country)
                        break
        for hit in list(self.hits):
            if hit.kind not in {"country", "capital"} or hit.actor is None:
                continue
            j = hit.last
            if j >= len(words) or words[j].text not in _POSSESSIVE:
                continue
            for k in range(j + 1, min(len(words), j + 4)):
                if words[k].text.lower() in lex.ministry_words:
                    if self._free(j, k + 1):
                        self._add_ministry(hit.first, k + 1, self._surface(j + 1, k + 1), hit.actor, hit)
                    break
                if not words[k].text.isalpha():
                    break

    def _add_ministry(self, first: int, last: int, phrase: str, country: Actor, inner: _Hit) -> None:
        lex = self.gaz.lexicon
        military = any(w in phrase.lower() for w in lex.military_ministry_words)
        name = f"{country.name} {phrase[0].upper()}{phrase[1:]}"
        actor = Actor(
            name, "military" if military else "government", country.country, "MIL" if military else "GOV"
        )
        if inner in self.hits:
            self.hits.remove(inner)
        for i in range(inner.first, inner.last):
            self.taken[i] = False
        if self._free(first, last):
            self._take(_Hit(first, last, "ORG", actor, None, "organization"))

    def _named_group_pass(self) -> None:
        """'a Hutu militia', 'Fulani gunmen': a name NER took for a person or an organisation,
        followed by an armed-group noun, is that group (never a person called 'Hutu')."""
        groups = self.gaz.lexicon.group_nouns
        for span in self.ner:
            if span.label not in {"PERSON", "NORP", "ORG"}:
                continue
            first, last = self._words_in(span.start, span.end)
            if not (0 < last - first <= 2) or last >= len(self.words) or not self._free(first, last + 1):
                continue
            noun = self.words[last]
            kind_sector = groups.get(noun.text.lower())
            if (
                kind_sector is None
                or kind_sector[0] != "group"
                or not noun.text.islower()
                or noun.sentence != self.words[first].sentence
                or not all(_cap(w.text) and w.text.isalpha() for w in self.words[first:last])
            ):
                continue
            actor = Actor(name=self._surface(first, last + 1), kind="group", sector=kind_sector[1])
            self._take(_Hit(first, last + 1, "NORP", actor, None, "group"))

    def _vessel_pass(self) -> None:
        """'USS Carney', 'HMS Diamond': a warship acts for its navy (the prefix says whose)."""
        prefixes = self.gaz.lexicon.vessel_prefixes
        for k, word in enumerate(self.words):
            country = prefixes.get(word.text)
            if country is None or k + 1 >= len(self.words):
                continue
            end = k + 1
            while end - k <= 3 and end < len(self.words) and _name_word(self.words[end].text):
                end += 1
            if end == k + 1 or not self._free(k, end):
                continue
            actor = Actor(name=self._surface(k, end), kind="military", country=country, sector="MIL")
            self._take(_Hit(k, end, "ORG", actor, None, "group"))

    def _unnamed_group_pass(self) -> None:
        """'Gunmen killed 26 people', 'militants attacked': an armed group the text names only
        by what it is. It acts under that noun (no country, none guessed)."""
        groups = self.gaz.lexicon.group_nouns
        for k, word in enumerate(self.words):
            kind_sector = groups.get(word.text.lower())
            if kind_sector is None or kind_sector[1] != "REB" or not self._free(k, k + 1):
                continue
            if k > 0 and self.words[k - 1].sentence == word.sentence and _cap(self.words[k - 1].text):
                continue  # "Fulani gunmen", "Hamas militants": a named group, other passes' business
            after = self.words[k + 1].text.lower() if k + 1 < len(self.words) else ""
            if after in {"of", "from", "for", "loyal", "linked", "backed", "allied"}:
                continue  # "fighters from the RSF": the owner acts, not the noun
            actor = Actor(name=word.text.lower(), kind="group", sector="REB")
            self._take(_Hit(k, k + 1, "NORP", actor, None, "group"))

    def _person_spans(self) -> list[tuple[int, int]]:
        """Word ranges of people: NER PERSON spans plus 'Title Firstname Lastname' patterns."""
        spans: list[tuple[int, int]] = []
        for span in self.ner:
            if span.label != "PERSON":
                continue
            first, last = self._words_in(span.start, span.end)
            # NER often swallows a leading title or nationality: "Azerbaijani President Ilham Aliyev".
            while first < last and (
                self.taken[first]
                or self._title_before(first + 1) is not None
                or not _cap(self.words[first].text)
            ):
                first += 1
            while last > first and (self.taken[last - 1] or not self.words[last - 1].text[:1].isalpha()):
                last -= 1
            if first < last and all(_namelike(w.text) for w in self.words[first:last]):
                spans.append((first, last))
        for i in range(len(self.words)):
            title = self._title_before(i)
            if title is None and i >= 2 and self.words[i - 1].text == ",":
                title = self._title_before(i - 1)  # "the Armenian Prime Minister, Nikol Pashinyan"
            if (  # "President of Azerbaijan Ilham Aliyev"
                title is None
                and i >= 3
                and self.words[i - 2].text == "of"
                and any(h.first == i - 1 and h.last == i and h.kind == "country" for h in self.hits)
            ):
                title = self._title_before(i - 2)
            if title is None:
                continue
            # A lower-case title ("army chief", "regional governor") is a title only before a
            # full name of two words or more: "the president said" names nobody.
            lower_title = not _cap(self.words[title[2]].text)
            last = i
            particles = 0  # particle words do not count towards a name's length
            while (
                last < len(self.words)
                and last - i - particles < _MAX_NAME_TOKENS
                and not self.taken[last]
                and self.words[last].sentence == self.words[i].sentence
                and self.gaz.title(self.words[last].text) is None
            ):
                if _cap(self.words[last].text) and self.words[last].text.isalpha():
                    last += 1
                elif skip := self._particle_run(last):
                    last, particles = last + skip, particles + skip  # "Abdel Fattah al-Burhan"
                else:
                    break
            if last - i >= 2 or (not lower_title and last - i == 1 and i > 0 and self.words[i - 1].text[:1].isupper()):
                spans.append((i, last))
        spans = sorted(set(spans), key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for first, last in spans:
            if kept and first < kept[-1][1]:
                continue
            kept.append((first, last))
        return kept

    def _particle_run(self, k: int) -> int:
        """How many words a name particle at ``k`` spans up to the capitalised name word that
        must follow it ("al", "-" before "Burhan"; "von der" before "Leyen"); 0 if none."""
        j = k
        while j < len(self.words) and (self.words[j].text.lower() in _NAME_PARTICLES or self.words[j].text == "-"):
            j += 1
        if j == k or j >= len(self.words) or j - k > 3:
            return 0
        following = self.words[j].text
        return j - k if _cap(following) and following.isalpha() and not self.taken[j] else 0

    def _words_in(self, start: int, end: int) -> tuple[int, int]:
        first = next((i for i, w in enumerate(self.words) if w.end > start), len(self.words))
        last = first
        while last < len(self.words) and self.words[last].start < end:
            last += 1
        return first, last

    def _person_pass(self) -> None:
        for first, last in self._person_spans():
            if not self._free(first, last):
                continue
            name = self._surface(first, last)
            actor = Actor(name=name, kind="person")
            self._describe(actor, first, last)
            self._take(_Hit(first, last, "PERSON", actor, None, "person"))

    def _describe(self, actor: Actor, first: int, last: int) -> None:
        """Role title and country from the words around a person's name, then from the table
        of public figures for what the text leaves unsaid."""
        self._describe_from_text(actor, first, last)
        known = self.gaz.lexicon.person(actor.name)
        if known is not None:
            actor.country = actor.country or known[0]
            actor.affiliation = actor.affiliation or known[1]

    def _describe_from_text(self, actor: Actor, first: int, last: int) -> None:
        end = first
        if end > 0 and self.words[end - 1].text == ",":
            end -= 1  # "The Armenian Prime Minister, Nikol Pashinyan"
        title = self._title_before(end)
        if title is None and end >= 3 and self.words[end - 2].text == "of":
            # "President of Azerbaijan Ilham Aliyev"
            country_hit = next((h for h in self.hits if h.last == end and h.actor is not None), None)
            if country_hit is not None and country_hit.first == end - 1:
                title = self._title_before(end - 2)
                if title is not None and country_hit.actor is not None:
                    actor.country = country_hit.actor.country
        if title is None:
            title = self._title_after(last, actor)
            if title is None:
                return
        if (  # "King Abdullah II of Jordan", "Prince Sultan of Saudi Arabia": a titled name of a country
            actor.country is None and last + 1 < len(self.words) and self.words[last].text == "of"
        ):
            after = next((h for h in self.hits if h.first == last + 1 and h.kind == "country"), None)
            if after is not None and after.actor is not None:
                actor.country = after.actor.country
        actor.role_title, actor.sector = title[0], title[1] or actor.sector
        if actor.sector is not None and actor.sector not in {"GOV", "MIL", "IGO", "JUD", "REL", "LEG"}:
            actor.sector = None
        if actor.country is None:
            found = self._country_before(title[2], gap=_TITLE_MODIFIER_GAP)
            if found is not None:
                actor.country = found[0].country
        # "UN chief Antonio Guterres", "EU foreign policy chief Josep Borrell": the title is
        # the organisation's; the person acts for it.
        organisation = self._organisation_before(title[2])
        if organisation is not None:
            actor.affiliation = organisation.name
            actor.sector = organisation.sector or actor.sector

    def _title_after(self, last: int, actor: Actor) -> tuple[str, str | None, int] | None:
        """'Nikol Pashinyan, Armenia's prime minister,' -> the title, setting the country."""
        if last >= len(self.words) or self.words[last].text != ",":
            return None
        for end in range(last + 2, min(len(self.words), last + 8)):
            title = self._title_before(end)
            if title is not None and (end == len(self.words) or not _cap(self.words[end].text)):
                for hit in self.hits:
                    if last < hit.first < title[2] and hit.actor is not None and hit.actor.country:
                        actor.country = hit.actor.country
                return title
        return None

    def _surname_pass(self) -> None:
        """'Pashinyan' after 'Nikol Pashinyan' -> the same person; unify same-name actors."""
        full: dict[str, Actor] = {}
        for hit in self.hits:
            if hit.kind == "person" and hit.actor is not None and " " in hit.actor.name:
                known = full.setdefault(hit.actor.name, hit.actor)
                _merge(known, hit.actor)
        by_surname: dict[str, Actor | None] = {}
        for name, actor in full.items():
            surname = name.split()[-1]
            forms = {surname}
            particle, dash, tail = surname.partition("-")
            if dash and particle.lower() in _NAME_PARTICLES and tail:
                forms.add(tail)  # "al-Burhan" is "Burhan" on second mention
            for form in forms:
                by_surname[form] = None if form in by_surname else actor  # ambiguous -> None
        for hit in self.hits:
            if hit.kind != "person" or hit.actor is None:
                continue
            target = full.get(hit.actor.name) or by_surname.get(hit.actor.name)
            if target is not None:
                hit.actor = replace(target)
        for i, word in enumerate(self.words):
            target = by_surname.get(word.text)
            if target is not None and not self.taken[i]:
                self._take(_Hit(i, i + 1, "PERSON", replace(target), None, "person"))

    def _other_ner_pass(self) -> None:
        for span in self.ner:
            if span.label not in {"ORG", "GPE", "LOC", "FAC"}:
                continue
            first, last = self._words_in(span.start, span.end)
            while first < last and self.words[first].text.lower() == "the":
                first += 1
            if first >= last or not self._free(first, last) or not _cap(self.words[first].text):
                continue
            text = self._surface(first, last)
            if span.label == "ORG":
                # "Ivory Coast's Supreme Court", "the Israeli Supreme Court": an institution of that state
                owner = self._country_before(first)
                country = owner[0].country if owner is not None else None
                self._take(_Hit(first, last, "ORG", Actor(text, "organization", country=country), None, "ner"))
            else:
                self._take(_Hit(first, last, span.label, None, Place(text), "ner"))
        self.hits.sort(key=lambda h: h.first)


def _verb_like(text: str) -> bool:
    """A word that ends a noun phrase rather than qualifying a title ("met", "visited", "said")."""
    low = text.lower()
    return low in _COMMON_VERBS or low in {"met", "meets", "meet", "visits", "sees", "saw"} or (
        low.endswith("ed") and len(low) > 4
    )


def _namelike(text: str) -> bool:
    """A word that can be part of a person's name: letters, with inner hyphens/apostrophes/dots."""
    return text.replace("-", "").replace("'", "").replace(".", "").isalpha()


def _merge(into: Actor, other: Actor) -> None:
    """Fill the empty attributes of ``into`` from another mention of the same actor."""
    into.country = into.country or other.country
    into.role_title = into.role_title or other.role_title
    into.sector = into.sector or other.sector
    into.affiliation = into.affiliation or other.affiliation


def find_mentions(body: str, words: Sequence[Word], ner: Sequence[NerSpan], gaz: Gazetteer) -> list[Mention]:
    """All actor/place mentions of a document, sorted by position."""
    return MentionFinder(body, words, ner, gaz).find()
