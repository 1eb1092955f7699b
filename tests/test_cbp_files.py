"""CBP's real files: every FY2022 row of CBP's nationwide data (../shared/data/cbp/), CBP's own header, BOM and
CRLF, overlapping files, and damaged copies (a clean import or a DataError, never anything else)."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.data import cbp_import as encounters
from dashboard.data.cbp_import import Dated
from dashboard.data.validate import DataError
from tests.conftest import EXAMPLES, PROJECT, SHARED

REAL = SHARED / "data" / "cbp" / "cbp_nationwide_aor_fy2022.csv"
README = (SHARED / "data" / "cbp" / "README.md").read_text(encoding="utf-8")
CBP_HEADER = ("Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,"
              "AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count")
MONTHS = ("Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep")
SLICE = 400  # rows of the real file in the damaged copies: every kind of row, quick to import


def readme_months(heading: str) -> dict[int, int]:
    """The README's sums by month ('**Southwest Land Border by month** ...: Oct 164,837 · ...'), calendar month ->
    encounters."""
    line = next(part for part in README.split("\n- ") if part.startswith(heading))
    sums = dict(re.findall(r"(Oct|Nov|Dec|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep) ([\d,]+)", line))
    return {(MONTHS.index(m) + 9) % 12 + 1: int(v.replace(",", "")) for m, v in sums.items()}


def store_of(data):
    return duckdb.connect(str(encounters.encounters_store(data).resolve()), read_only=True)


def monthly(data, where: str = "TRUE") -> dict[int, int]:
    con = store_of(data)
    try:
        rows = con.execute(f"SELECT month(month), sum(total) FROM encounters_monthly WHERE {where} GROUP BY ALL")
        return dict(rows.fetchall())
    finally:
        con.close()


def cbp_own(tmp_path, name="nationwide-encounters-fy20-fy23-aor.csv", rows=None, change=None):
    """The real rows under CBP's own header, with a UTF-8 BOM and CRLF line ends, as CBP's downloads have them."""
    lines = REAL.read_text(encoding="utf-8").splitlines()[1:]
    lines = lines[:rows] if rows else lines
    lines = [change(line) for line in lines] if change else lines
    path = tmp_path / name
    path.write_bytes(("\ufeff" + CBP_HEADER + "\r\n" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_the_real_file_imports_whole_and_adds_up_to_its_readme(tmp_path):
    result = encounters.import_files([REAL], tmp_path, progress=False)
    assert result[REAL.name]["rows"] == 14_829
    assert monthly(tmp_path) == readme_months("**Nationwide by month**")
    southwest = monthly(tmp_path, f"region = '{encounters.SOUTHWEST}'")
    assert southwest == readme_months("**Southwest Land Border by month**")
    con = store_of(tmp_path)
    assert con.execute("SELECT DISTINCT month_grouping FROM encounters").fetchall() == [("FYTD",)]
    assert con.execute("SELECT sum(total) FROM southwest_detail").fetchall()[0][0] == 2_378_944
    con.close()


def test_cbp_own_header_bom_and_crlf_read_the_same_as_the_republished_copy(tmp_path):
    encounters.import_files([REAL], tmp_path / "copy", progress=False)
    encounters.import_files([cbp_own(tmp_path)], tmp_path / "own", progress=False)
    assert monthly(tmp_path / "own") == monthly(tmp_path / "copy")
    con = store_of(tmp_path / "own")
    assert con.execute("SELECT count(*), min(month), max(month) FROM encounters").fetchall() == [
        (14_829, date(2021, 10, 1), date(2022, 9, 1))]
    con.close()


def test_columns_are_matched_by_name_in_any_order_and_unused_ones_are_ignored(tmp_path):
    rows = list(csv.reader(io.StringIO(REAL.read_text(encoding="utf-8"))))
    order = [11, 0, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([rows[0][i] for i in order] + ["notes"])
    writer.writerows([row[i] for i in order] + ["a, quoted note"] for row in rows[1:])
    moved = tmp_path / "moved.csv"
    moved.write_text(out.getvalue(), encoding="utf-8")
    encounters.import_files([moved], tmp_path, progress=False)
    assert monthly(tmp_path) == readme_months("**Nationwide by month**")


def test_a_file_without_month_grouping_is_read_and_one_missing_a_needed_column_is_refused_by_name(tmp_path):
    text = REAL.read_text(encoding="utf-8")
    lines = [",".join(f for i, f in enumerate(line.split(",")) if i != 1) for line in text.splitlines()[:50]]
    (tmp_path / "no-grouping.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    encounters.import_files([tmp_path / "no-grouping.csv"], tmp_path / "a", progress=False)
    no_region = [",".join(f for i, f in enumerate(line.split(",")) if i != 4) for line in text.splitlines()[:50]]
    (tmp_path / "no-region.csv").write_text("\n".join(no_region) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        encounters.import_files([tmp_path / "no-region.csv"], tmp_path / "b", progress=False)
    assert str(caught.value) == "no-region.csv, row 1, field 'region': column is missing from the header"


def test_a_header_that_is_not_utf8_is_refused_on_line_1(tmp_path):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(CBP_HEADER.replace("Region", "Regi\xf3n").encode("latin-1") + b"\r\n"
                    + b"\r\n".join(REAL.read_bytes().splitlines()[1:20]) + b"\r\n")
    with pytest.raises(DataError) as caught:
        encounters.import_files([bad], tmp_path, progress=False)
    assert (caught.value.file, caught.value.row) == ("latin1.csv", 1)
    assert "not UTF-8" in caught.value.problem
    assert not encounters.encounters_store(tmp_path).exists()


def test_overlapping_files_count_each_month_once_from_the_latest_file(tmp_path):
    """Two files hold the same months (as CBP's FY20–FY23 and FY21–FY24 files hold FY21–FY23), the newer with
    revised counts: each month is counted once, from the newer file, whatever the order of import."""
    def revised(line: str) -> str:  # the newer file adds one encounter to every April row
        fields = line.split(",")
        if fields[2] == "APR":
            fields[-1] = str(int(fields[-1]) + 1)
        return ",".join(fields)
    older = cbp_own(tmp_path, "nationwide-encounters-fy20-fy23-aor.csv")
    newer = cbp_own(tmp_path, "nationwide-encounters-fy21-fy24-aor.csv", change=revised)
    april_rows = sum(1 for line in REAL.read_text().splitlines() if ",APR," in line)
    dates = {older.name: Dated(date(2023, 11, 14), "published"), newer.name: Dated(date(2024, 10, 22), "published")}
    for order in ([older, newer], [newer, older]):
        data = tmp_path / order[0].name[:-4]
        for path in order:
            encounters.import_files([path], data, progress=False, dated=dates)
        totals = monthly(data)
        expected = readme_months("**Nationwide by month**")
        assert totals == expected | {4: expected[4] + april_rows}
        con = store_of(data)
        assert set(con.execute("SELECT file_name, files FROM month_files").fetchall()) == {(newer.name, 2)}
        con.close()


DAMAGES = st.sampled_from(["truncate", "latin1", "extra", "missing", "count", "bytes", "quote", "blank", "crlf"])


def damaged(data: bytes, kind: str, at: float, noise: bytes) -> bytes:
    lines = data.split(b"\n")
    i = 1 + int(at * (len(lines) - 2))
    fields = lines[i].split(b",")
    if kind == "truncate":
        return data[: int(at * len(data))]
    if kind == "latin1":
        lines[i] = lines[i].replace(b"FMUA", b"FMU\xc1") + b"\xe9"
    elif kind == "extra":
        lines[i] = lines[i] + b"," + (noise or b"x")
    elif kind == "missing":
        lines[i] = b",".join(fields[:-1])
    elif kind == "count":
        lines[i] = b",".join([*fields[:-1], noise or b"seven"])
    elif kind == "bytes":
        lines[i] = lines[i][: len(noise)] + noise + lines[i][len(noise):]
    elif kind == "quote":
        lines[i] = b'"' + lines[i]
    elif kind == "blank":
        lines[i] = b""
    elif kind == "crlf":
        return data.replace(b"\n", b"\r\n", int(at * 50))
    return b"\n".join(lines)


@settings(max_examples=EXAMPLES["malformed"] // 4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=DAMAGES, at=st.floats(0, 1), noise=st.binary(max_size=12))
def test_a_damaged_real_file_imports_cleanly_or_names_its_problem(tmp_path, kind, at, noise):
    """Whatever the damage: a clean import, or a DataError naming the file, with the store left byte for byte as it
    was (a good slice imported first)."""
    head = b"\n".join(REAL.read_bytes().split(b"\n")[: SLICE + 1]) + b"\n"
    data = Path(tempfile.mkdtemp(dir=tmp_path))
    good = data / "good.csv"
    good.write_bytes(head)
    encounters.import_files([good], data, progress=False)
    before = encounters.encounters_store(data).resolve().read_bytes()
    path = data / "damaged.csv"
    path.write_bytes(damaged(head, kind, at, noise))
    try:
        encounters.import_files([path], data, progress=False)
    except DataError as err:
        assert err.file == "damaged.csv"
        assert str(err).startswith("damaged.csv")
        assert encounters.encounters_store(data).resolve().read_bytes() == before
        return
    con = store_of(data)  # a clean import: every row it kept has its counts
    assert con.execute("SELECT count(*) FILTER (WHERE count IS NULL) FROM encounters").fetchall()[0][0] == 0
    con.close()


def test_the_shipped_copy_is_the_shared_file_byte_for_byte():
    assert (PROJECT / "data" / "cbp" / REAL.name).read_bytes() == REAL.read_bytes()
