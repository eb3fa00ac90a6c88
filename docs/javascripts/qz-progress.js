/*
 * qz-progress.js: 学习进度, per-topic figures, the checklist and 继续学习.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var T = v.TEXT;

  function progress(view, index) {
    var stats = qz.storage.stats();
    var book = {};
    qz.storage.reviews(false).forEach(function (entry) {
      book[entry.id] = true;
    });
    var list = view.querySelector("[data-qz-topics]");
    index.banks.forEach(function (bank) {
      var seen = 0;
      var mastered = 0;
      var answered = 0;
      var right = 0;
      Object.keys(stats).forEach(function (id) {
        var item = stats[id];
        if (item.bank !== bank.id) return;
        seen += 1;
        answered += item.seen;
        right += item.right;
        if (item.last && !book[id]) mastered += 1;
      });
      seen = Math.min(seen, bank.count);
      mastered = Math.min(mastered, bank.count);
      var accuracy = answered ? Math.round((right / answered) * 100) : 0;
      var item = v.el("li", { "class": "qz-progress", "data-qz-topic": bank.id });
      var link = v.el("a", { href: qz.data.url(bank.url) }, bank.title);
      item.appendChild(link);
      var bar = v.el("progress", { max: String(bank.count), value: String(mastered),
                                 "aria-label": bank.title + " 掌握进度" });
      item.appendChild(bar);
      item.appendChild(v.el("span", { "class": "qz-progress__figures" },
        "做过" + seen + "/" + bank.count + "题，掌握" + mastered + "题，正确率" +
        (answered ? accuracy + "%" : "—")));
      list.appendChild(item);
    });
    var checks = view.querySelector("[data-qz-checklist]");
    var done = index.checklist.filter(function (key) {
      return qz.storage.isChecked(key);
    }).length;
    checks.textContent = "新同志入门清单：已完成" + done + "/" + index.checklist.length + "项。";
    var visit = qz.storage.visit();
    var resume = view.querySelector("[data-qz-resume]");
    // Checked again where it becomes a link: only a page of this site, never "javascript:".
    var path = visit ? qz.storage.sitePath(visit.url) : "";
    var href = path ? qz.data.url(path) : "";
    if (href && href.indexOf(qz.root()) === 0) {
      resume.textContent = T.continueAt;
      resume.appendChild(v.el("a", { href: href }, visit.title));
    }
  }

  v.define("progress", progress);
})();
