"""No contradictions between pages: a number named in two chapters has one value, and every number in a chart's
title is a count the chart's own data (the table behind it) bears out. Each check is also fed a mutant."""

import re

import pandas as pd
import pytest

from mibook import context
from mibook.analysis import afghanistan, defence, energy, outlook, overview, sco_cpec, trade
from mibook.charts import checks as checks_charts
from mibook.charts import timeline as timeline_charts
from mibook.charts import trade as trade_charts

CHAPTERS = {"afghanistan": afghanistan, "defence": defence, "energy": energy,
            "outlook": outlook, "overview": overview, "sco-cpec": sco_cpec, "trade": trade}
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _named_numbers(tables) -> dict[str, dict[str, object]]:
    named = {name: {**m.key_numbers(tables), **m.prose_numbers(tables)} for name, m in CHAPTERS.items()}
    return {**named, "landing": overview.summary_numbers(tables)}


def disagreements(named: dict[str, dict[str, object]]) -> dict[str, dict[str, str]]:
    """Names given different values on different pages ('¶8' and 8 are one value)."""
    values: dict[str, dict[str, str]] = {}
    for page, numbers in named.items():
        for name, value in numbers.items():
            values.setdefault(name, {})[page] = str(value).removeprefix("¶")
    return {name: pages for name, pages in values.items() if len(set(pages.values())) > 1}


def test_a_number_named_on_two_pages_has_one_value(data):
    assert disagreements(_named_numbers(data)) == {}


def test_the_disagreement_check_catches_a_count_stated_two_ways(data):
    named = _named_numbers(data)
    named["landing"]["record_last"] = 2018
    assert disagreements(named) == {"record_last": {"overview": "2019", "landing": "2018"}}


# What each chart's title counts, read from the table behind the chart (what a reader can count in it).
def _trade(table: pd.DataFrame) -> list[float]:
    boost = table[table.Item.str.contains("boost")].Item.iloc[0]
    year = table.Item.iloc[0].rsplit(" ", 1)[-1]
    return [float(NUMBER.search(boost).group()), int(year)]


def _checks(table: pd.DataFrame) -> list[float]:
    counts = table.drop(columns="Theme").sum()
    return [counts["Consistent"], counts.sum(), counts["Partly consistent"]]


def _timeline(table: pd.DataFrame) -> list[float]:
    """The first and last year of the record's defence steps, when every year between has one."""
    defence = table[(table.From == context.RECORD_LANE) & (table.Theme == "Defence")]
    years = sorted(set(defence.Date.str.findall(r"\d{4}").explode().astype(int)))
    every_year = years == list(range(years[0], years[-1] + 1))
    return [years[0], years[-1]] if every_year else []


TITLE_COUNTS = {
    "trade-run-rate": (trade_charts.run_rate, _trade),
    "checks-verdicts-by-theme": (checks_charts.verdicts_by_theme, _checks),
    "record-timeline": (timeline_charts.record_timeline, _timeline),
}


def title_numbers(chart) -> list[float]:
    title = chart.spec["title"]
    text = title["text"] if isinstance(title, dict) else title
    return [float(n) for n in NUMBER.findall(" ".join([text] if isinstance(text, str) else text))]


@pytest.mark.parametrize("name", TITLE_COUNTS)
def test_every_number_in_a_chart_title_is_a_count_of_its_data(data, name):
    build, counts = TITLE_COUNTS[name]
    chart = build(data)
    assert chart.name == name
    assert title_numbers(chart) == [float(n) for n in counts(chart.table)]


def test_the_title_check_catches_a_title_its_marks_do_not_bear_out(data):
    chart = timeline_charts.record_timeline(data)
    chart.spec["title"]["text"] = ["Defence steps between the two recur every year, 2014–2019"]
    assert title_numbers(chart) != [float(n) for n in _timeline(chart.table)]


@pytest.mark.book
def test_every_chart_in_the_book_has_its_title_checked(html_book):
    shown = {c for page in html_book.rglob("*.html") if "_static" not in page.parts
             for c in re.findall(r'data-chart-id="([^"]+)"', page.read_text(encoding="utf-8"))}
    assert shown and shown <= set(TITLE_COUNTS), shown - set(TITLE_COUNTS)


def test_the_checks_chart_agrees_its_verb_and_colours_its_verdicts_as_read(data):
    """"7 match it only in part", "1 matches it only in part"; consistent checks in the palette's green,
    inconsistent ones in its vermillion."""
    import colorsys

    from mibook import style

    def title(tables) -> str:
        text = checks_charts.verdicts_by_theme(tables).spec["title"]["text"]
        return text if isinstance(text, str) else " ".join(text)

    partly = int((data["checks"].verdict.astype(str) == "partly consistent").sum())
    assert partly > 1 and f"{partly} match it only in part" in title(data)
    one = data["checks"].copy()
    keep = one.verdict.astype(str) == "partly consistent"
    one.loc[keep[keep].index[1:], "verdict"] = "consistent"
    assert "1 matches it only in part" in title({**data.frames, "checks": one})
    hues = {v: colorsys.rgb_to_hls(*style.rgb(c))[0] * 360 for v, c in checks_charts.VERDICT_COLOURS.items()
            if v in ("consistent", "inconsistent")}
    assert 90 <= hues["consistent"] <= 180 and (hues["inconsistent"] <= 40 or hues["inconsistent"] >= 340)
