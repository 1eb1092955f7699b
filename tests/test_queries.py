"""Queries under filters: overlap of periods, actors, and injection-proof parameters."""

from __future__ import annotations

from dashboard.data import queries
from dashboard.data.filters import Filters
from tests.conftest import ALL_ACTORS, all_filters


def ids(df) -> list[str]:
    return sorted(df["figure_id"])


def test_april_us_gov_is_the_total_and_its_derived_rate(cur):
    shown = queries.figures(cur, Filters("2022-04", "2022-04", ("us-gov",)))
    assert ids(shown) == ["f-2022-04-arrivals", "f-2022-04-daily-derived"]
    assert list(shown["is_derived"]) == [False, True]


def test_figure_shows_when_its_period_overlaps_the_months(cur):
    # "last 2 months" runs 2022-04-15 to 2022-06-15: it overlaps April, May and June.
    for month in ("2022-04", "2022-05", "2022-06"):
        assert "f-sting-traffickers-arrested" in ids(queries.figures(cur, all_filters(month, month)))
    assert "f-sting-traffickers-arrested" not in ids(queries.figures(cur, all_filters("2022-03", "2022-03")))


def test_chart_selects_only_its_metrics(cur):
    monthly = queries.figures(cur, all_filters(), "monthly")
    assert set(monthly["metric"]) == {"monthly_arrivals"}
    assert ids(monthly) == ["f-2022-03-arrivals", "f-2022-04-arrivals", "f-2022-05-arrivals-derived"]


def test_refs_are_stable_across_filters(cur):
    everything = queries.figures(cur, all_filters()).set_index("figure_id")["ref"]
    april = queries.figures(cur, Filters("2022-04", "2022-04", ("us-gov",))).set_index("figure_id")["ref"]
    assert all(everything[f] == april[f] for f in april.index)
    assert sorted(everything) == list(range(1, len(everything) + 1))


def test_no_actor_means_no_figures(cur):
    assert queries.figures(cur, Filters("2022-03", "2022-06", ())).empty


def test_sql_in_an_actor_id_is_only_a_value(cur):
    for crafted in ("us-gov' OR '1'='1", "x'); DROP TABLE figures; --", "' UNION SELECT * FROM sources --"):
        assert queries.figures(cur, Filters("2022-03", "2022-06", (crafted,))).empty
    assert len(queries.figures(cur, all_filters())) == 15


def test_month_options_span_the_store(cur):
    months = queries.month_options(cur)
    assert (months[0], months[-1], len(months)) == ("2017-10", "2023-02", 65)


def test_actors_are_ordered_by_id(cur):
    assert tuple(queries.actors(cur)["actor_id"]) == ALL_ACTORS


def test_dates_come_back_as_dates(cur):
    shown = queries.figures(cur, all_filters())
    assert str(shown.loc[shown["figure_id"] == "e-hrw-report", "period_start"].iloc[0]) == "2022-06-06"
