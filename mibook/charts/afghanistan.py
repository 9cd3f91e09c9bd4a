"""Afghanistan charts: who affects whom around Afghanistan, and where the thread's claims sit."""

import altair as alt
import pandas as pd

from mibook.analysis import afghanistan
from mibook.charts import style
from mibook.charts.network import relation_network
from mibook.render import BookChart

# Afghanistan in the centre; Russia and Pakistan above it, so their shared ties run across the
# top and never through Afghanistan; Central Asia and the peace process below. Not a map.
LAYOUT = {
    "afghanistan": (0.0, 0.0),
    "russia": (-0.8, 0.95),
    "pakistan": (0.8, 0.95),
    "central-asia": (0.75, -0.85),
    "afghan-peace-process": (-0.8, -0.85),
}
SPEAKER_LABELS = {"author": "Bokhari (author)", "janjua": "Janjua (as reported)"}
SPEAKER_COLOURS = {"author": style.PALETTE[0], "janjua": style.PALETTE[3]}


def ties_network(tables) -> BookChart:
    """The stated ties of the Afghanistan theme, Afghanistan at the centre."""
    relations = tables["relations"]
    claims = tables["claims"]
    ties = relations[relations.theme == afghanistan.THEME]
    targets = afghanistan.spillover_targets(relations, claims)
    dyad = ties[ties.source.isin(["russia", "pakistan"]) & ties.target.isin(["russia", "pakistan"])]
    names = tables["actors"].set_index("actor_id").name
    finding = f"Afghanistan affects {len(targets)} neighbours; Russia and Pakistan share {len(dyad)} ties"
    description = (
        f"Network of the {len(ties)} stated ties of the Afghanistan theme. Afghanistan sits in the centre "
        f"with one-way 'impact' ties to {', '.join(names[t] for t in targets)} (twice each to Russia and "
        f"Pakistan: in general and through the opium supply). Russia and Pakistan are joined by "
        f"{len(dyad)} ties: "
        "cooperation for Afghan peace, alignment on the conflict's resolution, collaboration against drug "
        "trafficking and a proposed shared fight against terrorism. Russia supports the Afghan peace process."
    )
    return relation_network(ties, tables["actors"], claims, name="afghanistan-ties", finding=finding,
                            description=description, layout=LAYOUT)


def claims_by_paragraph(tables) -> BookChart:
    """A strip chart: each Afghanistan claim as a dot at its paragraph and claim type."""
    strip = afghanistan.claim_strip(tables)
    own = strip[strip.filed_under == afghanistan.THEME]
    mentions = afghanistan.mention_paragraphs(tables.paragraphs)
    body = [p.number for p in tables.paragraphs if p.kind == "body"]
    events = int((own.claim_type == "event").sum())
    judged = int(own.claim_type.isin(["assessment", "proposal"]).sum())
    finding = (f"Afghanistan is in {len(mentions)} of {len(body)} paragraphs; "
               f"{events} of its {len(own)} claims is an event")
    types = [t for t in afghanistan.TYPE_ORDER if t in set(strip.claim_type)]
    rank = strip.groupby(["paragraph", "claim_type"]).cumcount()
    plot = strip.assign(
        label=strip.short_id.str.replace("afghanistan-", "afg-").str.replace("bilateral-", "bil-"),
        label_dy=rank.map(lambda r: 15 if r % 2 == 0 else -15),
        speaker_label=strip.speaker.map(SPEAKER_LABELS).fillna(strip.speaker),
        filed=strip.filed_under.map(style.THEME_LABELS),
    )
    x_scale = alt.Scale(domain=[min(body) - 0.5, max(body) + 0.5], nice=False)
    x = alt.X("x:Q", title="Paragraph of the article (¶)", scale=x_scale,
              axis=alt.Axis(values=body, format="d", grid=False, labelExpr="'¶' + datum.value"))
    y = alt.Y("claim_type:N", title=None, sort=types, scale=alt.Scale(domain=types, padding=0.6))
    bands = alt.Chart(pd.DataFrame({"start": [p - 0.45 for p in mentions],
                                    "end": [p + 0.45 for p in mentions]}))
    shade = bands.mark_rect(color="#f0f0f0").encode(x=alt.X("start:Q", scale=x_scale), x2="end:Q")
    speakers = [s for s in SPEAKER_LABELS if s in set(strip.speaker)]
    colour = alt.Color("speaker_label:N", title="Speaker", sort=[SPEAKER_LABELS[s] for s in speakers],
                       scale=alt.Scale(domain=[SPEAKER_LABELS[s] for s in speakers],
                                       range=[SPEAKER_COLOURS[s] for s in speakers]))
    filed_order = [style.THEME_LABELS[afghanistan.THEME], style.THEME_LABELS["bilateral"]]
    shape = alt.Shape("filed:N", title="Filed under", sort=filed_order,
                      scale=alt.Scale(domain=filed_order, range=["circle", "diamond"]))
    tooltip = style.claim_tooltip(alt.Tooltip("claim_type:N", title="Type"),
                                  alt.Tooltip("speaker_label:N", title="Speaker"),
                                  alt.Tooltip("summary:N", title="In short"))
    base = alt.Chart(plot).encode(x=x, y=y, tooltip=tooltip)
    dots = base.mark_point(size=150, filled=True, opacity=0.9).encode(color=colour, shape=shape)
    below = base.transform_filter("datum.label_dy > 0").mark_text(dy=15, fontSize=10, color="#333")
    above = base.transform_filter("datum.label_dy < 0").mark_text(dy=-15, fontSize=10, color="#333")
    layers = alt.layer(shade, dots, below.encode(text="label:N"), above.encode(text="label:N"))
    chart = layers.properties(
        width=style.WIDTH, height=260,
        description=(
            f"Strip chart of the {len(own)} claims filed under Afghanistan, plus {len(strip) - len(own)} "
            f"claims filed under bilateral relations that carry an Afghanistan tie, placed by paragraph "
            f"(¶{min(body)} to ¶{max(body)}) and claim type, coloured by speaker. Grey bands mark the "
            f"{len(mentions)} paragraphs that mention Afghanistan. Of the {len(own)} Afghanistan claims, "
            f"{judged} are assessments or proposals and {events} is an event."
        ),
        title=style.title(finding, strip.paragraph,
                          note="Grey bands: paragraphs naming Afghanistan. "
                               "afg-, bil-: c-afghanistan-, c-bilateral- ids."),
    ).configure_legend(orient="bottom", direction="horizontal")
    table = strip[["claim_id", "paragraph", "claim_type", "speaker", "filed_under", "summary"]]
    return BookChart(chart, "afghanistan-claims-by-paragraph", table)
