"""Local Sphinx extension: the book's bibliographic and re-run apparatus (HTML only).

- Every page of the book ends with "Re-run this chapter" (notebook pages) and "Cite this": a
  citation and a BibTeX entry from `mibook.metadata`, with copy buttons (`mibook-cite.js`, offline).
- Highwire `citation_*` meta tags on every page; schema.org JSON-LD on the landing page.
- The reproduction kit (`mibook.kit`) and, once `make pdf` has run, the PDF are written to
  `downloads/`; the kit sits in every page's download menu; every downloaded notebook opens with the
  kit preamble.
- `repository.url` in _config.yml turns on the theme's repository, source and issue buttons and the
  clone command; unset, nothing links a repository.
Static files live in `static/`, which `mibook_sphinx` adds to the HTML static path.
"""

import html
import json
import shutil
from pathlib import Path

import mibook_sphinx

from mibook import kit, metadata, paths
from mibook.web import script_json

DOWNLOADS = "downloads"
METHOD_PAGE = "chapters/appendix/method.html"  # its section (web-only-rerun)= has the steps
KIT_PATH = f"{DOWNLOADS}/{paths.KIT_ZIP}"
PDF_PATH = f"{DOWNLOADS}/{mibook_sphinx.PDF_NAME}"
DATE_LENGTH = {"year": 4, "month": 7}
REPOSITORY_BUTTONS = ("use_repository_button", "use_source_button", "use_issues_button")


def repository_url(config) -> str:
    """`repository.url` from _config.yml (jupyter-book passes it on as a theme option); '' when unset."""
    return ((config.html_theme_options or {}).get("repository_url") or "").rstrip("/")


def _repository_buttons(app, config) -> None:
    if repository_url(config):
        config.html_theme_options.update(dict.fromkeys(REPOSITORY_BUTTONS, True))


def _pdf_in_config(app, config) -> None:
    """Record whether a PDF exists in the HTML config, so its appearing or going rewrites every page
    (each names it in a meta tag); Sphinx otherwise rewrites only pages whose sources changed."""
    config.html_context = {**config.html_context, "mibook_pdf_built": mibook_sphinx._built_pdf(app).is_file()}


def _is_book_page(app, pagename: str) -> bool:
    return app.builder.format == "html" and pagename in app.env.found_docs


def _link(app, context, target: str) -> str:
    """`target` (a path in the site) from this page; absolute when `html.baseurl` is set."""
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{target}" if base else context["pathto"](target, 1)


def _chapter(app, pagename: str) -> str | None:
    """The page's title, or None on the landing page (which cites the whole book)."""
    return None if pagename == app.config.root_doc else app.env.titles[pagename].astext()


def _page_url(app, pagename: str) -> str | None:
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{pagename}.html" if base else None


# --- head: Highwire meta tags and JSON-LD ---------------------------------------------------------


def highwire_tags(app, pagename: str, context) -> list[tuple[str, str]]:
    """(name, content) of the `citation_*` tags Google Scholar and Zotero read."""
    book, chapter = metadata.book(), _chapter(app, pagename)
    tags = [("citation_title", chapter or metadata.full_title(book))]
    if chapter:
        tags.append(("citation_inbook_title", metadata.full_title(book)))
    tags += [("citation_author", author) for author in book.authors]
    tags += [("citation_publication_date", book.date.replace("-", "/")), ("citation_publisher", book.publisher),
             ("citation_language", "en")]
    if mibook_sphinx._built_pdf(app).is_file():
        tags.append(("citation_pdf_url", _link(app, context, PDF_PATH)))
    if _page_url(app, pagename):
        tags.append(("citation_public_url", _page_url(app, pagename)))
    return tags


def _cited_work(reference: dict) -> dict:
    """A CITATION.cff reference as schema.org."""
    people = [{"@type": "Person", "givenName": a.get("given-names", ""), "familyName": a.get("family-names", "")}
              if "family-names" in a else {"@type": "Organization", "name": a["name"]} for a in reference["authors"]]
    kind = "ScholarlyArticle" if reference.get("type") == "article" else "CreativeWork"
    work = {"@type": kind, "name": reference["title"], "author": people}
    if reference.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": reference["publisher"]["name"]}
    if reference.get("year"):
        work["datePublished"] = str(reference["year"])
    return work


def _context_sources() -> list[dict]:
    """The outside sources the book reads for context (`context.outside_sources`), as schema.org."""
    from mibook import context, load

    out = []
    for source in context.outside_sources(load.tables()).itertuples():
        work = {"@type": "CreativeWork", "name": source.title,
                "publisher": {"@type": "Organization", "name": source.publisher}}
        if str(source.date_precision) != "undated":  # an undated page has no date to give (not "NaT")
            # as precise as the table says: 2019, 2019-06 or 2019-06-17
            work["datePublished"] = source.date_published.isoformat()[:DATE_LENGTH.get(source.date_precision, 10)]
        if isinstance(source.url, str) and source.url:
            work["url"] = source.url
        out.append(work)
    return out


