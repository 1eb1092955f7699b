"""The article's own sections: its charts with their tables and downloads, the enforcement cards, and the
cited-source panel. Each section's finished parts are made once per view (`caches.made`); a run only shows them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard.data.filters import month_key, period_text
from dashboard.data.queries import ARTICLE
from dashboard.present import charts, citations, describe
from dashboard.present.citations import md
from dashboard.screen import caches, chart_frame, filter_guard
from dashboard.screen.record_view import BADGES, badge
from dashboard.screen.view import View


class Table(NamedTuple):
    """A chart's rows as shown (readable table) and as downloaded (CSV with citations; its file is named after
    the view's filters when shown)."""

    frame: pd.DataFrame
    csv: Callable[[], bytes]  # made when the button is clicked, not on every run


class Drawing(NamedTuple):
    """What a set of figures looks like on a chart: the figure, its description, its table and CSV."""

    figure: object
    description: str
    frame: pd.DataFrame
    csv: Callable[[], bytes]  # made when the button is clicked, not on every run


def drawing(view: View, rows: pd.DataFrame, builder: str | None, extra: pd.DataFrame | None = None) -> Drawing:
    """The figures `rows` drawn once per build, language and set of figures: month ranges that show the same
    figures share it (`caches.made` on the unfiltered view, keyed on the figure ids)."""
    ids = tuple(rows["figure_id"])
    extra_ids = None if extra is None else tuple(extra["figure_id"])
    return caches.made(_drawing, view.unfiltered(), builder, ids, extra_ids)


def _drawing(view: View, builder: str | None, ids: tuple[str, ...], extra_ids: tuple[str, ...] | None) -> Drawing:
    every = view.figures()
    rows = caches.shown_rows(every, ids)
    extra = () if extra_ids is None else (caches.shown_rows(every, extra_ids),)
    figure = description = None
    if builder is not None:
        figure = getattr(charts, builder)(rows, view.colors, view.lang, *extra)
        description = describe.BY_BUILDER[builder](rows, view.lang, *extra)
    return Drawing(figure, description, table_rows(view, ids), partial(citations.download_csv, rows))


def table_rows(view: View, ids: tuple[str, ...]) -> pd.DataFrame:
    """The readable table's rows of the figures `ids` (`view` unfiltered), in the order of all figures: every
    figure's row is made once per build and language (`figure_table`); a set of figures only picks its rows."""
    return caches.picked(caches.made(figure_table, view), ids)


def figure_table(view: View) -> pd.DataFrame:
    """Every figure as the chart tables show it (`citations.table_frame`), indexed by figure id."""
    every = view.figures()
    return citations.table_frame(every, view.lang).set_axis(every["figure_id"].tolist())


def data_block(view: View, table: Table, chart: str) -> None:
    """The chart's rows as a table, and a download of exactly those rows with citations."""
    st.dataframe(table.frame, hide_index=True, width="stretch",
                 column_config=citations.pinned(view.lang, "ref", "value_text"))
    st.download_button(view.t("download_rows"), table.csv, file_name=citations.download_name(chart, view.suffix()),
                       mime="text/csv", key=f"download-{chart}", on_click="ignore")


class ChartParts(NamedTuple):
    """One article chart: figure, description and table (None when the filters leave it empty) and its guard; the
    timeline also carries the evidence on its events (how many pieces, and their lines)."""

    figure: object
    description: str | None
    guard: str | None
    table: Table | None
    evidence: tuple[int, str] | None = None


# The article's charts: (chart key on the page, the figures' `chart`, the builder in dashboard/present/charts.py).
CHARTS = (("monthly-arrivals", "monthly", "monthly_arrivals"), ("daily-arrivals", "daily", "daily_rate"),
          ("events", "timeline", "timeline"))


def chart_parts(view: View, ids: tuple[str, ...], metric_chart: str, builder: str) -> ChartParts:
    """The chart of the figures `ids` (view unfiltered) drawn on `metric_chart`."""
    df = shown_of(view, ids, metric_chart)
    if df.empty:
        return ChartParts(None, None, guard_text(view, df, metric_chart), None)
    events = shown_of(view, ids, "timeline") if metric_chart in ("monthly", "daily") else None
    drawn = drawing(view, df, builder, events)
    evidence = event_evidence(view, df["figure_id"]) if metric_chart == "timeline" else None
    return ChartParts(drawn.figure, drawn.description, guard_text(view, df, metric_chart),
                      Table(drawn.frame, drawn.csv), evidence)


