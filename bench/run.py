"""`make bench`: import speed, filter-change cost, framework overhead, browser and concurrency.

Writes bench/results.md, bench/results.json and bench/results.png. Every timing is the median of
several runs with min and max; overheads are ratios against a baseline run in the same process
or browser session, so a noisy machine moves both sides alike.

    python -m bench.run [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from bench import load, synthetic, workload
from dashboard import charts, encounters, queries, store
from tests.conftest import copy_curated
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

OUT = Path(__file__).resolve().parent
PROJECT = OUT.parent
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def fresh_data(root: Path) -> Path:
    data = copy_curated(root)
    store.build(data)
    return data


def bench_import(root: Path, rows: int, runs: int) -> tuple[dict, Path]:
    """Import one synthetic file `runs` times into fresh stores; return figures and the last data dir."""
    source = synthetic.write(root / f"cbp-{rows}.csv", rows)
    seconds, data = [], None
    for run in range(runs):
        data = fresh_data(root / f"import-{rows}-{run}")
        started = time.perf_counter()
        encounters.import_files([source], data, progress=False)
        seconds.append(time.perf_counter() - started)
    size = encounters.encounters_store(data).resolve().stat().st_size
    source.unlink()
    result = {"rows": rows, "seconds": spread(seconds), "rows_per_second": rows / statistics.median(seconds),
              "store_mb": size / 2**20}
    return result, data


def connect(data: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(store.ensure_store(data)), read_only=True)
    imported = encounters.encounters_store(data)
    if imported.exists():
        con.execute("ATTACH ? AS enc (READ_ONLY)", [str(imported.resolve())])
    return con


def bench_interaction(data: Path, samples: int) -> dict:
    """Server-side cost of one filter change (all queries + all figures, uncached), in ms."""
    con = connect(data)
    cur = con.cursor()
    colors = charts.actor_colors(queries.actors(cur))
    months, rng, times = queries.month_options(cur), random.Random(5), []
    workload.filter_change(cur, workload.random_filters(rng, months), colors)  # warm up
    for _ in range(samples):
        filters = workload.random_filters(rng, months)
        started = time.perf_counter()
        workload.filter_change(cur, filters, colors)
        times.append((time.perf_counter() - started) * 1000)
    con.close()
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "min_ms": min(times),
            "max_ms": max(times), "n": samples}


def bench_script(data: Path, runs: int) -> dict:
    """The app's full script run vs a baseline drawing as many Plotly charts, both under AppTest."""
    from streamlit.testing.v1 import AppTest

    os.environ[store.DATA_ENV] = str(data)
    rng = random.Random(9)
    first = AppTest.from_file(str(PROJECT / "dashboard" / "app.py"), default_timeout=120).run()
    months = first.select_slider(key="months").options
    os.environ["BASELINE_CHARTS"] = str(len(first.get("plotly_chart")))
    app_times, base_times = [], []
    for _ in range(runs):
        at = AppTest.from_file(str(PROJECT / "dashboard" / "app.py"), default_timeout=120)
        a, b = sorted(rng.sample(range(len(months)), 2))
        at.query_params["months"] = [months[a], months[b]]
        app_times.append(_timed_run(at))
        base_times.append(_timed_run(AppTest.from_file(str(OUT / "baseline_app.py"), default_timeout=120)))
    del os.environ[store.DATA_ENV]
    return {"charts": int(os.environ["BASELINE_CHARTS"]), "app_s": spread(app_times),
            "baseline_s": spread(base_times),
            "ratio": statistics.median(app_times) / statistics.median(base_times)}


