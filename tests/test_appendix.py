"""The appendices are generated from the data: dictionary, ledger, source text, method tables, downloads."""

import csv
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import zipfile
from html.parser import HTMLParser
from importlib import metadata

import pandas as pd
import pytest

from mibook import appendix, article, load, paths
from mibook.datafiles import ARTICLE_PATH
from mibook.metadata import attribution
from mibook.tables import markdown_escape
from tests.browser import PageRecorder, serve

ROOT = paths.PROJECT_ROOT
STATIC = ROOT / "_ext" / "static"
HOSTILE = '<script>alert(1)</script> & "x" 50% $y_1$ {#} ~^\\'


@pytest.fixture(scope="module")
def data() -> load.Tables:
    return load.tables()


def rendered(markdown: str):
    """The markdown output parsed as MyST, as the LaTeX build parses it: (doctree, raw nodes)."""
    from docutils import nodes
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    doctree = publish_doctree(markdown, parser=Parser(), settings_overrides={"warning_stream": False})
    return doctree, list(doctree.findall(nodes.raw))


class Ids(HTMLParser):
    """Every id and href in an HTML fragment."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])


# --- data dictionary ------------------------------------------------------------------------------


def test_dictionary_lists_every_table_and_field(data):
    page = appendix.data_dictionary(data)
    html_text, markdown = page.html(), page.markdown()
    text = rendered(markdown)[0].astext()
    for resource in data.package.resources.values():
        assert f'id="table-{resource.name}"' in html_text
        assert f'<td data-label="File">{resource.path}</td>' in html_text
        assert resource.title in text and resource.description in text
        for field in resource.fields:
            assert f'<td data-label="Field">{field.name}</td>' in html_text, f"{resource.name}.{field.name}"
            assert markdown_escape(field.name) in markdown and field.description in text
            for value in field.enum or []:
                assert value in html_text
        rows = len(data[resource.name])
        assert f"<dt>Rows</dt><dd><code>{rows}</code></dd>" in html_text


def test_dictionary_states_keys_and_constraints(data):
    html_text = appendix.data_dictionary(data).html()
    assert "claim_id → claims.claim_id" in html_text
    assert "source → actors.actor_id" in html_text
    assert "one of: bilateral, afghanistan, defence, energy, trade, sco-cpec" in html_text
    assert "at least 10 characters" in html_text
    assert "matches c-(bilateral|afghanistan|defence|energy|trade|sco-cpec)-[0-9]{2}" in html_text


def test_dictionary_summary_links_each_table_to_its_section(data):
    html_text = appendix.data_dictionary(data).html()
    for name in data.package.resources:
        assert f'<td data-label="Table"><a href="#table-{name}">{name}</a></td>' in html_text


def test_constraint_text_reads_as_words():
    text = appendix.constraint_text({"required": True, "unique": True, "minimum": 1, "enum": ["a", "b"],
                                     "pattern": "x-[0-9]+", "maxLength": 5})
    assert text == "unique; at least 1; one of: a, b; matches x-[0-9]+; at most 5 characters"


def test_a_field_added_to_the_schema_appears_in_the_dictionary(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    claims["schema"]["fields"].append({
        "name": "reviewer", "type": "string", "description": "Who checked the quote (a test field).",
        "constraints": {"required": True, "enum": ["alice", "bob"]},
    })
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    with open(folder / "claims.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*rows[0], "reviewer"])
    writer.writerows([*row, "alice"] for row in rows[1:])
    (folder / "claims.csv").write_text(out.getvalue(), encoding="utf-8", newline="")

    changed = appendix.data_dictionary(folder).html()
    assert ('<td data-label="Field">reviewer</td><td data-label="Type">string</td><td data-label="Required">yes</td>'
            '<td data-label="Constraints">one of: alice, bob</td>') in changed
    assert "Who checked the quote (a test field)." in changed
    assert "reviewer" not in appendix.data_dictionary().html()


# --- claims ledger --------------------------------------------------------------------------------


def test_every_claim_is_a_ledger_row_linked_to_its_paragraph(data):
    claims = data["claims"]
    parsed = Ids(appendix.claims_ledger(data).html())
    assert sorted(i for i in parsed.ids if i.startswith("c-")) == sorted(claims.claim_id)
    numbers = {p.number for p in data.paragraphs}
    paragraph_links = [h for h in parsed.hrefs if h.startswith("source.html#")]
    assert len(paragraph_links) == len(claims)
    assert {int(h.rsplit("-", 1)[1]) for h in paragraph_links} <= numbers
    for claim in claims.itertuples():
        assert re.search(rf'<tr id="{claim.claim_id}" data-theme="{claim.theme}" data-mibook-item="">.*?'
                         rf'href="source.html#p-{claim.paragraph}"', appendix.claims_ledger(data).html())


def test_ledger_has_local_controls_and_a_theme_for_each_chapter(data):
    html_text = appendix.claims_ledger(data).html()
    assert 'class="mibook-ledger-search"' in html_text and 'class="mibook-ledger-theme"' in html_text
    for theme, count in data["claims"].theme.value_counts().items():
        if count:
            assert f'<option value="{theme}">' in html_text
    total = len(data["claims"])
    assert html_text.count("data-mibook-item") == total
    assert f'aria-live="polite">{total} of {total} claims</span>' in html_text  # before the script counts
    scripts = re.findall(r'<script src="([^"]+)"', html_text)
    assert scripts == ["../../_static/mibook-ledger.js"]
    assert (STATIC / "mibook-ledger.js").is_file() and (STATIC / "mibook-appendix.css").is_file()


def test_ledger_javascript_is_local_and_self_contained():
    script = (STATIC / "mibook-ledger.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://|//cdn|import\s|require\(|fetch\(", script)


def test_ledger_lists_claims_in_article_order(data):
    ledger = appendix.ClaimsLedger(data["claims"].iloc[::-1], data.paragraphs)  # reversed within each ¶ too
    texts = {p.number: article.normalise(p.text) for p in data.paragraphs}
    previous = (0, -1)
    for claim in ledger.claims.itertuples():
        here = (int(claim.paragraph), texts[int(claim.paragraph)].find(article.normalise(claim.quote)))
        assert here[1] >= 0 and here >= previous, claim.claim_id
        previous = here
    assert ledger.claims.claim_id.iloc[0] == "c-bilateral-01"


def test_ledger_for_print_is_one_plain_longtable_with_every_claim(data):
    markdown = appendix.claims_ledger(data).markdown()
    assert markdown.count("```{list-table}") == 1 and ":class: longtable" in markdown
    doctree, raw = rendered(markdown)
    assert raw == []
    text = doctree.astext()
    for claim in data["claims"].itertuples():
        assert claim.claim_id in text and " ".join(claim.quote.split()) in text


def crafted_claims() -> pd.DataFrame:
    return pd.DataFrame({
        "claim_id": ['c-x-01"><img src=x onerror=alert(2)>'], "paragraph": [1], "quote": [HOSTILE],
        "theme": ["trade"], "claim_type": ["<b>figure</b>"], "speaker": ["author & co"],
        "summary": [HOSTILE], "note": [None],
    })


def test_ledger_escapes_everything():
    ledger = appendix.ClaimsLedger(crafted_claims())
    html_text = ledger.html()
    assert "<script>alert" not in html_text and "<img" not in html_text and "<b>" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; 50%" in html_text
    assert 'id="c-x-01&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"' in html_text
    doctree, raw = rendered(ledger.markdown())
    assert raw == [] and HOSTILE in doctree.astext()


# --- the source text ------------------------------------------------------------------------------


def test_source_anchors_every_paragraph_and_links_every_claim(data):
    source = appendix.source_text(data).html()
    parsed = Ids(source)
    assert [i for i in parsed.ids if i.startswith("p-")] == [f"p-{p.number}" for p in data.paragraphs]
    links = [h for h in parsed.hrefs if h.startswith("claims-ledger.html#")]
    assert sorted(h.split("#")[1] for h in links) == sorted(data["claims"].claim_id)


def test_source_claims_sit_under_their_own_paragraph(data):
    source = appendix.source_text(data).html()
    blocks = re.split(r'(?=<div class="mibook-source-paragraph" id="p-)', source)[1:]
    for claim in data["claims"].itertuples():
        (block,) = [b for b in blocks if f'href="claims-ledger.html#{claim.claim_id}"' in b]
        assert block.startswith(f'<div class="mibook-source-paragraph" id="p-{claim.paragraph}"')


def test_source_is_the_article_without_chrome(data):
    text = (data.package.data_dir / ARTICLE_PATH).read_text(encoding="utf-8")
    source = appendix.source_text(data)
    html_text, text = source.html(), rendered(source.markdown())[0].astext()
    assert source.title == article.title(text) and source.byline.startswith("By ")
    assert "Leave a Reply" not in html_text and "bloggers like this" not in html_text
    for paragraph in data.paragraphs:
        assert appendix._e(paragraph.text) in html_text
        assert f"¶{paragraph.number}" in text and " ".join(paragraph.text.split()) in text
    note = data.paragraphs[-1]
    assert note.kind == "author-note" and f'id="p-{note.number}" data-kind="author-note"' in html_text


def test_every_ledger_paragraph_link_has_an_anchor_on_the_source_page(data):
    anchors = set(Ids(appendix.source_text(data).html()).ids)
    for href in Ids(appendix.claims_ledger(data).html()).hrefs:
        if href.startswith("source.html#"):
            assert href.split("#")[1] in anchors


def test_source_escapes_everything():
    paragraphs = [article.Paragraph(1, HOSTILE, "body"), article.Paragraph(2, "<i>note</i>", "author-note")]
    source = appendix.SourceText("<title>", "By <b>", paragraphs, crafted_claims())
    html_text = source.html()
    assert "<script>" not in html_text and "<i>" not in html_text and "<title>" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    doctree, raw = rendered(source.markdown())
    assert raw == [] and HOSTILE in doctree.astext() and "<i>note</i>" in doctree.astext()


# --- the method page ------------------------------------------------------------------------------


def test_numbering_matches_the_article(data):
    facts = appendix.numbering(data)
    assert (facts["first_body"], facts["last_body"], facts["author_note"]) == ("¶1", "¶10", "¶11")
    assert facts["claims_total"] == len(data["claims"])
    assert facts["claims_with_note"] == int(data["claims"].note.notna().sum())


def test_attribution_comes_from_the_bibliography():
    assert attribution() == {
        "source_author": "Sitwat Waqar Bokhari", "source_year": "2019",
        "source_publisher": "Center for Research and Security Studies (CRSS)",
    }


def test_date_rules_cover_every_event(data):
    table = appendix.date_rules(data).frame
    events = data["events"]
    listed = {e for cell in table.Events for e in cell.split(", ")}
    assert listed == set(events.event_id)
    assert set(table["The article says"]) == set(events.date_label)
    undated = table[table.Precision == "unstated"]
    assert (undated.From == "").all() and (undated.To == "").all()
    mid = table[table["The article says"] == "mid-2017"].iloc[0]
    assert (mid.From, mid.To) == ("2017-01-01", "2017-12-31")


def test_versions_are_read_from_the_environment():
    table = appendix.versions().frame
    found = dict(zip(table.Package, table.Version, strict=True))
    for name in appendix.VERSIONED:
        assert found[name] == metadata.version(name)
    assert re.fullmatch(r"3\.\d+\.\d+.*", found["Python"])


def test_chapter_pages_follow_the_table_of_contents(tmp_path):
    (tmp_path / "chapters" / "appendix").mkdir(parents=True)
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n  - chapters:\n      - file: chapters/b\n      - file: chapters/a\n"
        "      - file: chapters/stub\n      - file: chapters/appendix/method\n", encoding="utf-8")
    notebook = "---\nkernelspec:\n  name: python3\n---\n\n# Title {name}\n"
    for name in ("a", "b"):
        (tmp_path / "chapters" / f"{name}.md").write_text(notebook.replace("{name}", name), encoding="utf-8")
    (tmp_path / "chapters" / "stub.md").write_text("# Stub\n", encoding="utf-8")
    (tmp_path / "chapters" / "appendix" / "method.md").write_text(notebook, encoding="utf-8")
    assert appendix.chapter_pages(tmp_path) == [("chapters/b", "Title b"), ("chapters/a", "Title a")]
    assert appendix.chapter_pages(tmp_path, appendices=True)[-1] == ("chapters/appendix/method", "Title {name}")
    links = Ids(appendix.downloads(tmp_path).html()).hrefs
    assert links == [appendix.DATA_ZIP_URL, appendix.KIT_ZIP_URL, "../../_sources/chapters/b.ipynb",
                     "../../_sources/chapters/a.ipynb"]


# --- the data download ----------------------------------------------------------------------------


def test_data_zip_holds_the_whole_package(tmp_path, data):
    target = appendix.write_data_zip(tmp_path / appendix.DATA_ZIP)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert all(info.date_time == appendix.ZIP_TIMESTAMP for info in archive.infolist())
        folder = data.package.data_dir
        expected = {"datapackage.json", "README.md", ARTICLE_PATH, *(r.path for r in data.package.resources.values())}
        assert {n.split("/", 1)[1] for n in names} == expected
        for name in names:
            assert archive.read(name) == (folder / name.split("/", 1)[1]).read_bytes()


def test_data_zip_is_reproducible(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    first = appendix.write_data_zip(tmp_path / "one.zip", copy).read_bytes()
    for path in copy.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # other timestamps, same content
    second = appendix.write_data_zip(tmp_path / "two.zip", copy).read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


# --- in a browser: the ledger's filter and sort, offline -------------------------------------------


@pytest.fixture(scope="module")
def ledger_site(tmp_path_factory, data):
    """The ledger fragment on a page at the book's path, with the book's static files beside it."""
    root = tmp_path_factory.mktemp("ledger-site")
    page = root / "chapters" / "appendix" / "claims-ledger.html"
    page.parent.mkdir(parents=True)
    head = "<meta charset='utf-8'><link rel='icon' href='data:,'><title>Ledger</title>"
    page.write_text(f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>"
                    f"{appendix.claims_ledger(data).html()}</body></html>", encoding="utf-8")
    shutil.copytree(STATIC, root / "_static")
    with serve(root) as base:
        yield f"{base}/chapters/appendix/claims-ledger.html"


@pytest.mark.browser
def test_ledger_filters_and_sorts_offline(ledger_site, data, browser):
    claims = data["claims"]
    page = browser.new_page()
    recorder = PageRecorder(page, ledger_site.split("/chapters/")[0])
    page.goto(ledger_site)
    page.wait_for_selector("[data-ledger-ready=true]")
    assert page.is_visible(".mibook-ledger-controls")

    def visible() -> list[str]:
        return page.eval_on_selector_all("tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.id)")

    assert len(visible()) == len(claims)
    page.select_option(".mibook-ledger-theme", "energy")
    assert sorted(visible()) == sorted(claims[claims.theme == "energy"].claim_id)
    assert page.text_content(".mibook-ledger-count") == f"{len(visible())} of {len(claims)} claims"
    page.select_option(".mibook-ledger-theme", "")
    page.fill(".mibook-ledger-search", "OPIUM supply")
    expected = claims[claims.quote.str.lower().str.contains("opium supply")].claim_id
    assert visible() == list(expected) and len(expected) == 1
    assert page.text_content(".mibook-ledger-count") == f"1 of {len(claims)} claims"  # the noun counts the list
    page.fill(".mibook-ledger-search", "")

    page.click("th:nth-child(2) button")  # ¶, ascending: article order
    page.click("th:nth-child(2) button")  # ¶, descending
    order = page.eval_on_selector_all("tbody tr", "rows => rows.map(r => r.id)")
    assert order == list(appendix.claims_ledger(data).claims.claim_id[::-1])
    assert page.get_attribute("th:nth-child(2)", "aria-sort") == "descending"

    page.select_option(".mibook-ledger-theme", "energy")
    page.evaluate("location.hash = 'c-trade-01'")  # a link to a filtered-out claim clears the filter
    page.wait_for_function("!document.getElementById('c-trade-01').hidden")
    page.close()
    assert recorder.off_host() == [] and recorder.failures == [] and recorder.errors == []


# --- in the built book ----------------------------------------------------------------------------


@pytest.mark.book
def test_built_ledger_and_source_pages_link_both_ways(html_book, data):
    ledger = (html_book / "chapters" / "appendix" / "claims-ledger.html").read_text(encoding="utf-8")
    source = (html_book / "chapters" / "appendix" / "source.html").read_text(encoding="utf-8")
    ledger_ids, source_ids = set(Ids(ledger).ids), set(Ids(source).ids)
    for claim in data["claims"].itertuples():
        assert claim.claim_id in ledger_ids
        assert f'href="claims-ledger.html#{claim.claim_id}"' in source
        assert f"p-{claim.paragraph}" in source_ids
    assert {f"p-{p.number}" for p in data.paragraphs} <= source_ids
    for name in ("mibook-ledger.js", "mibook-appendix.css"):
        assert (html_book / "_static" / name).is_file()


@pytest.mark.book
def test_every_claim_link_in_the_chapters_lands_on_a_ledger_row(html_book):
    ledger = html_book / "chapters" / "appendix" / "claims-ledger.html"
    rows = set(Ids(ledger.read_text(encoding="utf-8")).ids)
    links = 0
    for page in sorted((html_book / "chapters").glob("*.html")):
        for href in Ids(page.read_text(encoding="utf-8")).hrefs:
            if "claims-ledger.html#" in href:
                target, anchor = href.split("#")
                assert (page.parent / target).resolve() == ledger.resolve(), f"{page.name}: {href}"
                assert anchor in rows, f"{page.name} links to {href}, which is not a ledger row"
                links += 1
    assert links


@pytest.mark.book
def test_built_method_page_offers_data_and_notebooks(html_book):
    page = html_book / "chapters" / "appendix" / "method.html"
    links = Ids(page.read_text(encoding="utf-8")).hrefs
    downloads = [h for h in links if h.endswith((".zip", ".ipynb"))]
    assert appendix.DATA_ZIP_URL in downloads and any(h.endswith("overview.ipynb") for h in downloads)
    for href in downloads:
        assert (page.parent / href).resolve().is_file(), f"method page links to missing {href}"
    with zipfile.ZipFile((page.parent / appendix.DATA_ZIP_URL).resolve()) as archive:
        assert "moscow-islamabad-data/datapackage.json" in archive.namelist()


@pytest.mark.book
def test_every_chapter_download_menu_offers_its_executed_notebook(html_book):
    for doc, _ in appendix.chapter_pages():
        page = (html_book / f"{doc}.html").read_text(encoding="utf-8")
        match = re.search(r'href="([^"]+\.ipynb)"[^>]*\n?\s*class="[^"]*btn-download-notebook-button', page)
        assert match, f"{doc}: no .ipynb in the download menu"
        notebook = (html_book / doc).parent / match.group(1)
        cells = json.loads(notebook.resolve().read_text(encoding="utf-8"))["cells"]
        assert any(c["cell_type"] == "code" and c.get("outputs") for c in cells), f"{doc}: notebook not executed"


# --- generated at build time, without a kernel ----------------------------------------------------

def reading_extension():
    spec = importlib.util.spec_from_file_location("mibook_reading", ROOT / "_ext" / "mibook_reading.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATED_PAGES = {"data-dictionary": "data-dictionary", "claims-ledger": "claims-ledger", "source": "source-text"}


def test_raw_html_links_each_paragraph_mark_once_and_never_inside_a_link_button_or_code():
    """A "¶N" already inside a link (or a button, or code) stays as it is: a link inside a link is invalid HTML
    and reads as two links; text beside them is linked."""
    link = reading_extension().link_raw_html
    untouched = ('<a href="ledger.html#c-trade-01">¶4</a> <button>¶4</button> <code>¶4</code> '
                 '<script>var x = "¶4";</script>')
    assert link(untouched, "source.html") == untouched
    assert link("<p>as ¶4 says</p>", "source.html") == (
        '<p>as <a class="mibook-pref" href="source.html#p-4">¶4</a> says</p>')


@pytest.mark.book
def test_generated_pages_are_built_without_a_kernel(html_book, data):
    from myst_nb.core.read import is_myst_markdown_notebook

    for page, name in GENERATED_PAGES.items():
        source = (ROOT / "chapters" / "appendix" / f"{page}.md").read_text(encoding="utf-8")
        assert not is_myst_markdown_notebook(source), f"{page}.md is a notebook: it would start a kernel"
        assert not (html_book.parent / "jupyter_execute" / "chapters" / "appendix" / f"{page}.ipynb").exists()
        built = (html_book / "chapters" / "appendix" / f"{page}.html").read_text(encoding="utf-8")
        generated = appendix.GENERATED[name](data).html()
        if page != "source":  # the build links each ¶N to the source page (_ext/mibook_reading.py)
            generated = reading_extension().link_raw_html(generated, "source.html")
        assert generated in built, page
    method = (html_book / "chapters" / "appendix" / "method.html").read_text(encoding="utf-8")
    assert appendix.versions().html() in method


@pytest.mark.book
def test_generated_prose_numbers_come_from_the_data(html_book, data):
    facts = appendix.facts(data)
    ledger, source = (re.sub(r"\s+", " ", (html_book / "chapters" / "appendix" / f"{page}.html").read_text("utf-8"))
                      for page in ("claims-ledger", "source"))
    assert f"lists all {facts['claims_total']} of them" in ledger
    assert f"body runs from {facts['first_body']} to {facts['last_body']}, and {facts['author_note']} is" in source
    assert f"by {facts['source_author']}, published by the {facts['source_publisher']}" in source


@pytest.mark.pdf
def test_the_pdf_prints_the_annotated_source_and_leaves_reference_tables_online(pdf_book, data):
    from pypdf import PdfReader

    def squeezed(text: str) -> str:  # line breaks and hyphenation aside
        return re.sub(r"[\s\-‐]+", "", text)

    text = squeezed(" ".join(page.extract_text() for page in PdfReader(pdf_book).pages))
    for claim_id in data["claims"].claim_id:  # the one evidence listing quotes by ¶: no ids without a ledger
        assert squeezed(claim_id) not in text, claim_id
    assert squeezed(data["claims"].quote.iloc[-1])[:60] in text
    for resource in data.package.resources.values():  # the data dictionary stays in the HTML book
        assert squeezed(f"{resource.title} ({resource.name})") not in text, resource.name
    assert squeezed(f"vl-convert-python {metadata.version('vl-convert-python')}") not in text


def _appendix_extension():
    """_ext/mibook_appendix.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("mibook_appendix", paths.PROJECT_ROOT / "_ext" / "mibook_appendix.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_generated_page_records_the_reads_of_every_block_on_it(data_copy, monkeypatch):
    """A page with several generated blocks (a fact, then a table) is re-read when what any of them read
    changes: its record holds every block's reads, not the last block's only; another page's are its own."""
    from types import SimpleNamespace

    extension = _appendix_extension()
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data_copy))
    env = SimpleNamespace(docname="chapters/appendix/one")
    with extension._noting_reads(env):
        load.tables()["mou_aims"]
    with extension._noting_reads(env):
        load.tables()["poles"]
    env.docname = "chapters/appendix/two"
    with extension._noting_reads(env):
        load.tables()["claims"]
    assert set(env.mibook_data_reads["chapters/appendix/one"]) == {"mou_aims", "poles"}
    assert set(env.mibook_data_reads["chapters/appendix/two"]) == {"claims"}
    assert extension._reads_changed(env) == []
    (data_copy / "mou_aims.csv").write_text((data_copy / "mou_aims.csv").read_text(encoding="utf-8")
                                            .replace(",joint ventures,aim,", ",joint ventures,purpose,"),
                                            encoding="utf-8")
    assert extension._reads_changed(env) == ["chapters/appendix/one"]


