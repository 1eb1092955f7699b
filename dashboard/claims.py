"""Claim vs record: a plain-words verdict for each article figure, worked out from the numbers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

NO_SERIES = "no official series"


@dataclass(frozen=True)
class Observed:
    """An official value and the date it was observed."""

    value: float
    on: date


@dataclass(frozen=True)
class Record:
    """What the record says about one month: first release, as known on the article's date, latest."""

    first: Observed
    known: Observed | None
    latest: Observed


def pct(value: float, base: float) -> float:
    return (value - base) / base * 100


def is_rounded_from(article: float, official: float) -> bool:
    """True when the article's figure is the official one rounded to its trailing zeros."""
    if article == official or article <= 0:
        return False
    step = 10
    while article % (step * 10) == 0:
        step *= 10
    return article % step == 0 and round(official / step) * step == article


def _comparison(article: float, record: Record) -> str:
    first, known = record.first, record.known
    if article == first.value:
        text = "matches CBP's first release exactly"
        return text + (f" (revised to {known.value:,.0f} by the article's date)" if known.value != first.value else "")
    if is_rounded_from(article, first.value):
        text = f"rounded from {first.value:,.0f}"
        if known.value != first.value:
            text += f" (already revised to {known.value:,.0f} by the article's date)"
        return text
    if article == known.value:
        return "matches CBP's figure as known on the article's date"
    if is_rounded_from(article, known.value):
        return f"rounded from {known.value:,.0f}, CBP's figure as known on the article's date"
    side = "below" if article < known.value else "above"
    return f"{abs(pct(article, known.value)):.1f}% {side} CBP's {known.value:,.0f} as known on the article's date"


def monthly_verdict(article: float, record: Record, derived: bool = False) -> str:
    """Verdict for a monthly total set beside CBP's record for the same month."""
    if record.known is None:
        return (f"CBP had not published this month by the article's date; its first release "
                f"({record.first.on}) was {record.first.value:,.0f}")
    text = ("derived figure, " if derived else "") + _comparison(article, record)
    if record.latest.value != record.known.value:
        text += f"; revised later to {record.latest.value:,.0f} ({pct(record.latest.value, record.known.value):+.1f}%)"
    return text


def daily_verdict(article: float, month: date, record: Record, derived: bool = False) -> str:
    """Verdict for a daily rate: CBP publishes none, so its monthly total is spread over the month's days."""
    days = calendar.monthrange(month.year, month.month)[1]
    name = calendar.month_name[month.month]
    basis = record.known or record.first
    rate = basis.value / days
    whose = "the article's derived rate" if derived else "the article"
    if round(rate) == round(article):
        comparison = f"the same as {whose}"
    else:
        comparison = f"{abs(pct(rate, article)):.1f}% {'above' if rate > article else 'below'} {whose}"
    text = f"no official daily figure: CBP's {name} total of {basis.value:,.0f} gives {rate:,.0f} a day, {comparison}"
    if record.known is None:
        text += f" (CBP had not published {name} by the article's date; this is its first release)"
    elif record.latest.value != basis.value:
        text += f"; with the latest total ({record.latest.value:,.0f}), {record.latest.value / days:,.0f} a day"
    return text


def record_of(row: pd.Series) -> Record | None:
    """The Record in a claim-input row, or None when the figure has no official counterpart."""
    if pd.isna(row["latest_value"]):
        return None
    known = None if pd.isna(row["known_value"]) else Observed(row["known_value"], row["known_on"])
    return Record(Observed(row["first_value"], row["first_on"]), known, Observed(row["latest_value"], row["latest_on"]))


def verdict(row: pd.Series) -> str:
    """The verdict for one row of `queries.claim_inputs`."""
    record = record_of(row)
    if record is None:
        context = row.get("context")
        return f"{NO_SERIES}. {context}" if isinstance(context, str) else f"{NO_SERIES}; no other source recorded"
    if row["metric"] == "daily_arrivals":
        return daily_verdict(row["value"], row["month"], record, bool(row["is_derived"]))
    return monthly_verdict(row["value"], record, bool(row["is_derived"]))


def official_comparable(row: pd.Series, column: str) -> float | None:
    """An official value in the figure's own unit (a daily rate for daily figures)."""
    value = row[column]
    if pd.isna(value):
        return None
    if row["metric"] == "daily_arrivals":
        return round(value / calendar.monthrange(row["month"].year, row["month"].month)[1], 1)
    return value


def claim_table(inputs: pd.DataFrame) -> pd.DataFrame:
    """The claim check: article value, official values and dates, differences and verdict."""
    out = inputs.copy()
    out["official_known"] = [official_comparable(r, "known_value") for _, r in out.iterrows()]
    out["official_latest"] = [official_comparable(r, "latest_value") for _, r in out.iterrows()]
    out["diff_known_pct"] = [_diff(r["value"], r["official_known"]) for _, r in out.iterrows()]
    out["diff_latest_pct"] = [_diff(r["value"], r["official_latest"]) for _, r in out.iterrows()]
    out["verdict"] = [verdict(r) for _, r in out.iterrows()]
    return out


def _diff(article, official) -> float | None:
    if official is None or pd.isna(official) or pd.isna(article):
        return None
    return round(pct(article, official), 2)
