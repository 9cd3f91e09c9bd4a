"""The record's timeline: what Russia and Pakistan did in 2014–2019, from outside reports (context), set
beside the events the article itself dates, one row per theme and two lanes per row.

The lanes differ in position, shape and colour (circles for the record, squares on shaded spans for the
article), so the chart reads in greyscale; the article's undated events are counted under the title and
listed in the table behind the chart and its description. Events closer in time than a mark is wide are
stacked upwards in their lane (a dodge), so every one of them can be seen and counted.
"""

import textwrap

import altair as alt
import pandas as pd

from mibook import context, style
from mibook.analysis import overview
from mibook.labels import RECORD_THEME_LABELS as ROW_LABELS
from mibook.render import BookChart

LANES = [context.RECORD_LANE, context.ARTICLE_LANE]
YEARS = ("2014-01-01", "2019-12-31")  # the axis: the record's years, 2014 to 2019 inclusive
DAYS = (pd.Timestamp(YEARS[1]) - pd.Timestamp(YEARS[0])).days
DOT = 7  # px: a circle's diameter (its area, Vega's `size`, is DOT squared)
STEP = DOT + 1  # px from one stacked circle to the next
HEADING = 18  # px: a row's theme name, above its lanes
ARTICLE_LANE = 16  # px: the article's lane, at the foot of each row
GAP = 8  # px between rows
NOTE_WIDTH = 70  # characters per subtitle line
NARROW_PLOT = style.NARROW_WIDTH - 10  # px: the phone form's plot (the theme names sit inside it)
BEARS_ON = "Article ¶ it bears on"  # the table's ¶: an article event's own, or the claim a record event tests


def record_timeline(data) -> BookChart:
    """One timeline, 2014–2019: the record's dated events and the article's dated events, by theme."""
    rows = context.timeline(data)
    undated = context.undated_article_events(data)
    labels = list(undated.label)
    defence = overview.defence_years(data)  # the title's finding, computed where the landing page's is
    return BookChart(_chart(rows, labels, defence, style.WIDTH + 100), "record-timeline", _table(rows, undated),
                     narrow_chart=_chart(rows, labels, defence, NARROW_PLOT))


def dodge(middles: pd.Series, themes: pd.Series, width: float) -> pd.Series:
    """Each event's level in its theme's lane (0 at the foot): the lowest level whose last mark, at `width`
    px for the axis's years, ends before this one begins."""
    gap = pd.Timedelta(days=STEP * DAYS / width)
    levels = pd.Series(0, index=middles.index)
    for _, group in middles.groupby(themes):
        last: list[pd.Timestamp] = []  # the latest mark on each level so far
        for index, middle in group.sort_values().items():
            level = next((n for n, at in enumerate(last) if middle - at >= gap), len(last))
            last[level:level + 1] = [middle]
            levels[index] = level
    return levels


