"""The dashboard: `streamlit run dashboard/app.py`. A thin layout over the package."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.data.filters import Filters, ordered_range
from dashboard.outputs import bundle, report
from dashboard.screen import caches, chart_frame, connections, embeds, links, tabs, url_widgets
from dashboard.screen.article_view import article_parts, chart_section, enforcement_section, intro, sources_tab
from dashboard.screen.cbp_view import encounters_section
from dashboard.screen.record_view import claim_block, claim_parts, findings, findings_text, record_section
from dashboard.screen.view import Basics, View, basics
from dashboard.words import i18n

# Streamlit fixes `<html lang="en">` (streamlit/streamlit#15726); screen readers need the page's real language
# (WCAG 3.1.1). One constant script per supported language: no data, no user input ever reaches it.
SET_PAGE_LANG = {lang: f"<script>document.documentElement.lang = '{lang}';</script>" for lang in i18n.LANGS}


SIDEBAR_WIDTH = 380  # px


def language_switch() -> str:
    """English or Spanish, bound to the URL as `lang`; the label is in both. Sets the page's `lang`."""
    with st.sidebar:
        picked = st.segmented_control("Language · Idioma", list(i18n.LANGS), default="en", required=True,
                                      key="lang", bind="query-params")
        lang = i18n.lang_of(picked)
        st.html(SET_PAGE_LANG[lang], width="content", unsafe_allow_javascript=True)
    return lang


def sidebar_filters(known: Basics, lang: str) -> Filters:
    with st.sidebar:
        st.header(i18n.t(lang, "filters"))
        picked = url_widgets.span(i18n.t(lang, "months"), known.month_names, "months", help=i18n.t(lang, "months_help"))
        chosen = url_widgets.choices(i18n.t(lang, "actors"), known.names, "actor", help=i18n.t(lang, "actors_help"),
                                     placeholder=i18n.t(lang, "choose_many"))
    return Filters(*ordered_range(list(picked), known.months), tuple(chosen))


def share_link(view: View, tab: str) -> None:
    """At the sidebar's foot, the address of this view (its filters, language and tab) to copy: the public one when
    the app knows it (`links.public_address`)."""
    with st.sidebar:
        st.subheader(view.t("share_header"))
        st.caption(view.t("share_hint"))
        address = links.public_address()
        if address is not None:
            st.code(f"{address}?{links.query(view, tab=None if tab == tabs.TABS[0] else tab)}", language=None,
                    wrap_lines=True)


def image_format(view: View) -> None:
    """The format every chart's camera saves (bound to the URL as `img`): PNG by default, or SVG."""
    with st.sidebar:
        formats = [f.upper() for f in chart_frame.IMAGE_FORMATS]  # as shown, and as the URL keeps them: `?img=SVG`
        st.segmented_control(view.t("image_format"), formats, default=formats[0], required=True, key="img",
                             bind="query-params", help=view.t("image_format_help"))


def downloads(view: View) -> None:
    """The whole view as a ZIP bundle (CSV, datapackage.json, citations, README) and as a static HTML report;
    both are made when clicked, not on every run."""
    with st.sidebar:
        st.subheader(view.t("download_everything_header"))
        st.download_button(
            view.t("download_everything"), partial(connections.with_cursor, view.builds, bundle.bundle, view.filters,
                                                   view.lang, None, links.public_address()),
            file_name=bundle.bundle_name(view.filters, view.all_actors), mime="application/zip",
            key="download-everything", on_click="ignore", help=view.t("download_everything_help"),
        )
        st.download_button(
            view.t("download_report"), partial(connections.with_cursor, view.builds, report.report_html, view.filters,
                                               view.lang, links.public_address()),
            file_name=f"border-migration-report_{view.suffix()}.html", mime="text/html",
            key="download-report", on_click="ignore", help=view.t("download_report_help"),
        )


def found_tab(view: View) -> None:
    """What we found: one line per checked figure, then the official record the lines are checked against."""
    findings(view, view.by_figures(findings_text))
    st.caption(caches.made(intro, view.unfiltered()))
    record_section(view)


def article_tab(view: View) -> None:
    """The article's own figures: its monthly and daily charts, its enforcement figures and its dated events."""
    parts = view.by_figures(article_parts)
    chart_section(view, view.t("monthly_arrivals"), "monthly-arrivals", parts.charts["monthly-arrivals"])
    chart_section(view, view.t("daily_rate"), "daily-arrivals", parts.charts["daily-arrivals"])
    enforcement_section(view, parts.enforcement)
    chart_section(view, view.t("dated_events"), "events", parts.charts["events"])


TABS = {"found": found_tab, "check": lambda view: claim_block(view, view.by_figures(claim_parts)),
        "article": article_tab, "cbp": encounters_section, "sources": sources_tab}


def embedded(chart: str) -> None:
    """`?chart=<id>`: that chart alone, under the URL's filters and language; no sidebar, no tabs."""
    lang = i18n.lang_of(st.query_params.get("lang"))
    st.set_page_config(page_title=i18n.t(lang, "page_title"), layout="wide")
    st.html(SET_PAGE_LANG[lang], width="content", unsafe_allow_javascript=True)
    builds = connections.current_builds(lang)
    known = basics(builds, lang)
    embeds.page(View(builds, embeds.url_filters(known), known, lang), chart)


def main() -> None:
    if (chart := st.query_params.get("chart")) is not None:
        embedded(chart)
        return
    # Before the sidebar's first element: a sidebar wide enough for every actor's name on its chip ("National
    # Institute of Migration (INM)"); the title follows the language.
    st.set_page_config(layout="wide", initial_sidebar_state=SIDEBAR_WIDTH)
    lang = language_switch()
    st.set_page_config(page_title=i18n.t(lang, "page_title"))
    builds = connections.current_builds(lang)
    known = basics(builds, lang)
    view = View(builds, sidebar_filters(known, lang), known, lang)
    downloads(view)
    image_format(view)

    st.title(view.t("title"))
    tab, containers = tabs.tab_bar(lang)
    share_link(view, tab)
    with containers[tab]:  # only the open tab runs
        TABS[tab](view)
    caches.settle()


main()
