"""Numbers in prose come from data: no digit typed by hand outside code, glue, references and quotes.
And every number in a chapter's key points equals what its analysis module computes."""

import importlib
import re
from html import unescape
from pathlib import Path

import pytest

from mibook import load, paths
from tests.test_editorial import MODEL_NAME, NUMBER

CHAPTERS = {"overview": "overview", "afghanistan": "afghanistan", "defence": "defence", "energy": "energy",
            "trade": "trade", "sco-cpec": "sco_cpec", "outlook": "outlook"}
PROSE_FILES = [paths.PROJECT_ROOT / "index.md", *(paths.PROJECT_ROOT / "chapters" / f"{c}.md" for c in CHAPTERS)]


def hand_typed_digits(markdown: str) -> list[str]:
    """Lines of prose that still contain a digit once code, roles, link targets and quotes are removed."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^(```|:::).*?^\1\s*$", "", text, flags=re.S | re.M)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\"[^\"]*\"|“[^”]*”", "", text)
    text = MODEL_NAME.sub("", text)
    return [line for line in text.splitlines() if re.search(r"\d", line)]


@pytest.mark.parametrize("path", PROSE_FILES, ids=lambda p: p.stem)
def test_no_hand_typed_numbers_in_prose(path: Path):
    assert hand_typed_digits(path.read_text(encoding="utf-8")) == []


def test_the_prose_check_catches_typed_numbers():
    assert hand_typed_digits("Trade was 660 million.\n") == ["Trade was 660 million."]
    assert hand_typed_digits('It was {glue:text}`trade` in "mid-2017".\n```{code-cell}\nx = 1\n```\n') == []
    assert hand_typed_digits("India bought the S-400 and Pakistan Mi-35M helicopters.\n") == []
    assert hand_typed_digits("India bought 400 systems.\n") == ["India bought 400 systems."]


def _key_point_numbers(html: str) -> list[str]:
    section = re.search(r'<section id="key-points">(.*?)</section>', html, re.S)
    assert section, "no Key points section"
    items = re.findall(r"<li>(.*?)</li>", section.group(1), re.S)
    assert len(items) == 3, "key points must be three bullets"
    text = unescape(re.sub(r"<[^>]+>", "", " ".join(items)))
    pointers = re.sub(r"¶\d+|Fig\.\s*\d+", "", text)  # paragraph and figure pointers, not figures
    return NUMBER.findall(MODEL_NAME.sub("", pointers))  # nor model names


@pytest.mark.book
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_key_point_numbers_equal_the_computed_values(html_book, chapter):
    module = importlib.import_module(f"mibook.analysis.{CHAPTERS[chapter]}")
    computed = module.key_numbers(load.tables())
    expected = {n for value in computed.values() for n in NUMBER.findall(str(value))}
    shown = set(_key_point_numbers((html_book / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")))
    assert shown, f"{chapter}: no numbers in the key points"
    assert shown <= expected, f"{chapter}: key points show {shown - expected} that key_numbers() does not compute"
    assert expected <= shown, f"{chapter}: key_numbers() computes {expected - shown} that the key points omit"


@pytest.mark.parametrize("path", PROSE_FILES, ids=lambda p: p.stem)
def test_a_run_in_label_is_bold_and_its_colon_is_not(path: Path):
    """"- **The exercises**: no names …" on every page alike (print sets a bold colon apart from a roman one)."""
    assert re.findall(r"\*\*[^*\n]+:\*\*", path.read_text(encoding="utf-8")) == []
