"""Tables, evidence popovers and the page scripts, measured in Chromium on the built book.

Tables: no prose column (cells averaging 8 words or more) narrower than 16 characters at any width; no
sideways scrolling to read a row at 1280 or 768 px; at phone width a table of prose is stacked cards,
every field labelled. Evidence: every ¶ and claim link shows the article's words on hover, keyboard
focus and tap; Escape closes. Scripts: the lists filter and sort (by keyboard too), the cite box copies
without the Clipboard API. Each check is also run against a deliberately broken table or script, where
it must fail.
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from mibook import appendix, context
from mibook.labels import THEME_LABELS
from tests.browser import PageRecorder, page_paths, serve

pytestmark = pytest.mark.browser
WIDTHS = [1280, 768, 390]
PHONE_MAX = 600  # px: up to here a table of prose is stacked cards (mibook-tables.css)
PROSE_WORDS, MIN_PROSE_CHARS = 8, 16
LEDGER, CHECKS = "chapters/appendix/claims-ledger.html", "chapters/appendix/checks.html"
READING = "chapters/trade.html"  # prose ¶ references, an evidence table and claim links in its record box
POPOVER = "#mibook-evidence-popover"
# A check run against a broken script waits for what never comes: once the page has loaded, its waits give up
# after this instead of Playwright's default 30 s (checks against the working script keep the default).
BROKEN_TIMEOUT_MS = 5000

# Every visible table in the article column: per column its mean words per cell and its narrowest
# content width in characters ("0" widths of the cell's font); whether anything scrolls sideways; whether
# its rows are stacked blocks and every filled cell is labelled (its ::before content).
MEASURE_TABLES = """() => {
  const article = document.querySelector('article.bd-article');
  if (!article) return [];
  const canvas = document.createElement('canvas').getContext('2d');
  const chars = cell => {
    const s = getComputedStyle(cell);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const inner = cell.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return inner / canvas.measureText('0').width;
  };
  return [...article.querySelectorAll('table')].filter(t => t.checkVisibility()).map((table, n) => {
    const rows = [...table.tBodies].flatMap(b => [...b.rows]).filter(r => r.checkVisibility());
    const columns = [];
    for (const row of rows) {
      [...row.cells].forEach((cell, i) => {
        const text = cell.textContent.trim();
        if (!text) return;
        const c = columns[i] = columns[i] || {words: 0, cells: 0, minChars: Infinity};
        c.words += text.split(/\\s+/).length; c.cells += 1; c.minChars = Math.min(c.minChars, chars(cell));
      });
    }
    let scrolls = table.getBoundingClientRect().right > article.getBoundingClientRect().right + 1;
    for (let el = table; el && el !== article; el = el.parentElement) {
      if (el.scrollWidth > el.clientWidth + 1) scrolls = true;
    }
    const unlabelled = rows.flatMap(r => [...r.cells]).filter(c => c.textContent.trim() &&
      !/[A-Za-z¶]/.test(getComputedStyle(c, '::before').content)).length;
    return {table: `${n}: ${(table.tHead ? table.tHead.textContent : '').trim().slice(0, 40)}`,
            columns: columns.filter(Boolean).map(c => ({meanWords: c.words / c.cells, minChars: c.minChars})),
            scrolls, stacked: rows.length > 0 && rows.every(r => getComputedStyle(r).display === 'block'),
            unlabelled};
  });
}"""

BROKEN_TABLE = (  # a prose table as a renderer that forgot the rules would emit it
    '<div class="mibook-scroll"><table class="mibook-table"><thead><tr><th>Id</th><th>Quote</th></tr></thead>'
    '<tbody><tr><td style="white-space: nowrap">' + "an-identifier-that-never-breaks-" * 4 + "</td>"
    "<td>" + "a quote of many words that should have had the room " * 2 + "</td></tr></tbody></table></div>"
)


def table_problems(tables: list[dict], width: int) -> list[str]:
    """What breaks the rules among `tables` (MEASURE_TABLES) at viewport `width`."""
    problems = []
    for table in tables:
        prose = [c for c in table["columns"] if c["meanWords"] >= PROSE_WORDS]
        problems += [f"{table['table']}: a prose column {c['minChars']:.1f} characters wide"
                     for c in prose if c["minChars"] < MIN_PROSE_CHARS]
        if width > PHONE_MAX and table["scrolls"]:
            problems.append(f"{table['table']}: scrolls sideways")
        if width <= PHONE_MAX and prose and not (table["stacked"] and table["unlabelled"] == 0):
            problems.append(f"{table['table']}: not stacked cards with labelled fields "
                            f"({table['unlabelled']} unlabelled cells)")
    return problems


@pytest.fixture(scope="module")
def site(html_book):
    with serve(html_book) as base_url:
        yield base_url


def open_page(browser, url: str, width: int = 1280, broken: tuple[str, str, str] | None = None, **options):
    """A page at `width`; `broken` = (script, text, replacement) serves that script with one edit."""
    page = browser.new_page(viewport={"width": width, "height": 900}, **options)
    if broken:
        script, text, replacement = broken

        def edited(route):
            body = route.fetch().text()
            assert text in body, f"{script} no longer contains {text!r}"
            route.fulfill(body=body.replace(text, replacement), content_type="text/javascript")

        page.route(re.compile(rf"/_static/{re.escape(script)}"), edited)
    page.goto(url)
    if broken:
        page.set_default_timeout(BROKEN_TIMEOUT_MS)
    return page


# --- tables ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_reads_at_every_width(browser, site, html_book, width):
    problems = []
    for path in page_paths(html_book):
        page = open_page(browser, f"{site}/{path}", width)
        problems += [f"{path}: {p}" for p in table_problems(page.evaluate(MEASURE_TABLES), width)]
        page.close()
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_table_rules_catch_a_broken_table(browser, site, width):
    page = open_page(browser, f"{site}/{READING}", width)
    page.evaluate("html => document.querySelector('article.bd-article section').insertAdjacentHTML('beforeend', html)",
                  BROKEN_TABLE)
    problems = table_problems(page.evaluate(MEASURE_TABLES), width)
    page.close()
    assert problems and all(p.split(": ")[1] == "IdQuote" for p in problems), problems


# --- evidence popovers ----------------------------------------------------------------------------


def first_paragraph_ref(page) -> tuple[str, int]:
    """The first visible ¶ link the script has taken up, marked for the checks' selectors."""
    page.wait_for_load_state("load")
    link = page.locator('article a.mibook-evidence-ref[href*="source.html#p-"]:visible').first
    link.evaluate("a => a.setAttribute('data-under-test', '')")
    return "[data-under-test]", int(link.get_attribute("href").rsplit("-", 1)[1])


