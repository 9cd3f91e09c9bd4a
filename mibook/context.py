"""What the record shows: the article's checkable claims set against contemporary sources.

Outside facts enter the book only here, from the `checks` and `sources` tables, and are always shown
as context, apart from the article's own analysis. Pure functions over `load.Tables`.
"""

import html
import re
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from mibook.analysis.common import evidence_table
from mibook.labels import THEME_LABELS
from mibook.pages import CHECKS_PAGE, LEDGER_PAGE, Markup, filterable, listed, sort_bar
from mibook.tables import BookTable, markdown_escape
from mibook.validate import NO_RECORD, NOT_SUPPORTED, SOURCE_ARTICLE, UNDATED

CHECKABLE_TYPES = ("figure", "event")  # claim types that every check campaign must cover
SECTION_TITLE = "What the record shows"
# Web only (print spells the verdict out): a mark per verdict, so a list reads without colour.
VERDICT_MARKS = {"consistent": "●", "partly consistent": "◐", "inconsistent": "○", NOT_SUPPORTED: "◌",
                 NO_RECORD: "–"}
NO_SOURCE = "none found"  # a check whose only source is the article itself (verdict "no record found")


def verdicts(tables) -> list[str]:
    """The verdict vocabulary, in schema order."""
    return [str(v) for v in tables["checks"].verdict.cat.categories]


def checks_frame(tables) -> pd.DataFrame:
    """Every check joined to its claim (theme, ¶, quote), in theme order then check id."""
    claims = tables["claims"][["claim_id", "theme", "paragraph", "quote", "claim_type", "summary"]]
    frame = tables["checks"].merge(claims, on="claim_id", how="left", validate="many_to_one")
    order = {t: i for i, t in enumerate(tables["claims"].theme.cat.categories)}
    frame = frame.assign(_order=frame.theme.astype(str).map(order))
    return frame.sort_values(["_order", "check_id"]).drop(columns="_order").reset_index(drop=True)


def sources_of(tables, source_ids: str) -> pd.DataFrame:
    """The outside sources a check names (its `source_ids`, ';'-separated), in the order named: the article,
    named by a check that found no record, is not one of them."""
    ids = source_ids.split(";")
    sources = tables["sources"].set_index("source_id").loc[ids].reset_index()
    return sources[sources.kind != SOURCE_ARTICLE]


def outside_sources(tables) -> pd.DataFrame:
    """Every outside source (all but the article), as the text cites them ("Dawn, 28 March 2019"): by
    publisher (a leading "The" aside), then oldest first."""
    sources = tables["sources"]
    outside = sources[sources.kind != SOURCE_ARTICLE]
    publisher = outside.publisher.astype(str).str.removeprefix("The ").str.casefold()
    return (outside.assign(_publisher=publisher).sort_values(["_publisher", "date_published", "source_id"])
            .drop(columns="_publisher"))


def source_label(source) -> str:
    """'Dawn, 28 March 2019': publisher and date, as precise as the page gives it ('undated' when it gives none)."""
    if str(source.date_precision) == UNDATED:
        return f"{source.publisher}, undated"
    date = pd.Timestamp(source.date_published)
    formats = {"day": f"{date.day} %B %Y", "month": "%B %Y", "year": "%Y"}
    return f"{source.publisher}, {date.strftime(formats[str(source.date_precision)])}"


def verdict_counts(tables) -> pd.DataFrame:
    """Checks per theme and verdict: every checked theme × every verdict, zeros included."""
    frame = checks_frame(tables)
    themes = [str(t) for t in tables["claims"].theme.cat.categories if t in set(frame.theme.astype(str))]
    grid = pd.MultiIndex.from_product([themes, verdicts(tables)], names=["theme", "verdict"])
    counts = frame.groupby([frame.theme.astype(str), frame.verdict.astype(str)]).size()
    counts.index.names = ["theme", "verdict"]
    return counts.reindex(grid, fill_value=0).rename("checks").reset_index()


def unchecked(tables, types=CHECKABLE_TYPES) -> list[str]:
    """Claims of the checkable types (figures and events) that no check tests."""
    claims = tables["claims"]
    wanted = claims[claims.claim_type.astype(str).isin(types)].claim_id
    return sorted(set(wanted) - set(tables["checks"].claim_id))


