"""The trade chapter's numbers: the 2018 run-rate, the two readings of the "$0.8bn boost", the proposals.

Derived figures here (monthly run-rate, twelve-month equivalent, ratios) are our calculation, not
the article's. The energy chapter imports the run-rate from this module rather than recomputing it.
"""

import pandas as pd

from mibook.analysis.common import in_dollars, money, quantity, split_numbers, with_evidence

MONTHS_PER_YEAR = 12
ASSUMPTION = (
    "Our calculation assumes trade was spread evenly over the months the article's figure covers, "
    "so that a month's trade is the reported total divided by the number of months."
)
STATED = "stated"
CALCULATED = "our calculation"

# Short chart labels for the trade proposals (ours); the verbatim text stays in the data.
PROPOSAL_LABELS = {
    "p-better-alliance": "Forge a better alliance",
    "p-trade-preferential-agreement": "Trade preferential agreement",
    "p-free-trade-agreement": "Free trade agreement",
    "p-economics-driving-seat": "Economics in the driving seat",
}
FIGURE_NOUNS = {"bilateral-trade": "trade", "trade-boost": "boost"}
PROPOSER_LABELS = {"janjua": "Janjua (Foreign Secretary)", "bokhari": "Bokhari (author)"}


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


def boost_readings(quantities: pd.DataFrame) -> dict[str, float]:
    """What the "$0.8bn boost" would mean on each reading, set against the 2018 figures.

    Level reading: trade reached $0.8bn, compared with the twelve-month equivalent.
    Increase reading: trade grew by $0.8bn, compared with the whole ten-month figure and the
    twelve-month equivalent. Neither reading is chosen; the article does not say.
    """
    rate = run_rate(quantities)
    boost = in_dollars(quantity(quantities, "trade-boost"))
    return {
        "boost": boost,
        "level_vs_twelve_month": boost / rate["twelve_month"],
        "level_gap": boost - rate["twelve_month"],
        "increase_vs_reported": boost / rate["reported"],
        "increase_vs_twelve_month": boost / rate["twelve_month"],
        # If an increase of this size had ended at the 2018 twelve-month level, the level before it:
        "earlier_level_if_same_window": rate["twelve_month"] - boost,
    }


