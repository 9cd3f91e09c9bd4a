"""The defence chapter's analysis, pinned on the real data and on small synthetic tables."""

import pandas as pd
import pytest

from mibook.analysis import common, defence


def test_theme_claims_are_the_six_defence_claims(data):
    claims = common.theme_claims(data["claims"], defence.THEME)
    assert list(claims.claim_id) == [f"c-defence-0{n}" for n in range(1, 7)]
    assert list(claims.paragraph) == [3, 3, 4, 5, 8, 10]


def test_exercises_and_the_two_readings_of_through_2014_and_2017(data):
    row = defence.exercises(data["events"])
    assert (row.event_id, row.date_label) == ("ev-2014-naval-military-exercises", "Through 2014 and 2017")


def test_the_deal_sum_is_the_one_its_record_states(data):
    assert common.record_sum(data["record_events"], defence.S400_DEAL) == ("$5 billion", 5e9)
    record = data["record_events"].copy()
    row = record.record_event_id == defence.S400_DEAL
    record.loc[row, "what"] = "India signs a deal of about $5.43 billion for S-400 systems."
    assert common.record_sum(record, defence.S400_DEAL) == ("$5.43 billion", 5.43e9)
    record.loc[row, "what"] = "India signs a deal of about $540 million for S-400 systems."
    assert common.record_sum(record, defence.S400_DEAL) == ("$540 million", 540e6)
    for what in ("India signs a deal for S-400 systems.", "A $5 billion deal and a $1 million fee."):
        record.loc[row, "what"] = what
        with pytest.raises(LookupError, match=defence.S400_DEAL):
            common.record_sum(record, defence.S400_DEAL)


def test_exercises_refuses_zero_or_two_ranges(data):
    events = data["events"]
    with pytest.raises(LookupError, match="found 0"):
        defence.exercises(events[events.date_precision != "range"])
    with pytest.raises(LookupError, match="found 2"):
        defence.exercises(pd.concat([events, events[events.date_precision == "range"]]))


def test_key_numbers(data):
    assert defence.key_numbers(data) == {
        "exercise_dates": "Through 2014 and 2017", "agreement_year": 2014,
        "helicopter_year": 2015, "training_year": 2018, "army_exercise_years": "2016, 2017 and 2018",
        "naval_exercise_year": "2018", "s400_year": 2018, "s400_sum": "$5 billion",
    }


def test_prose_numbers(data):
    assert defence.prose_numbers(data) == {
        "p_evidence": 1, "p_exercises": 4, "p_new_delhi": 10, "embargo_year": 2014,
        "druzhba_india_date": "September 2016",
    }


def test_the_defence_steps_between_the_two_are_drawn_in_the_defence_row(data):
    """The steps between Russia and Pakistan are themed defence (the timeline's defence row); only India's
    S-400 deal stands in the row for changes around the two."""
    themes = data["record_events"].set_index("record_event_id").theme.astype(str)
    steps = {step: themes[event] for step, event in defence.RECORD_STEPS.items()}
    assert {step: theme for step, theme in steps.items() if step != "s400_year"} == {
        step: "defence" for step in steps if step != "s400_year"}
    assert steps["s400_year"] == "region"
