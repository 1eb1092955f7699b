"""The claim check: for each article figure, the closest matching source, how the article's value relates to it,
what the official record said at the article's minute, and the latest value. Worked out from stored numbers and
evidence rows; nothing here is typed by hand.

Every percentage is the article's figure against a named basis: (article - basis) / basis, so "4.2% below"
and a difference of -4.2 say the same thing.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data import queries
from dashboard.data.curated import comparable_units
from dashboard.words.i18n import full_stop, num, sentence, t, when_text

PER_DAY = "people per day"
# The claim check's columns in downloads and the export bundle.
DOWNLOAD = [
    "ref", "figure_id", "metric", "value", "value_text", "unit", "period_start", "period_end", "actor_id",
    "stated_by", "stated_by_name", "is_derived", "derivation", "verdict_code", "closest_source", "closest_when",
    "closest_value",
    "diff_closest_pct", "official_known", "known_value", "known_on", "official_latest", "latest_value", "latest_on",
    "first_value", "first_on", "diff_known_pct", "diff_latest_pct", "verdict", "chain", "quote", "source_title",
    "source_url",
]
TOTALS = ("people", "encounters")


@dataclass(frozen=True)
class Candidate:
    """A value another source gives for a figure, in the figure's unit (a total spread over its days for a rate)."""

    source: str
    when: str
    known: str  # 'before', 'after' or 'unclear': public at the article's minute?
    value: float
    text: str
    relation: str = "corroborates"
    start: date | None = None
    end: date | None = None
    days: int | None = None  # the total was spread over this many days
    published_on: date | None = None
    worded: bool = True  # `text` is the source's own words (quoted), not a number from the record


@dataclass(frozen=True)
class Check:
    """The claim check of one figure."""

    code: str
    closest: Candidate | None = None
    gap: float | None = None  # the article's figure against the closest, in percent
    contradicted: tuple[Candidate, ...] = ()
    numbers: tuple[Candidate, ...] = ()  # values the sources give for a figure the article words without one
    record: dict | None = None  # first, known (at the article's minute) and latest official values, in figure units
    latest: Candidate | None = None  # for figures with no official series: the newest source with a value


def pct(value: float, base: float) -> float:
    return (value - base) / base * 100


def is_rounded_from(article: float, official: float) -> bool:
    """True when the article's figure is the official one rounded to its trailing zeros."""
    if article == official or article == 0 or article != int(article):
        return False
    digits = str(int(article))
    zeros = len(digits) - len(digits.rstrip("0"))  # 221000: 3
    return zeros > 0 and math.floor(official / 10**zeros + 0.5) * 10**zeros == article  # half up, as people round


