"""Energy charts: the stated investment against the trade figures on one dollar axis, and the MoU's aims."""

import altair as alt
import pandas as pd

from mibook.analysis import energy, trade
from mibook.analysis.common import money
from mibook.charts import style
from mibook.charts.trade import dollar_bars
from mibook.render import BookChart

BILLION = 1e9


def investment_scale(quantities: pd.DataFrame, claims: pd.DataFrame) -> BookChart:
    """Bars on one dollar axis: the $14 billion investment, 2018 trade (stated and annualised), the boost.

    White ticks divide the investment bar into years of trade at the twelve-month equivalent.
    """
    rows = energy.scale_table(quantities, claims)
    scale = energy.investment_vs_trade(quantities)
    rate = trade.run_rate(quantities)
    marks = energy.year_marks(quantities)
    marks = marks.assign(item=rows["item"].iloc[0], amount=marks.dollars / BILLION)
    # Room right of the longest bar for its label: the axis runs to the next even billion past 1.4x.
    domain_max = float(-(-scale["investment"] * 1.4 // (2 * BILLION)) * 2)
    bars = dollar_bars(rows, scale=BILLION, unit="billions", domain_max=domain_max, height=200,
                       inside_from=domain_max)
    ticks = alt.Chart(marks).mark_tick(color="white", thickness=1.5, size=22).encode(
        x="amount:Q", y=alt.Y("item:N", sort=list(rows["item"])),
        tooltip=[alt.Tooltip("year:Q", title="Years of trade (our calculation)"),
                 alt.Tooltip("dollars:Q", title="US dollars", format=",.0f")])
    finding = (f"{money(scale['investment'])} is about {scale['years_of_trade']:.0f} years of trade "
               f"at the {rate['year']} pace (our calculation)")
    chart = alt.layer(*bars, ticks).properties(
        description=(
            f"Horizontal bar chart on one dollar axis, in billions. Solid bars, as stated: Russia's "
            f"{money(scale['investment'])} investment in Pakistan, trade of {money(rate['reported'])} "
            f"in the {rate['period_label']}, and the {money(trade.boost_readings(quantities)['boost'])} "
            f"boost in trade. Light dashed bar, our calculation: the twelve-month equivalent of "
            f"{money(rate['twelve_month'])}. White ticks divide the investment bar into "
            f"{scale['whole_years']} whole years of trade at that pace; it equals "
            f"{scale['years_of_trade']:.1f} years."
        ),
        title=style.title(finding, rows.paragraph,
                          note=(f"White ticks: one year of trade each, at {money(rate['twelve_month'])} "
                                "a year (our calculation, even months).")),
    )
    table = rows[["item", "dollars", "basis", "how", "claim_id", "paragraph"]].assign(
        years_of_trade=[d / rate["twelve_month"] for d in rows.dollars]).round({"years_of_trade": 2})
    return BookChart(chart, "energy-investment-scale", table)


def mou_aims(events: pd.DataFrame, aims: pd.DataFrame, claims: pd.DataFrame) -> BookChart:
    """The MoU (signatories, place, date) linked to its three stated aims and the purpose they serve."""
    event = energy.mou(events, claims)
    rows = energy.mou_aims(aims, claims)
    listed = rows[rows.role == "aim"].reset_index(drop=True)
    purposes = rows[rows.role == "purpose"].reset_index(drop=True)
    span = max(len(listed), 1)
    ys = {aim_id: span - i for i, aim_id in enumerate(listed.aim_id)}
    middle = (span + 1) / 2
    technology = listed.aim_id.iloc[-1]  # the purpose is attached, in the sentence, to the last aim
    nodes = pd.concat([
        pd.DataFrame([{"node": "mou", "x": 0.0, "y": middle, "role": "memorandum",
                       "label": f"MoU, {event.date_label}\nGazprom International\nand OGDCL, in Moscow",
                       "text": str(event.label), "note": str(event.note), "claim_id": str(event.claim_id),
                       "paragraph": int(event.paragraph), "quote": str(event.quote)}]),
        listed.assign(node=listed.aim_id, x=1.0, y=listed.aim_id.map(ys)),
        purposes.assign(node=purposes.aim_id, x=2.0, y=ys[technology]),
    ], ignore_index=True)
    nodes["note"] = nodes.note.fillna("")
    nodes["label_at"] = ["left" if n == "mou" else "below" if y == ys[technology] else "above"
                         for n, y in zip(nodes.node, nodes.y, strict=True)]
    nodes = nodes[["node", "x", "y", "role", "label", "label_at", "text", "note", "claim_id", "paragraph",
                   "quote"]]
    position = nodes.set_index("node")[["x", "y"]]
    links = [{"from": "mou", "to": a, "link": "stated aim"} for a in listed.aim_id]
    for p in purposes.aim_id:
        links += [{"from": a, "to": p, "link": "stated purpose" if a == technology else "possible reading"}
                  for a in listed.aim_id]
    edges = pd.DataFrame(links)
    edges = edges.assign(x=edges["from"].map(position.x), y=edges["from"].map(position.y),
                         x2=edges["to"].map(position.x), y2=edges["to"].map(position.y))
    link_order = ["stated aim", "stated purpose", "possible reading"]
    x_scale = alt.Scale(domain=[-0.85, 2.4], nice=False)
    y_scale = alt.Scale(domain=[0.4, span + 0.6], nice=False)
    x = alt.X("x:Q", scale=x_scale, axis=None)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    lines = alt.Chart(edges).mark_rule(strokeWidth=2).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("link:N", title="Link", sort=link_order,
                        scale=alt.Scale(domain=link_order, range=["#555555", style.PALETTE[2], "#999999"]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        strokeDash=alt.StrokeDash("link:N", sort=link_order, legend=None,
                                  scale=alt.Scale(domain=link_order, range=[[1, 0], [1, 0], [4, 4]])),
    )
    tooltip = style.claim_tooltip(alt.Tooltip("text:N", title="In the article's words"),
                                  alt.Tooltip("note:N", title="Note"))
    points = alt.Chart(nodes).mark_circle(size=320, opacity=1, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("role:N", title="Node", sort=["memorandum", "aim", "purpose"],
                        scale=alt.Scale(domain=["memorandum", "aim", "purpose"],
                                        range=[style.PALETTE[0], style.PALETTE[2], style.PALETTE[3]]),
                        legend=None),
    )
    placements = {"left": {"align": "right", "baseline": "middle", "dx": -16},
                  "above": {"align": "center", "baseline": "bottom", "dy": -13},
                  "below": {"align": "center", "baseline": "top", "dy": 13}}
    labels = [
        alt.Chart(nodes).transform_filter(f"datum.label_at === '{at}'")
        .mark_text(fontSize=12, lineBreak="\n", **placement).encode(x=x, y=y, text="label:N", tooltip=tooltip)
        for at, placement in placements.items()
    ]
    finding = (f"The {event.date_label} MoU names {len(listed)} aims and one purpose: "
               f"{purposes.label.iloc[0].lower()}")
    chart = alt.layer(lines, points, *labels).resolve_scale(color="independent").properties(
        width=style.WIDTH, height=90 * span + 40,
        description=(
            f"Diagram of the {event.date_label} memorandum of understanding between Gazprom International "
            f"and OGDCL, signed in Moscow, linked to its {len(listed)} stated aims "
            f"({', '.join(listed.label)}). "
            f"A solid line links the last aim to the purpose the sentence gives it, "
            f"{purposes.label.iloc[0].lower()}; dashed lines mark the possible reading that this purpose "
            "applies to every aim."
        ),
        title=style.title(finding, nodes.paragraph,
                          note=("Dashed: a possible reading (the purpose may govern every aim); "
                                "the article does not say.")),
    )
    table = nodes[["node", "role", "text", "claim_id", "paragraph", "note"]].rename(
        columns={"text": "in the article's words"})
    return BookChart(chart, "energy-mou-aims", table)
