import copy
import json
import re

import altair as alt
import pandas as pd
import pytest

from mibook import geometry, paths, render, style, tables
from mibook.render import BookChart, canonical_pdf
from mibook.tables import BookTable, markdown_escape


def _chart(title="Findings <b>bold</b>"):
    frame = pd.DataFrame({"label": ["a</script><script>alert(1)</script>", "b"], "value": [1, 2]})
    chart = alt.Chart(frame, description='A "test" chart').mark_bar().encode(x="value:Q", y="label:N")
    return BookChart(chart.properties(title=title), "test-chart", frame)


def test_bundle_has_html_and_the_svg_the_print_build_makes_a_vector_pdf_of():
    chart = _chart()
    bundle = chart._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/svg+xml", "text/plain"}
    assert bundle["image/svg+xml"] == render.svg(chart.printed) and chart.static_svg in bundle["text/html"]
    assert render.svg_width(bundle["image/svg+xml"]) <= geometry.PRINT_COLUMN  # drawn for the print measure
    pdf = render.vector_pdf(bundle["image/svg+xml"])
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
    assert len({render.vector_pdf(chart.static_svg) for _ in range(6)}) == 1


def test_pdf_draws_the_static_svg():
    """The print edition's PDF is converted from the page's static SVG, so both show the same words."""
    import io

    from pypdf import PdfReader

    chart = _chart("A title only the chart has")
    words = PdfReader(io.BytesIO(render.vector_pdf(chart.static_svg))).pages[0].extract_text()
    assert "A title only the chart has" in chart.static_svg and "A title only the chart has" in words


def _text_width(font: str) -> float:
    spec = {"data": {"values": [{"t": "Mmmmmmmmmm mmmmmmmm"}]}, "mark": {"type": "text", "font": font, "fontSize": 20},
            "encoding": {"text": {"field": "t"}}}
    return render.svg_width(render.svg(spec))


def test_charts_are_drawn_with_the_bundled_font_not_the_machines(monkeypatch):
    """A font the machine may have (DejaVu Sans, here) is unknown to the renderer, like a made-up one,
    so a chart's layout cannot depend on the fonts installed; the environment is left as it was."""
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    assert _text_width("DejaVu Sans") == _text_width("No Such Font") != _text_width("Liberation Sans")
    assert "FONTCONFIG_FILE" not in __import__("os").environ


def test_canonical_pdf_is_idempotent():
    pdf = render.vector_pdf(_chart().static_svg)
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
    assert markdown_escape("one\ntwo\r\n  three\t") == "one two three"  # one line: a newline ends a print table row


def test_a_table_caption_is_the_printed_tables_title_and_stays_text():
    table = BookTable(pd.DataFrame({"Tie": ["Military ties"]}), caption="Ties *as stated* {cite}`x`")
    assert table.markdown().splitlines()[0] == r"```{list-table} Ties \*as stated\* \{cite\}\`x\`"
    assert BookTable(pd.DataFrame({"Tie": ["Military ties"]})).markdown().splitlines()[0] == "```{list-table}"
    assert "Ties" not in table.html()  # the web sets the table under its heading


def test_markdown_table_renders_as_literal_text():
    from markdown_it import MarkdownIt

    hostile = "**bold** <script>alert(1)</script> [link](http://x) $x$ 1. item"
    rendered = MarkdownIt("commonmark").render(markdown_escape(hostile))
    assert "<strong>" not in rendered and "<script>" not in rendered and "<a " not in rendered


def _long_label_chart():
    frame = pd.DataFrame({"label": ["A rather long category label that needs room", "Short"], "value": [3, 5],
                          "claim_id": ["c-trade-01", "c-trade-02"]})
    chart = alt.Chart(frame, description="d").mark_bar().encode(
        x="value:Q", y="label:N", color=alt.Color("label:N", legend=alt.Legend(columns=2)))
    title = alt.Title("A finding that is stated in a sentence long enough to need two lines on a desktop",
                      subtitle=["Source: Bokhari (2019), ¶4"])
    return BookChart(chart.properties(width=440, title=title), "long-labels", frame)


