"""Fixtures: a factory that builds a small store from edited copies of data/."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings

from dashboard.data import store
from dashboard.data.filters import Filters

# Property tests: derandomized in `make test` and CI (the same examples every run), random and ten times longer
# in `make stress` (HYPOTHESIS_PROFILE=stress), and derandomized and ten times shorter under `make mutants`
# (each mutant reruns them; the exact-message tests in test_validate_messages.py cover each refusal there).
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("mutants", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("stress", deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
EXAMPLES = {"ci": {"malformed": 400, "urls": 60}, "mutants": {"malformed": 40, "urls": 6},
            "stress": {"malformed": 4000, "urls": 600}}[PROFILE]



# Under `make mutants`, the test files written for the mutated module run first (they are the likeliest to fail).
OWN_TESTS = {"claims": ("test_claims",), "time_rule": ("test_claims",), "filters": ("test_filters",),
             "validate": ("test_validate_messages", "test_malformed", "test_data"),
             "curated": ("test_curated_messages", "test_data", "test_build", "test_malformed", "test_record_parts"),
             "queries": ("test_queries", "test_record_parts"), "citations": ("test_citations", "test_record_parts"),
             "describe": ("test_describe", "test_record_parts"), "charts": ("test_charts", "test_record_parts"),
             "cbp_import": ("test_cbp_messages", "test_cbp_files", "test_encounters"),
             "cbp_breakdowns": ("test_cbp_messages", "test_cbp_section")}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make mutants`, a mutant's tests go in the order likeliest to stop early (`-x`): the module's own test
    files first, then fastest first by mutmut's recorded durations, so a killed mutant stops at a cheap failing
    test instead of after the slow equality sweeps."""
    stats = Path("mutmut-stats.json")  # mutmut runs the tests from its mutants/ copy, beside this file
    if PROFILE != "mutants" or not stats.exists():
        return
    durations = json.loads(stats.read_text()).get("duration_by_test", {})
    module = ["", "", *os.environ.get("MUTANT_UNDER_TEST", "").split(".")][-2]  # dashboard.<layer>.<module>.<fn>
    own = OWN_TESTS.get(module, ())
    items.sort(key=lambda item: (not item.path.stem.startswith(own) if own else True,
                                 durations.get(item.nodeid, 0.0)))


PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BORDER_SHARED") or PROJECT.parent / "shared")  # mutmut runs from a copy elsewhere
ARTICLE = SHARED / "sources" / "mbn-2022-06-15-new-migration-operation.txt"
ALL_ACTORS = ("hrw", "mbn", "mx-gov", "mx-inm", "us-cbp", "us-dhs", "us-gov")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


MAP_DATA = ("cbp/places.csv", "geo/southwest_outlines.json")  # the map's places and outlines


def copy_curated(folder: Path, shipped_cbp: bool = False) -> Path:
    """`folder`/data holding a copy of the project's curated CSV files and the map's data (no stores); with
    `shipped_cbp`, CBP's shipped files too (data/cbp/), which the build then imports."""
    data = folder / "data"
    data.mkdir(parents=True)
    for source in (PROJECT / "data").glob("*.csv"):
        shutil.copy(source, data / source.name)
    for name in MAP_DATA:
        (data / name).parent.mkdir(exist_ok=True)
        shutil.copy(PROJECT / "data" / name, data / name)
    if shipped_cbp:
        for source in (PROJECT / "data" / "cbp").glob("*.csv"):
            shutil.copy(source, data / "cbp" / source.name)
    return data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the project's curated CSV files in a temp folder."""
    return copy_curated(tmp_path)


@pytest.fixture
def edit_csv(data_dir: Path) -> Callable:
    """edit_csv('figures', fn): rewrite a copied CSV through fn(rows) -> rows."""
    def edit(table: str, change: Callable[[list[dict]], list[dict] | None]) -> Path:
        path = data_dir / f"{table}.csv"
        rows = read_csv(path)
        header = list(rows[0])
        rows = change(rows) or rows
        write_csv(path, rows, header)
        return path
    return edit


@pytest.fixture
def built_store(data_dir: Path) -> Path:
    """The store built from the copied files; returns the border.duckdb path."""
    store.build(data_dir)
    return store.default_store(data_dir)


@pytest.fixture
def cur(built_store: Path):
    con = store.connect_read_only(built_store)
    yield con.cursor()
    con.close()


def all_filters(first: str = "2022-03", last: str = "2022-06", actors=ALL_ACTORS) -> Filters:
    return Filters(first, last, tuple(actors))


@pytest.fixture
def read_only(built_store: Path) -> Callable[[], duckdb.DuckDBPyConnection]:
    return lambda: store.connect_read_only(built_store)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """A copy of data/ with CBP's shipped files, built as `python -m dashboard build` builds it."""
    from dashboard.__main__ import main
    data = copy_curated(tmp_path_factory.mktemp("shipped"), shipped_cbp=True)
    assert main(["build", "--data", str(data)]) == 0
    return data