def test_prose_links_only_the_body_paragraphs_of_the_article(data):
    """In prose, "¶N" becomes a link (with its words on hover) only for a body paragraph: the author note
    and a number the article does not have stay plain text, and the text reads as before."""
    from docutils import nodes

    body = [p.number for p in data.paragraphs if p.kind == "body"]
    note = next(p.number for p in data.paragraphs if p.kind == "author-note")
    text = f"See ¶{body[-1]}, ¶{note} and ¶{note + 40}; also ¶{body[0]}."
    paragraph = nodes.paragraph()
    paragraph += nodes.Text(text)
    reading_extension().EvidenceLinks._link(paragraph.children[0], "source.html")
    links = [(ref.astext(), ref["refuri"]) for ref in paragraph.findall(nodes.reference)]
    assert links == [(f"¶{body[-1]}", f"source.html#p-{body[-1]}"), (f"¶{body[0]}", f"source.html#p-{body[0]}")]
    assert paragraph.astext() == text


def test_the_date_rules_list_the_article_dates_in_the_order_of_its_events(data):
    """One row per wording, by date (the undated last), not alphabetically."""
    rules = appendix.date_rules(data).frame
    events = data["events"].sort_values(["date_start", "event_id"], na_position="last")
    first_seen = list(dict.fromkeys(events.date_label.astype(str)))
    assert list(rules["The article says"]) == first_seen
    assert first_seen != sorted(first_seen)  # the test means something: alphabetical order would differ


