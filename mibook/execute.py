"""Execute notebooks in parallel into MyST-NB's jupyter-cache, before Sphinx reads them.

Jupyter Book runs notebooks one after another, each in a new kernel (about 3 s of start-up and
imports before any work). `run` instead drives one kernel per core at once, each taking notebooks
off a shared queue in the order given (the order Sphinx reads them, so the build can read each page
as soon as its notebook is done): before each notebook the kernel's namespace is reset
(`%reset -f`) and its working folder set, so a notebook sees what a fresh kernel would, less the
start-up (imported modules, and vl-convert's warmed-up engine, stay). Execution counts are
renumbered as a fresh kernel numbers them. Each result goes into the book's own cache under the
hash MyST-NB computes, so the build that follows only reads outputs, with what the notebook read of
the data (`mibook.load.reads()`, under `READS`; `mibook.cacheguard` drops the result when that
changes). A notebook that fails is not cached: MyST-NB runs it again and stops the build with its
traceback and page, as without this step. Used by `_ext/mibook_execute.py`.
"""

import ast
import asyncio
import contextlib
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# One thread per kernel for every BLAS/OpenMP runtime a notebook might load.
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                         "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}
RESET = ("get_ipython().run_line_magic('reset', '-f')\nimport os as _os, sys as _sys\n_os.chdir({cwd!r})\n"
         "_sys.modules['mibook.load'].forget_reads() if 'mibook.load' in _sys.modules else None\ndel _os, _sys\n")
READS = "mibook_reads"  # the cache record's data key for what the notebook read of the data
# Evaluated in the kernel after a notebook: mibook.load's record of its reads ({} if it never loaded data).
READ_EXPRESSION = ("__import__('sys').modules['mibook.load'].reads() "
                   "if 'mibook.load' in __import__('sys').modules else {}")
START_TIMEOUT = 60
DEFAULT_KERNEL = "python3"  # what a notebook without a kernelspec runs in, and what kernels started ahead are


@dataclass(frozen=True)
class Job:
    name: str  # how progress lines name it, e.g. chapters/overview.md
    path: Path  # the notebook source (absolute)
    read_data: dict | None  # how jupyter-cache reads it (MyST-NB's own reader for text notebooks)


@dataclass
class Report:
    executed: list[tuple[str, float]]
    failed: list[tuple[str, str]]
    kernels: int = 0


def workers(jobs: int) -> int:
    """One kernel per core this process may use, and no more than there are notebooks."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, jobs))


def run(jobs: list[Job] | Callable[[], list[Job]], cache_path: Path, timeout: int, allow_errors: bool,
        log: Callable[[str], None] = print, done: Callable[[Job], None] = lambda job: None,
        prestart: int = 0, cwd: Path | None = None) -> Report:
    """Execute the notebooks among `jobs` that the cache lacks, in parallel; cache each success.
    `done(job)` is called once per job when its result (cached, executed or failed) is settled.

    `jobs` may be a function that blocks until the jobs are known: `prestart` kernels (started in `cwd`)
    then boot while it waits, so a build can start them before it knows which notebooks it will run;
    those not needed are shut down unused."""
    report = Report([], [])
    _run_coroutine(_run(jobs, cache_path, timeout, allow_errors, log, done, prestart, cwd, report))
    return report


def _run_coroutine(coroutine) -> None:
    """Run to completion, also from code that already runs an event loop (Jupyter, Playwright)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result()


async def _run(jobs, cache_path: Path, timeout: int, allow_errors: bool, log, done, prestart: int, cwd,
               report: Report) -> None:
    from jupyter_cache import get_cache

    booting = [asyncio.ensure_future(_start_kernel(DEFAULT_KERNEL, cwd or Path.cwd())) for _ in range(prestart)]
    try:
        if callable(jobs):
            jobs = await asyncio.get_running_loop().run_in_executor(None, jobs)
        cache = get_cache(str(cache_path))
        records = {}
        for job in jobs:
            record = cache.add_nb_to_project(str(job.path), **({"read_data": job.read_data} if job.read_data else {}))
            records[record.pk] = job
        unexecuted = {r.pk for r in cache.list_unexecuted(filter_pks=list(records))}
        pending = [job for pk, job in records.items() if pk in unexecuted]
        for pk, job in records.items():
            if pk not in unexecuted:
                done(job)
        count = workers(len(pending)) if pending else 0
        kernels = list(await asyncio.gather(*booting))
        booting = []  # from here on each kernel is shut down by the loop given it, or just below
        report.kernels += len(kernels)
        for kernel in kernels[count:]:
            await _stop_kernel(kernel)
        if pending:
            log(f"executing {len(pending)} of {len(records)} notebooks in {count} kernels")
            await asyncio.gather(*(_kernel_loop(cache, pending, timeout, allow_errors, report, log, done,
                                                kernels[i] if i < len(kernels) else None)
                                   for i in range(count)))
    finally:  # something failed before the kernels started ahead were handed out: none is left running
        for task in booting:
            with contextlib.suppress(Exception):
                await _stop_kernel(await task)


