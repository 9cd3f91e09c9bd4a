"""Reading aids on every HTML page: the tables' stylesheet, and the article's evidence one hover away.

Every "¶N" on a page (N a body paragraph of the article, `mibook.article`) becomes a link to ¶N on the
source page: in prose (doctree text, including "¶" followed by a glued number) and in generated HTML
(notebook outputs, appendix tables). HTML builders only, so LaTeX keeps the plain text. Each page then
carries the paragraphs and claims its links point to as JSON (`#mibook-evidence`), which
`mibook-evidence.js` shows in a popover on hover, keyboard focus and tap.
"""

import functools
import html
import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

SOURCE_DOC = "chapters/appendix/source"
PILCROW = re.compile(r"¶(\d+)")
# Raw HTML split into what may not be touched (comments, scripts, styles, SVG, tags) and text between.
_HTML_PARTS = re.compile(r"(<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|<svg\b.*?</svg>|<[^>]*>)",
                         re.S | re.I)
_SKIP_TAGS = ("a", "button", "code", "pre", "textarea", "option", "title")
_SOURCE_LINK = re.compile(r'href="([^"#]*source\.html)#p-(\d+)"')
_CLAIM_LINK = re.compile(r'href="[^"#]*claims-ledger\.html#([^"]+)"')


@functools.cache
def evidence() -> tuple[dict[int, str], dict[str, tuple[int, str]]]:
    """The article's body paragraphs (number -> text) and every claim (id -> (¶, quote))."""
    from mibook import load

    data = load.tables()
    paragraphs = {p.number: p.text for p in data.paragraphs if p.kind == "body"}
    claims = {str(c.claim_id): (int(c.paragraph), str(c.quote)) for c in data["claims"].itertuples()}
    return paragraphs, claims


def link_html(text: str, source_uri: str) -> str:
    """Escaped HTML text with each "¶N" of a body paragraph made a link to it."""
    body = evidence()[0]
    return PILCROW.sub(lambda m: (f'<a class="mibook-pref" href="{source_uri}#p-{m[1]}">{m[0]}</a>'
                                  if int(m[1]) in body else m[0]), text)


def link_raw_html(markup: str, source_uri: str) -> str:
    """`markup` with "¶N" in its text linked, outside links, buttons, code, scripts and drawings."""
    out, skipping = [], 0
    for part in _HTML_PARTS.split(markup):
        tag = re.match(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)", part)
        if tag and tag[2].lower() in _SKIP_TAGS:
            skipping = max(0, skipping + (-1 if tag[1] else 1))
        elif not part.startswith("<") and not skipping and "¶" in part:
            part = link_html(part, source_uri)
        out.append(part)
    return "".join(out)


class EvidenceLinks(SphinxPostTransform):
    """Link each "¶N" of a page to the source page's ¶N (not on the source page itself)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        docname = self.env.path2doc(self.document["source"])
        if docname is None or docname == SOURCE_DOC:
            return
        uri = self.app.builder.get_relative_uri(docname, SOURCE_DOC)
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split():
                raw.replace(raw.children[0], nodes.Text(link_raw_html(raw.astext(), uri)))
        for text in list(self.document.findall(nodes.Text)):
            if "¶" in text and not _in_link_or_code(text):
                self._link(text, uri)

    @staticmethod
    def _link(text: nodes.Text, uri: str) -> None:
        body, parent = evidence()[0], text.parent
        at = next(i for i, child in enumerate(parent.children) if child is text)  # Text compares as str
        source = str(text)
        after = parent[at + 1] if source.endswith("¶") and at + 1 < len(parent) else None
        pieces: list[nodes.Node] = []
        if after is not None and re.fullmatch(r"\d+", after.astext()) and int(after.astext()) in body:
            # "¶{glue:text}`name`": the ¶ is text, its number a glued node beside it.
            parent.pop(at + 1)
            link = nodes.reference("", "", nodes.Text("¶"), refuri=f"{uri}#p-{after.astext()}",
                                   classes=["mibook-pref"])
            link += after
            source, pieces = source[:-1], [link]
        last, linked = 0, []
        for match in PILCROW.finditer(source):
            if int(match[1]) in body:
                linked += [nodes.Text(source[last:match.start()]),
                           nodes.reference("", match[0], refuri=f"{uri}#p-{match[1]}", classes=["mibook-pref"])]
                last = match.end()
        if not linked and not pieces:
            return
        parent.pop(at)
        for offset, piece in enumerate(n for n in [*linked, nodes.Text(source[last:]), *pieces]
                                       if not isinstance(n, nodes.Text) or str(n)):
            parent.insert(at + offset, piece)


def _in_link_or_code(node: nodes.Node) -> bool:
    skip = (nodes.reference, nodes.literal, nodes.literal_block, nodes.raw, nodes.title, nodes.FixedTextElement)
    return any(isinstance(a, skip) for a in _ancestors(node))


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _page_evidence(app, pagename, templatename, context, doctree) -> None:
    """Append the paragraphs and claims the page links to, as JSON for mibook-evidence.js."""
    body_html = context.get("body", "")
    paragraphs, claims = evidence()
    numbers = {int(n) for _, n in _SOURCE_LINK.findall(body_html)}
    ids = {html.unescape(i) for i in _CLAIM_LINK.findall(body_html)} & claims.keys()
    if pagename == SOURCE_DOC or not (numbers or ids):
        return
    numbers |= {claims[i][0] for i in ids}
    data = {"source": app.builder.get_relative_uri(pagename, SOURCE_DOC),
            "paragraphs": {str(n): paragraphs[n] for n in sorted(numbers) if n in paragraphs},
            "claims": {i: {"paragraph": claims[i][0], "quote": claims[i][1]} for i in sorted(ids)}}
    from mibook.web import script_json

    context["body"] = body_html + (f'<script type="application/json" id="mibook-evidence">{script_json(data)}'
                                   "</script>")


def setup(app):
    app.add_post_transform(EvidenceLinks)
    app.connect("html-page-context", _page_evidence)
    app.add_css_file("mibook-tables.css")
    app.add_css_file("mibook-evidence.css")
    app.add_js_file("mibook-evidence.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
