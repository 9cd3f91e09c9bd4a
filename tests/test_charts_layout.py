"""The shared label-splitting expression, as Vega draws it."""

import re

import altair as alt
import pandas as pd

from mibook import render
from mibook.charts.layout import split_label


def _axis_lines(expr: str, labels: list[str]) -> list[str]:
    chart = alt.Chart(pd.DataFrame({"k": labels, "v": [1] * len(labels)})).mark_point().encode(
        x=alt.X("k:N", sort=labels, title=None, axis=alt.Axis(labelExpr=expr, labelAngle=0)), y="v:Q")
    svg = render.svg(chart.to_dict())  # the book's one converter, with its bundled fonts only
    return re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)


def test_labels_break_at_the_separator_and_named_labels_break_their_own_way():
    lines = _axis_lines(split_label(" ", {"no record found": ["no record", "found"]}),
                        ["Mediation offer", "no record found", "Trade, 2018"])
    assert lines[:6] == ["Mediation", "offer", "no record", "found", "Trade,", "2018"]
    assert _axis_lines(split_label(", "), ["Trade, 2018"])[:2] == ["Trade", "2018"]
    assert _axis_lines(split_label("\n"), ["one line\nand another"])[:2] == ["one line", "and another"]


def test_labels_break_at_spaces_unless_told_otherwise():
    assert split_label() == 'split(datum.label, " ")'
