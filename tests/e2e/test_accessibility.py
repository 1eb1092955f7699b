"""What every reader can use: axe-core finds no serious or critical problem, the page works by keyboard,
and `?lang=es` shows it in Spanish."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import PROJECT
from tests.e2e.conftest import chart_title, open_app

pytestmark = pytest.mark.browser
CHART = "[data-testid='stPlotlyChart']"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
# Problems that come from Streamlit's own components, not from this app's content (see README, "Accessibility").
STREAMLIT_OWN: set[str] = set()


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as drawn."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def drawn(page, url: str, charts: int):
    open_app(page, url)
    if charts:
        expect(page.locator(f"{CHART} .main-svg").nth(2 * charts - 1)).to_be_attached(timeout=30_000)
    expect(page.locator(CHART)).to_have_count(charts)
    return page


SPANISH = "?lang=es&months=2022-04&months=2022-06&actor=us-gov&actor=us-dhs&actor=us-cbp"


@pytest.mark.parametrize("query, charts", [
    ("", 2), ("?tab=check", 0), ("?tab=article", 4), ("?tab=cbp", 0), ("?tab=sources", 0),
    (f"{SPANISH}&record=2022-06-15", 2), (f"{SPANISH}&tab=article", 4), (f"{SPANISH}&tab=check", 0),
])
def test_axe_finds_no_serious_or_critical_problem(page, server, query, charts):
    violations = axe_violations(drawn(page, f"{server}/{query}", charts))
    ours = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations if v["id"] not in STREAMLIT_OWN]
    assert not ours


def focused(page) -> str:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return [el.getAttribute('role') || el.tagName.toLowerCase(), el.getAttribute('aria-label') || el.innerText
                || el.getAttribute('aria-valuetext') || ''].join(': ').slice(0, 80);
    }""")


def tab_through(page, presses: int = 160) -> list[str]:
    """What gets the keyboard focus at each press of Tab, from the top of the page."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(focused(page))
    return seen


def ready_for_keys(page, url: str):
    """The page drawn, the script idle and the sidebar's downloads enabled, so Tab sees every control."""
    drawn(page, url, 4)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    expect(page.get_by_role("button", name="Download everything (ZIP)")).to_be_enabled()
    return page


def test_the_filters_language_and_downloads_are_reachable_by_keyboard(page, server):
    server = f"{server}/?tab=article"
    seen = tab_through(ready_for_keys(page, server))
    text = " | ".join(seen)
    assert "Months — start" in text and "Months — end" in text and "combobox: Actors" in text
    assert "tab: The article's figures" in text  # the tab bar, by keyboard too (its open tab; arrows move on)
    assert "Download everything (ZIP)" in text and "Download these rows with citations (CSV)" in text, " | ".join(seen)
    language = next(i for i, s in enumerate(seen) if s.endswith(": en"))
    ready_for_keys(page, server)  # from the top again: Tab to the language switch, arrow to "es", Space
    for _ in range(language + 1):
        page.keyboard.press("Tab")
    assert focused(page) == "radio: en"
    page.keyboard.press("ArrowRight")
    assert focused(page) == "radio: es"
    page.keyboard.press("Space")
    page.wait_for_url("**lang=es*", timeout=15_000)
    expect(page.locator("h1")).to_contain_text("Migración en la frontera")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_spanish_page_in_the_browser(page, server):
    drawn(page, f"{server}/?lang=es&tab=article", 4)
    expect(page.locator("h1")).to_contain_text("Migración en la frontera México–EE. UU.")
    assert page.evaluate("document.documentElement.lang") == "es"  # screen readers speak Spanish
    first = page.locator(CHART).nth(0)
    assert chart_title(first) == "Llegadas mensuales a la frontera México–EE. UU. (personas)"
    assert first.locator(".xtick text").all_text_contents() == ["mar 2022", "abr 2022", "may 2022", "jun 2022"]
    page.get_by_role("tab", name="Fuentes y método").click()
    expect(page.get_by_text("cita original en inglés", exact=False).first).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
