"""Rebuilds: a cold build elsewhere is byte-identical (every file of the HTML and executed notebooks,
.buildinfo included); data edits re-execute, prose edits do not; MyST-NB never executes a notebook itself
(`_ext/mibook_execute.py` runs them in parallel before any page is read), unless one fails."""

import filecmp
import os
import re
import shutil
from pathlib import Path

import pytest

from mibook import cacheguard, paths
from tests.book import jupyter_book

pytestmark = pytest.mark.book

OVERVIEW = "chapters/overview.md"
MYST_NB_EXECUTES = "Executing notebook"  # MyST-NB's line when it runs a notebook itself
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", ".ruff_cache", "__pycache__",
                                     "node_modules")


@pytest.fixture(scope="module")
def second_copy(tmp_path_factory, html_book):
    """A copy of the project in another folder, built cold with its own data folder."""
    root = tmp_path_factory.mktemp("second") / "book"
    shutil.copytree(paths.PROJECT_ROOT, root, ignore=COPY_IGNORE)
    env = {**os.environ, "MIBOOK_DATA_DIR": str(root / "data")}
    result = jupyter_book(output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert f"executed {OVERVIEW} in" in result.stdout
    assert MYST_NB_EXECUTES not in result.stdout, "MyST-NB executed a notebook the cache should hold"
    kernels = int(re.search(r"^kernels started: (\d+)$", result.stdout, re.M).group(1))
    assert 1 <= kernels <= len(os.sched_getaffinity(0)), "one kernel per core at most, however many notebooks"
    assert "without encryption" not in result.stdout + result.stderr
    return root, env


def _outputs(build: Path) -> dict[str, Path]:
    files = {}
    for folder in ("html", "jupyter_execute"):
        for path in (build / folder).rglob("*"):
            if path.is_file():
                files[str(path.relative_to(build))] = path
    return files


def test_cold_build_elsewhere_is_byte_identical(html_book, second_copy):
    first = _outputs(html_book.parent)
    second = _outputs(second_copy[0] / "_build")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if not filecmp.cmp(first[name], second[name], shallow=False)]
    assert differing == []


def test_prose_edit_does_not_re_execute(second_copy):
    root, env = second_copy
    page = root / "chapters" / "overview.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added by the cache test.\n", encoding="utf-8")
    result = jupyter_book(output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "executed " not in result.stdout and MYST_NB_EXECUTES not in result.stdout
    assert "A sentence added by the cache test." in (root / "_build/html/chapters/overview.html").read_text()


def test_data_edit_re_executes_and_changes_the_pages(second_copy):
    root, env = second_copy
    events = root / "data" / "events.csv"
    text = events.read_text(encoding="utf-8")
    assert "Naval and military exercises" in text
    events.write_text(text.replace("Naval and military exercises", "Naval and military drills"), encoding="utf-8")
    result = jupyter_book(output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:]
    assert f"executed {OVERVIEW} in" in result.stdout and MYST_NB_EXECUTES not in result.stdout
    assert "Naval and military drills" in (root / "_build/html/chapters/overview.html").read_text()


@pytest.mark.parametrize("edited", ["mibook/style.py", "data/events.csv", "_ext/mibook_sphinx.py"])
def test_an_edit_to_the_package_data_or_extensions_clears_the_caches(tmp_path, monkeypatch, edited):
    project = tmp_path / "project"
    for folder in ("mibook", "data", "_ext"):
        shutil.copytree(paths.PROJECT_ROOT / folder, project / folder, ignore=COPY_IGNORE)
    monkeypatch.setattr(paths, "PROJECT_ROOT", project)
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(project / "data"))
    build = tmp_path / "_build"
    assert cacheguard.guard(build, project / "_ext") == []
    for name in cacheguard.STALE_ON_INPUT_CHANGE:
        (build / name).mkdir()
    assert cacheguard.guard(build, project / "_ext") == [], "nothing changed: the caches must stay"
    with (project / edited).open("a") as handle:
        handle.write("\n")
    assert cacheguard.guard(build, project / "_ext") == [build / n for n in cacheguard.STALE_ON_INPUT_CHANGE]
    assert not any((build / name).exists() for name in cacheguard.STALE_ON_INPUT_CHANGE)


def test_a_failing_notebook_fails_the_build_with_its_page_and_traceback(second_copy):
    root, env = second_copy
    page = root / "chapters" / "outlook.md"
    cell = "\n```{code-cell} ipython3\nraise ValueError('cache test')\n```\n"
    page.write_text(page.read_text(encoding="utf-8") + cell, encoding="utf-8")
    result = jupyter_book(output=root, root=root, env=env)
    assert result.returncode != 0
    assert "executing 1 of" in result.stdout and "executing chapters/outlook.md FAILED" in result.stdout
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # the kernel colours tracebacks
    assert "chapters/outlook.md" in shown and "ValueError: cache test" in shown
