"""Plotly figures for the dashboard. Each builder takes the rows it draws.

Figures are built from graph_objects traces with one layout dict: Plotly Express took about 40 ms
a chart for these small frames, graph objects about 3 ms (bench/results.md, "filter change").
"""

from __future__ import annotations

import html
import itertools
import math
import re
from calendar import monthrange
from datetime import timedelta
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.filters import month_key, month_label, months_between, period_text
from dashboard.data.queries import figure_kind, figure_status
from dashboard.words.i18n import AXIS_DAY, AXIS_MONTH, num, rows_of, t

# Okabe–Ito, a colour-blind-safe palette: every actor's colour in data/actors.csv is one of these.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
PATTERNS = {"reported": "", "stated": ".", "derived": "/"}  # a bar's kind (`queries.figure_kind`), in legend order
AXIS_TITLE_WIDTH = 40  # characters a line of a month axis's title
BAR_LABEL_WIDTH = 16  # characters a line of a month bar's actor and status under its value: Plotly shrinks a label
# wider than its bar, and on a phone "Gobierno de EE. UU." on one line took the Spanish labels down to 8 px
KPI_UNITS = ("US dollars", "percent")
# The charts' look, as data every builder shares; what each figure says is worked out in the builders below.
NO_COLOUR = "#333333"  # an actor with no colour in data/actors.csv
CBP_BLUE = PALETTE[0]
OUTSIDE_LABELS = {"textposition": "outside", "cliponaxis": False}  # bar labels above the bars, never cut off
MID_MONTH = {"xperiod": "M1", "xperiodalignment": "middle"}  # a month's value drawn at the middle of its month
COUNTS = {"tickformat": ",d"}  # whole numbers with thousands separators
COUNTS_FROM_ZERO = COUNTS | {"rangemode": "tozero"}
EVENT_LINE = {"color": "#555555", "width": 1.5, "dash": "dash"}
EVENT_NOTE_FONT = {"size": 11, "color": NO_COLOUR}
EVENT_NOTE_BACK = "rgba(255, 255, 255, 0.85)"  # a label stays legible where it crosses a nearby event's line
EVENT_NOTE_ROW = 15  # px between the rows of event labels (11 px text)
SPAN_SHADE = {"fillcolor": "#999999", "opacity": 0.15, "line": {"width": 0}, "layer": "below"}
CLAIM_SHADE = {"fillcolor": "#E69F00", "opacity": 0.12, "line": {"width": 0}, "layer": "below"}
TIMELINE_STYLE = {"mode": "lines+markers+text", "textposition": "middle right", "cliponaxis": False,
                  "connectgaps": False}
TIMELINE_LINE, TIMELINE_MARKER = {"width": 6}, {"size": 12}
EVENT_LABEL_WIDTH = 30  # characters a line of an event's label holds, so it ends inside the chart
CLAIM_MARKER = {"size": 13, "line": {"width": 2}}
PANEL_GAP = 0.16  # of the plot's height below each enforcement panel: its ticks, then the next panel's unit
BAR_HEADROOM = 1.35  # an enforcement axis runs past its longest bar: room for the value written after it
LABEL_HEADROOM = 1.2  # the record's y axis tops the highest value by a fifth: room for a two-line label above it
TITLE_WIDTH, TOP_MARGIN, TITLE_LINE = 44, 60, 24  # characters a title line holds on a phone; px
HEIGHT = 450  # px, Plotly's and Streamlit's default
BASE_LAYOUT = {"separators": ".,", "margin": {"t": TOP_MARGIN, "r": 20}, "hoverlabel": {"align": "left"},
               "font": {"size": 13},
               # the legend at the figure's foot (not a fixed fraction below the plot): below the axis title, however
               # many lines the ticks take
               "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0,
                          "title": {"text": ""}}}


def bar(**props) -> dict:
    """A bar trace, as the dict Plotly reads: the figure it goes into validates it, once (a `go.Bar` would be
    validated when made and again when the figure copies it)."""
    return {"type": "bar", **props}


def scatter(**props) -> dict:
    """A scatter trace, as the dict Plotly reads (see `bar`)."""
    return {"type": "scatter", **props}


def counted(df: pd.DataFrame) -> pd.DataFrame:
    """The enforcement figures drawn as bars: a number, in a unit that counts things (not money or percent)."""
    return df[df["value"].notna() & ~df["unit_code"].isin(KPI_UNITS)]


