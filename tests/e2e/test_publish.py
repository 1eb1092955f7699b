"""The export bundle downloaded from the page, and the static report opened offline in Chromium."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from dashboard.data import store
from dashboard.outputs import report
from tests.conftest import all_filters, copy_curated
from tests.e2e.conftest import open_app

pytestmark = pytest.mark.browser


def test_download_everything_gives_the_filtered_bundle(page, server):
    open_app(page, f"{server}/?months=2022-04&months=2022-05&actor=us-gov&lang=es")
    with page.expect_download() as info:
        page.get_by_role("button", name="Descargar todo (ZIP)").click()
    assert info.value.suggested_filename == "border-migration_2022-04_to_2022-05_us-gov.zip"
    with zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes())) as archive:
        names = set(archive.namelist())
        package = json.loads(archive.read("datapackage.json"))
        readme = archive.read("README.md").decode()
    assert {"datapackage.json", "citations.json", "citations.bib", "README.md", "monthly-arrivals.csv"} <= names
    assert package["language"] == "es" and "abr 2022 – may 2022; actores: Gobierno de EE. UU." in readme


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    data = copy_curated(folder)
    con = store.connect_read_only(store.build(data))
    path = folder / "report.html"
    path.write_text(report.report_html(con.cursor(), all_filters("2017-10", "2023-02"), "en"), encoding="utf-8")
    con.close()
    return path


def test_the_static_report_draws_every_chart_offline(browser, report_file):
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(report_file.as_uri())
    charts = page.locator("figure.chart")
    expect(charts).to_have_count(5)
    for index in range(5):
        expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=15_000)
        expect(charts.nth(index).locator("g.trace").first).to_be_attached()  # data drawn, not just axes
    assert [url for url in fetched if not url.startswith("file:")] == []
    assert page.evaluate("typeof Plotly") == "object"
    expect(page.locator("h1")).to_have_text("Migration at the Mexico–US border: the article's figures")
    context.close()
