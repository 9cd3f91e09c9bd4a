"""The drivers chart: two kinds of support told apart without hue, and a title its marks bear out."""

from mibook import render
from mibook.charts import drivers
from tests.chart_checks import assert_reader_ready


def test_title_counts_are_the_charts_own_marks(data):
    chart = drivers.support(data)
    rows = [r for values in chart.spec["datasets"].values() for r in values]
    firm = [r for r in rows if r["level"] == "firm"]
    dated = sum(r["support"] == drivers.SUPPORTS[0] for r in firm)
    borne_out = sum(r["support"] == drivers.SUPPORTS[1] for r in firm)
    assert chart.spec["title"]["text"] == [f"Of {len({r['label'] for r in rows})} regional changes, the article dates "
                                           f"{dated}", f"and the record firmly bears out {borne_out}"]
    assert (dated, borne_out) == (2, 2)  # the February 2019 crisis; the Afghan endgame


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
