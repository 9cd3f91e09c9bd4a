"""The map file and the geometry computed from it: decoding, centroids, projection fit."""

import json
import math

import pytest

from mibook import geo, paths

POLES = ["Russia", "China", "Pakistan", "Iran"]


@pytest.fixture(scope="module")
def topology():
    return geo.load_topology()


def _inside(point, ring):
    """Ray-casting point-in-ring test on unwrapped (planar) coordinates."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_map_file_is_a_small_licensed_regional_subset(topology):
    path = geo.map_path()
    assert path.parent == paths.data_dir() / "geo"
    assert path.stat().st_size < 60_000
    names = set(geo.countries(topology))
    assert set(POLES) | {"India", "Afghanistan"} <= names
    assert "Brazil" not in names and "Australia" not in names  # only the region the map shows
    readme = (path.parent / "README.md").read_text(encoding="utf-8")
    assert "world-atlas" in readme and "2.0.2" in readme and "Natural Earth" in readme and "ISC" in readme
    assert "Permission to use, copy, modify" in (path.parent / "LICENSE").read_text(encoding="utf-8")


def test_every_arc_is_used_and_every_index_is_valid(topology):
    used = set()
    for g in topology["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        used |= {i if i >= 0 else ~i for poly in polys for ring in poly for i in ring}
    assert used == set(range(len(topology["arcs"])))


def test_decode_arcs_undoes_delta_encoding_and_transform():
    topo = {"type": "Topology", "transform": {"scale": [0.5, 2.0], "translate": [10.0, -5.0]},
            "objects": {"countries": {"type": "GeometryCollection", "geometries": []}},
            "arcs": [[[0, 0], [2, 1], [-1, 3]]]}
    assert geo.decode_arcs(topo) == [[(10.0, -5.0), (11.0, -3.0), (10.5, 3.0)]]


def test_rings_stitch_reversed_arcs_without_repeating_shared_points():
    topo = {"type": "Topology",
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, ~1]], "properties": {"name": "Square"}}]}},
            "arcs": [[[0, 0], [1, 0], [1, 1]], [[0, 0], [0, 1], [1, 1]]]}
    (rings,) = geo.countries(topo)["Square"]
    assert rings[0] == [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    shape = geo.polygon(rings)
    assert shape.area == pytest.approx(1.0) and (shape.centroid.x, shape.centroid.y) == pytest.approx((0.5, 0.5))


def test_holes_are_subtracted_from_area_and_centroid():
    outer = [(0, 0), (4, 0), (4, 2), (0, 2)]
    hole = [(2.5, 0.5), (3.5, 0.5), (3.5, 1.5), (2.5, 1.5)]
    shape = geo.polygon([outer, hole])
    assert shape.area == pytest.approx(7.0) and shape.centroid.x == pytest.approx((8 * 2 - 3) / 7)
    bigger = [(0, 0), (1, 0), (1, 1), (0, 1)]
    assert geo.largest_polygon([[bigger], [outer, hole]]).area == pytest.approx(7.0)


def test_unwrap_makes_a_ring_across_the_antimeridian_continuous():
    ring = [(170, 60), (180, 60), (-170, 60), (-170, 70), (180, 70), (170, 70)]
    assert [lon for lon, _ in geo.unwrap(ring)] == [170, 180, 190, 190, 180, 170]
    assert geo.polygon([ring]).centroid.x == pytest.approx(180)


def test_pole_centroids_lie_inside_their_own_country(topology):
    shapes = geo.countries(topology)
    for name in POLES:
        lon, lat = geo.computed_centroid(topology, name)
        outer = list(geo.largest_polygon(shapes[name]).exterior.coords)
        candidates = [(lon, lat), (lon + 360, lat)]
        assert any(_inside(p, outer) for p in candidates), name
        others = [n for n in POLES if n != name]
        for other in others:  # and not inside another pole's largest polygon
            ring = list(geo.largest_polygon(shapes[other]).exterior.coords)
            assert not any(_inside(p, ring) for p in candidates), (name, other)


def test_pinned_centroids(topology):
    # Russia's mainland crosses the antimeridian; without unwrapping its centroid lands near 203° E.
    assert geo.computed_centroid(topology, "Russia") == (99.89, 61.73)
    assert geo.computed_centroid(topology, "Pakistan") == (69.41, 29.97)
    assert geo.computed_centroid(topology, "China") == (103.87, 36.61)
    assert geo.computed_centroid(topology, "Iran") == (54.29, 32.52)


def test_unknown_country_fails_loudly(topology):
    with pytest.raises(KeyError, match="Atlantis"):
        geo.computed_centroid(topology, "Atlantis")


def test_projection_centres_on_its_rotated_meridian():
    project = geo.projection()
    x, _ = project(100.0, 45.0)
    assert x == pytest.approx(0.0, abs=1e-12)
    left, right = project(80.0, 45.0), project(120.0, 45.0)
    assert left[0] == pytest.approx(-right[0]) and left[1] == pytest.approx(right[1])
    # Russia's far east (east of 180°) projects east of Kamchatka: no wrap to the other side.
    assert project(-175.0, 62.0)[0] > project(175.0, 62.0)[0] > 0


def test_projection_is_d3s_unit_conic_equal_area():
    """Vega-Lite draws with d3's conicEqualArea formulas; PROJ's `aea` on the unit sphere must agree."""
    phi0, phi1 = (math.radians(p) for p in geo.PROJECTION["parallels"])
    n = (math.sin(phi0) + math.sin(phi1)) / 2
    c = 1 + math.sin(phi0) * (2 * n - math.sin(phi0))
    for lon, lat in [(60.0, 25.0), (140.0, 70.0), (-175.0, 62.0)]:
        lam = math.radians((lon + geo.PROJECTION["rotate"][0] + 180) % 360 - 180)
        r = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        d3 = (r * math.sin(lam * n), math.sqrt(c) / n - r * math.cos(lam * n))
        assert geo.projection()(lon, lat) == pytest.approx(d3)


def test_fit_points_bound_every_pole_vertex_with_padding(topology):
    project = geo.projection()
    points = [project(*p) for p in geo.fit_points(topology, POLES)]
    shapes = geo.countries(topology)
    vertices = [project(*pt) for n in POLES for poly in shapes[n] for ring in poly for pt in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    vx, vy = [p[0] for p in vertices], [p[1] for p in vertices]
    span = max(max(vx) - min(vx), max(vy) - min(vy))
    assert min(xs) < min(vx) - 0.03 * span and max(xs) > max(vx) + 0.03 * span
    assert min(ys) < min(vy) - 0.03 * span and max(ys) > max(vy) + 0.03 * span
    # and not much more than the padding asked for: the frame is fitted, not loose
    assert max(xs) - min(xs) < (max(vx) - min(vx)) + 0.09 * span
    assert max(ys) - min(ys) < (max(vy) - min(vy)) + 0.09 * span
    assert math.isfinite(sum(xs + ys))


def test_load_topology_rejects_a_file_that_is_not_a_topology(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(ValueError, match="bad.json"):
        geo.load_topology(bad)
