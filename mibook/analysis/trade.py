"""The trade chapter's numbers: the 2018 run-rate, the "$0.8bn boost" against it, the proposals.

Derived figures here (monthly run-rate, twelve-month equivalent, ratios) are our calculation, not
the article's. The pipeline's delay (context) is the energy chapter's, quoted here.
"""

import math
import re

import pandas as pd

from mibook.analysis.common import (
    SCALES,
    in_dollars,
    key_and_prose,
    money,
    quantity,
    record_dates,
    record_sum,
    with_evidence,
)

MONTHS_PER_YEAR = 12
STATED = "stated"
CALCULATED = "our calculation"

def months_covered(row: pd.Series) -> int:
    """Whole calendar months from `period_start` to `period_end` (January–October 2018 -> 10)."""
    if pd.isna(row.period_start) or pd.isna(row.period_end):
        raise ValueError(f"{row.quantity_id} has no stated period")
    start, end = row.period_start, row.period_end
    return (end.year - start.year) * MONTHS_PER_YEAR + end.month - start.month + 1


def run_rate(quantities: pd.DataFrame) -> dict[str, float | int | str]:
    """Reported trade, its monthly run-rate and twelve-month equivalent (even months assumed)."""
    row = quantity(quantities, "bilateral-trade")
    reported = in_dollars(row)
    months = months_covered(row)
    monthly = reported / months
    return {
        "claim_id": str(row.claim_id),
        "period_label": str(row.period_label),
        "year": int(row.period_start.year),
        "reported": reported,
        "months": months,
        "monthly": monthly,
        "twelve_month": monthly * MONTHS_PER_YEAR,
    }


def stated_range(row: pd.Series) -> tuple[float, float]:
    """The dollars a figure can stand for given how it is written: '$0.8bn' is to the nearest $0.1 billion,
    so $750–850 million. The precision is read from the decimal places of the number in `as_written`."""
    number = re.search(r"\d+(?:\.(\d+))?", str(row.as_written))
    if number is None:
        raise ValueError(f"{row.quantity_id}: no number in {row.as_written!r}")
    half = 0.5 * 10 ** -len(number.group(1) or "") * SCALES[row.scale]
    return in_dollars(row) - half, in_dollars(row) + half


def boost_reading(quantities: pd.DataFrame) -> dict[str, float | bool]:
    """The "$0.8bn boost" against the twelve-month pace. `brackets_pace`: the pace lies in the range the
    stated figure stands for, so as a level it matches and as an increase it would be a whole year's trade.
    Which the article means is ours to read, not its to say."""
    rate = run_rate(quantities)
    row = quantity(quantities, "trade-boost")
    low, high = stated_range(row)
    return {"boost": in_dollars(row), "low": low, "high": high,
            "brackets_pace": bool(low <= rate["twelve_month"] <= high)}


def run_rate_rows(quantities: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The amounts the run-rate chart draws, in dollars: the stated figure, our twelve-month equivalent and
    the stated boost (with the range its rounding allows, `low`–`high`)."""
    rate, reading = run_rate(quantities), boost_reading(quantities)
    trade_row, boost_row = quantity(quantities, "bilateral-trade"), quantity(quantities, "trade-boost")
    frame = pd.DataFrame([
        {"item": f"Trade, {rate['period_label']}", "dollars": rate["reported"], "basis": STATED,
         "label": f"{money(rate['reported'])}, as stated", "claim_id": str(trade_row.claim_id)},
        {"item": "Same pace, a full year", "dollars": rate["twelve_month"], "basis": CALCULATED,
         "label": f"{money(rate['twelve_month'])} ({CALCULATED})", "claim_id": str(trade_row.claim_id)},
        {"item": f"{boost_row.as_written} boost, undated", "dollars": reading["boost"], "basis": STATED,
         "label": f"{boost_row.as_written} (its rounding: {_span(reading)})", "claim_id": str(boost_row.claim_id),
         "low": reading["low"], "high": reading["high"]},
    ])
    return with_evidence(frame, claims)


def _span(reading: dict) -> str:
    """'$750–850 million'."""
    return f"{money(reading['low'])}–{money(reading['high'])}".replace(" million–$", "–")


def trade_proposals(proposals: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The trade proposals with proposer, blueprint order and evidence, in article order."""
    rows = with_evidence(proposals[proposals.theme == "trade"], claims).astype({"proposer": str})
    return rows.sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


LEADERS_ON_TRADE = "rec-2017-06-astana-leaders"  # Putin on trade's growth before 2018 (context)
INDIA_TRADE_EVENT = "rec-2018-12-india-trade"  # Russia's trade with India, for scale (context)
RECORD_CITED = (LEADERS_ON_TRADE, INDIA_TRADE_EVENT)  # the record events the chapter's text draws on
INDIA_TRADE_YEAR = re.compile(r"\bin (\d{4}) at \$")


def india_trade(record_events: pd.DataFrame, pace: float) -> dict[str, str]:
    """Russia's trade with India as a record event states it (context), for scale, and our yearly `pace` of
    Pakistan–Russia trade as a share of it, rounded up (our calculation): {"india_trade": "$9.3 billion",
    "india_trade_year": "2017", "india_share": "under 9%"}."""
    amount, dollars = record_sum(record_events, INDIA_TRADE_EVENT)
    what = record_events.set_index("record_event_id").what[INDIA_TRADE_EVENT]
    year = INDIA_TRADE_YEAR.search(what)
    if year is None:
        raise ValueError(f"{INDIA_TRADE_EVENT}: {what!r} gives no year as 'in <year> at $…'")
    return {"india_trade": amount, "india_trade_year": year.group(1),
            "india_share": f"under {math.ceil(100 * pace / dollars)}%"}


KEY_POINTS = ("trade_reported", "trade_period", "leaders_on_trade", "boost_as_written", "trade_year",
              "trade_twelve_month", "trade_with_boost")



def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the trade chapter shows, ready to print."""
    quantities, claims = tables["quantities"], tables["claims"]
    rate = run_rate(quantities)
    proposals = trade_proposals(tables["proposals"], claims)
    trade_row = quantity(quantities, "bilateral-trade")
    boost_row = quantity(quantities, "trade-boost")
    blueprint = proposals[proposals.blueprint_order.notna()]
    proposal_paragraph = proposals.set_index("proposal_id").paragraph
    return {
        "trade_reported": money(rate["reported"]),
        "trade_period": rate["period_label"],
        "trade_year": rate["year"],
        "trade_twelve_month": money(rate["twelve_month"]),
        "trade_with_boost": money(rate["twelve_month"] + boost_reading(quantities)["boost"]),  # boost read as a rise
        "trade_paragraph": int(claims.set_index("claim_id").paragraph[str(trade_row.claim_id)]),
        "boost_as_written": str(boost_row.as_written),
        "boost_paragraph": int(claims.set_index("claim_id").paragraph[str(boost_row.claim_id)]),
        "fta_paragraph": int(blueprint.paragraph.iloc[0]),
        "driving_seat_paragraph": int(proposal_paragraph["p-economics-driving-seat"]),
        "leaders_on_trade": record_dates(tables["record_events"], [LEADERS_ON_TRADE], unit="month"),
        **india_trade(tables["record_events"], rate["twelve_month"]),
    }


key_numbers, prose_numbers = key_and_prose(chapter_numbers, KEY_POINTS)