def hover(lang: str) -> str:
    """The hover template of the article's figures: ref, label, value, period, actor, quote, status."""
    return (
        "<b>[%{customdata[0]}] %{customdata[1]}</b><br>"
        + t(lang, "hover_figure") + "<br>“%{customdata[5]}”<br><i>%{customdata[6]}</i><extra></extra>"
    )

HOVER_FIELDS = ["ref", "metric_label", "value_text", "period", "actor_name", "quote_wrapped", "status"]


def actor_colors(actors: pd.DataFrame) -> dict[str, str]:
    """Actor name -> colour: set once per actor in data/actors.csv, the same in every chart."""
    return actors.set_index("name")["color"].to_dict()


def plain(text: object) -> str:
    """Text safe to put in Plotly labels: no markup survives."""
    return html.escape(str(text), quote=False)  # pragma: no mutate (quote=None reads as False)


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = plain(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def title_lines(title: str, width: int = TITLE_WIDTH) -> str:
    """A title or label (escaped) in lines of at most `width` characters where its words allow, never ending a line on a
    word of three characters or fewer ("of", "de"): that word starts the next line; nor breaking an abbreviation
    of short dotted parts ("EE. UU.")."""
    lines: list[list[str]] = [[]]
    for word in _units(plain(title).split()):
        line = lines[-1]
        if line and len(" ".join([*line, word])) > width:
            carried = []
            while len(line) > 1 and len(line[-1]) <= 3 and len(carried) < 2:  # "en la", "of the"
                carried.insert(0, line.pop())
            lines.append(carried)
        lines[-1].append(word)
    return "<br>".join(" ".join(line) for line in lines)


DOTTED = re.compile(r"\w{1,2}\.")  # a short dotted part of an abbreviation: "EE.", "UU.", "U."
ENDS_DOTTED = re.compile(r"(?:^|[ –])\w{1,2}\.$")  # a unit that ends in one: "EE.", "México–EE.", "A. B."


def _units(words: list[str]) -> list[str]:
    """Words, each short dotted part after another ("EE." "UU.", also in "México–EE.") joined to it."""
    units: list[str] = []
    for word in words:
        if units and ENDS_DOTTED.search(units[-1]) and DOTTED.fullmatch(word):
            units[-1] += f" {word}"
        else:
            units.append(word)
    return units


def with_hover_fields(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add the escaped columns the hover template reads."""
    out = df.copy()
    out["period"] = [period_text(start, end, lang) for start, end in rows_of(df, "period_start", "period_end")]
    out["kind"] = [figure_kind(*row) for row in rows_of(df, "is_derived", "actor_id", "stated_by")]
    status = [figure_status(kind, name, lang) for kind, name in rows_of(out, "kind", "stated_by_name")]
    note = "" if lang == "en" else f" ({t(lang, 'quote_in_english')})"
    out["quote_wrapped"] = [_wrap(q + note) for q in df["quote"].tolist()]
    for column in ("metric_label", "value_text", "actor_name"):
        out[column] = [plain(value) for value in df[column].tolist()]
    out["status"] = [plain(text) for text in status]
    return out


def month_bars(df: pd.DataFrame, colors: dict[str, str], title: str, y_title: str, lang: str,
               events: pd.DataFrame | None = None) -> go.Figure:
    """Bars per month (derived figures hatched and labelled), one colour per actor; dated events as markers."""
    data = with_hover_fields(df, lang)
    data["month"] = [month_label(month_key(d), lang) for d in data["period_start"].tolist()]
    days = [*data["period_start"].tolist(), *([] if events is None else events["period_start"].tolist())]
    keys = months_between(min(days), max(days))  # every month between, so positions on the axis are calendar
    months = [month_label(m, lang) for m in keys]
    groups: dict[tuple, list[tuple]] = {}  # (actor, kind, status) -> its bars, in order of first appearance
    for actor, kind, status, *bar_ in rows_of(data, "actor_name", "kind", "status", "month", "value", *HOVER_FIELDS):
        groups.setdefault((actor, kind, status), []).append(bar_)
    traces = []
    for (actor, kind, status), bars in groups.items():
        y = [value for _, value, *_ in bars]
        # a figure its actor does not state says who does: "US government" alone over the article's own 7,400 a
        # day would read as the US government's number
        said = "" if kind == "reported" else "<br>" + title_lines(html.unescape(status), BAR_LABEL_WIDTH)
        who = title_lines(html.unescape(actor), BAR_LABEL_WIDTH)
        traces.append((list(PATTERNS).index(kind), bar(
            x=[month for month, *_ in bars], y=y, name=f"{actor}, {status}", legendgroup=f"{actor}, {status}",
            offsetgroup=actor, customdata=[fields for _, _, *fields in bars], hovertemplate=hover(lang),
            text=[f"{num(v)}<br>{who}{said}" for v in y], **OUTSIDE_LABELS,
            marker={"color": colour_of(colors, actor), "pattern": {"shape": PATTERNS[kind]}},
        )))
    traces = [trace for _, trace in sorted(traces, key=lambda pair: pair[0])]
    shapes, notes = event_markers(data.head(0) if events is None else events,
                                  lambda day: _category_position(day, keys))
    return _figure(traces, title, {"title": {"text": t(lang, "axis_month")}, "type": "category",
                                   "categoryorder": "array", "categoryarray": months, "range": [-0.5, len(keys) - 0.5]},
                   {"title": {"text": y_title}} | COUNTS_FROM_ZERO, barmode="group",
                   shapes=shapes, annotations=notes)


def _category_position(day, keys: list[str]) -> float:
    """Where a day falls on a month-category axis: category i spans i - 0.5 to i + 0.5."""
    year, month = map(int, keys[0].split("-"))
    return (day.year - year) * 12 + day.month - month - 0.5 + (day.day - 1) / calendar_days(day)


def event_markers(events: pd.DataFrame, position) -> tuple[list[dict], list[dict]]:
    """Dated events as dashed vertical lines (a shaded band for a span), each labelled with its ref at the foot,
    clear of the article's labelled values above, one row higher per event in date order: events days apart (the
    article's are within 9 days) never print their labels over each other."""
    shapes, notes = [], []
    for row_number, (first, ref, last) in enumerate(sorted(rows_of(events, "period_start", "ref", "period_end"))):
        start, end = position(first), position(last + timedelta(days=1))
        if last > first:
            shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": start, "x1": end, "y0": 0, "y1": 1,
                           **SPAN_SHADE})
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": start, "x1": start, "y0": 0, "y1": 1,
                       "line": EVENT_LINE})
        # The number only, never cut: the chart's caption and description name each event in full.
        notes.append({"x": start, "y": 0, "xref": "x", "yref": "paper", "text": f"[{int(ref)}]",
                      "xanchor": "right", "yanchor": "bottom", "yshift": EVENT_NOTE_ROW * row_number,
                      "showarrow": False, "font": EVENT_NOTE_FONT, "bgcolor": EVENT_NOTE_BACK})
    return shapes, notes


