"""CBP's own encounter data: which file each month comes from, who the article's "arrivals" were (the Southwest
encounters of the article's months by component, title of authority, demographic, citizenship and place, with a
map), the rows beside CBP's published totals, and the imported data by month and dimension."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard.check import cbp_breakdowns
from dashboard.check.cbp_breakdowns import CBP, DIMENSIONS, days
from dashboard.data import map_places, queries, store
from dashboard.data.filters import month_key, month_label
from dashboard.data.queries import ENCOUNTER_DIMENSIONS
from dashboard.present import charts, citations, describe
from dashboard.screen import caches, chart_frame, url_widgets
from dashboard.words import i18n


@st.fragment
def encounters_section(view) -> None:
    st.header(view.t("enc_header"))
    if not view.basics.has_encounters:
        st.info(view.t("how_to_import"))
        return
    if CBP not in view.filters.actors:
        st.info(view.t("cbp_actor_hidden", actor=view.basics.names.get(CBP, CBP)))
        return
    who = caches.made(who_parts, view)
    for line in who.provenance:
        st.caption(line)
    st.caption(view.t("cbp_not_people"))
    who_block(view, who)
    southwest_block(view)
    by_dimension_block(view)


class Parts(NamedTuple):
    chart: tuple[object, str] | None
    table: pd.DataFrame
    csv: Callable[[], bytes]  # made when the button is clicked, not on every run
    file_name: str


class Who(NamedTuple):
    """The CBP section's parts for one view: where each month comes from, the months shown, the article's figures
    beside the rows, and each breakdown's finding (none when the rows do not cover the months); each breakdown's
    chart and table are made when its tab is open (`breakdown_parts`)."""

    provenance: list[str]
    months: str
    ties: list[str]
    findings: tuple[tuple[str, str], ...]  # (dimension, finding), in page order


class Monthly(NamedTuple):
    """A table of every month (one query per build) and its table as shown, made once; a month range takes its
    rows (`queries.cut`)."""

    rows: pd.DataFrame
    table: pd.DataFrame


def monthly(view, name: str, *args) -> Monthly:
    rows = view.q(name, view.everything(), *args)
    return Monthly(rows, i18n.labelled(i18n.readable(rows, view.lang, keep=("fiscal_year",)), view.lang))


def months_of(view, name: str, *args) -> Monthly:
    """The rows of `monthly(view, name, *args)` in the view's months."""
    whole = caches.made(monthly, view.unfiltered(), name, *args)
    return queries.cut(whole, queries.months_kept(whole.rows, view.filters))


def cbp_months(view) -> tuple[str, str, bool]:
    """The months the breakdowns sum, and whether they are the default (`cbp_breakdowns.breakdown_months`)."""
    return cbp_breakdowns.breakdown_months((view.filters.month_from, view.filters.month_to), view.month_range(),
                                           view.basics.figures)


def provenance_lines(view) -> list[str]:
    """One line per run of months that come from the same file: the months, the file, its date and its source."""
    files = view.q("encounter_files")
    runs = (files["file_name"] != files["file_name"].shift()).cumsum()
    lines = []
    for _, run in files.groupby(runs, sort=False):
        row = run.iloc[0]
        span = describe.span_of([month_key(m) for m in run["month"]], view.lang)
        link = citations.safe_link(row["source_url"]) if isinstance(row["source_url"], str) else ""
        source = f"[{citations.md(row['source_title'])}]({link})" if link else view.t("source_unlisted")
        lines.append(view.t("cbp_from_file", span=span, file=citations.md(row["file_name"]),
                            how=view.t(f"dated_{row['dated_how']}"), dated=str(row["dated"]), source=source))
    return lines


def who_parts(view) -> Who:
    first, last, default = cbp_months(view)
    months = view.t("cbp_months_default" if default else "cbp_months_chosen", span=span_text(view))
    if cbp_breakdowns.months_of(view.q("southwest_breakdowns"), *days(first, last)).empty:
        return Who(provenance_lines(view), months, [], ())
    when = describe.period(first, last, view.lang)
    findings = tuple((d, describe.finding(caches.made(share_table, view, d), d, when, view.lang)) for d in DIMENSIONS)
    return Who(provenance_lines(view), months, ties(view, first, last), findings)


def span_text(view) -> str:
    first, last, _ = cbp_months(view)
    return describe.span_of(list(dict.fromkeys([first, last])), view.lang)


