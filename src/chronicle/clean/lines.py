"""Line-level signals for telling article prose from page chrome in already-extracted text.

Every test here is a general property of a line (length, punctuation, capitalisation,
vocabulary of navigation and calls to action, script), never a list of known pages' lines.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from chronicle.clean.dates import is_date_line

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…。！？][\"”’»)\]」』]*\s*$|[\"”»」』]\s*$")
# Link-free ways sites repeat their navigation as text: "Home | World | Politics", "News › Europe".
_SEPARATORS = re.compile(r"\s[|»›·]\s|\s/\s")
_SPACE_RUN = re.compile(r"[^\S\n]{2,}|\t+")
_BULLET = re.compile(r"\A\s*[•·▪●◦‣∙*\-–]\s+")
_LIST_ITEM = re.compile(r"\A\s*(?:[•·▪●◦‣∙*\-–]|\d{1,2}[.)]|\(?[a-z][.)])\s+")
# Scripts written without spaces between words: a "word" run of these counts as several.
_UNSPACED = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")
_NUMERIC = re.compile(r"\A[\s\d.,:%/+\-–—()]+\Z")
_DOMAIN = re.compile(
    r"\b(?:[a-z0-9][a-z0-9\-]*\.)+"
    r"(?:com|org|net|info|news|eu|ru|uk|am|az|ge|ua|io|co|tv|fm|de|fr|it|es|pl|tr|ir|us|int)\b",
    re.I,
)
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{2,30})\b")

# Words that make up navigation, section labels and widget titles. A short line made only
# of these is chrome wherever it stands.
_NAV_TEXT = """
    menu home news world politics business economy economics sport sports life lifestyle culture
    opinion opinions analysis video videos photo photos gallery galleries podcast podcasts search
    login log sign in up out register subscribe subscription newsletter newsletters trending now
    recommended recommendations skip forward back next previous prev similar related article
    articles story stories latest posts post popular most read more top the in this that category
    categories tags tag topics topic share shares comments comment advertisement advertising ad ads
    sponsored exit mobile version main content to all see also you may like of our contact us
    about privacy policy terms cookie cookies follow editor's editors picks pick breaking live
    continue reading print email facebook twitter telegram whatsapp linkedin instagram youtube x
    reddit rss feed from for and on with by your load view show hide close open toggle navigation
    section sections today's today week month featured feature highlights highlight must
