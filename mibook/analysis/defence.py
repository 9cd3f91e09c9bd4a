"""The defence chapter's numbers: the exercises' two readings, the statements of defence cooperation,
and the defence steps the record (context) holds beside them."""

import pandas as pd

from mibook.analysis import common

THEME = "defence"
PAIR = ("russia", "pakistan")
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


# Defence steps the record holds and the article leaves out (context), by the name their year is glued under.
RECORD_STEPS = {"agreement_year": "rec-2014-11-defence-agreement", "helicopter_year": "rec-2015-08-mi35-deal",
                "training_year": "rec-2018-08-training-agreement"}
# The two armies' Druzhba exercises on the record (context).
ARMY_EXERCISES = ("rec-2016-09-druzhba", "rec-2017-09-druzhba", "rec-2018-10-druzhba")


def record_step_years(record_events: pd.DataFrame) -> dict[str, int]:
    """The year of each defence step in `RECORD_STEPS` (context from outside the article)."""
    dates = record_events.set_index("record_event_id").date_start
    return {name: int(dates[event].year) for name, event in RECORD_STEPS.items()}


KEY_POINTS = ("cooperation_in_place", "exercise_dates", "agreement_year", "helicopter_year", "training_year",
              "army_exercise_years")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the defence chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    events = tables["events"]
    row = exercises(events)
    years = reading_years(events)
    standoff = events[events.event_id == STANDOFF_EVENT].date_label.iloc[0]
    return {
        "exercise_dates": str(row.date_label),
        "span_years": years["span"],
        "two_years": years["two years"],
        **record_step_years(tables["record_events"]),
        "standoff_date": str(standoff),
        **common.paragraph_refs(tables["claims"], PARAGRAPH_REFS, marked=False),
        "army_exercise_years": common.record_dates(tables["record_events"], ARMY_EXERCISES),
        "cooperation_in_place": len(cooperation_in_place(tables["relations"])),
    }


key_numbers, prose_numbers = common.key_and_prose(chapter_numbers, KEY_POINTS)
