"""The drivers chart: two kinds of support told apart without hue, and a title its marks bear out."""

from mibook import render
from mibook.charts import drivers
from tests.chart_checks import assert_reader_ready


def test_title_counts_are_the_charts_own_marks(data):
    chart = drivers.support(data)
    rows = [r for values in chart.spec["datasets"].values() for r in values]
    article = [r for r in rows if r["support"] == drivers.SUPPORTS[0]]
    record = [r for r in rows if r["support"] == drivers.SUPPORTS[1]]
    dated = sum(r["level"] == "firm" for r in article)
    in_part, in_full = (sum(r["level"] == level for r in record) for level in ("some", "firm"))
    assert chart.spec["title"]["text"] == [
        f"Of {len({r['label'] for r in rows})} regional changes, the article dates {dated};",
        f"the record bears out {in_part} in part and {in_full or 'none'} in full"]
    assert (dated, in_part, in_full) == (2, 4, 0)


def test_marks_differ_by_shape_and_fill_not_hue(data):
    spec = drivers.support(data).spec
    assert spec["encoding"]["shape"]["scale"]["range"] == ["circle", "square"]
    assert spec["encoding"]["fill"]["scale"]["range"] == ["#222222", "#ffffff"]


def test_chart_is_reader_ready(data):
    chart = drivers.support(data)
    assert_reader_ready(chart)
    assert render.vector_pdf(chart.static_svg).startswith(b"%PDF")


def test_the_readability_check_catches_ids_codes_and_floats():
    import pandas as pd

    from tests import readable

    bad = pd.DataFrame({"claim_id": ["c-trade-01"], "Speaker": ["janjua"], "Value": [1.4e10], "Money": ["$660.0"]})
    assert len(readable.problems(bad)) == 5
