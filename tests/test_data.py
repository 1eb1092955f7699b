"""The curated data itself: quotes verbatim in the article, derivations traceable."""

from __future__ import annotations

import re
import unicodedata

import pytest

from dashboard.data.curated import derivation_inputs, load_curated
from tests.conftest import ARTICLE, PROJECT

FIGURES = load_curated(PROJECT / "data")["figures"]


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f["figure_id"])
def test_quote_is_verbatim_in_the_article(figure):
    assert normalise(figure["quote"]) in normalise(ARTICLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f["figure_id"])
def test_quote_is_short(figure):
    assert len(figure["quote"]) <= 120


@pytest.mark.parametrize("figure", [f for f in FIGURES if f["is_derived"]], ids=lambda f: f["figure_id"])
def test_derived_figure_quotes_what_it_is_derived_from(figure):
    by_id = {f["figure_id"]: f for f in FIGURES}
    inputs = derivation_inputs(figure["derivation"])
    assert inputs, "a derivation names the figures it uses"
    assert all(not by_id[i]["is_derived"] for i in inputs)
    assert figure["quote"] in {by_id[i]["quote"] for i in inputs}
    assert "Derived" in figure["note"]


def test_numbers_in_quotes_match_values():
    for figure in (f for f in FIGURES if f["value"] is not None and not f["is_derived"]):
        numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", figure["quote"])}
        scale = 1e6 if "million" in figure["quote"] else 1
        assert figure["value"] / scale in numbers, figure["figure_id"]


def test_relative_periods_are_explained():
    for figure in FIGURES:
        quote = figure["quote"].lower()
        if any(word in quote for word in ("so far", "last 2 months", "this week")):
            # the note says how the period was resolved: it names the date the period ends on
            assert str(figure["period_end"]) in (figure["note"] or ""), figure["figure_id"]
