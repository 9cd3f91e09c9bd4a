/* Upgrade each static chart ([data-chart-id]) into an interactive vega-embed chart, offline. */
(function () {
  "use strict";

  function upgrade(wrapper) {
    var specNode = wrapper.querySelector("script.mibook-chart-spec");
    var view = wrapper.querySelector(".mibook-chart-view");
    if (!specNode || !view || typeof window.vegaEmbed !== "function") {
      return;
    }
    var target = document.createElement("div");
    target.className = "mibook-chart-live";
    window
      .vegaEmbed(target, JSON.parse(specNode.textContent), { actions: false, renderer: "svg" })
      .then(function () {
        view.replaceChildren(target);
        // The live chart labels itself (Vega puts the description on its SVG) and may hold controls,
        // which an element with role="img" must not contain.
        view.removeAttribute("role");
        view.removeAttribute("aria-label");
        wrapper.setAttribute("data-chart-rendered", "true");
      })
      .catch(function (error) {
        wrapper.setAttribute("data-chart-error", String(error));
        console.warn("chart " + wrapper.getAttribute("data-chart-id") + " kept its static image:", error);
      });
  }

  function upgradeAll() {
    document.querySelectorAll("[data-chart-id]").forEach(upgrade);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgradeAll);
  } else {
    upgradeAll();
  }
})();
