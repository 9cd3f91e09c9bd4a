"""The case weighed: the record's span, the drivers named by our reading, and the landing page's numbers (the
drivers themselves are in `analysis.drivers`)."""

from mibook.analysis import defence, drivers, energy
from mibook.analysis.common import in_dollars, key_and_prose, money, paragraph_refs, quantity, record_dates
from mibook.labels import in_words


def record_numbers(tables) -> dict[str, int]:
    """Context: how many dated events the record holds and the years they span."""
    record = tables["record_events"]
    return {"record_events": len(record), "record_first": int(record.date_start.min().year),
            "record_last": int(record.date_end.max().year)}


def direct_deals(record_events) -> dict[str, str]:
    """Context: the years of the steps between Pakistan and Russia themselves, outside the regional changes: the
    military agreement, the helicopter deal, the first army exercise, the training contract (the defence
    chapter's) and the energy pledge (the energy chapter's)."""
    steps = {"agreement_year": defence.RECORD_STEPS["agreement_year"],
             "helicopter_year": defence.RECORD_STEPS["helicopter_year"], "exercises_from": defence.ARMY_EXERCISES[0],
             "training_year": defence.RECORD_STEPS["training_year"], "pledge_year": energy.PLEDGE}
    return {name: record_dates(record_events, [event]) for name, event in steps.items()}


def defence_years(tables) -> dict[str, int]:
    """Context: the first and last year of the record's defence steps, when one falls in every year between
    (the timeline's takeaway); otherwise a LookupError, since the sentence would no longer hold."""
    record = tables["record_events"]
    years = sorted({int(d.year) for d in record[record.theme.astype(str) == "defence"].date_start})
    if years != list(range(years[0], years[-1] + 1)):
        raise LookupError(f"the record's defence steps skip a year: {years}")
    return {"defence_first": years[0], "defence_last": years[-1]}


# Russia's wider return to the region, the article's frame: its "proactive role" (¶1), its "consistent
# multilateral efforts in the region" (¶5)
RUSSIA_RETURNS = {"p_proactive": "c-bilateral-04", "p_return": "c-sco-cpec-06"}
# The landing page's quotations of the author's verdict and opening claim, by the claims they come from.
LANDING_REFS = {"p_tactical": "c-bilateral-05", "p_alliance": "c-bilateral-03", "p_partnership": "c-bilateral-02",
                "p_conclusion": "c-defence-06", "p_poles": "c-sco-cpec-03", "p_investment": "c-energy-04"}


def _chapter_numbers(tables) -> dict[str, int | str]:
    return {
        **record_numbers(tables),
        **defence_years(tables),
        "firm_names": drivers.named(tables, "pull", drivers.PULLS_CLOSER[:1]),
        "weak_names": drivers.named(tables, "pull", drivers.PULLS_CLOSER[1:]),
        "apart_names": drivers.named(tables, "pull", (drivers.HOLDS_APART,)),
        "offered_count": in_words(int((tables["drivers"].pull == drivers.OFFERED_ALIKE).sum())),
        "none_names": drivers.named(tables, "pull", (drivers.NOT_SHOWN,)),
        **direct_deals(tables["record_events"]),
        **paragraph_refs(tables["claims"], {"p_ties_evidence": LANDING_REFS["p_alliance"],  # ties as evidence
                                            **RUSSIA_RETURNS}),
    }


KEY_POINTS = ("firm_names", "weak_names", "agreement_year", "helicopter_year", "exercises_from", "training_year",
              "pledge_year")  # ¶ pointers aside
key_numbers, prose_numbers = key_and_prose(_chapter_numbers, KEY_POINTS)


def summary_numbers(tables) -> dict[str, int | str]:
    """The numbers of the landing page's answer and findings, each computed where its chapter computes it."""
    quantities = tables["quantities"]
    trade = quantity(quantities, "bilateral-trade")
    numbers = {**key_numbers(tables), **prose_numbers(tables)}
    return {
        **{name: numbers[name] for name in ("firm_names", "weak_names", "offered_count", "none_names", "apart_names",
                                             "record_last")},
        **paragraph_refs(tables["claims"], LANDING_REFS),
        **{name: numbers[name] for name in ("defence_first", "defence_last")},
        "trade": money(in_dollars(trade)),
        "trade_period": str(trade.period_label),
        "investment": money(in_dollars(quantity(quantities, "russian-investment"))),
    }
