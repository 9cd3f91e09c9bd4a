"""_ext/mibook_reading.py: each "¶N" of a page becomes a link to the article's paragraph, with its words on
the page for the hover popover. The HTML functions called directly; the post-transform, the page hook and the
setup in a tiny Sphinx project (tests/tiny_sphinx.py) built once, in a second or two."""

import json
import re
import sys

import pytest

from mibook import paths
from tests.tiny_sphinx import body, build, warnings, write_pages

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))
import mibook_reading  # noqa: E402

CONF = '''
from docutils import nodes

extensions = ["myst_parser", "mibook_reading"]


def pasted(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Stands for myst-nb's {glue:text}: a notebook's value pasted as an inline node."""
    return [nodes.inline(text, text, classes=["pasted-text"])], []


def setup(app):
    app.add_role("pasted", pasted)
'''
PAGES = {
    "index": "# Home\n\n```{toctree}\n:hidden:\nabout\nchapters/prose\nchapters/raw\nchapters/claims\n"
             "chapters/unknown-claim\nchapters/plain\nchapters/appendix/source\n```\n",
    "about": "# About\n\nThe trade figure is in ¶2.\n",
    "chapters/prose": (
        "# Prose\n\n"
        "## Why ¶8 matters\n\n"
        "As ¶4 says, and `¶5` in code, see [¶6](https://example.org); ¶27 is no paragraph, ¶11 the author's note.\n\n"
        "¶3 opens this.\n\n"
        "Pasted: ¶{pasted}`4` here, ¶{pasted}`11` and ¶{pasted}`2`\n\n"
        "¶{pasted}`9`\n\n"
        "Both ¶1 and ¶{pasted}`10`, then ¶{pasted}`5`.\n\n"
        "Marked with ¶\n\n"
        "```text\n¶7 in a code block\n```\n"),
    "chapters/raw": ('# Raw\n\n<div class="x">as ¶4 says <a href="x.html">¶5</a> <span title="see ¶6">and ¶7</span>'
                     '</div>\n\n<p><a href="appendix/claims-ledger.html#c-bilateral-02">c-bilateral-02</a></p>\n'),
    "chapters/claims": '# Claims\n\n<p><a href="appendix/claims-ledger.html#c-energy-01">the MoU</a></p>\n',
    "chapters/unknown-claim": '# Unknown\n\n<p><a href="appendix/claims-ledger.html#c-none-99">nothing</a></p>\n',
    "chapters/plain": "# Plain\n\nNo paragraph marks here.\n",
    "chapters/appendix/source": ('# Source\n\n¶4 stays plain here.\n\n'
                                 '<p><a href="claims-ledger.html#c-bilateral-01">c-bilateral-01</a></p>\n'),
}
TO_SOURCE = "appendix/source.html"  # from a chapter


def pref(number: int, uri: str = TO_SOURCE, text: str | None = None) -> str:
    """A "¶N" link as the post-transform writes it into prose."""
    return f'<a class="mibook-pref reference external" href="{uri}#p-{number}">{text or f"¶{number}"}</a>'


def glued(number: int) -> str:
    return pref(number, text=f'¶<span class="pasted-text">{number}</span>')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    source = tmp_path_factory.mktemp("reading") / "src"
    write_pages(source, PAGES, CONF)
    app, _ = build(source)
    return app


