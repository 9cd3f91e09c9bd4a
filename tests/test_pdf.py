"""The PDF, a print edition: every chapter and caption, charts as vector figures, no code, fonts
embedded; at most 35 pages, no empty or half-empty pages, nothing written for a screen, no overfull
box, front matter and document info from the book's metadata, byte-identical rebuilds elsewhere."""

import os
import re
import shutil
import subprocess
from datetime import date
from html import unescape

import pytest
from pypdf import PdfReader

from mibook import metadata, paths
from tests.book import jupyter_book, require_tool

pytestmark = pytest.mark.pdf

PAGE_BUDGET = 35
A4_HEIGHT = 841.89  # points
BODY_TOP, BODY_BOTTOM = 68, 768  # the text area (vmargin 2.4 cm / 2.6 cm): running head and folio outside
SCREEN_WORDS = re.compile(r"\b(hover\w*|click\w*|menus?|tooltips?|web version|this page|search box)\b", re.I)
OVERFULL_LIMIT = 3.0  # points
MIN_WORDS = 20  # on every page, running head and folio aside
MEASURE = (70, 90)  # characters in a full line of body text


def _pdftotext(pdf, *args: str) -> str:
    return subprocess.run([require_tool("pdftotext"), *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def pdf_text(pdf_book):
    """The PDF's text, whitespace collapsed and quote marks straight (as `_plain` gives the HTML's)."""
    return re.sub(r"\s+", " ", _pdftotext(pdf_book, "-layout")).translate(QUOTE_MARKS)


@pytest.fixture(scope="module")
def pages(pdf_book) -> list[str]:
    """The text of each page."""
    return _pdftotext(pdf_book).split("\f")[:-1]


@pytest.fixture(scope="module")
def latex_log(pdf_book) -> str:
    return pdf_book.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


WEB_EDITION = re.compile(r"\A---\n(?:.*\n)*?edition: web\b", re.M)  # front matter of an online-only page


def _in_print(html_book, page) -> bool:
    source = (paths.PROJECT_ROOT / page.relative_to(html_book)).with_suffix(".md")
    return not (source.is_file() and WEB_EDITION.match(source.read_text(encoding="utf-8")))


def _chapter_pages(html_book):
    """The built chapter pages that are in the print edition too (not `edition: web`)."""
    pages = [page for page in sorted((html_book / "chapters").rglob("*.html")) if _in_print(html_book, page)]
    assert pages, f"no built chapter pages under {html_book}"
    return pages


QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _plain(fragment: str) -> str:
    """Text of an HTML fragment, whitespace collapsed and curly quote marks folded to straight ones."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip().translate(QUOTE_MARKS)


def test_every_chapter_title_is_in_the_pdf(html_book, pdf_text):
    for page in _chapter_pages(html_book):
        title = _plain(re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S).group(1)).rstrip("#")
        assert title.upper() in pdf_text.upper(), title


def _captions(html_book) -> list[str]:
    captions = []
    for page in _chapter_pages(html_book):
        figcaptions = re.findall(r"<figcaption>(.*?)</figcaption>", page.read_text(encoding="utf-8"), re.S)
        for caption in (re.search(r'<span class="caption-text">(.*?)</span>', f, re.S).group(1) for f in figcaptions):
            captions.append(_plain(caption))
    assert captions
    return captions


def test_every_figure_caption_is_in_the_pdf(html_book, pdf_text):
    flat = pdf_text.replace("- ", "")
    for caption in _captions(html_book):
        assert caption[:60] in pdf_text or caption[:60].replace("-", "") in flat, caption


def test_one_vector_figure_per_chart_and_no_raster_images(html_book, pdf_book):
    charts = sum(p.read_text(encoding="utf-8").count("data-chart-id=") for p in _chapter_pages(html_book))
    forms, images = set(), 0
    for page in PdfReader(pdf_book).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                forms.add(ref.idnum)
            elif obj.get("/Subtype") == "/Image":
                images += 1
    assert images == 0
    assert len(forms) == charts


def test_no_unresolved_references_and_no_code(pdf_text):
    assert "??" not in pdf_text
    for code in ("alt.Chart(", "import ", "glue(", "load.tables", "BookTable("):
        assert code not in pdf_text, code


def test_every_font_is_embedded(pdf_book):
    pdffonts = require_tool("pdffonts")
    lines = subprocess.run([pdffonts, str(pdf_book)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = [line for line in lines[2:] if line.strip()]
    assert fonts
    for line in fonts:
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line), f"not embedded: {line}"


def test_title_page_and_colophon_come_from_the_book_metadata(pages):
    book = metadata.book()
    title_page, colophon = (re.sub(r"\s+", " ", page) for page in pages[:2])
    day = date.fromisoformat(book.date).strftime("%d %B %Y").lstrip("0")
    for field in (book.title, book.subtitle, *book.authors, f"Published by {book.publisher}", day,
                  f"Version {book.version}", "Are regional political changes bringing Moscow and Islamabad closer?"):
        assert field in title_page, field
    for field in (book.licence, "Suggested citation", f"{book.authors[0]} ({book.year})",
                  "Center for Research and Security Studies", "online edition"):
        assert field in colophon, field


def test_page_budget(pages):
    assert len(pages) <= PAGE_BUDGET, f"{len(pages)} pages; the print edition has at most {PAGE_BUDGET}"


def test_no_page_without_body_text(pages):
    title = metadata.book().title
    for number, page in enumerate(pages, start=1):
        body = [line for line in page.splitlines() if line.strip() not in ("", title) and not line.strip().isdigit()]
        assert len(" ".join(body).split()) >= MIN_WORDS, f"page {number} has no body text: {body}"


def _chapter_start_pages(pdf_book) -> set[int]:
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    return {int(page) for page in re.findall(r"\\contentsline \{chapter\}\{.*\}\{(\d+)\}\{", toc)}


def test_no_page_half_empty_except_a_chapters_last(pdf_book, pages):
    """Where the body of each page ends (text, and the text of the charts): below the middle of the
    page, unless the next page opens a chapter (or it is the front matter or the last page)."""
    starts = _chapter_start_pages(pdf_book)
    layout = _pdftotext(pdf_book, "-bbox-layout")
    half_empty = []
    for number, page in enumerate(layout.split("<page ")[1:], start=1):
        bottoms = [float(y) for y in re.findall(r'<block [^>]*yMax="([\d.]+)"', page)]
        body = [y for y in bottoms if BODY_TOP < y < BODY_BOTTOM]
        if number < min(starts) or number + 1 in starts or number == len(pages):
            continue
        if not body or max(body) < A4_HEIGHT / 2:
            half_empty.append(number)
    assert half_empty == []


def test_figures_sit_near_their_first_reference(pages):
    """Each figure's caption is on the page of its first mention in the text or one of the next two
    (two large figures mentioned together take a page each)."""
    flat = [" ".join(page.split()) for page in pages]
    captions = {int(m.group(1)): n for n, page in enumerate(flat) for m in re.finditer(r"Fig\. (\d+):", page)}
    assert captions
    for figure, caption_page in captions.items():
        mentioned = next(n for n, page in enumerate(flat) if re.search(rf"Fig\. {figure}(?![\d:])", page))
        assert -1 <= caption_page - mentioned <= 2, (figure, mentioned + 1, caption_page + 1)


def test_a_readable_measure(pdf_book, pdf_text):
    """The median full line of running text (a line that ends a sentence-free word, not a paragraph's last)."""
    lines = [line.strip() for line in _pdftotext(pdf_book).splitlines()]
    full = sorted(len(line) for line in lines if len(line.split()) >= 8 and line[-1:].isalpha())
    assert full
    median = full[len(full) // 2]
    assert MEASURE[0] <= median <= MEASURE[1], median


ONLY_BLOCK = re.compile(r"^```\{only\} (html|latex)\n(.*?)^```", re.M | re.S)


def _only_blocks() -> list[tuple[str, str, str]]:
    """(page, edition, first words) of every `only` block in the book's markdown and notebooks."""
    blocks = []
    for source in sorted([paths.PROJECT_ROOT / "index.md", *(paths.PROJECT_ROOT / "chapters").rglob("*.md")]):
        for edition, body in ONLY_BLOCK.findall(source.read_text(encoding="utf-8")):
            words = " ".join(re.sub(r"[`*_{}\[\]]|\(.*?\)|:\w+:", "", body).split()[:8])
            page = source.relative_to(paths.PROJECT_ROOT).with_suffix(".html").as_posix()
            blocks.append((page, edition, words))
    return blocks


def test_only_blocks_reach_one_edition(html_book, pdf_text):
    """Sphinx `only` blocks (in markdown cells of the notebooks too): html in the HTML page and not in
    the PDF; latex in the PDF and not in the HTML page."""
    blocks = _only_blocks()
    assert blocks
    for page, edition, words in blocks:
        html = _plain((html_book / page).read_text(encoding="utf-8"))
        assert (words in html) == (edition == "html"), (page, edition, words)
        assert (words in pdf_text) == (edition == "latex"), (page, edition, words)


def test_nothing_written_for_a_screen(pdf_text):
    assert SCREEN_WORDS.findall(pdf_text) == []


def test_no_overfull_box_in_the_latex_log(latex_log):
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", latex_log)]
    assert [w for w in widths if w > OVERFULL_LIMIT] == []


CHART_MIN_PT = 8  # chart text at print size (issue 15, item 5)
CHART_TYPE_SIZES = 4  # one type scale: at most this many sizes (to the half point) across all charts


def chart_text_sizes(pdf_book) -> list[float]:
    """Point sizes, at print size, of every text line set in a font that is not the book's own (the
    charts' text), read with poppler's pdftohtml; its sizes are scaled by the body font's modal size,
    which is the document's point size."""
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    body_pt = int(re.search(r"\\documentclass\[[^]]*?(\d+)pt", tex).group(1))
    book_fonts = re.findall(r"\\set(?:main|sans|mono)font\{([^}]+)\}", tex)
    xml = subprocess.run([require_tool("pdftohtml"), "-xml", "-i", "-q", "-stdout", str(pdf_book)],
                         capture_output=True, text=True, check=True).stdout
    fonts = {i: (int(size), family.split("+")[-1]) for i, size, family in
             re.findall(r'<fontspec id="(\d+)" size="(\d+)" family="([^"]+)"', xml)}
    used = [fonts[i] for i in re.findall(r'<text [^>]*font="(\d+)"', xml)]
    body = max(({size for size, family in used if family.startswith(book_fonts[0])}),
               key=[size for size, family in used if family.startswith(book_fonts[0])].count)
    return [size * body_pt / body for size, family in used if not family.startswith(tuple(book_fonts))]


def test_chart_text_is_at_least_8_pt_on_one_type_scale(pdf_book):
    sizes = chart_text_sizes(pdf_book)
    assert sizes
    assert min(sizes) >= CHART_MIN_PT - 0.3, f"chart text at {min(sizes):.1f} pt"  # pdftohtml rounds to pixels
    scale = sorted({round(2 * size) / 2 for size in sizes})
    assert len(scale) <= CHART_TYPE_SIZES, f"chart text in {len(scale)} sizes: {scale}"


def test_document_info(pdf_book):
    book, info = metadata.book(), PdfReader(pdf_book).metadata
    assert info.title == f"{book.title}: {book.subtitle}"
    assert info.author == "; ".join(book.authors)
    assert info.subject == book.abstract
    assert info["/Keywords"] == ", ".join(book.keywords)


def _first_sentence(caption: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", caption, maxsplit=1)[0].rstrip(".")


def test_list_of_figures_names_every_figure(html_book, pages, pdf_book):
    front = " ".join(pages[: min(_chapter_start_pages(pdf_book)) - 1])
    assert "Figures" in front
    flat = re.sub(r"\s+", " ", front).replace("- ", "").translate(QUOTE_MARKS)
    for caption in _captions(html_book):
        assert _first_sentence(caption)[:40] in flat, caption


def test_every_table_has_a_numbered_caption_and_short_tables_do_not_split(pdf_book):
    """Tables of up to 8 rows are kept on one page unless they are tall (a quarter of a page, or
    500 characters in narrow columns): then they may split like long ones."""
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    tables = re.findall(r"\\begin\{savenotes\}(.*?)\\end\{savenotes\}", tex, re.S)
    assert tables
    for table in tables:
        assert "\\sphinxcaption{" in table or "\\caption{" in table, table[:300]
        rows = table.count("\\sphinxhline") + 1  # rules between body rows
        text = re.sub(r"\\[a-zA-Z@]+|[{}&\\]", "", table.split("\\endlastfoot")[-1])
        if rows <= 8 and len(" ".join(text.split())) < 500:
            assert "\\begin{longtable}" not in table, table[:300]
        if rows > 8:
            assert "\\begin{longtable}" in table, table[:300]


def test_claim_ids_never_break(pdf_text):
    ids = re.findall(r"\bc-\s?(?:[a-z]+-\s?)+\d\d", pdf_text)
    assert ids
    assert [claim for claim in ids if " " in claim] == []


def test_web_only_pages_and_sections_stay_online(html_book, pdf_book):
    """Pages with `edition: web` and sections labelled `(web-only-...)=` are in the HTML only."""
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    for page in ("claims-ledger", "data-dictionary"):
        assert (html_book / "chapters" / "appendix" / f"{page}.html").is_file()
        assert f"chapters/appendix/{page}::doc" not in tex, page
    method = (html_book / "chapters" / "appendix" / "method.html").read_text(encoding="utf-8")
    web_only = re.findall(r'id="(web-only-[\w-]+)"', method)
    assert web_only
    for label in web_only:
        assert label not in tex, label


def test_references_are_author_year_in_both_editions(html_book, pdf_text):
    """The text cites "(Bokhari, 2019)" (not "[Bok19]"); the references list uses the same label."""
    assert "Bok19" not in pdf_text
    assert "(Bokhari, 2019)" in pdf_text
    references = (html_book / "chapters" / "appendix" / "references.html").read_text(encoding="utf-8")
    assert "Bokhari, 2019" in _plain(references) and "Bok19" not in references
    overview = _plain((html_book / "chapters" / "overview.html").read_text(encoding="utf-8"))
    assert "(Bokhari, 2019)" in overview


COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", ".ruff_cache", "__pycache__",
                                     "node_modules")


def test_a_build_elsewhere_is_byte_identical(tmp_path, pdf_book):
    """Same commit, another folder, a cold build: the same bytes (dates and /ID from SOURCE_DATE_EPOCH)."""
    root = tmp_path / "book"
    shutil.copytree(paths.PROJECT_ROOT, root, ignore=COPY_IGNORE)
    env = {**os.environ, "MIBOOK_DATA_DIR": str(root / "data")}
    result = jupyter_book("--builder", "pdflatex", output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (root / "_build" / "latex" / pdf_book.name).read_bytes() == pdf_book.read_bytes()


def test_landing_page_offers_the_pdf_only_when_built(pdf_book, html_book):
    from tests.book import build_or_fail

    build_or_fail()
    index = (html_book / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="(_downloads/[^"]+/moscow-islamabad\.pdf)"', index)
    assert link, "after `make pdf`, the next HTML build must offer the PDF"
    assert (html_book / link.group(1)).read_bytes() == pdf_book.read_bytes()

    kept = pdf_book.with_suffix(".kept")
    pdf_book.rename(kept)
    try:
        build_or_fail()
        assert "moscow-islamabad.pdf" not in (html_book / "index.html").read_text(encoding="utf-8")
    finally:
        kept.rename(pdf_book)
        shutil.rmtree((html_book / link.group(1)).parent)  # Sphinx leaves stale downloads behind
