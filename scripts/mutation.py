"""Mutation testing: do the tests notice when the code is wrong?

    python scripts/mutation.py [--tests "PYTEST ARGS"] [--only N,M] [PATH...]   (default: mibook/ and _ext/)
    python scripts/mutation.py --report   (benchmarks/mutation.md again from benchmarks/mutation.json)

Each mutant changes ONE node of one module: comparison, boolean and arithmetic operators, constants (in
functions, in default values and at module level: `LEDGER_PAGE = "…"` counts too), the expressions inside
f-strings (never their literal text), deleted call statements, `return None`; never docstrings,
annotations or the `if __name__ == "__main__":` block. Every mutant is written into a copy of the project
(`git ls-files`: CITATION.cff, references.bib, _ext/, chapters/, everything the code reads) under
`_build/mutation/`, and the tests run there in a forked child. The default tests are those that need no
book build, browser, TeX or fresh venv (a book build per mutant is out of reach); `--tests` picks others.

Which tests: a module's tests are the test files that name it (`mibook.kit`, `from mibook import kit`,
`mibook_print`) or that ran one of its lines in a recording run (kept in _build/mutation/record.json and
used again while the project and the test arguments are unchanged). Each mutant first runs the tests that
ran its statement (`pytest -x`; those that killed a mutant already first, then the quickest), and if they
all pass, the rest of the module's test set (killers first, then in its usual order), so a test that only
reads a memoised result (`functools.cache`, the validation cache) still gets its chance: no mutant
survives for want of running a test. A mutant is *killed* when a test fails or the run
exceeds three times the tests' recorded time.

The fast path (issue 25: about 15 s a mutant went to starting pytest and importing the project). Per module,
one child imports the project and the module's test files once (a pytest collection, noting every call into
the module); then each mutant runs in a grandchild forked from it, which swaps the mutated function's code
into the live function object, so every reference to it (`from mibook.x import f`, a registry, a
`functools.cache` wrapper) runs the mutant, and the mutated file is on disk too (for the tests'
subprocesses). Only a mutant inside the body of a module-level function or method takes it, and only when
nothing ran that function during the imports and the collection: then no constant, cache or object made at
import time holds a result of the unmutated code, and the grandchild is what a fresh import of the mutated
module gives. Every other mutant (module level, class bodies, default values, decorators, a function called
at import time, a name defined twice) runs the slow way, in a fresh import. `--confirm` runs the fast
path's survivors again the slow way; `--no-fast` runs everything the slow way.

Per module, a `mutation score: K/N killed (P%)` line, then the total; results go to benchmarks/mutation.json
and benchmarks/mutation.md is regenerated from it (`--report` only regenerates the page). `ACCEPTED` in the
script gives the reason for each survivor accepted; N leaves out those it shows to be *equivalent* (a reason
that begins "equivalent:": no test could tell the mutant from the code), as a mutation score does, while
survivors accepted for another reason (wording, a design value) still count against the score. Runs by the
earlier runner (issue 16: validate.py, analysis/) are in this page's git history.

Why not mutmut itself: mutmut 3 runs the tests in its own `mutants/` copy, which an editable install
and the tests' `python -m mibook` subprocesses bypass (boxed/mutmut#486), so its survivors are unreliable.
"""

import argparse
import ast
import copy
import datetime
import functools
import glob
import hashlib
import importlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("MUTATION_WORK", ROOT / "_build" / "mutation")) / "project"  # another, for a second run
RESULTS = ROOT / "benchmarks" / "mutation.json"
REPORT = ROOT / "benchmarks" / "mutation.md"
DEFAULT_PATHS = ("mibook", "_ext")
DEFAULT_TESTS = "tests -m 'not book and not browser and not pdf and not kit'"
PRELOADED = ("pytest", "numpy", "pandas", "frictionless", "altair", "_pytest.pytester", "yaml", "sphinx",
             "docutils", "pybtex.database", "markdown_it", "jupytext")

COMPARE_SWAPS = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
                 ast.GtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
               ast.Mod: ast.Div, ast.Pow: ast.Mult, ast.LShift: ast.RShift, ast.RShift: ast.LShift,
               ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd, ast.BitXor: ast.BitAnd}

