"""The record's timeline: the rows `context.timeline` builds and the chart `record_timeline` draws from them."""

import re

import pandas as pd
import pytest

from mibook import context, load, style
from mibook.charts import timeline
from tests import readable
from tests.chart_checks import assert_reader_ready, layer_marks
from tests.conftest import read_rows, write_rows


def test_rows_hold_every_record_event_and_every_dated_article_event(data):
    rows = context.timeline(data)
    record = rows[rows.lane == context.RECORD_LANE]
    article = rows[rows.lane == context.ARTICLE_LANE]
    assert len(record) == len(data["record_events"])
    assert len(article) == data["events"].date_start.notna().sum()
    assert list(rows.lane.unique()) == [context.RECORD_LANE, context.ARTICLE_LANE]  # record first, each by date
    assert record.start.is_monotonic_increasing and article.start.is_monotonic_increasing
    assert (rows.end_exclusive > rows.start).all()
    assert record.start.min() >= pd.Timestamp("2014-01-01") and record.end_exclusive.max() <= pd.Timestamp("2020-01-01")
    assert set(article.date_label) <= set(data["events"].date_label)  # the article's own wording
    assert (article.sources == "Bokhari (2019)").all() and not record.sources.str.contains("Bokhari").any()
    cited = data["record_events"].source_ids.str.count(";") + 1  # each event names each of its sources
    assert sorted(record.sources.str.count("; ") + 1) == sorted(cited)
    labels = [label for text in record.sources for label in text.split("; ")]  # "Publisher, date" each
    assert all(re.fullmatch(r".+, (undated|(\d{1,2} )?([A-Z][a-z]+ )?\d{4})", label) for label in labels), labels
    assert record.sources.notna().all() and (record.sources.str.len() > 10).all()
    day, dated = pd.Timedelta(days=1), data["events"][data["events"].date_start.notna()]
    assert sorted(record.end_exclusive - day) == sorted(data["record_events"].date_end)  # the day after the last
    assert sorted(article.end_exclusive - day) == sorted(dated.date_end)
    linked = record[record.claim_id.notna()]  # a record event tied to a claim carries the claim's ¶ and quote
    assert len(linked) == data["record_events"].claim_id.notna().sum() > 0
    assert linked.paragraph.notna().all() and linked.quote.notna().all()


@pytest.mark.parametrize(("start", "end", "precision", "label"), [
    ("2014-11-20", "2014-11-20", "day", "20 November 2014"),
    ("2017-07-03", "2017-07-04", "day", "3–4 July 2017"),
    ("2016-09-24", "2016-10-10", "day", "24 September – 10 October 2016"),
    ("2015-08-01", "2015-08-31", "month", "August 2015"),
    ("2015-01-01", "2015-12-31", "year", "2015"),
])
def test_record_dates_read_as_precisely_as_the_sources(start, end, precision, label):
    assert context._record_date(pd.Timestamp(start), pd.Timestamp(end), precision) == label


def test_undated_article_events_are_listed_in_article_order(data):
    undated = context.undated_article_events(data)
    events = data["events"]
    assert sorted(undated) == sorted(events[events.date_start.isna()].label)
    assert undated[0] == "Soviet invasion of Afghanistan"


def test_chart_draws_two_lanes_apart_in_greyscale_and_lists_the_undated_in_its_data(data):
    chart = timeline.record_timeline(data)
    assert chart.name == "record-timeline"
    record = len(data["record_events"])
    assert chart.spec["title"]["text"] == [f"The record dates {record} events, 2014–2019;",
                                           "the article dates 6 of its own, none to the day"]
    assert sorted(layer_marks(chart)) == ["point", "rule", "text"]  # spans, circles and squares, row names
    assert style.greyscale_problems(chart.spec) == []
    subtitle = " ".join(chart.spec["title"]["subtitle"])
    undated = context.undated_article_events(data)
    assert f"its {len(undated)} undated events are not drawn" in subtitle
    for label in undated:
        assert label not in subtitle and label in chart.spec["description"]
        assert label in list(chart.table["What happened"])
    assert "context" in subtitle
    assert len(chart.table) == len(context.timeline(data)) + len(context.undated_article_events(data))
    assert readable.problems(chart.table) == []
    assert_reader_ready(chart)


