"""The overview's relations map: every actor in a stated relation and every stated relation, coloured by
kind, filterable by theme in the HTML (the static SVG and the PDF show every tie)."""

from mibook.analysis import outlook
from mibook.charts.network import relation_network
from mibook.render import BookChart


def relations_map(tables) -> BookChart:
    """All stated ties on the two-ring layout of `outlook.relations_map_layout` (Russia and Pakistan at the centre)."""
    summary = outlook.relations_map_summary(tables)
    actors = outlook.relations_map_actors(tables)
    finding = (f"{summary['either']} of the {summary['ties']} stated ties involve Russia or Pakistan; "
               f"{summary['between']} link the two directly")
    description = (
        f"Network of the {summary['actors']} actors that appear in the article's {summary['ties']} stated ties. "
        "Russia and Pakistan sit at the centre, other states on an inner ring (China to the east and Iran to "
        "the west, as Putin's poles), and regions, groups, initiatives and companies on an outer ring. Lines "
        f"are coloured by kind of tie. Russia is in {summary['russia']} ties, Pakistan in {summary['pakistan']}, "
        f"and {summary['between']} link the two. A drop-down filters the ties by theme."
    )
    return relation_network(
        tables["relations"], actors, tables["claims"], name="overview-relations-map", finding=finding,
        description=description, layout=outlook.relations_map_layout(tables), theme_filter=True,
    )