# Survivors accepted as equivalent: (module, mutated source line as written, change) -> why no test can
# tell the mutant from the code. Keyed by text, not line number, so an edit elsewhere keeps the reason.
ACCEPTED: dict[tuple[str, str, str], str] = {
    ("mibook/labels.py", '"bilateral": "Bilateral relations",', "'Bilateral relations' -> 'XX…XX'"):
        "wording, not behaviour: the reader's name for the bilateral theme; every page and test takes it from "
        "this one dictionary, so only a test restating the words could notice others",
    ("mibook/labels.py",
     'RECORD_THEME_LABELS = {**THEME_LABELS, "region": "Around the two: US, India, the crisis"}',
     "'Around the two: US, India, the' -> 'XX…XX'"):
        "wording, not behaviour: the timeline's name for its row of regional events; the chart, its table and "
        "the tests take it from this one dictionary",
    ("mibook/metadata.py", 'SUBTITLE = "Pakistan–Russia relations in one 2019 article, traced claim by claim"',
     "'Pakistan–Russia relations in o' -> 'XX…XX'"):
        "wording, not behaviour: every page and test takes the subtitle from this one constant, so only a "
        "test restating the sentence could notice another one",
    ("mibook/metadata.py", "text=True, check=True)", "True -> False"):
        "equivalent: when git fails (no repository) its stdout is empty, and the empty-output guard that "
        "follows takes the same SOURCE_DATE_EPOCH path the exception does",
    ("mibook/analysis/drivers.py", "drop=True)", "True -> False"):
        "equivalent: the old positions become an extra `index` column that no consumer reads (every reader "
        "picks named columns or iterates rows), and the new index is 0..n-1 either way",
    ("mibook/context.py",
     'return frame.sort_values(["_order", "check_id"]).drop(columns="_order").reset_index(drop=True)',
     "True -> False"):
        "equivalent: the old positions become an extra `index` column that no consumer reads (each picks "
        "columns by name or iterates rows by attribute), and the new index is 0..n-1 either way",
    ("mibook/context.py", 'counts.index.names = ["theme", "verdict"]', "'theme' -> 'XX…XX'"):
        "equivalent: `reindex(grid)` on the next line gives the result the grid's own level names, so the "
        "names set here never reach the output (checked with a misnamed level)",
    ("mibook/context.py", 'counts.index.names = ["theme", "verdict"]', "'verdict' -> 'XX…XX'"):
        "equivalent: `reindex(grid)` on the next line gives the result the grid's own level names",
    ("mibook/context.py", 'options, "words, verdict, publisher…", "check", sorts, extra_class=" mibook-checks")',
     "'words, verdict, publisher…' -> 'XX…XX'"):
        "wording, not behaviour: the search box's hint to readers; the ledger script searches each card's whole "
        "text whatever it says, so only a test restating the phrase could notice another one",
    ("mibook/context.py", 'options, "words, verdict, publisher…", "check", sorts, extra_class=" mibook-checks")',
     "' mibook-checks' -> 'XX…XX'"):
        "no reader-facing behaviour: no style or script reads the class; it is the hook by which the browser "
        "tests (outside the default test set) find the checks list, and they fail without it",
    ("mibook/context.py",
     'rows = pd.concat([record_rows, article_rows], ignore_index=True).merge(claims, on="claim_id", how="left")',
     "True -> False"):
        "equivalent: the merge that follows on a column gives its result a fresh 0..n-1 index either way",
    ("mibook/context.py", "order = {RECORD_LANE: 0, ARTICLE_LANE: 1}", "1 -> 2"):
        "equivalent: the ranks only sort the two lanes, and 0 < 2 orders them as 0 < 1 does",
    ("mibook/context.py", '.drop(columns="_lane").reset_index(drop=True))', "True -> False"):
        "equivalent: the old positions become an extra `index` column, which the timeline chart (the only "
        "consumer) drops when it picks its eleven columns; the new index is 0..n-1 either way",
    ("mibook/context.py", 'SECTION_TITLE = "What the record shows"', "'What the record shows' -> 'XX…XX'"):
        "wording, not behaviour: the record box's title; every page and test takes it from this one constant, "
        "so only a test restating the words could notice others",
    ("mibook/context.py",
     'NO_SOURCE = "none found"  # a check whose only source is the article itself (verdict "no record found")',
     "'none found' -> 'XX…XX'"):
        "wording, not behaviour: what a check without an outside source shows in place of links; pages and "
        "tests take it from this one constant",
    ("mibook/context.py",
     'RECORD_LANE = "The record"  # the timeline\'s lane of outside events (record_events), context',
     "'The record' -> 'XX…XX'"):
        "wording, not behaviour: the timeline lane's name; the chart, its table and the tests take it from "
        "this one constant",
    ("mibook/context.py", 'ARTICLE_LANE = "The article"  # the lane of the article\'s own dated events (events)',
     "'The article' -> 'XX…XX'"):
        "wording, not behaviour: the timeline lane's name; the chart, its table and the tests take it from "
        "this one constant",
    ("mibook/geometry.py", "COLUMN = 640  # px: the text column a desktop reader sees; charts are drawn for it "
     "(titles wrap to it)", "640 -> 641"):
        "a design value: charts drawn a pixel wider still fit the column the browser tests measure text against; "
        "no behaviour but layout depends on the exact number",
    ("mibook/charts/checks.py", "WIDTH = 430  # the plot; the theme labels take the rest of the text column",
     "430 -> 431"):
        "a design value: a plot a pixel wider still leaves its labels room (the tests measure them); no behaviour "
        "but layout depends on the exact number",
    ("mibook/charts/checks.py", '"inconsistent": style.PALETTE[3], "not supported by the record": '
     "style.PALETTE[4],", "4 -> 5"):
        "a design value: another palette colour, still distinct from every other verdict's and greyscale-safe, "
        "which the tests check",
    ("mibook/cli.py", 'commands = parser.add_subparsers(dest="command", required=True)', "'command' -> 'XX…XX'"):
        "equivalent: the one command is dispatched by position; no code reads the attribute it is stored under",
    ("mibook/load.py", "@lru_cache(maxsize=4)", "4 -> 5"):
        "equivalent: how many loaded data folders stay cached; a larger cache keeps more in memory but returns "
        "the same tables (a test can see only memory or timing)",
    ("mibook/tables.py", "rows = [[table_cell(c, self._html_cell(c, v), c in prose) for c, v in zip(columns, row, "
     "strict=True)]", "True -> False"):
        "equivalent: each row comes from `itertuples` over the same frame, so it always has one value per column "
        "and the strict check cannot fail",
    ("mibook/kit.py", 'line = line.split("#", 1)[0].strip()', "1 -> 2"):
        "equivalent: `[0]` is the text before the first '#' whatever the number of splits",
    ("mibook/kit.py", 'pins[line.split("==", 1)[0].strip().lower()] = line', "1 -> 2"):
        "equivalent: `[0]` is the text before the first '==' whatever the number of splits",
    ("mibook/validate.py", "quote_of = dict(zip(claims.claim_id, claims.quote.map(article.normalise), strict=True))",
     "True -> False"):
        "equivalent: both sequences are columns of one frame, so they always have the same length",
    ("mibook/validate.py", "verdict_of = dict(zip(checks.check_id, checks.verdict.astype(str), strict=True))",
     "True -> False"):
        "equivalent: both sequences are columns of one frame, so they always have the same length",
}


_CHECK_HEADINGS = 'CHECK_COLUMNS = ["Check", "¶", "The article", "What the sources report", "Verdict"]'
_NARROW_PLOT = "NARROW_PLOT = style.NARROW_WIDTH - 10  # px: the phone form's plot (the theme names sit inside it)"
ACCEPTED.update({
    ("mibook/charts/timeline.py", _NARROW_PLOT, change):
        "equivalent: the dodge gives the same levels at either width, and the page rescales the phone form to "
        "its column's width, so the drawn chart is the same"
    for change in ("10 -> 11", "Sub -> Add")})
ACCEPTED.update({
    ("mibook/charts/timeline.py", "levels = pd.Series(0, index=middles.index)", "0 -> 1"):
        "equivalent: the start value of a series the dodge then fills for every event",
    ("mibook/charts/timeline.py",
     'y = alt.Y("y:Q", title=None, axis=None, scale=alt.Scale(domain=[0, total], reverse=True, nice=False, '
     'zero=False))', "False -> True"):
        "equivalent: the domain already starts at zero; the drawn SVG is byte-identical",
})
ACCEPTED.update({
    (module, source, "'month' -> 'XX…XX'"):
        "equivalent: `record_dates` prints a year for unit \"year\" and a month and year for any other unit, so "
        "another word gives the same text"
    for module, source in [
        ('mibook/analysis/afghanistan.py',
         '"trilateral_date": common.record_dates(tables["record_events"], [RECOR'
         'D_TRILATERAL], unit="month"),'),
        ('mibook/analysis/afghanistan.py',
         '"moscow_rounds": common.record_dates(tables["record_events"], RECORD_R'
         'OUNDS, unit="month"),'),
        ('mibook/analysis/afghanistan.py',
         '"us_talks_date": common.record_dates(tables["record_events"], [RECORD_'
         'US_TALKS], unit="month"),'),
        ('mibook/analysis/afghanistan.py',
         '"us_ask_date": common.record_dates(tables["record_events"], [RECORD_US'
         '_ASK], unit="month"),'),
        ('mibook/analysis/energy.py',
         '"pledge_month": common.record_dates(tables["record_events"], [PLEDGE],'
         ' unit="month"),'),
        ('mibook/analysis/energy.py',
         '"lng_month": common.record_dates(tables["record_events"], [LNG_AGREEME'
         'NT], unit="month"),'),
        ('mibook/analysis/energy.py',
         '"pipeline_delay": common.record_dates(tables["record_events"], [PIPELI'
         'NE_DELAY], unit="month"),'),
        ('mibook/analysis/sco_cpec.py',
         '**{name: record_dates(tables["record_events"], [event], unit="month") '
         'for name, event in RECORD_SCO.items()},'),
        ('mibook/analysis/trade.py',
         '"leaders_on_trade": record_dates(tables["record_events"], [LEADERS_ON_'
         'TRADE], unit="month"),'),
        ('mibook/analysis/defence.py',
         '"druzhba_india_date": common.record_dates(record, [DRUZHBA_INDIA], uni'
         't="month"),'),
    ]})
ACCEPTED.update({
    ("mibook/datafiles.py", 'EVERYTHING = "*"', "'*' -> 'XX…XX'"):
        "equivalent: the name a read is recorded under, used on both sides of every comparison; a record "
        "made under another name (an older build) is stale and re-executes, which is safe",
    ("mibook/preview.py", 'app = Starlette(routes=[WebSocketRoute("/websocket-reload", watcher, name="reload"),',
     "'reload' -> 'XX…XX'"):
        "equivalent: a route's name; nothing in preview, sphinx-autobuild or Starlette looks a route up by name",
    ("mibook/preview.py", 'Mount("/", app=StaticFiles(directory=html, html=True), name="static")],',
     "'static' -> 'XX…XX'"):
        "equivalent: a route's name; nothing in preview, sphinx-autobuild or Starlette looks a route up by name",
})
ACCEPTED.update({
    ("mibook/context.py", _CHECK_HEADINGS, f"{name!r} -> 'XX…XX'"):
        "wording, not behaviour: a heading of the printed checks table (the web shows cards), read by no code"
    for name in ("Check", "¶", "The article", "What the sources report", "Verdict")})

