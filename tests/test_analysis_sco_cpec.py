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


def test_poles_carry_their_map_names_and_computed_points(data):
    poles = sco_cpec.poles(data)
    assert list(poles.columns) == ["pole", "actor_id", "state", "map_name", "lon", "lat", "claim_id", "paragraph",
                                   "quote"]
    assert [(p.map_name, p.lon, p.lat) for p in poles.itertuples()] == [
        ("Russia", 99.89, 61.73), ("China", 103.87, 36.61), ("Pakistan", 69.41, 29.97), ("Iran", 54.29, 32.52)]
    assert list(poles.index) == [0, 1, 2, 3]


def test_claims_by_voice_name_each_speaker_and_topic(data):
    rows = sco_cpec.claims_by_voice(data["claims"])
    assert list(rows.columns) == ["claim_id", "order", "paragraph", "speaker", "voice", "claim_type", "topic",
                                  "quote"]
    first = rows.iloc[2]
    assert (first.claim_id, first.voice, first.topic) == ("c-sco-cpec-03", "Putin (as reported)",
                                                          "Four poles of Eurasia")
    assert list(sco_cpec.pole_pairs(data).columns) == ["first", "second", "ties"]


def test_all_prose_numbers(data):
    assert sco_cpec.prose_numbers(data) == {"cpec_item": 4, "blueprint_items": 6, "p_poles": "¶2",
                                            "p_multipolar": "¶5", "p_sco": "¶7", "p_blueprint": "¶8"}


def test_cpec_claims_carry_exactly_their_columns(data):
    cpec = sco_cpec.cpec_claims(data["claims"])
    assert list(cpec.columns) == ["claim_id", "paragraph", "claim_type", "speaker", "quote"]
    assert list(cpec.index) == list(range(len(cpec)))
