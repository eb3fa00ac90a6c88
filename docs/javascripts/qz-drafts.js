/*
 * qz-drafts.js: answers given but not yet submitted are kept as they are given.
 *
 * WeChat's built-in browser reloads a page after the member switches to a chat, and
 * instant navigation replaces the page without an unload: so a draft is written shortly
 * after each input or change, and at once when the page is hidden or left. The record
 * itself belongs to qz-storage.js (qz.storage.draft / saveDraft / dropDraft).
 *
 *   var keeper = qz.drafts.watch(root, "quiz:role", function () { return value or null; });
 *   keeper.stop();  // when the view goes: saves what is pending, then stops listening
 *   keeper.drop();  // on submit: this draft is no longer needed
 */
(function () {
  "use strict";

  var qz = window.qz;
  var DELAY = 250; // ms: typing into a blank writes once per pause, not per key
  var TEXT = qz.text("drafts");

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isText(value) {
    return typeof value === "string" && value.length <= 500;
  }

  /* Whether a stored response fits this question as it is now (a draft is hostile input:
     it may come from an older version of the question or from a hand-edited record). */
  function fits(question, response) {
    var values = question.inputs.map(function (input) {
      return input.value;
    });
    if (question.type === "fill") {
      return Array.isArray(response) && response.length <= question.inputs.length &&
        response.every(isText);
    }
    if (question.type === "multiple") {
      return Array.isArray(response) && response.every(function (value) {
        return values.indexOf(value) !== -1;
      });
    }
    return typeof response === "string" && values.indexOf(response) !== -1;
  }

  /* The given (answered) responses of the questions, as { id: { h: hash, r: response } }. */
  function responses(questions) {
    var given = {};
    questions.forEach(function (question) {
      var response = question.response();
      if (qz.check.isAnswered(question.type, response)) {
        given[question.id] = { h: question.hash, r: response };
      }
    });
    return given;
  }

  /* Put saved responses back into the questions they still fit; returns how many. */
  function refill(questions, saved) {
    if (!isRecord(saved)) return 0;
    var count = 0;
    questions.forEach(function (question) {
      var entry = saved[question.id];
      if (!isRecord(entry) || entry.h !== question.hash || !fits(question, entry.r)) return;
      question.fill(entry.r);
      count += 1;
    });
    return count;
  }

  function watch(root, key, read) {
    var timer = null;
    var stopped = false;

    function save() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (stopped) return;
      var value = read();
      if (value === null) qz.storage.dropDraft(key);
      else qz.storage.saveDraft(key, value);
    }
    function later() {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }
    function hidden() {
      if (document.visibilityState === "hidden" && root.isConnected) save();
    }
    function onPagehide() {
      if (root.isConnected) save();
    }
    root.addEventListener("input", later);
    root.addEventListener("change", later);
    window.addEventListener("pagehide", onPagehide);
    document.addEventListener("visibilitychange", hidden);

    function detach() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      root.removeEventListener("input", later);
      root.removeEventListener("change", later);
      window.removeEventListener("pagehide", onPagehide);
      document.removeEventListener("visibilitychange", hidden);
    }
    return {
      /* Save now (e.g. after a flag or a move that is not an input event). */
      save: save,
      /* Later, like an input: for changes made by script. */
      touch: later,
      /* The view is going (instant navigation): what was pending is saved, then no more. */
      stop: function () {
        if (timer) save(); // the inputs still hold what the member gave, detached or not
        detach();
      },
      /* Submitted or cleared: the draft goes (inputs given later start a new one). */
      drop: function () {
        if (timer) clearTimeout(timer);
        timer = null;
        qz.storage.dropDraft(key);
      },
    };
  }

  /* A page quiz's draft ("quiz:<quiz id>"): answers of the questions still open to answer
     (not restored as submitted) come back; returns the keeper, which qz-quiz.js stops
     when the member leaves the page and drops on 提交答案 or 重新作答. */
  function keepQuiz(quiz) {
    var key = "quiz:" + quiz.id;
    function open() {
      return quiz.questions.filter(function (question) {
        return !question.inputs[0] || !question.inputs[0].disabled;
      });
    }
    var back = refill(open(), (qz.storage.draft(key) || {}).answers);
    if (back) quiz.result.textContent = qz.format(TEXT.back, { count: back });
    return watch(quiz.root, key, function () {
      var given = responses(open());
      return Object.keys(given).length ? { answers: given } : null;
    });
  }

  qz.drafts = { watch: watch, keepQuiz: keepQuiz, responses: responses, refill: refill, fits: fits,
                isRecord: isRecord };
})();
