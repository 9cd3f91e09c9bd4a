"""The built book in a real browser: offline, no errors, charts upgrade, static fallback, accessible,
charts and tables fit every width, dark mode keeps chart text legible, per-chart downloads, print."""

import csv
import io
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from mibook import style
from tests.browser import (
    CHART_TEXT_PAINTS,
    MEASURE_CHARTS,
    PageRecorder,
    chart_pages,
    composite,
    hex_colour,
    page_paths,
    serve,
    wait_for_charts,
)

pytestmark = pytest.mark.browser
CHART_TIMEOUT_MS = 5000
WIDTHS = [1440, 1280, 768, 390, 320]
PHONE = 390
MIN_PHONE_TEXT_PX = 10.5  # "about 11 px": the type scale's smallest size, drawn at least at 95 %


@pytest.fixture(scope="module")
def site(html_book):
    with serve(html_book) as base_url:
        yield base_url


def test_every_page_is_offline_and_error_free(browser, site, html_book):
    problems = []
    for path in page_paths(html_book):
        context = browser.new_context()
        page = context.new_page()
        recorder = PageRecorder(page, site)
        page.goto(f"{site}/{path}", wait_until="networkidle")
        charts = page.locator("[data-chart-id]")
        for i in range(charts.count()):
            chart_id = charts.nth(i).get_attribute("data-chart-id")
            try:
                page.wait_for_selector(f'[data-chart-id="{chart_id}"][data-chart-rendered="true"]',
                                       timeout=CHART_TIMEOUT_MS)
            except Exception:
                problems.append(f"{path}: chart {chart_id} not rendered within 5 s")
        page.wait_for_timeout(200)
        problems += [f"{path}: request to another host: {u}" for u in recorder.off_host()]
        problems += [f"{path}: failed request: {f}" for f in recorder.failures]
        problems += [f"{path}: {e}" for e in recorder.errors]
        context.close()
    assert problems == [], "\n".join(problems)


def test_charts_become_interactive_vega_views(browser, site, html_book):
    for path in chart_pages(html_book):
        page = browser.new_page()
        page.goto(f"{site}/{path}")
        wait_for_charts(page)
        live = page.locator("[data-chart-id] .mibook-chart-live svg.marks")
        assert live.count() == page.locator("[data-chart-id]").count(), path
        assert page.locator(".vega-actions").count() == 0, f"{path}: vega-embed actions link off-site"
        page.close()


