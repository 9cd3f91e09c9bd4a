"""_ext/mibook_execute.py without the book: a tiny Sphinx project (tests/tiny_sphinx.py) with MyST notebook pages,
built with the book's execution settings and rebuilt (which notebooks run ahead, in which kernels, which pages are
re-read, what is left behind), and each hook called on its own with stand-ins for Sphinx, for the cases a build
does not reach (a failed run, a build that stopped); `python -m mibook` too."""

import os
import runpy
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn

from mibook import cacheguard, execute, load, paths
from tests.test_execute import HEADER, READER, _kernels_of_this_process  # READER: how MyST-NB reads a MyST notebook
from tests.tiny_sphinx import build, warnings, write_pages

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))
import mibook_execute  # noqa: E402

# The book's execution settings (_config.yml `execute:` and `sphinx.config`, as jupyter-book turns them into conf.py)
CONF = """
extensions = ["myst_nb", "mibook_execute"]
# a dict of this build's own: MyST-NB adds its suffixes to the one Sphinx holds as the default, and later
# builds in the process, without MyST-NB, would then find .md pages given to a parser they lack
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
nb_execution_mode = "cache"
nb_execution_timeout = 120
nb_execution_allow_errors = False
nb_execution_in_temp = False
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_output_stderr = "error"
nb_execution_excludepatterns = ["skipped.md"]
"""
MYST_NB_EXECUTES = "Executing notebook"  # MyST-NB's line when it runs a notebook itself
MYST_NB_CACHED = "Using cached notebook"


def notebook_page(title: str, code: str) -> str:
    return HEADER + f"# {title}\n\n```{{code-cell}} ipython3\n{code}\n```\n"


PAGES = {
    "index": "# Home\n\n```{toctree}\nnote\nsub/deep\nskipped\nplain\n```\n",
    "note": notebook_page("Note", "1 + 1"),
    "sub/deep": notebook_page("Deep", "2 + 3"),
    "skipped": notebook_page("Skipped", "3 + 4"),  # nb_execution_excludepatterns: never executed
    "plain": "# Plain\n\nNo code here.\n",
}


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """The tiny book's source folder; builds in this process count the validations (`mibook.load.tables`) in
    `validations` and have two cores (`mibook.execute.workers`), whatever the machine has."""
    write_pages(tmp_path / "src", PAGES, CONF)
    validations = []
    monkeypatch.setattr(load, "tables", lambda *args: validations.append(args))
    monkeypatch.setattr(execute, "workers", lambda jobs: max(1, min(jobs, 2)))
    return SimpleNamespace(src=tmp_path / "src", out=tmp_path / "_build", validations=validations)


def status(app) -> str:
    return app.status.getvalue()


def executed_ahead(app) -> list[str]:
    """The notebooks the extension's thread executed in this build, as its log names them."""
    return sorted(line.split()[1] for line in status(app).splitlines() if line.startswith("executed "))


def kernels_line(app) -> list[str]:
    return [line for line in status(app).splitlines() if line.startswith("kernels started")]


def outputs(notebook: Path) -> list[str]:
    cells = nbformat.read(notebook, 4).cells
    return [out["data"]["text/plain"] for cell in cells if cell.cell_type == "code" for out in cell.outputs]


