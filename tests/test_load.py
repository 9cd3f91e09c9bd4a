import pandas as pd
import pytest

from mibook import load
from mibook.validate import DataError
from tests.conftest import set_cell


def test_tables_are_typed():
    data = load.tables()
    claims, events, quantities = data["claims"], data["events"], data["quantities"]
    assert isinstance(claims.theme.dtype, pd.CategoricalDtype)
    assert list(claims.theme.cat.categories) == ["bilateral", "afghanistan", "defence", "energy", "trade", "sco-cpec"]
    assert str(claims.paragraph.dtype) == "Int64"
    assert str(quantities.value.dtype) == "Float64"
    assert pd.api.types.is_datetime64_any_dtype(events.date_start)
    assert str(data["relations"].directed.dtype) == "boolean"
    assert claims.claim_id.is_unique


def test_undated_events_stay_undated():
    events = load.events()
    undated = events[events.date_precision == "unstated"]
    assert len(undated) > 0
    assert undated.date_start.isna().all() and undated.date_end.isna().all()


def test_invalid_data_cannot_be_loaded(data_copy):
    set_cell(data_copy, "claims", 0, "paragraph", "99")
    with pytest.raises(DataError) as raised:
        load.tables(data_copy)
    assert "data/claims.csv:2: paragraph:" in str(raised.value)


def test_tables_returns_copies():
    load.claims().drop(columns="quote")
    assert "quote" in load.claims().columns