def event_evidence(view: View, figure_ids: pd.Series) -> tuple[int, str] | None:
    """What other sources say about the dated events shown, each line led by its event's number. Events have no
    claim check, so this is where a reader finds, say, that HRW's stored words do not hold the article's quote."""
    evidence = view.q("localized", "evidence", view.lang, view.everything())
    rows = evidence[evidence["figure_id"].isin(figure_ids)]
    if rows.empty:
        return None
    return len(rows), citations.evidence_lines(rows, view.lang, numbered=True)


def shown_of(view: View, ids: tuple[str, ...], chart: str) -> pd.DataFrame:
    """The figures `ids` drawn on `chart`, in the order of all that chart's figures."""
    return caches.shown_rows(view.figures(chart), ids)


def chart_section(view: View, title: str, chart: str, parts: ChartParts) -> None:
    st.header(title)
    metric_chart = next(metric for key, metric, _ in CHARTS if key == chart)
    if parts.table is None:
        st.info(view.t("no_figures_chart", filter=view.filter_text))
        context_guard(view, parts.guard, metric_chart)
        return
    chart_frame.show(view, chart, parts.figure, parts.description, caches.made(chart_frame.article_source,
                                                                                view.unfiltered()))
    context_guard(view, parts.guard, metric_chart)
    if metric_chart == "timeline":
        st.caption(view.t("no_launch_date"))
    if parts.evidence is not None:
        with st.expander(view.t_n("evidence_events", parts.evidence[0])):
            st.markdown(parts.evidence[1])
    data_block(view, parts.table, chart)


def guard_text(view: View, shown: pd.DataFrame, chart: str) -> str | None:
    """'Showing N of M months' (or figures) when the filters hide part of a chart; None when nothing is hidden."""
    every = view.q("figures", view.everything(), chart)
    hidden = len(every) - len(shown)
    if hidden <= 0:
        return None
    if chart in ("monthly", "daily"):
        months, all_months = _months(shown), _months(every)
        return view.t("showing_months", n=len(months), m=len(all_months), hidden=view.t_n("figures_n", hidden))
    return view.t("showing_figures", n=len(shown), m=len(every))


def context_guard(view: View, text: str | None, chart: str) -> None:
    """The guard's sentence and its one-click reset, when the filters hide part of a chart."""
    if text is not None:
        filter_guard.show(view, text, chart)


def _months(df: pd.DataFrame) -> list[str]:
    return sorted({month_key(d) for d in df["period_start"]})


class EnforcementParts(NamedTuple):
    guard: str | None
    cards: tuple[tuple[str, str, str], ...]
    chart: tuple[object, str] | None
    table: Table


def enforcement_parts(view: View, ids: tuple[str, ...]) -> EnforcementParts | None:
    df = shown_of(view, ids, "enforcement")
    if df.empty:
        return None
    counted = charts.counted(df)
    chart = None if counted.empty else drawing(view, counted, "enforcement_bars")[:2]
    rows = drawing(view, df, None)
    return EnforcementParts(guard_text(view, df, "enforcement"), kpi_cards_of(df.drop(counted.index), view.lang),
                            chart, Table(rows.frame, rows.csv))


def enforcement_section(view: View, parts: EnforcementParts | None) -> None:
    st.header(view.t("enforcement_actions"))
    if parts is None:
        st.info(view.t("no_figures_enforcement", filter=view.filter_text))
        return
    context_guard(view, parts.guard, "enforcement")
    kpi_cards(parts.cards)
    if parts.chart is not None:
        chart_frame.show(view, "enforcement", *parts.chart, caches.made(chart_frame.article_source,
                                                                         view.unfiltered()))
    data_block(view, parts.table, "enforcement")


def kpi_cards_of(df: pd.DataFrame, lang: str) -> tuple[tuple[str, str, str], ...]:
    """Figures that are not counts of one unit (money, percentages, 'hundreds') as (label, value, help)."""
    return tuple((md(f"[{row['ref']}] {row['metric_short']}"), md(row["value_text"]), kpi_help(row, lang))
                 for _, row in df.iterrows())


