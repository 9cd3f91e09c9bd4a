"""Where the book's files live. `MIBOOK_DATA_DIR` points the whole package at another data folder."""

import hashlib
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_ZIP = "moscow-islamabad-data.zip"  # the data package download (mibook.appendix writes it)
KIT_ZIP = "moscow-islamabad-kit.zip"  # the reproduction kit download (mibook.kit writes it)


def build_dir() -> Path:
    """The project's build folder, `_build/`: the only place the package writes outside a build."""
    return PROJECT_ROOT / "_build"


def data_dir() -> Path:
    """The data folder in use: `$MIBOOK_DATA_DIR` if set, else the project's `data/`."""
    override = os.environ.get("MIBOOK_DATA_DIR")
    return Path(override).resolve() if override else PROJECT_ROOT / "data"


def fingerprint(folder: Path) -> str:
    """A hash of every file under `folder` (names and bytes), to detect any edit."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """The `<name>-<version>.dist-info` folders on the import path (listed, not imported: it stays fast)."""
    found = []
    for entry in sys.path:
        if entry and os.path.isdir(entry):
            found += [name for name in os.listdir(entry) if name.endswith((".dist-info", ".egg-info"))]
    return sorted(found)
