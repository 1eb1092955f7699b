"""Claim vs record: the as-of logic in the store, fiscal years, and the verdict rules."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import claims, queries
from dashboard.claims import Observed, Record
from tests.conftest import all_filters


def as_of(cur, month: str, day: str):
    rows = cur.execute(
        "SELECT value, observed_on FROM official_as_of(?::DATE) WHERE month = ?::DATE", [day, f"{month}-01"]
    ).fetchall()
    return rows[0][0] if rows else None


def test_a_month_is_absent_before_its_first_release(cur):
    assert as_of(cur, "2022-04", "2022-05-17") is None
    assert as_of(cur, "2022-04", "2022-05-18") == 234088


def test_between_revisions_the_earlier_value_holds(cur):
    assert as_of(cur, "2022-03", "2022-05-17") == 221303
    assert as_of(cur, "2022-03", "2022-06-15") == 222144
    assert as_of(cur, "2022-03", "2022-07-17") == 222144
    assert as_of(cur, "2022-03", "2022-07-18") == 222340


def test_cbp_may_release_on_the_article_date_is_kept(cur):
    assert as_of(cur, "2022-05", "2022-06-15") == 239416
    assert as_of(cur, "2022-05", "2099-01-01") == 241136


@pytest.mark.parametrize(("month", "fiscal_year"), [("2021-09", 2021), ("2021-10", 2022), ("2022-09", 2022),
                                                    ("2017-10", 2018), ("2023-02", 2023)])
def test_fiscal_year_runs_october_to_september(cur, month, fiscal_year):
    got = cur.execute("SELECT fiscal_year FROM official_latest WHERE month = ?::DATE", [f"{month}-01"]).fetchall()
    assert got == [(fiscal_year,)]


def test_latest_values_sum_to_cbp_fiscal_year_totals(cur):
    totals = dict(cur.execute("SELECT fiscal_year, sum(value) FROM official_latest GROUP BY ALL").fetchall())
    published = {2018: 521_090, 2019: 977_509, 2020: 458_088, 2021: 1_734_686, 2022: 2_378_944}
    assert {y: totals[y] for y in published} == published


def record(first, known, latest, first_on=date(2022, 4, 19), known_on=date(2022, 5, 18), latest_on=date(2022, 10, 22)):
    return Record(Observed(first, first_on), None if known is None else Observed(known, known_on),
                  Observed(latest, latest_on))


def test_exact_match_with_later_revision():
    text = claims.monthly_verdict(234088, record(234088, 234088, 235785))
    assert text == "matches CBP's first release exactly; revised later to 235,785 (+0.7%)"


def test_exact_match_never_revised():
    assert claims.monthly_verdict(1000, record(1000, 1000, 1000)) == "matches CBP's first release exactly"


def test_rounded_from_first_release_already_revised():
    text = claims.monthly_verdict(221000, record(221303, 222144, 222574))
    assert text == ("rounded from 221,303 (already revised to 222,144 by the article's date); "
                    "revised later to 222,574 (+0.2%)")


def test_rounding_needs_the_right_trailing_zeros():
    assert claims.is_rounded_from(221000, 221303)
    assert claims.is_rounded_from(220000, 221303)  # to the nearest 10,000
    assert claims.is_rounded_from(222000, 221303) is False
    assert claims.is_rounded_from(221300, 221303)
    assert claims.is_rounded_from(221303, 221303) is False


def test_plain_difference_says_by_how_much_and_which_way():
    text = claims.monthly_verdict(229400, record(239416, 239416, 241136), derived=True)
    assert text == ("derived figure, 4.2% below CBP's 239,416 as known on the article's date; "
                    "revised later to 241,136 (+0.7%)")


def test_month_not_yet_published_on_the_article_date():
    text = claims.monthly_verdict(200000, record(207416, None, 207834, first_on=date(2022, 7, 18)))
    assert text.startswith("CBP had not published this month by the article's date; its first release (2022-07-18)")


def test_daily_rate_has_no_official_counterpart_but_a_comparison():
    text = claims.daily_verdict(7400, date(2022, 5, 1), record(239416, 239416, 241136))
    assert text.startswith(
        "no official daily figure: CBP's May total of 239,416 gives 7,723 a day, 4.4% above the article")
    assert "7,779 a day" in text


def test_no_counterpart_names_the_recorded_context():
    row = pd.Series({"latest_value": float("nan"), "context": "CNN reported the same figure.", "metric": "x"})
    assert claims.verdict(row) == "no official series. CNN reported the same figure."
    row["context"] = None
    assert claims.verdict(row) == "no official series; no other source recorded"


def test_claim_table_from_the_store(cur):
    table = claims.claim_table(queries.claim_inputs(cur, all_filters())).set_index("figure_id")
    assert table.loc["f-2022-03-arrivals", "official_known"] == 222144
    assert table.loc["f-2022-03-arrivals", "known_on"] == date(2022, 5, 18)
    assert table.loc["f-2022-04-arrivals", "diff_latest_pct"] == pytest.approx(-0.72, abs=0.01)
    assert table.loc["f-2022-05-daily", "official_known"] == pytest.approx(7723.1)
    assert table.loc["f-sting-disruptive-actions", "verdict"].startswith("no official series. CNN")
    assert "e-hrw-report" not in table.index
