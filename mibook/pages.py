"""Pieces every generated page shares: the appendix pages' names, the ready-made HTML + MyST markdown
output, and the filterable list (search box, theme menu, sort buttons) the ledger script runs."""

import html

LEDGER_PAGE = "claims-ledger.html"  # the appendix pages are siblings
SOURCE_PAGE = "source.html"
CHECKS_PAGE = "checks.html"
STATIC = "../../_static/"  # from chapters/appendix/<page>.html
LEDGER_SCRIPT = "mibook-ledger.js"
APPENDIX_CSS = "mibook-appendix.css"


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


def listed(items, separator: str = ", ", last: str = " and ") -> str:
    """Items as prose: 'a', 'a and b', 'a, b and c'; items holding commas of their own take
    `separator="; ", last="; and "`: 'a; b; and c' (two items are always 'a and b')."""
    items = list(items)
    if len(items) < 3:
        return " and ".join(items)
    return f"{separator.join(items[:-1])}{last}{items[-1]}"


def counted(count: int, noun: str) -> str:
    """'1 claim', '15 claims': the count with its noun, plural unless it is one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def filterable(items: str, total: int, options: str, placeholder: str, noun: str, sorts: str = "",
               extra_class: str = "") -> str:
    """A filterable list run by the ledger script: a search box, a theme menu (`options`: its `<option>`s),
    a count of what is shown (`noun`: what one item is, e.g. 'claim') and `items`, the `total` of them each
    marked `data-mibook-item`. Sort buttons (`data-sort-key`) sit in `sorts` or in the items' table headings; an
    item's element with the matching `data-sort-by` gives its key (its `data-sort`, else its text)."""
    e = html.escape
    return (
        f'<link rel="stylesheet" href="{STATIC}{APPENDIX_CSS}">'
        f'<div class="mibook-ledger{extra_class}" data-mibook-ledger="" data-noun="{e(noun)}">'
        '<div class="mibook-ledger-controls" hidden="">'
        f'<label>Search <input type="search" class="mibook-ledger-search" placeholder="{e(placeholder)}" '
        'autocomplete="off"></label> '
        '<label>Theme <select class="mibook-ledger-theme"><option value="">All themes</option>'
        f"{options}</select></label> {sorts}"
        f'<span class="mibook-ledger-count" aria-live="polite">{total} of {counted(total, noun)}</span>'
        f"</div>{items}</div>"
        f'<script src="{STATIC}{LEDGER_SCRIPT}"></script>'
    )


def sort_button(key: str, label: str) -> str:
    """A button that sorts a filterable list by `key` (see `filterable`)."""
    return f'<button type="button" class="mibook-sort" data-sort-key="{html.escape(key)}">{html.escape(label)}</button>'


def sort_bar(keys: list[tuple[str, str]]) -> str:
    """'Sort by' and a button for each (key, label): the sorts of a filterable list outside its headings."""
    return f'<span class="mibook-ledger-sorts">Sort by {" ".join(sort_button(k, label) for k, label in keys)}</span> '
