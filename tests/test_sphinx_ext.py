"""_ext/mibook_sphinx.py and _ext/mibook_apparatus.py without the book: their functions called directly, and a
tiny Sphinx project (tests/tiny_sphinx.py) built with both, then built again: the scripts each page loads, the
files the build writes, the <head> tags and JSON-LD a browser or Zotero reads, the end matter, the downloads."""

import html
import json
import os
import re
import sys
from importlib import metadata as importlib_metadata
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from mibook import kit, metadata, paths
from tests.tiny_sphinx import body, build, warnings, write_pages

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))
import mibook_apparatus  # noqa: E402
import mibook_sphinx  # noqa: E402

CONF = '''
import sys
import types


def theme_menu(app, pagename, templatename, context, doctree):
    """Stands for sphinx-book-theme's download menu (priority 501): the page's notebook first, when offered."""
    notebook = [{"label": "download-ipynb-button"}] if context.get("ipynb_source") else []
    context["header_buttons"] = [{"label": "download-buttons", "buttons": [*notebook, {"label": "download-md-button"}]}]


def show_menu(app, pagename, templatename, context, doctree):
    labels = " ".join(button["label"] for group in context["header_buttons"] for button in group["buttons"])
    context["body"] = context.get("body", "") + f'<p class="menu">{labels}</p>'


def theme_setup(app):
    app.connect("html-page-context", theme_menu, priority=501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# jupyter-book lists the theme before the book's own extensions: its menu handler is connected first
sys.modules["theme_standin"] = types.SimpleNamespace(setup=theme_setup, __name__="theme_standin")
extensions = ["theme_standin", "myst_parser", "mibook_sphinx", "mibook_apparatus"]
exclude_patterns = ["_build"]
html_theme_options = {}


def setup(app):  # what a theme or another extension might add: each from another host, or thebe
    app.add_js_file("https://cdn.example.org/require.js")
    app.add_js_file("//cdn.example.org/protocol-relative.js")
    app.add_js_file("thebe-launch.js")
    app.add_css_file("https://cdn.example.org/font.css")
    app.add_css_file("sphinx-thebe.css")
    app.connect("html-page-context", show_menu, priority=999)
'''
PAGES = {
    "index": "# Home\n\n```{toctree}\nchapters/chart\nchapters/plain\n```\n",
    "chapters/chart": '# Trade chart\n\n<div class="mibook-chart" data-chart-id="trade"></div>\n',
    "chapters/plain": "# Plain words\n\nNo chart here.\n",
}
NOTEBOOK = {"cells": [{"cell_type": "markdown", "id": "random-a", "metadata": {}, "source": "# Trade chart"},
                      {"cell_type": "code", "id": "random-b", "metadata": {}, "source": "1 + 1",
                       "execution_count": 1, "outputs": []}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
PDF_BYTES = b"%PDF-1.4 the report"


def _app(tmp_path, root_doc="index", baseurl="", fmt="html", repository=None):
    """A stand-in for the Sphinx app, as the hooks read it."""
    options = {"repository_url": repository} if repository is not None else {}
    return SimpleNamespace(builder=SimpleNamespace(format=fmt), env=SimpleNamespace(found_docs={root_doc}),
                           config=SimpleNamespace(root_doc=root_doc, html_baseurl=baseurl, html_theme_options=options),
                           doctreedir=str(tmp_path / "_build" / ".doctrees"), outdir=str(tmp_path / "_build" / "html"),
                           srcdir=str(tmp_path))


def _titled(app, **titles):
    app.env.titles = {doc: SimpleNamespace(astext=lambda t=title: t) for doc, title in titles.items()}
    return app


def _pdf(tmp_path) -> Path:
    pdf = tmp_path / "_build" / "latex" / mibook_sphinx.PDF_NAME
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(PDF_BYTES)
    return pdf


# --- mibook_sphinx: the functions, called directly -----------------------------------------------------------

def test_the_bundle_names_its_vl_convert_version_and_runs_in_its_own_scope():
    version = importlib_metadata.version("vl-convert-python")
    assert mibook_sphinx.bundle_header() == (
        f"/* Vega, Vega-Lite and vega-embed, from vl-convert {version}; scoped. */\n")
    assert mibook_sphinx.wrapped_bundle("var _ = 1;") == (
        mibook_sphinx.bundle_header() + "(function () {\nvar _ = 1;\n}).call(window);\n")


@pytest.mark.parametrize(("url", "remote"), [
    ("http://cdn.example.org/a.js", True), ("https://cdn.example.org/a.js", True), ("//cdn.example.org/a.js", True),
    ("_static/a.js", False), ("/_static/a.js", False), ("https-helper.js", False), ("", False)])
def test_an_asset_is_remote_when_it_names_another_host(url, remote):
    assert mibook_sphinx._is_remote(url) is remote


def test_the_books_templates_come_first_and_its_static_files_last_in_new_lists(tmp_path):
    own_static, own_templates = ["_static"], ["_templates"]
    config = SimpleNamespace(html_static_path=own_static, templates_path=own_templates)
    mibook_sphinx._add_static_and_template_paths(SimpleNamespace(confdir=str(tmp_path)), config)
    assert config.html_static_path == ["_static", os.path.relpath(mibook_sphinx.STATIC, tmp_path)]
    assert config.templates_path == [os.path.relpath(mibook_sphinx.TEMPLATES, tmp_path), "_templates"]
    assert own_static == ["_static"] and own_templates == ["_templates"], "the lists it was given are left alone"
    assert (mibook_sphinx.TEMPLATES / "layout.html").is_file()


def test_the_page_keeps_its_own_scripts_in_order_and_each_inline_script_once():
    asset = lambda name, body="": SimpleNamespace(filename=name, attributes={"body": body} if body else {})  # noqa: E731
    scripts = [asset("_static/z.js"), asset("", "const a = 1;"), asset("_static/sphinx-thebe.js"),
               asset("", "let THEBE = {};"), asset("", "const a = 1;"), asset("", "const b = 2;"),
               asset("_static/a.js")]
    context = {"script_files": scripts,
               "css_files": [asset("_static/z.css"), asset("_static/thebe.css"), asset("http://x.org/c.css"),
                             asset("_static/a.css")]}
    mibook_sphinx._offline_assets(None, "index", "page.html", context, None)
    assert context["script_files"] == [scripts[0], scripts[1], scripts[5], scripts[6]]
    assert [c.filename for c in context["css_files"]] == ["_static/z.css", "_static/a.css"]
    empty = {}
    mibook_sphinx._offline_assets(None, "index", "page.html", empty, None)
    assert empty == {"script_files": [], "css_files": []}


def test_chart_scripts_are_added_only_to_a_page_with_a_chart():
    added = []
    app = SimpleNamespace(add_js_file=lambda name: added.append(("js", name)),
                          add_css_file=lambda name: added.append(("css", name)))
    mibook_sphinx._page_scripts(app, "p", "page.html", {"body": "<p>no chart</p>"}, None)
    mibook_sphinx._page_scripts(app, "p", "page.html", {}, None)
    assert added == []
    mibook_sphinx._page_scripts(app, "p", "page.html", {"body": '<div data-chart-id="x">'}, None)
    assert added == [("js", "vega-bundle.js"), ("js", "mibook-charts.js"), ("css", "mibook-charts.css")]


def test_a_failing_bundle_process_is_a_build_error_with_its_exit_status(tmp_path):
    app = _app(tmp_path)
    app.mibook_bundle = SimpleNamespace(communicate=lambda: (b"", None), returncode=3)
    with pytest.raises(ExtensionError) as failed:
        mibook_sphinx._write_bundle(app, None)
    assert failed.value.message == "vl_convert.javascript_bundle() failed (exit status 3)"
    assert app.mibook_bundle is None
    assert not (tmp_path / "_build" / "html" / "_static").exists()


def test_the_bundle_is_written_once_from_the_process_output(tmp_path):
    app = _app(tmp_path)
    mibook_sphinx._write_bundle(app, None)  # nothing started: nothing written
    assert not (tmp_path / "_build" / "html").exists()
    app.mibook_bundle = SimpleNamespace(communicate=lambda: ("var é = 1;".encode(), None), returncode=0)
    mibook_sphinx._write_bundle(app, None)
    target = tmp_path / "_build" / "html" / "_static" / "vega-bundle.js"
    assert target.read_text(encoding="utf-8") == mibook_sphinx.wrapped_bundle("var é = 1;")
    assert app.mibook_bundle is None


def test_a_latex_build_writes_no_static_files(tmp_path):
    app = _app(tmp_path, fmt="latex")
    mibook_sphinx._write_static_files(app)
    assert not hasattr(app, "mibook_bundle") and not (tmp_path / "_build").exists()


def test_a_stale_static_file_in_the_output_is_written_again_and_a_current_one_kept(tmp_path):
    app = _app(tmp_path)
    app.builder.outdir = app.outdir
    static = tmp_path / "_build" / "html" / "_static"
    static.mkdir(parents=True)
    (static / "vega-bundle.js").write_text(mibook_sphinx.bundle_header() + "kept", encoding="utf-8")
    (static / "mibook.css").write_text("stale", encoding="utf-8")
    kept = static / "mibook-cite.js"
    kept.write_bytes((mibook_sphinx.STATIC / "mibook-cite.js").read_bytes())
    before = kept.stat().st_mtime_ns
    mibook_sphinx._write_static_files(app)
    assert not hasattr(app, "mibook_bundle"), "a bundle from this vl-convert is not made again"
    for source in mibook_sphinx.STATIC.rglob("*"):
        if source.is_file():
            assert (static / source.relative_to(mibook_sphinx.STATIC)).read_bytes() == source.read_bytes(), source
    assert kept.stat().st_mtime_ns == before
    assert list(static.glob("mystnb.*.css")), "myst-nb's stylesheet is written with the others"


def test_the_static_files_are_written_into_an_output_folder_not_made_yet(tmp_path):
    app = _app(tmp_path)
    app.builder.outdir = app.outdir
    try:
        mibook_sphinx._write_static_files(app)
    finally:
        app.mibook_bundle.kill()
        app.mibook_bundle.communicate()
    static = tmp_path / "_build" / "html" / "_static"
    assert sorted(p.name for p in static.iterdir() if not p.name.startswith("mystnb.")) == sorted(
        p.name for p in mibook_sphinx.STATIC.iterdir())


def test_a_data_zip_as_new_as_the_newest_data_file_is_kept(tmp_path, data_copy, monkeypatch):
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data_copy))
    newest = max(p.stat().st_mtime_ns for p in data_copy.rglob("*"))
    target = tmp_path / "_build" / "html" / "downloads" / paths.DATA_ZIP
    target.parent.mkdir(parents=True)
    target.write_bytes(b"the zip of these data")
    os.utime(target, ns=(newest, newest))
    mibook_sphinx._write_data_zip(_app(tmp_path), None)
    assert target.read_bytes() == b"the zip of these data"
    os.utime(target, ns=(newest - 1_000_000_000, newest - 1_000_000_000))
    mibook_sphinx._write_data_zip(_app(tmp_path), None)
    assert target.read_bytes() != b"the zip of these data", "a zip older than the data is written again"


