"""The Afghanistan chapter's charts build, are described, named, and carry the data behind them."""

import pytest
import vl_convert

from mibook.charts import afghanistan, style
from mibook.render import BookChart
from tests.conftest import sub_specs


def test_ties_network(data):
    chart = afghanistan.ties_network(data)
    assert isinstance(chart, BookChart)
    assert chart.name == "afghanistan-ties"
    assert "Afghanistan sits in the centre" in chart.spec["description"]
    assert chart.spec["title"]["text"] == "Afghanistan affects 3 neighbours; Russia and Pakistan share 4 ties"
    assert len(chart.table) == 10
    assert set(chart.table.theme) == {"afghanistan"}
    assert set(afghanistan.LAYOUT) >= set(chart.table.source) | set(chart.table.target)
    assert all(-1 <= v <= 1 for point in afghanistan.LAYOUT.values() for v in point)
    assert afghanistan.LAYOUT["afghanistan"] == (0.0, 0.0)


def test_claims_by_paragraph(data):
    chart = afghanistan.claims_by_paragraph(data)
    assert chart.name == "afghanistan-claims-by-paragraph"
    assert chart.spec["description"].startswith("Strip chart of the 7 claims filed under Afghanistan")
    title = "Afghanistan is in 5 of 10 paragraphs; 1 of its 7 claims is an event"
    assert chart.spec["title"]["text"] == title
    assert len(chart.table) == 10
    assert chart.spec["width"] == style.WIDTH
    tooltips = [t["field"] for layer in sub_specs(chart.spec)
                for t in layer.get("encoding", {}).get("tooltip", ())]
    assert {"claim_id", "paragraph", "quote"} <= set(tooltips)


@pytest.mark.parametrize("build", [afghanistan.ties_network, afghanistan.claims_by_paragraph])
def test_charts_render_to_svg_pdf_and_html(data, build):
    chart = build(data)
    assert vl_convert.vegalite_to_svg(chart.spec).startswith("<svg")
    assert chart.pdf().startswith(b"%PDF")
    assert f'data-chart-id="{chart.name}"' in chart.html()