def share_table(view, dimension: str) -> pd.DataFrame:
    """One breakdown of the view's months (`cbp_breakdowns.shares`), each category with its `label` as shown."""
    first, last, _ = cbp_months(view)
    table = cbp_breakdowns.shares(view.q("southwest_breakdowns"), dimension, *days(first, last))
    table["label"] = [label(view, dimension, c, n) for c, n in i18n.rows_of(table, "category", "categories")]
    return table


def breakdown_parts(view, dimension: str) -> Parts:
    """One breakdown's chart (the places': the map), description, table and CSV: made when its tab is open."""
    first, last, _ = cbp_months(view)
    table, span = caches.made(share_table, view, dimension), span_text(view)
    if dimension == "aor":
        return map_parts(view, table, first, last, span)
    by = view.t(f"dim_{dimension}")
    figure = charts.share_bars(table, view.t("chart_share", by=by, span=span), view.lang)
    shown_table = table[["label", "encounters", "share"]].assign(share=[f"{i18n.num(s, 1)}%" for s in table["share"]])
    download = partial(breakdown_csv, table, dimension, first, last, citation(view, first, last))
    return Parts((figure, describe.shares(table, by, span, view.lang)),
                 i18n.labelled(i18n.readable(shown_table.rename(columns={"label": "category"}), view.lang), view.lang),
                 download, citations.download_name(f"cbp-southwest-by-{dimension}", view.suffix()))


def label(view, dimension: str, category: str, categories: int) -> str:
    """A category as the page names it: CBP's words, citizenships in title case, the rest of the citizenships in
    words."""
    if category == cbp_breakdowns.REST:
        return view.t("cbp_rest", n=categories)
    return category.title() if dimension == "citizenship" else category


def citation(view, first: str, last: str) -> dict[str, str]:
    """The citation columns of a download of these months (`cbp_breakdowns.cited`)."""
    return cbp_breakdowns.cited(view.q("encounter_files"), *days(first, last))


def breakdown_csv(table: pd.DataFrame, dimension: str, first: str, last: str, cited: dict[str, str]) -> bytes:
    return citations.csv_bytes(cbp_breakdowns.download(table.assign(dimension=dimension), first, last, cited))


def ties(view, first: str, last: str) -> list[str]:
    """The article's monthly totals in these months beside what CBP's rows add up to for the same month."""
    whole = caches.made(monthly, view.unfiltered(), "southwest_comparison").rows
    figures = view.figures()
    start, end = days(first, last)
    figures = figures[(figures["period_start"] >= start) & (figures["period_start"] <= end)]
    beside = cbp_breakdowns.article_beside_rows(figures, whole)
    return [view.t("cbp_article_tie", ref=ref, month=month_label(month_key(month), view.lang), value=text,
                   rows=i18n.num(rows), difference=f"{difference:+,.0f}", percent=describe.signed_percent(percent))
            for ref, month, text, rows, difference, percent in
            i18n.rows_of(beside, "ref", "month", "value_text", "rows_total", "difference", "percent")]


def map_parts(view, table: pd.DataFrame, first: str, last: str, span: str) -> Parts:
    """The places' breakdown (`table`) on the map: each area at its place (data/cbp/places.csv)."""
    table = table.merge(map_places.places(store.data_dir()), left_on="category", right_on="aor", how="left")
    table["place"] = table["place"].fillna(view.t("not_on_map"))
    drawn = table.dropna(subset=["lat"])
    figure = charts.border_map(drawn, map_places.outlines(store.data_dir()), view.t("chart_map", span=span), view.lang)
    description = describe.border_map(drawn, span, view.lang) + " " + view.t("map_credits")
    shown = table[["category", "component", "encounters", "share", "place", "basis"]].assign(
        share=[f"{i18n.num(s, 1)}%" for s in table["share"]]).rename(columns={"place": "drawn_at"})
    download = partial(map_csv, table, first, last, citation(view, first, last))
    return Parts((figure, description), i18n.labelled(i18n.readable(shown, view.lang), view.lang), download,
                 citations.download_name("cbp-southwest-map", view.suffix()))


def map_csv(table: pd.DataFrame, first: str, last: str, cited: dict[str, str]) -> bytes:
    out = table.assign(month_from=first, month_to=last, unit=cbp_breakdowns.UNIT, **cited)
    out = out.rename(columns={"category": "area_of_responsibility", "place": "drawn_at", "share": "share_percent"})
    return citations.csv_bytes(out[["month_from", "month_to", "area_of_responsibility", "component", "encounters",
                                    "share_percent", "unit", "drawn_at", "lat", "lon", "basis", "basis_url",
                                    *cbp_breakdowns.CITATION]])


