"""English and Spanish: the interface's messages, month names and number formats.

Messages are gettext catalogues, one per language, in `locale/<lang>/LC_MESSAGES/messages.po` beside this file
(msgid: the message's key; `{name}` placeholders filled by `t`), with the template `locale/messages.pot`; translators'
tools open them, and `make catalogs` compiles them with Babel. Month names, numbers and plural forms come from
Babel's CLDR data for en-US and es-MX. Numbers in es-MX follow the same convention as en-US: 234,088 and 12.5
(comma for thousands, point for decimals). Dates in tables and downloads stay ISO 8601 (2022-06-15) in both
languages; month names, and dates on chart axes, follow the language.
Translations of the data itself (metric labels, actor names, value texts) are in `data/translations.csv`.
"""

from __future__ import annotations

import numbers
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import parse_pattern

LANGS = ("en", "es")
LOCALES = {"en": "en_US", "es": "es_MX"}  # CLDR locales
LOCALE_DIR = Path(__file__).with_name("locale")
# Plotly axis and hover formats for a month and for a day.
AXIS_MONTH = {"en": "%b %Y", "es": "%m/%Y"}
AXIS_DAY = {"en": "%d %b %Y", "es": "%d/%m/%Y"}


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message: key -> {language: text}, from the gettext catalogues."""
    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        with open(catalogue_path(lang), "rb") as handle:
            for message in read_po(handle, locale=LOCALES[lang]):
                if message.id:
                    out.setdefault(message.id, {})[lang] = message.string
    return out


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def lang_of(value: object) -> str:
    """A supported language code; anything else (a hostile or stale URL) is English."""
    return value if value in LANGS else "en"


def t(lang: str, key: str, **values) -> str:
    """The message `key` in `lang` (a code from LANGS: callers take it through `lang_of` at the edge), filled in.
    A value that ends in a full stop ("Gobierno de EE. UU.") takes the place of the one after it in the message."""
    text = catalogue()[key][lang]
    if not values:
        return text
    for name, value in values.items():
        if isinstance(value, str) and value.endswith("."):
            text = text.replace(f"{{{name}}}.", f"{{{name}}}")
    return text.format(**values)


def t_n(lang: str, key: str, n: int, **values) -> str:
    """The form of a message about `n` things for CLDR's plural category of `n` (`key_one`, else `key_other`)."""
    form = "one" if locale(lang).plural_form(n) == "one" else "other"
    return t(lang, f"{key}_{form}", n=n, **values)


@cache
def _pattern(decimals: int):
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def num(value: float, decimals: int = 0) -> str:
    """A number with separators and `decimals` decimals: 234,088 and 12.5. CLDR writes numbers alike in en-US and
    es-MX (tests/test_i18n.py checks it), so the page's language does not enter."""
    return _pattern(decimals).apply(value, locale("en"))


@cache
def month_label(key: str, lang: str = "en") -> str:
    """'2022-03' -> 'Mar 2022' / 'mar 2022' (CLDR's stand-alone abbreviated month)."""
    return format_date(date(int(key[:4]), int(key[5:7]), 1), "LLL y", locale=locale(lang))


@cache
def month_name(month: int, lang: str = "en") -> str:
    """3 -> 'March' / 'marzo' (CLDR's stand-alone month name)."""
    return format_date(date(2000, month, 1), "LLLL", locale=locale(lang))


# Which column of a query's rows holds each translatable field, and the key it is looked up by.
FIGURE_TEXTS = {
    ("metrics", "label"): (("metric", "metric_label"),), ("metrics", "short_label"): (("metric", "metric_short"),),
    ("metrics", "unit"): (("metric", "unit"),),
    ("actors", "name"): (("actor_id", "actor_name"), ("stated_by", "stated_by_name")),
    ("figures", "value_text"): (("figure_id", "value_text"),),
    # a source's publisher where it is a description ("CNN, machine re-translated"), and how it was read ("via")
    ("sources", "publisher"): (("source_id", "source_publisher"),), ("sources", "via"): (("source_id", "source_via"),),
}
ACTOR_TEXTS = {("actors", "name"): (("actor_id", "name"),)}
SOURCE_TEXTS = {("sources", "publisher"): (("source_id", "publisher"),), ("sources", "via"): (("source_id", "via"),)}
# An evidence row's note, keyed by figure, source and relation ("f-2022-03-arrivals/nbc-2022-05-16/origin").
EVIDENCE_NOTES = {("evidence", "note"): (("evidence_key", "note"),)}
# Evidence rows carry a figure_id but their value_text is the source's own: only the source's texts and the row's
# own note are translated.
EVIDENCE_TEXTS = {key: columns for key, columns in FIGURE_TEXTS.items() if key[0] == "sources"} | EVIDENCE_NOTES
TRANSLATABLE = FIGURE_TEXTS | EVIDENCE_NOTES  # what data/translations.csv may translate


def row_key(key: str | tuple[str, ...]) -> str:
    """A row's key as data/translations.csv writes it: a key of several columns joined by "/"."""
    return key if isinstance(key, str) else "/".join(key)


def localize(df: pd.DataFrame, translations: dict, lang: str, texts: dict = FIGURE_TEXTS) -> pd.DataFrame:
    """Rows with their texts in `lang` where data/translations.csv has them; quotes stay as they are.

    `translations` maps (table, key, field) to the text in `lang`.
    """
    if df.empty:
        return df
    out = df.copy()
    if "stated_by_name" in out:  # no one states a derived figure: it is this dashboard's arithmetic
        out["stated_by_name"] = out["stated_by_name"].fillna(t(lang, "this_dashboard")).astype(object)
    if lang == "en":
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


def when_text(published: str | None, precision: str, lang: str) -> str:
    """A source's date or time as the reader should take it: '2022-06-15 12:04 UTC-05:00', 'by 2022-05-17', ..."""
    if precision == "undated" or not isinstance(published, str):
        return t(lang, "when_undated")
    if precision == "minute":
        return f"{published[:10]} {published[11:16]} UTC{published[-6:]}"
    return t(lang, f"when_{precision}", day=published[:10])


MISSING = "—"


def sentence(text: str) -> str:
    """A text as it opens a sentence: its first letter capital, the rest as written ("matches NBC News" ->
    "Matches NBC News"; str.capitalize would lower "NBC")."""
    return text[:1].upper() + text[1:]


def full_stop(text: str) -> str:
    """A text ended as a sentence: "stated by US government" -> "… government."; "EE. UU." keeps its one stop."""
    return text if text.endswith(".") else text + "."


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
    if isinstance(value, numbers.Real):  # NumPy's scalars too: a nullable Int64 column yields them
        return number_text(value)
    return value if isinstance(value, str) else str(value)


def rows_of(df: pd.DataFrame, *names: str):
    """The values of the columns `names`, row by row, as tuples: each column read once, as a list (a DataFrame's
    `itertuples` makes a namedtuple class per call and `iterrows` a Series per row, most of a small chart's cost)."""
    return zip(*(df[name].tolist() for name in names), strict=True)


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