def _count(n: int) -> str:
    """0 -> 'none', else the digits."""
    return "none" if n == 0 else str(n)


def count_is(n: int) -> str:
    """'none is', '1 is', '3 are'."""
    return f"{_count(n)} {'are' if n > 1 else 'is'}"


def summary(tables) -> str:
    """How the article's checked claims fared against contemporary sources: the verdict counts, then each
    difference the checks record (their `difference` field, in theme order), never a bare tally."""
    frame = checks_frame(tables)
    totals = frame.verdict.astype(str).value_counts()
    n = int(totals.sum())
    got = {v: int(totals.get(v, 0)) for v in verdicts(tables)}
    differences = [str(d) for d in frame.difference.dropna()]
    details = f"; on details the record {listed(differences, '; ', '; and ')}" if differences else ""
    contradicted = (f"{count_is(got['inconsistent']).capitalize()} contradicted outright" if got["inconsistent"]
                    else "None of the article's main claims is contradicted outright")
    fared = [f"{_count(got['partly consistent'])} partly consistent"]
    if got[NOT_SUPPORTED]:
        fared.append(f"{_count(got[NOT_SUPPORTED])} not borne out by the records we found of the occasion")
    if got[NO_RECORD]:
        fared.append(f"for {_count(got[NO_RECORD])} we found no contemporary record")
    return (
        f"Set against contemporary reports, {_count(got['consistent'])} of the {n} article claims we checked "
        f"are consistent with them, {listed(fared)}. {contradicted}{details}."
    )


RECORD_LEAD = "Outside reports, in our words (context)."


def _ids_weighed_on_overview(tables, column: str) -> set[str]:
    """The ids in a drivers column (";"-separated) of the regional changes with no chapter of their own."""
    drivers = tables["drivers"]
    return set(_distinct_ids(drivers[column][drivers.record_home.isna() & drivers[column].notna()]))


def weighed_on_overview(tables) -> set[str]:
    """The checks of the regional changes the overview weighs with no chapter of their own (drivers with no
    `record_home`): their verdicts sit on its cards, not in a box of their claims' theme chapter."""
    return _ids_weighed_on_overview(tables, "check_ids")


def chapter_evidence(tables, theme: str) -> pd.DataFrame:
    """A chapter's evidence table (`common.evidence_table`) without the claims of the regional changes the
    overview weighs with no chapter of their own: their words sit on its cards."""
    weighed = _ids_weighed_on_overview(tables, "claim_id") | _ids_weighed_on_overview(tables, "also_claims")
    claims = tables["claims"]
    return evidence_table(claims[~claims.claim_id.isin(weighed)], theme)


CITED_LEAD = "Also cited in this chapter:"


def record_section(tables, theme: str, appendix_href: str = "appendix/", cited: tuple[str, ...] = ()) -> Markup:
    """A theme's "What the record shows" box, set apart as context: for each check its verdict, the claim's ¶
    (its ledger row, the quote on hover), what was checked, where the record differs, and plain source links.
    The finding itself has one home, the checks page (online), which each verdict links to; both editions give
    the verdict, what was checked and where the record differs (online each verdict links to its check there, so
    the box needs no link of its own to the page). `appendix_href`: the appendix folder, relative
    to the page the box sits on. `cited`: the record events the page's own text draws on; the box ends with
    the sources of those its checks do not already name."""
    frame = checks_frame(tables)
    frame = frame[(frame.theme.astype(str) == theme) & ~frame.check_id.isin(weighed_on_overview(tables))]
    lead = RECORD_LEAD
    items_html, items_md = [], []
    for check in frame.itertuples():
        sources = sources_of(tables, check.source_ids)
        verdict = str(check.verdict)
        check_href = html.escape(f"{appendix_href}{CHECKS_PAGE}#{check.check_id}", quote=True)
        claim_href = html.escape(f"{appendix_href}{LEDGER_PAGE}#{check.claim_id}", quote=True)
        links = (_links_html(sources)
                 or f'{NO_SOURCE} (see <a href="{check_href}">the checks page</a>)')
        items_html.append(
            f'<li data-verdict="{html.escape(verdict)}"><a href="{check_href}"><strong>{VERDICT_MARKS[verdict]} '
            f"{html.escape(verdict.capitalize())}</strong></a> "
            f'(<a class="claim-link" href="{claim_href}" title="{html.escape(check.quote, quote=True)}">'
            f"¶{int(check.paragraph)}</a>). <em>Checked:</em> {html.escape(check.checked)}"
            f"{_difference_html(check)} "
            f'<span class="mibook-context-sources">Sources: {links}.</span></li>')
        md_links = _links_md(sources) or NO_SOURCE
        items_md.append(f"- **{markdown_escape(verdict.capitalize())}** (¶{int(check.paragraph)}). "
                        f"*Checked:* {markdown_escape(check.checked)}{_difference_md(check)} Sources: {md_links}.")
    shown = set(_distinct_ids(frame.source_ids))
    also = cited_sources(tables, cited, leave_out=shown) if cited else ()
    if len(also):
        items_html.append(f'<li class="mibook-context-cited"><em>{CITED_LEAD}</em> '
                          f'<span class="mibook-context-sources">{_links_html(also)}.</span></li>')
        items_md.append(f"- *{CITED_LEAD}* {_links_md(also)}.")
    body_html = (
        f'<aside class="admonition seealso mibook-context" aria-label="{SECTION_TITLE}: context">'
        f'<p class="admonition-title">{SECTION_TITLE}</p><p>{html.escape(lead)}</p>'
        f'<ul>{"".join(items_html)}</ul></aside>'
    )
    body_md = "\n".join([f"```{{admonition}} {SECTION_TITLE}", ":class: seealso mibook-context", "",
                         markdown_escape(lead), "", *items_md, "```"])
    return Markup(body_html, body_md, plain=f"<{SECTION_TITLE}: {theme}>")


