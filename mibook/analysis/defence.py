"""The defence chapter's numbers: the exercises' two readings, the statements of defence cooperation,
and the ties among Russia, Pakistan, India and the US.

Everything here reads only the article's tables; nothing is added from outside the article.
"""

import pandas as pd

from mibook.analysis import common

THEME = "defence"
PAIR = ("russia", "pakistan")
OTHERS = ("india", "us")
FOUR = (*PAIR, *OTHERS)
STANDOFF_EVENT = "ev-2019-02-standoff"
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {
    "p_evidence": "c-bilateral-03",
    "p_mediation": "c-defence-01",
    "p_exercises": "c-defence-03",
    "p_blueprint": "c-defence-05",
    "p_processes": "c-bilateral-10",
    "p_new_delhi": "c-defence-06",
}

KIND_LABELS = {"cooperation": "Cooperation", "mediation": "Mediation offer", "tension": "Tension",
               "support": "Support", "dependence": "Reliance"}
STATUS_WORDS = {"stated": "stated", "offered": "offered", "welcomed": "welcomed", "rejected": "turned down"}
PAST = "past"  # a past tie (the February 2019 stand-off) is shown by its label, not counted


def exercises(events: pd.DataFrame) -> pd.Series:
    """The one event stated as a range of years: the naval and military exercises."""
    rows = events[(events.theme == THEME) & (events.date_precision == "range")]
    if len(rows) != 1:
        raise LookupError(f"expected one defence event dated as a range, found {len(rows)}")
    return rows.iloc[0]


def reading_years(events: pd.DataFrame) -> dict[str, int]:
    """Calendar years "Through 2014 and 2017" covers: read as one span, or as the two years named."""
    row = exercises(events)
    first, last = row.date_start.year, row.date_end.year
    return {"span": last - first + 1, "two years": len({first, last})}


def cooperation_in_place(relations: pd.DataFrame) -> pd.DataFrame:
    """Russia–Pakistan defence ties stated as cooperation: no offers, answers to offers or tensions."""
    pair = relations.source.isin(PAIR) & relations.target.isin(PAIR)
    rows = relations[pair & (relations.theme == THEME) & (relations.kind == "cooperation")
                     & (relations.status == "stated")]
    return rows.sort_values("relation_id").reset_index(drop=True)


def ties_among_four(relations: pd.DataFrame) -> pd.DataFrame:
    """Ties among Russia, Pakistan, India and the US: the Russia–Pakistan ties filed under defence,
    and every tie (any theme) that involves India or the US."""
    among = relations.source.isin(FOUR) & relations.target.isin(FOUR)
    others = relations.source.isin(OTHERS) | relations.target.isin(OTHERS)
    rows = relations[among & (others | (relations.theme == THEME))]
    return rows.astype({"kind": str, "status": str}).sort_values("relation_id").reset_index(drop=True)


def pair_ties(tables) -> pd.DataFrame:
    """`ties_among_four` per pair and kind of tie; every pair of the four appears, kind None if untied.

    `text` counts the ties by status ("3 stated", "1 offered, 1 turned down"); a past tie shows its label.
    """
    relations, names = ties_among_four(tables["relations"]), tables["actors"].set_index("actor_id").name
    rows = []
    for i, a in enumerate(FOUR):
        for b in FOUR[i + 1:]:
            ties = relations[relations.source.isin([a, b]) & relations.target.isin([a, b])]
            cells = [{"kind": KIND_LABELS[kind], "ties": len(group), "text": _status_counts(group),
                      "claims": ", ".join(sorted(set(group.claim_id)))}
                     for kind, group in ties.groupby("kind", sort=False)]
            cells = cells or [{"kind": None, "ties": 0, "text": "no tie stated", "claims": ""}]
            rows += [{"pair": f"{names[a]}–{names[b]}", **cell} for cell in cells]
    return pd.DataFrame(rows)


def _status_counts(ties: pd.DataFrame) -> str:
    counts = ties.status.value_counts()
    words = [f"{counts[s]} {word}" for s, word in STATUS_WORDS.items() if s in counts]
    return ", ".join(words + list(ties[ties.status == PAST].label))


# Defence steps the record holds and the article leaves out (context), by the name their year is glued under.
RECORD_STEPS = {"agreement_year": "rec-2014-11-defence-agreement", "helicopter_year": "rec-2015-08-mi35-deal"}


def record_step_years(record_events: pd.DataFrame) -> dict[str, int]:
    """The year of each defence step in `RECORD_STEPS` (context from outside the article)."""
    dates = record_events.set_index("record_event_id").date_start
    return {name: int(dates[event].year) for name, event in RECORD_STEPS.items()}


KEY_POINTS = ("cooperation_in_place", "exercise_dates", "standoff_date")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the defence chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    events = tables["events"]
    row = exercises(events)
    years = reading_years(events)
    standoff = events[events.event_id == STANDOFF_EVENT].date_label.iloc[0]
    ties = pair_ties(tables)
    tied = ties[ties.ties > 0]
    return {
        "exercise_dates": str(row.date_label),
        "span_years": years["span"],
        "two_years": years["two years"],
        **record_step_years(tables["record_events"]),
        "standoff_date": str(standoff),
        **common.paragraph_refs(tables["claims"], PARAGRAPH_REFS, marked=False),
        "cooperation_in_place": len(cooperation_in_place(tables["relations"])),
        "pairs": ties.pair.nunique(),
        "tied_pairs": tied.pair.nunique(),
        "india_pairs": tied[tied.pair.str.contains("India")].pair.nunique(),
    }


key_numbers, prose_numbers = common.key_and_prose(chapter_numbers, KEY_POINTS)
