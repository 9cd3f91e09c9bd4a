"""One chart form for "which statement is which": statements as rows (in article order), categories as
columns, one mark per statement whose shape (not only its colour) says who makes it or what it is."""

import altair as alt
import pandas as pd

from mibook import style
from mibook.charts.layout import split_label
from mibook.render import BookChart

COLUMN_WIDTH = 54
ROW_HEIGHT = 26


def statement_grid(frame: pd.DataFrame, *, name: str, column: str, columns: list[str], shape: str,
                   shapes: dict[str, str], title: alt.Title, description: str, table: pd.DataFrame) -> BookChart:
    """`frame` needs `row_label` (unique, in display order), `column`, `shape` and the claim tooltip fields.

    `shapes` maps each value of `shape` to a Vega shape name; filled shapes and open ones differ in
    greyscale, so the legend never relies on hue.
    """
    rows = list(frame.row_label)
    values = [v for v in shapes if v in set(frame[shape])]
    tooltip = style.claim_tooltip(alt.Tooltip(f"{column}:N", title="Kind"), alt.Tooltip(f"{shape}:N", title="Voice"))
    base = alt.Chart(frame).encode(
        y=alt.Y("row_label:N", sort=rows, title=None,
                axis=alt.Axis(labelLimit=270, ticks=False, domain=False, grid=True, labelPadding=6)),
        x=alt.X(f"{column}:N", sort=columns, scale=alt.Scale(domain=columns), title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelExpr=split_label(" "), ticks=False,
                              domain=False, grid=True, labelPadding=6)),
        tooltip=tooltip,
    )
    marks = base.mark_point(size=150, strokeWidth=2, opacity=1, color="#222").encode(
        shape=alt.Shape(f"{shape}:N", title=None, sort=values,
                        scale=alt.Scale(domain=values, range=[shapes[v].split(":")[0] for v in values]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=480)),
        fill=alt.Fill(f"{shape}:N", sort=values, legend=None,
                      scale=alt.Scale(domain=values,
                                      range=["#222" if shapes[v].endswith(":filled") else "white" for v in values])),
    )
    chart = marks.properties(width=COLUMN_WIDTH * len(columns), height=ROW_HEIGHT * len(rows), title=title,
                             description=description)
    return BookChart(chart, name, table)