def test_static_svg_is_there_without_javascript(browser, site, html_book):
    context = browser.new_context(java_script_enabled=False)
    for path in chart_pages(html_book):
        page = context.new_page()
        page.goto(f"{site}/{path}")
        charts = page.locator("[data-chart-id]")
        assert charts.count() > 0
        shown = page.eval_on_selector_all("[data-chart-id] .mibook-chart-static > svg",
                                          "svgs => svgs.filter(s => s.getClientRects().length > 0).length")
        assert shown == charts.count(), f"{path}: {shown} static renderings shown for {charts.count()} charts"
        page.close()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_pages_have_no_serious_accessibility_violations(browser, site, html_book, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = []
    context = browser.new_context(color_scheme=scheme)
    for path in chart_pages(html_book):
        page = context.new_page()
        page.goto(f"{site}/{path}", wait_until="networkidle")
        assert page.get_attribute("html", "data-theme") == scheme, "the theme follows prefers-color-scheme"
        wait_for_charts(page)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
        page.close()
    context.close()
    assert found == []


def test_claims_ledger_filters_in_the_built_book(browser, site, data):
    claims = data["claims"]
    page = browser.new_page()
    recorder = PageRecorder(page, site)
    page.goto(f"{site}/chapters/appendix/claims-ledger.html")
    page.wait_for_selector("[data-ledger-ready=true]")

    def visible() -> list[str]:
        return page.eval_on_selector_all("tbody tr[id]", "rows => rows.filter(r => !r.hidden).map(r => r.id)")

    assert len(visible()) == len(claims)
    page.select_option(".mibook-ledger-theme", "trade")
    assert sorted(visible()) == sorted(claims[claims.theme == "trade"].claim_id)
    page.select_option(".mibook-ledger-theme", "")
    page.fill(".mibook-ledger-search", "chess players")
    assert visible() == list(claims[claims.quote.str.contains("chess players")].claim_id)
    first = claims.claim_id.iloc[0]  # a row's text opens with its id: a match at the very start counts
    page.fill(".mibook-ledger-search", first)
    assert first in visible()
    assert recorder.off_host() == [] and recorder.errors == []
    page.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["live", "static"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_and_table_fits_the_column(browser, site, html_book, width, javascript):
    """No page scrolls sideways; every chart lies within the article column and nothing around it
    overflows or scrolls; on a phone, live chart text is drawn at about 11 px or more."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    problems, measured = [], 0
    for path in page_paths(html_book):
        page = context.new_page()
        page.goto(f"{site}/{path}")
        if javascript:
            wait_for_charts(page)
        scroll, client = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        if scroll > client:
            problems.append(f"{path}: the page scrolls sideways ({scroll} px in {client} px)")
        for chart in page.evaluate(MEASURE_CHARTS):
            measured += 1
            where = f"{path} {chart['id']} ({chart['variant']})"
            if chart["left"] < -0.5 or chart["right"] < -0.5:
                problems.append(f"{where}: sticks out of the column by {-min(chart['left'], chart['right']):.0f} px")
            problems += [f"{where}: {element} overflows or scrolls" for element in chart["overflowing"]]
            if javascript and width <= PHONE < width + 1 and chart["minFont"] < MIN_PHONE_TEXT_PX:
                problems.append(f"{where}: text drawn at {chart['minFont']:.1f} px")
        page.close()
    context.close()
    assert measured > 0
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("live", [True, False], ids=["live", "static"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_contrast_in_both_themes(browser, site, html_book, scheme, live):
    """Every chart text, against what is drawn behind it (marks, the page: no card), >= 4.5:1, in the live
    chart and in the static rendering the page shows for its theme (Vega's script blocked)."""
    context = browser.new_context(color_scheme=scheme)
    problems, texts = [], 0
    for path in chart_pages(html_book):
        page = context.new_page()
        if not live:
            page.route("**/vega-bundle.js*", lambda route: route.abort())
        page.goto(f"{site}/{path}")
        assert page.get_attribute("html", "data-theme") == scheme
        if live:
            wait_for_charts(page)
        cards = page.eval_on_selector_all(
            "[data-chart-id] .mibook-chart-view", "views => views.map(v => getComputedStyle(v.closest('.text_html')"
            " || v).backgroundColor)")
        problems += [f"{path}: a chart sits on a {card} card" for card in cards if card not in ("rgba(0, 0, 0, 0)",)]
        for text in page.evaluate(CHART_TEXT_PAINTS):
            texts += 1
            background = composite(text["under"], base=(0, 0, 0))
            colour = composite([text["fill"]], base=background)
            ratio = style.contrast(hex_colour(colour), hex_colour(background))
            if ratio < style.MIN_CONTRAST:
                problems.append(f"{path} {text['chart']}: {text['text']!r} {hex_colour(colour)} on "
                                f"{hex_colour(background)} is {ratio:.2f}:1")
        page.close()
    context.close()
    assert texts > 0
    assert not problems, "\n".join(sorted(set(problems)))


class _ChartTables(HTMLParser):
    """Each chart's data table as the built page writes it (thead and tbody rows, cell texts trimmed), by
    chart id: the data the CSV download must carry, read without the browser."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.chart, self.in_table, self.cell = None, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-chart-id" in attrs:
            self.chart = attrs["data-chart-id"]
        elif tag == "table" and "mibook-chart-table" in (attrs.get("class") or "").split():
            self.in_table = True
            self.tables[self.chart] = []
        elif self.in_table and tag == "tr":
            self.tables[self.chart].append([])
        elif self.in_table and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif self.in_table and tag in ("th", "td") and self.cell is not None:
            self.tables[self.chart][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _chart_tables(html_book) -> dict[tuple[str, str], list[list[str]]]:
    tables = {}
    for path in chart_pages(html_book):
        parser = _ChartTables()
        parser.feed((html_book / path).read_text(encoding="utf-8"))
        tables.update({(path, chart): rows for chart, rows in parser.tables.items()})
    return tables


QUOTING = """return /[",\\n\\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;"""


def _download_problems(browser, site, html_book, unquoted_csv: bool = False) -> list[str]:
    """Every chart's SVG, PNG and CSV downloads: named for the chart, an SVG, a PNG, and the CSV parsed
    back with Python's csv module equal cell by cell to the chart's data table in the built page;
    `unquoted_csv` serves mibook-charts.js with its CSV quoting removed."""
    expected = _chart_tables(html_book)
    context = browser.new_context(accept_downloads=True)
    if unquoted_csv:
        def unquoted(route):
            body = route.fetch().text()
            assert QUOTING in body, "mibook-charts.js no longer quotes CSV cells this way"
            route.fulfill(body=body.replace(QUOTING, "return text;"), content_type="text/javascript")
        context.route("**/mibook-charts.js*", unquoted)
    problems, charts_seen = [], 0
    for path in chart_pages(html_book):
        page = context.new_page()
        recorder = PageRecorder(page, site)
        page.goto(f"{site}/{path}")
        wait_for_charts(page)
        for chart in page.locator("[data-chart-id]").all():
            charts_seen += 1
            chart_id = chart.get_attribute("data-chart-id")
            header = chart.locator("table.mibook-chart-table thead th").all_text_contents()
            files = {}
            for fmt in ("svg", "png", "csv"):
                with page.expect_download() as download:
                    chart.locator(f'button.mibook-download[data-format="{fmt}"]').click()
                if download.value.suggested_filename != f"{chart_id}.{fmt}":
                    problems.append(f"{chart_id}: file named {download.value.suggested_filename}")
                files[fmt] = open(download.value.path(), "rb").read()
            if not ElementTree.fromstring(files["svg"]).tag.endswith("svg"):
                problems.append(f"{chart_id}: the SVG is not an SVG")
            if not files["png"].startswith(b"\x89PNG\r\n\x1a\n"):
                problems.append(f"{chart_id}: the PNG has no PNG signature")
            rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8"), newline="")))
            want = expected[(path, chart_id)]
            if len(rows) != len(want):
                problems.append(f"{chart_id}: CSV has {len(rows)} rows, the data {len(want)}")
            problems += [f"{chart_id}: CSV row {i} {got!r} != data {row!r}"
                         for i, (got, row) in enumerate(zip(rows, want, strict=False)) if got != row]
            if any(c.islower() or "_" in c for c in "".join(h[:1] for h in header)) or any("_" in h for h in header):
                problems.append(f"{chart_id}: column names are not for readers: {header}")
            permalink = chart.locator("a.mibook-chart-permalink").get_attribute("href")
            if permalink != f"#chart-{chart_id}" or chart.get_attribute("id") != f"chart-{chart_id}":
                problems.append(f"{chart_id}: permalink {permalink}")
        problems += recorder.off_host() + recorder.errors
        page.close()
    context.close()
    assert charts_seen > 0
    return problems


def test_every_chart_downloads_svg_png_and_its_data_as_csv(browser, site, html_book):
    """RFC 4180 CSV: a cell with a comma, a double quote or a line break is quoted (quotes doubled), so the
    CSV reads back as the chart's data; the charts' tables hold such cells, so the quoting is exercised."""
    cells = [cell for rows in _chart_tables(html_book).values() for row in rows for cell in row]
    assert any("," in cell for cell in cells)
    assert _download_problems(browser, site, html_book) == []


def test_the_download_check_catches_a_csv_without_quoting(browser, site, html_book):
    """The check above, against the page script with its CSV quoting removed, finds the cells that differ."""
    problems = _download_problems(browser, site, html_book, unquoted_csv=True)
    assert any(": CSV row " in p for p in problems), problems


def test_permalink_and_malformed_address_fragments(browser, site, html_book):
    path = chart_pages(html_book)[0]
    page = browser.new_page()
    recorder = PageRecorder(page, site)
    chart_id = page.goto(f"{site}/{path}") and page.get_attribute("[data-chart-id]:last-of-type", "data-chart-id")
    page.goto(f"{site}/{path}#chart-{chart_id}")
    wait_for_charts(page)
    top, margin = page.eval_on_selector(f"#chart-{chart_id}", """e => [e.getBoundingClientRect().top,
        (parseFloat(getComputedStyle(e).scrollMarginTop) || 0)
        + (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0)]""")
    assert abs(top - margin) <= 2, f"the permalink lands on its chart, at the top: {top} px, not {margin}"
    page.goto(f"{site}/{path}#%E0%A4%A")
    wait_for_charts(page)
    page.wait_for_timeout(200)
    assert recorder.errors == []
    page.close()


CHROME = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".header-article", ".prev-next-area",
          ".theme-switch-button", ".mibook-chart-tools", ".mibook-chart-data", "details.above-input"]


def test_print_shows_the_article_column_only(browser, site, html_book):
    page = browser.new_page()
    for path in chart_pages(html_book):
        page.goto(f"{site}/{path}")
        wait_for_charts(page)
        page.emulate_media(media="print")
        shown = page.evaluate("""selectors => selectors.flatMap(s => [...document.querySelectorAll(s)]
            .filter(e => e.getClientRects().length > 0).map(() => s))""", CHROME)
        assert shown == [], f"{path}: printed chrome {sorted(set(shown))}"
        assert page.is_visible("article.bd-article")
        breaks = page.eval_on_selector_all("[data-chart-id]", "cs => cs.map(c => getComputedStyle(c).breakInside)")
        assert breaks and set(breaks) == {"avoid"}, path
        page.emulate_media(media="screen")
    page.close()


# vegaEmbed made slow while `window.mibookSlow` is set: the renders begun then finish last.
SLOW_FIRST_RENDERS = """(() => {
  let real;
  window.mibookSlow = true;
  Object.defineProperty(window, "vegaEmbed", {
    configurable: true,
    set(value) { real = value; },
    get() {
      return real && ((...args) => {
        const drawn = real(...args);
        return window.mibookSlow ? drawn.then(r => new Promise(done => setTimeout(() => done(r), 1500))) : drawn;
      });
    },
  });
})();"""
FIRST_NARROWABLE = "document.querySelector('script.mibook-chart-renderings').closest('[data-chart-id]').dataset.chartId"


def test_a_render_that_finishes_late_never_replaces_the_one_for_the_current_width(browser, site, html_book):
    """The cause of a flaky 10.4 px: a width change while a chart draws starts a second render; the first,
    finishing last, put the wide chart back into the phone's column (scaled down below the type scale)."""
    path = next(p for p in chart_pages(html_book) if "mibook-chart-renderings" in (html_book / p).read_text("utf-8"))
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.add_init_script(SLOW_FIRST_RENDERS)
    page.goto(f"{site}/{path}")
    page.wait_for_function("() => document.querySelector('[data-chart-variant]')")
    page.evaluate("window.mibookSlow = false")
    page.set_viewport_size({"width": PHONE, "height": 900})  # while the first, wide renders are still drawing
    page.wait_for_timeout(2500)  # every slow first render has finished by now
    wait_for_charts(page)
    chart_id = page.evaluate(FIRST_NARROWABLE)
    (chart,) = [c for c in page.evaluate(MEASURE_CHARTS) if c["id"] == chart_id]
    assert chart["variant"] == "narrow" and chart["minFont"] >= MIN_PHONE_TEXT_PX, chart
    context.close()


def _switches(browser, site, path: str, script_edit=None) -> list[str]:
    """The rendering a page's first chart shows at 1280 px, after the window narrows to 390 px, and after
    the reader picks the dark theme; `script_edit` rewrites mibook-charts.js first (to break it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    if script_edit:
        def serve_edited(route):
            route.fulfill(response=route.fetch(), body=script_edit(route.fetch().text()),
                          content_type="application/javascript")
        page.route("**/mibook-charts.js*", serve_edited)
    page.goto(f"{site}/{path}")
    wait_for_charts(page)
    chart = page.locator("[data-chart-id]").first

    def settled() -> str:
        page.wait_for_timeout(600)
        wait_for_charts(page)
        return chart.get_attribute("data-chart-variant")

    seen = [settled()]
    page.set_viewport_size({"width": 390, "height": 900})
    seen.append(settled())
    page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')")
    seen.append(settled())
    live_width = chart.locator(".mibook-chart-live svg").evaluate("s => s.getBoundingClientRect().width")
    seen.append("fits" if live_width <= chart.evaluate("c => c.clientWidth") + 0.5 else f"{live_width:.0f} px wide")
    context.close()
    return seen


def test_live_chart_redraws_for_a_narrow_window_and_the_dark_theme(browser, site, html_book):
    assert _switches(browser, site, chart_pages(html_book)[0]) == ["wide", "narrow", "narrow-dark", "fits"]


@pytest.mark.parametrize("breakage", ["no ResizeObserver", "no theme observer"])
def test_the_redraw_test_catches_a_broken_page_script(browser, site, html_book, breakage):
    """The test above, run against the page script with its resize (or theme) switch removed, fails."""
    needle = "new ResizeObserver(" if breakage == "no ResizeObserver" else "new MutationObserver("
    seen = _switches(browser, site, chart_pages(html_book)[0],
                     lambda script: script.replace(needle, "(function () { return {observe: function () {}}; })("))
    assert seen != ["wide", "narrow", "narrow-dark", "fits"], seen


DOWNLOAD_FORMATS = "c => [...c.querySelectorAll('.mibook-chart-tools .mibook-download')].map(b => b.dataset.format)"
DOWNLOAD_LABELS = ("c => [...c.querySelectorAll('.mibook-chart-tools span')]"
                   ".filter(s => s.textContent === 'Download:').length")


def test_a_redrawn_chart_keeps_one_set_of_download_buttons(browser, site, html_book):
    """Each redraw (a narrower window, then the dark theme) replaces the live chart; its tools still offer
    SVG, PNG and CSV once each, after one "Download:" label."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(f"{site}/{chart_pages(html_book)[0]}")
    wait_for_charts(page)
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.wait_for_timeout(600)
    wait_for_charts(page)
    page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')")
    page.wait_for_timeout(600)
    wait_for_charts(page)
    charts = page.locator("[data-chart-id]")
    assert charts.first.get_attribute("data-chart-variant") == "narrow-dark"  # it was redrawn twice
    for chart in charts.all():
        assert chart.evaluate(DOWNLOAD_FORMATS) == ["svg", "png", "csv"], chart.get_attribute("data-chart-id")
        assert chart.evaluate(DOWNLOAD_LABELS) == 1, chart.get_attribute("data-chart-id")
    context.close()