def test_a_bundle_from_another_vl_convert_is_made_again(tmp_path):
    app = _app(tmp_path)
    app.builder.outdir = app.outdir
    static = tmp_path / "_build" / "html" / "_static"
    static.mkdir(parents=True)
    (static / "vega-bundle.js").write_text("/* from vl-convert 0.1 */\nold", encoding="utf-8")
    mibook_sphinx._write_static_files(app)
    try:
        assert app.mibook_bundle.args[1:] == ["-c", mibook_sphinx.BUNDLE_SCRIPT]
    finally:
        app.mibook_bundle.kill()
        app.mibook_bundle.communicate()


def test_an_executed_notebook_gets_cell_ids_by_position(tmp_path):
    path = tmp_path / "page.ipynb"
    path.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    text = mibook_sphinx.stable_notebook(path)
    assert [cell["id"] for cell in json.loads(text)["cells"]] == ["cell-1", "cell-2"]
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_after_a_failed_build_the_notebooks_and_the_data_zip_are_left_alone(tmp_path):
    app = _app(tmp_path)
    notebook = tmp_path / "_build" / "jupyter_execute" / "page.ipynb"
    notebook.parent.mkdir(parents=True)
    notebook.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    mibook_sphinx._stable_notebook_ids(app, RuntimeError("failed"))
    mibook_sphinx._write_data_zip(app, RuntimeError("failed"))
    mibook_sphinx._write_data_zip(_app(tmp_path, fmt="latex"), None)
    assert notebook.read_text(encoding="utf-8") == json.dumps(NOTEBOOK)
    assert not (tmp_path / "_build" / "html").exists()


