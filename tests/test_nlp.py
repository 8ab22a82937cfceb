"""chronicle.nlp: segmentation, gazetteer, mentions, the "nlp" stage and cross-document actors."""

from __future__ import annotations

import importlib
import marshal
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from chronicle.nlp import analyse, find_mentions, gazetteer, resolve_across, segment
from chronicle.nlp.mentions import Word
from chronicle.pipeline import run_stages, stages
from chronicle.records import Actor, Document, Event, EventActor, Mention, Sentence
from chronicle.settings import Settings

# The module (the package exports its `gazetteer` function under the same name).
gazetteer_module = importlib.import_module("chronicle.nlp.gazetteer")


def _words(text: str) -> list[Word]:
    """Whitespace/punctuation tokens of one sentence, for hand-made mention tests."""
    return [Word(m.start(), m.end(), m.group(), 0) for m in re.finditer(r"\w+\.?|'s|[^\w\s]", text)]


def _doc(body: str, doc_id: str = "d1", **kw: object) -> Document:
    return Document(id=doc_id, source="test", content_hash="x", body=body, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- segmentation


def test_segment_splits_on_enders_and_line_breaks() -> None:
    tokens = ["Headline", "\n\n", "Baku", "said", "so", ".", "”", "Then", "he", "left", "!", " "]
    assert segment(tokens) == [(0, 1), (2, 7), (7, 11)]


def test_segment_skips_whitespace_only() -> None:
    assert segment(["\n", " ", "\n\n"]) == []


# --------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Baku", "capital", "AZE"),
        ("Yerevan", "capital", "ARM"),
        ("Bucharest", "capital", "ROU"),
        ("Azerbaijani", "demonym", "AZE"),
        ("Azeri", "demonym", "AZE"),
        ("Armenian", "demonym", "ARM"),
        ("Romanian", "demonym", "ROU"),
        ("Ukrainian", "demonym", "UKR"),
        ("Kenyan", "demonym", "KEN"),
        ("Fijian", "demonym", "FJI"),
        ("Burundian", "demonym", "BDI"),
        ("Malian", "demonym", "MLI"),
        ("PRC", "country", "CHN"),
        ("Republic of Azerbaijan", "country", "AZE"),
        ("Russian Federation", "country", "RUS"),
    ],
)
def test_gazetteer_names(name: str, kind: str, country: str) -> None:
    entry = gazetteer().lookup(name)
    assert entry is not None and entry.kind == kind
    assert entry.actor is not None and entry.actor.country == country


def test_capital_is_a_metonym_for_the_government_and_a_place() -> None:
    entry = gazetteer().lookup("Baku")
    assert entry is not None and entry.actor is not None and entry.place is not None
    assert (entry.actor.name, entry.actor.kind) == ("Azerbaijan", "government")
    assert entry.place.lat == pytest.approx(40.38, abs=0.05)


@pytest.mark.parametrize("surface", ["St. Petersburg", "St Petersburg", "Saint Petersburg"])
def test_saint_and_most_populous_match(surface: str) -> None:
    entry = gazetteer().lookup(surface)
    assert entry is not None and entry.place is not None
    assert entry.place.country == "RUS"  # not St. Petersburg, Florida


def test_regions_and_organisations() -> None:
    gaz = gazetteer()
    for name in ("Nagorno-Karabakh", "Karabakh", "Nakhichevan"):
        entry = gaz.lookup(name)
        assert entry is not None and entry.place is not None and entry.place.country == "AZE"
        assert entry.place.lat is not None
    csto = gaz.lookup("CSTO")
    assert csto is not None and csto.actor is not None and csto.actor.kind == "organization"
    assert gaz.lookup("us") is None and gaz.lookup("who") is None  # acronyms match as written
    assert gaz.lookup("March") is None and gaz.lookup("Thursday") is None


# --------------------------------------------------------------------------- mentions (no model)


