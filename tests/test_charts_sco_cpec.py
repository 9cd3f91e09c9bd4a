"""SCO, CPEC and Eurasia charts: they build, are named and described, carry their data, and the map's
points land inside the frame on their own countries."""

import json
import re

import pytest
import vl_convert

from mibook import geo
from mibook.charts import sco_cpec as charts
from mibook.render import VEGA_LITE_VERSION
from tests.conftest import sub_specs


@pytest.fixture(scope="module")
def pole_map(data):
    return charts.pole_map(data)


def test_map_is_named_described_and_tabled(pole_map):
    assert pole_map.name == "sco-cpec-poles-map"
    assert "conic equal-area" in pole_map.spec["description"]
    assert list(pole_map.table["State"]) == ["Russia", "China", "Pakistan", "Iran"]
    assert set(pole_map.table["Point"]) == {"computed centroid"}
    assert "Source: Bokhari (2019), ¶2" in pole_map.spec["title"]["subtitle"]
    assert pole_map.spec["title"]["text"] == "Russia to the north, Pakistan between Iran and China"


def test_map_projection_is_on_the_layer_chart_only(pole_map):
    projection = pole_map.spec["projection"]
    assert projection["type"] == geo.PROJECTION["type"] and projection["rotate"] == geo.PROJECTION["rotate"]
    assert projection["fit"]["geometry"]["type"] == "MultiPoint"
    assert all("projection" not in layer for layer in sub_specs(pole_map.spec))


def test_map_shapes_are_the_packaged_topojson_inline(pole_map):
    shapes = next(layer for layer in sub_specs(pole_map.spec) if layer.get("mark", {}).get("type") == "geoshape")
    assert shapes["data"]["format"] == {"type": "topojson", "feature": "countries"}
    values = shapes["data"].get("values") or pole_map.spec["datasets"][shapes["data"]["name"]]
    assert values == geo.load_topology()
    assert len(json.dumps(pole_map.spec)) < 80_000  # the inline map stays small


def test_pole_points_carry_pole_state_claim_and_quote(pole_map):
    point_layers = [layer for layer in sub_specs(pole_map.spec) if layer.get("mark", {}).get("type") == "circle"]
    (points,) = point_layers
    fields = {t["field"] for t in points["encoding"]["tooltip"]}
    assert {"pole", "state", "claim_id", "paragraph", "quote", "point"} <= fields
    assert points["encoding"]["longitude"]["field"] == "lon"


def test_static_svg_puts_each_point_inside_the_frame_on_a_coloured_country(pole_map):
    # The book turns per-mark ARIA labels off; switch them back on here to find each mark by its data.
    spec = {**pole_map.spec, "config": {**pole_map.spec["config"], "mark": {"aria": True}}}
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    width, height = pole_map.spec["width"], pole_map.spec["height"]
    tags = [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<path [^>]*>", svg)]
    points = {re.search(r"Pole: (\w+)", t["aria-label"]).group(1): t for t in tags
              if t.get("aria-roledescription") == "circle"}
    assert set(points) == {"north", "east", "south", "west"}
    found = {pole: tuple(map(float, re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", t["transform"]).groups()))
             for pole, t in points.items()}
    for x, y in found.values():
        assert 0 < x < width and 0 < y < height
    assert found["north"][1] < min(found[p][1] for p in ("east", "south", "west"))  # Russia above the rest
    assert found["west"][0] < found["south"][0] < found["east"][0]  # Iran, Pakistan, China left to right
    shapes = [t for t in tags if t.get("aria-roledescription") == "geoshape"]
    for pole, state in (("north", "Russia"), ("east", "China"), ("south", "Pakistan"), ("west", "Iran")):
        (shape,) = [t for t in shapes if f"Country: {state}" in t["aria-label"]]
        assert f"Pole: {pole}" in shape["aria-label"]
        assert shape["fill"].lower() == charts.POLE_COLOURS[pole].lower()
    others = [t for t in shapes if "Pole: null" in t["aria-label"]]
    assert len(others) == len(shapes) - 4 and all(t["fill"] == charts.CONTEXT_FILL for t in others)


def test_compass_network(data):
    chart = charts.compass_network(data)
    assert chart.name == "sco-cpec-compass-ties"
    assert chart.spec["description"]
    assert chart.spec["title"]["text"] == "All 18 ties among the four poles run through Russia"
    assert len(chart.table) == 26
    assert set(chart.table.source) | set(chart.table.target) <= set(charts.sco_cpec.COMPASS_LAYOUT)


def test_claims_by_voice(data):
    chart = charts.claims_by_voice(data["claims"])
    assert chart.name == "sco-cpec-claims-by-voice"
    assert chart.spec["description"].startswith("Grid of the 12 claims")
    assert chart.spec["title"]["text"] == "The author makes 7 of the 12 claims"
    assert "On CPEC the only voices are Serenko and Janjua." in chart.spec["title"]["subtitle"]
    assert list(chart.table.columns) == ["Claim", "¶", "Speaker", "Type", "Summary"]
    assert len(chart.table) == 12
