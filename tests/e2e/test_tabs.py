"""The tabs, links, image downloads and embeds as a person meets them in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_app

pytestmark = pytest.mark.browser
CHART = "[data-testid='stPlotlyChart']"
# Each tab, the heading it opens on, and how many charts it draws.
TABS = {"found": ("What the dashboard found", 2), "check": ("Claim check: every article figure beside the record", 0),
        "article": ("Monthly arrivals", 4), "cbp": ("CBP's own encounter data", 0),
        "sources": ("Sources and quotes", 0)}
LABELS = {"found": "What we found", "check": "Claim check", "article": "The article's figures", "cbp": "CBP data",
          "sources": "Sources and method"}


def idle(page):
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)


@pytest.mark.parametrize("tab", list(TABS))
def test_each_tab_opens_from_its_link_and_shows_its_own_content(page, server, tab):
    heading, charts = TABS[tab]
    open_app(page, f"{server}/?tab={tab}")
    expect(page.get_by_role("tab", selected=True)).to_have_text(LABELS[tab])
    expect(page.locator("[data-testid='stMain'] h2").first).to_have_text(heading)
    for other, (text, _) in TABS.items():
        if other != tab:
            expect(page.get_by_role("heading", name=text, exact=True)).to_have_count(0)
    expect(page.locator(CHART)).to_have_count(charts)
    assert page.locator("[data-testid='stException']").count() == 0


def test_clicking_a_tab_puts_its_id_in_the_address_in_either_language(page, server):
    open_app(page, f"{server}/?lang=es")
    page.get_by_role("tab", name="Las cifras del artículo").click()
    page.wait_for_url("**tab=article*", timeout=15_000)
    idle(page)
    expect(page.locator(CHART)).to_have_count(4)
    open_app(page, page.url.replace("lang=es", "lang=en"))  # the same link in English: the same tab
    expect(page.get_by_role("tab", selected=True)).to_have_text("The article's figures")
    page.get_by_role("tab", name="What we found").click()
    idle(page)
    expect(page.locator(CHART)).to_have_count(2)
    assert "tab=" not in page.url  # the first tab: a clean link


def test_a_details_link_opens_the_claim_check_at_its_figure(page, server):
    open_app(page, f"{server}/?months=2022-03&months=2022-05")
    finding = page.locator("[data-testid='stMarkdown'] li").filter(has_text=re.compile(r"— \[8\] "))
    with page.context.expect_page() as opened:
        finding.get_by_role("link", name="details").click()
    checked = opened.value
    checked.wait_for_load_state()
    idle(checked)
    assert "tab=check" in checked.url and checked.url.endswith("#claim-f-2022-05-daily")
    assert "months=2022-03&months=2022-05" in checked.url  # the same filters
    expect(checked.get_by_role("tab", selected=True)).to_have_text("Claim check")
    heading = checked.locator("#claim-f-2022-05-daily")
    expect(heading).to_contain_text("[8]")
    expect(heading).to_be_in_viewport(timeout=15_000)  # the page lands on the figure
    checked.close()


def test_a_link_from_before_the_tabs_shows_the_same_figures(page, server):
    open_app(page, f"{server}/?months=2022-04&months=2022-04&actor=us-gov")
    findings = page.locator("[data-testid='stMarkdown'] li")
    expect(findings).to_have_count(1)  # [3] April's arrivals ([4], its daily rate, is derived: in the check)
    expect(findings.first).to_contain_text("[3]")
    expect(page.get_by_text("No official figures", exact=False)).to_have_count(1)
    page.get_by_role("tab", name="The article's figures").click()
    idle(page)
    expect(page.locator(CHART)).to_have_count(2)
    expect(page.locator(CHART).first.locator(".xtick text")).to_have_text(["Apr 2022"])


@pytest.mark.parametrize(("query", "suffix", "source"), [
    ("", "png", "Source: Mexico Business News, 2022-06-15"),
    ("&img=SVG&lang=es", "svg", "Fuente: Mexico Business News, 2022-06-15")])
def test_a_saved_chart_image_names_its_filter_and_source(page, server, query, suffix, source):
    open_app(page, f"{server}/?tab=article&months=2022-04&months=2022-05{query}")
    chart = page.locator(".st-key-chart-monthly-arrivals")
    chart.locator(".gtitle").wait_for(timeout=30_000)
    subtitle = chart.evaluate("c => c.querySelector('.js-plotly-plot')._fullLayout.title.subtitle.text")
    assert source in subtitle.replace("<br>", " ")
    chart.hover()
    with page.expect_download() as saved:
        chart.locator(".modebar-btn[data-title^='Download plot']").click()
    image = saved.value
    assert image.suggested_filename == f"border-monthly-arrivals_2022-04_to_2022-05_all-actors.{suffix}"
    if suffix == "svg":  # the words are in the file itself
        text = image.path().read_text(encoding="utf-8")
        assert "Fuente: Mexico Business News," in text and "abr 2022 – may 2022; actores: todos" in text
    else:
        assert image.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_chart_embedded_draws_exactly_that_chart(page, server):
    open_app(page, f"{server}/?chart=monthly-arrivals&months=2022-04&months=2022-05&lang=es&embed=true")
    expect(page.locator(CHART)).to_have_count(1)
    page.locator(f"{CHART} .point path").nth(1).wait_for(timeout=30_000)
    expect(page.locator("[data-testid='stSidebar']")).to_have_count(0)
    expect(page.get_by_role("tab")).to_have_count(0)
    expect(page.locator("[data-testid='stMainMenu']")).to_have_count(0)  # embed=true: Streamlit's menu hidden
    expect(page.get_by_role("link", name="Abrir en el tablero de migración fronteriza")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_embed_code_under_a_chart_works_in_an_iframe(page, server):
    open_app(page, f"{server}/?tab=article&months=2022-04&months=2022-05")
    embed = page.locator("[data-testid='stExpander']").filter(has_text="Embed this chart").first
    embed.locator("summary").click()
    code = embed.locator("[data-testid='stCode'] code").inner_text()
    src = re.search(r'src="([^"]+)"', code).group(1).replace("&amp;", "&")
    assert src.startswith(f"{server}/?") and "chart=monthly-arrivals" in src and "embed=true" in src
    page.set_content(f'<html><body><iframe src="{src}" width="900" height="620"></iframe></body></html>')
    frame = page.frame_locator("iframe")
    expect(frame.locator(CHART)).to_have_count(1, timeout=60_000)
    expect(frame.locator(f"{CHART} .gtitle")).to_contain_text("Monthly arrivals")
