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
LABEL = {"align": "left", "fontSize": style.TYPE_SCALE["body"]}  # direct labels, at the body size
ABOVE_BAR = 9  # px: the rounding range sits over the boost's bar, right of the bar's label
PACE_LABEL = "yearly pace"


def run_rate(tables) -> BookChart:
    """Reported trade, our twelve-month equivalent (a reference line too) and the boost, with the range its
    rounding allows as a capped line over its bar."""
    quantities, claims = tables["quantities"], tables["claims"]
    rate = trade.run_rate(quantities)
    rows = trade.run_rate_rows(quantities, claims)
    plot = rows.assign(millions=rows.dollars / MILLION, low=rows.low / MILLION, high=rows.high / MILLION)[
        ["item", "millions", "low", "high", "basis", "label", "claim_id", "paragraph", "quote"]]
    y = alt.Y("item:N", sort=list(plot["item"]), title=None, scale=alt.Scale(paddingInner=0.6),
              axis=alt.Axis(labelExpr=split_label(", "), labelLimit=150, labelFontSize=12))
    x = alt.X("millions:Q", title=AXIS_TITLE, scale=alt.Scale(domain=[0, 1000], nice=False),
              axis=alt.Axis(values=list(range(0, 1001, 200))))  # ticks that fit every width, none hidden
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
    ranged = alt.Chart(plot).transform_filter("isValid(datum.low)").encode(
        y=alt.Y("item:N", sort=list(plot["item"]), bandPosition=0), yOffset=alt.value(-ABOVE_BAR), tooltip=tooltip)
    spread = ranged.mark_rule(color="#111111", strokeWidth=2).encode(x=alt.X("low:Q", title=AXIS_TITLE), x2="high:Q")
    caps = [ranged.mark_tick(color="#111111", thickness=2, size=10, orient="vertical").encode(x=f"{end}:Q")
            for end in ("low", "high")]
    labels = base.mark_text(**LABEL, baseline="bottom", dy=-20, x=2).encode(text="label:N")
    pace_row = alt.Chart(plot.iloc[[1]])
    pace = pace_row.mark_rule(color="#111111", strokeDash=[3, 2], strokeWidth=1.5).encode(x="millions:Q")
    pace_label = pace_row.mark_text(**{**LABEL, "align": "right"}, baseline="top", dx=-4, y=2).encode(
        x="millions:Q", text=alt.value(PACE_LABEL))
    boost = plot.iloc[2]
    description = (
        "Horizontal bar chart on one dollar axis, in millions: " + "; ".join(
            f"{r.item}, {r.label}" for r in plot.itertuples())
        + f". A capped line over the boost's bar spans {boost.low:,.0f}–{boost.high:,.0f} million, the range its "
        f"rounding allows. A dotted line marks the yearly pace, {trade.money(rate['twelve_month'])}. Our "
        f"calculation assumes trade was spread evenly over the {rate['months']} months the article's figure covers."
    )
    layers = [bars, spread, *caps, labels, pace]
    if not trade.boost_reading(quantities)["brackets_pace"]:
        raise ValueError("the boost's rounding no longer takes in the yearly pace: the chart's title would be false")
    properties = dict(
        width=style.WIDTH - 150, height=230, description=description,
        title=style.title([f"Read as a year's trade, {trade.quantity(quantities, 'trade-boost').as_written} is "
                           f"about the {rate['year']} pace"],
                          plot.paragraph,
                          note="The yearly pace and the boost's range are our calculation."),
    )
    table = plot[["item", "label", "basis", "paragraph"]].copy()
    table.loc[plot.low.notna(), "basis"] = f"{trade.STATED}; its range, {trade.CALCULATED}"  # the rounding's range
    table.columns = ["Item", "Amount", "Basis", "¶"]
    # on a phone the bar labels wrap into the line's label: the caption names the line there
    return BookChart(alt.layer(*layers, pace_label).properties(**properties), "trade-run-rate", table,
                     narrow_chart=alt.layer(*layers).properties(**properties))
