"""The Afghanistan chapter's numbers: every Afghanistan statement in the article, what kind each is
(joint cooperation, a Russian step, a shared position, a shared problem, a proposal), and who makes it;
and the dates of the record's Afghan talks (context)."""

import pandas as pd

from mibook.analysis import common
from mibook.analysis.common import with_evidence

THEME = "afghanistan"
SHARED = "shared-challenge"
KINDS = ["Joint cooperation", "Russian step", "Shared position", "Shared problem", "Diverging position", "Proposal"]
ISSUE_KINDS = {"converge": "Shared position", SHARED: "Shared problem", "diverge": "Diverging position"}
PROCESS_LABELS = {"dp-afghan-peace": "Afghan peace", "dp-drug-trafficking": "drug trafficking"}
PARAGRAPH_REFS = {"p_evidence": "c-bilateral-01", "p_talks": "c-afghanistan-01", "p_spillover": "c-afghanistan-03",
                  "p_convergence": "c-afghanistan-06"}


def issue_kinds(tables) -> pd.DataFrame:
    """The Afghanistan issues both sides are stated on, one row each: a shared position ('converge')
    or a shared challenge (a problem said to affect or face both, not a position)."""
    claims = tables["claims"]
    rows = with_evidence(tables["positions"], claims).merge(claims[["claim_id", "theme"]], on="claim_id")
    rows = rows[rows.theme == THEME].astype({"alignment": str})
    table = rows.groupby("issue", sort=False).agg(paragraph=("paragraph", "min"), claim_id=("claim_id", "first"),
                                                  alignment=("alignment", "first"))
    return table.reset_index().sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


def thread(tables) -> pd.DataFrame:
    """Every Afghanistan statement in article order: ¶, kind (see `KINDS`), short label, who acts, speaker.

    ¶9's Afghan items are examples the article gives of its 11 dialogue processes ("including")."""
    claims, relations = tables["claims"], tables["relations"]
    ties = relations[relations.theme == THEME]
    pair = ties.source.isin(["russia", "pakistan"]) & ties.target.isin(["russia", "pakistan"])
    processes = tables["processes"][tables["processes"].theme == THEME]
    joint = ties[pair & (ties.kind == "cooperation") & ~ties.claim_id.isin(processes.claim_id)]
    issues = issue_kinds(tables)
    impact = ties[(ties.kind == "impact") & ~ties.claim_id.isin(issues.claim_id)].drop_duplicates("claim_id")
    proposals = tables["proposals"][tables["proposals"].theme == THEME]
    parts = [
        joint.assign(kind="Joint cooperation", item=joint.label, acts="Russia and Pakistan"),
        processes.assign(kind="Joint cooperation", item="Dialogue: " + processes.process_id.map(PROCESS_LABELS),
                         acts="Russia and Pakistan"),
        ties[ties.kind == "support"].assign(kind="Russian step", item="Moscow talks on Afghan peace",
                                            acts="Russia"),
        issues.assign(kind=issues.alignment.map(ISSUE_KINDS),
                      item=issues.issue, acts="Russia and Pakistan"),
        impact.assign(kind="Shared problem", item="Impact on Central Asia, Russia, Pakistan",
                      acts="Afghanistan"),
        proposals.assign(kind="Proposal", item="Regional framework for peace",
                         acts="Russia and Pakistan"),
    ]
    rows = pd.concat([p[["claim_id", "kind", "item", "acts"]] for p in parts], ignore_index=True)
    rows = with_evidence(rows, claims).merge(claims[["claim_id", "speaker"]], on="claim_id")
    rows["speaker"] = rows.speaker.astype(str)
    rows["kind_rank"] = rows.kind.map(KINDS.index)
    return rows.sort_values(["paragraph", "kind_rank", "item"]).reset_index(drop=True)


# The record's talks on Afghanistan in Moscow (context): the Russia–China–Pakistan meeting, and the regional
# rounds Russia hosted with Pakistan taking part.
RECORD_TRILATERAL = "rec-2016-12-trilateral-afghanistan"
RECORD_ROUNDS = ("rec-2017-04-moscow-format", "rec-2018-11-moscow-format")
RECORD_US_TALKS = "rec-2018-10-doha-meeting"  # the US track with the Taliban, which the article leaves out
RECORD_US_ASK = "rec-2018-12-trump-letter"  # the US asking Pakistan's help with the Taliban (by Pakistan's account)
KEY_POINTS = ("shared_positions", "trilateral_date")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the Afghanistan chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    rows = thread(tables)
    return {
        "shared_positions": int((rows.kind == "Shared position").sum()),
        "trilateral_date": common.record_dates(tables["record_events"], [RECORD_TRILATERAL], unit="month"),
        "moscow_rounds": common.record_dates(tables["record_events"], RECORD_ROUNDS, unit="month"),
        "us_talks_date": common.record_dates(tables["record_events"], [RECORD_US_TALKS], unit="month"),
        "us_ask_date": common.record_dates(tables["record_events"], [RECORD_US_ASK], unit="month"),
        **common.paragraph_refs(tables["claims"], PARAGRAPH_REFS),
    }


key_numbers, prose_numbers = common.key_and_prose(chapter_numbers, KEY_POINTS)

