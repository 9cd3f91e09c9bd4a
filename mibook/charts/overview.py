"""Overview charts: who is tied to whom (a pair-by-kind matrix, no layout needed) and the timeline of
dated events."""

import altair as alt
import pandas as pd

from mibook import style
from mibook.analysis import overview
from mibook.render import BookChart

CELL = 50
ROW = 24


def tie_matrix(tables) -> BookChart:
    """Every stated tie, one row per pair of actors and one column per kind; the number is the count."""
    pairs = overview.tie_pairs(tables)
    numbers = overview.tie_numbers(tables)
    kinds = [label for kind, label in overview.KIND_LABELS.items() if kind in set(pairs.kind)]
    rows = list(dict.fromkeys(pairs.pair))
    china_pakistan = pairs[pairs.pair == "Pakistan – China"].ties.sum()
    shared = f"{numbers['russia_pakistan_ties']} of the {numbers['ties']}"
    finding = [f"Russia and Pakistan share {shared} ties stated or proposed;",
               f"China and Pakistan {china_pakistan}, through CPEC"]
    base = alt.Chart(pairs).encode(
        y=alt.Y("pair:N", sort=rows, title=None, axis=alt.Axis(labelLimit=260, ticks=False, domain=False)),
        x=alt.X("kind_label:N", sort=kinds, scale=alt.Scale(domain=kinds), title=None,
                axis=alt.Axis(orient="top", labelAngle=-35, labelAlign="left", ticks=False, domain=False)),
        tooltip=[alt.Tooltip("pair:N", title="Between"), alt.Tooltip("kind_label:N", title="Kind"),
                 alt.Tooltip("ties:Q", title="Ties"), alt.Tooltip("labels:N", title="As stated"),
                 alt.Tooltip("paragraphs:N", title="¶")],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("ties:Q", legend=None, scale=alt.Scale(range=["#c6d4e1", "#08306b"], domainMin=1)))
    counts = base.mark_text(fontSize=12, fontWeight="bold").encode(
        text="ties:Q", color=alt.condition("datum.ties >= 4", alt.value("white"), alt.value("black")))
    chart = (cells + counts).properties(
        width=CELL * len(kinds), height=ROW * len(rows),
        title=style.title(finding, pairs.paragraphs.str.findall(r"\d+").explode().astype(int)),
        description=(
            f"Matrix of the {numbers['ties']} ties the article states or proposes between two parties, aggregated into "
            f"{numbers['pairs']} pairs (rows) and {len(kinds)} kinds of tie (columns); each cell gives the number "
            "of ties. " + "; ".join(f"{r.pair}: {r.ties} {r.kind_label.lower()}" for r in pairs.itertuples()) + "."
        ),
    )
    table = pairs[["pair", "kind_label", "ties", "labels", "paragraphs"]].rename(columns={
        "pair": "Between", "kind_label": "Kind", "ties": "Ties", "labels": "As stated (our summary)",
        "paragraphs": "¶"})
    return BookChart(chart, "overview-tie-matrix", table)


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
