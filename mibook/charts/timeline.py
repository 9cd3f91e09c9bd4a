"""The record's timeline: what Russia and Pakistan did in 2014–2019, from outside reports (context), set
beside the events the article itself dates, one row per theme and two lanes per row.

The lanes differ in position, shape and colour (circles for the record, squares on shaded spans for the
article), so the chart reads in greyscale; the article's undated events are counted under the title and
listed in the table behind the chart and its description.
"""

import textwrap

import altair as alt
import pandas as pd

from mibook import context, style
from mibook.labels import THEME_LABELS
from mibook.render import BookChart

LANES = [context.RECORD_LANE, context.ARTICLE_LANE]
YEARS = ("2014-01-01", "2020-01-01")  # the axis: the record's years, 2014 to 2019 inclusive
ROW = 52  # px per theme row: two lanes of marks
NOTE_WIDTH = 70  # characters per subtitle line


def record_timeline(data) -> BookChart:
    """One timeline, 2014–2019: the record's dated events and the article's dated events, by theme."""
    rows = context.timeline(data)
    undated = context.undated_article_events(data)
    record = rows[rows.lane == context.RECORD_LANE]
    article = rows[rows.lane == context.ARTICLE_LANE]
    themes = [THEME_LABELS[t] for t in THEME_LABELS if t in set(rows.theme)]
    middle = rows.start + (rows.end_exclusive - rows.start) / 2
    plot = rows.assign(theme_label=rows.theme.map(THEME_LABELS), start=rows.start.dt.strftime("%Y-%m-%d"),
                       end=rows.end_exclusive.dt.strftime("%Y-%m-%d"), middle=middle.dt.strftime("%Y-%m-%d"))
    plot = plot[["lane", "theme_label", "label", "date_label", "start", "end", "middle", "sources", "claim_id",
                 "paragraph", "quote"]]
    finding = [f"The record dates {len(record)} events, 2014–2019;",
               f"the article dates {len(article)} of its own, none to the day"]
    note = textwrap.wrap(f"Record: outside reports, in our words (context). Article: the shaded span its "
                         f"wording allows; its {len(undated)} undated events are not drawn.",
                         NOTE_WIDTH)
    title = alt.Title(text=finding, subtitle=[*note, style.source_line(article.paragraph)])
    tooltip = style.claim_tooltip(alt.Tooltip("label:N", title="What"), alt.Tooltip("date_label:N", title="Date"),
                                  alt.Tooltip("lane:N", title="From"), alt.Tooltip("sources:N", title="Sources"))
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=list(YEARS)),
              axis=alt.Axis(format="%Y", tickCount="year", grid=True))
    y = alt.Y("theme_label:N", title=None, sort=themes, axis=alt.Axis(labelLimit=150, ticks=False, domain=False),
              scale=alt.Scale(paddingInner=0.2))
    offset = alt.YOffset("lane:N", sort=LANES, scale=alt.Scale(domain=LANES))
    base = alt.Chart(plot).encode(y=y, yOffset=offset, tooltip=tooltip)
    spans = base.transform_filter(alt.datum.lane == context.ARTICLE_LANE).mark_bar(
        color=style.PALETTE[1], opacity=0.35, height=10).encode(x=x, x2="end:T")
    marks = base.mark_point(filled=True, size=70, opacity=0.85).encode(
        x=alt.X("middle:T", scale=alt.Scale(domain=list(YEARS))),
        **style.categories("lane", LANES, "point", "Drawn from"))
    chart = (spans + marks).properties(
        width=style.WIDTH - 40, height=ROW * len(themes), title=title,
        description=(
            f"Timeline from 2014 to 2019 with one row per theme and two lanes in each: {len(record)} events "
            "reported by outside sources (circles; context, in our words) and the "
            f"{len(article)} events the article dates (squares on shaded spans as wide as its wording could mean). "
            + "; ".join(f"{r.lane}, {THEME_LABELS[r.theme]}: {r.label} ({r.date_label})" for r in rows.itertuples())
            + f". Undated in the article and not drawn: {'; '.join(undated)}."
        ),
    )
    return BookChart(chart, "record-timeline", _table(rows, undated))


def _table(rows: pd.DataFrame, undated: list[str]) -> pd.DataFrame:
    """The data behind the chart: every drawn event, then the article's undated ones."""
    drawn = pd.DataFrame({"From": rows.lane, "Theme": rows.theme.map(THEME_LABELS), "Date": rows.date_label,
                          "What happened": rows.label, "Sources": rows.sources,
                          "¶": rows.paragraph.map(lambda p: "" if pd.isna(p) else str(int(p)))})
    listed = pd.DataFrame({"From": context.ARTICLE_LANE, "Theme": "", "Date": "not dated", "What happened": undated,
                           "Sources": "Bokhari (2019)", "¶": ""})
    return pd.concat([drawn, listed], ignore_index=True)
