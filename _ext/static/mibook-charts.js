/* Charts ([data-chart-id]): upgrade each static SVG into an interactive vega-embed chart, offline.
 *
 * Fit: the renderer ships the spec for the text column and, for phones, patches that make a narrow
 * variant; the variant is picked by the width of the chart's own box (re-picked when it changes), and
 * the SVG scales down to the box if it is still wider (CSS). Downloads: SVG, PNG (from the live view)
 * and CSV (the "Data behind this chart" table), named after the chart id.
 */
(function () {
  "use strict";
  var NARROW_BELOW = 0.96; // the narrow variant once the wide one would shrink chart text below ~10.5 px

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

  function variantFor(wrapper) {
    var wide = Number(wrapper.getAttribute("data-wide-width"));
    var hasNarrow = wrapper.querySelector("script.mibook-chart-narrow") !== null;
    return hasNarrow && wrapper.clientWidth < NARROW_BELOW * wide ? "narrow" : "wide";
  }

  function render(wrapper) {
    var spec = readJson(wrapper, "script.mibook-chart-spec");
    var view = wrapper.querySelector(".mibook-chart-view");
    if (!spec || !view || typeof window.vegaEmbed !== "function") {
      return;
    }
    var variant = variantFor(wrapper);
    if (variant === "narrow") {
      spec = patched(spec, readJson(wrapper, "script.mibook-chart-narrow"));
    }
    wrapper.setAttribute("data-chart-variant", variant);
    // Only the latest render may show: a width change while one is drawing starts another, and the
    // older one, should it finish last, must not replace it. "Rendered" means the latest is shown.
    var ticket = (wrapper.mibookRenders || 0) + 1;
    wrapper.mibookRenders = ticket;
    wrapper.removeAttribute("data-chart-rendered");
    var target = document.createElement("div");
    target.className = "mibook-chart-live";
    window
      .vegaEmbed(target, spec, { actions: false, renderer: "svg" })
      .then(function (result) {
        if (wrapper.mibookRenders !== ticket) {
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

  function watchWidth(wrapper) {
    if (typeof ResizeObserver !== "function") {
      return;
    }
    new ResizeObserver(function () {
      if (wrapper.getAttribute("data-chart-variant") && variantFor(wrapper) !== wrapper.getAttribute("data-chart-variant")) {
        render(wrapper);
      }
    }).observe(wrapper);
  }

  function upgradeAll() {
    document.querySelectorAll("[data-chart-id]").forEach(function (wrapper) {
      render(wrapper);
      watchWidth(wrapper);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgradeAll);
  } else {
    upgradeAll();
  }
})();
