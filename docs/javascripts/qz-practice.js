/*
 * qz-practice.js: 综合练习, one question at a time with feedback after each.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var T = v.TEXT;

  function practice(view, index) {
    var form = view.querySelector("form");
    var bankBox = form.querySelector("[data-qz-banks]");
    index.banks.forEach(function (bank) {
      var label = v.el("label", { "class": "qz-study__choice" });
      label.appendChild(v.el("input", { type: "checkbox", name: "bank", value: bank.id, checked: "" }));
      label.appendChild(document.createTextNode(" " + bank.title + "（" + bank.count + "题）"));
      bankBox.appendChild(label);
    });
    var stage = view.querySelector("[data-qz-stage]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var banks = checked(form, "bank");
      var types = checked(form, "type");
      var count = Math.max(1, parseInt(form.elements.count.value, 10) || 10);
      v.status(view).textContent = T.loading;
      qz.data.banks(banks).then(function (loaded) {
        var pool = fromSource(v.entries(loaded).filter(function (entry) {
          return types.indexOf(entry.data.type) !== -1;
        }), checked(form, "source")[0]);
        v.status(view).textContent = pool.length ? "" : T.noQuestions;
        stage.textContent = "";
        if (pool.length) cards(stage, v.shuffled(pool).slice(0, count), index, view);
      }, function () {
        v.status(view).textContent = T.failed;
      });
    });
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

  /* One question at a time: 核对本题 shows right or wrong at once, 下一题 moves on. */
  function cards(stage, chosen, index, view) {
    var made = v.quiz(stage, "practice", chosen, index);
    made.root.querySelector("[data-qz-actions]").hidden = true;
    var right = 0;
    var position = 0;
    var check = v.el("button", { type: "button", "class": "md-button md-button--primary" }, T.check);
    var next = v.el("button", { type: "button", "class": "md-button" }, T.next);
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
      var first = made.questions[n].el.querySelector("input");
      if (first) first.focus();
    }
    check.addEventListener("click", function () {
      var question = made.questions[position];
      var result = question.grade();
      if (result.correct) right += 1;
      question.show(result.response, result.correct);
      qz.storage.record([result], false);
      check.hidden = true;
      if (position + 1 < made.questions.length) {
        next.hidden = false;
        next.focus();
      } else {
        made.result.textContent = T.practiceDone(right, made.questions.length);
        var again = v.el("button", { type: "button", "class": "md-button" }, T.again);
        again.addEventListener("click", function () {
          view.querySelector("form button[type=submit]").click();
        });
        bar.appendChild(again);
        made.result.focus();
      }
    });
    next.addEventListener("click", function () {
      position += 1;
      show(position);
    });
    show(0);
  }

  v.define("practice", practice);
})();
