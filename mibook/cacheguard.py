"""Keep the build's caches honest. MyST-NB's execution cache keys a notebook on its code cells only,
and Sphinx re-reads a page only when its source changed; neither sees an edit to the data, the package,
the book's Sphinx extensions or its bibliographic record. `guard` runs before every build and, by
what changed since the last one:

- the code every page may run (`mibook/`, `_ext/`, `CITATION.cff`, `_toc.yml`, `references.bib`, Python
  and the installed distributions) or a data file that `mibook.load` does not note reads of (the map,
  the README): clears the execution cache and Sphinx's environment, so everything re-executes;
- the book's metadata (`mibook.metadata.book()`: version, date of the last commit...), shown on every
  page: clears Sphinx's environment, so every page is re-read (from the execution cache) and rewritten;
- the data: drops the cached result of each notebook whose recorded reads (`mibook.execute.READS`)
  changed, or that has no record, and lists it in `STALE_PAGES` for `_ext/mibook_execute.py` to
  re-execute and re-read; that file also tells it the data changed. It is emptied after a build.

Run inside every build by `_ext/mibook_execute.py` (at `config-inited`, before Sphinx loads its
environment), so `jupyter-book build` is safe however it is started.
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

from mibook import paths

STAMP = ".inputs-fingerprint"
STALE_PAGES = ".stale-pages"  # one notebook source per line, dropped from the cache, to execute and re-read
CACHE = ".jupyter_cache"
# The execution cache, and Sphinx's record of which pages are up to date (else unchanged pages would
# not be re-read, and so not re-executed).
STALE_ON_CODE_CHANGE = (CACHE, ".doctrees", "jupyter_execute")
STALE_ON_METADATA_CHANGE = (".doctrees",)
BOOK_FILES = ("CITATION.cff", "_toc.yml", "references.bib")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def code_fingerprint(extensions: Path) -> str:
    """Everything a page may run besides the data, as one hash."""
    files = [paths.PROJECT_ROOT / name for name in BOOK_FILES]
    return _hash(paths.fingerprint(paths.PROJECT_ROOT / "mibook"), paths.fingerprint(extensions),
                 *(f"{p.name}:{_file_hash(p)}" for p in files), sys.version, *paths.installed_distributions())


def metadata_fingerprint() -> str:
    from mibook import metadata

    return _hash(repr(metadata.book()))


def data_files() -> dict[str, str]:
    """Every file of the data folder in use: its path inside the folder -> hash."""
    folder = paths.data_dir()
    return {p.relative_to(folder).as_posix(): _file_hash(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def guard(build_dir: Path, extensions: Path) -> list[Path]:
    """Clear or prune the caches in `build_dir` for what changed since its stamp; the folders cleared."""
    stamp_path = build_dir / STAMP
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = None
    if not isinstance(stamp, dict) or not isinstance(stamp.get("data"), dict):  # none, or from an older build
        stamp = {"data": {}}
    current = {"code": code_fingerprint(extensions), "metadata": metadata_fingerprint(), "data": data_files()}
    if stamp == current:
        return []
    changed = {name for name in stamp["data"].keys() | current["data"].keys()
               if stamp["data"].get(name) != current["data"].get(name)}
    if stamp.get("code") != current["code"] or (changed and changed - set(_read_through_load())):
        cleared = _clear(build_dir, STALE_ON_CODE_CHANGE)
    else:
        cleared = _clear(build_dir, STALE_ON_METADATA_CHANGE) if stamp["metadata"] != current["metadata"] else []
        if changed:
            _drop_stale_results(build_dir)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp_path.write_text(json.dumps(current), encoding="utf-8")
    return cleared


def _read_through_load() -> list[str]:
    """The data files whose reads `mibook.load` notes: the tables, the package, the article."""
    from mibook import datafiles

    return datafiles.noted_files(paths.data_dir())


def _clear(build_dir: Path, names) -> list[Path]:
    cleared = [build_dir / name for name in names if (build_dir / name).exists()]
    for folder in cleared:
        shutil.rmtree(folder)
    return cleared


def _drop_stale_results(build_dir: Path) -> None:
    """Drop each cached notebook whose recorded reads of the data changed (or that has no record),
    and add it to `STALE_PAGES` (written even when empty: the data changed)."""
    from mibook import datafiles
    from mibook.execute import READS

    stale = set(stale_pages(build_dir) or [])
    if (build_dir / CACHE).is_dir():
        from jupyter_cache import get_cache

        cache = get_cache(str(build_dir / CACHE))
        current = datafiles.input_fingerprints(paths.data_dir())
        for record in cache.list_cache_records():
            reads = (record.data or {}).get(READS)
            if reads is None or any(current.get(key) != value for key, value in reads.items()):
                stale.add(record.uri)
                cache.remove_cache(record.pk)
    (build_dir / STALE_PAGES).write_text("".join(f"{uri}\n" for uri in sorted(stale)), encoding="utf-8")


def stale_pages(build_dir: Path) -> list[str] | None:
    """The notebooks dropped from the cache since the last build finished; None if the data did not change."""
    try:
        return (build_dir / STALE_PAGES).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
