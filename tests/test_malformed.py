"""Property-based: broken curated files always end in one clear message, and the store survives.

Hypothesis breaks each CSV in data/ in the ways hand-edited files break: wrong types, missing
fields, stray quotes, BOMs, wrong encodings, duplicated ids, dangling references, huge values,
truncation, empty files. Every build either succeeds or stops with a DataError naming the file
(and row and field where there is one); the CLI prints no traceback; a failed build leaves the
served store byte-identical.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.__main__ import main as cli
from dashboard.data import store
from dashboard.data.curated import load_curated
from tests.conftest import EXAMPLES, PROJECT, copy_curated

FILES = sorted(p.name for p in (PROJECT / "data").glob("*.csv"))
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "-1", "1e400", "nan", "inf", "9" * 400, "2022-02-30", "2022-13", "TRUE ", "'",
                     '"', '""', "\ufeff", "\x00", "null", "None", "x" * 3000, "2022-06-15T12:04+02:00",
                     "javascript:alert(1)", "#GGGGGG", "<script>alert(1)</script>", "1,000", "0x10"]),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def end_line(rows: list[list[str]], index: int) -> int:
    """The line the csv reader reports for rows[index]: the last physical line of that record."""
    return to_csv(rows[: index + 1]).count("\n")


def first_non_utf8_line(content: bytes) -> int:
    return next(i for i, line in enumerate(content.split(b"\n"), 1) if any(byte > 127 for byte in line))


@st.composite
def broken_file(draw) -> tuple[str, bytes, dict]:
    """(file name, new bytes, what the message must say) for one curated file broken one way.

    The expectation holds `row` (the line the message must name; None: any), `field` (a set of fields one of which
    it must name; None: any), `text` (words it must contain), `builds` (it must build) and `elsewhere` (the damage
    may surface in another row or file, because the damaged value is an id or a derivation's input)."""
    name = draw(st.sampled_from(FILES))
    text = (PROJECT / "data" / name).read_text(encoding="utf-8")
    rows = rows_of(text)
    header = list(rows[0])
    row = draw(st.integers(1, len(rows) - 1))
    col = draw(st.integers(0, len(rows[0]) - 1))
    how = draw(st.sampled_from(["field", "drop_column", "truncate", "stray_quote", "bom", "latin1", "utf16",
                                "duplicate_row", "empty", "header_only", "dangling", "extra_field", "swap_header"]))
    expect = {"row": None, "field": None, "text": "", "builds": False, "elsewhere": True}
    if how in ("field", "dangling"):
        rows[row][col] = draw(HOSTILE) if how == "field" else "no-such-id"
        expect |= {"row": end_line(rows, row), "elsewhere": header[col] in REFERENCED}
    elif how == "drop_column":
        rows = [r[:col] + r[col + 1:] for r in rows]
        expect |= {"row": 1, "field": {header[col]}, "elsewhere": False}
    elif how == "truncate":
        return name, text.encode("utf-8")[: draw(st.integers(0, len(text.encode("utf-8")) - 1))], expect
    elif how == "stray_quote":
        at = draw(st.integers(0, len(text)))
        return name, (text[:at] + '"' + text[at:]).encode("utf-8"), expect
    elif how == "bom":
        return name, b"\xef\xbb\xbf" + text.encode("utf-8"), expect | {"builds": True}
    elif how in ("latin1", "utf16"):
        content = (text + "x,ñandú,\xe9\n").encode("latin-1", errors="replace") if how == "latin1" else text.encode(
            "utf-16")
        return name, content, expect | {"row": first_non_utf8_line(content), "text": "is not valid UTF-8",
                                         "elsewhere": False}
    elif how == "duplicate_row":
        rows.insert(row, list(rows[row]))
        expect |= {"row": end_line(rows, row + 1), "text": "duplicate id", "elsewhere": False}
    elif how == "empty":
        return name, b"", expect | {"row": 1, "text": "file is empty", "elsewhere": False}
    elif how == "header_only":
        rows = rows[:1]
    elif how == "extra_field":
        rows[row].append(draw(HOSTILE))
        expect |= {"row": end_line(rows, row), "text": "fields, the header has", "elsewhere": False}
    elif how == "swap_header":
        new = draw(st.sampled_from(["", "value ", "Value", rows[0][col] + "x"]))
        rows[0][col] = new
        expect |= {"row": 1, "field": {header[col], new}, "elsewhere": False}
    return name, to_csv(rows).encode("utf-8"), expect


# Values other rows or files point at, or compute from: damaging one may be reported where it is used.
REFERENCED = {"source_id", "actor_id", "stated_by", "metric", "figure_id", "value", "key", "table", "field", "lang",
              "unit", "period_start", "period_end", "relation", "month", "observed_on"}
LOCATION = re.compile(r"^build failed: (?P<file>[a-z_]+\.csv)(, row (?P<row>\d+))?(, field '(?P<field>[^']*)')?: ")


def fingerprint(path: Path) -> tuple[str, str]:
    target = path.resolve()
    return str(target), hashlib.sha256(target.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    """A data folder with a built store, shared by the examples; each example restores the CSV files."""
    data = copy_curated(tmp_path_factory.mktemp("malformed"))
    store.build(data)
    return data


def restore(data: Path) -> None:
    for name in FILES:
        shutil.copy(PROJECT / "data" / name, data / name)


@settings(max_examples=EXAMPLES["malformed"])  # about 4 per (file, damage) pair; 40 in `make stress`
@given(broken=broken_file())
def test_broken_files_stop_cleanly_and_keep_the_store(served, broken):
    """Each damaged file either still builds (when the damage left valid data, e.g. a BOM) or stops with one line
    naming the damaged file, and the row and field where the damage is, and the served store is byte-identical."""
    name, content, expect = broken
    restore(served)
    before = fingerprint(store.default_store(served))
    (served / name).write_bytes(content)
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli(["build", "--data", str(served)])
    message = err.getvalue()
    assert "Traceback" not in message
    if expect["builds"]:
        assert code == 0, message
        assert load_curated(served) == load_curated(PROJECT / "data")  # the same data as before the damage
        return
    if code == 0:
        return  # the edit was still valid data (a hostile value that parses, say): a new build is served
    assert code == 1
    assert "the existing store was left as it was" in message
    assert fingerprint(store.default_store(served)) == before
    where = LOCATION.match(message)
    assert where, message
    assert expect["text"] in message, message
    if where["file"] != name or (expect["row"] is not None and int(where["row"] or 0) != expect["row"]):
        assert expect["elsewhere"], (expect, message)
        return
    if expect["row"] is not None:
        assert int(where["row"]) == expect["row"], message
    if expect["field"] is not None:
        assert where["field"] in expect["field"], (expect, message)


def test_a_valid_edit_still_builds(served):
    restore(served)
    (served / "actors.csv").write_bytes(b"\xef\xbb\xbf" + (PROJECT / "data" / "actors.csv").read_bytes())
    assert cli(["build", "--data", str(served)]) == 0