"""
NAV_WORDS: frozenset[str] = frozenset(_NAV_TEXT.split())

# A line that opens a block of end-of-article chrome (related links, comments, footer).
_TRAILING_START = re.compile(
    r"\A(?:recommended(?: for you)?|related(?: articles| stories| posts| news| content| topics)?|"
    r"similar (?:articles|stories|posts)|more (?:from|stories|news|on|in)\b.*|more \w+(?: \w+)?|"
    r"you (?:may|might) also like|"
    r"(?:also )?read (?:more|also|next)|latest (?:posts|news|stories|articles)\b.*|"
    r"most (?:popular|read|viewed|shared|commented)(?: (?:this week|today|now|stories|articles|news))?|"
    r"leave a (?:reply|comment)|\d*\s*comments?|post a comment|add a comment|"
    r"please enter your \w+.*|exit mobile version|share this(?: article| story| post)?|tags?|"
    r"see also|popular (?:posts|stories)|top stories|about the author|what to read next)\W*\Z",
    re.I,
)
# Imperatives that open a call to action; "(?![\-’'])" keeps "Follow-up talks" and the like.
_CTA_START = re.compile(
    r"\A\W*(?:join|follow|subscribe|share|comment|reply|sign up|sign in|log in|click|tap|download|"
    r"like|enter|please|get (?:our|the latest)|register|donate|support us|watch|listen)\b(?![\-’'])",
    re.I,
)
_CTA_ANYWHERE = re.compile(r"\b(?:enter your|sign up for|subscribe to|click here|follow us|join us)\b", re.I)
_READER = re.compile(r"\b(?:you|your)\b", re.I)
_READ_START = re.compile(r"\A\W*(?:read|see|explore|discover|check out)\b(?![\-’'])", re.I)
_PRONOUN = re.compile(r"\b(?:you|your|us|our|it)\b", re.I)
_CREDIT = re.compile(
    r"\A\W*(?:(?:file |main |top |cover )?photo(?:graph)?s?|images?|pictures?|pictured|caption|credits?|"
    r"source|illustration|video|getty images|reuters photo|ap photo)\b\s*(?:by\b|credit\b)?\s*[:|©/]|\A\s*©",
    re.I,
)
_INLINE_BOX = re.compile(r"\A(?:(?:also )?read (?:more|also|next)|see also|also see)\W*\Z", re.I)
_COPYRIGHT = re.compile(r"\A(?:©|\(c\)\s*\d{4}|copyright\b)", re.I)
# A feed item's or teaser card's stamp ending a line: "... Posted on: WWD Posted 4 hours ago",
# "3 mins ago", "14H ago", "12H ago 34 photos", "... over the last year Nov 18" (a card's
# headline and standfirst run on into its date, with no full stop before it).
_FEED_STAMP = re.compile(
    r"(?:\bposted on:.*|\b\d+\s*(?:[smhd]|secs?|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago"
    r"(?:\s+\d+\s+(?:photos|videos|images))?)\s*\Z",
    re.I,
)
# A card's date after its run-on headline and standfirst; only on a long line, so that a short
# heading ending in a date ("Ceasefire agreed on Nov 18") stays article text.
_CARD_DATE = re.compile(
    r"(?<![.!?,;:\d]\s)(?<=[a-z”\"’']\s)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}"
    r"(?:\s+\d+\s+(?:photos|videos|images))?\s*\Z",
    re.I,
)
_CARD_WORDS_MIN = 12
# "Photo by Jane Roe/Agency", "Image courtesy of X": a credit line
_BY_CREDIT = re.compile(
    r"\A\W*(?:photo(?:graph)?s?|images?|pictures?|video)\s+(?:by|courtesy(?:\s+of)?|via)\s+\S", re.I
)
_CARD_WORDS = 6  # the words a flattened teaser card repeats
_MAX_CREDIT_WORDS = 12
# Glued menus: at least this many lower-to-capital joins, and one in this many words.
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
_MIN_GLUED = 3
_GLUE_RATE = 4
_MAX_CAPTION_WORDS = 60
_CAPTION_CREDIT = re.compile(r"\((?:[^()/]{2,40}/[^()]{2,40}|(?:photo|image|file)\b[^()]{0,40})\)\s*\Z", re.I)
# A caption's sentence, then its credit with no full stop: a few capitalised words, with an
# agency after a slash or "via" ("Sanjeev Verma/Hindustan Times via Getty Images", "Berkeley Earth").
_NAME_WORD = r"(?:[A-Z][\w.'’\-]*|de|van|von|al|bin|da|di|la|le)"
_TRAILING_CREDIT = re.compile(
    rf"(?<=[a-z]{{3}})[.!?]\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}(?:\s*/\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?"
    rf"(?:\s+(?:via|for)\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})?(?<=[^\W\d_])\s*\Z"
)
_COOKIE = re.compile(
    r"\b(?:we use cookies|cookie (?:policy|settings|preferences|consent|notice)|accept (?:all )?cookies|"
    r"use of cookies|this (?:site|website) uses cookies)\b",
    re.I,
)
_BYLINE = re.compile(
    r"\A\s*(?:(?:written\s+|posted\s+|reported\s+)?by\b|(?:author|writer|reporter)s?\s*:)(?P<name>.*)\Z", re.I
)
# A wire story's closing credits: "Reporting by Jane Doe in Kyiv; Editing by John Roe".
_WIRE_CREDIT = re.compile(
    r"\A\W*(?:(?:additional |further )?reporting|writing|editing|compiled|produced)\s+by\s+[A-Z]", re.I
)
# Related-story teasers; they may be glued inside a line of article text.
TEASER = re.compile(
    r"(?:other topics of interest|"
    r"(?:related|read more|read also|see also|also read|recommended|more on this)\s*:|"
    r"\balso on (?:[a-z0-9\-]+\.)+[a-z]{2,})",
    re.I,
)


class Kind(Enum):
    """How much a line looks like article text."""

    PROSE = "prose"  # a real paragraph: long, or a full sentence of some length
    SENTENCE = "sentence"  # a short paragraph ending like a sentence ("He said so.")
    SHORT = "short"  # anything else: headings, labels, headlines, names


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def word_count(line: str) -> int:
    """Words, counting a run of Chinese/Japanese/Korean/Thai text as one word per ~3 characters."""
    count = 0
    for token in words(line):
        unspaced = len(_UNSPACED.findall(token))
        count += max(1, unspaced // 3) if unspaced > len(token) // 2 else 1
    return count


def normalize(line: str) -> str:
    """Case- and punctuation-insensitive form, for comparing lines with each other and the title."""
    return " ".join(w.lower() for w in words(line))


def repeats_title(line: str, title: str) -> bool:
    """The line is the title, or a run of at least three of its words (a caption, a kicker)."""
    norm, title_norm = normalize(line), normalize(title)
    if not norm or not title_norm:
        return False
    return norm == title_norm or (len(norm.split()) >= 3 and f" {norm} " in f" {title_norm} ")


def title_case_share(tokens: list[str]) -> float:
    """Share of words that start with a capital letter (or digit): high for headlines and menus."""
    if not tokens:
        return 0.0
    return sum(1 for w in tokens if w[0].isupper() or w[0].isdigit()) / len(tokens)


def kind(line: str) -> Kind:
    tokens = words(line)
    n = word_count(line)
    terminal = bool(_TERMINAL.search(line))
    if n >= 20 or (n >= 12 and terminal):
        return Kind.PROSE
    if n >= 4 and terminal and title_case_share(tokens) < 0.6:
        return Kind.SENTENCE
    return Kind.SHORT


def is_nav(line: str) -> bool:
    """A short line made only of navigation vocabulary ("Menu", "Trending Now", "Skip Forward")."""
    tokens = [w.lower() for w in words(line)]
    return 0 < len(tokens) <= 6 and all(w in NAV_WORDS for w in tokens)


def is_inline_box(line: str) -> bool:
    """A "Read more" / "See also" label: a box that may stand inside the article as well as after it."""
    return bool(_INLINE_BOX.match(line.strip()))


def is_trailing_start(line: str) -> bool:
    """A widget title after which the rest of the page is chrome ("Recommended", "Leave A Reply"),
    or a wire story's closing credits."""
    stripped = line.strip()
    if len(words(line)) <= 15 and _COPYRIGHT.match(stripped):
        return True  # "© 2019 CBS Interactive Inc. All Rights Reserved.": the page's footer
    return (len(words(line)) <= 8 and bool(_TRAILING_START.match(stripped))) or is_wire_credit(line)


