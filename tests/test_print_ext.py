"""_ext/mibook_print.py at work: a tiny Sphinx project (tests/tiny_sphinx.py) built with the LaTeX builder, which
writes the .tex without running TeX (a second or so), and read back: the front matter, the document info, the
print translator's links and captions, web-only pages and sections, the addresses of the online edition, the
tables, boxes, code cells, charts and references. The doctree passes and hooks are also called directly on
small node trees, for the cases a book does not show."""

import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography

from mibook import geometry, metadata, paths, render
from tests.tiny_sphinx import build, warnings, write_pages

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))
import mibook_print  # noqa: E402

ADDRESS = "https://example.org/book"  # the online edition's address, as CITATION.cff's `url` gives it

CONF = '''
from docutils import nodes
from docutils.parsers.rst import Directive

extensions = ["myst_parser", "sphinxcontrib.bibtex", "mibook_print"]
myst_enable_extensions = ["colon_fence"]
numfig = True
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "mibook-author-year"
bibtex_default_style = "mibook-author-year"
latex_elements = {"preamble": "\\\\usepackage{the-books-own}"}


class Sources(Directive):
    """Stands for the appendix's context sources: a bullet list with the class the print edition sets it by."""

    def run(self):
        items = [nodes.list_item("", nodes.paragraph("", text)) for text in ("First source.", "Second source.")]
        return [nodes.bullet_list("", *items, classes=["mibook-context-sources"])]


def setup(app):
    app.add_directive("sources", Sources)
'''

