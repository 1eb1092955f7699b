"""The message catalogue and the data translations: complete, consistent, and used."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.data import queries
from dashboard.data.validate import DataError
from dashboard.words import i18n
from tests.conftest import PROJECT, all_filters

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\{[^}]+\}")


@pytest.mark.parametrize("key", sorted(i18n.catalogue()))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    texts = i18n.catalogue()[key]
    assert texts["en"].strip() and texts["es"].strip()
    assert sorted(PLACEHOLDER.findall(texts["en"])) == sorted(PLACEHOLDER.findall(texts["es"]))


def test_catalogues_compile_with_babel_and_gettext_reads_them_back(tmp_path):
    """The .po files are real gettext catalogues: Babel compiles them, the standard library's gettext reads the .mo
    files, and every message comes back as the app shows it. The template lists every key."""
    import gettext

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(i18n.LOCALE_DIR / "messages.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == set(i18n.catalogue())
    for lang in i18n.LANGS:
        with open(i18n.catalogue_path(lang), "rb") as handle:
            catalog = read_po(handle, locale=i18n.LOCALES[lang])
        assert not [m.id for m in catalog if m.id and (m.fuzzy or not m.string)]
        assert not list(catalog.check())  # Babel's own checks: placeholders, plural forms
        mo = tmp_path / f"{lang}.mo"
        with open(mo, "wb") as handle:
            write_mo(handle, catalog)
        with open(mo, "rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        assert all(compiled.gettext(key) == texts[lang] for key, texts in i18n.catalogue().items())


def test_formats_come_from_cldr():
    assert [i18n.month_label(f"2022-{m:02d}", "es") for m in (1, 8, 9, 12)] == ["ene 2022", "ago 2022", "sep 2022",
                                                                              "dic 2022"]
    assert i18n.month_name(3, "es") == "marzo" and i18n.month_name(3) == "March"
    assert i18n.num(7723.14, 1) == "7,723.1" and i18n.num(-4.18, 1) == "-4.2"
    assert i18n.t_n("es", "figures_n", 1) != i18n.t_n("es", "figures_n", 2)


def test_every_message_is_used_by_the_code():
    """Every key is quoted in the code; a plural form (`rows_n_one`) is used where its stem (`"rows_n"`) is quoted,
    as `t_n` looks it up."""
    code = " ".join(p.read_text() for p in (PROJECT / "dashboard").rglob("*.py"))
    dynamic = ("col_", "claim_col_", "field_", "vintage_", "dim_", "what_", "when_", "c_public_", "code_", "relation_",
               "dated_", "finding_", "status_", "tab_", "method_",
               "known_")

    def quoted(key: str) -> bool:
        stem = re.sub(r"_(one|other)$", "", key)
        return any(f'"{k}"' in code or f"'{k}'" in code for k in {key, stem})

    unused = [k for k in i18n.catalogue() if not quoted(k) and not k.startswith(dynamic)]
    assert not unused


def test_numbers_follow_the_mexican_convention():
    """num() writes numbers one way for both languages because CLDR's es-MX and en-US write them alike."""
    from babel.numbers import format_decimal

    for value in (234088, 7723.14, -4.18, 1234567.5):
        assert format_decimal(value, locale="es_MX") == format_decimal(value, locale="en_US")
    assert i18n.num(234088) == "234,088" and i18n.num(1234567.25, 2) == "1,234,567.25"
    assert i18n.num(12.345, 1) == "12.3"
    assert i18n.month_label("2022-05", "es") == "may 2022" and i18n.month_label("2022-05") == "May 2022"


def test_a_value_ending_in_a_full_stop_ends_its_sentence_once():
    assert i18n.t("es", "report_filter", filter="abr 2022; actores: Gobierno de EE. UU.", created="x") == (
        "Filtro: abr 2022; actores: Gobierno de EE. UU. Generado el x.")
    assert i18n.t("en", "report_filter", filter="Apr 2022; actors: all", created="x.") == (
        "Filter: Apr 2022; actors: all. Made x.")


