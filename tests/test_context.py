"""The context module, its chart and its page: checks by theme, verdict counts, the summary sentence and the
"What the record shows" section, computed from the real data and from edited copies."""

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from mibook import context, load
from mibook.analysis import drivers
from mibook.charts import checks as charts
from mibook.validate import SOURCE_ARTICLE, support_of
from tests.conftest import read_rows, row_where, set_cell, write_rows

THEMES = ["afghanistan", "defence", "energy", "trade", "sco-cpec"]


def test_every_figure_and_event_claim_is_checked(data):
    assert context.unchecked(data) == []


def test_coverage_across_themes_and_sources(data):
    frame = context.checks_frame(data)
    assert len(frame) >= 12
    assert set(THEMES) <= set(frame.theme.astype(str))
    assert len(context.outside_sources(data)) >= 8


def test_unchecked_finds_a_removed_check(data_copy):
    rows = read_rows(data_copy / "checks.csv")
    trade = next(r for r in rows[1:] if r[1] == "c-trade-01")
    write_rows(data_copy / "checks.csv", [r for r in rows if r is not trade])
    tables = load.tables(data_copy)
    assert context.unchecked(tables) == ["c-trade-01"]


def test_unchecked_covers_event_claims_too(data):
    claims = data["claims"]
    event = claims.claim_id[claims.claim_type.astype(str) == "event"]
    checks = data["checks"][~data["checks"].claim_id.isin(event)]
    assert set(event) & set(data["checks"].claim_id)  # some event claims are checked in the data
    missing = context.unchecked({"claims": claims, "checks": checks})
    assert set(event) & set(data["checks"].claim_id) <= set(missing)


def test_verdict_counts_cover_every_theme_and_verdict(data):
    counts = context.verdict_counts(data)
    themes = set(context.checks_frame(data).theme.astype(str))
    assert len(counts) == len(themes) * len(context.verdicts(data))
    assert counts.checks.sum() == len(data["checks"])
    by_hand = {}
    for row in data["checks"].itertuples():
        theme = str(data["claims"].set_index("claim_id").theme[row.claim_id])
        by_hand[(theme, str(row.verdict))] = by_hand.get((theme, str(row.verdict)), 0) + 1
    for row in counts.itertuples():
        assert row.checks == by_hand.get((row.theme, row.verdict), 0)


def test_summary_counts_follow_the_data(data_copy):
    before = context.summary(load.tables(data_copy))
    assert re.search(r"\b(\d+) of the (\d+) article claims we checked", before)
    total = int(re.search(r"of the (\d+) article claims", before).group(1))
    # a check no driver cites, so only the summary follows the edit
    row = row_where(data_copy, "checks", "check_id", lambda v: v == "k-trade-01")
    set_cell(data_copy, "checks", row, "verdict", "inconsistent")
    set_cell(data_copy, "checks", row, "difference", "gives another figure")  # what an inconsistent check must say
    after = context.summary(load.tables(data_copy))
    assert f"of the {total} article claims" in after
    assert "1 is contradicted" in after and before != after


def test_summary_names_the_differences_the_checks_record(data_copy):
    tables = load.tables(data_copy)
    text = context.summary(tables)
    differences = list(context.checks_frame(tables).difference.dropna())
    assert differences and all(d in text for d in differences)
    assert "Saint Petersburg" in text and "pole" in text
    rows = read_rows(data_copy / "checks.csv")
    column, verdict = rows[0].index("difference"), rows[0].index("verdict")
    # Clear every difference but those a "not supported by the record" check must keep (the validator requires
    # them), and give those placeholders; a partial check without a difference is no longer partial.
    placeholders = iter(["gives another date", "gives another figure", "gives another place"])
    for row in rows[1:]:
        row[column] = next(placeholders) if row[verdict] == "not supported by the record" else ""
        row[verdict] = "consistent" if row[verdict] == "partly consistent" else row[verdict]
    write_rows(data_copy / "checks.csv", rows)
    _drivers_follow_the_checks(data_copy)
    tables_after = load.tables(data_copy)
    after = context.summary(tables_after)
    listed = list(context.checks_frame(tables_after).difference.dropna())  # theme order, as the summary lists them
    assert sorted(listed) == ["gives another date", "gives another figure", "gives another place"]
    assert after.endswith("None of the article's main claims is contradicted outright; "
                          f"on details the record {listed[0]}; {listed[1]}; and {listed[2]}.")
    assert "Saint Petersburg" not in after


