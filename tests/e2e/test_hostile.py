"""Hostile text in the data shows as plain text: no script runs, no javascript: link exists."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from dashboard.data import store
from dashboard.outputs import report
from tests.conftest import all_filters, read_csv, write_csv
from tests.e2e.conftest import copy_data, open_app

pytestmark = pytest.mark.browser
CHART = "[data-testid='stPlotlyChart']"
TITLE = '<script>window.__pwned="title"</script><img src=x onerror="window.__pwned=\'img\'">'
ACTOR = "<b>US</b> [click me](javascript:window.__pwned='md') <img src=x onerror=window.__pwned='actor'>"
QUOTE = ('<a href="javascript:window.__pwned=\'a\'">read</a> <script>window.__pwned="quote"</script> '
         "**bold** :red[red] [x](javascript:alert(1))")


def edit(data, table: str, change) -> None:
    rows = read_csv(data / f"{table}.csv")
    change(rows)
    write_csv(data / f"{table}.csv", rows)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("hostile"))
    edit(data, "sources", lambda rows: rows[0].update(title=TITLE))
    edit(data, "actors", lambda rows: next(r for r in rows if r["actor_id"] == "us-gov").update(name=ACTOR))
    edit(data, "figures", lambda rows: next(r for r in rows if r["figure_id"] == "f-2022-04-arrivals")
         .update(quote=QUOTE))
    edit(data, "metrics", lambda rows: next(r for r in rows if r["metric"] == "operation_funding")
         .update(short_label="<img src=x onerror=window.__pwned='kpi'>", unit="<i>US dollars</i>"))
    edit(data, "figures", lambda rows: next(r for r in rows if r["figure_id"] == "f-sting-funding")
         .update(unit="<i>US dollars</i>"))
    edit(data, "evidence", lambda rows: [r.update(unit="<i>US dollars</i>") for r in rows if r["unit"] == "US dollars"])
    edit(data, "evidence", lambda rows: next(r for r in rows if r["figure_id"] == "f-2022-04-arrivals")
         .update(quote=QUOTE, note=ACTOR))
    return data


@pytest.fixture(scope="module")
def hostile_server(serve, hostile_data):
    return serve(hostile_data)


def test_no_injected_script_runs_and_no_javascript_link(page, hostile_server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page, f"{hostile_server}/?months=2022-03&months=2022-06&tab=article")
    page.locator(f"{CHART} .point path").nth(3).wait_for(timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0
    # The hostile strings are shown, literally, as text: the title in the first tab's intro
    open_app(page, f"{hostile_server}/?months=2022-03&months=2022-06")
    expect(page.get_by_text(TITLE, exact=False).first).to_be_visible()
    assert page.evaluate("window.__pwned") is None and dialogs == []
    page.get_by_role("tab", name="Sources and method").click()  # the quotes, in the cited-source panel
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    expect(page.get_by_text('<script>window.__pwned="quote"</script>', exact=False).first).to_be_attached()


def test_hover_shows_markup_as_text(page, hostile_server):
    open_app(page, f"{hostile_server}/?months=2022-04&months=2022-04&actor=us-gov&tab=article")
    bar = page.locator(CHART).first.locator(".point path").first
    bar.wait_for(timeout=30_000)
    bar.scroll_into_view_if_needed()
    hover = page.locator(".hoverlayer").first
    for _ in range(10):  # the chart may still be settling (layout, scroll): move onto the bar again until it hovers
        box = bar.bounding_box()
        page.mouse.move(box["x"] - 20, box["y"] - 20)
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
        if "window.__pwned" in (hover.text_content(timeout=2_000) or ""):
            break
        page.wait_for_timeout(500)
    expect(hover).to_contain_text("<script>window.__pwned")
    assert page.locator(".hoverlayer a").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_download_keeps_the_text_as_plain_data(page, hostile_server):
    open_app(page, f"{hostile_server}/?months=2022-04&months=2022-04&actor=us-gov&tab=article")
    page.locator(CHART).first.wait_for()
    with page.expect_download() as info:
        page.locator(".st-key-download-monthly-arrivals button").click()
    assert info.value.suggested_filename == "border-monthly-arrivals_2022-04_to_2022-04_us-gov.csv"
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    assert rows[0]["quote"] == QUOTE
    assert rows[0]["actor_name"] == ACTOR
    assert rows[0]["source_title"] == TITLE


def test_the_static_report_shows_hostile_text_as_text(browser, hostile_data, tmp_path):
    con = store.connect_read_only(store.build(hostile_data))
    html = report.report_html(con.cursor(), all_filters("2017-10", "2023-02"), "en")
    con.close()
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(path.as_uri())
    monthly = page.locator("#chart-monthly")  # the monthly bars (the report opens with the record)
    expect(monthly.locator(".main-svg").first).to_be_attached(timeout=15_000)
    bar = monthly.locator(".point path").nth(1)
    bar.scroll_into_view_if_needed()  # below the record: the mouse hovers what is on screen
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # April, the hostile quote
    expect(page.locator(".hoverlayer .hovertext").first).to_be_attached()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.get_by_text('<script>window.__pwned="quote"</script>', exact=False).count() >= 1
    context.close()
