"""SCO, CPEC and Eurasia analysis pinned on the real data."""


from mibook import article
from mibook.analysis import sco_cpec


def test_poles_follow_putins_compass_with_computed_points(data):
    poles = sco_cpec.poles(data)
    assert list(poles.pole) == ["north", "east", "south", "west"]
    assert list(poles.actor_id) == ["russia", "china", "pakistan", "iran"]
    assert list(poles.state) == ["Russia", "China", "Pakistan", "Iran"]
    assert set(poles.point) == {"computed centroid"}
    assert set(poles.claim_id) == {"c-sco-cpec-03"} and set(poles.paragraph) == {2}
    (paragraph,) = [article.normalise(p.text) for p in data.paragraphs if p.number == 2]
    assert all(article.normalise(q) in paragraph for q in poles.quote)
    # every point is plausible for its pole: Russia's the northernmost, Iran's the westernmost
    assert poles.set_index("pole").lat.idxmax() == "north"
    assert poles.set_index("pole").lon.idxmin() == "west"


def test_compass_geometry_is_our_calculation_from_the_points(data):
    geometry = sco_cpec.compass_geometry(sco_cpec.poles(data))
    assert geometry == {"others_lat_spread": 6.6, "north_lead": 25.1, "south_between": True}


def test_every_tie_among_the_poles_runs_through_russia(data):
    pairs = sco_cpec.pole_pairs(data)
    assert len(pairs) == 6
    counts = {(r.first, r.second): r.ties for r in pairs.itertuples()}
    assert counts == {("china", "iran"): 0, ("china", "pakistan"): 0, ("china", "russia"): 3,
                      ("iran", "pakistan"): 0, ("iran", "russia"): 1, ("pakistan", "russia"): 14}
    assert (pairs[pairs.ties > 0].includes_russia).all()
    relations = data["relations"]
    between = relations.source.isin(["russia", "pakistan"]) & relations.target.isin(["russia", "pakistan"])
    assert between.sum() == counts[("pakistan", "russia")]


def test_compass_layout_echoes_the_compass_and_names_real_actors(data):
    layout = sco_cpec.COMPASS_LAYOUT
    assert set(layout) <= set(data["actors"].actor_id)
    assert layout["russia"][1] > layout["china"][1] > layout["pakistan"][1]
    assert layout["iran"][0] < layout["pakistan"][0] < layout["china"][0]
    assert all(-1.1 <= v <= 1.1 for xy in layout.values() for v in xy)
    assert len(set(layout.values())) == len(layout)


def test_compass_relations_are_the_ties_among_the_laid_out_actors(data):
    ties = sco_cpec.compass_relations(data)
    assert len(ties) == 26
    assert ties.source.isin(list(sco_cpec.COMPASS_LAYOUT)).all()
    assert ties.target.isin(list(sco_cpec.COMPASS_LAYOUT)).all()
    assert ties.quote.notna().all()
    assert not ((ties.source == "russia") & (ties.target == "us")).any()  # no Russia–US tie is stated


def test_cpec_rests_on_a_research_fellow_and_a_pakistani_proposal(data):
    cpec = sco_cpec.cpec_claims(data["claims"])
    assert list(cpec.claim_id) == ["c-sco-cpec-05", "c-sco-cpec-12"]
    assert list(cpec.speaker.astype(str)) == ["serenko", "janjua"]
    assert list(cpec.claim_type.astype(str)) == ["assessment", "proposal"]


def test_claims_by_voice(data):
    rows = sco_cpec.claims_by_voice(data["claims"])
    assert len(rows) == 12
    assert rows.speaker.value_counts().to_dict() == {"author": 7, "serenko": 2, "janjua": 2, "putin": 1}
    assert not rows.duplicated(["paragraph", "speaker", "slot"]).any()
    assert rows.loc[rows.claim_id == "c-sco-cpec-10", "slot"].item() == 4  # fifth author claim in ¶5
    assert rows.voice.notna().all()


def test_key_numbers(data):
    assert sco_cpec.key_numbers(data) == {
        "poles": 4, "poles_year": "2016", "pole_ties": 18, "pole_pairs": 6, "tied_pairs": 3, "untied_pairs": 3,
        "cpec_claims": 2, "cpec_item": 4, "blueprint_items": 6,
        "claims": 12, "events": 2, "undated_events": 1, "judgements": 10,
    }


def test_prose_numbers(data):
    numbers = sco_cpec.prose_numbers(data)
    assert numbers["author_claims"] == 7
    assert numbers["russia_pakistan_ties"] == 14 and numbers["compass_ties"] == 26
    assert numbers["others_lat_spread"] == "7" and numbers["north_lead"] == "25"
    assert numbers["point_north"] == "61.7° N, 99.9° E"
    assert numbers["point_west"] == "32.5° N, 54.3° E"
    assert {k: v for k, v in numbers.items() if k.startswith("p_")} == {
        "p_poles": "¶2", "p_multipolar": "¶5", "p_sco": "¶7", "p_blueprint": "¶8", "p_policeman": "¶5",
        "p_new_delhi": "¶10"}
