"""Chart builders: month axes, derived marking, units per axis, hover, colours, escaping."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.data import queries
from dashboard.present import charts, describe
from tests.conftest import all_filters


@pytest.fixture
def colors(cur):
    return charts.actor_colors(queries.actors(cur))


def monthly(cur, colors):
    rows = queries.figures(cur, all_filters(), "monthly")
    return charts.month_bars(rows, colors, "Monthly (people)", "people", lang="en")


def test_actor_colours_are_distinct_and_colour_blind_safe(colors):
    assert len(set(colors.values())) == len(colors)
    assert set(colors.values()) <= set(charts.PALETTE) - {"#F0E442"}


def test_month_axis_is_months_not_days(cur, colors):
    fig = monthly(cur, colors)
    assert fig.layout.xaxis.type == "category"
    xs = {x for trace in fig.data for x in trace.x}
    assert xs == {"Mar 2022", "Apr 2022", "May 2022"}
    assert fig.layout.yaxis.tickformat == ",d"


def test_derived_bars_are_hatched_and_labelled(cur, colors):
    fig = monthly(cur, colors)
    by_status = {trace.legendgroup.split(", ")[-1]: trace for trace in fig.data}
    assert by_status["derived"].marker.pattern.shape == "/"
    assert not by_status["reported"].marker.pattern.shape
    assert list(by_status["derived"].x) == ["May 2022"]
    assert "derived" in by_status["derived"].text[0]
    assert "derived" not in by_status["reported"].text[0]


def test_a_bar_its_actor_does_not_state_says_who_does(cur, colors):
    """The article's own "7,400 a day" is about US arrivals but attributed to no one: its bar, legend, hover and
    description name Mexico Business News as who states it, never "US government, reported"."""
    rows = queries.figures(cur, all_filters(), "daily")
    fig = charts.daily_rate(rows, colors, lang="en")
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name) == ["US government, stated by Mexico Business News", "US government, derived"]
    stated = by_name["US government, stated by Mexico Business News"]
    assert list(stated.x) == ["May 2022"] and list(stated.y) == [7400]
    assert list(stated.text) == ["7,400<br>US government<br>stated by Mexico<br>Business News"]
    assert stated.marker.pattern.shape == "." and stated.marker.color == colors["US government"]
    assert stated.customdata[0][6] == "stated by Mexico Business News"
    assert describe.month_bars(rows, "what_daily", "en").endswith(
        ". 2 derived from other figures, drawn hatched. 7,400 a day in May 2022 is stated by Mexico Business News, "
        "not US government: drawn dotted.")
    es = charts.daily_rate(queries.figures(cur, all_filters(), "daily"), colors, lang="es")
    assert es.data[0].name == "US government, según Mexico Business News"


def test_hover_carries_ref_value_period_actor_and_quote(cur, colors):
    fig = monthly(cur, colors)
    reported = next(t for t in fig.data if t.legendgroup.endswith("reported"))
    row = list(reported.customdata[list(reported.x).index("Apr 2022")])
    assert row[0] == 3 and row[2] == "234,088" and row[3] == "2022-04-01 to 2022-04-30"
    assert row[4] == "US government" and "234,088 migrants arrived" in row[5]
    for placeholder in range(7):
        assert f"customdata[{placeholder}]" in reported.hovertemplate


def test_actor_keeps_its_colour_in_every_chart(cur, colors):
    fig = monthly(cur, colors)
    events = charts.timeline(queries.figures(cur, all_filters(), "timeline"), colors, lang="en")
    us_gov = {t.marker.color for f in (fig, events) for t in f.data if t.name.startswith("US government")}
    assert us_gov == {colors["US government"]}
    assert len(set(colors.values())) == len(colors)


def test_no_enforcement_panel_mixes_units(cur, colors):
    df = queries.figures(cur, all_filters(), "enforcement")
    counted = df[df["value"].notna() & ~df["unit"].isin(charts.KPI_UNITS)]
    fig = charts.enforcement_bars(counted, colors, lang="en")
    unit_of_ref = dict(zip(counted["ref"], counted["unit"], strict=True))
    units_per_axis: dict[str, set] = {}
    for trace in fig.data:
        refs = [row[0] for row in trace.customdata]
        units_per_axis.setdefault(trace.xaxis, set()).update(unit_of_ref[r] for r in refs)
    assert len(units_per_axis) == len(set(counted["unit"])) == 2
    assert all(len(units) == 1 for units in units_per_axis.values())
    assert "US dollars" not in set(counted["unit"]) and "percent" not in set(counted["unit"])


def test_timeline_places_events_on_their_dates(cur, colors):
    fig = charts.timeline(queries.figures(cur, all_filters(), "timeline"), colors, lang="en")
    hrw = next(t for t in fig.data if t.name == "Human Rights Watch")
    assert hrw.x[0] == "2022-06-06" and "[9]" in hrw.text[0]
    summit = next(t for t in fig.data if t.name == "US government")
    assert list(summit.x[:2]) == ["2022-06-06", "2022-06-10"]  # a span: a line from its first to its last day
    assert fig.layout.xaxis.type == "date"


def test_markup_in_text_is_escaped_for_plotly(cur, colors):
    df = queries.figures(cur, all_filters(), "monthly")
    df.loc[0, "quote"] = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a>'
    df.loc[0, "actor_name"] = "<b>US government</b>"
    fig = charts.month_bars(df, colors, "<script>t</script>", "people", lang="en")
    flat = " ".join(str(v) for t in fig.data for row in t.customdata for v in row)
    assert "<img" not in flat and "<a " not in flat and "<b>" not in flat
    assert "&lt;img src=x onerror=alert(1)&gt;" in flat
    assert "<script>" not in fig.layout.title.text


def test_month_axis_has_every_month_between_so_event_markers_sit_on_their_dates(cur, colors):
    rows = queries.figures(cur, all_filters(), "monthly")
    gap = rows[rows["figure_id"] != "f-2022-04-arrivals"]  # March and May only
    events = queries.figures(cur, all_filters(), "timeline")
    fig = charts.month_bars(gap, colors, "t", "people", "en", events)
    assert list(fig.layout.xaxis.categoryarray) == ["Mar 2022", "Apr 2022", "May 2022", "Jun 2022"]
    hrw = next(a for a in fig.layout.annotations if a.text.startswith("[9]"))
    assert hrw.x == pytest.approx(3 - 0.5 + 5 / 30)  # 6 June: five days into June, the fourth month


def test_event_labels_days_apart_each_have_their_own_row(cur, colors):
    rows = queries.figures(cur, all_filters(), "monthly")
    events = queries.figures(cur, all_filters(), "timeline").iloc[::-1]  # rows in any order
    for fig in (charts.month_bars(rows, colors, "t", "people", "en", events),
                charts.record_marks(rows.assign(month=rows["period_start"], is_derived=False, metric_short="m",
                                                article_date=None, known_value=1, known_on=None, latest_value=1,
                                                latest_on=None, verdict="v"), colors, "en", events)):
        notes = fig.layout.annotations if isinstance(fig, go.Figure) else fig.notes
        rows_of = {n["text"]: (n["y"], n["yanchor"], n["yshift"]) for n in notes}
        # 6 June (HRW, then the summit that opens that day), 15 June: in date order, one row up each, from the foot
        assert rows_of == {"[9]": (0, "bottom", 0), "[10]": (0, "bottom", 15), "[15]": (0, "bottom", 30)}


def test_a_cited_figure_is_a_copy_that_grows_by_its_lines():
    shared = go.Figure(go.Bar(x=[1], y=[2]), layout={"title": {"text": "T"}, "margin": {"t": 84, "r": 20},
                                                     "height": 500, "xaxis": {"title": {"text": "X"}}})
    before = shared.to_dict()
    long = "Source: U.S. Customs and Border Protection: Southwest Land Border Encounters, as of 2023-03-16"
    cited = charts.cited(shared, ("Apr 2022; actors: <b>all</b>", long))
    assert shared.to_dict() == before  # the shared figure is never changed
    layout = cited.to_dict()["layout"]
    assert layout["title"]["text"] == "T" and layout["title"]["subtitle"]["font"] == charts.CITATION_FONT
    assert layout["title"]["subtitle"]["text"] == (
        "Apr 2022; actors: &lt;b&gt;all&lt;/b&gt;<br>Source: U.S. Customs and Border Protection: Southwest Land"
        "<br>Border Encounters, as of 2023-03-16")  # lines of at most CITATION_WIDTH characters
    extra = 3 * charts.CITATION_LINE + 6
    assert layout["margin"] == {"t": 84 + extra, "r": 20} and layout["height"] == 500 + extra
    assert layout["xaxis"] == {"title": {"text": "X"}}  # the rest of the layout kept
    assert cited.to_dict()["data"] == before["data"]
    bare = charts.cited(go.Figure(go.Bar(x=[1], y=[2])), ("May 2022",)).to_dict()["layout"]
    assert bare["margin"]["t"] == charts.TOP_MARGIN + charts.CITATION_LINE + 6
    assert bare["height"] == charts.HEIGHT + charts.CITATION_LINE + 6
    assert bare["title"]["subtitle"]["text"] == "May 2022"
