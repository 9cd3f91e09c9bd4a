from mibook import article, paths

TEXT = (paths.PROJECT_ROOT / "data" / "source" / "article.txt").read_text(encoding="utf-8")


def test_source_is_the_shared_article_byte_for_byte():
    shared = paths.PROJECT_ROOT.parent / "shared" / "source-article.txt"
    if shared.is_file():
        assert shared.read_bytes() == TEXT.encode("utf-8")


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
