"""chronicle.temporal: tagging, anchoring and publication-date inference, on the real seed
articles (read from the shared folder at run time) and on small hand-written sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.pipeline import check_order, run_stages, stages
from chronicle.records import Document, TimeExpr
from chronicle.settings import Settings
from chronicle.temporal import (
    find_dateline,
    infer_publication_date,
    is_timex3_value,
    tag,
    timexes_to_json,
)

# An independent check of TIMEX3 value syntax (written apart from the tagger's own
# validator, so each catches the other's mistakes).
TIMEX3 = re.compile(
    r"(?:[\dX]{2,4}"
    r"(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-(?:[1-7]|WE))?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:MO|AF|EV|NI|\d\d:\d\d))?"
    r"|P(?:(?:\d+(?:\.\d+)?|X)(?:DE|CE|ML|[YMWD]))+|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)\Z"
)


def seed(seed_texts: dict[str, str], prefix: str) -> str:
    return next(text for name, text in seed_texts.items() if name.startswith(prefix))


def at(timexes: list[TimeExpr], text: str, phrase: str, occurrence: int = 0, *,
       key: str | None = None) -> TimeExpr:
    """The expression covering ``key`` (default: all) of the ``occurrence``-th ``phrase``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    if key is not None:
        start += phrase.index(key)
    end = start + len(key if key is not None else phrase)
    covering = [t for t in timexes if t.start <= start and t.end >= end]
    assert covering, f"no expression covers {phrase!r}; found {[t.text for t in timexes]}"
    tx = covering[0]
    assert text[tx.start:tx.end] == tx.text
    return tx


# --------------------------------------------------------------------------- seeds


def test_seed_000_month_days_take_the_dct_year(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "000")
    found = tag(text, "2023-12-27")
    assert at(found, text, "December 13").value == "2023-12-13"
    assert at(found, text, "December 26").value == "2023-12-26"
    september = at(found, text, "September")
    assert (september.value, september.granularity, september.anchor) == ("2023-09", "month", "dct")
    november = at(found, text, "November 2020")
    assert (november.text, november.value, november.anchor) == ("November 2020", "2020-11", None)


def test_seed_002_narrative_and_relative_anchors(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "002")
    found = tag(text, "2023-11-06")
    ago = at(found, text, "35 years ago")
    assert (ago.value, ago.anchor) == ("1988", "dct")
    years = at(found, text, "1992-1994")
    assert (years.value, years.end_value, years.granularity) == ("1992", "1994", "year")
    assert years.text == "1992-1994"
    # The narrative year (September 2020, same paragraph) wins over the dct's.
    november = at(found, text, "November 10")
    assert (november.value, november.anchor) == ("2020-11-10", "narrative")
    later = at(found, text, "A day later")
    september_19 = at(found, text, "September 19, 2023")
    assert (later.value, later.anchor) == ("2023-09-20", f"timex:{september_19.start}")
    assert at(found, text, "January 1, 2024").value == "2024-01-01"
    # After an announced future date (2024) a past event still falls before the dct.
    assert at(found, text, "September 24").value == "2023-09-24"
    month_end = at(found, text, "the end of the month")
    assert (month_end.value, month_end.mod) == ("2023-09", "END")


def test_seed_003_weekdays_and_last_year(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "003")
    found = tag(text, "2025-03-13")
    thursday = at(found, text, "said Thursday", key="Thursday")
    assert thursday.text == "Thursday" and thursday.value == "2025-03-13"
    assert at(found, text, "last year").value == "2024"
    assert at(found, text, "on Friday", key="Friday").value == "2025-03-07"  # past tense: the Friday before
    assert at(found, text, "three decades").value == "P30Y"
    assert at(found, text, "decades-long").value == "PXDE"
    assert at(found, text, "September 2023").value == "2023-09"


def test_seed_001_without_dct_stays_unresolved(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "001")
    found = tag(text, None)
    night = at(found, text, "Thursday night")
    assert night.value is None or night.value.startswith("XXXX-WXX-4")
    assert night.anchor is None
    assert at(found, text, "three decades").value == "P30Y"
    assert at(found, text, "decades-long").value == "PXDE"
    october = at(found, text, "the end of October")
    assert (october.value, october.mod) == ("XXXX-10", "END")
    assert at(found, text, "recent months").type == "DURATION"
    year_end = at(found, text, "the end of the year")
    assert year_end.value is None and year_end.mod == "END"
    for tx in found:  # nothing may be resolved against a date the text does not give
        assert tx.value is None or not re.match(r"\d{4}", tx.value), tx


