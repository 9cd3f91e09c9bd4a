"""Execute the book's notebooks in parallel into MyST-NB's execution cache (`mibook.execute`) while
Sphinx works; MyST-NB then finds each one cached when it reads the page.

- `config-inited`, before Sphinx loads its environment: `mibook.cacheguard` clears the caches if the
  package, these extensions or the book's metadata changed, and drops the results of the notebooks
  whose data changed. If notebooks are then sure to run, their kernels start booting here.
- `env-get-outdated`: after a data edit, Sphinx also re-reads those notebooks' pages and the landing
  page (the generated pages keep their own record: `_ext/mibook_appendix.py`).
- `builder-inited`: a background thread starts the kernels on the notebooks among the pages Sphinx
  will read (MyST-NB's own reader decides which pages are notebooks: never a list), in the order
  Sphinx reads them. The cache decides which of them run (those whose code changed or that the guard
  dropped; all after it cleared the cache). Only in `execute_notebooks: cache` mode; Sphinx's own `-j` is not used (it
  races on the cache database).
- `env-before-read-docs`: the data are validated here while the kernels boot.
- `source-read`: a notebook page waits for its own notebook only, so pages are read while later
  notebooks still run.
- `build-finished`: the thread is joined and the kernel count printed. The process then skips the
  interpreter's final garbage collection at exit (`gc.freeze`).
"""

import atexit
import functools
import gc
import threading
from pathlib import Path, PurePosixPath

from sphinx.environment import CONFIG_OK
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


def _build_dir(app) -> Path:
    return Path(app.doctreedir).parent


def _guard(app, config) -> None:
    """Prune the caches (`mibook.cacheguard`); then, if notebooks are sure to run (no execution cache, or
    the guard dropped results), start their kernels now, to boot while Sphinx loads its environment."""
    from mibook import cacheguard, execute

    for folder in cacheguard.guard(_build_dir(app), extensions=Path(__file__).parent):
        LOGGER.info(f"package, extensions or book metadata changed: cleared {folder}")
    if config.nb_execution_mode != "cache" or config.nb_execution_in_temp:
        return
    cache = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache").resolve()
    stale = cacheguard.stale_pages(_build_dir(app))
    # a kernel per core when every notebook will run (no cache); one per dropped result, as far as cores go
    ahead = execute.workers(1_000) if not cache.is_dir() else execute.workers(len(stale)) if stale else 0
    if ahead:
        app.mibook_execution = Execution(cache, config.nb_execution_timeout, config.nb_execution_allow_errors,
                                         prestart=ahead, cwd=Path(app.srcdir))
        app.mibook_execution.start()


def notebook_jobs(env, docnames) -> list:
    """A `mibook.execute.Job` for each page among `docnames` that MyST-NB would execute."""
    from myst_nb.core.read import create_nb_reader

    from mibook.execute import Job

    config = env.mystnb_config
    jobs = []
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname)).resolve()
        if any(PurePosixPath(path.as_posix()).match(p) for p in config.execution_excludepatterns):
            continue
        reader = create_nb_reader(str(path), env.myst_config, config, path.read_text(encoding="utf-8"))
        if reader is not None:
            jobs.append(Job(env.doc2path(docname, base=False), path, reader.read_fmt))
    return jobs


class Execution(threading.Thread):
    """The background run of `mibook.execute.run` over the notebooks of the pages Sphinx will read: started
    as soon as Sphinx knows them, or earlier, with `prestart` kernels booting until `supply` gives them."""

    def __init__(self, cache: Path, timeout: int, allow_errors: bool, prestart: int = 0, cwd: Path | None = None):
        super().__init__(name="mibook-execute", daemon=True)
        self.cache, self.timeout, self.allow_errors = cache, timeout, allow_errors
        self.prestart, self.cwd = prestart, cwd
        self.jobs, self.settled, self.known = [], {}, threading.Event()
        self.error, self.report = None, None
        # The wait for the jobs runs in asyncio's executor, whose threads the interpreter joins before it exits (and
        # before `atexit`): a build that stopped before it knew its notebooks (Sphinx failed while starting) ends it
        # there, with no jobs, or the process never exits.
        threading._register_atexit(self.known.set)

    def supply(self, jobs: list) -> None:
        """The notebooks to run (once); until then the thread waits, its kernels booting."""
        self.settled = {job.path: threading.Event() for job in jobs}
        self.jobs = jobs
        self.known.set()

    def _jobs(self) -> list:
        self.known.wait()
        return self.jobs

    def run(self) -> None:
        from mibook import execute

        try:
            self.report = execute.run(self._jobs, self.cache, self.timeout, self.allow_errors, log=LOGGER.info,
                                      done=lambda job: self.settled[job.path].set(), prestart=self.prestart,
                                      cwd=self.cwd)
        except BaseException as error:  # re-raised in the main thread, by the next page that waits
            self.error = error
        finally:
            for event in self.settled.values():
                event.set()

    def wait_for(self, path: Path) -> None:
        """Until the notebook at `path` (if it is one of the jobs) is cached, or has failed."""
        if path in self.settled:
            self.settled[path].wait()
        if self.error is not None:
            raise self.error


