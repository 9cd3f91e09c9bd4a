"""The reproduction kit: deterministic, complete, offered on every page, and it runs: unpacked into an
empty folder, a fresh virtual environment from its own requirements executes every notebook."""

import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from mibook import appendix, kit, paths
from tests.book import same_bytes

ROOT = paths.PROJECT_ROOT


def _notebook_docs() -> list[str]:
    return [doc for doc, _ in appendix.chapter_pages(ROOT, appendices=True)]


@pytest.fixture(scope="module")
def kit_zip(tmp_path_factory) -> Path:
    return kit.write(tmp_path_factory.mktemp("kit") / kit.KIT_ZIP)


def test_the_kit_is_byte_identical_when_rebuilt(kit_zip, tmp_path):
    assert same_bytes(kit.write(tmp_path / "again.zip"), kit_zip)
    infos = zipfile.ZipFile(kit_zip).infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {appendix.ZIP_TIMESTAMP}


def test_the_kit_holds_notebooks_package_data_article_requirements_and_readme(kit_zip):
    names = {n.removeprefix(f"{kit.KIT_FOLDER}/") for n in zipfile.ZipFile(kit_zip).namelist()}
    assert {f"{doc}.ipynb" for doc in _notebook_docs()} <= names
    assert len(_notebook_docs()) >= 7
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "mibook").rglob("*.py")}
    assert package <= names
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert data <= names and "data/source/article.txt" in names
    assert {"requirements.txt", "README.md", "pyproject.toml", "CITATION.cff"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_kit_requirements_are_exact_pins_including_what_notebooks_need(kit_zip):
    text = zipfile.ZipFile(kit_zip).read(f"{kit.KIT_FOLDER}/requirements.txt").decode()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[-1] == "-e ."
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s]+", line) for line in lines[:-1]), lines
    names = {line.split("==")[0].lower() for line in lines[:-1]}
    assert {"ipykernel", "nbclient", "myst-nb", "altair", "pandas", "jupyterlab", "jupytext"} <= names


def test_kit_readme_gives_the_two_commands_and_notebooks_open_with_the_preamble(kit_zip):
    archive = zipfile.ZipFile(kit_zip)
    readme = archive.read(f"{kit.KIT_FOLDER}/README.md").decode()
    assert kit.COMMANDS in readme
    for doc in _notebook_docs():
        notebook = json.loads(archive.read(f"{kit.KIT_FOLDER}/{doc}.ipynb"))
        assert notebook["cells"][0]["id"] == kit.PREAMBLE_ID
        assert "requirements.txt" in notebook["cells"][0]["source"]
        assert all(not c.get("outputs") for c in notebook["cells"]), f"{doc} ships with outputs"


@pytest.mark.book
def test_the_site_offers_the_kit_beside_each_notebook(html_book, kit_zip):
    assert same_bytes(html_book / "downloads" / kit.KIT_ZIP, kit_zip)
    for doc in _notebook_docs():
        page = (html_book / f"{doc}.html").read_text(encoding="utf-8")
        menu = re.findall(r'<a href="([^"]+)"[^>]*\n\s*class="btn btn-sm btn-download-([a-z-]+) dropdown-item"', page)
        labels = [label for _, label in menu]
        assert labels[:2] == ["notebook-button", "kit-button"], f"{doc}: {labels}"
        assert (html_book / doc).parent.joinpath(menu[1][0]).resolve() == (html_book / "downloads" / kit.KIT_ZIP)


@pytest.mark.book
def test_every_downloadable_notebook_opens_with_the_kit_preamble(html_book):
    notebooks = sorted((html_book / "_sources").rglob("*.ipynb"))
    assert len(notebooks) >= len(_notebook_docs())
    for path in notebooks:
        first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
        assert first["id"] == kit.PREAMBLE_ID and kit.KIT_ZIP in first["source"], path.name


def _run(command: list[str], cwd: Path, env: dict, timeout: int = 1800) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result.stdout


