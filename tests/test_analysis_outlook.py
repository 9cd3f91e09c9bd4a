"""The outlook's analysis pinned on the real data and on synthetic rows: blueprint, grounding, positions."""

import pandas as pd

from mibook.analysis import outlook


def test_blueprint_is_the_six_items_in_janjuas_order(data):
    items = outlook.blueprint(data)
    assert list(items.order) == [1, 2, 3, 4, 5, 6]
    assert list(items.theme) == ["trade", "bilateral", "defence", "sco-cpec", "bilateral", "afghanistan"]
    assert set(items.paragraph) == {8}
    assert all(item.text in item.quote for item in items.itertuples())
    assert set(items.chapter) <= set(outlook.CHAPTER_FILES.values())


def test_grounding_counts_only_ties_as_they_are(data):
    grounding = outlook.blueprint_grounding(data).set_index("proposal_id")
    trade = grounding.loc["p-free-trade-agreement"]
    assert (trade.ties_in_place, trade.russian_positions, trade.pakistani_positions) == (1, 0, 2)
    # military ties, strategic stability dialogue, exercises; not the mediation offer Pakistan only welcomed
    assert grounding.loc["p-defence-relations", "ties_in_place"] == 3
    cells = outlook.grounding_cells(data)
    assert len(cells) == 6 * len(outlook.GROUNDING_LABELS)
    for cell in cells.itertuples():
        listed = [c for c in cell.counted.split(", ") if c]
        assert len(listed) <= cell.count and (cell.count == 0) == (not listed)


def test_the_prose_numbers_come_from_the_grounding_cells(data):
    cell = outlook.item_measure(data, "p-cpec-participation", "russian_positions")
    assert cell["count"] == 3 and cell.voices == ["author", "janjua", "serenko"]
    prose = outlook.prose_numbers(data)
    assert (prose["cpec_order"], prose["items_with_russian_view"]) == (4, 3)
    assert outlook.item_measure(data, "p-defence-relations", "ties_in_place")["count"] == 3


def test_positions_two_sided_issues_converge_or_are_shared_challenges(data):
    assert outlook.position_summary(data) == {"issues": 14, "both_sides": 8, "converge": 6, "shared_challenges": 2,
                                              "diverge": 0, "one_side": 6}


def test_a_stated_divergence_wins_over_convergence(data):
    positions = data["positions"].copy()
    positions["alignment"] = positions.alignment.astype(str)
    positions.loc[positions.position_id == "pos-cpec-pakistan", "alignment"] = "diverge"
    tables = {**{name: data[name] for name in ("claims", "relations", "processes", "proposals", "quantities",
                                               "events")}, "positions": positions}
    summary = outlook.position_summary(tables)
    assert (summary["converge"], summary["diverge"]) == (5, 1)
    assert outlook.prose_numbers(data)["issues_converge"] == 6


def test_key_numbers(data):
    assert outlook.key_numbers(data) == {"blueprint_items": 6, "items_no_russian_view": 3}
    assert outlook.prose_numbers(data)["processes_total"] == 11


def test_blueprint_and_issue_tables_carry_exactly_their_columns(data):
    items = outlook.blueprint(data)
    assert list(items.columns) == ["order", "proposal_id", "item", "text", "theme", "chapter", "claim_id",
                                   "paragraph", "quote"]
    issues = outlook.issue_positions(data)
    assert list(issues.columns) == ["issue", "alignment", "paragraph", "theme", "russia_claim", "russia_speaker",
                                    "pakistan_claim", "pakistan_speaker", "sides_stated"]
    for frame in (items, issues):
        assert list(frame.index) == list(range(len(frame)))


def test_an_issue_stated_for_one_side_has_no_alignment_of_its_own(data):
    issues = outlook.issue_positions(data)
    one_side = issues[issues.sides_stated == 1]
    assert set(one_side.alignment) == {"unilateral"} and len(one_side) == 6
    assert set(issues[issues.sides_stated == 2].alignment) == {"converge", "shared-challenge"}


def test_a_stated_tension_is_not_a_tie_in_place(data):
    relations = data["relations"].astype({"kind": str, "status": str, "theme": str})
    tension = {"relation_id": "r-synthetic-tension", "claim_id": "c-trade-03", "source": "russia",
               "target": "pakistan", "kind": "tension", "directed": False, "status": "stated", "theme": "trade",
               "label": "Synthetic"}
    tables = {name: data[name] for name in ("claims", "positions", "proposals", "quantities", "events")}
    tables["relations"] = pd.concat([relations, pd.DataFrame([tension])], ignore_index=True)
    cell = outlook.item_measure(tables, "p-free-trade-agreement", "ties_in_place")
    assert (cell["count"], cell.counted) == (1, "c-trade-01")


def test_grounding_cells_carry_the_items_short_labels(data):
    cells = outlook.grounding_cells(data)
    assert list(cells.columns) == ["order", "proposal_id", "item", "theme", "measure", "measure_label", "count",
                                   "counted", "voices", "paragraph"]
    assert list(dict.fromkeys(cells["item"])) == list(outlook.SHORT_LABELS.values())
    assert list(dict.fromkeys(cells.measure_label)) == list(outlook.GROUNDING_LABELS.values())
    regional = outlook.item_measure(data, "p-regional-framework", "ties_in_place")
    assert regional.counted == "c-afghanistan-02, c-afghanistan-06, c-bilateral-03, c-bilateral-10"
    assert regional["count"] == 4 and regional.paragraph == 8


def test_prose_numbers(data):
    assert outlook.prose_numbers(data) == {
        "blueprint_date": "late March 2019", "items_with_russian_view": 3, "cpec_order": 4,
        "processes_total": 11, "issues_both": 8, "issues_converge": 6, "issues_shared": 2,
        "items_russian_view_list": "defence relations; Russian participation in CPEC; regional framework for peace "
                                   "and development",
        "items_no_russian_view_list": "free trade agreement; strategic cooperation and understanding; "
                                      "people-to-people relations",
        "issues_both_list": "Russian involvement in CPEC; Mediation in the India–Pakistan stand-off; Resolution of "
                            "the Afghan conflict; Defence cooperation; Opium supply; Tackling terrorism; Pakistan's "
                            "full membership of the SCO; Stability in Afghanistan",
        "p_engagement": "¶6",
        "p_blueprint": "¶8", "p_processes": "¶9", "p_conclusion": "¶10"}


def test_items_with_and_without_a_russian_view_follow_the_positions(data):
    positions = data["positions"]
    russian_defence = (positions.actor_id.astype(str) == "russia") & positions.claim_id.str.startswith("c-defence")
    tables = {**{name: data[name] for name in ("claims", "relations", "processes", "proposals", "quantities",
                                               "events")}, "positions": positions[~russian_defence]}
    numbers = {**outlook.key_numbers(tables), **outlook.prose_numbers(tables)}
    assert (numbers["items_no_russian_view"], numbers["items_with_russian_view"]) == (4, 2)
    one_left = russian_defence & (positions.claim_id != "c-defence-01")  # one Russian defence position stays
    tables["positions"] = positions[~one_left]
    assert outlook.item_measure(tables, "p-defence-relations", "russian_positions")["count"] == 1
    assert outlook.prose_numbers(tables)["items_with_russian_view"] == 3
