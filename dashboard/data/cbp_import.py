"""Import CBP's published encounter CSV files into their own store, with DuckDB's CSV reader.

`python -m dashboard import-cbp FILE.csv [...]` copies the current encounters build (if any) to a
new file, replaces the rows of each named file in one transaction, works out which file each month
comes from (files overlap: the latest dated file that covers a month wins), rebuilds the aggregates,
and swaps the new build in (`data/encounters.duckdb`). Any bad line stops the import with file,
line and field; nothing is half-loaded, and re-importing a file replaces its rows.

Columns are matched by name (CBP's `Fiscal Year`, republished copies' `fiscal_year`, ...), in any order;
columns the dashboard does not use are read as text and left out.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NamedTuple

import duckdb

from dashboard.data import store
from dashboard.data.validate import DataError

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
OPTIONAL = {"month_grouping": ("VARCHAR", ("monthgrouping",))}  # kept when the file has it
SOUTHWEST = "Southwest Land Border"
DATED_HOW = ("published", "republished", "downloaded")
SCHEMA = """
CREATE TABLE IF NOT EXISTS encounters (
    fiscal_year SMALLINT NOT NULL, month DATE NOT NULL, component VARCHAR, region VARCHAR, aor VARCHAR,
    aor_abbv VARCHAR, demographic VARCHAR, citizenship VARCHAR, title VARCHAR, encounter_type VARCHAR,
    count BIGINT NOT NULL CHECK (count >= 0), file_name VARCHAR NOT NULL
);
ALTER TABLE encounters ADD COLUMN IF NOT EXISTS month_grouping VARCHAR;
CREATE TABLE IF NOT EXISTS imports (
    file_name VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, rows BIGINT NOT NULL, imported_at TIMESTAMP NOT NULL
);
ALTER TABLE imports ADD COLUMN IF NOT EXISTS dated DATE;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS dated_how VARCHAR;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS source_id VARCHAR;
"""
# For each month, the file it comes from: of the files with rows in it, the latest dated, then the latest imported.
AGGREGATE = f"""
CREATE OR REPLACE TABLE month_files AS
SELECT month, arg_max(file_name, (coalesce(dated, imported_at::DATE), imported_at)) AS file_name,
       count(*)::INT AS files
FROM (SELECT DISTINCT month, file_name FROM encounters) JOIN imports USING (file_name)
GROUP BY month ORDER BY month;
CREATE OR REPLACE TABLE encounters_monthly AS
SELECT month, fiscal_year, region, component, demographic, citizenship, sum(count)::BIGINT AS total
FROM encounters JOIN month_files USING (month, file_name) GROUP BY ALL ORDER BY month;
CREATE OR REPLACE TABLE southwest_detail AS
SELECT month, component, title, encounter_type, demographic, citizenship, aor, sum(count)::BIGINT AS total
FROM encounters JOIN month_files USING (month, file_name) WHERE region = '{SOUTHWEST}' GROUP BY ALL ORDER BY month;
"""


RECORD = ("INSERT OR REPLACE INTO imports BY NAME SELECT ? AS file_name, ? AS sha256, ? AS rows, "
          "now()::TIMESTAMP AS imported_at, ? AS dated, ? AS dated_how, ? AS source_id")  # one row per imported file


class Dated(NamedTuple):
    """When a file is known to be from, and how: CBP's publication, a republication, or its download."""

    on: date
    how: str
    source_id: str | None = None


def encounters_store(data: Path) -> Path:
    return data / ENCOUNTERS_NAME


