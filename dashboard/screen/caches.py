"""Per-build caches for the app: query results and the finished parts of each section, made once per input.

Everything is keyed on the build paths (a new build is a new key), the filters and the language, and kept
with `st.cache_resource`: a script run gets the very objects made before, not a copy, so a repeated view costs
only the page's own elements. What is cached is never changed after it is made: the code that reads it
copies before adding a column (pandas copy-on-write makes a changed copy its own).
"""

from __future__ import annotations

import gc

import pandas as pd
import streamlit as st

from dashboard.check import claims
from dashboard.data import queries
from dashboard.data.filters import Filters
from dashboard.screen import connections

# Cache keys are made from text: filters by their fields, a View by what the page depends on, a function by
# its name (its code is the package's, fixed for the process). Streamlit's own hashing of a dataclass deep-copies
# it first, which cost more than the rest of a warm run.
HASH = {"dashboard.data.filters.Filters": repr, "dashboard.screen.view.View": lambda view: view.key,
        "builtins.function": lambda function: f"{function.__module__}.{function.__qualname__}"}


@st.cache_resource(max_entries=2048, show_spinner=False, hash_funcs=HASH)
def query(builds: tuple[str, str | None], name: str, *args):
    """queries.<name>(cursor, *args) on the run's builds, with a cursor of its own."""
    return connections.with_cursor(builds, getattr(queries, name), *args)


@st.cache_resource(max_entries=512, show_spinner=False, hash_funcs=HASH)
def claim_check(builds: tuple[str, str | None], figure_ids: tuple[str, ...], lang: str):
    """The claim check of the figures `figure_ids` (those the filters show): their rows of every figure's check.

    A figure's verdict does not depend on the filters (they only choose which figures are shown), so every
    figure is checked once per build and language, and month ranges showing the same figures share their rows.
    """
    return shown_rows(_claim_check_all(builds, lang), figure_ids)


@st.cache_resource(max_entries=16, show_spinner=False)
def _claim_check_all(builds: tuple[str, str | None], lang: str):
    return connections.with_cursor(builds, claims.claim_check, everything(builds), lang)


@st.cache_resource(max_entries=16, show_spinner=False)
def everything(builds: tuple[str, str | None]) -> Filters:
    """The filters that hide nothing: every month and every actor of the build (one lookup, not two)."""
    months = query(builds, "month_options")
    return Filters(months[0], months[-1], tuple(query(builds, "actors")["actor_id"]))


def shown_rows(every: pd.DataFrame, figure_ids) -> pd.DataFrame:
    """The rows of `every` whose figure is among `figure_ids`, in `every`'s order, numbered from 0."""
    return every[every["figure_id"].isin(set(figure_ids))].reset_index(drop=True)


def picked(every: pd.DataFrame, figure_ids) -> pd.DataFrame:
    """The rows of `every`, a table indexed by figure id (made once for every figure), whose figure is among
    `figure_ids`, in `every`'s order, numbered from 0: what a set of figures shows of it."""
    return every[every.index.isin(figure_ids)].reset_index(drop=True)


@st.cache_resource(max_entries=2048, show_spinner=False, hash_funcs=HASH)
def made(function, view, *args):
    """function(view, *args): a section's finished parts (figures, tables, texts, CSV bytes) for one view."""
    return function(view, *args)


@st.cache_resource(show_spinner=False)
def settle() -> bool:
    """Once per process, after the first page is made: move every object then alive (modules, the first view's
    parts) out of the garbage collector's reach with `gc.freeze()`. A full collection then scans only what came
    after; before this, one paused a script run for 50–90 ms (bench/results.md)."""
    gc.freeze()
    return True
