"""The overview's charts: the tie matrix (no layout search) and the timeline, with readable data tables."""

from mibook.charts import overview as charts
from tests import readable


def test_tie_matrix_counts_every_tie_once(data):
    chart = charts.tie_matrix(data)
    assert chart.name == "overview-tie-matrix"
    assert chart.spec["title"]["text"][0] == "Russia and Pakistan share 14 of the 36 ties stated or proposed;"
    assert chart.table.Ties.sum() == len(data["relations"])
    assert readable.problems(chart.table) == []
    marks = {layer["mark"]["type"] for layer in chart.spec["layer"]}
    assert marks == {"rect", "text"}  # a matrix, not a node-link diagram


def test_timeline_labels_spans_with_the_articles_wording(data):
    chart = charts.event_timeline(data["events"], data["claims"])
    assert chart.name == "overview-event-timeline"
    assert chart.spec["title"]["text"] == "6 of the article's 12 events carry a date, none to the day"
    assert set(chart.table.columns) == {"Event", "Date as written", "¶"}
    assert readable.problems(chart.table) == []
    assert chart.static_svg.startswith("<svg")


def test_the_readability_check_catches_ids_codes_and_floats():
    import pandas as pd

    bad = pd.DataFrame({"claim_id": ["c-trade-01"], "Speaker": ["janjua"], "Value": [1.4e10], "Money": ["$660.0"]})
    assert len(readable.problems(bad)) == 5
