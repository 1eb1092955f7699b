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
    kind     VARCHAR NOT NULL,
    color    VARCHAR NOT NULL CHECK (regexp_matches(color, '^#[0-9A-F]{6}$'))
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

-- CBP's monthly Southwest Land Border encounter totals, one row per value
-- observed for a month: revisions are kept, never overwritten.
CREATE TABLE official_observations (
    month       DATE NOT NULL CHECK (day(month) = 1),
    value       BIGINT NOT NULL CHECK (value >= 0),
    observed_on DATE NOT NULL,
    vintage     VARCHAR NOT NULL CHECK (vintage IN ('first_release', 'first_seen', 'revision')),
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    actor_id    VARCHAR NOT NULL REFERENCES actors (actor_id),
    observed_in VARCHAR NOT NULL,
    note        VARCHAR,
    PRIMARY KEY (month, observed_on),
    CHECK (observed_on > month)
);

-- What the record said about each month on a given date:
-- SELECT * FROM official_as_of(DATE '2022-06-15'). Months not yet published are absent.
CREATE MACRO official_as_of(as_of) AS TABLE
SELECT
    month,
    CAST(year(month) + CASE WHEN month(month) >= 10 THEN 1 ELSE 0 END AS INTEGER) AS fiscal_year,
    arg_max(value, observed_on) AS value,
    max(observed_on) AS observed_on,
    arg_max(vintage, observed_on) AS vintage,
    arg_max(observed_in, observed_on) AS observed_in,
    any_value(source_id) AS source_id,
    any_value(actor_id) AS actor_id
FROM official_observations
WHERE observed_on <= as_of
GROUP BY month;

-- The latest value of each month, with its first observed value for comparison.
CREATE VIEW official_latest AS
SELECT
    l.*,
    f.first_value,
    f.first_observed_on,
    f.observations
FROM official_as_of(DATE '9999-12-31') l
JOIN (
    SELECT month, arg_min(value, observed_on) AS first_value, min(observed_on) AS first_observed_on,
           count(*) AS observations
    FROM official_observations GROUP BY month
) f USING (month);

CREATE TABLE claim_context (
    figure_id VARCHAR PRIMARY KEY REFERENCES figures (figure_id),
    context   VARCHAR NOT NULL,
    cited_as  VARCHAR NOT NULL
);

-- Texts of the data in other languages (English is the data itself); quotes are never translated.
CREATE TABLE translations (
    "table" VARCHAR NOT NULL,
    "key"   VARCHAR NOT NULL,
    field   VARCHAR NOT NULL,
    lang    VARCHAR NOT NULL CHECK (lang IN ('es')),
    text    VARCHAR NOT NULL CHECK (length(text) > 0),
    PRIMARY KEY ("table", "key", field, lang)
);
