"""The dashboard: `streamlit run dashboard/app.py`. A thin layout over the package."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import cache, charts, citations, describe, live
from dashboard.citations import md
from dashboard.encounters_view import encounters_section
from dashboard.filters import Filters, ordered_range, period_text
from dashboard.queries import ARTICLE
from dashboard.record_view import record_section


def sidebar_filters(builds: tuple, actor_names: dict[str, str]) -> Filters:
    months = cache.query(builds, "month_options")
    with st.sidebar:
        st.header("Filters")
        picked = st.select_slider(
            "Months", options=months, value=(months[0], months[-1]), key="months", bind="query-params",
            help="A figure shows when its period overlaps these months.",
        )
        chosen = st.multiselect(
            "Actors", options=list(actor_names), default=list(actor_names), key="actor", bind="query-params",
            help="Actor ids, as they appear in the page address.",
        )
        st.caption(" · ".join(f"{md(a)}: {md(n)}" for a, n in actor_names.items()))
        st.caption("The page address keeps these filters: copy it to share this view.")
    picked = picked if isinstance(picked, tuple | list) else (picked, picked)
    return Filters(*ordered_range(list(picked), months), tuple(chosen))


@dataclass(frozen=True)
class View:
    """What every section of one script run needs."""

    builds: tuple[str, str | None]
    filters: Filters
    colors: dict[str, str]
    all_actors: tuple[str, ...]

    def q(self, name: str, *args):
        """queries.<name>(cursor, *args) on this run's build, cached per build and arguments."""
        return cache.query(self.builds, name, *args)

    def figures(self, chart: str | None = None) -> pd.DataFrame:
        """The article's figures under the filters (one cached query), optionally one chart's."""
        rows = self.q("figures", self.filters)
        return rows if chart is None else rows[rows["chart"] == chart].reset_index(drop=True)

    def suffix(self) -> str:
        return self.filters.file_suffix(self.all_actors)


def data_block(view: View, df: pd.DataFrame, chart: str) -> None:
    """The chart's rows as a table, and a download of exactly those rows with citations."""
    st.dataframe(citations.table_frame(df), hide_index=True, width="stretch")
    st.download_button(
        "Download these rows with citations (CSV)", citations.download_csv(df),
        file_name=citations.download_name(chart, view.suffix()),
        mime="text/csv", key=f"download-{chart}", on_click="ignore",
    )


def chart_section(view: View, title: str, chart: str, metric_chart: str, builder: str) -> None:
    st.subheader(title)
    df = view.figures(metric_chart)
    if df.empty:
        st.info(f"No figures for this chart in {view.filters.describe()}. Widen the months or add actors.")
        return
    described_chart(cache.chart(builder, df, view.colors), describe.BY_BUILDER[builder](df), f"chart-{chart}")
    data_block(view, df, chart)


def described_chart(figure, description: str, key: str) -> None:
    """A chart with its text description as alt text for screen readers, and shown under it."""
    st.plotly_chart(figure, key=key, alt=description)
    st.caption(md(description))


def enforcement_section(view: View) -> None:
    st.subheader("Enforcement actions")
    df = view.figures("enforcement")
    if df.empty:
        st.info(f"No enforcement figures in {view.filters.describe()}. Widen the months or add actors.")
        return
    counted = df[df["value"].notna() & ~df["unit"].isin(charts.KPI_UNITS)]
    kpi_cards(df.drop(counted.index))
    if not counted.empty:
        described_chart(cache.chart("enforcement_bars", counted, view.colors), describe.enforcement(counted),
                        "chart-enforcement")
    data_block(view, df, "enforcement")


def kpi_cards(df: pd.DataFrame) -> None:
    """Figures that are not counts of one unit (money, percentages, 'hundreds'), two to a row."""
    rows = [row for _, row in df.iterrows()]
    for start in range(0, len(rows), 2):
        for column, row in zip(st.columns(2), rows[start:start + 2], strict=False):
            column.metric(md(f"[{row['ref']}] {row['metric_short']}"), md(row["value_text"]), border=True,
                          help=kpi_help(row))


def kpi_help(row: pd.Series) -> str:
    period = period_text(row["period_start"], row["period_end"])
    return md(f"{row['metric_label']}. “{row['quote']}” — {row['actor_name']}, {period}")


def cited_source_panel(view: View) -> None:
    st.subheader("Sources and quotes")
    for _, source in view.q("sources").iterrows():
        st.markdown(citations.source_markdown(source))
    shown = view.figures()
    st.caption(f"{len(shown)} figures shown; the number in brackets is the same in charts and tables.")
    for _, row in shown.iterrows():
        st.markdown(citations.figure_markdown(row))


def main() -> None:
    st.set_page_config(page_title="Border migration: the article's figures", layout="wide")
    builds = live.current_builds()
    actor_table = cache.query(builds, "actors")
    names = dict(zip(actor_table["actor_id"], actor_table["name"], strict=True))
    colors = charts.actor_colors(actor_table)
    view = View(builds, sidebar_filters(builds, names), colors, tuple(names))

    st.title("Migration at the Mexico–US border: the article's figures")
    article = view.q("sources").set_index("source_id").loc[ARTICLE]
    st.caption(f"Every number below comes from one article, “{md(article['title'])}” ({md(article['publisher'])}), "
               "and carries the words that state it; CBP's official record is set beside it further down.")
    main_col, panel_col = st.columns([2, 1], gap="large")
    with main_col:
        chart_section(view, "Monthly arrivals", "monthly-arrivals", "monthly", "monthly_arrivals")
        chart_section(view, "Daily arrival rate", "daily-arrivals", "daily", "daily_rate")
        enforcement_section(view)
        chart_section(view, "Dated events", "events", "timeline", "timeline")
    with panel_col:
        cited_source_panel(view)
    record_section(view)
    encounters_section(view)


main()
