"""The defence chapter's numbers: the exercises the article dates and the defence steps the record (context)
holds beside them, India's S-400 purchase among them."""

import pandas as pd

from mibook.analysis import common

THEME = "defence"
# The claims whose paragraphs the chapter's prose refers to (glued, never typed).
PARAGRAPH_REFS = {
    "p_evidence": "c-bilateral-03",
    "p_exercises": "c-defence-03",
    "p_new_delhi": "c-defence-06",
}


def exercises(events: pd.DataFrame) -> pd.Series:
    """The one event stated as a range of years: the naval and military exercises."""
    rows = events[(events.theme == THEME) & (events.date_precision == "range")]
    if len(rows) != 1:
        raise LookupError(f"expected one defence event dated as a range, found {len(rows)}")
    return rows.iloc[0]


# Defence steps the record holds and the article leaves out (context), by the name their year is glued under;
# India's S-400 purchase is the record's measure of Moscow's other, larger arms tie.
RECORD_STEPS = {"embargo_year": "rec-2014-06-arms-embargo-lifted", "agreement_year": "rec-2014-11-defence-agreement",
                "helicopter_year": "rec-2015-08-mi35-deal", "training_year": "rec-2018-08-training-agreement",
                "s400_year": "rec-2018-10-s400-deal"}
S400_DEAL = RECORD_STEPS["s400_year"]
# The two armies' Druzhba exercises on the record (context).
ARMY_EXERCISES = ("rec-2016-09-druzhba", "rec-2017-09-druzhba", "rec-2018-10-druzhba")
NAVAL_EXERCISE = "rec-2018-11-arabian-monsoon"  # the two navies' exercise on the record (context)
DRUZHBA_INDIA = "rec-2016-09-druzhba-india"  # the first exercise held days after Uri, with assurances to India
DIALOGUE = "rec-2019-03-strategic-stability"  # the strategic stability dialogue's meeting, a foreign-ministry channel
US_TRAINING_CUT = "rec-2018-08-imet-cut"  # the US dropping Pakistani officers from its training, days after Russia's
RECORD_CITED = (*RECORD_STEPS.values(), *ARMY_EXERCISES, NAVAL_EXERCISE, DRUZHBA_INDIA, DIALOGUE, US_TRAINING_CUT)


def record_step_years(record_events: pd.DataFrame) -> dict[str, int]:
    """The year of each defence step in `RECORD_STEPS` (context from outside the article)."""
    dates = record_events.set_index("record_event_id").date_start
    return {name: int(dates[event].year) for name, event in RECORD_STEPS.items()}


KEY_POINTS = ("exercise_dates", "agreement_year", "helicopter_year", "training_year", "army_exercise_years",
              "naval_exercise_year", "s400_year", "s400_sum")


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the defence chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    events, record = tables["events"], tables["record_events"]
    row = exercises(events)
    return {
        "exercise_dates": str(row.date_label),
        **record_step_years(record),
        "s400_sum": common.record_sum(record, S400_DEAL)[0],
        "druzhba_india_date": common.record_dates(record, [DRUZHBA_INDIA], unit="month"),
        **common.paragraph_refs(tables["claims"], PARAGRAPH_REFS, marked=False),
        "army_exercise_years": common.record_dates(record, ARMY_EXERCISES),
        "naval_exercise_year": common.record_dates(record, [NAVAL_EXERCISE]),
    }


key_numbers, prose_numbers = common.key_and_prose(chapter_numbers, KEY_POINTS)
