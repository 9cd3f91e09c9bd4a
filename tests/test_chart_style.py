"""The chart style's print and legibility rules: unit tests, then every chart of the built book."""

import html
import json
import re

import altair as alt
import pandas as pd
import pytest

from mibook import render, style

_CHART = re.compile(r'<div class="mibook-chart" id="chart-([^"]+)".*?<svg[^>]*?\swidth="([0-9.]+)".*?'
                    r'class="mibook-chart-spec">(.*?)</script>', re.S)


def built_charts(html_folder):
    """(chart id, Vega-Lite spec, static width in px) of every chart in the built book."""
    found = []
    for page in sorted(html_folder.rglob("*.html")):
        for match in _CHART.finditer(page.read_text(encoding="utf-8")):
            found.append((match.group(1), json.loads(html.unescape(match.group(3))), float(match.group(2))))
    return found


def _colour_spec(colours, double_encode=None):
    rows = [{"kind": f"k{i}", "x": i} for i in range(len(colours))]
    encoding = {"x": {"field": "x", "type": "quantitative"},
                "color": {"field": "kind", "type": "nominal", "scale": {"range": colours}}}
    if double_encode:
        encoding[double_encode] = {"field": "kind", "type": "nominal"}
    return {"data": {"values": rows}, "mark": "point", "encoding": encoding}


def test_every_chart_starts_from_the_house_theme():
    """The theme the style module enables: one face, the page background, no view frame, the book's palette,
    body-size text and no per-mark ARIA labels (the chart's description and its table speak for it)."""
    config = alt.Chart(pd.DataFrame({"a": [1]})).mark_text().encode(text="a:Q").to_dict()["config"]
    assert (config["font"], config["background"]) == (style.FONT, style.BACKGROUND)
    assert config["view"] == {"continuousWidth": style.WIDTH, "continuousHeight": 300, "stroke": None}
    assert config["range"] == {"category": style.PALETTE}
    assert config["text"] == {"fontSize": style.TYPE_SCALE["body"], "color": style.TEXT}
    assert config["mark"] == {"aria": False}


def test_importing_the_style_enables_the_theme_by_its_documented_name():
    """Notebooks can switch back to it with `alt.theme.enable("mibook")` after trying another."""
    assert "mibook" in alt.theme.names() and alt.theme.active == "mibook"


def test_contrast_and_grey_lightness_match_the_definitions():
    assert style.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert style.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert style.grey_lightness("#ffffff") == pytest.approx(100)
    assert style.grey_lightness("#000") == pytest.approx(0)


def test_legible_darkens_dark_text_and_leaves_light_text_for_filled_marks():
    for grey in ("#999999", "#777777", style.PALETTE[3]):
        darker = style.legible(grey)
        assert style.contrast(darker, style.LIGHT_FILL) >= style.MIN_CONTRAST
        assert style.contrast(darker, style.BACKGROUND) >= style.MIN_CONTRAST
    assert style.legible("white") == "white" and style.legible("#000000") == "#000000"


def test_greyscale_check_flags_colour_only_categories_and_accepts_double_encoding():
    clashing = ["#0072B2", "#D55E00"]  # blue and vermilion print as nearly the same grey
    problems = style.greyscale_problems(_colour_spec(clashing))
    assert len(problems) == 1 and "'kind'" in problems[0]
    for channel in ("shape", "strokeDash", "text"):
        assert style.greyscale_problems(_colour_spec(clashing, channel)) == []
    assert style.greyscale_problems(_colour_spec(["#000000", "#E69F00", "#F0E442"])) == []
    layered = {"datasets": {"d": _colour_spec(clashing)["data"]["values"]}, "data": {"name": "d"},
               "layer": [{"mark": "point", "encoding": _colour_spec(clashing)["encoding"]},
                         {"mark": "text", "encoding": {"text": {"field": "kind", "type": "nominal"}}}]}
    assert style.greyscale_problems(layered) == []  # a direct label in another layer names the colour


def test_type_check_flags_sizes_off_the_scale_and_too_small_in_print():
    spec = {"mark": {"type": "text", "fontSize": 10}, "config": {"axis": {"labelFontSize": 12}}}
    assert any("not on the type scale" in p for p in style.type_problems(spec, 400))
    assert style.type_problems(render.fitted(spec, 640), 400) == []
    assert any("prints at" in p for p in style.type_problems(render.fitted(spec, 640), 900))


@pytest.fixture(scope="module")
def charts(html_book):
    found = built_charts(html_book)
    assert found, "the built book has charts"
    return found


