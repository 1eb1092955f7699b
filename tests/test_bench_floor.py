"""The benchmark's floor (bench/floor.py, bench/floor_app.py) must show what the app shows: the same elements,
in the same order and containers, with the same texts, or the ratios in bench/results.md compare unlike pages."""

from __future__ import annotations

from collections import Counter

import pytest

from bench import floor
from dashboard.data import store
from tests.conftest import PROJECT

APP = PROJECT / "dashboard" / "app.py"
FLOOR = PROJECT / "bench" / "floor_app.py"


def without_payload(item: tuple) -> tuple:
    """An element less what the floor hands over differently: a deferred download's maker (the floor gives
    `bytes`); figures compared as parsed JSON, tables as their JSON."""
    import json

    if item[0] == "download_button":
        return item[:2] + item[3:]
    if item[0] == "plotly_chart":
        return (item[0], json.loads(item[1]), *item[2:])
    if item[0] == "dataframe":
        return (item[0], item[1].to_json(orient="split", date_format="iso"), item[2])
    return item


def every_element(at) -> Counter:
    """Each kind of element in a finished AppTest run, counted from its tree (whatever the capture keeps)."""
    found: Counter = Counter()

    def visit(node):
        found[node.type] += 1
        for child in getattr(node, "children", {}).values():
            visit(child)
    for part in (at._tree[0], at._tree[1]):
        for child in part.children.values():
            visit(child)
    return found


@pytest.mark.parametrize("query", [{}, {"months": ["2019-03", "2019-06"]}, {"months": ["2022-04", "2022-05"],
                                                                           "actor": ["us-gov"]}])
def test_the_floor_page_shows_the_same_elements_as_the_app(data_dir, tmp_path, monkeypatch, query):
    monkeypatch.setenv(store.DATA_ENV, str(data_dir))
    app, page = floor.run_captured(APP, query)
    monkeypatch.setenv("FLOOR_PAGE", str(floor.save(page, tmp_path / "page.pkl")))
    replay, replayed = floor.run_captured(FLOOR, query)
    assert every_element(replay) == every_element(app)
    assert [floor.mapped(part, without_payload) for part in replayed] == [
        floor.mapped(part, without_payload) for part in page]
    if query.get("months") == ["2019-03", "2019-06"]:
        assert floor.counts(page)["button"] >= 1  # the guards' reset buttons are on this page, and in the floor


def test_the_timed_runs_compile_their_script_once_as_a_server_does(tmp_path, monkeypatch):
    """A server compiles its script once (the Runtime's ScriptCache); the timer must not charge every run a
    compile, and must give AppTest back its own cache per run when done."""
    from streamlit.runtime.scriptrunner import script_cache

    compiled = []
    monkeypatch.setattr(script_cache, "compile", lambda *args, **kw: compiled.append(args[1]) or compile(*args, **kw),
                        raising=False)
    script = tmp_path / "page.py"
    script.write_text("import streamlit as st\nst.write('hello')\n")
    with floor.ScriptTimer() as timer:
        seconds = [timer.run(script) for _ in range(3)]
    assert compiled == [str(script)] and len(seconds) == 3

    from streamlit.testing.v1 import AppTest

    AppTest.from_file(str(script)).run()
    assert compiled == [str(script)] * 2
