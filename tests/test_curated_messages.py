"""The exact words a reviewer reads when a curated row breaks one of the rules between fields (curated.py): each
rule's message, with the file, row and field it names. Written against mutants `make mutants` found alive."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.data import curated
from dashboard.data.validate import DataError

EVIDENCE = {"_line": 5, "figure_id": "f1", "source_id": "other", "relation": "corroborates", "value": 10.0,
            "value_text": "10", "unit": "people", "period_start": date(2022, 5, 1), "period_end": date(2022, 5, 31),
            "compares": True}
FIGURE = {"_line": 8, "metric": "monthly_arrivals", "unit": "people", "period_start": date(2022, 4, 1),
          "period_end": date(2022, 4, 30), "value": 30.0, "value_text": "30", "is_derived": False, "derivation": None,
          "stated_by": "us-gov"}


def refusal(check, *args) -> str:
    with pytest.raises(DataError) as refused:
        check(*args)
    return str(refused.value)


@pytest.mark.parametrize(("change", "words"), [
    ({"relation": "agrees"}, "field 'relation': must be one of origin, corroborates, contradicts, refines"),
    ({"source_id": "mbn"}, "field 'source_id': is a source of the figures themselves, not other evidence"),
    ({"unit": None}, "field 'unit': must be given with a value"),
    ({"value_text": None}, "field 'value_text': must be given with a value"),
    ({"period_end": date(2022, 4, 30)}, "field 'period_end': is before period_start"),
    ({"value": None, "value_text": None, "unit": None}, "field 'compares': can be true only for a row with a value"),
    ({"unit": "US dollars"}, "field 'unit': 'US dollars' cannot be compared with the figure's 'people'"),
])
def test_each_evidence_rule_has_its_words(change, words):
    row = EVIDENCE | change
    assert refusal(curated._check_evidence, row, {"mbn"}, {"f1": "people"}) == f"evidence.csv, row 5, {words}"


def test_evidence_that_keeps_every_rule_passes():
    curated._check_evidence(EVIDENCE, {"mbn"}, {"f1": "people"})
    curated._check_evidence(EVIDENCE | {"value": None, "value_text": None, "unit": None, "compares": False},
                            {"mbn"}, {"f1": "people"})


@pytest.mark.parametrize(("change", "words"), [
    ({"unit": "actions"}, "field 'unit': must be 'people', the unit of metric 'monthly_arrivals'"),
    ({"period_end": date(2022, 3, 31)}, "field 'period_end': is before period_start"),
    ({"value": None}, "field 'value': is empty although value_text states a number"),
    ({"derivation": "f2 * 2"}, "field 'derivation': must be given exactly when is_derived is true"),
    ({"stated_by": None}, "field 'stated_by': names who states the figure; empty exactly for a derived figure "
                          "(this dashboard's arithmetic)"),
    ({"is_derived": True, "derivation": "f2 * 2", "stated_by": None, "value": 31.0},
     "field 'value': does not match its derivation (30.00)"),
])
def test_each_figure_rule_has_its_words(change, words):
    row = FIGURE | change
    units, values = {"monthly_arrivals": "people"}, {"f2": 15.0}
    assert refusal(curated._check_figure, row, units, values) == f"figures.csv, row 8, {words}"


def test_a_derived_figure_within_half_a_unit_of_its_formula_passes():
    derived = FIGURE | {"is_derived": True, "derivation": "f2 * 2", "stated_by": None, "value": 30.4}
    curated._check_figure(derived, {"monthly_arrivals": "people"}, {"f2": 15.0})
    event = FIGURE | {"metric": "event", "unit": "event", "value": None, "value_text": "Caravan stopped"}
    curated._check_figure(event, {"event": "event"}, {})


@pytest.mark.parametrize(("formula", "words"), [
    ("f2 *", "'f2 *' is not of the form 'figure-id * number'"),
    ("f2 + 3", "bad operator or division by zero in 'f2 + 3'"),
    ("f2 / 0", "bad operator or division by zero in 'f2 / 0'"),
    ("f2 */ 3", "bad operator or division by zero in 'f2 */ 3'"),
    ("f2 X 3", "bad operator or division by zero in 'f2 X 3'"),
    ("f9 * 2", "names 'f9', which is not a figure with a value"),
])
def test_each_derivation_refusal_has_its_words(formula, words):
    assert refusal(curated.evaluate_derivation, formula, {"f2": 15.0}, 8) == (
        f"figures.csv, row 8, field 'derivation': {words}")


def test_derivations_evaluate_left_to_right():
    assert curated.evaluate_derivation("f2 * 2 / 3", {"f2": 15.0}) == 10.0
    assert curated.evaluate_derivation("6 / f2", {"f2": 3.0}) == 2.0


def test_a_metric_on_no_chart_and_a_source_with_an_impossible_date_are_refused():
    assert refusal(curated._check_metrics, [{"_line": 3, "chart": "pie"}]) == (
        "metrics.csv, row 3, field 'chart': must be one of monthly, daily, enforcement, timeline")
    words = refusal(curated._check_source, {"_line": 2, "published": None, "precision": "day"})
    assert words.startswith("sources.csv, row 2, field 'precision': ")


@pytest.mark.parametrize(("change", "words"), [
    ({"vintage": "second"}, "field 'vintage': must be one of first_release, first_seen, revision"),
    ({"value": 10.5}, "field 'value': must be a whole number of encounters"),
])
def test_each_observation_rule_has_its_words(change, words):
    row = {"_line": 4, "vintage": "revision", "observed_on": date(2022, 6, 1), "month": date(2022, 5, 1),
           "value": 5.0} | change
    assert refusal(curated._check_observation, row) == f"official_observations.csv, row 4, {words}"


def test_figure_rules_at_their_edges():
    units, values = {"monthly_arrivals": "people", "event": "event"}, {"f2": 15.0}
    off_by_half = FIGURE | {"is_derived": True, "derivation": "f2 * 2", "stated_by": None, "value": 30.5}
    assert refusal(curated._check_figure, off_by_half, units, values) == (
        "figures.csv, row 8, field 'value': does not match its derivation (30.00)")
    broken = FIGURE | {"is_derived": True, "derivation": "f9 * 2", "stated_by": None}
    assert refusal(curated._check_figure, broken, units, values) == (
        "figures.csv, row 8, field 'derivation': names 'f9', which is not a figure with a value")
    assert refusal(curated.evaluate_derivation, "f9", values).startswith("figures.csv, field 'derivation'")
    unvalued = FIGURE | {"value": None, "value_text": "5 people"}
    assert refusal(curated._check_figure, unvalued, units, values) == (
        "figures.csv, row 8, field 'value': is empty although value_text states a number")
    curated._check_figure(unvalued | {"metric": "event", "unit": "event"}, units, values)  # an event's words may


def test_a_source_with_an_impossible_date_names_the_problem():
    words = refusal(curated._check_source, {"_line": 2, "published": None, "precision": "day"})
    assert words == "sources.csv, row 2, field 'precision': " + curated.time_rule.check(None, "day")
    assert curated.time_rule.check(None, "day")


def test_only_a_daily_rate_compares_with_totals():
    assert curated.comparable_units("people per day", "encounters")
    assert not curated.comparable_units("people", "encounters per day")
    assert not curated.comparable_units("actions", "people")
