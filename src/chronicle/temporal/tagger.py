"""Tag and normalise English time expressions: :func:`tag` is the entry point.

One left-to-right pass: at each token that can start an expression the grammar
(:mod:`chronicle.temporal.grammar`) is matched, and the match is normalised to a TIMEX3
value against a *reference time* that moves as the text goes on:

* the document creation time (dct) for deictic words ("yesterday", "last year", "Thursday"),
  with the direction chosen from the tense of the clause ("said Tuesday" looks back,
  "will meet Monday" looks forward);
* the *narrative* year — the latest explicit year in the same paragraph — for dates written
  without a year ("In September 2020 ... on November 10" is 2020-11-10), unless the tense
  contradicts it (a past-tense date cannot fall after the dct);
* the previous expression for "a day later", "the following year", "that day".

With no dct and no explicit year, nothing is guessed: a weekday stays ``XXXX-WXX-4``, a
month-day ``XXXX-11-10``, "yesterday" has no value. The system clock is never read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from chronicle.records import Precision, TimeExpr, TimexType
from chronicle.settings import Settings
from chronicle.temporal import lexicon as lx
from chronicle.temporal.grammar import MASTER, STARTERS, TOKEN
from chronicle.temporal.values import (
    add_days,
    duration,
    fmt_day,
    fmt_month,
    fmt_week,
    fmt_year,
    parse_dct,
    quarter_of,
    safe_date,
    shift_month,
    shift_quarter,
)

Granularity = Any  # the TimeExpr.granularity literal; spelled out there

# How many paragraphs back "two days later" may find the narrated date it counts from.
_NARRATIVE_PARAGRAPHS = 3
_LINE_BREAKS = re.compile(r"\n(?:[^\S\n]*\n)*")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_VALUE_PARTS = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)")
# A full stop after an abbreviation ("Mr.", "Dec.", "U.S.", "Daniel P.") does not end the
# sentence; cutting there would hide the clause's verb from the tense cues.
_COMPARISON = re.compile(
    r"(?:\b(?:compared\s+(?:with|to)|versus|vs\.?)\s[^.;]{0,40}|\b(?:from|period|quarter)\s+)\Z",
    re.I,
)
# A comparison over a year or a run of months, not a quarter: "for this year, up from last
# year's", "in the first nine months, compared with 40% a year earlier".
_ANNUAL = re.compile(
    r"\b(?:(?:this|the|fiscal)\s+year|(?:nine|six|eight|ten|eleven)\s+months|first\s+half)\b[^.;]*\Z",
    re.I,
)
_THE_ADJECTIVE = re.compile(
    r"the\s+(\w+(?:-\w+)*-(?:second|minute|hour|day|night|week|month|quarter|year|decade"
    r"|century))(?!\w)", re.I,
)
_SENTENCE_END = re.compile(
    r"(?<![\s.(][A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|No|Lt|vs))"
    r"(?<!\b(?:Mrs|Gen|Gov|Sen|Rep|Inc|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Col|Sgt))"
    r"(?<!\b(?:Capt|Corp|Sept))[.!?;]\s|\n"
)

# Words before a bare number that make it a count, not a year ("about 2000 troops").
_QUANTITY_WORDS = frozenset({
    "about", "around", "over", "nearly", "almost", "some", "than", "least", "approximately",
    "roughly", "only", "just", "under", "exactly", "total", "estimated", "additional", "another",
})
_COUNT_NOUNS = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|[ap]\.?m\b|GMT\b|UTC\b|hours?\b|hrs\b|km\b|kilomet|miles?\b"
    r"|metres?\b|meters?\b|feet\b|tons?\b|tonnes?\b|people\b|persons\b|troops\b|soldiers\b"
    r"|residents\b|civilians\b|refugees\b|families\b|homes\b|houses\b|units\b|votes\b|dollars\b"
    r"|euros\b|manat\b|drams?\b|rubles\b|men\b|women\b|children\b|prisoners\b|pages\b|words\b)",
    re.I,
)
# Prepositions and determiners after which a bare month name is a month ("in May"), which
# keeps the modal "may" and the verb "march" out.
_MONTH_CONTEXT = frozenset({
    "in", "since", "until", "till", "by", "of", "from", "through", "during", "before", "after",
    "between", "and", "to", "early", "late", "mid", "last", "next", "this", "coming", "past",
    "that", "for", "on", "as", "or", "end", "beginning", "middle", "start",
})
_DURATION_CONTEXT = frozenset({
    "for", "over", "within", "in", "after", "spent", "took", "lasted", "lasting", "than", "about",
    "around", "nearly", "almost", "the", "recent", "past", "last", "next", "coming", "of",
})
_PRE_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID",
            "early": "START", "late": "END", "mid": "MID", "earlier": "START", "later": "END"}
_Q_MOD = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
          "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more": "MORE_THAN",
          "less": "LESS_THAN", "fewer": "LESS_THAN", "at least": "EQUAL_OR_MORE",
          "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more": "EQUAL_OR_LESS",
          "no less": "EQUAL_OR_MORE"}
_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
         "nightly": "P1D", "hourly": "PT1H", "biweekly": "P2W",
         "biannually": "P6M", "semiannually": "P6M"}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_BACKWARD = frozenset({"ago", "earlier", "before", "back"})


@dataclass(slots=True)
class _Ref:
    """A resolved calendar point, remembered for later relative expressions."""

    year: int
    month: int | None
    day: date | None
    start: int


@dataclass(slots=True)
class _State:
    """What the pass knows so far: the dct, the narrative year, the previous expressions."""

    text: str
    dct: date | None
    newlines: list[int]
    narrative: tuple[int, int] | None = None  # (year, start offset) of the latest explicit year
    last: _Ref | None = None
    last_day: _Ref | None = None
    quarter: tuple[int, int] | None = None  # (year, quarter) of the latest quarter mentioned
    numeric_order: str | None = None  # "mdy", "dmy" or "" once the document has been looked at
    out: list[TimeExpr] = field(default_factory=list)

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.newlines, pos)


def tag(text: str, dct: str | None = None, *, settings: Settings | None = None) -> list[TimeExpr]:
    """Find and normalise the time expressions in ``text``.

    ``dct`` is the document creation time (``YYYY-MM-DD``; a trailing time is ignored); with
    None, deictic expressions stay unresolved. Offsets index into ``text``. Raises ValueError
    for a malformed ``dct``. ``settings`` is accepted for the stage signature; the tagger has
    no tunables yet.
    """
    del settings  # no tunables yet; kept so callers pass the one settings object through
    # One break per run of line ends: a blank line between paragraphs is one paragraph step.
    breaks = [m.start() for m in _LINE_BREAKS.finditer(text)]
    state = _State(text=text, dct=parse_dct(dct), newlines=breaks)
    cursor = 0
    for token in TOKEN.finditer(text):
        begin = token.start()
        if begin < cursor:
            continue
        word = token.group()
        if not word[0].isdigit() and word.lower() not in STARTERS:
            continue
        match = MASTER.match(text, begin)
        if match is None or match.end() == begin:
            continue
        timex = _normalise(match, state)
        if timex is None:
            continue
        timex = _join_year(state, timex)
        state.out.append(timex)
        _remember(state, timex)
        cursor = timex.end
    if state.dct is None:
        return _year_from_the_narrative(state.out)
    return state.out


_FULL_DATE = re.compile(r"(\d{4})-\d\d-\d\d")
_YEARLESS_DAY = re.compile(r"XXXX(-\d\d-\d\d(?:T.*)?)\Z")


def _year_from_the_narrative(found: list[TimeExpr]) -> list[TimeExpr]:
    """With no document date, a month and day written without a year ("effective Saturday,
    January 18") take the year of the full dates the text states, when they all state one
    year ("... on Monday, January 20, 2025"), wherever in the text they stand."""
    years = {m.group(1) for tx in found if tx.anchor is None and (m := _FULL_DATE.match(tx.value or ""))}
    if len(years) != 1:
        return found
    year = years.pop()
    out: list[TimeExpr] = []
    for tx in found:
        m = _YEARLESS_DAY.match(tx.value or "")
        if m is not None and safe_date(int(year), int(m.group(1)[1:3]), int(m.group(1)[4:6])) is not None:
            tx = replace(tx, value=year + m.group(1), anchor="narrative")
        out.append(tx)
    return out


_MONTH_OR_SEASON = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|SP|SU|FA|WI)\Z")
_YEAR_GAP = re.compile(r"(?:,?[^\S\n]+(?:of[^\S\n]+)?|,)\Z")


def _join_year(st: _State, tx: TimeExpr) -> TimeExpr:
    """Fold a year that directly follows a month or season into it: "January nineteen
    ninety-seven", "the winter of nineteen ninety-four" (the grammar joins digit years
    itself; spelled ones come as a separate expression)."""
    if not st.out or tx.granularity != "year" or tx.anchor is not None or tx.end_value:
        return tx
    prev = st.out[-1]
    if (prev.value is None or not _MONTH_OR_SEASON.match(prev.value) or prev.end > tx.start
            or _YEAR_GAP.fullmatch(st.text, prev.end, tx.start) is None or tx.value is None):
        return tx
    st.out.pop()
    return TimeExpr(start=prev.start, end=tx.end, text=st.text[prev.start:tx.end], type="DATE",
                    value=tx.value + prev.value[4:], granularity=prev.granularity, anchor=None,
                    mod=prev.mod)


def timexes_to_json(timexes: list[TimeExpr]) -> list[dict[str, Any]]:
    """The ``chronicle timex`` output: ``{"start","end","text","type","value"}`` per expression,
    with what else is known: ``mod`` (TIMEX3 EARLY, LATE, MID, BEFORE, APPROX, …),
    ``end_value`` (the end of a range) and ``anchor`` (what a relative value was resolved
    against: "dct", "narrative", or an earlier expression), each null when it does not apply."""
    return [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
         "mod": t.mod, "end_value": t.end_value, "anchor": t.anchor}
        for t in timexes
    ]


# --------------------------------------------------------------------------- building


def _make(
    st: _State, m: re.Match[str], core: str, kind: TimexType, value: str | None,
    granularity: Granularity, *, anchor: str | None = None, end_value: str | None = None,
    mod: str | None = None, use_pre: bool = False, use_q: bool = False,
) -> TimeExpr:
    """A TimeExpr over the core alternative, widened to the modifiers it takes."""
    start, end = m.start(core), m.end(core)
    if use_pre and m.group("pre"):
        start = m.start("pre")
        mod = mod or _pre_mod(m)
    if use_q and m.group("q"):
        start = m.start("q")
        mod = _q_mod(m) or mod
    if st.text.endswith(("'s", "’s"), start, end):
        end -= 2  # "Friday's ruling": TimeML leaves the possessive out of the span
    adjective = _THE_ADJECTIVE.match(st.text, start, end)
    if adjective is not None and adjective.end() == end:
        # "the third-quarter results", "the 30-day period": the article belongs to the
        # noun the hyphenated modifier qualifies, not to the time expression.
        start = adjective.start(1)
    return TimeExpr(start=start, end=end, text=st.text[start:end], type=kind, value=value,
                    granularity=granularity, anchor=anchor, end_value=end_value, mod=mod)


def _pre_mod(m: re.Match[str]) -> str | None:
    word = (m.group("prew") or m.group("prel") or m.group("pree") or "").lower()
    return _PRE_MOD.get(word)


def _q_mod(m: re.Match[str]) -> str | None:
    words = (m.group("qw") or "").lower().split()
    if not words:
        return None
    return _Q_MOD.get(" ".join(words[:2])) or _Q_MOD.get(words[0])


def _remember(st: _State, tx: TimeExpr) -> None:
    """Update the reference points after an expression has been resolved."""
    if tx.type not in ("DATE", "TIME") or not tx.value:
        return
    parts = _VALUE_PARTS.match(tx.value)
    if parts is None:
        return
    year = int(parts.group(1))
    month = int(parts.group(2)) if parts.group(2) and "W" not in tx.value[4:6] else None
    day = None
    if parts.group(3) and month:
        day = safe_date(year, month, int(parts.group(3)))
    ref = _Ref(year, month, day, tx.start)
    st.last = ref
    if day is not None:
        st.last_day = ref
    if tx.anchor is None and (st.dct is None or year <= st.dct.year):
        # Only past (relative to the dct) explicit years set the narrative: an announced
        # "from January 1, 2024" does not move the story into 2024.
        if _prev_word(st.text, tx.start) in ("since", "until", "till", "through", "before"):
            return  # a bound ("since 1980"), not the time the story is set in
        end_year = int(tx.end_value[:4]) if tx.end_value and tx.end_value[:4].isdigit() else year
        st.narrative = (end_year, tx.start)


def _anchor_name(ref: _Ref | None) -> str:
    return "dct" if ref is None else f"timex:{ref.start}"


# --------------------------------------------------------------------------- context


def _tense(st: _State, start: int, end: int) -> tuple[str | None, int]:
    return tense_cue(st.text, start, end)


def clause_tense(text: str, start: int, end: int) -> str | None:
    """'past', 'future', 'present' or None for the clause around ``text[start:end]``."""
    return tense_cue(text, start, end)[0]


def tense_cue(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The tense marker nearest to ``text[start:end]`` in its sentence, and how many words
    away it is (up to ten words left, eight right; the nearer side wins, ties go left).

    Cheap word lists, no parser: "said Thursday" is past, "will meet on Monday" future. An
    end-point preposition right before the expression ("extended to Nov. 20", "until
    Monday") says nothing about direction, so it yields None."""
    left_bound = max(0, start - 160)
    ends = list(_SENTENCE_END.finditer(text, left_bound, start))
    if ends:
        left_bound = ends[-1].end()
    right = _SENTENCE_END.search(text, end, min(len(text), end + 160))
    right_bound = right.start() if right else min(len(text), end + 160)
    opened = _open_quote(text, left_bound, start)
    if opened is not None:  # '"We will meet on Tuesday," he said': the quote's own tense
        left_bound = opened
        closing = _QUOTE.search(text, end, right_bound)
        right_bound = closing.start() if closing else right_bound
    left = [w.lower() for w in _WORD.findall(text, left_bound, start)[::-1][:10]]
    right_words = [w.lower() for w in _WORD.findall(text, end, right_bound)[:8]]
    if len(left) >= 3 and left[0] == "as" and left[1] in ("soon", "early") and left[2] == "as":
        return "future", 0  # "as soon as Tuesday"
    if left and left[0] == "effective":
        return "future", 0  # "effective Feb. 1": an announced start
    endpoint = bool(left) and left[0] in lx.ENDPOINT_WORDS
    best: tuple[int, int, str] | None = None
    for side, words in ((0, left), (1, right_words)):
        for i, word in enumerate(words):
            # Neighbours in reading order: the word before and the word after this one.
            if side == 0:
                before = words[i + 1] if i + 1 < len(words) else ""
                after = words[i - 1] if i > 0 else ""
            else:
                before = words[i - 1] if i > 0 else ""
                after = words[i + 1] if i + 1 < len(words) else ""
            kind = _marker(word, before, after)
            if kind is not None:
                if best is None or (i, side) < best[:2]:
                    best = (i, side, kind)
                break
    if best is None or (endpoint and best[2] != "future"):
        # "extended to Nov. 20", "until Monday": the verb's past says nothing about where
        # the end point lies; only a future marker ("will run until Monday") does.
        return None, 0
    return best[2], best[0]


