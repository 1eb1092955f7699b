"""Import CBP's published encounter CSV files into their own store, with DuckDB's CSV reader.

`python -m dashboard import-cbp FILE.csv [...]` copies the current encounters build (if any) to a
new file, replaces the rows of each named file in one transaction, rebuilds the monthly aggregate,
and swaps the new build in (`data/encounters.duckdb`). Any bad line stops the import with file,
line and field; nothing is half-loaded, and re-importing a file replaces its rows.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from dashboard import store
from dashboard.validate import DataError

ENCOUNTERS_NAME = "encounters.duckdb"
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
SPELLINGS = 3  # each month's spellings in MONTH_ENUM, in calendar order: its number is enum_code // 3 + 1
MONTH_ENUM = "ENUM(" + ", ".join(f"'{m}', '{m.title()}', '{m.lower()}'" for m in MONTHS) + ")"
# canonical column -> (SQL type in read_csv, header spellings CBP has used, compared without case/punctuation)
COLUMNS = {
    "fiscal_year": ("VARCHAR", ("fiscalyear", "fy")),
    "month": (MONTH_ENUM, ("monthabbv", "month", "monthabbreviation")),
    "component": ("VARCHAR", ("component",)),
    "region": ("VARCHAR", ("landborderregion", "region")),
    "aor": ("VARCHAR", ("areaofresponsibility", "aor")),
    "aor_abbv": ("VARCHAR", ("aorabbv", "aorabbreviation")),
    "demographic": ("VARCHAR", ("demographic",)),
    "citizenship": ("VARCHAR", ("citizenship", "citizenshipgrouping")),
    "title": ("VARCHAR", ("titleofauthority", "title")),
    "encounter_type": ("VARCHAR", ("encountertype",)),
    "count": ("BIGINT", ("encountercount", "encounters", "count")),
}
SCHEMA = """
CREATE TABLE IF NOT EXISTS encounters (
    fiscal_year SMALLINT NOT NULL, month DATE NOT NULL, component VARCHAR, region VARCHAR, aor VARCHAR,
    aor_abbv VARCHAR, demographic VARCHAR, citizenship VARCHAR, title VARCHAR, encounter_type VARCHAR,
    count BIGINT NOT NULL CHECK (count >= 0), file_name VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    file_name VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, rows BIGINT NOT NULL, imported_at TIMESTAMP NOT NULL
);
"""
AGGREGATE = """
CREATE OR REPLACE TABLE encounters_monthly AS
SELECT month, fiscal_year, region, component, demographic, citizenship, sum(count)::BIGINT AS total
FROM encounters GROUP BY ALL ORDER BY month;
"""


def encounters_store(data: Path) -> Path:
    return data / ENCOUNTERS_NAME


def header_map(path: Path) -> dict[str, str]:
    """CSV header name -> canonical column, or a DataError naming the missing column."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(path.name, 1, None, f"cannot read the header: {err}") from None
    names = [n.strip().strip('"') for n in first.rstrip("\r\n").split(",")]
    found = {}
    for canonical, (_, spellings) in COLUMNS.items():
        match = [n for n in names if re.sub(r"[^a-z]", "", n.lower()) in spellings]
        if not match:
            raise DataError(path.name, 1, canonical.replace("_", " "), "column is missing from the header")
        found[match[0]] = canonical
    return found


def _read_csv_sql(path: Path, names: dict[str, str]) -> str:
    columns = ", ".join(f"'{h.replace(chr(39), chr(39) * 2)}': '{COLUMNS[c][0].replace(chr(39), chr(39) * 2)}'"
                        for h, c in names.items())
    return (f"read_csv(?, header = true, columns = {{{columns}}}, store_rejects = true, "
            f"strict_mode = true, encoding = 'utf-8')")


