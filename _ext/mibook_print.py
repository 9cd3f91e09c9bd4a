"""The print edition: what the LaTeX builder makes of the book. The HTML book is untouched.

- Web and print wording: Sphinx's own ```{only} html``` / ```{only} latex``` blocks (they work in the
  markdown cells of the chapter notebooks). A whole page stays on the web when its front matter says
  `edition: web` (the method note and the reference pages: data dictionary, claims ledger, checks), and a
  section when its heading is labelled `(web-only-<name>)=` (a heading cannot sit inside an `only` block).
- Self-contained: a mention of a web-only page, linked or not ("the claims ledger", "the checks page"),
  prints the page's address in the online edition (CITATION.cff's `url`), or, when the book has none,
  becomes "the online edition", whose contents the title verso lists. Links inside the book say where
  they lead on paper: "outlook (Chapter 7, p. 21)", "Fig. 3, p. 9" (`PrintTranslator`).
- One evidence listing: the chapters' evidence tables (a "¶" and a "The article's words" column) stay online; the
  annotated source appendix gives each quote with its ¶, without claim ids.
- Front matter from `mibook.metadata.book()`: title page, colophon (licence by name and address,
  suggested citation, the article, the online edition), contents, lists of figures and tables, document
  info and XMP metadata (hyperxmp: title, authors, date, licence, language en-GB).
- Reproducible bytes: SOURCE_DATE_EPOCH is the book's date (the last commit), so two builds of one
  commit give the same PDF wherever they run.
- Shape: the landing page opens the PDF as its summary, the last part of the table of contents is the
  annex (lettered appendices), no code cells, "What the record shows" boxes kept whole.
- Tables: a numbered caption on every one (its chapter, section and what a row is, when the table has
  none), short ones kept on one page, each column at least as wide as its longest word; ids and dates
  never break.
- List of figures: each caption's first sentence.
- Charts: each chart's static SVG (its `image/svg+xml` output) becomes a vector PDF here, at print time
  (`ChartPdfConverter`, `mibook.render.vector_pdf`), so the web build does no print work; the style
  file fits it to the text column.
- References (both editions): citations "(Bokhari, 2019)" / "Bokhari (2019)" and bibliography labels
  in the same author-year form.
"""

import html
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.style import template
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.builders.latex.transforms import BibliographyTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.writers.latex import LaTeXTranslator
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from mibook import geometry, metadata, paths

WEB_ONLY = ("edition", "web")  # front matter `edition: web`: the page is left out of the PDF
WEB_ONLY_SECTION = "web-only-"  # a section labelled `(web-only-<name>)=` is left out of the PDF
LANGUAGE = "en-GB"  # the book's language and spelling (/Lang, XMP)
SUMMARY = "Summary"  # the heading the landing page gets in print
ROW_NAMES = {"¶": "paragraph"}  # a first column's heading as a caption names it
EVIDENCE_COLUMNS = {"¶", "The article's words"}  # mibook.analysis.common.evidence_table's ¶ and quote columns
STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
SHORT_TABLE_ROWS, SHORT_TABLE_LINES = 8, 20  # a table this short is kept on one page; longer ones may split
TABLE_LINE_CHARS = 64  # characters of \small table text (widest: digits, capitals) across the 12.6 cm measure
TABLE_TEXT_CHARS = 80  # ... and of running table text (the average glyph)
UNBREAKABLE = re.compile(  # claim ids (c-sco-cpec-01) and ISO dates (2019-02-28) never break
    r"(?<![\w-])(?:[a-z]+(?:-[a-z]+)*-\d+|\d{4}-\d\d(?:-\d\d)?)(?![\w-])")
# A compound with a name in it (Afghan-led, China-Pakistan) never breaks either: "Afghan-" ending a line
# reads as a name split in two.
NAMED_COMPOUND = re.compile(r"(?<![\w-])(?:[A-Z]\w*(?:-\w+)+|\w+(?:-\w+)*-[A-Z]\w*(?:-\w+)*)(?![\w-])")
BREAKS = re.compile(r"(?<=-)")  # other words may break after a hyphen


def latex_escape(text: str) -> str:
    """Text set literally by LaTeX."""
    special = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
               "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    return "".join(special.get(ch, ch) for ch in text)


# --- front matter and document info ----------------------------------------------------------------


