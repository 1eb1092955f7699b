"""The claim-vs-record section: CBP's official series, its revisions, and the claim check."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard.check import claims
from dashboard.data import filters, queries
from dashboard.data.filters import month_key, month_label, named
from dashboard.present import charts, citations, describe
from dashboard.screen import caches, chart_frame, filter_guard, links, url_widgets
from dashboard.words import i18n

CLAIM_COLUMNS = ("ref", "metric_short", "value_text", "stated_by_name", "verdict_code", "closest_source",
                 "closest_when", "closest_value", "diff_closest_pct", "official_known", "known_on", "official_latest",
                 "latest_on", "diff_latest_pct", "verdict")
SERIES_DOWNLOAD = [
    "month", "fiscal_year", "value", "observed_on", "vintage", "observed_in", "first_value", "first_observed_on",
    "latest_value", "latest_observed_on", "source_title", "source_publisher", "source_url", "source_licence",
]


@st.fragment
def record_section(view) -> None:
    """Its own fragment: the switch, grouping and revision month rerun only this section."""
    st.header(view.t("record_header"))
    article_day = view.basics.article_day
    article_at, published = view.basics.article_moment
    moment = claims.when_text(published, "minute", view.lang)
    controls = st.columns(2)  # the switch with the grouping under it; the revision month: in a third of the
    # column, "Group by fiscal year" was cut to "Group by…"
    options = ["latest", str(article_day)]  # `?record=2022-06-15`: the article's minute, as links have always said
    basis = controls[0].segmented_control(
        view.t("record_switch"), options, default="latest", required=True,
        key="record", bind="query-params", help=view.t("record_switch_help", moment=moment),
        format_func=lambda option: view.t("latest_option") if option == "latest" else option,  # the URL's value
    )
    as_of = article_at if basis == str(article_day) else None  # an empty `?record=` clears the switch: latest
    basis_label = view.t("basis_latest") if as_of is None else view.t("basis_as_of", day=moment)
    by_year = controls[0].toggle(view.t("group_fy"), key="fy", bind="query-params")
    file_basis = "latest" if as_of is None else f"as-known-at-{article_day}-article"
    parts = caches.made(series_parts, view, as_of, (basis_label, file_basis), by_year)
    series_block(view, parts, basis_label)
    with controls[1]:
        month = revision_month({} if parts is None else parts.months, view.lang, view.basics.month_names)
    if month is not None:
        revisions_block(view, month)


def findings(view, lines: tuple[tuple[str, str], ...] | None) -> None:
    """The finding first: one line per checked article figure (derived ones are ours), arrivals first, with its
    verdict, the article's value, CBP's value at the article's minute and latest, and a link that opens the claim
    check tab at that figure, with the page's filters and language."""
    st.header(view.t("findings_header"))
    if lines is None:
        st.info(view.t("no_claims", filter=view.filter_text))
        return
    details, check = citations.md(view.t("details")), links.to_tab(view, "check")
    st.markdown("\n".join(f"- {line} · [{details}]({check}#{anchor(figure)})" for figure, line in lines))
    st.caption(view.t("findings_caption"))


def findings_text(view, ids: tuple[str, ...]) -> tuple[tuple[str, str], ...] | None:
    """The findings of figures `ids` as (figure id, markdown line), or None when no checked figure is among them."""
    shown = set(ids)
    picked = [figure for figure in caches.made(findings_order, view) if figure in shown]
    if not picked:
        return None
    lines = caches.made(per_figure, view, finding_line)
    return tuple((figure, lines[figure]) for figure in picked)


def findings_order(view) -> tuple[str, ...]:
    """Every checked figure the article states (not derived), arrivals first, then daily rates, then enforcement,
    each by ref: made once per build and language (`view` unfiltered); a set of figures keeps its own."""
    rows = claim_rows_of(view)
    rows = rows[~rows["is_derived"]]
    order = {"monthly": 0, "daily": 1, "enforcement": 2}
    return tuple(rows.assign(_order=rows["chart"].map(order)).sort_values(["_order", "ref"])["figure_id"])


