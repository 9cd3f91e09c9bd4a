"""Reference geography for the book's one map: read the packaged TopoJSON and compute points from shapes.

The map file is a regional subset of Natural Earth's 1:110m countries as packaged in the npm
`world-atlas` package (see `data/geo/README.md`). Nothing here is typed from memory: a country's
point is the *computed centroid* of its largest polygon, from its own decoded arcs.

Areas and centroids come from shapely, the projection from pyproj (PROJ's `aea`, the conic
equal-area that Vega-Lite's `conicEqualArea` draws). Geometry is planar in longitude/latitude degrees,
which is adequate for placing a marker inside a country at this scale; it is not a geodesic centroid.
"""

import json
from functools import cache
from pathlib import Path

from pyproj import Proj
from shapely.geometry import Polygon

from mibook import paths

MAP_FILE = "eurasia-110m.topo.json"
OBJECT = "countries"
# The join from the book's actor ids to the map file's country names (reference geography, not data).
COUNTRY_NAMES = {"russia": "Russia", "pakistan": "Pakistan", "china": "China", "iran": "Iran"}
Point = tuple[float, float]
Ring = list[Point]

# The map's projection: a conic equal-area centred on the region, so Russia's far east does not wrap.
PROJECTION = {"type": "conicEqualArea", "rotate": [-100.0, 0.0], "parallels": [30.0, 62.0]}


def map_path() -> Path:
    """Where the map file lives: `<data dir>/geo/eurasia-110m.topo.json`."""
    return paths.data_dir() / "geo" / MAP_FILE


@cache
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def load_topology(path: Path | None = None) -> dict:
    """The map file as a TopoJSON dict (a fresh copy each call, safe to modify)."""
    topology = json.loads(_read(str(path or map_path())))
    if topology.get("type") != "Topology" or OBJECT not in topology.get("objects", {}):
        raise ValueError(f"{path or map_path()}: not a TopoJSON topology with a {OBJECT!r} object")
    return topology


def decode_arcs(topology: dict) -> list[Ring]:
    """Every arc as absolute (lon, lat) points: undo the delta encoding, then the quantisation transform."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        if transform is None:
            decoded.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arc_ids: list[int], arcs: list[Ring]) -> Ring:
    """Stitch a ring from arc indices; a negative index ~i means arc i reversed (TopoJSON spec)."""
    ring: Ring = []
    for index in arc_ids:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])  # consecutive arcs share their end point
    return ring


def countries(topology: dict) -> dict[str, list[list[Ring]]]:
    """Country name -> list of polygons, each a list of rings (outer ring first, then holes)."""
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"][OBJECT]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes[geometry["properties"]["name"]] = [[_ring(ring, arcs) for ring in poly] for poly in polygons]
    return shapes


def unwrap(ring: Ring) -> Ring:
    """The ring with longitudes made continuous: a jump across the antimeridian (179 -> -180) becomes
    a step to 180, so Russia's mainland, which crosses it, is one planar shape."""
    out: Ring = []
    shift = 0.0
    for i, (lon, lat) in enumerate(ring):
        if i:
            step = lon + shift - out[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def polygon(rings: list[Ring]) -> Polygon:
    """One polygon (outer ring, then holes) as a planar shapely Polygon, each ring unwrapped (see `unwrap`)."""
    return Polygon(unwrap(rings[0]), [unwrap(hole) for hole in rings[1:]])


def largest_polygon(polygons: list[list[Ring]]) -> Polygon:
    """The polygon with the greatest planar area (Russia's mainland, not Sakhalin)."""
    return max((polygon(rings) for rings in polygons), key=lambda shape: shape.area)


def computed_centroid(topology: dict, name: str) -> Point:
    """(lon, lat) of the planar centroid of the country's largest polygon, rounded to 0.01 degree."""
    shapes = countries(topology)
    if name not in shapes:
        raise KeyError(f"{name!r} is not a country in the map file")
    centroid = largest_polygon(shapes[name]).centroid
    return round((centroid.x + 180) % 360 - 180, 2), round(centroid.y, 2)


def projection(spec: dict = PROJECTION) -> Proj:
    """The map's projection at unit scale (radius 1, y up), as PROJ defines the conic equal-area (Albers)
    that Vega-Lite draws: centred on the spec's rotated meridian, with its two standard parallels."""
    (lat_1, lat_2), lon_0 = spec["parallels"], -spec["rotate"][0]
    return Proj(proj="aea", lat_1=lat_1, lat_2=lat_2, lon_0=lon_0, R=1)


def fit_points(topology: dict, names: list[str], pad: float = 0.04, spec: dict = PROJECTION) -> list[Point]:
    """Four (lon, lat) points whose projected bounds hold every vertex of the named countries.

    The map fits its projection to these points rather than to the shapes (which would repeat the
    geometry in the spec): in projected space, the extreme vertices west, east, south and north, each pushed
    outwards by `pad` of the extent so nothing touches the frame, then projected back to lon/lat.
    """
    project = projection(spec)
    shapes = countries(topology)
    lons, lats = zip(*(pt for name in names for poly in shapes[name] for ring in poly for pt in ring), strict=True)
    xs, ys = project(lons, lats)
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    west, east = xs.index(min(xs)), xs.index(max(xs))
    south, north = ys.index(min(ys)), ys.index(max(ys))
    targets = [(xs[west] - pad * span, ys[west]), (xs[east] + pad * span, ys[east]),
               (xs[south], ys[south] - pad * span), (xs[north], ys[north] + pad * span)]
    points = [project(x, y, inverse=True) for x, y in targets]
    return [(round(lon, 2), round(lat, 2)) for lon, lat in points]