def _drivers_follow_the_checks(data_dir) -> None:
    """After an edit to the checks, each driver's record support as its checks' verdicts now give it."""
    from mibook.validate import support_of

    checks = read_rows(data_dir / "checks.csv")
    verdict = {row[0]: row[checks[0].index("verdict")] for row in checks[1:]}
    drivers = read_rows(data_dir / "drivers.csv")
    support, cited = drivers[0].index("record_support"), drivers[0].index("check_ids")
    for row in drivers[1:]:
        if row[cited]:
            row[support] = support_of({verdict[c] for c in row[cited].split(";")})
    write_rows(data_dir / "drivers.csv", drivers)


def test_a_summary_with_no_difference_ends_at_the_contradiction_sentence(data):
    checks = data["checks"].copy()
    checks["difference"] = None
    text = context.summary({"claims": data["claims"], "checks": checks})
    assert text.endswith(". None of the article's main claims is contradicted outright."), text


def test_three_or_more_differences_are_set_apart_by_semicolons(data):
    text = context.summary(data)
    differences = list(context.checks_frame(data).difference.dropna())
    assert len(differences) > 2
    assert text.endswith(f"on details the record {'; '.join(differences[:-1])}; and {differences[-1]}.")


def _first_sentence(tables) -> str:
    return context.summary(tables).split(". ", 1)[0] + "."


def test_summary_sentence_in_full_with_and_without_unfound_records(data_copy):
    tables = load.tables(data_copy)
    got = context.checks_frame(tables).verdict.astype(str).value_counts()
    n, consistent, partly = int(got.sum()), got["consistent"], got["partly consistent"]
    unsupported = int(got.get("not supported by the record", 0))
    not_borne = f", {unsupported} not borne out by the records we found of the occasion" if unsupported else ""
    unfound = int(got["no record found"])
    assert unfound >= 1
    assert _first_sentence(tables) == (
        f"Set against contemporary reports, {consistent} of the {n} article claims we checked are consistent "
        f"with them, {partly} partly consistent{not_borne} and for {unfound} we found no contemporary record.")
    rows = read_rows(data_copy / "checks.csv")
    column, sources, difference = (rows[0].index(c) for c in ("verdict", "source_ids", "difference"))
    for row in rows[1:]:
        if row[column] == "no record found":
            row[column], row[sources], row[difference] = "partly consistent", rows[1][sources], "differs in part"
    write_rows(data_copy / "checks.csv", rows)
    drivers = read_rows(data_copy / "drivers.csv")
    support, cited = drivers[0].index("record_support"), drivers[0].index("check_ids")
    verdict_of = {row[0]: row[column] for row in rows[1:]}
    for row in drivers[1:]:  # each change's support follows from its checks' new verdicts
        if row[cited]:
            row[support] = support_of({verdict_of[c] for c in row[cited].split(";")})
    write_rows(data_copy / "drivers.csv", drivers)
    last = f" and {unsupported} not borne out by the records we found of the occasion" if unsupported else ""
    and_partly = (f"{partly + unfound} partly consistent{last}" if unsupported
                  else f"and {partly + unfound} partly consistent")
    assert _first_sentence(load.tables(data_copy)) == (
        f"Set against contemporary reports, {consistent} of the {n} article claims we checked are consistent "
        f"with them, {and_partly}.")


def test_counts_read_as_prose():
    assert [context.count_is(n) for n in (0, 1, 2)] == ["none is", "1 is", "2 are"]


def test_source_label_gives_the_day_month_and_year_the_page_gives(data):
    source = data["sources"].iloc[1].copy()
    source["publisher"], source["date_published"], source["date_precision"] = "Dawn", "2019-03-08", "day"
    assert context.source_label(source) == "Dawn, 8 March 2019"
    source["date_precision"] = "undated"
    assert context.source_label(source) == "Dawn, undated"


def test_source_label_respects_precision(data):
    source = data["sources"].iloc[1].copy()
    source["date_precision"] = "month"
    assert re.fullmatch(r".+, [A-Z][a-z]+ \d{4}", context.source_label(source))
    source["date_precision"] = "year"
    assert re.fullmatch(r".+, \d{4}", context.source_label(source))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