def _chart(rows: pd.DataFrame, undated: list[str], defence: dict[str, int], width: float) -> alt.LayerChart:
    """The timeline drawn `width` px wide: one row per theme, its name on top, each row as tall as its
    deepest stack of circles."""
    record = rows[rows.lane == context.RECORD_LANE]
    article = rows[rows.lane == context.ARTICLE_LANE]
    themes = [t for t in ROW_LABELS if t in set(rows.theme)]
    middle = rows.start + (rows.end_exclusive - rows.start) / 2
    is_record = (rows.lane == context.RECORD_LANE).to_numpy()
    levels = pd.concat([dodge(middle[is_record], rows.theme, width),  # circles, and squares (in their own
                        dodge(middle[~is_record], rows.theme, width)]).reindex(rows.index)  # lane, a lane apart)
    depth = levels[is_record].groupby(rows.theme).max().reindex(themes, fill_value=-1) + 1  # circles per row
    article_lanes = levels[~is_record].groupby(rows.theme).max().reindex(themes, fill_value=0) + 1  # per row
    heights = HEADING + STEP * depth + ARTICLE_LANE * article_lanes
    tops = (heights + GAP).cumsum() - heights - GAP  # px: each row's top
    foot = (tops + heights)[rows.theme].to_numpy()  # px: each mark's row's foot
    lanes = (ARTICLE_LANE * article_lanes)[rows.theme].to_numpy()  # px: the article's lanes at each row's foot
    y = foot - ARTICLE_LANE * (levels.to_numpy() + 0.5)  # the article's squares, one lane each when they meet
    y[is_record] = (foot - lanes - STEP * (levels.to_numpy() + 0.5))[is_record]
    plot = rows.assign(start=rows.start.dt.strftime("%Y-%m-%d"), end=rows.end_exclusive.dt.strftime("%Y-%m-%d"),
                       middle=middle.dt.strftime("%Y-%m-%d"), y=y)
    plot = plot[["lane", "label", "date_label", "start", "end", "middle", "y", "sources", "claim_id", "paragraph",
                 "quote"]]
    headings = pd.DataFrame({"theme_label": [ROW_LABELS[t] for t in themes], "y": tops + HEADING / 2,
                             "start": YEARS[0]})
    total = float(tops.iloc[-1] + heights.iloc[-1])
    finding = [f"Defence steps between the two recur every year, {defence['defence_first']}–"
               f"{defence['defence_last']}"]
    note = textwrap.wrap(f"Circles: the record's {len(record)} events, outside reports in our words (context). "
                         f"Squares: the article's {len(article)} dated events, shaded over the span its wording "
                         f"allows; the {len(undated)} it leaves undated are in the table only.",
                         NOTE_WIDTH)
    sources = style.source_line(article.paragraph, others="outside reports (references)")
    title = alt.Title(text=finding, subtitle=[*note, sources])
    tooltip = style.claim_tooltip(alt.Tooltip("label:N", title="What"), alt.Tooltip("date_label:N", title="Date"),
                                  alt.Tooltip("lane:N", title="From"), alt.Tooltip("sources:N", title="Sources"))
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=list(YEARS)),
              axis=alt.Axis(format="%Y", tickCount="year", grid=True))
    y = alt.Y("y:Q", title=None, axis=None, scale=alt.Scale(domain=[0, total], reverse=True, nice=False, zero=False))
    base = alt.Chart(plot).encode(y=y, tooltip=tooltip)
    spans = base.transform_filter(alt.datum.lane == context.ARTICLE_LANE).mark_rule(
        color=style.PALETTE[1], opacity=0.35, strokeWidth=ARTICLE_LANE - 6, strokeCap="butt").encode(x=x, x2="end:T")
    # outlined, so a square stands out of its shaded span in greyscale too
    marks = base.mark_point(filled=True, size=DOT ** 2, opacity=0.9, stroke=style.TEXT, strokeWidth=0.6).encode(
        x=alt.X("middle:T", scale=alt.Scale(domain=list(YEARS))),
        **style.categories("lane", LANES, "point", "Drawn from"))
    names = alt.Chart(headings).mark_text(align="left", baseline="middle", dx=3, fontWeight="bold",  # one line
                                          fontSize=style.TYPE_SCALE["body"], lineBreak="\n").encode(
        x=alt.X("start:T"), y=y, text="theme_label:N")
    return alt.layer(spans, marks, names).properties(
        width=width, height=round(total), title=title,
        description=(
            f"Timeline from 2014 to 2019 with one row per subject and two lanes in each: {len(record)} events "
            "reported by outside sources (circles; context, in our words) and the "
            f"{len(article)} events the article dates (squares on shaded spans as wide as its wording could mean). "
            + "; ".join(f"{r.lane}, {ROW_LABELS[r.theme]}: {r.label} ({r.date_label})" for r in rows.itertuples())
            + f". Undated in the article and not drawn: {'; '.join(undated)}."
        ),
    )


def _table(rows: pd.DataFrame, undated: pd.DataFrame) -> pd.DataFrame:
    """The data behind the chart: every drawn event, then the article's undated ones."""
    drawn = pd.DataFrame({"From": rows.lane, "Theme": rows.theme.map(ROW_LABELS), "Date": rows.date_label,
                          "What happened": rows.label, "Sources": rows.sources,
                          BEARS_ON: rows.paragraph.map(lambda p: "" if pd.isna(p) else str(int(p)))})
    listed = pd.DataFrame({"From": context.ARTICLE_LANE, "Theme": undated.theme.map(ROW_LABELS),
                           "Date": "not dated", "What happened": undated.label, "Sources": "Bokhari (2019)",
                           BEARS_ON: undated.paragraph.map(lambda p: str(int(p)))})
    return pd.concat([drawn, listed], ignore_index=True)
