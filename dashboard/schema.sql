-- Public schema of the dashboard store (data/border.duckdb).
-- Built by `python -m dashboard build` from the curated CSV files in data/.

CREATE TABLE sources (
    source_id    VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL CHECK (length(title) > 0),
    publisher    VARCHAR NOT NULL,
    author       VARCHAR,
    published_at TIMESTAMP,
    url          VARCHAR NOT NULL CHECK (regexp_matches(url, '^https?://')),
    licence      VARCHAR NOT NULL
);

CREATE TABLE actors (
    actor_id VARCHAR PRIMARY KEY CHECK (regexp_matches(actor_id, '^[a-z0-9][a-z0-9-]*$')),
    name     VARCHAR NOT NULL,
    country  VARCHAR NOT NULL,
    kind     VARCHAR NOT NULL
);

CREATE TABLE metrics (
    metric VARCHAR PRIMARY KEY,
    label  VARCHAR NOT NULL,
    short_label VARCHAR NOT NULL,
    unit   VARCHAR NOT NULL,
    chart  VARCHAR NOT NULL CHECK (chart IN ('monthly', 'daily', 'enforcement', 'timeline'))
);

CREATE TABLE figures (
    figure_id    VARCHAR PRIMARY KEY,
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    actor_id     VARCHAR NOT NULL REFERENCES actors (actor_id),
    metric       VARCHAR NOT NULL REFERENCES metrics (metric),
    value        DOUBLE CHECK (value >= 0),
    value_text   VARCHAR NOT NULL CHECK (length(value_text) > 0),
    unit         VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    quote        VARCHAR NOT NULL CHECK (length(trim(quote)) > 0),
    is_derived   BOOLEAN NOT NULL,
    derivation   VARCHAR,
    note         VARCHAR,
    CHECK (period_end >= period_start),
    CHECK (is_derived = (derivation IS NOT NULL))
);

-- Every figure with its actor, metric and source, numbered for citation:
-- `ref` is the figure's number in the cited-source panel, hovers and tables.
CREATE VIEW figures_cited AS
SELECT
    row_number() OVER (ORDER BY f.period_start, f.period_end, f.figure_id) AS ref,
    f.*,
    m.label AS metric_label,
    m.short_label AS metric_short,
    m.chart,
    a.name AS actor_name,
    s.title AS source_title,
    s.publisher AS source_publisher,
    s.url AS source_url
FROM figures f
JOIN metrics m USING (metric)
JOIN actors a USING (actor_id)
JOIN sources s USING (source_id);
