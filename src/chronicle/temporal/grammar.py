"""The grammar: one compiled regex whose named alternatives are the expression shapes.

The tagger tries it only at tokens that can start an expression (:data:`STARTERS`), so the
cost is one dictionary lookup per word plus one anchored ``match`` at the few candidates —
that is what keeps tagging well above 100,000 characters a second. Alternatives are ordered
most specific first because Python's alternation takes the first that matches.
"""

from __future__ import annotations

import re

from chronicle.temporal import lexicon as lx


def _words(words: list[str] | set[str] | frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


S = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # whitespace with at most one line break
S0 = r"[^\S\n]*\n?[^\S\n]*"  # optional whitespace, same limit

MONTH = rf"(?:{_words(set(lx.MONTHS))})(?![a-z])"
WEEKDAY = rf"(?:{_words(set(lx.WEEKDAYS))})(?![a-z])"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d|[.,]\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_SMALL = _words([w for w, n in lx.NUMBER_WORDS.items() if 1 < n < 10])
_TEENS = _words([w for w, n in lx.NUMBER_WORDS.items() if 10 <= n < 20] + ["one"])
_TENS = _words([w for w, n in lx.NUMBER_WORDS.items() if n in range(20, 100, 10)])
NUM = (
    rf"(?:(?:{_TENS})(?:[-\s](?:{_SMALL}|one))?|(?:{_SMALL}|one|a)\s+hundred|a\s+couple\s+of"
    r"|couple\s+of|a\s+dozen|a\s+few|dozens\s+of|hundreds\s+of|thousands\s+of|several|many|few"
    rf"|some|numerous|\d+\s+1/2|\d+(?:\.\d+)?(?:\s*½)?|(?:{_TEENS}|{_SMALL})|an|a|single)(?![a-z])"
)
UNIT = (
    r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie)|millenni(?:um|a)|season)"
)
PLURAL_UNITS = r"(?:seconds|minutes|hours|days|nights|weeks|months|years|decades|centuries)"
TZ = r"(?:[ECMP][SD]T|GMT|UTC|CET|CEST|EET|EEST|BST|MSK|AZT|AMT|IST)(?!\w)"

_Q = (
    r"(?P<q>(?P<qw>about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than"
    r"|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|some(?=\s+\d))"
    + S + ")?"
)
_PRE = (
    rf"(?P<pre>(?:the{S})?(?:very{S})?(?P<prew>end|close|beginning|start|middle){S}of{S}"
    rf"|(?P<prel>early|late|mid|middle)(?:-|{S})|(?P<pree>earlier|later){S})?"
)

# The full stop of an abbreviated month ("Mar.", "Sept."), not a sentence's after "March".
_ABBR_DOT = r"(?:(?<=\b[A-Za-z]{3})\.|(?<=\bSept)\.)?"
# What joins the first and last day of a range: "3-5 March", "3 to 5 March", "March 3 through 5".
_UNTIL = rf"(?:{S0}[-–]{S0}|{S}(?:to|until|till|through){S})"

