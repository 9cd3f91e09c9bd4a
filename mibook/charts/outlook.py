"""Outlook chart: Janjua's blueprint against what the article already records in each item's theme."""

import textwrap

import altair as alt

from mibook.analysis import outlook
from mibook.charts import style
from mibook.render import BookChart


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def blueprint_grounding(tables) -> BookChart:
    """Count matrix: for each blueprint item (rows), what the article records in the item's theme (columns)."""
    cells = outlook.grounding_cells(tables)
    numbers = outlook.key_numbers(tables)
    cells["row_label"] = [f"{_wrap(f'{o}. {item}', 32)}\n{style.THEME_LABELS[t]}" for o, item, t in
                          zip(cells.order, cells["item"], cells.theme, strict=True)]
    cells["column_label"] = [_wrap(label, 10) for label in cells.measure_label]
    finding = (f"{numbers['items_no_russian_view']} of {numbers['blueprint_items']} blueprint items fall in "
               "themes with no Russian position")
    rows = alt.Y("row_label:N", title=None, sort=alt.EncodingSortField("order"),
                 axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=300, labelPadding=8,
                               labelFontSize=12, ticks=False, domain=False))
    columns = alt.X("column_label:N", title=None, sort=list(dict.fromkeys(cells.column_label)),
                    axis=alt.Axis(orient="top", labelAngle=0, labelExpr="split(datum.label, '\\n')",
                                  labelFontSize=11, ticks=False, domain=False, labelPadding=10))
    tooltip = [alt.Tooltip("item:N", title="Blueprint item"), alt.Tooltip("measure_label:N", title="Measure"),
               alt.Tooltip("count:Q", title="Count")]
    base = alt.Chart(cells).encode(x=columns, y=rows, tooltip=tooltip)
    shade = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("count:Q", legend=None, scale=alt.Scale(range=["#f2f2f2", "#08306b"], domainMin=0)))
    counts = base.mark_text(fontSize=13, fontWeight="bold").encode(
        text="count:Q", color=alt.condition("datum.count >= 3", alt.value("white"), alt.value("black")))
    chart = (shade + counts).properties(
        width=4 * 80, height=6 * 56,
        title=alt.Title(finding, subtitle=[
            "In each item's theme: Russia–Pakistan ties in place, named dialogue processes, and each side's",
            "stated positions (our count).", style.source_line(outlook.grounding_paragraphs(tables))]),
        description=(
            f"Matrix of the {numbers['blueprint_items']} items of Janjua's blueprint (rows) against four counts "
            "of what the article records in each item's theme (columns): Russia–Pakistan ties in place, named "
            "dialogue processes, and Russian and Pakistani positions stated. "
            f"{numbers['items_no_russian_view']} items fall in themes with no Russian position."
        ),
    )
    table = outlook.blueprint_grounding(tables)
    table = table.assign(theme=table.theme.map(style.THEME_LABELS))[["order", "item", "theme",
                                                                    *outlook.GROUNDING_LABELS]]
    table = table.rename(columns={"order": "Item", "item": "Blueprint item (our label)", "theme": "Theme",
                                  **outlook.GROUNDING_LABELS})
    return BookChart(chart, "outlook-blueprint-grounding", table)
