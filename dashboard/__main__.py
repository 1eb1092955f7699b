"""Command line: `python -m dashboard build | import-cbp FILE... | serve | export OUT.zip | report OUT.html`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from dashboard.data import store
from dashboard.data.validate import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate data/*.csv and build the DuckDB store")
    build.add_argument("--data", type=Path, default=None, help="folder of the curated CSV files (default: data/)")
    build.add_argument("--store", type=Path, default=None, help="store path (default: DATA/border.duckdb)")
    cbp = commands.add_parser("import-cbp", help="import CBP encounter CSV files (re-importing a file replaces it)")
    cbp.add_argument("files", nargs="+", type=Path)
    cbp.add_argument("--data", type=Path, default=None, help="folder of the stores (default: data/)")
    cbp.add_argument("--quiet", action="store_true", help="no progress bar")
    cbp.add_argument("--published", metavar="YYYY-MM-DD", type=published_date, default=None,
                     help="the day CBP published the files (default: each file's modification day, as downloaded); "
                          "where files overlap, each month comes from the latest")
    serve = commands.add_parser("serve", help="serve the dashboard with production settings")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="0.0.0.0")
    for name, what in (("export", "the filtered view's tables, datapackage.json, citations and README as a ZIP"),
                       ("report", "one self-contained HTML file with the charts, claim check and citations")):
        view_options(commands.add_parser(name, help=what))
    args = parser.parse_args(argv)
    if args.command in ("export", "report"):
        return write_view(args)
    if args.command == "serve":
        from dashboard.serve import serve as run_server
        run_server(args.port, args.address)
    if args.command == "import-cbp":
        return import_cbp(args.files, args.data or store.data_dir(), not args.quiet, args.published)
    return build_all(args.data or store.data_dir(), args.store)


def build_all(data: Path, target: Path | None) -> int:
    """`build`: the curated store, then CBP's shipped files (data/cbp/) when the encounters store is older."""
    from dashboard.data.cbp_import import ensure_shipped
    try:
        built = store.build(data, target)
        imported = ensure_shipped(data)
    except DataError as err:
        print(f"build failed: {err}", file=sys.stderr)
        print("the existing store was left as it was", file=sys.stderr)
        return 1
    print(f"built {built} ({built.stat().st_size:,} bytes)")
    if imported:
        print(f"imported CBP's shipped files from {data / 'cbp'}")
    return 0


def published_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def view_options(parser: argparse.ArgumentParser) -> None:
    """The app's filters as options: the same month range, actors and language as the page address."""
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--from", dest="month_from", metavar="YYYY-MM", help="first month (default: the first)")
    parser.add_argument("--to", dest="month_to", metavar="YYYY-MM", help="last month (default: the last)")
    parser.add_argument("--actor", action="append", metavar="ID", help="an actor id; repeat for more (default: all)")
    parser.add_argument("--lang", choices=("en", "es"), default="en")
    parser.add_argument("--data", type=Path, default=None, help="folder of the stores (default: data/)")
    parser.add_argument("--base-url", type=base_url, default=None, metavar="URL",
                        help="the dashboard's public address: ClaimReview items link to its claim check")


def base_url(text: str) -> str:
    """An http(s) address (`--base-url`), refused by its words otherwise."""
    from dashboard.outputs.addresses import clean_address
    if clean_address(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) address")
    return text


def write_view(args: argparse.Namespace) -> int:
    """`export` or `report`: build the store if needed, apply the filters, write the file."""
    from dashboard.outputs import write_files
    try:
        data = args.data or store.data_dir()
        con = store.connect_read_only(store.ensure_store(data))
        attach_encounters(con, data)
        cur = con.cursor()
        filters = write_files.filters_from_options(cur, args.month_from, args.month_to, args.actor)
        size = write_files.write(cur, args.command, filters, args.lang, args.out, args.base_url)
    except (DataError, ValueError) as err:
        print(f"{args.command} failed: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({size:,} bytes; {filters.describe(args.lang)})")
    return 0


def attach_encounters(con, data: Path) -> None:
    """CBP's rows (the shipped files imported first when they are newer), read-only as `enc`, as the app has them."""
    from dashboard.data.cbp_import import encounters_store, ensure_shipped
    ensure_shipped(data)
    if encounters_store(data).exists():
        store.attach_read_only(con, str(encounters_store(data).resolve()))


def import_cbp(files: list[Path], data: Path, progress: bool, published: date | None = None) -> int:
    from dashboard.data.cbp_import import Dated, import_files
    dated = {path.name: Dated(published, "published") for path in files} if published else None
    try:
        result = import_files(files, data, progress, dated)
    except DataError as err:
        print(f"import failed: {err}", file=sys.stderr)
        print("nothing was imported; the existing encounter data was left as it was", file=sys.stderr)
        return 1
    for name, info in result.items():
        print(f"{name}: {info['rows']:,} rows in {info['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
