"""The outlook's analysis pinned on the real data: blueprint, dialogue processes, positions, map layout."""

import math

import pytest

from mibook.analysis import common, outlook


@pytest.fixture(scope="module")
def layout(data):
    return outlook.relations_map_layout(data)


def test_blueprint_is_the_six_items_in_janjuas_order(data):
    items = outlook.blueprint(data)
    assert list(items.order) == [1, 2, 3, 4, 5, 6]
    assert list(items.proposal_id) == [
        "p-free-trade-agreement", "p-strategic-cooperation", "p-defence-relations",
        "p-cpec-participation", "p-people-to-people", "p-regional-framework"]
    assert list(items.theme) == ["trade", "bilateral", "defence", "sco-cpec", "bilateral", "afghanistan"]
    assert set(items.paragraph) == {8}
    assert all(item.text in item.quote for item in items.itertuples())
    assert set(items.chapter) <= set(outlook.CHAPTER_FILES.values())


def test_grounding_counts_match_the_tables(data):
    grounding = outlook.blueprint_grounding(data).set_index("proposal_id")
    trade = grounding.loc["p-free-trade-agreement"]
    # One trade tie (the 660 million dollar trade), no Russian view, two Pakistani ones.
    assert (trade.ties_in_place, trade.processes_named, trade.russian_positions, trade.pakistani_positions) == (
        1, 0, 0, 2)
    afghan = grounding.loc["p-regional-framework"]
    assert (afghan.ties_in_place, afghan.processes_named, afghan.issues_converging) == (3, 2, 4)
    defence = grounding.loc["p-defence-relations"]
    assert defence.ties_in_place == 4  # military ties, strategic stability, exercises, welcomed mediation
    cells = outlook.grounding_cells(data)
    assert len(cells) == 6 * len(outlook.GROUNDING_LABELS)
    for cell in cells.itertuples():
        listed = [c for c in cell.counted.split(", ") if c]
        assert len(listed) <= cell.count  # several ties can come from one claim
        assert (cell.count == 0) == (not listed)


def test_process_grid_has_the_stated_total_and_names_only_what_the_article_names(data):
    grid = outlook.process_grid(data)
    total = common.quantity(data["quantities"], "bilateral-processes").value
    assert len(grid) == total == 11
    assert grid.named.sum() == len(data["processes"]) == 4
    assert list(grid[grid.named].text) == list(data["processes"].sort_values("listed_order").text)
    assert set(grid[~grid.named].text) == {outlook.UNNAMED}
    assert grid[~grid.named].claim_id.isna().all()
    assert list(grid.slot) == list(range(1, 12))
    assert grid.column.max() == 3 and grid.row.max() == 2


def test_process_grid_refuses_more_named_than_counted(data):
    class Fewer:
        def __getitem__(self, name):
            frame = data[name]
            if name == "quantities":
                frame.loc[frame.indicator == "bilateral-processes", "value"] = 3
            return frame

    with pytest.raises(ValueError, match="4 named processes"):
        outlook.process_grid(Fewer())


def test_positions_converge_where_both_sides_are_stated(data):
    summary = outlook.position_summary(data)
    assert summary == {"issues": 14, "both_sides": 8, "converge": 8, "diverge": 0, "one_side": 6,
                       "russia_only": 3, "pakistan_only": 3, "one_sentence": 6}
    matrix = outlook.position_matrix(data)
    assert len(matrix) == 2 * summary["issues"]
    stated = matrix[matrix.claim_id.notna()]
    assert len(stated) == len(data["positions"])
    assert (matrix[matrix.claim_id.isna()].cell == outlook.NO_POSITION).all()
    assert stated.quote.notna().all()


def test_russian_positions_are_never_voiced_by_a_russian_official(data):
    voices = outlook.position_voices(data)
    russian = dict(zip(voices[voices.actor_id == "russia"].speaker, voices[voices.actor_id == "russia"].positions,
                       strict=True))
    assert russian == {"author": 7, "janjua": 3, "serenko": 1}


def test_characterisations_are_found_by_their_wording(data):
    rows = outlook.characterisations(data)
    assert list(rows.claim_id) == ["c-bilateral-05", "c-bilateral-06", "c-bilateral-11", "c-bilateral-14",
                                   "c-trade-06"]
    assert list(rows.paragraph) == [6, 7, 10, 10, 10]


def test_evidence_table_has_the_shared_columns_and_the_chapters_claims(data):
    table = outlook.evidence(data)
    assert list(table.columns) == ["Claim", "¶", "Type", "Quote"]
    ids = set(table.Claim)
    assert {"c-bilateral-07", "c-bilateral-10", "c-trade-05", "c-afghanistan-07", "c-trade-06"} <= ids
    assert set(data["positions"].claim_id) <= ids
    assert list(table["¶"]) == sorted(table["¶"])


def test_key_numbers(data):
    assert outlook.key_numbers(data) == {
        "blueprint_items": 6, "blueprint_themes": 5, "themes_total": 6, "items_no_russian_view": 3,
        "processes_total": 11, "processes_named": 4, "processes_unnamed": 7, "processes_named_pct": "36%",
        "issues_both_sides": 8, "issues_converge": 8, "issues_diverge": 0, "issues_one_side": 6,
    }


def test_relations_map_draws_every_tied_actor(data, layout):
    relations = data["relations"]
    assert set(layout) == set(relations.source) | set(relations.target)
    assert len(layout) == 15
    assert all(-1.2 <= x <= 1.2 and -1.2 <= y <= 1.2 for x, y in layout.values())


def test_relations_map_layout_follows_putins_poles(data, layout):
    assert layout["russia"] == (0.0, outlook.CENTRE_Y)
    assert layout["pakistan"] == (0.0, -outlook.CENTRE_Y)
    assert layout["china"][0] == pytest.approx(outlook.RING_RADII["states"]) and layout["china"][1] == 0
    assert layout["iran"][0] == pytest.approx(-outlook.RING_RADII["states"]) and layout["iran"][1] == 0


def test_relations_map_layout_puts_states_inside_and_others_outside(data, layout):
    actors = outlook.relations_map_actors(data).set_index("actor_id")
    for actor, (x, y) in layout.items():
        if actor in ("russia", "pakistan"):
            continue
        assert math.hypot(x, y) == pytest.approx(outlook.RING_RADII[actors.ring[actor]], abs=1e-3)


def test_relations_map_layout_is_deterministic_and_readable(data, layout):
    assert outlook.relations_map_layout(data) == layout
    actors = outlook.relations_map_actors(data)
    labels = dict(zip(actors.actor_id, actors.name, strict=True))
    boxes = [outlook._label_box(point, labels[a]) for a, point in layout.items()]
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                if outlook._boxes_overlap(boxes[i], boxes[j])]
    assert overlaps == []
    assert len(set(layout.values())) == len(layout)


def test_relations_map_short_names_use_the_articles_abbreviations(data):
    names = outlook.relations_map_actors(data).set_index("actor_id").name
    assert names["ogdcl"] == "OGDCL" and names["cpec"] == "CPEC"
    assert names["gazprom-international"] == "Gazprom International"


def test_relations_map_summary(data):
    assert outlook.relations_map_summary(data) == {
        "ties": 35, "actors": 15, "actors_untied": 8, "russia": 27, "pakistan": 19, "either": 32,
        "neither": 3, "between": 14}