def _mentions(text: str) -> list[Mention]:
    return find_mentions(text, _words(text), [], gazetteer())


def test_title_person_with_country() -> None:
    text = "Azerbaijani Foreign Minister Jeyhun Bayramov spoke."
    person = next(m for m in _mentions(text) if m.label == "PERSON")
    assert person.actor == Actor("Jeyhun Bayramov", "person", "AZE", "GOV", "Foreign Minister")


def test_title_of_country_and_apposition() -> None:
    text = "President of Azerbaijan Ilham Aliyev and the Armenian Prime Minister, Nikol Pashinyan, met."
    people = {m.actor.name: m.actor for m in _mentions(text) if m.actor and m.actor.kind == "person"}
    assert people["Ilham Aliyev"].country == "AZE" and people["Ilham Aliyev"].role_title == "President"
    assert people["Nikol Pashinyan"].country == "ARM"
    assert people["Nikol Pashinyan"].role_title == "Prime Minister"


def test_surname_resolves_within_document() -> None:
    text = "Prime Minister Nikol Pashinyan arrived. Later Pashinyan left."
    people = [m for m in _mentions(text) if m.label == "PERSON"]
    assert [m.text for m in people] == ["Nikol Pashinyan", "Pashinyan"]
    assert people[1].actor is not None and people[1].actor.name == "Nikol Pashinyan"


def test_group_phrases_and_ministries() -> None:
    by_text = {
        m.text: m.actor
        for m in _mentions(
            "Armenian forces fired. The Armenian side agreed. Azerbaijani officials spoke. "
            "The Ministry of Defence of Azerbaijan said so. Azerbaijan's decisive military offensive began."
        )
    }
    assert by_text["Armenian forces"] is not None and by_text["Armenian forces"].kind == "military"
    assert by_text["Armenian side"] is not None and by_text["Armenian side"].country == "ARM"
    assert (
        by_text["Azerbaijani officials"] is not None and by_text["Azerbaijani officials"].kind == "government"
    )
    ministry = by_text["Ministry of Defence of Azerbaijan"]
    assert ministry is not None and (ministry.kind, ministry.country) == ("military", "AZE")
    assert "Azerbaijan's decisive military" not in by_text  # "military" modifies "offensive" there


def test_moscow_led_is_russia() -> None:
    (m,) = [m for m in _mentions("the Moscow-led bloc") if m.actor]
    assert m.text == "Moscow" and m.actor is not None and m.actor.country == "RUS"


# --------------------------------------------------------------------------- the stage (model)


def test_stage_is_registered_with_its_contract() -> None:
    info = stages.get("nlp")
    assert "sentences" in info.assigns and "mentions" in info.assigns
    assert "body" in info.requires


def test_stage_skips_documents_that_are_not_ok() -> None:
    docs = [_doc("Das ist ein Text auf Deutsch.", status="non_english"), _doc("", "d2", status="empty")]
    out = list(analyse(docs, Settings()))
    assert [d.id for d in out] == ["d1", "d2"]
    assert all(not d.sentences and not d.mentions for d in out)


def test_stage_offsets_and_parse_only_trigger_sentences() -> None:
    body = "Peace Talks\n\nBaku is releasing 32 soldiers. The weather was mild in Baku."
    (doc,) = analyse([_doc(body)], Settings())
    assert [s.text for s in doc.sentences] == [
        "Peace Talks",
        "Baku is releasing 32 soldiers.",
        "The weather was mild in Baku.",
    ]
    for s in doc.sentences:
        assert body[s.start : s.end] == s.text
    parsed = {t.sentence for t in doc.tokens}
    assert 1 in parsed and 2 not in parsed  # no trigger word in the weather sentence
    assert all(body[t.start : t.end] == t.text for t in doc.tokens)
    assert sum(m.text == "Baku" for m in doc.mentions) == 2  # gazetteer names everywhere
    (full,) = analyse([_doc(body)], Settings(parse_all_sentences=True))
    assert {t.sentence for t in full.tokens} == {0, 1, 2}