@pytest.mark.parametrize("theme", THEMES + ["bilateral"])
def test_record_section_is_labelled_context_with_plain_links(data, theme):
    section = context.record_section(data, theme)
    html_text = section.html()
    assert 'class="admonition' in html_text and context.SECTION_TITLE in html_text
    assert context.RECORD_LEAD in html_text and "(context)" in context.RECORD_LEAD
    parser = _Links()
    parser.feed(html_text)
    assert not {"script", "img", "iframe", "link"} & set(parser.tags)
    frame = context.checks_frame(data)
    frame = frame[~frame.check_id.isin(context.weighed_on_overview(data))]  # their home is the overview's cards
    ids = ";".join(frame[frame.theme.astype(str) == theme].source_ids).split(";")
    outside = data["sources"][data["sources"].kind != "source-article"].set_index("source_id").url
    urls = set(outside.reindex(ids).dropna())  # the outside sources' addresses (the article is cited, not linked)
    assert urls and urls <= set(parser.hrefs)
    assert context.prose_words(section) <= 60 * len(frame[frame.theme.astype(str) == theme]) + 20
    assert section.markdown().startswith(f"```{{admonition}} {context.SECTION_TITLE}")
    for check in frame[frame.theme.astype(str) == theme].itertuples():
        assert f'data-verdict="{check.verdict}"' in html_text
        assert f"<em>Checked:</em> {html.escape(check.checked)}" in html_text
        printed = section.markdown().replace("\\", "")
        assert html.escape(check.finding) not in html_text and check.finding not in printed  # one home: checks
        if not pd.isna(check.difference):
            assert html.escape(check.difference) in html_text and check.difference in printed
        assert f"appendix/checks.html#{check.check_id}" in parser.hrefs
        assert f"appendix/claims-ledger.html#{check.claim_id}" in parser.hrefs


def test_record_section_opens_by_saying_it_is_context_in_our_words(data):
    section = context.record_section(data, "trade")
    lead = context.RECORD_LEAD
    assert f'{context.SECTION_TITLE}</p><p>{html.escape(lead)}</p><ul>' in section.html()
    assert f":class: seealso mibook-context\n\n{lead}\n\n- " in section.markdown().replace("\\", "")
    assert section.markdown().endswith(".\n```")  # the admonition closes after its last item


def test_record_section_links_stay_inside_their_attributes(data):
    claims, checks = data["claims"].copy(), data["checks"].copy()
    claim = checks.claim_id[checks.claim_id.isin(claims.claim_id[claims.theme.astype(str) == "trade"])].iloc[0]
    hostile = 'c-x" onclick="alert(1)'
    claims["claim_id"] = claims.claim_id.replace({claim: hostile})
    claims["quote"] = claims.quote.where(claims.claim_id != hostile, 'He said "yes" <b>')
    checks["claim_id"] = checks.claim_id.replace({claim: hostile})
    checks["check_id"] = checks.check_id.where(checks.claim_id != hostile, 'k-x" onmouseover="alert(2)')
    tables = {"sources": data["sources"], "drivers": data["drivers"], "claims": claims, "checks": checks}
    html_text = context.record_section(tables, "trade").html()
    assert "onclick=" not in html_text.replace("onclick=&quot;", "") and 'onmouseover="' not in html_text
    assert 'href="appendix/claims-ledger.html#c-x&quot; onclick=&quot;alert(1)"' in html_text
    assert 'href="appendix/checks.html#k-x&quot; onmouseover=&quot;alert(2)"' in html_text
    assert 'title="He said &quot;yes&quot; &lt;b&gt;"' in html_text
    moved = context.record_section(data, "trade", appendix_href='a"b/').html()
    assert 'href="a&quot;b/checks.html#k-trade-01"' in moved and 'href="a"' not in moved
    assert "Every check" not in moved  # each verdict links to its check: the box has no link of its own


def test_record_section_lists_each_check_and_each_source(data):
    section = context.record_section(data, "bilateral")
    n = int((context.checks_frame(data).theme.astype(str) == "bilateral").sum())
    assert section.html().count("</li><li ") == n - 1 > 0
    assert "[Dawn, 28 March 2019](<" in section.markdown().replace("\\", "")
    assert ">); [Daily Times, undated](<" in section.markdown().replace("\\", "")
    assert ">Dawn, 28 March 2019</a>; <a href=" in section.html()
    for check in context.checks_frame(data).query("theme == 'bilateral'").itertuples():
        after = "" if pd.isna(check.difference) else f" <em>The record</em> {html.escape(check.difference)}."
        assert f'<em>Checked:</em> {html.escape(check.checked)}{after} <span class="mibook-context-sources">' in (
            section.html())