def test_a_page_without_an_executed_notebook_offers_none(tmp_path):
    context = {}
    mibook_sphinx._notebook_download(_app(tmp_path), "chapters/plain", "page.html", context, None)
    assert context == {}
    executed = tmp_path / "_build" / "jupyter_execute" / "chapters" / "plain.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    mibook_sphinx._notebook_download(_app(tmp_path, fmt="latex"), "chapters/plain", "page.html", context, None)
    assert context == {} and not (tmp_path / "_build" / "html").exists()


def test_the_pdf_is_offered_on_the_landing_page_only_and_only_in_html(tmp_path):
    app = _app(tmp_path)
    app.env = SimpleNamespace()
    source = ["# Home\n"]
    mibook_sphinx._offer_pdf(app, "index", source)
    assert source == ["# Home\n"] and app.env.mibook_pdf_offered is False
    _pdf(tmp_path)
    mibook_sphinx._offer_pdf(app, "chapters/plain", source)
    assert source == ["# Home\n"] and app.env.mibook_pdf_offered is False
    mibook_sphinx._offer_pdf(app, "index", source)
    assert source == ["# Home\n\n\n**Download:** {download}`the whole book as a PDF report "
                      "</_build/latex/moscow-islamabad.pdf>`\n"]
    assert app.env.mibook_pdf_offered is True
    assert mibook_sphinx._pdf_wanted(app) and not mibook_sphinx._pdf_wanted(_app(tmp_path, fmt="latex"))


def test_the_landing_page_is_read_again_when_a_pdf_comes_or_goes(tmp_path):
    app, env = _app(tmp_path), SimpleNamespace()
    assert mibook_sphinx._landing_page_outdated(app, env, set(), set(), set()) == ["index"]
    env.mibook_pdf_offered = False
    assert mibook_sphinx._landing_page_outdated(app, env, set(), set(), set()) == []
    _pdf(tmp_path)
    assert mibook_sphinx._landing_page_outdated(app, env, set(), set(), set()) == ["index"]
    env.mibook_pdf_offered = True
    assert mibook_sphinx._landing_page_outdated(app, env, set(), set(), set()) == []


def test_every_page_is_written_again_when_a_title_changes():
    title = lambda text: SimpleNamespace(astext=lambda: text)  # noqa: E731
    env = SimpleNamespace(titles={"b": title("B"), "a": title("A")}, found_docs={"b", "a", "c"})
    assert mibook_sphinx._retitled(None, env) == []  # first build: nothing noted
    mibook_sphinx._note_titles(None, env, [])
    assert env.mibook_titles == {"b": "B", "a": "A"}
    assert mibook_sphinx._retitled(None, env) == []
    env.titles["a"] = title("A again")
    assert mibook_sphinx._retitled(None, env) == ["a", "b", "c"]


# --- mibook_apparatus: the functions, called directly --------------------------------------------------------

@pytest.mark.parametrize(("options", "url"), [
    (None, ""), ({}, ""), ({"repository_url": None}, ""), ({"repository_url": ""}, ""),
    ({"repository_url": "https://github.com/a/b/"}, "https://github.com/a/b"),
    ({"repository_url": "https://github.com/a/b"}, "https://github.com/a/b"),
    ({"repository_url": "https://example.org/BOX//"}, "https://example.org/BOX")])
def test_the_repository_url_is_the_theme_option_without_a_trailing_slash(options, url):
    assert mibook_apparatus.repository_url(SimpleNamespace(html_theme_options=options)) == url


def test_a_repository_turns_on_the_themes_repository_buttons(tmp_path):
    config = SimpleNamespace(html_theme_options={"repository_url": "https://github.com/a/b"})
    mibook_apparatus._repository_buttons(None, config)
    assert config.html_theme_options == {"repository_url": "https://github.com/a/b", "use_repository_button": True,
                                         "use_source_button": True, "use_issues_button": True}
    config = SimpleNamespace(html_theme_options={})
    mibook_apparatus._repository_buttons(None, config)
    assert config.html_theme_options == {}


