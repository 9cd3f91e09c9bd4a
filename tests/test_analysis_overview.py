"""The overview's analysis and the landing page's numbers, pinned on the real data and synthetic rows."""

import pandas as pd

from mibook.analysis import overview


def test_the_author_gives_30_of_49_claims_and_7_of_12_events_and_figures(data):
    said = overview.voice_numbers(data["claims"])
    assert said == {"claims": 49, "author_claims": 30, "facts": 12, "author_facts": 7, "janjua_claims": 16,
                    "russian_claims": 3, "judgements": 31}


def test_voices_table_uses_names_and_adds_up(data):
    table = overview.voices(data["claims"]).set_index("Speaker")
    assert table.loc["All speakers", "All claims"] == 49
    assert table.loc["Sitwat Waqar Bokhari, the author", "Events and figures"] == 7
    assert not any(s in {"author", "janjua", "putin", "serenko"} for s in table.index)


def test_tie_pairs_aggregate_both_directions_and_code_the_corridor(data):
    pairs = overview.tie_pairs(data)
    by = pairs.set_index(["pair", "kind"]).ties
    assert by[("Russia – Pakistan", "cooperation")] == 8
    assert by[("Russia – Pakistan", "mediation")] == 2  # offered, then welcomed
    assert by[("Pakistan – China", "cooperation")] == 1  # the China-Pakistan Economic Corridor
    assert by[("Russia – CPEC", "cooperation")] == 1
    assert pairs.ties.sum() == len(data["relations"]) == 36
    assert pairs.pair.iloc[0] == "Russia – Pakistan"
    assert (pairs.labels.str.split(" · ").str.len() == pairs.ties).all()  # one listed label per tie
    assert overview.tie_numbers(data) == {"ties": 36, "pairs": 17, "russia_pakistan_ties": 14, "russia_ties": 27}


def test_short_names_use_the_articles_abbreviation_only_for_long_names():
    actors = pd.DataFrame({"actor_id": ["a", "b", "c"], "name": ["Russia", "China-Pakistan Economic Corridor",
                                                                  "A very long name without any alias"],
                           "aliases": ["Moscow; Kremlin", "CPEC", None]})
    assert list(overview.short_names(actors)) == ["Russia", "CPEC", "A very long name without any alias"]


def test_timeline_spans_and_undated_events(data):
    dated = overview.timeline(data["events"], data["claims"])
    undated = overview.undated_events(data["events"], data["claims"])
    assert (len(dated), len(undated)) == (6, 6)
    assert (dated.end_exclusive > dated.date_start).all()
    assert undated.paragraph.is_monotonic_increasing


def test_paragraph_outline_names_themes_and_speakers(data):
    outline = overview.paragraph_outline(data).set_index("¶")
    assert len(outline) == 10 and outline.Claims.sum() == 49
    assert outline.loc["¶9", overview.SPEAKERS_COLUMN] == "Tehmina Janjua"
    assert outline.loc["¶2", "Themes"] == "SCO, CPEC and Eurasia"


def test_key_and_summary_numbers(data):
    assert overview.key_numbers(data) == {"author_claims": 30, "claims": 49, "author_facts": 7, "facts": 12,
                                          "janjua_claims": 16, "russian_claims": 3, "judgements": 31,
                                          "dated_events": 6, "events": 12}
    assert overview.summary_numbers(data) == {
        "author_claims": 30, "claims": 49, "russian_claims": 3, "afghan_agreements": 2, "afghan_challenges": 2,
        "trade": "$660 million", "trade_period": "first ten months of 2018", "investment": "$14 billion",
        "blueprint_items": 6, "items_no_russian_view": 3}


def test_voices_table_rows_most_claims_first_with_zero_cells(data):
    table = overview.voices(data["claims"])
    assert list(table.columns) == ["Speaker", "Events and figures", "Assessments", "Proposals", "Background",
                                   "All claims"]
    assert [list(row) for row in table.itertuples(index=False)] == [
        ["Sitwat Waqar Bokhari, the author", 7, 15, 3, 5, 30],
        ["Tehmina Janjua, Pakistan's Foreign Secretary (as reported)", 4, 3, 8, 1, 16],
        ["Dr Nikolaevna Serenko, Russian research fellow (as reported)", 0, 2, 0, 0, 2],
        ["Putin (as reported)", 1, 0, 0, 0, 1],
        ["All speakers", 12, 20, 11, 6, 49],
    ]