def test_prose_words_counts_what_was_checked_and_differs_not_links(data):
    section = context.record_section(data, "sco-cpec")
    checks = context.checks_frame(data).query("theme == 'sco-cpec'")
    checks = checks[~checks.check_id.isin(context.weighed_on_overview(data))]  # on the overview's cards
    words = sum(len([w for w in f.split() if any(c.isalpha() for c in w)])
                for f in [*checks.checked, *checks.difference.dropna()])
    assert checks.difference.notna().any()
    lead = len(context.RECORD_LEAD.split())
    labels = len(checks) + 2 * int(checks.difference.notna().sum())  # "Checked:", "The record"
    assert context.prose_words(section) == words + lead + labels  # not the title, verdicts, sources or links


def test_checks_list_has_every_check_and_source_link(data):
    listing = context.checks_list(data)
    html_text = listing.html()
    for row in data["checks"].itertuples():
        assert f'id="{row.check_id}"' in html_text and f"claims-ledger.html#{row.claim_id}" in html_text
    cited = set(";".join(data["checks"].source_ids).split(";"))
    outside = context.outside_sources(data)
    for url in outside[outside.source_id.isin(cited)].url:
        assert f'href="{url}"' in html_text.replace("&amp;", "&")
    assert listing.markdown().count("\n* - ") == len(data["checks"]) + 1
    total = len(data["checks"])
    assert 'data-noun="check"' in html_text and f'aria-live="polite">{total} of {total} checks</span>' in html_text
    assert html_text.count("</article><article ") == total - 1  # the cards, one after another
    keys = re.findall(r'data-sort-key="([^"]+)"', html_text)  # each sort button finds its key on every card
    assert sorted(keys) == ["paragraph", "theme", "verdict"]
    assert all(html_text.count(f'data-sort-by="{key}"') == total for key in keys)
    assert re.sub(r"<[^>]+>", "", re.search(r'<span class="mibook-ledger-sorts">.*?</span>', html_text).group(0)) == (
        "Sort by theme verdict ¶ in the article")
    themes = data["checks"].merge(data["claims"], on="claim_id").theme.astype(str).nunique()
    assert html_text.count("</option><option ") == themes  # "All themes", then one per checked theme
    printed = listing.markdown().replace("\\", "")  # print lists each source with its address
    assert "Sources: Dawn, 28 March 2019, https://www.dawn.com/news/1472338/" in printed
    assert "; Daily Times, undated, https://dailytimes.com.pk/370452/" in printed


def test_counts_take_the_plural_only_when_not_one():
    from mibook import pages

    assert [pages.counted(n, "check") for n in (0, 1, 2)] == ["0 checks", "1 check", "2 checks"]


def _markdown_links(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    tokens = [t for block in MarkdownIt("commonmark").parse(text) for t in (block.children or [])]
    return [t.attrs["href"] for t in tokens if t.type == "link_open"]


def test_addresses_with_parentheses_survive_in_print_links(data_copy):
    """The print edition gets markdown links; a `)` in an address must not end the link early."""
    url = "https://example.org/list)of(sources"  # unbalanced: a plain markdown link ends at the first )
    rows = read_rows(data_copy / "sources.csv")
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("kind")] != "source-article":
            row[header.index("url")] = url
    write_rows(data_copy / "sources.csv", rows)
    data = load.tables(data_copy)
    assert set(_markdown_links(context.sources_list(data).markdown())) == {url}
    for theme in THEMES:
        body = context.record_section(data, theme).markdown().split("\n", 2)[2].rsplit("```", 1)[0]
        assert set(_markdown_links(body)) == {url}, theme


def test_the_printed_sources_list_spells_out_every_address(data):
    from markdown_it import MarkdownIt

    markdown = context.sources_list(data).markdown()
    shown = [t.content for block in MarkdownIt("commonmark").parse(markdown) for t in (block.children or [])
             if t.type == "text"]
    for url in context.outside_sources(data).url:
        assert context.printed_address(url) in shown, url  # printed as text, not only behind the title's link
    assert not [text for text in shown if "utm_" in text or "feedName" in text]


