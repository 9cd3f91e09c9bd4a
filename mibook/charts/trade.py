"""The trade chart: the ten-month figure, our twelve-month equivalent and the boost with its rounding range.

Stated amounts are solid bars; our calculation is a light bar with a dashed outline and says so in its label.
"""

import altair as alt

from mibook import style
from mibook.analysis import trade
from mibook.charts.layout import split_label
from mibook.render import BookChart

BASIS_ORDER = [trade.STATED, trade.CALCULATED]
BASIS_FILL = {trade.STATED: style.THEME_COLOURS["trade"], trade.CALCULATED: "#f3dcea"}
BASIS_DASH = {trade.STATED: [1, 0], trade.CALCULATED: [5, 3]}
MILLION = 1e6
AXIS_TITLE = "US dollars (millions)"


def run_rate(tables) -> BookChart:
    """Reported trade, our twelve-month equivalent (a reference line too) and the boost, with the range its
    rounding allows as an error bar."""
    quantities, claims = tables["quantities"], tables["claims"]
    rate = trade.run_rate(quantities)
    rows = trade.run_rate_rows(quantities, claims)
    plot = rows.assign(millions=rows.dollars / MILLION, low=rows.low / MILLION, high=rows.high / MILLION)[
        ["item", "millions", "low", "high", "basis", "label", "claim_id", "paragraph", "quote"]]
    y = alt.Y("item:N", sort=list(plot["item"]), title=None, scale=alt.Scale(paddingInner=0.6),
              axis=alt.Axis(labelExpr=split_label(", "), labelLimit=150, labelFontSize=12))
    x = alt.X("millions:Q", title=AXIS_TITLE, scale=alt.Scale(domain=[0, 1000], nice=False))
    tooltip = style.claim_tooltip(alt.Tooltip("item:N", title="Item"), alt.Tooltip("label:N", title="Amount"))
    base = alt.Chart(plot).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(stroke="#7a3b63", strokeWidth=1.5).encode(
        x=x,
        color=alt.Color("basis:N", title=None, sort=BASIS_ORDER,
                        scale=alt.Scale(domain=BASIS_ORDER, range=[BASIS_FILL[b] for b in BASIS_ORDER]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        strokeDash=alt.StrokeDash("basis:N", sort=BASIS_ORDER, legend=None,
                                  scale=alt.Scale(domain=BASIS_ORDER, range=[BASIS_DASH[b] for b in BASIS_ORDER])),
    )
    spread = base.transform_filter("isValid(datum.low)").mark_errorbar(ticks=True, thickness=2, color="#111111").encode(
        x=alt.X("low:Q", title=AXIS_TITLE), x2="high:Q")
    labels = base.mark_text(align="left", baseline="bottom", dy=-20, x=2, fontSize=11).encode(text="label:N")
    pace = alt.Chart(plot.iloc[[1]]).mark_rule(color="#333333", strokeDash=[2, 2]).encode(x="millions:Q")
    boost = plot.iloc[2]
    description = (
        "Horizontal bar chart on one dollar axis, in millions: " + "; ".join(
            f"{r.item}, {r.label}" for r in plot.itertuples())
        + f". An error bar on the boost spans {boost.low:,.0f}–{boost.high:,.0f} million, the range its rounding "
        f"allows. A dotted line marks the twelve-month pace, {trade.money(rate['twelve_month'])}. Our calculation "
        f"assumes trade was spread evenly over the {rate['months']} months the article's figure covers."
    )
    chart = alt.layer(bars, spread, labels, pace).properties(
        width=style.WIDTH - 150, height=230, description=description,
        title=style.title([f"As written, {trade.quantity(quantities, 'trade-boost').as_written} brackets the "
                           f"{rate['year']} twelve-month pace"], plot.paragraph,
                          note="The article does not say whether it means a level or an increase, nor when."),
    )
    table = plot[["item", "label", "basis", "paragraph"]]
    table.columns = ["Item", "Amount", "Basis", "¶"]
    return BookChart(chart, "trade-run-rate", table)
