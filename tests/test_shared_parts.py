"""The app makes some parts once for every figure and selects by figure for each view (dashboard/screen/caches.py,
dashboard/screen/article_view.py). That is right only if the selection equals what the filtered queries give: these
tests compare both ways for every pair of months and several actor sets."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from dashboard.check import claims
from dashboard.data import queries
from dashboard.data.filters import Filters
from dashboard.screen.caches import shown_rows
from tests.conftest import ALL_ACTORS

ACTOR_SETS = (ALL_ACTORS, ("us-dhs",), ("mbn", "mx-inm"), ("hrw", "us-cbp", "us-gov"))


@pytest.fixture
def views(cur):
    months = queries.month_options(cur)
    picks = [months[0], "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", months[-1]]  # around the figures
    return [Filters(a, b, actors) for a, b in itertools.combinations_with_replacement(sorted(picks), 2)
            for actors in ACTOR_SETS]


def same(mine: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal values, missing in the same cells. DuckDB types a text column with no value at all as `object` (None)
    rather than `str` (NaN), so a column empty in the filtered rows differs in that only; the code reads both with
    `pd.isna`/`isinstance`, and CSV writes both as an empty cell."""
    def plain(df):
        return df.astype(object).where(df.notna(), None)
    pd.testing.assert_frame_equal(plain(mine), plain(expected), check_index_type=not expected.empty)


def everything(cur) -> Filters:
    months = queries.month_options(cur)
    return Filters(months[0], months[-1], tuple(queries.actors(cur)["actor_id"]))


def test_every_figure_checked_once_then_selected_equals_the_filtered_check(cur, views):
    every = claims.claim_check(cur, everything(cur), "es")
    for filters in views[::3]:  # a third of the views (the check is slow-ish) still meets every month pair
        expected = claims.claim_check(cur, filters, "es")
        same(shown_rows(every, queries.figures(cur, filters)["figure_id"]), expected)


def test_the_figures_of_a_chart_selected_from_all_equal_the_filtered_query(cur, views):
    every = queries.figures(cur, everything(cur))
    for filters, chart in itertools.product(views, ("monthly", "daily", "enforcement", "timeline")):
        shown = queries.figures(cur, filters, chart)
        same(shown_rows(every, shown["figure_id"]), shown)


def test_evidence_selected_by_figure_equals_the_filtered_query(cur, views):
    every = queries.evidence(cur, everything(cur))
    for filters in views:
        shown = queries.evidence(cur, filters)
        for figure in queries.figures(cur, filters)["figure_id"]:
            mine = every[every["figure_id"] == figure].reset_index(drop=True)
            same(mine, shown[shown["figure_id"] == figure].reset_index(drop=True))


@pytest.mark.parametrize("as_of", [None, "2022-06-15 12:04-05:00"])
def test_the_record_cut_from_the_whole_series_equals_the_filtered_query(cur, views, as_of):
    every = queries.official_series(cur, everything(cur), as_of)
    for filters in views:
        same(every[queries.official_kept(every, filters)].reset_index(drop=True),
             queries.official_series(cur, filters, as_of))


def test_the_figures_selected_in_memory_equal_the_filtered_query(cur, views):
    every = queries.figures(cur, everything(cur))
    for filters in views:
        same(queries.figures_under(every, filters), queries.figures(cur, filters))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_encounter_tables_cut_from_every_month_equal_the_filtered_queries(data_dir, views, lang):
    """The encounters section makes each table (rows and as shown) once for every month and cuts each view's
    months from it (dashboard/screen/cbp_view.py)."""
    from bench import synthetic
    from dashboard.data import cbp_import as encounters
    from dashboard.data import store
    from dashboard.screen.cbp_view import Monthly
    from dashboard.words import i18n

    encounters.import_files([synthetic.write(data_dir / "cbp.csv", rows=3_000)], data_dir, progress=False)
    con = store.connect_read_only(store.ensure_store(data_dir))
    con.execute("ATTACH ? AS enc (READ_ONLY)", [str(encounters.encounters_store(data_dir).resolve())])
    cur = con.cursor()
    chosen = (("region", ()), ("component", ("U.S. Border Patrol",)), ("demographic", ()), ("citizenship", ()))
    wholes = {(): queries.southwest_comparison(cur, everything(cur))}
    wholes |= {(by,): queries.encounter_totals(cur, everything(cur), by, chosen) for by in ("region", "citizenship")}
    assert all(len(whole) for whole in wholes.values())
    for filters in views[::4]:
        for by, whole in wholes.items():
            expected = (queries.encounter_totals(cur, filters, *by, chosen) if by
                        else queries.southwest_comparison(cur, filters))
            mine = queries.cut(Monthly(whole, i18n.labelled(whole, lang)), queries.months_kept(whole, filters))
            same(mine.rows, expected)
            same(mine.table, i18n.labelled(expected, lang))
    con.close()