def test_a_cold_build_runs_every_notebook_ahead_in_kernels_booted_while_sphinx_starts(tiny):
    app, read = build(tiny.src, confoverrides={"needs_extensions": {"mibook_execute": "1.0"}})
    assert read == ["index", "note", "plain", "skipped", "sub/deep"] and warnings(app) == []
    log = status(app)
    assert executed_ahead(app) == ["note.md", "sub/deep.md"], log
    assert "executing 2 of 2 notebooks in 2 kernels" in log
    # each page waited for its own notebook, so MyST-NB found every result cached and ran none itself
    assert log.count(MYST_NB_CACHED) == 2 and MYST_NB_EXECUTES not in log
    assert kernels_line(app) == ["kernels started: 2"], "the two booted at config-inited, on a line of their own"
    assert _kernels_of_this_process() == [], "the build ends with its kernels shut down"
    assert tiny.validations == [()], "the data validated once, while the kernels booted"
    assert (tiny.out / cacheguard.STAMP).is_file(), "the cache guard ran inside the build"
    executed = tiny.out / "jupyter_execute"
    assert outputs(executed / "note.ipynb") == ["2"] and outputs(executed / "sub" / "deep.ipynb") == ["5"]
    assert outputs(executed / "skipped.ipynb") == [], "an excluded notebook is not executed"
    extension = app.extensions["mibook_execute"]
    assert (extension.parallel_read_safe, extension.parallel_write_safe) == (True, True)


def test_notebook_jobs_are_the_notebook_pages_sorted_less_the_excluded(tiny):
    app, _ = build(tiny.src, confoverrides={"nb_execution_mode": "off"})
    jobs = mibook_execute.notebook_jobs(app.env, {"sub/deep", "skipped", "plain", "note", "index"})
    assert jobs == [execute.Job("note.md", (tiny.src / "note.md").resolve(), READER),
                    execute.Job("sub/deep.md", (tiny.src / "sub" / "deep.md").resolve(), READER)]
    assert mibook_execute.notebook_jobs(app.env, {"plain", "index"}) == []


@pytest.mark.parametrize("overrides", [{"nb_execution_mode": "off"}, {"nb_execution_mode": "force"},
                                       {"nb_execution_in_temp": True}])
def test_outside_cache_mode_or_in_a_temporary_folder_myst_nb_executes_alone(tiny, overrides):
    app, read = build(tiny.src, confoverrides=overrides)
    assert len(read) == 5 and executed_ahead(app) == [] and kernels_line(app) == []
    assert "executing" not in status(app) and tiny.validations == []
    assert (tiny.out / cacheguard.STAMP).is_file(), "the cache guard runs in every mode"
    assert (MYST_NB_EXECUTES in status(app)) is (overrides.get("nb_execution_mode") != "off")


def test_an_unchanged_rebuild_reads_nothing_and_starts_no_kernel(tiny):
    build(tiny.src)
    app, read = build(tiny.src)
    assert read == [] and executed_ahead(app) == [] and kernels_line(app) == []
    assert tiny.validations == [()], "no thread, no validation ahead (the first build's only)"


def test_an_edited_notebook_runs_ahead_alone_in_a_kernel_started_when_sphinx_knows_it(tiny):
    build(tiny.src)
    (tiny.src / "note.md").write_text(notebook_page("Note", "10 * 10"), encoding="utf-8")
    app, read = build(tiny.src)
    assert read == ["note"] and executed_ahead(app) == ["note.md"]
    assert "executing 1 of 1 notebooks in 1 kernels" in status(app) and MYST_NB_EXECUTES not in status(app)
    assert kernels_line(app) == ["kernels started: 1"] and _kernels_of_this_process() == []
    assert outputs(tiny.out / "jupyter_execute" / "note.ipynb") == ["100"]


def test_a_notebook_page_added_since_the_last_build_runs_ahead(tiny):
    """Sphinx's environment from the last build knows only that build's pages: the new one is found first."""
    build(tiny.src)
    (tiny.src / "new.md").write_text(notebook_page("New", "6 * 7"), encoding="utf-8")
    app, read = build(tiny.src)
    assert "new" in read and executed_ahead(app) == ["new.md"] and MYST_NB_EXECUTES not in status(app)
    assert outputs(tiny.out / "jupyter_execute" / "new.ipynb") == ["42"]


def _drop_cached(out: Path, source: Path) -> None:
    cache = get_cache(str(out / ".jupyter_cache"))
    [record] = [r for r in cache.list_cache_records() if Path(r.uri) == source.resolve()]
    cache.remove_cache(record.pk)