def test_the_config_records_whether_a_pdf_was_built(tmp_path):
    config = SimpleNamespace(html_context={"kept": 1})
    mibook_apparatus._pdf_in_config(_app(tmp_path), config)
    assert config.html_context == {"kept": 1, "mibook_pdf_built": False}
    _pdf(tmp_path)
    mibook_apparatus._pdf_in_config(_app(tmp_path), config)
    assert config.html_context == {"kept": 1, "mibook_pdf_built": True}


def test_a_cited_work_becomes_schema_org_with_people_organisations_publisher_and_year():
    article = {"type": "article", "title": "T", "year": 2019, "publisher": {"name": "CRSS"},
               "authors": [{"family-names": "Bokhari", "given-names": "Sitwat"}, {"family-names": "Solo"},
                           {"name": "An Institute"}]}
    assert mibook_apparatus._cited_work(article) == {
        "@type": "ScholarlyArticle", "name": "T", "datePublished": "2019",
        "publisher": {"@type": "Organization", "name": "CRSS"},
        "author": [{"@type": "Person", "givenName": "Sitwat", "familyName": "Bokhari"},
                   {"@type": "Person", "givenName": "", "familyName": "Solo"},
                   {"@type": "Organization", "name": "An Institute"}]}
    assert mibook_apparatus._cited_work({"type": "book", "title": "B", "authors": []}) == {
        "@type": "CreativeWork", "name": "B", "author": []}
    assert mibook_apparatus._cited_work({"title": "B", "authors": [], "publisher": {}, "year": 0}) == {
        "@type": "CreativeWork", "name": "B", "author": []}


def test_each_outside_source_is_cited_with_its_publisher_and_address(data):
    from mibook import context

    sources = context.outside_sources(data)
    works = mibook_apparatus._context_sources()
    assert [work["name"] for work in works] == list(sources.title)
    for work, source in zip(works, sources.itertuples(), strict=True):
        assert work["@type"] == "CreativeWork"
        assert work["publisher"] == {"@type": "Organization", "name": source.publisher}
        assert work.get("url") == (source.url if isinstance(source.url, str) and source.url else None)
    assert any("url" in work for work in works)


def test_highwire_tags_cite_a_chapter_within_the_book_with_the_pdf_and_the_page_address(tmp_path):
    book = metadata.book()
    app = _titled(_app(tmp_path, baseurl="https://example.org/book/"), **{"chapters/trade": "Trade"})
    app.env.found_docs = {"index", "chapters/trade"}
    _pdf(tmp_path)
    assert mibook_apparatus.highwire_tags(app, "chapters/trade", {}) == [
        ("citation_title", "Trade"), ("citation_inbook_title", metadata.full_title(book)),
        *[("citation_author", author) for author in book.authors],
        ("citation_publication_date", book.date.replace("-", "/")), ("citation_publisher", book.publisher),
        ("citation_language", "en"),
        ("citation_pdf_url", "https://example.org/book/downloads/moscow-islamabad.pdf"),
        ("citation_public_url", "https://example.org/book/chapters/trade.html")]


def test_a_base_address_ending_in_x_keeps_its_last_letter(tmp_path):
    app = _titled(_app(tmp_path, baseurl="https://example.org/BOX/"), **{"chapters/trade": "Trade"})
    tags = dict(mibook_apparatus.highwire_tags(app, "chapters/trade", {}))
    assert tags["citation_public_url"] == "https://example.org/BOX/chapters/trade.html"
    assert mibook_apparatus._link(app, {}, "downloads/k.zip") == "https://example.org/BOX/downloads/k.zip"


def test_a_source_without_an_address_is_cited_without_one(monkeypatch):
    import pandas as pd

    from mibook import context

    undated = pd.NaT
    frame = pd.DataFrame({"title": ["No address", "Empty address", "An address"], "publisher": ["P", "Q", "R"],
                          "date_precision": ["undated", "year", "month"],
                          "date_published": [undated, pd.Timestamp("2019-01-01"), pd.Timestamp("2018-11-01")],
                          "url": [float("nan"), "", "https://example.org/a"]})
    monkeypatch.setattr(context, "outside_sources", lambda tables: frame)
    assert mibook_apparatus._context_sources() == [
        {"@type": "CreativeWork", "name": "No address", "publisher": {"@type": "Organization", "name": "P"}},
        {"@type": "CreativeWork", "name": "Empty address", "publisher": {"@type": "Organization", "name": "Q"},
         "datePublished": "2019"},
        {"@type": "CreativeWork", "name": "An address", "publisher": {"@type": "Organization", "name": "R"},
         "datePublished": "2018-11", "url": "https://example.org/a"}]


def test_highwire_tags_cite_the_book_on_the_landing_page_without_a_pdf_or_address(tmp_path):
    book = metadata.book()
    assert mibook_apparatus.highwire_tags(_app(tmp_path), "index", {}) == [
        ("citation_title", metadata.full_title(book)), *[("citation_author", author) for author in book.authors],
        ("citation_publication_date", book.date.replace("-", "/")), ("citation_publisher", book.publisher),
        ("citation_language", "en")]


