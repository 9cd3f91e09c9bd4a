"""`make preview` (mibook.preview) on a copy of the project: it prints its address, serves the built book,
rebuilds a saved chapter and serves the new page, and stops cleanly on Ctrl-C (SIGINT to its group)."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mibook import paths
from tests.book import BUILD
from tests.test_rebuilds import COPY_IGNORE, copy_environment

pytestmark = pytest.mark.book

SENTENCE = "A sentence the preview test saved."


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _served(url: str) -> str:
    """The page, or "" while the server is not up yet."""
    try:
        return _get(url)
    except OSError:
        return ""


def _wait_for(predicate, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"no {what} after {seconds} s; the preview printed:\n{log.read_text()[-4000:]}")


def test_preview_serves_the_book_and_rebuilds_a_saved_chapter(tmp_path, html_book):
    root = tmp_path / "book"
    shutil.copytree(paths.PROJECT_ROOT, root, ignore=COPY_IGNORE)
    shutil.copytree(BUILD, root / "_build")  # the session's build: the first build reads the cache, executes nothing
    env = copy_environment(root)
    log = tmp_path / "preview.log"
    command = [sys.executable, "-m", "mibook.preview", "--port", "0", "--root", str(root), "-n", "-W", "--keep-going"]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=root,
                                   start_new_session=True)
    try:
        def address():
            found = re.search(r"^Preview: (http://127\.0\.0\.1:\d+/)", log.read_text(), re.M)
            return found and found.group(1)

        url = _wait_for(address, 60, "address", log)
        _wait_for(lambda: f"built. Serving on {url}" in log.read_text(), 600, "first build", log)
        page = f"{url}chapters/overview.html"
        assert "executed " not in log.read_text(), "the first build should find every notebook in the copied cache"
        first = _wait_for(lambda: _served(page), 60, "served page", log)
        assert "Key points" in first and SENTENCE not in first and "/websocket-reload" in first
        chapter = root / "chapters" / "overview.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{SENTENCE}\n", encoding="utf-8")
        _wait_for(lambda: SENTENCE in _served(page), 600, "rebuilt page", log)
        assert "changed: " in log.read_text() and "executed " not in log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        code = process.wait(timeout=120)
    assert code == 0, log.read_text()[-4000:]
    with pytest.raises(OSError):
        _get(url)
    _wait_for(lambda: not _group_alive(process.pid), 30, "end of every process of the preview", log)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
