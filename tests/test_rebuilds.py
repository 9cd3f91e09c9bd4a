"""Rebuilds: a cold build elsewhere is byte-identical (every file of the HTML and executed notebooks,
.buildinfo included); a data edit re-executes exactly the notebooks that read what changed, a package
edit every notebook, a prose edit none; a CITATION.cff edit reaches every page; MyST-NB never executes a
notebook itself (`_ext/mibook_execute.py` runs them in parallel before any page is read), unless one fails.
The copy's builds run its own package (PYTHONPATH), so edits to its `mibook/` and CITATION.cff count."""

import filecmp
import json
import os
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jupyter_cache import get_cache

from mibook import cacheguard, datafiles, execute, paths
from tests.book import jupyter_book

pytestmark = pytest.mark.book

OVERVIEW = "chapters/overview.md"
MYST_NB_EXECUTES = "Executing notebook"  # MyST-NB's line when it runs a notebook itself
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", ".ruff_cache", "__pycache__",
                                     "node_modules", "*.egg-info")


@pytest.fixture(scope="module")
def second_copy(tmp_path_factory):
    """A copy of the project in another folder, built cold with its own data folder (while the run's shared
    build may still be going: they share nothing); the cold build's outputs are kept beside it (`cold`), since
    the tests that follow edit and rebuild the copy."""
    root = tmp_path_factory.mktemp("second") / "book"
    shutil.copytree(paths.PROJECT_ROOT, root, ignore=COPY_IGNORE)
    env = copy_environment(root)
    result = jupyter_book(output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert f"executed {OVERVIEW} in" in result.stdout
    assert MYST_NB_EXECUTES not in result.stdout, "MyST-NB executed a notebook the cache should hold"
    kernels = int(re.search(r"^kernels started: (\d+)$", result.stdout, re.M).group(1))
    assert 1 <= kernels <= len(os.sched_getaffinity(0)), "one kernel per core at most, however many notebooks"
    assert "without encryption" not in result.stdout + result.stderr
    for folder in OUTPUT_FOLDERS:
        shutil.copytree(root / "_build" / folder, root.parent / "cold" / folder)
    return root, env


def copy_environment(root: Path) -> dict[str, str]:
    """For builds of a copy: its data and its own package, and the book's date (the copy has no history)."""
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.PROJECT_ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    return {**os.environ, "MIBOOK_DATA_DIR": str(root / "data"), "PYTHONPATH": str(root), "SOURCE_DATE_EPOCH": epoch}


OUTPUT_FOLDERS = ("html", "jupyter_execute")


def _outputs(build: Path) -> dict[str, Path]:
    files = {}
    for folder in OUTPUT_FOLDERS:
        for path in (build / folder).rglob("*"):
            if path.is_file():
                files[str(path.relative_to(build))] = path
    return files


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


def _built(root: Path, env: dict, read: set | None = None) -> set[str]:
    """Build the copy; the notebooks executed (and the pages Sphinx read, into `read`)."""
    result = jupyter_book(output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert MYST_NB_EXECUTES not in result.stdout
    # The execution thread logs while Sphinx may be mid-line, right after a page name and its colour code or
    # right after the percentage ("reading sources... [ 14%] chapters/energyexecuted chapters/energy.md in
    # 0.3 s", "[ 50%] executed … in 0.3 s chapters/appendix/source"): take its messages out, then read the rest.
    plain = re.sub(r"\x1b\[[\d;]*m", "", result.stdout)
    executed = re.compile(r"executed (\S+?\.md) in [\d.]+ s")
    if read is not None:
        read |= set(re.findall(r"reading sources\.\.\. \[\s*\d+%\]\s*(\S+)", executed.sub(" ", plain)))
    return set(executed.findall(plain))


def _generated_readers(root: Path, table: str) -> set[str]:
    """The generated pages whose record (kept in Sphinx's environment) notes a read of `table` (or of the
    whole folder)."""
    with (root / "_build" / ".doctrees" / "environment.pickle").open("rb") as handle:
        env = pickle.load(handle)
    return {doc for doc, reads in env.mibook_data_reads.items() if {table, datafiles.EVERYTHING} & set(reads)}


def _readers(root: Path, table: str) -> set[str]:
    """The notebooks whose cached result records a read of `table`."""
    cache = get_cache(str(root / "_build" / cacheguard.CACHE))
    return {Path(r.uri).relative_to(root).as_posix() for r in cache.list_cache_records()
            if table in r.data.get(execute.READS, {})}


def test_a_table_edit_re_executes_only_the_notebooks_that_read_it(second_copy):
    """... and Sphinx re-reads only those pages, the generated pages that read the table, and the landing page."""
    root, env = second_copy
    readers = _readers(root, "mou_aims")
    assert "chapters/energy.md" in readers and OVERVIEW not in readers
    generated = _generated_readers(root, "mou_aims")
    assert "chapters/appendix/data-dictionary" in generated and "chapters/appendix/claims-ledger" not in generated
    aims = root / "data" / "mou_aims.csv"
    text = aims.read_text(encoding="utf-8")
    assert ",joint ventures,aim," in text
    aims.write_text(text.replace(",joint ventures,aim,", ",joint ventures,purpose,"), encoding="utf-8")
    read = set()
    assert _built(root, env, read) == readers
    assert read == {path.removesuffix(".md") for path in readers} | generated | {"index"}
    page = (root / "_build/html/chapters/energy.html").read_text(encoding="utf-8")
    assert 'with <span class="pasted-text">2</span> aims' in page


def test_a_table_edit_reaches_the_generated_pages_that_read_it(second_copy):
    root, env = second_copy
    assert "chapters/appendix/source" in _generated_readers(root, "claims")
    claims = root / "data" / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    old = "have been strained since the Soviet invasion"
    assert old in text
    claims.write_text(text.replace(old, "stayed strained after the Soviet invasion"), encoding="utf-8")
    _built(root, env)
    page = (root / "_build/html/chapters/appendix/source.html").read_text(encoding="utf-8")
    assert "stayed strained after the Soviet invasion" in page and old not in page


def test_a_chapter_that_starts_reading_a_table_re_executes_when_it_changes(second_copy):
    root, env = second_copy
    page = root / "chapters" / "energy.md"
    cell = "\n```{code-cell} ipython3\nprint('poles:', ', '.join(load.tables()['poles'].actor_id))\n```\n"
    page.write_text(page.read_text(encoding="utf-8") + cell, encoding="utf-8")
    assert _built(root, env) == {"chapters/energy.md"}
    poles = root / "data" / "poles.csv"
    text = poles.read_text(encoding="utf-8")
    assert "north,c-sco-cpec-03,russia\nsouth,c-sco-cpec-03,pakistan" in text
    poles.write_text(text.replace("north,c-sco-cpec-03,russia\nsouth,c-sco-cpec-03,pakistan",
                                  "north,c-sco-cpec-03,pakistan\nsouth,c-sco-cpec-03,russia"), encoding="utf-8")
    executed = _built(root, env)
    assert "chapters/energy.md" in executed and executed == _readers(root, "poles")
    page = (root / "_build/html/chapters/energy.html").read_text(encoding="utf-8")
    assert "poles: pakistan, russia, china, iran" in page


def test_a_package_edit_re_executes_every_notebook(second_copy):
    root, env = second_copy
    cache = get_cache(str(root / "_build" / cacheguard.CACHE))
    every = {Path(r.uri).relative_to(root).as_posix() for r in cache.list_cache_records()}
    with (root / "mibook" / "analysis" / "common.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# edited by the cache test\n")
    assert _built(root, env) == every and len(every) >= 10


def test_a_citation_edit_reaches_every_page(second_copy):
    root, env = second_copy
    citation = root / "CITATION.cff"
    citation.write_text(citation.read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "9.9.9"'),
                        encoding="utf-8")
    _built(root, env)
    for page in ("index.html", "chapters/overview.html", "chapters/appendix/checks.html"):
        html = (root / "_build/html" / page).read_text(encoding="utf-8")
        assert "(version 9.9.9)" in html and "1.0.0" not in html, page


def test_a_retitled_chapter_is_renamed_on_every_page(second_copy):
    """Every page names every chapter in its navigation: a new title reaches them all, not only the pages
    Sphinx rewrites for the changed one."""
    root, env = second_copy
    page = root / "chapters" / "energy.md"
    text = page.read_text(encoding="utf-8")
    old = re.search(r"^# (.+)$", text, re.M).group(1)
    page.write_text(text.replace(f"# {old}", "# Energy: retitled by the rebuild test"), encoding="utf-8")
    _built(root, env)
    pages = list((root / "_build/html").rglob("*.html"))
    assert [p.name for p in pages if old in p.read_text(encoding="utf-8")] == []
    assert all("retitled by the rebuild test" in p.read_text(encoding="utf-8") for p in pages
               if p.parent.name in ("chapters", "appendix") or p.name == "index.html")


def test_an_incremental_build_indexes_no_word_its_pages_lost(second_copy):
    """After the retitle above, the old title's words are in no page: the search index drops them, as a cold
    build's would, rather than keeping them with an empty list of pages."""
    root, _ = second_copy
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$",
                                 (root / "_build/html/searchindex.js").read_text(encoding="utf-8"), re.S).group(1))
    empty = [word for kind in ("terms", "titleterms") for word, pages in index[kind].items() if pages == []]
    assert empty == []
    assert "memorandum" not in index["titleterms"]  # the old title's word, gone with it


def test_cold_build_elsewhere_is_byte_identical(second_copy, html_book):
    """The copy's cold build (as it was before the tests above edited it) against the run's shared build; last
    of the copy's tests, so they run while the shared build may still be going."""
    first = _outputs(html_book.parent)
    second = _outputs(second_copy[0].parent / "cold")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if not filecmp.cmp(first[name], second[name], shallow=False)]
    assert differing == []
