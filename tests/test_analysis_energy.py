"""Pins the energy chapter's numbers: the MoU and its aims, and the investment against trade."""

import pytest

from mibook import article
from mibook.analysis import energy


def test_every_mou_aim_is_verbatim_in_its_quote(data):
    """The validator checks verbatim text only for proposals and processes; this covers mou_aims."""
    claims = data["claims"].set_index("claim_id")
    for row in data["mou_aims"].itertuples():
        assert article.normalise(row.text) in article.normalise(claims.quote[row.claim_id]), row.aim_id


def test_mou_aims_are_in_the_order_the_sentence_gives_them(data):
    rows = energy.mou_aims(data["mou_aims"].iloc[::-1], data["claims"])  # put in order, not kept in order
    quote = article.normalise(rows.quote.iloc[0])
    positions = [quote.index(article.normalise(t)) for t in rows.text]
    assert positions == sorted(positions)
    assert list(rows.role) == ["aim", "aim", "aim", "purpose"]


def test_mou_event(data):
    event = energy.mou(data["events"], data["claims"])
    assert (event.date_label, event.date_precision, int(event.paragraph)) == ("mid-2017", "part-of-year", 4)


def test_mou_refuses_a_missing_event(data):
    with pytest.raises(LookupError, match="found 0"):
        energy.mou(data["events"].iloc[0:0], data["claims"])


def test_energy_claims_in_a_second_paragraph_stop_the_single_paragraph_sentence(data):
    claims = data["claims"].copy()
    assert energy.energy_paragraph(claims) == 4
    last = claims[claims.theme.astype(str) == "energy"].index[-1]
    claims.loc[last, "paragraph"] = 5
    with pytest.raises(ValueError, match=r"one paragraph; its claims are in \[4, 5\]"):
        energy.energy_paragraph(claims)


def test_key_numbers_are_exactly_the_key_points(data):
    assert energy.key_numbers(data) == {"mou_date": "mid-2017", "mou_aims": 3,
                                        "investment_as_written": "14 billion dollars",
                                        "pledge_month": "February 2019", "lng_month": "October 2017",
                                        "pipeline_delay": "November 2017"}
    assert {**energy.key_numbers(data), **energy.prose_numbers(data)} == energy.chapter_numbers(data)


def test_prose_numbers(data):
    assert energy.prose_numbers(data) == {"mou_purposes": 1, "energy_paragraph": 4}


def test_aims_carry_their_columns_and_wording(data):
    aims = energy.mou_aims(data["mou_aims"], data["claims"])
    assert list(aims.columns) == [*data["mou_aims"].columns, "paragraph", "quote"]
    assert list(aims.index) == list(range(len(aims)))

