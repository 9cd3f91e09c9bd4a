import base64

import altair as alt
import pandas as pd
import pytest

from mibook.render import BookChart, BookTable, canonical_pdf, markdown_escape


def _chart(title="Findings <b>bold</b>"):
    frame = pd.DataFrame({"label": ["a</script><script>alert(1)</script>", "b"], "value": [1, 2]})
    chart = alt.Chart(frame, description='A "test" chart').mark_bar().encode(x="value:Q", y="label:N")
    return BookChart(chart.properties(title=title), "test-chart", frame)


def test_bundle_has_html_and_vector_pdf():
    bundle = _chart()._repr_mimebundle_()
    assert set(bundle) == {"text/html", "application/pdf", "text/plain"}
    pdf = base64.b64decode(bundle["application/pdf"])
    assert pdf.startswith(b"%PDF")
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf


def test_html_is_stable_and_carries_the_chart_id():
    first, second = _chart().html(), _chart().html()
    assert first == second
    assert 'data-chart-id="test-chart"' in first and 'id="chart-test-chart"' in first
    assert 'aria-label="A &quot;test&quot; chart"' in first


def test_embedded_spec_cannot_close_its_script_tag():
    html = _chart().html()
    spec_part = html.split('class="mibook-chart-spec">', 1)[1].split("</script>", 1)[0]
    assert "<" not in spec_part
    assert "<script>alert(1)" not in html


def test_pdf_bytes_are_reproducible():
    chart = _chart()
    assert len({chart.pdf() for _ in range(6)}) == 1


def test_canonical_pdf_is_idempotent():
    pdf = _chart().pdf()
    assert canonical_pdf(pdf) == pdf


def test_chart_needs_description_and_a_slug_name():
    frame = pd.DataFrame({"x": [1]})
    with pytest.raises(ValueError, match="description"):
        BookChart(alt.Chart(frame).mark_point().encode(x="x:Q"), "no-description", frame)
    with pytest.raises(ValueError, match="name"):
        BookChart(alt.Chart(frame, description="d").mark_point().encode(x="x:Q"), "Bad Name", frame)


def test_table_escapes_html_and_latex_and_links_claims():
    hostile = '<img src=x onerror="alert(1)"> 50% & $5_{x}~^\\#'
    table = BookTable(pd.DataFrame({"Claim": ["c-trade-01"], "Quote": [hostile]}))
    html = table.html()
    assert "<img" not in html and "&lt;img" in html
    assert 'href="appendix/claims-ledger.html#c-trade-01"' in html
    markdown = table.markdown()
    assert markdown.startswith("```{list-table}") and markdown.endswith("```")
    assert r"\<img src\=x onerror\=\"alert\(1\)\"\>" in markdown
    assert markdown_escape("*not* `code` {role}`x` 1. a") == r"\*not\* \`code\` \{role\}\`x\` 1\. a"


def test_markdown_table_renders_as_literal_text():
    from markdown_it import MarkdownIt

    hostile = "**bold** <script>alert(1)</script> [link](http://x) $x$ 1. item"
    rendered = MarkdownIt("commonmark").render(markdown_escape(hostile))
    assert "<strong>" not in rendered and "<script>" not in rendered and "<a " not in rendered
