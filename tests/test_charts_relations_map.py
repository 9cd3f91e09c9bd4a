"""The overview's relations map: every tied actor and every tie, a theme filter, a computed finding."""

import pytest

from mibook.charts.relations_map import relations_map


@pytest.fixture(scope="module")
def chart(data):
    return relations_map(data)


def test_name_description_and_finding(chart):
    assert chart.name == "overview-relations-map"
    assert chart.spec["title"]["text"] == (
        "32 of the 35 stated ties involve Russia or Pakistan; 14 link the two directly")
    assert "15 actors" in chart.spec["description"]


def test_every_relation_is_drawn(chart, data):
    assert sorted(chart.table.relation_id) == sorted(data["relations"].relation_id)


def test_every_tied_actor_is_drawn(chart, data):
    relations = data["relations"]
    nodes = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "circle")
    dataset = chart.spec["datasets"][nodes["data"]["name"]]
    assert {row["actor_id"] for row in dataset} == set(relations.source) | set(relations.target)


def test_theme_filter_is_bound_in_html_only(chart):
    params = [p for layer in chart.spec["layer"] for p in layer.get("params", [])] + chart.spec.get("params", [])
    theme = next(p for p in params if p["name"] == "theme_filter")
    assert theme["value"] == "all" and "bind" in theme
    rules = chart.svg().split('class="mark-rule')[1].split("</g>")[0]
    assert rules.count("<line") == len(chart.table) == 35  # the static SVG (and PDF) show every tie


# --- in a browser: the theme filter works offline ---------------------------------------------------
