"""Plotly figures for the dashboard. Each builder takes the rows it draws."""

from __future__ import annotations

import html
from datetime import timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.filters import month_key, month_label, period_text

# Okabe–Ito, a colour-blind-safe palette; yellow last (weak on white).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
PATTERNS = {"reported": "", "derived": "/"}
KPI_UNITS = ("US dollars", "percent")
HOVER = (
    "<b>[%{customdata[0]}] %{customdata[1]}</b><br>"
    "Value: %{customdata[2]}<br>Period: %{customdata[3]}<br>Actor: %{customdata[4]}<br>"
    "“%{customdata[5]}”<br><i>%{customdata[6]}</i><extra></extra>"
)
HOVER_FIELDS = ["ref", "metric_label", "value_text", "period", "actor_name", "quote_wrapped", "status"]


def actor_colors(actor_names: list[str]) -> dict[str, str]:
    """The same colour for an actor in every chart: by its place in the full actor list."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(actor_names)}


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
