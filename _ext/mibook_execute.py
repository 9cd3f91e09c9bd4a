"""Before Sphinx reads any page, execute the notebooks among the pages to read, in parallel, into
MyST-NB's execution cache (`mibook.execute`); MyST-NB then finds each one cached.

Which pages are notebooks is decided by MyST-NB's own reader (an `.ipynb`, or MyST markdown with a
notebook header), among the pages Sphinx is about to read (from `_toc.yml`): never a list. Only in
`execute_notebooks: cache` mode; Sphinx's own `-j` is not used (it races on the cache database).
"""

import functools
from pathlib import Path, PurePosixPath

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


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


def _pre_execute(app, env, docnames) -> None:
    config = env.mystnb_config
    if config.execution_mode != "cache" or config.execution_in_temp:
        return
    from mibook import execute

    jobs = notebook_jobs(env, docnames)
    if not jobs:
        return
    report = execute.run(jobs, Path(config.execution_cache_path), config.execution_timeout,
                         config.execution_allow_errors, log=LOGGER.info)
    LOGGER.info(f"kernels started: {report.kernels}")


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
    app.connect("env-before-read-docs", _pre_execute)
    app.connect("doctree-read", _write_executed_notebook)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
