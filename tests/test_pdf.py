"""The PDF, a print edition: every chapter and caption, charts as vector figures, no code, fonts
embedded; at most 24 pages, every page but the title page and the last at least 60 % full, figures and
captions inside the text block, boxes whole, nothing written for a screen and no web-only page without
its address, links that name a chapter, figure, table or page, no overfull box, front matter, document
info, language and XMP from the book's metadata, byte-identical rebuilds elsewhere."""

import os
import re
import shutil
import subprocess
from datetime import date
from html import unescape

import pytest
from pypdf import PdfReader

from mibook import context, metadata, paths
from tests.book import jupyter_book, require_tool, same_bytes
from tests.test_print import print_extension

pytestmark = pytest.mark.pdf

PAGE_BUDGET = 24
PT_PER_CM = 72 / 2.54
MIN_FILL = 0.6  # of the text block's height, on every page but the title page and the last
FIGURE_PAGE_FILL = 2 / 3  # a page of figures only: figures and captions fill this much of the text block
SCREEN_WORDS = re.compile(r"\b(hover\w*|click\w*|menus?|tooltips?|web version|this page|search box)\b", re.I)
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
    # the book's faces and the charts' only: no TeX default (a printed address's colon once came out in CMR)
    assert [line.split()[0] for line in fonts if not re.search(r"\+(Free|Liberation)", line)] == []
    # one sans family: the headings in the charts' Liberation Sans
    assert [line.split()[0] for line in fonts if "FreeSans" in line] == []


def test_title_page_and_colophon_come_from_the_book_metadata(pages):
    book = metadata.book()
    title_page, colophon = (re.sub(r"\s+", " ", page) for page in pages[:2])
    day = date.fromisoformat(book.date).strftime("%d %B %Y").lstrip("0")
    for field in (book.title, book.subtitle, *book.authors, day,
                  f"Version {book.version}", "Are regional political changes bringing Moscow and Islamabad closer?"):
        assert field in title_page, field
    assert title_page.count(book.publisher) == 1  # named once: the project publishes its own work
    lines = [" ".join(line.split()) for line in pages[0].splitlines()]
    assert book.subtitle.partition(", ")[2] in lines  # the subtitle breaks after its first clause
    for field in ("CC BY 4.0", "Suggested citation", f"{book.authors[0]} ({book.year})", "How to read it",
                  "Center for Research and Security Studies"):
        assert field in colophon, field
    address = print_extension().online_address()
    assert ("online edition" in colophon) == bool(address), "the online edition is named only with its address"
    if not address:
        assert not any("online edition" in re.sub(r"\s+", " ", page) for page in pages)


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


@pytest.fixture(scope="module")
def text_block(pdf_book) -> tuple[float, float, float, float]:
    """The page's text block (left, top, right, bottom, in points from the top left) from the margins the
    LaTeX source sets (sphinxsetup's hmargin and vmargin, in cm)."""
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    left, right = map(float, re.search(r"hmargin=\{([\d.]+)cm,([\d.]+)cm\}", tex).groups())
    top, bottom = map(float, re.search(r"vmargin=\{([\d.]+)cm,([\d.]+)cm\}", tex).groups())
    box = PdfReader(pdf_book).pages[0].mediabox
    width, height = float(box.width), float(box.height)
    return (left * PT_PER_CM, top * PT_PER_CM, width - right * PT_PER_CM, height - bottom * PT_PER_CM)


def _times(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _extent(matrix, x0, y0, x1, y1, height) -> tuple[float, float, float, float]:
    """A rectangle drawn under `matrix`, as (left, top, right, bottom) from the page's top left."""
    xs = [matrix[0] * x + matrix[2] * y + matrix[4] for x in (x0, x1) for y in (y0, y1)]
    ys = [matrix[1] * x + matrix[3] * y + matrix[5] for x in (x0, x1) for y in (y0, y1)]
    return min(xs), height - max(ys), max(xs), height - min(ys)


@pytest.fixture(scope="module")
def drawn(pdf_book) -> list[dict]:
    """What each page draws itself (not inside its charts): the charts' boxes (Form XObjects), the filled
    shapes (box backgrounds) and the stroked lines (rules), each as (left, top, right, bottom) from the top
    left."""
    from pypdf.generic import ContentStream

    pages = []
    for page in PdfReader(pdf_book).pages:
        height = float(page.mediabox.height)
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        found, stack, matrix, path = {"figures": [], "fills": [], "lines": []}, [], [1, 0, 0, 1, 0, 0], []
        for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
            if op == b"q":
                stack.append(matrix)
            elif op == b"Q":
                matrix = stack.pop()
            elif op == b"cm":
                matrix = _times([float(v) for v in operands], matrix)
            elif op == b"re":
                x, y, w, h = (float(v) for v in operands)
                path += [(x, y), (x + w, y + h)]
            elif op in (b"m", b"l", b"c", b"v", b"y"):
                values = [float(v) for v in operands]
                path += list(zip(values[::2], values[1::2], strict=True))
            elif op in (b"f", b"f*", b"F", b"B", b"B*") and path:
                xs, ys = [x for x, _ in path], [y for _, y in path]
                found["fills"].append(_extent(matrix, min(xs), min(ys), max(xs), max(ys), height))
                path = []
            elif op in (b"S", b"s") and path:
                xs, ys = [x for x, _ in path], [y for _, y in path]
                found["lines"].append(_extent(matrix, min(xs), min(ys), max(xs), max(ys), height))
                path = []
            elif op == b"n":
                path = []
            elif op == b"Do" and xobjects[operands[0]].get_object().get("/Subtype") == "/Form":
                form = xobjects[operands[0]].get_object()
                inner = _times([float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])], matrix)
                found["figures"].append(_extent(inner, *(float(v) for v in form["/BBox"]), height))
        pages.append(found)
    return pages


