"""The record's and the imported data's charts and descriptions, and the panel's source lines, at the layer where they
are made (the app's tests reach them only through a page). Inputs are small frames whose totals are worked out here by
hand; each case is in both languages where the words differ."""

from __future__ import annotations

import itertools
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.data import queries
from dashboard.present import charts, citations, describe
from dashboard.words.i18n import LANGS
from tests.conftest import all_filters

FY = pd.DataFrame({"month": [date(2021, 10, 1), date(2021, 11, 1), date(2022, 10, 1)],
                   "fiscal_year": [2022, 2022, 2023], "value": [100000, 200000, 5000]})
HISTORY = pd.DataFrame({"month": [date(2022, 5, 1)] * 3,
                        "observed_on": [date(2022, 6, 15), date(2022, 7, 15), date(2022, 11, 1)],
                        "value": [239416, 241136, 241135], "vintage": ["first_release", "revision", "revision"]})
TOTALS = pd.DataFrame({"month": [date(2022, 3, 1), date(2022, 3, 1), date(2022, 4, 1)],
                       "category": ["Mexico", "<b>Cuba</b>", "<b>Cuba</b>"], "total": [10, 30, 5]})
SOUTHWEST = pd.DataFrame({"month": [date(2022, 3, 1), date(2022, 4, 1), date(2022, 5, 1)],
                          "imported_total": [10, 20, None], "official_latest": [10, 21, 30]})


def test_fiscal_years_are_summed_and_partial_years_named():
    assert describe.fiscal_years(FY, "latest", "en") == (
        "Bar chart of CBP's Southwest Land Border encounters by fiscal year (October–September), latest: "
        "FY2022 300,000 (2 of 12 months); FY2023 5,000 (1 of 12 months).")
    assert describe.fiscal_years(FY, "latest", "es").endswith("latest: AF2022 300,000 (2 de 12 meses); AF2023 5,000 "
                                                              "(1 de 12 meses).")
    whole = pd.DataFrame({"month": pd.date_range("2021-10-01", periods=12, freq="MS").date, "fiscal_year": 2022,
                          "value": 1000})
    assert describe.fiscal_years(whole, "b", "en").endswith("b: FY2022 12,000.")


def test_fiscal_year_chart_draws_each_year_total():
    figure = charts.fiscal_year_chart(FY, "latest", "es")
    (bar,) = figure.data
    assert list(bar.x) == ["AF2022", "AF2023"] and list(bar.y) == [300000, 5000]
    assert list(bar.text) == ["300,000<br>2 de 12 meses", "5,000<br>1 de 12 meses"]
    assert bar.hovertemplate == "%{x}: %{y:,} encuentros<extra></extra>" and bar.marker.color == "#0072B2"
    assert figure.layout.title.text.startswith("Encuentros de la CBP") and figure.layout.title.text.endswith("latest")
    assert figure.layout.xaxis.title.text == "Año fiscal" and figure.layout.xaxis.type == "category"
    assert figure.layout.yaxis.title.text == "Encuentros (eventos, no personas)"
    whole = pd.DataFrame({"month": [date(2021, 10, 1)] * 12, "fiscal_year": 2022, "value": 1})
    assert list(charts.fiscal_year_chart(whole, "b", "en").data[0].text) == ["12"]


def test_revisions_are_listed_in_order_with_their_count():
    assert describe.revisions(HISTORY, "en") == (
        "Step chart of CBP's value for May 2022 on each date it was observed, with 2 revisions after the first: "
        "2022-06-15: 239,416; 2022-07-15: 241,136; 2022-11-01: 241,135.")
    assert "may 2022" in describe.revisions(HISTORY, "es") and "con 2 revisiones después" in describe.revisions(
        HISTORY, "es")
    assert ", with 1 revision after the first: 2022-06-15: 239,416; 2022-07-15: 241,136." in describe.revisions(
        HISTORY.iloc[:2], "en")
    assert ", con 1 revisión después de la primera: 2022-06-15" in describe.revisions(HISTORY.iloc[:2], "es")


@pytest.mark.parametrize("lang", LANGS)
def test_revisions_chart_steps_through_each_observation(lang):
    figure = charts.revisions_chart(HISTORY, lang)
    (line,) = figure.data
    assert list(line.x) == ["2022-06-15", "2022-07-15", "2022-11-01"] and list(line.y) == [239416, 241136, 241135]
    assert list(line.text) == ["239,416", "241,136", "241,135"] and line.line.shape == "hv"
    first, revised = {"en": ("first release", "revision"), "es": ("primera publicación", "revisión")}[lang]
    assert [c[0] for c in line.customdata] == [first, revised, revised]
    assert figure.layout.title.text == {
        "en": "Revisions of May 2022: CBP's value by date<br>observed",
        "es": "Revisiones de may 2022: valor de la<br>CBP por fecha de observación"}[lang]
    assert figure.layout.xaxis.type == "date" and figure.layout.xaxis.tickformat == {"en": "%d %b %Y",
                                                                                     "es": "%d/%m/%Y"}[lang]


def test_encounters_name_the_span_the_total_and_the_largest_category():
    assert describe.encounters(TOTALS, "citizenship", "en") == (
        "Stacked bar chart of imported CBP encounters by month and citizenship, Mar 2022 to Apr 2022: 45 in all "
        "across 2 categories; the largest is <b>Cuba</b> with 35.")
    assert "ciudadanía, mar 2022 a abr 2022: 45 en total en 2 categorías" in describe.encounters(TOTALS, "citizenship",
                                                                                                  "es")
    cuba = TOTALS[TOTALS["category"] != "Mexico"]
    assert ": 35 in all across 1 category; the largest" in describe.encounters(cuba, "citizenship", "en")
    assert ": 35 en total en 1 categoría; la mayor" in describe.encounters(cuba, "citizenship", "es")


def test_encounter_chart_stacks_one_escaped_trace_per_category():
    figure = charts.encounter_chart(TOTALS, "citizenship", "es")
    cuba, mexico = figure.data  # categories in sorted order
    assert (cuba.name, mexico.name) == ("&lt;b&gt;Cuba&lt;/b&gt;", "Mexico")
    assert (list(cuba.x), list(cuba.y)) == (["2022-03-01", "2022-04-01"], [30, 5])
    assert (list(mexico.x), list(mexico.y)) == (["2022-03-01"], [10])
    assert (cuba.marker.color, mexico.marker.color) == charts.PALETTE[:2]
    assert cuba.hovertemplate == "%{x|%m/%Y}: %{y:,} (%{fullData.name})<extra></extra>"
    assert figure.layout.barmode == "stack" and figure.layout.xaxis.dtick == "M3"
    assert figure.layout.title.text == "Encuentros de la CBP importados por<br>mes y ciudadanía"


def test_southwest_counts_months_with_both_and_those_that_differ():
    assert describe.southwest(SOUTHWEST, "en") == (
        "Line chart of imported Southwest Land Border totals beside CBP's published monthly totals, Mar 2022 to "
        "May 2022: 2 months have both, and they differ in 1.")
    assert describe.southwest(SOUTHWEST, "es").endswith("mar 2022 a may 2022: 2 meses tienen ambos y difieren en 1.")


