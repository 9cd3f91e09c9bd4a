"""The record's timeline: the rows `context.timeline` builds and the chart `record_timeline` draws from them."""

import re

import pandas as pd
import pytest
import vl_convert

from mibook import context, load, render, style
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
    assert article.start.is_monotonic_increasing
    # the record by date, a month known without its day placed after that month's days
    day = record.date_label.str.match(r"\d")
    assert record.start.where(day, record.end_exclusive - pd.Timedelta(days=1)).is_monotonic_increasing
    assert list(record.date_label[record.date_label.str.contains("August 2018")]) == ["7 August 2018", "August 2018"]
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
    assert sorted(undated.label) == sorted(events[events.date_start.isna()].label)
    assert undated.label[0] == "Soviet invasion of Afghanistan"
    assert list(undated.paragraph) == sorted(undated.paragraph) and list(undated.paragraph) == [1, 3, 3, 3, 7, 7]
    assert list(undated.theme) == ["bilateral", "afghanistan", "region", "region", "sco-cpec", "trade"]


def test_chart_draws_two_lanes_apart_in_greyscale_and_lists_the_undated_in_its_data(data):
    chart = timeline.record_timeline(data)
    assert chart.name == "record-timeline"
    record = len(data["record_events"])
    assert chart.spec["title"]["text"] == ["Defence steps between the two recur every year, 2014–2018"]
    assert "Squares: the article's 6 dated events" in " ".join(chart.spec["title"]["subtitle"])
    assert f"Circles: the record's {record} events" in " ".join(chart.spec["title"]["subtitle"])
    assert sorted(layer_marks(chart)) == ["point", "rule", "text"]  # spans, circles and squares, row names
    assert style.greyscale_problems(chart.spec) == []
    subtitle = " ".join(chart.spec["title"]["subtitle"])
    undated = list(context.undated_article_events(data).label)
    assert f"the {len(undated)} it leaves undated are in the table only" in subtitle
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
    assert f"Circles: the record's {len(rows) - 1} events" in " ".join(chart.spec["title"]["subtitle"])
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


# --- What the reader sees: the geometry as Vega draws it (its scenegraph, in px) and the texts. -----------

@pytest.fixture(scope="module")
def chart(data):
    """The timeline drawn from the real data, built once for the tests below (none of them changes it)."""
    return timeline.record_timeline(data)


def _scene(spec: dict) -> dict[str, list[dict]]:
    """What Vega draws for `spec`, in px from the plot's top left corner: the items of the chart's marks by
    type ("rule", "symbol", "text"), of the guides' parts by role ("axis-label", "legend-title", ...), and
    "plot", the plot's own box."""
    graph = vl_convert.vegalite_to_scenegraph(spec, vl_version=render.VEGA_LITE_VERSION)["scenegraph"]
    found: dict[str, list[dict]] = {"plot": graph["items"]}

    def walk(mark: dict) -> None:
        if mark["marktype"] != "group":
            key = mark["marktype"] if mark.get("role") == "mark" else mark.get("role")
            found.setdefault(key, []).extend(mark["items"])
        for item in mark["items"]:
            for inner in item.get("items", []):
                walk(inner)

    for item in graph["items"]:
        for mark in item["items"]:
            walk(mark)
    return found


def _drawn_rows(scene: dict) -> list[dict]:
    """The timeline's rows as drawn: each one's top (where its name's band starts), foot (a gap above the
    next row's top; the last row's is the plot's bottom edge), circles and squares, the top of its article
    lanes (one per level of squares, at least one) and the heights of its levels of circles and of squares,
    from the foot up."""
    names = sorted(scene["text"], key=lambda t: t["y"])
    tops = [t["y"] - timeline.HEADING / 2 for t in names]
    feet = [top - timeline.GAP for top in tops[1:]] + [scene["plot"][0]["height"]]
    rows = []
    for name, top, foot in zip(names, tops, feet, strict=True):
        marks = [s for s in scene["symbol"] if top < s["y"] < foot]
        circles = [s for s in marks if s["shape"] == "circle"]
        squares = [s for s in marks if s["shape"] == "square"]
        square_levels = sorted({s["y"] for s in squares}, reverse=True)
        rows.append({"name": name["text"], "top": top, "foot": foot, "circles": circles, "squares": squares,
                     "lane_top": foot - timeline.ARTICLE_LANE * (len(square_levels) or 1),
                     "circle_levels": sorted({c["y"] for c in circles}, reverse=True),
                     "square_levels": square_levels})
    return rows