@pytest.mark.parametrize("url, printed", [
    ("https://a.example/n/1?utm_source=feed&utm_medium=feed&utm_campaign=Feed%3A+x", "https://a.example/n/1"),
    ("https://a.example/n/1?feedType=RSS&feedName=worldNews&utm_source=x", "https://a.example/n/1"),
    ("https://a.example/n/1?page=31&utm_source=x", "https://a.example/n/1?page=31"),
    ("http://a.example/n?h_related_also_see", "http://a.example/n?h_related_also_see"),
    ("https://a.example/n?print=&version=amp#top", "https://a.example/n?print=&version=amp#top"),
    ("https://a.example/n/", "https://a.example/n/"),
])
def test_a_printed_address_drops_only_a_feeds_tracking(url, printed):
    """Paper shows the page's address without the feed we came by; every other part is kept as stored."""
    assert context.printed_address(url) == printed


def test_sources_list_is_by_publisher_then_oldest_first(data):
    """As the text cites them, "Publisher, date": a reader looks a citation up by its publisher ("The" aside)."""
    html_text = context.sources_list(data).html()
    ids = re.findall(r'<li id="([^"]+)"', html_text)
    sources = data["sources"].set_index("source_id").loc[ids]
    keys = [(p.removeprefix("The ").casefold(), d) for p, d in zip(sources.publisher, sources.date_published,
                                                                  strict=True)]
    assert keys == sorted(keys) and len(ids) == len(context.outside_sources(data))
    assert keys != sorted(keys, key=lambda k: k[1])  # not by date alone
    nation = [i for i, p in zip(ids, sources.publisher, strict=True) if p == "The Nation"]
    assert sources.loc[nation].date_published.is_monotonic_increasing and len(nation) > 1
    listing, n = context.sources_list(data), len(ids)
    assert html_text.count("</li><li ") == n - 1 and listing._repr_mimebundle_()["text/plain"] == f"<{n} sources>"


@pytest.mark.parametrize("one_day", [True, False])
def test_the_day_we_read_the_sources_is_said_once_when_it_is_one_day(data_copy, one_day):
    rows = read_rows(data_copy / "sources.csv")
    day, kind = rows[0].index("date_consulted"), rows[0].index("kind")
    outside = [row for row in rows[1:] if row[kind] != context.SOURCE_ARTICLE]
    for row in outside:
        row[day] = "2026-12-06"
    if not one_day:
        outside[-1][day] = "2026-12-05"
    write_rows(data_copy / "sources.csv", rows)
    listing = context.sources_list(load.tables(data_copy))
    page, lines = listing.html(), listing.markdown().split("\n")
    items = [line for line in lines if line.startswith("- ")]
    assert all(line.endswith(")\\.") for line in items) and len(items) == len(outside)
    if one_day:
        assert page.startswith('<p>All were read on 6 December 2026.</p><ul class="mibook-sources"><li ')
        assert lines[:2] == ["All were read on 6 December 2026.", ""] and "; read" not in page
    else:
        assert page.startswith('<ul class="mibook-sources"><li ') and "All were read" not in page
        assert page.count("; read 6 December 2026).</li>") == len(outside) - 1
        assert page.count("; read 5 December 2026).</li>") == 1 and items[0] == lines[0]
        assert all("\\; read " in line for line in items)


def test_chart_tells_verdicts_apart_without_hue(data):
    chart = charts.verdicts_by_theme(data)
    marks = chart.spec["layer"][0]["encoding"]
    shapes = marks["shape"]["scale"]["range"]
    assert len(set(shapes)) == len(context.verdicts(data))
    assert chart.spec["layer"][1]["mark"]["type"] == "text"
    assert chart.spec["layer"][1]["encoding"]["text"]["field"] == "checks"
    counts = context.verdict_counts(data)
    assert int(chart.table.drop(columns="Theme").to_numpy().sum()) == int(counts.checks.sum())
    consistent = int(counts.query("verdict == 'consistent'").checks.sum())
    assert chart.spec["title"]["text"].startswith(f"{consistent} of {len(data['checks'])} ")
    svg = chart.static_svg
    for verdict in context.verdicts(data):
        assert verdict in svg



