"""Generators for the appendices: data dictionary, claims ledger, source text, versions, downloads.

Each page object renders as escaped HTML (the web) and escaped MyST markdown (which the LaTeX build
uses, as it does for `BookTable`: list-tables that wrap), so the appendices are regenerated from
`data/` on every build and never typed by hand. The pages that only show such tables need no kernel:
the book's Sphinx extension (`_ext/mibook_appendix.py`) inserts `GENERATED[name]()` and `facts()`
directly; notebooks can still display any of them (`_repr_mimebundle_`).
"""

import html
import platform
import re
import zipfile
from importlib import metadata
from pathlib import Path

import pandas as pd
import yaml

from mibook import article, context, load, paths
from mibook.datafiles import ARTICLE_PATH, PACKAGE_FILE
from mibook.labels import THEME_LABELS, speaker_name
from mibook.metadata import attribution
from mibook.pages import (
    APPENDIX_CSS,
    CHECKS_PAGE,
    LEDGER_PAGE,
    SOURCE_PAGE,
    STATIC,
    Markup,
    filterable,
    sort_bar,
    sort_button,
)
from mibook.schema import Resource, escape_reason
from mibook.tables import BookTable, markdown_escape, prose_columns, scroll_box, table_cell, table_html


def checks_by_claim(data: load.Tables) -> dict[str, list[tuple[str, str]]]:
    """Each checked claim's checks against outside sources: claim id -> [(check id, verdict)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for check in data["checks"].sort_values("check_id").itertuples():
        found.setdefault(str(check.claim_id), []).append((str(check.check_id), str(check.verdict)))
    return found


def check_links(checks: list[tuple[str, str]]) -> str:
    """'Checked: partly consistent' links to each check on the checks page (HTML), or ''."""
    return "".join(f' <a class="mibook-checked" href="{CHECKS_PAGE}#{_e(k)}">Checked: {_e(v)}</a>'
                   for k, v in checks)
DATA_ZIP, KIT_ZIP = paths.DATA_ZIP, paths.KIT_ZIP
DATA_ZIP_URL = "../../downloads/" + DATA_ZIP  # where the Sphinx extension writes it, from an appendix page
KIT_ZIP_URL = "../../downloads/" + KIT_ZIP
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store: fixed, so the bytes are reproducible
VERSIONED = ("jupyter-book", "sphinx", "myst-nb", "myst-parser", "sphinx-book-theme", "jupytext", "altair",
             "vl-convert-python", "pandas", "frictionless", "pypdf")


def _tables(data: load.Tables | Path | str | None) -> load.Tables:
    return data if isinstance(data, load.Tables) else load.tables(Path(data) if data else None)


def _e(value) -> str:
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value))


def _m(value) -> str:
    return markdown_escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value))


def _stylesheet() -> str:
    return f'<link rel="stylesheet" href="{STATIC}{APPENDIX_CSS}">'


# --- data dictionary ------------------------------------------------------------------------------


def constraint_text(constraints: dict) -> str:
    """A field's constraints in words (`required` has its own column)."""
    parts = []
    for key, value in constraints.items():
        if key == "required":
            continue
        if key == "enum":
            parts.append("one of: " + ", ".join(str(v) for v in value))
        elif key == "pattern":
            parts.append(f"matches {value}")
        elif key == "unique":
            parts.append("unique" if value else "may repeat")
        elif key == "minimum":
            parts.append(f"at least {value}")
        elif key == "maximum":
            parts.append(f"at most {value}")
        elif key == "minLength":
            parts.append(f"at least {value} characters")
        elif key == "maxLength":
            parts.append(f"at most {value} characters")
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def foreign_key_text(resource: Resource) -> list[str]:
    """Each foreign key as `field → table.field`."""
    out = []
    for key in resource.foreign_keys:
        fields = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
        ref = key["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = ref.get("resource") or resource.name
        out.append(f"{', '.join(fields)} → {target}.{', '.join(ref_fields)}")
    return out


def field_frame(resource: Resource) -> pd.DataFrame:
    """One row per field of a table: name, type, required, constraints, description."""
    return pd.DataFrame(
        [(f.name, f.type, "yes" if f.required else "no", constraint_text(f.constraints), f.description)
         for f in resource.fields],
        columns=["Field", "Type", "Required", "Constraints", "Description"],
    )


def tables_frame(data: load.Tables) -> pd.DataFrame:
    """One row per table: name, file, rows, description."""
    return pd.DataFrame(
        [(r.name, r.path, len(data[r.name]), r.description) for r in data.package.resources.values()],
        columns=["Table", "File", "Rows", "One row per"],
    )


FIELD_WIDTHS = [0.15, 0.10, 0.10, 0.25, 0.40]


def data_dictionary(data: load.Tables | Path | str | None = None) -> Markup:
    """The data dictionary, generated from `datapackage.json` (and the row counts of the CSV files)."""
    data = _tables(data)
    descriptor = data.package.descriptor
    title, description = descriptor.get("title", ""), descriptor.get("description", "")
    summary = BookTable(tables_frame(data), widths=[0.14, 0.18, 0.08, 0.60])
    html_parts = [
        _stylesheet(), '<div class="mibook-dictionary">',
        f'<p class="mibook-dictionary-package"><strong>{_e(title)}</strong>. {_e(description)}</p>',
        _summary_html(_with_class(summary.html(), "mibook-dictionary-summary")),
    ]
    markdown_parts = [f"**{_m(title)}**\\. {_m(description)}", summary.markdown()]
    for resource in data.package.resources.values():
        keys = [("File", resource.path), ("Rows", str(len(data[resource.name]))),
                ("Primary key", ", ".join(resource.primary_key) or "none"),
                ("Foreign keys", "; ".join(foreign_key_text(resource)) or "none")]
        table = BookTable(field_frame(resource), widths=FIELD_WIDTHS)
        html_parts.append(
            f'<section class="mibook-dictionary-table" id="table-{_e(resource.name)}">'
            f"<h3>{_e(resource.title)} <code>{_e(resource.name)}</code></h3>"
            f"<p>{_e(resource.description)}</p>"
            '<dl class="mibook-dictionary-keys">'
            + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v) if v == 'none' else f'<code>{_e(v)}</code>'}</dd>"
                      for k, v in keys)
            + "</dl>" + _with_class(table.html(), "mibook-dictionary-fields") + "</section>"
        )
        markdown_parts += [
            f"**{_m(resource.title)} \\({_m(resource.name)}\\)**\\. {_m(resource.description)}",
            "\n".join(f"- {_m(k)}: {_m(v)}" for k, v in keys),
            table.markdown(),
        ]
    html_parts.append("</div>")
    plain = "\n".join(f"{r.name}: {', '.join(r.field_names)}" for r in data.package.resources.values())
    return Markup("".join(html_parts), "\n\n".join(markdown_parts), plain)


