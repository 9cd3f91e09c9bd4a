"""`make preview` (mibook.preview). On a copy of the project (a book build): it prints its address, serves the
built book, rebuilds a saved chapter and serves the new page, and stops cleanly on Ctrl-C (SIGINT to its group).
Without a build (the build command and the server replaced): the command it runs and what it prints, its
flags and port, what it watches and ignores, and the app it serves (pages, reload script, reload socket)."""

import functools
import io
import logging
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mibook import paths, preview
from tests.book import BUILD
from tests.test_rebuilds import COPY_IGNORE, copy_environment

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


@pytest.mark.book
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


# Without a build: jupyter-book and the server replaced, so each test takes a fraction of a second.

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")


class Piped(io.StringIO):
    """Standard output piped to a log file (`make preview > log`, the test above): a line reaches the log
    when it is flushed; `delivered` is what has."""

    def __init__(self):
        super().__init__()
        self.delivered = ""

    def flush(self):
        self.delivered = self.getvalue()


@pytest.fixture
def out(monkeypatch) -> Piped:
    """What the preview prints, as a piped log gets it."""
    piped = Piped()
    monkeypatch.setattr(preview, "print", functools.partial(print, file=piped), raising=False)
    return piped


class Builds(list):
    """The builds run in place of jupyter-book: (command, cwd, the output delivered when it started)."""

    code = 0  # what each exits with


@pytest.fixture
def builds(monkeypatch, out) -> Builds:
    found = Builds()

    def call(command, cwd=None):
        found.append((command, cwd, out.delivered))
        return found.code

    monkeypatch.setattr(subprocess, "call", call)
    return found


@pytest.fixture
def serve(monkeypatch, tmp_path, builds):
    """`preview.main(argv)` with uvicorn's server replaced; returns what it would serve: the app and
    uvicorn's options, with `builds_before` (how many builds had run when serving began)."""
    import uvicorn

    served = {}

    def run(app, **options):
        served.update(app=app, builds_before=len(builds), **options)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(tmp_path / "book" / "data"))
    (tmp_path / "book" / "data").mkdir(parents=True)

    def main(*argv: str) -> dict:
        assert preview.main(list(argv)) == 0
        return served

    return main


def _watcher(app):
    from starlette.routing import WebSocketRoute

    return next(route.endpoint for route in app.routes if isinstance(route, WebSocketRoute))


def test_a_rebuild_runs_the_venvs_jupyter_book_on_the_root_with_the_flags_and_says_it_built(tmp_path, builds, out):
    rebuild = preview.Rebuild(tmp_path, ["-n", "--keep-going"], "http://127.0.0.1:8123/")
    rebuild()
    assert builds == [([JUPYTER_BOOK, "build", str(tmp_path), "-n", "--keep-going"], tmp_path, "")]
    assert Path(JUPYTER_BOOK).is_file(), "the command names the jupyter-book this Python has"
    assert out.getvalue() == "built. Serving on http://127.0.0.1:8123/\n"
    assert out.delivered == out.getvalue(), "a piped log shows the line at once"


def test_a_failed_rebuild_says_so_with_its_exit_code_and_keeps_serving(tmp_path, builds, out):
    builds.code = 2
    preview.Rebuild(tmp_path, [], "http://127.0.0.1:8123/")()
    assert out.getvalue() == ("the build failed (exit 2); serving the last pages built. "
                              "Serving on http://127.0.0.1:8123/\n")
    assert out.delivered == out.getvalue()


def test_a_rebuild_after_a_save_names_the_first_five_changed_paths_before_building(tmp_path, builds, out):
    changed = [Path(f"/book/chapters/{name}.md") for name in "gfedcba"]
    preview.Rebuild(tmp_path, [], "http://127.0.0.1:8123/")(changed_paths=changed)
    line = ("changed: /book/chapters/a.md, /book/chapters/b.md, /book/chapters/c.md, /book/chapters/d.md, "
            "/book/chapters/e.md; rebuilding\n")
    assert out.getvalue() == line + "built. Serving on http://127.0.0.1:8123/\n"
    assert builds[0][2] == line, "the line reaches the log before the build's own output"


def test_preview_builds_first_then_serves_on_port_8000_and_passes_other_flags_to_jupyter_book(
        tmp_path, monkeypatch, serve, builds, out):
    monkeypatch.chdir(tmp_path)
    served = serve("--root", "book", "-n", "-W", "--keep-going")  # no _build yet: its html folder is made
    root = tmp_path / "book"
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    assert builds == [([JUPYTER_BOOK, "build", str(root), "-n", "-W", "--keep-going"], root,
                       "Preview: http://127.0.0.1:8000/  (first build now; Ctrl-C stops it)\n")]
    assert served["builds_before"] == 1, "the first build is done before the server starts"
    assert (root / "_build" / "html").is_dir()
    assert out.delivered == out.getvalue()
    from uvicorn.config import LOG_LEVELS

    assert LOG_LEVELS[served["log_level"]] >= logging.WARNING, "no log line per request"


