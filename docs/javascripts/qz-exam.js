/*
 * qz-exam.js: 模拟考试, a timed paper drawn from all banks, scored by the configured points.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var T = v.TEXT;

  function exam(view, index) {
    var stop = null; // the sitting's cleanup, once the paper is drawn
    var config = JSON.parse(view.getAttribute("data-qz-exam"));
    var stage = view.querySelector("[data-qz-stage]");
    var start = view.querySelector("[data-qz-start]");
    history(view);
    start.addEventListener("click", function () {
      start.disabled = true;
      v.status(view).textContent = T.loading;
      qz.data.draw(index.banks.map(function (bank) {
        return bank.id;
      }), Object.keys(v.TYPES).map(function (type) {
        return { types: [type], count: config.counts[type] || 0 };
      })).then(function (paper) {
        v.status(view).textContent = "";
        stage.textContent = "";
        if (view.isConnected) stop = sit(view, stage, paper, index, config);
      }, function () {
        start.disabled = false;
        v.status(view).textContent = T.failed;
      });
    });
    return function () {
      if (stop) stop();
    };
  }

  function sit(view, stage, paper, index, config) {
    var began = Date.now();
    var limit = config.minutes * 60000;
    var warned = {};
    var timer = null;
    var clock = v.el("div", { "class": "qz-exam__clock", "data-qz-clock": "" });
    var remaining = v.el("span", { "class": "qz-exam__remaining" });
    var extend = v.el("button", { type: "button", "class": "md-button" }, T.extend);
    var untimed = v.el("button", { type: "button", "class": "md-button" }, T.untimed);
    var alert = v.el("p", { "class": "qz-exam__alert", role: "alert" });
    clock.appendChild(remaining);
    clock.appendChild(extend);
    clock.appendChild(untimed);
    stage.appendChild(clock);
    stage.appendChild(alert);
    var made = v.quiz(stage, "exam", paper, index, function (results) {
      if (timer) clearInterval(timer);
      clock.hidden = true;
      report(view, stage, results, config, Date.now() - began, index);
    });
    made.root.querySelector("[data-qz-reset]").hidden = true;
    function tick() {
      var left = limit - (Date.now() - began);
      if (left <= 0) {
        alert.textContent = T.timeUp;
        made.submit();
        return;
      }
      var seconds = Math.ceil(left / 1000);
      remaining.textContent = T.remaining + Math.floor(seconds / 60) + "分" + (seconds % 60) + "秒";
      [5, 1].forEach(function (minutes) {
        if (left <= minutes * 60000 && !warned[minutes] && limit > minutes * 60000) {
          warned[minutes] = true;
          alert.textContent = T.warn(minutes);
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
      remaining.textContent = T.untimedNote;
      extend.hidden = true;
      untimed.hidden = true;
      alert.textContent = "";
    });
    timer = setInterval(tick, 1000);
    tick();
    made.questions[0].el.querySelector("input").focus();
    return function () {
      if (timer) clearInterval(timer); // left mid-exam: nothing submits or saves by itself
      timer = null;
    };
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
      [[byType, v.TYPES[result.type]], [byBank, titles[result.bank] || result.bank]].forEach(function (pair) {
        var row = pair[0][pair[1]] || (pair[0][pair[1]] = { right: 0, total: 0 });
        row.total += 1;
        if (result.correct) row.right += 1;
      });
    });
    var score = full ? Math.round((earned / full) * 100) : 0;
    qz.storage.saveExam({ at: Date.now(), score: score, seconds: Math.round(used / 1000),
                          right: results.filter(function (r) { return r.correct; }).length,
                          total: results.length });
    var panel = v.el("div", { "class": "qz-exam__report", tabindex: "-1" });
    panel.appendChild(v.el("h2", { "class": "qz-exam__score" }, T.score(score)));
    [["题型", byType], ["专题", byBank]].forEach(function (pair) {
      var table = v.el("table"); // class-less, so Material styles it like the pages' tables
      table.appendChild(v.el("caption", {}, "按" + pair[0]));
      var head = v.el("tr");
      [pair[0], "答对", "题数"].forEach(function (text) {
        head.appendChild(v.el("th", { scope: "col" }, text));
      });
      table.appendChild(head);
      Object.keys(pair[1]).forEach(function (name) {
        var row = v.el("tr");
        row.appendChild(v.el("th", { scope: "row" }, name));
        row.appendChild(v.el("td", {}, String(pair[1][name].right)));
        row.appendChild(v.el("td", {}, String(pair[1][name].total)));
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
    var table = v.el("table");
    table.appendChild(v.el("caption", {}, "最近" + exams.length + "次模拟考试"));
    var head = v.el("tr");
    ["日期", "得分", "用时"].forEach(function (text) {
      head.appendChild(v.el("th", { scope: "col" }, text));
    });
    table.appendChild(head);
    exams.forEach(function (item) {
      var row = v.el("tr");
      var when = new Date(item.at);
      row.appendChild(v.el("td", {}, when.toLocaleDateString("zh-CN") + " " +
                                   when.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" })));
      row.appendChild(v.el("td", {}, item.score + "分"));
      row.appendChild(v.el("td", {}, Math.floor(item.seconds / 60) + "分" + (item.seconds % 60) + "秒"));
      table.appendChild(row);
    });
    list.appendChild(table);
  }

  v.define("exam", exam);
})();
