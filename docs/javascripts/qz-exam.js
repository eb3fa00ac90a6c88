/*
 * qz-exam.js: 模拟考试, a timed paper drawn from all banks, scored by the configured points.
 *
 * Nothing is lost: the sitting (its questions, answers, flags, when it began and how long it
 * may last) is kept as the draft "exam" (qz-drafts.js) as the member answers, and comes
 * back after a reload, instant navigation or closing the tab, the clock running on wall
 * time; if the time ran out meanwhile it is submitted with what was answered, and the
 * member is told. Leaving mid-exam asks first, in the page (WeChat blocks confirm()).
 * The timer line is qz-exam-clock.js, the 答题卡 qz-exam-sheet.js, the result and the
 * history qz-exam-report.js.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var TEXT = qz.text("exam");
  var KEY = "exam";
  var MAX_QUESTIONS = 500;

  function isText(value) {
    return typeof value === "string" && value.length > 0 && value.length < 200;
  }

  /* A stored sitting, checked field by field (it is hostile input), or null. */
  function checked(value) {
    var ok = qz.drafts.isRecord(value) && Array.isArray(value.paper) && value.paper.length > 0 &&
      value.paper.length <= MAX_QUESTIONS && value.paper.every(function (item) {
        return qz.drafts.isRecord(item) && isText(item.b) && isText(item.id);
      }) && typeof value.began === "number" && isFinite(value.began) &&
      (value.limit === null || (typeof value.limit === "number" && value.limit > 0 &&
                                isFinite(value.limit)));
    if (!ok) return null;
    return { paper: value.paper, began: value.began, limit: value.limit,
             flags: Array.isArray(value.flags) ? value.flags.filter(isText) : [],
             answers: qz.drafts.isRecord(value.answers) ? value.answers : {} };
  }

  /* A new paper: for each type, the configured number of questions at random, never two
     questions with the same point (they test the same fact). */
  function draw(pool, config) {
    var paper = [];
    var points = {};
    Object.keys(v.TYPES).forEach(function (type) {
      var wanted = config.counts[type] || 0;
      v.shuffled(pool.filter(function (entry) {
        return entry.data.type === type;
      })).forEach(function (entry) {
        var point = entry.data.point;
        if (!wanted || (point && points[point])) return;
        if (point) points[point] = true;
        paper.push(entry);
        wanted -= 1;
      });
    });
    return paper;
  }

  function exam(view, index) {
    var stop = null; // the sitting's cleanup, while one runs
    var config = JSON.parse(view.getAttribute("data-qz-exam"));
    var stage = view.querySelector("[data-qz-stage]");
    var start = view.querySelector("[data-qz-start]");
    var known = {};
    index.banks.forEach(function (bank) {
      known[bank.id] = true;
    });

    function begin(paper, state, note) {
      stage.textContent = "";
      start.hidden = true;
      view.querySelector("[data-qz-history]").hidden = true;
      if (view.isConnected) stop = sit(view, stage, paper, index, config, state, note, finished);
    }
    function finished() {
      stop = null;
      start.hidden = false;
      start.disabled = false;
      qz.examReport.history(view, index);
      prepare(); // the next paper, for 再考一次
    }
    /* A paper drawn from the whole pool (qz.data.pool: on a big site the catalogue, not the
       questions), then only its questions fetched. */
    function draft() {
      return qz.data.pool(index.banks.map(function (bank) {
        return bank.id;
      })).then(function (pool) {
        return qz.data.questions(draw(pool, config));
      });
    }
    /* Drawn while the member reads the instructions, so that 开始考试 only lays it out; what
       went wrong is said on the tap, which draws again. */
    var next = null;
    function prepare() {
      next = draft();
      next.then(null, function () {
        return null;
      });
    }
    function gone() {
      qz.storage.dropDraft(KEY);
      start.disabled = false;
      v.status(view).textContent = TEXT.draftGone;
    }

    var saved = qz.storage.draft(KEY);
    var sitting = checked(saved);
    qz.examReport.history(view, index);
    if (saved !== null && !sitting) gone();
    if (sitting) {
      // Resume: every question must still exist, else the sitting cannot be scored fairly.
      start.disabled = true;
      if (!sitting.paper.every(function (item) {
        return known[item.b];
      })) {
        gone();
        prepare();
      } else {
        qz.data.questions(sitting.paper.map(function (item) {
          return { bank: item.b, id: item.id };
        })).then(function (paper) {
          if (paper.indexOf(null) !== -1) {
            gone();
            prepare();
          } else if (view.isConnected) {
            begin(paper, sitting, "resumed");
          }
        }, function () {
          gone();
          prepare();
        });
      }
    } else {
      prepare();
    }

    start.addEventListener("click", function () {
      start.disabled = true;
      v.status(view).textContent = v.TEXT.loading;
      var drawn = next || draft();
      next = null;
      drawn.then(function (paper) {
        if (paper.indexOf(null) !== -1) throw new Error("a drawn question is gone");
        v.status(view).textContent = "";
        begin(paper, { paper: paper.map(function (entry) {
          return { b: entry.bank, id: entry.data.id };
        }), began: Date.now(), limit: config.minutes * 60000, flags: [], answers: {} }, "");
      }).then(null, function () {
        start.disabled = false;
        v.status(view).textContent = v.TEXT.failed;
        prepare();
      });
    });
    return function () {
      if (stop) stop();
    };
  }

  function sit(view, stage, paper, index, config, state, note, finished) {
    var made = null;
    var sheet = null;
    var keeper = null;
    var timeUpNote = "";
    var running = false; // false while starting: a time-up then happened while away
    var clock = qz.examClock(state, function () {
      if (keeper) keeper.save();
    }, function () {
      timeUpNote = running ? TEXT.timeUp : TEXT.timeUpAway;
      made.submit(); // unanswered questions are submitted as they are
    });
    var status = v.el("p", { "class": "qz-study__status", role: "status" });
    stage.appendChild(clock.line);
    stage.appendChild(clock.controls);
    stage.appendChild(status);
    made = v.quiz(stage, "exam", paper, index, function (results) {
      clock.stop();
      unguard();
      keeper.drop();
      keeper.stop(); // nothing more to keep: not even on pagehide
      sheet.finish(results);
      var panel = qz.examReport.report(stage, made, results, config, Date.now() - state.began,
                                       index, sheet, timeUpNote);
      finished(); // the history above grows: only then is the result scrolled under the header
      panel.scrollIntoView({ block: "start" });
      panel.focus({ preventScroll: true });
    }, { confirmSubmit: function () {
      var left = sheet.unanswered();
      var ask = left ? qz.format(TEXT.unansweredAsk, { count: left }) : TEXT.submitAsk;
      return qz.dialog.confirm({ message: ask,
                                 ok: TEXT.submit, cancel: TEXT.keepAnswering });
    } });
    made.root.querySelector("[data-qz-reset]").hidden = true;
    made.submitButton.textContent = TEXT.submit;
    var back = qz.drafts.refill(made.questions, state.answers);
    sheet = qz.examSheet(made, config, state, function () {
      keeper.save();
    }, clock.progress);
    stage.insertBefore(sheet.nav, made.root);
    keeper = qz.drafts.watch(made.root, KEY, function () {
      state.answers = qz.drafts.responses(made.questions);
      return state;
    });

    // Leaving mid-exam asks first: links on the page (instant navigation) and real unloads.
    var leaving = false;
    function onClick(event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || leaving || event.defaultPrevented || link.target === "_blank") return;
      if (link.origin !== location.origin || stage.contains(link)) return;
      if (link.pathname === location.pathname && link.hash) return; // same page: stays
      event.preventDefault();
      event.stopPropagation();
      qz.dialog.confirm({ message: TEXT.leaveAsk, ok: TEXT.leave, cancel: TEXT.stay }).then(function (yes) {
        if (!yes) return;
        leaving = true;
        if (keeper) keeper.save();
        link.click(); // now through instant navigation, as the member meant
      });
    }
    function onBeforeUnload(event) {
      keeper.save();
      event.preventDefault();
      event.returnValue = ""; // the browser's own prompt; the sitting is saved either way
    }
    window.addEventListener("click", onClick, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    function unguard() {
      window.removeEventListener("click", onClick, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
    }

    keeper.save();
    if (!clock.start()) return function () {}; // the time ran out while away: submitted
    running = true;
    if (note === "resumed") {
      status.textContent = qz.format(TEXT.resumed, { answered: back, total: made.questions.length });
    }
    var first = made.questions[0].el.querySelector("input");
    if (first && note !== "resumed") first.focus();
    return function () {
      clock.stop(); // left mid-exam: the sitting is saved and comes back on return
      unguard();
      keeper.stop();
    };
  }

  v.define("exam", exam);
})();
