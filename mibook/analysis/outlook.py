"""The outlook's numbers: Janjua's blueprint, the dialogue processes and the ¶ references of the author's
verdict and advice."""

import pandas as pd

from mibook.analysis import defence, energy, sco_cpec
from mibook.analysis.common import key_and_prose, paragraph_refs, quantity, record_dates, with_evidence

# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {"p_blueprint": "c-bilateral-07", "p_processes": "c-bilateral-10",
                  "p_conclusion": "c-trade-06", "p_china_side": "c-sco-cpec-10"}


def blueprint(tables) -> pd.DataFrame:
    """The items of Janjua's blueprint in her order, with theme and evidence."""
    proposals = tables["proposals"]
    items = proposals[proposals.blueprint_order.notna()].sort_values("blueprint_order")
    items = with_evidence(items, tables["claims"]).astype({"theme": str})
    items["order"] = items.blueprint_order.astype(int)
    return items[["order", "proposal_id", "text", "theme", "claim_id", "paragraph", "quote"]].reset_index(drop=True)


US_AID_SUSPENSION = "rec-2018-01-us-aid-suspension"  # the aid a US–Pakistan reset would restore (a signpost)
# The record events the chapter's text draws on: the exercise its judgement cites, the helicopters and the pipeline
# its signposts measure against, the US aid and training a reset would restore, and Russia's distance from the
# economic corridor (the blueprint's fourth item).
RECORD_CITED = (defence.DRUZHBA_INDIA, defence.RECORD_STEPS["helicopter_year"], energy.PIPELINE_DELAY,
                US_AID_SUSPENSION, defence.US_TRAINING_CUT, sco_cpec.RECORD_SCO["cpec_denial_date"],
                sco_cpec.RECORD_SCO["cpec_support_date"])
KEY_POINTS = ("test_year", "blueprint_items")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number, date and ¶ reference the outlook shows, ready to print (`KEY_POINTS` names the key points')."""
    events = tables["events"].set_index("event_id")
    return {
        "test_year": record_dates(tables["record_events"], [defence.DRUZHBA_INDIA]),  # the India limit's test
        "blueprint_items": len(blueprint(tables)),
        "blueprint_date": str(events.loc["ev-2019-03-janjua-blueprint"].date_label),
        "processes_total": int(quantity(tables["quantities"], "bilateral-processes").value),
        **paragraph_refs(tables["claims"], PARAGRAPH_REFS),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
