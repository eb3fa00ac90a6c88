/*
 * qz-review-run.js: the 错题本's run in progress, kept as the draft "review" (qz-drafts.js):
 * which run it is (today's due questions or 全部重练), its question ids in order and the
 * answers given but not yet submitted. After a reload, a chat switch in WeChat or a link
 * followed (到原题, 回到原文) and the way back, qz-review.js brings the same run back with
 * those answers filled in. 提交答案 grades the whole run at once and drops the draft: a run
 * that comes back never holds a question already checked into the record.
 *
 *   var saved = qz.reviewRun.restore(entries, due); // { run, list, answers } or null
 *   var keeper = qz.reviewRun.keep(made, run);      // qz.drafts.watch: stop(), drop()
 */
(function () {
  "use strict";

  var qz = window.qz;
  var KEY = "review";
  var RUNS = { due: true, all: true }; // today's due questions, or 全部重练
  var MAX = 5000; // ids: far above any book, so a hand-edited draft cannot stall the page

  /* The stored run, checked field by field (a draft is hostile input), or null. */
  function checked(value) {
    var ok = qz.drafts.isRecord(value) && RUNS[value.run] === true && Array.isArray(value.ids) &&
      value.ids.length > 0 && value.ids.length <= MAX && value.ids.every(function (id) {
        return typeof id === "string";
      });
    if (!ok) return null;
    return { run: value.run, ids: value.ids,
             answers: qz.drafts.isRecord(value.answers) ? value.answers : {} };
  }

  /* The saved run as book entries, in its order. Questions removed from the banks or no
     longer in the book are left out; those that entered the book (全部重练) or fell due
     since join at the end, so the run is still the whole book or all that is due today.
     entries: the book as {bank, data, review}; due: those due today. A draft that is not
     a run, or none of whose questions is left, is dropped: the page starts as usual. */
  function restore(entries, due) {
    var saved = qz.storage.draft(KEY);
    if (saved === null) return null;
    var state = checked(saved);
    var byId = Object.create(null);
    entries.forEach(function (entry) {
      byId[entry.data.id] = entry;
    });
    var taken = Object.create(null);
    var list = [];
    (state ? state.ids : []).forEach(function (id) {
      if (byId[id] && !taken[id]) {
        taken[id] = true;
        list.push(byId[id]);
      }
    });
    if (!list.length) {
      qz.storage.dropDraft(KEY);
      return null;
    }
    (state.run === "all" ? entries : due).forEach(function (entry) {
      if (!taken[entry.data.id]) list.push(entry);
    });
    return { run: state.run, list: list, answers: state.answers };
  }

  /* Keep the run of this quiz (made by qz.views.quiz) as it is answered and when the page
     is hidden or left. Today's due run is what the page shows anyway: it is kept only
     once it holds an answer; a 全部重练 run from its start. */
  function keep(made, run) {
    var ids = made.questions.map(function (question) {
      return question.id;
    });
    return qz.drafts.watch(made.root, KEY, function () {
      var answers = qz.drafts.responses(made.questions);
      if (run === "due" && !Object.keys(answers).length) return null;
      return { run: run, ids: ids, answers: answers };
    });
  }

  qz.reviewRun = { restore: restore, keep: keep };
})();
