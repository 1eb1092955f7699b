"""The dashboard: `streamlit run dashboard/app.py`. A thin layout over the package."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import cache, charts, citations, describe, export, guards, i18n, live, report
from dashboard.citations import md
from dashboard.encounters_view import encounters_section
from dashboard.filters import Filters, month_key, ordered_range, period_text
from dashboard.queries import ARTICLE
from dashboard.record_view import findings, record_section

# Streamlit fixes `<html lang="en">` (streamlit/streamlit#15726); screen readers need the page's real language
# (WCAG 3.1.1). One constant script per supported language: no data, no user input ever reaches it.
SET_PAGE_LANG = {lang: f"<script>document.documentElement.lang = '{lang}';</script>" for lang in i18n.LANGS}


def language_switch() -> str:
    """English or Spanish, bound to the URL as `lang`; the label is in both. Sets the page's `lang`."""
    with st.sidebar:
        picked = st.segmented_control("Language · Idioma", list(i18n.LANGS), default="en", required=True,
                                      key="lang", bind="query-params")
        lang = i18n.lang_of(picked)
        st.html(SET_PAGE_LANG[lang], width="content", unsafe_allow_javascript=True)
    return lang


def sidebar_filters(builds: tuple, actor_names: dict[str, str], lang: str) -> Filters:
    months = cache.query(builds, "month_options")
    with st.sidebar:
        st.header(i18n.t(lang, "filters"))
        picked = st.select_slider(
            i18n.t(lang, "months"), options=months, value=(months[0], months[-1]), key="months",
            bind="query-params", help=i18n.t(lang, "months_help"),
        )
        chosen = actor_filter(actor_names, lang)
        st.caption(i18n.t(lang, "share_hint"))
    picked = picked if isinstance(picked, tuple | list) else (picked, picked)
    return Filters(*ordered_range(list(picked), months), tuple(chosen))


def actor_filter(actor_names: dict[str, str], lang: str) -> list[str]:
    """Actors shown by name, kept in the URL by id (`?actor=us-gov`, repeated).

    Streamlit's `bind="query-params"` would write the names shown (format_func) into the URL, which would break
    every link made so far and change with the language; so the ids are read from the URL once per session and
    written back after each change, and the default (every actor) leaves the URL clean, as `bind` did.
    """
    ids = list(actor_names)
    if "actor" not in st.session_state:
        wanted = [a for a in dict.fromkeys(st.query_params.get_all("actor")) if a in actor_names]
        st.session_state["actor"] = wanted or ids
    chosen = st.multiselect(i18n.t(lang, "actors"), options=ids, format_func=actor_names.__getitem__, key="actor",
                            help=i18n.t(lang, "actors_help"))
    in_url = None if set(chosen) == set(ids) or not chosen else chosen  # no actor cannot be a link: all
    if in_url != (st.query_params.get_all("actor") or None):
        if in_url is None:
            del st.query_params["actor"]
        else:
            st.query_params["actor"] = in_url
    return chosen


@dataclass(frozen=True)
class View:
    """What every section of one script run needs."""

    builds: tuple[str, str | None]
    filters: Filters
    colors: dict[str, str]
    all_actors: tuple[str, ...]
    lang: str = "en"

    def t(self, key: str, **values) -> str:
        """The message `key` in this run's language."""
        return i18n.t(self.lang, key, **values)

    def q(self, name: str, *args):
        """queries.<name>(cursor, *args) on this run's build, cached per build and arguments."""
        return cache.query(self.builds, name, *args)

    def figures(self, chart: str | None = None) -> pd.DataFrame:
        """The article's figures under the filters (one cached query), optionally one chart's."""
        rows = self.q("localized", "figures", self.lang, self.filters)
        return rows if chart is None else rows[rows["chart"] == chart].reset_index(drop=True)

    def everything(self) -> Filters:
        """The filters that hide nothing: every month and every actor."""
        first, last = self.month_range()
        return Filters(first, last, self.all_actors)

    def month_range(self) -> tuple[str, str]:
        months = self.q("month_options")
        return months[0], months[-1]

    def suffix(self) -> str:
        return self.filters.file_suffix(self.all_actors)


def downloads(view: View) -> None:
    """The whole view as a ZIP bundle (CSV, datapackage.json, citations, README) and as a static HTML report;
    both are made when clicked, not on every run."""
    with st.sidebar:
        st.subheader(view.t("download_everything_header"))
        st.download_button(
            view.t("download_everything"), partial(live.with_cursor, view.builds, export.bundle, view.filters,
                                                   view.lang),
            file_name=export.bundle_name(view.filters, view.all_actors), mime="application/zip",
            key="download-everything", on_click="ignore", help=view.t("download_everything_help"),
        )
        st.download_button(
            view.t("download_report"), partial(live.with_cursor, view.builds, report.report_html, view.filters,
                                               view.lang),
            file_name=f"border-migration-report_{view.suffix()}.html", mime="text/html",
            key="download-report", on_click="ignore", help=view.t("download_report_help"),
        )


