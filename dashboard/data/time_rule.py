"""The time model: when a source or an observation was certainly public, and when it could first have been.

A source with a time and a UTC offset was public from that instant. A source with only a date may have come out
at any hour of that day in any time zone, so it counts as public only once the day is over everywhere on Earth
(00:00 of the next day at UTC−12), and it could not have come out before the day began anywhere (00:00 at UTC+14).
"On or before" dates bound the first, "on or after" dates the second; an undated source has neither.

A value was known at an article's publication only when it was certainly public at the earliest instant the
article could have come out. So a release dated the article's own day, with no time, is never counted as known
at publication, whatever the article's time; the store's `official_as_of` and `evidence_cited` apply this rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

PRECISIONS = ("minute", "day", "on_or_before", "on_or_after", "undated")
LAST_ZONE = timezone(timedelta(hours=-12))  # the last place on Earth where a day ends
FIRST_ZONE = timezone(timedelta(hours=14))  # the first place on Earth where a day begins


@dataclass(frozen=True)
class Bounds:
    """When a source was certainly public (`public_from`) and the earliest it could have come out."""

    published_on: date | None
    published_at: datetime | None
    public_from: datetime | None
    earliest_at: datetime | None


def day_over(day: date) -> datetime:
    """The instant `day` has ended in every time zone."""
    return datetime.combine(day + timedelta(days=1), time(0), LAST_ZONE)


def day_begun(day: date) -> datetime:
    """The instant `day` begins in the first time zone."""
    return datetime.combine(day, time(0), FIRST_ZONE)


def bounds(published: date | datetime | None, precision: str) -> Bounds:
    """The bounds of a publication given as a date or an instant, with its precision (see PRECISIONS)."""
    if precision == "undated" or published is None:
        return Bounds(None, None, None, None)
    if isinstance(published, datetime):
        return Bounds(published.date(), published, published, published)
    rules = {"day": (day_over(published), day_begun(published)), "on_or_before": (day_over(published), None),
             "on_or_after": (None, day_begun(published))}
    return Bounds(published, None, *rules[precision])


def check(published: date | datetime | None, precision: str) -> str | None:
    """What is wrong with a (published, precision) pair, or None."""
    if precision not in PRECISIONS:
        return f"must be one of {', '.join(PRECISIONS)}"
    if (published is None) != (precision == "undated"):
        return "is 'undated' exactly when published is empty"
    if published is not None and isinstance(published, datetime) != (precision == "minute"):
        return "is 'minute' exactly when published gives a time with its UTC offset"
    return None


def observation_public_from(observed_on: date, observed_at: datetime | None) -> datetime:
    """When an observed official value was certainly public: its time when known, else the end of its day."""
    return observed_at if observed_at is not None else day_over(observed_on)
