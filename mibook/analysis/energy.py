"""The energy chapter's numbers: the Gazprom International–OGDCL MoU, its aims, and the stated
investment set against the trade figures.

Trade figures (reported, run-rate, twelve-month equivalent) come from `mibook.analysis.trade`, so
each is computed once. Every ratio here is our calculation, not the article's.
"""

import pandas as pd

from mibook import article
from mibook.analysis import trade
from mibook.analysis.common import in_dollars, money, quantity, split_numbers, with_evidence

MOU_EVENT = "ev-2017-gazprom-ogdcl-mou"
ASSUMPTION = (
    "Our calculation sets a single stated investment, whose period and status the article does not give, "
    "against trade at its 2018 pace (even months assumed). It compares scale only: an investment total "
    "and a yearly flow of trade are different kinds of number."
)


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


def aims_table(aims: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The aims as the chapter lists them: order, role, the article's words, our caveat, claim."""
    rows = mou_aims(aims, claims)
    table = rows[["listed_order", "role", "text", "note", "claim_id"]].fillna({"note": ""})
    return table.rename(columns={"listed_order": "Order", "role": "Role", "text": "In the article's words",
                                 "note": "Caveat (ours)", "claim_id": "Claim"})


def aims_verbatim(aims: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """For each aim, whether its text is a verbatim part of its claim's quote (whitespace, quotes folded)."""
    rows = mou_aims(aims, claims)
    pairs = zip(rows.text, rows.quote, strict=True)
    verbatim = [article.normalise(text) in article.normalise(quote) for text, quote in pairs]
    return pd.Series(verbatim, index=rows.aim_id, name="verbatim")


def investment_vs_trade(quantities: pd.DataFrame) -> dict[str, float]:
    """The stated investment expressed in units of trade (our calculation)."""
    investment = in_dollars(quantity(quantities, "russian-investment"))
    rate = trade.run_rate(quantities)
    boost = trade.boost_readings(quantities)["boost"]
    return {
        "investment": investment,
        "years_of_trade": investment / rate["twelve_month"],
        "months_of_trade": investment / rate["monthly"],
        "times_reported": investment / rate["reported"],
        "times_boost": investment / boost,
        "whole_years": int(investment // rate["twelve_month"]),
    }


def scale_table(quantities: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The amounts the scale chart draws on one dollar axis: stated and calculated, with evidence."""
    invest_row = quantity(quantities, "russian-investment")
    investment = pd.DataFrame([{
        "item": "Russian investment in Pakistan", "dollars": in_dollars(invest_row), "basis": trade.STATED,
        "how": f"As stated: {invest_row.as_written}; period unstated", "claim_id": str(invest_row.claim_id),
    }])
    investment = with_evidence(investment, claims)
    investment["value_label"] = f"{money(in_dollars(invest_row))} ({trade.STATED})"
    trade_rows = trade.trade_scale(quantities, claims)
    trade_rows = trade_rows[trade_rows.item != "Monthly run-rate"]
    boost = trade.boost_marker(quantities, claims)
    boost["item"] = "Boost in trade (level or increase unstated)"
    boost["value_label"] = f"{money(boost.dollars.iloc[0])} ({trade.STATED})"
    frame = pd.concat([investment, trade_rows, boost], ignore_index=True)
    return frame[["item", "dollars", "basis", "how", "value_label", "claim_id", "paragraph", "quote"]]


def year_marks(quantities: pd.DataFrame) -> pd.DataFrame:
    """Dollar positions of each whole year of trade at the twelve-month equivalent, up to the investment."""
    twelve_month = trade.run_rate(quantities)["twelve_month"]
    years = investment_vs_trade(quantities)["whole_years"]
    counts = range(1, years + 1)
    return pd.DataFrame({"year": counts, "dollars": [twelve_month * y for y in counts]})


KEY_POINTS = ("mou_date", "mou_aims", "mou_purposes", "investment", "years_of_trade", "trade_year",
              "times_reported", "reported", "trade_period", "energy_claims", "energy_paragraph")


def key_numbers(tables) -> dict[str, int | str]:
    """Exactly the numbers the energy chapter's key points show, ready to print (the chapter glues each)."""
    return split_numbers(chapter_numbers(tables), KEY_POINTS)[0]


def prose_numbers(tables) -> dict[str, int | str]:
    """The further numbers the chapter's prose shows (glued too, but not in the key points)."""
    return split_numbers(chapter_numbers(tables), KEY_POINTS)[1]


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the energy chapter shows, ready to print."""
    claims, quantities = tables["claims"], tables["quantities"]
    event = mou(tables["events"], claims)
    aims = mou_aims(tables["mou_aims"], claims)
    scale = investment_vs_trade(quantities)
    rate = trade.run_rate(quantities)
    invest_row = quantity(quantities, "russian-investment")
    energy = claims[claims.theme == "energy"]
    paragraphs = sorted(set(energy.paragraph.astype(int)))
    return {
        "mou_date": str(event.date_label),
        "mou_year": int(event.date_start.year),
        "mou_paragraph": int(event.paragraph),
        "mou_aims": int((aims.role == "aim").sum()),
        "mou_purposes": int((aims.role == "purpose").sum()),
        "investment": money(scale["investment"]),
        "investment_as_written": str(invest_row.as_written),
        "investment_period": str(invest_row.period_label),
        "years_of_trade": f"{scale['years_of_trade']:.1f}",
        "whole_years": scale["whole_years"],
        "months_of_trade": f"{scale['months_of_trade']:.0f}",
        "times_reported": f"{scale['times_reported']:.1f}",
        "times_boost": f"{scale['times_boost']:.1f}",
        "energy_claims": len(energy),
        "energy_author_claims": int((energy.speaker == "author").sum()),
        "energy_paragraphs": len(paragraphs),
        "energy_paragraph": paragraphs[0],
        "twelve_month": money(rate["twelve_month"]),
        "reported": money(rate["reported"]),
        "trade_period": rate["period_label"],
        "trade_year": rate["year"],
    }
