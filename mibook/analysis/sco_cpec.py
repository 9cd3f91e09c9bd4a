"""SCO, CPEC and Eurasia: Putin's four poles as the article reports them, and the claims behind Russia's part in
the China–Pakistan Economic Corridor."""

import pandas as pd

from mibook.analysis.common import key_and_prose, paragraph_refs

THEME = "sco-cpec"
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {"p_poles": "c-sco-cpec-03", "p_multipolar": "c-sco-cpec-07", "p_sco": "c-sco-cpec-11",
                  "p_blueprint": "c-sco-cpec-12"}


def cpec_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that mention CPEC, with their speakers: the whole evidence for Russia's part in it."""
    rows = claims[claims.quote.str.contains("CPEC", regex=False)]
    return rows[["claim_id", "paragraph", "claim_type", "speaker", "quote"]].reset_index(drop=True)


KEY_POINTS = ("poles_year", "poles", "cpec_claims")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number and ¶ reference the chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    claims = tables["claims"]
    pole_event = tables["events"][tables["events"].claim_id.isin(tables["poles"].claim_id)].iloc[0]
    blueprint = tables["proposals"][tables["proposals"].blueprint_order.notna()]
    cpec_item = blueprint[blueprint.claim_id.isin(cpec_claims(claims).claim_id)].iloc[0]
    return {
        "poles_year": str(pole_event.date_start.year),
        "poles": len(tables["poles"]),
        "cpec_claims": len(cpec_claims(claims)),
        "cpec_item": int(cpec_item.blueprint_order),
        "blueprint_items": len(blueprint),
        **paragraph_refs(claims, PARAGRAPH_REFS),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
