"""The outlook's one chart: the blueprint against the record, from the same function as the prose."""

from mibook.analysis import outlook
from mibook.charts import outlook as charts
from tests import readable


def test_blueprint_grounding(data):
    chart = charts.blueprint_grounding(data)
    assert chart.name == "outlook-blueprint-grounding"
    assert chart.spec["title"]["text"] == "3 of 6 blueprint items fall in themes with no Russian position"
    assert readable.problems(chart.table) == []
    cpec = chart.table.set_index("Blueprint item (our label)").loc["Russian participation in CPEC"]
    assert cpec["Russian positions"] == outlook.prose_numbers(data)["cpec_russian"]
    assert chart.svg().startswith("<svg")