def test_southwest_chart_draws_each_series_where_it_has_values():
    figure = charts.southwest_chart(SOUTHWEST, "en")
    imported, published = figure.data
    assert (imported.name, list(imported.x), list(imported.y)) == ("Imported data", ["2022-03-01", "2022-04-01"],
                                                                   [10, 20])
    assert (published.name, list(published.y)) == ("CBP published (latest)", [10, 21, 30])
    assert (imported.line.color, published.line.color) == ("#0072B2", "#CC79A7")
    assert published.hovertemplate == "%{x|%b %Y}: %{y:,}<extra>CBP published (latest)</extra>"
    assert figure.layout.yaxis.rangemode == "tozero"
    assert figure.layout.title.text == "Southwest Land Border encounters: imported<br>vs published"


SOURCE = {"title": "A *bold* [title]", "publisher": "Pub", "via": "Archive", "author": "Ana <b>", "url":
          "https://example.org/a b", "published": "2022-06-15", "precision": "day"}


def test_a_source_line_escapes_every_field_and_links_safely():
    line = citations.source_markdown(pd.Series(SOURCE), "en")
    assert line == ("**A \\*bold\\* \\[title\\]** · Pub (Archive) · Ana \\<b\\> · 2022\\-06\\-15 · "
                    "[https\\://example\\.org/a b](https://example.org/a%20b)")
    bare = citations.source_markdown(pd.Series(SOURCE | {"via": None, "author": "", "url": "javascript:x"}), "en")
    assert bare == "**A \\*bold\\* \\[title\\]** · Pub · 2022\\-06\\-15"


def test_the_copy_a_source_was_read_in_is_named_only_when_there_is_one():
    assert citations.via_text("Wayback (2022)") == " (Wayback \\(2022\\))"
    assert citations.via_text("") == "" and citations.via_text(None) == "" and citations.via_text(float("nan")) == ""


EVIDENCE = {"source_publisher": "CBP", "source_via": "", "source_published": "2022-06-01", "source_precision": "day",
            "relation": "corroborates", "known_at_publication": "before", "quote": "over 239,000 *encounters*",
            "note": "", "source_url": "https://cbp.gov/x"}


@pytest.mark.parametrize(("lang", "words"), [("en", "corroborates · public before the article"),
                                             ("es", "corrobora · pública antes del artículo")])
def test_an_evidence_line_names_relation_timing_quote_and_link(lang, words):
    line = citations.evidence_markdown(pd.Series(EVIDENCE), lang)
    link = {"en": "link", "es": "enlace"}[lang]
    assert line == (f"**CBP** · 2022\\-06\\-01 · {words}: “over 239,000 \\*encounters\\*” "
                    f"[{link}](https://cbp.gov/x)")
    noted = citations.evidence_markdown(pd.Series(EVIDENCE | {"note": "see <p>", "source_url": "ftp://x"}), lang)
    assert noted == f"**CBP** · 2022\\-06\\-01 · {words}: “over 239,000 \\*encounters\\*” — see \\<p\\>"
    copy = citations.evidence_markdown(pd.Series(EVIDENCE | {"source_via": "via Archive"}), lang)
    assert copy.startswith("**CBP** (via Archive) · 2022\\-06\\-01")


def test_evidence_lines_list_each_row_numbered_by_its_figure_when_asked():
    rows = pd.DataFrame([EVIDENCE | {"ref": 9}, EVIDENCE | {"ref": 10, "source_publisher": "The Week"}])
    one, two = (citations.evidence_markdown(r, "en") for _, r in rows.iterrows())
    assert citations.evidence_lines(rows, "en") == f"- {one}\n- {two}"
    assert citations.evidence_lines(rows, "en", numbered=True) == f"- **\\[9\\]** {one}\n- **\\[10\\]** {two}"
    assert citations.evidence_lines(rows.iloc[0:0], "en") == ""


def test_pinned_columns_are_named_in_the_page_language():
    assert citations.pinned("en", "ref") == {"Ref": {"pinned": True}}
    assert citations.pinned("es", "ref", "value_text") == {"Ref.": {"pinned": True},
                                                           citations.i18n.t("es", "col_value_text"): {"pinned": True}}


def test_the_article_and_record_sources_and_the_article_moment(cur):
    sources = queries.figure_and_record_sources(cur)
    assert sources == sorted(sources) and queries.ARTICLE in sources
    assert len(sources) == len(set(sources)) == cur.execute(
        "SELECT count(DISTINCT source_id) FROM (SELECT source_id FROM figures UNION ALL "
        "SELECT source_id FROM official_observations)").fetchall()[0][0]
    assert queries.article_date(cur) == date(2022, 6, 15)
    earliest, published = queries.article_moment(cur)
    assert published == "2022-06-15T12:04:00-05:00" and earliest.isoformat().startswith("2022-06-15")


def test_each_month_history_is_every_observation_oldest_first_with_its_change(cur):
    histories = queries.official_histories(cur)
    months = [r[0] for r in cur.execute("SELECT DISTINCT month FROM official_observations ORDER BY month").fetchall()]
    assert list(dict.fromkeys(histories["month"])) == months  # by month, one block each
    revised = 0
    for month in months:
        history = histories[queries.history_kept(histories, month)].reset_index(drop=True)
        raw = cur.execute("SELECT observed_on, value, vintage FROM official_observations WHERE month = ? "
                          "ORDER BY observed_on", [month]).fetchall()
        assert list(zip(history["observed_on"], history["value"], history["vintage"], strict=True)) == raw
        assert list(history.index) == list(range(len(raw)))
        assert pd.isna(history["change"].iloc[0])  # a month's first release changes nothing, whatever came before
        assert list(history["change"].iloc[1:]) == [b[1] - a[1] for a, b in itertools.pairwise(raw)]
        assert set(history["month"]) == {month}
        revised += len(raw) > 1
    assert revised >= 10  # the store holds revised months, so the change of a revision is checked


def test_imported_data_is_seen_only_once_attached_with_its_distinct_values(data_dir, cur):
    from bench import synthetic
    from dashboard.data import cbp_import as encounters

    assert queries.has_encounters(cur) is False
    path = synthetic.write(data_dir / "cbp.csv", rows=500)
    encounters.import_files([path], data_dir, progress=False)
    cur.execute("ATTACH ? AS enc (READ_ONLY)", [str(encounters.encounters_store(data_dir).resolve())])
    assert queries.has_encounters(cur) is True
    for dimension, column in (("region", "Land Border Region"), ("citizenship", "Citizenship")):
        expected = sorted({r[0] for r in duckdb.sql(f"SELECT \"{column}\" FROM read_csv('{path}')").fetchall()})
        assert queries.encounter_values(cur, dimension) == expected
    with pytest.raises(ValueError, match="unknown dimension 'x; DROP'"):
        queries.encounter_values(cur, "x; DROP")
    compared = queries.southwest_comparison(cur, all_filters("2019-10", "2023-09"))
    published = compared.dropna(subset=["official_latest"])
    assert len(published) and all(type(d) is date for d in published["official_observed_on"])


COLORS = {"US CBP": "#0072B2", "US government": "#D55E00", "Mexico Business News": "#009E73"}


def record_inputs(n_months: int = 20):
    months = pd.date_range("2021-01-01", periods=n_months, freq="MS").date
    official = pd.DataFrame({
        "month": months, "value": range(100, 100 + n_months), "vintage": "revision", "observed_on": date(2022, 7, 1),
        "first_value": range(90, 90 + n_months), "first_observed_on": date(2022, 6, 1),
        "latest_value": range(100, 100 + n_months), "latest_observed_on": date(2022, 7, 1), "actor_name": "US CBP"})
    claims = pd.DataFrame({
        "month": [date(2022, 4, 1), date(2022, 5, 1)], "is_derived": [False, True], "ref": [3, 5],
        "metric_short": ["Arrivals <i>", "Arrivals"], "value_text": ["234,088", "about <b>240,000"],
        "article_date": date(2022, 6, 15), "known_value": [234088, float("nan")], "known_on": [date(2022, 5, 17), None],
        "latest_value": [235785, 241136], "latest_on": date(2022, 10, 1), "verdict": ["matches", "differs"],
        "actor_name": ["US government", "Mexico Business News"], "value": [234088, 240000],
        "period_start": [date(2022, 4, 1), date(2022, 5, 1)], "period_end": [date(2022, 4, 30), date(2022, 5, 31)]})
    return official, claims


