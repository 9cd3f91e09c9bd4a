"""The outlook's charts build, are named and described, and carry the data behind them."""


from mibook.charts import outlook as charts


def _layers(spec):
    return spec.get("layer") or [spec]


def test_blueprint_grounding(data):
    chart = charts.blueprint_grounding(data)
    assert chart.name == "outlook-blueprint-grounding"
    assert "6 items of Janjua's blueprint" in chart.spec["description"]
    assert chart.spec["title"]["text"] == "3 of 6 blueprint items fall in themes with no Russian position"
    assert len(chart.table) == 6 and "Claim" in chart.table.columns
    assert any("No item falls in Energy" in line for line in chart.spec["title"]["subtitle"])
    tooltip_fields = {t["field"] for t in _layers(chart.spec)[0]["encoding"]["tooltip"]}
    assert {"claim_id", "paragraph", "quote", "counted"} <= tooltip_fields


def test_process_grid_never_invents_names(data):
    chart = charts.process_grid(data)
    assert chart.name == "outlook-dialogue-processes"
    assert chart.spec["title"]["text"] == "Janjua counts 11 dialogue processes; the article names 4 (36%)"
    assert len(chart.table) == 11
    unnamed = chart.table[chart.table.Claim.isna()]
    assert len(unnamed) == 7 and set(unnamed["As named in the article"]) == {"not named in the article"}
    assert chart.spec["description"]


def test_position_matrix(data):
    chart = charts.position_matrix(data)
    assert chart.name == "outlook-positions"
    assert chart.spec["title"]["text"] == "Both sides' positions are stated on 8 of 14 issues: 8 converge, none diverge"
    assert len(chart.table) == 28
    tooltip_fields = {t["field"] for t in _layers(chart.spec)[0]["encoding"]["tooltip"]}
    assert {"claim_id", "paragraph", "quote", "stance"} <= tooltip_fields
    colour = _layers(chart.spec)[0]["encoding"]["color"]["scale"]["domain"]
    assert colour == ["converge", "diverge", "unilateral", "no stated position"]


def test_charts_render_to_svg(data):
    for build in (charts.blueprint_grounding, charts.process_grid, charts.position_matrix):
        assert build(data).svg().startswith("<svg")
