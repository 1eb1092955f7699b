"""Text descriptions of the charts, from the rows they draw."""

from __future__ import annotations

from dashboard.data import queries
from dashboard.data.filters import Filters
from dashboard.present import describe
from tests.conftest import all_filters


def rows(cur, chart, filters=None):
    shown = queries.figures(cur, filters or all_filters())
    return shown[shown["chart"] == chart].reset_index(drop=True)


def test_monthly_description_names_range_extremes_and_derived(cur):
    text = describe.BY_BUILDER["monthly_arrivals"](rows(cur, "monthly"))
    assert "Mar 2022 to May 2022: 3 figures" in text
    assert "Highest 234,088 in Apr 2022 (US government, reported)" in text
    assert "lowest 221,000 in Mar 2022 (US government, reported)" in text
    assert "1 derived" in text


def test_single_month_description(cur):
    text = describe.BY_BUILDER["daily_rate"](rows(cur, "daily", Filters("2022-05", "2022-05", ("us-gov",))))
    assert "May 2022: 1 figure." in text and "lowest" not in text and "derived" not in text.split(".")[1]


def test_enforcement_and_timeline_descriptions(cur):
    enforcement = rows(cur, "enforcement")
    counted = enforcement[enforcement["value"].notna() & (enforcement["unit"].isin(["people", "actions"]))]
    text = describe.enforcement(counted, lang="en")
    assert "people: Traffickers arrested around 2,000" in text and "actions: Disruptive actions 20,000" in text
    events = describe.timeline(rows(cur, "timeline"), lang="en")
    assert events.startswith("Timeline of 3 dated events. 2022-06-06: HRW report")
    assert "2022-06-06 to 2022-06-10: US says Mexico takes part" in events  # the Summit, a span


def test_record_description(cur):
    official = queries.official_series(cur, all_filters("2017-10", "2023-02"), None)
    text = describe.record(official, "latest values", lang="en")
    assert "Oct 2017 to Feb 2023 (65 months)" in text
    top = official.loc[official["value"].idxmax()]
    assert f"Highest {top['value']:,.0f}" in text


def test_the_record_says_which_months_it_opens_on_when_it_opens_on_fewer():
    from datetime import date

    import pandas as pd
    official = pd.DataFrame({"month": [date(2022, 3, 1), date(2022, 4, 1)], "value": [222574, 235785]})
    whole = describe.record(official, "latest values", "en")
    assert "opens on" not in whole
    focused = describe.record(official, "latest values", "es", (date(2021, 3, 1), date(2022, 7, 15)))
    assert focused.endswith(" La gráfica abre en mar 2021 a jul 2022, alrededor de los meses del artículo: haga doble "
                            "clic en ella, o arrastre a lo largo de su eje, para ver el resto.")
    assert focused.startswith(describe.record(official, "latest values", "es"))