def test_record_chart_draws_the_series_and_each_claim_with_what_cbp_said():
    official, claims = record_inputs()
    figure = charts.record_chart(official, claims, COLORS, "latest <b>", "en")
    line, reported, derived = figure.data
    assert line.name == "CBP, latest &lt;b&gt;" and line.mode == "lines+markers" and line.line.color == "#0072B2"
    assert line.x[:2] == ("2021-01-01", "2021-02-01") and line.y[:2] == (100, 101) and len(line.x) == 20
    assert list(line.customdata[0]) == ["Jan 2021", "revision", "2022-07-01", "90", "2022-06-01", "100", "2022-07-01"]
    assert "%{customdata[6]}" in line.hovertemplate and (line.xperiod, line.xperiodalignment) == ("M1", "middle")
    assert (reported.name, derived.name) == ("Article (reported)", "Article (derived)")
    assert (reported.marker.symbol, derived.marker.symbol) == ("diamond", "diamond-open")
    assert (list(reported.marker.color), list(derived.marker.line.color)) == (["#D55E00"], ["#009E73"])
    assert (list(reported.x), list(reported.y), list(reported.text)) == (["2022-04-01"], [234088], ["[3]<br>234,088"])
    assert list(reported.customdata[0]) == [3, "Arrivals &lt;i&gt;", "reported", "234,088", "2022-06-15",
                                            "234,088 (observed 2022-05-17)", "235,785 (observed 2022-10-01)", "matches"]
    assert list(derived.customdata[0]) == [5, "Arrivals", "derived", "about &lt;b&gt;240,000", "2022-06-15",
                                           "not yet published", "241,136 (observed 2022-10-01)", "differs"]
    assert "%{customdata[7]}" in derived.hovertemplate and derived.mode == "markers+text"
    assert (derived.xperiod, derived.xperiodalignment) == ("M1", "middle")
    assert (reported.textposition, derived.textposition) == (("top center",), ("bottom center",))  # April, May
    shaded = [(s.x0, s.x1) for s in figure.layout.shapes]
    assert shaded == [("2022-04-01", "2022-05-01"), ("2022-05-01", "2022-06-01")]  # each claimed month, whole
    # 20 months: the axis opens on the year before the first claim and 75 days after the last
    assert figure.layout.xaxis.range == ("2021-04-01", "2022-07-15") and figure.layout.xaxis.dtick == "M2"
    assert (figure.layout.yaxis.tickformat, figure.layout.yaxis.rangemode) == (",d", "tozero")
    assert figure.layout.title.text == "CBP Southwest Land Border encounters<br>by month, latest &lt;b&gt;"


def test_claim_labels_of_neighbouring_months_sit_on_opposite_sides_whatever_their_status():
    official, claims = record_inputs()
    three = pd.concat([claims, claims.iloc[[0]].assign(month=date(2022, 3, 1), ref=1)], ignore_index=True)
    reported, derived = charts.record_chart(official, three, COLORS, "b", "en").data[1:]
    sides = dict(zip(reported.text, reported.textposition, strict=True)) | dict(
        zip(derived.text, derived.textposition, strict=True))
    # March (reported) above, April (reported) below, May (derived) above: month order, not trace order; March's
    # to the left of its mark, clear of May's two months on
    assert sides == {"[1]<br>234,088": "top left", "[3]<br>234,088": "bottom center",
                     "[5]<br>240,000": "top center"}


def test_the_first_claim_label_on_a_side_with_another_sits_left_of_its_mark():
    assert charts.claim_label_positions([4, 2, 9, 7, 5]) == {
        4: "top left", 2: "bottom left", 9: "top center", 7: "bottom center", 5: "top center"}
    assert charts.claim_label_positions([4, 2]) == {4: "top center", 2: "bottom center"}  # alone on its side
    assert charts.claim_label_positions([]) == {}


def test_revisions_chart_leaves_room_for_its_first_and_last_labels():
    axis = charts.revisions_chart(HISTORY, "en").layout.xaxis  # observed 2022-06-15 to 2022-11-01: 139 days
    assert axis.range == ("2022-05-30", "2022-11-17")  # 12% of the span (16 days) either side: whole on a phone
    one = charts.revisions_chart(HISTORY.iloc[[0]], "en").layout.xaxis
    assert one.range == ("2022-06-05", "2022-06-25")  # at least ten days either side


def test_revisions_chart_leaves_room_above_its_highest_value_for_its_label():
    # 239,416 to 241,136: a span of 1,720; three tenths of it below and above, for labels on either side
    assert charts.revisions_chart(HISTORY, "en").layout.yaxis.range == (239416 - 516, 241136 + 516)
    assert charts.revisions_chart(HISTORY.iloc[[0]], "en").layout.yaxis.range == (  # one value: its hundredth
        239416 - 239416 * 3 / 1000, 239416 + 239416 * 3 / 1000)
    zero = HISTORY.iloc[[0]].assign(value=0)
    assert charts.revisions_chart(zero, "en").layout.yaxis.range == (-0.3, 0.3)


def test_a_step_label_goes_on_the_side_its_step_leaves_clear_or_away_from_the_label_before():
    sides = charts.step_label_sides
    top, bottom = "top center", "bottom center"
    # Mar 2022's revisions: up 841, up 196 (over 15% of the span 1,271), down 6, down 1, up 241
    assert sides([221303, 222144, 222340, 222334, 222333, 222574]) == [top, top, top, bottom, top, top]
    assert sides([10, 0]) == [top, bottom]  # a step down: below, clear of the step's line
    assert sides([10, 0, 0, 0]) == [top, bottom, top, bottom]  # no step: the other side from the label before
    assert sides([0, 15, 100]) == [top, top, top]  # 15 of 100 is tall enough to part two labels
    assert sides([0, 14, 100]) == [top, bottom, top]
    assert sides([5]) == [top] and sides([5, 5]) == [top, bottom] and sides([]) == []


def test_record_chart_ticks_follow_the_length_of_the_series():
    official, claims = record_inputs(12)
    year = charts.record_chart(official, claims.iloc[0:0], COLORS, "b", "es")
    assert year.layout.xaxis.dtick == "M1" and year.layout.xaxis.range is None and len(year.data) == 1
    assert year.layout.xaxis.tickformat == "%m/%Y" and year.data[0].customdata[0][0] == "ene 2021"
    assert year.layout.xaxis.title.text == "Mes (calendario; el año fiscal de<br>la CBP va de oct a sep)"  # 40 a line
    official, claims = record_inputs(18)
    assert charts.record_chart(official, claims, COLORS, "b", "en").layout.xaxis.dtick == "M6"


