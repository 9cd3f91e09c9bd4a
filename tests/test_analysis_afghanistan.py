"""The Afghanistan chapter's analysis, pinned on the real data."""

import pytest

from mibook.analysis import afghanistan, common


def test_theme_claims_are_the_seven_afghanistan_claims_in_article_order(data):
    claims = common.theme_claims(data["claims"], afghanistan.THEME)
    assert list(claims.claim_id) == [f"c-afghanistan-0{n}" for n in range(1, 8)]
    assert list(claims.paragraph) == [3, 3, 6, 6, 6, 8, 8]


def test_afghanistan_is_named_in_five_body_paragraphs(data):
    assert afghanistan.mention_paragraphs(data.paragraphs) == [1, 3, 6, 8, 9]


def test_related_claims_are_the_bilateral_claims_that_carry_afghanistan_rows(data):
    related = afghanistan.related_claims(data)
    assert list(related.claim_id) == ["c-bilateral-01", "c-bilateral-03", "c-bilateral-10"]


def test_claim_strip_spreads_claims_that_share_a_cell(data):
    strip = afghanistan.claim_strip(data)
    assert len(strip) == 10
    cell = strip[(strip.paragraph == 6) & (strip.claim_type == "assessment")].sort_values("claim_id")
    assert list(cell.claim_id) == ["c-afghanistan-03", "c-afghanistan-05"]
    assert list(cell.x) == pytest.approx([5.89, 6.11])
    alone = strip.set_index("claim_id").loc["c-afghanistan-01"]
    assert alone.x == 3.0
    assert set(strip.filed_under) == {"afghanistan", "bilateral"}


def test_spillover_reaches_central_asia_russia_and_pakistan(data):
    ties = afghanistan.spillover(data["relations"], data["claims"])
    assert len(ties) == 5  # three direct impacts and two through the opium supply
    assert set(ties.paragraph) == {6}
    assert sorted(afghanistan.spillover_targets(data["relations"], data["claims"])) == [
        "central-asia", "pakistan", "russia"]


def test_every_afghanistan_issue_converges(data):
    issues = afghanistan.convergence(data["positions"], data["claims"])
    assert list(issues.issue) == ["Resolution of the Afghan conflict", "Opium supply", "Tackling terrorism",
                                  "Stability in Afghanistan"]
    assert set(issues.alignment) == {"converge"}
    assert set(issues.actors) == {"pakistan, russia"}


def test_shared_threats_are_opium_and_terrorism(data):
    threats = afghanistan.shared_threats(data)
    assert list(threats.issue) == ["Opium supply", "Tackling terrorism"]


def test_two_named_dialogue_processes_concern_afghanistan(data):
    processes = afghanistan.dialogue_processes(data["processes"], data["claims"])
    assert list(processes.process_id) == ["dp-afghan-peace", "dp-drug-trafficking"]
    assert set(processes.paragraph) == {9}


def test_regional_framework_is_the_last_blueprint_item(data):
    item = afghanistan.blueprint_item(data["proposals"])
    assert item.proposal_id == "p-regional-framework"
    assert item.blueprint_order == 6


def test_key_numbers(data):
    assert afghanistan.key_numbers(data) == {
        "afghan_claims": 7,
        "afghan_assessments": 4,
        "afghan_events": 1,
        "afghan_paragraphs": 5,
        "body_paragraphs": 10,
        "converging_issues": 4,
        "spillover_targets": 3,
        "shared_threats": 2,
        "afghan_processes": 2,
        "processes_named": 4,
        "processes_total": 11,
        "framework_item": 6,
        "blueprint_items": 6,
    }


def test_prose_numbers(data):
    numbers = afghanistan.prose_numbers(data)
    assert numbers["p_talks"] == 3 and numbers["p_spillover"] == 6 and numbers["p_processes"] == 9
    assert (numbers["author_claims"], numbers["janjua_claims"], numbers["russian_claims"]) == (3, 4, "none")
    assert (numbers["afghan_ties"], numbers["impact_ties"], numbers["dyad_afghan_ties"]) == (10, 5, 4)
    assert (numbers["russia_ties_in"], numbers["pakistan_ties_in"]) == (1, "none")
    assert numbers["diverging_issues"] == "none"
    assert numbers["related_claims"] == 3


def test_ties_into_afghanistan_come_only_from_russia(data):
    ties = afghanistan.ties_into_afghanistan(data["relations"])
    assert list(ties.relation_id) == ["r-russia-afghan-peace-process-support"]


def test_issues_table_is_display_ready(data):
    table = afghanistan.issues_table(data)
    assert list(table.columns) == ["Issue", "Claim", "¶", "Positions stated for", "Alignment"]
    assert set(table["Positions stated for"]) == {"Pakistan and Russia"}