LONG_ROWS = "".join(f"* - c-trade-{n:02d}\n  - row {n}\n" for n in range(1, 13))
PAGES = {
    "index": ("# Home\n\nThe landing text; see [the outlook](chapters/outlook.md).\n\n"
              "```{toctree}\n:caption: Chapters\nchapters/trade\nchapters/outlook\n```\n\n"
              "```{toctree}\n:caption: Appendices\nchapters/appendix/source\nchapters/appendix/claims-ledger\n"
              "chapters/appendix/checks\nchapters/appendix/sources\n```\n"),
    "chapters/trade": (
        "# Trade: a figure and a boost\n\n"
        "(trade-key)=\n## Key points\n\n"
        "Same page: [key points](#trade-key). Another chapter: [the outlook](outlook.md). Its section: "
        "{ref}`the gaps <out-gaps>`. In brackets (see [the article](appendix/source.md)). Home: [home](../index.md). "
        "Outside: [a site](https://example.org/elsewhere?a=1&b=2). Figure: {numref}`fig-trade`. "
        "Table: {numref}`tab-trade`. "
        "Section for the web: {ref}`extra words <web-only-extra>`.\n\n"
        "The claims ledger lists c-trade-01 of 2019-02-28, an Afghan-led and well-known deal. "
        "Its rows: {ref}`ledger rows <ledger-rows>`; [the page](appendix/checks.md); "
        "[the checks page](appendix/checks.md).\n\n"
        "```{figure} chart.pdf\n:name: fig-trade\n\nTrade grows fast. A second sentence here.\n```\n\n"
        "```{figure} photo.png\n\nA photo.\n```\n\n"
        "```{figure} growth.svg\n\nGrowth.\n```\n\n"
        "```{code-block} python\n:caption: Code. Shown whole.\n\nx = 1\n```\n\n"
        "```{list-table} Trade in numbers\n:name: tab-trade\n:header-rows: 1\n\n* - Year\n  - Value\n"
        "* - 2019\n  - 1\n```\n\n"
        "## Speakers\n\n| Speaker | Words |\n|---|---|\n| Putin | hello |\n\n"
        "## Evidence\n\n| ¶ | The article's words |\n|---|---|\n| 4 | a quote |\n\n"
        "## A long list\n\n"
        f"```{{list-table}}\n:widths: 10 90\n:header-rows: 1\n\n* - Claim\n  - Words\n{LONG_ROWS}```\n\n"
        "## [The outlook](outlook.md) in a heading\n\n"
        "```{only} latex\nPrinted words.\n```\n\n```{only} html\nWeb words.\n```\n\n"
        "```{sources}\n```\n\n- a plain item\n\n"
        "As {cite:t}`bokhari2019` says, and so on {cite:p}`bokhari2019`.\n\n"
        ":::{admonition} What the record shows\nA record.\n:::\n\n"
        "(web-only-extra)=\n## Extra for the web\n\nWeb section words.\n"),
    "chapters/outlook": ("# Outlook: what comes\n\n## Deals of 2019-02-28\n\nDeal [c-trade-02](trade.md), "
                         "[c-trade-03](https://example.org/c-trade-03).\n\n"
                         "(out-gaps)=\n## Gaps\n\nGaps text; see {numref}`fig-trade`.\n\n"
                         "```{eval-rst}\nBy address: `the gaps again <#out-gaps>`_.\n```\n\n"
                         "````{list-table} Pictures\n:header-rows: 1\n\n* - Picture\n  - Words\n"
                         "* - ```{figure} photo.png\n\n    In a table. Second one.\n    ```\n  - words\n````\n\n"
                         "```{toctree}\n:hidden:\noutlook-more\n```\n"),
    "chapters/outlook-more": ("# More outlook\n\n(more-label)=\n## More\n\nMore: [more](#more-label), "
                              "{numref}`fig-more`.\n\n```{eval-rst}\nMore again: `more <#more-label>`_.\n```\n\n"
                              "```{figure} photo.png\n:name: fig-more\n\nMore photo.\n```\n"),
    "chapters/appendix/source": "# The article\n\nSource text.\n\n```{bibliography}\n```\n",
    "chapters/appendix/claims-ledger": "---\nedition: web\n---\n# Claims ledger\n\n(ledger-rows)=\n## Rows\n\nRows.\n",
    "chapters/appendix/checks": "---\nedition: web\n---\n# Checks\n\nChecks.\n",
    "chapters/appendix/sources": "# Sources\n\nOutside sources.\n",
}
CHART_PDF = b"%PDF-1.4 the chart"  # what the stand-in for mibook.render.vector_pdf makes of any SVG


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    """The tiny book built by the LaTeX builder, its online edition at ADDRESS: the app and the .tex text."""
    source = tmp_path_factory.mktemp("print") / "src"
    write_pages(source, PAGES, CONF)
    (source / "refs.bib").write_text((paths.PROJECT_ROOT / "references.bib").read_text(encoding="utf-8"))
    (source / "chapters" / "chart.pdf").write_bytes(b"%PDF-1.4")
    (source / "chapters" / "photo.png").write_bytes(b"")
    (source / "chapters" / "growth.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    record = {**metadata._record(), "url": ADDRESS + "/"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(metadata, "_record", lambda: record)
        patch.setattr(render, "vector_pdf", lambda svg: CHART_PDF)
        for name in ("SOURCE_DATE_EPOCH", "FORCE_SOURCE_DATE"):  # unset for the build, as they were after it
            patch.setenv(name, "")
            patch.delenv(name)
        app, _ = build(source, "latex")
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    return SimpleNamespace(app=app, tex=tex, body=tex.split(r"\begin{document}")[1], epoch=epoch)


def _paragraph(tex: str, start: str) -> str:
    """The paragraph of the .tex that begins with `start`."""
    opening = tex.index(r"\sphinxAtStartPar" + "\n" + start)
    return tex[opening:tex.index("\n\n", opening)]


# --- the tiny book ---------------------------------------------------------------------------------------------

def test_the_tiny_book_builds_without_warnings(latex):
    assert warnings(latex.app) == []


def test_the_front_matter_and_the_document_info_come_from_the_book(latex):
    book = metadata.book()
    assert r"\begin{titlepage}" in latex.body and f"{{\\Huge\\bfseries {book.title}\\par}}" in latex.body
    assert (f"Organization.\\par\\medskip\n\\textbf{{The online edition}} of this report (\\url{{{ADDRESS}}}), "
            "built from the same sources") in latex.body  # the address, without its slash
    assert "build instructions.\\par\n\\end{minipage}" in latex.body
    preamble = latex.tex.split(r"\begin{document}")[0]
    assert "\\usepackage{the-books-own}\\hypersetup{pdfdisplaydoctitle,pdftitle=" in preamble  # after the book's


def test_the_landing_page_opens_under_a_summary_heading_listed_in_the_contents(latex):
    opening = latex.body.split(r"\label{\detokenize{index::doc}}")[1].lstrip()
    assert opening.startswith(r"\chapter*{Summary}\addcontentsline{toc}{chapter}{Summary}\markboth{Summary}{Summary}")


def test_links_say_where_they_lead_on_paper(latex):
    text = _paragraph(latex.body, "Same page:")
    key = r"\detokenize{chapters/trade:trade-key}"
    assert rf"{{key points}} (\mibookpageref{{{key}}})}}}}" in text  # same page: its page only
    outlook = r"\detokenize{chapters/outlook::doc}"
    assert rf"{{the outlook}}}} (\mibookdocref{{Chapter}}{{{outlook}}})}}}}" in text  # a chapter
    gaps = r"\detokenize{chapters/outlook:out-gaps}"
    assert rf"{{the gaps}}}} (Chapter~\ref*{{{outlook}}}, \mibookpageref{{{gaps}}})}}}}" in text  # its section
    source = r"\detokenize{chapters/appendix/source::doc}"
    assert rf"{{the article}}}}, \mibookdocref{{Appendix}}{{{source}}}}}}})." in text  # inside brackets: no more
    assert r"{home}} (Summary, \mibookpageref{\detokenize{index::doc}})}}" in text  # the landing page
    assert r"\sphinxhref{https://example.org/elsewhere?a=1\&b=2}{a site}." in text  # an outside link: no page


def test_a_link_on_the_landing_page_names_its_chapter(latex):
    text = _paragraph(latex.body, "The landing text")
    assert r"{the outlook}} (\mibookdocref{Chapter}{\detokenize{chapters/outlook::doc}})}}." in text


def test_a_link_in_a_heading_adds_no_page(latex):
    heading = next(line for line in latex.body.splitlines() if line.startswith(r"\section{") and "outlook" in line)
    assert "mibookdocref" not in heading and "mibookpageref" not in heading


def test_figure_and_table_numbers_never_break_and_say_where_they_are(latex):
    text = _paragraph(latex.body, "Same page:")
    figure, table = r"\detokenize{chapters/trade:fig-trade}", r"\detokenize{chapters/trade:tab-trade}"
    assert rf"{{Fig.\@~\ref{{{figure}}}}}\mibookelsewhere{{{figure}}}" in text
    assert rf"{{Table~\ref{{{table}}}}}\mibookelsewhere{{{table}}}" in text
    assert rf"\mibookelsewhere{{{figure}}}" in _paragraph(latex.body, "Gaps text")  # from another chapter


def test_a_figure_lists_its_first_sentence_and_other_captions_are_left_alone(latex):
    assert r"\caption[Trade grows fast]{Trade grows fast. A second sentence here.}" in latex.body
    assert r"\sphinxSetupCaptionForVerbatim{Code. Shown whole.}" in latex.body
    assert r"\sphinxfigcaption{In a table. Second one.}" in latex.body  # a figure in a table: no float, no list


def test_web_only_pages_and_sections_are_left_out(latex):
    assert "Web section words" not in latex.body and "Extra for the web" not in latex.body
    assert r"\chapter{Claims ledger}" not in latex.body and r"\chapter{Checks}" not in latex.body
    assert "web-only-extra" not in latex.body and "ledger-rows" not in latex.body
    assert _paragraph(latex.body, "Same page:").endswith("Section for the web: extra words.")  # its link, as text


def test_a_web_only_page_is_named_with_its_address_in_the_online_edition(latex):
    text = _paragraph(latex.body, "The claims ledger")
    ledger, checks = f"{ADDRESS}/chapters/appendix/claims-ledger.html", f"{ADDRESS}/chapters/appendix/checks.html"
    assert text.startswith(r"\sphinxAtStartPar" + f"\nThe claims ledger (\\sphinxurl{{{ledger}}}) lists")
    assert f"Its rows: ledger rows (\\sphinxurl{{{ledger}}}); " in text  # a link to a section of it
    assert f"; the page (\\sphinxurl{{{checks}}}); " in text  # a link not naming it: the address added
    assert f"; the checks page (\\sphinxurl{{{checks}}})." in text  # a link naming it: the address once


def test_ids_dates_and_named_compounds_never_break(latex):
    text = _paragraph(latex.body, "The claims ledger")
    assert (r"lists \mbox{c-trade-01} of \mbox{2019-02-28}, an \mbox{Afghan-led} and well\sphinxhyphen{}known deal"
            in text)


def test_only_blocks_print_the_print_wording(latex):
    assert "Printed words." in latex.body and "Web words." not in latex.body


def test_code_cells_are_left_out_of_print(latex):
    tree = nodes.section("", nodes.title("", "T"), nodes.container("", nodes.literal_block("", "x = 1"),
                                                                 classes=["cell", "cell_input"]),
                         nodes.container("", nodes.paragraph("", "output"), classes=["cell_output"]))
    mibook_print._drop_code(tree)
    assert tree.astext() == "T\n\noutput"


def test_evidence_tables_stay_online_and_their_emptied_section_goes(latex):
    assert "The article’s words" not in latex.body and "a quote" not in latex.body
    assert r"\section{Evidence}" not in latex.body


def test_a_table_without_caption_is_named_and_a_captioned_one_keeps_its_own(latex):
    assert r"\sphinxcaption{Trade: speakers, by speaker}" in latex.body
    assert r"\sphinxcaption{Trade in numbers}" in latex.body


def test_a_long_table_splits_after_the_pending_figures_and_starts_with_its_heading(latex):
    before, section = latex.body.split(r"\section{A long list}")
    assert before.rstrip().endswith(r"\FloatBarrier" + "\n\n" + r"\Needspace{21\baselineskip}")  # 13 rows + 8
    table = section.split(r"\section{")[0]
    assert r"\begin{longtable}" in table
    assert r"\X{188}{1000}\X{812}{1000}" in table  # "c-trade-01" and its margin: 12/64 of the line, rounded
    assert r"\begin{longtable}" not in latex.body.split(r"\section{A long list}")[0]  # the short ones stay tables


def test_a_box_names_its_chapter(latex):
    assert "\\begin{mibookbox}{What the record shows: Trade}\n\n\\sphinxAtStartPar\nA record.\n\n\\end{mibookbox}" in (
        latex.body)


def test_no_float_rises_above_a_chapter_heading(latex):
    for chapter in ("Trade: a figure and a boost", "Outlook: what comes", "The article", "Sources"):
        assert re.search(rf"\\chapter\{{{re.escape(chapter)}\}}\n\\label[^\n]*\n\\suppressfloats\[t\]\n", latex.body)
    assert latex.body.count(r"\suppressfloats[t]") == 5  # after each page's heading (one inlined), no section's


def test_the_annex_is_lettered_after_the_chapters_floats(latex):
    assert latex.body.index(r"\FloatBarrier\appendix") < latex.body.index(r"\chapter{The article}")
    assert latex.body.index(r"\chapter{Outlook: what comes}") < latex.body.index(r"\FloatBarrier\appendix")
    assert latex.body.count(r"\appendix") == 1 and "\n\\FloatBarrier\\appendix\n" in latex.body


def test_a_chart_prints_at_the_print_scale_and_other_images_as_they_are(latex):
    scale = re.search(r"\\sphinxincludegraphics\[scale=([\d.]+)\]\{\{chart\}\.pdf\}", latex.body)[1]
    assert float(scale) == pytest.approx(geometry.PRINT_SCALE)
    assert r"\sphinxincludegraphics{{photo}.png}" in latex.body


def test_the_context_sources_are_set_as_a_reference_list_and_other_lists_as_lists(latex):
    assert ("\\begin{mibookreferences}\n\\item {} \n\\sphinxAtStartPar\nFirst source.\n\n\\item {} \n"
            "\\sphinxAtStartPar\nSecond source.\n\n\\end{mibookreferences}\n\\begin{itemize}") in latex.body
    assert "\\begin{itemize}\n\\item {} \n\\sphinxAtStartPar\na plain item\n\n\\end{itemize}" in latex.body


def test_citations_are_author_year_in_round_brackets_and_the_list_stands_in_its_section(latex):
    cited = _paragraph(latex.body, "As ")
    assert re.search(r"Bokhari \(\\hyperlink\{[^}]+\}\{2019\}\)\} says", cited)
    assert re.search(r"so on \\DUrole\{bibtex-citation\}\{\(\\hyperlink\{[^}]+\}\{Bokhari, 2019\}\)\}", cited)
    appendix = latex.body.split(r"\chapter{The article}")[1]
    assert r"\begin{sphinxthebibliography}" in appendix and r"\bibitem[Bokhari, 2019]" in appendix
    assert latex.body.count(r"\begin{sphinxthebibliography}") == 1


# --- front matter and document info, directly ------------------------------------------------------------------

def _book(**changes):
    import dataclasses

    return dataclasses.replace(metadata.book(), **changes)


def test_the_colophon_tells_of_the_online_edition_only_when_there_is_an_address(monkeypatch):
    record = metadata._record()
    monkeypatch.setattr(metadata, "_record", lambda: {**record, "url": ""})
    assert mibook_print.online_address() == ""
    assert mibook_print.front_matter().endswith("Organization.\\par\n\\end{minipage}\n\\clearpage\n")  # no note
    monkeypatch.setattr(metadata, "_record", lambda: {**record, "url": "https://x.org/b//"})
    assert mibook_print.online_address() == "https://x.org/b"
    monkeypatch.setattr(metadata, "_record", lambda: {k: v for k, v in record.items() if k != "url"})
    assert mibook_print.online_address() == ""


def test_the_title_page_and_colophon_carry_every_field_escaped(monkeypatch):
    book = _book(title="T&T", subtitle="One, two_three", authors=("A%", "B"), publisher="A%", date="2025-03-04",
                 version="2.1", licence="CC-BY-4.0")
    monkeypatch.setattr(metadata, "book", lambda: book)
    monkeypatch.setattr(metadata, "_record", lambda: {"url": ""})
    text = mibook_print.front_matter()
    title_page, colophon = text.split(r"\end{titlepage}")
    assert r"{\Huge\bfseries T\&T\par}" in title_page and r"{\Large One,\\ two\_three\par}" in title_page
    byline = r"{\large A\%; B\par}" + "\n  \\vspace{0.3em}\n  " + r"{4 March 2025\quad\textbullet\quad Version 2.1\par}"
    assert byline in title_page  # a publisher who is an author is not named again
    assert r"{\sffamily\bfseries T\&T:\\ One, two\_three\par}" in colophon
    assert r"A\%; B. 4 March 2025. Version 2.1.\par" in colophon
    assert (r"\textbf{Licence.} © 2025 A\%; B, under CC BY 4.0, \url{https://creativecommons.org/licenses/by/4.0/}."
            in colophon)
    assert r"\textbf{Suggested citation.} A\%; B (2025). T\&T: One, two\_three (version 2.1).\par" in colophon
    assert rf"An analytical reading of {mibook_print.article()}\par" in title_page


def test_the_article_is_named_from_the_bibliography_escaped_and_without_braces():
    assert mibook_print.article() == (
        r"Sitwat Waqar Bokhari, \emph{Are regional political changes bringing Moscow and Islamabad closer?} "
        "(Center for Research and Security Studies (CRSS), 2019).")


def test_the_pdf_dates_and_ids_come_from_the_books_title_version_and_date():
    ids = mibook_print.reproducible_ids(_book(date="2026-12-06"))
    assert ids["pdfcreationdate"] == ids["pdfmoddate"] == "D:20261206000000Z"
    assert ids["pdfmetadate"] == "2026-12-06"
    uuid5 = r"uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    assert re.fullmatch(uuid5, ids["pdfdocumentid"]) and re.fullmatch(uuid5, ids["pdfinstanceid"])
    assert ids == mibook_print.reproducible_ids(_book(date="2026-12-06"))  # the same book, the same ids
    later = mibook_print.reproducible_ids(_book(date="2026-12-07"))
    assert later["pdfdocumentid"] == ids["pdfdocumentid"] and later["pdfinstanceid"] != ids["pdfinstanceid"]
    other = mibook_print.reproducible_ids(_book(date="2026-12-06", version="9.9"))
    assert other["pdfdocumentid"] != ids["pdfdocumentid"] and other["pdfinstanceid"] != ids["pdfinstanceid"]
    retitled = mibook_print.reproducible_ids(_book(date="2026-12-06", title="Another"))
    assert retitled["pdfdocumentid"] != ids["pdfdocumentid"] and ids["pdfdocumentid"] != ids["pdfinstanceid"]


def test_the_document_info_holds_every_field_and_repeats_author_and_keywords_for_info(monkeypatch):
    book = _book(title="T", subtitle="S", authors=("A", "B"), publisher="P", abstract="Abs", keywords=("k1", "k2"),
                 date="2026-01-02", version="3", licence="MIT")
    monkeypatch.setattr(metadata, "book", lambda: book)
    info = mibook_print.document_info()
    fields = dict(re.findall(r"(?:,|\{)(pdf\w+)=\{([^}]*)\}", info.split("\n")[0]))
    assert fields == {"pdftitle": "T: S", "pdfauthor": "A; B", "pdfsubject": "Abs", "pdfkeywords": "k1, k2",
                      "pdflang": "en-GB", "pdfdate": "2026-01-02", "pdfpubtype": "book", "pdfversionid": "3",
                      "pdfcopyright": "MIT, https://spdx.org/licenses/MIT.html",
                      "pdflicenseurl": "https://spdx.org/licenses/MIT.html", "pdfpublisher": "P",
                      **mibook_print.reproducible_ids(book)}
    assert info.startswith(r"\hypersetup{pdfdisplaydoctitle,pdftitle={T: S},")
    assert info.endswith("\n" + r"\makeatletter\AtBeginDocument{\pdfstringdef\mibook@Author{A; B}"
                         r"\pdfstringdef\mibook@Keywords{k1, k2}\special{pdf:docinfo<</Author(\mibook@Author)"
                         r"/Keywords(\mibook@Keywords)>>}}\makeatother" + "\n")


def test_the_latex_config_sets_the_front_matter_and_appends_the_document_info():
    config = SimpleNamespace(latex_elements={"preamble": "MINE", "papersize": "a4paper"})
    mibook_print._latex_config(None, config)
    assert config.latex_elements["papersize"] == "a4paper"
    assert config.latex_elements["maketitle"] == mibook_print.front_matter()
    assert config.latex_elements["preamble"] == "MINE" + mibook_print.document_info()
    empty = SimpleNamespace(latex_elements=None)
    mibook_print._latex_config(None, empty)
    assert empty.latex_elements["preamble"] == mibook_print.document_info()


def test_a_print_build_dates_everything_tex_writes_by_the_books_date(monkeypatch):
    book = _book(date="2026-12-06")
    monkeypatch.setattr(metadata, "book", lambda: book)
    for name in ("SOURCE_DATE_EPOCH", "FORCE_SOURCE_DATE"):  # unset here, as they were after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    mibook_print._source_date(SimpleNamespace(builder=SimpleNamespace(format="html")))
    assert "SOURCE_DATE_EPOCH" not in os.environ and "FORCE_SOURCE_DATE" not in os.environ
    mibook_print._source_date(SimpleNamespace(builder=SimpleNamespace(format="latex")))
    assert os.environ["SOURCE_DATE_EPOCH"] == "1796515200"  # 2026-12-06 00:00 UTC
    assert os.environ["FORCE_SOURCE_DATE"] == "1"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5")
    mibook_print._source_date(SimpleNamespace(builder=SimpleNamespace(format="latex")))
    assert os.environ["SOURCE_DATE_EPOCH"] == "5"  # one set by the caller is kept


# --- web-only pages and sections, directly ---------------------------------------------------------------------

def test_a_page_is_web_only_when_its_front_matter_says_edition_web():
    env = SimpleNamespace(metadata={"a": {"edition": "web"}, "b": {"edition": " web "}, "c": {"edition": "print"},
                                    "d": {}, "e": {"edition": "web-ish"}})
    assert mibook_print.web_only_pages(env) == {"a", "b"}


def _file(docname, *children):
    return addnodes.start_of_file("", *children, docname=docname)


def test_a_dropped_section_takes_its_label_and_links_to_it_keep_their_text():
    label = nodes.target("", "", refid="web-only-more")
    kept_label = nodes.target("", "", refid="kept")
    dropped = nodes.section("", nodes.title("", "More"), nodes.paragraph("", "gone", ids=["inner"]),
                            ids=["web-only-more", "more"])
    kept = nodes.section("", nodes.title("", "Kept"), ids=["kept"])
    links = nodes.paragraph("", "", nodes.reference("", "to more", refid="web-only-more"),
                            nodes.reference("", "to inner", refuri="%ch/a#inner"),
                            nodes.reference("", "to kept", refid="kept"),
                            nodes.reference("", "to page", refuri="%ch/web#top"))
    tree = nodes.document(None, None)
    tree += [_file("ch/a", label, dropped, kept_label, kept, links), _file("ch/web", nodes.section("", ids=["top"]))]
    mibook_print._drop_web_only(tree, {"ch/web"})
    assert not any(s["docname"] == "ch/web" for s in tree.findall(addnodes.start_of_file))
    assert [s["ids"] for s in tree.findall(nodes.section)] == [["kept"]]
    assert [t["refid"] for t in tree.findall(nodes.target)] == ["kept"]
    assert links.astext() == "to moreto innerto keptto page"
    assert [r.astext() for r in links.findall(nodes.reference)] == ["to kept", "to page"]  # a page: addressed later


def test_a_web_only_page_is_named_by_its_file_name():
    ledger = mibook_print.page_names("chapters/appendix/claims-ledger")
    assert ledger.search("see The Claims-Ledger now") and ledger.search("the claims\nledger")
    assert not ledger.search(f"{ADDRESS}/chapters/appendix/claims-ledger.html")  # inside an address
    assert not ledger.search("the claims ledgers") and not ledger.search("xclaims ledger")
    checks = mibook_print.page_names("chapters/appendix/checks")
    assert checks.search("the checks page") and checks.search("on the Checks\n page")
    assert not checks.search("the checks in Appendix B") and not checks.search("checks-page")
    assert ledger.search("the claims ledger, then").group() == "the claims ledger"


def test_on_a_web_only_page_reads_in_the_online_edition():
    pages = {"chapters/appendix/checks"}
    assert mibook_print.addressed("On the checks page and on the checks page.", pages, "") == (
        "In the online edition and in the online edition.")


def test_a_web_only_page_opening_a_sentence_keeps_its_capital():
    pages = {"chapters/appendix/claims-ledger", "chapters/appendix/checks"}
    assert mibook_print.addressed("The claims ledger lists them. The checks page too.", pages, "") == (
        "The online edition lists them. The online edition too.")


def test_links_to_web_only_pages_become_text_with_the_address_and_each_address_a_link():
    para = nodes.paragraph("", "", nodes.Text("See "), nodes.Text("the claims ledger "),
                           nodes.reference("", "the rows", refuri="%chapters/appendix/claims-ledger#rows"),
                           nodes.Text(" and "),
                           nodes.reference("", "the checks page", refuri="%chapters/appendix/checks"),
                           nodes.Text("."))
    title = nodes.title("", "The claims ledger")
    code = nodes.literal_block("", "the claims ledger")
    tree = nodes.section("", title, para, code, nodes.paragraph("", "", nodes.reference("", "x", refuri="%ch/a")))
    pages = {"chapters/appendix/claims-ledger", "chapters/appendix/checks"}
    mibook_print._address_web_pages(tree, pages, ADDRESS)
    ledger, checks = f"{ADDRESS}/chapters/appendix/claims-ledger.html", f"{ADDRESS}/chapters/appendix/checks.html"
    assert para.astext() == f"See the claims ledger ({ledger}) the rows ({ledger}) and the checks page ({checks})."
    assert [r["refuri"] for r in para.findall(nodes.reference)] == [ledger, ledger, checks]
    assert [type(c).__name__ for c in para.children] == ["Text", "reference", "Text", "reference", "Text",
                                                         "reference", "Text"]  # neighbouring texts merged
    assert title.astext() == "The claims ledger" and code.astext() == "the claims ledger"  # left as they are
    assert [r["refuri"] for r in tree.findall(nodes.reference)][-1] == "%ch/a"  # a link to a printed page


def test_without_an_address_links_to_web_only_pages_keep_their_text():
    para = nodes.paragraph("", "", nodes.reference("", "the rows", refuri="%chapters/appendix/claims-ledger#rows"))
    mibook_print._address_web_pages(nodes.section("", para), {"chapters/appendix/claims-ledger"}, "")
    assert para.astext() == "the rows" and not list(para.findall(nodes.reference))


def test_a_node_outside_any_page_has_no_docname():
    assert mibook_print._docname(nodes.paragraph()) == ""
    inner = nodes.paragraph()
    _file("ch/a", nodes.section("", inner))
    assert mibook_print._docname(inner) == "ch/a"


# --- the shape, directly ---------------------------------------------------------------------------------------

def test_a_tree_without_a_title_gets_no_summary_heading():
    tree = nodes.section("", nodes.paragraph("", "x"))
    mibook_print._summary_heading(tree)
    assert not list(tree.findall(nodes.raw))


def _env(*parts):
    root = nodes.document(None, None)
    root += [addnodes.toctree(entries=[(None, doc) for doc in part]) for part in parts]
    root += addnodes.toctree(entries=[])
    return SimpleNamespace(config=SimpleNamespace(root_doc="index"), get_doctree=lambda doc: root)


def test_the_annex_is_the_last_part_and_a_one_part_book_has_none():
    assert mibook_print.annex_docs(_env(["a", "b"], ["x", "y"])) == {"x", "y"}
    assert mibook_print.annex_docs(_env(["a", "b"])) == set()
    tree = nodes.document(None, None)
    tree += [_file("a"), _file("b")]
    mibook_print._annex(_env(["a", "b"]), tree)
    assert not list(tree.findall(nodes.raw))


def test_an_evidence_table_in_a_cell_output_goes_with_its_output_and_a_section_with_more_stays():
    def table(*headings):
        row = nodes.row("", *(nodes.entry("", nodes.paragraph("", h)) for h in headings))
        return nodes.table("", nodes.tgroup("", nodes.thead("", row)))

    output = nodes.container("", nodes.container("", table("¶", "The article's words", "Claim")))
    other = table("¶", "Words")
    section = nodes.section("", nodes.title("", "Evidence"), nodes.paragraph("", "lead"), output, other)
    emptied = nodes.section("", nodes.title("", "Only"), nodes.target(), table("The article’s words", "¶"))
    chapter = nodes.section("", nodes.title("", "C"), section, emptied)
    mibook_print._drop_evidence_tables(chapter)
    assert [type(c).__name__ for c in section.children] == ["title", "paragraph", "table"] and section[2] is other
    assert [c.astext() for c in chapter.children] == ["C", section.astext()]  # the emptied section went


def test_a_table_caption_keeps_an_acronym_and_a_table_without_header_names_no_row():
    assert mibook_print.default_caption(["CPEC ties", "Trade: x"]) == "Trade: CPEC ties"
    assert mibook_print.default_caption(["A", "Trade: x"]) == "Trade: A"
    assert mibook_print.default_caption(["Ties", "Trade: x"], "CPEC") == "Trade: ties, by cPEC"
    table = nodes.table("", nodes.tgroup(""))
    chapter = nodes.section("", nodes.title("", "Energy: oil"), nodes.section("", nodes.title("", "Deals"), table))
    _file("ch/e", nodes.section("", nodes.title("", "Outer"), chapter))
    mibook_print._caption(table)
    assert table[0].astext() == "Outer: deals"  # the chapter is the page's title, the outermost section


def test_titles_of_untitled_sections_are_skipped():
    table = nodes.table()
    nodes.section("", nodes.title("", "Chapter: one"), nodes.section("", nodes.paragraph(), table))
    assert mibook_print._enclosing_titles(table) == ["Chapter: one"]
    assert mibook_print._enclosing_titles(nodes.section("", nodes.section(), nodes.table())[1]) == []


def _table(widths, rows, given=True):
    group = nodes.tgroup("", *(nodes.colspec(colwidth=w) for w in widths), cols=len(widths))
    group += nodes.tbody("", *(nodes.row("", *(nodes.entry("", nodes.paragraph("", c)) for c in row)) for row in rows))
    return nodes.table("", group, classes=["colwidths-given"] if given else [])


def test_given_column_widths_are_widened_to_their_longest_word():
    table = _table([10, 90], [["c-sco-cpec-01", "a well-known China-Pakistan corridor"]])
    shares = mibook_print._fit_columns(table)
    assert shares[0] == pytest.approx(15 / mibook_print.TABLE_LINE_CHARS)  # the id whole, and a margin
    assert [c["colwidth"] for c in table.findall(nodes.colspec)] == [round(1000 * s) for s in shares] == [234, 766]
    assert mibook_print._longest_words(table, 2) == [13, 14]  # "China-Pakistan" is boxed whole, "well-" may break
    assert mibook_print._longest_words(_table([1], [["a b", "longer"]]), 1) == [1]  # only the columns asked
    assert mibook_print._longest_words(_table([1], [["decades-long"]]), 1) == [8]  # "decades-" ends a line


def test_columns_without_given_widths_share_the_line_equally_and_keep_their_widths():
    table = _table([10, 90], [["c-sco-cpec-01", "x"]], given=False)
    assert mibook_print._fit_columns(table) == [0.5, 0.5]
    assert [c["colwidth"] for c in table.findall(nodes.colspec)] == [10, 90]
    assert mibook_print._fit_columns(nodes.table("", nodes.tgroup(""), classes=["colwidths-given"])) == []


def test_a_column_too_narrow_is_widened_in_turn_until_every_word_fits():
    shares = mibook_print.column_shares([50, 40, 10], [18, 18, 18])  # the third first, then the second
    assert shares == pytest.approx([24 / 64, 20 / 64, 20 / 64])
    assert mibook_print.column_shares([1, 1], [62, 0]) == pytest.approx([64 / 66, 2 / 66])


def test_table_lines_count_an_empty_cell_as_one_line():
    assert mibook_print.table_lines([["", ""], ["x", ""]], [0.5, 0.5]) == 2
    assert mibook_print.table_lines([["x" * 39]], [0.01]) == 39  # a column never narrower than a character
    assert mibook_print.table_lines([["x" * 10, "y"]], [1.0]) == 1  # cells past the widths are not counted


def test_the_longtable_class_is_set_only_for_a_long_table_and_never_twice():
    section, table = _section_with_table(rows=3, classes=["longtable", "mine"])
    mibook_print._print_tables(section)
    assert table["classes"] == ["mine"]
    section, table = _section_with_table(rows=12, classes=["longtable"])
    mibook_print._print_tables(section)
    assert table["classes"] == ["longtable"]


def _section_with_table(rows=3, classes=(), lead=0):
    table = _table([1, 1], [["a", "b"]] * rows, given=False)
    table["classes"] = list(classes)
    section = nodes.section("", nodes.title("", "S"), *(nodes.paragraph("", "p") for _ in range(lead)), table)
    nodes.section("", nodes.title("", "Chapter: c"), section)
    return section, table


def test_a_table_that_opens_its_section_waits_for_room_with_its_heading():
    section, table = _section_with_table(rows=3, lead=1)
    mibook_print._with_its_heading(table, 5)
    assert [r.astext() for r in section.parent.findall(nodes.raw)] == [r"\Needspace{13\baselineskip}"]
    assert section.parent.index(section) == 2  # the raw node just before the section
    section, table = _section_with_table(rows=3, lead=1)
    mibook_print._with_its_heading(table, 60)
    assert [r.astext() for r in section.parent.findall(nodes.raw)] == [r"\Needspace{40\baselineskip}"]  # a page
    section, table = _section_with_table(rows=3, lead=2)
    mibook_print._with_its_heading(table, 5)
    assert not list(section.parent.findall(nodes.raw))  # the table comes after more than a lead paragraph
    loose = _table([1], [["a"]])
    mibook_print._with_its_heading(loose, 5)
    mibook_print._figures_before(loose)
    assert mibook_print._section_of(loose) is None
    top = nodes.section("", nodes.title("", "T"), loose)
    assert mibook_print._section_of(loose) is None and top.parent is None  # a root section is no section of it


def test_pending_figures_are_set_before_a_long_tables_section():
    section, table = _section_with_table(rows=12)
    mibook_print._figures_before(table)
    assert section.parent[1].astext() == r"\FloatBarrier" and section.parent[2] is section


def test_a_box_outside_a_chapter_keeps_its_title():
    box = nodes.admonition("", nodes.title("", "What the record shows"), nodes.paragraph("", "x"))
    holder = nodes.container("", box)
    mibook_print._boxes(holder)
    assert holder[0].astext() == r"\begin{mibookbox}{What the record shows}"
    box = nodes.admonition("", nodes.paragraph("", "untitled"))
    nodes.section("", nodes.title("", "Energy: x"), box)
    mibook_print._name_the_chapter(box)
    assert box.astext() == "untitled"
    escaped = nodes.admonition("", nodes.title("", "50% & more"), nodes.paragraph("", "x"))
    chapter = nodes.section("", nodes.title("", "Energy"), nodes.section("", nodes.title("", "S"), escaped))
    mibook_print._boxes(chapter)
    assert chapter[1][1].astext() == r"\begin{mibookbox}{50\% \& more: Energy}"


def test_the_float_guard_goes_after_each_chapters_heading_only():
    chapter = nodes.section("", nodes.title("", "C"), nodes.paragraph("", "p"))
    untitled = nodes.section("", nodes.paragraph("", "q"))
    tree = nodes.document(None, None)
    tree += [_file("a", nodes.target(), chapter), _file("b", untitled), _file("c"), _file("d", nodes.section())]
    mibook_print._no_float_above_chapter_heads(tree)
    assert [type(n).__name__ for n in chapter.children] == ["title", "raw", "paragraph"]
    assert chapter[1].astext() == r"\suppressfloats[t]"
    assert len(list(tree.findall(nodes.raw))) == 1


def test_only_a_latex_build_reshapes_and_only_the_assembled_book():
    def tree():
        doc = nodes.document(None, None)
        doc += _file("index", nodes.section("", nodes.title("", "Home"), nodes.container(
            "", nodes.literal_block("", "code"), classes=["cell_input"]), ids=["home"]))
        return doc

    env = SimpleNamespace(metadata={}, config=SimpleNamespace(root_doc="index"), get_doctree=lambda doc: tree())
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), config=SimpleNamespace(root_doc="index"), env=env)
    html = tree()
    mibook_print._print_edition(app, html, "index")
    assert html.astext() == "Home\n\ncode"
    app.builder.format = "latex"
    chapter = tree()
    mibook_print._print_edition(app, chapter, "chapters/a")
    assert chapter.astext() == "Home" and not list(chapter.findall(nodes.raw))  # the code only
    book = tree()
    mibook_print._print_edition(app, book, "index")
    assert r"\chapter*{Summary}" in book.astext()


