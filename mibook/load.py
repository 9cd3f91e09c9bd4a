"""Validated, typed access to the data tables: `load.claims()`, `load.events()`, ...

Every load validates the whole data folder first; invalid data raise `DataError`, so no chapter
can draw from them. Results are cached per folder and content fingerprint.
"""

import hashlib
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mibook import article, paths
from mibook.paths import fingerprint, installed_distributions
from mibook.schema import Package, read_frame
from mibook.validate import ARTICLE_PATH, DataError, validate


@dataclass(frozen=True)
class Tables:
    """All tables of one validated data folder, plus its numbered article."""

    frames: dict[str, pd.DataFrame]
    paragraphs: tuple[article.Paragraph, ...]
    package: Package

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name].copy()


def tables(data_dir: Path | None = None) -> Tables:
    """Validate and read every table of the data folder (default: `paths.data_dir()`)."""
    folder = Path(data_dir) if data_dir else paths.data_dir()
    return _tables_cached(folder, fingerprint(folder))


@lru_cache(maxsize=4)
def _tables_cached(folder: Path, data_fingerprint: str) -> Tables:
    _validate_once(folder, data_fingerprint)
    package = Package(folder)
    frames = {name: read_frame(package, name).reset_index(drop=True) for name in package.resources}
    paragraphs = tuple(article.read_paragraphs(folder / ARTICLE_PATH))
    return Tables(frames, paragraphs, package)


def _validate_once(folder: Path, data_fingerprint: str) -> None:
    """Validate, or raise DataError. A pass is recorded under `_build/` for these exact data, package
    source and installed distributions, so each chapter's kernel does not repeat the full validation.
    A record counts only if its content names that same key and data fingerprint: a touched, copied or
    stale record makes validation run again; it never makes data valid. Processes that load at once
    (the build and its kernels) take turns, so the first validates and the others read its record."""
    key = cache_key(data_fingerprint)
    record = paths.build_dir() / "validated" / key
    expected = f"valid {key} {data_fingerprint}\n"
    with _one_at_a_time(record.parent / ".lock"):
        if record.is_file() and record.read_text(encoding="utf-8") == expected:
            return
        problems = validate(folder)
        if problems:
            raise DataError(problems)
        try:
            record.write_text(expected, encoding="utf-8")
        except OSError:  # a read-only checkout validates on every load instead
            pass


@contextmanager
def _one_at_a_time(lock: Path):
    """An exclusive lock on `lock` between processes (none where it cannot be had: Windows, read-only)."""
    try:
        import fcntl

        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = lock.open("a")
    except (ImportError, OSError):
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def cache_key(data_fingerprint: str) -> str:
    """The validation cache key: the data, the package source, Python and every installed distribution."""
    parts = [data_fingerprint, fingerprint(Path(__file__).parent), sys.version, *installed_distributions()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def claims() -> pd.DataFrame:
    return tables()["claims"]


def quantities() -> pd.DataFrame:
    return tables()["quantities"]


def events() -> pd.DataFrame:
    return tables()["events"]


def actors() -> pd.DataFrame:
    return tables()["actors"]


def relations() -> pd.DataFrame:
    return tables()["relations"]


def proposals() -> pd.DataFrame:
    return tables()["proposals"]


def processes() -> pd.DataFrame:
    return tables()["processes"]


def poles() -> pd.DataFrame:
    return tables()["poles"]


def positions() -> pd.DataFrame:
    return tables()["positions"]


def paragraphs() -> tuple[article.Paragraph, ...]:
    return tables().paragraphs