_QUOTE = re.compile(r"[“”\"]|``|''")


def _open_quote(text: str, start: int, end: int) -> int | None:
    """Where the quotation that ``end`` lies inside begins (after its mark), if it does: a
    curly or doubled-backtick mark opens, its pair closes, and straight marks (or two
    apostrophes, as wire copy writes both ends) alternate."""
    marks = [m for m in _QUOTE.finditer(text, start, end)]
    if not marks:
        return None
    last = marks[-1].group()
    if last in {"“", "``"} or (last in {'"', "''"} and sum(m.group() == last for m in marks) % 2 == 1):
        return marks[-1].end()
    return None


_PASSIVE = frozenset({"be", "been", "being"})
_BE_FORMS = frozenset({"is", "are", "was", "were", "am"})
_PLANNING = frozenset({"planning", "going", "expected", "scheduled", "due", "slated", "set",
                       "preparing", "hoping"})
# Words before an -ed form that make it an adjective ("a still unspecified date").
_ADJECTIVE_BEFORE = frozenset({
    "a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "my", "your",
    "still", "very", "newly", "recently", "well", "long", "so", "most", "more", "less",
})


def _marker(word: str, before: str, after: str) -> str | None:
    if word == "next" and after == "to":
        return None  # "next to the embassy": a place, not a time
    if word in lx.FUTURE_WORDS or word.endswith("'ll") or word == "won't":
        return "future"
    if word in _BE_FORMS and after in _PLANNING:
        return "future"  # "were planning to drive", "is expected to": intent, not a report
    if word in lx.INTENT_WORDS:
        return "future" if after == "to" else None  # "plans to meet", not "the plan"
    if before in _PASSIVE and (word in lx.PAST_WORDS or word.endswith("ed")):
        # "will be paid", "to be completed": a participle; the auxiliary further left
        # ("will", "was") carries the clause's tense.
        return None
    if word in lx.PAST_WORDS:
        return "past"
    if word in lx.PRESENT_WORDS:
        return "present"
    if len(word) > 4 and word.endswith("ed") and word not in lx.NOT_PAST_ED:
        return None if before in _ADJECTIVE_BEFORE else "past"
    return None