def month_days(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def in_figure_unit(value: float, unit: str, figure_unit: str, start, end) -> tuple[float, int | None]:
    """A source's value in the figure's unit: a total beside a daily rate is spread over its period's days."""
    if figure_unit == PER_DAY and unit in TOTALS and isinstance(start, date) and isinstance(end, date):
        days = (end - start).days + 1
        return value / days, days
    return value, None


def candidate(row: pd.Series, figure_unit: str, lang: str) -> Candidate:
    """One evidence row as a candidate value."""
    start, end = _day(row["period_start"]), _day(row["period_end"])
    value, days = in_figure_unit(row["value"], row["unit"], figure_unit, start, end)
    return Candidate(row["source_publisher"], when_text(row["source_published"], row["source_precision"], lang),
                     row["known_at_publication"], value, row["value_text"], row["relation"], start, end, days,
                     _day(row["source_published_on"]))


def _day(value):
    return None if value is None or pd.isna(value) else value


def record_of(row: pd.Series) -> dict | None:
    """CBP's record for a series figure, in the figure's unit: first value, known at the article's minute, latest."""
    if pd.isna(row.get("latest_value")):
        return None
    days = month_days(row["month"]) if row["unit_code"] == PER_DAY else None

    def scaled(value):
        return None if pd.isna(value) else (value / days if days else float(value))

    first_known = "before" if pd.notna(row["known_on"]) and row["first_on"] <= row["known_on"] else (
        "unclear" if row["first_on"] == row["article_date"] else "after")
    return {"days": days, "first": scaled(row["first_value"]), "first_total": row["first_value"],
            "first_on": row["first_on"], "first_known": first_known,
            "known": scaled(row["known_value"]), "known_total": row["known_value"], "known_on": row["known_on"],
            "latest": scaled(row["latest_value"]), "latest_total": row["latest_value"], "latest_on": row["latest_on"]}


def record_candidate(record: dict, lang: str) -> Candidate:
    """CBP's first value for the month as a candidate: the release the article's number could come from."""
    text = num(record["first_total"])
    return Candidate(t(lang, "c_record_first"), str(record["first_on"]), record["first_known"], record["first"], text,
                     days=record["days"], published_on=record["first_on"], worded=False)


def classify(article: float, found: Candidate, start: date, end: date) -> str:
    """matches, rounded, misread (a value for a shorter period presented as the figure's) or differs."""
    same = round(article) == round(found.value)
    rounded = is_rounded_from(article, round(found.value))
    shorter = found.start is not None and found.end is not None and (found.end - found.start) < (end - start)
    if (same or rounded) and shorter:
        return "misread"
    return "matches" if same else "rounded" if rounded else "differs"


def closest(article: float, candidates: list[Candidate]) -> Candidate | None:
    """The nearest value; ties go to the article's origin, then to what was public before it, then the oldest."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs(pct(article, c.value)) if c.value else math.inf,
                                          c.relation != "origin", c.known != "before", c.published_on or date.max))


def check(row: pd.Series, evidence: pd.DataFrame, lang: str) -> Check:
    """The claim check of one row of `queries.claim_inputs`, given the evidence rows of that figure."""
    record = record_of(row)
    unit = row["unit_code"]
    valued = evidence[evidence["value"].notna()]
    compared = [candidate(r, unit, lang) for _, r in valued[valued["compares"]].iterrows()]
    contradicting = tuple(candidate(r, unit, lang) for _, r in valued.iterrows() if r["relation"] == "contradicts")
    latest = _latest(valued, unit, lang) if record is None else None
    if pd.isna(row["value"]):
        code = "no_number" if len(evidence) else "unchecked"
        return Check(code, numbers=tuple(compared), record=record, latest=latest)
    article = float(row["value"])
    if row["is_derived"]:
        pool = [record_candidate(record, lang)] if record else compared
        found = closest(article, pool)
        against = tuple(c for c in contradicting if found is None or round(c.value) != round(found.value))
        return Check("derived", found, _gap(article, found), against, record=record, latest=latest)
    found = closest(article, compared + ([record_candidate(record, lang)] if record else []))
    if found is None:  # nothing compared and no record (a record is always a candidate)
        return Check("unchecked", latest=latest)
    code = classify(article, found, row["period_start"], row["period_end"])
    against = tuple(c for c in contradicting if round(c.value) != round(found.value))
    if code in ("matches", "rounded") and against:
        code = "disputed"
    return Check(code, found, _gap(article, found), against, record=record, latest=latest)


def _gap(article: float, found: Candidate | None) -> float | None:
    return None if found is None or not found.value else pct(article, found.value)


def _latest(valued: pd.DataFrame, unit: str, lang: str) -> Candidate | None:
    """The newest dated source giving a value of the figure's quantity."""
    same = valued["unit"].map(lambda u: comparable_units(unit, u)).astype(bool)
    rows = valued[same & valued["source_published_on"].notna()]
    if rows.empty:
        return None
    return candidate(rows.sort_values("source_published_on").iloc[-1], unit, lang)


def side(lang: str, gap: float) -> str:
    # Callers word a gap only when it is not 0, so `gap <= 0` would read the same: no mutant for it.
    return t(lang, "below" if gap < 0 else "above")  # pragma: no mutate


def found_text(found: Candidate, lang: str) -> str:
    """How a candidate is cited in a verdict: its words, or the total and its spread over the days."""
    if found.days:
        return t(lang, "c_spread", total=found.text, days=found.days, rate=num(found.value))
    return f"“{found.text}”" if found.worded else found.text


def verdict_text(c: Check, row: pd.Series, lang: str) -> str:
    """The verdict in words, each part naming its basis."""
    parts = [_match_text(c, row, lang)]
    parts += [t(lang, "c_contradicted", source=x.source, when=x.when, text=found_text(x, lang)) for x in c.contradicted]
    if c.record is not None:
        parts.append(_record_text(c.record, row, lang))
    elif c.latest is not None and not pd.isna(row["value"]) and c.latest != c.closest:
        parts.append(t(lang, "c_latest_source", source=c.latest.source, when=c.latest.when,
                       text=found_text(c.latest, lang)))
    return "".join(parts)


def _match_text(c: Check, row: pd.Series, lang: str) -> str:
    found = c.closest
    if c.code == "unchecked":
        return t(lang, "c_unchecked")
    if c.code == "no_number":
        values = "; ".join(f"“{x.text}” ({x.source}, {x.when})" for x in c.numbers)
        return t(lang, "c_no_number") + (t(lang, "c_numbers", values=values) if values else "")
    where = {"source": found.source, "when": found.when, "text": found_text(found, lang)}
    public = "" if found.known == "before" else t(lang, f"c_public_{found.known}")
    if c.code == "derived":
        if round(c.gap, 1) == 0:
            return t(lang, "c_derived_same", **where) + public
        return t(lang, "c_derived", pct=f"{abs(c.gap):.1f}", side=side(lang, c.gap), **where) + public
    if c.code == "misread":
        return t(lang, "c_misread", span=_span(found.start, found.end, lang),
                 figure_span=_span(row["period_start"], row["period_end"], lang), **where) + public
    if c.code == "differs":
        return t(lang, "c_differs", pct=f"{abs(c.gap):.1f}", side=side(lang, c.gap), **where) + public
    return t(lang, "c_rounded" if c.code == "rounded" else "c_matches", **where) + public


def _span(start: date, end: date, lang: str) -> str:
    return str(start) if start == end else t(lang, "period_span", start=start, end=end)


def _record_text(record: dict, row: pd.Series, lang: str) -> str:
    """What CBP's record said at the article's minute, and its latest value with the article's gap to it."""
    def shown(key: str) -> str:
        if record["days"]:
            return t(lang, "c_spread", total=num(record[f"{key}_total"]), days=record["days"],
                     rate=num(record[key]))
        return num(record[key])

    if record["known"] is not None:
        text = t(lang, "c_known", value=shown("known"), on=record["known_on"])
    else:
        key = "c_not_known_same_day" if record["first_known"] == "unclear" else "c_not_known_later"
        text = t(lang, key, value=num(record["first_total"]), on=record["first_on"])
    gap = pct(float(row["value"]), record["latest"])
    if round(gap, 1) == 0:
        return text + t(lang, "c_latest_same", value=shown("latest"), on=record["latest_on"])
    return text + t(lang, "c_latest", value=shown("latest"), on=record["latest_on"],
                    pct=f"{abs(gap):.1f}", side=side(lang, gap))


def chain(row: pd.Series, evidence: pd.DataFrame, c: Check, article: str, lang: str) -> list[str]:
    """Where the figure came from: the article, the source it follows, and the official value behind that source."""
    origins = evidence[evidence["relation"] == "origin"]
    if origins.empty:
        return []
    steps = [t(lang, "chain_step", source=article, text=row["value_text"])]
    for _, origin in origins.iterrows():
        text = origin["value_text"] if isinstance(origin["value_text"], str) else origin["quote"]
        steps.append(t(lang, "chain_step_dated", source=origin["source_publisher"],
                       when=when_text(origin["source_published"], origin["source_precision"], lang), text=text))
        if pd.isna(origin["value"]) or c.record is None:
            continue
        value, days = in_figure_unit(origin["value"], origin["unit"], row["unit_code"], _day(origin["period_start"]),
                                     _day(origin["period_end"]))
        if days is None and (round(value) == round(c.record["first"]) or is_rounded_from(value, c.record["first"])):
            steps.append(t(lang, "chain_step_dated", source=t(lang, "c_record_first"), when=c.record["first_on"],
                           text=num(c.record["first_total"])))
    return steps


def official_comparable(record: dict | None, key: str) -> float | None:
    """An official value in the figure's own unit (a daily rate for daily figures), rounded for reading."""
    if record is None or record[key] is None:
        return None
    return round(record[key], 1)


def claim_table(inputs: pd.DataFrame, evidence: pd.DataFrame, lang: str, article: str) -> pd.DataFrame:
    """The claim check: article value, closest source, official values and dates, differences and verdict."""
    out = inputs.copy()
    checks = [check(r, evidence[evidence["figure_id"] == r["figure_id"]], lang) for _, r in out.iterrows()]
    out["verdict_code"] = [c.code for c in checks]
    out["closest_source"] = [c.closest.source if c.closest else None for c in checks]
    out["closest_when"] = [c.closest.when if c.closest else None for c in checks]
    out["closest_value"] = [round(c.closest.value, 1) if c.closest else None for c in checks]
    out["diff_closest_pct"] = [None if c.gap is None else round(c.gap, 2) for c in checks]
    out["official_known"] = [official_comparable(c.record, "known") for c in checks]
    out["official_latest"] = [official_comparable(c.record, "latest") for c in checks]
    out["diff_known_pct"] = list(map(_diff, out["value"], out["official_known"]))
    out["diff_latest_pct"] = list(map(_diff, out["value"], out["official_latest"]))
    rows = [r for _, r in out.iterrows()]
    out["verdict"] = [verdict_text(checks[i], r, lang) for i, r in enumerate(rows)]
    out["chain"] = [" ← ".join(chain(r, evidence[evidence["figure_id"] == r["figure_id"]], checks[i], article, lang))
                    for i, r in enumerate(rows)]
    return out


# The claim check's values in the figure's unit: a daily rate is kept to one decimal in downloads.
SHOWN_VALUES = ("closest_value", "official_known", "official_latest")


def for_reading(rows: pd.DataFrame) -> pd.DataFrame:
    """The claim rows as a table shows them: a daily rate as the verdict words it (7,166, not 7,165.9), and each
    verdict written as sentences (a capital first, a full stop last)."""
    out, rates, columns = rows.copy(), rows["unit_code"] == PER_DAY, list(SHOWN_VALUES)
    out.loc[rates, columns] = out.loc[rates, columns].round()
    out["verdict"] = [full_stop(sentence(v)) for v in rows["verdict"]]
    return out


def verdict_sentences(row: pd.Series, lang: str) -> str:
    """A figure's verdict as a reader reads it: who states the figure, as a sentence of its own, then the verdict
    ("Stated by US government. Matches NBC News …"); a derived figure's verdict names the arithmetic itself."""
    verdict = full_stop(sentence(row["verdict"]))
    if row["is_derived"]:
        return verdict
    return f"{full_stop(sentence(t(lang, 'stated_by', who=row['stated_by_name'])))} {verdict}"


def claim_check(cur, filters, lang: str) -> pd.DataFrame:
    """The claim check of the figures under `filters`, texts in `lang`, from the store."""
    article = queries.sources(cur).set_index("source_id").loc[queries.ARTICLE, "publisher"]
    return claim_table(queries.localized(cur, "claim_inputs", lang, filters),
                       queries.localized(cur, "evidence", lang, filters), lang, article)


def _diff(article, official) -> float | None:
    if official is None or pd.isna(official) or pd.isna(article):
        return None
    return round(pct(article, official), 2)
