"""Benchmarks and stress runs (`make bench`, `make stress`); their short versions run in `make test`."""

from __future__ import annotations

import json
from pathlib import Path


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process (this one by default), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(result: dict, out: Path | None) -> None:
    """Print a run's result as JSON, and write it to `out` when given."""
    text = json.dumps(result, indent=2)
    print(text)
    if out:
        out.write_text(text)