def test_preview_serves_the_project_root_unless_told_otherwise(tmp_path, monkeypatch, serve, builds):
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path / "book")
    serve()
    assert builds[0][0] == [JUPYTER_BOOK, "build", str(tmp_path / "book")]


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")  # the client still works
def test_port_0_picks_a_free_port_and_the_pages_get_a_reload_script_for_it(tmp_path, serve, out):
    html = tmp_path / "book" / "_build" / "html"  # an earlier build's pages
    (html / "chapters").mkdir(parents=True)
    (html / "index.html").write_text("<html><body>The landing page</body></html>", encoding="utf-8")
    (html / "chapters" / "trade.html").write_text("<html><body>Trade</body></html>", encoding="utf-8")
    served = serve("--root", str(tmp_path / "book"), "--port", "0")
    port = served["port"]
    assert port > 0 and f"Preview: http://127.0.0.1:{port}/  " in out.getvalue()
    from starlette.testclient import TestClient

    client = TestClient(served["app"])
    landing, chapter = client.get("/"), client.get("/chapters/trade.html")
    assert landing.status_code == chapter.status_code == 200
    assert landing.text.startswith("<html><body>The landing page</body></html>")
    assert chapter.text.startswith("<html><body>Trade</body></html>")
    script = f'new WebSocket("ws://127.0.0.1:{port}/websocket-reload")'
    assert script in landing.text and script in chapter.text
    assert (html / "index.html").read_text(encoding="utf-8") == "<html><body>The landing page</body></html>"
    watcher = _watcher(served["app"])
    watcher.flag.set()  # as after a rebuild
    with client.websocket_connect("/websocket-reload") as socket:
        assert socket.receive_text() == "refresh", "the script's socket tells an open page to reload"


SOURCES = ["chapters/trade.md", "chapters/appendix/method.md", "index.md", "data/trade.csv", "data/source/article.txt",
           "mibook/load.py", "_ext/mibook_execute.py", "_config.yml", "_toc.yml", "references.bib", "CITATION.cff"]
NOT_SOURCES = ["_build/html/index.html", "_build/.jupyter_cache/global.db", ".venv/lib/site.py", ".git/index",
               "tests/test_load.py", "benchmarks/mutation.md", "scripts/mutation.py", ".github/workflows/pages.yml",
               ".ci/run", "node_modules/a/b.js", "mibook/__pycache__/load.cpython-311.pyc",
               "chapters/.ipynb_checkpoints/trade-checkpoint.md", ".pytest_cache/v/x", ".ruff_cache/x",
               "chapters/trade.md~", "chapters/.trade.md.swp", "data/trade.csv.tmp"]


def test_the_watcher_sees_every_source_and_ignores_builds_tools_and_editor_files(tmp_path, serve, builds):
    served = serve("--root", str(tmp_path / "book"), "-n")
    root = tmp_path / "book"
    watcher = _watcher(served["app"])
    assert watcher.paths == [root], "the data folder inside the root is watched once, with it"
    assert [name for name in SOURCES if watcher.ignore(str(root / name))] == []
    assert [name for name in NOT_SOURCES if not watcher.ignore(str(root / name))] == []
    rebuild = pickle.loads(pickle.dumps(watcher.change_callback))  # run in a child process: pickled
    rebuild(changed_paths=[root / "chapters" / "trade.md"])
    assert [command for command, _, _ in builds] == [[JUPYTER_BOOK, "build", str(root), "-n"]] * 2


def test_a_data_folder_outside_the_root_is_watched_too(tmp_path, monkeypatch, serve):
    data = tmp_path / "elsewhere" / "data"
    data.mkdir(parents=True)
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data))
    watcher = _watcher(serve("--root", str(tmp_path / "book"))["app"])
    assert watcher.paths == [tmp_path / "book", data]
    assert not watcher.ignore(str(data / "trade.csv"))


def test_help_names_the_command_what_it_does_and_the_free_port_choice(serve, builds, capsys):
    with pytest.raises(SystemExit) as stopped:
        serve("--help")
    assert stopped.value.code == 0 and builds == []
    text = capsys.readouterr().out
    assert text.startswith("usage: python -m mibook.preview [-h] [--port PORT] [--root ROOT]")
    words = " ".join(text.split())  # argparse wraps the description to the terminal's width
    assert preview.__doc__.splitlines()[0] in words and "--port PORT 0 picks a free port" in words
