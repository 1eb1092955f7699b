"""A real `streamlit run` server and a real Chromium (Debian's, through Playwright)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.data import store
from tests.conftest import PROJECT, copy_curated

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


def start_server(app: Path, data_dir: Path, log: Path, extra: tuple[str, ...] = ()) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = os.environ | {store.DATA_ENV: str(data_dir)}
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
               "--server.headless", "true", "--server.fileWatcherType", "none", *extra]
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return url, proc


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


copy_data = copy_curated


@pytest.fixture(scope="session")
def serve(tmp_path_factory):
    """serve(data_dir, *flags) -> URL of the dashboard on that data; servers stop at the end."""
    running = []

    def start(data_dir: Path, *flags: str) -> str:
        log = tmp_path_factory.mktemp("log") / "server.log"
        url, proc = start_server(PROJECT / "dashboard" / "app.py", data_dir, log, flags)
        running.append(proc)
        return url
    yield start
    for proc in running:
        stop_server(proc)


@pytest.fixture(scope="session")
def server(serve, tmp_path_factory):
    return serve(copy_data(tmp_path_factory.mktemp("e2e")))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


def open_app(page, url: str, timeout: float = 60_000):
    """Load a URL and wait until the script has finished running."""
    page.goto(url)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_selector("[data-testid='stMain']", timeout=timeout)
    return page


def chart_title(chart, timeout: float = 30_000) -> str:
    """A chart's title as read: its drawn lines joined by a space (Plotly draws each line of a wrapped title as its
    own `tspan.line`, whose texts run together in textContent)."""
    title = chart.locator(".gtitle")
    title.wait_for(timeout=timeout)
    return title.evaluate("t => { const lines = [...t.querySelectorAll('tspan.line')].map(l => l.textContent);"
                          " return lines.length ? lines.join(' ') : t.textContent; }")