def monthly_arrivals(df: pd.DataFrame, colors: dict[str, str], lang: str,
                     events: pd.DataFrame | None = None) -> go.Figure:
    return month_bars(df, colors, t(lang, "chart_monthly"), t(lang, "axis_arrivals"), lang, events)


def daily_rate(df: pd.DataFrame, colors: dict[str, str], lang: str,
               events: pd.DataFrame | None = None) -> go.Figure:
    return month_bars(df, colors, t(lang, "chart_daily"), t(lang, "axis_daily"), lang, events)


def enforcement_bars(df: pd.DataFrame, colors: dict[str, str], lang: str) -> go.Figure:
    """Counted enforcement figures as bars across, one panel per unit, the panels one above the other: no axis mixes
    units, and each figure's name reads across its bar's row at any width (side by side, on a phone, one panel's
    ticks fell on the next)."""
    data = with_hover_fields(df, lang)
    data["label"] = [f"[{row.ref}] {plain(row.metric_short)}" for row in data.itertuples()]
    data["unit"] = data["unit"].map(plain)
    units = list(dict.fromkeys(data["unit"]))
    traces, layout, shown, step = [], {"annotations": []}, set(), 1 / len(units)
    for i, unit in enumerate(units):
        axis, top = str(i + 1), 1 - i * step  # Plotly reads x1 / xaxis1 as x / xaxis
        in_unit = data[data["unit"] == unit]
        layout[f"yaxis{axis}"] = {"domain": [top - step + PANEL_GAP, top], "anchor": f"x{axis}", "type": "category",
                                  "autorange": "reversed", "automargin": True}  # the first figure on top
        layout[f"xaxis{axis}"] = COUNTS | {"anchor": f"y{axis}", "range": [0, in_unit["value"].max() * BAR_HEADROOM],
                                           "title": {"text": t(lang, "axis_count") if i == len(units) - 1 else ""}}
        layout["annotations"].append({"text": t(lang, "unit_label", unit=unit), "x": 0, "y": top, "xref": "paper",
                                      "yref": "paper", "xanchor": "left", "yanchor": "bottom", "showarrow": False})
        for actor in in_unit["actor_name"].unique():  # in order of first appearance
            group = in_unit[in_unit["actor_name"] == actor]
            traces.append(bar(
                # the value only: with the actor's name too, Plotly shrank the label to the bar's size, unreadable;
                # the legend and the hover name the actor
                x=group["value"].tolist(), y=group["label"], orientation="h", text=group["value_text"].tolist(),
                **OUTSIDE_LABELS, name=actor, legendgroup=actor, showlegend=actor not in shown,
                xaxis=f"x{axis}", yaxis=f"y{axis}", marker={"color": colour_of(colors, actor)},
                customdata=group[HOVER_FIELDS].values.tolist(), hovertemplate=hover(lang),
            ))
            shown.add(actor)
    return _figure(traces, t(lang, "chart_enforcement"), None, None, **layout)


