"""A small English verb inflector for chronicle's own headlines and briefing sentences: third
person present, past tense and past participle from a lemma (regular spelling rules plus an
irregular table), and the way back from a headline's verb form to its lemma.

British spelling, like the rest of chronicle's wording: "cancelled", "signalled"."""

from __future__ import annotations

_VOWELS = frozenset("aeiou")

# lemma -> (past, past participle). Prefixed forms (withdraw, rebuild, uphold) are found through
# _PREFIXES; entries here win over the prefix rule ("relay" is no re-lay).
_IRREGULAR: dict[str, tuple[str, str]] = {
    "arise": ("arose", "arisen"), "be": ("was", "been"), "bear": ("bore", "borne"),
    "beat": ("beat", "beaten"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bid": ("bid", "bid"), "bind": ("bound", "bound"), "blow": ("blew", "blown"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "burst": ("burst", "burst"), "buy": ("bought", "bought"), "cast": ("cast", "cast"),
    "catch": ("caught", "caught"), "choose": ("chose", "chosen"), "come": ("came", "come"),
    "cost": ("cost", "cost"), "cut": ("cut", "cut"), "deal": ("dealt", "dealt"),
    "do": ("did", "done"), "draw": ("drew", "drawn"), "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"), "fall": ("fell", "fallen"), "feel": ("felt", "felt"),
    "fight": ("fought", "fought"), "find": ("found", "found"), "flee": ("fled", "fled"),
    "fly": ("flew", "flown"), "forbid": ("forbade", "forbidden"), "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"), "get": ("got", "got"),
    "give": ("gave", "given"), "go": ("went", "gone"), "grow": ("grew", "grown"),
    "hang": ("hung", "hung"), "have": ("had", "had"), "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"), "hit": ("hit", "hit"), "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lay": ("laid", "laid"), "lead": ("led", "led"), "leave": ("left", "left"),
    "lend": ("lent", "lent"), "let": ("let", "let"), "lie": ("lay", "lain"),
    "lose": ("lost", "lost"), "make": ("made", "made"), "mean": ("meant", "meant"),
    "meet": ("met", "met"), "pay": ("paid", "paid"), "put": ("put", "put"),
    "quit": ("quit", "quit"), "read": ("read", "read"), "relay": ("relayed", "relayed"),
    "ride": ("rode", "ridden"), "ring": ("rang", "rung"), "rise": ("rose", "risen"),
    "run": ("ran", "run"), "say": ("said", "said"), "see": ("saw", "seen"),
    "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "shoot": ("shot", "shot"),
    "show": ("showed", "shown"), "shut": ("shut", "shut"), "sink": ("sank", "sunk"),
    "sit": ("sat", "sat"), "speak": ("spoke", "spoken"), "spend": ("spent", "spent"),
    "split": ("split", "split"), "spread": ("spread", "spread"), "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"), "stick": ("stuck", "stuck"), "strike": ("struck", "struck"),
    "swear": ("swore", "sworn"), "take": ("took", "taken"), "teach": ("taught", "taught"),
    "tear": ("tore", "torn"), "tell": ("told", "told"), "think": ("thought", "thought"),
    "throw": ("threw", "thrown"), "understand": ("understood", "understood"),
    "wake": ("woke", "woken"), "wear": ("wore", "worn"), "win": ("won", "won"),
    "write": ("wrote", "written"),
}
_PREFIXES = ("with", "under", "over", "up", "out", "mis", "fore", "re")
_THIRD: dict[str, str] = {"be": "is", "have": "has", "do": "does", "go": "goes"}
# Stressed final syllables that double their consonant: admit -> admitted, occur -> occurred.
_DOUBLING_ENDINGS = ("mit", "cur", "fer", "pel", "trol", "gret", "quip", "nap", "bed", "bet", "ter")
_NOT_DOUBLING = frozenset({"offer", "suffer", "differ", "enter", "alter", "master", "counter", "monitor",
                           "register", "shelter", "render", "matter", "scatter", "batter", "flatter",
                           "muster", "bolster", "foster", "administer", "minister", "water", "filter",
                           "encounter", "deliver", "gather", "consider", "answer", "cater", "lower",
                           "order", "weather", "wonder", "limit", "vomit", "summit", "visit"})
