"""The drivers weighed: the table at a glance, the numbers the case chapter and landing page show, and the page."""

from html import escape

import pandas as pd

from mibook.analysis import drivers
from mibook.tables import markdown_escape


def test_drivers_are_ranked_by_size_with_their_claims_evidence(data):
    """Strongest pull first and the brake last; then the record's support; then the article's order."""
    frame = drivers.drivers_frame(data)
    keys = [(drivers.PULL_RANK.index(p), drivers.RECORD_RANK.index(r), n)
            for p, r, n in zip(frame.pull, frame.record_support, frame.listed_order, strict=True)]
    assert keys == sorted(keys) and sorted(frame.listed_order) == list(range(1, len(frame) + 1))
    assert frame.label.iloc[0] == "The Afghan endgame" and frame.pull.iloc[-1] == drivers.HOLDS_APART
    assert frame.quote.notna().all() and frame.paragraph.notna().all()
    assert all(w in q.replace("’", "'") or w in q for w, q in zip(frame.words, frame.quote, strict=True))


def test_the_ranking_follows_the_readings_not_the_file_order(data):
    edited = data["drivers"].copy()
    edited["listed_order"] = edited.listed_order.max() + 1 - edited.listed_order  # the file order reversed
    weakest = edited.index[edited.pull.astype(str) == "pulls closer, weakly"]
    edited.loc[weakest[-1], "pull"] = "pulls closer"  # one weak pull becomes a clear one
    frame = drivers.drivers_frame({"claims": data["claims"], "drivers": edited})
    clear = frame[frame.pull == "pulls closer"]
    assert list(clear.index) == [0, 1] and list(clear.record_support.map(drivers.RECORD_RANK.index)) == sorted(
        clear.record_support.map(drivers.RECORD_RANK.index))
    ties = frame[frame.pull == drivers.OFFERED_ALIKE]
    ranks = list(zip(ties.record_support.map(drivers.RECORD_RANK.index), ties.listed_order, strict=True))
    assert len(ties) > 1 and ranks == sorted(ranks)