def is_cta(line: str) -> bool:
    """A call to action: follow/subscribe/share/comment prompts."""
    tokens = words(line)
    if len(tokens) > 30:
        return False
    if _CTA_ANYWHERE.search(line) and len(tokens) <= 20:
        return True
    addressed = bool(_PRONOUN.search(line)) or bool(_HANDLE.search(line))
    if line.rstrip().endswith("?") and _READER.search(line) and len(tokens) <= 15:
        return True  # a question to the reader: "How did you feel about the content of this article?"
    if _READ_START.match(line) and len(tokens) <= 10:
        return True  # "Read RFA coverage of these topics in Burmese."
    return bool(_CTA_START.match(line)) and (len(tokens) <= 6 or addressed)


def repeats_itself(line: str) -> bool:
    """A flattened teaser card: its opening words come again later in the same line ("Business
    Stocks edge down as retailers sink Business Stocks edge down as retailers sink ...")."""
    tokens = [w.lower() for w in words(line)]
    head = tokens[:_CARD_WORDS]
    if len(head) < _CARD_WORDS:
        return False
    return any(tokens[i : i + _CARD_WORDS] == head for i in range(_CARD_WORDS, len(tokens) - _CARD_WORDS + 1))


def is_credit(line: str) -> bool:
    """A photo credit or caption label ("Photo: …", "Source: …"), or a caption that ends in its
    credit ("... in Amman, Jordan. May 19, 2022 (OSESGY/Alaa Malhas)", "... this week. Jane
    Roe/Agency via Getty Images")."""
    return (
        bool(_CREDIT.match(line))
        or bool(_CAPTION_CREDIT.search(line))
        or (bool(_TRAILING_CREDIT.search(line)) and len(words(line)) <= _MAX_CAPTION_WORDS)
        or (bool(_BY_CREDIT.match(line)) and len(words(line)) <= _MAX_CREDIT_WORDS)
    )