def test_every_chart_prints_on_one_type_scale_at_8pt_or_more(charts, data):
    """Every chart in the book, as the print edition draws it (its own rendering for the print measure)."""
    from tests.test_consistency import TITLE_COUNTS

    assert {name for name, _, _ in charts} <= set(TITLE_COUNTS)
    printed = [TITLE_COUNTS[name][0](data).printed for name in TITLE_COUNTS]
    problems = [f"{spec.get('description', '')[:30]}: {p}" for spec in printed
                for p in style.type_problems(spec, render.svg_width(render.svg(spec)))]
    assert problems == [], "\n".join(problems)


def test_every_chart_stays_readable_in_greyscale(charts):
    """Issue 15: no meaning by hue alone. Categorical colours differ in grey or are doubly encoded."""
    problems = [f"{name}: {p}" for name, spec, _ in charts for p in style.greyscale_problems(spec)]
    assert problems == [], "\n".join(problems)


def test_every_chart_has_a_narrow_variant_within_the_phone_column(charts):
    for name, spec, _ in charts:
        variant = render.narrow(spec)
        assert render.svg_width(render.svg(variant)) <= style.NARROW_WIDTH + 4, name  # 10.5 px text at 320 px


def test_category_encodings_pass_the_greyscale_check():
    import altair as alt

    kinds = ["cooperation", "support", "rivalry", "dependence", "alignment", "mediation"]
    frame = [{"kind": k, "x": i, "y": i} for i, k in enumerate(kinds)]
    for mark in ("point", "line", "rule"):
        chart = getattr(alt.Chart(alt.Data(values=frame)), f"mark_{mark}")().encode(
            x="x:Q", y="y:Q", **style.categories("kind", kinds, mark, "Kind"))
        spec = chart.to_dict()
        assert style.greyscale_problems(spec) == [], mark
        plain = {**spec, "encoding": {k: v for k, v in spec["encoding"].items() if k in ("x", "y", "color")}}
        assert style.greyscale_problems(plain), "without the second channel the same colours clash"
    with pytest.raises(ValueError, match="direct labels"):
        style.categories("kind", kinds, "bar")


def test_the_stylesheet_turns_narrow_where_wide_text_would_draw_below_10_5_px():
    """The container query's width is the wide rendering's (the column) at the scale that keeps 11 px at 10.5 px."""
    import re
    from pathlib import Path

    css = (Path(__file__).parents[1] / "_ext/static/mibook-charts.css").read_text(encoding="utf-8")
    thresholds = {float(w) for w in re.findall(r"@container mibook-chart \(max-width: ([0-9.]+)px\)", css)}
    assert thresholds == {611.9}
    assert style.COLUMN * 10.5 / min(style.TYPE_SCALE.values()) < 611.9 + 0.1 < style.COLUMN


def test_typeset_keeps_category_lists_matching_the_data_they_name():
    """Data values get curly quotes, so must the scale domains and sort orders that list them: else a mark
    whose value has an apostrophe loses its colour, shape, position and order (the drivers chart did)."""
    spec = {"encoding": {"y": {"field": "a", "sort": ["America's bet"]},
                         "fill": {"field": "a", "scale": {"domain": ["America's bet"], "range": ["#222"]}}},
            "datasets": {"d": [{"a": "America's bet"}]}}
    done = style.typeset(spec)
    value = done["datasets"]["d"][0]["a"]
    assert value == "America’s bet"
    assert done["encoding"]["y"]["sort"] == [value] and done["encoding"]["fill"]["scale"]["domain"] == [value]
    assert done["encoding"]["fill"]["scale"]["range"] == ["#222"] and done["encoding"]["y"]["field"] == "a"


