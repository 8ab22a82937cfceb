"""The one public model (chronicle.public): its generated schema keeps every field, type and
requirement of ../shared/spec/timeline.schema.json, and the API, the export and the page's
data give one event the same shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chronicle import public
from chronicle.api import create_app
from chronicle.records import RawItem
from chronicle.report import timeline_data
from chronicle.settings import Settings
from chronicle.store import Store
from test_brief import docs, events


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return _resolve(root["$defs"][name], root)
    options = [o for o in schema.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return _resolve(options[0], root)
    return schema


def _types(schema: dict[str, Any], root: dict[str, Any]) -> set[str]:
    """The JSON types a schema allows (enums by their values' types)."""
    if "$ref" in schema:
        return _types(_resolve(schema, root), root)
    if "anyOf" in schema:
        return set().union(*(_types(o, root) for o in schema["anyOf"]))
    if "enum" in schema:
        return {"null" if v is None else "string" for v in schema["enum"]}
    if "const" in schema:
        return {"string"}
    kind = schema.get("type")
    found = set(kind) if isinstance(kind, list) else ({kind} if kind else set())
    return {"number" if t == "integer" else t for t in found}


def _compare(spec: dict[str, Any], ours: dict[str, Any], root: dict[str, Any], where: str) -> list[str]:
    problems = []
    ours = _resolve(ours, root)
    spec_types, our_types = _types(spec, {}), _types(ours, root)
    if spec_types and our_types and not our_types <= spec_types | ({"number"} if "number" in spec_types else set()):
        problems.append(f"{where}: types {sorted(our_types)} not within {sorted(spec_types)}")
    for name in spec.get("required", []):
        if name not in ours.get("required", []):
            problems.append(f"{where}.{name}: required by the contract, optional in the model")
    for name, sub in spec.get("properties", {}).items():
        if name not in ours.get("properties", {}):
            problems.append(f"{where}.{name}: in the contract, missing from the model")
            continue
        problems += _compare(sub, ours["properties"][name], root, f"{where}.{name}")
    if "items" in spec:
        problems += _compare(spec["items"], ours.get("items", {}), root, f"{where}[]")
    return problems


def test_generated_schema_keeps_the_contract(shared: Path) -> None:
    spec = json.loads((shared / "spec" / "timeline.schema.json").read_text(encoding="utf-8"))
    ours = public.Timeline.model_json_schema(mode="serialization")
    assert _compare(spec, ours, ours, "timeline") == []


def test_the_api_and_the_export_give_one_event_one_shape(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store(path) as store:
        for doc in docs():
            store.write_document(doc, RawItem(id=doc.id, source=doc.source, kind="txt",
                                              content=doc.body.encode(), content_hash=doc.content_hash), "1")
        store.write_links(docs(), [], events(), None)
        exported = {e["id"]: e for e in timeline_data(store.documents(), store.timeline_events())["events"]}
    with TestClient(create_app(Settings(db_path=path))) as client:
        listed = {e["id"]: e for e in client.get("/api/events", params={"limit": 500}).json()["items"]}
        whole = {e["id"]: e for e in client.get("/api/timeline").json()["events"]}
        one = client.get("/api/events/e-meet").json()
    assert listed == exported == whole
    assert one == exported["e-meet"]
    assert "coord_basis" in one["location"]  # the field the API's own copy of the shape had lost


@pytest.mark.parametrize("model", [public.Event, public.Document, public.Timeline])
def test_every_public_model_has_a_schema(model: type[public.BaseModel]) -> None:
    assert model.model_json_schema(mode="serialization")["properties"]