@pytest.fixture(scope="module")
def blocks(pdf_book) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's text blocks (poppler's layout): (left, top, right, bottom, text)."""
    layout = _pdftotext(pdf_book, "-bbox-layout")
    pages = []
    for page in layout.split("<page ")[1:]:
        found = []
        for block in re.findall(r"<block (.*?)</block>", page, re.S):
            box = [float(v) for v in re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                                               block).groups()]
            found.append((*box, " ".join(unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", block))))
        pages.append(found)
    return pages


def _inside(box, outer, slack: float = 1.0) -> bool:
    return (box[0] >= outer[0] - slack and box[1] >= outer[1] - slack and box[2] <= outer[2] + slack
            and box[3] <= outer[3] + slack)


def test_every_figure_and_caption_is_inside_the_text_block(drawn, blocks, text_block):
    """No chart sticks out of the text column or runs below it; no caption reaches the margin or the folio."""
    figures = [(n, box) for n, page in enumerate(drawn, start=1) for box in page["figures"]]
    captions = [(n, b) for n, page in enumerate(blocks, start=1) for b in page if re.match(r"Fig\. \d+:", b[4])]
    assert figures and captions
    assert [(n, [round(v) for v in box]) for n, box in figures if not _inside(box, text_block)] == []
    assert [(n, b[4][:30]) for n, b in captions if not _inside(b, text_block)] == []
    # every caption flush left, at the text block's left edge (a short one is not centred)
    assert [(n, b[4][:30]) for n, b in captions if abs(b[0] - text_block[0]) > 1] == []


MAX_DEPTH = 5.5  # pt: LaTeX's \maxdepth (half the 11 pt \topskip)


def _body(page_blocks, page_drawn, text_block):
    """A page's content inside the text block: text blocks (not the charts' own text) and charts. TeX sets
    a full page's last baseline on the text block's bottom and lets that line's descenders hang below it,
    by up to its maxdepth: a block ending there is still inside."""
    figures = page_drawn["figures"]
    area = (*text_block[:3], text_block[3] + MAX_DEPTH)
    text = [b for b in page_blocks if _inside(b, area, slack=2) and not any(_inside(b, f) for f in figures)]
    return text, figures


def test_every_page_is_at_least_60_percent_full(blocks, drawn, text_block):
    """Content reaches at least 60 % down the text block on every page but the title page and the last."""
    height = text_block[3] - text_block[1]
    short = []
    for number, (page_blocks, page_drawn) in enumerate(zip(blocks[1:-1], drawn[1:-1], strict=True), start=2):
        text, figures = _body(page_blocks, page_drawn, text_block)
        bottom = max([box[3] for box in [*text, *figures]], default=text_block[1])
        if (bottom - text_block[1]) / height < MIN_FILL:
            short.append((number, round((bottom - text_block[1]) / height, 2)))
    assert short == []


def test_a_printed_address_keeps_its_scheme_and_host_whole(pdf_book):
    """An address may break after a separator in its path, but never inside "https://" or its host name (no
    line ends "https:/" or "https://www.")."""
    text = _pdftotext(pdf_book, "-layout")
    assert text.count("https://") >= 40
    assert [line for line in text.splitlines() if re.search(r"https?:(//[^/\s]*)?/?$", line.rstrip())] == []


def test_every_chapter_opens_under_a_rule(pdf_book, blocks, drawn, text_block):
    """One sign of a new chapter, whether it opens at a page's top or below the chapter before: a rule across
    the text block just above its heading."""
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    chapters = re.findall(r"\\contentsline \{chapter\}\{\\numberline \{(\w+)\}([^}]*)\}\{(\d+)\}", toc)
    assert len(chapters) >= 9, chapters
    width = text_block[2] - text_block[0]
    unruled = []
    for number, title, page in chapters:
        heading = next(b for b in blocks[int(page) - 1] if b[4].startswith(f"{number} {title.split()[0]}"))
        rules = [f for f in drawn[int(page) - 1]["lines"]
                 if f[3] - f[1] < 1.5 and f[2] - f[0] > 0.95 * width and 0 < heading[1] - f[3] < CHAPTER_RULE_ABOVE]
        if not rules:
            unruled.append((number, title))
    assert unruled == []


def test_no_head_rule_without_a_running_head(pdf_book, drawn, text_block):
    """A rule under the running head only where a head is printed: a page without one (the contents) shows
    no bare rule over its chapter's own."""
    left, top, right, _ = text_block
    bare = []
    for number, (page_drawn, page_words) in enumerate(zip(drawn, _words(pdf_book), strict=True), start=1):
        rules = [f for f in page_drawn["lines"] if f[3] - f[1] < 1.5 and f[2] - f[0] > 0.95 * (right - left)
                 and f[3] < top]
        head = [w for w in page_words if w[3] < top]
        if rules and not head:
            bare.append(number)
    assert bare == []


