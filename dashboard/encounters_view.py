"""The imported CBP encounter data: monthly totals by dimension, and Southwest totals beside the record."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, citations
from dashboard.queries import ENCOUNTER_DIMENSIONS

HOW_TO_IMPORT = (
    "No CBP encounter data has been imported. Download CBP's encounter CSV files (one row per fiscal year, "
    "month, component, region, area of responsibility, demographic, citizenship, title and encounter type) "
    "and run `python -m dashboard import-cbp FILE.csv [FILE.csv ...]`, then reload this page."
)


@st.fragment
def encounters_section(view) -> None:
    st.header("CBP encounter records (imported)")
    if not view.q("has_encounters"):
        st.info(HOW_TO_IMPORT)
        return
    left, right = st.columns([1, 3])
    with left:
        by = st.selectbox("Group by", list(ENCOUNTER_DIMENSIONS), key="by", bind="query-params")
        chosen = tuple((d, tuple(dimension_filter(view, d))) for d in ENCOUNTER_DIMENSIONS)
    totals = view.q("encounter_totals", view.filters, by, chosen)
    with right:
        if totals.empty:
            st.info(f"No imported encounters in {view.filters.describe()} with these selections.")
        else:
            st.plotly_chart(cache.chart("encounter_chart", totals, by), key="chart-encounters")
            st.dataframe(totals, hide_index=True, width="stretch")
            download(totals, f"encounters-by-{by}", view)
        southwest_block(view)


def dimension_filter(view, dimension: str) -> list[str]:
    label = f"{dimension.title()} (none = all)"
    values = view.q("encounter_values", dimension)
    return st.multiselect(label, values, default=[], key=f"enc_{dimension}", bind="query-params")


def southwest_block(view) -> None:
    st.subheader("Southwest Land Border: imported data beside CBP's published monthly totals")
    comparison = view.q("southwest_comparison", view.filters)
    if comparison["imported_total"].notna().any():
        st.plotly_chart(cache.chart("southwest_chart", comparison), key="chart-southwest")
    st.dataframe(comparison, hide_index=True, width="stretch")
    download(comparison, "encounters-southwest-vs-record", view)


def download(df, name: str, view) -> None:
    st.download_button(
        "Download (CSV)", df.to_csv(index=False).encode("utf-8"),
        file_name=citations.download_name(name, view.suffix()), mime="text/csv", key=f"download-{name}",
        on_click="ignore",
    )
