"""Every internal link and anchor in the built HTML resolves; external links are few and listed; a crafted
link (a malformed percent-escape in the hash) breaks no page script."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from mibook import load
from tests.browser import serve

pytestmark = pytest.mark.book

MALFORMED_HASH = "#%E0%A4%A"  # decodeURIComponent throws "URI malformed" on it

# The only places the book links off-site (links, not requests: nothing is fetched from them).
ALLOWED_EXTERNAL = ("https://creativecommons.org/", "https://www.sphinx-doc.org/", "https://jupyterbook.org",
                    "https://github.com/executablebooks/", "https://ebp.jupyterbook.org", "https://vega.github.io/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _pages(html_book: Path) -> list[Path]:
    pages = sorted(p for p in html_book.rglob("*.html") if "_static" not in p.parts)
    assert pages, f"no built pages under {html_book}"
    return pages


def test_internal_links_and_anchors_resolve(html_book):
    pages = _pages(html_book)
    parsed = {page: _parse(page) for page in pages}
    broken, external = [], set()
    for page, links in parsed.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                external.add(href)
                continue
            if parts.scheme in ("mailto", "javascript", "data"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html_book)}: {href} (no file)")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if anchor not in ids:
                    broken.append(f"{page.relative_to(html_book)}: {href} (no anchor)")
    assert broken == []
    sources = set(load.tables()["sources"].url.dropna())  # context: each outside source a check names
    unexpected = sorted(u for u in external if not u.startswith(ALLOWED_EXTERNAL) and u not in sources)
    assert unexpected == [], "new external links: list them in ALLOWED_EXTERNAL if intended"


@pytest.mark.browser
def test_a_malformed_hash_breaks_no_page(browser, html_book):
    errors = []
    context = browser.new_context()
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    with serve(html_book) as site:
        for path in _pages(html_book):
            page.goto(f"{site}/{path.relative_to(html_book).as_posix()}{MALFORMED_HASH}", wait_until="load")
            page.evaluate("hash => { location.hash = 'c-trade-01'; location.hash = hash; }", MALFORMED_HASH)
            page.wait_for_timeout(50)  # let the hashchange handlers run
    context.close()
    assert errors == []