_EXT_SETUP = 'return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}'
_RAWSOURCE = ("equivalent: a node's rawsource is never written (the writers and the search index use its "
              "text and attributes), and with no `source` set Sphinx never offers it for translation")
ACCEPTED.update({
    ("_ext/mibook_reading.py", "default_priority = 900", "900 -> 901"):
        "equivalent: no other post-transform the build loads runs at priority 900 or 901 (the nearest are 750 "
        "and 999), so the transforms run in the same order",
    ("_ext/mibook_reading.py", 'if "html" in raw.get("format", "").split():', "'' -> 'XX…XX'"):
        "equivalent: the default serves only a raw node without a format, and neither string holds the word "
        "html, so such a node is skipped either way",
    ("_ext/mibook_reading.py", 'link = nodes.reference("", "", nodes.Text("¶"), refuri=f"{uri}#p-{after.astext()}",',
     "'' -> 'XX…XX'"): _RAWSOURCE,
    ("_ext/mibook_reading.py", 'nodes.reference("", match[0], refuri=f"{uri}#p-{match[1]}", classes=["mibook-pref"])]',
     "'' -> 'XX…XX'"): _RAWSOURCE,
    ("_ext/mibook_reading.py", 'body_html = context.get("body", "")', "'' -> 'XX…XX'"):
        "equivalent: only a page without a body (search, the index) takes the default, and neither string "
        "holds a link, so the hook returns before using it",
    ("_ext/mibook_appendix.py", 'web += nodes.raw("", page.html(), format="html")', "'' -> 'XX…XX'"): _RAWSOURCE,
    ("_ext/mibook_appendix.py", r'printed += nodes.raw("", r"\Needspace{10\baselineskip}", format="latex")',
     "'' -> 'XX…XX'"): _RAWSOURCE,
    **{(module, _EXT_SETUP, "'parallel_write_safe' -> 'XX…XX'"):
       "equivalent: Sphinx counts an extension that does not say as safe for parallel writing (its `Extension` "
       "defaults the key to True)"
       for module in ("_ext/mibook_reading.py", "_ext/mibook_appendix.py", "_ext/mibook_sphinx.py",
                      "_ext/mibook_apparatus.py", "_ext/mibook_execute.py", "_ext/mibook_print.py")},
    **{(module, _EXT_SETUP, "'1.0' -> 'XX…XX'"):
       "a label, not behaviour: the extension's version; nothing requires a version of it, so only a test "
       "restating the label could notice another"
       for module in ("_ext/mibook_reading.py", "_ext/mibook_appendix.py", "_ext/mibook_execute.py",
                      "_ext/mibook_print.py")},
    ("_ext/mibook_print.py", _EXT_SETUP, "'version' -> 'XX…XX'"):
        "a label, not behaviour: the key of the extension's version; nothing requires a version of it",
    ("_ext/mibook_execute.py", "ahead = execute.workers(1_000) if not cache.is_dir() else "
     "execute.workers(len(stale)) if stale else 0", "1000 -> 1001"):
        "a design value: a cap on kernels started ahead that no machine reaches (`workers` gives one per core "
        "first)",
    ("_ext/mibook_execute.py", 'super().__init__(name="mibook-execute", daemon=True)', "'mibook-execute' -> 'XX…XX'"):
        "a label, not behaviour: the thread's name, seen only in stack dumps",
    ("_ext/mibook_execute.py", "@functools.lru_cache(maxsize=2)", "2 -> 3"):
        "a design value: how many jupyter-cache handles are kept open; it bounds memory and changes no output",
    ("_ext/mibook_execute.py", 'written = Path(config.output_folder, *f"{app.env.docname}.ipynb".split("/"))',
     "'/' -> 'XX…XX'"):
        "equivalent: pathlib splits a part holding `/` into the same parts, so the path is the same",
})

