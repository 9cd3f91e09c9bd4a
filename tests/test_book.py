"""Book-level checks on the built HTML: pages, figures, ids, key numbers, no third-party assets."""

import re
from html import escape
from html.parser import HTMLParser

import pytest

from mibook import load
from mibook.analysis import drivers

pytestmark = pytest.mark.book

CHAPTERS = ["overview", "afghanistan", "defence", "energy", "trade", "sco-cpec", "outlook"]


def _pages(html_book):
    pages = sorted(p for p in html_book.rglob("*.html") if "_static" not in p.parts)
    assert pages, f"no built pages under {html_book}"
    return pages


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "modulepreload") and attrs.get("href"):
            self.urls.append(attrs["href"])


def test_every_chapter_is_built(html_book):
    for chapter in CHAPTERS:
        assert (html_book / "chapters" / f"{chapter}.html").is_file(), chapter


def test_no_page_loads_assets_from_another_host(html_book):
    for page in _pages(html_book):
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert remote == [], f"{page.name} loads {remote}"


def test_overview_shows_the_case_table_computed_from_data(html_book):
    page = (html_book / "chapters" / "overview.html").read_text(encoding="utf-8")
    table = drivers.at_a_glance(load.tables())
    assert 'class="mibook-table' in page
    for change in table["Regional change"]:
        assert f'<td data-label="Regional change">{escape(change)}</td>' in page


def test_chart_ids_are_unique_and_only_chart_pages_load_vega(html_book):
    seen = {}
    for page in _pages(html_book):
        text = page.read_text(encoding="utf-8")
        ids = re.findall(r'data-chart-id="([^"]+)"', text)
        for chart_id in ids:
            assert chart_id not in seen, f"{chart_id} on {page.name} and {seen[chart_id]}"
            seen[chart_id] = page.name
        assert ("vega-bundle.js" in text) == bool(ids), page.name
    assert "record-timeline" in seen


def test_every_chart_is_a_numbered_captioned_figure(html_book):
    for page in _pages(html_book):
        text = page.read_text(encoding="utf-8")
        charts = text.count("data-chart-id=")
        if not charts:
            continue
        figures = re.findall(r'<figure class="align-default" id="fig-[^"]+">.*?</figure>', text, re.S)
        with_chart = [f for f in figures if "data-chart-id=" in f]
        assert len(with_chart) == charts, page.name
        for figure in with_chart:
            assert re.search(r'<span class="caption-number">Fig\. \d+ </span>', figure), page.name


def test_vega_bundle_is_scoped(html_book):
    bundle = (html_book / "_static" / "vega-bundle.js").read_text(encoding="utf-8")
    assert bundle.splitlines()[1].startswith("(function () {")
    assert bundle.rstrip().endswith("}).call(window);")


def test_a_page_offers_a_rerun_only_with_its_own_notebook(html_book):
    """"Re-run this chapter: download its notebook" stands on exactly the pages whose download menu offers
    their notebook; a page written without code (the source, the ledger, the references) has neither."""
    pages = [html_book / "index.html", *sorted((html_book / "chapters").rglob("*.html"))]
    offers = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        own = page.relative_to(html_book).with_suffix(".ipynb").as_posix()
        offers[own] = (f"_sources/{own}\"" in html, 'class="mibook-rerun"' in html)
    assert [page for page, (notebook, rerun) in offers.items() if notebook != rerun] == []
    assert {notebook for notebook, _ in offers.values()} == {True, False}
