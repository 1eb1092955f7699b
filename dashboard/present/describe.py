"""One-paragraph text descriptions of the charts, worked out from the rows they draw.

They are the charts' `alt` text for screen readers and are shown under each chart, in the page's language.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.filters import month_key, month_label, period_text
from dashboard.data.queries import figure_kind, figure_status
from dashboard.words.i18n import num, rows_of, t, t_n


def _value(row: pd.Series, lang: str) -> str:
    kind = figure_status(figure_kind(row["is_derived"], row["actor_id"], row["stated_by"]), row["stated_by_name"], lang)
    return t(lang, "desc_value", value=row["value_text"], month=month_label(month_key(row["period_start"]), lang),
             actor=row["actor_name"], kind=kind)


def span_of(months: list[str], lang: str) -> str:
    first, last = month_label(months[0], lang), month_label(months[-1], lang)
    return first if len(months) == 1 else t(lang, "span", first=first, last=last)


def month_bars(df: pd.DataFrame, what: str, lang: str, events: pd.DataFrame | None = None) -> str:
    """Bar chart of one figure per month: range, highest and lowest, derived ones."""
    months = sorted({month_key(d) for d in df["period_start"]})
    high, low = df.loc[df["value"].idxmax()], df.loc[df["value"].idxmin()]
    text = t(lang, "desc_bars", what=t(lang, what), span=span_of(months, lang), figures=t_n(lang, "figures_n", len(df)),
             high=_value(high, lang))
    if len(df) > 1:
        text += t(lang, "desc_lowest", low=_value(low, lang))
    derived = int(df["is_derived"].sum())
    text += t_n(lang, "desc_derived", derived) if derived else "."
    for _, row in df.iterrows():
        if figure_kind(row["is_derived"], row["actor_id"], row["stated_by"]) == "stated":
            text += " " + t(lang, "desc_stated", value=row["value_text"], who=row["stated_by_name"],
                            month=month_label(month_key(row["period_start"]), lang), actor=row["actor_name"])
    if events is not None and not events.empty:
        marks = [f"[{r['ref']}] {period_text(r['period_start'], r['period_end'], lang)} {r['value_text']}"
                 for _, r in events.sort_values("period_start").iterrows()]
        text += " " + t(lang, "desc_events", events_n=t_n(lang, "events_n", len(marks)), events="; ".join(marks))
    return text


def enforcement(df: pd.DataFrame, lang: str) -> str:
    """Bar panels, one per unit: every figure with its value."""
    parts = [f"{unit}: " + "; ".join(f"{r['metric_short']} {r['value_text']} ({r['actor_name']})"
                                      for _, r in rows.iterrows())
             for unit, rows in ((u, df[df["unit"] == u]) for u in df["unit"].unique())]  # order of appearance
    return t(lang, "desc_enforcement") + " " + ". ".join(parts) + "."


def timeline(df: pd.DataFrame, lang: str) -> str:
    """Dated events in order, with actor and date (a span's first and last day, as the chart draws it)."""
    events = [f"{period_text(r['period_start'], r['period_end'], lang)}: {r['value_text']} ({r['actor_name']})"
              for _, r in df.sort_values("period_start").iterrows()]
    return t(lang, "desc_timeline", events_n=t_n(lang, "events_n", len(events)), events="; ".join(events))


def record(official: pd.DataFrame, basis: str, lang: str, focus: tuple | None = None) -> str:
    """The official line: range, highest and lowest months; and the months the chart opens on (`focus`, dates),
    when it opens on fewer than all."""
    high, low = official.loc[official["value"].idxmax()], official.loc[official["value"].idxmin()]
    months = [month_key(official["month"].iloc[0]), month_key(official["month"].iloc[-1])]
    return t(lang, "desc_record", basis=basis, first=month_label(months[0], lang), last=month_label(months[1], lang),
             months=t_n(lang, "months_n", len(official)), high=num(high["value"]),
             high_month=month_label(month_key(high["month"]), lang),
             low=num(low["value"]), low_month=month_label(month_key(low["month"]), lang)) + (
        "" if focus is None else " " + t(lang, "desc_record_focus", first=month_label(month_key(focus[0]), lang),
                                         last=month_label(month_key(focus[1]), lang)))


def fiscal_years(official: pd.DataFrame, basis: str, lang: str) -> str:
    """The official totals by fiscal year: every year with its total, partial years marked."""
    years = official.groupby("fiscal_year").agg(value=("value", "sum"), months=("month", "count"))
    parts = [t(lang, "fy", year=year) + f" {num(row['value'])}"
             + ("" if row["months"] == 12 else f" ({t(lang, 'months_of_12', n=row['months'])})")
             for year, row in years.iterrows()]
    return t(lang, "desc_fy", basis=basis, years="; ".join(parts))


def revisions(history: pd.DataFrame, lang: str) -> str:
    """One month's official value as first released and then revised."""
    steps = [f"{row['observed_on']}: {num(row['value'])}" for _, row in history.iterrows()]
    revised = t(lang, "revisions_n_none") if len(steps) == 1 else t_n(lang, "revisions_n", len(steps) - 1)
    return t(lang, "desc_revisions", month=month_label(month_key(history["month"].iloc[0]), lang),
             steps="; ".join(steps), revised=revised)


def encounters(totals: pd.DataFrame, by: str, lang: str) -> str:
    """Imported encounters: months covered, total, and the largest category."""
    months = sorted({month_key(m) for m in totals["month"]})
    by_category = totals.groupby("category")["total"].sum().sort_values(ascending=False)
    return t(lang, "desc_encounters", by=t(lang, f"dim_{by}"), span=span_of(months, lang),
             total=num(by_category.sum()), categories=t_n(lang, "categories_n", len(by_category)),
             top=by_category.index[0], top_total=num(by_category.iloc[0]))


def southwest(comparison: pd.DataFrame, lang: str) -> str:
    """Imported Southwest totals beside the published ones: months where both exist and where they differ."""
    both = comparison.dropna(subset=["imported_total", "official_latest"])
    differ = both[both["imported_total"] != both["official_latest"]]
    months = sorted({month_key(m) for m in comparison["month"]})
    return t(lang, "desc_southwest", span=span_of(months, lang), both=len(both), differ=len(differ))


BY_BUILDER = {
    "monthly_arrivals": lambda df, lang="en", events=None: month_bars(df, "what_monthly", lang, events),
    "daily_rate": lambda df, lang="en", events=None: month_bars(df, "what_daily", lang, events),
    "timeline": timeline,
    "enforcement_bars": enforcement,
}


def period(first: str, last: str, lang: str) -> str:
    """A month range opening a sentence: "In May 2022", "From Mar 2022 to May 2022"."""
    if first == last:
        return t(lang, "months_one", month=month_label(first, lang))
    return t(lang, "months_span", first=month_label(first, lang), last=month_label(last, lang))


def _pct(share: float) -> str:
    return num(share, 1) + "%"


def signed_percent(value: float) -> str:
    """A change in percent with its sign: "+0.7%", "-4.2%", "0.0%" (no sign on what reads as nought: 0.05 was
    written "+0.0%", its sign worked out from Python's rounding and its digits from Babel's)."""
    text = _pct(value)
    return text if text.startswith("-") or text == _pct(0) else "+" + text


def finding(table: pd.DataFrame, dimension: str, when: str, lang: str) -> str:
    """One breakdown's finding in one sentence, worked out from its rows (`breakdowns.shares` with `label`): the
    share of Title 42 expulsions; the two busiest places; otherwise the largest category."""
    total = int(table["encounters"].sum())
    if dimension == "title":
        row = table[table["category"] == "Title 42"]
        count, share = (int(row["encounters"].iloc[0]), float(row["share"].iloc[0])) if len(row) else (0, 0.0)
        return t(lang, "finding_title", period=when, share=_pct(share), count=num(count), total=num(total))
    if dimension == "aor" and len(table) > 1:
        first, second = table.iloc[0], table.iloc[1]
        return t(lang, "finding_aor", period=when, first=first["label"], first_share=_pct(first["share"]),
                 second=second["label"], second_share=_pct(second["share"]), areas=len(table))
    top = table.iloc[0]
    return t(lang, f"finding_{dimension}" if dimension != "aor" else "finding_aor_one", period=when,
             category=top["label"], share=_pct(top["share"]), count=num(top["encounters"]), total=num(total))


def shares(table: pd.DataFrame, by: str, span: str, lang: str) -> str:
    """A breakdown's chart in words: every category with its share and count, largest first."""
    items = "; ".join(f"{label} {_pct(s)} ({num(c)})" for label, s, c in rows_of(table, "label", "share", "encounters"))
    return t(lang, "desc_share", by=by, span=span, items=items)


def border_map(places: pd.DataFrame, span: str, lang: str) -> str:
    """The map in words: each area with its count and the place it is drawn at, largest first."""
    items = "; ".join(f"{a} {num(c)} ({_pct(s)}, {p})" for a, c, s, p in
                      rows_of(places.sort_values("encounters", ascending=False), "label", "encounters", "share",
                              "place"))
    return t(lang, "desc_map", span=span, items=items)


def reconciliation(rows: pd.DataFrame, lang: str) -> str:
    """Whether CBP's rows add up to its published monthly totals (`breakdowns.reconciled`), in one sentence."""
    differ = rows[rows["status"] != "adds_up"]
    if differ.empty:
        return t_n(lang, "recon_all", len(rows))
    months = ", ".join(f"{month_label(month_key(m), lang)} ({t(lang, f'status_{s}')})"
                       for m, s in rows_of(differ, "month", "status"))
    return t(lang, "recon_some", differ=len(differ), n=len(rows), months=months)