def check_hover(page, data) -> None:
    selector, number = first_paragraph_ref(page)
    page.hover(selector)
    page.wait_for_selector(POPOVER, state="visible", timeout=2000)
    text = {p.number: p.text for p in data.paragraphs}[number]
    assert text in page.text_content(POPOVER)
    assert page.get_attribute(f"{POPOVER} a", "href").endswith(f"source.html#p-{number}")
    page.mouse.move(1, 1)
    page.wait_for_selector(POPOVER, state="hidden", timeout=2000)


def check_keyboard(page, data) -> None:
    selector, number = first_paragraph_ref(page)
    page.focus(selector)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus arrives by keyboard
    assert page.evaluate(f"document.activeElement === document.querySelector('{selector}')")
    page.wait_for_selector(POPOVER, state="visible", timeout=2000)
    assert page.get_attribute(selector, "aria-describedby") == POPOVER[1:]
    assert page.get_attribute(POPOVER, "role") == "tooltip"
    page.keyboard.press("Escape")
    page.wait_for_selector(POPOVER, state="hidden", timeout=2000)
    assert page.get_attribute(selector, "aria-describedby") is None


def check_touch(page, data) -> None:
    selector, number = first_paragraph_ref(page)
    before = page.url
    page.tap(selector)
    page.wait_for_selector(POPOVER, state="visible", timeout=2000)
    assert page.url == before, "the first tap followed the link instead of showing the words"
    page.locator("article.bd-article h1").first.tap()
    page.wait_for_selector(POPOVER, state="hidden", timeout=2000)