def test_enforcement_panels_each_have_their_axes_label_and_actors_once(cur):
    colors = charts.actor_colors(queries.actors(cur))
    rows = charts.counted(queries.figures(cur, all_filters(), "enforcement"))
    figure = charts.enforcement_bars(rows, colors, "en")
    units = list(dict.fromkeys(rows["unit"]))
    assert len(units) == 2
    layout = figure.layout
    # one panel above the other, each with 0.16 of the height below it for its ticks and the next panel's unit
    assert (layout.yaxis.domain, layout.yaxis2.domain) == ((0.66, 1.0), (0.16, 0.5))
    assert (layout.xaxis.anchor, layout.yaxis.anchor, layout.xaxis2.anchor, layout.yaxis2.anchor) == ("y", "x", "y2",
                                                                                                       "x2")
    assert (layout.yaxis.autorange, layout.yaxis2.type, layout.yaxis.automargin) == ("reversed", "category", True)
    assert (layout.xaxis.title.text, layout.xaxis2.title.text) == ("", "Count")  # under the last panel only
    # each value axis runs to 1.35 times its longest bar: arrests (2,000) and caravan (7,000), actions (20,000)
    assert (layout.xaxis.range, layout.xaxis2.range) == ((0, 7000 * 1.35), (0, 20000 * 1.35))
    assert [(a.text, a.x, a.y, a.xanchor, a.yanchor, a.showarrow) for a in layout.annotations] == [
        (f"Unit: {u}", 0, y, "left", "bottom", False) for u, y in zip(units, (1.0, 0.5), strict=True)]
    for trace in figure.data:
        axis = "" if trace.xaxis == "x" else "2"
        assert (trace.xaxis, trace.yaxis) == (f"x{axis}", f"y{axis}") and trace.name == trace.legendgroup
        mine = rows[(rows["unit"] == units[int(axis or 1) - 1]) & (rows["actor_name"] == trace.name)]
        assert list(trace.y) == [f"[{r}] {m}" for r, m in zip(mine["ref"], mine["metric_short"], strict=True)]
        assert list(trace.x) == list(mine["value"]) and trace.marker.color == colors[trace.name]
        assert trace.orientation == "h"
        assert list(trace.text) == list(mine["value_text"])  # the actor is in the legend and the hover
        assert "%{customdata[5]}" in trace.hovertemplate and trace.textposition == "outside"
    shown = [t.name for t in figure.data if t.showlegend]
    assert sorted(shown) == sorted(set(rows["actor_name"]))  # each actor once in the legend


FIGURE = {"ref": 7, "quote": "about *240,000* people", "metric_label": "Monthly <arrivals>", "value_text": "240,000",
          "actor_name": "US <government>", "period_start": date(2022, 5, 1), "period_end": date(2022, 5, 31),
          "stated_by": "mbn", "stated_by_name": "Mexico Business News", "is_derived": True, "derivation": "f3 + f4"}


def test_a_cited_figure_reads_quote_value_actor_period_stater_and_derivation():
    assert citations.figure_markdown(pd.Series(FIGURE), "en") == (
        "**\\[7\\]** “about \\*240,000\\* people” — Monthly \\<arrivals\\>: 240,000 (US \\<government\\>, "
        "2022\\-05\\-01 to 2022\\-05\\-31; stated by Mexico Business News) — *derived\\: f3 \\+ f4*")
    assert citations.figure_markdown(pd.Series(FIGURE), "es") == (
        "**\\[7\\]** “about \\*240,000\\* people” \\(cita original en inglés\\) — Monthly \\<arrivals\\>: 240,000 "
        "(US \\<government\\>, 2022\\-05\\-01 a 2022\\-05\\-31; lo afirma\\: Mexico Business News) — "
        "*derivada\\: f3 \\+ f4*")
    assert citations.figure_markdown(pd.Series(FIGURE), "en", {"f3": 3, "f5": 5}).endswith(
        " — *derived\\: \\[3\\] \\+ f4*")  # by their number on the page; f4 has none
    assert citations.derivation_text("f3 * 31 - f4", {"f3": 3, "f4": 4, "31": 9}) == "[3] * 31 - [4]"  # operands only
    reported = pd.Series(FIGURE | {"is_derived": False, "period_end": date(2022, 5, 1)})
    assert citations.figure_markdown(reported, "en").endswith("(US \\<government\\>, 2022\\-05\\-01; stated by "
                                                               "Mexico Business News)")
    arithmetic = pd.Series(FIGURE | {"stated_by": None, "stated_by_name": "This dashboard (arithmetic)"})
    assert "2022\\-05\\-31; worked out by this dashboard) — *derived" in citations.figure_markdown(arithmetic, "en")
    assert "2022\\-05\\-31; calculada por este tablero) — *derivada" in citations.figure_markdown(arithmetic, "es")
    assert "stated by US" in citations.figure_markdown(pd.Series(FIGURE | {"is_derived": False, "stated_by": None,
                                                                           "stated_by_name": "US"}), "en")


def test_markdown_escaping_backslashes_each_special_character_and_folds_spaces():
    assert citations.md("a*b  [c]\n<d>") == "a\\*b \\[c\\] \\<d\\>"


def test_the_record_description_names_span_highest_and_lowest_month():
    official = pd.DataFrame({"month": [date(2022, 3, 1), date(2022, 4, 1), date(2022, 5, 1)],
                             "value": [210000, 235785, 200000]})
    assert describe.record(official, "latest", "en").startswith(
        "Line chart of CBP's monthly Southwest Land Border encounters, latest, Mar 2022 to May 2022 (3 months). "
        "Highest 235,785 in Apr 2022; lowest 200,000 in May 2022.")
    assert "latest, mar 2022 a may 2022 (3 meses). Máximo: 235,785 en abr 2022; mínimo: 200,000 en may 2022." in (
        describe.record(official, "latest", "es"))
    assert "Mar 2022 to Mar 2022 (1 month). " in describe.record(official.iloc[:1], "latest", "en")
    assert "mar 2022 a mar 2022 (1 mes). " in describe.record(official.iloc[:1], "latest", "es")


def test_a_derivation_names_the_figures_it_uses_not_its_operators_or_constants():
    from dashboard.data import curated

    assert curated.derivation_inputs("f3 + f4 - 2 * f5 / 1.5") == ["f3", "f4", "f5"]


def test_a_day_sits_at_its_fraction_of_its_month_on_a_month_category_axis():
    keys = ["2021-12", "2022-01", "2022-02"]
    assert charts._category_position(date(2022, 1, 16), keys) == 0.5 + 15 / 31  # in the second category
    assert charts._category_position(date(2021, 12, 1), keys) == -0.5
    assert charts._category_position(date(2022, 2, 15), keys) == 1.5 + 14 / 28


def test_record_chart_marks_events_and_falls_back_to_a_neutral_colour():
    official, claims = record_inputs(19)
    official["vintage"] = "first_release"
    events = pd.DataFrame({"ref": [9], "period_start": [date(2022, 6, 6)], "period_end": [date(2022, 6, 6)]})
    figure = charts.record_chart(official, claims, {}, "b", "en", events)
    assert figure.layout.xaxis.range is not None and figure.layout.xaxis.dtick == "M2"  # 19 months: focused
    assert [(a.text, a.x) for a in figure.layout.annotations] == [("[9]", "2022-06-06")]
    assert [(s.type, s.x0, s.y0, s.y1) for s in figure.layout.shapes][-1] == ("line", "2022-06-06", 0, 1)
    assert all((s.y0, s.y1) == (0, 1) for s in figure.layout.shapes)
    line, *markers = figure.data
    assert line.line.color == charts.NO_COLOUR and line.customdata[0][1] == "first release"
    assert [list(m.marker.color) for m in markers] == [[charts.NO_COLOUR]] * 2
    no_actor = charts.record_chart(official.drop(columns="actor_name"), claims, COLORS, "b", "en")
    assert no_actor.data[0].line.color == charts.NO_COLOUR and not no_actor.layout.annotations
    official, claims = record_inputs(13)
    assert charts.record_chart(official, claims, COLORS, "b", "en").layout.xaxis.dtick == "M6"