def test_only_a_latex_build_takes_the_print_translator():
    calls = []
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), set_translator=lambda *a, **k: calls.append((a, k)))
    mibook_print._print_translator(app)
    assert calls == []
    app.builder.format = "latex"
    mibook_print._print_translator(app)
    assert calls == [(("latex", mibook_print.PrintTranslator), {"override": True})]


# --- references and charts, directly ---------------------------------------------------------------------------

def test_a_label_names_the_editors_when_there_are_no_authors():
    from pybtex.database import parse_string

    entries = parse_string("""@book{ed, editor = {Rao, P. and Lee, Q.}, year = {2020}}
                              @misc{one, author = {Khan, A.}}""", "bibtex").entries
    assert list(mibook_print.AuthorYearLabels().format_labels(entries.values())) == ["Rao and Lee, 2020", "Khan, n.d."]


def test_citations_gather_into_one_list_where_they_stand():
    from docutils.utils import new_document

    document = new_document("references")
    first, second, third = (nodes.citation("", nodes.label("", n)) for n in "abc")
    section = nodes.section("", nodes.title("", "References"), first, second)
    later = nodes.section("", nodes.paragraph("", "p"), third)
    document += [section, later]
    mibook_print.BibliographyWhereItStands(document).run()
    lists = list(document.findall(thebibliography))
    assert [len(bib) for bib in lists] == [2, 1] and [type(n).__name__ for n in section.children] == [
        "title", "thebibliography"]
    assert section[1] is lists[0] and list(lists[0].children) == [first, second]
    assert later[1] is lists[1] and lists[1][0] is third
    mibook_print.BibliographyWhereItStands(document).run()  # a list already made is left as it is
    assert [len(bib) for bib in document.findall(thebibliography)] == [2, 1]


