"""The defence chapter's charts build, are described, named, and carry the data behind them."""

import pytest
import vl_convert

from mibook.charts import defence
from mibook.render import BookChart
from tests.conftest import sub_specs


def test_event_timeline(data):
    chart = defence.event_timeline(data)
    assert isinstance(chart, BookChart)
    assert chart.name == "defence-timeline"
    assert "as one span of 4 years (2014 to 2017)" in chart.spec["description"]
    assert chart.spec["title"]["text"] == "Only 1 dated event is Russia–Pakistan cooperation; 2 concern India"
    table = chart.table
    assert len(table) == 8  # three exercise blocks, three other dated events, two undated
    assert list(table.event[:3]) == ["Exercises, read as one span", "Exercises, read as two years",
                                     "Exercises, read as two years"]
    assert list(table.start[:3]) == ["2014-01-01", "2014-01-01", "2017-01-01"]
    assert list(table.end_exclusive[:3]) == ["2018-01-01", "2015-01-01", "2018-01-01"]
    assert table.start.isna().sum() == 2
    assert list(table.strand[3:]) == ["India and the US"] * 2 + ["Proposal"] + ["India and the US"] * 2
    tooltips = [t["field"] for layer in sub_specs(chart.spec)
                for t in layer.get("encoding", {}).get("tooltip", ())]
    assert {"claim_id", "paragraph", "quote"} <= set(tooltips)


def test_dyad_network(data):
    chart = defence.dyad_network(data)
    assert chart.name == "defence-dyad-ties"
    assert chart.spec["title"]["text"] == "6 of the 11 ties around the dyad run to India or the US"
    assert "mediation 4" in chart.spec["description"]
    assert len(chart.table) == 11
    assert set(chart.table.source) | set(chart.table.target) == set(defence.LAYOUT)


@pytest.mark.parametrize("build", [defence.event_timeline, defence.dyad_network])
def test_charts_render_to_svg_pdf_and_html(data, build):
    chart = build(data)
    assert vl_convert.vegalite_to_svg(chart.spec).startswith("<svg")
    assert chart.pdf().startswith(b"%PDF")
    assert f'data-chart-id="{chart.name}"' in chart.html()
