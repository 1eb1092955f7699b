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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench import floor, load, synthetic, workload
from dashboard.data import cbp_import as encounters
from dashboard.data import queries, store
from tests.conftest import copy_curated
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

OUT = Path(__file__).resolve().parent
PROJECT = OUT.parent
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


MEASURED = ("dashboard", "data", ".streamlit", "pyproject.toml", "bench/*.py")  # what a change to would change results


def commit() -> str:
    """The commit measured, with '+changes' when the code or data measured differ from it in the working tree."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", *MEASURED], cwd=PROJECT,
                           capture_output=True, text=True).stdout.strip()
    return (head.stdout.strip() or "unknown") + (" +changes" if dirty else "")


def fresh_data(root: Path, shipped: bool = True) -> Path:
    """A new copy of data/ built as `make run` builds it: the curated store and, with `shipped`, CBP's FY2022 file."""
    data = copy_curated(root, shipped_cbp=shipped)
    store.build(data)
    encounters.ensure_shipped(data)
    return data


def bare_read(source: Path, root: Path) -> float:
    """The floor of an import: DuckDB's own `read_csv` of the same file into a new table of a new store on the same
    disk, checkpointed, from opening the store to closing it, as an import does (no header matching, typing rules,
    hashing, aggregates or swap). Its sniffer reads the fiscal
    year as a number from the first rows, so that column is given as text (`2023 (FYTD)` comes later)."""
    target = root / f"bare-{time.time_ns()}.duckdb"
    first = encounters.header_names(source)[0]
    started = time.perf_counter()
    con = duckdb.connect(str(target))
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, types = {'" + first + "': 'VARCHAR'})", [str(source)])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    seconds = time.perf_counter() - started
    target.unlink(missing_ok=True)
    return seconds


def bench_import(root: Path, rows: int, runs: int, source: Path | None = None) -> tuple[dict, Path]:
    """Import one file (`source`, or a synthetic file of `rows` rows) `runs` times into fresh stores, each run beside
    DuckDB's bare `read_csv` of the same file (alternately); return figures and the last data dir."""
    made = source is None
    source = synthetic.write(root / f"cbp-{rows}.csv", rows) if made else source
    seconds, bare, data = [], [], None
    for run in range(runs):
        data = fresh_data(root / f"import-{rows}-{run}", shipped=False)
        bare.append(bare_read(source, root))
        started = time.perf_counter()
        encounters.import_files([source], data, progress=False)
        seconds.append(time.perf_counter() - started)
    size = encounters.encounters_store(data).resolve().stat().st_size
    if made:
        source.unlink()
    result = {"rows": rows, "file": source.name, "seconds": spread(seconds), "bare_s": spread(bare),
              "ratio": statistics.median(seconds) / statistics.median(bare),
              "rows_per_second": rows / statistics.median(seconds), "store_mb": size / 2**20}
    return result, data


def connect(data: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(store.ensure_store(data)), read_only=True)
    imported = encounters.encounters_store(data)
    if imported.exists():
        con.execute("ATTACH ? AS enc (READ_ONLY)", [str(imported.resolve())])
    return con


def month_ids(data: Path) -> list[str]:
    """Every month the filters offer, as the URL gives them ('2017-10')."""
    con = store.connect_read_only(store.ensure_store(data))  # the app's own read-only instance: no second attach
    try:
        return queries.month_options(con.cursor())
    finally:
        con.close()


APP = PROJECT / "dashboard" / "app.py"
FLOOR = OUT / "floor_app.py"


def new_ranges(months: list[str], count: int, seed: int) -> list[dict]:
    """`count` distinct month ranges (as URL queries), none of them the default view."""
    rng, picked = random.Random(seed), set()
    while len(picked) < count:
        a, b = sorted(rng.sample(range(len(months)), 2))
        if (a, b) != (0, len(months) - 1):
            picked.add((a, b))
    return [{"months": [months[a], months[b]]} for a, b in sorted(picked)]


def capture_pages(data: Path, root: Path, queries: list[dict]) -> list[Path]:
    """Each view's floor page, captured in another process so this one's caches stay cold for those views."""
    env = os.environ | {store.DATA_ENV: str(data)}
    done = subprocess.run([sys.executable, "-m", "bench.floor", str(root), *map(json.dumps, queries)], env=env,
                          cwd=PROJECT, capture_output=True, text=True, check=True)
    return [Path(line) for line in done.stdout.split()]


