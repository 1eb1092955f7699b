"""Who the article's "arrivals" were, from CBP's own rows: the Southwest Land Border encounters of a month range by
component, title of authority, demographic, citizenship and place; the rows' monthly sums beside CBP's published
totals; and the article's monthly figures beside the same months' rows. Pure pandas: no store, no Streamlit."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.data import queries
from dashboard.data.filters import first_day, last_day, month_key
from dashboard.words import i18n

TOP = 10  # citizenships named one by one; the others are summed as REST
REST = "…"  # the category of every other citizenship, named in words by the page


CBP, DIMENSIONS = queries.CBP, queries.SOUTHWEST_DIMENSIONS


def breakdown_months(chosen: tuple[str, str], every: tuple[str, str], figures: pd.DataFrame) -> tuple[str, str, bool]:
    """The months the breakdowns sum (first and last `YYYY-MM`) and whether they are the default: the month filter's
    (`chosen`), or, when it hides nothing (`every`), the months of the article's monthly figures (`figures`: every
    figure of the article)."""
    if tuple(chosen) != tuple(every):
        return chosen[0], chosen[1], False
    monthly = figures[figures["chart"] == "monthly"]
    return month_key(monthly["period_start"].min()), month_key(monthly["period_end"].max()), True


def days(first: str, last: str) -> tuple[date, date]:
    """The first day of month `first` and the last of month `last`."""
    return first_day(first), last_day(last)


def months_of(rows: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """The rows (with a `month` column) from `first` to `last`, inclusive."""
    months = rows["month"]
    return rows[(months >= first) & (months <= last)]


def shares(rows: pd.DataFrame, dimension: str, first: date, last: date) -> pd.DataFrame:
    """One breakdown over the months `first`..`last`: `category`, `encounters` and `share` (percent of the months'
    Southwest encounters), largest first (ties by name). Citizenship keeps its ten largest; the rest are summed as
    REST, last, with `categories` saying how many it holds (1 for every other row)."""
    kept = months_of(rows[rows["dimension"] == dimension], first, last)
    table = (kept.groupby("category")["total"].sum().reset_index()
             .sort_values(["total", "category"], ascending=[False, True]).rename(columns={"total": "encounters"}))
    table["categories"] = 1
    if dimension == "citizenship" and len(table) > TOP:
        rest = pd.DataFrame({"category": [REST], "encounters": [table["encounters"].iloc[TOP:].sum()],
                             "categories": [len(table) - TOP]})
        table = pd.concat([table.iloc[:TOP], rest])
    total = table["encounters"].sum()
    table["share"] = 100 * table["encounters"] / total if total else 0.0
    return table.reset_index(drop=True)


def every_share(rows: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """Every breakdown's `shares` one after the other, with its `dimension`: what a download of them all holds."""
    return pd.concat([shares(rows, d, first, last).assign(dimension=d) for d in DIMENSIONS], ignore_index=True)


CITATION = ["source_title", "source_publisher", "source_url", "source_licence", "files"]
UNIT = "encounters (events, not people)"
DOWNLOAD = ["month_from", "month_to", "region", "dimension", "category", "categories", "encounters", "share_percent",
            "unit", *CITATION]


def cited(files: pd.DataFrame, first: date, last: date) -> dict[str, str]:
    """The citation columns of a download of the months `first`..`last` (`files`: which file each month comes
    from, `queries.encounter_files`): the shipped files' source, and every file with its date and how it is known."""
    named = months_of(files, first, last).drop_duplicates("file_name")
    sourced = named.dropna(subset=["source_title"])
    found = {c: (sourced[c].iloc[0] if len(sourced) else "") for c in CITATION[:-1]}
    return found | {"files": "; ".join(f"{f} ({h} {d})" for f, h, d in
                                       i18n.rows_of(named, "file_name", "dated_how", "dated"))}


def download(table: pd.DataFrame, first: str, last: str, citation: dict[str, str]) -> pd.DataFrame:
    """Breakdown rows (`shares` with their `dimension`) as downloaded: the months, the region, the unit, the
    citation."""
    out = table.assign(month_from=first, month_to=last, region="Southwest Land Border", unit=UNIT, **citation)
    return out.rename(columns={"share": "share_percent"})[DOWNLOAD]


def share_of(table: pd.DataFrame, category: str) -> tuple[int, float]:
    """(encounters, share) of one category of a `shares` table; (0, 0.0) when it has none."""
    row = table[table["category"] == category]
    return (int(row["encounters"].iloc[0]), float(row["share"].iloc[0])) if len(row) else (0, 0.0)


def reconciled(comparison: pd.DataFrame) -> pd.DataFrame:
    """The rows' monthly Southwest sums beside CBP's published totals (`southwest_comparison`) for the months the
    rows cover, with `status`: `adds_up` (equal), `differs` or `unpublished` (no published total for the month)."""
    out = comparison[comparison["imported_total"].notna()].reset_index(drop=True)
    out = out.astype({c: "Int64" for c in ("imported_total", "official_latest", "difference") if c in out})
    out["status"] = ["unpublished" if pd.isna(official) else "adds_up" if rows == official else "differs"
                     for rows, official in i18n.rows_of(out, "imported_total", "official_latest")]
    return out


def article_beside_rows(figures: pd.DataFrame, monthly: pd.DataFrame) -> pd.DataFrame:
    """Each of the article's monthly totals (stated, not derived) beside the same month's Southwest sum of CBP's
    rows: `ref`, `month`, `value` (the article's), `value_text`, `quote`, `rows_total`, `difference` (rows minus
    article) and `percent` (of the article's value). Months the rows do not cover are left out."""
    stated = figures[(figures["chart"] == "monthly") & ~figures["is_derived"].astype(bool)]
    out = stated.assign(month=[d.replace(day=1) for d in stated["period_start"]])[
        ["ref", "month", "value", "value_text", "quote"]]
    out = out.merge(monthly.rename(columns={"imported_total": "rows_total"})[["month", "rows_total"]])  # on month
    out = out[out["rows_total"].notna()].reset_index(drop=True)
    out["difference"] = out["rows_total"] - out["value"]
    out["percent"] = 100 * out["difference"] / out["value"]
    return out
