"""The Afghanistan chapter's analysis, pinned on the real data and on small synthetic tables."""

import pandas as pd

from mibook import labels
from mibook.analysis import afghanistan, common


def test_theme_claims_are_the_seven_afghanistan_claims_in_article_order(data):
    claims = common.theme_claims(data["claims"], afghanistan.THEME)
    assert list(claims.claim_id) == [f"c-afghanistan-0{n}" for n in range(1, 8)]


def test_two_issues_are_positions_and_two_are_shared_challenges(data):
    issues = afghanistan.issue_kinds(data)
    assert dict(zip(issues.issue, issues.alignment, strict=True)) == {
        "Resolution of the Afghan conflict": "converge", "Opium supply": "shared-challenge",
        "Tackling terrorism": "shared-challenge", "Stability in Afghanistan": "converge"}


def test_the_thread_sorts_every_statement_by_kind(data):
    rows = afghanistan.thread(data)
    kinds = rows.groupby("kind").claim_id.apply(list).to_dict()
    assert kinds["Joint cooperation"] == ["c-bilateral-03", "c-bilateral-10", "c-bilateral-10"]  # ¶1, ¶9
    assert kinds["Russian step"] == ["c-afghanistan-01"]
    assert kinds["Shared position"] == ["c-afghanistan-02", "c-afghanistan-06"]
    assert kinds["Shared problem"] == ["c-afghanistan-03", "c-afghanistan-04", "c-afghanistan-05"]
    assert kinds["Proposal"] == ["c-afghanistan-07"]
    assert "Caution" not in kinds  # the article's cautions are about the whole relationship: the outlook's
    assert rows[rows.paragraph == 9]["item"].str.startswith("Dialogue: ").all()
    assert rows.paragraph.is_monotonic_increasing
    assert rows.quote.notna().all()


def test_key_and_prose_numbers(data):
    # the key points: 2 agreements and the three-way statement's month; the body: the record's talks (context)
    assert afghanistan.key_numbers(data) == {"shared_positions": 2, "trilateral_date": "December 2016"}
    prose = afghanistan.prose_numbers(data)
    assert prose["moscow_rounds"] == "April 2017 and November 2018"
    assert (prose["p_talks"], prose["p_spillover"], prose["p_convergence"]) == ("¶3", "¶6", "¶8")
    assert (prose["us_talks_date"], prose["us_ask_date"]) == ("October 2018", "December 2018")


def test_a_diverging_issue_is_neither_a_shared_position_nor_a_challenge(data):
    class Diverging(dict):
        paragraphs = data.paragraphs

    tables = Diverging({name: data[name] for name in ("claims", "relations", "processes", "proposals",
                                                      "quantities", "record_events")})
    positions = data["positions"].copy()
    positions["alignment"] = positions.alignment.astype(str)
    positions.loc[positions.issue == "Opium supply", "alignment"] = "diverge"
    tables["positions"] = positions
    issues = afghanistan.issue_kinds(tables)
    assert set(issues.alignment) == {"converge", "shared-challenge", "diverge"}
    assert (afghanistan.thread(tables).kind == "Shared problem").sum() == 2
    kinds = afghanistan.thread(tables).set_index("item").kind
    assert kinds["Opium supply"] == "Diverging position"


def test_speaker_names_fall_back_to_the_id():
    assert labels.speaker_name("janjua").startswith("Tehmina Janjua, Pakistan's Foreign Secretary")
    assert labels.speaker_name("someone") == "someone"
    assert pd.Series(["author"]).map(labels.speaker_name).iloc[0] == "Sitwat Waqar Bokhari, the author"


def test_the_statements_read_in_article_order_by_kind(data):
    rows = afghanistan.thread(data)
    assert list(rows.columns) == ["claim_id", "kind", "item", "acts", "paragraph", "quote", "speaker", "kind_rank"]
    assert [tuple(r) for r in rows[["paragraph", "kind", "item", "acts", "speaker"]].itertuples(index=False)] == [
        (1, "Joint cooperation", "Cooperation for peace in Afghanistan", "Russia and Pakistan", "author"),
        (3, "Russian step", "Moscow talks on Afghan peace", "Russia", "author"),
        (3, "Shared position", "Resolution of the Afghan conflict", "Russia and Pakistan", "author"),
        (6, "Shared problem", "Impact on Central Asia, Russia, Pakistan", "Afghanistan", "janjua"),
        (6, "Shared problem", "Opium supply", "Russia and Pakistan", "janjua"),
        (6, "Shared problem", "Tackling terrorism", "Russia and Pakistan", "janjua"),
        (8, "Shared position", "Stability in Afghanistan", "Russia and Pakistan", "author"),
        (8, "Proposal", "Regional framework for peace", "Russia and Pakistan", "janjua"),
        (9, "Joint cooperation", "Dialogue: Afghan peace", "Russia and Pakistan", "janjua"),
        (9, "Joint cooperation", "Dialogue: drug trafficking", "Russia and Pakistan", "janjua"),
    ]
    assert rows.speaker.map(type).eq(str).all() and list(rows.index) == list(range(len(rows)))
    issues = afghanistan.issue_kinds(data)
    assert list(issues.columns) == ["issue", "paragraph", "claim_id", "alignment"]
    assert list(issues.index) == list(range(len(issues)))


class _Tables(dict):
    """A dict of tables with the article's paragraphs, like `load.tables()`."""

    def __init__(self, data, **changed):
        super().__init__({name: data[name] for name in ("claims", "relations", "processes", "proposals",
                                                        "positions", "quantities", "record_events")}, **changed)
        self.paragraphs = data.paragraphs


def test_joint_cooperation_is_a_tie_between_the_two_either_way_round(data):
    relations = data["relations"].astype({"source": str, "target": str, "kind": str, "theme": str})
    extra = [{"relation_id": f"r-synthetic-{i}", "claim_id": "c-afghanistan-07", "source": a, "target": b,
              "kind": "cooperation", "directed": False, "status": "stated", "theme": "afghanistan",
              "label": f"Synthetic {a}–{b}"} for i, (a, b) in enumerate([("pakistan", "russia"), ("russia", "china"),
                                                                       ("china", "pakistan")])]
    tables = _Tables(data, relations=pd.concat([relations, pd.DataFrame(extra)], ignore_index=True))
    rows = afghanistan.thread(tables)
    joint = rows[rows.kind == "Joint cooperation"]
    assert "Synthetic pakistan–russia" in set(joint["item"])
    assert not {"Synthetic russia–china", "Synthetic china–pakistan"} & set(rows["item"])


def test_a_shared_position_counted_apart_from_challenges(data):
    positions = data["positions"].astype({"alignment": str})
    positions.loc[positions.issue == "Stability in Afghanistan", "alignment"] = "shared-challenge"
    tables = _Tables(data, positions=positions)
    kinds = afghanistan.thread(tables).kind
    assert (afghanistan.key_numbers(tables)["shared_positions"], (kinds == "Shared problem").sum()) == (1, 4)