_ALTERNATIVES = [
    # 2023-12-13, 2023/12/13, optional time
    r"(?P<iso>(?P<isoy>\d{4})(?P<isosep>[-/])(?P<isom>0[1-9]|1[0-2])(?P=isosep)"
    r"(?P<isod>0[1-9]|[12]\d|3[01])(?:(?:T|\s+)(?P<isoh>[01]\d|2[0-3]):(?P<isomi>[0-5]\d)"
    r"(?::[0-5]\d)?)?(?![\d/-]))",
    # 12.02.2024, 13/12/23, optional time
    r"(?P<nd>(?P<nd1>\d{1,2})(?P<ndsep>[./-])(?P<nd2>\d{1,2})(?P=ndsep)(?P<nd3>\d{4}|\d{2})"
    r"(?:(?:,?\s+|\s*-\s*)(?P<ndh>[01]?\d|2[0-3]):(?P<ndmi>[0-5]\d))?(?![\d]|[./-]\d))",
    # 1992-1994, 2019-20
    rf"(?P<yrng>(?P<ry1>{YEAR})\s*[-–—]\s*(?P<ry2>{YEAR}|\d\d(?!\d)))",
    # [Thursday,] December 13[-15][, 2023]
    rf"(?P<mdy>(?:(?P<mdyw>{WEEKDAY}),?{S})?(?P<mdym>{MONTH}){_ABBR_DOT}{S0}(?P<mdyd>{DAY})"
    rf"(?:{_UNTIL}(?P<mdyd2>{DAY}))?"
    rf"(?:(?:,{S0}|{S}|{S0}[-–]{S0})(?P<mdyy>{YEAR}))?)",
    # [Thursday,] [the] 13[th] [to 15th] [of] December [2023]
    rf"(?P<dmy>(?:(?P<dmyw>{WEEKDAY}),?{S})?(?:the{S})?(?P<dmyd>{DAY})(?:{_UNTIL}(?P<dmyd2>{DAY}))?(?:{S}of)?{S}"
    rf"(?P<dmym>{MONTH}){_ABBR_DOT}(?:,?{S}(?P<dmyy>{YEAR}))?)",
    # November 2020, September of 2023
    rf"(?P<my>(?P<mym>{MONTH})\.?,?{S}(?:of{S})?(?P<myy>{YEAR}))",
    # 9 a.m., 10:35, noon, with zone and day
    rf"(?P<clk>(?:(?P<ch>\d{{1,2}})(?:[:.](?P<cm>[0-5]\d))?{S0}(?P<cap>[ap])\.?{S0}m\b\.?"
    rf"|(?P<ch2>[01]?\d|2[0-3]):(?P<cm2>[0-5]\d)(?![\d:])|(?P<cnoon>noon|midnight|midday)(?!\w))"
    rf"(?:{S0}(?P<ctz>{TZ}|local{S}time))?(?:,?{S}(?:on{S})?(?P<cday>(?P<cdw>{WEEKDAY})"
    rf"|(?P<cdx>today|yesterday|tomorrow)(?!\w)|(?P<cdm>{MONTH})\.?{S0}(?P<cdd>{DAY})(?:,{S0}(?P<cdy>{YEAR}))?))?)",
    # Thursday night, this morning, last night
    rf"(?P<dp>(?:(?P<dprel>last|next|this|coming){S}(?={WEEKDAY}))?"
    rf"(?P<dpd>today|yesterday|tomorrow|this|last|{WEEKDAY})(?:'s)?{S}"
    r"(?P<pod>morning|afternoon|evening|night)(?!\w))",
    # the third quarter [of 1989], third-quarter, Q3 2023
    rf"(?P<qtr>(?:the{S})?(?:(?P<qrel>this|last|next){S}year's{S})?(?:(?P<qy1>{YEAR}){S})?(?:fiscal{S})?(?P<qord>first|second|third|fourth"
    rf"|1st|2nd|3rd|4th)[-\s]+(?:fiscal{S})?quarter(?!\w)(?:{S}of{S}(?:fiscal{S})?(?P<qy2>{YEAR}))?"
    rf"|(?:(?P<qy4>{YEAR}){S})?Q(?P<qn>[1-4])(?:{S0}(?P<qy3>{YEAR}))?(?!\w))",
    # the first half [of 2023]
    rf"(?P<half>(?:the{S})?(?:(?P<hy1>{YEAR}){S})?(?P<hord>first|second){S}half"
    rf"(?:{S}of{S}(?:the{S}year|(?P<hy2>{YEAR})))?(?!\w))",
    # year-earlier [quarter], year-ago
    rf"(?P<yago>(?:the{S})?(?P<yagou>year|month)[-\s](?:earlier|ago)(?!\w)"
    r"(?:[^\S\n]+(?:(?:first|second|third|fourth)[-\s])?(?:quarter|period|level|month|year)s?(?!\w))?)",
    # 35 years ago, a day later, years earlier
    rf"(?P<ago>(?:(?P<agon>{NUM})[\s-]+)?(?P<agou>{UNIT})(?P<agopl>s)?(?:{S}or{S}(?:so|two|more))?{S}"
    rf"(?P<agod>ago|earlier|later|from{S}now|hence|back|before(?=\s*[,.;)])"
    r"|after(?=\s*[,.;)]))(?!\w))",
    # the day before yesterday, the next morning, the day after,
    rf"(?P<rday>(?:the{S})?day{S}(?P<rdx>before{S}yesterday|after{S}tomorrow)(?!\w)"
    rf"|(?:the{S})?(?P<rdn>next|following|previous|preceding){S}(?P<rdpod>morning|afternoon|evening|night)(?!\w)"
    rf"|(?:the{S})?day{S}(?P<rdd>before|after)(?=\s*[,.;)]))",
    # last year, the past three years, the following day, this week, recent months
    rf"(?P<rel>(?P<reldet>(?:(?:the|this|that|these|those|last|next|coming|past|previous|following"
    rf"|current|same|latest|recent|upcoming|preceding|prior|ensuing|first|final|remaining|entire"
    rf"|whole|full|fiscal|early|further){S})+)(?:(?P<reln>{NUM})[\s-]+)?(?P<relu>{UNIT}|period)"
    r"(?P<relpl>s)?(?![\w-]))",
    # three decades, 24-hour, decades-long, 44-year-old
    rf"(?P<dur>(?P<durn>{NUM})(?:{S}(?:more|additional|full|straight|consecutive|long|extra"
    rf"|further|trading|business|working))?[\s-]+(?P<duru>{UNIT})(?P<durpl>s)?(?P<durtail>-long|-old)?(?!\w|-\w)"
    rf"|(?P<durb>{PLURAL_UNITS})(?P<durbl>-long|-old)?(?![\w])"
    r"|(?P<durs>day|night|week|month|year|hour)-long(?![\w]))",
    # every year, each July, daily, twice a year
    rf"(?P<set>(?:every|each){S}(?:(?P<setn>other|{NUM}){S})?(?P<setu>{UNIT}|{WEEKDAY}|{MONTH}"
    r"|morning|afternoon|evening|night)(?P<setpl>s)?(?![\w])"
    r"|(?P<setadv>daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly"
    r"|biannually|semiannually)(?![\w])"
    rf"|(?P<setf>once|twice|thrice|{NUM}{S}times){S}(?:a|an|per|each|every){S}(?P<setfu>{UNIT})(?![\w]))",
    # the 1990s, the '90s, the nineties
    r"(?P<dec>(?:the" + S + r")?(?:(?P<decy>1[5-9]\d0|20\d0)'?s|'(?P<decs>\d0)s"
    r"|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w]))",
    # the 20th century
    rf"(?P<cent>(?:the{S})?(?:(?P<centn>\d{{1,2}})(?:st|nd|rd|th)|(?P<centw>eighteenth|nineteenth"
    rf"|twentieth|twenty-first)){S}century(?!\w))",
    # Christmas, New Year's Day, Thanksgiving [2023], Christmas Day in 2015
    rf"(?P<hol>(?P<holn>christmas(?:{S}(?:day|eve))?|new{S}year'?s(?:{S}(?:day|eve))|halloween"
    rf"|valentine'?s{S}day|thanksgiving(?:{S}day)?)(?!\w)(?:,?{S}(?:(?:in|of){S})?(?P<holy>{YEAR}))?)",
    # last summer, the winter of 1994
    rf"(?P<sea>(?:(?P<sear>last|next|this|coming|past|the|that){S})?(?P<sean>spring|summer|autumn"
    rf"|fall|winter)(?![\w])(?:,?{S}(?:of{S})?(?P<seay>{YEAR}))?)",
    # Thursday, last Tuesday, Friday's
    rf"(?P<wd>(?:(?:the{S}(?=previous|following|preceding|next|coming))?(?P<wdr>last|next|this|coming|past|previous|following|preceding){S})?(?P<wdn>{WEEKDAY})(?:'s)?(?![\w]))",
    # September, last November
    rf"(?P<mon>(?:(?P<monr>last|next|this|coming|past|that){S})?(?P<monn>{MONTH}))",
    # nineteen ninety-six, two thousand and three
    rf"(?P<yrw>nineteen{S}(?P<yrwt>{_TENS})(?:[-\s](?P<yrwu>{_SMALL}|one))?"
    rf"|two{S}thousand(?:{S}and)?(?:{S}(?P<yrwk>{_TEENS}|{_SMALL}))?)(?![\w-])",
    # year-end, the year's end
    rf"(?P<yend>(?:the{S})?year(?:[-\s]|'s{S})end(?!\w))",
    # 2020, fiscal 1989, post-1959
    rf"(?P<yr>(?:(?P<yrf>fiscal|FY){S0})?(?:(?P<yrpp>post|pre)-)?(?P<yrv>{YEAR})(?!%|-\d))",
    # now, today, recently, the future
    r"(?P<dei>(?P<deiw>today|tonight|yesterday|tomorrow|now|nowadays|currently|presently|recently"
    r"|lately|soon|current|recent)(?![\w-]|'(?!s\b))"  # "today's editions" is still "today"
    rf"|(?P<deip>at{S}present|these{S}days|the{S}(?:(?:near|distant|foreseeable|immediate){S})?future"
    rf"|the{S}past)(?![\w]))",
]

