"""The energy charts build, carry a description, a stable name and their data, and render."""

import pytest
import vl_convert

from mibook.charts import energy as charts
from mibook.render import VEGA_LITE_VERSION


@pytest.fixture(scope="module")
def scale(data):
    return charts.investment_scale(data["quantities"], data["claims"])


@pytest.fixture(scope="module")
def aims(data):
    return charts.mou_aims(data["events"], data["mou_aims"], data["claims"])


def test_investment_scale_chart(scale):
    assert scale.name == "energy-investment-scale"
    assert "17.7 years" in scale.spec["description"]
    assert scale.spec["title"]["text"].startswith("$14 billion is about 18 years of trade")
    assert list(scale.table.basis) == ["stated", "stated", "our calculation", "stated"]
    assert scale.table.years_of_trade.iloc[0] == pytest.approx(17.68)


def test_investment_scale_ticks_one_per_whole_year(scale):
    ticks = [layer for layer in scale.spec["layer"] if layer["mark"]["type"] == "tick"]
    assert len(ticks) == 1
    assert len(scale.spec["datasets"][ticks[0]["data"]["name"]]) == 17


def test_mou_aims_chart(aims):
    assert aims.name == "energy-mou-aims"
    assert "Mutual cooperation, Joint ventures, State-of-the-art technology" in aims.spec["description"]
    assert list(aims.table.role) == ["memorandum", "aim", "aim", "aim", "purpose"]
    assert aims.table["in the article's words"].iloc[-1] == "to aid in exploration and development"


@pytest.mark.parametrize("chart", ["scale", "aims"])
def test_charts_render_to_svg(chart, request):
    svg = vl_convert.vegalite_to_svg(request.getfixturevalue(chart).spec, vl_version=VEGA_LITE_VERSION)
    assert svg.startswith("<svg")