def test_same_examples_with_a_dct(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "001")
    found = tag(text, "2023-12-08")  # a Friday
    assert at(found, text, "Thursday night").value == "2023-12-07TNI"
    end = at(found, text, "the end of the year")
    assert (end.value, end.mod) == ("2023", "END")
    assert at(found, text, "the end of October").value == "2023-10"
    assert at(found, text, "September").value == "2023-09"


# --------------------------------------------------------------------------- synthetic


@pytest.mark.parametrize(
    ("sentence", "phrase", "dct", "value"),
    [
        ("The minister said Tuesday that talks went well.", "Tuesday", "2025-03-13", "2025-03-11"),
        ("The two leaders will meet on Monday in Brussels.", "Monday", "2025-03-13", "2025-03-17"),
        # a quotation carries its own tense, not the verb that reports it
        ("“We will meet the rebel leaders again on Monday,” he said.", "Monday", "2025-03-13", "2025-03-17"),
        ("''He will leave at 4 a.m. Thursday,'' Castro said.", "4 a.m. Thursday", "2025-03-11", "2025-03-13T04:00"),
        ("The envoy said on Monday: “The talks went well.”", "Monday", "2025-03-13", "2025-03-10"),
        ("They met last Thursday.", "last Thursday", "2025-03-13", "2025-03-06"),
        ("Officials said last year was the worst.", "last year", "2025-03-13", "2024"),
        ("Elections are due next year.", "next year", "2025-03-13", "2026"),
        ("Troops arrived this week.", "this week", "2025-03-13", "2025-W11"),
        ("Profits fell in the first quarter.", "the first quarter", "2023-05-10", "2023-Q1"),
        ("Fighting resumed last summer.", "last summer", "2023-12-27", "2023-SU"),
        ("The ceasefire took effect from January 1, 2024.", "January 1, 2024", "2023-11-06", "2024-01-01"),
        ("He was born in the 1990s.", "the 1990s", "2023-11-06", "199X"),
        ("It ended yesterday.", "yesterday", "2024-03-01", "2024-02-29"),
        ("Prices are rising now.", "now", "2024-03-01", "PRESENT_REF"),
        ("The attack came at 9 a.m. Tuesday.", "9 a.m. Tuesday", "2025-03-13", "2025-03-11T09:00"),
        ("A meeting is held every year.", "every year", "2025-03-13", "P1Y"),
        ("They fought for three decades.", "three decades", None, "P30Y"),
        ("The talks took place on 13 December 2023.", "13 December 2023", None, "2023-12-13"),
        ("It happened on 2023-12-13.", "2023-12-13", None, "2023-12-13"),
        ("Peace was signed on November 10.", "November 10", None, "XXXX-11-10"),
        # a holiday takes the year written after it
        ("They last met on Christmas Day in 2015.", "Christmas Day in 2015", "2021-02-25", "2015-12-25"),
    ],
)
def test_examples(sentence: str, phrase: str, dct: str | None, value: str) -> None:
    found = tag(sentence, dct)
    tx = at(found, sentence, phrase)
    assert tx.value == value, (tx, found)


def test_weekday_same_day_in_past_tense_is_the_dct() -> None:
    text = "Azerbaijan and Armenia said Thursday they had agreed."
    assert at(tag(text, "2025-03-13"), text, "Thursday").value == "2025-03-13"


def test_narrative_year_does_not_cross_into_a_present_tense_paragraph() -> None:
    text = ("In March 2020, the war began and on May 5 the first town fell.\n"
            "The commission will meet on May 5 to review the case.")
    found = tag(text, "2023-04-20")
    assert at(found, text, "May 5", 0).value == "2020-05-05"
    assert at(found, text, "May 5", 1).value == "2023-05-05"


def test_past_tense_date_never_lands_after_the_dct() -> None:
    text = "In 2025 the plan will start. Earlier, on October 3, troops withdrew."
    found = tag(text, "2023-11-06")
    assert at(found, text, "October 3").value == "2023-10-03"


