/* "Cite this" copy buttons: offline, no library. Buttons stay hidden without JavaScript (the text
   can still be selected); the Clipboard API where the page is a secure context, else a selection copy. */
(function () {
  "use strict";
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      document.body.removeChild(area);
      if (copied) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  function wire(box) {
    var status = box.querySelector(".mibook-copy-status");
    box.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        copyText(source.textContent.trim()).then(function () {
          status.textContent = "Copied.";
        }, function () {
          status.textContent = "Could not copy: select the text and copy it.";
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".mibook-cite").forEach(wire);
  });
})();
