"""_ext/mibook_appendix.py: the `mibook-generated` directive and the `mibook-fact` role in a tiny Sphinx project
(tests/tiny_sphinx.py), built and built again in a second or two: what each builder shows, the errors, and which
pages an incremental build reads again (only those whose recorded reads changed)."""

import re
import shutil
import sys
from types import SimpleNamespace

import pytest

from mibook import appendix, paths
from tests.tiny_sphinx import body, build, warnings, write_pages

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))
import mibook_appendix  # noqa: E402

CONF = 'extensions = ["myst_parser", "mibook_appendix"]\n'
CHAPTER = ("---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\nkernelspec:\n"
           "  display_name: Python 3\n  language: python\n  name: python3\n---\n\n# {title}\n\nA chapter.\n")
TOC = "format: jb-book\nroot: index\nparts:\n  - caption: The book\n    chapters:\n      - file: chapters/one\n"
PAGES = {  # read in this order (Sphinx reads pages sorted by name)
    "index": "# Home\n\n```{toctree}\n:hidden:\na-fact\nb-versions\nc-downloads\nd-sources\ne-source-text\nf-plain\n"
             "g-versions\nchapters/one\n```\n",
    "a-fact": "# Fact\n\nThe ledger lists {mibook-fact}`claims_total` claims.\n",
    "b-versions": "# Versions\n\n```{mibook-generated} versions\n```\n",
    "c-downloads": "# Downloads\n\n```{mibook-generated} downloads\n```\n",
    "d-sources": "# Sources\n\n```{mibook-generated} context-sources\n```\n",
    "e-source-text": "# Source\n\n```{mibook-generated} source-text\n```\n",
    "f-plain": "# Plain\n\nNothing generated.\n",
    "g-versions": "# The versions again\n\n```{mibook-generated} versions\n```\n",
    "chapters/one": CHAPTER.format(title="One"),
}


@pytest.fixture
def book(tmp_path, monkeypatch):
    """The tiny book's sources, as a project of their own (a `_toc.yml` with one chapter, the bibliography),
    reading the book's data."""
    source = tmp_path / "src"
    write_pages(source, PAGES, CONF)
    (source / "_toc.yml").write_text(TOC, encoding="utf-8")
    shutil.copy(paths.PROJECT_ROOT / "references.bib", source)
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(paths.data_dir()))
    monkeypatch.setattr(paths, "PROJECT_ROOT", source)
    return source


def edit_summary(data_dir, claim_id: str = "c-bilateral-01") -> None:
    """An edit of the claims table that keeps it valid: a claim's summary."""
    path = data_dir / "claims.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (at,) = [i for i, row in enumerate(rows) if row.startswith(f"{claim_id},")]
    rows[at] = rows[at].replace("have been strained", "have long been strained", 1)
    assert rows[at] != path.read_text(encoding="utf-8").splitlines(keepends=True)[at]
    path.write_text("".join(rows), encoding="utf-8")


def another_version(monkeypatch) -> None:
    """One more distribution installed than the last build saw."""
    installed = paths.installed_distributions()
    monkeypatch.setattr(paths, "installed_distributions", lambda: [*installed, "newcomer-1.0.dist-info"])


# --- what each builder shows --------------------------------------------------------------------------------

def test_the_web_page_shows_each_generated_table_as_its_html_once_and_no_markdown(book):
    app, read = build(book)
    assert read == sorted(PAGES)
    assert warnings(app) == []
    for docname, html in (("b-versions", appendix.versions().html()), ("d-sources", appendix.context_sources().html()),
                          ("c-downloads", appendix.downloads().html())):
        assert body(app, docname).count(html) == 1, docname
    assert "<table" not in body(app, "b-versions").replace(appendix.versions().html(), "")
    assert "Needspace" not in body(app, "e-source-text")


def test_a_fact_is_written_into_the_sentence_as_text(book):
    app, _ = build(book)
    assert re.findall(r"<p>(.*?)</p>", body(app, "a-fact")) == [
        f"The ledger lists {appendix.facts()['claims_total']} claims."]


def test_the_print_edition_gets_the_markdown_and_keeps_the_byline_with_the_first_paragraph(book):
    app, _ = build(book, "latex")
    assert warnings(app) == []
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "<table" not in tex and "<ul" not in tex  # no web markup
    assert r"\sphinxstyletheadfamily" in tex and "Package" in tex and "Python" in tex  # the versions table
    assert "s website offers moscow" in tex  # the downloads sentence
    needspace = r"\Needspace{10\baselineskip}"
    assert tex.count(needspace) == 1
    after = tex.split(needspace, 1)[1].lstrip()
    assert after.startswith(r"\sphinxAtStartPar" "\n" r"\sphinxstylestrong{Are regional political changes"), after[:200]


