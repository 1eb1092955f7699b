"""What a person sees in Chromium: charts drawn, URL filters, downloads, no exceptions."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import chart_title, open_app

pytestmark = pytest.mark.browser
CHART = "[data-testid='stPlotlyChart']"


def tick_labels(page, index: int) -> list[str]:
    return page.locator(CHART).nth(index).locator(".xtick text").all_text_contents()


def test_every_chart_renders_without_exception(page, server):
    open_app(page, server)
    page.locator(f"{CHART} path.point").nth(60).wait_for(timeout=30_000)  # the record's 65 months
    expect(page.locator(CHART)).to_have_count(2)  # the record and its revisions: the first tab only
    open_app(page, f"{server}/?tab=article")
    page.locator(f"{CHART} .point path").nth(8).wait_for(timeout=30_000)  # 9 bars: monthly, daily, enforcement
    expect(page.locator(CHART)).to_have_count(4)
    for index in range(4):
        assert page.locator(CHART).nth(index).locator(".main-svg").count() >= 1
    assert page.locator("[data-testid='stException']").count() == 0
    assert tick_labels(page, 0) == ["Mar 2022", "Apr 2022", "May 2022", "Jun 2022"]  # June: dated events
    assert page.get_by_text("hundreds", exact=True).count() >= 1


LABEL_BOXES = """chart => {
  const box = e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom]; };
  return {figure: box(chart.querySelector('.main-svg')), plot: box(chart.querySelector('.nsewdrag')),
          labels: [...chart.querySelectorAll('.textpoint text, .annotation-text')].map(box)};
}"""


def overlapping(labels: list) -> list:
    return [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1]


REVISION_LABELS = {"221,303", "222,144", "222,340", "222,334", "222,333", "222,574"}


RECORD_LABELS = {"[1]221,000", "[3]234,088", "[7]229,400", "[9]", "[10]", "[15]"}


@pytest.mark.parametrize(("key", "expected", "width"), [
    ("chart-record", RECORD_LABELS, 1400), ("chart-record", RECORD_LABELS, 390),
    ("chart-revisions", REVISION_LABELS, 1400), ("chart-revisions", REVISION_LABELS, 390),  # and on a phone
])
def test_chart_labels_are_whole_and_never_printed_over_each_other(page, server, key, expected, width):
    page.set_viewport_size({"width": width, "height": 1000})
    open_app(page, server)
    chart = page.locator(f".st-key-{key}")
    chart.locator(".textpoint text").first.wait_for(timeout=30_000)
    drawn = chart.evaluate(LABEL_BOXES)
    labels, (_, left, top, right, bottom) = drawn["labels"], drawn["plot"]
    assert overlapping(labels) == []
    assert {label[0] for label in labels} == expected
    # inside the plot area: nothing cut at an axis, nothing over the title or the ticks
    assert [x[0] for x in labels if not (left <= x[1] and x[3] <= right and top <= x[2] and x[4] <= bottom)] == []


def test_event_labels_end_inside_the_timeline_and_bar_labels_keep_their_size(page, server):
    open_app(page, f"{server}/?tab=article")
    events = page.locator(".st-key-chart-events")
    events.locator(".textpoint text").first.wait_for(timeout=30_000)
    drawn = events.evaluate(LABEL_BOXES)
    labels, (_, left, _, right, _) = drawn["labels"], drawn["figure"]
    assert sorted(label[0].split(" ")[0] for label in labels) == ["[10]", "[15]", "[9]"]
    assert overlapping(labels) == []
    assert all(left <= x0 and x1 <= right for _, x0, _, x1, _ in labels)
    # Plotly shrinks a bar's label that is wider than its bar: the enforcement bars' labels were 7 px a line
    heights = page.evaluate("() => [...document.querySelectorAll('.bartext')].map(t => t.getBoundingClientRect()"
                            ".height / t.querySelectorAll('tspan.line').length || t.getBoundingClientRect().height)")
    assert len(heights) == 9 and min(heights) >= 12, heights  # 3 + 3 month bars, 3 enforcement bars; 13 px text
    # the article's own 7,400 a day names who states it, not only its actor
    daily = page.locator(".st-key-chart-daily-arrivals .bartext").all_text_contents()
    assert [text for text in daily if text.startswith("7,400")] == [
        "7,400US governmentstated by MexicoBusiness News"], daily


TITLE_BOXES = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")].flatMap(chart => {
  const figure = chart.querySelector('.main-svg').getBoundingClientRect();
  return [...chart.querySelectorAll('.gtitle, .xtitle, .ytitle')].map(title => {
    const box = title.getBoundingClientRect();
    return [title.textContent, box.left >= figure.left && box.right <= figure.right];
  });
})"""


