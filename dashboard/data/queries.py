"""Read-only queries on the store. User values always travel as parameters."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd

from dashboard.data.filters import Filters, months_between
from dashboard.words import i18n

ARTICLE = "mbn-2022-06-15"  # the source the dashboard is about
FIGURE_COLUMNS = """
    ref, figure_id, chart, metric, metric_label, metric_short, value, value_text, unit, unit AS unit_code,
    period_start, period_end, actor_id, actor_name, stated_by, stated_by_name, quote, is_derived,
    derivation, note, source_id, source_title, source_publisher, source_url
"""


def figure_kind(is_derived: bool, actor_id: str, stated_by: str | None) -> str:
    """How a figure comes: "derived" (this dashboard's arithmetic), "reported" (stated by its own actor, as the
    article attributes it) or "stated" (stated by another: the article's own "7,400 a day", about US arrivals but
    attributed to no one). A chart that said "US government, reported" for it would put the article's words in the
    US government's mouth."""
    if is_derived:
        return "derived"
    return "reported" if stated_by == actor_id else "stated"


def figure_status(kind: str, stated_by_name: str, lang: str) -> str:
    """A figure's kind (`figure_kind`) in words: "reported", "derived" or "stated by Mexico Business News"."""
    return i18n.t(lang, "status_stated", who=stated_by_name) if kind == "stated" else i18n.t(lang, kind)