def _with_class(table_html: str, name: str) -> str:
    """The table's class list with `name` added (whatever other classes it has: a table of prose is also
    `mibook-cards`)."""
    return re.sub(r'<table class="mibook-table(?=[" ])', f'<table class="mibook-table {name}', table_html, count=1)


def _summary_html(table_html: str) -> str:
    # Link each table name to its section below.
    return re.sub(r'<tr><td data-label="Table">([a-z0-9_-]+)</td>',
                  r'<tr><td data-label="Table"><a href="#table-\1">\1</a></td>', table_html)


# --- claims ledger --------------------------------------------------------------------------------

LEDGER_WIDTHS = [0.16, 0.04, 0.12, 0.11, 0.10, 0.47]  # print: a column each (Claim, ¶, Theme, Type, Speaker, Quote)
# The web: the quote gets the room; theme, type and speaker sit under the claim id (each still sortable).
LEDGER_WEB_COLUMNS, LEDGER_WEB_WIDTHS = ["Claim", "¶", "Quote"], [0.28, 0.07, 0.65]


def article_order(claims: pd.DataFrame, paragraphs) -> pd.DataFrame:
    """Claims sorted as they occur in the article: by ¶, then by where the quote starts in it."""
    texts = {p.number: article.normalise(p.text) for p in paragraphs}
    position = [
        texts.get(int(c.paragraph), "").find(article.normalise(str(c.quote))) for c in claims.itertuples()
    ]
    ordered = claims.assign(_position=position, _row=range(len(claims)))
    return ordered.sort_values(["paragraph", "_position", "_row"]).drop(columns=["_position", "_row"])


