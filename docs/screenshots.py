"""Regenerate docs/screenshot.png (laptop, 1400×900) and docs/screenshot-phone.png (390×844): `make screenshots`.

Serves the app on a copy of data/ with `streamlit run`, opens it in Debian's Chromium and saves the first screen.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import copy_curated  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, open_app, start_server, stop_server  # noqa: E402

SHOTS = {"screenshot.png": (1400, 900), "screenshot-phone.png": (390, 844)}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = copy_curated(Path(folder))
        url, server = start_server(PROJECT / "dashboard" / "app.py", data, Path(folder) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, (width, height) in SHOTS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    open_app(page, url)
                    page.wait_for_timeout(2000)  # charts finish drawing
                    page.screenshot(path=PROJECT / "docs" / name)
                    print(f"wrote docs/{name} ({width}×{height})")
                browser.close()
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
