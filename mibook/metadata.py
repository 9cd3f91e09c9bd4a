"""The book's bibliographic metadata from one source: CITATION.cff, plus the date of the last commit.

Every place that names the book (the citation box, meta tags, JSON-LD, the PDF's title page and
document info) reads `book()`, so title, authors, version and date cannot disagree.
"""

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

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
def _record() -> dict:
    return yaml.safe_load((paths.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))


@cache
def book() -> Book:
    """The book's metadata (read once per process)."""
    record = _record()
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


# --- citations: one format, shared by the web "Cite this" box and the PDF colophon ----------------

LICENCE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}


def licence_url(meta: Book | None = None) -> str:
    """The licence's canonical address (SPDX's page for licences without a better-known one)."""
    licence = (meta or book()).licence
    return LICENCE_URLS.get(licence, f"https://spdx.org/licenses/{licence}.html")


def full_title(meta: Book | None = None) -> str:
    meta = meta or book()
    return f"{meta.title}: {meta.subtitle}"


def citation(chapter: str | None = None, url: str | None = None, meta: Book | None = None) -> str:
    """The book (or one chapter of it) cited in author-date style, as plain text."""
    meta = meta or book()
    authors = "; ".join(meta.authors)
    container = f"{full_title(meta)} (version {meta.version})"
    text = f"{authors} ({meta.year}). " + (f"{chapter}. In {container}." if chapter else f"{container}.")
    if meta.publisher not in meta.authors:
        text += f" {meta.publisher}."
    return text + (f" {url}" if url else "")


def bibtex_key(chapter: str | None = None, meta: Book | None = None) -> str:
    """e.g. `moscowislamabad2026` for the book, `moscowislamabadtrade2026` for the trade chapter (its title's
    first word that is not an article: "The case weighed" gives `…case2026`, "The source article" `…source2026`)."""
    meta = meta or book()
    title = chapter.split(":")[0].split() if chapter else []
    significant = [w for w in title if w.lower() not in ("the", "a", "an")] or title
    words = [meta.title, *significant[:1]]
    return "".join(ch for word in words for ch in word.lower() if ch.isascii() and ch.isalnum()) + meta.year


def _bib(value: str) -> str:
    """Text for a BibTeX field: en dashes as `--`, no braces of its own."""
    return value.replace("–", "--").replace("{", "(").replace("}", ")")


def bibtex(chapter: str | None = None, url: str | None = None, meta: Book | None = None) -> str:
    """A BibTeX entry for the book (`@book`) or one of its chapters (`@incollection`)."""
    meta = meta or book()
    fields = [("title", _bib(chapter))] if chapter else []
    fields += [
        ("booktitle" if chapter else "title", _bib(full_title(meta))),
        ("author", " and ".join("{" + _bib(a) + "}" for a in meta.authors)),  # braced: a corporate name
        ("publisher", _bib(meta.publisher)),
        ("year", meta.year),
        ("date", meta.date),
        ("note", f"Version {meta.version}"),
    ]
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{'incollection' if chapter else 'book'}{{{bibtex_key(chapter, meta)},\n{body}\n}}"


def references() -> list[dict]:
    """The works the book cites, as CITATION.cff lists them (its `references`)."""
    return list(_record().get("references", []))


def attribution(key: str = "bokhari2019", bib: Path | None = None) -> dict:
    """A work the book cites, as `references.bib` gives it: author, year and publisher (display-ready)."""
    from pybtex.database import parse_file

    entry = parse_file(str(bib or paths.PROJECT_ROOT / "references.bib")).entries[key]
    person = entry.persons["author"][0]
    return {
        "source_author": " ".join([*person.first_names, *person.middle_names, *person.last_names]),
        "source_year": entry.fields["year"],
        "source_publisher": entry.fields.get("publisher", ""),
    }
