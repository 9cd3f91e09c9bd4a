"""Editorial checks on the built HTML book (issue 10): verbatim quotations, no machinery shown to
readers, the word and chart budgets, the landing summary's numbers, no code toggles.

Each check is a plain function of HTML text, so the `test_*_catches_*` tests can feed it a mutant
and prove it fails; the book-level tests run it on the session build."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mibook import article, load, paths
from mibook.analysis import overview

READING = ["index", "chapters/overview", "chapters/afghanistan", "chapters/defence", "chapters/energy",
           "chapters/trade", "chapters/sco-cpec", "chapters/outlook"]
WORD_BUDGET = 5000
CHART_BUDGET = 10
QUOTE_SPAN = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
ELLIPSIS = re.compile(r"…|\.\.\.")
IDS = [
    re.compile(r"\b(?:c|r|ev|pos|dp|q|aim|d|k|s)-[a-z0-9]+(?:-[a-z0-9]+)+\b"),  # claim, relation, event, ... ids
    re.compile(r"\bsco-cpec\b|\bjanjua\b|\bserenko\b"),  # theme and speaker ids (names are capitalised)
]
# Codes that are also English words count only when a whole table cell or label is the code.
WHOLE_NODE_IDS = {"bilateral", "author", "putin", "afghanistan", "russia", "pakistan", "converge", "unilateral",
                  "shared-challenge"}
SCIENTIFIC = re.compile(r"\b\d+(?:\.\d+)?[eE][+-]?\d+\b")
FLOAT_MONEY = re.compile(r"(?<![\d.])(?:\d{5,}\.\d+|\d+\.0)(?![\d.])")  # not a version such as 1.0.0
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
MODEL_NAME = re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Z]?\b")  # a model's name (S-400, Mi-35M), not a number


def _body(html: str) -> BeautifulSoup:
    """The page's article body, without scripts, styles and the hidden chart specs."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find("article", class_="bd-article") or soup
    for tag in body.find_all(["script", "style", "noscript"]):
        tag.decompose()
    return body


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


QUOTE_MARKS = str.maketrans("'“”‘’", '"""""')


def _fold(text: str) -> str:
    """Whitespace folded and every quote mark made one mark, so nested quotes (“… ‘…’ …”) compare equal."""
    return article.normalise(text).translate(QUOTE_MARKS)


def _article_text() -> str:
    return _fold((paths.PROJECT_ROOT / "data" / "source" / "article.txt").read_text(encoding="utf-8"))


def misquotes(html: str, source: str) -> list[str]:
    """Quoted spans (“…” or "…") in the visible text whose parts, split at ellipses, are not in `source`.

    Context from outside sources (the "What the record shows" boxes, the checks list and the sources
    list) quotes those sources, not the article, and is left out."""
    body = _body(html)
    for tag in body.select(".mibook-context, .mibook-checks, .mibook-sources"):
        tag.decompose()
    text = _text(body)
    bad = []
    for match in QUOTE_SPAN.finditer(text):
        span = match.group(1) or match.group(2)
        for part in ELLIPSIS.split(_fold(span)):
            part = part.strip(' ,.;:"')
            if part and part not in source:
                bad.append(span)
    return bad


def machinery(html: str) -> list[str]:
    """Ids, raw codes, scientific notation and float-formatted money a reader would see.

    Claim ids are allowed only as the evidence tables' claim links (`a.claim-link`); the citation box and the
    "Re-run this chapter" section (file names, a BibTeX key) are the reader's apparatus, not the page's text.
    A whole-node code counts only as a text node, not as one line of a chart label wrapped into `tspan`s."""
    body = _body(html)
    for tag in body.select("a.claim-link, .mibook-cite, .mibook-rerun"):
        tag.decompose()
    text = _text(body)
    found = [m.group(0) for pattern in [*IDS, SCIENTIFIC, FLOAT_MONEY] for m in pattern.finditer(text)]
    nodes = {" ".join(s.split()) for s in body.find_all(string=True) if s.parent.name != "tspan"}
    return found + sorted(nodes & WHOLE_NODE_IDS)


