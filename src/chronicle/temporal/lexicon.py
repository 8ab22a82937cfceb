"""Word lists and regex fragments for English time expressions (no behaviour here).

Kept apart from the grammar so the tagger reads as rules, and so a list can be extended
without touching the patterns that use it.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_ABBREVIATIONS = frozenset(k for k in MONTHS if len(k) <= 4 and k not in ("may", "june", "july"))

WEEKDAYS: dict[str, int] = {  # ISO numbering: Monday is 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "couple": 2,
    "single": 1,
}
# Quantities that say "some number of": their TIMEX3 amount is X.
VAGUE_NUMBERS = frozenset({"few", "several", "many", "some", "dozens", "hundreds", "thousands", "numerous"})

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "final": 4,
}

# Unit word (singular, lower case) -> duration unit code used by values.duration.
UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
    "season": "SEASON",
}

# Part of day -> TIMEX3 code.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

# Holidays with a fixed calendar date (month, day).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new years day": (1, 1), "new year's eve": (12, 31),
    "new years eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14),
}

# Words that mark the tense or modality of the clause around an expression. "Future" also
# covers schedules, which point forward from the document date.
FUTURE_WORDS = frozenset({
    "will", "shall", "'ll", "wo", "would", "upcoming", "next", "tomorrow", "scheduled",
    "expected", "slated",
})
# Intentions point forward only as "plans to", "hopes to": "the plan" is a noun.
INTENT_WORDS = frozenset({
    "plans", "plan", "planned", "planning", "hopes", "hope", "hoping", "aims", "aim", "intends",
    "intend", "expects", "expect", "set", "due", "going", "wants", "seeks", "vowed", "promised",
})
# A preposition right before the expression that marks an end point, not a direction.
ENDPOINT_WORDS = frozenset({"to", "until", "till", "through", "by", "before", "from", "between", "and"})
PAST_WORDS = frozenset({
    "said", "told", "was", "were", "had", "did", "ago", "last", "met", "began", "took", "went",
    "came", "made", "held", "fought", "won", "lost", "gave", "saw", "became", "broke", "brought",
    "fell", "found", "got", "kept", "knew", "led", "left", "ran", "sent", "spoke", "stood",
    "struck", "thought", "wrote", "signed", "yesterday", "earlier", "previously", "since",
    "hit", "shot", "cut", "put", "quit", "read", "spent", "sold", "paid", "rose", "grew",
    "sought", "fled", "seized", "killed", "agreed", "reported", "announced",
    # irregular past forms (those spelled like the present, "read", "set", stay out)
    "bought", "caught", "taught", "built", "lent", "meant", "felt", "dealt", "slept", "swept",
    "fed", "heard", "understood", "forgave", "shook", "rode", "drove", "chose",
    "froze", "stole", "woke", "wore", "tore", "swore", "threw", "drew", "flew",
    "blew", "withdrew", "ate", "forgot", "sat", "hid", "stuck", "hung", "swung", "sang",
    "rang", "sank", "drank", "swam", "overtook", "undertook", "mistook", "arose", "sprang",
    "slid", "bent", "shone", "laid", "dug", "overcame", "underwent", "oversaw",
    "foresaw", "rebuilt", "upheld", "withheld", "forbade",
})
PRESENT_WORDS = frozenset({"is", "are", "says", "am", "does"})
# Words ending in -ed that are not past-tense verbs.
NOT_PAST_ED = frozenset({
    "need", "feed", "speed", "proceed", "succeed", "exceed", "indeed", "bed", "seed", "embed",
    "shed", "red", "hundred", "united", "armed", "based", "related", "limited", "detailed",
    "disputed", "unrecognized", "recognized", "recognised", "unrecognised", "populated",
    "called", "so-called", "expected", "scheduled", "planned", "advanced", "concerned", "ed",
    "vowed", "promised",
})
