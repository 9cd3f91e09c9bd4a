"""SCO, CPEC and Eurasia analysis pinned on the real data."""

from mibook.analysis import sco_cpec


def test_cpec_rests_on_a_research_fellow_and_a_proposal(data):
    cpec = sco_cpec.cpec_claims(data["claims"])
    assert list(cpec.speaker) == ["serenko", "janjua"]
    assert list(cpec.claim_type) == ["assessment", "proposal"]


def test_numbers(data):
    assert sco_cpec.key_numbers(data) == {"speech_date": "June 2016", "sco_support_date": "December 2014",
                                          "ufa_date": "July 2015"}
    assert sco_cpec.prose_numbers(data) == {"cpec_item": 4, "blueprint_items": 6, "p_poles": "¶2",
                                            "p_sco": "¶7", "p_blueprint": "¶8", "p_multipolar": "¶5",
                                            "cpec_support_date": "December 2016",
                                            "cpec_denial_date": "November 2016"}


def test_cpec_claims_carry_exactly_their_columns(data):
    cpec = sco_cpec.cpec_claims(data["claims"])
    assert list(cpec.columns) == ["claim_id", "paragraph", "claim_type", "speaker", "quote"]
    assert list(cpec.index) == list(range(len(cpec)))