AXIS_TITLE_BOXES = """chart => {
  const box = e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom]; };
  return {title: box(chart.querySelector('.xtitle')), ticks: [...chart.querySelectorAll('.xtick text')].map(box),
          legend: box(chart.querySelector('.legend'))};
}"""


@pytest.mark.parametrize(("query", "width"), [  # the longest titles (at the article's minute, in Spanish); a phone
    ("?record=2022-06-15", 1400), ("?lang=es&record=2022-06-15", 1400), ("?lang=es", 390),
    ("?lang=es&record=2022-06-15", 390)])
def test_every_chart_title_fits_its_figure(page, server, query, width):
    page.set_viewport_size({"width": width, "height": 1000})
    open_app(page, f"{server}/{query}&tab=article")
    page.locator(f"{CHART} .gtitle").nth(3).wait_for(timeout=30_000)
    fits = page.evaluate(TITLE_BOXES)  # each chart's title and its axes' titles
    assert len(fits) > 8 and [title for title, inside in fits if not inside] == []
    # the enforcement panels' ticks, units and values: side by side on a phone, one panel's ticks fell on the next
    texts = page.locator(".st-key-chart-enforcement").evaluate(
        "chart => [...chart.querySelectorAll('.xtick text, .ytick text, .annotation-text, .bartext')].map(e => {"
        " const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom]; })")
    assert len(texts) > 9 and overlapping(texts) == []
    open_app(page, f"{server}/{query}")
    page.locator(f"{CHART} .gtitle").nth(1).wait_for(timeout=30_000)
    fits = page.evaluate(TITLE_BOXES)
    assert len(fits) > 4 and [title for title, inside in fits if not inside] == []
    # the month axis's title, under ticks that a phone turns, clear of them and of the legend
    record = page.locator(".st-key-chart-record").evaluate(AXIS_TITLE_BOXES)
    title = record["title"]
    assert [pair for pair in overlapping([title, *record["ticks"], record["legend"]]) if pair[0] == title[0]] == []


def test_url_filter_changes_what_is_drawn(page, server):
    open_app(page, f"{server}/?months=2022-04&months=2022-04&actor=us-gov&tab=article")
    expect(page.locator(CHART)).to_have_count(2)
    expect(page.get_by_text("No enforcement figures", exact=False)).to_have_count(1)
    expect(page.locator(CHART).first.locator(".xtick text")).to_have_text(["Apr 2022"])
    assert page.locator("[data-testid='stException']").count() == 0
    open_app(page, f"{server}/?months=2022-04&months=2022-04&actor=us-gov")
    expect(page.get_by_text("No official figures", exact=False)).to_have_count(1)


def test_download_holds_the_charted_rows_and_quotes(page, server):
    open_app(page, f"{server}/?months=2022-04&months=2022-05&actor=us-gov&tab=article")
    page.wait_for_selector(f"{CHART} .xtick text")
    with page.expect_download() as info:
        page.locator(".st-key-download-monthly-arrivals button").click()
    download = info.value
    assert download.suggested_filename == "border-monthly-arrivals_2022-04_to_2022-05_us-gov.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert [r["figure_id"] for r in rows] == ["f-2022-04-arrivals", "f-2022-05-arrivals-derived"]
    assert rows[0]["quote"] == "234,088 migrants arrived at the Mexico-US border in April 2022"
    assert rows[1]["is_derived"] == "True" and rows[1]["derivation"] == "f-2022-05-daily * 31"
    assert all(r["source_title"] == "New Migration Operation Launched Against Human Traffickers" for r in rows)


