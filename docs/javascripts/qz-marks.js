/*
 * qz-marks.js: what a member can do with one question beyond answering it.
 * - 收藏 and 斩题 (mastered: 综合练习 leaves it out) on every question of every quiz;
 * - after a question is checked: its 题号 (the stable question id, to report a mistake by)
 *   and, in 综合练习 and the 错题本, 把握程度 (有把握 / 拿不准).
 * It hooks into qz-quiz.js through two events: "qz:quiz-ready" on a quiz's root after
 * Quiz.start (detail.quiz) and "qz:shown" on a question's fieldset after Question.show
 * (detail.question, detail.correct). Loaded before qz-quiz.js so it hears the first quiz.
 *
 * 把握程度 rule: 有把握 is counted in the question's stats (sure), and counted again when
 * the answer was wrong (sureWrong; 学习进度 shows the share); a right answer marked 拿不准
 * enters the 错题本 due tomorrow, as a guess is not yet knowledge.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var TEXT = qz.text("marks");
  var ASK_IN = { practice: true, review: true }; // quizzes that ask for 把握程度

  /* 把握程度 of an answer recorded just before (see the top of this file). */
  function confidence(data, result, sure, now) {
    var stats = data.stats[result.id];
    if (stats && sure) {
      stats.sure = (stats.sure || 0) + 1;
      stats.sureWrong = (stats.sureWrong || 0) + (result.correct ? 0 : 1);
    }
    if (!sure && result.correct && !data.review[result.id]) {
      data.review[result.id] = { bank: result.bank, step: 0, due: qz.today(1), at: now };
    }
  }

  /* Set one mark ("star" or "mastered") of a question; with neither, it leaves the table. */
  function saveMark(id, name, value) {
    return qz.storage.change(function (data) {
      var old = data.marks[id] || {};
      var mark = { star: old.star === true, mastered: old.mastered === true, at: Date.now() };
      mark[name] = value;
      if (mark.star || mark.mastered) data.marks[id] = mark;
      else delete data.marks[id];
    });
  }

  function button(text, attrs) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "qz-marks__button";
    Object.keys(attrs).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    node.textContent = text;
    return node;
  }

  function toggle(node, on) {
    var name = node.getAttribute("data-qz-mark");
    node.setAttribute("aria-pressed", on ? "true" : "false");
    node.textContent = name === "star" ? (on ? TEXT.starred : TEXT.star)
                                       : (on ? TEXT.masteredOn : TEXT.mastered);
  }

  /* 收藏 and 斩题 buttons on every question of a quiz just started: right in the question's
     fieldset (a group its legend names), under the stem, before the options, so Tab goes
     marks, options, then on to 提交答案. No wrapper: a page of 100 questions carries 100
     elements fewer. */
  function addMarks(event) {
    var marks = qz.storage.snapshot().marks;
    event.detail.quiz.questions.forEach(function (question) {
      if (question.el.querySelector("[data-qz-mark]")) return;
      var stem = question.el.querySelector("legend");
      var before = stem ? stem.nextSibling : question.el.firstChild;
      ["star", "mastered"].forEach(function (name) {
        var node = button("", { "data-qz-mark": name });
        toggle(node, !!(marks[question.id] && marks[question.id][name]));
        node.addEventListener("click", function () {
          var on = node.getAttribute("aria-pressed") !== "true";
          saveMark(question.id, name, on);
          toggle(node, on);
        });
        question.el.insertBefore(node, before);
      });
    });
  }

  /* The 题号 under the feedback, made when a question is first checked (a page of 100
     questions carries none until then); quiz.css shows it while the question shows its
     result (qz-question--…) and hides it after 重新作答. */
  function questionId(question) {
    var id = question.el.querySelector("[data-qz-qid]");
    if (!id) {
      id = document.createElement("p");
      id.className = "qz-question__qid";
      id.setAttribute("data-qz-qid", "");
      id.textContent = TEXT.questionId + question.id;
      question.el.insertBefore(id, question.feedback.nextSibling);
    }
    return id;
  }

  /* After a check: the 题号; in practice and review also the 把握程度 question. */
  function afterCheck(event) {
    var question = event.detail.question;
    questionId(question);
    var root = question.el.closest("[data-quiz-id]");
    if (!root || !ASK_IN[root.getAttribute("data-quiz-id")]) return;
    var old = question.el.querySelector("[data-qz-sure]");
    if (old) old.parentNode.removeChild(old);
    var correct = event.detail.correct;
    var ask = document.createElement("div");
    ask.className = "qz-marks qz-marks--sure";
    ask.setAttribute("data-qz-sure", "");
    ask.setAttribute("role", "group");
    ask.setAttribute("aria-label", TEXT.sureAsk);
    ask.appendChild(document.createTextNode(TEXT.sureAsk));
    [true, false].forEach(function (sure) {
      var node = button(sure ? TEXT.sure : TEXT.unsure, { "data-qz-sure-choice": String(sure) });
      node.addEventListener("click", function () {
        var result = { id: question.id, bank: question.bank, correct: correct };
        qz.storage.change(function (data) {
          confidence(data, result, sure, Date.now());
        });
        ask.textContent = sure ? TEXT.sureSaved : (correct ? TEXT.unsureToReview : TEXT.unsureSaved);
        ask.setAttribute("role", "status");
      });
      ask.appendChild(node);
    });
    question.el.insertBefore(ask, questionId(question).nextSibling);
  }

  qz.marks = { TEXT: TEXT, confidence: confidence, saveMark: saveMark };

  qz.onPage(function () {
    document.addEventListener("qz:quiz-ready", addMarks);
    document.addEventListener("qz:shown", afterCheck);
    return function () {
      document.removeEventListener("qz:quiz-ready", addMarks);
      document.removeEventListener("qz:shown", afterCheck);
    };
  });
})();
