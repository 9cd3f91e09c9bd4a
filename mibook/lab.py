"""`make lab`: JupyterLab on the project, headless on 127.0.0.1 behind a token.

The chapters (`chapters/*.md`, jupytext) open as notebooks through jupytext's contents manager.
`command()` is the one argument builder: the Makefile target runs `python -m mibook.lab`, and
tests/test_lab.py starts the same server from it. As root (CI, containers) it adds `--allow-root`,
without which JupyterLab refuses to start.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

from mibook import paths

DEFAULT_PORT = 8888


def command(port: int = DEFAULT_PORT, root: Path | None = None, python: str = sys.executable) -> list[str]:
    """The JupyterLab command line; the token comes from `$JUPYTER_TOKEN` (see `environment`)."""
    args = [python, "-m", "jupyterlab", f"--ServerApp.root_dir={root or paths.PROJECT_ROOT}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args


def environment(token: str | None = None) -> dict[str, str]:
    """The process environment with `JUPYTER_TOKEN` set (kept off the command line, which `ps` shows)."""
    return {**os.environ, "JUPYTER_TOKEN": token or os.environ.get("JUPYTER_TOKEN") or secrets.token_urlsafe(24)}


def main(argv: list[str] | None = None) -> None:
    """Print the address, then become JupyterLab (exec): a signal to this process (Ctrl-C, SIGTERM from
    `kill` or a supervisor) reaches the server itself, and no server outlives the command."""
    parser = argparse.ArgumentParser(prog="python -m mibook.lab", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    env = environment()
    print(f"JupyterLab: http://127.0.0.1:{args.port}/lab?token={env['JUPYTER_TOKEN']}  (Ctrl-C stops it)",
          flush=True)
    line = command(args.port)
    os.execve(line[0], line, env)


if __name__ == "__main__":
    main()
