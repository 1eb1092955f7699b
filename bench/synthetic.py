"""Synthetic files in CBP's encounter CSV format, made locally (nothing is downloaded).

    python -m bench.synthetic OUT.csv --rows 1000000
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

HEADER = ("Fiscal Year", "Month Grouping", "Month (abbv)", "Component", "Land Border Region", "Area of Responsibility",
          "AOR (Abbv)", "Demographic", "Citizenship", "Title of Authority", "Encounter Type", "Encounter Count")
MONTHS = ["OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP"]
COMPONENTS = ["U.S. Border Patrol", "Office of Field Operations"]
REGIONS = ["Southwest Land Border", "Northern Land Border", "Other"]
AORS = [("Rio Grande Valley Sector", "RGV"), ("Del Rio Sector", "DRT"), ("El Paso Sector", "ELP"),
        ("Tucson Sector", "TCA"), ("Yuma Sector", "YUM"), ("San Diego Sector", "SDC"), ("Laredo Sector", "LRT"),
        ("Big Bend Sector", "BBT"), ("El Centro Sector", "ELC"), ("Blaine Sector", "BLW"),
        ("Buffalo Sector", "BUN"), ("San Diego Field Office", "SND"), ("Laredo Field Office", "LRE"),
        ("El Paso Field Office", "ELE"), ("Tucson Field Office", "TUC"), ("Miami Field Office", "MIA")]
DEMOGRAPHICS = ["Single Adults", "FMUA", "UC / Single Minors", "Accompanied Minors"]
CITIZENSHIP = ["MEXICO", "GUATEMALA", "HONDURAS", "EL SALVADOR", "CUBA", "VENEZUELA", "NICARAGUA", "COLOMBIA",
               "ECUADOR", "HAITI", "PERU", "BRAZIL", "INDIA", "CHINA, PEOPLES REPUBLIC OF", "ROMANIA", "RUSSIA",
               "TURKEY", "UKRAINE", "OTHER"]
TITLES = ["Title 8", "Title 42"]
TYPES = ["Apprehensions", "Inadmissibles", "Expulsions"]


def _pick(values: list[str], salt: int) -> str:
    items = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"[{items}][1 + (hash(i * {salt} + {salt}) % {len(values)})::INT]"


def write(path: Path, rows: int, first_fy: int = 2020, years: int = 4, fytd_label: bool = True) -> Path:
    """Write `rows` rows of CBP-format CSV; the last fiscal year is labelled '(FYTD)' like CBP's files."""
    aor = ", ".join(f"['{a}', '{b}']" for a, b in AORS)
    last = first_fy + years - 1
    fy = f"({first_fy} + (i * {years}) // {max(rows, 1)})::INT"
    query = f"""
        SELECT CASE WHEN {fy} = {last} AND {fytd_label} THEN {fy}::VARCHAR || ' (FYTD)' ELSE {fy}::VARCHAR END
                   AS "{HEADER[0]}",
               'FYTD' AS "{HEADER[1]}",
               {_pick(MONTHS, 3)} AS "{HEADER[2]}",
               {_pick(COMPONENTS, 5)} AS "{HEADER[3]}",
               {_pick(REGIONS, 7)} AS "{HEADER[4]}",
               a[1] AS "{HEADER[5]}", a[2] AS "{HEADER[6]}",
               {_pick(DEMOGRAPHICS, 11)} AS "{HEADER[7]}",
               {_pick(CITIZENSHIP, 13)} AS "{HEADER[8]}",
               {_pick(TITLES, 17)} AS "{HEADER[9]}",
               {_pick(TYPES, 19)} AS "{HEADER[10]}",
               1 + hash(i * 23) % 400 AS "{HEADER[11]}"
        FROM (SELECT i, [{aor}][1 + (hash(i * 29) % {len(AORS)})::INT] AS a FROM range({rows}) t(i))
    """
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"COPY ({query}) TO '{path}' (HEADER, DELIMITER ',')")
    finally:
        con.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    write(args.out, args.rows)
    print(f"wrote {args.rows:,} rows to {args.out}")


if __name__ == "__main__":
    main()
