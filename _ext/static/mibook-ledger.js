/* Filterable lists (claims ledger, checks; mibook/appendix.py `filterable`): a search box and a theme menu
   filter the items ([data-mibook-item]); sort buttons ([data-sort-key]) order them by the element of each
   item marked with the same [data-sort-by] (its data-sort, else its text). Local, no library. Never throws:
   a malformed hash, a missing element or an unexpected value leaves the static list as is. */
(function () {
  "use strict";

  function fold(text) {
    return String(text || "").toLowerCase().replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'")
      .replace(/\s+/g, " ").trim();
  }

  function setUp(ledger) {
    if (ledger.getAttribute("data-ledger-ready")) {
      return;
    }
    var controls = ledger.querySelector(".mibook-ledger-controls");
    var search = ledger.querySelector(".mibook-ledger-search");
    var theme = ledger.querySelector(".mibook-ledger-theme");
    var count = ledger.querySelector(".mibook-ledger-count");
    var items = Array.prototype.slice.call(ledger.querySelectorAll("[data-mibook-item]"));
    if (!controls || !search || !theme || !count || !items.length) {
      return;
    }
    var parent = items[0].parentNode;
    var noun = ledger.getAttribute("data-noun") || "item";
    var text = new Map();
    var position = new Map();
    items.forEach(function (item, index) {
      text.set(item, fold(item.textContent));
      position.set(item, index);
    });

    function apply() {
      var words = fold(search.value).split(" ").filter(Boolean);
      var wanted = theme.value;
      var shown = 0;
      items.forEach(function (item) {
        var keep = (!wanted || item.getAttribute("data-theme") === wanted) &&
          words.every(function (word) { return text.get(item).indexOf(word) !== -1; });
        item.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      count.textContent = shown + " of " + items.length + " " + noun + (items.length === 1 ? "" : "s");
      ledger.setAttribute("data-shown", String(shown));
    }

    function sortKey(item, key) {
      var field = item.querySelector('[data-sort-by="' + key + '"]');
      return field ? field.getAttribute("data-sort") || fold(field.textContent) : "";
    }

    var buttons = Array.prototype.slice.call(ledger.querySelectorAll("button[data-sort-key]"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-sort-key");
        var ascending = button.getAttribute("data-sort-direction") !== "ascending";
        buttons.forEach(function (other) {
          other.removeAttribute("data-sort-direction");
          other.removeAttribute("aria-pressed");
          if (other.parentNode.tagName === "TH") { other.parentNode.removeAttribute("aria-sort"); }
        });
        var direction = ascending ? "ascending" : "descending";
        button.setAttribute("data-sort-direction", direction);
        if (button.parentNode.tagName === "TH") {
          button.parentNode.setAttribute("aria-sort", direction);
        } else {
          button.setAttribute("aria-pressed", "true");
        }
        items.slice().sort(function (a, b) {
          var order = sortKey(a, key).localeCompare(sortKey(b, key), "en", { numeric: true });
          return order !== 0 ? (ascending ? order : -order) : position.get(a) - position.get(b);
        }).forEach(function (item) { parent.appendChild(item); });
      });
    });

    function hashId() {
      try {
        return decodeURIComponent(window.location.hash.slice(1));
      } catch (malformed) {  // e.g. "#%E0%A4%A": not an item id, so nothing to reveal
        return "";
      }
    }

    function revealTarget() {
      // A link to an item (#c-trade-01) must land on a visible item: clear filters that hide it.
      var id = hashId();
      var item = id ? document.getElementById(id) : null;
      if (item && item.hidden && items.indexOf(item) !== -1) {
        search.value = "";
        theme.value = "";
        apply();
        item.scrollIntoView();
      }
    }

    search.addEventListener("input", apply);
    theme.addEventListener("change", apply);
    window.addEventListener("hashchange", revealTarget);
    controls.hidden = false;
    ledger.setAttribute("data-ledger-ready", "true");
    apply();
    revealTarget();
  }

  function setUpAll() {
    document.querySelectorAll("[data-mibook-ledger]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