def test_seed_mentions(seed_texts: dict[str, str]) -> None:
    text = next(v for k, v in seed_texts.items() if k.startswith("000"))
    (doc,) = analyse([_doc(text, "000")], Settings())
    actors = {m.text: m.actor for m in doc.mentions if m.actor}
    assert actors["Pashinyan"] is not None and actors["Pashinyan"].name == "Nikol Pashinyan"
    assert actors["Ilham Aliyev"] is not None and actors["Ilham Aliyev"].country == "AZE"
    places = {m.place.name for m in doc.mentions if m.place}
    assert {"Saint Petersburg", "Nagorno-Karabakh", "Nakhchivan"} <= places


# --------------------------------------------------------------------------- across documents


def _event_with(actor: Actor, doc_id: str) -> Event:
    sentence = Sentence(0, 0, 5, "Aliyev")
    return Event(
        id=f"{doc_id}:0:0",
        doc_id=doc_id,
        type="CONSULT",
        summary="",
        sentence=sentence,
        trigger="met",
        actors=[EventActor(actor, "source", actor.name)],
    )


def test_resolve_across_unifies_surnames_and_fills_attributes() -> None:
    full = Actor("Ilham Aliyev", "person", "AZE", "GOV", "President")
    a = _doc("x", "a", mentions=[Mention(0, 12, "Ilham Aliyev", "PERSON", full)])
    b = _doc(
        "y",
        "b",
        events=[_event_with(Actor("Aliyev", "person"), "b")],
        mentions=[Mention(0, 6, "Aliyev", "PERSON", Actor("Aliyev", "person"))],
    )
    c = _doc("z", "c", mentions=[Mention(0, 6, "Smith", "PERSON", Actor("Smith", "person"))])
    out = resolve_across([a, b, c])
    assert out[1].mentions[0].actor == full
    assert out[1].events[0].actors[0].actor.name == "Ilham Aliyev"
    assert out[2].mentions[0].actor is not None and out[2].mentions[0].actor.name == "Smith"
    assert b.mentions[0].actor is not None and b.mentions[0].actor.name == "Aliyev"  # inputs unchanged


def test_resolve_across_leaves_ambiguous_surnames() -> None:
    docs = [
        _doc("x", "a", mentions=[Mention(0, 1, "Ann Lee", "PERSON", Actor("Ann Lee", "person"))]),
        _doc("x", "b", mentions=[Mention(0, 1, "Bo Lee", "PERSON", Actor("Bo Lee", "person"))]),
        _doc("x", "c", mentions=[Mention(0, 1, "Lee", "PERSON", Actor("Lee", "person"))]),
    ]
    out = resolve_across(docs)
    assert out[2].mentions[0].actor is not None and out[2].mentions[0].actor.name == "Lee"


def test_table_attribute_ruler_matches_the_shipped_one(seed_texts: dict[str, str]) -> None:
    """The lookup-table replacement for ``attribute_ruler`` gives the same POS/lemma/morph."""
    from chronicle.nlp.analyse import TagAttributes, analysers

    nlp = analysers.get(Settings()).nlp
    table = TagAttributes(nlp.get_pipe("attribute_ruler").patterns)  # type: ignore[attr-defined]
    texts = list(seed_texts.values())[:2]
    reference = list(nlp.pipe(texts))
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        docs = [table(d) for d in docs] if name == "attribute_ruler" else list(proc.pipe(docs))  # type: ignore[attr-defined]
    pairs = [
        (a, b) for ref, ours in zip(reference, docs, strict=True) for a, b in zip(ref, ours, strict=True)
    ]
    same = sum((a.pos_, a.lemma_, str(a.morph)) == (b.pos_, b.lemma_, str(b.morph)) for a, b in pairs)
    assert same / len(pairs) >= 0.995