def json_ld(app, context) -> dict:
    """The landing page's schema.org record: the book as a Report citing the article, and the data
    as a Dataset whose downloads are DataDownloads."""
    book = metadata.book()
    authors = [{"@type": "Organization", "name": a} for a in book.authors]
    article = [_cited_work(r) for r in metadata.references()]
    common = {"author": authors, "license": metadata.licence_url(book), "inLanguage": "en",
              "datePublished": book.date, "version": book.version, "isBasedOn": article}
    report = {"@type": "Report", "@id": "#book", "name": book.title, "alternativeHeadline": book.subtitle,
              "publisher": {"@type": "Organization", "name": book.publisher}, "abstract": book.abstract,
              "keywords": list(book.keywords), "citation": article + _context_sources(), **common}
    if mibook_sphinx._built_pdf(app).is_file():
        report["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf",
                              "contentUrl": _link(app, context, PDF_PATH)}
    downloads = [(paths.DATA_ZIP, "The data package: CSV tables, datapackage.json, README, article text"),
                 (paths.KIT_ZIP, "The reproduction kit: notebooks, package, data, exact requirements")]
    dataset = {"@type": "Dataset", "@id": "#data", "name": f"{book.title}: data",
               "description": "Every claim, quantity, event, actor and relation the book codes from the article, "
                              "each with its verbatim quote and paragraph number.",
               "isPartOf": {"@id": "#book"}, **common,
               "distribution": [{"@type": "DataDownload", "name": name, "description": what,
                                 "encodingFormat": "application/zip",
                                 "contentUrl": _link(app, context, f"{DOWNLOADS}/{name}")} for name, what in downloads]}
    return {"@context": "https://schema.org", "@graph": [report, dataset]}


def _head(app, pagename, templatename, context, doctree) -> None:
    if not _is_book_page(app, pagename):
        return
    tags = "".join(f'\n<meta name="{name}" content="{html.escape(value)}" />'
                   for name, value in highwire_tags(app, pagename, context))
    if pagename == app.config.root_doc:
        tags += f'\n<script type="application/ld+json">\n{script_json(json_ld(app, context), indent=1)}\n</script>'
    context["metatags"] = context.get("metatags", "") + tags + "\n"


# --- end of page: "Re-run this chapter" and "Cite this" ------------------------------------------


def rerun_section(app, context, pagename: str) -> str:
    """One line: where this page's notebook and the reproduction kit are, and the method page's re-run steps
    (plus the clone command when there is a repository). The landing page is "this page", not a chapter."""
    kit_link = html.escape(_link(app, context, KIT_PATH))
    steps = html.escape(_link(app, context, METHOD_PAGE).rstrip("#") + "#web-only-rerun")  # "#" on that page
    what = "this chapter" if _chapter(app, pagename) else "this page"
    text = (f'Re-run {what}: download its notebook (download menu) or the <a href="{kit_link}" download="">'
            f'reproduction kit</a>; <a href="{steps}">the method appendix</a> says how.')
    repo = repository_url(app.config)
    if repo:
        text += (f' Or clone the <a href="{html.escape(repo)}">repository</a> '
                 f"(<code>git clone {html.escape(repo)}.git</code>, then <code>make lab</code>) and open "
                 f"<code>{html.escape(pagename)}.md</code>.")
    return f'<p class="mibook-rerun">{text}</p>'


def cite_box(chapter: str | None, url: str | None) -> str:
    """The "Cite this" box: the citation and the BibTeX entry, each with a copy button (shown by JS)."""
    what = "this chapter" if chapter else "this book"
    return (
        '<section class="mibook-cite" aria-labelledby="cite-this"><h2 id="cite-this">Cite this</h2>'
        f'<p>To cite {what}:</p>'
        f'<p class="mibook-cite-text" id="cite-text">{html.escape(metadata.citation(chapter, url))}</p>'
        '<button type="button" class="mibook-copy" data-copy="cite-text" hidden>Copy citation</button>'
        '<details class="mibook-cite-bibtex"><summary>BibTeX</summary>'
        f'<pre id="cite-bibtex"><code>{html.escape(metadata.bibtex(chapter, url))}</code></pre></details>'
        '<button type="button" class="mibook-copy" data-copy="cite-bibtex" hidden>Copy BibTeX</button>'
        '<span class="mibook-copy-status" role="status" aria-live="polite"></span></section>'
    )


def _end_matter(app, pagename, templatename, context, doctree) -> None:
    if not _is_book_page(app, pagename):
        return
    rerun = rerun_section(app, context, pagename) if context.get("ipynb_source") else ""
    context["body"] = context.get("body", "") + rerun + cite_box(_chapter(app, pagename), _page_url(app, pagename))


def _kit_in_download_menu(app, pagename, templatename, context, doctree) -> None:
    """Offer the kit in the theme's download menu, right after the page's notebook."""
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(1 if context.get("ipynb_source") else 0, {
                "type": "link", "url": _link(app, context, KIT_PATH), "text": "kit .zip",
                "tooltip": "Download the reproduction kit (notebooks, package, data, requirements)",
                "icon": "fas fa-file-zipper", "label": "download-kit-button",
            })


# --- build-finished: downloads --------------------------------------------------------------------


def _write_downloads(app, exception) -> None:
    """The kit, the PDF when `make pdf` has built one, and the kit preamble in every offered notebook."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    kit.write(out / KIT_PATH, Path(app.srcdir))
    pdf, copy = mibook_sphinx._built_pdf(app), out / PDF_PATH
    if pdf.is_file():
        shutil.copyfile(pdf, copy)
    else:
        copy.unlink(missing_ok=True)
    base = app.config.html_baseurl
    cell = kit.preamble(f"{base.rstrip('/')}/{KIT_PATH}" if base else None)
    for path in sorted((out / "_sources").rglob("*.ipynb")):
        text = kit.dumps(kit.with_preamble(json.loads(path.read_text(encoding="utf-8")), cell))
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _repository_buttons)
    app.connect("config-inited", _pdf_in_config)
    app.connect("html-page-context", _head)
    app.connect("html-page-context", _end_matter, priority=502)  # after mibook_sphinx sets ipynb_source
    app.connect("html-page-context", _kit_in_download_menu, priority=502)  # after the theme's menu (501)
    app.connect("build-finished", _write_downloads)
    app.add_css_file("mibook-cite.css")
    app.add_js_file("mibook-cite.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
