"""The export bundle: a filtered view's tables as CSV, described by a Frictionless `datapackage.json`,
with citations of every source (CSL-JSON and BibTeX) and a README saying what the filter was and how to cite.

`python -m dashboard export OUT.zip` and the app's "Download everything" button write the same bundle.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.check import cbp_breakdowns, claimreview, claims
from dashboard.data import queries
from dashboard.data.filters import Filters
from dashboard.outputs import addresses
from dashboard.present import citations
from dashboard.words import i18n

FIELDS = Path(__file__).with_name("export_fields.csv")
# File name -> the chart in the store whose figures it holds.
CHART_FILES = {"monthly-arrivals": "monthly", "daily-arrivals": "daily", "enforcement": "enforcement",
               "events": "timeline"}
SERIES_COLUMNS = ["month", "fiscal_year", "value", "observed_on", "vintage", "observed_in", "first_value",
                  "first_observed_on", "latest_value", "latest_observed_on", "source_title", "source_publisher",
                  "source_url", "source_licence"]



@cache
def field_metadata() -> dict[tuple[str, str], dict[str, str]]:
    """(resource or '', field) -> {type, unit, description}, from dashboard/outputs/export_fields.csv."""
    with open(FIELDS, encoding="utf-8", newline="") as handle:
        return {(row["resource"], row["field"]): {k: row[k] for k in ("type", "unit", "description")}
                for row in csv.DictReader(handle)}


def field_descriptor(resource: str, field: str) -> dict:
    """A Table Schema field: name, type, description, and its unit where it has one (a custom property)."""
    meta = field_metadata()
    found = meta.get((resource, field)) or meta[("", field)]
    descriptor = {"name": field, "type": found["type"], "description": found["description"]}
    return descriptor | ({"unit": found["unit"]} if found["unit"] else {})


def view_tables(cur: duckdb.DuckDBPyConnection, filters: Filters, lang: str) -> dict[str, pd.DataFrame]:
    """Every table of the view under `filters`: one per chart, all figures, the official series,
    the claim check, the sources and the actors. Texts in `lang`; quotes as the source words them."""
    figures = queries.localized(cur, "figures", lang, filters)
    tables = {name: figures[figures["chart"] == chart][citations.DOWNLOAD_COLUMNS]
              for name, chart in CHART_FILES.items()}
    tables["figures"] = figures[citations.DOWNLOAD_COLUMNS]
    official = queries.localized(cur, "official_series", lang, filters, None)
    tables["cbp-monthly-latest"] = official[SERIES_COLUMNS]
    tables["claim-check"] = claims.claim_check(cur, filters, lang)[claims.DOWNLOAD]
    tables["evidence"] = queries.localized(cur, "evidence", lang, filters)[citations.EVIDENCE_DOWNLOAD]
    tables["sources"] = queries.localized(cur, "sources", lang)
    actors = queries.localized(cur, "actors", lang)
    tables["actors"] = actors[actors["actor_id"].isin(filters.actors)]
    if cbp_breakdowns.CBP in filters.actors and queries.has_encounters(cur):
        tables |= cbp_tables(cur, filters, queries.localized(cur, "figures", lang, everything(cur)))
    return {name: df.reset_index(drop=True) for name, df in tables.items()}


CBP_FILES = ["month", "file_name", "files", "dated", "dated_how", "sha256", "source_id", "source_title",
             "source_publisher", "source_url", "source_licence"]


def everything(cur: duckdb.DuckDBPyConnection) -> Filters:
    months = queries.month_options(cur)
    return Filters(months[0], months[-1], tuple(queries.actors(cur)["actor_id"]))


def cbp_tables(cur: duckdb.DuckDBPyConnection, filters: Filters, figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """CBP's own rows, as the page shows them: which file each month of the filter comes from, the rows' Southwest
    sums beside CBP's published totals, and the breakdowns of the article's months (or the filter's)."""
    files = queries.encounter_files(cur)
    first, last, _ = cbp_breakdowns.breakdown_months((filters.month_from, filters.month_to),
                                                 (queries.month_options(cur)[0], queries.month_options(cur)[-1]),
                                                 figures)
    start, end = cbp_breakdowns.days(first, last)
    shares = cbp_breakdowns.every_share(queries.southwest_breakdowns(cur), start, end)
    return {"cbp-month-files": cbp_breakdowns.months_of(files, filters.start, filters.end)[CBP_FILES],
            "cbp-southwest-vs-record": cbp_breakdowns.reconciled(queries.southwest_comparison(cur, filters)),
            "cbp-southwest-breakdowns": cbp_breakdowns.download(shares, first, last,
                                                                cbp_breakdowns.cited(files, start, end))}


def resource(name: str, df: pd.DataFrame, sources: pd.DataFrame) -> dict:
    """The datapackage.json entry of one CSV file: its fields with types and descriptions, its sources."""
    fields = [field_descriptor(name, c) for c in df.columns]
    return {
        "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields},
        "sources": [{"title": r["title"], "path": r["url"]} for _, r in sources.iterrows()],
    }


def resource_sources(name: str, sources: pd.DataFrame, record: list[str]) -> pd.DataFrame:
    """The sources a table's rows come from: the record's (`record`, CBP's) for the official series, the article
    for figures, all for the claim check, the evidence and the source list."""
    if name == "cbp-monthly-latest":
        return sources[sources["source_id"].isin(record)]
    if name in ("claim-check", "evidence", "sources", "actors"):
        return sources
    if name.startswith("cbp-"):  # the files' own sources (`record` holds them, with CBP's record's)
        return sources[sources["source_id"].isin(record)]
    return sources[sources["source_id"] == queries.ARTICLE]


def datapackage(tables: dict[str, pd.DataFrame], filters: Filters, lang: str, created: datetime,
                names: dict[str, str], record: list[str]) -> dict:
    """A Frictionless Tabular Data Package describing every file of the bundle (`names`: every actor's name)."""
    sources = tables["sources"]
    return {
        "profile": "tabular-data-package",
        "name": "border-migration-" + filters.file_suffix(tuple(names)).lower(),
        "language": lang,
        "title": i18n.t(lang, "title"),
        "description": i18n.t(lang, "bundle_description", filter=filters.describe(lang, names)),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": ["migration", "Mexico", "United States", "border", "CBP"],
        "licenses": [{"name": "other-pd" if s["licence"].startswith("Public domain") else "other-closed",
                      "title": s["licence"]} for _, s in sources.drop_duplicates("licence").iterrows()],
        "sources": [{"title": s["title"], "path": s["url"]} for _, s in sources.iterrows()],
        "resources": [resource(name, df, resource_sources(name, sources, record)) for name, df in tables.items()],
    }


def readme(tables: dict[str, pd.DataFrame], filter_text: str, lang: str, created: datetime,
           address: str | None = None) -> str:
    """What the bundle holds, the filter it was made with (in words), how to cite it, and where the view is online
    (or that the export was not told), in `lang`."""
    article = tables["sources"].set_index("source_id").loc[queries.ARTICLE]
    files = "\n".join(f"- `{name}.csv`: {i18n.t_n(lang, 'rows_n', len(df))}" for name, df in tables.items())
    online = i18n.t(lang, "bundle_online", url=address) if address else i18n.t(lang, "bundle_no_address")
    return i18n.t(lang, "bundle_readme", title=i18n.t(lang, "title"), filter=filter_text,
                  created=created.strftime("%Y-%m-%d %H:%M UTC"), files=files,
                  citation=citations.plain_citation(article)) + "\n\n" + online + "\n"


def bundle(cur: duckdb.DuckDBPyConnection, filters: Filters, lang: str = "en",
           created: datetime | None = None, base_url: str | None = None) -> bytes:
    """The export bundle of the view as ZIP bytes; `base_url`, the dashboard's public address, gives every
    ClaimReview item its `url` (the claim check tab at its figure)."""
    lang, created = i18n.lang_of(lang), created or datetime.now(UTC)
    tables = view_tables(cur, filters, lang)
    actors = queries.localized(cur, "actors", lang)
    names = queries.names_of(actors)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, df in tables.items():
            archive.writestr(f"{name}.csv", citations.csv_bytes(df))
        cbp = tables["cbp-month-files"]["source_id"].dropna().tolist() if "cbp-month-files" in tables else []
        package = datapackage(tables, filters, lang, created, names, [*queries.record_sources(cur), *cbp])
        archive.writestr("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False))
        archive.writestr("citations.json", json.dumps(citations.csl_json(tables["sources"]), indent=2,
                                                      ensure_ascii=False))
        archive.writestr("citations.bib", citations.bibtex(tables["sources"]))
        article = tables["sources"].set_index("source_id").loc[queries.ARTICLE]
        at = partial(addresses.view_address, base_url, filters, lang, tuple(names))
        reviews = claimreview.reviews(tables["claim-check"], tables["evidence"], article, created, lang,
                                      at(tab="check"))
        archive.writestr("claimreview.json", json.dumps(reviews, indent=2, ensure_ascii=False))
        archive.writestr("README.md", readme(tables, filters.describe(lang, names), lang, created, at()))
    return out.getvalue()


def bundle_name(filters: Filters, all_actors: tuple[str, ...]) -> str:
    return f"border-migration_{filters.file_suffix(all_actors)}.zip"