def header_names(path: Path) -> list[str]:
    """The file's header fields, or a DataError naming line 1."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
    except OSError as err:
        raise DataError(path.name, 1, None, f"cannot read the file: {err.strerror}") from None
    try:
        text = first.decode("utf-8-sig")  # pragma: no mutate (codec names are read without regard to case)
    except UnicodeDecodeError as err:
        raise DataError(path.name, 1, None, f"the header is not UTF-8 text (byte {first[err.start]:#04x} at "
                                            f"position {err.start + 1})") from None
    names = [n.strip() for n in next(csv.reader([text]))]  # the reader ends a line at CR LF or LF
    if not any(names):
        raise DataError(path.name, 1, None, "the file has no header line")
    return names


def header_map(path: Path) -> dict[str, str]:
    """CSV header name -> canonical column for every column the dashboard keeps, or a DataError naming the
    missing or repeated column."""
    names = header_names(path)
    for name in names:
        if names.count(name) > 1:
            raise DataError(path.name, 1, name, "appears twice in the header")
    found = {}
    for canonical, (_, spellings) in (COLUMNS | OPTIONAL).items():
        match = [n for n in names if _plain(n) in spellings]
        if match:
            found[match[0]] = canonical
        elif canonical in COLUMNS:
            raise DataError(path.name, 1, canonical.replace("_", " "), "column is missing from the header")
    return found


def _plain(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_csv_sql(path: Path, names: dict[str, str]) -> str:
    """DuckDB's reader over every column of the file: the kept ones typed, the others as text."""
    types = {**{c: t for c, (t, _) in OPTIONAL.items()}, **{c: t for c, (t, _) in COLUMNS.items()}}
    text = "VARCHAR"  # pragma: no mutate (SQL: any case)
    columns = ", ".join(f"{_quoted(h)}: {_quoted(types[names[h]] if h in names else text)}" for h in header_names(path))
    return (f"read_csv(?, header = true, columns = {{{columns}}}, store_rejects = true, "
            f"strict_mode = true, encoding = 'utf-8', auto_detect = false, delim = ',', quote = '\"')")


def _load_file(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Insert one file's rows (replacing an earlier import of the same file name); return the row count.

    The rows go straight from DuckDB's CSV reader into the table. Lines the reader cannot type are
    kept aside by `store_rejects`; a value the table's constraints refuse aborts the statement, and
    the file is then scanned again on its own connection to name the line. Whatever else the reader
    raises becomes a DataError naming the file and, where DuckDB gives them, the line and column.
    """
    names = header_map(path)
    con.execute("DELETE FROM encounters WHERE file_name = ?", [path.name])  # pragma: no mutate (SQL: any case)
    try:
        rows = con.execute(f"INSERT INTO encounters BY NAME {_typed_rows(path, names)}",
                           [path.name, str(path)]).fetchall()
    except duckdb.ConstraintException:
        _locate_bad_line(path, names)  # names the line: every rule of the table is looked for there
        raise DataError(path.name, None, None, "a value is refused by the table's rules") from None  # pragma: no mutate
    except duckdb.Error as err:
        raise reader_error(path, err) from None
    _raise_first_reject(con, path)
    if not rows[0][0]:
        raise DataError(path.name, 2, None, "the file has no rows")
    return rows[0][0]


LINE = re.compile(r"(?:line|Line)\s*:?\s*(\d+)")
COLUMN = re.compile(r'[Cc]olumn\s*:?\s*(?:"([^"\n]+)"|([^\s",.]+))')  # column "Encounter Count", column: x


def reader_error(path: Path, err: duckdb.Error) -> DataError:
    """A DataError for an error DuckDB's CSV reader raised: its line and column when it names them, and the first
    line of its message. DuckDB names no line for bytes that are not UTF-8: the file is read again to find it."""
    message = str(err)
    line, column = LINE.search(message), COLUMN.search(message)
    if line is None and "unicode" in message.lower() and (found := not_utf8(path)) is not None:
        return found
    first = next((m for m in message.splitlines() if m.strip()), type(err).__name__)
    return DataError(path.name, int(line.group(1)) if line else None, column and (column.group(1) or column.group(2)),
                     f"cannot be read as CBP's CSV: {first[:160]}")


def not_utf8(path: Path) -> DataError | None:
    """The first line holding bytes that are not UTF-8, with the header's name of the field they are in (counted by
    commas), or None (an error path: reads the file again)."""
    header = header_names(path)
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")  # pragma: no mutate (codec names are read without regard to case)
            except UnicodeDecodeError as err:
                field = header[min(line[:err.start].count(b","), len(header) - 1)]
                return DataError(path.name, number, field, f"bytes that are not UTF-8 ({line[err.start]:#04x})")
    return None


def _typed_rows(path: Path, names: dict[str, str]) -> str:
    """SELECT of the table's columns from the file (parameters: file name, file path)."""
    column = {c: f'"{h}"' for h, c in names.items()}
    grouping = column.get("month_grouping", "NULL::VARCHAR")  # pragma: no mutate (SQL: any case)
    return f"""
        SELECT fy AS fiscal_year, make_date(CASE WHEN m >= 10 THEN fy - 1 ELSE fy END, m, 1) AS month,
               {column['component']} AS component, {column['region']} AS region, {column['aor']} AS aor,
               {column['aor_abbv']} AS aor_abbv, {column['demographic']} AS demographic,
               {column['citizenship']} AS citizenship, {column['title']} AS title,
               {column['encounter_type']} AS encounter_type, {column['count']} AS count, ? AS file_name,
               {grouping} AS month_grouping
        FROM (SELECT *, TRY_CAST(regexp_extract({column['fiscal_year']}, '(\\d{{4}})', 1) AS SMALLINT) AS fy,
                     enum_code({column['month']}) // {SPELLINGS} + 1 AS m
              FROM {_read_csv_sql(path, names)})"""


