"""The curated tables in data/: their fields and the rules that tie them together."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.data import time_rule
from dashboard.data.validate import DataError, Field, Table, check_references, parse_table
from dashboard.words.i18n import LANGS, TRANSLATABLE, row_key

SOURCES = Table("sources", "source_id", (
    Field("source_id", "slug"),
    Field("title"),
    Field("publisher"),
    Field("via", required=False),
    Field("author", required=False),
    Field("published", "when", required=False),
    Field("precision"),
    Field("time_note", required=False),
    Field("url", "url"),
    Field("licence"),
))
ACTORS = Table("actors", "actor_id", (
    Field("actor_id", "slug"),
    Field("name"),
    Field("country"),
    Field("kind"),
    Field("color", "color"),
))
METRICS = Table("metrics", "metric", (
    Field("metric"),
    Field("label"),
    Field("short_label"),
    Field("unit"),
    Field("chart"),
))
FIGURES = Table("figures", "figure_id", (
    Field("figure_id", "slug"),
    Field("source_id", ref="sources"),
    Field("actor_id", ref="actors"),
    Field("stated_by", ref="actors", required=False),
    Field("metric", ref="metrics"),
    Field("value", "number", required=False),
    Field("value_text"),
    Field("unit"),
    Field("period_start", "date"),
    Field("period_end", "date"),
    Field("quote"),
    Field("is_derived", "bool"),
    Field("derivation", required=False),
    Field("note", required=False),
))
OFFICIAL = Table("official_observations", ("month", "observed_on"), (
    Field("month", "month"),
    Field("value", "number"),
    Field("observed_on", "date"),
    Field("observed_at", "instant", required=False),
    Field("vintage"),
    Field("source_id", ref="sources"),
    Field("actor_id", ref="actors"),
    Field("observed_in"),
    Field("note", required=False),
))
EVIDENCE = Table("evidence", ("figure_id", "source_id", "relation"), (
    Field("figure_id", ref="figures"),
    Field("source_id", ref="sources"),
    Field("relation"),
    Field("value", "number", required=False),
    Field("value_text", required=False),
    Field("unit", required=False),
    Field("period_start", "date", required=False),
    Field("period_end", "date", required=False),
    Field("compares", "bool"),
    Field("quote"),
    Field("note", required=False),
))
TRANSLATIONS = Table("translations", ("table", "key", "field", "lang"), (
    Field("table"),
    Field("key"),
    Field("field"),
    Field("lang"),
    Field("text"),
))
TABLES = (SOURCES, ACTORS, METRICS, FIGURES, OFFICIAL, EVIDENCE, TRANSLATIONS)
RELATIONS = ("origin", "corroborates", "contradicts", "refines")
VINTAGES = ("first_release", "first_seen", "revision")
CHARTS = ("monthly", "daily", "enforcement", "timeline")
NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def load_curated(data_dir: Path) -> dict[str, list[dict]]:
    """Return every curated table's typed rows, checked, or raise a DataError."""
    tables = {t.name: parse_table(t, data_dir / t.file_name) for t in TABLES}
    keys = {t.name: {t.key_of(row) for row in tables[t.name]} for t in TABLES}
    for table in TABLES:
        check_references(table, tables[table.name], keys)
    _check_metrics(tables["metrics"])
    for row in tables["sources"]:
        _check_source(row)
    units = {m["metric"]: m["unit"] for m in tables["metrics"]}
    values = {f["figure_id"]: f["value"] for f in tables["figures"]}
    for row in tables["figures"]:
        _check_figure(row, units, values)
    for row in tables["official_observations"]:
        _check_observation(row)
    article_ids = {f["source_id"] for f in tables["figures"]}
    figure_units = {f["figure_id"]: f["unit"] for f in tables["figures"]}
    for row in tables["evidence"]:
        _check_evidence(row, article_ids, figure_units)
    written = {name: {row_key(key) for key in keys[name]} for name, _ in TRANSLATABLE}  # as translations.csv has them
    for row in tables["translations"]:
        _check_translation(row, written)
    return tables


# Columns the store holds beyond the files' own: the time bounds worked out by `timing`.
COMPUTED = {"sources": ("published_on", "published_at", "public_from", "earliest_at"),
            "official_observations": ("public_from",)}