def _start(app) -> None:
    """Start executing the notebooks among the pages Sphinx is about to read (found the way Sphinx's
    own `read` finds them: new, changed, or every page when the configuration changed; and those whose
    results `mibook.cacheguard` dropped)."""
    config = app.env.mystnb_config
    if config.execution_mode != "cache" or config.execution_in_temp:
        return
    env = app.env
    env.find_files(app.config, app.builder)
    added, changed, _ = env.get_outdated_files(env.config_status != CONFIG_OK)
    jobs = notebook_jobs(env, added | changed | set(_stale_docnames(app, env)))
    execution = getattr(app, "mibook_execution", None)
    if execution is None and jobs:
        execution = app.mibook_execution = Execution(Path(config.execution_cache_path), config.execution_timeout,
                                                     config.execution_allow_errors)
        execution.start()
    if execution is not None:
        execution.supply(jobs)


def _stale_docnames(app, env) -> list[str]:
    """The pages to re-read after a data edit: the notebooks whose results the guard dropped and the
    landing page (its JSON-LD)."""
    from mibook import cacheguard

    stale = cacheguard.stale_pages(_build_dir(app))
    if stale is None:
        return []
    docnames = {env.path2doc(uri) for uri in stale} | {app.config.root_doc}
    return sorted(doc for doc in docnames if doc in env.found_docs)


def _outdated(app, env, added, changed, removed) -> list[str]:
    return _stale_docnames(app, env)


def _validate_meanwhile(app, env, docnames) -> None:
    """While the kernels boot, validate the data here (once: `mibook.load` records a pass), so that
    no kernel waits for another to do it; invalid data stop the build, with the problems named."""
    if getattr(app, "mibook_execution", None) is not None:
        from mibook import load

        load.tables()


def _wait_for_page(app, docname, source) -> None:
    execution = getattr(app, "mibook_execution", None)
    if execution is not None:
        execution.wait_for(Path(app.env.doc2path(docname)).resolve())


def _finish(app, exception) -> None:
    """The thread and its kernels are done before Sphinx exits; say how many kernels ran (on a line of
    its own, which a thread's message might not get while Sphinx writes a progress line). After a
    build without error, the guard's list of stale pages is done with."""
    from mibook import cacheguard

    execution = getattr(app, "mibook_execution", None)
    if execution is not None:
        app.mibook_execution = None
        if not execution.known.is_set():  # the build stopped before it knew its notebooks: none to run
            execution.supply([])
        execution.join()
        if execution.error is not None and exception is None:
            raise execution.error
        if execution.report is not None and execution.report.kernels:
            LOGGER.info(f"kernels started: {execution.report.kernels}")
    stale = _build_dir(app) / cacheguard.STALE_PAGES
    if exception is None and stale.is_file():  # every stale page was re-read; those that failed stay stale
        failed = {name for name, _ in execution.report.failed} if execution and execution.report else set()
        kept = [f"{job.path}\n" for job in execution.jobs if job.name in failed] if failed else []
        if kept:
            stale.write_text("".join(kept), encoding="utf-8")
        else:
            stale.unlink()


@functools.lru_cache(maxsize=2)
def _cache(path: str):
    from jupyter_cache import get_cache

    return get_cache(path)


def _write_executed_notebook(app, doctree) -> None:
    """MyST-NB 1.4 writes `jupyter_execute/<page>.ipynb` from the notebook as read, so a page whose
    outputs came from the cache gets a notebook without them: write it merged with the cached outputs."""
    config = app.env.mystnb_config
    written = Path(config.output_folder, *f"{app.env.docname}.ipynb".split("/"))
    if config.execution_mode != "cache" or not written.is_file():
        return
    import nbformat

    try:
        _, merged = _cache(config.execution_cache_path).merge_match_into_notebook(nbformat.read(written, 4))
    except KeyError:  # not cached: MyST-NB executed it in place, or it failed
        return
    written.write_text(nbformat.writes(merged), encoding="utf-8")


def setup(app):
    # The process ends with the build: freezing the collector's objects at exit spares the interpreter
    # its final collection of the build's ~200,000 objects (0.3 s), memory the system reclaims anyway.
    atexit.register(gc.freeze)
    app.connect("config-inited", _guard)
    app.connect("builder-inited", _start)  # after MyST-NB's config (same priority, loaded earlier)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _validate_meanwhile)
    app.connect("source-read", _wait_for_page)
    app.connect("build-finished", _finish)
    app.connect("doctree-read", _write_executed_notebook)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