def test_one_observation_is_a_history_with_no_revision():
    one = HISTORY.iloc[:1]
    assert describe.revisions(one, "en").endswith(
        "on each date it was observed, not revised since its first value: 2022-06-15: 239,416.")
    assert "se observó, sin revisiones desde su primer valor: 2022-06-15" in describe.revisions(one, "es")
    figure = charts.revisions_chart(one, "en")
    assert figure.layout.title.text.startswith("Revisions of May 2022")
    assert figure.data[0].hovertemplate == "%{x}: %{y:,} (%{customdata[0]})<extra></extra>"
    assert figure.data[0].name == "CBP" and figure.data[0].mode == "lines+markers+text"
    assert figure.layout.yaxis.title.text == "Encounters (events, not people)"
    assert figure.layout.yaxis.tickformat == ",d"


def test_the_southwest_chart_and_text_count_only_months_with_both_values():
    rows = pd.DataFrame({"month": [date(2022, m, 1) for m in (3, 4, 5, 6)], "imported_total": [10, 20, 7, None],
                         "official_latest": [10, 21, 7, 30], "official_observed_on": [None, None, None, None]})
    assert describe.southwest(rows, "en").endswith("Mar 2022 to Jun 2022: 3 months have both, and they differ in 1.")
    figure = charts.southwest_chart(rows, "es")
    assert [t.mode for t in figure.data] == ["lines+markers"] * 2 and figure.layout.xaxis.title.text == "Mes"
    assert (figure.data[0].xperiod, figure.data[1].xperiodalignment) == ("M1", "middle")
    encounters = charts.encounter_chart(TOTALS, "citizenship", "en")
    assert encounters.layout.xaxis.title.text == "Month" and encounters.layout.yaxis.tickformat == ",d"
    assert encounters.data[0].xperiod == "M1" and encounters.data[0].xperiodalignment == "middle"


def test_enforcement_words_each_unit_in_order_of_appearance(cur):
    rows = pd.DataFrame({"unit": ["people", "people", "actions"], "metric_short": ["Arrests", "Rescued", "Raids"],
                         "value_text": ["1,300", "90", "20"], "actor_name": ["INM", "INM", "DHS"]})
    assert describe.enforcement(rows, "en").endswith(
        " people: Arrests 1,300 (INM); Rescued 90 (INM). actions: Raids 20 (DHS).")
    events = pd.DataFrame({"period_start": [date(2022, 6, 6), date(2022, 5, 1)], "value_text": ["caravan", "plan"],
                           "period_end": [date(2022, 6, 6), date(2022, 5, 3)], "actor_name": ["INM", "DHS"]})
    assert describe.timeline(events, "en").endswith("2022-05-01 to 2022-05-03: plan (DHS); 2022-06-06: caravan (INM).")
    assert describe.timeline(events, "es").endswith("2022-05-01 a 2022-05-03: plan (DHS); 2022-06-06: caravan (INM).")


def test_the_timeline_draws_points_and_spans_per_actor_with_gaps_between():
    rows = pd.DataFrame({
        "ref": [4, 2, 6], "metric_label": "Event", "value_text": ["Caravan <stopped>", "Operation", "Report"],
        "period_start": [date(2022, 6, 6), date(2022, 4, 15), date(2022, 6, 1)],
        "period_end": [date(2022, 6, 6), date(2022, 6, 15), date(2022, 6, 1)],
        "actor_name": ["Mexico INM", "US DHS", "Mexico INM"], "is_derived": False, "quote": "q", "actor_id": "a",
        "stated_by": "a", "stated_by_name": "A"})
    figure = charts.timeline(rows, {"US DHS": "#009E73"}, "en")
    inm, dhs = figure.data  # actors in order of first appearance
    assert (inm.name, dhs.name) == ("Mexico INM", "US DHS")
    assert list(inm.x) == ["2022-06-06", None, "2022-06-01", None] and list(inm.y) == ["Mexico INM", None] * 2
    assert list(inm.text) == ["[4] Caravan &lt;stopped&gt;", "", "[6] Report", ""]
    assert list(dhs.x) == ["2022-04-15", "2022-06-15", None]
    assert list(dhs.text) == ["", "[2] Operation", ""]  # a span's label at its end
    long = rows.assign(value_text=["US says Mexico takes part in a regional migration plan", "b", "c"])
    assert charts.timeline(long, {}, "en").data[0].text[0] == (
        "[4] US says Mexico takes part<br>in a regional migration plan")  # lines of 30 characters at most
    assert [row[0] for row in dhs.customdata] == [2, 2, ""] and len(dhs.customdata[2]) == len(charts.HOVER_FIELDS)
    assert (dhs.line.color, dhs.marker.color, inm.line.color) == ("#009E73", "#009E73", charts.NO_COLOUR)
    assert inm.mode == "lines+markers+text" and inm.connectgaps is False and "%{customdata[5]}" in inm.hovertemplate
    # the axis runs from 2 days before the first day to 1.2 times the span (at least 12 days) after the last
    assert figure.layout.xaxis.range == ("2022-04-13", str(date(2022, 6, 15) + (date(2022, 6, 15) -
                                                                                 date(2022, 4, 15)) * 1.2))
    short = charts.timeline(rows.iloc[:1], {}, "en")
    assert short.layout.xaxis.range == ("2022-06-04", "2022-06-18") and short.layout.title.text == "Dated events"


def test_an_actor_without_a_colour_is_drawn_neutral_in_every_bar_chart(cur):
    rows = charts.counted(queries.figures(cur, all_filters(), "enforcement"))
    figure = charts.enforcement_bars(rows, {}, "en")
    assert {t.marker.color for t in figure.data} == {charts.NO_COLOUR}
    assert [t.name for t in figure.data if t.xaxis == "x"] == list(dict.fromkeys(
        rows[rows["unit"] == rows["unit"].iloc[0]]["actor_name"]))  # actors in order of appearance
    assert all(t.cliponaxis is False and t.textposition == "outside" for t in figure.data)
    assert figure.layout.title.text == "Enforcement figures, one panel per unit"


BARS = pd.DataFrame({
    "ref": [1, 2], "metric_label": "Arrivals", "value_text": ["234,088", "about 240,000"], "value": [234088, 240000],
    "period_start": [date(2022, 4, 1), date(2022, 5, 1)], "period_end": [date(2022, 4, 30), date(2022, 5, 31)],
    "actor_name": ["US government", "Mexico Business News"], "is_derived": [False, True], "quote": ["q1", "q2"],
    "actor_id": ["us-gov", "mbn"], "stated_by": ["us-gov", None],
    "stated_by_name": ["US government", "This dashboard"]})
EVENTS = pd.DataFrame({"ref": [9, 8], "value_text": ["caravan", "operation"],
                       "period_start": [date(2022, 6, 6), date(2022, 4, 15)],
                       "period_end": [date(2022, 6, 6), date(2022, 6, 15)]})


