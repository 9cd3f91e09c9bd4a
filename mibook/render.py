"""The book's one chart renderer: a chart becomes a MIME bundle every builder can use.

`text/html` carries a static SVG (readable with JavaScript off, scaled to its column) plus the
Vega-Lite spec, which `_static/mibook-charts.js` upgrades into an interactive vega-embed chart, and
the data behind the chart in a collapsed table. `image/svg+xml` carries the same static SVG, which
the print build alone converts to a vector PDF (`vector_pdf`, from `_ext/mibook_print.py`), so the
web build spends nothing on print. Both are deterministic: same chart, same bytes.

Every chart gets the same fit rules here, whatever module drew it: curly quotes, titles wrapped to the
column, font sizes on the style's type scale, dark text darkened to reach 4.5:1, plot widths grown to fill
the column, column labels and cell texts fitted to their columns; and four renderings (wide or narrow, light
or dark: `renderings`), shipped as static SVGs the stylesheet picks by the chart's width and the page's theme,
and as patches to the spec that the page script draws live. The narrow rendering (phones) has one-column
legends, wrapped labels and texts, and plot widths scaled so the chart fits style.NARROW_WIDTH.
"""

import copy
import functools
import html
import io
import logging
import os
import re
import textwrap
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from mibook import geometry, style
from mibook.tables import scroll_box
from mibook.web import script_json

VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class BookChart:
    """A named chart as the book shows it; Jupyter displays it through `_repr_mimebundle_`."""

    def __init__(self, chart: alt.TopLevelMixin, name: str, table: pd.DataFrame,
                 narrow_chart: alt.TopLevelMixin | None = None):
        """`narrow_chart`: the module's own phone form, where scaling `chart` down cannot stay legible."""
        if not _NAME.fullmatch(name):
            raise ValueError(f"chart name {name!r} must be lower-case words joined by hyphens")
        spec = chart.to_dict()
        if not spec.get("description"):
            raise ValueError(f"chart {name!r} needs a description (it becomes the aria label)")
        self.name = name
        self.spec = spec  # as the chart module drew it
        self.drawn = filled(fitted(spec, WIDE_COLUMN), WIDE_COLUMN)  # as every builder shows it
        self.narrow = narrow(narrow_chart.to_dict() if narrow_chart is not None else spec)  # phones
        self.printed, self.printed_svg = printed(spec)  # the print edition, and its SVG
        self.table = table

    @functools.cached_property
    def renderings(self) -> dict[str, dict]:
        """The four renderings a page switches between: wide or narrow, for the light or the dark theme."""
        return {"wide": self.drawn, "narrow": self.narrow,
                "wide-dark": style.dark(self.drawn), "narrow-dark": style.dark(self.narrow)}

    @functools.cached_property
    def static_svg(self) -> str:
        """The chart as drawn, as SVG: the web page's static chart."""
        return svg(self.drawn)

    def html(self) -> str:
        """The four static renderings (CSS shows the one for the chart's width and the page's theme), the
        spec with the patches that make the other three from it, the data table and the chart's tools."""
        name = html.escape(self.name, quote=True)
        description = html.escape(self.spec["description"], quote=True)
        statics = "".join(
            f'<div class="mibook-chart-static" data-rendering="{key}">'
            f'{unique_ids(self.static_svg if key == "wide" else svg(spec), f"{name}-{key}")}</div>'
            for key, spec in self.renderings.items())
        patches = {key: spec_patches(self.drawn, spec) for key, spec in self.renderings.items() if key != "wide"}
        table = self.table.rename(columns=human_column).to_html(
            index=False, escape=True, border=0, classes="mibook-chart-table", na_rep="")
        return (
            f'<div class="mibook-chart" id="chart-{name}" data-chart-id="{name}">'
            f'<div class="mibook-chart-view" role="img" aria-label="{description}">{statics}</div>'
            f'<script type="application/json" class="mibook-chart-spec">{script_json(self.drawn)}</script>'
            f'<script type="application/json" class="mibook-chart-renderings">{script_json(patches)}</script>'
            f'<p class="mibook-chart-tools"><a class="mibook-chart-permalink" href="#chart-{name}">'
            "Link to this chart</a></p>"
            f'<details class="mibook-chart-data"><summary>Data behind this chart</summary>'
            f'{scroll_box(table, "Data behind this chart")}</details>'
            "</div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self.html(),
            "image/svg+xml": self.printed_svg,  # what the print edition takes (the web shows text/html)
            "text/plain": f"<chart {self.name}>",
        }


