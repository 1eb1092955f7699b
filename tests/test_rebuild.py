"""Rebuilding the store 20 times while sessions query it: no errors, no mixed data, new runs see new data."""

from __future__ import annotations

import os
import threading
import time

from dashboard.data import store
from dashboard.screen import connections as live
from tests.conftest import read_csv, write_csv

SESSIONS = 4
REBUILDS = 20


def set_caravan(data_dir, value: int) -> None:
    path = data_dir / "figures.csv"
    rows = read_csv(path)
    row = next(r for r in rows if r["figure_id"] == "f-inm-caravan")
    row["value"], row["value_text"] = str(value), f"{value:,}"
    write_csv(path, rows)


def one_run(build_path: str) -> int:
    """What a script run does: its own cursor on the cached connection, several queries."""
    cur = live.connection(build_path).cursor()
    try:
        value = cur.execute("SELECT value FROM figures WHERE figure_id = 'f-inm-caravan'").fetchall()[0][0]
        text = cur.sql("SELECT value_text FROM figures_cited WHERE figure_id = 'f-inm-caravan'").fetchall()[0][0]
        official = cur.execute(
            "SELECT count(*) FROM official_as_of(TIMESTAMPTZ '2022-06-15 12:04-05:00')").fetchall()[0][0]
    finally:
        cur.close()
    assert text == f"{int(value):,}", f"mixed builds: value {value} with text {text!r}"
    assert official == 55  # Oct 2017 to Apr 2022: May was not yet public
    return int(value)


def session(data_dir, stop: threading.Event, seen: list, errors: list) -> None:
    """A session's runs, choosing their build as the app does (a half-written CSV: the last good build)."""
    while not stop.is_set():
        try:
            seen.append(one_run(str(store.usable_build(data_dir)[0])))
        except Exception as err:  # every failure is collected and fails the test
            errors.append(repr(err))


def test_rebuilds_under_continuous_queries(data_dir, monkeypatch):
    monkeypatch.setattr(store, "KEEP_SECONDS", 0)  # prune old builds as eagerly as allowed
    store.build(data_dir)
    stop, errors = threading.Event(), []
    seen: list[list[int]] = [[] for _ in range(SESSIONS)]
    threads = [threading.Thread(target=session, args=(data_dir, stop, seen[i], errors)) for i in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for i in range(1, REBUILDS + 1):
        set_caravan(data_dir, 7000 + i)
        store.build(data_dir)
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert all(len(runs) > REBUILDS for runs in seen), [len(r) for r in seen]
    assert len({v for runs in seen for v in runs}) > 2  # the sessions saw builds change under them
    assert one_run(str(store.ensure_store(data_dir))) == 7000 + REBUILDS  # a new run sees the last build
    assert len(list((data_dir / ".store").glob("*.duckdb"))) <= store.KEEP_BUILDS + 1


def test_a_run_started_on_an_old_build_finishes_on_it(data_dir):
    old = str(store.ensure_store(data_dir))
    cur = live.connection(old).cursor()
    set_caravan(data_dir, 7123)
    os.utime(data_dir / "figures.csv", (time.time() + 5, time.time() + 5))
    new = str(store.ensure_store(data_dir))
    assert new != old
    assert cur.execute("SELECT value FROM figures WHERE figure_id = 'f-inm-caravan'").fetchall() == [(7000.0,)]
    assert one_run(new) == 7123


def test_the_apps_connection_refuses_writes(built_store):
    cur = live.connection(str(built_store.resolve())).cursor()
    writes = ("DELETE FROM figures", "CREATE TABLE x (y INT)", "INSERT INTO actors VALUES ('a','b','c','d','#000000')")
    for statement in writes:
        try:
            cur.execute(statement)
        except Exception as err:
            assert "read-only" in str(err)
        else:
            raise AssertionError(f"{statement} succeeded through the app's connection")


def test_a_half_written_file_serves_the_last_good_build(data_dir):
    good = store.ensure_store(data_dir)
    (data_dir / "figures.csv").write_text("")  # an editor caught mid-save
    os.utime(data_dir / "figures.csv", (time.time() + 5, time.time() + 5))
    build, problem = store.usable_build(data_dir)
    assert build == good
    assert "figures.csv" in str(problem)