ACCEPTED.update({
    ("_ext/mibook_print.py", 'TABLE_TEXT_CHARS = 80  # ... and of running table text (the average glyph)', '80 -> 81'):
        "a design value: an estimate of characters per line of table text, used to guess a table's height; a "
        "test would only restate it",
    ("_ext/mibook_print.py", 'return datetime.fromisoformat(iso).strftime("%d %B %Y").lstrip("0")', "'0' -> 'XX…XX'"):
        "equivalent: the formatted day always starts with a digit, so stripping a leading \"0\" or the "
        "characters of \"XX0XX\" gives the same",
    ("_ext/mibook_print.py",
     '"licence": book.licence, "citation": metadata.citation(meta=book), "year": book.year,',
     "'licence' -> 'XX…XX'"):
        "equivalent: a later `\"licence\": licence_name(...)` entry in the same dict overrides this key, and "
        "the publisher line reads only the publisher",
    ("_ext/mibook_print.py",
     'return {doc for doc, meta in env.metadata.items() if str(meta.get(key, "")).strip() == value}',
     "'' -> 'XX…XX'"):
        "equivalent: the default only serves a page without the key, and neither \"\" nor \"XX…XX\" is the "
        "value asked for",
    ("_ext/mibook_print.py", 'uri = ref.get("refuri", "")', "'' -> 'XX…XX'"):
        "equivalent: the default serves a link without an address; neither \"\" nor \"XX…XX\" is an address "
        "the rewrite acts on",
    ("_ext/mibook_print.py", 'doc = ref.get("refuri", "")[1:].partition("#")[0]', "'' -> 'XX…XX'"):
        "equivalent: the default serves a link without an address, and neither string starts with \"%\", so "
        "the next test skips it",
    ("_ext/mibook_print.py", 'if ref.get("refuri", "").startswith("%") and doc in pages:', "'' -> 'XX…XX'"):
        "equivalent: neither \"\" nor \"XX…XX\" starts with \"%\"",
    ("_ext/mibook_print.py",
     'title.parent.insert(title.parent.index(title) + 1, nodes.raw("", raw, format="latex"))',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'first.parent.insert(first.parent.index(first), nodes.raw("", r"\\FloatBarrier\\appendix", format="latex"))',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'table.insert(0, nodes.title("", default_caption(_enclosing_titles(table), header[0] if header else "")))',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py", 'if sum(needed) >= 1:', 'GtE -> Gt'):
        "equivalent: when the needed shares sum to exactly 1 the widening loop also ends with every column at its need",
    ("_ext/mibook_print.py",
     'while short := {i for i, (s, n) in enumerate(zip(shares, needed, strict=True)) if s < n - 1e-9} - fixed:',
     'Sub -> Add'):
        "equivalent: fixing a column already within 1e-9 of its need moves the shares by at most 1e-9, and "
        "the rounded widths are the same",
    ("_ext/mibook_print.py",
     'while short := {i for i, (s, n) in enumerate(zip(shares, needed, strict=True)) if s < n - 1e-9} - fixed:',
     'Lt -> LtE'):
        "equivalent: fixing a column already within 1e-9 of its need moves the shares by at most 1e-9, and "
        "the rounded widths are the same",
    ("_ext/mibook_print.py", 'for spec, share in zip(specs, shares, strict=True):', 'True -> False'):
        "equivalent: `column_shares` always returns one share per given width, so `strict` never fires",
    ("_ext/mibook_print.py",
     'return [m for i, m in enumerate(matches) if all(o.end() <= m.start() for o in matches[:i])]',
     'LtE -> Lt'):
        "equivalent: two matches never touch (each starts after a non-word character and ends on a word character)",
    ("_ext/mibook_print.py", 'if "&amp;" in reference.get("refuri", ""):', "'' -> 'XX…XX'"):
        "equivalent: \"&amp;\" is in neither default",
    ("_ext/mibook_print.py", 'box = nodes.raw("", rf"\\mbox{{{match.group()}}}", format="latex")', "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'section.parent.insert(section.parent.index(section), nodes.raw("", r"\\FloatBarrier", format="latex"))',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'section.parent.insert(section.parent.index(section), nodes.raw("", rf"\\Needspace{{{room}\\baselineskip}}",',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'box.replace_self([nodes.raw("", rf"\\begin{{mibookbox}}{{{latex_escape(title)}}}", format="latex"),',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py", '*body, nodes.raw("", r"\\end{mibookbox}", format="latex")])', "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'chapter.insert(1, nodes.raw("", r"\\suppressfloats[t]", format="latex"))',
     "'' -> 'XX…XX'"):
        _RAWSOURCE,
    ("_ext/mibook_print.py",
     'uri = node.get("refuri", "") or ("%" + self.curfilestack[-1] + "#" + node["refid"] if node.get("refid") else "")',
     "'' -> 'XX…XX'"):
        "equivalent: a link with neither an address nor a target gets a default that starts with neither "
        "\"%\" nor \"#\", so the method returns either way",
    ("_ext/mibook_print.py",
     'before = "".join(n.astext() for n in node.parent.children[:node.parent.index(node)])',
     "'' -> 'XX…XX'"):
        "equivalent: the separator holds no parenthesis, so the counts of open and closed parentheses are the same",
    ("_ext/mibook_print.py", 'else node.get("refuri", "")[1:].replace("#", ":"))', "'' -> 'XX…XX'"):
        "equivalent: Sphinx gives every resolved number reference a refid or a refuri, so the default is never used",
    ("_ext/mibook_print.py",
     'return re.split(r"(?<=[.!?])\\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0].rstrip(".")',
     '1 -> 2'):
        "equivalent: only the first piece of the split is kept",
})

_CONSTANT_NAME = ("equivalent: a name used only through this constant, on both sides; a file or record under "
                  "another name (an older build's) is absent, so the build clears or re-executes, which is safe")
_RESET = "reply = await runner.async_wait_for_reply(client.execute(RESET.format(cwd=str(cwd)), silent=True,"
_PROBE = 'reply = await runner.async_wait_for_reply(client.execute("", silent=True, store_history=False,'
ACCEPTED.update({
    ("mibook/cacheguard.py", 'STAMP = ".inputs-fingerprint"', "'.inputs-fingerprint' -> 'XX…XX'"): _CONSTANT_NAME,
    ("mibook/cacheguard.py", 'STALE_PAGES = ".stale-pages"  # one notebook source per line, dropped from the cache, '
     "to execute and re-read", "'.stale-pages' -> 'XX…XX'"): _CONSTANT_NAME,
    ("mibook/execute.py", 'READS = "mibook_reads"  # the cache record\'s data key for what the notebook read of the '
     "data", "'mibook_reads' -> 'XX…XX'"): _CONSTANT_NAME,
    ("mibook/cacheguard.py", 'return hashlib.sha256("\\n".join(parts).encode()).hexdigest()', "'\\n' -> 'XX…XX'"):
        "equivalent: the hash is compared only with one this function made, and the parts (a hash, a file name "
        "and its hash, a version, dist-info folders) never contain either separator",
    ("mibook/cacheguard.py", 'return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"',
     "'-' -> 'XX…XX'"):
        "equivalent: any marker for a missing file that is not a SHA-256 digest behaves the same",
    ("mibook/execute.py", "client.start_channels()", "delete the call statement"):
        "equivalent: `wait_for_ready` opens the shell and IOPub channels itself; the heartbeat and stdin channels "
        "it would add are unused (nbclient asks the kernel manager whether the kernel lives)",
    ("mibook/execute.py", "with ThreadPoolExecutor(1) as thread:", "1 -> 2"):
        "equivalent: one task is submitted, so a second worker is never used",
    ("mibook/execute.py", "for attempt in range(1, START_ATTEMPTS + 1):", "1 -> 2"):
        "equivalent: the loop raises at attempt START_ATTEMPTS, before it could reach the wider bound",
    ("mibook/execute.py", _RESET, "True -> False"):
        "equivalent: the reset prints nothing, and nbclient listens only for the replies to its own cells",
    ("mibook/execute.py", "store_history=False))", "False -> True"):
        "equivalent: it moves only the kernel's own execution count, which the runner renumbers anyway",
    ("mibook/execute.py", _PROBE, "True -> False"):
        "equivalent: IPython returns early on an empty cell, so nothing is printed, stored or counted",
    ("mibook/execute.py", _PROBE, "False -> True"):
        "equivalent: IPython returns early on an empty cell, so nothing is printed, stored or counted",
    ("mibook/execute.py", 'value = reply["content"]["user_expressions"]["reads"] if reply and reply["content"]'
     '["status"] == "ok" else {}', "And -> Or"):
        "equivalent: `reply` is never empty (nbclient raises on a timeout rather than returning None)",
    ("mibook/execute.py", "START_TIMEOUT = 60", "60 -> 61"):
        "a design value: how long a kernel may take to start; no behaviour but that wait depends on it",
    ("mibook/execute.py", "START_ATTEMPTS = 3", "3 -> 4"):
        "a design value: how often a kernel start is tried; the tests take the number from the constant",
    ("mibook/execute.py", "await manager.shutdown_kernel(now=True)", "True -> False"):
        "a design value: the kernel ends either way; only the time differs (0.1 s against 2.6 s), too unsteady "
        "to test",
})


# mibook/style.py's and mibook/appendix.py's survivors (issue 25, helper branch h25b), each checked by the helper.
_STYLE_DASHES = "DASHES = [[1, 0], [6, 3], [2, 2], [10, 3, 2, 3], [1, 4], [14, 3], [4, 4], [8, 2, 2, 2, 2, 2]]"
_STYLE_AXIS = ('"axis": {"labelFontSize": TYPE_SCALE["body"], "titleFontSize": TYPE_SCALE["body"], '
               '"labelLimit": 260,')
_STYLE_LEGEND = _STYLE_AXIS.replace('"axis"', '"legend"')
_STYLE_TITLE = '"subtitleColor": "#444", "anchor": "start", "offset": 12},'
_STYLE_CIE = "return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27"
_STYLE_TONE = ("if channels is None or (luminance(colour) < 0.1 if on_dark else luminance(colour) > 0.4) "
               "\\")
_STYLE_KEYS = '_DATA_KEYS = ("data", "datasets", "values", "description", "labelExpr", "name")'
_LEDGER = 'LEDGER_WEB_COLUMNS, LEDGER_WEB_WIDTHS = ["Claim", "¶", "Quote"], [0.28, 0.07, 0.65]'
_NO_COLOUR_ON_IT = "equivalent: checked over all 16.7 million 8-bit colours, none lies exactly on this boundary"
_UNREACHABLE = ("equivalent: unreachable; the loop's last step is pure black or white, which always reaches the "
                "contrast wanted, since the light/dark split (0.18) equals 4.6 x 0.05 - 0.05")
_LIMIT = ("equivalent: any label limit at least the longest label's width draws the same (a test kills the key's "
          "removal)")
ACCEPTED.update({
    **{("mibook/style.py", _STYLE_DASHES, change):
       "a design value: a dash pattern of the greyscale second channel; only being distinct from the others "
       "matters, and the tests check that and pin the first (solid)"
       for change in ("6 -> 7", "3 -> 4", "2 -> 3", "10 -> 11", "1 -> 2", "4 -> 5", "14 -> 15", "8 -> 9")},
    ("mibook/style.py", "WIDTH = 440  # plot width: with axis labels a chart fits the ~650 px text column and prints "
     "at >= 8 pt", "440 -> 441"):
        "a design value: charts a pixel wider still fit the column the browser tests measure text against",
    ("mibook/style.py", "NARROW_WIDTH = 280", "280 -> 281"):
        "a design value: 11 px text still draws at 10.5 px or more in the 273 px phone column",
    ("mibook/style.py", 'TYPE_SCALE = {"title": 15, "body": 12, "small": 11}', "'small' -> 'XX…XX'"):
        "a label, not behaviour: the type scale's third size is read by value, never by this name",
    ("mibook/style.py", _STYLE_TITLE, "'offset' -> 'XX…XX'"):
        "a design value: the gap under a chart's title (without the key, Vega's default gap)",
    ("mibook/style.py", _STYLE_TITLE, "12 -> 13"): "a design value: the gap under a chart's title",
    ("mibook/style.py", _STYLE_AXIS, "260 -> 261"): _LIMIT,
    ("mibook/style.py", _STYLE_LEGEND, "260 -> 261"): _LIMIT,
    ("mibook/style.py", "return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4", "LtE -> Lt"):
        _NO_COLOUR_ON_IT,
    ("mibook/style.py", "on_dark = luminance(background) < 0.18", "Lt -> LtE"): _NO_COLOUR_ON_IT,
    ("mibook/style.py", _STYLE_TONE, "Lt -> LtE"): _NO_COLOUR_ON_IT,
    ("mibook/style.py", _STYLE_TONE, "Gt -> GtE"): _NO_COLOUR_ON_IT,
    ("mibook/style.py", "or contrast(colour, background) >= MIN_CONTRAST:", "GtE -> Gt"): _NO_COLOUR_ON_IT,
    ("mibook/style.py", "if contrast(candidate, background) >= MIN_CONTRAST + 0.1:", "GtE -> Gt"): _NO_COLOUR_ON_IT,
    ("mibook/style.py", "if 1 - light <= colorsys.rgb_to_hls(*rgb(DARK_BACKGROUND))[1]:", "LtE -> Lt"):
        _NO_COLOUR_ON_IT,
    ("mibook/style.py", _STYLE_CIE, "24389 -> 24390"):
        "equivalent: it moves CIE L*'s knee by 3.6e-10 in luminance; the 8 colours in that window change by 3e-9 L*",
    ("mibook/style.py", _STYLE_CIE, "Gt -> GtE"): "equivalent: the two branches of CIE L* meet at the knee",
    ("mibook/style.py", "if gap < GREY_MIN_DELTA:", "Lt -> LtE"):
        "equivalent: a lightness gap of exactly 12.0 L* between two palette greys does not occur",
    ("mibook/style.py", "for step in range(1, 21):", "21 -> 22"): _UNREACHABLE,
    ("mibook/style.py", 'return "#ffffff" if on_dark else "#000000"', "'#ffffff' -> 'XX…XX'"): _UNREACHABLE,
    ("mibook/style.py", 'return "#ffffff" if on_dark else "#000000"', "'#000000' -> 'XX…XX'"): _UNREACHABLE,
    ("mibook/style.py", 'return "#ffffff" if on_dark else "#000000"', "return None"): _UNREACHABLE,
    ("mibook/style.py", "text = re.sub(r\"(?<=\\w)'(?=\\w)\", \"’\", text)", "\"(?<=\\\\w)'(?=\\\\w)\" -> 'XX…XX'"):
        "equivalent: the substitution is redundant, as the last replace turns the same apostrophes (simplifying "
        "`curly` is left for a later run, since any edit renumbers the mutants)",
    ("mibook/style.py", _STYLE_KEYS, "'data' -> 'XX…XX'"):
        "equivalent: inline data's strings sit under `values` or `name`, which are kept anyway",
    ("mibook/style.py", _STYLE_KEYS, "'description' -> 'XX…XX'"):
        "equivalent: a description is already kept through the text keys",
    ("mibook/style.py", _STYLE_KEYS, "'labelExpr' -> 'XX…XX'"):
        "equivalent: a Vega expression is never a bare colour string, so dark() leaves it alone either way",
    **{("mibook/appendix.py", _LEDGER, change):
       "equivalent: the names feed only the prose-column check, and neither column holds prose"
       for change in ("'Claim' -> 'XX…XX'", "'¶' -> 'XX…XX'")},
    ("mibook/appendix.py", 'texts.get(int(c.paragraph), "").find(article.normalise(str(c.quote))) for c in '
     "claims.itertuples()", "'' -> 'XX…XX'"):
        "equivalent: a quote is never found in either default, so the position is -1 both ways",
    ("mibook/appendix.py", 'text = source.read_text(encoding="utf-8") if source.is_file() else ""', "'' -> 'XX…XX'"):
        "equivalent: a missing file's text lacks `kernelspec:` either way, so the page is skipped",
})


# The sphinx and apparatus extensions' survivors (issue 25, helper branch h25d); their setup() reasons are above.
ACCEPTED.update({
    ("_ext/mibook_sphinx.py", 'if CHART_MARKER in context.get("body", ""):', "'' -> 'XX…XX'"):
        "equivalent: only a page without a body takes the default, and neither string holds the chart marker",
    ("_ext/mibook_sphinx.py", 'app.connect("html-page-context", _offline_assets, priority=900)', "900 -> 901"):
        "a design value: the filter need only run after every handler that adds assets (500-502)",
    ("_ext/mibook_apparatus.py", 'return f"{base.rstrip(\'/\')}/{target}" if base else context["pathto"](target, 1)',
     "1 -> 2"): "equivalent: Sphinx's `pathto` only asks whether its `resource` argument is true",
    ("_ext/mibook_apparatus.py", 'people = [{"@type": "Person", "givenName": a.get("given-names", ""), '
     '"familyName": a.get("family-names", "")}', "'' -> 'XX…XX'"):
        "equivalent: a Person is built only when the author has family names, so that default is never used",
    ("_ext/mibook_apparatus.py", 'steps = html.escape(_link(app, context, METHOD_PAGE).rstrip("#") + '
     '"#web-only-rerun")  # "#" on that page', "'#' -> 'XX…XX'"):
        "equivalent: the method page's link never ends in X, so stripping X's as well as '#' changes nothing",
    **{("_ext/mibook_apparatus.py", f'app.connect("html-page-context", {handler}, priority=502)  # {why}',
        "502 -> 503"): "a design value: it need only run after the theme's handlers (501)"
       for handler, why in (("_end_matter", "after mibook_sphinx sets ipynb_source"),
                            ("_kit_in_download_menu", "after the theme's menu (501)"))},
})


@dataclass(frozen=True)
class Mutant:
    path: Path
    index: int
    line: int
    change: str
    statement: int  # first line of the statement it changes
    function: str | None = None  # qualified name of the module-level function or method whose body it is in


def _is_docstring(node) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _is_main_guard(node) -> bool:
    test = getattr(node, "test", None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__")


class _Mutator(ast.NodeTransformer):
    """Walks one module in a fixed order, numbering every mutation it could make; applies number `target`
    (or none, when `target` is -1, to list them all in `found`)."""

    def __init__(self, target: int = -1):
        self.target = target
        self.found: list[tuple[int, str, int, str | None]] = []
        self.statements: list[int] = []
        self.classes: list[str] = []  # the classes around the node, outside any function
        self.function: str | None = None  # the outermost function whose body holds the node

    def visit(self, node):
        if not isinstance(node, ast.stmt):
            return super().visit(node)
        if _is_main_guard(node) or isinstance(node, ast.Import | ast.ImportFrom):
            return node
        self.statements.append(node.lineno)
        try:
            return super().visit(node)
        finally:
            self.statements.pop()

    def _offer(self, node, change: str, mutate):
        self.found.append((node.lineno, change, self.statements[-1] if self.statements else node.lineno,
                           self.function))
        return mutate() if len(self.found) - 1 == self.target else node

    def _body(self, body: list) -> list:
        """A body's statements, mutated, its docstring left alone."""
        head = body[:1] if body and _is_docstring(body[0]) else []
        return head + [self.visit(statement) for statement in body[len(head):]]

    def visit_Module(self, node):
        node.body = self._body(node.body)
        return node

    def visit_ClassDef(self, node):
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        self.classes.append(node.name)
        try:
            node.body = self._body(node.body)
        finally:
            self.classes.pop()
        return node

    def visit_FunctionDef(self, node):  # annotations are not code; default values are
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [d if d is None else self.visit(d) for d in node.args.kw_defaults]
        outer = self.function
        if outer is None:
            self.function = ".".join([*self.classes, node.name])
        try:
            node.body = self._body(node.body)
        finally:
            self.function = outer
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node):
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_JoinedStr(self, node):
        """An f-string: its expressions are code, its literal text is a message (strings are mutated elsewhere)."""
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                part.value = self.visit(part.value)
        return node

    def visit_Compare(self, node):
        self.generic_visit(node)
        original = node
        for i, op in enumerate(original.ops):
            new = COMPARE_SWAPS[type(op)]
            node = self._offer(node, f"{type(op).__name__} -> {new.__name__}",
                               lambda i=i, new=new: _replace_op(original, i, new()))
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        return self._offer(node, f"{type(node.op).__name__} -> {new.__name__}",
                           lambda: ast.BoolOp(op=new(), values=node.values))

    def visit_BinOp(self, node):
        self.generic_visit(node)
        new = BINOP_SWAPS.get(type(node.op))
        if new is None:
            return node
        return self._offer(node, f"{type(node.op).__name__} -> {new.__name__}",
                           lambda: ast.BinOp(left=node.left, op=new(), right=node.right))

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return self._offer(node, "drop `not`", lambda: node.operand)
        if isinstance(node.op, ast.USub):
            return self._offer(node, "drop unary `-`", lambda: node.operand)
        return node

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool):
            return self._offer(node, f"{value} -> {not value}", lambda: ast.Constant(not value))
        if isinstance(value, int | float):
            return self._offer(node, f"{value} -> {value + 1}", lambda: ast.Constant(value + 1))
        if isinstance(value, str):
            return self._offer(node, f"{value[:30]!r} -> 'XX…XX'", lambda: ast.Constant(f"XX{value}XX"))
        return node

    def _statement(self, node, change: str):
        self.generic_visit(node)
        return self._offer(node, change, lambda: ast.Pass())

    def visit_Expr(self, node):
        return self._statement(node, "delete the call statement")

    def visit_AugAssign(self, node):
        return self._statement(node, "delete the augmented assignment")

    def visit_Return(self, node):
        self.generic_visit(node)
        if node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None):
            return node
        return self._offer(node, "return None", lambda: ast.Return(ast.Constant(None)))

    def visit_Continue(self, node):
        return self._offer(node, "continue -> break", lambda: ast.Break())

    def visit_Break(self, node):
        return self._offer(node, "break -> continue", lambda: ast.Continue())


