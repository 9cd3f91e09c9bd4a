"""Parallel pre-execution (`mibook.execute`): results land under MyST-NB's hash, a reused kernel shows
each notebook a fresh namespace, failures stay uncached; heavy imports stay lazy."""

import ast
import asyncio
import dataclasses
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
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
    assert all("execution" not in cell.metadata for cell in cells), "no timestamps: rebuilds are byte-identical"
    assert record.data["execution_seconds"] == dict(report.executed)["b.md"], "MyST-NB's execution table reads it"
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
    order with one kernel, for a cached notebook at once and for a failed one too; a failure does not stop
    the notebooks after it. A run with nothing to execute starts no kernel. The log says what ran, how long."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    jobs = [notebook(tmp_path / f"{name}.md", f"{name!r} * 2") for name in ("c", "a", "b")]
    execute.run(jobs[:1], tmp_path / "cache", timeout=60, allow_errors=False)  # c is now cached
    cached = execute.run(jobs[:1], tmp_path / "cache", timeout=60, allow_errors=False, log=pytest.fail)
    assert (cached.executed, cached.failed, cached.kernels) == ([], [], 0)
    jobs.insert(2, notebook(tmp_path / "bad.md", "raise ValueError('broken on purpose')"))
    settled, log = [], []
    started = time.perf_counter()
    report = execute.run(jobs, tmp_path / "cache", timeout=60, allow_errors=False,
                         done=lambda job: settled.append(job.name), log=log.append)
    elapsed = time.perf_counter() - started
    assert settled == ["c.md", "a.md", "bad.md", "b.md"]
    assert [name for name, _ in report.executed] == ["a.md", "b.md"]
    assert all(0 < seconds < elapsed for _, seconds in report.executed)
    seconds = [f"{s:.1f}" for _, s in report.executed]
    assert log == ["executing 3 of 4 notebooks in 1 kernels", f"executed a.md in {seconds[0]} s",
                   "executing bad.md FAILED; the build runs it again and shows why", f"executed b.md in {seconds[1]} s"]


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
    """Counts as a fresh kernel run numbers them: an empty cell is skipped, so the cells read 1, none, 2 (the
    paragraph between them counts for nothing)."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    job = notebook(tmp_path / "empty.md", "x = 1", "", "x + 1")
    text = job.path.read_text(encoding="utf-8")
    job.path.write_text(text.replace("```\n", "```\n\nA paragraph, not code.\n", 1), encoding="utf-8")
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


def test_kernels_follow_this_process_cpu_affinity_else_the_cpu_count(monkeypatch):
    """A build pinned to one core (taskset, a CI runner's cgroup) starts one kernel, however many the machine has;
    where the platform cannot say (no `sched_getaffinity`), the CPU count decides, or one kernel if it is unknown."""
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        assert execute.workers(100) == 1
    finally:
        os.sched_setaffinity(0, allowed)
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert (execute.workers(100), execute.workers(2), execute.workers(0)) == (3, 2, 1)
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert execute.workers(100) == 1


def _with_kernel(job: execute.Job, kernel: str) -> execute.Job:
    """The notebook of `job`, its kernelspec naming `kernel`."""
    text = job.path.read_text(encoding="utf-8")
    job.path.write_text(text.replace("  name: python3\n", f"  name: {kernel}\n", 1), encoding="utf-8")
    return job


@pytest.fixture
def kernelspecs(tmp_path, monkeypatch) -> Path:
    """Two kernels besides python3: `mibook-other` (this Python, its name in $MIBOOK_KERNEL) and `mibook-broken`
    (dies at once; each start adds a line to `starts.txt`). Connection files (jupyter_client writes them with
    `tempfile`) go to a folder of the test's own, which is returned: a kernel shut down leaves none there."""
    kernels = tmp_path / "jupyter" / "kernels"
    starts = tmp_path / "starts.txt"
    specs = {"mibook-other": {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                              "env": {"MIBOOK_KERNEL": "mibook-other"}},
             "mibook-broken": {"argv": [sys.executable, "-c",
                                        f"open({str(starts)!r}, 'a').write('start\\n'); raise SystemExit(3)"]}}
    for name, spec in specs.items():
        (kernels / name).mkdir(parents=True)
        (kernels / name / "kernel.json").write_text(json.dumps({**spec, "display_name": name, "language": "python"}),
                                                    encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    connections = tmp_path / "connections"
    connections.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(connections))
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    return connections


def test_each_notebook_runs_in_the_kernel_its_kernelspec_names(tmp_path, kernelspecs):
    """One kernel at a time: it is kept while the next notebook names the same kernel and replaced when it names
    another; none outlives the run or leaves its connection file."""
    code = "import os\nos.environ.get('MIBOOK_KERNEL', 'python3')"
    jobs = [_with_kernel(notebook(tmp_path / "a.md", code + "  # a"), "mibook-other"),
            _with_kernel(notebook(tmp_path / "b.md", code + "  # b"), "mibook-other"),
            notebook(tmp_path / "c.md", code + "  # c")]
    report = execute.run(jobs, tmp_path / "cache", timeout=60, allow_errors=False)
    assert report.failed == [] and report.kernels == 2
    cache = get_cache(str(tmp_path / "cache"))
    ran_in = {Path(r.uri).name: cache.get_cache_bundle(r.pk).nb.cells[0].outputs[0]["data"]["text/plain"]
              for r in cache.list_cache_records()}
    assert ran_in == {"a.md": "'mibook-other'", "b.md": "'mibook-other'", "c.md": "'python3'"}
    assert _kernels_of_this_process() == [] and list(kernelspecs.glob("*.json")) == []


def test_a_kernel_that_never_starts_fails_its_notebook_after_every_try_and_the_run_goes_on(tmp_path, kernelspecs):
    broken = _with_kernel(notebook(tmp_path / "broken.md", "1 + 1"), "mibook-broken")
    good = notebook(tmp_path / "good.md", "2 + 2")
    log = []
    report = execute.run([broken, good], tmp_path / "cache", timeout=60, allow_errors=False, log=log.append)
    assert report.failed == [("broken.md", "RuntimeError: Kernel died before replying to kernel_info")]
    assert [name for name, _ in report.executed] == ["good.md"]
    assert (tmp_path / "starts.txt").read_text().splitlines() == ["start"] * execute.START_ATTEMPTS
    assert "executing broken.md FAILED; the build runs it again and shows why" in log
    assert _kernels_of_this_process() == [] and list(kernelspecs.glob("*.json")) == []


def test_a_kernel_that_dies_in_a_notebook_fails_it_and_the_next_gets_a_new_kernel(tmp_path, monkeypatch):
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    dies = notebook(tmp_path / "dies.md", "import os\nos._exit(1)")
    good = notebook(tmp_path / "good.md", "2 + 2")
    settled = []
    report = execute.run([dies, good], tmp_path / "cache", timeout=60, allow_errors=False,
                         done=lambda job: settled.append(job.name))
    assert [(name, message.split(":")[0]) for name, message in report.failed] == [("dies.md", "DeadKernelError")]
    assert [name for name, _ in report.executed] == ["good.md"] and report.kernels == 2
    assert settled == ["dies.md", "good.md"] and _kernels_of_this_process() == []


def test_a_notebook_that_breaks_the_reset_fails_the_next_and_a_new_kernel_runs_the_rest(tmp_path, monkeypatch):
    """The reset runs `get_ipython()`: a notebook that rebinds the name leaves a kernel that cannot be reset. The next
    notebook fails with the kernel's reply (MyST-NB runs it again); the one after gets a new kernel."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    jobs = [notebook(tmp_path / "breaks.md", "get_ipython = None"), notebook(tmp_path / "sub" / "next.md", "1 + 1"),
            notebook(tmp_path / "after.md", "2 + 2")]
    report = execute.run(jobs, tmp_path / "cache", timeout=60, allow_errors=False)
    assert [name for name, _ in report.executed] == ["breaks.md", "after.md"] and report.kernels == 2
    [(name, message)] = report.failed
    assert name == "next.md"
    assert message.startswith(f"RuntimeError: could not reset the kernel before {tmp_path / 'sub'}: "
                              "{'status': 'error'") and "TypeError" in message


def test_a_notebook_that_breaks_what_records_its_reads_fails_uncached(tmp_path, monkeypatch):
    monkeypatch.setattr(execute, "workers", lambda jobs: 1)
    job = notebook(tmp_path / "breaks.md", "import sys\nsys.modules['mibook.load'] = None")
    report = execute.run([job], tmp_path / "cache", timeout=60, allow_errors=False)
    [(name, message)] = report.failed
    assert name == "breaks.md" and message.startswith(f"RuntimeError: could not ask the kernel what {tmp_path} read: ")
    assert "AttributeError" in message and report.executed == []
    with pytest.raises(KeyError):
        get_cache(str(tmp_path / "cache")).match_cache_notebook(as_myst_nb_reads(job.path))


def test_two_notebooks_with_the_same_code_are_both_run_and_cached(tmp_path):
    """Two pages with the same cells (one cache entry serves both): the second result overwrites the first."""
    jobs = [notebook(tmp_path / "one" / "same.md", "1 + 1"), notebook(tmp_path / "two" / "same.md", "1 + 1")]
    report = execute.run(jobs, tmp_path / "cache", timeout=60, allow_errors=False)
    assert report.failed == [] and len(report.executed) == 2
    cache = get_cache(str(tmp_path / "cache"))
    assert {cache.match_cache_notebook(as_myst_nb_reads(job.path)).pk for job in jobs} != {None}


def test_a_run_stays_in_the_callers_thread_and_from_inside_an_event_loop_takes_one_of_its_own(tmp_path):
    """Outside an event loop the run is the caller's (Ctrl-C and the callbacks reach it there); Jupyter and
    Playwright call it with a loop running, where it runs in a thread of its own to completion."""
    threads, outcome = {}, {}
    first, second = notebook(tmp_path / "a.md", "1 + 1"), notebook(tmp_path / "b.md", "2 + 2")

    def outside():  # a fresh thread: no event loop runs in it, whatever earlier tests left in this one
        outcome["caller"] = threading.get_ident()
        outcome["report"] = execute.run([first], tmp_path / "cache", timeout=60, allow_errors=False,
                                        log=lambda line: threads.setdefault("outside", set()).add(
                                            threading.get_ident()))

    runner = threading.Thread(target=outside)
    runner.start()
    runner.join()
    caller = outcome["caller"]
    assert [name for name, _ in outcome["report"].executed] == ["a.md"] and threads["outside"] == {caller}

    async def inside():
        return execute.run([second], tmp_path / "cache", timeout=60, allow_errors=False,
                           log=lambda line: threads.setdefault("inside", set()).add(threading.get_ident()))

    def with_a_loop():  # a fresh thread too, running a loop of its own while the run is made
        outcome["loop_thread"] = threading.get_ident()
        outcome["report"] = asyncio.run(inside())

    runner = threading.Thread(target=with_a_loop)
    runner.start()
    runner.join()
    report = outcome["report"]
    assert [name for name, _ in report.executed] == ["b.md"] and report.failed == []
    assert outcome["loop_thread"] not in threads["inside"]  # that thread was alive throughout: no reused id


def test_each_kernel_runs_one_thread_per_blas_and_openmp_runtime(tmp_path):
    """A kernel per core, each single-threaded: the variables OpenMP, OpenBLAS, MKL, numexpr and vecLib read."""
    names = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS"]
    job = notebook(tmp_path / "a.md", f"import os\n{{name: os.environ.get(name) for name in {names!r}}}")
    report = execute.run([job], tmp_path / "cache", timeout=60, allow_errors=False)
    assert report.failed == []
    cache = get_cache(str(tmp_path / "cache"))
    cached = cache.get_cache_bundle(cache.match_cache_notebook(as_myst_nb_reads(job.path)).pk).nb
    assert ast.literal_eval(cached.cells[0].outputs[0]["data"]["text/plain"]) == dict.fromkeys(names, "1")


def test_a_job_cannot_change_once_made():
    """The build's thread and Sphinx's share each job (its path keys the page's wait): it is a frozen value."""
    job = execute.Job("chapters/trade.md", Path("/book/chapters/trade.md"), None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.path = Path("/elsewhere.md")
    assert {job: 1}[execute.Job("chapters/trade.md", Path("/book/chapters/trade.md"), None)] == 1


def test_fewer_kernels_started_ahead_than_needed_are_topped_up_in_the_current_folder(tmp_path, monkeypatch):
    """One kernel started ahead (no folder given: the current one) and two notebooks for two kernels: the second
    kernel is started when needed."""
    monkeypatch.setattr(execute, "workers", lambda jobs: 2)
    monkeypatch.chdir(tmp_path)
    jobs = [notebook(tmp_path / "a.md", "1 + 1"), notebook(tmp_path / "b.md", "2 + 2")]
    report = execute.run(lambda: jobs, tmp_path / "cache", timeout=60, allow_errors=False, prestart=1)
    assert sorted(name for name, _ in report.executed) == ["a.md", "b.md"] and report.failed == []
    assert report.kernels == 2 and _kernels_of_this_process() == []


def test_without_curvezmq_kernels_run_on_plain_transport(tmp_path, monkeypatch):
    import zmq

    has = zmq.has
    monkeypatch.setattr(zmq, "has", lambda feature: False if feature == "curve" else has(feature))
    report = execute.run([notebook(tmp_path / "a.md", "1 + 1")], tmp_path / "cache", timeout=60, allow_errors=False)
    assert [name for name, _ in report.executed] == ["a.md"] and report.failed == []


def test_runs_leave_no_sockets_or_threads_behind(tmp_path):
    """A long-lived process (the preview rebuilds, a lab session) runs many builds: each run closes its kernels'
    channels (a socket per channel, a heartbeat thread), not only the kernels."""

    def held() -> tuple[int, int]:
        gc.collect()
        return len(os.listdir("/proc/self/fd")), threading.active_count()

    execute.run([notebook(tmp_path / "warm.md", "0")], tmp_path / "cache", timeout=60, allow_errors=False)
    before = held()
    for n in range(2):
        report = execute.run([notebook(tmp_path / f"{n}.md", f"{n} + 1")], tmp_path / "cache", timeout=60,
                             allow_errors=False)
        assert report.failed == []
    assert held() == before
