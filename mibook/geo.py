"""Reference geography for the book's one map: read the packaged TopoJSON and compute points from shapes.

The map file is a regional subset of Natural Earth's 1:110m countries as packaged in the npm
`world-atlas` package (see `data/geo/README.md`). Nothing here is typed from memory: a country's
point is the *computed centroid* of its largest polygon, from its own decoded arcs.

Geometry is planar in longitude/latitude degrees, which is adequate for placing a marker inside a
country at this scale; it is not a geodesic centroid.
"""

import json
import math
from functools import cache
from pathlib import Path

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


def ring_area_centroid(ring: Ring) -> tuple[float, Point]:
    """Unsigned planar area (square degrees) and centroid of a closed ring (shoelace formula).

    Longitudes are unwrapped first, so a ring that crosses the antimeridian is measured whole.
    """
    ring = unwrap(ring)
    twice_area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if twice_area == 0:
        raise ValueError("degenerate ring (zero area)")
    return abs(twice_area) / 2, (cx / (3 * twice_area), cy / (3 * twice_area))


def polygon_area_centroid(polygon: list[Ring]) -> tuple[float, Point]:
    """Area and centroid of one polygon: its outer ring minus its holes."""
    parts = [ring_area_centroid(ring) for ring in polygon]
    (outer_area, (ox, oy)), holes = parts[0], parts[1:]
    area = outer_area - sum(a for a, _ in holes)
    x = (outer_area * ox - sum(a * c[0] for a, c in holes)) / area
    y = (outer_area * oy - sum(a * c[1] for a, c in holes)) / area
    return area, (x, y)


def largest_polygon(polygons: list[list[Ring]]) -> list[Ring]:
    """The polygon with the greatest planar area (Russia's mainland, not Sakhalin)."""
    return max(polygons, key=lambda poly: polygon_area_centroid(poly)[0])


def computed_centroid(topology: dict, name: str) -> Point:
    """(lon, lat) of the planar centroid of the country's largest polygon, rounded to 0.01 degree."""
    shapes = countries(topology)
    if name not in shapes:
        raise KeyError(f"{name!r} is not a country in the map file")
    _, (lon, lat) = polygon_area_centroid(largest_polygon(shapes[name]))
    return round((lon + 180) % 360 - 180, 2), round(lat, 2)


def conic_equal_area(lon: float, lat: float, projection: dict = PROJECTION) -> Point:
    """Unit-scale conic equal-area (d3's formulas, y up) after the projection's rotation."""
    phi0, phi1 = (math.radians(p) for p in projection["parallels"])
    n = (math.sin(phi0) + math.sin(phi1)) / 2
    c = 1 + math.sin(phi0) * (2 * n - math.sin(phi0))
    r0 = math.sqrt(c) / n
    lam = math.radians((lon + projection["rotate"][0] + 180) % 360 - 180)
    r = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    return r * math.sin(lam * n), r0 - r * math.cos(lam * n)


def fit_points(topology: dict, names: list[str], pad: float = 0.04,
               projection: dict = PROJECTION) -> list[Point]:
    """A few (lon, lat) points whose projected bounds hold every vertex of the named countries.

    The map fits its projection to these points rather than to the shapes (which would repeat the
    geometry in the spec): the extreme vertices in projected space, pushed outwards by `pad` of the
    extent so nothing touches the frame. Padding is applied in lon/lat by a small search.
    """
    shapes = countries(topology)
    vertices = [pt for name in names for poly in shapes[name] for ring in poly for pt in ring]
    projected = [conic_equal_area(lon, lat, projection) for lon, lat in vertices]
    xs, ys = [p[0] for p in projected], [p[1] for p in projected]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    extremes = {
        "west": vertices[xs.index(min(xs))], "east": vertices[xs.index(max(xs))],
        "south": vertices[ys.index(min(ys))], "north": vertices[ys.index(max(ys))],
    }
    targets = {"west": (min(xs) - pad * span, None), "east": (max(xs) + pad * span, None),
               "south": (None, min(ys) - pad * span), "north": (None, max(ys) + pad * span)}
    points = []
    for side, (lon, lat) in extremes.items():
        goal_x, goal_y = targets[side]
        step = {"west": (-0.05, 0), "east": (0.05, 0), "south": (0, -0.05), "north": (0, 0.05)}[side]
        for _ in range(2000):
            x, y = conic_equal_area(lon, lat, projection)
            if (goal_x is not None and (x - goal_x) * (1 if side == "east" else -1) >= 0) or \
               (goal_y is not None and (y - goal_y) * (1 if side == "north" else -1) >= 0):
                break
            lon, lat = lon + step[0], min(lat + step[1], 89.9)
        points.append((round(lon, 2), round(lat, 2)))
    return points
