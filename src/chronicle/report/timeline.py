"""The timeline export: documents and merged events as the public JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from chronicle import public
from chronicle.public import SCHEMA_VERSION
from chronicle.records import Document, TimelineEvent

__all__ = [
    "CSV_COLUMNS", "SCHEMA_VERSION", "document_data", "event_data", "event_rows", "render_csv", "render_json",
    "render_markdown", "timeline_data", "write_parquet",
]

# ACLED-like columns, one row per merged event.
CSV_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "actor1", "actor2", "country", "location",
    "latitude", "longitude", "quantities", "corroboration", "source", "notes",
)


def document_data(doc: Document) -> dict[str, Any]:
    return public.Document.from_record(doc).model_dump(mode="json")


def event_data(event: TimelineEvent, outlets: Mapping[str, str | None]) -> dict[str, Any]:
    return public.Event.from_record(event, outlets).model_dump(mode="json")


def timeline_data(documents: Sequence[Document], events: Sequence[TimelineEvent]) -> dict[str, Any]:
    """The public export (``timeline.schema.json``): documents with bodies, merged events."""
    return public.Timeline.from_records(documents, events).model_dump(mode="json")


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _actor_label(actor: dict[str, Any]) -> str:
    return f"{actor['name']} ({actor['country']})" if actor.get("country") else str(actor["name"])


def _csv_row(event: dict[str, Any]) -> dict[str, Any]:
    actors = event["actors"]
    sources = [a for a in actors if a["role"] == "source"]
    targets = [a for a in actors if a["role"] == "target"]
    others = [a for a in actors if a["role"] == "other"]
    first = (sources or others or [None])[0]
    second = (targets or [a for a in others if a is not first] or [None])[0]
    location = event["location"] or {}
    return {
        "event_id": event["id"],
        "event_date": event["date"]["start"] or "",
        "time_precision": event["date"]["precision"],
        "event_type": event["type"],
        "actor1": _actor_label(first) if first else "",
        "actor2": _actor_label(second) if second else "",
        "country": location.get("country") or (first or {}).get("country") or "",
        "location": location.get("name", ""),
        "latitude": "" if location.get("lat") is None else location["lat"],
        "longitude": "" if location.get("lon") is None else location["lon"],
        "quantities": "; ".join(q["text"] for q in event["quantities"]),
        "corroboration": event.get("corroboration", len(event["sources"])),
        "source": "; ".join(sorted({s["outlet"] or s["doc"] for s in event["sources"]})),
        "notes": event["summary"],
    }


def render_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in data["events"]:
        writer.writerow(_csv_row(event))
    return out.getvalue()


def event_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of an export as flat table rows (the Parquet export): the columns a reader
    filters on, and the whole public event as JSON in ``record``."""
    return [
        {"id": e["id"], "type": e["type"], "summary": e["summary"], "date_start": e["date"]["start"],
         "precision": e["date"]["precision"], "corroboration": e["corroboration"], "story": e["story"],
         "record": json.dumps(e, ensure_ascii=False)}
        for e in data["events"]
    ]


def write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    """Rows as one Parquet file (needs pyarrow, of the ``scale`` extra): every column a string
    but the counts, so a file of all-null columns still has its types."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ValueError("Parquet needs pyarrow: pip install 'chronicle[scale]'") from None
    columns = rows[0].keys() if rows else ("id",)
    schema = pa.schema(
        [(k, pa.int64() if k in ("index", "start", "end", "corroboration") else pa.string()) for k in columns]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def _md(text: str) -> str:
    """Escape text for a Markdown line: it is data, never markup."""
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text.replace("\n", " "))


def render_markdown(data: dict[str, Any]) -> str:
    docs = {d["id"]: d for d in data["documents"]}
    lines = ["# Timeline", ""]
    for event in data["events"]:
        date = event["date"]
        when = date["start"] or "undated"
        if date["precision"] not in ("day", "unknown"):
            when += f" ({date['precision']})"
        cites = "; ".join(
            f"[{_md(s['outlet'] or s['doc'])}, {(docs.get(s['doc']) or {}).get('published') or 'n.d.'}]"
            for s in event["sources"]
        )
        corroboration = event.get("corroboration", 1)
        lines.append(f"- **{when}** · {event['type']} · {_md(event['summary'])} {cites}"
                     + (f" · corroborated by {corroboration} outlets" if corroboration > 1 else ""))
        for s in event["sources"]:
            lines.append(f"  - {_md(s['outlet'] or s['doc'])}: “{_md(s['sentence'])}”")
        for d in event.get("disagreements", []):
            values = ", ".join(f"{_md(str(v.get('value')))} ({', '.join(v.get('sources', []))})" for v in d["values"])
            lines.append(f"  - ⚠ sources disagree on {d['field']}: {values}")
    if not data["events"]:
        lines.append("_No events._")
    lines += ["", "## Documents", ""]
    for d in data["documents"]:
        meta = ", ".join(x for x in (d["outlet"], d["published"] or "date unknown", d["language"]) if x)
        lines.append(f"- `{d['id']}` {_md(d['title'] or '(untitled)')} ({_md(meta)})")
    return "\n".join(lines) + "\n"
