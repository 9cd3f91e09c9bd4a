"""Chart layout helpers shared by the chart modules (sizes and type are the theme's, in `style`)."""

import json


def split_label(separator: str = " ", lines: dict[str, list[str]] | None = None) -> str:
    """A Vega `labelExpr` that breaks each axis label into lines at `separator`; `lines` gives some
    labels their own breaks (e.g. {"no record found": ["no record", "found"]})."""
    expr = f"split(datum.label, {json.dumps(separator)})"
    for label, parts in (lines or {}).items():
        expr = f"datum.label == {json.dumps(label)} ? {json.dumps(parts)} : {expr}"
    return expr
