/*
 * qz-exam-report.js: the mock exam's result and history.
 * - Scoring by the configured points (mkdocs.yml extra: exam:, checked by macros/paper.py):
 *   满分 is their sum; with multiple_partial a 多选题 with some right options missing and
 *   none wrong (少选) earns that fraction of its points, any wrong option nothing (错选).
 * - The result, scrolled under the header: the score, "答错的题：第3、7、12题" as jump
 *   links, 只看错题, points per type and answers per topic.
 * - The history of past exams; each one saved with its questions and answers can be
 *   reopened for review.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views;
  var TEXT = qz.text("exam");
  var QUIZ = qz.text("quiz"); // 第N题, as the quiz numbers its questions

  function shown(number) {
    return String(Math.round(number * 10) / 10);
  }

  /* Points earned by one graded question (its answer from the question itself). */
  function earned(result, question, config) {
    var points = config.points[result.type] || 0;
    if (result.correct) return points;
    if (result.type !== "multiple" || !config.partial) return 0;
    var given = result.response || [];
    var right = given.length > 0 && given.length < question.answer.length &&
      given.every(function (key) {
        return question.answer.indexOf(key) !== -1;
      });
    return right ? points * config.partial : 0;
  }

  function when(at) {
    var date = new Date(at);
    return date.toLocaleDateString("zh-CN") + " " +
      date.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" });
  }

  function table(caption, columns, rows) {
    var node = v.el("table"); // class-less, so Material styles it like the pages' tables
    node.appendChild(v.el("caption", {}, caption));
    var head = v.el("tr");
    columns.forEach(function (text) {
      head.appendChild(v.el("th", { scope: "col" }, text));
    });
    node.appendChild(head);
    rows.forEach(function (cells) {
      var row = v.el("tr");
      cells.forEach(function (cell, n) {
        if (n === 0) row.appendChild(v.el("th", { scope: "row" }, cell));
        else if (typeof cell === "string") row.appendChild(v.el("td", {}, cell));
        else {
          var td = v.el("td");
          td.appendChild(cell);
          row.appendChild(td);
        }
      });
      node.appendChild(row);
    });
    return node;
  }

  /* Score the sitting, save it to the history and put the result at the top of stage
     (returned, for the view to bring into view once the page around it is settled).
     sheet: the 答题卡 (for jumps); note: e.g. "时间到，已自动交卷。" or "". */
  function report(stage, made, results, config, used, index, sheet, note) {
    var titles = {};
    index.banks.forEach(function (bank) {
      titles[bank.id] = bank.title;
    });
    var score = 0;
    var full = 0;
    var byType = {};
    var byBank = {};
    var wrong = [];
    results.forEach(function (result, n) {
      var points = config.points[result.type] || 0;
      var got = earned(result, made.questions[n], config);
      full += points;
      score += got;
      if (!result.correct) wrong.push(n);
      var type = byType[result.type] || (byType[result.type] = { right: 0, total: 0, got: 0, full: 0 });
      type.total += 1;
      type.got += got;
      type.full += points;
      if (result.correct) type.right += 1;
      var name = titles[result.bank] || result.bank;
      var bank = byBank[name] || (byBank[name] = { right: 0, total: 0 });
      bank.total += 1;
      if (result.correct) bank.right += 1;
    });
    score = Math.round(score * 10) / 10;
    qz.storage.saveExam({ at: Date.now(), score: score, full: full, seconds: Math.round(used / 1000),
                          right: results.length - wrong.length, total: results.length,
                          items: results.map(function (result) {
                            return { b: result.bank, id: result.id, r: result.response };
                          }) });
    var panel = v.el("div", { "class": "qz-exam__report", tabindex: "-1", "data-qz-report": "" });
    if (note) panel.appendChild(v.el("p", { "class": "qz-exam__alert", role: "alert" }, note));
    var scored = qz.format(TEXT.score, { score: shown(score), full: shown(full) });
    panel.appendChild(v.el("h2", { "class": "qz-exam__score" }, scored));
    // "答错的题：第3、7、12题", each number a jump to its question.
    var list = v.el("p", { "class": "qz-exam__wrong" });
    var around = TEXT.wrongList.split("{numbers}");
    list.textContent = wrong.length ? around[0] : TEXT.noneWrong;
    wrong.forEach(function (n, i) {
      var question = made.questions[n];
      var link = v.el("a", { href: "#" + question.el.id, "aria-label": qz.format(QUIZ.number, { n: n + 1 }) },
                      String(n + 1));
      link.addEventListener("click", function (event) {
        event.preventDefault(); // moved by hand: instant navigation would re-render the page
        sheet.jump(question);
      });
      if (i) list.appendChild(document.createTextNode("、"));
      list.appendChild(link);
    });
    if (wrong.length) list.appendChild(document.createTextNode(around.slice(1).join("")));
    panel.appendChild(list);
    if (wrong.length) {
      var filter = v.el("label", { "class": "qz-exam__filter" });
      var box = v.el("input", { type: "checkbox", "data-qz-only-wrong": "" });
      filter.appendChild(box);
      filter.appendChild(document.createTextNode(" " + TEXT.onlyWrong));
      box.addEventListener("change", function () {
        results.forEach(function (result, n) {
          made.questions[n].el.hidden = box.checked && result.correct;
        });
      });
      panel.appendChild(filter);
    }
    var typeHeads = [TEXT.type, TEXT.right, TEXT.total, TEXT.points];
    panel.appendChild(table(TEXT.byType, typeHeads, Object.keys(byType).map(function (type) {
      var row = byType[type];
      return [v.TYPES[type], String(row.right), String(row.total), shown(row.got) + "/" + shown(row.full)];
    })));
    var bankHeads = [TEXT.bank, TEXT.right, TEXT.total];
    panel.appendChild(table(TEXT.byBank, bankHeads, Object.keys(byBank).map(function (name) {
      return [name, String(byBank[name].right), String(byBank[name].total)];
    })));
    stage.insertBefore(panel, stage.firstChild);
    return panel;
  }

  /* Reopen a saved exam for review: its questions as they are now, with the answers given
     then; questions since removed or changed beyond the saved answer are left out. */
  function reopen(box, item, index) {
    box.textContent = "";
    v.status(box).textContent = v.TEXT.loading;
    var known = {};
    index.banks.forEach(function (bank) {
      known[bank.id] = true;
    });
    var kept = item.items.filter(function (entry) {
      return known[entry.b];
    });
    qz.data.questions(kept.map(function (entry) {
      return { bank: entry.b, id: entry.id };
    })).then(function (found) {
      box.textContent = "";
      var chosen = [];
      var answers = [];
      found.forEach(function (entry, n) {
        if (entry) {
          chosen.push(entry);
          answers.push(kept[n].r);
        }
      });
      var title = qz.format(TEXT.reviewOf, { date: when(item.at), score: shown(item.score) });
      box.appendChild(v.el("h2", {}, title));
      var close = v.el("button", { type: "button", "class": "md-button" }, TEXT.closeReview);
      close.addEventListener("click", function () {
        box.textContent = "";
      });
      box.appendChild(close);
      var missing = item.items.length - chosen.length;
      if (missing) box.appendChild(v.el("p", {}, qz.format(TEXT.reviewMissing, { count: missing })));
      if (!chosen.length) return;
      var made = v.quiz(box, "exam-review", chosen, index);
      made.root.querySelector("[data-qz-actions]").hidden = true;
      made.questions.forEach(function (question, n) {
        // The same question may also be on the page (the exam just taken): its radios must
        // not share a group with these, nor its id.
        question.el.removeAttribute("id");
        question.inputs.forEach(function (input) {
          input.name = "review-" + input.name;
        });
        var response = qz.drafts.fits(question, answers[n]) ? answers[n]
          : question.type === "multiple" || question.type === "fill" ? [] : null;
        question.fill(response);
        question.show(response, qz.check.isCorrect(question.type, question.answer, response));
      });
      box.firstChild.setAttribute("tabindex", "-1");
      box.firstChild.focus();
    }, function () {
      v.status(box).textContent = v.TEXT.failed;
    });
  }

  /* The last exams (date, score, time) with 查看 where the exam was saved with its answers. */
  function history(view, index) {
    var list = view.querySelector("[data-qz-history]");
    var exams = qz.storage.exams().filter(function (item) {
      return item && typeof item.at === "number" && typeof item.score === "number";
    });
    list.textContent = "";
    list.hidden = !exams.length;
    if (!exams.length) return;
    var box = v.el("div", { "class": "qz-exam__past" });
    var heads = [TEXT.date, TEXT.points, TEXT.used, TEXT.reviewColumn];
    list.appendChild(table(qz.format(TEXT.recent, { count: exams.length }), heads,
                           exams.map(function (item) {
      var seconds = Math.max(0, Math.round(item.seconds) || 0);
      var cell = document.createTextNode("—");
      if (Array.isArray(item.items) && item.items.length) {
        cell = v.el("button", { type: "button", "class": "qz-exam__reopen",
                                "aria-label": qz.format(TEXT.reviewLabel, { date: when(item.at) }) },
                    TEXT.review);
        cell.addEventListener("click", function () {
          reopen(box, { at: item.at, score: item.score, items: item.items.filter(function (entry) {
            return entry && typeof entry.b === "string" && typeof entry.id === "string";
          }) }, index);
        });
      }
      return [when(item.at), qz.format(TEXT.scoreCell, { score: shown(item.score) }),
              qz.format(TEXT.usedCell, { minutes: Math.floor(seconds / 60), seconds: seconds % 60 }), cell];
    })));
    list.appendChild(box);
  }

  qz.examReport = { report: report, history: history, earned: earned };
})();
