"""Shared fixtures: a scratch copy of the data folder, CSV editing helpers for bad-input tests, and the
book, PDF and browser built or launched once per run. Under pytest-xdist (`make test`) every test that
uses the built book, PDF or browser runs in one worker, in order ("book" group: some rebuild the shared
book in place), while the other tests share out over the remaining workers."""

import csv
import shutil
from pathlib import Path

import pytest

from mibook import paths

DATA = paths.PROJECT_ROOT / "data"


SHARED_BUILD = {"html_book", "pdf_book", "browser"}


def pytest_configure(config):
    config.addinivalue_line("markers", "cli: runs the package in a Python subprocess (slow; `make mutation` skips it)")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        if SHARED_BUILD & set(item.fixturenames):
            item.add_marker(pytest.mark.xdist_group("book"))


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
    """The HTML book, built once per session with -n -W --keep-going; returns the html folder."""
    from tests.book import HTML, LATEX, build_or_fail

    shutil.rmtree(LATEX, ignore_errors=True)  # the landing page links the PDF only when one exists
    build_or_fail()
    return HTML


@pytest.fixture(scope="session")
def pdf_book(html_book) -> Path:
    """The PDF, built after the HTML from the same execution cache; returns the PDF path."""
    from tests.book import LATEX, build_or_fail, require_tool

    require_tool("xelatex")
    require_tool("latexmk")
    build_or_fail("--builder", "pdflatex")
    return LATEX / "moscow-islamabad.pdf"


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
