"""Local Sphinx extension for the book.

HTML: serve the Vega JavaScript offline, and only on pages with charts (the bundle from
`vl_convert.javascript_bundle()` declares top-level names, e.g. `_`, that clash with Sphinx's own
scripts, so it is written wrapped in a function scope; `mibook-charts.js` then upgrades each static
chart, styled by `mibook-charts.css`); drop every third-party asset and the theme scripts the book does
not use (templates/);
offer each page's executed notebook, the data as a zip, and the PDF once it has been built; keep
outputs byte-identical between builds (positional notebook cell ids, static files written first).
The print edition (LaTeX) is mibook_print.py.
"""

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from myst_nb.sphinx_ext import add_global_html_resources
from sphinx.errors import ExtensionError
from sphinx.search import IndexBuilder

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"  # trims theme scripts the book does not use
BUNDLE = "vega-bundle.js"
CHART_MARKER = "data-chart-id="


def bundle_header() -> str:
    """The bundle's first line, naming the vl-convert version it comes from (a new version, a new bundle)."""
    return f"/* Vega, Vega-Lite and vega-embed, from vl-convert {metadata.version('vl-convert-python')}; scoped. */\n"


# vl-convert holds the GIL for the second the bundle takes: a child process generates it, so the
# thread driving the notebooks' kernels (mibook_execute) is not stalled meanwhile.
BUNDLE_SCRIPT = "import sys, vl_convert; sys.stdout.buffer.write(vl_convert.javascript_bundle().encode())"


def wrapped_bundle(bundle: str) -> str:
    return bundle_header() + "(function () {\n" + bundle + "\n}).call(window);\n"


def _add_static_and_template_paths(app, config) -> None:
    # Relative to the book's root, so the config (and .buildinfo) does not depend on where it is built. New
    # lists: a book that sets neither has Sphinx's default lists, which a change in place would alter for
    # every later build in the process (a second build then saw the paths twice and rewrote every page).
    config.html_static_path = [*config.html_static_path, os.path.relpath(STATIC, app.confdir)]
    config.templates_path = [os.path.relpath(TEMPLATES, app.confdir), *config.templates_path]