def test_data_dictionary_lists_the_context_tables(data):
    from mibook import appendix

    page = appendix.data_dictionary(data).html()
    for name in ("sources", "checks"):
        assert f'id="table-{name}"' in page
    assert "source_ids" in page and "date_consulted" in page


@pytest.mark.browser
def test_built_checks_page_filters_offline(browser, html_book, data):
    from tests.browser import PageRecorder, serve

    checks = context.checks_frame(data)
    with serve(html_book) as site:
        page = browser.new_page()
        recorder = PageRecorder(page, site)
        page.goto(f"{site}/chapters/appendix/checks.html")
        page.wait_for_selector(".mibook-checks[data-ledger-ready=true]")

        def visible() -> list[str]:
            return page.eval_on_selector_all(".mibook-checks [data-mibook-item]",
                                             "rows => rows.filter(r => !r.hidden).map(r => r.id)")

        assert sorted(visible()) == sorted(checks.check_id)
        count = ".mibook-checks .mibook-ledger-count"
        assert page.text_content(count) == f"{len(checks)} of {len(checks)} checks"  # not "claims"
        page.select_option(".mibook-checks .mibook-ledger-theme", "energy")
        assert sorted(visible()) == sorted(checks[checks.theme.astype(str) == "energy"].check_id)
        assert page.text_content(count) == f"{len(visible())} of {len(checks)} checks"
        page.select_option(".mibook-checks .mibook-ledger-theme", "")
        page.fill(".mibook-checks .mibook-ledger-search", "partly consistent")
        assert sorted(visible()) == sorted(checks[checks.verdict.astype(str) == "partly consistent"].check_id)
        assert page.locator('[data-chart-id="checks-verdicts-by-theme"]').count() == 1
        assert recorder.off_host() == [] and recorder.errors == []
        page.close()


def test_a_quote_in_a_source_address_stays_inside_the_href(data):
    sources = data["sources"].copy()
    sources["url"] = sources.url.where(sources.kind == "source-article", sources.url + '?q="x"')
    tables = {"claims": data["claims"], "checks": data["checks"], "sources": sources, "drivers": data["drivers"]}
    for page in (context.record_section(tables, "trade"), context.sources_list(tables)):
        assert '?q=&quot;x&quot;"' in page.html() and '?q="x"' not in page.html()


def test_a_check_without_a_note_shows_no_note_in_either_edition(data):
    checks = data["checks"].copy()
    checks["note"] = None
    tables = {"claims": data["claims"], "checks": checks, "sources": data["sources"], "drivers": data["drivers"]}
    listing = context.checks_list(tables)
    web, printed = listing.html(), listing.markdown().replace("\\", "")
    assert "Why this verdict" not in web
    for row in context.checks_frame(tables).itertuples():
        assert f"<dt>What the record shows</dt><dd>{html.escape(row.finding)}</dd><dt>Sources</dt>" in web
        assert f"{row.finding} Sources: " in printed  # no note between (cells collapse spaces)


def test_every_verdict_has_its_own_mark_so_the_box_reads_without_colour(data):
    marks = {}
    for verdict in context.verdicts(data):
        checks = data["checks"].copy()
        checks["verdict"] = pd.Categorical([verdict] * len(checks), categories=checks.verdict.cat.categories)
        box = context.record_section({"claims": data["claims"], "checks": checks, "sources": data["sources"],
                                      "drivers": data["drivers"]},
                                     "trade").html()
        found = re.search(r"<strong>(\S) " + re.escape(html.escape(verdict.capitalize())) + "</strong>", box)
        marks[verdict] = found.group(1)
    assert len(set(marks.values())) == len(marks) == 5 and not any(m.isalnum() for m in marks.values()), marks


def test_the_printed_checks_give_the_two_prose_columns_the_room(data):
    printed = context.checks_list(data).markdown()
    widths = [int(w) for w in re.search(r":widths: ([\d ]+)\n", printed).group(1).split()]
    share = [w / sum(widths) for w in widths]  # check, ¶, the article, what the sources report, verdict
    assert len(share) == 5 and share[2] >= 0.25 and share[3] >= 0.25 and share[0] + share[1] + share[4] <= 0.3


