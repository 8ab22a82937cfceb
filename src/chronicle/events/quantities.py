"""Numbers attached to what they count: '32 Armenian military servicemen', 'over 100,000
people' (approximate), 'more than 100 thousand residents'. Not years, dates or ordinals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chronicle.lexicon import EventLexicon
from chronicle.records import Quantity, TimeExpr, Token

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_APPROX_ONE = frozenset(
    {
        "over",
        "nearly",
        "about",
        "some",
        "around",
        "almost",
        "approximately",
        "roughly",
        "under",
        "estimated",
        "~",
    }
)
_APPROX_TWO = frozenset(
    {
        ("more", "than"),
        ("up", "to"),
        ("at", "least"),
        ("fewer", "than"),
        ("less", "than"),
        ("close", "to"),
        ("as", "many"),
    }
)
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class FoundQuantity:
    quantity: Quantity
    head: int  # Token.i of the counted noun (or of the number when the noun is elided)
    first: int  # Token.i of the first token of the quantity phrase


def number_value(words: Sequence[str]) -> float | None:
    """'100,000' -> 100000.0; 'two' -> 2.0; '100 thousand' -> 100000.0; None if not a number."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower().replace("-", " ")
        if _NUMBER.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif all(w in _UNITS for w in word.split()):
            current += sum(_UNITS[w] for w in word.split())
            seen = True
        elif word in _SCALES and seen:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current if seen else None


def find_quantities(
    tokens: Sequence[Token], body: str, timexes: Sequence[TimeExpr], lex: EventLexicon
) -> list[FoundQuantity]:
    """The quantities of one sentence (``tokens`` are that sentence's tokens, in order)."""
    if not tokens:
        return []
    base = tokens[0].i
    by_i = {t.i: t for t in tokens}
    found: list[FoundQuantity] = []
    used: set[int] = set()
    for tok in tokens:
        if tok.i in used or tok.tag != "CD" or _in_timex(tok, timexes):
            continue
        group = [tok]
        nxt = by_i.get(tok.i + 1)
        while nxt is not None and nxt.tag == "CD" and not _in_timex(nxt, timexes):
            group.append(nxt)
            nxt = by_i.get(nxt.i + 1)
        used.update(t.i for t in group)
        value = number_value([t.text for t in group])
        if value is None:
            continue
        last = group[-1]
        head = by_i.get(last.head)
        noun = (
            head
            if head is not None
            and last.dep in {"nummod", "quantmod", "compound", "npadvmod"}
            and (head.pos in {"NOUN", "PROPN"} or head.text.lower() in lex.casualty_adjectives)  # "70 dead"
            and head.i > last.i
            else None
        )
        after = by_i.get(last.i + 1)
        if noun is None and after is not None and after.text.lower() in lex.casualty_adjectives:
            noun = after  # "70 dead and 50 injured": the second figure counts the injured
        if noun is not None and noun.text.lower() in lex.group_nouns and tok.i > base:
            before = by_i.get(tok.i - 1)
            if before is not None and before.text.lower() in {"the", "these", "those", "both"}:
                continue  # "the two countries" names the parties, it counts nothing
        if noun is not None and (
            noun.text.lower() in lex.time_units or noun.lemma.lower() in lex.time_units or noun.text.lower() in _MONTHS
            or noun.text.lower() in lex.measure_units
        ):
            continue  # "three months", "100 kilometers": a time or a measure, nothing counted
        if noun is None:
            if re.fullmatch(r"1[89]\d\d|20\d\d", last.text) or last.dep not in {
                "dobj",
                "nsubj",
                "pobj",
                "nsubjpass",
            }:
                continue  # a bare year, a score, a code: nothing counted
            what = found[-1].quantity.what if found else ""
            if not what:
                continue
        else:
            what = body[by_i[last.i + 1].start : noun.end] if last.i + 1 in by_i else noun.text
        first = group[0]
        approximate = False
        prev = by_i.get(first.i - 1)
        prev2 = by_i.get(first.i - 2)
        if prev2 is not None and prev is not None and (prev2.text.lower(), prev.text.lower()) in _APPROX_TWO:
            approximate, first = True, prev2
        elif prev is not None and prev.text.lower() in _APPROX_ONE:
            approximate, first = True, prev
        end = noun.end if noun is not None else last.end
        quantity = Quantity(
            value=value,
            what=what,
            text=body[first.start : end],
            approximate=approximate,
            start=first.start,
            end=end,
        )
        found.append(FoundQuantity(quantity, noun.i if noun is not None else last.i, first.i))
    del base
    return found


def _in_timex(tok: Token, timexes: Sequence[TimeExpr]) -> bool:
    return any(t.start <= tok.start and tok.end <= t.end for t in timexes)