def test_a_new_record_event_is_drawn(data_copy):
    rows = read_rows(data_copy / "record_events.csv")
    rows.append(["rec-2019-06-bishkek", "2019-06-13", "2019-06-14", "day", "sco-cpec", "A test event.",
                 "s-businessstandard-undated-putin-visit", ""])
    write_rows(data_copy / "record_events.csv", rows)
    chart = timeline.record_timeline(load.tables(data_copy))
    assert chart.spec["title"]["text"][0].startswith(f"The record dates {len(rows) - 1} events")
    assert "A test event." in set(chart.table["What happened"])


def _layer_rows(spec: dict, mark: str) -> list[dict]:
    """The data rows of the chart's layer of `mark`."""
    layer = next(view for view in spec["layer"] if view["mark"]["type"] == mark)
    return spec["datasets"][layer["data"]["name"]]


def test_the_chart_has_a_row_for_each_theme_with_events_and_none_for_the_others(data):
    """Trade has no dated event in either lane: it gets no row, so no empty band and no height for it; the
    rows' names stand in the chart's order, each above its own marks."""
    from mibook.labels import RECORD_THEME_LABELS as THEME_LABELS

    rows = context.timeline(data)
    drawn = [THEME_LABELS[t] for t in THEME_LABELS if t in set(rows.theme)]
    assert "Trade" not in drawn and len(drawn) < len(THEME_LABELS)
    chart = timeline.record_timeline(data)
    names = _layer_rows(chart.spec, "text")
    assert [n["theme_label"] for n in names] == drawn
    tops = [n["y"] for n in names]
    assert tops == sorted(tops)  # top to bottom in the chart's order
    marks = _layer_rows(chart.spec, "point")
    for name, below in zip(names, [*tops[1:], chart.spec["height"]], strict=True):
        inside = [m for m in marks if name["y"] < m["y"] < below]
        themes = {rows.theme[(rows.label == m["label"]) & (rows.date_label == m["date_label"])].iloc[0] for m in inside}
        assert [THEME_LABELS[t] for t in themes] == [name["theme_label"]]


@pytest.mark.parametrize("form", ["spec", "narrow"])
def test_no_two_marks_overlap_however_close_their_dates(data, form):
    """Six record events fall within seventeen days of February 2019, and the article dates two events to that
    month: stacked, each circle and each square stands clear, so every event the title counts can be seen."""
    chart = timeline.record_timeline(data)
    spec = getattr(chart, form)
    width = spec["width"]
    start, days = pd.Timestamp(timeline.YEARS[0]), timeline.DAYS
    circles = [((pd.Timestamp(m["middle"]) - start).days * width / days, m["y"]) for m in _layer_rows(spec, "point")]
    assert len(circles) == len(data["record_events"]) + data["events"].date_start.notna().sum()
    close = [(a, b) for i, a in enumerate(circles) for b in circles[i + 1:]
             if ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 < timeline.DOT]
    assert close == []
    assert any(abs(a[0] - b[0]) < timeline.DOT for i, a in enumerate(circles) for b in circles[i + 1:])  # stacked


def test_the_dodge_stacks_only_circles_closer_than_a_circle_is_wide():
    middles = pd.Series(pd.to_datetime(["2015-01-01", "2015-01-05", "2015-01-09", "2016-01-01", "2015-01-02"]))
    themes = pd.Series(["defence", "defence", "defence", "defence", "energy"])
    # drawn so that a circle's step is 5 days: the second (4 days on) is stacked, the third (8) is not
    levels = timeline.dodge(middles, themes, width=timeline.STEP * timeline.DAYS / 5)
    assert list(levels) == [0, 1, 0, 0, 0]


def test_each_event_is_drawn_at_the_middle_of_its_span(data):
    rows = context.timeline(data).set_index(["label", "date_label"])
    chart = timeline.record_timeline(data)
    for mark in _layer_rows(chart.spec, "point"):
        row = rows.loc[(mark["label"], mark["date_label"])]
        assert pd.Timestamp(mark["middle"]) == (row.start + (row.end_exclusive - row.start) / 2).normalize()



@pytest.mark.parametrize("form", ["spec", "narrow"])
def test_the_chart_is_as_tall_as_its_last_row_so_no_mark_falls_on_the_axis(data, form):
    """The plot ends at the last row's foot, gaps between rows included: every mark (its whole circle or
    square) sits inside it, none on the x axis below."""
    spec = getattr(timeline.record_timeline(data), form)
    marks = _layer_rows(spec, "point")
    lowest = max(m["y"] for m in marks)
    assert lowest + timeline.DOT / 2 <= spec["height"] <= lowest + 3 * timeline.ARTICLE_LANE
