"""The dashboard: `streamlit run dashboard/app.py`. A thin layout over the package."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.data.filters import Filters, ordered_range
from dashboard.outputs import bundle, report
from dashboard.screen import caches, connections, url_widgets
from dashboard.screen.article_view import article_parts, chart_section, cited_source_panel, enforcement_section
from dashboard.screen.cbp_view import encounters_section
from dashboard.screen.record_view import findings, record_section
from dashboard.screen.view import Basics, View, basics
from dashboard.words import i18n

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


def sidebar_filters(known: Basics, lang: str) -> Filters:
    months = known.months
    with st.sidebar:
        st.header(i18n.t(lang, "filters"))
        picked = st.select_slider(
            i18n.t(lang, "months"), options=months, value=(months[0], months[-1]), key="months",
            bind="query-params", help=i18n.t(lang, "months_help"),
        )
        chosen = url_widgets.choices(i18n.t(lang, "actors"), known.names, "actor", help=i18n.t(lang, "actors_help"),
                                     placeholder=i18n.t(lang, "choose_many"))
        st.caption(i18n.t(lang, "share_hint"))
    picked = picked if isinstance(picked, tuple | list) else (picked, picked)
    return Filters(*ordered_range(list(picked), months), tuple(chosen))


def downloads(view: View) -> None:
    """The whole view as a ZIP bundle (CSV, datapackage.json, citations, README) and as a static HTML report;
    both are made when clicked, not on every run."""
    with st.sidebar:
        st.subheader(view.t("download_everything_header"))
        st.download_button(
            view.t("download_everything"), partial(connections.with_cursor, view.builds, bundle.bundle, view.filters,
                                                   view.lang),
            file_name=bundle.bundle_name(view.filters, view.all_actors), mime="application/zip",
            key="download-everything", on_click="ignore", help=view.t("download_everything_help"),
        )
        st.download_button(
            view.t("download_report"), partial(connections.with_cursor, view.builds, report.report_html, view.filters,
                                               view.lang),
            file_name=f"border-migration-report_{view.suffix()}.html", mime="text/html",
            key="download-report", on_click="ignore", help=view.t("download_report_help"),
        )


def main() -> None:
    lang = language_switch()
    st.set_page_config(page_title=i18n.t(lang, "page_title"), layout="wide")
    builds = connections.current_builds(lang)
    known = basics(builds, lang)
    view = View(builds, sidebar_filters(known, lang), known, lang)
    downloads(view)

    st.title(view.t("title"))
    parts = view.by_figures(article_parts)
    main_col, panel_col = st.columns([2, 1], gap="large")
    with main_col:
        findings(view, parts.findings)
        st.caption(parts.intro)
        record_section(view, parts.claims)
        chart_section(view, view.t("monthly_arrivals"), "monthly-arrivals", parts.charts["monthly-arrivals"])
        chart_section(view, view.t("daily_rate"), "daily-arrivals", parts.charts["daily-arrivals"])
        enforcement_section(view, parts.enforcement)
        chart_section(view, view.t("dated_events"), "events", parts.charts["events"])
    with panel_col:
        cited_source_panel(view, parts.panel)
    encounters_section(view)
    caches.settle()


main()
