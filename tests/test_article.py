import hashlib

import pytest

from mibook import article, paths

TEXT = (paths.PROJECT_ROOT / "data" / "source" / "article.txt").read_text(encoding="utf-8")
# The SHA-256 of the source of record (shared/source-article.txt, Bokhari 2019 as given to the project):
# the article never changes, so neither may this.
SOURCE_SHA256 = "3099b0237d6d62d33efa386d5dd5cc109889d9f4dbbdbf748c5d71991583a7ab"


def test_source_is_the_article_of_record_byte_for_byte():
    assert hashlib.sha256(TEXT.encode("utf-8")).hexdigest() == SOURCE_SHA256
    shared = paths.PROJECT_ROOT.parent / "shared" / "source-article.txt"
    if shared.is_file():  # beside a session's checkout and in CI; not in a plain clone
        assert hashlib.sha256(shared.read_bytes()).hexdigest() == SOURCE_SHA256


def test_numbering_skips_title_byline_and_page_chrome():
    numbered = article.paragraphs(TEXT)
    assert [p.number for p in numbered] == list(range(1, 12))
    assert [p.kind for p in numbered].count("body") == 10
    assert numbered[0].text.startswith("Relations between Moscow and Islamabad")
    assert numbered[9].text.startswith("In crux")
    assert numbered[10].kind == "author-note"
    assert all("Leave a Reply" not in p.text and "bloggers" not in p.text for p in numbered)
    assert article.title(TEXT).startswith("Are regional political changes")


def test_normalise_folds_only_whitespace_and_curly_quotes():
    assert article.normalise("Putin’s  “centre\nof magnetism”") == "Putin's \"centre of magnetism\""
    assert article.normalise("centre") != article.normalise("center")


def test_without_a_byline_the_first_block_after_the_title_is_paragraph_one():
    paragraphs = article.paragraphs("A title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThe author writes.")
    assert [(p.number, p.text, p.kind) for p in paragraphs] == [
        (1, "First paragraph.", "body"), (2, "Second paragraph.", "body"), (3, "The author writes.", "author-note")]


def test_a_numbered_paragraph_cannot_be_changed_after_reading():
    import dataclasses

    (first, *_) = article.paragraphs("T\n\nOne.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.number = 2