def test_the_annex_is_lettered_as_the_colophon_names_it(pdf_book, pages):
    """The annex after the chapters: Appendix A is the source article and Appendix B the references, as the
    colophon and the text call them."""
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    annex = re.findall(r"\\contentsline \{chapter\}\{\\numberline \{([A-Z])\}([^}]*)\}", toc)
    assert annex == [("A", "The source article"), ("B", "References")]
    assert "Appendix A" in " ".join(pages[1].split())


def test_a_figure_or_table_mention_gives_a_page_only_when_it_is_another(pages):
    """"Fig. 1, p. 8" where the figure stands on another page than its mention, and the page it stands on;
    a bare "Fig. 1" where it stands on the mention's own page (a long table's "Table 2 – continued" heading is
    no mention)."""
    flat = [" ".join(text.split()) for text in pages]
    printed_on = {label: number for number, text in enumerate(flat, start=1)
                  for label in re.findall(r"(?:^| )((?:Fig\.|Table) \d+):", text)}
    mentions = [(number, found[1], found[2]) for number, text in enumerate(flat, start=1)
                for found in re.finditer(r"((?:Fig\.|Table) \d+)(?!:| – continued)(?:, p\. (\d+))?", text)]
    assert mentions and set(printed_on) >= {label for _, label, _ in mentions}, (mentions, printed_on)
    wrong = [(number, label, page) for number, label, page in mentions
             if (page and int(page) != printed_on[label]) or (page is None) != (number == printed_on[label])]
    assert wrong == [], (wrong, printed_on)


def test_the_articles_byline_shares_a_page_with_its_first_paragraph(pages):
    """Appendix A's copy of the article never leaves its title and byline at a page's foot: the page that
    prints the byline prints ¶1 too."""
    from mibook import appendix

    byline = " ".join(appendix.byline((paths.data_dir() / "source" / "article.txt").read_text(encoding="utf-8"))
                      .split())
    at = [page for page in (" ".join(p.split()) for p in pages) if byline in page]
    assert byline and at and "¶1 " in at[0]


def test_key_points_stay_on_their_chapters_opening_page(html_book, pdf_book, pages):
    """A chapter opens with its heading and its whole list of key points on one page: the list never breaks
    off to the next page (the space is found before the chapter)."""
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    opening = {" ".join(re.sub(r"\\[a-z]+\s*|[{}]", " ", title).split()[1:]).translate(QUOTE_MARKS): int(page)
               for title, page in
                   re.findall(r"\\contentsline \{chapter\}\{(\\numberline .*)\}\{(\d+)\}\{", toc)}
    split = []
    for chapter in _chapter_pages(html_book):
        html = chapter.read_text(encoding="utf-8")
        points = re.search(r'<section id="key-points">(.*?)</section>', html, re.S)
        if not points:
            continue
        title = _plain(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)).rstrip("#")
        last = re.sub(r"\s*\([^()]*\)\.?$", "", _plain(re.findall(r"<li>(.*?)</li>", points.group(1), re.S)[-1]))
        letters = re.sub(r"[\W_]+", "", " ".join(last.split()[-4:]))  # the list's last words, links' page
        if letters not in re.sub(r"[\W_]+", "", _plain(pages[opening[title] - 1])):  # notes and hyphens aside
            split.append(title)
    assert opening and split == []


def test_a_figure_alone_on_a_page_fills_two_thirds_of_it(blocks, drawn, text_block):
    """A page of floats only (figures with their captions, boxes): together they take two thirds of the
    text block."""
    height = text_block[3] - text_block[1]
    sparse = []
    for number, (page_blocks, page_drawn) in enumerate(zip(blocks, drawn, strict=True), start=1):
        text, figures = _body(page_blocks, page_drawn, text_block)
        boxes = [fill for fill in page_drawn["fills"] if _inside(fill, text_block, slack=8) and fill[3] - fill[1] > 40]
        captions = [b for b in text if re.match(r"Fig\. \d+:", b[4])]
        running = [b for b in text if b not in captions and not any(_inside(b, box, slack=4) for box in boxes)]
        if figures and not running:
            taken = sum(box[3] - box[1] for box in [*figures, *captions, *boxes]) / height
            if taken < FIGURE_PAGE_FILL:
                sparse.append((number, round(taken, 2)))
    assert sparse == []


BOX_HEADING = "What the record shows"


def test_boxes_never_split_from_their_heading(blocks, drawn, text_block):
    """Every box background (a filled shape wider than half the column and taller than three lines: the
    frame, or the body under the heading's bar) has the box heading at its top, on every page the box runs
    on to ("What the record shows: Defence (continued)")."""
    width = text_block[2] - text_block[0]
    boxes = [(n, fill) for n, page in enumerate(drawn, start=1) for fill in page["fills"]
             if fill[2] - fill[0] > width / 2 and fill[3] - fill[1] > 40]
    assert boxes
    headless = []
    for number, fill in boxes:
        top = [b for b in blocks[number - 1]
               if fill[0] - 4 <= b[0] and b[2] <= fill[2] + 4 and fill[1] - 20 <= b[1] < fill[1] + 30]
        if not any(b[4].startswith(BOX_HEADING) for b in top):
            headless.append((number, [round(v) for v in fill]))
    assert headless == []


