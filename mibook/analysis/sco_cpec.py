"""SCO, CPEC and Eurasia: Putin's poles as the article reports them, the claims behind Russia's part in the
China–Pakistan Economic Corridor, and the dates of Pakistan's way into the SCO on the record (context)."""

import pandas as pd

from mibook.analysis.common import key_and_prose, paragraph_refs, record_dates

THEME = "sco-cpec"
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {"p_poles": "c-sco-cpec-03", "p_sco": "c-sco-cpec-11", "p_blueprint": "c-sco-cpec-12",
                  "p_multipolar": "c-sco-cpec-06"}


def cpec_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that mention CPEC, with their speakers: the whole evidence for Russia's part in it."""
    rows = claims[claims.quote.str.contains("CPEC", regex=False)]
    return rows[["claim_id", "paragraph", "claim_type", "speaker", "quote"]].reset_index(drop=True)


# The chapter's record (context): Putin's Eurasian speech, Russia's backing of Pakistan's SCO bid, the summit
# Russia hosted that began the admission of India and Pakistan, and the ambassador's backing of the corridor.
RECORD_SCO = {"speech_date": "rec-2016-06-spief-partnership", "sco_support_date": "rec-2014-12-sco-support",
              "ufa_date": "rec-2015-07-ufa-decision", "cpec_support_date": "rec-2016-12-cpec-support",
              "cpec_denial_date": "rec-2016-11-cpec-denial"}
RECORD_CITED = tuple(RECORD_SCO.values())  # the record events the chapter's text draws on
KEY_POINTS = ("speech_date", "sco_support_date", "ufa_date")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number and ¶ reference the chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    claims = tables["claims"]
    blueprint = tables["proposals"][tables["proposals"].blueprint_order.notna()]
    cpec_item = blueprint[blueprint.claim_id.isin(cpec_claims(claims).claim_id)].iloc[0]
    return {
        **{name: record_dates(tables["record_events"], [event], unit="month") for name, event in RECORD_SCO.items()},
        "cpec_item": int(cpec_item.blueprint_order),
        "blueprint_items": len(blueprint),
        **paragraph_refs(claims, PARAGRAPH_REFS),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
