"""The claim rules at their edges: each test here was written against a mutant that survived `make mutants`
(docs/mutants.md) and fails on that change: missing values, zero values, rounding digits, the fields a candidate
and a check carry, the Spanish wording on every path, and which branch takes a figure with no comparable value."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.check import claims
from dashboard.check.claims import Candidate, Check
from tests.conftest import all_filters
from tests.test_claims import cand, evidence_rows, figure_row

DAILY = {"unit_code": "people per day", "period_start": date(2022, 5, 1), "period_end": date(2022, 5, 31),
         "month": date(2022, 5, 1)}
TOTAL = {"value": 241136, "value_text": "241,136", "unit": "encounters", "compares": True,
         "period_start": date(2022, 5, 1), "period_end": date(2022, 5, 31)}


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NaT])
def test_a_missing_day_is_none_and_a_day_stays_itself(missing):
    assert claims._day(missing) is None
    assert claims._day(date(2022, 5, 1)) == date(2022, 5, 1)


def test_differences_need_both_values_and_keep_two_decimals():
    assert claims._diff(100, None) is None
    assert claims._diff(100, float("nan")) is None
    assert claims._diff(float("nan"), 100) is None
    assert claims._diff(105.1234, 100) == 5.12


def test_a_gap_needs_a_candidate_with_a_value():
    assert claims._gap(100, None) is None
    assert claims._gap(100, cand(0)) is None
    assert claims._gap(110, cand(100)) == pytest.approx(10)


def test_closest_skips_a_zero_value_instead_of_dividing_by_it():
    assert claims.closest(100, [cand(0), cand(90)]).value == 90
    assert claims.closest(100, [cand(0)]).value == 0


def test_rounding_from_itself_or_from_nothing_is_not_rounding():
    assert claims.is_rounded_from(220000, 220000) is False
    assert claims.is_rounded_from(0, 3) is False
    assert claims.is_rounded_from(230, 234) and not claims.is_rounded_from(230, 236)  # one trailing zero: to tens
    assert claims.is_rounded_from(221303, 221303.2) is False  # no trailing zero: not a rounding
    assert claims.is_rounded_from(7400.5, 7400) is False


def test_a_candidate_carries_its_relation_period_and_publication_day():
    row = evidence_rows({"value": 20000, "value_text": "20,000", "unit": "actions", "relation": "contradicts",
                         "period_start": date(2022, 4, 15), "period_end": date(2022, 6, 10)}).iloc[0]
    found = claims.candidate(row, "actions", "en")
    assert (found.relation, found.start, found.end, found.published_on) == (
        "contradicts", date(2022, 4, 15), date(2022, 6, 10), date(2022, 6, 10))
    undated = row.copy()
    undated["source_precision"] = "on_or_before"
    assert claims.candidate(undated, "actions", "es").when != claims.candidate(undated, "actions", "en").when


def record(**extra) -> dict:
    fields = {"latest_value": 241136, "first_value": 239416, "first_on": date(2022, 6, 14), "known_value": 239416,
              "known_on": date(2022, 6, 14), "latest_on": date(2022, 10, 22), "article_date": date(2022, 6, 15),
              "month": date(2022, 5, 1)}
    return claims.record_of(figure_row(value=241000.0, unit="people", **(fields | extra)))


def test_a_first_release_on_the_day_known_is_known_before():
    assert record()["first_known"] == "before"
    assert record(known_on=pd.NaT, known_value=float("nan"), first_on=date(2022, 6, 15))["first_known"] == "unclear"


def test_the_record_candidate_is_cbps_first_value_unquoted():
    found = claims.record_candidate(record(), "en")
    assert (found.relation, found.published_on, found.worded, found.days, found.value) == (
        "corroborates", date(2022, 6, 14), False, None, 239416.0)
    assert claims.found_text(found, "en") == "239,416"  # a number from the record, not the source's words
    assert claims.record_candidate(record(), "es").source == "la CBP (primer valor de su registro)"


def test_a_figure_with_only_the_record_is_checked_against_it():
    row = figure_row(value=239000.0, unit="people", latest_value=241136, first_value=239416,
                     first_on=date(2022, 6, 14), known_value=239416, known_on=date(2022, 6, 14),
                     latest_on=date(2022, 10, 22), article_date=date(2022, 6, 15), month=date(2022, 5, 1))
    check = claims.check(row, evidence_rows().iloc[0:0], "en")
    assert (check.code, check.closest.value, check.latest) == ("rounded", 239416.0, None)
    assert check.record is not None


def test_a_daily_rate_is_compared_with_totals_spread_over_their_days():
    check = claims.check(figure_row(value=7778.0, **DAILY), evidence_rows(TOTAL), "en")
    assert check.closest.days == 31
    assert check.closest.value == pytest.approx(241136 / 31)
    assert claims.found_text(check.closest, "en") == "241,136 over 31 days = 7,779 a day"  # the rate, no decimals


def test_without_a_record_the_newest_comparable_source_is_the_latest():
    rows = evidence_rows(
        {"value": 20000, "value_text": "20,000", "unit": "actions", "compares": True,
         "source_published_on": date(2022, 6, 10)},
        {"value": 25000, "value_text": "25,000", "unit": "actions", "source_publisher": "Newer",
         "source_published_on": date(2022, 6, 20)},
        {"value": 9, "value_text": "9", "unit": "US dollars", "source_publisher": "Other unit",
         "source_published_on": date(2022, 7, 1)})
    check = claims.check(figure_row(), rows, "en")
    assert check.latest.source == "Newer"
    assert "Newer" in claims.verdict_text(check, figure_row(), "en")


def test_the_latest_source_is_spread_like_the_figure_and_dated_in_its_language():
    rows = evidence_rows(TOTAL | {"compares": False, "source_published": "2022-06-20",
                                  "source_precision": "on_or_before", "source_published_on": date(2022, 6, 20)})
    check = claims.check(figure_row(value=7778.0, **DAILY), rows, "es")
    assert check.code == "unchecked" and check.latest.days == 31
    english = claims.check(figure_row(value=7778.0, **DAILY), rows, "en")
    assert check.latest.when != english.latest.when


def test_an_unchecked_figure_names_the_newest_source_with_a_value():
    rows = evidence_rows({"value": 25000, "value_text": "25,000", "unit": "actions", "source_publisher": "Later"})
    check = claims.check(figure_row(), rows, "en")
    assert (check.code, check.latest.source) == ("unchecked", "Later")
    assert claims.verdict_text(check, figure_row(), "en").startswith("no other source recorded")
    assert "Later" in claims.verdict_text(check, figure_row(), "en")


def test_no_number_without_evidence_is_unchecked_and_with_evidence_keeps_the_latest():
    nothing = figure_row(value=float("nan"))
    assert claims.check(nothing, evidence_rows().iloc[0:0], "en").code == "unchecked"
    rows = evidence_rows({"value": 1300, "value_text": "1,300", "unit": "actions"})
    check = claims.check(nothing, rows, "en")
    assert (check.code, check.latest.value) == ("no_number", 1300)


def test_a_derived_figure_without_a_record_is_compared_with_the_sources():
    rows = evidence_rows({"value": 20000, "value_text": "20,000", "unit": "actions", "compares": True},
                         {"value": 30000, "value_text": "30,000", "unit": "actions", "compares": True,
                          "relation": "contradicts", "source_publisher": "Against"})
    check = claims.check(figure_row(derived=True), rows, "en")
    assert check.code == "derived" and check.closest.value == 20000
    assert [c.source for c in check.contradicted] == ["Against"]  # the closest itself is not counted against it
    assert check.latest.value == 30000  # no record: the newest source stays


def test_a_derived_figure_with_nothing_to_compare_keeps_every_contradiction():
    rows = evidence_rows({"value": 30000, "value_text": "30,000", "unit": "actions", "relation": "contradicts"})
    check = claims.check(figure_row(derived=True), rows, "en")
    assert check.closest is None and len(check.contradicted) == 1


def test_the_same_within_a_tenth_of_a_percent_is_worded_the_same():
    row = figure_row()
    derived = Check("derived", cand(20008.0, text="20,008"), claims.pct(20000, 20008))  # -0.04%
    assert "the same as" in claims.verdict_text(derived, row, "en")
    near = record(latest_value=240900)  # the article's 241,000 is 0.04% above
    text = claims._record_text(near, pd.Series({"value": 241000.0}), "en")
    assert "the same" in text and "%" not in text.split("latest")[1]


def test_a_one_day_period_is_one_date():
    assert claims._span(date(2022, 5, 9), date(2022, 5, 9), "en") == "2022-05-09"
    assert claims._span(date(2022, 5, 9), date(2022, 5, 15), "en") != "2022-05-09"


def test_side_words_are_spanish_in_spanish():
    assert claims.side("es", -1) == "por debajo de"
    assert claims.side("es", 1) != claims.side("en", 1)


def test_official_values_are_rounded_to_a_tenth():
    assert claims.official_comparable({"latest": 7723.046}, "latest") == 7723.0
    assert claims.official_comparable({"latest": 7723.06}, "latest") == 7723.1
    assert claims.official_comparable({"latest": None}, "latest") is None
    assert claims.official_comparable(None, "latest") is None


def origin_chain(origin: dict, **figure) -> list[str]:
    rows = evidence_rows(origin | {"relation": "origin", "source_publisher": "NBC"})
    row = figure_row(**figure)
    return claims.chain(row, rows, claims.check(row, rows, "en"), "MBN", "en")


def test_a_chain_cites_the_origins_words_or_its_quote_and_reaches_the_record_only_through_a_value():
    with_record = {"value": 241000.0, "unit": "people", "latest_value": 241136, "first_value": 241136,
                   "first_on": date(2022, 6, 14), "known_value": 241136, "known_on": date(2022, 6, 14),
                   "latest_on": date(2022, 6, 14), "article_date": date(2022, 6, 15), "month": date(2022, 5, 1)}
    steps = origin_chain({"value": 241136, "value_text": "241,136", "unit": "people"}, **with_record)
    assert len(steps) == 3 and "241,136" in steps[2]
    wordless = origin_chain({"value": float("nan"), "value_text": None, "quote": "over 240,000"}, **with_record)
    assert len(wordless) == 2 and "over 240,000" in wordless[1]


def test_a_daily_figures_chain_does_not_reach_the_record_through_a_total():
    daily = {"value": 7778.0, "latest_value": 241136, "first_value": 241136, "first_on": date(2022, 6, 14),
             "known_value": 241136, "known_on": date(2022, 6, 14), "latest_on": date(2022, 6, 14),
             "article_date": date(2022, 6, 15)} | DAILY
    steps = origin_chain(TOTAL | {"value": 241136}, **daily)
    assert len(steps) == 2  # a total spread over days is not "the same number" as the record's first value


def test_the_claim_table_rounds_each_column_to_its_digits(cur):
    table = claims.claim_check(cur, all_filters("2017-10", "2023-02"), "en").set_index("figure_id")
    for _, row in table.iterrows():
        assert pd.isna(row["closest_when"]) or isinstance(row["closest_when"], str)
        for column, digits in (("closest_value", 1), ("diff_closest_pct", 2), ("official_known", 1),
                               ("official_latest", 1), ("diff_known_pct", 2), ("diff_latest_pct", 2)):
            if pd.notna(row[column]):
                assert round(row[column], digits) == row[column], (column, row[column])
    checked = table[table["closest_when"].notna()]
    assert len(checked) and (checked["closest_source"].notna()).all()
    assert table["diff_known_pct"].notna().any()
    known = table[table["official_known"].notna()].iloc[0]
    assert known["diff_known_pct"] == round(claims.pct(known["value"], known["official_known"]), 2)


def test_the_claim_table_rounds_made_up_values(monkeypatch):
    found = Candidate("Src", "2022-05-01", "before", 1.2549, "x")
    monkeypatch.setattr(claims, "check", lambda row, evidence, lang: Check("differs", found, 3.14159))
    monkeypatch.setattr(claims, "verdict_text", lambda c, r, lang: "v")
    monkeypatch.setattr(claims, "chain", lambda *args: [])
    inputs = pd.DataFrame([{"figure_id": "f", "value": 1.0, "latest_value": None}])
    out = claims.claim_table(inputs, evidence_rows().iloc[0:0], "en", "MBN").iloc[0]
    assert (out["closest_value"], out["diff_closest_pct"], out["closest_when"]) == (1.3, 3.14, "2022-05-01")


def test_the_claim_check_localizes_its_inputs(cur):
    english = claims.claim_check(cur, all_filters("2022-03", "2022-06"), "en").set_index("figure_id")
    spanish = claims.claim_check(cur, all_filters("2022-03", "2022-06"), "es").set_index("figure_id")
    assert (english["metric_short"] != spanish["metric_short"]).any()


SERIES = {"latest_value": 241136, "first_value": 239416, "first_on": date(2022, 6, 14), "known_value": 239416,
          "known_on": date(2022, 6, 14), "latest_on": date(2022, 10, 22), "article_date": date(2022, 6, 15),
          "month": date(2022, 5, 1)}


def test_with_a_record_no_latest_source_is_kept():
    rows = evidence_rows({"value": 250000, "value_text": "250,000", "unit": "people",
                          "source_published_on": date(2022, 7, 1)})
    check = claims.check(figure_row(value=241000.0, unit="people", **SERIES), rows, "en")
    assert check.record is not None and check.latest is None


def test_a_figure_with_no_number_keeps_its_record():
    rows = evidence_rows({"value_text": "many", "relation": "origin"})
    check = claims.check(figure_row(value=float("nan"), unit="people", **SERIES), rows, "en")
    assert check.code == "no_number" and check.record["first"] == 239416


def test_a_rounded_figure_with_a_contradiction_is_disputed():
    rows = evidence_rows({"value": 221303, "value_text": "221,303", "unit": "actions", "compares": True},
                         {"value": 300000, "value_text": "300,000", "unit": "actions", "relation": "contradicts"})
    assert claims.check(figure_row(value=221000.0), rows, "en").code == "disputed"


def spanish(check: Check, row: pd.Series) -> str:
    return claims.verdict_text(check, row, "es")


def test_every_verdict_path_reads_in_spanish():
    row = figure_row()
    assert spanish(Check("unchecked"), row) == "no se registró otra fuente"
    differs = spanish(Check("differs", cand(25000, text="25,000"), -20.0), row)
    assert differs.startswith("20.0% por debajo de la fuente más cercana")
    undated = {"source_precision": "on_or_before", "source_published": "2022-06-20"}
    rows = evidence_rows({"value": 20000, "value_text": "20,000", "unit": "actions", "compares": True},
                         {"value": 30000, "value_text": "30,000", "unit": "actions", "relation": "contradicts",
                          "source_publisher": "Otra"} | undated)
    disputed = claims.check(row, rows, "es")
    assert disputed.contradicted[0].when == claims.when_text("2022-06-20", "on_or_before", "es")
    record = claims.check(figure_row(value=239000.0, unit="people", **SERIES), evidence_rows().iloc[0:0], "es")
    assert record.closest.source == "la CBP (primer valor de su registro)"


def test_the_latest_values_words_in_spanish_and_their_digits():
    same = claims._record_text(record(latest_value=240900), pd.Series({"value": 241000.0}), "es")
    assert "la misma" in same
    near = claims._record_text(record(latest_value=240000), pd.Series({"value": 241000.0}), "en")
    assert "0.4% above" in near  # not rounded away to 'the same'
    row = figure_row(value=7000.0, **DAILY)  # matches a rate; CBP's later total is the newest source
    rows = evidence_rows({"value": 7000, "value_text": "7,000", "unit": "people per day", "compares": True,
                          "source_published_on": date(2022, 6, 1)},
                         TOTAL | {"compares": False, "source_published_on": date(2022, 6, 20)})
    assert "241,136 entre 31 días" in spanish(claims.check(row, rows, "es"), row)


def test_a_chain_does_not_take_a_total_for_the_daily_rate_it_spreads_to():
    daily = {"value": 7778.0, "latest_value": 241118, "first_value": 241118, "first_on": date(2022, 6, 14),
             "known_value": 241118, "known_on": date(2022, 6, 14), "latest_on": date(2022, 6, 14),
             "article_date": date(2022, 6, 15)} | DAILY
    steps = origin_chain(TOTAL | {"value": 7778, "value_text": "7,778"}, **daily)  # 241,118 / 31 = 7,778
    assert len(steps) == 2


def test_an_origin_without_a_value_does_not_stop_the_next_one():
    rows = evidence_rows({"value": float("nan"), "value_text": "many", "relation": "origin",
                          "source_publisher": "First"},
                         {"value": 241136, "value_text": "241,136", "unit": "people", "relation": "origin",
                          "source_publisher": "Second"})
    row = figure_row(value=241000.0, unit="people", **(SERIES | {"first_value": 241136}))
    steps = claims.chain(row, rows, claims.check(row, rows, "en"), "MBN", "en")
    assert len(steps) == 4  # the article, both origins, and CBP's first value behind the second
    assert steps[1].startswith("First") and steps[2].startswith("Second")


def test_the_time_rules_say_in_full_what_is_wrong():
    from dashboard.data import time_rule as timing

    assert timing.check(date(2022, 6, 15), "sometime") == f"must be one of {', '.join(timing.PRECISIONS)}"
    assert timing.check(None, "day") == "is 'undated' exactly when published is empty"
    assert timing.check(date(2022, 6, 15), "minute") == (
        "is 'minute' exactly when published gives a time with its UTC offset")
    assert timing.check(date(2022, 6, 15), "day") is None


def test_an_undated_source_has_no_bounds_even_with_a_date():
    from dashboard.data import time_rule as timing

    assert timing.bounds(date(2022, 6, 15), "undated") == timing.Bounds(None, None, None, None)
    assert timing.bounds(None, "day") == timing.Bounds(None, None, None, None)