def check_claim(page, data) -> None:
    page.wait_for_load_state("load")
    link = page.locator('article a.mibook-evidence-ref[href*="claims-ledger.html#"]:visible').first
    claim = link.get_attribute("href").split("#")[1]
    link.hover()
    page.wait_for_selector(POPOVER, state="visible", timeout=2000)
    row = data["claims"].set_index("claim_id").loc[claim]
    assert row.quote in page.text_content(POPOVER) and f"¶{row.paragraph}" in page.text_content(POPOVER)


def check_focus_into_popover(page, data) -> None:
    """Focus moving from a ¶ link into its popover (to follow "Read ¶N in the article") keeps the popover
    open; Escape still closes it."""
    selector, number = first_paragraph_ref(page)
    page.focus(selector)
    page.wait_for_selector(POPOVER, state="visible", timeout=2000)
    page.focus(f"{POPOVER} a")
    page.wait_for_timeout(700)  # past the 300 ms a leaving pointer or focus is given
    assert page.is_visible(POPOVER), "the popover closed as focus moved into it"
    assert page.evaluate(f"document.activeElement === document.querySelector('{POPOVER} a')")
    page.keyboard.press("Escape")
    page.wait_for_selector(POPOVER, state="hidden", timeout=2000)


EVIDENCE_CHECKS = {  # each check, and the edit to the script that must make it fail
    "hover": (check_hover, 'link.addEventListener("mouseenter"', 'link.addEventListener("mouseenter-off"'),
    "keyboard": (check_keyboard, 'event.key === "Escape"', 'event.key === "Esc-off"'),
    "focus": (check_keyboard, 'link.addEventListener("focus"', 'link.addEventListener("focus-off"'),
    "touch": (check_touch, "if (tapped === false)", "if (false)"),
    "claim": (check_claim, "data.claims[hash]", "null"),
    "focus-into-popover": (check_focus_into_popover, "if (!popover.contains(event.relatedTarget)) { hideSoon(); }",
                           "hideSoon();"),
}


def _run_check(page, site, check, data, broken: bool) -> None:
    """Run a behaviour's check on an open page: it passes with no off-host request or page error, or, against
    the deliberately broken script, it fails. Closes the page."""
    recorder = PageRecorder(page, site)
    if broken:
        with pytest.raises((AssertionError, PlaywrightError)):
            check(page, data)
    else:
        check(page, data)
        assert recorder.off_host() == [] and recorder.errors == []
    page.close()


@pytest.mark.parametrize("broken", [False, True], ids=["script", "broken-script"])
@pytest.mark.parametrize("name", list(EVIDENCE_CHECKS))
def test_evidence_shows_on_hover_focus_and_tap(browser, site, data, name, broken):
    check, text, replacement = EVIDENCE_CHECKS[name]
    touch = {"has_touch": True, "is_mobile": True} if check is check_touch else {}
    page = open_page(browser, f"{site}/{READING}", 390 if touch else 1280,
                     ("mibook-evidence.js", text, replacement) if broken else None, **touch)
    _run_check(page, site, check, data, broken)


def test_every_reference_on_a_reading_page_has_its_evidence(browser, site, html_book):
    """Every "¶N" text and every claim link in the article column is a link that shows its words."""
    bare = r"""() => {
      const article = document.querySelector('article.bd-article');
      if (!article) return [];
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const found = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const next = node.nextSibling ? node.nextSibling.textContent : '';
        const glued = /¶$/.test(node.textContent) && /^\d/.test(next);  // "¶" + a glued number
        if (!/¶\s?\d/.test(node.textContent) && !glued) continue;
        if (node.parentElement.closest('svg, script, .mibook-evidence-ref')) continue;
        found.push(node.textContent.trim().slice(0, 60));
      }
      for (const a of article.querySelectorAll('a[href*="claims-ledger.html#"]')) {
        if (!a.classList.contains('mibook-evidence-ref')) found.push(a.outerHTML.slice(0, 80));
      }
      return found;
    }"""
    missing = []
    reading = [p for p in page_paths(html_book) if p.startswith("chapters/") and "/appendix/" not in p]
    assert reading
    for path in reading:
        page = open_page(browser, f"{site}/{path}")
        page.wait_for_load_state("load")
        missing += [f"{path}: {m}" for m in page.evaluate(bare)]
        page.close()
    assert missing == []


# --- filters and sorting --------------------------------------------------------------------------