_BE_FORMS = {"is": "be", "are": "be", "was": "be", "were": "be", "has": "have", "does": "do", "goes": "go"}


def _irregular(lemma: str) -> tuple[str, str] | None:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    for prefix in _PREFIXES:
        rest = lemma[len(prefix):]
        if lemma.startswith(prefix) and rest in _IRREGULAR and len(rest) >= 3:
            past, part = _IRREGULAR[rest]
            return prefix + past, prefix + part
    return None


def _syllables(word: str) -> int:
    groups, previous = 0, False
    for ch in word:
        vowel = ch in _VOWELS or ch == "y"
        groups += vowel and not previous
        previous = vowel
    return groups


def _doubles(lemma: str) -> bool:
    """Whether the final consonant doubles before -ed/-ing: stop, ban, admit, control, cancel."""
    if len(lemma) < 3 or lemma in _NOT_DOUBLING:
        return False
    last, mid, before = lemma[-1], lemma[-2], lemma[-3]
    if last in _VOWELS or last in "wxy" or mid not in _VOWELS or before in _VOWELS:
        return False
    if last == "l":
        return True  # British: cancelled, signalled, controlled, labelled
    if _syllables(lemma) == 1:
        return True
    return lemma.endswith(_DOUBLING_ENDINGS)


def third_person(lemma: str) -> str:
    """release -> releases, deny -> denies, push -> pushes, go -> goes."""
    if lemma in _THIRD:
        return _THIRD[lemma]
    head, sep, tail = lemma.partition(" ")  # "call on" -> "calls on"
    if sep:
        return f"{third_person(head)} {tail}"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def _regular_ed(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        return lemma[:-1] + "ied"
    if lemma.endswith("c"):
        return lemma + "ked"  # panic -> panicked
    if _doubles(lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _ed_form(lemma: str, irregular_index: int) -> str:
    """The past (index 0) or participle (index 1) of a verb; a phrasal verb inflects its head."""
    head, sep, tail = lemma.partition(" ")
    if sep:
        return f"{_ed_form(head, irregular_index)} {tail}"
    irregular = _irregular(lemma)
    return irregular[irregular_index] if irregular else _regular_ed(lemma)


def past(lemma: str) -> str:
    """meet -> met, withdraw -> withdrew, release -> released, stop -> stopped."""
    return _ed_form(lemma, 0)


def participle(lemma: str) -> str:
    """exchange -> exchanged, take -> taken, withdraw -> withdrawn."""
    return _ed_form(lemma, 1)


def lemma_of_third_person(word: str) -> str:
    """The way back from a third person form: releases -> release, denies -> deny,
    pushes -> push, goes -> go. A form that is not third person is returned as it is."""
    low = word.lower()
    if low in _BE_FORMS:
        return _BE_FORMS[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]  # "releases" -> "release"; "focuses" -> "focuse" still gives "focused"
    return low


def is_participle(word: str) -> bool:
    """Whether a word looks like a past participle: regular -ed, or an irregular one."""
    low = word.lower()
    if low.endswith("ed") and len(low) > 3:
        return True
    return low in _PARTICIPLES


_PARTICIPLES = frozenset(
    {part for _, part in _IRREGULAR.values() if part not in {"come", "become", "run", "beat", "set", "put", "cut",
                                                           "hit", "let", "read", "bid", "cast", "cost", "quit",
                                                           "shut", "split", "spread", "burst", "hurt"}}
    | {prefix + part for prefix in _PREFIXES for _, part in _IRREGULAR.values() if len(part) >= 4}
)
