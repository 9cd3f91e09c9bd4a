"""Pieces every generated page shares: the appendix pages' names, the ready-made HTML + MyST markdown
output, and the filterable table (search box, theme menu, sortable headings) the ledger script runs."""

import html

LEDGER_PAGE = "claims-ledger.html"  # the appendix pages are siblings
SOURCE_PAGE = "source.html"
CHECKS_PAGE = "checks.html"
STATIC = "../../_static/"  # from chapters/appendix/<page>.html
LEDGER_SCRIPT = "mibook-ledger.js"


class Markup:
    """Ready-made HTML (the web) and MyST markdown (the PDF) shown as one notebook output."""

    def __init__(self, html_text: str, markdown_text: str, plain: str = ""):
        self._html, self._markdown, self._plain = html_text, markdown_text, plain

    def html(self) -> str:
        return self._html

    def markdown(self) -> str:
        return self._markdown

    def _repr_mimebundle_(self, include=None, exclude=None):
        plain = self._plain or "<appendix>"
        return {"text/html": self.html(), "text/markdown": self.markdown(), "text/plain": plain}


def counted(count: int, noun: str) -> str:
    """'1 claim', '15 claims': the count with its noun, plural unless it is one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def filterable_table(columns: list[str], options: str, rows: list[str], placeholder: str, noun: str,
                     extra_class: str = "") -> str:
    """A table with the ledger's search box, theme menu and sortable headings (run by the ledger script):
    `options` are the theme menu's `<option>`s, `rows` the `<tr>`s, `noun` what one row is ('claim')."""
    head = "".join(f'<th scope="col"><button type="button" class="mibook-sort">{html.escape(name)}</button></th>'
                   for name in columns)
    total = len(rows)
    return (
        f'<div class="mibook-ledger{extra_class}" data-mibook-ledger="">'
        '<div class="mibook-ledger-controls" hidden="">'
        f'<label>Search <input type="search" class="mibook-ledger-search" placeholder="{html.escape(placeholder)}" '
        'autocomplete="off"></label> '
        '<label>Theme <select class="mibook-ledger-theme"><option value="">All themes</option>'
        f"{options}</select></label> "
        f'<span class="mibook-ledger-count" aria-live="polite" data-noun="{html.escape(noun)}">'
        f"{total} of {counted(total, noun)}</span>"
        "</div>"
        '<div class="mibook-scroll"><table class="mibook-table mibook-ledger-table">'
        f"<thead><tr>{head}</tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table></div></div>'
        f'<script src="{STATIC}{LEDGER_SCRIPT}"></script>'
    )
