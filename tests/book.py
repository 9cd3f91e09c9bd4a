"""Building the book once per test session (HTML, and the PDF from the same execution cache)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mibook import paths

ROOT = paths.PROJECT_ROOT
OUTPUT = ROOT / "_build" / "test"  # jupyter-book writes OUTPUT/_build/{html,latex,...}
BUILD = OUTPUT / "_build"
HTML = BUILD / "html"
LATEX = BUILD / "latex"
BIN = Path(sys.executable).parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def jupyter_book(*args: str, output: Path = OUTPUT, root: Path = ROOT, env: dict | None = None,
                 timeout: int = 1800) -> subprocess.CompletedProcess:
    """Run `jupyter-book build` with the book's strict flags; returns the completed process."""
    command = [str(BIN / "jupyter-book"), "build", str(root), "--path-output", str(output), "-n", "-W",
               "--keep-going", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=root)


def build_or_fail(*args: str) -> Path:
    result = jupyter_book(*args)
    if result.returncode != 0:
        pytest.fail(f"jupyter-book build {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return BUILD


def require_tool(name: str, path: str | None = None) -> str:
    """The path of a system tool; in CI its absence fails the run, elsewhere it skips the test."""
    found = path if path and Path(path).exists() else shutil.which(name)
    if found:
        return found
    message = f"{name} is missing; run `make test` (it installs it with apt)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)