def test_a_box_opens_with_at_least_one_of_its_checks(pages):
    """A box never leaves its heading and lead alone at a page's foot: the page it opens on holds its first
    check too (the checks follow on "(continued)" pages)."""
    opened = [n for n, page in enumerate(pages, start=1) if context.RECORD_LEAD in page]
    assert opened
    assert [n for n in opened if "Checked" not in pages[n - 1].split(context.RECORD_LEAD, 1)[1]] == []


def test_each_box_names_its_chapter_and_ends_it(pages):
    """Every box names its chapter ("What the record shows: Defence") and stands in the same place in each:
    after the chapter's last section heading ("What the article does not say"), before the next chapter."""
    flat = [" ".join(page.split()) for page in pages]
    boxes = [(n, m.start(), m.group(1)) for n, page in enumerate(flat)
             for m in re.finditer(rf"{BOX_HEADING}: ([A-Z][\w ,]+?) {re.escape(context.RECORD_LEAD)}", page)]
    assert len(boxes) >= 5
    for number, at, chapter in boxes:
        heading = re.compile(rf"(?:^|\s)\d \s?{re.escape(chapter)}:")
        opened = next((n, m.start()) for n, page in enumerate(flat) for m in heading.finditer(page))
        assert opened < (number, at), f"the {chapter} box on p. {number + 1} comes before its chapter opens"
        between = [(n, m.start()) for n, page in enumerate(flat) for m in re.finditer(LAST_SECTION, page)
                   if opened < (n, m.start()) < (number, at)]
        assert between, f"the {chapter} box on p. {number + 1} comes before its chapter's last section"


LAST_SECTION = "What the article does not say"


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


def _only_blocks() -> list[tuple[str, str, str, bool]]:
    """(page, edition, first words, whether the page is printed) of every `only` block in the book's
    markdown and notebooks."""
    blocks = []
    for source in sorted([paths.PROJECT_ROOT / "index.md", *(paths.PROJECT_ROOT / "chapters").rglob("*.md")]):
        text = source.read_text(encoding="utf-8")
        for edition, body in ONLY_BLOCK.findall(text):
            words = " ".join(re.sub(r"[`*_{}\[\]]|\(.*?\)|:\w+:", "", body).split()[:8])
            page = source.relative_to(paths.PROJECT_ROOT).with_suffix(".html").as_posix()
            blocks.append((page, edition, words, not WEB_EDITION.match(text)))
    return blocks


def test_only_blocks_reach_one_edition(html_book, pdf_text):
    """Sphinx `only` blocks (in markdown cells of the notebooks too): html in the HTML page and not in
    the PDF; latex in the PDF and not in the HTML page, unless the whole page is online only
    (`edition: web`): then it is in neither."""
    blocks = _only_blocks()
    assert blocks
    for page, edition, words, printed in blocks:
        html = _plain((html_book / page).read_text(encoding="utf-8"))
        assert (words in html) == (edition == "html"), (page, edition, words)
        assert (words in pdf_text) == (edition == "latex" and printed), (page, edition, words)


def test_nothing_written_for_a_screen(pdf_text):
    assert SCREEN_WORDS.findall(pdf_text) == []


def test_no_overfull_box_and_no_float_too_large_in_the_latex_log(latex_log):
    assert re.findall(r"Overfull \\[hv]box \([\d.]+pt too \w+\)[^\n]*", latex_log) == []
    assert re.findall(r"Float too large[^\n]*", latex_log) == []


CHART_MIN_PT = 8  # chart text at print size (issue 15, item 5)
CHART_TYPE_SIZES = 4  # one type scale: at most this many sizes (to the half point) across all charts


def chart_text_sizes(pdf_book, drawn) -> list[float]:
    """Point sizes, at print size, of every text line drawn inside a chart's box (the charts share the
    headings' sans face, so their text is told by where it is, not by its font), read with poppler's
    pdftohtml; its sizes are scaled by the body font's modal size, which is the document's point size."""
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    body_pt = int(re.search(r"\\documentclass\[[^]]*?(\d+)pt", tex).group(1))
    xml = subprocess.run([require_tool("pdftohtml"), "-xml", "-i", "-q", "-zoom", "1", "-stdout", str(pdf_book)],
                         capture_output=True, text=True, check=True).stdout
    fonts = {i: int(size) for i, size in re.findall(r'<fontspec id="(\d+)" size="(\d+)"', xml)}
    chart, text = [], []
    for page in xml.split("<page ")[1:]:
        figures = drawn[int(re.match(r'number="(\d+)"', page).group(1)) - 1]["figures"]
        for top, left, width, height, font in re.findall(
                r'<text top="(-?\d+)" left="(-?\d+)" width="(\d+)" height="(\d+)" font="(\d+)"', page):
            box = (int(left), int(top), int(left) + int(width), int(top) + int(height))
            (chart if any(_inside(box, figure, slack=2) for figure in figures) else text).append(fonts[font])
    body = max(set(text), key=text.count)
    return [size * body_pt / body for size in chart]


