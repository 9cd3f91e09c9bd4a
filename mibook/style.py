"""The book's single chart style, below the renderer (which applies it) and the chart builders: type scale,
colour-blind-safe palette, sizes, source lines, tooltips, typography, the dark rendering, and the checks
every chart must pass to print (greyscale-safe colours, type no smaller than 8 pt).

Importing this module registers and enables the "mibook" Altair theme.
"""

import colorsys
import copy
import itertools
import re
from collections.abc import Iterable, Iterator

import altair as alt

from mibook.geometry import COLUMN, PRINT_SCALE, PRINT_WIDTH_PT  # noqa: F401 (the style's geometry)
from mibook.labels import THEME_LABELS

# Okabe & Ito (2008) colour-blind-safe palette, black last.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
THEME_COLOURS = {
    "bilateral": "#0072B2",
    "afghanistan": "#E69F00",
    "defence": "#D55E00",
    "energy": "#009E73",
    "trade": "#CC79A7",
    "sco-cpec": "#56B4E9",
}
WIDTH = 440  # plot width: with axis labels a chart fits the ~650 px text column and prints at >= 8 pt
# The phone rendering's width (aimed at; 4 px over at most): at 95.5 % of the narrowest phone column (273 px
# at 320), 11 px text draws at 10.5 px.
NARROW_WIDTH = 280
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
BACKGROUND = "#ffffff"  # the light rendering's background (the page's, in the light theme)
DARK_BACKGROUND = "#14181e"  # the dark rendering's: the dark theme's page background (--pst-color-background)
TEXT = "#222222"
# One type scale for every chart, in px at the chart's own size (1 px = 1 pt in the vector PDF).
TYPE_SCALE = {"title": 15, "body": 12, "small": 11}
MIN_PRINT_PT = 8
MIN_CONTRAST = 4.5  # WCAG AA for chart text against the chart background
LIGHT_FILL = "#e0e0e0"  # the darkest light fill dark text may sit on (grid cells, shaded bands)
GREY_MIN_DELTA = 12  # CIE L* difference two category colours need to stay apart in greyscale


@alt.theme.register("mibook", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": BACKGROUND,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": TYPE_SCALE["title"], "subtitleFontSize": TYPE_SCALE["body"], "color": TEXT,
                      "subtitleColor": "#444", "anchor": "start", "offset": 12},
            "axis": {"labelFontSize": TYPE_SCALE["body"], "titleFontSize": TYPE_SCALE["body"], "labelLimit": 260,
                     "labelColor": TEXT, "titleColor": TEXT, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": TYPE_SCALE["body"], "titleFontSize": TYPE_SCALE["body"], "labelLimit": 260,
                       "labelColor": TEXT, "titleColor": TEXT, "orient": "bottom"},
            "range": {"category": PALETTE},
            "text": {"fontSize": TYPE_SCALE["body"], "color": TEXT},
            # No per-mark ARIA labels: they repeat every tooltip (quotes included) in the page. The chart's
            # description labels the whole chart, and the data table beside it is the text alternative.
            "mark": {"aria": False},
        }
    }


def source_line(paragraphs: Iterable[int], others: str = "") -> str:
    """'Source: Bokhari (2019), ¶2, ¶4' for the paragraphs a chart draws on; with `others`, the chart's
    other sources after it: 'Sources: Bokhari (2019), ¶2; outside reports (references)'."""
    numbers = sorted({int(p) for p in paragraphs})
    article = "Bokhari (2019), " + ", ".join(f"¶{n}" for n in numbers)
    return f"Sources: {article}; {others}" if others else f"Source: {article}"


def title(finding: str, paragraphs: Iterable[int], note: str | None = None) -> alt.Title:
    """A chart title that states the finding, with the source line (and an optional note) beneath."""
    subtitle = [note, source_line(paragraphs)] if note else [source_line(paragraphs)]
    return alt.Title(text=finding, subtitle=subtitle)


def theme_colour(field: str = "theme", legend_title: str = "Theme") -> alt.Color:
    """Colour by theme with fixed, book-wide colours and readable labels."""
    themes = list(THEME_COLOURS)
    label_expr = " : ".join(f"datum.value === '{t}' ? '{THEME_LABELS[t]}'" for t in themes) + " : datum.value"
    return alt.Color(
        f"{field}:N",
        title=legend_title,
        scale=alt.Scale(domain=themes, range=[THEME_COLOURS[t] for t in themes]),
        legend=alt.Legend(labelExpr=label_expr),
    )


SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "triangle-right"]
DASHES = [[1, 0], [6, 3], [2, 2], [10, 3, 2, 3], [1, 4], [14, 3], [4, 4], [8, 2, 2, 2, 2, 2]]


def categories(field: str, domain: list[str], mark: str, title: str | None = None) -> dict:
    """Encodings for a categorical `field` that survive greyscale printing: its colour plus, on the
    same field, a shape (mark "point") or a dash pattern (marks "line" and "rule"); one merged legend.
    Use as `.encode(**style.categories("kind", kinds, "point", "Kind of tie"))`."""
    second = {"point": ("shape", alt.Shape, SHAPES), "line": ("strokeDash", alt.StrokeDash, DASHES),
              "rule": ("strokeDash", alt.StrokeDash, DASHES)}
    if mark not in second:
        raise ValueError(f"mark {mark!r}: bars and areas need direct labels (a text layer on {field!r})")
    name, channel, values = second[mark]
    if len(domain) > len(values):
        raise ValueError(f"{len(domain)} categories of {field!r}: at most {len(values)} stay apart")
    count = len(domain)
    return {"color": alt.Color(f"{field}:N", title=title, scale=alt.Scale(domain=domain, range=PALETTE[:count])),
            name: channel(f"{field}:N", title=title, scale=alt.Scale(domain=domain, range=values[:count]))}


def claim_tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltips that always carry the article's paragraph and its verbatim words (no claim id: ids stay in the
    ledger, off the reading pages)."""
    return [
        *extra,
        alt.Tooltip("paragraph:Q", title="Article ¶"),
        alt.Tooltip("quote:N", title="Quote"),
    ]


# --- Spec-level rules every chart gets from the renderer, and the checks for print. ---------------------

def views(spec: dict, inherited: dict | None = None) -> Iterator[tuple[dict, dict]]:
    """Every unit view of a Vega-Lite spec with its effective encoding and data, depth first."""
    encoding = {**(inherited or {}).get("encoding", {}), **spec.get("encoding", {})}
    context = {"encoding": encoding, "data": spec.get("data", (inherited or {}).get("data"))}
    if "mark" in spec:
        yield spec, context
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from views(sub, context if key == "layer" else {"data": context["data"]})
    if isinstance(spec.get("spec"), dict):  # facet and repeat
        yield from views(spec["spec"], {"data": context["data"]})


def mark_type(view: dict) -> str:
    mark = view.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


_NAMED = {"white": "#ffffff", "black": "#000000"}


def rgb(colour) -> tuple[float, float, float] | None:
    """A '#rgb', '#rrggbb', 'white' or 'black' colour as 0–1 channels; None for anything else."""
    if not isinstance(colour, str):
        return None
    text = _NAMED.get(colour.lower(), colour.lower())
    if not text.startswith("#") or len(text) not in (4, 7):
        return None
    digits = text[1:] if len(text) == 7 else "".join(c * 2 for c in text[1:])
    try:
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None


def luminance(colour) -> float:
    """WCAG relative luminance of a colour (also its grey value when printed in greyscale)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def grey_lightness(colour) -> float:
    """CIE L* (0 black – 100 white) of a colour's luminance: how light it prints in greyscale."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def legible(colour, background: str = LIGHT_FILL) -> str:
    """`colour` moved just enough away from `background` (darker on a light one, lighter on a dark one) for
    text to reach MIN_CONTRAST on it (on a light fill, so also on white).

    Only colours meant to be read on that background (on the same side of mid-grey as the text should be)
    are changed; text on the other side is drawn on a filled mark, whose colour the renderer does not know.
    """
    channels = rgb(colour)
    on_dark = luminance(background) < 0.18
    if channels is None or (luminance(colour) < 0.1 if on_dark else luminance(colour) > 0.4) \
            or contrast(colour, background) >= MIN_CONTRAST:
        return colour
    for step in range(1, 21):
        moved = [c + (1 - c) * step / 20 if on_dark else c * (1 - step / 20) for c in channels]
        candidate = "#" + "".join(f"{round(255 * c):02x}" for c in moved)
        if contrast(candidate, background) >= MIN_CONTRAST + 0.1:
            return candidate
    return "#ffffff" if on_dark else "#000000"


def font_sizes(node) -> Iterator[tuple[dict, str]]:
    """(owner, key) of every font size in a spec: config, titles, axes, legends and marks."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.lower().endswith("fontsize") and isinstance(value, int | float):
                yield node, key
            else:
                yield from font_sizes(value)
    elif isinstance(node, list):
        for value in node:
            yield from font_sizes(value)


