"""SCO, CPEC and Eurasia charts: a locator map of Putin's four poles, and the chapter's claims by voice."""

import altair as alt
import pandas as pd

from mibook import geo, style
from mibook.analysis import sco_cpec
from mibook.analysis.common import pilcrow
from mibook.charts.grid import statement_grid
from mibook.labels import SURNAMES, speaker_name
from mibook.render import BookChart

POLE_COLOURS = {"north": style.PALETTE[0], "east": style.PALETTE[3], "south": style.PALETTE[2],
                "west": style.PALETTE[1]}
CONTEXT_FILL = "#e3e3e3"
# Label placement per pole, in pixels from the point, so no label leaves the frame or sits on another.
LABEL_OFFSET = {"north": (0, -14, "center"), "east": (12, 0, "left"), "south": (0, 16, "center"),
                "west": (0, -14, "center")}


def pole_map(tables, topology: dict | None = None) -> BookChart:
    """Locator map of Putin's four poles: the four states coloured and labelled with their pole."""
    topology = topology if topology is not None else geo.load_topology()
    points = sco_cpec.poles(tables, topology)
    states = list(points.map_name)
    plotted = points.assign(
        label=[f"{state} ({pole})" for state, pole in zip(points.state, points.pole, strict=True)],
    )
    poles = list(POLE_COLOURS)
    colour = alt.Color("pole:N", title="Pole", sort=sco_cpec.POLE_ORDER,
                       scale=alt.Scale(domain=poles, range=[POLE_COLOURS[p] for p in poles]), legend=None)
    shapes = (
        alt.Chart(alt.InlineData(values=topology, format=alt.DataFormat(type="topojson", feature=geo.OBJECT)))
        .mark_geoshape(stroke="white", strokeWidth=0.6, clip=True)
        .transform_lookup(lookup="properties.name",
                          from_=alt.LookupData(data=points[["map_name", "pole"]], key="map_name", fields=["pole"]))
        .transform_calculate(pole_label="isValid(datum.pole) ? datum.pole : 'not one of the poles'")
        .encode(
            color=alt.condition("isValid(datum.pole)", colour, alt.value(CONTEXT_FILL)),
            tooltip=[alt.Tooltip("properties.name:N", title="Country"),
                     alt.Tooltip("pole_label:N", title="Pole")],
        )
    )
    tooltip = [alt.Tooltip("pole:N", title="Pole"), alt.Tooltip("state:N", title="State"), *style.claim_tooltip()]
    base = alt.Chart(plotted).encode(longitude="lon:Q", latitude="lat:Q", tooltip=tooltip)
    label_layers = []
    for pole in sco_cpec.POLE_ORDER:
        dx, dy, align = LABEL_OFFSET[pole]
        one = base.transform_filter(alt.datum.pole == pole)
        halo = one.mark_text(dx=dx, dy=dy, align=align, fontSize=13, fontWeight="bold", stroke="white",
                             strokeWidth=4, strokeJoin="round").encode(text="label:N")
        text = one.mark_text(dx=dx, dy=dy, align=align, fontSize=13, fontWeight="bold", color="black").encode(
            text="label:N")
        label_layers += [halo, text]
    fit = {"type": "Feature", "properties": {},
           "geometry": {"type": "MultiPoint", "coordinates": [list(p) for p in geo.fit_points(topology, states)]}}
    width = style.WIDTH
    chart = alt.layer(shapes, *label_layers).properties(
        width=width, height=_map_height(topology, states, width),
        projection=alt.Projection(**geo.PROJECTION, fit=fit),
        title=style.title(["The four poles the article says Putin named:",
                           ", ".join(f"{s} {p}" for s, p in zip(points.state, points.pole, strict=True))],
                          points.paragraph),
        description=(
            "Map of Eurasia (conic equal-area projection) with the four states the article says Putin named as "
            "its poles coloured and labelled: Russia (north), China (east), Pakistan (south) and Iran (west); other "
            "countries in grey."
        ),
    )
    table = plotted[["pole", "state", "paragraph"]].rename(columns={"pole": "Pole", "state": "State", "paragraph": "¶"})
    return BookChart(chart, "sco-cpec-poles-map", table)


def _map_height(topology: dict, states: list[str], width: int) -> int:
    """Height that matches the aspect of the fitted extent, so the map fills the frame."""
    lons, lats = zip(*geo.fit_points(topology, states), strict=True)
    xs, ys = geo.projection()(lons, lats)
    return round(width * (max(ys) - min(ys)) / (max(xs) - min(xs)))


VOICE_SHAPES = {"event": "square:filled", "proposal": "triangle-up:filled", "background": "square:open",
                "assessment": "circle:open"}


def claims_by_voice(claims: pd.DataFrame) -> BookChart:
    """Each of the chapter's claims (rows, article order) in the column of its speaker; shape gives its type."""
    rows = sco_cpec.claims_by_voice(claims)
    author = int((rows.speaker == "author").sum())
    cpec = sco_cpec.cpec_claims(claims)
    voices = [speaker_name(s) for s in sco_cpec.SPEAKER_ORDER if s in set(rows.speaker)]
    columns = [SURNAMES[s] for s in sco_cpec.SPEAKER_ORDER if s in set(rows.speaker)]
    frame = rows.assign(row_label=rows.paragraph.map(pilcrow) + " " + rows.topic,
                        who=rows.voice.map(dict(zip(voices, columns, strict=True))))
    finding = [f"The author makes {author} of the {len(rows)} claims;",
               f"Russia's part in CPEC rests on {len(cpec)} reported voices"]
    description = (
        f"Grid of the {len(rows)} claims of the SCO, CPEC and Eurasia strand in article order, each in the column "
        "of its speaker, its shape giving the claim type: "
        + "; ".join(f"{c}: {int((frame.who == c).sum())}" for c in columns) + "."
    )
    table = frame[["paragraph", "topic", "voice", "claim_type"]].rename(columns={
        "paragraph": "¶", "topic": "Claim (our label)", "voice": "Speaker", "claim_type": "Type"})
    return statement_grid(frame.assign(kind=frame.who), name="sco-cpec-claims-by-voice", column="who",
                          columns=columns, shape="claim_type", shapes=VOICE_SHAPES, description=description,
                          table=table, title=style.title(finding, rows.paragraph))
