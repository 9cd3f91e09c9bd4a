"""Relation networks: actors as labelled points, stated ties as lines coloured by kind.

Dashed lines mark ties that are offered, proposed or rejected rather than in place; arrowheads mark
directed ties. With `theme_filter=True` a drop-down filters the ties by theme in the HTML; the
static SVG and the PDF show every tie.
"""

import altair as alt
import pandas as pd

from mibook.analysis import network
from mibook.charts import style
from mibook.render import BookChart

KIND_ORDER = ["cooperation", "alignment", "support", "mediation", "impact", "dependence", "tension", "rivalry"]
KIND_COLOURS = dict(zip(KIND_ORDER, style.PALETTE, strict=True))
NOT_IN_PLACE = ["offered", "proposed", "rejected"]


def relation_network(
    relations: pd.DataFrame,
    actors: pd.DataFrame,
    claims: pd.DataFrame,
    *,
    name: str,
    finding: str,
    description: str,
    layout: dict[str, tuple[float, float]],
    size: int = style.WIDTH,
    theme_filter: bool = False,
) -> BookChart:
    """A network chart of the ties among the actors in `layout` (actor id -> x, y in [-1, 1])."""
    node_rows = network.nodes(actors, layout)
    edge_rows = network.edges(relations, claims, layout)
    kinds = [k for k in KIND_ORDER if k in set(edge_rows.kind)]
    scale = alt.Scale(domain=[-1.3, 1.3], nice=False)
    x, y = alt.X("x:Q", scale=scale, axis=None), alt.Y("y:Q", scale=scale, axis=None)
    colour = alt.Color("kind:N", title="Kind of tie", sort=kinds,
                       scale=alt.Scale(domain=kinds, range=[KIND_COLOURS[k] for k in kinds]),
                       legend=alt.Legend(orient="bottom", direction="horizontal", columns=4))
    edge_tooltip = style.claim_tooltip(
        alt.Tooltip("label:N", title="Tie"), alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("status:N", title="Status"), alt.Tooltip("theme:N", title="Theme"))
    edge_base = alt.Chart(edge_rows)
    theme_param = None
    if theme_filter:
        themes = sorted(set(edge_rows.theme))
        theme_param = alt.param(
            name="theme_filter", value="all",
            bind=alt.binding_select(options=["all", *themes], name="Show ties for theme: "),
        )
        edge_base = edge_base.transform_filter("theme_filter === 'all' || datum.theme === theme_filter")
    lines = edge_base.mark_rule(strokeWidth=2, opacity=0.85).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=colour,
        strokeDash=alt.condition(alt.FieldOneOfPredicate("status", NOT_IN_PLACE), alt.value([5, 3]),
                                 alt.value([1, 0])),
        tooltip=edge_tooltip,
    )
    arrows = edge_base.transform_filter("datum.directed").mark_point(
        shape="triangle-up", filled=True, size=70, opacity=0.95
    ).encode(
        x=alt.X("arrow_x:Q", scale=scale, axis=None), y=alt.Y("arrow_y:Q", scale=scale, axis=None),
        angle=alt.Angle("arrow_angle:Q", scale=None), color=colour, tooltip=edge_tooltip,
    )
    node_base = alt.Chart(node_rows)
    points = node_base.mark_circle(size=260, color="#333", opacity=0.9).encode(
        x=x, y=y, tooltip=[alt.Tooltip("name:N", title="Actor"), alt.Tooltip("kind:N", title="Kind")])
    # Labels sit on the side away from the centre (above upper nodes, below lower ones), so ties that
    # arrive from the centre do not run through them.
    # A white halo under each label keeps it legible where ties cross it.
    labels = []
    for side, dy in (("datum.y >= 0", -16), ("datum.y < 0", 18)):
        placed = node_base.transform_filter(side)
        halo = placed.mark_text(dy=dy, fontSize=12, fontWeight="bold", stroke="white", strokeWidth=4,
                                strokeJoin="round", strokeOpacity=0.9)
        text = placed.mark_text(dy=dy, fontSize=12, fontWeight="bold")
        labels += [layer.encode(x=x, y=y, text="name:N") for layer in (halo, text)]
    layers = alt.layer(lines, arrows, points, *labels)
    if theme_param is not None:
        layers = layers.add_params(theme_param)
    chart = layers.properties(
        width=size, height=size, description=description,
        title=style.title(finding, edge_rows.paragraph,
                          note="Solid: stated ties; dashed: offered, proposed or rejected; arrows: one-way ties."),
    )
    table = edge_rows[["relation_id", "source", "target", "kind", "status", "theme", "label", "claim_id"]]
    return BookChart(chart, name, table)
