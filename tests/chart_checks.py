"""Checks shared by the defence, energy and trade chart tests: what a reader sees in a chart's spec and table."""


from mibook import render
from tests import readable
from tests.conftest import sub_specs


def assert_reader_ready(chart, max_width: int = 650) -> None:
    """Human table headers and values, titles in lines, bottom legends, and a rendered width for a 650 px column."""
    table = chart.table
    assert all(c[0].isupper() or c == "¶" for c in table.columns), list(table.columns)
    assert not any(c in {"claim_id", "paragraph", "dollars", "kind", "theme"} for c in table.columns)
    assert readable.problems(table) == []
    title = chart.spec["title"]["text"]
    assert isinstance(title, list) and all(len(line) <= 70 for line in title), title
    for view in [chart.spec, *sub_specs(chart.spec)]:
        for channel in view.get("encoding", {}).values():
            legend = channel.get("legend") if isinstance(channel, dict) else None
            if legend:
                assert legend.get("orient") == "bottom", legend
    width = render.svg_width(render.svg(chart.spec))  # as the book draws it: the bundled fonts only
    assert width <= max_width, width


def layer_marks(chart) -> list[str]:
    """The mark types of a chart's layers."""
    marks = [v["mark"] for v in sub_specs(chart.spec) if "mark" in v]
    return [m["type"] if isinstance(m, dict) else m for m in marks]
