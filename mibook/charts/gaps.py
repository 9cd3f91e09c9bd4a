"""One chart form for "what the article states, and what it leaves unstated": a grid of cells.

A stated cell is filled and carries the article's words; an unstated cell is white with a dashed
outline and says "not stated", so the two are told apart without colour. Used by the defence,
energy and trade chapters (the analysis side is `mibook.analysis.common.stated_details`).
"""

import textwrap

import altair as alt
import pandas as pd

from mibook import style
from mibook.charts.layout import split_label
from mibook.render import BookChart

NOT_STATED = "not stated"
FONT_SIZE = 11
LINE_HEIGHT = 14
PADDING = 0.08  # share of each row and column left blank between cells
CHAR_WIDTH = 6.6  # px per character at FONT_SIZE, for wrapping cell text to its column
LABEL_WIDTH = 150  # px kept left of the grid for row labels
NARROW_LABEL_WIDTH = 104  # the same on a phone


def wrap(text: str, width_px: float, min_chars: int = 8) -> str:
    """`text` broken into lines that fit `width_px` at the grid's font size (words are never split)."""
    return "\n".join(textwrap.wrap(text, max(min_chars, int(width_px / CHAR_WIDTH)),
                                   break_long_words=False, break_on_hyphens=False))


def stated_grid(frame: pd.DataFrame, *, name: str, finding: list[str], fill: str, description: str,
                rows: str = "item", columns: str = "detail", headers: tuple[str, str] = ("Statement", "Detail"),
                ) -> BookChart:
    """`frame` (from `stated_details`) as a grid: one row per `rows` value, one column per `columns` value.

    `headers` name the `rows` and `columns` fields in the data table shown beside the chart. On a phone
    the grid keeps its shape without the words (filled = stated); the words stay in the data table.
    """
    wide = _grid(frame, rows, columns, fill, style.WIDTH, LABEL_WIDTH, words=True)
    phone = _grid(frame, rows, columns, fill, style.NARROW_WIDTH, NARROW_LABEL_WIDTH, words=False)
    title = style.title(finding, frame.paragraph)
    wide, phone = (chart.properties(description=description, title=title) for chart in (wide, phone))
    table = frame.assign(words=frame.words.fillna(NOT_STATED))[[rows, columns, "words", "paragraph"]]
    table.columns = [*headers, "In the article's words", "¶"]
    return BookChart(wide, name, table, narrow_chart=phone)


def _grid(frame: pd.DataFrame, rows: str, columns: str, fill: str, total_width: int, label_width: int,
          words: bool) -> alt.LayerChart:
    """The grid at `total_width` px, its cells quoting the article (`words`) or left blank."""
    row_order = list(dict.fromkeys(frame[rows]))
    column_order = list(dict.fromkeys(frame[columns]))
    width = total_width - label_width
    cell_px = width / len(column_order) - 14
    plot = frame.assign(
        row=frame[rows].map(lambda t: wrap(t, label_width - 10)),
        column=frame[columns].map(lambda t: wrap(t, cell_px, min_chars=4)),
        text=[(wrap(f"“{w}”", cell_px) if s else NOT_STATED) if words else "" for w, s in zip(frame.words,
                                                                                               frame.stated,
                                                                                               strict=True)],
        status=frame.stated.map({True: "stated", False: NOT_STATED}),
    )
    row_labels = [wrap(t, label_width - 10) for t in row_order]
    lines = max(t.count("\n") + 1 for t in [*plot.text, *row_labels])
    row_height = LINE_HEIGHT * lines + 20
    # Text sits at the band's start plus this offset: centre each block of lines in its cell.
    plot["lift"] = row_height * (1 - PADDING) / 2 - plot.text.str.count("\n") * LINE_HEIGHT / 2
    plot = plot[["row", "column", "text", "lift", "status", "claim_id", "paragraph", "quote"]]
    column_labels = [wrap(t, cell_px, min_chars=4) for t in column_order]
    split = split_label("\n")
    y = alt.Y("row:N", sort=row_labels, title=None,
              axis=alt.Axis(labelExpr=split, labelLimit=label_width, domain=False, ticks=False,
                            labelFontSize=FONT_SIZE + 1, labelPadding=6))
    x = alt.X("column:N", sort=column_labels, title=None,
              axis=alt.Axis(orient="top", labelExpr=split, labelAngle=0, domain=False, ticks=False,
                            labelPadding=4 + (max(t.count("\n") for t in column_labels)) * (FONT_SIZE + 2),
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
    return alt.layer(cells, text).properties(width=width, height=row_height * len(row_order)
                                             ).configure_scale(bandPaddingInner=PADDING)
