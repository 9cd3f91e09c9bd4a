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
    assert defence.reading_years(data["events"]) == {"span": 4, "two years": 2}


def test_reading_years_of_a_single_year_range():
    events = pd.DataFrame({"theme": ["defence"], "date_precision": ["range"],
                           "date_start": pd.to_datetime(["2016-01-01"]), "date_end": pd.to_datetime(["2016-12-31"])})
    assert defence.reading_years(events) == {"span": 1, "two years": 1}


def test_exercises_refuses_zero_or_two_ranges(data):
    events = data["events"]
    with pytest.raises(LookupError, match="found 0"):
        defence.exercises(events[events.date_precision != "range"])
    with pytest.raises(LookupError, match="found 2"):
        defence.exercises(pd.concat([events, events[events.date_precision == "range"]]))


def test_cooperation_in_place_leaves_out_the_mediation_offer(data):
    ties = defence.cooperation_in_place(data["relations"])
    assert list(ties.relation_id) == ["r-russia-pakistan-cooperation-exercises",
                                      "r-russia-pakistan-cooperation-military",
                                      "r-russia-pakistan-cooperation-strategic-stability"]


def test_pair_ties_count_by_pair_kind_and_status(data):
    cells = defence.pair_ties(data).set_index(["pair", "kind"], drop=False)
    assert list(dict.fromkeys(cells.pair)) == ["Russia–Pakistan", "Russia–India", "Russia–United States",
                                              "Pakistan–India", "Pakistan–United States", "India–United States"]
    assert cells.text[("Russia–Pakistan", "Cooperation")] == "3 stated"
    assert cells.text[("Russia–Pakistan", "Mediation offer")] == "1 offered, 1 welcomed"
    assert cells.text[("Russia–India", "Mediation offer")] == "1 offered, 1 turned down"
    untied = cells[cells.ties == 0]
    assert list(untied.pair) == ["Russia–United States"] and untied.kind.isna().all()


def test_pair_ties_with_no_ties_at_all(data):
    tables = {"relations": data["relations"].iloc[0:0], "actors": data["actors"]}
    cells = defence.pair_ties(tables)
    assert len(cells) == 6 and (cells.text == "no tie stated").all()


def test_key_numbers(data):
    assert defence.key_numbers(data) == {
        "cooperation_in_place": 3, "exercise_dates": "Through 2014 and 2017", "standoff_date": "February 2019",
    }


def test_prose_numbers(data):
    assert defence.prose_numbers(data) == {
        "p_evidence": 1, "p_mediation": 3, "p_exercises": 4, "p_blueprint": 8,
        "p_processes": 9, "p_new_delhi": 10, "span_years": 4, "two_years": 2, "pairs": 6, "tied_pairs": 5,
        "india_pairs": 3, "agreement_year": 2014, "helicopter_year": 2015,
    }


def test_statement_tables_carry_exactly_their_columns(data):
    in_place = defence.cooperation_in_place(data["relations"])
    assert list(in_place.columns) == list(data["relations"].columns)
    among = defence.ties_among_four(data["relations"])
    assert list(among.columns) == list(data["relations"].columns)
    for frame in (in_place, among):
        assert list(frame.index) == list(range(len(frame)))


def test_pair_ties_read_as_the_matrix_shows_them(data):
    ties = defence.pair_ties(data)
    assert list(ties.columns) == ["pair", "kind", "ties", "text", "claims"]
    rows = [tuple(None if pd.isna(v) else v for v in row) for row in ties.itertuples(index=False)]
    assert rows == [
        ("Russia–Pakistan", "Cooperation", 3, "3 stated", "c-bilateral-03, c-defence-03"),
        ("Russia–Pakistan", "Mediation offer", 2, "1 offered, 1 welcomed", "c-defence-01, c-defence-02"),
        ("Russia–India", "Cooperation", 1, "1 stated", "c-defence-06"),
        ("Russia–India", "Mediation offer", 2, "1 offered, 1 turned down", "c-defence-01, c-defence-02"),
        ("Russia–United States", None, 0, "no tie stated", ""),
        ("Pakistan–India", "Tension", 1, "The recent stand-off in February 2019", "c-defence-01"),
        ("Pakistan–United States", "Reliance", 1, "1 stated", "c-bilateral-04"),
        ("India–United States", "Support", 1, "1 stated", "c-defence-04"),
    ]
