"""The overview's timeline, with a readable data table."""

from mibook.charts import overview as charts
from tests import readable


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