def test_a_bar_description_names_highest_lowest_derived_and_each_event():
    assert describe.month_bars(BARS, "what_monthly", "en", EVENTS) == (
        "Bar chart of monthly arrivals at the Mexico–US border, in people, Apr 2022 to May 2022: 2 figures. Highest "
        "about 240,000 in May 2022 (Mexico Business News, derived); lowest 234,088 in Apr 2022 (US government, "
        "reported). 1 derived from other figures, drawn hatched. Dashed lines mark 2 dated events: [8] 2022-04-15 to "
        "2022-06-15 operation; [9] 2022-06-06 caravan.")
    assert describe.month_bars(BARS.iloc[:1], "what_monthly", "en", EVENTS.iloc[0:0]) == (
        "Bar chart of monthly arrivals at the Mexico–US border, in people, Apr 2022: 1 figure. Highest 234,088 in "
        "Apr 2022 (US government, reported).")
    assert describe.month_bars(BARS.iloc[1:], "what_daily", "es").endswith(
        "may 2022: 1 cifra. Máximo: about 240,000 en may 2022 (Mexico Business News, derivada). 1 derivada de otras "
        "cifras, dibujada con rayas.")


def test_month_bars_draw_each_actor_and_status_with_events_and_a_calendar_axis():
    colors = {"US government": "#D55E00", "Mexico Business News": "#009E73"}
    figure = charts.monthly_arrivals(BARS, colors, "es", EVENTS)
    reported, derived = figure.data  # reported first, derived after
    assert (reported.name, derived.name) == ("US government, reportada", "Mexico Business News, derivada")
    assert (list(reported.x), list(reported.y), list(derived.x)) == (["abr 2022"], [234088], ["may 2022"])
    assert list(reported.text) == ["234,088<br>US government"]
    assert list(derived.text) == ["240,000<br>Mexico Business<br>News<br>derivada"]  # lines of 16 at most
    assert (reported.offsetgroup, reported.marker.color) == ("US government", "#D55E00")
    assert (reported.marker.pattern.shape, derived.marker.pattern.shape) == ("", "/")
    assert (reported.textposition, reported.cliponaxis) == ("outside", False)
    assert reported.customdata[0][5].endswith("(cita original en inglés)") and reported.customdata[0][3] == (
        "2022-04-01 a 2022-04-30")
    assert reported.hovertemplate == charts.hover("es") and figure.layout.barmode == "group"
    axis = figure.layout.xaxis
    assert list(axis.categoryarray) == ["abr 2022", "may 2022", "jun 2022"] and axis.range == (-0.5, 2.5)
    assert figure.layout.yaxis.title.text == charts.t("es", "axis_arrivals")
    assert figure.layout.title.text == "Llegadas mensuales a la frontera<br>México–EE. UU. (personas)"
    assert [(s.type, s.y0, s.y1) for s in figure.layout.shapes] == [("rect", 0, 1), ("line", 0, 1), ("line", 0, 1)]
    band = figure.layout.shapes[0]  # 2022-04-15 to 2022-06-15: from mid-April to the end of 15 June
    assert (band.x0, band.x1) == (-0.5 + 14 / 30, 1.5 + 15 / 30)
    assert [(a.text, a.y, a.showarrow) for a in figure.layout.annotations] == [("[8]", 0, False), ("[9]", 0, False)]
    daily = charts.daily_rate(BARS, colors, "en")
    assert daily.layout.title.text == charts.t("en", "chart_daily") and not daily.layout.shapes
    assert daily.layout.yaxis.title.text == charts.t("en", "axis_daily") and daily.data[0].customdata[0][5] == "q1"


def test_a_figure_stated_by_another_than_its_actor_comes_between_reported_and_derived_and_says_who():
    stated = BARS.iloc[:1].assign(ref=3, value=[7400], value_text=["7,400"], period_start=[date(2022, 6, 1)],
                                  period_end=[date(2022, 6, 30)], stated_by="mbn", stated_by_name="Mexico <News>")
    rows = pd.concat([BARS, stated], ignore_index=True)  # in order: reported, derived, stated
    figure = charts.monthly_arrivals(rows, {}, "es")
    assert [trace.name for trace in figure.data] == [
        "US government, reportada", "US government, según Mexico &lt;News&gt;", "Mexico Business News, derivada"]
    said = figure.data[1]
    assert list(said.text) == ["7,400<br>US government<br>según Mexico<br>&lt;News&gt;"]
    assert said.marker.pattern.shape == "." and said.customdata[0][6] == "según Mexico &lt;News&gt;"
    assert describe.month_bars(rows, "what_monthly", "es").endswith(
        "mínimo: 7,400 en jun 2022 (US government, según Mexico <News>). 1 derivada de otras cifras, dibujada con "
        "rayas. 7,400 en jun 2022 lo afirma Mexico <News>, no US government: dibujada con puntos.")
    assert describe.month_bars(BARS, "what_monthly", "en").endswith("drawn hatched.")  # each figure by its actor


def test_the_figure_hover_reads_every_field_in_order():
    assert charts.hover("en") == ("<b>[%{customdata[0]}] %{customdata[1]}</b><br>Value: %{customdata[2]}<br>Period: "
                                  "%{customdata[3]}<br>Actor: %{customdata[4]}<br>“%{customdata[5]}”<br>"
                                  "<i>%{customdata[6]}</i><extra></extra>")


def test_long_quotes_wrap_at_60_characters_and_are_escaped():
    words = "a" * 30 + " " + "b" * 29 + " " + "c" * 30 + " <d>"
    assert charts._wrap(words) == "a" * 30 + " " + "b" * 29 + "<br>" + "c" * 30 + " &lt;d&gt;"
    assert charts._wrap("x" * 30 + " " + "y" * 30) == "x" * 30 + " " + "y" * 30  # words of 60 letters in all fit
    assert charts._wrap("x" * 30 + " " + "y" * 31) == "x" * 30 + "<br>" + "y" * 31


def test_long_titles_wrap_at_44_characters_keeping_short_words_and_abbreviations_with_what_follows():
    assert charts.title_lines("Monthly arrivals at the Mexico–US border (people)") == (
        "Monthly arrivals at the Mexico–US border<br>(people)")  # 40 characters, then 49: break
    assert charts.title_lines("x" * 40 + " abc") == "x" * 40 + " abc"  # 44 fit
    assert charts.title_lines("Llegadas mensuales a la frontera México–EE. UU. (personas)") == (
        "Llegadas mensuales a la frontera<br>México–EE. UU. (personas)")  # "EE. UU." is one
    assert charts.title_lines("Llegadas a EE. UU. por mes y por día, en la frontera con México") == (
        "Llegadas a EE. UU. por mes y por día,<br>en la frontera con México")  # "en la" start the next line
    assert charts.title_lines("a b c d e f g h i j k l m n o p q r s t u v w") == (
        "a b c d e f g h i j k l m n o p q r s t<br>u v w")  # two short words at most move down
    assert charts.title_lines("<b>" + "y" * 50) == "&lt;b&gt;" + "y" * 50  # one long word: as it is, escaped
    assert charts.title_lines("ab " + "x" * 50) == "ab<br>" + "x" * 50  # a line's only word stays
    assert charts.title_lines("abcdefgh ab " + "x" * 40) == "abcdefgh<br>ab " + "x" * 40
    assert charts.title_lines("x" * 30 + " frontera EE. UU.") == "x" * 30 + " frontera<br>EE. UU."
    assert charts.title_lines("x" * 36 + " ABC. UU.") == "x" * 36 + " ABC.<br>UU."  # "ABC." is a word
    assert charts.title_lines("x" * 36 + " A. B. C.") == "x" * 36 + "<br>A. B. C."  # one abbreviation
    assert charts.title_lines("U. S.  figures") == "U. S. figures"  # spaces between words: one


