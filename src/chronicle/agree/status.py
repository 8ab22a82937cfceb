"""Deciding a provision's status from the wording of the sentence that mentions it.

A *cue* is a word or phrase that states where a provision stands ("remained unresolved",
"accepted", "will release", "the draft includes", "is demanding"). Cues are looked for first
in the clause that names the provision, then in the whole sentence, and when several apply the
strongest wins (see :data:`STATUS_ORDER`): "accepted Azerbaijan's proposals" is an acceptance,
not a proposal. Negation turns an agreement into an open issue ("failed to agree").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Progress order, weakest first. Used to pick among competing cues and to order same-day
# entries: a provision reported both as open and as settled on one day was open first.
STATUS_ORDER: tuple[str, ...] = (
    "proposed", "in draft", "disputed", "unresolved", "agreed", "signed", "implemented", "violated",
)
RANK: dict[str, int] = {s: i for i, s in enumerate(STATUS_ORDER)}
OPEN_STATUSES: frozenset[str] = frozenset({"disputed", "unresolved"})


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    start: int  # offsets into the text that was classified
    end: int
    text: str
    demand: bool = False  # a demand/expectation: the actor before it is the one who demands


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Agreement nouns: the subject of "includes/proposes" that makes a provision part of a draft.
AGREEMENT_NOUN = _c(r"\b(?:draft|text|treaty|agreement|deal|accord|document|declaration|statement)s?\b")

_NEGATION = _c(
    r"\b(?:not|never|no|yet to|failed to|fail to|fails to|without|refused to|refuse to)\b(?:\s+\w+){0,2}\s*$"
)
_MODAL = _c(
    r"\b(?:will|would|shall|should|could|can|may|might|must|to|hope[sd]?|plan(?:s|ned)?)\s+"
    r"(?:\w+\s+){0,1}(?:be\s+)?$"
)
_PRIOR = _c(r"\b(?:previously|formerly|once|earlier)\s+$")

# (status, pattern, is_demand). Order inside a status does not matter.
_CUES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # Only breaches of an agreement count: "rights violations" are not a violated provision.
    ("violated", _c(
        r"\b(?:violat(?:ed|es|ing|ions?)|breach(?:ed|es|ing)?|broke)\b(?=[^.;]{0,40}?\b(?:ceasefire|cease-fire|truce|"
        r"agreement|deal|accord|treaty|terms|commitments?|provisions?)\b)|"
        r"\b(?:ceasefire|cease-fire|truce|agreement|deal|accord|treaty)s?\b[^.;]{0,30}?\b(?:violat(?:ed|ions?)|breach(?:ed|es)?)\b"),
     False),
    ("signed", _c(r"\b(?:signed|inked)\b"), False),
    ("implemented", _c(
        r"\b(?:implemented|entered into force|came into (?:force|effect)|took effect|carried out|fulfilled|"
        r"exchanged|released|freed|repatriated|handed over|reopened|opened|unblocked|withdrew|withdrawn|"
        r"demarcated|delimited|deployed|established|set up|amended|dropped)\b"
        # "released a video/statement": a publication, not a release of people.
        r"(?!\s+(?:a |an |the |its |their |new )?(?:\w+ )?(?:video|statement|footage|recording|report|images?|"
        r"photos?|photographs?|list|names|details|figures|data|audio|message|clip|document)s?\b)"), False),
    ("agreed", _c(
        r"\b(?:agreed|agrees|agree|agreeing|accepted|accepts|accepting|concluded|finali[sz]ed|wrapped up|"
        r"settled|approved|initial(?:l)?ed|committed to|pledged|ready for signing|"
        r"reached (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord|consensus|understanding)|"
        r"(?:was|were|has been|have been|had been) reached)\b"), False),
    # A stated future action of a party is a commitment (PLOVER: future cooperative acts are AGREE).
    ("agreed", _c(
        r"\b(?:will|shall) (?:also )?(?:be )?(?:exchange|release|free|open|reopen|unblock|withdraw|return|"
        r"establish|demarcate|delimit|deploy|amend|drop|recogni[sz]e|respect|set up|create|"
        r"exchanged|released|freed|opened|withdrawn|returned|established)\b|"
        r"\b(?:is|are) (?:exchanging|releasing|freeing|opening|withdrawing|returning)\b"), False),
    ("disputed", _c(
        r"\b(?:disagreements?|disagree(?:d|s)?|disputes?|disputed|contested|contention|contentious|at odds|"
        r"objections?|objected|objects to|opposes|opposed|rejects|rejected|refused|refuses|"
        r"resist(?:s|ed|ing)?|"
        r"differences (?:over|on|about|remain))\b"), False),
    ("unresolved", _c(
        r"\b(?:unresolved|outstanding|unsettled|remain(?:s|ed)? (?:open|unclear|pending)|pending|"
        r"not (?:yet )?(?:been )?(?:resolved|settled|agreed)|sticking points?|stumbling blocks?|"
        r"(?:key|main|remaining|major|thorny|open|contentious|central) "
        r"(?:issues?|points?|questions?|obstacles?)|"
        r"failed to (?:agree|reach)|no (?:agreement|consensus)|yet to be (?:agreed|resolved|settled))\b"),
     False),
    ("in draft", _c(
        r"\b(?:includes?|including|contains?|provides? for|addresses|envisages?|stipulates?|proposes|"
        r"foresees|"
        r"calls for|covers|sets out|would (?:establish|create|include|require))\b"), False),
    ("proposed", _c(
        r"\b(?:demand(?:s|ed|ing)?|insist(?:s|ed|ing)?|expects?|expected|expecting|expectations?|"
        r"calls? on|called on|urg(?:es|ed|ing)|push(?:es|ed|ing)? for)\b"), True),
    ("proposed", _c(
        r"\b(?:propos(?:e|es|ed|ing|als?)|suggest(?:s|ed|ing|ions?)?|offer(?:s|ed|ing)?|"
        r"hope[sd]? to|intend(?:s|ed)?|intention|aim(?:s|ed)? (?:to|at)|seek(?:s|ing)?|"
        r"(?:work|works|worked|working|move|moves|moving) towards?|wants? to|plans? to|plans)\b"), False),
)

# Clause boundaries: a provision's own clause is searched before the whole sentence.
_CLAUSE_BREAK = _c(r";|,?\s+but\s+|,\s+and\s+|,\s+while\s+|,\s+whereas\s+|\s+while\s+")


def find_cues(text: str) -> list[Cue]:
    """Every status cue in ``text`` after negation and modality are taken into account."""
    cues: list[Cue] = []
    for status, pattern, demand in _CUES:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 40):m.start()]
            word = m.group(0)
            if _PRIOR.search(before):
                continue  # "previously unresolved": describes a past state, not the news
            final = status
            promise = word.lower().startswith(("will", "shall"))
            if status in ("agreed", "signed", "implemented") and not promise:
                if _NEGATION.search(before):
                    if status != "agreed":
                        continue  # "has not been signed": says nothing positive
                    final = "unresolved"
                elif status != "agreed" and _MODAL.search(before):
                    continue  # "to be signed", "will be opened": not done yet
            if status == "in draft" and not AGREEMENT_NOUN.search(text[:m.start()]):
                continue  # "includes" describes a draft only with an agreement as its subject
            cues.append(Cue(final, m.start(), m.end(), word, demand))
    return sorted(cues, key=lambda c: (c.start, -RANK[c.status]))


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence."""
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(text):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(text))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


def strongest(cues: list[Cue]) -> Cue | None:
    """The cue with the most advanced status (earliest on ties), or None."""
    if not cues:
        return None
    return max(cues, key=lambda c: (RANK[c.status], -c.start))


def status_for(text: str, start: int, end: int, cues: list[Cue]) -> Cue | None:
    """The cue that decides the status of the provision named at ``text[start:end]``."""
    for c_start, c_end in clauses(text):
        if c_start <= start < c_end:
            own = [c for c in cues if c_start <= c.start < c_end]
            if own:
                return strongest(own)
            break
    return strongest(cues)