def test_luminance_weighs_red_green_and_blue_as_wcag_does():
    assert style.luminance("#ff0000") == pytest.approx(0.2126)
    assert style.luminance("#00ff00") == pytest.approx(0.7152)
    assert style.luminance("#0000ff") == pytest.approx(0.0722)
    assert style.contrast("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)


def test_a_font_size_goes_to_the_nearest_step_of_the_type_scale_and_up_on_a_tie():
    small, body, title = sorted(style.TYPE_SCALE.values())
    assert [style.on_type_scale(s) for s in (small, body, title, 9, 40)] == [small, body, title, small, title]
    assert style.on_type_scale((small + body) / 2) == body  # halfway: the larger, so text never shrinks
    assert style.on_type_scale((body + title) / 2) == title


def test_a_source_line_names_each_paragraph_once_in_order():
    assert style.source_line([7, 4, 4.0, 7]) == "Source: Bokhari (2019), ¶4, ¶7"
    assert style.source_line([7, 4], others="outside reports (references)") == (
        "Sources: Bokhari (2019), ¶4, ¶7; outside reports (references)")



def test_a_chart_titles_source_line_comes_last_under_its_note():
    assert style.title("Finding", [4], note="A note.").subtitle == ["A note.", "Source: Bokhari (2019), ¶4"]
    assert style.title("Finding", [4]).subtitle == ["Source: Bokhari (2019), ¶4"]


# --- The style's rules, one function at a time (fast; issue 25's mutation run pins each). ----------------

def _cie_lightness(colour):
    """CIE 1976 L* written as the standard gives it (with δ = 6/29), independently of style.grey_lightness."""
    delta = 6 / 29
    y = style.luminance(colour)
    f = y ** (1 / 3) if y > delta ** 3 else y / (3 * delta ** 2) + 4 / 29
    return 116 * f - 16


def test_the_palette_is_okabe_and_itos_and_each_theme_takes_its_own_colour_of_it():
    assert style.PALETTE == ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
                             "#000000"]  # Okabe & Ito (2008), black last
    assert set(style.THEME_COLOURS) == set(style.THEME_LABELS)
    assert set(style.THEME_COLOURS.values()) <= set(style.PALETTE)
    assert len(set(style.THEME_COLOURS.values())) == len(style.THEME_COLOURS)


def test_chart_text_colours_reach_wcag_contrast_on_both_backgrounds():
    assert style.contrast(style.TEXT, style.BACKGROUND) >= 7  # AAA for body text
    assert style.contrast(style.TEXT, style.LIGHT_FILL) >= style.MIN_CONTRAST
    config = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().to_dict()["config"]
    assert style.contrast(config["title"]["subtitleColor"], style.BACKGROUND) >= 7
    assert style.rgb(config["axis"]["gridColor"]) is not None
    assert 1 < style.contrast(config["axis"]["gridColor"], style.BACKGROUND) < 2  # a grid stays in the background
    assert (config["title"]["anchor"], config["legend"]["orient"]) == ("start", "bottom")  # legends below


def test_the_dark_background_is_the_dark_themes_page_background():
    from importlib import resources

    css = (resources.files("pydata_sphinx_theme") / "theme/pydata_sphinx_theme/static/styles/"
           "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert f"--pst-color-background:{style.DARK_BACKGROUND}" in css


def test_the_house_theme_sizes_and_colours_every_chart_text_itself():
    """Titles, subtitles, axis and legend labels and titles and text marks: each on the type scale (none left
    to Vega's defaults, which are off it) and in the text colour (which the dark rendering turns)."""
    config = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().to_dict()["config"]
    sections = {id(section): name for name, section in config.items()}
    assert sorted((sections[id(owner)], key) for owner, key in style.font_sizes(config)) == [
        ("axis", "labelFontSize"), ("axis", "titleFontSize"), ("legend", "labelFontSize"), ("legend", "titleFontSize"),
        ("text", "fontSize"), ("title", "fontSize"), ("title", "subtitleFontSize")]
    assert style.type_problems({"config": config}, style.PRINT_WIDTH_PT) == []
    colours = [config["title"]["color"], config["text"]["color"],
               *(config[k][f"{p}Color"] for k in ("axis", "legend") for p in ("label", "title"))]
    assert colours == [style.TEXT] * 6


def test_chart_text_is_drawn_in_the_font_vl_convert_bundles():
    """The theme's font is the Liberation Sans vl-convert carries: the print PDF embeds it (a font it does not
    have draws no text at all)."""
    spec = alt.Chart(pd.DataFrame({"t": ["Aa"]})).mark_text().encode(text="t:N").to_dict()
    pdf = render.vector_pdf(render.svg(spec))
    assert set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf)) == {b"LiberationSans"}


def test_the_house_theme_uses_only_type_scale_sizes_that_print_at_8pt():
    config = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().to_dict()["config"]
    assert style.type_problems({"config": config}, style.PRINT_WIDTH_PT) == []
    assert config["title"]["fontSize"] == max(style.TYPE_SCALE.values())
    assert {config[k][f"{p}FontSize"] for k in ("axis", "legend") for p in ("label", "title")} == {
        style.TYPE_SCALE["body"]}


def test_the_smallest_type_prints_at_8pt_at_the_print_scale():
    """The print column is derived from 11 px type printing at 8 pt (mibook.geometry): the scale agrees."""
    smallest = min(style.TYPE_SCALE.values())
    assert style.MIN_PRINT_PT == 8
    assert style.MIN_PRINT_PT <= smallest * style.PRINT_SCALE < style.MIN_PRINT_PT + 0.1