def cited_sources(tables, events: tuple[str, ...], leave_out: set[str] = frozenset()) -> pd.DataFrame:
    """The outside sources of the given record events, in the events' order, each once, without `leave_out`."""
    record = tables["record_events"].set_index("record_event_id")
    unknown = [e for e in events if e not in record.index]
    if unknown:
        raise KeyError(f"cited record events not in record_events: {unknown}")
    ids = [one for one in _distinct_ids(record.source_ids[list(events)]) if one not in leave_out]
    sources = sources_of(tables, ";".join(ids)) if ids else tables["sources"].iloc[:0]
    return sources[sources.url.notna()]


def _distinct_ids(id_lists) -> list[str]:
    """The ids in ';'-separated lists, each once, in the order first named."""
    return list(dict.fromkeys(one for ids in id_lists for one in str(ids).split(";")))


def _difference_html(check) -> str:
    """' The record …' where the record differs from the claim (the check's `difference`), else ''."""
    return "" if pd.isna(check.difference) else f" <em>The record</em> {html.escape(check.difference)}."


def _difference_md(check) -> str:
    """`_difference_html` for print."""
    return "" if pd.isna(check.difference) else f" *The record* {markdown_escape(check.difference)}."


def prose_words(section: Markup) -> int:
    """Words of running prose in a section: the lead and the findings (not the title, verdict marks, source
    links or the link to the checks page)."""
    text = section.html()
    for pattern in (r'<p class="admonition-title">.*?</p>', r"<strong>.*?</strong>",
                    r'<span class="mibook-context-sources">.*?</span>', r"<p><a [^>]*>.*?</a>\.</p>"):
        text = re.sub(pattern, " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return len([w for w in text.split() if any(ch.isalpha() for ch in w)])


CHECK_COLUMNS = ["Check", "¶", "The article", "What the sources report", "Verdict"]
CHECK_WIDTHS = [0.12, 0.04, 0.3, 0.42, 0.12]


def _links_html(sources: pd.DataFrame) -> str:
    return "; ".join(f'<a href="{html.escape(s.url, quote=True)}">{html.escape(source_label(s))}</a>'
                     for s in sources.itertuples() if not pd.isna(s.url))


def _links_md(sources: pd.DataFrame) -> str:
    """`_links_html` for print: markdown links."""
    return "; ".join(f"[{markdown_escape(source_label(s))}](<{s.url}>)" for s in sources.itertuples()
                     if not pd.isna(s.url))


def checks_sources(tables, check_ids: list[str]) -> tuple[str, str]:
    """The outside sources of the given checks, each once in the order named, as links: (HTML, print)."""
    named = tables["checks"].set_index("check_id").source_ids
    sources = sources_of(tables, ";".join(_distinct_ids(named[list(check_ids)])))
    return _links_html(sources), _links_md(sources)


def _check_card(tables, check, ledger_href: str, order: dict) -> tuple[str, list]:
    """One check as a card (verdict badge, the article's claim, what the record shows, sources) and as
    plain cells for print. `order`: each theme's and verdict's rank, the cards' sort keys."""
    sources = sources_of(tables, check.source_ids)
    theme, verdict = str(check.theme), str(check.verdict)
    cid, claim = html.escape(check.check_id), html.escape(check.claim_id)
    why = "" if pd.isna(check.note) else f"<dt>Why this verdict</dt><dd>{html.escape(check.note)}</dd>"
    card = (
        f'<article class="mibook-check" id="{cid}" data-theme="{html.escape(theme)}" data-mibook-item="">'
        '<header class="mibook-check-head">'
        f'<span class="mibook-verdict" data-verdict="{html.escape(verdict)}" data-sort-by="verdict" '
        f'data-sort="{order[verdict]:02d}">{VERDICT_MARKS[verdict]} {html.escape(verdict)}</span> '
        f'<span class="mibook-check-theme" data-sort-by="theme" data-sort="{order[theme]:02d}">'
        f"{html.escape(THEME_LABELS[theme])}</span> "
        f'<a class="mibook-check-self mibook-id" href="#{cid}">{cid}</a></header>'
        '<dl class="mibook-check-fields">'
        f'<dt>The article, <a href="source.html#p-{int(check.paragraph)}" data-sort-by="paragraph" '
        f'data-sort="{int(check.paragraph):04d}">¶{int(check.paragraph)}</a> '
        f'(<a class="claim-link" href="{ledger_href}#{claim}">in the ledger</a>)</dt>'
        f'<dd><blockquote class="mibook-check-quote">{html.escape(check.quote)}</blockquote></dd>'
        f"<dt>What the record shows</dt><dd>{html.escape(check.finding)}</dd>{why}"
        f"<dt>Sources</dt><dd>{_links_html(sources) or NO_SOURCE}</dd></dl></article>"
    )
    note = "" if pd.isna(check.note) else check.note
    sources_text = ("; ".join(f"{source_label(s)}, {s.url}" for s in sources.itertuples() if not pd.isna(s.url))
                    or NO_SOURCE)
    cells = [f"{check.check_id} ({check.claim_id}, {THEME_LABELS[theme]})", int(check.paragraph), check.quote,
             f"{check.finding} {note} Sources: {sources_text}.", verdict]
    return card, cells


def checks_list(tables, ledger_href: str = LEDGER_PAGE) -> Markup:
    """Every check as a card, filterable and sortable like the claims ledger (same controls and script);
    print gets a list-table."""
    frame = checks_frame(tables)
    themes = list(dict.fromkeys(frame.theme.astype(str)))
    order = {name: i for names in (themes, verdicts(tables)) for i, name in enumerate(names)}
    cards = [_check_card(tables, check, ledger_href, order) for check in frame.itertuples()]
    options = "".join(f'<option value="{t}">{THEME_LABELS[t]}</option>' for t in themes)
    sorts = sort_bar([("theme", "theme"), ("verdict", "verdict"), ("paragraph", "¶ in the article")])
    body_html = filterable(f'<div class="mibook-check-list">{"".join(c for c, _ in cards)}</div>', len(cards),
                           options, "words, verdict, publisher…", "check", sorts, extra_class=" mibook-checks")
    table = BookTable(pd.DataFrame([c for _, c in cards], columns=CHECK_COLUMNS), widths=CHECK_WIDTHS)
    return Markup(body_html, table.markdown(), plain=f"<{len(cards)} checks>")


FEED_PARAMETERS = ("utm_", "feedType", "feedName")  # a news feed's tracking, not part of the page's address


def printed_address(url: str) -> str:
    """The address as a reader types it from paper: without a news feed's tracking parameters (`utm_source`,
    `feedType`, …), which name the feed we came by, not the page."""
    parts = urlsplit(url)
    kept = [field for field in parts.query.split("&") if field and not field.startswith(FEED_PARAMETERS)]
    return urlunsplit(parts._replace(query="&".join(kept)))


def sources_list(tables) -> Markup:
    """Every outside source, by publisher and date: publisher, date, title as a plain link, kind and the day we
    read it (said once, before the list, when we read them all on one day); print also spells out each address
    (a printed page cannot be clicked), as a link whose text is the address itself, which LaTeX sets as a
    breakable URL."""
    sources = outside_sources(tables)
    days = set(sources.date_consulted)
    one_day = f"All were read on {min(days):%-d %B %Y}." if len(days) == 1 else ""
    items_html, items_md = [], []
    for s in sources.itertuples():
        read = "" if one_day else f"; read {s.date_consulted:%-d %B %Y}"
        items_html.append(f'<li id="{html.escape(s.source_id)}">{html.escape(source_label(s))}. '
                          f'<a href="{html.escape(s.url, quote=True)}">{html.escape(s.title)}</a> '
                          f"({html.escape(str(s.kind))}{read}).</li>")
        shown = printed_address(s.url)
        address = f"[{markdown_escape(shown)}](<{shown}>)"  # printed, as a link whose text is the address
        items_md.append(f"- {markdown_escape(source_label(s))}\\. [{markdown_escape(s.title)}](<{s.url}>), {address} "
                        f"\\({markdown_escape(str(s.kind))}{markdown_escape(read)}\\)\\.")
    lead_html, lead_md = (f"<p>{one_day}</p>", f"{one_day}\n\n") if one_day else ("", "")
    return Markup(f'{lead_html}<ul class="mibook-sources">{"".join(items_html)}</ul>', lead_md + "\n".join(items_md),
                  plain=f"<{len(items_html)} sources>")


RECORD_LANE = "The record"  # the timeline's lane of outside events (record_events), context
ARTICLE_LANE = "The article"  # the lane of the article's own dated events (events)


def _record_date(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """'20 November 2014', '3–4 July 2017', '24 September – 10 October 2016', 'August 2015', '2015'."""
    if precision == "year":
        return f"{start.year}"
    if precision == "month":
        return f"{start:%B %Y}"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"


def timeline(tables) -> pd.DataFrame:
    """The record's dated events and the article's own dated events, one row each, ready to draw in two
    lanes: `lane`, theme, label, the date as written (ours for the record, the article's for its events),
    start and end_exclusive (the day after the last possible day), sources, and the claim with its ¶ and quote."""
    sources = tables["sources"].set_index("source_id")
    record = tables["record_events"]
    record_rows = pd.DataFrame({
        "lane": RECORD_LANE, "theme": record.theme.astype(str), "label": record.what,
        "date_label": [_record_date(r.date_start, r.date_end, str(r.date_precision)) for r in record.itertuples()],
        "start": record.date_start, "end_exclusive": record.date_end + pd.Timedelta(days=1),
        "sources": ["; ".join(source_label(sources.loc[i].rename(i)) for i in ids.split(";"))
                    for ids in record.source_ids],
        "claim_id": record.claim_id,
        # a month or a year known, not its day, is placed after the days in it: "August 2018" (reported on
        # 11 August) after 7 August 2018
        "_when": record.date_start.where(record.date_precision.astype(str) == "day", record.date_end)})
    events = tables["events"][tables["events"].date_start.notna()]
    article_rows = pd.DataFrame({
        "lane": ARTICLE_LANE, "theme": events.theme.astype(str), "label": events.label,
        "date_label": events.date_label, "start": events.date_start,
        "end_exclusive": events.date_end + pd.Timedelta(days=1), "sources": "Bokhari (2019)",
        "claim_id": events.claim_id, "_when": events.date_start})
    claims = tables["claims"][["claim_id", "paragraph", "quote"]]
    rows = pd.concat([record_rows, article_rows], ignore_index=True).merge(claims, on="claim_id", how="left")
    order = {RECORD_LANE: 0, ARTICLE_LANE: 1}
    return (rows.assign(_lane=rows.lane.map(order)).sort_values(["_lane", "_when", "label"])
            .drop(columns=["_lane", "_when"]).reset_index(drop=True))


def undated_article_events(tables) -> pd.DataFrame:
    """The article's events it gives no date for (label, theme, ¶), in article order: listed beside the
    timeline, never drawn."""
    events = tables["events"]
    undated = events[events.date_start.isna()].merge(tables["claims"][["claim_id", "paragraph"]], on="claim_id")
    undated = undated.sort_values("paragraph", kind="stable").astype({"theme": str})
    return undated[["label", "theme", "paragraph"]].reset_index(drop=True)
