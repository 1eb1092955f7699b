"""The claim-vs-record section: CBP's official series, its revisions, and the claim check."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, citations, claims, describe, filters, guards, i18n
from dashboard.filters import month_key, month_label

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
    article_day = view.q("article_date")
    article_at, published = view.q("article_moment")
    moment = claims.when_text(published, "minute", view.lang)
    controls = st.columns([2, 1, 2])
    options = ["latest", str(article_day)]  # `?record=2022-06-15`: the article's minute, as links have always said
    basis = controls[0].segmented_control(
        view.t("record_switch"), options, default="latest", required=True,
        key="record", bind="query-params", help=view.t("record_switch_help", moment=moment),
        format_func=lambda option: view.t("latest_option") if option == "latest" else option,  # the URL's value
    )
    as_of = article_at if basis == str(article_day) else None  # an empty `?record=` clears the switch: latest
    basis_label = view.t("basis_latest") if as_of is None else view.t("basis_as_of", day=moment)
    by_year = controls[1].toggle(view.t("group_fy"), key="fy", bind="query-params")
    official = view.q("localized", "official_series", view.lang, view.filters, as_of)
    claim_rows = claim_rows_of(view)
    file_basis = "latest" if as_of is None else f"as-known-at-{article_day}-article"
    series_block(view, official, claim_rows, (basis_label, file_basis), by_year)
    with controls[2]:
        month = revision_month(official, view.lang)
    if month is not None:
        revisions_block(view, month)
    claim_block(view, claim_rows)


def findings(view) -> None:
    """The finding first: one line per checked article figure (derived ones are ours), arrivals first, with its
    verdict, the article's value, CBP's value at the article's minute and latest, and a link to the details."""
    st.header(view.t("findings_header"))
    rows = claim_rows_of(view)
    rows = rows[~rows["is_derived"]]
    if rows.empty:
        st.info(view.t("no_claims", filter=view.filters.describe(view.lang)))
        return
    order = {"monthly": 0, "daily": 1, "enforcement": 2}
    rows = rows.assign(_order=rows["chart"].map(order)).sort_values(["_order", "ref"])
    st.markdown("\n".join(f"- {finding_line(view, row)}" for _, row in rows.iterrows()))
    st.caption(view.t("findings_caption"))


def finding_line(view, row: pd.Series) -> str:
    """'**✓ Matches its source** — [1] “Arrivals” in a month, Mar 2022: article 221,000; CBP ... (details)'."""
    md, lang = citations.md, view.lang
    period = period_label(row["period_start"], row["period_end"], lang)
    line = (f"**{md(badge(view, row['verdict_code']))}** — \\[{row['ref']}\\] {md(row['metric_short'])}, "
            f"{md(period)}: {md(view.t('finding_article', value=row['value_text']))}")
    if pd.notna(row.get("latest_value")):
        known = view.t("not_yet_public") if pd.isna(row["official_known"]) else i18n.num(row["official_known"])
        line += md(view.t("finding_record", known=known, latest=i18n.num(row["official_latest"])))
    return line + f" · [{md(view.t('details'))}](#{anchor(row['figure_id'])})"


def period_label(start, end, lang: str) -> str:
    """A whole calendar month as 'Mar 2022', any other period as its dates."""
    if start.day == 1 and end == filters.last_day(month_key(start)):
        return month_label(month_key(start), lang)
    return filters.period_text(start, end, lang)


def claim_rows_of(view) -> pd.DataFrame:
    """The claim check of the figures under the filters, with their evidence."""
    return cache.claim_check(view.builds, view.filters, view.lang)


def series_block(view, official: pd.DataFrame, claim_rows: pd.DataFrame, bases: tuple[str, str],
                 by_year: bool) -> None:
    """The official series as a line with the article's points, or by fiscal year; its table and download."""
    (basis, file_basis), lang = bases, view.lang
    if official.empty:
        st.info(view.t("no_official", filter=view.filters.describe(view.lang)))
        return
    monthly = claim_rows[claim_rows["metric"] == "monthly_arrivals"]
    figure = cache.chart("fiscal_year_chart", official, basis, view.lang) if by_year else cache.chart(
        "record_chart", official, monthly, view.colors, basis, view.lang, view.figures("timeline"))
    description = describe.fiscal_years(official, basis, lang) if by_year else describe.record(official, basis, lang)
    st.plotly_chart(figure, key="chart-record", alt=description)
    st.caption(citations.md(description))
    st.caption(view.t("record_caption"))
    record_guard(view, official)
    with st.expander(view.t("record_data", n=len(official), basis=basis)):
        table = i18n.readable(official[SERIES_DOWNLOAD[:6]], lang, keep=("fiscal_year",))
        st.dataframe(i18n.labelled(table, lang), hide_index=True, width="stretch")
    st.download_button(
        view.t("download_official"), citations.csv_bytes(official[SERIES_DOWNLOAD]),
        file_name=citations.download_name(f"cbp-monthly-{file_basis}", view.suffix()),
        mime="text/csv", key="download-record", on_click="ignore",
    )


