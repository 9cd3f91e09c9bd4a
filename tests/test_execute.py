"""Parallel pre-execution (`mibook.execute`): results land under MyST-NB's hash, a reused kernel shows
each notebook a fresh namespace, failures stay uncached; heavy imports stay lazy."""

import subprocess
import sys
from pathlib import Path

import pytest
from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook
from myst_parser.config.main import MdParserConfig

from mibook import execute

HEADER = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

"""
READER = {"type": "plugin", "name": "myst_nb_md"}


def notebook(path: Path, *cells: str) -> execute.Job:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "\n".join(f"```{{code-cell}} ipython3\n{c}\n```\n" for c in cells), encoding="utf-8")
    return execute.Job(path.name, path, READER)


def as_myst_nb_reads(path: Path):
    """The notebook as MyST-NB reads it during the build (with the book's markdown settings)."""
    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "substitution"})
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=config, add_source_map=True,
                                       path=str(path))


def test_one_kernel_runs_each_notebook_as_a_fresh_one_would(tmp_path, monkeypatch, capfd):
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    first = notebook(tmp_path / "a.md", "leak_a = 1", "assert 'leak_b' not in globals()")
    second = notebook(tmp_path / "sub" / "b.md", "import os\nos.getcwd()",
                      "leak_b = 1\nassert 'leak_a' not in globals()", "2 + 2")
    report = execute.run([first, second], tmp_path / "cache", timeout=60, allow_errors=False)
    assert sorted(name for name, _ in report.executed) == ["a.md", "b.md"] and report.failed == []
    assert report.kernels == 1
    cache = get_cache(str(tmp_path / "cache"))
    record = cache.match_cache_notebook(as_myst_nb_reads(second.path))  # KeyError if MyST-NB would miss it
    cached = cache.get_cache_bundle(record.pk).nb
    cells = [c for c in cached.cells if c.cell_type == "code"]
    assert [c.execution_count for c in cells] == [1, 2, 3]
    assert cells[0].outputs[0]["data"]["text/plain"] == repr(str(tmp_path / "sub"))
    assert cells[2].outputs[0]["execution_count"] == 3
    assert "without encryption" not in capfd.readouterr().err


def test_a_failing_notebook_is_reported_and_left_uncached(tmp_path):
    good = notebook(tmp_path / "good.md", "1 + 1")
    bad = notebook(tmp_path / "bad.md", "raise ValueError('broken on purpose')")
    report = execute.run([good, bad], tmp_path / "cache", timeout=60, allow_errors=False)
    assert [name for name, _ in report.executed] == ["good.md"]
    assert [name for name, _ in report.failed] == ["bad.md"] and "broken on purpose" in report.failed[0][1]
    cache = get_cache(str(tmp_path / "cache"))
    with pytest.raises(KeyError):
        cache.match_cache_notebook(as_myst_nb_reads(bad.path))
    assert "broken on purpose" in cache.get_project_record(str(bad.path)).traceback
    again = execute.run([good, bad], tmp_path / "cache", timeout=60, allow_errors=False)
    assert again.executed == [] and [name for name, _ in again.failed] == ["bad.md"]


def test_kernels_never_outnumber_cores_or_notebooks():
    assert execute.workers(1) == 1
    assert 1 <= execute.workers(100) <= len(__import__("os").sched_getaffinity(0))