def on_type_scale(size: float) -> int:
    """The type-scale size nearest to `size` (the larger on a tie)."""
    return min(sorted(TYPE_SCALE.values(), reverse=True), key=lambda s: abs(s - size))


def type_problems(spec: dict, width_pt: float) -> list[str]:
    """Font sizes off the type scale, or under MIN_PRINT_PT once a `width_pt` wide chart is scaled to print."""
    scale = min(PRINT_SCALE, PRINT_WIDTH_PT / width_pt)
    problems = []
    for owner, key in font_sizes(spec):
        size = owner[key]
        if size not in TYPE_SCALE.values():
            problems.append(f"{key} {size} is not on the type scale {sorted(TYPE_SCALE.values())}")
        elif size * scale < MIN_PRINT_PT:
            problems.append(f"{key} {size} prints at {size * scale:.1f} pt (chart {width_pt:.0f} pt wide)")
    return problems


COLOUR_CHANNELS = ("color", "fill", "stroke")
REDUNDANT_CHANNELS = ("shape", "strokeDash", "text")


def greyscale_problems(spec: dict) -> list[str]:
    """Categorical colour scales whose colours print as greys too close to tell apart (CIE L* closer
    than GREY_MIN_DELTA), unless the same field is also encoded by shape, strokeDash or text."""
    problems = []
    for group in _layer_groups(spec):
        encodings = [context["encoding"] for _, context in group]
        redundant = {e[c].get("field") for e in encodings for c in REDUNDANT_CHANNELS if isinstance(e.get(c), dict)}
        for view, context in group:
            for channel in COLOUR_CHANNELS:
                definition = context["encoding"].get(channel)
                if not categorical(definition) or definition["field"] in redundant:
                    continue
                colours = _category_colours(spec, definition, context["data"])
                for a, b in itertools.combinations(colours, 2):
                    gap = abs(grey_lightness(a) - grey_lightness(b))
                    if gap < GREY_MIN_DELTA:
                        problems.append(f"{mark_type(view)} {channel} '{definition['field']}': {a} and {b} are "
                                        f"{gap:.0f} L* apart in greyscale")
    return sorted(set(problems))


def _layer_groups(spec: dict) -> Iterator[list[tuple[dict, dict]]]:
    """The unit views drawn together: each layer stack as one group, a lone unit view as its own."""
    if "layer" in spec or "mark" in spec:
        yield list(views(spec))
        return
    for key in ("vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _layer_groups(sub)
    if isinstance(spec.get("spec"), dict):
        yield from _layer_groups(spec["spec"])


def categorical(definition) -> bool:
    return isinstance(definition, dict) and "field" in definition and definition.get("type") in ("nominal", "ordinal")


def _category_colours(spec: dict, definition: dict, data) -> list[str]:
    scale = definition.get("scale") or {}
    palette = scale.get("range")
    if not isinstance(palette, list):
        if "scheme" in scale:
            return []  # a named scheme: its colours are not in the spec
        palette = spec.get("config", {}).get("range", {}).get("category", PALETTE)
    domain = scale.get("domain")
    count = len(domain) if isinstance(domain, list) else len(field_values(spec, data, definition["field"]))
    return [c for c in palette[:count or len(palette)] if rgb(c)]


def field_values(spec: dict, data, field: str) -> list:
    """The distinct values of `field` in a view's inline data (`data` as the view has it), in order."""
    rows = (data or {}).get("values") or spec.get("datasets", {}).get((data or {}).get("name"), [])
    rows = rows if isinstance(rows, list) else []
    return list(dict.fromkeys(row[field] for row in rows if isinstance(row, dict) and field in row))


# --- Typography and the dark rendering: applied by the renderer to every chart. -------------------------

_TEXT_KEYS = ("title", "subtitle", "text", "description")


def curly(text: str) -> str:
    """Straight quotes made typographic: apostrophes ’, double quotes “ ”, single quotes ‘ ’."""
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r'(^|[\s(\[—–-])"', "\\1“", text).replace('"', "”")
    return re.sub(r"(^|[\s(\[—–-])'", "\\1‘", text).replace("'", "’")


