"""The Afghanistan chapter's analysis, pinned on the real data."""

import pandas as pd

from mibook import labels
from mibook.analysis import afghanistan, common


def test_theme_claims_are_the_seven_afghanistan_claims_in_article_order(data):
    claims = common.theme_claims(data["claims"], afghanistan.THEME)
    assert list(claims.claim_id) == [f"c-afghanistan-0{n}" for n in range(1, 8)]


def test_key_and_prose_numbers(data):
    # the key points: the three-way statement's month; the body: the record's talks (context)
    assert afghanistan.key_numbers(data) == {"trilateral_date": "December 2016"}
    prose = afghanistan.prose_numbers(data)
    assert prose["moscow_rounds"] == "April 2017 and November 2018"
    assert (prose["p_talks"], prose["p_spillover"], prose["p_convergence"], prose["p_processes"],
            prose["p_framework"]) == ("¶3", "¶6", "¶8", "¶9", "¶8")
    assert (prose["us_talks_date"], prose["us_ask_date"]) == ("October 2018", "December 2018")


def test_speaker_names_fall_back_to_the_id():
    assert labels.speaker_name("janjua").startswith("Tehmina Janjua, Pakistan's Foreign Secretary")
    assert labels.speaker_name("someone") == "someone"
    assert pd.Series(["author"]).map(labels.speaker_name).iloc[0] == "Sitwat Waqar Bokhari, the author"

