/*
 * qz-paper.js: the "打印时附答案与解析" checkbox of a printable paper (macros/paper.py).
 *
 * Without this script the checkbox stays hidden and the answer key always
 * prints. With it, unticking the box hides the key, on screen as in print,
 * so what the member sees is what the printer gets. The choice is not saved:
 * every visit starts with the key included. Inside WeChat, which cannot print, the paper
 * says how to open it in the system browser.
 */
(function () {
  "use strict";

  var TEXT = window.qz.text("paper");

  /* Put beside the 打印 hint, in the part of the paper that never prints. */
  function wechatNote(screen) {
    if (!qz.isWeChat()) return;
    var note = document.createElement("p");
    note.className = "qz-paper__wechat";
    note.setAttribute("data-qz-wechat", "");
    note.textContent = TEXT.wechat;
    screen.insertBefore(note, screen.firstChild);
  }

  function start() {
    var papers = document.querySelectorAll("[data-qz-paper]:not([data-qz-ready])");
    Array.prototype.forEach.call(papers, function (paper) {
      var option = paper.querySelector("[data-qz-paper-option]");
      var toggle = paper.querySelector("[data-qz-paper-toggle]");
      var key = paper.querySelector("[data-qz-paper-key]");
      if (!option || !toggle || !key) return;
      paper.setAttribute("data-qz-ready", "");
      wechatNote(option.parentNode);
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