def _replace_op(node: ast.Compare, i: int, op) -> ast.Compare:
    ops = list(node.ops)
    ops[i] = op
    return ast.copy_location(ast.Compare(left=node.left, ops=ops, comparators=node.comparators), node)


def mutants(path: Path) -> list[Mutant]:
    mutator = _Mutator()
    mutator.visit(ast.parse(path.read_text(encoding="utf-8")))
    return [Mutant(path, i, *found) for i, found in enumerate(mutator.found)]


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse(mutant.path.read_text(encoding="utf-8"))
    tree = _Mutator(mutant.index).visit(copy.deepcopy(tree))
    return ast.unparse(ast.fix_missing_locations(tree))


def _copy_project() -> None:
    """The project's files (as git tracks them, with uncommitted edits) copied to WORK."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for name in _listed():
        (WORK / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, WORK / name, follow_symlinks=False)


def _expand(test_args: list[str]) -> list[str]:
    """Shell-style globs in test paths (`tests/test_analysis_*.py`), expanded in the project copy."""
    out = []
    for arg in test_args:
        found = sorted(glob.glob(arg, root_dir=WORK)) if not arg.startswith("-") and "*" in arg else []
        out += found or [arg]
    return out


class _LineRecorder:
    """A pytest plugin: which lines of the mutated files each test runs, and how long each test takes."""

    def __init__(self, files: list[str]):
        self.files = set(files)
        self.calls: dict[str, list] = {}
        self.seconds: dict[str, float] = {}

    def _trace(self, ran: set):
        def lines(frame, event, arg):
            if event == "line":
                ran.add((frame.f_code.co_filename, frame.f_lineno))
            return lines

        def calls(frame, event, arg):  # trace line by line only inside the mutated files
            return lines if frame.f_code.co_filename in self.files else None

        return calls

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        called: set = set()
        started = time.monotonic()
        sys.settrace(self._trace(called))
        try:
            return (yield)
        finally:
            sys.settrace(None)
            self.calls[item.nodeid] = sorted(called)
            self.seconds[item.nodeid] = time.monotonic() - started


LOG = WORK.parent / "child.log"
KILLER = WORK.parent / "killer.txt"
RECORD = WORK.parent / "record.json"
FAST_LOG = WORK.parent / "fast.log"


def _in_child(run, timeout: float) -> int | None:
    """Run `run()` (it returns an exit code) in a forked child that imports the project from the copy,
    its output in LOG; the child's exit code, or None on timeout. This process has already imported the
    heavy third-party libraries (never the project's modules), so each run costs only the tests."""
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)  # its own process group: a timeout also ends what the tests started
        os.chdir(WORK)
        sys.path[:0] = [str(WORK), str(WORK / "_ext")]
        os.environ.update(PYTHONPATH=str(WORK), PYTHONDONTWRITEBYTECODE="1")
        os.environ.pop("MIBOOK_DATA_DIR", None)
        log = os.open(LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os._exit(int(run()))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def _listed() -> list[str]:
    """The project's files as git lists them (tracked, and untracked but not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


def _project_key(test_args: list[str], base: Path = WORK) -> str:
    """What a recording run depends on: the project's files under `base` (not this script, not the results
    it writes) and the test arguments."""
    digest = hashlib.sha256(json.dumps(test_args).encode())
    for name in sorted(_listed()):
        if not name.startswith("benchmarks/") and name != "scripts/mutation.py" and (base / name).is_file():
            digest.update(name.encode() + b"\0" + (base / name).read_bytes() + b"\0")
    return digest.hexdigest()


def _record_lines(test_args: list[str], files: list[Path]) -> dict | None:
    """Run the tests once on the unmutated copy; {'calls': test -> [file, line] run, 'seconds': test ->
    duration}, or None if they fail (their output is then in LOG). A recording of the same project, tests
    and files (RECORD, kept under _build/mutation/; it may have recorded more files) is used again: it takes
    minutes."""
    key, names = _project_key(test_args), [_relative(f) for f in files]
    if RECORD.is_file():
        kept = json.loads(RECORD.read_text())
        if kept.get("key") == key and set(names) <= set(kept.get("files", [])):
            return kept
    output = WORK.parent / "calls.json"

    def run():
        recorder = _LineRecorder([str(f) for f in files])
        code = pytest.main(["-q", "-p", "no:cacheprovider", *test_args], plugins=[recorder])
        output.write_text(json.dumps({"calls": recorder.calls, "seconds": recorder.seconds}))
        return code

    if _in_child(run, timeout=7200) != 0:
        return None
    record = json.loads(output.read_text()) | {"key": key, "files": names}
    RECORD.write_text(json.dumps(record))
    return record


class _FirstFailure:
    """A pytest plugin: the node id of the first test that fails, written to KILLER."""

    def pytest_runtest_logreport(self, report):
        if report.failed and not KILLER.exists():
            KILLER.write_text(report.nodeid)


_KILLERS: list[str] = []  # the tests that killed mutants so far in this process, the latest first


def _killers_first(tests: list[str]) -> list[str]:
    """`tests` with those that killed a mutant already in front (the latest killer first): a mutant of a
    neighbouring line tends to fall to the same test. Only the order changes, never which tests run."""
    chosen = set(tests)
    front = [test for test in _KILLERS if test in chosen]
    return front + [test for test in tests if test not in set(front)]


def _run_tests(node_ids: list[str], timeout: float, before=None) -> str:
    """'passed', 'failed' or 'timeout' for these tests (in this order, stopping at the first failure);
    `before` runs first in the child (the fast path's code swap)."""
    def run():
        if before is not None:
            before()
        return pytest.main(["-x", "-q", "-p", "no:cacheprovider", *node_ids], plugins=[_FirstFailure()])

    KILLER.unlink(missing_ok=True)
    code = _in_child(run, timeout)
    if code not in (None, 0) and KILLER.is_file():
        killer = KILLER.read_text()
        _KILLERS[:] = [killer] + [test for test in _KILLERS if test != killer]
    return "timeout" if code is None else "passed" if code == 0 else "failed"


def _code_objects(code: types.CodeType) -> dict[str, list[types.CodeType]]:
    """Every code object compiled into `code` (functions, methods, nested ones), by qualified name."""
    found, stack = {}, [code]
    while stack:
        code = stack.pop()
        found.setdefault(code.co_qualname, []).append(code)
        stack += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return found


def _live_functions(modules: list, filename: str) -> dict[str, list[types.FunctionType]]:
    """The function objects these (imported) modules define in `filename`, by qualified name: module-level
    functions and the methods of their classes, found through staticmethod, classmethod, property,
    cached_property and any decorator that keeps `__wrapped__` (functools.cache, contextmanager...)."""
    found: dict[str, list] = {}
    seen: set[int] = set()
    names = {module.__name__ for module in modules}

    def add(value):
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, staticmethod | classmethod):
            add(value.__func__)
        elif isinstance(value, property):
            for accessor in (value.fget, value.fset, value.fdel):
                if accessor is not None:
                    add(accessor)
        elif isinstance(value, functools.cached_property):
            add(value.func)
        elif isinstance(value, type):
            if value.__module__ in names:
                for member in list(vars(value).values()):
                    add(member)
        elif callable(value):
            wrapped = getattr(value, "__wrapped__", None)
            if wrapped is not None:
                add(wrapped)
            if isinstance(value, types.FunctionType) and value.__code__.co_filename == filename:
                found.setdefault(value.__code__.co_qualname, []).append(value)

    for module in modules:
        for value in list(vars(module).values()):
            add(value)
    return found


