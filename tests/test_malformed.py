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
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import store
from dashboard.__main__ import main as cli
from tests.conftest import PROJECT, copy_curated

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


@st.composite
def broken_file(draw) -> tuple[str, bytes]:
    """(file name, new bytes) for one curated file broken one way."""
    name = draw(st.sampled_from(FILES))
    text = (PROJECT / "data" / name).read_text(encoding="utf-8")
    rows = rows_of(text)
    row = draw(st.integers(1, len(rows) - 1))
    col = draw(st.integers(0, len(rows[0]) - 1))
    how = draw(st.sampled_from(["field", "drop_column", "truncate", "stray_quote", "bom", "latin1", "utf16",
                                "duplicate_row", "empty", "header_only", "dangling", "extra_field", "swap_header"]))
    if how == "field":
        rows[row][col] = draw(HOSTILE)
    elif how == "drop_column":
        rows = [r[:col] + r[col + 1:] for r in rows]
    elif how == "truncate":
        return name, text.encode("utf-8")[: draw(st.integers(0, len(text.encode("utf-8")) - 1))]
    elif how == "stray_quote":
        at = draw(st.integers(0, len(text)))
        return name, (text[:at] + '"' + text[at:]).encode("utf-8")
    elif how == "bom":
        return name, b"\xef\xbb\xbf" + text.encode("utf-8")
    elif how == "latin1":
        return name, (text + "x,ñandú,\xe9\n").encode("latin-1", errors="replace")
    elif how == "utf16":
        return name, text.encode("utf-16")
    elif how == "duplicate_row":
        rows.insert(row, list(rows[row]))
    elif how == "empty":
        return name, b""
    elif how == "header_only":
        rows = rows[:1]
    elif how == "dangling":
        rows[row][col] = "no-such-id"
    elif how == "extra_field":
        rows[row].append(draw(HOSTILE))
    elif how == "swap_header":
        rows[0][col] = draw(st.sampled_from(["", "value ", "Value", rows[0][col] + "x"]))
    return name, to_csv(rows).encode("utf-8")


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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken=broken_file())
def test_broken_files_stop_cleanly_and_keep_the_store(served, broken):
    name, content = broken
    restore(served)
    before = fingerprint(store.default_store(served))
    (served / name).write_bytes(content)
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli(["build", "--data", str(served)])
    message = err.getvalue()
    assert "Traceback" not in message
    if code == 0:
        return  # the edit was still valid data (a BOM, say): a new build is served
    assert code == 1
    assert any(message.startswith(f"build failed: {f}") for f in FILES), message
    assert "the existing store was left as it was" in message
    assert fingerprint(store.default_store(served)) == before


def test_a_valid_edit_still_builds(served):
    restore(served)
    (served / "actors.csv").write_bytes(b"\xef\xbb\xbf" + (PROJECT / "data" / "actors.csv").read_bytes())
    assert cli(["build", "--data", str(served)]) == 0
