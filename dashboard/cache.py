"""Per-build caches for the app: query results and Plotly figures are computed once per input.

Query results are keyed on the build path (a new build is a new key) and the filter values;
figures are keyed on the rows they draw. Both are plain `st.cache_data`, bounded in size.
"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, claims, live, queries


@st.cache_data(max_entries=2048, show_spinner=False)
def query(builds: tuple[str, str | None], name: str, *args):
    """queries.<name>(cursor, *args) on the run's builds, with a cursor of its own."""
    return live.with_cursor(builds, getattr(queries, name), *args)


@st.cache_data(max_entries=1024, show_spinner=False)
def chart(name: str, *args, **kwargs):
    """charts.<name>(*args, **kwargs), built once for the same rows."""
    return getattr(charts, name)(*args, **kwargs)


@st.cache_data(max_entries=512, show_spinner=False)
def claim_check(builds: tuple[str, str | None], filters, lang: str):
    """claims.claim_check on the run's builds: the verdicts of the figures under the filters."""
    return live.with_cursor(builds, claims.claim_check, filters, lang)
