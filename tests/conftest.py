"""Shared fixtures: a scratch copy of the data folder, CSV editing helpers for bad-input tests, and the
book, PDF and browser built or launched once per run.

Under pytest-xdist (`make test`) the tests share out over the workers. The book and the PDF are built once
per run, whichever worker needs them first, or the background build that starts when collection ends
(tests/book.py), and never changed afterwards: a test that rebuilds works on a copy. Each worker launches
its own browser. The modules whose tests share a costly module fixture (a build of a copy, a running
JupyterLab) run whole in one worker, in order (`ONE_WORKER`), and the slowest tests start first
(`SLOW_FIRST`), so the workers finish together."""

import csv
import os
import shutil
import signal
from pathlib import Path

import pytest

from mibook import paths

DATA = paths.PROJECT_ROOT / "data"

SHARED_BUILD = {"html_book", "pdf_book"}
# Modules whose tests share a module-scoped fixture that builds or starts something (a rebuilt copy, the
# hostile book, JupyterLab), some in order (the rebuild tests edit one copy in turn): each runs in one worker.
ONE_WORKER = {"tests/test_rebuilds.py", "tests/test_hostile_build.py", "tests/test_lab.py"}
# Tests (node id prefixes) started first: the slowest test, and the modules that hold one worker longest
# (timings in benchmarks/README.md). Everything else keeps its collection order.
SLOW_FIRST = (
    "tests/test_kit.py::test_the_kit_runs_every_notebook_in_a_fresh_venv",
    "tests/test_rebuilds.py",
    "tests/test_hostile_build.py",
    "tests/test_lab.py",
)
_background = None  # the background build this process started, if any


def pytest_configure(config):
    config.addinivalue_line("markers", "cli: runs the package in a Python subprocess (slow; `make mutation` skips it)")


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unknown (and unused) without it
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's scheduling, per test, except that each module of ONE_WORKER goes whole to one worker, in
    order. (Its own `--dist loadgroup` does nothing with pytest 9: it renames `item._nodeid`, which pytest 9
    no longer reads, so the groups were never formed, and under two workers both built the shared book into
    one folder at once: the jupyter-cache FileExistsError.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER else nodeid

    return Scheduling(config, log)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        return next((i for i, prefix in enumerate(SLOW_FIRST) if item.nodeid.startswith(prefix)), len(SLOW_FIRST))

    items.sort(key=rank)  # stable: each rank keeps its collection order


def pytest_collection_finish(session):
    """Start the run's book and PDF build in the background once the tests that need it are known (in one
    worker only: the first of pytest-xdist's, or the only process)."""
    global _background
    from tests.book import start_shared_build

    if session.config.option.collectonly or os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
        return
    if any(SHARED_BUILD & set(item.fixturenames) for item in session.items):
        _background = start_shared_build(pdf=any("pdf_book" in item.fixturenames for item in session.items))


def pytest_sessionfinish(session, exitstatus):
    """The background build ends with the run: waited for, or stopped when the run was interrupted."""
    if _background is None or _background.poll() is not None:
        return
    if exitstatus == pytest.ExitCode.INTERRUPTED:
        os.killpg(_background.pid, signal.SIGTERM)
    _background.wait()


@pytest.fixture(scope="session")
def data():
    """The real data, validated and typed."""
    from mibook import load

    return load.tables()


def sub_specs(spec: dict):
    """Every nested view of a Vega-Lite spec (layers and concatenations), depth first."""
    for key in ("layer", "vconcat", "hconcat"):
        for sub in spec.get(key, []):
            yield sub
            yield from sub_specs(sub)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ named `data`, so messages read `data/<file>.csv`."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(data_dir: Path, table: str, row: int, field: str, value: str) -> int:
    """Set `field` of data row `row` (0-based) of `table`; returns that row's CSV line number."""
    path = data_dir / f"{table}.csv"
    rows = read_rows(path)
    rows[row + 1][rows[0].index(field)] = value
    write_rows(path, rows)
    return row + 2


def cell(data_dir: Path, table: str, row: int, field: str) -> str:
    rows = read_rows(data_dir / f"{table}.csv")
    return rows[row + 1][rows[0].index(field)]


def row_where(data_dir: Path, table: str, field: str, predicate) -> int:
    """Index (0-based) of the first data row whose `field` satisfies `predicate`."""
    rows = read_rows(data_dir / f"{table}.csv")
    column = rows[0].index(field)
    return next(i for i, r in enumerate(rows[1:]) if predicate(r[column]))


@pytest.fixture(scope="session")
def html_book() -> Path:
    """The HTML book, built once per run with -n -W --keep-going and no PDF beside it; returns the html
    folder. Read only: a test that rebuilds works on a copy (`book_copy`)."""
    from tests.book import shared_html

    return shared_html()


@pytest.fixture(scope="session")
def pdf_book(html_book) -> Path:
    """The PDF, built once per run after the HTML, from the same execution cache; returns the PDF path."""
    from tests.book import require_tool, shared_pdf

    require_tool("xelatex")
    require_tool("latexmk")
    return shared_pdf()


@pytest.fixture
def book_copy(html_book) -> Path:
    """A copy of the shared HTML build to rebuild (`tests.book.copy_build`); its output folder, removed after."""
    from tests.book import copy_build

    output = copy_build()
    yield output
    shutil.rmtree(output, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, launched once per session."""
    from playwright.sync_api import sync_playwright

    from tests.book import require_tool
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    executable = require_tool("chromium", CHROMIUM)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
