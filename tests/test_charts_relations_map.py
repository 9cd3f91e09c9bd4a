"""The overview's relations map: every tied actor and every tie, a theme filter, a computed finding."""

import pytest

from mibook.charts.relations_map import relations_map


@pytest.fixture(scope="module")
def chart(data):
    return relations_map(data)


def test_name_description_and_finding(chart):
    assert chart.name == "overview-relations-map"
    assert chart.spec["title"]["text"] == (
        "32 of the 35 stated ties involve Russia or Pakistan; 14 link the two directly")
    assert "15 actors" in chart.spec["description"]


def test_every_relation_is_drawn(chart, data):
    assert sorted(chart.table.relation_id) == sorted(data["relations"].relation_id)


def test_every_tied_actor_is_drawn(chart, data):
    relations = data["relations"]
    nodes = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "circle")
    dataset = chart.spec["datasets"][nodes["data"]["name"]]
    assert {row["actor_id"] for row in dataset} == set(relations.source) | set(relations.target)


def test_theme_filter_is_bound_in_html_only(chart):
    params = [p for layer in chart.spec["layer"] for p in layer.get("params", [])] + chart.spec.get("params", [])
    theme = next(p for p in params if p["name"] == "theme_filter")
    assert theme["value"] == "all" and "bind" in theme
    rules = chart.svg().split('class="mark-rule')[1].split("</g>")[0]
    assert rules.count("<line") == len(chart.table) == 35  # the static SVG (and PDF) show every tie


# --- in a browser: the theme filter works offline ---------------------------------------------------


@pytest.fixture(scope="module")
def map_site(tmp_path_factory, chart):
    """The chart on a page at a chapter's path, with the book's chart scripts served beside it."""
    import importlib.util

    from mibook import paths
    from tests.browser import serve

    spec = importlib.util.spec_from_file_location("mibook_sphinx", paths.PROJECT_ROOT / "_ext" / "mibook_sphinx.py")
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    root = tmp_path_factory.mktemp("relations-map-site")
    static = root / "_static"
    static.mkdir()
    (static / extension.BUNDLE).write_text(extension.wrapped_bundle(), encoding="utf-8")
    (static / "mibook-charts.js").write_text((extension.STATIC / "mibook-charts.js").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    page = root / "chapters" / "overview.html"
    page.parent.mkdir()
    head = "<meta charset='utf-8'><link rel='icon' href='data:,'><title>Relations map</title>"
    scripts = "".join(f"<script src='../_static/{name}'></script>" for name in (extension.BUNDLE, "mibook-charts.js"))
    page.write_text(f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{chart.html()}{scripts}</body></html>",
                    encoding="utf-8")
    with serve(root) as base:
        yield f"{base}/chapters/overview.html"


@pytest.mark.browser
def test_theme_filter_shows_only_that_themes_ties_offline(map_site, data):
    from playwright.sync_api import sync_playwright

    from tests.book import require_tool
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, PageRecorder

    relations = data["relations"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_tool("chromium", CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        recorder = PageRecorder(page, map_site.split("/chapters/")[0])
        page.goto(map_site)
        page.wait_for_selector('[data-chart-id="overview-relations-map"][data-chart-rendered="true"]')

        def drawn_ties() -> int:
            return page.locator(".mibook-chart-live g.mark-rule line").count()

        assert drawn_ties() == len(relations)
        select = page.locator(".mibook-chart-live .vega-bindings select")
        options = select.locator("option").all_text_contents()
        assert options == ["all", *sorted(set(relations.theme.astype(str)))]
        for theme in ("energy", "afghanistan"):
            select.select_option(theme)
            page.wait_for_timeout(100)
            assert drawn_ties() == int((relations.theme == theme).sum())
        select.select_option("all")
        page.wait_for_timeout(100)
        assert drawn_ties() == len(relations)
        assert recorder.off_host() == [] and recorder.failures == [] and recorder.errors == []
        browser.close()
