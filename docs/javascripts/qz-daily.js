/*
 * qz-daily.js: 每日一题, the same question for everyone on the same date.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var T = v.TEXT;

  /* The same question for everyone on the same date: a hash of the date picks it. */
  function dailyPick(date, total) {
    var hash = 2166136261;
    for (var i = 0; i < date.length; i++) hash = Math.imul(hash ^ date.charCodeAt(i), 16777619);
    return (hash >>> 0) % total;
  }

  function daily(view, index) {
    var date = qz.today();
    var total = index.banks.reduce(function (sum, bank) {
      return sum + bank.count;
    }, 0);
    var pick = dailyPick(date, total);
    var bank = index.banks[0];
    for (var i = 0; i < index.banks.length; i++) {
      bank = index.banks[i];
      if (pick < bank.count) break;
      pick -= bank.count;
    }
    view.querySelector("[data-qz-date]").textContent = date;
    qz.data.banks([bank.id]).then(function (loaded) {
      var entry = { bank: bank.id, data: loaded[bank.id].questions[pick] };
      var made = v.quiz(view.querySelector("[data-qz-stage]"), "daily", [entry], index);
      made.root.querySelector("[data-qz-reset]").hidden = true;
      var share = v.el("p", { "class": "qz-daily__share" }, T.shareLink);
      var url = qz.data.url(entry.data.link);
      share.appendChild(v.el("a", { href: url, "data-qz-share": "" }, url));
      made.root.appendChild(share);
    }, function () {
      v.status(view).textContent = T.failed;
    });
  }

  v.define("daily", daily);
})();