def is_glued_menu(line: str) -> bool:
    """Menu items flattened without spaces ("HomeNewsBusinessMarkets", "Company TownTelevision"):
    many word boundaries where a lower-case letter meets a capital. Prose has a few ("iPad",
    "McKinley"), never one in four words."""
    glued = len(_GLUED.findall(line))
    return glued >= _MIN_GLUED and glued * _GLUE_RATE >= len(words(line))


def is_wire_credit(line: str) -> bool:
    """A wire story's closing credits ("Reporting by …; Editing by …"): the article ends there."""
    return len(words(line)) <= 30 and bool(_WIRE_CREDIT.match(line))


def is_cookie_notice(line: str) -> bool:
    return bool(_COOKIE.search(line))


def is_numeric(line: str) -> bool:
    """Counters, percentages, scores: digits and punctuation only."""
    return bool(_NUMERIC.match(line))


def is_short_bullet(line: str) -> bool:
    """A bullet item too short to be a sentence: a list of platforms, tags or links."""
    return bool(_BULLET.match(line)) and len(words(line)) <= 3 and not _TERMINAL.search(line)


def is_list_item(line: str) -> bool:
    """An item of a list in the article ("• Both sides withdraw troops from the border")."""
    return bool(_LIST_ITEM.match(line)) and len(words(line)) >= 4


def is_separated_nav(line: str) -> bool:
    """A breadcrumb or menu flattened to text: several short items between separators."""
    parts = [p for p in re.split(r"\s[|»›·/]\s", line) if p.strip()]
    if len(_SEPARATORS.findall(line)) >= 2 and all(len(words(p)) <= 4 for p in parts):
        return True
    # A menu whose links were joined with runs of spaces: "News  Politics  War  Video".
    spaced = [p for p in _SPACE_RUN.split(line.strip()) if p]
    return len(spaced) >= 3 and not _TERMINAL.search(line) and all(
        len(words(p)) <= 3 and p[:1].isupper() for p in spaced
    )


def byline_name(line: str) -> str | bool | None:
    """For a byline ("Written by Jane Doe", "By"): the author's name, None for a bare "By";
    False when the line is not a byline at all."""
    m = _BYLINE.match(line)
    if not m:
        return False
    name = m.group("name").strip(" :,-–—|")
    tokens = words(name)
    if not tokens:
        return None
    if len(tokens) > 6 or any(ch.isdigit() for ch in name):
        return False  # "By 2030 the two states ..." is a sentence, not a byline
    particles = {"de", "van", "von", "der", "al", "bin", "da", "di", "le", "la", "and"}
    if not all(w[0].isupper() or w.lower() in particles for w in tokens):
        return False
    return name


def chrome_reason(line: str) -> str | None:
    """Why a line is page chrome wherever it stands, or None when it may be article text."""
    stripped = line.strip()
    if is_cookie_notice(stripped):
        return "cookie"
    if is_credit(stripped) or is_wire_credit(stripped):
        return "credit"
    if is_cta(stripped):
        return "cta"
    if TEASER.match(stripped) or repeats_itself(stripped) or _FEED_STAMP.search(stripped):
        return "teaser"
    if len(words(stripped)) >= _CARD_WORDS_MIN and _CARD_DATE.search(stripped):
        return "teaser"
    if is_glued_menu(stripped):
        return "nav"
    if kind(stripped) is Kind.PROSE:
        return None
    if is_trailing_start(stripped) or is_nav(stripped):
        return "nav"
    if is_date_line(stripped):
        return "date"
    if is_numeric(stripped):
        return "numeric"
    if is_short_bullet(stripped) or is_separated_nav(stripped):
        return "list"
    if byline_name(stripped) is not False:
        return "byline"
    return None


def script_of(text: str) -> str | None:
    """The dominant writing system of the letters in ``text`` ("LATIN", "CYRILLIC", ...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = name.split(" ", 1)[0] if name else ""
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def domains(line: str) -> list[str]:
    return [m.group(0) for m in _DOMAIN.finditer(line)]


def handles(line: str) -> list[str]:
    return [m.group(1) for m in _HANDLE.finditer(line)]