def test_each_source_paragraph_counts_its_claims_in_words_that_agree(data):
    """"0 claims", "1 claim", "4 claims": the count under each paragraph, singular only for one."""
    source = appendix.source_text(data).html()
    counts = {int(n): int(c) for n, c in re.findall(
        r'id="p-(\d+)".*?<summary>(\d+) claims?</summary>', source, re.S)}
    per_paragraph = data["claims"].paragraph.value_counts()
    assert counts == {p.number: int(per_paragraph.get(p.number, 0)) for p in data.paragraphs}
    for number, count in counts.items():
        noun = "claim" if count == 1 else "claims"
        assert re.search(rf'id="p-{number}".*?<summary>{count} {noun}</summary>', source, re.S)
    assert 0 in counts.values() and 1 in counts.values()  # both forms are exercised



def test_source_paragraphs_with_claims_open_their_list_and_the_author_note_stays_closed(data):
    from mibook import appendix

    page = appendix.source_text(data).html()
    opened, closed = page.count("<details open"), page.count("<details>")
    with_claims = sum(1 for p in appendix.source_text(data).paragraphs if p.kind != "author-note")
    assert opened == with_claims and closed >= 1


def test_a_checked_label_names_the_verdict_and_links_its_check():
    assert appendix.check_links([("k-x", "partly consistent")]) == (
        ' <a class="mibook-checked" href="checks.html#k-x">Checked: partly consistent</a>')
    assert appendix.check_links([]) == ""
    assert appendix.check_links([("k-1", "consistent"), ("k-2", "inconsistent")]) == (
        ' <a class="mibook-checked" href="checks.html#k-1">Checked: consistent</a>'
        ' <a class="mibook-checked" href="checks.html#k-2">Checked: inconsistent</a>')