def test_pages_whose_results_the_guard_dropped_are_re_read_and_run_ahead_with_the_landing_page(tiny):
    """What `mibook.cacheguard` leaves after a data edit: the dropped notebook's result gone, its source listed in
    STALE_PAGES. The next build boots one kernel for it at once, re-reads it and the landing page, and then
    forgets the list."""
    build(tiny.src)
    _drop_cached(tiny.out, tiny.src / "sub" / "deep.md")
    (tiny.out / cacheguard.STALE_PAGES).write_text(f"{(tiny.src / 'sub' / 'deep.md').resolve()}\n", encoding="utf-8")
    app, read = build(tiny.src)
    assert read == ["index", "sub/deep"] and executed_ahead(app) == ["sub/deep.md"]
    assert kernels_line(app) == ["kernels started: 1"] and MYST_NB_EXECUTES not in status(app)
    assert not (tiny.out / cacheguard.STALE_PAGES).exists()
    assert build(tiny.src)[1] == [], "done with: the build after reads nothing"


def test_a_configuration_change_re_reads_every_page_and_runs_each_notebook_the_cache_lacks_ahead(tiny):
    build(tiny.src)
    _drop_cached(tiny.out, tiny.src / "note.md")
    app, read = build(tiny.src, confoverrides={"nb_execution_timeout": 121})
    assert len(read) == 5 and executed_ahead(app) == ["note.md"]
    assert "executing 1 of 2 notebooks in 1 kernels" in status(app) and MYST_NB_EXECUTES not in status(app)


# Each hook on its own, with stand-ins for Sphinx's app


def _app(tmp_path: Path, **config) -> SimpleNamespace:
    settings = {"nb_execution_mode": "cache", "nb_execution_in_temp": False, "nb_execution_cache_path": "",
                "nb_execution_timeout": 120, "nb_execution_allow_errors": False, **config}
    return SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees"), outdir=str(tmp_path / "_build" / "html"),
                           srcdir=str(tmp_path / "src"), config=SimpleNamespace(**settings))


@pytest.fixture
def made(monkeypatch) -> list:
    """The Executions `_guard` makes (stand-ins: their arguments, and whether started); four cores."""
    made = []

    class Made:
        def __init__(self, cache, timeout, allow_errors, prestart=0, cwd=None):
            self.args = (cache, timeout, allow_errors, prestart, cwd)
            self.started = False
            made.append(self)

        def start(self):
            self.started = True

    monkeypatch.setattr(mibook_execute, "Execution", Made)
    monkeypatch.setattr(execute, "workers", lambda jobs: max(1, min(jobs, 4)))
    return made


def test_a_build_with_no_execution_cache_boots_a_kernel_per_core_at_once(tmp_path, made, monkeypatch):
    lines = []
    monkeypatch.setattr(mibook_execute, "LOGGER", SimpleNamespace(info=lines.append))
    (tmp_path / "_build" / "jupyter_execute").mkdir(parents=True)  # from a build of other code: cleared
    app = _app(tmp_path, nb_execution_timeout=33, nb_execution_allow_errors=True)
    mibook_execute._guard(app, app.config)
    assert lines == [f"package, extensions or book metadata changed: cleared {tmp_path / '_build' / 'jupyter_execute'}"]
    assert not (tmp_path / "_build" / "jupyter_execute").exists()
    [execution] = made
    assert execution.args == ((tmp_path / "_build" / ".jupyter_cache").resolve(), 33, True, 4, tmp_path / "src")
    assert execution.started and app.mibook_execution is execution


