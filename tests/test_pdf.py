"""The PDF report: every chapter and caption, charts as vector figures, no code, fonts embedded."""

import re
import shutil
import subprocess
from html import unescape

import pytest
from pypdf import PdfReader

from tests.book import require_tool

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def pdf_text(pdf_book):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run([pdftotext, "-layout", str(pdf_book), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


def _chapter_pages(html_book):
    pages = sorted((html_book / "chapters").rglob("*.html"))
    assert pages, f"no built chapter pages under {html_book}"
    return pages


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def test_every_chapter_title_is_in_the_pdf(html_book, pdf_text):
    for page in _chapter_pages(html_book):
        title = _plain(re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S).group(1)).rstrip("#")
        assert title.upper() in pdf_text.upper(), title


def test_every_figure_caption_is_in_the_pdf(html_book, pdf_text):
    captions = []
    for page in _chapter_pages(html_book):
        figcaptions = re.findall(r"<figcaption>(.*?)</figcaption>", page.read_text(encoding="utf-8"), re.S)
        for caption in (re.search(r'<span class="caption-text">(.*?)</span>', f, re.S).group(1) for f in figcaptions):
            captions.append(_plain(caption))
    assert captions
    flat = pdf_text.replace("- ", "")
    for caption in captions:
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


def test_title_page_names_the_source(pdf_text):
    assert "Are regional political changes bringing Moscow and Islamabad closer?" in pdf_text
    assert "Data as of" in pdf_text


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
