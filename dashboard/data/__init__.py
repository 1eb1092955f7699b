"""Data: the curated files' validation and time rule, the DuckDB store and its build, CBP's importer, the queries,
the filters and the map's places. May import words only."""
