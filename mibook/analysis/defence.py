"""The defence chapter's numbers: the exercises' honest span, every mention of military cooperation,
and the India and US ties the article sets against the Russia–Pakistan dyad.

Everything here reads only the article's tables; nothing is added from outside the article.
"""

import pandas as pd

from mibook.analysis import common
from mibook.analysis.common import count_or, quantity, with_evidence

THEME = "defence"
DYAD = ("russia", "pakistan")
COUNTERWEIGHTS = ("india", "us")
BLUEPRINT_EVENT = "ev-2019-03-janjua-blueprint"  # the event whose blueprint holds the defence proposal
STANDOFF_EVENT = "ev-2019-02-standoff"
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {
    "p_evidence": "c-bilateral-03",
    "p_mediation": "c-defence-01",
    "p_exercises": "c-defence-03",
    "p_policeman": "c-defence-04",
    "p_blueprint": "c-defence-05",
    "p_processes": "c-bilateral-10",
    "p_new_delhi": "c-defence-06",
}


def exercises(events: pd.DataFrame) -> pd.Series:
    """The one event stated as a range of years: the naval and military exercises."""
    rows = events[(events.theme == THEME) & (events.date_precision == "range")]
    if len(rows) != 1:
        raise LookupError(f"expected one defence event dated as a range, found {len(rows)}")
    return rows.iloc[0]


def exercise_readings(events: pd.DataFrame) -> pd.DataFrame:
    """The two readings of "Through 2014 and 2017", one row per year-block each reading covers.

    Read as a span, the phrase covers every year from the first to the last; read literally as
    "2014 and 2017", only those two years. `years` is the number of calendar years a block covers.
    """
    row = exercises(events)
    first, last = row.date_start.year, row.date_end.year
    blocks = [("span", first, last)] + [("two years", year, year) for year in (first, last)]
    table = pd.DataFrame(blocks, columns=["reading", "first_year", "last_year"])
    table["start"] = pd.to_datetime(table.first_year.astype(str) + "-01-01")
    table["end_exclusive"] = pd.to_datetime((table.last_year + 1).astype(str) + "-01-01")
    table["years"] = table.last_year - table.first_year + 1
    table["event_id"] = row.event_id
    table["claim_id"] = row.claim_id
    table["date_label"] = row.date_label
    return table


def reading_years(events: pd.DataFrame) -> dict[str, int]:
    """Calendar years the exercises cover under each reading: {'span': 4, 'two years': 2}."""
    return exercise_readings(events).groupby("reading").years.sum().astype(int).to_dict()


def timeline(tables) -> pd.DataFrame:
    """Dated events of the defence thread, plus the blueprint that proposes "augmenting" defence ties.

    One row per event with `end_exclusive` the day after the last possible day; the exercises
    appear once, as their full stated range (the chart adds the two-year reading).
    """
    events = tables["events"]
    rows = events[(events.theme == THEME) | (events.event_id == BLUEPRINT_EVENT)]
    rows = rows[rows.date_start.notna()].copy()
    rows["end_exclusive"] = rows.date_end + pd.Timedelta(days=1)
    rows = with_evidence(rows, tables["claims"]).astype({"date_precision": str, "theme": str})
    rows["strand"] = rows.apply(lambda r: _strand(r, tables["relations"]), axis=1)
    return rows.sort_values(["date_start", "event_id"]).reset_index(drop=True)


STRANDS = ["Russia–Pakistan cooperation", "India and the US", "Proposal"]


def _strand(event: pd.Series, relations: pd.DataFrame) -> str:
    """Which strand of the defence thread an event belongs to, from the ties its claim states."""
    if event.event_id == BLUEPRINT_EVENT:
        return "Proposal"
    ties = relations[relations.claim_id == event.claim_id]
    if (ties.source.isin(COUNTERWEIGHTS) | ties.target.isin(COUNTERWEIGHTS)).any():
        return "India and the US"
    return "Russia–Pakistan cooperation"


def undated_events(tables) -> pd.DataFrame:
    """Defence events the article does not date, in article order."""
    events = tables["events"]
    rows = with_evidence(events[(events.theme == THEME) & events.date_start.isna()], tables["claims"])
    rows["strand"] = rows.apply(lambda r: _strand(r, tables["relations"]), axis=1)
    return rows.sort_values(["paragraph", "event_id"]).reset_index(drop=True)


def military_mentions(tables) -> pd.DataFrame:
    """Every statement of Russia–Pakistan defence cooperation, whatever chapter its claim is filed under.

    One row per statement: the defence ties between the two (relations), the defence dialogue
    process and the defence blueprint item. `dated` says whether the statement's claim carries a
    dated event.
    """
    claims, events = tables["claims"], tables["events"]
    relations = tables["relations"]
    dyad = relations.source.isin(DYAD) & relations.target.isin(DYAD)
    ties = relations[dyad & (relations.theme == THEME) & (relations.kind == "cooperation")]
    processes = tables["processes"].query("theme == @THEME")
    proposals = tables["proposals"].query("theme == @THEME")
    rows = pd.concat([
        ties.assign(source_table="relations", what=ties.label)[["claim_id", "source_table", "what"]],
        processes.assign(source_table="processes", what=processes.text)[["claim_id", "source_table", "what"]],
        proposals.assign(source_table="proposals", what=proposals.text)[["claim_id", "source_table", "what"]],
    ])
    dated_claims = set(events[events.date_start.notna()].claim_id)
    rows["dated"] = rows.claim_id.isin(dated_claims)
    rows = with_evidence(rows, claims)
    return rows.sort_values(["paragraph", "claim_id", "what"]).reset_index(drop=True)


