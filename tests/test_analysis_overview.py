"""The case chapter's analysis and the landing page's numbers, pinned on the real data and synthetic rows."""

import pandas as pd
import pytest

from mibook.analysis import overview


def test_the_brake_is_named_for_the_prose(data):
    assert overview.prose_numbers(data)["apart_names"] == "Russia's decades with India"


def test_military_ties_are_cited_where_the_article_gives_them_as_evidence(data):
    assert overview.prose_numbers(data)["p_ties_evidence"] == "¶1"
    claims = data["claims"].copy()
    claims.loc[claims.claim_id == "c-bilateral-03", "paragraph"] = 4
    tables = {name: data[name] for name in ("drivers", "record_events", "sources", "checks", "quantities")}
    assert overview.prose_numbers({**tables, "claims": claims})["p_ties_evidence"] == "¶4"


def test_russias_wider_return_is_cited_where_the_article_frames_it(data):
    assert (overview.prose_numbers(data)["p_proactive"], overview.prose_numbers(data)["p_return"]) == ("¶1", "¶5")


def test_record_numbers_count_the_context_events(data):
    assert overview.record_numbers(data) == {"record_events": len(data["record_events"]), "record_first": 2014,
                                             "record_last": 2019}


def test_key_and_summary_numbers(data):
    assert overview.key_numbers(data) == {
        "firm_names": "the Afghan endgame", "weak_names": "America's tilt to India", "agreement_year": "2014",
        "helicopter_year": "2015", "exercises_from": "2016", "training_year": "2018", "pledge_year": "2019"}
    summary = overview.summary_numbers(data)
    assert summary == {
        "firm_names": "the Afghan endgame",
        "weak_names": "America's tilt to India",
        "offered_count": "three", "none_names": "China's economic corridor",
        "apart_names": "Russia's decades with India",
        "record_last": 2019, "p_tactical": "¶6", "p_alliance": "¶1", "p_partnership": "¶1",
        "p_conclusion": "¶10", "p_poles": "¶2", "p_investment": "¶4",
        "defence_first": 2014, "defence_last": 2018,
        "trade": "$660 million", "trade_period": "first 10 months of 2018", "investment": "$14 billion"}


def test_the_record_runs_to_the_year_its_last_event_ends(data):
    record = data["record_events"].copy()
    last = record.index[-1]
    record.loc[last, ["date_start", "date_end"]] = [pd.Timestamp("2019-12-20"), pd.Timestamp("2020-01-10")]
    assert overview.record_numbers({"record_events": record})["record_last"] == 2020


def test_the_defence_steps_span_every_year_or_the_takeaway_fails(data):
    """The timeline's takeaway ("defence steps recur every year from A to B") is computed, and refuses to
    stand when the record's defence steps skip a year."""
    record = data["record_events"].copy()
    assert overview.defence_years({"record_events": record}) == {"defence_first": 2014, "defence_last": 2018}
    defence = record.theme.astype(str) == "defence"
    gap = record[~(defence & (record.date_start.dt.year == 2016))]
    with pytest.raises(LookupError, match=r"skip a year: \[2014, 2015, 2017, 2018\]"):
        overview.defence_years({"record_events": gap})
    later = record.copy()
    later.loc[defence & (record.date_start.dt.year == 2014), "date_start"] = pd.Timestamp("2015-03-01")
    assert overview.defence_years({"record_events": later}) == {"defence_first": 2015, "defence_last": 2018}


def test_small_counts_read_as_words_and_larger_ones_as_digits():
    from mibook.labels import in_words

    assert [in_words(n) for n in (0, 1, 3, 12, 13)] == ["0", "one", "three", "twelve", "13"]
    assert " ".join(in_words(n) for n in range(1, 13)) == (
        "one two three four five six seven eight nine ten eleven twelve")
