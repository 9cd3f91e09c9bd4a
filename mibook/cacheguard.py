"""Keep the build's caches honest. MyST-NB's execution cache keys a notebook on its code cells only,
and Sphinx re-reads a page only when its source changed; neither sees an edit to the data, the package
or the book's Sphinx extensions. `guard` clears both when any of those changed since the last build.

Run inside every build by `_ext/mibook_execute.py` (at `config-inited`, before Sphinx loads its
environment), so `jupyter-book build` is safe however it is started.
"""

import shutil
from pathlib import Path

from mibook import paths

STAMP = ".inputs-fingerprint"
# The execution cache, and Sphinx's record of which pages are up to date (else unchanged pages would
# not be re-read, and so not re-executed).
STALE_ON_INPUT_CHANGE = (".jupyter_cache", ".doctrees", "jupyter_execute")


def inputs_fingerprint(extensions: Path) -> str:
    """The data folder in use, the package and the Sphinx extensions in `extensions`, as one hash."""
    folders = (paths.data_dir(), paths.PROJECT_ROOT / "mibook", extensions)
    return "\n".join(paths.fingerprint(folder) for folder in folders) + "\n"


def guard(build_dir: Path, extensions: Path) -> list[Path]:
    """Clear the stale caches in `build_dir` if the inputs changed since its stamp; the folders cleared."""
    stamp, current = build_dir / STAMP, inputs_fingerprint(extensions)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == current:
        return []
    cleared = [build_dir / name for name in STALE_ON_INPUT_CHANGE if (build_dir / name).exists()]
    for folder in cleared:
        shutil.rmtree(folder)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current, encoding="utf-8")
    return cleared
