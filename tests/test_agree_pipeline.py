"""Seed acceptance for chronicle.agree and the briefing, through the real pipeline:
clean -> temporal -> nlp -> events -> link -> provision_history -> build_brief."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from chronicle.agree import STATUS_ORDER, agreement_json, agreement_markdown, provision_history
from chronicle.clean import clean_item
from chronicle.link import LinkResult, link
from chronicle.pipeline import run_stages
from chronicle.records import Provision, ProvisionStatus, RawItem
from chronicle.report.brief import brief_json, brief_markdown, build_brief
from chronicle.settings import Settings
from chronicle.workflow import DOCUMENT_STAGES, load_stages

SETTINGS = Settings()
load_stages()


@pytest.fixture(scope="module")
def linked(seed_paths: list[Path]) -> LinkResult:
    items = []
    for path in seed_paths:
        content = path.read_bytes()
        raw = RawItem(id=path.stem, source=str(path), kind="txt", content=content,
                      content_hash=hashlib.sha256(content).hexdigest())
        items.append(clean_item(raw, SETTINGS))
    docs = list(run_stages(items, DOCUMENT_STAGES, SETTINGS))
    return link(docs, SETTINGS)


@pytest.fixture(scope="module")
def provisions(linked: LinkResult) -> list[Provision]:
    return provision_history(linked.documents, SETTINGS)


def history(provisions: list[Provision], key: str, doc_prefix: str = "") -> list[ProvisionStatus]:
    found = [p for p in provisions if p.key == key]
    assert found, f"provision {key} not found"
    return [e for e in found[0].history if e.doc.startswith(doc_prefix)]


@pytest.mark.parametrize("key", ["third_party_forces", "legal_cases"])
def test_open_articles_are_agreed_on_2025_03_13(provisions: list[Provision], key: str) -> None:
    steps = history(provisions, key, "003")
    assert steps[0].status in ("unresolved", "disputed")
    assert (steps[-1].status, steps[-1].date, steps[-1].agreement) == ("agreed", "2025-03-13", "peace treaty")


@pytest.mark.parametrize("key", ["territorial_integrity", "transport_routes", "border",
                                 "implementation_bodies"])
def test_draft_provisions_by_2023_12_27(provisions: list[Provision], key: str) -> None:
    assert any(e.status == "in draft" and e.date == "2023-12-27" and e.agreement == "peace treaty"
               for e in history(provisions, key, "000"))


def test_constitutional_change_is_demanded_by_azerbaijan(provisions: list[Provision]) -> None:
    steps = history(provisions, "constitution", "003")
    assert steps and {e.status for e in steps} == {"proposed"}
    assert any(e.by == "Azerbaijan" for e in steps)


def test_earlier_agreements_are_kept_apart_with_their_own_dates(provisions: list[Provision]) -> None:
    routes = {(e.agreement, e.status, e.date) for e in history(provisions, "transport_routes", "000")}
    assert ("2020 ceasefire", "agreed", "2020-11") in routes
    assert ("peace treaty", "unresolved", "2023-12-27") in routes
    ceasefires = {(e.agreement, e.date) for e in history(provisions, "ceasefire", "002")}
    assert ceasefires == {("2020 ceasefire", "2020-11-10"), ("2023 ceasefire", "2023-09-20")}
    exchange = history(provisions, "prisoners", "000")
    assert [(e.status, e.date, e.date_basis) for e in exchange] == [("implemented", "2023-12-13", "sentence")]


def test_every_entry_cites_its_sentence_verbatim(linked: LinkResult, provisions: list[Provision]) -> None:
    bodies = {d.id: d.body for d in linked.documents}
    entries = [e for p in provisions for e in p.history]
    assert len(entries) >= 15
    for e in entries:
        assert e.status in STATUS_ORDER
        assert bodies[e.doc][e.start:e.end] == e.sentence
    data = agreement_json(provisions)
    assert all({"date", "status", "doc", "sentence"} <= set(h) for p in data for h in p["history"])
    assert "| Third-party forces and peacekeepers | peace treaty | agreed" in agreement_markdown(provisions)


def test_brief_for_december_2023(linked: LinkResult, provisions: list[Provision]) -> None:
    brief = build_brief(linked.documents, linked.events, provisions,
                        since="2023-12-01", until="2023-12-31", actor=None)
    texts = [i.text for i in brief.events]
    # One sentence per event in chronicle's words: the prisoner exchange and the joint statement
    # on 13 December, the St. Petersburg meeting on 26 December.
    assert "On 13 December 2023, Azerbaijan and Armenia exchanged prisoners of war." in texts, texts
    assert any(t.startswith("On 13 December 2023,") and "issued a joint statement" in t for t in texts), texts
    assert ("On 26 December 2023, Ilham Aliyev (Azerbaijan) met Nikol Pashinyan (Armenia) "
            "in Saint Petersburg.") in texts, texts
    for text in texts:
        assert text.count(".") == 1 + text.count("St.") and text.endswith("."), text  # one sentence each
        assert "withdrew or stood down" not in text and "reports of" not in text, text
    assert any(i.ref == "prisoners" and i.date == "2023-12-13" for i in brief.agreement)
    for item in [*brief.events, *brief.agreement]:
        assert item.date and "2023-12-01" <= item.date[:10] <= "2023-12-31"
        assert item.citations
    md = brief_markdown(brief)
    assert "2025" not in md
    assert "[000_a47f0f47624e4a5f, 2023-12-27]" in md
    bodies = {d.id: d.body for d in linked.documents}
    for item in brief_json(brief)["events"]:
        for cite in item["citations"]:
            assert bodies[cite["doc"]][cite["start"]:cite["end"]] == cite["sentence"]


def test_brief_actor_filter_on_seeds(linked: LinkResult, provisions: list[Provision]) -> None:
    brief = build_brief(linked.documents, linked.events, provisions, since="2023-12-01", until="2023-12-31",
                        actor="nikol pashinyan")
    assert brief.events and all("Nikol Pashinyan" in i.text for i in brief.events)