def test_theme_colour_names_every_theme_in_its_legend_and_keeps_unknown_values():
    encoding = style.theme_colour("topic", "Topic").to_dict()
    assert (encoding["field"], encoding["type"], encoding["title"]) == ("topic", "nominal", "Topic")
    assert encoding["scale"] == {"domain": list(style.THEME_COLOURS), "range": list(style.THEME_COLOURS.values())}
    expression = encoding["legend"]["labelExpr"]
    assert re.fullmatch(r"(datum\.value === '[^']*' \? '[^']*' : )+datum\.value", expression), expression
    assert dict(re.findall(r"datum\.value === '([^']*)' \? '([^']*)'", expression)) == style.THEME_LABELS
    assert style.theme_colour().to_dict()["field"] == "theme" and style.theme_colour().to_dict()["title"] == "Theme"


def test_category_encodings_pair_each_colour_with_a_shape_or_dash_in_order():
    point = {k: v.to_dict() for k, v in style.categories("kind", ["b", "a", "c"], "point", "Kind").items()}
    assert point["color"] == {"field": "kind", "type": "nominal", "title": "Kind",
                              "scale": {"domain": ["b", "a", "c"], "range": style.PALETTE[:3]}}
    assert point["shape"] == {"field": "kind", "type": "nominal", "title": "Kind",
                              "scale": {"domain": ["b", "a", "c"], "range": style.SHAPES[:3]}}
    for mark in ("line", "rule"):
        dashes = style.categories("kind", ["a", "b"], mark)["strokeDash"].to_dict()
        assert dashes["scale"]["range"] == style.DASHES[:2] and set(style.categories("k", ["a"], mark)) == {
            "color", "strokeDash"}
    assert style.DASHES[0] == [1, 0]  # the first category draws a solid line
    symbols = {"circle", "square", "cross", "diamond", "triangle-up", "triangle-down", "triangle-right",
               "triangle-left", "stroke", "arrow", "wedge", "triangle"}  # Vega's named symbol shapes
    assert set(style.SHAPES) <= symbols and len(set(style.SHAPES)) == len(style.SHAPES) == len(style.PALETTE)
    assert len({tuple(d) for d in style.DASHES}) == len(style.DASHES) == len(style.PALETTE)


def test_category_encodings_refuse_fill_marks_and_more_categories_than_stay_apart():
    with pytest.raises(ValueError) as refused:
        style.categories("kind", ["a"], "bar")
    assert str(refused.value) == "mark 'bar': bars and areas need direct labels (a text layer on 'kind')"
    assert len(style.categories("kind", [str(i) for i in range(8)], "point")["shape"].to_dict()["scale"]["range"]) == 8
    with pytest.raises(ValueError) as refused:
        style.categories("kind", [str(i) for i in range(9)], "line")
    assert str(refused.value) == "9 categories of 'kind': at most 8 stay apart"


def test_claim_tooltips_end_with_the_paragraph_and_the_quote():
    tooltips = [t.to_dict() for t in style.claim_tooltip(alt.Tooltip("value:Q", title="Value"))]
    assert tooltips == [{"field": "value", "type": "quantitative", "title": "Value"},
                        {"field": "paragraph", "type": "quantitative", "title": "Article ¶"},
                        {"field": "quote", "type": "nominal", "title": "Quote"}]


def test_views_give_each_unit_view_its_inherited_encoding_and_data():
    a, b, d = ({"values": [{"n": i}]} for i in range(3))
    spec = {"data": a, "encoding": {"x": "top", "y": "top"},
            "layer": [{"mark": "bar", "encoding": {"y": "own"}}, {"mark": "rule", "data": b}],
            "vconcat": [{"mark": {"type": "text"}, "encoding": {"x": "concat"}}],
            "facet": {"field": "n"}, "spec": {"mark": "point", "encoding": {"x": "inner"}}}
    found = [(style.mark_type(view), context) for view, context in style.views(spec)]
    assert found == [("bar", {"encoding": {"x": "top", "y": "own"}, "data": a}),
                     ("rule", {"encoding": {"x": "top", "y": "top"}, "data": b}),
                     ("text", {"encoding": {"x": "concat"}, "data": a}),
                     ("point", {"encoding": {"x": "inner"}, "data": a})]  # a facet's inner spec: the data
    single = {"mark": "line", "data": d, "encoding": {"x": 1}, "hconcat": [{"mark": "area"}],
              "concat": [{"mark": "tick"}]}
    assert [(style.mark_type(v), c["data"]) for v, c in style.views(single)] == [("line", d), ("area", d),
                                                                                 ("tick", d)]
    assert style.mark_type({"mark": {"size": 3}}) == ""


