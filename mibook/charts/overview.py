"""Overview chart: the timeline of the article's dated events."""

import altair as alt
import pandas as pd

from mibook.analysis import overview
from mibook.charts import style
from mibook.render import BookChart

CELL = 50
ROW = 24


def event_timeline(events: pd.DataFrame, claims: pd.DataFrame) -> BookChart:
    """Dated events, each drawn across the whole period its wording could mean, labelled with that wording."""
    dated = overview.timeline(events, claims)
    undated = overview.undated_events(events, claims)
    plot = dated.assign(start=dated.date_start.dt.strftime("%Y-%m-%d"),
                        end=dated.end_exclusive.dt.strftime("%Y-%m-%d"))
    plot = plot[["label", "date_label", "start", "end", "claim_id", "paragraph", "quote"]]
    finding = f"{len(dated)} of the article's {len(dated) + len(undated)} events carry a date, none to the day"
    tooltip = style.claim_tooltip(alt.Tooltip("label:N", title="Event"),
                                  alt.Tooltip("date_label:N", title="Date as written"))
    row = alt.Y("label:N", title=None, sort=alt.EncodingSortField("start"), axis=None,
                scale=alt.Scale(paddingInner=0.55, paddingOuter=0.4))
    domain = [f"{dated.date_start.dt.year.min()}-01-01", f"{dated.date_end.dt.year.max() + 1}-01-01"]
    base = alt.Chart(plot).encode(y=row, tooltip=tooltip)
    spans = base.mark_bar(color=style.PALETTE[0]).encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(domain=domain),
                axis=alt.Axis(format="%Y", tickCount="year", grid=True)),
        x2="end:T")
    names = base.mark_text(align="left", baseline="bottom", dy=-9, fontSize=12).encode(x=alt.value(0), text="label:N")
    wording = base.mark_text(align="left", dx=4, fontSize=11, color="#444").encode(x="end:T", text="date_label:N")
    chart = (spans + names + wording).properties(
        width=style.WIDTH, height=44 * len(plot),
        title=style.title(finding, dated.paragraph),
        description=(
            f"Timeline of the {len(dated)} dated events in the article, each drawn as a span as wide as its "
            "wording could mean and labelled with that wording: "
            + "; ".join(f"{r.label}, {r.date_label}" for r in dated.itertuples())
            + f". {len(undated)} further events are undated and not drawn."
        ),
    )
    table = pd.concat([dated, undated])[["label", "date_label", "paragraph"]]
    table = table.assign(date_label=table.date_label.replace("unstated", "not dated"))
    return BookChart(chart, "overview-event-timeline", table.rename(columns={
        "label": "Event", "date_label": "Date as written", "paragraph": "¶"}))
