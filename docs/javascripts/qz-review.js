/*
 * qz-review.js: 错题本, the questions due for spaced review today.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var T = v.TEXT;

  function review(view, index) {
    var due = qz.storage.reviews(true);
    var all = qz.storage.reviews(false);
    var stage = view.querySelector("[data-qz-stage]");
    if (!due.length) {
      var later = all.map(function (entry) {
        return entry.due;
      }).sort()[0];
      v.status(view).textContent = T.noReview + (later ? T.nextReview(later) : "");
      return;
    }
    v.status(view).textContent = T.reviewCount(due.length, all.length);
    var banks = due.map(function (entry) {
      return entry.bank;
    }).filter(function (bank, i, list) {
      return list.indexOf(bank) === i && index.banks.some(function (known) {
        return known.id === bank;
      });
    });
    qz.data.banks(banks).then(function (loaded) {
      var wanted = {};
      due.forEach(function (entry) {
        wanted[entry.id] = true;
      });
      var chosen = v.entries(loaded).filter(function (entry) {
        return wanted[entry.data.id];
      });
      // Questions removed from the banks have already left the book: qz-storage.js prunes
      // it by the question index that started this view.
      if (!chosen.length) {
        v.status(view).textContent = T.noReview;
        return;
      }
      var made = v.quiz(stage, "review", chosen, index, function () {
        v.status(view).textContent = T.reviewDone;
      });
      made.root.querySelector("[data-qz-reset]").hidden = true;
    }, function () {
      v.status(view).textContent = T.failed;
    });
  }

  v.define("review", review);
})();