def test_unknown_language_is_english():
    assert i18n.lang_of("fr") == "en" and i18n.lang_of(None) == "en" and i18n.lang_of("es") == "es"


def test_localize_translates_labels_but_never_quotes(cur):
    rows = queries.figures(cur, all_filters())
    spanish = i18n.localize(rows, queries.translations(cur, "es"), "es")
    assert (spanish["quote"] == rows["quote"]).all()
    assert set(spanish["actor_name"]) >= {"Gobierno de EE. UU.", "Human Rights Watch"}
    assert spanish.loc[rows["figure_id"] == "f-sting-officials", "value_text"].item() == "cientos"
    english = i18n.localize(rows, queries.translations(cur, "es"), "en")
    assert english.drop(columns="stated_by_name").equals(rows.drop(columns="stated_by_name"))
    assert set(english.loc[english["is_derived"], "stated_by_name"]) == {"This dashboard (arithmetic)"}
    assert set(spanish.loc[spanish["is_derived"], "stated_by_name"]) == {"Este tablero (cálculo)"}


def test_sources_and_evidence_translate_descriptive_publishers_but_not_their_values(cur):
    """A publisher that is a description ("CNN, machine re-translated") reads in Spanish in the sources and the
    evidence; an evidence row's value is the source's own words, never the figure's translated value_text."""
    sources = queries.localized(cur, "sources", "es").set_index("source_id")
    assert sources.loc["cnn-retranslated", "publisher"] == "CNN, retraducción automática"
    assert sources.loc["newcovenant-2022-06-10", "via"] == "newcovenantnetwork.net; no se nombra el medio original"
    assert sources.loc["nbc-2022-05-16", "publisher"] == "NBC News"  # a name stays as it is
    english = queries.evidence(cur, all_filters())
    spanish = queries.localized(cur, "evidence", "es", all_filters())
    assert spanish["value_text"].equals(english["value_text"]) and spanish["quote"].equals(english["quote"])
    assert "Medio sin nombre (republicación)" in set(spanish["source_publisher"])
    assert queries.localized(cur, "evidence", "en", all_filters())["source_publisher"].equals(
        english["source_publisher"])


def test_every_translatable_text_of_the_article_has_spanish(cur):
    rows = queries.figures(cur, all_filters())
    translations = queries.translations(cur, "es")
    words = rows[rows["value_text"].str.contains("[a-z]", regex=True)]
    missing = [f for f in words["figure_id"] if ("figures", f, "value_text") not in translations]
    assert not missing
    labels = {(m, field) for m in rows["metric"] for field in ("label", "short_label", "unit")
              if ("metrics", m, field) not in translations}
    assert not labels
    evidence = queries.evidence(cur, all_filters())
    noted = evidence[evidence["note"].notna()]
    assert len(noted) > 20 and not [k for k in noted["evidence_key"] if ("evidence", k, "note") not in translations]


@pytest.mark.parametrize("row, field", [
    ({"table": "quotes"}, "table"),
    ({"field": "quote"}, "field"),
    ({"lang": "fr"}, "lang"),
    ({"key": "no-such-figure"}, "key"),
])
def test_a_bad_translation_names_its_file_row_and_field(data_dir: Path, edit_csv, row, field):
    from dashboard.data import store

    def change(rows):
        rows[2].update(row)
    edit_csv("translations", change)
    with pytest.raises(DataError) as err:
        store.build(data_dir)
    assert (err.value.file, err.value.row, err.value.field) == ("translations.csv", 4, field)


def test_readable_writes_nullable_and_numpy_numbers_as_the_page_does():
    table = pd.DataFrame({"total": pd.array([4182, None], dtype="Int64"), "rate": [np.float64(7165.94), np.nan],
                          "seen": [True, False], "year": [2022, 2023]})
    shown = i18n.readable(table, "es", keep=("year",))
    assert shown.to_dict("list") == {"total": ["4,182", "—"], "rate": ["7,165.9", "—"], "seen": ["sí", "no"],
                                     "year": [2022, 2023]}
