"""The static report: one self-contained HTML file (Plotly's JavaScript embedded, nothing fetched) with the
view's charts, their descriptions and tables, the claim check and the citations.

`python -m dashboard report OUT.html [--from YYYY-MM --to YYYY-MM --actor ID ... --lang en|es]`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

import duckdb
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dashboard.check import claimreview, claims
from dashboard.data import queries
from dashboard.data.filters import Filters, named, period_text
from dashboard.outputs import addresses
from dashboard.present import charts, citations, describe
from dashboard.words import i18n

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
.description { color: #444; } .chart { min-height: 450px; }
"""
CONFIG = {"displaylogo": False, "responsive": True}


def chart_html(figure: go.Figure, description: str, div_id: str) -> str:
    """A chart drawn by the embedded Plotly, with its text description as the figure's caption."""
    div = figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)
    return f'<figure class="chart">{div}<figcaption class="description">{escape(description)}</figcaption></figure>'


def table_html(df: pd.DataFrame, lang: str = "en") -> str:
    """A table, escaped, written as the page writes its tables (`i18n.readable`: yes/no in the page's language,
    222,144 with separators, a dash for what is missing)."""
    return i18n.readable(df, lang).to_html(index=False, escape=True, border=0)


# (section title message, chart in the store, chart builder)
ARTICLE_SECTIONS = (
    ("monthly_arrivals", "monthly", "monthly_arrivals"), ("daily_rate", "daily", "daily_rate"),
    ("enforcement_actions", "enforcement", "enforcement_bars"), ("dated_events", "timeline", "timeline"),
)


def chart_figures(view: dict, lang: str) -> dict[str, tuple[go.Figure, str]]:
    """Every chart the report draws, by its div id: (figure, text description). Charts with no rows are absent."""
    rows, colors = view["figures"], view["colors"]
    events = rows[rows["chart"] == "timeline"]
    out = {}
    for _, chart, builder in ARTICLE_SECTIONS:
        drawn = rows[rows["chart"] == chart]
        drawn = charts.counted(drawn) if chart == "enforcement" else drawn
        if not drawn.empty:
            extra = (events,) if chart in ("monthly", "daily") else ()
            out[f"chart-{chart}"] = (getattr(charts, builder)(drawn, colors, lang, *extra),
                                     describe.BY_BUILDER[builder](drawn, lang, *extra))
    if not view["official"].empty:
        claim_rows, basis = view["claims"], i18n.t(lang, "basis_latest")
        monthly = claim_rows[claim_rows["metric"] == "monthly_arrivals"]
        points, marks = charts.record_points(view["official"], lang), charts.record_marks(monthly, colors, lang, events)
        out["chart-record"] = (charts.record_figure(points, marks, colors, basis, lang),
                               describe.record(view["official"], basis, lang, charts.record_focus(marks, len(points))))
    return out


def article_sections(view: dict, drawn: dict, lang: str) -> list[str]:
    """Monthly and daily bars (with event markers), enforcement bars, the timeline; each with its table."""
    parts = []
    for key, chart, _ in ARTICLE_SECTIONS:
        rows = view["figures"][view["figures"]["chart"] == chart]
        parts.append(f"<h2>{escape(i18n.t(lang, key))}</h2>")
        if rows.empty:
            parts.append(f"<p>{escape(i18n.t(lang, 'no_figures_chart', filter=view['filter_text']))}</p>")
            continue
        if f"chart-{chart}" in drawn:
            parts.append(chart_html(*drawn[f"chart-{chart}"], f"chart-{chart}"))
        parts.append(table_html(citations.table_frame(rows, lang), lang))
        evidence = view["evidence"][view["evidence"]["figure_id"].isin(rows["figure_id"])]
        if chart == "timeline" and not evidence.empty:  # events have no claim check: their evidence is here
            parts.append(f"<h3>{escape(i18n.t_n(lang, 'evidence_events', len(evidence)))}</h3>"
                         + evidence_list(evidence, lang, numbered=True))
    return parts


def record_sections(view: dict, drawn: dict, lang: str) -> list[str]:
    """CBP's record with the article's points, and the claim check with its verdicts."""
    parts = [f"<h2>{escape(i18n.t(lang, 'record_header'))}</h2>"]
    if "chart-record" in drawn:
        parts.append(chart_html(*drawn["chart-record"], "chart-record"))
    else:
        missing = i18n.t(lang, "no_official", filter=view["filter_text"], record=view["record_actors"])
        parts.append(f"<p>{escape(missing)}</p>")
    parts.append(f"<h3>{escape(i18n.t(lang, 'claim_header'))}</h3>")
    claim_rows = view["claims"]
    columns = ["ref", "metric_short", "value_text", "official_known", "official_latest", "verdict"]
    names = {c: i18n.t(lang, f"claim_col_{c}") for c in columns}
    shown = claims.for_reading(claim_rows)[columns].rename(columns=names)
    parts.append(table_html(shown, lang) if not claim_rows.empty else "")
    for _, row in claim_rows.iterrows():
        parts.append(figure_evidence(row, view["evidence"], lang))
    return parts


