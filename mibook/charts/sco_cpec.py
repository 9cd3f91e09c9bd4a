"""SCO, CPEC and Eurasia charts: the map of Putin's four poles, the ties among the poles and their
neighbours laid out as a compass, and the chapter's claims by voice."""

import altair as alt
import pandas as pd

from mibook import geo
from mibook.analysis import sco_cpec
from mibook.charts import style
from mibook.charts.network import relation_network
from mibook.render import BookChart

POLE_COLOURS = {"north": style.PALETTE[0], "east": style.PALETTE[3], "south": style.PALETTE[2],
                "west": style.PALETTE[1]}
CONTEXT_FILL = "#e3e3e3"
TYPE_ORDER = ["event", "background", "assessment", "proposal"]
TYPE_COLOURS = {"event": style.PALETTE[0], "background": style.PALETTE[5], "assessment": style.PALETTE[3],
                "proposal": style.PALETTE[4]}
# Label placement per pole, in pixels from the point, so no label leaves the frame or sits on another.
LABEL_OFFSET = {"north": (0, -14, "center"), "east": (12, 0, "left"), "south": (0, 16, "center"),
                "west": (0, -14, "center")}


def pole_map(tables, topology: dict | None = None) -> BookChart:
    """Map of Putin's four poles: the four states coloured, a computed centroid point on each."""
    topology = topology if topology is not None else geo.load_topology()
    points = sco_cpec.poles(tables, topology)
    geometry = sco_cpec.compass_geometry(points)
    states = list(points.map_name)
    plotted = points.assign(
        label=[f"{state} ({pole})" for state, pole in zip(points.state, points.pole, strict=True)],
        dx=[LABEL_OFFSET[p][0] for p in points.pole], dy=[LABEL_OFFSET[p][1] for p in points.pole],
        align=[LABEL_OFFSET[p][2] for p in points.pole],
        where=[f"{lat:.1f}° N, {lon:.1f}° E" for lon, lat in zip(points.lon, points.lat, strict=True)],
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
    tooltip = [alt.Tooltip("pole:N", title="Pole"), alt.Tooltip("state:N", title="State"),
               alt.Tooltip("where:N", title="Point"), alt.Tooltip("point:N", title="Point is a"),
               *style.claim_tooltip()]
    base = alt.Chart(plotted).encode(longitude="lon:Q", latitude="lat:Q", tooltip=tooltip)
    dots = base.mark_circle(size=80, color="black", opacity=1, stroke="white", strokeWidth=1.5)
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
    finding = ("Russia to the north, Pakistan between Iran and China" if geometry["south_between"]
               else "Putin's four poles of Eurasia")
    note = [
        "Points: computed centroid of each state's largest polygon (Natural Earth shapes).",
        f"Our calculation: the south, east and west points lie within {geometry['others_lat_spread']:.0f}° "
        "of latitude;",
        f"Russia's is {geometry['north_lead']:.0f}° further north.",
    ]
    chart = alt.layer(shapes, dots, *label_layers).properties(
        width=width, height=_map_height(topology, states, width),
        projection=alt.Projection(**geo.PROJECTION, fit=fit),
        title=alt.Title(finding, subtitle=[*note, style.source_line(points.paragraph)]),
        description=(
            "Map of Eurasia (conic equal-area projection) with the four states Putin named as its poles "
            "coloured: Russia (north), China (east), Pakistan (south) and Iran (west); other countries in grey. "
            "A black point marks each state's computed centroid: "
            + "; ".join(f"{s} {w}" for s, w in zip(plotted.state, plotted["where"], strict=True)) + "."
        ),
    )
    table = plotted[["pole", "state", "lon", "lat", "point", "claim_id", "paragraph"]].rename(columns={
        "pole": "Pole", "state": "State", "lon": "Longitude (°E)", "lat": "Latitude (°N)",
        "point": "Point", "claim_id": "Claim", "paragraph": "¶"})
    return BookChart(chart, "sco-cpec-poles-map", table)


def _map_height(topology: dict, states: list[str], width: int) -> int:
    """Height that matches the aspect of the fitted extent, so the map fills the frame."""
    projected = [geo.conic_equal_area(lon, lat) for lon, lat in geo.fit_points(topology, states)]
    xs, ys = [p[0] for p in projected], [p[1] for p in projected]
    return round(width * (max(ys) - min(ys)) / (max(xs) - min(xs)))


def compass_network(tables) -> BookChart:
    """The ties among Russia, Pakistan, China, Iran, India, the US, the Arab world and CPEC, laid out
    as Putin's compass."""
    pairs = sco_cpec.pole_pairs(tables)
    ties = sco_cpec.compass_relations(tables)
    tied = pairs[pairs.ties > 0]
    if tied.includes_russia.all():
        finding = f"All {int(pairs.ties.sum())} ties among the four poles run through Russia"
    else:
        finding = f"{int(pairs.ties.sum())} stated ties among the four poles"
    return relation_network(
        tables["relations"], tables["actors"], tables["claims"],
        name="sco-cpec-compass-ties",
        finding=finding,
        description=(
            f"Network of the {len(ties)} stated ties among Russia (top), Pakistan (bottom), China (right), "
            "Iran (left), India (bottom right), CPEC (between Pakistan and China), the Arab world (bottom left) "
            "and the United States (top right), coloured by kind. Every tie among the four poles involves "
            "Russia; no tie is stated between China, Iran and Pakistan."
        ),
        layout=sco_cpec.COMPASS_LAYOUT,
        theme_filter=True,
    )


def claims_by_voice(claims: pd.DataFrame) -> BookChart:
    """Each of the chapter's claims as a numbered square, in article order: who says it (row), what kind
    (colour); the top axis marks where each paragraph's claims begin."""
    rows = sco_cpec.claims_by_voice(claims)
    author = int((rows.speaker == "author").sum())
    cpec = sco_cpec.cpec_claims(claims)
    cpec_voices = [sco_cpec.SPEAKER_LABELS[v].split(" (")[0] for v in sco_cpec.SPEAKER_ORDER
                   if v in set(cpec.speaker.astype(str))]
    finding = f"The author makes {author} of the {len(rows)} claims"
    notes = [f"On CPEC the only voices are {' and '.join(cpec_voices)}.",
             "Numbers are claim numbers (c-sco-cpec-NN)."]
    voices = [sco_cpec.SPEAKER_LABELS[s] for s in sco_cpec.SPEAKER_ORDER if s in set(rows.speaker)]
    types = [t for t in TYPE_ORDER if t in set(rows.claim_type)]
    numbers = list(rows.number)
    starts = rows.drop_duplicates("paragraph")
    label_expr = " : ".join(f"datum.value === '{n}' ? '¶{p}'" for n, p in zip(starts.number, starts.paragraph,
                                                                               strict=True)) + " : ''"
    x = alt.X("number:O", sort=numbers, title="Paragraph (claims in article order)",
              scale=alt.Scale(domain=numbers, paddingInner=0.12),
              axis=alt.Axis(orient="top", labelAngle=0, labelExpr=label_expr, labelAlign="left", ticks=False,
                            labelPadding=6))
    base = alt.Chart(rows).encode(
        x=x, y=alt.Y("voice:N", title=None, sort=voices),
        tooltip=style.claim_tooltip(alt.Tooltip("voice:N", title="Speaker"),
                                    alt.Tooltip("claim_type:N", title="Type"),
                                    alt.Tooltip("summary:N", title="Summary")),
    )
    squares = base.mark_rect(cornerRadius=2, height=24).encode(
        color=alt.Color("claim_type:N", title="Claim type", sort=types,
                        scale=alt.Scale(domain=types, range=[TYPE_COLOURS[t] for t in types]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")))
    labels = base.mark_text(fontSize=11, fontWeight="bold", color="white").encode(text="number:N")
    dividers = alt.Chart(starts.iloc[1:][["number"]]).mark_rule(color="#999", strokeDash=[3, 3], xOffset=-2).encode(
        x=alt.X("number:O", sort=numbers, bandPosition=0))
    chart = (dividers + squares + labels).properties(
        width=28 * len(rows), height=40 * len(voices),
        title=alt.Title(finding, subtitle=[*notes, style.source_line(rows.paragraph)]),
        description=(
            f"Grid of the {len(rows)} claims of the SCO, CPEC and Eurasia theme in article order, one row per "
            f"speaker, coloured by claim type: {author} are the author's, "
            + ", ".join(f"{int((rows.speaker == s).sum())} {sco_cpec.SPEAKER_LABELS[s]}"
                        for s in sco_cpec.SPEAKER_ORDER[1:]) + "."
        ),
    )
    table = rows[["claim_id", "paragraph", "speaker", "claim_type", "summary"]].rename(columns={
        "claim_id": "Claim", "paragraph": "¶", "speaker": "Speaker", "claim_type": "Type", "summary": "Summary"})
    return BookChart(chart, "sco-cpec-claims-by-voice", table)
