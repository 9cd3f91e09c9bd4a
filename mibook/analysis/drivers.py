"""The title question weighed: the regional changes the article says draw Russia and Pakistan together,
each set against the article's own evidence, the record (context) and our reading."""

import html

import pandas as pd

from mibook.analysis.common import pilcrow, with_evidence
from mibook.context import VERDICT_MARKS, checks_sources
from mibook.labels import THEME_LABELS
from mibook.pages import CHECKS_PAGE, Markup, listed
from mibook.tables import markdown_escape

# What the record shows of each change, in the words the page uses: how far it bears the article out.
RECORD_WORDS = {"not checked": "not checked", "no record found": "no record found",
                "does not show it": "not supported", "partly": "partly consistent",
                "bears it out": "consistent"}  # in the checks' own verdict words
# Our reading, in plain words, named by what the record shows: the two governments taking a shared position on
# the change itself, or an outside report linking the change to their coming together. A forum or offer Russia
# extends to India alike is a small step towards Pakistan after decades of strain, not alignment (that test comes
# first: such a forum or offer is never a shared position); a change that only coincides with a step is none. The
# article's limit is read as the record bears it out.
PULL_WORDS = {"pulls closer": "Aligned them",
              "pulls closer, weakly": "Possibly; one report says so",
              "offered India alike": "Small step, offered to India too",
              "not shown": "No step towards Pakistan", "holds apart": "A limit on how close"}
PULLS_CLOSER = ("pulls closer", "pulls closer, weakly")
OFFERED_ALIKE = "offered India alike"
NOT_SHOWN = "not shown"
# The drivers ranked by size: by our reading, strongest pull first and the brake last, then by how far the
# record bears the article out, then in the article's order.
PULL_RANK = ["pulls closer", "pulls closer, weakly", OFFERED_ALIKE, NOT_SHOWN, "holds apart"]
RECORD_RANK = ["bears it out", "partly", "does not show it", "no record found", "not checked"]
HOLDS_APART = "holds apart"  # the brake: a change the article names that limits the pull
CHECKS_HREF = f"appendix/{CHECKS_PAGE}"


def drivers_frame(tables) -> pd.DataFrame:
    """The drivers ranked by size (PULL_RANK, then RECORD_RANK, then the article's order), with their claim's
    ¶ and quote."""
    frame = with_evidence(tables["drivers"], tables["claims"]).astype(
        {"article_evidence": str, "record_support": str, "pull": str})
    rank = frame.assign(_pull=frame.pull.map(PULL_RANK.index), _record=frame.record_support.map(RECORD_RANK.index))
    return rank.sort_values(["_pull", "_record", "listed_order"]).drop(columns=["_pull", "_record"]).reset_index(
        drop=True)


def at_a_glance(tables) -> pd.DataFrame:
    """One row per driver: what the record shows (context), our reading and the paragraphs it stands in (the
    cards below give the article's evidence in its words)."""
    frame = drivers_frame(tables)
    return pd.DataFrame({
        "Regional change": frame.label,
        "Its claim, on the record": frame.record_support.map(RECORD_WORDS),
        "Our reading": frame.pull.map(PULL_WORDS),
        "¶": [paragraphs(tables["claims"], row) for row in frame.itertuples()],
    })


def paragraphs(claims: pd.DataFrame, driver) -> str:
    """Every paragraph the article argues a driver in, its claim's and its further claims', in article order:
    "¶3, ¶8" (the evidence the article offers may stand in another paragraph than the claim)."""
    ids = [driver.claim_id, *([] if pd.isna(driver.also_claims) else str(driver.also_claims).split(";"))]
    found = claims.set_index("claim_id").paragraph.reindex(ids)
    return ", ".join(pilcrow(p) for p in sorted(set(found.dropna().astype(int))))