class ClaimsLedger:
    """Every claim as a sortable, filterable HTML table (with local JavaScript) and a LaTeX longtable."""

    def __init__(self, claims: pd.DataFrame, paragraphs=(), checks: dict | None = None):
        self.claims = (article_order(claims, paragraphs) if paragraphs else claims).reset_index(drop=True)
        self.checks = checks or {}

    def frame(self) -> pd.DataFrame:
        c = self.claims
        return pd.DataFrame({
            "Claim": c.claim_id.astype(str), "¶": c.paragraph.astype(int), "Theme": c.theme.astype(str),
            "Type": c.claim_type.astype(str).str.capitalize(), "Speaker": c.speaker.astype(str).map(speaker_name),
            "Quote": c.quote.astype(str),
        })

    def themes(self) -> list[str]:
        present = list(dict.fromkeys(self.claims.theme.astype(str)))
        if isinstance(self.claims.theme.dtype, pd.CategoricalDtype):
            return [str(t) for t in self.claims.theme.cat.categories if str(t) in present]
        return present

    def html(self) -> str:
        frame = self.frame()
        counts = frame.Theme.value_counts()
        options = "".join(
            f'<option value="{_e(t)}">{_e(THEME_LABELS.get(t, t))} ({counts[t]})</option>'
            for t in self.themes()
        )
        prose = prose_columns(frame)
        rows = []
        for order, (claim, number, theme, kind, speaker, quote) in enumerate(frame.itertuples(index=False)):
            cid = _e(claim)
            about = "".join(f'<span class="mibook-about-{key}" data-sort-by="{key}">{_e(value)}</span>'
                            for key, value in (("theme", THEME_LABELS.get(theme, theme)), ("type", kind),
                                               ("speaker", speaker)))
            cells = [
                table_cell("Claim", f'<a class="claim-self mibook-id" href="#{cid}" data-sort-by="claim">{cid}</a>'
                           f'<span class="mibook-ledger-about">{about}</span>'
                           f"{check_links(self.checks.get(claim, []))}", False),
                table_cell("¶", f'<a href="{SOURCE_PAGE}#p-{int(number)}" data-sort-by="paragraph" '
                           f'data-sort="{order:04d}">¶{int(number)}</a>', False),
                table_cell("Quote", _e(quote), "Quote" in prose),
            ]
            rows.append((f' id="{cid}" data-theme="{_e(theme)}" data-mibook-item=""', cells))
        head = [sort_button("claim", "Claim"), sort_button("paragraph", "¶"), "Quote"]
        sorts = sort_bar([(key, key) for key in ("theme", "type", "speaker")])
        table = table_html(LEDGER_WEB_COLUMNS, LEDGER_WEB_WIDTHS, prose, rows, head, " mibook-ledger-table")
        return filterable(scroll_box(table, "Claims ledger"), len(rows), options, "words, claim id, speaker…", "claim",
                          sorts)

    def markdown(self) -> str:
        frame = self.frame().assign(Theme=lambda f: f.Theme.map(lambda t: THEME_LABELS.get(t, t)))
        return BookTable(frame, widths=LEDGER_WIDTHS).markdown()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/markdown": self.markdown(),
                "text/plain": f"<claims ledger: {len(self.claims)} claims>"}


def claims_ledger(data: load.Tables | Path | str | None = None) -> ClaimsLedger:
    data = _tables(data)
    return ClaimsLedger(data["claims"], data.paragraphs, checks_by_claim(data))


# --- the source article ---------------------------------------------------------------------------


