"""Renderers for provision histories: one data form (``agreement_json``) and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chronicle.records import Provision, ProvisionStatus


def agreement_json(provisions: Sequence[Provision]) -> list[dict[str, Any]]:
    """The JSON form of ``chronicle agreement``: provisions, each with its status history."""
    return [
        {
            "key": p.key,
            "label": p.label,
            "definition": p.definition,
            "latest": [_entry(e) for e in latest_by_agreement(p)],
            "history": [_entry(e) for e in p.history],
        }
        for p in provisions
    ]


def _entry(e: ProvisionStatus) -> dict[str, Any]:
    return {
        "date": e.date, "status": e.status, "doc": e.doc, "sentence": e.sentence,
        "start": e.start, "end": e.end, "agreement": e.agreement, "outlet": e.outlet,
        "by": e.by, "cue": e.cue, "date_basis": e.date_basis,
    }


def latest_by_agreement(provision: Provision) -> list[ProvisionStatus]:
    """The latest entry for each agreement the provision belongs to (history is date-ordered,
    undated last, so an undated report never overrides a dated one)."""
    latest: dict[str | None, ProvisionStatus] = {}
    for e in provision.history:
        current = latest.get(e.agreement)
        if current is None or e.date is not None or current.date is None:
            latest[e.agreement] = e
    return sorted(latest.values(), key=lambda e: (e.agreement is None, e.agreement or ""))


def citation(e: ProvisionStatus) -> str:
    """``[outlet, date]``; the document id stands in for an unknown outlet."""
    return f"[{e.outlet or e.doc}, {e.date or 'undated'}]"


def status_phrase(e: ProvisionStatus) -> str:
    """"proposed (demanded by Azerbaijan)", "agreed (by Armenia)", "in draft"."""
    if not e.by:
        return e.status
    demand = e.status == "proposed" and (e.cue or "").lower().startswith(
        ("demand", "insist", "expect", "call", "urg", "push")
    )
    return f"{e.status} ({'demanded' if demand else 'stated'} by {e.by})" if e.status == "proposed" \
        else f"{e.status} (by {e.by})"


def agreement_markdown(provisions: Sequence[Provision]) -> str:
    """A table of provisions × latest status (one row per agreement), then each history."""
    lines = [
        "# Agreement provisions",
        "",
        "| provision | agreement | latest status | as of | history | sources |",
        "|---|---|---|---|---|---|",
    ]
    if not provisions:
        lines.append("| (none found) | | | | | |")
    for p in provisions:
        for e in latest_by_agreement(p):
            steps = [h for h in p.history if h.agreement == e.agreement]
            trail = " → ".join(dict.fromkeys(f"{h.status} {h.date or 'undated'}" for h in steps))
            cites = " ".join(dict.fromkeys(citation(h) for h in steps))
            lines.append(
                f"| {_cell(p.label)} | {_cell(e.agreement or 'unspecified')} | {_cell(status_phrase(e))} "
                f"| {e.date or 'unknown'} | {_cell(trail)} | {_cell(cites)} |"
            )
    for p in provisions:
        lines += ["", f"## {p.label}", "", f"_{p.definition}_", ""]
        for h in p.history:
            lines.append(
                f"- {h.date or 'undated'} — **{status_phrase(h)}**"
                f"{f' ({h.agreement})' if h.agreement else ''}: “{h.sentence}” {citation(h)}"
            )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