def test_a_chart_pdf_is_made_from_its_svg_and_kept_while_newer(tmp_path, monkeypatch):
    from mibook import render

    made = []
    monkeypatch.setattr(render, "vector_pdf", lambda svg: made.append(svg) or f"PDF of {svg}".encode())
    converter = mibook_print.ChartPdfConverter.__new__(mibook_print.ChartPdfConverter)
    assert converter.is_available() is True
    svg, pdf = tmp_path / "c.svg", tmp_path / "c.pdf"
    svg.write_text("<svg/>", encoding="utf-8")
    assert converter.convert(str(svg), str(pdf)) is True
    assert pdf.read_bytes() == b"PDF of <svg/>"
    os.utime(pdf, (svg.stat().st_mtime + 10,) * 2)
    svg.write_text("<svg>new</svg>", encoding="utf-8")
    os.utime(svg, (pdf.stat().st_mtime - 5,) * 2)
    assert converter.convert(str(svg), str(pdf)) is True and made == ["<svg/>"]  # newer: kept
    os.utime(svg, (pdf.stat().st_mtime + 5,) * 2)
    converter.convert(str(svg), str(pdf))
    assert pdf.read_bytes() == b"PDF of <svg>new</svg>" and made == ["<svg/>", "<svg>new</svg>"]
    assert mibook_print.ChartPdfConverter.conversion_rules == [("image/svg+xml", "application/pdf")]


