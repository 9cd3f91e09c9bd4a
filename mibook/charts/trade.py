"""Trade charts: reported versus annualised trade with the "$0.8bn boost" marker, and the trade thread.

Stated amounts are solid bars; our calculations are light bars with a dashed outline, and say so in
their labels. `dollar_bars` is shared with the energy charts.
"""

import altair as alt
import pandas as pd

from mibook.analysis import trade
from mibook.charts import style
from mibook.render import BookChart

BASIS_ORDER = [trade.STATED, trade.CALCULATED]
BASIS_FILL = {trade.STATED: style.PALETTE[0], trade.CALCULATED: "#cfe3f1"}
BASIS_DASH = {trade.STATED: [1, 0], trade.CALCULATED: [5, 3]}
KIND_ORDER = ["stated figure", "proposal: Janjua (Foreign Secretary)", "proposal: Bokhari (author)"]
KIND_SHAPES = dict(zip(KIND_ORDER, ["diamond", "circle", "square"], strict=True))
KIND_COLOURS = dict(zip(KIND_ORDER, [style.PALETTE[3], style.PALETTE[0], style.PALETTE[2]], strict=True))


def dollar_bars(frame: pd.DataFrame, *, scale: float, unit: str, domain_max: float, height: int,
                inside_from: float) -> list[alt.Chart]:
    """Horizontal bars of `frame.dollars` on one dollar axis (in `unit`s of `scale` dollars).

    Bars longer than `inside_from` (in axis units) carry their value label inside, others beside.
    Returns the layers, for the caller to layer flat with its own marks (nested layers with shared
    data trip Vega-Lite).
    """
    plot = frame.assign(amount=frame.dollars / scale)
    tooltip = style.claim_tooltip(alt.Tooltip("item:N", title="Item"),
                                  alt.Tooltip("value_label:N", title="Amount"),
                                  alt.Tooltip("how:N", title="How"))
    y = alt.Y("item:N", title=None, sort=list(plot["item"]), scale=alt.Scale(paddingInner=0.35))
    base = alt.Chart(plot).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(strokeWidth=1.5).encode(
        x=alt.X("amount:Q", title=f"US dollars ({unit})", scale=alt.Scale(domain=[0, domain_max], nice=False),
                axis=alt.Axis(grid=True)),
        color=alt.Color("basis:N", title="Basis", sort=BASIS_ORDER,
                        scale=alt.Scale(domain=BASIS_ORDER, range=[BASIS_FILL[b] for b in BASIS_ORDER]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        stroke=alt.value(style.PALETTE[0]),
        strokeDash=alt.StrokeDash("basis:N", sort=BASIS_ORDER, legend=None,
                                  scale=alt.Scale(domain=BASIS_ORDER,
                                                  range=[BASIS_DASH[b] for b in BASIS_ORDER])),
    )
    outside = base.transform_filter(f"datum.amount < {inside_from}").mark_text(
        align="left", dx=5, fontSize=12).encode(x="amount:Q", text="value_label:N")
    inside = base.transform_filter(f"datum.amount >= {inside_from}").mark_text(
        align="right", dx=-6, fontSize=12, fontWeight="bold").encode(
        x="amount:Q", text="value_label:N",
        color=alt.condition(f"datum.basis === '{trade.STATED}'", alt.value("white"), alt.value("#003a5c")))
    return [bars.properties(width=style.WIDTH, height=height), outside, inside]


def run_rate(quantities: pd.DataFrame, claims: pd.DataFrame) -> BookChart:
    """Reported ten-month trade, our monthly run-rate and twelve-month equivalent, and the $0.8bn marker."""
    rate = trade.run_rate(quantities)
    readings = trade.boost_readings(quantities)
    scale_rows = trade.trade_scale(quantities, claims)
    marker = trade.boost_marker(quantities, claims)
    million = 1e6
    bars = dollar_bars(scale_rows, scale=million, unit="millions", domain_max=1000, height=170,
                       inside_from=300)
    marker_plot = marker.assign(amount=marker.dollars / million)
    marker_tooltip = style.claim_tooltip(alt.Tooltip("item:N", title="Item"),
                                         alt.Tooltip("value_label:N", title="Amount"))
    rule = alt.Chart(marker_plot).mark_rule(color=style.PALETTE[3], strokeWidth=2.5).encode(
        x="amount:Q", tooltip=marker_tooltip)
    marker_plot["marker_text"] = (f"{marker.as_written.iloc[0]} boost\n"
                                  f"(stated, ¶{int(marker.paragraph.iloc[0])}):\nlevel or\nincrease?")
    rule_text = alt.Chart(marker_plot).mark_text(
        align="left", baseline="top", dx=5, dy=2, fontSize=12, color=style.PALETTE[3], lineBreak="\n"
    ).encode(x="amount:Q", y=alt.value(0), text="marker_text:N", tooltip=marker_tooltip)
    finding = (f"{trade.money(rate['reported'])} in {rate['months']} months annualises to "
               f"{trade.money(rate['twelve_month'])}, "
               f"just {'under' if readings['level_gap'] > 0 else 'over'} {marker.as_written.iloc[0]}")
    chart = alt.layer(*bars, rule, rule_text).properties(
        description=(
            f"Horizontal bar chart on one dollar axis. Solid bar: trade of {trade.money(rate['reported'])} "
            f"reported for the {rate['period_label']}. Light dashed bars, our calculation assuming even "
            f"months: a monthly run-rate of {trade.money(rate['monthly'])} and a twelve-month equivalent of "
            f"{trade.money(rate['twelve_month'])}. A vertical line marks the stated $0.8bn boost "
            f"({trade.money(readings['boost'])}), which the article does not date or define as a level or an "
            "increase."
        ),
        title=style.title(finding, pd.concat([scale_rows.paragraph, marker.paragraph]),
                          note=("Light, dashed bars: our calculation, assuming trade was spread evenly over "
                                f"the months of {rate['year']}.")),
    )
    table = pd.concat([scale_rows, marker], ignore_index=True)[
        ["item", "dollars", "basis", "how", "claim_id", "paragraph"]]
    return BookChart(chart, "trade-run-rate", table)


def trade_thread(quantities: pd.DataFrame, proposals: pd.DataFrame, claims: pd.DataFrame) -> BookChart:
    """The trade figures and trade proposals placed at the paragraph that states them."""
    items = trade.trade_items(quantities, proposals, claims)
    last = int(claims.paragraph.max())  # every body paragraph has a claim, so this is the last one
    plot = items[["item_id", "label", "kind", "detail", "claim_id", "paragraph", "quote"]]
    kinds = [k for k in KIND_ORDER if k in set(plot.kind)]
    y = alt.Y("label:N", title=None, sort=list(plot.label), scale=alt.Scale(paddingOuter=0.6))
    x_scale = alt.Scale(domain=[0.5, last + 0.5], nice=False)
    x = alt.X("paragraph:Q", title="Paragraph of the article (¶)", scale=x_scale,
              axis=alt.Axis(values=list(range(1, last + 1)), format="d", grid=True))
    tooltip = style.claim_tooltip(alt.Tooltip("label:N", title="Item"), alt.Tooltip("kind:N", title="Kind"),
                                  alt.Tooltip("detail:N", title="In the article's words"))
    guides = alt.Chart(plot).transform_calculate(start="0.5").mark_rule(color="#bbbbbb", strokeDash=[2, 3])
    guides = guides.encode(
        y=y, x=alt.X("start:Q", scale=x_scale), x2="paragraph:Q")
    points = alt.Chart(plot).mark_point(filled=True, size=170, opacity=1).encode(
        y=y, x=x, tooltip=tooltip,
        color=alt.Color("kind:N", title=None, sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[KIND_COLOURS[k] for k in kinds]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", columns=2)),
        shape=alt.Shape("kind:N", sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[KIND_SHAPES[k] for k in kinds]),
                        title=None),
    )
    paragraphs = sorted({int(p) for p in plot.paragraph})
    is_figure = plot.kind == "stated figure"
    proposals_at = sorted({int(p) for p in plot.paragraph[~is_figure]})
    figures_at = sorted({int(p) for p in plot.paragraph[is_figure]})
    figure_count = int(is_figure.sum())
    finding = (f"Trade figures come in {_para_list(figures_at)}; the {len(plot) - figure_count} trade "
               f"proposals in {_para_list(proposals_at)}")
    chart = alt.layer(guides, points).properties(
        width=style.WIDTH, height=34 * len(plot),
        description=(
            f"Dot chart of the article's trade thread: {figure_count} stated trade figures and "
            f"{len(plot) - figure_count} trade proposals, "
            f"each placed at the paragraph that states it (paragraphs {', '.join(map(str, paragraphs))}) "
            "and marked by kind: stated figure, proposal reported from the Foreign Secretary, or the "
            "author's own proposal."
        ),
        title=style.title(finding, plot.paragraph,
                          note=("Attribution in ¶7 follows the data: read as Janjua's view; "
                                "it could be the author's.")),
    )
    table = plot[["item_id", "label", "kind", "detail", "claim_id", "paragraph"]]
    return BookChart(chart, "trade-thread", table)


def _para_list(numbers: list[int]) -> str:
    marks = [f"¶{n}" for n in numbers]
    return marks[0] if len(marks) == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]
