"""Geometry for relation networks: node positions and edges offset so parallel ties stay apart."""

import math

import pandas as pd

from mibook.analysis.common import with_evidence

ARROW_AT = 0.8  # arrowheads sit this far along a directed edge
PARALLEL_GAP = 0.035  # spacing between parallel edges, in layout units
MAX_BUNDLE_WIDTH = 0.3  # many ties between one pair squeeze into this width


def nodes(actors: pd.DataFrame, layout: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """One row per laid-out actor: id, name, kind, x, y."""
    placed = actors[actors.actor_id.isin(list(layout))].copy()
    placed["x"] = placed.actor_id.map(lambda a: layout[a][0])
    placed["y"] = placed.actor_id.map(lambda a: layout[a][1])
    return placed[["actor_id", "name", "kind", "x", "y"]].astype({"kind": str}).reset_index(drop=True)


def edges(relations: pd.DataFrame, claims: pd.DataFrame, layout: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Relations between laid-out actors, with endpoint coordinates, arrowhead position and angle.

    Several ties between the same two actors are drawn side by side, offset perpendicular to the
    line between them, so none hides another.
    """
    inside = relations[relations.source.isin(list(layout)) & relations.target.isin(list(layout))]
    rows = with_evidence(inside, claims).sort_values("relation_id").reset_index(drop=True)
    rows = rows.astype({"kind": str, "status": str, "theme": str})
    pair = rows.apply(lambda r: tuple(sorted((r.source, r.target))), axis=1)
    rows["pair_rank"] = pair.groupby(pair).cumcount()
    rows["pair_size"] = pair.map(pair.value_counts())
    geometry = rows.apply(lambda r: _edge_geometry(r, layout), axis=1, result_type="expand")
    return pd.concat([rows, geometry], axis=1)


def _edge_geometry(row: pd.Series, layout) -> dict[str, float]:
    # Offsets are measured in the pair's canonical direction, so two ties drawn in opposite
    # directions still land on different sides.
    first, second = sorted((row.source, row.target))
    (ax, ay), (bx, by) = layout[first], layout[second]
    length = math.hypot(bx - ax, by - ay) or 1.0
    normal_x, normal_y = -(by - ay) / length, (bx - ax) / length
    gap = min(PARALLEL_GAP, MAX_BUNDLE_WIDTH / max(row.pair_size - 1, 1))
    shift = (row.pair_rank - (row.pair_size - 1) / 2) * gap
    (sx, sy), (tx, ty) = layout[row.source], layout[row.target]
    sx, sy, tx, ty = sx + shift * normal_x, sy + shift * normal_y, tx + shift * normal_x, ty + shift * normal_y
    angle = math.degrees(math.atan2(tx - sx, ty - sy))  # Vega angles: clockwise from "up"
    return {
        "x": sx, "y": sy, "x2": tx, "y2": ty,
        "arrow_x": sx + ARROW_AT * (tx - sx), "arrow_y": sy + ARROW_AT * (ty - sy),
        "arrow_angle": angle % 360,
    }
