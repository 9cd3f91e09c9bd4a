"""`make lab`: the JupyterLab the target starts (mibook.lab.command) serves a chapter's MyST markdown as
a notebook through jupytext, and that notebook runs on the server's kernel without an error output."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import websocket

from mibook import lab, paths

CHAPTER = "chapters/trade.md"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _api(base: str, token: str, path: str, method: str = "GET", body: dict | None = None) -> dict:
    request = urllib.request.Request(f"{base}{path}", method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
    return json.loads(text) if text else {}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """JupyterLab started with the Makefile's command line; yields (base URL, token)."""
    port, token = _free_port(), uuid.uuid4().hex
    log = (tmp_path_factory.mktemp("lab") / "lab.log").open("w")
    process = subprocess.Popen(lab.command(port), env=lab.environment(token), stdout=log, stderr=subprocess.STDOUT,
                               cwd=paths.PROJECT_ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if process.poll() is not None:
                break
            try:
                _api(base, token, "/api/status")
                break
            except OSError:
                time.sleep(0.5)
        log.flush()
        text = Path(log.name).read_text()
        assert process.poll() is None, f"JupyterLab exited ({process.returncode}):\n{text[-3000:]}"
        assert "Running as root is not recommended" not in text
        yield base, token
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_server_refuses_requests_without_the_token(server):
    base, _ = server
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/api/contents/{CHAPTER}", timeout=30)
    assert refused.value.code == 403


def test_the_server_listens_on_loopback_only():
    assert "--ServerApp.ip=127.0.0.1" in lab.command()
    assert "--ServerApp.open_browser=False" in lab.command()


def _execute(channel, session: str, code: str) -> list[dict]:
    """Run `code` on the kernel; returns the iopub messages it caused and the execute reply."""
    msg_id = uuid.uuid4().hex
    channel.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session, "username": "test",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    messages, idle, replied = [], False, False
    while not (idle and replied):
        message = json.loads(channel.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        messages.append(message)
        idle |= message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"
        replied |= message["msg_type"] == "execute_reply"
    return messages


def test_a_chapter_opens_as_a_notebook_and_runs_without_errors(server):
    base, token = server
    notebook = _api(base, token, f"/api/contents/{CHAPTER}?type=notebook&content=1")
    assert notebook["type"] == "notebook"
    cells = [c for c in notebook["content"]["cells"] if c["cell_type"] == "code"]
    assert len(cells) >= 3, "jupytext did not split the chapter into code cells"
    session = _api(base, token, "/api/sessions", "POST",
                   {"path": CHAPTER, "type": "notebook", "name": "trade", "kernel": {"name": "python3"}})
    kernel = session["kernel"]["id"]
    channel = websocket.create_connection(f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/api/kernels/{kernel}/channels"
                                          f"?token={token}", timeout=120)
    try:
        outputs = []
        for cell in cells:
            for message in _execute(channel, session["id"], cell["source"]):
                kind = message["msg_type"]
                assert kind != "error", f"{cell['source'][:80]!r} raised {message['content'].get('ename')}: " \
                                        f"{message['content'].get('evalue')}"
                if kind == "execute_reply":
                    assert message["content"]["status"] == "ok", message["content"]
                if kind == "stream":
                    assert message["content"]["name"] != "stderr", message["content"]["text"]
                if kind in ("display_data", "execute_result"):
                    outputs.append(message["content"]["data"])
        assert any("text/html" in data for data in outputs), "no chart or table was displayed"
    finally:
        channel.close()
        _api(base, token, f"/api/sessions/{session['id']}", "DELETE")


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_sigterm_to_the_make_lab_command_stops_the_server(tmp_path):
    """`make lab` runs `python -m mibook.lab`: a SIGTERM to it must leave nothing listening."""
    port = _free_port()
    log = (tmp_path / "lab.log").open("w")
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as from a terminal or make
    process = subprocess.Popen([sys.executable, "-m", "mibook.lab", "--port", str(port)], stdout=log,
                               stderr=subprocess.STDOUT, cwd=paths.PROJECT_ROOT, start_new_session=True, env=buffered)
    try:
        deadline = time.monotonic() + 90
        while not _listening(port):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "lab.log").read_text()
            time.sleep(0.5)
        log.flush()
        address = f"JupyterLab: http://127.0.0.1:{port}/lab?token="
        assert address in (tmp_path / "lab.log").read_text(), "the address is printed before the server starts"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _listening(port), "JupyterLab still listens after SIGTERM to `python -m mibook.lab`"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever outlived the command (the bug this test catches)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)
        log.close()


def test_the_command_runs_jupyterlab_on_its_default_port_and_allows_root_only_as_root(monkeypatch):
    assert "--ServerApp.port=8888" in lab.command()  # JupyterLab's own default, as the README says
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert lab.command(9999)[-1] == "--allow-root" and "--ServerApp.port=9999" in lab.command(9999)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "--allow-root" not in lab.command()


def test_the_token_comes_from_the_environment_or_is_a_fresh_secret(monkeypatch):
    monkeypatch.setenv("JUPYTER_TOKEN", "from-the-caller")
    assert lab.environment()["JUPYTER_TOKEN"] == "from-the-caller"
    assert lab.environment("given")["JUPYTER_TOKEN"] == "given"
    monkeypatch.delenv("JUPYTER_TOKEN")
    tokens = {lab.environment()["JUPYTER_TOKEN"] for _ in range(3)}
    assert len(tokens) == 3 and {len(t) for t in tokens} == {32}  # 24 random bytes, URL-safe base64


def test_usage_names_the_make_lab_command(capsys):
    with pytest.raises(SystemExit):
        lab.main(["--port", "not-a-number"])
    assert capsys.readouterr().err.startswith("usage: python -m mibook.lab")
    with pytest.raises(SystemExit):
        lab.main(["--help"])
    assert lab.__doc__.splitlines()[0] in capsys.readouterr().out
