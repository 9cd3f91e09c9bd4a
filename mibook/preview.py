"""`make preview`: the book served on 127.0.0.1 and rebuilt whenever a source is saved.

sphinx-autobuild's watcher, server and page reloader around `jupyter-book build` with the flags
`make book` uses: the same build and the same caches under `_build/` (sphinx-autobuild's own builder
runs plain Sphinx, without the book's `_config.yml`). It watches the project folder (chapters, the
landing page, `data/`, `mibook/`, `_ext/`, `_config.yml`, `_toc.yml`, `references.bib`,
`CITATION.cff`) less the build, the venv, the tests and tool caches, plus `$MIBOOK_DATA_DIR` when that
lies outside it. An open page reloads itself after each rebuild. Ctrl-C or SIGTERM stops it; it needs
no special flag as root.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from mibook import paths

DEFAULT_PORT = 8000
IGNORED = ("_build", ".venv", ".git", "tests", "benchmarks", "scripts", ".github", ".ci", "node_modules")
IGNORED_NAMES = r"(__pycache__|\.ipynb_checkpoints|\.pytest_cache|\.ruff_cache|\.jupyter_cache)(/|$)|(~|\.swp|\.tmp)$"


class Rebuild:
    """`jupyter-book build` of `root` with `flags`; sphinx-autobuild calls it (in a child process) on changes."""

    def __init__(self, root: Path, flags: list[str], url: str):
        self.root, self.flags, self.url = root, flags, url

    def __call__(self, *, changed_paths=()) -> None:
        if changed_paths:
            print(f"changed: {', '.join(sorted(str(p) for p in changed_paths)[:5])}; rebuilding", flush=True)
        command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(self.root), *self.flags]
        code = subprocess.call(command, cwd=self.root)
        state = "built" if code == 0 else f"the build failed (exit {code}); serving the last pages built"
        print(f"{state}. Serving on {self.url}", flush=True)


def main(argv: list[str] | None = None) -> int:
    import uvicorn
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from sphinx_autobuild.utils import find_free_port
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    parser = argparse.ArgumentParser(prog="python -m mibook.preview", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args, flags = parser.parse_known_args(argv)  # the rest are jupyter-book's flags
    root = args.root.resolve()
    port = args.port or find_free_port()
    host = f"127.0.0.1:{port}"
    url = f"http://{host}/"
    html = root / "_build" / "html"
    html.mkdir(parents=True, exist_ok=True)
    rebuild = Rebuild(root, flags, url)
    print(f"Preview: {url}  (first build now; Ctrl-C stops it)", flush=True)
    rebuild()
    watched = [root] + [d for d in [paths.data_dir()] if not d.is_relative_to(root)]
    watcher = RebuildServer(watched, IgnoreFilter([root / name for name in IGNORED], [IGNORED_NAMES]),
                            change_callback=rebuild)
    app = Starlette(routes=[WebSocketRoute("/websocket-reload", watcher, name="reload"),
                            Mount("/", app=StaticFiles(directory=html, html=True), name="static")],
                    middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=host)], lifespan=watcher.lifespan)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
