"""Plotly figures for the dashboard. Each builder takes the rows it draws."""

from __future__ import annotations

import html
from calendar import monthrange
from datetime import timedelta

import pandas as pd
import plotly.express as px
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
    data["bar_text"] = [
        f"{v:,.0f}" + ("<br>derived" if d else "") for v, d in zip(data["value"], data["is_derived"], strict=True)
    ]
    months = [month_label(m) for m in sorted({month_key(d) for d in data["period_start"]})]
    fig = px.bar(
        data, x="month", y="value", color="actor_label", pattern_shape="status", text="bar_text",
        color_discrete_map=_plain_keys(colors), pattern_shape_map=PATTERNS,
        category_orders={"month": months, "status": ["reported", "derived"]},
        custom_data=HOVER_FIELDS, barmode="group", title=plain(title),
        labels={"month": "Month", "value": y_title, "actor_label": "Actor", "status": "Figure"},
    )
    fig.update_traces(hovertemplate=HOVER, textposition="outside", cliponaxis=False)
    fig.for_each_trace(lambda t: t.update(offsetgroup=t.legendgroup.split(",")[0]))
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    fig.update_xaxes(type="category")
    return _style(fig)


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
    fig = px.bar(
        data, x="label", y="value", color="actor_label", text="value_text",
        facet_col="unit", category_orders={"unit": units}, custom_data=HOVER_FIELDS,
        color_discrete_map=_plain_keys(colors), title="Enforcement figures, one panel per unit",
        labels={"value": "Count", "label": "", "actor_label": "Actor", "unit": "Unit"},
    )
    fig.update_traces(hovertemplate=HOVER, textposition="outside", cliponaxis=False)
    fig.update_xaxes(matches=None, title="")
    fig.update_yaxes(matches=None, tickformat=",d", showticklabels=True, rangemode="tozero")
    fig.for_each_annotation(lambda a: a.update(text=f"Unit: {a.text.split('=')[-1]}"))
    return _style(fig)


