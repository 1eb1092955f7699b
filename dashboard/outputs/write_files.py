"""Files made from a filtered view outside the app: the export bundle and the static report."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from dashboard.data import queries
from dashboard.data.filters import Filters


def filters_from_options(cur: duckdb.DuckDBPyConnection, month_from: str | None, month_to: str | None,
                         actors: list[str] | None) -> Filters:
    """Filters from command-line options, checked against the store; a bad value raises a ValueError
    that names the option."""
    months = queries.month_options(cur)
    known = list(queries.actors(cur)["actor_id"])
    for option, value in (("--from", month_from), ("--to", month_to)):
        if value is not None and value not in months:
            raise ValueError(f"{option} {value!r}: not a month of the data (YYYY-MM, {months[0]} to {months[-1]})")
    unknown = [a for a in actors or [] if a not in known]
    if unknown:
        raise ValueError(f"--actor {unknown[0]!r}: not an actor id (one of {', '.join(known)})")
    first, last = month_from or months[0], month_to or months[-1]
    if first > last:
        raise ValueError(f"--from {first} is after --to {last}")
    return Filters(first, last, tuple(actors or known))


def write(cur: duckdb.DuckDBPyConnection, kind: str, filters: Filters, lang: str, out: Path,
          base_url: str | None = None) -> int:
    """Write the export bundle ('export') or the static report ('report') to `out` in one step
    (a temp file renamed into place, so a failure leaves no half-written file); return its size."""
    if kind == "export":
        from dashboard.outputs.bundle import bundle
        content = bundle(cur, filters, lang, base_url=base_url)
    else:
        from dashboard.outputs.report import report_html
        content = report_html(cur, filters, lang, base_url).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.chmod(temp, 0o644)
    os.replace(temp, out)
    return len(content)