def _patched(spec, patches):
    """What the page script does with the narrow patches."""
    result = copy.deepcopy(spec)
    for path, value in patches:
        owner = result
        for key in path[:-1]:
            owner = owner[key]
        owner[path[-1]] = value
    return result


def test_titles_wrap_to_the_column_and_fonts_sit_on_the_type_scale():
    chart = _long_label_chart()
    assert isinstance(chart.drawn["title"]["text"], list) and len(chart.drawn["title"]["text"]) == 2
    sizes = {owner[key] for owner, key in style.font_sizes(chart.drawn)}
    assert sizes <= set(style.TYPE_SCALE.values())


def test_narrow_variant_fits_a_phone_and_ships_as_patches():
    chart = _long_label_chart()
    variant = render.narrow(chart.spec)
    assert render.svg_width(chart.static_svg) > style.NARROW_WIDTH + 4 >= render.svg_width(render.svg(variant))
    patches = render.spec_patches(chart.drawn, variant)
    assert _patched(chart.drawn, patches) == variant
    assert len(json.dumps(patches)) < len(json.dumps(variant)) / 2  # the data is not repeated
    page = chart.html()
    shipped = json.loads(page.split('class="mibook-chart-renderings">', 1)[1].split("</script>", 1)[0])
    assert shipped["narrow"] == json.loads(json.dumps(patches))
    assert _patched(chart.drawn, shipped["narrow-dark"]) == style.dark(variant)


def test_four_static_renderings_light_and_dark_the_print_edition_light_and_wide():
    chart = _long_label_chart()
    page = chart.html()
    shown = re.findall(r'class="mibook-chart-static" data-rendering="([a-z-]+)"', page)
    assert shown == ["wide", "narrow", "wide-dark", "narrow-dark"]
    assert chart.static_svg == render.svg(chart.drawn)
    assert chart._repr_mimebundle_()["image/svg+xml"] == render.svg(chart.printed)  # print: light, its own width
    assert style.DARK_BACKGROUND in render.svg(chart.renderings["wide-dark"]) and \
        style.DARK_BACKGROUND not in chart.static_svg


def test_print_stacks_a_legend_too_wide_for_the_column_before_taking_the_phone_form():
    """A legend row wider than the print column goes into one column, its labels wrapped as long as fits:
    the plot keeps its wide-form labels (and its height) instead of the phone form's wrapped rows."""
    voices = ["Sitwat Waqar Bokhari, the author", "Tehmina Janjua, Pakistan's Foreign Secretary (as reported)"]
    frame = pd.DataFrame({"row": [f"Statement number {i} about Afghan peace" for i in range(8)],
                          "kind": ["a", "b"] * 4, "voice": voices * 4})
    chart = alt.Chart(frame, description="d").mark_point().encode(
        y="row:N", x="kind:N", shape=alt.Shape("voice:N", legend=alt.Legend(orient="bottom", labelLimit=480)))
    printed = BookChart(chart.properties(width=300), "legend", frame).printed
    assert render.svg_width(render.svg(printed)) <= geometry.PRINT_COLUMN
    legend = printed["encoding"]["shape"]["legend"]
    assert legend["columns"] == 1 and "split(" in legend["labelExpr"]
    assert printed["encoding"]["y"].get("axis", {}).get("labelExpr") is None  # rows not wrapped: not the phone form


def test_a_narrow_chart_is_widened_to_its_column():
    frame = pd.DataFrame({"label": ["a", "b"], "value": [3, 5]})
    chart = BookChart(alt.Chart(frame, description="d").mark_bar().encode(x="value:Q", y="label:N")
                      .properties(width=200), "small", frame)
    assert render.FILL_SHARE * render.WIDE_COLUMN <= render.svg_width(chart.static_svg) <= render.WIDE_COLUMN