def test_modifiers_and_bare_numbers() -> None:
    text = "About 2000 troops left. At least 72 hours passed. The talks ended in mid-2023."
    found = tag(text, "2023-12-01")
    assert not any(t.text.endswith("2000") for t in found)
    hours = at(found, text, "At least 72 hours")
    assert (hours.value, hours.mod) == ("PT72H", "EQUAL_OR_MORE")
    mid = at(found, text, "mid-2023")
    assert (mid.value, mid.mod) == ("2023", "MID")


def test_modal_may_is_not_a_month() -> None:
    text = "The sides may meet again. Talks resumed in May."
    found = tag(text, "2023-12-01")
    assert [t.text for t in found] == ["May"]
    assert found[0].value == "2023-05"


def test_numeric_dates_use_the_documents_own_order() -> None:
    text = "Posted 11.30.2024. Updated 12.02.2024."
    found = tag(text, None)
    assert [t.value for t in found] == ["2024-11-30", "2024-12-02"]
    assert [t.value for t in tag("Updated 12.02.2024.", None)] == ["2024"]  # ambiguous: year only


@pytest.mark.parametrize(
    ("sentence", "phrase", "dct", "value"),
    [
        # A passive participle is not the clause's tense: "will be paid" looks ahead.
        ("The dividend will be paid Dec. 14 to holders.", "Dec. 14", "2023-10-26", "2023-12-14"),
        ("The new rules take hold effective Feb. 1.", "Feb. 1", "2023-10-26", "2024-02-01"),
        # An abbreviation's full stop does not end the sentence that holds the verb.
        ("Mr. Lee will succeed Anna P. Smith Feb. 1, soon after.", "Feb. 1", "2023-10-26",
         "2024-02-01"),
        # "a still unspecified date": an adjective, not a past-tense verb.
        ("It would be paid on a still unspecified date in January.", "January", "2023-10-26",
         "2024-01"),
        # No tense cue: April four months ahead beats April eight months back.
        ("They can take part in the summit in April.", "April", "2023-12-05", "2024-04"),
        ("Shares fell from the previous week's close; on Friday they rose. They had been higher"
         " the previous Friday.", "the previous Friday", "2023-10-30", "2023-10-20"),
        ("The fad of the '80s is back.", "the '80s", "1989-10-26", "198X"),
        ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven",
         "1998-02-27", "1997-01"),
        ("Crowds planned a rally on Saturday and were planning to march.", "Saturday", "2000-01-07",
         "2000-01-08"),
        ("The protest ran a day-long course.", "day-long", "2023-10-26", "P1D"),
        ("Eight trading days later it recovered.", "Eight trading days", "2023-10-26", "P8D"),
    ],
)
def test_tense_cues_and_anchors(sentence: str, phrase: str, dct: str | None, value: str) -> None:
    tx = at(tag(sentence, dct), sentence, phrase)
    assert (tx.text, tx.value) == (phrase, value), tx


def test_recent_day_month_beats_an_older_narrative_year() -> None:
    # A day-precise date within a month of the dct is the dct's, even right after an old year.
    text = "The 1988 cease-fire held. Iran condemned the invasion of Kuwait on Aug. 2."
    assert at(tag(text, "1990-08-15"), text, "Aug. 2").value == "1990-08-02"


def test_span_leaves_out_possessive_and_article_of_a_modifier() -> None:
    text = "Lawyers fought Friday's ruling. The third-quarter results and the 30-day review."
    found = tag(text, "2023-10-30")
    assert at(found, text, "Friday").text == "Friday"
    assert at(found, text, "third-quarter").text == "third-quarter"
    assert at(found, text, "30-day").text == "30-day"
    assert at(tag("Profits fell in the third quarter.", "2023-10-30"),
              "Profits fell in the third quarter.", "the third quarter").text == "the third quarter"


def test_earnings_comparisons_follow_the_reported_quarter() -> None:
    text = ("Acme reported a drop in third-quarter profit. In the first nine months, sales rose"
            " 40% from a year earlier. Net was $5 million, compared with a loss of $3 million"
            " last year. The company sees losses through the third quarter of 2024.")
    found = tag(text, "2023-10-26")
    assert at(found, text, "last year").value == "2022-Q3"
    assert at(found, text, "a year earlier").value == "2022"  # a nine-month comparison
    assert at(found, text, "the third quarter of 2024").value == "2024-Q3"


