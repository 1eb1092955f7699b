"""Build the DuckDB store from the curated files, and open it read-only.

A build never touches the store being served: it writes a new file under
`<data>/.store/`, then atomically points the `border.duckdb` symlink at it.
Every build has its own file path, so a process that still has an older
build open (DuckDB caches one database instance per path) opens the new one
by its own path instead of being handed the old instance.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.data.curated import COMPUTED, TABLES, load_curated, with_computed
from dashboard.data.validate import DataError

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_ENV = "BORDER_DATA_DIR"
STORE_NAME = "border.duckdb"
KEEP_BUILDS = 3
KEEP_SECONDS = 120


def data_dir() -> Path:
    """The folder of curated files: $BORDER_DATA_DIR, or the project's data/."""
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)


def default_store(data: Path) -> Path:
    return data / STORE_NAME


def build(data_dir: Path, store: Path | None = None) -> Path:
    """Validate the curated files, build a new store and swap it in; return its path."""
    store = store or default_store(data_dir)
    tables = load_curated(data_dir)  # raises DataError before anything is written
    with build_lock(store):
        build_file = new_build_path(store)
        try:
            _write_store(build_file, tables)
        except BaseException:
            build_file.unlink(missing_ok=True)
            raise
        swap_in(build_file, store)
        prune_old_builds(store)
    return build_file


def _write_store(path: Path, tables: dict[str, list[dict]]) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN")
        con.execute(files("dashboard.data").joinpath("schema.sql").read_text())
        tables = with_computed(tables)
        for table in TABLES:
            columns = [f.name for f in table.fields] + list(COMPUTED.get(table.name, ()))
            _insert_rows(con, table.name, columns, tables[table.name])
        con.execute("CREATE TABLE build_info AS SELECT now()::TIMESTAMP AS built_at")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[dict]) -> None:
    if not rows:
        return
    frame = pd.DataFrame([[row[c] for c in columns] for row in rows], columns=columns, dtype=object)
    con.register("incoming", frame)
    names = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming")
    con.unregister("incoming")


def new_build_path(store: Path) -> Path:
    builds = store.parent / ".store"
    builds.mkdir(parents=True, exist_ok=True)
    return builds / f"{store.stem}-{time.time_ns()}{store.suffix}"


def swap_in(build_file: Path, store: Path) -> None:
    link = store.with_name(f".{store.name}.{time.time_ns()}.link")
    os.symlink(os.path.relpath(build_file, store.parent), link)
    os.replace(link, store)


def prune_old_builds(store: Path) -> None:
    current = store.resolve()
    builds = sorted((store.parent / ".store").glob(f"{store.stem}-*{store.suffix}"), reverse=True)
    for old in builds[KEEP_BUILDS:]:
        if old != current and time.time() - old.stat().st_mtime > KEEP_SECONDS:
            old.unlink(missing_ok=True)


@contextmanager
def build_lock(store: Path) -> Iterator[None]:
    store.parent.mkdir(parents=True, exist_ok=True)
    with open(store.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def is_stale(data_dir: Path, store: Path | None = None) -> bool:
    """True when the store is missing or older than any curated CSV file."""
    store = store or default_store(data_dir)
    if not store.exists():
        return True
    newest_input = max(p.stat().st_mtime for p in data_dir.glob("*.csv"))
    return store.stat().st_mtime < newest_input


def ensure_store(data_dir: Path, store: Path | None = None) -> Path:
    """Build the store if it is missing or stale; return the path of the build to open."""
    store = store or default_store(data_dir)
    if is_stale(data_dir, store):
        build(data_dir, store)
    return store.resolve()


def usable_build(data_dir: Path) -> tuple[Path, DataError | None]:
    """The build to serve and why it is not fresh: rebuilt when stale; when the curated files are
    broken (or caught half-written by an editor), the last good build with the error."""
    try:
        return ensure_store(data_dir), None
    except DataError as err:
        if not default_store(data_dir).exists():
            raise
        return default_store(data_dir).resolve(), err


def connect_read_only(store: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the build `store` points at now."""
    return duckdb.connect(str(store.resolve()), read_only=True)


def attach_read_only(con: duckdb.DuckDBPyConnection, path: str, name: str = "enc") -> None:
    """Attach the database at `path` read-only as `name`, replacing another file attached under that name. A process
    holds one instance per database path, shared by every connection to it: a connection to a build that another
    connection already opened finds its attachments there (the same file is left as it is; after an import, the new
    file takes the name)."""
    attached = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = ?", [name]).fetchall()
    if attached and attached[0][0] == path:
        return
    if attached:
        con.execute(f"DETACH {name}")
    con.execute(f"ATTACH ? AS {name} (READ_ONLY)", [path])