def test_loading_and_rendering_do_not_import_frictionless():
    code = ("import sys\nfrom mibook import appendix, load, render, schema, validate\n"
            "assert 'frictionless' not in sys.modules, 'imported at module level'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_notebooks_run_in_the_order_given_and_each_is_reported_done(tmp_path, monkeypatch):
    """The build reads each page as soon as its notebook is settled: `done` comes once per job, in
    order with one kernel, for a cached notebook at once and for a failed one too."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    jobs = [notebook(tmp_path / f"{name}.md", f"{name!r} * 2") for name in ("c", "a", "b")]
    execute.run(jobs[:1], tmp_path / "cache", timeout=60, allow_errors=False)  # c is now cached
    jobs.append(notebook(tmp_path / "bad.md", "raise ValueError('broken on purpose')"))
    settled = []
    report = execute.run(jobs, tmp_path / "cache", timeout=60, allow_errors=False,
                         done=lambda job: settled.append(job.name))
    assert settled == ["c.md", "a.md", "b.md", "bad.md"]
    assert [name for name, _ in report.executed] == ["a.md", "b.md"]


def test_each_notebook_records_what_it_read_even_when_a_kernel_memoised_it(tmp_path, monkeypatch):
    """Two notebooks in one kernel ask for the same memoised chapter numbers: both record the tables
    behind them; a third reads one table and records that one only."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    numbers = "from mibook import load\nfrom mibook.analysis import energy\nenergy.key_numbers(load.tables())"
    jobs = [notebook(tmp_path / "a.md", numbers + "  # a"), notebook(tmp_path / "b.md", numbers + "  # b"),
            notebook(tmp_path / "c.md", "from mibook import load\nload.tables()['poles']")]
    report = execute.run(jobs, tmp_path / "cache", timeout=60, allow_errors=False)
    assert report.failed == [] and report.kernels == 1
    cache = get_cache(str(tmp_path / "cache"))
    reads = {Path(r.uri).name: set(r.data[execute.READS]) for r in cache.list_cache_records()}
    assert "mou_aims" in reads["a.md"] and reads["a.md"] == reads["b.md"]
    assert reads["c.md"] == {"poles"}


def _kernels_of_this_process() -> list[int]:
    """The ipykernel processes this test process has running (its children, read from /proc)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == __import__("os").getpid() and b"ipykernel" in command:
            found.append(int(proc.name))
    return found


def test_kernels_started_ahead_run_the_notebooks_and_none_is_left_running(tmp_path):
    """The build starts kernels before it knows its notebooks (`prestart`): they run the notebooks once the
    jobs are known, a spare one is shut down unused, and none outlives the run, whatever it is given."""
    jobs = [notebook(tmp_path / "a.md", "x = 1")]
    report = execute.run(lambda: jobs, tmp_path / "cache", timeout=60, allow_errors=False, prestart=2, cwd=tmp_path)
    assert [name for name, _ in report.executed] == ["a.md"] and report.failed == []
    assert report.kernels == 2, "both kernels started ahead are counted, the spare one too"
    assert _kernels_of_this_process() == []
    nothing = execute.run(lambda: [], tmp_path / "cache", timeout=60, allow_errors=False, prestart=1, cwd=tmp_path)
    assert (nothing.executed, nothing.kernels) == ([], 1) and _kernels_of_this_process() == []

    def fails():
        raise RuntimeError("the build stopped")

    with pytest.raises(RuntimeError, match="the build stopped"):
        execute.run(fails, tmp_path / "cache", timeout=60, allow_errors=False, prestart=1, cwd=tmp_path)
    assert _kernels_of_this_process() == []


def test_a_kernel_that_dies_while_starting_is_started_afresh(tmp_path, monkeypatch):
    """Its ports can be taken by another process between being picked and bound: the run starts a new
    kernel rather than failing every notebook; it gives up after `START_ATTEMPTS`."""
    real, attempts = execute._start_kernel_once, []

    async def flaky(name, cwd):
        attempts.append(name)
        if len(attempts) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return await real(name, cwd)

    monkeypatch.setattr(execute, "_start_kernel_once", flaky)
    report = execute.run([notebook(tmp_path / "a.md", "1 + 1")], tmp_path / "cache", timeout=60, allow_errors=False)
    assert [name for name, _ in report.executed] == ["a.md"] and len(attempts) == 2

    async def dead(name, cwd):
        attempts.append(name)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(execute, "_start_kernel_once", dead)
    attempts.clear()
    report = execute.run([notebook(tmp_path / "b.md", "2 + 2")], tmp_path / "cache", timeout=60, allow_errors=False)
    assert [name for name, _ in report.failed] == ["b.md"] and len(attempts) == execute.START_ATTEMPTS


def test_an_empty_code_cell_gets_no_count_as_nbclient_gives_it(tmp_path, monkeypatch):
    """Counts as a fresh kernel run numbers them: an empty cell is skipped, so the cells read 1, none, 2."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    job = notebook(tmp_path / "empty.md", "x = 1", "", "x + 1")
    report = execute.run([job], tmp_path / "cache", timeout=60, allow_errors=False)
    assert report.failed == []
    cache = get_cache(str(tmp_path / "cache"))
    cached = cache.get_cache_bundle(cache.match_cache_notebook(as_myst_nb_reads(job.path)).pk).nb
    cells = [c for c in cached.cells if c.cell_type == "code"]
    assert [c.execution_count for c in cells] == [1, None, 2]
    assert cells[2].outputs[0]["execution_count"] == 2


@pytest.mark.parametrize(("failed_build", "kept"), [(True, True), (False, False)])
def test_the_stale_page_list_survives_a_failed_build(tmp_path, failed_build, kept):
    """After a build that failed, the pages whose data changed are still to be re-read: the guard's list stays;
    after one that succeeded (every page re-read, none failed), it is done with."""
    from types import SimpleNamespace

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
    import mibook_execute

    from mibook import cacheguard

    app = SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees"), mibook_execution=None)
    stale = tmp_path / "_build" / cacheguard.STALE_PAGES
    stale.parent.mkdir(parents=True)
    stale.write_text("chapters/trade.md\n", encoding="utf-8")
    mibook_execute._finish(app, RuntimeError("a page failed") if failed_build else None)
    assert stale.is_file() is kept
