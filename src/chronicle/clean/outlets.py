"""Who published a page and who supplied its copy: a readable outlet name and the wire agency.

The outlet is, in this order: the name the page gives itself (``og:site_name``, a title
suffix, or the site's name written in the text and spelled like its address: "(MENAFN)" on
menafn.com, "Minority Watch" on minoritywatch.com); else the name of a known outlet, keyed by
registered domain (data/outlets.json); else the registered domain itself ("chinadaily.com.cn",
never a full host such as "english.alarabiya.net"). A hosting or delivery platform's domain
names no outlet. Registered domains come from courlan (the public-suffix list), not from
splitting host names by hand.

The wire agency is kept apart: the agency a text credits for its copy ("KYIV, March 6
(Reuters) -", "-- Xinhua", "19 Mar 2023; AA:", a title ending " – Reuters").
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from courlan import extract_domain

_HEAD_CHARS = 1500  # where a page names its site or its agency: the head of its text
_NAME_WORDS = re.compile(r"[A-Z][A-Za-z0-9]*(?:[ -][A-Z][A-Za-z0-9]*){0,3}")


@cache
def _data() -> dict[str, Any]:
    with resources.files("chronicle").joinpath("data/outlets.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def _agency_pattern() -> re.Pattern[str]:
    names = sorted((n for names in _data()["agencies"].values() for n in names), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # "(Reuters)", "(Xinhua) --", "-- Xinhua", "; AA:", "– Reuters" ending a title
    return re.compile(rf"\((?P<a>{alt})\)|(?:--|—|–)\s*(?P<b>{alt})\b(?![^\S\n]+\w)|(?:^|;\s*)(?P<c>{alt}):\s", re.M)


def registered_domain(url: str | None) -> str | None:
    """"english.alarabiya.net" -> "alarabiya.net"; None for a URL without a host."""
    if not url:
        return None
    # A host outside the public-suffix list (".example", an intranet name) stays whole.
    domain = extract_domain(url) or urlsplit(url).hostname
    return domain.removeprefix("www.") if domain else None


def outlet_name(url: str | None, named: str | None = None, text: str = "") -> str | None:
    """The readable outlet of a page at ``url``: the name the page gives (``named``, or its
    site name written in ``text``), a known outlet's name, else the registered domain."""
    domain = registered_domain(url)
    if named and not _looks_like_address(named):
        return named
    data = _data()
    if domain is None:
        return data["outlets"].get(named.lower().removeprefix("www."), named) if named else None
    hosted = any(domain == h or domain.endswith("." + h) for h in data["hosting"])
    if hosted:
        return None  # "d280gayb62sbv.cloudfront.net" names a server, not a publisher
    in_text = site_name_in_text(text, domain)
    if in_text:
        return in_text
    return data["outlets"].get(domain) or domain


def site_name_in_text(text: str, domain: str) -> str | None:
    """The site's own name in the head of its text, spelled like its address: "MENAFN" on
    menafn.com, "Minority Watch" on minoritywatch.com, "South24" on south24.net."""
    label = domain.split(".", 1)[0].lower()
    if len(label) < 3:
        return None
    for m in _NAME_WORDS.finditer(text[:_HEAD_CHARS]):
        words = m.group().split()
        for n in range(len(words), 0, -1):  # the longest run of the capitalised words
            for i in range(len(words) - n + 1):
                run = " ".join(words[i : i + n])
                if re.sub(r"[^a-z0-9]", "", run.lower()) == label:
                    return run
    return None


def wire_agency(text: str, title: str | None = None) -> str | None:
    """The wire agency the text credits for its copy, by its canonical name, or None."""
    head = (title + "\n" if title else "") + text[:_HEAD_CHARS]
    m = _agency_pattern().search(head)
    if m is None:
        return None
    found = next(g for g in m.groups() if g)
    return next(name for name, aliases in _data()["agencies"].items() if found in aliases)


def strip_credit(title: str | None, names: tuple[str | None, ...]) -> str | None:
    """A title without a trailing credit to its agency or outlet: "..., says EU's Borrell –
    Reuters" -> "..., says EU's Borrell"."""
    if not title:
        return title
    m = re.search(r"\s+[-–—|]\s+([^-–—|]{2,40})\Z", title)
    if m is None:
        return title
    credit = m.group(1).strip().lower()
    agencies = {n.lower() for aliases in _data()["agencies"].values() for n in aliases}
    if credit in agencies or credit in {n.lower() for n in names if n}:
        return title[: m.start()].rstrip()
    return title


def credit_line(body: str, names: tuple[str | None, ...]) -> str | None:
    """The outlet's or agency's name opening ``body`` before a dash or colon ("Minority
    Watch— ...", "AFP - ..."), as a dateline without a place; None when the body opens
    otherwise."""
    head = body.lstrip()
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        m = re.match(re.escape(name) + r"\s*[-–—:]+\s", head, re.I)
        if m is not None:
            return head[: m.end()].rstrip()
    return None


def _looks_like_address(name: str) -> bool:
    return bool(re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", name.strip(), re.I))