def with_computed(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tables with their COMPUTED columns filled in, and `published` as the text it was given."""
    out = dict(tables)
    out["sources"] = [row | vars(time_rule.bounds(row["published"], row["precision"]))
                      | {"published": None if row["published"] is None else row["published"].isoformat()}
                      for row in tables["sources"]]
    out["official_observations"] = [
        row | {"public_from": time_rule.observation_public_from(row["observed_on"], row["observed_at"])}
        for row in tables["official_observations"]]
    return out


def _check_translation(row: dict, keys: dict[str, set]) -> None:
    """A translation names a language, a translatable field and a row that exists (`keys`: each table's keys as
    translations.csv writes them, `row_key`)."""
    def fail(field: str, problem: str):
        raise DataError("translations.csv", row["_line"], field, problem)

    fields = {f for t, f in TRANSLATABLE if t == row["table"]}
    if not fields:
        fail("table", f"must be one of {', '.join(sorted({t for t, _ in TRANSLATABLE}))}")
    if row["field"] not in fields:
        fail("field", f"must be one of {', '.join(sorted(fields))} for table {row['table']}")
    if row["lang"] not in LANGS[1:]:
        others = ", ".join(LANGS[1:])  # pragma: no mutate (one language after English: no separator shows)
        fail("lang", f"must be one of {others} (English is the data itself)")
    if row["key"] not in keys[row["table"]]:
        fail("key", f"{row['key']!r} is not a row of {row['table']}.csv")


def _check_observation(row: dict) -> None:
    def fail(field: str, problem: str):
        raise DataError("official_observations.csv", row["_line"], field, problem)

    if row["vintage"] not in VINTAGES:
        fail("vintage", f"must be one of {', '.join(VINTAGES)}")
    if row["observed_on"] <= row["month"]:
        fail("observed_on", "is not after the month it reports")
    if row["value"] != int(row["value"]):
        fail("value", "must be a whole number of encounters")


def _check_source(row: dict) -> None:
    problem = time_rule.check(row["published"], row["precision"])
    if problem:
        raise DataError("sources.csv", row["_line"], "precision", problem)


def _check_evidence(row: dict, article_ids: set[str], figure_units: dict[str, str]) -> None:
    """An evidence row: a known relation, another source than the article, a value only with its unit and words,
    a period in order, and `compares` only for a value in the figure's unit (or a total beside a daily rate)."""
    def fail(field: str, problem: str):
        raise DataError("evidence.csv", row["_line"], field, problem)

    if row["relation"] not in RELATIONS:
        fail("relation", f"must be one of {', '.join(RELATIONS)}")
    if row["source_id"] in article_ids:
        fail("source_id", "is a source of the figures themselves, not other evidence")
    if row["value"] is not None and (row["unit"] is None or row["value_text"] is None):
        fail("unit" if row["unit"] is None else "value_text", "must be given with a value")
    if row["period_start"] and row["period_end"] and row["period_end"] < row["period_start"]:
        fail("period_end", "is before period_start")
    if row["compares"] and row["value"] is None:
        fail("compares", "can be true only for a row with a value")
    if row["compares"] and not comparable_units(figure_units[row["figure_id"]], row["unit"]):
        fail("unit", f"{row['unit']!r} cannot be compared with the figure's {figure_units[row['figure_id']]!r}")


def comparable_units(figure_unit: str, unit: str | None) -> bool:
    """A source's value measures the figure's quantity: same unit, encounters beside people, or a total
    beside a daily rate (spread over its period's days)."""
    people = {"people", "encounters"}
    if unit == figure_unit or {unit, figure_unit} <= people:
        return True
    return figure_unit == "people per day" and unit in people | {"encounters per day"}


def _check_metrics(rows: list[dict]) -> None:
    for row in rows:
        if row["chart"] not in CHARTS:
            raise DataError("metrics.csv", row["_line"], "chart", f"must be one of {', '.join(CHARTS)}")


def _check_figure(row: dict, units: dict[str, str], values: dict[str, float | None]) -> None:
    def fail(field: str, problem: str):
        raise DataError("figures.csv", row["_line"], field, problem)

    if row["unit"] != units[row["metric"]]:
        fail("unit", f"must be {units[row['metric']]!r}, the unit of metric {row['metric']!r}")
    if row["period_end"] < row["period_start"]:
        fail("period_end", "is before period_start")
    if row["value"] is None and row["metric"] != "event" and row["value_text"][:1].isdigit():
        fail("value", "is empty although value_text states a number")
    if row["is_derived"] != (row["derivation"] is not None):
        fail("derivation", "must be given exactly when is_derived is true")
    if row["is_derived"] == (row["stated_by"] is not None):
        fail("stated_by", "names who states the figure; empty exactly for a derived figure (this dashboard's "
                          "arithmetic)")
    if row["is_derived"]:
        computed = evaluate_derivation(row["derivation"], values, row["_line"])
        if row["value"] is None or abs(computed - row["value"]) >= 0.5:
            fail("value", f"does not match its derivation ({computed:,.2f})")


def evaluate_derivation(formula: str, values: dict[str, float | None], line: int = 0) -> float:
    """Evaluate `figure-id * number / number ...` (spaces between tokens) left to right."""
    def fail(problem: str):
        raise DataError("figures.csv", line or None, "derivation", problem)

    tokens = formula.split()
    if len(tokens) % 2 == 0:
        fail(f"{formula!r} is not of the form 'figure-id * number'")
    operands = [_operand(tok, values, fail) for tok in tokens[::2]]
    result = operands[0]
    for op, operand in zip(tokens[1::2], operands[1:], strict=True):  # pragma: no mutate (equal lengths)
        if op not in ("*", "/") or (op == "/" and operand == 0):
            fail(f"bad operator or division by zero in {formula!r}")
        result = result * operand if op == "*" else result / operand
    return result


def _operand(token: str, values: dict[str, float | None], fail) -> float:
    if NUMBER.match(token):
        return float(token)
    if values.get(token) is None:
        fail(f"names {token!r}, which is not a figure with a value")
    return values[token]


def derivation_inputs(formula: str) -> list[str]:
    """Return the figure ids a derivation uses."""
    return [tok for tok in formula.split()[::2] if not NUMBER.match(tok)]
