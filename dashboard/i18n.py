"""English and Spanish: the interface's messages, month names and number formats.

Messages live in `dashboard/messages.csv` (key, en, es), with `{name}` placeholders filled by `t`.
Numbers follow the Mexican convention in Spanish, which is the same as the US one: 234,088 and 12.5
(comma for thousands, point for decimals). Dates in tables and downloads stay ISO 8601 (2022-06-15)
in both languages; month names, and dates on chart axes, follow the language.
Translations of the data itself (metric labels, actor names, value texts) are in `data/translations.csv`.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd

LANGS = ("en", "es")
MESSAGES = Path(__file__).with_name("messages.csv")
MONTH_ABBR = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
}
MONTH_NAME = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}
# Plotly axis and hover formats for a month and for a day.
AXIS_MONTH = {"en": "%b %Y", "es": "%m/%Y"}
AXIS_DAY = {"en": "%d %b %Y", "es": "%d/%m/%Y"}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message: key -> {language: text}."""
    with open(MESSAGES, encoding="utf-8", newline="") as handle:
        return {row["key"]: {lang: row[lang] for lang in LANGS} for row in csv.DictReader(handle)}


def lang_of(value: object) -> str:
    """A supported language code; anything else (a hostile or stale URL) is English."""
    return value if value in LANGS else "en"


def t(lang: str, key: str, **values) -> str:
    """The message `key` in `lang`, with its placeholders filled."""
    text = catalogue()[key][lang_of(lang)]
    return text.format(**values) if values else text


def t_n(lang: str, key: str, n: int, **values) -> str:
    """The singular (`key_one`) or plural (`key_other`) form of a message about `n` things."""
    return t(lang, f"{key}_{'one' if n == 1 else 'other'}", n=n, **values)


def num(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number with thousands separators: the same in both languages (see the module's docstring)."""
    return f"{value:,.{decimals}f}"


def month_label(key: str, lang: str = "en") -> str:
    """'2022-03' -> 'Mar 2022' / 'mar 2022'."""
    return f"{MONTH_ABBR[lang_of(lang)][int(key[5:7]) - 1]} {int(key[:4])}"


def month_name(month: int, lang: str = "en") -> str:
    return MONTH_NAME[lang_of(lang)][month - 1]


# Which column of a query's rows holds each translatable field, and the key it is looked up by.
FIGURE_TEXTS = {
    ("metrics", "label"): (("metric", "metric_label"),), ("metrics", "short_label"): (("metric", "metric_short"),),
    ("metrics", "unit"): (("metric", "unit"),),
    ("actors", "name"): (("actor_id", "actor_name"), ("stated_by", "stated_by_name")),
    ("figures", "value_text"): (("figure_id", "value_text"),),
}
ACTOR_TEXTS = {("actors", "name"): (("actor_id", "name"),)}


def localize(df: pd.DataFrame, translations: dict, lang: str, texts: dict = FIGURE_TEXTS) -> pd.DataFrame:
    """Rows with their texts in `lang` where data/translations.csv has them; quotes stay as they are.

    `translations` maps (table, key, field) to the text in `lang`.
    """
    if df.empty:
        return df
    out = df.copy()
    if "stated_by_name" in out:  # no one states a derived figure: it is this dashboard's arithmetic
        out["stated_by_name"] = out["stated_by_name"].fillna(t(lang, "this_dashboard")).astype(object)
    if lang_of(lang) == "en":
        return out
    for (table, field), columns in texts.items():
        for key, column in columns:
            if key in out and column in out:
                out[column] = [translations.get((table, k, field), text)
                               for k, text in zip(out[key], out[column], strict=True)]
    return out


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table for reading: columns (and CBP's vintage codes) named in `lang`; downloads keep the field names."""
    out = df.assign(vintage=[t(lang, f"vintage_{v}") for v in df["vintage"]]) if "vintage" in df else df
    return out.rename(columns={c: t(lang, f"field_{c}") for c in df.columns})


def when_text(published: str | None, precision: str, lang: str = "en") -> str:
    """A source's date or time as the reader should take it: '2022-06-15 12:04 UTC-05:00', 'by 2022-05-17', ..."""
    if precision == "undated" or not isinstance(published, str):
        return t(lang, "when_undated")
    if precision == "minute":
        return f"{published[:10]} {published[11:16]} UTC{published[-6:]}"
    return t(lang, f"when_{precision}", day=published[:10])


MISSING = "—"


def number_text(value) -> str:
    """A count with separators (234,088), any other number with one decimal at most (7,723.1); missing: a dash."""
    if value is None or pd.isna(value):
        return MISSING
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number_text(value)
    return value if isinstance(value, str) else str(value)


def readable(df: pd.DataFrame, lang: str, keep: tuple[str, ...] = (), signed: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table for people: a dash for what is missing (never None or nan), yes/no for true/false, counts with
    separators, other numbers with one decimal at most; `keep` columns stay as they are, `signed` show their sign."""
    out = df.copy()
    words = {True: t(lang, "yes"), False: t(lang, "no")}
    for column in out.columns:
        values = out[column]
        if column in keep:
            continue
        if column in signed:
            out[column] = [MISSING if pd.isna(v) else f"{v:+,.0f}" for v in values]
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.map(words)
        else:
            out[column] = [_cell(v) for v in values]
    return out
