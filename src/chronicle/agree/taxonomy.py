"""The provision taxonomy: a compact set of categories modelled on PA-X's provision codes.

Each category has a stable key, a label, a one-line definition and trigger patterns: regular
expressions over a sentence that say the sentence *names* that provision. Patterns are kept
narrow on purpose (e.g. bare "peacekeepers" is an actor, not a provision; "deployment of
peacekeepers" is one), because a false provision is worse than a missed one for analysts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProvisionType:
    key: str
    label: str
    definition: str
    patterns: tuple[re.Pattern[str], ...]

    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` that name this provision, in order, overlapping spans merged."""
        spans = sorted({m.span() for p in self.patterns for m in p.finditer(text)})
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def _p(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


_CEASE = (r"(?:cease[- ]?fire|truce|armistice|"
          r"cessation of (?:hostilities|fire|military (?:operations|activities)))")

TAXONOMY: tuple[ProvisionType, ...] = (
    ProvisionType(
        "ceasefire", "Ceasefire",
        "Cessation of hostilities, truce or armistice between the parties.",
        _p(_CEASE, r"\bcease (?:the )?fire\b", r"\bstop (?:the )?(?:fighting|hostilities)\b"),
    ),
    ProvisionType(
        "territorial_integrity", "Territorial integrity and sovereignty",
        "Mutual recognition of, or respect for, each party's sovereignty, territorial integrity "
        "and the inviolability of borders.",
        _p(r"\bterritorial integrity\b", r"\bsovereignty\b", r"\binviolability of (?:the )?borders?\b",
           r"\brecogni[sz]\w* (?:of )?each other'?s?'? (?:borders|territorial integrity|sovereignty)\b"),
    ),
    ProvisionType(
        "territorial_claims", "Renunciation of territorial claims",
        "A party gives up, or is asked to give up, claims to the other's territory.",
        _p(r"\bterritorial claims?\b",
           r"\bclaims? (?:to|on|over) (?:the )?(?:other'?s? |each other'?s? )?territor\w+\b"),
    ),
    ProvisionType(
        "border", "Border delimitation and demarcation",
        "Delimiting and demarcating the common border, border commissions' work on the boundary line.",
        _p(r"\bborder (?:delimitation|demarcation)\b",
           r"\b(?:delimitation|demarcation) of (?:the )?(?:common |state |shared )?borders?\b",
           r"\b(?:delimit|demarcat)\w*\b"),
    ),
    ProvisionType(
        "transport_routes", "Transport and communication routes",
        "Opening or unblocking roads, railways, corridors and other transport and communication links.",
        _p(r"\bcommunication(?:s)? (?:routes|links|lines|channels)\b",
           r"\b(?:land |road |rail(?:way)? )?transport(?:ation)? (?:link|route|corridor|communication)s?\b",
           r"\b(?:road|railway|rail|land) (?:link|connection|route)s?\b", r"\bcorridors?\b",
           r"\bunblock\w* (?:of )?(?:\w+ ){0,3}(?:routes|communications|roads|railways)\b",
           r"\b(?:link|connection|access|route)\b[^.;]{0,60}\bexclave\b"),
    ),
    ProvisionType(
        "prisoners", "Prisoners and detainees",
        "Release or exchange of prisoners of war, detainees, hostages and captured persons.",
        _p(r"\bprisoners?(?: of war)?\b", r"\bPOWs?\b", r"\bdetainees?\b", r"\bhostages?\b", r"\bcaptives?\b",
           r"\b(?:release|releasing|released|free|freed|freeing|repatriat\w+|hand(?:ed|ing)? over)\b"
           r"[^.;]{0,50}?"
           r"\b(?:servicem[ae]n|soldiers|personnel|individuals|detained|captured|civilians|citizens)\b"),
    ),
    ProvisionType(
        "third_party_forces", "Third-party forces and peacekeepers",
        "Deployment, non-deployment or withdrawal of foreign, third-party or peacekeeping forces.",
        _p(r"\bthird[- ]part(?:y|ies) (?:forces|troops|military)\b",
           r"\b(?:non-?)?deploy\w* (?:of )?(?:\w+ ){0,2}"
           r"(?:peacekeep\w*|foreign (?:forces|troops)|third[- ]party)",
           r"\bpeacekeeping (?:force|mission|contingent|troops|operation)s?\b",
           r"\b(?:withdraw\w*|departure|presence) (?:of )?(?:the )?(?:\w+ )?"
           r"(?:peacekeep\w+|foreign (?:forces|troops))\b",
           r"\bforeign (?:military )?(?:bases|troops|forces)\b", r"\bmonitoring mission\b"),
    ),
    ProvisionType(
        "legal_cases", "International legal cases and justice",
        "Inter-state claims before international courts (ICJ, ICC, ECHR, arbitration) and their withdrawal.",
        _p(r"\b(?:legal|court|inter-?state) (?:cases|claims|proceedings|lawsuits|suits)\b",
           r"\binternational (?:judicial|legal|arbitration) "
           r"(?:bodies|instances|institutions|courts|proceedings)\b",
           r"\binternational courts?\b", r"\bInternational Court of Justice\b",
           r"\bInternational Criminal Court\b",
           r"\bEuropean Court of Human Rights\b", r"\b(?:ICJ|ICC|ECHR|ECtHR)\b"),
    ),
    ProvisionType(
        "constitution", "Constitutional change",
        "Amending a party's constitution or founding documents as a condition or part of the agreement.",
        _p(r"\bconstitutional (?:amendments?|changes?|reform|referendum)\b",
           r"\b(?:amend\w*|change\w*|remov\w*|revis\w*)\b[^.;]{0,40}\bconstitution\b",
           r"\bconstitution\b[^.;]{0,20}\b(?:amend\w*|chang\w*|revis\w*)\b"),
    ),
    ProvisionType(
        "implementation_bodies", "Implementation bodies",
        "Commissions, working groups and mechanisms set up to implement the agreement or settle differences.",
        _p(r"\b(?:bilateral|joint|intergovernmental|inter-governmental|border|state|trilateral) "
           r"commissions?\b",
           r"\bworking groups?\b", r"\bimplementation (?:body|bodies|mechanism|committee|commission)s?\b",
           r"\b(?:verification|monitoring|dispute[- ]resolution) mechanisms?\b"),
    ),
    ProvisionType(
        "refugees", "Refugees and displaced people",
        "Return, rights, property and protection of refugees and internally displaced people.",
        _p(r"\brefugees?\b", r"\b(?:internally )?displaced (?:people|persons|population)\b", r"\bIDPs?\b",
           r"\bright (?:of|to) return\b",
           r"\breturn of (?:the )?(?:displaced|refugees|former residents|\w+ residents)\b"),
    ),
    ProvisionType(
        "normalisation", "Normalisation and diplomatic relations",
        "Normalising relations, establishing diplomatic relations, embassies and trust-building measures.",
        _p(r"\bnormali[sz]\w+\b", r"\bdiplomatic relations\b", r"\bdiplomatic ties\b", r"\bembass(?:y|ies)\b",
           r"\bconfidence[- ]building measures?\b",
           r"\b(?:regulate|establish\w*|restor\w*) (?:of )?(?:bilateral |full |diplomatic )?relations\b"),
    ),
    ProvisionType(
        "withdrawal_disarmament", "Withdrawal of forces and disarmament",
        "Withdrawal of the parties' armed forces from areas, disarmament and demobilisation of "
        "armed formations.",
        _p(r"\bdisarm\w*\b", r"\bdemobili[sz]\w*\b", r"\bdemilitari[sz]\w*\b",
           r"\bwithdraw\w* (?:of )?(?:\w+ ){0,2}(?:armed forces|troops|military units|formations)\b"),
    ),
)

BY_KEY: dict[str, ProvisionType] = {p.key: p for p in TAXONOMY}
