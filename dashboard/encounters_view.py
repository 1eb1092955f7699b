"""The imported CBP encounter data: monthly totals by dimension, and Southwest totals beside the record."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, citations, describe, i18n
from dashboard.queries import ENCOUNTER_DIMENSIONS


@st.fragment
def encounters_section(view) -> None:
    st.header(view.t("enc_header"))
    if not view.q("has_encounters"):
        st.info(view.t("how_to_import"))
        return
    left, right = st.columns([1, 3])
    with left:
        by = st.selectbox(view.t("group_by"), list(ENCOUNTER_DIMENSIONS), key="by", bind="query-params")
        chosen = tuple((d, tuple(dimension_filter(view, d))) for d in ENCOUNTER_DIMENSIONS)
    totals = view.q("encounter_totals", view.filters, by, chosen)
    with right:
        if totals.empty:
            st.info(view.t("no_encounters", filter=view.filters.describe(view.lang)))
        else:
            description = describe.encounters(totals, by, view.lang)
            st.plotly_chart(cache.chart("encounter_chart", totals, by, view.lang), key="chart-encounters",
                            alt=description)
            st.caption(citations.md(description))
            st.dataframe(i18n.labelled(totals, view.lang), hide_index=True, width="stretch")
            download(totals, f"encounters-by-{by}", view)
        southwest_block(view)


def dimension_filter(view, dimension: str) -> list[str]:
    label = view.t("dimension_filter", dimension=view.t(f"dim_{dimension}").capitalize())
    values = view.q("encounter_values", dimension)
    return st.multiselect(label, values, default=[], key=f"enc_{dimension}", bind="query-params")


def southwest_block(view) -> None:
    st.subheader(view.t("southwest_header"))
    comparison = view.q("southwest_comparison", view.filters)
    if comparison["imported_total"].notna().any():
        description = describe.southwest(comparison, view.lang)
        st.plotly_chart(cache.chart("southwest_chart", comparison, view.lang), key="chart-southwest",
                        alt=description)
        st.caption(citations.md(description))
    st.dataframe(i18n.labelled(comparison, view.lang), hide_index=True, width="stretch")
    download(comparison, "encounters-southwest-vs-record", view)


def download(df, name: str, view) -> None:
    st.download_button(
        view.t("download_csv"), citations.csv_bytes(df),
        file_name=citations.download_name(name, view.suffix()), mime="text/csv", key=f"download-{name}",
        on_click="ignore",
    )
