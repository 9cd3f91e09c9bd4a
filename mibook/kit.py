"""The reproduction kit: one zip with everything a reader needs to re-run the book's notebooks.

`moscow-islamabad-kit.zip` holds the notebook chapters as `.ipynb` (from their MyST sources, no
outputs), the `mibook` package, the data folder (the article text included), `requirements.txt`
(the exact pins of the book and of JupyterLab, then the package itself) and a README with the two
commands. Entries are sorted and carry a fixed timestamp, so the same inputs give the same bytes;
the zip's comment records those inputs' fingerprint, so a build whose inputs did not change keeps the
zip it has (and, importing jupytext and the appendix generator only to write one, stays quick).
Every notebook the site offers opens with `preamble()`, which says what it needs and where the kit is.
"""

import hashlib
import json
import re
import zipfile
from pathlib import Path

from mibook import metadata, paths

KIT_ZIP = paths.KIT_ZIP
KIT_FOLDER = Path(KIT_ZIP).stem  # every entry sits under this folder
REQUIREMENTS = ("requirements.txt", "requirements-lab.txt")  # book pins, then JupyterLab's
COPIED = ("pyproject.toml", "CITATION.cff", "_toc.yml", "references.bib")  # the appendices read the last two
PREAMBLE_ID = "kit-preamble"
COMMANDS = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n.venv/bin/python -m mibook.lab"
_SKIP = re.compile(r"(^|/)(__pycache__|\.[^/]+)(/|$)|\.pyc$")


def preamble(kit_url: str | None = None, in_kit: bool = False) -> dict:
    """The markdown cell every notebook opens with: what it needs and where to get the kit."""
    where = (
        "You are inside the kit: from its folder, run the two commands in its `README.md`."
        if in_kit else
        f"Download the reproduction kit, `{KIT_ZIP}`"
        + (f" ({kit_url})" if kit_url else " (the book's download menu, next to this notebook)")
        + ", unzip it and run the two commands in its `README.md`; then open this chapter from its `chapters/` folder."
    )
    text = (
        f"**Re-running this notebook.** It needs the book's Python package `mibook`, its data (`data/`, "
        f"the article text included) and the exact package versions in the kit's `requirements.txt` "
        f"(Python ≥ 3.11). {where}"
    )
    return {"cell_type": "markdown", "id": PREAMBLE_ID, "metadata": {"tags": ["kit-preamble"]}, "source": text}


def with_preamble(notebook: dict, cell: dict) -> dict:
    """`notebook` opening with `cell` (an earlier preamble is replaced, so applying it twice is safe)."""
    cells = [c for c in notebook.get("cells", []) if c.get("id") != PREAMBLE_ID]
    return {**notebook, "cells": [cell, *cells]}


def dumps(notebook: dict) -> str:
    """Notebook JSON with stable key order."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def positional_ids(notebook: dict) -> dict:
    """`notebook` with cell ids by position (`cell-1`, ...): jupytext invents random ones on every read."""
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        cell["id"] = f"cell-{number}"
    return notebook


def notebook_from_markdown(source: Path) -> dict:
    """A MyST-markdown chapter as an unexecuted notebook: positional cell ids, the kit preamble first."""
    import jupytext

    notebook = positional_ids(json.loads(jupytext.writes(jupytext.read(source), fmt="ipynb")))
    return with_preamble(notebook, preamble(in_kit=True))


def requirements(root: Path) -> str:
    """Exact pins from the project's requirements files (includes resolved), then the package itself."""
    pins: dict[str, str] = {}
    for name in REQUIREMENTS:
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                pins[line.split("==", 1)[0].strip().lower()] = line
    body = "\n".join(pins[key] for key in sorted(pins))
    return f"# Exact pins: the book's packages and JupyterLab.\n{body}\n# The book's package, from this folder.\n-e .\n"


