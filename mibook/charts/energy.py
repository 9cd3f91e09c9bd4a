"""Energy charts: what the article states about the MoU and the investment, and its three dollar figures."""

import altair as alt

from mibook import style
from mibook.analysis import energy
from mibook.charts.gaps import stated_grid
from mibook.render import BookChart

BILLION = 1e9


def details(tables) -> BookChart:
    """The MoU and the investment against the details an agreement or a sum would carry."""
    grid = energy.details_grid(tables)
    stated = grid[grid.stated]
    numbers = energy.chapter_numbers(tables)
    description = (
        f"Grid of {len(energy.DETAILS)} details ({', '.join(energy.DETAILS)}) for the memorandum of understanding "
        "and for the investment. Stated: " + "; ".join(f"{r.item}, {r.detail}: {r.words}" for r in stated.itertuples())
        + ". Every other cell is not stated."
    )
    finding = [f"The memorandum has a date but no value; the {numbers['investment']}",
               "has a value but no date; neither names a project"]
    return stated_grid(grid, name="energy-details", finding=finding, rows="detail", columns="item",
                       headers=("Detail", "Item"), fill=style.THEME_COLOURS["energy"] + "55",
                       description=description)


def dollar_figures(tables) -> BookChart:
    """The article's dollar figures on one axis, each labelled with the period it gives: a scale comparison."""
    rows = energy.dollar_figures(tables)
    plot = rows.assign(billions=rows.dollars / BILLION,
                       label=[f"{a} · {'no period stated' if p == 'unstated' else p}"
                              for a, p in zip(rows.amount, rows.period, strict=True)])
    plot = plot[["item", "billions", "label", "amount", "claim_id", "paragraph", "quote"]]
    top = float(plot.billions.max())
    y = alt.Y("item:N", sort=list(plot["item"]), title=None, axis=alt.Axis(labelLimit=120, labelFontSize=12),
              scale=alt.Scale(paddingInner=0.55))
    x = alt.X("billions:Q", title="US dollars (billions)", scale=alt.Scale(domain=[0, top], nice=False))
    tooltip = style.claim_tooltip(alt.Tooltip("item:N", title="Figure"), alt.Tooltip("amount:N", title="Amount"))
    base = alt.Chart(plot).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(color=style.THEME_COLOURS["energy"]).encode(x=x)
    labels = base.mark_text(align="left", baseline="bottom", dy=-15, x=0, fontSize=12).encode(text="label:N")
    description = (
        "Horizontal bar chart on one dollar axis, in billions, of the article's three dollar figures, as stated: "
        + "; ".join(f"{r.item}, {r.label}" for r in plot.itertuples())
        + ". A scale comparison only: the investment is a sum with no stated period, the others are trade flows."
    )
    chart = alt.layer(bars, labels).properties(
        width=style.WIDTH - 130, height=180, description=description,
        title=style.title(["The article's three dollar figures measure different things;",
                           "only the trade figure comes with a period"], plot.paragraph,
                          note="A scale comparison only: a sum with no stated period beside flows of trade."),
    )
    table = plot[["item", "amount", "label", "paragraph"]].assign(
        label=[t.split(" · ")[1] for t in plot.label])
    table.columns = ["Figure", "Amount", "Period", "¶"]
    return BookChart(chart, "energy-dollar-figures", table)