def test_the_json_ld_describes_the_book_and_its_data_downloads(tmp_path):
    book = metadata.book()
    app = _app(tmp_path, baseurl="https://example.org/book")
    record = mibook_apparatus.json_ld(app, {})
    assert record["@context"] == "https://schema.org"
    report, dataset = record["@graph"]
    article = [mibook_apparatus._cited_work(r) for r in metadata.references()]
    common = {"author": [{"@type": "Organization", "name": a} for a in book.authors],
              "license": metadata.licence_url(book), "inLanguage": "en", "datePublished": book.date,
              "version": book.version, "isBasedOn": article}
    assert report == {"@type": "Report", "@id": "#book", "name": book.title, "alternativeHeadline": book.subtitle,
                      "publisher": {"@type": "Organization", "name": book.publisher}, "abstract": book.abstract,
                      "keywords": list(book.keywords), "citation": article + mibook_apparatus._context_sources(),
                      **common}
    assert dataset == {
        "@type": "Dataset", "@id": "#data", "name": f"{book.title}: data",
        "description": "Every claim, quantity, event, actor and relation the book codes from the article, each with "
                       "its verbatim quote and paragraph number.",
        "isPartOf": {"@id": "#book"}, **common,
        "distribution": [
            {"@type": "DataDownload", "name": "moscow-islamabad-data.zip",
             "description": "The data package: CSV tables, datapackage.json, README, article text",
             "encodingFormat": "application/zip",
             "contentUrl": "https://example.org/book/downloads/moscow-islamabad-data.zip"},
            {"@type": "DataDownload", "name": "moscow-islamabad-kit.zip",
             "description": "The reproduction kit: notebooks, package, data, exact requirements",
             "encodingFormat": "application/zip",
             "contentUrl": "https://example.org/book/downloads/moscow-islamabad-kit.zip"}]}
    _pdf(tmp_path)
    assert mibook_apparatus.json_ld(app, {})["@graph"][0]["encoding"] == {
        "@type": "MediaObject", "encodingFormat": "application/pdf",
        "contentUrl": "https://example.org/book/downloads/moscow-islamabad.pdf"}


def test_head_tags_go_only_on_the_books_own_html_pages(tmp_path):
    for app, pagename in ((_app(tmp_path), "genindex"), (_app(tmp_path, fmt="latex"), "index")):
        context = {"metatags": "<meta />"}
        mibook_apparatus._head(app, pagename, "page.html", context, None)
        mibook_apparatus._end_matter(app, pagename, "page.html", context, None)
        assert context == {"metatags": "<meta />"}


def test_the_head_escapes_each_tag_value_and_keeps_the_themes_tags(tmp_path, monkeypatch):
    app = _titled(_app(tmp_path), **{"chapters/trade": 'Trade "&" <b>'})
    app.env.found_docs = {"index", "chapters/trade"}
    context = {"metatags": '<meta name="theme" />', "pathto": lambda target, _: target}
    mibook_apparatus._head(app, "chapters/trade", "page.html", context, None)
    tags = mibook_apparatus.highwire_tags(app, "chapters/trade", context)
    assert context["metatags"] == '<meta name="theme" />' + "".join(
        f'\n<meta name="{name}" content="{html.escape(value)}" />' for name, value in tags) + "\n"
    assert '\n<meta name="citation_title" content="Trade &quot;&amp;&quot; &lt;b&gt;" />' in context["metatags"]
    assert "ld+json" not in context["metatags"]


def test_the_landing_pages_head_ends_with_its_json_ld_one_space_indented(tmp_path):
    from mibook.web import script_json

    app, context = _app(tmp_path), {"pathto": lambda target, _: target}
    mibook_apparatus._head(app, "index", "page.html", context, None)
    tags = "".join(f'\n<meta name="{name}" content="{html.escape(value)}" />'
                   for name, value in mibook_apparatus.highwire_tags(app, "index", context))
    record = mibook_apparatus.json_ld(app, context)
    assert context["metatags"] == (
        f'{tags}\n<script type="application/ld+json">\n{script_json(record, indent=1)}\n</script>\n')
    assert '\n "@context": "https://schema.org",\n' in context["metatags"]


def test_a_page_without_a_notebook_ends_with_the_cite_box_alone(tmp_path):
    app = _titled(_app(tmp_path), **{"chapters/trade": "Trade"})
    app.env.found_docs = {"index", "chapters/trade"}
    context = {"body": "<p>Text.</p>"}
    mibook_apparatus._end_matter(app, "chapters/trade", "page.html", context, None)
    assert context == {"body": "<p>Text.</p>" + mibook_apparatus.cite_box("Trade", None)}
    context = {"ipynb_source": "chapters/trade.ipynb", "pathto": lambda target, _: target}
    mibook_apparatus._end_matter(app, "chapters/trade", "page.html", context, None)
    assert context["body"] == (mibook_apparatus.rerun_section(app, context, "chapters/trade")
                               + mibook_apparatus.cite_box("Trade", None))


def test_a_repository_in_the_config_turns_on_the_buttons_when_sphinx_starts(tmp_path):
    from sphinx.testing.util import SphinxTestApp

    write_pages(tmp_path / "src", {"index": "# Home\n"}, CONF)
    app = SphinxTestApp("html", srcdir=tmp_path / "src", builddir=tmp_path / "_build",
                        confoverrides={"html_theme_options": {"repository_url": "https://github.com/a/b"}})
    try:
        assert app.config.html_theme_options == {
            "repository_url": "https://github.com/a/b", "use_repository_button": True, "use_source_button": True,
            "use_issues_button": True}
        assert app.config.html_context["mibook_pdf_built"] is False
    finally:
        app.cleanup()


