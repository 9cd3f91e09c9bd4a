"""The book's single chart style: type, colour-blind-safe palette, sizes, source lines, tooltips.

Importing this module registers and enables the "mibook" Altair theme.
"""

from collections.abc import Iterable

import altair as alt

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
THEME_LABELS = {
    "bilateral": "Bilateral relations",
    "afghanistan": "Afghanistan",
    "defence": "Defence",
    "energy": "Energy",
    "trade": "Trade",
    "sco-cpec": "SCO, CPEC and Eurasia",
}
WIDTH = 520
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"


@alt.theme.register("mibook", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": 15, "subtitleFontSize": 12, "subtitleColor": "#444", "anchor": "start",
                      "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
            "range": {"category": PALETTE},
            "text": {"fontSize": 12},
            # No per-mark ARIA labels: they repeat every tooltip (quotes included) in the page. The chart's
            # description labels the whole chart, and the data table beside it is the text alternative.
            "mark": {"aria": False},
        }
    }


def source_line(paragraphs: Iterable[int]) -> str:
    """'Source: Bokhari (2019), ¶2, ¶4' for the paragraphs a chart draws on."""
    numbers = sorted({int(p) for p in paragraphs})
    return "Source: Bokhari (2019), " + ", ".join(f"¶{n}" for n in numbers)


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


def claim_tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltips that always carry the claim id, its paragraph and the verbatim quote."""
    return [
        *extra,
        alt.Tooltip("claim_id:N", title="Claim"),
        alt.Tooltip("paragraph:Q", title="¶"),
        alt.Tooltip("quote:N", title="Quote"),
    ]