def per_figure(view, function) -> dict:
    """function(view, row) for every checked figure, by figure id: made once per build and language, so a new
    set of figures only picks its lines."""
    return {row["figure_id"]: function(view, row) for _, row in claim_rows_of(view.unfiltered()).iterrows()}


def finding_line(view, row: pd.Series) -> str:
    """'**✓ Matches its source** — [1] “Arrivals” in a month, Mar 2022: article 221,000; CBP ... (details)'."""
    md, lang = citations.md, view.lang
    period = period_label(row["period_start"], row["period_end"], lang)
    line = (f"**{md(badge(view, row['verdict_code']))}** — \\[{row['ref']}\\] {md(row['metric_short'])}, "
            f"{md(period)}: {md(view.t('finding_article', value=row['value_text']))}")
    if pd.notna(row.get("latest_value")):
        known = view.t("not_yet_public") if pd.isna(row["official_known"]) else i18n.num(row["official_known"])
        line += md(view.t("finding_record", known=known, latest=i18n.num(row["official_latest"])))
    return line


def period_label(start, end, lang: str) -> str:
    """A whole calendar month as 'Mar 2022', any other period as its dates."""
    if start.day == 1 and end == filters.last_day(month_key(start)):
        return month_label(month_key(start), lang)
    return filters.period_text(start, end, lang)


class RecordSeries(NamedTuple):
    """CBP's series at one instant with what each month shows on the page: the chart's points and the table's
    readable row. Worked out once for the whole series (per build, language and instant); a view takes its rows."""

    rows: pd.DataFrame
    points: pd.DataFrame
    table: pd.DataFrame


def record_series(view, as_of) -> RecordSeries:
    rows = view.q("localized", "official_series", view.lang, view.everything(), as_of)
    return RecordSeries(rows, charts.record_points(rows, view.lang), series_table(rows, view.lang))


def _record_cut(view, as_of) -> RecordSeries:
    """The whole series' rows that fall under the filters (`queries.official_kept`). Only `series_parts` needs them,
    and it is made once per view."""
    whole = caches.made(record_series, view.unfiltered(), as_of)
    return queries.cut(whole, queries.official_kept(whole.rows, view.filters))


