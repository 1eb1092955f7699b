"""The imported CBP encounter data: monthly totals by dimension, and Southwest totals beside the record."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard import cache, charts, citations, describe, i18n, queries, url_widgets
from dashboard.queries import ENCOUNTER_DIMENSIONS


@st.fragment
def encounters_section(view) -> None:
    st.header(view.t("enc_header"))
    if not view.basics.has_encounters:
        st.info(view.t("how_to_import"))
        return
    left, right = st.columns([1, 3])
    with left:
        names = {d: view.t(f"dim_{d}").capitalize() for d in ENCOUNTER_DIMENSIONS}  # shown; the URL keeps the ids
        by = url_widgets.choice(view.t("group_by"), names, "by", placeholder=view.t("choose_one"))
        values = view.basics.dimension_values
        chosen = tuple((d, tuple(dimension_filter(view, names[d], d, values[d]))) for d in ENCOUNTER_DIMENSIONS)
    with right:
        parts = cache.made(encounter_parts, view, by, chosen)
        if parts is None:
            st.info(view.t("no_encounters", filter=view.filter_text))
        else:
            shown(view, parts, "chart-encounters", f"encounters-by-{by}")
        southwest_block(view)


class Parts(NamedTuple):
    chart: tuple[object, str] | None
    table: pd.DataFrame
    csv: Callable[[], bytes]  # made when the button is clicked, not on every run
    file_name: str


class Monthly(NamedTuple):
    """A table of every month (one query per build) and its table as shown, made once; a month range takes its
    rows (`queries.cut`)."""

    rows: pd.DataFrame
    table: pd.DataFrame


def monthly(view, name: str, *args) -> Monthly:
    rows = view.q(name, view.everything(), *args)
    return Monthly(rows, i18n.labelled(i18n.readable(rows, view.lang, keep=("fiscal_year",)), view.lang))


def months_of(view, name: str, *args) -> Monthly:
    """The rows of `monthly(view, name, *args)` in the view's months."""
    whole = cache.made(monthly, view.unfiltered(), name, *args)
    return queries.cut(whole, queries.months_kept(whole.rows, view.filters))


def encounter_parts(view, by: str, chosen: tuple) -> Parts | None:
    totals = months_of(view, "encounter_totals", by, chosen)
    if totals.rows.empty:
        return None
    chart = charts.encounter_chart(totals.rows, by, view.lang), describe.encounters(totals.rows, by, view.lang)
    return parts_of(view, chart, totals, f"encounters-by-{by}")


def parts_of(view, chart, shown: Monthly, name: str) -> Parts:
    return Parts(chart, shown.table, partial(citations.csv_bytes, shown.rows),
                 citations.download_name(name, view.suffix()))


def shown(view, parts: Parts, key: str, name: str) -> None:
    """A section's chart (if any) with its description, its table and its CSV download."""
    if parts.chart is not None:
        figure, description = parts.chart
        st.plotly_chart(figure, key=key, alt=description)
        st.caption(citations.md(description))
    st.dataframe(parts.table, hide_index=True, width="stretch")
    st.download_button(view.t("download_csv"), parts.csv, file_name=parts.file_name, mime="text/csv",
                       key=f"download-{name}", on_click="ignore")


def dimension_filter(view, name: str, dimension: str, values: list[str]) -> list[str]:
    label = view.t("dimension_filter", dimension=name)
    return st.multiselect(label, values, default=[], key=f"enc_{dimension}", bind="query-params",
                          placeholder=view.t("choose_many"))


def southwest_parts(view) -> Parts:
    shown = months_of(view, "southwest_comparison")
    comparison, chart = shown.rows, None
    if comparison["imported_total"].notna().any():
        chart = charts.southwest_chart(comparison, view.lang), describe.southwest(comparison, view.lang)
    return parts_of(view, chart, shown, "encounters-southwest-vs-record")


def southwest_block(view) -> None:
    st.subheader(view.t("southwest_header"))
    shown(view, cache.made(southwest_parts, view), "chart-southwest", "encounters-southwest-vs-record")