@pytest.mark.parametrize("theme", THEMES + ["bilateral"])
def test_a_check_without_an_outside_source_names_none_in_both_editions(data, theme):
    """The article is never listed as a source of a check (it cannot check itself): a check whose only source
    is the article says `NO_SOURCE` on the web and in print, and print links to no address it lacks."""
    frame = context.checks_frame(data)
    frame = frame[frame.theme.astype(str) == theme]
    sourceless = sum(all(k == "source-article" for k in context.sources_of(data, ids).kind.astype(str))
                     for ids in frame.source_ids)
    section = context.record_section(data, theme)
    printed = section.markdown().replace("\\", "")
    article = data["sources"][data["sources"].kind.astype(str) == "source-article"]
    for publisher in article.publisher:
        assert publisher not in printed and html.escape(publisher) not in section.html()
    assert printed.count(f"Sources: {context.NO_SOURCE}.") == sourceless
    assert section.html().count(f"Sources: {context.NO_SOURCE} (see") == sourceless
    assert "<NA>" not in printed and "(<nan>)" not in printed


def test_each_verdict_has_its_own_shape_colour_and_whole_label():
    """Every verdict the data may give is drawn apart from the others (a shape Vega knows, a colour of its
    own, greyscale-safe), and a long verdict breaks into lines that read back as the verdict itself."""
    import json

    from mibook import paths, style

    package = json.loads((paths.PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    (checks,) = [r for r in package["resources"] if r["name"] == "checks"]
    (verdict,) = [f for f in checks["schema"]["fields"] if f["name"] == "verdict"]
    assert set(charts.VERDICT_SHAPES) == set(charts.VERDICT_COLOURS) == set(verdict["constraints"]["enum"])
    shapes, colours = list(charts.VERDICT_SHAPES.values()), list(charts.VERDICT_COLOURS.values())
    assert set(shapes) <= set(style.SHAPES) and len(set(shapes)) == len(shapes)
    assert len(set(colours)) == len(colours) and all(re.fullmatch(r"#[0-9a-fA-F]{6}", c) for c in colours)
    for verdict, lines in charts.VERDICT_LINES.items():
        assert verdict in charts.VERDICT_SHAPES and " ".join(lines) == verdict and len(lines) > 1
    assert set(charts.VERDICT_LINES) == {v for v in charts.VERDICT_SHAPES if len(v.split()) > 2}  # 3 words and more


def test_the_checks_chart_counts_the_sources_it_lists(data):
    """The chart's subtitle counts the outside sources the references list (the article is not one of them)."""
    subtitle = charts.verdicts_by_theme(data).spec["title"]["subtitle"][0]
    assert subtitle == f"Context: {len(context.outside_sources(data))} contemporary sources, listed below"
    assert len(context.outside_sources(data)) == len(data["sources"]) - 1


def test_a_printed_address_links_to_itself(data):
    """On paper the address is the link: its text and its target are the same cleaned address, so LaTeX sets it
    as a breakable address and no feed's tracking rides along."""
    from markdown_it import MarkdownIt

    markdown = context.sources_list(data).markdown()
    tokens = [t for block in MarkdownIt("commonmark").parse(markdown) for t in (block.children or [])]
    pairs = [(t.attrs["href"], tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "link_open"]
    addresses = [(href, text) for href, text in pairs if text.startswith("http")]
    assert len(addresses) == len(context.outside_sources(data))
    assert all(href == text for href, text in addresses), [p for p in addresses if p[0] != p[1]]
    assert not [href for href, text in addresses if "utm_" in href]


def test_a_box_marks_each_verdict_with_its_own_sign(data):
    """A half-filled ◐ for partly consistent, a full ● for consistent, an empty ○ for inconsistent."""
    html_text = "".join(context.record_section(data, theme).html() for theme in ("afghanistan", "sco-cpec"))
    assert "◐ Partly consistent" in html_text and "● Consistent" in html_text
    assert context.VERDICT_MARKS["inconsistent"] == "○" and len(set(context.VERDICT_MARKS.values())) == 5


def test_a_change_weighed_only_on_the_overview_has_its_checks_there_not_in_a_chapter_box(data):
    on_overview = context.weighed_on_overview(data)
    assert on_overview == {"k-defence-01", "k-defence-02", "k-defence-04", "k-sco-cpec-05"}
    boxes = "".join(context.record_section(data, theme).html() for theme in THEMES + ["bilateral"])
    assert not [c for c in on_overview if f"#{c}" in boxes]
    cards = drivers.weighed(data).html()
    for check in on_overview:
        verdict = str(data["checks"].set_index("check_id").verdict[check])
        assert re.search(rf'#{check}"[^>]*>[^<]*{verdict}</a>', cards), check
    homed = data["drivers"].assign(record_home="defence")  # every change with a chapter of its own
    assert context.weighed_on_overview({"drivers": homed}) == set()


def test_a_change_weighed_only_on_the_overview_leaves_its_words_out_of_the_chapter_evidence(data):
    """The mediation offer (¶3) and the "regional policeman" (¶5) are defence claims the overview's cards weigh:
    the defence evidence table leaves them out; a chapter's own claims stay, in article order."""
    quotes = data["claims"].set_index("claim_id").quote
    defence = context.chapter_evidence(data, "defence")
    words = list(defence["The article's words"])
    assert not {quotes[c] for c in ("c-defence-01", "c-defence-02", "c-defence-04")} & set(words)
    assert quotes["c-defence-06"] in words and list(defence["¶"]) == sorted(defence["¶"])
    homed = {"claims": data["claims"], "drivers": data["drivers"].assign(record_home="defence")}
    assert len(context.chapter_evidence(homed, "defence")) == len(defence) + 3


CITING = {"afghanistan": "afghanistan", "defence": "defence", "energy": "energy", "trade": "trade",
          "sco-cpec": "sco_cpec", "outlook": "outlook"}  # chapter page: its analysis module


@pytest.mark.parametrize("module", sorted(set(CITING.values())))
def test_every_record_event_a_chapter_module_names_is_one_its_box_cites(module):
    """A record event the chapter's text draws on (any "rec-…" id its module names) is in `RECORD_CITED`, so
    the page's box names its source."""
    import importlib
    import inspect

    analysis = importlib.import_module(f"mibook.analysis.{module}")
    named = set(re.findall(r'"(rec-[a-z0-9-]+)"', inspect.getsource(analysis)))
    assert named <= set(analysis.RECORD_CITED), named - set(analysis.RECORD_CITED)


@pytest.mark.parametrize("module", sorted(set(CITING.values())))
def test_every_record_event_a_chapter_cites_is_in_the_record(module, data):
    import importlib

    cited = set(importlib.import_module(f"mibook.analysis.{module}").RECORD_CITED)
    assert cited <= set(data["record_events"].record_event_id), cited - set(data["record_events"].record_event_id)


def test_the_box_ends_with_the_sources_of_the_cited_events_its_checks_do_not_name(data):
    events = data["record_events"].set_index("record_event_id").source_ids
    plain = context.record_section(data, "trade").html()
    cited = ("rec-2018-12-india-trade", "rec-2017-06-astana-leaders", "rec-2018-12-india-trade")
    box = context.record_section(data, "trade", cited=cited)
    tail = box.html().split(context.CITED_LEAD, 1)[1]
    urls = [data["sources"].set_index("source_id").url[s] for e in cited[:2] for s in events[e].split(";")]
    assert [html.unescape(u) for u in re.findall(r'href="([^"]+)"', tail)] == list(dict.fromkeys(urls))
    assert context.CITED_LEAD not in plain and context.CITED_LEAD in box.markdown()
    shown = set(re.findall(r'href="(http[^"]+)"', plain))
    already = context.record_section(data, "trade", cited=tuple(
        e for e, ids in events.items() if {data["sources"].set_index("source_id").url[s] for s in ids.split(";")}
        <= shown))
    assert context.CITED_LEAD not in already.html()  # every source already named by a check: no line
    with pytest.raises(KeyError, match="rec-nowhere"):
        context.record_section(data, "trade", cited=("rec-nowhere",))


@pytest.mark.book
@pytest.mark.parametrize("page", sorted(CITING))
def test_each_chapter_page_names_the_source_of_every_record_event_its_text_draws_on(html_book, data, page):
    import importlib

    cited = importlib.import_module(f"mibook.analysis.{CITING[page]}").RECORD_CITED
    built = html.unescape((html_book / "chapters" / f"{page}.html").read_text(encoding="utf-8"))
    sources = data["sources"].set_index("source_id")
    events = data["record_events"].set_index("record_event_id").source_ids
    missing = [s for e in cited for s in events[e].split(";")
               if sources.kind[s] != SOURCE_ARTICLE and f'href="{sources.url[s]}"' not in built]
    assert not missing, f"{page}: no link to {missing}"
