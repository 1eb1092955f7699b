"""CBP's own rows: the shipped FY2022 file loaded by the build, reconciled with CBP's published totals, broken down
for the article's months (shares, findings, the article's figures beside the rows), in the bundle, and the map's
places. Pure functions on inputs small enough to work out by hand, and the shipped store; the page itself is in
tests/test_cbp_page.py (AppTest), kept out of mutmut's selection so each mutant runs only fast tests."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest
from frictionless import validate

from dashboard.__main__ import main
from dashboard.check import cbp_breakdowns as breakdowns
from dashboard.data import cbp_import as encounters
from dashboard.data import map_places as geo
from dashboard.data import queries, store
from dashboard.data.filters import Filters
from dashboard.data.validate import DataError
from dashboard.outputs import bundle as export
from dashboard.present import describe
from tests.conftest import ALL_ACTORS, PROJECT, copy_curated, read_csv, write_csv
from tests.test_export import rows, unzip

FY2022 = [f"2021-{m}" for m in ("10", "11", "12")] + [f"2022-{m:02d}" for m in range(1, 10)]


def frame(*rows_: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows_, columns=["month", "dimension", "category", "total"])


MAY, JUNE = date(2022, 5, 1), date(2022, 6, 1)


# --- pure: shares, top ten and the rest, reconciliation, the article beside the rows, the months -----------------

def test_shares_sum_the_months_largest_first_ties_by_name():
    rows_ = frame((MAY, "title", "Title 8", 60), (MAY, "title", "Title 42", 40), (JUNE, "title", "Title 42", 20),
                  (MAY, "component", "B", 5), (date(2022, 7, 1), "title", "Title 8", 1000))
    table = breakdowns.shares(rows_, "title", MAY, date(2022, 6, 30))
    assert table[["category", "encounters", "share"]].values.tolist() == [["Title 42", 60, 50.0], ["Title 8", 60, 50.0]]
    assert breakdowns.share_of(table, "Title 42") == (60, 50.0) and breakdowns.share_of(table, "Title 99") == (0, 0.0)
    only_may = breakdowns.shares(rows_, "title", MAY, date(2022, 5, 31))
    assert only_may["encounters"].tolist() == [60, 40] and only_may["share"].tolist() == [60.0, 40.0]


def test_citizenship_keeps_its_ten_largest_and_sums_the_rest_last():
    rows_ = frame(*((MAY, "citizenship", f"C{i:02d}", 100 - i) for i in range(13)), (MAY, "demographic", "X", 7))
    table = breakdowns.shares(rows_, "citizenship", MAY, MAY)
    assert table["category"].tolist() == [f"C{i:02d}" for i in range(10)] + [breakdowns.REST]
    assert table["encounters"].iloc[-1] == 90 + 89 + 88 and table["categories"].tolist() == [1] * 10 + [3]
    assert round(table["share"].sum(), 9) == 100
    demographic = breakdowns.shares(frame(*((MAY, "aor", f"A{i:02d}", 1) for i in range(12))), "aor", MAY, MAY)
    assert len(demographic) == 12 and breakdowns.REST not in set(demographic["category"])  # only citizenship is cut


def test_reconciled_says_which_months_add_up():
    comparison = pd.DataFrame({"month": [MAY, JUNE, date(2022, 7, 1), date(2022, 8, 1)],
                               "imported_total": [10, 11, None, 13], "official_latest": [10, 12, 9, None],
                               "official_observed_on": [None] * 4, "difference": [0, -1, None, None]})
    out = breakdowns.reconciled(comparison)
    assert out["status"].tolist() == ["adds_up", "differs", "unpublished"]
    assert describe.reconciliation(out, "en") == ("In 2 of the 3 months CBP's rows cover here, they do not add up to "
                                                  "CBP's published monthly total: Jun 2022 (differs), Aug 2022 (no "
                                                  "published total).")
    assert describe.reconciliation(out.head(1), "en") == ("For this month, CBP's rows add up exactly to CBP's "
                                                          "published monthly total.")


def test_the_article_beside_the_rows_takes_stated_monthly_totals_only():
    figures = pd.DataFrame({"ref": [1, 3, 7, 8], "chart": ["monthly", "monthly", "monthly", "daily"],
                            "is_derived": [False, False, True, False], "value": [221000.0, 234088.0, 229400.0, 7400],
                            "value_text": ["221,000", "234,088", "229,400", "7,400"], "quote": ["a", "b", "c", "d"],
                            "period_start": [date(2022, 3, 1), date(2022, 4, 1), MAY, MAY]})
    monthly = pd.DataFrame({"month": [date(2022, 4, 1), MAY], "imported_total": [235785, 241136]})
    out = breakdowns.article_beside_rows(figures, monthly)
    assert out[["ref", "rows_total", "difference"]].values.tolist() == [[3, 235785, 1697]]
    assert round(out["percent"].iloc[0], 2) == 0.72


def test_the_breakdowns_default_to_the_article_months_and_follow_a_chosen_range():
    figures = pd.DataFrame({"chart": ["monthly", "monthly", "timeline"],
                            "period_start": [date(2022, 3, 1), date(2022, 5, 1), date(2022, 6, 6)],
                            "period_end": [date(2022, 3, 31), date(2022, 5, 31), date(2022, 6, 6)]})
    every = ("2017-10", "2023-02")
    assert breakdowns.breakdown_months(every, every, figures) == ("2022-03", "2022-05", True)
    assert breakdowns.breakdown_months(("2022-05", "2022-06"), every, figures) == ("2022-05", "2022-06", False)
    assert breakdowns.breakdown_months(("2017-10", "2022-06"), every, figures) == ("2017-10", "2022-06", False)


@pytest.mark.parametrize(("dimension", "lang", "expected"), [
    ("title", "en", "In May 2022, 40.0% of Southwest Land Border encounters were Title 42 expulsions (40 of 100)."),
    ("title", "es", "En may 2022, 40.0% de los encuentros en la frontera terrestre suroeste fueron expulsiones bajo "
                    "el Título 42 (40 de 100)."),
    ("demographic", "en", 'In May 2022, 60.0% of Southwest Land Border encounters were "Title 8" (60 of 100).'),
    ("aor", "en", "In May 2022, the busiest of 2 areas were Title 8 (60.0% of Southwest Land Border encounters) and "
                  "Title 42 (40.0%)."),
])
def test_each_finding_is_worked_out_from_its_rows(dimension, lang, expected):
    table = breakdowns.shares(frame((MAY, dimension, "Title 8", 60), (MAY, dimension, "Title 42", 40)), dimension,
                              MAY, MAY)
    table["label"] = table["category"]
    assert describe.finding(table, dimension, describe.period("2022-05", "2022-05", lang), lang) == expected


@pytest.mark.parametrize(("dimension", "expected"), [
    ("component", "In May 2022, 60.0% of Southwest Land Border encounters (60 of 100) were counted by the Title 8."),
    ("citizenship", "In May 2022, 60.0% of Southwest Land Border encounters were of citizens of Title 8 (60 of 100)."),
])
def test_the_other_findings_name_the_largest_category(dimension, expected):
    table = breakdowns.shares(frame((MAY, dimension, "Title 8", 60), (MAY, dimension, "Title 42", 40)), dimension,
                              MAY, MAY)
    table["label"] = table["category"]
    assert describe.finding(table, dimension, "In May 2022", "en") == expected


def test_a_finding_with_no_title_42_or_one_area_still_reads_whole():
    no_42 = breakdowns.shares(frame((MAY, "title", "Title 8", 60)), "title", MAY, MAY).assign(label="Title 8")
    assert describe.finding(no_42, "title", "In May 2022", "en") == (
        "In May 2022, 0.0% of Southwest Land Border encounters were Title 42 expulsions (0 of 60).")
    one = breakdowns.shares(frame((MAY, "aor", "Del Rio Sector", 1234)), "aor", MAY, MAY).assign(label="Del Rio")
    assert describe.finding(one, "aor", "In May 2022", "en") == (
        "In May 2022, 100.0% of Southwest Land Border encounters (1,234 of 1,234) were in Del Rio.")


def test_a_breakdown_is_drawn_as_bars_across_largest_on_top_and_said_in_words():
    from dashboard.present import charts
    table = breakdowns.shares(frame((MAY, "title", "Title 8", 1060), (MAY, "title", "Title 42", 40)), "title",
                              MAY, MAY).assign(label=["Title 8", "<b>42</b>"])
    figure = charts.share_bars(table, "By title", "en").to_dict()
    (trace,) = figure["data"]
    assert (trace["type"], trace["orientation"], list(trace["y"]), list(trace["x"])) == (
        "bar", "h", ["&lt;b&gt;42&lt;/b&gt;", "Title 8"], [3.6363636363636362, 96.36363636363636])
    assert list(trace["text"]) == ["3.6% (40)", "96.4% (1,060)"] and list(trace["customdata"]) == [40, 1060]
    assert (trace["textposition"], trace["cliponaxis"], trace["marker"]) == ("outside", False, {"color": "#0072B2"})
    assert trace["hovertemplate"] == "%{y}: %{x:.1f}% (%{customdata:,} encounters (events, not people))<extra></extra>"
    layout = figure["layout"]
    assert layout["xaxis"] == {"title": {"text": "share of the months' encounters (%)"},
                               "range": [0, 96.36363636363636 * 1.35 + 1], "ticksuffix": "%"}
    assert (layout["yaxis"], layout["height"], layout["showlegend"], layout["title"]["text"]) == (
        {"automargin": True}, 450, False, "By title")
    many = breakdowns.shares(frame(*((MAY, "citizenship", f"C{i:02d}", 100 - i) for i in range(15))), "citizenship",
                             MAY, MAY).assign(label=lambda t: t["category"])
    assert charts.share_bars(many, "T", "es").to_dict()["layout"]["height"] == 120 + 34 * 11  # ten and the rest
    empty = charts.share_bars(table.head(0), "T", "en").to_dict()
    assert list(empty["data"][0]["y"]) == [] and empty["layout"]["xaxis"]["range"] == [0, 1]
    assert describe.shares(table, "title of authority", "May 2022", "en") == (
        "Bar chart of CBP's Southwest Land Border encounters by title of authority, May 2022, largest first: "
        "Title 8 96.4% (1,060); <b>42</b> 3.6% (40).")


def test_a_period_reads_as_one_month_or_a_range():
    assert describe.period("2022-05", "2022-05", "en") == "In May 2022"
    assert describe.period("2022-03", "2022-05", "es") == "De mar 2022 a may 2022"
    assert [describe.signed_percent(p) for p in (0.72, -4.18, 0.04, 0, 0.05, 0.06)] == [
        "+0.7%", "-4.2%", "0.0%", "0.0%", "0.0%", "+0.1%"]  # a sign only on what reads as more than nought


# --- the shipped file, loaded by the build ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def cur(shipped):
    con = store.connect_read_only(store.default_store(shipped))
    store.attach_read_only(con, str(encounters.encounters_store(shipped).resolve()))
    yield con.cursor()
    con.close()


def test_the_build_imports_the_shipped_file_once_with_its_source_and_date(shipped, capsys):
    con = store.connect_read_only(store.default_store(shipped))
    store.attach_read_only(con, str(encounters.encounters_store(shipped).resolve()))
    files = queries.encounter_files(con)
    assert [str(m)[:7] for m in files["month"]] == FY2022
    assert set(files["file_name"]) == {"cbp_nationwide_aor_fy2022.csv"}
    assert set(files["dated"]) == {date(2024, 11, 26)} and set(files["dated_how"]) == {"republished"}
    assert set(files["source_url"]) == {"https://www.cbp.gov/document/stats/nationwide-encounters"}
    before = encounters.encounters_store(shipped).resolve()
    assert main(["build", "--data", str(shipped)]) == 0
    assert encounters.encounters_store(shipped).resolve() == before  # not imported again: nothing changed
    assert "imported CBP's shipped files" not in capsys.readouterr().out


def test_fy2022_rows_add_up_to_cbps_latest_published_totals_month_by_month(cur):
    """Every FY2022 month of CBP's rows sums to CBP's published Southwest total as last revised (the store's record,
    from ../shared/reference/): no month differs, so none needs explaining."""
    fy2022 = Filters("2021-10", "2022-09", ALL_ACTORS)
    out = breakdowns.reconciled(queries.southwest_comparison(cur, fy2022))
    assert [str(m)[:7] for m in out["month"]] == FY2022
    assert out["status"].tolist() == ["adds_up"] * 12
    assert out["imported_total"].tolist() == out["official_latest"].tolist()
    assert out["imported_total"].sum() == 2_378_944


def test_a_bad_row_of_the_shipped_list_names_file_row_and_field(tmp_path):
    data = copy_curated(tmp_path, shipped_cbp=True)
    (data / "cbp" / "files.csv").write_text((PROJECT / "data" / "cbp" / "files.csv").read_text().replace(
        "2024-11-26,republished", "2024-11-31,republished"))
    with pytest.raises(DataError) as caught:
        encounters.ensure_shipped(data)
    assert str(caught.value) == "cbp/files.csv, row 2, field 'dated': '2024-11-31' is not a date (YYYY-MM-DD)"
    rows_ = read_csv(PROJECT / "data" / "cbp" / "files.csv")
    write_csv(data / "cbp" / "files.csv", [rows_[0] | {"source_id": "nobody"}])
    with pytest.raises(DataError, match=r"row 2, field 'source_id': 'nobody' is not in sources.csv"):
        encounters.ensure_shipped(data)
    assert not encounters.encounters_store(data).exists()


def test_the_bundle_carries_cbps_rows_with_their_files_and_is_a_valid_package(cur, tmp_path):
    files = unzip(export.bundle(cur, Filters("2017-10", "2023-02", ALL_ACTORS)), tmp_path)
    report_ = validate(tmp_path / "datapackage.json")
    assert report_.valid, report_.flatten(["type", "note", "resourcePath", "fieldName"])[:5]
    shares = rows(files, "cbp-southwest-breakdowns.csv")
    title42 = next(r for r in shares if r["dimension"] == "title" and r["category"] == "Title 42")
    assert (title42["month_from"], title42["month_to"]) == ("2022-03", "2022-05")  # the article's months
    assert title42["files"] == "cbp_nationwide_aor_fy2022.csv (republished 2024-11-26)"
    assert title42["source_url"] == "https://www.cbp.gov/document/stats/nationwide-encounters"
    assert {r["status"] for r in rows(files, "cbp-southwest-vs-record.csv")} == {"adds_up"}
    assert len(rows(files, "cbp-month-files.csv")) == 12
    package = json.loads(files["datapackage.json"])
    sources = {r["name"]: {s["path"] for s in r["sources"]} for r in package["resources"]}
    assert "https://www.cbp.gov/document/stats/nationwide-encounters" in sources["cbp-southwest-breakdowns"]
    hidden = unzip(export.bundle(cur, Filters("2017-10", "2023-02", ("us-gov",))), tmp_path / "hidden")
    assert not [name for name in hidden if name.startswith("cbp-s")]  # the actor filter hides CBP's rows


# --- the map's places ------------------------------------------------------------------------------------------

def test_every_southwest_area_in_cbps_rows_has_a_place_inside_the_map(cur):
    places = geo.places(PROJECT / "data")
    areas = set(queries.southwest_breakdowns(cur).query("dimension == 'aor'")["category"])
    assert areas == set(places["aor"])
    assert places["lat"].between(*geo.BOX["lat"]).all() and places["lon"].between(*geo.BOX["lon"]).all()
    assert (places["basis_url"].fillna("").str.startswith("https://www.cbp.gov/") | places["basis"].eq(
        "named after the city")).all()


def test_a_bad_place_names_file_row_and_field(tmp_path):
    data = copy_curated(tmp_path)
    rows_ = read_csv(data / "cbp" / "places.csv")
    write_csv(data / "cbp" / "places.csv", [rows_[0], rows_[1] | {"lat": "52.1"}])
    with pytest.raises(DataError) as caught:
        geo.places(data)
    assert str(caught.value) == "cbp/places.csv, row 3, field 'lat': 52.1 is outside the map (24.5 to 37.5)"


def test_a_new_import_takes_the_name_on_a_build_another_connection_holds(shipped, tmp_path):
    """One process holds one instance per store path: a second connection to the same build finds `enc` attached
    already, and after an import it must read the new file, not fail on the name."""
    first = store.connect_read_only(store.default_store(shipped))
    store.attach_read_only(first, str(encounters.encounters_store(shipped).resolve()))
    other = tmp_path / "other"
    encounters.import_files([PROJECT / "data" / "cbp" / "cbp_nationwide_aor_fy2022.csv"], other, progress=False)
    second = store.connect_read_only(store.default_store(shipped))
    store.attach_read_only(second, str(encounters.encounters_store(other).resolve()))
    sql = "SELECT path FROM duckdb_databases() WHERE database_name = 'enc'"
    assert second.execute(sql).fetchall() == [(str(encounters.encounters_store(other).resolve()),)]
    store.attach_read_only(second, str(encounters.encounters_store(shipped).resolve()))  # and back, as the module was
    first.close()
    second.close()


def test_the_map_draws_each_area_at_its_place_sized_by_its_encounters():
    from dashboard.present import charts
    places = pd.DataFrame({"category": ["Del Rio Sector", "Laredo Field Office"], "label": ["Del Rio Sector",
                           "Laredo Field Office"], "component": ["U.S. Border Patrol", "Office of Field Operations"],
                           "encounters": [400, 100], "share": [80.0, 20.0], "place": ["Del Rio, TX", "Laredo, TX"],
                           "lat": [29.36, 27.51], "lon": [-100.9, -99.51]})
    outlines = geo.outlines(PROJECT / "data")
    figure = charts.border_map(places, outlines, "A map", "en")
    lines, sectors, offices = figure.data[:3], figure.data[3], figure.data[4]
    assert [t.line.width for t in lines] == [0.6, 0.8, 2.0] and len(figure.data) == 5
    assert np.array_equal(lines[2].x, outlines["border"][0], equal_nan=True)  # the border, as shipped
    assert (sectors.name, sectors.marker.symbol, sectors.marker.color) == ("U.S. Border Patrol", "circle", "#0072B2")
    assert (offices.name, offices.marker.symbol, offices.marker.color) == (
        "Office of Field Operations", "square", "#D55E00")
    assert tuple(sectors.marker.size) == (60.0,) and tuple(offices.marker.size) == (6 + 54 * 0.5,)
    assert sectors.text == ("400",) and [list(c) for c in offices.customdata] == [
        ["Laredo Field Office", "Laredo, TX", "20.0%"]]
    assert offices.hovertemplate == ("<b>%{customdata[0]}</b><br>%{text} encounters (events, not people) "
                                     "(%{customdata[2]})<br>drawn "
                                     "at %{customdata[1]}<extra></extra>")
    for trace, colour in zip(lines, ("#BBBBBB", "#888888", "#333333"), strict=True):
        assert (trace.mode, trace.line.color, trace.hoverinfo, trace.showlegend) == ("lines", colour, "skip", False)
    assert np.array_equal(lines[0].y, outlines["states"][1], equal_nan=True)
    assert np.array_equal(lines[1].x, outlines["coasts"][0], equal_nan=True)
    for trace in (sectors, offices):
        assert (trace.mode, trace.marker.sizemode, trace.marker.opacity) == ("markers", "diameter", 0.7)
        assert (trace.marker.line.color, trace.marker.line.width) == ("#FFFFFF", 1)
    assert (tuple(sectors.x), tuple(sectors.y)) == ((-100.9,), (29.36,))
    assert [list(c) for c in sectors.customdata] == [["Del Rio Sector", "Del Rio, TX", "80.0%"]]
    assert offices.text == ("100",)
    layout = figure.layout
    assert layout.title.text == "A map" and layout.plot_bgcolor == "#FFFFFF"
    for axis in (layout.xaxis, layout.yaxis):
        assert (axis.visible, axis.showgrid, axis.zeroline) == (False, False, False)
    other = places.assign(component=["Someone else", "Office of Field Operations"])
    lone = charts.border_map(other, outlines, "A map", "es").data[3]
    assert (lone.marker.symbol, lone.marker.color) == ("circle", charts.NO_COLOUR)  # a component with no style
    assert lone.hovertemplate.startswith("<b>%{customdata[0]}</b><br>%{text} encuentros")
    assert len(charts.border_map(places.head(0), outlines, "A map", "en").data) == 3  # no areas: the outlines alone
    ones = charts.border_map(places.assign(encounters=[1, 0]), outlines, "A map", "en").data
    assert (tuple(ones[3].marker.size), tuple(ones[4].marker.size)) == ((60.0,), (6.0,))  # sized against 1 at least
    assert (layout.xaxis.range, layout.yaxis.range, layout.height) == ((-121, -95.5), (24.8, 36.5), 520)
    assert round(layout.yaxis.scaleratio, 4) == 1.1666 and layout.yaxis.scaleanchor == "x"
    assert layout.xaxis.visible is False and layout.dragmode == "pan"
    assert describe.border_map(places, "May 2022", "en") == (
        "Map of the US–Mexico border with one circle per Border Patrol sector and one square per Field Operations "
        "office, its area in proportion to its encounters, May 2022, largest first: Del Rio Sector 400 (80.0%, Del "
        "Rio, TX); Laredo Field Office 100 (20.0%, Laredo, TX). Each area covers hundreds of miles; it is drawn at "
        "one town in it (the table's \"drawn at\").")