def test_rgb_reads_hex_and_the_two_named_colours_and_nothing_else():
    assert style.rgb("#ff8000") == (1.0, 128 / 255, 0.0)
    assert style.rgb("#F80") == (1.0, 136 / 255, 0.0)
    assert style.rgb("White") == (1.0, 1.0, 1.0) and style.rgb("black") == (0.0, 0.0, 0.0)
    for other in ("red", "#ff80", "ff8000", "#ggg", "#12345g", None, 12, {"expr": "c"}):
        assert style.rgb(other) is None, other


def test_luminance_follows_the_srgb_curve_on_both_sides_of_its_knee():
    assert style.luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92, rel=1e-9)  # the linear part
    assert style.luminance("#808080") == pytest.approx(0.2158605, rel=1e-6)  # ((128/255 + .055)/1.055)^2.4
    assert style.contrast("#ffffff", "#000000") == pytest.approx(21)  # either order


def test_grey_lightness_is_cie_lightness_dark_mid_and_light():
    # #000260 lies just above the knee (Y = 0.00887, within 0.00004 of (6/29)³), where the branches part
    for colour in ("#010101", "#0a0a0a", "#181818", "#000260", "#777777", "#0072B2", "#F0E442", "#ffffff"):
        assert style.grey_lightness(colour) == pytest.approx(_cie_lightness(colour), rel=1e-9, abs=1e-12), colour
    assert style.grey_lightness("#777777") == pytest.approx(50.03, abs=0.01)  # the usual mid grey
    assert style.grey_lightness("#010101") == pytest.approx(0.2742, abs=1e-4)


def test_legible_darkens_just_enough_on_a_light_fill():
    # #999999 needs 8 steps of 5 % towards black (92 = round(153 × 0.6)) to reach the 4.6 aimed at on #e0e0e0;
    # 7 steps (99 = round(153 × 0.65)) give 4.55.
    assert style.legible("#999999") == "#5c5c5c"
    assert style.legible("#646464") == "#5f5f5f"  # 4.48: one step does (95 = round(100 × 0.95))
    assert 4.5 < style.contrast("#636363", style.LIGHT_FILL) < 4.6
    for colour in ("#777777", "#888888", "#D55E00", "#0072B2", "#CC79A7"):
        darker = style.legible(colour)
        assert style.MIN_CONTRAST + 0.1 <= style.contrast(darker, style.LIGHT_FILL) < style.MIN_CONTRAST + 0.6, colour
    # Already readable (WCAG AA, 4.5) on the fill: left as it is.
    assert style.contrast("#5f5f5f", style.LIGHT_FILL) < style.MIN_CONTRAST + 0.6
    assert style.legible("#5f5f5f") == "#5f5f5f" and style.legible("#222222") == "#222222"


def test_legible_leaves_light_colours_and_non_colours_alone():
    for colour in ("#aaaaaa", "#E69F00", "white", "none", "currentColor"):
        assert style.legible(colour) == colour


def test_legible_lifts_dark_text_on_the_dark_background_and_leaves_near_black_for_filled_marks():
    # #666666 lifted by 4 steps of 5 % towards white: 102 + 153 × 0.2 = 132.6 -> 133
    assert style.legible("#666666", style.DARK_BACKGROUND) == "#858585"
    # #5a5a5a: 5 steps of 5 % of the way to white (165 × 0.25 = 41.25) reach 4.70 on the dark page, 4 give 4.21
    assert style.legible("#5a5a5a", style.DARK_BACKGROUND) == "#838383"  # 90 + 41.25 = 131.25 -> 131
    assert style.legible("#333333", style.DARK_BACKGROUND) == "#333333"  # under 0.1: sits on a fill
    assert style.legible("#999999", style.DARK_BACKGROUND) == "#999999"  # readable already


def test_font_sizes_finds_every_numeric_font_size_and_nothing_else():
    spec = {"width": 400, "config": {"axis": {"labelFontSize": 12, "titleFontSize": 11}},
            "title": {"text": "t", "fontSize": 15, "subtitleFontSize": {"expr": "s"}},
            "layer": [{"mark": {"type": "text", "fontSize": 11, "size": 9}}, {"mark": "point"}],
            "encoding": {"size": {"value": 3}}}
    found = [(key, owner[key]) for owner, key in style.font_sizes(spec)]
    assert found == [("labelFontSize", 12), ("titleFontSize", 11), ("fontSize", 15), ("fontSize", 11)]


