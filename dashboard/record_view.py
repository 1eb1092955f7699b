"""The claim-vs-record section: CBP's official series, its revisions, and the claim check."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, citations, claims, describe
from dashboard.filters import month_key, month_label

CLAIM_COLUMNS = {
    "ref": "Ref", "metric_short": "Figure", "value_text": "Article", "is_derived": "Derived",
    "official_known": "CBP as known on article date", "known_on": "Observed",
    "official_latest": "CBP latest", "latest_on": "Latest observed",
    "diff_known_pct": "Article vs as-known (%)", "diff_latest_pct": "Article vs latest (%)", "verdict": "Verdict",
}
CLAIM_DOWNLOAD = [
    "ref", "figure_id", "metric", "value", "value_text", "unit", "period_start", "period_end", "actor_id",
    "is_derived", "derivation", "official_known", "known_value", "known_on", "official_latest", "latest_value",
    "latest_on", "first_value", "first_on", "diff_known_pct", "diff_latest_pct", "verdict", "cited_as", "quote",
    "source_title", "source_url",
]
SERIES_DOWNLOAD = [
    "month", "fiscal_year", "value", "observed_on", "vintage", "observed_in", "first_value", "first_observed_on",
    "latest_value", "latest_observed_on", "source_title", "source_publisher", "source_url", "source_licence",
]
NUMBER = st.column_config.NumberColumn(format="localized")


@st.fragment
def record_section(view) -> None:
    """Its own fragment: the switch, grouping and revision month rerun only this section."""
    st.header("Claim vs record: CBP's official monthly totals")
    article_day = view.q("article_date")
    controls = st.columns([2, 1, 2])
    basis = controls[0].segmented_control(
        "CBP's values as known on", ["latest", str(article_day)], default="latest", required=True,
        key="record", bind="query-params", help="Official figures are revised for months after release.",
    )
    as_of = None if basis == "latest" else article_day
    basis_label = "latest values" if as_of is None else f"as known on {as_of}"
    by_year = controls[1].toggle("Group by fiscal year", key="fy", bind="query-params")
    official = view.q("official_series", view.filters, as_of)
    claim_rows = claims.claim_table(view.q("claim_inputs", view.filters))
    series_block(view, official, claim_rows, basis_label, by_year)
    with controls[2]:
        month = revision_month(official)
    if month is not None:
        revisions_block(view, month)
    claim_block(view, claim_rows)


def series_block(view, official: pd.DataFrame, claim_rows: pd.DataFrame, basis: str, by_year: bool) -> None:
    if official.empty:
        st.info(f"No official figures in {view.filters.describe()}. Select us-cbp and widen the months.")
        return
    monthly = claim_rows[claim_rows["metric"] == "monthly_arrivals"]
    figure = cache.chart("fiscal_year_chart", official, basis) if by_year else cache.chart(
        "record_chart", official, monthly, view.colors, basis)
    description = describe.record(official, basis)
    st.plotly_chart(figure, key="chart-record", alt=description)
    st.caption(citations.md(description))
    st.caption("Calendar months; CBP counts by fiscal year (October–September). Shaded: months the article covers.")
    with st.expander(f"Data: {len(official)} months of CBP's record, {basis}"):
        st.dataframe(official[SERIES_DOWNLOAD[:6]], hide_index=True, width="stretch")
    st.download_button(
        "Download the official series (CSV)", official[SERIES_DOWNLOAD].to_csv(index=False).encode("utf-8"),
        file_name=citations.download_name(f"cbp-monthly-{basis.replace(' ', '-')}", view.suffix()),
        mime="text/csv", key="download-record", on_click="ignore",
    )


def revision_month(official: pd.DataFrame):
    """The month whose revision history to show, chosen by the reader (bound to the URL)."""
    if official.empty:
        return None
    keys = [month_key(m) for m in official["month"]]
    default = "2022-03" if "2022-03" in keys else keys[-1]
    picked = st.selectbox("Revision history of (month)", keys, index=keys.index(default), key="rev",
                          bind="query-params")
    return official["month"].iloc[keys.index(picked)] if picked in keys else None


def revisions_block(view, month) -> None:
    history = view.q("official_history", month)
    st.subheader(f"How CBP's figure for {month_label(month_key(month))} changed")
    left, right = st.columns([3, 2])
    left.plotly_chart(cache.chart("revisions_chart", history), key="chart-revisions")
    right.dataframe(history[["observed_on", "value", "change", "vintage", "note"]], hide_index=True, width="stretch",
                    column_config={"value": NUMBER, "change": st.column_config.NumberColumn(format="%+d")})
    right.download_button(
        "Download this history (CSV)", history.to_csv(index=False).encode("utf-8"),
        file_name=f"border-cbp-revisions_{month_key(month)}.csv", mime="text/csv", key="download-revisions",
        on_click="ignore",
    )


def claim_block(view, claim_rows: pd.DataFrame) -> None:
    st.subheader("Claim check: every article figure beside the record")
    if claim_rows.empty:
        st.info(f"No article figures to check in {view.filters.describe()}.")
        return
    for _, row in claim_rows[claim_rows["metric"].isin(["monthly_arrivals", "daily_arrivals"])].iterrows():
        st.markdown(f"**\\[{row['ref']}\\] {citations.md(row['metric_short'])}, "
                    f"{citations.md(row['value_text'])}**: {citations.md(row['verdict'])}")
    st.dataframe(claim_rows[list(CLAIM_COLUMNS)].rename(columns=CLAIM_COLUMNS), hide_index=True, width="stretch",
                 column_config={"CBP as known on article date": NUMBER, "CBP latest": NUMBER})
    st.download_button(
        "Download the claim check (CSV)", claim_rows[CLAIM_DOWNLOAD].to_csv(index=False).encode("utf-8"),
        file_name=citations.download_name("claim-check", view.suffix()), mime="text/csv",
        key="download-claims", on_click="ignore",
    )
