"""The message catalogue and the data translations: complete, consistent, and used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import i18n, queries
from dashboard.validate import DataError
from tests.conftest import PROJECT, all_filters

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\{[^}]+\}")


@pytest.mark.parametrize("key", sorted(i18n.catalogue()))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    texts = i18n.catalogue()[key]
    assert texts["en"].strip() and texts["es"].strip()
    assert sorted(PLACEHOLDER.findall(texts["en"])) == sorted(PLACEHOLDER.findall(texts["es"]))


def test_every_message_is_used_by_the_code():
    code = " ".join(p.read_text() for p in (PROJECT / "dashboard").glob("*.py"))
    dynamic = ("col_", "claim_col_", "field_", "vintage_", "dim_", "figures_n_", "events_n_", "rows_n_", "what_",
               "desc_derived_", "when_", "c_public_", "code_", "relation_", "known_")
    quoted = {k for k in i18n.catalogue() if f'"{k}"' in code or f"'{k}'" in code}
    unused = [k for k in i18n.catalogue() if k not in quoted and not k.startswith(dynamic)]
    assert not unused


def test_numbers_follow_the_mexican_convention():
    assert i18n.num(234088, "es") == "234,088" == i18n.num(234088, "en")
    assert i18n.num(12.345, "es", 1) == "12.3"
    assert i18n.month_label("2022-05", "es") == "may 2022" and i18n.month_label("2022-05") == "May 2022"


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


def test_every_translatable_text_of_the_article_has_spanish(cur):
    rows = queries.figures(cur, all_filters())
    translations = queries.translations(cur, "es")
    words = rows[rows["value_text"].str.contains("[a-z]", regex=True)]
    missing = [f for f in words["figure_id"] if ("figures", f, "value_text") not in translations]
    assert not missing
    labels = {(m, field) for m in rows["metric"] for field in ("label", "short_label", "unit")
              if ("metrics", m, field) not in translations}
    assert not labels


@pytest.mark.parametrize("row, field", [
    ({"table": "quotes"}, "table"),
    ({"field": "quote"}, "field"),
    ({"lang": "fr"}, "lang"),
    ({"key": "no-such-figure"}, "key"),
])
def test_a_bad_translation_names_its_file_row_and_field(data_dir: Path, edit_csv, row, field):
    from dashboard import store

    def change(rows):
        rows[2].update(row)
    edit_csv("translations", change)
    with pytest.raises(DataError) as err:
        store.build(data_dir)
    assert (err.value.file, err.value.row, err.value.field) == ("translations.csv", 4, field)
