"""The map's data, shipped in data/: where each Southwest area of responsibility is drawn (data/cbp/places.csv) and
the border's outlines (data/geo/southwest_outlines.json). Read once per process; a bad row is a DataError naming
file, row and field."""

from __future__ import annotations

import csv
import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.validate import DataError

PLACES = Path("cbp") / "places.csv"
OUTLINES = Path("geo") / "southwest_outlines.json"
PLACE_FIELDS = ("aor", "component", "place", "lat", "lon", "basis", "basis_url")
BOX = {"lat": (24.5, 37.5), "lon": (-121.0, -95.0)}  # the outlines' box (data/geo/make_outlines.py)


@cache
def places(data: Path) -> pd.DataFrame:
    """Every area's place: `aor`, `component`, `place`, `lat`, `lon`, `basis`, `basis_url`."""
    path = data / PLACES
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for line, row in enumerate(rows, start=2):
        for field in PLACE_FIELDS[:5]:
            if not (row.get(field) or "").strip():
                raise DataError(str(PLACES), line, field, "is empty")
        for field, (low, high) in BOX.items():
            try:
                value = float(row[field])
            except ValueError:
                raise DataError(str(PLACES), line, field, f"{row[field]!r} is not a number") from None
            if not (math.isfinite(value) and low <= value <= high):
                raise DataError(str(PLACES), line, field, f"{value} is outside the map ({low} to {high})")
    frame = pd.DataFrame(rows, columns=list(PLACE_FIELDS))
    return frame.astype({"lat": float, "lon": float})


@cache
def outlines(data: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The map's lines by kind (`border`, `coasts`, `states`): longitudes and latitudes as two arrays, a NaN after
    each line (a plot breaks its line there)."""
    path = data / OUTLINES
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        return {key: _joined(found[key]) for key in ("border", "coasts", "states")}
    except (OSError, ValueError, KeyError, IndexError, TypeError) as err:
        raise DataError(str(OUTLINES), None, None, f"cannot be read: {err}") from None


def _joined(lines: list) -> tuple[np.ndarray, np.ndarray]:
    points = [point for line in lines for point in [*line, (math.nan, math.nan)]]
    return np.array([p[0] for p in points], dtype=float), np.array([p[1] for p in points], dtype=float)
