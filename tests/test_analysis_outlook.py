"""The outlook's numbers pinned on the real data and on edited rows: the blueprint, the processes, the ¶ refs."""

from mibook.analysis import outlook


def test_blueprint_is_the_six_items_in_janjuas_order(data):
    items = outlook.blueprint(data)
    assert list(items.order) == [1, 2, 3, 4, 5, 6]
    assert list(items.theme) == ["trade", "bilateral", "defence", "sco-cpec", "bilateral", "afghanistan"]
    assert set(items.paragraph) == {8}
    assert all(item.text in item.quote for item in items.itertuples())
    assert list(items.columns) == ["order", "proposal_id", "text", "theme", "claim_id", "paragraph", "quote"]
    assert list(items.index) == list(range(len(items)))


def test_blueprint_order_comes_from_the_data_not_the_file(data):
    shuffled = data["proposals"].iloc[::-1].reset_index(drop=True)
    items = outlook.blueprint({"proposals": shuffled, "claims": data["claims"]})
    assert list(items.order) == [1, 2, 3, 4, 5, 6]
    assert items.proposal_id.iloc[0] == "p-free-trade-agreement"


def test_numbers(data):
    assert outlook.key_numbers(data) == {"test_year": "2016", "blueprint_items": 6}
    assert outlook.prose_numbers(data) == {"blueprint_date": "late March 2019", "processes_total": 11,
                                           "p_blueprint": "¶8", "p_processes": "¶9",
                                           "p_conclusion": "¶10", "p_china_side": "¶5"}


def test_numbers_follow_the_data(data):
    proposals = data["proposals"].copy()
    proposals.loc[proposals.proposal_id == "p-people-to-people", "blueprint_order"] = None
    tables = {**{name: data[name] for name in ("claims", "quantities", "events", "record_events")},
              "proposals": proposals}
    assert outlook.key_numbers(tables) == {"test_year": "2016", "blueprint_items": 5}