def test_chart_text_gets_curly_quotes_but_expressions_and_fields_stay():
    frame = pd.DataFrame({"t": ["the article's \"appears\""]})
    chart = alt.Chart(frame, description="Pakistan's view").mark_text().encode(
        text="t:N", color=alt.condition("datum.t == 'x'", alt.value("#111111"), alt.value("#222222")))
    drawn = BookChart(chart.properties(title="Russia's offer"), "quotes", frame).drawn
    assert drawn["title"] == "Russia’s offer" and drawn["description"] == "Pakistan’s view"
    assert list(drawn["datasets"].values())[0] == [{"t": "the article’s “appears”"}]
    assert drawn["encoding"]["color"]["condition"]["test"] == "datum.t == 'x'"


def test_dark_rendering_turns_greys_keeps_palette_and_lifts_text():
    spec = {"mark": {"type": "text", "color": "#6b6b6b"}, "config": {"title": {"color": "#222222"}},
            "layer": [{"mark": {"type": "rect", "fill": "white", "stroke": "#0072B2"}}]}
    dark = style.dark(spec)
    assert dark["config"]["background"] == style.DARK_BACKGROUND
    assert style.contrast(dark["mark"]["color"], style.DARK_BACKGROUND) >= style.MIN_CONTRAST
    assert style.contrast(dark["config"]["title"]["color"], style.DARK_BACKGROUND) >= 7
    assert dark["layer"][0]["mark"] == {"type": "rect", "fill": style.DARK_BACKGROUND, "stroke": "#0072B2"}
    assert style.dark_colour("#D55E0055") == "#D55E0055" and style.dark_colour("#08306b") != "#08306b"


def test_chart_text_is_darkened_to_reach_contrast_but_light_labels_stay():
    frame = pd.DataFrame({"x": [1], "t": ["a"]})
    base = alt.Chart(frame, description="d").encode(x="x:Q", text="t:N")
    layers = alt.layer(base.mark_text(color="#999999"), base.mark_text(color="white"))
    chart = BookChart(layers.properties(description="d"), "texts", frame)
    colours = [layer["mark"]["color"] for layer in chart.drawn["layer"]]
    assert style.contrast(colours[0], style.BACKGROUND) >= style.MIN_CONTRAST and colours[1] == "white"


def test_chart_data_table_has_reader_column_names_in_a_scroll_box():
    page = _long_label_chart().html()
    assert "<th>Claim</th>" in page and "claim_id" not in page.split("mibook-chart-data", 1)[1]
    assert '<div class="mibook-scroll" role="region" tabindex="0"' in page
    assert 'href="#chart-long-labels"' in page
    assert 'class="claim-link mibook-id"' in BookTable(pd.DataFrame({"Claim": ["c-trade-01"]})).html()


def test_svg_ids_are_renamed_per_rendering_with_their_references():
    markup = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip7"/></svg>'
    assert render.unique_ids(markup, "m") == (
        '<svg><clipPath id="m-1"><rect/></clipPath><g clip-path="url(#m-1)"/><use href="#m-1"/></svg>')


def test_a_column_is_prose_from_eight_words_on_and_its_label_is_escaped():
    eight, seven = "one two three four five six seven eight", "one two three four five six seven"
    frame = pd.DataFrame({"Quote": [eight, eight], "Note": [seven, seven]})
    assert tables.prose_columns(frame) == {"Quote"}
    assert tables.table_cell('a"<b', "x", False) == '<td data-label="a&quot;&lt;b">x</td>'


def test_a_column_with_empty_cells_is_judged_by_its_filled_ones():
    """Empty cells do not dilute a prose column: two twelve-word quotes among eight blanks are still prose."""
    quote = "one two three four five six seven eight nine ten eleven twelve"
    frame = pd.DataFrame({"Quote": [quote, quote, *[""] * 8], "Label": ["a"] * 10})
    assert tables.prose_columns(frame) == {"Quote"}


def test_a_chart_a_little_too_wide_narrows_its_plot_by_the_excess_only():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})).mark_bar().encode(x="x:Q", y="y:N").properties(
        width=400)
    spec = chart.to_dict()
    natural = render.svg_width(render.svg(spec))
    render._narrow_plots(spec, natural - 30)  # 30 px too wide
    assert spec["width"] == pytest.approx(370, abs=1)
    render._narrow_plots(spec, 10)  # far too wide: never below the floor
    assert spec["width"] == pytest.approx(render.MIN_PLOT_WIDTH, abs=1)


