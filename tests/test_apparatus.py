"""The Sphinx extensions' page apparatus without a build: the landing page's JSON-LD and the downloads
the build writes (each hook called as Sphinx calls it, on a stand-in app)."""

import json
import os
import re
import sys
import time
from types import SimpleNamespace

from mibook import paths, render, web
from tests.conftest import read_rows, write_rows

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))
import mibook_apparatus  # noqa: E402
import mibook_sphinx  # noqa: E402

BREAKOUT = "Talks <!--<script> in Moscow </script><script>window.__pwned = 1</script>"


def _app(tmp_path, root_doc: str = "index"):
    return SimpleNamespace(builder=SimpleNamespace(format="html"), env=SimpleNamespace(found_docs={root_doc}),
                           config=SimpleNamespace(root_doc=root_doc, html_baseurl=""),
                           doctreedir=str(tmp_path / "_build" / ".doctrees"), outdir=str(tmp_path / "html"))


def test_a_source_title_cannot_break_out_of_the_landing_pages_json_ld(data_copy, tmp_path, monkeypatch):
    rows = read_rows(data_copy / "sources.csv")
    header = rows[0]
    outside = next(row for row in rows[1:] if row[header.index("kind")] != "source-article")
    outside[header.index("title")] = BREAKOUT
    write_rows(data_copy / "sources.csv", rows)
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data_copy))
    context = {"pathto": lambda target, _: target}
    mibook_apparatus._head(_app(tmp_path), "index", "page.html", context, None)
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', context["metatags"], flags=re.S)
    assert "<" not in block, "a `<` in the JSON-LD lets the data end the script or open a comment in <head>"
    names = [work["name"] for work in json.loads(block)["@graph"][0]["citation"]]
    assert BREAKOUT in names


def test_every_script_block_uses_the_one_json_escape():
    assert render.script_json is web.script_json and mibook_apparatus.script_json is web.script_json
    text = web.script_json({"title": BREAKOUT}, indent=1)
    assert "<" not in text and json.loads(text) == {"title": BREAKOUT}


def test_a_deleted_data_zip_is_written_again_though_the_kit_is_newer(tmp_path):
    app = _app(tmp_path)
    downloads = tmp_path / "html" / "downloads"
    downloads.mkdir(parents=True)
    kit = downloads / paths.KIT_ZIP
    kit.write_bytes(b"kit")
    future = time.time() + 3600
    os.utime(kit, (future, future))  # newer than every data file
    mibook_sphinx._write_data_zip(app, None)
    assert (downloads / paths.DATA_ZIP).is_file(), "the method page links a data zip the build never wrote"
    data_zip = downloads / paths.DATA_ZIP
    written = data_zip.stat().st_mtime_ns
    mibook_sphinx._write_data_zip(app, None)
    assert data_zip.stat().st_mtime_ns == written, "a data zip newer than the data is kept"


def test_script_json_is_sorted_and_keeps_text_as_written():
    assert web.script_json({"b": "Moscow–Islamabad", "a": 1}) == '{"a": 1, "b": "Moscow–Islamabad"}'


def test_the_json_ld_dates_each_source_as_precisely_as_the_table_does(data):
    """A source dated to the month is cited as `2018-11`, never as the first day of it (a precision the
    source does not have); one dated to the day keeps the day; an undated page gets no date at all (not
    the text "NaT")."""
    sources = data["sources"][data["sources"].kind != "source-article"].set_index("title")
    formats = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
    works = mibook_apparatus._context_sources()
    assert len(works) == len(sources)
    assert set(sources.date_precision.astype(str)) >= {"month", "day", "undated"}
    for work in works:
        source = sources.loc[work["name"]]
        precision = str(source.date_precision)
        if precision == "undated":
            assert "datePublished" not in work, work
        else:
            assert work["datePublished"] == source.date_published.strftime(formats[precision]), (work, precision)


def test_protocol_relative_assets_count_as_remote_and_are_dropped():
    """`//cdn.example.org/x.js` loads from another host as surely as `https://`: the book serves nothing
    from elsewhere, so the page keeps only its own scripts and stylesheets."""
    asset = lambda name, body="": SimpleNamespace(filename=name, attributes={"body": body} if body else {})  # noqa: E731
    context = {"script_files": [asset("//cdn.example.org/x.js"), asset("https://cdn.example.org/y.js"),
                                asset("_static/mibook-cite.js")],
               "css_files": [asset("//cdn.example.org/x.css"), asset("_static/mibook.css")]}
    mibook_sphinx._offline_assets(None, "index", "page.html", context, None)
    assert [s.filename for s in context["script_files"]] == ["_static/mibook-cite.js"]
    assert [c.filename for c in context["css_files"]] == ["_static/mibook.css"]


def test_highwire_dates_the_book_as_google_scholar_reads_it(tmp_path, monkeypatch):
    """`citation_publication_date` is yyyy/mm/dd (Highwire's form), the book's date."""
    from mibook import metadata

    monkeypatch.setattr(mibook_sphinx, "_built_pdf", lambda app: tmp_path / "none.pdf")
    tags = dict(mibook_apparatus.highwire_tags(_app(tmp_path), "index", {}))
    assert tags["citation_publication_date"] == metadata.book().date.replace("-", "/")
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", tags["citation_publication_date"])


def test_the_search_index_keeps_every_word_some_page_holds_and_drops_the_rest():
    """A word found on one page is stored as that page's number (0 included); a word no page holds any more,
    an empty list, is left out."""
    def get_terms(self, fn2index):
        return {"only-first": 0, "gone": [], "both": [0, 2]}, {"title-first": 0, "title-gone": []}

    terms = mibook_sphinx._terms_in_some_page(get_terms)
    assert terms(None, {}) == ({"only-first": 0, "both": [0, 2]}, {"title-first": 0})
    assert mibook_sphinx._terms_in_some_page(terms) is terms  # wrapped once, however often setup runs