def test_the_printed_reference_list_carries_the_class_the_print_edition_sets_it_by(book):
    from docutils import nodes
    from sphinx import addnodes

    app, _ = build(book, "latex")
    doctree = app.env.get_doctree("d-sources")
    (printed,) = [n for n in doctree.findall(addnodes.only) if n["expr"] == "format_latex"]
    lists = list(printed.findall(nodes.bullet_list))
    assert lists and all(listing["classes"] == ["mibook-context-sources"] for listing in lists)
    assert not any(n.get("classes") for n in doctree.findall(nodes.bullet_list) if n not in lists)


def test_an_unknown_table_or_fact_is_a_build_error_naming_it_and_the_known_ones(tmp_path):
    source = tmp_path / "src"
    write_pages(source, {"index": "# Home\n\nA {mibook-fact}`nope` here.\n\n```{mibook-generated} ledger\n```\n"},
                CONF)
    app, _ = build(source)
    assert warnings(app) == [
        f"{source / 'index.md'}:3: ERROR: unknown fact 'nope'; one of: {', '.join(appendix.facts())}",
        f"{source / 'index.md'}:5: ERROR: unknown generated table 'ledger'; one of: "
        "data-dictionary, claims-ledger, source-text, versions, context-sources, downloads"]
    assert list(appendix.facts())[:2] == ["first_body", "last_body"]


# --- what an incremental build reads again ------------------------------------------------------------------

def test_an_unchanged_book_is_not_read_again(book):
    build(book)
    _, read = build(book)
    assert read == []


def test_the_versions_pages_alone_are_read_again_when_an_installed_version_changes(book, monkeypatch):
    build(book)
    another_version(monkeypatch)
    _, read = build(book)
    assert read == ["b-versions", "g-versions"]
    _, read = build(book)
    assert read == []


def test_the_pages_that_read_a_table_are_read_again_when_it_changes(book, data_copy, monkeypatch):
    """a-fact and the source text read the claims; the versions page, built after the fact, read nothing."""
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data_copy))
    build(book)
    edit_summary(data_copy)
    _, read = build(book)
    assert read == ["a-fact", "e-source-text"]


def test_the_downloads_page_is_read_again_when_a_chapter_is_retitled(book):
    build(book)
    (book / "chapters" / "one.md").write_text(CHAPTER.format(title="One, retitled"), encoding="utf-8")
    app, read = build(book)
    assert read == ["c-downloads", "chapters/one"]
    assert "— One, retitled</li>" in body(app, "c-downloads")


def test_a_page_that_no_longer_shows_a_table_or_fact_is_not_read_again_for_it(book, data_copy, monkeypatch):
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data_copy))
    build(book)
    for docname in ("a-fact", "b-versions"):
        (book / f"{docname}.md").write_text("# Plain now\n\nNothing generated.\n", encoding="utf-8")
    _, read = build(book)
    assert read == ["a-fact", "b-versions"]
    another_version(monkeypatch)
    edit_summary(data_copy)
    _, read = build(book)
    assert read == ["e-source-text", "g-versions"]


def test_pages_read_in_parallel_keep_their_records(book, data_copy, monkeypatch):
    """With two processes each reads a share of the pages; their records join the main one (env-merge-info)."""
    monkeypatch.setenv("MIBOOK_DATA_DIR", str(data_copy))
    app, read = build(book, parallel=2)
    assert len(read) > 5 and app.is_parallel_allowed("read")  # enough pages for Sphinx to read in parallel
    another_version(monkeypatch)
    edit_summary(data_copy)
    _, read = build(book)
    assert read == ["a-fact", "b-versions", "e-source-text", "g-versions"]


def test_merged_records_keep_both_sides_and_take_only_the_other_processes_pages():
    env = SimpleNamespace(mibook_versions_pages={"a"}, mibook_data_reads={"a": {"claims": "1"}})
    other = SimpleNamespace(mibook_versions_pages={"b", "c"},
                            mibook_data_reads={"b": {"sources": "2"}, "c": {"claims": "3"}})
    mibook_appendix._merge(None, env, ["b"], other)
    assert env.mibook_versions_pages == {"a", "b"}
    assert env.mibook_data_reads == {"a": {"claims": "1"}, "b": {"sources": "2"}}


def test_the_versions_fingerprint_changes_with_python_or_any_distribution(monkeypatch):
    first = mibook_appendix.versions_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", first) and mibook_appendix.versions_fingerprint() == first
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert mibook_appendix.versions_fingerprint() != first
    monkeypatch.undo()
    another_version(monkeypatch)
    assert mibook_appendix.versions_fingerprint() != first


def test_the_extension_reads_and_writes_in_parallel_and_states_its_version(tmp_path):
    write_pages(tmp_path / "src", {"index": "# Home\n"}, CONF)
    app, _ = build(tmp_path / "src", confoverrides={"needs_extensions": {"mibook_appendix": "1.0"}})
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    assert warnings(app) == []
