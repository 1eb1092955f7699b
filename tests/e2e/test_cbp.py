"""CBP's own rows in Chromium: a fresh copy of data/ (with the shipped FY2022 file, imported on start) shows the
breakdowns of the article's months and the map of the border, drawn with every request outside localhost
blocked."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import copy_curated
from tests.e2e.conftest import chart_title, open_app

pytestmark = pytest.mark.browser
LOCAL = {"127.0.0.1", "localhost", "[::1]"}


@pytest.fixture(scope="module")
def cbp_server(serve, tmp_path_factory):
    """The app on a copy of data/ with CBP's shipped files and no store: it builds and imports them itself."""
    return serve(copy_curated(tmp_path_factory.mktemp("cbp"), shipped_cbp=True))


def test_the_map_draws_every_area_with_no_network(browser, cbp_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = []

    def local_only(route):
        if urlparse(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", local_only)
    page = context.new_page()
    open_app(page, f"{cbp_server}/?months=2022-05&months=2022-05&tab=cbp", timeout=120_000)
    page.get_by_role("tab", name="Places (map)").click()
    chart = page.locator(".st-key-chart-cbp-map")
    expect(chart).to_be_visible(timeout=30_000)
    assert chart_title(chart) == "Southwest Land Border encounters by area, May 2022"
    expect(chart.locator("g.trace.scatter")).to_have_count(5)  # three kinds of outline, two components
    markers = chart.locator("g.trace.scatter path.point")
    expect(markers).to_have_count(13)  # 9 Border Patrol sectors, 4 Field Operations offices
    border = chart.locator("g.trace.scatter").nth(2).locator("path.js-line")
    assert len(border.get_attribute("d")) > 500  # the border is drawn from the shipped outlines
    legend = chart.locator("g.legend text.legendtext").all_text_contents()
    assert legend == ["U.S. Border Patrol", "Office of Field Operations"]
    assert outside == []  # nothing was asked of any other host
    context.close()


def test_the_first_page_of_a_fresh_copy_shows_real_encounters(page, cbp_server):
    open_app(page, f"{cbp_server}/?tab=cbp", timeout=120_000)
    who = page.get_by_text("Who the article's \"arrivals\" were, in CBP's own rows")
    who.scroll_into_view_if_needed()
    expect(page.get_by_text("Months: Mar 2022 to May 2022, the months the article gives arrivals for.",
                            exact=False)).to_be_visible()
    expect(page.get_by_text("[3] Apr 2022: the article says 234,088; CBP's rows for the month add up to 235,785",
                            exact=False)).to_be_visible()
    page.get_by_role("tab", name="Title of authority").click()
    expect(page.get_by_text("From Mar 2022 to May 2022, 45.5% of Southwest Land Border encounters were Title 42 "
                            "expulsions (318,429 of 699,495).")).to_be_visible()
    title = page.locator(".st-key-chart-cbp-title")
    assert chart_title(title) == "Southwest Land Border encounters by title of authority, Mar 2022 to May 2022"
    bars = title.locator("g.trace.bars text").all_text_contents()
    assert bars == ["45.5% (318,429)", "54.5% (381,066)"]  # drawn bottom to top: the largest on top
