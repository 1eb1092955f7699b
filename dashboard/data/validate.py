"""Read the curated CSV files and check every row before anything is built.

Each problem is reported as a `DataError` naming the file, the row (the line
number in the file, header = line 1) and the field, so a reviewer can fix it
without a traceback.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_FIELD = 2000


class DataError(ValueError):
    """A curated file cannot be built; the message names file, row and field."""

    def __init__(self, file: str, row: int | None, field: str | None, problem: str):
        self.file, self.row, self.field, self.problem = file, row, field, problem
        where = file + (f", row {row}" if row else "") + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | slug | number | date | month | instant | when | bool | url | color
    required: bool = True
    ref: str | None = None  # table whose key this field must name


@dataclass(frozen=True)
class Table:
    name: str
    key: str | tuple[str, ...]
    fields: tuple[Field, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def key_of(self, row: dict):
        return row[self.key] if isinstance(self.key, str) else tuple(row[k] for k in self.key)


def _parse_number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > 1e15:
        raise ValueError("not a finite number below 10^15")
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _parse_instant(text: str) -> datetime:
    """A moment with its UTC offset, ISO 8601: 2022-06-15T12:04-05:00."""
    if "T" not in text:
        raise ValueError("must be a date and time with a UTC offset, e.g. 2022-06-15T12:04-05:00")
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("must give its UTC offset, e.g. -05:00")
    return value


def _parse_when(text: str) -> date | datetime:
    """A date (2022-06-15) or a moment with its UTC offset (2022-06-15T12:04-05:00)."""
    return _parse_instant(text) if "T" in text else date.fromisoformat(text)


def _parse_bool(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise ValueError("must be true or false")
    return text.lower() == "true"


def _parse_slug(text: str) -> str:
    if not SLUG.match(text):
        raise ValueError("must be lower-case letters, digits and hyphens")
    return text


def _parse_month(text: str) -> date:
    if not re.match(r"^\d{4}-\d{2}$", text):
        raise ValueError("must be YYYY-MM")
    return date.fromisoformat(f"{text}-01")


def _parse_color(text: str) -> str:
    if not re.match(r"^#[0-9A-Fa-f]{6}$", text):
        raise ValueError("must be a #RRGGBB colour")
    return text.upper()


def _parse_url(text: str) -> str:
    if not re.match(r"^https?://[^\s<>\"]+$", text):
        raise ValueError("must be an http(s) URL")
    return text


PARSERS = {
    "text": str,
    "slug": _parse_slug,
    "number": _parse_number,
    "date": date.fromisoformat,
    "month": _parse_month,
    "instant": _parse_instant,
    "when": _parse_when,
    "bool": _parse_bool,
    "url": _parse_url,
    "color": _parse_color,
}


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Return the header and (line number, row) pairs of a CSV file."""
    name = path.name
    try:
        text = path.read_bytes().removeprefix(codecs.BOM_UTF8).decode()
    except FileNotFoundError:
        raise DataError(name, None, None, "file is missing") from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise DataError(name, line, None, "is not valid UTF-8 text") from None
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise DataError(name, 1, None, "file is empty (no header row)")
        rows = [(reader.line_num, list(values)) for values in reader]
    except csv.Error as err:
        raise DataError(name, reader.line_num, None, f"malformed CSV ({err})") from None
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise DataError(name, 1, duplicated[0], "column appears more than once in the header")
    return header, [(line, _row_dict(name, line, header, values)) for line, values in rows]


def _row_dict(name: str, line: int, header: list[str], values: list[str]) -> dict[str, str]:
    try:
        return dict(zip(header, values, strict=True))
    except ValueError:
        raise DataError(name, line, None, f"has {len(values)} fields, the header has {len(header)}") from None


def parse_table(table: Table, path: Path) -> list[dict]:
    """Return the typed rows of one table's CSV, or raise a DataError."""
    header, rows = read_rows(path)
    missing = [f.name for f in table.fields if f.name not in header]
    if missing:
        raise DataError(path.name, 1, missing[0], "column is missing from the header")
    unknown = [c for c in header if c not in {f.name for f in table.fields}]
    if unknown:
        raise DataError(path.name, 1, unknown[0][:60], "is not a column of this table")
    seen: set = set()
    typed = []
    for line, raw in rows:
        row = {f.name: _parse_field(path.name, line, f, raw[f.name]) for f in table.fields}
        key = table.key_of(row)
        if key in seen:
            field = table.key if isinstance(table.key, str) else table.key[-1]
            raise DataError(path.name, line, field, f"duplicate id {key!r}")
        seen.add(key)
        typed.append(row | {"_line": line})
    return typed


def _parse_field(file: str, line: int, field: Field, text: str):
    text = text.strip()
    if not text:
        if field.required:
            raise DataError(file, line, field.name, "is empty")
        return None
    if len(text) > MAX_FIELD:
        raise DataError(file, line, field.name, f"is longer than {MAX_FIELD} characters")
    try:
        return PARSERS[field.kind](text)
    except ValueError as err:
        raise DataError(file, line, field.name, f"{text[:40]!r} is not a valid {field.kind}: {err}") from None


def check_references(table: Table, rows: list[dict], keys: dict[str, set]) -> None:
    """Raise a DataError for the first field naming an id its table lacks."""
    for field in table.fields:
        if field.ref is None:
            continue
        for row in rows:
            value = row[field.name]
            if value is not None and value not in keys[field.ref]:
                raise DataError(table.file_name, row["_line"], field.name, f"unknown {field.ref} id {value!r}")