def _page_scripts(app, pagename, templatename, context, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file(BUNDLE)
        app.add_js_file("mibook-charts.js")
        app.add_css_file("mibook-charts.css")


def _offline_assets(app, pagename, templatename, context, doctree) -> None:
    """Drop every script and stylesheet from another host, thebe (it runs code on a remote kernel),
    and repeated inline scripts (sphinx-thebe emits its `const` declarations twice)."""
    scripts, seen_inline = [], set()
    for script in context.get("script_files", []):
        name = str(script.filename)
        body = script.attributes.get("body", "")
        if _is_remote(name) or "thebe" in name or "THEBE" in body:
            continue
        if body:
            if body in seen_inline:
                continue
            seen_inline.add(body)
        scripts.append(script)
    context["script_files"] = scripts
    context["css_files"] = [
        css for css in context.get("css_files", [])
        if not _is_remote(str(css.filename)) and "thebe" not in str(css.filename)
    ]


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _bundle_path(app) -> Path:
    return Path(app.outdir) / "_static" / BUNDLE


def _write_static_files(app) -> None:
    """Write generated static files before any page is, so cold and incremental builds both give
    them a `?v=` checksum in the page (Sphinx adds one only for files already in the output). The
    Vega bundle, when missing or from another vl-convert, is started here and written once the
    pages are read (`_write_bundle`)."""
    if app.builder.format != "html":
        return
    target = _bundle_path(app)
    if not target.is_file() or _first_line(target) != bundle_header():
        app.mibook_bundle = subprocess.Popen([sys.executable, "-c", BUNDLE_SCRIPT], stdout=subprocess.PIPE)
    for source in sorted(p for p in STATIC.rglob("*") if p.is_file()):  # Sphinx keeps an existing copy
        copy = target.parent / source.relative_to(STATIC)
        if not copy.is_file() or copy.read_bytes() != source.read_bytes():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(source.read_bytes())
    add_global_html_resources(app, None)  # myst-nb's own stylesheet, otherwise copied at the end


def _write_bundle(app, env) -> None:
    process = getattr(app, "mibook_bundle", None)
    if process is None:
        return
    app.mibook_bundle = None
    bundle, _ = process.communicate()
    if process.returncode != 0:
        raise ExtensionError(f"vl_convert.javascript_bundle() failed (exit status {process.returncode})")
    target = _bundle_path(app)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(wrapped_bundle(bundle.decode("utf-8")), encoding="utf-8")


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        return handle.readline()


def stable_notebook(path: Path) -> str:
    """An executed notebook with cell ids by position, as the kit writes its notebooks."""
    from mibook import kit

    return kit.dumps(kit.positional_ids(json.loads(path.read_text(encoding="utf-8"))))


def _stable_notebook_ids(app, exception) -> None:
    if exception is not None:
        return
    for path in sorted((Path(app.outdir).parent / "jupyter_execute").rglob("*.ipynb")):
        text = stable_notebook(path)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _notebook_download(app, pagename, templatename, context, doctree) -> None:
    """Offer each page's executed notebook in its download menu.

    sphinx-book-theme copies `jupyter_execute/<page>.ipynb` into `_sources/` and lists it (as
    `ipynb_source`) only when a launch button (Binder, Colab...) is configured, and the book has
    none: they run code on remote servers. This does the same without them, just before the theme
    builds its menu (priority 501).
    """
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if app.builder.format != "html" or not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stable_notebook(executed), encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def _write_data_zip(app, exception) -> None:
    """The data package as `downloads/moscow-islamabad-data.zip` (same data, same bytes). Skipped while
    that zip exists and is newer than every data file: importing its generator alone costs half a second."""
    if exception is not None or app.builder.format != "html":
        return
    from mibook import paths

    target = Path(app.outdir) / "downloads" / paths.DATA_ZIP
    newest_data = max(p.stat().st_mtime for p in paths.data_dir().rglob("*"))
    if target.is_file() and target.stat().st_mtime >= newest_data:
        return
    from mibook import appendix

    appendix.write_data_zip(target)


PDF_NAME = "moscow-islamabad.pdf"
LANDING_PAGE = "index"


def _built_pdf(app) -> Path:
    """Where `make pdf` leaves the report: beside the HTML output, in the latex folder."""
    return Path(app.doctreedir).parent / "latex" / PDF_NAME


def _pdf_wanted(app) -> bool:
    return app.builder.format == "html" and _built_pdf(app).is_file()


def _offer_pdf(app, docname, source) -> None:
    if docname != LANDING_PAGE:
        return
    app.env.mibook_pdf_offered = _pdf_wanted(app)
    if not app.env.mibook_pdf_offered:
        return
    path = "/" + _built_pdf(app).relative_to(app.srcdir).as_posix()
    source[0] += f"\n\n**Download:** {{download}}`the whole book as a PDF report <{path}>`\n"


def _landing_page_outdated(app, env, added, changed, removed) -> list[str]:
    """The landing page links the PDF only when one exists (and only in HTML): re-read it when that
    changed since it was last read. (A rebuilt PDF is a download dependency Sphinx tracks itself.)"""
    return [LANDING_PAGE] if getattr(env, "mibook_pdf_offered", None) != _pdf_wanted(app) else []


def _note_titles(app, env, docnames) -> None:
    """Before reading: every page's title as the last build left it."""
    env.mibook_titles = {doc: title.astext() for doc, title in env.titles.items()}


def _retitled(app, env) -> list[str]:
    """After reading: when a page's title changed (or a page came or went), every page is written again, since
    each names the others in its navigation; Sphinx itself rewrites only the pages whose toctree holds it."""
    before = getattr(env, "mibook_titles", {})
    after = {doc: title.astext() for doc, title in env.titles.items()}
    return sorted(env.found_docs) if before and before != after else []


def _terms_in_some_page(get_terms):
    """Sphinx's search index keeps a word whose pages no longer hold it, with an empty page list, after an
    incremental build (prune empties the word's set but keeps the word): such words are left out, so an
    incremental build writes the index a cold build writes."""
    if getattr(get_terms, "mibook_pruned", False):
        return get_terms

    def terms(self, fn2index):
        return tuple({word: pages for word, pages in found.items() if pages != []}
                     for found in get_terms(self, fn2index))

    terms.mibook_pruned = True
    return terms


def setup(app):
    IndexBuilder.get_terms = _terms_in_some_page(IndexBuilder.get_terms)
    app.connect("config-inited", _add_static_and_template_paths)
    app.connect("html-page-context", _page_scripts)
    app.connect("html-page-context", _offline_assets, priority=900)
    app.connect("builder-inited", _write_static_files)
    app.connect("env-updated", _write_bundle)  # after reading, before any page is written
    app.connect("build-finished", _stable_notebook_ids)
    app.connect("html-page-context", _notebook_download, priority=500)
    app.connect("build-finished", _write_data_zip)
    app.connect("source-read", _offer_pdf)
    app.connect("env-get-outdated", _landing_page_outdated)
    app.connect("env-before-read-docs", _note_titles)
    app.connect("env-get-updated", _retitled)
    app.add_css_file("mibook.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