def test_type_problems_name_each_size_off_the_scale_or_too_small_in_print():
    spec = {"title": {"fontSize": 13}, "mark": {"type": "text", "fontSize": 11},
            "config": {"axis": {"labelFontSize": 12}}}
    assert style.type_problems(spec, 357) == ["fontSize 13 is not on the type scale [11, 12, 15]"]
    assert style.type_problems(spec, 600) == ["fontSize 13 is not on the type scale [11, 12, 15]",
                                              "fontSize 11 prints at 6.5 pt (chart 600 pt wide)",
                                              "labelFontSize 12 prints at 7.1 pt (chart 600 pt wide)"]
    # 11 px on a chart 357 × 11 / 8 pt wide prints at exactly 8 pt: allowed.
    assert style.type_problems({"mark": {"fontSize": 11}}, 357 * 11 / 8) == []
    # a narrow chart is not enlarged beyond the print scale
    assert style.type_problems({"mark": {"fontSize": 11}}, 100) == []


def _grey_spec(colours, channel="color", kind="nominal", **scale):
    rows = [{"kind": f"k{i}", "x": i} for i in range(len(colours))]
    return {"data": {"values": rows}, "mark": "point",
            "encoding": {channel: {"field": "kind", "type": kind, "scale": {"range": colours, **scale}}}}


def test_greyscale_problems_name_the_mark_channel_field_and_gap_sorted():
    problems = style.greyscale_problems(_grey_spec(["#999999", "#989898", "#949494", "#000000"]))
    assert problems == ["point color 'kind': #989898 and #949494 are 2 L* apart in greyscale",
                        "point color 'kind': #999999 and #949494 are 2 L* apart in greyscale",
                        "point color 'kind': #999999 and #989898 are 0 L* apart in greyscale"]
    assert style.greyscale_problems(_grey_spec(["#0072B2", "#D55E00"])) == [
        "point color 'kind': #0072B2 and #D55E00 are 8 L* apart in greyscale"]


def test_greyscale_problems_check_fill_and_stroke_and_ordinal_scales_too():
    clash = ["#0072B2", "#D55E00"]
    assert style.greyscale_problems(_grey_spec(clash, "fill"))[0].startswith("point fill 'kind': ")
    assert style.greyscale_problems(_grey_spec(clash, "stroke", "ordinal"))[0].startswith("point stroke 'kind': ")
    assert style.greyscale_problems(_grey_spec(clash, "color", "quantitative")) == []
    both = _grey_spec(clash, "fill")
    both["encoding"]["color"] = {"field": "kind", "type": "nominal"}
    both["encoding"]["shape"] = {"field": "kind", "type": "nominal"}  # colour is doubly encoded, fill is not
    both["encoding"]["fill"]["field"] = "kind2"
    both["data"]["values"] = [{**r, "kind2": r["kind"]} for r in both["data"]["values"]]
    assert [p.split(":")[0] for p in style.greyscale_problems(both)] == ["point fill 'kind2'"]


def test_greyscale_threshold_is_12_lightness_units():
    assert abs(style.grey_lightness("#777777") - style.grey_lightness("#5a5a5a")) == pytest.approx(11.8, abs=0.05)
    assert style.greyscale_problems(_grey_spec(["#777777", "#5a5a5a"])) != []
    assert abs(style.grey_lightness("#777777") - style.grey_lightness("#595959")) == pytest.approx(12.2, abs=0.05)
    assert style.greyscale_problems(_grey_spec(["#777777", "#595959"])) == []


def test_greyscale_problems_reach_every_view_of_concats_layers_and_facets():
    clash = _grey_spec(["#0072B2", "#D55E00"])
    assert len(style.greyscale_problems({"vconcat": [clash, {**clash, "mark": "line"}]})) == 2
    assert len(style.greyscale_problems({"hconcat": [{"concat": [clash]}]})) == 1
    assert len(style.greyscale_problems({"facet": {"field": "x"}, "spec": clash})) == 1
    assert len(style.greyscale_problems({"layer": [clash, {"mark": "rule"}]})) == 1
    assert style.greyscale_problems({"vconcat": [{"mark": "rule"}]}) == []