# --- each generator on small, hand-made inputs (fast; issue 25's mutation run pins each) -----------------

def test_constraint_text_words_every_kind_of_constraint_in_the_schemas_order():
    text = appendix.constraint_text({"required": False, "unique": False, "maximum": 9, "minimum": 0, "minLength": 2,
                                     "format": "email", "maxLength": 5, "enum": [1, "b"]})
    assert text == ("may repeat; at most 9; at least 0; at least 2 characters; format: email; at most 5 characters; "
                    "one of: 1, b")
    assert appendix.constraint_text({"required": True}) == ""


def _resource(foreign_keys=(), primary_key=("event_id",), fields=()):
    from mibook.schema import Resource

    return Resource("events", "events.csv", "Events", "One row per event.", fields, primary_key, foreign_keys)


def test_a_foreign_key_reads_field_arrow_table_field_and_a_self_reference_names_its_own_table():
    keys = ({"fields": "claim_id", "reference": {"resource": "claims", "fields": "claim_id"}},
            {"fields": ["a", "b"], "reference": {"resource": "", "fields": ["x", "y"]}},
            {"fields": "parent", "reference": {"fields": "event_id"}})
    assert appendix.foreign_key_text(_resource(keys)) == [
        "claim_id → claims.claim_id", "a, b → events.x, y", "parent → events.event_id"]