@pytest.mark.parametrize(("as_of", "lang"), [(None, "es"), ("2022-06-15 12:04-05:00", "en")])
def test_the_record_chart_and_table_cut_from_the_whole_series_equal_those_of_the_filtered_rows(cur, views, as_of,
                                                                                               lang):
    """The app works out the record's points and table once for the whole series and cuts each view's rows from
    them, and marks the article's figures once per set of figures (dashboard/screen/record_view.py); what it draws and
    shows must be what the filtered rows give."""
    from dashboard.data.queries import cut
    from dashboard.present import charts
    from dashboard.screen.record_view import RecordSeries, series_table

    colors = charts.actor_colors(queries.localized(cur, "actors", lang))
    rows = queries.localized(cur, "official_series", lang, everything(cur), as_of)
    whole = RecordSeries(rows, charts.record_points(rows, lang), series_table(rows, lang))
    every_claim = claims.claim_check(cur, everything(cur), lang)
    every_event = queries.localized(cur, "figures", lang, everything(cur), "timeline")
    drawn = 0
    for filters in views[::3]:  # every pair of months, the actor sets in turn
        official = queries.localized(cur, "official_series", lang, filters, as_of)
        mine = cut(whole, queries.official_kept(rows, filters))
        same(mine.table, series_table(official, lang))
        if official.empty:
            assert mine.points.empty
            continue
        ids = tuple(queries.figures(cur, filters)["figure_id"])
        claim_rows = shown_rows(every_claim, ids)
        marks = charts.record_marks(claim_rows[claim_rows["metric"] == "monthly_arrivals"], colors, lang,
                                    shown_rows(every_event, ids))
        shown = claims.claim_check(cur, filters, lang)
        expected = charts.record_chart(official, shown[shown["metric"] == "monthly_arrivals"], colors, "b", lang,
                                       queries.localized(cur, "figures", lang, filters, "timeline"))
        assert charts.record_figure(mine.points, marks, colors, "b", lang).to_dict() == expected.to_dict()
        drawn += bool(marks.traces)
    assert drawn >= 10  # views with the article's markers on the line are among them


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_month_history_and_its_table_cut_from_every_month_equal_the_month_alone(cur, lang):
    from dashboard.data.queries import cut
    from dashboard.screen.record_view import Histories, history_table

    rows = queries.official_histories(cur)
    whole = Histories(rows, history_table(rows, lang))
    for month in dict.fromkeys(rows["month"]):
        alone = rows[queries.history_kept(rows, month)].reset_index(drop=True)
        mine = cut(whole, queries.history_kept(rows, month))
        same(mine.rows, alone)
        same(mine.table, history_table(alone, lang))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_chart_table_rows_picked_from_every_figure_equal_the_table_of_the_filtered_rows(cur, views, lang,
                                                                                         monkeypatch):
    """Each chart's table is made once for every figure (`article_view.figure_table`) and a set of figures picks
    its rows (`table_rows`): that must be the table `citations.table_frame` makes of the filtered rows."""
    from types import SimpleNamespace

    from dashboard.present import citations
    from dashboard.screen import article_view
    from dashboard.screen import caches as cache

    monkeypatch.setattr(cache, "made", lambda function, *args: function(*args))  # no Streamlit cache here
    every = queries.localized(cur, "figures", lang, everything(cur))
    view = SimpleNamespace(figures=lambda: every, lang=lang)
    for filters, chart in itertools.product(views, ("monthly", "daily", "enforcement", "timeline")):
        shown = queries.localized(cur, "figures", lang, filters, chart)
        if not shown.empty:
            same(article_view.table_rows(view, tuple(shown["figure_id"])), citations.table_frame(shown, lang))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_claim_table_rows_and_findings_picked_from_every_figure_equal_those_of_the_filtered_check(cur, views, lang,
                                                                                                 monkeypatch):
    """The claim table and the findings' order are made once for every checked figure (`record_view.claim_table`,
    `findings_order`) and a set of figures picks its rows: that must be what the filtered check gives."""
    from types import SimpleNamespace

    from dashboard.screen import caches as cache
    from dashboard.screen import record_view
    from dashboard.words import i18n

    monkeypatch.setattr(cache, "made", lambda function, *args: function(*args))  # no Streamlit cache here
    every = claims.claim_check(cur, everything(cur), lang)
    monkeypatch.setattr(record_view, "claim_rows_of", lambda view: every)
    view = SimpleNamespace(lang=lang, t=lambda key, **values: i18n.t(lang, key, **values))
    order = record_view.findings_order(view)
    picked = 0
    for filters in views[::3]:  # a third of the views (the check is slow-ish) still meets every month pair
        shown = claims.claim_check(cur, filters, lang)
        ids = tuple(queries.figures(cur, filters)["figure_id"])
        if not shown.empty:
            same(record_view.claim_table_rows(view, ids), record_view.readable_claims(shown, view))
        stated = shown[~shown["is_derived"]]
        expected = stated.sort_values(["chart", "ref"], key=lambda c: c.map({"monthly": 0, "daily": 1}).fillna(2)
                                      if c.name == "chart" else c)["figure_id"].tolist()
        assert [figure for figure in order if figure in set(ids)] == expected
        picked += len(expected) > 1
    assert picked >= 5  # views showing several stated figures are among them
