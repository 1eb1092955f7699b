"""The exact words a reviewer reads when a curated file is refused, and the limits at their edges. Each case was
written against a mutant that survived `make mutants` (docs/mutants.md): the property test checks that an error
names file, row and field, not what it says."""

from __future__ import annotations

import pytest

from dashboard.data import validate
from dashboard.data.validate import MAX_FIELD, DataError, Field


@pytest.mark.parametrize(("parse", "text", "words"), [
    (validate._parse_bool, "yes", "must be true or false"),
    (validate._parse_color, "#12345G", "must be a #RRGGBB colour"),
    (validate._parse_instant, "2022-06-15", "must be a date and time with a UTC offset, e.g. 2022-06-15T12:04-05:00"),
    (validate._parse_instant, "2022-06-15T12:04", "must give its UTC offset, e.g. -05:00"),
    (validate._parse_month, "2022-6", "must be YYYY-MM"),
    (validate._parse_number, "inf", "not a finite number below 10^15"),
    (validate._parse_number, "-1", "must not be negative"),
    (validate._parse_slug, "US-gov", "must be lower-case letters, digits and hyphens"),
    (validate._parse_url, "ftp://example.org", "must be an http(s) URL"),
])
def test_each_refusal_says_what_is_expected(parse, text, words):
    with pytest.raises(ValueError) as refused:
        parse(text)
    assert str(refused.value) == words


def test_the_limits_are_inclusive():
    assert validate._parse_number("1e15") == 1e15
    assert validate._parse_number("0") == 0
    assert validate._parse_number("0.5") == 0.5
    with pytest.raises(ValueError):
        validate._parse_number("1000000000000000.5")  # above 10^15, below 10^15 + 1
    assert validate._parse_color("#abcdef") == "#ABCDEF"  # lower-case hex is a colour too
    field = Field("note")
    assert validate._parse_field("f.csv", 2, field, "x" * MAX_FIELD) == "x" * MAX_FIELD
    with pytest.raises(DataError) as refused:
        validate._parse_field("f.csv", 2, field, "x" * (MAX_FIELD + 1))
    assert str(refused.value) == f"f.csv, row 2, field 'note': is longer than {MAX_FIELD} characters"


def test_field_errors_read_in_full():
    with pytest.raises(DataError) as empty:
        validate._parse_field("figures.csv", 3, Field("value", "number"), "  ")
    assert str(empty.value) == "figures.csv, row 3, field 'value': is empty"
    long_text = "a" * 50
    with pytest.raises(DataError) as bad:
        validate._parse_field("figures.csv", 3, Field("value", "number"), long_text)
    assert str(bad.value) == (f"figures.csv, row 3, field 'value': {'a' * 40!r} is not a valid number: "
                              f"could not convert string to float: {long_text!r}")
    assert validate._parse_field("figures.csv", 3, Field("note", required=False), " ") is None


def test_an_error_says_only_where_it_has_a_place():
    assert str(DataError("a.csv", None, None, "file is missing")) == "a.csv: file is missing"
    assert str(DataError("a.csv", 4, None, "x")) == "a.csv, row 4: x"
    assert str(DataError("a.csv", None, "f", "x")) == "a.csv, field 'f': x"


def test_a_missing_file_and_bad_bytes_are_named(tmp_path):
    with pytest.raises(DataError) as missing:
        validate.read_rows(tmp_path / "actors.csv")
    assert str(missing.value) == "actors.csv: file is missing"
    (tmp_path / "bad.csv").write_bytes(b"a,b\n1,2\n" + b"\xff\n")
    with pytest.raises(DataError) as undecodable:
        validate.read_rows(tmp_path / "bad.csv")
    assert str(undecodable.value) == "bad.csv, row 3: is not valid UTF-8 text"


def test_a_stray_quote_is_refused_not_read_loosely(tmp_path):
    (tmp_path / "quote.csv").write_text('a,b\n1,"2"x\n', encoding="utf-8")
    with pytest.raises(DataError) as refused:
        validate.read_rows(tmp_path / "quote.csv")
    assert refused.value.row == 2 and "malformed CSV" in str(refused.value)


def test_an_unknown_reference_names_the_table_and_the_id():
    table = validate.Table("figures", "figure_id", (Field("figure_id", "slug"), Field("actor_id", "slug",
                                                                                     ref="actors")))
    with pytest.raises(DataError) as unknown:
        validate.check_references(table, [{"figure_id": "f", "actor_id": "nobody", "_line": 5}], {"actors": {"a"}})
    assert str(unknown.value) == "figures.csv, row 5, field 'actor_id': unknown actors id 'nobody'"


def refusal(tmp_path, name: str, text: str, table=None) -> DataError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        validate.parse_table(table, path) if table else validate.read_rows(path)
    return refused.value


def test_header_problems_read_in_full(tmp_path):
    assert str(refusal(tmp_path, "dup.csv", "b,a,b,a\n1,2,3,4\n")) == (
        "dup.csv, row 1, field 'a': column appears more than once in the header")
    assert str(refusal(tmp_path, "empty.csv", "")) == "empty.csv, row 1: file is empty (no header row)"
    table = validate.Table("t", "id", (Field("id", "slug"), Field("value", "number")))
    assert str(refusal(tmp_path, "t.csv", "id\nx\n", table)) == (
        "t.csv, row 1, field 'value': column is missing from the header")
    long_name = "z" * 70
    assert str(refusal(tmp_path, "t.csv", f"id,value,{long_name},other\nx,1,2,3\n", table)) == (
        f"t.csv, row 1, field '{'z' * 60}': is not a column of this table")


def test_a_duplicate_of_a_composite_key_names_its_last_part(tmp_path):
    table = validate.Table("e", ("a", "b", "c"), (Field("a", "slug"), Field("b", "slug"), Field("c", "slug")))
    error = refusal(tmp_path, "e.csv", "a,b,c\nx,y,z\nx,y,z\n", table)
    assert (error.row, error.field) == (3, "c")


def test_a_quoted_field_keeps_its_line_break(tmp_path):
    (tmp_path / "q.csv").write_text('a,b\n1,"two\nlines"\n', encoding="utf-8")
    header, rows = validate.read_rows(tmp_path / "q.csv")
    assert header == ["a", "b"]
    assert rows == [(3, {"a": "1", "b": "two\nlines"})]
