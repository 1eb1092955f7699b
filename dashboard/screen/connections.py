"""The running app's access to the store: the current build, one cached read-only connection per build."""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard.data import store
from dashboard.data.cbp_import import encounters_store, ensure_shipped
from dashboard.data.validate import DataError
from dashboard.present.citations import md
from dashboard.words import i18n


@st.cache_resource(max_entries=4, show_spinner=False)
def connection(build_path: str, encounters_path: str | None = None) -> duckdb.DuckDBPyConnection:
    """One read-only connection per build, shared by sessions; each run takes its own cursor from it.

    Imported CBP encounter data, when there is any, is attached read-only as schema `enc`.
    """
    con = duckdb.connect(build_path, read_only=True)
    if encounters_path:
        store.attach_read_only(con, encounters_path)
    return con


def with_cursor(builds: tuple[str, str | None], function, *args):
    """function(cursor, *args) on a cursor of its own from the builds' shared connection."""
    cur = connection(*builds).cursor()
    try:
        return function(cur, *args)
    finally:
        cur.close()


def current_builds(lang: str = "en") -> tuple[str, str | None]:
    """(curated store build, encounters build or None) for this run."""
    imported = encounters_store(store.data_dir())
    return current_build(lang), str(imported.resolve()) if imported.exists() else None


def current_build(lang: str = "en") -> str:
    """The path of the build to read, rebuilding a stale store first.

    When the curated files are broken, the last good build is served with a warning;
    with no build at all, the page says what is wrong and stops.
    """
    try:
        build, problem = store.usable_build(store.data_dir())
    except DataError as err:
        st.error(i18n.t(lang, "build_failed", error=md(str(err))))
        st.stop()
    try:
        ensure_shipped(store.data_dir())
    except DataError as err:  # the article's store is fine: serve it, with the encounters as they were
        st.warning(i18n.t(lang, "last_good_build", error=md(str(err))))
    if problem is not None:
        st.warning(i18n.t(lang, "last_good_build", error=md(str(problem))))
    return str(build)