def test_the_guard_boots_a_kernel_per_dropped_result_in_the_cache_the_book_names(tmp_path, made):
    cache = tmp_path / "elsewhere" / "cache"
    cache.mkdir(parents=True)
    app = _app(tmp_path, nb_execution_cache_path=str(cache))
    mibook_execute._guard(app, app.config)  # a first guard: it stamps the build folder
    assert made == [], "the cache exists and no result was dropped: nothing is sure to run"
    stale = tmp_path / "_build" / cacheguard.STALE_PAGES
    for pages, kernels in (([], None), (["a.md"], 1), (["a.md", "b.md", "c.md"], 3), (list("abcdef"), 4)):
        made.clear()
        stale.write_text("".join(f"{page}\n" for page in pages), encoding="utf-8")
        mibook_execute._guard(app, app.config)
        assert [m.args[3] for m in made] == ([kernels] if kernels else []), pages
        assert all(m.args[0] == cache and m.started for m in made)


@pytest.mark.parametrize("config", [{"nb_execution_mode": "off"}, {"nb_execution_mode": "force"},
                                    {"nb_execution_mode": "auto"}, {"nb_execution_in_temp": True}])
def test_the_guard_starts_nothing_where_myst_nb_executes_alone(tmp_path, made, config):
    app = _app(tmp_path, **config)
    mibook_execute._guard(app, app.config)
    assert made == [] and not hasattr(app, "mibook_execution")
    assert (tmp_path / "_build" / cacheguard.STAMP).is_file()


@pytest.mark.parametrize("config", [{"execution_mode": "off", "execution_in_temp": False},
                                    {"execution_mode": "cache", "execution_in_temp": True}])
def test_the_start_hook_starts_nothing_where_myst_nb_executes_alone(config):
    app = SimpleNamespace(env=SimpleNamespace(mystnb_config=SimpleNamespace(**config)))  # no env to search
    mibook_execute._start(app)
    assert not hasattr(app, "mibook_execution")


def _stale_app(tmp_path: Path, stale: list[str] | None) -> tuple[SimpleNamespace, SimpleNamespace]:
    app = SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees"), config=SimpleNamespace(root_doc="home"))
    if stale is not None:
        (tmp_path / "_build").mkdir(parents=True, exist_ok=True)
        (tmp_path / "_build" / cacheguard.STALE_PAGES).write_text("".join(f"{s}\n" for s in stale), encoding="utf-8")
    docs = {"/book/z.md": "z", "/book/a/b.md": "a/b", "/book/gone.md": "gone"}
    env = SimpleNamespace(path2doc=docs.get, found_docs={"home", "z", "a/b", "other"})
    return app, env


def test_after_a_data_edit_sphinx_re_reads_the_dropped_notebooks_and_the_landing_page(tmp_path):
    app, env = _stale_app(tmp_path, ["/book/z.md", "/book/gone.md", "/elsewhere/x.md", "/book/a/b.md"])
    assert mibook_execute._outdated(app, env, set(), set(), set()) == ["a/b", "home", "z"]
    app, env = _stale_app(tmp_path / "empty", [])
    assert mibook_execute._outdated(app, env, set(), set(), set()) == ["home"], "the data changed: the JSON-LD"
    app, env = _stale_app(tmp_path / "none", None)
    assert mibook_execute._outdated(app, env, set(), set(), set()) == [], "the data did not change"


def test_the_data_are_validated_ahead_only_while_kernels_boot(monkeypatch):
    calls = []
    monkeypatch.setattr(load, "tables", lambda *args: calls.append(args))
    mibook_execute._validate_meanwhile(SimpleNamespace(mibook_execution=None), None, [])
    mibook_execute._validate_meanwhile(SimpleNamespace(), None, [])
    assert calls == []
    mibook_execute._validate_meanwhile(SimpleNamespace(mibook_execution=object()), None, [])
    assert calls == [()]


def test_a_page_waits_for_the_notebook_at_its_own_resolved_path(tmp_path):
    waited = []
    env = SimpleNamespace(doc2path=lambda docname: str(tmp_path / "src" / "sub" / ".." / f"{docname}.md"))
    app = SimpleNamespace(env=env, mibook_execution=SimpleNamespace(wait_for=waited.append))
    mibook_execute._wait_for_page(app, "note", ["text"])
    assert waited == [(tmp_path / "src" / "note.md").resolve()]
    mibook_execute._wait_for_page(SimpleNamespace(env=env, mibook_execution=None), "note", ["text"])
    mibook_execute._wait_for_page(SimpleNamespace(env=env), "note", ["text"])  # nothing to wait for, no error
    assert len(waited) == 1


