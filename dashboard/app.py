"""The dashboard: `streamlit run dashboard/app.py`. A thin layout over the package."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from dashboard import charts, citations, queries, store
from dashboard.filters import Filters, month_label, ordered_range

ARTICLE_URL = "https://mexicobusiness.news/policyandeconomy/news/new-migration-operation-launched-against-human-traffickers"


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(build_path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per store build, shared; each run takes its own cursor."""
    return duckdb.connect(build_path, read_only=True)


def run_cursor() -> duckdb.DuckDBPyConnection:
    return _connection(str(store.ensure_store())).cursor()


def sidebar_filters(cur: duckdb.DuckDBPyConnection, actor_names: dict[str, str]) -> Filters:
    months = queries.month_options(cur)
    with st.sidebar:
        st.header("Filters")
        picked = st.select_slider(
            "Months", options=months, value=(months[0], months[-1]), format_func=month_label,
            key="months", bind="query-params",
            help="A figure shows when its period overlaps these months.",
        )
        chosen = st.multiselect(
            "Actors", options=list(actor_names), default=list(actor_names),
            format_func=lambda a: actor_names.get(a, a), key="actor", bind="query-params",
        )
        st.caption("The page address keeps these filters: copy it to share this view.")
    picked = picked if isinstance(picked, tuple | list) else (picked, picked)
    return Filters(*ordered_range(list(picked), months), tuple(chosen))


def data_block(df: pd.DataFrame, chart: str, filters: Filters, all_actors: tuple[str, ...]) -> None:
    """The chart's rows as a table, and a download of exactly those rows with citations."""
    st.dataframe(citations.table_frame(df), hide_index=True, width="stretch")
    st.download_button(
        "Download these rows with citations (CSV)", citations.download_csv(df),
        file_name=citations.download_name(chart, filters.file_suffix(all_actors)),
        mime="text/csv", key=f"download-{chart}", on_click="ignore",
    )


def chart_section(df: pd.DataFrame, chart: str, figure, filters: Filters, all_actors) -> None:
    if df.empty:
        st.info(f"No figures for this chart in {filters.describe()}. Widen the months or add actors.")
        return
    st.plotly_chart(figure(df), key=f"chart-{chart}")
    data_block(df, chart, filters, all_actors)


def kpi_cards(df: pd.DataFrame) -> None:
    """Figures that are not counts of one unit (money, percentages, 'hundreds')."""
    rows = list(df.iterrows())
    for start in range(0, len(rows), 2):
        kpi_row(rows[start:start + 2])


def kpi_row(rows: list) -> None:
    for column, (_, row) in zip(st.columns(2), rows, strict=False):
        column.metric(
            f"[{row['ref']}] {row['metric_short']}", row["value_text"], border=True,
            help=f"{row['metric_label']}. “{row['quote']}” — {row['actor_name']}, {row['period_start']} to {row['period_end']}",
        )


def main() -> None:
    st.set_page_config(page_title="Border migration: the article's figures", layout="wide")
    cur = run_cursor()
    actor_table = queries.actors(cur)
    names = dict(zip(actor_table["actor_id"], actor_table["name"], strict=True))
    colors = charts.actor_colors(list(actor_table["name"]))
    filters = sidebar_filters(cur, names)
    all_actors = tuple(names)

    st.title("Migration at the Mexico–US border: the article's figures")
    st.caption(f"Every number below comes from [one article]({ARTICLE_URL}) and carries the words that state it.")
    main_col, panel_col = st.columns([2, 1], gap="large")
    with main_col:
        st.subheader("Monthly arrivals")
        chart_section(queries.figures(cur, filters, "monthly"), "monthly-arrivals",
                      lambda d: charts.month_bars(d, colors, "Monthly arrivals at the Mexico–US border (people)", "Arrivals (people)"),
                      filters, all_actors)
        st.subheader("Daily arrival rate")
        chart_section(queries.figures(cur, filters, "daily"), "daily-arrivals",
                      lambda d: charts.month_bars(d, colors, "Arrivals per day, by month (people per day)", "Arrivals per day (people)"),
                      filters, all_actors)
        enforcement_section(queries.figures(cur, filters, "enforcement"), colors, filters, all_actors)
        st.subheader("Dated events")
        chart_section(queries.figures(cur, filters, "timeline"), "events",
                      lambda d: charts.timeline(d, colors), filters, all_actors)
    with panel_col:
        cited_source_panel(cur, filters)


def enforcement_section(df: pd.DataFrame, colors, filters: Filters, all_actors) -> None:
    st.subheader("Enforcement actions")
    counted = df[df["value"].notna() & ~df["unit"].isin(charts.KPI_UNITS)]
    kpi_cards(df.drop(counted.index))
    if df.empty:
        st.info(f"No enforcement figures in {filters.describe()}.")
        return
    if not counted.empty:
        st.plotly_chart(charts.enforcement_bars(counted, colors), key="chart-enforcement")
    data_block(df, "enforcement", filters, all_actors)


def cited_source_panel(cur: duckdb.DuckDBPyConnection, filters: Filters) -> None:
    st.subheader("Sources and quotes")
    for _, source in queries.sources(cur).iterrows():
        st.markdown(citations.source_markdown(source))
    shown = queries.figures(cur, filters)
    st.caption(f"{len(shown)} figures shown; the number in brackets is the same in charts and tables.")
    for _, row in shown.iterrows():
        st.markdown(citations.figure_markdown(row))


main()