def test_the_field_table_says_yes_or_no_for_required_and_words_the_constraints():
    from mibook.schema import Field

    fields = (Field("event_id", "string", "Id.", {"required": True, "unique": True}),
              Field("note", "string", "A note.", {"maxLength": 3}))
    frame = appendix.field_frame(_resource(fields=fields))
    assert frame.to_dict("records") == [
        {"Field": "event_id", "Type": "string", "Required": "yes", "Constraints": "unique", "Description": "Id."},
        {"Field": "note", "Type": "string", "Required": "no", "Constraints": "at most 3 characters",
         "Description": "A note."}]


def test_the_table_summary_counts_each_tables_rows(data):
    frame = appendix.tables_frame(data)
    assert list(frame.columns) == ["Table", "File", "Rows", "One row per"]
    assert frame.to_dict("records") == [
        {"Table": r.name, "File": r.path, "Rows": len(data[r.name]), "One row per": r.description}
        for r in data.package.resources.values()]
    assert frame.set_index("Table").Rows["claims"] == 49


def test_the_dictionary_page_opens_with_the_package_and_a_linked_summary(data):
    page = appendix.data_dictionary(data)
    descriptor = data.package.descriptor
    html_text = page.html()
    assert html_text.startswith('<link rel="stylesheet" href="../../_static/mibook-appendix.css">'
                                '<div class="mibook-dictionary"><p class="mibook-dictionary-package"><strong>'
                                f'{appendix._e(descriptor["title"])}</strong>. {appendix._e(descriptor["description"])}'
                                '</p><div class="mibook-scroll"')
    assert html_text.endswith("</section></div>")
    # every table keeps the class its column widths hang on (mibook-appendix.css), cards or not
    classes = re.findall(r'<table class="([^"]*)"', html_text)
    assert classes[0] == "mibook-table mibook-dictionary-summary mibook-cards"
    assert [c.split()[:2] for c in classes[1:]] == [["mibook-table", "mibook-dictionary-fields"]] * len(
        data.package.resources)
    claims = data.package.resources["claims"]
    assert ('<section class="mibook-dictionary-table" id="table-claims"><h3>'
            f'{appendix._e(claims.title)} <code>claims</code></h3><p>{appendix._e(claims.description)}</p>'
            '<dl class="mibook-dictionary-keys"><dt>File</dt><dd><code>claims.csv</code></dd>'
            '<dt>Rows</dt><dd><code>49</code></dd><dt>Primary key</dt><dd><code>claim_id</code></dd>'
            '<dt>Foreign keys</dt><dd>none</dd></dl>') in html_text
    assert ("<dt>Foreign keys</dt><dd><code>claim_id → claims.claim_id; actor_id → actors.actor_id</code></dd>"
            in html_text)


def test_the_dictionary_in_print_and_as_plain_text(data):
    page = appendix.data_dictionary(data)
    markdown = page.markdown()
    descriptor = data.package.descriptor
    esc = markdown_escape
    assert markdown.startswith(f"**{esc(descriptor['title'])}**\\. {esc(descriptor['description'])}\n\n"
                               "```{list-table}")
    claims = data.package.resources["claims"]
    assert (f"**{esc(claims.title)} \\(claims\\)**\\. {esc(claims.description)}\n\n- File: claims\\.csv\n- Rows: 49\n"
            "- Primary key: claim\\_id\n- Foreign keys: none\n\n```{list-table}") in markdown
    bundle = page._repr_mimebundle_()
    assert bundle["text/plain"].split("\n")[0] == "claims: " + ", ".join(claims.field_names)
    assert len(bundle["text/plain"].split("\n")) == len(data.package.resources)