async def _kernel_loop(cache, queue: list[Job], timeout: int, allow_errors: bool, report: Report, log,
                       done, kernel=None) -> None:
    """One kernel (`kernel`, if one was started ahead): take notebooks off the shared queue until it is
    empty; shut the kernel down.

    Which notebooks share a kernel depends on timing; their outputs do not (compared identical with
    a kernel per notebook, see benchmarks/README.md)."""
    from nbclient.exceptions import CellExecutionError

    try:
        while queue:
            job = queue.pop(0)
            start = time.perf_counter()
            try:
                notebook = cache.get_project_notebook(str(job.path)).nb
                name = notebook.metadata.get("kernelspec", {}).get("name", DEFAULT_KERNEL)
                if kernel is not None and kernel[0] != name:
                    kernel = await _stop_kernel(kernel)
                if kernel is None:
                    kernel = await _start_kernel(name, job.path.parent)
                    report.kernels += 1
                reads = await _execute(kernel, notebook, job.path.parent, timeout, allow_errors)
            except CellExecutionError as error:
                _failed(cache, job, str(error), report, log)
                done(job)
                continue
            except Exception as error:  # a timeout, a dead kernel, an unreadable notebook: start afresh
                _failed(cache, job, f"{type(error).__name__}: {error}", report, log)
                done(job)
                kernel = await _stop_kernel(kernel)
                continue
            seconds = time.perf_counter() - start
            _cache_result(cache, job.path, notebook, seconds, reads)
            report.executed.append((job.name, seconds))
            log(f"executed {job.name} in {seconds:.1f} s")
            done(job)
    finally:
        await _stop_kernel(kernel)


START_ATTEMPTS = 3


async def _start_kernel(name: str, cwd: Path):
    """(kernelspec name, manager, client) of a started kernel, with one BLAS/OpenMP thread. A kernel that dies
    while starting is started afresh: its TCP ports are picked before it binds them, so another process
    (a parallel build or test) can take one first ("Address already in use")."""
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            return await _start_kernel_once(name, cwd)
        except RuntimeError:  # jupyter_client: "Kernel died before replying to kernel_info"
            if attempt == START_ATTEMPTS:
                raise


async def _start_kernel_once(name: str, cwd: Path):
    import zmq
    from jupyter_client.manager import AsyncKernelManager

    # Encrypted transport (CurveZMQ) where pyzmq has it, which also stops ipykernel's warning about
    # plain TCP once per kernel.
    encryption = "auto" if zmq.has("curve") else "disabled"
    manager = AsyncKernelManager(kernel_name=name, transport_encryption=encryption)
    await manager.start_kernel(cwd=str(cwd), env={**os.environ, **SINGLE_THREAD})
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=START_TIMEOUT)
    except BaseException:
        await _stop_kernel((name, manager, client))
        raise
    return name, manager, client


async def _stop_kernel(kernel) -> None:
    """Shut a kernel down (if any); returns None, the kernel it leaves."""
    if kernel is None:
        return None
    _, manager, client = kernel
    client.stop_channels()
    await manager.shutdown_kernel(now=True)
    return None


async def _execute(kernel, notebook, cwd: Path, timeout: int, allow_errors: bool) -> dict:
    """Run `notebook` in the kernel as a fresh kernel would (reset namespace, set folder, renumber);
    returns what it read of the data."""
    from nbclient import NotebookClient

    _, manager, client = kernel
    runner = NotebookClient(notebook, km=manager, timeout=timeout, allow_errors=allow_errors, record_timing=False)
    runner.kc = client
    reply = await runner.async_wait_for_reply(client.execute(RESET.format(cwd=str(cwd)), silent=True,
                                                             store_history=False))
    if reply is None or reply["content"]["status"] != "ok":
        raise RuntimeError(f"could not reset the kernel before {cwd}: {reply and reply['content']}")
    await runner.async_execute()
    count = 0
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.strip():
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output.execution_count = count
    reply = await runner.async_wait_for_reply(client.execute("", silent=True, store_history=False,
                                                             user_expressions={"reads": READ_EXPRESSION}))
    value = reply["content"]["user_expressions"]["reads"] if reply and reply["content"]["status"] == "ok" else {}
    if value.get("status") != "ok":
        raise RuntimeError(f"could not ask the kernel what {cwd} read: {value}")
    return ast.literal_eval(value["data"]["text/plain"])


def _cache_result(cache, path: Path, notebook, seconds: float, reads: dict) -> None:
    from jupyter_cache.base import CacheBundleIn

    bundle = CacheBundleIn(notebook, str(path), data={"execution_seconds": seconds, READS: reads})
    cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)


def _failed(cache, job: Job, message: str, report: Report, log) -> None:
    from jupyter_cache.cache.db import NbProjectRecord

    NbProjectRecord.set_traceback(str(job.path), message, cache.db)
    report.failed.append((job.name, message))
    log(f"executing {job.name} FAILED; the build runs it again and shows why")
