"""The book's pages as `_toc.yml` lists them, and which of them are notebooks (by their own header)."""

from pathlib import Path

import yaml

SOURCE_SUFFIXES = (".md", ".ipynb")


def documents(root: Path) -> list[str]:
    """Every document of `_toc.yml` as a docname: the root first, then in book order."""
    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(entries) -> None:
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key))

    walk(toc.get("parts") or toc.get("chapters"))
    return [doc.rsplit(".", 1)[0] if doc.endswith(SOURCE_SUFFIXES) else doc for doc in found]


def source(root: Path, docname: str) -> Path | None:
    """The file behind a docname, or None."""
    return next((p for p in (Path(root) / f"{docname}{s}" for s in SOURCE_SUFFIXES) if p.is_file()), None)


def is_notebook(path: Path) -> bool:
    """Whether MyST-NB executes this file: an `.ipynb`, or MyST markdown with a notebook header."""
    from myst_nb.core.read import is_myst_markdown_notebook

    return path.suffix == ".ipynb" or is_myst_markdown_notebook(path.read_text(encoding="utf-8"))


def notebooks(root: Path) -> list[Path]:
    """The notebook sources of the book, in book order."""
    return [path for doc in documents(root) if (path := source(root, doc)) and is_notebook(path)]
