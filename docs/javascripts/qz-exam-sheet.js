/*
 * qz-exam-sheet.js: the mock exam's 答题卡 and what goes with it, as members know them
 * from paper exams and 学习强国:
 * - part headings "一、单选题（每题2分，共30分）" before each type's questions;
 * - a 标记 flag on every question, for questions to come back to;
 * - the 答题卡: a <nav> with one control per question showing answered / unanswered /
 *   flagged, jumping to the question, and "已答12/40"; after 交卷, right / wrong.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views;
  var TEXT = qz.text("exam");

  function jump(question) {
    question.el.setAttribute("tabindex", "-1");
    question.el.scrollIntoView({ block: "start" });
    var input = question.el.querySelector("input:not([disabled])");
    (input || question.el).focus({ preventScroll: true });
  }

  /* made: the exam's qz.Quiz; config: points per type; state.flags: flagged question ids;
     changed(): save the state. Returns { nav, update(), unanswered(), finish(results) }. */
  function sheet(made, config, state, changed, counter) {
    var questions = made.questions;
    var parts = 0;
    questions.forEach(function (question, n) {
      if (n > 0 && questions[n - 1].type === question.type) return;
      var count = questions.filter(function (other) {
        return other.type === question.type;
      }).length;
      var each = config.points[question.type] || 0;
      var heading = v.el("h2", { "class": "qz-exam__part" },
                         qz.format(TEXT.part, { numeral: TEXT.numerals.charAt(parts),
                                                type: v.TYPES[question.type],
                                                each: each, points: each * count }));
      parts += 1;
      question.el.parentNode.insertBefore(heading, question.el);
    });

    var nav = v.el("nav", { "class": "qz-exam__sheet", id: "qz-exam-sheet", "aria-label": TEXT.sheet });
    var title = v.el("p", { "class": "qz-exam__sheet-title" });
    var list = v.el("ol", { "class": "qz-exam__cells" });
    nav.appendChild(title);
    nav.appendChild(list);
    var cells = questions.map(function (question, n) {
      var item = v.el("li");
      var cell = v.el("button", { type: "button", "class": "qz-exam__cell", "data-qz-cell": "" },
                      String(n + 1));
      cell.addEventListener("click", function () {
        jump(question);
      });
      item.appendChild(cell);
      list.appendChild(item);
      var flag = v.el("button", { type: "button", "class": "qz-exam__flag",
                                  "aria-pressed": String(state.flags.indexOf(question.id) !== -1) },
                      TEXT.flag);
      flag.addEventListener("click", function () {
        var at = state.flags.indexOf(question.id);
        if (at === -1) state.flags.push(question.id);
        else state.flags.splice(at, 1);
        flag.setAttribute("aria-pressed", String(at === -1));
        update();
        changed();
      });
      var legend = question.el.querySelector("legend");
      legend.parentNode.insertBefore(flag, legend.nextSibling);
      return { button: cell, flag: flag, question: question };
    });

    function answered(question) {
      return qz.check.isAnswered(question.type, question.response());
    }

    function update() {
      var done = 0;
      cells.forEach(function (cell, n) {
        var given = answered(cell.question);
        var flagged = state.flags.indexOf(cell.question.id) !== -1;
        if (given) done += 1;
        cell.button.classList.toggle("qz-exam__cell--answered", given);
        cell.button.classList.toggle("qz-exam__cell--flagged", flagged);
        var label = flagged ? (given ? TEXT.sheetFlagged : TEXT.sheetFlaggedEmpty)
                            : (given ? TEXT.sheetAnswered : TEXT.sheetUnanswered);
        cell.button.setAttribute("aria-label", qz.format(label, { n: n + 1 }));
      });
      title.textContent = TEXT.sheet + "　" + qz.format(TEXT.answered, { done: done, total: cells.length });
      counter.textContent = qz.format(TEXT.answered, { done: done, total: cells.length });
      return done;
    }

    made.root.addEventListener("change", update);
    made.root.addEventListener("input", update);
    update();

    return {
      nav: nav,
      update: update,
      jump: jump,
      unanswered: function () {
        return cells.length - update();
      },
      /* After 交卷: flags go, each cell says right or wrong. */
      finish: function (results) {
        made.root.removeEventListener("change", update);
        made.root.removeEventListener("input", update);
        cells.forEach(function (cell, n) {
          cell.flag.hidden = true;
          var state = results[n].correct ? "right" : "wrong";
          cell.button.classList.remove("qz-exam__cell--answered", "qz-exam__cell--flagged");
          cell.button.classList.add("qz-exam__cell--" + state);
          var label = results[n].correct ? TEXT.sheetRight : TEXT.sheetWrong;
          cell.button.setAttribute("aria-label", qz.format(label, { n: n + 1 }));
        });
        title.textContent = TEXT.sheet;
      },
    };
  }

  qz.examSheet = sheet;
})();
