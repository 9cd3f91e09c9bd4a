"""The built book in a real browser: offline, no errors, charts upgrade, static fallback, accessible."""

import pytest

from mibook.analysis import overview
from tests.browser import PageRecorder, serve

pytestmark = pytest.mark.browser
CHART_TIMEOUT_MS = 5000


@pytest.fixture(scope="module")
def site(html_book):
    with serve(html_book) as base_url:
        yield base_url


def _page_paths(html_book):
    pages = sorted(str(p.relative_to(html_book)) for p in html_book.rglob("*.html") if "_static" not in p.parts)
    assert pages, f"no built pages under {html_book}"
    return pages


def _chart_pages(html_book):
    return [p for p in _page_paths(html_book) if "data-chart-id=" in (html_book / p).read_text(encoding="utf-8")]


def test_every_page_is_offline_and_error_free(browser, site, html_book):
    problems = []
    for path in _page_paths(html_book):
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
    assert problems == []


def test_charts_become_interactive_vega_views(browser, site, html_book):
    for path in _chart_pages(html_book):
        page = browser.new_page()
        page.goto(f"{site}/{path}")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-chart-id]')].every(c => c.dataset.chartRendered)",
            timeout=CHART_TIMEOUT_MS)
        live = page.locator("[data-chart-id] .mibook-chart-live svg.marks")
        assert live.count() == page.locator("[data-chart-id]").count(), path
        assert page.locator(".vega-actions").count() == 0, f"{path}: vega-embed actions link off-site"
        page.close()


def test_static_svg_is_there_without_javascript(browser, site, html_book):
    context = browser.new_context(java_script_enabled=False)
    for path in _chart_pages(html_book):
        page = context.new_page()
        page.goto(f"{site}/{path}")
        charts = page.locator("[data-chart-id]")
        assert charts.count() > 0
        assert page.locator("[data-chart-id] .mibook-chart-view > svg").count() == charts.count(), path
        page.close()
    context.close()


def test_chart_pages_have_no_serious_accessibility_violations(browser, site, html_book):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = []
    for path in _chart_pages(html_book):
        page = browser.new_page()
        page.goto(f"{site}/{path}", wait_until="networkidle")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
        page.close()
    assert found == []


def test_tie_matrix_renders_live_in_the_built_overview(browser, site, data):
    page = browser.new_page()
    recorder = PageRecorder(page, site)
    page.goto(f"{site}/chapters/overview.html")
    chart = '[data-chart-id="overview-tie-matrix"]'
    page.wait_for_selector(f'{chart}[data-chart-rendered="true"]', timeout=CHART_TIMEOUT_MS)
    cells = page.locator(f"{chart} .mibook-chart-live g.mark-rect path").count()
    assert cells == len(overview.tie_pairs(data))
    assert recorder.off_host() == [] and recorder.failures == [] and recorder.errors == []
    page.close()


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
    assert recorder.off_host() == [] and recorder.errors == []
    page.close()