def test_the_rerun_line_links_the_kit_and_the_method_steps(tmp_path):
    app = _titled(_app(tmp_path), **{"chapters/trade": "Trade"})
    context = {"pathto": lambda target, _: {"chapters/appendix/method.html": "appendix/method.html#"}.get(
        target, "../" + target)}
    assert mibook_apparatus.rerun_section(app, context, "chapters/trade") == (
        '<p class="mibook-rerun">Re-run this chapter: download its notebook (download menu) or the '
        '<a href="../downloads/moscow-islamabad-kit.zip" download="">reproduction kit</a>; '
        '<a href="appendix/method.html#web-only-rerun">the method appendix</a> says how.</p>')
    assert mibook_apparatus.rerun_section(app, {"pathto": lambda target, _: target}, "index").startswith(
        '<p class="mibook-rerun">Re-run this page: ')


def test_with_a_repository_the_rerun_line_gives_the_clone_command_and_the_page_source(tmp_path):
    app = _titled(_app(tmp_path, baseurl="https://example.org/b/", repository="https://github.com/a/b&c/"),
                  **{"chapters/trade": "Trade"})
    assert mibook_apparatus.rerun_section(app, {}, "chapters/trade") == (
        '<p class="mibook-rerun">Re-run this chapter: download its notebook (download menu) or the '
        '<a href="https://example.org/b/downloads/moscow-islamabad-kit.zip" download="">reproduction kit</a>; '
        '<a href="https://example.org/b/chapters/appendix/method.html#web-only-rerun">the method appendix</a> says '
        'how. Or clone the <a href="https://github.com/a/b&amp;c">repository</a> (<code>git clone '
        'https://github.com/a/b&amp;c.git</code>, then <code>make lab</code>) and open '
        '<code>chapters/trade.md</code>.</p>')


def test_the_cite_box_gives_the_citation_and_bibtex_escaped_with_copy_buttons():
    chapter, url = "Trade & <energy>", "https://example.org/t.html"
    assert mibook_apparatus.cite_box(chapter, url) == (
        '<section class="mibook-cite" aria-labelledby="cite-this"><h2 id="cite-this">Cite this</h2>'
        '<p>To cite this chapter:</p>'
        f'<p class="mibook-cite-text" id="cite-text">{html.escape(metadata.citation(chapter, url))}</p>'
        '<button type="button" class="mibook-copy" data-copy="cite-text" hidden>Copy citation</button>'
        '<details class="mibook-cite-bibtex"><summary>BibTeX</summary>'
        f'<pre id="cite-bibtex"><code>{html.escape(metadata.bibtex(chapter, url))}</code></pre></details>'
        '<button type="button" class="mibook-copy" data-copy="cite-bibtex" hidden>Copy BibTeX</button>'
        '<span class="mibook-copy-status" role="status" aria-live="polite"></span></section>')
    assert "&lt;energy&gt;" in mibook_apparatus.cite_box(chapter, url)
    assert "<p>To cite this book:</p>" in mibook_apparatus.cite_box(None, None)
    assert html.escape(metadata.citation(None, None)) in mibook_apparatus.cite_box(None, None)


def _menu():
    return [{"label": "other", "buttons": []},
            {"label": "download-buttons", "buttons": [{"label": "download-source-button"},
                                                      {"label": "download-pdf-button"}]}]


@pytest.mark.parametrize(("notebook", "order"), [
    (True, ["download-source-button", "download-kit-button", "download-pdf-button"]),
    (False, ["download-kit-button", "download-source-button", "download-pdf-button"])])
def test_the_kit_follows_the_notebook_in_the_download_menu(tmp_path, notebook, order):
    context = {"header_buttons": _menu(), "pathto": lambda target, _: "../" + target}
    if notebook:
        context["ipynb_source"] = "chapters/trade.ipynb"
    mibook_apparatus._kit_in_download_menu(_app(tmp_path), "chapters/trade", "page.html", context, None)
    other, menu = context["header_buttons"]
    assert other == {"label": "other", "buttons": []}
    assert [button["label"] for button in menu["buttons"]] == order
    assert menu["buttons"][order.index("download-kit-button")] == {
        "type": "link", "url": "../downloads/moscow-islamabad-kit.zip", "text": "kit .zip",
        "tooltip": "Download the reproduction kit (notebooks, package, data, requirements)",
        "icon": "fas fa-file-zipper", "label": "download-kit-button"}
    mibook_apparatus._kit_in_download_menu(_app(tmp_path), "index", "page.html", {}, None)  # no menu: nothing


def test_the_downloads_are_left_alone_after_a_failed_or_a_print_build(tmp_path, monkeypatch):
    monkeypatch.setattr(kit, "write", lambda *a: pytest.fail("kit written"))
    mibook_apparatus._write_downloads(_app(tmp_path), RuntimeError("failed"))
    mibook_apparatus._write_downloads(_app(tmp_path, fmt="latex"), None)


def test_every_offered_notebook_opens_with_the_preamble_naming_the_kits_address(tmp_path, monkeypatch):
    written = []
    monkeypatch.setattr(kit, "write", lambda target, root: written.append((target, root)))
    app = _app(tmp_path, baseurl="https://example.org/BOX/")
    out = tmp_path / "_build" / "html"
    notebook = out / "_sources" / "chapters" / "trade.ipynb"
    notebook.parent.mkdir(parents=True)
    notebook.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    (out / "downloads").mkdir()
    (out / "downloads" / mibook_sphinx.PDF_NAME).write_bytes(b"an old pdf")
    mibook_apparatus._write_downloads(app, None)
    assert written == [(out / "downloads" / "moscow-islamabad-kit.zip", tmp_path)]
    assert not (out / "downloads" / mibook_sphinx.PDF_NAME).exists(), "no PDF built: none offered"
    cell = kit.preamble("https://example.org/BOX/downloads/moscow-islamabad-kit.zip")
    assert notebook.read_text(encoding="utf-8") == kit.dumps(kit.with_preamble(NOTEBOOK, cell))
    assert "(https://example.org/BOX/downloads/moscow-islamabad-kit.zip)" in json.dumps(cell)
    before = notebook.stat().st_mtime_ns
    _pdf(tmp_path)
    mibook_apparatus._write_downloads(app, None)
    assert notebook.stat().st_mtime_ns == before, "a notebook already right is not written again"
    assert (out / "downloads" / mibook_sphinx.PDF_NAME).read_bytes() == PDF_BYTES


