"""The source article: paragraph numbering and the text normalisation used for verbatim checks.

Numbering: blocks are separated by blank lines. The title (first block), the byline ("By ..."),
and the page chrome ("Leave a Reply", "%d bloggers like this:") are not numbered. The remaining
blocks are numbered from 1 in order; the closing "The author ..." block is the author note, and
every other numbered block is body text.
"""

import re
from dataclasses import dataclass
from pathlib import Path

PAGE_CHROME = ("Leave a Reply", "%d bloggers like this:")
_QUOTE_FOLDS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    kind: str  # "body" or "author-note"


def normalise(text: str) -> str:
    """Fold curly quotes to straight ones and collapse whitespace: the only edits a quote may differ by."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_FOLDS)).strip()


def title(text: str) -> str:
    """The article's title: its first block."""
    return _blocks(text)[0]


def paragraphs(text: str) -> list[Paragraph]:
    """Number the article's paragraphs as described in the module docstring."""
    blocks = _blocks(text)[1:]
    numbered = [b for b in blocks if not b.startswith("By ") and b not in PAGE_CHROME]
    return [
        Paragraph(n, block, "author-note" if block.startswith("The author ") else "body")
        for n, block in enumerate(numbered, start=1)
    ]


def read_paragraphs(path: Path) -> list[Paragraph]:
    return paragraphs(path.read_text(encoding="utf-8"))


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