# The thread itself, with `mibook.execute.run` stood in for


def _job(tmp_path: Path, name: str) -> execute.Job:
    return execute.Job(name, tmp_path / name, None)


def _within(seconds: float, function, *args):
    """`function(*args)` in a thread, which must end within `seconds`; what it returned or raised."""
    outcome = {}

    def call():
        try:
            outcome["returned"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome["raised"] = error

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{function.__name__} still waits after {seconds} s"
    return outcome


@pytest.fixture
def runs(monkeypatch) -> list[dict]:
    """`mibook.execute.run` stood in for: it records its arguments and the jobs, settles each (after a pause),
    in order, holding before any job named in `hold` until that event is set; kernels: as `prestart` says."""
    runs = []

    def run(jobs, cache_path, timeout, allow_errors, log, done, prestart, cwd):
        record = {"args": (cache_path, timeout, allow_errors, prestart, cwd), "settled": [], "hold": {}}
        runs.append(record)
        jobs = jobs()
        record["jobs"] = jobs
        for job in jobs:
            if job.name in record["hold"]:
                record["hold"][job.name].wait(10)
            time.sleep(0.05)
            record["settled"].append(job.name)
            done(job)
        time.sleep(0.1)
        return execute.Report([(job.name, 0.1) for job in jobs], [], kernels=prestart)

    monkeypatch.setattr(execute, "run", run)
    return runs


def test_a_page_waits_for_its_own_notebook_only(tmp_path, runs):
    execution = mibook_execute.Execution(tmp_path / "cache", 60, False)
    first, second = _job(tmp_path, "a.md"), _job(tmp_path, "b.md")
    execution.start()
    assert execution.daemon and not execution.known.is_set()
    hold = threading.Event()
    while not runs:
        time.sleep(0.01)
    runs[0]["hold"]["b.md"] = hold
    execution.supply([first, second])
    assert _within(5, execution.wait_for, first.path) == {"returned": None}
    assert runs[0]["settled"] == ["a.md"], "returned once its notebook was settled, before the next one"
    assert _within(1, execution.wait_for, tmp_path / "not-a-job.md") == {"returned": None}
    hold.set()
    assert _within(5, execution.wait_for, second.path) == {"returned": None} and runs[0]["settled"] == ["a.md", "b.md"]
    execution.join(5)
    assert runs[0]["args"] == (tmp_path / "cache", 60, False, 0, None), "made when the jobs are known: no kernel ahead"
    assert [name for name, _ in execution.report.executed] == ["a.md", "b.md"] and execution.error is None


def test_a_run_that_fails_raises_in_the_page_that_waits_and_releases_every_wait(tmp_path, monkeypatch):
    def run(jobs, *args, **kwargs):
        jobs()
        raise RuntimeError("the kernels could not start")

    monkeypatch.setattr(execute, "run", run)
    execution = mibook_execute.Execution(tmp_path / "cache", 60, False)
    execution.start()
    execution.supply([_job(tmp_path, "a.md")])
    for path in (tmp_path / "a.md", tmp_path / "not-a-job.md"):
        raised = _within(5, execution.wait_for, path)["raised"]
        assert isinstance(raised, RuntimeError) and str(raised) == "the kernels could not start"


def _finishing(tmp_path: Path, execution, monkeypatch) -> tuple[SimpleNamespace, list[str]]:
    lines = []
    monkeypatch.setattr(mibook_execute, "LOGGER", SimpleNamespace(info=lines.append))
    return SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees"), mibook_execution=execution), lines


def test_the_build_ends_with_the_thread_and_says_how_many_kernels_it_started(tmp_path, runs, monkeypatch):
    execution = mibook_execute.Execution(tmp_path / "cache", 60, False, prestart=3)
    execution.start()  # the build stopped before it knew its notebooks: none to run, the kernels stop
    app, lines = _finishing(tmp_path, execution, monkeypatch)
    _within(10, mibook_execute._finish, app, None)
    assert runs[0]["jobs"] == [] and app.mibook_execution is None and not execution.is_alive()
    assert lines == ["kernels started: 3"]
    quiet = mibook_execute.Execution(tmp_path / "cache", 60, False)
    quiet.start()
    quiet.supply([])
    app, lines = _finishing(tmp_path, quiet, monkeypatch)
    _within(10, mibook_execute._finish, app, None)
    assert lines == [], "no kernel started, no line"


def test_the_build_raises_the_threads_error_unless_it_failed_already(tmp_path, monkeypatch):
    def run(jobs, *args, **kwargs):
        jobs()
        time.sleep(0.1)
        raise RuntimeError("the kernels could not start")

    monkeypatch.setattr(execute, "run", run)
    for exception in (None, ValueError("a page failed")):
        execution = mibook_execute.Execution(tmp_path / "cache", 60, False)
        execution.start()
        execution.supply([])
        app, lines = _finishing(tmp_path, execution, monkeypatch)
        outcome = _within(10, mibook_execute._finish, app, exception)
        if exception is None:
            assert str(outcome["raised"]) == "the kernels could not start"
        else:
            assert outcome == {"returned": None}, "Sphinx reports the build's own error"
        assert lines == []


def test_after_a_build_the_stale_list_keeps_only_the_notebooks_that_failed(tmp_path, monkeypatch):
    stale = tmp_path / "_build" / cacheguard.STALE_PAGES
    stale.parent.mkdir(parents=True)
    jobs = [_job(tmp_path, name) for name in ("a.md", "b.md", "c.md")]
    for failed, kept in (([("a.md", "x"), ("c.md", "y")], f"{jobs[0].path}\n{jobs[2].path}\n"), ([], None)):
        stale.write_text("".join(f"{job.path}\n" for job in jobs) + "/book/more.md\n", encoding="utf-8")
        done = SimpleNamespace(known=SimpleNamespace(is_set=lambda: True), join=lambda: None, error=None, jobs=jobs,
                               report=execute.Report([], failed))
        app, _ = _finishing(tmp_path, done, monkeypatch)
        mibook_execute._finish(app, None)
        assert (stale.read_text(encoding="utf-8") if stale.exists() else None) == kept
    stale.write_text("/book/a.md\n", encoding="utf-8")  # and a build without the thread (nothing to run)
    mibook_execute._finish(SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees")), None)
    assert not stale.exists()
    mibook_execute._finish(SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees")), None)  # no list: fine


def _cached_notebook(tmp_path: Path, code: str) -> tuple[Path, nbformat.NotebookNode]:
    """A cache holding `code` executed (output "2"), and the notebook as MyST-NB read it (no outputs)."""
    metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    read = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)], metadata=metadata)
    ran = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code, execution_count=1, outputs=[
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)])], metadata=metadata)
    cache = tmp_path / "cache"
    get_cache(str(cache)).cache_notebook_bundle(CacheBundleIn(ran, str(tmp_path / "page.md")), check_validity=False)
    return cache, read


