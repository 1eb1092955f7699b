"""Command line: `python -m dashboard build | serve`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import store
from dashboard.validate import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate data/*.csv and build the DuckDB store")
    build.add_argument("--data", type=Path, default=None, help="folder of the curated CSV files (default: data/)")
    build.add_argument("--store", type=Path, default=None, help="store path (default: DATA/border.duckdb)")
    serve = commands.add_parser("serve", help="serve the dashboard with production settings")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="0.0.0.0")
    args = parser.parse_args(argv)
    if args.command == "serve":
        from dashboard.serve import serve as run_server
        run_server(args.port, args.address)
    try:
        built = store.build(args.data or store.data_dir(), args.store)
    except DataError as err:
        print(f"build failed: {err}", file=sys.stderr)
        print("the existing store was left as it was", file=sys.stderr)
        return 1
    print(f"built {built} ({built.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
