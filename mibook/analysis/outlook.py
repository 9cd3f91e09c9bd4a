"""The outlook's numbers: Janjua's blueprint set against what the article records in each item's
theme, and the issues on which both sides are stated."""

import pandas as pd

from mibook.analysis.common import key_and_prose, paragraph_refs, quantity, with_evidence

# The chapter each theme's evidence lives in (bilateral framing claims close the overview).
CHAPTER_FILES = {
    "bilateral": "overview.md",
    "afghanistan": "afghanistan.md",
    "defence": "defence.md",
    "energy": "energy.md",
    "trade": "trade.md",
    "sco-cpec": "sco-cpec.md",
}
# Our short labels for the blueprint items (the verbatim wording stays in `text`).
SHORT_LABELS = {
    "p-free-trade-agreement": "Free trade agreement",
    "p-strategic-cooperation": "Strategic cooperation and understanding",
    "p-defence-relations": "Defence relations",
    "p-cpec-participation": "Russian participation in CPEC",
    "p-people-to-people": "People-to-people relations",
    "p-regional-framework": "Regional framework for peace and development",
}
SIDES = ("russia", "pakistan")  # Moscow and Islamabad, in that order
IN_PLACE = ("stated",)  # a tie as it is: not offered, welcomed, rejected, proposed or past
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {"p_engagement": "c-bilateral-05", "p_blueprint": "c-bilateral-07", "p_processes": "c-bilateral-10",
                  "p_conclusion": "c-trade-06"}
GROUNDING_LABELS = {
    "ties_in_place": "Ties in place",
    "russian_positions": "Russian positions",
    "pakistani_positions": "Pakistani positions",
}


def blueprint(tables) -> pd.DataFrame:
    """The six items of Janjua's blueprint in her order, with theme, chapter file and evidence."""
    proposals = tables["proposals"]
    items = proposals[proposals.blueprint_order.notna()].sort_values("blueprint_order")
    items = with_evidence(items, tables["claims"]).astype({"theme": str})
    items["order"] = items.blueprint_order.astype(int)
    items["item"] = items.proposal_id.map(SHORT_LABELS).fillna(items.text)
    items["chapter"] = items.theme.map(CHAPTER_FILES)
    return items[["order", "proposal_id", "item", "text", "theme", "chapter", "claim_id", "paragraph",
                  "quote"]].reset_index(drop=True)


def issue_positions(tables) -> pd.DataFrame:
    """One row per issue: each side's stance, claim and speaker, the alignment, and the theme of its first claim."""
    claims = tables["claims"].astype({"theme": str, "speaker": str})
    positions = with_evidence(tables["positions"], claims).astype({"alignment": str})
    positions = positions.merge(claims[["claim_id", "theme", "speaker"]], on="claim_id")
    rows = []
    for issue, group in positions.groupby("issue", sort=False):
        group = group.sort_values(["paragraph", "claim_id"])
        row = {"issue": issue, "alignment": _issue_alignment(group), "paragraph": int(group.paragraph.min()),
               "theme": group.theme.iloc[0]}
        for side in SIDES:
            stated = group[group.actor_id == side]
            row[f"{side}_claim"] = stated.claim_id.iloc[0] if len(stated) else None
            row[f"{side}_speaker"] = stated.speaker.iloc[0] if len(stated) else None
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["sides_stated"] = frame[[f"{s}_claim" for s in SIDES]].notna().sum(axis=1)
    return frame.sort_values(["paragraph", "issue"]).reset_index(drop=True)


def _issue_alignment(group: pd.DataFrame) -> str:
    for alignment in ("diverge", "shared-challenge", "converge"):
        if alignment in set(group.alignment):
            return alignment
    return "unilateral"


def position_summary(tables) -> dict[str, int]:
    """How the issues stated for both sides compare: converging positions, shared challenges, divergence."""
    issues = issue_positions(tables)
    both = issues[issues.sides_stated == len(SIDES)]
    return {
        "issues": len(issues),
        "both_sides": len(both),
        "converge": int((both.alignment == "converge").sum()),
        "shared_challenges": int((both.alignment == "shared-challenge").sum()),
        "diverge": int((issues.alignment == "diverge").sum()),
        "one_side": int((issues.sides_stated == 1).sum()),
    }