def _fast_verdicts(target: Path, todo: list[Mutant], record: dict, module_tests: list[str]) -> dict[int, str]:
    """The fast path: one child imports pytest, the project and the module's test files once (a collection
    run, with every call into `target` noted); then, per mutant, a grandchild swaps the mutated function's
    code into the live function object (so every reference to it, `from x import f` too, runs the mutant),
    with the mutated source on disk as well (for subprocesses), and runs the tests as `_verdict` does.

    Only a mutant inside the body of a module-level function or method qualifies, and only when nothing
    ran that function (or a function nested in it) during the imports and the collection: then no cache,
    constant or object made at import time can hold a result of the unmutated code, and the process is
    the one a fresh import of the mutated module gives. Every other mutant (module level, class body,
    default values, decorators, a function run at import time, a name defined twice) is left to the slow
    path. {mutant index: 'killed' | 'timeout' | 'survived'} for the mutants it ran; each verdict is also
    appended to FAST_LOG as it comes (a long run can be followed, and survivors worked on, while it runs)."""
    output = WORK.parent / "fast.json"
    output.unlink(missing_ok=True)
    filename, files = str(target), sorted({test.split("::")[0] for test in module_tests})
    parent = os.getpid()

    def serve() -> int:
        called: set[str] = set()

        def profile(frame, event, arg):
            if event == "call" and frame.f_code.co_filename == filename:
                called.add(frame.f_code.co_qualname)

        sys.setprofile(profile)
        try:
            collected = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *files])
        finally:
            sys.setprofile(None)
        modules = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == filename]
        live = _live_functions(modules, filename) if collected == 0 else {}
        original, verdicts = target.read_text(encoding="utf-8"), {}
        for mutant in todo:
            name = mutant.function
            if os.getppid() != parent:  # the runner was stopped
                break
            if name not in live or any(c == name or c.startswith(name + ".") for c in called):
                continue
            source = mutated_source(mutant)
            new = _code_objects(compile(source, filename, "exec")).get(name, [])
            if len(new) != 1 or any(f.__code__.co_freevars != new[0].co_freevars for f in live[name]):
                continue

            def swap(functions=live[name], code=new[0]):
                for function in functions:
                    function.__code__ = code

            target.write_text(source, encoding="utf-8")
            try:
                verdict, _ = _verdict(mutant, record, module_tests, before=swap)
            finally:
                target.write_text(original, encoding="utf-8")
            verdicts[mutant.index] = verdict
            output.write_text(json.dumps(verdicts))
            with FAST_LOG.open("a", encoding="utf-8") as log:
                log.write(f"{_name(mutant)}: {verdict}\n")
        output.write_text(json.dumps(verdicts))
        return 0

    _in_child(serve, timeout=48 * 3600)
    return {int(k): v for k, v in json.loads(output.read_text()).items()} if output.is_file() else {}