# Narrow variant: axis labels break into lines of at most ~18 characters, legend labels ~28.
AXIS_LABEL_CHARS, LEGEND_LABEL_CHARS = 18, 28
LABEL_LINE = style.TYPE_SCALE["body"] + 2  # px between the lines of a wrapped label
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "strokeDash", "size", "opacity")
MIN_PLOT_WIDTH = 100  # px: a narrow plot is never squeezed below this
WIDE_COLUMN = style.COLUMN
_SVG_WIDTH = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)"')
_SVG_HEIGHT = re.compile(r'<svg[^>]*?\sheight="([0-9.]+)"')
HUMAN_COLUMNS = {"claim_id": "Claim", "paragraph": "Paragraph (¶)"}


# vl-convert finds fonts through the folders a fontconfig file lists ($FONTCONFIG_FILE). Shown this one,
# which lists a folder without fonts, it draws every chart with the Liberation Sans it bundles (the
# style's font): the same glyphs and PDF bytes whatever fonts a machine has, and 3-4 times faster (it
# otherwise re-reads a system font file for every glyph it measures).
BUNDLED_FONTS_ONLY = Path(__file__).parent / "fonts.conf"
_TEXT_PROBE = {"data": {"values": [{"t": "Aa"}]}, "mark": {"type": "text", "font": style.FONT},
               "encoding": {"text": {"field": "t"}}}


@functools.cache
def _converter():
    """vl-convert, once its font database is built from its bundled fonts alone (it is built on first
    use; the variable is set only meanwhile, so programs this process starts, e.g. TeX, keep theirs)."""
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(BUNDLED_FONTS_ONLY)
    try:
        vl_convert.vegalite_to_svg(_TEXT_PROBE, vl_version=VEGA_LITE_VERSION)
    finally:
        if previous is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = previous
    return vl_convert


def svg(spec: dict) -> str:
    """The static SVG of a Vega-Lite spec."""
    return _converter().vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


def svg_width(markup: str) -> float:
    """An SVG's width in px (its natural width before the page scales it)."""
    return float(_SVG_WIDTH.search(markup).group(1))


def human_column(name: str) -> str:
    """A data table's column name as a reader sees it (also the CSV download's header)."""
    return HUMAN_COLUMNS.get(name, name.replace("_", " ")[:1].upper() + name.replace("_", " ")[1:])


def unique_ids(markup: str, prefix: str) -> str:
    """An SVG's element ids (Vega numbers its clip paths across a whole process) renamed `prefix-1`, `-2`, ...
    with their references: the same bytes whatever was drawn before, and no clash between a page's SVGs."""
    names = {name: f"{prefix}-{i}" for i, name in enumerate(dict.fromkeys(re.findall(r'\bid="([^"]+)"', markup)), 1)}
    return re.sub(r'(\bid="|url\(#|href="#)([^")]+)', lambda m: m.group(1) + names.get(m.group(2), m.group(2)), markup)


def fitted(spec: dict, column: float) -> dict:
    """`spec` with the book's fit rules: the style's typography (curly quotes), title lines wrapped to
    `column` px, font sizes on the type scale, and dark text colours darkened to reach style.MIN_CONTRAST
    on the chart background."""
    spec = style.typeset(copy.deepcopy(spec))
    if "title" in spec:
        spec["title"] = wrapped_title(spec["title"], column)
    for owner, key in style.font_sizes(spec):
        owner[key] = style.on_type_scale(owner[key])
    for view, _ in style.views(spec):
        if style.mark_type(view) == "text":
            _legible_text(view)
    return spec


def _legible_text(view: dict) -> None:
    for owner, key in style.text_colours(view):
        owner[key] = style.legible(owner[key])


TITLE_CHAR_WIDTH = 0.6  # em: bold title type, widest average character


def wrapped_title(title, column: float):
    """A title (string, list of lines or title object) with each line wrapped to `column` px."""
    if not isinstance(title, dict):
        return _lines(title, column / (style.TYPE_SCALE["title"] * TITLE_CHAR_WIDTH), reflow=True)
    title = dict(title)
    size = title.get("fontSize", style.TYPE_SCALE["title"])
    title["text"] = _lines(title.get("text", ""), column / (size * TITLE_CHAR_WIDTH), reflow=True)
    if "subtitle" in title:
        title["subtitle"] = _lines(title["subtitle"], column / (style.TYPE_SCALE["body"] * 0.52))
    return title


