/*
 * qz-practice.js: 综合练习, one question at a time with feedback after each.
 *
 * A run in progress is kept as the draft "practice" (qz-drafts.js): its questions, where
 * the member is, the answer being given and whether it was checked. After a reload, a chat
 * switch in WeChat or a 回到原文 link followed and the way back, the run resumes there.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var TEXT = qz.text("practice");
  var KEY = "practice";

  /* A stored run, checked field by field (it is hostile input), or null. */
  function checkedRun(value) {
    var ok = qz.drafts.isRecord(value) && Array.isArray(value.items) && value.items.length > 0 &&
      value.items.length <= 100 && value.items.every(function (item) {
        return qz.drafts.isRecord(item) && typeof item.b === "string" && typeof item.id === "string";
      }) && typeof value.position === "number" && value.position >= 0 &&
      value.position < value.items.length && value.position === Math.floor(value.position) &&
      typeof value.right === "number" && value.right >= 0 && value.right <= value.position + 1;
    if (!ok) return null;
    return { items: value.items, position: value.position, right: Math.floor(value.right),
             checked: value.checked === true,
             answers: qz.drafts.isRecord(value.answers) ? value.answers : {} };
  }

  function practice(view, index) {
    var stop = null;
    var form = view.querySelector("form");
    var stage = view.querySelector("[data-qz-stage]");
    // The 专题 choices come with the page (macros/templates/study.html): nothing moves.
    function run(chosen, saved) {
      if (stop) stop();
      stage.textContent = "";
      stop = cards(stage, chosen, index, view, saved);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var banks = checked(form, "bank");
      var types = checked(form, "type");
      var count = Math.max(1, parseInt(form.elements.count.value, 10) || 10);
      v.status(view).textContent = v.TEXT.loading;
      // From the whole pool (on a big site its catalogue): 斩题 and the chosen source (收藏,
      // 错题本, 没做过) filter it first; then only the questions drawn are fetched.
      qz.data.pool(banks).then(function (pool) {
        var drawn = v.shuffled(fromSource(pool.filter(function (entry) {
          return types.indexOf(entry.data.type) !== -1;
        }), checked(form, "source")[0])).slice(0, count);
        return qz.data.questions(drawn);
      }).then(function (found) {
        var chosen = found.filter(Boolean);
        v.status(view).textContent = chosen.length ? "" : TEXT.noQuestions;
        stage.textContent = "";
        if (chosen.length && view.isConnected) run(chosen, null);
      }, function () {
        v.status(view).textContent = v.TEXT.failed;
      });
    });
    resume(view, index, run);
    return function () {
      if (stop) stop();
    };
  }

  /* Bring back a run in progress; one whose questions are gone is dropped, and said. */
  function resume(view, index, run) {
    var saved = qz.storage.draft(KEY);
    var state = checkedRun(saved);
    function gone() {
      qz.storage.dropDraft(KEY);
      v.status(view).textContent = TEXT.gone;
    }
    if (saved === null) return;
    if (!state) return gone();
    var banks = [];
    state.items.forEach(function (item) {
      if (banks.indexOf(item.b) === -1) banks.push(item.b);
    });
    var known = index.banks.map(function (bank) {
      return bank.id;
    });
    if (banks.some(function (id) {
      return known.indexOf(id) === -1;
    })) return gone();
    qz.data.questions(state.items.map(function (item) {
      return { bank: item.b, id: item.id };
    })).then(function (chosen) {
      if (chosen.indexOf(null) !== -1) return gone();
      if (!view.isConnected) return;
      v.status(view).textContent = qz.format(TEXT.resumed, { position: state.position + 1,
                                                             total: chosen.length });
      run(chosen, state);
    }, gone);
  }

  /* The questions of the chosen 题目来源 (收藏, 错题本, never answered, or all), without
     those marked 斩题 (qz-marks.js). */
  function fromSource(pool, source) {
    var record = qz.storage.snapshot();
    var keep = { star: function (id) { return record.marks[id] && record.marks[id].star; },
                 review: function (id) { return !!record.review[id]; },
                 "new": function (id) { return !record.stats[id]; } }[source];
    return pool.filter(function (entry) {
      var id = entry.data.id;
      return !(record.marks[id] && record.marks[id].mastered) && (!keep || keep(id));
    });
  }

  function checked(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]:checked"))
      .map(function (input) {
        return input.value;
      });
  }

  /* One question at a time: 核对本题 shows right or wrong at once, 下一题 moves on.
     saved: a run brought back from its draft, or null for a new one. */
  function cards(stage, chosen, index, view, saved) {
    var made = v.quiz(stage, "practice", chosen, index);
    made.root.querySelector("[data-qz-actions]").hidden = true;
    var state = saved || { items: chosen.map(function (entry) {
      return { b: entry.bank, id: entry.data.id };
    }), position: 0, right: 0, checked: false, answers: {} };
    var keeper = qz.drafts.watch(made.root, KEY, function () {
      state.answers = qz.drafts.responses([made.questions[state.position]]);
      return state;
    });
    var check = v.el("button", { type: "button", "class": "md-button md-button--primary" }, TEXT.check);
    var next = v.el("button", { type: "button", "class": "md-button" }, TEXT.next);
    var bar = v.el("div", { "class": "qz__actions" });
    bar.appendChild(check);
    bar.appendChild(next);
    made.root.insertBefore(bar, made.result);
    function show(n) {
      made.questions.forEach(function (question, i) {
        question.el.hidden = i !== n;
      });
      check.hidden = false;
      next.hidden = true;
    }
    /* After 核对本题 (or when a run comes back checked): 下一题, or the end of the run. */
    function done() {
      check.hidden = true;
      if (state.position + 1 < made.questions.length) {
        next.hidden = false;
        return next;
      }
      keeper.drop();
      keeper.stop(); // the run is over: nothing left to resume
      made.result.textContent = qz.format(TEXT.done, { right: state.right, total: made.questions.length });
      var again = v.el("button", { type: "button", "class": "md-button" }, TEXT.again);
      again.addEventListener("click", function () {
        view.querySelector("form button[type=submit]").click();
      });
      bar.appendChild(again);
      return made.result;
    }
    check.addEventListener("click", function () {
      var question = made.questions[state.position];
      var result = question.grade();
      if (result.correct) state.right += 1;
      question.show(result.response, result.correct);
      qz.storage.record([result], false);
      state.checked = true;
      keeper.save();
      done().focus();
    });
    next.addEventListener("click", function () {
      state.position += 1;
      state.checked = false;
      show(state.position);
      keeper.save();
      var first = made.questions[state.position].el.querySelector("input");
      if (first) first.focus();
    });
    show(state.position);
    var current = made.questions[state.position];
    qz.drafts.refill([current], state.answers);
    if (state.checked) {
      var result = current.grade();
      current.show(result.response, result.correct);
      done();
    } else {
      keeper.save(); // kept from its first question on
      var first = current.el.querySelector("input");
      if (first && !saved) first.focus();
    }
    return function () {
      keeper.stop();
    };
  }

  v.define("practice", practice);
})();
