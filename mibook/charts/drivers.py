"""The drivers chart: for each regional change the article names, how firm the article's own evidence is
and how firm the record's support is (context), on one three-step scale."""

import altair as alt

from mibook import style
from mibook.analysis import drivers
from mibook.render import BookChart

SUPPORTS = list(drivers.SUPPORTS)
SHAPES = {SUPPORTS[0]: "circle", SUPPORTS[1]: "square"}
FILLS = {SUPPORTS[0]: "#222222", SUPPORTS[1]: "#ffffff"}  # filled and open: apart in greyscale and without hue
ROW_HEIGHT = 34


def title_numbers(tables) -> dict[str, int]:
    """The counts the chart's title states, each a count of the chart's own marks."""
    frame = drivers.support_frame(tables)
    article, record = frame[frame.support == SUPPORTS[0]], frame[frame.support == SUPPORTS[1]]
    return {"drivers": int(frame.label.nunique()), "dated": int((article.level == "firm").sum()),
            "in_part": int((record.level == "some").sum()), "in_full": int((record.level == "firm").sum())}


def support(tables) -> BookChart:
    """Each driver (rows, in page order) against the firmness of its support: a filled circle for the
    article's own evidence, an open square for the record, where a check bears on it."""
    frame = drivers.support_frame(tables)
    rows = list(dict.fromkeys(frame.sort_values("listed_order").label))
    counts = title_numbers(tables)
    finding = [f"Of {counts['drivers']} regional changes, the article dates {counts['dated']};",
               f"the record bears out {counts['in_part']} in part and {counts['in_full'] or 'none'} in full"]
    chart = alt.Chart(frame).mark_point(size=140, strokeWidth=2, opacity=1, color="#222222").encode(
        y=alt.Y("label:N", sort=rows, title=None, axis=alt.Axis(labelLimit=230, ticks=False, domain=False,
                                                               grid=True, labelPadding=8)),
        xOffset=alt.XOffset("support:N", sort=SUPPORTS, scale=alt.Scale(domain=SUPPORTS, paddingOuter=0.6)),
        x=alt.X("level:N", sort=drivers.LEVELS, scale=alt.Scale(domain=drivers.LEVELS, paddingInner=0.1),
                title="How firm the support is", axis=alt.Axis(orient="top", labelAngle=0, ticks=False,
                                                               domain=False, grid=True)),
        shape=alt.Shape("support:N", title=None, sort=SUPPORTS,
                        scale=alt.Scale(domain=SUPPORTS, range=[SHAPES[s] for s in SUPPORTS]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        fill=alt.Fill("support:N", sort=SUPPORTS, legend=None,
                      scale=alt.Scale(domain=SUPPORTS, range=[FILLS[s] for s in SUPPORTS])),
        tooltip=style.claim_tooltip(alt.Tooltip("label:N", title="Regional change"),
                                    alt.Tooltip("support:N", title="Support"),
                                    alt.Tooltip("detail:N", title="What it is"),
                                    alt.Tooltip("pull:N", title="Our reading")),
    )
    description = (
        f"Dot chart of the {counts['drivers']} regional changes the article names, each on a scale of none, some "
        "and firm support. " + "; ".join(f"{r.label}: {r.support}, {r.detail} ({r.level})"
                                          for r in frame.sort_values(['listed_order', 'support']).itertuples())
        + ". Changes with no check have no record mark.")
    chart = chart.properties(width=3 * 70, height=ROW_HEIGHT * len(rows), description=description,
                             title=style.title(finding, frame.paragraph))
    table = frame.sort_values(["listed_order", "support"])[["label", "support", "detail", "level", "pull", "paragraph"]]
    table.columns = ["Regional change", "Support", "What it is", "Firmness", "Our reading", "¶"]
    return BookChart(chart, "overview-drivers", table)