def timeline(df: pd.DataFrame, colors: dict[str, str], lang: str) -> go.Figure:
    """Dated events on a date axis at their true dates, one row per actor: a point for a day, a line for a span."""
    data = with_hover_fields(df, lang)
    by_actor: dict[str, list[tuple]] = {}  # in order of first appearance
    for actor, *event in rows_of(data, "actor_name", "period_start", "period_end", "value_text", *HOVER_FIELDS):
        by_actor.setdefault(actor, []).append(event)
    traces = []
    for actor, events in by_actor.items():
        xs, ys, texts, custom = [], [], [], []
        for first, last, value_text, *fields in events:
            days = [first] if last == first else [first, last]
            # value_text is escaped by with_hover_fields; the label follows a span's end, clear of its line
            label = title_lines(f"[{fields[0]}] {html.unescape(value_text)}", EVENT_LABEL_WIDTH)  # fields[0]: ref
            xs += [str(d) for d in days] + [None]
            ys += [actor] * len(days) + [None]
            texts += [""] * (len(days) - 1) + [label, ""]
            custom += [fields] * len(days) + [[""] * len(HOVER_FIELDS)]
        traces.append(scatter(
            x=xs, y=ys, name=actor, text=texts, **TIMELINE_STYLE, customdata=custom, hovertemplate=hover(lang),
            line=TIMELINE_LINE | {"color": colour_of(colors, actor)},
            marker=TIMELINE_MARKER | {"color": colour_of(colors, actor)},
        ))
    first, last = min(data["period_start"]), max(data["period_end"])
    room = max((last - first) * 1.2, timedelta(days=12))
    return _figure(traces, t(lang, "chart_events"),
                   {"type": "date", "tickformat": AXIS_DAY[lang], "title": {"text": t(lang, "axis_date")},
                    "range": [str(first - timedelta(days=2)), str(last + room)]},
                   {"title": {"text": ""}, "type": "category"})


def _raw(label: str) -> str:
    """The actor name an escaped label came from (colours are keyed on names)."""
    return html.unescape(label)


def colour_of(colors: dict[str, str], label: str) -> str:
    """An actor's colour from its (escaped) label; NO_COLOUR for an actor data/actors.csv gives none."""
    return colors.get(_raw(label), NO_COLOUR)


def _figure(traces: list, title: str, x_axis: dict | None, y_axis: dict | None, **layout) -> go.Figure:
    """A figure with the dashboard's common layout, validated once. A long title (the record's at the article's
    minute, most titles in Spanish) is wrapped, and the figure grows by its extra lines above the plot: Plotly
    cuts a title at the figure's edge."""
    text = title_lines(title)
    base = BASE_LAYOUT | {"title": {"text": text}}
    if extra := TITLE_LINE * text.count("<br>"):
        base |= {"margin": BASE_LAYOUT["margin"] | {"t": TOP_MARGIN + extra}, "height": HEIGHT + extra}
    if x_axis is not None:
        base["xaxis"] = x_axis
    if y_axis is not None:
        base["yaxis"] = y_axis
    return go.Figure(data=traces, layout=base | layout)