def _sentence_start(text: str, pos: int) -> bool:
    """True if ``pos`` begins a sentence or line (for capitalised common words)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(`":
        i -= 1
    return i < 0 or text[i] in ".!?\n:—-–"


def _prev_word(text: str, pos: int) -> str:
    words = _WORD.findall(text, max(0, pos - 30), pos)
    return words[-1].lower() if words else ""


def _capitalised(text: str, pos: int) -> bool:
    return text[pos].isupper()


def _same_sentence(st: _State, ref: _Ref | None, pos: int) -> bool:
    return ref is not None and _SENTENCE_END.search(st.text, ref.start, pos) is None


def _narrative_year(st: _State, pos: int) -> int | None:
    """The narrative year if it applies at ``pos``: the latest explicit year, stated in the
    same paragraph at most one sentence back (with no dct, anywhere before)."""
    if st.narrative is None:
        return None
    year, start = st.narrative
    if st.dct is None:
        return year
    if st.paragraph(start) != st.paragraph(pos):
        return None
    if len(_SENTENCE_END.findall(st.text, start, pos)) > 1:
        return None
    return year


# --------------------------------------------------------------------------- resolution

Cue = tuple[str | None, int]  # (tense, distance in words) from tense_cue
_FAR_DAYS = 183  # a weak tense cue may not push a date further than this from the dct
_STRONG_CUE = 2  # words: a marker this close to the expression is trusted at any distance
# Without a tense cue a future month counts this much further away than a past one: news
# reports the past more often, but "the summit in April" written in December is next April
# (in TimeBank, a month four months ahead is likelier than one eight months back).
_FUTURE_WEIGHT = 1.75


def _nearest_year(dct: date, month: int, day: int | None, cue: Cue) -> int:
    """The year putting month(-day) on the side of the dct that the tense asks for.

    Without a usable tense, the nearest occurrence, with the past counting double-near
    (news mostly reports what happened). A distant tense marker only decides within about
    six months of the dct."""
    tense, distance_words = cue
    ref = (dct.year, dct.month, dct.day if day else 0)
    cands = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        if day and safe_date(year, month, day) is None:
            continue
        cands.append((year, month, day or 0))
    if not cands:
        return dct.year

    def days_away(c: tuple[int, int, int]) -> int:
        months = abs((c[0] * 12 + c[1]) - (ref[0] * 12 + ref[1]))
        return months * 31 + abs(c[2] - ref[2]) if months else abs(c[2] - ref[2])

    chosen: tuple[int, int, int] | None = None
    if tense == "past":
        past = [c for c in cands if c <= ref]
        chosen = max(past) if past else None
    elif tense == "future":
        future = [c for c in cands if c >= ref]
        chosen = min(future) if future else None
    if chosen is not None and (distance_words <= _STRONG_CUE or days_away(chosen) <= _FAR_DAYS):
        return chosen[0]
    return min(cands, key=lambda c: (days_away(c) * (1.0 if c <= ref else _FUTURE_WEIGHT), c > ref))[0]


# A month(-day) that falls within this many months of the dct in the dct's reading is the
# dct's: news reports the last weeks' events far more often than day-precise history, even
# right after a sentence about an older year ("the 1988 cease-fire ... the invasion on Aug. 2").
_NEAR_MONTHS = 1


def _year_for(
    st: _State, month: int, day: int | None, cue: Cue, pos: int
) -> tuple[int | None, str | None]:
    """The year of a month(-day) written without one, and what anchored it."""
    narrative = _narrative_year(st, pos)
    if st.dct is None:
        return (narrative, "narrative") if narrative is not None else (None, None)
    by_dct = _nearest_year(st.dct, month, day, cue)
    near_dct = abs((by_dct * 12 + month) - (st.dct.year * 12 + st.dct.month)) <= _NEAR_MONTHS
    if narrative is not None and narrative != by_dct and not near_dct:
        key = (narrative, month, day or 0)
        ref = (st.dct.year, st.dct.month, st.dct.day if day else 0)
        tense = cue[0]
        contradicts = (tense == "past" and key > ref) or (tense == "future" and key < ref)
        if not contradicts and (day is None or safe_date(narrative, month, day) is not None):
            return narrative, "narrative"
    return by_dct, "dct"


def _weekday_date(dct: date, weekday: int, rel: str | None, tense: str | None) -> date | None:
    today = dct.isoweekday()
    if rel in ("last", "past", "previous"):
        return add_days(dct, -((today - weekday) % 7 or 7))
    if rel in ("next", "coming", "following"):
        return add_days(dct, (weekday - today) % 7 or 7)
    if rel == "this":
        return add_days(dct, weekday - today)
    if tense in ("future", "present"):
        return add_days(dct, (weekday - today) % 7)
    return add_days(dct, -((today - weekday) % 7))


def _amount(text: str | None) -> float | None:
    """The number in a quantity phrase; None for vague ones ("several", "a few")."""
    if text is None:
        return 1.0
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0][0].isdigit():
        value = float(words[0].replace("½", ""))
        if "½" in text or (len(words) > 1 and words[1] == "1/2"):
            value += 0.5
        return value
    if any(w in lx.VAGUE_NUMBERS for w in words):
        return None
    total = 0.0
    for word in words:
        if word in ("a", "an", "of", "single") and total == 0:
            continue
        if word == "hundred":
            total = max(total, 1) * 100
        elif word == "couple":
            total += 2
        elif word == "dozen":
            total = max(total, 1) * 12
        elif word in lx.NUMBER_WORDS:
            total += lx.NUMBER_WORDS[word]
    return total or 1.0


def _unit(word: str) -> str:
    return lx.UNITS.get(word.lower().rstrip("s") if word.lower() != "centuries" else "century", "")


def _unit_duration(amount: float | None, unit: str) -> str | None:
    if unit in ("WE", "SEASON", ""):
        return None
    if unit == "FN":
        return duration(None if amount is None else amount * 2, "W")
    return duration(amount, unit)


def _shift(ref_year: int, ref_month: int | None, ref_day: date | None, unit: str, amount: int
           ) -> tuple[str | None, Precision | str]:
    """Move a reference point by ``amount`` units; the value at the unit's granularity."""
    if unit in ("Y", "DE", "CE", "ML"):
        years = amount * {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}[unit]
        return fmt_year(ref_year + years), "year"
    if unit in ("M", "Q"):
        if ref_month is None:
            return None, "unknown"
        year, month = shift_month(ref_year, ref_month, amount * (3 if unit == "Q" else 1))
        return fmt_month(year, month), "month"
    if unit in ("D", "W", "FN"):
        if ref_day is None:
            return None, "unknown"
        moved = add_days(ref_day, amount * {"D": 1, "W": 7, "FN": 14}[unit])
        return (fmt_day(moved), "day") if moved else (None, "unknown")
    return None, "unknown"