def timeline(df: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    """Dated events as marks on a time axis, one row per actor."""
    data = with_hover_fields(df)
    data["end_exclusive"] = [d + timedelta(days=1) for d in data["period_end"]]
    data["event_label"] = [f"[{r}] {t}" for r, t in zip(data["ref"], data["value_text"], strict=True)]
    fig = px.timeline(
        data, x_start="period_start", x_end="end_exclusive", y="actor_label", color="actor_label",
        text="event_label", custom_data=HOVER_FIELDS, color_discrete_map=_plain_keys(colors),
        title="Dated events", labels={"actor_label": "Actor"},
    )
    fig.update_traces(hovertemplate=HOVER, textposition="outside", cliponaxis=False)
    first, last = min(data["period_start"]), max(data["end_exclusive"])
    room = max((last - first) * 0.6, timedelta(days=8))
    fig.update_xaxes(tickformat="%d %b %Y", title="Date", range=[first - timedelta(days=2), last + room])
    fig.update_yaxes(title="")
    return _style(fig)


def _plain_keys(colors: dict[str, str]) -> dict[str, str]:
    return {plain(name): color for name, color in colors.items()}


def _style(fig: go.Figure) -> go.Figure:
    fig.update_layout(
        separators=".,", legend_title_text="", margin={"t": 60, "r": 20},
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
        hoverlabel={"align": "left"}, font={"size": 13},
    )
    return fig


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


def _official_text(value, on) -> str:
    return "not yet published" if pd.isna(value) else f"{value:,.0f} (observed {on})"


def record_chart(official: pd.DataFrame, claims: pd.DataFrame, colors: dict[str, str], basis: str) -> go.Figure:
    """CBP's monthly series as a line, the article's monthly figures as labelled markers on it."""
    data = official.copy()
    data["month_label"] = [month_label(month_key(m)) for m in data["month"]]
    custom = ["month_label", "vintage", "observed_on", "first_value", "first_observed_on", "latest_value",
              "latest_observed_on"]
    fig = px.line(data, x="month", y="value", markers=True, custom_data=custom,
                  title=f"CBP Southwest Land Border encounters by month, {plain(basis)}",
                  labels={"month": "Month (calendar; CBP's fiscal year runs Oct–Sep)", "value": "Encounters (people)"})
    fig.update_traces(hovertemplate=RECORD_HOVER, name=f"CBP, {plain(basis)}", showlegend=True,
                      line_color=colors.get("U.S. Customs and Border Protection", "#333333"),
                      xperiod="M1", xperiodalignment="middle")
    for _, group in claims.groupby("is_derived"):
        fig.add_trace(_claim_markers(group, colors))
    for month in sorted(set(claims["month"])):
        fig.add_vrect(x0=month, x1=month + timedelta(days=calendar_days(month)), fillcolor="#E69F00",
                      opacity=0.12, line_width=0, layer="below")
    fig.update_xaxes(tickformat="%b %Y", dtick="M1" if len(data) <= 12 else "M6", ticklabelmode="period")
    if not claims.empty and len(data) > 18:
        focus = (min(claims["month"]) - timedelta(days=365), max(claims["month"]) + timedelta(days=75))
        fig.update_xaxes(range=focus, dtick="M2")
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    return _style(fig)


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
    return go.Scatter(
        x=list(group["month"]), xperiod="M1", xperiodalignment="middle", y=group["value"], mode="markers+text",
        name=f"Article ({'derived' if derived else 'reported'})", customdata=custom.values,
        text=[f"[{r}] {v:,.0f}" for r, v in zip(group["ref"], group["value"], strict=True)],
        textposition="top center", hovertemplate=CLAIM_HOVER,
        marker={"symbol": "diamond-open" if derived else "diamond", "size": 13,
                "color": [colors.get(a, "#000000") for a in group["actor_name"]],
                "line": {"width": 2, "color": [colors.get(a, "#000000") for a in group["actor_name"]]}},
    )


def fiscal_year_chart(official: pd.DataFrame, basis: str) -> go.Figure:
    """CBP's totals grouped by fiscal year (Oct–Sep), partial years labelled."""
    years = official.groupby("fiscal_year").agg(value=("value", "sum"), months=("month", "count")).reset_index()
    years["label"] = [f"FY{y}" for y in years["fiscal_year"]]
    years["bar_text"] = [f"{v:,.0f}" + ("" if m == 12 else f"<br>{m} of 12 months")
                         for v, m in zip(years["value"], years["months"], strict=True)]
    fig = px.bar(years, x="label", y="value", text="bar_text",
                 title=f"CBP Southwest Land Border encounters by fiscal year (Oct–Sep), {plain(basis)}",
                 labels={"label": "Fiscal year", "value": "Encounters (people)"})
    fig.update_traces(marker_color="#0072B2", textposition="outside", cliponaxis=False,
                      hovertemplate="%{x}: %{y:,} encounters<extra></extra>")
    fig.update_yaxes(tickformat=",d")
    fig.update_xaxes(type="category")
    return _style(fig)


def revisions_chart(history: pd.DataFrame) -> go.Figure:
    """A month's official value over time: first release, then each revision, as steps."""
    data = history.copy()
    data["label"] = [f"{v:,.0f}" for v in data["value"]]
    title = f"Revisions of {month_label(month_key(data['month'].iloc[0]))}: CBP's value by date observed"
    fig = px.line(data, x="observed_on", y="value", markers=True, line_shape="hv", text="label", title=title,
                  custom_data=["vintage"], labels={"observed_on": "Date observed", "value": "Encounters (people)"})
    fig.update_traces(textposition="top center", hovertemplate="%{x}: %{y:,} (%{customdata[0]})<extra></extra>")
    fig.update_xaxes(tickformat="%d %b %Y")
    fig.update_yaxes(tickformat=",d")
    return _style(fig)


def encounter_chart(totals: pd.DataFrame, by: str) -> go.Figure:
    """Imported encounters per month, stacked by one dimension."""
    data = totals.copy()
    data["category"] = data["category"].map(plain)
    fig = px.bar(data, x="month", y="total", color="category", color_discrete_sequence=PALETTE,
                 title=f"Imported CBP encounters by month and {plain(by)} (people)",
                 labels={"month": "Month", "total": "Encounters (people)", "category": plain(by).title()})
    fig.update_traces(xperiod="M1", xperiodalignment="middle",
                      hovertemplate="%{x|%b %Y}: %{y:,} (%{fullData.name})<extra></extra>")
    fig.update_xaxes(tickformat="%b %Y", ticklabelmode="period", dtick="M3")
    fig.update_yaxes(tickformat=",d")
    return _style(fig)


def southwest_chart(comparison: pd.DataFrame) -> go.Figure:
    """Imported Southwest Land Border totals against CBP's published monthly totals."""
    data = comparison.melt(id_vars="month", value_vars=["imported_total", "official_latest"],
                           var_name="series", value_name="total").dropna()
    names = {"imported_total": "Imported data", "official_latest": "CBP published (latest)"}
    data["series"] = data["series"].map(names)
    fig = px.line(data, x="month", y="total", color="series", markers=True,
                  color_discrete_sequence=["#0072B2", "#CC79A7"],
                  title="Southwest Land Border encounters: imported vs published (people)",
                  labels={"month": "Month", "total": "Encounters (people)", "series": ""})
    fig.update_traces(xperiod="M1", xperiodalignment="middle")
    fig.update_xaxes(tickformat="%b %Y", ticklabelmode="period")
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    return _style(fig)
