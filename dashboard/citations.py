"""Citations: the cited-source panel's text, and chart data with its citations as CSV."""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

import pandas as pd

from dashboard.filters import period_text

DOWNLOAD_COLUMNS = [
    "ref", "figure_id", "metric", "metric_label", "value", "value_text", "unit",
    "period_start", "period_end", "actor_id", "actor_name", "is_derived", "derivation",
    "note", "quote", "source_title", "source_publisher", "source_url",
]
TABLE_COLUMNS = {
    "ref": "Ref", "metric_label": "Figure", "value_text": "Value", "unit": "Unit", "period": "Period",
    "actor_name": "Actor", "is_derived": "Derived", "quote": "Quote",
}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=\"'&])")


def md(text: object) -> str:
    """Text shown literally by st.markdown: every markdown/HTML character escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def safe_link(url: str) -> str:
    """An http(s) URL with the characters that could end a markdown link encoded."""
    if not re.match(r"^https?://", url):
        return ""
    return url_quote(url, safe=":/?&=#%~+,;@!$'*-._")


def source_markdown(row: pd.Series) -> str:
    """One source as a markdown line: title, publisher, author, date and link."""
    parts = [f"**{md(row['title'])}**", md(row["publisher"])]
    if isinstance(row["author"], str) and row["author"]:
        parts.append(md(row["author"]))
    if pd.notna(row["published_at"]):
        parts.append(md(pd.Timestamp(row["published_at"]).strftime("%Y-%m-%d %H:%M")))
    link = safe_link(row["url"])
    line = " · ".join(parts)
    return f"{line} · [{md(row['url'])}]({link})" if link else line


def figure_markdown(row: pd.Series) -> str:
    """One cited figure: its number, the quote, and what it is."""
    derived = f" — *derived: {md(row['derivation'])}*" if row["is_derived"] else ""
    return (
        f"**\\[{row['ref']}\\]** “{md(row['quote'])}” — {md(row['metric_label'])}: "
        f"{md(row['value_text'])} ({md(row['actor_name'])}, {md(period_text(row['period_start'], row['period_end']))})"
        f"{derived}"
    )


def table_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The rows a chart draws, as a readable table (the chart's accessible twin)."""
    out = df.copy()
    out["period"] = [period_text(s, e) for s, e in zip(out["period_start"], out["period_end"], strict=True)]
    return out[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)


def download_csv(df: pd.DataFrame) -> bytes:
    """Exactly the rows given, with citation columns, as UTF-8 CSV."""
    return df[DOWNLOAD_COLUMNS].to_csv(index=False).encode("utf-8")


def download_name(chart: str, suffix: str) -> str:
    return f"border-{chart}_{suffix}.csv"
