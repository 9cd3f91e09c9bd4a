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
