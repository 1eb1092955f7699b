"""What every section of one script run needs: the builds, the filters, the build's basics and the language."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard.data import queries
from dashboard.data.filters import Filters, month_label
from dashboard.present import charts
from dashboard.screen import caches
from dashboard.words import i18n


class Basics(NamedTuple):
    """What every run of one build and language needs before its sections: one cached lookup per run."""

    names: dict[str, str]  # actor id -> name, in the language
    colors: dict[str, str]  # actor name -> colour
    months: list[str]  # every month the filters offer
    everything: Filters  # the filters that hide nothing
    figures: pd.DataFrame  # every figure of the article, in the language
    article_day: date
    article_moment: tuple[datetime, str]
    has_encounters: bool  # imported CBP encounter data
    dimension_values: dict[str, list[str]]  # each dimension's values in the imported data (none without)
    month_names: dict[str, str]  # every month the filters offer, as the page names it: '2022-03' -> 'Mar 2022'


@st.cache_resource(max_entries=16, show_spinner=False)
def basics(builds: tuple[str, str | None], lang: str) -> Basics:
    every, imported = caches.everything(builds), caches.query(builds, "has_encounters")
    actors = caches.query(builds, "localized", "actors", lang)
    values = {d: caches.query(builds, "encounter_values", d) for d in queries.ENCOUNTER_DIMENSIONS} if imported else {}
    months = caches.query(builds, "month_options")
    return Basics(queries.names_of(actors), charts.actor_colors(actors), months,
                  every, caches.query(builds, "localized", "figures", lang, every),
                  caches.query(builds, "article_date"), caches.query(builds, "article_moment"), imported, values,
                  {m: month_label(m, lang) for m in months})


@functools.lru_cache(maxsize=1024)
def kept_ids(builds: tuple[str, str | None], lang: str, filters: Filters) -> tuple[str, ...]:
    """The ids of the figures `filters` show: worked out once per build, language and filters (a dozen NumPy tests
    on every run of a view seen before cost more than this lookup)."""
    every = basics(builds, lang).figures
    return tuple(every["figure_id"].to_numpy()[queries.figures_kept(every, filters)])


@dataclass(frozen=True)
class View:
    """One script run's inputs. Everything else on the page is a function of `key`."""

    builds: tuple[str, str | None]
    filters: Filters
    basics: Basics
    lang: str = "en"

    @cached_property
    def key(self) -> str:
        """What the page depends on, as text: the basics follow from the builds and the language."""
        return repr((self.builds, self.filters, self.lang))

    @property
    def colors(self) -> dict[str, str]:
        return self.basics.colors

    @property
    def all_actors(self) -> tuple[str, ...]:
        return tuple(self.basics.names)

    def t(self, key: str, **values) -> str:
        """The message `key` in this run's language."""
        return i18n.t(self.lang, key, **values)

    def t_n(self, key: str, n: int, **values) -> str:
        """The form of the message `key` for `n` things, in this run's language (`i18n.t_n`)."""
        return i18n.t_n(self.lang, key, n, **values)

    @cached_property
    def filter_text(self) -> str:
        """The filters in words, actors by name: 'Apr 2022; actors: Human Rights Watch'."""
        return self.filters.describe(self.lang, self.basics.names)

    def q(self, name: str, *args):
        """queries.<name>(cursor, *args) on this run's build, cached per build and arguments."""
        return caches.query(self.builds, name, *args)

    def figures(self, chart: str | None = None) -> pd.DataFrame:
        """The article's figures under the filters, optionally one chart's: selected from all figures (one cached
        query per build and language), once per view. Callers read them, never change them."""
        return self._figures if chart is None else self._by_chart.get(chart, self._figures.head(0))

    @cached_property
    def _figures(self) -> pd.DataFrame:
        return queries.figures_under(self.basics.figures, self.filters)

    @cached_property
    def _by_chart(self) -> dict[str, pd.DataFrame]:
        rows = self._figures
        return {chart: rows[rows["chart"] == chart].reset_index(drop=True) for chart in rows["chart"].unique()}

    @cached_property
    def figure_ids(self) -> tuple[str, ...]:
        """The ids of the figures the filters show: all that a new month range needs of them, in NumPy."""
        return kept_ids(self.builds, self.lang, self.filters)

    def by_figures(self, function, *args):
        """function(unfiltered view, figure ids, *args): a part that depends on the filters only through which
        figures they show, made once per build, language and set of figures (month ranges showing the same
        figures share it)."""
        return caches.made(function, self.unfiltered(), self.figure_ids, *args)

    def everything(self) -> Filters:
        """The filters that hide nothing: every month and every actor."""
        return self.basics.everything

    def unfiltered(self) -> View:
        """This view with nothing hidden: for parts that depend on the build and language, not the filters."""
        return self._unfiltered

    @cached_property
    def _unfiltered(self) -> View:
        return replace(self, filters=self.everything())

    def month_range(self) -> tuple[str, str]:
        every = self.everything()
        return every.month_from, every.month_to

    def suffix(self) -> str:
        return self.filters.file_suffix(self.all_actors)