def test_chart_text_is_at_least_8_pt_on_one_type_scale(pdf_book, drawn):
    sizes = chart_text_sizes(pdf_book, drawn)
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


SUMMARY_HEADING = "Summary"  # the landing page's heading in print (_ext/mibook_print.py's SUMMARY)


def _front_matter(pages: list[str], first: int) -> str:
    """The text before the summary's heading: the pages before the first chapter, and the start of its page
    (the summary runs on after the lists of figures and tables, sometimes on their page)."""
    opening = pages[first - 1].split("\n")
    heading = max(i for i, line in enumerate(opening) if line.strip() == SUMMARY_HEADING)
    return " ".join([*pages[: first - 1], "\n".join(opening[:heading])])


def test_list_of_figures_names_every_figure(html_book, pages, pdf_book):
    front = _front_matter(pages, min(_chapter_start_pages(pdf_book)))
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


def test_a_table_that_opens_its_section_starts_on_its_headings_page(html_book, pages):
    """A table that follows its section's heading (and at most a lead paragraph) is printed on the page its
    heading is on: no heading and lead left at a page's foot with their table overleaf."""
    from bs4 import BeautifulSoup

    flat = [" ".join(page.split()) for page in pages]
    opening = []
    for page in _chapter_pages(html_book):
        for section in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("main section"):
            children = [c for c in section.find_all(recursive=False) if c.name]
            table = next((n for n, c in enumerate(children) if c.find("table") or c.name == "table"), None)
            if table is None or table > 2 or children[0].name != "h2":
                continue
            heading = " ".join(children[0].get_text(" ").split()).rstrip("#").strip()
            first_cell = " ".join(children[table].find("td").get_text(" ").split())
            if any(heading in page for page in flat) and any(first_cell in page for page in flat):  # in print
                opening.append((heading, first_cell))
    assert len(opening) >= 2
    assert [pair for pair in opening if not any(pair[0] in page and pair[1] in page for page in flat)] == []


def test_no_claim_ids_and_no_evidence_tables_in_print(pdf_text, pdf_book, pages):
    """Claim ids need the online ledger: print has none. The chapters' evidence tables stay online; the
    annotated source (an appendix) gives each quote with its ¶, every paragraph of the article."""
    from mibook import load

    assert re.findall(r"\bc-(?:[a-z]+-)+\d\d\b", pdf_text) == []
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    headers = [h.translate(QUOTE_MARKS) for h in  # the LaTeX has the curly apostrophe smartquotes set
               re.findall(r"\\sphinxstyletheadfamily\s*\\sphinxAtStartPar\s*(.*?)\n", tex)]
    quote_column = print_extension().EVIDENCE_COLUMNS - {"¶"}
    assert headers and not quote_column & set(headers)
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    start = int(re.search(r"\\contentsline \{chapter\}\{.*The source article\}\{(\d+)\}", toc).group(1))
    source = " ".join(pages[start - 1:])
    for paragraph in load.tables().paragraphs:
        assert f"¶{paragraph.number}" in source, paragraph.number


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
    # the article's entry stands under its heading (LaTeX sets the bibliography last, so the section must be last)
    after = " ".join(pdf_text.split("comes from this article.")[-1].split())
    assert after.startswith("Bokhari, Sitwat Waqar (2019). Are regional political changes bringing Moscow and")


def _line_starts(page_words) -> list[tuple[float, str]]:
    """Each text line of a page (words on one baseline, within 2 pt) as (left edge, first word), top to bottom."""
    lines: dict[float, list] = {}
    for x0, _, _, y1, word in page_words:
        key = next((k for k in lines if abs(k - y1) < 2), y1)
        lines.setdefault(key, []).append((x0, word))
    return [min(words) for _, words in sorted(lines.items())]


def test_references_hang_without_bullets(pdf_book, text_block):
    """The references (context sources and the article alike) as a printed reference list: each entry's first
    line at the margin (as the headings and the lead sentences are), its run-on lines indented under it; no
    bullet."""
    left, top, _, bottom = text_block
    words = _words(pdf_book)
    first = next(n for n, page in enumerate(words) if "Context sources" in " ".join(w for *_, w in page))
    body = [[w for w in page if w[1] >= top and w[3] <= bottom] for page in words[first:]]  # no head, no folio
    starts = [(x, word) for page in body for x, word in _line_starts(page)]
    assert not [word for _, word in starts if word in ("•", "–", "·")]
    indents = sorted({round(x - left) for x, _ in starts})
    assert len(indents) == 2 and indents[0] == 0 and 10 <= indents[1] <= 18, indents


def test_no_reference_splits_across_pages(pdf_book, text_block):
    """Each entry of the references stays on one page: every page of them opens with an entry's first line at
    the margin, never with the indented run-on line of an entry begun on the page before."""
    left, top, _, bottom = text_block
    words = _words(pdf_book)
    first = next(n for n, page in enumerate(words) if "Context sources" in " ".join(w for *_, w in page))
    later = [[w for w in page if w[1] >= top and w[3] <= bottom] for page in words[first + 1:]]
    openings = [_line_starts(page)[0] for page in later if page]
    assert openings and [(x, word) for x, word in openings if round(x - left) != 0] == []


COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", ".ruff_cache", "__pycache__",
                                     "node_modules")


def test_a_build_elsewhere_is_byte_identical(tmp_path, pdf_book):
    """Same commit, another folder, a cold build: the same bytes (dates and /ID from SOURCE_DATE_EPOCH)."""
    root = tmp_path / "book"
    shutil.copytree(paths.PROJECT_ROOT, root, ignore=COPY_IGNORE)
    env = {**os.environ, "MIBOOK_DATA_DIR": str(root / "data")}
    result = jupyter_book("--builder", "pdflatex", output=root, root=root, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert same_bytes(root / "_build" / "latex" / pdf_book.name, pdf_book)


def test_landing_page_offers_the_pdf_only_when_built(pdf_book, book_copy):
    """After `make pdf`, the next HTML build offers the PDF; once it is gone, the next one does not (on a copy
    of the session's HTML build, which stays as it was built)."""
    from tests.book import build_or_fail

    output = book_copy
    book = output / "_build" / "html"
    pdf = output / "_build" / "latex" / pdf_book.name
    pdf.parent.mkdir(parents=True)
    shutil.copyfile(pdf_book, pdf)
    build_or_fail(output=output)
    index = (book / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="(_downloads/[^"]+/moscow-islamabad\.pdf)"', index)
    assert link, "after `make pdf`, the next HTML build must offer the PDF"
    assert same_bytes(book / link.group(1), pdf_book)

    pdf.unlink()
    build_or_fail(output=output)
    assert "moscow-islamabad.pdf" not in (book / "index.html").read_text(encoding="utf-8")


# --- a self-contained print edition ----------------------------------------------------------------


def _body_text(pdf_book, pages) -> str:
    """The text after the front matter (title page, colophon, contents), whitespace collapsed."""
    return re.sub(r"\s+", " ", " ".join(pages[min(_chapter_start_pages(pdf_book)) - 1:]))


def test_web_only_pages_are_named_with_their_address(html_book, pdf_book, pages):
    """A page that is online only (claims ledger, checks, data dictionary) is named in print with its
    address in the online edition (CITATION.cff's url), or, when the book has none, not at all."""
    web = sorted(str(p.relative_to(html_book).with_suffix("")) for p in (html_book / "chapters").rglob("*.html")
                 if not _in_print(html_book, p))
    assert web
    printing = print_extension()
    text, address = _body_text(pdf_book, pages).replace("- ", ""), printing.online_address()
    for doc in web:
        for mention in printing.page_names(doc).finditer(text):
            after = re.sub(r"\s", "", text[mention.end():mention.end() + len(address) + len(doc) + 40])
            context = text[mention.start() - 60:mention.end() + 60]
            assert address and after.startswith(f"({address}/{doc}.html)"), context


LINK_NAMES = re.compile(r"\b(?:Chapter|Appendix) [\dA-Z]+\b|\bFig\. \d+|\bTable \d+|\bp\. \d+")
CITATION = re.compile(r"^\(?[A-Z][\w-]+(?: (?:and|et al\.)[\w .-]*)?,? \(?\d{4}\)?\)?[.,;:]?$")


def test_every_internal_link_names_a_chapter_figure_table_or_page(pdf_book, pages):
    """Internal links after the front matter (not citations, which name their work) carry "Chapter 3,
    p. 14", "Fig. 2", "Table 1" or "p. 9" in their own text."""
    first = min(_chapter_start_pages(pdf_book))
    words = _words(pdf_book)
    found = 0
    for number, page in enumerate(PdfReader(pdf_book).pages, start=1):
        if number < first:
            continue
        height = float(page.mediabox.height)
        # on the summary's first page, the lists of contents above its heading are front matter
        summary_top = max((top for (_, top, _, _, w) in words[number - 1] if w == SUMMARY_HEADING), default=0.0) \
            if number == first else 0.0
        links: dict[str, list[str]] = {}
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link" or "/URI" in (link.get("/A") or {}):
                continue
            x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
            if height - y0 <= summary_top:
                continue
            under = [w for (left, top, right, bottom, w) in words[number - 1]  # words centred in the link
                     if x0 <= (left + right) / 2 <= x1 and height - y1 <= (top + bottom) / 2 <= height - y0]
            target = str(link.get("/Dest") or (link.get("/A") or {}).get("/D"))
            links.setdefault(target, []).append(" ".join(under))
        for target, texts in links.items():
            text = " ".join(texts)
            found += 1
            listed = re.match(r"(?:table|figure)\.", target) and re.match(r"\d+ ", text)  # a list's entry
            assert LINK_NAMES.search(text) or CITATION.match(text) or listed, (number, target, text)
    assert found


def test_a_cross_reference_prints_in_brackets(pdf_text):
    """A link's page reference is bracketed after it: "outlook (Chapter 7, p. 17)"; inside brackets already,
    it joins them: "(the case weighed, Chapter 1, p. 4)". Either way a ")" or ";" closes it."""
    text = " ".join(pdf_text.split())
    found = re.findall(r"Chapter \d+, p\. \d+(.)", text)
    assert len(found) >= 10 and set(found) <= {")", ";"}, found


