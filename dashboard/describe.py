"""One-paragraph text descriptions of the charts, worked out from the rows they draw.

They are the charts' `alt` text for screen readers and are shown under each chart.
"""

from __future__ import annotations

import pandas as pd

from dashboard.filters import month_key, month_label


def _value(row: pd.Series) -> str:
    kind = "derived" if row["is_derived"] else "reported"
    return f"{row['value_text']} in {month_label(month_key(row['period_start']))} ({row['actor_name']}, {kind})"


def month_bars(df: pd.DataFrame, what: str) -> str:
    """Bar chart of one figure per month: range, highest and lowest, derived ones."""
    months = sorted({month_key(d) for d in df["period_start"]})
    span = month_label(months[0]) + ("" if len(months) == 1 else f" to {month_label(months[-1])}")
    high, low = df.loc[df["value"].idxmax()], df.loc[df["value"].idxmin()]
    text = f"Bar chart of {what}, {span}: {len(df)} figure{'s' if len(df) != 1 else ''}. Highest {_value(high)}"
    if len(df) > 1:
        text += f"; lowest {_value(low)}"
    derived = int(df["is_derived"].sum())
    return text + (f". {derived} derived from other figures, drawn hatched." if derived else ".")


def enforcement(df: pd.DataFrame) -> str:
    """Bar panels, one per unit: every figure with its value."""
    parts = [f"{unit}: " + "; ".join(f"{r['metric_short']} {r['value_text']} ({r['actor_name']})"
                                      for _, r in rows.iterrows())
             for unit, rows in df.groupby("unit", sort=False)]
    return "Bar panels of enforcement figures, one per unit. " + ". ".join(parts) + "."


def timeline(df: pd.DataFrame) -> str:
    """Dated events in order, with actor and date."""
    events = [f"{r['period_start']}: {r['value_text']} ({r['actor_name']})"
              for _, r in df.sort_values("period_start").iterrows()]
    return f"Timeline of {len(events)} dated event{'s' if len(events) != 1 else ''}. " + "; ".join(events) + "."


def record(official: pd.DataFrame, basis: str) -> str:
    """The official line: range, highest and lowest months."""
    high, low = official.loc[official["value"].idxmax()], official.loc[official["value"].idxmin()]
    first, last = month_label(month_key(official["month"].iloc[0])), month_label(month_key(official["month"].iloc[-1]))
    return (f"Line chart of CBP's monthly Southwest Land Border encounters, {basis}, {first} to {last} "
            f"({len(official)} months). Highest {high['value']:,.0f} in {month_label(month_key(high['month']))}; "
            f"lowest {low['value']:,.0f} in {month_label(month_key(low['month']))}. The article's monthly "
            "figures are drawn on it as diamonds (open when derived).")


BY_BUILDER = {
    "monthly_arrivals": lambda df: month_bars(df, "monthly arrivals at the Mexico–US border, in people"),
    "daily_rate": lambda df: month_bars(df, "arrivals per day at the Mexico–US border, by month"),
    "timeline": timeline,
    "enforcement_bars": enforcement,
}
