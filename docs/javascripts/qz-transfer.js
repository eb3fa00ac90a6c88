/*
 * qz-transfer.js: the 导出/导入 view; the record logic is qz-records.js.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var T = v.TEXT;

  function records(view) {
    var message = v.status(view);
    view.querySelector("[data-qz-export]").addEventListener("click", function () {
      var blob = new Blob([qz.records.exportText()], { type: "application/json" });
      var link = v.el("a", { href: URL.createObjectURL(blob),
                           download: "机关党建学习记录-" + qz.today() + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      message.textContent = T.exported;
    });
    view.querySelector("[data-qz-import]").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      event.target.value = "";
      if (file.size > qz.records.maxBytes) { // refused unread: a huge file would freeze the page
        message.textContent = qz.records.TEXT.tooLarge + qz.records.TEXT.refused;
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        message.textContent = qz.records.importText(String(reader.result)) || T.imported;
      };
      reader.readAsText(file);
    });
  }

  v.define("records", records, { index: false });
})();
