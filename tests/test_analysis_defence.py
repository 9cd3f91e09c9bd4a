"""The defence chapter's analysis, pinned on the real data."""

import pandas as pd

from mibook.analysis import common, defence


def test_theme_claims_are_the_six_defence_claims(data):
    claims = common.theme_claims(data["claims"], defence.THEME)
    assert list(claims.claim_id) == [f"c-defence-0{n}" for n in range(1, 7)]
    assert list(claims.paragraph) == [3, 3, 4, 5, 8, 10]


def test_exercises_keep_the_article_wording_and_span(data):
    row = defence.exercises(data["events"])
    assert row.event_id == "ev-2014-naval-military-exercises"
    assert row.date_label == "Through 2014 and 2017"


def test_the_two_readings_of_through_2014_and_2017(data):
    readings = defence.exercise_readings(data["events"])
    assert list(readings.reading) == ["span", "two years", "two years"]
    assert list(readings.first_year) == [2014, 2014, 2017]
    assert list(readings.last_year) == [2017, 2014, 2017]
    assert list(readings.end_exclusive) == list(pd.to_datetime(["2018-01-01", "2015-01-01", "2018-01-01"]))
    assert defence.reading_years(data["events"]) == {"span": 4, "two years": 2}


def test_timeline_holds_the_dated_defence_events_and_the_blueprint(data):
    events = defence.timeline(data)
    assert list(events.event_id) == ["ev-2014-naval-military-exercises", "ev-2019-02-mediation-offer",
                                     "ev-2019-02-standoff", defence.BLUEPRINT_EVENT]
    assert list(events.strand) == ["Russia–Pakistan cooperation", "India and the US", "India and the US",
                                   "Proposal"]
    assert (events.end_exclusive > events.date_end).all()


def test_blueprint_event_is_in_the_paragraph_of_the_defence_proposal(data):
    proposal = data["proposals"].query("proposal_id == 'p-defence-relations'").iloc[0]
    claims = data["claims"].set_index("claim_id").paragraph
    event = data["events"].query("event_id == @defence.BLUEPRINT_EVENT").iloc[0]
    assert claims[proposal.claim_id] == claims[event.claim_id] == 8


def test_undated_events_are_the_two_answers_to_the_offer(data):
    undated = defence.undated_events(data)
    assert list(undated.event_id) == ["ev-undated-india-rejects-offer", "ev-undated-pakistan-welcomes-offer"]


def test_military_mentions_are_five_statements_in_four_paragraphs_one_dated(data):
    mentions = defence.military_mentions(data)
    assert list(mentions.claim_id) == ["c-bilateral-03", "c-bilateral-03", "c-defence-03", "c-defence-05",
                                       "c-bilateral-10"]
    assert list(mentions.paragraph) == [1, 1, 4, 8, 9]
    assert list(mentions.dated) == [False, False, True, False, False]
    assert set(mentions.source_table) == {"relations", "processes", "proposals"}


def test_dyad_ties_keep_india_us_and_the_defence_dyad_only(data):
    ties = defence.dyad_ties(data["relations"])
    assert len(ties) == 11
    dyad = ties[ties.source.isin(defence.DYAD) & ties.target.isin(defence.DYAD)]
    assert set(dyad.theme) == {"defence"}
    assert "r-pakistan-us-dependence" in set(ties.relation_id)
    assert "r-russia-pakistan-cooperation-trade" not in set(ties.relation_id)


def test_counterweight_claims_are_four_of_six(data):
    claims = defence.counterweight_claims(data)
    assert list(claims.claim_id) == ["c-defence-01", "c-defence-02", "c-defence-04", "c-defence-06"]


def test_mediation_offer_welcomed_by_pakistan_rejected_by_india(data):
    rows = defence.mediation(data["relations"], data["claims"])
    answers = rows[rows.status != "offered"].set_index("target").status.to_dict()
    assert answers == {"pakistan": "welcomed", "india": "rejected"}
    assert set(rows[rows.status == "offered"].target) == {"india", "pakistan"}


def test_key_numbers(data):
    assert defence.key_numbers(data) == {
        "military_mentions": 5,
        "military_paragraphs": 4,
        "dated_mentions": 1,
        "exercise_first": "2014",
        "exercise_last": "2017",
        "span_years": 4,
        "two_years": 2,
        "defence_claims": 6,
        "counterweight_claims": 4,
        "standoff_date": "February 2019",
        "blueprint_date": "late March 2019",
        "defence_item": 3,
        "blueprint_items": 6,
        "processes_named": 4,
        "processes_total": 11,
    }


def test_prose_numbers(data):
    numbers = defence.prose_numbers(data)
    assert {k: numbers[k] for k in ("p_evidence", "p_mediation", "p_exercises", "p_policeman", "p_blueprint",
                                    "p_processes", "p_new_delhi")} == {
        "p_evidence": 1, "p_mediation": 3, "p_exercises": 4, "p_policeman": 5, "p_blueprint": 8,
        "p_processes": 9, "p_new_delhi": 10}
    assert (numbers["dyad_ties"], numbers["outside_ties"], numbers["inside_ties"]) == (11, 6, 5)
    assert numbers["russia_india_ties"] == 3
    assert numbers["russia_us_ties"] == "no"
    assert numbers["undated_events"] == 2


def test_mentions_table_is_display_ready(data):
    table = defence.mentions_table(data)
    assert list(table.columns) == ["Statement", "Recorded as", "Claim", "¶", "Dated?"]
    assert list(table["Dated?"]) == ["no", "no", "yes", "no", "no"]
