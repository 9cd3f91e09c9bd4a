"""Hostile data against the whole build: invalid data stop it; markup in text fields stays text."""

import os
import shutil

import pytest

from mibook import paths
from mibook.validate import validate
from tests.book import jupyter_book, require_tool
from tests.browser import PageRecorder, serve
from tests.conftest import read_rows, set_cell, write_rows

pytestmark = pytest.mark.book

SCRIPT = "<script>window.__pwned = 1</script>"
ATTRIBUTE = '"><img src=x onerror="window.__pwned = 1">'
CLOSER = "</script><script>window.__pwned = 1</script>"
LATEX = r"50% & under_score #1 $5 {x} ~ ^ \relax"


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """The book built from a data copy whose free-text fields carry HTML, JavaScript and LaTeX specials."""
    output = tmp_path_factory.mktemp("hostile")
    data = output / "data"
    shutil.copytree(paths.PROJECT_ROOT / "data", data)
    rows = read_rows(data / "events.csv")
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("date_precision")] != "unstated":
            row[header.index("label")] = f"Exercises {SCRIPT} {LATEX}"
            break
    write_rows(data / "events.csv", rows)
    set_cell(data, "actors", 0, "name", f"Russia {ATTRIBUTE}")
    set_cell(data, "relations", 0, "label", f"tie {CLOSER} {LATEX}")
    set_cell(data, "claims", 0, "summary", f"summary {SCRIPT} {LATEX}")
    assert validate(data) == [], "free-text fields are not checked against the article, so this data is valid"
    env = {**os.environ, "MIBOOK_DATA_DIR": str(data)}
    result = jupyter_book(output=output, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return output, env


def test_markup_in_data_is_shown_as_text_and_never_runs(hostile_book, browser):
    output, _ = hostile_book
    html = output / "_build" / "html"
    with serve(html) as site:
        pages = sorted(str(p.relative_to(html)) for p in html.rglob("*.html") if "_static" not in p.parts)
        assert pages, f"no built pages under {html}"
        for path in pages:
            page = browser.new_page()
            recorder = PageRecorder(page, site)
            page.goto(f"{site}/{path}", wait_until="networkidle")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__pwned") is None, f"{path}: injected script ran"
            assert recorder.off_host() == [], path
            page.close()
        page = browser.new_page()
        page.goto(f"{site}/chapters/overview.html", wait_until="networkidle")
        page.wait_for_selector('[data-chart-id="record-timeline"][data-chart-rendered="true"]', timeout=5000)
        assert SCRIPT in page.locator('[data-chart-id="record-timeline"] table').text_content()
        assert page.locator("img[src=x]").count() == 0
        page.close()


def test_latex_specials_in_data_do_not_break_the_pdf(hostile_book):
    require_tool("xelatex")
    output, env = hostile_book
    result = jupyter_book("--builder", "pdflatex", output=output, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (output / "_build" / "latex" / "moscow-islamabad.pdf").is_file()


def test_invalid_data_fail_the_build(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.PROJECT_ROOT / "data", data)
    rows = read_rows(data / "claims.csv")
    rows[1][rows[0].index("quote")] += " (embellished)"
    write_rows(data / "claims.csv", rows)
    env = {**os.environ, "MIBOOK_DATA_DIR": str(data)}
    result = jupyter_book(output=tmp_path, env=env)
    assert result.returncode != 0
    assert "data/claims.csv:2: quote: not verbatim" in result.stdout + result.stderr
    assert not (tmp_path / "_build" / "html" / "chapters" / "overview.html").exists() or \
        "data-chart-id" not in (tmp_path / "_build" / "html" / "chapters" / "overview.html").read_text()