def readme(root: Path) -> str:
    from mibook import appendix

    book = metadata.book()
    notebooks = "\n".join(f"- `{doc}.ipynb` — {title}" for doc, title in appendix.chapter_pages(root, True))
    return f"""# {book.title} — reproduction kit (version {book.version}, {book.date})

The notebooks of *{metadata.full_title(book)}*, with the package and data they run on.
Python 3.11 or newer; from this folder:

```bash
{COMMANDS}
```

The first installs the exact versions the book was built with (and this folder's package); the second
starts JupyterLab on 127.0.0.1 and prints its address with a one-time token. Open a notebook under
`chapters/` and run it top to bottom ("Run All"). On Windows, use `.venv\\Scripts\\` for `.venv/bin/`.
To run every notebook without a browser: `.venv/bin/jupyter execute chapters/*.ipynb chapters/appendix/*.ipynb`.

Notebooks:
{notebooks}

Also here: `mibook/` (the package), `data/` (the tables, `datapackage.json` and `source/article.txt`,
the article every datum quotes), `CITATION.cff` (how to cite). Cite as:
{metadata.citation(meta=book)}
"""


def _tree(folder: Path, prefix: str) -> dict[str, bytes]:
    """Every file under `folder` (no caches, no hidden files), keyed `prefix/<relative path>`; as in the
    data zip, a symbolic link that leads out of `folder` is left out."""
    from mibook.schema import escape_reason

    files = {}
    for path in sorted(folder.rglob("*")):
        inside = path.relative_to(folder).as_posix()
        if path.is_file() and not _SKIP.search(f"/{inside}") and escape_reason(folder, inside) is None:
            files[f"{prefix}/{inside}"] = path.read_bytes()
    return files


def entries(root: Path | None = None, data_dir: Path | None = None) -> dict[str, bytes]:
    """Every file of the kit, by its path inside the kit folder (the data from `paths.data_dir()`)."""
    from mibook import appendix

    root = Path(root) if root else paths.PROJECT_ROOT
    files = {name: (root / name).read_bytes() for name in COPIED}
    files |= _tree(root / "mibook", "mibook") | _tree(Path(data_dir) if data_dir else paths.data_dir(), "data")
    for doc, _ in appendix.chapter_pages(root, appendices=True):
        files[f"{doc}.ipynb"] = dumps(notebook_from_markdown(root / f"{doc}.md")).encode()
    files["requirements.txt"] = requirements(root).encode()
    files["README.md"] = readme(root).encode()
    return files


def inputs_fingerprint(root: Path | None = None, data_dir: Path | None = None) -> str:
    """A hash of everything `entries` is made from: the copied files, requirements, package, data, every
    MyST page and the book's metadata (its version and date come from the last commit)."""
    root = Path(root) if root else paths.PROJECT_ROOT
    digest = hashlib.sha256(repr(metadata.book()).encode())
    pages = sorted(root.glob("*.md")) + sorted((root / "chapters").rglob("*.md"))
    for path in [*(root / name for name in COPIED + REQUIREMENTS), *pages]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for folder in (root / "mibook", Path(data_dir) if data_dir else paths.data_dir()):
        digest.update(paths.fingerprint(folder).encode())
    return digest.hexdigest()


def write(target: Path, root: Path | None = None, data_dir: Path | None = None) -> Path:
    """Write the kit zip (sorted entries, fixed timestamps: same inputs, same bytes), unless `target`
    already is the kit of these inputs."""
    stamp = inputs_fingerprint(root, data_dir)
    if _recorded_fingerprint(target) == stamp:
        return Path(target)
    from mibook import appendix

    return appendix.write_zip(target, KIT_FOLDER, entries(root, data_dir), comment=stamp)


def _recorded_fingerprint(target: Path) -> str | None:
    try:
        with zipfile.ZipFile(target) as archive:
            return archive.comment.decode("ascii", "replace")
    except (OSError, zipfile.BadZipFile):
        return None