# --- both, in a tiny book built twice ---------------------------------------------------------------------

def _written(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def _meta(page: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="(citation_\w+)" content="([^"]*)" />', page):
        tags.setdefault(name, []).append(html.unescape(content))
    return tags


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny book built with a PDF and an executed notebook in place (the kit's writing recorded), then built
    again unchanged, again without the PDF, and again with a page retitled: the app, what was read and the
    pages' text after each build."""
    root = tmp_path_factory.mktemp("ext") / "book"
    write_pages(root, PAGES, CONF)
    out = root / "_build"
    executed = out / "jupyter_execute" / "chapters" / "chart.ipynb"
    executed.parent.mkdir(parents=True)
    executed.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    pdf = out / "latex" / mibook_sphinx.PDF_NAME
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(PDF_BYTES)
    kits = []
    runs = {}

    def run(name, **more):
        app, read = build(root, builddir=out)
        html_dir = Path(app.outdir)
        runs[name] = SimpleNamespace(
            app=app, read=read, pages={d: _written(app, d) for d in PAGES},
            written={d: (html_dir / f"{d}.html").stat().st_mtime_ns for d in PAGES},
            bundle=(html_dir / "_static" / "vega-bundle.js").stat().st_mtime_ns,
            downloads=sorted(p.name for p in (html_dir / "downloads").iterdir()), **more)
        return runs[name]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kit, "write", lambda target, root: kits.append((target, root)))
        first = run("first")
        outdir = Path(first.app.outdir)
        first.kits = list(kits)
        first.sources = sorted(p.relative_to(outdir).as_posix() for p in (outdir / "_sources").rglob("*.ipynb"))
        first.executed = executed.read_text(encoding="utf-8")
        first.pdf = (outdir / "downloads" / mibook_sphinx.PDF_NAME).read_bytes()
        run("again")
        pdf.unlink()
        run("nopdf")
        (root / "chapters" / "plain.md").write_text("# Plainer words\n\nNo chart here.\n", encoding="utf-8")
        run("retitled")
        pdf.write_bytes(PDF_BYTES)
        run("pdf back")
    return runs


def test_the_tiny_book_builds_without_warnings(tiny):
    assert warnings(tiny["first"].app) == []
    assert tiny["first"].read == sorted(PAGES)


def test_only_the_chart_page_loads_the_scoped_bundle_and_the_chart_script(tiny):
    chart, plain = tiny["first"].pages["chapters/chart"], tiny["first"].pages["chapters/plain"]
    scripts = re.findall(r'<script src="\.\./_static/([\w.-]+)\?v=[0-9a-f]+"></script>', chart)
    assert scripts == ["documentation_options.js", "doctools.js", "sphinx_highlight.js", "mibook-cite.js",
                       "vega-bundle.js", "mibook-charts.js"]  # the bundle before the script that calls it
    assert re.search(r'href="\.\./_static/mibook-charts\.css\?v=[0-9a-f]+"', chart)
    for name in ("vega-bundle.js", "mibook-charts.js", "mibook-charts.css"):
        assert name not in plain and name not in tiny["first"].pages["index"]
    for page in tiny["first"].pages.values():
        assert re.search(r'_static/mibook\.css\?v=[0-9a-f]+"', page)
        assert re.search(r'_static/mibook-cite\.css\?v=[0-9a-f]+"', page)
        assert re.search(r'<script src="(\.\./)?_static/mibook-cite\.js\?v=[0-9a-f]+"></script>', page)
        assert not re.search(r'(<script[^>]* src|<link[^>]* href)="(https?:)?//', page), "nothing from another host"
        assert "thebe" not in page


def test_the_build_writes_the_scoped_bundle_and_every_static_file(tiny):
    static = Path(tiny["first"].app.outdir) / "_static"
    bundle = (static / "vega-bundle.js").read_text(encoding="utf-8")
    assert bundle.startswith(mibook_sphinx.bundle_header() + "(function () {\n")
    assert bundle.endswith("\n}).call(window);\n") and "vegaEmbed" in bundle and len(bundle) > 100_000
    for source in mibook_sphinx.STATIC.rglob("*"):
        if source.is_file():
            assert (static / source.relative_to(mibook_sphinx.STATIC)).read_bytes() == source.read_bytes(), source


def test_an_unchanged_book_is_built_again_without_reading_or_writing_a_page_or_a_new_bundle(tiny):
    """Each build here runs in the same process, as a second build by Sphinx's API would: the book's template
    and static paths must not pile up in Sphinx's default lists (that rewrote every page)."""
    assert tiny["again"].read == []
    assert tiny["again"].bundle == tiny["first"].bundle
    assert tiny["again"].pages == tiny["first"].pages
    assert tiny["again"].written == tiny["first"].written
    app = tiny["again"].app
    assert app.config.templates_path == [os.path.relpath(mibook_sphinx.TEMPLATES, app.confdir)]
    assert app.config.html_static_path == [os.path.relpath(mibook_sphinx.STATIC, app.confdir)]