def _load_file(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Insert one file's rows (replacing an earlier import of the same file name); return the row count.

    The rows go straight from DuckDB's CSV reader into the table. Lines the reader cannot type are
    kept aside by `store_rejects`; a value the table's constraints refuse aborts the statement, and
    the file is then scanned again on its own connection to name the line.
    """
    names = header_map(path)
    con.execute("DELETE FROM encounters WHERE file_name = ?", [path.name])
    try:
        rows = con.execute(f"INSERT INTO encounters {_typed_rows(path, names)}", [path.name, str(path)]).fetchall()
    except duckdb.ConstraintException:
        _locate_bad_line(path, names)
        raise
    _raise_first_reject(con, path)
    return rows[0][0]


def _typed_rows(path: Path, names: dict[str, str]) -> str:
    """SELECT of the table's columns from the file (parameters: file name, file path)."""
    column = {c: f'"{h}"' for h, c in names.items()}
    return f"""
        SELECT fy AS fiscal_year, make_date(CASE WHEN m >= 10 THEN fy - 1 ELSE fy END, m, 1) AS month,
               {column['component']} AS component, {column['region']} AS region, {column['aor']} AS aor,
               {column['aor_abbv']} AS aor_abbv, {column['demographic']} AS demographic,
               {column['citizenship']} AS citizenship, {column['title']} AS title,
               {column['encounter_type']} AS encounter_type, {column['count']} AS count, ? AS file_name
        FROM (SELECT *, TRY_CAST(regexp_extract({column['fiscal_year']}, '(\\d{{4}})', 1) AS SMALLINT) AS fy,
                     enum_code({column['month']}) // {SPELLINGS} + 1 AS m
              FROM {_read_csv_sql(path, names)})"""


def _raise_first_reject(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    rejects = con.execute(
        "SELECT line, column_name, error_type, error_message FROM reject_errors ORDER BY line LIMIT 1"
    ).fetchall()
    if rejects:
        line, column, kind, message = rejects[0]
        raise DataError(path.name, int(line), column, f"{kind.lower()}: {message.splitlines()[0][:160]}")


def _locate_bad_line(path: Path, names: dict[str, str]) -> None:
    """Raise a DataError for the first line whose value the table refuses (an error path: scans again)."""
    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = true")
        con.execute(f"CREATE TEMP TABLE scanned AS {_typed_rows(path, names)}", [path.name, str(path)])
        _raise_first_reject(con, path)
        bad = con.execute(
            """SELECT line, field FROM (
                   SELECT row_number() OVER () + 1 AS line,
                          CASE WHEN fiscal_year IS NULL OR fiscal_year < 1990 THEN 'Fiscal Year'
                               WHEN count < 0 THEN 'Encounter Count' END AS field
                   FROM scanned) WHERE field IS NOT NULL ORDER BY line LIMIT 1"""
        ).fetchall()
    finally:
        con.close()
    if bad:
        raise DataError(path.name, int(bad[0][0]), bad[0][1], "is not a valid value")


def import_files(paths: list[Path], data: Path, progress: bool = True) -> dict:
    """Import CBP encounter CSV files; return rows and seconds per file. Raises DataError on bad input."""
    target = encounters_store(data)
    with store.build_lock(target):
        build = store.new_build_path(target)
        try:
            result = _import_into(build, target, paths, progress)
        except BaseException:
            build.unlink(missing_ok=True)
            raise
        store.swap_in(build, target)
        store.prune_old_builds(target)
    return result


def _import_into(build: Path, target: Path, paths: list[Path], progress: bool) -> dict:
    if target.exists():
        shutil.copyfile(target.resolve(), build)
    con = duckdb.connect(str(build))
    try:
        con.execute(f"SET enable_progress_bar = {str(progress).lower()}")
        con.execute("SET preserve_insertion_order = false")  # rows need no file order: faster parallel insert
        con.execute("BEGIN")
        con.execute(SCHEMA)
        files = {}
        for path in paths:
            if not path.is_file():
                raise DataError(path.name, None, None, "file not found")
        with ThreadPoolExecutor(max_workers=1) as hasher:  # hashing releases the GIL, as DuckDB does: in parallel
            digests = {path: hasher.submit(_sha256, path) for path in paths}
            for path in paths:
                started = time.perf_counter()
                rows = _load_file(con, path)
                con.execute("INSERT OR REPLACE INTO imports VALUES (?, ?, ?, now()::TIMESTAMP)",
                            [path.name, digests[path].result(), rows])
                files[path.name] = {"rows": rows, "seconds": round(time.perf_counter() - started, 3)}
        con.execute(AGGREGATE)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
