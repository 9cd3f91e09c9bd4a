"""The Afghanistan charts: the thread by kind and the paragraph weight, told apart without hue."""

from mibook.charts import afghanistan as charts
from tests import readable


def test_thread_grid_marks_speakers_by_fill_not_hue(data):
    chart = charts.thread(data)
    assert chart.name == "afghanistan-thread"
    assert chart.spec["title"]["text"] == ['2 agreements, both qualified by "appears";',
                                           "2 problems both face"]
    fill = chart.spec["encoding"]["fill"]["scale"]["range"]
    assert sorted(fill) == ["#222", "white"]
    assert len(chart.table) == 10 and readable.problems(chart.table) == []


def test_paragraph_weight(data):
    chart = charts.paragraph_weight(data)
    assert chart.name == "afghanistan-paragraph-weight"
    assert chart.spec["title"]["text"] == ["Afghanistan or the Afghan conflict comes up in 5 of 10 paragraphs",
                                           "and carries half the claims or more only in ¶3, ¶6 and ¶9"]
    assert list(chart.table["Afghanistan thread"]) == [1, 0, 2, 0, 0, 3, 0, 2, 1, 0]
    assert readable.problems(chart.table) == []
    assert chart.static_svg.startswith("<svg")