def test_offsets_and_json(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "002")
    found = tag(text, "2023-11-06")
    rows = timexes_to_json(found)
    assert rows and set(rows[0]) == {"start", "end", "text", "type", "value", "mod", "end_value", "anchor"}
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
        assert row["type"] in ("DATE", "TIME", "DURATION", "SET")


def test_malformed_dct_is_refused() -> None:
    with pytest.raises(ValueError):
        tag("on Monday", "next week")


# --------------------------------------------------------------------------- publication date


def test_publication_date_from_dateline_and_body_years(seed_texts: dict[str, str]) -> None:
    text = seed(seed_texts, "002")
    doc = Document(id="002", source="seed", content_hash="x", body=text, dateline="BAKU, November 6")
    assert infer_publication_date(doc) == ("2023-11-06", "inferred")
    # The dateline is also found at the start of the body when the cleaner left none.
    undated = Document(id="002", source="seed", content_hash="x", body=text)
    assert find_dateline(text) == "BAKU, November 6"
    assert infer_publication_date(undated) == ("2023-11-06", "inferred")


def test_publication_date_unknown_without_dateline(seed_texts: dict[str, str]) -> None:
    doc = Document(id="004", source="seed", content_hash="x", body=seed(seed_texts, "004"))
    assert infer_publication_date(doc) == (None, "unknown")


def test_publication_date_with_year_in_dateline_and_without_years() -> None:
    dated = Document(id="a", source="t", content_hash="x", body="YEREVAN, 6 November 2023 - Talks.")
    assert infer_publication_date(dated) == ("2023-11-06", "dateline")
    bare = Document(id="b", source="t", content_hash="x", body="BAKU, November 6 Talks went on.")
    assert infer_publication_date(bare) == (None, "unknown")


# --------------------------------------------------------------------------- stage


def test_stage_is_registered_and_fills_documents(seed_texts: dict[str, str]) -> None:
    info = stages.get("temporal")
    assert info.requires == ("body", "published") and info.assigns == ("timexes", "published")
    check_order(["temporal"])
    text = seed(seed_texts, "002")
    docs = [
        Document(id="002", source="seed", content_hash="x", body=text, dateline="BAKU, November 6"),
        Document(id="003", source="seed", content_hash="y", body=seed(seed_texts, "003"),
                 published="2025-03-13", published_basis="metadata"),
    ]
    out = list(run_stages(docs, ["temporal"], Settings()))
    assert (out[0].published, out[0].published_basis) == ("2023-11-06", "inferred")
    assert at(out[0].timexes, text, "November 10").value == "2020-11-10"
    assert (out[1].published, out[1].published_basis) == ("2025-03-13", "metadata")
    assert any(t.value == "2025-03-13" for t in out[1].timexes)


# --------------------------------------------------------------------------- properties


_WORDS = st.sampled_from([
    "on", "Thursday", "night", "last", "year", "the", "end", "of", "October", "2023", "1992-1994",
    "35", "years", "ago", "a", "day", "later", "December", "13", ",", ".", "\n", "will", "said",
    "mid-", "9", "a.m.", "every", "week", "decades-long", "Q3", "third-quarter", "12.02.2024",
    "May", "the 1990s", "Christmas", "summer", "this", "next", "ago", "recent", "months", "now",
])
_DCTS = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), dct=_DCTS)
def test_tag_never_raises_on_arbitrary_text(text: str, dct: str | None) -> None:
    for tx in tag(text, dct):
        assert text[tx.start:tx.end] == tx.text
        assert tx.value is None or (TIMEX3.match(tx.value) and is_timex3_value(tx.value)), tx


@settings(max_examples=400, deadline=None)
@given(words=st.lists(_WORDS, max_size=30), dct=_DCTS)
def test_values_are_valid_timex3_on_time_like_text(words: list[str], dct: str | None) -> None:
    text = " ".join(words)
    for tx in tag(text, dct):
        assert text[tx.start:tx.end] == tx.text
        assert tx.value is None or (TIMEX3.match(tx.value) and is_timex3_value(tx.value)), tx
        if tx.end_value is not None:
            assert is_timex3_value(tx.end_value)