def long_date(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d %B %Y").lstrip("0")


TITLE_PAGE = r"""
\begin{titlepage}
  \centering\sffamily
  \vspace*{0.2\textheight}
  {\Huge\bfseries %(title)s\par}
  \vspace{1em}
  {\Large %(subtitle_broken)s\par}
  \vspace{2.5em}
  {\large An analytical reading of %(article)s\par}
  \vfill
  {\large %(authors)s\par}%(publisher_line)s
  \vspace{0.3em}
  {%(date)s\quad\textbullet\quad Version %(version)s\par}
\end{titlepage}
\setcounter{page}{2}\thispagestyle{empty}
\noindent\begin{minipage}[b][\textheight][b]{\textwidth}\small\raggedright
{\sffamily\bfseries %(title)s:\\ %(subtitle)s\par}\medskip
%(authors)s.%(published_by)s %(date)s. Version %(version)s.\par\medskip
\textbf{Licence.} © %(year)s %(authors)s, under %(licence)s, \url{%(licence_url)s}. The analysis, its
views and any errors are the project’s.\par\medskip
\textbf{Suggested citation.} %(citation)s\par\medskip
\textbf{The article.} %(article)s It is the source of every claim analysed here; quotations from it
are verbatim. Its text, reproduced in full in Appendix A
(p.~\pageref{\detokenize{chapters/appendix/source::doc}}), remains its author’s and its publisher’s: the
licence above does not cover it.\par\medskip
\textbf{How to read it.} A ¶ number points to the article’s paragraph as Appendix A numbers it.
\emph{Context} marks outside reports, in our words, set apart from the article’s analysis and listed in
Appendix B (p.~\pageref{\detokenize{chapters/appendix/references::doc}}). A check’s verdict says how a
claim of the article fares against them: consistent, partly consistent, inconsistent, not supported by the
record (records of the occasion exist and do not show it), or no record found.\par\medskip
\textbf{Abbreviations.} CPEC, China–Pakistan Economic Corridor; MoU, memorandum of understanding; OGDCL, Oil and
Gas Development Company Limited; SCO, Shanghai Cooperation Organization.\par%(online)s
\end{minipage}
\clearpage
"""


PUBLISHER_LINE = r"""
  \vspace{0.6em}
  {Published by %(publisher)s\par}"""  # only when the publisher is not the author


def article(key: str = "bokhari2019") -> str:
    """The source article as the colophon names it, from references.bib (author, title, publisher, year)."""
    from pybtex.database import parse_file

    fields = parse_file(str(paths.PROJECT_ROOT / "references.bib")).entries[key].fields
    source = metadata.attribution(key)
    title = latex_escape(fields["title"].replace("{", "").replace("}", ""))
    return (f"{latex_escape(source['source_author'])}, \\emph{{{title}}} "
            f"({latex_escape(source['source_publisher'])}, {source['source_year']}).")


def front_matter() -> str:
    book = metadata.book()
    fields = {
        "title": book.title, "subtitle": book.subtitle, "authors": "; ".join(book.authors),
        "publisher": book.publisher, "date": long_date(book.date), "version": book.version,
        "licence": book.licence, "citation": metadata.citation(meta=book), "year": book.year,
    }
    fields = {key: latex_escape(value) for key, value in fields.items()}
    address = online_address()
    own = book.publisher in book.authors  # a project that publishes its own work is named once
    return TITLE_PAGE % {**fields, "article": article(), "licence": licence_name(book.licence),
                         "subtitle_broken": title_page_lines(fields["subtitle"]),
                         "publisher_line": "" if own else PUBLISHER_LINE % fields,
                         "published_by": "" if own else f" Published by {fields['publisher']},",
                         "licence_url": metadata.licence_url(book),
                         "online": ONLINE_EDITION % {"address": address} if address else ""}


def title_page_lines(subtitle: str) -> str:
    """The title page's subtitle broken after its first clause ("…in one 2019 article," / "traced claim by
    claim"), not wherever the line runs out; a subtitle without a comma is left whole."""
    head, comma, rest = subtitle.partition(", ")
    return f"{head},\\\\ {rest}" if comma else subtitle


# The colophon's note on the online edition: only when the book has an address to give (CITATION.cff's url).
ONLINE_EDITION = r"""\medskip
\textbf{The online edition} of this report (\url{%(address)s}), built from the same sources, adds interactive
charts; the method note (how the data were made from the article, the evidence rules, what \emph{our
calculation} means and how each check’s verdict was decided); the data dictionary; the claims ledger;
the checks of claims against outside sources; the data files, the executed notebooks, software
versions and build instructions.\par"""


def reproducible_ids(book) -> dict[str, str]:
    """The XMP dates and ids hyperxmp would otherwise take from the clock and the log file's date: the
    book's date, and ids derived from the book's title, version and date."""
    stamp = "D:" + book.date.replace("-", "") + "000000Z"
    name = f"{book.title} {book.version}"
    return {"pdfcreationdate": stamp, "pdfmoddate": stamp, "pdfmetadate": book.date,
            "pdfdocumentid": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
            "pdfinstanceid": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{name} {book.date}')}"}


def licence_name(spdx: str) -> str:
    """A licence as its owner writes it: SPDX's 'CC-BY-4.0' is 'CC BY 4.0'."""
    return spdx.replace("-", " ") if spdx.startswith("CC-") else spdx


def document_info() -> str:
    """Document info and XMP metadata (hyperxmp): title, authors, subject, keywords, language, date,
    licence; the viewer shows the title."""
    book = metadata.book()
    info = {"pdftitle": f"{book.title}: {book.subtitle}", "pdfauthor": "; ".join(book.authors),
            "pdfsubject": book.abstract, "pdfkeywords": ", ".join(book.keywords), "pdflang": LANGUAGE,
            "pdfdate": book.date, "pdfpubtype": "book", "pdfversionid": book.version,
            "pdfcopyright": f"{licence_name(book.licence)}, {metadata.licence_url(book)}",
            "pdflicenseurl": metadata.licence_url(book), "pdfpublisher": book.publisher,
            **reproducible_ids(book)}
    info_again = {"Author": info["pdfauthor"], "Keywords": info["pdfkeywords"]}  # hyperxmp drops them from /Info
    return ("\\hypersetup{pdfdisplaydoctitle," + ",".join(f"{k}={{{latex_escape(v)}}}" for k, v in info.items())
            + "}\n\\makeatletter\\AtBeginDocument{"
            + "".join(rf"\pdfstringdef\mibook@{k}{{{latex_escape(v)}}}" for k, v in info_again.items())
            + r"\special{pdf:docinfo<<" + "".join(rf"/{k}(\mibook@{k})" for k in info_again) + ">>}}\\makeatother\n")


def _latex_config(app, config) -> None:
    elements = dict(config.latex_elements or {})
    elements["maketitle"] = front_matter()
    elements["preamble"] = elements.get("preamble", "") + document_info()
    config.latex_elements = elements


def _source_date(app) -> None:
    """Every date TeX writes (CreationDate, ModDate, the trailer /ID) from the book's own date."""
    if app.builder.format != "latex":
        return
    day = datetime.fromisoformat(metadata.book().date).replace(tzinfo=UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(day.timestamp())))
    os.environ.setdefault("FORCE_SOURCE_DATE", "1")


# --- the print edition's shape ---------------------------------------------------------------------


def web_only_pages(env) -> set[str]:
    key, value = WEB_ONLY
    return {doc for doc, meta in env.metadata.items() if str(meta.get(key, "")).strip() == value}


def _drop_web_only(tree, pages: set[str]) -> None:
    """Leave web-only pages and sections out; links to them keep their text."""
    gone = set()
    dropped = [s for s in tree.findall(addnodes.start_of_file) if s["docname"] in pages]
    dropped += [s for s in tree.findall(nodes.section) if any(i.startswith(WEB_ONLY_SECTION) for i in s["ids"])]
    for node in dropped:
        doc = _docname(node)
        gone |= {f"{doc}#{i}" for element in node.findall(nodes.Element) for i in element["ids"]}
        if node.parent is not None:
            node.parent.remove(node)
    for target in list(tree.findall(nodes.target)):  # a MyST label before a dropped heading
        if f"{_docname(target)}#{target.get('refid')}" in gone:
            target.parent.remove(target)
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        target = uri[1:] if uri.startswith("%") else f"{_docname(ref)}#{ref.get('refid')}"
        if target in gone and target.partition("#")[0] not in pages:
            ref.replace_self(nodes.Text(ref.astext()))


def online_address() -> str:
    """The online edition's address (CITATION.cff's `url`), '' when the book has none."""
    return str(metadata._record().get("url") or "").rstrip("/")


def page_names(doc: str) -> re.Pattern:
    """How prose names a web-only page, from its file name: "the claims ledger", "the checks page"
    (a one-word name only with "page" after it)."""
    name = Path(doc).name
    words = r"[\s-]+".join(name.split("-")) + ("" if "-" in name else r"s?\s+page")
    return re.compile(rf"(?<![/\w-])(?:the\s+)?{words}\b(?!\.html|[\w-])", re.I)  # not inside an address


def addressed(text: str, pages: set[str], address: str) -> str:
    """Each mention of a web-only page with its address ("the claims ledger (https://…/claims-ledger.html)");
    without an online address, "the online edition" instead (the title verso says what it holds)."""
    for doc in sorted(pages):
        suffix = f" ({address}/{doc}.html)"

        def mention(match, text=text, suffix=suffix):
            if not address:  # "The claims ledger lists…" opening a sentence keeps its capital
                return ("The" if match.group().startswith("The") else "the") + " online edition"
            return match.group() if text.startswith(suffix, match.end()) else match.group() + suffix

        text = page_names(doc).sub(mention, text)
    return ON_THE_EDITION.sub(lambda m: ("I" if m.group(1) == "O" else "i") + "n the online edition", text)


ON_THE_EDITION = re.compile(r"\b([Oo])n the online edition\b")  # "on the checks page" reads "in the online edition"


def _address_web_pages(tree, pages: set[str], address: str) -> None:
    """Links to web-only pages become text naming the page with its address (`addressed`)."""
    for ref in list(tree.findall(nodes.reference)):
        doc = ref.get("refuri", "")[1:].partition("#")[0]
        if ref.get("refuri", "").startswith("%") and doc in pages:
            text = ref.astext()
            named = any(page_names(d).search(text) for d in pages) or not address
            ref.replace_self(nodes.Text(text if named else f"{text} ({address}/{doc}.html)"))
    for parent in {text.parent for text in tree.findall(nodes.Text)}:
        if isinstance(parent, (nodes.raw, nodes.FixedTextElement, nodes.title)):
            continue
        merged = []
        for child in parent.children:
            if merged and isinstance(child, nodes.Text) and isinstance(merged[-1], nodes.Text):
                merged[-1] = nodes.Text(merged[-1] + child)
            else:
                merged.append(child)
        parent[:] = [piece for c in merged
                     for piece in (_with_links(addressed(str(c), pages, address), address)
                                   if isinstance(c, nodes.Text) else [c])]


def _with_links(text: str, address: str) -> list:
    """Text with each address in the online edition as a link (LaTeX breaks a URL at its slashes)."""
    parts = re.split(rf"({re.escape(address)}/[\w/.-]+?\.html)", text) if address else [text]
    return [nodes.reference(part, part, refuri=part) if index % 2 else nodes.Text(part)
            for index, part in enumerate(parts) if part]


def _docname(node) -> str:
    while node is not None and not isinstance(node, addnodes.start_of_file):
        node = node.parent
    return node["docname"] if node is not None else ""


def _summary_heading(tree) -> None:
    """The landing page's text opens the PDF under its own heading, listed in the contents."""
    title = next(tree.findall(nodes.title), None)
    raw = rf"\chapter*{{{SUMMARY}}}\addcontentsline{{toc}}{{chapter}}{{{SUMMARY}}}\markboth{{{SUMMARY}}}{{{SUMMARY}}}"
    if title is not None:
        title.parent.insert(title.parent.index(title) + 1, nodes.raw("", raw, format="latex"))


def annex_docs(env) -> set[str]:
    """The pages of the table of contents' last part (none when it has one part only)."""
    parts = [t for t in env.get_doctree(env.config.root_doc).findall(addnodes.toctree) if t.get("entries")]
    return {doc for _, doc in parts[-1]["entries"]} if len(parts) > 1 else set()


def _annex(env, tree) -> None:
    """Lettered appendices from the first page of the table of contents' last part."""
    annex = annex_docs(env)
    first = next((s for s in tree.findall(addnodes.start_of_file) if s["docname"] in annex), None)
    if first is not None:  # the chapters' figures and boxes are set before the annex starts
        first.parent.insert(first.parent.index(first), nodes.raw("", r"\FloatBarrier\appendix", format="latex"))


def _drop_evidence_tables(tree) -> None:
    """The chapters' evidence tables (`EVIDENCE_COLUMNS`) stay online: in print, the annotated
    source (an appendix) gives every quote with its ¶. A section left with its heading only goes too."""
    for table in list(tree.findall(nodes.table)):
        if not EVIDENCE_COLUMNS <= header_names(table):
            continue
        section = table.parent
        while not isinstance(section, nodes.section):
            section = section.parent
        output = table
        while output.parent is not section:
            output = output.parent
        section.remove(output)
        if all(isinstance(c, (nodes.title, nodes.target)) for c in section.children):
            section.parent.remove(section)


def header_names(table) -> set[str]:
    """A table's column headings, quote marks straight: Sphinx's smartquotes curl "The article's words"."""
    return {entry.astext().strip().translate(STRAIGHT_QUOTES) for entry in _header(table)}


def _header(table) -> list:
    return [entry for head in table.findall(nodes.thead) for row in head.children for entry in row.children]


def _drop_code(tree) -> None:
    """The PDF is a report: code cells stay behind toggles in HTML and are left out of LaTeX."""
    for node in list(tree.findall(nodes.container)):
        if "cell_input" in node.get("classes", []):
            node.parent.remove(node)


# --- tables ----------------------------------------------------------------------------------------


def _enclosing_titles(node) -> list[str]:
    """Titles of the sections around `node`, innermost first, up to its page's title."""
    titles = []
    while node is not None and not isinstance(node, addnodes.start_of_file):
        if isinstance(node, nodes.section) and node.children and isinstance(node[0], nodes.title):
            titles.append(node[0].astext())
        node = node.parent
    return titles


def default_caption(titles: list[str], row: str = "") -> str:
    """From the section titles around a table, innermost first, and its first column's heading (what a
    row is): 'Overview: what the article says, by speaker' for a table of speakers in the section 'What
    the article says' of the chapter 'Overview: the article and its evidence'."""
    chapter = titles[-1].split(":")[0] if titles else SUMMARY
    caption = chapter
    if len(titles) > 1:
        section = titles[0]
        caption += f": {section[0].lower() if section[1:2].islower() else section[0]}{section[1:]}"
    row = ROW_NAMES.get(row, row)
    return f"{caption}, by {row[0].lower()}{row[1:]}" if row else caption


def _caption(table) -> None:
    if any(isinstance(child, nodes.title) for child in table.children):
        return
    header = [entry.astext().strip() for entry in _header(table)]
    table.insert(0, nodes.title("", default_caption(_enclosing_titles(table), header[0] if header else "")))


def _rows(table) -> int:
    return sum(len(body) for body in table.findall(nodes.tbody))


def table_lines(cells: list[list[str]], shares: list[float]) -> int:
    """Printed lines a table takes, estimated: each row as tall as its longest cell."""
    widths = [max(1.0, share * TABLE_TEXT_CHARS - 2) for share in shares]
    return sum(max(-(-len(text) // round(width)) or 1 for text, width in zip(row, widths, strict=False))
               for row in cells)


def column_shares(given: list[float], longest: list[int]) -> list[float]:
    """Column widths (shares summing to 1): the given shares, widened so each longest word fits,
    the room taken from the other columns in proportion (when every word fits at all)."""
    needed = [(n + 2) / TABLE_LINE_CHARS for n in longest]
    if sum(needed) >= 1:
        return [n / sum(needed) for n in needed]
    shares = [g / sum(given) for g in given]
    fixed: set[int] = set()
    while short := {i for i, (s, n) in enumerate(zip(shares, needed, strict=True)) if s < n - 1e-9} - fixed:
        fixed |= short
        free = [i for i in range(len(shares)) if i not in fixed]
        room = 1 - sum(needed[i] for i in fixed)
        spare = sum(shares[i] for i in free)
        shares = [needed[i] if i in fixed else shares[i] * room / spare for i in range(len(shares))]
    return shares


def _longest_words(table, columns: int) -> list[int]:
    longest = [1] * columns
    for row in table.findall(nodes.row):
        for index, entry in enumerate(row.children[:columns]):
            words = [p for w in entry.astext().split()
                     for p in ([w] if UNBREAKABLE.fullmatch(w) or NAMED_COMPOUND.fullmatch(w) else BREAKS.split(w))]
            longest[index] = max([longest[index], *map(len, words)])
    return longest


def _fit_columns(table) -> list[float]:
    """Widen columns to their longest word (tables with given widths); returns the shares."""
    specs = [c for group in table.findall(nodes.tgroup) for c in group.children if isinstance(c, nodes.colspec)]
    if not specs or "colwidths-given" not in table.get("classes", []):
        return [1 / max(1, len(specs))] * len(specs)
    shares = column_shares([c["colwidth"] for c in specs], _longest_words(table, len(specs)))
    for spec, share in zip(specs, shares, strict=True):
        spec["colwidth"] = max(1, round(1000 * share))
    return shares


def unbreakable(text: str) -> list[re.Match]:
    """The words of `text` that never break across lines: ids, dates and compounds with a name in them."""
    matches = sorted([*UNBREAKABLE.finditer(text), *NAMED_COMPOUND.finditer(text)], key=lambda m: m.start())
    return [m for i, m in enumerate(matches) if all(o.end() <= m.start() for o in matches[:i])]


def _plain_addresses(tree) -> None:
    """Addresses as they were written. MyST-Parser HTML-escapes every link's address as it parses it
    (`&` becomes `&amp;`: its open issues #760 and #1116), which would print and link a wrong URL. The web
    pages are not affected: they show these links as HTML written by `mibook`, not parsed from markdown."""
    for reference in tree.findall(nodes.reference):
        if "&amp;" in reference.get("refuri", ""):
            reference["refuri"] = html.unescape(reference["refuri"])


def _unbreakable_ids(tree) -> None:
    for text in list(tree.findall(nodes.Text)):
        if isinstance(text.parent, (nodes.raw, nodes.FixedTextElement, nodes.title)) or not unbreakable(text):
            continue
        if isinstance(text.parent, nodes.reference) and text.parent.get("refuri") == text.astext():
            continue  # a printed address: LaTeX sets it as a URL, which breaks where it must
        pieces, last = [], 0
        for match in unbreakable(text):
            box = nodes.raw("", rf"\mbox{{{match.group()}}}", format="latex")
            pieces += [nodes.Text(text[last:match.start()]), box]
            last = match.end()
        pieces.append(nodes.Text(text[last:]))
        text.parent.replace(text, pieces)


def _print_tables(tree) -> None:
    for table in list(tree.findall(nodes.table)):
        _caption(table)
        shares = _fit_columns(table)
        cells = [[entry.astext() for entry in row.children] for row in table.findall(nodes.row)]
        short = _rows(table) <= SHORT_TABLE_ROWS and table_lines(cells, shares) <= SHORT_TABLE_LINES
        classes = [c for c in table.get("classes", []) if c != "longtable"]
        table["classes"] = classes if short else [*classes, "longtable"]
        if not short:
            _figures_before(table)
        _with_its_heading(table, table_lines(cells, shares))


def _section_of(node):
    section = node.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    return section if section is not None and section.parent is not None else None


def _figures_before(table) -> None:
    """Pending figures are set before the section of a long table: a longtable holds floats back
    until it ends, which would put them pages after their mention."""
    if section := _section_of(table):
        section.parent.insert(section.parent.index(section), nodes.raw("", r"\FloatBarrier", format="latex"))


TABLE_LEAD_LINES = 8  # the section's heading, its lead paragraph and the table's caption and header, in lines


def _with_its_heading(table, lines: int) -> None:
    """A table that opens its section (after at most a lead paragraph) starts on the page its heading does:
    the section waits for a page with room for its heading, its lead and the table (a page's worth at most),
    so no heading and lead stand at a page's foot with their table overleaf."""
    section = _section_of(table)
    if section is None:
        return
    child = table  # the section's child that holds the table (a notebook cell's output, or the table itself)
    while child.parent is not section:
        child = child.parent
    if section.index(child) > 2:  # its title, at most a lead paragraph, then the table
        return
    room = min(lines + TABLE_LEAD_LINES, 40)
    section.parent.insert(section.parent.index(section), nodes.raw("", rf"\Needspace{{{room}\baselineskip}}",
                                                                   format="latex"))


def _boxes(tree) -> None:
    """A box ("What the record shows") is set where it stands, at the end of its chapter's text, named after
    its chapter. It opens with its heading and a few lines (never a heading alone at a page's foot) and may run
    on to the next page, where it carries its heading again, "(continued)": no hole where a whole box would
    not fit, and no part of a box without its heading (the style file's `mibookbox`)."""
    for box in list(tree.findall(nodes.Admonition)):
        _name_the_chapter(box)
        title, body = box[0].astext(), box.children[1:]
        box.replace_self([nodes.raw("", rf"\begin{{mibookbox}}{{{latex_escape(title)}}}", format="latex"),
                          *body, nodes.raw("", r"\end{mibookbox}", format="latex")])


def _name_the_chapter(box) -> None:
    """A box's heading names its chapter, as a printed sidebar's does: "What the record shows: Defence" (the
    chapter's title up to its colon)."""
    chapter = box
    while chapter.parent is not None and not (isinstance(chapter, nodes.section)
                                              and not isinstance(chapter.parent, nodes.section)):
        chapter = chapter.parent
    titles = [n for n in box.children if isinstance(n, nodes.title)]
    if isinstance(chapter, nodes.section) and titles and chapter is not box:
        name = chapter[0].astext().split(":")[0].strip()
        titles[0] += nodes.Text(f": {name}")


def _no_float_above_chapter_heads(tree) -> None:
    r"""No float rises above a chapter's heading on the page it opens (a figure would sit above its own
    chapter): `\suppressfloats[t]` right after each chapter heading, as placeins does for sections."""
    for start in tree.findall(addnodes.start_of_file):
        chapter = next((n for n in start.children if isinstance(n, nodes.section)), None)
        if chapter is not None and chapter.children and isinstance(chapter[0], nodes.title):
            chapter.insert(1, nodes.raw("", r"\suppressfloats[t]", format="latex"))


def _chart_scale(tree) -> None:
    """Every chart (a vector PDF) at the one print scale of the chart style (type at 8 pt or more)."""
    for image in tree.findall(nodes.image):
        if image["uri"].endswith(".pdf"):
            image["scale"] = 100 * geometry.PRINT_SCALE


def _print_edition(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    _drop_code(doctree)
    if docname != app.config.root_doc:
        return
    pages = web_only_pages(app.env)
    _drop_web_only(doctree, pages)
    _address_web_pages(doctree, pages, online_address())
    _drop_evidence_tables(doctree)
    _boxes(doctree)
    _no_float_above_chapter_heads(doctree)
    _summary_heading(doctree)
    _annex(app.env, doctree)
    _print_tables(doctree)
    _plain_addresses(doctree)
    _unbreakable_ids(doctree)
    _chart_scale(doctree)


def _print_translator(app) -> None:
    """Register the LaTeX translator for LaTeX builds only: with any translator registered, the HTML theme
    (pydata) wraps only the registered ones and the HTML pages lose its accessible headings and tables."""
    if app.builder.format == "latex":
        app.set_translator("latex", PrintTranslator, override=True)


REFERENCE_LIST = "mibook-context-sources"  # the context sources: a reference list, as the bibliography is set


class PrintTranslator(LaTeXTranslator):
    """Figure captions with their first sentence as the short form for the list of figures; links that
    say where they lead on paper: "outlook (Chapter 7, p. 20)", "Fig. 3, p. 9" (the page only when it
    is another one)."""

    def __init__(self, document, builder, theme) -> None:
        super().__init__(document, builder, theme)
        self.annex = annex_docs(builder.env)

    def visit_caption(self, node) -> None:
        super().visit_caption(node)
        if self.body[-1] == r"\caption{" and isinstance(node.parent, nodes.figure):
            self.body[-1] = rf"\caption[{self.encode(first_sentence(node.astext()))}]{{"

    def visit_reference(self, node) -> None:
        super().visit_reference(node)
        uri = node.get("refuri", "") or ("%" + self.curfilestack[-1] + "#" + node["refid"] if node.get("refid") else "")
        if not uri.startswith(("%", "#")) or self.in_title or self.context[-1] != "}}}":
            return
        doc, _, label = (uri[1:] if uri.startswith("%") else f"{self.curfilestack[-1]}#{uri[1:]}").partition("#")
        target = self.idescape(f"{doc}::doc" if not label else f"{doc}:{label}")
        kind = "Appendix" if doc in self.annex else "Chapter"
        if label and doc == self.curfilestack[-1]:
            where = rf"\mibookpageref{{{target}}}"
        elif doc == self.builder.config.root_doc:  # the landing page is the unnumbered summary
            where = rf"{SUMMARY}, \mibookpageref{{{target}}}"
        elif label:  # a section of another chapter: its chapter, and the section's page
            where = rf"{kind}~\ref*{{{self.idescape(f'{doc}::doc')}}}, \mibookpageref{{{target}}}"
        else:
            where = rf"\mibookdocref{{{kind}}}{{{target}}}"
        before = "".join(n.astext() for n in node.parent.children[:node.parent.index(node)])
        inside = before.count("(") > before.count(")")  # already in parentheses: no second pair
        self.context[-1] = "}" + (f", {where}" if inside else f" ({where})") + "}}"  # inside the link

    def visit_bullet_list(self, node) -> None:
        if REFERENCE_LIST in node["classes"]:
            self.body.append(r"\begin{mibookreferences}" + "\n")
        else:
            super().visit_bullet_list(node)

    def depart_bullet_list(self, node) -> None:
        if REFERENCE_LIST in node["classes"]:
            self.body.append(r"\end{mibookreferences}" + "\n")
        else:
            super().depart_bullet_list(node)

    def visit_number_reference(self, node) -> None:
        target = (self.curfilestack[-1] + ":" + node["refid"] if node.get("refid")
                  else node.get("refuri", "")[1:].replace("#", ":"))
        try:
            super().visit_number_reference(node)
        finally:  # "Fig. 2" and "Table 1" never break across a line: the space before the number is tied
            self.body[-1] = re.sub(r"(Fig\.\\@|Table) \\ref\{", r"\1~\\ref{", self.body[-1])
            self.body.append(rf"\mibookelsewhere{{{self.idescape(target)}}}")


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0].rstrip(".")


# --- references: labels as the text cites them ----------------------------------------------------


class AuthorYearLabels(BaseLabelStyle):
    """'Bokhari, 2019': the bibliography's label matches the author-year citation in the text."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            surnames = [" ".join(p.last_names) for p in people]
            names = f"{surnames[0]} et al." if len(surnames) > 2 else " and ".join(surnames)
            yield f"{names or entry.key}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearStyle(UnsrtStyle):
    """Entries in author-date form, as the text cites them: "Bokhari, Sitwat Waqar (2019). Title. Publisher.
    Note. Address"."""

    default_label_style = "mibook-author-year"
    default_sorting_style = "author_year_title"
    default_name_style = "lastfirst"

    def get_misc_template(self, e):
        return toplevel[
            template.join[self.format_names("author", as_sentence=False), " (", template.field("year"), ")."],
            self.format_title(e, "title"),
            template.sentence[template.optional_field("howpublished")],
            template.sentence[template.optional_field("note")],
            template.optional[template.field("url", raw=True)],
        ]


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class RoundAuthorYearReferences(AuthorYearReferenceStyle):
    """Citations in the text as "(Bokhari, 2019)" and "Bokhari (2019)", as the charts' source lines."""

    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)


register_plugin("pybtex.style.labels", "mibook-author-year", AuthorYearLabels)
register_plugin("pybtex.style.formatting", "mibook-author-year", AuthorYearStyle)
bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "mibook-author-year",
                              RoundAuthorYearReferences)


class BibliographyWhereItStands(SphinxPostTransform):
    """The article's reference set where its section stands, first in the references (Sphinx would gather
    every citation at the book's end, after the context sources)."""

    default_priority = BibliographyTransform.default_priority
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for citation in list(self.document.findall(nodes.citation)):
            before = citation.parent[citation.parent.index(citation) - 1] if citation.parent.index(citation) else None
            if isinstance(before, thebibliography):  # the next entry of a list already begun
                citation.parent.remove(citation)
                before += citation
            elif not isinstance(citation.parent, thebibliography):
                entries = thebibliography()
                citation.parent.replace(citation, entries)
                entries += citation


class ChartPdfConverter(ImageConverter):
    """SVG charts to vector PDFs, for builders without SVG (LaTeX); kept while newer than the SVG."""

    conversion_rules = [("image/svg+xml", "application/pdf")]

    def is_available(self) -> bool:
        return True

    def convert(self, _from: str, _to: str) -> bool:
        source, target = Path(_from), Path(_to)
        if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
            from mibook.render import vector_pdf

            target.write_bytes(vector_pdf(source.read_text(encoding="utf-8")))
        return True


def setup(app):
    app.registry.post_transforms.remove(BibliographyTransform)  # loaded first, with the LaTeX builder
    app.add_post_transform(BibliographyWhereItStands)
    app.add_post_transform(ChartPdfConverter)
    app.connect("config-inited", _latex_config)
    app.connect("builder-inited", _print_translator)
    app.connect("builder-inited", _source_date)
    app.connect("doctree-resolved", _print_edition)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