TABS = ("found", "check", "article", "cbp", "sources")  # dashboard/screen/tabs.py, in page order


def bench_tabs(data: Path, root: Path, runs: int) -> dict:
    """Each tab opened from its link with warm caches (`runs` times) against its own floor page (that tab's elements
    prebuilt), app and floor alternating in this process; the app runs only the open tab's code."""
    os.environ[store.DATA_ENV] = str(data)
    root.mkdir(parents=True, exist_ok=True)
    out = {}
    with floor.ScriptTimer() as timer:
        for tab in TABS:
            query = {"tab": tab}
            _, page = floor.run_captured(APP, query)
            os.environ["FLOOR_PAGE"] = str(floor.save(page, root / f"tab-{tab}.pkl"))
            timer.run(FLOOR, query)  # the floor's figures are prebuilt: build them before timing
            timer.run(APP, query)
            times = {"app": [], "floor": []}
            for _ in range(runs):
                times["app"].append(timer.run(APP, query))
                times["floor"].append(timer.run(FLOOR, query))
            out[tab] = {"elements": sum(floor.counts(page).values()), **_compared(times)}
    del os.environ[store.DATA_ENV]
    return out


def bench_script(data: Path, root: Path, runs: int) -> dict:
    """The app's script run vs its floor page (bench/floor.py), alternating in this process: the default view with
    warm caches (`runs` times), then `2 * runs` new month ranges (each seen for the first time by the app; the floor
    shows the same page). Random ranges differ in what they show, so more of them steady the median."""
    os.environ[store.DATA_ENV] = str(data)
    root.mkdir(parents=True, exist_ok=True)
    default_page = root / "page-default.pkl"
    with floor.ScriptTimer() as timer:
        _, page = floor.run_captured(APP)
        floor.save(page, default_page)
        months = month_ids(data)  # the slider shows names ('Oct 2017') and keeps these
        queries = new_ranges(months, 2 * runs, seed=len(months))
        pages = capture_pages(data, root, queries)
        for path in [default_page, *pages]:  # the floor's figures are prebuilt: build them before timing
            os.environ["FLOOR_PAGE"] = str(path)
            timer.run(FLOOR)
        warm = {"app": [], "floor": []}
        for _ in range(runs):
            warm["app"].append(timer.run(APP))
            os.environ["FLOOR_PAGE"] = str(default_page)
            warm["floor"].append(timer.run(FLOOR))
        new = {"app": [], "again": [], "floor": []}
        for query, path in zip(queries, pages, strict=True):
            new["app"].append(timer.run(APP, query))
            new["again"].append(timer.run(APP, query))  # the same range seen before: nothing left to compute
            os.environ["FLOOR_PAGE"] = str(path)
            new["floor"].append(timer.run(FLOOR, query))
        profile = profile_new_ranges(timer, months, {tuple(q["months"]) for q in queries}, runs)
    del os.environ[store.DATA_ENV]
    return {"elements": dict(floor.counts(page)), "warm": _compared(warm), "new_range": _compared(new),
            "profile": profile}


def _compared(times: dict[str, list[float]]) -> dict:
    app, base = times["app"], times["floor"]
    out = {"app_s": spread(app), "floor_s": spread(base), "ratio": statistics.median(app) / statistics.median(base),
           "app_p95_ms": percentile(app, 95) * 1000}
    if "again" in times:
        out |= {"again_s": spread(times["again"]),
                "again_ratio": statistics.median(times["again"]) / statistics.median(base)}
    return out


# Where profiled time is spent, by the file of the function that spends it (its own time, not its callees').
PLACES = (("dashboard", "/dashboard/"), ("Streamlit", "/streamlit/"), ("Plotly", "plotly"), ("pandas", "/pandas/"),
          ("NumPy", "/numpy/"), ("DuckDB", "duckdb"), ("protobuf", "google/protobuf"),
          ("other packages", "site-packages"), ("Python's library", "/lib/python3"), ("built-in functions", "~"))
# The sections timed one by one: (module, function). Each includes what it calls; rows nest as the code does.
SECTIONS = (("dashboard.screen.article_view", "article_parts"), ("dashboard.screen.record_view", "record_section"),
            ("dashboard.screen.record_view", "series_parts"), ("dashboard.screen.record_view", "_record_cut"),
            ("dashboard.present.charts", "record_figure"), ("dashboard.screen.record_view", "series_block"),
            ("dashboard.screen.record_view", "revisions_block"), ("dashboard.screen.record_view", "revision_parts"),
            ("dashboard.screen.record_view", "claim_block"), ("dashboard.screen.article_view", "chart_section"),
            ("dashboard.screen.article_view", "enforcement_section"),
            ("dashboard.screen.article_view", "cited_source_panel"),
            ("dashboard.screen.cbp_view", "encounters_section"), ("dashboard.screen.cbp_view", "who_parts"))