def test_a_states_army_followed_by_its_verb_is_its_military() -> None:
    body = "Sudan's army launched an attack on the city on Monday. The Israeli military struck a camp."
    doc = Document(id="t", source="t", content_hash="x", body=body, published="2023-06-21")
    (out,) = run_stages([doc], ["nlp"], Settings())
    kinds = {m.text: m.actor.kind for m in out.mentions if m.actor is not None}
    assert kinds.get("Sudan's army") == "military" and kinds.get("Israeli military") == "military"


def test_a_smaller_city_named_as_a_city_is_a_place_not_a_person() -> None:
    (kherson,) = [m for m in _mentions("Troops shelled the southern city of Kherson on Wednesday.")
                  if m.text == "Kherson"]
    assert kherson.actor is None and kherson.place is not None and kherson.place.country == "UKR"


def test_lower_case_title_and_name_particles_and_second_mention() -> None:
    found = {m.text: m.actor for m in _mentions(
        "Earlier, army chief Abdel Fattah al-Burhan rejected talks. Burhan said the war would go on.")}
    full = found["Abdel Fattah al-Burhan"]
    assert full is not None and (full.kind, full.role_title, full.sector) == ("person", "army chief", "MIL")
    assert found["Burhan"] is not None and found["Burhan"].name == "Abdel Fattah al-Burhan"
    # a lower-case title before a single word names nobody
    assert not [m for m in _mentions("The regional governor Smith said so.") if m.label == "PERSON"]


def test_countries_geonames_adds_and_their_capital_coordinates() -> None:
    kosovo = gazetteer().lookup("Kosovo")
    assert kosovo is not None and kosovo.actor is not None and kosovo.actor.country == "XKX"
    qatar = gazetteer().lookup("Qatar")
    assert qatar is not None and qatar.place is not None
    assert (qatar.place.coord_basis, round(qatar.place.lat or 0)) == ("capital", 25)  # Doha's point
    drc = gazetteer().lookup("Democratic Republic of Congo")
    assert drc is not None and drc.actor is not None and drc.actor.country == "COD"


def test_gazetteer_disk_cache_round_trip_and_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = gazetteer_module.cache_path()
    assert path.parent == tmp_path / "chronicle"
    built = gazetteer_module.cached_gazetteer(path)  # no cache yet: builds and writes it
    assert path.exists()
    loaded = gazetteer_module.cached_gazetteer(path)  # now read back, entries made on lookup
    assert isinstance(loaded.entries, Mapping) and not isinstance(loaded.entries, dict)
    for name in ("Baku", "Azerbaijani", "Yerevan", "Torreon", "OSCE"):
        assert loaded.lookup(name) == built.lookup(name), name
    assert loaded.to_rows() == built.to_rows()
    path.write_bytes(b"not a gazetteer")  # a damaged cache is rebuilt, not trusted
    again = gazetteer_module.cached_gazetteer(path)
    assert again.lookup("Baku") == built.lookup("Baku")
    assert marshal.loads(path.read_bytes())["first_words"] == built.first_words


def test_a_name_before_an_armed_group_noun_is_that_group_not_a_person() -> None:
    body = "A Hutu militia attacked the village on Sunday, killing 12 civilians."
    (out,) = run_stages([Document(id="t", source="t", content_hash="x", body=body)], ["nlp"], Settings())
    found = {m.text: m.actor for m in out.mentions if m.actor is not None}
    militia = found.get("Hutu militia")
    assert militia is not None and (militia.kind, militia.sector) == ("group", "REB")
    assert not any(a.kind == "person" for a in found.values())


