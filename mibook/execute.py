"""Execute the book's notebooks in parallel before Sphinx reads them: `python -m mibook execute BUILD_DIR`.

Jupyter Book runs notebooks one after another. This fills the book's own execution cache
(`BUILD_DIR/.jupyter_cache`) first, with jupyter-cache's parallel worker and MyST-NB's reader (so the
hashes are the ones the build looks up); `jupyter-book build` in cache mode then only reads outputs.
Which pages are notebooks comes from `_toc.yml` and each file's header (`mibook.toc`), never a list.
A notebook that fails is left out of the cache: the build runs it again and stops on it, with its
traceback and page, exactly as it would without this step.
"""

import multiprocessing
import os
import time
from pathlib import Path

import yaml
from jupyter_cache import get_cache
from jupyter_cache.cache.db import NbProjectRecord
from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData
from jupyter_cache.executors.utils import single_nb_execution
from traitlets.config import Config

from mibook import toc

# One thread per worker for every BLAS/OpenMP runtime a kernel might load; kernels inherit this.
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                         "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}
READERS = {".md": {"type": "plugin", "name": "myst_nb_md"}, ".ipynb": {"type": "plugin", "name": "nbformat"}}


class Worker(ExecutionWorkerLocalMProc):
    """jupyter-cache's parallel worker, starting kernels with an encrypted transport (CurveZMQ), which
    also keeps ipykernel from warning about plain TCP once per notebook."""

    @staticmethod
    def execute(project_nb, data):
        config = Config({"KernelManager": {"transport_encryption": "auto"}})
        return single_nb_execution(project_nb.nb, cwd=str(Path(project_nb.uri).parent), timeout=data.timeout,
                                   allow_errors=data.allow_errors, config=config)


def settings(root: Path) -> tuple[int, bool]:
    """(timeout in seconds, allow_errors) from `_config.yml`, as the build itself reads them."""
    config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8")) or {}
    execute = config.get("execute") or {}
    return int(execute.get("timeout", 30)), bool(execute.get("allow_errors", False))


def workers(jobs: int) -> int:
    """One worker per core this process may use, and no more than there are notebooks to run."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, jobs))


def run(root: Path, build_dir: Path) -> int:
    """Execute every notebook of the book whose outputs the cache lacks; returns how many failed."""
    root = Path(root).resolve()
    cache = get_cache(str(Path(build_dir).resolve() / ".jupyter_cache"))
    records = [cache.add_nb_to_project(str(path), read_data=READERS[path.suffix]) for path in toc.notebooks(root)]
    pending = cache.list_unexecuted(filter_pks=[r.pk for r in records])
    if not pending:
        print(f"execute: all {len(records)} notebooks are cached")
        return 0
    NbProjectRecord.remove_tracebacks([r.pk for r in pending], cache.db)
    timeout, allow_errors = settings(root)
    jobs = [ProcessData(r.pk, r.uri, cache, timeout, allow_errors) for r in pending]
    os.environ.update(SINGLE_THREAD)
    count = workers(len(jobs))
    print(f"execute: {len(jobs)} of {len(records)} notebooks, {count} at a time", flush=True)
    failed = 0
    with multiprocessing.Pool(count) as pool:
        for status, uri, seconds in pool.imap_unordered(_execute, jobs):
            name = Path(uri).relative_to(root).as_posix()
            failed += status != 0
            outcome = "FAILED (the build runs it again and shows why)" if status else "done"
            print(f"execute: {name} {outcome} in {seconds:.1f} s", flush=True)
    return failed


def _execute(data: ProcessData) -> tuple[int, str, float]:
    """In a pool process: run one notebook and cache it. (0 ok, 1 cell error, 2 other failure; uri; s)."""
    start = time.perf_counter()
    status, uri = Worker()(data)
    return status, uri, time.perf_counter() - start
