"""One chart alone, for another page's `<iframe>`: `?chart=<id>` (the id its CSV file is named after), under the
URL's `months`, `actor` and `lang`, with its citation inside, its description and a link to the whole dashboard.
With Streamlit's own `embed=true` nothing else is drawn: no sidebar, no tabs, no other section runs."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.check.cbp_breakdowns import CBP, DIMENSIONS
from dashboard.data.filters import Filters, ordered_range
from dashboard.present.citations import md
from dashboard.screen import caches, chart_frame, links
from dashboard.screen.article_view import CHARTS, article_parts
from dashboard.screen.cbp_view import breakdown_parts, southwest_parts
from dashboard.screen.record_view import series_parts
from dashboard.screen.view import Basics, View

# What an embed shows: (figure, description, sources, image file id), or None when the filters leave it empty.
Drawn = tuple[object, str, str, str] | None


def url_filters(known: Basics) -> Filters:
    """The filters a link gives, as the sidebar would read them: months in order and among those offered (all when
    none is), actors the build knows (all when none is)."""
    months = [m for m in st.query_params.get_all("months") if m in known.months]
    actors = tuple(a for a in dict.fromkeys(st.query_params.get_all("actor")) if a in known.names)
    return Filters(*ordered_range(months, known.months), actors or tuple(known.names))


def article_chart(chart: str) -> Callable[[View], Drawn]:
    def drawn(view: View) -> Drawn:
        parts = view.by_figures(article_parts).charts[chart]
        if parts.figure is None:
            return None
        return parts.figure, parts.description, caches.made(chart_frame.article_source, view.unfiltered()), chart
    return drawn


def enforcement(view: View) -> Drawn:
    parts = view.by_figures(article_parts).enforcement
    if parts is None or parts.chart is None:
        return None
    return *parts.chart, caches.made(chart_frame.article_source, view.unfiltered()), "enforcement"


def record(view: View) -> Drawn:
    parts = caches.made(series_parts, view, None, (view.t("basis_latest"), "latest"), False)
    return None if parts is None else (parts.figure, parts.description, parts.sources, parts.file_id)


def cbp_chart(dimension: str) -> Callable[[View], Drawn]:
    def drawn(view: View) -> Drawn:
        if not view.basics.has_encounters or CBP not in view.filters.actors:
            return None
        name = "map" if dimension == "aor" else dimension
        chart = caches.made(breakdown_parts, view, dimension).chart
        return *chart, caches.made(chart_frame.files_source, view.unfiltered()), f"cbp-southwest-{name}"
    return drawn


def southwest(view: View) -> Drawn:
    if not view.basics.has_encounters:
        return None
    chart = caches.made(southwest_parts, view).parts.chart
    if chart is None:
        return None
    sources = "; ".join((caches.made(chart_frame.files_source, view.unfiltered()),
                         caches.made(chart_frame.record_source, view.unfiltered())))
    return *chart, sources, "encounters-southwest-vs-record"


EMBEDS: dict[str, Callable[[View], Drawn]] = {
    **{key: article_chart(key) for key, _, _ in CHARTS}, "enforcement": enforcement, "cbp-monthly": record,
    **{f"cbp-southwest-{'map' if d == 'aor' else d}": cbp_chart(d) for d in DIMENSIONS},
    "encounters-southwest-vs-record": southwest,
}


def page(view: View, chart: str) -> None:
    """The chart `chart` alone (an unknown id or an empty chart says so in words)."""
    if chart not in EMBEDS:
        st.info(view.t("embed_unknown", charts=", ".join(EMBEDS)))
        return
    drawn = EMBEDS[chart](view)
    if drawn is None:
        st.info(view.t("embed_empty", filter=view.filter_text))
    else:
        figure, description, sources, file_id = drawn
        chart_frame.show(view, chart, figure, description, sources, embed=False, file_id=file_id)
    st.markdown(f"[{md(view.t('embed_open'))}]({links.public_address() or ''}?{links.query(view)})")