def test_the_executed_notebook_a_reader_downloads_carries_the_cached_outputs(tmp_path):
    cache, read = _cached_notebook(tmp_path, "1 + 1")
    written = tmp_path / "jupyter_execute" / "chapters" / "trade.ipynb"
    written.parent.mkdir(parents=True)
    written.write_text(nbformat.writes(read), encoding="utf-8")
    config = SimpleNamespace(output_folder=str(tmp_path / "jupyter_execute"), execution_mode="cache",
                             execution_cache_path=str(cache))
    app = SimpleNamespace(env=SimpleNamespace(mystnb_config=config, docname="chapters/trade"))
    mibook_execute._write_executed_notebook(app, None)
    assert outputs(written) == ["2"]
    other = tmp_path / "jupyter_execute" / "other.ipynb"  # not cached (MyST-NB ran it, or it failed): left as it is
    other.write_text(nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("2 + 2")])),
                     encoding="utf-8")
    before = other.read_text(encoding="utf-8")
    app.env.docname = "other"
    mibook_execute._write_executed_notebook(app, None)
    assert other.read_text(encoding="utf-8") == before
    app.env.docname = "plain"  # a page that is no notebook: nothing written
    mibook_execute._write_executed_notebook(app, None)
    assert not (tmp_path / "jupyter_execute" / "plain.ipynb").exists()