def test_a_section_of_another_chapter_is_found_by_its_chapter_and_page(pdf_text):
    """A link to a section in another chapter says which chapter it is in as well as the page: the summary's
    "signposts in the outlook (Chapter 7, p. 17)", not "(p. 17)" alone."""
    text = " ".join(pdf_text.split())
    assert re.search(r"signposts in the outlook \(Chapter \d+, p\. \d+\)", text), text[:2000]


def _words(pdf_book) -> list[list[tuple[float, float, float, float, str]]]:
    layout = _pdftotext(pdf_book, "-bbox")
    return [[(*map(float, box), unescape(word)) for *box, word in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
            for page in layout.split("<page ")[1:]]


# --- typography ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def text_lines(pdf_book) -> list[tuple[int, str, str]]:
    """Every line of text as poppler's pdftohtml reads it: (font size, font family, text)."""
    xml = subprocess.run([require_tool("pdftohtml"), "-xml", "-i", "-q", "-stdout", str(pdf_book)],
                         capture_output=True, text=True, check=True).stdout
    fonts = {i: (int(size), family.split("+")[-1]) for i, size, family in
             re.findall(r'<fontspec id="(\d+)" size="(\d+)" family="([^"]+)"', xml)}
    return [(*fonts[font], unescape(re.sub(r"<[^>]+>", "", text)))
            for font, text in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', xml)]


def test_chapter_titles_break_after_their_colon(html_book, text_lines):
    """A chapter's title breaks after its colon, the topic on the first line ("Afghanistan:") and what the
    chapter says of it on the next, never at a stray word."""
    sizes = [size for size, _, _ in text_lines]
    body = max(set(sizes), key=sizes.count)
    headings = [" ".join(text.split()).translate(QUOTE_MARKS) for size, _, text in text_lines if size > body]
    titles = [title for title in (_plain(re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
                                              .group(1)).rstrip("#") for page in _chapter_pages(html_book))
              if ":" in title]
    assert titles
    for title in titles:
        topic, rest = (part.strip() for part in title.split(":", 1))
        first = next((n for n, line in enumerate(headings) if line.endswith(f"{topic}:")), None)
        assert first is not None, f"no heading line ends {topic!r}:"
        assert headings[first + 1] == rest, (title, headings[first:first + 2])  # the rest whole on one line


def test_no_hyphenated_headings_or_names(text_lines):
    """No line ends in a broken capitalised word (a name: "Pak-istan") and no heading line ends in a hyphen."""
    sizes = [size for size, _, _ in text_lines]
    body = max(set(sizes), key=sizes.count)
    pairs = zip(text_lines, text_lines[1:], strict=False)
    assert [(a, b) for (_, _, a), (_, _, b) in pairs if re.search(r"\b[A-Z][a-z]+-$", a) and b[:1].islower()] == []
    assert [text for size, _, text in text_lines if size > body and text.rstrip().endswith("-")] == []


# A sentence or a clause after a colon that opens with a numeral ("…the record: 3 are in place"); figure and
# page numbers ("Fig. 1 sets", "p. 16 sets") are not sentences.
NUMERAL_OPENING = re.compile(r"(?<!Fig)(?<!\bp)(?<!Chapter \d)[.:;!?] (\d[\d,.]*) [a-z]")


def test_no_sentence_or_clause_opens_with_a_numeral(pdf_book, pages):
    """Our text, up to the annotated source (the article's own words are verbatim), never opens a sentence or
    a clause after a colon with a numeral."""
    ours = _body_text(pdf_book, pages).split(" A The source article ")[0]
    assert [ours[max(0, m.start() - 40):m.end() + 20] for m in NUMERAL_OPENING.finditer(ours)] == []
    assert NUMERAL_OPENING.search("set against the record: 1 clearly") and not NUMERAL_OPENING.search(
        "Fig. 1 sets the 37 events; p. 7 shows")


def test_curly_quotes_in_the_text_and_references(pdf_book, text_lines):
    """The book's own text (chart text aside), references too, has no straight quote marks."""
    tex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    book_fonts = tuple(re.findall(r"\\set(?:main|sans)font\{([^}]+)\}", tex))
    straight = [text for _, family, text in text_lines
                if family.startswith(book_fonts) and re.search(r"[\"']", text) and "://" not in text]
    assert straight == []


def test_list_of_tables_with_distinct_captions(pages, pdf_book):
    front = re.sub(r"\s+", " ", " ".join(pages[: min(_chapter_start_pages(pdf_book))]))
    assert "Tables" in front
    captions = re.findall(r"Table (\d+): (.+?)(?=\s{2,}|\n|$)", "\n".join(pages), re.M)
    names = [" ".join(c.split()) for _, c in captions]
    assert names and len(set(names)) == len(names), names
    for name in names:
        assert name[:30] in front.replace("- ", ""), name


CHAPTER_RULE_ABOVE = 25  # pt from the rule over a chapter heading to the heading's text (the chapter starts there)
RUNNING_HEAD = re.compile(r"(?:Chapter \d+|Appendix [A-Z])\. ")  # a chapter's running head: "Chapter 3. Defence: …"


def test_running_heads_name_the_chapter_the_page_runs_in(pdf_book, pages, blocks, text_block):
    """A page a chapter (or appendix) opens at its top has no running head; one it opens below text or a box
    of the chapter before names the chapter that fills the most of it (the new one when its heading is in the
    page's upper half, else the one before); every other page names the chapter it runs in."""
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    starts = [(int(page), re.sub(r"\\[a-z]+\s*|[{}]", " ", title)) for title, page in
              re.findall(r"\\contentsline \{chapter\}\{(.*)\}\{(\d+)\}\{", toc)]
    numbered = [(page, " ".join(title.split())) for page, title in starts]
    middle = (text_block[1] + text_block[3]) / 2
    wrong = []
    for number, page in enumerate(pages, start=1):
        if number < numbered[1][0]:
            continue
        head = " ".join(page.strip().splitlines()[0].split())
        opening = [t for p, t in numbered if p == number]
        running = [t for p, t in numbered if p < number][-1]
        headed = RUNNING_HEAD.match(head) or head == running  # the front matter's head is its title ("Summary")
        if opening and not headed:  # opened at the top: the heading is the first line
            if opening[0].split()[1] not in head:
                wrong.append((number, head, f"neither a running head nor the heading of {opening[0]}"))
            continue
        if opening:
            heading = next(b for b in blocks[number - 1] if b[4].startswith(opening[-1].split(":")[0][:20]))
            running = opening[-1] if heading[1] - CHAPTER_RULE_ABOVE < middle else running  # from its rule down
        if not (headed and running.split()[-1] in head):
            wrong.append((number, head, running))
    assert wrong == []


def test_colophon_gives_the_licence_by_name_and_address(pages):
    colophon = " ".join(pages[1].split())
    assert "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/" in colophon
    assert "CC-BY" not in colophon
    reprint = (r"reproduced in full in Appendix A \(p\. (\d+)\), remains its author's and its publisher's: "
               r"the licence above does not cover it")
    found = re.search(reprint, colophon.replace("’", "'"))
    assert found and "A The source article" in " ".join(pages[int(found.group(1)) - 1].split())  # the page it names


# --- accessibility and archiving -------------------------------------------------------------------


def test_language_xmp_metadata_and_bookmarks(pdf_book):
    """/Lang, an XMP packet with the title, authors, date and licence, the title shown by viewers, and a
    bookmark for every chapter."""
    book, reader = metadata.book(), PdfReader(pdf_book)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    for value in (book.title, *book.authors, book.date, metadata.licence_url(book), "en-GB"):
        assert value in xmp, value
    toc = pdf_book.with_suffix(".toc").read_text(encoding="utf-8")
    chapters = len(re.findall(r"\\contentsline \{chapter\}", toc))
    assert len(reader.outline) >= chapters


def _word_lines(pdf_book, first: int = 1) -> list[list[tuple[float, float, str]]]:
    """Each text line from page `first` on (poppler's layout) as its words: (left, right, text)."""
    layout = _pdftotext(pdf_book, "-bbox-layout", "-f", str(first))
    return [[(float(x0), float(x1), unescape(w)) for x0, x1, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', line)]
            for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S)]


def test_one_even_space_after_a_full_stop_or_a_colon(pdf_book):
    """French spacing: on a justified line the space after a sentence's full stop or a colon is the line's
    word space, not TeX's wider one (which leaves gaps such as "together:  the")."""
    wide = []
    for words in _word_lines(pdf_book, 4):
        gaps = [(b[0] - a[1], a[2]) for a, b in zip(words, words[1:], strict=False)]
        plain = sorted(g for g, word in gaps if not word.endswith((".", ":", ";", ",", "?", "”", ")")))
        if len(plain) < 4:
            continue
        usual = plain[len(plain) // 2]
        wide += [(word, round(g / usual, 2)) for g, word in gaps
                 if word.endswith((".", ":")) and word[:-1].isalpha() and len(word) > 3 and g > 1.2 * usual]
    assert wide == []


def test_a_broken_address_never_ends_its_line_with_a_hyphen(pdf_book, pages):
    """In the references an address breaks after a slash or before a hyphen, which then opens the next line:
    no line ends "-", which would read as a hyphenated word."""
    first = next(n for n, page in enumerate(pages, start=1) if "Context sources" in page and "https://" in page)
    lines = [" ".join(w for _, _, w in words) for words in _word_lines(pdf_book, first)]
    references = lines[lines.index("Context sources"):]
    assert sum("https://" in line for line in references) >= 40
    assert [line for line in references if line.endswith("-")] == []


def test_the_colophon_breaks_its_title_after_the_colon_and_spells_out_each_abbreviation(pages):
    """The colophon's title: "Moscow–Islamabad:" on its own line, the subtitle whole on the next. Each
    abbreviation the contents or the summary use (SCO, CPEC …) is spelled out in the colophon."""
    book = metadata.book()
    colophon = pages[1].strip().splitlines()
    assert [line.strip() for line in colophon[:2]] == [f"{book.title}:", book.subtitle]
    spelled = " ".join(" ".join(colophon).split()).split("Abbreviations. ")[1]
    used = set(re.findall(r"\b[A-Z]{2,}[a-z]?\b", pages[2] + pages[3])) - {"US", "UN"}
    assert used and {a for a in used if not re.search(rf"\b{a}, [A-Z]", spelled)} == set()