def figure_evidence(row: pd.Series, evidence: pd.DataFrame, lang: str) -> str:
    """One figure's verdict, where it came from, and its evidence with links."""
    rows = evidence[evidence["figure_id"] == row["figure_id"]]
    head = (f'<h4 id="claim-{escape(row["figure_id"])}">[{int(row["ref"])}] {escape(row["metric_short"])}, '
            f"{escape(row['value_text'])} — {escape(i18n.t(lang, 'code_' + row['verdict_code']))}</h4>"
            f"<p>{escape(claims.verdict_sentences(row, lang))}</p>")
    if row["chain"]:
        head += f"<p>{escape(i18n.t(lang, 'chain', steps=row['chain']))}</p>"
    return head + evidence_list(rows, lang)


def evidence_list(rows: pd.DataFrame, lang: str, numbered: bool = False) -> str:
    """Evidence rows as a list with their links (`numbered`: each led by its figure's number); empty: nothing."""
    items = []
    for _, e in rows.iterrows():
        link = citations.safe_link(e["source_url"])
        items.append("<li>" + (f"[{int(e['ref'])}] " if numbered else "")
                     + f"<strong>{escape(e['source_publisher'])}</strong> · "
                     f"{escape(i18n.when_text(e['source_published'], e['source_precision'], lang))} · "
                     f"{escape(i18n.t(lang, 'relation_' + e['relation']))} · "
                     f"{escape(i18n.t(lang, 'known_' + e['known_at_publication']))}: “{escape(e['quote'])}”"
                     + (f" — {escape(e['note'])}" if isinstance(e["note"], str) and e["note"] else "")
                     + (f' <a href="{escape(link)}">{escape(i18n.t(lang, "link"))}</a>' if link else "") + "</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def citation_section(view: dict, lang: str) -> list[str]:
    """Every source with its link, and every figure with the quote that states it."""
    parts = [f"<h2>{escape(i18n.t(lang, 'sources_and_quotes'))}</h2><ul>"]
    for _, source in view["sources"].iterrows():
        link = citations.safe_link(source["url"])
        parts.append(f"<li>{escape(citations.plain_citation(source))}"
                     + (f' — <a href="{escape(link)}">{escape(source["url"])}</a>' if link else "") + "</li>")
    parts.append("</ul><ol>")
    for _, row in view["figures"].iterrows():
        period = period_text(row["period_start"], row["period_end"], lang)
        parts.append(f'<li value="{int(row["ref"])}">{escape(citations.quoted(row["quote"], lang))} — '
                     f"{escape(row['metric_label'])}: {escape(row['value_text'])} "
                     f"({escape(row['actor_name'])}, {escape(period)})</li>")
    return [*parts, "</ol>"]


def view_data(cur: duckdb.DuckDBPyConnection, filters: Filters, lang: str) -> dict:
    """Everything the report draws, under the filters, with texts in `lang`."""
    actors = queries.localized(cur, "actors", lang)
    names = queries.names_of(actors)
    return {
        "filters": filters, "colors": charts.actor_colors(actors), "filter_text": filters.describe(lang, names),
        "record_actors": named(queries.record_actors(cur), names),
        "sources": queries.localized(cur, "sources", lang), "figures": queries.localized(cur, "figures", lang, filters),
        "official": queries.localized(cur, "official_series", lang, filters, None),
        "claims": claims.claim_check(cur, filters, lang), "evidence": queries.localized(cur, "evidence", lang, filters),
    }


def report_html(cur: duckdb.DuckDBPyConnection, filters: Filters, lang: str = "en", base_url: str | None = None) -> str:
    """The whole report as one HTML document; `base_url`, the dashboard's public address, gives every ClaimReview item
    its `url` (the claim check tab at its figure)."""
    lang = i18n.lang_of(lang)
    view = view_data(cur, filters, lang)
    drawn = chart_figures(view, lang)
    now = datetime.now(UTC)
    created = now.strftime("%Y-%m-%d %H:%M UTC")
    article = view["sources"].set_index("source_id").loc[queries.ARTICLE]
    address = addresses.view_address(base_url, filters, lang, tuple(queries.names_of(queries.actors(cur))), tab="check")
    reviews = claimreview.script_tag(claimreview.reviews(view["claims"], view["evidence"], article, now, lang, address))
    intro = " ".join((i18n.t(lang, "intro", title=article["title"], publisher=article["publisher"]),
                      i18n.t(lang, "report_intro")))
    body = [f"<h1>{escape(i18n.t(lang, 'title'))}</h1>", f"<p>{escape(intro)}</p>",
            f"<p><strong>{escape(i18n.t(lang, 'report_filter', filter=view['filter_text'], created=created))}"
            "</strong></p>",
            # the claim check first, as on the page
            *record_sections(view, drawn, lang), *article_sections(view, drawn, lang), *citation_section(view, lang)]
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(i18n.t(lang, 'title'))}</title>\n<style>{STYLE}</style>\n"
            f"{reviews}\n<script>{get_plotlyjs()}</script>\n</head>\n<body>\n" + "\n".join(body)
            + "\n</body>\n</html>\n")
