"""The timeline export: documents and merged events as the public JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pycountry

from chronicle import public
from chronicle.public import SCHEMA_VERSION
from chronicle.records import Document, TimelineEvent

__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "SCHEMA_VERSION", "document_data", "event_rows", "render_acled", "render_csv",
    "render_geojson", "render_json", "render_markdown", "render_plover", "timeline_data", "without_change_times",
    "write_parquet",
]

# ACLED-like columns, one row per merged event.
CSV_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "actor1", "actor2", "country", "location",
    "latitude", "longitude", "quantities", "corroboration", "source", "notes",
)


def document_data(doc: Document) -> dict[str, Any]:
    return public.Document.from_record(doc).model_dump(mode="json")


def timeline_data(documents: Sequence[Document], events: Sequence[TimelineEvent]) -> dict[str, Any]:
    """The public export (``timeline.schema.json``): documents with bodies, merged events."""
    return public.Timeline.from_records(documents, events).model_dump(mode="json")


def without_change_times(data: dict[str, Any]) -> dict[str, Any]:
    """The export as it depends on the documents alone: without each event's ``updated`` (when
    it last changed in one store), so two stores built from the same input (a collect run and
    an offline ingest of its archive) export the same bytes. Changed in place and returned."""
    for event in data["events"]:
        event.pop("updated", None)
    return data


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


# ACLED's columns, in ACLED's order (its export's data dictionary).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def _acled_row(event: dict[str, Any]) -> dict[str, Any] | None:
    """An event as ACLED's row; None for one ACLED would not list (outside its scope, or
    undated: ACLED dates every event, to the first day of its month or year when coarser)."""
    acled, start = event.get("acled"), event["date"]["start"]
    if acled is None or not start:
        return None
    location = event["location"] or {}
    first = next((a for a in event["actors"] if a["role"] == "source" and a.get("country")), None)
    alpha3 = location.get("country") or (first or {}).get("country")
    country = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
    blank = {k: "" for k in ACLED_COLUMNS}
    return blank | {k: "" if acled.get(k) is None else acled[k] for k in ACLED_COLUMNS if k in acled} | {
        "event_id_cnty": event["id"],
        "event_date": (start + "-01-01"[len(start) - 4:]) if len(start) < 10 else start[:10],
        "year": int(start[:4]),
        "iso": int(country.numeric) if country is not None else "",
        "country": country.name if country is not None else "",
        "location": location.get("name", ""),
        "latitude": "" if location.get("lat") is None else location["lat"],
        "longitude": "" if location.get("lon") is None else location["lon"],
        "source": "; ".join(sorted({s["outlet"] or s["doc"] for s in event["sources"]})),
        "notes": event["summary"],
        "timestamp": int(datetime.fromisoformat(event["updated"]).timestamp()) if event.get("updated") else "",
    }


def render_acled(data: dict[str, Any]) -> str:
    """ACLED's CSV: its 31 columns in its order, one row per dated event within its scope."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in data["events"]:
        row = _acled_row(event)
        if row is not None:
            writer.writerow(row)
    return out.getvalue()


def render_geojson(data: dict[str, Any]) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point Feature per event with coordinates,
    its properties the event's id, type, date, summary, ACLED sub-event type and corroboration,
    and ``coord_basis`` "capital" where a country is placed at its capital."""
    features = [
        {
            "type": "Feature",
            "id": e["id"],
            "geometry": {"type": "Point", "coordinates": [e["location"]["lon"], e["location"]["lat"]]},
            "properties": {
                "id": e["id"], "type": e["type"], "date": e["date"]["start"], "precision": e["date"]["precision"],
                "summary": e["summary"], "place": e["location"]["name"], "coord_basis": e["location"]["coord_basis"],
                "acled_sub_event_type": (e.get("acled") or {}).get("sub_event_type"),
                "corroboration": e["corroboration"],
            },
        }
        for e in data["events"]
        if e["location"] and e["location"]["lat"] is not None and e["location"]["lon"] is not None
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2) + "\n"


def render_plover(data: dict[str, Any]) -> str:
    """POLECAT-style PLOVER records, one JSON object per line, in the field names of PLOVER's
    gold standard records: the event type, its date, source and target actors (text, country
    code, sector), the words naming it, the evidence sentence, the place, the dead."""
    def side(event: dict[str, Any], role: str) -> list[dict[str, Any]]:
        return [{"actorText": a["name"], "code": a["country"], "sector": a["sector"]}
                for a in event["actors"] if a["role"] == role]

    lines = []
    for e in data["events"]:
        first = e["sources"][0] if e["sources"] else {}
        place = e["location"]
        lines.append(json.dumps({
            "id": e["id"], "date": e["date"]["start"], "event": e["type"], "mode": None,
            "source": side(e, "source"), "target": side(e, "target"),
            "eventText": first.get("wording") or e["summary"], "text": first.get("sentence"),
            "eventLoc": None if not place else {"placeName": place["name"], "country": place["country"],
                                                "lat": place["lat"], "lon": place["lon"]},
            "dead": (e.get("acled") or {}).get("fatalities") or None,
            "publication": sorted({s["outlet"] or s["doc"] for s in e["sources"]}),
            "language": "en", "corroboration": e["corroboration"], "updated": e.get("updated"),
        }, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


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
