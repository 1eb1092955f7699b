"""Production settings for serving the dashboard to the public (`make serve`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"

# Viewers see a generic error message (details go to the server log), no file watcher,
# XSRF protection on, usage statistics off, a viewer toolbar.
PRODUCTION_FLAGS = (
    "--client.showErrorDetails", "none",
    "--client.toolbarMode", "viewer",
    "--server.fileWatcherType", "none",
    "--server.runOnSave", "false",
    "--server.enableXsrfProtection", "true",
    "--server.headless", "true",
    "--browser.gatherUsageStats", "false",
)


def command(port: int, address: str = "0.0.0.0", app: Path = APP) -> list[str]:
    """The `streamlit run` command line with the production flags."""
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
            "--server.address", address, *PRODUCTION_FLAGS]


def serve(port: int, address: str) -> None:
    """Replace this process with the production server."""
    argv = command(port, address)
    os.execv(argv[0], argv)