def byline(text: str) -> str:
    """The article's byline block ('By …'), or '' if it has none."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return next((b for b in blocks[1:] if b.startswith("By ")), "")


class SourceText:
    """The article, paragraph by paragraph (¶n anchored as `p-n`), each listing and linking its claims."""

    def __init__(self, title: str, byline: str, paragraphs, claims: pd.DataFrame, checks: dict | None = None):
        self.title, self.byline, self.paragraphs = title, byline, tuple(paragraphs)
        self.checks = checks or {}
        self.claims = article_order(claims, self.paragraphs).reset_index(drop=True)

    def _claims_of(self, number: int) -> pd.DataFrame:
        return self.claims[self.claims.paragraph.astype(int) == number]

    def html(self) -> str:
        out = [_stylesheet(), '<div class="mibook-source">',
               f'<p class="mibook-source-title">{_e(self.title)}</p>',
               f'<p class="mibook-source-byline">{_e(self.byline)}</p>']
        for p in self.paragraphs:
            claims = self._claims_of(p.number)
            kind = "Author note" if p.kind == "author-note" else ""
            items = "".join(
                f'<li><a href="{LEDGER_PAGE}#{_e(c.claim_id)}">{_e(c.claim_id)}</a> '
                f'<span class="mibook-source-meta">({_e(c.claim_type)}; {_e(speaker_name(c.speaker))})</span> '
                f"{_e(c.summary)}{check_links(self.checks.get(c.claim_id, []))}</li>"
                for c in claims.itertuples()
            )
            listing = (
                f'<ul class="mibook-source-claims" aria-label="Claims from ¶{p.number}">{items}</ul>' if items
                else '<p class="mibook-source-claims">No claims are taken from this paragraph.</p>'
            )
            out.append(
                f'<div class="mibook-source-paragraph" id="p-{p.number}" data-kind="{_e(p.kind)}">'
                f'<a class="mibook-source-number" href="#p-{p.number}">¶{p.number}</a>'
                + (f' <span class="mibook-source-kind">{kind}</span>' if kind else "")
                + f'<p class="mibook-source-text">{_e(p.text)}</p>'
                f"<details{' open' if items else ''}><summary>{len(claims)} claim"
                f"{'' if len(claims) == 1 else 's'}</summary>{listing}</details></div>"
            )
        out.append("</div>")
        return "".join(out)

    def markdown(self) -> str:
        out = [f"**{_m(self.title)}**", f"*{_m(self.byline)}*"]
        for p in self.paragraphs:  # print: the quotes with their ¶, no claim ids (no ledger on paper)
            kind = " \\(author note\\)" if p.kind == "author-note" else ""
            out.append(f"**¶{p.number}**{kind} {_m(p.text)}")
        return "\n\n".join(out)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/markdown": self.markdown(),
                "text/plain": f"<source article: {len(self.paragraphs)} paragraphs>"}


def source_text(data: load.Tables | Path | str | None = None) -> SourceText:
    data = _tables(data)
    text = (data.package.data_dir / ARTICLE_PATH).read_text(encoding="utf-8")
    return SourceText(article.title(text), byline(text), data.paragraphs, data["claims"], checks_by_claim(data))


# --- method page ----------------------------------------------------------------------------------


def numbering(data: load.Tables | Path | str | None = None) -> dict:
    """Paragraph numbering facts for the method page's prose (display-ready)."""
    data = _tables(data)
    body = [p.number for p in data.paragraphs if p.kind == "body"]
    notes = [p.number for p in data.paragraphs if p.kind != "body"]
    claims = data["claims"]
    return {
        "first_body": f"¶{min(body)}", "last_body": f"¶{max(body)}",
        "author_note": ", ".join(f"¶{n}" for n in notes) or "none",
        "claims_total": len(claims), "claims_with_note": int(claims.note.notna().sum()),
        "tables_total": len(data.frames),
    }


def date_rules(data: load.Tables | Path | str | None = None) -> BookTable:
    """How each dated event's wording became a date range (from `events.csv`)."""
    events = _tables(data)["events"].sort_values(["date_start", "event_id"], na_position="last")

    def day(value) -> str:
        return "" if pd.isna(value) else value.strftime("%Y-%m-%d")

    frame = pd.DataFrame({
        "The article says": events.date_label.astype(str), "Precision": events.date_precision.astype(str),
        "From": events.date_start.map(day), "To": events.date_end.map(day),
        "Events": events.event_id.astype(str),
    })
    keys = ["The article says", "Precision", "From", "To"]
    frame = frame.groupby(keys, sort=False)["Events"].agg(", ".join).reset_index()
    return BookTable(frame, widths=[0.26, 0.16, 0.14, 0.14, 0.30])


def versions(packages=VERSIONED) -> BookTable:
    """The versions this build ran with, read at build time (never typed)."""
    rows = [("Python", platform.python_version())]
    for name in packages:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    return BookTable(pd.DataFrame(rows, columns=["Package", "Version"]), widths=[0.5, 0.5])


