"""Hostile text in every field the page renders stays text: checked on what the script renders (AppTest).

Each field gets markup that would run, or become a link or formatting, if it reached markdown or Plotly unescaped.
Removing the escaping at any one place where such a field is rendered makes a test here fail.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import store
from tests.conftest import PROJECT, read_csv, write_csv

APP = str(PROJECT / "dashboard" / "app.py")
TABS = ("found", "check", "article", "cbp", "sources")
EVIL = '<script>x()</script>[go](javascript:alert(1))**b**'
RAW = re.compile(r"(?<!\\)<script|(?<!\\)\]\(javascript:|(?<!\\)\*\*b(?<!\\)\*\*")


def mark(tag: str) -> str:
    return f"{tag}{EVIL}"


def edit(data, table: str, change) -> None:
    rows = read_csv(data / f"{table}.csv")
    change(rows)
    write_csv(data / f"{table}.csv", rows)


def where(rows, key, value):
    return next(r for r in rows if r[key] == value)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from tests.conftest import copy_curated
    data = copy_curated(tmp_path_factory.mktemp("evil"))
    edit(data, "sources", lambda rows: where(rows, "source_id", "mbn-2022-06-15").update(title=mark("TITLE")))
    edit(data, "sources", lambda rows: where(rows, "source_id", "nbc-2022-05-16").update(publisher=mark("PUB")))
    edit(data, "actors", lambda rows: where(rows, "actor_id", "us-dhs").update(name=mark("ACTOR")))
    edit(data, "metrics", lambda rows: where(rows, "metric", "operation_funding").update(short_label=mark("KPI")))
    edit(data, "metrics", lambda rows: where(rows, "metric", "traffickers_arrested").update(short_label=mark("BAR")))
    edit(data, "figures", lambda rows: where(rows, "figure_id", "f-2022-04-arrivals").update(quote=mark("QUOTE")))
    edit(data, "figures", lambda rows: where(rows, "figure_id", "e-hrw-report").update(value_text=mark("EVENT")))
    edit(data, "evidence", lambda rows: where(rows, "source_id", "dailycaller-2022-06-15")
         .update(quote=mark("EVIDENCE")))
    store.build(data)
    return data


@pytest.fixture(scope="module")
def page(rendered):
    import os
    os.environ[store.DATA_ENV] = str(rendered)
    tabs = []
    try:
        for tab in TABS:  # every tab, as a reader opening each in turn
            at = AppTest.from_file(APP, default_timeout=120)
            at.query_params["tab"] = tab
            tabs.append(at.run())
    finally:
        del os.environ[store.DATA_ENV]
    assert not any(at.exception for at in tabs)
    for at in tabs:
        for expander in at.expander:
            expander.proto.expanded = True
    return tabs


def texts(tabs: list[AppTest]) -> dict[str, list[str]]:
    out = {kind: [e.value for at in tabs for e in getattr(at, kind)]
           for kind in ("markdown", "caption", "subheader", "header")}
    metrics = [m for at in tabs for m in at.metric]
    out["metric"] = [m.label for m in metrics] + [m.proto.help for m in metrics]
    charts = [c for at in tabs for c in at.get("plotly_chart")]
    out["chart"] = [json.dumps(json.loads(c.proto.spec)["data"]) + json.dumps(json.loads(c.proto.spec)["layout"])
                    for c in charts]
    out["alt"] = [c.proto.alt for c in charts]
    return out


@pytest.mark.parametrize("tag", ["TITLE", "PUB", "ACTOR", "KPI", "BAR", "QUOTE", "EVENT", "EVIDENCE"])
def test_each_hostile_field_is_shown_and_only_as_text(page, tag):
    shown = [(kind, value) for kind, values in texts(page).items() for value in values if tag in value]
    assert shown, f"{tag} is not rendered anywhere"
    live = [(kind, value[:200]) for kind, value in shown if RAW.search(value.split(tag, 1)[1][:80])
            and kind not in ("chart", "alt")]
    assert not live
    charts = [value for kind, value in shown if kind == "chart"]
    assert all("<script>" not in value and "&amp;lt;" not in value for value in charts)  # escaped once, not twice


def test_the_kpi_card_stays_a_card_with_its_label_escaped(page):
    labels = [m.label for at in page for m in at.metric]
    card = next(label for label in labels if "KPI" in label)
    assert "\\<script\\>" in card and "<script>" not in card.replace("\\<script\\>", "")
