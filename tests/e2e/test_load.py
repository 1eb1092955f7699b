"""A short load run in CI: a few browser sessions change filters against one server.

The full run (20 sessions, 60 seconds) is `make stress`; its last figures are in the README.
"""

from __future__ import annotations

import pytest

from bench.load import load

pytestmark = pytest.mark.browser


def test_concurrent_sessions_see_no_errors_and_every_chart(capsys):
    result = load(sessions=3, seconds=15)
    with capsys.disabled():
        print(f"\nload: {result}")
    assert result["errors"] == 0, result["error_kinds"]
    assert result["sessions_with_all_charts_drawn"] == 3  # every load of every session drew its charts, no error
    assert result["page_loads_without_charts"] == 0
    assert result["iterations"] >= 3
    assert result["server_rss_after_mb"] > 0
