/* Charts ([data-chart-id]): upgrade each static SVG into an interactive vega-embed chart, offline.
 *
 * Fit and theme: the renderer ships the spec (wide, light) and patches that make its other renderings
 * (narrow, wide-dark, narrow-dark); mibook-charts.css picks one by the chart box's width and the page's
 * theme, and this script draws the one it picked (re-drawn when the box is resized or the theme changes).
 * Downloads: SVG, PNG (from the live view) and CSV (the "Data behind this chart" table), named after the chart id.
 */
(function () {
  "use strict";

  function readJson(wrapper, selector) {
    var node = wrapper.querySelector(selector);
    return node ? JSON.parse(node.textContent) : null;
  }

  function patched(spec, patches) {
    patches.forEach(function (patch) {
      var path = patch[0];
      var owner = spec;
      for (var i = 0; i < path.length - 1; i += 1) {
        owner = owner[path[i]];
      }
      owner[path[path.length - 1]] = patch[1];
    });
    return spec;
  }

  /* The rendering the stylesheet picked for this chart: "wide", "narrow", "wide-dark" or "narrow-dark". */
  function renderingFor(wrapper) {
    var style = getComputedStyle(wrapper.querySelector(".mibook-chart-view"));
    var width = style.getPropertyValue("--mibook-width").trim() || "wide";
    return style.getPropertyValue("--mibook-scheme").trim() === "dark" ? width + "-dark" : width;
  }

  function render(wrapper) {
    var spec = readJson(wrapper, "script.mibook-chart-spec");
    var view = wrapper.querySelector(".mibook-chart-view");
    if (!spec || !view || typeof window.vegaEmbed !== "function") {
      return;
    }
    var rendering = renderingFor(wrapper);
    if (rendering !== "wide") {
      spec = patched(spec, readJson(wrapper, "script.mibook-chart-renderings")[rendering]);
    }
    wrapper.setAttribute("data-chart-variant", rendering);
    var target = document.createElement("div");
    target.className = "mibook-chart-live";
    var drawing = {};
    wrapper.mibookDrawing = drawing;
    wrapper.removeAttribute("data-chart-rendered");  // "rendered" means the latest drawing is shown
    window
      .vegaEmbed(target, spec, { actions: false, renderer: "svg" })
      .then(function (result) {
        if (wrapper.mibookDrawing !== drawing) {  // a later drawing (resize, theme) replaces this one
          result.view.finalize();
          return;
        }
        if (wrapper.mibookView) {
          wrapper.mibookView.finalize();
        }
        wrapper.mibookView = result.view;
        view.replaceChildren(target);
        // The live chart labels itself (Vega puts the description on its SVG) and may hold controls,
        // which an element with role="img" must not contain.
        view.removeAttribute("role");
        view.removeAttribute("aria-label");
        wrapper.setAttribute("data-chart-rendered", "true");
        addDownloads(wrapper);
        if (targetId() === wrapper.id) {
          wrapper.scrollIntoView();
        }
      })
      .catch(function (error) {
        wrapper.setAttribute("data-chart-error", String(error));
        console.warn("chart " + wrapper.getAttribute("data-chart-id") + " kept its static image:", error);
      });
  }

  /* The element id the address points at, or null (a malformed #%E0%A4%A must not throw). */
  function targetId() {
    try {
      return decodeURIComponent(window.location.hash.slice(1)) || null;
    } catch (error) {
      return null;
    }
  }

  function csvOf(table) {
    return Array.prototype.map
      .call(table.querySelectorAll("tr"), function (row) {
        return Array.prototype.map
          .call(row.querySelectorAll("th, td"), function (cell) {
            var text = cell.textContent.trim();
            return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
          })
          .join(",");
      })
      .join("\r\n") + "\r\n";
  }

  function save(filename, url) {
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function saveBlob(filename, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    save(filename, url);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  var FORMATS = {
    svg: function (wrapper, name) {
      return wrapper.mibookView.toSVG().then(function (markup) {
        saveBlob(name + ".svg", markup, "image/svg+xml");
      });
    },
    png: function (wrapper, name) {
      return wrapper.mibookView.toImageURL("png", 2).then(function (url) { save(name + ".png", url); });
    },
    csv: function (wrapper, name) {
      saveBlob(name + ".csv", csvOf(wrapper.querySelector("table.mibook-chart-table")), "text/csv;charset=utf-8");
      return Promise.resolve();
    },
  };

  function addDownloads(wrapper) {
    var tools = wrapper.querySelector(".mibook-chart-tools");
    if (!tools || tools.querySelector(".mibook-download")) {
      return;
    }
    var name = wrapper.getAttribute("data-chart-id");
    var permalink = tools.querySelector(".mibook-chart-permalink");
    var label = document.createElement("span");
    label.textContent = "Download:";
    tools.insertBefore(label, permalink);
    Object.keys(FORMATS).forEach(function (format) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mibook-download";
      button.setAttribute("data-format", format);
      button.textContent = format.toUpperCase();
      button.title = name + "." + format;
      button.addEventListener("click", function () {
        FORMATS[format](wrapper, name).catch(function (error) { console.warn("download failed:", error); });
      });
      tools.insertBefore(button, permalink);
    });
  }

  function redrawIfChanged(wrapper) {
    if (wrapper.getAttribute("data-chart-variant") && renderingFor(wrapper) !== wrapper.getAttribute("data-chart-variant")) {
      render(wrapper);
    }
  }

  function upgradeAll() {
    var charts = Array.prototype.slice.call(document.querySelectorAll("[data-chart-id]"));
    charts.forEach(function (wrapper) {
      render(wrapper);
      if (typeof ResizeObserver === "function") {
        new ResizeObserver(function () { redrawIfChanged(wrapper); }).observe(wrapper);
      }
    });
    new MutationObserver(function () { charts.forEach(redrawIfChanged); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgradeAll);
  } else {
    upgradeAll();
  }
})();
