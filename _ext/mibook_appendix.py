"""Appendix pages generated at build time without a kernel (Sphinx plumbing only; content: `mibook.appendix`).

    ```{mibook-generated} claims-ledger
    ```
inserts `appendix.GENERATED["claims-ledger"]()`: its HTML for the web, its MyST markdown (parsed
here) for LaTeX. The role {mibook-fact}`claims_total` inserts one of `appendix.facts()`.
A page using either records what it read of the data (`mibook.load.reads()`) and is read again when
one of those reads changed; a page with the versions table when an installed version changes, and one
with the downloads list (which names each chapter by its title) when a chapter's source changes. (An edit
to the bibliography clears every page: `mibook.cacheguard`.)
"""

import hashlib
import sys
from contextlib import contextmanager

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

VERSIONS = "versions"
DOWNLOADS = "downloads"
SOURCE_TEXT = "source-text"


class GeneratedDirective(SphinxDirective):
    """`{mibook-generated} NAME`: one of the appendix generators, for every builder."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from mibook import appendix, paths

        name = self.arguments[0]
        if name not in appendix.GENERATED:
            raise self.error(f"unknown generated table {name!r}; one of: {', '.join(appendix.GENERATED)}")
        if name == VERSIONS:
            self.env.mibook_versions_pages = getattr(self.env, "mibook_versions_pages", set()) | {self.env.docname}
        if name == DOWNLOADS:  # it names each chapter by its title: read again when a chapter changes
            for doc, _ in appendix.chapter_pages():
                self.env.note_dependency(str(paths.PROJECT_ROOT / f"{doc}.md"))
        with _noting_reads(self.env):
            page = appendix.GENERATED[name]()
            web = addnodes.only(expr="format_html")
            web += nodes.raw("", page.html(), format="html")
            markdown = page.markdown()
        printed = addnodes.only(expr="format_latex")
        if name == SOURCE_TEXT:  # the article's title and byline never close a page without its first paragraph
            printed += nodes.raw("", r"\Needspace{10\baselineskip}", format="latex")
        self.state.nested_parse(StringList(markdown.splitlines()), self.content_offset, printed)
        for listing in printed.findall(nodes.bullet_list):
            listing["classes"].append(f"mibook-{name}")  # the print edition may set a list its own way
        return [web, printed]


class FactRole(SphinxRole):
    """`{mibook-fact}`NAME``: a number or name from `appendix.facts()`, as plain text."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from mibook import appendix

        with _noting_reads(self.env):
            facts = appendix.facts()
        if self.text not in facts:
            message = self.inliner.reporter.error(f"unknown fact {self.text!r}; one of: {', '.join(facts)}",
                                                  line=self.lineno)
            return [], [message]
        return [nodes.Text(facts[self.text])], []


@contextmanager
def _noting_reads(env):
    """Add what the block reads of the data (key -> fingerprint) to the page's record."""
    from mibook import load

    load.forget_reads()
    try:
        yield
    finally:
        reads = getattr(env, "mibook_data_reads", {})
        reads[env.docname] = {**reads.get(env.docname, {}), **load.reads()}
        env.mibook_data_reads = reads


def _reads_changed(env) -> list[str]:
    """The generated pages whose recorded reads differ from the data in use (a table edited, renamed or
    removed, the article edited, the data folder switched)."""
    from mibook import datafiles, paths

    current = datafiles.input_fingerprints(paths.data_dir())
    return sorted(doc for doc, reads in getattr(env, "mibook_data_reads", {}).items()
                  if any(current.get(key) != value for key, value in reads.items()))


def versions_fingerprint() -> str:
    """Python's version and every installed distribution's name and version (its metadata folder's name):
    cheap enough for every build, unlike importing the package that draws the table."""
    from mibook import paths

    return hashlib.sha256("\n".join([sys.version, *paths.installed_distributions()]).encode()).hexdigest()


def _versions_changed(env) -> list[str]:
    """The pages with the versions table, when an installed version differs from last build."""
    current = versions_fingerprint()
    stale = getattr(env, "mibook_versions", current) != current
    env.mibook_versions = current
    return sorted(getattr(env, "mibook_versions_pages", set())) if stale else []


def _outdated(app, env, added, changed, removed) -> list[str]:
    return sorted({*_versions_changed(env), *_reads_changed(env)})


def _purge(app, env, docname) -> None:
    getattr(env, "mibook_versions_pages", set()).discard(docname)
    getattr(env, "mibook_data_reads", {}).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    env.mibook_versions_pages = getattr(env, "mibook_versions_pages", set()) | (
        getattr(other, "mibook_versions_pages", set()) & set(docnames))
    theirs = getattr(other, "mibook_data_reads", {})
    env.mibook_data_reads = {**getattr(env, "mibook_data_reads", {}),
                             **{doc: theirs[doc] for doc in docnames if doc in theirs}}


def setup(app):
    app.add_directive("mibook-generated", GeneratedDirective)
    app.add_role("mibook-fact", FactRole())
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
