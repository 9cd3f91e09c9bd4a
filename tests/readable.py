"""What a reader may see in a chart's "data behind this chart" table: human labels, no ids, no floats."""

import re

import pandas as pd

ID = re.compile(r"\b(?:c|r|rec|ev|pos|dp|p|q|aim)-[a-z0-9]+(?:-[a-z0-9]+)*\b")
RAW_IDS = {"author", "janjua", "putin", "serenko", "bilateral", "sco-cpec", "afghanistan", "russia", "pakistan"}
SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
FLOAT_MONEY = re.compile(r"\b\d{4,}\.\d+\b|\$\d[\d,]*\.0\b")


def problems(table: pd.DataFrame) -> list[str]:
    """Every cell or column name a reader should not see (ids, raw codes, scientific or float money)."""
    found = [f"column {c!r}" for c in table.columns if "_" in str(c)]
    cells = [str(v) for v in table.to_numpy().ravel() if v is not None and v == v]  # missing cells show nothing
    for value in [*map(str, table.columns), *cells]:
        if ID.search(value) or value in RAW_IDS or SCIENTIFIC.search(value) or FLOAT_MONEY.search(value):
            found.append(value)
    return found
