"""Importing CBP's encounter CSV files: header variants, bad input, one transaction, no double count."""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from bench import synthetic
from dashboard.data import cbp_import as encounters
from dashboard.data.validate import DataError


@pytest.fixture
def cbp_file(tmp_path):
    return synthetic.write(tmp_path / "cbp-fy2020-2023.csv", rows=2_000)


def totals(data) -> tuple[int, int]:
    con = duckdb.connect(str(encounters.encounters_store(data).resolve()), read_only=True)
    try:
        return con.execute("SELECT count(*), sum(count) FROM encounters").fetchall()[0]
    finally:
        con.close()


def file_sum(path) -> int:
    return duckdb.sql(f"SELECT sum(\"Encounter Count\") FROM read_csv('{path}')").fetchall()[0][0]


def fingerprint(data) -> str:
    return hashlib.sha256(encounters.encounters_store(data).resolve().read_bytes()).hexdigest()


def test_import_loads_every_row_and_maps_fiscal_months(tmp_path, cbp_file):
    result = encounters.import_files([cbp_file], tmp_path, progress=False)
    assert result[cbp_file.name]["rows"] == 2_000
    assert totals(tmp_path) == (2_000, file_sum(cbp_file))
    con = duckdb.connect(str(encounters.encounters_store(tmp_path).resolve()), read_only=True)
    months = dict(con.execute("SELECT fiscal_year, min(month) FROM encounters GROUP BY ALL").fetchall())
    assert str(months[2021]) == "2020-10-01"  # October belongs to the next fiscal year
    assert con.execute("SELECT sum(total) FROM encounters_monthly").fetchall()[0][0] == file_sum(cbp_file)
    assert con.execute("SELECT max(fiscal_year) FROM encounters").fetchall()[0][0] == 2023  # '2023 (FYTD)'
    con.close()


@pytest.mark.parametrize("spell", [str.title, str.lower])
def test_every_spelling_of_a_month_lands_on_the_same_month(tmp_path, cbp_file, spell):
    def months(data):
        con = duckdb.connect(str(encounters.encounters_store(data).resolve()), read_only=True)
        try:
            return con.execute("SELECT month, sum(count) FROM encounters GROUP BY ALL ORDER BY ALL").fetchall()
        finally:
            con.close()
    lines = cbp_file.read_text().splitlines()
    spelled = [lines[0]] + [",".join(spell(f) if i == 2 else f for i, f in enumerate(line.split(","))) for line in
                            lines[1:]]
    other = tmp_path / "spelled" / cbp_file.name
    other.parent.mkdir()
    other.write_text("\n".join(spelled) + "\n")
    encounters.import_files([cbp_file], tmp_path / "upper", progress=False)
    encounters.import_files([other], tmp_path / "spelled", progress=False)
    assert months(tmp_path / "spelled") == months(tmp_path / "upper")
    assert len(months(tmp_path / "upper")) == 48  # four fiscal years of twelve months


def test_reimporting_a_file_does_not_double_count(tmp_path, cbp_file):
    encounters.import_files([cbp_file], tmp_path, progress=False)
    encounters.import_files([cbp_file], tmp_path, progress=False)
    assert totals(tmp_path) == (2_000, file_sum(cbp_file))


def test_header_variants_are_accepted(tmp_path, cbp_file):
    text = cbp_file.read_text().replace("Month (abbv)", "Month (Abbv)", 1)
    text = text.replace("Encounter Count", "Encounter count", 1)
    variant = tmp_path / "variant.csv"
    variant.write_text(text.replace("Land Border Region", "Region", 1))
    encounters.import_files([variant], tmp_path, progress=False)
    assert totals(tmp_path)[0] == 2_000


def break_line(path, line: int, old: str, new: str) -> None:
    lines = path.read_text().splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines))


def rewrite_field(path, line: int, field: int, value: str) -> None:
    lines = path.read_text().splitlines(keepends=True)
    parts = lines[line - 1].rstrip("\n").split(",")
    parts[field] = value
    lines[line - 1] = ",".join(parts) + "\n"
    path.write_text("".join(lines))


@pytest.mark.parametrize(("damage", "line", "field"), [
    (lambda p: rewrite_field(p, 57, 11, "many"), 57, "Encounter Count"),
    (lambda p: rewrite_field(p, 12, 2, "Smarch"), 12, "Month (abbv)"),
    (lambda p: rewrite_field(p, 30, 0, "next year"), 30, "Fiscal Year"),
    (lambda p: rewrite_field(p, 44, 11, "-3"), 44, "Encounter Count"),
    (lambda p: p.write_bytes(p.read_bytes()[:-25]), 2001, None),
    (lambda p: p.write_bytes(p.read_bytes().replace(b"MEXICO", b"M\xc9XICO", 1)), None, "Citizenship"),
    (lambda p: p.write_text(p.read_text().replace("Encounter Count", "Total", 1)), 1, "count"),
])
def test_bad_input_names_file_line_and_field_and_loads_nothing(tmp_path, cbp_file, damage, line, field):
    good = synthetic.write(tmp_path / "good.csv", rows=500)
    encounters.import_files([good], tmp_path, progress=False)
    before = fingerprint(tmp_path)
    damage(cbp_file)
    with pytest.raises(DataError) as caught:
        encounters.import_files([good, cbp_file], tmp_path, progress=False)
    assert caught.value.file == cbp_file.name
    if line is not None:
        assert caught.value.row == line
    if field is not None:
        assert caught.value.field == field
    assert fingerprint(tmp_path) == before
    assert totals(tmp_path) == (500, file_sum(good))


def test_cli_reports_bad_input_without_traceback(tmp_path, cbp_file, capsys):
    from dashboard.__main__ import main
    rewrite_field(cbp_file, 9, 11, "x")
    assert main(["import-cbp", str(cbp_file), "--data", str(tmp_path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{cbp_file.name}, row 9, field 'Encounter Count'" in err
    assert "Traceback" not in err
