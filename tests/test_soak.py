"""A short soak in CI: hundreds of AppTest reruns with random filters, no error, memory bounded.

The full soak (2,000 reruns) is `make stress`; its last figures are in the README.
"""

from __future__ import annotations

from bench.soak import soak


def test_reruns_with_random_filters(capsys):
    result = soak(reruns=150, seed=7)
    with capsys.disabled():
        print(f"\nsoak: { {k: v for k, v in result.items() if k != 'rss_samples_mb'} }")
    assert result["errors"] == 0
    warm = result["rss_samples_mb"][2]
    assert result["rss_end_mb"] - warm < 100, result["rss_samples_mb"]
