"""Pins the energy chapter's numbers: the MoU and its aims, and the investment in units of trade."""

import pytest

from mibook import article
from mibook.analysis import energy, trade


def test_every_mou_aim_is_verbatim_in_its_quote(data):
    """The validator checks verbatim text only for proposals and processes; this covers mou_aims."""
    claims = data["claims"].set_index("claim_id")
    for row in data["mou_aims"].itertuples():
        assert article.normalise(row.text) in article.normalise(claims.quote[row.claim_id]), row.aim_id
    assert energy.aims_verbatim(data["mou_aims"], data["claims"]).all()


def test_aims_verbatim_catches_a_paraphrase(data):
    aims = data["mou_aims"].copy()
    aims.loc[aims.index[0], "text"] = "mutual co-operation"
    assert not energy.aims_verbatim(aims, data["claims"]).iloc[0]


def test_mou_aims_are_in_the_order_the_sentence_gives_them(data):
    rows = energy.mou_aims(data["mou_aims"], data["claims"])
    quote = article.normalise(rows.quote.iloc[0])
    positions = [quote.index(article.normalise(t)) for t in rows.text]
    assert positions == sorted(positions)
    assert list(rows.role) == ["aim", "aim", "aim", "purpose"]
    assert set(rows.claim_id) == {"c-energy-02"}


def test_aims_table_columns(data):
    table = energy.aims_table(data["mou_aims"], data["claims"])
    assert list(table.columns) == ["Order", "Role", "In the article's words", "Caveat (ours)", "Claim"]
    assert list(table.Order) == [1, 2, 3, 4]


def test_mou_event(data):
    event = energy.mou(data["events"], data["claims"])
    assert event.date_label == "mid-2017"
    assert event.date_precision == "part-of-year"
    assert int(event.paragraph) == 4


def test_investment_in_units_of_trade(data):
    scale = energy.investment_vs_trade(data["quantities"])
    assert scale["investment"] == 14e9
    assert scale["years_of_trade"] == pytest.approx(14e9 / 792e6)
    assert scale["months_of_trade"] == pytest.approx(14e9 / 66e6)
    assert scale["times_reported"] == pytest.approx(14e9 / 660e6)
    assert scale["times_boost"] == pytest.approx(17.5)
    assert scale["whole_years"] == 17


def test_energy_takes_the_run_rate_from_the_trade_module(data, monkeypatch):
    """The trade figures are computed once, in mibook.analysis.trade."""
    real = trade.run_rate(data["quantities"])
    monkeypatch.setattr(trade, "run_rate", lambda q: {**real, "twelve_month": 1e9, "monthly": 1e9 / 12})
    assert energy.investment_vs_trade(data["quantities"])["years_of_trade"] == pytest.approx(14)


def test_scale_table_rows_and_basis(data):
    rows = energy.scale_table(data["quantities"], data["claims"])
    assert list(rows.dollars) == pytest.approx([14e9, 660e6, 792e6, 800e6])
    assert list(rows.basis) == ["stated", "stated", "our calculation", "stated"]
    assert list(rows.claim_id) == ["c-energy-04", "c-trade-01", "c-trade-01", "c-trade-03"]


def test_year_marks_stay_inside_the_investment(data):
    marks = energy.year_marks(data["quantities"])
    assert len(marks) == 17
    assert marks.dollars.iloc[0] == pytest.approx(792e6)
    assert marks.dollars.max() < 14e9


def test_key_numbers_are_exactly_the_key_points(data):
    assert list(energy.key_numbers(data)) == list(energy.KEY_POINTS)
    assert set(energy.prose_numbers(data)).isdisjoint(energy.KEY_POINTS)
    assert {**energy.key_numbers(data), **energy.prose_numbers(data)} == energy.chapter_numbers(data)


def test_chapter_numbers(data):
    numbers = energy.chapter_numbers(data)
    assert numbers["mou_date"] == "mid-2017"
    assert (numbers["mou_aims"], numbers["mou_purposes"]) == (3, 1)
    assert numbers["investment"] == "$14 billion"
    assert numbers["years_of_trade"] == "17.7"
    assert numbers["times_reported"] == "21.2"
    assert numbers["months_of_trade"] == "212"
    assert (numbers["energy_claims"], numbers["energy_paragraphs"], numbers["energy_paragraph"]) == (4, 1, 4)
    assert numbers["investment_period"] == "unstated"
    assert numbers["energy_author_claims"] == 4
    assert numbers["twelve_month"] == trade.key_numbers(data)["trade_twelve_month"]
    assert numbers["reported"] == trade.key_numbers(data)["trade_reported"]