def running_words(html: str) -> int:
    """Words of running prose a reader sees, written or generated: paragraphs, list items and description-list
    entries (the drivers), the "What the record shows" boxes included; not tables, figures, charts, the
    contents, or the citation apparatus (the bibliography, the cite box, the context's source links) and the
    re-run line."""
    body = _body(html)
    for tag in body.select("table, figure, .mibook-chart, .toctree-wrapper, .bibliography, .mibook-cite, "
                           ".mibook-context-sources, .mibook-rerun"):
        tag.decompose()
    blocks = [t for t in body.find_all(["p", "li", "dd"]) if not t.find_parent(["li", "dd"])]
    return sum(len(_text(t).split()) for t in blocks)


def chart_ids(html: str) -> list[str]:
    return re.findall(r'data-chart-id="([^"]+)"', html)


def node_link_charts(html: str) -> list[str]:
    """Charts whose spec draws edges between positioned nodes (a rule or line with x2 and y2)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for chart in soup.find_all(attrs={"data-chart-id": True}):
        spec = chart.find("script", class_="mibook-chart-spec")
        if spec and _has_edges(json.loads(spec.string)):
            found.append(chart["data-chart-id"])
    return found


def _has_edges(spec) -> bool:
    if isinstance(spec, dict):
        mark = spec.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        encoding = spec.get("encoding", {})
        if kind in ("rule", "line", "trail") and {"x", "y", "x2", "y2"} <= set(encoding):
            return True
        return any(_has_edges(v) for v in spec.values())
    if isinstance(spec, list):
        return any(_has_edges(v) for v in spec)
    return False


def summary_numbers_shown(html: str) -> set[str]:
    """The numbers in the landing page's answer (the paragraph opening "Our answer") and its list of findings
    (the first list after "Findings"), leaving out the citations' years."""
    body = _body(html)
    for citation in body.select('a[href*="references.html"]'):
        citation.decompose()
    answer = body.find(string=re.compile("Our answer"))
    heading = body.find(string=re.compile("^Findings$"))
    assert answer and heading, "no 'Our answer' or no 'Findings' on the landing page"
    findings = heading.find_next("ul")
    items = findings.find_all("li", recursive=False)
    assert 3 <= len(items) <= 6, f"{len(items)} findings"
    return {n for block in [answer.find_parent("p"), *items]
            for n in NUMBER.findall(MODEL_NAME.sub("", _text(block)))}


def code_toggles(html: str) -> list[str]:
    """Code a reader would see or could toggle open: input cells and 'Show code cell' buttons."""
    found = re.findall(r'class="cell_input[^"]*"|Show code cell|tag_hide-input|tag_hide-cell', html)
    return found


# --- the checks catch what they should (mutants) ---------------------------------------------------

PAGE = '<article class="bd-article">{}</article>'