def visible_items(page) -> list[str]:
    return page.eval_on_selector_all("[data-mibook-item]", "items => items.filter(i => !i.hidden).map(i => i.id)")


def check_ledger_filters(page, data) -> None:
    claims = data["claims"]
    page.wait_for_selector("[data-ledger-ready=true]")
    page.select_option(".mibook-ledger-theme", "energy")
    assert sorted(visible_items(page)) == sorted(claims[claims.theme == "energy"].claim_id)
    assert page.text_content(".mibook-ledger-count") == f"{len(visible_items(page))} of {len(claims)} claims"
    page.select_option(".mibook-ledger-theme", "")
    page.fill(".mibook-ledger-search", "OPIUM supply")
    assert visible_items(page) == list(claims[claims.quote.str.lower().str.contains("opium supply")].claim_id)
    quotes = claims.quote.str.lower()
    page.fill(".mibook-ledger-search", "opium Pakistan")  # every word must match, in any order: not any word
    assert visible_items(page) == list(claims[quotes.str.contains("opium") & quotes.str.contains("pakistan")].claim_id)


def check_ledger_sorts_by_keyboard(page, data) -> None:
    page.wait_for_selector("[data-ledger-ready=true]")
    page.focus('th button[data-sort-key="paragraph"]')
    page.keyboard.press("Enter")  # ascending: article order
    page.keyboard.press("Enter")  # descending
    order = appendix.claims_ledger(data).claims.claim_id
    assert visible_items(page) == list(order[::-1])
    assert page.get_attribute('th:has(button[data-sort-key="paragraph"])', "aria-sort") == "descending"
    page.focus('.mibook-ledger-sorts button[data-sort-key="speaker"]')
    page.keyboard.press("Space")
    speakers = page.eval_on_selector_all("[data-mibook-item] .mibook-about-speaker", "s => s.map(e => e.textContent)")
    assert speakers == sorted(speakers, key=str.lower) and len(set(speakers)) > 1
    assert page.get_attribute('button[data-sort-key="speaker"]', "aria-pressed") == "true"


def check_checks_cards(page, data) -> None:
    checks = context.checks_frame(data)
    page.wait_for_selector(".mibook-checks[data-ledger-ready=true]")
    assert sorted(visible_items(page)) == sorted(checks.check_id)
    page.select_option(".mibook-ledger-theme", "energy")
    assert sorted(visible_items(page)) == sorted(checks[checks.theme.astype(str) == "energy"].check_id)
    assert page.text_content(".mibook-ledger-count") == f"{len(visible_items(page))} of {len(checks)} checks"
    page.select_option(".mibook-ledger-theme", "")
    page.focus('button[data-sort-key="verdict"]')
    page.keyboard.press("Enter")
    shown = page.eval_on_selector_all(".mibook-verdict", "v => v.map(e => e.dataset.verdict)")
    ranks = [context.verdicts(data).index(v) for v in shown]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1


def check_ledger_reveals_a_linked_claim(page, data) -> None:
    """Following a link to a claim the filters hide (here: a claim of another theme) clears the filters and
    shows it, so the link never lands on nothing."""
    claims = data["claims"]
    page.wait_for_selector("[data-ledger-ready=true]")
    page.select_option(".mibook-ledger-theme", "energy")
    hidden = str(claims[claims.theme.astype(str) != "energy"].claim_id.iloc[0])
    assert hidden not in visible_items(page)
    page.evaluate("id => { location.hash = id; }", hidden)
    page.wait_for_function("id => !document.getElementById(id).hidden", arg=hidden)
    assert page.input_value(".mibook-ledger-theme") == ""
    assert sorted(visible_items(page)) == sorted(claims.claim_id)


LIST_CHECKS = {  # page, check, and the edit to mibook-ledger.js that must make it fail
    "ledger-filters": (LEDGER, check_ledger_filters, "item.hidden = !keep;", "item.hidden = false;"),
    "ledger-sorts": (LEDGER, check_ledger_sorts_by_keyboard, "parent.appendChild(item);", "void item;"),
    "checks-filters": (CHECKS, check_checks_cards, "item.hidden = !keep;", "item.hidden = false;"),
    "checks-sorts": (CHECKS, check_checks_cards, "parent.appendChild(item);", "void item;"),
    "ledger-reveals": (LEDGER, check_ledger_reveals_a_linked_claim,
                       'window.addEventListener("hashchange", revealTarget);', ""),
}