def actors(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every actor with its chart colour, ordered by id."""
    sql = "SELECT actor_id, name, country, kind, color FROM actors ORDER BY actor_id"  # pragma: no mutate (any case)
    return cur.execute(sql).df()


def names_of(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id -> name, from rows of `actors` (localized: names in the language)."""
    return actors.set_index("actor_id")["name"].to_dict()


SOURCE_COLUMNS = ("source_id, title, publisher, via, author, published, precision, time_note, published_on, url, "
                  "licence, public_from")


def sources(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source, the article first, then by date (undated last)."""
    df = cur.execute(
        f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY source_id <> ?, published_on NULLS LAST, source_id",
        [ARTICLE],
    ).df()
    return with_dates(df, "published_on")


def translations(cur: duckdb.DuckDBPyConnection, lang: str) -> dict[tuple[str, str, str], str]:
    """(table, key, field) -> text in `lang`, for `i18n.localize`."""
    sql = 'SELECT "table", "key", field, text FROM translations WHERE lang = ?'  # pragma: no mutate (any case)
    rows = cur.execute(sql, [lang]).fetchall()
    return {(table, key, field): text for table, key, field, text in rows}


def localized(cur: duckdb.DuckDBPyConnection, name: str, lang: str, *args) -> pd.DataFrame:
    """The rows of query `name` (figures, actors, sources, official_series, claim_inputs, evidence) with their texts
    in `lang`, from the store's translations; quotes stay as they are."""
    texts = {"actors": i18n.ACTOR_TEXTS, "sources": i18n.SOURCE_TEXTS, "evidence": i18n.EVIDENCE_TEXTS}.get(
        name, i18n.FIGURE_TEXTS)
    return i18n.localize(QUERIES[name](cur, *args), translations(cur, lang), lang, texts)


def month_options(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Every month from the earliest to the latest period in the store."""
    first, last = cur.execute(
        """SELECT min(d), max(d) FROM (
               SELECT period_start AS d FROM figures UNION ALL SELECT period_end FROM figures
               UNION ALL SELECT month FROM official_observations)"""
    ).fetchall()[0]
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
        _params(filters, chart=chart),
    ).df()
    return with_dates(df, "period_start", "period_end")


def _params(filters: Filters, **more) -> dict:
    """The named parameters of a filtered query. DuckDB reads $names in any case, so a mutant that only changes the
    case of these keys changes nothing: the line is kept out of mutation."""
    return {"start": filters.start, "end": filters.end, "actors": list(filters.actors)} | more  # pragma: no mutate


def figures_under(every: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows `figures(cur, filters)` gives, taken from all figures (`figures(cur, <every month and actor>)`):
    for a new month range the app selects in memory instead of querying again."""
    return every[figures_kept(every, filters)].reset_index(drop=True)


def figures_kept(every: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which rows of all figures `figures_under` keeps: a period overlapping the months, by a chosen actor. NumPy
    on the columns' arrays: a small fraction of what the same test costs through pandas, for each new range."""
    return ((every["period_start"].to_numpy() <= filters.end) & (every["period_end"].to_numpy() >= filters.start)
            & _among(every["actor_id"], filters.actors))


def official_kept(series: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which rows of the whole series (`official_series` for every month and actor) `official_series(cur, filters,
    as_of)` gives at the same `as_of`: for a new month range the app selects in memory instead of querying again."""
    return months_kept(series, filters) & _among(series["actor_id"], filters.actors)


def months_kept(monthly: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which rows of a table with a `month` column fall in the filters' months."""
    months = monthly["month"].to_numpy()
    return (months >= filters.start) & (months <= filters.end)


def _among(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    return np.isin(column.to_numpy(), list(values))


def cut(whole: tuple, keep: np.ndarray) -> tuple:
    """The rows `keep` (booleans) of each of `whole`'s frames (rows aligned), numbered from 0; of `whole`'s own
    type. Kept rows in one run, as a month range's are, are taken as a slice, much cheaper than a mask."""
    rows = np.flatnonzero(keep)
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        rows = slice(rows[0], rows[-1] + 1)
    return type(whole)(*(_numbered(frame.iloc[rows]) for frame in whole))


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (a new selection, its own object) numbered from 0."""
    frame.index = pd.RangeIndex(len(frame))
    return frame


def with_dates(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """DuckDB DATE columns arrive as timestamps in pandas; give them back as dates."""
    for column in columns:
        df[column] = pd.to_datetime(df[column]).dt.date
    return df


def figure_and_record_sources(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """The sources of the figures and of the official record (the rest are cited as evidence)."""
    # SQL ignores case, so these short queries' texts are kept out of mutation (docs/mutants.md).
    sql = "SELECT source_id FROM figures UNION SELECT source_id FROM official_observations"  # pragma: no mutate
    return sorted(r[0] for r in cur.execute(sql).fetchall())


def record_sources(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """The sources of CBP's record: every source an official observation was read from."""
    sql = "SELECT DISTINCT source_id FROM official_observations"  # pragma: no mutate (SQL ignores case)
    return sorted(r[0] for r in cur.execute(sql).fetchall())


def record_actors(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """The actors of CBP's record: every actor an official observation is credited to."""
    sql = "SELECT DISTINCT actor_id FROM official_observations"  # pragma: no mutate (SQL ignores case)
    return sorted(r[0] for r in cur.execute(sql).fetchall())


def article_date(cur: duckdb.DuckDBPyConnection, source_id: str = ARTICLE) -> date:
    """The day the article was published, as printed."""
    sql = "SELECT published_on FROM sources WHERE source_id = ?"  # pragma: no mutate (SQL ignores case)
    return cur.execute(sql, [source_id]).fetchall()[0][0]


def article_moment(cur: duckdb.DuckDBPyConnection, source_id: str = ARTICLE) -> tuple[datetime, str]:
    """The earliest instant the article could have come out (what 'known at publication' is measured against),
    and its publication as given (2022-06-15T12:04:00-05:00)."""
    sql = "SELECT earliest_at, published FROM sources WHERE source_id = ?"  # pragma: no mutate (SQL ignores case)
    return tuple(cur.execute(sql, [source_id]).fetchall()[0])


def official_series(cur: duckdb.DuckDBPyConnection, filters: Filters, as_of: datetime | None) -> pd.DataFrame:
    """CBP's monthly totals in the month range, as certainly public at the instant `as_of` (None: latest),
    with first releases."""
    df = cur.execute(
        """
        SELECT k.month, k.fiscal_year, k.value, k.observed_on, k.vintage, k.observed_in,
               l.first_value, l.first_observed_on, l.value AS latest_value, l.observed_on AS latest_observed_on,
               k.actor_id, a.name AS actor_name, s.title AS source_title, s.publisher AS source_publisher,
               s.url AS source_url, s.licence AS source_licence
        FROM official_as_of(coalesce($as_of::TIMESTAMPTZ, 'infinity'::TIMESTAMPTZ)) k
        JOIN official_latest l USING (month)
        JOIN actors a ON a.actor_id = k.actor_id
        JOIN sources s ON s.source_id = k.source_id
        WHERE k.month BETWEEN $start AND $end AND list_contains($actors, k.actor_id)
        ORDER BY k.month
        """,
        _params(filters, as_of=as_of),
    ).df()
    return with_dates(df, "month", "observed_on", "first_observed_on", "latest_observed_on")


def official_histories(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every value observed for every month, by month and oldest first (first release, then revisions), with its
    change from the month's value before: one query per build, from which each month's history is selected."""
    df = cur.execute(
        """SELECT month, value, observed_on, vintage, observed_in, note,
                  value - lag(value) OVER (PARTITION BY month ORDER BY observed_on) AS change
           FROM official_observations ORDER BY month, observed_on"""
    ).df()
    return with_dates(df, "month", "observed_on")


def history_kept(histories: pd.DataFrame, month: date) -> np.ndarray:
    """Which rows of `official_histories` are one month's history."""
    return histories["month"].to_numpy() == month


def claim_inputs(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Article figures under the filters (period overlapping the months, by the chosen actors) with CBP's record
    for their month where there is one: first value, the value certainly public at the earliest instant the
    article could have come out (`known_*`), and the latest."""
    df = cur.execute(
        f"""
        WITH f AS (
            SELECT {FIGURE_COLUMNS}, date_trunc('month', period_start)::DATE AS month,
                   (SELECT earliest_at FROM sources a WHERE a.source_id = fc.source_id) AS article_at,
                   (SELECT published_on FROM sources a WHERE a.source_id = fc.source_id) AS article_date
            FROM figures_cited fc
            WHERE period_start <= $end AND period_end >= $start AND list_contains($actors, actor_id)
              AND chart IN ('monthly', 'daily', 'enforcement')
        )
        SELECT f.*,
               l.first_value, l.first_observed_on AS first_on, l.value AS latest_value, l.observed_on AS latest_on,
               k.value AS known_value, k.observed_on AS known_on,
               fo.public_from AS first_public_from, fo.observed_at IS NOT NULL AS first_has_time
        FROM f
        LEFT JOIN official_latest l
               ON f.chart IN ('monthly', 'daily') AND l.month = f.month AND f.period_end <= last_day(l.month)
        LEFT JOIN official_observations fo ON fo.month = l.month AND fo.observed_on = l.first_observed_on
        LEFT JOIN LATERAL (
            SELECT arg_max(o.value, o.observed_on) AS value, max(o.observed_on) AS observed_on
            FROM official_observations o WHERE o.month = l.month AND o.public_from <= f.article_at
        ) k ON TRUE
        ORDER BY ref
        """,
        _params(filters),
    ).df()
    return with_dates(df, "period_start", "period_end", "month", "first_on", "latest_on", "known_on", "article_date")


EVIDENCE_COLUMNS = """
    figure_id, source_id, relation, value, value_text, unit, period_start, period_end, compares, quote, note,
    source_title, source_publisher, source_via, source_author, source_url, source_licence, source_published,
    source_precision,
    source_published_on, source_time_note, known_at_publication
"""


def evidence(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Other sources on the figures shown under `filters` (the same overlap and actor rules), newest first."""
    columns = ", ".join("e." + c.strip() for c in EVIDENCE_COLUMNS.split(","))  # pragma: no mutate (SQL: any case)
    df = cur.execute(
        f"""
        SELECT {columns}, fc.ref, concat_ws('/', e.figure_id, e.source_id, e.relation) AS evidence_key
        FROM evidence_cited e JOIN figures_cited fc USING (figure_id)
        WHERE fc.period_start <= $end AND fc.period_end >= $start AND list_contains($actors, fc.actor_id)
        ORDER BY fc.ref, e.source_published_on DESC NULLS LAST, e.source_id, e.relation
        """,
        _params(filters),
    ).df()
    return with_dates(df, "period_start", "period_end", "source_published_on")


ENCOUNTER_DIMENSIONS = ("region", "component", "demographic", "citizenship")


def has_encounters(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when imported CBP encounter data is attached."""
    sql = "SELECT count(*) FROM duckdb_databases() WHERE database_name = 'enc'"  # pragma: no mutate (SQL ignores case)
    return bool(cur.execute(sql).fetchall()[0][0])


def encounter_values(cur: duckdb.DuckDBPyConnection, dimension: str) -> list[str]:
    """The distinct values of one dimension in the imported data."""
    column = _dimension(dimension)
    rows = cur.execute(f"SELECT DISTINCT {column} FROM enc.encounters_monthly WHERE {column} IS NOT NULL ORDER BY 1")
    return [r[0] for r in rows.fetchall()]


def encounter_totals(cur: duckdb.DuckDBPyConnection, filters: Filters, by: str, chosen: tuple) -> pd.DataFrame:
    """Monthly totals of the imported data by one dimension; `chosen` is ((dimension, (values...)), ...),
    where an empty tuple of values means all."""
    where, params = _encounter_where(filters, chosen)
    df = cur.execute(
        f"""SELECT month, fiscal_year, {_dimension(by)} AS category, sum(total)::BIGINT AS total
            FROM enc.encounters_monthly WHERE {where} GROUP BY ALL ORDER BY month, category""",
        params,
    ).df()
    return with_dates(df, "month")


def southwest_comparison(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Imported Southwest Land Border totals beside the curated official series (latest values)."""
    df = cur.execute(
        """SELECT month, i.total AS imported_total, o.value AS official_latest, o.observed_on AS official_observed_on,
                  i.total - o.value AS difference
           FROM (SELECT month, sum(total)::BIGINT AS total FROM enc.encounters_monthly
                 WHERE region = 'Southwest Land Border' AND month BETWEEN $start AND $end GROUP BY month) i
           FULL JOIN (SELECT month, value, observed_on FROM official_latest
                      WHERE month BETWEEN $start AND $end) o USING (month)
           ORDER BY month""",
        {"start": filters.start, "end": filters.end},  # pragma: no mutate ($names: any case)
    ).df()
    return with_dates(df, "month", "official_observed_on")


CBP = "us-cbp"  # the actor whose encounter data the CBP breakdowns are: the actor filter hides them like any figure
SOUTHWEST_DIMENSIONS = ("component", "title", "demographic", "citizenship", "aor")  # the breakdowns, in page order


def southwest_breakdowns(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every month's Southwest Land Border encounters by each breakdown's category (`dimension`, `category`, `total`),
    from the rows of the file each month comes from: one query per build, from which a month range sums its own."""
    parts = " UNION ALL ".join(  # pragma: no mutate (SQL text: the test compares every sum with CBP's rows)
        f"SELECT month, '{d}' AS dimension, {d} AS category, sum(total)::BIGINT AS total "
        f"FROM enc.southwest_detail GROUP BY ALL" for d in SOUTHWEST_DIMENSIONS)
    df = cur.execute(f"SELECT * FROM ({parts}) ORDER BY month, dimension, category").df()
    return with_dates(df, "month")


def encounter_files(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Which imported file each month comes from (of `files` holding it), when that file is from and how
    (`published`, `republished`, `downloaded`), and its source where the file is one the project ships."""
    df = cur.execute(
        """SELECT m.month, m.file_name, m.files, i.dated, i.dated_how, i.sha256, i.source_id,
                  s.title AS source_title, s.publisher AS source_publisher, s.url AS source_url,
                  s.licence AS source_licence
           FROM enc.month_files m JOIN enc.imports i USING (file_name)
           LEFT JOIN sources s ON s.source_id = i.source_id ORDER BY m.month"""
    ).df()
    return with_dates(df, "month", "dated")


def _dimension(name: str) -> str:
    if name not in ENCOUNTER_DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}")
    return name


def _encounter_where(filters: Filters, chosen: tuple) -> tuple[str, dict]:
    # SQL keywords and DuckDB's $names ignore case, so mutants that only change case are not made here.
    clauses = ["month BETWEEN $start AND $end"]  # pragma: no mutate
    params = {"start": filters.start, "end": filters.end}  # pragma: no mutate
    for dimension, values in chosen:
        if values:
            clauses.append(f"list_contains(${dimension}, {_dimension(dimension)})")
            params[dimension] = list(values)
    return " AND ".join(clauses), params  # pragma: no mutate


QUERIES = {"figures": figures, "actors": actors, "official_series": official_series, "claim_inputs": claim_inputs,
           "evidence": evidence, "sources": sources}
