"""The Afghanistan chapter's numbers: the paragraphs it cites and the dates of the record's Afghan talks
(context)."""

from mibook.analysis import common

THEME = "afghanistan"
PARAGRAPH_REFS = {"p_evidence": "c-bilateral-01", "p_talks": "c-afghanistan-01", "p_spillover": "c-afghanistan-03",
                  "p_convergence": "c-afghanistan-06", "p_processes": "c-bilateral-10",
                  "p_framework": "c-afghanistan-07"}


# The record's talks on Afghanistan in Moscow (context): the Russia–China–Pakistan meeting, and the regional
# rounds Russia hosted with Pakistan taking part.
RECORD_TRILATERAL = "rec-2016-12-trilateral-afghanistan"
RECORD_ROUNDS = ("rec-2017-04-moscow-format", "rec-2018-11-moscow-format")
RECORD_US_TALKS = "rec-2018-10-doha-meeting"  # the US track with the Taliban, which the article leaves out
RECORD_US_ASK = "rec-2018-12-trump-letter"  # the US asking Pakistan's help with the Taliban (by Pakistan's account)
RECORD_CITED = (RECORD_TRILATERAL, *RECORD_ROUNDS, RECORD_US_TALKS, RECORD_US_ASK)  # the chapter's text draws on
KEY_POINTS = ("trilateral_date",)


def chapter_numbers(tables) -> dict[str, int | str]:
    """Every number the Afghanistan chapter shows, ready to print (`KEY_POINTS` names the key points')."""
    return {
        "trilateral_date": common.record_dates(tables["record_events"], [RECORD_TRILATERAL], unit="month"),
        "moscow_rounds": common.record_dates(tables["record_events"], RECORD_ROUNDS, unit="month"),
        "us_talks_date": common.record_dates(tables["record_events"], [RECORD_US_TALKS], unit="month"),
        "us_ask_date": common.record_dates(tables["record_events"], [RECORD_US_ASK], unit="month"),
        **common.paragraph_refs(tables["claims"], PARAGRAPH_REFS),
    }


key_numbers, prose_numbers = common.key_and_prose(chapter_numbers, KEY_POINTS)