def _preload() -> None:
    """Import what the tests import from outside the project, once, before any fork."""
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _relative(path: Path) -> str:
    return path.relative_to(WORK).as_posix()


def _name(mutant: Mutant) -> str:
    return f"{_relative(mutant.path)}:{mutant.line}: #{mutant.index} {mutant.change}"


def _targets(paths: list[str]) -> list[Path]:
    """The modules to mutate, in the project copy (a folder stands for its *.py files)."""
    files = []
    for name in paths:
        path = WORK / Path(name).resolve().relative_to(ROOT)
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if f.stat().st_size and not {"static", "__pycache__"} & set(f.parts)]


def _names_module(text: str, module: Path) -> bool:
    """Whether a test file's text names `module` (an import or a path)."""
    relative = _relative(module)
    if relative.startswith("_ext/"):
        return module.stem in text
    dotted = relative.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    parent, _, leaf = dotted.rpartition(".")
    return bool(re.search(rf"\b{re.escape(dotted)}\b|{re.escape(relative)}", text)
                or re.search(rf"from {re.escape(parent)} import [^\n]*\b{leaf}\b", text))


def _module_tests(module: Path, record: dict) -> list[str]:
    """Every recorded test of the files that name `module` or ran one of its lines, in the usual order."""
    ran = {test.split("::")[0] for test, calls in record["calls"].items() if any(f == str(module) for f, _ in calls)}
    files = {test.split("::")[0] for test in record["calls"]}
    named = {f for f in files if _names_module((WORK / f).read_text(encoding="utf-8"), module)}
    return [test for test in record["calls"] if test.split("::")[0] in ran | named]


def _covering_tests(mutant: Mutant, record: dict) -> list[str]:
    """The tests that ran the mutant's statement, quickest first."""
    key = [str(mutant.path), mutant.statement]
    tests = [test for test, calls in record["calls"].items() if key in calls]
    return sorted(tests, key=record["seconds"].__getitem__)


def _verdict(mutant: Mutant, record: dict, module_tests: list[str], before=None) -> tuple[str, int]:
    """('killed' | 'timeout' | 'survived', number of tests run) for one mutant (already written)."""
    seconds = record["seconds"]
    first = _killers_first(_covering_tests(mutant, record))
    rest = _killers_first([test for test in module_tests if test not in set(first)])  # the first ones passed
    for tests in (first, rest):
        if tests:
            outcome = _run_tests(tests, 3 * sum(seconds[t] for t in tests) + 30, before)
            if outcome != "passed":
                return ("killed" if outcome == "failed" else "timeout"), len(tests)
    return "survived", len(module_tests)


