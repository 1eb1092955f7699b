"""The dashboard's filter state: a month range and a set of actors."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dashboard.words import i18n


def month_key(day: date) -> str:
    """'YYYY-MM' of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def month_label(key: str, lang: str) -> str:
    """'2022-03' -> 'Mar 2022' ('mar 2022' in Spanish)."""
    return i18n.month_label(key, lang)


def months_between(first: date, last: date) -> list[str]:
    """Every 'YYYY-MM' key from first's month to last's month, inclusive."""
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)  # months since year 0
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]


def first_day(key: str) -> date:
    return date.fromisoformat(f"{key}-01")


def last_day(key: str) -> date:
    year, month = map(int, key.split("-"))
    return date(year, month, calendar.monthrange(year, month)[1])


def period_text(start: date, end: date, lang: str) -> str:
    """'2022-06-06' for a day, '2022-04-15 to 2022-06-15' for a span ('... a ...' in Spanish)."""
    return str(start) if start == end else i18n.t(lang, "period_span", start=start, end=end)


def named(actors, names: Mapping[str, str] | None) -> str:
    """Actor ids as the page names them ('US government, INM'), by `names` (id -> name); an id it lacks, as is."""
    return ", ".join((names or {}).get(actor, actor) for actor in actors)


@dataclass(frozen=True)
class Filters:
    """A month range (inclusive 'YYYY-MM' keys) and the actor ids to show."""

    month_from: str
    month_to: str
    actors: tuple[str, ...]

    @property
    def start(self) -> date:
        return first_day(self.month_from)

    @property
    def end(self) -> date:
        return last_day(self.month_to)

    def describe(self, lang: str, names: Mapping[str, str] | None = None) -> str:
        """'Mar 2022 – May 2022; actors: US government, INM' in `lang`. Actors by `names` (id -> name in `lang`),
        'all' when every actor `names` holds is chosen; without `names`, by id (the command line's own words)."""
        months = month_label(self.month_from, lang)
        if self.month_to != self.month_from:
            months += f" – {month_label(self.month_to, lang)}"
        if names and set(self.actors) >= set(names):
            actors = i18n.t(lang, "all_actors")
        else:
            actors = named(self.actors, names) or i18n.t(lang, "none")
        return i18n.t(lang, "filter_text", months=months, actors=actors)

    def file_suffix(self, all_actors: tuple[str, ...]) -> str:
        """A file-name-safe summary of the filter, e.g. '2022-04_to_2022-05_us-gov'."""
        if set(self.actors) >= set(all_actors):
            return f"{self.month_from}_to_{self.month_to}_all-actors"
        safe = [clean for actor in sorted(self.actors) if (clean := re.sub(r"[^a-z0-9_-]", "", actor))]
        return f"{self.month_from}_to_{self.month_to}_{'_'.join(safe)[:80] or 'no-actors'}"


def ordered_range(values: tuple[str, str] | list[str], options: list[str]) -> tuple[str, str]:
    """A (from, to) pair in calendar order, clamped to the available months."""
    valid = sorted(v for v in values if v in options) or [options[0], options[-1]]
    return valid[0], valid[-1]
