/*
 * qz-checklist.js: remembers the ticks of task-list checklists (新同志入门's 入门清单).
 *
 * macros/checklist.py gives every box a stable key (data-qz-check); the tick
 * is kept with qz.storage, like quiz progress, in this browser only.
 */
(function () {
  "use strict";

  var qz = window.qz;

  function start() {
    var boxes = Array.prototype.slice.call(
      document.querySelectorAll("input[data-qz-check]:not([data-qz-ready])")
    );
    boxes.forEach(function (box) {
      box.setAttribute("data-qz-ready", "");
      box.checked = qz.storage.isChecked(box.getAttribute("data-qz-check"));
      box.addEventListener("change", function () {
        qz.storage.saveCheck(box.getAttribute("data-qz-check"), box.checked);
        showProblem(box.closest("ul"));
      });
    });
    if (boxes.length) showProblem(boxes[0].closest("ul"));
  }

  function showProblem(list) {
    var note = list.nextElementSibling;
    if (!note || !note.hasAttribute("data-qz-storage-note")) {
      note = document.createElement("p");
      note.className = "qz__note";
      note.setAttribute("data-qz-storage-note", "");
      list.parentNode.insertBefore(note, list.nextSibling);
    }
    note.textContent = qz.storage.problem();
    note.hidden = !note.textContent;
  }

  qz.onPage(start);
})();
