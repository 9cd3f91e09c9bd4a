"""SCO, CPEC and Eurasia analysis pinned on the real data."""

from mibook import article
from mibook.analysis import sco_cpec


def test_poles_follow_putins_compass(data):
    poles = sco_cpec.poles(data)
    assert list(poles.pole) == ["north", "east", "south", "west"]
    assert list(poles.state) == ["Russia", "China", "Pakistan", "Iran"]
    assert set(poles.claim_id) == {"c-sco-cpec-03"} and set(poles.paragraph) == {2}
    (paragraph,) = [article.normalise(p.text) for p in data.paragraphs if p.number == 2]
    assert all(article.normalise(q) in paragraph for q in poles.quote)
    assert poles.set_index("pole").lat.idxmax() == "north"
    assert poles.set_index("pole").lon.idxmin() == "west"


def test_the_corridor_ties_china_to_pakistan(data):
    counts = {(r.first, r.second): r.ties for r in sco_cpec.pole_pairs(data).itertuples()}
    assert counts == {("china", "iran"): 0, ("china", "pakistan"): 1, ("china", "russia"): 3,
                      ("iran", "pakistan"): 0, ("iran", "russia"): 1, ("pakistan", "russia"): 14}


def test_cpec_rests_on_a_research_fellow_and_a_proposal(data):
    cpec = sco_cpec.cpec_claims(data["claims"])
    assert list(cpec.speaker) == ["serenko", "janjua"]
    assert list(cpec.claim_type) == ["assessment", "proposal"]


def test_claims_by_voice_are_in_article_order_with_topics(data):
    rows = sco_cpec.claims_by_voice(data["claims"])
    assert list(rows.order) == list(range(1, 13))
    assert set(rows.claim_id) == set(sco_cpec.TOPICS)
    assert rows.voice.str.contains("author|Janjua|Putin|Serenko").all()


def test_numbers(data):
    assert sco_cpec.key_numbers(data) == {"poles_year": "2016", "poles": 4, "tied_pairs": 4, "pole_pairs": 6,
                                          "cpec_claims": 2, "claims": 12, "author_claims": 7}
    prose = sco_cpec.prose_numbers(data)
    assert (prose["cpec_item"], prose["blueprint_items"], prose["p_sco"]) == (4, 6, "¶7")