def _check_links(tables, check_ids: list[str], checks_href: str) -> tuple[str, str]:
    """Each check's verdict, linked to it on the checks page, then the checks' sources: ('checks: ◐ partly
    consistent, ● consistent; sources: Dawn, …', the print markdown); ('', '') for none."""
    if not check_ids:
        return "", ""
    sources_html, sources_md = checks_sources(tables, check_ids)
    checks = tables["checks"].set_index("check_id")
    verdict, checked = checks.verdict.astype(str), checks.checked
    noun = "check" if len(check_ids) == 1 else "checks"
    linked = ", ".join(f'<a href="{html.escape(f"{checks_href}#{c}", quote=True)}" '
                       f'title="{html.escape(checked[c], quote=True)}">'
                       f"{VERDICT_MARKS[verdict[c]]} {html.escape(verdict[c])}</a>" for c in check_ids)
    words = markdown_escape(f"{noun}: {', '.join(verdict[c] for c in check_ids)}")
    if not sources_html:
        return f"{noun}: {linked}", words
    return (f'{noun}: {linked}; <span class="mibook-context-sources">sources: {sources_html}</span>',
            f"{words}; sources: {sources_md}")


def _home(theme) -> tuple[str, str]:
    """Where a driver's record is set out in full: (HTML link, print markdown), or ('', '') when this page is it."""
    if pd.isna(theme):
        return "", ""
    label = THEME_LABELS[theme]
    link = f'in full in <a href="{html.escape(theme)}.html">{html.escape(label)}</a>'
    return link, markdown_escape(f"in full in {label}")


def weighed(tables, checks_href: str = CHECKS_HREF) -> Markup:
    """Each driver in turn: what the article claims, the evidence it offers, what the record shows (set
    apart as context, with a link to the chapter that sets it out in full, if one does) and our reading: its
    reasons, since the table above gives its verdict. HTML for the web, MyST markdown for print."""
    parts_html, parts_md = [], []
    for row in drivers_frame(tables).itertuples():
        ref = paragraphs(tables["claims"], row)
        record = "Not checked against the record." if pd.isna(row.record_note) else row.record_note
        checks = [] if pd.isna(row.check_ids) else row.check_ids.split(";")
        home_html, home_md = _home(row.record_home)
        # a chapter that sets the record out in full shows its checks; otherwise this card is their home
        checks_html, checks_md = _check_links(tables, checks, checks_href) if pd.isna(row.record_home) else ("", "")
        refs_html = "; ".join(r for r in (checks_html, home_html) if r)
        refs_md = "; ".join(r for r in (checks_md, home_md) if r)
        parts_html.append(
            f'<section class="mibook-driver" id="{row.driver_id}"><h3>{html.escape(row.label)}</h3><dl>'
            f"<dt>The article</dt><dd>{html.escape(row.claim.rstrip('.'))} ({ref}).</dd>"
            f'<dt>The record</dt><dd class="mibook-context">{html.escape(record)}'
            f"{f' ({refs_html})' if refs_html else ''}</dd>"
            f"<dt>Our reading</dt><dd>{html.escape(row.reading)}</dd></dl></section>")
        parts_md.append("\n".join([
            f"**{markdown_escape(row.label)}.** *The article:* {markdown_escape(row.claim.rstrip('.'))} ({ref}). "
            f"*The record:* {markdown_escape(record)}{f' ({refs_md}.)' if refs_md else ''} "
            f"*Our reading:* {markdown_escape(row.reading)}", ""]))
    body_html = f'<div class="mibook-drivers">{"".join(parts_html)}</div>'
    return Markup(body_html, "\n".join(parts_md), plain=f"<{len(parts_html)} drivers>")


def _in_sentence(label: str) -> str:
    """A driver's label inside a sentence: 'The Afghan endgame' -> 'the Afghan endgame'."""
    first, _, rest = label.partition(" ")
    return f"{first.lower()} {rest}" if first in ("A", "An", "The") else label


def named(tables, column: str, values: tuple[str, ...]) -> str:
    """The drivers whose `column` is one of `values`, named as prose: 'a receding United States, … and …'."""
    frame = drivers_frame(tables)
    return listed(_in_sentence(label) for label in frame[frame[column].isin(values)].label)