def test_paragraph_outline_lists_themes_by_weight_and_speakers_in_order():
    claims = pd.DataFrame({"paragraph": [4, 4, 4, 5], "theme": ["trade", "defence", "defence", "energy"],
                           "speaker": ["author", "janjua", "author", "putin"]})
    outline = overview.paragraph_outline({"claims": claims})
    assert outline.to_dict("records") == [
        {"¶": "¶4", "Themes": "Defence; Trade", "Claims": 3,
         overview.SPEAKERS_COLUMN: "Sitwat Waqar Bokhari; Tehmina Janjua"},
        {"¶": "¶5", "Themes": "Energy", "Claims": 1, overview.SPEAKERS_COLUMN: "Putin (as reported)"},
    ]


def test_article_profile_counts_body_paragraphs_and_dated_events(data):
    assert overview.article_profile(data) == {"body_paragraphs": 10, "dated_events": 6, "undated_events": 6}


def test_tie_pairs_read_as_the_matrix_and_its_table_show_them(data):
    pairs = overview.tie_pairs(data)
    assert list(pairs.columns) == ["pair", "kind", "ties", "labels", "paragraphs", "pair_ties", "kind_label"]
    first = pairs[pairs.pair == "Russia – Pakistan"]
    # kinds in the order the article first states them
    assert list(first.kind) == ["tension", "cooperation", "alignment", "mediation", "support"]
    mediation = first.set_index("kind").loc["mediation"]
    assert mediation.labels == ("Russia offered to mediate between India and Pakistan · "
                                "Pakistan welcomed Moscow's mediation offer")
    assert (mediation.paragraphs, mediation.kind_label, mediation.pair_ties) == ("¶3", "Mediation", 14)
    assert first.set_index("kind").loc["cooperation", "paragraphs"] == "¶1, ¶4, ¶9"


def test_voices_table_keeps_a_group_no_claim_falls_in():
    claims = pd.DataFrame({"speaker": ["author", "putin", "author"], "claim_type": ["event", "assessment", "figure"]})
    table = overview.voices(claims).set_index("Speaker")
    assert table["Proposals"].tolist() == [0, 0, 0] and table["Background"].tolist() == [0, 0, 0]
    assert table.loc["All speakers"].tolist() == [2, 1, 0, 0, 3]


def test_tie_pairs_put_russia_then_pakistan_first_then_the_most_tied(data):
    pairs = list(dict.fromkeys(overview.tie_pairs(data).pair))
    assert pairs[:4] == ["Russia – Pakistan", "Russia – China", "Russia – India", "Russia – Afghanistan"]
    assert pairs[9:12] == ["Pakistan – Afghanistan", "Pakistan – China", "Pakistan – India"]
    assert pairs[-3:] == ["Afghanistan – Central Asia", "Gazprom International – OGDCL", "United States – India"]


def test_short_names_keep_a_name_of_exactly_the_limit_and_take_the_first_alias():
    actors = pd.DataFrame({"actor_id": ["a", "b"], "name": ["x" * 24, "y" * 25],
                           "aliases": ["short", "CPEC; the Corridor"]})
    assert list(overview.short_names(actors)) == ["x" * 24, "CPEC"]
    assert list(overview.short_names(actors, longest=25)) == ["x" * 24, "y" * 25]


def test_timeline_ends_the_day_after_the_last_possible_day(data):
    dated = overview.timeline(data["events"], data["claims"])
    assert ((dated.end_exclusive - dated.date_end) == pd.Timedelta(days=1)).all()
    assert list(dated.columns) == [*data["events"].columns, "end_exclusive", "paragraph", "quote"]
    undated = overview.undated_events(data["events"], data["claims"])
    assert list(undated.columns) == [*data["events"].columns, "paragraph", "quote"]
    assert list(undated.index) == list(range(len(undated)))


def test_summary_counts_afghan_agreements_apart_from_challenges(data):
    positions = data["positions"].astype({"alignment": str})
    positions.loc[positions.issue == "Stability in Afghanistan", "alignment"] = "shared-challenge"
    tables = {name: data[name] for name in ("claims", "relations", "processes", "proposals", "quantities",
                                            "events")}
    summary = overview.summary_numbers({**tables, "positions": positions})
    assert (summary["afghan_agreements"], summary["afghan_challenges"]) == (1, 3)
