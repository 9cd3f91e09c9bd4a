"""Defence charts: a timeline band of the defence events, and the ties around the Russia–Pakistan dyad."""

import altair as alt
import pandas as pd

from mibook.analysis import defence
from mibook.charts import style
from mibook.charts.network import relation_network
from mibook.render import BookChart

STRAND_COLOURS = dict(zip(defence.STRANDS, [style.PALETTE[i] for i in (0, 3, 2)], strict=True))
# Russia and Pakistan side by side in the centre; India below between them (it has ties to both);
# the US to the lower right, where its ties to India and Pakistan cross nothing. Not a map.
LAYOUT = {
    "russia": (-0.7, 0.75),
    "pakistan": (0.7, 0.75),
    "india": (-0.15, -0.8),
    "us": (0.95, -0.8),
}


def event_timeline(tables) -> BookChart:
    """Defence events as spans as wide as the wording allows; the exercises under both readings."""
    dated = defence.timeline(tables)
    undated = defence.undated_events(tables)
    readings = defence.exercise_readings(tables["events"])
    years = defence.reading_years(tables["events"])
    exercise = dated[dated.event_id == readings.event_id.iloc[0]].iloc[0]
    reading_rows = readings.assign(
        row=readings.reading.map({"span": "Exercises, read as one span",
                                  "two years": "Exercises, read as two years"}),
        label=readings.reading.map({"span": f"{exercise.label}, read as one span ({years['span']} years)",
                                    "two years": f"… or as two single years ({years['two years']})"}),
        strand=exercise.strand, date_precision=exercise.date_precision, paragraph=exercise.paragraph,
        quote=exercise.quote,
    )
    other = dated[dated.event_id != exercise.event_id].assign(row=lambda f: f.label, first_year=pd.NA)
    rows = pd.concat([reading_rows, other], ignore_index=True)
    rows["start"] = rows.start.fillna(rows.date_start)
    rows["show_label"] = ~rows.first_year.eq(readings.last_year.max()).fillna(False).astype(bool)
    plot = rows.assign(start=rows.start.dt.strftime("%Y-%m-%d"),
                       end=rows.end_exclusive.dt.strftime("%Y-%m-%d"))
    plot = plot[["row", "label", "show_label", "strand", "date_label", "date_precision", "start", "end",
                 "claim_id", "paragraph", "quote"]]
    order = list(dict.fromkeys(plot.row))
    first = int(dated.date_start.dt.year.min())
    last = int(dated.date_end.dt.year.max()) + 1
    domain = [f"{first}-01-01", f"{last}-01-01"]
    tooltip = style.claim_tooltip(alt.Tooltip("row:N", title="Event"),
                                  alt.Tooltip("date_label:N", title="Date as written"),
                                  alt.Tooltip("date_precision:N", title="Precision"))
    row = alt.Y("row:N", title=None, sort=order, axis=None,
                scale=alt.Scale(paddingInner=0.55, paddingOuter=0.4))
    base = alt.Chart(plot).encode(y=row, tooltip=tooltip)
    strands = [s for s in defence.STRANDS if s in set(plot.strand)]
    spans = base.mark_bar(opacity=0.85).encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(domain=domain),
                axis=alt.Axis(format="%Y", tickCount="year", grid=True)),
        x2="end:T",
        color=alt.Color("strand:N", title="Strand", sort=strands,
                        scale=alt.Scale(domain=strands, range=[STRAND_COLOURS[s] for s in strands]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
    )
    labelled = base.transform_filter("datum.show_label")
    names = labelled.mark_text(align="left", baseline="bottom", dy=-9, fontSize=12).encode(
        x=alt.value(0), text="label:N")
    dates = labelled.transform_filter("!indexof(datum.row, 'Exercises, read as two') == 0").mark_text(
        align="left", dx=4, fontSize=11, color="#444").encode(x="end:T", text="date_label:N")
    band = (spans + names + dates).properties(width=style.WIDTH, height=44 * len(order))
    lines = [f"• {label} (¶{p})" for label, p in zip(undated.label, undated.paragraph, strict=True)]
    listing_rows = undated.assign(rank=range(len(undated)), line=lines)
    listing = (
        alt.Chart(listing_rows[["line", "rank", "label", "claim_id", "paragraph", "quote"]])
        .mark_text(align="left", baseline="middle", fontSize=11)
        .encode(x=alt.value(0), y=alt.Y("rank:O", axis=None), text="line:N",
                tooltip=style.claim_tooltip(alt.Tooltip("label:N", title="Event")))
        .properties(width=style.WIDTH, height=18 * max(1, len(listing_rows)),
                    title=alt.Title("Not dated in the article (not placed on the axis)", fontSize=12))
    )
    india_strand = "India and the US"
    india = int((dated.strand == india_strand).sum())
    india_dates = ", ".join(sorted(set(dated[dated.strand == india_strand].date_label)))
    own = int((dated.strand == "Russia–Pakistan cooperation").sum())
    finding = f"Only {own} dated event is Russia–Pakistan cooperation; {india} concern India"
    chart = alt.vconcat(band, listing, spacing=24, description=(
        f"Timeline of the defence thread's {len(dated)} dated events. The naval and military exercises, "
        f"'{exercise.date_label}', are drawn twice: as one span of {years['span']} years "
        f"({readings.first_year.min()} to {readings.last_year.max()}) and as the {years['two years']} single "
        f"years the words could also mean. {india} events concern India: the stand-off and "
        f"Russia's mediation offer, both {india_dates}. "
        f"Janjua's blueprint, which proposes augmenting defence relations, is dated "
        f"{', '.join(dated[dated.strand == 'Proposal'].date_label)}. {len(undated)} events are undated and "
        f"listed below the axis: " + "; ".join(undated.label) + "."
    )).properties(title=style.title(
        finding, pd.concat([dated.paragraph, undated.paragraph]),
        note="Bars are as wide as the wording allows: a range, a month, part of a month."))
    table = pd.concat([
        rows[["row", "date_label", "date_precision", "start", "end_exclusive", "strand", "claim_id"]]
        .rename(columns={"row": "event"}),
        undated.assign(event=undated.label, start=pd.NaT, end_exclusive=pd.NaT)[
            ["event", "date_label", "date_precision", "start", "end_exclusive", "strand", "claim_id"]],
    ], ignore_index=True).astype({"date_precision": str})
    table["start"] = table.start.dt.strftime("%Y-%m-%d")
    table["end_exclusive"] = table.end_exclusive.dt.strftime("%Y-%m-%d")
    return BookChart(chart, "defence-timeline", table)


def dyad_network(tables) -> BookChart:
    """The ties around the Russia–Pakistan dyad: India and the US, with each tie's stated kind."""
    relations = tables["relations"]
    ties = defence.dyad_ties(relations)
    outside = ties.source.isin(defence.COUNTERWEIGHTS) | ties.target.isin(defence.COUNTERWEIGHTS)
    inside = len(ties) - int(outside.sum())
    finding = f"{int(outside.sum())} of the {len(ties)} ties around the dyad run to India or the US"
    kinds = ties.astype({"kind": str}).kind.value_counts()
    description = (
        f"Network of {len(ties)} stated ties among Russia, Pakistan, India and the United States: the "
        f"{inside} Russia–Pakistan ties filed under defence and every tie that involves India or the US. "
        "By kind: " + ", ".join(f"{k} {n}" for k, n in kinds.items()) + ". Russia's mediation offer runs to "
        "both India and Pakistan: welcomed by Pakistan, rejected by India. The US supports India; Pakistan "
        "depends on the US; Russia's cooperation with India spans decades."
    )
    return relation_network(ties, tables["actors"], tables["claims"], name="defence-dyad-ties",
                            finding=finding, description=description, layout=LAYOUT)
