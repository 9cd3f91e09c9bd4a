/* Evidence one hover away: every link to a paragraph of the source page (¶N) or to a claim in the ledger
   shows the article's words in a small popover (the paragraph, or the claim's quote, its ¶ and a link to
   it) on hover, on keyboard focus and on tap; Escape, a tap elsewhere or leaving closes it. The words come
   from the page's own JSON (#mibook-evidence, written by _ext/mibook_reading.py). Local, no library. */
(function () {
  "use strict";
  var POPOVER_ID = "mibook-evidence-popover";

  function setUp() {
    var script = document.getElementById("mibook-evidence");
    if (!script) { return; }
    var data;
    try { data = JSON.parse(script.textContent); } catch (malformed) { return; }
    var popover = document.createElement("div");
    popover.id = POPOVER_ID;
    popover.className = "mibook-evidence";
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    document.body.appendChild(popover);
    var current = null;
    var hideTimer = null;
    var tapped = null;  // at a touch on a link: whether its words were showing already

    function evidenceOf(link) {
      var hash = link.hash.slice(1);
      var page = link.pathname.split("/").pop();
      if (page === "source.html" && /^p-\d+$/.test(hash)) {
        var number = hash.slice(2);
        var text = data.paragraphs[number];
        return text ? { paragraph: number, text: text } : null;
      }
      if (page === "claims-ledger.html" && data.claims[hash]) {
        var claim = data.claims[hash];
        return { paragraph: String(claim.paragraph), text: "\u201c" + claim.quote + "\u201d" };
      }
      return null;
    }

    function fill(found) {
      popover.textContent = "";
      var heading = document.createElement("p");
      heading.className = "mibook-evidence-head";
      heading.textContent = "The article, \u00b6" + found.paragraph;
      var words = document.createElement("p");
      words.className = "mibook-evidence-text";
      words.textContent = found.text;
      var more = document.createElement("a");
      more.href = data.source + "#p-" + found.paragraph;
      more.textContent = "Read \u00b6" + found.paragraph + " in the article";
      popover.append(heading, words, more);
    }

    function place(link) {
      var box = link.getBoundingClientRect();
      var width = Math.min(popover.offsetWidth, document.documentElement.clientWidth - 16);
      var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
      var below = box.bottom + 6;
      var top = below + popover.offsetHeight > window.innerHeight && box.top > popover.offsetHeight + 6
        ? box.top - popover.offsetHeight - 6 : below;
      popover.style.left = left + window.scrollX + "px";
      popover.style.top = top + window.scrollY + "px";
    }

    function show(link) {
      clearTimeout(hideTimer);
      if (current === link && !popover.hidden) { return; }
      hide();
      fill(link.mibookEvidence);
      popover.hidden = false;
      place(link);
      current = link;
      link.setAttribute("aria-describedby", POPOVER_ID);
      link.setAttribute("aria-expanded", "true");
    }

    function hide() {
      clearTimeout(hideTimer);
      popover.hidden = true;
      if (current) {
        current.removeAttribute("aria-describedby");
        current.setAttribute("aria-expanded", "false");
      }
      current = null;
    }

    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 300);
    }

    document.querySelectorAll("a[href]").forEach(function (link) {
      var found = link.closest("#" + POPOVER_ID) ? null : evidenceOf(link);
      if (!found) { return; }
      link.mibookEvidence = found;
      link.classList.add("mibook-evidence-ref");
      link.removeAttribute("title");  // the popover replaces the browser's tooltip
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", function (event) {
        if (!popover.contains(event.relatedTarget)) { hideSoon(); }
      });
      link.addEventListener("pointerdown", function (event) {
        tapped = event.pointerType === "touch" ? current === link && !popover.hidden : null;
      });
      link.addEventListener("click", function (event) {
        // A first tap shows the words; a second tap on the same link follows it.
        if (tapped === false) {
          event.preventDefault();
          show(link);
        }
        tapped = null;
      });
    });
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", hideSoon);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) { hide(); }
    });
    document.addEventListener("pointerdown", function (event) {
      if (current && !current.contains(event.target) && !popover.contains(event.target)) { hide(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