CITATION_WIDTH, CITATION_LINE, CITATION_FONT = 60, 15, {"size": 11, "color": "#4d4d4d"}  # characters, px


def cited(figure: go.Figure, citation: tuple[str, ...]) -> go.Figure:
    """`figure` with `citation` (a view's filters, its sources: lines in words) under its title, so that an image
    saved from the chart keeps them. A new figure made from the shared one's JSON without validating it again (the
    shared one was validated when made, and is never changed); the figure grows by the citation's lines."""
    spec = figure.to_dict()
    layout = dict(spec["layout"])
    text = "<br>".join(title_lines(line, CITATION_WIDTH) for line in citation)
    extra = CITATION_LINE * (text.count("<br>") + 1) + 6
    title = dict(layout.get("title", {}))
    title["subtitle"] = {"text": text, "font": CITATION_FONT}
    margin = dict(layout.get("margin", {}))
    margin["t"] = margin.get("t", TOP_MARGIN) + extra
    layout |= {"title": title, "margin": margin, "height": layout.get("height", HEIGHT) + extra}
    # The copy is as valid as the shared figure: validating it again changes only the time (about 10 ms a chart).
    return go.Figure({"data": spec["data"], "layout": layout}, _validate=False)  # pragma: no mutate


def month_axis(lang: str, title: str) -> dict:
    """A month axis; its title in lines of AXIS_TITLE_WIDTH characters (on a phone, "Mes (calendario; el año fiscal
    de la CBP va de oct a sep)" on one line ran past the figure's edge)."""
    return {"type": "date", "tickformat": AXIS_MONTH[lang], "ticklabelmode": "period",
            "title": {"text": title_lines(title, AXIS_TITLE_WIDTH)},
            "automargin": True}  # ticks turned on a phone push the axis title down, not over them


def _official_text(value, on, lang: str) -> str:
    return t(lang, "not_yet_published") if pd.isna(value) else t(lang, "observed_value", value=num(value), on=on)


RECORD_HOVER = ["month_label", "vintage", "observed_on", "first_value", "first_observed_on", "latest_value",
                "latest_observed_on"]


def record_chart(official: pd.DataFrame, claims: pd.DataFrame, colors: dict[str, str], basis: str,
                 lang: str, events: pd.DataFrame | None = None) -> go.Figure:
    """CBP's monthly series as a line, the article's monthly figures as labelled markers on it."""
    return record_figure(record_points(official, lang), record_marks(claims, colors, lang, events), colors, basis,
                         lang)


