/*
 * qz-study.js: the 自测中心 views: 综合练习, 模拟考试, 错题本, 学习进度, 每日一题 and
 * 导出/导入. Each view is a <section data-qz-view="…"> rendered by the study_view macro.
 * Questions come from qz.data (files written at build time, rendered by the same template
 * as page quizzes) and are checked and shown by qz.Quiz / qz.Question from qz-quiz.js.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var TYPES = { single: "单选题", multiple: "多选题", judge: "判断题", fill: "填空题" };
  var TEXT = {
    loading: "正在载入题目……",
    failed: "题目没能载入，请刷新页面再试。",
    noQuestions: "所选范围内没有题目，请多选几个专题或题型。",
    check: "核对本题",
    next: "下一题",
    again: "再练一组",
    practiceDone: function (right, total) {
      return "本组练完：答对 " + right + " / " + total + " 题。答错的题已记入错题本。";
    },
    startExam: "开始考试",
    extend: "延长10分钟",
    untimed: "不再计时",
    remaining: "剩余时间",
    untimedNote: "已关闭计时，做完后点“提交答案”。",
    warn: function (minutes) {
      return "注意：考试还剩" + minutes + "分钟，到时将自动交卷。可点“延长10分钟”。";
    },
    timeUp: "时间到，已自动交卷。",
    score: function (score) {
      return "本次得分" + score + "分（满分100分）";
    },
    noReview: "今天没有要复习的错题。",
    nextReview: function (date) {
      return "下一次复习在" + date + "。";
    },
    reviewCount: function (due, total) {
      return "今天要复习" + due + "题（错题本共" + total + "题）。";
    },
    reviewDone: "复习完成。答对的题会隔几天再出现，答错的明天再复习。",
    continueAt: "继续学习：",
    exported: "学习记录已导出。",
    imported: "导入完成，两边的记录已合并。",
    shareLink: "本题链接（可发到微信群）：",
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shuffled(list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor((random || Math.random)() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  /* Every question of the given banks as {bank, data} entries. */
  function entries(banks) {
    var list = [];
    Object.keys(banks).forEach(function (id) {
      banks[id].questions.forEach(function (question) {
        list.push({ bank: id, data: question });
      });
    });
    return list;
  }

  /* A quiz section holding the given entries, wired by qz.Quiz. */
  function quiz(container, id, chosen, index, onGraded) {
    var root = el("div", { "class": "qz qz--study", "data-quiz-id": id });
    root.innerHTML = chosen.map(function (entry) {
      return entry.data.html;
    }).join("") + index.actions;
    Array.prototype.forEach.call(root.querySelectorAll("a[data-qz-source]"), function (link) {
      link.href = qz.data.url(link.getAttribute("href")); // data files link from the site root
    });
    container.appendChild(root);
    var made = new qz.Quiz(root, { onGraded: onGraded });
    made.questions.forEach(function (question, n) {
      question.number(n + 1);
    });
    made.start();
    return made;
  }

  function status(view) {
    var line = view.querySelector("[data-qz-status]");
    if (!line) {
      line = el("p", { "class": "qz-study__status", role: "status", "data-qz-status": "" });
      view.appendChild(line);
    }
    return line;
  }

  /* ---------------------------------------------------------------- 综合练习 */

  function practice(view, index) {
    var form = view.querySelector("form");
    var bankBox = form.querySelector("[data-qz-banks]");
    index.banks.forEach(function (bank) {
      var label = el("label", { "class": "qz-study__choice" });
      label.appendChild(el("input", { type: "checkbox", name: "bank", value: bank.id, checked: "" }));
      label.appendChild(document.createTextNode(" " + bank.title + "（" + bank.count + "题）"));
      bankBox.appendChild(label);
    });
    var stage = view.querySelector("[data-qz-stage]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var banks = checked(form, "bank");
      var types = checked(form, "type");
      var count = Math.max(1, parseInt(form.elements.count.value, 10) || 10);
      status(view).textContent = TEXT.loading;
      qz.data.banks(banks).then(function (loaded) {
        var pool = entries(loaded).filter(function (entry) {
          return types.indexOf(entry.data.type) !== -1;
        });
        status(view).textContent = pool.length ? "" : TEXT.noQuestions;
        stage.textContent = "";
        if (pool.length) cards(stage, shuffled(pool).slice(0, count), index, view);
      }, function () {
        status(view).textContent = TEXT.failed;
      });
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
    var made = quiz(stage, "practice", chosen, index);
    made.root.querySelector("[data-qz-actions]").hidden = true;
    var right = 0;
    var position = 0;
    var check = el("button", { type: "button", "class": "md-button md-button--primary" }, TEXT.check);
    var next = el("button", { type: "button", "class": "md-button" }, TEXT.next);
    var bar = el("div", { "class": "qz__actions" });
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
        made.result.textContent = TEXT.practiceDone(right, made.questions.length);
        var again = el("button", { type: "button", "class": "md-button" }, TEXT.again);
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

  /* ---------------------------------------------------------------- 模拟考试 */

  function exam(view, index) {
    var config = JSON.parse(view.getAttribute("data-qz-exam"));
    var stage = view.querySelector("[data-qz-stage]");
    var start = view.querySelector("[data-qz-start]");
    history(view);
    start.addEventListener("click", function () {
      start.disabled = true;
      status(view).textContent = TEXT.loading;
      qz.data.banks(index.banks.map(function (bank) {
        return bank.id;
      })).then(function (loaded) {
        status(view).textContent = "";
        var pool = entries(loaded);
        var paper = [];
        Object.keys(TYPES).forEach(function (type) {
          var ofType = pool.filter(function (entry) {
            return entry.data.type === type;
          });
          paper = paper.concat(shuffled(ofType).slice(0, config.counts[type] || 0));
        });
        stage.textContent = "";
        sit(view, stage, paper, index, config);
      }, function () {
        start.disabled = false;
        status(view).textContent = TEXT.failed;
      });
    });
  }

  function sit(view, stage, paper, index, config) {
    var began = Date.now();
    var limit = config.minutes * 60000;
    var warned = {};
    var timer = null;
    var clock = el("div", { "class": "qz-exam__clock", "data-qz-clock": "" });
    var remaining = el("span", { "class": "qz-exam__remaining" });
    var extend = el("button", { type: "button", "class": "md-button" }, TEXT.extend);
    var untimed = el("button", { type: "button", "class": "md-button" }, TEXT.untimed);
    var alert = el("p", { "class": "qz-exam__alert", role: "alert" });
    clock.appendChild(remaining);
    clock.appendChild(extend);
    clock.appendChild(untimed);
    stage.appendChild(clock);
    stage.appendChild(alert);
    var made = quiz(stage, "exam", paper, index, function (results) {
      if (timer) clearInterval(timer);
      clock.hidden = true;
      report(view, stage, results, config, Date.now() - began, index);
    });
    made.root.querySelector("[data-qz-reset]").hidden = true;
    function tick() {
      var left = limit - (Date.now() - began);
      if (left <= 0) {
        alert.textContent = TEXT.timeUp;
        made.submit();
        return;
      }
      var seconds = Math.ceil(left / 1000);
      remaining.textContent = TEXT.remaining + Math.floor(seconds / 60) + "分" + (seconds % 60) + "秒";
      [5, 1].forEach(function (minutes) {
        if (left <= minutes * 60000 && !warned[minutes] && limit > minutes * 60000) {
          warned[minutes] = true;
          alert.textContent = TEXT.warn(minutes);
        }
      });
    }
    extend.addEventListener("click", function () {
      limit += 10 * 60000;
      warned = {};
      alert.textContent = "";
      tick();
    });
    untimed.addEventListener("click", function () {
      clearInterval(timer);
      timer = null;
      remaining.textContent = TEXT.untimedNote;
      extend.hidden = true;
      untimed.hidden = true;
      alert.textContent = "";
    });
    timer = setInterval(tick, 1000);
    tick();
    made.questions[0].el.querySelector("input").focus();
  }

  /* Score out of 100 by the configured points, with a breakdown per type and per topic. */
  function report(view, stage, results, config, used, index) {
    var titles = {};
    index.banks.forEach(function (bank) {
      titles[bank.id] = bank.title;
    });
    var earned = 0;
    var full = 0;
    var byType = {};
    var byBank = {};
    results.forEach(function (result) {
      var points = config.points[result.type] || 0;
      full += points;
      if (result.correct) earned += points;
      [[byType, TYPES[result.type]], [byBank, titles[result.bank] || result.bank]].forEach(function (pair) {
        var row = pair[0][pair[1]] || (pair[0][pair[1]] = { right: 0, total: 0 });
        row.total += 1;
        if (result.correct) row.right += 1;
      });
    });
    var score = full ? Math.round((earned / full) * 100) : 0;
    qz.storage.saveExam({ at: Date.now(), score: score, seconds: Math.round(used / 1000),
                          right: results.filter(function (r) { return r.correct; }).length,
                          total: results.length });
    var panel = el("div", { "class": "qz-exam__report", tabindex: "-1" });
    panel.appendChild(el("h2", { "class": "qz-exam__score" }, TEXT.score(score)));
    [["题型", byType], ["专题", byBank]].forEach(function (pair) {
      var table = el("table"); // class-less, so Material styles it like the pages' tables
      table.appendChild(el("caption", {}, "按" + pair[0]));
      var head = el("tr");
      [pair[0], "答对", "题数"].forEach(function (text) {
        head.appendChild(el("th", { scope: "col" }, text));
      });
      table.appendChild(head);
      Object.keys(pair[1]).forEach(function (name) {
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, name));
        row.appendChild(el("td", {}, String(pair[1][name].right)));
        row.appendChild(el("td", {}, String(pair[1][name].total)));
        table.appendChild(row);
      });
      panel.appendChild(table);
    });
    stage.insertBefore(panel, stage.firstChild);
    history(view);
    panel.focus();
  }

  function history(view) {
    var list = view.querySelector("[data-qz-history]");
    var exams = qz.storage.exams();
    list.textContent = "";
    list.hidden = !exams.length;
    if (!exams.length) return;
    var table = el("table");
    table.appendChild(el("caption", {}, "最近" + exams.length + "次模拟考试"));
    var head = el("tr");
    ["日期", "得分", "用时"].forEach(function (text) {
      head.appendChild(el("th", { scope: "col" }, text));
    });
    table.appendChild(head);
    exams.forEach(function (item) {
      var row = el("tr");
      var when = new Date(item.at);
      row.appendChild(el("td", {}, when.toLocaleDateString("zh-CN") + " " +
                                   when.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" })));
      row.appendChild(el("td", {}, item.score + "分"));
      row.appendChild(el("td", {}, Math.floor(item.seconds / 60) + "分" + (item.seconds % 60) + "秒"));
      table.appendChild(row);
    });
    list.appendChild(table);
  }

  /* ---------------------------------------------------------------- 错题本 */

  function review(view, index) {
    var due = qz.storage.reviews(true);
    var all = qz.storage.reviews(false);
    var stage = view.querySelector("[data-qz-stage]");
    if (!due.length) {
      var later = all.map(function (entry) {
        return entry.due;
      }).sort()[0];
      status(view).textContent = TEXT.noReview + (later ? TEXT.nextReview(later) : "");
      return;
    }
    status(view).textContent = TEXT.reviewCount(due.length, all.length);
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
      var chosen = entries(loaded).filter(function (entry) {
        return wanted[entry.data.id];
      });
      // Questions removed from the banks since they were answered leave the book.
      var gone = due.filter(function (entry) {
        return !chosen.some(function (found) {
          return found.data.id === entry.id;
        });
      });
      if (gone.length) {
        qz.storage.forgetReviews(gone.map(function (entry) {
          return entry.id;
        }));
        status(view).textContent = TEXT.reviewCount(chosen.length, all.length - gone.length);
      }
      if (!chosen.length) {
        status(view).textContent = TEXT.noReview;
        return;
      }
      var made = quiz(stage, "review", chosen, index, function () {
        status(view).textContent = TEXT.reviewDone;
      });
      made.root.querySelector("[data-qz-reset]").hidden = true;
    }, function () {
      status(view).textContent = TEXT.failed;
    });
  }

  /* ---------------------------------------------------------------- 学习进度 */

  function progress(view, index) {
    var stats = qz.storage.stats();
    var book = {};
    qz.storage.reviews(false).forEach(function (entry) {
      book[entry.id] = true;
    });
    var list = view.querySelector("[data-qz-topics]");
    index.banks.forEach(function (bank) {
      var seen = 0;
      var mastered = 0;
      var answered = 0;
      var right = 0;
      Object.keys(stats).forEach(function (id) {
        var item = stats[id];
        if (item.bank !== bank.id) return;
        seen += 1;
        answered += item.seen;
        right += item.right;
        if (item.last && !book[id]) mastered += 1;
      });
      seen = Math.min(seen, bank.count);
      mastered = Math.min(mastered, bank.count);
      var accuracy = answered ? Math.round((right / answered) * 100) : 0;
      var item = el("li", { "class": "qz-progress", "data-qz-topic": bank.id });
      var link = el("a", { href: qz.data.url(bank.url) }, bank.title);
      item.appendChild(link);
      var bar = el("progress", { max: String(bank.count), value: String(mastered),
                                 "aria-label": bank.title + " 掌握进度" });
      item.appendChild(bar);
      item.appendChild(el("span", { "class": "qz-progress__figures" },
        "做过" + seen + "/" + bank.count + "题，掌握" + mastered + "题，正确率" +
        (answered ? accuracy + "%" : "—")));
      list.appendChild(item);
    });
    var checks = view.querySelector("[data-qz-checklist]");
    var done = index.checklist.filter(function (key) {
      return qz.storage.isChecked(key);
    }).length;
    checks.textContent = "新同志入门清单：已完成" + done + "/" + index.checklist.length + "项。";
    var visit = qz.storage.visit();
    var resume = view.querySelector("[data-qz-resume]");
    if (visit) {
      resume.textContent = TEXT.continueAt;
      resume.appendChild(el("a", { href: qz.data.url(visit.url) }, visit.title));
    }
  }

  /* ---------------------------------------------------------------- 每日一题 */

  /* The same question for everyone on the same date: a hash of the date picks it. */
  function dailyPick(date, total) {
    var hash = 2166136261;
    for (var i = 0; i < date.length; i++) hash = Math.imul(hash ^ date.charCodeAt(i), 16777619);
    return (hash >>> 0) % total;
  }

  function daily(view, index) {
    var date = qz.today();
    var total = index.banks.reduce(function (sum, bank) {
      return sum + bank.count;
    }, 0);
    var pick = dailyPick(date, total);
    var bank = index.banks[0];
    for (var i = 0; i < index.banks.length; i++) {
      bank = index.banks[i];
      if (pick < bank.count) break;
      pick -= bank.count;
    }
    view.querySelector("[data-qz-date]").textContent = date;
    qz.data.banks([bank.id]).then(function (loaded) {
      var entry = { bank: bank.id, data: loaded[bank.id].questions[pick] };
      var made = quiz(view.querySelector("[data-qz-stage]"), "daily", [entry], index);
      made.root.querySelector("[data-qz-reset]").hidden = true;
      var share = el("p", { "class": "qz-daily__share" }, TEXT.shareLink);
      var url = qz.data.url(entry.data.link);
      share.appendChild(el("a", { href: url, "data-qz-share": "" }, url));
      made.root.appendChild(share);
    }, function () {
      status(view).textContent = TEXT.failed;
    });
  }

  /* ---------------------------------------------------------------- 导出 / 导入 */

  function records(view) {
    var message = status(view);
    view.querySelector("[data-qz-export]").addEventListener("click", function () {
      var blob = new Blob([qz.records.exportText()], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob),
                           download: "机关党建学习记录-" + qz.today() + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      message.textContent = TEXT.exported;
    });
    view.querySelector("[data-qz-import]").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        message.textContent = qz.records.importText(String(reader.result)) || TEXT.imported;
      };
      reader.readAsText(file);
      event.target.value = "";
    });
  }

  var VIEWS = { practice: practice, exam: exam, review: review, progress: progress,
                daily: daily, records: records };

  function start() {
    var views = document.querySelectorAll("[data-qz-view]:not([data-qz-ready])");
    Array.prototype.forEach.call(views, function (view) {
      view.setAttribute("data-qz-ready", "");
      view.querySelector("[data-qz-noscript]").hidden = true;
      Array.prototype.forEach.call(view.querySelectorAll("[data-qz-needs-script]"), function (part) {
        part.hidden = false;
      });
      var show = VIEWS[view.getAttribute("data-qz-view")];
      if (show === records) {
        records(view); // needs qz-records.js only, no question data
        return;
      }
      qz.data.index().then(function (index) {
        show(view, index);
      }, function () {
        status(view).textContent = TEXT.failed;
      });
    });
  }

  qz.onPage(start);
})();
