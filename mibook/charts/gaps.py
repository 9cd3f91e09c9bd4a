"""One chart form for "what the article states, and what it leaves unstated": a grid of cells.

A stated cell is filled and carries the article's words; an unstated cell is white with a dashed
outline and says "not stated", so the two are told apart without colour. Used by the defence,
energy and trade chapters (the analysis side is `mibook.analysis.common.stated_details`).
"""

import textwrap

import altair as alt
import pandas as pd

from mibook.charts import style
from mibook.charts.layout import split_label
from mibook.render import BookChart

NOT_STATED = "not stated"
FONT_SIZE = 11
LINE_HEIGHT = 14
PADDING = 0.08  # share of each row and column left blank between cells
CHAR_WIDTH = 6.6  # px per character at FONT_SIZE, for wrapping cell text to its column
LABEL_WIDTH = 150  # px kept left of the grid for row labels


def wrap(text: str, width_px: float) -> str:
    """`text` broken into lines that fit `width_px` at the grid's font size."""
    return "\n".join(textwrap.wrap(text, max(8, int(width_px / CHAR_WIDTH)),
                                   break_long_words=False, break_on_hyphens=False))


def stated_grid(frame: pd.DataFrame, *, name: str, finding: list[str], fill: str, description: str,
                rows: str = "item", columns: str = "detail", headers: tuple[str, str] = ("Statement", "Detail"),
                ) -> BookChart:
    """`frame` (from `stated_details`) as a grid: one row per `rows` value, one column per `columns` value.

    `headers` name the `rows` and `columns` fields in the data table shown beside the chart.
    """
    row_order = list(dict.fromkeys(frame[rows]))
    column_order = list(dict.fromkeys(frame[columns]))
    width = style.WIDTH - LABEL_WIDTH
    cell_px = width / len(column_order) - 14
    plot = frame.assign(
        row=frame[rows].map(lambda t: wrap(t, LABEL_WIDTH - 10)),
        column=frame[columns].map(lambda t: wrap(t, cell_px)),
        text=[wrap(f"“{w}”", cell_px) if s else NOT_STATED for w, s in zip(frame.words, frame.stated, strict=True)],
        status=frame.stated.map({True: "stated", False: NOT_STATED}),
    )
    row_labels = [wrap(t, LABEL_WIDTH - 10) for t in row_order]
    lines = max(t.count("\n") + 1 for t in [*plot.text, *row_labels])
    row_height = LINE_HEIGHT * lines + 20
    # Text sits at the band's start plus this offset: centre each block of lines in its cell.
    plot["lift"] = row_height * (1 - PADDING) / 2 - plot.text.str.count("\n") * LINE_HEIGHT / 2
    plot = plot[["row", "column", "text", "lift", "status", "claim_id", "paragraph", "quote"]]
    column_labels = [wrap(t, cell_px) for t in column_order]
    split = split_label("\n")
    y = alt.Y("row:N", sort=row_labels, title=None,
              axis=alt.Axis(labelExpr=split, labelLimit=LABEL_WIDTH, domain=False, ticks=False,
                            labelFontSize=FONT_SIZE + 1, labelPadding=6))
    x = alt.X("column:N", sort=column_labels, title=None,
              axis=alt.Axis(orient="top", labelExpr=split, labelAngle=0, domain=False, ticks=False,
                            labelFontSize=FONT_SIZE + 1, labelFontWeight="bold"))
    base = alt.Chart(plot).encode(x=x, y=y, tooltip=style.claim_tooltip(alt.Tooltip("text:N", title="Article")))
    cells = base.mark_rect(strokeWidth=1.2, cornerRadius=2).encode(
        color=alt.Color("status:N", legend=None, scale=alt.Scale(domain=["stated", NOT_STATED],
                                                                 range=[fill, "#ffffff"])),
        stroke=alt.value("#8a8a8a"),
        strokeDash=alt.StrokeDash("status:N", legend=None,
                                  scale=alt.Scale(domain=["stated", NOT_STATED], range=[[1, 0], [3, 3]])),
    )
    text = base.mark_text(fontSize=FONT_SIZE, lineBreak="\n", lineHeight=LINE_HEIGHT).encode(
        text="text:N", yOffset=alt.YOffset("lift:Q", scale=None),
        color=alt.condition(f"datum.status === '{NOT_STATED}'", alt.value("#6b6b6b"), alt.value("#111111")),
    )
    chart = alt.layer(cells, text).properties(
        width=width, height=row_height * len(row_order), description=description,
        title=style.title(finding, frame.paragraph),
    ).configure_scale(bandPaddingInner=PADDING)
    table = frame.assign(words=frame.words.fillna(NOT_STATED))[[rows, columns, "words", "paragraph"]]
    table.columns = [*headers, "In the article's words", "¶"]
    return BookChart(chart, name, table)
