"""The book's one chart renderer: a chart becomes a MIME bundle every builder can use.

`text/html` carries a static SVG (readable with JavaScript off) plus the Vega-Lite spec, which
`_static/mibook-charts.js` upgrades into an interactive vega-embed chart, and the data behind the
chart in a collapsed table. `application/pdf` carries a vector PDF for the LaTeX build. Both are
deterministic: same chart, same bytes.
"""

import base64
import html
import io
import json
import logging
import re

import altair as alt
import pandas as pd
import vl_convert
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class BookChart:
    """A named chart as the book shows it; Jupyter displays it through `_repr_mimebundle_`."""

    def __init__(self, chart: alt.TopLevelMixin, name: str, table: pd.DataFrame):
        if not _NAME.fullmatch(name):
            raise ValueError(f"chart name {name!r} must be lower-case words joined by hyphens")
        spec = chart.to_dict()
        if not spec.get("description"):
            raise ValueError(f"chart {name!r} needs a description (it becomes the aria label)")
        self.name = name
        self.spec = spec
        self.table = table

    def svg(self) -> str:
        return vl_convert.vegalite_to_svg(self.spec, vl_version=VEGA_LITE_VERSION)

    def pdf(self) -> bytes:
        return canonical_pdf(vl_convert.vegalite_to_pdf(self.spec, vl_version=VEGA_LITE_VERSION))

    def html(self) -> str:
        name = html.escape(self.name, quote=True)
        description = html.escape(self.spec["description"], quote=True)
        spec_json = json.dumps(self.spec, sort_keys=True, ensure_ascii=False).replace("<", "\\u003c")
        table = self.table.to_html(index=False, escape=True, border=0, classes="mibook-chart-table", na_rep="")
        return (
            f'<div class="mibook-chart" id="chart-{name}" data-chart-id="{name}">'
            f'<div class="mibook-chart-view" role="img" aria-label="{description}">{self.svg()}</div>'
            f'<script type="application/json" class="mibook-chart-spec">{spec_json}</script>'
            f'<details class="mibook-chart-data"><summary>Data behind this chart</summary>{table}</details>'
            "</div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self.html(),
            "application/pdf": base64.b64encode(self.pdf()).decode("ascii"),
            "text/plain": f"<chart {self.name}>",
        }


def canonical_pdf(raw: bytes) -> bytes:
    """Rewrite a PDF with every dictionary's keys sorted, so object order and numbering are stable.

    vl-convert emits the same objects in varying order from call to call (font dictionaries come
    from a hash map); sorting keys and re-serialising from the root makes the bytes reproducible.
    """
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # vl-convert's trailer size is off; harmless
    reader = PdfReader(io.BytesIO(raw))
    seen: set[tuple[int, int]] = set()

    def sort_keys(obj) -> None:
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) not in seen:
                seen.add((obj.idnum, obj.generation))
                sort_keys(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            items = sorted(obj.items())
            obj.clear()
            obj.update(items)
            for _, value in items:
                sort_keys(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                sort_keys(value)

    sort_keys(reader.trailer["/Root"])
    out = io.BytesIO()
    PdfWriter(clone_from=reader).write(out)
    return out.getvalue()


LEDGER_PAGE = "appendix/claims-ledger.html"  # relative to the chapter pages, which are siblings


class BookTable:
    """A table as the book shows it: escaped HTML for the web, a wrapping longtable for LaTeX.

    `widths` gives each column's share of the line width in LaTeX (e.g. quotes get most of it).
    In HTML, a column named "Claim" links each claim id to its row in the claims ledger.
    """

    def __init__(self, frame: pd.DataFrame, widths: list[float] | None = None):
        self.frame = frame.reset_index(drop=True)
        count = len(frame.columns)
        self.widths = widths or [1 / count] * count
        if len(self.widths) != count:
            raise ValueError(f"{count} columns but {len(self.widths)} widths")

    def html(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.frame.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{self._html_cell(c, v)}</td>" for c, v in zip(self.frame.columns, row, strict=True))
            + "</tr>"
            for row in self.frame.itertuples(index=False)
        )
        return f'<table class="mibook-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    @staticmethod
    def _html_cell(column: str, value) -> str:
        text = html.escape(_cell(value))
        if column == "Claim" and text:
            return f'<a class="claim-link" href="{LEDGER_PAGE}#{text}">{text}</a>'
        return text

    def markdown(self) -> str:
        """A MyST list-table (used by the LaTeX build): fixed column widths, so long quotes wrap."""
        widths = " ".join(str(max(1, round(100 * w))) for w in self.widths)
        lines = ["```{list-table}", ":header-rows: 1", f":widths: {widths}", ":class: longtable", ""]
        for row in [list(self.frame.columns), *self.frame.itertuples(index=False)]:
            cells = [markdown_escape(_cell(v)) or " " for v in row]
            lines.append(f"* - {cells[0]}")
            lines += [f"  - {c}" for c in cells[1:]]
        return "\n".join([*lines, "```"])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/markdown": self.markdown(),
                "text/plain": self.frame.to_string(index=False)}


def markdown_escape(text: str) -> str:
    """Text made literal in MyST markdown: every ASCII punctuation mark backslash-escaped, one line."""
    return "".join(f"\\{ch}" if ch in _ASCII_PUNCTUATION else ch for ch in " ".join(text.split()))


_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _cell(value) -> str:
    return "" if pd.isna(value) else str(value)
