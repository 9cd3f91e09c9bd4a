"""The defence chart: what each cell says, and reader-ready output."""

import pytest

from mibook import render
from mibook.charts import defence
from tests.chart_checks import assert_reader_ready


@pytest.fixture(scope="module")
def pairs(data):
    return defence.pair_ties(data)


def test_pair_ties_table_and_title(pairs):
    rows = pairs.table.set_index(["Pair", "Kind of tie"])["Ties"]
    assert rows[("Russia–Pakistan", "Mediation offer")] == "1 offered, 1 welcomed"
    assert pairs.spec["title"]["text"] == ["India is in 3 of the 5 pairs with a stated tie, and Russia cooperates",
                                           "with both India and Pakistan"]
    assert rows[("Russia–India", "Cooperation")] == "1 stated"
    assert rows[("Russia–Pakistan", "Cooperation")] == "3 stated"
    assert "Russia–United States: no tie stated" in pairs.spec["description"]
    assert rows[("Pakistan–India", "Tension")] == "The recent stand-off in February 2019"
    assert "network" not in pairs.spec["description"].lower()


def test_chart_is_reader_ready(pairs):
    chart = pairs
    assert_reader_ready(chart)
    assert render.vector_pdf(chart.static_svg).startswith(b"%PDF")


def test_print_form_fits_its_height_with_pair_names_broken_after_the_dash(pairs):
    """Drawn for print, the grid is at most `geometry.PRINT_HEIGHT` tall (so the PDF prints it at full scale,
    its type at 8 pt): the pair names break after their dash and the columns get the room they gave up."""
    from mibook import geometry

    printed = render.svg(pairs.printed)
    assert render.svg_height(printed) <= geometry.PRINT_HEIGHT
    assert render.svg_width(printed) <= geometry.PRINT_COLUMN
    axes = [layer["encoding"]["y"]["axis"] for layer in pairs.printed["layer"]]
    assert all("–\\n" in axis["labelExpr"] for axis in axes)
    assert render._two_lines("Pakistan–United States") == len("United States")
    assert render._two_lines("Stability in Afghanistan") == len("Stability in")  # the balanced break
