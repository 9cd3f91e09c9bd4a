"""The energy charts: the MoU-against-investment grid, and the dollar figures as a labelled scale comparison."""

import pytest

from mibook import render
from mibook.charts import energy
from tests.chart_checks import assert_reader_ready


@pytest.fixture(scope="module")
def details(data):
    return energy.details(data)


@pytest.fixture(scope="module")
def figures(data):
    return energy.dollar_figures(data)


def test_details_grid_has_the_two_items_as_columns(details):
    assert list(details.table.columns[:2]) == ["Detail", "Item"]
    words = details.table.set_index(["Detail", "Item"])["In the article's words"]
    assert words[("How much", "The investment")] == "14 billion dollars"
    assert words[("How much", "The memorandum (MoU)")] == "not stated"
    assert details.spec["title"]["text"] == ["The memorandum has a date but no value; the $14 billion",
                                             "has a value but no date; neither names a project"]


def test_dollar_figures_headline_is_not_the_trade_comparison(figures):
    title = " ".join(figures.spec["title"]["text"])
    assert "years" not in title and "17.7" not in title
    assert any("scale comparison" in line for line in figures.spec["title"]["subtitle"])
    assert "years of trade" not in figures.spec["description"]


def test_dollar_figures_table_is_as_a_reader_writes_it(figures):
    assert figures.table.to_dict("list") == {
        "Figure": ["Investment", "Trade", "Trade boost"],
        "Amount": ["$14 billion", "$660 million", "$800 million"],
        "Period": ["no period stated", "first ten months of 2018", "no period stated"],
        "¶": [4, 4, 7],
    }


@pytest.mark.parametrize("name", ["details", "figures"])
def test_charts_are_reader_ready(name, request):
    chart = request.getfixturevalue(name)
    assert_reader_ready(chart)
    assert render.vector_pdf(chart.static_svg).startswith(b"%PDF")