def data_block(view: View, df: pd.DataFrame, chart: str) -> None:
    """The chart's rows as a table, and a download of exactly those rows with citations."""
    st.dataframe(citations.table_frame(df, view.lang), hide_index=True, width="stretch",
                 column_config=citations.pinned(view.lang, "ref", "value_text"))
    st.download_button(
        view.t("download_rows"), citations.download_csv(df),
        file_name=citations.download_name(chart, view.suffix()),
        mime="text/csv", key=f"download-{chart}", on_click="ignore",
    )


def chart_section(view: View, title: str, chart: str, metric_chart: str, builder: str) -> None:
    st.header(title)
    df = view.figures(metric_chart)
    if df.empty:
        st.info(view.t("no_figures_chart", filter=view.filters.describe(view.lang)))
        context_guard(view, df, metric_chart)
        return
    extra = (view.figures("timeline"),) if metric_chart in ("monthly", "daily") else ()
    described_chart(cache.chart(builder, df, view.colors, view.lang, *extra),
                    describe.BY_BUILDER[builder](df, view.lang, *extra), f"chart-{chart}")
    context_guard(view, df, metric_chart)
    if metric_chart == "timeline":
        st.caption(view.t("no_launch_date"))
    data_block(view, df, chart)


def context_guard(view: View, shown: pd.DataFrame, chart: str) -> None:
    """'Showing N of M months' (or figures) when the filters hide part of a chart, with a one-click reset."""
    every = view.q("figures", view.everything(), chart)
    hidden = len(every) - len(shown)
    if hidden <= 0:
        return
    if chart in ("monthly", "daily"):
        months, all_months = _months(shown), _months(every)
        text = view.t("showing_months", n=len(months), m=len(all_months), hidden=hidden)
    else:
        text = view.t("showing_figures", n=len(shown), m=len(every))
    guards.show(view, text, chart)


def _months(df: pd.DataFrame) -> list[str]:
    return sorted({month_key(d) for d in df["period_start"]})


def described_chart(figure, description: str, key: str) -> None:
    """A chart with its text description as alt text for screen readers, and shown under it."""
    st.plotly_chart(figure, key=key, alt=description)
    st.caption(md(description))


def enforcement_section(view: View) -> None:
    st.header(view.t("enforcement_actions"))
    df = view.figures("enforcement")
    if df.empty:
        st.info(view.t("no_figures_enforcement", filter=view.filters.describe(view.lang)))
        return
    context_guard(view, df, "enforcement")
    counted = charts.counted(df)
    kpi_cards(df.drop(counted.index), view.lang)
    if not counted.empty:
        described_chart(cache.chart("enforcement_bars", counted, view.colors, view.lang),
                        describe.enforcement(counted, view.lang), "chart-enforcement")
    data_block(view, df, "enforcement")


def kpi_cards(df: pd.DataFrame, lang: str) -> None:
    """Figures that are not counts of one unit (money, percentages, 'hundreds'), two to a row."""
    rows = [row for _, row in df.iterrows()]
    for start in range(0, len(rows), 2):
        for column, row in zip(st.columns(2), rows[start:start + 2], strict=False):
            column.metric(md(f"[{row['ref']}] {row['metric_short']}"), md(row["value_text"]), border=True,
                          help=kpi_help(row, lang))


def kpi_help(row: pd.Series, lang: str) -> str:
    period = period_text(row["period_start"], row["period_end"], lang)
    quote = citations.quoted(row["quote"], lang)
    return md(f"{row['metric_label']}. {quote} — {row['actor_name']}, {period}")


def cited_source_panel(view: View) -> None:
    st.header(view.t("sources_and_quotes"))
    sources = view.q("sources")
    direct = sources["source_id"].isin(view.q("figure_and_record_sources"))
    for _, source in sources[direct].iterrows():
        st.markdown(citations.source_markdown(source, view.lang))
    with st.expander(view.t("evidence_sources", n=int((~direct).sum()))):
        st.markdown("\n".join(f"- {citations.source_markdown(s, view.lang)}" for _, s in sources[~direct].iterrows()))
    shown = view.figures()
    st.caption(view.t("figures_shown", n=len(shown)))
    for _, row in shown.iterrows():
        st.markdown(citations.figure_markdown(row, view.lang))


def main() -> None:
    lang = language_switch()
    st.set_page_config(page_title=i18n.t(lang, "page_title"), layout="wide")
    builds = live.current_builds(lang)
    actor_table = cache.query(builds, "localized", "actors", lang)
    names = dict(zip(actor_table["actor_id"], actor_table["name"], strict=True))
    colors = charts.actor_colors(actor_table)
    view = View(builds, sidebar_filters(builds, names, lang), colors, tuple(names), lang)
    downloads(view)

    st.title(view.t("title"))
    article = view.q("sources").set_index("source_id").loc[ARTICLE]
    main_col, panel_col = st.columns([2, 1], gap="large")
    with main_col:
        findings(view)
        st.caption(view.t("intro", title=md(article["title"]), publisher=md(article["publisher"])))
        record_section(view)
        chart_section(view, view.t("monthly_arrivals"), "monthly-arrivals", "monthly", "monthly_arrivals")
        chart_section(view, view.t("daily_rate"), "daily-arrivals", "daily", "daily_rate")
        enforcement_section(view)
        chart_section(view, view.t("dated_events"), "events", "timeline", "timeline")
    with panel_col:
        cited_source_panel(view)
    encounters_section(view)


main()
