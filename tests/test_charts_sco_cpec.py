"""SCO, CPEC and Eurasia charts: they build, are named and described, carry their data, and the map's
points land inside the frame on their own countries."""

import json
import re

import pytest
import vl_convert

from mibook import geo
from mibook.charts import sco_cpec as charts
from mibook.render import VEGA_LITE_VERSION
from tests import readable
from tests.conftest import sub_specs


@pytest.fixture(scope="module")
def pole_map(data):
    return charts.pole_map(data)


def test_map_is_named_described_and_tabled(pole_map):
    assert pole_map.name == "sco-cpec-poles-map"
    assert "conic equal-area" in pole_map.spec["description"]
    assert list(pole_map.table["State"]) == ["Russia", "China", "Pakistan", "Iran"]
    assert readable.problems(pole_map.table) == []
    assert "Source: Bokhari (2019), ¶2" in pole_map.spec["title"]["subtitle"]
    assert pole_map.spec["title"]["text"][1] == "Russia north, China east, Pakistan south, Iran west"


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


def test_labels_carry_pole_state_claim_and_quote(pole_map):
    text_layers = [layer for layer in sub_specs(pole_map.spec) if layer.get("mark", {}).get("type") == "text"]
    assert len(text_layers) == 8  # a halo and a label per pole
    fields = {t["field"] for t in text_layers[0]["encoding"]["tooltip"]}
    assert {"pole", "state", "claim_id", "paragraph", "quote"} <= fields


def test_static_svg_places_each_label_inside_the_frame_as_the_compass_says(pole_map):
    svg = vl_convert.vegalite_to_svg(pole_map.spec, vl_version=VEGA_LITE_VERSION)
    width, height = pole_map.spec["width"], pole_map.spec["height"]
    found = {}
    for x, y, label in re.findall(r'<text [^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]+)</text>', svg):
        match = re.fullmatch(r"(\w+) \((north|east|south|west)\)", label)
        if match:
            found[match.group(2)] = (float(x), float(y))
    assert set(found) == {"north", "east", "south", "west"}
    for x, y in found.values():
        assert 0 < x < width and 0 < y < height
    assert found["north"][1] < min(found[p][1] for p in ("east", "south", "west"))  # Russia above the rest
    assert found["west"][0] < found["south"][0] < found["east"][0]  # Iran, Pakistan, China left to right


def test_claims_by_voice(data):
    chart = charts.claims_by_voice(data["claims"])
    assert chart.name == "sco-cpec-claims-by-voice"
    assert chart.spec["description"].startswith("Grid of the 12 claims")
    assert chart.spec["title"]["text"] == ["The author makes 7 of the 12 claims;",
                                           "Russia's part in CPEC rests on 2 reported voices"]
    assert list(chart.table.columns) == ["¶", "Claim (our label)", "Speaker", "Type"]
    assert len(chart.table) == 12 and readable.problems(chart.table) == []
    assert sorted(chart.spec["encoding"]["fill"]["scale"]["range"]) == ["#222", "#222", "white", "white"]
