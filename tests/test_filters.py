from __future__ import annotations

from datetime import date

from dashboard.data.filters import Filters, first_day, last_day, month_label, months_between, ordered_range, period_text

OPTIONS = ["2022-03", "2022-04", "2022-05", "2022-06"]


def test_months_between_crosses_years():
    assert months_between(date(2021, 11, 20), date(2022, 2, 1)) == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert months_between(date(2022, 3, 31), date(2022, 3, 1)) == ["2022-03"]
    assert months_between(date(2022, 4, 1), date(2022, 3, 31)) == []
    assert len(months_between(date(2017, 1, 1), date(2024, 12, 31))) == 8 * 12


def test_month_label():
    assert [month_label(m, "en") for m in ("2022-03", "2017-12")] == ["Mar 2022", "Dec 2017"]
    assert [month_label(m, "es") for m in ("2022-03", "2017-12")] == ["mar 2022", "dic 2017"]


def test_a_month_key_gives_its_first_and_last_day():
    assert [first_day(k) for k in ("2022-03", "2017-12")] == [date(2022, 3, 1), date(2017, 12, 1)]
    assert [last_day(k) for k in ("2022-04", "2024-02", "2017-12")] == [date(2022, 4, 30), date(2024, 2, 29),
                                                                        date(2017, 12, 31)]


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
    some = Filters("2022-04", "2022-04", ("c", "a")).file_suffix(("a", "b", "c"))
    assert some == "2022-04_to_2022-04_a_c"  # sorted, joined by _
    assert Filters("2022-04", "2022-04", ()).file_suffix(everyone) == "2022-04_to_2022-04_no-actors"
    assert Filters("2022-04", "2022-04", ("../",)).file_suffix(everyone) == "2022-04_to_2022-04_no-actors"
    assert Filters("2022-04", "2022-04", ("<b>", "../", "a")).file_suffix(("z",)) == "2022-04_to_2022-04_b_a"


def test_a_file_suffix_keeps_the_first_80_characters_of_the_actors():
    long = Filters("2022-04", "2022-04", ("a" * 50, "b" * 50))
    assert long.file_suffix(("z",)) == "2022-04_to_2022-04_" + ("a" * 50 + "_" + "b" * 50)[:80]


def test_describe_names_the_months_and_actors_in_each_language():
    both = Filters("2022-03", "2022-05", ("us-dhs", "mx-inm"))
    assert both.describe("en") == "Mar 2022 – May 2022; actors: us-dhs, mx-inm"
    assert both.describe("es") == "mar 2022 – may 2022; actores: us-dhs, mx-inm"
    one = Filters("2022-03", "2022-03", ())
    assert one.describe("en") == "Mar 2022; actors: none"
    assert one.describe("es") == "mar 2022; actores: ninguno"


def test_describe_gives_actors_by_name_and_all_of_them_as_all():
    names = {"us-dhs": "US DHS", "mx-inm": "INM", "hrw": "HRW"}
    assert Filters("2022-03", "2022-05", ("mx-inm", "us-dhs")).describe("en", names) == (
        "Mar 2022 – May 2022; actors: INM, US DHS")
    assert Filters("2022-03", "2022-03", ("hrw", "gone")).describe("en", names) == "Mar 2022; actors: HRW, gone"
    every = Filters("2022-03", "2022-03", ("hrw", "mx-inm", "us-dhs"))
    assert every.describe("en", names) == "Mar 2022; actors: all"
    assert every.describe("es", names) == "mar 2022; actores: todos"
    assert Filters("2022-03", "2022-03", ()).describe("es", names) == "mar 2022; actores: ninguno"


def test_period_text():
    assert period_text(date(2022, 6, 6), date(2022, 6, 6), "en") == "2022-06-06"
    assert period_text(date(2022, 4, 15), date(2022, 6, 15), "en") == "2022-04-15 to 2022-06-15"
    assert period_text(date(2022, 4, 15), date(2022, 6, 15), "es") == "2022-04-15 a 2022-06-15"