def _source_line(mutant: Mutant, lines: list[str]) -> str:
    return lines[mutant.line - 1].strip()


def _commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "mibook", "_ext", "tests"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + (" + uncommitted edits" if dirty else "")


def _equivalents(module: str, survivors: list[dict]) -> int:
    """How many survivors `ACCEPTED` shows to be equivalent (no test can tell them from the code): the score
    leaves them out, as mutation scores do; survivors kept for another reason still count against it."""
    return sum(ACCEPTED.get((module, s["source"], s["change"]), "").startswith("equivalent") for s in survivors)


def _score(killed: int, total: int, equivalent: int = 0) -> str:
    """'K/N killed (P%)', N leaving out the equivalent mutants (said after it when there are any)."""
    scored = total - equivalent
    if not scored:
        return f"{killed}/0 killed (no mutants to score)"
    aside = f"; {equivalent} equivalent set aside" if equivalent else ""
    return f"{killed}/{scored} killed ({100 * killed / scored:.1f}%{aside})"


def report(results: dict) -> str:
    """benchmarks/mutation.md, from the recorded results (never edited by hand)."""
    rows, survivors = [], []
    for module, result in sorted(results.items()):
        total, killed = result["total"], result["killed"]
        equivalent = _equivalents(module, result["survivors"])
        score = f"{100 * killed / (total - equivalent):.1f} %" if total > equivalent else "no mutants"
        path = ROOT / module
        changed = not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != result["source"]
        commit = f"{result['commit']} (**the module has changed since**)" if changed else result["commit"]
        rows.append(f"| `{module}` | {total} | {equivalent} | {killed} | {score} | "
                    f"{result['minutes']:.1f} | {commit} | {result['date']} | `{result['tests']}` |")
        for s in result["survivors"]:
            why = ACCEPTED.get((module, s["source"], s["change"]), "**no test pins this yet**")
            survivors.append(f"- `{module}:{s['line']}` #{s['index']} {s['change']} in `{s['source']}`: {why}")
    doc = __doc__.split("\n\n", 2)
    return "\n".join([
        "# Mutation testing", "",
        "<!-- Generated by scripts/mutation.py (`make mutation`) from benchmarks/mutation.json: do not edit. -->",
        "", "```bash", "make mutation                                   # every module of mibook/ and _ext/",
        "make mutation MUTATE=mibook/kit.py              # one module (its rows here are replaced)",
        'make mutation MUTATE=mibook/analysis MUTATION_TESTS="tests/test_analysis_*.py"', "```", "",
        "## How it works", "", doc[2].strip(), "",
        "## Results, per module (the last run of each)", "",
        "| module | mutants | equivalent | killed | score | minutes | commit | date | test arguments |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows, "", "## Survivors", "", *(survivors or ["None."]), "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS), help="modules or folders to mutate")
    parser.add_argument("--tests", default="", help=f"pytest arguments (quoted); default: {DEFAULT_TESTS}")
    parser.add_argument("--only", help="comma-separated mutant numbers to run: a re-check of survivors, merged into "
                                       "the module's recorded result when its source has not changed")
    parser.add_argument("--report", action="store_true", help="only regenerate benchmarks/mutation.md")
    parser.add_argument("--no-fast", dest="fast", action="store_false",
                        help="every mutant in a fresh import of the project (no fast path)")
    parser.add_argument("--confirm", action="store_true",
                        help="run the fast path's survivors again in a fresh import of the mutated module")
    args = parser.parse_args(argv)
    if args.report:
        REPORT.write_text(report(json.loads(RESULTS.read_text(encoding="utf-8"))), encoding="utf-8")
        return 0
    _copy_project()
    FAST_LOG.unlink(missing_ok=True)
    _preload()
    targets = _targets(args.paths)
    record = _record_lines(_expand(shlex.split(args.tests or DEFAULT_TESTS)), targets)
    if record is None:
        print(LOG.read_text(encoding="utf-8", errors="replace")[-20000:], file=sys.stderr)
        print("the tests fail on the unmutated code (their output is above); fix that first", file=sys.stderr)
        return 2
    only = {int(n) for n in args.only.split(",")} if args.only else None
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    killed_all = total_all = equivalent_all = 0
    for target in targets:  # the copy's files: later edits to the working tree change nothing
        started, original = time.monotonic(), target.read_text(encoding="utf-8")
        lines, module_tests = original.splitlines(), _module_tests(target, record)
        survivors, total = [], 0
        todo = [m for m in mutants(target) if only is None or m.index in only]
        fast = _fast_verdicts(target, todo, record, module_tests) if args.fast else {}
        if args.confirm:  # survivors of the fast path run again in a fresh import of the mutated module
            fast = {index: verdict for index, verdict in fast.items() if verdict != "survived"}
        print(f"{_relative(target)}: {len(todo)} mutants, {len(fast)} decided on the fast path "
              f"({(time.monotonic() - started) / 60:.1f} min)", flush=True)
        for mutant in todo:
            total += 1
            if mutant.index in fast:
                verdict, runs = fast[mutant.index], "fast path"
            else:
                target.write_text(mutated_source(mutant), encoding="utf-8")
                verdict, runs = _verdict(mutant, record, module_tests)
                target.write_text(original, encoding="utf-8")
                runs = f"{runs} tests"
            print(f"{_name(mutant)}: {verdict} ({runs})", flush=True)
            if verdict == "survived":
                source = _source_line(mutant, lines)
                survivors.append({"line": mutant.line, "index": mutant.index, "change": mutant.change,
                                  "source": source})
        killed = total - len(survivors)
        killed_all, total_all = killed_all + killed, total_all + total
        print(f"{_relative(target)}: {len(module_tests)} tests; {len(survivors)} survivor(s)")
        for s in survivors:
            print(f"  {_relative(target)}:{s['line']}: #{s['index']} {s['change']}  {s['source']}")
        equivalent = _equivalents(_relative(target), survivors)
        equivalent_all += equivalent
        print(f"{_relative(target)}: mutation score: {_score(killed, total, equivalent)}", flush=True)
        digest = hashlib.sha256(original.encode()).hexdigest()
        if RESULTS.is_file():  # read again: another run may have recorded a module meanwhile
            results = json.loads(RESULTS.read_text(encoding="utf-8"))
        earlier = results.get(_relative(target), {})
        if only is not None and earlier.get("source") == digest:  # a re-check of survivors of the same code
            survivors += [s for s in earlier["survivors"] if s["index"] not in only]
            total = earlier["total"]
        tests_run = args.tests or DEFAULT_TESTS
        if only is not None and earlier.get("source") == digest and earlier.get("tests") != tests_run:
            tests_run = f"{earlier['tests']}; survivors {args.only} again with {tests_run}"
        if only is None or earlier.get("source") == digest:
            results[_relative(target)] = {"total": total, "killed": total - len(survivors), "survivors": survivors,
                                          "minutes": (time.monotonic() - started) / 60 + earlier.get("minutes", 0)
                                          * (only is not None), "commit": _commit(), "source": digest,
                                          "date": datetime.date.today().isoformat(),
                                          "tests": tests_run}
            if only is not None:
                merged = results[_relative(target)]
                aside = _equivalents(_relative(target), merged["survivors"])
                print(f"{_relative(target)}: with the earlier run's other mutants: mutation score: "
                      f"{_score(merged['killed'], merged['total'], aside)}",
                      flush=True)
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        REPORT.write_text(report(results), encoding="utf-8")  # after each module: a long run keeps what it did
    print(f"total: mutation score: {_score(killed_all, total_all, equivalent_all)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
