/*
 * qz-views.js: what the 自测中心 views share. Each view is a <section data-qz-view="…">
 * rendered by the study_view macro and brought to life by its own file (qz-practice.js,
 * qz-exam.js, qz-review.js, qz-progress.js, qz-daily.js, qz-transfer.js), loaded by
 * qz-header.js only where the page holds that view. Questions come from qz.data (files
 * written at build time, rendered by the same template as page quizzes) and are checked
 * and shown by qz.Quiz / qz.Question from qz-quiz.js.
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
    practiceResumed: function (position, total) {
      return "已恢复未做完的综合练习：第" + position + "题，共" + total + "题。";
    },
    practiceGone: "上次未做完的综合练习里有题目已被修改或删除，无法继续；请重新选题开始练习。",
    practiceDone: function (right, total) {
      return "本组练完：答对 " + right + " / " + total + " 题。答错的题已记入错题本。";
    },
    startExam: "开始考试",
    extend: "延长10分钟",
    untimed: "不再计时",
    remaining: "剩余",
    untimedNote: "已关闭计时",
    warn: function (minutes) {
      return "还剩" + minutes + "分钟";
    },
    timeUp: "时间到，已自动交卷。",
    timeUpAway: "你离开期间考试时间已到，已按离开前的作答自动交卷。",
    submitExam: "交卷",
    unansweredAsk: function (count) {
      return "还有" + count + "题未作答，确定交卷吗？";
    },
    submitAsk: "确定交卷吗？交卷后不能再改答案。",
    keepAnswering: "继续作答",
    leaveAsk: "模拟考试正在进行，离开后计时不停。已作答的题会保存，回到本页可以继续。确定离开吗？",
    leave: "离开",
    stay: "继续考试",
    resumed: function (answered, total) {
      return "已恢复未交卷的模拟考试：已答" + answered + "/" + total + "题，计时按实际时间继续。";
    },
    draftGone: "上次未交卷的模拟考试里有题目已被修改或删除，无法继续，已作废；请重新开始考试。",
    answered: function (done, total) {
      return "已答" + done + "/" + total;
    },
    sheet: "答题卡",
    sheetItem: function (n, answered, flagged) {
      return "第" + n + "题，" + (answered ? "已作答" : "未作答") + (flagged ? "，已标记" : "");
    },
    sheetResult: function (n, correct) {
      return "第" + n + "题，" + (correct ? "答对" : "答错");
    },
    number: function (n) {
      return "第" + n + "题";
    },
    flag: "标记",
    part: function (numeral, type, each, count) {
      return numeral + "、" + type + "（每题" + each + "分，共" + (each * count) + "分）";
    },
    score: function (score, full) {
      return "本次得分" + score + "分（满分" + full + "分）";
    },
    wrongList: "答错的题：",
    noneWrong: "全部答对。",
    onlyWrong: "只看错题",
    review: "查看",
    reviewOf: function (date, score) {
      return date + "的模拟考试，得分" + score + "分";
    },
    reviewMissing: function (count) {
      return "其中" + count + "题已被修改或删除，未列出。";
    },
    closeReview: "收起",
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

  /* A quiz section holding the given entries, wired by qz.Quiz; options.confirmSubmit asks
     before submitting (see qz.Quiz). */
  function quiz(container, id, chosen, index, onGraded, options) {
    var root = el("div", { "class": "qz qz--study", "data-quiz-id": id });
    root.innerHTML = chosen.map(function (entry) {
      return entry.data.html;
    }).join("") + index.actions;
    Array.prototype.forEach.call(root.querySelectorAll("a[data-qz-source]"), function (link) {
      link.href = qz.data.url(link.getAttribute("href")); // data files link from the site root
    });
    container.appendChild(root);
    var made = new qz.Quiz(root, { onGraded: function (results) {
      if (root.isConnected && onGraded) onGraded(results); // never save from a view left behind
    }, confirmSubmit: options && options.confirmSubmit });
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

  /* Start every not yet started view of this name on the page: show its scripted parts,
     load the question index unless the view needs none, then call show(view, index).
     show may return a function that undoes what it started (timers, listeners on window
     or document); it runs when the member leaves the page (see qz.onPage). */
  function define(name, show, options) {
    var needsIndex = !options || options.index !== false;
    qz.onPage(function () {
      var stops = [];
      var views = document.querySelectorAll("[data-qz-view=" + name + "]:not([data-qz-ready])");
      Array.prototype.forEach.call(views, function (view) {
        view.setAttribute("data-qz-ready", "");
        view.querySelector("[data-qz-noscript]").hidden = true;
        Array.prototype.forEach.call(view.querySelectorAll("[data-qz-needs-script]"), function (part) {
          part.hidden = false;
        });
        function begin(index) {
          var stop = show(view, index);
          if (typeof stop === "function") stops.push(stop);
        }
        if (!needsIndex) {
          begin(null);
          return;
        }
        qz.data.index().then(function (index) {
          if (view.isConnected) begin(index); // the member may have left meanwhile
        }, function () {
          status(view).textContent = TEXT.failed;
        });
      });
      return function () {
        stops.forEach(function (stop) {
          stop();
        });
      };
    });
  }

  qz.views = { TYPES: TYPES, TEXT: TEXT, el: el, shuffled: shuffled, entries: entries, quiz: quiz,
               status: status, define: define };
})();