@pytest.mark.kit
def test_the_kit_runs_every_notebook_in_a_fresh_venv(kit_zip, tmp_path):
    """The README's route, in an empty folder: unzip, venv, pip install -r requirements.txt, execute."""
    started = time.monotonic()
    zipfile.ZipFile(kit_zip).extractall(tmp_path)
    folder = tmp_path / kit.KIT_FOLDER
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MIBOOK_DATA_DIR", "VIRTUAL_ENV")}
    base_python = getattr(sys, "_base_executable", sys.executable)
    _run([base_python, "-m", "venv", ".venv"], folder, env)
    python = str(folder / ".venv" / "bin" / "python")
    _run([python, "-m", "pip", "install", "-q", "-r", "requirements.txt"], folder, env)
    where = _run([python, "-c", "import mibook; print(mibook.__file__)"], tmp_path, env)
    assert Path(where.strip()).resolve().is_relative_to(folder.resolve()), where
    notebooks = [f"{doc}.ipynb" for doc in _notebook_docs()]
    jupyter = str(folder / ".venv" / "bin" / "jupyter")
    _run([jupyter, "execute", "--output={notebook_name}-run", *notebooks], folder, env)
    for name in notebooks:
        executed = json.loads((folder / name.replace(".ipynb", "-run.ipynb")).read_text(encoding="utf-8"))
        outputs = [o for c in executed["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        assert not [o for o in outputs if o["output_type"] == "error"], name
        assert not [o for o in outputs if o.get("name") == "stderr"], name
    print(f"kit test: {time.monotonic() - started:.0f} s for {len(notebooks)} notebooks")


def test_every_kit_entry_is_a_plain_file_readable_by_all(kit_zip):
    infos = zipfile.ZipFile(kit_zip).infolist()
    assert {(i.external_attr >> 16, i.create_system) for i in infos} == {(0o644, 3)}


def test_the_kit_leaves_out_links_that_lead_out_of_the_data_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "table.csv").write_text("a\n1\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not data", encoding="utf-8")
    (data / "outside.csv").symlink_to(secret)
    (data / "system.txt").symlink_to("/etc/hostname")
    (data / "inside.csv").symlink_to(data / "table.csv")  # a link within the folder is its file
    files = kit._tree(data, "data")
    assert files == {"data/inside.csv": b"a\n1\n", "data/table.csv": b"a\n1\n"}


def test_a_preamble_applied_twice_is_there_once():
    notebook = {"cells": [{"id": "cell-1", "cell_type": "markdown", "source": "text"}]}
    preamble = {"id": kit.PREAMBLE_ID, "cell_type": "code", "source": "import mibook"}
    twice = kit.with_preamble(kit.with_preamble(notebook, preamble), preamble)
    assert [c["id"] for c in twice["cells"]] == [kit.PREAMBLE_ID, "cell-1"]


def test_the_kit_fingerprint_covers_every_file_it_copies_or_pins(tmp_path, data_copy):
    """The kit is kept while its inputs' fingerprint is unchanged, so an edit to any copied file or to either
    requirements file (a new pin) must change it; else the site would offer a kit with the old pins."""
    import shutil

    root = tmp_path / "root"
    for name in (*kit.COPIED, *kit.REQUIREMENTS):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(paths.PROJECT_ROOT / name, root / name)
    shutil.copytree(paths.PROJECT_ROOT / "mibook", root / "mibook", ignore=shutil.ignore_patterns("__pycache__"))
    before = kit.inputs_fingerprint(root, data_copy)
    assert kit.inputs_fingerprint(root, data_copy) == before
    for name in (*kit.COPIED, *kit.REQUIREMENTS):
        original = (root / name).read_bytes()
        (root / name).write_bytes(original + b"\n# edited\n")
        assert kit.inputs_fingerprint(root, data_copy) != before, f"an edit to {name} keeps the old kit"
        (root / name).write_bytes(original)
    assert kit.inputs_fingerprint(root, data_copy) == before


def test_the_kit_leaves_out_caches_bytecode_and_hidden_files(tmp_path):
    """Whatever the machine writes beside the code (bytecode, caches, editor and system files) stays out."""
    for name in ("pkg/module.py", "pkg/__pycache__/module.cpython-311.pyc", "pkg/stray.pyc", ".hidden",
                 "pkg/.DS_Store", ".git/config"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert list(kit._tree(tmp_path, "kit")) == ["kit/pkg/module.py"]


def test_the_kit_readme_names_every_notebook_the_kit_ships():
    """Chapters and appendices alike: a notebook in the kit that its README does not list is one a reader
    would not know to open."""
    shipped = sorted(name for name in kit.entries() if name.endswith(".ipynb"))
    readme = kit.readme(paths.PROJECT_ROOT)
    assert shipped and [name for name in shipped if f"`{name}`" not in readme] == []
    assert any(name.startswith("chapters/appendix/") for name in shipped)
