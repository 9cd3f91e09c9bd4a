"""Serving the built book on 127.0.0.1 and driving Debian's Chromium through Playwright."""

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def page_paths(html: Path) -> list[str]:
    """Every page of the built book, relative to its html folder (never an empty list)."""
    pages = sorted(str(p.relative_to(html)) for p in html.rglob("*.html") if "_static" not in p.parts)
    assert pages, f"no built pages under {html}"
    return pages


def chart_pages(html: Path) -> list[str]:
    """The pages that show at least one chart."""
    return [p for p in page_paths(html) if "data-chart-id=" in (html / p).read_text(encoding="utf-8")]


ALL_RENDERED = "() => [...document.querySelectorAll('[data-chart-id]')].every(c => c.dataset.chartRendered)"
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def wait_for_charts(page, timeout_ms: int = 8000) -> None:
    """Wait until every chart on the page shows its live view for the width it now has: rendered, then two
    frames later (a layout change in between has by then started a re-render for the new width, which
    clears `data-chart-rendered`) rendered still or again."""
    page.wait_for_function(ALL_RENDERED, timeout=timeout_ms)
    page.evaluate(TWO_FRAMES)
    page.wait_for_function(ALL_RENDERED, timeout=timeout_ms)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Serve `folder` on an ephemeral 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class PageRecorder:
    """Records every request, failed request, console error and page error of one page."""

    def __init__(self, page, base_url: str):
        self.base_url = base_url
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failures.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failures.append(f"{r.url} -> {r.status}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def off_host(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.base_url) or u.startswith(("data:", "blob:")))]


# For each chart: where its graphic lies in the article column, which ancestors scroll or overflow,
# and its smallest text as drawn (font size times the SVG's scale).
MEASURE_CHARTS = """() => {
  const article = document.querySelector('article.bd-article');
  if (!article) return [];
  const column = article.getBoundingClientRect();
  return [...document.querySelectorAll('[data-chart-id]')].map(chart => {
    const svg = [...chart.querySelectorAll('.mibook-chart-view svg')].find(s => s.getClientRects().length > 0);
    const box = svg.getBoundingClientRect();
    const overflowing = [];
    for (let el = svg.parentElement; el && el !== document.body; el = el.parentElement) {
      if (el.scrollWidth > el.clientWidth + 1) overflowing.push(el.tagName + '.' + el.className);
    }
    const scale = box.width / (svg.viewBox.baseVal.width || svg.width.baseVal.value);
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {id: chart.dataset.chartId, variant: chart.dataset.chartVariant || 'static',
            left: box.left - column.left, right: column.right - box.right, width: box.width,
            overflowing, minFont: Math.min(...sizes)};
  });
}"""

# For each text of each chart: its fill and the paints beneath its centre, topmost first, as
# [r, g, b, alpha] (SVG shapes' fills, then HTML backgrounds up to the page).
CHART_TEXT_PAINTS = """() => {
  const style = document.createElement('style');
  style.textContent = '[data-chart-id] svg * { pointer-events: visiblePainted !important; }';
  document.head.append(style);
  const rgba = (colour, alpha) => {
    const m = colour.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a * alpha];
  };
  const out = [];
  for (const chart of document.querySelectorAll('[data-chart-id]')) {
    for (const text of chart.querySelectorAll('.mibook-chart-view svg text')) {
      if (!text.textContent.trim()) continue;
      const s = getComputedStyle(text);
      if (s.visibility === 'hidden' || s.display === 'none' || s.fill === 'none') continue;
      if (s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 2) continue;  // a halo under the real label
      text.scrollIntoView({block: 'center'});  // elementsFromPoint sees only the viewport
      const r = text.getBoundingClientRect();
      if (r.width === 0) continue;
      const fill = rgba(s.fill, parseFloat(s.fillOpacity) * parseFloat(s.opacity));
      if (!fill || fill[3] === 0) continue;  // Vega hides overlapping axis labels with opacity 0
      // Probe where a glyph is (a label's centre may fall in a space between words).
      const stacks = [0.5, 0.3, 0.7, 0.15, 0.85]
        .map(f => document.elementsFromPoint(r.x + f * r.width, r.y + r.height / 2));
      const stack = stacks.find(s => s.includes(text)) || stacks[0];
      const under = [];
      for (const el of stack) {
        const es = getComputedStyle(el);
        if (el.closest('text')) {  // another label's halo (a wide light stroke) is a background
          const halo = el !== text && es.stroke !== 'none' && parseFloat(es.strokeWidth) >= 2;
          if (halo) { under.push(rgba(es.stroke, parseFloat(es.strokeOpacity))); break; }
          continue;
        }
        const shape = el instanceof SVGGeometryElement && es.fill !== 'none' && !es.fill.startsWith('url');
        const paint = el instanceof SVGElement
          ? (shape ? rgba(es.fill, parseFloat(es.fillOpacity) * parseFloat(es.opacity)) : null)
          : rgba(es.backgroundColor, 1);
        if (paint && paint[3] > 0) under.push(paint);
        if (paint && paint[3] >= 1) break;
      }
      out.push({chart: chart.dataset.chartId, text: text.textContent.trim().slice(0, 40), fill, under});
    }
  }
  style.remove();
  return out;
}"""


def composite(paints: list[list[float]], base=(255, 255, 255)) -> tuple[float, float, float]:
    """The colour seen through `paints` (topmost first, [r, g, b, alpha]) over an opaque `base`."""
    colour = list(base)
    for r, g, b, a in reversed(paints):
        colour = [a * c + (1 - a) * under for c, under in zip((r, g, b), colour, strict=True)]
    return tuple(colour)


def hex_colour(channels) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in channels)
