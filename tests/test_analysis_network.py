import math

from mibook.analysis import network


def test_parallel_ties_between_one_pair_are_drawn_apart(data):
    layout = {"russia": (0.0, 1.0), "pakistan": (0.0, -1.0)}
    edges = network.edges(data["relations"], data["claims"], layout)
    between = edges[edges.source.isin(layout) & edges.target.isin(layout)]
    assert len(between) > 1
    assert between.x.nunique() == len(between), "each parallel tie gets its own offset"
    assert between.x.abs().max() <= network.MAX_BUNDLE_WIDTH / 2 + 1e-9


def test_arrowheads_point_from_source_to_target(data):
    layout = {"afghanistan": (0.0, 0.0), "pakistan": (1.0, 0.0), "russia": (0.0, 1.0), "central-asia": (-1.0, 0.0)}
    edges = network.edges(data["relations"], data["claims"], layout)
    one = edges[(edges.source == "afghanistan") & (edges.target == "central-asia")].iloc[0]
    assert math.isclose(one.arrow_angle, 270.0)  # pointing left, clockwise from up
    assert one.arrow_x < 0


def test_nodes_keep_only_laid_out_actors(data):
    nodes = network.nodes(data["actors"], {"russia": (0.0, 1.0)})
    assert list(nodes.actor_id) == ["russia"] and (nodes.x[0], nodes.y[0]) == (0.0, 1.0)