def test_the_extension_reads_and_writes_in_parallel(latex):
    extension = latex.app.extensions["mibook_print"]
    assert extension.parallel_read_safe and extension.parallel_write_safe


def test_an_svg_chart_prints_as_a_vector_pdf_at_the_print_scale(latex):
    scale = re.search(r"\\sphinxincludegraphics\[scale=([\d.]+)\]\{\{growth\}\.pdf\}", latex.body)[1]
    assert float(scale) == pytest.approx(geometry.PRINT_SCALE)
    assert (Path(latex.app.outdir) / "growth.pdf").read_bytes() == CHART_PDF


def test_a_print_build_sets_the_source_date_from_the_book(latex):
    from datetime import UTC, datetime

    assert datetime.fromtimestamp(int(latex.epoch), UTC).isoformat() == f"{metadata.book().date}T00:00:00+00:00"


def test_a_link_by_address_to_a_label_on_its_own_page_gives_its_page(latex):
    gaps = r"\detokenize{chapters/outlook:out-gaps}"
    assert rf"{{the gaps again}} (\mibookpageref{{{gaps}}})}}}}." in _paragraph(latex.body, "By address:")


def test_the_reference_list_stands_in_its_section_before_the_next_appendix(latex):
    article, rest = latex.body.split(r"\chapter{The article}")[1].split(r"\chapter{Sources}")
    assert r"\begin{sphinxthebibliography}" in article and r"\begin{sphinxthebibliography}" not in rest
    from pybtex.database import parse_file

    fields = parse_file(str(paths.PROJECT_ROOT / "references.bib")).entries["bokhari2019"].fields
    entry = article.split(r"\bibitem[Bokhari, 2019]")[1].split("\n")[2].replace("\N{NO-BREAK SPACE}", " ")
    assert entry.startswith("Bokhari, Sitwat Waqar (2019). Are regional political changes bringing Moscow and "
                            f"Islamabad closer? {fields['howpublished']}. {fields['note']}. https://")


