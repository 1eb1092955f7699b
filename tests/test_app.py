"""The Streamlit script under AppTest: default view, URL filters, empty and invalid filters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store
from tests.conftest import PROJECT

APP = str(PROJECT / "dashboard" / "app.py")


@pytest.fixture
def app(data_dir, monkeypatch):
    """Run the app against a temp copy of the data, with the given URL query."""
    monkeypatch.setenv(store.DATA_ENV, str(data_dir))

    def run(**query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()
    return run


def charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def table_refs(at: AppTest) -> list[list[int]]:
    return [list(df.value["Ref"]) for df in at.dataframe]


def test_default_view_shows_every_chart_and_figure(app):
    at = app()
    assert not at.exception
    assert len(charts(at)) == 4
    assert len(at.get("download_button")) == 4
    assert sum(len(refs) for refs in table_refs(at)) == 15
    assert {m.value for m in at.metric} == {"600 percent", "US$50 million", "hundreds"}
    assert at.select_slider(key="months").value == ("2022-03", "2022-06")


def test_url_filter_shows_only_us_gov_april(app):
    at = app(months=["2022-04", "2022-04"], actor=["us-gov"])
    assert not at.exception
    assert at.multiselect(key="actor").value == ["us-gov"]
    assert table_refs(at) == [[3], [4]]
    assert len(charts(at)) == 2
    assert len(at.info) == 2  # enforcement and events say they are empty
    quotes = [m.value for m in at.markdown if m.value.startswith("**\\[")]
    assert len(quotes) == 2


def test_empty_result_says_so_in_words(app):
    at = app(actor=["hrw"], months=["2022-03", "2022-04"])
    assert not at.exception
    assert not charts(at)
    assert len(at.info) == 4
    assert all("No " in i.value for i in at.info)


@pytest.mark.parametrize("query", [
    {"months": ["banana", "2022-13"], "actor": ["nobody"]},
    {"months": ["2022-05", "2022-03"]},
    {"months": ["2022-04"]},
    {"actor": ["us-gov' OR '1'='1"]},
    {"months": ["<script>alert(1)</script>"], "actor": ["x" * 10_000]},
])
def test_invalid_url_values_never_raise(app, query):
    at = app(**query)
    assert not at.exception
    first, last = at.select_slider(key="months").value
    assert first <= last
    assert charts(at) or at.info


def test_reversed_months_are_put_in_order(app):
    at = app(months=["2022-05", "2022-03"])
    assert at.select_slider(key="months").value in {("2022-03", "2022-05"), ("2022-03", "2022-06")}


def test_changing_a_filter_redraws(app):
    at = app()
    at.multiselect(key="actor").set_value(["mx-inm"]).run()
    assert not at.exception
    assert table_refs(at) == [[11]]


def test_broken_data_with_no_store_shows_an_error_not_a_traceback(app, data_dir):
    path = data_dir / "actors.csv"
    path.write_text(path.read_text().replace("us-gov,", "US GOV,"))
    at = app()
    assert not at.exception
    assert "actors.csv, row" in at.error[0].value


def test_broken_data_keeps_serving_the_last_build(app, data_dir):
    store.build(data_dir)
    path = data_dir / "figures.csv"
    path.write_text(path.read_text().replace("234088,", "-1,", 1))
    at = app()
    assert not at.exception
    assert "figures.csv, row 3, field 'value'" in at.warning[0].value
    assert len(charts(at)) == 4
