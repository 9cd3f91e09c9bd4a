"""The reproduction kit: deterministic, complete, offered on every page, and it runs: unpacked into an
empty folder, a fresh virtual environment from its own requirements executes every notebook."""

import json
import os
import re
import shutil
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
    make_venv, start_lab = kit.COMMANDS.splitlines()  # a venv with the exact pins, then the lab in it
    assert "-m venv .venv" in make_venv and ".venv/bin/pip install -r requirements.txt" in make_venv
    assert start_lab == ".venv/bin/python -m mibook.lab"
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


@pytest.fixture
def kit_root(tmp_path) -> Path:
    """A copy of what the kit is made from, but the data (`data_copy`): copied files, requirements, package
    and every MyST page."""
    root = tmp_path / "root"
    root.mkdir()
    for name in (*kit.COPIED, *kit.REQUIREMENTS, *(p.name for p in ROOT.glob("*.md"))):
        shutil.copyfile(ROOT / name, root / name)
    for folder in ("mibook", "chapters"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_kit_fingerprint_covers_every_file_it_copies_or_pins(kit_root, data_copy):
    """The kit is kept while its inputs' fingerprint is unchanged, so an edit to any copied file or to either
    requirements file (a new pin) must change it; else the site would offer a kit with the old pins."""
    before = kit.inputs_fingerprint(kit_root, data_copy)
    assert kit.inputs_fingerprint(kit_root, data_copy) == before
    for name in (*kit.COPIED, *kit.REQUIREMENTS):
        original = (kit_root / name).read_bytes()
        (kit_root / name).write_bytes(original + b"\n# edited\n")
        assert kit.inputs_fingerprint(kit_root, data_copy) != before, f"an edit to {name} keeps the old kit"
        (kit_root / name).write_bytes(original)
    assert kit.inputs_fingerprint(kit_root, data_copy) == before


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


@pytest.mark.parametrize("edited", ["root/index.md", "root/chapters/trade.md", "root/chapters/appendix/method.md",
                                    "root/mibook/kit.py", "data/source/article.txt"])
def test_the_kit_fingerprint_covers_pages_package_and_data(kit_root, data_copy, edited):
    """The kit's notebooks come from the MyST pages, and it ships the package and the data: an edit to any of
    them must change the fingerprint, or the site keeps offering the old kit."""
    before = kit.inputs_fingerprint(kit_root, data_copy)
    with (kit_root.parent / edited).open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert kit.inputs_fingerprint(kit_root, data_copy) != before


def test_the_preamble_is_a_markdown_cell_tagged_kit_preamble():
    cell = kit.preamble()
    assert cell["cell_type"] == "markdown" and cell["id"] == kit.PREAMBLE_ID
    assert cell["metadata"] == {"tags": ["kit-preamble"]}


def test_the_preamble_inside_the_kit_points_to_the_readme_commands():
    """In the kit there is nothing to download: the reader runs the two commands of its README."""
    source = kit.preamble(in_kit=True)["source"]
    assert source.endswith("run the two commands in its `README.md`.")
    assert kit.KIT_ZIP not in source


def test_the_preamble_outside_the_kit_says_where_to_download_it():
    """The kit's URL when the site knows it, else the download menu; then unzip and run the README's commands."""
    url = "https://example.org/downloads/moscow-islamabad-kit.zip"
    linked = kit.preamble(url)["source"]
    assert f"`{kit.KIT_ZIP}` ({url}), unzip it and run the two commands in its `README.md`" in linked
    assert f"`{kit.KIT_ZIP}` (the book's download menu" in kit.preamble()["source"]


def test_notebooks_in_the_kit_open_with_the_in_kit_preamble():
    doc = _notebook_docs()[0]
    notebook = kit.notebook_from_markdown(ROOT / f"{doc}.md")
    assert notebook["cells"][0] == kit.preamble(in_kit=True)
    assert [c["id"] for c in notebook["cells"][1:]] == [f"cell-{n}" for n in range(1, len(notebook["cells"]))]


def test_notebook_json_has_sorted_keys_one_space_indent_and_keeps_non_ascii():
    """As nbformat writes it (so a notebook opened and saved in JupyterLab keeps its bytes), with a final newline."""
    assert kit.dumps({"source": "Café – Moscow", "cells": [1]}) == (
        '{\n "cells": [\n  1\n ],\n "source": "Café – Moscow"\n}\n'
    )


def test_positional_cell_ids_start_at_cell_1():
    notebook = kit.positional_ids({"cells": [{"id": "random-a"}, {"id": "random-b"}]})
    assert [c["id"] for c in notebook["cells"]] == ["cell-1", "cell-2"]


def test_kit_requirements_keep_exact_pins_without_comments_sorted_by_name(tmp_path):
    """Ranges and includes are dropped, a trailing comment goes, the order is by lower-case package name (so
    `pkg` before `pkg-extra`), and the package itself comes last."""
    (tmp_path / "requirements.txt").write_text(
        "# the book's pins\npkg-extra==2.0\nPkg==1.0  # note\nranged>=1.0\n", encoding="utf-8")
    (tmp_path / "requirements-lab.txt").write_text("-r requirements.txt\njupyterlab==4.0\n", encoding="utf-8")
    lines = [line for line in kit.requirements(tmp_path).splitlines() if not line.startswith("#")]
    assert lines == ["jupyterlab==4.0", "Pkg==1.0", "pkg-extra==2.0", "-e ."]


def test_the_kit_readme_lists_each_notebook_on_a_line_of_its_own():
    items = [line for line in kit.readme(ROOT).splitlines() if line.startswith("- ")]
    assert items == [f"- `{doc}.ipynb` — {title}" for doc, title in appendix.chapter_pages(ROOT, True)]


def test_a_fresh_kit_is_kept_and_its_path_returned(kit_zip):
    """A build whose inputs did not change keeps the kit it has, untouched, and names it like a new one."""
    before = kit_zip.stat().st_mtime_ns
    assert kit.write(kit_zip) == kit_zip
    assert kit_zip.stat().st_mtime_ns == before


def test_the_recorded_fingerprint_is_the_zip_comment_or_none(tmp_path):
    """Missing or not a zip: nothing recorded (the kit is written); a non-ASCII comment does not fail the build."""
    for name, comment in (("kit.zip", b"abc123"), ("odd.zip", "café".encode())):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.comment = comment
    assert kit._recorded_fingerprint(tmp_path / "kit.zip") == "abc123"
    assert kit._recorded_fingerprint(tmp_path / "odd.zip").startswith("caf")
    (tmp_path / "text.zip").write_text("not a zip", encoding="utf-8")
    assert kit._recorded_fingerprint(tmp_path / "text.zip") is None
    assert kit._recorded_fingerprint(tmp_path / "missing.zip") is None