@pytest.mark.parametrize("broken", [False, True], ids=["script", "broken-script"])
@pytest.mark.parametrize("name", list(LIST_CHECKS))
def test_lists_filter_and_sort(browser, site, data, name, broken):
    path, check, text, replacement = LIST_CHECKS[name]
    page = open_page(browser, f"{site}/{path}", broken=("mibook-ledger.js", text, replacement) if broken else None)
    _run_check(page, site, check, data, broken)


def test_each_check_card_shows_its_fields_once(browser, site, data):
    """One card per check: the verdict badge, the article's quote, what the record shows, the sources."""
    page = open_page(browser, f"{site}/{CHECKS}", 390)
    cards = page.eval_on_selector_all(".mibook-check", """cards => cards.map(c => ({
      id: c.id, verdict: c.querySelector('.mibook-verdict').textContent,
      fields: [...c.querySelectorAll('dt')].map(d => d.textContent),
      values: [...c.querySelectorAll('dd')].map(d => d.textContent),
      theme: c.querySelector('.mibook-check-theme').textContent}))""")
    page.close()
    checks = context.checks_frame(data).set_index("check_id")
    assert sorted(c["id"] for c in cards) == sorted(checks.index)
    for card in cards:
        check = checks.loc[card["id"]]
        assert card["verdict"].endswith(str(check.verdict)) and card["theme"] == THEME_LABELS[str(check.theme)]
        assert card["fields"][0].startswith(f"The article, ¶{check.paragraph}")
        assert [f.split(",")[0] for f in card["fields"] if f != "Why this verdict"] == \
            ["The article", "What the record shows", "Sources"]
        assert card["values"][0] == check.quote and card["values"][1] == check.finding
        assert len(set(card["values"])) == len(card["values"]), f"{card['id']}: a field restates another"


# --- the cite box ---------------------------------------------------------------------------------

NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
document.addEventListener('copy', () => {
  const field = document.activeElement;
  window.mibookCopied = field && 'value' in field ? field.value.slice(field.selectionStart, field.selectionEnd)
    : String(document.getSelection());
});
"""


def check_copy_fallback(page, data) -> None:
    page.click("button[data-copy=cite-text]")
    page.wait_for_function("document.querySelector('.mibook-copy-status').textContent !== ''")
    assert page.text_content(".mibook-copy-status") == "Copied."
    assert page.evaluate("window.mibookCopied") == page.text_content("#cite-text").strip()


@pytest.mark.parametrize("broken", [False, True], ids=["script", "broken-script"])
def test_cite_copies_without_the_clipboard_api(browser, site, data, broken):
    page = browser.new_page()
    page.add_init_script(NO_CLIPBOARD)
    if broken:
        page.route(re.compile(r"/_static/mibook-cite\.js"), lambda route: route.fulfill(
            body=route.fetch().text().replace('document.execCommand("copy")', "false"),
            content_type="text/javascript"))
    page.goto(f"{site}/index.html")
    if broken:  # the copy is refused: the reader is told so, not "Copied.", and nothing was copied
        page.click("button[data-copy=cite-text]")
        page.wait_for_function("document.querySelector('.mibook-copy-status').textContent !== ''")
        assert page.text_content(".mibook-copy-status") == "Could not copy: select the text and copy it."
        assert not page.evaluate("window.mibookCopied")
    else:
        check_copy_fallback(page, data)
    page.close()


# --- print ----------------------------------------------------------------------------------------


@pytest.mark.pdf
def test_no_evidence_popover_reaches_the_pdf(pdf_book):
    """The PDF keeps "¶4" as plain text: no popover words or data, no ¶ made a link."""
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(pdf_book).pages)
    assert re.search(r"¶\s?\d", text)
    assert "Read ¶" not in text and "The article, ¶" not in text and '"paragraphs"' not in text
    latex = pdf_book.with_suffix(".tex").read_text(encoding="utf-8")
    assert re.findall(r"\\sphinx(?:crossref|href)\{[^}]*¶\d", latex) == []  # a ¶ made a link
