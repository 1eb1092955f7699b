"""Soak: many AppTest reruns of the dashboard with random filters; errors and memory growth.

    python -m bench.soak --reruns 2000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import report, rss_mb
from dashboard.screen import tabs

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
ACTORS = ["hrw", "mbn", "mx-gov", "mx-inm", "us-cbp", "us-dhs", "us-gov"]


def random_change(at: AppTest, rng: random.Random) -> None:
    """Change one filter or control the way a reader would."""
    choice = rng.randrange(5)
    keys = {w.key for kind in ("button_group", "toggle") for w in at.get(kind)}  # the record's, on the first tab
    if choice == 4 or (choice in (2, 3) and "record" not in keys):  # open another tab, as its bar would
        at.session_state[tabs.KEY] = tabs.label(rng.choice(tabs.TABS), "en")
    elif choice == 0:
        months = [datetime.strptime(label, "%b %Y").strftime("%Y-%m")  # the slider shows 'Oct 2018', keeps ids
                  for label in at.select_slider(key="months").options]
        first, last = sorted(rng.sample(range(len(months)), 2))
        at.select_slider(key="months").set_value((months[first], months[last]))
    elif choice == 1:
        at.multiselect(key="actor").set_value(rng.sample(ACTORS, rng.randint(0, len(ACTORS))))
    elif choice == 2:
        at.button_group(key="record").set_value(rng.choice(["latest", "2022-06-15"]))
    else:
        at.toggle(key="fy").set_value(rng.random() < 0.5)


def soak(reruns: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    at = AppTest.from_file(APP, default_timeout=60).run()
    errors, samples = 0, []
    start_rss, started = rss_mb(), time.perf_counter()
    for i in range(reruns):
        random_change(at, rng)
        at.run()
        errors += len(at.exception)
        if at.exception:  # start again from a clean page so one error is counted once
            at = AppTest.from_file(APP, default_timeout=60).run()
        if i % max(reruns // 20, 1) == 0:
            samples.append(round(rss_mb(), 1))
    return {
        "reruns": reruns, "errors": errors, "seconds": round(time.perf_counter() - started, 1),
        "rss_start_mb": round(start_rss, 1), "rss_end_mb": round(rss_mb(), 1), "rss_samples_mb": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reruns", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="write the result as JSON here")
    args = parser.parse_args()
    report(soak(args.reruns, args.seed), args.out)


if __name__ == "__main__":
    main()
