/*
 * qz-groups.js: a long page quiz (more than LONG questions) taken in groups of SIZE: one
 * group shows at a time, with 上一组 / 下一组 and a progress line, and each question is
 * numbered 第N/M题. 显示全部题目 turns the grouping off (and 分组作答 back on). Without
 * scripts, or on short quizzes, every question shows as before. Hooks into qz-quiz.js
 * through "qz:quiz-ready" (see qz-marks.js); 提交答案 still grades the whole quiz.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var LONG = 15;
  var SIZE = 10;
  var TEXT = qz.text("groups");
  var QUIZ = qz.text("quiz"); // 第N题, as the quiz numbers its questions

  function button(text, hook) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "md-button";
    node.setAttribute(hook, "");
    node.textContent = text;
    return node;
  }

  function group(event) {
    var quiz = event.detail.quiz;
    var questions = quiz.questions;
    // Page quizzes only: the 自测中心 views show their questions their own way.
    if (!quiz.keep || questions.length <= LONG || quiz.root.querySelector("[data-qz-groups]")) return;
    var groups = Math.ceil(questions.length / SIZE);
    var current = 0;
    var on = false;
    var nav = document.createElement("nav");
    nav.className = "qz-groups";
    nav.setAttribute("data-qz-groups", "");
    nav.setAttribute("aria-label", TEXT.navLabel);
    var where = document.createElement("p");
    where.className = "qz-groups__where";
    where.setAttribute("role", "status");
    where.setAttribute("data-qz-group-where", "");
    var previous = button(TEXT.previous, "data-qz-group-previous");
    var next = button(TEXT.next, "data-qz-group-next");
    var toggle = button(TEXT.showAll, "data-qz-group-toggle");
    [where, previous, next].forEach(function (node) {
      nav.appendChild(node);
    });
    quiz.root.insertBefore(nav, quiz.root.querySelector("[data-qz-actions]"));
    // The switch sits above the first question, where the member starts.
    var top = document.createElement("p");
    top.className = "qz-groups__switch";
    top.appendChild(toggle);
    quiz.root.insertBefore(top, questions[0].el);

    function show(index, focus) {
      current = index;
      var first = index * SIZE;
      var last = Math.min(first + SIZE, questions.length);
      questions.forEach(function (question, i) {
        question.el.hidden = on && (i < first || i >= last);
        question.el.querySelector(".qz-question__number").textContent =
          qz.format(on ? TEXT.number : QUIZ.number, { n: i + 1, total: questions.length });
      });
      nav.hidden = !on;
      previous.hidden = !on || index === 0;
      next.hidden = !on || index === groups - 1;
      toggle.textContent = on ? TEXT.showAll : qz.format(TEXT.grouped, { size: SIZE });
      where.textContent = on ? qz.format(TEXT.where, {
        group: index + 1, groups: groups, first: first + 1, last: last, total: questions.length,
      }) +
        (index === groups - 1 ? TEXT.lastGroup : "") : "";
      if (focus) {
        var stem = questions[first].el.querySelector("input");
        if (stem) stem.focus();
      }
    }
    previous.addEventListener("click", function () {
      show(current - 1, true);
    });
    next.addEventListener("click", function () {
      show(current + 1, true);
    });
    toggle.addEventListener("click", function () {
      on = !on;
      show(current, on);
    });
    show(0, false);
  }

  qz.groups = { TEXT: TEXT, size: SIZE, long: LONG };

  qz.onPage(function () {
    document.addEventListener("qz:quiz-ready", group);
    return function () {
      document.removeEventListener("qz:quiz-ready", group);
    };
  });
})();
