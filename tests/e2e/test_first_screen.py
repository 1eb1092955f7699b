"""The first screen, as a new reader sees it on a laptop (1400×900) and a phone (390×844)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_app

pytestmark = pytest.mark.browser
SIZES = {"laptop": (1400, 900), "phone": (390, 844)}
ARRIVALS = ("1", "3", "8")  # March, April and the May daily rate: the article's border figures

# Elements whose box reaches past the viewport's right edge and that nothing clips: what a reader would have to
# scroll sideways to see. (Tables and charts may hold wider content inside a box that scrolls or clips it.)
OVERFLOWING = """() => {
    const clips = (el) => ['hidden', 'auto', 'scroll', 'clip'].includes(getComputedStyle(el).overflowX)
        || el.tagName.toLowerCase() === 'svg';
    const out = [];
    for (const el of document.querySelectorAll("[data-testid='stMain'] *")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= innerWidth + 1) continue;
        let clipped = false;
        for (let a = el.parentElement; a; a = a.parentElement) {
            if (clips(a) && a.getBoundingClientRect().right <= innerWidth + 1) { clipped = true; break; }
        }
        if (!clipped) out.push(`${el.tagName}.${el.getAttribute('data-testid') || el.className}: ${r.right}`);
    }
    return out;
}"""


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page(), height
    context.close()


def test_the_first_screen_says_what_was_found(sized, server):
    page, height = sized
    open_app(page, server)
    for ref in ARRIVALS:
        line = page.locator("[data-testid='stMarkdown'] li").filter(has_text=re.compile(rf"— \[{ref}\] "))
        expect(line).to_have_count(1)
        box = line.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (ref, box)
        expect(line).to_contain_text(re.compile(r"Matches its source|Misread"))
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.evaluate(OVERFLOWING) == []


TABS = ("found", "check", "article", "cbp", "sources")


@pytest.mark.parametrize("tab", TABS)
def test_no_tab_scrolls_sideways_on_a_phone(browser, server, tab):
    """Each tab at 390 pixels: the tab bar fits or scrolls by itself, the page never sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_app(page, f"{server}/?tab={tab}")
    expect(page.get_by_role("tab", selected=True)).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(OVERFLOWING) == []
    context.close()


@pytest.mark.parametrize("tab", ["found", "check", "article"])
def test_no_table_cell_shows_none_or_nan(sized, server, tab):
    page, _ = sized
    open_app(page, f"{server}/?tab={tab}")
    tables = page.locator("[data-testid='stDataFrame']")
    expect(tables.first).to_be_attached(timeout=30_000)
    for summary in page.locator("[data-testid='stExpander'] summary").all():  # the official series' table is in one
        summary.click()
    texts = []
    for index in range(tables.count()):  # the grid puts in the page only the cells in view
        tables.nth(index).scroll_into_view_if_needed()
        cells = tables.nth(index).locator("[role='gridcell']")
        expect(cells.first).to_be_attached(timeout=10_000)
        texts += [t.strip() for t in cells.all_text_contents()]
    assert len(texts) > 20
    assert not [t for t in texts if t in ("None", "nan", "NaN", "NaT", "<NA>", "true", "false")]
