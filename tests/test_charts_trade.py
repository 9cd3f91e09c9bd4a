"""The trade charts build, carry a description, a stable name and their data, and render."""

import pytest
import vl_convert

from mibook.charts import trade as charts
from mibook.render import VEGA_LITE_VERSION


@pytest.fixture(scope="module")
def run_rate(data):
    return charts.run_rate(data["quantities"], data["claims"])


@pytest.fixture(scope="module")
def thread(data):
    return charts.trade_thread(data["quantities"], data["proposals"], data["claims"])


def test_run_rate_chart(run_rate):
    assert run_rate.name == "trade-run-rate"
    assert "$792 million" in run_rate.spec["description"]
    assert run_rate.spec["title"]["subtitle"][-1] == "Source: Bokhari (2019), ¶4, ¶7"
    assert "our calculation" in run_rate.spec["title"]["subtitle"][0]
    assert list(run_rate.table.basis) == ["stated", "our calculation", "our calculation", "stated"]
    assert run_rate.table.dollars.tolist() == pytest.approx([660e6, 66e6, 792e6, 800e6])


def test_run_rate_bars_label_their_basis(run_rate):
    rows = [row for dataset in run_rate.spec["datasets"].values() for row in dataset]
    labels = {row["value_label"] for row in rows if "value_label" in row}
    assert "$792 million (our calculation)" in labels and "$660 million (stated)" in labels


def test_thread_chart(thread):
    assert thread.name == "trade-thread"
    assert thread.spec["description"]
    assert list(thread.table.paragraph) == [4, 7, 7, 7, 8, 10]
    assert "¶4 and ¶7" in thread.spec["title"]["text"]


@pytest.mark.parametrize("chart", ["run_rate", "thread"])
def test_charts_render_to_svg(chart, request):
    svg = vl_convert.vegalite_to_svg(request.getfixturevalue(chart).spec, vl_version=VEGA_LITE_VERSION)
    assert svg.startswith("<svg")