def test_header_names_straighten_every_curly_quote():
    row = nodes.row("", *(nodes.entry("", nodes.paragraph("", t)) for t in ("‘Single’", "“Double”", " Plain ")))
    table = nodes.table("", nodes.tgroup("", nodes.thead("", row)))
    assert mibook_print.header_names(table) == {"'Single'", '"Double"', "Plain"}


@pytest.mark.parametrize(("lines", "long"), [(20, False), (21, True)])
def test_a_table_of_few_rows_splits_only_past_twenty_lines(lines, long):
    width = round(mibook_print.TABLE_TEXT_CHARS / 2 - 2)  # characters a line in each of two columns
    row = nodes.row("", *(nodes.entry("", nodes.paragraph("", h)) for h in "AB"))
    group = nodes.tgroup("", nodes.colspec(colwidth=1), nodes.colspec(colwidth=1), nodes.thead("", row), cols=2)
    group += nodes.tbody("", *(nodes.row("", *(nodes.entry("", nodes.paragraph("", "x" * width * n)) for _ in "AB"))
                               for n in (10, lines - 11)))  # with the header row's line
    table = nodes.table("", nodes.title("", "T"), group)
    mibook_print._print_tables(nodes.section("", table))
    assert ("longtable" in table["classes"]) is long


def test_the_address_loses_only_its_trailing_slashes(monkeypatch):
    monkeypatch.setattr(metadata, "_record", lambda: {"url": "https://x.org/X/"})
    assert mibook_print.online_address() == "https://x.org/X"