def test_changing_the_actor_filter_updates_the_link(page, server):
    open_app(page, server)
    page.wait_for_selector(f"{CHART} .xtick text")
    page.get_by_role("button", name="Remove US government", exact=True).click()  # names shown, ids in the URL
    page.wait_for_url("**actor=*", timeout=15_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    query = page.url.split("?", 1)[1]
    assert "us-gov" not in query and "actor=us-dhs" in query and "government" not in query
    expect(page.locator(CHART)).to_have_count(2)  # the record and its revisions, on the first tab


CUT_LABELS = """() => [...document.querySelectorAll(
  "[data-testid='stWidgetLabel'] [data-testid='stMarkdownContainer']")]
  .filter(label => label.scrollWidth > label.clientWidth + 1).map(label => label.textContent)"""


@pytest.mark.parametrize(("lang", "width"), [("en", 1400), ("es", 1400), ("es", 390)])
def test_no_control_label_is_cut_short(page, server, lang, width):
    """Streamlit ends a label too long for its column with "…": "Group by fiscal year" read "Group by…"."""
    page.set_viewport_size({"width": width, "height": 1000})
    open_app(page, f"{server}/?lang={lang}")
    page.locator(".st-key-fy [data-testid='stWidgetLabel']").wait_for(timeout=30_000)
    assert page.evaluate(CUT_LABELS) == []


def test_record_switch_and_claim_check(page, server):
    open_app(page, server)
    record = page.locator(CHART).nth(0)  # the record comes first, under the findings
    assert chart_title(record) == "CBP Southwest Land Border encounters by month, latest values"
    page.get_by_role("radio", name="2022-06-15").click()
    page.wait_for_url("**record=2022-06-15*", timeout=15_000)
    expect(record.locator(".gtitle")).to_contain_text("(2022-06-15 12:04 UTC-05:00)")
    assert chart_title(record) == ("CBP Southwest Land Border encounters by month, as public at the article's minute "
                                   "(2022-06-15 12:04 UTC-05:00)")
    page.get_by_role("tab", name="Claim check").click()  # the tab bar: the claim check runs when opened
    page.wait_for_url("**tab=check*", timeout=15_000)
    expect(page.get_by_text("Stated by US government. Matches NBC News (by 2022-05-17): “just over 221,000”. At the "
                            "article's minute CBP's record said 222,144", exact=False)).to_have_count(1)
    expect(page.locator(CHART)).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_claim_check_follows_the_filters(page, server):
    open_app(page, f"{server}/?months=2022-05&months=2022-05&actor=us-gov&actor=us-cbp&tab=check")
    expect(page.get_by_text("contradicted by CBP (2022-06-15): 239,416 over 31 days = 7,723 a day",
                            exact=False)).to_have_count(1)
    expect(page.get_by_text("matches NBC News (by 2022-05-17): “just over 221,000”", exact=False)).to_have_count(0)


def test_charts_carry_their_description_for_screen_readers(page, server):
    open_app(page, f"{server}/?tab=article")
    expect(page.locator(CHART)).to_have_count(4)
    labelled = page.locator(f"{CHART} [aria-label*='Bar chart of monthly arrivals'], "
                            f"{CHART}[aria-label*='Bar chart of monthly arrivals']")
    expect(labelled.first).to_be_attached()


@pytest.mark.parametrize(("button", "tab", "guards", "charts"), [
    ("reset-monthly", "article", "Showing 2 of 3 months of this series", 4),  # both bar charts say it
    ("reset-record", "found", "Showing 3 of 65 months of CBP's record", 2)])
def test_one_click_reset_brings_back_every_month_and_actor(page, server, button, tab, guards, charts):
    open_app(page, f"{server}/?months=2022-04&months=2022-06&actor=us-gov&actor=us-cbp&tab={tab}")
    expect(page.get_by_text(guards, exact=False)).to_have_count(2 if tab == "article" else 1)
    page.locator(f".st-key-{button} button").click()
    expect(page.get_by_text("Showing", exact=False)).to_have_count(0)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    assert "months=" not in page.url and "actor=" not in page.url
    expect(page.locator(CHART)).to_have_count(charts)


@pytest.fixture(scope="module")
def imported_server(serve, tmp_path_factory):
    """The dashboard on the article's data and a small synthetic CBP import."""
    from bench import synthetic
    from dashboard.data import cbp_import as encounters
    from tests.e2e.conftest import copy_data

    folder = tmp_path_factory.mktemp("imported")
    data = copy_data(folder)
    encounters.import_files([synthetic.write(folder / "cbp.csv", rows=2_000)], data, progress=False)
    return serve(data)


def test_the_grouping_reads_in_the_page_language_and_links_by_id(page, imported_server):
    open_app(page, f"{imported_server}/?lang=es&tab=cbp")
    by = page.get_by_role("combobox", name="Agrupar por")
    by.scroll_into_view_if_needed()
    expect(by).to_have_value("Región", timeout=30_000)
    citizenship = page.get_by_role("combobox", name="Ciudadanía (ninguno = todos)")
    expect(citizenship).to_have_attribute("placeholder", "Elija opciones")  # not Streamlit's "Choose options"
    by.click()
    expect(page.get_by_role("option")).to_have_text(["Región", "Componente", "Grupo demográfico", "Ciudadanía"])
    page.get_by_role("option", name="Ciudadanía").click()
    page.wait_for_url("**by=citizenship*", timeout=15_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    open_app(page, page.url.replace("lang=es", "lang=en"))
    expect(page.get_by_role("combobox", name="Group by")).to_have_value("Citizenship", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