def grounding_cells(tables) -> pd.DataFrame:
    """What the article already records in each blueprint item's theme, one row per item and measure.

    Measures: Russia–Pakistan ties in place (stated, not tension) and each side's stated positions
    (an issue's theme is that of its first claim). `counted` lists the claims behind each count and
    `voices` their speakers. Matching is by theme only: it shows where the
    article has material, not that the item follows from it.
    """
    relations = tables["relations"].astype({"theme": str, "status": str, "kind": str})
    pair = relations.source.isin(SIDES) & relations.target.isin(SIDES)
    in_place = relations[pair & relations.status.isin(IN_PLACE) & (relations.kind != "tension")]
    issues = issue_positions(tables)
    speakers = tables["claims"].set_index("claim_id").speaker.astype(str)
    sources = {
        "ties_in_place": lambda t: in_place[in_place.theme == t].claim_id,
        "russian_positions": lambda t: issues[(issues.theme == t) & issues.russia_claim.notna()].russia_claim,
        "pakistani_positions": lambda t: issues[(issues.theme == t) & issues.pakistan_claim.notna()].pakistan_claim,
    }
    rows = []
    for item in blueprint(tables).itertuples():
        for measure, source in sources.items():
            counted = list(source(item.theme))
            rows.append({"order": item.order, "proposal_id": item.proposal_id, "item": item.item,
                         "theme": item.theme, "measure": measure, "measure_label": GROUNDING_LABELS[measure],
                         "count": len(counted), "counted": ", ".join(sorted(set(counted))),
                         "voices": sorted({speakers[c] for c in counted}), "paragraph": item.paragraph})
    return pd.DataFrame(rows)


def blueprint_grounding(tables) -> pd.DataFrame:
    """The blueprint items with one count column per grounding measure (see `grounding_cells`)."""
    cells = grounding_cells(tables)
    counts = cells.pivot(index="order", columns="measure", values="count")[list(GROUNDING_LABELS)]
    return blueprint(tables).merge(counts.reset_index(), on="order")


def item_measure(tables, proposal_id: str, measure: str) -> pd.Series:
    """One cell of the grounding chart (count, claims counted, their voices): the prose quotes the chart."""
    cells = grounding_cells(tables)
    return cells[(cells.proposal_id == proposal_id) & (cells.measure == measure)].iloc[0]


KEY_POINTS = ("blueprint_items", "items_no_russian_view")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number, date and ¶ reference the outlook shows, ready to print (`KEY_POINTS` names the key points')."""
    events = tables["events"].set_index("event_id")
    items = blueprint_grounding(tables).set_index("proposal_id")
    summary = position_summary(tables)
    issues = issue_positions(tables)
    return {
        "blueprint_items": len(items),
        "items_no_russian_view": int((items.russian_positions == 0).sum()),
        "issues_both": summary["both_sides"],
        "blueprint_date": str(events.loc["ev-2019-03-janjua-blueprint"].date_label),
        "items_with_russian_view": int((items.russian_positions > 0).sum()),
        "cpec_order": int(items.loc["p-cpec-participation", "order"]),
        "processes_total": int(quantity(tables["quantities"], "bilateral-processes").value),
        "issues_converge": summary["converge"],
        "issues_shared": summary["shared_challenges"],
        "items_russian_view_list": item_list(items[items.russian_positions > 0]),
        "items_no_russian_view_list": item_list(items[items.russian_positions == 0]),
        "issues_both_list": "; ".join(issues[issues.sides_stated == 2].issue),
        **paragraph_refs(tables["claims"], PARAGRAPH_REFS),
    }


def item_list(items: pd.DataFrame) -> str:
    """Blueprint items for running text, lower-cased where Janjua's own wording starts lower-case."""
    return "; ".join(i[0].lower() + i[1:] if t[0].islower() else i for i, t in zip(items["item"], items.text,
                                                                                  strict=True))


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