# --------------------------------------------------------------------------- normalisers


def _normalise(m: re.Match[str], st: _State) -> TimeExpr | None:
    kind = m.lastgroup or ""
    handler = _HANDLERS.get(kind)
    return handler(m, st) if handler else None


def _iso(m: re.Match[str], st: _State) -> TimeExpr | None:
    day = safe_date(int(m.group("isoy")), int(m.group("isom")), int(m.group("isod")))
    if day is None:
        return None
    if m.group("isoh"):
        return _make(st, m, "iso", "TIME", f"{fmt_day(day)}T{m.group('isoh')}:{m.group('isomi')}", "time")
    return _make(st, m, "iso", "DATE", fmt_day(day), "day")


def _numeric_order(st: _State) -> str:
    """'mdy' or 'dmy' if the document's unambiguous numeric dates say which, else ''."""
    if st.numeric_order is None:
        votes = {"mdy": 0, "dmy": 0}
        for found in _NUMERIC_DATE.finditer(st.text):
            first, second = int(found.group(1)), int(found.group(3))
            if first > 12 >= second:
                votes["dmy"] += 1
            elif second > 12 >= first:
                votes["mdy"] += 1
        st.numeric_order = "" if votes["mdy"] == votes["dmy"] else max(votes, key=lambda k: votes[k])
    return st.numeric_order


def _numeric_date(m: re.Match[str], st: _State) -> TimeExpr | None:
    first, second, year_text = int(m.group("nd1")), int(m.group("nd2")), m.group("nd3")
    year = int(year_text)
    if len(year_text) == 2:
        pivot = (st.dct.year % 100 + 1) if st.dct else 30
        year += 2000 if year <= pivot else 1900
    if first > 12 and second > 12:
        return None
    if first > 12:
        order = "dmy"
    elif second > 12:
        order = "mdy"
    elif first == second:
        order = "dmy"
    else:
        order = _numeric_order(st)
    if not order:
        # Both readings are possible and nothing in the document decides: keep the year only.
        return _make(st, m, "nd", "DATE", fmt_year(year), "year")
    month, day_num = (first, second) if order == "mdy" else (second, first)
    day = safe_date(year, month, day_num)
    if day is None:
        return None
    if m.group("ndh"):
        return _make(st, m, "nd", "TIME", f"{fmt_day(day)}T{int(m.group('ndh')):02d}:{m.group('ndmi')}",
                     "time")
    return _make(st, m, "nd", "DATE", fmt_day(day), "day")


