/*
 * qz-paper.js: the "打印时附答案与解析" checkbox of a printable paper (macros/paper.py).
 *
 * Without this script the checkbox stays hidden and the answer key always
 * prints. With it, unticking the box hides the key, on screen as in print,
 * so what the member sees is what the printer gets. The choice is not saved:
 * every visit starts with the key included.
 */
(function () {
  "use strict";

  function start() {
    var papers = document.querySelectorAll("[data-qz-paper]:not([data-qz-ready])");
    Array.prototype.forEach.call(papers, function (paper) {
      var option = paper.querySelector("[data-qz-paper-option]");
      var toggle = paper.querySelector("[data-qz-paper-toggle]");
      var key = paper.querySelector("[data-qz-paper-key]");
      if (!option || !toggle || !key) return;
      paper.setAttribute("data-qz-ready", "");
      function apply() {
        key.hidden = !toggle.checked;
      }
      toggle.addEventListener("change", apply);
      option.hidden = false;
      apply();
    });
  }

  qz.onPage(start);
})();
