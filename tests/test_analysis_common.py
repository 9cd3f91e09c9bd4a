import pandas as pd

from mibook import load
from mibook.analysis import common


def test_money_and_dollars_from_the_stated_trade_figure():
    trade = common.quantity(load.quantities(), "bilateral-trade")
    assert common.in_dollars(trade) == 660e6
    assert common.money(660e6) == "$660 million"
    assert common.money(14e9) == "$14 billion"
    assert common.money(0.8e9) == "$800 million"


def test_evidence_table_is_in_article_order_with_verbatim_quotes():
    claims = load.claims()
    table = common.evidence_table(claims, "trade")
    assert list(table.columns) == ["Claim", "¶", "Type", "Quote"]
    assert table["¶"].is_monotonic_increasing
    assert set(table.Claim) == set(claims[claims.theme == "trade"].claim_id)


def test_with_evidence_joins_quote_and_paragraph():
    claims = load.claims()
    joined = common.with_evidence(pd.DataFrame({"claim_id": [claims.claim_id.iloc[0]]}), claims)
    assert joined.quote.iloc[0] == claims.quote.iloc[0]


def test_paragraph_refs_come_from_the_claims():
    claims = load.claims()
    first = claims.iloc[0]
    assert common.paragraph_refs(claims, {"p_first": first.claim_id}) == {"p_first": f"¶{int(first.paragraph)}"}
    assert common.paragraph_refs(claims, {"p": first.claim_id}, marked=False) == {"p": int(first.paragraph)}


def test_paragraph_lists_read_as_prose():
    assert common.paragraph_list([]) == ""
    assert common.paragraph_list([7]) == "¶7"
    assert common.paragraph_list([3, 9]) == "¶3 and ¶9"
    assert common.paragraph_list([3, 6, 9]) == "¶3, ¶6 and ¶9"
    assert common.paragraph_list([3, 6, 9], last=", ") == "¶3, ¶6, ¶9"


def test_split_numbers_separates_key_points_from_prose():
    key, prose = common.split_numbers({"a": 1, "b": "2", "c": 3}, ("c", "a"))
    assert key == {"c": 3, "a": 1} and prose == {"b": "2"}
