"""Checks chart: how the article's checked claims fare against contemporary sources, by theme.

Verdicts are told apart by column and shape (and labelled directly), never by hue alone.
"""

import altair as alt

from mibook import context, style
from mibook.charts.layout import split_label
from mibook.labels import THEME_LABELS
from mibook.render import BookChart

VERDICT_SHAPES = {"consistent": "circle", "partly consistent": "diamond", "inconsistent": "cross",
                  "not supported by the record": "square", "no record found": "triangle-down"}
VERDICT_COLOURS = {"consistent": style.PALETTE[2], "partly consistent": style.PALETTE[1],
                   "inconsistent": style.PALETTE[3], "not supported by the record": style.PALETTE[4],
                   "no record found": "#777777"}
VERDICT_LINES = {"no record found": ["no record", "found"], "not supported by the record": ["not supported",
                                                                                             "by the record"]}
WIDTH = 430  # the plot; the theme labels take the rest of the text column


def verdicts_by_theme(tables) -> BookChart:
    """A grid: one row per theme, one column per verdict; a sized mark and its count where checks exist."""
    counts = context.verdict_counts(tables)
    verdicts = context.verdicts(tables)
    plot = counts.assign(theme_label=counts.theme.map(THEME_LABELS))
    themes = list(dict.fromkeys(plot.theme_label))
    totals = plot.groupby("verdict").checks.sum()
    total = int(totals.sum())
    paragraphs = context.checks_frame(tables).paragraph
    partly = int(totals["partly consistent"])
    finding = (f"{int(totals['consistent'])} of {total} checked claims match the record; "
               f"{partly} {'match' if partly > 1 else 'matches'} it only in part")
    x = alt.X("verdict:N", title=None, sort=verdicts, scale=alt.Scale(domain=verdicts),
              axis=alt.Axis(orient="top", labelAngle=0, domain=False, ticks=False, labelBaseline="line-bottom",
                            labelExpr=split_label(" ", VERDICT_LINES)))
    y = alt.Y("theme_label:N", title=None, sort=themes, axis=alt.Axis(domain=False, ticks=False))
    tooltip = [alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("verdict:N", title="Verdict"),
               alt.Tooltip("checks:Q", title="Checks")]
    base = alt.Chart(plot).encode(x=x, y=y, tooltip=tooltip)
    marks = base.transform_filter("datum.checks > 0").mark_point(filled=True, opacity=0.85).encode(
        size=alt.Size("checks:Q", scale=alt.Scale(domain=[0, 3], range=[0, 700]), legend=None),
        shape=alt.Shape("verdict:N", sort=verdicts, legend=None,
                        scale=alt.Scale(domain=verdicts, range=[VERDICT_SHAPES[v] for v in verdicts])),
        color=alt.Color("verdict:N", sort=verdicts, legend=None,
                        scale=alt.Scale(domain=verdicts, range=[VERDICT_COLOURS[v] for v in verdicts])),
    )
    labels = base.mark_text(dx=24, align="left", fontSize=13).encode(
        text=alt.Text("checks:Q"), color=alt.condition("datum.checks > 0", alt.value("#222222"), alt.value("#6b6b6b")))
    chart = alt.layer(marks, labels).properties(
        width=WIDTH, height=40 * len(themes),
        description=(
            f"Grid of {total} checks of article claims against contemporary sources: one row per theme, one "
            f"column per verdict ({', '.join(verdicts)}). Each verdict has its own shape and column, and each "
            "cell is labelled with its count. Totals: "
            + ", ".join(f"{v} {int(totals[v])}" for v in verdicts) + "."
        ),
        title=alt.Title(text=finding, subtitle=[
            f"Context: {len(context.outside_sources(tables))} contemporary sources, listed below",
            "Claims from " + style.source_line(paragraphs).removeprefix("Source: "),
        ]),
    )
    table = counts.pivot(index="theme", columns="verdict", values="checks").loc[list(dict.fromkeys(counts.theme)),
                                                                              verdicts].reset_index()
    table["theme"] = table.theme.map(THEME_LABELS)
    table.columns = ["Theme", *(v.capitalize() for v in verdicts)]
    return BookChart(chart, "checks-verdicts-by-theme", table)
