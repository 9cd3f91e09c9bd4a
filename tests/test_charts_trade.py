"""The trade chart: the run-rate with the boost and its rounding range."""

import pytest

from mibook import render
from mibook.analysis import trade as trade_analysis
from mibook.charts import trade
from tests.chart_checks import assert_reader_ready
from tests.conftest import sub_specs


@pytest.fixture(scope="module")
def run_rate(data):
    return trade.run_rate(data)


def test_run_rate_draws_the_boost_once_and_marks_our_calculation(run_rate, data):
    assert list(run_rate.table.Basis) == ["stated", "our calculation", "stated; its range, our calculation"]
    bars = next(v for v in sub_specs(run_rate.spec) if v.get("mark", {}).get("type") == "bar")
    scale = bars["encoding"]["strokeDash"]["scale"]
    dash = dict(zip(scale["domain"], scale["range"], strict=True))
    solid = [1, 0]  # a dash with no gap
    # the stated amounts solid; our calculation told apart by a dashed outline, not hue alone
    assert dash["stated"] == solid and dash["our calculation"] != solid and 0 not in dash["our calculation"]
    rules = [v for v in sub_specs(run_rate.spec) if v.get("mark", {}).get("type") == "rule"]
    pace = [r for r in rules if "strokeDash" in r["mark"]]
    assert len(pace) == 1
    drawn_at = [row["millions"] for row in run_rate.spec["datasets"][pace[0]["data"]["name"]]]
    assert drawn_at == [pytest.approx(trade_analysis.run_rate(data["quantities"])["twelve_month"] / 1e6)]
    spread = [r for r in rules if r not in pace]  # the boost's rounding range, capped at both ends
    assert len(spread) == 1 and spread[0]["encoding"]["x2"]["field"] == "high"
    assert spread[0]["encoding"]["yOffset"]["value"] < 0  # above the bar, not across it
    caps = [v["encoding"]["x"]["field"] for v in sub_specs(run_rate.spec) if v.get("mark", {}).get("type") == "tick"]
    assert sorted(caps) == ["high", "low"] and "750–850 million" in run_rate.spec["description"]
    assert run_rate.spec["title"]["text"] == ["Read as a year's trade, $0.8bn is about the 2018 pace"]


def test_the_line_is_labelled_on_the_chart_but_not_on_phones(run_rate):
    """The key names only the bars' fills: the dotted line carries its own label, which on a phone would
    collide with the wrapped bar labels (the caption names it there)."""
    def texts(spec):
        return {v["encoding"]["text"].get("value") for v in sub_specs(spec) if v.get("mark", {}).get("type") == "text"}

    assert trade.PACE_LABEL in texts(run_rate.spec) and trade.PACE_LABEL not in texts(run_rate.narrow)


def test_chart_is_reader_ready(run_rate):
    chart = run_rate
    assert_reader_ready(chart)
    assert render.vector_pdf(chart.static_svg).startswith(b"%PDF")


def test_the_title_refuses_a_pace_the_boost_no_longer_matches(data):
    quantities = data["quantities"].copy()
    quantities.loc[quantities.indicator == "bilateral-trade", "value"] = 1000  # a yearly pace of $1.2 billion
    with pytest.raises(ValueError, match="title would be false"):
        trade.run_rate({"quantities": quantities, "claims": data["claims"]})