def test_greyscale_problems_read_the_colours_the_chart_will_use():
    clash = ["#0072B2", "#D55E00"]
    # only as many colours as the domain names (or the data hold) are drawn
    assert style.greyscale_problems(_grey_spec(["#000000", "#ffffff", *clash], domain=["a", "b"])) == []
    in_data = _grey_spec(["#000000", "#ffffff", *clash])
    in_data["data"]["values"] = [{"kind": "a"}, {"kind": "b"}, {"kind": "a"}]
    assert style.greyscale_problems(in_data) == []
    # the config's category range, else the book's palette
    config = {"data": {"values": [{"kind": "a"}, {"kind": "b"}]}, "mark": "point",
              "encoding": {"color": {"field": "kind", "type": "nominal"}}, "config": {"range": {"category": clash}}}
    assert len(style.greyscale_problems(config)) == 1
    del config["config"]
    assert style.greyscale_problems(config) == []  # blue and orange
    config["data"]["values"] = [{"kind": k} for k in "abcd"]
    assert style.greyscale_problems(config) == [
        "point color 'kind': #0072B2 and #009E73 are 12 L* apart in greyscale",  # 11.8
        "point color 'kind': #0072B2 and #D55E00 are 8 L* apart in greyscale",
        "point color 'kind': #009E73 and #D55E00 are 4 L* apart in greyscale"]
    # unknown values: every colour of the range is checked; a named scheme cannot be
    config["data"] = {"url": "x.csv"}
    assert len(style.greyscale_problems(config)) == 8 and "#E69F00 and #56B4E9 are 1 L*" in "".join(
        style.greyscale_problems(config))  # the 2nd and 6th colours
    config["encoding"]["color"]["scale"] = {"scheme": "tableau10"}
    config["config"] = {"range": {"category": clash}}
    assert style.greyscale_problems(config) == []
    # names that are not hex colours are skipped
    assert style.greyscale_problems(_grey_spec(["steelblue", *clash])) == [
        "point color 'kind': #0072B2 and #D55E00 are 8 L* apart in greyscale"]


def test_field_values_are_the_distinct_values_in_first_seen_order():
    rows = [{"f": "b"}, {"f": "a"}, "not a row", {"g": "c"}, {"f": "b"}]
    assert style.field_values({}, {"values": rows}, "f") == ["b", "a"]
    assert style.field_values({"datasets": {"d": rows}}, {"name": "d"}, "f") == ["b", "a"]
    assert style.field_values({"datasets": {"d": rows}}, None, "f") == []
    assert style.field_values({}, {"values": "f\nb"}, "f") == []


def test_curly_quotes_open_after_space_brackets_and_dashes_and_close_elsewhere():
    assert style.curly("Russia's \"offer\" ('a' [\"b\"])") == "Russia’s “offer” (‘a’ [“b”])"
    assert style.curly("'Tis—'x'–\"y\"-'z'") == "‘Tis—‘x’–“y”-‘z’"
    assert style.curly("the 1990s' end\t\"q\"") == "the 1990s’ end\t“q”"


def test_typeset_curls_reader_text_and_data_but_not_fields_expressions_or_numbers():
    spec = {"title": {"text": "It's", "subtitle": ["a 'b'"]}, "description": "x's",
            "mark": {"type": "text", "text": "y's"},
            "encoding": {"tooltip": [{"field": "it's", "title": "Quote's"}],
                         "x": {"field": "n", "scale": {"domain": [0, 10]}, "sort": "ascending"}},
            "transform": [{"filter": "datum.a == 'x'"}],
            "data": {"values": [{"a": "b's", "n": 1}, "raw"]},
            "layer": [{"data": {"values": "a\nit's", "format": {"type": "csv"}}, "mark": "rule"}]}
    assert style.typeset(spec) == {
        "title": {"text": "It’s", "subtitle": ["a ‘b’"]}, "description": "x’s",
        "mark": {"type": "text", "text": "y’s"},
        "encoding": {"tooltip": [{"field": "it's", "title": "Quote’s"}],
                     "x": {"field": "n", "scale": {"domain": [0, 10]}, "sort": "ascending"}},
        "transform": [{"filter": "datum.a == 'x'"}],
        "data": {"values": [{"a": "b’s", "n": 1}, "raw"]},
        "layer": [{"data": {"values": "a\nit's", "format": {"type": "csv"}}, "mark": "rule"}]}


def test_dark_sets_the_background_and_quiet_axis_lines():
    config = style.dark({"mark": "point"})["config"]
    assert config["background"] == style.DARK_BACKGROUND
    axis = config["axis"]
    assert 1 < style.contrast(axis["gridColor"], style.DARK_BACKGROUND) < 2  # a grid stays in the background
    for key in ("domainColor", "tickColor"):
        assert style.contrast(axis[key], style.DARK_BACKGROUND) >= 3  # WCAG's 3:1 for graphics
    assert style.dark({"mark": "point", "config": {"axis": {"labelFontSize": 12}}})["config"]["axis"][
        "labelFontSize"] == 12


