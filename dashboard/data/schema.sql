-- Public schema of the dashboard store (data/border.duckdb).
-- Built by `python -m dashboard build` from the curated CSV files in data/.

CREATE TABLE sources (
    source_id    VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL CHECK (length(title) > 0),
    publisher    VARCHAR NOT NULL,
    via          VARCHAR,      -- the copy cited, when it is not the publisher's own page
    author       VARCHAR,
    published    VARCHAR,      -- as given: a date (2022-06-15) or an instant with its offset (2022-06-15T12:04-05:00)
    precision    VARCHAR NOT NULL CHECK (precision IN ('minute', 'day', 'on_or_before', 'on_or_after', 'undated')),
    time_note    VARCHAR,      -- how the date or time is known (assumed zones, inferred dates)
    url          VARCHAR NOT NULL CHECK (regexp_matches(url, '^https?://')),
    licence      VARCHAR NOT NULL,
    published_on DATE,         -- the date as printed (the publisher's local date)
    published_at TIMESTAMPTZ,  -- the instant, only when a time and zone are known
    public_from  TIMESTAMPTZ,  -- certainly public from (see dashboard/data/time_rule.py); NULL: cannot tell
    earliest_at  TIMESTAMPTZ,  -- could not have come out before; NULL: cannot tell
    CHECK ((precision = 'minute') = (published_at IS NOT NULL)),
    CHECK ((precision = 'undated') = (published_on IS NULL))
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
    stated_by    VARCHAR REFERENCES actors (actor_id),  -- who states it; NULL for this dashboard's arithmetic
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
    CHECK (is_derived = (derivation IS NOT NULL)),
    CHECK (is_derived = (stated_by IS NULL))
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
    st.name AS stated_by_name,  -- NULL: this dashboard's arithmetic (named in the page's language)
    s.title AS source_title,
    s.publisher AS source_publisher,
    s.url AS source_url
FROM figures f
JOIN metrics m USING (metric)
JOIN actors a USING (actor_id)
LEFT JOIN actors st ON st.actor_id = f.stated_by
JOIN sources s USING (source_id);

-- CBP's monthly Southwest Land Border encounter totals, one row per value
-- observed for a month: revisions are kept, never overwritten.
CREATE TABLE official_observations (
    month       DATE NOT NULL CHECK (day(month) = 1),
    value       BIGINT NOT NULL CHECK (value >= 0),
    observed_on DATE NOT NULL,
    observed_at TIMESTAMPTZ,           -- the instant, when known
    vintage     VARCHAR NOT NULL CHECK (vintage IN ('first_release', 'first_seen', 'revision')),
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    actor_id    VARCHAR NOT NULL REFERENCES actors (actor_id),
    observed_in VARCHAR NOT NULL,
    note        VARCHAR,
    public_from TIMESTAMPTZ NOT NULL,  -- observed_at, or the end of observed_on everywhere (dashboard/data/time_rule.py)
    PRIMARY KEY (month, observed_on),
    CHECK (observed_on > month)
);

-- What the record said about each month at an instant: values certainly public by then.
-- SELECT * FROM official_as_of(TIMESTAMPTZ '2022-06-15 12:04-05:00'). Months not yet published are absent.
CREATE MACRO official_as_of(as_of) AS TABLE
SELECT
    month,
    CAST(year(month) + CASE WHEN month(month) >= 10 THEN 1 ELSE 0 END AS INTEGER) AS fiscal_year,
    arg_max(value, observed_on) AS value,
    max(observed_on) AS observed_on,
    arg_max(vintage, observed_on) AS vintage,
    arg_max(observed_in, observed_on) AS observed_in,
    arg_max(source_id, observed_on) AS source_id,  -- the source of the value shown, not of another observation
    arg_max(actor_id, observed_on) AS actor_id,
    arg_max(public_from, observed_on) AS public_from
FROM official_observations
WHERE public_from <= as_of
GROUP BY month;

-- The latest value of each month, with its first observed value for comparison.
CREATE VIEW official_latest AS
SELECT
    l.*,
    f.first_value,
    f.first_observed_on,
    f.observations
FROM official_as_of('infinity'::TIMESTAMPTZ) l
JOIN (
    SELECT month, arg_min(value, observed_on) AS first_value, min(observed_on) AS first_observed_on,
           count(*) AS observations
    FROM official_observations GROUP BY month
) f USING (month);

-- Other sources on an article figure: one row per (figure, source, relation), with the source's own value
-- and its verbatim words. `compares` marks a value of the same quantity as the figure (a candidate match).
CREATE TABLE evidence (
    figure_id    VARCHAR NOT NULL REFERENCES figures (figure_id),
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    relation     VARCHAR NOT NULL CHECK (relation IN ('origin', 'corroborates', 'contradicts', 'refines')),
    value        DOUBLE CHECK (value >= 0),
    value_text   VARCHAR,
    unit         VARCHAR,
    period_start DATE,
    period_end   DATE,
    compares     BOOLEAN NOT NULL,
    quote        VARCHAR NOT NULL CHECK (length(trim(quote)) > 0),
    note         VARCHAR,
    PRIMARY KEY (figure_id, source_id, relation),
    CHECK (value IS NULL OR (unit IS NOT NULL AND value_text IS NOT NULL)),
    CHECK (NOT compares OR value IS NOT NULL),
    CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);

-- Was `src` certainly public at the earliest instant `art` could have come out? 'before', 'after' or 'unclear'.
CREATE MACRO known_when(src_public_from, src_earliest, art_earliest, art_public_from) AS
    CASE WHEN src_public_from IS NOT NULL AND art_earliest IS NOT NULL AND src_public_from <= art_earliest
              THEN 'before'
         WHEN src_earliest IS NOT NULL AND art_public_from IS NOT NULL AND src_earliest >= art_public_from
              THEN 'after'
         ELSE 'unclear' END;

-- Every evidence row with its source, and whether the source was public when the figure's article came out.
CREATE VIEW evidence_cited AS
SELECT
    e.*,
    s.title AS source_title, s.publisher AS source_publisher, s.via AS source_via, s.author AS source_author, s.url AS source_url,
    s.licence AS source_licence, s.published AS source_published, s.precision AS source_precision,
    s.published_on AS source_published_on, s.time_note AS source_time_note, s.public_from AS source_public_from,
    known_when(s.public_from, s.earliest_at, a.earliest_at, a.public_from) AS known_at_publication
FROM evidence e
JOIN sources s USING (source_id)
JOIN figures f USING (figure_id)
JOIN sources a ON a.source_id = f.source_id;

-- Texts of the data in other languages (English is the data itself); quotes are never translated.
CREATE TABLE translations (
    "table" VARCHAR NOT NULL,
    "key"   VARCHAR NOT NULL,
    field   VARCHAR NOT NULL,
    lang    VARCHAR NOT NULL CHECK (lang IN ('es')),
    text    VARCHAR NOT NULL CHECK (length(text) > 0),
    PRIMARY KEY ("table", "key", field, lang)
);