def _raise_first_reject(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    # SQL ignores case, so mutants of this text change nothing
    sql = "SELECT line, column_name, error_type, error_message FROM reject_errors ORDER BY line LIMIT 1"  # pragma: no mutate  # noqa: E501
    rejects = con.execute(sql).fetchall()
    if rejects:
        line, column, kind, message = rejects[0]
        raise DataError(path.name, int(line), column, f"{kind.lower()}: {message.splitlines()[0][:160]}")


def _locate_bad_line(path: Path, names: dict[str, str]) -> None:
    """Raise a DataError for the first line whose value the table refuses (an error path: scans again)."""
    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = true")  # pragma: no mutate (SQL: any case)
        con.execute(f"CREATE TEMP TABLE scanned AS {_typed_rows(path, names)}", [path.name, str(path)])
        _raise_first_reject(con, path)
        bad = con.execute(
            """SELECT line, field FROM (
                   SELECT row_number() OVER () + 1 AS line,
                          CASE WHEN fiscal_year IS NULL THEN 'fiscal_year'
                               WHEN count IS NULL OR count < 0 THEN 'count' END AS field
                   FROM scanned) WHERE field IS NOT NULL ORDER BY line LIMIT 1"""
        ).fetchall()
    except duckdb.Error as err:  # the first scan read the whole file: a second fails only if it changed since
        raise reader_error(path, err) from None  # pragma: no mutate
    finally:
        con.close()
    if bad:
        line, field = bad[0]
        raise DataError(path.name, int(line), {c: h for h, c in names.items()}[field], "is not a valid value")


SHIPPED = "cbp"  # data/cbp/: CBP's files the project ships, listed in files.csv with their dates and sources


def shipped(data: Path) -> dict[Path, Dated]:
    """The CBP files listed in `data`/cbp/files.csv with their dates and sources (none without the list); a bad row
    is a DataError naming cbp/files.csv, its row and field."""
    folder = data / SHIPPED
    if not (folder / "files.csv").exists():
        return {}
    where = f"{SHIPPED}/files.csv"
    # the machine reads UTF-8 either way, and no field of the list holds a line break: no mutant of these two
    # options can show
    with open(folder / "files.csv", encoding="utf-8", newline="") as handle:  # pragma: no mutate
        rows = list(csv.DictReader(handle))
    sources = _source_ids(data)
    files = {}
    for line, row in enumerate(rows, start=2):
        name = row.get("file_name")
        if not name or not (folder / name).is_file():
            raise DataError(where, line, "file_name", f"no file {name!r} in {SHIPPED}/")
        try:
            on = date.fromisoformat(row.get("dated"))
        except (TypeError, ValueError):
            raise DataError(where, line, "dated", f"{row.get('dated')!r} is not a date (YYYY-MM-DD)") from None
        if row.get("dated_how") not in DATED_HOW:
            raise DataError(where, line, "dated_how", f"must be one of {', '.join(DATED_HOW)}")
        if row.get("source_id") not in sources:
            raise DataError(where, line, "source_id", f"{row.get('source_id')!r} is not in sources.csv")
        files[folder / name] = Dated(on, row["dated_how"], row["source_id"])
    return files


def _source_ids(data: Path) -> set[str]:
    with open(data / "sources.csv", encoding="utf-8", newline="") as handle:  # pragma: no mutate (as files.csv)
        return {row["source_id"] for row in csv.DictReader(handle)}


def ensure_shipped(data: Path) -> bool:
    """Import the shipped CBP files when the encounters store is missing or older than any file in data/cbp/;
    return True when it imported. Files imported by hand stay: the shipped ones replace only their own rows.
    A run with nothing to import costs a few `stat` calls."""
    folder = data / SHIPPED
    if not (folder / "files.csv").exists():
        return False
    target = encounters_store(data)
    if target.exists() and target.stat().st_mtime >= max(p.stat().st_mtime for p in folder.glob("*.csv")):
        return False
    files = shipped(data)
    # no progress bar: the app and the build import quietly (it shows only on a terminal, for a long import)
    import_files(list(files), data, progress=False, dated={p.name: d for p, d in files.items()})  # pragma: no mutate
    return True


def downloaded(path: Path) -> Dated:
    """A file with no publication date given is dated by its modification time: the day it was downloaded."""
    return Dated(datetime.fromtimestamp(path.stat().st_mtime, UTC).date(), "downloaded")


def import_files(paths: list[Path], data: Path, progress: bool, dated: dict[str, Dated] | None = None) -> dict:
    """Import CBP encounter CSV files; return rows and seconds per file. Raises DataError on bad input.

    `dated`: file name -> when the file is from (default: its modification day, as downloaded)."""
    target = encounters_store(data)
    with store.build_lock(target):
        build = store.new_build_path(target)
        try:
            result = _import_into(build, target, paths, progress, dated or {})
        except BaseException:
            build.unlink(missing_ok=True)
            raise
        store.swap_in(build, target)
        store.prune_old_builds(target)
    return result


def _import_into(build: Path, target: Path, paths: list[Path], progress: bool, dated: dict[str, Dated]) -> dict:
    for path in paths:
        if not path.is_file():
            raise DataError(path.name, None, None, "file not found")
    if target.exists():
        shutil.copyfile(target.resolve(), build)
    con = duckdb.connect(str(build))
    try:
        # Settings read without regard to case, and the hashing thread's count: no mutant of these lines can show.
        con.execute(f"SET enable_progress_bar = {str(progress).lower()}")  # pragma: no mutate
        con.execute("SET preserve_insertion_order = false")  # pragma: no mutate (rows need no order: faster)
        con.execute("BEGIN")  # pragma: no mutate
        con.execute(SCHEMA)
        files = {}
        with ThreadPoolExecutor(max_workers=1) as hasher:  # pragma: no mutate (hashing beside DuckDB's reading)
            digests = {path: hasher.submit(_sha256, path) for path in paths}
            for path in paths:
                started = time.perf_counter()
                rows = _load_file(con, path)
                when = dated.get(path.name) or downloaded(path)
                con.execute(RECORD, [path.name, digests[path].result(), rows, when.on, when.how, when.source_id])
                files[path.name] = {"rows": rows, "seconds": round(time.perf_counter() - started, 3)}
        con.execute(AGGREGATE)
        con.execute("COMMIT")  # pragma: no mutate (SQL: any case)
        con.execute("CHECKPOINT")  # pragma: no mutate (SQL: any case)
    finally:
        con.close()
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):  # pragma: no mutate (the block's size: speed only)
            digest.update(block)
    return digest.hexdigest()
