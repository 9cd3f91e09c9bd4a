"""The book's bibliographic metadata from one source: CITATION.cff, plus the date of the last commit.

Every place that names the book (the citation box, meta tags, JSON-LD, the PDF's title page and
document info) reads `book()`, so title, authors, version and date cannot disagree.
"""

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import yaml

from mibook import paths

SUBTITLE = "Pakistan–Russia relations in one 2019 article, traced claim by claim"


@dataclass(frozen=True)
class Book:
    title: str
    subtitle: str
    authors: tuple[str, ...]
    publisher: str
    version: str
    licence: str
    date: str  # ISO yyyy-mm-dd of the last commit (SOURCE_DATE_EPOCH outside a repository)
    abstract: str
    keywords: tuple[str, ...]

    @property
    def year(self) -> str:
        return self.date[:4]


def _person(entry: dict) -> str:
    return entry.get("name") or f"{entry.get('given-names', '')} {entry.get('family-names', '')}".strip()


def last_commit_date(root=None) -> str:
    """The committer date of HEAD (yyyy-mm-dd); SOURCE_DATE_EPOCH when there is no repository."""
    root = root or paths.PROJECT_ROOT
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True,
                                text=True, check=True)
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return datetime.fromtimestamp(epoch, UTC).date().isoformat()


@cache
def book() -> Book:
    """The book's metadata (read once per process)."""
    record = yaml.safe_load((paths.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    authors = tuple(_person(a) for a in record["authors"])
    return Book(
        title=record["title"],
        subtitle=SUBTITLE,
        authors=authors,
        publisher=authors[0],
        version=str(record["version"]),
        licence=record["license"],
        date=last_commit_date(),
        abstract=" ".join(record["abstract"].split()),
        keywords=tuple(record.get("keywords", ())),
    )