def test_a_wrapped_title_adds_its_lines_above_the_plot():
    one = charts.revisions_chart(HISTORY, "es").layout  # two lines
    assert (one.margin.t, one.height) == (60 + 24, 450 + 24)
    short = charts._figure([], "Dated events", None, None).layout
    assert (short.margin.t, short.height) == (60, None)  # Plotly's default height, 450
    three = charts.record_chart(*record_inputs(), COLORS, "as public at the article's minute (2022-06-15)", "en")
    assert three.layout.title.text.count("<br>") == 2
    assert (three.layout.margin.t, three.layout.height, three.layout.margin.r) == (60 + 48, 450 + 48, 20)
    assert three.data[0].name == "CBP, as public at the article's minute<br>(2022-06-15)"  # its legend entry too


def test_the_record_leaves_room_above_its_highest_value_for_a_label():
    official, claims = record_inputs()
    # the claim (240,000) tops the line (100 to 119)
    assert charts.record_chart(official, claims, COLORS, "b", "en").layout.yaxis.range == (0, 240000 * 1.2)
    assert charts.record_chart(official, claims.iloc[0:0], COLORS, "b", "en").layout.yaxis.range == (0, 119 * 1.2)


def test_only_counted_units_are_drawn_as_bars():
    rows = pd.DataFrame({"value": [1.0, 2.0, None, 4.0], "unit_code": ["people", "US dollars", "people", "percent"]})
    assert list(charts.counted(rows).index) == [0]


@pytest.mark.parametrize("lang", LANGS)
def test_charts_of_encounters_never_call_them_people(lang):
    """CBP counts encounters, events: someone caught twice counts twice. The imported charts' titles said "(people)"
    over an axis saying "events, not people"."""
    official, claims = record_inputs()
    figures = [charts.record_chart(official, claims, COLORS, "b", lang), charts.fiscal_year_chart(FY, "b", lang),
               charts.revisions_chart(HISTORY, lang), charts.encounter_chart(TOTALS, "citizenship", lang),
               charts.southwest_chart(SOUTHWEST, lang)]
    people = {"en": "people", "es": "personas"}[lang]
    for figure in figures:
        assert figure.layout.yaxis.title.text == charts.t(lang, "axis_encounters")  # "... events, not people"
        assert people not in figure.layout.title.text.lower(), figure.layout.title.text


def test_the_layout_every_chart_shares():
    layout = charts.fiscal_year_chart(FY, "b", "en").layout
    assert (layout.separators, layout.legend.orientation, layout.hoverlabel.align) == (".,", "h", "left")
    # the legend at the foot of the figure, below the axis title however many lines the ticks take
    assert (layout.legend.yref, layout.legend.y, layout.legend.yanchor) == ("container", 0, "bottom")
    # month axes make room for their ticks, turned on a phone (what that does is measured in Chromium, where
    # mutation testing cannot reach: tests/e2e/test_browser.py)
    assert charts.month_axis("en", "t")["automargin"] is True


def test_sources_as_csl_json_and_bibtex():
    article = pd.Series({"source_id": "mbn", "author": "Paloma Duran", "publisher": "Mexico Business News",
                         "title": "New & Old_ {ops} ~ a\\b", "url": "https://x.org/{a}",
                         "published_on": date(2022, 6, 15)})
    data = pd.Series({"source_id": "cbp", "author": None, "publisher": "CBP", "title": "Encounters",
                      "url": "https://cbp.gov", "published_on": None})
    assert citations.csl_item(article) == {
        "id": "mbn", "type": "article-newspaper", "title": "New & Old_ {ops} ~ a\\b", "URL": "https://x.org/{a}",
        "author": [{"family": "Duran", "given": "Paloma"}], "container-title": "Mexico Business News",
        "issued": {"date-parts": [[2022, 6, 15]]}}
    assert citations.csl_item(data) == {"id": "cbp", "type": "dataset", "title": "Encounters", "URL": "https://cbp.gov",
                                        "author": [{"literal": "CBP"}]}
    assert citations.bibtex_entry(article) == (
        "@article{mbn,\n  title = {{New \\& Old\\_ \\{ops\\} - a/b}},\n  author = {Duran, Paloma},\n"
        "  journal = {Mexico Business News},\n  year = {2022},\n  month = {6},\n  day = {15},\n"
        "  url = {https://x.org/%7Ba%7D}\n}\n")
    assert citations.bibtex_entry(data) == (
        "@misc{cbp,\n  title = {{Encounters}},\n  author = {{CBP}},\n  url = {https://cbp.gov}\n}\n")
    one_name = pd.Series(article.to_dict() | {"author": "Reuters"})
    assert citations.csl_item(one_name)["author"] == [{"literal": "Reuters"}]
    assert "  author = {Reuters},\n" in citations.bibtex_entry(one_name)


def test_a_chart_table_names_its_columns_and_keeps_refs_as_they_are(cur):
    table = citations.table_frame(queries.figures(cur, all_filters(), "daily"), "es")
    ref, status, period = (citations.i18n.t("es", f"col_{c}") for c in ("ref", "is_derived", "period"))
    assert table[ref].tolist() == sorted(table[ref].tolist()) and all(isinstance(r, int) for r in table[ref])
    assert set(table[status]) <= {"derivada", "reportada"} and "reportada" in set(table[status])
    assert all(" a " in p or len(p) == 10 for p in table[period])


@pytest.mark.parametrize(("change", "words"), [
    ({"table": "official_observations"}, "field 'table': must be one of actors, evidence, figures, metrics, sources"),
    ({"field": "quote"}, "field 'field': must be one of label, short_label, unit for table metrics"),
    ({"lang": "en"}, "field 'lang': must be one of es (English is the data itself)"),
    ({"key": "nope"}, "field 'key': 'nope' is not a row of metrics.csv"),
])
def test_a_bad_translation_is_refused_with_its_row_and_reason(change, words):
    from dashboard.data import curated
    from dashboard.data.validate import DataError

    row = {"table": "metrics", "key": "monthly_arrivals", "field": "label", "lang": "es", "_line": 7} | change
    with pytest.raises(DataError) as refused:
        curated._check_translation(row, {"metrics": {"monthly_arrivals"}})
    assert str(refused.value) == f"translations.csv, row 7, {words}"


def test_an_evidence_note_is_translated_by_its_figure_source_and_relation():
    from dashboard.data import curated
    from dashboard.data.validate import DataError

    keys = {"evidence": {curated.row_key(("f-1", "nbc", "origin"))}}
    row = {"table": "evidence", "key": "f-1/nbc/origin", "field": "note", "lang": "es", "_line": 9}
    curated._check_translation(row, keys)
    for key in ("f-1/nbc/refines", "f-1/nbc", "f-1"):
        with pytest.raises(DataError, match=f"row 9, field 'key': '{key}' is not a row of evidence.csv"):
            curated._check_translation(row | {"key": key}, keys)
    with pytest.raises(DataError, match="field 'field': must be one of note for table evidence"):
        curated._check_translation(row | {"field": "quote"}, keys)


def test_a_bad_observation_is_refused_with_its_row_and_reason():
    from dashboard.data import curated
    from dashboard.data.validate import DataError

    row = {"vintage": "revision", "observed_on": date(2022, 5, 1), "month": date(2022, 5, 1), "value": 5.0, "_line": 4}
    with pytest.raises(DataError) as refused:
        curated._check_observation(row)
    assert str(refused.value) == ("official_observations.csv, row 4, field 'observed_on': is not after the month it "
                                  "reports")


