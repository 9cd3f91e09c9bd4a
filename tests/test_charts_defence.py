"""The defence charts: what each cell says, that stated and unstated differ without colour, and reader-ready output."""

import pytest

from mibook import render, style
from mibook.charts import defence
from tests.chart_checks import assert_reader_ready, layer_marks
from tests.conftest import sub_specs


@pytest.fixture(scope="module")
def details(data):
    return defence.details(data)


@pytest.fixture(scope="module")
def pairs(data):
    return defence.pair_ties(data)


def test_details_grid_quotes_only_the_stated_cells(details):
    table = details.table
    assert (table["In the article's words"] != "not stated").sum() == 4
    cells = {row["text"] for rows in details.spec["datasets"].values() for row in rows}
    assert "“several”" in cells and "not stated" in cells
    assert details.spec["title"]["text"] == ["The exercises and the offer to mediate each give 2 of 4 details;",
                                             "none of the other 4 statements gives any"]
    rows = set(details.table.iloc[:, 0])
    assert "Also cited: growing military ties (¶9)" in rows and not any("Dialogue process" in r for r in rows)


def test_details_grid_tells_stated_from_unstated_without_hue(details):
    dash = next(v["encoding"]["strokeDash"] for v in sub_specs(details.spec) if "strokeDash" in v.get("encoding", {}))
    assert dash["scale"]["range"][0] != dash["scale"]["range"][1]
    assert layer_marks(details) == ["rect", "text"]


def test_pair_ties_table_and_title(pairs):
    rows = pairs.table.set_index(["Pair", "Kind of tie"])["Ties"]
    assert rows[("Russia–Pakistan", "Mediation offer")] == "1 offered, 1 welcomed"
    assert pairs.spec["title"]["text"][0] == "India is in 3 of the 5 tied pairs; Russia's offer to mediate"
    assert "Russia–United States: no tie stated" in pairs.spec["description"]
    assert rows[("Pakistan–India", "Tension")] == "The recent stand-off in February 2019"
    assert "network" not in pairs.spec["description"].lower()


@pytest.mark.parametrize("name", ["details", "pairs"])
def test_charts_are_reader_ready(name, request):
    chart = request.getfixturevalue(name)
    assert_reader_ready(chart)
    assert render.vector_pdf(chart.static_svg).startswith(b"%PDF")


def test_details_grid_on_a_phone_keeps_its_shape_without_the_words(details):
    chart = details
    phone = render.svg(chart.narrow)
    assert render.svg_width(phone) <= style.NARROW_WIDTH
    assert "not stated" in chart.static_svg and "not stated" not in phone and "“February" not in phone
    assert phone.count("<path") >= len(chart.table)  # one cell per statement and detail
