/*
 * qz-transfer.js: the 导出/导入 view, by file and by 记录码. The record logic is
 * qz-records.js; the code itself is qz-code.js. A code goes through the same
 * qz.records.importText as a file, so both follow one set of merge and refusal rules.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var TEXT = qz.text("transfer");
  var RECORDS = qz.text("records"); // why a file or code was refused: 本机记录没有改动

  function file(view, message) {
    view.querySelector("[data-qz-export]").addEventListener("click", function () {
      var blob = new Blob([qz.records.exportText()], { type: "application/json" });
      var link = v.el("a", { href: URL.createObjectURL(blob),
                           download: qz.format(TEXT.fileName, { date: qz.today() }) });
      document.body.appendChild(link);
      link.click();
      link.remove();
      message.textContent = TEXT.exported;
    });
    view.querySelector("[data-qz-import]").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      event.target.value = "";
      if (file.size > qz.records.maxBytes) { // refused unread: a huge file would freeze the page
        message.textContent = RECORDS.tooLarge + RECORDS.refused;
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        message.textContent = qz.records.importText(String(reader.result)) || TEXT.imported;
      };
      reader.readAsText(file);
    });
  }

  /* Select the whole code in its read-only box, as a long press would. */
  function select(box) {
    box.focus();
    box.select();
    box.setSelectionRange(0, box.value.length);
  }

  function code(view, message) {
    var out = view.querySelector("[data-qz-code-out]");
    var box = view.querySelector("[data-qz-code-text]");
    var paste = view.querySelector("[data-qz-code-paste]");
    view.querySelector("[data-qz-code-make]").addEventListener("click", function () {
      // The file's text without its indentation: the code is what a message must carry.
      box.value = qz.code.encode(JSON.stringify(JSON.parse(qz.records.exportText())));
      view.querySelector("[data-qz-code-length]").textContent = box.value.length;
      out.hidden = false;
      message.textContent = TEXT.codeMade;
    });
    view.querySelector("[data-qz-code-copy]").addEventListener("click", function () {
      function byHand() {
        select(box);
        var done = false;
        try {
          done = document.execCommand("copy");
        } catch (error) {
          done = false;
        }
        message.textContent = done ? TEXT.copied : TEXT.copyByHand;
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(box.value).then(function () {
          message.textContent = TEXT.copied;
        }, byHand);
      } else {
        byHand();
      }
    });
    view.querySelector("[data-qz-code-import]").addEventListener("click", function () {
      var read = qz.code.decode(paste.value);
      if (read.error) {
        message.textContent = read.error + RECORDS.refused;
        return;
      }
      var problem = qz.records.importText(read.text);
      message.textContent = problem || TEXT.importedCode;
      if (!problem) paste.value = "";
    });
  }

  function records(view) {
    var message = v.status(view);
    view.querySelector("[data-qz-wechat]").hidden = !qz.isWeChat();
    file(view, message);
    code(view, message);
  }

  v.define("records", records, { index: false });
})();
