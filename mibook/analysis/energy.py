"""The energy chapter's numbers: the Gazprom International–OGDCL MoU and its aims, what the article
states about the MoU and the $14 billion investment, and the article's three dollar figures.

Nothing here is computed beyond the article's own figures: the scale chart draws them as stated.
"""

import pandas as pd

from mibook.analysis import common
from mibook.analysis.common import in_dollars, key_and_prose, money, quantity, stated_details, with_evidence

THEME = "energy"
MOU_EVENT = "ev-2017-gazprom-ogdcl-mou"
HEADLINE = "investment"  # the landing page's number from this chapter: "$14 billion"
MOU, INVESTMENT = "The memorandum (MoU)", "The investment"
# What the details grid asks of the MoU and the investment, and our reading of the words that answer
# it (the date comes from the events table, the value from quantities). Each is checked verbatim.
DETAILS = ("Who", "When", "For what", "How much", "Which project or field", "Signed, pledged or spent?")
ANSWERS = {
    (MOU, "Who"): ("c-energy-02", "Russia’s Gazprom International and Pakistan’s … (OGDCL)"),
    (MOU, "For what"): ("c-energy-02", "mutual cooperation, joint ventures and using the state-of-the-art "
                                       "technology with Pakistan to aid in exploration and development"),
    (MOU, "Signed, pledged or spent?"): ("c-energy-02", "signed an MoU in Moscow"),
    (INVESTMENT, "Who"): ("c-energy-04", "the country’s … investment in Pakistan"),
    (INVESTMENT, "For what"): ("c-energy-04", "in this regard … the first step in this direction"),
}
# The article's dollar figures, in the order the scale chart draws them, with what each measures (ours).
DOLLAR_FIGURES = {
    "russian-investment": "Investment",
    "bilateral-trade": "Trade",
    "trade-boost": "Trade boost",
}


def mou(events: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The MoU event with its date as the article words it and its evidence."""
    row = with_evidence(events[events.event_id == MOU_EVENT], claims)
    if len(row) != 1:
        raise LookupError(f"expected one event {MOU_EVENT!r}, found {len(row)}")
    return row.iloc[0]


def mou_aims(aims: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The MoU's stated aims and purpose in the article's order, with evidence."""
    rows = with_evidence(aims, claims).astype({"role": str})
    return rows.sort_values("listed_order").reset_index(drop=True)


def details_grid(tables) -> pd.DataFrame:
    """What the article states about the MoU and the investment, detail by detail (see `DETAILS`)."""
    event = mou(tables["events"], tables["claims"])
    invest = quantity(tables["quantities"], "russian-investment")
    found = {**ANSWERS,
             (MOU, "When"): (event.claim_id, event.date_label),
             (INVESTMENT, "How much"): (invest.claim_id, invest.as_written)}
    claim_of = {MOU: event.claim_id, INVESTMENT: invest.claim_id}
    coding = [(item, detail, *found.get((item, detail), (claim_of[item], None)))
              for detail in DETAILS for item in (MOU, INVESTMENT)]
    return stated_details(coding, tables["claims"])


def dollar_figures(tables) -> pd.DataFrame:
    """The article's dollar figures as stated, with the period each gives (ours: what each measures)."""
    quantities = tables["quantities"]
    rows = [quantity(quantities, indicator) for indicator in DOLLAR_FIGURES]
    frame = pd.DataFrame({
        "item": list(DOLLAR_FIGURES.values()),
        "dollars": [in_dollars(r) for r in rows],
        "as_written": [str(r.as_written) for r in rows],
        "period": [str(r.period_label) for r in rows],
        "claim_id": [str(r.claim_id) for r in rows],
    })
    frame["amount"] = frame.dollars.map(money)
    return with_evidence(frame, tables["claims"])


KEY_POINTS = ("mou_date", "mou_aims", "mou_purposes", "investment", "investment_as_written", "energy_claims",
              "energy_paragraph")



def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the energy chapter shows, ready to print."""
    claims, quantities = tables["claims"], tables["quantities"]
    event = mou(tables["events"], claims)
    aims = mou_aims(tables["mou_aims"], claims)
    invest = quantity(quantities, "russian-investment")
    energy = common.theme_claims(claims, THEME)
    grid = details_grid(tables)
    return {
        "mou_date": str(event.date_label),
        "mou_aims": int((aims.role == "aim").sum()),
        "mou_purposes": int((aims.role == "purpose").sum()),
        "investment": money(in_dollars(invest)),
        "investment_as_written": str(invest.as_written),
        "energy_claims": len(energy),
        "energy_paragraph": int(energy.paragraph.iloc[0]),
        "mou_stated": int(grid[grid.item == MOU].stated.sum()),
        "investment_stated": int(grid[grid.item == INVESTMENT].stated.sum()),
        "details": len(DETAILS),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