def test_past_years_alone_do_not_fix_a_dateline_year() -> None:
    # A 2025 story recalling 2022: nothing caps the year, so it is not guessed.
    recalled = Document(id="a", source="t", content_hash="x",
                        body="KYIV, March 6 (Reuters) - Troops who defended the port in 2022 came home.")
    assert infer_publication_date(recalled) == (None, "unknown")
    # A fully dated report from the weeks just before the dateline does fix it.
    recent = Document(id="b", source="t", content_hash="x",
                      body="KYIV, March 6 (Reuters) - Talks held on February 20, 2025 failed.")
    assert infer_publication_date(recent) == ("2025-03-06", "inferred")


def test_later_counts_from_the_narrated_date_never_the_dct_earlier_may() -> None:
    text = ("Fighters attacked a camp on Saturday.\n\nThe group denied it.\n\nAid was cut.\n\n"
            "Two days later, the army struck back.")
    assert at(tag(text, "2025-05-12"), text, "Two days later").value == "2025-05-12"
    alone = "Two days later, the army struck back."
    assert at(tag(alone, "2025-05-12"), alone, "Two days later").value is None
    # "earlier" with nothing narrated before it compares with the time of reporting
    before = "Two days earlier, the army had struck."
    assert at(tag(before, "2025-05-12"), before, "Two days earlier").value == "2025-05-10"


@pytest.mark.parametrize(("body", "dateline"), [
    ("19 Mar 2023; AA: The leaders of the two countries agreed on a plan.", "19 Mar 2023"),
    ("March 19, 2023 (AFP) The leaders of the two countries agreed on a plan.", "March 19, 2023"),
    ("12 March 2024 was a day the two countries will not forget.", None),
])
def test_a_dateline_that_opens_with_its_date(body: str, dateline: str | None) -> None:
    assert find_dateline(body) == dateline


def test_timex_keeps_what_it_knows() -> None:
    rows = {r["text"]: r for r in timexes_to_json(tag("The talks will resume early next year.", "2023-12-27"))}
    assert (rows["early next year"]["value"], rows["early next year"]["mod"]) == ("2024", "START")
    assert rows["early next year"]["anchor"] == "dct"  # resolved against the document date
    ranged = timexes_to_json(tag("Fighting raged in 1992-1994.", "2023-12-27"))
    assert [(r["value"], r["end_value"]) for r in ranged] == [("1992", "1994")]


@pytest.mark.parametrize(("sentence", "phrase", "value", "end"), [
    ("Talks were held from 3 to 5 March 2024 in Geneva.", "3 to 5 March 2024", "2024-03-03", "2024-03-05"),
    ("Talks were held on March 3-5, 2024 in Geneva.", "March 3-5, 2024", "2024-03-03", "2024-03-05"),
    ("Talks were held on 7 March.", "7 March", "2024-03-07", None),  # the full stop is the sentence's
    ("Talks were held on 7 Mar. in Geneva.", "7 Mar.", "2024-03-07", None),  # an abbreviation's dot
])
def test_day_ranges_keep_their_end_and_spans_their_own_dots(
    sentence: str, phrase: str, value: str, end: str | None,
) -> None:
    tx = at(tag(sentence, "2024-06-01"), sentence, phrase)
    assert (tx.value, tx.end_value) == (value, end)


@pytest.mark.parametrize(("body", "dateline"), [
    ("KYIV - Russian forces shelled the city overnight.", "KYIV - "),
    ("WASHINGTON—The president said on Monday.", "WASHINGTON—"),
    ("EL FASHER, Sudan - Fighters attacked the camp.", "EL FASHER, Sudan - "),
    # a hyphen glued to the next word makes a compound, not a dateline's dash
    ("U.N. Secretary-General Kofi Annan said the talks would resume.", ""),
    ("EU-brokered talks resumed in Brussels on Monday.", ""),
    ("US-led forces withdrew from the base.", ""),
])
def test_dateline_end_reads_a_dash_only_as_a_datelines(body: str, dateline: str) -> None:
    from chronicle.temporal.published import dateline_end

    assert body[: dateline_end(body)] == dateline