def test_the_ranks_name_every_reading_and_record_verdict_the_data_allow():
    import json

    from mibook import paths

    package = json.loads((paths.PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "drivers" for f in r["schema"]["fields"]}
    assert sorted(drivers.PULL_RANK) == sorted(fields["pull"]["constraints"]["enum"])
    assert sorted(drivers.RECORD_RANK) == sorted(fields["record_support"]["constraints"]["enum"])


def test_at_a_glance_gives_the_record_and_our_reading_and_leaves_unchecked_changes_unjudged(data):
    glance = drivers.at_a_glance(data)
    assert list(glance.columns) == ["Regional change", "Its claim, on the record", "Our reading", "¶"]
    glance = glance.set_index("Regional change")
    assert list(glance.index) == list(drivers.drivers_frame(data).label)
    assert glance.loc["America's tilt to India"].tolist() == [
        "partly consistent", "Possibly; one report says so", "¶1, ¶5"]
    assert glance.loc["The Afghan endgame", "¶"] == "¶3, ¶8"  # the claim (¶8) and the talks it rests on (¶3)
    assert glance.loc["The February 2019 India–Pakistan crisis", "Our reading"] == "Small step, offered to India too"
    assert glance.loc["Pakistan's seat in the SCO", "Our reading"] == "Small step, offered to India too"
    assert glance.loc["China's economic corridor", "Our reading"] == "No step towards Pakistan"
    assert glance.loc["China's economic corridor", "Its claim, on the record"] == "not supported"
    assert glance.loc["Putin's pitch for Eurasia (its “poles”)", "Its claim, on the record"] == "not supported"
    assert glance.loc["The Afghan endgame", "Its claim, on the record"] == "partly consistent"
    assert glance.loc["The Afghan endgame", "Our reading"] == "Aligned them"
    assert glance.loc["Russia's decades with India", "Our reading"] == "A limit on how close"
    assert glance.notna().all().all(), "every verdict and reading has its words"
    edited = data["drivers"].copy()
    edited["record_support"] = edited.record_support.astype(str).replace(
        {"partly": "does not show it", "does not show it": "bears it out", "bears it out": "not checked"})
    glance = drivers.at_a_glance({"claims": data["claims"], "drivers": edited}).set_index("Regional change")
    assert glance.loc["The Afghan endgame", "Its claim, on the record"] == "not supported"  # words the data lack
    assert glance.loc["China's economic corridor", "Its claim, on the record"] == "consistent"
    assert glance.loc["The February 2019 India–Pakistan crisis", "Its claim, on the record"] == "not checked"
    assert glance.loc["Russia's decades with India", "Its claim, on the record"] == "not checked"


def test_the_names_follow_the_data(data):
    edited = data["drivers"].astype({"pull": str})
    edited.loc[edited.driver_id == "d-us-tilt", "pull"] = "holds apart"
    tables = {"claims": data["claims"], "drivers": edited}
    assert drivers.named(tables, "pull", drivers.PULLS_CLOSER) == "the Afghan endgame"
    assert drivers.named(tables, "pull", (drivers.HOLDS_APART,)) == (  # ranked: the record bears out the first
        "Russia's decades with India and America's tilt to India")


def test_named_lists_drivers_as_prose(data):
    assert drivers.named(data, "pull", ("pulls closer",)) == "the Afghan endgame"
    assert drivers.named(data, "article_evidence", ("asserted",)) == (
        "America's tilt to India and Russia's decades with India")
    edited = data["drivers"].astype({"pull": str})
    closer = edited.pull == "pulls closer"
    edited.loc[closer, "label"] = "An old rivalry"
    assert drivers.named({"claims": data["claims"], "drivers": edited}, "pull", ("pulls closer",)) == "an old rivalry"


def test_weighed_gives_each_driver_its_three_parts_in_both_editions(data):
    edited = data["drivers"].copy()
    unchecked = edited.driver_id == "d-us-tilt"  # as a change not yet set against the record would read
    edited.loc[unchecked, ["check_ids", "record_note"]] = None
    edited["record_support"] = edited.record_support.astype(str).where(~unchecked, "not checked")
    tables = {"claims": data["claims"], "checks": data["checks"], "sources": data["sources"], "drivers": edited}
    page = drivers.weighed(tables)
    html, markdown = page.html(), page.markdown()
    frame = drivers.drivers_frame(tables)
    assert html.count('<section class="mibook-driver"') == len(frame)
    assert html.count("<dt>") == 3 * len(frame)
    assert html.count('<dd class="mibook-context">') == len(frame)  # the record is marked as context
    unchecked = (frame.record_support.astype(str) == "not checked").sum()
    assert html.count('<dd class="mibook-context">Not checked against the record.</dd>') == unchecked > 0
    assert markdown.count("*The record:* Not checked against the record\\. *Our reading:*") == unchecked
    assert 'href="appendix/checks.html#k-defence-01"' in html  # a card with no chapter of its own: its checks
    assert "k-defence-01" not in markdown  # print has no checks page to link to: the verdicts only
    assert "(checks\\: consistent\\, consistent; sources: [India West\\, 28 February 2019](<https://" in markdown
    assert '<span class="mibook-context-sources">sources: <a href="https://www.indiawest.com/' in html  # the card's
    # sources, as a chapter's box names its checks' sources
    assert "k-afghanistan-01" not in html and "(in full in Afghanistan.)" in markdown  # its chapter's box has them
    assert markdown.count("*Our reading:*") == len(frame)
    every = "on CPEC” (¶2, ¶5)."  # every ¶ of the change's claims
    assert f"{every}</dd>" in html and f"{every} *The record:*" in markdown
    assert "<script" not in drivers.weighed({**{n: data[n] for n in ("claims", "checks", "sources")},
                                             "drivers": _hostile(data)}).html()


def test_a_check_link_stays_inside_its_attribute(data):
    frame = data["drivers"].copy()
    frame["check_ids"] = frame.check_ids.where(frame.check_ids.isna(), 'k-x" onclick="alert(1)')
    checks = pd.DataFrame({"check_id": ['k-x" onclick="alert(1)'], "verdict": ["consistent"],
                           "checked": ['That he said "yes" <b>.'], "source_ids": ["s-bokhari-2019"]})
    tables = {"claims": data["claims"], "checks": checks, "sources": data["sources"], "drivers": frame}
    html = drivers.weighed(tables).html()
    assert 'onclick="' not in html and 'href="appendix/checks.html#k-x&quot; onclick=&quot;alert(1)"' in html
    assert 'title="That he said &quot;yes&quot; &lt;b&gt;."' in html


def _hostile(data):
    frame = data["drivers"].copy()
    frame["reading"] = "<script>alert(1)</script>"
    return frame


def test_each_check_shows_its_verdict_linked_to_it_with_what_was_checked_on_hover(data):
    frame = data["drivers"].copy().assign(record_home=None)
    checked = frame.check_ids.notna()
    frame.loc[checked, "check_ids"] = "k-a"
    frame.loc[checked.idxmax(), "check_ids"] = "k-a;k-b"
    checks = pd.DataFrame({"check_id": ["k-a", "k-b"], "verdict": ["consistent", "no record found"],
                           "checked": ["That A.", "That B."], "source_ids": ["s-bokhari-2019"] * 2})
    page = drivers.weighed({"claims": data["claims"], "checks": checks, "sources": data["sources"], "drivers": frame})
    a = '<a href="appendix/checks.html#k-a" title="That A.">● consistent</a>'
    b = '<a href="appendix/checks.html#k-b" title="That B.">– no record found</a>'
    assert page.html().count(f" (check: {a})") == checked.sum() - 1 and page.html().count(f" (checks: {a}, {b})") == 1
    assert page.markdown().count("(checks\\: consistent\\, no record found.)") == 1


def test_a_record_set_out_in_a_chapter_links_there_and_leaves_its_checks_to_that_chapter(data):
    """The card keeps the record short and points to the chapter that sets it out in full, whose box shows its
    checks (web: a link; print: the chapter's name); a record whose home is this page points nowhere."""
    frame = data["drivers"].copy()
    frame["record_home"] = None
    frame.loc[frame.driver_id == "d-sco", "record_home"] = "trade"  # a chapter the data do not send it to
    frame.loc[frame.driver_id == "d-us-tilt", ["check_ids", "record_note"]] = None
    frame.loc[frame.driver_id == "d-us-tilt", ["record_support", "record_home"]] = ["not checked", "energy"]
    page = drivers.weighed({"claims": data["claims"], "checks": data["checks"], "sources": data["sources"],
                            "drivers": frame})
    html, markdown = page.html(), page.markdown()
    assert html.count("in full in") == 2 and markdown.count("in full in") == 2
    assert 'and India&#x27;s. (in full in <a href="trade.html">Trade</a>)</dd>' in html
    assert 'Not checked against the record. (in full in <a href="energy.html">Energy</a>)</dd>' in html
    assert "and India\\'s\\. (in full in Trade.) *Our reading:*" in markdown
    assert "Not checked against the record\\. (in full in Energy.) *Our reading:*" in markdown
    real = drivers.weighed(data).html()
    assert real.count("in full in") == data["drivers"].record_home.notna().sum() > 0


def test_each_driver_is_one_section_and_one_print_paragraph_with_its_claim_whole(data):
    drivers_table = data["drivers"].copy()
    drivers_table.loc[0, "claim"] = "Russia sold helicopters to firm X."  # only its full stop gives way to the ¶
    page = drivers.weighed({"claims": data["claims"], "checks": data["checks"], "sources": data["sources"],
                            "drivers": drivers_table})
    html, markdown = page.html(), page.markdown()
    n = len(drivers_table)
    assert html.startswith('<div class="mibook-drivers"><section') and html.count("</section><section") == n - 1
    assert "<dd>Russia sold helicopters to firm X (¶" in html
    paragraphs = markdown.strip("\n").split("\n\n")
    assert len(paragraphs) == n and all(p.startswith("**") and "\n" not in p for p in paragraphs), paragraphs[:2]
    assert "*The article:* Russia sold helicopters to firm X (¶" in markdown


def test_every_reading_the_data_allow_has_its_words(data):
    assert list(data["drivers"].pull.cat.categories) == list(drivers.PULL_WORDS)


def test_a_change_with_no_record_found_says_so(data):
    edited = data["drivers"].astype({"record_support": str}).assign(record_support="no record found")
    glance = drivers.at_a_glance({"claims": data["claims"], "drivers": edited})
    assert set(glance["Its claim, on the record"]) == {"no record found"}


def test_a_card_gives_its_reasons_and_leaves_the_verdict_to_the_table(data):
    """Each card's reading is its reasons, on the web and in print; the verdict in words is the table's alone."""
    page = drivers.weighed(data)
    html, markdown = page.html(), page.markdown()
    for row in drivers.drivers_frame(data).itertuples():
        assert f"<dt>Our reading</dt><dd>{escape(row.reading)}</dd>" in html, row.label
        assert f"*Our reading:* {markdown_escape(row.reading)}" in markdown, row.label
    for verdict in drivers.PULL_WORDS.values():
        assert verdict not in html and markdown_escape(verdict) not in markdown