def test_a_book_table_in_html_and_markdown_pins_every_part():
    """Widths (equal shares by default), the "¶" and empty cells, prose columns and the scroll box's label,
    as the web and print editions read them."""
    quote = "one two three four five six seven eight nine"
    frame = pd.DataFrame({"¶": [4, "¶5"], "Quote": [quote, quote], "Note": ["a", None]}, index=[7, 9])
    table = BookTable(frame)
    page = table.html()
    assert page.startswith('<div class="mibook-scroll" role="region" tabindex="0" aria-label="Table"><table ')
    assert page.count('<col style="width: 33%">') == 3
    assert '<th scope="col">¶</th><th scope="col" class="mibook-prose">Quote</th><th scope="col">Note</th>' in page
    assert '<td data-label="¶">¶4</td>' in page and '<td data-label="¶">¶5</td>' in page
    assert f'<td data-label="Quote" class="mibook-prose">{quote}</td>' in page
    assert '<td data-label="Note"></td>' in page and 'class="mibook-table mibook-cards"' in page
    assert (f'<tbody><tr><td data-label="¶">¶4</td><td data-label="Quote" class="mibook-prose">{quote}</td>'
            f'<td data-label="Note">a</td></tr><tr><td data-label="¶">¶5</td>') in page  # rows and cells abut
    with pytest.raises(ValueError):  # a heading for every column, no more, no fewer
        tables.table_html(["A", "B"], [0.5, 0.5], set(), [], head=["only one"])
    plain = BookTable(pd.DataFrame({"A": ["x"], "B": ["y"]}), widths=[0.004, 0.996])
    assert 'class="mibook-table"><colgroup><col style="width: 0%"><col style="width: 100%">' in plain.html()
    lines = plain.markdown().split("\n")
    assert lines[:4] == ["```{list-table}", ":header-rows: 1", ":widths: 1 100", ":class: longtable"]
    blank = BookTable(pd.DataFrame({"A": ["x"], "B": [None]}), caption="Rows: things").markdown().split("\n")
    assert blank[0] == "```{list-table} Rows\\: things" and blank[-2:] == ["  -  ", "```"]
    bundle = table._repr_mimebundle_()
    assert sorted(bundle) == ["text/html", "text/markdown", "text/plain"] and bundle["text/html"] == page
    assert bundle["text/plain"] == frame.reset_index(drop=True).to_string(index=False)
    assert bundle["text/markdown"] == table.markdown()


def test_the_print_geometry_is_the_page_set_ups():
    """The print column and height follow from the book's A4 margins (_config.yml) and the style file's cap on a
    chart's height; the print scale is the largest at which 11 px type still prints at 8 pt."""
    import yaml

    config = yaml.safe_load((paths.PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    setup = config["sphinx"]["config"]["latex_elements"]["sphinxsetup"]
    cm = 72 / 2.54
    hmargins = [float(v) for v in re.search(r"hmargin=\{([\d.]+)cm,([\d.]+)cm\}", setup).groups()]
    vmargins = [float(v) for v in re.search(r"vmargin=\{([\d.]+)cm,([\d.]+)cm\}", setup).groups()]
    assert geometry.PRINT_WIDTH_PT == pytest.approx((21.0 - sum(hmargins)) * cm, abs=0.5)
    assert geometry.PRINT_TEXT_HEIGHT_PT == pytest.approx((29.7 - sum(vmargins)) * cm, abs=0.5)
    assert 8 <= 11 * geometry.PRINT_SCALE < 8.05 and geometry.PRINT_COLUMN * geometry.PRINT_SCALE == pytest.approx(
        geometry.PRINT_WIDTH_PT)
    style_file = (paths.PROJECT_ROOT / "_ext" / "latex" / "mibook-print.sty").read_text(encoding="utf-8")
    cap = float(re.search(r"\\spx@image@maxheight=([\d.]+)\\textheight", style_file).group(1))
    assert geometry.PRINT_HEIGHT * geometry.PRINT_SCALE == pytest.approx(cap * geometry.PRINT_TEXT_HEIGHT_PT, abs=1)
