"""Where the book's files live. `MIBOOK_DATA_DIR` points the whole package at another data folder."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def build_dir() -> Path:
    """The project's build folder, `_build/`: the only place the package writes outside a build."""
    return PROJECT_ROOT / "_build"


def data_dir() -> Path:
    """The data folder in use: `$MIBOOK_DATA_DIR` if set, else the project's `data/`."""
    override = os.environ.get("MIBOOK_DATA_DIR")
    return Path(override).resolve() if override else PROJECT_ROOT / "data"