def record_points(official: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The record's line as drawn, one row per month: x, y and the hover's texts (and the actor, for its colour).
    The app works this out once for the whole series; a month range takes its rows."""
    data = official.assign(month_label=[month_label(month_key(m), lang) for m in official["month"]],
                           vintage=[t(lang, f"vintage_{v}") for v in official["vintage"]])
    points = {"x": [str(m) for m in data["month"]], "y": data["value"].tolist(),
              "custom": data[RECORD_HOVER].astype(str).values.tolist()}
    if "actor_name" in data:
        points["actor_name"] = data["actor_name"].tolist()
    return pd.DataFrame(points)


class RecordMarks(NamedTuple):
    """What the record chart draws of the article: its monthly figures, their months shaded, its dated events."""

    traces: list
    shapes: list[dict]
    notes: list[dict]
    focus: tuple | None  # a year before the first figure's month to 75 days after the last; None without figures


def record_marks(claims: pd.DataFrame, colors: dict[str, str], lang: str,
                 events: pd.DataFrame | None = None) -> RecordMarks:
    positions = claim_label_positions(claims.sort_values(["month", "ref"])["ref"].tolist())
    traces = [_claim_markers(group, colors, lang, positions) for _, group in claims.groupby("is_derived")]
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": str(m), "y0": 0, "y1": 1,
               "x1": str(m + timedelta(days=calendar_days(m))), **CLAIM_SHADE} for m in sorted(set(claims["month"]))]
    event_lines, notes = event_markers(events, str) if events is not None else ([], [])
    focus = None if claims.empty else (min(claims["month"]) - timedelta(days=365),
                                       max(claims["month"]) + timedelta(days=75))
    return RecordMarks(traces, shapes + event_lines, notes, focus)


def claim_label_positions(refs: list) -> dict:
    """Where each claim's label sits, `refs` in month order: neighbouring months on opposite sides (above, below,
    above, …), and the first label on a side that has another to the left of its mark. The next label on that side
    is two months on: on a phone (about 17 px a month in the chart's focus, a label about 50 px wide) centred labels
    two months apart overlap; one to the left of its mark and one centred do not."""
    return {ref: ("top" if i % 2 == 0 else "bottom") + (" left" if i < 2 and i + 2 < len(refs) else " center")
            for i, ref in enumerate(refs)}


def record_focus(marks: RecordMarks, months: int) -> tuple | None:
    """The span the record chart opens on (around the article's months) when its `months` are too many to read at
    once; None when it opens on all of them."""
    return marks.focus if months > 18 else None


def record_figure(points: pd.DataFrame, marks: RecordMarks, colors: dict[str, str], basis: str,
                  lang: str) -> go.Figure:
    """The record chart from its line's points and the article's marks."""
    cbp_colour = colors.get(str(points["actor_name"].iloc[0]), NO_COLOUR) if "actor_name" in points else NO_COLOUR
    line = scatter(
        x=points["x"].tolist(), y=points["y"].tolist(), mode="lines+markers", name=title_lines(f"CBP, {basis}"),
        **MID_MONTH, customdata=points["custom"].tolist(), hovertemplate=t(lang, "hover_record"),
        line={"color": cbp_colour},
    )
    xaxis = month_axis(lang, t(lang, "axis_month_fiscal")) | {"dtick": "M1" if len(points) <= 12 else "M6"}
    if record_focus(marks, len(points)) is not None:
        xaxis |= {"range": [str(marks.focus[0]), str(marks.focus[1])], "dtick": "M2"}
    top = max([*line["y"], *(y for trace in marks.traces for y in trace["y"])])
    yaxis = {"title": {"text": t(lang, "axis_encounters")}, "range": [0, top * LABEL_HEADROOM]} | COUNTS_FROM_ZERO
    return _figure([line, *marks.traces], t(lang, "chart_record", basis=basis), xaxis, yaxis, shapes=marks.shapes,
                   annotations=marks.notes)


def calendar_days(month) -> int:
    return monthrange(month.year, month.month)[1]


def _claim_markers(group: pd.DataFrame, colors: dict[str, str], lang: str, positions: dict) -> dict:
    """The article's monthly figures of one status as diamonds, each with what CBP said then and later, labelled
    with ref and value on two lines, placed as `positions` says (`claim_label_positions`)."""
    derived = bool(group["is_derived"].iloc[0])
    status = t(lang, "derived" if derived else "reported")
    rows = [row for _, row in group.iterrows()]
    custom = [[r["ref"], plain(r["metric_short"]), status, plain(r["value_text"]), str(r["article_date"]),
               _official_text(r["known_value"], r["known_on"], lang),
               _official_text(r["latest_value"], r["latest_on"], lang), _wrap(r["verdict"])] for r in rows]
    marker_colors = [colors.get(r["actor_name"], NO_COLOUR) for r in rows]
    return scatter(
        x=[str(r["month"]) for r in rows], **MID_MONTH, y=group["value"].tolist(),
        mode="markers+text", name=t(lang, "article_status", status=status), customdata=custom,
        text=[f"[{r['ref']}]<br>{num(r['value'])}" for r in rows],
        textposition=[positions[r["ref"]] for r in rows],
        hovertemplate=t(lang, "hover_claim"),
        marker=CLAIM_MARKER | {"symbol": "diamond-open" if derived else "diamond", "color": marker_colors,
                               "line": CLAIM_MARKER["line"] | {"color": marker_colors}},
    )


def fiscal_year_chart(official: pd.DataFrame, basis: str, lang: str) -> go.Figure:
    """CBP's totals grouped by fiscal year (Oct–Sep), partial years labelled."""
    years = official.groupby("fiscal_year").agg(value=("value", "sum"), months=("month", "count")).reset_index()
    totals = bar(
        x=[t(lang, "fy", year=y) for y in years["fiscal_year"]], y=years["value"].tolist(), marker={"color": CBP_BLUE},
        text=[num(y.value) + ("" if y.months == 12 else "<br>" + t(lang, "months_of_12", n=y.months))
              for y in years.itertuples()],
        **OUTSIDE_LABELS, hovertemplate=t(lang, "hover_fy"), name="CBP",
    )
    return _figure([totals], t(lang, "chart_fy", basis=basis),
                   {"type": "category", "title": {"text": t(lang, "axis_fy")}},
                   COUNTS | {"title": {"text": t(lang, "axis_encounters")}})


def revisions_chart(history: pd.DataFrame, lang: str) -> go.Figure:
    """A month's official value over time: first release, then each revision, as steps."""
    line = scatter(
        x=[str(d) for d in history["observed_on"]], y=history["value"].tolist(), mode="lines+markers+text",
        line={"shape": "hv", "color": CBP_BLUE}, text=[num(v) for v in history["value"]],
        textposition=step_label_sides(history["value"].tolist()),
        customdata=[[t(lang, f"vintage_{v}")] for v in history["vintage"]], name="CBP",
        hovertemplate="%{x}: %{y:,} (%{customdata[0]})<extra></extra>",
    )
    title = t(lang, "chart_revisions", month=month_label(month_key(history["month"].iloc[0]), lang))
    first, last = min(history["observed_on"]), max(history["observed_on"])
    room = max((last - first) * 0.12, timedelta(days=10))  # the first and last values' labels, whole on a phone
    low, high = min(line["y"]), max(line["y"])
    span = (high - low) or high / 100 or 1  # one value (or none changed): a hundredth of it
    return _figure([line], title, {"type": "date", "tickformat": AXIS_DAY[lang],
                                   "title": {"text": t(lang, "axis_observed")},
                                   "range": [str(first - room), str(last + room)]},
                   COUNTS | {"title": {"text": t(lang, "axis_encounters")},
                             "range": [low - span * 3 / 10, high + span * 3 / 10]})  # labels above and below


STEP_LABEL_GAP = 0.15  # of the values' span: steps at least this tall keep their labels apart by height alone


def step_label_sides(values: list[float]) -> list[str]:
    """Where each value's label goes on a step chart ("hv"): a step up puts it above, a step down below (the step's
    vertical line runs through the other side); a step too small to part two labels by height puts it on the other
    side from the label before. On a phone, revisions a month apart printed their values over each other."""
    if not values:
        return []
    span, sides = max(values) - min(values), ["top center"]
    for before, value in itertools.pairwise(values):
        if span and abs(value - before) >= STEP_LABEL_GAP * span:
            # A step this tall is never level, so `>=` would read the same: no mutant for it.
            sides.append("top center" if value > before else "bottom center")  # pragma: no mutate
        else:
            sides.append("bottom center" if sides[-1] == "top center" else "top center")
    return sides


def encounter_chart(totals: pd.DataFrame, by: str, lang: str) -> go.Figure:
    """Imported encounters per month, stacked by one dimension."""
    traces = []
    for i, (category, group) in enumerate(totals.groupby("category")):  # categories in sorted order
        traces.append(bar(
            x=[str(m) for m in group["month"]], y=group["total"].tolist(), name=plain(category), **MID_MONTH,
            marker={"color": PALETTE[i % len(PALETTE)]},
            hovertemplate=f"%{{x|{AXIS_MONTH[lang]}}}: %{{y:,}} (%{{fullData.name}})<extra></extra>",
        ))
    return _figure(traces, t(lang, "chart_encounters", by=t(lang, f"dim_{by}")),
                   month_axis(lang, t(lang, "axis_month")) | {"dtick": "M3"},
                   COUNTS | {"title": {"text": t(lang, "axis_encounters")}}, barmode="stack")


def southwest_chart(comparison: pd.DataFrame, lang: str) -> go.Figure:
    """Imported Southwest Land Border totals against CBP's published monthly totals."""
    traces = []
    for column, key, color in (("imported_total", "imported_data", CBP_BLUE),
                               ("official_latest", "cbp_published_latest", "#CC79A7")):
        rows, name = comparison[comparison[column].notna()], t(lang, key)
        traces.append(scatter(
            x=[str(m) for m in rows["month"]], y=rows[column].tolist(), mode="lines+markers", name=name,
            **MID_MONTH, line={"color": color},
            hovertemplate=f"%{{x|{AXIS_MONTH[lang]}}}: %{{y:,}}<extra>{name}</extra>",
        ))
    return _figure(traces, t(lang, "chart_southwest"), month_axis(lang, t(lang, "axis_month")),
                   COUNTS_FROM_ZERO | {"title": {"text": t(lang, "axis_encounters")}})


COMPONENT_COLOURS = {"U.S. Border Patrol": CBP_BLUE, "Office of Field Operations": "#D55E00"}
COMPONENT_MARKERS = {"U.S. Border Patrol": "circle", "Office of Field Operations": "square"}


def share_bars(table: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """One breakdown's categories as bars across, largest on top, each labelled with its share and count
    (`breakdowns.shares` rows, `label` the category as the page names it)."""
    labels, counts, share = (table[column].tolist()[::-1] for column in ("label", "encounters", "share"))
    # Both lists come from the same rows, so `strict` never fires: a mutant of it reads the same.
    text = [f"{num(s, 1)}% ({num(c)})" for s, c in zip(share, counts, strict=True)]  # pragma: no mutate
    trace = bar(y=[plain(label) for label in labels], x=share, orientation="h", text=text, **OUTSIDE_LABELS,
                marker={"color": CBP_BLUE}, customdata=counts,
                hovertemplate=f"%{{y}}: %{{x:.1f}}% (%{{customdata:,}} {t(lang, 'axis_encounters').lower()})"
                              "<extra></extra>")
    top = max(share, default=0)
    height = max(HEIGHT, 120 + 34 * len(labels))
    return _figure([trace], title, {"title": {"text": t(lang, "axis_share")}, "range": [0, top * BAR_HEADROOM + 1],
                                    "ticksuffix": "%"}, {"automargin": True}, height=height, showlegend=False)


def border_map(places: pd.DataFrame, outlines: dict[str, tuple], title: str, lang: str) -> go.Figure:
    """Encounters by Border Patrol sector and Field Operations office on the US–Mexico border, one circle (sector)
    or square (office) per area at its place, its area proportional to its count. Drawn on plain axes from shipped
    outlines (data/geo/): no map tiles, no network; one degree of longitude is drawn cos(31°) as wide as one of
    latitude, as at the border."""
    traces = []
    for key, width, colour in (("states", 0.6, "#BBBBBB"), ("coasts", 0.8, "#888888"), ("border", 2.0, "#333333")):
        xs, ys = outlines[key]  # NumPy arrays, a NaN between lines: Plotly copies and encodes them at once
        traces.append(scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": width}, hoverinfo="skip",
                              showlegend=False))
    largest = max([*places["encounters"], 1])  # an area of 0 encounters, or none, is drawn at the smallest size
    # Components in the order of the rows (largest area first): sort=None is pandas' False too.
    for component, rows in places.groupby("component", sort=False):  # pragma: no mutate
        counts = rows["encounters"].tolist()
        traces.append(scatter(
            x=rows["lon"].tolist(), y=rows["lat"].tolist(), mode="markers", name=plain(component),
            marker={"size": [6 + 54 * (c / largest) ** 0.5 for c in counts], "sizemode": "diameter",
                    "color": COMPONENT_COLOURS.get(component, NO_COLOUR), "opacity": 0.7,
                    "symbol": COMPONENT_MARKERS.get(component, "circle"), "line": {"color": "#FFFFFF", "width": 1}},
            customdata=[[plain(a), plain(p), f"{num(s, 1)}%"] for a, p, s in
                        rows_of(rows, "category", "place", "share")],
            text=[f"{c:,}" for c in counts],
            hovertemplate=("<b>%{customdata[0]}</b><br>%{text} " + t(lang, "axis_encounters").lower()
                           + " (%{customdata[2]})<br>" + t(lang, "drawn_at") + " %{customdata[1]}<extra></extra>"),
        ))
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return _figure(traces, title, hidden | {"range": [-121, -95.5]},
                   hidden | {"range": [24.8, 36.5], "scaleanchor": "x", "scaleratio": 1 / math.cos(math.radians(31))},
                   height=520, plot_bgcolor="#FFFFFF", dragmode="pan")