def test_the_annex_of_a_three_part_book_is_its_last_part():
    assert mibook_print.annex_docs(_env(["a"], ["b"], ["x"])) == {"x"}


def test_a_single_column_takes_the_line_and_no_column_is_ever_zero_wide():
    assert mibook_print._fit_columns(_table([5], [["x"]], given=False)) == [1.0]
    table = _table([1, 1], [["a", "x" * 8000]])
    mibook_print._fit_columns(table)
    assert [c["colwidth"] for c in table.findall(nodes.colspec)] == [1, 1000]


def test_column_shares_take_one_longest_word_per_column():
    with pytest.raises(ValueError):
        mibook_print.column_shares([1, 1], [5])


def test_a_first_sentence_loses_only_its_full_stop():
    assert mibook_print.first_sentence("Exports to country X. More.") == "Exports to country X"


def test_a_chart_pdf_as_new_as_its_svg_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "vector_pdf", lambda svg: b"again")
    svg, pdf = tmp_path / "c.svg", tmp_path / "c.pdf"
    svg.write_text("<svg/>", encoding="utf-8")
    pdf.write_bytes(b"kept")
    for path in (svg, pdf):
        os.utime(path, (1_000_000, 1_000_000))
    mibook_print.ChartPdfConverter.__new__(mibook_print.ChartPdfConverter).convert(str(svg), str(pdf))
    assert pdf.read_bytes() == b"kept"