def typeset(spec):
    """A spec with curly quotes in every reader-facing text: titles, subtitles, descriptions, literal texts
    and the inline data (labels, tooltips), and so in the category lists that name data values (scale
    domains, sort orders); expressions and field names are left alone."""
    if isinstance(spec, dict):
        return {key: (_typeset_text(value) if key in _TEXT_KEYS or key in _CATEGORY_KEYS else
                      _typeset_rows(value) if key in ("values", "datasets") else typeset(value))
                for key, value in spec.items()}
    if isinstance(spec, list):
        return [typeset(value) for value in spec]
    return spec


_CATEGORY_KEYS = ("domain", "sort")  # lists of data values: typeset like the data they must match


def _typeset_text(value):
    if isinstance(value, str):
        return curly(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [curly(v) for v in value]
    return typeset(value)


def _typeset_rows(value):
    if isinstance(value, dict):
        return {key: _typeset_rows(rows) for key, rows in value.items()}
    if isinstance(value, list):
        return [{k: curly(v) if isinstance(v, str) else v for k, v in row.items()} if isinstance(row, dict) else row
                for row in value]
    return value


_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?|white|black")
_DATA_KEYS = ("data", "datasets", "values", "description", "labelExpr", "name")


def dark(spec: dict) -> dict:
    """The dark rendering of a spec: the dark page's background, and every colour it names turned for it:
    greys, near-whites and dark colours take the opposite lightness (dark text becomes light, a light cell
    dark, a white fill the background); mid-light saturated colours (the palette's) keep theirs. Text
    reaches MIN_CONTRAST."""
    spec = _darkened(copy.deepcopy(spec))
    config = spec.setdefault("config", {})
    config["background"] = DARK_BACKGROUND
    config.setdefault("axis", {}).update(gridColor="#343a44", domainColor="#8a94a0", tickColor="#8a94a0")
    for view, _ in views(spec):
        if mark_type(view) == "text":
            for owner, key in text_colours(view):
                owner[key] = legible(owner[key], DARK_BACKGROUND)
    return spec


_WORD_CHANNELS = ("text", "tooltip", "description")  # encoding channels whose literal values are words


def _darkened(node):
    if isinstance(node, dict):
        return {k: v if k in _DATA_KEYS or (k in _TEXT_KEYS and not isinstance(v, dict)) else
                _darkened_encoding(v) if k == "encoding" else _darkened(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_darkened(v) for v in node]
    if isinstance(node, str) and _COLOUR.fullmatch(node):
        return dark_colour(node)
    return node


def _darkened_encoding(encoding):
    """An encoding turned for the dark rendering, but for the channels that show words: a text mark's literal
    'white' is the word, not a colour."""
    return {channel: value if channel in _WORD_CHANNELS else _darkened(value) for channel, value in encoding.items()}


def dark_colour(colour: str) -> str:
    """`colour` for the dark rendering (an alpha suffix is kept): greys and very light or very dark colours
    mirrored in lightness, never darker than the dark background; mid-light saturated ones as they are."""
    text = _NAMED.get(colour.lower(), colour.lower())
    alpha = text[7:] if len(text) == 9 else ""
    base = text[:7] if alpha else text
    hue, light, saturation = colorsys.rgb_to_hls(*rgb(base))
    if saturation > 0.25 and 0.3 <= light <= 0.8:
        return colour
    if 1 - light <= colorsys.rgb_to_hls(*rgb(DARK_BACKGROUND))[1]:
        return DARK_BACKGROUND + alpha
    channels = colorsys.hls_to_rgb(hue, 1 - light, saturation)
    return "#" + "".join(f"{round(255 * c):02x}" for c in channels) + alpha


def text_colours(view: dict) -> Iterator[tuple[dict, str]]:
    """(owner, key) of every literal colour of a text mark: the mark's own and its encodings' values."""
    mark = view["mark"] if isinstance(view["mark"], dict) else {}
    for key in ("color", "fill"):
        if rgb(mark.get(key)):
            yield mark, key
        definition = view.get("encoding", {}).get(key)
        if isinstance(definition, dict):
            conditions = definition.get("condition", [])
            for owner in [definition, *(conditions if isinstance(conditions, list) else [conditions])]:
                if rgb(owner.get("value")):
                    yield owner, "value"
