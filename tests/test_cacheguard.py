"""The cache guard (`mibook.cacheguard`), run before every build: what it clears or drops for each kind of
change (the package, the extensions, the book's files, its metadata, a data file that `mibook.load` notes or
one it does not), the list of stale pages, and that the folders it clears are the ones a build writes."""

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from jupyter_cache import get_cache

from mibook import cacheguard, execute, metadata, paths
from tests.book import BIN
from tests.test_execute import HEADER, notebook
from tests.test_rebuilds import COPY_IGNORE


@pytest.mark.parametrize("edited", ["mibook/style.py", "_ext/mibook_sphinx.py", "CITATION.cff", "_toc.yml",
                                    "references.bib"])
def test_an_edit_to_the_package_extensions_or_book_files_clears_the_caches(tmp_path, monkeypatch, edited):
    project = _project(tmp_path, monkeypatch)
    build = tmp_path / "_build"
    assert cacheguard.guard(build, project / "_ext") == []
    for name in cacheguard.STALE_ON_CODE_CHANGE:
        (build / name).mkdir()
    assert cacheguard.guard(build, project / "_ext") == [], "nothing changed: the caches must stay"
    with (project / edited).open("a") as handle:
        handle.write("\n")
    assert cacheguard.guard(build, project / "_ext") == [build / n for n in cacheguard.STALE_ON_CODE_CHANGE]
    assert not any((build / name).exists() for name in cacheguard.STALE_ON_CODE_CHANGE)


def _project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the package, data, extensions and CITATION.cff that `paths` points at."""
    project = tmp_path / "project"
    for folder in ("mibook", "data", "_ext"):
        shutil.copytree(paths.PROJECT_ROOT / folder, project / folder, ignore=COPY_IGNORE)
    for name in cacheguard.BOOK_FILES:
        shutil.copy(paths.PROJECT_ROOT / name, project / name)
    monkeypatch.setattr(paths, "PROJECT_ROOT", project)
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(project / "data"))
    # The book's metadata is read once per process: the copy's (no repository, so its date is 1970) gets a
    # cache of its own, so no later test in this process sees it (the kit's README did, when run after this).
    monkeypatch.setattr(metadata, "_record", cache(metadata._record.__wrapped__))
    monkeypatch.setattr(metadata, "book", cache(metadata.book.__wrapped__))
    return project


READERS = {"aims": "load.tables()['mou_aims']", "names": "len(load.tables().frames)",
           "article": "load.tables().paragraphs", "nothing": "1 + 1"}


def test_the_guard_drops_exactly_the_results_whose_reads_changed(tmp_path, monkeypatch):
    """Edges: a value edit, a renamed column, a new table, the article, a result with no record of its reads."""
    project = _project(tmp_path, monkeypatch)
    build, data = tmp_path / "_build", project / "data"
    jobs = [notebook(tmp_path / "book" / f"{name}.md", f"from mibook import load\n{code}")
            for name, code in READERS.items()]
    assert cacheguard.guard(build, project / "_ext") == []
    report = execute.run(jobs, build / cacheguard.CACHE, timeout=60, allow_errors=False)
    assert report.failed == [] and len(report.executed) == len(jobs)
    cache = get_cache(str(build / cacheguard.CACHE))
    reads = {Path(r.uri).stem: set(r.data[execute.READS]) for r in cache.list_cache_records()}
    assert reads == {"aims": {"mou_aims"}, "names": {"names"}, "article": {"article"}, "nothing": set()}
    pristine = tmp_path / "pristine"
    shutil.copytree(build, pristine / "build")
    shutil.copytree(data, pristine / "data")

    def dropped_after(*edits) -> set[str]:
        for target, source in ((build, pristine / "build"), (data, pristine / "data")):
            shutil.rmtree(target)
            shutil.copytree(source, target)
        for path, old, new in edits:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            assert old in text
            path.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
        assert cacheguard.guard(build, project / "_ext") == []
        pages = cacheguard.stale_pages(build)
        assert set(pages) <= {str(job.path) for job in jobs}, "one notebook source a line"
        stale = {Path(uri).stem for uri in pages}
        kept = {Path(r.uri).stem for r in get_cache(str(build / cacheguard.CACHE)).list_cache_records()}
        assert stale.isdisjoint(kept) and stale | kept == set(READERS)
        return stale

    aims, package = data / "mou_aims.csv", data / "datapackage.json"
    assert dropped_after((aims, "joint ventures,aim", "joint ventures,purpose")) == {"aims"}
    assert dropped_after((aims, "aim_id,", "aim_key,"), (package, '"name": "aim_id"', '"name": "aim_key"')) == {
        "aims"}
    new_table = '{"name": "extra", "path": "extra.csv", "schema": {"fields": []}}, '
    assert dropped_after((package, '"resources": [', '"resources": [' + new_table),
                         (data / "extra.csv", "", "a\n1\n")) == {"names"}
    assert dropped_after((data / "source" / "article.txt", "Moscow", "Moskva")) == {"article"}
    assert dropped_after((aims, "joint ventures,aim", "joint ventures,purpose"),
                         (data / "source" / "article.txt", "Moscow", "Moskva")) == {"aims", "article"}
    assert dropped_after((data / "poles.csv", "north,", "North,")) == set()

    from jupyter_cache.base import CacheBundleIn

    nothing = jobs[-1].path  # as if MyST-NB had executed it itself: no record of what it read
    cache = get_cache(str(pristine / "build" / cacheguard.CACHE))
    cache.cache_notebook_bundle(CacheBundleIn(cache.get_project_notebook(str(nothing)).nb, str(nothing), data={}),
                                check_validity=False, overwrite=True)
    assert dropped_after((data / "poles.csv", "north,", "North,")) == {"nothing"}


def _caches(build: Path) -> None:
    """Every folder a build leaves that the guard may clear, as after a build."""
    for name in cacheguard.STALE_ON_CODE_CHANGE:
        (build / name).mkdir(parents=True, exist_ok=True)


def test_new_book_metadata_makes_every_page_re_read_from_the_execution_cache(tmp_path, monkeypatch):
    """The date of the last commit (here SOURCE_DATE_EPOCH: the copy has no repository) shows on every page:
    a new one clears Sphinx's environment only; the executed notebooks stay."""
    project = _project(tmp_path, monkeypatch)
    build = tmp_path / "_build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1575158400")  # 2019-12-01
    assert cacheguard.guard(build, project / "_ext") == []
    _caches(build)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 2020-01-01
    metadata.book.cache_clear()
    assert cacheguard.guard(build, project / "_ext") == [build / ".doctrees"]
    assert [name for name in cacheguard.STALE_ON_CODE_CHANGE if (build / name).is_dir()] == [
        cacheguard.CACHE, "jupyter_execute"]
    assert cacheguard.stale_pages(build) is None, "no data changed: no page to re-execute"
    _caches(build)
    assert cacheguard.guard(build, project / "_ext") == [], "the new metadata is stamped: nothing to clear again"