def profile_new_ranges(timer: floor.ScriptTimer, months: list[str], seen: set, runs: int) -> dict:
    """Where a new month range's time goes, over more ranges new to the process (none of `seen`): the sections'
    own timers (a wrapper around each, runs otherwise as timed), then cProfile's own time by where code lives."""
    fresh = [q for q in new_ranges(months, 2 * runs + len(seen), seed=len(months) + 1)
             if tuple(q["months"]) not in seen][:2 * runs]
    timed, seconds = _section_times(timer, fresh[:runs])
    return {"runs": runs, "ms_per_run": statistics.median(seconds) * 1000, "sections_ms": timed,
            **_own_time(timer, fresh[runs:])}


def _section_times(timer: floor.ScriptTimer, queries: list[dict]) -> tuple[dict[str, float], list[float]]:
    import functools
    import importlib

    spent: dict[str, float] = {}
    originals = [(importlib.import_module(module), name) for module, name in SECTIONS]
    originals = [(module, name, getattr(module, name)) for module, name in originals]

    def timing(label, function):
        @functools.wraps(function)  # the same name and module: the app's cache keys do not change
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - started
        return timed

    for module, name, function in originals:
        setattr(module, name, timing(f"{module.__name__.split('.')[-1]}.{name}", function))
    try:
        seconds = [timer.run(APP, query) for query in queries]
    finally:
        for module, name, function in originals:
            setattr(module, name, function)
    labels = [f"{module.split('.')[-1]}.{name}" for module, name in SECTIONS]  # 0 for a section not called
    return {label: spent.get(label, 0.0) / len(queries) * 1000 for label in labels}, seconds


def _own_time(timer: floor.ScriptTimer, queries: list[dict]) -> dict:
    import cProfile
    import pstats

    timer.profile = cProfile.Profile()
    try:
        seconds = [timer.run(APP, query) for query in queries]
    finally:
        profile, timer.profile = timer.profile, None
    own: dict[str, float] = {}
    for (path, _, _), (_, _, tottime, _, _) in pstats.Stats(profile).stats.items():
        place = next((name for name, part in PLACES if part in path), "other")
        own[place] = own.get(place, 0.0) + tottime
    total = sum(own.values())
    return {"profiled_ms_per_run": statistics.median(seconds) * 1000,
            "own_share": {place: secs / total for place, secs in sorted(own.items(), key=lambda kv: -kv[1])}}


def bench_publish(data: Path, runs: int) -> dict:
    """The export bundle and the static report vs baselines made in the same process: the same tables as
    a bare ZIP of CSVs (no metadata), and the same figures written by Plotly's own `to_html` with its JS."""
    from dashboard.data.filters import Filters
    from dashboard.outputs import bundle as export
    from dashboard.outputs import report

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


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


SLIDER_MOVED = """(before) => {
    const app = document.querySelector("[data-testid='stApp']");
    const thumb = document.querySelector("[data-testid='stSlider'] input[type='range']");
    const done = app.getAttribute("data-test-script-state") === "notRunning";
    return done && thumb.getAttribute("aria-valuetext") !== before;
}"""


