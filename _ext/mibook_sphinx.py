"""Local Sphinx extension: serve the Vega JavaScript offline, and only on pages with charts.

The bundle from `vl_convert.javascript_bundle()` declares top-level names (e.g. `_`) that clash
with Sphinx's own scripts, so it is written wrapped in a function scope; it publishes
`window.vegaEmbed`, which `mibook-charts.js` uses to upgrade each static chart.
"""

from pathlib import Path

import vl_convert

STATIC = Path(__file__).parent / "static"
BUNDLE = "vega-bundle.js"
CHART_MARKER = "data-chart-id="


def wrapped_bundle() -> str:
    return "/* Vega, Vega-Lite and vega-embed, from vl-convert; scoped. */\n(function () {\n" + (
        vl_convert.javascript_bundle() + "\n}).call(window);\n"
    )


def _add_static_path(app, config) -> None:
    config.html_static_path.append(str(STATIC))


def _page_scripts(app, pagename, templatename, context, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file(BUNDLE)
        app.add_js_file("mibook-charts.js")


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
        css for css in context.get("css_files", []) if not _is_remote(str(css.filename)) and "thebe" not in str(css.filename)
    ]


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _write_bundle(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE
    content = wrapped_bundle()
    if not target.is_file() or target.read_text(encoding="utf-8") != content:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _add_static_path)
    app.connect("html-page-context", _page_scripts)
    app.connect("html-page-context", _offline_assets, priority=900)
    app.connect("build-finished", _write_bundle)
    app.add_css_file("mibook.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