def test_dark_turns_colours_but_never_data_names_or_literal_text():
    spec = {"mark": {"type": "point", "color": "#777777"}, "description": "white",
            "title": {"text": "black", "color": "#222222"}, "data": {"values": [{"c": "#000000"}]},
            "datasets": {"d": [{"c": "white"}]}, "name": "black",
            "encoding": {"color": {"field": "c", "legend": {"labelExpr": "'#000000'", "values": ["white"]}}},
            "layer": [{"mark": {"type": "rule", "stroke": "white"}}]}
    dark = style.dark(spec)
    assert dark["mark"] == {"type": "point", "color": "#888888"}  # not text: mirrored, not lifted
    assert dark["title"] == {"text": "black", "color": style.dark_colour("#222222")}
    assert (dark["description"], dark["data"], dark["datasets"], dark["name"]) == (
        "white", spec["data"], spec["datasets"], "black")
    assert dark["encoding"] == spec["encoding"]
    assert dark["layer"] == [{"mark": {"type": "rule", "stroke": style.DARK_BACKGROUND}}]
    assert spec["mark"]["color"] == "#777777"  # the light spec is left as it was


def test_dark_keeps_the_words_a_text_or_tooltip_channel_shows_even_colour_names():
    """A literal 'white' on a text mark is a word: it used to be drawn as '#ffffff' in the dark rendering."""
    encoding = {"text": {"value": "white", "condition": {"test": "t", "value": "#000000"}},
                "tooltip": {"value": "black"}, "description": {"value": "black"},
                "color": {"value": "black"}}
    dark = style.dark({"mark": "text", "encoding": encoding})["encoding"]
    assert dark == {**encoding, "color": {"value": "#ffffff"}}


def test_dark_lifts_text_mark_colours_to_contrast():
    spec = {"mark": {"type": "text", "color": "#999999"},
            "encoding": {"color": {"value": "#999999", "condition": {"test": "t", "value": "#999999"}}}}
    dark = style.dark(spec)  # #999999 mirrors to #666666, then is lifted
    assert dark["mark"]["color"] == "#858585"
    assert dark["encoding"]["color"] == {"value": "#858585", "condition": {"test": "t", "value": "#858585"}}


def test_dark_colour_mirrors_greys_and_extremes_but_keeps_mid_saturated_colours():
    assert [style.dark_colour(c) for c in style.PALETTE[:-1]] == style.PALETTE[:-1]
    assert style.dark_colour("#777777") == "#888888"
    assert style.dark_colour("#d9d9d9") == "#262626"
    assert style.dark_colour("black") == "#ffffff"
    assert style.dark_colour("White") == style.DARK_BACKGROUND  # never darker than the page
    # a light saturated tint, mirrored in lightness with its hue and saturation (HLS 0.85, 0.61 -> 0.15)
    assert style.dark_colour("#f0c0d0") == "#3f0f1f"
    assert style.dark_colour("#08306b") == "#94bcf7"
    # the edges: lightness 0.3 and 0.8 at full saturation are kept; saturation 0.25 is mirrored (HLS 0.31 -> 0.69)
    assert style.dark_colour("#990000") == "#990000" and style.dark_colour("#ff9999") == "#ff9999"
    assert style.dark_colour("#643c3c") == "#c39b9b"


def test_dark_colour_keeps_an_alpha_suffix():
    assert style.dark_colour("#cccccc80") == "#33333380"
    assert style.dark_colour("#ffffff40") == style.DARK_BACKGROUND + "40"
    assert style.dark_colour("#D55E0055") == "#D55E0055"


def test_text_colours_are_the_marks_and_its_encodings_literal_colours():
    view = {"mark": {"type": "text", "color": "#111111", "fill": "none"},
            "encoding": {"color": {"value": "#222222", "condition": [{"test": "a", "value": "#333333"},
                                                                     {"test": "b", "value": {"expr": "c"}}]},
                         "fill": {"field": "f", "condition": {"param": "p", "value": "#444444"}}}}
    assert [owner[key] for owner, key in style.text_colours(view)] == ["#111111", "#222222", "#333333", "#444444"]
    assert list(style.text_colours({"mark": "text", "encoding": {"color": {"field": "c"}}})) == []


def test_long_axis_and_legend_labels_are_not_cut_short():
    """Vega cuts labels at 180 px (axes) and 160 px (legends); the theme allows 260 px, so a long category
    name ('Shanghai Cooperation Organisation', about 200 px) is drawn whole on both."""
    label = "Shanghai Cooperation Organisation"
    frame = pd.DataFrame({"k": [label, "b"], "v": [1, 2]})
    spec = alt.Chart(frame).mark_point().encode(y="k:N", x="v:Q", color="k:N").to_dict()
    drawn = re.findall(r">([^<]*Shanghai[^<]*)<", render.svg(spec))
    assert drawn == [label, label]  # the axis label, then the legend's
