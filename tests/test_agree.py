"""chronicle.agree: provision taxonomy, status from wording, discourse, dates, rendering."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.agree import (
    STATUS_ORDER,
    TAXONOMY,
    agreement_json,
    agreement_markdown,
    document_statuses,
    provision_history,
    split_sentences,
)
from chronicle.clean import clean_item
from chronicle.records import Actor, Document, Mention, Provision, ProvisionStatus, RawItem, TimeExpr
from chronicle.settings import Settings

SETTINGS = Settings()


def make_doc(doc_id: str, body: str, published: str | None = None, *, outlet: str | None = None,
             timexes: dict[str, str] | None = None, mentions: list[Mention] | None = None) -> Document:
    """A hand-made analysed document; ``timexes`` maps a phrase of the body to its TIMEX3 value."""
    doc = Document(id=doc_id, source=f"{doc_id}.txt", content_hash=doc_id, body=body, published=published,
                   outlet=outlet or f"outlet-{doc_id}", sentences=split_sentences(body))
    for phrase, value in (timexes or {}).items():
        start = body.index(phrase)
        doc.timexes.append(TimeExpr(start, start + len(phrase), phrase, "DATE", value))
    doc.mentions = mentions or []
    doc.provision_statuses = document_statuses(doc)  # what the "agree" stage assigns
    return doc


def statuses(doc: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in document_statuses(doc):
        out.setdefault(e.provision, []).append(e.status)
    return out


def history_of(provisions: list[Provision], key: str) -> list[ProvisionStatus]:
    return next(p.history for p in provisions if p.key == key)


# --------------------------------------------------------------------------- taxonomy


def test_taxonomy_has_the_pa_x_style_categories() -> None:
    keys = {p.key for p in TAXONOMY}
    assert {"ceasefire", "territorial_integrity", "territorial_claims", "border", "transport_routes",
            "prisoners", "third_party_forces", "legal_cases", "constitution", "implementation_bodies",
            "refugees", "normalisation"} <= keys
    assert len(keys) == len(TAXONOMY)
    assert all(p.label and p.definition and p.patterns for p in TAXONOMY)


@pytest.mark.parametrize(("phrase", "key"), [
    ("the non-deployment of third-party forces", "third_party_forces"),
    ("to withdraw legal cases from international judicial bodies", "legal_cases"),
    ("a case at the ICJ", "legal_cases"),
    ("constitutional amendments", "constitution"),
    ("remove from its constitution a reference", "constitution"),
    ("a land transportation link", "transport_routes"),
    ("communication routes", "transport_routes"),
    ("a bilateral commission", "implementation_bodies"),
    ("border demarcation", "border"),
    ("rejection of territorial claims", "territorial_claims"),
    ("the return of refugees", "refugees"),
    ("establishing diplomatic relations", "normalisation"),
    ("an exchange of prisoners of war", "prisoners"),
])
def test_trigger_vocabulary(phrase: str, key: str) -> None:
    by_key = {p.key: p for p in TAXONOMY}
    assert by_key[key].find(phrase), phrase


def test_bare_peacekeepers_are_an_actor_not_a_provision() -> None:
    by_key = {p.key: p for p in TAXONOMY}
    assert not by_key["third_party_forces"].find("through the mediation of Russian peacekeepers")
    assert by_key["third_party_forces"].find("the withdrawal of Russian peacekeepers")


# --------------------------------------------------------------------------- status from wording


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The draft treaty includes the exchange of all prisoners.", "in draft"),
    ("Foo proposes a joint commission.", "proposed"),
    ("There were disagreements over the return of refugees.", "disputed"),
    ("The deployment of foreign troops remained unresolved.", "unresolved"),
    ("The sides failed to agree on the release of prisoners.", "unresolved"),
    ("Foo accepted the creation of a joint commission.", "agreed"),
    ("The parties signed a ceasefire.", "signed"),
    ("Foo accused Bar of violating the ceasefire.", "violated"),
    ("The two sides exchanged prisoners of war.", "implemented"),
    ("Foo will release 12 detained soldiers.", "agreed"),
    ("Both sides hope to sign a ceasefire soon.", "proposed"),
])
def test_status_from_wording(sentence: str, expected: str) -> None:
    found = statuses(make_doc("d", sentence, "2024-01-01"))
    assert [expected] in found.values(), found


def test_releasing_a_video_of_a_hostage_releases_nobody() -> None:
    published = statuses(make_doc("d", "Foo released a video of a hostage held since the war began.", "2024-01-01"))
    assert ["implemented"] not in published.values(), published
    freed = statuses(make_doc("d", "Foo released 33 hostages on Sunday.", "2024-01-01"))
    assert ["implemented"] in freed.values(), freed


def test_sentences_without_a_status_or_about_rights_are_left_out() -> None:
    doc = make_doc("d", "Foo has the right to defend its sovereignty and territorial integrity. "
                        "They met at the International Court of Justice over rights violations.",
                   "2024-01-01")
    assert document_statuses(doc) == []


def test_each_provision_in_a_sentence_gets_its_own_clause_status() -> None:
    doc = make_doc("d", "Foo and Bar say they will move towards normalising relations, "
                        "and will exchange prisoners captured in the war.", "2024-01-01")
    assert statuses(doc) == {"normalisation": ["proposed"], "prisoners": ["agreed"]}


def test_demand_records_who_demands() -> None:
    body = "Azerbaijan is demanding that Armenia amend its constitution."
    plain = document_statuses(make_doc("d", body, "2024-01-01"))
    assert [(e.status, e.by) for e in plain] == [("proposed", "Azerbaijan")]
    # With mentions from the nlp stage, a capital used for its government becomes the state.
    body = "Baku is demanding that Yerevan amend its constitution."
    mentions = [Mention(0, 4, "Baku", "GPE", actor=Actor("Azerbaijan", kind="government", country="AZE")),
                Mention(25, 32, "Yerevan", "GPE")]
    entry = document_statuses(make_doc("d", body, "2024-01-01", mentions=mentions))[0]
    assert (entry.status, entry.by, entry.cue) == ("proposed", "Azerbaijan", "demanding")


# --------------------------------------------------------------------------- dates and agreements


def test_date_is_the_statements_own_time_not_the_publication_or_a_target() -> None:
    body = ("Officials said on Monday that the draft treaty includes a bilateral commission. "
            "Both sides hope to reach a ceasefire by the end of the year.")
    doc = make_doc("d", body, "2024-01-10", timexes={"Monday": "2024-01-08", "the end of the year": "2024"})
    got = {e.provision: (e.date, e.date_basis) for e in document_statuses(doc)}
    assert got["implementation_bodies"] == ("2024-01-08", "sentence")
    assert got["ceasefire"] == ("2024-01-10", "publication")  # "by the end of the year" is a target


def test_unknown_date_stays_unknown() -> None:
    entry = document_statuses(make_doc("d", "The draft treaty includes a bilateral commission."))[0]
    assert (entry.date, entry.date_basis) == (None, "unknown")


def test_agreements_are_kept_apart() -> None:
    body = ("The draft peace agreement includes opening communication routes. "
            "Bar agreed to open a road link as part of a ceasefire agreement in November 2020.")
    doc = make_doc("d", body, "2024-01-10", timexes={"November 2020": "2020-11"})
    got = [(e.provision, e.status, e.agreement, e.date) for e in document_statuses(doc)]
    assert got == [("transport_routes", "in draft", "peace treaty", "2024-01-10"),
                   ("transport_routes", "agreed", "2020 ceasefire", "2020-11")]


# --------------------------------------------------------------------------- across documents


def three_rounds() -> list[Document]:
    """A provision proposed, then disputed, then agreed, across three dated texts."""
    return [
        make_doc("r1", "Foo proposes the return of refugees to their villages. "
                       "The draft treaty includes the deployment of foreign troops along the border.",
                 "2024-01-10"),
        make_doc("r2", "Negotiators said that two issues remained unresolved in the draft treaty. "
                       "One was the deployment of foreign troops along the frontier. "
                       "There were also disagreements over the return of refugees.", "2024-02-05"),
        make_doc("r3", "The negotiations on the text of the peace treaty have been concluded, the ministry "
                       "said on Friday. Two articles had remained unresolved until then. The first concerned "
                       "the deployment of foreign troops. The second was the return of refugees. "
                       "Foo also expects Bar to amend its constitution.",
                 "2024-03-04", timexes={"Friday": "2024-03-01"}),
    ]


def test_proposed_disputed_then_agreed_across_three_texts() -> None:
    provisions = provision_history(three_rounds(), SETTINGS)
    refugees = [(e.date, e.status, e.doc) for e in history_of(provisions, "refugees")]
    assert refugees == [("2024-01-10", "proposed", "r1"), ("2024-02-05", "disputed", "r2"),
                        ("2024-03-01", "unresolved", "r3"), ("2024-03-01", "agreed", "r3")]
    troops = [(e.date, e.status) for e in history_of(provisions, "third_party_forces")]
    assert troops[:2] == [("2024-01-10", "in draft"), ("2024-02-05", "unresolved")]
    assert ("2024-03-01", "agreed") in troops
    # The whole-text statement is cited for the agreement, and it does not touch the demand.
    agreed = next(e for e in history_of(provisions, "refugees") if e.status == "agreed")
    assert "have been concluded" in agreed.sentence and agreed.agreement == "peace treaty"
    assert [e.status for e in history_of(provisions, "constitution")] == ["proposed"]


def test_history_is_deterministic_skips_reprints_and_cites_verbatim() -> None:
    docs = three_rounds()
    reprint = make_doc("r9", docs[1].body, "2024-02-06")
    reprint.duplicate_of = "r2"
    first = provision_history([*docs, reprint], SETTINGS)
    again = provision_history(list(reversed([*docs, reprint])), SETTINGS)
    assert first == again
    bodies = {d.id: d.body for d in docs}
    for p in first:
        for e in p.history:
            assert e.doc != "r9"
            assert bodies[e.doc][e.start:e.end] == e.sentence


def test_same_day_open_state_comes_before_the_settlement() -> None:
    doc = make_doc("d", "Foo has accepted the proposals on the previously unresolved articles of the peace "
                        "treaty. The withdrawal of legal cases from international courts had remained "
                        "unresolved until now.", "2024-05-01")
    history = history_of(provision_history([doc], SETTINGS), "legal_cases")
    assert [(e.status, e.by) for e in history] == [("unresolved", None), ("agreed", "Foo")]
    assert "previously unresolved articles" in history[1].sentence


def test_agreeing_to_continue_talks_is_not_agreeing_the_text() -> None:
    doc = make_doc("d", "The return of refugees remained unresolved. "
                        "Both sides agreed to continue talks on the draft peace treaty.", "2024-05-01")
    assert [e.status for e in document_statuses(doc)] == ["unresolved"]


def test_signing_the_treaty_covers_the_provisions_the_text_mentions() -> None:
    doc = make_doc("d", "The draft peace treaty includes a bilateral commission. "
                        "The peace treaty was signed on Friday.", "2024-05-04",
                   timexes={"Friday": "2024-05-03"})
    got = [(e.status, e.date, e.agreement) for e in document_statuses(doc)]
    assert got == [("in draft", "2024-05-04", "peace treaty"), ("signed", "2024-05-03", "peace treaty")]


_SUBJECTS = ["Foo", "The draft treaty", "Negotiators", "Bar and Foo", "The peace agreement"]
_VERBS = ["includes", "rejected", "accepted", "is demanding", "signed", "said nothing about", "will release"]
_OBJECTS = ["a bilateral commission", "the return of refugees", "border demarcation", "12 detained soldiers",
            "the weather", "constitutional amendments", "the ceasefire"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SUBJECTS), st.sampled_from(_VERBS), st.sampled_from(_OBJECTS)),
                min_size=1, max_size=6),
       st.sampled_from(["\n", " ", "\n\n"]))
def test_every_entry_cites_a_verbatim_sentence(parts: list[tuple[str, str, str]], sep: str) -> None:
    body = sep.join(f"{s} {v} {o}." for s, v, o in parts)
    doc = make_doc("h", body, "2024-01-01")
    for e in document_statuses(doc):
        assert body[e.start:e.end] == e.sentence
        assert e.status in STATUS_ORDER and e.date == "2024-01-01"
    assert document_statuses(doc) == document_statuses(make_doc("h", body, "2024-01-01"))


# --------------------------------------------------------------------------- rendering


def test_json_and_markdown_forms() -> None:
    provisions = provision_history(three_rounds(), SETTINGS)
    data = agreement_json(provisions)
    json.dumps(data)  # plain JSON
    first = data[0]
    assert {"key", "label", "history"} <= set(first)
    assert {"date", "status", "doc", "sentence"} <= set(first["history"][0])
    assert all(h["status"] in STATUS_ORDER for p in data for h in p["history"])
    assert [Provision.from_dict(p.to_dict()) for p in provisions] == provisions
    md = agreement_markdown(provisions)
    assert "| provision | agreement | latest status |" in md
    assert "| Refugees and displaced people | peace treaty | agreed" in md
    assert "[outlet-r3, 2024-03-01]" in md
    assert "proposed (demanded by Foo)" in md
    assert agreement_markdown([]).count("(none found)") == 1


# --------------------------------------------------------------------------- seeds


def clean_seed(path: Path) -> Document:
    content = path.read_bytes()
    item = RawItem(id=path.stem, source=str(path), kind="txt", content=content,
                   content_hash=hashlib.sha256(content).hexdigest())
    doc = clean_item(item, SETTINGS)
    doc.provision_statuses = document_statuses(doc)  # what the "agree" stage assigns
    return doc


@pytest.fixture(scope="module")
def seed_provisions(seed_paths: list[Path]) -> list[Provision]:
    return provision_history([clean_seed(p) for p in seed_paths], SETTINGS)


def test_seed_open_articles_become_agreed(seed_provisions: list[Provision]) -> None:
    for key in ("third_party_forces", "legal_cases"):
        history = [e for e in history_of(seed_provisions, key) if e.doc.startswith("003")]
        assert history[0].status in ("unresolved", "disputed"), key
        assert (history[-1].status, history[-1].date) == ("agreed", "2025-03-13"), key
        assert history[-1].agreement == "peace treaty"


def test_seed_draft_provisions_by_end_of_2023(seed_provisions: list[Provision]) -> None:
    for key in ("territorial_integrity", "transport_routes", "border", "implementation_bodies"):
        drafts = [e for e in history_of(seed_provisions, key)
                  if e.status == "in draft" and e.date and e.date <= "2023-12-27"]
        assert drafts, key


def test_seed_constitutional_change_demanded_by_azerbaijan(seed_provisions: list[Provision]) -> None:
    history = history_of(seed_provisions, "constitution")
    assert history and all(e.status == "proposed" for e in history)
    assert any(e.by == "Azerbaijan" for e in history)


def test_seed_land_link_of_2020_ceasefire_is_kept_apart(seed_provisions: list[Provision]) -> None:
    routes = history_of(seed_provisions, "transport_routes")
    assert {e.agreement for e in routes} >= {"peace treaty", "2020 ceasefire"}


def test_seed_entries_cite_their_sentence_verbatim(seed_paths: list[Path],
                                                   seed_provisions: list[Provision]) -> None:
    bodies = {p.stem: clean_seed(p).body for p in seed_paths}
    entries = [e for p in seed_provisions for e in p.history]
    assert len(entries) >= 10
    for e in entries:
        assert bodies[e.doc][e.start:e.end] == e.sentence
        assert e.status in STATUS_ORDER