def series_table(official: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The record's table as shown: month to vintage, readable, with the column names in `lang`."""
    return i18n.labelled(i18n.readable(official[SERIES_DOWNLOAD[:6]], lang, keep=("fiscal_year",)), lang)


def claim_rows_of(view) -> pd.DataFrame:
    """The claim check of the figures under the filters, with their evidence."""
    return caches.claim_check(view.builds, view.figure_ids, view.lang)


class Download(NamedTuple):
    csv: Callable[[], bytes]  # made when the button is clicked, not on every run
    file_name: str


class SeriesParts(NamedTuple):
    figure: object
    description: str
    guard: str | None
    rows: int
    table: pd.DataFrame
    download: Download
    months: dict  # 'YYYY-MM' -> month, for the revision month's choice
    sources: str  # the chart's source line: CBP's record as of its latest value shown, and the article
    file_id: str  # the CSV's name, that the chart's image takes


def series_parts(view, as_of, bases: tuple[str, str], by_year: bool) -> SeriesParts | None:
    """The official series as a line with the article's points, or by fiscal year; its table and download."""
    (basis, file_basis), lang = bases, view.lang
    shown = _record_cut(view, as_of)
    official = shown.rows
    if official.empty:
        return None
    marks = view.by_figures(record_marks)
    figure = charts.fiscal_year_chart(official, basis, lang) if by_year else charts.record_figure(
        shown.points, marks, view.colors, basis, lang)
    description = describe.fiscal_years(official, basis, lang) if by_year else describe.record(
        official, basis, lang, charts.record_focus(marks, len(shown.points)))
    every = len(caches.made(record_series, view.unfiltered(), as_of).rows)  # the months public at that instant
    guard = view.t("showing_record_months", n=len(official), m=every) if len(official) < every else None
    download = Download(partial(series_csv, official),
                        citations.download_name(f"cbp-monthly-{file_basis}", view.suffix()))
    months = {month_key(m): m for m in official["month"]}
    sources = "; ".join((chart_frame.source_text(view, chart_frame.RECORD, chart_frame.latest(official["observed_on"])),
                         caches.made(chart_frame.article_source, view.unfiltered())))
    return SeriesParts(figure, description, guard, len(official), shown.table, download, months, sources,
                       f"cbp-monthly-{file_basis}")


def series_csv(official: pd.DataFrame) -> bytes:
    """The record's download: its columns chosen when the button is clicked, not for every range."""
    return citations.csv_bytes(official[SERIES_DOWNLOAD])


def record_marks(view, ids: tuple[str, ...]) -> charts.RecordMarks:
    """The article's monthly figures and dated events among `ids`, as the record chart marks them: made once per
    set of figures shown."""
    claim_rows = caches.shown_rows(claim_rows_of(view), ids)
    events = caches.shown_rows(view.figures("timeline"), ids)
    return charts.record_marks(claim_rows[claim_rows["metric"] == "monthly_arrivals"], view.colors, view.lang, events)


def series_block(view, parts: SeriesParts | None, basis: str) -> None:
    if parts is None:
        record = named(view.q("record_actors"), view.basics.names)
        st.info(view.t("no_official", filter=view.filter_text, record=record))
        return
    chart_frame.show(view, "cbp-monthly", parts.figure, parts.description, parts.sources, key="chart-record",
                     file_id=parts.file_id)
    st.caption(view.t("record_caption"))
    if parts.guard is not None:
        filter_guard.show(view, parts.guard, "record", in_fragment=True)
    with st.expander(view.t("record_data", months=view.t_n("months_n", parts.rows), basis=basis)):
        st.dataframe(parts.table, hide_index=True, width="stretch")
    st.download_button(view.t("download_official"), parts.download.csv, file_name=parts.download.file_name,
                       mime="text/csv", key="download-record", on_click="ignore")


def revision_month(months: dict, lang: str, names: dict[str, str]):
    """The month whose revision history to show, chosen by the reader (bound to the URL) among `months`
    ('YYYY-MM' -> month, those the record shows), each shown by its name in `names`."""
    if not months:
        return None
    keys = list(months)
    default = "2022-03" if "2022-03" in months else keys[-1]
    picked = url_widgets.choice(i18n.t(lang, "revision_of"), {k: names[k] for k in keys}, "rev",
                                default=default, placeholder=i18n.t(lang, "choose_one"))
    return months.get(picked)


class RevisionParts(NamedTuple):
    figure: object
    description: str
    table: pd.DataFrame
    download: Download
    sources: str


class Histories(NamedTuple):
    """Every month's history (`queries.official_histories`) and its table as shown, worked out once per build and
    language; a month takes its rows."""

    rows: pd.DataFrame
    table: pd.DataFrame


def histories(view) -> Histories:
    rows = view.q("official_histories")
    return Histories(rows, history_table(rows, view.lang))


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A history's table as shown: when observed, value, change (signed), vintage and note, readable."""
    return i18n.labelled(i18n.readable(history[["observed_on", "value", "change", "vintage", "note"]], lang,
                                       signed=("change",)), lang)


def revision_parts(view, month) -> RevisionParts:
    whole = caches.made(histories, view)
    history, table = queries.cut(whole, queries.history_kept(whole.rows, month))
    download = Download(partial(citations.csv_bytes, history), f"border-cbp-revisions_{month_key(month)}.csv")
    sources = chart_frame.source_text(view, chart_frame.RECORD, chart_frame.latest(history["observed_on"]))
    return RevisionParts(charts.revisions_chart(history, view.lang), describe.revisions(history, view.lang), table,
                         download, sources)


def revisions_block(view, month) -> None:
    parts = caches.made(revision_parts, view.unfiltered(), month)  # one month's history: the filters play no part
    st.subheader(view.t("revisions_header", month=month_label(month_key(month), view.lang)))
    # the column's width: no label cut
    chart_frame.show(view, "cbp-revisions", parts.figure, parts.description, parts.sources, key="chart-revisions",
                     embed=False, file_id=parts.download.file_name)
    st.dataframe(parts.table, hide_index=True, width="stretch")
    st.download_button(view.t("download_history"), parts.download.csv, file_name=parts.download.file_name,
                          mime="text/csv", key="download-revisions", on_click="ignore")


BADGES = {"matches": "✓", "rounded": "≈", "disputed": "⚖", "no_number": "?", "misread": "⚠", "differs": "✗",
          "unchecked": "–", "derived": "∑"}


class FigureCheck(NamedTuple):
    heading: str
    anchor: str
    verdict: str
    chain: str | None
    evidence_count: int
    evidence: str


class ClaimParts(NamedTuple):
    checks: tuple[FigureCheck, ...]
    table: pd.DataFrame
    pinned: dict
    csv: Callable[[], bytes]  # made when the button is clicked, not on every run


def claim_parts(view, ids: tuple[str, ...]) -> ClaimParts | None:
    """Each figure's check (verdict, provenance, evidence newest first), the table of all, and its CSV."""
    claim_rows = caches.shown_rows(claim_rows_of(view), ids)
    if claim_rows.empty:
        return None
    checks = caches.made(per_figure, view, figure_check)
    checks = tuple(checks[figure] for figure in claim_rows["figure_id"])
    pinned = {view.t(f"claim_col_{c}"): {"pinned": True} for c in ("ref", "value_text")}
    return ClaimParts(checks, claim_table_rows(view, ids), pinned,
                      partial(citations.csv_bytes, claim_rows[claims.DOWNLOAD]))


def claim_table_rows(view, ids: tuple[str, ...]) -> pd.DataFrame:
    """The claim table's rows of the figures `ids` (`view` unfiltered), in the check's order: every figure's row is
    made once per build and language (`claim_table`); a set of figures picks its rows."""
    return caches.picked(caches.made(claim_table, view), ids)


def claim_table(view) -> pd.DataFrame:
    """Every figure's claim check as the table shows it (`readable_claims`), indexed by figure id."""
    every = claim_rows_of(view)
    return readable_claims(every, view).set_axis(every["figure_id"].tolist())


def readable_claims(claim_rows: pd.DataFrame, view) -> pd.DataFrame:
    """Claim rows as the claim table shows them: its columns, a badge with each verdict, readable, named in the
    view's language."""
    table = i18n.readable(claims.for_reading(claim_rows)[list(CLAIM_COLUMNS)].assign(
        verdict_code=[badge(view, c) for c in claim_rows["verdict_code"]]), view.lang, keep=("ref",))
    return table.rename(columns={c: view.t(f"claim_col_{c}") for c in CLAIM_COLUMNS})


def claim_block(view, parts: ClaimParts | None) -> None:
    st.header(view.t("claim_header"))
    if parts is None:
        st.info(view.t("no_claims", filter=view.filter_text))
        return
    st.caption(view.t("claim_rule"))
    for check in parts.checks:
        st.subheader(check.heading, anchor=check.anchor)
        st.markdown(check.verdict)
        if check.chain is not None:
            st.caption(check.chain)
        if check.evidence_count:
            with st.expander(view.t_n("evidence_n", check.evidence_count)):
                st.markdown(check.evidence)
    st.dataframe(parts.table, hide_index=True, width="stretch", column_config=parts.pinned)
    st.download_button(view.t("download_claims"), parts.csv,
                       file_name=citations.download_name("claim-check", view.suffix()), mime="text/csv",
                       key="download-claims", on_click="ignore")


def anchor(figure_id: str) -> str:
    """The id of a figure's claim check on the page (figure ids are slugs)."""
    return f"claim-{figure_id}"


def badge(view, code: str) -> str:
    return f"{BADGES[code]} {view.t('code_' + code)}"


def figure_check(view, row: pd.Series) -> FigureCheck:
    """One figure: its verdict with a badge, where it came from, and its evidence newest first."""
    md = citations.md
    evidence = view.q("localized", "evidence", view.lang, view.everything())
    evidence = evidence[evidence["figure_id"] == row["figure_id"]]
    heading = (f"\\[{row['ref']}\\] {md(row['metric_short'])}, {md(row['value_text'])} · "
               f"{md(badge(view, row['verdict_code']))}")
    chain = md(view.t("chain", steps=row["chain"])) if row["chain"] else None
    lines = citations.evidence_lines(evidence, view.lang)
    verdict = md(claims.verdict_sentences(row, view.lang))
    return FigureCheck(heading, anchor(row["figure_id"]), verdict, chain, len(evidence), lines)