def bench_publish(data: Path, runs: int) -> dict:
    """The export bundle and the static report vs baselines made in the same process: the same tables as
    a bare ZIP of CSVs (no metadata), and the same figures written by Plotly's own `to_html` with its JS."""
    from dashboard import export, report
    from dashboard.filters import Filters

    con = connect(data)
    cur = con.cursor()
    months = queries.month_options(cur)
    filters = Filters(months[0], months[-1], tuple(queries.actors(cur)["actor_id"]))
    timings = {"bundle": [], "bare_zip": [], "report": [], "plotly_html": []}
    for _ in range(runs):
        timings["bundle"].append(_timed(lambda: export.bundle(cur, filters, "es")))
        timings["bare_zip"].append(_timed(lambda: workload.bare_zip(cur, filters)))
        timings["report"].append(_timed(lambda: report.report_html(cur, filters, "en")))
        timings["plotly_html"].append(_timed(lambda: workload.plotly_html(cur, filters)))
    sizes = {"bundle_bytes": len(export.bundle(cur, filters)), "report_bytes": len(
        report.report_html(cur, filters).encode())}
    con.close()
    median = {k: statistics.median(v) for k, v in timings.items()}
    return {**{f"{k}_s": spread(v) for k, v in timings.items()}, **sizes, "measured": time.strftime("%Y-%m-%d %H:%M"),
            "bundle_ratio": median["bundle"] / median["bare_zip"],
            "report_ratio": median["report"] / median["plotly_html"]}


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    assert not at.exception, at.exception
    return time.perf_counter() - started


def bench_browser(data: Path, root: Path, runs: int) -> dict:
    """Navigation to all charts drawn: the app vs the baseline page, alternating in one browser session."""
    from playwright.async_api import async_playwright

    from tests.e2e.conftest import start_server, stop_server

    app_url, app_proc = start_server(PROJECT / "dashboard" / "app.py", data, root / "app.log",
                                     ("--server.fileWatcherType", "none"))
    os.environ["BASELINE_CHARTS"] = "8" if encounters.encounters_store(data).exists() else "6"
    base_url, base_proc = start_server(OUT / "baseline_app.py", data, root / "base.log",
                                       ("--server.fileWatcherType", "none"))

    async def measure() -> tuple[list[float], list[float]]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await (await browser.new_context(viewport={"width": 1300, "height": 900})).new_page()
            await load.drawn_seconds(page, app_url)
            await load.drawn_seconds(page, base_url)
            app, base = [], []
            for _ in range(runs):
                app.append(await load.drawn_seconds(page, app_url))
                base.append(await load.drawn_seconds(page, base_url))
            await browser.close()
            return app, base

    try:
        app, base = load.in_own_loop(measure)
    finally:
        stop_server(app_proc)
        stop_server(base_proc)
    return {"app_s": spread(app), "baseline_s": spread(base), "ratio": statistics.median(app) / statistics.median(base)}


def bench_concurrency(data: Path, root: Path, seconds: float, levels: tuple[int, ...]) -> list[dict]:
    from tests.e2e.conftest import start_server, stop_server

    url, proc = start_server(PROJECT / "dashboard" / "app.py", data, root / "concurrency.log",
                             ("--server.fileWatcherType", "none"))
    try:
        load.load(1, 3, url, proc.pid)  # warm up
        return [load.load(level, seconds, url, proc.pid) for level in levels]
    finally:
        stop_server(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and few runs, to try the bench")
    args = parser.parse_args()
    sizes = (10_000, 100_000) if args.quick else SIZES
    runs, samples = (2, 10) if args.quick else (3, 40)
    results: dict = {"machine": {"cores": os.cpu_count()}, "started": time.strftime("%Y-%m-%d %H:%M")}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        article = fresh_data(root / "article")
        results["interaction"] = {"article-only": bench_interaction(article, samples)}
        results["import"], largest = [], None
        for rows in sizes:
            imported, largest = bench_import(root, rows, runs)
            imported["interaction"] = bench_interaction(largest, samples)
            results["import"].append(imported)
            print(f"import {rows:,}: {imported['rows_per_second']:,.0f} rows/s", flush=True)
        results["script"] = {"article-only": bench_script(article, 10 if args.quick else 20),
                             f"{sizes[-1]:,} rows": bench_script(largest, 10 if args.quick else 20)}
        results["browser"] = {"article-only": bench_browser(article, root, 3 if args.quick else 6),
                              f"{sizes[-1]:,} rows": bench_browser(largest, root, 3 if args.quick else 6)}
        levels = (1, 5) if args.quick else (1, 5, 10, 20)
        results["concurrency"] = bench_concurrency(article, root, 15 if args.quick else 40, levels)
        results["publish"] = bench_publish(article, 3 if args.quick else 10)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    from bench.report import write_report
    write_report(results, OUT)
    print(f"wrote {OUT / 'results.md'} and {OUT / 'results.png'}")


if __name__ == "__main__":
    main()