def dyad_ties(relations: pd.DataFrame) -> pd.DataFrame:
    """The ties around the Russia–Pakistan dyad: every tie among Russia, Pakistan, India and the US
    that involves India or the US (any theme), plus the Russia–Pakistan ties filed under defence."""
    four = (*DYAD, *COUNTERWEIGHTS)
    among = relations.source.isin(four) & relations.target.isin(four)
    outside = relations.source.isin(COUNTERWEIGHTS) | relations.target.isin(COUNTERWEIGHTS)
    rows = relations[among & (outside | (relations.theme == THEME))]
    return rows.sort_values("relation_id").reset_index(drop=True)


def counterweight_claims(tables) -> pd.DataFrame:
    """Defence claims that are about India or the US: those behind a tie that involves either."""
    relations = tables["relations"]
    involved = relations.source.isin(COUNTERWEIGHTS) | relations.target.isin(COUNTERWEIGHTS)
    own = common.theme_claims(tables["claims"], THEME)
    return own[own.claim_id.isin(set(relations[involved].claim_id))].reset_index(drop=True)


def mediation(relations: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Russia's mediation offer and the two answers to it, one row per side and status."""
    rows = relations[relations.kind == "mediation"]
    rows = with_evidence(rows, claims).astype({"kind": str, "status": str, "theme": str})
    return rows.sort_values(["paragraph", "claim_id", "target"]).reset_index(drop=True)


def mentions_table(tables) -> pd.DataFrame:
    """Every statement of Russia–Pakistan defence cooperation, ready to show."""
    rows = military_mentions(tables)
    kinds = {"relations": "stated tie", "processes": "dialogue process", "proposals": "blueprint item"}
    table = rows.assign(kind=rows.source_table.map(kinds), dated=rows.dated.map({True: "yes", False: "no"}))
    table = table[["what", "kind", "claim_id", "paragraph", "dated"]]
    return table.rename(columns={"what": "Statement", "kind": "Recorded as", "claim_id": "Claim",
                                 "paragraph": "¶", "dated": "Dated?"})


def prose_numbers(tables) -> dict[str, int | str]:
    """The further numbers the chapter's prose cites (paragraphs, ties around the dyad), ready to glue."""
    ties = dyad_ties(tables["relations"])
    outside = ties.source.isin(COUNTERWEIGHTS) | ties.target.isin(COUNTERWEIGHTS)
    russia_india = ties.source.isin(["russia", "india"]) & ties.target.isin(["russia", "india"])
    relations = tables["relations"]
    russia_us = relations.source.isin(["russia", "us"]) & relations.target.isin(["russia", "us"])
    return {
        **common.paragraph_refs(tables["claims"], PARAGRAPH_REFS),
        "dyad_ties": len(ties),
        "outside_ties": int(outside.sum()),
        "inside_ties": int((~outside).sum()),
        "russia_india_ties": int(russia_india.sum()),
        "russia_us_ties": count_or(int(russia_us.sum()), zero="no"),
        "undated_events": len(undated_events(tables)),
    }


def key_numbers(tables) -> dict[str, int | str]:
    """Every number the defence chapter's key points show, ready to print."""
    events = tables["events"]
    row = exercises(events)
    years = reading_years(events)
    mentions = military_mentions(tables)
    own = common.theme_claims(tables["claims"], THEME)
    standoff = events[events.event_id == STANDOFF_EVENT].date_label.iloc[0]
    blueprint = events[events.event_id == BLUEPRINT_EVENT].iloc[0]
    proposals = tables["proposals"]
    item = proposals[(proposals.theme == THEME) & proposals.blueprint_order.notna()].iloc[0]
    return {
        "military_mentions": len(mentions),
        "military_paragraphs": int(mentions.paragraph.nunique()),
        "dated_mentions": int(mentions.dated.sum()),
        "exercise_first": str(row.date_start.year),
        "exercise_last": str(row.date_end.year),
        "span_years": years["span"],
        "two_years": years["two years"],
        "defence_claims": len(own),
        "counterweight_claims": len(counterweight_claims(tables)),
        "standoff_date": str(standoff),
        "blueprint_date": str(blueprint.date_label),
        "defence_item": int(item.blueprint_order),
        "blueprint_items": int(proposals.blueprint_order.notna().sum()),
        "processes_named": len(tables["processes"]),
        "processes_total": int(quantity(tables["quantities"], "bilateral-processes").value),
    }