def who_block(view, who: Who) -> None:
    st.subheader(view.t("cbp_who_header"))
    st.caption(who.months)
    if not who.findings:
        st.info(view.t("cbp_no_rows", span=who.months))
        return
    for line in who.ties:
        st.markdown(citations.md(line))
    st.markdown("\n".join(f"- **{citations.md(finding)}**" for _, finding in who.findings))
    names = [view.t(f"dim_{d}").capitalize() for d, _ in who.findings[:-1]] + [view.t("tab_places")]
    # Only the open tab's chart and table are made and drawn: switching tabs reruns this section.
    for tab, (dimension, _) in zip(st.tabs(names, key="cbp_tab", on_change="rerun"), who.findings, strict=True):
        if tab.open:
            with tab:
                name = "map" if dimension == "aor" else dimension
                shown(view, caches.made(breakdown_parts, view, dimension), f"chart-cbp-{name}", f"cbp-southwest-{name}")


def by_dimension_block(view) -> None:
    st.subheader(view.t("enc_by_dimension"))
    left, right = st.columns([1, 3])
    with left:
        names = {d: view.t(f"dim_{d}").capitalize() for d in ENCOUNTER_DIMENSIONS}  # shown; the URL keeps the ids
        by = url_widgets.choice(view.t("group_by"), names, "by", placeholder=view.t("choose_one"))
        values = view.basics.dimension_values
        chosen = tuple((d, tuple(dimension_filter(view, names[d], d, values[d]))) for d in ENCOUNTER_DIMENSIONS)
    with right:
        parts = caches.made(encounter_parts, view, by, chosen)
        if parts is None:
            st.info(view.t("no_encounters", filter=view.filter_text))
        else:
            shown(view, parts, "chart-encounters", f"encounters-by-{by}")


def encounter_parts(view, by: str, chosen: tuple) -> Parts | None:
    totals = months_of(view, "encounter_totals", by, chosen)
    if totals.rows.empty:
        return None
    chart = charts.encounter_chart(totals.rows, by, view.lang), describe.encounters(totals.rows, by, view.lang)
    return parts_of(view, chart, totals, f"encounters-by-{by}")


def parts_of(view, chart, shown: Monthly, name: str) -> Parts:
    return Parts(chart, shown.table, partial(citations.csv_bytes, shown.rows),
                 citations.download_name(name, view.suffix()))


def shown(view, parts: Parts, key: str, name: str, record: bool = False) -> None:
    """A section's chart (if any) with its description and citation (CBP's files; and CBP's published totals
    when `record`), its table and its CSV download."""
    if parts.chart is not None:
        sources = caches.made(chart_frame.files_source, view.unfiltered())
        if record:
            sources += "; " + caches.made(chart_frame.record_source, view.unfiltered())
        chart_frame.show(view, name, *parts.chart, sources, key=key)
    st.dataframe(parts.table, hide_index=True, width="stretch")
    st.download_button(view.t("download_csv"), parts.csv, file_name=parts.file_name, mime="text/csv",
                       key=f"download-{name}", on_click="ignore")


def dimension_filter(view, name: str, dimension: str, values: list[str]) -> list[str]:
    label = view.t("dimension_filter", dimension=name)
    return st.multiselect(label, values, default=[], key=f"enc_{dimension}", bind="query-params",
                          placeholder=view.t("choose_many"))


class Reconciled(NamedTuple):
    sentence: str
    parts: Parts


def southwest_parts(view) -> Reconciled:
    shown_rows = months_of(view, "southwest_comparison")
    comparison, chart = shown_rows.rows, None
    if comparison["imported_total"].notna().any():
        chart = charts.southwest_chart(comparison, view.lang), describe.southwest(comparison, view.lang)
    rows = cbp_breakdowns.reconciled(comparison)
    sentence = describe.reconciliation(rows, view.lang) if len(rows) else view.t("recon_none")
    status = comparison[["month"]].merge(rows[["month", "status"]], on="month", how="left")["status"]
    table = comparison.assign(status=[view.t(f"status_{s}") if isinstance(s, str) else None for s in status])
    readable = i18n.labelled(i18n.readable(table, view.lang, signed=("difference",)), view.lang)
    return Reconciled(sentence, Parts(chart, readable, partial(citations.csv_bytes, rows),
                                      citations.download_name("encounters-southwest-vs-record", view.suffix())))


def southwest_block(view) -> None:
    st.subheader(view.t("southwest_header"))
    found = caches.made(southwest_parts, view)
    st.markdown(citations.md(found.sentence))
    shown(view, found.parts, "chart-southwest", "encounters-southwest-vs-record", record=True)