def kpi_cards(cards: tuple[tuple[str, str, str], ...]) -> None:
    """The cards, two to a row."""
    for start in range(0, len(cards), 2):
        for column, (label, value, help_) in zip(st.columns(2), cards[start:start + 2], strict=False):
            column.metric(label, value, border=True, help=help_)


def kpi_help(row: pd.Series, lang: str) -> str:
    period = period_text(row["period_start"], row["period_end"], lang)
    quote = citations.quoted(row["quote"], lang)
    return md(f"{row['metric_label']}. {quote} — {row['actor_name']}, {period}")


class PanelParts(NamedTuple):
    direct: tuple[str, ...]
    evidence_count: int
    evidence: str
    figures_count: int
    figures: tuple[str, ...]


def panel_parts(view: View, ids: tuple[str, ...]) -> PanelParts:
    lines = caches.made(figure_lines, view)
    return PanelParts(*caches.made(source_lines, view), len(ids), tuple(lines[figure] for figure in ids))


def source_lines(view: View) -> tuple[tuple[str, ...], int, str]:
    """The panel's sources, the same for every set of figures (made once per build and language): those the
    figures and the record cite, one line each; how many others there are, and their list."""
    sources = view.q("localized", "sources", view.lang)
    direct = sources["source_id"].isin(view.q("figure_and_record_sources"))
    return (tuple(citations.source_markdown(s, view.lang) for _, s in sources[direct].iterrows()),
            int((~direct).sum()),
            "\n".join(f"- {citations.source_markdown(s, view.lang)}" for _, s in sources[~direct].iterrows()))


def figure_lines(view: View) -> dict[str, str]:
    """Every figure's line in the panel, by id (made once per build and language)."""
    every = view.basics.figures
    refs = dict(zip(every["figure_id"], every["ref"], strict=True))
    return {row["figure_id"]: citations.figure_markdown(row, view.lang, refs) for _, row in view.figures().iterrows()}


def cited_source_panel(view: View, parts: PanelParts) -> None:
    st.header(view.t("sources_and_quotes"))
    for line in parts.direct:
        st.markdown(line)
    with st.expander(view.t("evidence_sources", n=parts.evidence_count)):
        st.markdown(parts.evidence)
    st.caption(view.t_n("figures_shown", parts.figures_count))
    for line in parts.figures:
        st.markdown(line)


def intro(view: View) -> str:
    article = view.q("sources").set_index("source_id").loc[ARTICLE]
    return " ".join((view.t("intro", title=md(article["title"]), publisher=md(article["publisher"])),
                     view.t("intro_page")))


class ArticleParts(NamedTuple):
    """The article's tab: its charts and enforcement figures. The filters choose it only through the figures they
    show, so it is made once per set of figures (`View.by_figures`): a new month range showing figures shown before
    costs one cache lookup for all of it."""

    charts: dict[str, ChartParts]
    enforcement: EnforcementParts | None


def article_parts(view: View, ids: tuple[str, ...]) -> ArticleParts:
    """The parts for the figures `ids`, `view` unfiltered (`View.by_figures(article_parts)`)."""
    return ArticleParts({chart: chart_parts(view, ids, metric, builder) for chart, metric, builder in CHARTS},
                        enforcement_parts(view, ids))


def sources_tab(view: View) -> None:
    """Sources and method: the cited-source panel, then how the verdicts are worked out and what each one means."""
    cited_source_panel(view, view.by_figures(panel_parts))
    st.header(view.t("method_header"))
    for paragraph in caches.made(method, view.unfiltered()):
        st.markdown(paragraph)
    st.caption(view.t("cbp_not_people"))


def method(view: View) -> tuple[str, str, str]:
    """How verdicts are worked out: the rule, the time rule, what each verdict means (once per language)."""
    return (md(view.t("claim_rule")), md(view.t("record_switch_help", moment=view.basics.article_moment[1])),
            "\n".join(f"- {md(badge(view, code))}: {md(view.t(f'method_{code}'))}" for code in BADGES))