@pytest.mark.parametrize(("body", "name", "country", "affiliation"), [
    # the text does not say it: the table of public figures does
    ("Narendra Modi visited Lahore on Friday.", "Narendra Modi", "IND", None),
    ("Josep Borrell welcomed the agreement.", "Josep Borrell", None, "EU"),
    # what the text says wins over the table
    ("Armenian Prime Minister Nikol Pashinyan spoke on Friday.", "Nikol Pashinyan", "ARM", None),
    # nobody in the table: nothing is guessed
    ("Jane Roe spoke on Friday.", "Jane Roe", None, None),
    # a title's demonym may stand a few plain words before it
    ("Nigerian junior foreign minister Jane Roe met the envoy.", "Jane Roe", "NGA", None),
    ("French National Assembly president Jane Roe met the envoy.", "Jane Roe", "FRA", None),
    # ... but not across a clause
    ("The Nigerian delegation left, and foreign minister Jane Roe met the envoy.", "Jane Roe", None, None),
    # ... nor across a verb
    ("The Nigerian envoy met President Jane Roe in Accra.", "Jane Roe", None, None),
    # a titled name "of" a country is that country's
    ("King Jane Roe of Jordan arrived in Cairo on Monday.", "Jane Roe", "JOR", None),
])
def test_people_from_the_table_of_public_figures(body: str, name: str, country: str | None,
                                                  affiliation: str | None) -> None:
    doc = Document(id="t", source="test", content_hash="x", body=body)
    (out,) = run_stages([doc], ["nlp"], Settings())
    person = next(m.actor for m in out.mentions if m.actor is not None and m.actor.name == name)
    assert (person.country, person.affiliation) == (country, affiliation)


@pytest.mark.parametrize(("body", "person"), [
    # a town's name after a person's title is a person ("Bush" is also a town in Egypt)
    ("President Bush threatened further action on Monday.", "Bush"),
    ("General Lee arrived in the capital.", "Lee"),
])
def test_a_title_makes_a_town_name_a_person(body: str, person: str) -> None:
    (out,) = run_stages([Document(id="t", source="t", content_hash="x", body=body)], ["nlp"], Settings())
    found = next(m for m in out.mentions if m.text == person)
    assert found.actor is not None and found.actor.kind == "person" and found.place is None


@pytest.mark.parametrize(("body", "person", "place"), [
    # a town's or a country's name inside a person's full name is part of the name
    ("Chargers receiver Vincent Jackson was arrested on Tuesday.", "Vincent Jackson", None),
    ("The Saints placed running back Reggie Bush on injured reserve.", "Reggie Bush", None),
    ("President George W. Bush met the king on Monday.", "George W. Bush", None),
    # after "of", the country is still the country
    ("King Abdullah II of Jordan arrived in Cairo on Monday.", "Abdullah II", "Jordan"),
])
def test_a_place_name_inside_a_persons_name_is_the_name(body: str, person: str, place: str | None) -> None:
    (out,) = run_stages([Document(id="t", source="t", content_hash="x", body=body)], ["nlp"], Settings())
    people = {m.text for m in out.mentions if m.actor is not None and m.actor.kind == "person"}
    assert person in people
    countries = {m.text for m in out.mentions if m.actor is not None and m.actor.kind == "country"}
    assert (place in countries) if place else not any(m.place and m.text in person for m in out.mentions)


@pytest.mark.parametrize(("body", "name", "sector"), [
    # older and specialised international bodies act as what they are
    ("The European Community gave the country new aid on Monday.", "European Community", "IGO"),
    ("The International Labor Office repeated its demand on Monday.", "ILO", "IGO"),
    ("The ICTY indicted two generals on Friday.", "ICTY", "JUD"),
    ("Oxfam warned of famine in the region.", "Oxfam", "NGO"),
])
def test_international_organisations_have_their_sector(body: str, name: str, sector: str) -> None:
    (out,) = run_stages([Document(id="t", source="t", content_hash="x", body=body)], ["nlp"], Settings())
    found = next(m.actor for m in out.mentions if m.actor is not None and m.actor.name == name)
    assert found.kind == "organization" and found.sector == sector
