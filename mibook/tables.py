"""Tables as the book shows them: escaped HTML for the web (one `table_html` for every table, prose columns
marked for the phone's stacked cards, a keyboard-scrollable box) and MyST markdown for print. No chart
machinery here, so a chapter that shows only tables never loads it."""

import html

import pandas as pd

from mibook.pages import LEDGER_PAGE


class BookTable:
    """A table as the book shows it: escaped HTML for the web, a wrapping longtable for LaTeX.

    `widths` gives each column's share of the line width, in LaTeX and on the web (quotes get most of it).
    In HTML, a column named "Claim" links each claim id to its row in the claims ledger, and a column
    named "¶" reads "¶4" (see _ext/mibook_reading.py).
    """

    def __init__(self, frame: pd.DataFrame, widths: list[float] | None = None, caption: str = ""):
        self.frame = frame.reset_index(drop=True)
        self.caption = caption  # the printed table's caption (the web sets a table under its heading)
        count = len(frame.columns)
        self.widths = widths or [1 / count] * count
        if len(self.widths) != count:
            raise ValueError(f"{count} columns but {len(self.widths)} widths")

    def html(self) -> str:
        columns = list(self.frame.columns)
        prose = prose_columns(self.frame)
        rows = [[table_cell(c, self._html_cell(c, v), c in prose) for c, v in zip(columns, row, strict=True)]
                for row in self.frame.itertuples(index=False)]
        return scroll_box(table_html(columns, self.widths, prose, [("", r) for r in rows]), "Table")

    @staticmethod
    def _html_cell(column: str, value) -> str:
        text = html.escape(_cell(value))
        if column == "Claim" and text:
            return f'<a class="claim-link mibook-id" href="appendix/{LEDGER_PAGE}#{text}">{text}</a>'
        if column == "¶" and text:
            return text if text.startswith("¶") else f"¶{text}"  # the HTML build links it, the words on hover
        return text

    def markdown(self) -> str:
        """A MyST list-table (used by the LaTeX build): fixed column widths, so long quotes wrap."""
        widths = " ".join(str(max(1, round(100 * w))) for w in self.widths)
        title = f" {markdown_escape(self.caption)}" if self.caption else ""
        lines = [f"```{{list-table}}{title}", ":header-rows: 1", f":widths: {widths}", ":class: longtable", ""]
        for row in [list(self.frame.columns), *self.frame.itertuples(index=False)]:
            cells = [markdown_escape(_cell(v)) or " " for v in row]
            lines.append(f"* - {cells[0]}")
            lines += [f"  - {c}" for c in cells[1:]]
        return "\n".join([*lines, "```"])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/markdown": self.markdown(),
                "text/plain": self.frame.to_string(index=False)}


def scroll_box(table: str, label: str) -> str:
    """A table in its own keyboard-scrollable box, so a wide table never pushes the page sideways."""
    return f'<div class="mibook-scroll" role="region" tabindex="0" aria-label="{html.escape(label)}">{table}</div>'


PROSE_WORDS = 8  # a column whose filled cells average this many words holds prose


def prose_columns(frame: pd.DataFrame) -> set[str]:
    """The columns of `frame` that hold prose (their filled cells average PROSE_WORDS words or more)."""
    found = set()
    for column in frame.columns:
        words = [len(_cell(v).split()) for v in frame[column] if _cell(v).strip()]
        if words and sum(words) / len(words) >= PROSE_WORDS:
            found.add(column)
    return found


def table_cell(column: str, content: str, prose: bool, attributes: str = "") -> str:
    """One `<td>` (its content ready-made HTML), labelled with its column for the stacked-card layout."""
    kind = ' class="mibook-prose"' if prose else ""
    return f'<td data-label="{html.escape(str(column))}"{kind}{attributes}>{content}</td>'


def table_html(columns: list[str], widths: list[float], prose: set[str], rows: list[tuple[str, list[str]]],
               head: list[str] | None = None, extra_class: str = "") -> str:
    """Every table the book shows on the web: column widths as in print; a table with a prose column is
    marked to become stacked cards on a phone (mibook.css). `rows` are (`<tr>` attributes, cells),
    `head` the headings' HTML (default: the escaped column names)."""
    cols = "".join(f'<col style="width: {100 * w:.0f}%">' for w in widths)
    head = head or [html.escape(str(c)) for c in columns]
    prose_class = ' class="mibook-prose"'
    ths = "".join(f'<th scope="col"{prose_class if c in prose else ""}>{h}</th>'
                  for c, h in zip(columns, head, strict=True))
    body = "".join(f"<tr{attributes}>{''.join(cells)}</tr>" for attributes, cells in rows)
    kind = " mibook-cards" if prose else ""
    return (f'<table class="mibook-table{kind}{extra_class}"><colgroup>{cols}</colgroup>'
            f"<thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>")


def markdown_escape(text: str) -> str:
    """Text made literal in MyST markdown: every ASCII punctuation mark backslash-escaped, one line."""
    return "".join(f"\\{ch}" if ch in _ASCII_PUNCTUATION else ch for ch in " ".join(text.split()))


_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _cell(value) -> str:
    return "" if pd.isna(value) else str(value)
