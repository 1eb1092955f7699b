"""Plotly figures for the dashboard. Each builder takes the rows it draws.

Figures are built from graph_objects traces with one layout dict: Plotly Express took about 40 ms
a chart for these small frames, graph objects about 3 ms (bench/results.md, "filter change").
"""

from __future__ import annotations

import html
from calendar import monthrange
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.filters import month_key, month_label, period_text

# Okabe–Ito, a colour-blind-safe palette: every actor's colour in data/actors.csv is one of these.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
PATTERNS = {"reported": "", "derived": "/"}
KPI_UNITS = ("US dollars", "percent")
HOVER = (
    "<b>[%{customdata[0]}] %{customdata[1]}</b><br>"
    "Value: %{customdata[2]}<br>Period: %{customdata[3]}<br>Actor: %{customdata[4]}<br>"
    "“%{customdata[5]}”<br><i>%{customdata[6]}</i><extra></extra>"
)
HOVER_FIELDS = ["ref", "metric_label", "value_text", "period", "actor_name", "quote_wrapped", "status"]


def actor_colors(actors: pd.DataFrame) -> dict[str, str]:
    """Actor name -> colour: set once per actor in data/actors.csv, the same in every chart."""
    return dict(zip(actors["name"], actors["color"], strict=True))


def plain(text: object) -> str:
    """Text safe to put in Plotly labels: no markup survives."""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = plain(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def with_hover_fields(df: pd.DataFrame) -> pd.DataFrame:
    """Add the escaped columns the hover template reads."""
    out = df.copy()
    out["period"] = [period_text(s, e) for s, e in zip(out["period_start"], out["period_end"], strict=True)]
    out["status"] = out["is_derived"].map({True: "derived", False: "reported"})
    out["quote_wrapped"] = out["quote"].map(_wrap)
    for column in ("metric_label", "value_text", "actor_name"):
        out[column] = out[column].map(plain)
    out["actor_label"] = out["actor_name"]
    return out


def month_bars(df: pd.DataFrame, colors: dict[str, str], title: str, y_title: str) -> go.Figure:
    """Bars per month (derived figures hatched and labelled), one colour per actor."""
    data = with_hover_fields(df)
    data["month"] = [month_label(month_key(d)) for d in data["period_start"]]
    months = [month_label(m) for m in sorted({month_key(d) for d in data["period_start"]})]
    traces = []
    for (actor, status), group in data.groupby(["actor_name", "status"], sort=False):
        traces.append(go.Bar(
            x=group["month"], y=group["value"], name=f"{actor}, {status}", legendgroup=f"{actor}, {status}",
            offsetgroup=actor, customdata=group[HOVER_FIELDS].values, hovertemplate=HOVER,
            text=[f"{v:,.0f}" + ("<br>derived" if status == "derived" else "") for v in group["value"]],
            textposition="outside", cliponaxis=False,
            marker={"color": colors.get(_raw(actor), "#333333"), "pattern": {"shape": PATTERNS[status]}},
        ))
    traces.sort(key=lambda t: t.name.endswith("derived"))
    return _figure(traces, title, {"title": {"text": "Month"}, "type": "category", "categoryorder": "array",
                                   "categoryarray": months},
                   {"title": {"text": y_title}, "tickformat": ",d", "rangemode": "tozero"}, barmode="group")


def monthly_arrivals(df: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    return month_bars(df, colors, "Monthly arrivals at the Mexico–US border (people)", "Arrivals (people)")


def daily_rate(df: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    return month_bars(df, colors, "Arrivals per day, by month (people per day)", "Arrivals per day (people)")


def enforcement_bars(df: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    """Counted enforcement figures as bars, one panel per unit so no axis mixes units."""
    data = with_hover_fields(df)
    data["label"] = [f"[{r}] {plain(m)}" for r, m in zip(data["ref"], data["metric_short"], strict=True)]
    data["unit"] = data["unit"].map(plain)
    units = list(dict.fromkeys(data["unit"]))
    traces, layout, shown = [], {}, set()
    for i, unit in enumerate(units):
        axis = "" if i == 0 else str(i + 1)
        left, right = i / len(units) + 0.04, (i + 1) / len(units) - 0.04
        layout[f"xaxis{axis}"] = {"domain": [left, right], "anchor": f"y{axis}", "type": "category"}
        layout[f"yaxis{axis}"] = {"anchor": f"x{axis}", "tickformat": ",d", "rangemode": "tozero",
                                  "title": {"text": "Count" if i == 0 else ""}}
        layout.setdefault("annotations", []).append(
            {"text": f"Unit: {unit}", "x": (left + right) / 2, "y": 1.0, "xref": "paper", "yref": "paper",
             "showarrow": False, "yanchor": "bottom"})
        for actor, group in data[data["unit"] == unit].groupby("actor_name", sort=False):
            traces.append(go.Bar(
                x=group["label"], y=group["value"], text=group["value_text"], textposition="outside",
                cliponaxis=False, name=actor, legendgroup=actor, showlegend=actor not in shown,
                xaxis=f"x{axis}", yaxis=f"y{axis}", marker={"color": colors.get(_raw(actor), "#333333")},
                customdata=group[HOVER_FIELDS].values, hovertemplate=HOVER,
            ))
            shown.add(actor)
    return _figure(traces, "Enforcement figures, one panel per unit", None, None, **layout)


def timeline(df: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    """Dated events as marks on a time axis, one row per actor."""
    data = with_hover_fields(df)
    data["end_exclusive"] = [d + timedelta(days=1) for d in data["period_end"]]
    traces = []
    for actor, group in data.groupby("actor_name", sort=False):
        traces.append(go.Bar(
            orientation="h", y=[actor] * len(group), base=[str(d) for d in group["period_start"]],
            x=[(e - s).total_seconds() * 1000 for s, e in zip(group["period_start"], group["end_exclusive"],
                                                               strict=True)],
            name=actor, text=[f"[{r}] {t}" for r, t in zip(group["ref"], group["value_text"], strict=True)],
            textposition="outside", cliponaxis=False, marker={"color": colors.get(_raw(actor), "#333333")},
            customdata=group[HOVER_FIELDS].values, hovertemplate=HOVER,
        ))
    first, last = min(data["period_start"]), max(data["end_exclusive"])
    room = max((last - first) * 0.6, timedelta(days=8))
    return _figure(traces, "Dated events",
                   {"type": "date", "tickformat": "%d %b %Y", "title": {"text": "Date"},
                    "range": [str(first - timedelta(days=2)), str(last + room)]},
                   {"title": {"text": ""}, "type": "category"}, barmode="overlay")


def _raw(label: str) -> str:
    """The actor name an escaped label came from (colours are keyed on names)."""
    return html.unescape(label)


def _figure(traces: list, title: str, x_axis: dict | None, y_axis: dict | None, **layout) -> go.Figure:
    """A figure with the dashboard's common layout, validated once."""
    base = {
        "title": {"text": plain(title)}, "separators": ".,", "margin": {"t": 60, "r": 20},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "title": {"text": ""}},
        "hoverlabel": {"align": "left"}, "font": {"size": 13},
    }
    if x_axis is not None:
        base["xaxis"] = x_axis
    if y_axis is not None:
        base["yaxis"] = y_axis
    return go.Figure(data=traces, layout=base | layout)


RECORD_HOVER = (
    "<b>%{customdata[0]}</b><br>CBP: %{y:,} (%{customdata[1]}, observed %{customdata[2]})<br>"
    "First release: %{customdata[3]:,} (%{customdata[4]})<br>Latest: %{customdata[5]:,} (%{customdata[6]})"
    "<extra>CBP</extra>"
)
CLAIM_HOVER = (
    "<b>[%{customdata[0]}] %{customdata[1]}</b> (%{customdata[2]})<br>Article: %{customdata[3]}<br>"
    "CBP as known on %{customdata[4]}: %{customdata[5]}<br>CBP latest: %{customdata[6]}<br>"
    "<i>%{customdata[7]}</i><extra></extra>"
)
MONTH_AXIS = {"type": "date", "tickformat": "%b %Y", "ticklabelmode": "period"}


def _official_text(value, on) -> str:
    return "not yet published" if pd.isna(value) else f"{value:,.0f} (observed {on})"


def record_chart(official: pd.DataFrame, claims: pd.DataFrame, colors: dict[str, str], basis: str) -> go.Figure:
    """CBP's monthly series as a line, the article's monthly figures as labelled markers on it."""
    data = official.copy()
    data["month_label"] = [month_label(month_key(m)) for m in data["month"]]
    custom = ["month_label", "vintage", "observed_on", "first_value", "first_observed_on", "latest_value",
              "latest_observed_on"]
    traces = [go.Scatter(
        x=[str(m) for m in data["month"]], y=data["value"], mode="lines+markers", name=f"CBP, {plain(basis)}",
        xperiod="M1", xperiodalignment="middle", customdata=data[custom].astype(str).values,
        hovertemplate=RECORD_HOVER, line={"color": colors.get("U.S. Customs and Border Protection", "#333333")},
    )]
    traces += [_claim_markers(group, colors) for _, group in claims.groupby("is_derived")]
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": str(m), "y0": 0, "y1": 1,
               "x1": str(m + timedelta(days=calendar_days(m))), "fillcolor": "#E69F00", "opacity": 0.12,
               "line": {"width": 0}, "layer": "below"} for m in sorted(set(claims["month"]))]
    xaxis = MONTH_AXIS | {"title": {"text": "Month (calendar; CBP's fiscal year runs Oct–Sep)"},
                          "dtick": "M1" if len(data) <= 12 else "M6"}
    if not claims.empty and len(data) > 18:
        focus = (min(claims["month"]) - timedelta(days=365), max(claims["month"]) + timedelta(days=75))
        xaxis |= {"range": [str(focus[0]), str(focus[1])], "dtick": "M2"}
    return _figure(traces, f"CBP Southwest Land Border encounters by month, {basis}", xaxis,
                   {"title": {"text": "Encounters (people)"}, "tickformat": ",d", "rangemode": "tozero"},
                   shapes=shapes)


def calendar_days(month) -> int:
    return monthrange(month.year, month.month)[1]


def _claim_markers(group: pd.DataFrame, colors: dict[str, str]) -> go.Scatter:
    derived = bool(group["is_derived"].iloc[0])
    custom = pd.DataFrame({
        "ref": group["ref"], "label": group["metric_short"].map(plain),
        "status": "derived" if derived else "reported", "article": group["value_text"].map(plain),
        "as_of": group["article_date"].astype(str),
        "known": [_official_text(v, d) for v, d in zip(group["known_value"], group["known_on"], strict=True)],
        "latest": [_official_text(v, d) for v, d in zip(group["latest_value"], group["latest_on"], strict=True)],
        "verdict": group["verdict"].map(_wrap),
    })
    marker_colors = [colors.get(a, "#000000") for a in group["actor_name"]]
    return go.Scatter(
        x=[str(m) for m in group["month"]], xperiod="M1", xperiodalignment="middle", y=group["value"],
        mode="markers+text", name=f"Article ({'derived' if derived else 'reported'})", customdata=custom.values,
        text=[f"[{r}] {v:,.0f}" for r, v in zip(group["ref"], group["value"], strict=True)],
        textposition="top center", hovertemplate=CLAIM_HOVER,
        marker={"symbol": "diamond-open" if derived else "diamond", "size": 13, "color": marker_colors,
                "line": {"width": 2, "color": marker_colors}},
    )


def fiscal_year_chart(official: pd.DataFrame, basis: str) -> go.Figure:
    """CBP's totals grouped by fiscal year (Oct–Sep), partial years labelled."""
    years = official.groupby("fiscal_year").agg(value=("value", "sum"), months=("month", "count")).reset_index()
    bar = go.Bar(
        x=[f"FY{y}" for y in years["fiscal_year"]], y=years["value"], marker={"color": "#0072B2"},
        text=[f"{v:,.0f}" + ("" if m == 12 else f"<br>{m} of 12 months")
              for v, m in zip(years["value"], years["months"], strict=True)],
        textposition="outside", cliponaxis=False, hovertemplate="%{x}: %{y:,} encounters<extra></extra>",
        name="CBP",
    )
    return _figure([bar], f"CBP Southwest Land Border encounters by fiscal year (Oct–Sep), {basis}",
                   {"type": "category", "title": {"text": "Fiscal year"}},
                   {"tickformat": ",d", "title": {"text": "Encounters (people)"}})


def revisions_chart(history: pd.DataFrame) -> go.Figure:
    """A month's official value over time: first release, then each revision, as steps."""
    line = go.Scatter(
        x=[str(d) for d in history["observed_on"]], y=history["value"], mode="lines+markers+text",
        line={"shape": "hv", "color": "#0072B2"}, text=[f"{v:,.0f}" for v in history["value"]],
        textposition="top center", customdata=history[["vintage"]].values, name="CBP",
        hovertemplate="%{x}: %{y:,} (%{customdata[0]})<extra></extra>",
    )
    title = f"Revisions of {month_label(month_key(history['month'].iloc[0]))}: CBP's value by date observed"
    return _figure([line], title, {"type": "date", "tickformat": "%d %b %Y", "title": {"text": "Date observed"}},
                   {"tickformat": ",d", "title": {"text": "Encounters (people)"}})


def encounter_chart(totals: pd.DataFrame, by: str) -> go.Figure:
    """Imported encounters per month, stacked by one dimension."""
    traces = []
    for i, (category, group) in enumerate(totals.groupby("category", sort=True)):
        traces.append(go.Bar(
            x=[str(m) for m in group["month"]], y=group["total"], name=plain(category), xperiod="M1",
            xperiodalignment="middle", marker={"color": PALETTE[i % len(PALETTE)]},
            hovertemplate="%{x|%b %Y}: %{y:,} (%{fullData.name})<extra></extra>",
        ))
    return _figure(traces, f"Imported CBP encounters by month and {by} (people)",
                   MONTH_AXIS | {"title": {"text": "Month"}, "dtick": "M3"},
                   {"tickformat": ",d", "title": {"text": "Encounters (people)"}}, barmode="stack")


def southwest_chart(comparison: pd.DataFrame) -> go.Figure:
    """Imported Southwest Land Border totals against CBP's published monthly totals."""
    traces = []
    for column, name, color in (("imported_total", "Imported data", "#0072B2"),
                                ("official_latest", "CBP published (latest)", "#CC79A7")):
        rows = comparison[comparison[column].notna()]
        traces.append(go.Scatter(
            x=[str(m) for m in rows["month"]], y=rows[column], mode="lines+markers", name=name,
            xperiod="M1", xperiodalignment="middle", line={"color": color},
            hovertemplate="%{x|%b %Y}: %{y:,}<extra>" + name + "</extra>",
        ))
    return _figure(traces, "Southwest Land Border encounters: imported vs published (people)",
                   MONTH_AXIS | {"title": {"text": "Month"}},
                   {"tickformat": ",d", "rangemode": "tozero", "title": {"text": "Encounters (people)"}})
