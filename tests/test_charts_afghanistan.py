"""The Afghanistan chart: every statement by kind, speakers told apart without hue."""

from mibook.charts import afghanistan as charts
from tests import readable


def test_thread_grid_marks_speakers_by_fill_not_hue(data):
    chart = charts.thread(data)
    assert chart.name == "afghanistan-thread"
    assert chart.spec["title"]["text"] == ["2 agreements, each hedged with “appears”; 3 problems both face; "
                                           "1 Russian step"]
    fill = chart.spec["encoding"]["fill"]["scale"]["range"]
    assert sorted(fill) == ["#222", "white"]
    assert len(chart.table) == 10 and readable.problems(chart.table) == []