@pytest.mark.parametrize("mode", ["off", "force", "auto"])
def test_the_executed_notebook_is_myst_nbs_own_outside_cache_mode(tmp_path, mode):
    cache, read = _cached_notebook(tmp_path, "1 + 1")
    written = tmp_path / "jupyter_execute" / "page.ipynb"
    written.parent.mkdir(parents=True)
    written.write_text(nbformat.writes(read), encoding="utf-8")
    config = SimpleNamespace(output_folder=str(tmp_path / "jupyter_execute"), execution_mode=mode,
                             execution_cache_path=str(cache))
    mibook_execute._write_executed_notebook(SimpleNamespace(env=SimpleNamespace(mystnb_config=config, docname="page")),
                                            None)
    assert outputs(written) == []


# In a process of its own: how the build's process ends


def _python(code: str, timeout: int = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(paths.PROJECT_ROOT), str(paths.PROJECT_ROOT / "_ext")])}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, cwd=paths.PROJECT_ROOT, env=env)


def test_a_build_that_fails_while_sphinx_starts_exits_with_its_error(tmp_path):
    """The kernels boot at config-inited; when Sphinx then fails before it knows its notebooks (here: no such
    theme), it never reaches build-finished, and the process must still end (it used to wait for ever)."""
    write_pages(tmp_path / "src", {"index": "# Home\n"}, CONF + 'html_theme = "no-such-theme"\n')
    result = _python(f"""
        import sys
        from sphinx.cmd.build import build_main
        sys.exit(build_main(["-q", "-b", "html", {str(tmp_path / "src")!r}, {str(tmp_path / "_build" / "html")!r}]))
        """)
    assert result.returncode == 2 and "no theme named 'no-such-theme'" in result.stderr, result.stderr


def test_a_build_stopped_while_notebooks_run_does_not_wait_for_them():
    """Ctrl-C in the middle of reading: Sphinx emits no build-finished, and the thread (still executing) must not
    keep the process alive."""
    result = _python("""
        import time
        from pathlib import Path
        import mibook_execute
        from mibook import execute

        def run(jobs, *args, **kwargs):
            jobs()
            print("running", flush=True)
            time.sleep(60)

        execute.run = run
        execution = mibook_execute.Execution(Path("cache"), 60, False)
        execution.start()
        execution.supply([])
        time.sleep(0.5)
        """, timeout=30)
    assert result.returncode == 0 and result.stdout == "running\n", result.stderr


def test_the_process_skips_its_final_garbage_collection():
    result = _python("""
        import atexit, gc
        atexit.register(lambda: print(gc.get_freeze_count() > 0))  # runs after those registered later
        import mibook_execute
        mibook_execute.setup(type("App", (), {"connect": lambda self, event, handler: None})())
        """)
    assert result.stdout == "True\n", result.stderr


def test_python_m_mibook_exits_with_the_commands_status(monkeypatch):
    from mibook import cli

    monkeypatch.setattr(cli, "main", lambda: 3)
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("mibook", run_name="__main__")
    assert stopped.value.code == 3
    monkeypatch.setattr(cli, "main", lambda: 0)
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("mibook", run_name="__main__")
    assert stopped.value.code == 0
