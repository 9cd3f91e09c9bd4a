"""The energy chapter's numbers: the Gazprom International–OGDCL MoU and its aims, and the $14 billion
investment set against the article's trade figure (our calculation)."""

import pandas as pd

from mibook.analysis import common
from mibook.analysis.common import key_and_prose, quantity, with_evidence

THEME = "energy"
MOU_EVENT = "ev-2017-gazprom-ogdcl-mou"
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


KEY_POINTS = ("mou_date", "mou_aims", "investment_as_written", "pledge_month", "lng_month", "pipeline_delay")
PLEDGE = "rec-2019-02-gazprom-pledge"  # the record's $14 billion pledge (context)
LNG_AGREEMENT = "rec-2017-10-lng-agreement"  # the record's government agreement on liquefied gas (context)
PIPELINE_DELAY = "rec-2017-11-pipeline-delay"  # the Karachi–Lahore gas pipeline held up by sanctions (context)
RECORD_CITED = (PLEDGE, LNG_AGREEMENT, PIPELINE_DELAY)  # the record events the chapter's text draws on


def energy_paragraph(claims: pd.DataFrame) -> int:
    """The one paragraph the energy claims sit in (the chapter says energy enters in a single paragraph)."""
    paragraphs = sorted({int(p) for p in common.theme_claims(claims, THEME).paragraph})
    if len(paragraphs) != 1:
        raise ValueError(f"the energy chapter says energy enters in one paragraph; its claims are in {paragraphs}")
    return paragraphs[0]


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the energy chapter shows, ready to print."""
    claims, quantities = tables["claims"], tables["quantities"]
    event = mou(tables["events"], claims)
    aims = mou_aims(tables["mou_aims"], claims)
    invest = quantity(quantities, "russian-investment")
    return {
        "mou_date": str(event.date_label),
        "mou_aims": int((aims.role == "aim").sum()),
        "mou_purposes": int((aims.role == "purpose").sum()),
        "investment_as_written": str(invest.as_written),
        "energy_paragraph": energy_paragraph(claims),
        "pledge_month": common.record_dates(tables["record_events"], [PLEDGE], unit="month"),
        "lng_month": common.record_dates(tables["record_events"], [LNG_AGREEMENT], unit="month"),
        "pipeline_delay": common.record_dates(tables["record_events"], [PIPELINE_DELAY], unit="month"),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