MASTER = re.compile(r"(?<!\w)" + _Q + _PRE + "(?:" + "|".join(_ALTERNATIVES) + ")", re.I)

# Words that can begin an expression; every other token is skipped without trying MASTER.
STARTERS: frozenset[str] = frozenset(
    set(lx.MONTHS) | set(lx.WEEKDAYS) | set(lx.SEASONS) | set(lx.NUMBER_WORDS) | lx.VAGUE_NUMBERS
    | {
        "the", "this", "that", "these", "those", "last", "next", "coming", "past", "previous",
        "following", "current", "same", "latest", "recent", "upcoming", "preceding", "prior",
        "ensuing", "first", "final", "remaining", "entire", "whole", "full", "fiscal", "fy",
        "further", "early", "late", "mid", "middle", "earlier", "later", "end", "close",
        "beginning", "start", "very", "about", "around", "approximately", "roughly", "nearly",
        "almost", "more", "less", "fewer", "at", "up", "no", "every", "each", "once", "twice",
        "thrice", "daily", "weekly", "monthly", "annually", "yearly", "nightly", "hourly",
        "biweekly", "biannually", "semiannually", "today", "tonight", "yesterday",
        "tomorrow", "now", "nowadays", "currently", "presently", "recently", "lately", "soon",
        "christmas", "new", "halloween", "valentine", "valentines",
        "thanksgiving", "noon", "midnight", "midday", "post", "pre", "q", "year", "month", "day", "night",
        "seconds", "minutes", "hours", "days", "nights", "weeks", "months", "years", "decades",
        "centuries", "second", "minute", "hour", "week", "weekend", "fortnight", "quarter",
        "decade", "century", "season", "twenties", "thirties", "forties", "fifties", "sixties",
        "seventies", "eighties", "nineties", "eighteenth", "nineteenth", "twentieth", "'",
        "numerous", "dozens", "hundreds", "thousands", "single", "third", "fourth",
    }
)

TOKEN = re.compile(r"[A-Za-z]+|\d+|'(?=\d)")