def _diameter(scene: dict) -> float:
    """The marks' width in px: Vega's `size` is the area of a mark's box, the same for circles and squares."""
    sizes = {s["size"] for s in scene["symbol"]}
    assert len(sizes) == 1, sizes
    return sizes.pop() ** 0.5


def _assert_rows_well_laid(scene: dict) -> None:
    """Each row's name at its top, its circles below the name, stacked a step a level with no empty level,
    and its squares one lane a level from its foot up; every mark inside a row, the first row at the plot's
    top."""
    rows, diameter = _drawn_rows(scene), _diameter(scene)
    assert rows[0]["top"] == 0
    assert sum(len(r["circles"]) + len(r["squares"]) for r in rows) == len(scene["symbol"])
    for row in rows:
        name_foot, lane_top = row["top"] + timeline.HEADING, row["lane_top"]
        assert all(name_foot <= c["y"] - diameter / 2 and c["y"] + diameter / 2 <= lane_top for c in row["circles"])
        assert all(lane_top <= s["y"] - diameter / 2 and s["y"] + diameter / 2 <= row["foot"] for s in row["squares"])
        # the band between the name and the lanes is as tall as its stack of circles, no taller: no blank band
        assert lane_top - name_foot == pytest.approx(timeline.STEP * len(row["circle_levels"])), row["name"]
        assert row["circle_levels"] == pytest.approx(
            [lane_top - timeline.STEP * (n + 0.5) for n in range(len(row["circle_levels"]))])
        assert row["square_levels"] == pytest.approx(
            [row["foot"] - timeline.ARTICLE_LANE * (n + 0.5) for n in range(len(row["square_levels"]))])


@pytest.mark.parametrize("form", ["spec", "drawn", "narrow"])
def test_each_row_holds_its_name_then_its_stacked_circles_then_its_article_lanes(chart, form):
    """Rows run from the plot's top to its bottom edge a gap apart: in each, the theme's name on top (one
    line, within its band), the record's circles stacked below it with no empty level, and the article's
    squares one lane a level at the foot (one empty lane where the article dates nothing in that theme); as
    the module lays it out, as the page draws it in the column (wider, as tall) and on a phone (no name
    re-wrapped into the circles, no plot stretched)."""
    scene = _scene(getattr(chart, form))
    _assert_rows_well_laid(scene)
    rows = _drawn_rows(scene)
    assert [r["name"] for r in rows] == [n["theme_label"] for n in _layer_rows(chart.spec, "text")]
    assert any(not r["squares"] for r in rows) and any(len(r["square_levels"]) > 1 for r in rows)
    assert all(n["x"] == 0 for n in scene["text"])  # each name starts where the axis does


def test_a_theme_only_the_article_dates_gets_a_row_of_its_name_and_its_lane(data_copy):
    """With the record's bilateral events taken out, the article's bilateral event still gets its row, as
    tall as its name and its lane and no taller."""
    rows = read_rows(data_copy / "record_events.csv")
    write_rows(data_copy / "record_events.csv", [r for r in rows if r[rows[0].index("theme")] != "bilateral"])
    scene = _scene(timeline.record_timeline(load.tables(data_copy)).spec)
    _assert_rows_well_laid(scene)
    bilateral = next(r for r in _drawn_rows(scene) if r["name"] == "Bilateral relations")
    assert not bilateral["circles"] and bilateral["squares"]
    assert bilateral["lane_top"] == pytest.approx(bilateral["top"] + timeline.HEADING)


