"""What the server computes on one filter change: every query and every figure, uncached."""

from __future__ import annotations

import random

import duckdb

from dashboard import charts, claims, queries
from dashboard.filters import Filters

ACTORS = ("hrw", "mbn", "mx-gov", "mx-inm", "us-cbp", "us-dhs", "us-gov")


def random_filters(rng: random.Random, months: list[str]) -> Filters:
    first, last = sorted(rng.sample(range(len(months)), 2))
    actors = tuple(sorted(rng.sample(ACTORS, rng.randint(3, len(ACTORS)))))
    return Filters(months[first], months[last], actors)


def filter_change(cur: duckdb.DuckDBPyConnection, filters: Filters, colors: dict[str, str]) -> int:
    """Run the app's queries and build its figures for `filters`; return how many figures were built."""
    built = 0
    shown = queries.figures(cur, filters)  # one query, as in the app, split by chart
    for chart, builder in (("monthly", charts.monthly_arrivals), ("daily", charts.daily_rate),
                           ("timeline", charts.timeline)):
        rows = shown[shown["chart"] == chart]
        if not rows.empty:
            builder(rows, colors)
            built += 1
    enforcement = shown[shown["chart"] == "enforcement"]
    counted = charts.counted(enforcement)
    if not counted.empty:
        charts.enforcement_bars(counted, colors)
        built += 1
    official = queries.official_series(cur, filters, None)
    claim_rows = claims.claim_table(queries.claim_inputs(cur, filters))
    if not official.empty:
        charts.record_chart(official, claim_rows[claim_rows["metric"] == "monthly_arrivals"], colors, "latest")
        charts.revisions_chart(queries.official_history(cur, official["month"].iloc[0]))
        built += 2
    if queries.has_encounters(cur):
        built += _encounters(cur, filters)
    return built


def _encounters(cur: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    chosen = tuple((d, ()) for d in queries.ENCOUNTER_DIMENSIONS)
    for dimension in queries.ENCOUNTER_DIMENSIONS:
        queries.encounter_values(cur, dimension)
    totals = queries.encounter_totals(cur, filters, "region", chosen)
    comparison = queries.southwest_comparison(cur, filters)
    if totals.empty:
        return 0
    charts.encounter_chart(totals, "region")
    charts.southwest_chart(comparison)
    return 2


def bare_zip(cur, filters) -> bytes:
    """Baseline for the export bundle: the same view's tables as CSV in a ZIP, nothing else."""
    import io
    import zipfile

    from dashboard.export import view_tables
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, df in view_tables(cur, filters, "en").items():
            archive.writestr(f"{name}.csv", df.to_csv(index=False))
    return out.getvalue()


def plotly_html(cur, filters) -> str:
    """Baseline for the static report: the same figures written by Plotly's own to_html, JS included once."""
    from dashboard import report

    figures = report.chart_figures(report.view_data(cur, filters, "en"), "en")
    return "".join(fig.to_html(full_html=False, include_plotlyjs=i == 0)
                   for i, (fig, _) in enumerate(figures.values()))