def test_the_pages_use_the_books_layout_template(tiny):
    for docname, page in tiny["first"].pages.items():
        assert '<meta name="docsearch:language" content="en"/>' in page, docname


def test_the_executed_notebook_is_offered_with_positional_ids_and_the_preamble(tiny):
    first = tiny["first"]
    assert first.sources == ["_sources/chapters/chart.ipynb"]
    assert json.loads(first.executed) == kit.positional_ids(json.loads(json.dumps(NOTEBOOK)))
    offered = (Path(first.app.outdir) / "_sources" / "chapters" / "chart.ipynb").read_text(encoding="utf-8")
    assert offered == kit.dumps(kit.with_preamble(kit.positional_ids(json.loads(json.dumps(NOTEBOOK))),
                                                  kit.preamble(None)))


def test_the_build_writes_the_data_zip_the_kit_and_the_pdf(tiny):
    first = tiny["first"]
    assert first.downloads == ["moscow-islamabad-data.zip", "moscow-islamabad.pdf"]  # the kit's writing recorded
    assert first.kits == [(Path(first.app.outdir) / "downloads" / "moscow-islamabad-kit.zip", first.app.srcdir)]
    assert first.pdf == PDF_BYTES
    assert tiny["nopdf"].downloads == ["moscow-islamabad-data.zip"]


def test_the_landing_page_links_the_pdf_while_one_is_built(tiny):
    (offer,) = re.findall(r"<p><strong>Download:</strong>.*?</p>", tiny["first"].pages["index"], re.S)
    assert re.search(r' download="" href="_downloads/[0-9a-f]+/moscow-islamabad\.pdf">', offer)
    assert re.sub(r"<[^>]+>", "", offer) == "Download: the whole book as a PDF report"
    assert "Download:" not in tiny["first"].pages["chapters/plain"]
    assert tiny["nopdf"].read == ["index"]
    assert "Download:" not in tiny["nopdf"].pages["index"]
    assert tiny["pdf back"].read == ["index"], "a PDF built since the last build is offered"
    assert "<strong>Download:</strong>" in tiny["pdf back"].pages["index"]


def test_each_page_names_itself_the_book_and_the_pdf_in_its_head(tiny):
    book = metadata.book()
    pages = tiny["first"].pages
    common = {"citation_author": list(book.authors), "citation_publication_date": [book.date.replace("-", "/")],
              "citation_publisher": [book.publisher], "citation_language": ["en"]}
    assert _meta(pages["index"]) == {"citation_title": [metadata.full_title(book)], **common,
                                     "citation_pdf_url": ["downloads/moscow-islamabad.pdf"]}
    assert _meta(pages["chapters/plain"]) == {
        "citation_title": ["Plain words"], "citation_inbook_title": [metadata.full_title(book)], **common,
        "citation_pdf_url": ["../downloads/moscow-islamabad.pdf"]}
    for docname, page in tiny["nopdf"].pages.items():
        assert "citation_pdf_url" not in _meta(page), docname  # every page written again without it


def test_only_the_landing_page_carries_the_json_ld(tiny):
    pages = tiny["first"].pages
    (block,) = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', pages["index"], re.S)
    report, dataset = json.loads(block)["@graph"]
    assert report["@type"] == "Report" and report["encoding"]["contentUrl"] == "downloads/moscow-islamabad.pdf"
    assert [d["contentUrl"] for d in dataset["distribution"]] == [
        "downloads/moscow-islamabad-data.zip", "downloads/moscow-islamabad-kit.zip"]
    assert "ld+json" not in pages["chapters/chart"] and "ld+json" not in pages["chapters/plain"]


def test_each_page_ends_with_cite_this_and_the_notebook_page_with_the_rerun_line(tiny):
    app = tiny["first"].app
    assert body(app, "chapters/chart").count('<p class="mibook-rerun">Re-run this chapter: ') == 1
    for docname, what in (("index", "this book"), ("chapters/plain", "this chapter")):
        assert "mibook-rerun" not in body(app, docname)
        assert f"<p>To cite {what}:</p>" in body(app, docname)
    assert body(app, "chapters/chart").count('<section class="mibook-cite"') == 1
    assert html.escape(metadata.citation("Trade chart", None)) in body(app, "chapters/chart")


def test_the_download_menu_offers_the_notebook_then_the_kit(tiny):
    menus = {docname: re.findall(r'<p class="menu">(.*?)</p>', page) for docname, page in tiny["first"].pages.items()}
    assert menus == {"index": ["download-kit-button download-md-button"],
                     "chapters/chart": ["download-ipynb-button download-kit-button download-md-button"],
                     "chapters/plain": ["download-kit-button download-md-button"]}


def test_a_retitled_page_rewrites_every_page_that_names_it(tiny):
    retitled = tiny["retitled"]
    assert retitled.read == ["chapters/plain"]
    for docname in PAGES:
        assert "Plainer words" in retitled.pages[docname], docname
        assert retitled.written[docname] != tiny["nopdf"].written[docname], docname
    assert tiny["pdf back"].written["chapters/chart"] != retitled.written["chapters/chart"], "the PDF link is new"


def test_the_extensions_read_and_write_in_parallel_and_state_their_versions(tiny):
    app = tiny["first"].app
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    assert app.extensions["mibook_sphinx"].version == "1.0" and app.extensions["mibook_apparatus"].version == "1.0"
    assert app.config.templates_path[0] == os.path.relpath(mibook_sphinx.TEMPLATES, app.confdir)
    assert app.config.html_static_path[-1] == os.path.relpath(mibook_sphinx.STATIC, app.confdir)
