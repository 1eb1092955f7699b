"""Read-only queries on the store. User values always travel as parameters."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.filters import Filters, months_between

FIGURE_COLUMNS = """
    ref, figure_id, chart, metric, metric_label, metric_short, value, value_text, unit,
    period_start, period_end, actor_id, actor_name, quote, is_derived,
    derivation, note, source_id, source_title, source_publisher, source_url
"""


def actors(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every actor, in a fixed order (their colours follow it)."""
    return cur.execute("SELECT actor_id, name, country, kind FROM actors ORDER BY actor_id").df()


def sources(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return cur.execute(
        "SELECT source_id, title, publisher, author, published_at, url, licence FROM sources ORDER BY source_id"
    ).df()


def month_options(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Every month from the earliest to the latest period in the store."""
    first, last = cur.execute("SELECT min(period_start), max(period_end) FROM figures").fetchall()[0]
    return months_between(first, last)


def figures(cur: duckdb.DuckDBPyConnection, filters: Filters, chart: str | None = None) -> pd.DataFrame:
    """Figures whose period overlaps the selected months, by the selected actors.

    With `chart`, only the figures drawn on that chart; ordered by ref.
    """
    df = cur.execute(
        f"""
        SELECT {FIGURE_COLUMNS} FROM figures_cited
        WHERE period_start <= $end AND period_end >= $start
          AND list_contains($actors, actor_id)
          AND ($chart IS NULL OR chart = $chart)
        ORDER BY ref
        """,
        {"start": filters.start, "end": filters.end, "actors": list(filters.actors), "chart": chart},
    ).df()
    return with_dates(df, "period_start", "period_end")


def with_dates(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """DuckDB DATE columns arrive as timestamps in pandas; give them back as dates."""
    for column in columns:
        df[column] = pd.to_datetime(df[column]).dt.date
    return df