def _year_range(m: re.Match[str], st: _State) -> TimeExpr | None:
    first, last_text = int(m.group("ry1")), m.group("ry2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if last <= first:
        # "2023-12" is not a range; keep the year alone.
        tx = _make(st, m, "yrng", "DATE", fmt_year(first), "year")
        tx.end = m.start("yrng") + 4
        tx.text = st.text[tx.start:tx.end]
        return tx
    return _make(st, m, "yrng", "DATE", fmt_year(first), "year", end_value=fmt_year(last))


def _month_ok(st: _State, m: re.Match[str], group: str) -> bool:
    return _capitalised(st.text, m.start(group))


def _month_day(m: re.Match[str], st: _State) -> TimeExpr | None:
    core = m.lastgroup or ""
    prefix = "mdy" if core == "mdy" else "dmy"
    if not _month_ok(st, m, prefix + "m"):
        return None
    month = lx.MONTHS[m.group(prefix + "m").lower()]
    day_num = int(re.match(r"\d+", m.group(prefix + "d")).group())  # type: ignore[union-attr]
    if safe_date(2000, month, day_num) is None:
        return None
    last_text = m.group(prefix + "d2")
    last_num = int(re.match(r"\d+", last_text).group()) if last_text else None  # type: ignore[union-attr]
    if last_num is not None and (last_num <= day_num or safe_date(2000, month, last_num) is None):
        return None  # "5-3 March" is no range of days
    year_text = m.group(prefix + "y")
    if year_text:
        day = safe_date(int(year_text), month, day_num)
        end = _range_end(int(year_text), month, last_num)
        return _make(st, m, core, "DATE", fmt_day(day), "day", end_value=end) if day else None
    year, anchor = _year_for(st, month, day_num, _tense(st, m.start(), m.end()), m.start(core))
    if year is None:
        end_unknown = f"XXXX-{month:02d}-{last_num:02d}" if last_num is not None else None
        return _make(st, m, core, "DATE", f"XXXX-{month:02d}-{day_num:02d}", "day", end_value=end_unknown)
    day = safe_date(year, month, day_num)
    value = fmt_day(day) if day else f"XXXX-{month:02d}-{day_num:02d}"
    end = _range_end(year, month, last_num) if day else None
    return _make(st, m, core, "DATE", value, "day", anchor=anchor if day else None, end_value=end)


def _range_end(year: int, month: int, last_num: int | None) -> str | None:
    """The last day of "3-5 March" in its year, or None when the expression names one day."""
    if last_num is None:
        return None
    day = safe_date(year, month, last_num)
    return fmt_day(day) if day else None


def _month_year(m: re.Match[str], st: _State) -> TimeExpr | None:
    if not _month_ok(st, m, "mym"):
        return None
    month = lx.MONTHS[m.group("mym").lower()]
    return _make(st, m, "my", "DATE", fmt_month(int(m.group("myy")), month), "month", use_pre=True)


def _clock(m: re.Match[str], st: _State) -> TimeExpr | None:
    if m.group("cnoon") and _capitalised(st.text, m.start("cnoon")) and not _sentence_start(
        st.text, m.start("cnoon")
    ):
        return None  # "High Noon"
    if m.group("cnoon"):
        hour, minute = (24, 0) if m.group("cnoon").lower() == "midnight" else (12, 0)
    elif m.group("ch"):
        hour, minute = int(m.group("ch")), int(m.group("cm") or 0)
        if not 1 <= hour <= 12:
            return None
        pm = m.group("cap").lower() == "p"
        hour = (hour % 12) + (12 if pm else 0)
    else:
        hour, minute = int(m.group("ch2")), int(m.group("cm2"))
    day_value: str | None = None
    anchor: str | None = None
    if m.group("cdw"):
        weekday = lx.WEEKDAYS[m.group("cdw").lower()]
        if st.dct is not None:
            found = _weekday_date(st.dct, weekday, None, _tense(st, m.start(), m.end())[0])
            day_value, anchor = (fmt_day(found), "dct") if found else (None, None)
        else:
            day_value = f"XXXX-WXX-{weekday}"
    elif m.group("cdx"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("cdx").lower()]
        moved = add_days(st.dct, offset) if st.dct else None
        day_value, anchor = (fmt_day(moved), "dct") if moved else (None, None)
    elif m.group("cdm"):
        month = lx.MONTHS[m.group("cdm").lower()]
        day_num = int(re.match(r"\d+", m.group("cdd")).group())  # type: ignore[union-attr]
        year: int | None
        if m.group("cdy"):  # "5:00 PM IST on May 10, 2025"
            year, anchor = int(m.group("cdy")), None
        else:
            year, anchor = _year_for(st, month, day_num, _tense(st, m.start(), m.end()), m.start("clk"))
        found = safe_date(year, month, day_num) if year else None
        day_value = fmt_day(found) if found else f"XXXX-{month:02d}-{day_num:02d}"
    elif st.dct is not None:
        day_value, anchor = fmt_day(st.dct), "dct"
    clock = f"T{hour:02d}:{minute:02d}"
    value = f"{day_value or 'XXXX-XX-XX'}{clock}"
    return _make(st, m, "clk", "TIME", value, "time", anchor=anchor, use_q=True)


def _day_part(m: re.Match[str], st: _State) -> TimeExpr | None:
    pod = lx.PARTS_OF_DAY[m.group("pod").lower()]
    word = m.group("dpd").lower()
    tense = _tense(st, m.start(), m.end())[0]
    if word in lx.WEEKDAYS:
        if not _capitalised(st.text, m.start("dpd")):
            return None
        weekday = lx.WEEKDAYS[word]
        rel = (m.group("dprel") or "").lower() or None
        if st.dct is None:
            return _make(st, m, "dp", "DATE", f"XXXX-WXX-{weekday}T{pod}", "day", use_pre=True)
        found = _weekday_date(st.dct, weekday, rel, tense)
        value = f"{fmt_day(found)}T{pod}" if found else None
        return _make(st, m, "dp", "DATE", value, "day", anchor="dct", use_pre=True)
    offset = {"today": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[word]
    if word == "last" and pod != "NI":
        return None  # "last morning" is not an expression; "last night" is
    moved = add_days(st.dct, offset) if st.dct else None
    value = f"{fmt_day(moved)}T{pod}" if moved else None
    return _make(st, m, "dp", "TIME", value, "time", anchor="dct" if moved else None, use_pre=True)


def _quarter(m: re.Match[str], st: _State) -> TimeExpr | None:
    year_shift = {"this": 0, "last": -1, "next": 1}.get((m.group("qrel") or "").lower())
    if m.group("qn"):
        quarter = int(m.group("qn"))
        year_text = m.group("qy3") or m.group("qy4")
    else:
        quarter = lx.ORDINALS[m.group("qord").lower()]
        year_text = m.group("qy1") or m.group("qy2")
    anchor: str | None = None
    if year_text:
        year: int | None = int(year_text)
    elif year_shift is not None and st.dct is not None:
        year, anchor = st.dct.year + year_shift, "dct"
    elif st.dct is not None:
        year, anchor = st.dct.year, "dct"
        tense = _tense(st, m.start(), m.end())[0]
        if quarter > quarter_of(st.dct) and tense != "future":
            year -= 1
    else:
        year = _narrative_year(st, m.start("qtr"))
        anchor = "narrative" if year else None
    if year is None:
        return _make(st, m, "qtr", "DATE", f"XXXX-Q{quarter}", "quarter", use_pre=True)
    current = (st.dct.year, quarter_of(st.dct)) if st.dct else None
    if current is None or (year, quarter) < current or (
        (year, quarter) == current and _tense(st, m.start(), m.end())[0] == "past"
    ):
        # Only a closed quarter (a fiscal one may end in the dct's calendar quarter: "reported
        # fourth-quarter earnings") is the one a report is about, which "a year ago" and "the
        # year-ago period" compare against; "into the fourth quarter" looks ahead.
        st.quarter = (year, quarter)
    return _make(st, m, "qtr", "DATE", f"{year:04d}-Q{quarter}", "quarter", anchor=anchor, use_pre=True)


def _half(m: re.Match[str], st: _State) -> TimeExpr | None:
    half = 1 if m.group("hord").lower() == "first" else 2
    year_text = m.group("hy1") or m.group("hy2")
    phrase = m.group("half").lower()
    if year_text is None and not phrase.endswith("year") and not phrase.startswith("the"):
        return None  # "first half" alone is as often a match's as a year's
    if year_text:
        return _make(st, m, "half", "DATE", f"{year_text}-H{half}", "unknown")
    if st.dct is None:
        return _make(st, m, "half", "DATE", f"XXXX-H{half}", "unknown")
    return _make(st, m, "half", "DATE", f"{st.dct.year:04d}-H{half}", "unknown", anchor="dct")


def _year_ago(m: re.Match[str], st: _State) -> TimeExpr | None:
    if st.dct is None:
        return _make(st, m, "yago", "DATE", None, "unknown")
    if m.group("yagou").lower() == "month":
        year, month = shift_month(st.dct.year, st.dct.month, -1)
        return _make(st, m, "yago", "DATE", fmt_month(year, month), "month", anchor="dct")
    if st.quarter is not None and not _ANNUAL.search(st.text, max(0, m.start("yago") - 120),
                                                      m.start("yago")):
        year, quarter = st.quarter
        return _make(st, m, "yago", "DATE", f"{year - 1:04d}-Q{quarter}", "quarter", anchor="dct")
    return _make(st, m, "yago", "DATE", fmt_year(st.dct.year - 1), "year", anchor="dct")


def _ago(m: re.Match[str], st: _State) -> TimeExpr | None:
    unit = _unit(m.group("agou"))
    num_text = m.group("agon")
    direction = m.group("agod").lower().split()[0]
    backward = direction in _BACKWARD
    amount = _amount(num_text) if num_text else None
    if amount is None or unit in ("WE", "SEASON", ""):
        ref_value = "PAST_REF" if backward else "FUTURE_REF"
        return _make(st, m, "ago", "DATE", ref_value, "unknown", use_q=True)
    if not float(amount).is_integer():
        return _make(st, m, "ago", "DATE", None, "unknown", use_q=True)
    steps = int(amount) * (-1 if backward else 1)
    relative_to_dct = direction in ("ago", "back", "from", "hence")
    ref: _Ref | None = None
    if not relative_to_dct:
        # "a day later": from the previous expression of fine enough grain. "Later" never
        # from the dct: news narrates the past, so "two days later" in a story dated the 12th
        # is not the 14th. "Earlier" may: "a year earlier, net income was..." compares with
        # the reporting time.
        candidate = st.last_day if unit in ("D", "W", "FN") else st.last
        window = _NARRATIVE_PARAGRAPHS
        if candidate is not None and st.paragraph(candidate.start) >= st.paragraph(m.start("ago")) - window:
            ref = candidate
        if ref is None and not backward:
            return _make(st, m, "ago", "DATE", None, "unknown", use_q=True)
    if ref is None and st.dct is None:
        return _make(st, m, "ago", "DATE", None, "unknown", use_q=True)
    if unit == "Y" and abs(steps) == 1 and st.quarter is not None and not _ANNUAL.search(
        st.text, max(0, m.start("ago") - 120), m.start("ago")
    ):
        # An earnings report's "a year earlier" compares quarters: the same quarter a year back.
        year, quarter = shift_quarter(st.quarter[0], st.quarter[1], 4 * steps)
        return _make(st, m, "ago", "DATE", f"{year:04d}-Q{quarter}", "quarter", anchor="dct", use_q=True)
    value: str | None
    if ref is not None:
        value, gran = _shift(ref.year, ref.month, ref.day, unit, steps)
    elif st.dct is not None:
        value, gran = _shift(st.dct.year, st.dct.month, st.dct, unit, steps)
    else:
        return _make(st, m, "ago", "DATE", None, "unknown", use_q=True)
    anchor = _anchor_name(ref) if value else None
    return _make(st, m, "ago", "DATE", value, gran, anchor=anchor, use_q=True)


def _rel_day(m: re.Match[str], st: _State) -> TimeExpr | None:
    if m.group("rdx"):
        offset = -2 if m.group("rdx").lower().startswith("before") else 2
        moved = add_days(st.dct, offset) if st.dct else None
        return _make(st, m, "rday", "DATE", fmt_day(moved) if moved else None, "day",
                     anchor="dct" if moved else None)
    ref = st.last_day
    base = ref.day if ref else st.dct
    if m.group("rdpod"):
        forward = m.group("rdn").lower() in ("next", "following")
        moved = add_days(base, 1 if forward else -1) if base else None
        pod = lx.PARTS_OF_DAY[m.group("rdpod").lower()]
        value = f"{fmt_day(moved)}T{pod}" if moved else None
        return _make(st, m, "rday", "TIME", value, "time", anchor=_anchor_name(ref) if moved else None)
    forward = m.group("rdd").lower() == "after"
    moved = add_days(base, 1 if forward else -1) if base else None
    return _make(st, m, "rday", "DATE", fmt_day(moved) if moved else None, "day",
                 anchor=_anchor_name(ref) if moved else None)


def _unit_value(st: _State, unit: str, year: int, month: int, day: date | None
                ) -> tuple[str | None, Granularity]:
    """The calendar unit containing the given point ("this week" -> 2025-W11)."""
    if unit == "Y":
        return fmt_year(year), "year"
    if unit == "M":
        return fmt_month(year, month), "month"
    if unit == "Q":
        return f"{year:04d}-Q{(month - 1) // 3 + 1}", "quarter"
    if unit == "DE":
        return f"{year // 10:03d}", "decade"
    if unit == "CE":
        return f"{year // 100:02d}", "unknown"
    if unit in ("W", "WE") and day is not None:
        return fmt_week(day) + ("-WE" if unit == "WE" else ""), "week"
    if unit == "D" and day is not None:
        return fmt_day(day), "day"
    return None, "unknown"


def _moved(unit: str, year: int, month: int, day: date | None, steps: int
           ) -> tuple[int, int, date | None]:
    """The point ``steps`` calendar units away (for "last year", "next week")."""
    if unit == "Y":
        return year + steps, month, None
    if unit == "DE":
        return year + 10 * steps, month, None
    if unit == "CE":
        return year + 100 * steps, month, None
    if unit == "M":
        y, mo = shift_month(year, month, steps)
        return y, mo, None
    if unit == "Q":
        y, mo = shift_month(year, month, 3 * steps)
        return y, mo, None
    if unit in ("W", "WE", "D") and day is not None:
        moved = add_days(day, steps * (1 if unit == "D" else 7))
        if moved is None:
            return year, month, None
        return moved.year, moved.month, moved
    return year, month, day


def _relative(m: re.Match[str], st: _State) -> TimeExpr | None:
    dets = m.group("reldet").lower().split()
    unit_word = m.group("relu").lower()
    plural = bool(m.group("relpl"))
    num_text = m.group("reln")
    unit = "PERIOD" if unit_word == "period" else _unit(unit_word)
    if num_text is not None and re.fullmatch(r"1[5-9]\d\d|20\d\d", num_text) and not plural:
        # "the 1988 quarter", "the 2020 period": a year, refined by the quarter in context.
        if unit in ("Q", "PERIOD") and st.quarter is not None:
            return _make(st, m, "rel", "DATE", f"{num_text}-Q{st.quarter[1]}", "quarter")
        return _make(st, m, "rel", "DATE", num_text, "year")
    if _capitalised(st.text, m.start("relu")) and not st.text[m.start("rel"):m.end("rel")].isupper():
        return None  # a title: ABC's "This Week"
    if dets == ["these"] and unit == "D" and plural:
        return _make(st, m, "rel", "DATE", "PRESENT_REF", "unknown")
    if num_text is not None or plural:
        # "the past three years", "recent months": a stretch of time, not a calendar unit.
        amount = _amount(num_text) if num_text else None
        if unit == "PERIOD" or (num_text is None and not plural):
            return None
        if amount is not None and amount == 1 and plural and num_text and not num_text[0].isdigit():
            return None  # "the a months": a misparse
        value = _unit_duration(amount, unit)
        if value is None:
            return None
        return _make(st, m, "rel", "DURATION", value, "duration", use_q=num_text is not None)
    words = set(dets)
    tense = _tense(st, m.start(), m.end())[0]
    if unit in ("Q", "PERIOD"):
        return _relative_quarter(m, st, words, tense)
    if unit in ("H", "MIN", "S", "SEASON", "FN", ""):
        if "past" in words or ("last" in words and "the" in words):
            value = _unit_duration(1, unit)
            return _make(st, m, "rel", "DURATION", value, "duration") if value else None
        return None
    if words & {"first", "final", "remaining", "early", "further"}:
        return None
    after = st.text[m.end("rel"):m.end("rel") + 12].lower()
    if "the" in words and "past" in words:
        value = _unit_duration(1, unit)
        return _make(st, m, "rel", "DURATION", value, "duration", use_pre=True) if value else None
    if unit == "Y" and words <= {"the", "fiscal"} and re.match(r"\s+(?:ended|ending|ends|to\s+date)", after):
        return _make(st, m, "rel", "DURATION", "P1Y", "duration")
    if unit == "Y" and dets == ["last"] and st.quarter is not None and _COMPARISON.search(
        st.text, max(0, m.start("rel") - 60), m.start("rel")
    ) and not _ANNUAL.search(st.text, max(0, m.start("rel") - 120), m.start("rel")):
        # An earnings comparison ("compared with a loss of $3 million last year") means the
        # same quarter a year back, like "a year earlier".
        year, quarter = st.quarter
        return _make(st, m, "rel", "DATE", f"{year - 1:04d}-Q{quarter}", "quarter", anchor="dct")
    # Which point the unit is counted from, and how many units away.
    ref: _Ref | None = None
    steps = 0
    if words & {"last", "previous", "preceding", "prior", "latest"}:
        steps = -1
        if words & {"previous", "preceding", "prior"} and st.last is not None:
            ref = st.last
    elif words & {"next", "coming", "upcoming"}:
        steps = 1
    elif words & {"following", "ensuing"}:
        steps = 1
        ref = st.last
    elif words & {"same", "that", "those"}:
        ref = st.last_day if unit in ("D", "W", "WE") else st.last
        if ref is None:
            return None
    elif words <= {"the", "whole", "entire", "full", "fiscal"}:
        if unit not in ("Y", "M", "W", "WE"):
            return None  # "the day", "the decade": too vague to be a date
        if _same_sentence(st, st.last, m.start("rel")):
            ref = st.last
    elif not words & {"this", "current", "these"}:
        return None
    if unit == "WE" and steps == 0 and ref is None:
        return _weekend(m, st, tense)
    if ref is not None:
        base_year, base_month, base_day = ref.year, ref.month, ref.day
        if base_month is None and unit not in ("Y", "DE", "CE"):
            return _make(st, m, "rel", "DATE", None, "unknown", use_pre=True)
        anchor: str | None = _anchor_name(ref)
    elif st.dct is not None:
        base_year, base_month, base_day = st.dct.year, st.dct.month, st.dct
        anchor = "dct"
    else:
        narrative = _narrative_year(st, m.start("rel"))
        if unit == "Y" and narrative is not None and steps == 0:
            return _make(st, m, "rel", "DATE", fmt_year(narrative), "year", anchor="narrative",
                         use_pre=True)
        return _make(st, m, "rel", "DATE", None, "unknown", use_pre=True)
    year, month, day = _moved(unit, base_year, base_month or 1, base_day, steps)
    value, gran = _unit_value(st, unit, year, month, day)
    return _make(st, m, "rel", "DATE", value, gran, anchor=anchor if value else None, use_pre=True)


def _relative_quarter(m: re.Match[str], st: _State, words: set[str], tense: str | None
                      ) -> TimeExpr | None:
    """'the quarter', 'the latest period': the quarter the document is about."""
    if m.group("relu").lower() == "period" and (st.quarter is None or not words & {"the", "latest"}):
        return None
    if words & {"this", "current"}:
        base = (st.dct.year, quarter_of(st.dct)) if st.dct else None
    elif words & {"next", "coming", "upcoming"}:
        base = shift_quarter(st.dct.year, quarter_of(st.dct), 1) if st.dct else None
    elif "latest" in words and st.quarter is not None:
        base = st.quarter  # "the latest period": the one the report is about
    elif words & {"last", "previous", "preceding", "prior", "latest"}:
        base = shift_quarter(st.dct.year, quarter_of(st.dct), -1) if st.dct else st.quarter
    elif st.quarter is not None:
        base = st.quarter
    elif st.dct is not None:
        # An earnings report's "the quarter" is the one just closed, unless it looks ahead.
        step = 0 if tense == "future" else -1
        base = shift_quarter(st.dct.year, quarter_of(st.dct), step)
    else:
        base = None
    if base is None:
        return _make(st, m, "rel", "DATE", None, "unknown", use_pre=True)
    st.quarter = base
    return _make(st, m, "rel", "DATE", f"{base[0]:04d}-Q{base[1]}", "quarter", anchor="dct",
                 use_pre=True)


def _weekend(m: re.Match[str], st: _State, tense: str | None) -> TimeExpr | None:
    if st.dct is None:
        return _make(st, m, "rel", "DATE", None, "unknown")
    words = set(m.group("reldet").lower().split())
    weekday = st.dct.isoweekday()
    if "this" in words or tense in ("future", "present"):
        saturday = add_days(st.dct, 6 - weekday) if weekday <= 6 else add_days(st.dct, -1)
    else:
        saturday = add_days(st.dct, -(weekday + 1) if weekday < 6 else 6 - weekday)
    if saturday is None:
        return None
    return _make(st, m, "rel", "DATE", fmt_week(saturday) + "-WE", "week", anchor="dct")


def _duration(m: re.Match[str], st: _State) -> TimeExpr | None:
    if m.group("durs"):
        value = _unit_duration(1, _unit(m.group("durs")))  # "day-long": one day
        return _make(st, m, "dur", "DURATION", value, "duration") if value else None
    if m.group("durb"):
        # A bare plural ("for years", "decades-long") is a duration of unknown length, but
        # only with a preposition or "-long" that makes it one.
        if not m.group("durbl") and _prev_word(st.text, m.start("durb")) not in _DURATION_CONTEXT:
            return None
        value = _unit_duration(None, _unit(m.group("durb")))
        return _make(st, m, "dur", "DURATION", value, "duration", use_q=True) if value else None
    num_text = m.group("durn")
    unit = _unit(m.group("duru"))
    amount = _amount(num_text)
    after = st.text[m.end("dur"):m.end("dur") + 12]
    if (m.group("durtail") or "").lower() == "-old" or re.match(r"\s+old\b", after):
        return None  # an age ("a 44-year-old", "52 years old"), not a stretch of time
    if unit == "Q" and re.match(r"\s+of\b", after):
        return None  # "three-quarters of its food": a fraction
    if num_text.lower() in ("a", "an", "one") and re.search(
        r"(?:\d|%|million|billion|cents?|dollars?|euros?|pence|shares?|percent)\s*\Z",
        st.text[max(0, m.start("dur") - 20):m.start("dur")], re.I,
    ):
        return None  # a rate: "$1.76 a year"
    if num_text.lower() in ("a", "an") and (m.group("durpl") or m.group("durtail")):
        # "a months-long blockade", "a day-long strike": the article belongs to the noun
        # phrase, not the number.
        value = _unit_duration(None if m.group("durpl") else 1, unit)
        if value is None:
            return None
        tx = _make(st, m, "dur", "DURATION", value, "duration")
        tx.start = m.start("duru")
        tx.text = st.text[tx.start:tx.end]
        return tx
    if unit == "S" and num_text.lower() in ("a", "an"):
        return None  # "a second time"
    value = _unit_duration(amount, unit)
    if value is None:
        return None
    return _make(st, m, "dur", "DURATION", value, "duration", use_q=True)


def _set(m: re.Match[str], st: _State) -> TimeExpr | None:
    if m.group("setadv"):
        word = m.group("setadv")
        if _capitalised(st.text, m.start("setadv")) and not _sentence_start(st.text, m.start("setadv")):
            return None  # a title: "Daily Sabah"
        return _make(st, m, "set", "SET", _SETS[word.lower()], "set")
    if m.group("setf"):
        value = _unit_duration(1, _unit(m.group("setfu")))
        return _make(st, m, "set", "SET", value, "set") if value else None
    word = m.group("setu").lower()
    count_text = m.group("setn")
    if word in lx.WEEKDAYS:
        return _make(st, m, "set", "SET", f"XXXX-WXX-{lx.WEEKDAYS[word]}", "set")
    if word in lx.MONTHS and word not in lx.MONTH_ABBREVIATIONS:
        return _make(st, m, "set", "SET", f"XXXX-{lx.MONTHS[word]:02d}", "set")
    if word in lx.PARTS_OF_DAY:
        return _make(st, m, "set", "SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[word]}", "set")
    amount: float | None = 1.0
    if count_text:
        amount = 2.0 if count_text.lower() == "other" else _amount(count_text)
    value = _unit_duration(amount, _unit(word))
    return _make(st, m, "set", "SET", value, "set") if value else None


def _decade(m: re.Match[str], st: _State) -> TimeExpr | None:
    # TIMEX3 allows "199" for the 1990s; "199X" says the same and is what TempEval uses.
    if m.group("decy"):
        value = m.group("decy")[:3] + "X"
    elif m.group("decs"):
        two = int(m.group("decs"))
        # "the '80s" is the latest such decade that has begun by the dct (1980s in 1989).
        century = 20 if st.dct is not None and two <= st.dct.year - 2000 else 19
        value = f"{century}{two // 10}X"
    else:
        value = f"19{_DECADE_WORDS[m.group('decw').lower()]}X"
    return _make(st, m, "dec", "DATE", value, "decade", use_pre=True)


def _century(m: re.Match[str], st: _State) -> TimeExpr | None:
    number = int(m.group("centn")) if m.group("centn") else _CENTURY_WORDS[m.group("centw").lower()]
    if not 1 <= number <= 30:
        return None
    return _make(st, m, "cent", "DATE", f"{number - 1:02d}", "unknown", use_pre=True)


def _holiday(m: re.Match[str], st: _State) -> TimeExpr | None:
    name = " ".join(m.group("holn").lower().split())
    if not _capitalised(st.text, m.start("holn")):
        return None
    year_text = m.group("holy")
    if name.startswith("thanksgiving"):
        month, day_num = 11, 22  # the fourth Thursday is 22-28; refined once the year is known
    else:
        month, day_num = lx.FIXED_HOLIDAYS.get(name, (0, 0))
        if not month:
            return None
    anchor: str | None = None
    if year_text:
        year: int | None = int(year_text)
    else:
        year, anchor = _year_for(st, month, day_num, _tense(st, m.start(), m.end()), m.start("hol"))
    if year is None:
        if name.startswith("thanksgiving"):
            return _make(st, m, "hol", "DATE", None, "day")
        return _make(st, m, "hol", "DATE", f"XXXX-{month:02d}-{day_num:02d}", "day")
    if name.startswith("thanksgiving"):
        first = safe_date(year, 11, 1)
        if first is None:
            return None
        day_num = 1 + (4 - first.isoweekday()) % 7 + 21
    day = safe_date(year, month, day_num)
    return _make(st, m, "hol", "DATE", fmt_day(day) if day else None, "day", anchor=anchor)


def _season(m: re.Match[str], st: _State) -> TimeExpr | None:
    name = m.group("sean").lower()
    rel = (m.group("sear") or "").lower()
    year_text = m.group("seay")
    code = lx.SEASONS[name]
    if year_text is None:
        if not rel and not m.group("pre"):
            return None
        if name == "fall" and rel in ("the", "") and re.match(r"\s+of\b", st.text[m.end("sea"):]):
            return None  # "the fall of Kabul"
        if name == "fall" and rel in ("the", ""):
            return None
    anchor: str | None = None
    if year_text:
        year: int | None = int(year_text)
    elif st.dct is not None:
        first, last = _SEASON_MONTHS[code]
        month = st.dct.month if st.dct.month >= 3 or code != "WI" else st.dct.month + 12
        year, anchor = st.dct.year, "dct"
        if rel in ("last", "past"):
            year -= 0 if month > last else 1
        elif rel in ("next", "coming"):
            year += 0 if month < first else 1
        elif rel in ("the", "that"):
            narrative = _narrative_year(st, m.start("sea"))
            if narrative is not None:
                year, anchor = narrative, "narrative"
    else:
        year = _narrative_year(st, m.start("sea"))
        anchor = "narrative" if year is not None else None
    value = f"{year:04d}-{code}" if year is not None else f"XXXX-{code}"
    return _make(st, m, "sea", "DATE", value, "season", anchor=anchor, use_pre=True)


def _weekday(m: re.Match[str], st: _State) -> TimeExpr | None:
    if not _capitalised(st.text, m.start("wdn")):
        return None
    weekday = lx.WEEKDAYS[m.group("wdn").lower()]
    rel = (m.group("wdr") or "").lower() or None
    if rel in ("previous", "preceding") and st.last_day is not None and st.last_day.day is not None:
        # "down 4.5% from the previous Friday": the one before the day just talked about.
        found = _weekday_date(st.last_day.day, weekday, "last", None)
        if found is not None:
            return _make(st, m, "wd", "DATE", fmt_day(found), "day",
                         anchor=_anchor_name(st.last_day), use_pre=True)
    if st.dct is None:
        return _make(st, m, "wd", "DATE", f"XXXX-WXX-{weekday}", "day", use_pre=True)
    found = _weekday_date(st.dct, weekday, rel, _tense(st, m.start(), m.end())[0])
    if found is None:
        return None
    return _make(st, m, "wd", "DATE", fmt_day(found), "day", anchor="dct", use_pre=True)


def _month(m: re.Match[str], st: _State) -> TimeExpr | None:
    name = m.group("monn")
    lower = name.lower()
    if lower in lx.MONTH_ABBREVIATIONS or not _capitalised(st.text, m.start("monn")):
        return None
    rel = (m.group("monr") or "").lower()
    prev = _prev_word(st.text, m.start("mon"))
    if lower == "may" and not (rel or m.group("pre") or prev in _MONTH_CONTEXT):
        return None
    if lower == "march" and not (rel or m.group("pre") or prev in _MONTH_CONTEXT):
        return None
    month = lx.MONTHS[lower]
    cue = _tense(st, m.start(), m.end())
    if rel in ("last", "past") and st.dct is not None:
        year = st.dct.year - (0 if month < st.dct.month else 1)
        return _make(st, m, "mon", "DATE", fmt_month(year, month), "month", anchor="dct", use_pre=True)
    if rel in ("next", "coming") and st.dct is not None:
        year = st.dct.year + (0 if month > st.dct.month else 1)
        return _make(st, m, "mon", "DATE", fmt_month(year, month), "month", anchor="dct", use_pre=True)
    if rel == "this" and st.dct is not None:
        return _make(st, m, "mon", "DATE", fmt_month(st.dct.year, month), "month", anchor="dct",
                     use_pre=True)
    year_found, anchor = _year_for(st, month, None, cue, m.start("mon"))
    value = fmt_month(year_found, month) if year_found is not None else f"XXXX-{month:02d}"
    return _make(st, m, "mon", "DATE", value, "month", anchor=anchor, use_pre=True)


def _year(m: re.Match[str], st: _State) -> TimeExpr | None:
    start, end = m.start("yrv"), m.end("yrv")
    text = st.text
    before = text[max(0, start - 3):start]
    if re.search(r"[$€£#№]\s*\Z|\d[,.]?\Z", before):
        return None
    after = text[end:end + 20]
    prev = _prev_word(text, m.start("yr"))
    if _COUNT_NOUNS.match(after) or (prev in _QUANTITY_WORDS and not m.group("yrf")):
        return None
    mod = {"post": "AFTER", "pre": "BEFORE"}.get((m.group("yrpp") or "").lower())
    return _make(st, m, "yr", "DATE", m.group("yrv"), "year", mod=mod, use_pre=True)


def _spelled_year(m: re.Match[str], st: _State) -> TimeExpr | None:
    if m.group("yrwt"):
        year = 1900 + lx.NUMBER_WORDS[m.group("yrwt").lower()]
        if m.group("yrwu"):
            year += lx.NUMBER_WORDS[m.group("yrwu").lower()]
    else:
        year = 2000 + (lx.NUMBER_WORDS[m.group("yrwk").lower()] if m.group("yrwk") else 0)
    return _make(st, m, "yrw", "DATE", fmt_year(year), "year", use_pre=True)


def _year_end(m: re.Match[str], st: _State) -> TimeExpr | None:
    if st.dct is None:
        return _make(st, m, "yend", "DATE", None, "unknown", mod="END")
    return _make(st, m, "yend", "DATE", fmt_year(st.dct.year), "year", anchor="dct", mod="END")


def _deictic(m: re.Match[str], st: _State) -> TimeExpr | None:
    word = " ".join((m.group("deiw") or m.group("deip")).lower().split())
    start = m.start("dei")
    if m.group("deiw") and _capitalised(st.text, start) and not _sentence_start(st.text, start):
        return None  # "USA Today", "Now This"
    if word == "current" and re.match(r"\s+accounts?\b", st.text[m.end("dei"):], re.I):
        return None
    if word == "soon" and re.match(r"\s+as\b", st.text[m.end("dei"):]):
        return None  # "as soon as Tuesday": the weekday is the expression
    if word in ("today", "yesterday", "tomorrow", "tonight"):
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        moved = add_days(st.dct, offset) if st.dct else None
        if word == "tonight":
            return _make(st, m, "dei", "TIME", f"{fmt_day(moved)}TNI" if moved else None, "time",
                         anchor="dct" if moved else None, use_pre=True)
        return _make(st, m, "dei", "DATE", fmt_day(moved) if moved else None, "day",
                     anchor="dct" if moved else None, use_pre=True)
    if word in ("now", "nowadays", "currently", "presently", "at present", "these days", "current"):
        return _make(st, m, "dei", "DATE", "PRESENT_REF", "unknown")
    if word in ("recently", "lately", "recent", "the past"):
        return _make(st, m, "dei", "DATE", "PAST_REF", "unknown")
    return _make(st, m, "dei", "DATE", "FUTURE_REF", "unknown")


_HANDLERS = {
    "iso": _iso, "nd": _numeric_date, "yrng": _year_range, "mdy": _month_day, "dmy": _month_day,
    "my": _month_year, "clk": _clock, "dp": _day_part, "qtr": _quarter, "half": _half,
    "yago": _year_ago, "ago": _ago, "rday": _rel_day, "rel": _relative, "dur": _duration,
    "set": _set, "dec": _decade, "cent": _century, "hol": _holiday, "sea": _season,
    "wd": _weekday, "mon": _month, "yrw": _spelled_year, "yend": _year_end, "yr": _year,
    "dei": _deictic,
}
