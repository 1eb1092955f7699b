"""The exact words of every refusal of CBP's importer and of the shipped files' list, and the exact tables of the
breakdowns, at their edges: each test written against mutants that `make mutants` found alive."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.check import cbp_breakdowns as breakdowns
from dashboard.data import cbp_import
from dashboard.data.cbp_import import Dated
from dashboard.data.validate import DataError
from tests.conftest import PROJECT, copy_curated, read_csv, write_csv

REAL = (PROJECT / "data" / "cbp" / "cbp_nationwide_aor_fy2022.csv").read_text(encoding="utf-8").splitlines()
CBP_HEADER = ("Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,"
              "AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count")


def refusal(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(DataError) as caught:
        cbp_import.import_files([path], tmp_path / "store", progress=False)
    assert not cbp_import.encounters_store(tmp_path / "store").exists()
    return str(caught.value)


def rows(*lines: str) -> str:
    return "\n".join([REAL[0], *REAL[1:5], *lines]) + "\n"


def last_field(value: str) -> str:
    return REAL[5].rsplit(",", 1)[0] + "," + value


# --- the header ----------------------------------------------------------------------------------------------

def test_a_header_is_read_as_its_fields_whatever_the_line_end(tmp_path):
    for end, then in (("\r\n", REAL[1]), ("\n", REAL[1]), ("", "")):
        path = tmp_path / "h.csv"
        path.write_bytes(("\ufeff" + CBP_HEADER + end + then).encode("utf-8"))
        assert cbp_import.header_names(path) == CBP_HEADER.split(",")
    path.write_text(' "Fiscal Year" , Month (abbv)\n')
    assert cbp_import.header_names(path) == ['"Fiscal Year"', "Month (abbv)"]  # quotes count only at a field's start


def test_every_refusal_of_a_header_in_words(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(DataError) as caught:
        cbp_import.header_names(tmp_path / "folder.csv")
    assert str(caught.value) == "folder.csv, row 1: cannot read the file: Is a directory"
    latin1 = CBP_HEADER.replace("Region", "Regi\xf3n").encode("latin-1") + b"\n"
    assert refusal(tmp_path, "latin1.csv", latin1) == (
        "latin1.csv, row 1: the header is not UTF-8 text (byte 0xf3 at position 67)")
    assert refusal(tmp_path, "empty.csv", b"") == "empty.csv, row 1: the file has no header line"
    assert refusal(tmp_path, "blank.csv", " , \n" + REAL[1]) == "blank.csv, row 1: the file has no header line"
    twice = CBP_HEADER.replace("Demographic", "Citizenship")
    assert refusal(tmp_path, "twice.csv", twice + "\n") == (
        "twice.csv, row 1, field 'Citizenship': appears twice in the header")
    once_each = CBP_HEADER + ",Notes,Notes2"
    assert len(cbp_import.header_map(_written(tmp_path / "once.csv", once_each + "\n"))) == 12


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the rows ------------------------------------------------------------------------------------------------

def test_every_refusal_of_a_row_in_words(tmp_path):
    assert refusal(tmp_path, "header-only.csv", REAL[0] + "\n") == "header-only.csv, row 2: the file has no rows"
    assert refusal(tmp_path, "many.csv", rows(last_field("many"))) == (
        "many.csv, row 6, field 'encounter_count': cast: Error when converting column \"encounter_count\". Could "
        "not convert string \"many\" to 'BIGINT'")
    assert refusal(tmp_path, "negative.csv", rows(last_field("-3"))) == (
        "negative.csv, row 6, field 'encounter_count': is not a valid value")
    year = "next year" + REAL[5][4:]
    assert refusal(tmp_path, "year.csv", rows(year)) == "year.csv, row 6, field 'fiscal_year': is not a valid value"
    first_reject = rows(last_field("many"), last_field("-3"))  # the first refusal found, though the rule broke later
    assert refusal(tmp_path, "both.csv", first_reject).startswith("both.csv, row 6, field 'encounter_count': cast:")
    no_year = ",".join(f for i, f in enumerate(CBP_HEADER.split(",")) if i)
    assert refusal(tmp_path, "no-year.csv", no_year + "\n") == (
        "no-year.csv, row 1, field 'fiscal year': column is missing from the header")
    assert refusal(tmp_path, "extra.csv", rows(REAL[5] + ",x")) == (
        "extra.csv, row 6: too many columns: Expected Number of Columns: 12 Found: 13")


def test_bytes_that_are_not_utf8_in_a_row_are_found_by_line_and_field(tmp_path):
    """DuckDB names the line of some (its rejects), and raises for others with no line: those are looked for."""
    lines = [line.encode() for line in REAL[:8]]
    fields = lines[5].split(b",")
    fields[7] = b"Accompanied Min\xe9rs"  # the demographic
    named = [*lines[:5], b",".join(fields), *lines[6:]]
    assert refusal(tmp_path, "rejected.csv", b"\n".join(named) + b"\n") == (
        "rejected.csv, row 6, field 'demographic': invalid encoding: Invalid unicode (byte sequence mismatch) "
        "detected. This file is not utf-8 encoded.")
    raised = [*lines[:5], lines[5][:10] + b"\xe9" + lines[5][10:], *lines[6:]]
    assert refusal(tmp_path, "raised.csv", b"\n".join(raised) + b"\n") == (
        "raised.csv, row 6, field 'month_abbv': bytes that are not UTF-8 (0xe9)")
    past = [*lines[:5], lines[5] + b",x\xe9,y,z" * 10]  # past the last field: named as the last
    assert cbp_import.not_utf8(_written_bytes(tmp_path / "past.csv", b"\n".join(past))).field == "encounter_count"
    assert cbp_import.not_utf8(_written_bytes(tmp_path / "clean.csv", b"\n".join(lines))) is None


def _written_bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_a_long_reason_is_cut_at_160_characters(tmp_path):
    problem = refusal(tmp_path, "long.csv", rows(last_field("9" * 300 + "x"))).split(": ", 1)[1]
    assert problem.startswith("cast: Error when converting column") and len(problem) == len("cast: ") + 160


def test_what_duckdb_raises_is_worded_with_its_line_and_column():
    err = duckdb.InvalidInputException('CSV Error on Line: 12\nOriginal Line: a,b\nError in column "Encounter Count".')
    assert str(cbp_import.reader_error(Path("x.csv"), err)) == (
        "x.csv, row 12, field 'Encounter Count': cannot be read as CBP's CSV: CSV Error on Line: 12")
    plain = cbp_import.reader_error(Path("y.csv"), duckdb.IOException("\n\nIO Error: " + "z" * 300))
    assert (plain.file, plain.row, plain.field) == ("y.csv", None, None)
    assert plain.problem == "cannot be read as CBP's CSV: IO Error: " + "z" * 150
    unquoted = cbp_import.reader_error(Path("u.csv"), duckdb.InvalidInputException("Error in column: fiscal_year."))
    assert (unquoted.row, unquoted.field) == (None, "fiscal_year")
    bare = cbp_import.reader_error(Path("z.csv"), duckdb.Error(""))
    assert str(bare) == "z.csv: cannot be read as CBP's CSV: Error"


# --- the shipped files' list ---------------------------------------------------------------------------------

@pytest.fixture
def listed(tmp_path):
    """A copy of data/ with CBP's shipped files; returns a function that rewrites one field of files.csv's row."""
    data = copy_curated(tmp_path, shipped_cbp=True)
    original = read_csv(PROJECT / "data" / "cbp" / "files.csv")[0]

    def edit(**fields) -> str:
        row = {k: v for k, v in (original | fields).items() if v is not None}
        write_csv(data / "cbp" / "files.csv", [row], header=list(original))
        with pytest.raises(DataError) as caught:
            cbp_import.shipped(data)
        return str(caught.value)
    edit.data = data
    return edit


def test_every_refusal_of_the_shipped_list_in_words(listed):
    assert listed(file_name="") == "cbp/files.csv, row 2, field 'file_name': no file '' in cbp/"
    assert listed(file_name="gone.csv") == "cbp/files.csv, row 2, field 'file_name': no file 'gone.csv' in cbp/"
    assert listed(dated="26/11/2024") == ("cbp/files.csv, row 2, field 'dated': '26/11/2024' is not a date "
                                          "(YYYY-MM-DD)")
    assert listed(dated="") == "cbp/files.csv, row 2, field 'dated': '' is not a date (YYYY-MM-DD)"
    assert listed(dated_how="guessed") == ("cbp/files.csv, row 2, field 'dated_how': must be one of published, "
                                           "republished, downloaded")
    assert listed(source_id="nobody") == "cbp/files.csv, row 2, field 'source_id': 'nobody' is not in sources.csv"


def test_a_short_row_of_the_list_is_refused_by_its_first_missing_field(listed):
    (listed.data / "cbp" / "files.csv").write_text("file_name,source_id,dated,dated_how,note\n"
                                                   "cbp_nationwide_aor_fy2022.csv,cbp-nationwide-aor\n")
    with pytest.raises(DataError) as caught:
        cbp_import.shipped(listed.data)
    assert str(caught.value) == "cbp/files.csv, row 2, field 'dated': None is not a date (YYYY-MM-DD)"


def test_the_shipped_list_gives_each_file_its_date_and_source(listed):
    assert cbp_import.shipped(listed.data) == {
        listed.data / "cbp" / "cbp_nationwide_aor_fy2022.csv": Dated(date(2024, 11, 26), "republished",
                                                                     "cbp-nationwide-aor")}
    assert cbp_import.shipped(listed.data.parent / "nowhere") == {}
    assert cbp_import.ensure_shipped(listed.data.parent / "nowhere") is False
    assert cbp_import.ensure_shipped(listed.data) is True and cbp_import.ensure_shipped(listed.data) is False
    build = cbp_import.encounters_store(listed.data).resolve()
    newest = max(p.stat().st_mtime for p in (listed.data / "cbp").glob("*.csv"))
    os.utime(build, (newest, newest))
    assert cbp_import.ensure_shipped(listed.data) is False  # as old as the newest file: up to date
    later = time.time() + 5
    os.utime(listed.data / "cbp" / "places.csv", (later, later))  # any newer file of data/cbp/ imports again
    assert cbp_import.ensure_shipped(listed.data) is True


def test_a_file_without_a_date_is_dated_the_utc_day_it_was_modified(tmp_path, monkeypatch):
    path = tmp_path / "cbp.csv"
    path.write_text(REAL[0] + "\n")
    stamp = datetime(2025, 11, 14, 2, 30, tzinfo=UTC).timestamp()  # 20:30 the day before in Mexico City
    os.utime(path, (stamp, stamp))
    monkeypatch.setenv("TZ", "America/Mexico_City")
    time.tzset()
    try:
        assert cbp_import.downloaded(path) == Dated(date(2025, 11, 14), "downloaded", None)
    finally:
        monkeypatch.undo()
        time.tzset()


# --- the breakdowns ------------------------------------------------------------------------------------------

MAY = date(2022, 5, 1)


def frame(*found: tuple) -> pd.DataFrame:
    return pd.DataFrame(found, columns=["month", "dimension", "category", "total"])


def test_a_shares_table_has_exactly_its_columns_and_numbered_rows():
    table = breakdowns.shares(frame((MAY, "title", "B", 1), (MAY, "title", "A", 3)), "title", MAY, MAY)
    assert list(table.columns) == ["category", "encounters", "categories", "share"]
    assert table.index.equals(pd.RangeIndex(2)) and table["category"].tolist() == ["A", "B"]
    empty = breakdowns.shares(frame((MAY, "title", "A", 0), (MAY, "title", "B", 0)), "title", MAY, MAY)
    assert empty["share"].tolist() == [0.0, 0.0]  # no encounters: no share, never a division by zero


def test_ten_citizenships_are_named_one_by_one_and_eleven_sum_their_last():
    ten = breakdowns.shares(frame(*((MAY, "citizenship", f"C{i}", 20 - i) for i in range(10))), "citizenship",
                            MAY, MAY)
    assert breakdowns.REST not in set(ten["category"]) and len(ten) == 10
    eleven = breakdowns.shares(frame(*((MAY, "citizenship", f"C{i:02d}", 20 - i) for i in range(11))),
                               "citizenship", MAY, MAY)
    assert eleven["category"].iloc[-1] == breakdowns.REST and eleven.index.equals(pd.RangeIndex(11))


def test_every_share_is_one_table_numbered_from_0():
    found = frame(*((MAY, d, "x", 1) for d in breakdowns.DIMENSIONS))
    table = breakdowns.every_share(found, MAY, MAY)
    assert table.index.equals(pd.RangeIndex(5)) and table["dimension"].tolist() == list(breakdowns.DIMENSIONS)


FILES = pd.DataFrame({
    "month": [date(2022, 4, 1), MAY, date(2022, 6, 1)], "file_name": ["a.csv", "b.csv", "b.csv"],
    "dated_how": ["downloaded", "published", "published"],
    "dated": [date(2026, 1, 2), date(2025, 1, 2), date(2025, 1, 2)], "source_title": [None, "Nationwide", "Nationwide"],
    "source_publisher": [None, "CBP", "CBP"], "source_url": [None, "https://x.gov/", "https://x.gov/"],
    "source_licence": [None, None, None]})


def test_the_citation_names_every_file_and_the_first_listed_source():
    assert breakdowns.cited(FILES, date(2022, 4, 1), date(2022, 6, 30)) == {
        "source_title": "Nationwide", "source_publisher": "CBP", "source_url": "https://x.gov/",
        "source_licence": None, "files": "a.csv (downloaded 2026-01-02); b.csv (published 2025-01-02)"}
    assert breakdowns.cited(FILES, date(2022, 4, 1), date(2022, 4, 30)) == {
        "source_title": "", "source_publisher": "", "source_url": "", "source_licence": "",
        "files": "a.csv (downloaded 2026-01-02)"}


def test_the_reconciliation_keeps_counts_whole_and_the_download_names_region_and_unit():
    comparison = pd.DataFrame({"month": [MAY, date(2022, 6, 1)], "imported_total": [10.0, None],
                               "official_latest": [10.0, 9.0], "official_observed_on": [None, None],
                               "difference": [0.0, None]})
    out = breakdowns.reconciled(comparison)
    assert [str(out[c].dtype) for c in ("imported_total", "official_latest", "difference")] == ["Int64"] * 3
    assert out.index.equals(pd.RangeIndex(1)) and out["status"].tolist() == ["adds_up"]
    table = breakdowns.shares(frame((MAY, "title", "A", 3)), "title", MAY, MAY).assign(dimension="title")
    row = breakdowns.download(table, "2022-05", "2022-05", {c: c.upper() for c in breakdowns.CITATION}).iloc[0]
    assert row.to_dict() == {
        "month_from": "2022-05", "month_to": "2022-05", "region": "Southwest Land Border", "dimension": "title",
        "category": "A", "categories": 1, "encounters": 3, "share_percent": 100.0,
        "unit": "encounters (events, not people)", "source_title": "SOURCE_TITLE",
        "source_publisher": "SOURCE_PUBLISHER", "source_url": "SOURCE_URL", "source_licence": "SOURCE_LICENCE",
        "files": "FILES"}


def test_the_article_beside_the_rows_is_one_numbered_row_per_covered_month():
    figures = pd.DataFrame({"ref": [1, 3], "chart": ["monthly", "monthly"], "is_derived": [False, False],
                            "value": [100.0, 200.0], "value_text": ["100", "200"], "quote": ["a", "b"],
                            "period_start": [date(2022, 3, 1), date(2022, 4, 1)]})
    monthly = pd.DataFrame({"month": [date(2022, 3, 1), date(2022, 4, 1)], "imported_total": [None, 210.0]})
    out = breakdowns.article_beside_rows(figures, monthly)
    assert list(out.columns) == ["ref", "month", "value", "value_text", "quote", "rows_total", "difference",
                                 "percent"]
    assert out.index.equals(pd.RangeIndex(1)) and out[["ref", "difference", "percent"]].values.tolist() == [
        [3, 10.0, 5.0]]


def test_a_missing_file_is_named_and_each_import_records_its_file(tmp_path):
    with pytest.raises(DataError) as caught:
        cbp_import.import_files([tmp_path / "nowhere.csv"], tmp_path, progress=False)
    assert str(caught.value) == "nowhere.csv: file not found"
    path = _written(tmp_path / "slice.csv", "\n".join(REAL[:30]) + "\n")
    stamp = datetime(2025, 3, 4, 12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    other = _written(tmp_path / "other.csv", "\n".join(REAL[:1] + REAL[40:50]) + "\n")
    result = cbp_import.import_files([path, other], tmp_path, progress=False,
                                     dated={"other.csv": Dated(date(2024, 1, 2), "published", "cbp-nationwide-aor")})
    assert {name: found["rows"] for name, found in result.items()} == {"slice.csv": 29, "other.csv": 10}
    for found in result.values():  # seconds, to the millisecond
        assert isinstance(found["seconds"], float) and 0 <= found["seconds"] < 60
        assert found["seconds"] == round(found["seconds"], 3)
    con = duckdb.connect(str(cbp_import.encounters_store(tmp_path).resolve()), read_only=True)
    recorded = con.execute("SELECT file_name, rows, dated, dated_how, source_id, sha256 FROM imports ORDER BY 1")
    assert recorded.fetchall() == [
        ("other.csv", 10, date(2024, 1, 2), "published", "cbp-nationwide-aor",
         __import__("hashlib").sha256(other.read_bytes()).hexdigest()),
        ("slice.csv", 29, date(2025, 3, 4), "downloaded", None,
         __import__("hashlib").sha256(path.read_bytes()).hexdigest())]
    con.close()
