"""Claim vs record: a plain-words verdict for each article figure, worked out from the numbers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.i18n import month_name, num, t


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


def _comparison(article: float, record: Record, lang: str) -> str:
    first, known = record.first, record.known
    if article == first.value:
        text = t(lang, "v_matches_first")
        return text + (t(lang, "v_revised_by_date", value=num(known.value)) if known.value != first.value else "")
    if is_rounded_from(article, first.value):
        text = t(lang, "v_rounded_from", value=num(first.value))
        if known.value != first.value:
            text += t(lang, "v_already_revised", value=num(known.value))
        return text
    if article == known.value:
        return t(lang, "v_matches_known")
    if is_rounded_from(article, known.value):
        return t(lang, "v_rounded_from_known", value=num(known.value))
    side = t(lang, "below" if article < known.value else "above")
    return t(lang, "v_off_known", pct=f"{abs(pct(article, known.value)):.1f}", side=side, value=num(known.value))


def monthly_verdict(article: float, record: Record, derived: bool = False, lang: str = "en") -> str:
    """Verdict for a monthly total set beside CBP's record for the same month."""
    if record.known is None:
        return t(lang, "v_unpublished", on=record.first.on, value=num(record.first.value))
    text = (t(lang, "v_derived_figure") if derived else "") + _comparison(article, record, lang)
    if record.latest.value != record.known.value:
        text += t(lang, "v_revised_later", value=num(record.latest.value),
                  pct=f"{pct(record.latest.value, record.known.value):+.1f}")
    return text


def daily_verdict(article: float, month: date, record: Record, derived: bool = False, lang: str = "en") -> str:
    """Verdict for a daily rate: CBP publishes none, so its monthly total is spread over the month's days."""
    days = calendar.monthrange(month.year, month.month)[1]
    name = month_name(month.month, lang)
    basis = record.known or record.first
    rate = basis.value / days
    whose = t(lang, "v_whose_derived" if derived else "v_whose")
    if round(rate) == round(article):
        comparison = t(lang, "v_same_as", whose=whose)
    else:
        comparison = t(lang, "v_off_rate", pct=f"{abs(pct(rate, article)):.1f}",
                       side=t(lang, "above" if rate > article else "below"), whose=whose)
    text = t(lang, "v_daily", month=name, total=num(basis.value), rate=num(rate), comparison=comparison)
    if record.known is None:
        text += t(lang, "v_daily_unpublished", month=name)
    elif record.latest.value != basis.value:
        text += t(lang, "v_daily_latest", total=num(record.latest.value), rate=num(record.latest.value / days))
    return text


def record_of(row: pd.Series) -> Record | None:
    """The Record in a claim-input row, or None when the figure has no official counterpart."""
    if pd.isna(row["latest_value"]):
        return None
    known = None if pd.isna(row["known_value"]) else Observed(row["known_value"], row["known_on"])
    return Record(Observed(row["first_value"], row["first_on"]), known, Observed(row["latest_value"], row["latest_on"]))


def verdict(row: pd.Series, lang: str = "en") -> str:
    """The verdict for one row of `queries.claim_inputs`."""
    record = record_of(row)
    if record is None:
        context = row.get("context")
        return t(lang, "v_no_series_context", context=context) if isinstance(context, str) else t(lang, "v_no_series")
    if row["metric"] == "daily_arrivals":
        return daily_verdict(row["value"], row["month"], record, bool(row["is_derived"]), lang)
    return monthly_verdict(row["value"], record, bool(row["is_derived"]), lang)


def official_comparable(row: pd.Series, column: str) -> float | None:
    """An official value in the figure's own unit (a daily rate for daily figures)."""
    value = row[column]
    if pd.isna(value):
        return None
    if row["metric"] == "daily_arrivals":
        return round(value / calendar.monthrange(row["month"].year, row["month"].month)[1], 1)
    return value


def claim_table(inputs: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The claim check: article value, official values and dates, differences and verdict."""
    out = inputs.copy()
    out["official_known"] = [official_comparable(r, "known_value") for _, r in out.iterrows()]
    out["official_latest"] = [official_comparable(r, "latest_value") for _, r in out.iterrows()]
    out["diff_known_pct"] = [_diff(r["value"], r["official_known"]) for _, r in out.iterrows()]
    out["diff_latest_pct"] = [_diff(r["value"], r["official_latest"]) for _, r in out.iterrows()]
    out["verdict"] = [verdict(r, lang) for _, r in out.iterrows()]
    return out


def _diff(article, official) -> float | None:
    if official is None or pd.isna(official) or pd.isna(article):
        return None
    return round(pct(article, official), 2)