def test_a_heading_is_left_to_break_as_it_may_and_a_link_naming_an_id_keeps_it_whole(latex):
    heading = next(line for line in latex.body.splitlines() if line.startswith(r"\section{Deals of"))
    assert r"\mbox" not in heading and "2019" in heading
    deal = _paragraph(latex.body, "Deal ")
    assert r"{\sphinxcrossref{\DUrole{std,std-doc}{\mbox{c-trade-02}}}" in deal
    assert r"\sphinxhref{https://example.org/c-trade-03}{\mbox{c-trade-03}}" in deal  # not its address


def test_a_label_gives_a_surname_of_two_words_whole():
    from pybtex.database import parse_string

    entries = parse_string("@misc{gm, author = {Garcia Marquez, Gabriel}, year = {1967}}", "bibtex").entries
    assert list(mibook_print.AuthorYearLabels().format_labels(entries.values())) == ["Garcia Marquez, 1967"]


def test_a_references_address_is_printed_as_it_is_written():
    from pybtex.database import parse_string

    entry = parse_string("@misc{x, author = {Khan, A.}, year = {2020}, title = {T}, url = {https://x.org/a--b~c}}",
                         "bibtex").entries["x"]
    text = next(mibook_print.AuthorYearStyle().format_entries([entry])).text.render_as("text")
    assert text.endswith("https://x.org/a--b~c")


def test_a_page_within_a_chapter_links_and_numbers_from_itself(latex):
    """A page inlined in a chapter (its toctree's child): its links to its own labels and figures name it."""
    label, figure = r"\detokenize{chapters/outlook-more:more-label}", r"\detokenize{chapters/outlook-more:fig-more}"
    text = _paragraph(latex.body, "More: ")
    assert rf"{{more}} (\mibookpageref{{{label}}})}}}}, " in text
    assert rf"\mibookelsewhere{{{figure}}}." in text
    assert rf"{{more}} (\mibookpageref{{{label}}})}}}}." in _paragraph(latex.body, "More again: ")


def test_a_publisher_apart_from_the_authors_has_a_line_of_its_own(monkeypatch):
    book = _book(authors=("A",), publisher="P & Co", date="2025-03-04", version="2")
    monkeypatch.setattr(metadata, "book", lambda: book)
    title_page = mibook_print.front_matter().split(r"\end{titlepage}")[0]
    assert ("{\\large A\\par}\n  \\vspace{0.6em}\n  {Published by P \\& Co\\par}\n  \\vspace{0.3em}\n  "
            "{4 March 2025") in title_page
