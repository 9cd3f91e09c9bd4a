"""A tiny Sphinx project in a temporary folder, to test one of the book's extensions in a second or two (the
book takes minutes): the pages written from a dict, only the extensions named loaded, the output read back."""

import re
import sys
from pathlib import Path

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from mibook import paths

sys.path.insert(0, str(paths.PROJECT_ROOT / "_ext"))  # the book's extensions, as `local_extensions` loads them


def write_pages(srcdir: Path, pages: dict[str, str], conf: str) -> None:
    """`conf.py` and each page (docname -> MyST markdown) under `srcdir`."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    for docname, text in pages.items():
        path = srcdir / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build(srcdir: Path, builder: str = "html", builddir: Path | None = None,
          **options) -> tuple[SphinxTestApp, list[str]]:
    """Build `srcdir` (again, when built before: an incremental build) with `builder` into `builddir` (by
    default `_build` beside `srcdir`); the app and the names of the pages it read."""
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir or srcdir.parent / "_build", **options)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, sorted(read)


def warnings(app: SphinxTestApp) -> list[str]:
    """The build's warnings and errors, one a line, colour codes removed."""
    return strip_colors(app.warning.getvalue()).splitlines()


def body(app: SphinxTestApp, docname: str) -> str:
    """A built page's article text (the HTML between the theme's body markers)."""
    page = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    return re.search(r'<div class="body" role="main">(.*?)\n          </div>', page, re.S)[1]
