"""Validated, typed access to the data tables: `load.claims()`, `load.events()`, ...

Every load validates the whole data folder first; invalid data raise `DataError`, so no chapter
can draw from them. Results are cached per folder and content fingerprint.

Every read is noted (`reads()`): a table by its name, the article's paragraphs as `ARTICLE`, the
list of table names as `NAMES`, the package as `EVERYTHING`, each with the fingerprint of what it read. The
build records what each notebook read, and re-executes it only when one of those changed.
"""

import hashlib
import sys
from collections.abc import Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mibook import article, paths
from mibook.datafiles import ARTICLE, ARTICLE_PATH, EVERYTHING, NAMES, input_fingerprints
from mibook.paths import fingerprint, installed_distributions
from mibook.schema import Package, read_frame
from mibook.validate import DataError, validate

_reads: dict[str, str] = {}  # key -> fingerprint of each read since `forget_reads()`


class Tables:
    """All tables of one validated data folder, plus its numbered article; each read is noted."""

    def __init__(self, frames: dict[str, pd.DataFrame], paragraphs: tuple[article.Paragraph, ...],
                 package: Package, fingerprints: dict[str, str]):
        self._frames, self._paragraphs, self._package, self._fingerprints = frames, paragraphs, package, fingerprints

    def _read(self, key: str) -> None:
        _reads[key] = self._fingerprints[key]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name].copy()

    @property
    def frames(self) -> Mapping[str, pd.DataFrame]:
        return _Frames(self)

    @property
    def paragraphs(self) -> tuple[article.Paragraph, ...]:
        self._read(ARTICLE)
        return self._paragraphs

    @property
    def package(self) -> Package:
        self._read(EVERYTHING)
        return self._package


class _Frames(Mapping):
    """The frames by table name: a frame read notes its table; listing, counting or testing names notes `NAMES`."""

    def __init__(self, tables: Tables):
        self._tables = tables

    def __getitem__(self, name: str) -> pd.DataFrame:
        self._tables._read(name if name in self._tables._frames else NAMES)
        return self._tables._frames[name]

    def __contains__(self, name) -> bool:
        self._tables._read(NAMES)
        return name in self._tables._frames

    def __iter__(self):
        self._tables._read(NAMES)
        return iter(self._tables._frames)

    def __len__(self) -> int:
        self._tables._read(NAMES)
        return len(self._tables._frames)


def reads() -> dict[str, str]:
    """What was read since `forget_reads()`: key (table name, `ARTICLE`, `EVERYTHING`) -> fingerprint."""
    return dict(_reads)


def forget_reads() -> None:
    _reads.clear()


def tables(data_dir: Path | None = None) -> Tables:
    """Validate and read every table of the data folder (default: `paths.data_dir()`). Each call gives a
    new `Tables` over the same frames, so a result memoised on that object (`analysis.common.key_and_prose`)
    is never reused across calls without noting its reads again."""
    folder = Path(data_dir) if data_dir else paths.data_dir()
    return Tables(*_tables_cached(folder, fingerprint(folder)))


@lru_cache(maxsize=4)
def _tables_cached(folder: Path, data_fingerprint: str) -> tuple:
    _validate_once(folder, data_fingerprint)
    package = Package(folder)
    frames = {name: read_frame(package, name).reset_index(drop=True) for name in package.resources}
    paragraphs = tuple(article.read_paragraphs(folder / ARTICLE_PATH))
    return frames, paragraphs, package, input_fingerprints(folder)


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