def record_guard(view, official: pd.DataFrame) -> None:
    """'Showing N of M months of CBP's record' when the month filter hides part of it."""
    every = len(view.q("official_series", view.everything(), None))
    if len(official) < every:
        guards.show(view, view.t("showing_record_months", n=len(official), m=every), "record", in_fragment=True)


def revision_month(official: pd.DataFrame, lang: str):
    """The month whose revision history to show, chosen by the reader (bound to the URL)."""
    if official.empty:
        return None
    keys = [month_key(m) for m in official["month"]]
    default = "2022-03" if "2022-03" in keys else keys[-1]
    picked = st.selectbox(i18n.t(lang, "revision_of"), keys, index=keys.index(default), key="rev",
                          bind="query-params")
    return official["month"].iloc[keys.index(picked)] if picked in keys else None


def revisions_block(view, month) -> None:
    history = view.q("official_history", month)
    st.subheader(view.t("revisions_header", month=month_label(month_key(month), view.lang)))
    left, right = st.columns([3, 2])
    description = describe.revisions(history, view.lang)
    left.plotly_chart(cache.chart("revisions_chart", history, view.lang), key="chart-revisions", alt=description)
    left.caption(citations.md(description))
    table = i18n.labelled(i18n.readable(history[["observed_on", "value", "change", "vintage", "note"]], view.lang,
                                        signed=("change",)), view.lang)
    right.dataframe(table, hide_index=True, width="stretch")
    right.download_button(
        view.t("download_history"), citations.csv_bytes(history),
        file_name=f"border-cbp-revisions_{month_key(month)}.csv", mime="text/csv", key="download-revisions",
        on_click="ignore",
    )


BADGES = {"matches": "✓", "rounded": "≈", "disputed": "⚖", "no_number": "?", "misread": "⚠", "differs": "✗",
          "unchecked": "–", "derived": "∑"}


def claim_block(view, claim_rows: pd.DataFrame) -> None:
    st.subheader(view.t("claim_header"))
    if claim_rows.empty:
        st.info(view.t("no_claims", filter=view.filters.describe(view.lang)))
        return
    st.caption(view.t("claim_rule"))
    evidence = view.q("evidence", view.filters)
    for _, row in claim_rows.iterrows():
        figure_check(view, row, evidence[evidence["figure_id"] == row["figure_id"]])
    names = {c: view.t(f"claim_col_{c}") for c in CLAIM_COLUMNS}
    table = i18n.readable(claim_rows[list(CLAIM_COLUMNS)].assign(
        verdict_code=[badge(view, c) for c in claim_rows["verdict_code"]]), view.lang, keep=("ref",))
    st.dataframe(table.rename(columns=names), hide_index=True, width="stretch",
                 column_config={names[c]: {"pinned": True} for c in ("ref", "value_text")})
    st.download_button(
        view.t("download_claims"), citations.csv_bytes(claim_rows[claims.DOWNLOAD]),
        file_name=citations.download_name("claim-check", view.suffix()), mime="text/csv",
        key="download-claims", on_click="ignore",
    )


def anchor(figure_id: str) -> str:
    """The id of a figure's claim check on the page (figure ids are slugs)."""
    return f"claim-{figure_id}"


def badge(view, code: str) -> str:
    return f"{BADGES[code]} {view.t('code_' + code)}"


def figure_check(view, row: pd.Series, evidence: pd.DataFrame) -> None:
    """One figure: its verdict with a badge, where it came from, and its evidence newest first."""
    md = citations.md
    st.subheader(f"\\[{row['ref']}\\] {md(row['metric_short'])}, {md(row['value_text'])} · "
                 f"{md(badge(view, row['verdict_code']))}", anchor=anchor(row["figure_id"]))
    who = "" if row["is_derived"] else f"{md(view.t('stated_by', who=row['stated_by_name']))}: "
    st.markdown(who + md(row["verdict"]))
    if row["chain"]:
        st.caption(md(view.t("chain", steps=row["chain"])))
    if evidence.empty:
        return
    with st.expander(view.t("evidence_n", n=len(evidence))):
        st.markdown("\n".join(f"- {citations.evidence_markdown(e, view.lang)}" for _, e in evidence.iterrows()))
