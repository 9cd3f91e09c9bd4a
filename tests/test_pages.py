"""What generated pages share (mibook.pages): the appendix pages' names, the static files they load, the
HTML + markdown output, and the filterable list whose markup the ledger script runs."""

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from mibook import pages

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "_ext" / "static"
APPENDIX_PAGE = "chapters/appendix/claims-ledger.html"  # every generated page sits beside it


class _Elements(HTMLParser):
    """Every start tag of a fragment as (tag, attributes), and the text inside each element with a class."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag not in ("link", "input", "br"):
            self._open.append(attributes.get("class", ""))

    def handle_endtag(self, tag):
        if tag not in ("link", "input", "br") and self._open:
            self._open.pop()

    def handle_data(self, data):
        for name in self._open:
            if name:
                self.texts[name] = self.texts.get(name, "") + data

    def find(self, tag: str, **wanted) -> list[dict]:
        """The attributes of every `tag` element with these attribute values (`data_x` for `data-x`,
        `class_` for `class`)."""
        names = {k: "class" if k == "class_" else k.replace("_", "-") for k in wanted}
        return [a for t, a in self.elements if t == tag and all(a.get(names[k]) == v for k, v in wanted.items())]


def _parsed(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    return parser


def test_page_names_are_the_generated_pages_the_table_of_contents_builds():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = re.findall(r"'file': '([^']+)'", str(toc))
    for name in (pages.LEDGER_PAGE, pages.SOURCE_PAGE, pages.CHECKS_PAGE):
        assert f"chapters/appendix/{name.removesuffix('.html')}" in files, name
        assert (ROOT / "chapters" / "appendix" / name.replace(".html", ".md")).is_file(), name


def test_the_appendix_pages_load_the_ledger_script_and_style_from_the_static_folder():
    for name in (pages.LEDGER_SCRIPT, pages.APPENDIX_CSS):
        address = posixpath.normpath(posixpath.join(posixpath.dirname(APPENDIX_PAGE), pages.STATIC + name))
        assert address == f"_static/{name}" and (STATIC / name).is_file(), address


def test_markup_is_one_output_for_both_editions():
    bundle = pages.Markup("<p>web</p>", "print", plain="<3 rows>")._repr_mimebundle_()
    assert bundle == {"text/html": "<p>web</p>", "text/markdown": "print", "text/plain": "<3 rows>"}
    assert pages.Markup("<p>web</p>", "print")._repr_mimebundle_()["text/plain"] == "<appendix>"


def test_the_filterable_list_has_every_hook_the_ledger_script_reads():
    items = '<p data-mibook-item="" data-theme="trade">one</p><p data-mibook-item="" data-theme="energy">two</p>'
    markup = pages.filterable(items, 2, '<option value="trade">Trade</option>', 'words "quoted"', "claim",
                              pages.sort_bar([("theme", "Theme"), ("type", "Type")]), extra_class=" mibook-extra")
    page = _parsed(markup)
    script = (STATIC / pages.LEDGER_SCRIPT).read_text(encoding="utf-8")
    for selector in re.findall(r'querySelector\("\.([\w-]+)"\)', script):
        assert any(selector in a.get("class", "").split() for _, a in page.elements), selector
    (ledger,) = page.find("div", data_mibook_ledger="")
    assert ledger["class"] == "mibook-ledger mibook-extra" and ledger["data-noun"] == "claim"
    (controls,) = page.find("div", class_="mibook-ledger-controls")
    assert "hidden" in controls  # shown by the script, so a page without it shows no dead controls
    (search,) = page.find("input", type="search")
    assert search["class"] == "mibook-ledger-search" and search["placeholder"] == 'words "quoted"'
    assert search["autocomplete"] == "off"
    assert page.find("option", value="") and page.find("option", value="trade")
    assert page.texts["mibook-ledger-theme"] == "All themesTrade"
    assert page.texts["mibook-ledger-count"] == "2 of 2 claims"
    assert page.find("span", class_="mibook-ledger-count", aria_live="polite")
    assert page.find("button", type="button", data_sort_key="theme")
    assert page.texts["mibook-ledger-sorts"] == "Sort by Theme Type"
    assert page.find("script", src=pages.STATIC + pages.LEDGER_SCRIPT)
    assert page.find("link", rel="stylesheet", href=pages.STATIC + pages.APPENDIX_CSS)
    assert markup.index(items) > markup.index("mibook-ledger-count")  # the items follow the controls


def test_sort_buttons_escape_their_key_and_label():
    button = pages.sort_button('a"b', "<x>")
    assert _parsed(button).find("button", type="button", data_sort_key='a"b', class_="mibook-sort")
    assert "<x>" not in button and "&lt;x&gt;" in button


def test_a_filterable_list_without_sort_buttons_has_only_its_search_theme_and_count():
    markup = pages.filterable('<p data-mibook-item="">one</p>', 1, "", "words", "claim")
    page = _parsed(markup)
    (ledger,) = page.find("div", data_mibook_ledger="")
    assert ledger["class"] == "mibook-ledger" and not page.find("button")
    assert page.texts["mibook-ledger-controls"].split() == ["Search", "Theme", "All", "themes", "1", "of", "1", "claim"]


def test_lists_read_as_prose():
    assert [pages.listed(items) for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "", "a", "a and b", "a, b and c"]
    clauses = ["a, x", "b, y", "c"]
    assert pages.listed(clauses, "; ", "; and ") == "a, x; b, y; and c"
    assert pages.listed(clauses[:2], "; ", "; and ") == "a, x and b, y"
    assert pages.listed(iter(["a", "b", "c"])) == "a, b and c", "any iterable, read once"
