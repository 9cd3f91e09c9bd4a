"""Pins the energy chapter's numbers: the MoU and its aims, the details grid, the dollar figures."""

import pytest

from mibook import article
from mibook.analysis import common, energy


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


def test_details_grid_mou_against_investment(data):
    grid = energy.details_grid(data)
    cells = grid.set_index(["item", "detail"]).words
    assert cells[(energy.MOU, "When")] == "mid-2017"
    assert cells[(energy.INVESTMENT, "How much")] == "14 billion dollars"
    for detail in ("When", "Which project or field", "Signed, pledged or spent?"):
        assert not grid.set_index(["item", "detail"]).stated[(energy.INVESTMENT, detail)], detail
    assert list(grid.groupby("item", sort=False).stated.sum()) == [4, 3]
    assert all(common.verbatim(w, q) for w, q in zip(grid.words.dropna(), grid[grid.stated].quote, strict=True))


def test_verbatim_splits_at_ellipses_and_folds_quote_marks():
    quote = "Russia’s Gazprom International and Pakistan’s Oil and Gas Development Company Limited (OGDCL)"
    assert common.verbatim("Russia's Gazprom International and Pakistan's … (OGDCL)", quote)
    assert not common.verbatim("Gazprom … Rosneft", quote)
    assert not common.verbatim("…", quote)


def test_dollar_figures_as_stated(data):
    rows = energy.dollar_figures(data)
    assert list(rows["item"]) == ["Investment", "Trade", "Trade boost"]
    assert list(rows.amount) == ["$14 billion", "$660 million", "$800 million"]
    assert list(rows.period) == ["unstated", "first ten months of 2018", "unstated"]
    assert list(rows.paragraph) == [4, 4, 7]


def test_key_numbers_are_exactly_the_key_points(data):
    assert energy.key_numbers(data) == {
        "mou_date": "mid-2017", "mou_aims": 3, "mou_purposes": 1, "investment": "$14 billion",
        "investment_as_written": "14 billion dollars", "energy_claims": 4, "energy_paragraph": 4,
    }
    assert energy.HEADLINE in energy.KEY_POINTS
    assert {**energy.key_numbers(data), **energy.prose_numbers(data)} == energy.chapter_numbers(data)


def test_prose_numbers(data):
    assert energy.prose_numbers(data) == {
        "mou_stated": 4, "investment_stated": 3, "details": 6,
    }


def test_aims_and_dollar_figures_carry_their_columns_and_wording(data):
    aims = energy.mou_aims(data["mou_aims"], data["claims"])
    assert list(aims.columns) == [*data["mou_aims"].columns, "paragraph", "quote"]
    assert list(aims.index) == list(range(len(aims)))
    figures = energy.dollar_figures(data)
    assert list(figures.as_written) == ["14 billion dollars", "660 million dollar", "$0.8bn"]
