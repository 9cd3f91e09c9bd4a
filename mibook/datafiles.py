"""The data folder's files as reads note them, and a fingerprint of each: a table (its CSV file with its entry
in the package), the article, the list of table names, the whole folder. Standard library only, so a build
can tell which pages' reads changed without loading pandas."""

import hashlib
import json
from pathlib import Path

from mibook.paths import fingerprint

PACKAGE_FILE = "datapackage.json"
ARTICLE_PATH = "source/article.txt"
# The keys a read is recorded under, besides the tables' names: the article's paragraphs, the list of table
# names, and the package (descriptor, folder), which is the whole folder.
ARTICLE = "article"
NAMES = "names"
EVERYTHING = "*"


def input_fingerprints(folder: Path) -> dict[str, str]:
    """For every key a read can note, a hash of what it reads in `folder`: a table's CSV file with its
    entry in the package and the package's own fields; the article; the table names; `EVERYTHING`, every file."""
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    shared = json.dumps({k: v for k, v in descriptor.items() if k != "resources"}, sort_keys=True)

    def digest(entry, path: Path) -> str:
        content = path.read_bytes() if path.is_file() else b"(missing)"
        return hashlib.sha256(f"{shared}\n{json.dumps(entry, sort_keys=True)}\n".encode() + content).hexdigest()

    found = {r["name"]: digest(r, folder / r["path"]) for r in descriptor["resources"]}
    names = hashlib.sha256(json.dumps(sorted(found)).encode()).hexdigest()
    return {**found, ARTICLE: digest(ARTICLE, folder / ARTICLE_PATH), NAMES: names, EVERYTHING: fingerprint(folder)}


def noted_files(folder: Path) -> list[str]:
    """The files of `folder` (paths inside it) whose reads `Tables` notes: the package, its tables, the article."""
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    return [PACKAGE_FILE, ARTICLE_PATH, *(r["path"] for r in descriptor["resources"])]
