"""The print edition's rules (_ext/mibook_print.py), without a build: table captions and column
widths, unbreakable claim ids, short captions for the list of figures, LaTeX escaping."""

import importlib.util

import pytest

from mibook import paths


def print_extension():
    """_ext/mibook_print.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("mibook_print", paths.PROJECT_ROOT / "_ext" / "mibook_print.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def printing():
    return print_extension()


def test_a_table_without_caption_is_named_by_its_chapter_and_section(printing):
    assert printing.default_caption(["Evidence", "Trade: a figure, a boost and the proposals"]) == "Trade: evidence"
    assert printing.default_caption(["SCO and CPEC ties", "SCO, CPEC and Eurasia"]) == (
        "SCO, CPEC and Eurasia: SCO and CPEC ties")
    assert printing.default_caption(["Method and reproducibility"]) == "Method and reproducibility"
    assert printing.default_caption([]) == printing.SUMMARY


def test_columns_widen_to_their_longest_word(printing):
    shares = printing.column_shares([16, 10, 14, 60], [16, 1, 5, 15])
    assert sum(shares) == pytest.approx(1)
    assert shares[0] == pytest.approx(18 / printing.TABLE_LINE_CHARS)  # "c-afghanistan-01" and a margin
    assert shares[3] < 0.60 and shares[3] / shares[1] == pytest.approx(6)  # room taken in proportion


def test_columns_keep_their_given_shares_when_every_word_fits(printing):
    assert printing.column_shares([50, 50], [5, 5]) == [0.5, 0.5]


def test_columns_share_the_line_by_word_length_when_words_cannot_all_fit(printing):
    shares = printing.column_shares([90, 10], [60, 60])
    assert shares == pytest.approx([0.5, 0.5])


def test_claim_ids_and_dates_are_found_whole_and_other_hyphenated_words_are_not(printing):
    text = "c-trade-01, (c-sco-cpec-12) 2019-02-28 ev-2014-naval-exercises decades-long"
    assert printing.UNBREAKABLE.findall(text) == ["c-trade-01", "c-sco-cpec-12", "2019-02-28"]


def test_compounds_with_a_name_never_break_and_plain_compounds_may(printing):
    text = "an Afghan-led process, the China-Pakistan corridor, pro-Russian, well-known, c-trade-01, Russia–India"
    assert [m.group() for m in printing.unbreakable(text)] == ["Afghan-led", "China-Pakistan", "pro-Russian",
                                                               "c-trade-01"]


def test_evidence_tables_are_found_by_their_headings_with_curly_quotes(printing):
    from docutils import nodes

    head = nodes.thead("", nodes.row("", *(nodes.entry("", nodes.paragraph("", t)) for t in
                                          ("¶", "The article’s words"))))
    assert printing.EVIDENCE_COLUMNS <= printing.header_names(nodes.table("", nodes.tgroup("", head)))


def test_a_web_page_without_an_address_becomes_the_online_edition(printing):
    text = "in the boxes and on the checks page, and the claims ledger"
    assert printing.addressed(text, {"chapters/appendix/checks", "chapters/appendix/claims-ledger"}, "") == (
        "in the boxes and in the online edition, and the online edition")


def test_a_box_stays_where_it_stands_names_its_chapter_and_may_continue_under_its_heading(printing):
    from docutils import nodes

    def section(title, *body):
        return nodes.section("", nodes.title("", title), *body)

    box = nodes.admonition("", nodes.title("", "What the record shows"), nodes.paragraph("", "context"))
    holder = nodes.container("", box)
    gaps = section("Gaps", nodes.paragraph("", "b"), holder)
    chapter = section("Defence: ties and limits", section("Key points"), section("The record"), gaps)
    printing._boxes(chapter)
    assert [type(n).__name__ for n in holder.children] == ["raw", "paragraph", "raw"]  # where it stood
    assert [n.astext() for n in holder.children[::2]] == [
        r"\begin{mibookbox}{What the record shows: Defence}", r"\end{mibookbox}"]  # named after its chapter
    style = (paths.PROJECT_ROOT / "_ext" / "latex" / "mibook-print.sty").read_text(encoding="utf-8")
    assert "title after break={#1 (continued)}" in style  # a continued box carries its heading again


def test_list_of_figures_takes_the_captions_first_sentence(printing):
    caption = "Dated events as spans, e.g. 2019. Undated events are listed. More."
    assert printing.first_sentence(caption) == "Dated events as spans, e.g. 2019"
    assert printing.first_sentence("One sentence only.") == "One sentence only"


def test_latex_escape(printing):
    assert printing.latex_escape("50% of R&D_x {a} #1 ~ ^ \\ $5") == (
        r"50\% of R\&D\_x \{a\} \#1 \textasciitilde{} \textasciicircum{} \textbackslash{} \$5")


def test_pdf_document_info_escapes_every_value(printing, monkeypatch):
    import dataclasses

    from mibook import metadata

    book = dataclasses.replace(metadata.book(), title="Costs: $5 & 50%", authors=("A_B", "C#D"),
                               abstract="{braced} ~", keywords=("x^2",))
    monkeypatch.setattr(printing.metadata, "book", lambda: book)
    info = printing.document_info()
    assert info.startswith(
        "\\hypersetup{pdfdisplaydoctitle,pdftitle={Costs: \\$5 \\& 50\\%: " + printing.latex_escape(book.subtitle)
        + "},pdfauthor={A\\_B; C\\#D},pdfsubject={\\{braced\\} \\textasciitilde{}},"
        "pdfkeywords={x\\textasciicircum{}2},pdflang={en-GB},")
    assert "$5" not in info.replace("\\$5", "")  # no unescaped value reaches \hypersetup


@pytest.mark.parametrize(("publisher", "named"), [("A. Author", 0), ("A Press & Co", 1)])
def test_the_publisher_is_named_apart_only_when_it_is_not_the_author(printing, monkeypatch, publisher, named):
    import dataclasses

    from mibook import metadata

    book = dataclasses.replace(metadata.book(), authors=("A. Author",), publisher=publisher)
    monkeypatch.setattr(printing.metadata, "book", lambda: book)
    title_page, colophon = printing.front_matter().split("\\end{titlepage}")
    escaped = printing.latex_escape(publisher)
    assert title_page.count("Published by") == colophon.count("Published by") == named
    if named:
        assert f"Published by {escaped}\\par" in title_page and f"A. Author. Published by {escaped}," in colophon
    else:
        assert "A. Author." in colophon and title_page.count("A. Author") == 1


def test_author_year_labels_match_the_text(printing):
    from pybtex.database import parse_file

    entries = parse_file(str(paths.PROJECT_ROOT / "references.bib")).entries
    labels = dict(zip(entries, printing.AuthorYearLabels().format_labels(entries.values()), strict=True))
    assert labels["bokhari2019"] == "Bokhari, 2019"
    from pybtex.database import parse_string

    more = parse_string("""@misc{two, author = {Khan, A. and Ivanova, B.}, year = {2018}}
                           @misc{three, author = {Khan, A. and Ivanova, B. and Li, C.}, year = {2017}}
                           @misc{none, title = {Anonymous}}""", "bibtex").entries
    assert list(printing.AuthorYearLabels().format_labels(more.values())) == [
        "Khan and Ivanova, 2018", "Khan et al., 2017", "none, n.d."]


def test_table_height_is_estimated_from_its_longest_cells(printing):
    width = printing.TABLE_TEXT_CHARS // 2 - 2  # characters a line in a half-width column
    rows = [["c-trade-01", "x" * (3 * width)], ["c-trade-02", "short"]]
    assert printing.table_lines(rows, [0.5, 0.5]) == 3 + 1
    rows[0][1] += "x"  # one character more takes a fourth line
    assert printing.table_lines(rows, [0.5, 0.5]) == 4 + 1


def test_a_table_caption_says_what_a_row_is(printing):
    titles = ["What the article says", "Overview: the article and its evidence"]
    assert printing.default_caption(titles, "Speaker") == "Overview: what the article says, by speaker"
    assert printing.default_caption(titles, "¶") == "Overview: what the article says, by paragraph"


def test_web_only_pages_are_named_with_their_address_or_as_the_online_edition(printing):
    pages = {"chapters/appendix/claims-ledger", "chapters/appendix/checks"}
    text = "See the claims ledger; the Checks page has more, and the checks in Appendix B differ."
    assert printing.addressed(text, pages, "https://example.org/book") == (
        "See the claims ledger (https://example.org/book/chapters/appendix/claims-ledger.html); the Checks page "
        "(https://example.org/book/chapters/appendix/checks.html) has more, and the checks in Appendix B differ.")
    assert printing.addressed(text, pages, "") == (
        "See the online edition; the online edition has more, and the checks in Appendix B differ.")
    addressed = printing.addressed(text, pages, "https://example.org/book")
    assert printing.addressed(addressed, pages, "https://example.org/book") == addressed  # once only


def test_licence_by_the_name_its_owner_uses(printing):
    assert printing.licence_name("CC-BY-4.0") == "CC BY 4.0"
    assert printing.licence_name("MIT") == "MIT"


def test_a_page_named_at_the_end_of_a_sentence(printing):
    assert printing.addressed("Read the claims ledger.", {"chapters/appendix/claims-ledger"}, "") == (
        "Read the online edition.")


def test_an_address_in_print_is_a_link(printing):
    url = "https://example.org/book/chapters/appendix/checks.html"
    pieces = printing._with_links(f"the checks page ({url}).", "https://example.org/book")
    assert [p.astext() for p in pieces] == ["the checks page (", url, ")."]
    assert pieces[1]["refuri"] == url
    assert [p.astext() for p in printing._with_links("no address", "")] == ["no address"]


def test_a_printed_address_is_the_address_and_may_break(printing):
    """A link whose text is its address keeps `&` (not `&amp;`) and is not boxed like a compound, so LaTeX
    sets it as a URL that breaks where it must; other text with a named compound is still boxed."""
    from docutils import nodes

    url = "https://example.org/news/China-Pakistan-corridor?utm_source=feed&utm_medium=feed"
    paragraph = nodes.paragraph("", "", nodes.reference("", url, refuri=url.replace("&", "&amp;")),
                                nodes.Text(" on the Afghan-led process"))
    tree = nodes.section("", paragraph)
    printing._plain_addresses(tree)
    printing._unbreakable_ids(tree)
    reference = next(iter(tree.findall(nodes.reference)))
    assert reference["refuri"] == url and reference.astext() == url
    assert not list(reference.findall(nodes.raw))
    assert [r.astext() for r in tree.findall(nodes.raw)] == [r"\mbox{Afghan-led}"]


def _doctree_table(rows: int, text: str = "x"):
    """A section holding a two-column table with a caption and `rows` body rows of `text`."""
    from docutils import nodes

    def row(*cells):
        return nodes.row("", *[nodes.entry("", nodes.paragraph("", c)) for c in cells])

    group = nodes.tgroup("", nodes.colspec(colwidth=1), nodes.colspec(colwidth=1), cols=2)
    group += nodes.thead("", row("A", "B"))
    group += nodes.tbody("", *[row(text, text) for _ in range(rows)])
    table = nodes.table("", nodes.title("", "Rows"), group)
    return nodes.section("", nodes.title("", "Trade: a figure"), table), table


@pytest.mark.parametrize(("rows", "text", "long"), [
    (8, "x", False),  # short in rows and lines: kept on one page
    (9, "x", True),  # one row too many, however short the lines
    (3, "word " * 60, True),  # few rows, but too many lines
])
def test_a_table_may_split_across_pages_only_when_it_is_long_in_rows_or_lines(printing, rows, text, long):
    section, table = _doctree_table(rows, text)
    printing._print_tables(section)
    assert ("longtable" in table["classes"]) is long


def test_the_title_page_breaks_the_subtitle_after_its_first_clause(printing):
    assert printing.title_page_lines("Relations in one article, traced claim by claim, again") == (
        "Relations in one article,\\\\ traced claim by claim, again")
    assert printing.title_page_lines("No clause to break") == "No clause to break"


def test_the_front_matter_gives_the_day_without_a_leading_zero(printing):
    assert printing.long_date("2026-12-06") == "6 December 2026"
    assert printing.long_date("2026-11-29") == "29 November 2026"


def test_the_articles_reference_is_author_date_with_its_address(printing):
    """Both editions format references.bib with the book's style: author (year), title, publisher, note and
    the stored address."""
    from pybtex.database import parse_file

    entry = parse_file(str(paths.PROJECT_ROOT / "references.bib")).entries["bokhari2019"]
    text = next(printing.AuthorYearStyle().format_entries([entry])).text.render_as("text")
    assert text.startswith("Bokhari, Sitwat Waqar (2019). Are regional political changes bringing Moscow and "
                           "Islamabad closer? Center for Research and Security Studies (CRSS).")
    assert text.endswith(entry.fields["url"]) and entry.fields["url"].startswith("https://")
