"""Citations: the cited-source panel's text, and chart data with its citations as CSV."""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

import pandas as pd

from dashboard.data.curated import NUMBER
from dashboard.data.filters import period_text
from dashboard.words import i18n
from dashboard.words.i18n import when_text

DOWNLOAD_COLUMNS = [
    "ref", "figure_id", "metric", "metric_label", "value", "value_text", "unit",
    "period_start", "period_end", "actor_id", "actor_name", "stated_by", "stated_by_name", "is_derived", "derivation",
    "note", "quote", "source_title", "source_publisher", "source_url",
]
TABLE_COLUMNS = ("ref", "metric_label", "value_text", "unit", "period", "actor_name", "stated_by_name", "is_derived",
                 "quote")
EVIDENCE_DOWNLOAD = [
    "ref", "figure_id", "source_id", "relation", "value", "value_text", "unit", "period_start", "period_end",
    "compares", "quote", "note", "known_at_publication", "source_title", "source_publisher", "source_via",
    "source_author", "source_published", "source_precision", "source_time_note", "source_url", "source_licence",
]
# A cell a spreadsheet would run as a formula (OWASP, "CSV injection"): it starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=\"'&])")


def md(text: object) -> str:
    """Text shown literally by st.markdown: every markdown/HTML character escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def safe_link(url: str) -> str:
    """An http(s) URL with the characters that could end a markdown link encoded."""
    if not re.match(r"^https?://", url):
        return ""
    return url_quote(url, safe=":/?&=#%~+,;@!$'*-._")  # pragma: no mutate (adding letters to `safe` changes nothing)


def via_text(via: object) -> str:
    """' (the copy cited)', escaped, when a source was read in a copy; otherwise nothing."""
    return f" ({md(via)})" if isinstance(via, str) and via else ""


def source_markdown(row: pd.Series, lang: str) -> str:
    """One source as a markdown line: title, publisher, author, date and link."""
    parts = [f"**{md(row['title'])}**", md(row["publisher"]) + via_text(row["via"])]
    if isinstance(row["author"], str) and row["author"]:
        parts.append(md(row["author"]))
    parts.append(md(when_text(row["published"], row["precision"], lang)))
    link = safe_link(row["url"])
    line = " · ".join(parts)
    return f"{line} · [{md(row['url'])}]({link})" if link else line


def quoted(quote: str, lang: str) -> str:
    """A quote in its original English, in quotation marks; marked as English when the page is not."""
    return f"“{quote}”" if lang == "en" else f"“{quote}” ({i18n.t(lang, 'quote_in_english')})"


def derivation_text(formula: str, refs: dict[str, int]) -> str:
    """A derivation with the figures it uses by their number on the page: "f-2022-03-arrivals / 31" reads
    "[1] / 31" (an id the page does not number stays as it is)."""
    return " ".join(f"[{refs[token]}]" if i % 2 == 0 and token in refs and not NUMBER.match(token) else token
                    for i, token in enumerate(formula.split()))


def figure_markdown(row: pd.Series, lang: str, refs: dict[str, int] | None = None) -> str:
    """One cited figure: its number, the quote, and what it is; `refs` numbers the figures a derivation uses."""
    formula = row["is_derived"] and derivation_text(row["derivation"], refs or {})
    derived = f" — *{md(i18n.t(lang, 'derived_colon'))} {md(formula)}*" if formula else ""
    period = period_text(row["period_start"], row["period_end"], lang)
    return (
        f"**\\[{row['ref']}\\]** {md(quoted(row['quote'], lang))} — {md(row['metric_label'])}: "
        f"{md(row['value_text'])} ({md(row['actor_name'])}, {md(period)}; {md(stated_text(row, lang))}){derived}"
    )


def stated_text(row: pd.Series, lang: str) -> str:
    """Who states a figure: "stated by US government"; a derived figure no one states is this dashboard's work."""
    if row["is_derived"] and pd.isna(row["stated_by"]):
        return i18n.t(lang, "worked_out")
    return i18n.t(lang, "stated_by", who=row["stated_by_name"])


def table_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows a chart draws, as a readable table (the chart's accessible twin)."""
    out = df.copy()
    out["period"] = [period_text(start, end, lang) for start, end in i18n.rows_of(df, "period_start", "period_end")]
    out["is_derived"] = [i18n.t(lang, "derived" if d else "reported") for d in out["is_derived"]]
    table = i18n.readable(out[list(TABLE_COLUMNS)], lang, keep=("ref",))
    return table.rename(columns={c: i18n.t(lang, f"col_{c}") for c in TABLE_COLUMNS})


def pinned(lang: str, *columns: str) -> dict:
    """Column settings that keep a table's reference and value columns in view when it scrolls sideways."""
    return {i18n.t(lang, f"col_{c}"): {"pinned": True} for c in columns}


def evidence_markdown(row: pd.Series, lang: str) -> str:
    """One evidence row: source, date, relation, whether it was public before the article, the quote, the link."""
    when = when_text(row["source_published"], row["source_precision"], lang)
    parts = [f"**{md(row['source_publisher'])}**{via_text(row['source_via'])}", md(when),
             md(i18n.t(lang, f"relation_{row['relation']}")), md(i18n.t(lang, f"known_{row['known_at_publication']}"))]
    line = " · ".join(parts) + f": {md('“' + row['quote'] + '”')}"
    if isinstance(row["note"], str) and row["note"]:
        line += f" — {md(row['note'])}"
    link = safe_link(row["source_url"])
    return f"{line} [{md(i18n.t(lang, 'link'))}]({link})" if link else line


def evidence_lines(rows: pd.DataFrame, lang: str, numbered: bool = False) -> str:
    """Evidence rows as a markdown list (`numbered`: each line led by its figure's number, as under the timeline)."""
    return "\n".join("- " + (f"**\\[{e['ref']}\\]** " if numbered else "") + evidence_markdown(e, lang)
                     for _, e in rows.iterrows())


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert with a leading apostrophe (OWASP)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV: timestamps in ISO 8601, formula-like text cells neutralised."""
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%S%z")
        else:
            out[column] = out[column].map(neutralise)  # leaves anything but text as it is
    return out.to_csv(index=False).encode()  # pragma: no mutate (index=None reads as False)


def download_csv(df: pd.DataFrame) -> bytes:
    """Exactly the rows given, with citation columns, as UTF-8 CSV."""
    return csv_bytes(df[DOWNLOAD_COLUMNS])


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
    if pd.notna(row["published_on"]):
        day = pd.Timestamp(row["published_on"])
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
    if pd.notna(row["published_on"]):
        day = pd.Timestamp(row["published_on"])
        fields |= {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
    fields["url"] = row["url"].replace("{", "%7B").replace("}", "%7D")
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@{'article' if has_author else 'misc'}{{{row['source_id']},\n{body}\n}}\n"


def bibtex(sources: pd.DataFrame) -> str:
    return "\n".join(bibtex_entry(row) for _, row in sources.iterrows())


def plain_citation(row: pd.Series) -> str:
    """A source cited in one line: author or publisher, date, title, publisher, address."""
    who = row["author"] if isinstance(row["author"], str) and row["author"] else row["publisher"]
    when = pd.Timestamp(row["published_on"]).strftime("%Y-%m-%d") if pd.notna(row["published_on"]) else "n.d."
    return f"{who} ({when}). {row['title']}. {row['publisher']}. {row['url']}"
