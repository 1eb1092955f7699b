"""Citations: the cited-source panel's text, and chart data with its citations as CSV."""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

import pandas as pd

from dashboard import i18n
from dashboard.filters import period_text

DOWNLOAD_COLUMNS = [
    "ref", "figure_id", "metric", "metric_label", "value", "value_text", "unit",
    "period_start", "period_end", "actor_id", "actor_name", "is_derived", "derivation",
    "note", "quote", "source_title", "source_publisher", "source_url",
]
TABLE_COLUMNS = ("ref", "metric_label", "value_text", "unit", "period", "actor_name", "is_derived", "quote")
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


def quoted(quote: str, lang: str = "en") -> str:
    """A quote in its original English, in quotation marks; marked as English when the page is not."""
    return f"“{quote}”" if lang == "en" else f"“{quote}” ({i18n.t(lang, 'quote_in_english')})"


def figure_markdown(row: pd.Series, lang: str = "en") -> str:
    """One cited figure: its number, the quote, and what it is."""
    derived = f" — *{md(i18n.t(lang, 'derived_colon'))} {md(row['derivation'])}*" if row["is_derived"] else ""
    period = period_text(row["period_start"], row["period_end"], lang)
    return (
        f"**\\[{row['ref']}\\]** {md(quoted(row['quote'], lang))} — {md(row['metric_label'])}: "
        f"{md(row['value_text'])} ({md(row['actor_name'])}, {md(period)}){derived}"
    )


def table_frame(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The rows a chart draws, as a readable table (the chart's accessible twin)."""
    out = df.copy()
    out["period"] = [period_text(s, e, lang) for s, e in zip(out["period_start"], out["period_end"], strict=True)]
    return out[list(TABLE_COLUMNS)].rename(columns={c: i18n.t(lang, f"col_{c}") for c in TABLE_COLUMNS})


def download_csv(df: pd.DataFrame) -> bytes:
    """Exactly the rows given, with citation columns, as UTF-8 CSV."""
    return df[DOWNLOAD_COLUMNS].to_csv(index=False).encode("utf-8")


def download_name(chart: str, suffix: str) -> str:
    return f"border-{chart}_{suffix}.csv"


def _name_parts(author: str) -> dict:
    """'Paloma Duran' -> {'family': 'Duran', 'given': 'Paloma'}."""
    given, _, family = author.rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": author}


def csl_item(row: pd.Series) -> dict:
    """One source as CSL-JSON: a newspaper article when it has an author, otherwise an institution's dataset."""
    has_author = isinstance(row["author"], str) and row["author"]
    item = {
        "id": row["source_id"], "type": "article-newspaper" if has_author else "dataset",
        "title": row["title"], "URL": row["url"],
        "author": [_name_parts(row["author"]) if has_author else {"literal": row["publisher"]}],
    }
    if has_author:
        item["container-title"] = row["publisher"]
    if pd.notna(row["published_at"]):
        day = pd.Timestamp(row["published_at"])
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item


def csl_json(sources: pd.DataFrame) -> list[dict]:
    return [csl_item(row) for _, row in sources.iterrows()]


BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", " ".join(str(text).split()).replace("\\", "/").replace("~", "-"))


def bibtex_entry(row: pd.Series) -> str:
    """One source as a BibTeX entry (@article with an author, @misc for an institution's data)."""
    has_author = isinstance(row["author"], str) and row["author"]
    fields = {"title": "{" + _bib(row["title"]) + "}"}
    if has_author:
        parts = _name_parts(row["author"])
        fields["author"] = _bib(f"{parts['family']}, {parts['given']}" if "family" in parts else parts["literal"])
        fields["journal"] = _bib(row["publisher"])
    else:
        fields["author"] = "{" + _bib(row["publisher"]) + "}"
    if pd.notna(row["published_at"]):
        day = pd.Timestamp(row["published_at"])
        fields |= {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
    fields["url"] = row["url"].replace("{", "%7B").replace("}", "%7D")
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@{'article' if has_author else 'misc'}{{{row['source_id']},\n{body}\n}}\n"


def bibtex(sources: pd.DataFrame) -> str:
    return "\n".join(bibtex_entry(row) for _, row in sources.iterrows())


def plain_citation(row: pd.Series) -> str:
    """A source cited in one line: author or publisher, date, title, publisher, address."""
    who = row["author"] if isinstance(row["author"], str) and row["author"] else row["publisher"]
    when = pd.Timestamp(row["published_at"]).strftime("%Y-%m-%d") if pd.notna(row["published_at"]) else "n.d."
    return f"{who} ({when}). {row['title']}. {row['publisher']}. {row['url']}"