def test_circles_stack_only_when_every_lower_level_is_taken_within_a_step(chart):
    """The dodge is minimal: a circle rises a level only when, on each level below, a circle less than a
    step to its left (or at its date) would meet it; levels stand a step apart, each circle a pixel or less
    clear of the next."""
    scene = _scene(chart.spec)  # at the width the module laid it out for
    stacked = 0
    for row in _drawn_rows(scene):
        levels = row["circle_levels"]
        steps = [below - above for below, above in zip(levels, levels[1:], strict=False)]
        assert steps == pytest.approx([timeline.STEP] * len(steps))
        for circle in row["circles"]:
            level = levels.index(circle["y"])
            stacked += level > 0
            for lower in levels[:level]:
                assert any(0 <= circle["x"] - c["x"] < timeline.STEP for c in row["circles"] if c["y"] == lower)
    assert stacked > 0
    assert timeline.STEP - 1 <= _diameter(scene) < timeline.STEP


def test_the_wide_chart_is_laid_out_for_about_the_width_it_is_drawn(chart):
    """The page widens the chart to fill the column by less than a fifth, so the stacks computed for the
    chart's own width stay tight where it is shown."""
    assert chart.spec["width"] <= chart.drawn["width"] < 1.2 * chart.spec["width"]


@pytest.mark.parametrize(("days", "levels"), [(5, [0, 0]), (4, [0, 1])])
def test_the_dodge_keeps_two_circles_exactly_a_step_apart_on_one_level(days, levels):
    middles = pd.Series([pd.Timestamp("2015-01-01"), pd.Timestamp("2015-01-01") + pd.Timedelta(days=days)])
    themes = pd.Series(["defence", "defence"])
    assert list(timeline.dodge(middles, themes, width=timeline.STEP * timeline.DAYS / 5)) == levels


def test_the_dodge_puts_a_circle_on_the_lowest_level_free_by_its_date():
    """Three circles a day apart take three levels; five days on, the foot is free again, and a day later
    the second level is (its circle five days back), not the third."""
    middles = pd.Series(pd.to_datetime(["2015-01-01", "2015-01-02", "2015-01-03", "2015-01-06", "2015-01-07"]))
    themes = pd.Series(["energy"] * 5)
    assert list(timeline.dodge(middles, themes, width=timeline.STEP * timeline.DAYS / 5)) == [0, 1, 2, 0, 1]


def test_each_article_square_sits_on_a_shaded_span_of_the_dates_its_wording_allows(chart, data):
    """Spans for the article's events only, each from the first day its wording allows to the day after the
    last, on its square's line, in the squares' colour, wider than a square and narrower than the lane."""
    scene = _scene(chart.spec)
    rows = context.timeline(data)
    article = rows[rows.lane == context.ARTICLE_LANE]

    def px(days: pd.Series) -> list[float]:
        return list((days - pd.Timestamp(timeline.YEARS[0])).dt.days * chart.spec["width"] / timeline.DAYS)

    spans = sorted((r["x"], r["x2"], r["y"]) for r in scene["rule"])
    squares = sorted((s["x"], s["y"]) for s in scene["symbol"] if s["shape"] == "square")
    expected = sorted(zip(px(article.start), px(article.end_exclusive), strict=True))
    assert [x for a, b, _ in spans for x in (a, b)] == pytest.approx([x for span in expected for x in span])
    assert sorted(y for *_, y in spans) == sorted(y for _, y in squares)
    assert all(any(a <= x <= b and y == line for a, b, line in spans) for x, y in squares)
    colour = {s["fill"] for s in scene["symbol"] if s["shape"] == "square"}
    assert {r["stroke"] for r in scene["rule"]} == colour
    assert all(_diameter(scene) < r["strokeWidth"] < timeline.ARTICLE_LANE for r in scene["rule"])