def _lines(text, chars: float, reflow: bool = False) -> list[str] | str:
    """Lines of at most `chars`, each line wrapped on its own; with `reflow`, the chart's own line breaks
    are kept only where every line fits, else the text is re-flowed as one paragraph."""
    lines = [text] if isinstance(text, str) else list(text)
    if reflow and any(len(line) > chars for line in lines):
        lines = [" ".join(lines)]
    wrapped = [part for line in lines for part in _balanced(line, int(chars))]
    return wrapped[0] if len(wrapped) == 1 else wrapped


def _balanced(line: str, chars: int) -> list[str]:
    """`line` in as few lines of at most `chars` characters as wrapping needs, of even lengths
    (no single orphan word on the last line)."""
    count = len(textwrap.wrap(line, chars)) or 1
    width = -(-len(line) // count)
    while len(textwrap.wrap(line, width)) > count:
        width += 1
    return textwrap.wrap(line, width) or [line]


FILL_SHARE = 0.92  # a chart narrower than this share of its column is widened to the column


def filled(spec: dict, column: float) -> dict:
    """`spec` with its plot widths grown until the whole chart (labels included) is about `column` px wide
    (a chart is drawn for the column it sits in, so its labels get the room before they wrap or collide),
    then its column labels and cell texts fitted to their columns."""
    spec = copy.deepcopy(spec)
    for _ in range(2):
        natural, plot = svg_width(svg(fitted(spec, geometry.PRINT_COLUMN))), _plot_width(spec)
        if natural >= FILL_SHARE * column or not plot:
            break
        _scale_widths(spec, (column - (natural - plot)) / plot)
    _wrap_free_texts(spec, spec, column - 20)
    _fit_bands(spec, spec)
    return spec


def narrow(spec: dict) -> dict:
    """The phone variant: titles wrapped to style.NARROW_WIDTH, one-column legends, and plot widths
    scaled down so the whole chart (axis labels included) is at most style.NARROW_WIDTH px wide."""
    variant = fitted(spec, style.NARROW_WIDTH)
    variant.setdefault("config", {}).setdefault("legend", {})["columns"] = 1
    for view, _ in style.views(variant):
        for channel, definition in view.get("encoding", {}).items():
            if not style.categorical(definition):
                continue
            guide = "axis" if channel == "y" else "legend" if channel in LEGEND_CHANNELS else None
            if guide and definition.get(guide, {}) is not None:
                chars = AXIS_LABEL_CHARS if guide == "axis" else LEGEND_LABEL_CHARS
                _wrap_labels(definition.setdefault(guide, {}), chars)
                if guide == "legend":
                    definition["legend"]["columns"] = 1
    _room_for_wrapped_labels(variant, variant)
    _wrap_free_texts(variant, variant, style.NARROW_WIDTH / 2)
    for _ in range(5):  # the space around the plot (labels, legends, text marks) shifts as it shrinks
        natural, plot = svg_width(svg(variant)), _plot_width(variant)
        if natural <= style.NARROW_WIDTH or plot <= MIN_PLOT_WIDTH:
            break
        # aim a little inside the width: label extents round to whole pixels as the plot shrinks
        _scale_widths(variant, max(MIN_PLOT_WIDTH, style.NARROW_WIDTH - 4 - (natural - plot)) / plot)
    _fit_bands(variant, variant)
    return variant


CHAR_WIDTH = 0.56  # em: the widest average character width of the style's font, bold included


def _text_px(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _fit_bands(spec: dict, top: dict) -> None:
    """In each sized view with a categorical x: column labels too wide for their column turn upright, and
    the lines of text marks drawn in a column are re-wrapped to its width (rows grow to hold them)."""
    if not isinstance(spec.get("width"), int | float):
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for sub in spec.get(key, []):
                _fit_bands(sub, top)
        return
    for view, context in style.views(spec, {"data": spec.get("data", top.get("data"))}):
        x = context["encoding"].get("x")
        if not style.categorical(x):
            continue
        columns = len(style.field_values(top, context["data"], x["field"]))
        band = spec["width"] / max(1, columns)
        axis = x.get("axis", {})
        if axis is not None:
            words = [w for v in style.field_values(top, context["data"], x["field"]) for w in str(v).split()]
            size = axis.get("labelFontSize", style.TYPE_SCALE["body"])
            if max((_text_px(w, size) for w in words), default=0) > band - 4:
                x["axis"] = {**axis, "labelAngle": -90, "labelExpr": "datum.label", "labelBaseline": "middle",
                             "labelAlign": "left" if axis.get("orient") == "top" else "right"}
        text = view.get("encoding", {}).get("text")
        placed = "yOffset" in view.get("encoding", {})  # the chart centres its own lines
        if style.mark_type(view) == "text" and isinstance(text, dict) and "field" in text and not placed:
            size = view["mark"].get("fontSize", style.TYPE_SCALE["body"]) if isinstance(view["mark"], dict) \
                else style.TYPE_SCALE["body"]
            lines = _rewrap(top, context["data"], text["field"], max(4, int((band - 6) / (size * CHAR_WIDTH))))
            if isinstance(view["mark"], dict) and view["mark"].get("baseline", "middle") == "middle":
                # Vega sets a text's first line on the point; the block of lines is centred instead
                view["mark"].update(lineBreak="\n", lineHeight=size + 2,
                                    dy=view["mark"].get("dy", 0) - (lines - 1) * (size + 2) / 2)
            rows = len(style.field_values(top, context["data"], context["encoding"].get("y", {}).get("field", "")))
            if isinstance(spec.get("height"), int | float) and rows:
                spec["height"] = max(spec["height"], rows * (lines * (size + 2) + 14))


def _wrap_free_texts(spec: dict, top: dict, width: float) -> None:
    """Text marks along a continuous x (labels beside bars or spans) whose texts are wider than `width` px,
    wrapped to it (unless the chart breaks their lines itself); the block of lines keeps the side of its
    point it was on (above it when set on its bottom), and the view grows a line's height per row for each
    added line."""
    if not isinstance(spec.get("height"), int | float):
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for sub in spec.get(key, []):
                _wrap_free_texts(sub, top, width)
        return
    for view, context in style.views(spec, {"data": spec.get("data", top.get("data"))}):
        text, y = view.get("encoding", {}).get("text"), context["encoding"].get("y")
        if style.mark_type(view) != "text" or not isinstance(view["mark"], dict) or not isinstance(text, dict) \
                or "field" not in text or style.categorical(context["encoding"].get("x")) \
                or "lineBreak" in view["mark"]:  # a chart that breaks its own lines has wrapped them
            continue
        size = view["mark"].get("fontSize", style.TYPE_SCALE["body"])
        values = [str(v) for v in style.field_values(top, context["data"], text["field"])]
        if max((_text_px(v, size) for v in values), default=0) <= width:
            continue
        bottom = view["mark"].get("baseline") == "bottom"
        lines = _rewrap(top, context["data"], text["field"], max(12, int(width / (size * CHAR_WIDTH))),
                        align="bottom" if bottom else "top")
        view["mark"].update(lineBreak="\n", lineHeight=size + 2)
        if bottom:
            view["mark"]["dy"] = view["mark"].get("dy", 0) - (lines - 1) * (size + 2)
        rows = len(style.field_values(top, context["data"], y["field"])) if style.categorical(y) else 1
        spec["height"] += rows * (lines - 1) * (size + 2)


def _rewrap(top: dict, data, field: str, chars: int, align: str = "centre") -> int:
    """Re-wrap the inline values of `field` (keeping their line breaks) to `chars`, each set in as many lines
    as the longest has (blank lines above and below to centre it, or above to `align` it to the "bottom",
    or below for the "top"); returns that number of lines."""
    rows = (data or {}).get("values") or top.get("datasets", {}).get((data or {}).get("name"), [])
    rows = [row for row in (rows if isinstance(rows, list) else []) if isinstance(row, dict)
            and isinstance(row.get(field), str)]
    wrapped = [[part for line in row[field].strip("\n").split("\n") for part in (textwrap.wrap(line, chars) or [""])]
               for row in rows]
    most = max(map(len, wrapped), default=1)
    for row, lines in zip(rows, wrapped, strict=True):
        above = {"centre": (most - len(lines)) // 2, "bottom": most - len(lines), "top": 0}[align]
        row[field] = "\n".join([""] * above + lines + [""] * (most - len(lines) - above))
    return most


def _wrap_labels(guide: dict, chars: int) -> None:
    """Long axis or legend labels broken into short lines (unless the chart sets its own labels)."""
    pattern = f"(.{{1,{chars}}})(\\\\s+|$)"
    guide.setdefault("labelExpr", f"split(trim(replace(datum.label, regexp('{pattern}', 'g'), '$1\\n')), '\\n')")
    guide.setdefault("labelLineHeight", LABEL_LINE)


def _room_for_wrapped_labels(spec: dict, top: dict, sized: bool = False) -> None:
    """Make each view tall enough for its categorical y labels once they wrap (a taller view, or a taller
    step per category where neither the view nor a chart around it sets a height)."""
    if "mark" in spec or "layer" in spec:
        for view, context in style.views(spec, {"data": spec.get("data", top.get("data"))}):
            y = view.get("encoding", {}).get("y")
            if style.categorical(y) and "labelExpr" in (y.get("axis") or {}):
                labels = [str(v) for v in style.field_values(top, context["data"], y["field"])]
                lines = max((len(textwrap.wrap(label, AXIS_LABEL_CHARS)) for label in labels), default=1)
                if isinstance(spec.get("height"), int | float):
                    spec["height"] = max(spec["height"], len(labels) * (lines * LABEL_LINE + 10))
                elif "height" not in spec and not sized:
                    spec["height"] = {"step": lines * LABEL_LINE + 10}
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            _room_for_wrapped_labels(sub, top, sized or "height" in spec)


def printed(spec: dict) -> tuple[dict, str]:
    """`spec` drawn for the print column (`geometry.PRINT_COLUMN`), so that it prints within the text measure
    at the print scale: its plots narrowed if its labels leave them too little room, a legend too wide
    stacked, or, if that is not enough, its phone form. A chart taller than `geometry.PRINT_HEIGHT` gets
    its row labels in two lines when that gives the plot the room to be shorter. With its SVG."""
    drawn = _print_form(spec)
    markup = svg(drawn)
    if svg_height(markup) > geometry.PRINT_HEIGHT and (rows := _two_line_rows(spec)) is not None:
        shorter = _print_form(rows)
        shorter_markup = svg(shorter)
        if svg_height(shorter_markup) < svg_height(markup):
            return shorter, shorter_markup
    return drawn, markup


def svg_height(markup: str) -> float:
    """An SVG's height in px."""
    return float(_SVG_HEIGHT.search(markup).group(1))


def _two_line_rows(spec: dict) -> dict | None:
    """`spec` with each categorical y axis's labels broken into two lines, after a dash ("Russia–" /
    "United States") or else at a space, as narrow as every label allows, and its plot as wide as the print
    column then allows (None when no label breaks)."""
    spec, broken = copy.deepcopy(spec), False
    for view, context in style.views(spec, {"data": spec.get("data")}):
        y = view.get("encoding", {}).get("y")
        if not style.categorical(y) or y.get("axis", {}) is None or (y.get("axis") or {}).get("labelExpr"):
            continue
        labels = [str(v) for v in style.field_values(spec, context["data"], y["field"])]
        chars = max((_two_lines(label) for label in labels), default=0)
        if chars and chars < max(map(len, labels)):
            broken = True
            spaces = f"trim(replace(datum.label, regexp('(.{{1,{chars}}})(\\\\s+|$)', 'g'), '$1\\n'))"
            y.setdefault("axis", {}).update(labelLineHeight=LABEL_LINE, labelExpr=(
                f"split(test(regexp('{DASH}'), datum.label) ? replace(datum.label, regexp('{DASH}\\\\s*', 'g'), "
                f"'{DASH}\\n') : {spaces}, '\\n')"))
    if not broken:
        return None
    for _ in range(3):  # the plot takes the room the labels gave up (the space around it shifts as it grows)
        natural, plot = svg_width(svg(fitted(spec, geometry.PRINT_COLUMN))), _plot_width(spec)
        if not plot or abs(geometry.PRINT_COLUMN - 2 - natural) < 4:
            break
        _scale_widths(spec, (geometry.PRINT_COLUMN - 2 - (natural - plot)) / plot)
    return spec


DASH = "–"  # the en dash of a pair's name: a label breaks after it


def _two_lines(label: str) -> int:
    """The longer line's length (characters) when `label` breaks after its dashes, or else at the space
    that balances its two lines; its whole length when it cannot break."""
    if DASH in label:
        return max(len(part.strip()) for part in label.split(DASH))
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    return min((max(i, len(label) - i - 1) for i in spaces), default=len(label))


def _print_form(spec: dict) -> dict:
    drawn = filled(fitted(spec, geometry.PRINT_COLUMN), geometry.PRINT_COLUMN)
    if not _plot_width(drawn) and "layer" not in drawn and "hconcat" not in drawn:
        drawn["width"] = style.WIDTH  # the theme's default plot width, made explicit so it can narrow
    _narrow_plots(drawn, geometry.PRINT_COLUMN)
    wide = drawn
    for chars in PRINT_LEGEND_CHARS:  # a legend too wide: stacked, its labels in the longest lines that fit
        if svg_width(svg(drawn)) <= geometry.PRINT_COLUMN:
            return drawn
        drawn = _stacked_legends(wide, chars)
        _narrow_plots(drawn, geometry.PRINT_COLUMN)
    if svg_width(svg(drawn)) > geometry.PRINT_COLUMN:  # labels alone too wide: the phone form prints
        return narrow(spec)
    return drawn


PRINT_LEGEND_CHARS = (48, 40, 34, LEGEND_LABEL_CHARS)


def _narrow_plots(spec: dict, column: float) -> None:
    """Narrow the plots of a chart wider than `column` px (down to MIN_PLOT_WIDTH) by the excess."""
    over, plot = svg_width(svg(spec)) - column, _plot_width(spec)
    if over > 0 and plot:
        _scale_widths(spec, max(MIN_PLOT_WIDTH / plot, (plot - over) / plot))


def _stacked_legends(spec: dict, chars: int) -> dict:
    """`spec` with every categorical legend in one column, its labels broken into lines of `chars`."""
    spec = copy.deepcopy(spec)
    spec.setdefault("config", {}).setdefault("legend", {})["columns"] = 1
    for view, _ in style.views(spec):
        for channel, definition in view.get("encoding", {}).items():
            legend = definition.get("legend", {}) if channel in LEGEND_CHANNELS else None
            if legend is not None and style.categorical(definition):
                _wrap_labels(definition.setdefault("legend", {}), chars)
                definition["legend"]["columns"] = 1
    return spec


def _plot_width(spec: dict) -> float:
    """The summed plot widths across a chart (labels, legends and padding excluded)."""
    if spec.get("hconcat"):
        return sum(_plot_width(sub) for sub in spec["hconcat"])
    subs = [_plot_width(sub) for key in ("layer", "vconcat", "concat") for sub in spec.get(key, [])]
    own = spec.get("width") if isinstance(spec.get("width"), int | float) else 0
    return max([own, *subs])


def _scale_widths(spec: dict, factor: float) -> None:
    """Multiply every view's numeric plot width by `factor` (mark sizes and heights stay)."""
    if isinstance(spec.get("width"), int | float):
        spec["width"] = round(spec["width"] * factor)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            _scale_widths(sub, factor)


def spec_patches(base, variant, path=()) -> list[list]:
    """The [path, value] replacements that turn `base` into `variant` (neither removes keys)."""
    if isinstance(base, dict) and isinstance(variant, dict):
        return [p for key in variant for p in (spec_patches(base[key], variant[key], (*path, key)) if key in base
                                               else [[[*path, key], variant[key]]])]
    if isinstance(base, list) and isinstance(variant, list) and len(base) == len(variant):
        return [p for i, (a, b) in enumerate(zip(base, variant, strict=True)) for p in spec_patches(a, b, (*path, i))]
    return [] if base == variant else [[list(path), variant]]


def vector_pdf(svg_markup: str) -> bytes:
    """A chart's static SVG as the print edition's vector PDF (text kept as text, canonical bytes)."""
    return canonical_pdf(_converter().svg_to_pdf(svg_markup))


def canonical_pdf(raw: bytes) -> bytes:
    """Rewrite a PDF with every dictionary's keys sorted, so object order and numbering are stable.

    vl-convert emits the same objects in varying order from call to call (font dictionaries come
    from a hash map); sorting keys and re-serialising from the root makes the bytes reproducible.
    """
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # vl-convert's trailer size is off; harmless
    reader = PdfReader(io.BytesIO(raw))
    seen: set[tuple[int, int]] = set()

    def sort_keys(obj) -> None:
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) not in seen:
                seen.add((obj.idnum, obj.generation))
                sort_keys(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            items = sorted(obj.items())
            obj.clear()
            obj.update(items)
            for _, value in items:
                sort_keys(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                sort_keys(value)

    sort_keys(reader.trailer["/Root"])
    out = io.BytesIO()
    PdfWriter(clone_from=reader).write(out)
    return out.getvalue()