@pytest.mark.parametrize(("edit", "file"), [("add", "notes/extra.txt"), ("edit", "README.md"), ("remove", "README.md")])
def test_a_data_file_that_load_does_not_note_clears_every_cache(tmp_path, monkeypatch, edit, file):
    """A page may read the map or another file besides the tables and the article, and no record says which:
    adding, editing or removing one re-executes everything. A table edit clears nothing (its readers are dropped)."""
    project = _project(tmp_path, monkeypatch)
    build, path = tmp_path / "_build", project / "data" / file
    assert cacheguard.guard(build, project / "_ext") == []
    _caches(build)
    if edit == "remove":
        path.unlink()
    else:
        path.parent.mkdir(exist_ok=True)
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + "\n", encoding="utf-8")
    assert cacheguard.guard(build, project / "_ext") == [build / n for n in cacheguard.STALE_ON_CODE_CHANGE]
    _caches(build)
    with (project / "data" / "poles.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert cacheguard.guard(build, project / "_ext") == []
    assert all((build / name).is_dir() for name in cacheguard.STALE_ON_CODE_CHANGE)


@pytest.mark.parametrize("stamp", ["{not json", "[1, 2]", '{"code": "x", "metadata": "y"}', '{"data": []}'])
def test_an_unreadable_or_older_stamp_clears_every_cache(tmp_path, monkeypatch, stamp):
    """A stamp the guard cannot trust (damaged, or written by an older build) says nothing about what the
    caches were built from: they are cleared, and a good stamp takes its place."""
    project = _project(tmp_path, monkeypatch)
    build = tmp_path / "_build"
    _caches(build)
    (build / cacheguard.STAMP).write_text(stamp, encoding="utf-8")
    assert cacheguard.guard(build, project / "_ext") == [build / n for n in cacheguard.STALE_ON_CODE_CHANGE]
    _caches(build)
    assert cacheguard.guard(build, project / "_ext") == []


def test_the_guard_makes_a_build_folder_that_does_not_exist_yet(tmp_path, monkeypatch):
    """`jupyter-book build --path-output` into a folder not made yet: the guard runs before anything exists."""
    project = _project(tmp_path, monkeypatch)
    build = tmp_path / "out" / "elsewhere" / "_build"
    assert cacheguard.guard(build, project / "_ext") == []
    assert (build / cacheguard.STAMP).is_file()


def test_the_stale_pages_list_adds_to_the_one_a_failed_build_left(tmp_path, monkeypatch):
    """A build that failed leaves its list (to re-read those pages next time); a further data edit adds to it."""
    project = _project(tmp_path, monkeypatch)
    build = tmp_path / "_build"
    assert cacheguard.guard(build, project / "_ext") == []
    (build / cacheguard.STALE_PAGES).write_text("chapters/trade.md\n", encoding="utf-8")
    with (project / "data" / "poles.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert cacheguard.guard(build, project / "_ext") == []
    assert cacheguard.stale_pages(build) == ["chapters/trade.md"]


def test_the_folders_the_guard_clears_are_the_ones_a_jupyter_book_build_writes(tmp_path):
    """A one-page book built by jupyter-book (its own execution, no extension of ours): every folder it leaves
    beside the HTML is one the guard clears on a code change, and the doctrees are what a metadata change
    clears. A jupyter-book that wrote a new cache elsewhere, or renamed one, fails here."""
    book = tmp_path / "mini"
    book.mkdir()
    (book / "_config.yml").write_text("title: Mini\nexecute:\n  execute_notebooks: cache\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (book / "index.md").write_text(HEADER + "# Mini\n\n```{code-cell} ipython3\n1 + 1\n```\n", encoding="utf-8")
    subprocess.run([str(BIN / "jupyter-book"), "build", str(book), "-q"], check=True, capture_output=True,
                   timeout=600)
    build = book / "_build"
    assert {p.name for p in build.iterdir()} == {"html", *cacheguard.STALE_ON_CODE_CHANGE}
    assert get_cache(str(build / cacheguard.CACHE)).list_cache_records(), "the execution cache holds the notebook"
    assert cacheguard.STALE_ON_METADATA_CHANGE and all(
        (build / name / "environment.pickle").is_file() for name in cacheguard.STALE_ON_METADATA_CHANGE
    ), "a metadata change clears Sphinx's environment"
