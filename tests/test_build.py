"""Building the store: every bad-CSV case stops with file, row and field, and loses nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import duckdb
import pytest

from dashboard.data import store
from dashboard.data.validate import DataError
from tests.conftest import PROJECT, read_csv


def figure_row(rows: list[dict], figure_id: str) -> dict:
    return next(r for r in rows if r["figure_id"] == figure_id)


def set_field(figure_id: str, field: str, value: str):
    def change(rows):
        figure_row(rows, figure_id)[field] = value
    return change


def fingerprint(store_path) -> tuple[str, str]:
    target = store_path.resolve()
    return str(target), hashlib.sha256(target.read_bytes()).hexdigest()


BAD_FIGURES = [
    # (field edited, new value, field the message must name)
    ("actor_id", "nobody", "actor_id"),
    ("source_id", "no-such-source", "source_id"),
    ("metric", "no_such_metric", "metric"),
    ("value", "-5", "value"),
    ("value", "lots", "value"),
    ("value", "nan", "value"),
    ("value", "1e400", "value"),
    ("period_start", "2022-13-01", "period_start"),
    ("period_end", "2022-02-01", "period_end"),
    ("quote", "   ", "quote"),
    ("is_derived", "maybe", "is_derived"),
    ("unit", "kilograms", "unit"),
]


@pytest.mark.parametrize(("field", "value", "named"), BAD_FIGURES)
def test_bad_figure_field_names_file_row_and_field(data_dir, edit_csv, built_store, field, value, named):
    before = fingerprint(built_store)
    edit_csv("figures", set_field("f-2022-04-arrivals", field, value))
    with pytest.raises(DataError) as caught:
        store.build(data_dir)
    assert (caught.value.file, caught.value.row, caught.value.field) == ("figures.csv", 3, named)
    assert fingerprint(built_store) == before


def test_duplicate_id_is_named(data_dir, edit_csv):
    edit_csv("actors", lambda rows: [*rows, dict(rows[0])])
    with pytest.raises(DataError) as caught:
        store.build(data_dir)
    assert caught.value.file == "actors.csv"
    assert caught.value.field == "actor_id"
    assert caught.value.row == len(read_csv(data_dir / "actors.csv")) + 1
    assert "duplicate" in str(caught.value)


def test_missing_column_is_named(data_dir):
    path = data_dir / "sources.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0].replace(",licence", "")] + [r.rsplit(",", 1)[0] for r in lines[1:]]) + "\n")
    with pytest.raises(DataError) as caught:
        store.build(data_dir)
    assert (caught.value.file, caught.value.field) == ("sources.csv", "licence")


def test_derived_value_must_match_its_formula(data_dir, edit_csv):
    edit_csv("figures", set_field("f-2022-05-arrivals-derived", "value", "230000"))
    with pytest.raises(DataError, match="does not match its derivation") as caught:
        store.build(data_dir)
    assert caught.value.field == "value"


def test_derivation_only_with_is_derived(data_dir, edit_csv):
    edit_csv("figures", set_field("f-2022-04-arrivals", "derivation", "f-2022-03-arrivals * 1"))
    with pytest.raises(DataError) as caught:
        store.build(data_dir)
    assert caught.value.field == "derivation"


def test_a_derived_figure_needs_its_derivation(data_dir, edit_csv):
    edit_csv("figures", set_field("f-2022-05-arrivals-derived", "derivation", ""))
    with pytest.raises(DataError, match="exactly when is_derived") as caught:
        store.build(data_dir)
    assert (caught.value.file, caught.value.row, caught.value.field) == ("figures.csv", 5, "derivation")


@pytest.mark.parametrize(("encoding", "line"), [("latin-1", 3), ("utf-16", 1), ("cp1252", 3)])
def test_files_that_are_not_utf8_are_refused_with_their_line(data_dir, encoding, line):
    path = data_dir / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace("US", "ÑU", 1) if encoding != "utf-16" else lines[line - 1]
    path.write_bytes("".join(lines).encode(encoding))
    with pytest.raises(DataError, match="not valid UTF-8") as caught:
        store.build(data_dir)
    assert (caught.value.file, caught.value.row) == ("actors.csv", line)


def test_derivation_naming_unknown_figure(data_dir, edit_csv):
    edit_csv("figures", set_field("f-2022-05-arrivals-derived", "derivation", "f-nowhere * 31"))
    with pytest.raises(DataError, match="f-nowhere"):
        store.build(data_dir)


def test_javascript_url_rejected(data_dir, edit_csv):
    def change(rows):
        rows[0]["url"] = "javascript:alert(1)"
    edit_csv("sources", change)
    with pytest.raises(DataError) as caught:
        store.build(data_dir)
    assert (caught.value.file, caught.value.row, caught.value.field) == ("sources.csv", 2, "url")


def test_cli_reports_without_traceback_and_keeps_store(data_dir, edit_csv, built_store):
    before = fingerprint(built_store)
    edit_csv("figures", set_field("f-inm-caravan", "value", "seven thousand"))
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "build", "--data", str(data_dir)],
        capture_output=True, text=True, cwd=PROJECT,
    )
    assert result.returncode == 1
    assert "figures.csv, row 13, field 'value'" in result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(built_store) == before


def test_build_swaps_in_a_new_file_and_old_readers_keep_theirs(data_dir, edit_csv, built_store):
    reader = store.connect_read_only(built_store)
    edit_csv("figures", set_field("f-inm-caravan", "value", "7001"))
    edit_csv("figures", set_field("f-inm-caravan", "value_text", "7,001"))
    store.build(data_dir)
    old = reader.execute("SELECT value FROM figures WHERE figure_id = 'f-inm-caravan'").fetchall()
    fresh = store.connect_read_only(built_store)
    new = fresh.execute("SELECT value FROM figures WHERE figure_id = 'f-inm-caravan'").fetchall()
    assert (old, new) == ([(7000.0,)], [(7001.0,)])
    reader.close()
    fresh.close()


def test_ensure_store_rebuilds_only_when_inputs_are_newer(data_dir, edit_csv):
    first = store.ensure_store(data_dir)
    assert store.ensure_store(data_dir) == first
    path = edit_csv("actors", lambda rows: None)
    import os
    os.utime(path, (first.stat().st_mtime + 10, first.stat().st_mtime + 10))
    assert store.ensure_store(data_dir) != first


def test_schema_constraints_hold_in_the_store_itself(built_store, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(built_store.resolve().read_bytes())
    con = duckdb.connect(str(copy))
    row = ("('x', 'mbn-2022-06-15', 'us-gov', {s}, 'monthly_arrivals', {v}, '1', 'people', "
           "DATE '2022-01-01', {end}, 'q', {d}, {f}, NULL)")
    good = dict(v=1, end="DATE '2022-01-31'", d="false", f="NULL", s="'us-gov'")
    con.execute(f"INSERT INTO figures VALUES {row.format(**good)}")
    con.execute("DELETE FROM figures WHERE figure_id = 'x'")
    bad = [good | {"v": -1}, good | {"d": "true"}, good | {"f": "'f * 1'"}, good | {"end": "DATE '2021-12-31'"},
           good | {"s": "NULL"}, good | {"d": "true", "f": "'f * 1'"}]
    for values in (row.format(**b) for b in bad):
        with pytest.raises(duckdb.ConstraintException):
            con.execute(f"INSERT INTO figures VALUES {values}")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO figures SELECT * REPLACE ('zz' AS figure_id, 'nobody' AS actor_id) "
                    "FROM figures LIMIT 1")
    con.close()


def test_store_is_read_only_for_readers(read_only):
    con = read_only()
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("DELETE FROM figures")
    con.close()
