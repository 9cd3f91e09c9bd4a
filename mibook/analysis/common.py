"""Helpers shared by the chapter analyses: joining claims' evidence onto other tables."""

import re
import weakref
from collections.abc import Callable

import pandas as pd

from mibook.pages import listed

EVIDENCE_COLUMNS = ["claim_id", "paragraph", "quote"]


def with_evidence(frame: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each row's claim paragraph and verbatim quote joined on `claim_id`."""
    evidence = claims[EVIDENCE_COLUMNS].astype({"claim_id": "string"})
    joined = frame.astype({"claim_id": "string"}).merge(evidence, on="claim_id", how="left", validate="many_to_one")
    return joined


def theme_claims(claims: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The claims filed under one theme, in article order."""
    rows = claims[claims.theme == theme]
    return rows.sort_values(["paragraph", "claim_id"]).reset_index(drop=True)


def evidence_table(claims: pd.DataFrame, theme: str | None = None) -> pd.DataFrame:
    """The evidence table a chapter ends with: ¶ and verbatim quote, in article order (the ids and the kinds
    of claim stay in the claims ledger). The print edition leaves it out by its columns (_ext/mibook_print.py)."""
    rows = claims if theme is None else claims[claims.theme == theme]
    table = rows.sort_values(["paragraph", "claim_id"])[["paragraph", "quote"]]
    return table.rename(columns={"paragraph": "¶", "quote": "The article's words"})


def quantity(quantities: pd.DataFrame, indicator: str) -> pd.Series:
    """The one stated quantity for `indicator` (e.g. 'bilateral-trade')."""
    rows = quantities[quantities.indicator == indicator]
    if len(rows) != 1:
        raise LookupError(f"expected one quantity for {indicator!r}, found {len(rows)}")
    return rows.iloc[0]


SCALES = {"one": 1, "million": 1e6, "billion": 1e9}


def in_dollars(row: pd.Series) -> float:
    """A stated money quantity in plain US dollars (660, 'million' -> 660,000,000)."""
    return float(row.value) * SCALES[row.scale]


def money(dollars: float) -> str:
    """Dollars as prose: '$660 million', '$14 billion', '$0.8 billion', '$792 million'."""
    for word, size in (("billion", 1e9), ("million", 1e6)):
        if abs(dollars) >= size:
            return f"${dollars / size:,.3g} {word}" if dollars / size < 100 else f"${dollars / size:,.0f} {word}"
    return f"${dollars:,.0f}"


def paragraph_refs(claims: pd.DataFrame, refs: dict[str, str], marked: bool = True) -> dict[str, int | str]:
    """Paragraph references for prose, looked up from the claims they rest on (name -> claim id):
    "¶4", or the bare number 4 when `marked` is False (for prose that prints the ¶ itself)."""
    paragraphs = claims.set_index("claim_id").paragraph
    numbers = {name: int(paragraphs[claim_id]) for name, claim_id in refs.items()}
    return {name: pilcrow(n) for name, n in numbers.items()} if marked else numbers


def pilcrow(paragraph: int) -> str:
    """One paragraph reference as a reader sees it: "¶4"."""
    return f"¶{int(paragraph)}"


def record_dates(record_events: pd.DataFrame, event_ids, unit: str = "year") -> str:
    """When the given record events (context) began, in order, as prose: '2016, 2017 and 2018' by year,
    'April 2017 and November 2018' by month."""
    dates = record_events.set_index("record_event_id").date_start
    fmt = "%Y" if unit == "year" else "%B %Y"
    return listed(dict.fromkeys(f"{date:{fmt}}" for date in sorted(dates[list(event_ids)])))


RECORD_SUM = re.compile(r"\$(\d+(?:\.\d+)?) (million|billion)")


def record_sum(record_events: pd.DataFrame, event_id: str) -> tuple[str, float]:
    """The one sum a record event's text states, as written and in dollars: ("$5 billion", 5e9)."""
    what = record_events.set_index("record_event_id").what[event_id]
    found = RECORD_SUM.findall(what)
    if len(found) != 1:
        raise LookupError(f"expected one sum in {event_id}, found {len(found)}: {what!r}")
    amount, scale = found[0]
    return f"${amount} {scale}", float(amount) * SCALES[scale]


def split_numbers(numbers: dict, key_points: tuple[str, ...]) -> tuple[dict, dict]:
    """A chapter's numbers split into those its key points show and the rest, which its prose shows."""
    key = {name: numbers[name] for name in key_points}
    return key, {name: value for name, value in numbers.items() if name not in key_points}


def key_and_prose(chapter_numbers: Callable, key_points: tuple[str, ...]) -> tuple[Callable, Callable]:
    """A chapter module's `key_numbers` and `prose_numbers`, from its `chapter_numbers` (every number the
    chapter shows, ready to print) and the names its key points show: the one convention for every chapter.
    The numbers are computed once per loaded data (a chapter and the landing page both ask for them)."""
    computed: dict[int, tuple[weakref.ref, dict]] = {}

    def numbers(tables) -> dict[str, int | str]:
        known = computed.get(id(tables))
        if known is not None and known[0]() is tables:
            return known[1]
        try:
            ref = weakref.ref(tables)
        except TypeError:  # a plain mapping of frames (edited data in tests): not remembered
            return chapter_numbers(tables)
        computed[id(tables)] = (ref, chapter_numbers(tables))
        return computed[id(tables)][1]

    def key_numbers(tables) -> dict[str, int | str]:
        return split_numbers(numbers(tables), key_points)[0]

    def prose_numbers(tables) -> dict[str, int | str]:
        return split_numbers(numbers(tables), key_points)[1]

    return key_numbers, prose_numbers
