"""The running app's access to the store: the current build, one cached read-only connection per build."""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import store
from dashboard.citations import md
from dashboard.validate import DataError


@st.cache_resource(max_entries=4, show_spinner=False)
def connection(build_path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per build, shared by sessions; each run takes its own cursor from it."""
    return duckdb.connect(build_path, read_only=True)


def current_build() -> str:
    """The path of the build to read, rebuilding a stale store first.

    When the curated files are broken, the last good build is served with a warning;
    with no build at all, the page says what is wrong and stops.
    """
    data = store.data_dir()
    try:
        return str(store.ensure_store(data))
    except DataError as err:
        if not store.default_store(data).exists():
            st.error(f"The data could not be built: {md(str(err))}")
            st.stop()
        st.warning(f"The data files have an error, so the last good build is shown: {md(str(err))}")
        return str(store.default_store(data).resolve())