def trade_scale(quantities: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The amounts the run-rate chart draws: stated trade and our two derived figures, in dollars."""
    rate = run_rate(quantities)
    row = quantity(quantities, "bilateral-trade")
    period = rate["period_label"]
    frame = pd.DataFrame([
        {"item": f"Reported trade, {period}", "dollars": rate["reported"], "basis": STATED,
         "how": f"As stated: {row.as_written}"},
        {"item": "Monthly run-rate", "dollars": rate["monthly"], "basis": CALCULATED,
         "how": f"{money(rate['reported'])} / {rate['months']} months, even months assumed"},
        {"item": "Twelve-month equivalent", "dollars": rate["twelve_month"], "basis": CALCULATED,
         "how": f"Monthly run-rate x {MONTHS_PER_YEAR}, even months assumed"},
    ])
    frame["claim_id"] = rate["claim_id"]
    frame["value_label"] = [f"{money(d)} ({b})" for d, b in zip(frame.dollars, frame.basis, strict=True)]
    return with_evidence(frame, claims)


def boost_marker(quantities: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The "$0.8bn boost" as one row (dollars, label, evidence), for a marker line."""
    row = quantity(quantities, "trade-boost")
    frame = pd.DataFrame([{
        "item": f"{row.as_written} boost (stated; year unstated)",
        "dollars": in_dollars(row), "basis": STATED, "how": "As stated; level or increase not said",
        "claim_id": str(row.claim_id), "value_label": money(in_dollars(row)),
        "as_written": str(row.as_written),
    }])
    return with_evidence(frame, claims)


def readings_table(quantities: pd.DataFrame) -> pd.DataFrame:
    """The two readings of the boost side by side, with our ratios; neither is chosen."""
    rate = run_rate(quantities)
    readings = boost_readings(quantities)
    boost = money(readings["boost"])
    return pd.DataFrame([
        {"Reading": "Level: trade reached this amount",
         "Compared with (our calculation)": f"twelve-month equivalent, {money(rate['twelve_month'])}",
         "Ratio (our calculation)": f"{readings['level_vs_twelve_month']:.2f}",
         "What it would imply": (f"{boost} is {money(abs(readings['level_gap']))} "
                                 f"{'above' if readings['level_gap'] >= 0 else 'below'} the twelve-month "
                                 "equivalent: the two figures would roughly agree")},
        {"Reading": "Increase: trade grew by this amount",
         "Compared with (our calculation)": f"reported {rate['period_label']}, {money(rate['reported'])}",
         "Ratio (our calculation)": f"{readings['increase_vs_reported']:.2f}",
         "What it would imply": (
             f"the increase alone would exceed the whole {rate['months']}-month figure and the twelve-month "
             f"equivalent ({readings['increase_vs_twelve_month']:.2f} times): if both described the same "
             "twelve months at an even pace, trade before the increase would have been below zero")},
    ])


def trade_items(quantities: pd.DataFrame, proposals: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The trade thread in article order: the stated trade figures and the trade proposals, with ¶."""
    figures = quantities[quantities.indicator.isin(["bilateral-trade", "trade-boost"])]
    figure_rows = pd.DataFrame({
        "item_id": figures.quantity_id.astype(str),
        "claim_id": figures.claim_id.astype(str),
        "label": [f"Figure: {w} {FIGURE_NOUNS[i]}" for w, i in zip(figures.as_written, figures.indicator, strict=True)],
        "kind": "stated figure",
        "detail": [str(r) for r in figures.as_written],
    })
    chosen = proposals[proposals.theme == "trade"]
    proposal_rows = pd.DataFrame({
        "item_id": chosen.proposal_id.astype(str),
        "claim_id": chosen.claim_id.astype(str),
        "label": [_proposal_label(pid, order)
                  for pid, order in zip(chosen.proposal_id, chosen.blueprint_order, strict=True)],
        "kind": [f"proposal: {PROPOSER_LABELS.get(p, p)}" for p in chosen.proposer],
        "detail": chosen.text.astype(str).tolist(),
    })
    items = with_evidence(pd.concat([figure_rows, proposal_rows], ignore_index=True), claims)
    return items.sort_values(["paragraph", "claim_id", "item_id"]).reset_index(drop=True)


def trade_proposals(proposals: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The trade proposals with proposer, blueprint order and evidence, in article order."""
    chosen = proposals[proposals.theme == "trade"]
    rows = with_evidence(chosen, claims).astype({"proposer": str})
    pairs = zip(rows.proposal_id, rows.blueprint_order, strict=True)
    rows["label"] = [_proposal_label(pid, order) for pid, order in pairs]
    return rows.sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


def _proposal_label(proposal_id: str, blueprint_order) -> str:
    label = PROPOSAL_LABELS.get(proposal_id, proposal_id)
    return label if pd.isna(blueprint_order) else f"{label} (blueprint item {int(blueprint_order)})"


KEY_POINTS = ("trade_reported", "trade_period", "trade_monthly", "trade_twelve_month", "boost_as_written",
              "level_ratio", "increase_ratio", "trade_proposals", "fta_order")


def key_numbers(tables) -> dict[str, int | str]:
    """Exactly the numbers the trade chapter's key points show, ready to print (the chapter glues each)."""
    return split_numbers(chapter_numbers(tables), KEY_POINTS)[0]


def prose_numbers(tables) -> dict[str, int | str]:
    """The further numbers the chapter's prose shows (glued too, but not in the key points)."""
    return split_numbers(chapter_numbers(tables), KEY_POINTS)[1]


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the trade chapter shows, ready to print."""
    quantities, claims = tables["quantities"], tables["claims"]
    rate = run_rate(quantities)
    readings = boost_readings(quantities)
    proposals = trade_proposals(tables["proposals"], claims)
    trade_row = quantity(quantities, "bilateral-trade")
    boost_row = quantity(quantities, "trade-boost")
    blueprint = proposals[proposals.blueprint_order.notna()]
    trade_claims = claims[claims.theme == "trade"]
    proposal_paragraph = proposals.set_index("proposal_id").paragraph
    return {
        "trade_reported": money(rate["reported"]),
        "trade_period": rate["period_label"],
        "trade_year": rate["year"],
        "trade_months": rate["months"],
        "trade_monthly": money(rate["monthly"]),
        "trade_twelve_month": money(rate["twelve_month"]),
        "trade_paragraph": int(claims.set_index("claim_id").paragraph[str(trade_row.claim_id)]),
        "boost": money(readings["boost"]),
        "boost_as_written": str(boost_row.as_written),
        "boost_paragraph": int(claims.set_index("claim_id").paragraph[str(boost_row.claim_id)]),
        "level_ratio": f"{readings['level_vs_twelve_month']:.2f}",
        "level_gap": money(abs(readings["level_gap"])),
        "increase_ratio": f"{readings['increase_vs_reported']:.2f}",
        "increase_vs_twelve_month": f"{readings['increase_vs_twelve_month']:.2f}",
        "earlier_level": money(readings["earlier_level_if_same_window"]).replace("$-", "−$"),
        "trade_proposals": len(proposals),
        "fta_order": int(blueprint.blueprint_order.iloc[0]),
        "fta_paragraph": int(blueprint.paragraph.iloc[0]),
        "trade_claims": len(trade_claims),
        "driving_seat_paragraph": int(proposal_paragraph["p-economics-driving-seat"]),
        "alliance_paragraph": int(proposal_paragraph["p-better-alliance"]),
    }
