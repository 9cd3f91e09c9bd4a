import pandas as pd
import pytest

from mibook import load
from mibook.analysis import common, overview


def test_money_and_dollars_from_the_stated_trade_figure():
    trade = common.quantity(load.quantities(), "bilateral-trade")
    assert common.in_dollars(trade) == 660e6
    assert common.money(660e6) == "$660 million"
    assert common.money(14e9) == "$14 billion"
    assert common.money(0.8e9) == "$800 million"


def test_evidence_table_is_in_article_order_with_verbatim_quotes():
    claims = load.claims()
    table = common.evidence_table(claims, "trade")
    assert list(table.columns) == ["¶", "The article's words"]
    assert _print_extension().EVIDENCE_COLUMNS <= set(table.columns)  # so the print edition leaves it out
    assert table["¶"].is_monotonic_increasing
    assert set(table["The article's words"]) == set(claims[claims.theme == "trade"].quote)


def test_with_evidence_joins_quote_and_paragraph():
    claims = load.claims()
    joined = common.with_evidence(pd.DataFrame({"claim_id": [claims.claim_id.iloc[0]]}), claims)
    assert joined.quote.iloc[0] == claims.quote.iloc[0]


def test_paragraph_refs_come_from_the_claims():
    claims = load.claims()
    first = claims.iloc[0]
    assert common.paragraph_refs(claims, {"p_first": first.claim_id}) == {"p_first": f"¶{int(first.paragraph)}"}
    assert common.paragraph_refs(claims, {"p": first.claim_id}, marked=False) == {"p": int(first.paragraph)}


def test_split_numbers_separates_key_points_from_prose():
    key, prose = common.split_numbers({"a": 1, "b": "2", "c": 3}, ("c", "a"))
    assert key == {"c": 3, "a": 1} and prose == {"b": "2"}


def test_money_at_the_unit_boundaries_and_below_a_million():
    assert common.money(1e9) == "$1 billion"
    assert common.money(1e6) == "$1 million"
    assert common.money(999_999) == "$999,999"
    assert common.money(1.5e9) == "$1.5 billion"
    assert common.money(792e6) == "$792 million"
    assert common.money(99.5e6) == "$99.5 million"
    assert common.money(250e9) == "$250 billion"


def test_quantity_refuses_none_or_several():
    quantities = pd.DataFrame({"indicator": ["a", "b", "b"], "value": [1, 2, 3]})
    assert common.quantity(quantities, "a").value == 1
    for indicator, found in (("b", 2), ("c", 0)):
        with pytest.raises(LookupError, match=f"expected one quantity for '{indicator}', found {found}"):
            common.quantity(quantities, indicator)


def test_in_dollars_applies_the_stated_scale():
    assert common.in_dollars(pd.Series({"value": 14, "scale": "billion"})) == 14e9
    assert common.in_dollars(pd.Series({"value": 250, "scale": "one"})) == 250.0


def test_theme_claims_and_evidence_tables_are_in_article_order():
    claims = pd.DataFrame({"claim_id": ["c-b", "c-a", "c-c"], "paragraph": [2, 2, 1], "theme": ["t", "t", "u"],
                           "claim_type": ["event"] * 3, "quote": ["q2", "q1", "q3"]})
    words = "The article's words"
    own = common.theme_claims(claims, "t")
    assert list(own.claim_id) == ["c-a", "c-b"] and list(own.index) == [0, 1]
    assert list(own.columns) == list(claims.columns)
    assert list(common.evidence_table(claims)[words]) == ["q3", "q1", "q2"]  # ¶1, then ¶2 in claim-id order
    assert list(common.evidence_table(claims, "u")[words]) == ["q3"]


def test_key_and_prose_split_one_set_of_numbers_computed_once_per_data():
    class Data:  # stands for a loaded `Tables`
        pass

    computed = []

    def chapter_numbers(tables):
        computed.append(tables)
        return {"a": len(computed), "b": 2, "c": 3}

    key_numbers, prose_numbers = common.key_and_prose(chapter_numbers, ("c", "a"))
    first, second = Data(), Data()
    assert key_numbers(first) == {"c": 3, "a": 1} and prose_numbers(first) == {"b": 2}
    assert key_numbers(second) == {"c": 3, "a": 2} and key_numbers(first)["a"] == 1
    assert computed == [first, second]


def _print_extension():
    from tests.test_print import print_extension

    return print_extension()


def test_record_dates_are_listed_in_date_order_once_each(data):
    record = data["record_events"].iloc[::-1]
    talks = ("rec-2018-11-moscow-format", "rec-2017-04-moscow-format")
    assert common.record_dates(record, talks) == "2017 and 2018"
    assert common.record_dates(record, talks, unit="month") == "April 2017 and November 2018"
    same_year = ("rec-2017-04-moscow-format", "rec-2017-06-sco-membership", "rec-2017-09-druzhba")
    assert common.record_dates(record, same_year) == "2017"
    assert common.record_dates(record, same_year, unit="month") == "April 2017, June 2017 and September 2017"


def test_numbers_computed_once_per_load_never_reach_another_load(data_copy):
    """`key_and_prose` keeps each load's numbers by the load's id; a later load may be given a freed id, and
    must still get its own numbers (alternating loads of two data folders, a freed id soon reused)."""
    from tests.conftest import read_rows, set_cell

    rows = read_rows(data_copy / "drivers.csv")
    unpulled = next(n for n, row in enumerate(rows[1:]) if row[rows[0].index("pull")] == "not shown")
    set_cell(data_copy, "drivers", unpulled, "pull", "pulls closer")
    expected = {None: overview.key_numbers(load.tables())["firm_names"]}
    expected[data_copy] = overview.key_numbers(load.tables(data_copy))["firm_names"]
    assert expected[data_copy] != expected[None]
    for turn in range(40):
        folder = data_copy if turn % 2 else None
        assert overview.key_numbers(load.tables(folder))["firm_names"] == expected[folder], turn
