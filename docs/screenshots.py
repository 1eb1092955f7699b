"""Regenerate the README's screenshots: `make screenshots`. The first tab on a laptop (docs/screenshot.png, 1400×900)
and a phone (docs/screenshot-phone.png, 390×844), every other tab on a laptop (docs/screenshot-<tab>.png) and one
chart embedded alone (docs/screenshot-embed.png).

Serves the app on a copy of data/ (CBP's shipped files included) with `streamlit run`, opens each address in
Debian's Chromium and saves the first screen.
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

LAPTOP, PHONE = (1400, 900), (390, 844)
SHOTS = {"screenshot.png": ("", LAPTOP), "screenshot-phone.png": ("", PHONE),
         **{f"screenshot-{tab}.png": (f"?tab={tab}", LAPTOP) for tab in ("check", "article", "cbp", "sources")},
         "screenshot-embed.png": ("?chart=monthly-arrivals&months=2022-03&months=2022-06&embed=true", (900, 640))}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = copy_curated(Path(folder), shipped_cbp=True)
        url, server = start_server(PROJECT / "dashboard" / "app.py", data, Path(folder) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, (query, (width, height)) in SHOTS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    open_app(page, f"{url}/{query}", timeout=120_000)
                    page.wait_for_timeout(2000)  # charts finish drawing
                    page.screenshot(path=PROJECT / "docs" / name)
                    print(f"wrote docs/{name} ({width}×{height})")
                browser.close()
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
