from __future__ import annotations

from datetime import date

from dashboard.filters import Filters, month_label, months_between, ordered_range, period_text

OPTIONS = ["2022-03", "2022-04", "2022-05", "2022-06"]


def test_months_between_crosses_years():
    assert months_between(date(2021, 11, 20), date(2022, 2, 1)) == ["2021-11", "2021-12", "2022-01", "2022-02"]


def test_month_label():
    assert [month_label(m) for m in ("2022-03", "2017-12")] == ["Mar 2022", "Dec 2017"]


def test_ordered_range_sorts_and_drops_unknown_months():
    assert ordered_range(["2022-05", "2022-03"], OPTIONS) == ("2022-03", "2022-05")
    assert ordered_range(["2022-05", "1999-01"], OPTIONS) == ("2022-05", "2022-05")
    assert ordered_range(["nonsense"], OPTIONS) == ("2022-03", "2022-06")


def test_filter_dates_cover_whole_months():
    f = Filters("2022-02", "2024-02", ())
    assert (f.start, f.end) == (date(2022, 2, 1), date(2024, 2, 29))


def test_file_suffix_names_the_filter_safely():
    everyone = ("a", "b")
    assert Filters("2022-04", "2022-05", ("a", "b")).file_suffix(everyone) == "2022-04_to_2022-05_all-actors"
    assert Filters("2022-04", "2022-04", ("b",)).file_suffix(everyone) == "2022-04_to_2022-04_b"
    assert Filters("2022-04", "2022-04", ("<x>/../",)).file_suffix(everyone) == "2022-04_to_2022-04_x"


def test_period_text():
    assert period_text(date(2022, 6, 6), date(2022, 6, 6)) == "2022-06-06"
    assert period_text(date(2022, 4, 15), date(2022, 6, 15)) == "2022-04-15 to 2022-06-15"