def test_figures_and_months_at_the_edges_of_a_range_are_in_it():
    edges = pd.DataFrame({"period_start": [date(2022, 3, 31), date(2022, 1, 1), date(2022, 6, 1)],
                          "period_end": [date(2022, 4, 2), date(2022, 3, 1), date(2022, 6, 30)],
                          "actor_id": ["a", "a", "a"]})
    filters = all_filters("2022-03", "2022-05", ("a",))
    assert queries.figures_under(edges, filters)["period_start"].tolist() == [date(2022, 3, 31), date(2022, 1, 1)]
    starts_last_day = pd.DataFrame({"period_start": [date(2022, 5, 31)], "period_end": [date(2022, 6, 9)],
                                    "actor_id": ["a"]})
    assert len(queries.figures_under(starts_last_day, filters)) == 1  # it starts on the range's last day
    months = pd.DataFrame({"month": [date(2022, 2, 28), date(2022, 3, 1), date(2022, 5, 31), date(2022, 6, 1)]})
    assert months[queries.months_kept(months, filters)]["month"].tolist() == [date(2022, 3, 1), date(2022, 5, 31)]
    june = all_filters("2022-06", "2022-06", ())
    assert months[queries.months_kept(months, june)]["month"].tolist() == [date(2022, 6, 1)]


def test_a_cut_keeps_the_rows_asked_for_in_order_numbered_from_0_and_a_run_of_rows_is_a_slice():
    from typing import NamedTuple

    class Pair(NamedTuple):
        rows: pd.DataFrame
        shown: pd.DataFrame

    whole = Pair(pd.DataFrame({"v": [10, 11, 12, 13, 14]}), pd.DataFrame({"Shown": ["a", "b", "c", "d", "e"]}))
    cases = (([0, 1, 0, 1, 1], [1, 3, 4]), ([0, 1, 1, 1, 0], [1, 2, 3]), ([1, 1, 1, 1, 1], [0, 1, 2, 3, 4]),
             ([0, 0, 0, 0, 0], []))
    for keep, expected in cases:
        mine = queries.cut(whole, np.array(keep, dtype=bool))
        assert type(mine) is Pair
        assert mine.rows["v"].tolist() == [10 + i for i in expected]
        assert mine.shown["Shown"].tolist() == ["abcde"[i] for i in expected]
        assert all(list(frame.index) == list(range(len(expected))) for frame in mine)
    run = queries.cut(whole, np.array([0, 1, 1, 1, 0], dtype=bool))
    assert np.shares_memory(run.rows["v"].to_numpy(), whole.rows["v"].to_numpy())  # a slice: nothing copied
    assert list(whole.rows.index) == [0, 1, 2, 3, 4]  # the whole is left as it was


def test_query_dates_arrive_as_dates(cur):
    every = all_filters("2017-10", "2023-02")
    claims = queries.claim_inputs(cur, every)
    for column in ("period_start", "period_end", "month", "first_on", "latest_on", "known_on", "article_date"):
        assert {type(d) for d in claims[column].dropna()} == {date}, column
    evidence = queries.evidence(cur, every)
    for column in ("period_start", "period_end", "source_published_on"):
        assert {type(d) for d in evidence[column].dropna()} == {date}, column


def test_actor_names_are_localized_from_the_actor_translations(cur):
    actors = queries.localized(cur, "actors", "es").set_index("actor_id")
    assert actors.loc["us-dhs", "name"] == "Departamento de Seguridad Nacional de EE. UU."
    assert queries.localized(cur, "actors", "en").set_index("actor_id").loc["us-dhs", "name"] != actors.loc[
        "us-dhs", "name"]


def test_daily_bars_carry_their_events_and_panels_have_escaped_units():
    figure = charts.daily_rate(BARS, {}, "en", EVENTS)
    assert [a.text for a in figure.layout.annotations] == ["[8]", "[9]"]
    rows = BARS.assign(unit=["<b>people</b>", "actions"], metric_short="M", value_text=["1", "2"], chart="e")
    panels = charts.enforcement_bars(rows, {}, "en")
    assert [a.text for a in panels.layout.annotations] == ["Unit: &lt;b&gt;people&lt;/b&gt;", "Unit: actions"]
    assert [(t.xaxis, t.yaxis) for t in panels.data] == [("x", "y"), ("x2", "y2")]


def test_the_fiscal_year_bar_and_revision_steps_are_labelled_cbp_with_outside_values():
    (bar,) = charts.fiscal_year_chart(FY, "b", "en").data
    assert (bar.name, bar.textposition, bar.cliponaxis) == ("CBP", "outside", False)
    (steps,) = charts.revisions_chart(HISTORY, "en").data
    assert (steps.name, steps.textposition) == ("CBP", ("top center", "top center", "bottom center"))


def test_the_record_axis_keeps_its_format_when_focused_and_takes_the_first_row_colour():
    official, claims = record_inputs(20)
    official["actor_name"] = ["US CBP"] + ["US government"] * 19
    focused = charts.record_chart(official, claims, COLORS, "b", "en")
    assert focused.layout.xaxis.tickformat == "%b %Y" and focused.layout.xaxis.type == "date"
    assert focused.data[0].line.color == COLORS["US CBP"]
    official, claims = record_inputs(6)
    assert charts.record_chart(official, claims, COLORS, "b", "en").layout.xaxis.title.text == (
        "Month (calendar; CBP's fiscal year runs<br>Oct–Sep)")  # lines of 40 characters: whole on a phone


def test_timeline_rows_are_actors_with_a_hover_entry_per_point():
    rows = pd.DataFrame({
        "ref": [4, 6], "metric_label": "Event", "value_text": ["a", "b"],
        "period_start": [date(2022, 6, 6), date(2022, 6, 1)], "period_end": [date(2022, 6, 6), date(2022, 6, 1)],
        "actor_name": ["INM", "INM"], "is_derived": False, "quote": "q", "actor_id": "inm", "stated_by": "inm",
        "stated_by_name": "INM"})
    figure = charts.timeline(rows, {}, "en")
    assert [row[0] for row in figure.data[0].customdata] == [4, "", 6, ""]
    assert figure.layout.yaxis.type == "category" and figure.layout.yaxis.title.text == ""


def test_sources_as_one_bibtex_file_and_plain_citations():
    sources = pd.DataFrame({"source_id": ["a", "b"], "author": ["", "Ana Ruiz"], "publisher": ["CBP", "MBN"],
                            "title": ["T1", "T2"], "url": ["https://a.org", "https://b.org"],
                            "published_on": [None, date(2022, 6, 15)]})
    text = citations.bibtex(sources)
    assert text == citations.bibtex_entry(sources.iloc[0]) + "\n" + citations.bibtex_entry(sources.iloc[1])
    assert citations.plain_citation(sources.iloc[0]) == "CBP (n.d.). T1. CBP. https://a.org"
    assert citations.plain_citation(sources.iloc[1]) == "Ana Ruiz (2022-06-15). T2. MBN. https://b.org"


def test_a_csv_download_writes_instants_in_iso_and_neutralises_formulas():
    frame = pd.DataFrame({"at": pd.to_datetime(["2022-06-15T12:04:00-05:00"]), "text": ["=1+1"], "n": [3],
                          "note": ["café"]})
    assert citations.csv_bytes(frame) == "at,text,n,note\n2022-06-15T12:04:00-0500,'=1+1,3,café\n".encode()


def test_the_record_as_of_the_article_knows_only_what_was_public_then(cur):
    every = all_filters("2017-10", "2023-02")
    then = queries.official_series(cur, every, "2022-06-15T12:04:00-05:00")
    latest = queries.official_series(cur, every, None)
    assert max(then["observed_on"]) <= date(2022, 6, 15) < max(latest["observed_on"])
    assert len(then) < len(latest)
