"""Building the book once per test run (HTML, and the PDF from the same execution cache), shared by every
pytest-xdist worker.

The shared builds are made once per run and never changed afterwards, so any number of workers may read
them at once; a test that rebuilds works on its own copy (`copy_build`, the `book_copy` fixture). Each
shared build has a lock file: the first process to take it builds (as soon as collection ends, in a
background process, `start_shared_build`, so the tests that need no book run meanwhile); the others wait
for the lock and find the build done (a stamp names the run). The PDF is built in an output folder of its
own from a copy of the HTML build's environment and execution cache, so it never rewrites a file of the
HTML build that a test may be reading, and the HTML book stays one built without a PDF beside it.
"""

import fcntl
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from mibook import paths

ROOT = paths.PROJECT_ROOT
OUTPUT = ROOT / "_build" / "test"  # jupyter-book writes OUTPUT/_build/{html,latex,...}
BUILD = OUTPUT / "_build"
HTML = BUILD / "html"
LATEX = BUILD / "latex"  # where an HTML build looks for a PDF to offer (none in the shared build)
PDF_OUTPUT = ROOT / "_build" / "test-pdf"
PDF = PDF_OUTPUT / "_build" / "latex" / "moscow-islamabad.pdf"
BIN = Path(sys.executable).parent
# One id per test run, the same in every pytest-xdist worker (and in the background build they start).
RUN_ENV = "MIBOOK_TEST_RUN"
RUN = os.environ.get(RUN_ENV) or os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def jupyter_book(*args: str, output: Path = OUTPUT, root: Path = ROOT, env: dict | None = None,
                 timeout: int = 1800) -> subprocess.CompletedProcess:
    """Run `jupyter-book build` with the book's strict flags; returns the completed process."""
    command = [str(BIN / "jupyter-book"), "build", str(root), "--path-output", str(output), "-n", "-W",
               "--keep-going", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=root)


def build_or_fail(*args: str, output: Path = OUTPUT) -> Path:
    result = jupyter_book(*args, output=output)
    if result.returncode != 0:
        pytest.fail(f"jupyter-book build {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return output / "_build"


def require_tool(name: str, path: str | None = None) -> str:
    """The path of a system tool; in CI its absence fails the run, elsewhere it skips the test."""
    found = path if path and Path(path).exists() else shutil.which(name)
    if found:
        return found
    message = f"{name} is missing; run `make test` (it installs it with apt)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def same_bytes(first: Path, second: Path) -> bool:
    """Whether two files hold the same bytes (for `assert`: pytest would diff two large byte strings for
    many minutes before reporting that they differ)."""
    return filecmp.cmp(first, second, shallow=False)


def copy_build() -> Path:
    """A copy of the shared HTML build (output, environment, execution cache) in a new output folder, for a
    test that rebuilds: a build with `output=` this folder starts where the shared one ended. The folder lies
    in the project (under _build/, which the book excludes), as a PDF the build offers must."""
    parent = ROOT / "_build" / "test-copies"
    parent.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(dir=parent))
    shutil.copytree(BUILD, target / "_build", ignore=shutil.ignore_patterns("latex"))
    return target


# --- once per run, whichever process comes first ------------------------------------------------------

@contextmanager
def _locked(name: str):
    path = ROOT / "_build" / f"test-{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stamp(name: str) -> Path:
    return ROOT / "_build" / f"test-{name}.done"


def _once(name: str, build) -> str:
    """Run `build()` (which returns an error message, or "" on success) unless this run already did, in
    any process; returns the error message of the build that ran."""
    with _locked(name):
        stamp = _stamp(name)
        if stamp.is_file():
            done = json.loads(stamp.read_text(encoding="utf-8"))
            if done["run"] == RUN:
                return done["error"]
        stamp.unlink(missing_ok=True)
        error = build()  # an interrupted build leaves no stamp: the next process to take the lock builds
        stamp.write_text(json.dumps({"run": RUN, "error": error}), encoding="utf-8")
        return error


def _build(*args: str, output: Path) -> str:
    result = jupyter_book(*args, output=output)
    if result.returncode == 0:
        return ""
    return f"jupyter-book build {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"


def _build_html() -> str:
    shutil.rmtree(LATEX, ignore_errors=True)  # the landing page links the PDF only when one exists
    return _build(output=OUTPUT)


def _build_pdf() -> str:
    """The PDF in its own output folder, from a copy of the HTML build's environment and execution cache."""
    shutil.rmtree(PDF_OUTPUT, ignore_errors=True)
    shutil.copytree(BUILD, PDF_OUTPUT / "_build", ignore=shutil.ignore_patterns("html", "latex"))
    return _build("--builder", "pdflatex", output=PDF_OUTPUT)


def can_build_pdf() -> bool:
    return bool(shutil.which("xelatex") and shutil.which("latexmk"))


def shared_html() -> Path:
    """The HTML book of this run (built now if no process has yet); returns the html folder."""
    error = _once("html", _build_html)
    if error:
        pytest.fail(error)
    return HTML


def shared_pdf() -> Path:
    """The PDF of this run (built now if no process has yet, after the HTML); returns its path."""
    shared_html()
    error = _once("pdf", _build_pdf)
    if error:
        pytest.fail(error)
    return PDF


def start_shared_build(pdf: bool) -> subprocess.Popen:
    """Start building the run's HTML book, then (if `pdf` and TeX is there) its PDF, in a background process
    that holds each lock while it builds; a test that needs a build waits for its lock and finds it done."""
    log = ROOT / "_build" / "test-shared-build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "tests.book", *(["--pdf"] if pdf else [])]
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, RUN_ENV: RUN}, start_new_session=True)


def _main() -> None:
    """The background build (`start_shared_build`)."""
    error = _once("html", _build_html)
    print(error or "html built", flush=True)
    if not error and "--pdf" in sys.argv[1:] and can_build_pdf():
        print(_once("pdf", _build_pdf) or "pdf built", flush=True)


if __name__ == "__main__":
    _main()
