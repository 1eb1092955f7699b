"""CBP's own rows on the page, through AppTest: the CBP tab on a fresh copy's shipped FY2022 file (findings,
breakdown tabs, citations, the actor filter, Spanish) and an import by hand named on the page."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.__main__ import main
from dashboard.data import store
from tests.conftest import PROJECT, copy_curated
from tests.test_app import runner

APP = str(PROJECT / "dashboard" / "app.py")


# --- the page ------------------------------------------------------------------------------------------------

@pytest.fixture
def app(shipped, monkeypatch):
    """Run the app's CBP tab against the copy with CBP's shipped files, with the given URL query."""
    run = runner(shipped, monkeypatch, timeout=90)
    return lambda **query: run(**({"tab": "cbp"} | query))


def bold(at: AppTest) -> list[str]:
    """Every line of the page's markdown in bold, as read (the breakdowns' findings are a list of them)."""
    lines = [line.removeprefix("- ") for m in at.markdown for line in m.value.replace("\\", "").splitlines()]
    return [line for line in lines if line.startswith("**")]


def test_the_first_page_shows_real_encounters_for_the_article_months(app):
    at = app()
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Months: Mar 2022 to May 2022, the months the article gives arrivals for. Move the month filter to see " \
           "others." in captions
    assert any(c.startswith("Oct 2021 to Sep 2022: CBP's rows from cbp_nationwide_aor_fy2022.csv (republished "
                            "2024-11-26)") for c in captions)
    lines = [m.value.replace("\\", "") for m in at.markdown]
    assert ("[3] Apr 2022: the article says 234,088; CBP's rows for the month add up to 235,785 today (+1,697, "
            "+0.7%).") in lines
    assert "In all 12 months CBP's rows cover here, they add up exactly to CBP's published monthly totals." in lines
    drawn = {c.key for c in at.get("plotly_chart") if c.key.startswith("chart-cbp")}
    assert drawn == {"chart-cbp-component"}  # only the open tab's chart is made and drawn


def test_may_2022_reads_as_cbps_rows_say(app):
    at = app(months=["2022-05", "2022-05"])
    found = bold(at)
    assert "**In May 2022, 43.9% of Southwest Land Border encounters were Title 42 expulsions (105,774 of " \
           "241,136).**" in found
    assert "**In May 2022, 69.1% of Southwest Land Border encounters were \"Single Adults\" (166,670 of 241,136).**" \
        in found
    assert "**In May 2022, 32.1% of Southwest Land Border encounters were of citizens of Mexico (77,453 of " \
           "241,136).**" in found
    assert any("busiest of 13 areas were Rio Grande Valley Sector (19.1%" in f and "Del Rio Sector (18.6%)" in f
               for f in found)
    opened = AppTest.from_file(APP, default_timeout=90)
    opened.query_params["months"] = ["2022-05", "2022-05"]
    opened.query_params["tab"] = "cbp"
    opened.session_state["cbp_tab"] = "Citizenship"
    opened.run()
    assert {c.key for c in opened.get("plotly_chart") if c.key.startswith("chart-cbp")} == {"chart-cbp-citizenship"}
    citizenship = next(df.value for df in opened.dataframe if "Mexico" in set(df.value.iloc[:, 0]))
    assert len(citizenship) == 11 and citizenship.iloc[-1, 0].startswith("All other citizenships (")


def test_cbps_charts_cite_its_files_and_record_with_their_dates(app):
    at = app(months=["2022-05", "2022-05"])
    cited = {c.key: json.loads(c.proto.spec)["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
             for c in at.get("plotly_chart")}
    files = "U.S. Customs and Border Protection: Nationwide Encounters (by area of responsibility), as of 2024-11-26"
    assert all(text.startswith("May 2022; actors: all Source: " + files) for text in cited.values())
    assert cited["chart-southwest"].endswith("; U.S. Customs and Border Protection: Southwest Land Border Encounters, "
                                             "as of 2023-03-16")
    alone = app(chart="cbp-southwest-title", months=["2022-05", "2022-05"])
    assert [c.key for c in alone.get("plotly_chart")] == ["chart-cbp-southwest-title"]
    spec = json.loads(alone.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "Southwest Land Border encounters by title<br>of authority, May 2022"
    assert files in spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


def test_the_actor_filter_hides_cbps_rows(app):
    at = app(actor=["us-gov"])
    assert not at.exception
    assert any("hides U.S. Customs and Border Protection" in i.value for i in at.info)
    assert not [c for c in at.get("plotly_chart") if c.key.startswith("chart-cbp")]


def test_the_spanish_page_says_it_in_spanish(app):
    at = app(lang="es", months=["2022-05", "2022-05"])
    assert not at.exception
    assert "**En may 2022, 43.9% de los encuentros en la frontera terrestre suroeste fueron expulsiones bajo el " \
           "Título 42 (105,774 de 241,136).**" in bold(at)
    from tests.test_app import english_fragments, page_text
    assert not {f for f in english_fragments() if f in page_text(at)}


def test_an_import_by_hand_is_dated_by_its_option_and_named_on_the_page(tmp_path, monkeypatch):
    """A newer file covering some of the shipped months takes them over; the page says which file each month comes
    from."""
    data = copy_curated(tmp_path, shipped_cbp=True)
    assert main(["build", "--data", str(data)]) == 0
    newer = tmp_path / "nationwide-encounters-fy22-fy25-aor.csv"
    lines = (PROJECT / "data" / "cbp" / "cbp_nationwide_aor_fy2022.csv").read_text().splitlines()
    newer.write_text("\n".join([lines[0], *(line for line in lines[1:] if ",AUG," in line or ",SEP," in line)]) + "\n")
    assert main(["import-cbp", str(newer), "--data", str(data), "--quiet", "--published", "2025-11-14"]) == 0
    monkeypatch.setenv(store.DATA_ENV, str(data))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["tab"] = "cbp"
    at.run()
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(c.startswith("Oct 2021 to Jul 2022: CBP's rows from cbp_nationwide_aor_fy2022.csv") for c in captions)
    assert any(c.startswith("Aug 2022 to Sep 2022: CBP's rows from nationwide-encounters-fy22-fy25-aor.csv "
                            "(published 2025-11-14); source: a file imported by hand") for c in captions)
