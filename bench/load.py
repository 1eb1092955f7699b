"""Load: N browser sessions (one Chromium, separate contexts) change filters against one server.

    python -m bench.load --sessions 20 --seconds 60

Starts its own `streamlit run` on a copy of data/ unless --url is given. Reports per-session
iterations, errors (stException, charts not drawn, time-outs), time to all charts drawn
(p50/p95) and the server's resident memory before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import random
import statistics
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

from bench import report, rss_mb
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

ACTORS = ["hrw", "mbn", "mx-gov", "mx-inm", "us-cbp", "us-dhs", "us-gov"]
# Every query here has charts on the tab it opens: the record's tab (the first) when CBP is among the actors, the
# article's figures otherwise.
QUERIES = ["", "?months=2022-04&months=2022-04&actor=us-gov&tab=article", "?record=2022-06-15", "?fy=true",
           "?months=2022-03&months=2022-06", "?actor=mx-inm&actor=hrw&tab=article", "?rev=2022-05&record=2022-06-15",
           "?tab=article&months=2022-03&months=2022-06"]
DRAWN = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    const charts = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart']")];
    return charts.length > 0 && charts.every(c => c.querySelector(".main-svg"));  // every query here has charts
}"""


def random_query(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(QUERIES)
    chosen = {rng.choice(["us-gov", "us-dhs", "us-cbp"]), *rng.sample(ACTORS, rng.randint(0, len(ACTORS)))}
    actors = "&".join(f"actor={a}" for a in sorted(chosen))  # one actor with figures in March-May at least
    return f"?months=2022-0{rng.randint(3, 4)}&months=2022-0{rng.randint(5, 6)}&{actors}&tab=article"


async def drawn_seconds(page, url: str, timeout_ms: int = 120_000) -> float:
    """Navigate and return the seconds until the script finished and every chart is drawn."""
    started = time.perf_counter()
    await page.goto(url)
    await page.wait_for_function(DRAWN, timeout=timeout_ms, polling=50)
    return time.perf_counter() - started


async def one_session(browser, base: str, deadline: float, seed: int) -> dict:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    times, errors, iterations, chartless = [], [], 0, 0
    while time.monotonic() < deadline:
        try:
            times.append(await drawn_seconds(page, base + "/" + random_query(rng)))
            if await page.locator("[data-testid='stException']").count():
                errors.append("stException")
            if not await page.locator("[data-testid='stPlotlyChart'] .main-svg").count():
                chartless += 1  # every query here has figures to chart: a page with none failed
            if "tab=" not in page.url and rng.random() < 0.5:  # and change a control in the record's tab
                await page.get_by_role("radio", name=rng.choice(["latest", "2022-06-15"])).click(timeout=60_000)
                await page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        except Exception as err:  # a time-out or a vanished element counts as an error
            errors.append(type(err).__name__)
        iterations += 1
    await context.close()
    return {"iterations": iterations, "errors": errors, "times": times, "chartless": chartless}


async def run_sessions(base: str, sessions: int, seconds: float) -> list[dict]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        deadline = time.monotonic() + seconds
        results = await asyncio.gather(*(one_session(browser, base, deadline, i) for i in range(sessions)))
        await browser.close()
    return list(results)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summarise(results: list[dict], seconds: float, rss_before: float, rss_after: float) -> dict:
    times = [t for r in results for t in r["times"]]
    return {
        "sessions": len(results), "seconds": seconds,
        "iterations": sum(r["iterations"] for r in results),
        "errors": sum(len(r["errors"]) for r in results),
        "error_kinds": sorted({e for r in results for e in r["errors"]}),
        "sessions_with_all_charts_drawn": sum(1 for r in results if r["times"] and not r["chartless"]
                                              and not r["errors"] and len(r["times"]) >= r["iterations"]),
        "page_loads_without_charts": sum(r["chartless"] for r in results),
        "drawn_p50_s": round(percentile(times, 50), 3), "drawn_p95_s": round(percentile(times, 95), 3),
        "server_rss_before_mb": round(rss_before, 1), "server_rss_after_mb": round(rss_after, 1),
    }


def in_own_loop(coroutine_function, *args):
    """Run a coroutine on a fresh event loop in a worker thread (the caller may already have a loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function(*args))).result()


def load(sessions: int, seconds: float, url: str | None = None, pid: int | None = None) -> dict:
    """Run the load against `url` (server `pid`), or against a server of its own."""
    if url is not None:
        before = rss_mb(pid) if pid else float("nan")
        results = in_own_loop(run_sessions, url, sessions, seconds)
        return summarise(results, seconds, before, rss_mb(pid) if pid else float("nan"))
    from tests.e2e.conftest import copy_data, start_server, stop_server
    with tempfile.TemporaryDirectory() as folder:
        data = copy_data(Path(folder))
        app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
        base, proc = start_server(app, data, Path(folder) / "server.log", ("--server.fileWatcherType", "none"))
        try:
            in_own_loop(run_sessions, base, 1, 0.1)  # warm up: the first run builds the store
            return load(sessions, seconds, base, proc.pid)
        finally:
            stop_server(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--out", type=Path, default=None, help="write the result as JSON here")
    args = parser.parse_args()
    report(load(args.sessions, args.seconds), args.out)


if __name__ == "__main__":
    main()
