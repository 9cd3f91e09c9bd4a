"""Pins the trade chapter's numbers on the real data: run-rate, twelve-month equivalent, the boost."""

import pandas as pd
import pytest

from mibook.analysis import trade


def test_months_covered_counts_calendar_months(data):
    row = data["quantities"][data["quantities"].indicator == "bilateral-trade"].iloc[0]
    assert trade.months_covered(row) == 10


def test_months_covered_refuses_a_quantity_without_period(data):
    boost = data["quantities"][data["quantities"].indicator == "trade-boost"].iloc[0]
    with pytest.raises(ValueError, match="no stated period"):
        trade.months_covered(boost)


def test_run_rate_divides_the_stated_total_by_its_months(data):
    rate = trade.run_rate(data["quantities"])
    assert rate["reported"] == 660e6
    assert rate["months"] == 10
    assert rate["monthly"] == pytest.approx(66e6)
    assert rate["twelve_month"] == pytest.approx(792e6)
    assert rate["period_label"] == "first 10 months of 2018"
    assert rate["claim_id"] == "c-trade-01"


def test_run_rate_follows_the_data_not_constants(data):
    quantities = data["quantities"].copy()
    row = quantities.indicator == "bilateral-trade"
    quantities.loc[row, "value"] = 600
    quantities.loc[row, "period_end"] = pd.Timestamp("2018-06-30")
    rate = trade.run_rate(quantities)
    assert rate["months"] == 6
    assert rate["monthly"] == pytest.approx(100e6)
    assert rate["twelve_month"] == pytest.approx(1_200e6)


def test_stated_range_follows_the_written_precision(data):
    boost = trade.quantity(data["quantities"], "trade-boost")
    assert trade.stated_range(boost) == pytest.approx((750e6, 850e6))
    assert trade.stated_range(boost.replace({"$0.8bn": "$0.80bn"})) == pytest.approx((795e6, 805e6))
    with pytest.raises(ValueError, match="no number"):
        trade.stated_range(boost.replace({"$0.8bn": "a boost"}))


def test_boost_reading_brackets_the_pace_only_when_it_does(data):
    reading = trade.boost_reading(data["quantities"])
    assert reading["boost"] == pytest.approx(800e6) and reading["brackets_pace"] is True
    quantities = data["quantities"].copy()
    quantities.loc[quantities.indicator == "trade-boost", "value"] = 1.2
    assert trade.boost_reading(quantities)["brackets_pace"] is False


def test_run_rate_rows_hold_the_figure_our_pace_and_the_boost(data):
    rows = trade.run_rate_rows(data["quantities"], data["claims"])
    assert list(rows["item"]) == ["Trade, first 10 months of 2018", "Same pace, a full year",
                                  "$0.8bn boost, undated"]
    assert list(rows.dollars) == pytest.approx([660e6, 792e6, 800e6])
    assert list(rows.basis) == [trade.STATED, trade.CALCULATED, trade.STATED]
    assert list(rows.label) == ["$660 million, as stated", "$792 million (our calculation)",
                                "$0.8bn (its rounding: $750–850 million)"]
    assert rows.low.iloc[2] == pytest.approx(750e6) and rows.high.iloc[2] == pytest.approx(850e6)
    assert list(rows.paragraph) == [4, 4, 7]


def test_trade_proposals_and_their_proposers(data):
    proposals = trade.trade_proposals(data["proposals"], data["claims"])
    assert dict(zip(proposals.proposal_id, proposals.proposer, strict=True)) == {
        "p-better-alliance": "janjua", "p-trade-preferential-agreement": "janjua",
        "p-free-trade-agreement": "janjua", "p-economics-driving-seat": "bokhari",
    }


def test_key_numbers_are_exactly_the_key_points(data):
    assert list(trade.key_numbers(data)) == list(trade.KEY_POINTS)
    assert set(trade.prose_numbers(data)).isdisjoint(trade.KEY_POINTS)
    assert {**trade.key_numbers(data), **trade.prose_numbers(data)} == trade.chapter_numbers(data)


def test_chapter_numbers(data):
    numbers = trade.chapter_numbers(data)
    assert numbers["trade_reported"] == "$660 million"
    assert numbers["trade_twelve_month"] == "$792 million"
    assert numbers["trade_with_boost"] == "$1.59 billion"  # the boost read as a rise on the pace
    assert numbers["boost_as_written"] == "$0.8bn"
    assert numbers["fta_paragraph"] == 8
    paragraphs = (numbers["trade_paragraph"], numbers["boost_paragraph"], numbers["driving_seat_paragraph"])
    assert paragraphs == (4, 7, 10)
    assert all(isinstance(v, int | str) for v in numbers.values())


def test_months_covered_across_a_year_end_and_with_half_a_period():
    row = pd.Series({"quantity_id": "q-x", "period_start": pd.Timestamp("2017-11-01"),
                     "period_end": pd.Timestamp("2018-02-28")})
    assert trade.months_covered(row) == 4
    for missing in ("period_start", "period_end"):
        with pytest.raises(ValueError, match="q-x has no stated period"):
            trade.months_covered(row.replace({row[missing]: pd.NaT}))


def test_a_whole_number_stands_for_the_nearest_unit_of_its_scale():
    row = pd.Series({"quantity_id": "q-x", "as_written": "14 billion dollars", "value": 14, "scale": "billion"})
    assert trade.stated_range(row) == pytest.approx((13.5e9, 14.5e9))


def test_all_prose_numbers_and_the_proposals_columns(data):
    assert trade.prose_numbers(data) == {
        "trade_paragraph": 4, "boost_paragraph": 7, "fta_paragraph": 8,
        "driving_seat_paragraph": 10,
        "india_trade": "$9.3 billion", "india_trade_year": "2017", "india_share": "under 9%"}
    assert trade.key_numbers(data)["leaders_on_trade"] == "June 2017"
    proposals = trade.trade_proposals(data["proposals"], data["claims"])
    assert list(proposals.columns) == [*data["proposals"].columns, "paragraph", "quote"]


def test_a_pace_on_the_edge_of_the_stated_range_is_bracketed(data):
    quantities = data["quantities"].copy()
    quantities.loc[quantities.indicator == "bilateral-trade", "value"] = 625  # a twelve-month pace of $750m
    reading = trade.boost_reading(quantities)
    assert reading["low"] == 750e6 and reading["brackets_pace"] is True


def test_india_trade_is_read_from_its_record_event(data):
    record = data["record_events"].copy()
    row = record.record_event_id == trade.INDIA_TRADE_EVENT
    record.loc[row, "what"] = "An official puts Russia's trade with India in 2018 at $9.5 billion."
    assert trade.india_trade(record, 792e6) == {"india_trade": "$9.5 billion", "india_trade_year": "2018",
                                                "india_share": "under 9%"}  # 8.3 %, rounded up: an upper bound
    record.loc[row, "what"] = "An official puts Russia's trade with India in 2018 at $950 million."
    assert trade.india_trade(record, 792e6)["india_share"] == "under 84%"  # the scale counts
    record.loc[row, "what"] = "An official puts Russia's trade with India at $10 billion."
    with pytest.raises(ValueError, match=trade.INDIA_TRADE_EVENT):
        trade.india_trade(record, 792e6)

