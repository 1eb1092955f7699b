"""Random and hostile URL values never raise: the page renders with sane filters."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard.data import store
from tests.conftest import ALL_ACTORS, EXAMPLES, PROJECT, copy_curated

APP = str(PROJECT / "dashboard" / "app.py")
NASTY = st.sampled_from([
    "", " ", "2022-04", "2022-13", "0000-00", "9999-99", "2022-04' OR '1'='1", "'); DROP TABLE figures; --",
    "us-gov", "US-GOV", "us-gov\x00", "<script>alert(1)</script>", "javascript:alert(1)", "ñandú 🚧", "\u202e",
    "%00", "%27", "x" * 10_000, "2022-04&months=2022-05", "None", "null", "[]", "true",
])
VALUES = st.lists(st.one_of(NASTY, st.text(max_size=40)), max_size=6)


def run(data_dir: str, query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def assert_sane(at: AppTest) -> None:
    assert not at.exception, at.exception
    first, last = at.select_slider(key="months").value
    assert "2017-10" <= first <= last <= "2023-02"
    assert set(at.multiselect(key="actor").value) <= set(ALL_ACTORS)
    # Streamlit documents that an empty parameter (`?record=`) clears a bound widget; the chart then shows latest.
    assert at.button_group(key="record").value in ("latest", "2022-06-15", None)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = copy_curated(tmp_path_factory.mktemp("urls"))
    store.build(folder)
    return folder


@settings(max_examples=EXAMPLES["urls"], suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(months=VALUES, actor=VALUES, extra=st.dictionaries(st.sampled_from(["record", "fy", "rev", "x"]), VALUES))
def test_random_and_hostile_url_values(monkeypatch, data, months, actor, extra):
    monkeypatch.setenv(store.DATA_ENV, str(data))
    assert_sane(run(str(data), {"months": months, "actor": actor, **extra}))


@pytest.mark.parametrize("query", [
    {"actor": ["us-gov"] * 1000, "months": ["2022-04"] * 1000},
    {"actor": [f"a{i}" for i in range(1000)]},
    {"months": ["2022-06", "2022-03"], "record": ["2022-06-15", "latest"], "fy": ["maybe"], "rev": ["1999-01"]},
    {"months": ["x" * 10_000, "2022-04"], "actor": ["ñandú 🚧", "us-gov' --"]},
])
def test_listed_hostile_urls(monkeypatch, data, query):
    monkeypatch.setenv(store.DATA_ENV, str(data))
    at = run(str(data), query)
    assert_sane(at)