def test_the_checks_catch_mutants():
    source = _article_text()
    assert misquotes(PAGE.format("<p>She wants it “in the driving seat”.</p>"), source) == ["in the driving seat"]
    assert misquotes(PAGE.format("<p>“the US and the West”</p>"), source) == ["the US and the West"]
    context = '<aside class="mibook-context"><p>a report called it “a landmark”</p></aside>'
    assert misquotes(PAGE.format(context), source) == []
    assert misquotes(PAGE.format(context.replace("mibook-context", "note")), source) == ["a landmark"]
    assert misquotes(PAGE.format("<p>“cannot afford to commit a mistake … learn from the past”</p>"), source) == []
    assert misquotes(PAGE.format("<p>“Russian companies have also started ‘looking eastward’”</p>"), source) == []
    assert misquotes(PAGE.format('<p>Pakistan seeks to lessen "its reliance on the “US and the West”".</p>'),
                     source) == []
    assert machinery(PAGE.format("<td>sco-cpec</td><td>bilateral</td><p>c-trade-01 1.4e+10 660000000.0</p>")) == [
        "c-trade-01", "sco-cpec", "1.4e+10", "660000000.0", "bilateral"]
    assert machinery(PAGE.format('<a class="claim-link" href="#">c-trade-01</a><p>$660 million</p>')) == []
    assert machinery(PAGE.format('<p>version 1.0.0</p><svg><text><tspan>bilateral</tspan></text></svg>')) == []
    assert machinery(PAGE.format('<p>$660.0 million</p>')) == ["660.0"]
    html = PAGE.format("<p>one two three</p><ul><li><p>four five</p></li></ul><table><tr><td>x y</td></tr></table>"
                       "<figure><p>cap tion</p></figure>")
    assert running_words(html) == 5
    boxes = ('<div class="cell_output"><aside class="mibook-context"><p>six words of context in here</p></aside></div>'
             '<div class="cell_output"><dl><dt>Label</dt><dd>generated prose counts too</dd></dl></div>'
             '<div class="mibook-cite"><p>cite me</p></div>'
             '<ul><li>Two words <span class="mibook-context-sources">Sources: Dawn, 1 May 2019</span></li></ul>')
    assert running_words(PAGE.format(boxes)) == 12  # a box's source links are citation apparatus, not prose
    edges = {"layer": [{"mark": {"type": "rule"}, "encoding": dict.fromkeys(["x", "y", "x2", "y2"], {})}]}
    chart = ('<div data-chart-id="net"><script type="application/json" class="mibook-chart-spec">'
             f"{json.dumps(edges)}</script></div>")
    assert node_link_charts(chart) == ["net"]
    assert node_link_charts(chart.replace('"x2"', '"size"')) == []
    assert code_toggles('<div class="cell_input docutils container">') and code_toggles("Show code cell source")


# --- the book -------------------------------------------------------------------------------------

def _page(html_book: Path, name: str) -> str:
    return (html_book / f"{name}.html").read_text(encoding="utf-8")


def _all_pages(html_book: Path) -> list[Path]:
    return sorted(p for p in html_book.rglob("*.html") if "_static" not in p.parts and p.name not in (
        "genindex.html", "search.html"))


@pytest.mark.book
def test_every_quotation_in_the_book_is_verbatim(html_book):
    source = _article_text()
    bad = {p.name: misquotes(p.read_text(encoding="utf-8"), source) for p in _all_pages(html_book)}
    assert {page: spans for page, spans in bad.items() if spans} == {}


@pytest.mark.book
@pytest.mark.parametrize("page", READING)
def test_no_machinery_on_reading_pages(html_book, page):
    assert machinery(_page(html_book, page)) == []


@pytest.mark.book
def test_running_prose_fits_the_word_budget(html_book):
    words = {page: running_words(_page(html_book, page)) for page in READING}
    assert sum(words.values()) <= WORD_BUDGET, f"{sum(words.values())} words: {words}"


@pytest.mark.book
def test_chart_budget(html_book):
    per_page = {p.relative_to(html_book).with_suffix("").as_posix(): chart_ids(p.read_text(encoding="utf-8"))
                for p in _all_pages(html_book)}
    assert sum(len(ids) for ids in per_page.values()) <= CHART_BUDGET, per_page
    networks = [c for p in _all_pages(html_book) for c in node_link_charts(p.read_text(encoding="utf-8"))]
    assert len(networks) <= 1, networks


@pytest.mark.book
def test_landing_summary_numbers_are_the_computed_ones(html_book):
    computed = {n for value in overview.summary_numbers(load.tables()).values() for n in NUMBER.findall(str(value))}
    assert summary_numbers_shown(_page(html_book, "index")) == computed


@pytest.mark.book
def test_landing_summary_length(html_book):
    body = _body(_page(html_book, "index"))
    for tag in body.select(".toctree-wrapper"):
        tag.decompose()
    assert 200 <= len(_text(body).split()) <= 600


@pytest.mark.book
@pytest.mark.parametrize("page", READING)
def test_no_code_on_reading_pages(html_book, page):
    assert code_toggles(_page(html_book, page)) == []