def test_circles_and_squares_are_filled_in_their_lanes_colours_and_outlined_under_the_legend_drawn_from(chart, data):
    scene = _scene(chart.spec)
    assert [t["text"] for t in scene["legend-title"]] == ["Drawn from"]
    assert [t["text"] for t in scene["legend-label"]] == [context.RECORD_LANE, context.ARTICLE_LANE]
    keys = {s["shape"]: s["fill"] for s in scene["legend-symbol"]}
    assert list(keys) == ["circle", "square"] and len(set(keys.values())) == 2
    # filled in their lane's colour and outlined in the text's, so a square stands out of its shaded span in grey
    assert all(s["fill"] == keys[s["shape"]] and s.get("stroke") == style.TEXT for s in scene["symbol"])
    rows = context.timeline(data)
    shapes = [s["shape"] for s in scene["symbol"]]
    assert shapes.count("circle") == (rows.lane == context.RECORD_LANE).sum()
    assert shapes.count("square") == (rows.lane == context.ARTICLE_LANE).sum()


def test_the_axis_marks_each_year_by_its_number_with_a_gridline(chart):
    scene = _scene(chart.spec)
    labels = scene["axis-label"]
    assert [t["text"] for t in labels] == [str(year) for year in range(2014, 2020)]
    assert sorted(g["x"] for g in scene["axis-grid"]) == pytest.approx([t["x"] for t in labels], abs=0.5)


def test_the_tooltips_give_what_date_from_and_sources_then_the_claim(chart):
    for view in chart.spec["layer"][:2]:  # the spans and the marks
        tooltip = [(t["title"], t["field"]) for t in view["encoding"]["tooltip"]]
        assert tooltip == [("What", "label"), ("Date", "date_label"), ("From", "lane"), ("Sources", "sources"),
                           ("Article ¶", "paragraph"), ("Quote", "quote")]


def test_the_source_line_cites_the_articles_paragraphs_then_the_outside_reports(chart, data):
    rows = context.timeline(data)
    cited = ", ".join(f"¶{n}" for n in sorted({int(p) for p in rows[rows.lane == context.ARTICLE_LANE].paragraph}))
    assert chart.spec["title"]["subtitle"][-1] == f"Sources: Bokhari (2019), {cited}; outside reports (references)"


def test_the_description_lists_every_drawn_event_then_the_undated_ones_apart(chart, data):
    from mibook.labels import RECORD_THEME_LABELS as THEME_LABELS

    description = chart.spec["description"]
    rows = list(context.timeline(data).itertuples())
    for before, after in zip(rows, rows[1:], strict=False):
        assert (f"({before.date_label}); {after.lane}, {THEME_LABELS[after.theme]}: {after.label} "
                f"({after.date_label})") in description
    undated = list(context.undated_article_events(data).label)
    assert description.endswith(f". Undated in the article and not drawn: {'; '.join(undated)}.")


def test_the_table_lists_the_drawn_events_then_the_undated_ones_under_one_header(chart, data):
    from mibook.labels import RECORD_THEME_LABELS as THEME_LABELS

    table = chart.table
    assert list(table.columns) == ["From", "Theme", "Date", "What happened", "Sources", timeline.BEARS_ON]
    assert list(table.index) == list(range(len(table)))
    rows = context.timeline(data)
    drawn, listed = table.iloc[:len(rows)], table.iloc[len(rows):]
    assert list(drawn[timeline.BEARS_ON]) == ["" if pd.isna(p) else str(int(p)) for p in rows.paragraph]
    assert (drawn[timeline.BEARS_ON] == "").sum() == rows.paragraph.isna().sum() > 0  # record events tied to no claim
    undated = context.undated_article_events(data)
    assert list(listed["What happened"]) == list(undated.label)
    assert list(listed[timeline.BEARS_ON]) == [str(p) for p in undated.paragraph]  # undated: ¶ and theme kept
    assert list(listed.Theme) == [THEME_LABELS[t] for t in undated.theme]
    assert listed[["From", "Date", "Sources"]].drop_duplicates().to_dict("records") == [
        {"From": context.ARTICLE_LANE, "Date": "not dated", "Sources": "Bokhari (2019)"}]
