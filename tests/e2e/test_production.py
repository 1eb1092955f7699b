"""Production settings: viewers get a generic error, the server log gets the details."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from dashboard.serve import PRODUCTION_FLAGS, command
from tests.conftest import PROJECT
from tests.e2e.conftest import free_port, open_app, stop_server, wait_healthy

pytestmark = pytest.mark.browser


def flag(name: str) -> str:
    return PRODUCTION_FLAGS[PRODUCTION_FLAGS.index(name) + 1]


def test_production_flags():
    assert flag("--client.showErrorDetails") == "none"
    assert flag("--server.fileWatcherType") == "none"
    assert flag("--server.enableXsrfProtection") == "true"
    assert flag("--browser.gatherUsageStats") == "false"


def test_config_file_keeps_statistics_off_and_xsrf_on():
    config = (PROJECT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
    assert "enableXsrfProtection = true" in config


def test_viewer_sees_a_generic_error_and_the_log_has_the_details(page, tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    app = PROJECT / "tests" / "e2e" / "apps" / "raises.py"
    with log.open("w") as out:
        proc = subprocess.Popen(command(port, "127.0.0.1", app), cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        open_app(page, url)
        expect(page.get_by_text("About to fail")).to_be_visible()
        error = page.locator("[data-testid='stException']")
        expect(error).to_have_count(1)
        assert "secret detail 4242" not in page.content()
        assert "Traceback" not in page.content()
    finally:
        stop_server(proc)
    assert "secret detail 4242" in log.read_text()
