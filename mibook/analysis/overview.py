"""The overview's numbers: how the article's claims divide by theme and type, and its dated events."""

import pandas as pd

from mibook.analysis.common import with_evidence

FACT_TYPES = ("event", "figure")
JUDGEMENT_TYPES = ("assessment", "proposal")


def claims_by_theme_and_type(claims: pd.DataFrame) -> pd.DataFrame:
    """Claim counts, one row per theme, one column per claim type, with row and column totals."""
    table = pd.crosstab(claims.theme, claims.claim_type, margins=True, margins_name="all", dropna=False)
    table.index = table.index.astype(str)
    table.columns = table.columns.astype(str)
    return table


def type_shares(claims: pd.DataFrame) -> dict[str, float | int]:
    """How much of the article reports facts (events, figures) versus judges or proposes."""
    total = len(claims)
    facts = int(claims.claim_type.isin(FACT_TYPES).sum())
    judgements = int(claims.claim_type.isin(JUDGEMENT_TYPES).sum())
    return {
        "total": total,
        "facts": facts,
        "judgements": judgements,
        "background": total - facts - judgements,
        "fact_share": facts / total,
        "judgement_share": judgements / total,
    }


def article_profile(tables) -> dict[str, int]:
    """Counts that describe the article as data: paragraphs, claims, actors, ties, events."""
    events = tables["events"]
    body = [p for p in tables.paragraphs if p.kind == "body"]
    return {
        "body_paragraphs": len(body),
        "claims": len(tables["claims"]),
        "actors": len(tables["actors"]),
        "relations": len(tables["relations"]),
        "quantities": len(tables["quantities"]),
        "dated_events": int(events.date_start.notna().sum()),
        "undated_events": int(events.date_start.isna().sum()),
        "proposals": len(tables["proposals"]),
    }


def timeline(events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Dated events with their honest span: `end_exclusive` is the day after the last possible day."""
    dated = events[events.date_start.notna()].copy()
    dated["end_exclusive"] = dated.date_end + pd.Timedelta(days=1)
    dated = with_evidence(dated, claims)
    return dated.sort_values(["date_start", "event_id"]).reset_index(drop=True)


def undated_events(events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Events the article does not date, in article order: listed, never placed on a time axis."""
    undated = with_evidence(events[events.date_start.isna()], claims)
    return undated.sort_values(["paragraph", "event_id"]).reset_index(drop=True)


def key_numbers(tables) -> dict[str, int | str]:
    """Every number the overview's key points show, ready to print (the chapter glues each one)."""
    from mibook.analysis.common import in_dollars, money, quantity

    profile = article_profile(tables)
    shares = type_shares(tables["claims"])
    trade = quantity(tables["quantities"], "bilateral-trade")
    processes = quantity(tables["quantities"], "bilateral-processes")
    return {
        "claims": profile["claims"],
        "judgements": shares["judgements"],
        "judgement_pct": f"{shares['judgement_share']:.0%}",
        "facts": shares["facts"],
        "trade": money(in_dollars(trade)),
        "trade_period": str(trade.period_label),
        "quantities": profile["quantities"],
        "processes_total": int(processes.value),
        "processes_named": len(tables["processes"]),
    }
