"""Claim vs record: the time rule, the as-of logic in the store, fiscal years, and each verdict rule.

Each rule has a test built so that removing or flipping the rule fails it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest

from dashboard.check import claims
from dashboard.check.claims import Candidate
from dashboard.data import queries
from dashboard.data import time_rule as timing
from dashboard.data.filters import Filters
from tests.conftest import ALL_ACTORS, all_filters

CDT = timezone(timedelta(hours=-5))
ARTICLE_AT = datetime(2022, 6, 15, 12, 4, tzinfo=CDT)


def as_of(cur, month: str, at: datetime):
    rows = cur.execute("SELECT value FROM official_as_of(?::TIMESTAMPTZ) WHERE month = ?::DATE",
                       [at, f"{month}-01"]).fetchall()
    return rows[0][0] if rows else None


# --- the time model ---------------------------------------------------------------------------------------

def test_a_date_only_release_counts_once_its_day_is_over_everywhere():
    bounds = timing.bounds(date(2022, 6, 15), "day")
    assert bounds.public_from == datetime(2022, 6, 16, 12, 0, tzinfo=UTC)  # 00:00 at UTC-12
    assert bounds.earliest_at == datetime(2022, 6, 14, 10, 0, tzinfo=UTC)  # 00:00 at UTC+14


def test_an_instant_is_its_own_bound_and_other_precisions_leave_one_open():
    assert timing.bounds(ARTICLE_AT, "minute").public_from == ARTICLE_AT == timing.bounds(ARTICLE_AT,
                                                                                          "minute").earliest_at
    assert timing.bounds(date(2022, 5, 17), "on_or_before").earliest_at is None
    assert timing.bounds(date(2022, 5, 17), "on_or_before").public_from is not None
    assert timing.bounds(date(2022, 6, 13), "on_or_after").public_from is None
    assert timing.bounds(None, "undated").public_from is None


@pytest.mark.parametrize(("published", "precision", "ok"), [
    (ARTICLE_AT, "minute", True), (date(2022, 6, 15), "day", True), (None, "undated", True),
    (date(2022, 6, 15), "minute", False), (ARTICLE_AT, "day", False), (None, "day", False),
    (date(2022, 6, 15), "undated", False), (date(2022, 6, 15), "someday", False),
])
def test_precision_must_fit_what_is_given(published, precision, ok):
    assert (timing.check(published, precision) is None) is ok


def test_a_release_on_the_article_day_with_no_time_is_not_known_at_publication(cur):
    assert as_of(cur, "2022-05", ARTICLE_AT) is None  # CBP's May release is dated 2022-06-15, no time
    assert as_of(cur, "2022-05", ARTICLE_AT + timedelta(days=2)) == 239416


def test_an_observation_the_day_before_is_known(cur):
    assert as_of(cur, "2022-04", datetime(2022, 5, 18, 23, 0, tzinfo=UTC)) is None  # observed 2022-05-18
    assert as_of(cur, "2022-04", datetime(2022, 5, 19, 12, 0, tzinfo=UTC)) == 234088


def test_an_observation_with_a_time_counts_from_that_time(edit_csv, data_dir):
    from dashboard.data import store

    def timed(rows):
        for row in rows:
            if row["month"] == "2022-05" and row["observed_on"] == "2022-06-15":
                row["observed_at"] = "2022-06-15T09:00-04:00"
    edit_csv("official_observations", timed)
    store.build(data_dir)
    con = store.connect_read_only(store.default_store(data_dir))
    try:
        assert as_of(con.cursor(), "2022-05", ARTICLE_AT) == 239416  # 13:00 UTC, before the article's 17:04 UTC
    finally:
        con.close()


def test_between_revisions_the_earlier_value_holds(cur):
    assert as_of(cur, "2022-03", datetime(2022, 5, 18, tzinfo=UTC)) == 221303
    assert as_of(cur, "2022-03", ARTICLE_AT) == 222144
    assert as_of(cur, "2022-03", datetime(2022, 7, 19, 12, tzinfo=UTC)) == 222340


@pytest.mark.parametrize(("src", "art", "expected"), [
    (("2022-06-14 11:00+00", "2022-06-12 10:00+00"), ("2022-06-15 17:04+00", "2022-06-15 17:04+00"), "before"),
    (("2022-06-16 12:00+00", "2022-06-16 10:00+00"), ("2022-06-15 17:04+00", "2022-06-15 17:04+00"), "after"),
    (("2022-06-16 12:00+00", "2022-06-14 10:00+00"), ("2022-06-15 17:04+00", "2022-06-15 17:04+00"), "unclear"),
    ((None, "2022-06-14 10:00+00"), ("2022-06-15 17:04+00", "2022-06-15 17:04+00"), "unclear"),
    (("2022-06-14 11:00+00", None), ("2022-06-15 17:04+00", "2022-06-15 17:04+00"), "before"),
])
def test_known_when_rule(cur, src, art, expected):
    got = cur.execute("SELECT known_when(?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ)",
                      [src[0], src[1], art[1], art[0]]).fetchall()[0][0]
    assert got == expected


def test_evidence_is_flagged_by_when_it_was_public(cur):
    flags = dict(((f, s), k) for f, s, k in cur.execute(
        "SELECT figure_id, source_id, known_at_publication FROM evidence_cited").fetchall())
    assert flags[("f-2022-04-arrivals", "nbc-2022-05-16")] == "before"
    assert flags[("f-2022-05-daily", "cbp-2022-06-15")] == "unclear"  # the article's own day, no time
    assert flags[("f-sting-funding", "dhs-2022-10-06")] == "after"


@pytest.mark.parametrize(("month", "fiscal_year"), [("2021-09", 2021), ("2021-10", 2022), ("2022-09", 2022),
                                                    ("2017-10", 2018), ("2023-02", 2023)])
def test_fiscal_year_runs_october_to_september(cur, month, fiscal_year):
    got = cur.execute("SELECT fiscal_year FROM official_latest WHERE month = ?::DATE", [f"{month}-01"]).fetchall()
    assert got == [(fiscal_year,)]


def test_latest_values_sum_to_cbp_fiscal_year_totals(cur):
    totals = dict(cur.execute("SELECT fiscal_year, sum(value) FROM official_latest GROUP BY ALL").fetchall())
    published = {2018: 521_090, 2019: 977_509, 2020: 458_088, 2021: 1_734_686, 2022: 2_378_944}
    assert {y: totals[y] for y in published} == published


# --- the verdict rules, on hand-made candidates --------------------------------------------------------------

MAY = (date(2022, 5, 1), date(2022, 5, 31))


def cand(value, relation="corroborates", known="before", start=None, end=None, on=date(2022, 5, 1), text="x"):
    return Candidate("Src", str(on), known, value, text, relation, start, end, None, on)


def test_rounding_needs_the_right_trailing_zeros():
    assert claims.is_rounded_from(221000, 221303)
    assert claims.is_rounded_from(220000, 221303)  # to the nearest 10,000
    assert claims.is_rounded_from(222000, 221303) is False
    assert claims.is_rounded_from(221300, 221303)
    assert claims.is_rounded_from(221303, 221303) is False
    assert claims.is_rounded_from(30000, 25000) and not claims.is_rounded_from(20000, 25000)  # half up


@pytest.mark.parametrize(("article", "found", "code"), [
    (7400, cand(7400), "matches"),
    (221000, cand(221303), "rounded"),
    (7400, cand(7400, start=date(2022, 5, 9), end=date(2022, 5, 15)), "misread"),
    (7400, cand(7400, start=date(2022, 5, 1), end=date(2022, 5, 31)), "matches"),
    (7000, cand(7000, start=date(2022, 5, 9), end=date(2022, 5, 15)), "misread"),
    (7000, cand(7723), "differs"),
])
def test_classify(article, found, code):
    assert claims.classify(article, found, *MAY) == code


def test_closest_is_the_nearest_value():
    assert claims.closest(7400, [cand(7723), cand(7000), cand(7350)]).value == 7350


def test_closest_ties_go_to_the_origin_then_to_what_was_public_first():
    origin, public, unclear = cand(2000, "origin", "unclear"), cand(2000, known="before"), cand(2000, known="unclear")
    assert claims.closest(2000, [public, unclear, origin]) is origin
    assert claims.closest(2000, [unclear, public]) is public
    early, late = cand(2000, on=date(2022, 6, 1)), cand(2000, on=date(2022, 6, 10))
    assert claims.closest(2000, [late, early]) is early


def test_a_total_beside_a_daily_rate_is_spread_over_its_days():
    assert claims.in_figure_unit(239416, "encounters", "people per day", *MAY) == (239416 / 31, 31)
    assert claims.in_figure_unit(239416, "encounters", "people", *MAY) == (239416, None)
    assert claims.in_figure_unit(7400, "encounters per day", "people per day", *MAY) == (7400, None)


def evidence_rows(*rows: dict) -> pd.DataFrame:
    base = {"figure_id": "f", "source_id": "s", "relation": "corroborates", "value": None, "value_text": None,
            "unit": None, "period_start": None, "period_end": None, "compares": False, "quote": "q", "note": None,
            "source_publisher": "Src", "source_published": "2022-06-10", "source_precision": "day",
            "source_published_on": date(2022, 6, 10), "known_at_publication": "before"}
    return pd.DataFrame([base | row for row in rows], columns=list(base))


def figure_row(value=20000.0, unit="actions", derived=False, **extra) -> pd.Series:
    base = {"figure_id": "f", "value": value, "value_text": f"{value:,.0f}", "unit_code": unit,
            "period_start": date(2022, 6, 10), "period_end": date(2022, 6, 10), "is_derived": derived,
            "latest_value": None, "month": date(2022, 6, 1)}
    return pd.Series(base | extra)


def test_a_match_with_a_contradicting_source_is_disputed():
    rows = evidence_rows({"value": 20000, "value_text": "20,000", "unit": "actions", "compares": True},
                         {"value": 30000, "value_text": "30,000", "unit": "actions", "compares": True,
                          "relation": "contradicts", "source_publisher": "Other"})
    check = claims.check(figure_row(), rows, "en")
    assert check.code == "disputed"
    assert [c.source for c in check.contradicted] == ["Other"]
    assert "contradicted by Other" in claims.verdict_text(check, figure_row(), "en")


def test_without_a_contradiction_a_match_stays_a_match():
    rows = evidence_rows({"value": 20000, "value_text": "20,000", "unit": "actions", "compares": True})
    assert claims.check(figure_row(), rows, "en").code == "matches"


def test_only_comparable_values_are_candidates():
    rows = evidence_rows({"value": 20000, "value_text": "20,000", "unit": "actions", "compares": False},
                         {"value": 25000, "value_text": "25,000", "unit": "actions", "compares": True})
    check = claims.check(figure_row(), rows, "en")
    assert (check.code, check.closest.value) == ("differs", 25000)


def test_a_figure_with_no_number_lists_what_the_sources_give():
    rows = evidence_rows({"value_text": "hundreds of personnel", "relation": "origin"},
                         {"value": 1300, "value_text": "1,300", "unit": "officials", "compares": True})
    check = claims.check(figure_row(value=float("nan"), unit="officials"), rows, "en")
    assert check.code == "no_number"
    assert "“1,300” (Src, 2022-06-10)" in claims.verdict_text(check, figure_row(value=float("nan")), "en")


def test_a_figure_with_no_evidence_is_unchecked():
    assert claims.check(figure_row(), evidence_rows().iloc[0:0], "en").code == "unchecked"


def test_the_gap_sign_matches_its_words():
    rows = evidence_rows({"value": 25000, "value_text": "25,000", "unit": "actions", "compares": True})
    check = claims.check(figure_row(), rows, "en")
    assert check.gap == pytest.approx(-20.0)
    assert "20.0% below the closest source" in claims.verdict_text(check, figure_row(), "en")
    higher = claims.check(figure_row(value=31000.0), rows, "en")
    assert "24.0% above" in claims.verdict_text(higher, figure_row(value=31000.0), "en")


# --- the verdicts from the store -----------------------------------------------------------------------------

@pytest.fixture
def table(cur):
    return claims.claim_check(cur, all_filters("2017-10", "2023-02"), "en").set_index("figure_id")


def test_march_matches_its_origin_and_the_chain_reaches_cbp(table):
    march = table.loc["f-2022-03-arrivals"]
    assert (march["verdict_code"], march["closest_source"], march["closest_value"]) == ("matches", "NBC News", 221000)
    assert march["official_known"] == 222144
    assert march["chain"].endswith("CBP's record (first value) (2022-04-19): 221,303")


def test_may_daily_rate_is_a_misread_week_and_was_not_known_at_publication(table):
    may = table.loc["f-2022-05-daily"]
    assert may["verdict_code"] == "misread"
    assert "2022-05-09 to 2022-05-15 only" in may["verdict"]
    assert may["official_known"] is None or pd.isna(may["official_known"])
    assert "the article's own day, with no time stated, so it is not counted as known" in may["verdict"]
    assert "239,416 over 31 days = 7,723 a day" in may["verdict"]


def test_derived_figures_are_compared_with_the_release_their_input_rounds(table):
    march_rate = table.loc["f-2022-03-daily-derived"]
    assert march_rate["verdict_code"] == "derived"
    assert march_rate["closest_value"] == pytest.approx(221303 / 31, abs=0.1)  # first release, not 222,144


def test_verdict_and_difference_columns_agree_in_sign(table):
    derived_may = table.loc["f-2022-05-arrivals-derived"]
    assert derived_may["diff_closest_pct"] == pytest.approx(-4.18, abs=0.01)
    assert "4.2% below" in derived_may["verdict"]
    assert derived_may["diff_latest_pct"] == pytest.approx(-4.87, abs=0.01)
    assert "4.9% below" in derived_may["verdict"]


def test_dhs_counts_differ_so_twenty_thousand_is_disputed(table):
    actions = table.loc["f-sting-disruptive-actions"]
    assert actions["verdict_code"] == "disputed"
    assert "nearly 30,000" in actions["verdict"]


def test_claim_queries_take_figures_whose_period_overlaps_the_months(cur):
    may_only = queries.claim_inputs(cur, Filters("2022-05", "2022-05", ALL_ACTORS))
    # The arrests span 2022-04-15 to 2022-06-10: they overlap May without lying inside it.
    assert "f-sting-traffickers-arrested" in set(may_only["figure_id"])
    assert "f-2022-04-arrivals" not in set(may_only["figure_id"])
    assert set(queries.evidence(cur, Filters("2022-05", "2022-05", ALL_ACTORS))["figure_id"]) <= set(
        may_only["figure_id"])


def test_claim_queries_follow_the_actors(cur):
    shown = queries.claim_inputs(cur, Filters("2017-10", "2023-02", ("mx-inm",)))
    assert list(shown["figure_id"]) == ["f-inm-caravan"]


# --- the verdicts as a reader reads them: every part, its numbers checked by hand ---------------------------------
# 221,303 / 31 = 7,138.8; 222,144 / 31 = 7,165.9; 222,574 / 31 = 7,179.8; 239,416 / 31 = 7,723.1;
# 241,136 / 31 = 7,778.6; 7,400 / 7,778.6 - 1 = -4.87%; 221,000 / 222,574 - 1 = -0.71%; 7,129 / 7,138.8 - 1 = -0.14%.

VERDICTS = {
    ("en", "f-2022-03-arrivals"): (
        "matches NBC News (by 2022-05-17): “just over 221,000”. At the article's minute CBP's record said 222,144 "
        "(observed 2022-05-18); latest 222,574 (2022-10-22): this figure is 0.7% below it"),
    ("en", "f-2022-03-daily-derived"): (
        "this dashboard's arithmetic, 0.1% below CBP's record (first value) (2022-04-19): 221,303 over 31 days = "
        "7,139 a day. At the article's minute CBP's record said 222,144 over 31 days = 7,166 a day (observed "
        "2022-05-18); latest 222,574 over 31 days = 7,180 a day (2022-10-22): this figure is 0.7% below it"),
    ("en", "f-2022-05-daily"): (
        "misreads NBC News (by 2022-05-17): “just over 7,400 migrants a day” is for 2022-05-09 to 2022-05-15 only, "
        "not for 2022-05-01 to 2022-05-31 as the article presents it; contradicted by CBP (2022-06-15): 239,416 over "
        "31 days = 7,723 a day. At the article's minute CBP had not certainly published this month: its first value "
        "(239,416) is dated 2022-06-15, the article's own day, with no time stated, so it is not counted as known; "
        "latest 241,136 over 31 days = 7,779 a day (2022-10-22): this figure is 4.9% below it"),
    ("en", "f-sting-traffickers-arrested"): (
        "matches CNN, machine re-translated (2022-06-10 or later): “nearly 2,000” (not certainly public before the "
        "article); latest source: DHS (2022-10-06): “5,000”"),
    ("en", "f-sting-officials"): (
        "no number in the article; the sources give “more than 1,300 personnel” (DHS, 2022-10-06); “1,300” "
        "(Government Executive, 2022-06-13 or later); “more than 1,300 staff” (CNN, machine re-translated, "
        "2022-06-10 or later)"),
    ("es", "f-2022-03-daily-derived"): (
        "cálculo de este tablero, 0.1% por debajo de la CBP (primer valor de su registro) (2022-04-19): 221,303 entre "
        "31 días = 7,139 al día. Al minuto del artículo, el registro de la CBP decía 222,144 entre 31 días = 7,166 al "
        "día (observado el 2022-05-18); más reciente 222,574 entre 31 días = 7,180 al día (2022-10-22): esta cifra "
        "está 0.7% por debajo de ella"),
    ("es", "f-sting-officials"): (  # a publisher that is a description reads in Spanish; quotes stay
        "el artículo no da número; las fuentes dan “more than 1,300 personnel” (DHS, 2022-10-06); “1,300” "
        "(Government Executive, 2022-06-13 o después); “more than 1,300 staff” (CNN, retraducción automática, "
        "2022-06-10 o después)"),
    ("es", "f-2022-05-daily"): (
        "lee mal a NBC News (a más tardar el 2022-05-17): “just over 7,400 migrants a day” corresponde solo a "
        "2022-05-09 a 2022-05-15, no a 2022-05-01 a 2022-05-31 como lo presenta el artículo; la contradice CBP "
        "(2022-06-15): 239,416 entre 31 días = 7,723 al día. Al minuto del artículo no consta que la CBP hubiera "
        "publicado este mes: su primer valor (239,416) lleva fecha del 2022-06-15, el mismo día del artículo, sin "
        "hora, así que no se cuenta como conocido; más reciente 241,136 entre 31 días = 7,779 al día (2022-10-22): "
        "esta cifra está 4.9% por debajo de ella"),
}
CHAINS = {
    ("en", "f-2022-03-arrivals"): ("Mexico Business News: 221,000 ← NBC News (by 2022-05-17): just over 221,000 ← "
                                   "CBP's record (first value) (2022-04-19): 221,303"),
    ("es", "f-2022-03-arrivals"): ("Mexico Business News: 221,000 ← NBC News (a más tardar el 2022-05-17): just over "
                                   "221,000 ← la CBP (primer valor de su registro) (2022-04-19): 221,303"),
    ("en", "f-2022-05-daily"): "Mexico Business News: 7,400 a day ← NBC News (by 2022-05-17): just over 7,400 migrants "
                               "a day",
    ("en", "f-2022-03-daily-derived"): "",
}


@pytest.mark.parametrize(("lang", "figure"), sorted(VERDICTS))
def test_verdicts_read_in_full(cur, lang, figure):
    table = claims.claim_check(cur, all_filters("2017-10", "2023-02"), lang).set_index("figure_id")
    assert table.loc[figure, "verdict"] == VERDICTS[(lang, figure)]


@pytest.mark.parametrize(("lang", "figure"), sorted(CHAINS))
def test_where_each_figure_came_from(cur, lang, figure):
    table = claims.claim_check(cur, all_filters("2017-10", "2023-02"), lang).set_index("figure_id")
    assert table.loc[figure, "chain"] == CHAINS[(lang, figure)]


# --- each wording branch, on hand-made checks ----------------------------------------------------------------------

def test_each_verdict_branch_has_its_words():
    row = figure_row()
    assert claims.verdict_text(claims.Check("rounded", cand(221303, text="221,303"), -0.14), row, "en") == (
        "rounds Src (2022-05-01): “221,303”")
    assert claims.verdict_text(claims.Check("unchecked"), row, "en") == "no other source recorded"
    no_number = figure_row(value=float("nan"))
    assert claims.verdict_text(claims.Check("no_number"), no_number, "en") == "no number in the article"
    same = claims.Check("derived", cand(7803.0, known="unclear", text="7,803"), 0.0)
    assert claims.verdict_text(same, row, "en") == (
        "this dashboard's arithmetic, the same as Src (2022-05-01): “7,803” (not certainly public before the article)")
    assert claims.side("en", 0.5) == "above" and claims.side("en", -0.5) == "below"


def test_a_month_first_published_after_the_article_and_a_figure_equal_to_the_latest():
    row = figure_row(value=207834.0, unit="people", month=date(2022, 6, 1), latest_value=207834, first_value=207416,
                     first_on=date(2022, 7, 18), known_value=float("nan"), known_on=pd.NaT,
                     latest_on=date(2022, 10, 22), article_date=date(2022, 6, 15))
    record = claims.record_of(row)
    assert record["first_known"] == "after"
    matched = claims.Check("matches", cand(207834, text="207,834"), 0.0, record=record)
    assert claims.verdict_text(matched, row, "en") == (
        "matches Src (2022-05-01): “207,834”. At the article's minute CBP had not published this month: its first "
        "value (207,416) came on 2022-07-18; latest 207,834 (2022-10-22), the same")


def test_spanish_verdicts_and_chains_leave_no_english_message(cur):
    from tests.test_app import english_fragments
    table = claims.claim_check(cur, all_filters("2017-10", "2023-02"), "es")
    text = " ".join(table["verdict"]) + " ".join(table["chain"])
    text = re.sub(r"“[^”]*”", "", text)  # the sources' own words stay as they are
    assert not {f for f in english_fragments() if f in text}