def bench_browser(data: Path, root: Path, runs: int, changes: int) -> dict:
    """The app and its floor page (the captured default view) served side by side, in one browser session:
    time to every chart drawn, server CPU seconds per page view, and per filter change (the first month moved one
    step right: a new range each time); page views per second one process can serve (1 / CPU s per view)."""
    from playwright.async_api import async_playwright

    from tests.e2e.conftest import start_server, stop_server

    os.environ[store.DATA_ENV] = str(data)
    page_file = floor.save(floor.run_captured(APP)[1], root / "browser-page.pkl")
    os.environ["FLOOR_PAGE"] = str(page_file)
    servers = {"app": start_server(APP, data, root / "app.log"), "floor": start_server(FLOOR, data, root / "fl.log")}

    async def views(page, name: str) -> tuple[list[float], float]:
        url, proc = servers[name]
        cpu, seconds = cpu_seconds(proc.pid), []
        for _ in range(runs):
            seconds.append(await load.drawn_seconds(page, url))
        await page.wait_for_timeout(300)  # the server's last messages
        return seconds, (cpu_seconds(proc.pid) - cpu) / runs

    async def filter_changes(page, name: str) -> float:
        url, proc = servers[name]
        await load.drawn_seconds(page, url)
        thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
        cpu = cpu_seconds(proc.pid)
        for _ in range(changes):
            before = await thumb.get_attribute("aria-valuetext")
            await thumb.press("ArrowRight")
            await page.wait_for_function(SLIDER_MOVED, arg=before, timeout=120_000, polling=20)
        await page.wait_for_timeout(300)
        return (cpu_seconds(proc.pid) - cpu) / changes

    async def measure() -> dict:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await (await browser.new_context(viewport={"width": 1300, "height": 900})).new_page()
            for name in servers:  # warm: the app's caches for the default view, the floor's prebuilt figures
                await load.drawn_seconds(page, servers[name][0])
            out = {name: {"drawn_s": [], "cpu_per_view_s": []} for name in servers}
            for _ in range(3):  # alternate in rounds, so both sides meet the same machine load
                for name in servers:
                    seconds, cpu = await views(page, name)
                    out[name]["drawn_s"] += seconds
                    out[name]["cpu_per_view_s"].append(cpu)
            for name in servers:
                out[name]["cpu_per_change_s"] = await filter_changes(page, name)
            await browser.close()
            return out

    try:
        measured = load.in_own_loop(measure)
    finally:
        for _, proc in servers.values():
            stop_server(proc)
        del os.environ[store.DATA_ENV]
    result = {}
    for name, m in measured.items():
        per_view = statistics.median(m["cpu_per_view_s"])
        result[name] = {"drawn_s": spread(m["drawn_s"]), "cpu_per_view_s": per_view,
                        "cpu_per_change_s": m["cpu_per_change_s"], "views_per_s": 1 / per_view if per_view else None}
    app, base = result["app"], result["floor"]
    return {**result, "drawn_ratio": app["drawn_s"]["median"] / base["drawn_s"]["median"],
            "cpu_view_ratio": app["cpu_per_view_s"] / base["cpu_per_view_s"],
            "cpu_change_ratio": app["cpu_per_change_s"] / base["cpu_per_change_s"]}


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
    runs, views = (2, 4) if args.quick else (3, 15)
    results: dict = {"machine": {"cores": os.cpu_count()}, "started": time.strftime("%Y-%m-%d %H:%M %Z"),
                     "commit": commit()}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        article = fresh_data(root / "article")  # as a fresh clone's first page: the article and CBP's FY2022 rows
        results["script"] = {"FY2022 shipped": bench_script(article, root / "pages-article", views)}
        print("script run, shipped store:", results["script"]["FY2022 shipped"]["warm"]["ratio"], flush=True)
        results["tabs"] = bench_tabs(article, root / "pages-tabs", views)
        print("tabs:", {tab: round(t["ratio"], 2) for tab, t in results["tabs"].items()}, flush=True)
        shipped = PROJECT / "data" / "cbp" / "cbp_nationwide_aor_fy2022.csv"
        results["import"], largest = [bench_import(root, 14_829, runs, shipped)[0]], None
        for rows in sizes:
            imported, largest = bench_import(root, rows, runs)
            results["import"].append(imported)
            print(f"import {rows:,}: {imported['rows_per_second']:,.0f} rows/s", flush=True)
            results["script"][f"{rows:,} rows"] = bench_script(largest, root / f"pages-{rows}", views)
        results["browser"] = {"FY2022 shipped": bench_browser(article, root, 4 if args.quick else 6, 4 if args.quick
                                                            else 12),
                              f"{sizes[-1]:,} rows": bench_browser(largest, root, 4 if args.quick else 6,
                                                                   4 if args.quick else 12)}
        levels = (1, 5) if args.quick else (1, 5, 10, 20)
        results["concurrency"] = bench_concurrency(article, root, 15 if args.quick else 30, levels)
        results["publish"] = bench_publish(article, 3 if args.quick else 10)
    out = OUT / "out" if args.quick else OUT  # a quick run never replaces the committed results
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    from bench.report import write_report
    write_report(results, out, OUT / "notes.md")
    print(f"wrote {out / 'results.md'} and {out / 'results.png'}")


if __name__ == "__main__":
    main()