def paragraphs(app, docname: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", body(app, docname), re.S)


def evidence_json(app, docname: str) -> dict | None:
    found = re.findall(r'<script type="application/json" id="mibook-evidence">(.*?)</script>', body(app, docname))
    assert len(found) <= 1
    return json.loads(found[0]) if found else None


# --- the functions, called directly ------------------------------------------------------------------------

def test_evidence_holds_the_body_paragraphs_and_every_claim(data):
    paragraphs, claims = mibook_reading.evidence()
    assert paragraphs == {p.number: p.text for p in data.paragraphs if p.kind == "body"}
    assert 11 not in paragraphs  # the author's note is no evidence
    frame = data["claims"]
    assert claims == {row.claim_id: (row.paragraph, row.quote) for row in frame.itertuples()}
    assert claims["c-bilateral-02"] == (1, frame.set_index("claim_id").quote["c-bilateral-02"])


def test_link_html_links_each_body_paragraph_and_leaves_other_numbers():
    assert mibook_reading.link_html("¶4, ¶11 and ¶27; see ¶10.", "s.html") == (
        '<a class="mibook-pref" href="s.html#p-4">¶4</a>, ¶11 and ¶27; see '
        '<a class="mibook-pref" href="s.html#p-10">¶10</a>.')


@pytest.mark.parametrize("tag", ["a", "button", "code", "pre", "textarea", "option", "title", "A", "CODE"])
def test_raw_html_leaves_a_mark_inside_each_element_that_cannot_hold_a_link(tag):
    markup = f'<{tag} class="k">¶4</{tag}> then ¶5'
    assert mibook_reading.link_raw_html(markup, "s.html") == (
        f'<{tag} class="k">¶4</{tag}> then <a class="mibook-pref" href="s.html#p-5">¶5</a>')


def test_raw_html_leaves_comments_scripts_styles_and_drawings_over_several_lines():
    untouched = ("<!-- see\n¶4 -->\n<SCRIPT>\nvar x = '¶4';\n</SCRIPT>\n<style>\n/* ¶4 */\n</style>\n"
                 "<svg>\n<text>¶4</text>\n</svg>")
    assert mibook_reading.link_raw_html(untouched + "<p>¶6</p>", "s.html") == (
        untouched + '<p><a class="mibook-pref" href="s.html#p-6">¶6</a></p>')


def test_raw_html_counts_nested_elements_and_links_again_after_the_outer_one_closes():
    markup = '<a href="x"><code>¶4</code> and ¶5</a> but ¶6 <a>¶7</a>'
    assert mibook_reading.link_raw_html(markup, "s.html") == (
        '<a href="x"><code>¶4</code> and ¶5</a> but <a class="mibook-pref" href="s.html#p-6">¶6</a> <a>¶7</a>')


def test_raw_html_never_writes_a_link_into_an_attribute():
    markup = '<span title="see ¶4">¶5</span>'
    assert mibook_reading.link_raw_html(markup, "s.html") == (
        '<span title="see ¶4"><a class="mibook-pref" href="s.html#p-5">¶5</a></span>')


def test_raw_html_without_a_mark_is_returned_as_it_was():
    markup = "<table><tr><td>4</td></tr></table>"
    assert mibook_reading.link_raw_html(markup, "s.html") == markup


def test_prose_link_leaves_no_empty_text_beside_the_links():
    """"¶4 and ¶5": the text becomes [link, " and ", link], never with an empty text node at either end."""
    from docutils import nodes

    paragraph = nodes.paragraph()
    paragraph += nodes.Text("¶4 and ¶5")
    mibook_reading.EvidenceLinks._link(paragraph.children[0], "s.html")
    assert [(type(child).__name__, child.astext()) for child in paragraph.children] == [
        ("reference", "¶4"), ("Text", " and "), ("reference", "¶5")]


# --- in a built book -----------------------------------------------------------------------------------------

def test_the_book_builds_without_warnings(site):
    assert warnings(site) == []


def test_prose_links_body_paragraphs_but_not_in_code_links_headings_or_code_blocks(site):
    page = body(site, "chapters/prose")
    assert paragraphs(site, "chapters/prose")[:2] == [
        f'As {pref(4)} says, and <code class="docutils literal notranslate"><span class="pre">¶5</span></code> in '
        'code, see <a class="reference external" href="https://example.org">¶6</a>; ¶27 is no paragraph, ¶11 the '
        "author’s note.",
        f"{pref(3)} opens this."]
    assert "<h2>Why ¶8 matters<" in page
    assert "¶7 in a code block" in page


def test_a_mark_with_a_pasted_number_becomes_one_link_around_both(site):
    assert paragraphs(site, "chapters/prose")[2:6] == [
        f'Pasted: {glued(4)} here, ¶<span class="pasted-text">11</span> and {glued(2)}',
        glued(9),
        f"Both {pref(1)} and {glued(10)}, then {glued(5)}.",
        "Marked with ¶"]


def test_a_page_one_level_up_links_to_the_source_page_by_its_own_path(site):
    assert paragraphs(site, "about") == [f"The trade figure is in {pref(2, 'chapters/appendix/source.html')}."]
    assert evidence_json(site, "about")["source"] == "chapters/appendix/source.html"


def test_raw_html_in_a_page_is_linked_outside_links_and_attributes(site):
    assert ('<div class="x">as <a class="mibook-pref" href="appendix/source.html#p-4">¶4</a> says '
            '<a href="x.html">¶5</a> <span title="see ¶6">and '
            '<a class="mibook-pref" href="appendix/source.html#p-7">¶7</a></span></div>') in body(site, "chapters/raw")


def test_the_source_page_keeps_its_own_marks_and_carries_no_evidence(site):
    assert paragraphs(site, "chapters/appendix/source")[0] == "¶4 stays plain here."
    assert evidence_json(site, "chapters/appendix/source") is None


def test_each_page_carries_the_words_of_the_paragraphs_and_claims_it_links_to(site, data):
    text = {p.number: p.text for p in data.paragraphs}
    quote = data["claims"].set_index("claim_id").quote
    assert evidence_json(site, "chapters/prose") == {
        "source": TO_SOURCE, "claims": {}, "paragraphs": {str(n): text[n] for n in (1, 2, 3, 4, 5, 9, 10)}}
    assert evidence_json(site, "chapters/raw") == {
        "source": TO_SOURCE, "paragraphs": {str(n): text[n] for n in (1, 4, 7)},
        "claims": {"c-bilateral-02": {"paragraph": 1, "quote": quote["c-bilateral-02"]}}}


def test_a_page_linking_only_a_claim_carries_the_claims_paragraph_too(site, data):
    claims = data["claims"].set_index("claim_id")
    paragraph = int(claims.paragraph["c-energy-01"])
    assert paragraph != 1  # not the paragraph of the claims listed first
    assert evidence_json(site, "chapters/claims") == {
        "source": TO_SOURCE,
        "paragraphs": {str(paragraph): next(p.text for p in data.paragraphs if p.number == paragraph)},
        "claims": {"c-energy-01": {"paragraph": paragraph, "quote": claims.quote["c-energy-01"]}}}


def test_a_page_without_evidence_links_carries_no_evidence(site):
    for docname in ("chapters/plain", "chapters/unknown-claim", "index"):
        assert evidence_json(site, docname) is None, docname


def test_every_page_loads_the_tables_stylesheet_and_the_popover_style_and_script(site):
    page = (site.outdir / "chapters" / "plain.html").read_text(encoding="utf-8")
    for pattern in (r'<link rel="stylesheet" type="text/css" href="\.\./_static/mibook-tables\.css" />',
                    r'<link rel="stylesheet" type="text/css" href="\.\./_static/mibook-evidence\.css" />',
                    r'<script src="\.\./_static/mibook-evidence\.js"></script>'):
        assert re.search(pattern, page), pattern


def test_the_extension_reads_and_writes_in_parallel_and_states_its_version(tmp_path):
    write_pages(tmp_path / "src", {"index": "# Home\n"}, CONF)
    app, _ = build(tmp_path / "src", confoverrides={"needs_extensions": {"mibook_reading": "1.0"}})
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    assert warnings(app) == []


def test_the_print_edition_keeps_the_marks_as_text(tmp_path):
    write_pages(tmp_path / "src", {"index": "# Home\n\nAs ¶4 says.\n"}, CONF)
    app, _ = build(tmp_path / "src", "latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\nAs \\P{}4 says.\n" in tex and "href" not in tex