def chapter_pages(root: Path | None = None, appendices: bool = False) -> list[tuple[str, str]]:
    """(docname, title) of each notebook chapter in `_toc.yml`, in book order (appendices only if asked)."""
    root = Path(root) if root else paths.PROJECT_ROOT
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    out = []
    for part in toc.get("parts", []):
        for entry in part.get("chapters", []):
            doc = entry["file"]
            if doc.startswith("chapters/appendix/") and not appendices:
                continue
            source = root / f"{doc}.md"
            text = source.read_text(encoding="utf-8") if source.is_file() else ""
            if "kernelspec:" not in text:
                continue
            heading = re.search(r"^# (.+)$", text, flags=re.M)
            out.append((doc, heading.group(1).strip() if heading else doc))
    return out


def downloads(root: Path | None = None) -> Markup:
    """Links to the data package (zip) and each chapter's executed notebook."""
    pages = chapter_pages(root)
    items = "".join(
        f'<li><a href="../../_sources/{_e(doc)}.ipynb" download="">{_e(Path(doc).name)}.ipynb</a> '
        f"— {_e(title)}</li>"
        for doc, title in pages
    )
    html_text = (
        '<ul class="mibook-downloads">'
        f'<li><a href="{DATA_ZIP_URL}" download="">{DATA_ZIP}</a> — the data package: every CSV table, '
        "<code>datapackage.json</code>, the data README and the article text</li>"
        f'<li><a href="{KIT_ZIP_URL}" download="">{KIT_ZIP}</a> — the reproduction kit: every '
        "notebook, the package, the data and exact requirements, with a README</li></ul>"
        "<p>Executed notebooks (code, outputs and prose; open them with Jupyter):</p>"
        f'<ul class="mibook-downloads">{items}</ul>'
    )
    notebooks = ", ".join(f"{_m(Path(doc).name)}\\.ipynb" for doc, _ in pages)
    markdown_text = (
        f"The book's website offers {_m(DATA_ZIP)} \\(every CSV table, datapackage\\.json, the data README and "
        f"the article text\\), {_m(KIT_ZIP)} \\(every notebook, the package, the data and exact requirements\\) "
        f"and each chapter's executed notebook \\({notebooks}\\)\\."
    )
    return Markup(html_text, markdown_text, "downloads")


# --- the data download ----------------------------------------------------------------------------


def data_files(data_dir: Path | None = None) -> list[Path]:
    """The files of the data package, relative to its folder, sorted: the schema, the README, every
    table and the sources the schema names; only files that really lie inside the folder (validation
    refuses schema paths that leave it; a README linked from elsewhere is left out)."""
    folder = Path(data_dir) if data_dir else paths.data_dir()
    package = load.tables(folder).package
    names = {PACKAGE_FILE, "README.md", *package.named_paths}
    return sorted(Path(n) for n in names if escape_reason(folder, n) is None and (folder / n).is_file())


def write_data_zip(target: Path, data_dir: Path | None = None) -> Path:
    """Write the data package as a zip (same data, same bytes), its files under `moscow-islamabad-data/`.

    Only validated data are packed.
    """
    folder = Path(data_dir) if data_dir else paths.data_dir()
    names = data_files(folder)  # validates first: invalid data leave no zip behind
    return write_zip(target, Path(DATA_ZIP).stem, {n.as_posix(): (folder / n).read_bytes() for n in names})


def write_zip(target: Path, prefix: str, files: dict[str, bytes], comment: str = "") -> Path:
    """A reproducible zip: entries sorted, under `prefix/`, with a fixed timestamp and permissions."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        archive.comment = comment.encode("ascii")
        for name, content in sorted(files.items()):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, content, compresslevel=9)
    return target


# --- pages generated without a kernel -------------------------------------------------------------

def context_sources(data: load.Tables | Path | str | None = None) -> Markup:
    """The outside sources of the checks, for the references page (generated by mibook.context)."""
    return context.sources_list(_tables(data))


GENERATED = {"data-dictionary": data_dictionary, "claims-ledger": claims_ledger, "source-text": source_text,
             "versions": versions, "context-sources": context_sources, "downloads": downloads}


def facts(data: load.Tables | Path | str | None = None) -> dict[str, str]:
    """The numbers and names the appendix prose quotes, as display text."""
    return {name: str(value) for name, value in {**numbering(data), **attribution()}.items()}