def test_a_table_without_a_primary_key_says_none(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    sources = next(r for r in descriptor["resources"] if r["name"] == "sources")
    del sources["schema"]["primaryKey"]
    checks = next(r for r in descriptor["resources"] if r["name"] == "checks")
    checks["schema"]["primaryKey"] = ["check_id", "claim_id"]
    del descriptor["title"], descriptor["description"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    page = appendix.data_dictionary(folder)
    assert '<dt>Primary key</dt><dd>none</dd><dt>Foreign keys</dt><dd>none</dd></dl>' in page.html()
    assert "- Primary key: none\n- Foreign keys: none" in page.markdown()
    assert '<p class="mibook-dictionary-package"><strong></strong>. </p>' in page.html()
    assert "<dt>Primary key</dt><dd><code>check_id, claim_id</code></dd>" in page.html()
    assert page.markdown().startswith("****\\. \n\n")


def test_only_the_first_table_class_is_extended_and_only_table_names_are_linked():
    table = '<table class="mibook-table"><tr><td data-label="Table">a_b-1</td></tr></table><table class="mibook-table">'
    assert appendix._with_class(table, "x") == table.replace('class="mibook-table"', 'class="mibook-table x"', 1)
    assert appendix._with_class('<table class="mibook-table mibook-cards">', "x") == (
        '<table class="mibook-table x mibook-cards">')
    assert appendix._with_class('<table class="mibook-tables">', "x") == '<table class="mibook-tables">'
    assert appendix._summary_html(table).startswith(
        '<table class="mibook-table"><tr><td data-label="Table"><a href="#table-a_b-1">a_b-1</a></td></tr>')
    assert appendix._summary_html('<tr><td data-label="File">a.csv</td>') == '<tr><td data-label="File">a.csv</td>'


def _claims(rows):
    columns = ["claim_id", "paragraph", "quote", "theme", "claim_type", "speaker", "summary", "note"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows], columns=columns)


PARAGRAPHS = [article.Paragraph(2, "Gamma delta. Alpha beta.", "body"), article.Paragraph(1, "One “two”.", "body"),
              article.Paragraph(3, "A note.", "author-note")]


def test_article_order_sorts_by_paragraph_then_where_the_quote_starts():
    claims = _claims([("c-4", 2, "Gamma delta.", "trade", "figure", "author", "s", None),
                      ("c-3", 2, "Alpha  beta.", "trade", "figure", "author", "s", None),
                      ("c-2", 1, 'One "two".', "energy", "event", "putin", "s", None),
                      ("c-5", 2, "Elsewhere", "trade", "figure", "author", "s", None),
                      ("c-1", 2, "Elsewhere", "trade", "figure", "author", "s", None)])
    ordered = appendix.article_order(claims, PARAGRAPHS)
    # ¶1 first; in ¶2 quotes not found (-1) lead, in their own order, then "Gamma" (0) before "Alpha" (13)
    assert list(ordered.claim_id) == ["c-2", "c-5", "c-1", "c-4", "c-3"]
    assert list(ordered.columns) == list(claims.columns)
    assert list(appendix.article_order(claims.iloc[[4, 3]], PARAGRAPHS).claim_id) == ["c-1", "c-5"]


def test_the_ledger_frame_names_types_and_speakers_for_readers():
    claims = _claims([("c-2", 2, "Alpha beta.", "trade", "figure", "janjua", "s", None),
                      ("c-1", 1, "One", "energy", "event", "nobody", "s", None)])
    ledger = appendix.ClaimsLedger(claims, PARAGRAPHS)
    assert ledger.frame().to_dict("records") == [
        {"Claim": "c-1", "¶": 1, "Theme": "energy", "Type": "Event", "Speaker": "nobody", "Quote": "One"},
        {"Claim": "c-2", "¶": 2, "Theme": "trade", "Type": "Figure",
         "Speaker": "Tehmina Janjua, Pakistan's Foreign Secretary (as reported)", "Quote": "Alpha beta."}]
    assert list(appendix.ClaimsLedger(claims).claims.claim_id) == ["c-2", "c-1"]  # no paragraphs: as given
    assert ledger._repr_mimebundle_() == {"text/html": ledger.html(), "text/markdown": ledger.markdown(),
                                          "text/plain": "<claims ledger: 2 claims>"}
    # the ledger's claims: the table's own columns, renumbered in their new order
    assert list(ledger.claims.columns) == list(claims.columns) and list(ledger.claims.index) == [0, 1]


def test_the_ledger_theme_menu_lists_themes_in_the_schemas_order_with_counts():
    claims = _claims([("c-1", 1, "a", "trade", "figure", "author", "s", None),
                      ("c-2", 1, "b", "energy", "figure", "author", "s", None),
                      ("c-3", 1, "c", "trade", "figure", "author", "s", None)])
    assert appendix.ClaimsLedger(claims).themes() == ["trade", "energy"]  # plain text: first seen
    claims["theme"] = pd.Categorical(claims.theme, categories=["bilateral", "energy", "trade"])
    ledger = appendix.ClaimsLedger(claims)
    assert ledger.themes() == ["energy", "trade"]  # categories in order, the empty one left out
    html_text = ledger.html()
    assert ('<option value="">All themes</option><option value="energy">Energy (1)</option>'
            '<option value="trade">Trade (2)</option></select>') in html_text


def test_a_ledger_row_carries_its_sort_keys_and_about_line():
    claims = _claims([("c-9", 2, "Gamma delta.", "trade", "figure", "author", "s", None),
                      ("c-8", 2, "Alpha beta.", "region", "assessment", "putin", "s", None)])
    html_text = appendix.ClaimsLedger(claims, PARAGRAPHS, {"c-8": [("k-1", "consistent")]}).html()
    assert ('<tr id="c-9" data-theme="trade" data-mibook-item=""><td data-label="Claim">'
            '<a class="claim-self mibook-id" href="#c-9" data-sort-by="claim">c-9</a><span class="mibook-ledger-about">'
            '<span class="mibook-about-theme" data-sort-by="theme">Trade</span>'
            '<span class="mibook-about-type" data-sort-by="type">Figure</span>'
            '<span class="mibook-about-speaker" data-sort-by="speaker">Sitwat Waqar Bokhari, the author</span></span>'
            '</td><td data-label="¶"><a href="source.html#p-2" data-sort-by="paragraph" data-sort="0000">¶2</a></td>'
            '<td data-label="Quote">Gamma delta.</td></tr>') in html_text
    assert ('<span class="mibook-about-theme" data-sort-by="theme">region</span>' in html_text
            and 'data-sort="0001">¶2</a>' in html_text)
    assert ('<a class="mibook-checked" href="checks.html#k-1">Checked: consistent</a></td>' in html_text)
    assert ('<thead><tr><th scope="col"><button type="button" class="mibook-sort" data-sort-key="claim">Claim'
            '</button></th><th scope="col"><button type="button" class="mibook-sort" data-sort-key="paragraph">¶'
            '</button></th><th scope="col">Quote</th></tr></thead>') in html_text
    assert ('<span class="mibook-ledger-sorts">Sort by <button type="button" class="mibook-sort" '
            'data-sort-key="theme">theme</button> <button type="button" class="mibook-sort" data-sort-key="type">type'
            '</button> <button type="button" class="mibook-sort" data-sort-key="speaker">speaker</button></span>'
            in html_text)
    assert 'class="mibook-table mibook-ledger-table"' in html_text and 'aria-label="Claims ledger"' in html_text
    assert 'placeholder="words, claim id, speaker…"' in html_text and 'data-noun="claim"' in html_text


def test_the_printed_ledger_names_themes_for_readers():
    claims = _claims([("c-1", 1, "a", "sco-cpec", "figure", "author", "s", None),
                      ("c-2", 1, "b", "region", "figure", "author", "s", None)])
    markdown = appendix.ClaimsLedger(claims).markdown()
    assert "  - SCO\\, CPEC and Eurasia\n" in markdown and "  - region\n" in markdown and "sco\\-cpec" not in markdown
    assert ":widths: 16 4 12 11 10 47" in markdown


def test_claims_by_check_lists_each_claims_checks_in_id_order():
    checks = pd.DataFrame({"check_id": ["k-2", "k-1", "k-3"], "claim_id": ["c-a", "c-a", "c-b"],
                           "verdict": ["consistent", "inconsistent", "partly consistent"]})

    assert appendix.checks_by_claim({"checks": checks}) == {  # only `checks` is read
        "c-a": [("k-1", "inconsistent"), ("k-2", "consistent")], "c-b": [("k-3", "partly consistent")]}


def test_the_byline_is_the_first_block_after_the_title_that_starts_with_by():
    assert appendix.byline("By the sea\n\nSubtitle\n\n  By A. Writer  \n\nBy someone else\n\nBody") == "By A. Writer"
    assert appendix.byline("Title\n\nBody text\n \nMore") == ""
    assert appendix.byline("Title\n \n\nBy Right After\n\nBody") == "By Right After"


def test_a_source_paragraph_lists_its_claims_in_article_order_or_says_it_has_none():
    claims = _claims([("c-2", 2, "Gamma delta.", "trade", "figure", "putin", "Second & last", None),
                      ("c-1", 2, "Alpha beta.", "trade", "event", "author", "First", None)])
    source = appendix.SourceText("Title", "By A", PARAGRAPHS, claims, {"c-1": [("k-1", "consistent")]})
    html_text = source.html()
    assert html_text.startswith('<link rel="stylesheet" href="../../_static/mibook-appendix.css">'
                                '<div class="mibook-source"><p class="mibook-source-title">Title</p>'
                                '<p class="mibook-source-byline">By A</p>')
    assert ('<div class="mibook-source-paragraph" id="p-2" data-kind="body"><a class="mibook-source-number" '
            'href="#p-2">¶2</a><p class="mibook-source-text">Gamma delta. Alpha beta.</p><details open><summary>'
            '2 claims</summary><ul class="mibook-source-claims" aria-label="Claims from ¶2">'
            '<li><a href="claims-ledger.html#c-2">c-2</a> <span class="mibook-source-meta">(figure; Putin (as '
            'reported))</span> Second &amp; last</li><li><a href="claims-ledger.html#c-1">c-1</a> '
            '<span class="mibook-source-meta">(event; Sitwat Waqar Bokhari, the author)</span> First <a '
            'class="mibook-checked" href="checks.html#k-1">Checked: consistent</a></li></ul></details></div>'
            ) in html_text
    assert ('<div class="mibook-source-paragraph" id="p-3" data-kind="author-note"><a class="mibook-source-number" '
            'href="#p-3">¶3</a> <span class="mibook-source-kind">Author note</span><p class="mibook-source-text">'
            'A note.</p><details><summary>0 claims</summary><p class="mibook-source-claims">No claims are taken '
            'from this paragraph.</p></details></div></div>') in html_text
    assert 'href="#p-1">¶1</a><p class="mibook-source-text">' in html_text
    assert source._repr_mimebundle_() == {"text/html": html_text, "text/markdown": source.markdown(),
                                          "text/plain": "<source article: 3 paragraphs>"}
    assert list(source.claims.columns) == list(claims.columns) and list(source.claims.claim_id) == ["c-2", "c-1"]
    assert list(source.claims.index) == [0, 1]


def test_the_printed_source_marks_the_author_note():
    source = appendix.SourceText("Title: one", "By A. B", PARAGRAPHS, _claims([]))
    assert source.markdown() == ("**Title\\: one**\n\n*By A\\. B*\n\n**¶2** Gamma delta\\. Alpha beta\\.\n\n"
                                 "**¶1** One “two”\\.\n\n**¶3** \\(author note\\) A note\\.")


def test_numbering_says_none_when_the_article_has_no_author_note(data, monkeypatch):
    facts = appendix.numbering(data)
    assert facts["tables_total"] == len(data.package.resources) == 14
    body_only = [p for p in data.paragraphs if p.kind == "body"]
    monkeypatch.setattr(type(data), "paragraphs", property(lambda self: body_only))
    assert appendix.numbering(data)["author_note"] == "none"
    assert appendix.facts(data)["claims_total"] == "49" and appendix.facts(data)["author_note"] == "none"
    two_notes = [*body_only[:-1], article.Paragraph(body_only[-1].number, "n", "author-note"),
                 article.Paragraph(body_only[-1].number + 1, "m", "author-note")]
    monkeypatch.setattr(type(data), "paragraphs", property(lambda self: two_notes))
    assert appendix.numbering(data)["author_note"] == "¶10, ¶11"


def test_the_date_rules_merge_the_events_one_wording_dates_and_sort_the_undated_last(monkeypatch):
    events = pd.DataFrame({
        "event_id": ["e-b", "e-u", "e-a", "e-c"], "date_label": ["2017", "undated", "2017", "March 2014"],
        "date_precision": ["year", "unstated", "year", "month"],
        "date_start": pd.to_datetime(["2017-01-01", None, "2017-01-01", "2014-03-01"]),
        "date_end": pd.to_datetime(["2017-12-31", None, "2017-12-31", "2014-03-31"])})

    monkeypatch.setattr(appendix, "_tables", lambda data: data)  # the tables: only `events` is read
    table = appendix.date_rules({"events": events})
    assert table.frame.to_dict("records") == [
        {"The article says": "March 2014", "Precision": "month", "From": "2014-03-01", "To": "2014-03-31",
         "Events": "e-c"},
        {"The article says": "2017", "Precision": "year", "From": "2017-01-01", "To": "2017-12-31",
         "Events": "e-a, e-b"},
        {"The article says": "undated", "Precision": "unstated", "From": "", "To": "", "Events": "e-u"}]
    assert table.widths == [0.26, 0.16, 0.14, 0.14, 0.30]


def test_versions_start_with_python_and_say_when_a_package_is_missing():
    import platform

    table = appendix.versions(("pandas", "no-such-package-mibook")).frame
    assert table.to_dict("records") == [
        {"Package": "Python", "Version": platform.python_version()},
        {"Package": "pandas", "Version": metadata.version("pandas")},
        {"Package": "no-such-package-mibook", "Version": "not installed"}]


def test_a_chapter_without_a_heading_is_named_by_its_file_and_a_missing_file_is_skipped(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text("parts:\n  - chapters:\n      - file: chapters/plain\n"
                                       "      - file: chapters/gone\n  - chapters:\n      - file: chapters/two\n",
                                       encoding="utf-8")
    (tmp_path / "chapters" / "plain.md").write_text("---\nkernelspec:\n  name: python3\n---\n\nNo heading.\n#  Not"
                                                    " one\n", encoding="utf-8")
    (tmp_path / "chapters" / "two.md").write_text("kernelspec:\n\n# Two  \n\n# Later\n", encoding="utf-8")
    assert appendix.chapter_pages(tmp_path) == [("chapters/plain", "Not one"), ("chapters/two", "Two")]
    (tmp_path / "chapters" / "plain.md").write_text("kernelspec:\nno heading\n", encoding="utf-8")
    assert appendix.chapter_pages(tmp_path)[0] == ("chapters/plain", "chapters/plain")


def test_the_downloads_list_names_each_zip_and_notebook_on_the_web_and_in_print(tmp_path):
    (tmp_path / "chapters" / "appendix").mkdir(parents=True)
    (tmp_path / "_toc.yml").write_text("parts:\n  - chapters:\n      - file: chapters/appendix/method\n"
                                       "      - file: chapters/a_b\n      - file: chapters/c\n", encoding="utf-8")
    (tmp_path / "chapters" / "appendix" / "method.md").write_text("kernelspec:\n\n# Method\n", encoding="utf-8")
    (tmp_path / "chapters" / "a_b.md").write_text("kernelspec:\n\n# A & B\n", encoding="utf-8")
    (tmp_path / "chapters" / "c.md").write_text("kernelspec:\n\n# C\n", encoding="utf-8")
    page = appendix.downloads(tmp_path)  # an appendix listed first does not end the chapters
    assert page.html() == (
        '<ul class="mibook-downloads"><li><a href="../../downloads/moscow-islamabad-data.zip" download="">'
        "moscow-islamabad-data.zip</a> — the data package: every CSV table, <code>datapackage.json</code>, the data "
        'README and the article text</li><li><a href="../../downloads/' + appendix.KIT_ZIP + '" download="">'
        + appendix.KIT_ZIP + "</a> — the reproduction kit: every notebook, the package, the data and exact "
        "requirements, with a README</li></ul><p>Executed notebooks (code, outputs and prose; open them with "
        'Jupyter):</p><ul class="mibook-downloads"><li><a href="../../_sources/chapters/a_b.ipynb" download="">'
        'a_b.ipynb</a> — A &amp; B</li><li><a href="../../_sources/chapters/c.ipynb" download="">c.ipynb</a> — C'
        "</li></ul>")
    assert page.markdown() == (
        "The book's website offers moscow\\-islamabad\\-data\\.zip \\(every CSV table, datapackage\\.json, the data "
        f"README and the article text\\), {markdown_escape(appendix.KIT_ZIP)} \\(every notebook, the package, the "
        "data and exact requirements\\) and each chapter's executed notebook \\(a\\_b\\.ipynb, c\\.ipynb\\)\\.")
    assert page._repr_mimebundle_()["text/plain"] == "downloads"


def test_the_data_files_are_the_schema_readme_tables_and_sources_inside_the_folder(tmp_path, data):
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    expected = sorted({"datapackage.json", "README.md", *data.package.named_paths})
    assert [p.as_posix() for p in appendix.data_files(folder)] == expected
    (folder / "README.md").unlink()
    (folder / "README.md").symlink_to(tmp_path / "elsewhere.md")
    (tmp_path / "elsewhere.md").write_text("outside\n", encoding="utf-8")
    assert "README.md" not in [p.as_posix() for p in appendix.data_files(folder)]
    (folder / "README.md").unlink()  # missing: left out too
    assert [p.as_posix() for p in appendix.data_files(folder)] == sorted(set(expected) - {"README.md"})


def test_a_zip_has_sorted_entries_under_its_prefix_with_fixed_time_mode_and_compression(tmp_path):
    target = appendix.write_zip(tmp_path / "new" / "deep" / "x.zip", "pre", {"b/c.txt": b"2" * 200, "a.txt": b"1"},
                                comment="made by a test")
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        assert archive.comment == b"made by a test"
        assert [i.filename for i in infos] == ["pre/a.txt", "pre/b/c.txt"]
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o644 and info.create_system == 3
        assert archive.read("pre/b/c.txt") == b"2" * 200 and infos[1].compress_size < 200
    assert target == tmp_path / "new" / "deep" / "x.zip"
    assert zipfile.ZipFile(appendix.write_zip(tmp_path / "y.zip", "p", {})).comment == b""


def test_the_data_zip_is_named_for_the_download_and_refuses_invalid_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    target = appendix.write_data_zip(tmp_path / "d.zip", folder)
    assert zipfile.ZipFile(target).namelist()[0].startswith("moscow-islamabad-data/")
    (folder / "claims.csv").write_text("claim_id\nnot-a-claim\n", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 (validation's own error type)
        appendix.write_data_zip(tmp_path / "bad.zip", folder)
    assert not (tmp_path / "bad.zip").exists()


def test_every_generated_page_is_registered_under_its_directive_name(data):
    assert set(appendix.GENERATED) == {"data-dictionary", "claims-ledger", "source-text", "versions",
                                       "context-sources", "downloads"}
    assert appendix.context_sources(data).html() == __import__("mibook.context").context.sources_list(data).html()
    assert appendix._e(None) == "" and appendix._e(float("nan")) == "" and appendix._e("<a>") == "&lt;a&gt;"
    assert appendix._m(None) == "" and appendix._m(pd.NA) == "" and appendix._m("a.b") == "a\\.b"
    assert appendix._e(49) == "49" and appendix._m(4.5) == "4\\.5"


def test_every_generated_tables_columns_share_the_whole_line_in_print_and_on_the_web(data):
    """Column widths are shares of the line: each table's add up to 100 % (or a column is squeezed or the
    table runs off the page)."""
    pages = [appendix.data_dictionary(data), appendix.claims_ledger(data), appendix.date_rules(data),
             appendix.versions()]
    printed = [line for page in pages for line in page.markdown().splitlines() if line.startswith(":widths:")]
    assert len(printed) == 2 + len(data.package.resources) + 2
    for line in printed:
        assert sum(int(w) for w in line.split()[1:]) == 100, line
    tables = [t for page in pages for t in re.findall(r"<colgroup>(.*?)</colgroup>", page.html())]
    assert len(tables) == len(printed)
    for table in tables:
        assert sum(int(w) for w in re.findall(r'width: (\d+)%', table)) == 100, table


def test_the_ledgers_quotes_are_prose_so_on_a_phone_each_claim_becomes_a_card(data):
    html_text = appendix.claims_ledger(data).html()
    assert '<table class="mibook-table mibook-cards mibook-ledger-table">' in html_text
    assert re.findall(r"<th [^>]*>", html_text) == ['<th scope="col">', '<th scope="col">',
                                                   '<th scope="col" class="mibook-prose">']
    assert html_text.count('<td data-label="Quote" class="mibook-prose">') == len(data["claims"])
