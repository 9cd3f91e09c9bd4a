"""The Afghanistan charts: the thread by kind and the paragraph weight, told apart without hue."""

from mibook.charts import afghanistan as charts
from tests import readable


def test_thread_grid_marks_speakers_by_fill_not_hue(data):
    chart = charts.thread(data)
    assert chart.name == "afghanistan-thread"
    assert chart.spec["title"]["text"] == ["2 of the 4 shared issues are problems, not positions;",
                                           "3 cautions frame the case"]
    fill = chart.spec["encoding"]["fill"]["scale"]["range"]
    assert sorted(fill) == ["#222", "white"]
    assert len(chart.table) == 13 and readable.problems(chart.table) == []


def test_paragraph_weight(data):
    chart = charts.paragraph_weight(data)
    assert chart.name == "afghanistan-paragraph-weight"
    assert chart.spec["title"]["text"] == ["The Afghanistan thread runs through 6 of 10 paragraphs",
                                           "but is most of the claims in only 2"]
    assert list(chart.table["Afghanistan thread"]) == [2, 0, 2, 0, 0, 4, 0, 2, 1, 1]
    assert readable.problems(chart.table) == []
    assert chart.svg().startswith("<svg")
