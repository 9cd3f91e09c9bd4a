/* Claims ledger: filter (search box + theme) and sort (click a column header). Local, no library.
   Never throws: a malformed hash, a missing element or an unexpected value leaves the static table as is. */
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
    var table = ledger.querySelector("table");
    if (!controls || !search || !theme || !count || !table || !table.tBodies.length || !table.tHead ||
        !table.tHead.rows.length) {
      return;
    }
    var noun = count.getAttribute("data-noun") || "row";
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var text = new Map();
    var position = new Map();
    rows.forEach(function (row, index) {
      text.set(row, fold(row.textContent));
      position.set(row, index);
    });

    function apply() {
      var words = fold(search.value).split(" ").filter(Boolean);
      var wanted = theme.value;
      var shown = 0;
      rows.forEach(function (row) {
        var keep = (!wanted || row.getAttribute("data-theme") === wanted) &&
          words.every(function (word) { return text.get(row).indexOf(word) !== -1; });
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      count.textContent = shown + " of " + rows.length + " " + noun + (rows.length === 1 ? "" : "s");
      ledger.setAttribute("data-shown", String(shown));
    }

    function sortKey(row, column) {
      var cell = row.cells[column];
      return cell ? cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase() : "";
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = header.querySelector("button");
      if (!button) {
        return;
      }
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.slice().sort(function (a, b) {
          var order = sortKey(a, column).localeCompare(sortKey(b, column), "en", { numeric: true });
          return order !== 0 ? (ascending ? order : -order) : position.get(a) - position.get(b);
        }).forEach(function (row) { tbody.appendChild(row); });
      });
    });

    function hashId() {
      try {
        return decodeURIComponent(window.location.hash.slice(1));
      } catch (malformed) {  // e.g. "#%E0%A4%A": not a claim id, so nothing to reveal
        return "";
      }
    }

    function revealTarget() {
      // A link to a claim (#c-trade-01) must land on a visible row: clear filters that hide it.
      var id = hashId();
      var row = id ? document.getElementById(id) : null;
      if (row && row.hidden && tbody.contains(row)) {
        search.value = "";
        theme.value = "";
        apply();
        row.scrollIntoView();
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
